"""A headless QGIS session for the Makefile's scripts: QGIS, Processing and the plugin's provider."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS_DIR = Path(os.environ.get("QGIS_PLUGINPATH", ROOT / "build" / "plugins"))
sys.path.insert(0, str(PLUGINS_DIR))
sys.path.append("/usr/share/qgis/python/plugins")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsProcessingFeedback  # noqa: E402

_app = None
_provider = None  # referenced here: a provider Python lets go of vanishes from the registry


def start() -> QgsApplication:
    """Start QGIS once, with Processing and the kr8310 provider."""
    global _app, _provider
    if _app is None:
        _app = QgsApplication([], False)
        _app.initQgis()
        from processing.core.Processing import Processing

        Processing.initialize()
        from kr8310_plugin.processing.provider import Kr8310Provider

        _provider = Kr8310Provider()
        QgsApplication.processingRegistry().addProvider(_provider)
    return _app


class ConsoleFeedback(QgsProcessingFeedback):
    """Processing feedback as a one-line terminal progress bar, with messages above it."""

    def __init__(self, label: str = ""):
        super().__init__()
        self.label = label
        self.started = time.perf_counter()
        self._last = -1
        self.progressChanged.connect(self._draw)

    def _draw(self, progress: float) -> None:
        whole = int(progress)
        # On a terminal the bar redraws in place; in a log (CI) a line every 10 %.
        step = 1 if sys.stderr.isatty() else 10
        if whole // step == self._last // step and whole < 100 or whole == self._last:
            return
        self._last = whole
        bar = "#" * (whole // 4) + "-" * (25 - whole // 4)
        elapsed = time.perf_counter() - self.started
        sys.stderr.write(f"\r  {self.label:<28} [{bar}] {whole:3d}% {elapsed:6.1f}s")
        if whole >= 100 or not sys.stderr.isatty():
            sys.stderr.write("\n")
        sys.stderr.flush()

    def pushInfo(self, info: str) -> None:  # noqa: N802 - QGIS API
        sys.stderr.write(f"\r  {info}\n")

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802, N803 - QGIS API
        sys.stderr.write(f"\r  ERROR: {error}\n")


def run(algorithm_id: str, parameters: dict, label: str = "") -> dict:
    import processing

    return processing.run(f"kr8310:{algorithm_id}", parameters, feedback=ConsoleFeedback(label or algorithm_id))


def run_bench_section(name: str, section, description: str, goal_key: str) -> int:
    """Run one `make bench` section on its own: `python scripts/bench_NAME.py [--output] [--database]`.

    Uses the city-scale bench database (or the demo's), writes output/bench_NAME.json (which
    bench.py merges under "extra") and exits 1 when the section's goal (`goal_key`) is missed.
    """
    import argparse
    import json
    from types import SimpleNamespace

    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--database", type=Path)
    args = parser.parse_args()
    database = args.database
    if database is None:
        candidates = (args.output / "bench" / "city_full.gpkg", args.output / "demo.gpkg")
        database = next((c for c in candidates if c.is_file()), None)
    if database is None or not database.is_file():
        raise SystemExit("No city-scale database: run `make bench` or `make demo` first, or give --database.")
    start()
    results = {"database": str(database), **section(SimpleNamespace(database=database, output=args.output))}
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / f"bench_{name}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(json.dumps(results, indent=1))
    return 0 if results[goal_key] else 1

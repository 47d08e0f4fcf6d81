"""Dashboard timings at city scale: the recompute after a saved edit and the full Refresh.

    python scripts/bench_dashboard.py [--output output] [--database DB]

`bench_dashboard(bench)` can be a section of scripts/bench.py (it needs only `bench.database`).
Run on its own, it writes OUTPUT/bench_dashboard.json, which bench.py merges into bench.json
under "extra" -> "dashboard". The database defaults to bench.py's OUTPUT/bench/city_full.gpkg,
else the demo database OUTPUT/demo.gpkg.

Keys: after_save_s (coverage and KR roll-ups, what runs a moment after each saved edit; goal
<= 10 s), refresh_s (the Refresh button: the same plus the data problems count by
kr8310:validate), communities, issues, goal_s, goal_met.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import qgis_session

AFTER_SAVE_GOAL_S = 10.0


def bench_dashboard(bench) -> dict:
    """Time the dashboard's recompute (compute_dashboard, as its QgsTask runs it) on `bench.database`."""
    from kr8310_plugin.core.dashboard_model import LayerSource, compute_dashboard

    database = str(bench.database)
    sources = {
        name: LayerSource(f"{database}|layername={name}", "ogr", name)
        for name in ("communities", "households", "members", "districts")
    }
    results: dict = {}
    started = time.perf_counter()
    data, _ = compute_dashboard(sources, with_issues=False)
    results["after_save_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    data, _ = compute_dashboard(sources, with_issues=True)
    results["refresh_s"] = round(time.perf_counter() - started, 2)
    results["communities"] = data.communities
    results["issues"] = data.issue_count
    results["city_kr_pct"] = round(data.city.kr_pct or 0.0, 2)
    results["goal_s"] = AFTER_SAVE_GOAL_S
    results["goal_met"] = results["after_save_s"] <= AFTER_SAVE_GOAL_S
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--database", type=Path)
    args = parser.parse_args()
    database = args.database
    if database is None:
        candidates = (args.output / "bench" / "city_full.gpkg", args.output / "demo.gpkg")
        database = next((c for c in candidates if c.is_file()), None)
    if database is None or not database.is_file():
        raise SystemExit("No city-scale database: run `make bench` or `make demo` first, or give --database.")
    qgis_session.start()
    results = {"database": str(database), **bench_dashboard(SimpleNamespace(database=database, output=args.output))}
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "bench_dashboard.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(json.dumps(results, indent=1))
    return 0 if results["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""Export timings at city scale: the city map PDF and the 50-page district atlas (goal: atlas <= 60 s).

    python scripts/bench_exports.py [--output output] [--database DB]

`bench_exports(bench)` is also a section of scripts/bench.py (it needs only `bench.database`
and `bench.output`). Run on its own, it writes OUTPUT/bench_exports.json, which bench.py
merges into bench.json under "extra" -> "exports". The database defaults to bench.py's
OUTPUT/bench/city_full.gpkg, else the demo database OUTPUT/demo.gpkg.

Keys: city_map_pdf_s / atlas_pdf_s (whole call: coverage refresh + layout + export, as a user
waits for it) and their *_export_s parts (layout rendering only), city_map_png_s, report_xlsx_s,
atlas_pages, atlas_goal_s, atlas_goal_met, cpus.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import qgis_session

ATLAS_GOAL_S = 60.0


def bench_exports(bench) -> dict:
    """Time the city map (PDF, PNG), the district atlas PDF and the XLSX report on `bench.database`."""
    from kr8310_plugin.core.map_export import export_map
    from kr8310_plugin.core.report_export import export_report

    directory = Path(bench.output) / "bench" / "exports"
    directory.mkdir(parents=True, exist_ok=True)
    database = str(bench.database)
    results: dict = {"cpus": os.cpu_count()}
    for key, scope, name in (
        ("city_map_pdf", "city", "city_map.pdf"),
        ("city_map_png", "city", "city_map.png"),
        ("atlas_pdf", "atlas", "district_atlas.pdf"),
    ):
        feedback = qgis_session.ConsoleFeedback(name)
        started = time.perf_counter()
        result = export_map(database, scope, directory / name, progress=feedback.setProgress)
        results[f"{key}_s"] = round(time.perf_counter() - started, 2)
        results[f"{key}_refresh_s"] = round(result.refresh_seconds, 2)
        results[f"{key}_export_s"] = round(result.export_seconds, 2)
        if scope == "atlas":
            results["atlas_pages"] = result.pages
    started = time.perf_counter()
    export_report(database, directory / "kr8310_report.xlsx")
    results["report_xlsx_s"] = round(time.perf_counter() - started, 2)
    results["atlas_goal_s"] = ATLAS_GOAL_S
    results["atlas_goal_met"] = results["atlas_pdf_s"] <= ATLAS_GOAL_S
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
    results = {"database": str(database), **bench_exports(SimpleNamespace(database=database, output=args.output))}
    (args.output / "bench_exports.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(json.dumps(results, indent=1))
    return 0 if results["atlas_goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())

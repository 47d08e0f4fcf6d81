"""Export timings at city scale: the city map PDF and the 50-page district atlas (goal: atlas <= 60 s).

    python scripts/bench_exports.py [--output output] [--database DB]

`bench_exports(bench)` is also a section of scripts/bench.py (it needs only `bench.database`
and `bench.output`). Run on its own, it writes OUTPUT/bench_exports.json, which bench.py
merges into bench.json under "extra" -> "exports". The database defaults to bench.py's
OUTPUT/bench/city_full.gpkg, else the demo database OUTPUT/demo.gpkg.

Keys: city_map_pdf_s / atlas_pdf_s (whole call: coverage refresh + layout + export, as a user
waits for it) and their *_export_s parts (layout rendering only: the coverage fill, size-class
outlines, names and point communities), city_map_png_s, report_xlsx_s (the formatted workbook:
titles, frozen header, widths, number formats), atlas_pages, point_communities, atlas_goal_s,
atlas_goal_met, cpus.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import qgis_session

ATLAS_GOAL_S = 60.0


def bench_exports(bench) -> dict:
    """Time the city map (PDF, PNG), the district atlas PDF and the XLSX report on `bench.database`."""
    from kr8310_plugin.core.exports.maps import export_map
    from kr8310_plugin.core.exports.reports import export_report

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
            results["point_communities"] = result.point_communities
    started = time.perf_counter()
    export_report(database, directory / "kr8310_report.xlsx")
    results["report_xlsx_s"] = round(time.perf_counter() - started, 2)
    results["atlas_goal_s"] = ATLAS_GOAL_S
    results["atlas_goal_met"] = results["atlas_pdf_s"] <= ATLAS_GOAL_S
    return results


def main() -> int:
    return qgis_session.run_bench_section("exports", bench_exports, __doc__, "atlas_goal_met")


if __name__ == "__main__":
    sys.exit(main())

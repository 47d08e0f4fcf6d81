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

import sys
import time

import qgis_session

AFTER_SAVE_GOAL_S = 10.0


def bench_dashboard(bench) -> dict:
    """Time the dashboard's recompute (compute_dashboard, as its QgsTask runs it) on `bench.database`."""
    from kr8310_plugin.core.dashboard.model import LayerSource, compute_dashboard

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
    return qgis_session.run_bench_section("dashboard", bench_dashboard, __doc__, "goal_met")


if __name__ == "__main__":
    sys.exit(main())

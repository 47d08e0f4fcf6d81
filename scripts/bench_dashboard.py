"""Dashboard timings at city scale: the first numbers on screen, after a save, the recompute, the Refresh.

    python scripts/bench_dashboard.py [--output output] [--database DB]

`bench_dashboard(bench)` can be a section of scripts/bench.py (it needs only `bench.database`).
Run on its own, it writes OUTPUT/bench_dashboard.json, which bench.py merges into bench.json
under "extra" -> "dashboard". The database defaults to bench.py's OUTPUT/bench/city_full.gpkg,
else the demo database OUTPUT/demo.gpkg.

Keys (as the dock runs them; core/dashboard/model.py):
- first_s: the first numbers when a project opens — the layers opened and the coverage numbers
  stored in the communities layer read and rolled up (stored_dashboard; goal <= 3 s),
- after_save_s: from one saved household edit to the dashboard's numbers — the save, the live
  refresh of its community (what gui/live_coverage does on commit: core.coverage.live.refresh_affected;
  the database's own triggers where it keeps coverage itself), the data problems of that community
  checked again (what the dock does on commit: core.dashboard.model.recheck_saved_issues) and the
  stored numbers read again; the median of AFTER_SAVE_RUNS saves after one not timed (the layers'
  first reads), each undone afterwards (after_save_runs_s); after_save_issues_ms: the re-check alone
  (median); after_save_reflects_edit says the numbers then showed the edit,
- recompute_s: the check that follows in the background (compute_dashboard without the quality
  checks), refresh_s: the Refresh button (with the data problems, kr8310:validate's checks),
- communities, issues, city_kr_pct, goal_s, goal_met (first_s <= goal_s).
"""

from __future__ import annotations

import statistics
import sys
import time

import qgis_session

FIRST_NUMBERS_GOAL_S = 3.0
AFTER_SAVE_RUNS = 3
LAYERS = ("communities", "households", "members", "districts")


def _sources(database: str) -> dict:
    from kr8310_plugin.core.dashboard.model import LayerSource

    return {name: LayerSource(f"{database}|layername={name}", "ogr", name) for name in LAYERS}


def _first_numbers(database: str, layers: dict | None = None):
    """What the dock does when a project opens: its layers are opened, then the stored numbers read
    (after a save, from the layers the project has open)."""
    from kr8310_plugin.core.dashboard.model import stored_dashboard

    sources = {name: source for name, source in _sources(database).items() if name != "households"}
    return stored_dashboard(sources, layers)


def _project_layers(database: str) -> dict:
    """The survey layers (communities, households, members, districts) as a mapper's project has them open."""
    from kr8310_plugin.core.storage.datasource import open_layer

    return {name: open_layer(database, name) for name in LAYERS}


def _save_one_edit(layers: dict, residence_years) -> tuple[str, object, int]:
    """Save a changed residence_years of one household as a mapper would (layer commit), then
    refresh its community as the live coverage does; (community id, the value it had, its fid)."""
    from qgis.core import QgsFeatureRequest

    households = layers["households"]
    request = QgsFeatureRequest().setFilterExpression('"residence_years" IS NOT NULL').setLimit(1)
    feature = next(households.getFeatures(request))
    community_id = str(feature["community_id"])
    _change(layers, feature.id(), residence_years, community_id)
    return community_id, feature["residence_years"], feature.id()


def _change(layers: dict, fid: int, residence_years, community_id: str) -> None:
    """Commit residence_years of household `fid`, and the live coverage's refresh of its community."""
    from kr8310_plugin.core.coverage.live import refresh_affected

    households = layers["households"]
    households.startEditing()
    households.changeAttributeValue(fid, households.fields().indexOf("residence_years"), residence_years)
    if not households.commitChanges():
        raise SystemExit("; ".join(households.commitErrors()))
    refresh_affected(layers["communities"], households, layers["members"], [community_id])


def _recheck_issues(layers: dict, community_id: str) -> float:
    """The dock's re-check of the data problems of the community a save touched; its seconds."""
    from kr8310_plugin.core.dashboard.model import DashboardData, recheck_saved_issues

    data = DashboardData(rows=[], groups=[], issues=[])  # the issues of the city counted before
    started = time.perf_counter()
    if not recheck_saved_issues(data, layers, [community_id]):
        raise SystemExit("the data problems could not be checked again after a save")
    return time.perf_counter() - started


def _after_save(database: str, layers: dict) -> tuple[float, float, str, int, object]:
    """One saved edit to the numbers shown (seconds), the re-check's part; (…, community, fid, old value):
    the edit is still in the database."""
    started = time.perf_counter()
    community_id, previous, fid = _save_one_edit(layers, None)  # the household is incomplete now
    recheck = _recheck_issues(layers, community_id)
    _first_numbers(database, layers)
    return time.perf_counter() - started, recheck, community_id, fid, previous


def bench_dashboard(bench) -> dict:
    """Time the dashboard's first numbers, after a save, its recompute and its Refresh on `bench.database`."""
    from kr8310_plugin.core.dashboard.model import compute_dashboard, stored_coverage
    from kr8310_plugin.core.storage.datasource import open_layer

    def stored_complete(community_id: str) -> int:
        return stored_coverage(open_layer(database, "communities"))[0].communities[community_id].households_complete

    database = str(bench.database)
    results: dict = {}
    _first_numbers(database)  # the file's pages in the OS cache, as for a project opened before
    started = time.perf_counter()
    first = _first_numbers(database)
    results["first_s"] = round(time.perf_counter() - started, 3)

    runs, rechecks, reflected = [], [], True
    layers = _project_layers(database)
    for run in range(AFTER_SAVE_RUNS + 1):  # the first one reads the layers' pages for the first time
        seconds, recheck, community_id, fid, previous = _after_save(database, layers)
        complete_after = stored_complete(community_id)
        _change(layers, fid, previous, community_id)
        reflected = reflected and complete_after == stored_complete(community_id) - 1
        if run:
            runs.append(seconds)
            rechecks.append(recheck)
    results["after_save_s"] = round(statistics.median(runs), 3)
    results["after_save_runs_s"] = [round(r, 3) for r in runs]
    results["after_save_issues_ms"] = round(1000 * statistics.median(rechecks), 1)
    results["after_save_reflects_edit"] = reflected

    started = time.perf_counter()
    data, _ = compute_dashboard(_sources(database), with_issues=False)
    results["recompute_s"] = round(time.perf_counter() - started, 2)
    results["stored_equals_computed"] = data.rows == first.rows
    started = time.perf_counter()
    data, _ = compute_dashboard(_sources(database), with_issues=True)
    results["refresh_s"] = round(time.perf_counter() - started, 2)
    results["communities"] = data.communities
    results["issues"] = data.issue_count
    results["city_kr_pct"] = round(data.city.kr_pct or 0.0, 2)
    results["goal_s"] = FIRST_NUMBERS_GOAL_S
    results["goal_met"] = results["first_s"] <= FIRST_NUMBERS_GOAL_S
    return results


def main() -> int:
    return qgis_session.run_bench_section("dashboard", bench_dashboard, __doc__, "goal_met")


if __name__ == "__main__":
    sys.exit(main())

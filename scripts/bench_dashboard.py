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
  refresh of its community (what gui/live_coverage does on commit; the database's own triggers
  where it keeps coverage itself) and the stored numbers read again; after_save_reflects_edit
  says the numbers then showed the edit (the edit is undone afterwards),
- recompute_s: the check that follows in the background (compute_dashboard without the quality
  checks), refresh_s: the Refresh button (with the data problems, kr8310:validate's checks),
- communities, issues, city_kr_pct, goal_s, goal_met (first_s <= goal_s).
"""

from __future__ import annotations

import sys
import time

import qgis_session

FIRST_NUMBERS_GOAL_S = 3.0
LAYERS = ("communities", "households", "members", "districts")


def _sources(database: str) -> dict:
    from kr8310_plugin.core.dashboard.model import LayerSource

    return {name: LayerSource(f"{database}|layername={name}", "ogr", name) for name in LAYERS}


def _first_numbers(database: str):
    """What the dock does when a project opens: its layers are opened, then the stored numbers read."""
    from kr8310_plugin.core.dashboard.model import stored_dashboard

    return stored_dashboard({name: source for name, source in _sources(database).items() if name != "households"})


def _save_one_edit(database: str, residence_years) -> tuple[str, object, int]:
    """Save a changed residence_years of one household as a mapper would (layer commit), then
    refresh its community as the live coverage does; (community id, the value it had, its fid)."""
    from qgis.core import QgsFeatureRequest

    from kr8310_plugin.core.coverage.engine import refresh_communities
    from kr8310_plugin.core.storage.datasource import open_layer

    communities, households, members = (open_layer(database, name) for name in LAYERS[:3])
    request = QgsFeatureRequest().setFilterExpression('"residence_years" IS NOT NULL').setLimit(1)
    feature = next(households.getFeatures(request))
    previous = feature["residence_years"]
    households.startEditing()
    households.changeAttributeValue(feature.id(), households.fields().indexOf("residence_years"), residence_years)
    if not households.commitChanges():
        raise SystemExit("; ".join(households.commitErrors()))
    community_id = str(feature["community_id"])
    refresh_communities(communities, households, members, [community_id])
    return community_id, previous, feature.id()


def _restore(database: str, fid: int, community_id: str, value) -> None:
    from kr8310_plugin.core.coverage.engine import refresh_communities
    from kr8310_plugin.core.storage.datasource import open_layer

    communities, households, members = (open_layer(database, name) for name in LAYERS[:3])
    households.startEditing()
    households.changeAttributeValue(fid, households.fields().indexOf("residence_years"), value)
    households.commitChanges()
    refresh_communities(communities, households, members, [community_id])


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

    started = time.perf_counter()
    community_id, previous, fid = _save_one_edit(database, None)  # the household is incomplete now
    _first_numbers(database)
    results["after_save_s"] = round(time.perf_counter() - started, 3)
    complete_after = stored_complete(community_id)
    _restore(database, fid, community_id, previous)
    results["after_save_reflects_edit"] = complete_after == stored_complete(community_id) - 1

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

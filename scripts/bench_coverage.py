"""The coverage sections of `make bench` (scripts/bench.py): coverage kept by the database.

Keys (output/bench.json):
- coverage_read_ms: the city's coverage as the engine returns it from the database's own numbers
  (GeoPackage: 2,004 community rows and the counts; median of 20),
- coverage_full_s: the full recompute after a rule change (the rule stored, every community rewritten
  from the counts; best of 3 changes),
- state_rebuild_s: the kept state rebuilt from all rows (upgrade or repair),
- engine_full_s: the engine's reference recompute from all rows (best of 3; engine_full_runs_s),
- one_sql_query_s: one plain SQL query giving the same per-community complete counts (best of 2),
- import_maintained_ratio: a 20,000-household survey import's write (core/importing/importer.py)
  with the triggers ÷ without (import_total_ratio: with reading and checking; import_maintained_cpu_ratio:
  process CPU seconds, which other load on the machine does not inflate),
- edit_update_ms: the extra cost of one save (a household with three members) the triggers add,
  live_update_ms / save_to_updated_map_ms: the live tracker after a save through QGIS,
- validate_city_s: kr8310:validate over the city (section "validate"; measured only),
- kept_matches_full / kept_mismatched_communities: the database's numbers against the engine's
  full recompute, checked after every section that changes data; bench.py exits 1 when they differ.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import time
import uuid
from contextlib import closing
from pathlib import Path

RULE_CHANGES = ((("house_no",), ("age",)), (("building_type", "member_count"), ("education", "bedridden")))


def _best(function, repeat: int) -> tuple[float, list[float], object]:
    runs, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        runs.append(time.perf_counter() - started)
    return min(runs), runs, result


def kept_mismatches(database: Path) -> list[str]:
    """Communities whose stored coverage differs from the engine's full recompute."""
    from kr8310_plugin.core.coverage.engine import compute_coverage
    from kr8310_plugin.core.storage.datasource import open_database_layers

    layers = open_database_layers(str(database))
    full = compute_coverage(layers["communities"], layers["households"], layers["members"], maintained=False)
    with closing(sqlite3.connect(database)) as connection:
        stored = {
            row[0]: row[1:]
            for row in connection.execute(
                "SELECT community_id, households_entered, households_complete, coverage_pct, coverage_flag "
                "FROM communities"
            )
        }
    return sorted(
        key
        for key, c in full.communities.items()
        if stored.get(key) != (c.households_entered, c.households_complete, c.coverage_pct, c.coverage_flag)
    )


def _check(bench, label: str) -> dict:
    mismatched = kept_mismatches(bench.database)
    previous = bench.results.get("kept_mismatched_communities", [])
    mismatched = sorted(set(previous) | {f"{label}:{key}" for key in mismatched})
    return {"kept_matches_full": not mismatched, "kept_mismatched_communities": mismatched[:20]}


def one_sql_query(database: Path, rule) -> dict[str, int]:
    """Complete households per community by one SQL query over the rows (the rule as SQL, no engine)."""
    from kr8310_plugin.core.rules.completeness import all_filled_sql, complete_household_sql
    from kr8310_plugin.core.rules.household_signature import geometry_present_sql
    from kr8310_plugin.definitions.schema import HOUSEHOLDS_SPEC, MEMBERS_SPEC

    complete = complete_household_sql(
        geometry_present_sql("h"),
        all_filled_sql(rule.household_fields, HOUSEHOLDS_SPEC, qualifier="h"),
        "(CASE WHEN typeof(h.member_count) IN ('integer', 'real') THEN CAST(h.member_count AS INTEGER) END)",
        "coalesce(s.n, 0)",
        "coalesce(s.ok, 0)",
    )
    member_ok = all_filled_sql(rule.member_fields, MEMBERS_SPEC, qualifier="m")
    sql = (
        f"SELECT h.community_id, sum({complete}) FROM households h LEFT JOIN "
        f"(SELECT m.household_id, count(*) AS n, sum({member_ok}) "
        "AS ok FROM members m GROUP BY m.household_id) s ON s.household_id = h.household_id GROUP BY h.community_id"
    )
    with closing(sqlite3.connect(database)) as connection:
        return dict(connection.execute(sql).fetchall())


def bench_coverage(bench) -> dict:
    from kr8310_plugin.core.coverage.engine import compute_coverage
    from kr8310_plugin.core.coverage.maintained import rebuild
    from kr8310_plugin.core.storage import rule_store

    layers = bench.layers()
    args = (layers["communities"], layers["households"], layers["members"])
    rebuild_s, _runs, _ = _best(lambda: rebuild(str(bench.database)), 1)
    compute_coverage(*args)  # warm
    reads = []
    kept = None
    for _ in range(20):
        started = time.perf_counter()
        kept = compute_coverage(*args)
        reads.append(1000.0 * (time.perf_counter() - started))
    engine_s, engine_runs, full = _best(lambda: compute_coverage(*args, maintained=False), 3)
    rule = rule_store.read_rule(str(bench.database))
    sql_s, _runs, by_sql = _best(lambda: one_sql_query(bench.database, rule), 2)
    changes = []
    for household_fields, member_fields in (*RULE_CHANGES, (rule.household_fields, rule.member_fields)):
        started = time.perf_counter()
        rule_store.write_rule(str(bench.database), household_fields, member_fields)
        changes.append(time.perf_counter() - started)
    bench.results["_engine_counts"] = {
        c.community_id: (c.households_entered, c.households_complete) for c in full.communities.values()
    }
    sql_agrees = all(by_sql.get(key, 0) == c.households_complete for key, c in full.communities.items())
    kept_agrees = {
        k: (c.households_entered, c.households_complete) for k, c in kept.communities.items()
    } == bench.results["_engine_counts"]
    results = {
        "coverage_read_ms": round(statistics.median(reads), 2),
        "coverage_read_max_ms": round(max(reads), 2),
        "coverage_full_s": round(min(changes), 3),
        "coverage_full_runs_s": [round(r, 3) for r in changes],
        "state_rebuild_s": round(rebuild_s, 2),
        "engine_full_s": round(engine_s, 3),
        "engine_full_runs_s": [round(r, 3) for r in engine_runs],
        "one_sql_query_s": round(sql_s, 3),
        "one_sql_query_agrees": sql_agrees,
        "coverage_full_vs_one_sql": round(sql_s / min(changes), 1),
        "coverage_read_agrees": kept_agrees,
        "coverage_communities": len(full.communities),
        "coverage_households": full.households_total,
        "coverage_households_complete": full.households_complete_total,
    }
    results.update(_check(bench, "coverage"))
    if not (sql_agrees and kept_agrees):
        results["kept_matches_full"] = False
    return results


# ---------------------------------------------------------------------------------------
# One save


def _insert_household(connection: sqlite3.Connection, community_id: str, point: bytes) -> None:
    household_id = str(uuid.uuid4())
    connection.execute(
        "INSERT INTO households (geom, household_id, community_id, house_no, building_type, residence_years, "
        "member_count) VALUES (?, ?, ?, ?, 'row_house', 2, 3)",
        (point, household_id, community_id, "BENCH-" + household_id[:8]),
    )
    for index in range(3):
        connection.execute(
            "INSERT INTO members (member_id, household_id, age, education, occupation, disability, bedridden) "
            "VALUES (?, ?, 40, 'primary', 'trade', 'none', 0)",
            (f"{household_id}-{index}", household_id),
        )


def save_extra_ms(database: Path, samples: int = 30) -> tuple[float, float]:
    """(median ms of one save with the triggers, the same without): the save in a transaction rolled
    back, the triggers dropped inside another (rolled back too: the database is left as it was)."""
    from kr8310_plugin.core.storage import coverage_triggers, gpkg

    with closing(gpkg.connect(database)) as connection:
        connection.isolation_level = None
        rows = connection.execute(
            "SELECT community_id, geom FROM households WHERE fid % 997 = 0 LIMIT ?", (samples,)
        ).fetchall()
        # Alternating, so that a busy machine slows both alike.
        timings: dict[bool, list[float]] = {True: [], False: []}
        for community_id, point in rows:
            for kept in (True, False):
                connection.execute("BEGIN")
                if not kept:
                    for statement in coverage_triggers.drop_sql(connection):
                        connection.execute(statement)
                started = time.perf_counter()
                _insert_household(connection, community_id, point)
                timings[kept].append(1000.0 * (time.perf_counter() - started))
                connection.execute("ROLLBACK")
    return statistics.median(timings[True]), statistics.median(timings[False])


def bench_edit(bench) -> dict:
    """The extra cost of one save, and saves through QGIS with the live tracker (reload only)."""
    from bench import _new_household, remove_bench_households
    from qgis.core import QgsApplication

    from kr8310_plugin.gui.live_coverage import LiveCoverage

    with_ms, without_ms = save_extra_ms(bench.database)
    layers = bench.layers()
    communities, households, members = layers["communities"], layers["households"], layers["members"]
    ids = [f["community_id"] for f in communities.getFeatures("\"size_class\" = 'L'")][:4]
    ids += [f["community_id"] for f in communities.getFeatures("\"size_class\" IN ('S', 'M')")][:8]
    tracker = LiveCoverage(communities, households, members)
    live_ms, commit_to_update_ms = [], []
    for community_id in ids:
        household, member = _new_household(layers, community_id)
        members.startEditing()
        members.addFeature(member)
        households.startEditing()
        households.addFeature(household)
        started = time.perf_counter()
        assert households.commitChanges(), households.commitErrors()
        assert members.commitChanges(), members.commitErrors()
        QgsApplication.processEvents()
        commit_to_update_ms.append(1000.0 * (time.perf_counter() - started))
        live_ms.append(tracker.last_refresh_ms)
    tracker.disconnect_layers()
    results = _check(bench, "edit")
    results["communities_layer_left_unmodified"] = not communities.isModified()
    remove_bench_households(bench.database)
    results.update(_check(bench, "edit-cleanup"))
    results.update(
        {
            "edit_update_ms": round(with_ms - without_ms, 2),
            "edit_save_with_triggers_ms": round(with_ms, 2),
            "edit_save_without_triggers_ms": round(without_ms, 2),
            "live_update_ms": round(statistics.median(live_ms), 2),
            "save_to_updated_map_ms": round(statistics.median(commit_to_update_ms), 2),
            "edit_samples": len(ids),
        }
    )
    return results


# ---------------------------------------------------------------------------------------
# Import


def bench_import_maintained(bench, households: int = 20000, rounds: int = 3) -> dict:
    """A survey import's write with and without the triggers, on copies of the one-district demo
    (alternated `rounds` times, best of each: the machine is shared; the ratio of process CPU
    seconds beside it, which another process's load does not inflate)."""
    from bench_import import _survey_csv

    from kr8310_plugin.core.importing.importer import CommunityIndex, prepare_import, write_gpkg
    from kr8310_plugin.core.importing.readers import read_table
    from kr8310_plugin.core.registry.demo import generate_demo
    from kr8310_plugin.core.storage import coverage_triggers, gpkg
    from kr8310_plugin.core.storage.datasource import open_layer
    from kr8310_plugin.core.storage.gpkg_database import build_database

    work = bench.output / "bench" / "import_maintained"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    base = build_database(work / "base.gpkg", populate=lambda c, d: generate_demo(c, d, seed=8310, scope=[1001]))
    source = work / "survey.csv"
    _survey_csv(source, base, households)
    timings, cpu = {}, {}
    for kept in (False, True) * rounds:
        database = work / f"{'kept' if kept else 'plain'}.gpkg"
        shutil.copy(base, database)
        if not kept:
            with closing(gpkg.connect(database)) as connection, connection:
                for statement in coverage_triggers.drop_sql(connection):
                    connection.execute(statement)
        started = time.perf_counter()
        drafts = prepare_import(
            read_table(str(source)), CommunityIndex.from_layer(open_layer(str(database), "communities"))
        )
        checked, cpu_checked = time.perf_counter(), time.process_time()
        result = write_gpkg(database, drafts)
        written, cpu_written = time.perf_counter(), time.process_time()
        assert result.inserted == households, result
        best = timings.get(kept, (float("inf"), float("inf")))
        timings[kept] = (min(best[0], written - checked), min(best[1], written - started))
        cpu[kept] = min(cpu.get(kept, float("inf")), cpu_written - cpu_checked)
    with closing(sqlite3.connect(work / "kept.gpkg")) as connection:
        installed = coverage_triggers.is_installed(connection)  # the import puts back what it set aside
    mismatched = kept_mismatches(work / "kept.gpkg")
    results = {
        "import_maintained_ratio": round(timings[True][0] / timings[False][0], 3),
        "import_total_ratio": round(timings[True][1] / timings[False][1], 3),
        "import_write_with_triggers_s": round(timings[True][0], 2),
        "import_write_without_triggers_s": round(timings[False][0], 2),
        "import_maintained_cpu_ratio": round(cpu[True] / cpu[False], 3),
        "import_write_cpu_with_triggers_s": round(cpu[True], 2),
        "import_write_cpu_without_triggers_s": round(cpu[False], 2),
        "import_households": households,
        "import_triggers_installed_after": installed,
    }
    if mismatched or not installed:
        results["kept_matches_full"] = False
        results["kept_mismatched_communities"] = [f"import:{key}" for key in mismatched[:20]]
    shutil.rmtree(work, ignore_errors=True)
    return results


def bench_validate(bench) -> dict:
    """kr8310:validate over the city (validate_city_s), and the re-check of one
    community after an edit (validate_incremental_ms: core/quality/database_checks.recheck_communities,
    what the dashboard runs after a save; median over the first 20 communities, read-only)."""
    import qgis_session
    from bench_import import validate_parameters

    from kr8310_plugin.core.quality.database_checks import recheck_communities
    from kr8310_plugin.core.storage.datasource import open_layer

    database = bench.database
    started = time.perf_counter()
    output = qgis_session.run("validate", validate_parameters(database))
    validate_city_s = time.perf_counter() - started
    layers = [open_layer(str(database), name) for name in ("communities", "households", "members")]
    with closing(sqlite3.connect(database)) as connection:
        community_ids = [
            row[0] for row in connection.execute("SELECT community_id FROM communities ORDER BY fid LIMIT 20")
        ]
    runs = []
    for community_id in community_ids:
        started = time.perf_counter()
        if recheck_communities(*layers, [community_id]) is None:
            raise SystemExit("the bench database cannot be re-checked by community")
        runs.append(time.perf_counter() - started)
    return {
        "validate_city_s": round(validate_city_s, 1),
        "validate_city_issues": output["ERRORS"] + output["WARNINGS"],
        "validate_incremental_ms": round(1000 * statistics.median(runs), 1),
        "validate_incremental_max_ms": round(1000 * max(runs), 1),
    }

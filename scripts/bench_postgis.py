"""PostGIS benchmark: city-scale coverage in the database and through the plugin, and sustained
editing by many concurrent mappers on loopback.

    python scripts/bench_postgis.py --output output/bench_postgis.json [--gpkg city_full.gpkg]
        [--mappers 50] [--seconds 30]

Starts its own throw-away cluster (scripts/pg_cluster.py) with PostgreSQL's default, durable
settings (fsync on), loads the full-profile city demo (2,004 communities, every registered
household entered, ≈3 members each) and writes its numbers (keys `postgis_*`) into the JSON
file given, keeping whatever else that file holds.

Editing: each simulated mapper is a login user assigned to one district (row-level security
on) and commits what a QGIS save sends: a new household with its members in one transaction,
or (every fourth commit) an update of one of its households declaring its row_version. At the
end every committed household, member and update is checked to be in the database.

Through QGIS: `postgis_coverage_read_ms` (the kept coverage, one JSON text from QGIS's connection
pool), a mapper's insert and update commits, and `postgis_qgis_new_household_ms_p50`
(QgsVectorLayerUtils.createFeature on the households layer: no read of existing ids, ddl.py).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pg_cluster  # noqa: E402
import qgis_session  # noqa: E402

SCHEMA = "kr8310"


def _timed(function, repeat: int = 3):
    """(best seconds, last result) over `repeat` runs: the first warms the caches."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def city_geopackage(path: Path | None, work: Path) -> tuple[Path, float | None]:
    """The full-profile city demo GeoPackage (made, and timed, when not given)."""
    if path is not None and path.exists():
        return path, None
    from kr8310_plugin.core.registry.demo import generate_demo
    from kr8310_plugin.core.storage.gpkg_database import build_database

    target = path or work / "city_full.gpkg"
    started = time.perf_counter()
    build_database(
        target,
        overwrite=True,
        populate=lambda connection, districts: generate_demo(connection, districts, seed=8310, profile="full"),
    )
    return target, time.perf_counter() - started


def bench_coverage(cluster: pg_cluster.Cluster, results: dict) -> None:
    from kr8310_plugin.core.coverage.engine import compute_coverage
    from kr8310_plugin.core.coverage.postgis_path import coverage_for_layers
    from kr8310_plugin.core.storage.datasource import open_database_layers
    from kr8310_plugin.core.storage.postgis.connection import connect, execute
    from kr8310_plugin.core.storage.postgis.coverage_sql import coverage_in_database
    from kr8310_plugin.core.storage.postgis.target import parse_target

    database = f"{cluster.dsn()}?schema={SCHEMA}"
    seconds, in_database = _timed(lambda: coverage_in_database(database))
    results["postgis_coverage_sql_s"] = round(seconds, 3)
    connection = connect(parse_target(database))
    seconds, _ = _timed(lambda: execute(connection, f"SELECT * FROM {SCHEMA}.kr_summary"))
    results["postgis_kr_summary_sql_s"] = round(seconds, 3)

    layers = open_database_layers(database)
    args = (layers["communities"], layers["households"], layers["members"])
    seconds, engine = _timed(lambda: compute_coverage(*args, maintained=False), repeat=2)
    results["postgis_coverage_plugin_s"] = round(seconds, 3)
    # The coverage the schema keeps (core/storage/postgis/coverage_triggers.py), as the engine reads it.
    reads = []
    for _ in range(10):
        started = time.perf_counter()
        kept = compute_coverage(*args)
        reads.append(1000.0 * (time.perf_counter() - started))
    results["postgis_coverage_read_ms"] = round(statistics.median(reads), 2)
    results["postgis_kept_agree"] = _kept_agree(kept, engine)
    seconds, by_server = _timed(
        lambda: coverage_for_layers(layers["communities"], layers["households"], layers["members"])
    )
    results["postgis_coverage_plugin_sql_s"] = round(seconds, 3)
    agree = in_database.keys() == engine.communities.keys() and all(
        in_database[cid][:2] == (c.households_entered, c.households_complete) and in_database[cid][3] == c.coverage_flag
        for cid, c in engine.communities.items()
    )
    by_server_values = {cid: (c.households_entered, c.households_complete) for cid, c in by_server.communities.items()}
    agree = agree and by_server_values == {
        cid: (c.households_entered, c.households_complete) for cid, c in engine.communities.items()
    }
    results["postgis_coverage_agree"] = agree
    results["postgis_kr_pct_city"] = execute(
        connection, f"SELECT round(kr_pct::numeric, 2)::float FROM {SCHEMA}.kr_summary WHERE level = 'city'"
    )[0][0]


def _kept_agree(kept, full) -> bool:
    def numbers(result):
        return {
            k: (c.households_entered, c.households_complete, c.coverage_flag) for k, c in result.communities.items()
        }

    return numbers(kept) == numbers(full) and kept.households_total == full.households_total


def kept_agree_after_editing(cluster: pg_cluster.Cluster, results: dict) -> None:
    """After the mappers: the stored coverage equals the engine's full recompute (every community)."""
    from kr8310_plugin.core.coverage.engine import compute_coverage
    from kr8310_plugin.core.storage.datasource import open_database_layers
    from kr8310_plugin.core.storage.postgis.connection import connect, execute
    from kr8310_plugin.core.storage.postgis.target import parse_target

    database = f"{cluster.dsn()}?schema={SCHEMA}"
    layers = open_database_layers(database)
    full = compute_coverage(layers["communities"], layers["households"], layers["members"], maintained=False)
    rows = execute(
        connect(parse_target(database)),
        f"SELECT community_id, households_entered, households_complete, coverage_flag FROM {SCHEMA}.communities",
    )
    stored = {row[0]: (row[1], row[2], row[3]) for row in rows}
    differing = [
        key
        for key, c in full.communities.items()
        if stored.get(key) != (c.households_entered, c.households_complete, c.coverage_flag)
    ]
    results["postgis_kept_agree"] = results.get("postgis_kept_agree", True) and not differing
    results["postgis_kept_differing_after_editing"] = differing[:20]


def rule_change_s(database: str) -> float:
    """A changed completeness rule stored and taken back (every community's numbers rewritten): the best."""
    from kr8310_plugin.core.storage import rule_store

    rule = rule_store.read_rule(database)
    runs = []
    for household_fields, member_fields in ((("house_no",), ("age",)), (rule.household_fields, rule.member_fields)):
        started = time.perf_counter()
        rule_store.write_rule(database, household_fields, member_fields)
        runs.append(time.perf_counter() - started)
    return round(min(runs), 3)


def bench_rule_change(cluster: pg_cluster.Cluster, results: dict) -> None:
    """The full recompute after a rule change (every community rewritten from the counts), and the
    rebuild of the kept state from all rows."""
    from kr8310_plugin.core.storage.postgis import coverage_triggers
    from kr8310_plugin.core.storage.postgis.connection import connect, execute
    from kr8310_plugin.core.storage.postgis.target import parse_target

    database = f"{cluster.dsn()}?schema={SCHEMA}"
    results["postgis_coverage_full_s"] = rule_change_s(database)
    seconds, _ = _timed(lambda: execute(connect(parse_target(database)), coverage_triggers.rebuild_sql(SCHEMA)), 1)
    results["postgis_state_rebuild_s"] = round(seconds, 2)


class Mapper(threading.Thread):
    """One simulated district mapper committing households until `stop` is set."""

    def __init__(self, number: int, dsn: str, communities: list[tuple[str, float, float]], stop: threading.Event):
        super().__init__(daemon=True)
        self.number, self.dsn, self.communities, self.stop = number, dsn, communities, stop
        self.latencies: list[float] = []
        self.inserted: dict[str, int] = {}  # household_id -> members committed
        self.updates: dict[str, tuple[int, int]] = {}  # household_id -> (residence_years, row_version)
        self.errors: list[str] = []
        self._pending: tuple | None = None  # what the open transaction will have committed

    def run(self) -> None:
        import psycopg2

        rng = random.Random(self.number)
        connection = psycopg2.connect(self.dsn)
        cursor = connection.cursor()
        commit_number = 0
        while not self.stop.is_set():
            commit_number += 1
            self._pending = None
            started = time.perf_counter()
            try:
                if commit_number % 4 == 0 and self.inserted:
                    self._update(cursor, rng)
                else:
                    self._insert(cursor, rng, commit_number)
                connection.commit()
            except psycopg2.Error as error:
                connection.rollback()
                self.errors.append(str(error).splitlines()[0])
                continue
            self.latencies.append(time.perf_counter() - started)
            if self._pending:
                kind, key, value = self._pending
                if kind == "insert":
                    self.inserted[key] = value
                else:
                    self.updates[key] = value
        connection.close()

    def _insert(self, cursor, rng: random.Random, commit_number: int) -> None:
        community_id, x, y = rng.choice(self.communities)
        members = rng.choice((1, 2, 3, 3, 4, 5))
        cursor.execute(
            f"INSERT INTO {SCHEMA}.households (community_id, house_no, building_type, residence_years, member_count, "
            "geom) VALUES (%s, %s, 'row_house', %s, %s, ST_SetSRID(ST_Point(%s, %s), 32647)) RETURNING household_id",
            (community_id, f"bench-{self.number}-{commit_number}", rng.randint(0, 60), members, x, y),
        )
        household_id = cursor.fetchone()[0]
        values = ", ".join(["(%s, %s, 'primary', 'trade', 'none', false)"] * members)
        parameters = []
        for _ in range(members):
            parameters += [household_id, rng.randint(0, 95)]
        cursor.execute(
            f"INSERT INTO {SCHEMA}.members (household_id, age, education, occupation, disability, bedridden) "
            f"VALUES {values}",
            parameters,
        )
        self._pending = ("insert", household_id, members)

    def _update(self, cursor, rng: random.Random) -> None:
        household_id = rng.choice(list(self.inserted))
        base = self.updates.get(household_id, (None, 1))[1]
        years = rng.randint(0, 60)
        cursor.execute(
            f"UPDATE {SCHEMA}.households SET residence_years = %s, row_version = %s WHERE household_id = %s "
            "RETURNING row_version",
            (years, -(base + 1), household_id),
        )
        self._pending = ("update", household_id, (years, cursor.fetchone()[0]))


def run_mappers(
    cluster: pg_cluster.Cluster, mapper_class: type, user_prefix: str, mappers: int, seconds: float
) -> tuple[list, float, bool, int]:
    """`mappers` login users, one district each, each running a `mapper_class` thread for `seconds`;
    then every committed household, member and update is checked to be there. Returns (the threads,
    seconds elapsed, whether all is present, audit rows)."""
    import psycopg2

    admin = psycopg2.connect(cluster.dsn())
    admin.autocommit = True
    cursor = admin.cursor()
    cursor.execute(
        f"SELECT district_code, community_id, ST_X(p), ST_Y(p) FROM (SELECT district_code, community_id, "
        f"ST_PointOnSurface(geom) AS p FROM {SCHEMA}.communities) c ORDER BY 1, 2"
    )
    by_district: dict[int, list[tuple[str, float, float]]] = {}
    for district, community_id, x, y in cursor.fetchall():
        by_district.setdefault(district, []).append((community_id, x, y))
    districts = sorted(by_district)
    threads = []
    stop = threading.Event()
    for number in range(mappers):
        user = f"{user_prefix}_{number}"
        district = districts[number % len(districts)]
        cursor.execute(f"DROP ROLE IF EXISTS {user}")
        cursor.execute(f"CREATE ROLE {user} LOGIN")
        cursor.execute(f"SELECT {SCHEMA}.assign_mapper(%s, %s)", (user, district))
        threads.append(mapper_class(number, cluster.dsn(user), by_district[district], stop))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started

    inserted = {key: value for thread in threads for key, value in thread.inserted.items()}
    updates = {key: value for thread in threads for key, value in thread.updates.items()}
    cursor.execute(
        f"SELECT h.household_id, h.residence_years, h.row_version, count(m.member_id) FROM {SCHEMA}.households h "
        f"LEFT JOIN {SCHEMA}.members m USING (household_id) WHERE h.household_id = ANY(%s) GROUP BY 1, 2, 3",
        (list(inserted),),
    )
    stored = {row[0]: row[1:] for row in cursor.fetchall()}
    all_present = stored.keys() == inserted.keys() and all(stored[k][2] == n for k, n in inserted.items())
    updates_kept = all(stored.get(k, (None, None))[:2] == v for k, v in updates.items())
    cursor.execute(f"SELECT count(*) FROM {SCHEMA}.audit_log")
    audit_rows = cursor.fetchone()[0]
    admin.close()
    return threads, elapsed, bool(all_present and updates_kept), audit_rows


def bench_editing(cluster: pg_cluster.Cluster, mappers: int, seconds: float, results: dict) -> None:
    threads, elapsed, all_present, audit_rows = run_mappers(cluster, Mapper, "bench_mapper", mappers, seconds)
    latencies = [value for thread in threads for value in thread.latencies]
    inserted = {key for thread in threads for key in thread.inserted}
    updates = {key for thread in threads for key in thread.updates}
    results.update(
        {
            "postgis_edit_mappers": mappers,
            "postgis_edit_seconds": round(elapsed, 1),
            "postgis_edit_commits": len(latencies),
            "postgis_edit_households_inserted": len(inserted),
            "postgis_edit_households_updated": len(updates),
            "postgis_edit_commits_per_s": round(len(latencies) / elapsed, 1),
            "postgis_edit_latency_ms_p50": round(1000 * statistics.median(latencies), 2),
            "postgis_edit_latency_ms_p95": round(1000 * _percentile(latencies, 0.95), 2),
            "postgis_edit_latency_ms_p99": round(1000 * _percentile(latencies, 0.99), 2),
            "postgis_edit_latency_ms_max": round(1000 * max(latencies), 2),
            "postgis_edit_errors": sum(len(thread.errors) for thread in threads),
            "postgis_edit_all_present": all_present,
            "postgis_edit_audit_rows": audit_rows,
        }
    )
    errors = [error for thread in threads for error in thread.errors]
    if errors:
        print(f"  editing errors (first 3 of {len(errors)}): {errors[:3]}", file=sys.stderr)


def bench_qgis_commits(cluster: pg_cluster.Cluster, commits: int, results: dict) -> None:
    """Latency of a mapper's save through QGIS (postgres provider, edit buffer, row_version declared)."""
    from qgis.core import QgsGeometry, QgsPointXY, QgsVectorLayerUtils

    from kr8310_plugin.core.storage.datasource import open_database_layers

    layers = open_database_layers(f"{cluster.dsn('bench_mapper_0')}?schema={SCHEMA}")
    households = layers["households"]
    fields = households.fields()
    sample = next(households.getFeatures("\"house_no\" LIKE 'bench-0-%'"))
    point = sample.geometry().asPoint()
    insert_latencies, update_latencies, new_feature = [], [], []
    for number in range(commits):
        households.startEditing()
        started = time.perf_counter()
        feature = QgsVectorLayerUtils.createFeature(
            households,
            QgsGeometry.fromPointXY(QgsPointXY(point.x(), point.y())),
            {
                fields.indexOf("community_id"): sample["community_id"],
                fields.indexOf("house_no"): f"qgis-{number}",
                fields.indexOf("member_count"): 1,
            },
        )
        new_feature.append(time.perf_counter() - started)  # what a new household's form waits for first
        households.addFeature(feature)
        started = time.perf_counter()
        if not households.commitChanges():
            raise RuntimeError(households.commitErrors())
        insert_latencies.append(time.perf_counter() - started)
        sample = next(households.getFeatures(f"\"household_id\" = '{sample['household_id']}'"))
        households.startEditing()
        households.changeAttributeValue(sample.id(), fields.indexOf("residence_years"), number % 60)
        started = time.perf_counter()
        if not households.commitChanges():
            raise RuntimeError(households.commitErrors())
        update_latencies.append(time.perf_counter() - started)
    results["postgis_qgis_insert_commit_ms_p50"] = round(1000 * statistics.median(insert_latencies), 2)
    results["postgis_qgis_update_commit_ms_p50"] = round(1000 * statistics.median(update_latencies), 2)
    results["postgis_qgis_new_household_ms_p50"] = round(1000 * statistics.median(new_feature), 2)


def run_bench(
    output: Path, gpkg: Path | None = None, mappers: int = 50, seconds: float = 30.0, qgis_commits: int = 50
) -> dict:
    """Run the whole PostGIS benchmark in a started QGIS session; merge the `postgis_*` keys into
    the JSON file `output` and return them. `gpkg`: a full-profile city demo to reuse (bench.py has one)."""
    from kr8310_plugin.core.storage.postgis.build import build_postgis_database

    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="kr8310-bench-pg-") as work:
        city, generated_s = city_geopackage(gpkg, Path(work))
        if generated_s is not None:
            results["postgis_city_generate_s"] = round(generated_s, 1)
        cluster = pg_cluster.start_cluster({"shared_buffers": "512MB", "work_mem": "64MB"})
        try:
            started = time.perf_counter()
            build_postgis_database(f"{cluster.dsn()}?schema={SCHEMA}")
            counts = pg_cluster.load_geopackage(cluster.dsn(), city, SCHEMA)
            import psycopg2

            with psycopg2.connect(cluster.dsn()) as connection, connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {SCHEMA}.communities, {SCHEMA}.households, {SCHEMA}.members")
            results["postgis_load_s"] = round(time.perf_counter() - started, 1)
            results["postgis_city_communities"] = counts["communities"]
            results["postgis_city_households"] = counts["households"]
            results["postgis_city_members"] = counts["members"]
            print(f"  loaded {counts} in {results['postgis_load_s']} s", file=sys.stderr)
            bench_coverage(cluster, results)
            bench_rule_change(cluster, results)
            bench_editing(cluster, mappers, seconds, results)
            kept_agree_after_editing(cluster, results)
            bench_qgis_commits(cluster, qgis_commits, results)
        finally:
            cluster.stop()
    existing = {}
    if output.exists():
        try:
            existing = json.loads(output.read_text(encoding="utf-8"))
        except ValueError:
            existing = {}
    existing.update(results)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", required=True, type=Path, help="JSON file to write (merged into if it exists)")
    parser.add_argument("--gpkg", type=Path, help="full-profile city demo GeoPackage to reuse (made when missing)")
    parser.add_argument("--mappers", type=int, default=50, help="concurrent simulated mappers (default 50)")
    parser.add_argument("--seconds", type=float, default=30.0, help="editing duration (default 30 s)")
    parser.add_argument("--qgis-commits", type=int, default=50, help="single-mapper saves through QGIS (default 50)")
    arguments = parser.parse_args()
    qgis_session.start()
    results = run_bench(arguments.output, arguments.gpkg, arguments.mappers, arguments.seconds, arguments.qgis_commits)
    print(json.dumps(results, indent=2), file=sys.stderr)
    agree = results.get("postgis_coverage_agree") and results.get("postgis_kept_agree")
    return 0 if results.get("postgis_edit_all_present") and agree else 1


if __name__ == "__main__":
    sys.exit(main())

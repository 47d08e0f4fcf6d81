"""`make bench-scale`: the whole of Bangkok on one PostGIS — 3 million households, 10 million members.

    python scripts/bench_scale.py [--output output] [--households 3000000] [--mappers 50] [--seconds 30]
        [--field-seconds 60] [--layouts plain,partitioned] [--name bench_scale.json] [--smaller FILE]

Not part of `make test` or `make bench` (at 3 million households: ~6 GB of disk per layout, one layout
at a time, and half an hour on 2 cores). For each layout — `plain` (keys `scale_*`) and `partitioned`
(core/storage/postgis/partitioned.py: households by district, members by hash; keys
`scale_partitioned_*`) — starts a throw-away cluster (scripts/pg_cluster.py, durable settings), makes
the KR 8310 schema with roles and row-level security, copies the 2,004 communities of the city
benchmark database (output/bench/city_full.gpkg, made by `make bench`, or generated here), then
generates the households in SQL — each community gets its registered households scaled to the total
asked, every household complete with 1-6 members (≈3.5) — into tables without indexes and with
triggers off, makes the indexes and keys after, and rebuilds what the database maintains (the
coverage counts). Measured (output/bench_scale.json):

- load (households, members, indexes), the maintained counts' rebuild (the "full recompute", best of 2);
- city coverage read from the database (2,004 rows), the KR view, and for reference the same numbers
  computed from all rows by one SQL query;
- an admin's new-household feature and form through QGIS (the set-up project's households form);
- `edit_*`: 50 mappers committing back to back for `--seconds` (saturation: throughput; latency is then
  mappers / throughput, a queue), and `field_*`: 50 mappers each saving a household with its members or
  correcting one, then pausing 1-3 s, for `--field-seconds` (the commit latency goal's case), inserts
  and updates apart (p50/p95/p99); every commit checked to be there;
- the load averages of the machine before and after each layout (other work shares its 2 cores);
- the Thailand scale (22 million households): with `--smaller` (a run at fewer households, default
  `<output>/bench_scale_1m.json` when present), a power law through the two runs per quantity, else
  linear.
Exits 1 when the maintained coverage differs from the recompute in any community, or a commit is missing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_postgis  # noqa: E402
import pg_cluster  # noqa: E402
import qgis_session  # noqa: E402

SCHEMA = bench_postgis.SCHEMA
THAILAND_HOUSEHOLDS = 22_000_000
BUILDING_TYPES = "ARRAY['detached_house','twin_house','row_house','shophouse','apartment']"
EDUCATION = "ARRAY['primary','lower_secondary','upper_secondary','bachelor','none']"
OCCUPATION = "ARRAY['trade','private_employee','general_labour','student','retired']"


def _best_ms(cursor, sql: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        best = min(best, time.perf_counter() - started)
    return round(1000 * best, 2)


def detach_indexes(cursor, tables: tuple[str, ...]) -> list[str]:
    """Drop the indexes, keys and foreign keys of `tables` (and the foreign keys that point at them);
    return the statements that make them again, keys before the foreign keys that need them."""
    names = [f"{SCHEMA}.{table}" for table in tables]
    cursor.execute(
        """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype = 'f' FROM pg_constraint
           WHERE contype IN ('p', 'u', 'f') AND conparentid = 0
             AND (conrelid = ANY(%s::regclass[]) OR confrelid = ANY(%s::regclass[]))""",
        (names, names),
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
           WHERE i.indrelid = ANY(%s::regclass[])
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
        (names,),
    )
    indexes = cursor.fetchall()
    ordered = sorted(constraints, key=lambda row: not row[3])  # foreign keys first
    for table, name, _definition, _foreign in ordered:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for index, _definition in indexes:
        cursor.execute(f"DROP INDEX {index}")
    # A partitioned table's index definition reads "ON ONLY": made again on the partitions too.
    remake = [definition.replace(" ON ONLY ", " ON ", 1) for _index, definition in indexes]
    remake += [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for table, name, definition, _ in ordered[::-1]
    ]
    return remake


def generate_households(
    cursor, households: int, tables: tuple[str, ...] = ("households", "members"), after_load: list[str] = ()
) -> dict:
    """Households scaled from each community's register, members 1-6 each: into tables without
    indexes and with triggers off, the indexes and keys made after (what a bulk load does)."""
    timings = {}
    remake = detach_indexes(cursor, tables)
    cursor.execute("SET session_replication_role = replica")
    cursor.execute(f"SELECT sum(greatest(registered_households, 0)) FROM {SCHEMA}.communities")
    factor = households / float(cursor.fetchone()[0])
    started = time.perf_counter()
    cursor.execute(
        f"""INSERT INTO {SCHEMA}.households (household_id, community_id, house_no, building_type, residence_years,
                member_count, created_at, updated_at, editor, row_version, geom)
            SELECT md5(c.community_id || '/' || g.i)::uuid::text, c.community_id, g.i::text || '/' || (g.i % 97),
                   ({BUILDING_TYPES})[1 + g.i % 5], g.i % 60, 1 + (g.i % 6), now(), now(), 'bench', 1,
                   ST_SetSRID(ST_MakePoint(ST_X(p.pt) + (g.i % 41) - 20, ST_Y(p.pt) + ((g.i / 41) % 41) - 20), 32647)
            FROM {SCHEMA}.communities c
            CROSS JOIN LATERAL (SELECT ST_PointOnSurface(c.geom) AS pt) p
            CROSS JOIN LATERAL generate_series(1, round(greatest(c.registered_households, 0) * {factor!r})::int) g(i)
            WHERE c.geom IS NOT NULL"""
    )
    timings["load_households_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    cursor.execute(
        f"""INSERT INTO {SCHEMA}.members (member_id, household_id, age, education, occupation, disability, bedridden,
                row_version)
            SELECT md5(h.household_id || '/' || k)::uuid::text, h.household_id, (h.fid * 7 + k * 13) % 90,
                   ({EDUCATION})[1 + (h.fid + k) % 5], ({OCCUPATION})[1 + (h.fid * 3 + k) % 5], 'none', false, 1
            FROM {SCHEMA}.households h CROSS JOIN LATERAL generate_series(1, h.member_count) k"""
    )
    timings["load_members_s"] = round(time.perf_counter() - started, 1)
    cursor.execute("SET session_replication_role = DEFAULT")
    started = time.perf_counter()
    for statement in after_load:  # what the layout's triggers would have written (they were off)
        cursor.execute(statement)
    cursor.execute("SET maintenance_work_mem = '2GB'")
    for statement in remake:
        cursor.execute(statement)
    timings["load_indexes_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    cursor.execute(f"VACUUM ANALYZE {SCHEMA}.households")
    cursor.execute(f"VACUUM ANALYZE {SCHEMA}.members")
    timings["vacuum_analyze_s"] = round(time.perf_counter() - started, 1)
    return timings


def _server_cpu_s(cursor) -> float:
    """CPU seconds the server process of `cursor` has used (the cluster runs on this machine): what a
    statement costs whatever else shares the cores."""
    cursor.execute("SELECT pg_backend_pid()")
    fields = Path(f"/proc/{cursor.fetchone()[0]}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rebuild_maintained(cursor) -> tuple[float, float]:
    """Rebuild the coverage the database maintains from all rows: (wall seconds, server CPU seconds)."""
    from kr8310_plugin.core.storage.postgis import coverage_triggers

    cpu = _server_cpu_s(cursor)
    started = time.perf_counter()
    for statement in coverage_triggers.rebuild_sql(SCHEMA):
        cursor.execute(statement)
    return round(time.perf_counter() - started, 1), round(_server_cpu_s(cursor) - cpu, 1)


def maintained_matches_recompute(database: str, cursor) -> tuple[bool, int]:
    from kr8310_plugin.core.storage.postgis.coverage_sql import coverage_in_database

    recomputed = coverage_in_database(database)
    cursor.execute(f"SELECT community_id, households_entered, households_complete FROM {SCHEMA}.communities")
    stored = {row[0]: (row[1] or 0, row[2] or 0) for row in cursor.fetchall()}
    differing = [cid for cid, values in recomputed.items() if tuple(values[:2]) != stored.get(cid, (0, 0))]
    return not differing, len(differing)


class ThinkingMapper(bench_postgis.Mapper):
    """A district mapper as in the field: saves a new household with its members, pauses (walks to the
    next door, `think` seconds, random), corrects one of its households every other time; the insert
    and update saves are timed apart."""

    def __init__(self, *args, think: tuple[float, float] = (1.0, 3.0)):
        super().__init__(*args)
        self.think = think
        self.insert_latencies: list[float] = []
        self.update_latencies: list[float] = []

    def run(self) -> None:
        import psycopg2

        rng = random.Random(1000 + self.number)
        connection = psycopg2.connect(self.dsn)
        cursor = connection.cursor()
        commit_number = 0
        self.stop.wait(rng.uniform(0, self.think[1]))  # mappers do not all start at the same second
        while not self.stop.is_set():
            commit_number += 1
            self._pending = None
            update = commit_number % 2 == 0 and bool(self.inserted)
            started = time.perf_counter()
            try:
                if update:
                    self._update(cursor, rng)
                else:
                    self._insert(cursor, rng, 1_000_000 + commit_number)
                connection.commit()
            except psycopg2.Error as error:
                connection.rollback()
                self.errors.append(str(error).splitlines()[0])
                continue
            elapsed = time.perf_counter() - started
            self.latencies.append(elapsed)
            (self.update_latencies if update else self.insert_latencies).append(elapsed)
            kind, key, value = self._pending
            (self.inserted if kind == "insert" else self.updates)[key] = value
            self.stop.wait(rng.uniform(*self.think))
        connection.close()


def _latency_keys(prefix: str, latencies: list[float]) -> dict:
    if not latencies:
        return {f"{prefix}_commits": 0}
    return {
        f"{prefix}_commits": len(latencies),
        f"{prefix}_ms_p50": round(1000 * statistics.median(latencies), 2),
        f"{prefix}_ms_p95": round(1000 * bench_postgis._percentile(latencies, 0.95), 2),
        f"{prefix}_ms_p99": round(1000 * bench_postgis._percentile(latencies, 0.99), 2),
        f"{prefix}_ms_max": round(1000 * max(latencies), 2),
    }


def bench_field_mappers(cluster, mappers: int, seconds: float, prefix: str = "scale_field") -> dict:
    """`mappers` concurrent district mappers with 1-3 s between saves (the commit latency goal is theirs);
    every committed household, member and update checked to be there."""
    threads, elapsed, all_present, _audit_rows = bench_postgis.run_mappers(
        cluster, ThinkingMapper, "field_mapper", mappers, seconds
    )
    results = {
        f"{prefix}_mappers": mappers,
        f"{prefix}_think_s": "1-3",
        f"{prefix}_seconds": round(elapsed, 1),
        f"{prefix}_commits_per_s": round(sum(len(t.latencies) for t in threads) / elapsed, 1),
        f"{prefix}_errors": sum(len(thread.errors) for thread in threads),
        f"{prefix}_all_present": all_present,
    }
    results.update(_latency_keys(f"{prefix}_insert", [v for t in threads for v in t.insert_latencies]))
    results.update(_latency_keys(f"{prefix}_update", [v for t in threads for v in t.update_latencies]))
    results.update(_latency_keys(f"{prefix}_all", [v for t in threads for v in t.latencies]))
    errors = [error for thread in threads for error in thread.errors]
    if errors:
        print(f"  field mappers' errors (first 3 of {len(errors)}): {errors[:3]}", file=sys.stderr)
    return results


def bench_form(database: str) -> dict:
    """An admin's "new household" in QGIS on the city, in a child process with a GUI application
    (widgets need one; the benchmark's own session has none)."""
    import subprocess

    completed = subprocess.run(
        [sys.executable, __file__, "--form-child", database], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr[-2000:])
        return {"scale_form_error": completed.returncode}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def form_child(database: str) -> dict:
    from qgis.core import QgsApplication

    application = QgsApplication([], True)  # before any other QGIS object: widgets need a GUI application
    application.initQgis()
    from qgis.core import QgsProject, QgsVectorLayerTools, QgsVectorLayerUtils
    from qgis.gui import QgsAttributeEditorContext, QgsAttributeForm, QgsGui

    from kr8310_plugin.core.project.setup import set_up_project

    QgsGui.editorWidgetRegistry().initEditors()  # what QGIS desktop does at start: value maps, relations...

    class LayerTools(QgsVectorLayerTools):  # what QGIS desktop gives a form; relation editors call it
        def addFeature(self, *args):  # noqa: N802 - QGIS API
            return False, None

        def startEditing(self, layer):  # noqa: N802 - QGIS API
            return layer.startEditing()

        def stopEditing(self, layer, allowCancel=True):  # noqa: N802, N803 - QGIS API
            return layer.commitChanges()

        def saveEdits(self, layer):  # noqa: N802 - QGIS API
            return layer.commitChanges(False)

        def copyMoveFeatures(self, *args):  # noqa: N802 - QGIS API
            return False

    tools = LayerTools()
    context = QgsAttributeEditorContext()
    context.setVectorLayerTools(tools)
    project = QgsProject()
    layers = set_up_project(project, database)
    households = layers["households"]
    feature_ms, form_ms = [], []
    for _ in range(5):
        started = time.perf_counter()
        feature = QgsVectorLayerUtils.createFeature(households)
        feature_ms.append(1000 * (time.perf_counter() - started))
        started = time.perf_counter()
        form = QgsAttributeForm(households, feature, context)
        form_ms.append(1000 * (time.perf_counter() - started))
        form.deleteLater()
    project.clear()
    form_results = {
        "scale_new_household_ms": round(statistics.median(feature_ms), 1),
        "scale_form_open_ms": round(statistics.median(form_ms), 1),
    }
    print(json.dumps(form_results))
    application.exitQgis()
    return form_results


CLUSTER_SETTINGS = {
    "shared_buffers": "2GB",
    "work_mem": "128MB",
    "maintenance_work_mem": "1GB",
    "max_wal_size": "4GB",  # the disk is shared: checkpoints rather than 16 GB of WAL
    "checkpoint_timeout": "15min",
    "wal_compression": "on",
}
LAYOUTS = {"plain": "scale_", "partitioned": "scale_partitioned_"}
# Measured times that grow with the data (extrapolated), and latencies (reported as measured).
_GROWING = (
    "load_households_s",
    "load_members_s",
    "load_indexes_s",
    "full_recompute_s",
    "full_recompute_cpu_s",
    "one_sql_query_s",
    "database_gb",
)


def _build(cluster, city: Path, layout: str) -> None:
    from kr8310_plugin.core.storage.postgis import partitioned
    from kr8310_plugin.core.storage.postgis.build import build_postgis_database

    build_postgis_database(f"{cluster.dsn()}?schema={SCHEMA}", partitioned=layout == "partitioned")
    pg_cluster.load_geopackage(cluster.dsn(), city, SCHEMA, tables=("communities",))
    if layout == "partitioned":
        import psycopg2

        with psycopg2.connect(cluster.dsn()) as connection, connection.cursor() as cursor:
            for statement in partitioned.district_partitions_sql(SCHEMA):
                cursor.execute(statement)


def run_layout(city: Path, layout: str, households: int, mappers: int, seconds: float, field_seconds: float) -> dict:
    """One layout, in its own cluster (dropped after, disk and all): keys without the layout prefix."""
    import psycopg2

    from kr8310_plugin.core.storage.postgis import partitioned

    results: dict = {}
    cluster = pg_cluster.start_cluster(CLUSTER_SETTINGS)
    try:
        database = f"{cluster.dsn()}?schema={SCHEMA}"
        _build(cluster, city, layout)
        connection = psycopg2.connect(cluster.dsn())
        connection.autocommit = True
        cursor = connection.cursor()
        tables = ("households", "members") + ((partitioned.HOUSEHOLD_KEYS_TABLE,) if layout == "partitioned" else ())
        after_load = partitioned.keys_after_bulk_load_sql(SCHEMA) if layout == "partitioned" else []
        results.update(generate_households(cursor, households, tables, after_load))
        cursor.execute(f"SELECT count(*) FROM {SCHEMA}.households")
        results["households"] = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM {SCHEMA}.members")
        results["members"] = cursor.fetchone()[0]
        print(f"  {layout}: loaded {results}", file=sys.stderr, flush=True)
        results["full_recompute_s"], results["full_recompute_cpu_s"] = min(rebuild_maintained(cursor) for _ in range(2))
        results["rule_change_s"] = bench_postgis.rule_change_s(database)
        cursor.execute("SELECT pg_database_size(current_database())")
        results["database_gb"] = round(cursor.fetchone()[0] / 1e9, 2)
        results["coverage_read_ms"] = _best_ms(
            cursor,
            f"SELECT community_id, households_entered, households_complete, coverage_pct, coverage_flag "
            f"FROM {SCHEMA}.communities",
        )
        results["kr_view_ms"] = _best_ms(cursor, f"SELECT * FROM {SCHEMA}.kr_summary", repeat=3)
        started = time.perf_counter()
        agree, differing = maintained_matches_recompute(database, cursor)
        results["one_sql_query_s"] = round(time.perf_counter() - started, 1)
        results["maintained_matches_recompute"] = agree
        results["communities_differing"] = differing
        print(f"  {layout}: recompute and reads {results}", file=sys.stderr, flush=True)
        results.update({key.removeprefix("scale_"): value for key, value in bench_form(database).items()})
        editing: dict = {}
        bench_postgis.bench_editing(cluster, mappers, seconds, editing)
        results.update({key.replace("postgis_edit_", "edit_"): value for key, value in editing.items()})
        field = bench_field_mappers(cluster, mappers, field_seconds)
        results.update({key.removeprefix("scale_"): value for key, value in field.items()})
        agree_after, differing_after = maintained_matches_recompute(database, cursor)
        results["maintained_matches_after_editing"] = agree_after
        results["communities_differing"] += differing_after
        connection.close()
    finally:
        cluster.stop()
    return results


def thailand_extrapolation(results: dict, smaller: dict | None) -> dict:
    """Thailand (22 million households) from the measured runs: with a smaller run of the same layout, a
    power law t = a * n^b through the two points (b from their ratio), else linear in the households."""
    extrapolated: dict = {"thailand_households": THAILAND_HOUSEHOLDS}
    method = "power law through the {small} and {large} household runs (exponent per quantity)"
    for prefix in LAYOUTS.values():
        large_n = results.get(f"{prefix}households")
        if not large_n:
            continue
        small_n = (smaller or {}).get(f"{prefix}households")
        ratio = THAILAND_HOUSEHOLDS / large_n
        for name in _GROWING:
            large = results.get(prefix + name)
            if large is None:
                continue
            small = (smaller or {}).get(prefix + name)
            exponent = 1.0
            if small and small_n and small_n < large_n and small > 0 and large > 0:
                exponent = math.log(large / small) / math.log(large_n / small_n)
                extrapolated[f"thailand_{prefix.removeprefix('scale_')}{name}_exponent"] = round(exponent, 2)
            extrapolated[f"thailand_{prefix.removeprefix('scale_')}{name}_extrapolated"] = round(
                large * ratio**exponent, 1
            )
        extrapolated[f"thailand_{prefix.removeprefix('scale_')}method"] = (
            method.format(small=small_n, large=large_n) if small_n and small_n < large_n else "linear from one run"
        )
    extrapolated["thailand_note"] = (
        "reads of the kept coverage (one row per community) and a mapper's commit (index lookups of one "
        "household) do not grow with the households; the loads and full recomputes do, as extrapolated"
    )
    return extrapolated


def run(
    output: Path,
    households: int,
    mappers: int,
    seconds: float,
    field_seconds: float,
    layouts: list[str],
    name: str,
    smaller: Path | None,
) -> dict:
    results: dict = {"scale_households_asked": households}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="kr8310-bench-scale-") as work:
        city, _generated = bench_postgis.city_geopackage(output / "bench" / "city_full.gpkg", Path(work))
        for layout in layouts:
            started = time.perf_counter()
            measured = run_layout(city, layout, households, mappers, seconds, field_seconds)
            results.update({LAYOUTS[layout] + key: value for key, value in measured.items()})
            results[f"{LAYOUTS[layout]}run_minutes"] = round((time.perf_counter() - started) / 60, 1)
            results[f"{LAYOUTS[layout]}load_average_after"] = [round(v, 2) for v in os.getloadavg()]
    results["scale_load_average_before"] = [round(v, 2) for v in load_before]
    results["scale_machine"] = f"{os.cpu_count()} cores, shared with other work (see the load averages)"
    written = output / name
    if written.exists():  # a run of some layouts keeps what an earlier run measured of the others
        earlier = json.loads(written.read_text(encoding="utf-8"))
        kept_layouts = [p for layout, p in LAYOUTS.items() if layout not in layouts and f"{p}households" in earlier]
        results = {
            **{k: v for k, v in earlier.items() if any(k.startswith(p) for p in kept_layouts)},
            **results,
        }
    smaller = smaller or output / "bench_scale_1m.json"
    small = json.loads(smaller.read_text(encoding="utf-8")) if smaller.exists() and smaller.name != name else None
    results.update(thailand_extrapolation(results, small))
    output.mkdir(parents=True, exist_ok=True)
    (output / name).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--form-child":
        sys.path.insert(0, str(qgis_session.PLUGINS_DIR))
        form_child(sys.argv[2])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--households", type=int, default=3_000_000)
    parser.add_argument("--mappers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0, help="the saturated mappers' run")
    parser.add_argument("--field-seconds", type=float, default=60.0, help="the mappers with think time")
    parser.add_argument("--layouts", default="plain,partitioned")
    parser.add_argument("--name", default="bench_scale.json", help="the JSON file written in --output")
    parser.add_argument("--smaller", type=Path, help="a smaller run's JSON, for the Thailand extrapolation")
    arguments = parser.parse_args()
    qgis_session.start()
    layouts = [layout for layout in arguments.layouts.split(",") if layout]
    results = run(
        arguments.output,
        arguments.households,
        arguments.mappers,
        arguments.seconds,
        arguments.field_seconds,
        layouts,
        arguments.name,
        arguments.smaller,
    )
    print(json.dumps(results, indent=2))
    ok = all(
        results[f"{LAYOUTS[layout]}maintained_matches_recompute"]
        and results[f"{LAYOUTS[layout]}maintained_matches_after_editing"]
        and results.get(f"{LAYOUTS[layout]}edit_all_present")
        and results.get(f"{LAYOUTS[layout]}field_all_present")
        for layout in layouts
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

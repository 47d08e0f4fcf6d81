"""`make bench-scale`: the whole of Bangkok on one PostGIS — 3 million households, 10 million members.

    python scripts/bench_scale.py [--output output] [--households 3000000] [--mappers 50] [--seconds 30]

Not part of `make test` or `make bench` (it needs ~15 GB of disk and tens of minutes on 2 cores).
Starts a throw-away cluster (scripts/pg_cluster.py, durable settings), makes the KR 8310 schema
with roles and row-level security, copies the 2,004 communities of the city benchmark database
(output/bench/city_full.gpkg, made by `make bench`, or generated here), then generates the
households in SQL — each community gets its registered households scaled to the total asked, every
household complete with 1-6 members (≈3.5) — with triggers off, and rebuilds what the database
maintains (the coverage counts) once. Measured (output/bench_scale.json, keys `scale_*`):

- load (households, members, indexes), the maintained counts' rebuild (the "full recompute");
- city coverage read from the database (2,004 rows), the KR view, and for reference the same numbers
  computed from all rows by one SQL query;
- 50 concurrent mappers committing inserts/updates for `--seconds` (p50/p95 commit latency), every
  commit checked to be there (scripts/bench_postgis.py's mappers);
- an admin's new-household feature and form through QGIS (the set-up project's households form);
- the Thailand scale (22 million households) extrapolated linearly from the measured rates.
Exits 1 when the maintained coverage differs from the recompute in any community.
"""

from __future__ import annotations

import argparse
import json
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


def generate_households(cursor, households: int) -> dict:
    """Households scaled from each community's register, members 1-6 each, triggers off."""
    cursor.execute("SET session_replication_role = replica")
    cursor.execute(f"SELECT sum(greatest(registered_households, 0)) FROM {SCHEMA}.communities")
    factor = households / float(cursor.fetchone()[0])
    timings = {}
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
    timings["scale_load_households_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    cursor.execute(
        f"""INSERT INTO {SCHEMA}.members (member_id, household_id, age, education, occupation, disability, bedridden,
                row_version)
            SELECT md5(h.household_id || '/' || k)::uuid::text, h.household_id, (h.fid * 7 + k * 13) % 90,
                   ({EDUCATION})[1 + (h.fid + k) % 5], ({OCCUPATION})[1 + (h.fid * 3 + k) % 5], 'none', false, 1
            FROM {SCHEMA}.households h CROSS JOIN LATERAL generate_series(1, h.member_count) k"""
    )
    timings["scale_load_members_s"] = round(time.perf_counter() - started, 1)
    cursor.execute("SET session_replication_role = DEFAULT")
    started = time.perf_counter()
    cursor.execute(f"VACUUM ANALYZE {SCHEMA}.households")
    cursor.execute(f"VACUUM ANALYZE {SCHEMA}.members")
    timings["scale_vacuum_analyze_s"] = round(time.perf_counter() - started, 1)
    return timings


def rebuild_maintained(cursor) -> float | None:
    """Rebuild the coverage the database maintains from all rows (None when this schema has none)."""
    from kr8310_plugin.core.storage.postgis import coverage_triggers

    started = time.perf_counter()
    for statement in coverage_triggers.rebuild_sql(SCHEMA):
        cursor.execute(statement)
    return round(time.perf_counter() - started, 1)


def maintained_matches_recompute(database: str, cursor) -> tuple[bool, int]:
    from kr8310_plugin.core.storage.postgis.coverage_sql import coverage_in_database

    recomputed = coverage_in_database(database)
    cursor.execute(f"SELECT community_id, households_entered, households_complete FROM {SCHEMA}.communities")
    stored = {row[0]: (row[1] or 0, row[2] or 0) for row in cursor.fetchall()}
    differing = [cid for cid, values in recomputed.items() if tuple(values[:2]) != stored.get(cid, (0, 0))]
    return not differing, len(differing)


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


def run(output: Path, households: int, mappers: int, seconds: float) -> dict:
    import psycopg2

    from kr8310_plugin.core.storage.postgis.build import build_postgis_database

    results: dict = {"scale_households_asked": households}
    with tempfile.TemporaryDirectory(prefix="kr8310-bench-scale-") as work:
        city, _generated = bench_postgis.city_geopackage(output / "bench" / "city_full.gpkg", Path(work))
        cluster = pg_cluster.start_cluster(
            {"shared_buffers": "1GB", "work_mem": "128MB", "maintenance_work_mem": "1GB", "max_wal_size": "16GB"}
        )
        try:
            database = f"{cluster.dsn()}?schema={SCHEMA}"
            build_postgis_database(database)
            pg_cluster.load_geopackage(cluster.dsn(), city, SCHEMA, tables=("communities",))
            connection = psycopg2.connect(cluster.dsn())
            connection.autocommit = True
            cursor = connection.cursor()
            results.update(generate_households(cursor, households))
            cursor.execute(f"SELECT count(*) FROM {SCHEMA}.households")
            results["scale_households"] = cursor.fetchone()[0]
            cursor.execute(f"SELECT count(*) FROM {SCHEMA}.members")
            results["scale_members"] = cursor.fetchone()[0]
            results["scale_full_recompute_s"] = rebuild_maintained(cursor)
            cursor.execute("SELECT pg_database_size(current_database())")
            results["scale_database_gb"] = round(cursor.fetchone()[0] / 1e9, 2)
            results["scale_coverage_read_ms"] = _best_ms(
                cursor,
                f"SELECT community_id, households_entered, households_complete, coverage_pct, coverage_flag "
                f"FROM {SCHEMA}.communities",
            )
            results["scale_kr_view_ms"] = _best_ms(cursor, f"SELECT * FROM {SCHEMA}.kr_summary", repeat=3)
            started = time.perf_counter()
            agree, differing = maintained_matches_recompute(database, cursor)
            results["scale_one_sql_query_s"] = round(time.perf_counter() - started, 1)
            results["scale_maintained_matches_recompute"] = agree
            results["scale_communities_differing"] = differing
            results.update(bench_form(database))
            editing: dict = {}
            bench_postgis.bench_editing(cluster, mappers, seconds, editing)
            results.update({key.replace("postgis_edit_", "scale_edit_"): value for key, value in editing.items()})
            agree_after, differing_after = maintained_matches_recompute(database, cursor)
            results["scale_maintained_matches_after_editing"] = agree_after
            results["scale_communities_differing"] += differing_after
            connection.close()
        finally:
            cluster.stop()
    load_s = results["scale_load_households_s"] + results["scale_load_members_s"]
    ratio = THAILAND_HOUSEHOLDS / max(results["scale_households"], 1)
    results["thailand_households"] = THAILAND_HOUSEHOLDS
    results["thailand_load_s_extrapolated"] = round(load_s * ratio)
    if results["scale_full_recompute_s"] is not None:
        results["thailand_full_recompute_s_extrapolated"] = round(results["scale_full_recompute_s"] * ratio, 1)
    results["thailand_database_gb_extrapolated"] = round(results["scale_database_gb"] * ratio, 1)
    output.mkdir(parents=True, exist_ok=True)
    (output / "bench_scale.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
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
    parser.add_argument("--seconds", type=float, default=30.0)
    arguments = parser.parse_args()
    qgis_session.start()
    results = run(arguments.output, arguments.households, arguments.mappers, arguments.seconds)
    print(json.dumps(results, indent=2))
    ok = results["scale_maintained_matches_recompute"] and results["scale_maintained_matches_after_editing"]
    return 0 if ok and results.get("scale_edit_all_present") else 1


if __name__ == "__main__":
    sys.exit(main())

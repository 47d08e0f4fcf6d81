"""Coverage computed by PostgreSQL (views community_coverage, kr_summary) equals the plugin's engine,
and the plugin's features run on PostGIS layers: the one-district demo loaded into PostGIS."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_cluster import load_geopackage
from qgis.core import QgsProject

from kr8310_plugin.core.coverage.engine import compute_coverage
from kr8310_plugin.core.coverage.kr_summary import kr_summary
from kr8310_plugin.core.coverage.postgis_path import coverage_for_layers
from kr8310_plugin.core.storage.datasource import open_database_layers
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.core.storage.postgis.coverage_sql import coverage_in_database
from kr8310_plugin.core.storage.postgis.editing import ROW_VERSION_EXPRESSION

pytestmark = pytest.mark.postgis

SCHEMA = "kr_demo"
KR_COLUMNS = (
    "s_communities",
    "m_communities",
    "registered_households",
    "complete_households",
    "kr_pct",
    "l_communities",
    "l_registered_households",
    "l_complete_households",
    "l_coverage_pct",
    "households_entered",
)


@pytest.fixture(scope="module")
def demo_pg(pg_cluster, small_demo_gpkg) -> str:
    """The one-district demo (1001) in PostGIS; returns its database string."""
    database = f"{pg_cluster.dsn()}?schema={SCHEMA}"
    build_postgis_database(database, overwrite=True, roles=False)
    counts = load_geopackage(pg_cluster.dsn(), small_demo_gpkg, SCHEMA)
    assert counts["households"] > 1000 and counts["members"] > counts["households"]
    return database


def _engine(database: str):
    """The engine streaming features through QGIS (a subset string keeps it off the server-side path)."""
    layers = open_database_layers(database)
    for layer in layers.values():
        layer.setSubsetString("fid > 0")
    return compute_coverage(layers["communities"], layers["households"], layers["members"])


def _engine_values(result) -> dict[str, tuple]:
    return {
        cid: (c.households_entered, c.households_complete, c.coverage_pct, c.coverage_flag)
        for cid, c in result.communities.items()
    }


def _assert_same(sql: dict[str, tuple], engine: dict[str, tuple]) -> None:
    assert sql.keys() == engine.keys()
    for community_id, (entered, complete, pct, flag) in engine.items():
        sql_entered, sql_complete, sql_pct, sql_flag = sql[community_id]
        assert (sql_entered, sql_complete, sql_flag) == (entered, complete, flag), community_id
        assert sql_pct == (None if pct is None else pytest.approx(pct, rel=1e-12)), community_id


def test_coverage_in_sql_equals_the_engine(demo_pg, pg_superuser, small_demo_gpkg):
    in_database = coverage_in_database(demo_pg)
    on_postgis = _engine_values(_engine(demo_pg))
    on_geopackage = _engine_values(_engine(str(small_demo_gpkg)))
    _assert_same(in_database, on_postgis)
    _assert_same(in_database, on_geopackage)
    flags = {value[3] for value in in_database.values()}
    assert {"ok", "over_register", "no_data"} <= flags

    # The edge cases of issue 4, made in the database, counted alike by both.
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT community_id FROM {SCHEMA}.communities ORDER BY community_id LIMIT 3")
        first, second, third = (r[0] for r in cursor.fetchall())
        cursor.execute(f"UPDATE {SCHEMA}.communities SET registered_households = 0 WHERE community_id = %s", (first,))
        for sql in (
            "UPDATE {s}.households SET geom = NULL WHERE household_id = (SELECT min(household_id) "
            "FROM {s}.households WHERE community_id = %s)",
            "UPDATE {s}.households SET house_no = E' \\t' WHERE household_id = (SELECT max(household_id) "
            "FROM {s}.households WHERE community_id = %s)",
            "DELETE FROM {s}.members WHERE household_id = (SELECT max(household_id) FROM {s}.households h "
            "WHERE community_id = %s AND member_count > 1 AND house_no <> E' \\t')",
            "INSERT INTO {s}.members (household_id, age, education, occupation, disability, bedridden) "
            "SELECT household_id, 30, 'primary', 'trade', 'none', false FROM {s}.households "
            "WHERE household_id = (SELECT min(household_id) FROM {s}.households WHERE community_id = %s "
            "AND geom IS NOT NULL)",
        ):
            for community_id in (second, third):
                cursor.execute(sql.format(s=SCHEMA), (community_id,))
        cursor.execute(
            f"UPDATE {SCHEMA}.members SET bedridden = NULL WHERE member_id = (SELECT min(member_id) "
            f"FROM {SCHEMA}.members)"
        )
        cursor.execute(  # a household in no community: counted nowhere, reported
            f"INSERT INTO {SCHEMA}.households (community_id, house_no, member_count, geom) "
            "VALUES (NULL, 'nowhere', 1, ST_SetSRID(ST_Point(660000, 1520000), 32647))"
        )
    changed = coverage_in_database(demo_pg)
    assert changed != in_database
    with pg_superuser.cursor() as cursor:  # the view (filters push down) and the city-wide function agree
        cursor.execute(
            f"SELECT community_id, households_entered, households_complete, coverage_pct, coverage_flag "
            f"FROM {SCHEMA}.community_coverage"
        )
        assert {row[0]: tuple(row[1:]) for row in cursor.fetchall()} == changed
    assert changed[first][2:] == (None, "zero_registered")
    engine = _engine(demo_pg)
    _assert_same(changed, _engine_values(engine))

    # The engine's result computed by the server in one query, for the whole city and for a few communities.
    layers = open_database_layers(demo_pg)
    by_server = coverage_for_layers(layers["communities"], layers["households"], layers["members"])
    assert _engine_values(by_server) == _engine_values(engine)
    # compute_coverage on plain PostGIS layers takes that server-side path.
    assert _engine_values(compute_coverage(layers["communities"], layers["households"], layers["members"])) == (
        _engine_values(engine)
    )
    assert {(u.household_id, u.community_id, u.reason) for u in by_server.unassigned} == {
        (u.household_id, u.community_id, u.reason) for u in engine.unassigned
    }
    assert len(engine.unassigned) == 1
    assert (by_server.households_total, by_server.households_complete_total) == (
        engine.households_total,
        engine.households_complete_total,
    )
    some = [second, third]
    subset = coverage_for_layers(layers["communities"], layers["households"], layers["members"], community_ids=some)
    assert _engine_values(subset) == {cid: _engine_values(engine)[cid] for cid in some}


def test_kr_summary_view_equals_the_engine(demo_pg, pg_superuser):
    engine_rows = {(row.level, row.code): row for row in kr_summary(_engine(demo_pg))}
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT level, code, name_en, {', '.join(KR_COLUMNS)} FROM {SCHEMA}.kr_summary")
        sql_rows = cursor.fetchall()
    assert {(r[0], r[1]) for r in sql_rows} >= {("city", "BKK"), ("district", "1001"), ("size_class", "S")}
    for level, code, name_en, *values in sql_rows:
        expected = engine_rows[(level, code)]
        assert name_en == expected.name_en
        for column, value in zip(KR_COLUMNS, values):
            wanted = getattr(expected, column)
            assert value == (pytest.approx(wanted) if isinstance(wanted, float) else wanted), (level, code, column)


def test_features_run_on_postgis_layers(demo_pg, run_algorithm, tmp_path):
    """The mapping project and the coverage algorithm work on PostGIS layers as on a GeoPackage."""
    from kr8310_plugin.core.project.setup import set_up_project

    project = QgsProject()
    layers = set_up_project(project, demo_pg, language="en")
    households = layers["households"]
    assert households.providerType() == "postgres" and households.isValid()
    version = households.defaultValueDefinition(households.fields().indexOf("row_version"))
    assert (version.expression(), version.applyOnUpdate()) == (ROW_VERSION_EXPRESSION, True)
    result = run_algorithm(
        "coverage",
        {
            "COMMUNITIES": layers["communities"],
            "HOUSEHOLDS": households,
            "MEMBERS": layers["members"],
            "OUTPUT": str(tmp_path / "coverage.gpkg"),
        },
    )
    from qgis.core import QgsVectorLayer

    output = QgsVectorLayer(result["OUTPUT"], "coverage", "ogr")
    in_database = coverage_in_database(demo_pg)
    computed = {f["community_id"]: (f["households_entered"], f["households_complete"]) for f in output.getFeatures()}
    assert computed == {cid: values[:2] for cid, values in in_database.items()}


def test_reports_and_checks_run_on_postgis(demo_pg, run_algorithm, tmp_path):
    """krsummary, validate, exportreport and exportmap take a PostGIS database as they take a GeoPackage."""
    layers = open_database_layers(demo_pg)
    inputs = {"COMMUNITIES": layers["communities"], "HOUSEHOLDS": layers["households"], "MEMBERS": layers["members"]}
    summary = run_algorithm(
        "krsummary", {**inputs, "DISTRICTS": layers["districts"], "OUTPUT": str(tmp_path / "summary.csv")}
    )
    assert Path(summary["OUTPUT"]).stat().st_size > 0
    issues = run_algorithm(
        "validate", {**inputs, "TARGETS": layers["districts"], "OUTPUT": str(tmp_path / "issues.gpkg")}
    )
    assert issues["OUTPUT"]
    report = run_algorithm("exportreport", {"DATABASE": demo_pg, "OUTPUT": str(tmp_path / "kr8310.xlsx")})
    assert Path(report["OUTPUT"]).stat().st_size > 0
    pdf = run_algorithm(
        "exportmap", {"DATABASE": demo_pg, "SCOPE": "district", "AREA": "1001", "OUTPUT": str(tmp_path / "map.pdf")}
    )
    assert Path(pdf["OUTPUT"]).read_bytes().startswith(b"%PDF")

"""No lost update in a PostGIS community database, with mappers as README sets them up: an import never
reverts a change made since the file was made nor overwrites a save that lands between its read and its
write; members are written member by member, so a pending member edit the import overtook is refused;
a save of a household deleted meanwhile says so and keeps the edit; house numbers are unique by key."""

from __future__ import annotations

import csv

import psycopg2
import psycopg2.errors
import pytest
from pg_sessions import autocommit_cursor  # noqa: E402
from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import QCoreApplication

from kr8310_plugin.core.importing import postgis_writer
from kr8310_plugin.core.storage import row_versions
from kr8310_plugin.core.storage.datasource import open_layer
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.core.storage.postgis.editing import CONFLICT_TAG
from kr8310_plugin.core.storage.postgis.target import parse_target
from kr8310_plugin.gui.commit_errors import CommitErrorReporter

pytestmark = pytest.mark.postgis

SCHEMA = "kr_lost"
COMMUNITY = "1001-001"
SQUARE = (661900, 1521100)  # a 200 m square in Phra Nakhon (1001)
HEADER = ["house_no", "community_id", "longitude", "latitude", "building_type", "residence_years"]


session = autocommit_cursor


class City:
    """A community database with logins: `dsn(kind)`, `database(kind)` (a database string as `kind`)."""

    def __init__(self, cluster, schema: str, users: dict[str, str]):
        self.users, self.cluster, self.schema = users, cluster, schema

    def dsn(self, kind: str = "mapper") -> str:
        return self.cluster.dsn(self.users[kind])

    def database(self, kind: str = "mapper") -> str:
        return f"{self.dsn(kind)}?schema={self.schema}"


def build_city(pg_cluster, pg_superuser, schema: str, mappers: tuple[str, ...]) -> City:
    """The database built by a CREATEROLE login (README's set-up), an admin, `mappers` logins of district
    1001, and one community: a 200 m square at SQUARE."""
    users = {kind: f"{schema}_{kind}_user" for kind in ("builder", "admin", *mappers)}
    with pg_superuser.cursor() as cursor:
        for kind, user in users.items():
            cursor.execute(f"DROP ROLE IF EXISTS {user}")
            cursor.execute(f"CREATE ROLE {user} LOGIN" + (" CREATEROLE" if kind == "builder" else ""))
        cursor.execute(f"GRANT CREATE ON DATABASE kr8310 TO {users['builder']}")
    build_postgis_database(f"{pg_cluster.dsn(users['builder'])}?schema={schema}", overwrite=True)
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"GRANT {schema}_admin TO {users['admin']}")
    x, y = SQUARE
    with session(pg_cluster.dsn(users["admin"])) as cursor:
        for kind in mappers:
            cursor.execute(f"SELECT {schema}.assign_mapper(%s, 1001)", (users[kind],))
        cursor.execute(
            f"INSERT INTO {schema}.communities (community_id, name, district_code, registered_households, geom) "
            f"VALUES ('{COMMUNITY}', 'ชุมชน', 1001, 50, "
            f"ST_Multi(ST_MakeEnvelope({x}, {y}, {x + 200}, {y + 200}, 32647)))"
        )
    return City(pg_cluster, schema, users)


@pytest.fixture(scope="module")
def city(pg_cluster, pg_superuser, kr8310_provider):
    return build_city(pg_cluster, pg_superuser, SCHEMA, ("mapper", "other_mapper"))


def lonlat(dx: float, dy: float) -> tuple[float, float]:
    point = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32647"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance().transformContext(),
    ).transform(QgsPointXY(SQUARE[0] + dx, SQUARE[1] + dy))
    return round(point.x(), 7), round(point.y(), 7)


def write(path, rows, header=HEADER):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run_import(run_algorithm, city, source, tmp_path):
    return run_algorithm(
        "importhouseholds",
        {"INPUT": str(source), "DATABASE": city.database(), "WARNINGS": str(tmp_path / "warnings.csv")},
    )


def warnings_of(tmp_path) -> list[str]:
    with open(tmp_path / "warnings.csv", encoding="utf-8") as handle:
        return [r["code"] for r in csv.DictReader(handle)]


def stored(city, house_no: str):
    with session(city.dsn("admin")) as cursor:
        cursor.execute(
            f"SELECT fid, household_id, residence_years, building_type, row_version FROM {SCHEMA}.households "
            "WHERE house_no = %s",
            (house_no,),
        )
        return cursor.fetchone()


def stored_members(city, household_id: str):
    with session(city.dsn("admin")) as cursor:
        cursor.execute(
            f"SELECT fid, member_id, age, row_version FROM {SCHEMA}.members WHERE household_id = %s ORDER BY member_id",
            (household_id,),
        )
        return cursor.fetchall()


def test_reimport_keeps_a_correction_saved_in_qgis(run_algorithm, city, tmp_path):
    lon, lat = lonlat(20, 20)
    source = write(tmp_path / "s.csv", [["p1/1", COMMUNITY, lon, lat, "shophouse", "5"]])
    assert run_import(run_algorithm, city, source, tmp_path)["INSERTED"] == 1
    fid, household_id, _years, _type, version = stored(city, "p1/1")
    layer = open_layer(city.database("other_mapper"), "households")  # another mapper corrects it in QGIS
    assert layer.startEditing()
    assert layer.changeAttributeValue(fid, layer.fields().indexOf("residence_years"), 6)
    assert layer.commitChanges(), layer.commitErrors()

    again = run_import(run_algorithm, city, source, tmp_path)
    assert (again["UPDATED"], again["INSERTED"]) == (0, 0)
    assert warnings_of(tmp_path) == ["changed_since"]
    assert stored(city, "p1/1")[2] == 6
    # The file made from the current version overwrites it.
    current = write(
        tmp_path / "c.csv",
        [["p1/1", COMMUNITY, lon, lat, "shophouse", "8", household_id, version + 1]],
        [*HEADER, "household_id", "row_version"],
    )
    assert run_import(run_algorithm, city, current, tmp_path)["UPDATED"] == 1
    assert stored(city, "p1/1")[2] == 8


def test_a_save_between_the_imports_read_and_write_is_kept(run_algorithm, city, tmp_path, monkeypatch):
    lon, lat = lonlat(40, 20)
    source = write(tmp_path / "s.csv", [["p2/1", COMMUNITY, lon, lat, "shophouse", "5"]])
    run_import(run_algorithm, city, source, tmp_path)
    household_id = stored(city, "p2/1")[1]
    write(source, [["p2/1", COMMUNITY, lon, lat, "shophouse", "9"]])
    plan = postgis_writer.plan_changes

    def plan_then_a_mapper_saves(*args, **kwargs):
        changes = plan(*args, **kwargs)
        with session(city.dsn("other_mapper")) as cursor:  # committed before the import writes
            cursor.execute(
                f"UPDATE {SCHEMA}.households SET residence_years = 6 WHERE household_id = %s", (household_id,)
            )
        return changes

    monkeypatch.setattr(postgis_writer, "plan_changes", plan_then_a_mapper_saves)
    result = run_import(run_algorithm, city, source, tmp_path)
    assert result["UPDATED"] == 0 and warnings_of(tmp_path) == ["changed_since"]
    assert stored(city, "p2/1")[2] == 6


def test_members_are_written_by_id_and_a_pending_member_edit_is_refused(run_algorithm, city, tmp_path, qgis_iface):
    lon, lat = lonlat(60, 20)
    header = [*HEADER, "member1_age", "member2_age"]
    source = write(tmp_path / "s.csv", [["p3/1", COMMUNITY, lon, lat, "shophouse", "5", "40", "12"]], header)
    run_import(run_algorithm, city, source, tmp_path)
    household_id = stored(city, "p3/1")[1]
    before = {m[2]: m for m in stored_members(city, household_id)}
    layer = open_layer(city.database("other_mapper"), "members")
    QgsProject.instance().addMapLayer(layer)
    reporter = CommitErrorReporter(qgis_iface.messageBar())
    reporter.start()
    try:
        assert layer.startEditing()
        assert layer.changeAttributeValue(before[40][0], layer.fields().indexOf("education"), "primary")
        write(source, [["p3/1", COMMUNITY, lon, lat, "shophouse", "5", "41", "12"]], header)
        assert run_import(run_algorithm, city, source, tmp_path)["UPDATED"] == 1
        after = {m[1]: m for m in stored_members(city, household_id)}
        assert after[before[40][1]] == (before[40][0], before[40][1], 41, before[40][3] + 1)
        assert after[before[12][1]] == before[12]
        assert not layer.commitChanges(False)
        QCoreApplication.processEvents()
        assert layer.isEditable() and layer.editBuffer().changedAttributeValues()[before[40][0]]
        message = qgis_iface.messageBar().get_messages(Qgis.Critical)[-1]
        assert "saved by someone else" in message and before[40][1] in message
        assert {m[1]: m for m in stored_members(city, household_id)} == after
    finally:
        reporter.stop()
        layer.rollBack()
        QgsProject.instance().removeAllMapLayers()


def test_a_save_of_a_household_deleted_meanwhile_is_refused_and_says_so(run_algorithm, city, tmp_path, qgis_iface):
    lon, lat = lonlat(80, 20)
    run_import(
        run_algorithm, city, write(tmp_path / "s.csv", [["p4/1", COMMUNITY, lon, lat, "shophouse", "5"]]), tmp_path
    )
    fid, household_id = stored(city, "p4/1")[:2]
    layer = open_layer(city.database("other_mapper"), "households")
    QgsProject.instance().addMapLayer(layer)
    reporter = CommitErrorReporter(qgis_iface.messageBar())
    reporter.start()
    try:
        assert layer.startEditing()
        assert layer.changeAttributeValue(fid, layer.fields().indexOf("residence_years"), 33)
        with session(city.dsn("mapper")) as cursor:
            cursor.execute(f"DELETE FROM {SCHEMA}.households WHERE household_id = %s", (household_id,))
        assert not layer.commitChanges(False)
        QCoreApplication.processEvents()
        message = qgis_iface.messageBar().get_messages(Qgis.Critical)[-1]
        assert f"Household p4/1 ({household_id}) was deleted" in message
        assert layer.editBuffer().changedAttributeValues()[fid] and not layer.editBuffer().addedFeatures()
    finally:
        reporter.stop()
        layer.rollBack()
        QgsProject.instance().removeAllMapLayers()


def test_a_pending_edit_after_an_import_is_refused_by_the_server(run_algorithm, city, tmp_path):
    lon, lat = lonlat(100, 20)
    source = write(tmp_path / "s.csv", [["p5/1", COMMUNITY, lon, lat, "shophouse", "5"]])
    run_import(run_algorithm, city, source, tmp_path)
    fid = stored(city, "p5/1")[0]
    layer = open_layer(city.database("other_mapper"), "households")
    assert layer.startEditing()
    assert layer.changeAttributeValue(fid, layer.fields().indexOf("residence_years"), 11)
    write(source, [["p5/1", COMMUNITY, lon, lat, "row_house", "5"]])
    assert run_import(run_algorithm, city, source, tmp_path)["UPDATED"] == 1
    assert not layer.commitChanges(False)
    assert CONFLICT_TAG in "\n".join(layer.commitErrors())
    assert stored(city, "p5/1")[2:4] == (5, "row_house")
    layer.rollBack()


def test_house_numbers_are_unique_by_their_key(city):
    with session(city.dsn("mapper")) as cursor:
        point = f"ST_SetSRID(ST_Point({SQUARE[0] + 120}, {SQUARE[1] + 20}), 32647)"
        insert = (
            f"INSERT INTO {SCHEMA}.households (community_id, house_no, building_type, residence_years, member_count, "
            f"geom) VALUES (%s, %s, 'row_house', 5, 1, {point})"
        )
        cursor.execute(insert, (COMMUNITY, "12/3"))
        for twin in ("๑๒/๓", "12 / 3", "12\u200b/3", "١٢/٣"):
            with pytest.raises(psycopg2.errors.UniqueViolation, match="households_house_number_key_idx"):
                cursor.execute(insert, (COMMUNITY, twin))
        cursor.execute(insert, (COMMUNITY, " "))
        cursor.execute(insert, (COMMUNITY, "\u200b"))  # blank house numbers never collide
        cursor.execute(f"DELETE FROM {SCHEMA}.households WHERE house_no IN ('12/3', ' ', E'\\u200b')")


def test_an_older_schema_gets_the_guards(city, pg_superuser):
    target = parse_target(city.database("builder"))
    with session(city.dsn("builder")) as cursor:
        cursor.execute(f"SET ROLE {SCHEMA}_owner")
        cursor.execute(f"DROP TABLE {SCHEMA}.{row_versions.IMPORT_VERSIONS_TABLE} CASCADE")
        cursor.execute(f"DROP FUNCTION {SCHEMA}.{row_versions.IMPORT_VERSIONS_FUNCTION}(text[])")
        cursor.execute(f"DROP FUNCTION {SCHEMA}.{row_versions.RECORD_IMPORT_FUNCTION}(text[], text[])")
        cursor.execute(f"DROP INDEX {SCHEMA}.{row_versions.POSTGRES_HOUSE_NUMBER_INDEX}")
    assert row_versions.upgrade_postgis(target)
    assert not row_versions.upgrade_postgis(target)
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT to_regclass('{SCHEMA}.{row_versions.POSTGRES_HOUSE_NUMBER_INDEX}') IS NOT NULL")
        assert cursor.fetchone()[0]

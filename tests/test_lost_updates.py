"""No lost update in a GeoPackage community database: an import never reverts or overwrites a change made
since the file was made, a QGIS save never overwrites what an import (or anyone) saved since the edit
began, and a save of a household deleted meanwhile says so and keeps the edit. House numbers are unique
per community by their key, in the database itself."""

from __future__ import annotations

import csv
import shutil
import sqlite3

import pytest
import test_import
from qgis.core import Qgis, QgsGeometry, QgsPointXY, QgsProcessingException, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
from test_import import write_csv

from kr8310_plugin.core.importing import importer
from kr8310_plugin.core.project.setup import set_up_project
from kr8310_plugin.core.storage import gpkg, rule_store
from kr8310_plugin.core.storage.datasource import open_layer
from kr8310_plugin.core.storage.postgis.editing import CONFLICT_TAG
from kr8310_plugin.core.storage.row_versions import declare_row_version, pending_edit_problems
from kr8310_plugin.gui.commit_errors import CommitErrorReporter

places = test_import.places  # the fixture: points inside the first ten demo communities

HEADER = ["house_no", "community_id", "longitude", "latitude", "building_type", "residence_years", "member1_age"]


def run_import(run_algorithm, source, database, tmp_path):
    return run_algorithm(
        "importhouseholds",
        {
            "INPUT": str(source),
            "DATABASE": str(database),
            "REPORT": str(tmp_path / "report.csv"),
            "WARNINGS": str(tmp_path / "warnings.csv"),
        },
    )


def warnings_of(tmp_path) -> list[tuple[str, str, str]]:
    with open(tmp_path / "warnings.csv", encoding="utf-8") as handle:
        return [(r["row"], r["field"], r["code"]) for r in csv.DictReader(handle)]


def household(path, house_no: str, community: str):
    with sqlite3.connect(str(path)) as connection:
        return connection.execute(
            "SELECT fid, household_id, building_type, residence_years, row_version FROM households "
            "WHERE house_no = ? AND community_id = ?",
            (house_no, community),
        ).fetchone()


def members(path, household_id: str):
    with sqlite3.connect(str(path)) as connection:
        return connection.execute(
            "SELECT fid, member_id, age, row_version FROM members WHERE household_id = ? ORDER BY member_id",
            (household_id,),
        ).fetchall()


def mapper_layer(database, name: str) -> QgsVectorLayer:
    """A layer as a mapper's project has it: every edit declares the version it started from."""
    layer = open_layer(str(database), name)
    declare_row_version(layer)
    return layer


def save_in_qgis(database, fid: int, **values) -> None:
    layer = mapper_layer(database, "households")
    assert layer.startEditing()
    for name, value in values.items():
        assert layer.changeAttributeValue(fid, layer.fields().indexOf(name), value)
    assert layer.commitChanges(), layer.commitErrors()


@pytest.fixture()
def survey(tmp_path, places):
    """A one-household survey file (two members, in numbered columns)."""
    community, lon, lat = places[0]
    header = [*HEADER, "member2_age"]
    return write_csv(tmp_path / "survey.csv", header, [["77/1", community, lon, lat, "shophouse", "5", "40", "12"]])


# ---------------------------------------------------------------------------------------
# Import after a change


def test_reimport_keeps_a_correction_saved_in_qgis(run_algorithm, demo_copy, tmp_path, places, survey):
    community = places[0][0]
    assert run_import(run_algorithm, survey, demo_copy, tmp_path)["INSERTED"] == 1
    fid, household_id, _type, _years, version = household(demo_copy, "77/1", community)
    save_in_qgis(demo_copy, fid, residence_years=6)  # the mapper's correction
    assert household(demo_copy, "77/1", community)[3:] == (6, version + 1)

    again = run_import(run_algorithm, survey, demo_copy, tmp_path)
    assert (again["UPDATED"], again["INSERTED"]) == (0, 0)
    assert warnings_of(tmp_path) == [("2", "household_id", "changed_since")]
    assert household(demo_copy, "77/1", community)[3:] == (6, version + 1)  # kept, not reverted

    # A file that carries the version it was made from (an export of the database) does overwrite.
    header = [*HEADER, "household_id", "row_version"]
    _c, lon, lat = places[0]
    current = [["77/1", community, lon, lat, "shophouse", "8", "40", household_id, str(version + 1)]]
    assert (
        run_import(run_algorithm, write_csv(tmp_path / "export.csv", header, current), demo_copy, tmp_path)["UPDATED"]
        == 1
    )
    assert household(demo_copy, "77/1", community)[3:] == (8, version + 2)
    stale = [["77/1", community, lon, lat, "shophouse", "9", "40", household_id, str(version + 1)]]
    result = run_import(run_algorithm, write_csv(tmp_path / "stale.csv", header, stale), demo_copy, tmp_path)
    assert result["UPDATED"] == 0 and warnings_of(tmp_path) == [("2", "household_id", "changed_since")]
    assert household(demo_copy, "77/1", community)[3] == 8


def test_an_older_file_never_reverts_a_later_import(run_algorithm, demo_copy, tmp_path, places):
    community, lon, lat = places[1]
    first = write_csv(tmp_path / "first.csv", HEADER, [["78/1", community, lon, lat, "shophouse", "5", "40"]])
    second = write_csv(tmp_path / "second.csv", HEADER, [["78/1", community, lon, lat, "shophouse", "7", "40"]])
    assert run_import(run_algorithm, first, demo_copy, tmp_path)["INSERTED"] == 1
    assert run_import(run_algorithm, second, demo_copy, tmp_path)["UPDATED"] == 1  # a newer survey
    assert run_import(run_algorithm, first, demo_copy, tmp_path)["UPDATED"] == 0  # the old file again
    assert household(demo_copy, "78/1", community)[3] == 7
    assert run_import(run_algorithm, second, demo_copy, tmp_path)["UNCHANGED"] == 1


def test_the_write_checks_the_version_the_plan_read(run_algorithm, demo_copy, tmp_path, places, monkeypatch):
    """A mapper's save between the import's read and its write: kept, reported, never overwritten."""
    community, lon, lat = places[2]
    source = write_csv(tmp_path / "s.csv", HEADER, [["79/1", community, lon, lat, "shophouse", "5", "40"]])
    run_import(run_algorithm, source, demo_copy, tmp_path)
    fid = household(demo_copy, "79/1", community)[0]
    write_csv(source, HEADER, [["79/1", community, lon, lat, "shophouse", "9", "40"]])  # the survey changes it
    read = importer._gpkg_existing

    def read_then_mapper_saves(connection):
        existing = read(connection)
        # The mapper's save lands after this read (GeoPackage locks the file for the import's
        # transaction, so the save is written as it would have been just before the lock).
        connection.execute("UPDATE households SET residence_years = 6 WHERE fid = ?", (fid,))
        return existing

    monkeypatch.setattr(importer, "_gpkg_existing", read_then_mapper_saves)
    result = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert result["UPDATED"] == 0 and warnings_of(tmp_path) == [("2", "household_id", "changed_since")]
    assert household(demo_copy, "79/1", community)[3] == 6


def test_members_are_updated_by_id_and_a_pending_member_edit_is_refused(
    run_algorithm, demo_copy, tmp_path, places, survey, qgis_iface
):
    community, lon, lat = places[0]
    run_import(run_algorithm, survey, demo_copy, tmp_path)
    household_id = household(demo_copy, "77/1", community)[1]
    before = members(demo_copy, household_id)
    assert sorted(m[2] for m in before) == [12, 40]
    layer = mapper_layer(demo_copy, "members")
    QgsProject.instance().addMapLayer(layer)
    reporter = CommitErrorReporter(qgis_iface.messageBar())
    reporter.start()
    try:
        first = next(m for m in before if m[2] == 40)
        assert layer.startEditing()
        assert layer.changeAttributeValue(first[0], layer.fields().indexOf("education"), "primary")

        # The survey is imported again with the first member a year older.
        header = [*HEADER, "member2_age"]
        write_csv(survey, header, [["77/1", community, lon, lat, "shophouse", "5", "41", "12"]])
        assert run_import(run_algorithm, survey, demo_copy, tmp_path)["UPDATED"] == 1
        after = {m[1]: m for m in members(demo_copy, household_id)}
        assert after[first[1]][:4] == (first[0], first[1], 41, first[3] + 1)  # the same row, next version
        second = next(m for m in before if m[2] == 12)
        assert after[second[1]] == second  # untouched: same row, same version

        assert not layer.commitChanges(False)
        QCoreApplication.processEvents()
        assert layer.isEditable() and layer.editBuffer().changedAttributeValues()[first[0]]
        assert not layer.editBuffer().addedFeatures()
        message = qgis_iface.messageBar().get_messages(Qgis.Critical)[-1]
        assert f"Member {first[1]}" in message and "saved by someone else" in message
        assert {m[1]: m for m in members(demo_copy, household_id)} == after  # the import stands
    finally:
        reporter.stop()
        layer.rollBack()
        QgsProject.instance().removeAllMapLayers()


# ---------------------------------------------------------------------------------------
# A QGIS save after a change


def test_a_pending_edit_is_refused_after_an_import_updated_the_household(run_algorithm, demo_copy, tmp_path, places):
    community, lon, lat = places[3]
    source = write_csv(tmp_path / "s.csv", HEADER, [["80/1", community, lon, lat, "shophouse", "5", "40"]])
    run_import(run_algorithm, source, demo_copy, tmp_path)
    fid = household(demo_copy, "80/1", community)[0]
    layer = mapper_layer(demo_copy, "households")
    assert layer.startEditing()
    assert layer.changeAttributeValue(fid, layer.fields().indexOf("residence_years"), 11)
    write_csv(source, HEADER, [["80/1", community, lon, lat, "row_house", "5", "40"]])
    assert run_import(run_algorithm, source, demo_copy, tmp_path)["UPDATED"] == 1
    assert not layer.commitChanges(False)
    assert CONFLICT_TAG in "\n".join(layer.commitErrors())
    assert layer.editBuffer().changedAttributeValues()[fid][layer.fields().indexOf("residence_years")] == 11
    assert household(demo_copy, "80/1", community)[2:4] == ("row_house", 5)  # the import stands
    layer.rollBack()


def test_writes_that_do_not_name_a_version_move_it_and_stale_copies_are_refused(demo_copy):
    with gpkg.connect(demo_copy) as connection:
        fid, version = connection.execute("SELECT fid, row_version FROM households ORDER BY fid LIMIT 1").fetchone()
        connection.execute("UPDATE households SET residence_years = 3 WHERE fid = ?", (fid,))  # an old script
        assert connection.execute("SELECT row_version FROM households WHERE fid = ?", (fid,)).fetchone()[0] == (
            version + 1
        )
        with pytest.raises(sqlite3.IntegrityError, match=CONFLICT_TAG):  # a copy of the row as it was
            connection.execute(
                "UPDATE households SET residence_years = 4, row_version = ? WHERE fid = ?", (version, fid)
            )
    layer = open_layer(str(demo_copy), "households")  # GDAL, no version declared
    assert layer.startEditing()
    assert layer.changeAttributeValue(fid, layer.fields().indexOf("residence_years"), 5)
    assert layer.commitChanges(), layer.commitErrors()
    assert next(layer.getFeatures(f"fid = {fid}"))["row_version"] == version + 2


def test_a_save_of_a_household_deleted_meanwhile_is_refused_and_says_so(demo_copy, qgis_iface):
    households = mapper_layer(demo_copy, "households")
    QgsProject.instance().addMapLayer(households)
    reporter = CommitErrorReporter(qgis_iface.messageBar())
    reporter.start()
    try:
        feature = next(households.getFeatures())
        assert households.startEditing()
        assert households.changeAttributeValue(feature.id(), households.fields().indexOf("residence_years"), 33)
        assert households.changeGeometry(
            feature.id(), QgsGeometry.fromPointXY(QgsPointXY(feature.geometry().asPoint()))
        )
        with gpkg.connect(demo_copy) as connection:  # someone else deletes the household
            connection.execute("DELETE FROM households WHERE fid = ?", (feature.id(),))
        assert pending_edit_problems(households)[0].deleted
        assert not households.commitChanges()
        QCoreApplication.processEvents()
        message = qgis_iface.messageBar().get_messages(Qgis.Critical)[-1]
        assert f"Household {feature['house_no']} ({feature['household_id']}) was deleted" in message
        assert "every edit is still in the edit buffer" in message
        assert households.isEditable()
        assert households.editBuffer().changedAttributeValues()[feature.id()]
        assert not households.editBuffer().addedFeatures()  # the refusal's placeholder is gone again
        # The other edits of the same save wait with it: nothing was written.
        other = next(f for f in households.getFeatures() if f.id() != feature.id())
        households.changeAttributeValue(other.id(), households.fields().indexOf("residence_years"), 44)
        assert not households.commitChanges()
        QCoreApplication.processEvents()
        with sqlite3.connect(str(demo_copy)) as connection:
            stored = connection.execute("SELECT residence_years FROM households WHERE fid = ?", (other.id(),))
            assert stored.fetchone()[0] == other["residence_years"]
    finally:
        reporter.stop()
        households.rollBack()
        QgsProject.instance().removeAllMapLayers()


def test_the_set_up_project_declares_versions_and_an_import_waits_for_its_edits(
    run_algorithm, demo_copy, tmp_path, places, monkeypatch
):
    """The mapping project edits a GeoPackage in one transaction: while it holds unsaved edits an import is
    refused (not blocked, not merged); the layers declare the versions their edits start from."""
    project = QgsProject()
    layers = set_up_project(project, str(demo_copy), "en")
    try:
        households = layers["households"]
        index = households.fields().indexOf("row_version")
        assert households.defaultValueDefinition(index).applyOnUpdate()
        assert (
            layers["members"].defaultValueDefinition(layers["members"].fields().indexOf("row_version")).applyOnUpdate()
        )
        feature = next(households.getFeatures())
        assert households.startEditing()
        assert households.changeAttributeValue(feature.id(), households.fields().indexOf("residence_years"), 21)
        monkeypatch.setattr(importer, "GPKG_BUSY_TIMEOUT_S", 0.2)
        community, lon, lat = places[4]
        source = write_csv(tmp_path / "s.csv", HEADER, [["81/1", community, lon, lat, "shophouse", "5", "40"]])
        with pytest.raises(QgsProcessingException, match="being written by someone else"):
            run_import(run_algorithm, source, demo_copy, tmp_path)
        assert households.commitChanges(), households.commitErrors()
        assert run_import(run_algorithm, source, demo_copy, tmp_path)["INSERTED"] == 1
    finally:
        for layer in layers.values():
            if layer.isEditable():
                layer.rollBack()
        project.clear()


# ---------------------------------------------------------------------------------------
# House numbers unique by their key, in the database


def test_the_database_refuses_a_house_number_that_differs_only_by_digits_or_spaces(demo_copy):
    with gpkg.connect(demo_copy) as connection:
        community, house_no = connection.execute("SELECT community_id, house_no FROM households LIMIT 1").fetchone()
        thai = house_no.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")).replace("/", " / ")
        with pytest.raises(sqlite3.IntegrityError, match="kr8310_house_number_keys"):
            connection.execute(
                "INSERT INTO households (household_id, community_id, house_no, member_count) VALUES ('x1', ?, ?, 1)",
                (community, thai),
            )
        # Blank house numbers never collide; another community may have the same number.
        for n, value in enumerate((None, " ", "\u200b")):
            connection.execute(
                "INSERT INTO households (household_id, community_id, house_no, member_count) VALUES (?, ?, ?, 1)",
                (f"blank{n}", community, value),
            )
        connection.execute(
            "INSERT INTO households (household_id, community_id, house_no, member_count) VALUES ('x2', 'other', ?, 1)",
            (thai,),
        )
        connection.rollback()


def test_an_older_database_gets_the_guards_and_keeps_its_duplicates_reported(demo_copy, tmp_path):
    older = tmp_path / "older.gpkg"
    shutil.copy(demo_copy, older)
    with gpkg.connect(older) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%row_version%' "
                "OR name LIKE '%house_number_key%' OR name LIKE '%import_versions%')"
            )
        ]
        for name in names:
            connection.execute(f'DROP TRIGGER "{name}"')
        for table in ("kr8310_house_number_keys", "kr8310_house_number_map", "kr8310_import_versions"):
            connection.execute(f'DROP TABLE "{table}"')
        first = connection.execute("SELECT fid, community_id, house_no FROM households ORDER BY fid").fetchone()
        connection.execute(  # a duplicate by key, made before the rule
            "INSERT INTO households (household_id, community_id, house_no, member_count) VALUES ('dup', ?, ?, 1)",
            (first[1], f" {first[2].upper()} "),
        )
    assert rule_store.upgrade_database(str(older))
    assert not rule_store.upgrade_database(str(older))  # idempotent
    with gpkg.connect(older) as connection:
        households = connection.execute("SELECT count(*) FROM households").fetchone()[0]
        keys = connection.execute("SELECT count(*) FROM kr8310_house_number_keys").fetchone()[0]
        assert keys == households - 1  # the duplicate has no key: the quality checks report it
        connection.execute("UPDATE households SET residence_years = 1 WHERE fid = ?", (first[0],))
        assert connection.execute("SELECT row_version FROM households WHERE fid = ?", (first[0],)).fetchone()[0] == 2


def test_a_twin_house_number_saved_in_qgis_is_refused_with_the_reason(demo_copy, qgis_iface):
    households = mapper_layer(demo_copy, "households")
    QgsProject.instance().addMapLayer(households)
    reporter = CommitErrorReporter(qgis_iface.messageBar())
    reporter.start()
    try:
        first, second = sorted(households.getFeatures(), key=lambda f: (f["community_id"], f.id()))[:2]
        assert first["community_id"] == second["community_id"]
        twin = first["house_no"].translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        assert households.startEditing()
        assert households.changeAttributeValue(second.id(), households.fields().indexOf("house_no"), twin)
        assert not households.commitChanges(False)
        QCoreApplication.processEvents()
        message = qgis_iface.messageBar().get_messages(Qgis.Critical)[-1]
        assert "This house number is already used in its community" in message
        assert households.editBuffer().changedAttributeValues()[second.id()]
    finally:
        reporter.stop()
        households.rollBack()
        QgsProject.instance().removeAllMapLayers()

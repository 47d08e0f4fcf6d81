"""Field packages: cut for QField, edited as QField would (QGIS layers on the package GeoPackage),
merged back with nothing lost or doubled."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import uuid
import zipfile
from pathlib import Path

import openpyxl
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer

from kr8310_plugin.core.coverage.engine import compute_coverage
from kr8310_plugin.core.field_package.manifest import Manifest, PackageError
from kr8310_plugin.core.field_package.merge import (
    ALREADY_IN_DATABASE,
    CHANGED_IN_BOTH,
    CHANGED_IN_OFFICE_DELETED_IN_FIELD,
    CONFLICT,
    DELETED,
    DUPLICATE,
    INSERTED,
    UPDATED,
    merge_package,
    plan_merge,
)
from kr8310_plugin.core.field_package.package import id_prefix, make_package
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.core.storage.datasource import open_layer


def _rows(path: Path, sql: str, parameters=()) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql, parameters).fetchall()


def _write(path: Path, sql: str, parameters=()) -> None:
    with contextlib.closing(gpkg.connect(path)) as connection, connection:  # with GDAL's ST_ functions
        connection.execute(sql, parameters)


def _biggest_community(database: Path) -> str:
    return _rows(
        database,
        "SELECT community_id FROM households GROUP BY community_id ORDER BY COUNT(*) DESC, community_id LIMIT 1",
    )[0][0]


def _snapshot(database: Path) -> tuple[list[tuple], list[tuple]]:
    """Every household and member as stored, without ids minted per run or stamps."""
    households = _rows(
        database,
        "SELECT community_id, house_no, building_type, residence_years, member_count, hex(geom) FROM households "
        "ORDER BY community_id, house_no, hex(geom)",
    )
    members = _rows(
        database,
        "SELECT h.community_id, h.house_no, m.age, m.education, m.occupation, m.disability, m.bedridden "
        "FROM members m JOIN households h USING (household_id) ORDER BY 1, 2, 3, 4, 5, 6, 7",
    )
    return households, members


def _layer(package: Path, name: str) -> QgsVectorLayer:
    manifest = Manifest.read(package)
    layer = QgsVectorLayer(f"{package / manifest.database_file}|layername={name}", name, "ogr")
    assert layer.isValid()
    return layer


def _edit(layer: QgsVectorLayer, edit) -> None:
    """Change a package layer the way QField does: an edit session committed through GDAL."""
    assert layer.startEditing()
    edit(layer)
    assert layer.commitChanges(), layer.commitErrors()


def _feature(layer: QgsVectorLayer, expression: str) -> QgsFeature:
    return next(layer.getFeatures(expression))


def _add_household(layer: QgsVectorLayer, community_id: str, house_no: str, point: QgsPointXY) -> str:
    household_id = str(uuid.uuid4())
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(point))
    for name, value in {
        "household_id": household_id,
        "community_id": community_id,
        "house_no": house_no,
        "building_type": "detached_house",
        "residence_years": 4,
        "member_count": 1,
        "row_version": 1,
    }.items():
        feature[name] = value
    assert layer.addFeature(feature)
    return household_id


def _add_member(layer: QgsVectorLayer, household_id: str, age: int) -> str:
    member_id = str(uuid.uuid4())
    feature = QgsFeature(layer.fields())
    for name, value in {
        "member_id": member_id,
        "household_id": household_id,
        "age": age,
        "education": "primary",
        "occupation": "private_employee",
        "disability": "none",
        "bedridden": False,
        "row_version": 1,
    }.items():
        feature[name] = value
    assert layer.addFeature(feature)
    return member_id


@pytest.fixture()
def cut(demo_copy, tmp_path, kr8310_provider):
    community = _biggest_community(demo_copy)
    result = make_package(str(demo_copy), [community], tmp_path / "package", made_for="volunteer team 1")
    return demo_copy, community, result


def test_package_holds_only_its_communities_and_opens_in_qgis(cut, tmp_path):
    database, community, result = cut
    folder, manifest = result.folder, result.manifest
    package_db = folder / manifest.database_file
    names = {p.name for p in folder.iterdir()}
    assert {manifest.database_file, manifest.project_file, "manifest.json"} <= names
    # Beside them only what QGIS itself writes: the project's translations, (3.40+) its auxiliary
    # storage and attachments, and a WAL the GeoPackage keeps while QGIS still holds it open.
    extra = names - {manifest.database_file, manifest.project_file, "manifest.json"}
    assert all(name.endswith((".qm", ".qgd", "_attachments.zip", ".gpkg-wal", ".gpkg-shm")) for name in extra), extra
    assert result.zip_file.is_file() and result.size_bytes == result.zip_file.stat().st_size
    assert _rows(package_db, "SELECT DISTINCT community_id FROM households") == [(community,)]
    assert _rows(package_db, "SELECT community_id FROM communities") == [(community,)]
    assert _rows(package_db, "SELECT district_code FROM districts") == [(1001,)]
    office_count = _rows(database, "SELECT COUNT(*) FROM households WHERE community_id = ?", (community,))[0][0]
    assert manifest.households == office_count == _rows(package_db, "SELECT COUNT(*) FROM households")[0][0]
    assert manifest.members == _rows(package_db, "SELECT COUNT(*) FROM members")[0][0] > 0
    assert manifest.made_for == "volunteer team 1" and len(manifest.row_versions) == office_count

    project_text = (folder / manifest.project_file).read_text(encoding="utf-8")
    assert str(tmp_path) not in project_text  # relative paths only
    assert "password" not in project_text.lower()
    project = QgsProject()
    try:
        assert project.read(str(folder / manifest.project_file))
        layers = {layer.name(): layer for layer in project.mapLayers().values()}
        assert [name for name, layer in layers.items() if not layer.isValid()] == []
        households = next(layer for layer in layers.values() if layer.customProperty("kr8310/layer") == "households")
        assert households.featureCount() == office_count
        setup = households.editorWidgetSetup(households.fields().indexOf("building_type"))
        assert setup.type() == "ValueMap"
        assert households.fields().field("member_count").constraints().constraintExpression()
        # New households and members get ids of this package's own namespace.
        new_id = households.defaultValue(households.fields().indexOf("household_id"))
        assert str(new_id).startswith(id_prefix(manifest.package_id)) and len(str(new_id)) > 30
    finally:
        project.clear()


def test_field_edits_merge_and_merging_twice_changes_nothing(cut, tmp_path):
    database, community, result = cut
    folder = result.folder
    households, members = _layer(folder, "households"), _layer(folder, "members")
    ids = sorted(f["household_id"] for f in households.getFeatures())
    changed, removed = ids[0], ids[1]
    point = _feature(households, f"\"household_id\" = '{changed}'").geometry().asPoint()

    def edit_households(layer):
        feature = _feature(layer, f"\"household_id\" = '{changed}'")
        layer.changeAttributeValue(feature.id(), layer.fields().indexOf("residence_years"), 77)
        layer.deleteFeature(_feature(layer, f"\"household_id\" = '{removed}'").id())
        edit_households.new_id = _add_household(layer, community, "FIELD-1/9", QgsPointXY(point.x() + 3, point.y()))

    _edit(households, edit_households)
    new_id = edit_households.new_id
    member_of_changed = _feature(members, f"\"household_id\" = '{changed}'")
    _edit(members, lambda layer: layer.changeAttributeValue(member_of_changed.id(), layer.fields().indexOf("age"), 61))
    _edit(members, lambda layer: _add_member(layer, new_id, 33))

    del households, members  # QField closes the project before the package is sent back
    returned = Path(shutil.make_archive(str(tmp_path / "returned"), "zip", root_dir=folder))
    plan = merge_package(returned, str(database))  # the zip, as it comes back from a phone
    counts = plan.counts()
    assert counts[INSERTED] == 2 and counts[UPDATED] == 2 and counts[DELETED] == 1, counts
    assert counts[CONFLICT] == counts[DUPLICATE] == 0
    assert _rows(database, "SELECT residence_years FROM households WHERE household_id = ?", (changed,)) == [(77,)]
    assert _rows(database, "SELECT age FROM members WHERE member_id = ?", (member_of_changed["member_id"],)) == [(61,)]
    assert _rows(database, "SELECT COUNT(*) FROM households WHERE household_id = ?", (removed,)) == [(0,)]
    assert _rows(database, "SELECT COUNT(*) FROM members WHERE household_id = ?", (removed,)) == [(0,)]
    assert _rows(database, "SELECT house_no, row_version FROM households WHERE household_id = ?", (new_id,)) == [
        ("FIELD-1/9", 1)
    ]
    coverage = compute_coverage(*(open_layer(str(database), n) for n in ("communities", "households", "members")))
    assert coverage.communities[community].households_entered == result.manifest.households  # -1 deleted +1 new

    before = _snapshot(database)
    again = merge_package(folder, str(database))
    assert again.changes == 0 and again.counts()[CONFLICT] == 0
    assert _snapshot(database) == before


def test_office_and_field_edits_of_one_household_conflict_and_nothing_is_overwritten(cut):
    database, _community, result = cut
    households = _layer(result.folder, "households")
    ids = sorted(f["household_id"] for f in households.getFeatures())
    both, deleted_in_field = ids[2], ids[3]
    _edit(
        households,
        lambda layer: layer.changeAttributeValue(
            _feature(layer, f"\"household_id\" = '{both}'").id(), layer.fields().indexOf("residence_years"), 11
        ),
    )
    _edit(
        households, lambda layer: layer.deleteFeature(_feature(layer, f"\"household_id\" = '{deleted_in_field}'").id())
    )
    office = open_layer(str(database), "households")
    _edit(
        office,
        lambda layer: layer.changeAttributeValue(
            _feature(layer, f"\"household_id\" = '{both}'").id(), layer.fields().indexOf("residence_years"), 22
        ),
    )
    _edit(
        office,
        lambda layer: layer.changeAttributeValue(
            _feature(layer, f"\"household_id\" = '{deleted_in_field}'").id(),
            layer.fields().indexOf("house_no"),
            "OFFICE-5",
        ),
    )

    plan = merge_package(result.folder, str(database))
    conflicts = {item.key: item for item in plan.items if item.outcome == CONFLICT}
    assert conflicts[both].reason == CHANGED_IN_BOTH
    assert conflicts[both].field_row.values["residence_years"] == 11
    assert conflicts[both].office.values["residence_years"] == 22
    assert "residence_years" in conflicts[both].fields
    assert conflicts[deleted_in_field].reason == CHANGED_IN_OFFICE_DELETED_IN_FIELD
    assert _rows(database, "SELECT residence_years FROM households WHERE household_id = ?", (both,)) == [(22,)]
    assert _rows(database, "SELECT house_no FROM households WHERE household_id = ?", (deleted_in_field,)) == [
        ("OFFICE-5",)
    ]


def test_two_packages_of_one_community_merge_alike_in_either_order(demo_copy, tmp_path, kr8310_provider):
    community = _biggest_community(demo_copy)
    results = {}
    for order in ("ab", "ba"):
        database = tmp_path / f"office_{order}.gpkg"
        database.write_bytes(demo_copy.read_bytes())
        a = make_package(str(database), [community], tmp_path / f"a_{order}")
        b = make_package(str(database), [community], tmp_path / f"b_{order}")
        for package, (index, age) in ((a, (0, 5)), (b, (1, 6))):
            households = _layer(package.folder, "households")
            ids = sorted(f["household_id"] for f in households.getFeatures())
            point = _feature(households, f"\"household_id\" = '{ids[0]}'").geometry().asPoint()
            # Each device corrects another household, and both add the same new house.
            _edit(
                households,
                lambda layer, i=ids[index], a=age: layer.changeAttributeValue(
                    _feature(layer, f"\"household_id\" = '{i}'").id(), layer.fields().indexOf("residence_years"), 90 + a
                ),
            )
            holder = {}
            _edit(
                households,
                lambda layer, holder=holder, point=point: holder.setdefault(
                    "id", _add_household(layer, community, "NEW ๑๒/๓", QgsPointXY(point.x() + 5, point.y()))
                ),
            )
            members = _layer(package.folder, "members")
            _edit(members, lambda layer, h=holder["id"], a=age: _add_member(layer, h, 40 + a))
        first, second = (a, b) if order == "ab" else (b, a)
        merge_package(first.folder, str(database))
        plan = merge_package(second.folder, str(database))
        assert plan.counts()[DUPLICATE] == 1  # "NEW ๑๒/๓" is the same house: reported, never doubled
        assert _rows(database, "SELECT COUNT(*) FROM households WHERE house_no = 'NEW ๑๒/๓'") == [(1,)]
        results[order] = _snapshot(database)
    ab_households, _members = results["ab"]
    ba_households, _members = results["ba"]
    # The same corrections in either order; only which device's new house was kept differs.
    assert [h for h in ab_households if h[1] != "NEW ๑๒/๓"] == [h for h in ba_households if h[1] != "NEW ๑๒/๓"]


def test_a_new_household_already_merged_differently_is_a_conflict(cut):
    database, community, result = cut
    households = _layer(result.folder, "households")
    point = next(households.getFeatures()).geometry().asPoint()
    holder = {}
    _edit(
        households,
        lambda layer: holder.setdefault(
            "id", _add_household(layer, community, "77/1", QgsPointXY(point.x() + 2, point.y()))
        ),
    )
    merge_package(result.folder, str(database))
    _write(database, "UPDATE households SET residence_years = 50 WHERE household_id = ?", (holder["id"],))
    plan = plan_merge(result.folder, str(database))
    assert [(i.outcome, i.reason) for i in plan.items] == [(CONFLICT, ALREADY_IN_DATABASE)]
    assert plan.changes == 0


def test_refuses_what_is_not_a_package(demo_copy, tmp_path, kr8310_provider):
    with pytest.raises(PackageError, match="no manifest"):
        plan_merge(tmp_path, str(demo_copy))
    bogus = tmp_path / "bogus.zip"
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("../escape.txt", "x")
    with pytest.raises(PackageError, match="outside"):
        plan_merge(bogus, str(demo_copy))
    with pytest.raises(PackageError, match="NOPE"):
        make_package(str(demo_copy), ["NOPE"], tmp_path / "p")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("keep me")
    with pytest.raises(PackageError, match="not empty"):
        make_package(str(demo_copy), [_biggest_community(demo_copy)], tmp_path / "full")
    assert (tmp_path / "full" / "x").read_text() == "keep me"


def test_algorithms_write_package_and_report_without_personal_values(demo_copy, tmp_path, run_algorithm):
    community = _biggest_community(demo_copy)
    made = run_algorithm(
        "packagecommunity", {"DATABASE": str(demo_copy), "COMMUNITIES": community, "OUTPUT": str(tmp_path / "pkg")}
    )
    assert Path(made["ZIP"]).is_file() and made["HOUSEHOLDS"] > 0
    households = _layer(Path(made["OUTPUT"]), "households")
    first = next(households.getFeatures())
    _edit(households, lambda layer: layer.changeAttributeValue(first.id(), layer.fields().indexOf("member_count"), 9))
    office = open_layer(str(demo_copy), "households")
    _edit(
        office,
        lambda layer: layer.changeAttributeValue(
            _feature(layer, f"\"household_id\" = '{first['household_id']}'").id(),
            layer.fields().indexOf("member_count"),
            8,
        ),
    )
    report = tmp_path / "merge.xlsx"
    merged = run_algorithm("mergepackage", {"INPUT": made["OUTPUT"], "DATABASE": str(demo_copy), "REPORT": str(report)})
    assert merged["CONFLICT"] == 1 and merged["UPDATED"] == 0
    sheet = openpyxl.load_workbook(report).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = " ".join(str(v) for v in values[0])
    for personal in ("age", "disability", "bedridden", "education", "occupation"):
        assert personal not in header.lower()
    assert any("conflict" in str(row) for row in values[1:])


def test_conflict_dialog_takes_ticked_fields_and_logs_the_choice(cut, qgis_iface):
    from qgis.PyQt.QtCore import Qt

    from kr8310_plugin.core.field_package.merge import MERGE_FIELDS, MERGE_LOG_TABLE
    from kr8310_plugin.gui.merge_dialog import MergeConflictsDialog

    database, _community, result = cut
    households = _layer(result.folder, "households")
    target = sorted(f["household_id"] for f in households.getFeatures())[0]

    def field_edit(layer):
        fid = _feature(layer, f"\"household_id\" = '{target}'").id()
        layer.changeAttributeValue(fid, layer.fields().indexOf("residence_years"), 31)
        layer.changeAttributeValue(fid, layer.fields().indexOf("building_type"), "shophouse")

    _edit(households, field_edit)
    _write(database, "UPDATE households SET building_type = 'apartment' WHERE household_id = ?", (target,))
    plan = plan_merge(result.folder, str(database))
    dialog = MergeConflictsDialog(plan, str(database))
    assert dialog.items_table.rowCount() == 1 and dialog.selected().key == target
    names = [dialog.values_table.item(row, 0).text() for row in range(dialog.values_table.rowCount())]
    for row, name in enumerate(names):  # take the field's years, keep the office's building type
        state = Qt.CheckState.Checked if name == "residence_years" else Qt.CheckState.Unchecked
        dialog.values_table.item(row, 2).setCheckState(state)
    assert dialog.choose(MERGE_FIELDS)
    assert dialog.items_table.rowCount() == 0
    assert _rows(
        database, "SELECT residence_years, building_type FROM households WHERE household_id = ?", (target,)
    ) == [(31, "apartment")]
    assert _rows(database, f"SELECT choice, fields FROM {MERGE_LOG_TABLE}") == [(MERGE_FIELDS, "residence_years")]

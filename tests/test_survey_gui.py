"""The import dialog (field mapping -> parameters that import) and the quality issues dock."""

from __future__ import annotations

import csv
import sqlite3

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

from kr8310_plugin.core.storage.datasource import open_layer


def _lonlat_inside(path, community_id="1001-005"):
    layer = open_layer(str(path), "communities")
    layer.setSubsetString(f"community_id = '{community_id}'")
    point = next(layer.getFeatures()).geometry().pointOnSurface().asPoint()
    return QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance().transformContext()
    ).transform(point)


def test_import_dialog_maps_columns_and_its_parameters_import(qgis_iface, run_algorithm, demo_copy, tmp_path):
    from kr8310_plugin.gui.import_dialog import ImportDialog

    lonlat = _lonlat_inside(demo_copy)
    source = tmp_path / "แบบสำรวจ.csv"
    with open(source, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Adresse", "ลองจิจูด", "ละติจูด", "Building", "member1_age"])
        writer.writerow(["99/9", lonlat.x(), lonlat.y(), "บ้านแฝด", "๓๔"])
    dialog = ImportDialog(qgis_iface.mainWindow(), database=str(demo_copy))
    dialog.input_file.setFilePath(str(source))
    assert dialog.household_columns == ["Adresse", "ลองจิจูด", "ละติจูด", "Building", "member1_age"]
    # Thai coordinate headers and 'Building' are recognised; 'Adresse' is not.
    assert dialog.mapping_text() == ""
    auto = {
        dialog.mapping_table.item(r, 0).text(): dialog.mapping_table.cellWidget(r, 1).currentData()
        for r in range(dialog.mapping_table.rowCount())
    }
    assert auto["longitude"] == "ลองจิจูด" and auto["building_type"] == "Building" and auto["house_no"] == ""
    dialog.set_column("house_no", "Adresse")
    params = dialog.parameters()
    assert params["MAPPING"] == "house_no=Adresse"
    params["REPORT"] = str(tmp_path / "report.csv")
    result = run_algorithm("importhouseholds", params)
    assert (result["INSERTED"], result["REJECTED"]) == (1, 0)
    with sqlite3.connect(str(demo_copy)) as connection:
        row = connection.execute(
            "SELECT h.community_id, h.building_type, m.age FROM households h JOIN members m USING (household_id)"
            " WHERE h.house_no = '99/9'"
        ).fetchone()
    assert row == ("1001-005", "twin_house", 34)


def test_import_dialog_offers_the_sheets_of_a_workbook(qgis_iface, tmp_path):
    import openpyxl

    from kr8310_plugin.gui.import_dialog import ImportDialog

    book = openpyxl.Workbook()
    book.active.title = "households"
    book.active.append(["house_no", "_index"])
    book.active.append(["1", 1])
    members = book.create_sheet("member")
    members.append(["age", "_parent_index"])
    members.append([30, 1])
    book.save(tmp_path / "kobo.xlsx")
    dialog = ImportDialog(qgis_iface.mainWindow())
    dialog.input_file.setFilePath(str(tmp_path / "kobo.xlsx"))
    sheets = [dialog.members_sheet.itemData(i) for i in range(dialog.members_sheet.count())]
    assert sheets == ["", "households", "member"]
    dialog.members_sheet.setCurrentIndex(2)
    assert dialog.member_columns == ["age", "_parent_index"]
    targets = [dialog.mapping_table.item(r, 0).text() for r in range(dialog.mapping_table.rowCount())]
    assert "members.age" in targets and "members._parent_index" in targets
    assert dialog.parameters()["MEMBERS_LAYER"] == "member"


def test_issues_dock_lists_filters_and_zooms(qgis_iface, run_algorithm, demo_copy):
    from kr8310_plugin.gui.issues_dock import IssuesDock

    result = run_algorithm(
        "validate",
        {
            "COMMUNITIES": f"{demo_copy}|layername=communities",
            "HOUSEHOLDS": f"{demo_copy}|layername=households",
            "MEMBERS": f"{demo_copy}|layername=members",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    issues = result["OUTPUT"]
    dock = IssuesDock(qgis_iface)
    try:
        QgsProject.instance().addMapLayer(issues)  # the dock picks a fresh issue layer itself
        assert dock.layer() is issues
        total = issues.featureCount()
        assert total > 0 and len(dock.shown) == total == dock.table.rowCount()
        dock.severity_combo.setCurrentIndex(dock.severity_combo.findData("error"))
        assert dock.shown == [] and dock.table.rowCount() == 0  # the demo's defects are all warnings
        dock.severity_combo.setCurrentIndex(dock.severity_combo.findData("warning"))
        assert len(dock.shown) == total
        dock.code_combo.setCurrentIndex(dock.code_combo.findData("over_register"))
        assert {r.code for r in dock.shown} == {"over_register"}
        dock.search.setText("1001-001")
        assert len(dock.shown) == 1 and "1001-001" in dock.table.item(0, 2).text()
        canvas = qgis_iface.mapCanvas()
        canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32647"))
        assert dock.zoom_to(0)
        point = issues.getFeature(dock.shown[0].fid).geometry().asPoint()
        extent = canvas.extent()
        assert extent.contains(QgsPointXY(point)) and extent.width() < 1000
        dock.search.setText("no such thing")
        assert dock.table.rowCount() == 0 and not dock.zoom_to(0)
    finally:
        dock.teardown()
        QgsProject.instance().removeMapLayer(issues.id())
        dock.deleteLater()


def test_menu_has_import_and_quality_actions(qgis_iface, kr8310_provider):
    from qgis.PyQt.QtWidgets import QAction

    from kr8310_plugin.gui.menu import Kr8310Menu

    menu = Kr8310Menu(qgis_iface)
    menu.setup()
    try:
        names = {a.objectName() for a in menu.actions}
        assert {"mKr8310ImportHouseholds", "mKr8310Validate", "mKr8310IssuesPanel"} <= names
        panel = next(a for a in menu.actions if a.objectName() == "mKr8310IssuesPanel")
        assert isinstance(panel, QAction) and panel.isCheckable()
        assert menu.survey.dock is not None
    finally:
        menu.teardown()
    assert menu.survey is None


def test_layers_of_the_database_are_reloaded_after_an_import(qgis_iface, run_algorithm, demo_copy, tmp_path):
    from kr8310_plugin.gui.import_dialog import reload_database_layers

    households = open_layer(str(demo_copy), "households")
    QgsProject.instance().addMapLayer(households)
    try:
        before = households.featureCount()
        lonlat = _lonlat_inside(demo_copy)
        source = tmp_path / "one.csv"
        source.write_text(f"house_no,longitude,latitude\n501/1,{lonlat.x()},{lonlat.y()}\n", encoding="utf-8")
        run_algorithm(
            "importhouseholds", {"INPUT": str(source), "DATABASE": str(demo_copy), "REPORT": "TEMPORARY_OUTPUT"}
        )
        assert reload_database_layers(QgsProject.instance(), str(demo_copy)) == 1
        assert households.featureCount() == before + 1
    finally:
        QgsProject.instance().removeMapLayer(households.id())

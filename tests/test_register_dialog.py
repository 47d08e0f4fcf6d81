"""The register dialog: the columns recognised by their headers are chosen first, the user maps the rest by
hand, and the parameters it gives import the register (kr8310:importcommunities) with that mapping."""

from __future__ import annotations

import csv
import shutil
import sqlite3

import pytest


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory, kr8310_provider):
    from kr8310_plugin.core.storage.gpkg_database import build_database

    return build_database(tmp_path_factory.mktemp("register_dialog") / "empty.gpkg")


def test_the_dialog_shows_the_automatic_mapping_and_imports_with_the_users_choices(
    qgis_iface, run_algorithm, empty_database, tmp_path
):
    from kr8310_plugin.gui.register_dialog import RegisterDialog

    database = tmp_path / "communities.gpkg"
    shutil.copy(empty_database, database)
    source = tmp_path / "ทะเบียนชุมชน.csv"
    with open(source, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ชื่อชุมชน", "เขต", "Haushalte", "หมายเหตุ", "ละติจูด", "ลองจิจูด"])
        writer.writerow(["ชุมชนตัวอย่าง ๑", "พระนคร", "๑๒๐", "-", "13.7563", "100.4991"])
        writer.writerow(["ชุมชนตัวอย่าง ๒", "พระนคร", "300", "-", "", ""])
    dialog = RegisterDialog(qgis_iface.mainWindow(), database=str(database))
    dialog.input_file.setFilePath(str(source))
    assert dialog.columns == ["ชื่อชุมชน", "เขต", "Haushalte", "หมายเหตุ", "ละติจูด", "ลองจิจูด"]
    chosen = dialog.mapping_table.chosen()
    assert (chosen["name"], chosen["district"], chosen["latitude"]) == ("ชื่อชุมชน", "เขต", "ละติจูด")
    assert chosen["registered_households"] == ""  # a German header: nobody's alias
    shown = dialog.mapping_table.cellWidget(0, 1).itemText(1)
    assert shown.startswith("ชื่อชุมชน") and "ชุมชนตัวอย่าง ๑" in shown  # first values beside the column
    assert dialog.mapping_text() == ""
    dialog.set_column("registered_households", "Haushalte")
    params = dialog.parameters()
    assert params["MAPPING"] == "registered_households=Haushalte" and params["DATABASE"] == str(database)
    result = run_algorithm("importcommunities", params)
    assert (result["INSERTED"], result["UPDATED"]) == (2, 0)
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT name, district_code, registered_households, location_x IS NOT NULL FROM communities "
            "ORDER BY community_id"
        ).fetchall()
    assert rows == [("ชุมชนตัวอย่าง ๑", 1001, 120, 1), ("ชุมชนตัวอย่าง ๒", 1001, 300, 0)]


def test_a_register_without_a_recognised_name_says_so(qgis_iface, tmp_path):
    from kr8310_plugin.gui.register_dialog import RegisterDialog

    source = tmp_path / "register.csv"
    source.write_text("Gemeinde,district\nA,1001\n", encoding="utf-8")
    dialog = RegisterDialog(qgis_iface.mainWindow())
    dialog.input_file.setFilePath(str(source))
    assert "community name" in dialog.status.text()
    dialog.set_column("name", "Gemeinde")
    assert dialog.mapping_text() == "name=Gemeinde"


def test_the_menu_entry_opens_the_register_dialog(qgis_iface, monkeypatch):
    from qgis.PyQt.QtWidgets import QDialog

    from kr8310_plugin.gui import register_dialog
    from kr8310_plugin.gui.menu import Kr8310Menu

    opened = []
    # A modal dialog would wait for a click: this one is looked at and closed (rejected) instead.
    monkeypatch.setattr(
        register_dialog.RegisterDialog, "exec", lambda self: opened.append(self) or QDialog.DialogCode.Rejected
    )
    menu = Kr8310Menu(qgis_iface)
    menu.setup()
    try:
        action = next(a for a in menu.actions if a.objectName() == "mKr8310ImportCommunities")
        action.trigger()
        assert len(opened) == 1 and opened[0].windowTitle() == "Import community register"
        assert any(a.objectName() == "mKr8310DrawBoundary" for a in menu.actions)
    finally:
        menu.teardown()

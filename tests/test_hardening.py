"""Files that are not what they claim, reports that a spreadsheet would run, and export paths that
point somewhere else: each refused with a message that says what is wrong, before anything is written."""

from __future__ import annotations

import csv
import os
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException

from kr8310_plugin.core.exports import reports
from kr8310_plugin.core.exports.reports import COMMUNITY_REPORT_COLUMNS, Column, write_csv, write_xlsx
from kr8310_plugin.core.importing import readers
from kr8310_plugin.core.importing.readers import SourceError, list_layers, read_table
from kr8310_plugin.core.storage.postgis.target import ProjectConnection, project_connection, public_database

HEADER = "house_no,longitude,latitude\n"
ROWS = "1/1,100.49,13.75\n2/1,100.50,13.76\n"


# ---------------------------------------------------------------------------------------
# Reading survey files


def _formula_workbook(path: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append(["house_no", "longitude", "latitude", "member_count"])
    sheet.append(["1/1", 100.49, 13.75, 3])
    sheet.append(["2/1", 100.50, 13.76, "=D2+1"])  # openpyxl saves formulas without a value, as scripts do
    workbook.save(path)
    return path


def test_xlsx_formula_without_saved_value_is_reported_not_read_as_null(tmp_path):
    path = _formula_workbook(tmp_path / "formulas.xlsx")
    with pytest.raises(SourceError) as raised:
        read_table(str(path))
    message = str(raised.value)
    assert "sheet survey, row 3, column D" in message
    assert "a formula with no saved value" in message
    assert "open and save the file in Excel/LibreOffice first" in message


def test_xlsx_formula_with_saved_value_is_read(tmp_path):
    path = _formula_workbook(tmp_path / "formulas.xlsx")
    # Put the saved value a spreadsheet program writes: <f>D2+1</f><v>4</v> (openpyxl writes <v></v>).
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"</f><v></v>", b"</f><v>4</v>")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    table = read_table(str(path))
    assert [str(row.values["member_count"]) for row in table.rows] == ["3", "4"]


def test_xlsx_that_unpacks_beyond_the_limit_is_refused_before_gdal_opens_it(tmp_path, monkeypatch):
    path = _formula_workbook(tmp_path / "big.xlsx")
    # A huge cell: many MB of one repeated character compress to a few kB.
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings2.xml", b"<sst>" + b"x" * (3 * 1024 * 1024) + b"</sst>")
    assert path.stat().st_size < 200_000
    monkeypatch.setattr(readers, "MAX_SPREADSHEET_XML_MB", 2)

    def no_gdal(*_args, **_kwargs):
        raise AssertionError("GDAL opened a file past the size limit")

    monkeypatch.setattr("osgeo.gdal.OpenEx", no_gdal)
    for call in (lambda: read_table(str(path)), lambda: list_layers(str(path))):
        with pytest.raises(SourceError) as raised:
            call()
        assert "2 MB" in str(raised.value)


@pytest.mark.parametrize(
    "data, expected",
    [
        ((HEADER + ROWS).encode("utf-16"), "UTF-16"),  # with BOM, as Excel's "Unicode text"
        ((HEADER + ROWS).encode("utf-16-le"), "UTF-16"),  # without BOM
        (bytes(range(256)) * 8, "not a text file"),
        (HEADER.encode() + b'"1/1,100.49,13.75\n2/1,100.50,13.76\n', "never closed, after line 2"),
    ],
    ids=["utf16-bom", "utf16-le", "binary", "open-quote"],
)
def test_broken_csv_says_what_is_wrong_with_the_file(tmp_path, data, expected):
    path = tmp_path / "survey.csv"
    path.write_bytes(data)
    with pytest.raises(SourceError) as raised:
        read_table(str(path))
    assert expected in str(raised.value)


def test_import_of_utf16_file_names_the_encoding_not_missing_coordinates(run_algorithm, demo_copy, tmp_path):
    source = tmp_path / "survey.csv"
    source.write_bytes((HEADER + ROWS).encode("utf-16"))
    with pytest.raises(QgsProcessingException) as raised:
        run_algorithm("importhouseholds", {"INPUT": str(source), "DATABASE": str(demo_copy)})
    assert "UTF-16" in str(raised.value)


@pytest.mark.parametrize("use_exceptions", [False, True])
def test_xlsx_checks_work_with_and_without_gdal_exceptions(tmp_path, use_exceptions):
    from osgeo import gdal

    before = gdal.GetUseExceptions()
    (gdal.UseExceptions if use_exceptions else gdal.DontUseExceptions)()
    try:
        path = _formula_workbook(tmp_path / "formulas.xlsx")
        with pytest.raises(SourceError, match="a formula with no saved value"):
            read_table(str(path))
    finally:
        (gdal.UseExceptions if before else gdal.DontUseExceptions)()


# ---------------------------------------------------------------------------------------
# Writing reports


def test_csv_text_cells_that_start_a_formula_are_neutralised_numbers_are_not(tmp_path):
    path = tmp_path / "communities.csv"
    names = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTab", "\rCR", "ชุมชน=ดี"]
    rows = [{"name": name, "community_id": f"C{i}", "registered_households": -3 - i} for i, name in enumerate(names)]
    write_csv(path, COMMUNITY_REPORT_COLUMNS, rows)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        written = list(csv.DictReader(handle))
    name_header = next(c.header for c in COMMUNITY_REPORT_COLUMNS if c.key == "name")
    count_header = next(c.header for c in COMMUNITY_REPORT_COLUMNS if c.key == "registered_households")
    assert [r[name_header] for r in written] == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tTab", "'\rCR", "ชุมชน=ดี"]
    assert [r[count_header] for r in written] == [str(-3 - i) for i in range(len(names))]  # a number stays a number


def test_xlsx_text_cells_are_text(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "report.xlsx"
    columns = (Column("name", "Name", "text"), Column("count", "Count", "integer"))
    write_xlsx(path, [("communities", columns, [{"name": "=1+1", "count": -3}])])
    sheet = openpyxl.load_workbook(path)["communities"]
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=1+1", "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == (-3, "n")


def _refresh_must_not_run(monkeypatch):
    def refused(*_args, **_kwargs):
        raise AssertionError("the coverage was refreshed before the output was checked")

    monkeypatch.setattr(reports, "refresh_for_export", refused)


def test_report_to_a_folder_is_refused_before_coverage_is_written(run_algorithm, demo_copy, tmp_path, monkeypatch):
    folder = tmp_path / "report.xlsx"
    folder.mkdir()
    _refresh_must_not_run(monkeypatch)
    with pytest.raises(QgsProcessingException) as raised:
        run_algorithm("exportreport", {"DATABASE": str(demo_copy), "OUTPUT": str(folder)})
    assert "is a folder" in str(raised.value)
    assert "Traceback" not in str(raised.value)
    with pytest.raises(reports.ReportExportError, match="is a folder"):
        reports.export_report(str(demo_copy), folder)


def test_map_to_a_folder_is_refused_before_anything_runs(run_algorithm, demo_copy, tmp_path):
    folder = tmp_path / "map.pdf"
    folder.mkdir()
    with pytest.raises(QgsProcessingException) as raised:
        run_algorithm("exportmap", {"DATABASE": str(demo_copy), "SCOPE": "city", "OUTPUT": str(folder)})
    assert "is a folder" in str(raised.value)


def test_symlinked_side_car_is_not_followed(run_algorithm, demo_copy, tmp_path, monkeypatch):
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    output = tmp_path / "report.csv"
    os.symlink(victim, tmp_path / "report_communities.csv")
    _refresh_must_not_run(monkeypatch)
    with pytest.raises(QgsProcessingException) as raised:
        run_algorithm("exportreport", {"DATABASE": str(demo_copy), "OUTPUT": str(output)})
    assert "symbolic link" in str(raised.value)
    assert victim.read_text() == "keep me"
    assert not output.exists()
    with pytest.raises(reports.ReportExportError, match="symbolic link"):
        write_csv(tmp_path / "report_communities.csv", COMMUNITY_REPORT_COLUMNS, [])
    assert victim.read_text() == "keep me"


# ---------------------------------------------------------------------------------------
# Passwords (the PostGIS side is in tests/postgis/test_postgis_secrets.py)


class _FakeAuthManager:
    """Stands for QgsApplication.authManager() with a master password set; the real one is the user's."""

    def __init__(self):
        self.configs = {}

    def isDisabled(self):  # noqa: N802 - QGIS API
        return False

    def masterPasswordIsSet(self):  # noqa: N802 - QGIS API
        return True

    def availableAuthMethodConfigs(self):  # noqa: N802 - QGIS API
        return dict(self.configs)

    def storeAuthenticationConfig(self, config):  # noqa: N802 - QGIS API
        config.setId("kr83101")
        self.configs[config.id()] = config
        return True, config

    def updateAuthenticationConfig(self, config):  # noqa: N802 - QGIS API
        self.configs[config.id()] = config
        return True


def test_password_goes_to_the_authentication_database_when_it_has_a_master_password(qgis_app):
    manager = _FakeAuthManager()
    connection = project_connection("postgresql://mapper:s3cret@db.example:5433/city?schema=kr8310", manager)
    assert "s3cret" not in connection.database
    assert "authcfg=kr83101" in connection.database and "schema=kr8310" in connection.database
    stored = manager.configs["kr83101"]
    assert (stored.method(), stored.config("username"), stored.config("password")) == ("Basic", "mapper", "s3cret")
    again = project_connection("postgresql://mapper:s3cret@db.example:5433/city?schema=kr8310", manager)
    assert again.database == connection.database and len(manager.configs) == 1  # one config, reused


def test_without_a_master_password_the_project_gets_no_password(qgis_app):
    from qgis.core import QgsApplication

    if QgsApplication.authManager().masterPasswordIsSet():
        pytest.skip("this QGIS profile has a master password set")
    connection = project_connection("postgresql://mapper:s3cret@db.example/city?schema=kr8310")
    assert "s3cret" not in connection.database
    assert connection.database == "postgresql://mapper@db.example/city?schema=kr8310"
    assert "asks for it" in connection.notice
    assert project_connection("postgresql://mapper@db.example/city") == ProjectConnection(
        "postgresql://mapper@db.example/city"
    )
    assert public_database("postgresql://mapper:s3cret@db.example:5432/city?schema=k") == (
        "postgresql://mapper@db.example:5432/city?schema=k"
    )


def test_a_database_that_cannot_be_opened_is_named_without_its_password():
    from kr8310_plugin.core.storage.datasource import DataSourceError, open_layer

    with pytest.raises(DataSourceError) as raised:
        open_layer("postgresql://somchai:hunter2@127.0.0.1:1/nowhere", "households")
    assert "hunter2" not in str(raised.value) and "somchai" in str(raised.value)

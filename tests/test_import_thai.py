"""kr8310:importhouseholds on Thai-headed surveys and on bad input that must be refused or reported,
never silently changed: decimal commas, house numbers Excel made into dates, house numbers that
differ only by digits or invisible characters, points far from their community or not points at
all, duplicated headers, member columns that map to nothing. Every refusal leaves the database
byte-identical."""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import sqlite3

import pytest
import test_import
from qgis.core import QgsProcessingException
from test_import import members_of, write_csv

from kr8310_plugin.core.importing.importer import auto_mapping, numbered_member_columns
from kr8310_plugin.core.importing.normalise import CellError, normalise_house_no, parse_house_no, parse_integer

places = test_import.places  # the fixture: points inside the first ten demo communities


def file_hash(path) -> str:
    """The database file's bytes: a refusal must leave them exactly as they were."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_csv(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run_import(run_algorithm, source, database, tmp_path, **extra):
    params = {
        "INPUT": str(source),
        "DATABASE": str(database),
        "REPORT": str(tmp_path / "report.csv"),
        "WARNINGS": str(tmp_path / "warnings.csv"),
        "UNKNOWN_VALUES": str(tmp_path / "unknown.csv"),
    }
    params.update(extra)
    return run_algorithm("importhouseholds", params)


def refused(run_algorithm, source, database, tmp_path, **extra):
    """Run an import that must be refused: the message, the report rows, and the database unchanged."""
    before = file_hash(database)
    with pytest.raises(QgsProcessingException) as raised:
        run_import(run_algorithm, source, database, tmp_path, **extra)
    assert file_hash(database) == before
    assert "Traceback" not in str(raised.value)
    return str(raised.value), [(r["row"], r["field"], r["value"], r["code"]) for r in read_csv(tmp_path / "report.csv")]


def imported(path, where):
    with sqlite3.connect(str(path)) as connection:
        return connection.execute(
            "SELECT household_id, house_no, building_type, residence_years, member_count FROM households"
            f" WHERE {where} ORDER BY house_no"
        ).fetchall()


# --- Thai headers -------------------------------------------------------------------------


def test_thai_labels_and_numbered_thai_member_columns_map_themselves():
    columns = [
        "บ้านเลขที่",
        "ระยะเวลาที่อยู่อาศัย (ปี)",
        "จำนวนสมาชิก (คน)",
        "ลักษณะที่อยู่อาศัย",
        "สมาชิก1_อายุ",
        "สมาชิก 1 การศึกษา",
        "อายุ_2",
        "อายุ3",
        "สมาชิก๔_อายุ",
        "member5_age",
        "ผู้ป่วยติดเตียง2",
        "สมาชิกคนที่ 6 อาชีพ",
    ]
    mapping = auto_mapping(columns, ("house_no", "residence_years", "member_count", "building_type"))
    assert mapping == {
        "house_no": "บ้านเลขที่",
        "residence_years": "ระยะเวลาที่อยู่อาศัย (ปี)",
        "member_count": "จำนวนสมาชิก (คน)",
        "building_type": "ลักษณะที่อยู่อาศัย",
    }
    assert numbered_member_columns(columns) == {
        1: {"age": "สมาชิก1_อายุ", "education": "สมาชิก 1 การศึกษา"},
        2: {"age": "อายุ_2", "bedridden": "ผู้ป่วยติดเตียง2"},
        3: {"age": "อายุ3"},
        4: {"age": "สมาชิก๔_อายุ"},
        5: {"age": "member5_age"},
        6: {"occupation": "สมาชิกคนที่ 6 อาชีพ"},
    }


def test_thai_headed_survey_writes_its_members(run_algorithm, demo_copy, tmp_path, places):
    (_c1, lon1, lat1), (_c2, lon2, lat2) = places[:2]
    header = [
        "บ้านเลขที่",
        "ลองจิจูด",
        "ละติจูด",
        "ลักษณะที่อยู่อาศัย",
        "ระยะเวลาที่อยู่อาศัย (ปี)",
        "จำนวนสมาชิก (คน)",
        "สมาชิก1_อายุ",
        "สมาชิก 1 การศึกษา",
        "สมาชิก 1 ผู้ป่วยติดเตียง",
        "อายุ_2",
        "อาชีพ_2",
        "ผู้ป่วยติดเตียง_2",
    ]
    rows = [
        ["๑๒/๓", lon1, lat1, "ห้องแถว/ทาวน์เฮาส์", "๑๒", "๒", "๔๕", "ประถมศึกษา", "ไม่มี", "78", "เกษียณ/ผู้สูงอายุ", "มี"],
        ["14", lon2, lat2, "Row house/ townhouse", "3", "1", "31", "ปริญญาตรี", "ไม่จริง", "", "", ""],
    ]
    source = write_csv(tmp_path / "แบบสำรวจ.csv", header, rows)
    result = run_import(run_algorithm, source, demo_copy, tmp_path, EDITOR="thai")
    assert (result["INSERTED"], result["MEMBERS_WRITTEN"], result["REJECTED"]) == (2, 3, 0)
    (first, second) = imported(demo_copy, "editor = 'thai'")
    assert first[1:] == ("14", "row_house", 3, 1) and second[1:] == ("๑๒/๓", "row_house", 12, 2)
    assert members_of(demo_copy, second[0]) == [(45, "primary", None, None, 0), (78, None, "retired", None, 1)]
    assert members_of(demo_copy, first[0]) == [(31, "bachelor", None, None, 0)]


def test_member_columns_that_map_to_nothing_refuse_before_writing(run_algorithm, demo_copy, tmp_path, places):
    _c, lon, lat = places[0]
    header = ["บ้านเลขที่", "ลองจิจูด", "ละติจูด", "จำนวนสมาชิก", "สมาชิก1_เพศ", "สมาชิก1_ชื่อเล่น", "หมายเหตุ"]
    source = write_csv(tmp_path / "s.csv", header, [["5/5", lon, lat, "2", "ชาย", "ต้น", ""]])
    message, report = refused(run_algorithm, source, demo_copy, tmp_path)
    assert "'สมาชิก1_เพศ'" in message and "'สมาชิก1_ชื่อเล่น'" in message and "หมายเหตุ" not in message
    assert report == [
        ("1", "สมาชิก1_เพศ", "สมาชิก1_เพศ", "unmapped_member_column"),
        ("1", "สมาชิก1_ชื่อเล่น", "สมาชิก1_ชื่อเล่น", "unmapped_member_column"),
    ]
    # Without columns that look like members, the import goes on and says so in its warnings.
    source = write_csv(
        tmp_path / "s.csv", ["บ้านเลขที่", "ลองจิจูด", "ละติจูด", "จำนวนสมาชิก", "หมายเหตุ"], [["5/5", lon, lat, "2", ""]]
    )
    result = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert (result["INSERTED"], result["WARNED"]) == (1, 1)
    (warning,) = read_csv(tmp_path / "warnings.csv")
    assert (warning["row"], warning["field"], warning["code"]) == ("1", "'หมายเหตุ'", "no_member_columns")


def test_unknown_values_are_listed_with_their_count_never_guessed(run_algorithm, demo_copy, tmp_path, places):
    header = ["house_no", "longitude", "latitude", "building_type", "member1_bedridden"]
    rows = [[f"{i}/8", lon, lat, "บ้านเดี่ยว", "ใช่"] for i, (_c, lon, lat) in enumerate(places[:5])]
    rows[0][3] = rows[1][3] = "คฤหาสน์"
    rows[2][3] = "บ้านเดียว"  # a typo of บ้านเดี่ยว: not taken for it
    rows[3][4] = "อาจจะ"
    source = write_csv(tmp_path / "u.csv", header, rows)
    result = run_import(run_algorithm, source, demo_copy, tmp_path, SKIP_INVALID=True)
    assert (result["INSERTED"], result["REJECTED"]) == (1, 4)
    assert [(r["field"], r["value"], r["count"]) for r in read_csv(tmp_path / "unknown.csv")] == [
        ("building_type", "คฤหาสน์", "2"),
        ("building_type", "บ้านเดียว", "1"),
        ("member1_bedridden", "อาจจะ", "1"),
    ]
    assert {(r["row"], r["field"], r["value"], r["code"]) for r in read_csv(tmp_path / "report.csv")} >= {
        ("2", "building_type", "คฤหาสน์", "unknown_code"),
        ("4", "building_type", "บ้านเดียว", "unknown_code"),
        ("5", "member1_bedridden", "อาจจะ", "not_boolean"),
    }
    message, _report = refused(run_algorithm, source, demo_copy, tmp_path)
    assert "building_type 'คฤหาสน์': 2 row(s)" in message


# --- decimal commas -------------------------------------------------------------------------


def test_decimal_comma_in_whole_numbers_is_refused_or_reported(run_algorithm, demo_copy, tmp_path, places):
    community, lon, lat = places[0]
    header = ["house_no", "community_id", "longitude", "latitude", "residence_years", "member1_age"]
    source = write_csv(tmp_path / "c.csv", header, [["9/1", community, lon, lat, "4,5", "30"]])
    message, report = refused(run_algorithm, source, demo_copy, tmp_path)
    assert "row 2" in message and "residence_years" in message and "'4,5'" in message
    assert "decimal comma, not a whole number" in message
    assert report == [("2", "residence_years", "4,5", "decimal_comma")]

    write_csv(source, header, [["9/1", community, lon, lat, "5,0", "๓๐,๐"]])
    result = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert (result["INSERTED"], result["WARNED"]) == (1, 2)
    (household,) = imported(demo_copy, "house_no = '9/1'")
    assert household[3] == 5 and members_of(demo_copy, household[0])[0][0] == 30
    warnings = {(r["row"], r["field"], r["value"], r["code"]) for r in read_csv(tmp_path / "warnings.csv")}
    assert warnings == {
        ("2", "residence_years", "5,0", "decimal_comma_whole"),
        ("2", "member1_age", "๓๐,๐", "decimal_comma_whole"),
    }


def test_comma_rule_of_whole_numbers():
    assert parse_integer("1,200") == 1200  # groups of three: a thousands separator
    notes = []
    assert parse_integer("12,00", 0, 120, notes) == 12 and notes[0].code == "decimal_comma_whole"
    for value in ("4,5", "5,0", "1,2345", "12,5"):  # without a place for a note, '5,0' is refused too
        with pytest.raises(CellError) as raised:
            parse_integer(value, 0, 120)
        assert raised.value.code == "decimal_comma"


# --- house numbers ---------------------------------------------------------------------------


def test_house_number_excel_made_into_a_date_is_refused(run_algorithm, demo_copy, tmp_path, places):
    import openpyxl

    (c1, lon1, lat1), (c2, lon2, lat2), (c3, lon3, lat3) = places[:3]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["house_no", "community_id", "longitude", "latitude"])
    sheet.append([datetime.datetime(2025, 3, 12), c1, lon1, lat1])  # 12/3 as Excel's date cell
    sheet.append([45728, c2, lon2, lat2])  # the same date as its serial number
    sheet.append(["7/2", c3, lon3, lat3])
    book.save(tmp_path / "dates.xlsx")
    message, report = refused(run_algorithm, tmp_path / "dates.xlsx", demo_copy, tmp_path)
    assert "looks like a date Excel made from a house number" in message
    assert [(row, field, code) for row, field, _value, code in report] == [
        ("2", "house_no", "excel_date"),
        ("3", "house_no", "excel_date"),
    ]
    assert report[1][2] == "45728" and report[0][2].startswith("2025")

    source = write_csv(
        tmp_path / "d.csv", ["house_no", "community_id", "longitude", "latitude"], [["12-Mar", c1, lon1, lat1]]
    )
    message, report = refused(run_algorithm, source, demo_copy, tmp_path)
    assert "row 2" in message and "'12-Mar'" in message
    assert report == [("2", "house_no", "12-Mar", "excel_date")]


def test_house_numbers_differing_by_digits_or_invisible_characters_are_duplicates(
    run_algorithm, demo_copy, tmp_path, places
):
    community, lon, lat = places[0]
    header = ["house_no", "community_id", "longitude", "latitude"]
    rows = [
        ["12/3", community, lon, lat],
        ["๑๒/๓", community, lon, lat],  # Thai digits
        ["١٢/٣", community, lon, lat],  # Arabic-Indic digits
        ["12/4", community, lon, lat],
        ["12\u200b/4", community, lon, lat],  # zero-width space
        ["12 / 4", community, lon, lat],  # spaces around '/'
    ]
    source = write_csv(tmp_path / "dup.csv", header, rows)
    message, report = refused(run_algorithm, source, demo_copy, tmp_path)
    assert "row 3" in message and "'๑๒/๓'" in message
    assert report == [
        ("3", "house_no", "๑๒/๓", "duplicate_in_file"),
        ("4", "house_no", "١٢/٣", "duplicate_in_file"),
        ("6", "house_no", "12/4", "duplicate_in_file"),  # stored and shown without the zero-width space
        ("7", "house_no", "12 / 4", "duplicate_in_file"),
    ]
    # In the database too: the Thai-digit twin of a stored house number is that household.
    write_csv(source, header, [["12/3", community, lon, lat]])
    assert run_import(run_algorithm, source, demo_copy, tmp_path)["INSERTED"] == 1
    write_csv(source, header, [["๑๒/๓", community, lon, lat]])
    again = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert (again["INSERTED"], again["UPDATED"]) == (0, 1)
    assert len(imported(demo_copy, f"community_id = '{community}' AND house_no IN ('12/3', '๑๒/๓')")) == 1


def test_control_characters_in_house_numbers_are_rejected(run_algorithm, demo_copy, tmp_path, places):
    community, lon, lat = places[0]
    header = ["house_no", "community_id", "longitude", "latitude"]
    rows = [["12\u202e/5", community, lon, lat], ["12\x9b6", community, lon, lat], ["12\u2066/7", community, lon, lat]]
    source = write_csv(tmp_path / "ctl.csv", header, rows)
    message, report = refused(run_algorithm, source, demo_copy, tmp_path)
    assert "U+202E" in message and "U+009B" in message
    assert [(row, field, value, code) for row, field, value, code in report] == [
        ("2", "house_no", "12\u202e/5", "control_character"),
        ("3", "house_no", "12\x9b6", "control_character"),
        ("4", "house_no", "12\u2066/7", "control_character"),
    ]


def test_normalise_house_no_is_one_normaliser():
    assert {normalise_house_no(v) for v in ("12/3", "๑๒/๓", "١٢/٣", " 12 / 3 ", "12\u200b/3", "\ufeff12/3\u200e")} == {
        "12/3"
    }
    assert normalise_house_no("99/1 ") == normalise_house_no("๙๙/๑") == "99/1"
    assert normalise_house_no("10A") == normalise_house_no("10a")
    assert normalise_house_no("ซอย 5  เลขที่ 9") == normalise_house_no("ซอย5 เลขที่9") == "ซอย5เลขที่9"  # spaces removed
    assert normalise_house_no("\u200b") is None and normalise_house_no(None) is None
    notes = []
    assert parse_house_no("12\u200b/4", notes) == "12/4" and notes[0].code == "invisible_removed"
    assert parse_house_no("12/3") == "12/3" and parse_house_no(12.0) == "12"


# --- where households are -------------------------------------------------------------------


def test_point_far_from_its_community_is_refused(run_algorithm, demo_copy, tmp_path, places):
    (c1, lon1, lat1), (c2, lon2, lat2) = places[:2]
    header = ["house_no", "community_id", "longitude", "latitude"]
    source = write_csv(tmp_path / "far.csv", header, [["3/3", c1, lon1 + 0.9, lat1], ["3/4", c2, lon2, lat2]])
    message, report = refused(run_algorithm, source, demo_copy, tmp_path)
    assert "row 2" in message and f"'{c1}'" in message and "(at most 30 m allowed)" in message
    assert report == [("2", "community_id", c1, "point_outside_community")]
    distance = int(message.split(f"from community {c1}")[0].rsplit("lies ", 1)[1].split(" m")[0])
    assert 90_000 < distance < 110_000


def test_households_given_as_polygons_lines_or_several_points_are_refused(run_algorithm, demo_copy, tmp_path, places):
    (_c, lon, lat) = places[0]
    d = 0.0001
    geometries = [
        {"type": "Point", "coordinates": [lon, lat]},
        {"type": "Polygon", "coordinates": [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat]]]},
        {"type": "MultiPoint", "coordinates": [[lon, lat], [lon + d, lat]]},
        {"type": "LineString", "coordinates": [[lon, lat], [lon + d, lat + d]]},
    ]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"house_no": f"40/{i}"}, "geometry": g} for i, g in enumerate(geometries)
        ],
    }
    (tmp_path / "kinds.geojson").write_text(json.dumps(collection), encoding="utf-8")
    message, report = refused(run_algorithm, tmp_path / "kinds.geojson", demo_copy, tmp_path)
    assert "households are points" in message and "row 3" in message
    assert [(row, field, code) for row, field, _value, code in report] == [
        ("3", "geometry", "not_a_point"),
        ("4", "geometry", "not_a_point"),
        ("5", "geometry", "not_a_point"),
    ]
    assert [value for _row, _field, value, _code in report] == ["Polygon", "MultiPoint", "LineString"]


# --- headers --------------------------------------------------------------------------------


def test_duplicated_column_header_is_refused_naming_it(run_algorithm, demo_copy, tmp_path, places):
    community, lon, lat = places[0]
    source = write_csv(
        tmp_path / "h.csv",
        ["house_no", "community_id", "longitude", "latitude", "house_no"],
        [["1/1", community, lon, lat, "1/2"]],
    )
    message, report = refused(run_algorithm, source, demo_copy, tmp_path)
    assert "The header 'house_no' appears more than once" in message
    assert report == [("1", "house_no", "house_no", "duplicate_column")]
    # The same header twice once normalised (a Kobo group path, a different case) is a duplicate too.
    source = write_csv(
        tmp_path / "h.csv",
        ["household/House No", "community_id", "longitude", "latitude", "house_no"],
        [["1/1", community, lon, lat, "1/2"]],
    )
    message, report = refused(run_algorithm, source, demo_copy, tmp_path)
    assert "'household/House No'" in message
    assert report == [("1", "household/House No", "household/House No", "duplicate_column")]


def test_import_dialog_lists_member_fields_and_warns_of_unknown_member_columns(qgis_iface, tmp_path):
    from kr8310_plugin.gui.import_dialog import ImportDialog

    header = ["บ้านเลขที่", "จำนวนสมาชิก", "สมาชิก1_อายุ", "สมาชิก 2 อายุ", "สมาชิก1_เพศ"]
    source = write_csv(tmp_path / "แบบสำรวจ.csv", header, [["1", "2", "30", "4", "ชาย"]])
    dialog = ImportDialog(qgis_iface.mainWindow())
    dialog.input_file.setFilePath(str(source))
    shown = {
        dialog.mapping_table.item(r, 0).text(): dialog.mapping_table.cellWidget(r, 1).currentText()
        for r in range(dialog.mapping_table.rowCount())
    }
    assert shown["house_no"] == "บ้านเลขที่" and shown["member_count"] == "จำนวนสมาชิก"
    assert shown["members.age"].startswith("สมาชิก1_อายุ, สมาชิก 2 อายุ")
    assert shown["members.education"] == "(no numbered member columns found)"
    assert "สมาชิก1_เพศ" in dialog.status.text()
    assert dialog.mapping_text() == ""

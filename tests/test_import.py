"""kr8310:importhouseholds on real files (CSV in three encodings, a Kobo-shape XLSX, GeoJSON, GeoPackage)
into a copy of the one-district demo database."""

from __future__ import annotations

import csv
import hashlib
import random
import sqlite3
import uuid

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from kr8310_plugin.compat import new_field
from kr8310_plugin.core.storage.datasource import open_layer


@pytest.fixture()
def places(demo_copy):
    """(community_id, lon, lat) of points inside the first ten demo communities of district 1001."""
    layer = open_layer(str(demo_copy), "communities")
    to_wgs84 = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance().transformContext()
    )
    result = []
    for feature in sorted(layer.getFeatures(), key=lambda f: f["community_id"])[:10]:
        point = to_wgs84.transform(feature.geometry().pointOnSurface().asPoint())
        result.append((feature["community_id"], point.x(), point.y()))
    return result


def households_of(path, where="editor = 'import'"):
    with sqlite3.connect(str(path)) as connection:
        return connection.execute(
            "SELECT household_id, community_id, house_no, building_type, residence_years, member_count, row_version"
            f" FROM households WHERE {where} ORDER BY house_no"
        ).fetchall()


def members_of(path, household_id):
    with sqlite3.connect(str(path)) as connection:
        return connection.execute(
            "SELECT age, education, occupation, disability, bedridden FROM members WHERE household_id = ? ORDER BY age",
            (household_id,),
        ).fetchall()


def content_hash(path) -> str:
    """A digest of every household and member row: equal digests mean an unchanged database."""
    digest = hashlib.sha256()
    with sqlite3.connect(str(path)) as connection:
        for table in ("households", "members"):
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY fid"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def write_csv(path, header, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run_import(run_algorithm, source, database, tmp_path, **extra):
    params = {"INPUT": str(source), "DATABASE": str(database), "REPORT": str(tmp_path / "report.csv")}
    params.update(extra)
    return run_algorithm("importhouseholds", params)


def read_report(tmp_path):
    with open(tmp_path / "report.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_with_thai_labels_and_digits_finds_the_community(run_algorithm, demo_copy, tmp_path, places):
    (c1, lon1, lat1), (c2, lon2, lat2) = places[:2]
    source = write_csv(
        tmp_path / "survey.csv",
        ["house_no", "longitude", "latitude", "building_type", "residence_years", "member_count"],
        [
            ["๑๒/๓", lon1, lat1, "บ้านเดี่ยว", "๑๒", "3"],
            ["77", lon2, lat2, "Shophouse", "5", "๒"],
        ],
    )
    result = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert (result["INSERTED"], result["REJECTED"]) == (2, 0)
    rows = households_of(demo_copy)
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        (c2, "77", "shophouse", 5, 2),
        (c1, "๑๒/๓", "detached_house", 12, 3),
    ]
    # The point lands where the lon/lat said, in EPSG:32647.
    layer = open_layer(str(demo_copy), "households")
    layer.setSubsetString("house_no = '77'")
    feature = next(layer.getFeatures())
    expected = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), layer.crs(), QgsProject.instance().transformContext()
    ).transform(QgsPointXY(lon2, lat2))
    assert feature.geometry().asPoint().distance(expected) < 0.01


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_csv_encodings_are_detected(run_algorithm, demo_copy, tmp_path, places, encoding):
    community, lon, lat = places[0]
    source = write_csv(
        tmp_path / "survey.csv",
        ["house_no", "community_id", "longitude", "latitude", "building_type"],
        [["ซอย ๕ เลขที่ 9", community, lon, lat, "ตึกแถว / อาคารพาณิชย์"]],
        encoding=encoding,
    )
    result = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert result["INSERTED"] == 1
    assert households_of(demo_copy)[0][2:4] == ("ซอย ๕ เลขที่ 9", "shophouse")


def test_tis620_chosen_explicitly_and_utf8_forced_on_tis620_is_reported(run_algorithm, demo_copy, tmp_path, places):
    community, lon, lat = places[0]
    source = write_csv(
        tmp_path / "tis.csv",
        ["house_no", "community_id", "longitude", "latitude", "building_type"],
        [["บ้านริมน้ำ 1", community, lon, lat, "เรือนแพ"]],
        encoding="tis-620",
    )
    before = content_hash(demo_copy)
    # Read as UTF-8, TIS-620 bytes turn into unreadable text: reported, nothing written.
    with pytest.raises(QgsProcessingException, match="row 2"):
        run_import(run_algorithm, source, demo_copy, tmp_path, ENCODING=1)
    assert content_hash(demo_copy) == before
    assert {r["code"] for r in read_report(tmp_path)} >= {"bad_text"}
    result = run_import(run_algorithm, source, demo_copy, tmp_path, ENCODING=2)
    assert result["INSERTED"] == 1
    assert households_of(demo_copy)[0][2:4] == ("บ้านริมน้ำ 1", "floating_house")


def test_reimport_is_idempotent_and_updates_changed_rows(run_algorithm, demo_copy, tmp_path, places):
    header = ["house_no", "longitude", "latitude", "residence_years", "member1_age", "member1_education"]
    rows = [[f"{i}/1", lon, lat, i, 30 + i, "Primary"] for i, (_c, lon, lat) in enumerate(places)]
    source = write_csv(tmp_path / "survey.csv", header, rows)
    first = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert first["INSERTED"] == len(places)
    snapshot = content_hash(demo_copy)
    second = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert (second["INSERTED"], second["UPDATED"], second["UNCHANGED"]) == (0, 0, len(places))
    assert content_hash(demo_copy) == snapshot
    rows[3][3] = 40  # residence years changed
    rows[5][4] = 61  # a member's age changed
    write_csv(source, header, rows)
    third = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert (third["INSERTED"], third["UPDATED"], third["UNCHANGED"]) == (0, 2, len(places) - 2)
    imported = {r[2]: r for r in households_of(demo_copy)}
    assert len(imported) == len(places)
    assert imported["3/1"][4] == 40 and imported["3/1"][6] == 2  # row_version bumped
    assert imported["4/1"][6] == 1
    assert members_of(demo_copy, imported["5/1"][0]) == [(61, "primary", None, None, None)]


def test_reimport_matches_household_id_before_house_number(run_algorithm, demo_copy, tmp_path, places):
    community, lon, lat = places[0]
    household_id = str(uuid.uuid4())
    header = ["household_id", "house_no", "community_id", "longitude", "latitude"]
    source = write_csv(tmp_path / "s.csv", header, [[household_id, "5", community, lon, lat]])
    run_import(run_algorithm, source, demo_copy, tmp_path)
    write_csv(source, header, [[household_id, "5A", community, lon, lat]])  # house number corrected
    result = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert (result["INSERTED"], result["UPDATED"]) == (0, 1)
    assert [r[:3] for r in households_of(demo_copy)] == [(household_id, community, "5A")]


def test_bad_row_rolls_everything_back_and_is_reported(run_algorithm, demo_copy, tmp_path, places):
    header = ["house_no", "longitude", "latitude", "residence_years", "building_type"]
    rows = [[f"{i}", lon, lat, 3, "Other"] for i, (_c, lon, lat) in enumerate(places[:4])]
    rows[1][3] = "สิบ"  # not a number
    rows[2][1], rows[2][2] = 2.35, 48.85  # Paris
    rows[3][4] = "castle"
    source = write_csv(tmp_path / "survey.csv", header, rows)
    before = content_hash(demo_copy)
    with pytest.raises(QgsProcessingException) as raised:
        run_import(run_algorithm, source, demo_copy, tmp_path)
    message = str(raised.value)
    assert "nothing was imported" in message and "row 3" in message and "residence_years" in message
    assert content_hash(demo_copy) == before
    report = read_report(tmp_path)
    assert {(r["row"], r["field"], r["code"]) for r in report} == {
        ("3", "residence_years", "not_integer"),
        ("4", "longitude", "outside_thailand"),
        ("5", "building_type", "unknown_code"),
    }
    assert all(r["reason_th"] and r["reason_en"] for r in report)
    assert next(r for r in report if r["code"] == "unknown_code")["value"] == "castle"

    result = run_import(run_algorithm, source, demo_copy, tmp_path, SKIP_INVALID=True)
    assert (result["INSERTED"], result["REJECTED"]) == (1, 3)
    assert [r[2] for r in households_of(demo_copy)] == ["0"]
    assert len(read_report(tmp_path)) == 3


def test_duplicates_in_file_and_house_number_conflicts_are_rejected(run_algorithm, demo_copy, tmp_path, places):
    community, lon, lat = places[0]
    with sqlite3.connect(str(demo_copy)) as connection:
        taken = connection.execute(
            "SELECT house_no FROM households WHERE community_id = ? LIMIT 1", (community,)
        ).fetchone()[0]
    header = ["household_id", "house_no", "community_id", "longitude", "latitude"]
    rows = [
        [str(uuid.uuid4()), "1", community, lon, lat],
        ["", " 1", community, lon, lat],  # same house number, spacing aside
        [str(uuid.uuid4()), taken, community, lon, lat],  # another household's number in the database
        ["", "", community, lon, lat],  # no key at all
        ["", "2", "9999-999", lon, lat],  # unknown community
    ]
    source = write_csv(tmp_path / "d.csv", header, rows)
    result = run_import(run_algorithm, source, demo_copy, tmp_path, SKIP_INVALID=True)
    assert (result["INSERTED"], result["REJECTED"]) == (1, 4)
    assert {(r["row"], r["code"]) for r in read_report(tmp_path)} == {
        ("3", "duplicate_in_file"),
        ("4", "house_no_taken"),
        ("5", "no_key"),
        ("6", "unknown_community"),
    }


def _kobo_workbook(path, places, households=30, seed=8310):
    """A KoboToolbox XLSX export of a synthetic survey: group paths in headers, geopoint split into
    _gps_* columns, a repeat group 'member' on its own sheet linked by _parent_index."""
    import openpyxl

    from kr8310_plugin.definitions.codelists import BUILDING_TYPE, DISABILITY, EDUCATION, OCCUPATION

    rng = random.Random(seed)
    book = openpyxl.Workbook()
    main = book.active
    main.title = "KR8310 household survey"
    main.append(
        [
            "start",
            "end",
            "household/house_no",
            "household/building_type",
            "household/residence_years",
            "household/member_count",
            "gps",
            "_gps_latitude",
            "_gps_longitude",
            "_gps_altitude",
            "_gps_precision",
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_index",
        ]
    )
    member_sheet = book.create_sheet("member")
    member_sheet.append(
        [
            "member/age",
            "member/education",
            "member/occupation",
            "member/disability",
            "member/bedridden",
            "_index",
            "_parent_table_name",
            "_parent_index",
            "_submission__id",
            "_submission__uuid",
        ]
    )
    expected = {}
    member_index = 0
    for index in range(1, households + 1):
        _community, lon, lat = places[index % len(places)]
        lon += rng.uniform(-1e-5, 1e-5)
        lat += rng.uniform(-1e-5, 1e-5)
        count = rng.randint(1, 5)
        building = rng.choice(BUILDING_TYPE.codes)
        house_no = f"{rng.randint(1, 300)}/{index}"
        submission = 100000 + index
        main.append(
            [
                "2025-01-10T09:00:00.000+07:00",
                "2025-01-10T09:12:00.000+07:00",
                house_no,
                building.label_th if index % 2 else building.key,
                rng.randint(0, 60),
                count,
                f"{lat} {lon} 2.0 5.0",
                lat,
                lon,
                2.0,
                5.0,
                submission,
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "2025-01-10T02:13:00",
                "",
                index,
            ]
        )
        ages = []
        for _ in range(count):
            member_index += 1
            age = rng.randint(0, 95)
            ages.append(age)
            member_sheet.append(
                [
                    age,
                    rng.choice(EDUCATION.codes).label_en,
                    rng.choice(OCCUPATION.codes).label_th,
                    rng.choice(DISABILITY.codes).key,
                    rng.choice(("yes", "no", "ใช่", "ไม่ใช่")),
                    member_index,
                    "KR8310 household survey",
                    index,
                    submission,
                    "",
                ]
            )
        expected[house_no] = (building.key, count, sorted(ages))
    book.save(path)
    return expected


def test_kobo_xlsx_export_with_repeat_group_sheet(run_algorithm, demo_copy, tmp_path, places):
    expected = _kobo_workbook(tmp_path / "kobo.xlsx", places)
    result = run_import(run_algorithm, tmp_path / "kobo.xlsx", demo_copy, tmp_path, EDITOR="kobo")
    assert (result["INSERTED"], result["REJECTED"]) == (len(expected), 0)
    assert result["MEMBERS_WRITTEN"] == sum(count for _b, count, _a in expected.values())
    rows = households_of(demo_copy, "editor = 'kobo'")
    assert len(rows) == len(expected)
    for household_id, community_id, house_no, building, _years, count, _version in rows:
        assert community_id.startswith("1001-")
        assert (building, count) == expected[house_no][:2]
        assert [m[0] for m in members_of(demo_copy, household_id)] == expected[house_no][2]
    again = run_import(run_algorithm, tmp_path / "kobo.xlsx", demo_copy, tmp_path, EDITOR="kobo")
    assert (again["INSERTED"], again["UPDATED"], again["UNCHANGED"]) == (0, 0, len(expected))


def test_kobo_member_with_bad_value_rejects_its_household(run_algorithm, demo_copy, tmp_path, places):
    import openpyxl

    _kobo_workbook(tmp_path / "kobo.xlsx", places, households=5)
    book = openpyxl.load_workbook(tmp_path / "kobo.xlsx")
    book["member"]["A2"] = 130  # first member of household _index 1 (sheet row 2)
    book["member"].append([30, "Primary", "Student", "none", "no", 999, "x", 77, 0, ""])  # no such household
    book.save(tmp_path / "kobo.xlsx")
    result = run_import(run_algorithm, tmp_path / "kobo.xlsx", demo_copy, tmp_path, SKIP_INVALID=True)
    assert (result["INSERTED"], result["REJECTED"]) >= (4, 2)
    report = read_report(tmp_path)
    codes = {(r["table"], r["row"], r["code"]) for r in report}
    assert ("member", "2", "out_of_range") in codes
    assert ("KR8310 household survey", "2", "member_rejected") in codes
    assert any(r["code"] == "no_parent" for r in report)


def test_point_layers_in_any_crs_are_transformed(run_algorithm, demo_copy, tmp_path, places):
    community, lon, lat = places[2]
    to_3857 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:3857"),
        QgsProject.instance().transformContext(),
    )
    point = to_3857.transform(QgsPointXY(lon, lat))
    layer = QgsVectorLayer("Point?crs=EPSG:3857", "survey", "memory")
    layer.dataProvider().addAttributes([new_field("house_no", "string"), new_field("age", "int")])
    layer.updateFields()
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(point))
    feature.setAttributes(["88", 5])
    layer.dataProvider().addFeatures([feature])
    for driver, name in (("GeoJSON", "survey.geojson"), ("GPKG", "survey.gpkg")):
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = driver
        error = QgsVectorFileWriter.writeAsVectorFormatV3(
            layer, str(tmp_path / name), QgsProject.instance().transformContext(), options
        )
        assert error[0] == QgsVectorFileWriter.WriterError.NoError
    result = run_import(run_algorithm, tmp_path / "survey.gpkg", demo_copy, tmp_path)
    assert result["INSERTED"] == 1
    again = run_import(run_algorithm, tmp_path / "survey.geojson", demo_copy, tmp_path)
    assert again["UNCHANGED"] == 1  # GeoJSON (WGS 84) and GeoPackage (3857) give the same point
    assert households_of(demo_copy)[0][1:3] == (community, "88")


def test_unreadable_inputs_give_clear_errors(run_algorithm, demo_copy, tmp_path):
    with pytest.raises(QgsProcessingException, match="does not exist"):
        run_import(run_algorithm, tmp_path / "missing.csv", demo_copy, tmp_path)
    (tmp_path / "junk.xlsx").write_bytes(b"\x00\x01not a workbook")
    with pytest.raises(QgsProcessingException, match="cannot be read"):
        run_import(run_algorithm, tmp_path / "junk.xlsx", demo_copy, tmp_path)
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(QgsProcessingException, match="empty"):
        run_import(run_algorithm, tmp_path / "empty.csv", demo_copy, tmp_path)
    source = write_csv(tmp_path / "ok.csv", ["house_no"], [["1"]])
    with pytest.raises(QgsProcessingException, match="does not exist"):
        run_import(run_algorithm, source, tmp_path / "nowhere.gpkg", tmp_path)
    with pytest.raises(QgsProcessingException, match="no such column"):
        run_import(run_algorithm, source, demo_copy, tmp_path, MAPPING="house_no=Adresse")


def test_readme_example_imports(run_algorithm, demo_copy, tmp_path):
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Importing survey files", 1)[1].split("```csv\n", 1)[1].split("```", 1)[0]
    source = tmp_path / "survey.csv"
    source.write_text(example, encoding="utf-8")
    result = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert (result["INSERTED"], result["MEMBERS_WRITTEN"], result["REJECTED"]) == (2, 3, 0)
    rows = households_of(demo_copy)
    assert [(r[2], r[3], r[4], r[5]) for r in rows] == [("12/3", "detached_house", 12, 2), ("14", "shophouse", 3, 1)]
    assert sorted(members_of(demo_copy, rows[0][0])) == [(45, "primary", None, None, None), (78, None, None, None, 1)]


def test_odk_central_csv_pair_with_key_and_parent_key(run_algorithm, demo_copy, tmp_path, places):
    """ODK Central's CSV export: geopoint as location-Latitude/-Longitude, a repeat CSV linked by PARENT_KEY."""
    _community, lon, lat = places[4]
    write_csv(
        tmp_path / "survey.csv",
        ["SubmissionDate", "hh-house_no", "location-Latitude", "location-Longitude", "location-Altitude", "KEY"],
        [
            ["2025-01-10", "7/1", lat, lon, 3, "uuid:aaaa"],
            ["2025-01-10", "7/2", lat, lon, 3, "uuid:bbbb"],
        ],
    )
    write_csv(
        tmp_path / "survey-member.csv",
        ["age", "education", "PARENT_KEY", "KEY"],
        [
            [12, "ประถมศึกษา", "uuid:aaaa", "uuid:aaaa/member[1]"],
            [40, "Bachelor's degree", "uuid:aaaa", "uuid:aaaa/member[2]"],
        ],
    )
    result = run_import(
        run_algorithm, tmp_path / "survey.csv", demo_copy, tmp_path, MEMBERS=str(tmp_path / "survey-member.csv")
    )
    assert (result["INSERTED"], result["MEMBERS_WRITTEN"], result["REJECTED"]) == (2, 2, 0)
    rows = {r[2]: r for r in households_of(demo_copy)}
    assert rows["7/1"][5] == 2 and rows["7/2"][5] is None
    assert members_of(demo_copy, rows["7/1"][0]) == [
        (12, "primary", None, None, None),
        (40, "bachelor", None, None, None),
    ]


def test_member_count_range_is_the_schemas_1_to_99(run_algorithm, demo_copy, tmp_path, places):
    """The importer reads member_count's range from its FieldSpec (1–99), as the form and the database do."""
    community, lon, lat = places[0]
    header = ["house_no", "community_id", "longitude", "latitude", "member_count"]
    source = write_csv(tmp_path / "big.csv", header, [["60/1", community, lon, lat, 60]])
    result = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert result["INSERTED"] == 1
    assert [r[2:6:3] for r in households_of(demo_copy)] == [("60/1", 60)]

    source = write_csv(tmp_path / "too_big.csv", header, [["100/1", community, lon, lat, 100]])
    with pytest.raises(QgsProcessingException) as raised:
        run_import(run_algorithm, source, demo_copy, tmp_path)
    message = str(raised.value)
    assert "row 2" in message and "member_count" in message and "'100'" in message and "1–99" in message
    (rejected,) = read_report(tmp_path)
    assert (rejected["row"], rejected["field"], rejected["value"], rejected["code"]) == (
        "2",
        "member_count",
        "100",
        "out_of_range",
    )

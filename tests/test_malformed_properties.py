"""Property tests over malformed survey files: valid CSV, XLSX and GeoJSON surveys with random corruptions
(encodings, bad numbers, digits of other scripts, invisible and control characters, unclosed quotes,
duplicated headers, date cells, formulas without values, geometries that are not points) through
kr8310:importhouseholds. Never a traceback; a refused file leaves the database byte-identical; and no
silent change of value: every household written holds exactly the file's value after the documented
normalisation, every other row is in the report. Bounded so it runs in seconds.

Each cell is drawn as (what the file says, what must be stored): the oracle is written beside the
corruption, never computed by the code under test.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import shutil
import sqlite3
import zipfile

import pytest
import test_import_properties
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsProcessingException

from kr8310_plugin.core.importing import readers
from kr8310_plugin.core.importing.readers import SourceError, read_table

property_db = test_import_properties.property_db  # three 200 m square communities T-0, T-1, T-2
inside_lonlat = test_import_properties.inside_lonlat  # nine points inside them, three per community

EXAMPLES = 70
RAN = {"examples": 0, "refused_files": 0, "rows_written": 0, "rows_reported": 0}
REJECT = object()  # the row must be reported, not written
WARN = "warn"  # written, and listed in WARNINGS
COLUMNS = ["house_no", "community_id", "longitude", "latitude", "building_type", "residence_years", "member1_age"]
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def house_number_variants(n: int) -> list[tuple]:
    """(file text, stored text or REJECT, warns) for house number n/1."""
    plain = f"{n}/1"
    return [
        (plain, plain, False),
        (plain.translate(THAI), plain.translate(THAI), False),
        (plain.translate(ARABIC), plain.translate(ARABIC), False),
        (f"  {plain} ", plain, False),
        (f"{n}\u200b/1", plain, True),  # zero-width space: removed, reported
        (f"\ufeff{plain}", plain, True),
        (f"{n}A/1", f"{n}A/1", False),
        (f"{n}\u202e/1", REJECT, False),  # bidi override: refused
        (f"{n}\x9b/1", REJECT, False),
        (f"{n}-Mar", REJECT, False),  # Excel's date
        ("45728", REJECT, False),
    ]


WHOLE_NUMBERS = [
    ("5", 5, False),
    ("๕", 5, False),
    (" 5 ", 5, False),
    ("5.0", 5, False),
    ("5,0", 5, True),  # a whole number with a decimal comma: read, reported
    ("4,5", REJECT, False),
    ("5.5", REJECT, False),
    ("-1", REJECT, False),
    ("121", REJECT, False),
    ("1,200", REJECT, False),
    ("1e1", REJECT, False),
    ("abc", REJECT, False),
    ("", None, False),
]
AGES = [("40", 40, False), ("๔๐", 40, False), ("40,0", 40, True), ("4,5", REJECT, False), ("130", REJECT, False)]
BUILDINGS = [
    ("shophouse", "shophouse", False),
    ("Shophouse", "shophouse", False),
    ("ตึกแถว / อาคารพาณิชย์", "shophouse", False),
    ("ตึกแถว/อาคารพาณิชย์", "shophouse", False),
    ("castle", REJECT, False),
]


def _variants(draw, variants, broken: bool):
    """A valid variant (normalised or not), or with `broken` one that must be refused."""
    valid = [v for v in variants if v[1] is not REJECT]
    invalid = [v for v in variants if v[1] is REJECT]
    return draw(st.sampled_from(invalid if broken and invalid else valid))


@st.composite
def surveys(draw, lonlats):
    """A survey as rows of (file cells, expected stored values, warns), plus the file-level corruption.
    Most rows are valid (some of their values in forms the import normalises); a broken row has one
    value that must be refused."""
    rows = []
    for n in range(1, draw(st.integers(1, 4)) + 1):
        point = draw(st.integers(0, len(lonlats) - 1))
        community = f"T-{point // 3}"
        lon, lat = lonlats[point]
        broken = draw(st.sampled_from([None, None, "house_no", "building_type", "residence_years", "age", "far"]))
        far = broken == "far"  # the community named, the point 100 km away
        cells = {
            "house_no": _variants(draw, house_number_variants(n), broken == "house_no"),
            "community_id": (community, community, False),
            "longitude": (str(lon + 0.9) if far else str(lon), REJECT if far else lon, False),
            "latitude": (str(lat), lat, False),
            "building_type": _variants(draw, BUILDINGS, broken == "building_type"),
            "residence_years": _variants(draw, WHOLE_NUMBERS, broken == "residence_years"),
            "member1_age": _variants(draw, AGES, broken == "age"),
        }
        rows.append(cells)
    kind = draw(st.sampled_from(["csv", "csv", "csv", "xlsx", "geojson"]))
    corruption = draw(
        st.sampled_from(["none"] * 8 + ["utf16", "open_quote", "duplicate_header", "date_cell", "formula", "geometry"])
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp874"]))
    return rows, kind, corruption, encoding, draw(st.booleans())


def _csv_bytes(rows, header, encoding, corruption):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for cells in rows:
        writer.writerow([cells[c][0] for c in COLUMNS] + ([cells["house_no"][0]] if len(header) > len(COLUMNS) else []))
    text = buffer.getvalue()
    if corruption == "open_quote":
        text = text.rstrip("\n")[:-1]  # the last cell's closing quote is lost
    if corruption == "utf16":
        return text.encode("utf-16")
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:  # cp874 holds Thai, not Arabic digits or invisible characters
        return text.encode("utf-8")


def write_survey(path_stem, rows, kind, corruption, encoding):
    """Write the file; returns (path, whether the file as a whole must be refused)."""
    header = COLUMNS + (["house_no"] if corruption == "duplicate_header" else [])
    refused = corruption in ("utf16", "open_quote", "duplicate_header")
    if kind == "csv" or corruption in ("utf16", "open_quote"):
        path = path_stem.with_suffix(".csv")
        path.write_bytes(_csv_bytes(rows, header, encoding, corruption))
        return path, refused
    if kind == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(header)
        for number, cells in enumerate(rows):
            values = [cells[c][0] for c in COLUMNS] + ([cells["house_no"][0]] if len(header) > len(COLUMNS) else [])
            if corruption == "date_cell" and number == 0:
                values[0] = datetime.datetime(2025, 3, 12)  # Excel made the house number a date
                cells["house_no"] = (values[0], REJECT, False)
            if corruption == "formula" and number == 0:
                values[5] = "=1+1"  # openpyxl saves no value for it
                refused = True
            sheet.append(values)
        path = path_stem.with_suffix(".xlsx")
        book.save(path)
        return path, refused
    features = []
    for number, cells in enumerate(rows):
        lon, lat = float(cells["longitude"][0]), float(cells["latitude"][0])
        geometry = {"type": "Point", "coordinates": [lon, lat]}
        if corruption == "geometry" and number == 0:
            geometry = {"type": "LineString", "coordinates": [[lon, lat], [lon + 0.0001, lat]]}
            cells["longitude"] = (cells["longitude"][0], REJECT, False)
        properties = {c: cells[c][0] for c in COLUMNS if c not in ("longitude", "latitude")}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    path = path_stem.with_suffix(".geojson")
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    # A GeoJSON feature's properties are a JSON object: this writer cannot repeat a key in one.
    return path, refused and corruption != "duplicate_header"


def file_hash(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def stored_household(database, community_id, house_no):
    with sqlite3.connect(str(database)) as connection:
        row = connection.execute(
            "SELECT household_id, building_type, residence_years FROM households "
            "WHERE community_id = ? AND house_no = ?",
            (community_id, house_no),
        ).fetchone()
        if row is None:
            return None
        ages = [r[0] for r in connection.execute("SELECT age FROM members WHERE household_id = ?", (row[0],))]
        return {"building_type": row[1], "residence_years": row[2], "member1_age": ages[0] if ages else None}


def test_corrupted_surveys_are_refused_or_written_exactly(run_algorithm, property_db, inside_lonlat, tmp_path_factory):
    work = tmp_path_factory.mktemp("malformed")

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(example=surveys(inside_lonlat))
    def check(example):
        rows, kind, corruption, encoding, skip_invalid = example
        RAN["examples"] += 1
        database = work / "db.gpkg"
        shutil.copy(property_db, database)
        for name in ("report.csv", "warnings.csv"):
            (work / name).unlink(missing_ok=True)
        source, file_refused = write_survey(work / "survey", rows, kind, corruption, encoding)
        if kind == "geojson" and corruption == "duplicate_header":
            corruption = "none"  # a JSON object cannot repeat a key: the writer made a plain file
        rejected_rows = {n + 2 for n, cells in enumerate(rows) if any(v[1] is REJECT for v in cells.values())}
        before = file_hash(database)
        params = {
            "INPUT": str(source),
            "DATABASE": str(database),
            "SKIP_INVALID": skip_invalid,
            "REPORT": str(work / "report.csv"),
            "WARNINGS": str(work / "warnings.csv"),
        }
        try:
            result = run_algorithm("importhouseholds", params)
        except QgsProcessingException as error:
            message = str(error)
            assert "Traceback" not in message
            assert file_hash(database) == before  # nothing written, not even a trigger's row
            RAN["refused_files"] += 1
            assert file_refused or (rejected_rows and not skip_invalid), message
            if corruption == "utf16":
                assert "UTF-16" in message
            elif corruption == "open_quote":
                assert "never closed" in message
            elif corruption == "duplicate_header":
                assert "appears more than once" in message
            elif corruption == "formula" and kind == "xlsx":
                assert "a formula with no saved value" in message
            else:
                reported = {int(r["row"]) for r in read_rows(work / "report.csv")}
                assert reported == rejected_rows, message
            return
        assert not file_refused and (skip_invalid or not rejected_rows)
        reported = {int(r["row"]) for r in read_rows(work / "report.csv")}
        assert reported == rejected_rows
        warned = {int(r["row"]) for r in read_rows(work / "warnings.csv")}
        for number, cells in enumerate(rows, start=2):
            house_no = cells["house_no"][1]
            if number in rejected_rows:
                if house_no is not REJECT:
                    assert stored_household(database, cells["community_id"][1], house_no) is None
                continue
            stored = stored_household(database, cells["community_id"][1], house_no)
            assert stored is not None, (number, cells)
            for name in ("building_type", "residence_years", "member1_age"):
                assert stored[name] == cells[name][1], (number, name, cells[name])
            assert (number in warned) == any(v[2] for v in cells.values()), (number, cells)
        assert result["INSERTED"] == len(rows) - len(rejected_rows) and result["REJECTED"] == len(rejected_rows)
        RAN["rows_written"] += result["INSERTED"]
        RAN["rows_reported"] += len(rejected_rows)

    check()
    print(f"\nmalformed-survey examples: {RAN}")
    assert RAN["examples"] >= EXAMPLES * 0.9
    assert RAN["refused_files"] and RAN["rows_written"] and RAN["rows_reported"]


# ---------------------------------------------------------------------------------------
# Spreadsheets that would take gigabytes to read


SHEET = "xl/worksheets/sheet1.xml"


def _workbook(path, cell_text: str = "1/1"):
    """A one-row survey workbook whose house number cell (A2, in the sheet part) holds `cell_text`."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["house_no", "longitude", "latitude"])
    sheet.append(["PLACEHOLDER", "100.49", "13.75"])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    # Written into the part itself: openpyxl cuts cells at Excel's limit, a script or a forger does not.
    parts[SHEET] = parts[SHEET].replace(b"PLACEHOLDER", cell_text.encode())
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _no_gdal(monkeypatch):
    def refused(*_args, **_kwargs):
        raise AssertionError("GDAL opened a spreadsheet that should have been refused first")

    monkeypatch.setattr("osgeo.gdal.OpenEx", refused)


def test_a_cell_longer_than_a_spreadsheet_holds_is_refused_before_gdal_reads_it(tmp_path, monkeypatch):
    path = _workbook(tmp_path / "long.xlsx", "x" * (readers.MAX_CELL_CHARS + 1))
    _no_gdal(monkeypatch)
    with pytest.raises(SourceError) as raised:
        read_table(str(path))
    assert f"longer than {readers.MAX_CELL_CHARS} characters (cell A2 of {SHEET})" in str(raised.value)


def test_a_zip_that_lies_about_its_sizes_is_refused_without_unpacking_it(tmp_path, monkeypatch):
    """A small XLSX whose directory declares a tiny sheet that unpacks to 64 MB (a zip bomb's trick: the
    size check reads the directory, GDAL would trust it)."""
    path = _workbook(tmp_path / "bomb.xlsx", "1" * (64 * 1024 * 1024))
    assert path.stat().st_size < 1_000_000
    with zipfile.ZipFile(path) as archive:
        real = archive.getinfo(SHEET).file_size.to_bytes(4, "little")
    data = path.read_bytes()
    assert data.count(real) == 2  # the local header and the central directory
    path.write_bytes(data.replace(real, (100).to_bytes(4, "little")))
    _no_gdal(monkeypatch)
    with pytest.raises(SourceError) as raised:
        read_table(str(path))
    assert "is damaged: a part of it does not unpack as the file says" in str(raised.value)

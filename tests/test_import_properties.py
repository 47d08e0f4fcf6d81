"""Property tests: random malformed survey files never crash the import, never half-write the
database, and every rejected row is reported.

Two levels: whole CSV files through kr8310:importhouseholds (encodings, broken bytes, missing
and duplicate columns), and tables of arbitrary Python cell values (what spreadsheets and OGR
hand over: ints, floats with NaN/inf, huge numbers, booleans, bytes) through core.importing.importer.
The number of examples run is printed at the end of the module (pytest -s) and asserted.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import sqlite3
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
)

from kr8310_plugin.core.importing.importer import CommunityIndex, ImportRefusedError, prepare_import, write_gpkg
from kr8310_plugin.core.importing.readers import SourceRow, SourceTable
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.core.storage.gpkg_database import build_database
from kr8310_plugin.definitions.codelists import BUILDING_TYPE, EDUCATION

FILE_EXAMPLES = 200
TABLE_EXAMPLES = 300
RAN = {"files": 0, "tables": 0, "file_failures": 0, "file_rejected_rows": 0, "table_rejected_rows": 0}

# Refusals of a whole file, reported on the header row (row 1).
HEADER_CODES = {"duplicate_column", "unmapped_member_column"}

# Three 200 m square communities side by side in Phra Nakhon (EPSG:32647).
SQUARES = {f"T-{n}": (662000 + 200 * n, 1521000) for n in range(3)}


@pytest.fixture(scope="module")
def property_db(tmp_path_factory, qgis_app):
    """A database with three square communities and one existing household (house 1 in T-0)."""
    path = tmp_path_factory.mktemp("prop") / "base.gpkg"

    def populate(connection, districts):
        rows = []
        for community_id, (x, y) in SQUARES.items():
            square = QgsGeometry.fromWkt(
                f"MultiPolygon((({x} {y}, {x + 200} {y}, {x + 200} {y + 200}, {x} {y + 200}, {x} {y})))"
            )
            rows.append((gpkg.encode_geometry(square, 32647), community_id, community_id, 1001, 50))
        gpkg.insert_rows(
            connection,
            "communities",
            ["geom", "community_id", "name", "district_code", "registered_households"],
            rows,
        )
        gpkg.insert_rows(
            connection,
            "households",
            ["geom", "household_id", "community_id", "house_no", "member_count", "row_version"],
            [(gpkg.encode_point(662100, 1521100, 32647), str(uuid.uuid4()), "T-0", "1", 1, 1)],
        )

    build_database(path, populate=populate)
    return path


@pytest.fixture(scope="module")
def inside_lonlat(property_db):
    to_wgs84 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32647"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance().transformContext(),
    )
    points = []
    for x, y in SQUARES.values():
        for dx, dy in ((50, 50), (150, 120), (100, 180)):
            p = to_wgs84.transform(QgsPointXY(x + dx, y + dy))
            points.append((round(p.x(), 7), round(p.y(), 7)))
    return points


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    print(f"\nhypothesis examples run: {RAN}")
    assert RAN["files"] >= FILE_EXAMPLES * 0.9 or RAN["files"] == 0
    assert RAN["tables"] >= TABLE_EXAMPLES * 0.9 or RAN["tables"] == 0


def content_hash(path) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(str(path)) as connection:
        for table in ("households", "members", "communities"):
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY fid"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def household_count(path) -> int:
    with sqlite3.connect(str(path)) as connection:
        return connection.execute("SELECT COUNT(*) FROM households").fetchone()[0]


nasty_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "NaN", "nan", "inf", "-1", "1e999", "9" * 40, "๑๒", "๙๙๙", "1,000", "null", "\u0e00"]),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=40), max_size=4),  # control characters
    st.just("x" * 400),
)


def cell(valid):
    """(strategy of a valid value, strategy of a valid-or-broken value)."""
    return valid, st.one_of(valid, nasty_text)


@st.composite
def survey_files(draw, lonlats):
    """(bytes of a CSV file, encoding choice index, skip_invalid)."""
    columns = {
        "house_no": cell(st.sampled_from(["1", "2", "3/1", "๔", "10A", "1 "])),
        "community_id": cell(st.sampled_from(["T-0", "T-1", "T-2", "", "T-9"])),
        "building_type": cell(
            st.sampled_from([c.key for c in BUILDING_TYPE.codes] + [c.label_th for c in BUILDING_TYPE.codes])
        ),
        "residence_years": cell(st.integers(-5, 200).map(str)),
        "member_count": cell(st.integers(-1, 60).map(str)),
        "longitude": cell(st.one_of(st.sampled_from([str(p[0]) for p in lonlats]), st.floats().map(str))),
        "latitude": cell(st.one_of(st.sampled_from([str(p[1]) for p in lonlats]), st.floats().map(str))),
        "household_id": cell(st.sampled_from([str(uuid.UUID(int=n)) for n in range(4)])),
        "member1_age": cell(st.integers(-3, 150).map(str)),
        "member1_education": cell(st.sampled_from([c.label_en for c in EDUCATION.codes])),
        "member2_bedridden": cell(st.sampled_from(["yes", "no", "ใช่", "1", "maybe"])),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(columns)), min_size=0, max_size=len(columns), unique=True))
    if draw(st.integers(0, 3)):  # mostly the columns a usable file has, so that valid rows occur
        chosen = ["house_no", "longitude", "latitude"] + [
            c for c in chosen if c not in ("house_no", "longitude", "latitude")
        ]
    if draw(st.booleans()) and chosen:
        chosen.append(draw(st.sampled_from(chosen)))  # a duplicate header
    header = ["note", *chosen]
    rows = []
    for number in range(draw(st.integers(1, 6))):
        # Keeping a key pinned often makes rows duplicates of each other (or of the database's house 1).
        clean = draw(st.booleans())  # a clean row has only valid cells; the others may have any
        rows.append([f"r{number}"] + [draw(columns[name][0 if clean else 1]) for name in chosen])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows([header, *rows])
    text = buffer.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp874"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 4)) == 0:  # broken bytes spliced in after the header line
        cut = min(data.index(b"\n") + 1 + draw(st.integers(0, 20)), len(data) - 1)  # inside a data row
        # Bytes that end lines or quote cells would change the rows themselves; any other byte may come.
        junk = draw(st.binary(min_size=1, max_size=6).filter(lambda b: not set(b) & set(b'\r\n",;\t')))
        data = data[:cut] + junk + data[cut:]
    return data, draw(st.integers(0, 2)), draw(st.booleans()), len(rows)


def test_random_survey_files_never_crash_or_half_write(run_algorithm, property_db, inside_lonlat, tmp_path_factory):
    work = tmp_path_factory.mktemp("files")

    @settings(
        max_examples=FILE_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(example=survey_files(inside_lonlat))
    def check(example):
        data, encoding, skip_invalid, row_count = example
        RAN["files"] += 1
        database = work / "db.gpkg"
        shutil.copy(property_db, database)
        source = work / "survey.csv"
        source.write_bytes(data)
        report = work / "report.csv"
        report.unlink(missing_ok=True)
        before, count_before = content_hash(database), household_count(database)
        params = {
            "INPUT": str(source),
            "DATABASE": str(database),
            "ENCODING": encoding,
            "SKIP_INVALID": skip_invalid,
            "REPORT": str(report),
        }
        try:
            result = run_algorithm("importhouseholds", params)
        except QgsProcessingException as error:
            RAN["file_failures"] += 1
            assert "Traceback" not in str(error), str(error)
            assert content_hash(database) == before
            if report.exists():
                with open(report, encoding="utf-8") as handle:
                    entries = list(csv.DictReader(handle))
                reported = {int(r["row"]) for r in entries}
                # Row 1 (the header) only for whole-file refusals, such as a duplicated header.
                assert {r["code"] for r in entries if r["row"] == "1"} <= HEADER_CODES
                assert reported <= {1} | set(range(2, row_count + 2))
            return
        with open(report, encoding="utf-8") as handle:
            reported_rows = {int(r["row"]) for r in csv.DictReader(handle)}
        RAN["file_rejected_rows"] += len(reported_rows)
        written = result["INSERTED"] + result["UPDATED"] + result["UNCHANGED"]
        # Every row is accounted for: written, or in the report (exactly once per row).
        assert written + len(reported_rows) == row_count
        assert result["REJECTED"] == len(reported_rows)
        assert reported_rows <= set(range(2, row_count + 2))
        assert household_count(database) == count_before + result["INSERTED"]
        if not skip_invalid:
            assert not reported_rows

    check()


raw_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=8),
    nasty_text,
    st.sampled_from(["T-0", "T-1", "1", "2", "primary", "Student", "ไม่มี", "yes"]),
)


@st.composite
def raw_tables(draw, lonlats):
    household_columns = [
        "house_no",
        "community_id",
        "residence_years",
        "member_count",
        "longitude",
        "latitude",
        "_index",
    ]
    member_columns = ["_parent_index", "age", "education", "occupation", "disability", "bedridden", "member_id"]
    households = SourceTable("households", household_columns)
    for number in range(draw(st.integers(1, 5))):
        values = {column: draw(raw_values) for column in household_columns}
        if draw(st.booleans()):
            values["longitude"], values["latitude"] = draw(st.sampled_from(lonlats))
        if draw(st.booleans()):  # a clean row, so that valid and broken rows meet in one import
            values.update(house_no=f"{number}/9", community_id=None, residence_years=3.0, member_count=None)
        if draw(st.booleans()):
            values["_index"] = number + 1
        households.rows.append(SourceRow(number + 2, values))
    members = SourceTable("members", member_columns)
    for number in range(draw(st.integers(0, 8))):
        values = {column: draw(raw_values) for column in member_columns}
        if draw(st.booleans()):
            values["_parent_index"] = draw(st.integers(0, 6))
        members.rows.append(SourceRow(number + 2, values))
    return households, members if members.rows or draw(st.booleans()) else None, draw(st.booleans())


def test_random_cell_values_are_checked_not_crashed(property_db, inside_lonlat, tmp_path_factory):
    from kr8310_plugin.core.storage.datasource import open_layer

    communities = CommunityIndex.from_layer(open_layer(str(property_db), "communities"))
    work = tmp_path_factory.mktemp("tables")

    @settings(
        max_examples=TABLE_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(example=raw_tables(inside_lonlat))
    def check(example):
        households, members, skip_invalid = example
        RAN["tables"] += 1
        database = work / "db.gpkg"
        shutil.copy(property_db, database)
        before = content_hash(database)
        try:
            drafts = prepare_import(households, communities, members)
        except ImportRefusedError:
            return  # a whole-table problem (members that cannot be linked), told to the user
        for draft in drafts:
            assert draft.ok or draft.problems
        try:
            result = write_gpkg(database, drafts, skip_invalid=skip_invalid)
        except ImportRefusedError as error:
            assert error.rejections
            assert content_hash(database) == before
            return
        rejected = {(r.table, r.row) for r in result.rejections}
        RAN["table_rejected_rows"] += len(rejected)
        household_rows = {row.number for row in households.rows}
        accepted = result.inserted + result.updated + result.unchanged
        assert accepted + len({row for table, row in rejected if table == "households"}) == len(household_rows)
        member_rows = {("members", row.number) for row in (members.rows if members else [])}
        # Members are either written with an accepted household or reported.
        assert result.members_written + len(rejected & member_rows) <= len(member_rows)
        if not skip_invalid:
            assert not rejected

    check()

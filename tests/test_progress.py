"""Progress over time: dated snapshots (never rewritten, no personal field), the pace towards the
target, and the progress report equal to a computation straight from the snapshot rows."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from contextlib import closing

import openpyxl
import pytest
from qgis.core import QgsProcessingProvider, QgsVectorLayer

from kr8310_plugin.core.coverage.engine import compute_coverage
from kr8310_plugin.core.exports.reports import rounded_percent
from kr8310_plugin.core.progress import pace, tables
from kr8310_plugin.core.progress.report import PROGRESS_COLUMNS, TITLE_TH, progress_report
from kr8310_plugin.core.progress.snapshots import (
    SnapshotError,
    districts_by_pace,
    kr_series,
    read_snapshots,
    record_snapshot,
    snapshot_dates,
)
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.core.storage.datasource import open_layer
from kr8310_plugin.definitions.schema import PERSONAL_FIELDS

D1, D2, D3 = dt.date(2025, 1, 10), dt.date(2025, 2, 10), dt.date(2025, 3, 12)
ADDED = 5


def _dump(path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(path)) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY fid").fetchall()
            for table in tables.SNAPSHOT_TABLES
        }


def _complete_counts(path) -> dict[str, int]:
    result = compute_coverage(
        open_layer(str(path), "communities"), open_layer(str(path), "households"), open_layer(str(path), "members")
    )
    return {cid: c.households_complete for cid, c in result.communities.items()}


def _community_with_room(path) -> tuple[str, int]:
    """An S or M community with at least ADDED complete households (to copy) and ADDED registered
    households not yet complete."""
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT community_id, registered_households, households_complete FROM communities "
            "WHERE size_class IN ('S', 'M') ORDER BY community_id"
        ).fetchall()
    complete = _complete_counts(path)
    for community_id, registered, _stored in rows:
        if registered - complete[community_id] >= ADDED and complete[community_id] >= ADDED:
            return community_id, registered
    raise AssertionError("no community with room in the demo")


def add_complete_households(path, community_id: str, count: int, tag: str) -> None:
    """Copy `count` complete households of `community_id` (and their members) as new households."""
    before = _complete_counts(path)[community_id]
    connection = gpkg.connect(path)  # the R-tree triggers need GDAL's ST_* functions
    with closing(connection):
        household_columns = [r[1] for r in connection.execute("PRAGMA table_info(households)") if r[1] != "fid"]
        member_columns = [r[1] for r in connection.execute("PRAGMA table_info(members)") if r[1] != "fid"]
        candidates = connection.execute(
            "SELECT household_id FROM households h WHERE community_id = ? AND geom IS NOT NULL "
            "AND house_no IS NOT NULL AND building_type IS NOT NULL AND residence_years IS NOT NULL "
            "AND member_count >= 1 "
            "AND member_count = (SELECT COUNT(*) FROM members m WHERE m.household_id = h.household_id "
            "AND age IS NOT NULL AND education IS NOT NULL AND occupation IS NOT NULL AND disability IS NOT NULL "
            "AND bedridden IS NOT NULL) "
            "AND member_count = (SELECT COUNT(*) FROM members m WHERE m.household_id = h.household_id) "
            "ORDER BY household_id",
            (community_id,),
        ).fetchall()
        with connection:
            for index, (household_id,) in enumerate(candidates[:count]):
                new_id = f"{tag}-{index}"
                row = dict(
                    zip(
                        household_columns,
                        connection.execute(
                            f"SELECT {', '.join(household_columns)} FROM households WHERE household_id = ?",
                            (household_id,),
                        ).fetchone(),
                        strict=True,
                    )
                )
                row.update(household_id=new_id, house_no=f"{row['house_no']}-{tag}")
                connection.execute(
                    f"INSERT INTO households ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                    list(row.values()),
                )
                members = connection.execute(
                    f"SELECT {', '.join(member_columns)} FROM members WHERE household_id = ?", (household_id,)
                ).fetchall()
                for number, member in enumerate(members):
                    values = dict(zip(member_columns, member, strict=True))
                    values.update(member_id=f"{new_id}-m{number}", household_id=new_id)
                    connection.execute(
                        f"INSERT INTO members ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})",
                        list(values.values()),
                    )
    assert _complete_counts(path)[community_id] == before + count  # the copies are complete


def test_two_snapshots_with_different_data_give_the_changes(demo_copy):
    database = str(demo_copy)
    community_id, registered = _community_with_room(demo_copy)
    first = record_snapshot(database, D1)
    add_complete_households(demo_copy, community_id, ADDED, "t2")
    second = record_snapshot(database, D2)
    assert (first.communities, first.rule_version) == (second.communities, 2)
    assert snapshot_dates(database) == [D1, D2]

    rows = read_snapshots(database).communities
    by_date = {day: {r.community_id: r for r in rows if r.snapshot_date == day} for day in (D1, D2)}
    for cid, old in by_date[D1].items():
        new = by_date[D2][cid]
        grown = ADDED if cid == community_id else 0
        assert new.households_complete - old.households_complete == grown, cid
        assert new.households_entered - old.households_entered == grown, cid
        assert new.registered_households == old.registered_households
    changed = by_date[D2][community_id]
    assert changed.coverage_pct == pytest.approx(100 * changed.households_complete / registered)

    kr = {(r.snapshot_date, r.level, r.key): r for r in read_snapshots(database, communities=False).kr}
    city_before, city_after = kr[(D1, "city", "BKK")], kr[(D2, "city", "BKK")]
    assert city_after.complete - city_before.complete == ADDED  # the community stays within its register
    assert city_after.kr_pct - city_before.kr_pct == pytest.approx(100 * ADDED / city_before.registered)
    district = by_date[D1][community_id].district_code
    assert kr[(D2, "district", str(district))].complete - kr[(D1, "district", str(district))].complete == ADDED
    assert kr[(D2, "district", "1002")].registered == 0 and kr[(D2, "district", "1002")].kr_pct is None

    series = kr_series(database, "city", "BKK")
    assert series == [(D1, city_before.kr_pct), (D2, city_after.kr_pct)]
    assert pace.current_pace(series) == pytest.approx((city_after.kr_pct - city_before.kr_pct) * 30 / 31)
    year_end = dt.date(2025, 9, 30)
    assert pace.pace_needed(series, year_end) == pytest.approx((100 - city_after.kr_pct) * 30 / (year_end - D2).days)
    ranked = districts_by_pace(database)
    assert ranked[0].key == str(district) and ranked[0].gap == pytest.approx(
        pace.current_pace(series) - pace.pace_needed(series, year_end)
    )
    assert all(row.gap is None for row in ranked[1:])  # no data in the other districts


def test_a_recorded_date_is_refused_and_changes_nothing(demo_copy):
    database = str(demo_copy)
    record_snapshot(database, D2)
    before = _dump(demo_copy)
    with pytest.raises(SnapshotError, match="2025-02-10.*never rewritten"):
        record_snapshot(database, D2)
    with pytest.raises(SnapshotError, match="before the latest snapshot"):
        record_snapshot(database, D1)
    with pytest.raises(SnapshotError, match="in the future"):
        record_snapshot(database, dt.date.today() + dt.timedelta(days=1))
    assert _dump(demo_copy) == before
    with closing(sqlite3.connect(demo_copy)) as connection, pytest.raises(sqlite3.DatabaseError, match="never"):
        connection.execute("UPDATE kr_snapshots SET kr_pct = 100")
    record_snapshot(database)  # today
    with pytest.raises(SnapshotError, match="already recorded today"):
        record_snapshot(database, dt.date.today())


def test_snapshot_tables_are_geopackage_attributes_without_personal_fields(demo_copy):
    database = str(demo_copy)
    record_snapshot(database, D1)
    with closing(sqlite3.connect(demo_copy)) as connection:
        contents = dict(
            connection.execute(
                "SELECT table_name, data_type FROM gpkg_contents WHERE table_name IN (?, ?)", tables.SNAPSHOT_TABLES
            ).fetchall()
        )
        assert contents == {name: "attributes" for name in tables.SNAPSHOT_TABLES}
        personal_values = {
            str(value)
            for (value,) in connection.execute(
                "SELECT house_no FROM households UNION SELECT household_id FROM households "
                "UNION SELECT member_id FROM members"
            )
            if value is not None
        }
        for table in tables.SNAPSHOT_TABLES:
            columns = {r[1] for r in connection.execute(f"PRAGMA table_info({table})")}
            assert not columns & PERSONAL_FIELDS, table
            cells = {str(v) for row in connection.execute(f"SELECT * FROM {table}") for v in row}
            assert not cells & personal_values, table
    for table in tables.SNAPSHOT_TABLES:
        layer = QgsVectorLayer(f"{demo_copy}|layername={table}", table, "ogr")
        assert layer.isValid() and layer.featureCount() > 0


@pytest.fixture(scope="module")
def three_snapshots(small_demo_gpkg, tmp_path_factory):
    """The demo with snapshots on D1, D2 and D3, complete households added before D2 and D3."""
    path = tmp_path_factory.mktemp("progress") / "progress.gpkg"
    shutil.copy(small_demo_gpkg, path)
    community_id, _registered = _community_with_room(path)
    record_snapshot(str(path), D1)
    add_complete_households(path, community_id, 2, "d2")
    record_snapshot(str(path), D2)
    add_complete_households(path, community_id, 3, "d3")
    record_snapshot(str(path), D3)
    return path


def expected_report(path, date_from: dt.date, date_to: dt.date) -> dict[str, list[list]]:
    """The report's rows per level, computed from kr_snapshots with SQL alone."""
    with closing(sqlite3.connect(path)) as connection:
        (end,) = connection.execute(
            "SELECT MAX(snapshot_date) FROM kr_snapshots WHERE snapshot_date BETWEEN ? AND ?",
            (date_from.isoformat(), date_to.isoformat()),
        ).fetchone()
        (previous,) = connection.execute(
            "SELECT MAX(snapshot_date) FROM kr_snapshots WHERE snapshot_date < ?", (date_from.isoformat(),)
        ).fetchone()
        rows = connection.execute(
            "SELECT e.level, e.key, e.name_th, e.name_en, e.registered, e.complete, e.kr_pct, p.kr_pct, "
            "e.target_households FROM kr_snapshots e LEFT JOIN kr_snapshots p "
            "ON p.snapshot_date = ? AND p.level = e.level AND p.key = e.key "
            "WHERE e.snapshot_date = ? ORDER BY e.fid",
            (previous, end),
        ).fetchall()
    levels: dict[str, list[list]] = {}
    for level, key, name_th, name_en, registered, complete, kr, previous_kr, target in rows:
        change = None if kr is None or previous_kr is None else kr - previous_kr
        levels.setdefault(level, []).append(
            [
                key,
                name_th,
                name_en,
                registered,
                complete,
                rounded_percent(kr),
                rounded_percent(previous_kr),
                rounded_percent(change),
                target,
                None if target is None else registered - target,
            ]
        )
    return levels


def test_the_xlsx_report_equals_a_computation_from_the_snapshots(three_snapshots, tmp_path):
    output = tmp_path / "progress.xlsx"
    result = progress_report(str(three_snapshots), dt.date(2025, 2, 1), dt.date(2025, 3, 31), output)
    assert (result.report_date, result.previous_date) == (D3, D1)
    expected = expected_report(three_snapshots, dt.date(2025, 2, 1), dt.date(2025, 3, 31))
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == ["รายงาน report", "กรุงเทพฯ city", "กลุ่มเขต district groups", "เขต districts"]
    for sheet, level in (
        ("กรุงเทพฯ city", "city"),
        ("กลุ่มเขต district groups", "district_group"),
        ("เขต districts", "district"),
    ):
        values = list(book[sheet].iter_rows(values_only=True))
        assert list(values[0]) == [c.header for c in PROGRESS_COLUMNS]
        assert [list(row) for row in values[1:]] == expected[level], sheet
    city = expected["city"][0]
    assert city[7] == rounded_percent(100 * 5 / city[3])  # five households completed since D1
    about = dict(list(book["รายงาน report"].iter_rows(values_only=True))[1:])
    assert about["ข้อมูล ณ วันที่ (Snapshot of the reporting date)"] == "2025-03-12"
    assert about["รายงานครั้งก่อน (Previous snapshot)"] == "2025-01-10"
    assert about["ปีงบประมาณ พ.ศ. (Fiscal year, B.E.)"] == "2568"
    headers = " ".join(c.header for c in PROGRESS_COLUMNS)
    assert not [name for name in PERSONAL_FIELDS if re.search(rf"\b{name}\b", headers)]

    # A period whose only snapshot is its first day: the change is since the one before it (D2).
    again = progress_report(str(three_snapshots), D3, D3, tmp_path / "d3.xlsx")
    assert again.previous_date == D2
    assert [
        list(r)
        for r in list(openpyxl.load_workbook(tmp_path / "d3.xlsx")["กรุงเทพฯ city"].iter_rows(values_only=True))[1:]
    ] == expected_report(three_snapshots, D3, D3)["city"]


def test_a_period_without_snapshots_is_refused(three_snapshots, tmp_path):
    from kr8310_plugin.core.exports.reports import ReportExportError

    with pytest.raises(ReportExportError, match="no snapshot"):
        progress_report(str(three_snapshots), dt.date(2025, 4, 1), dt.date(2025, 4, 30), tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_report_has_the_thai_title_and_the_figures(three_snapshots, tmp_path):
    from test_exports import pdf_text

    output = tmp_path / "progress.pdf"
    result = progress_report(str(three_snapshots), dt.date(2025, 2, 1), dt.date(2025, 3, 31), output)
    text = pdf_text(output)
    assert TITLE_TH in text and "KR 8310 progress report" in text
    assert "12 มีนาคม พ.ศ. 2568" in text and "10 มกราคม พ.ศ. 2568" in text
    city = expected_report(three_snapshots, dt.date(2025, 2, 1), dt.date(2025, 3, 31))["city"][0]
    assert f"{city[5]:.1f} %" in text and f"+{city[7]:.1f}" in text
    assert "พระนคร / Phra Nakhon" in text
    assert result.pages >= 2  # 57 rows: the table runs on
    with closing(sqlite3.connect(three_snapshots)) as connection:
        house_numbers = {r[0] for r in connection.execute("SELECT house_no FROM households LIMIT 200")}
    assert not any(f" {number} " in f" {text} " for number in house_numbers)


def test_fiscal_year_and_pace():
    assert pace.fiscal_year_end(dt.date(2024, 10, 1)) == dt.date(2025, 9, 30)
    assert pace.fiscal_year_end(dt.date(2025, 9, 30)) == dt.date(2025, 9, 30)
    assert pace.fiscal_year_be(dt.date(2025, 3, 1)) == 2568
    assert pace.fiscal_year_dates(2568) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    series = [(dt.date(2025, 1, 1), 40.0), (dt.date(2025, 1, 31), 46.0), (dt.date(2025, 2, 15), None)]
    assert pace.current_pace(series) == pytest.approx(6.0)
    assert pace.current_pace(series[:1]) is None
    assert pace.pace_needed(series, dt.date(2025, 3, 2)) == pytest.approx(54.0)
    assert pace.pace_needed([(dt.date(2025, 1, 1), 100.0)], dt.date(2025, 9, 30)) == 0.0
    assert pace.pace_needed(series, dt.date(2025, 1, 31)) is None
    table = pace.pace_table(
        {
            "a": [(dt.date(2025, 1, 1), 10.0), (dt.date(2025, 1, 31), 20.0)],  # 10 per 30 days
            "b": [(dt.date(2025, 1, 1), 10.0), (dt.date(2025, 1, 31), 11.0)],  # 1 per 30 days
            "c": [(dt.date(2025, 1, 31), 50.0)],
        },
        {"a": ("ก", "A")},
        dt.date(2025, 3, 2),
    )
    assert [row.key for row in table] == ["b", "a", "c"]
    assert table[0].gap == pytest.approx(1.0 - 89.0) and table[2].gap is None and table[1].name_en == "A"


class _ProgressProvider(QgsProcessingProvider):
    """The two algorithms under a test provider id (provider.py registers them for real)."""

    def id(self) -> str:
        return "kr8310progresstest"

    def name(self) -> str:
        return "progress test"

    def loadAlgorithms(self) -> None:  # noqa: N802 - QGIS API
        from kr8310_plugin.processing.algorithms.progress_report import ProgressReportAlgorithm
        from kr8310_plugin.processing.algorithms.snapshot import SnapshotAlgorithm

        self.addAlgorithm(SnapshotAlgorithm())
        self.addAlgorithm(ProgressReportAlgorithm())


@pytest.fixture()
def progress_provider(kr8310_provider):
    from qgis.core import QgsApplication

    provider = _ProgressProvider()
    assert QgsApplication.processingRegistry().addProvider(provider)
    yield provider
    QgsApplication.processingRegistry().removeProvider(provider)


def test_the_algorithms_record_and_report(progress_provider, demo_copy, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    result = processing.run("kr8310progresstest:snapshot", {"DATABASE": str(demo_copy), "DATE": "2025-01-10"})
    assert result["SNAPSHOT_DATE"] == "2025-01-10" and result["COMMUNITIES"] == 20
    with pytest.raises(QgsProcessingException, match="already recorded"):
        processing.run("kr8310progresstest:snapshot", {"DATABASE": str(demo_copy), "DATE": "2025-01-10"})
    with pytest.raises(QgsProcessingException, match="YYYY-MM-DD"):
        processing.run("kr8310progresstest:snapshot", {"DATABASE": str(demo_copy), "DATE": "10/01/2025"})
    output = tmp_path / "progress.pdf"
    report = processing.run(
        "kr8310progresstest:progressreport",
        {"DATABASE": str(demo_copy), "FROM": "2025-01-01", "TO": "2025-01-31", "OUTPUT": str(output)},
    )
    assert report["REPORT_DATE"] == "2025-01-10" and output.stat().st_size > 0
    assert report["CITY_KR_PCT"] == pytest.approx(result["CITY_KR_PCT"])
    with pytest.raises(QgsProcessingException, match=r"\.xlsx or \.pdf"):
        processing.run(
            "kr8310progresstest:progressreport",
            {"DATABASE": str(demo_copy), "FROM": "2025-01-01", "TO": "2025-01-31", "OUTPUT": str(tmp_path / "x.csv")},
        )

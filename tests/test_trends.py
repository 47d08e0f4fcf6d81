"""Progress over time in the dashboard: the trend and pace rows equal a computation straight from
the kr_snapshots rows, the chart draws one point per snapshot, the districts are ordered by their
pace gap, and the daily option records today's snapshot once."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from contextlib import closing

import pytest
from qgis.core import QgsProject, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtCore import QPoint
from qgis.PyQt.QtGui import QColor, QImage
from test_dashboard import wait_for
from test_progress import _community_with_room, add_complete_households

from kr8310_plugin.core.dashboard.model import districts_pace, progress_target_date, progress_trend
from kr8310_plugin.core.progress.snapshots import KrSnapshot, read_snapshots, record_snapshot, snapshot_dates
from kr8310_plugin.core.toolbelt import settings
from kr8310_plugin.gui.dashboard_dock import CITY, COL_NAME, ROW_ROLE, DashboardDock
from kr8310_plugin.gui.trend_chart import LINE_COLOUR, TrendChart

D1, D2 = dt.date(2025, 1, 10), dt.date(2025, 2, 10)
YEAR_END = dt.date(2025, 9, 30)  # fiscal year B.E. 2568
LAYERS = ("communities", "households", "members", "districts")


@pytest.fixture(scope="module")
def two_snapshots(small_demo_gpkg, tmp_path_factory):
    """The demo with snapshots on D1 and D2, five complete households added in between; read-only."""
    path = tmp_path_factory.mktemp("trends") / "trends.gpkg"
    shutil.copy(small_demo_gpkg, path)
    community_id, _registered = _community_with_room(path)
    record_snapshot(str(path), D1)
    add_complete_households(path, community_id, 5, "t2")
    record_snapshot(str(path), D2)
    return path


def sql_rows(path) -> list[tuple]:
    """(snapshot_date, level, key, kr_pct) of every kr_snapshots row, with SQL alone."""
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT snapshot_date, level, key, kr_pct FROM kr_snapshots ORDER BY fid").fetchall()


def expected_pace(path, level: str, key: str) -> tuple[list, float | None, float | None]:
    """(points, current pace, needed pace) of one roll-up, from the rows and the definitions:
    points per 30 days between the two snapshots, and from the last one to 100 % on 30 Sep 2025."""
    points = [(dt.date.fromisoformat(day), pct) for day, lv, k, pct in sql_rows(path) if (lv, k) == (level, key)]
    values = [(day, pct) for day, pct in points if pct is not None]
    if len(values) < 2:
        current = None
    else:
        (day1, pct1), (day2, pct2) = values[-2:]
        current = (pct2 - pct1) * 30 / (day2 - day1).days
    if not values:
        needed = None
    elif values[-1][1] >= 100:
        needed = 0.0
    else:
        needed = (100 - values[-1][1]) * 30 / (YEAR_END - values[-1][0]).days
    return points, current, needed


def expected_district_order(path) -> list[str]:
    """District codes by (current − needed pace), furthest behind first; without a gap last, by code."""
    keys = sorted({k for _day, level, k, _pct in sql_rows(path) if level == "district"})
    gaps = {}
    for key in keys:
        _points, current, needed = expected_pace(path, "district", key)
        gaps[key] = None if current is None or needed is None else current - needed
    return sorted(keys, key=lambda k: (gaps[k] is None, gaps[k] or 0.0, k))


def changed_district(path) -> str:
    """The district whose KR % changed between the two snapshots."""
    rows = sql_rows(path)
    before = {k: pct for day, level, k, pct in rows if level == "district" and day == D1.isoformat()}
    after = {k: pct for day, level, k, pct in rows if level == "district" and day == D2.isoformat()}
    (key,) = [k for k in after if after[k] is not None and after[k] != before[k]]
    return key


# --- the model ---------------------------------------------------------------------------


def test_trend_and_pace_rows_equal_a_computation_from_the_snapshot_rows(two_snapshots):
    rows = read_snapshots(str(two_snapshots), communities=False).kr
    assert progress_target_date(rows) == YEAR_END
    district = changed_district(two_snapshots)
    for level, key in (CITY, ("district", district), ("district_group", "central")):
        points, current, needed = expected_pace(two_snapshots, level, key)
        trend = progress_trend(rows, level, key)
        assert len(points) == 2, (level, key)
        assert trend.points == points
        assert trend.current_pace == pytest.approx(current)
        assert trend.needed_pace == pytest.approx(needed)
        assert trend.gap == pytest.approx(current - needed)
        assert trend.target_date == YEAR_END and trend.latest_pct == points[-1][1]
    assert progress_trend(rows, *CITY).current_pace > 0  # five households completed since D1

    table = districts_pace(rows)
    assert [row.key for row in table] == expected_district_order(two_snapshots)
    assert table[0].key == district and len(table) == 50
    _points, current, needed = expected_pace(two_snapshots, "district", district)
    assert table[0].gap == pytest.approx(current - needed)
    assert progress_trend([], *CITY).points == [] and districts_pace([]) == []


def _row(day: dt.date, key: str, pct: float | None) -> KrSnapshot:
    return KrSnapshot(day, "district", key, f"เขต {key}", f"District {key}", 1, 1, 100, 0, pct, 1, 1, 100, 1, "")


def test_districts_are_ordered_by_their_pace_gap():
    """Three districts moving at different paces: the one furthest behind the pace needed first."""
    day1, day2 = dt.date(2025, 3, 1), dt.date(2025, 3, 31)
    rows = [
        _row(day1, "1001", 10.0),
        _row(day2, "1001", 40.0),  # +30 per 30 days: ahead
        _row(day1, "1002", 50.0),
        _row(day2, "1002", 51.0),  # +1 per 30 days, half still to go
        _row(day1, "1003", 10.0),
        _row(day2, "1003", 12.0),  # +2 per 30 days, most to go: furthest behind
        _row(day2, "1004", None),  # no registered households: no gap
    ]
    needed = {key: (100 - pct) * 30 / (YEAR_END - day2).days for key, pct in (("1001", 40), ("1002", 51), ("1003", 12))}
    gaps = {"1001": 30 - needed["1001"], "1002": 1 - needed["1002"], "1003": 2 - needed["1003"]}
    table = districts_pace(rows)
    assert [row.key for row in table] == sorted(gaps, key=gaps.get) + ["1004"] == ["1003", "1002", "1001", "1004"]
    assert [row.gap for row in table[:3]] == pytest.approx([gaps[row.key] for row in table[:3]])


# --- the chart ---------------------------------------------------------------------------


def test_the_chart_paints_one_point_per_snapshot(two_snapshots, qgis_app):
    rows = read_snapshots(str(two_snapshots), communities=False).kr
    trend = progress_trend(rows, *CITY)
    chart = TrendChart()
    chart.resize(420, 260)
    chart.set_trend(trend.points, trend.target_date, dt.date(2024, 10, 1))
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    chart.render(image)
    assert chart.point_count() == len(snapshot_dates(str(two_snapshots))) == 2
    assert len(chart.plotted_points) == 2
    first, last = chart.plotted_points
    assert first.x() < last.x() and first.y() > last.y()  # later and higher: coverage grew
    centre = image.pixelColor(QPoint(round(last.x()), round(last.y())))
    assert abs(centre.red() - LINE_COLOUR.red()) + abs(centre.blue() - LINE_COLOUR.blue()) < 60

    empty = TrendChart()
    empty.resize(300, 200)
    empty.set_trend([], None)
    image = QImage(empty.size(), QImage.Format.Format_ARGB32)
    empty.render(image)
    assert empty.point_count() == 0 and empty.plotted_points == []


# --- the dock ----------------------------------------------------------------------------


@pytest.fixture()
def open_dock(qgis_iface):
    """open_dock(path): a dashboard dock on the database's four layers in the current project."""
    project = QgsProject.instance()
    docks = []

    def open_(path) -> DashboardDock:
        layers = [QgsVectorLayer(f"{path}|layername={name}", name, "ogr") for name in LAYERS]
        assert all(layer.isValid() for layer in layers)
        project.addMapLayers(layers)
        qgis_iface.mainWindow().show()
        dock = DashboardDock(qgis_iface)
        dock.show()
        docks.append(dock)
        dock.refresh()
        wait_for(lambda: dock.data is not None and dock.task is None and dock.snapshot_task is None)
        return dock

    yield open_
    for dock in docks:
        wait_for(lambda dock=dock: dock.snapshot_task is None)
        dock.teardown()
        dock.setParent(None)
        dock.deleteLater()
    project.removeAllMapLayers()


@pytest.fixture()
def daily_option():
    """set(on): the daily snapshot setting, removed afterwards."""
    yield settings.set_daily_snapshot
    QgsSettings().remove(settings.KEY_DAILY_SNAPSHOT)


def test_the_progress_tab_shows_the_trend_and_the_districts_by_pace(two_snapshots, open_dock):
    dock = open_dock(two_snapshots)
    city_points, current, needed = expected_pace(two_snapshots, *CITY)
    assert dock.trend.points == city_points and dock.trend_chart.point_count() == 2
    assert dock.trend.current_pace == pytest.approx(current) and dock.trend.needed_pace == pytest.approx(needed)
    assert dock.pace_keys() == expected_district_order(two_snapshots)
    words = dock.pace_label.text()
    assert "per 30 days" in words and ("Behind" in words or "On track" in words)

    district = changed_district(two_snapshots)
    proxy = dock.proxy
    for group_row in range(proxy.rowCount()):
        group = proxy.index(group_row, COL_NAME)
        for child_row in range(proxy.rowCount(group)):
            child = proxy.index(child_row, COL_NAME, group)
            if child.data(ROW_ROLE) == ("district", district):
                dock.tree.clicked.emit(child)
    assert dock.trend_key == ("district", district)
    points, current, _needed = expected_pace(two_snapshots, "district", district)
    assert dock.trend.points == points and dock.trend.current_pace == pytest.approx(current)
    dock.show_all()
    assert dock.trend_key == CITY and dock.trend.points == city_points
    dock.pace_table.cellClicked.emit(0, 0)  # the district furthest behind
    assert dock.trend_key == ("district", dock.pace_keys()[0])


def test_without_snapshots_the_tab_says_how_to_record_one(demo_copy, open_dock, kr8310_provider, monkeypatch):
    import processing

    dock = open_dock(demo_copy)
    assert dock.snapshot_rows == [] and dock.trend_chart.point_count() == 0
    assert "kr8310:snapshot" in dock.pace_label.text() and dock.record_button.isEnabled()
    opened = []

    def dialog(algorithm_id, parameters):  # the modal dialog cannot run in a test: do what it would
        opened.append((algorithm_id, parameters))
        record_snapshot(parameters["DATABASE"], D1)

    monkeypatch.setattr(processing, "execAlgorithmDialog", dialog)
    assert dock.record_progress() is True
    assert opened == [("kr8310:snapshot", {"DATABASE": str(demo_copy)})]
    assert dock.trend_chart.point_count() == 1
    assert "second snapshot" in dock.pace_label.text()


def test_the_daily_option_records_today_once(demo_copy, open_dock, daily_option):
    daily_option(False)
    dock = open_dock(demo_copy)
    assert snapshot_dates(str(demo_copy)) == []  # off by default: nothing recorded
    daily_option(True)
    dock.refresh()
    wait_for(lambda: dock.task is None and dock.snapshot_task is None and dock.snapshot_rows)
    today = dt.date.today()
    assert snapshot_dates(str(demo_copy)) == [today]
    assert dock.trend_chart.point_count() == 1
    with closing(sqlite3.connect(demo_copy)) as connection:
        before = connection.execute("SELECT COUNT(*), MAX(taken_at) FROM kr_snapshots").fetchone()

    dock.refresh()
    wait_for(lambda: dock.task is None)
    assert dock.snapshot_task is None  # not started again
    again = open_dock(demo_copy)  # another dock (QGIS restarted): today's snapshot is there already
    assert again.record_daily_snapshot() is None
    assert snapshot_dates(str(demo_copy)) == [today]
    with closing(sqlite3.connect(demo_copy)) as connection:
        assert connection.execute("SELECT COUNT(*), MAX(taken_at) FROM kr_snapshots").fetchone() == before


def test_the_daily_option_is_off_by_default_and_saved_by_the_options_page(qgis_app, daily_option):
    from kr8310_plugin.gui.options_page import Kr8310OptionsPage

    stored = QgsSettings()
    others = {
        key: stored.value(key) for key in (settings.KEY_MAP_FONT, settings.KEY_BUDDHIST_ERA, settings.KEY_THAI_DIGITS)
    }
    stored.remove(settings.KEY_DAILY_SNAPSHOT)
    try:
        assert settings.daily_snapshot() is False
        page = Kr8310OptionsPage(None, QgsProject())
        assert page.daily_snapshot.isChecked() is False
        page.daily_snapshot.setChecked(True)
        page.apply()  # stores the page's other settings too: put them back afterwards
        assert settings.daily_snapshot() is True
        assert Kr8310OptionsPage(None, QgsProject()).daily_snapshot.isChecked() is True
    finally:
        for key, value in others.items():
            if value is None:
                stored.remove(key)
            else:
                stored.setValue(key, value)

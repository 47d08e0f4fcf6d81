"""The KR 8310 dashboard dock, its data, the Options page and the date/number formats."""

from __future__ import annotations

import datetime
import time

import pytest
from qgis.core import QgsApplication, QgsProject, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from kr8310_plugin.core.coverage.engine import CompletenessRule, compute_coverage
from kr8310_plugin.core.coverage.kr_summary import districts_from_layer, kr_summary
from kr8310_plugin.core.dashboard.model import (
    LayerSource,
    build_dashboard,
    compute_dashboard,
    district_subset,
    find_survey_layers,
    row_matches,
)
from kr8310_plugin.core.exports.locale_format import format_date, format_int, format_pct, format_signed_int, format_year
from kr8310_plugin.core.toolbelt import settings
from kr8310_plugin.gui.dashboard_dock import (
    COL_COMPLETE,
    COL_DIFF,
    COL_KR,
    COL_M,
    COL_NAME,
    COL_REGISTERED,
    COL_S,
    DEFAULT_COLUMNS,
    DEFAULT_WIDTH,
    ROW_ROLE,
    DashboardDock,
)

LAYERS = ("communities", "households", "members", "districts")


def open_layers(path) -> dict[str, QgsVectorLayer]:
    layers = {name: QgsVectorLayer(f"{path}|layername={name}", name, "ogr") for name in LAYERS}
    assert all(layer.isValid() for layer in layers.values())
    return layers


def count(layer: QgsVectorLayer) -> int:
    """Features the layer shows (the OGR provider's featureCount() lags behind a new subset)."""
    return sum(1 for _ in layer.getFeatures())


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        QgsApplication.processEvents()
        time.sleep(0.01)


@pytest.fixture()
def project_layers(demo_copy, qgis_iface):
    """The demo database's four layers in the current project (removed afterwards)."""
    project = QgsProject.instance()
    layers = open_layers(demo_copy)
    project.addMapLayers(list(layers.values()))
    yield layers
    project.removeAllMapLayers()


@pytest.fixture()
def dock(qgis_iface, project_layers):
    from kr8310_plugin.gui import dashboard_dock

    QgsSettings().remove(dashboard_dock.KEY_COLUMNS)
    qgis_iface.mainWindow().show()  # the dock recomputes after edits only while it can be seen
    widget = DashboardDock(qgis_iface)
    widget.show()
    widget.refresh()  # now rather than after the debounce delay
    wait_for(lambda: widget.data is not None and widget.task is None)
    yield widget
    widget.teardown()
    widget.setParent(None)  # gone from the main window now, not at some later event loop turn
    widget.deleteLater()


def expected_rows(path):
    layers = open_layers(path)
    result = compute_coverage(layers["communities"], layers["households"], layers["members"])
    return kr_summary(result, districts_from_layer(layers["districts"]))


def tree_rows(widget: DashboardDock) -> list[tuple]:
    """(level, code, [cell texts]) of every visible row, groups then their districts."""
    rows = []
    proxy = widget.proxy
    for group_row in range(proxy.rowCount()):
        group = proxy.index(group_row, COL_NAME)
        rows.append((*group.data(ROW_ROLE), [proxy.index(group_row, c).data() for c in range(proxy.columnCount())]))
        for child_row in range(proxy.rowCount(group)):
            child = proxy.index(child_row, COL_NAME, group)
            cells = [proxy.index(child_row, c, group).data() for c in range(proxy.columnCount())]
            rows.append((*child.data(ROW_ROLE), cells))
    return rows


# --- formats ----------------------------------------------------------------------------


def test_dates_and_numbers_for_readers():
    day = datetime.date(2025, 11, 25)
    assert format_date(day) == "25 พฤศจิกายน 2025"
    assert format_date(day, buddhist_era=True) == "25 พฤศจิกายน พ.ศ. 2568"
    assert format_date(day, buddhist_era=True, thai_digits=True) == "๒๕ พฤศจิกายน พ.ศ. ๒๕๖๘"
    assert format_date(day, buddhist_era=True, language="en") == "25 November B.E. 2568"
    assert format_year(2025, True, True) == "พ.ศ. ๒๕๖๘"
    assert format_pct(87.456) == "87.5 %"
    assert format_pct(None) == "–"
    assert format_pct(100, thai_digits=True) == "๑๐๐.๐ %"
    assert format_int(1234567) == "1,234,567"
    assert format_signed_int(-3) == "−3" and format_signed_int(12) == "+12" and format_signed_int(0) == "0"


def test_locale_settings_default_to_buddhist_era_and_arabic_digits(qgis_app):
    stored = QgsSettings()
    for key in (settings.KEY_BUDDHIST_ERA, settings.KEY_THAI_DIGITS):
        stored.remove(key)
    assert settings.buddhist_era() is True
    assert settings.thai_digits() is False


# --- the data ---------------------------------------------------------------------------


def test_dashboard_data_is_kr_summary_as_a_tree(small_demo_gpkg, qgis_app):
    layers = open_layers(small_demo_gpkg)
    result = compute_coverage(layers["communities"], layers["households"], layers["members"])
    districts = districts_from_layer(layers["districts"])
    data = build_dashboard(result, districts)
    assert data.rows == kr_summary(result, districts)
    assert [g.row for g in data.groups] == [r for r in data.rows if r.level == "district_group"]
    tree_districts = [d for g in data.groups for d in g.districts]
    assert tree_districts == [r for r in data.rows if r.level == "district"]
    assert len(tree_districts) == 50
    phra_nakhon = next(d for d in tree_districts if d.code == "1001")
    assert phra_nakhon.registered_households > 0 and phra_nakhon.kr_pct is not None
    assert data.city.kr_pct == phra_nakhon.kr_pct  # the demo has one district


def test_compute_dashboard_from_sources_counts_issues_and_cancels(small_demo_gpkg, kr8310_provider):
    layers = open_layers(small_demo_gpkg)
    sources = {name: LayerSource.of(layer, name) for name, layer in layers.items()}
    seen = []
    data, result = compute_dashboard(sources, progress=seen.append)
    assert seen[-1] == 100 and seen == sorted(seen)
    assert data.rows == expected_rows(small_demo_gpkg)
    assert data.issue_errors is not None and data.issue_count >= data.issue_errors  # kr8310:validate is installed
    from kr8310_plugin.core.dashboard.model import DashboardCancelledError

    with pytest.raises(DashboardCancelledError):
        compute_dashboard(sources, is_cancelled=lambda: True)


def test_layer_source_ignores_the_district_filter(small_demo_gpkg, qgis_app):
    layer = open_layers(small_demo_gpkg)["communities"]
    total = count(layer)
    assert layer.setSubsetString(district_subset(1001, "fid <= 3"))
    assert count(layer) == 3
    assert count(LayerSource.of(layer, "communities").open()) == total


def test_filter_matches_code_and_names(small_demo_gpkg, qgis_app):
    layers = open_layers(small_demo_gpkg)
    result = compute_coverage(layers["communities"], layers["households"], layers["members"])
    rows = {r.code: r for r in kr_summary(result) if r.level == "district"}
    assert row_matches(rows["1001"], "phra nakhon") and row_matches(rows["1001"], "พระนคร")
    assert row_matches(rows["1001"], "1001") and not row_matches(rows["1001"], "Bang Rak")
    assert district_subset(1001, "\"size_class\" <> 'L'") == '("size_class" <> \'L\') AND "district_code" = 1001'


def test_database_of_a_geopackage_layer(small_demo_gpkg, qgis_app):
    from kr8310_plugin.core.dashboard.model import database_of

    assert database_of(open_layers(small_demo_gpkg)["communities"]) == str(small_demo_gpkg)


def test_survey_layers_found_by_table_when_renamed(small_demo_gpkg, qgis_app):
    project = QgsProject()
    layers = open_layers(small_demo_gpkg)
    layers["communities"].setName("ชุมชน")
    project.addMapLayers(list(layers.values()))
    found = find_survey_layers(project)
    assert {name: layer.id() for name, layer in found.items()} == {n: layers[n].id() for n in LAYERS}
    project.clear()


# --- the dock ---------------------------------------------------------------------------


def test_dock_tree_equals_kr_summary(dock, demo_copy):
    expected = expected_rows(demo_copy)
    shown = tree_rows(dock)
    wanted = [r for r in expected if r.level in ("district_group", "district")]
    by_key = {(r.level, r.code): r for r in wanted}
    assert sorted((level, code) for level, code, _ in shown) == sorted(by_key)  # every group and district once
    groups_in_sheet_order = [r.code for r in wanted if r.level == "district_group"]
    assert [code for level, code, _ in shown if level == "district_group"] == groups_in_sheet_order
    for level, code, cells in shown:
        row = by_key[(level, code)]
        assert [cells[c] for c in (COL_S, COL_M, COL_REGISTERED, COL_COMPLETE)] == [
            f"{v:,d}"
            for v in (row.s_communities, row.m_communities, row.registered_households, row.complete_households)
        ]
        assert cells[COL_KR] == ("–" if row.kr_pct is None else f"{row.kr_pct:.1f} %")
        assert cells[COL_DIFF] == format_signed_int(row.diff_households)
    city = expected[0]
    assert dock.city_bar.value() == round(min(city.kr_pct, 100) * 10)
    assert f"{city.kr_pct:.1f} %" in dock.city_label.text()
    assert "Data problems" in dock.issues_label.text()


def test_dock_sorts_and_filters(dock):
    dock.filter_edit.setText("Phra Nakhon")
    shown = tree_rows(dock)
    assert [code for level, code, _ in shown if level == "district"] == ["1001"]
    assert [level for level, _code, _ in shown].count("district_group") == 1
    dock.filter_edit.setText("no such district")
    assert dock.proxy.rowCount() == 0
    dock.filter_edit.clear()
    assert dock.proxy.rowCount() == 6
    dock.tree.sortByColumn(COL_KR, Qt.DescendingOrder)
    first_group = dock.proxy.index(0, COL_NAME)
    assert dock.proxy.index(0, COL_NAME, first_group).data(ROW_ROLE) == ("district", "1001")  # only one with data


def test_clicking_a_district_zooms_and_filters_communities(dock, project_layers, qgis_iface):
    communities = project_layers["communities"]
    total = count(communities)
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(communities.crs())
    dock.filter_edit.setText("1001")
    group = dock.proxy.index(0, COL_NAME)
    district = dock.proxy.index(0, COL_NAME, group)
    dock.tree.clicked.emit(district)
    assert communities.subsetString() == '"district_code" = 1001'
    assert count(communities) == total  # every demo community is in 1001
    assert dock.show_all_button.isEnabled()
    district_extent = next(project_layers["districts"].getFeatures('"district_code" = 1001')).geometry().boundingBox()
    shown = canvas.extent()
    assert shown.contains(district_extent.center())
    # the district fills the canvas along one axis (the other follows the canvas's shape)
    assert min(shown.width() / district_extent.width(), shown.height() / district_extent.height()) < 1.2

    dock.show_district(1002)  # a district without communities in the demo
    assert communities.subsetString() == '"district_code" = 1002'
    assert count(communities) == 0
    dock.show_all_button.click()
    assert communities.subsetString() == ""
    assert count(communities) == total


def test_district_filter_keeps_the_layers_own_subset(dock, project_layers):
    communities = project_layers["communities"]
    communities.setSubsetString('"registered_households" > 0')
    dock.show_district(1001)
    assert communities.subsetString() == '("registered_households" > 0) AND "district_code" = 1001'
    dock.clear_district_filter()
    assert communities.subsetString() == '"registered_households" > 0'


def test_saving_the_project_does_not_save_the_district_filter(dock, project_layers, tmp_path):
    communities = project_layers["communities"]
    communities.setSubsetString('"registered_households" > 0')
    dock.show_district(1001)
    project_file = tmp_path / "saved.qgs"
    assert QgsProject.instance().write(str(project_file))
    assert communities.subsetString() == '("registered_households" > 0) AND "district_code" = 1001'  # still shown
    reopened = QgsProject()
    assert reopened.read(str(project_file))
    saved = next(layer for layer in reopened.mapLayers().values() if layer.name() == "communities")
    assert saved.subsetString() == '"registered_households" > 0'
    reopened.clear()


def test_dock_updates_after_edits_are_saved(dock, project_layers, demo_copy):
    households = project_layers["households"]
    small_or_medium = {c["community_id"] for c in project_layers["communities"].getFeatures() if c["size_class"] != "L"}
    before = dock.data.city.households_entered
    deleted = [h.id() for h in households.getFeatures() if h["community_id"] in small_or_medium][:5]
    assert len(deleted) == 5
    assert households.startEditing()
    assert households.deleteFeatures(deleted)
    previous = dock.data
    assert households.commitChanges()
    wait_for(lambda: dock.data is not previous and not dock.data.stored and dock.task is None)
    assert dock.data.city.households_entered == before - 5
    assert dock.data.rows == expected_rows(demo_copy)
    # the data problems (a minute for a whole city) are recounted by Refresh, not after every save
    assert dock.data.issue_count == previous.issue_count is not None
    assert "checked at" in dock.issues_label.text()


def test_refresh_button_stores_coverage(dock, project_layers):
    communities = project_layers["communities"]
    communities.dataProvider().changeAttributeValues(
        {f.id(): {communities.fields().indexOf("coverage_pct"): None} for f in communities.getFeatures()}
    )
    dock.refresh_button.click()
    wait_for(lambda: dock.task is None and "updated" in dock.status_label.text())
    communities.reload()
    assert any(f["coverage_pct"] is not None for f in communities.getFeatures())


def test_export_report_opens_the_report_dialog_on_the_projects_database(dock, demo_copy):
    from kr8310_plugin.gui.export_dialog import ExportReportDialog

    assert dock.export_report() is True
    dialog = dock.report_dialog
    assert isinstance(dialog, ExportReportDialog) and dialog.isVisible()
    assert dialog.parameters()["DATABASE"] == str(demo_copy)
    dialog.reject()
    dialog.deleteLater()


# --- stored numbers first, checks later, one database ---------------------------------------


def test_dock_shows_the_stored_numbers_at_once_and_the_checks_as_pending(qgis_iface, project_layers, demo_copy):
    from kr8310_plugin.core.coverage.engine import refresh_database

    refresh_database(str(demo_copy))  # the stored numbers are the computed ones
    qgis_iface.mainWindow().show()
    widget = DashboardDock(qgis_iface)
    try:
        # Before any task ran or any event was processed: the stored numbers are on screen.
        assert widget.data is not None and widget.data.stored and widget.task is None
        assert widget.data.rows == expected_rows(demo_copy)
        assert "%" in widget.city_label.text() and widget.proxy.rowCount() == 6
        widget.refresh()
        assert "pending" in widget.issues_label.text()
        wait_for(lambda: widget.task is None and not widget.data.stored)
        assert widget.data.issue_count is not None and "pending" not in widget.issues_label.text()
        assert "checked at" in widget.issues_label.text()
    finally:
        widget.teardown()
        widget.setParent(None)
        widget.deleteLater()


def test_stored_dashboard_equals_the_computed_one(demo_copy, qgis_app):
    from kr8310_plugin.core.coverage.engine import refresh_database
    from kr8310_plugin.core.dashboard.model import stored_dashboard

    refresh_database(str(demo_copy))
    layers = open_layers(demo_copy)
    data = stored_dashboard({name: LayerSource.of(layer, name) for name, layer in layers.items()})
    assert data.stored and data.not_computed == 0 and data.unassigned_households is None
    assert data.rows == expected_rows(demo_copy)

    # From the project's own layers (what the dock does after a save): the same rows; a layer with
    # unsaved edits or a filter is not read, the saved table is.
    sources = {name: LayerSource.of(layer, name) for name, layer in layers.items()}
    assert stored_dashboard(sources, layers).rows == data.rows
    communities = layers["communities"]
    feature = next(communities.getFeatures())
    communities.startEditing()
    communities.changeAttributeValue(feature.id(), communities.fields().indexOf("households_complete"), 10**6)
    assert stored_dashboard(sources, layers).rows == data.rows
    communities.rollBack()
    communities.setSubsetString(f"fid <> {feature.id()}")
    assert stored_dashboard(sources, layers).rows == data.rows


def test_dashboard_counts_what_the_issues_panel_lists(dock, qgis_iface):
    from kr8310_plugin.gui.issues_dock import IssuesDock

    panel = IssuesDock(qgis_iface)
    try:
        dock.refresh(issues=True)
        wait_for(lambda: dock.task is None)
        assert dock.data.issue_count is not None and dock.data.issue_count > 0
        assert panel.showing_feed() and panel.layer() is not None
        assert len(panel.rows) == dock.data.issue_count
        assert sum(1 for row in panel.rows if row.severity == "error") == dock.data.issue_errors
        assert f"of {dock.data.issue_count} issues" in panel.count_label.text()
    finally:
        panel.teardown()
        panel.deleteLater()


def test_dashboard_is_of_the_current_database_only(dock, project_layers, qgis_iface, tmp_path, small_demo_gpkg):
    import shutil

    from kr8310_plugin.gui.issues_dock import issue_feed

    dock.refresh(issues=True)
    wait_for(lambda: dock.task is None and dock.data.issue_count is not None)
    first_city = dock.data.city
    QgsProject.instance().removeAllMapLayers()
    QgsApplication.processEvents()
    assert dock.data is None and dock.model.rowCount() == 0 and issue_feed().layer is None
    assert "Data problems" not in dock.issues_label.text()
    # Another database: a copy with half the households gone.
    other = tmp_path / "other.gpkg"
    shutil.copy(small_demo_gpkg, other)
    from kr8310_plugin.core.storage import gpkg

    connection = gpkg.connect(other)
    with connection:
        connection.execute(
            "DELETE FROM members WHERE household_id IN (SELECT household_id FROM households WHERE fid % 2 = 0)"
        )
        connection.execute("DELETE FROM households WHERE fid % 2 = 0")
    connection.close()
    from kr8310_plugin.core.coverage.engine import refresh_database

    refresh_database(str(other))
    QgsProject.instance().addMapLayers(list(open_layers(other).values()))
    assert dock.database == str(other) and dock.data is not None
    assert dock.data.issue_count is None  # not the other database's count
    assert dock.data.city.complete_households < first_city.complete_households
    wait_for(lambda: dock.task is None and dock.data.issue_count is not None)
    assert dock.data.rows == expected_rows(other)


# --- the columns and the KR bar ----------------------------------------------------------------


def test_default_width_shows_district_kr_and_difference(dock):
    assert dock.sizeHint().width() >= DEFAULT_WIDTH
    dock.resize(dock.sizeHint().width(), 700)
    dock.tree.expandAll()
    QgsApplication.processEvents()
    assert dock.shown_columns() == list(DEFAULT_COLUMNS)
    header = dock.tree.header()
    viewport = dock.tree.viewport().width()
    assert header.sectionViewportPosition(COL_DIFF) + header.sectionSize(COL_DIFF) <= viewport
    # The longest district label fits its column (indented under its group).
    metrics = dock.tree.fontMetrics()
    labels = [
        dock.proxy.index(r, COL_NAME, dock.proxy.index(g, COL_NAME)).data()
        for g in range(dock.proxy.rowCount())
        for r in range(dock.proxy.rowCount(dock.proxy.index(g, COL_NAME)))
    ]
    widest = max(metrics.horizontalAdvance(label) for label in labels)
    assert header.sectionSize(COL_NAME) >= widest + dock.tree.indentation()
    # More columns on demand, remembered.
    menu = dock.column_menu()
    registered = next(a for a in menu.actions() if a.text() == "Registered")
    registered.setChecked(True)
    assert "registered" in dock.shown_columns() and not dock.tree.isColumnHidden(COL_REGISTERED)
    from kr8310_plugin.gui import dashboard_dock

    assert "registered" in dashboard_dock.visible_columns()
    QgsSettings().remove(dashboard_dock.KEY_COLUMNS)


def test_kr_bar_lies_under_the_number_not_over_it(dock):
    from qgis.PyQt.QtGui import QColor

    from kr8310_plugin.gui.dashboard_dock import BAR_HEIGHT, PCT_ROLE, bar_colour

    dock.resize(dock.sizeHint().width(), 700)
    dock.tree.expandAll()
    dock.tree.clearSelection()
    QgsApplication.processEvents()
    group = dock.proxy.index(0, COL_NAME)
    index = dock.proxy.index(0, COL_KR, group)
    pct = index.data(PCT_ROLE)
    assert pct is not None and pct > 20
    rect = dock.tree.visualRect(index)
    image = dock.tree.viewport().grab().toImage()
    colour = bar_colour(pct)

    def is_bar(x, y) -> bool:
        pixel = QColor(image.pixel(x, y))
        return (
            max(abs(pixel.red() - colour.red()), abs(pixel.green() - colour.green()), abs(pixel.blue() - colour.blue()))
            < 8
        )

    strip = rect.bottom() - 1
    assert is_bar(rect.left() + 6, strip)  # the bar, in the map's colour of that KR %
    above = [
        is_bar(x, y) for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom() - BAR_HEIGHT)
    ]
    assert not any(above)  # nothing of it where the number is written


# --- the Options page -------------------------------------------------------------------


def test_options_page_saves_settings(qgis_app):
    from kr8310_plugin.gui.options_page import Kr8310OptionsFactory, Kr8310OptionsPage

    stored = QgsSettings()
    keys = (
        settings.KEY_MAP_FONT,
        settings.KEY_BUDDHIST_ERA,
        settings.KEY_THAI_DIGITS,
        settings.KEY_ORGANISATION_TH,
        settings.KEY_ORGANISATION_EN,
        settings.KEY_DEPARTMENT_TH,
        settings.KEY_DEPARTMENT_EN,
    )
    try:
        page = Kr8310OptionsFactory().createWidget(None)
        # The page header: empty fields show the defaults as placeholders and keep them.
        assert page.organisation_th.text() == "" and page.organisation_th.placeholderText() == "กรุงเทพมหานคร"
        assert page.department_en.placeholderText() == "City Planning Department"
        page.department_th.setText("สำนักงานเขตพระนคร")
        page.department_en.setText("Phra Nakhon District Office")
        assert isinstance(page, Kr8310OptionsPage)
        assert not hasattr(page, "crs_widget") and not hasattr(settings, "default_crs")
        page.buddhist_era.setChecked(False)
        page.thai_digits.setChecked(True)
        assert "๒" in page.date_example.text()
        page.apply()
        assert settings.buddhist_era() is False and settings.thai_digits() is True
        assert settings.department().th == "สำนักงานเขตพระนคร" and settings.department().en.startswith("Phra Nakhon")
        assert settings.organisation().en == "Bangkok Metropolitan Administration"
        assert settings.map_font() == page.font_combo.currentFont().family()
    finally:
        for key in keys:
            stored.remove(key)


def _uncheck(widget, name: str) -> None:
    for row in range(widget.count()):
        item = widget.item(row)
        if item.data(Qt.UserRole) == name:
            item.setCheckState(Qt.Unchecked)


def test_options_page_changes_the_rule_of_the_projects_database(demo_copy, qgis_app):
    from kr8310_plugin.core.storage import rule_store
    from kr8310_plugin.gui.options_page import Kr8310OptionsPage

    project = QgsProject()
    layers = open_layers(demo_copy)
    for layer in layers.values():
        project.addMapLayer(layer)
    try:
        page = Kr8310OptionsPage(None, project)
        assert page.database == str(demo_copy) and page.can_change_rule
        assert page.checked_fields(page.household_fields) == CompletenessRule().household_fields
        _uncheck(page.household_fields, "residence_years")
        _uncheck(page.member_fields, "occupation")
        before = compute_coverage(layers["communities"], layers["households"], layers["members"])
        page.apply()
        change = page.last_change
        assert change is not None, page.last_error
        rule = rule_store.read_rule(str(demo_copy))
        assert rule == change.new_rule and rule.version == CompletenessRule().version + 1
        assert "residence_years" not in rule.household_fields and "house_no" in rule.household_fields
        assert rule.member_fields == ("age", "education", "disability", "bedridden")
        after = compute_coverage(layers["communities"], layers["households"], layers["members"])
        assert after.households_complete_total == change.result.households_complete_total
        assert after.households_complete_total > before.households_complete_total
        page.apply()  # nothing changed: nothing stored
        assert rule_store.read_rule(str(demo_copy)).version == rule.version
        page.restore_defaults()
        page.apply()
        assert rule_store.read_rule(str(demo_copy)).household_fields == CompletenessRule().household_fields
    finally:
        project.clear()


def test_options_page_without_a_database_shows_the_default_rule_read_only(qgis_app):
    from kr8310_plugin.gui.options_page import Kr8310OptionsPage

    page = Kr8310OptionsPage(None, QgsProject())
    assert page.database is None and not page.can_change_rule
    assert not page.household_fields.isEnabled()
    assert page.apply_rule() is None


# --- in the plugin ------------------------------------------------------------------------


def test_plugin_adds_the_dock_and_its_action_and_removes_them(qgis_iface, qgis_processing):
    from qgis.PyQt.QtWidgets import QAction, QDockWidget

    import kr8310_plugin
    from kr8310_plugin.gui.dashboard_dock import DOCK_OBJECT_NAME

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("kr8310")
    if existing is not None:  # the session fixture's provider: the plugin adds its own
        registry.removeProvider(existing)
    main_window = qgis_iface.mainWindow()
    plugin = kr8310_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        dock = main_window.findChild(QDockWidget, DOCK_OBJECT_NAME)
        assert isinstance(dock, DashboardDock)
        action = plugin.menu.dashboard.action
        assert action in main_window.findChildren(QAction, "mKr8310Dashboard") and action.isCheckable()
        action.setChecked(False)
        action.trigger()  # checks it: the dock is shown
        assert action.isChecked() and dock.isUserVisible()
    finally:
        plugin.unload()
    QgsApplication.processEvents()
    assert main_window.findChild(QDockWidget, DOCK_OBJECT_NAME) is None


def test_dashboard_task_can_be_cancelled(small_demo_gpkg, qgis_app):
    from kr8310_plugin.core.dashboard.tasks import DashboardTask

    layers = open_layers(small_demo_gpkg)
    done = []
    task = DashboardTask({n: LayerSource.of(layer, n) for n, layer in layers.items()}, on_done=done.append)
    task.cancel()
    assert task.run() is False
    task.finished(False)
    assert done == [task] and task.cancelled and task.data is None and not task.error

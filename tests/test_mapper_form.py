"""The mapper's household form and map on real QGIS forms, relation editors and GeoPackages: the member
table inside the form, one list of problems at OK, Thai digits, one save for household and members,
the household list, and the map's drawing order."""

from __future__ import annotations

import sqlite3

import pytest
from household_forms import FormLayerTools, close_project, open_form, project_layers
from qgis.core import QgsFeatureRequest, QgsGeometry, QgsProject, QgsVectorLayerUtils
from qgis.gui import QgsDualView, QgsEditorWidgetWrapper, QgsRelationEditorWidget
from qgis.PyQt.QtCore import QEvent, Qt
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QToolButton

from kr8310_plugin.core.project import forms, styles
from kr8310_plugin.core.project.digitising import community_households, house_number_sort_key
from kr8310_plugin.core.project.setup import write_mapping_project
from kr8310_plugin.gui.household_form import (
    HouseholdFormController,
    ThaiDigitFilter,
    accept_thai_digits,
    household_problems,
)
from kr8310_plugin.gui.household_ui import save_household_edits

ANSWERS = {"house_no": "T-7/1", "building_type": "row_house", "residence_years": 5}
MEMBER = {"age": 40, "education": "primary", "occupation": "trade", "disability": "none", "bedridden": False}


@pytest.fixture()
def mapping(qgis_app, demo_copy, tmp_path):
    """The set-up demo project open in QGIS, households and members editable; rolled back after."""
    project = QgsProject.instance()
    assert project.read(str(write_mapping_project(str(demo_copy), tmp_path / "mapping.qgs")))
    layers = project_layers(project)
    for name in ("households", "members"):
        layers[name].startEditing()
    yield layers
    close_project(project, layers)


class Answers:
    """Stands for the mapper at the list shown at OK: records it and answers `save_anyway`."""

    def __init__(self, save_anyway: bool):
        self.save_anyway = save_anyway
        self.shown: list[list] = []

    def __call__(self, _parent, problems) -> bool:
        self.shown.append(problems)
        return self.save_anyway


def new_household_form(layers, community_id="1001-002", answers=None, save_anyway=True):
    households = layers["households"]
    community = next(layers["communities"].getFeatures(f"\"community_id\" = '{community_id}'"))
    feature = QgsVectorLayerUtils.createFeature(
        households,
        QgsGeometry.fromPointXY(community.geometry().pointOnSurface().asPoint()),
        {},
        households.createExpressionContext(),
    )
    tools = FormLayerTools()
    form = open_form(households, feature, tools)
    for name, value in (answers or {}).items():
        form.changeAttribute(name, value)
    controller = HouseholdFormController(form, layers["members"], ask=Answers(save_anyway))
    return form, controller, tools


def member_editor(form) -> QgsRelationEditorWidget:
    (editor,) = form.findChildren(QgsRelationEditorWidget)
    return editor


def add_member_row(form, **answers):
    """Press the member table's Add button; fill the new row as a mapper fills its cells."""
    editor = member_editor(form)
    members = editor.relation().referencingLayer()
    before = set(members.allFeatureIds())
    button = next(b for b in editor.findChildren(QToolButton) if b.objectName() == "mAddFeatureButton")
    assert button.isVisible() or button.isVisibleTo(editor)
    button.click()
    (fid,) = set(members.allFeatureIds()) - before
    for name, value in answers.items():
        members.changeAttributeValue(fid, members.fields().indexFromName(name), value)
    return fid


def test_households_are_drawn_above_the_communities_which_are_see_through(mapping):
    root = QgsProject.instance().layerTreeRoot()
    order = [layer.customProperty("kr8310/layer") for layer in root.layerOrder()]
    assert order.index("households") < order.index("communities") < order.index("districts")
    communities = mapping["communities"]
    assert communities.styleManager().currentStyle() == styles.STYLE_COVERAGE
    fills = [symbol.symbolLayer(0).color().alpha() for symbol in communities.renderer().symbols(_context())]
    assert fills and max(fills) <= styles.SEE_THROUGH_ALPHA


def _context():
    from qgis.core import QgsRenderContext

    return QgsRenderContext()


def test_the_household_form_holds_its_members_as_a_table_without_ids_or_dialogs(mapping):
    form, controller, tools = new_household_form(mapping, answers=ANSWERS)
    editor = member_editor(form)
    assert editor.viewMode() == QgsDualView.ViewMode.AttributeTable  # the plugin's table view
    shown = {wrapper.field().name() for wrapper in form.findChildren(QgsEditorWidgetWrapper)}
    assert "household_id" not in {
        w.field().name() for w in form.findChildren(QgsEditorWidgetWrapper) if w.widget().isVisibleTo(form)
    }
    assert "house_no" in shown
    columns = [c.name for c in mapping["members"].attributeTableConfig().columns() if not c.hidden]
    assert columns == list(forms.MEMBER_TABLE_COLUMNS)  # no member or household id in the table
    first = add_member_row(form, **MEMBER)
    add_member_row(form, **{**MEMBER, "age": 9})
    assert tools.forms_opened == 0  # rows are added in place, no member dialog over the household form
    members = mapping["members"]
    household_id = form.currentFormFeature()["household_id"]
    assert members.getFeature(first)["household_id"] == household_id
    assert form.currentFormFeature()["member_count"] == 2  # the count follows the table
    assert controller.confirm_and_save()
    assert controller.ask.shown == []  # nothing wrong: saved without a question
    saved = next(mapping["households"].getFeatures(f"\"household_id\" = '{household_id}'"))
    assert saved["member_count"] == 2 and saved["house_no"] == "T-7/1"


def test_ok_lists_every_problem_on_its_own_field_and_keeps_the_form(mapping):
    households = mapping["households"]
    before = households.featureCount()
    form, controller, _tools = new_household_form(mapping, answers={"house_no": "T-7/2"}, save_anyway=True)
    assert controller.ok_button is not None and controller.ok_button.isEnabled()
    assert not controller.confirm_and_save()  # building type and years missing: hard, the form stays
    (problems,) = controller.ask.shown
    by_field = {problem.field: problem for problem in problems}
    assert by_field["building_type"].hard and by_field["building_type"].message == forms.rule(
        "households", "building_type"
    ).text("en")
    assert by_field["residence_years"].hard
    assert "household_id" not in by_field
    assert households.featureCount() == before


def test_a_member_count_mismatch_is_asked_at_ok_and_saves_only_when_confirmed(mapping):
    households = mapping["households"]
    before = households.featureCount()
    answers = {**ANSWERS, "house_no": "T-7/3", "member_count": 3}
    form, controller, _tools = new_household_form(mapping, answers=answers, save_anyway=False)
    add_member_row(form, age=30)  # education, occupation, disability left empty
    form.changeAttribute("member_count", 3)  # the mapper insists on 3
    assert not controller.confirm_and_save()
    (problems,) = controller.ask.shown
    assert all(not problem.hard for problem in problems)
    fields = [(problem.field, problem.member_row) for problem in problems]
    assert ("member_count", None) in fields  # the mismatch on the member count, not on an id
    assert ("education", 1) in fields and ("occupation", 1) in fields  # each on its own answer, row named
    assert households.featureCount() == before
    controller.ask.save_anyway = True
    assert controller.confirm_and_save()
    assert households.featureCount() == before + 1


def test_house_numbers_are_duplicates_after_the_database_normalisation(mapping):
    households = mapping["households"]
    existing = next(households.getFeatures("\"community_id\" = '1001-001'"))
    thai = existing["house_no"].translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert thai != existing["house_no"]
    for typed in (f"  {existing['house_no']} ", thai):  # blanks around it; Thai digits
        form, _controller, _tools = new_household_form(
            mapping, "1001-001", {**ANSWERS, "house_no": typed, "member_count": 1}
        )
        problems = household_problems(households, mapping["members"], form.currentFormFeature(), "en")
        assert [p.field for p in problems if p.hard] == ["house_no"], typed
    # stored in Thai digits, typed in ASCII: the stored number is keyed too
    stored, _controller, _tools = new_household_form(
        mapping, "1001-001", {**ANSWERS, "house_no": "๒๑๐/๗", "member_count": 1}
    )
    assert households.addFeature(stored.currentFormFeature())
    for typed, duplicate in (("210/7", True), ("210/8", False)):
        form, _controller, _tools = new_household_form(
            mapping, "1001-001", {**ANSWERS, "house_no": typed, "member_count": 1}
        )
        problems = household_problems(households, mapping["members"], form.currentFormFeature(), "en")
        assert ("house_no" in [p.field for p in problems if p.hard]) == duplicate, typed


def test_thai_digits_typed_into_number_fields_are_taken(mapping):
    form, _controller, _tools = new_household_form(mapping, answers=ANSWERS)
    wrapper = next(w for w in form.findChildren(QgsEditorWidgetWrapper) if w.field().name() == "residence_years")
    spin_box = wrapper.widget().findChild(QAbstractSpinBox) or wrapper.widget()
    digit_filter = ThaiDigitFilter()
    accept_thai_digits(spin_box, digit_filter)
    line_edit = spin_box.findChild(QLineEdit)
    line_edit.selectAll()
    for character in "๓๔":  # as a Thai keyboard delivers them (QTest types ASCII only)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(line_edit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))
    assert spin_box.value() == 34


def test_one_action_saves_the_household_with_its_members(mapping, demo_copy):
    form, controller, _tools = new_household_form(mapping, answers={**ANSWERS, "house_no": "T-7/4"})
    add_member_row(form, **MEMBER)
    assert controller.confirm_and_save()
    household_id = form.currentFormFeature()["household_id"]
    QgsProject.instance().layerTreeRoot()  # whichever layer is active: the action does not ask
    assert save_household_edits(QgsProject.instance()) == (True, [])
    with sqlite3.connect(demo_copy) as connection:
        saved = connection.execute(
            "SELECT member_count FROM households WHERE household_id = ?", (household_id,)
        ).fetchone()
        ages = connection.execute("SELECT age FROM members WHERE household_id = ?", (household_id,)).fetchall()
    assert saved == (1,) and ages == [(40,)]
    assert mapping["households"].isEditable()  # still editing: the next household goes on
    assert not mapping["communities"].isEditable()  # nothing here puts communities in edit mode


def test_a_community_is_listed_by_house_number(mapping):
    households = mapping["households"]
    rows = community_households(households, mapping["members"], "1001-001")
    expected = sorted(
        (
            f["house_no"]
            for f in households.getFeatures(QgsFeatureRequest().setFilterExpression("\"community_id\" = '1001-001'"))
        ),
        key=house_number_sort_key,
    )
    assert [row.house_no for row in rows] == expected and rows
    assert (
        house_number_sort_key("2")
        < house_number_sort_key("10")
        < house_number_sort_key("10/2")
        < house_number_sort_key("10/12")
    )
    assert house_number_sort_key("๑๐/๒") == house_number_sort_key("10/2")


def test_the_household_list_dock_finds_by_house_number(mapping, qgis_iface):
    from kr8310_plugin.gui.household_list_dock import HouseholdListDock

    dock = HouseholdListDock(qgis_iface)
    try:
        assert dock.set_community("1001-001")
        total = len(dock.rows)
        assert total > 0 and dock.table.rowCount() == total
        wanted = dock.rows[0].house_no
        thai = wanted.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        dock.search.setText(thai)  # typed on a Thai keyboard
        assert wanted in [dock.table.item(row, 0).text() for row in range(dock.table.rowCount())]
        assert dock.table.rowCount() < total or total == 1
        dock.search.setText("no such house")
        assert dock.table.rowCount() == 0 and not dock.open_household(0)
    finally:
        dock.deleteLater()


def test_menu_has_the_save_and_household_list_actions(qgis_iface):
    from kr8310_plugin.gui.menu import Kr8310Menu

    menu = Kr8310Menu(qgis_iface)
    menu.setup()
    try:
        names = {action.objectName(): action for action in menu.actions}
        assert names["mKr8310SaveHouseholds"].shortcut().toString() == "Ctrl+Alt+S"
        assert names["mKr8310HouseholdList"].isCheckable()
        assert menu.households.form_watcher is not None
    finally:
        menu.teardown()

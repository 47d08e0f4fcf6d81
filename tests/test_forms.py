"""The mapping project and its household form, on real QGIS forms, edit buffers and GeoPackages."""

from __future__ import annotations

import re
import sqlite3

import pytest
from household_forms import FormLayerTools, close_project, open_form, project_layers
from qgis.core import (
    QgsAttributeEditorRelation,
    QgsFeatureRequest,
    QgsFieldConstraints,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRelation,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)
from qgis.gui import QgsEditorWidgetWrapper, QgsRelationWidgetWrapper
from qgis.PyQt.QtWidgets import QDialogButtonBox, QPushButton

from kr8310_plugin.core.project import forms
from kr8310_plugin.core.project.language import set_up_layers
from kr8310_plugin.core.project.setup import write_mapping_project
from kr8310_plugin.definitions.codelists import BUILDING_TYPE, EDUCATION

HARD = QgsFieldConstraints.ConstraintStrengthHard
SOFT = QgsFieldConstraints.ConstraintStrengthSoft
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
VALID_ANSWERS = {"house_no": "T-99/1", "building_type": "row_house", "residence_years": 12, "member_count": 2}


@pytest.fixture()
def mapping(qgis_app, demo_copy, tmp_path):
    """The set-up project (English) of a private demo database, open in QGIS; edits rolled back after."""
    path = write_mapping_project(str(demo_copy), tmp_path / "mapping.qgz", language="en")
    project = QgsProject.instance()
    assert project.read(str(path))
    layers = project_layers(project)
    yield layers
    close_project(project, layers)


def inside(communities: QgsVectorLayer, community_id: str) -> QgsPointXY:
    feature = next(communities.getFeatures(f"\"community_id\" = '{community_id}'"))
    return feature.geometry().pointOnSurface().asPoint()


def new_household(layers, point: QgsPointXY, **values):
    households = layers["households"]
    feature = QgsVectorLayerUtils.createFeature(
        households, QgsGeometry.fromPointXY(point), {}, households.createExpressionContext()
    )
    for name, value in values.items():
        feature[name] = value
    return feature


def hard_errors(layer, feature, field):
    ok, errors = QgsVectorLayerUtils.validateAttribute(layer, feature, layer.fields().indexFromName(field), HARD)
    return ok, errors


def soft_errors(layer, feature, field):
    return QgsVectorLayerUtils.validateAttribute(layer, feature, layer.fields().indexFromName(field), SOFT)


def commit(layers):
    """Save the edits (one transaction: committing one layer commits its database's layers)."""
    for name in ("members", "households"):
        if layers[name].isEditable():
            assert layers[name].commitChanges(), layers[name].commitErrors()


def start_editing(layers):
    for name in ("households", "members"):
        layers[name].startEditing()  # one transaction: the first call starts both
        assert layers[name].isEditable()


def wrappers(form) -> dict[str, QgsEditorWidgetWrapper]:
    return {w.field().name(): w for w in form.findChildren(QgsEditorWidgetWrapper)}


def ok_button(form) -> QPushButton:
    return form.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)


def fill(form, answers: dict) -> None:
    for name, value in answers.items():
        form.changeAttribute(name, value)


def save_household(layers, point, answers, tools=None):
    """Fill and save a new household's real form; (saved, form)."""
    form = open_form(layers["households"], new_household(layers, point), tools or FormLayerTools())
    fill(form, answers)
    before = layers["households"].featureCount()
    form.save()
    return layers["households"].featureCount() == before + 1, form


def add_member(layers, household_id: str, **answers):
    members = layers["members"]
    index = members.fields().indexFromName("household_id")
    feature = QgsVectorLayerUtils.createFeature(members, QgsGeometry(), {index: household_id})
    form = open_form(members, feature, FormLayerTools())
    fill(form, answers)
    before = members.featureCount()
    form.save()
    return members.featureCount() == before + 1, form


COMPLETE_MEMBER = {"age": 34, "education": "bachelor", "occupation": "trade", "disability": "none", "bedridden": False}


def test_setup_project_algorithm_reopens_with_same_forms(run_algorithm, demo_copy, tmp_path, request):
    output = tmp_path / "mapping.qgz"
    result = run_algorithm("setupproject", {"DATABASE": str(demo_copy), "OUTPUT": str(output)})
    assert result["OUTPUT"] == str(output) and output.is_file()
    project = QgsProject.instance()  # as QGIS desktop opens it: form relations resolve in this project
    assert project.read(str(output))
    request.addfinalizer(project.clear)
    layers = project_layers(project)
    assert all(layer.isValid() for layer in layers.values())
    language = "en"  # the set-up writes English; a translation beside the project does the rest
    households, members = layers["households"], layers["members"]
    refs = forms.LayerRefs(layers["communities"].id(), households.id())

    def setup(layer, name):
        return layer.editorWidgetSetup(layer.fields().indexFromName(name))

    assert setup(households, "community_id").type() == "RelationReference"
    building_map = setup(households, "building_type")
    assert building_map.type() == "ValueMap"
    assert [next(iter(entry.values())) for entry in building_map.config()["map"]][1:] == BUILDING_TYPE.keys()
    assert setup(households, "residence_years").type() == "Range"
    assert (
        setup(households, "residence_years").config()["Min"],
        setup(households, "residence_years").config()["Max"],
    ) == (0, 120)
    assert setup(members, "bedridden").type() == "CheckBox"
    assert setup(members, "education").type() == "ValueMap"
    for rule in forms.CONSTRAINT_RULES:
        field = layers[rule.layer].fields().field(rule.field)
        constraints = field.constraints()
        if rule.kind == forms.NOT_NULL:
            assert constraints.constraintStrength(QgsFieldConstraints.ConstraintNotNull) == rule.strength, rule.field
            continue
        assert constraints.constraintExpression() == rule.resolved(refs), rule.field
        assert forms.COMMUNITIES_REF not in constraints.constraintExpression()  # by layer id, whatever its name
        assert forms.HOUSEHOLDS_REF not in constraints.constraintExpression()
        assert constraints.constraintDescription() == rule.text(language)
        assert constraints.constraintStrength(QgsFieldConstraints.ConstraintExpression) == rule.strength
    default = households.defaultValueDefinition(households.fields().indexFromName("updated_at"))
    assert default.expression() == "now()" and default.applyOnUpdate()
    assert households.defaultValueDefinition(households.fields().indexFromName("household_id")).expression()
    config = households.editFormConfig()
    assert [tab.name() for tab in config.tabs()] == [
        forms.TAB_HOUSEHOLD.label(language),
        forms.TAB_MEMBERS.label(language),
        forms.TAB_RECORD.label(language),
    ]
    member_tab = config.tabs()[1]
    (member_list,) = [child for child in member_tab.children() if isinstance(child, QgsAttributeEditorRelation)]
    assert member_list.relation().id() == forms.MEMBER_HOUSEHOLD_RELATION  # stored in the file, resolved on read
    assert config.readOnly(households.fields().indexFromName("created_at"))
    relation = project.relationManager().relation(forms.MEMBER_HOUSEHOLD_RELATION)
    assert relation.isValid() and relation.strength() == QgsRelation.Composition
    assert project.relationManager().relation(forms.HOUSEHOLD_COMMUNITY_RELATION).isValid()
    assert project.snappingConfig().enabled()
    assert project.crs().authid() == "EPSG:32647"


def test_household_form_lists_the_members_of_the_household(mapping):
    households = mapping["households"]
    household = next(households.getFeatures('"member_count" = 4'))
    form = open_form(households, household, FormLayerTools(), add=False)
    (member_list,) = form.findChildren(QgsRelationWidgetWrapper)
    relation = member_list.relation()
    assert relation.id() == forms.MEMBER_HOUSEHOLD_RELATION
    assert len(list(relation.getRelatedFeatures(household))) == 4


def test_thai_project_has_thai_labels_and_messages(qgis_app, demo_copy, tmp_path):
    path = write_mapping_project(str(demo_copy), tmp_path / "th.qgz", language="th")
    project = QgsProject()
    assert project.read(str(path))
    layers = set_up_layers(project)
    households, members = layers["households"], layers["members"]
    assert households.name() == "ครัวเรือน" and members.name() == "สมาชิกครัวเรือน"
    assert households.fields().field("house_no").alias() == "บ้านเลขที่"
    labels = [
        next(iter(entry))
        for entry in members.editorWidgetSetup(members.fields().indexFromName("education")).config()["map"]
    ]
    assert labels[1:] == [code.label_th for code in EDUCATION.codes]
    assert households.fields().field("residence_years").constraints().constraintDescription() == (
        "ต้องระบุระยะเวลาที่อยู่อาศัย 0–120 ปี"
    )
    assert (
        households.fields()
        .field("member_count")
        .constraints()
        .constraintDescription()
        .startswith("จำนวนรายชื่อสมาชิกในตาราง")
    )
    assert households.editFormConfig().tabs()[0].name() == "ครัวเรือน"


def test_new_household_gets_community_ids_and_record_fields(mapping):
    feature = new_household(mapping, inside(mapping["communities"], "1001-003"))
    assert feature["community_id"] == "1001-003"
    assert UUID.match(feature["household_id"])
    assert feature["created_at"] and feature["updated_at"] and feature["editor"]
    member = QgsVectorLayerUtils.createFeature(mapping["members"])
    assert UUID.match(member["member_id"])


def test_valid_household_with_members_is_saved(mapping, demo_copy):
    start_editing(mapping)
    saved, form = save_household(mapping, inside(mapping["communities"], "1001-002"), VALID_ANSWERS)
    assert saved
    household_id = form.feature()["household_id"]
    for age in (41, 9):
        added, _member_form = add_member(mapping, household_id, **{**COMPLETE_MEMBER, "age": age})
        assert added
    saved_feature = next(mapping["households"].getFeatures(f"\"household_id\" = '{household_id}'"))
    for rule in forms.HOUSEHOLD_RULES:  # hard and soft alike: members listed == member count
        ok, errors = QgsVectorLayerUtils.validateAttribute(
            mapping["households"],
            saved_feature,
            mapping["households"].fields().indexFromName(rule.field),
            rule.strength,
        )
        assert ok, errors
    commit(mapping)
    with sqlite3.connect(demo_copy) as connection:
        row = connection.execute(
            "SELECT community_id, house_no, building_type, residence_years, member_count, created_at, editor "
            "FROM households WHERE household_id = ?",
            (household_id,),
        ).fetchone()
        ages = sorted(
            a for (a,) in connection.execute("SELECT age FROM members WHERE household_id = ?", (household_id,))
        )
    assert row[:5] == ("1001-002", "T-99/1", "row_house", 12, 2) and row[5] and row[6]
    assert ages == [9, 41]


def test_updated_at_changes_on_every_edit(mapping):
    households = mapping["households"]
    feature = next(households.getFeatures(QgsFeatureRequest().setLimit(1)))
    before = feature["updated_at"]
    households.startEditing()
    assert households.changeAttributeValue(feature.id(), households.fields().indexFromName("residence_years"), 7)
    after = households.getFeature(feature.id())["updated_at"]
    assert after > before


HARD_CASES = [
    ("house_no", None),
    ("house_no", "   "),
    ("building_type", None),
    ("building_type", "castle"),
    ("residence_years", None),
    ("residence_years", 121),
    ("residence_years", -1),
    ("member_count", None),
]


@pytest.mark.parametrize(("field", "bad_value"), HARD_CASES)
def test_each_hard_household_constraint_rejects_a_bad_value_with_its_message(mapping, field, bad_value):
    households = mapping["households"]
    rule = forms.rule("households", field)
    message = rule.text("en")
    feature = new_household(mapping, inside(mapping["communities"], "1001-002"), **VALID_ANSWERS)
    assert hard_errors(households, feature, field) == (True, [])
    feature[field] = bad_value
    ok, errors = hard_errors(households, feature, field)
    assert not ok
    if rule.kind == forms.EXPRESSION:  # (QGIS words a not-null failure itself)
        assert any(message in error for error in errors)

    start_editing(mapping)
    form = open_form(households, new_household(mapping, inside(mapping["communities"], "1001-002")), FormLayerTools())
    fill(form, VALID_ANSWERS)
    assert ok_button(form).isEnabled()
    form.changeAttribute(field, bad_value)
    widget = wrappers(form)[field]
    if widget.value() in (None, bad_value) or (isinstance(bad_value, str) and not str(widget.value()).strip()):
        # the widget holds the bad value: the form shows the message and will not save
        assert not ok_button(form).isEnabled()
        assert widget.isBlockingCommit()
        assert rule.kind == forms.NOT_NULL or message in widget.constraintFailureReason()
        before = households.featureCount()
        form.save()
        assert households.featureCount() == before
    else:
        # a range or value-map widget cannot even hold it
        assert widget.value() != bad_value


def test_point_must_lie_in_its_community(mapping):
    households = mapping["households"]
    message = forms.rule("households", "community_id").text("en")
    communities = mapping["communities"]
    outside = communities.extent().center()
    outside = QgsPointXY(communities.extent().xMaximum() + 500, outside.y())
    feature = new_household(mapping, outside, **VALID_ANSWERS)
    assert feature["community_id"] is None or feature["community_id"] == "" or not feature["community_id"]
    feature["community_id"] = "1001-002"
    ok, errors = hard_errors(households, feature, "community_id")
    assert not ok and message in errors[0]
    wrong = new_household(mapping, inside(communities, "1001-003"), **VALID_ANSWERS)
    wrong["community_id"] = "1001-002"
    assert not hard_errors(households, wrong, "community_id")[0]


def test_house_number_unique_within_its_community_only(mapping):
    households = mapping["households"]
    existing = next(households.getFeatures("\"community_id\" = '1001-001'"))
    taken = existing["house_no"]
    message = forms.rule("households", "house_no").text("en")
    start_editing(mapping)
    saved, form = save_household(
        mapping, inside(mapping["communities"], "1001-001"), {**VALID_ANSWERS, "house_no": taken}
    )
    assert not saved
    assert message in wrappers(form)["house_no"].constraintFailureReason()
    saved, _form = save_household(
        mapping, inside(mapping["communities"], "1001-003"), {**VALID_ANSWERS, "house_no": taken}
    )
    assert saved
    # a second new household with the same number in the same community, still in the edit buffer
    saved, _form = save_household(
        mapping, inside(mapping["communities"], "1001-003"), {**VALID_ANSWERS, "house_no": taken}
    )
    assert not saved
    # editing an existing household without changing its number is fine
    assert hard_errors(households, existing, "house_no") == (True, [])


def test_soft_constraints_warn_but_the_household_saves(mapping):
    start_editing(mapping)
    saved, form = save_household(
        mapping, inside(mapping["communities"], "1001-002"), {**VALID_ANSWERS, "member_count": 3}
    )
    assert saved
    household = form.feature()
    ok, errors = soft_errors(mapping["households"], household, "member_count")  # on the count, not an id
    assert not ok and forms.rule("households", "member_count", strength=SOFT).text("en") in errors[0]

    members = mapping["members"]
    member = QgsVectorLayerUtils.createFeature(
        members, QgsGeometry(), {members.fields().indexFromName("household_id"): household["household_id"]}
    )
    member_form = open_form(members, member, FormLayerTools())
    member_form.changeAttribute("age", 50)  # education, occupation, disability left empty
    shown = wrappers(member_form)
    assert "member_id" not in shown and "household_id" not in shown  # no ids in the member form
    education = shown["education"]  # the message on the answer it is about
    assert not education.isValidConstraint() and not education.isBlockingCommit()
    assert forms.rule("members", "education").text("en") in education.constraintFailureReason()
    assert ok_button(member_form).isEnabled()
    before = members.featureCount()
    member_form.save()
    assert members.featureCount() == before + 1


@pytest.mark.parametrize(("field", "bad_value"), [("age", 121), ("age", -1), ("household_id", None)])
def test_hard_member_constraints(mapping, field, bad_value):
    members = mapping["members"]
    member = QgsVectorLayerUtils.createFeature(members)
    for name, value in {**COMPLETE_MEMBER, "household_id": "x"}.items():
        member[name] = value
    assert QgsVectorLayerUtils.validateAttribute(members, member, members.fields().indexFromName(field), HARD)[0]
    member[field] = bad_value
    ok, errors = QgsVectorLayerUtils.validateAttribute(members, member, members.fields().indexFromName(field), HARD)
    assert not ok and forms.rule("members", field).text("en") in errors[0]


def test_deleting_a_household_deletes_its_members(mapping, demo_copy):
    households, members = mapping["households"], mapping["members"]
    with sqlite3.connect(demo_copy) as connection:
        household_id, count = connection.execute(
            "SELECT household_id, count(*) FROM members GROUP BY household_id HAVING count(*) >= 2 LIMIT 1"
        ).fetchone()
        total = connection.execute("SELECT count(*) FROM members").fetchone()[0]
    household = next(households.getFeatures(f"\"household_id\" = '{household_id}'"))
    start_editing(mapping)
    context = QgsVectorLayer.DeleteContext(True, QgsProject.instance())
    assert households.deleteFeature(household.id(), context)
    assert not list(members.getFeatures(f"\"household_id\" = '{household_id}'"))
    commit(mapping)
    with sqlite3.connect(demo_copy) as connection:
        assert (
            connection.execute("SELECT count(*) FROM members WHERE household_id = ?", (household_id,)).fetchone()[0]
            == 0
        )
        assert connection.execute("SELECT count(*) FROM members").fetchone()[0] == total - count
        orphans = connection.execute(
            "SELECT count(*) FROM members WHERE household_id NOT IN (SELECT household_id FROM households)"
        ).fetchone()[0]
    assert orphans == 0

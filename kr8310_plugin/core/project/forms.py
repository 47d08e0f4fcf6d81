"""Attribute forms of the community database's layers: widgets, defaults, constraints, layout.

Everything here is layer configuration that QGIS stores in the project (.qgz), so a
reopened project has the same forms without the plugin running. Texts that end up in
the project (aliases, tab names, constraint descriptions) are picked by language when
the form is configured: Thai when QGIS runs in Thai, English otherwise.

The household form has three tabs: household (the survey answers), members (the
relation editor listing the household's members) and record (created/updated/editor,
read-only). Hard constraints block saving; soft ones warn and still save, so a mapper
can save a household and come back for its members.

"Filled" in a constraint is the completeness rule's own (core/rules/completeness.py:
`filled_expression`, entered and valid), ranges come from the FieldSpecs, and the soft
"every answer of the member" check asks for the member fields of the rule stored in the
community database (`member_rules(rule)`).
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorElement,
    QgsAttributeEditorField,
    QgsAttributeEditorRelation,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsValueMapFieldFormatter,
    QgsVectorLayer,
)

from ...compat import make_tab
from ...definitions import schema
from ...definitions.codelists import CODE_LISTS_BY_FIELD, Code, CodeList
from ...definitions.labels import FIELD_LABELS
from ..rules.completeness import DEFAULT_RULE, CompletenessRule, all_filled_expression, filled_expression

# Relation ids, stored in the project and referenced by widgets and expressions.
HOUSEHOLD_COMMUNITY_RELATION = "households_communities"
MEMBER_HOUSEHOLD_RELATION = "members_households"

HARD = QgsFieldConstraints.ConstraintStrengthHard
SOFT = QgsFieldConstraints.ConstraintStrengthSoft

# The community whose polygon holds the household point ("inside or on its edge"): the rule of
# core/rules/community_locator. In a tie (overlapping polygons, a shared edge) this default takes
# the first of overlay_intersects' answers and the point_in_community constraint accepts any of
# them; the Add household tool refuses such a point and the quality checks report the overlap.
COMMUNITY_UNDER_POINT = f"array_first(overlay_intersects('{schema.COMMUNITIES}', \"community_id\"))"

TAB_HOUSEHOLD = Code("household", "ครัวเรือน", "Household")
TAB_MEMBERS = Code("members", "สมาชิกครัวเรือน", "Members")
TAB_RECORD = Code("record", "ข้อมูลการบันทึก", "Record")
NOT_SET = Code("not_set", "(ไม่ได้ระบุ)", "(not set)")


@dataclass(frozen=True)
class ConstraintRule:
    """One expression constraint of one field, with its Thai and English description."""

    layer: str
    field: str
    expression: str
    strength: QgsFieldConstraints.ConstraintStrength
    description: Code  # key: a stable rule name; labels: what the form shows

    def text(self, language: str) -> str:
        return self.description.label(language)


def _filled(layer: schema.LayerSpec, field: str) -> str:
    """Expression: the field holds a valid value (the completeness rule's "filled")."""
    return filled_expression(field, layer.get(field))


def _range(layer: schema.LayerSpec, field: str) -> tuple[int, int]:
    spec = layer.field(field)
    return spec.minimum, spec.maximum


def _range_text(layer: schema.LayerSpec, field: str) -> str:
    low, high = _range(layer, field)
    return f"{low}–{high}"


def _literal(field: str) -> str:
    """Expression giving the field's value as a quoted string literal (QGIS 3.22 has no quote_literal)."""
    quote = "''''"  # one ' inside an expression string literal
    return f"({quote} || replace(coalesce(\"{field}\", ''), {quote}, '''''') || {quote})"


# Built through eval() with the values as literals, so that the GeoPackage/PostGIS index on
# (community_id, house_no) answers the filter instead of a scan of every household in the city.
_HOUSE_NO_UNIQUE_IN_COMMUNITY = (
    "eval('aggregate(''"
    + schema.HOUSEHOLDS
    + "'', ''count'', \"fid\", filter:=\"community_id\" = ' || "
    + _literal("community_id")
    + " || ' AND \"house_no\" = ' || "
    + _literal("house_no")
    + " || ' AND \"household_id\" <> ' || "
    + _literal("household_id")
    + " || ')') = 0"
)

HOUSEHOLD_RULES: tuple[ConstraintRule, ...] = (
    ConstraintRule(
        schema.HOUSEHOLDS,
        "community_id",
        f"\"community_id\" IS NOT NULL AND array_contains(overlay_intersects('{schema.COMMUNITIES}', "
        '"community_id"), "community_id")',
        HARD,
        Code(
            "point_in_community",
            "จุดที่ตั้งครัวเรือนต้องอยู่ภายในขอบเขตชุมชน",
            "The household point must lie inside a community polygon.",
        ),
    ),
    ConstraintRule(
        schema.HOUSEHOLDS,
        "house_no",
        f"{_filled(schema.HOUSEHOLDS_SPEC, 'house_no')} AND {_HOUSE_NO_UNIQUE_IN_COMMUNITY}",
        HARD,
        Code(
            "house_no_required_unique",
            "ต้องระบุบ้านเลขที่ และบ้านเลขที่ต้องไม่ซ้ำกับครัวเรือนอื่นในชุมชนเดียวกัน",
            "House number is required and must be unique within its community.",
        ),
    ),
    ConstraintRule(
        schema.HOUSEHOLDS,
        "building_type",
        _filled(schema.HOUSEHOLDS_SPEC, "building_type"),
        HARD,
        Code("building_type_required", "ต้องเลือกลักษณะที่อยู่อาศัย", "Building type is required."),
    ),
    ConstraintRule(
        schema.HOUSEHOLDS,
        "residence_years",
        _filled(schema.HOUSEHOLDS_SPEC, "residence_years"),
        HARD,
        Code(
            "residence_years_range",
            f"ต้องระบุระยะเวลาที่อยู่อาศัย {_range_text(schema.HOUSEHOLDS_SPEC, 'residence_years')} ปี",
            "Years of residence is required, from {} to {}.".format(*_range(schema.HOUSEHOLDS_SPEC, "residence_years")),
        ),
    ),
    ConstraintRule(
        schema.HOUSEHOLDS,
        "member_count",
        _filled(schema.HOUSEHOLDS_SPEC, "member_count"),
        HARD,
        Code(
            "member_count_min",
            f"ต้องระบุจำนวนสมาชิก {_range_text(schema.HOUSEHOLDS_SPEC, 'member_count')} คน",
            "Member count is required, from {} to {}.".format(*_range(schema.HOUSEHOLDS_SPEC, "member_count")),
        ),
    ),
    # Soft, on the id shown above the member list: the mapper may save now and add members later.
    ConstraintRule(
        schema.HOUSEHOLDS,
        "household_id",
        f"coalesce(relation_aggregate('{MEMBER_HOUSEHOLD_RELATION}', 'count', \"member_id\"), 0) = \"member_count\"",
        SOFT,
        Code(
            "member_rows_match_count",
            "จำนวนรายชื่อสมาชิกควรเท่ากับจำนวนสมาชิกที่ระบุ (บันทึกไว้ก่อนแล้วกลับมาเพิ่มภายหลังได้)",
            "The number of members listed should equal the member count (you can save now and add them later).",
        ),
    ),
)


def _labels(fields: tuple[str, ...], language: str) -> str:
    return ", ".join(FIELD_LABELS.label(name, language) if FIELD_LABELS.get(name) else name for name in fields)


def member_rules(rule: CompletenessRule = DEFAULT_RULE) -> tuple[ConstraintRule, ...]:
    """The member form's constraints; the soft one asks for the member fields of `rule`."""
    return (
        ConstraintRule(
            schema.MEMBERS,
            "household_id",
            _filled(schema.MEMBERS_SPEC, "household_id"),
            HARD,
            Code("member_has_household", "สมาชิกต้องอยู่ในครัวเรือน", "A member must belong to a household."),
        ),
        ConstraintRule(
            schema.MEMBERS,
            "age",
            f'"age" IS NULL OR {_filled(schema.MEMBERS_SPEC, "age")}',
            HARD,
            Code(
                "age_range",
                f"อายุต้องอยู่ระหว่าง {_range_text(schema.MEMBERS_SPEC, 'age')} ปี",
                "Age must be from {} to {}.".format(*_range(schema.MEMBERS_SPEC, "age")),
            ),
        ),
        # Soft, on the member's id: every answer the completeness rule asks for is filled.
        ConstraintRule(
            schema.MEMBERS,
            "member_id",
            all_filled_expression(rule.member_fields, schema.MEMBERS_SPEC),
            SOFT,
            Code(
                "member_fields_filled",
                f"สมาชิกทุกคนควรมีข้อมูลครบ: {_labels(rule.member_fields, 'th')}",
                f"Every member should have these filled: {_labels(rule.member_fields, 'en')}.",
            ),
        ),
    )


MEMBER_RULES: tuple[ConstraintRule, ...] = member_rules()
CONSTRAINT_RULES: tuple[ConstraintRule, ...] = HOUSEHOLD_RULES + MEMBER_RULES

# field -> (default expression, re-evaluated on every change)
HOUSEHOLD_DEFAULTS: dict[str, tuple[str, bool]] = {
    "household_id": ("uuid('WithoutBraces')", False),
    "community_id": (COMMUNITY_UNDER_POINT, True),
    "created_at": ("now()", False),
    "updated_at": ("now()", True),
    "editor": ("@user_account_name", True),
    "row_version": ("1", False),
}
MEMBER_DEFAULTS: dict[str, tuple[str, bool]] = {
    "member_id": ("uuid('WithoutBraces')", False),
    "row_version": ("1", False),
}

_NUMBER_RANGES = {
    "residence_years": _range(schema.HOUSEHOLDS_SPEC, "residence_years"),
    "member_count": _range(schema.HOUSEHOLDS_SPEC, "member_count"),
    "age": _range(schema.MEMBERS_SPEC, "age"),
}


def rule(layer: str, field: str, completeness: CompletenessRule = DEFAULT_RULE) -> ConstraintRule:
    """The constraint rule of a layer's field (KeyError when there is none)."""
    for candidate in HOUSEHOLD_RULES + member_rules(completeness):
        if candidate.layer == layer and candidate.field == field:
            return candidate
    raise KeyError(f"{layer}.{field}")


def value_map_setup(code_list: CodeList, language: str) -> QgsEditorWidgetSetup:
    """A value map widget: the code list's labels in the language, keys stored; '(not set)' first,
    so a new record starts empty instead of silently taking the first code."""
    entries = [{NOT_SET.label(language): QgsValueMapFieldFormatter.NULL_VALUE}]
    entries += [{code.label(language): code.key} for code in code_list.codes]
    return QgsEditorWidgetSetup("ValueMap", {"map": entries})


def range_setup(low: int, high: int) -> QgsEditorWidgetSetup:
    return QgsEditorWidgetSetup(
        "Range", {"Min": low, "Max": high, "Step": 1, "Style": "SpinBox", "AllowNull": True, "Precision": 0}
    )


def datetime_setup() -> QgsEditorWidgetSetup:
    return QgsEditorWidgetSetup(
        "DateTime",
        {
            "display_format": "yyyy-MM-dd HH:mm",
            "field_format": "yyyy-MM-dd HH:mm:ss",
            "field_iso_format": True,
            "allow_null": True,
            "calendar_popup": False,
        },
    )


def relation_reference_setup(relation_id: str) -> QgsEditorWidgetSetup:
    """A read-only reference to the parent, shown by the parent's display expression."""
    return QgsEditorWidgetSetup(
        "RelationReference",
        {
            "Relation": relation_id,
            "ReadOnly": True,
            "AllowNULL": True,
            "ShowForm": False,
            "ShowOpenFormButton": False,
            "MapIdentification": False,
            "OrderByValue": True,
            "AllowAddFeatures": False,
        },
    )


def _field_index(layer: QgsVectorLayer, name: str) -> int:
    index = layer.fields().indexFromName(name)
    if index < 0:
        raise KeyError(f"{layer.name()} has no field {name}")
    return index


def apply_aliases(layer: QgsVectorLayer, language: str) -> None:
    """Field aliases in the language, for every field with a label."""
    for field in layer.fields():
        if FIELD_LABELS.get(field.name()):
            layer.setFieldAlias(_field_index(layer, field.name()), FIELD_LABELS.label(field.name(), language))


def apply_rules(layer: QgsVectorLayer, rules: tuple[ConstraintRule, ...], language: str) -> None:
    """Set each rule as the field's expression constraint, with its strength and description."""
    for item in rules:
        index = _field_index(layer, item.field)
        layer.setConstraintExpression(index, item.expression, item.text(language))
        layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintExpression, item.strength)


def apply_defaults(layer: QgsVectorLayer, defaults: dict[str, tuple[str, bool]]) -> None:
    for name, (expression, on_update) in defaults.items():
        layer.setDefaultValueDefinition(_field_index(layer, name), QgsDefaultValue(expression, on_update))


def _set_read_only(layer: QgsVectorLayer, names: tuple[str, ...]) -> None:
    config = layer.editFormConfig()
    for name in names:
        config.setReadOnly(_field_index(layer, name), True)
    layer.setEditFormConfig(config)


def _tab(label: str, parent: QgsAttributeEditorElement | None) -> QgsAttributeEditorContainer:
    tab = QgsAttributeEditorContainer(label, parent)
    make_tab(tab)
    tab.setColumnCount(1)
    return tab


def _add_fields(container: QgsAttributeEditorContainer, layer: QgsVectorLayer, names: tuple[str, ...]) -> None:
    for name in names:
        container.addChildElement(QgsAttributeEditorField(name, _field_index(layer, name), container))


def _drag_and_drop(layer: QgsVectorLayer) -> QgsEditFormConfig:
    config = layer.editFormConfig()
    config.setLayout(QgsEditFormConfig.TabLayout)
    config.clearTabs()
    return config


def configure_households(layer: QgsVectorLayer, members_relation, language: str) -> None:
    """The household form: widgets, defaults, constraints and the three tabs.

    `members_relation` is the QgsRelation members -> households (the member list's source).
    """
    apply_aliases(layer, language)
    layer.setDisplayExpression('"house_no"')
    for name in ("household_id", "house_no", "editor"):
        layer.setEditorWidgetSetup(_field_index(layer, name), QgsEditorWidgetSetup("TextEdit", {"IsMultiline": False}))
    layer.setEditorWidgetSetup(
        _field_index(layer, "community_id"), relation_reference_setup(HOUSEHOLD_COMMUNITY_RELATION)
    )
    layer.setEditorWidgetSetup(
        _field_index(layer, "building_type"), value_map_setup(CODE_LISTS_BY_FIELD["building_type"], language)
    )
    for name in ("residence_years", "member_count"):
        layer.setEditorWidgetSetup(_field_index(layer, name), range_setup(*_NUMBER_RANGES[name]))
    for name in ("created_at", "updated_at"):
        layer.setEditorWidgetSetup(_field_index(layer, name), datetime_setup())
    for name in ("fid", "row_version"):
        layer.setEditorWidgetSetup(_field_index(layer, name), QgsEditorWidgetSetup("Hidden", {}))
    apply_defaults(layer, HOUSEHOLD_DEFAULTS)
    apply_rules(layer, HOUSEHOLD_RULES, language)

    config = _drag_and_drop(layer)
    root = config.invisibleRootContainer()
    household = _tab(TAB_HOUSEHOLD.label(language), root)
    _add_fields(household, layer, ("community_id", "house_no", "building_type", "residence_years", "member_count"))
    members = _tab(TAB_MEMBERS.label(language), root)
    _add_fields(members, layer, ("household_id",))
    member_list = QgsAttributeEditorRelation(members_relation, members)
    member_list.setRelationWidgetTypeId("relation_editor")
    member_list.setLabel(TAB_MEMBERS.label(language))
    member_list.setShowLabel(False)
    member_list.setRelationEditorConfiguration(
        {"buttons": "AddChildFeature|DeleteChildFeature|ZoomToChildFeature", "show_first_feature": True}
    )
    members.addChildElement(member_list)
    record = _tab(TAB_RECORD.label(language), root)
    _add_fields(record, layer, ("created_at", "updated_at", "editor"))
    for tab in (household, members, record):
        config.addTab(tab)
    for name in ("household_id", "community_id", "created_at", "updated_at", "editor"):
        config.setReadOnly(_field_index(layer, name), True)
    layer.setEditFormConfig(config)


def configure_members(layer: QgsVectorLayer, language: str, rule: CompletenessRule = DEFAULT_RULE) -> None:
    """The member form (also the rows of the household's member list); `rule` is the database's
    completeness rule."""
    apply_aliases(layer, language)
    layer.setDisplayExpression(
        'concat("age", \' \', represent_value("education"), \' / \', represent_value("occupation"))'
    )
    layer.setEditorWidgetSetup(_field_index(layer, "household_id"), relation_reference_setup(MEMBER_HOUSEHOLD_RELATION))
    layer.setEditorWidgetSetup(
        _field_index(layer, "member_id"), QgsEditorWidgetSetup("TextEdit", {"IsMultiline": False})
    )
    layer.setEditorWidgetSetup(_field_index(layer, "age"), range_setup(*_NUMBER_RANGES["age"]))
    for name in ("education", "occupation", "disability"):
        layer.setEditorWidgetSetup(_field_index(layer, name), value_map_setup(CODE_LISTS_BY_FIELD[name], language))
    layer.setEditorWidgetSetup(
        _field_index(layer, "bedridden"), QgsEditorWidgetSetup("CheckBox", {"CheckedState": "", "UncheckedState": ""})
    )
    for name in ("fid", "row_version"):
        layer.setEditorWidgetSetup(_field_index(layer, name), QgsEditorWidgetSetup("Hidden", {}))
    apply_defaults(layer, MEMBER_DEFAULTS)
    apply_rules(layer, member_rules(rule), language)

    config = _drag_and_drop(layer)
    root = config.invisibleRootContainer()
    _add_fields(root, layer, ("household_id", "age", "education", "occupation", "disability", "bedridden", "member_id"))
    for name in ("household_id", "member_id"):
        config.setReadOnly(_field_index(layer, name), True)
    layer.setEditFormConfig(config)


def configure_reference_layer(layer: QgsVectorLayer, language: str, display_expression: str) -> None:
    """Communities and districts: labelled, read-only in the form (GIS staff edit them on purpose)."""
    apply_aliases(layer, language)
    layer.setDisplayExpression(display_expression)
    if layer.fields().indexFromName("fid") >= 0:
        layer.setEditorWidgetSetup(_field_index(layer, "fid"), QgsEditorWidgetSetup("Hidden", {}))
    derived = ("size_class", "households_entered", "households_complete", "coverage_pct", "coverage_flag")
    _set_read_only(layer, tuple(name for name in derived if layer.fields().indexFromName(name) >= 0))

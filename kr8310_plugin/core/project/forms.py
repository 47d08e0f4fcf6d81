"""Attribute forms of the community database's layers: widgets, defaults, constraints, layout.

Everything here is layer configuration that QGIS stores in the project (.qgz), so a
reopened project has the same forms without the plugin running. Texts that end up in
the project (aliases, tab names, constraint descriptions) are picked by language when
the form is configured: Thai when QGIS runs in Thai, English otherwise.

The household form has three tabs: household (the survey answers), members (the
relation editor listing the household's members, rows added in place without a member
dialog) and record (created/updated/editor, read-only). No id is shown. Hard constraints
block saving; soft ones warn and still save, so a mapper can save a household and come
back for its members. Each message sits on the field it is about. The plugin adds, on top
(gui/household_form.py): the member list as a table, the member count following it, one
list of problems at OK and Thai digits in number fields; without the plugin (another QGIS,
QField) the form works as configured here.

Expressions that look at another layer name it by layer id (`LayerRefs`): a project
translation may rename the layers.

"Filled" in a constraint is the completeness rule's own (core/rules/completeness.py:
`filled_expression`, entered and valid), ranges come from the FieldSpecs, and the soft
"every answer of the member" check asks for the member fields of the rule stored in the
community database (`member_rules(rule)`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorElement,
    QgsAttributeEditorField,
    QgsAttributeEditorRelation,
    QgsAttributeTableConfig,
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
from ..rules.community_locator import community_constraint_expression, community_default_expression
from ..rules.completeness import DEFAULT_RULE, CompletenessRule, filled_expression
from ..rules.house_number import _PLAIN_GLOB as NOT_PLAIN_PATTERN
from ..rules.house_number import MAX_KEYED_LENGTH, house_number_key_expression, qgis_key_expression
from ..storage.row_versions import declare_row_version

# Relation ids, stored in the project and referenced by widgets and expressions.
HOUSEHOLD_COMMUNITY_RELATION = "households_communities"
MEMBER_HOUSEHOLD_RELATION = "members_households"

HARD = QgsFieldConstraints.ConstraintStrengthHard
SOFT = QgsFieldConstraints.ConstraintStrengthSoft
EXPRESSION = "expression"  # a QGIS expression constraint with its own description
NOT_NULL = "not_null"  # QGIS's "not null" constraint (a field holds one expression constraint only)

# Placeholders in the rule expressions for the layers they look at, resolved by layer id when a
# form is configured (`LayerRefs`); left as they are, they name the layers by their database names.
COMMUNITIES_REF = "{communities}"
HOUSEHOLDS_REF = "{households}"


@dataclass(frozen=True)
class LayerRefs:
    """How the expressions of a project refer to its communities and households layers (ids or names)."""

    communities: str = schema.COMMUNITIES
    households: str = schema.HOUSEHOLDS

    def resolve(self, expression: str) -> str:
        return expression.replace(COMMUNITIES_REF, self.communities).replace(HOUSEHOLDS_REF, self.households)


BY_NAME = LayerRefs()

# The community whose polygon holds the household point ("inside or on its edge"): the rule of
# core/rules/community_locator. In a tie (overlapping polygons, a shared edge) this default takes
# the first of overlay_intersects' answers and the point_in_community constraint accepts any of
# them; the Add household tool refuses such a point and the quality checks report the overlap.
COMMUNITY_UNDER_POINT = community_default_expression(COMMUNITIES_REF)  # polygon, else nearest point community

TAB_HOUSEHOLD = Code("household", "ครัวเรือน", "Household")
TAB_MEMBERS = Code("members", "สมาชิกครัวเรือน", "Members")
TAB_RECORD = Code("record", "ข้อมูลการบันทึก", "Record")
NOT_SET = Code("not_set", "(ไม่ได้ระบุ)", "(not set)")
# Layer names in the layer tree; the database names stay in the data source and LAYER_PROPERTY.
LAYER_TITLES = {
    schema.HOUSEHOLDS: Code(schema.HOUSEHOLDS, "ครัวเรือน", "households"),
    schema.COMMUNITIES: Code(schema.COMMUNITIES, "ชุมชน", "communities"),
    schema.DISTRICTS: Code(schema.DISTRICTS, "เขต", "districts"),
    schema.MEMBERS: Code(schema.MEMBERS, "สมาชิกครัวเรือน", "members"),
}
# Columns of the member table (the relation editor's table view and the members attribute table).
MEMBER_TABLE_COLUMNS = ("age", "education", "occupation", "disability", "bedridden")


@dataclass(frozen=True)
class ConstraintRule:
    """One constraint of one field, with its Thai and English description.

    `kind` EXPRESSION: `expression` (with COMMUNITIES_REF / HOUSEHOLDS_REF placeholders) is the
    field's expression constraint; NOT_NULL: QGIS's not-null constraint, `expression` the same
    test for the plugin's list of problems."""

    layer: str
    field: str
    expression: str
    strength: QgsFieldConstraints.ConstraintStrength
    description: Code  # key: a stable rule name; labels: what the form shows
    kind: str = field(default=EXPRESSION)

    def text(self, language: str) -> str:
        return self.description.label(language)

    def resolved(self, refs: LayerRefs = BY_NAME) -> str:
        """The expression with its layer references resolved."""
        return refs.resolve(self.expression)


def _filled(layer: schema.LayerSpec, field: str) -> str:
    """Expression: the field holds a valid value (the completeness rule's "filled")."""
    return filled_expression(field, layer.get(field))


def _range(layer: schema.LayerSpec, field: str) -> tuple[int, int]:
    spec = layer.field(field)
    return spec.minimum, spec.maximum


def _range_text(layer: schema.LayerSpec, field: str) -> str:
    low, high = _range(layer, field)
    return f"{low}–{high}"


def _literal_of(expression: str) -> str:
    """Expression giving the value of `expression` as a quoted string literal (QGIS 3.22 has no quote_literal)."""
    quote = "''''"  # one ' inside an expression string literal
    return f"({quote} || replace(coalesce({expression}, ''), {quote}, '''''') || {quote})"


def _literal(field_name: str) -> str:
    return _literal_of(f'"{field_name}"')


def house_number_key(field_name: str) -> str:
    """QGIS expression: the key two house numbers are the same by, the database's normalisation
    (core/rules/house_number.py's QGIS dialect)."""
    return house_number_key_expression(field_name)


def _in_string(expression: str) -> str:
    """`expression` as the text of a string literal (to build an eval() expression)."""
    return expression.replace("'", "''")


def _is_own_key(expression: str) -> str:
    """QGIS expression: the text is its own house-number key (made only of characters the key keeps
    as they are, or too long to be keyed: core/rules/house_number.py's short cut)."""
    return f"(length({expression}) > {MAX_KEYED_LENGTH} OR regexp_match({expression}, '{NOT_PLAIN_PATTERN}') = 0)"


def _keyed_in_eval(value_expression: str) -> str:
    """QGIS expression: the key of `value_expression`, the long key expression parsed only when this
    is evaluated (inside eval()), not whenever the constraint is read."""
    return (
        f"eval('with_variable(''key_of'', ' || {_literal_of(value_expression)} || ', "
        + _in_string(qgis_key_expression("@key_of"))
        + ")')"
    )


# Built through eval() with the values as literals, so that the filter compiles to the data
# source's own (indexed) query and only the community's house numbers are read (a filter holding the
# key expression is not compiled: every household of the city would be read). Numbers that are their
# own key (almost all) are compared as they are; only the others go through the key expression, which
# is parsed only then: "12/3" and "๑๒/๓" are one house.
_HOUSE_NO_UNIQUE_IN_COMMUNITY = (
    "with_variable('house_no_key', if("
    + _is_own_key('"house_no"')
    + ", nullif(to_string(\"house_no\"), ''), "
    + _keyed_in_eval('"house_no"')
    + "), with_variable('numbers', eval('aggregate(''"
    + HOUSEHOLDS_REF
    + "'', ''array_agg'', \"house_no\", filter:=\"community_id\" = ' || "
    + _literal("community_id")
    + " || ' AND \"household_id\" <> ' || "
    + _literal("household_id")
    + " || ')'), NOT coalesce(array_contains(@numbers, @house_no_key) OR array_length(array_filter(array_foreach("
    + "array_filter(@numbers, NOT "
    + _is_own_key("@element")
    + "), "
    + _keyed_in_eval("@element")
    + "), @element = @house_no_key)) > 0, false)))"
)


HOUSEHOLD_RULES: tuple[ConstraintRule, ...] = (
    ConstraintRule(
        schema.HOUSEHOLDS,
        "community_id",
        community_constraint_expression(COMMUNITIES_REF),
        HARD,
        Code(
            "point_in_community",
            "จุดที่ตั้งครัวเรือนต้องอยู่ภายในขอบเขตชุมชน หรือใกล้จุดที่ตั้งของชุมชนที่ยังไม่มีขอบเขต",
            "The household point must lie inside a community polygon, or near the point of a community "
            "without a boundary.",
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
        NOT_NULL,  # the range is the spin box's; the field's expression constraint is the soft one below
    ),
    # Soft: the mapper may save now and add the members later.
    ConstraintRule(
        schema.HOUSEHOLDS,
        "member_count",
        f"\"member_count\" IS NULL OR coalesce(relation_aggregate('{MEMBER_HOUSEHOLD_RELATION}', 'count', "
        '"member_id"), 0) = "member_count"',
        SOFT,
        Code(
            "member_rows_match_count",
            "จำนวนรายชื่อสมาชิกในตารางไม่เท่ากับจำนวนสมาชิกที่ระบุ (บันทึกไว้ก่อนแล้วกลับมาเพิ่มภายหลังได้)",
            "The members listed in the table are not as many as the member count (you can save now and "
            "add them later).",
        ),
    ),
)


def _label(name: str, language: str) -> str:
    return FIELD_LABELS.label(name, language) if FIELD_LABELS.get(name) else name


def _member_field_rule(name: str, has_hard_expression: bool) -> ConstraintRule:
    """Soft: a member answer the completeness rule asks for is filled (on that answer's own field)."""
    return ConstraintRule(
        schema.MEMBERS,
        name,
        _filled(schema.MEMBERS_SPEC, name),
        SOFT,
        Code(
            f"member_{name}_filled",
            f"ควรระบุ{_label(name, 'th')}: ครัวเรือนนับว่าข้อมูลครบเมื่อสมาชิกทุกคนมีคำตอบครบ",
            f"{_label(name, 'en')} should be filled: a household is complete only when every member's answers are.",
        ),
        NOT_NULL if has_hard_expression else EXPRESSION,
    )


def member_rules(rule: CompletenessRule = DEFAULT_RULE) -> tuple[ConstraintRule, ...]:
    """The member form's constraints; the soft ones ask for the member fields of `rule`, one per field."""
    hard = (
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
    )
    with_expression = {item.field for item in hard}
    soft = tuple(_member_field_rule(name, name in with_expression) for name in rule.member_fields)
    return hard + soft


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
    "bedridden": ("false", False),  # the check box of a new row reads "no" until ticked, never blank
    "row_version": ("1", False),
}

_NUMBER_RANGES = {
    "residence_years": _range(schema.HOUSEHOLDS_SPEC, "residence_years"),
    "member_count": _range(schema.HOUSEHOLDS_SPEC, "member_count"),
    "age": _range(schema.MEMBERS_SPEC, "age"),
}


def rules_of(layer: str, field_name: str, completeness: CompletenessRule = DEFAULT_RULE) -> list[ConstraintRule]:
    """Every constraint rule of a layer's field (hard first)."""
    found = [
        item for item in HOUSEHOLD_RULES + member_rules(completeness) if (item.layer, item.field) == (layer, field_name)
    ]
    return sorted(found, key=lambda item: item.strength != HARD)


def rule(layer: str, field_name: str, completeness: CompletenessRule = DEFAULT_RULE, strength=None) -> ConstraintRule:
    """The constraint rule of a layer's field, the hard one first unless `strength` says (KeyError when none)."""
    for candidate in rules_of(layer, field_name, completeness):
        if strength is None or candidate.strength == strength:
            return candidate
    raise KeyError(f"{layer}.{field_name}")


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


HIDDEN = QgsEditorWidgetSetup("Hidden", {})


def _field_index(layer: QgsVectorLayer, name: str) -> int:
    index = layer.fields().indexFromName(name)
    if index < 0:
        raise KeyError(f"{layer.name()} has no field {name}")
    return index


def apply_aliases(layer: QgsVectorLayer, language: str) -> None:
    """Field aliases in the language, for every field with a label."""
    for item in layer.fields():
        if FIELD_LABELS.get(item.name()):
            layer.setFieldAlias(_field_index(layer, item.name()), FIELD_LABELS.label(item.name(), language))


def apply_rules(
    layer: QgsVectorLayer, rules: tuple[ConstraintRule, ...], language: str, refs: LayerRefs = BY_NAME
) -> None:
    """Set each rule as the field's expression (or not-null) constraint, with its strength and description."""
    for item in rules:
        index = _field_index(layer, item.field)
        if item.kind == NOT_NULL:
            layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintNotNull, item.strength)
            continue
        layer.setConstraintExpression(index, item.resolved(refs), item.text(language))
        layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintExpression, item.strength)


def apply_defaults(layer: QgsVectorLayer, defaults: dict[str, tuple[str, bool]], refs: LayerRefs = BY_NAME) -> None:
    for name, (expression, on_update) in defaults.items():
        layer.setDefaultValueDefinition(_field_index(layer, name), QgsDefaultValue(refs.resolve(expression), on_update))


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


def member_list_element(
    members_relation, parent: QgsAttributeEditorElement, language: str
) -> QgsAttributeEditorRelation:
    """The member list of the household form: QGIS's relation editor, rows added in place (no member
    dialog over the household form), add and delete buttons only."""
    member_list = QgsAttributeEditorRelation(members_relation, parent)
    member_list.setRelationWidgetTypeId("relation_editor")
    member_list.setLabel(TAB_MEMBERS.label(language))
    member_list.setShowLabel(False)
    member_list.setForceSuppressFormPopup(True)
    member_list.setRelationEditorConfiguration(
        {"buttons": "AddChildFeature|DeleteChildFeature", "show_first_feature": True}
    )
    return member_list


def configure_households(layer: QgsVectorLayer, members_relation, language: str, refs: LayerRefs = BY_NAME) -> None:
    """The household form: widgets, defaults, constraints and the three tabs.

    `members_relation` is the QgsRelation members -> households (the member list's source);
    `refs` how expressions name the communities and households layers.
    """
    apply_aliases(layer, language)
    layer.setDisplayExpression('"house_no"')
    for name in ("house_no", "editor"):
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
    for name in ("fid", "row_version", "household_id"):
        layer.setEditorWidgetSetup(_field_index(layer, name), HIDDEN)
    apply_defaults(layer, HOUSEHOLD_DEFAULTS, refs)
    declare_row_version(layer)  # no lost update: every edit declares its version (core/storage/row_versions.py)
    apply_rules(layer, HOUSEHOLD_RULES, language, refs)

    config = _drag_and_drop(layer)
    root = config.invisibleRootContainer()
    household = _tab(TAB_HOUSEHOLD.label(language), root)
    _add_fields(household, layer, ("community_id", "house_no", "building_type", "residence_years", "member_count"))
    members = _tab(TAB_MEMBERS.label(language), root)
    members.addChildElement(member_list_element(members_relation, members, language))
    record = _tab(TAB_RECORD.label(language), root)
    _add_fields(record, layer, ("created_at", "updated_at", "editor"))
    for tab in (household, members, record):
        config.addTab(tab)
    for name in ("household_id", "community_id", "created_at", "updated_at", "editor"):
        config.setReadOnly(_field_index(layer, name), True)
    layer.setEditFormConfig(config)


def member_table_config(layer: QgsVectorLayer) -> QgsAttributeTableConfig:
    """The members' attribute table (also the household form's member table): the answers in
    MEMBER_TABLE_COLUMNS order; ids, the household link and the action column hidden."""
    config = layer.attributeTableConfig()
    config.update(layer.fields())
    columns = config.columns()
    order = {name: position for position, name in enumerate(MEMBER_TABLE_COLUMNS)}
    for column in columns:
        column.hidden = column.type != QgsAttributeTableConfig.Field or column.name not in order
    columns.sort(key=lambda column: order.get(column.name, len(order)))
    config.setColumns(columns)
    config.setActionWidgetVisible(False)
    return config


def configure_members(layer: QgsVectorLayer, language: str, rule: CompletenessRule = DEFAULT_RULE) -> None:
    """The member form and table (the rows of the household's member list); `rule` is the database's
    completeness rule."""
    apply_aliases(layer, language)
    layer.setDisplayExpression(
        "concat(coalesce(to_string(\"age\"), '–'), ' · ', represent_value(\"education\"), ' · ', "
        'represent_value("occupation"))'
    )
    layer.setEditorWidgetSetup(_field_index(layer, "age"), range_setup(*_NUMBER_RANGES["age"]))
    for name in ("education", "occupation", "disability"):
        layer.setEditorWidgetSetup(_field_index(layer, name), value_map_setup(CODE_LISTS_BY_FIELD[name], language))
    layer.setEditorWidgetSetup(
        _field_index(layer, "bedridden"), QgsEditorWidgetSetup("CheckBox", {"CheckedState": "", "UncheckedState": ""})
    )
    for name in ("fid", "row_version", "household_id", "member_id"):
        layer.setEditorWidgetSetup(_field_index(layer, name), HIDDEN)
    apply_defaults(layer, MEMBER_DEFAULTS)
    declare_row_version(layer)
    apply_rules(layer, member_rules(rule), language)

    config = _drag_and_drop(layer)
    _add_fields(config.invisibleRootContainer(), layer, MEMBER_TABLE_COLUMNS)
    layer.setEditFormConfig(config)
    layer.setAttributeTableConfig(member_table_config(layer))


def configure_reference_layer(layer: QgsVectorLayer, language: str, display_expression: str) -> None:
    """Communities and districts: labelled, read-only in the form (GIS staff edit them on purpose)."""
    apply_aliases(layer, language)
    layer.setDisplayExpression(display_expression)
    if layer.fields().indexFromName("fid") >= 0:
        layer.setEditorWidgetSetup(_field_index(layer, "fid"), HIDDEN)
    derived = ("size_class", "households_entered", "households_complete", "coverage_pct", "coverage_flag")
    _set_read_only(layer, tuple(name for name in derived if layer.fields().indexFromName(name) >= 0))

"""Awkward values and what the completeness rule makes of them: the table every dialect is held to
(tests/test_completeness_agreement.py: Python, SQLite, GeoPackage, QGIS; tests/postgis/
test_completeness_postgis.py: PostgreSQL). It holds the values where the old copies of "filled"
disagreed: '\\t' and U+00A0 (SQLite TRIM, PostGIS btrim), an unknown code and 150 (no validity)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kr8310_plugin.core.rules.completeness import DEFAULT_RULE, CompletenessRule
from kr8310_plugin.definitions.schema import COMMUNITIES_SPEC, HOUSEHOLDS_SPEC, MEMBERS_SPEC, FieldSpec, LayerSpec

# What a value is for each kind of field ("x" filled, "." not):
#   T text (and fields the schema does not know)   C code list, a value that is no key of it
#   Y number 0-120 (age, residence_years)           N number 1-99 (member_count)
#   B boolean                                       D datetime
#   R real without a range (coverage_pct)
COLUMNS = "TCYNBDR"

BLANKS = (
    "",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\v\f",
    "\x1c\x1f",
    "\x85",
    "\u00a0",
    "\u1680",
    "\u2007",
    "\u200a",
    "\u2028\u2029",
    "\u202f",
    "\u205f",
    "\u3000",
    "\u200b",
    "\u200c\u200d",
    "\u2060",
    "\ufeff",
    "\u180e",
    " \u00a0\u200b\u3000\t\ufeff ",
)

VALUES: tuple[tuple[object, str], ...] = (
    (None, "......."),
    (float("nan"), "......."),  # SQLite stores NaN as NULL
    *((blank, ".......") for blank in BLANKS),
    # Numbers: a bool is the number 0/1, as every store keeps it.
    (0, "x.x.xxx"),
    (False, "x.x.xxx"),
    (True, "x.xxxxx"),
    (1, "x.xxxxx"),
    (1.0, "x.xxxxx"),
    (2, "x.xx.xx"),
    (5, "x.xx.xx"),
    (0.5, "x.x..xx"),
    (-1, "x....xx"),
    (99, "x.xx.xx"),
    (100, "x.x..xx"),
    (120, "x.x..xx"),
    (121, "x....xx"),
    (150, "x....xx"),
    (1e300, "x....xx"),
    (float("inf"), "x....x."),  # not a survey answer
    (float("-inf"), "x....x."),
    # Text: a numeric string is text, not a number; '0' and 'yes' are not booleans.
    ("0", "x....x."),
    ("1", "x....x."),
    ("5", "x....x."),
    ("150", "x....x."),
    ("yes", "x....x."),
    ("true", "x....x."),
    ("บ้านเลขที่ ๑๒", "x....x."),
    ("12/3", "x....x."),
    (" 12/3 ", "x....x."),
    ("\u00a012/3\u200b", "x....x."),
    ("\t12/3\n", "x....x."),
    ("a\u200bb", "x....x."),
    ("unknown_code", "x....x."),
    ("Bachelor", "x....x."),
    ("bachelor ", "x....x."),
    (" none", "x....x."),
    ("NONE", "x....x."),
    ("ปริญญาตรี", "x....x."),  # a label, not the key
    ("2024-05-01T10:00:00Z", "x....x."),
    ("'; DROP TABLE households; --", "x....x."),
)


@dataclass(frozen=True)
class FieldCase:
    layer: LayerSpec
    name: str
    column: str  # which column of VALUES gives the verdicts

    @property
    def spec(self) -> FieldSpec | None:
        return self.layer.get(self.name)

    @property
    def kind(self) -> str:
        return self.spec.kind if self.spec else "text"

    @property
    def id(self) -> str:
        return f"{self.layer.name}.{self.name}"


FIELDS = (
    FieldCase(HOUSEHOLDS_SPEC, "house_no", "T"),
    FieldCase(HOUSEHOLDS_SPEC, "building_type", "C"),
    FieldCase(HOUSEHOLDS_SPEC, "residence_years", "Y"),
    FieldCase(HOUSEHOLDS_SPEC, "member_count", "N"),
    FieldCase(HOUSEHOLDS_SPEC, "created_at", "D"),
    FieldCase(HOUSEHOLDS_SPEC, "nickname", "T"),  # not in the schema: plain not-NULL-not-blank
    FieldCase(MEMBERS_SPEC, "age", "Y"),
    FieldCase(MEMBERS_SPEC, "education", "C"),
    FieldCase(MEMBERS_SPEC, "occupation", "C"),
    FieldCase(MEMBERS_SPEC, "disability", "C"),
    FieldCase(MEMBERS_SPEC, "bedridden", "B"),
    FieldCase(COMMUNITIES_SPEC, "coverage_pct", "R"),
)
FIELDS_BY_NAME = {case.name: case for case in FIELDS}

# Every key of every code list: valid for its own field, an unknown code anywhere else.
ALL_CODES = sorted({key for case in FIELDS if case.spec and case.spec.code_list for key in case.spec.codes})


def cases(field: FieldCase) -> list[tuple[object, bool]]:
    """(value, filled?) for one field: the shared table plus, for a code list, every code."""
    position = COLUMNS.index(field.column)
    rows = [(value, verdicts[position] == "x") for value, verdicts in VALUES]
    if field.column == "C":
        keys = set(field.spec.codes)
        rows += [(code, code in keys) for code in ALL_CODES]
    elif field.column in "TD":
        rows += [(code, True) for code in ALL_CODES[:3]]
    return rows


CUSTOM_RULE = CompletenessRule(
    household_fields=("house_no", "member_count", "created_at", "nickname"),
    member_fields=("age", "bedridden"),
)
RULES = {"default": DEFAULT_RULE, "custom": CUSTOM_RULE}


def rule_fields(rule: CompletenessRule, layer: str) -> tuple[str, ...]:
    return rule.household_fields if layer == "households" else rule.member_fields


def rule_rows(rule: CompletenessRule, layer: str) -> Iterator[tuple[dict[str, object], bool]]:
    """(row, every required field filled?) for the households or members of `rule`: complete
    rows, and rows with exactly one field left unfilled in each way the table knows."""
    names = rule_fields(rule, layer)
    filled = {n: [v for v, ok in cases(FIELDS_BY_NAME[n]) if ok] for n in names}
    unfilled = {n: [v for v, ok in cases(FIELDS_BY_NAME[n]) if not ok] for n in names}
    for index in range(max(len(values) for values in filled.values())):
        yield {n: filled[n][index % len(filled[n])] for n in names}, True
    for position, name in enumerate(names):
        for index, value in enumerate(unfilled[name]):
            row = {n: filled[n][(index + position) % len(filled[n])] for n in names}
            row[name] = value
            yield row, False

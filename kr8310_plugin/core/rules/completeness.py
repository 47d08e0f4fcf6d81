"""KR 8310 completeness: when a value counts as filled, and when a household is complete.

One definition, generated dialects: the Python rule (`is_filled`) and its emitters for SQLite
and PostgreSQL SQL (`filled_sql`) and QGIS expressions (`filled_expression`) sit side by side,
and tests/test_completeness_agreement.py proves them equal over a table of awkward values.

"Filled" means entered AND valid, judged by the field's FieldSpec (definitions/schema.py):

- NULL (None, a NULL QVariant, a null QDateTime, NaN) is never filled.
- Text: not blank, blank meaning only the characters of definitions/text_rules.py
  (Unicode whitespace and zero-width characters). Any non-text value is not blank.
- Text with a code list: exactly one of the list's keys (labels, unknown codes, padded keys
  are not filled).
- Integer and real: a finite number (bool counts as 0/1, as every store keeps it) within the
  field's minimum/maximum; text such as '5' is not a number.
- Boolean: true/false or a number equal to 0 or 1 (SQLite stores 0/1); '0', 'yes' and 2 are not.
- Datetime: not NULL and, when stored as text, not blank.
- Without a FieldSpec: not NULL and not blank.

Each dialect judges the values its store can hold: SQLite by storage class (typeof), so a
'5' in a column without numeric affinity is text there as in Python; PostgreSQL by column
type; QGIS expressions the typed values a QGIS field holds (providers convert on storing, so
an integer field never holds the text '5'; expressions cannot tell '5' from 5).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from ...definitions.schema import (
    CODE_LISTS_BY_NAME,
    HOUSEHOLDS_SPEC,
    MEMBER_COUNT_MIN,
    MEMBERS_SPEC,
    REQUIRED_HOUSEHOLD_FIELDS,
    REQUIRED_MEMBER_FIELDS,
    FieldSpec,
    LayerSpec,
)
from ...definitions.text_rules import BLANK_CHARACTERS
from .sql_text import POSTGRES, QGIS_EXPRESSION, SQL_DIALECTS, SQLITE, quote_identifier, quote_literal

# Bumped whenever what "filled" or "complete" means changes, so a stored result can say which
# definition produced it. 1: not NULL and not blank (ASCII whitespace); 2: entered and valid.
COMPLETENESS_RULE_VERSION = 2

_NUMBER_KINDS = ("integer", "real")
_KINDS = ("text", "integer", "real", "datetime", "boolean")


@dataclass(frozen=True)
class CompletenessRule:
    """Which fields must be filled for a household to count as complete (KR 8310 "data entered")."""

    household_fields: tuple[str, ...] = REQUIRED_HOUSEHOLD_FIELDS
    member_fields: tuple[str, ...] = REQUIRED_MEMBER_FIELDS
    version: int = COMPLETENESS_RULE_VERSION


DEFAULT_RULE = CompletenessRule()

# The fields a rule may require: what a mapper answers, never ids or bookkeeping. The Options
# page offers them, kr8310:setcompletenessrule accepts only them, and the PostGIS coverage view
# reads the stored rule against them (core/storage/postgis/coverage_sql.py).
HOUSEHOLD_FIELD_CHOICES: tuple[str, ...] = ("house_no", "building_type", "residence_years", "member_count")
MEMBER_FIELD_CHOICES: tuple[str, ...] = ("age", "education", "occupation", "disability", "bedridden")


def parse_field_list(text: str) -> tuple[str, ...]:
    """'house_no, building_type' -> ('house_no', 'building_type'); blanks and repeats dropped."""
    return tuple(dict.fromkeys(item.strip() for item in text.replace(";", ",").split(",") if item.strip()))


def format_field_list(fields: Sequence[str]) -> str:
    """('house_no', 'building_type') -> 'house_no,building_type' (how the database stores a rule)."""
    return ",".join(fields)


def unknown_rule_fields(rule: CompletenessRule) -> tuple[list[str], list[str]]:
    """(household, member) field names of `rule` that no rule may require (see the choices above)."""
    return (
        [name for name in rule.household_fields if name not in HOUSEHOLD_FIELD_CHOICES],
        [name for name in rule.member_fields if name not in MEMBER_FIELD_CHOICES],
    )


# ---------------------------------------------------------------------------------------
# Python


@functools.cache
def _code_keys(code_list: str) -> frozenset[str]:
    # Looked up once per list: the engine asks half a million times per city.
    return frozenset(CODE_LISTS_BY_NAME[code_list].keys())


def _is_null(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value  # NaN: SQLite stores it as NULL
    if isinstance(value, (QVariant, QDateTime, QDate, QTime)):
        return value.isNull()
    return False


def _is_number(value: object) -> bool:
    # bool is an int: SQLite and QGIS integer fields store True as 1. Infinity is no survey answer.
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _in_range(value: int | float, spec: FieldSpec) -> bool:
    return (spec.minimum is None or value >= spec.minimum) and (spec.maximum is None or value <= spec.maximum)


def _text_filled(value: object) -> bool:
    if isinstance(value, str):
        return value.strip(BLANK_CHARACTERS) != ""
    return True  # a number, a date...: never blank


def is_filled(value: object, spec: FieldSpec | None = None) -> bool:
    """Whether `value` (as read from a QGIS feature, SQLite or psycopg2) counts as filled for
    the field `spec` describes; spec None: not NULL and not blank. See the module docstring."""
    if _is_null(value):
        return False
    if isinstance(value, QVariant):  # a non-NULL QVariant PyQt did not convert
        value = value.value()
    if spec is None:
        return _text_filled(value)
    kind = spec.kind
    if spec.code_list is not None:
        return isinstance(value, str) and value in _code_keys(spec.code_list)
    if kind in _NUMBER_KINDS:
        return _is_number(value) and _in_range(value, spec)
    if kind == "boolean":
        return _is_number(value) and value in (0, 1)
    if kind in ("text", "datetime"):
        return _text_filled(value)
    raise ValueError(f"unknown field kind {kind!r}")


def _fields_filled(values: Mapping[str, object], layer: LayerSpec, names: Sequence[str]) -> bool:
    return all(is_filled(values[name], layer.get(name)) for name in names)


def household_fields_filled(values: Mapping[str, object], rule: CompletenessRule = DEFAULT_RULE) -> bool:
    """Whether every required household field of `rule` is filled in `values` (anything indexed
    by field name: a dict, a QgsFeature). KeyError when a required field is missing."""
    return _fields_filled(values, HOUSEHOLDS_SPEC, rule.household_fields)


def member_filled(values: Mapping[str, object], rule: CompletenessRule = DEFAULT_RULE) -> bool:
    """Whether every required member field of `rule` is filled in one member's `values`."""
    return _fields_filled(values, MEMBERS_SPEC, rule.member_fields)


def is_complete_household(
    has_geometry: bool, fields_filled: bool, member_count: int | None, member_rows: int, complete_member_rows: int
) -> bool:
    """The KR 8310 completeness rule for one household: a point, the required fields filled,
    member_count >= 1, exactly member_count member rows and every one of them complete.

    Plain values, not objects: the engine calls this half a million times per city.
    """
    return bool(
        has_geometry
        and fields_filled
        and member_count is not None
        and member_count >= MEMBER_COUNT_MIN
        and member_rows == member_count
        and complete_member_rows == member_rows
    )


# ---------------------------------------------------------------------------------------
# SQL (SQLite: 1 or 0; PostgreSQL: true or false; never NULL)


def complete_household_sql(
    has_geometry: str, fields_filled: str, member_count: str, member_rows: str, complete_member_rows: str
) -> str:
    """`is_complete_household` as an SQL condition over five SQL expressions (SQLite and
    PostgreSQL alike); `member_rows` and `complete_member_rows` must not be NULL."""
    return (
        f"({has_geometry} AND {fields_filled} AND {member_count} IS NOT NULL "
        f"AND {member_count} >= {MEMBER_COUNT_MIN} AND {member_rows} = {member_count} "
        f"AND {complete_member_rows} = {member_rows})"
    )


def _column_sql(column: str, dialect: str, qualifier: str) -> str:
    quoted = quote_identifier(column, dialect)
    return f"{quote_identifier(qualifier, dialect)}.{quoted}" if qualifier else quoted


def _range_sql(quoted: str, spec: FieldSpec, dialect: str) -> list[str]:
    """The range of a number, and where a bound is missing the finite limit in its place
    (SQLite stores infinity in any column, PostgreSQL in double precision)."""
    conditions = []
    if spec.minimum is not None:
        conditions.append(f"{quoted} >= {quote_literal(spec.minimum, dialect)}")
    elif dialect == SQLITE:
        conditions.append(f"{quoted} > -9e999")  # SQLite reads 9e999 as infinity
    elif dialect == POSTGRES and spec.kind == "real":
        conditions.append(f"{quoted} > '-Infinity'")
    if spec.maximum is not None:
        conditions.append(f"{quoted} <= {quote_literal(spec.maximum, dialect)}")
    elif dialect == SQLITE:
        conditions.append(f"{quoted} < 9e999")
    elif dialect == POSTGRES and spec.kind == "real":
        conditions.append(f"{quoted} < 'Infinity'")  # PostgreSQL sorts NaN above it: excluded too
    return conditions


def _codes_sql(quoted: str, spec: FieldSpec, dialect: str) -> str:
    keys = ", ".join(quote_literal(key, dialect) for key in spec.codes)
    return f"{quoted} IN ({keys})"


def filled_sql(column: str, spec: FieldSpec | None = None, dialect: str = SQLITE, qualifier: str = "") -> str:
    """`is_filled` of one column as an SQL condition for `dialect` ("sqlite" or "postgres").

    `column` is the column's name (quoted here), `qualifier` an optional table name or alias.
    SQLite gives 1 or 0, PostgreSQL true or false, never NULL. ValueError for another dialect.
    """
    if dialect not in SQL_DIALECTS:
        raise ValueError(f"unknown SQL dialect {dialect!r}; expected one of {', '.join(SQL_DIALECTS)}")
    quoted = _column_sql(column, dialect, qualifier)
    kind = "text" if spec is None else spec.kind
    if kind not in _KINDS:
        raise ValueError(f"unknown field kind {kind!r}")
    if spec is not None and spec.code_list is not None:
        conditions = [f"{quoted} IS NOT NULL", _codes_sql(quoted, spec, dialect)]
    elif dialect == SQLITE and kind in _NUMBER_KINDS:
        # By storage class: text such as '5' in a column without numeric affinity stays text.
        conditions = [f"typeof({quoted}) IN ('integer', 'real')", *_range_sql(quoted, spec, dialect)]
    elif dialect == SQLITE and kind == "boolean":
        conditions = [f"typeof({quoted}) IN ('integer', 'real')", f"{quoted} IN (0, 1)"]
    elif kind in _NUMBER_KINDS:
        conditions = [f"{quoted} IS NOT NULL", *_range_sql(quoted, spec, dialect)]
    elif dialect == POSTGRES and kind in ("boolean", "datetime"):
        conditions = [f"{quoted} IS NOT NULL"]  # the column type admits nothing else
    else:  # text, datetime stored as text, unknown fields
        trim = "TRIM" if dialect == SQLITE else "btrim"
        cast = "TEXT" if dialect == SQLITE else "text"
        blank = quote_literal(BLANK_CHARACTERS, dialect)
        conditions = [f"{quoted} IS NOT NULL", f"{trim}(CAST({quoted} AS {cast}), {blank}) <> ''"]
    return "(" + " AND ".join(conditions) + ")"


def all_filled_sql(columns: Sequence[str], layer_spec: LayerSpec, dialect: str = SQLITE, qualifier: str = "") -> str:
    """SQL condition: every column in `columns` is filled (true when there are none); each judged
    by its FieldSpec in `layer_spec`, a column the schema does not know as plain not-blank."""
    if not columns:
        return quote_literal(True, dialect)
    return "(" + " AND ".join(filled_sql(c, layer_spec.get(c), dialect, qualifier) for c in columns) + ")"


# ---------------------------------------------------------------------------------------
# QGIS expressions (true or false, never NULL)


def _regex_class(characters: str) -> str:
    # PCRE escapes keep the expression ASCII (QGIS string literals know no \u escape).
    return "".join(f"\\x{{{ord(c):04X}}}" for c in characters)


# Filled text has at least one character that is not blank.
_NOT_BLANK_PATTERN = quote_literal(f"[^{_regex_class(BLANK_CHARACTERS)}]", QGIS_EXPRESSION)


def filled_expression(field: str, spec: FieldSpec | None = None) -> str:
    """`is_filled` of one field as a QGIS expression (QGIS 3.22+), true or false, never NULL.

    Judges the typed values a QGIS field of `spec.kind` holds (see the module docstring).
    """
    quoted = quote_identifier(field, QGIS_EXPRESSION)
    kind = "text" if spec is None else spec.kind
    if kind not in _KINDS:
        raise ValueError(f"unknown field kind {kind!r}")
    conditions = [f"{quoted} IS NOT NULL"]
    if spec is not None and spec.code_list is not None:
        conditions.append(_codes_sql(quoted, spec, QGIS_EXPRESSION))
    elif kind in _NUMBER_KINDS:
        if kind == "real":
            # QGIS cannot compare NaN or infinity (an evaluation error); AND stops before it does.
            conditions.append(f"to_string({quoted}) NOT IN ('nan', 'inf', '-inf')")
        conditions += _range_sql(quoted, spec, QGIS_EXPRESSION)
    elif kind == "boolean":
        # QGIS compares a bool with a number as text, so both spellings are listed.
        conditions.append(f"{quoted} IN (0, 1, true, false)")
    else:
        conditions.append(f"regexp_match(to_string({quoted}), {_NOT_BLANK_PATTERN}) > 0")
    return "(" + " AND ".join(conditions) + ")"


def all_filled_expression(fields: Sequence[str], layer_spec: LayerSpec) -> str:
    """QGIS expression: every field in `fields` is filled (true when there are none)."""
    if not fields:
        return "true"
    return "(" + " AND ".join(filled_expression(f, layer_spec.get(f)) for f in fields) + ")"

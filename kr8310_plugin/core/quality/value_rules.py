"""When an entered value breaks its field's rule (the quality checks' out-of-range values): one
rule, in Python and as SQLite conditions generated from the same FieldSpecs (definitions/schema.py).

- Python, `breaks_spec`: a value as QGIS reads it breaks its FieldSpec when it is filled and not a
  code of its code list, or not a whole number within the field's range; a boolean field takes
  0/1/true/false. A blank value breaks nothing (completeness is another question).
- SQLite, `plainly_allowed_sql`: true for the stored values SQL can judge alone — NULL, an integer
  (storage class) in range, a text that is a code of the list. Every other stored value (text in an
  integer column, a real, a blank) is left to the Python rule, on the value as QGIS reads it (GDAL
  converts stored values to the field's type). So the SQL never decides a value the Python rule
  would judge otherwise: tests/test_quality_fast_path.py proves "plainly allowed" implies "allowed"
  over awkward stored values.
- PostgreSQL, `plainly_allowed_postgres_sql`: on a column of the field's own type, the field's CHECK
  (FieldSpec.sql_check) is the rule; on any other type only NULL is plain, the rest left to Python.
- `guaranteed_by_check`: a column declared with the FieldSpec's own CHECK constraint (as
  core/storage/gpkg_database.py creates it) holds only values the rule allows, so nothing there
  needs looking at.
"""

from __future__ import annotations

from ...definitions.schema import FieldSpec
from ..rules.completeness import is_filled
from ..rules.sql_text import POSTGRES, SQLITE, quote_identifier, quote_literal

BOOLEAN_TEXTS = ("0", "1", "true", "false")
POSTGRES_INTEGER_TYPES = {"smallint", "integer", "bigint"}
POSTGRES_TEXT_TYPES = {"text", "character varying"}


def whole_number(value: object) -> int | None:
    """An integer attribute as int; None for blank or anything not a whole number."""
    if not is_filled(value) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def breaks_spec(value: object, spec: FieldSpec) -> bool:
    """Whether an entered value (as QGIS reads it) breaks its FieldSpec (see the module docstring)."""
    if not is_filled(value):
        return False
    if spec.kind == "boolean":
        return str(value).lower() not in BOOLEAN_TEXTS
    if spec.code_list is not None:
        return str(value) not in spec.codes
    number = whole_number(value)
    if number is None:
        return True
    return (spec.minimum is not None and number < spec.minimum) or (spec.maximum is not None and number > spec.maximum)


def plainly_allowed_sql(column: str, spec: FieldSpec) -> str:
    """SQLite condition: the stored value of `column` is one the Python rule allows, judged from its
    storage class alone (NULL; an integer in range; a code of the list). False means "ask Python"."""
    quoted = quote_identifier(column, SQLITE)
    if spec.kind == "boolean":
        return f"({quoted} IS NULL OR (typeof({quoted}) = 'integer' AND {quoted} IN (0, 1)))"
    if spec.code_list is not None:
        codes = ", ".join(quote_literal(code, SQLITE) for code in spec.codes)
        return f"({quoted} IS NULL OR (typeof({quoted}) = 'text' AND {quoted} IN ({codes})))"
    bounds = [f"typeof({quoted}) = 'integer'"]
    if spec.minimum is not None:
        bounds.append(f"{quoted} >= {spec.minimum!r}")
    if spec.maximum is not None:
        bounds.append(f"{quoted} <= {spec.maximum!r}")
    return f"({quoted} IS NULL OR ({' AND '.join(bounds)}))"


def plainly_allowed_postgres_sql(column: str, spec: FieldSpec, column_type: str) -> str:
    """PostgreSQL condition: the value of `column` (of `column_type`, as format_type names it) is one
    value_rules.breaks_spec allows, as QGIS reads it. The rule is the field's own CHECK
    (FieldSpec.sql_check): on a column of the field's type a value passing it is allowed, NULL too,
    a boolean column holds nothing else; false means "ask Python" (a blank code, a value of another
    type), never a value Python allows being refused."""
    quoted = quote_identifier(column, POSTGRES)
    base_type = column_type.split("(")[0].strip()
    if spec.kind == "boolean" and base_type == "boolean":
        return "true"
    typed = (spec.code_list is not None and base_type in POSTGRES_TEXT_TYPES) or (
        spec.kind == "integer" and spec.code_list is None and base_type in POSTGRES_INTEGER_TYPES
    )
    if not typed:
        return f"({quoted} IS NULL)"
    if not spec.sql_check:
        return "true"
    return f"({quoted} IS NULL OR ({spec.sql_check}))"  # the CHECK names the column as it is: a plain word


def check_clause(spec: FieldSpec) -> str:
    """The CHECK constraint a community database declares on the column of `spec` ('' when none)."""
    return f"CHECK ({spec.name} IS NULL OR ({spec.sql_check}))" if spec.sql_check else ""


def guaranteed_by_check(table_sql: str, spec: FieldSpec) -> bool:
    """Whether a table's CREATE statement declares the CHECK of `spec` on its column, so that no stored
    value of it breaks the rule: what passes the CHECK is NULL, a code of the list, or a number in
    range, which GDAL reads as a whole number in range (a real is truncated towards it)."""
    clause = check_clause(spec)
    if not clause or spec.kind == "boolean":
        return False
    return clause in table_sql

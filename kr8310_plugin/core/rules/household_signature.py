"""A household's completeness signature: what it has, whatever the rule asks of it.

"Filled" (core/rules/completeness.py) does not depend on the rule; only *which* fields are
required does. So one integer per household records everything any rule can ask:

- bit 0 ``HAS_GEOMETRY``: a point that is not NULL and not empty;
- bit 1 ``COUNT_OK``: member_count is a whole number >= MEMBER_COUNT_MIN and the household has
  exactly that many member rows;
- one bit per field of HOUSEHOLD_FIELD_CHOICES that is filled;
- one bit per field of MEMBER_FIELD_CHOICES that *every* member has filled (all set when the
  household has no member rows yet, as "every" is true of none: COUNT_OK is then unset anyway,
  and a household's first complete member changes nothing, so a new household's members
  cost no extra change of the counts).

A rule is a mask (`rule_mask`: HAS_GEOMETRY and COUNT_OK always in it); a household is complete
under a rule when ``signature & mask == mask`` (`complete_under`), which is exactly
completeness.is_complete_household for every rule (tests/test_household_signature.py proves it,
and that the SQLite and PostgreSQL dialects give the Python signature).

The engine's edge cases hold: members belong to the household whose *key* they name, the key
being its household_id, or 'fid:N' when that is blank (the engine's name for it, which no member
names in practice); members with a blank household_id belong to nobody; a household's community
is its community_id when filled, else none (the key '' here: unassigned). A GeoPackage geometry
is present when its blob has more than the 8-byte header and the header's "empty" flag (bit 4 of
the flags byte) is unset — tested in plain SQL, so every writer (QGIS/GDAL, python sqlite3)
can run the triggers that use it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...definitions.schema import GEOMETRY_COLUMN, HOUSEHOLDS_SPEC, MEMBER_COUNT_MIN, MEMBERS_SPEC
from .completeness import HOUSEHOLD_FIELD_CHOICES, MEMBER_FIELD_CHOICES, CompletenessRule, filled_sql, is_filled
from .sql_text import POSTGRES, SQL_DIALECTS, SQLITE, quote_identifier

HAS_GEOMETRY = 1
COUNT_OK = 2
HOUSEHOLD_FIELD_BITS: dict[str, int] = {name: 1 << (2 + i) for i, name in enumerate(HOUSEHOLD_FIELD_CHOICES)}
MEMBER_FIELD_BITS: dict[str, int] = {
    name: 1 << (2 + len(HOUSEHOLD_FIELD_CHOICES) + i) for i, name in enumerate(MEMBER_FIELD_CHOICES)
}
ALWAYS_REQUIRED = HAS_GEOMETRY | COUNT_OK
UNASSIGNED_KEY = ""  # the community key of a household without a (filled) community_id

_GPKG_FLAG_EMPTY = 0x10
_GPKG_HEADER_BYTES = 8


# ---------------------------------------------------------------------------------------
# Python


def geopackage_geometry_present(blob: bytes | None) -> bool:
    """Whether a GeoPackage geometry blob holds a geometry: not NULL, more than the header,
    the header's empty flag unset (what the engine reads from a GeoPackage)."""
    return bool(blob) and len(blob) > _GPKG_HEADER_BYTES and not blob[3] & _GPKG_FLAG_EMPTY


def rule_mask(rule: CompletenessRule) -> int | None:
    """The mask of `rule`; None when it requires a field no rule may require (then only the
    engine's full recompute knows the answer)."""
    if any(name not in HOUSEHOLD_FIELD_BITS for name in rule.household_fields) or any(
        name not in MEMBER_FIELD_BITS for name in rule.member_fields
    ):
        return None
    mask = ALWAYS_REQUIRED
    for name in rule.household_fields:
        mask |= HOUSEHOLD_FIELD_BITS[name]
    for name in rule.member_fields:
        mask |= MEMBER_FIELD_BITS[name]
    return mask


def complete_under(signature: int, mask: int) -> bool:
    """Whether a household of `signature` is complete under the rule of `mask`."""
    return signature & mask == mask


def household_signature(
    has_geometry: bool,
    household: Mapping[str, object],
    member_count: int | None,
    members: Sequence[Mapping[str, object]],
) -> int:
    """The signature of one household: `household` indexed by field name (every field of
    HOUSEHOLD_FIELD_CHOICES), `member_count` as the engine reads it (a whole number or None),
    `members` the values of its member rows."""
    signature = HAS_GEOMETRY if has_geometry else 0
    if member_count is not None and member_count >= MEMBER_COUNT_MIN and len(members) == member_count:
        signature |= COUNT_OK
    for name, bit in HOUSEHOLD_FIELD_BITS.items():
        if is_filled(household[name], HOUSEHOLDS_SPEC.get(name)):
            signature |= bit
    for name, bit in MEMBER_FIELD_BITS.items():
        spec = MEMBERS_SPEC.get(name)
        if all(is_filled(member[name], spec) for member in members):
            signature |= bit
    return signature


# ---------------------------------------------------------------------------------------
# SQL (SQLite and PostgreSQL): integers, never NULL


def _check(dialect: str) -> None:
    if dialect not in SQL_DIALECTS:
        raise ValueError(f"unknown SQL dialect {dialect!r}; expected one of {', '.join(SQL_DIALECTS)}")


def _column(alias: str, name: str, dialect: str) -> str:
    return f"{alias}.{quote_identifier(name, dialect)}"


def _as_number(condition: str) -> str:
    return f"(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _bit(condition: str, bit: int) -> str:
    return f"(CASE WHEN {condition} THEN {bit} ELSE 0 END)"


def geometry_present_sql(alias: str = "h", dialect: str = SQLITE) -> str:
    """`geopackage_geometry_present` (SQLite: the blob's header, no custom function) or, in
    PostgreSQL, a geometry that is not NULL and not empty; a condition."""
    _check(dialect)
    geom = _column(alias, GEOMETRY_COLUMN, dialect)
    if dialect == POSTGRES:
        return f"({geom} IS NOT NULL AND NOT ST_IsEmpty({geom}))"
    # The flags byte's high hex digit is odd exactly when bit 4 (empty) is set.
    return (
        f"({geom} IS NOT NULL AND length(CAST({geom} AS BLOB)) > {_GPKG_HEADER_BYTES} "
        f"AND instr('13579BDF', substr(hex(substr(CAST({geom} AS BLOB), 4, 1)), 1, 1)) = 0)"
    )


def household_key_sql(alias: str = "h", dialect: str = SQLITE) -> str:
    """The key members name a household by: its household_id when filled, else 'fid:N'."""
    _check(dialect)
    household_id = _column(alias, "household_id", dialect)
    fid = f"CAST({alias}.fid AS {'TEXT' if dialect == SQLITE else 'text'})"
    return (
        f"(CASE WHEN {filled_sql('household_id', None, dialect, alias)} THEN {household_id} ELSE 'fid:' || {fid} END)"
    )


def community_key_sql(alias: str = "h", dialect: str = SQLITE) -> str:
    """A household's community key: its community_id when filled, else UNASSIGNED_KEY ('')."""
    _check(dialect)
    community_id = _column(alias, "community_id", dialect)
    return f"(CASE WHEN {filled_sql('community_id', None, dialect, alias)} THEN {community_id} ELSE '' END)"


def member_count_sql(alias: str = "h", dialect: str = SQLITE) -> str:
    """member_count as the engine reads it: a number truncated to a whole one, anything else NULL."""
    _check(dialect)
    quoted = _column(alias, "member_count", dialect)
    if dialect == POSTGRES:
        return quoted
    return f"(CASE WHEN typeof({quoted}) IN ('integer', 'real') THEN CAST({quoted} AS INTEGER) END)"


def household_bits_sql(alias: str = "h", dialect: str = SQLITE) -> str:
    """HAS_GEOMETRY and the household field bits of the household row `alias`."""
    terms = [_bit(geometry_present_sql(alias, dialect), HAS_GEOMETRY)]
    terms += [
        _bit(filled_sql(name, HOUSEHOLDS_SPEC.get(name), dialect, alias), bit)
        for name, bit in HOUSEHOLD_FIELD_BITS.items()
    ]
    return "(" + " | ".join(terms) + ")"


def member_bits_aggregate_sql(alias: str = "m", dialect: str = SQLITE) -> str:
    """An aggregate over a household's member rows `alias`: the member field bits (all for no rows)."""
    _check(dialect)
    terms = [
        _bit(f"coalesce(min({_as_number(filled_sql(name, MEMBERS_SPEC.get(name), dialect, alias))}), 1) = 1", bit)
        for name, bit in MEMBER_FIELD_BITS.items()
    ]
    return "(" + " | ".join(terms) + ")"


def count_ok_sql(member_count: str, member_rows: str) -> str:
    """COUNT_OK from the engine's member_count (an SQL expression, NULL when not a number) and
    the number of member rows (never NULL); the same in both dialects."""
    return _bit(
        f"{member_count} IS NOT NULL AND {member_count} >= {MEMBER_COUNT_MIN} AND {member_rows} = {member_count}",
        COUNT_OK,
    )


def signature_sql(members_table: str, alias: str = "h", dialect: str = SQLITE) -> str:
    """The signature of the household row `alias` as an SQL integer, its members read from
    `members_table` (a quoted, possibly schema-qualified name) by one indexed lookup."""
    member_count = member_count_sql(alias, dialect)
    members = (
        f"(SELECT {count_ok_sql(member_count, 'count(*)')} | {member_bits_aggregate_sql('m', dialect)} "
        f"FROM {members_table} m WHERE m.household_id = {household_key_sql(alias, dialect)})"
    )
    return f"({household_bits_sql(alias, dialect)} | {members})"

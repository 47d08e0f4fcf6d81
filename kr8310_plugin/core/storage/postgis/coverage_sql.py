"""Coverage computed by the PostgreSQL server: the view's SQL and the per-community query.

The same rule as core/coverage/engine.py, generated from core/rules/completeness.py (tests
compare them). The per-community query takes the rule from its caller; the view (and the
function the planners call) reads the rule stored in the schema's settings table
(core/storage/settings_table.py) on every query, so a changed rule needs no new view. This
module returns plain rows; core/coverage/postgis_path.py turns them into the engine's results.
"""

from __future__ import annotations

from collections.abc import Sequence

from qgis.core import NULL

from ....definitions.schema import (
    COMMUNITIES,
    GEOMETRY_COLUMN,
    HOUSEHOLDS,
    HOUSEHOLDS_SPEC,
    MEMBERS,
    MEMBERS_SPEC,
    REQUIRED_HOUSEHOLD_FIELDS,
    REQUIRED_MEMBER_FIELDS,
    LayerSpec,
)
from ...rules.completeness import (
    DEFAULT_RULE,
    HOUSEHOLD_FIELD_CHOICES,
    MEMBER_FIELD_CHOICES,
    all_filled_sql,
    complete_household_sql,
    filled_sql,
    format_field_list,
)
from ...rules.coverage_flag import coverage_flag_sql, coverage_pct_sql
from ...rules.household_signature import household_key_sql
from ...rules.sql_text import POSTGRES
from .. import settings_table
from .connection import connect, execute, execute_on, quote_ident, quote_literal
from .target import COVERAGE_FUNCTION, KEY_COLUMN, parse_target


def _household_complete_sql(household_filled: str) -> str:
    """`is_complete_household` of a household row h joined to its member_stats s."""
    return complete_household_sql(
        f"(h.{GEOMETRY_COLUMN} IS NOT NULL AND NOT ST_IsEmpty(h.{GEOMETRY_COLUMN}))",
        household_filled,
        "h.member_count",
        "coalesce(s.member_rows, 0)",
        "coalesce(s.complete_rows, 0)",
    )


def _complete_sql(household_fields: Sequence[str], member_fields: Sequence[str]) -> tuple[str, str]:
    """(member row m complete, household h complete given member_stats s) as SQL conditions."""
    member_complete = all_filled_sql(member_fields, MEMBERS_SPEC, POSTGRES, qualifier="m")
    household_filled = all_filled_sql(household_fields, HOUSEHOLDS_SPEC, POSTGRES, qualifier="h")
    return member_complete, _household_complete_sql(household_filled)


def _stored_fields_sql(schema: str, key: str, default: Sequence[str]) -> str:
    """The stored rule's fields (settings table row `key`) as a text[]; `default` without the row."""
    table = f"{schema}.{settings_table.SETTINGS_TABLE}"
    stored = f"(SELECT value FROM {table} WHERE key = {quote_literal(key)})"
    return f"string_to_array(replace(coalesce({stored}, {quote_literal(format_field_list(default))}), ' ', ''), ',')"


def _required_filled_sql(required: str, choices: Sequence[str], spec: LayerSpec, qualifier: str) -> str:
    """Every field of `choices` that the text[] `required` names is filled (the stored rule in SQL)."""
    conditions = [
        f"(NOT ({quote_literal(name)} = ANY({required})) OR {filled_sql(name, spec.get(name), POSTGRES, qualifier)})"
        for name in choices
    ]
    return "(" + " AND ".join(conditions) + ")"


def coverage_select_sql(schema: str) -> str:
    """Per community: households_entered, households_complete, coverage_pct, coverage_flag, by the rule
    stored in the schema's settings table (the default rule while it has none)."""
    household_fields = _stored_fields_sql(schema, settings_table.KEY_HOUSEHOLD_FIELDS, DEFAULT_RULE.household_fields)
    member_fields = _stored_fields_sql(schema, settings_table.KEY_MEMBER_FIELDS, DEFAULT_RULE.member_fields)
    member_complete = _required_filled_sql("r.member_fields", MEMBER_FIELD_CHOICES, MEMBERS_SPEC, "m")
    household_complete = _household_complete_sql(
        _required_filled_sql("r.household_fields", HOUSEHOLD_FIELD_CHOICES, HOUSEHOLDS_SPEC, "h")
    )
    return f"""WITH required AS (
  SELECT {household_fields} AS household_fields, {member_fields} AS member_fields
), member_stats AS (
  SELECT m.household_id, count(*) AS member_rows, count(*) FILTER (WHERE {member_complete}) AS complete_rows
  FROM {schema}.{MEMBERS} m CROSS JOIN required r GROUP BY m.household_id
), household_stats AS (
  SELECT h.community_id, count(*) AS entered, count(*) FILTER (WHERE {household_complete}) AS complete
  FROM {schema}.{HOUSEHOLDS} h CROSS JOIN required r
  LEFT JOIN member_stats s ON s.household_id = {household_key_sql("h", POSTGRES)}
  WHERE {filled_sql("community_id", None, POSTGRES, "h")}
  GROUP BY h.community_id
)
SELECT c.{KEY_COLUMN}, c.{GEOMETRY_COLUMN}, c.community_id, c.name, c.district_code, c.registered_households,
       c.size_class,
       coalesce(hs.entered, 0)::integer AS households_entered,
       coalesce(hs.complete, 0)::integer AS households_complete,
       {coverage_pct_sql("c.registered_households", "coalesce(hs.complete, 0)", POSTGRES)} AS coverage_pct,
       {coverage_flag_sql("c.registered_households", "coalesce(hs.entered, 0)", "coalesce(hs.complete, 0)", POSTGRES)}
         AS coverage_flag
FROM {schema}.{COMMUNITIES} c LEFT JOIN household_stats hs ON hs.community_id = c.community_id
WHERE {filled_sql("community_id", None, POSTGRES, "c")}"""


def _plain(item: object) -> object:
    """QGIS gives SQL NULL as a NULL QVariant: make it None."""
    return None if item is None or item == NULL else item


def coverage_rows(
    connection_info: str,
    schema: str,
    household_fields: Sequence[str] = REQUIRED_HOUSEHOLD_FIELDS,
    member_fields: Sequence[str] = REQUIRED_MEMBER_FIELDS,
    community_ids: Sequence[str] | None = None,
) -> list[tuple]:
    """Coverage computed by the server in one round trip, as plain rows (NULL as None).

    `connection_info` is a layer's QgsDataSourceUri.connectionInfo(False); `community_ids`
    limits the communities and households counted. Rows, by their first item:

    - ``("c", community_id, district_code, registered_households, entered, complete, None)``: one per community;
    - ``("u", household_id, None, None, None, complete, community_id)``: a household whose community_id
      is empty or names no community;
    - ``("t", None, None, None, households, complete households, None)``: the totals, once.

    Raises PostgisError with the server's message.
    """
    s = quote_ident(schema)
    member_complete, household_complete = _complete_sql(household_fields, member_fields)
    # As the engine keys them: a household by its household_id, else 'fid:N'; a blank community_id is none.
    household_key = household_key_sql("h", POSTGRES)
    community_key = f"(CASE WHEN {filled_sql('community_id', None, POSTGRES, 'h')} THEN h.community_id END)"
    in_scope = in_members = ""
    community_scope = f"WHERE {filled_sql('community_id', None, POSTGRES, 'c')}"
    if community_ids is not None:
        ids = "ARRAY[" + (", ".join(quote_literal(c) for c in community_ids) or "NULL") + "]::text[]"
        in_scope = f"WHERE h.community_id = ANY({ids})"
        scoped_keys = f"SELECT {household_key} FROM {s}.{HOUSEHOLDS} h WHERE h.community_id = ANY({ids})"
        in_members = f"WHERE m.household_id IN ({scoped_keys})"
        community_scope += f" AND c.community_id = ANY({ids})"
    sql = f"""SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL work_mem = '256MB';
WITH member_stats AS (
  SELECT m.household_id, count(*) AS member_rows, count(*) FILTER (WHERE {member_complete}) AS complete_rows
  FROM {s}.{MEMBERS} m {in_members} GROUP BY m.household_id
), per_household AS (
  SELECT {household_key} AS household_id, {community_key} AS community_id, ({household_complete}) AS complete
  FROM {s}.{HOUSEHOLDS} h LEFT JOIN member_stats s ON s.household_id = {household_key} {in_scope}
), by_community AS (
  SELECT community_id, count(*) AS entered, count(*) FILTER (WHERE complete) AS complete
  FROM per_household GROUP BY community_id
)
SELECT 'c', c.community_id, c.district_code, c.registered_households, coalesce(b.entered, 0)::integer,
       coalesce(b.complete, 0)::integer, NULL::text
FROM {s}.{COMMUNITIES} c LEFT JOIN by_community b ON b.community_id = c.community_id {community_scope}
UNION ALL
SELECT 'u', p.household_id, NULL, NULL, NULL, p.complete::integer, p.community_id
FROM per_household p
WHERE p.community_id IS NULL OR NOT EXISTS (SELECT 1 FROM {s}.{COMMUNITIES} c WHERE c.community_id = p.community_id)
UNION ALL
SELECT 't', NULL, NULL, NULL, count(*)::integer, (count(*) FILTER (WHERE complete))::integer, NULL FROM per_household"""
    return [tuple(_plain(item) for item in row) for row in execute_on(connection_info, sql)]


def coverage_in_database(database: str) -> dict[str, tuple[int, int, float | None, str]]:
    """community_id -> (households_entered, households_complete, coverage_pct, coverage_flag), computed by
    the server (the view community_coverage)."""
    target = parse_target(database)
    rows = execute(
        connect(target),
        f"SELECT community_id, households_entered, households_complete, coverage_pct, coverage_flag "
        f"FROM {target.schema}.{COVERAGE_FUNCTION}()",
    )
    return {r[0]: (r[1], r[2], None if r[3] is None or r[3] == "" else r[3], r[4]) for r in rows}


def refresh_coverage_in_database(database: str) -> int:
    """Write the server-computed coverage into the communities' four coverage fields; returns rows changed."""
    target = parse_target(database)
    s = target.schema
    rows = execute(
        connect(target),
        f"""WITH changed AS (
  UPDATE {s}.{COMMUNITIES} c SET households_entered = v.households_entered,
         households_complete = v.households_complete, coverage_pct = v.coverage_pct, coverage_flag = v.coverage_flag
  FROM {s}.{COVERAGE_FUNCTION}() v
  WHERE v.community_id = c.community_id
    AND (c.households_entered, c.households_complete, c.coverage_pct, c.coverage_flag)
        IS DISTINCT FROM (v.households_entered, v.households_complete, v.coverage_pct, v.coverage_flag)
  RETURNING 1)
SELECT count(*) FROM changed""",
    )
    return int(rows[0][0])

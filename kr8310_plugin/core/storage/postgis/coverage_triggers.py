"""Coverage kept by the PostGIS schema itself: the GeoPackage design (core/storage/coverage_triggers.py)
for a server that many mappers write to at once.

- Row triggers on households and members (SECURITY DEFINER, safe search_path) only note which
  households changed, in a temporary table of the session (no lock, no shared write).
- At commit, a deferred constraint trigger recomputes those households' signatures
  (core/rules/household_signature.py) into ``kr8310_household_state``, the changes of
  ``(community_key, signature)`` counts into ``kr8310_coverage_counts`` and the coverage fields of
  the affected communities. Locks are taken in one global order — state rows by fid, then
  communities by community_id, then counts by key — so concurrent commits never deadlock, and
  commits in different communities never wait for each other.
- A BEFORE trigger on communities sets the four coverage fields from the counts on every insert or
  update, whoever writes: mappers cannot set them (and a community inserted later, or whose
  registered_households changes, gets its numbers).
- The rule mask sits in the settings table (``coverage_rule_mask``, written with the rule by
  rule_store); a change of it rewrites every community (2,004 rows); rule rows changed without it
  (an older plugin) set it NULL, which leaves the coverage fields to whoever writes them.
- ``kr8310_rebuild_coverage()`` rebuilds everything from the rows (upgrade, repair, after a bulk
  COPY with triggers off); TRUNCATE of households or members runs it. It is set-based
  (`state_rows_sql`: one hash aggregate of the members, one hash join with the households, the key
  of the state table made after its rows), with the memory for it set on the function alone.

The audit trail (ddl.py) leaves out changes of communities that touch only the coverage fields, so
these writes are not logged as user edits.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable

from qgis.core import NULL

from ....definitions.schema import COMMUNITIES, HOUSEHOLDS, MEMBERS, MEMBERS_SPEC
from ....definitions.text_rules import BLANK_CHARACTERS
from ...rules.completeness import CompletenessRule, filled_sql, parse_field_list
from ...rules.coverage_flag import coverage_flag_sql, coverage_pct_sql
from ...rules.household_signature import (
    MEMBER_FIELD_BITS,
    community_key_sql,
    count_ok_sql,
    household_bits_sql,
    household_key_sql,
    member_count_sql,
    rule_mask,
    signature_sql,
)
from ...rules.sql_text import POSTGRES
from .. import settings_table
from ..coverage_triggers import (
    COUNTS_TABLE,
    HOUSEHOLD_COLUMNS,
    KEY_RULE_MASK,
    KEY_RULE_SOURCE,
    MEMBER_COLUMNS,
    STATE_TABLE,
    mask_sql,
    rule_source_sql,
)
from .connection import quote_literal
from .target import safe_search_path

PostgisFunction = Callable[[str], str]
# Bumped whenever the SQL below changes: an upgrade reinstalls a schema that keeps an older version.
KEPT_COVERAGE_VERSION = "4"
KEY_KEPT_VERSION = "coverage_kept_version"
REBUILD_FUNCTION = "kr8310_rebuild_coverage"
COUNTS_FUNCTION = "kr8310_coverage_counts_by_community"
STATE_KEY = f"{STATE_TABLE}_pkey"
# The partitioned layout's table of every household's fid and household_id (partitioned.py).
HOUSEHOLD_KEYS_TABLE = "kr8310_household_keys"
_FUNCTIONS = (
    "kr8310_coverage_of(text, integer)",
    "kr8310_coverage_fields()",
    "kr8310_coverage_note_household()",
    "kr8310_coverage_note_member()",
    "kr8310_coverage_flush()",
    "kr8310_coverage_settings()",
    "kr8310_coverage_truncated()",
    f"{REBUILD_FUNCTION}()",
    f"{COUNTS_FUNCTION}()",
)
_TRIGGERS = (
    (COMMUNITIES, "kr8310_coverage_fields"),
    (HOUSEHOLDS, "kr8310_coverage_note"),
    (MEMBERS, "kr8310_coverage_note"),
    (HOUSEHOLDS, "kr8310_coverage_flush"),
    (MEMBERS, "kr8310_coverage_flush"),
    (HOUSEHOLDS, "kr8310_coverage_truncated"),
    (MEMBERS, "kr8310_coverage_truncated"),
    (settings_table.SETTINGS_TABLE, "kr8310_coverage_settings"),
)


def _names(schema: str) -> dict[str, str]:
    return {
        "settings": f"{schema}.{settings_table.SETTINGS_TABLE}",
        "state": f"{schema}.{STATE_TABLE}",
        "counts": f"{schema}.{COUNTS_TABLE}",
        "households": f"{schema}.{HOUSEHOLDS}",
        "members": f"{schema}.{MEMBERS}",
        "communities": f"{schema}.{COMMUNITIES}",
        # Temporary tables of the session (pg_temp is last in the functions' search_path: named in full).
        "pending": f"pg_temp.kr8310_pending_{schema}",
        "flag": f"kr8310.pending_{schema}",
    }


def _mask_sql(schema: str) -> str:
    stored = mask_sql(_names(schema)["settings"], POSTGRES)
    # Only digits make a mask: a hand-written value must not break every save.
    return stored.replace(
        "SELECT CAST(value AS integer)", "SELECT CASE WHEN value ~ '^[0-9]+$' THEN value::integer END"
    )


def _function(
    schema: str, signature: str, returns: str, body: str, language: str = "plpgsql", settings: str = ""
) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {schema}.{signature} RETURNS {returns} LANGUAGE {language} "
        f"SECURITY DEFINER{settings} {safe_search_path(schema)} AS $kr8310$\n{body}\n$kr8310$"
    )


_ASCII_ALNUM = ((48, 57), (65, 90), (97, 122))  # 0-9, A-Z, a-z: no blank character is one of them
assert not any(low <= ord(c) <= high for c in BLANK_CHARACTERS for low, high in _ASCII_ALNUM)


def _with_alnum_shortcut(sql: str) -> str:
    """`sql` with every text "filled" test of filled_sql given a first step that needs no trim: a value
    whose first character is an ASCII letter or digit is filled (ids, house numbers). The same truth
    values, a fraction of the cost over millions of rows."""
    blank = re.escape(quote_literal(BLANK_CHARACTERS))
    test = re.compile(rf"\(((\"\w+\")\.(\"\w+\")) IS NOT NULL AND (btrim\(CAST\(\1 AS text\), {blank}\) <> '')\)")

    def shortcut(match: re.Match) -> str:
        column = match.group(1)
        first = " OR ".join(f"ascii({column}) BETWEEN {low} AND {high}" for low, high in _ASCII_ALNUM)
        return f"({column} IS NOT NULL AND ({first} OR {match.group(4)}))"

    return test.sub(shortcut, sql)


def state_rows_sql(households: str, members: str) -> str:
    """SELECT (fid, community_key, signature) of every household of `households` from all rows in one
    pass: members aggregated per household key (one hash aggregate; a member's fields as bits, their
    bit_and "every member has it", all set for none), joined to the households by that key (one hash
    join), no per-row subquery. The same integers as signature_sql (tests compare them)."""
    member_bits = " | ".join(
        f"(CASE WHEN {filled_sql(name, MEMBERS_SPEC.get(name), POSTGRES, 'm')} THEN {bit} ELSE 0 END)"
        for name, bit in MEMBER_FIELD_BITS.items()
    )
    no_members = functools.reduce(operator.or_, MEMBER_FIELD_BITS.values())
    count_ok = count_ok_sql(member_count_sql("h", POSTGRES), "coalesce(s.member_rows, 0)")
    return _with_alnum_shortcut(f"""SELECT h.fid, {community_key_sql("h", POSTGRES)} AS community_key,
      ({household_bits_sql("h", POSTGRES)} | {count_ok} | coalesce(s.member_bits, {no_members})) AS signature
    FROM {households} h LEFT JOIN (
      SELECT m.household_id, count(*) AS member_rows, bit_and({member_bits}) AS member_bits
      FROM {members} m GROUP BY m.household_id
    ) s ON s.household_id = {household_key_sql("h", POSTGRES)}""")


def _temp_tables_sql(schema: str) -> str:
    n = _names(schema)
    return f"""  IF current_setting('{n["flag"]}', true) IS DISTINCT FROM '1' THEN
    -- Once a session (the flush empties it; no ON COMMIT DELETE ROWS, whose truncation costs every commit).
    IF to_regclass('{n["pending"]}') IS NULL THEN
      CREATE TEMPORARY TABLE {n["pending"].split(".")[1]} (fid integer PRIMARY KEY);
    END IF;
    PERFORM set_config('{n["flag"]}', '1', true);
  END IF;"""


def member_note_sql(schema: str, households_by_key: str) -> str:
    """The trigger function noting the households a member row names; `households_by_key` is a table
    with the households' fid and household_id (the households, or partitioned.py's key table: one index
    instead of one per partition)."""
    pending = _names(schema)["pending"]

    def named(key: str) -> str:
        # Two lookups, not one OR: each stays one index probe.
        return (
            f"INSERT INTO {pending} SELECT h.fid FROM {households_by_key} h WHERE h.household_id = {key} "
            f"ON CONFLICT DO NOTHING;\n    IF {key} ~ '^fid:[0-9]{{1,9}}$' THEN\n      INSERT INTO {pending} "
            f"SELECT h.fid FROM {households_by_key} h WHERE h.fid = substr({key}, 5)::integer ON CONFLICT DO NOTHING;"
            "\n    END IF"
        )

    return _function(
        schema,
        "kr8310_coverage_note_member()",
        "trigger",
        f"""BEGIN
{_temp_tables_sql(schema)}
  IF TG_OP <> 'DELETE' THEN
    {named("NEW.household_id")};
  END IF;
  IF TG_OP = 'DELETE' OR OLD.household_id IS DISTINCT FROM NEW.household_id THEN
    {named("OLD.household_id")};
  END IF;
  RETURN NULL;
END""",
    )


def _functions_sql(schema: str) -> list[str]:
    n = _names(schema)
    mask = _mask_sql(schema)
    key_filled = filled_sql("community_id", None, POSTGRES, "c")
    signature = signature_sql(n["members"], "h", POSTGRES)
    community_key = community_key_sql("h", POSTGRES)
    temp_tables = _temp_tables_sql(schema)
    return [
        _function(
            schema,
            "kr8310_coverage_of(p_key text, p_registered integer, OUT households_entered integer, "
            "OUT households_complete integer, OUT coverage_pct double precision, OUT coverage_flag text)",
            "record",
            # PL/pgSQL, not SQL: a SQL function that cannot be inlined is planned again at every call (a
            # third of a millisecond, at every community a commit or a rule change writes).
            f"""BEGIN
  SELECT x.entered, x.complete, {coverage_pct_sql("p_registered", "x.complete", POSTGRES)},
         {coverage_flag_sql("p_registered", "x.entered", "x.complete", POSTGRES)}
    INTO households_entered, households_complete, coverage_pct, coverage_flag
  FROM (SELECT coalesce(sum(k.households), 0)::integer AS entered,
               coalesce(sum(k.households) FILTER (WHERE k.signature & m.mask = m.mask), 0)::integer AS complete
        FROM (SELECT {mask} AS mask) m LEFT JOIN {n["counts"]} k ON k.community_key = p_key) x;
END""",
            language="plpgsql STABLE",
        ),
        # Whoever writes a community, its coverage fields are what the counts say.
        _function(
            schema,
            "kr8310_coverage_fields()",
            "trigger",
            f"""BEGIN
  IF {mask} IS NULL OR NOT ({filled_sql("community_id", None, POSTGRES, "new")}) THEN
    RETURN NEW;
  END IF;
  SELECT v.households_entered, v.households_complete, v.coverage_pct, v.coverage_flag
    INTO NEW.households_entered, NEW.households_complete, NEW.coverage_pct, NEW.coverage_flag
    FROM {schema}.kr8310_coverage_of(NEW.community_id, NEW.registered_households) v;
  RETURN NEW;
END""",
        ),
        _function(
            schema,
            "kr8310_coverage_note_household()",
            "trigger",
            f"""BEGIN
{temp_tables}
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO {n["pending"]} VALUES (NEW.fid) ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO {n["pending"]} VALUES (OLD.fid) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END""",
        ),
        member_note_sql(schema, n["households"]),
        # At commit: one pass over what this transaction changed, locks in the global order.
        _function(
            schema,
            "kr8310_coverage_flush()",
            "trigger",
            # Arrays, not joins with the temporary table: it has no statistics, and the planner would
            # scan the city's state and households for every commit.
            f"""DECLARE
  fids integer[];
  keys text[];
  signatures integer[];
  deltas integer[];
BEGIN
  IF coalesce(current_setting('{n["flag"]}', true), '') <> '1' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('{n["flag"]}', '', true);
  fids := ARRAY(SELECT fid FROM {n["pending"]} ORDER BY fid);
  DELETE FROM {n["pending"]};
  PERFORM 1 FROM {n["state"]} s WHERE s.fid = ANY(fids) ORDER BY s.fid FOR UPDATE;
  -- One statement, one snapshot: the old states, the new ones, and the state table written.
  WITH fresh AS MATERIALIZED (
    SELECT h.fid, {community_key} AS community_key, {signature} AS signature
    FROM {n["households"]} h WHERE h.fid = ANY(fids)
  ), old AS (
    SELECT s.fid, s.community_key, s.signature FROM {n["state"]} s WHERE s.fid = ANY(fids)
  ), gone AS (
    DELETE FROM {n["state"]} s WHERE s.fid = ANY(fids) AND s.fid <> ALL(ARRAY(SELECT fid FROM fresh))
  ), written AS (
    INSERT INTO {n["state"]} (fid, community_key, signature) SELECT fid, community_key, signature FROM fresh
    ON CONFLICT (fid) DO UPDATE SET community_key = EXCLUDED.community_key, signature = EXCLUDED.signature
    WHERE ({STATE_TABLE}.community_key, {STATE_TABLE}.signature)
      IS DISTINCT FROM (EXCLUDED.community_key, EXCLUDED.signature)
  ), changes AS (
    SELECT community_key, signature, sum(change)::integer AS delta FROM (
      SELECT community_key, signature, -1 AS change FROM old
      UNION ALL SELECT community_key, signature, 1 FROM fresh) both_states
    GROUP BY community_key, signature HAVING sum(change) <> 0
  )
  SELECT array_agg(community_key ORDER BY community_key, signature),
         array_agg(signature ORDER BY community_key, signature), array_agg(delta ORDER BY community_key, signature)
    INTO keys, signatures, deltas FROM changes;
  IF keys IS NOT NULL THEN
    PERFORM 1 FROM {n["communities"]} c WHERE c.community_id = ANY(keys) ORDER BY c.community_id FOR NO KEY UPDATE;
    INSERT INTO {n["counts"]} (community_key, signature, households)
      SELECT * FROM unnest(keys, signatures, deltas) ORDER BY 1, 2
      ON CONFLICT (community_key, signature) DO UPDATE SET households = {COUNTS_TABLE}.households + EXCLUDED.households;
    DELETE FROM {n["counts"]} k WHERE k.community_key = ANY(keys) AND k.households <= 0;
    UPDATE {n["communities"]} c SET households_entered = c.households_entered WHERE c.community_id = ANY(keys);
  END IF;
  RETURN NULL;
END""",
        ),
        _function(
            schema,
            "kr8310_coverage_settings()",
            "trigger",
            f"""DECLARE
  changed_key text := CASE WHEN TG_OP = 'DELETE' THEN OLD.key ELSE NEW.key END;
BEGIN
  IF changed_key = {quote_literal(KEY_RULE_MASK)}
     AND (TG_OP <> 'UPDATE' OR NEW.value IS DISTINCT FROM OLD.value) THEN
    PERFORM 1 FROM {n["communities"]} c ORDER BY c.community_id FOR NO KEY UPDATE;
    UPDATE {n["communities"]} c SET households_entered = c.households_entered;
  ELSIF changed_key IN ({quote_literal(settings_table.KEY_HOUSEHOLD_FIELDS)},
                        {quote_literal(settings_table.KEY_MEMBER_FIELDS)}) THEN
    UPDATE {n["settings"]} SET value = NULL WHERE key = {quote_literal(KEY_RULE_MASK)} AND value IS NOT NULL
      AND (SELECT value FROM {n["settings"]} WHERE key = {quote_literal(KEY_RULE_SOURCE)})
          IS DISTINCT FROM ({rule_source_sql(n["settings"], POSTGRES)});
  END IF;
  RETURN NULL;
END""",
        ),
        _function(
            schema,
            f"{REBUILD_FUNCTION}()",
            "void",
            f"""BEGIN
  LOCK TABLE {n["households"]}, {n["members"]} IN SHARE MODE;
  TRUNCATE {n["state"]}, {n["counts"]};
  -- The key made after the rows: one sort instead of an index insert per household.
  ALTER TABLE {n["state"]} DROP CONSTRAINT {STATE_KEY};
  INSERT INTO {n["state"]} (fid, community_key, signature) {state_rows_sql(n["households"], n["members"])};
  ALTER TABLE {n["state"]} ADD CONSTRAINT {STATE_KEY} PRIMARY KEY (fid);
  INSERT INTO {n["counts"]} (community_key, signature, households)
    SELECT community_key, signature, count(*) FROM {n["state"]} GROUP BY community_key, signature;
  -- Written here, not left to the communities' trigger: a bulk load may run with triggers off.
  IF {mask} IS NOT NULL THEN
    UPDATE {n["communities"]} c SET (households_entered, households_complete, coverage_pct, coverage_flag) =
      (SELECT v.households_entered, v.households_complete, v.coverage_pct, v.coverage_flag
       FROM {schema}.kr8310_coverage_of(c.community_id, c.registered_households) v)
      WHERE {key_filled};
  END IF;
END""",
            # For this function alone: memory for the city's households in one hash table (3 million keys);
            # JIT-compiled expressions (a tenth less time over 10 million members, where the server has
            # LLVM); no parallel workers (an INSERT cannot use them, and the plan it would get for a
            # SELECT has every worker aggregate all members).
            settings=" SET work_mem = '1GB' SET jit = on SET max_parallel_workers_per_gather = 0",
        ),
        _function(
            schema,
            "kr8310_coverage_truncated()",
            "trigger",
            f"""BEGIN
  PERFORM {schema}.{REBUILD_FUNCTION}();
  RETURN NULL;
END""",
        ),
        # What the engine reads besides the community rows; counts per community, no household.
        _function(
            schema,
            f"{COUNTS_FUNCTION}(OUT community_key text, OUT households integer, OUT complete integer)",
            "SETOF record",
            f"""  SELECT k.community_key, sum(k.households)::integer,
         (sum(k.households) FILTER (WHERE k.signature & m.mask = m.mask))::integer
  FROM {n["counts"]} k CROSS JOIN (SELECT {mask} AS mask) m GROUP BY k.community_key""",
            language="sql STABLE",
        ),
    ]


def _columns(names) -> str:
    return ", ".join(names)


def _triggers_sql(schema: str) -> list[str]:
    n = _names(schema)
    household_columns = _columns(HOUSEHOLD_COLUMNS)
    member_columns = _columns(MEMBER_COLUMNS)
    statements = [f"DROP TRIGGER IF EXISTS {name} ON {schema}.{table}" for table, name in _TRIGGERS]
    return statements + [
        f"CREATE TRIGGER kr8310_coverage_fields BEFORE INSERT OR UPDATE ON {n['communities']} "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.kr8310_coverage_fields()",
        f"CREATE TRIGGER kr8310_coverage_note AFTER INSERT OR DELETE OR UPDATE OF {household_columns} "
        f"ON {n['households']} FOR EACH ROW EXECUTE FUNCTION {schema}.kr8310_coverage_note_household()",
        f"CREATE TRIGGER kr8310_coverage_note AFTER INSERT OR DELETE OR UPDATE OF {member_columns} "
        f"ON {n['members']} FOR EACH ROW EXECUTE FUNCTION {schema}.kr8310_coverage_note_member()",
        f"CREATE CONSTRAINT TRIGGER kr8310_coverage_flush AFTER INSERT OR DELETE OR UPDATE OF {household_columns} "
        f"ON {n['households']} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        f"EXECUTE FUNCTION {schema}.kr8310_coverage_flush()",
        f"CREATE CONSTRAINT TRIGGER kr8310_coverage_flush AFTER INSERT OR DELETE OR UPDATE OF {member_columns} "
        f"ON {n['members']} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        f"EXECUTE FUNCTION {schema}.kr8310_coverage_flush()",
        f"CREATE TRIGGER kr8310_coverage_truncated AFTER TRUNCATE ON {n['households']} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {schema}.kr8310_coverage_truncated()",
        f"CREATE TRIGGER kr8310_coverage_truncated AFTER TRUNCATE ON {n['members']} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {schema}.kr8310_coverage_truncated()",
        f"CREATE TRIGGER kr8310_coverage_settings AFTER INSERT OR UPDATE OR DELETE ON {n['settings']} "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.kr8310_coverage_settings()",
    ]


def store_rule_mask_sql(schema: str, household_fields: str, member_fields: str) -> list[str]:
    """Statements storing the mask of the rule whose stored field lists are these two texts (and the
    rows it came from); run after writing them, in the same transaction: every community is
    rewritten under the new rule."""
    mask = rule_mask(CompletenessRule(parse_field_list(household_fields), parse_field_list(member_fields)))
    n = _names(schema)
    upsert = f"INSERT INTO {n['settings']} (key, value) %s ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
    return [
        upsert % f"SELECT {quote_literal(KEY_RULE_SOURCE)}, {rule_source_sql(n['settings'], POSTGRES)}",
        upsert % f"VALUES ({quote_literal(KEY_RULE_MASK)}, {quote_literal(None if mask is None else str(mask))})",
    ]


def install_sql(schema: str, rule: CompletenessRule, postgis_function: PostgisFunction) -> list[str]:
    """Every statement that makes `schema` keep its coverage under the stored `rule` (tables,
    functions, triggers, the state built from the rows), replacing an older version; idempotent.
    `postgis_function` turns a CREATE FUNCTION into the statement that runs it with the PostGIS
    calls qualified by PostGIS's schema (ddl.py). Run by the schema's owner, after the settings table exists."""
    from ...rules.completeness import format_field_list

    n = _names(schema)
    statements = [
        f"CREATE TABLE IF NOT EXISTS {n['state']} (fid integer CONSTRAINT {STATE_KEY} PRIMARY KEY, "
        "community_key text NOT NULL, signature integer NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {n['counts']} (community_key text NOT NULL, signature integer NOT NULL, "
        "households integer NOT NULL, PRIMARY KEY (community_key, signature))",
        f"REVOKE ALL ON {n['state']}, {n['counts']} FROM PUBLIC",
        *(postgis_function(sql) for sql in _functions_sql(schema)),
        # A partitioned schema (partitioned.py) finds a member's household in its key table.
        f"""DO $kr8310_keys$ BEGIN
  IF to_regclass({quote_literal(f"{schema}.{HOUSEHOLD_KEYS_TABLE}")}) IS NOT NULL THEN
    EXECUTE $kr8310_sql${member_note_sql(schema, f"{schema}.{HOUSEHOLD_KEYS_TABLE}")}$kr8310_sql$;
  END IF;
END $kr8310_keys$""",
        *_triggers_sql(schema),
        *store_rule_mask_sql(schema, format_field_list(rule.household_fields), format_field_list(rule.member_fields)),
        f"SELECT {schema}.{REBUILD_FUNCTION}()",
        f"INSERT INTO {n['settings']} (key, value) VALUES ({quote_literal(KEY_KEPT_VERSION)}, "
        f"{quote_literal(KEPT_COVERAGE_VERSION)}) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
    ]
    return statements


def kept_coverage_sql(schema: str, postgis_function: PostgisFunction) -> list[str]:
    """install_sql for a new schema (its settings table holds the default rule)."""
    from ...rules.completeness import DEFAULT_RULE

    return install_sql(schema, DEFAULT_RULE, postgis_function)


def installed_version(connection, schema: str) -> str:
    """The version of the kept coverage `schema` has ('' when none); `connection` a QGIS provider
    connection (postgis/connection.py)."""
    from .connection import execute

    settings = f"{schema}.{settings_table.SETTINGS_TABLE}"
    present = execute(
        connection,
        f"SELECT to_regclass({quote_literal(settings)}) IS NOT NULL "
        f"AND to_regprocedure({quote_literal(f'{schema}.{REBUILD_FUNCTION}()')}) IS NOT NULL",
    )
    if not present[0][0]:
        return ""
    rows = execute(connection, f"SELECT value FROM {settings} WHERE key = {quote_literal(KEY_KEPT_VERSION)}")
    return str(rows[0][0]) if rows and rows[0][0] is not None else ""


def upgrade_kept_coverage(target, postgis_function: PostgisFunction) -> bool:
    """Make an older schema keep its coverage (the state built from its rows) under its stored rule;
    True when it installed; False too for a schema without its settings table (upgrade that first).
    Run by the schema's owner or a member of its owner role (the objects are then the role's).
    Raises PostgisError."""
    from .connection import connect, execute

    connection = connect(target)
    settings = f"{target.schema}.{settings_table.SETTINGS_TABLE}"
    if not execute(connection, f"SELECT to_regclass({quote_literal(settings)}) IS NOT NULL")[0][0]:
        return False
    if installed_version(connection, target.schema) == KEPT_COVERAGE_VERSION:
        return False
    rows = execute(connection, f"SELECT key, value FROM {settings}")
    # As rule_store reads them: SQL NULL is an empty list.
    rule = settings_table.rule_from_values(
        {str(key): "" if value in (None, NULL) else str(value) for key, value in rows}
    )
    owner = quote_literal(target.role("owner"))
    as_owner = (
        f"DO $kr8310_owner$ BEGIN IF to_regrole({owner}) IS NOT NULL AND pg_has_role(current_user, {owner}, 'MEMBER') "
        f"THEN EXECUTE 'SET LOCAL ROLE ' || quote_ident({owner}); END IF; END $kr8310_owner$"
    )
    execute(connection, [as_owner, *install_sql(target.schema, rule, postgis_function)])
    return True


def rebuild_sql(schema: str) -> list[str]:
    """The statements rebuilding the kept coverage of `schema` from all its rows (repair, after a bulk load)."""
    return [f"SELECT {schema}.{REBUILD_FUNCTION}()"]


def function_names(schema: str) -> list[str]:
    return [f"{schema}.{name}" for name in _FUNCTIONS]

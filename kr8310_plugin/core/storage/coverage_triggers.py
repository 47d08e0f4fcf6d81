"""Coverage kept by the GeoPackage itself: per-household state, per-community counts, triggers.

Every insert, update and delete of a household or member, by whatever writes the file (QGIS and
GDAL, python sqlite3, another tool), recomputes that one household's signature
(core/rules/household_signature.py) by one indexed query, in the same transaction:

- ``kr8310_household_state (fid, community_key, signature)``: one row per household;
- ``kr8310_coverage_counts (community_key, signature, households)``: households per community
  key and signature (a few rows per community), adjusted by the state table's triggers, which
  then write the community row's households_entered / households_complete / coverage_pct /
  coverage_flag (core/rules/coverage_flag.py's SQL) under the rule mask stored in the settings
  table (key ``coverage_rule_mask``).

A community inserted later or whose community_id or registered_households changes takes its
numbers from the counts; a direct write of the four coverage fields is put back. Storing a new
rule stores its mask (`store_rule_mask`), which rewrites every community from the counts
(2,004 communities: milliseconds). When the rule rows change without the mask (an older plugin),
a trigger sets the mask to NULL: the database then keeps the counts but leaves the coverage
fields to whoever writes them, and the engine recomputes from all rows.

`install` (new database, upgrade, repair) drops and rebuilds all of it from the rows in a few
set-based statements. A bulk write into a database that keeps coverage (an import, a field-package
merge) runs inside `deferred`: the per-row triggers are set aside in its transaction, and the
households it touched are brought up to date set-based before the triggers are back, so no other
connection ever sees the file without them. Pure SQL triggers (no custom function), UPSERT:
SQLite 3.24 or later.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence

from ...definitions.schema import COMMUNITIES, HOUSEHOLDS, MEMBERS
from ...definitions.text_rules import BLANK_CHARACTERS
from ..rules.completeness import HOUSEHOLD_FIELD_CHOICES, MEMBER_FIELD_CHOICES, filled_sql
from ..rules.coverage_flag import coverage_flag_sql, coverage_pct_sql
from ..rules.household_signature import UNASSIGNED_KEY, community_key_sql, household_key_sql, rule_mask, signature_sql
from ..rules.sql_text import SQLITE, quote_literal
from . import settings_table

STATE_TABLE = "kr8310_household_state"
COUNTS_TABLE = "kr8310_coverage_counts"
SIGNATURE_VIEW = "kr8310_household_signature"
COMMUNITY_VIEW = "kr8310_community_coverage"
COMMUNITIES_INDEX = "kr8310_coverage_communities_idx"
KEY_RULE_MASK = "coverage_rule_mask"
KEY_RULE_SOURCE = "coverage_rule_source"  # the rule rows the stored mask was computed from
TRIGGER_PREFIX = "kr8310_coverage_"

# The household and member columns a signature reads: an update of any other leaves it as it is.
HOUSEHOLD_COLUMNS = ("fid", "geom", "household_id", "community_id", *HOUSEHOLD_FIELD_CHOICES)
MEMBER_COLUMNS = ("household_id", *MEMBER_FIELD_CHOICES)
_RULE_KEYS = (settings_table.KEY_HOUSEHOLD_FIELDS, settings_table.KEY_MEMBER_FIELDS)
_SETTINGS = f'"{settings_table.SETTINGS_TABLE}"'


def _columns(names: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _in_rule_keys(column: str) -> str:
    return f"{column} IN ({', '.join(quote_literal(key) for key in _RULE_KEYS)})"


def rule_source_sql(settings: str = _SETTINGS, dialect: str = SQLITE) -> str:
    """The stored rule rows as one text (what a stored mask was computed from); SQLite and PostgreSQL."""
    parts = [
        f"coalesce((SELECT coalesce('=' || value, 'NULL') FROM {settings} WHERE key = {quote_literal(key, dialect)}), "
        "'missing')"
        for key in _RULE_KEYS
    ]
    return " || ',' || ".join(parts)


def mask_sql(settings: str = _SETTINGS, dialect: str = SQLITE) -> str:
    """The stored rule mask as an integer (NULL: the database does not keep coverage now)."""
    cast = "INTEGER" if dialect == SQLITE else "integer"
    return f"(SELECT CAST(value AS {cast}) FROM {settings} WHERE key = {quote_literal(KEY_RULE_MASK, dialect)})"


def _registered_sql(alias: str) -> str:
    # As the engine reads registered_households: a number truncated to a whole one, else NULL.
    quoted = f"{alias}.registered_households"
    return f"(CASE WHEN typeof({quoted}) IN ('integer', 'real') THEN CAST({quoted} AS INTEGER) END)"


def _entered_sql(key: str) -> str:
    return f"(SELECT coalesce(sum(households), 0) FROM {COUNTS_TABLE} WHERE community_key = {key})"


def _complete_sql(key: str) -> str:
    mask = mask_sql()
    return (
        f"(SELECT coalesce(sum(households), 0) FROM {COUNTS_TABLE} "
        f"WHERE community_key = {key} AND (signature & {mask}) = {mask})"
    )


def _views_sql() -> list[str]:
    """The two rules as views, written once and read by every trigger (SQLite flattens them into
    the trigger's statement, so a lookup by fid or household_id stays an index lookup)."""
    members = f'"{MEMBERS}"'
    entered, complete = _entered_sql("c.community_id"), _complete_sql("c.community_id")
    registered = _registered_sql("c")
    return [
        f"CREATE VIEW {SIGNATURE_VIEW} AS SELECT h.fid AS fid, h.household_id AS household_id, "
        f'{community_key_sql("h")} AS community_key, {signature_sql(members, "h")} AS signature FROM "{HOUSEHOLDS}" h',
        f"CREATE VIEW {COMMUNITY_VIEW} AS SELECT c.fid AS fid, {entered} AS households_entered, "
        f"{complete} AS households_complete, {coverage_pct_sql(registered, complete)} AS coverage_pct, "
        f'{coverage_flag_sql(registered, entered, complete)} AS coverage_flag FROM "{COMMUNITIES}" c',
    ]


_COVERAGE_FIELDS = "households_entered, households_complete, coverage_pct, coverage_flag"


def _refresh_communities_sql(where: str) -> str:
    """Write the four coverage fields of the communities rows `where` selects from the counts, where
    they differ (rewriting a community rewrites its polygon: most edits change no number)."""
    kept = f'(SELECT {_COVERAGE_FIELDS} FROM {COMMUNITY_VIEW} v WHERE v.fid = "{COMMUNITIES}".fid)'
    return (
        f'UPDATE "{COMMUNITIES}" SET ({_COVERAGE_FIELDS}) = {kept} '
        f"WHERE ({where}) AND {filled_sql('community_id', None, SQLITE, COMMUNITIES)} AND {mask_sql()} IS NOT NULL "
        f"AND ({_COVERAGE_FIELDS}) IS NOT {kept}"
    )


def _upsert_state_sql(where: str) -> str:
    """Recompute the state of the households `where` selects (alias h); writes only what changed."""
    return (
        f"INSERT INTO {STATE_TABLE} (fid, community_key, signature) "
        f"SELECT h.fid, h.community_key, h.signature FROM {SIGNATURE_VIEW} h WHERE {where} "
        "ON CONFLICT (fid) DO UPDATE SET community_key = excluded.community_key, signature = excluded.signature "
        "WHERE community_key IS NOT excluded.community_key OR signature IS NOT excluded.signature"
    )


def _households_named_sql(key: str) -> str:
    """The households (alias h) a member's household_id `key` may name: by household_id, or by
    'fid:N' (a superset is harmless: the state is recomputed from the rows)."""
    return f"(h.household_id = {key} OR (h.fid = CAST(substr({key}, 5) AS INTEGER) AND substr({key}, 1, 4) = 'fid:'))"


def _count_sql(row: str, delta: int) -> list[str]:
    statements = [
        f"INSERT INTO {COUNTS_TABLE} (community_key, signature, households) "
        f"VALUES ({row}.community_key, {row}.signature, {delta}) "
        "ON CONFLICT (community_key, signature) DO UPDATE SET households = households + excluded.households"
    ]
    if delta < 0:
        statements.append(
            f"DELETE FROM {COUNTS_TABLE} WHERE community_key = {row}.community_key "
            f"AND signature = {row}.signature AND households <= 0"
        )
    return statements


# The events of the triggers that follow household and member rows (`deferred` watches the same).
_ROW_EVENTS = {
    "household_insert": ("AFTER INSERT", HOUSEHOLDS),
    "household_update": (f"AFTER UPDATE OF {_columns(HOUSEHOLD_COLUMNS)}", HOUSEHOLDS),
    "household_delete": ("AFTER DELETE", HOUSEHOLDS),
    "member_insert": ("AFTER INSERT", MEMBERS),
    "member_update": (f"AFTER UPDATE OF {_columns(MEMBER_COLUMNS)}", MEMBERS),
    "member_delete": ("AFTER DELETE", MEMBERS),
}


def _row_event(name: str, schema: str = "") -> str:
    event, table = _ROW_EVENTS[name]
    return f'{event} ON {schema}"{table}"'


def _trigger(name: str, event: str, body: Sequence[str], when: str = "") -> tuple[str, str]:
    condition = f" WHEN {when}" if when else ""
    return name, f'CREATE TRIGGER "{TRIGGER_PREFIX}{name}" {event}{condition} BEGIN {"; ".join(body)}; END'


def table_sql() -> list[str]:
    return [
        f"CREATE TABLE {STATE_TABLE} (fid INTEGER PRIMARY KEY, community_key TEXT NOT NULL, "
        "signature INTEGER NOT NULL)",
        f"CREATE TABLE {COUNTS_TABLE} (community_key TEXT NOT NULL, signature INTEGER NOT NULL, "
        "households INTEGER NOT NULL, PRIMARY KEY (community_key, signature)) WITHOUT ROWID",
        # Covers what the engine reads of each community: no reading past the polygons.
        f'CREATE INDEX {COMMUNITIES_INDEX} ON "{COMMUNITIES}" (community_id, district_code, registered_households, '
        f"{_COVERAGE_FIELDS})",
        *_views_sql(),
    ]


def trigger_sql() -> dict[str, str]:
    """name -> CREATE TRIGGER statement, for every trigger that keeps coverage."""
    communities = f'"{COMMUNITIES}"'
    by_key = f"{communities}.community_id = NEW.community_key"
    tampered = (
        f"{mask_sql()} IS NOT NULL AND {filled_sql('community_id', None, SQLITE, 'NEW')} AND "
        f"(NEW.households_entered, NEW.households_complete, NEW.coverage_pct, NEW.coverage_flag) IS NOT "
        f"(SELECT {_COVERAGE_FIELDS} FROM {COMMUNITY_VIEW} v WHERE v.fid = NEW.fid)"
    )
    mask_changed = _refresh_communities_sql("1")
    invalidate = (
        f"UPDATE {_SETTINGS} SET value = NULL WHERE key = {quote_literal(KEY_RULE_MASK)} AND value IS NOT NULL "
        f"AND (SELECT value FROM {_SETTINGS} WHERE key = {quote_literal(KEY_RULE_SOURCE)}) IS NOT ({rule_source_sql()})"
    )
    triggers = [
        _trigger("household_insert", _row_event("household_insert"), [_upsert_state_sql("h.fid = NEW.fid")]),
        _trigger(
            "household_update",
            _row_event("household_update"),
            [
                f"DELETE FROM {STATE_TABLE} WHERE fid = OLD.fid AND OLD.fid IS NOT NEW.fid",
                _upsert_state_sql("h.fid = NEW.fid"),
            ],
        ),
        _trigger(
            "household_delete", _row_event("household_delete"), [f"DELETE FROM {STATE_TABLE} WHERE fid = OLD.fid"]
        ),
        _trigger(
            "member_insert",
            _row_event("member_insert"),
            [_upsert_state_sql(_households_named_sql("NEW.household_id"))],
        ),
        _trigger(
            "member_update",
            _row_event("member_update"),
            [
                _upsert_state_sql(_households_named_sql("NEW.household_id")),
                _upsert_state_sql(
                    f"OLD.household_id IS NOT NEW.household_id AND {_households_named_sql('OLD.household_id')}"
                ),
            ],
        ),
        _trigger(
            "member_delete",
            _row_event("member_delete"),
            [_upsert_state_sql(_households_named_sql("OLD.household_id"))],
        ),
        _trigger(
            "state_insert",
            f"AFTER INSERT ON {STATE_TABLE}",
            [*_count_sql("NEW", 1), _refresh_communities_sql(by_key)],
        ),
        _trigger(
            "state_update",
            f"AFTER UPDATE ON {STATE_TABLE}",
            [
                *_count_sql("OLD", -1),
                *_count_sql("NEW", 1),
                _refresh_communities_sql(f"{communities}.community_id IN (OLD.community_key, NEW.community_key)"),
            ],
        ),
        _trigger(
            "state_delete",
            f"AFTER DELETE ON {STATE_TABLE}",
            [*_count_sql("OLD", -1), _refresh_communities_sql(f"{communities}.community_id = OLD.community_key")],
        ),
        _trigger("community_insert", f"AFTER INSERT ON {communities}", [_refresh_communities_sql("fid = NEW.fid")]),
        _trigger(
            "community_update",
            f'AFTER UPDATE OF "community_id", "registered_households" ON {communities}',
            [_refresh_communities_sql("fid = NEW.fid")],
        ),
        # Whoever writes the four fields, they show what the counts say.
        _trigger(
            "community_fields",
            f'AFTER UPDATE OF "households_entered", "households_complete", "coverage_pct", "coverage_flag" '
            f"ON {communities}",
            [_refresh_communities_sql("fid = NEW.fid")],
            when=tampered,
        ),
        _trigger("rule_insert", f"AFTER INSERT ON {_SETTINGS}", [invalidate], when=_in_rule_keys("NEW.key")),
        _trigger(
            "rule_update",
            f"AFTER UPDATE ON {_SETTINGS}",
            [invalidate],
            when=f"{_in_rule_keys('NEW.key')} OR {_in_rule_keys('OLD.key')}",
        ),
        _trigger("rule_delete", f"AFTER DELETE ON {_SETTINGS}", [invalidate], when=_in_rule_keys("OLD.key")),
        _trigger(
            "mask_insert",
            f"AFTER INSERT ON {_SETTINGS}",
            [mask_changed],
            when=f"NEW.key = {quote_literal(KEY_RULE_MASK)}",
        ),
        _trigger(
            "mask_update",
            f"AFTER UPDATE OF value ON {_SETTINGS}",
            [mask_changed],
            when=f"NEW.key = {quote_literal(KEY_RULE_MASK)} AND NEW.value IS NOT OLD.value",
        ),
    ]
    return dict(triggers)


def _build_sql() -> list[str]:
    """Fill the (empty) state and counts from all rows: two set-based statements."""
    return [
        f"INSERT INTO {STATE_TABLE} (fid, community_key, signature) SELECT fid, community_key, signature "
        f"FROM {SIGNATURE_VIEW}",
        f"INSERT INTO {COUNTS_TABLE} (community_key, signature, households) "
        f"SELECT community_key, signature, count(*) FROM {STATE_TABLE} GROUP BY community_key, signature",
    ]


def _settings_values(connection: sqlite3.Connection) -> dict[str, object]:
    return dict(connection.execute(f"SELECT key, value FROM {_SETTINGS}").fetchall())


def store_rule_mask(connection: sqlite3.Connection) -> int | None:
    """Store the mask of the rule the settings table holds now (and the rows it came from), which
    rewrites every community's coverage fields from the counts; in the caller's transaction.
    Returns the mask (None: the rule names a field no rule may require; coverage not kept)."""
    mask = rule_mask(settings_table.rule_from_values(_settings_values(connection)))
    upsert = f"INSERT INTO {_SETTINGS} (key, value) %s ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    connection.execute(upsert % f"SELECT {quote_literal(KEY_RULE_SOURCE)}, {rule_source_sql()} WHERE true")
    connection.execute(upsert % "VALUES (?, ?)", (KEY_RULE_MASK, None if mask is None else str(mask)))
    return mask


def drop_sql(connection: sqlite3.Connection) -> list[str]:
    """Statements removing every trigger and table of this module the database has."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?", (TRIGGER_PREFIX + "%",)
        )
    ]
    return [f'DROP TRIGGER "{name}"' for name in names] + [
        f"DROP VIEW IF EXISTS {SIGNATURE_VIEW}",
        f"DROP VIEW IF EXISTS {COMMUNITY_VIEW}",
        f"DROP INDEX IF EXISTS {COMMUNITIES_INDEX}",
        f"DROP TABLE IF EXISTS {STATE_TABLE}",
        f"DROP TABLE IF EXISTS {COUNTS_TABLE}",
    ]


def install(connection: sqlite3.Connection) -> int | None:
    """Build the state and counts from all rows, create the triggers and store the rule's mask
    (which writes every community's coverage fields), replacing whatever was there; in the
    caller's transaction. The database needs its settings table. Returns the mask."""
    for statement in [*drop_sql(connection), *table_sql(), *_build_sql(), *trigger_sql().values()]:
        connection.execute(statement)
    mask = store_rule_mask(connection)
    # An unchanged mask fires no trigger: the communities are written here.
    connection.execute(_refresh_communities_sql("1"))
    return mask


def _schema_objects() -> dict[str, str]:
    """name -> CREATE statement of every table, index, view and trigger of this module."""
    statements = table_sql()
    names = [STATE_TABLE, COUNTS_TABLE, COMMUNITIES_INDEX, SIGNATURE_VIEW, COMMUNITY_VIEW]
    objects = dict(zip(names, statements, strict=True))
    objects.update({f"{TRIGGER_PREFIX}{name}": sql for name, sql in trigger_sql().items()})
    return objects


def is_installed(connection: sqlite3.Connection) -> bool:
    """Whether the database keeps coverage with exactly this version's tables, views and triggers."""
    wanted = _schema_objects()
    marks = ", ".join("?" for _ in wanted)
    stored = dict(connection.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({marks})", list(wanted)))
    return stored == wanted


def ensure_installed(connection: sqlite3.Connection) -> bool:
    """`install` unless `is_installed`, and store the rule's mask when the rule changed without it
    (an older plugin wrote it); in the caller's transaction. True when it changed something."""
    if not is_installed(connection):
        install(connection)
        return True
    stored = connection.execute(
        f"SELECT (SELECT value FROM {_SETTINGS} WHERE key = ?) IS NOT ({rule_source_sql()}), {mask_sql()}",
        (KEY_RULE_SOURCE,),
    ).fetchone()
    if stored[0] or stored[1] is None:
        return store_rule_mask(connection) is not None
    return False


# ---------------------------------------------------------------------------------------
# A bulk write: the per-row triggers set aside in its transaction, its households caught up after

# The triggers a household or member row fires, directly or through the state table.
ROW_TRIGGERS = tuple(name for name in trigger_sql() if name.split("_")[0] in ("household", "member", "state"))
TOUCHED_HOUSEHOLDS = "kr8310_touched_households"  # temp tables of the connection that defers
TOUCHED_MEMBER_KEYS = "kr8310_touched_member_keys"
STATE_BEFORE = "kr8310_state_before"
COUNT_CHANGES = "kr8310_count_changes"
_TOUCH_PREFIX = "kr8310_touch_"
_SAVEPOINT = "kr8310_deferred_coverage"


def _touch_sql() -> list[str]:
    """Temp tables and TEMP triggers (this connection's only, never in the file) noting the households
    each household or member row event touches: fids, and the household keys members name."""
    touched = {
        "household_insert": [(TOUCHED_HOUSEHOLDS, "NEW.fid")],
        "household_update": [(TOUCHED_HOUSEHOLDS, "OLD.fid"), (TOUCHED_HOUSEHOLDS, "NEW.fid")],
        "household_delete": [(TOUCHED_HOUSEHOLDS, "OLD.fid")],
        "member_insert": [(TOUCHED_MEMBER_KEYS, "NEW.household_id")],
        "member_update": [(TOUCHED_MEMBER_KEYS, "OLD.household_id"), (TOUCHED_MEMBER_KEYS, "NEW.household_id")],
        "member_delete": [(TOUCHED_MEMBER_KEYS, "OLD.household_id")],
    }
    statements = [
        f"CREATE TEMP TABLE {TOUCHED_HOUSEHOLDS} (fid INTEGER PRIMARY KEY)",
        f"CREATE TEMP TABLE {TOUCHED_MEMBER_KEYS} (key PRIMARY KEY)",
    ]
    for name, notes in touched.items():
        body = "; ".join(f"INSERT OR IGNORE INTO {table} VALUES ({value})" for table, value in notes)
        # A TEMP trigger names its table's schema: the stored trigger's event, on main's table.
        statements.append(f'CREATE TEMP TRIGGER "{_TOUCH_PREFIX}{name}" {_row_event(name, "main.")} BEGIN {body}; END')
    return statements


def _catch_up_sql() -> list[str]:
    """Bring the state, the counts and the four coverage fields of the touched households' communities
    up to date, set-based: what the row triggers would have done, once per household."""
    touched = f"(SELECT fid FROM temp.{TOUCHED_HOUSEHOLDS})"
    changes = f"temp.{COUNT_CHANGES}"
    return [
        f"INSERT OR IGNORE INTO temp.{TOUCHED_HOUSEHOLDS} (fid) SELECT h.fid FROM temp.{TOUCHED_MEMBER_KEYS} k "
        f'JOIN "{HOUSEHOLDS}" h ON {_households_named_sql("k.key")}',
        f"CREATE TEMP TABLE {STATE_BEFORE} AS SELECT community_key, signature FROM {STATE_TABLE} "
        f"WHERE fid IN {touched}",
        f"DELETE FROM {STATE_TABLE} WHERE fid IN {touched}",
        f"INSERT INTO {STATE_TABLE} (fid, community_key, signature) SELECT h.fid, h.community_key, h.signature "
        f"FROM {SIGNATURE_VIEW} h WHERE h.fid IN {touched}",
        f"CREATE TEMP TABLE {COUNT_CHANGES} AS SELECT community_key, signature, sum(households) AS households "
        f"FROM (SELECT community_key, signature, -1 AS households FROM temp.{STATE_BEFORE} UNION ALL "
        f"SELECT community_key, signature, 1 FROM {STATE_TABLE} WHERE fid IN {touched}) "
        "GROUP BY community_key, signature",
        f"INSERT INTO {COUNTS_TABLE} (community_key, signature, households) "
        f"SELECT community_key, signature, households FROM {changes} WHERE households <> 0 "
        "ON CONFLICT (community_key, signature) DO UPDATE SET households = households + excluded.households",
        f"DELETE FROM {COUNTS_TABLE} WHERE households <= 0 AND community_key IN (SELECT community_key FROM {changes})",
        _refresh_communities_sql(f'"{COMMUNITIES}".community_id IN (SELECT community_key FROM {changes})'),
    ]


def _restore_sql() -> list[str]:
    """The row triggers back as `trigger_sql` writes them (so `is_installed` holds), the temp objects gone."""
    row_triggers = trigger_sql()
    statements = []
    for name in ROW_TRIGGERS:  # in creation order: they fire as before
        statements += [f'DROP TRIGGER IF EXISTS "{TRIGGER_PREFIX}{name}"', row_triggers[name]]
    statements += [f'DROP TRIGGER temp."{_TOUCH_PREFIX}{name}"' for name in _ROW_EVENTS]
    statements += [
        f"DROP TABLE temp.{table}" for table in (TOUCHED_HOUSEHOLDS, TOUCHED_MEMBER_KEYS, STATE_BEFORE, COUNT_CHANGES)
    ]
    return statements


def _deferring(connection: sqlite3.Connection) -> bool:
    return (
        connection.execute("SELECT 1 FROM sqlite_temp_master WHERE name = ?", (TOUCHED_HOUSEHOLDS,)).fetchone()
        is not None
    )


def set_aside(connection: sqlite3.Connection) -> bool:
    """Start a bulk write of households and members without the per-row triggers: in a savepoint of
    the caller's transaction (or its own, with `isolation_level = None` and none open), drop them and
    note the households each row event touches (TEMP triggers: this connection's only, never in the
    file). `catch_up` ends it; the caller commits after. False (nothing set aside) when the database
    does not keep coverage with this version's triggers (`is_installed`), or when it already is."""
    if not is_installed(connection) or _deferring(connection):
        return False
    connection.execute(f"SAVEPOINT {_SAVEPOINT}")
    for name in ROW_TRIGGERS:
        connection.execute(f'DROP TRIGGER "{TRIGGER_PREFIX}{name}"')
    for statement in _touch_sql():
        connection.execute(statement)
    return True


def catch_up(connection: sqlite3.Connection) -> None:
    """End `set_aside`: the touched households' state and counts recomputed set-based, their
    communities' four coverage fields rewritten, the triggers re-created exactly (`is_installed` holds);
    before the caller commits, so no other connection ever sees the file without them, and a crash or
    a rollback leaves it as before. Nothing to do when nothing was set aside."""
    if not _deferring(connection):
        return
    for statement in [*_catch_up_sql(), *_restore_sql()]:
        connection.execute(statement)
    connection.execute(f"RELEASE {_SAVEPOINT}")


@contextlib.contextmanager
def deferred(connection: sqlite3.Connection) -> Iterator[None]:
    """`set_aside` ... `catch_up` around a block; an exception leaving the block rolls the block back
    (the triggers with it) and goes on. Reads of coverage inside the block see the numbers from
    before it; a block inside another one of the same connection sets nothing aside."""
    if not set_aside(connection):
        yield
        return
    try:
        yield
        catch_up(connection)
    except BaseException:
        if connection.in_transaction:
            # A transaction SQLite has already rolled back has no savepoint left; the error to see is the caller's.
            with contextlib.suppress(sqlite3.Error):
                connection.execute(f"ROLLBACK TO {_SAVEPOINT}")
                connection.execute(f"RELEASE {_SAVEPOINT}")
        raise


def stored_mask(connection: sqlite3.Connection) -> int | None:
    """The mask the database keeps coverage under now; None when it keeps none (not installed,
    or the rule changed without its mask)."""
    if not {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} >= {
        STATE_TABLE,
        COUNTS_TABLE,
        settings_table.SETTINGS_TABLE,
    }:
        return None
    row = connection.execute(f"SELECT {mask_sql()}").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def community_count_rows(connection: sqlite3.Connection, mask: int) -> list[tuple[str, int, int]]:
    """(community key, households, complete households under `mask`) per community key of the counts."""
    return connection.execute(
        f"SELECT community_key, sum(households), sum(CASE WHEN (signature & ?1) = ?1 THEN households ELSE 0 END) "
        f"FROM {COUNTS_TABLE} GROUP BY community_key",
        (mask,),
    ).fetchall()


def _key_sql(column: str, alias: str) -> str:
    return f"(CASE WHEN {filled_sql(column, None, SQLITE, alias)} THEN {alias}.{column} END)"


def community_rows(
    connection: sqlite3.Connection, community_ids: Sequence[str] | None = None
) -> list[tuple[str, int | None, int | None, int | None, int | None]]:
    """(community_id, district_code, registered_households, households_entered, households_complete)
    of the communities (those of `community_ids` only, when given), read as the engine does
    (a blank community_id is no community), from the index that covers them."""
    where, parameters = "", []
    if community_ids is not None:
        where = f" WHERE c.community_id IN ({', '.join('?' for _ in community_ids) or 'NULL'})"
        parameters = list(community_ids)
    district = "(CASE WHEN typeof(c.district_code) IN ('integer', 'real') THEN CAST(c.district_code AS INTEGER) END)"
    rows = connection.execute(
        f"SELECT c.community_id, {district}, {_registered_sql('c')}, c.households_entered, c.households_complete "
        f'FROM "{COMMUNITIES}" c{where}',
        parameters,
    ).fetchall()
    # Filled tested here: SQLite's TRIM over every blank character costs more than the query.
    return [row for row in rows if isinstance(row[0], str) and row[0].strip(BLANK_CHARACTERS)]


def community_keys(connection: sqlite3.Connection) -> set[str]:
    """Every community's key (its filled community_id)."""
    rows = connection.execute(f'SELECT community_id FROM "{COMMUNITIES}"').fetchall()
    return {row[0] for row in rows if isinstance(row[0], str) and row[0].strip(BLANK_CHARACTERS)}


def households_of_keys(connection: sqlite3.Connection, keys: Sequence[str]) -> list[tuple[str, str | None]]:
    """(household key, community_id or None when blank) of the households of community keys `keys`
    (UNASSIGNED_KEY: those without a community_id), in row order: the engine's unassigned list."""
    named = [key for key in keys if key != UNASSIGNED_KEY]
    conditions = []
    if named:
        conditions.append(f"h.community_id IN ({', '.join('?' for _ in named)})")
    if UNASSIGNED_KEY in keys:
        conditions.append(f"NOT {filled_sql('community_id', None, SQLITE, 'h')}")
    rows = connection.execute(
        f'SELECT h.fid, {household_key_sql("h")}, {_key_sql("community_id", "h")} FROM "{HOUSEHOLDS}" h '
        f"WHERE {' OR '.join(conditions)} ORDER BY h.fid",
        named,
    ).fetchall()
    return [(key, community_id) for _fid, key, community_id in rows]

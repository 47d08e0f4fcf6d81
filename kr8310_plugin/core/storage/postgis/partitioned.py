"""The partitioned layout of a community database, for a country-sized server: households in one
partition per district (LIST of the district's community ids, a DEFAULT partition for the rest),
members in MEMBER_PARTITIONS partitions by the hash of member_id.

PostgreSQL makes a unique index of a partitioned table only when it holds the partition key, so the
rules that do not are kept by the server in another way:

- household_id (and fid, the key QGIS edits by and the kept coverage counts by) unique: the table
  ``kr8310_household_keys (fid, household_id, community_id)``, kept by triggers in the same statement;
  a second household with an id already taken fails with the unique violation of that table. What
  looks a member's household up by household_id (the members' row-level security, the kept
  coverage's member trigger) reads it: one index instead of one per partition;
- members -> households (ON UPDATE / ON DELETE CASCADE, deferred): the foreign key of members (and of
  the import versions) refers to ``kr8310_household_keys.household_id``; deleting a household deletes
  its key row, which cascades to its members; a changed household_id cascades the same way;
- a household moving to a community of another district moves to another partition, which PostgreSQL
  does as a DELETE and an INSERT: its key row stays (the DELETE half sees it still exists), and the
  row-version and created_at that the INSERT half would reset are put back (``zz_partition_move``);
- member_id is the partition key of members: unique by the index ddl.py makes.

Row-level security, the row-version, stamp, location, audit and kept-coverage triggers are made on
the partitioned tables by the usual builder (PostgreSQL applies them to every partition, also those
added later); partitions get no grants, so every role reaches the rows through the parent and its
policies. The audit trail names the partition a row is in (TG_TABLE_NAME).

`partitioned_layout_sql` turns the builder's statements into this layout (build.py, option
``partitioned``); `district_partitions_sql` adds a partition for each district whose communities have
none yet (run once the communities are in, before the households: a district's partition is made
from the DEFAULT partition only while that holds none of its households).
"""

from __future__ import annotations

from collections.abc import Sequence

from ....definitions.schema import COMMUNITIES, HOUSEHOLDS, MEMBERS
from .coverage_triggers import HOUSEHOLD_KEYS_TABLE
from .roles import own_communities_sql
from .target import KEY_COLUMN, safe_search_path

MEMBER_PARTITIONS = 8
OTHER_HOUSEHOLDS = f"{HOUSEHOLDS}_other"  # the DEFAULT partition: no community, or one added later
# Sorts after check_row_version and stamp_household: BEFORE triggers fire in the order of their names.
MOVE_TRIGGER = "zz_partition_move"
_MOVE_SETTING = "kr8310.partition_move"


def _replace_once(statement: str, old: str, new: str) -> str:
    if old not in statement:
        raise ValueError(f"the partitioned layout expects {old!r} in: {statement[:80]}")
    return statement.replace(old, new, 1)


def _partitioned_table(statement: str, partition_by: str) -> str:
    """A CREATE TABLE of ddl.table_ddl as a partitioned table: no primary key (it would have to hold
    the partition key; fid stays NOT NULL from its sequence), no UNIQUE on the id."""
    statement = _replace_once(statement, f"{KEY_COLUMN} serial PRIMARY KEY", f"{KEY_COLUMN} serial NOT NULL")
    statement = statement.replace(" NOT NULL UNIQUE DEFAULT", " NOT NULL DEFAULT")
    return f"{statement} PARTITION BY {partition_by}"


def _keys_table_sql(schema: str) -> list[str]:
    keys = f"{schema}.{HOUSEHOLD_KEYS_TABLE}"
    return [
        f"CREATE TABLE {keys} ({KEY_COLUMN} integer PRIMARY KEY, household_id text NOT NULL "
        f"CONSTRAINT {HOUSEHOLD_KEYS_TABLE}_household_id_key UNIQUE, community_id text)",
        f"REVOKE ALL ON {keys} FROM PUBLIC",
    ]


def _households_sql(schema: str, statement: str) -> list[str]:
    households = f"{schema}.{HOUSEHOLDS}"
    return [
        *_keys_table_sql(schema),
        _partitioned_table(statement, "LIST (community_id)"),
        f"CREATE TABLE {schema}.{OTHER_HOUSEHOLDS} PARTITION OF {households} DEFAULT",
        # What the primary key gave: lookups by fid (the kept coverage, QGIS), in every partition.
        f"CREATE INDEX {HOUSEHOLDS}_{KEY_COLUMN}_idx ON {households} ({KEY_COLUMN})",
    ]


def _members_sql(schema: str, statement: str) -> list[str]:
    members = f"{schema}.{MEMBERS}"
    return [
        _partitioned_table(statement, "HASH (member_id)"),
        *(
            f"CREATE TABLE {schema}.{MEMBERS}_p{remainder} PARTITION OF {members} "
            f"FOR VALUES WITH (MODULUS {MEMBER_PARTITIONS}, REMAINDER {remainder})"
            for remainder in range(MEMBER_PARTITIONS)
        ),
        f"CREATE INDEX {MEMBERS}_{KEY_COLUMN}_idx ON {members} ({KEY_COLUMN})",
    ]


def _function(schema: str, name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {schema}.{name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        f"{safe_search_path(schema)} AS $kr8310$\n{body}\n$kr8310$"
    )


def _trigger(schema: str, table: str, name: str, when: str, function: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {schema}.{table}",
        f"CREATE TRIGGER {name} {when} ON {schema}.{table} FOR EACH ROW EXECUTE FUNCTION {schema}.{function}()",
    ]


def _key_triggers_sql(schema: str) -> list[str]:
    """The triggers keeping kr8310_household_keys and the moved rows' versions (SECURITY DEFINER: the
    keys table has no grants)."""
    keys = f"{schema}.{HOUSEHOLD_KEYS_TABLE}"
    households = f"{schema}.{HOUSEHOLDS}"
    return [
        _function(
            schema,
            "kr8310_household_key_added",
            f"""BEGIN
  -- AFTER row triggers run at the end of the statement: a row that moved partitions is back by then.
  IF EXISTS (SELECT 1 FROM {keys} k WHERE k.fid = NEW.fid) THEN
    IF (SELECT count(*) FROM {households} h WHERE h.fid = NEW.fid) = 1 THEN
      UPDATE {keys} SET household_id = NEW.household_id, community_id = NEW.community_id WHERE fid = NEW.fid
        AND (household_id, community_id) IS DISTINCT FROM (NEW.household_id, NEW.community_id);
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO {keys} (fid, household_id, community_id) VALUES (NEW.fid, NEW.household_id, NEW.community_id);
  RETURN NULL;
END""",
        ),
        _function(
            schema,
            "kr8310_household_key_changed",
            f"""BEGIN
  UPDATE {keys} SET fid = NEW.fid, household_id = NEW.household_id, community_id = NEW.community_id
    WHERE fid = OLD.fid
      AND (fid, household_id, community_id) IS DISTINCT FROM (NEW.fid, NEW.household_id, NEW.community_id);
  RETURN NULL;
END""",
        ),
        _function(
            schema,
            "kr8310_household_key_removed",
            f"""BEGIN
  IF NOT EXISTS (SELECT 1 FROM {households} h WHERE h.fid = OLD.fid) THEN
    DELETE FROM {keys} WHERE fid = OLD.fid;  -- cascades to the household's members
  END IF;
  RETURN NULL;
END""",
        ),
        _function(
            schema,
            "kr8310_partition_move",
            f"""DECLARE
  moving text[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.community_id IS DISTINCT FROM OLD.community_id THEN
      PERFORM set_config('{_MOVE_SETTING}',
                         array[NEW.fid::text, NEW.row_version::text, OLD.created_at::text]::text, true);
    END IF;
    RETURN NEW;
  END IF;
  moving := nullif(current_setting('{_MOVE_SETTING}', true), '')::text[];
  IF moving[1] = NEW.fid::text THEN
    -- The INSERT half of a move between partitions: the row keeps what its UPDATE made of it.
    NEW.row_version := moving[2]::integer;
    NEW.created_at := moving[3]::timestamptz;
    PERFORM set_config('{_MOVE_SETTING}', '', true);
  END IF;
  RETURN NEW;
END""",
        ),
        *_trigger(schema, HOUSEHOLDS, "kr8310_household_key_added", "AFTER INSERT", "kr8310_household_key_added"),
        *_trigger(
            schema,
            HOUSEHOLDS,
            "kr8310_household_key_changed",
            f"AFTER UPDATE OF {KEY_COLUMN}, household_id, community_id",
            "kr8310_household_key_changed",
        ),
        *_trigger(schema, HOUSEHOLDS, "kr8310_household_key_removed", "AFTER DELETE", "kr8310_household_key_removed"),
        *_trigger(schema, HOUSEHOLDS, MOVE_TRIGGER, "BEFORE INSERT OR UPDATE", "kr8310_partition_move"),
    ]


def partitioned_layout_sql(schema: str, statements: Sequence[str]) -> list[str]:
    """The statements that build a community database (build.py's list, ddl.schema_sql within it) for
    the partitioned layout: households and members made partitioned, the unique index on household_id
    made a plain one (kr8310_household_keys is the unique one), the foreign keys to households'
    household_id pointed at that table, and its triggers added at the end."""
    households_table = f"CREATE TABLE {schema}.{HOUSEHOLDS} ("
    members_table = f"CREATE TABLE {schema}.{MEMBERS} ("
    unique_household_id = f"CREATE UNIQUE INDEX IF NOT EXISTS {HOUSEHOLDS}_household_id_unique"
    referenced = f"REFERENCES {schema}.{HOUSEHOLDS} (household_id)"
    result: list[str] = []
    for statement in statements:
        statement = statement.replace(referenced, f"REFERENCES {schema}.{HOUSEHOLD_KEYS_TABLE} (household_id)")
        if statement.startswith(households_table):
            result += _households_sql(schema, statement)
        elif statement.startswith(members_table):
            result += _members_sql(schema, statement)
        elif statement.startswith(unique_household_id):
            result.append(statement.replace("CREATE UNIQUE INDEX", "CREATE INDEX", 1))
        else:
            result.append(statement)
    if not any(statement.startswith(households_table) for statement in statements):
        raise ValueError("the partitioned layout needs the CREATE TABLE of households")
    return result + _key_triggers_sql(schema) + _member_lookups_sql(schema) + [_no_grants_sql(schema)]


def _member_lookups_sql(schema: str) -> list[str]:
    """The members' row-level security looks up a member's household in the key table (one index) instead
    of the households (one index per partition), as the kept coverage's member trigger does
    (coverage_triggers.install_sql); it stays "a member is visible and editable exactly when its
    household is" (the households' own_district rule, on the community_id the key table keeps)."""
    keys = f"{schema}.{HOUSEHOLD_KEYS_TABLE}"
    mine = f"{schema}.kr8310_household_in_my_districts(household_id)"
    # PL/pgSQL: its query's plan is kept for the session (a SQL function that cannot be inlined, as a
    # SECURITY DEFINER one, is planned again at every member row).
    function = f"""CREATE OR REPLACE FUNCTION {schema}.kr8310_household_in_my_districts(key text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER {safe_search_path(schema)} AS $kr8310$
BEGIN
  RETURN EXISTS (SELECT 1 FROM {keys} k WHERE k.household_id = key AND k.{own_communities_sql(schema)});
END
$kr8310$"""
    # Only where the roles are (a schema made without them has neither the policy nor my_district_codes).
    return [
        f"""DO $kr8310_member_policy$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = '{schema}' AND tablename = '{MEMBERS}'
             AND policyname = 'own_district') THEN
    EXECUTE $kr8310_sql${function}$kr8310_sql$;
    ALTER POLICY own_district ON {schema}.{MEMBERS} USING ({mine}) WITH CHECK ({mine});
  END IF;
END $kr8310_member_policy$""",
    ]


def _no_grants_sql(schema: str) -> str:
    """Take every grant on the keys table and the partitions from every role but their owner: the rows
    are reached through the parents, under their row-level security."""
    return f"""DO $kr8310_partition_grants$
DECLARE
  item record;
BEGIN
  FOR item IN
    SELECT c.oid::regclass AS object, CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END AS grantee
    FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
    WHERE c.relnamespace = '{schema}'::regnamespace AND a.grantee <> c.relowner
      AND (c.relname = '{HOUSEHOLD_KEYS_TABLE}' OR c.relispartition)
  LOOP
    EXECUTE format('REVOKE ALL ON %s FROM %s', item.object, item.grantee);
  END LOOP;
END $kr8310_partition_grants$"""


def district_partitions_sql(schema: str) -> list[str]:
    """One partition of households per district whose communities are in no partition yet, listing
    them (PostgreSQL refuses while the DEFAULT partition holds households of them); idempotent."""
    households = f"{schema}.{HOUSEHOLDS}"
    return [
        f"""DO $kr8310_partitions$
DECLARE
  district record;
BEGIN
  FOR district IN
    SELECT c.district_code, array_agg(c.community_id ORDER BY c.community_id) AS ids
    FROM {schema}.{COMMUNITIES} c
    WHERE c.district_code IS NOT NULL AND c.community_id IS NOT NULL
      AND to_regclass(format('{schema}.%I', '{HOUSEHOLDS}_d' || c.district_code)) IS NULL
    GROUP BY c.district_code ORDER BY c.district_code
  LOOP
    EXECUTE format('CREATE TABLE {schema}.%I PARTITION OF {households} FOR VALUES IN (%s)',
                   '{HOUSEHOLDS}_d' || district.district_code,
                   (SELECT string_agg(quote_literal(id), ', ') FROM unnest(district.ids) id));
  END LOOP;
END $kr8310_partitions$""",
    ]


def keys_after_bulk_load_sql(schema: str) -> list[str]:
    """After a bulk load into households with triggers off: the key rows of the households that have none."""
    keys = f"{schema}.{HOUSEHOLD_KEYS_TABLE}"
    return [
        f"INSERT INTO {keys} (fid, household_id, community_id) SELECT h.fid, h.household_id, h.community_id "
        f"FROM {schema}.{HOUSEHOLDS} h "
        f"WHERE NOT EXISTS (SELECT 1 FROM {keys} k WHERE k.fid = h.fid)"
    ]

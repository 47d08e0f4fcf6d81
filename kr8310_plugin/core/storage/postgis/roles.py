"""Who may do what in a community database: group roles, grants and row-level security.

- ``<schema>_owner`` (NOLOGIN) owns the schema and every object in it: only it may alter a
  table, create a trigger, truncate, or touch the audit trail and its sequence. The login that
  sets the database up (and later upgrades it) is made a member.
- ``<schema>_admin``: reads and writes every table's rows (households, members, communities,
  districts, mappers' districts, settings), never TRUNCATE, TRIGGER or REFERENCES; reads the
  audit log; grants the two roles below.
- ``<schema>_mapper``: edits households and members only in communities of the districts that
  ``<schema>.mapper_districts`` lists for the login user; reads communities and districts.
- ``<schema>_planner``: reads communities, districts and the coverage and KR views only.

No role but the owner writes the derived fields of communities (coverage, size class): the
server's own functions do. The SQL is pure; build.py and ddl.upgrade_sql run it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ....definitions.schema import COMMUNITIES, DISTRICTS, HOUSEHOLDS, MEMBERS
from ..settings_table import SETTINGS_TABLE
from .target import (
    AUDIT_TABLE,
    COVERAGE_FUNCTION,
    COVERAGE_VIEW,
    KEY_COLUMN,
    KR_VIEW,
    LATEST_CHANGE_FUNCTION,
    MAPPER_DISTRICTS_TABLE,
    REFRESH_COVERAGE_FUNCTION,
    PostgisTarget,
    safe_search_path,
)

GROUP_ROLES = ("owner", "admin", "mapper", "planner")
MAPPER_DISTRICTS_ESTIMATE = 2  # rows the planner expects from my_district_codes()
_AUDIT_SEQUENCE = f"{AUDIT_TABLE}_audit_id_seq"
# Table privileges that act on a table rather than its rows: the owner's alone.
_OWNER_ONLY_PRIVILEGES = ("TRUNCATE", "TRIGGER", "REFERENCES", "MAINTAIN")  # MAINTAIN: PostgreSQL 17+


def group_roles_sql(target: PostgisTarget) -> list[str]:
    """Create the four group roles (idempotent; needs CREATEROLE) and make the login running this a
    member of the owner role, so that it can create the schema for it and act as it."""
    admin, mapper, planner = (target.role(k) for k in ("admin", "mapper", "planner"))
    statements = [
        f"""DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} NOLOGIN; END IF;
END $$"""
        for role in (target.role(kind) for kind in GROUP_ROLES)
    ]
    return statements + [
        f"GRANT {target.role('owner')} TO CURRENT_USER",
        f"GRANT {mapper}, {planner} TO {admin} WITH ADMIN OPTION",
    ]


def role_functions_sql(target: PostgisTarget) -> list[str]:
    """The functions the policies and the admin call; idempotent."""
    s = target.schema
    path = safe_search_path(s)
    return [
        # The districts of the login user (SECURITY DEFINER: mappers cannot read the whole mapping). ROWS:
        # a login maps a district or two; at the default estimate (1,000) the row-level security of every
        # household and member statement scanned all communities instead of their district's index.
        f"""CREATE OR REPLACE FUNCTION {s}.my_district_codes() RETURNS SETOF integer LANGUAGE sql STABLE
SECURITY DEFINER ROWS {MAPPER_DISTRICTS_ESTIMATE} {path} AS $$
  SELECT district_code FROM {s}.{MAPPER_DISTRICTS_TABLE} WHERE user_name = session_user
$$""",
        # Admin helper: let a login user map for a district (run by an admin, with the admin's rights).
        f"""CREATE OR REPLACE FUNCTION {s}.assign_mapper(login name, district integer) RETURNS void
LANGUAGE plpgsql {path} AS $$
BEGIN
  EXECUTE format('GRANT %I TO %I', '{target.role("mapper")}', login);
  INSERT INTO {s}.{MAPPER_DISTRICTS_TABLE} VALUES (login, district) ON CONFLICT DO NOTHING;
END $$""",
    ]


def policies_sql(target: PostgisTarget) -> list[str]:
    """Row-level security of a new schema (policies are not replaceable: an upgrade keeps its own)."""
    s = target.schema
    admin, mapper, planner = (target.role(k) for k in ("admin", "mapper", "planner"))
    own_communities = own_communities_sql(s)
    statements = []
    for table in (COMMUNITIES, HOUSEHOLDS, MEMBERS, MAPPER_DISTRICTS_TABLE):
        statements += [
            f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY admin_all ON {s}.{table} FOR ALL TO {admin} USING (true) WITH CHECK (true)",
        ]
    return statements + [
        f"CREATE POLICY read_all ON {s}.{COMMUNITIES} FOR SELECT TO {mapper}, {planner} USING (true)",
        f"CREATE POLICY own_district ON {s}.{HOUSEHOLDS} FOR ALL TO {mapper} "
        f"USING ({own_communities}) WITH CHECK ({own_communities})",
        # A member is visible and editable exactly when its household is (households' policy applies
        # inside); EXISTS makes it one index probe per row.
        f"CREATE POLICY own_district ON {s}.{MEMBERS} FOR ALL TO {mapper} "
        f"USING (EXISTS (SELECT 1 FROM {s}.{HOUSEHOLDS} h WHERE h.household_id = {MEMBERS}.household_id)) "
        f"WITH CHECK (EXISTS (SELECT 1 FROM {s}.{HOUSEHOLDS} h WHERE h.household_id = {MEMBERS}.household_id))",
        f"CREATE POLICY own_rows ON {s}.{MAPPER_DISTRICTS_TABLE} FOR SELECT TO {mapper} "
        "USING (user_name = session_user)",
    ]


def privileges_sql(target: PostgisTarget) -> list[str]:
    """The grants of the three working roles, also taking back what older versions granted; idempotent,
    run by the owner once the tables, views and functions exist."""
    s = target.schema
    admin, mapper, planner = (target.role(k) for k in ("admin", "mapper", "planner"))
    everyone = f"{admin}, {mapper}, {planner}"
    server_functions = (f"{COVERAGE_FUNCTION}()", f"{REFRESH_COVERAGE_FUNCTION}()", f"{LATEST_CHANGE_FUNCTION}()")
    return [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {s} TO {everyone}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {admin}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {admin}",
        # The audit trail is written by the server's trigger alone; the admin reads it.
        f"REVOKE INSERT, UPDATE, DELETE ON {s}.{AUDIT_TABLE} FROM {everyone}",
        f"GRANT SELECT ON {s}.{AUDIT_TABLE} TO {admin}",
        f"REVOKE ALL ON SEQUENCE {s}.{_AUDIT_SEQUENCE} FROM {everyone}",
        f"REVOKE ALL ON FUNCTION {s}.assign_mapper(name, integer), {s}.my_district_codes() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.assign_mapper(name, integer) TO {admin}",
        f"GRANT EXECUTE ON FUNCTION {s}.my_district_codes() TO {everyone}",
        f"REVOKE ALL ON FUNCTION {', '.join(f'{s}.{f}' for f in server_functions)} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {', '.join(f'{s}.{f}' for f in server_functions)} TO {everyone}",
        f"GRANT SELECT ON {s}.{DISTRICTS}, {s}.{COMMUNITIES}, {s}.{COVERAGE_VIEW}, {s}.{KR_VIEW} "
        f"TO {mapper}, {planner}",
        # Older versions let mappers write the coverage fields (a table-level REVOKE takes the column grants too).
        f"REVOKE INSERT, UPDATE, DELETE ON {s}.{COMMUNITIES}, {s}.{DISTRICTS} FROM {mapper}, {planner}",
        f"DROP POLICY IF EXISTS own_district ON {s}.{COMMUNITIES}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{HOUSEHOLDS}, {s}.{MEMBERS} TO {mapper}",
        f"GRANT USAGE ON SEQUENCE {s}.{HOUSEHOLDS}_{KEY_COLUMN}_seq, {s}.{MEMBERS}_{KEY_COLUMN}_seq TO {mapper}",
        f"GRANT SELECT ON {s}.{MAPPER_DISTRICTS_TABLE} TO {mapper}",
        *settings_grants_sql(target),
    ]


def lockdown_sql(schema: str) -> list[str]:
    """Whatever granted them (this module, another module's tables, a hand-made GRANT): take back from
    every role but the owner TRUNCATE, TRIGGER, REFERENCES (and MAINTAIN) on the schema's tables, all but
    nextval on its sequences (setval rewinds), every right on the audit trail and its sequence but reading
    the trail; give every function of the schema
    that has none the safe search_path. Run last, by the owner; idempotent."""
    owner_only = ", ".join(f"'{p}'" for p in _OWNER_ONLY_PRIVILEGES)
    return [
        f"""DO $kr8310_lockdown$
DECLARE
  item record;
BEGIN
  FOR item IN
    SELECT c.oid::regclass AS object, c.relkind, a.privilege_type,
           CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END AS grantee
    FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
    WHERE c.relnamespace = '{schema}'::regnamespace AND a.grantee <> c.relowner
      AND ((c.relkind = 'S' AND (a.privilege_type <> 'USAGE' OR c.relname = '{_AUDIT_SEQUENCE}'))
        OR (c.relkind <> 'S' AND a.privilege_type IN ({owner_only}))
        OR (c.relname = '{AUDIT_TABLE}' AND a.privilege_type <> 'SELECT'))
  LOOP
    EXECUTE format('REVOKE %s ON %s %s FROM %s', item.privilege_type,
                   CASE item.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, item.object, item.grantee);
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure AS function FROM pg_proc p
    WHERE p.pronamespace = '{schema}'::regnamespace AND p.prokind = 'f'
      AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) setting WHERE setting LIKE 'search_path=%')
  LOOP
    EXECUTE format('ALTER FUNCTION %s {safe_search_path(schema)}', item.function);
  END LOOP;
END $kr8310_lockdown$""",
    ]


def take_ownership_sql(target: PostgisTarget) -> str:
    """For a schema an older version made (owned by the login that built it): create the NOLOGIN owner
    role when the login may (CREATEROLE), make the login a member, and hand it the schema and every
    object in it. The schema itself stays the login's when the owner role may not create in the
    database (ALTER SCHEMA needs it); the owner then gets CREATE on the schema. Idempotent."""
    s, owner = target.schema, target.role("owner")
    kinds = (
        "CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' "
        "ELSE 'TABLE' END"
    )
    return f"""DO $kr8310_owner$
DECLARE
  item record;
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{owner}') THEN
    IF NOT (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
      RAISE NOTICE 'schema {s} stays owned by %: the owner role {owner} needs a login with CREATEROLE', current_user;
      RETURN;
    END IF;
    CREATE ROLE {owner} NOLOGIN;
    GRANT {owner} TO CURRENT_USER;
  END IF;
  IF NOT pg_has_role(current_user, '{owner}', 'USAGE') THEN
    RETURN;
  END IF;
  IF (SELECT nspowner FROM pg_namespace WHERE nspname = '{s}') <> '{owner}'::regrole THEN
    BEGIN
      ALTER SCHEMA {s} OWNER TO {owner};
    EXCEPTION WHEN insufficient_privilege THEN
      GRANT USAGE, CREATE ON SCHEMA {s} TO {owner};
    END;
  END IF;
  FOR item IN
    SELECT c.oid::regclass AS object, {kinds} AS kind FROM pg_class c
    WHERE c.relnamespace = '{s}'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND c.relowner <> '{owner}'::regrole AND pg_has_role(current_user, c.relowner, 'USAGE')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO {owner}', item.kind, item.object);
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure AS function FROM pg_proc p
    WHERE p.pronamespace = '{s}'::regnamespace AND p.prokind = 'f' AND p.proowner <> '{owner}'::regrole
      AND pg_has_role(current_user, p.proowner, 'USAGE')
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO {owner}', item.function);
  END LOOP;
END $kr8310_owner$"""


def act_as_owner_sql(target: PostgisTarget) -> str:
    """Run the rest of the transaction as the owner role, when it exists and the login is its member:
    what an upgrade creates is then the owner's, like the rest of the schema."""
    owner = target.role("owner")
    return f"""DO $kr8310_as_owner$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{owner}') AND pg_has_role(current_user, '{owner}', 'MEMBER') THEN
    SET LOCAL ROLE {owner};
  END IF;
END $kr8310_as_owner$"""


def when_roles_exist(target: PostgisTarget, statements: Sequence[str]) -> str:
    """One statement running `statements` when the schema's group roles exist (a schema made without
    roles has none to grant to)."""
    body = "\n".join(f"    EXECUTE $kr8310_sql${statement}$kr8310_sql$;" for statement in statements)
    return f"""DO $kr8310_roles$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{target.role("admin")}') THEN
{body}
  END IF;
END $kr8310_roles$"""


def own_communities_sql(schema: str) -> str:
    """Row filter: the row's community_id is one of the login user's districts' communities."""
    return (
        f"community_id IN (SELECT community_id FROM {schema}.{COMMUNITIES} WHERE district_code IN "
        f"(SELECT {schema}.my_district_codes()))"
    )


def settings_grants_sql(target: PostgisTarget) -> list[str]:
    """Every KR 8310 role reads the settings (the completeness rule); only the admin changes them."""
    s = target.schema
    admin, mapper, planner = (target.role(k) for k in ("admin", "mapper", "planner"))
    return [
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{SETTINGS_TABLE} TO {admin}",
        f"GRANT SELECT ON {s}.{SETTINGS_TABLE} TO {mapper}, {planner}",
    ]

"""Who may do what in a community database: group roles, grants and row-level security."""

from __future__ import annotations

from ....definitions.schema import COMMUNITIES, DISTRICTS, HOUSEHOLDS, MEMBERS
from ..settings_table import SETTINGS_TABLE
from .target import (
    AUDIT_TABLE,
    COVERAGE_FUNCTION,
    COVERAGE_VIEW,
    KEY_COLUMN,
    KR_VIEW,
    MAPPER_DISTRICTS_TABLE,
    PostgisTarget,
)


def roles_sql(target: PostgisTarget) -> list[str]:
    """Group roles, grants and row-level security (needs CREATEROLE; role creation is idempotent).

    - ``<schema>_admin``: everything, reads the audit log, may grant the two roles below.
    - ``<schema>_mapper``: edits households and members only in communities of the districts
      that ``<schema>.mapper_districts`` lists for the login user; reads communities and
      districts; updates the coverage fields of its own communities.
    - ``<schema>_planner``: reads communities, districts and the coverage and KR views only.
    """
    s = target.schema
    admin, mapper, planner = (target.role(k) for k in ("admin", "mapper", "planner"))
    own_communities = (
        f"community_id IN (SELECT community_id FROM {s}.{COMMUNITIES} WHERE district_code IN "
        f"(SELECT {s}.my_district_codes()))"
    )
    statements = [
        f"""DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} NOLOGIN; END IF;
END $$"""
        for role in (admin, mapper, planner)
    ]
    statements += [
        f"GRANT {mapper}, {planner} TO {admin} WITH ADMIN OPTION",
        # The districts of the login user (SECURITY DEFINER: mappers cannot read the whole mapping).
        f"""CREATE FUNCTION {s}.my_district_codes() RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog AS $$
  SELECT district_code FROM {s}.{MAPPER_DISTRICTS_TABLE} WHERE user_name = session_user
$$""",
        # Admin helper: let a login user map for a district (run by an admin).
        f"""CREATE FUNCTION {s}.assign_mapper(login name, district integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('GRANT %I TO %I', '{mapper}', login);
  INSERT INTO {s}.{MAPPER_DISTRICTS_TABLE} VALUES (login, district) ON CONFLICT DO NOTHING;
END $$""",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC",
        f"REVOKE ALL ON FUNCTION {s}.assign_mapper(name, integer) FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {s} TO {admin}, {mapper}, {planner}",
        f"GRANT ALL ON ALL TABLES IN SCHEMA {s} TO {admin}",
        f"GRANT ALL ON ALL SEQUENCES IN SCHEMA {s} TO {admin}",
        f"GRANT EXECUTE ON FUNCTION {s}.assign_mapper(name, integer) TO {admin}",
        # Nobody but the owner may change the audit trail; the admin reads it.
        f"REVOKE ALL ON {s}.{AUDIT_TABLE} FROM {admin}",
        f"GRANT SELECT ON {s}.{AUDIT_TABLE} TO {admin}",
        f"REVOKE ALL ON FUNCTION {s}.{COVERAGE_FUNCTION}() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.{COVERAGE_FUNCTION}() TO {admin}, {mapper}, {planner}",
        f"GRANT SELECT ON {s}.{DISTRICTS}, {s}.{COMMUNITIES}, {s}.{COVERAGE_VIEW}, {s}.{KR_VIEW} "
        f"TO {mapper}, {planner}",
        f"GRANT UPDATE (households_entered, households_complete, coverage_pct, coverage_flag) "
        f"ON {s}.{COMMUNITIES} TO {mapper}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{HOUSEHOLDS}, {s}.{MEMBERS} TO {mapper}",
        f"GRANT USAGE ON SEQUENCE {s}.{HOUSEHOLDS}_{KEY_COLUMN}_seq, {s}.{MEMBERS}_{KEY_COLUMN}_seq TO {mapper}",
        f"GRANT SELECT ON {s}.{MAPPER_DISTRICTS_TABLE} TO {mapper}",
        *settings_grants_sql(target),
    ]
    for table in (COMMUNITIES, HOUSEHOLDS, MEMBERS, MAPPER_DISTRICTS_TABLE):
        statements += [
            f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY admin_all ON {s}.{table} FOR ALL TO {admin} USING (true) WITH CHECK (true)",
        ]
    statements += [
        f"CREATE POLICY read_all ON {s}.{COMMUNITIES} FOR SELECT TO {mapper}, {planner} USING (true)",
        f"CREATE POLICY own_district ON {s}.{COMMUNITIES} FOR UPDATE TO {mapper} "
        f"USING (district_code IN (SELECT {s}.my_district_codes())) "
        f"WITH CHECK (district_code IN (SELECT {s}.my_district_codes()))",
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
    return statements


def settings_grants_sql(target: PostgisTarget) -> list[str]:
    """Every KR 8310 role reads the settings (the completeness rule); only the admin changes them."""
    s = target.schema
    admin, mapper, planner = (target.role(k) for k in ("admin", "mapper", "planner"))
    return [
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{SETTINGS_TABLE} TO {admin}",
        f"GRANT SELECT ON {s}.{SETTINGS_TABLE} TO {mapper}, {planner}",
    ]

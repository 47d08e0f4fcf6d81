"""The community layout tables (buildings, ways, waterways, water areas, facilities, safety points)
of a PostGIS community database: tables, checks, indexes, grants and row-level security.

The tables come from definitions/schema.py LAYOUT_LAYER_SPECS through ddl.table_ddl (so the checks
of ranges and code lists, and UNIQUE ids and osm_id, are those of every other table). Everyone with
a KR 8310 role reads the layout (nothing in it is personal); a mapper edits it in the communities of
their own districts, as households. The SQL builders are pure; `add_missing_layout_tables` runs them
on an older schema.
"""

from __future__ import annotations

from ....definitions.schema import GEOMETRY_COLUMN, LAYOUT_LAYER_SPECS, LayerSpec
from .connection import connect, execute, quote_literal
from .ddl import table_ddl
from .roles import lockdown_sql, own_communities_sql, take_ownership_sql, when_roles_exist
from .target import KEY_COLUMN, PostgisTarget, safe_search_path


def _id_field(spec: LayerSpec) -> str:
    return next(field.name for field in spec.fields if field.unique and field.not_null)


def layout_tables_sql(schema: str, specs: tuple[LayerSpec, ...] = LAYOUT_LAYER_SPECS) -> list[str]:
    """Every statement creating the layout tables of `specs` in `schema`, in order."""
    statements = [
        # updated_at is the server's clock, whoever writes the row.
        f"""CREATE OR REPLACE FUNCTION {schema}.stamp_layout_row() RETURNS trigger LANGUAGE plpgsql
{safe_search_path(schema)} AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$"""
    ]
    for spec in specs:
        table = f"{schema}.{spec.name}"
        statements += [
            table_ddl(schema, spec),
            # An import or SQL tool may leave the id out; the form fills it in as for households.
            f"ALTER TABLE {table} ALTER COLUMN {_id_field(spec)} SET DEFAULT gen_random_uuid()::text",
            f"CREATE INDEX {spec.name}_geom_idx ON {table} USING gist ({GEOMETRY_COLUMN})",
            f"CREATE INDEX {spec.name}_community_id_idx ON {table} (community_id)",
            f"CREATE TRIGGER stamp_layout_row BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {schema}.stamp_layout_row()",
        ]
    return statements


def layout_roles_sql(target: PostgisTarget, specs: tuple[LayerSpec, ...] = LAYOUT_LAYER_SPECS) -> list[str]:
    """Grants and row-level security of the layout tables of `specs` (the schema's roles exist)."""
    s = target.schema
    admin, mapper, planner = (target.role(k) for k in ("admin", "mapper", "planner"))
    own = own_communities_sql(s)
    statements = []
    for spec in specs:
        table = f"{s}.{spec.name}"
        statements += [
            # Rows only: altering, truncating and triggers are the owner role's (roles.py).
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {admin}",
            f"GRANT SELECT ON {table} TO {mapper}, {planner}",
            f"GRANT INSERT, UPDATE, DELETE ON {table} TO {mapper}",
            f"GRANT USAGE ON SEQUENCE {table}_{KEY_COLUMN}_seq TO {admin}, {mapper}",
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY admin_all ON {table} FOR ALL TO {admin} USING (true) WITH CHECK (true)",
            f"CREATE POLICY read_all ON {table} FOR SELECT TO {mapper}, {planner} USING (true)",
            f"CREATE POLICY own_district_insert ON {table} FOR INSERT TO {mapper} WITH CHECK ({own})",
            f"CREATE POLICY own_district_update ON {table} FOR UPDATE TO {mapper} USING ({own}) WITH CHECK ({own})",
            f"CREATE POLICY own_district_delete ON {table} FOR DELETE TO {mapper} USING ({own})",
        ]
    return statements


def layout_upgrade_sql(target: PostgisTarget, specs: tuple[LayerSpec, ...]) -> list[str]:
    """Add the layout tables of `specs` to an existing schema: owned by the schema's owner role, with
    their grants and policies when its roles exist, and the lock-down of roles.py after."""
    return [
        *layout_tables_sql(target.schema, specs),
        when_roles_exist(target, [take_ownership_sql(target), *layout_roles_sql(target, specs)]),
        *lockdown_sql(target.schema),
    ]


def add_missing_layout_tables(target: PostgisTarget) -> bool:
    """Create the layout tables the target's schema lacks (run by its owner); True when one was added.
    Raises PostgisError with the server's message."""
    connection = connect(target)
    present = {
        str(row[0])
        for row in execute(
            connection,
            f"SELECT table_name FROM information_schema.tables WHERE table_schema = {quote_literal(target.schema)}",
        )
    }
    missing = tuple(spec for spec in LAYOUT_LAYER_SPECS if spec.name not in present)
    if missing:
        execute(connection, layout_upgrade_sql(target, missing))
    return bool(missing)

"""Creating the community database on a PostgreSQL server, in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...registry.districts import District, load_registry
from ...toolbelt.i18n import tr
from .connection import connect, execute, schema_exists
from .ddl import schema_sql
from .layout_ddl import layout_roles_sql, layout_tables_sql
from .partitioned import partitioned_layout_sql
from .roles import group_roles_sql, lockdown_sql, policies_sql, privileges_sql, role_functions_sql
from .target import PostgisError, PostgisTarget, mask_passwords, parse_target


def build_postgis_database(
    database: str,
    schema: str | None = None,
    overwrite: bool = False,
    roles: bool = True,
    districts: Sequence[District] | None = None,
    progress: Callable[[float], None] | None = None,
    partitioned: bool = False,  # households by district, members by hash: partitioned.py
) -> PostgisTarget:
    """Create the community database (schema, 50 districts, roles and RLS) on a PostgreSQL server.

    Everything happens in one transaction: on any error the server is left as it was and
    PostgisError says why. An existing schema is replaced only with `overwrite` (its data is
    dropped). `roles` also creates the group roles and policies (needs CREATEROLE) and makes the
    NOLOGIN owner role (roles.py) own the schema, the connecting login a member of it.
    """
    target = parse_target(database, schema)
    connection = connect(target)
    if progress:
        progress(5.0)
    if schema_exists(connection, target.schema) and not overwrite:
        raise PostgisError(
            tr("The schema '{schema}' already exists. Choose another schema, or set OVERWRITE to replace it.").format(
                schema=target.schema
            )
        )
    districts = load_registry() if districts is None else districts
    if progress:
        progress(30.0)
    statements = [
        "SET LOCAL client_min_messages = warning",
        "CREATE EXTENSION IF NOT EXISTS postgis",
        f"DROP SCHEMA IF EXISTS {target.schema} CASCADE",
        # The roles as the login (CREATEROLE); from CREATE SCHEMA on, everything as the owner role.
        *(group_roles_sql(target) if roles else []),
        *schema_sql(target.schema, districts, target.role("owner") if roles else None),
        *layout_tables_sql(target.schema),
    ]
    if roles:
        statements += role_functions_sql(target) + policies_sql(target) + privileges_sql(target)
        statements += layout_roles_sql(target)
    statements += lockdown_sql(target.schema)
    statements = partitioned_layout_sql(target.schema, statements) if partitioned else statements
    try:
        execute(connection, statements)
    except PostgisError as error:
        raise PostgisError(
            tr("Could not create the community database in schema '{schema}': {error}").format(
                schema=target.schema, error=mask_passwords(str(error))
            )
        ) from error
    if progress:
        progress(100.0)
    return target

"""Write checked import drafts into a PostGIS community database, in one server transaction.

The same plan as the GeoPackage writer (importer.plan_changes): households matched on
household_id, else community + house number; inserts, updates of changed rows, members
replaced. The server stamps editor, created_at/updated_at and row_version itself (its
triggers), and checks rights (row-level security): a row it refuses rolls the whole
import back, with the server's message, even with skip_invalid.
"""

from __future__ import annotations

from collections.abc import Callable

from ...definitions.schema import CRS_EPSG, GEOMETRY_COLUMN, HOUSEHOLDS, MEMBERS
from ..rules.completeness import is_filled
from ..storage.postgis.connection import connect, execute, quote_ident, quote_literal
from ..storage.postgis.target import PostgisError, parse_target
from ..toolbelt.i18n import tr
from .importer import (
    COMPARED_COLUMNS,
    MEMBER_COLUMNS,
    ExistingHousehold,
    HouseholdChange,
    HouseholdDraft,
    ImportRefusedError,
    ImportResult,
    collect_rejections,
    plan_changes,
)

# The server's stamp_household trigger sets editor: not a difference between file and database.
_SERVER_COMPARED = tuple(c for c in COMPARED_COLUMNS if c != "editor")
_HOUSEHOLD_INSERT_COLUMNS = (
    "household_id",
    "community_id",
    "house_no",
    "building_type",
    "residence_years",
    "member_count",
)
_CHUNK = 1000  # ids per IN list when reading stored members


def _null(value: object) -> object:
    return value if is_filled(value) else None


def _point_sql(point: tuple[float, float]) -> str:
    return f"ST_SetSRID(ST_MakePoint({point[0]!r}, {point[1]!r}), {CRS_EPSG})"


def _literal(column: str, value: object) -> str:
    if column == "bedridden" and value is not None:
        return quote_literal(bool(value))
    return quote_literal(value)


def _point_key(point: tuple[float, float]) -> tuple[float, float]:
    return (round(point[0], 3), round(point[1], 3))


def change_sql(schema: str, change: HouseholdChange) -> list[str]:
    """The statements for one household and its members."""
    households = f"{schema}.{quote_ident(HOUSEHOLDS)}"
    members = f"{schema}.{quote_ident(MEMBERS)}"
    key = quote_literal(change.household_id)
    statements = []
    if change.insert:
        values = [_point_sql(change.draft.point)] + [
            quote_literal(change.values.get(c) if c != "household_id" else change.household_id)
            for c in _HOUSEHOLD_INSERT_COLUMNS
        ]
        columns = ", ".join(quote_ident(c) for c in (GEOMETRY_COLUMN, *_HOUSEHOLD_INSERT_COLUMNS))
        statements.append(f"INSERT INTO {households} ({columns}) VALUES ({', '.join(values)})")
    else:
        assignments = [
            f"{quote_ident(c)} = {_point_sql(change.draft.point) if c == GEOMETRY_COLUMN else quote_literal(v)}"
            for c, v in change.values.items()
            if c != "editor"
        ]
        if not assignments:  # only members changed: touch the household so its version and stamp move
            assignments = ["house_no = house_no"]
        statements.append(f"UPDATE {households} SET {', '.join(assignments)} WHERE household_id = {key}")
    if change.members is not None:
        statements.append(f"DELETE FROM {members} WHERE household_id = {key}")
        if change.members:
            rows = ", ".join(
                "(" + ", ".join(_literal(c, v) for c, v in zip(MEMBER_COLUMNS, row)) + ")" for row in change.members
            )
            statements.append(
                f"INSERT INTO {members} ({', '.join(quote_ident(c) for c in MEMBER_COLUMNS)}) VALUES {rows}"
            )
    return statements


def write_postgis(
    database: str,
    drafts: list[HouseholdDraft],
    skip_invalid: bool = False,
    editor: str = "import",
    progress: Callable[[float], None] | None = None,
) -> ImportResult:
    """Plan against the stored households, then send every change in one transaction.

    Raises ImportRefusedError (nothing written) for rejected rows without `skip_invalid`, or
    when the server refuses a statement.
    """
    result = ImportResult()
    try:
        target = parse_target(database)
        connection = connect(target)
        schema = target.schema
        columns = ("household_id", *COMPARED_COLUMNS, "row_version")
        select = ", ".join(quote_ident(c) for c in columns)
        rows = execute(
            connection,
            f"SELECT {select}, round(ST_X(geom)::numeric, 3)::float8, round(ST_Y(geom)::numeric, 3)::float8 "
            f"FROM {schema}.{quote_ident(HOUSEHOLDS)}",
        )
        existing = {}
        for row in rows:
            values = {c: _null(v) for c, v in zip(columns[1:], row[1 : len(columns)])}
            x, y = _null(row[-2]), _null(row[-1])
            existing[row[0]] = ExistingHousehold(values, (float(x), float(y)) if x is not None else None)

        def stored_members(household_ids: list[str]) -> dict[str, list[tuple]]:
            stored: dict[str, list[tuple]] = {}
            for start in range(0, len(household_ids), _CHUNK):
                ids = ", ".join(quote_literal(i) for i in household_ids[start : start + _CHUNK])
                for row in execute(
                    connection,
                    f"SELECT {', '.join(quote_ident(c) for c in MEMBER_COLUMNS)} "
                    f"FROM {schema}.{quote_ident(MEMBERS)} WHERE household_id IN ({ids})",
                ):
                    stored.setdefault(row[1], []).append(tuple(_null(v) for v in row))
            return stored

        if progress:
            progress(30.0)
        changes = plan_changes(drafts, existing, _point_key, stored_members, editor, result, _SERVER_COMPARED)
        collect_rejections(result, drafts, skip_invalid)
        statements = [statement for change in changes for statement in change_sql(schema, change)]
        if statements:
            execute(connection, statements)
    except PostgisError as error:
        raise ImportRefusedError(
            tr("The PostGIS database refused the import; nothing was imported: {error}").format(error=error)
        ) from error
    for change in changes:
        if change.insert:
            result.inserted += 1
        else:
            result.updated += 1
        result.members_written += len(change.members or [])
    if progress:
        progress(100.0)
    return result

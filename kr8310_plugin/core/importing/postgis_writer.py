"""Write checked import drafts into a PostGIS community database, in one server transaction.

The same plan as the GeoPackage writer (importer.plan_changes): households matched on
household_id, else community + house number; inserts, updates of changed rows, members changed
member by member. The server stamps editor, created_at/updated_at and row_version itself (its
triggers), and checks rights (row-level security): a row it refuses rolls the whole import back,
with the server's message, even with skip_invalid.

No lost update: the plan is read in one round trip, the changes sent in a second, one transaction
that first locks the matched households and their members and then writes each household only if
it and its members still have the versions the plan read. A household a mapper saved in between
(or a house number someone added meanwhile) is kept as it is and reported (changed_since). The
import versions (core/storage/row_versions.py) are read and recorded through the schema's functions.
"""

from __future__ import annotations

from collections.abc import Callable

from ...definitions.schema import CRS_EPSG, GEOMETRY_COLUMN, HOUSEHOLDS, MEMBERS, MEMBERS_SPEC
from ..rules.completeness import is_filled
from ..storage.postgis.connection import connect, execute, quote_ident, quote_literal
from ..storage.postgis.target import PostgisError, parse_target
from ..storage.row_versions import IMPORT_VERSIONS_FUNCTION, RECORD_IMPORT_FUNCTION
from ..toolbelt.i18n import tr
from .importer import (
    COMPARED_COLUMNS,
    MEMBER_COLUMNS,
    MEMBER_VALUE_COLUMNS,
    ExistingHousehold,
    HouseholdChange,
    HouseholdDraft,
    ImportRefusedError,
    ImportResult,
    collect_rejections,
    keep_changed,
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
_SQL_TYPES = {"text": "text", "integer": "integer", "real": "double precision", "boolean": "boolean"}
_MEMBER_TYPES = {name: _SQL_TYPES[MEMBERS_SPEC.field(name).kind] for name in MEMBER_COLUMNS}
_CHUNK = 1000  # ids per IN list
_WRITTEN = "pg_temp.kr8310_import_written"  # the households this transaction wrote, with their digests


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


def _id_list(ids: list[str]) -> str:
    return ", ".join(quote_literal(i) for i in ids)


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[start : start + _CHUNK] for start in range(0, len(ids), _CHUNK)]


def _members_signature_sql(schema: str, key: str) -> str:
    """The household's members and their versions as one text, to compare with what the plan read."""
    return (
        f"(SELECT coalesce(string_agg(member_id || ':' || coalesce(row_version::text, '-'), ',' "
        f"ORDER BY member_id), '') FROM {schema}.{quote_ident(MEMBERS)} WHERE household_id = {key})"
    )


def _read_signature(change: HouseholdChange) -> str:
    read = sorted(change.members.read) if change.members is not None else []
    return ",".join(f"{member_id}:{'-' if version is None else version}" for member_id, version in read)


def change_sql(schema: str, change: HouseholdChange) -> list[str]:
    """The statements for one household and its members: the household written only when it still has
    the version the plan read (and, when its members change, they too), its members only when it was."""
    households = f"{schema}.{quote_ident(HOUSEHOLDS)}"
    members = f"{schema}.{quote_ident(MEMBERS)}"
    key = quote_literal(change.household_id)
    digest = quote_literal(change.source_hash)
    record = f"INSERT INTO {_WRITTEN} SELECT household_id, {digest} FROM w"
    if change.insert:
        values = [_point_sql(change.draft.point)] + [
            quote_literal(change.values.get(c) if c != "household_id" else change.household_id)
            for c in _HOUSEHOLD_INSERT_COLUMNS
        ]
        columns = ", ".join(quote_ident(c) for c in (GEOMETRY_COLUMN, *_HOUSEHOLD_INSERT_COLUMNS))
        # ON CONFLICT: a mapper added this house number (or id) since the plan was read.
        write = f"INSERT INTO {households} ({columns}) VALUES ({', '.join(values)}) ON CONFLICT DO NOTHING"
    else:
        assignments = [
            f"{quote_ident(c)} = {_point_sql(change.draft.point) if c == GEOMETRY_COLUMN else quote_literal(v)}"
            for c, v in change.values.items()
            if c != "editor"
        ]
        if not assignments:  # only members changed: touch the household so its version and stamp move
            assignments = ["house_no = house_no"]
        guard = f"row_version = {quote_literal(change.read_version)}"
        if change.read_version is None:
            guard = "row_version IS NULL"
        if change.members is not None:
            guard += f" AND {_members_signature_sql(schema, key)} = {quote_literal(_read_signature(change))}"
        write = f"UPDATE {households} SET {', '.join(assignments)} WHERE household_id = {key} AND {guard}"
    statements = [f"WITH w AS ({write} RETURNING household_id) {record}"]
    if change.members is None:
        return statements
    written = f"EXISTS (SELECT 1 FROM {_WRITTEN} WHERE household_id = {key})"
    for row, _version in change.members.update:
        assignments = ", ".join(
            f"{quote_ident(c)} = {_literal(c, v)}" for c, v in zip(MEMBER_COLUMNS, row) if c in MEMBER_VALUE_COLUMNS
        )
        statements.append(f"UPDATE {members} SET {assignments} WHERE member_id = {quote_literal(row[0])} AND {written}")
    if change.members.delete:
        ids = _id_list([member_id for member_id, _version in change.members.delete])
        statements.append(f"DELETE FROM {members} WHERE member_id IN ({ids}) AND {written}")
    if change.members.insert:
        rows = ", ".join(
            "(" + ", ".join(_literal(c, v) for c, v in zip(MEMBER_COLUMNS, row)) + ")" for row in change.members.insert
        )
        names = ", ".join(quote_ident(c) for c in MEMBER_COLUMNS)
        typed = ", ".join(f"v.{quote_ident(c)}::{_MEMBER_TYPES[c]}" for c in MEMBER_COLUMNS)
        statements.append(
            f"INSERT INTO {members} ({names}) SELECT {typed} FROM (VALUES {rows}) AS v ({names}) WHERE {written}"
        )
    return statements


def _lock_sql(schema: str, household_ids: list[str]) -> list[str]:
    """Lock the households the plan updates, then their members (the order deletes cascade in)."""
    statements = []
    for ids in _chunks(sorted(household_ids)):
        listed = _id_list(ids)
        statements += [
            f"SELECT count(*) FROM (SELECT 1 FROM {schema}.{quote_ident(HOUSEHOLDS)} "
            f"WHERE household_id IN ({listed}) ORDER BY household_id FOR UPDATE) l",
            f"SELECT count(*) FROM (SELECT 1 FROM {schema}.{quote_ident(MEMBERS)} "
            f"WHERE household_id IN ({listed}) ORDER BY member_id FOR UPDATE) l",
        ]
    return statements


def _has_function(connection, schema: str, name: str) -> bool:
    return bool(execute(connection, f"SELECT to_regproc({quote_literal(f'{schema}.{name}')}) IS NOT NULL")[0][0])


def _import_versions(connection, schema: str, household_ids: list[str]) -> dict[str, dict[str, int]]:
    versions: dict[str, dict[str, int]] = {}
    for ids in _chunks(household_ids):
        for household_id, digest, version in execute(
            connection, f"SELECT * FROM {schema}.{IMPORT_VERSIONS_FUNCTION}(ARRAY[{_id_list(ids)}]::text[])"
        ):
            versions.setdefault(str(household_id), {})[str(digest)] = int(version)
    return versions


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
        # A schema made before the import versions: no record of earlier imports, nothing recorded.
        versioned = _has_function(connection, schema, IMPORT_VERSIONS_FUNCTION)
        imported = _import_versions(connection, schema, sorted(existing)) if versioned and existing else {}

        def stored_members(household_ids: list[str]) -> dict[str, list[tuple]]:
            stored: dict[str, list[tuple]] = {}
            names = ", ".join(quote_ident(c) for c in (*MEMBER_COLUMNS, "row_version"))
            for ids in _chunks(household_ids):
                for row in execute(
                    connection,
                    f"SELECT {names} FROM {schema}.{quote_ident(MEMBERS)} WHERE household_id IN ({_id_list(ids)})",
                ):
                    stored.setdefault(row[1], []).append(tuple(_null(v) for v in row))
            return stored

        if progress:
            progress(30.0)
        changes = plan_changes(
            drafts, existing, _point_key, stored_members, editor, result, _SERVER_COMPARED, imported=imported
        )
        collect_rejections(result, drafts, skip_invalid)
        written: set[str] = set()
        if changes:
            statements = [
                f"CREATE TEMP TABLE {_WRITTEN.split('.')[1]} (household_id text PRIMARY KEY, source_hash text) "
                "ON COMMIT DROP",
                *_lock_sql(schema, [change.household_id for change in changes if not change.insert]),
                *(statement for change in changes for statement in change_sql(schema, change)),
            ]
            if versioned:
                statements.append(
                    f"SELECT {schema}.{RECORD_IMPORT_FUNCTION}(array_agg(household_id), array_agg(source_hash)) "
                    f"FROM {_WRITTEN}"
                )
            statements.append(f"SELECT household_id FROM {_WRITTEN}")
            written = {str(row[0]) for row in execute(connection, statements)}
    except PostgisError as error:
        raise ImportRefusedError(
            tr("The PostGIS database refused the import; nothing was imported: {error}").format(error=error)
        ) from error
    for change in changes:
        if change.household_id not in written:
            current = existing.get(change.household_id)
            keep_changed(
                result, change.draft, change.household_id, "?", current.values.get("row_version") if current else "-"
            )
        elif change.insert:
            result.inserted += 1
        else:
            result.updated += 1
        if change.household_id in written and change.members is not None:
            result.members_written += change.members.written
    if progress:
        progress(100.0)
    return result

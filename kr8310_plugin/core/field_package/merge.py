"""Bring a field package back: a three-way comparison, then one transaction of what is safe.

Every household and member is seen three ways: as cut (the package's `kr8310_package_base`), as
the field left it (the package's tables) and as the office has it now (the database). Per row:

- unchanged in the field: nothing to do, whatever the office did since;
- changed in the field, unchanged in the office since the cut (same row version and values):
  updated; changed in both: a **conflict**, both versions kept side by side, nothing written;
- deleted in the field: deleted only if the office has not changed it (nor its members) since;
- new in the field: inserted, unless the database has a household of the same community with the
  same house number after normalisation (another package, the office): a **duplicate**, for a
  person to resolve, never doubled; a new row already in the database with the same values was
  merged before and is left alone, so merging a package twice changes nothing.

A household is one unit with its members: when the household or any of its members conflicts,
nothing of it is written. `apply_merge` re-checks every row version inside its transaction
(GeoPackage) or lets the server refuse a stale one (PostGIS, row_version triggers), so an edit
saved while the merge runs is never overwritten: the merge is refused and can simply be run again.
"""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...definitions.schema import COMMUNITIES, CRS_EPSG, GEOMETRY_COLUMN, HOUSEHOLDS, MEMBERS
from ..importing.normalise import normalise_house_no
from ..storage import coverage_triggers, gpkg
from ..storage.datasource import is_postgres, open_layer
from ..toolbelt.i18n import tr
from .manifest import MANIFEST_NAME, Manifest, PackageError
from .package import BASE_TABLE, PACKAGE_ID_KEY
from .rows import COMPARED_COLUMNS, KEY_COLUMNS, Row, in_list_expression, rows_from_gpkg, rows_from_layer

INSERTED = "inserted"
UPDATED = "updated"
DELETED = "deleted"
CONFLICT = "conflict"
DUPLICATE = "duplicate"
REJECTED = "rejected"
OUTCOMES = (INSERTED, UPDATED, DELETED, CONFLICT, DUPLICATE, REJECTED)

# Why a row is a conflict, duplicate or rejected (report codes; texts in reason_text).
CHANGED_IN_BOTH = "changed_in_both"
DELETED_IN_OFFICE = "deleted_in_office"
CHANGED_IN_OFFICE_DELETED_IN_FIELD = "changed_in_office_deleted_in_field"
ALREADY_IN_DATABASE = "already_in_database_differently"
SAME_HOUSE_NUMBER = "same_house_number"
UNKNOWN_COMMUNITY = "unknown_community"
MEMBER_WITHOUT_HOUSEHOLD = "member_without_household"

Progress = Callable[[float], None]


class MergeError(ValueError):
    """The merge cannot be done (or was refused as a whole); the message is for the user."""


def reason_text(reason: str) -> str:
    texts = {
        CHANGED_IN_BOTH: tr("changed in the field and in the office since the package was made"),
        DELETED_IN_OFFICE: tr("changed in the field, but deleted in the office since the package was made"),
        CHANGED_IN_OFFICE_DELETED_IN_FIELD: tr("deleted in the field, but changed in the office since"),
        ALREADY_IN_DATABASE: tr("new in the field, but the database already has it with other values"),
        SAME_HOUSE_NUMBER: tr("new in the field, but its community already has a household with this house number"),
        UNKNOWN_COMMUNITY: tr("its community is not in the database"),
        MEMBER_WITHOUT_HOUSEHOLD: tr("a member whose household is in neither the package nor the database"),
    }
    return texts.get(reason, reason)


@dataclass
class MergeItem:
    """One row of the merge report (and of the conflict dialog)."""

    outcome: str
    table: str
    key: str
    household_id: str
    reason: str = ""
    fields: list[str] = field(default_factory=list)
    base: Row | None = None  # as cut
    field_row: Row | None = None  # as the field left it
    office: Row | None = None  # as the office has it
    duplicate_of: str = ""  # the office household with the same house number

    @property
    def community_id(self) -> str:
        return self._household_value("community_id")

    @property
    def house_no(self) -> str:
        return self._household_value("house_no")

    def _household_value(self, name: str) -> str:
        """The household's `name`: as the field left it, else as the office has it, else as cut."""
        for row in (self.field_row, self.office, self.base):
            if row is not None and row.table == HOUSEHOLDS:
                return str(row.values.get(name) or "")
        return ""


@dataclass
class MergePlan:
    manifest: Manifest
    items: list[MergeItem] = field(default_factory=list)
    inserts: list[Row] = field(default_factory=list)  # households before their members
    updates: list[tuple[Row, int | None]] = field(default_factory=list)  # (new row, office version read)
    deletes: list[tuple[Row, int | None]] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for item in self.items if item.outcome == outcome)

    def counts(self) -> dict[str, int]:
        return {outcome: self.count(outcome) for outcome in OUTCOMES}

    @property
    def changes(self) -> int:
        return len(self.inserts) + len(self.updates) + len(self.deletes)


# ---------------------------------------------------------------------------------------
# Reading the package


@contextlib.contextmanager
def open_package(path: str | Path):
    """The package folder of `path` (a folder, or a zip unpacked into a temporary folder)."""
    path = Path(path)
    if path.is_dir():
        yield path
        return
    if not path.is_file():
        raise PackageError(tr("{path} does not exist.").format(path=path))
    if not zipfile.is_zipfile(path):
        raise PackageError(tr("{path} is neither a package folder nor a zip file.").format(path=path))
    with tempfile.TemporaryDirectory(prefix="kr8310-package-") as temporary:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                target = (Path(temporary) / member.filename).resolve()
                if not str(target).startswith(str(Path(temporary).resolve())):
                    raise PackageError(
                        tr("{path} holds a file outside its folder: {name}").format(path=path, name=member.filename)
                    )
            archive.extractall(temporary)
        folder = Path(temporary)
        if not (folder / MANIFEST_NAME).is_file():  # zipped with its folder around it
            inner = [p for p in folder.iterdir() if p.is_dir() and (p / MANIFEST_NAME).is_file()]
            folder = inner[0] if len(inner) == 1 else folder
        yield folder


def _package_rows(folder: Path, manifest: Manifest) -> tuple[dict, dict, dict, dict]:
    """(field households, field members, base households, base members), each keyed by id."""
    database = folder / manifest.database_file
    if not database.is_file():
        raise PackageError(tr("The package's database {name} is missing.").format(name=manifest.database_file))
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        stored_id = connection.execute("SELECT value FROM kr8310_settings WHERE key = ?", (PACKAGE_ID_KEY,)).fetchone()
        if stored_id is None or stored_id[0] != manifest.package_id:
            raise PackageError(tr("The database in {folder} does not belong to its manifest.").format(folder=folder))
        field_rows = {
            table: {row.key: row for row in rows_from_gpkg(connection, table)} for table in (HOUSEHOLDS, MEMBERS)
        }
        base_rows: dict[str, dict[str, Row]] = {HOUSEHOLDS: {}, MEMBERS: {}}
        for table, key, version, content in connection.execute(
            f"SELECT tbl, key, row_version, content FROM {BASE_TABLE}"
        ):
            base_rows[table][key] = Row.from_json(table, key, content, version)
    except sqlite3.Error as error:
        raise PackageError(tr("The package's database cannot be read: {error}").format(error=error)) from error
    finally:
        connection.close()
    return field_rows[HOUSEHOLDS], field_rows[MEMBERS], base_rows[HOUSEHOLDS], base_rows[MEMBERS]


# ---------------------------------------------------------------------------------------
# Planning


def _changed_since(office: Row, base: Row) -> bool:
    versions_differ = (
        office.row_version is not None and base.row_version is not None and office.row_version != base.row_version
    )
    return versions_differ or not office.same_content(base)


def _three_way(base: Row | None, field_row: Row | None, office: Row | None) -> tuple[str, str]:
    """(action, reason) for one row: action insert/update/delete/none/conflict/new."""
    if base is not None and field_row is not None:
        if field_row.same_content(base) or field_row.same_content(office):
            return "none", ""
        if office is None:
            return "conflict", DELETED_IN_OFFICE
        if _changed_since(office, base):
            return "conflict", CHANGED_IN_BOTH
        return "update", ""
    if base is not None:  # deleted in the field
        if office is None:
            return "none", ""
        if _changed_since(office, base):
            return "conflict", CHANGED_IN_OFFICE_DELETED_IN_FIELD
        return "delete", ""
    if field_row is not None:  # new in the field
        if office is None:
            return "new", ""
        if field_row.same_content(office):
            return "none", ""  # merged before
        return "conflict", ALREADY_IN_DATABASE
    return "none", ""


def _house_key(row: Row) -> tuple[str, str] | None:
    house = normalise_house_no(row.values.get("house_no"))
    community = row.values.get("community_id")
    return (str(community), house) if house and community else None


def plan_merge(package: str | Path, database: str, progress: Progress | None = None) -> MergePlan:
    """What merging `package` (folder or zip) into `database` would do; writes nothing."""
    with open_package(package) as folder:
        manifest = Manifest.read(folder)
        field_households, field_members, base_households, base_members = _package_rows(folder, manifest)
    household_ids = set(field_households) | set(base_households)
    layers = {name: open_layer(database, name) for name in (COMMUNITIES, HOUSEHOLDS, MEMBERS)}
    communities_of_rows = {str(r.values.get("community_id")) for r in field_households.values()} | set(
        manifest.communities
    )
    office_households = {
        row.key: row
        for row in rows_from_layer(
            layers[HOUSEHOLDS],
            f"({in_list_expression('household_id', household_ids)}) OR "
            f"({in_list_expression('community_id', communities_of_rows)})",
        )
    }
    office_members = {
        row.key: row
        for row in rows_from_layer(
            layers[MEMBERS], in_list_expression("household_id", household_ids | set(office_households))
        )
    }
    known_communities = {
        str(f["community_id"])
        for f in layers[COMMUNITIES].getFeatures(in_list_expression("community_id", communities_of_rows))
    }
    if progress:
        progress(40.0)
    plan = MergePlan(manifest)
    deleted = set()
    taken_house_numbers: dict[tuple[str, str], str] = {}
    for row in office_households.values():
        key = _house_key(row)
        if key is not None:
            taken_house_numbers.setdefault(key, row.key)

    def members_of(rows: dict[str, Row], household_id: str) -> dict[str, Row]:
        return {key: row for key, row in rows.items() if row.values.get("household_id") == household_id}

    new_households = []
    for household_id in sorted(household_ids):
        base, field_row, office = (
            base_households.get(household_id),
            field_households.get(household_id),
            office_households.get(household_id),
        )
        action, reason = _three_way(base, field_row, office)
        if (
            field_row is not None
            and field_row.values.get("community_id") not in known_communities
            and action in ("new", "update")
        ):
            plan.items.append(
                MergeItem(REJECTED, HOUSEHOLDS, household_id, household_id, UNKNOWN_COMMUNITY, field_row=field_row)
            )
            continue
        if action == "new":
            new_households.append(field_row)
            continue
        if action == "delete":
            office_kids, base_kids = members_of(office_members, household_id), members_of(base_members, household_id)
            if any(not r.same_content(base_kids.get(k)) for k, r in office_kids.items()) or set(base_kids) - set(
                office_kids
            ):
                action, reason = "conflict", CHANGED_IN_OFFICE_DELETED_IN_FIELD
            else:
                deleted.add(household_id)
        unit = _Changes()
        _record(unit, HOUSEHOLDS, household_id, household_id, action, reason, base, field_row, office)
        if action in ("none", "update") and field_row is not None and (office is not None or action == "update"):
            _plan_members(
                unit,
                household_id,
                members_of(base_members, household_id),
                members_of(field_members, household_id),
                members_of(office_members, household_id),
            )
        if any(item.outcome == CONFLICT for item in unit.items):
            # One unit: a conflict anywhere in the household writes nothing of it.
            plan.items += [item for item in unit.items if item.outcome == CONFLICT]
            continue
        plan.items += unit.items
        plan.inserts += unit.inserts
        plan.updates += unit.updates
        plan.deletes += unit.deletes

    for field_row in new_households:
        key = _house_key(field_row)
        holder = taken_house_numbers.get(key) if key else None
        if holder is not None and holder not in deleted:
            plan.items.append(
                MergeItem(
                    DUPLICATE,
                    HOUSEHOLDS,
                    field_row.key,
                    field_row.key,
                    SAME_HOUSE_NUMBER,
                    field_row=field_row,
                    office=office_households.get(holder),
                    duplicate_of=holder,
                )
            )
            continue
        if key is not None:
            taken_house_numbers[key] = field_row.key
        _record(plan, HOUSEHOLDS, field_row.key, field_row.key, "new", "", None, field_row, None)
        for member in members_of(field_members, field_row.key).values():
            _record(plan, MEMBERS, member.key, field_row.key, "new", "", None, member, None)
    orphans = [
        m for m in field_members.values() if m.values.get("household_id") not in household_ids | set(office_households)
    ]
    for member in orphans:
        plan.items.append(
            MergeItem(
                REJECTED,
                MEMBERS,
                member.key,
                str(member.values.get("household_id")),
                MEMBER_WITHOUT_HOUSEHOLD,
                field_row=member,
            )
        )
    if progress:
        progress(80.0)
    return plan


def _conflict(table: str, key: str, reason: str, base, field_row, office, household_id: str | None = None) -> MergeItem:
    compared = field_row or base
    fields = compared.differing_fields(office) if compared is not None and office is not None else []
    return MergeItem(CONFLICT, table, key, household_id or key, reason, fields, base, field_row, office)


@dataclass
class _Changes:
    """What merging one household with its members would write, and the report rows saying so."""

    items: list[MergeItem] = field(default_factory=list)
    inserts: list[Row] = field(default_factory=list)
    updates: list[tuple[Row, int | None]] = field(default_factory=list)
    deletes: list[tuple[Row, int | None]] = field(default_factory=list)


def _record(
    changes: _Changes | MergePlan,
    table: str,
    key: str,
    household_id: str,
    action: str,
    reason: str,
    base: Row | None,
    field_row: Row | None,
    office: Row | None,
) -> None:
    """Record one household's or member's three-way decision (_three_way's action and reason) in
    `changes`: the write it makes and its report row; "none" records nothing."""
    if action == "conflict":
        changes.items.append(_conflict(table, key, reason, base, field_row, office, household_id))
    elif action == "update":
        changes.updates.append((field_row, office.row_version))
        changes.items.append(
            MergeItem(
                UPDATED,
                table,
                key,
                household_id,
                fields=field_row.differing_fields(office),
                base=base,
                field_row=field_row,
                office=office,
            )
        )
    elif action == "delete":
        changes.deletes.append((office, office.row_version))
        changes.items.append(MergeItem(DELETED, table, key, household_id, base=base, office=office))
    elif action == "new":
        changes.inserts.append(field_row)
        changes.items.append(MergeItem(INSERTED, table, key, household_id, field_row=field_row))


def _plan_members(changes: _Changes, household_id: str, base: dict, field_rows: dict, office: dict) -> None:
    for member_id in sorted(set(base) | set(field_rows)):
        b, f, o = base.get(member_id), field_rows.get(member_id), office.get(member_id)
        action, reason = _three_way(b, f, o)
        _record(changes, MEMBERS, member_id, household_id, action, reason, b, f, o)


# ---------------------------------------------------------------------------------------
# Writing


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def _assignments(row: Row) -> tuple[list[str], list[object]]:
    names = list(COMPARED_COLUMNS[row.table])
    values = [row.values.get(name) for name in names]
    if row.table == HOUSEHOLDS:
        names.append(GEOMETRY_COLUMN)
        values.append(gpkg.encode_point(*row.point, CRS_EPSG) if row.point else None)
    return names, values


def _apply_gpkg(plan: MergePlan, path: str, editor: str) -> None:
    connection = gpkg.connect(path)
    try:
        connection.execute("BEGIN IMMEDIATE")  # no other writer between the checks and the writes
        now = _now()
        for row, version in [*plan.updates, *plan.deletes]:
            key_column = KEY_COLUMNS[row.table]
            stored = connection.execute(
                f"SELECT row_version FROM {row.table} WHERE {key_column} = ?", (row.key,)
            ).fetchone()
            if stored is None or stored[0] != version:
                raise MergeError(
                    tr(
                        "{key} changed in the database while the merge ran; nothing was written. Run the merge again."
                    ).format(key=row.key)
                )
        coverage_triggers.set_aside(connection)  # coverage of the rows written caught up once, before COMMIT
        for row, _version in plan.deletes:
            if row.table == MEMBERS:
                connection.execute("DELETE FROM members WHERE member_id = ?", (row.key,))
        for row, _version in plan.deletes:
            if row.table == HOUSEHOLDS:
                connection.execute("DELETE FROM members WHERE household_id = ?", (row.key,))
                connection.execute("DELETE FROM households WHERE household_id = ?", (row.key,))
        for row, _version in plan.updates:
            names, values = _assignments(row)
            sets = ", ".join(f"{gpkg.quote_identifier(n)} = ?" for n in names)
            stamp = ", updated_at = ?" if row.table == HOUSEHOLDS else ""
            parameters = [*values, *([now] if stamp else []), row.key]
            connection.execute(
                f"UPDATE {row.table} SET {sets}, row_version = row_version + 1{stamp} "
                f"WHERE {KEY_COLUMNS[row.table]} = ?",
                parameters,
            )
        for row in plan.inserts:
            names, values = _assignments(row)
            names = [KEY_COLUMNS[row.table], *names, "row_version"]
            values = [row.key, *values, 1]
            if row.table == HOUSEHOLDS:
                names += ["created_at", "updated_at", "editor"]
                values += [now, now, editor or None]
            gpkg.insert_rows(connection, row.table, names, [values])
        coverage_triggers.catch_up(connection)
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        connection.rollback()
        raise MergeError(
            tr("The database refused the merge; nothing was written: {error}").format(error=error)
        ) from error
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()


def _pg_statements(plan: MergePlan, schema: str) -> list[str]:
    from ..storage.postgis.connection import quote_ident, quote_literal

    def literal(name: str, value: object) -> str:
        if name == "bedridden" and value is not None:
            return quote_literal(bool(value))
        return quote_literal(value)

    def point(row: Row) -> str:
        return f"ST_SetSRID(ST_MakePoint({row.point[0]!r}, {row.point[1]!r}), {CRS_EPSG})" if row.point else "NULL"

    def checked(statement: str, key: str) -> str:
        # One row or the whole merge is refused: a row changed or deleted since it was read.
        message = quote_literal(f"KR8310 merge: {key} changed in the database while the merge ran")
        return f"{statement}; GET DIAGNOSTICS n = ROW_COUNT; IF n <> 1 THEN RAISE EXCEPTION {message}; END IF"

    body = []
    for row, version in plan.deletes:
        table = f"{quote_ident(schema)}.{row.table}"
        guard = f"row_version = {int(version)}" if version is not None else "row_version IS NULL"
        body.append(
            checked(
                f"DELETE FROM {table} WHERE {KEY_COLUMNS[row.table]} = {quote_literal(row.key)} AND {guard}", row.key
            )
        )
    for row, version in plan.updates:
        names, _values = _assignments(row)
        sets = [f"{quote_ident(n)} = {literal(n, row.values.get(n))}" for n in COMPARED_COLUMNS[row.table]]
        if row.table == HOUSEHOLDS:
            sets.append(f"{GEOMETRY_COLUMN} = {point(row)}")
        # The server's row_version trigger refuses -(base + 1) when the row moved on since `version`.
        sets.append(f"row_version = {-(int(version or 0) + 1)}")
        table = f"{quote_ident(schema)}.{row.table}"
        body.append(
            checked(
                f"UPDATE {table} SET {', '.join(sets)} WHERE {KEY_COLUMNS[row.table]} = {quote_literal(row.key)}",
                row.key,
            )
        )
    for row in plan.inserts:
        names = [KEY_COLUMNS[row.table], *COMPARED_COLUMNS[row.table]]
        values = [quote_literal(row.key), *(literal(n, row.values.get(n)) for n in COMPARED_COLUMNS[row.table])]
        if row.table == HOUSEHOLDS:
            names.append(GEOMETRY_COLUMN)
            values.append(point(row))
        table = f"{quote_ident(schema)}.{row.table}"
        body.append(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(values)})")
    if not body:
        return []
    code = "DECLARE n integer; BEGIN " + "; ".join(body) + "; END"
    if "$kr8310_merge$" in code:
        raise MergeError(tr("The package holds a value that cannot be sent to the server safely."))
    return [f"DO $kr8310_merge$ {code} $kr8310_merge$"]


def apply_merge(plan: MergePlan, database: str, editor: str = "") -> None:
    """Write the plan's inserts, updates and deletes into `database` in one transaction; all or nothing.
    Raises MergeError (nothing written) when the database refuses or a row changed meanwhile."""
    if not plan.changes:
        return
    if is_postgres(database):
        from ..storage.postgis.connection import connect, execute
        from ..storage.postgis.target import PostgisError, parse_target

        target = parse_target(database)
        try:
            execute(connect(target), _pg_statements(plan, target.schema))
        except PostgisError as error:
            raise MergeError(
                tr("The database refused the merge; nothing was written: {error}").format(error=error)
            ) from error
        return
    _apply_gpkg(plan, database, editor)


def merge_package(package: str | Path, database: str, progress: Progress | None = None) -> MergePlan:
    """Plan and apply the merge of `package` into `database`; returns the plan (what was done)."""
    plan = plan_merge(package, database, progress)
    apply_merge(plan, database, plan.manifest.made_for)
    if progress:
        progress(100.0)
    return plan


def report_rows(plan: MergePlan) -> list[dict]:
    """The merge report's rows: no personal field beyond the household reference (house number)."""
    return [
        {
            "outcome": item.outcome,
            "table": item.table,
            "household_id": item.household_id,
            "member_id": item.key if item.table == MEMBERS else "",
            "community_id": item.community_id,
            "house_no": item.house_no,
            "reason": reason_text(item.reason) if item.reason else "",
            "fields": ", ".join(item.fields),
            "duplicate_of": item.duplicate_of,
        }
        for item in plan.items
    ]


def households_of(items: Iterable[MergeItem]) -> list[str]:
    return sorted({item.household_id for item in items})


# ---------------------------------------------------------------------------------------
# Resolving a conflict or duplicate (the GIS officer's choice, audited)

KEEP_OFFICE = "keep_office"
TAKE_FIELD = "take_field"
MERGE_FIELDS = "merge_fields"
ADD_AS_NEW = "add_as_new"  # a duplicate that is really another household
CHOICES = (KEEP_OFFICE, TAKE_FIELD, MERGE_FIELDS, ADD_AS_NEW)
MERGE_LOG_TABLE = "kr8310_merge_log"


def merged_row(item: MergeItem, take_from_field: Iterable[str]) -> Row:
    """The office row with the named fields (and 'geom') taken from the field version."""
    chosen = set(take_from_field)
    values = {
        name: (item.field_row.values.get(name) if name in chosen else item.office.values.get(name))
        for name in item.office.values
    }
    point = item.field_row.point if GEOMETRY_COLUMN in chosen else item.office.point
    return Row(item.table, item.office.key, values, point, item.office.row_version)


def resolution_plan(plan: MergePlan, item: MergeItem, choice: str, fields: Iterable[str] = ()) -> MergePlan:
    """What a choice for one conflict or duplicate writes (an empty plan for KEEP_OFFICE)."""
    resolved = MergePlan(plan.manifest)
    if choice == KEEP_OFFICE:
        return resolved
    if item.outcome == DUPLICATE:
        if choice == ADD_AS_NEW:
            resolved.inserts.append(item.field_row)
        elif choice in (TAKE_FIELD, MERGE_FIELDS) and item.office is not None:
            chosen = fields if choice == MERGE_FIELDS else [*item.field_row.content()]
            chosen = [name for name in chosen if name != "community_id"]
            resolved.updates.append((merged_row(item, chosen), item.office.row_version))
        return resolved
    if choice == TAKE_FIELD:
        if item.field_row is None and item.office is not None:  # deleted in the field
            resolved.deletes.append((item.office, item.office.row_version))
        elif item.office is None:  # deleted in the office: the field brings it back
            resolved.inserts.append(item.field_row)
        else:
            resolved.updates.append((item.field_row, item.office.row_version))
    elif choice == MERGE_FIELDS and item.office is not None and item.field_row is not None:
        resolved.updates.append((merged_row(item, fields), item.office.row_version))
    return resolved


def _log_choice(
    database: str, plan: MergePlan, item: MergeItem, choice: str, fields: Iterable[str], editor: str
) -> None:
    if is_postgres(database):
        return  # the server's audit trail records every row the choice changes
    connection = gpkg.connect(database)
    try:
        with connection:
            connection.execute(
                f"CREATE TABLE IF NOT EXISTS {MERGE_LOG_TABLE} (fid INTEGER PRIMARY KEY AUTOINCREMENT, "
                "at TEXT NOT NULL, package_id TEXT, tbl TEXT, key TEXT, household_id TEXT, outcome TEXT, "
                "reason TEXT, choice TEXT, fields TEXT, editor TEXT)"
            )
            connection.execute(
                f"INSERT INTO {MERGE_LOG_TABLE} (at, package_id, tbl, key, household_id, outcome, reason, choice, "
                "fields, editor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    plan.manifest.package_id,
                    item.table,
                    item.key,
                    item.household_id,
                    item.outcome,
                    item.reason,
                    choice,
                    ",".join(fields),
                    editor or None,
                ),
            )
    finally:
        connection.close()


def resolve(
    plan: MergePlan, item: MergeItem, choice: str, database: str, fields: Iterable[str] = (), editor: str = ""
) -> None:
    """Apply the GIS officer's `choice` for one conflict or duplicate of `plan` and log it.
    Raises MergeError (nothing written) when the row changed again in the meantime."""
    if choice not in CHOICES:
        raise ValueError(f"unknown choice {choice!r}")
    fields = list(fields)
    apply_merge(resolution_plan(plan, item, choice, fields), database, editor)
    _log_choice(database, plan, item, choice, fields, editor)

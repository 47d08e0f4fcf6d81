"""Dated coverage snapshots: record one per date, read them back, KR % over time.

`record_snapshot(database, day)` computes the coverage of every community with the engine
(read only: the communities' own coverage fields are left as they are) and the KR 8310
roll-ups with kr_summary, and writes both snapshot tables (core/progress/tables.py) in one
transaction, in a GeoPackage through sqlite3 and in PostGIS through QGIS's provider connection.
A date already recorded is refused, so a snapshot is never rewritten; so is a date in the
future or before the latest snapshot (a snapshot records the data as it is when it is taken).
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field

from qgis.core import NULL

from ...definitions.schema import COMMUNITIES, DISTRICTS, HOUSEHOLDS, MEMBERS
from ..coverage.engine import compute_coverage, stored_rule
from ..coverage.kr_summary import LEVEL_CITY, LEVEL_DISTRICT, SummaryRow, districts_from_layer, kr_summary
from ..coverage.results import CoverageResult
from ..rules.completeness import CompletenessRule
from ..rules.sql_text import POSTGRES, SQLITE, quote_literal
from ..storage import gpkg
from ..storage.datasource import is_postgres, layer_source, open_layer
from ..toolbelt.i18n import tr
from . import pace, tables

Progress = Callable[[float], None]
_INSERT_CHUNK = 400  # rows per INSERT statement


class SnapshotError(ValueError):
    """A snapshot cannot be recorded or read; the message is for the user."""


@dataclass(frozen=True)
class CommunitySnapshot:
    """One row of coverage_snapshots (the same names as the columns)."""

    snapshot_date: _dt.date
    community_id: str
    district_code: int | None
    size_class: str | None
    registered_households: int | None
    households_entered: int
    households_complete: int
    coverage_pct: float | None
    rule_version: int
    taken_at: str


@dataclass(frozen=True)
class KrSnapshot:
    """One row of kr_snapshots (the same names as the columns)."""

    snapshot_date: _dt.date
    level: str
    key: str
    name_th: str | None
    name_en: str | None
    s_communities: int
    m_communities: int
    registered: int
    complete: int
    kr_pct: float | None
    target_s_communities: int | None
    target_m_communities: int | None
    target_households: int | None
    rule_version: int
    taken_at: str


@dataclass
class Snapshots:
    communities: list[CommunitySnapshot] = field(default_factory=list)
    kr: list[KrSnapshot] = field(default_factory=list)

    def dates(self) -> list[_dt.date]:
        return sorted({row.snapshot_date for row in self.kr} | {row.snapshot_date for row in self.communities})


@dataclass(frozen=True)
class SnapshotSummary:
    snapshot_date: _dt.date
    communities: int  # coverage_snapshots rows written
    kr_rows: int  # kr_snapshots rows written
    city_kr_pct: float | None
    rule_version: int
    taken_at: str
    unassigned: int  # households counted nowhere (no or an unknown community_id)


# ---------------------------------------------------------------------------------------
# Dates


def parse_date(text: str) -> _dt.date:
    """A YYYY-MM-DD date; SnapshotError with the text otherwise."""
    try:
        return _dt.datetime.strptime(text.strip(), tables.DATE_FORMAT).date()
    except ValueError as error:
        raise SnapshotError(tr("'{text}' is not a date written YYYY-MM-DD.").format(text=text)) from error


def _date_text(day: _dt.date) -> str:
    return day.strftime(tables.DATE_FORMAT)


def check_new_date(day: _dt.date, recorded: Sequence[_dt.date], today: _dt.date) -> None:
    """Raise SnapshotError when `day` cannot be recorded: already recorded (today again
    included), in the future, or before the latest snapshot."""
    if day in recorded:
        if day == today:
            raise SnapshotError(
                tr(
                    "Progress was already recorded today ({date}). "
                    "Snapshots are never rewritten: record again tomorrow."
                ).format(date=_date_text(day))
            )
        raise SnapshotError(
            tr("A snapshot of {date} is already recorded. Snapshots are never rewritten.").format(date=_date_text(day))
        )
    if day > today:
        raise SnapshotError(
            tr("{date} is in the future: a snapshot records the data as it is now.").format(date=_date_text(day))
        )
    latest = max(recorded, default=None)
    if latest is not None and day < latest:
        raise SnapshotError(
            tr(
                "{date} is before the latest snapshot ({latest}): a snapshot records the data as it is now, "
                "so it cannot be dated before one already recorded."
            ).format(date=_date_text(day), latest=_date_text(latest))
        )


# ---------------------------------------------------------------------------------------
# The two databases: the same statements, run by sqlite3 or by QGIS's postgres provider


def _plain(value: object) -> object:
    """QGIS gives SQL NULL as a NULL QVariant: make it None."""
    return None if value is None or value == NULL else value


class _GeoPackageStore:
    dialect = SQLITE
    schema = None

    def __init__(self, database: str):
        layer_source(database, COMMUNITIES)  # DataSourceError when the file does not exist
        self.path = database

    def tables_exist(self) -> bool:
        with closing(gpkg.connect(self.path)) as connection:
            names = {
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)", tables.SNAPSHOT_TABLES
                )
            }
        return names == set(tables.SNAPSHOT_TABLES)

    def create_sql(self) -> list[str]:
        registered = [
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
            f"VALUES ({quote_literal(name)}, 'attributes', {quote_literal(name)}, "
            f"{quote_literal('KR 8310 progress snapshots')})"
            for name in tables.SNAPSHOT_TABLES
        ]
        return [*tables.create_tables_sql(SQLITE), *registered]

    def query(self, sql: str) -> list[tuple]:
        with closing(gpkg.connect(self.path)) as connection:
            return connection.execute(sql).fetchall()

    def write(self, statements: Sequence[str]) -> None:
        with closing(gpkg.connect(self.path)) as connection:
            connection.isolation_level = None
            connection.execute("BEGIN IMMEDIATE")
            try:
                for statement in statements:
                    connection.execute(statement)
            except sqlite3.Error as error:
                connection.execute("ROLLBACK")
                raise SnapshotError(
                    tr("Could not record the snapshot in {database}: {error}").format(database=self.path, error=error)
                ) from error
            connection.execute("COMMIT")


class _PostgisStore:
    dialect = POSTGRES

    def __init__(self, database: str):
        from ..storage.postgis.connection import connect
        from ..storage.postgis.target import parse_target

        self.target = parse_target(database)
        self.schema = self.target.schema
        self.connection = connect(self.target)

    def _run(self, sql: str | Sequence[str]) -> list[tuple]:
        from ..storage.postgis.connection import execute

        return [tuple(_plain(value) for value in row) for row in execute(self.connection, sql)]

    def tables_exist(self) -> bool:
        checks = " AND ".join(
            f"to_regclass({quote_literal(tables.qualified(name, self.schema, POSTGRES), POSTGRES)}) IS NOT NULL"
            for name in tables.SNAPSHOT_TABLES
        )
        return bool(self._run(f"SELECT {checks}")[0][0])

    def create_sql(self) -> list[str]:
        from ..storage.postgis.roles import act_as_owner_sql, when_roles_exist

        # Made by the owner like the rest of the schema, and readable by every KR 8310 role (the
        # progress report is a planner's).
        admin = self.target.role("admin")
        readers = ", ".join(self.target.role(kind) for kind in ("mapper", "planner"))
        grants = [
            statement
            for table in (tables.qualified(name, self.schema, POSTGRES) for name in tables.SNAPSHOT_TABLES)
            for statement in (f"GRANT SELECT, INSERT ON {table} TO {admin}", f"GRANT SELECT ON {table} TO {readers}")
        ]
        return [
            act_as_owner_sql(self.target),
            *tables.create_tables_sql(POSTGRES, self.schema),
            when_roles_exist(self.target, grants),
        ]

    def query(self, sql: str) -> list[tuple]:
        return self._run(sql)

    def write(self, statements: Sequence[str]) -> None:
        from ..storage.postgis.target import PostgisError

        try:
            self._run(statements)  # one implicit transaction: all or nothing
        except PostgisError as error:
            raise SnapshotError(
                tr("Could not record the snapshot in schema {schema}: {error}").format(schema=self.schema, error=error)
            ) from error


def _store(database: str) -> _GeoPackageStore | _PostgisStore:
    return _PostgisStore(database) if is_postgres(database) else _GeoPackageStore(database)


def _insert_sql(store, table: str, rows: Sequence[Sequence[object]]) -> list[str]:
    name = tables.qualified(table, store.schema, store.dialect)
    columns = ", ".join(tables.column_names(table))
    statements = []
    for start in range(0, len(rows), _INSERT_CHUNK):
        values = ", ".join(
            "(" + ", ".join(quote_literal(value, store.dialect) for value in row) + ")"
            for row in rows[start : start + _INSERT_CHUNK]
        )
        statements.append(f"INSERT INTO {name} ({columns}) VALUES {values}")
    return statements


# ---------------------------------------------------------------------------------------
# Recording


def community_rows(day: _dt.date, coverage: CoverageResult, rule_version: int, taken_at: str) -> list[tuple]:
    """coverage_snapshots rows (columns in tables order) of one coverage result."""
    return [
        (
            _date_text(day),
            c.community_id,
            c.district_code,
            c.size_class,
            c.registered_households,
            c.households_entered,
            c.households_complete,
            c.coverage_pct,
            rule_version,
            taken_at,
        )
        for c in sorted(coverage.communities.values(), key=lambda c: c.community_id)
    ]


def kr_rows(day: _dt.date, summary: Iterable[SummaryRow], rule_version: int, taken_at: str) -> list[tuple]:
    """kr_snapshots rows (columns in tables order) of kr_summary's rows."""
    return [
        (
            _date_text(day),
            row.level,
            row.code,
            row.name_th,
            row.name_en,
            row.s_communities,
            row.m_communities,
            row.registered_households,
            row.complete_households,
            row.kr_pct,
            row.target_s_communities,
            row.target_m_communities,
            row.target_households,
            rule_version,
            taken_at,
        )
        for row in summary
    ]


def record_snapshot(
    database: str,
    day: _dt.date | None = None,
    rules: CompletenessRule | None = None,
    progress: Progress | None = None,
) -> SnapshotSummary:
    """Record the coverage of every community and the KR 8310 roll-ups of `database` as of `day`
    (default today), counted with `rules` (None: the rule stored in the database) and recorded
    with its version; both tables in one transaction, created when missing (in a GeoPackage
    registered in gpkg_contents as attributes).

    Raises SnapshotError (already recorded, future or back-dated day, write refused),
    DataSourceError or CoverageError, with a message for the user; nothing is written then.
    """
    today = _dt.date.today()
    day = day or today
    store = _store(database)
    exists = store.tables_exist()
    if exists:
        recorded = [parse_date(row[0]) for row in store.query(_dates_sql(store))]
        check_new_date(day, recorded, today)
    else:
        check_new_date(day, [], today)
    report = progress or (lambda _value: None)
    report(5)
    households = open_layer(database, HOUSEHOLDS)
    rules = rules or stored_rule(households)
    coverage = compute_coverage(open_layer(database, COMMUNITIES), households, open_layer(database, MEMBERS), rules)
    report(70)
    summary = kr_summary(coverage, districts_from_layer(open_layer(database, DISTRICTS)))
    taken_at = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    coverage_rows = community_rows(day, coverage, rules.version, taken_at)
    summary_rows = kr_rows(day, summary, rules.version, taken_at)
    statements = [] if exists else store.create_sql()
    statements += _insert_sql(store, tables.COVERAGE_SNAPSHOTS, coverage_rows)
    statements += _insert_sql(store, tables.KR_SNAPSHOTS, summary_rows)
    store.write(statements)
    report(100)
    city = next(row for row in summary if row.level == LEVEL_CITY)
    return SnapshotSummary(
        day, len(coverage_rows), len(summary_rows), city.kr_pct, rules.version, taken_at, len(coverage.unassigned)
    )


# ---------------------------------------------------------------------------------------
# Reading


def _dates_sql(store) -> str:
    return (
        f"SELECT DISTINCT snapshot_date FROM {tables.qualified(tables.KR_SNAPSHOTS, store.schema, store.dialect)} "
        "ORDER BY snapshot_date"
    )


def snapshot_dates(database: str) -> list[_dt.date]:
    """The dates recorded, oldest first (none when the tables do not exist yet)."""
    store = _store(database)
    if not store.tables_exist():
        return []
    return [parse_date(row[0]) for row in store.query(_dates_sql(store))]


def _select(store, table: str, row_type: type, where: str, order: str) -> list:
    names = tables.column_names(table)
    sql = (
        f"SELECT {', '.join(names)} FROM {tables.qualified(table, store.schema, store.dialect)}"
        f"{' WHERE ' + where if where else ''} ORDER BY {order}"
    )
    return [row_type(parse_date(row[0]), *row[1:]) for row in store.query(sql)]


def _period_where(store, date_from: _dt.date | None, date_to: _dt.date | None) -> list[str]:
    conditions = []
    if date_from is not None:
        conditions.append(f"snapshot_date >= {quote_literal(_date_text(date_from), store.dialect)}")
    if date_to is not None:
        conditions.append(f"snapshot_date <= {quote_literal(_date_text(date_to), store.dialect)}")
    return conditions


def read_snapshots(
    database: str, date_from: _dt.date | None = None, date_to: _dt.date | None = None, communities: bool = True
) -> Snapshots:
    """The snapshot rows dated from `date_from` to `date_to` (both included; None: unbounded),
    by date; KR rows in kr_summary's order within a date. `communities` False skips the
    per-community rows."""
    store = _store(database)
    result = Snapshots()
    if not store.tables_exist():
        return result
    where = " AND ".join(_period_where(store, date_from, date_to))
    result.kr = _select(store, tables.KR_SNAPSHOTS, KrSnapshot, where, "snapshot_date, fid")
    if communities:
        result.communities = _select(
            store, tables.COVERAGE_SNAPSHOTS, CommunitySnapshot, where, "snapshot_date, community_id"
        )
    return result


def kr_series(database: str, level: str, key: str) -> list[tuple[_dt.date, float | None]]:
    """(date, KR %) of one roll-up (a kr_summary level and its code: 'city', 'BKK'), oldest first."""
    store = _store(database)
    if not store.tables_exist():
        return []
    where = (
        f"level = {quote_literal(level, store.dialect)} AND {tables.quote_identifier('key', store.dialect)} = "
        f"{quote_literal(key, store.dialect)}"
    )
    return [
        (row.snapshot_date, row.kr_pct)
        for row in _select(store, tables.KR_SNAPSHOTS, KrSnapshot, where, "snapshot_date")
    ]


def series_by_key(rows: Iterable[KrSnapshot], level: str) -> dict[str, list[tuple[_dt.date, float | None]]]:
    """(date, KR %) per key of one level, from snapshot rows."""
    series: dict[str, list[tuple[_dt.date, float | None]]] = {}
    for row in rows:
        if row.level == level:
            series.setdefault(row.key, []).append((row.snapshot_date, row.kr_pct))
    return series


def districts_by_pace(database: str, target_date: _dt.date | None = None) -> list[pace.PaceRow]:
    """Districts sorted by (current − needed pace), furthest behind first. The target: 100 % by
    `target_date`, default the end of the fiscal year of the latest snapshot."""
    rows = read_snapshots(database, communities=False).kr
    if not rows:
        return []
    target_date = target_date or pace.fiscal_year_end(max(row.snapshot_date for row in rows))
    names = {row.key: (row.name_th, row.name_en) for row in rows if row.level == LEVEL_DISTRICT}
    return pace.pace_table(series_by_key(rows, LEVEL_DISTRICT), names, target_date)

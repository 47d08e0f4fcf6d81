"""The quality checks straight from a KR 8310 GeoPackage: the city in seconds, one community in milliseconds.

The same issues as checks.validate on every record (the reference, which stays for any other
source), found without reading every household and member into Python:

- SQL finds the households that can have an issue: values not plainly allowed
  (value_rules.plainly_allowed_sql; nothing to look at in a column whose CHECK constraint is the
  field's rule), a member count that is not exactly the number of member rows, no member rows,
  a geometry that is not a plain point; and the members naming no household, the house numbers
  shared within a community (none where the database keeps house-number keys unique:
  core/storage/row_versions.py), the households entered per community;
- bulk_location finds, per community and with a few GEOS calls, the households not plainly
  inside their own community;
- only those households (and their members, and the members without a household) are read
  through QGIS, as the reference reads them, and checked by the very functions the reference
  uses (checks.household_issues, duplicate_issues, orphan_member_issues, register_issues), with
  the CommunityLocator for the ones not plainly inside (judging.judged_issues, which
  postgis_checks shares for a PostGIS schema).

`community_ids` restricts everything to the households recorded in those communities and to those
communities' own issues: exactly the issues of a full check whose community_id is one of them
(the dashboard re-checks the communities a save touched).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from qgis.core import QgsFeatureSource, QgsVectorLayer

from ...definitions.schema import CRS_AUTHID, HOUSEHOLDS, HOUSEHOLDS_SPEC, MEMBERS, MEMBERS_SPEC
from ..importing.normalise import normalise_house_no
from ..rules import house_number
from ..rules.completeness import filled_sql, is_filled
from ..rules.household_signature import COUNT_OK
from ..storage import coverage_triggers, gpkg
from ..storage.layer_source import stored_geopackage_table
from ..storage.row_versions import HOUSE_NUMBER_KEYS_INDEX, HOUSE_NUMBER_KEYS_TABLE
from . import postgis_checks
from .bulk_location import plain_point_wkb_sql, point_wkb_sql
from .checks import (
    HOUSEHOLD_CHECKED_FIELDS,
    MEMBER_CHECKED_FIELDS,
    CommunityRecord,
    DistrictTarget,
    Issue,
    replace_community_issues,
)
from .judging import TableFacts, judged_issues
from .reading import community_records
from .value_rules import guaranteed_by_check, plainly_allowed_sql

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]

_CHUNK = 500  # SQLite's bound on parameters, with room to spare
_HOUSE_KEY_TRIGGERS = (
    "households_house_number_key_insert",
    "households_house_number_key_update",
    "households_house_number_key_delete",
)


@dataclass(frozen=True)
class DatabaseTables:
    """Where a fast check reads: the GeoPackage file and its communities, households and members tables."""

    path: str
    communities: str
    households: str
    members: str


def _whole_table(layer: object) -> tuple[str, str] | None:
    """(file, table) of a valid layer that shows a GeoPackage table as stored."""
    return stored_geopackage_table(layer) if isinstance(layer, QgsVectorLayer) and layer.isValid() else None


def database_tables(communities: object, households: object, members: object) -> DatabaseTables | None:
    """The tables the three layers show when they are unfiltered, unedited tables of one GeoPackage
    with communities and households in EPSG:32647 (the checks' CRS); None otherwise (the reference path)."""
    located = [_whole_table(layer) for layer in (communities, households, members)]
    if any(item is None for item in located) or len({item[0] for item in located}) != 1:
        return None
    if households.crs().authid() != CRS_AUTHID or communities.crs().authid() != CRS_AUTHID:
        return None
    return DatabaseTables(located[0][0], located[0][1], located[1][1], located[2][1])


def _marks(values: Sequence) -> str:
    return ", ".join("?" for _ in values)


def _chunks(values: Iterable) -> Iterable[list]:
    values = list(values)
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class _Database:
    """The SQL side: one read connection and what the tables' definitions guarantee."""

    def __init__(self, tables: DatabaseTables, community_ids: Sequence[str] | None):
        self.tables = tables
        self.connection = gpkg.connect(tables.path)
        self.households = gpkg.quote_identifier(tables.households)
        self.members = gpkg.quote_identifier(tables.members)
        self.community_ids = None if community_ids is None else sorted(set(community_ids))
        self.columns = {name: self._columns(name) for name in (tables.households, tables.members)}

    def close(self) -> None:
        self.connection.close()

    def _columns(self, table: str) -> set[str]:
        return {row[1] for row in self.connection.execute(f"PRAGMA table_info({gpkg.quote_identifier(table)})")}

    def _table_sql(self, table: str) -> str:
        row = self.connection.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
        found = row.fetchone()
        return found[0] or "" if found else ""

    def rows(self, sql: str, parameters: Sequence = ()) -> list[tuple]:
        return self.connection.execute(sql, list(parameters)).fetchall()

    # --- which households --------------------------------------------------------------------

    def household_filter(self, alias: str = "") -> tuple[str, list]:
        """(SQL condition, parameters) selecting the households checked ("1" for all)."""
        if self.community_ids is None:
            return "1", []
        column = f"{alias}community_id" if alias else "community_id"
        return f"{column} IN ({_marks(self.community_ids)})", list(self.community_ids)

    def fids_of_households(self, household_ids: Iterable[object]) -> set[int]:
        """The fids of the checked households whose household_id is one of `household_ids`."""
        where, parameters = self.household_filter()
        fids: set[int] = set()
        for chunk in _chunks(household_ids):
            rows = self.rows(
                f"SELECT fid FROM {self.households} WHERE household_id IN ({_marks(chunk)}) AND {where}",
                chunk + parameters,
            )
            fids.update(row[0] for row in rows)
        return fids

    def member_fids(self, household_ids: Iterable[object]) -> list[int]:
        """The fids of the members naming one of `household_ids` (None: a NULL household_id)."""
        household_ids = list(household_ids)
        fids: list[int] = []
        if None in household_ids:
            fids += [row[0] for row in self.rows(f"SELECT fid FROM {self.members} WHERE household_id IS NULL")]
        for chunk in _chunks(h for h in household_ids if h is not None):
            rows = self.rows(f"SELECT fid FROM {self.members} WHERE household_id IN ({_marks(chunk)})", chunk)
            fids += [row[0] for row in rows]
        return fids

    # --- what SQL finds ----------------------------------------------------------------------

    def point_groups(self) -> Iterable[tuple[str, str, int, bytes]]:
        """(community_id, their fids joined by commas, how many, their WKB points) of the checked households
        with a plain point, per community (the fids are parsed only for the few communities that need them)."""
        where, parameters = self.household_filter()
        geometry = self._geometry_column()
        sql = (
            f"SELECT community_id, group_concat(fid), count(*), "
            f"CAST(group_concat({point_wkb_sql(geometry)}, '') AS BLOB) "
            f"FROM {self.households} WHERE {plain_point_wkb_sql(geometry)} AND community_id IS NOT NULL AND {where} "
            "GROUP BY community_id"
        )
        yield from self.connection.execute(sql, parameters)

    def _geometry_column(self) -> str:
        row = self.connection.execute(
            "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (self.tables.households,)
        ).fetchone()
        return row[0] if row else "geom"

    def without_plain_point(self) -> set[int]:
        """Checked households whose geometry is not a plain point (none, empty, another encoding) or
        whose community_id is NULL: the locator decides them."""
        where, parameters = self.household_filter()
        geometry = self._geometry_column()
        sql = (
            f"SELECT fid FROM {self.households} WHERE (NOT coalesce({plain_point_wkb_sql(geometry)}, 0) "
            f"OR community_id IS NULL) AND {where}"
        )
        return {row[0] for row in self.rows(sql, parameters)}

    def _unguaranteed(self, table: str, spec, names: Sequence[str]) -> list[str]:
        table_sql = self._table_sql(table)
        present = self.columns[table]
        return [n for n in names if n in present and not guaranteed_by_check(table_sql, spec.field(n))]

    def households_with_odd_values(self) -> set[int]:
        """Checked households with a value of theirs not plainly allowed."""
        names = self._unguaranteed(self.tables.households, HOUSEHOLDS_SPEC, HOUSEHOLD_CHECKED_FIELDS)
        if not names:
            return set()
        where, parameters = self.household_filter()
        allowed = " AND ".join(plainly_allowed_sql(n, HOUSEHOLDS_SPEC.field(n)) for n in names)
        return {
            row[0]
            for row in self.rows(f"SELECT fid FROM {self.households} WHERE NOT ({allowed}) AND {where}", parameters)
        }

    def households_of_odd_members(self, boolean_fields: set[str]) -> set[int]:
        """Checked households with a member whose value is not plainly allowed (`boolean_fields`: read
        as true/false by QGIS, so never breaking their rule)."""
        names = [
            n
            for n in self._unguaranteed(self.tables.members, MEMBERS_SPEC, MEMBER_CHECKED_FIELDS)
            if n not in boolean_fields
        ]
        if not names:
            return set()
        allowed = " AND ".join(plainly_allowed_sql(n, MEMBERS_SPEC.field(n)) for n in names)
        where, parameters = self.household_filter()
        sql = f"SELECT DISTINCT household_id FROM {self.members} WHERE NOT ({allowed})"
        if self.community_ids is not None:
            sql += f" AND household_id IN (SELECT household_id FROM {self.households} WHERE {where})"
        household_ids = [row[0] for row in self.rows(sql, parameters)]
        return self.fids_of_households(household_ids)

    def member_counts(self) -> tuple[set[int], set[object]] | None:
        """(checked households whose member count is not their number of member rows, or that have no
        member rows; household_ids the members name that no household has); None when a household has
        a NULL household_id (the reference then names it 'None': left to the reference path)."""
        if self.rows(f"SELECT 1 FROM {self.households} WHERE household_id IS NULL LIMIT 1"):
            return None
        suspects = self._miscounted_kept() if self._keeps_signatures() else None
        if suspects is None:
            suspects = self._miscounted()
        orphans: set[object] = set()
        if self.community_ids is None:
            orphans = {
                row[0]
                for row in self.rows(
                    f"SELECT household_id FROM {self.members} m GROUP BY household_id HAVING household_id IS NULL "
                    f"OR NOT EXISTS (SELECT 1 FROM {self.households} h WHERE h.household_id = m.household_id)"
                )
            }
        return suspects, orphans

    def _keeps_signatures(self) -> bool:
        """Whether the database keeps each household's completeness signature (core/rules/
        household_signature.py) with its coverage, by this version's triggers."""
        if (self.tables.households, self.tables.members) != (HOUSEHOLDS, MEMBERS):
            return False
        return coverage_triggers.stored_mask(self.connection) is not None and coverage_triggers.is_installed(
            self.connection
        )

    def _miscounted_kept(self) -> set[int]:
        """`_miscounted` from the kept signatures: a household whose member count is a whole number of
        at least one and exactly its number of member rows has COUNT_OK (then the reference, reading
        the count as QGIS does, finds rows and the same count). A blank household_id is keyed 'fid:N'
        there, by its text in the reference: such households are looked at when a member names 'fid:…'."""
        where, parameters = self.household_filter("h.")
        state = gpkg.quote_identifier(coverage_triggers.STATE_TABLE)
        if self.community_ids is None:
            sql = f"SELECT fid FROM {state} WHERE signature & {COUNT_OK} = 0"
        else:  # through the households' community index
            sql = (
                f"SELECT s.fid FROM {self.households} h JOIN {state} s ON s.fid = h.fid "
                f"WHERE {where} AND s.signature & {COUNT_OK} = 0"
            )
        suspects = {row[0] for row in self.rows(sql, parameters if self.community_ids is not None else [])}
        # Without a member naming 'fid:…', a blank household_id has no member rows there: never COUNT_OK.
        if not self.rows(
            f"SELECT 1 FROM {self.members} WHERE household_id >= 'fid:' AND household_id < 'fid;' LIMIT 1"
        ):
            return suspects
        blank = f"SELECT h.fid FROM {self.households} h WHERE NOT {filled_sql('household_id')} AND {where}"
        return suspects | {row[0] for row in self.rows(blank, parameters)}

    def _miscounted(self) -> set[int]:
        """Checked households whose (household_id, member_count) is not one of the members' (household_id,
        number of rows), or whose household_id no member names."""
        where, parameters = self.household_filter()
        member_where = ""
        if self.community_ids is not None:
            member_where = f" WHERE household_id IN (SELECT household_id FROM {self.households} WHERE {where})"
        rows_per_household = dict(
            self.connection.execute(
                f"SELECT household_id, count(*) FROM {self.members}{member_where} GROUP BY household_id", parameters
            )
        )
        counted = set(
            self.connection.execute(
                f"SELECT household_id, member_count FROM {self.households} WHERE member_count IS NOT NULL AND {where}",
                parameters,
            )
        )
        suspects = {household_id for household_id, _count in counted.difference(rows_per_household.items())}
        del counted
        household_ids = dict.fromkeys(
            row[0]
            for row in self.connection.execute(f"SELECT household_id FROM {self.households} WHERE {where}", parameters)
        )
        suspects |= household_ids.keys() - rows_per_household.keys()
        return self.fids_of_households(suspects)

    def keeps_house_numbers_unique(self) -> bool:
        """Whether the database refuses two households of one community with the same house-number key:
        its key table holds every household's key, made by the current rule, under a unique index."""
        names = {
            row[0] for row in self.rows("SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')")
        }
        if (
            not {HOUSE_NUMBER_KEYS_TABLE, HOUSE_NUMBER_KEYS_INDEX, house_number.SQLITE_MAP_TABLE, *_HOUSE_KEY_TRIGGERS}
            <= names
        ):
            return False
        if self.tables.households != "households":  # the triggers are on the table of that name
            return False
        stored = dict(self.rows(f"SELECT ch, replacement FROM {gpkg.quote_identifier(house_number.SQLITE_MAP_TABLE)}"))
        if house_number.map_signature(stored) != house_number.map_signature():
            return False
        # Kept by the triggers, a key row per household; fewer when an upgrade met duplicates made before.
        keys = gpkg.quote_identifier(HOUSE_NUMBER_KEYS_TABLE)
        if self.community_ids is None:
            counts = self.rows(f"SELECT (SELECT count(*) FROM {keys}), (SELECT count(*) FROM {self.households})")
            return counts[0][0] == counts[0][1]
        where, parameters = self.household_filter("h.")
        missing = self.rows(
            f"SELECT 1 FROM {self.households} h WHERE {where} AND NOT EXISTS "
            f"(SELECT 1 FROM {keys} k WHERE k.fid = h.fid) LIMIT 1",
            parameters,
        )
        return not missing

    def shared_house_numbers(self) -> list[list[int]]:
        """Groups (fids, in fid order) of checked households of one community with one house-number key."""
        if self.keeps_house_numbers_unique():
            return []
        self.connection.create_function(
            "kr_house_key",
            1,
            lambda text: normalise_house_no(str(text)) if is_filled(text) else None,
            deterministic=True,
        )
        where, parameters = self.household_filter()
        # house_number's own fast path: a short text of these characters only is its key in small letters.
        plain = "[^0-9A-Za-z/.-]"
        key = (
            f"CASE WHEN house_no NOT GLOB '*{plain}*' AND length(house_no) <= {house_number.MAX_KEYED_LENGTH} "
            "THEN nullif(lower(house_no), '') ELSE kr_house_key(house_no) END"
        )
        sql = (
            f"SELECT group_concat(fid) FROM (SELECT fid, community_id, {key} AS house_key FROM {self.households} "
            f"WHERE house_no IS NOT NULL AND {filled_sql('community_id')} AND {where} ORDER BY fid) "
            "WHERE house_key IS NOT NULL GROUP BY community_id, house_key HAVING count(*) > 1"
        )
        groups = [sorted(int(fid) for fid in row[0].split(",")) for row in self.rows(sql, parameters)]
        return sorted(groups)

    def entered(self) -> dict[object, int]:
        where, parameters = self.household_filter()
        return dict(
            self.rows(
                f"SELECT community_id, count(*) FROM {self.households} WHERE {where} GROUP BY community_id", parameters
            )
        )


def database_issues(
    tables: DatabaseTables,
    communities: Sequence[CommunityRecord],
    households: QgsFeatureSource,
    members: QgsFeatureSource,
    targets: Sequence[DistrictTarget] | None = None,
    community_ids: Sequence[str] | None = None,
    is_cancelled: IsCancelled | None = None,
    progress: Progress | None = None,
) -> list[Issue] | None:
    """checks.validate's issues for the database's households and members (see the module docstring),
    sorted as it sorts them; `communities` are every community's records (or, with `community_ids`,
    at least those and every community near their households). None when the fast path cannot
    answer for this database (then the reference path must)."""
    database = _Database(tables, community_ids)
    try:
        return judged_issues(
            database,
            lambda booleans: _table_facts(tables, database.community_ids, booleans),
            communities,
            households,
            members,
            targets,
            is_cancelled,
            progress,
        )
    finally:
        database.close()


def _table_facts(
    tables: DatabaseTables, community_ids: Sequence[str] | None, boolean_fields: set[str]
) -> TableFacts | None:
    """The SQL side of a check, on a connection of its own (it runs beside the location checks, in a
    thread: SQLite lets go of Python while it works). None: left to the reference path."""
    database = _Database(tables, community_ids)
    try:
        counts = database.member_counts()
        if counts is None:
            return None
        odd = database.households_with_odd_values() | database.households_of_odd_members(boolean_fields)
        return TableFacts(counts[0], counts[1], odd, database.shared_house_numbers(), database.entered())
    finally:
        database.close()


def _rtree(connection, table: str) -> str | None:
    """The GeoPackage R-tree of `table`'s geometry column, when it has one."""
    row = connection.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)).fetchone()
    if row is None:
        return None
    name = f"rtree_{table}_{row[0]}"
    exists = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return name if exists else None


def nearby_community_fids(tables: DatabaseTables, community_ids: Sequence[str]) -> list[int] | None:
    """The fids of the communities a re-check of `community_ids` needs: those communities, every
    community without a polygon (point communities), and every polygon whose box meets the box of
    those communities' polygons and households; None when the database has no R-trees (read all)."""
    ids = sorted(set(community_ids))
    connection = gpkg.connect(tables.path)
    try:
        communities, households = (gpkg.quote_identifier(t) for t in (tables.communities, tables.households))
        community_tree, household_tree = _rtree(connection, tables.communities), _rtree(connection, tables.households)
        if community_tree is None or household_tree is None:
            return None
        marks = _marks(ids)
        box = "min(minx), max(maxx), min(miny), max(maxy)"
        boxes = connection.execute(
            f"SELECT {box} FROM {gpkg.quote_identifier(household_tree)} WHERE id IN "
            f"(SELECT fid FROM {households} WHERE community_id IN ({marks})) UNION ALL "
            f"SELECT {box} FROM {gpkg.quote_identifier(community_tree)} WHERE id IN "
            f"(SELECT fid FROM {communities} WHERE community_id IN ({marks}))",
            ids + ids,
        ).fetchall()
        boxes = [b for b in boxes if b[0] is not None]
        fids = {
            row[0]
            for row in connection.execute(
                f"SELECT fid FROM {communities} WHERE community_id IN ({marks}) OR fid NOT IN "
                f"(SELECT id FROM {gpkg.quote_identifier(community_tree)})",
                ids,
            )
        }
        if boxes:
            minx, maxx = min(b[0] for b in boxes), max(b[1] for b in boxes)
            miny, maxy = min(b[2] for b in boxes), max(b[3] for b in boxes)
            fids |= {
                row[0]
                for row in connection.execute(
                    f"SELECT id FROM {gpkg.quote_identifier(community_tree)} "
                    "WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?",
                    (minx, maxx, miny, maxy),
                )
            }
        return sorted(fids)
    finally:
        connection.close()


def recheck_communities(
    communities: QgsVectorLayer,
    households: QgsVectorLayer,
    members: QgsVectorLayer,
    community_ids: Sequence[str],
) -> list[Issue] | None:
    """The issues of a full check whose community_id is one of `community_ids` (the households recorded
    in them, their members, those communities' own checks), in milliseconds per community; None when
    the layers are not the whole tables of one KR 8310 GeoPackage or PostGIS schema (postgis_checks)
    (the caller checks everything)."""
    tables = database_tables(communities, households, members)
    if tables is None:
        return postgis_checks.recheck_communities(communities, households, members, community_ids)
    ids = sorted({c for c in community_ids if is_filled(c)})
    if not ids:
        return []
    try:
        fids = nearby_community_fids(tables, ids)
        return database_issues(
            tables, community_records(communities, fids=fids), households, members, community_ids=ids
        )
    except sqlite3.Error:  # locked or damaged: the caller checks everything its own way
        return None


def issues_after_save(
    issues: Sequence[Issue], layers: tuple[QgsVectorLayer, QgsVectorLayer, QgsVectorLayer], community_ids: Iterable[str]
) -> list[Issue] | None:
    """`issues` (of a full check of the layers' database) brought up to date after a save that touched
    `community_ids`: only those communities re-checked. None when that cannot be done here."""
    ids = sorted({c for c in community_ids if is_filled(c)})
    rechecked = recheck_communities(*layers, ids)
    return None if rechecked is None else replace_community_issues(issues, rechecked, ids)

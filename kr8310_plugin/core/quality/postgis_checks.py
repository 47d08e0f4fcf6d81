"""The quality checks straight from a KR 8310 PostGIS database: the city in seconds, one community in
milliseconds (database_checks does the same for a GeoPackage).

The same issues as checks.validate on every record (the reference), found without streaming every
household and member through QGIS. Through the layers' own connection (storage/postgis/connection.py
select_rows: one JSON text per query), so the rows a login may not see (row-level security) are not
there, as they are not for the reference on the same layers:

- one query finds the households that can have an issue: values not plainly allowed
  (`value_rules.plainly_allowed_postgres_sql`: the field's CHECK rule, FieldSpec.sql_check, on a column of the field's
  type), a member count that is not the number of member rows or no member rows (one hash-joined
  count), house numbers shared within a community by the key of core/rules/house_number.py (none
  to look for where the schema's unique index on that very key holds), the members naming no
  household and the households entered per community;
- another gives each community's household points as WKB, and bulk_location finds with a few GEOS
  calls the households not plainly inside their own community;
- judging.judged_issues reads only those households and members through QGIS and judges them with
  the reference's own functions.

`community_ids` restricts everything to the households recorded in those communities and their own
issues: the issues of a full check whose community_id is one of them (the dashboard's re-check
after a save).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from qgis.core import QgsDataSourceUri, QgsFeatureSource, QgsVectorLayer

from ...definitions.schema import CRS_AUTHID, HOUSEHOLDS_SPEC, MEMBERS_SPEC
from ..rules import house_number
from ..rules.completeness import filled_sql, is_filled
from ..rules.sql_text import POSTGRES
from ..storage.layer_source import shows_stored_table
from ..storage.postgis.connection import quote_ident, quote_literal, select_rows
from ..storage.postgis.target import KEY_COLUMN, PostgisError
from ..storage.row_versions import POSTGRES_HOUSE_NUMBER_INDEX
from .checks import HOUSEHOLD_CHECKED_FIELDS, MEMBER_CHECKED_FIELDS, CommunityRecord, DistrictTarget, Issue
from .judging import IsCancelled, Progress, TableFacts, judged_issues
from .reading import community_records
from .value_rules import POSTGRES_INTEGER_TYPES, plainly_allowed_postgres_sql

# PostgreSQL column types whose values QGIS reads as whole numbers, as text, as true/false.
_IDS_PER_QUERY = 20000  # household ids sent in one ANY(ARRAY[...]): a statement under a megabyte


@dataclass(frozen=True)
class PostgisTables:
    """Where a fast check reads: a layer's connection, the schema, its three tables and the households' points."""

    connection_info: str
    schema: str
    communities: str
    households: str
    members: str
    geometry: str  # the households' geometry column
    community_geometry: str  # the communities' one


def _whole_table(layer: object) -> tuple[str, str, str, str, str] | None:
    """(connection info, schema, table, geometry column, key column) of a layer that shows a PostGIS
    table as stored: no filter, no unsaved edits."""
    if not shows_stored_table(layer) or not layer.isValid() or layer.providerType() != "postgres":
        return None
    uri = QgsDataSourceUri(layer.source())
    if uri.sql() or not uri.table() or uri.table().lstrip().startswith("("):  # a query layer is no table
        return None
    return uri.connectionInfo(False), uri.schema(), uri.table(), uri.geometryColumn(), uri.keyColumn().strip('"')


def postgis_tables(communities: object, households: object, members: object) -> PostgisTables | None:
    """The tables the three layers show when they are unfiltered, unedited tables of one PostGIS schema
    keyed by fid (QGIS's feature ids are then the fids), communities and households in EPSG:32647;
    None otherwise (the reference path)."""
    located = [_whole_table(layer) for layer in (communities, households, members)]
    if any(item is None for item in located) or len({item[:2] for item in located}) != 1:
        return None
    if any(item[4] != KEY_COLUMN for item in located) or not located[0][3] or not located[1][3]:
        return None
    if households.crs().authid() != CRS_AUTHID or communities.crs().authid() != CRS_AUTHID:
        return None
    connection_info, schema = located[0][:2]
    names = (located[0][2], located[1][2], located[2][2])
    return PostgisTables(connection_info, schema, *names, located[1][3], located[0][3])


def _text_array(values: Iterable[object]) -> str:
    return "ARRAY[" + ", ".join(quote_literal(str(value)) for value in values) + "]::text[]"


def _chunks(values: Iterable, size: int = _IDS_PER_QUERY) -> Iterator[list]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Server:
    """The SQL side: the tables' names, column types and what their definitions guarantee."""

    def __init__(self, tables: PostgisTables, community_ids: Sequence[str] | None):
        self.tables = tables
        s = quote_ident(tables.schema)
        self.communities = f"{s}.{quote_ident(tables.communities)}"
        self.households = f"{s}.{quote_ident(tables.households)}"
        self.members = f"{s}.{quote_ident(tables.members)}"
        self.geometry = quote_ident(tables.geometry)
        self.community_ids = None if community_ids is None else sorted(set(community_ids))
        self.column_types: dict[str, dict[str, str]] = {tables.households: {}, tables.members: {}}
        self.not_null: set[tuple[str, str]] = set()
        self.house_number_index = ""
        self._points: Future | None = None
        self._read_catalog()

    def rows(self, sql: str, width: int) -> list[list]:
        return select_rows(self.tables.connection_info, sql, width)

    def _relation(self, table: str) -> str:
        return f"{quote_literal(f'{quote_ident(self.tables.schema)}.{quote_ident(table)}')}::regclass"

    def _read_catalog(self) -> None:
        households, members = self._relation(self.tables.households), self._relation(self.tables.members)
        sql = (
            "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull "
            "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            f"WHERE a.attrelid IN ({households}, {members}) AND a.attnum > 0 AND NOT a.attisdropped "
            "UNION ALL SELECT NULL, NULL, pg_get_indexdef(i.indexrelid), i.indisunique AND i.indisvalid "
            f"FROM pg_index i WHERE i.indrelid = {households} "
            f"AND i.indexrelid = to_regclass({quote_literal(self._index_name())})"
        )
        for table, column, column_type, flag in self.rows(sql, 4):
            if table is None:
                self.house_number_index = column_type if flag else ""
                continue
            self.column_types.setdefault(table, {})[column] = column_type
            if flag:
                self.not_null.add((table, column))

    def _index_name(self) -> str:
        return f"{quote_ident(self.tables.schema)}.{quote_ident(POSTGRES_HOUSE_NUMBER_INDEX)}"

    # --- which households --------------------------------------------------------------------

    def household_filter(self, alias: str = "h") -> str:
        """SQL condition selecting the checked households ("true" for all)."""
        if self.community_ids is None:
            return "true"
        return f"{alias}.community_id = ANY({_text_array(self.community_ids)})"

    def member_fids(self, household_ids: Iterable[object]) -> list[int]:
        """The fids of the members naming one of `household_ids` (None: a NULL household_id)."""
        household_ids = list(household_ids)
        fids: list[int] = []
        if None in household_ids:
            fids += [row[0] for row in self.rows(f"SELECT fid FROM {self.members} WHERE household_id IS NULL", 1)]
        for chunk in _chunks(h for h in household_ids if h is not None):
            sql = f"SELECT fid FROM {self.members} WHERE household_id = ANY({_text_array(chunk)})"
            fids += [row[0] for row in self.rows(sql, 1)]
        return fids

    # --- where the households lie ------------------------------------------------------------

    def _plain_point(self, alias: str = "h") -> str:
        """A 2D point that is not empty: its WKB is 21 bytes, what bulk_location reads."""
        g = f"{alias}.{self.geometry}"
        return f"(ST_GeometryType({g}) = 'ST_Point' AND ST_Zmflag({g}) = 0 AND NOT ST_IsEmpty({g}))"

    def read_points(self, pool: ThreadPoolExecutor) -> None:
        """Start reading the households' points on a connection of their own (`pool`'s thread): the server
        works on them while the communities are checked here."""
        self._points = pool.submit(self._point_rows)

    def _point_rows(self) -> list[list]:
        """('p', community_id, "fid,fid,…", how many, hex WKB points) per community of the checked households
        with a plain point and a community_id, in fid order; ('n', NULL, "fid,fid,…", NULL, NULL) of the others."""
        g, plain = f"h.{self.geometry}", self._plain_point()
        sql = (
            "SELECT 'p', h.community_id, string_agg(h.fid::text, ',' ORDER BY h.fid), count(*)::integer, "
            f"encode(string_agg(ST_AsBinary({g}, 'NDR'), ''::bytea ORDER BY h.fid), 'hex') "
            f"FROM {self.households} h WHERE {plain} AND h.community_id IS NOT NULL "
            f"AND {self.household_filter()} GROUP BY h.community_id UNION ALL "
            "SELECT 'n', NULL, string_agg(h.fid::text, ','), NULL, NULL "
            f"FROM {self.households} h WHERE (NOT coalesce({plain}, false) OR h.community_id IS NULL) "
            f"AND {self.household_filter()}"
        )
        return self.rows(sql, 5)

    def _points_read(self) -> list[list]:
        if self._points is None:  # not started by read_points
            return self._point_rows()
        return self._points.result()

    def point_groups(self) -> Iterator[tuple[str, str, int, bytes]]:
        """(community_id, their fids joined by commas, how many, their WKB points) of the checked households
        with a plain point, per community, in fid order."""
        for kind, community_id, fids, count, points in self._points_read():
            if kind == "p":
                yield community_id, fids, count, bytes.fromhex(points)

    def without_plain_point(self) -> set[int]:
        """Checked households whose geometry is not a plain point or whose community_id is NULL: the
        locator decides them."""
        return {int(fid) for row in self._points_read() if row[0] == "n" and row[2] for fid in row[2].split(",")}

    # --- what SQL finds ----------------------------------------------------------------------

    def _allowed(self, table: str, spec_of, names: Sequence[str], skipped: set[str] = frozenset()) -> str:
        """Every checked value of a row of `table` plainly allowed ("true" when nothing can break)."""
        types = self.column_types.get(table, {})
        conditions = [
            plainly_allowed_postgres_sql(name, spec_of.field(name), types[name])
            for name in names
            if name in types and name not in skipped
        ]
        conditions = [c for c in conditions if c != "true"]
        return " AND ".join(conditions) or "true"

    def _odd_values_sql(self) -> list[str]:
        """Checked households with a value of theirs not plainly allowed: ('v', NULL, fid)."""
        own = self._allowed(self.tables.households, HOUSEHOLDS_SPEC, HOUSEHOLD_CHECKED_FIELDS)
        if own == "true":
            return []
        return [
            f"SELECT 'v', NULL::text, h.fid::bigint FROM {self.households} h "
            f"WHERE NOT ({own}) AND {self.household_filter()}"
        ]

    def _member_facts_sql(self, boolean_fields: set[str]) -> list[str]:
        """From one pass over the members, counted per household_id and hash-joined to the checked
        households: those whose member count is not their number of member rows or that have none ('c'),
        those with a member whose value is not plainly allowed ('v'), both ('cv'), as (kind, NULL, fid);
        with every household, the household_ids members name that no household has ('o', household_id, NULL)."""
        count_type = self.column_types.get(self.tables.households, {}).get("member_count", "")
        if count_type.split("(")[0] in POSTGRES_INTEGER_TYPES:
            differs = "h.member_count <> m.n"
        else:  # read as QGIS reads it, by Python
            differs = "h.member_count IS NOT NULL"
        theirs = self._allowed(self.tables.members, MEMBERS_SPEC, MEMBER_CHECKED_FIELDS, boolean_fields)
        odd = "false" if theirs == "true" else f"bool_or(NOT ({theirs}))"  # the CHECK's bare names: members'
        if self.community_ids is None:
            counted, joined = f"FROM {self.members} GROUP BY household_id", "FULL JOIN"
        else:
            checked = f"SELECT h.household_id FROM {self.households} h WHERE {self.household_filter()}"
            counted = f"FROM {self.members} WHERE household_id IN ({checked}) GROUP BY household_id"
            joined = "LEFT JOIN"
        households = (
            f"(SELECT h.fid, h.household_id, h.member_count FROM {self.households} h WHERE {self.household_filter()})"
        )
        kind = (
            "CASE WHEN h.fid IS NULL THEN 'o' ELSE concat("
            f"CASE WHEN m.n IS NULL OR {differs} THEN 'c' END, CASE WHEN m.odd THEN 'v' END) END"
        )
        return [
            f"SELECT {kind}, CASE WHEN h.fid IS NULL THEN m.household_id END, h.fid::bigint FROM {households} h "
            f"{joined} (SELECT household_id, count(*) AS n, {odd} AS odd {counted}) m "
            f"ON m.household_id = h.household_id WHERE h.fid IS NULL OR m.n IS NULL OR {differs} OR m.odd"
        ]

    def keeps_house_numbers_unique(self) -> bool:
        """Whether the schema's unique index refuses two households of one community with the same key by
        the current rule (row_versions.postgis_guard_sql; an upgrade leaves it out where numbers repeat):
        it is valid and its definition, as the server prints it, holds the rule's translate() tables."""
        definition = self.house_number_index
        mapped = [(c, r) for c, r in house_number.KEY_MAP.items() if r]
        source = "".join(c for c, _r in mapped) + "".join(c for c, r in house_number.KEY_MAP.items() if not r)
        target = "".join(r for _c, r in mapped)

        def printed(text: str) -> str:  # a constant as the server prints it (standard_conforming_strings)
            return "'" + text.replace("'", "''") + "'::text"

        return (
            definition.startswith("CREATE UNIQUE INDEX")
            and "(community_id, (" in definition
            and f"WHEN (length(house_no) > {house_number.MAX_KEYED_LENGTH}) THEN house_no" in definition
            and f"translate(house_no, {printed(source)}, {printed(target)})" in definition
        )

    def _shared_house_numbers_sql(self) -> list[str]:
        """Groups of checked households of one community with one house-number key: ('d', "fid,fid,…", NULL)."""
        if self.keeps_house_numbers_unique():
            return []
        # house_number's own fast path: a short text of these characters only is its key in small letters.
        capitals = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        key = (
            f"CASE WHEN h.house_no ~ '^[0-9A-Za-z/.-]*$' AND length(h.house_no) <= {house_number.MAX_KEYED_LENGTH} "
            f"THEN nullif(translate(h.house_no, '{capitals}', '{capitals.lower()}'), '') "
            f"ELSE {house_number.postgres_key_sql('h.house_no')} END"
        )
        return [
            f"SELECT 'd', string_agg(k.fid::text, ',' ORDER BY k.fid), NULL::bigint FROM (SELECT h.fid, "
            f"h.community_id, {key} AS house_key FROM {self.households} h WHERE h.house_no IS NOT NULL "
            f"AND {filled_sql('community_id', None, POSTGRES, 'h')} AND {self.household_filter()}) k "
            "WHERE k.house_key IS NOT NULL GROUP BY k.community_id, k.house_key HAVING count(*) > 1"
        ]

    def _entered_sql(self) -> list[str]:
        return [
            f"SELECT 'e', h.community_id, count(*)::bigint FROM {self.households} h "
            f"WHERE {self.household_filter()} GROUP BY h.community_id"
        ]

    def table_facts(self, boolean_fields: set[str]) -> TableFacts | None:
        """What SQL alone finds, in one query (run in a thread: its own connection from QGIS's pool).
        None when a household has a NULL household_id (the reference names it 'None': left to it)."""
        if (self.tables.households, "household_id") not in self.not_null and self.rows(
            f"SELECT 1 FROM {self.households} WHERE household_id IS NULL LIMIT 1", 1
        ):
            return None
        selects = (
            self._member_facts_sql(boolean_fields)
            + self._odd_values_sql()
            + self._shared_house_numbers_sql()
            + self._entered_sql()
        )
        miscounted, odd, orphans, shared, entered = set(), set(), set(), [], {}
        for kind, key, number in self.rows(" UNION ALL ".join(f"({select})" for select in selects), 3):
            if kind == "e":
                entered[key] = number
            elif kind == "d":
                shared.append([int(fid) for fid in key.split(",")])
            elif kind == "o":
                orphans.add(key)
            else:
                if "c" in kind:
                    miscounted.add(number)
                if "v" in kind:
                    odd.add(number)
        return TableFacts(miscounted, orphans, odd, sorted(shared), entered)

    def nearby_communities(self) -> list[tuple[int, str]]:
        """(fid, community_id) of the communities a re-check of `community_ids` needs: those communities,
        every community without a polygon (point communities), and every polygon whose box meets the box
        of one of those communities' polygon and households (where the locator may look for them); in the
        table's physical order, in which QGIS reads the whole table (and a full check meets them)."""
        ids = _text_array(self.community_ids or [])
        polygon, point = f"c.{quote_ident(self.tables.community_geometry)}", f"h.{self.geometry}"
        boxes = (
            f"SELECT ST_Envelope(ST_Collect(b.g)) AS box FROM (SELECT c.community_id AS k, {polygon} AS g "
            f"FROM {self.communities} c WHERE c.community_id = ANY({ids}) UNION ALL SELECT h.community_id, {point} "
            f"FROM {self.households} h WHERE h.community_id = ANY({ids})) b GROUP BY b.k"
        )
        sql = (
            f"WITH boxes AS MATERIALIZED ({boxes}) SELECT c.fid, c.community_id FROM {self.communities} c "
            f"WHERE c.community_id = ANY({ids}) OR {polygon} IS NULL OR ST_IsEmpty({polygon}) "
            f"OR EXISTS (SELECT 1 FROM boxes WHERE {polygon} && boxes.box) ORDER BY c.ctid"
        )
        return [(row[0], row[1]) for row in self.rows(sql, 2)]


def postgis_issues(
    tables: PostgisTables,
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
    answer for this database (then the reference path must). Raises PostgisError when the server
    refuses a query."""
    server = _Server(tables, community_ids)
    with ThreadPoolExecutor(max_workers=1) as pool:
        server.read_points(pool)
        return judged_issues(
            server, server.table_facts, communities, households, members, targets, is_cancelled, progress
        )


def recheck_communities(
    communities: QgsVectorLayer,
    households: QgsVectorLayer,
    members: QgsVectorLayer,
    community_ids: Sequence[str],
) -> list[Issue] | None:
    """The issues of a full check whose community_id is one of `community_ids` (the households recorded
    in them, their members, those communities' own checks); None when the layers are not the whole
    tables of one KR 8310 PostGIS schema or the server cannot answer (the caller checks everything)."""
    tables = postgis_tables(communities, households, members)
    if tables is None:
        return None
    ids = sorted({c for c in community_ids if is_filled(c)})
    if not ids:
        return []
    try:
        server = _Server(tables, ids)
        with ThreadPoolExecutor(max_workers=1) as pool:
            server.read_points(pool)
            nearby = server.nearby_communities()
            # In the order of a full check: an overlap is told with the district of the one met first.
            order = {community_id: number for number, (_fid, community_id) in enumerate(nearby)}
            records = community_records(communities, fids=[fid for fid, _id in nearby])
            records.sort(key=lambda record: order.get(record.community_id, len(order)))
            return judged_issues(server, server.table_facts, records, households, members, None, None, None)
    except PostgisError:  # the server went away or refuses: the caller checks everything its own way
        return None

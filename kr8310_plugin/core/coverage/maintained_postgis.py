"""Coverage read from a PostGIS community database that keeps it itself
(core/storage/postgis/coverage_triggers.py); see core/coverage/maintained.py. One round trip, one
JSON text (storage/postgis/connection.py select_rows): the stored mask, the community rows, the
counts of keys no community has and the totals."""

from __future__ import annotations

from collections.abc import Sequence

from qgis.core import NULL, QgsDataSourceUri, QgsVectorLayer

from ...definitions.schema import COMMUNITIES, HOUSEHOLDS, MEMBERS
from ..rules.completeness import filled_sql
from ..rules.household_signature import UNASSIGNED_KEY, household_key_sql
from ..rules.sql_text import POSTGRES
from ..storage.layer_source import stored_postgis_table
from ..storage.postgis import coverage_triggers
from ..storage.postgis.connection import connect, execute, execute_on, quote_ident, quote_literal, select_rows
from ..storage.postgis.target import PostgisError, parse_target
from .kept_numbers import kept_result
from .results import CoverageResult, UnassignedHousehold

_TABLES = (COMMUNITIES, HOUSEHOLDS, MEMBERS)


def _plain(value: object) -> object:
    return None if value is None or value == NULL else value


def _mask_query(schema: str) -> str:
    settings = f"{quote_ident(schema)}.kr8310_settings"
    return (
        f"SELECT CASE WHEN value ~ '^[0-9]+$' THEN value::integer END FROM {settings} "
        f"WHERE key = {quote_literal(coverage_triggers.KEY_RULE_MASK)}"
    )


def postgis_result(
    layers: Sequence[object], mask: int | None, community_ids: Sequence[str] | None
) -> CoverageResult | None:
    located = [stored_postgis_table(layer) for layer in layers]
    if any(item is None for item in located) or len({item[:2] for item in located}) != 1:
        return None
    if tuple(item[2] for item in located) != _TABLES:
        return None
    connection_info, schema = located[0][:2]
    s = quote_ident(schema)
    filled = filled_sql("community_id", None, POSTGRES, "c")  # a blank community_id is no community
    scope, counted, all_communities = f" WHERE {filled}", "", ""
    if community_ids is not None:
        ids = "ARRAY[" + (", ".join(quote_literal(c) for c in community_ids) or "NULL") + "]::text[]"
        scope, counted = f"{scope} AND c.community_id = ANY({ids})", f" WHERE k.community_key = ANY({ids})"
        # Unscoped, the community rows are all of them already.
        all_communities = (
            f"UNION ALL SELECT 'a', c.community_id, NULL, NULL, NULL, NULL FROM {s}.{COMMUNITIES} c WHERE {filled} "
        )
    # Of the counts, only the keys no community has and the totals: a community's counts are its row's
    # numbers (the same triggers write both), so the city's 2,004 counts need not travel.
    # A key is a filled community_id or UNASSIGNED_KEY, which no community has (a blank id is none).
    known = (
        f"k.community_key <> {quote_literal(UNASSIGNED_KEY)} "
        f"AND EXISTS (SELECT 1 FROM {s}.{COMMUNITIES} c WHERE c.community_id = k.community_key)"
    )
    sql = (
        f"WITH k AS MATERIALIZED (SELECT k.community_key, k.households, k.complete "
        f"FROM {s}.{coverage_triggers.COUNTS_FUNCTION}() k{counted}) "
        f"SELECT 'm', NULL::text, NULL::integer, NULL::integer, ({_mask_query(schema)}), NULL::integer "
        f"UNION ALL SELECT 'c', c.community_id, c.district_code, c.registered_households, c.households_entered, "
        f"c.households_complete FROM {s}.{COMMUNITIES} c{scope} {all_communities}"
        f"UNION ALL SELECT 'k', k.community_key, NULL, NULL, k.households, k.complete FROM k WHERE NOT ({known}) "
        "UNION ALL SELECT 't', NULL, NULL, NULL, coalesce(sum(k.households), 0)::integer, "
        "coalesce(sum(k.complete), 0)::integer FROM k"
    )
    try:
        rows = select_rows(connection_info, sql, 6)
    except PostgisError:
        return None  # an older schema without the kept coverage: the engine recomputes
    stored = [row[4] for row in rows if row[0] == "m"]
    if not stored or stored[0] is None or mask not in (None, stored[0]):
        return None
    communities, all_keys, unknown_counts, totals = [], set(), [], (0, 0)
    for kind, key, district, registered, entered, complete in rows:
        if kind == "k":
            unknown_counts.append((key, entered or 0, complete or 0))
        elif kind == "t":
            totals = (entered, complete)
        elif kind == "a":
            all_keys.add(key)
        elif kind == "c":
            communities.append((key, district, registered, entered, complete))
    if community_ids is None:
        all_keys = {row[0] for row in communities}
    made = kept_result(communities, unknown_counts, community_ids, all_keys)
    if made is None:
        return None
    result, unknown = made
    result.households_total, result.households_complete_total = totals  # over every key, the server's sums
    if unknown:
        result.unassigned = _unassigned(connection_info, schema, unknown)
    return result


def _unassigned(connection_info: str, schema: str, keys: Sequence[str]) -> list[UnassignedHousehold]:
    """The households of community keys no community has, as the caller may see them (RLS)."""
    named = [key for key in keys if key != ""]
    conditions = [f"NOT {filled_sql('community_id', None, POSTGRES, 'h')}"] if "" in keys else []
    if named:
        conditions.append("h.community_id = ANY(ARRAY[" + ", ".join(quote_literal(k) for k in named) + "]::text[])")
    community = f"CASE WHEN {filled_sql('community_id', None, POSTGRES, 'h')} THEN h.community_id END"
    rows = select_rows(
        connection_info,
        f"SELECT {household_key_sql('h', POSTGRES)}, {community}, h.fid "
        f"FROM {quote_ident(schema)}.{HOUSEHOLDS} h WHERE {' OR '.join(conditions)}",
        3,
    )
    unassigned = []
    for household_id, community_id, _fid in sorted(rows, key=lambda row: row[2]):
        reason = "missing_community_id" if community_id is None else "unknown_community_id"
        unassigned.append(UnassignedHousehold(str(household_id), community_id, reason))
    return unassigned


def postgis_kept_mask(layer: QgsVectorLayer) -> int | None:
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "postgres":
        return None
    uri = QgsDataSourceUri(layer.source())
    located = uri.connectionInfo(False), uri.schema(), uri.table()
    if located[2] != COMMUNITIES:
        return None
    try:
        rows = execute_on(located[0], _mask_query(located[1]))
    except PostgisError:
        return None
    value = _plain(rows[0][0]) if rows else None
    return None if value is None else int(value)


def postgis_rebuild(database: str) -> bool:
    target = parse_target(database)
    connection = connect(target)
    if not coverage_triggers.installed_version(connection, target.schema):
        return False
    execute(connection, coverage_triggers.rebuild_sql(target.schema))
    return True

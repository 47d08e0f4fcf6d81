"""The coverage engine: which households are complete, and each community's coverage.

Definitions (KR 8310; the README repeats them):

- A household is **complete** when it has a point geometry; its required household
  fields (default: house number, building type, years of residence, member count) are
  filled; member count >= 1; it has exactly member-count member rows; and every member
  has the required member fields (default: age, education, occupation, disability,
  bedridden) filled. "Filled" means entered and valid (core/rules/completeness.py: a code
  of its code list, a number in its range, a boolean true or false, text not blank).
  The required fields are the rule stored in the community database
  (core/storage/rule_store.py); a caller may pass another rule for a one-off computation.
- A household belongs to the community its `community_id` names. One with no or an
  unknown `community_id` counts nowhere and is reported as unassigned.
- Per community: `households_entered` (rows), `households_complete`, and
  `coverage_pct` = 100 × complete ÷ `registered_households`. A community with 0 (or no)
  registered households gets NULL coverage and the flag `zero_registered`; more complete
  households than registered is kept as it is and flagged `over_register`; no household
  entered is `no_data`; anything else `ok`.

The engine reads three row streams — households, member statistics per household,
communities — from any QGIS layers, and, when all three are tables of one GeoPackage,
straight from SQLite (the same rule as generated SQL, an order of magnitude faster). Both
feed one aggregation, which applies `is_complete_household` of core/rules/completeness.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from qgis.core import NULL, QgsFeatureRequest, QgsFeatureSource, QgsVectorLayer

from ...definitions.schema import HOUSEHOLDS_SPEC, MEMBERS_SPEC
from ..rules.completeness import (
    DEFAULT_RULE,
    CompletenessRule,
    all_filled_sql,
    filled_sql,
    household_fields_filled,
    is_complete_household,
    is_filled,
    member_filled,
)
from ..storage import gpkg, rule_store
from ..storage.layer_source import stored_geopackage_table
from ..toolbelt.i18n import tr
from .maintained import read_maintained, rebuild
from .postgis_path import coverage_for_layers
from .results import CommunityCoverage, CoverageResult, UnassignedHousehold

COVERAGE_FIELDS = ("households_entered", "households_complete", "coverage_pct", "coverage_flag")

Progress = Callable[[float], None]


class CoverageError(ValueError):
    """The inputs cannot be used to compute coverage; the message is for the user."""


class HouseholdRow(NamedTuple):
    household_id: str
    community_id: str | None
    has_geometry: bool
    fields_filled: bool  # every required household field filled
    member_count: int | None


class MemberStats(NamedTuple):
    rows: int = 0
    complete_rows: int = 0  # rows with every required member field filled


def _as_int(value: object) -> int | None:
    if not is_filled(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _as_key(value: object) -> str | None:
    """An id as stored (ids match exactly); None when NULL or blank."""
    return str(value) if is_filled(value) else None


# ---------------------------------------------------------------------------------------
# Row streams from any QGIS feature source


def _require_fields(source: QgsFeatureSource, names: Iterable[str], what: str) -> None:
    present = set(source.fields().names())
    missing = [n for n in names if n not in present]
    if missing:
        raise CoverageError(
            tr("The {layer} layer has no field(s) {fields}.").format(layer=what, fields=", ".join(missing))
        )


def _request(fields: Sequence[str], source: QgsFeatureSource, geometry: bool, expression: str = ""):
    request = QgsFeatureRequest()
    if expression:
        request.setFilterExpression(expression)
    request.setSubsetOfAttributes(list(fields), source.fields())
    if not geometry:
        request.setFlags(QgsFeatureRequest.NoGeometry)
    return request


def community_rows_from_source(
    source: QgsFeatureSource, expression: str = ""
) -> Iterator[tuple[str, int | None, int | None]]:
    """(community_id, district_code, registered_households) per community."""
    names = ("community_id", "district_code", "registered_households")
    _require_fields(source, names, tr("communities"))
    for feature in source.getFeatures(_request(names, source, geometry=False, expression=expression)):
        community_id = _as_key(feature["community_id"])
        if community_id is not None:
            yield community_id, _as_int(feature["district_code"]), _as_int(feature["registered_households"])


def household_rows_from_source(
    source: QgsFeatureSource, rules: CompletenessRule, expression: str = ""
) -> Iterator[HouseholdRow]:
    names = ("household_id", "community_id", "member_count", *rules.household_fields)
    _require_fields(source, names, tr("households"))
    fields = list(dict.fromkeys(names))
    for feature in source.getFeatures(_request(fields, source, geometry=True, expression=expression)):
        geometry = feature.geometry()
        yield HouseholdRow(
            household_id=_as_key(feature["household_id"]) or f"fid:{feature.id()}",
            community_id=_as_key(feature["community_id"]),
            has_geometry=not geometry.isNull() and not geometry.isEmpty(),
            fields_filled=household_fields_filled(feature, rules),
            member_count=_as_int(feature["member_count"]),
        )


def member_stats_from_source(
    source: QgsFeatureSource, rules: CompletenessRule, expression: str = ""
) -> dict[str, MemberStats]:
    names = ("household_id", *rules.member_fields)
    _require_fields(source, names, tr("members"))
    rows: dict[str, int] = {}
    complete: dict[str, int] = {}
    for feature in source.getFeatures(_request(names, source, geometry=False, expression=expression)):
        household_id = _as_key(feature["household_id"])
        if household_id is None:
            continue
        rows[household_id] = rows.get(household_id, 0) + 1
        if member_filled(feature, rules):
            complete[household_id] = complete.get(household_id, 0) + 1
    return {key: MemberStats(count, complete.get(key, 0)) for key, count in rows.items()}


# ---------------------------------------------------------------------------------------
# Row streams straight from a GeoPackage (same rule, in SQL)


def _key_sql(column: str) -> str:
    """An id column as stored, NULL when not filled (as `_as_key`)."""
    return f"CASE WHEN {filled_sql(column)} THEN {gpkg.quote_identifier(column)} END"


def _int_sql(column: str) -> str:
    """A whole number as `_as_int` reads it: numbers truncated, anything else NULL."""
    quoted = gpkg.quote_identifier(column)
    return f"CASE WHEN typeof({quoted}) IN ('integer', 'real') THEN CAST({quoted} AS INTEGER) END"


def _member_stats(connection, sql: str, parameters: Sequence = ()) -> dict[str, tuple[int, int]]:
    """(rows, complete rows) per household id; grouped on the (covering) household_id index:
    no sort, no table look-ups."""
    return {
        household_id: (rows, complete)
        for household_id, rows, complete in connection.execute(sql, list(parameters))
        if household_id is not None
    }


def _geopackage_streams(
    path: str,
    tables: dict[str, str],
    rules: CompletenessRule,
    community_ids: Sequence[str] | None,
) -> tuple[list[tuple], list[tuple], dict[str, tuple[int, int]]]:
    connection = gpkg.connect(path)
    try:
        # Has geometry: not NULL and the GeoPackage header's "empty" flag unset.
        connection.create_function(
            "kr_has_geometry",
            1,
            lambda blob: 1 if blob and len(blob) > 8 and not blob[3] & 0x10 else 0,
            deterministic=True,
        )
        where, parameters = "", []
        if community_ids is not None:
            where = f" WHERE community_id IN ({', '.join('?' for _ in community_ids)})"
            parameters = list(community_ids)
        communities_table = gpkg.quote_identifier(tables["communities"])
        households_table = gpkg.quote_identifier(tables["households"])
        members_table = gpkg.quote_identifier(tables["members"])
        member_where = ""
        if community_ids is not None:
            member_where = f" WHERE household_id IN (SELECT household_id FROM {households_table}{where})"
        member_sql = (
            f"SELECT household_id, COUNT(*), SUM({all_filled_sql(rules.member_fields, MEMBERS_SPEC)}) "
            f"FROM {members_table}{member_where} GROUP BY household_id"
        )
        communities = connection.execute(
            f"SELECT {_key_sql('community_id')} AS key, {_int_sql('district_code')}, "
            f"{_int_sql('registered_households')} FROM {communities_table}{where}",
            parameters,
        ).fetchall()
        communities = [row for row in communities if row[0] is not None]
        # Rows shaped as HouseholdRow, left as plain tuples: the aggregation unpacks them.
        household_rows = connection.execute(
            f"SELECT COALESCE({_key_sql('household_id')}, 'fid:' || fid), {_key_sql('community_id')}, "
            f"kr_has_geometry(geom), {all_filled_sql(rules.household_fields, HOUSEHOLDS_SPEC)}, "
            f"{_int_sql('member_count')} FROM {households_table}{where}",
            parameters,
        ).fetchall()
        member_stats = _member_stats(connection, member_sql, parameters)
    finally:
        connection.close()
    return communities, household_rows, member_stats


# ---------------------------------------------------------------------------------------
# Aggregation: the one place the rule is applied


def aggregate(
    communities: Iterable[tuple[str, int | None, int | None]],
    households: Iterable[HouseholdRow | tuple],
    member_stats: dict[str, MemberStats | tuple[int, int]],
    progress: Progress | None = None,
    household_total_hint: int = 0,
) -> CoverageResult:
    """Coverage per community from the three row streams (HouseholdRow-shaped tuples,
    and (rows, complete_rows) per household id)."""
    result = CoverageResult()
    for community_id, district_code, registered in communities:
        result.communities[community_id] = CommunityCoverage(community_id, district_code, registered)
    by_community = result.communities
    no_members = (0, 0)
    complete_total = 0
    for index, (household_id, community_id, has_geometry, fields_filled, member_count) in enumerate(households):
        member_rows, complete_member_rows = member_stats.get(household_id, no_members)
        complete = is_complete_household(has_geometry, fields_filled, member_count, member_rows, complete_member_rows)
        complete_total += complete
        community = by_community.get(community_id) if community_id is not None else None
        if community is None:
            reason = "missing_community_id" if community_id is None else "unknown_community_id"
            result.unassigned.append(UnassignedHousehold(household_id, community_id, reason))
        else:
            community.households_entered += 1
            community.households_complete += complete
        if progress and household_total_hint and index % 20000 == 0:
            progress(100.0 * index / household_total_hint)
        result.households_total = index + 1
    result.households_complete_total = complete_total
    return result


def _layer_tables(
    communities: QgsFeatureSource, households: QgsFeatureSource, members: QgsFeatureSource
) -> tuple[str, dict[str, str]] | None:
    located = [stored_geopackage_table(layer) for layer in (communities, households, members)]
    if any(item is None for item in located) or len({item[0] for item in located}) != 1:
        return None
    return located[0][0], {
        "communities": located[0][1],
        "households": located[1][1],
        "members": located[2][1],
    }


def stored_rule(layer: QgsFeatureSource) -> CompletenessRule:
    """The completeness rule of the community database `layer` belongs to (the default rule for
    a source outside one). Raises CoverageError when the database cannot be read."""
    try:
        return rule_store.read_rule(layer) if isinstance(layer, QgsVectorLayer) else DEFAULT_RULE
    except rule_store.RuleStoreError as error:
        raise CoverageError(str(error)) from error


def compute_coverage(
    communities: QgsFeatureSource,
    households: QgsFeatureSource,
    members: QgsFeatureSource,
    rules: CompletenessRule | None = None,
    community_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    maintained: bool = True,
) -> CoverageResult:
    """Coverage of every community (or only `community_ids`) from three layers/sources.

    `rules` None: the rule stored in the households' community database (`stored_rule`).
    The numbers a community database keeps itself are read when they answer the question
    (core/coverage/maintained.py); `maintained` False always recomputes from all rows (the reference).
    Raises CoverageError when a layer lacks a needed field or the rule cannot be read.
    """
    located = _layer_tables(communities, households, members)
    in_postgis = all(
        isinstance(layer, QgsVectorLayer) and layer.providerType() == "postgres" and not layer.subsetString()
        for layer in (communities, households, members)
    )
    if maintained and (located is not None or in_postgis) and rules is None:  # the stored rule: read with the numbers
        kept = read_maintained(communities, households, members, None, community_ids, located)
        if kept is not None:
            return kept
    if rules is None:
        rules = stored_rule(households)
    if located is not None or in_postgis:
        _require_fields(communities, ("community_id", "district_code", "registered_households"), tr("communities"))
        _require_fields(
            households, ("household_id", "community_id", "member_count", *rules.household_fields), tr("households")
        )
        _require_fields(members, ("household_id", *rules.member_fields), tr("members"))
    if maintained and (located is not None or in_postgis):
        kept = read_maintained(communities, households, members, rules, community_ids, located)
        if kept is not None:
            return kept
    if located is not None:
        community_rows, household_rows, member_stats = _geopackage_streams(*located, rules, community_ids)
        return aggregate(community_rows, household_rows, member_stats, progress)
    if in_postgis and not any(layer.isEditable() and layer.isModified() for layer in (households, members)):
        # The same rule computed by the server in one round trip (None: not one community database).
        result = coverage_for_layers(
            communities, households, members, rules.household_fields, rules.member_fields, community_ids
        )
        if result is not None:
            return result
    expression = ""
    member_expression = ""
    if community_ids is not None:
        quoted = ", ".join("'" + c.replace("'", "''") + "'" for c in community_ids) or "NULL"
        expression = f'"community_id" IN ({quoted})'
        household_ids = [row.household_id for row in household_rows_from_source(households, rules, expression)]
        id_list = ", ".join("'" + h.replace("'", "''") + "'" for h in household_ids) or "NULL"
        member_expression = f'"household_id" IN ({id_list})'
    member_stats = member_stats_from_source(members, rules, member_expression)
    if progress:
        progress(30.0)
    total = households.featureCount() if hasattr(households, "featureCount") else 0

    def scaled(value: float) -> None:
        if progress:
            progress(30.0 + 0.7 * value)

    return aggregate(
        community_rows_from_source(communities, expression),
        household_rows_from_source(households, rules, expression),
        member_stats,
        scaled if progress else None,
        max(total, 0),
    )


# ---------------------------------------------------------------------------------------
# Writing the fields back


def _quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def write_coverage(layer: QgsVectorLayer, result: CoverageResult) -> int:
    """Write the coverage fields of the communities in `result` into a communities layer.

    In edit mode the values go into the edit buffer (undoable, saved with the layer);
    otherwise straight to the data source. Returns the number of features updated.
    Raises CoverageError when the layer lacks the fields or the write fails.
    """
    _require_fields(layer, ("community_id", *COVERAGE_FIELDS), tr("communities"))
    indexes = {name: layer.fields().indexOf(name) for name in COVERAGE_FIELDS}
    wanted = set(result.communities)
    changes: dict[int, dict[int, object]] = {}
    expression = ""
    if len(wanted) <= 200:  # a live refresh: let the data source find the few rows (indexed)
        expression = f'"community_id" IN ({", ".join(_quote_literal(c) for c in sorted(wanted)) or "NULL"})'
    request = _request(["community_id", *COVERAGE_FIELDS], layer, geometry=False, expression=expression)
    for feature in layer.getFeatures(request):
        community_id = _as_key(feature["community_id"])
        if community_id not in wanted:
            continue
        values = result.communities[community_id].values()
        changed = {
            indexes[name]: (NULL if value is None else value)
            for name, value in values.items()
            if not _same(feature[name], value)
        }
        if changed:
            changes[feature.id()] = changed
    if not changes:
        return 0
    if layer.isEditable():
        layer.beginEditCommand(tr("Update coverage"))
        for fid, values in changes.items():
            for index, value in values.items():
                layer.changeAttributeValue(fid, index, value)
        layer.endEditCommand()
    elif not layer.dataProvider().changeAttributeValues(changes):
        raise CoverageError(
            tr("Could not write coverage to the communities layer: {error}").format(
                error="; ".join(layer.dataProvider().errors()) or tr("the data source refused the change")
            )
        )
    else:
        layer.triggerRepaint()
    return len(changes)


def _same(stored: object, value: object) -> bool:
    if not is_filled(stored):
        return value is None
    if value is None:
        return False
    if isinstance(value, float):
        return abs(float(stored) - value) < 1e-9
    return stored == value


def refresh_communities(
    communities: QgsVectorLayer,
    households: QgsFeatureSource,
    members: QgsFeatureSource,
    community_ids: Iterable[str],
    rules: CompletenessRule | None = None,
) -> CoverageResult:
    """Recompute and write the coverage of a few communities (live update after an edit);
    `rules` None: the database's rule."""
    ids = sorted({c for c in community_ids if c})
    result = compute_coverage(communities, households, members, rules, community_ids=ids)
    write_coverage(communities, result)
    return result


def refresh_database(
    database: str, rules: CompletenessRule | None = None, progress: Progress | None = None, repair: bool = False
) -> CoverageResult:
    """Recompute the whole city's coverage of a community database and store it in `communities`;
    `rules` None: the rule stored in the database. A database that keeps its coverage itself is
    read (`repair`: its kept coverage is first rebuilt from all rows)."""
    from ..storage.datasource import open_layer

    if repair:
        rebuild(database)

    communities = open_layer(database, "communities")
    households = open_layer(database, "households")
    result = compute_coverage(communities, households, open_layer(database, "members"), rules, progress=progress)
    write_coverage(communities, result)
    return result

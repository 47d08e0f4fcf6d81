"""Coverage read from a community database that keeps it itself (its triggers, in the same
transaction as every household and member edit: core/storage/coverage_triggers.py for
GeoPackage, core/storage/postgis/coverage_triggers.py for PostGIS).

The engine asks here first (`read_maintained`): when the three layers are the communities,
households and members tables of one such database, unfiltered, without unsaved edits, and the
rule asked for is the one the database keeps coverage under, the answer is its community rows
and counts (milliseconds for the city). Otherwise None, and the engine recomputes from all rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from qgis.core import QgsVectorLayer

from ...definitions.schema import COMMUNITIES, HOUSEHOLDS, MEMBERS
from ..rules.completeness import CompletenessRule
from ..rules.household_signature import rule_mask
from ..storage import coverage_triggers
from ..storage.layer_source import geopackage_table
from .kept_numbers import kept_result
from .results import CoverageResult, UnassignedHousehold

_TABLES = (COMMUNITIES, HOUSEHOLDS, MEMBERS)


def _read_only(path: str) -> sqlite3.Connection:
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)


def _geopackage_result(path: str, mask: int | None, community_ids: Sequence[str] | None) -> CoverageResult | None:
    connection = _read_only(path)
    try:
        stored = coverage_triggers.stored_mask(connection)
        if stored is None or mask not in (None, stored):
            return None
        mask = stored
        rows = coverage_triggers.community_rows(connection, community_ids)
        all_keys = {row[0] for row in rows} if community_ids is None else coverage_triggers.community_keys(connection)
        made = kept_result(rows, coverage_triggers.community_count_rows(connection, mask), community_ids, all_keys)
        if made is None:
            return None
        result, unassigned_keys = made
        if unassigned_keys:
            for household_id, community_id in coverage_triggers.households_of_keys(connection, unassigned_keys):
                reason = "missing_community_id" if community_id is None else "unknown_community_id"
                result.unassigned.append(UnassignedHousehold(household_id, community_id, reason))
        return result
    finally:
        connection.close()


def read_maintained(
    communities: object,
    households: object,
    members: object,
    rules: CompletenessRule | None,
    community_ids: Sequence[str] | None = None,
    geopackage: tuple[str, dict[str, str]] | None = None,
) -> CoverageResult | None:
    """The coverage the database keeps, when it applies (see the module docstring); else None.
    `rules` None: the rule the database keeps coverage under (the stored one). `geopackage`:
    (file, {layer name: table}) when the three layers are unedited tables of one GeoPackage (the
    engine finds that out). Raises sqlite3.Error or PostgisError when the database cannot be read."""
    mask = None if rules is None else rule_mask(rules)
    if rules is not None and mask is None:
        return None
    if geopackage is not None:
        path, tables = geopackage
        if tuple(tables[name] for name in _TABLES) != _TABLES:
            return None
        return _geopackage_result(path, mask, community_ids)
    layers = (communities, households, members)
    from .maintained_postgis import postgis_result

    return postgis_result(layers, mask, community_ids)


def kept_mask(layer: QgsVectorLayer) -> int | None:
    """The rule mask the community database of the communities layer `layer` keeps coverage
    under; None when it keeps none, cannot be read, or `layer` is another table."""
    located = geopackage_table(layer)
    if located is not None:
        if located[1] != COMMUNITIES:
            return None
        try:
            connection = _read_only(located[0])
            try:
                return coverage_triggers.stored_mask(connection)
            finally:
                connection.close()
        except sqlite3.Error:
            return None
    from .maintained_postgis import postgis_kept_mask

    return postgis_kept_mask(layer)


def rebuild(database: str) -> bool:
    """Rebuild the kept coverage of `database` from all its rows (repair); False when the
    database does not keep coverage. Raises sqlite3.Error / PostgisError when it cannot."""
    from ..storage import gpkg
    from ..storage.datasource import is_postgres

    if is_postgres(database):
        from .maintained_postgis import postgis_rebuild

        return postgis_rebuild(database)
    connection = gpkg.connect(database)
    try:
        if coverage_triggers.stored_mask(connection) is None:
            return False
        with connection:
            coverage_triggers.install(connection)
        return True
    finally:
        connection.close()

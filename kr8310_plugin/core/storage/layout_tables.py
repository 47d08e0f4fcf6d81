"""The community layout tables (buildings, ways, waterways, water areas, facilities, safety points)
of a GeoPackage community database: what gpkg_database creates for them beyond its usual table.

gpkg_database builds the tables (its own table DDL and R-tree) from `stored_spec`, with every new
database and, through `add_missing_layout_tables`, in an older one. Ids and osm_id are unique by
trigger as household_id is (QGIS would otherwise read every existing value each time a building
is drawn); osm_id may be NULL in any number of rows.
"""

from __future__ import annotations

import dataclasses
import sqlite3

from ...definitions.schema import LAYOUT_LAYER_SPECS, LayerSpec
from . import gpkg


def stored_spec(spec: LayerSpec) -> LayerSpec:
    """The spec as its table is declared: no UNIQUE column constraint (triggers keep them unique)."""
    return dataclasses.replace(spec, fields=tuple(dataclasses.replace(f, unique=False) for f in spec.fields))


STORED_LAYOUT_SPECS: tuple[LayerSpec, ...] = tuple(stored_spec(spec) for spec in LAYOUT_LAYER_SPECS)


def layout_rules_sql(specs: tuple[LayerSpec, ...]) -> list[str]:
    """Unique triggers and indexes of the layout tables of `specs` (created already), in order."""
    statements = []
    for spec in specs:
        table = gpkg.quote_identifier(spec.name)
        statements.append(f'CREATE INDEX "idx_{spec.name}_community_id" ON {table} (community_id)')
        for field in spec.fields:
            if field.unique:
                statements += gpkg.unique_by_trigger_sql(spec.name, field.name)
                statements.append(f'CREATE INDEX "idx_{spec.name}_{field.name}" ON {table} ({field.name})')
    return statements


def missing_layout_specs(connection: sqlite3.Connection) -> tuple[LayerSpec, ...]:
    """The layout layers whose table the database lacks (all of them in a database made before them)."""
    present = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return tuple(spec for spec in LAYOUT_LAYER_SPECS if spec.name not in present)

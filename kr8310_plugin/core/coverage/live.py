"""Live coverage: which communities a saved household or member edit touches.

A mapper's save changes the coverage of a few communities only: the community of every
household added, changed or deleted (before *and* after the change, when a household
moves to another community), and the community of the household of every member added,
changed or deleted. `ChangeCollector` gathers those community ids from a layer's edit
session — old values from the data provider before the commit, new values after it.
A community database that keeps coverage itself (core/coverage/maintained.py) has already
updated those communities in the save's own transaction: `refresh_affected` then only reloads
the communities layer, never writing into it (its edit buffer stays as the user left it). In a
database without that (an older one, not yet upgraded), or under a rule other than the stored
one, it recomputes just those communities (coverage.refresh_communities).
The Qt wiring to a project's layers is gui/live_coverage.py.

Layers of a set-up project carry the custom property LAYER_PROPERTY (their layer name in
the community database), which is how the plugin finds them in any project.
"""

from __future__ import annotations

from collections.abc import Iterable

from qgis.core import (
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerEditPassthrough,
)

from ...definitions import schema
from ..rules.completeness import is_filled
from ..rules.household_signature import rule_mask
from ..rules.sql_text import QGIS_EXPRESSION, quote_literal
from ..storage import gpkg
from ..storage.layer_source import database_key, geopackage_table
from .engine import CompletenessRule, CoverageResult, refresh_communities
from .maintained import kept_mask

LAYER_PROPERTY = "kr8310/layer"
TRACKED_LAYERS = (schema.COMMUNITIES, schema.HOUSEHOLDS, schema.MEMBERS)


def tag_layers(layers: dict[str, QgsVectorLayer]) -> None:
    """Mark a set-up project's layers with their community-database layer name (saved in the project)."""
    for name, layer in layers.items():
        layer.setCustomProperty(LAYER_PROPERTY, name)


def tagged_layer_sets(project: QgsProject) -> list[dict[str, QgsVectorLayer]]:
    """The {communities, households, members} layer sets of a project, one per community database
    (layers matched by their data source's database part)."""
    by_database: dict[str, dict[str, QgsVectorLayer]] = {}
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer):
            continue
        name = layer.customProperty(LAYER_PROPERTY)
        if name not in TRACKED_LAYERS:
            continue
        by_database.setdefault(database_key(layer), {})[name] = layer
    return [layers for layers in by_database.values() if set(layers) == set(TRACKED_LAYERS)]


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(quote_literal(str(v), QGIS_EXPRESSION) for v in values)


def _text(value: object) -> str | None:
    """An id as text; None when NULL or blank."""
    return str(value) if is_filled(value) else None


def field_values(source: QgsFeatureSource, fids: Iterable[int], field: str) -> set[str]:
    """The non-empty values of `field` of the features `fids` of a layer or provider."""
    fids = [fid for fid in fids if fid >= 0]  # negative: not saved yet
    if not fids:
        return set()
    request = QgsFeatureRequest().setFilterFids(fids).setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes([field], source.fields())
    return {v for v in (_text(f[field]) for f in source.getFeatures(request)) if v}


def communities_of_households(households: QgsFeatureSource, household_ids: Iterable[str]) -> set[str]:
    """The community ids of households named by id."""
    household_ids = sorted(set(household_ids))
    if not household_ids:
        return set()
    request = QgsFeatureRequest().setFilterExpression(f'"household_id" IN ({_quoted(household_ids)})')
    request.setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(["community_id"], households.fields())
    return {v for v in (_text(f["community_id"]) for f in households.getFeatures(request)) if v}


def in_transaction(layer: QgsVectorLayer) -> bool:
    """The layer's edits go straight into an open database transaction (QgsProject autoTransaction)."""
    provider = layer.dataProvider()
    if provider is not None and provider.transaction() is not None:
        return True
    return isinstance(layer.editBuffer(), QgsVectorLayerEditPassthrough)  # still closing a transaction


class CommittedState:
    """Reads a layer as last committed, while its edits are still open.

    Without a transaction the data provider is that state (edits wait in the edit buffer).
    In a transaction group (QgsProject autoTransaction) edits go into the database at once,
    inside an open transaction; a separate SQLite connection still sees the committed rows
    (GeoPackage). Other transactional sources are read through the provider
    (tests/postgis/test_postgis_live_coverage.py: a PostGIS project still finds the old communities).
    """

    def __init__(self, layer: QgsVectorLayer):
        self.layer = layer

    def _sqlite(self):
        if not in_transaction(self.layer):
            return None
        return geopackage_table(self.layer)

    def values(self, fids: Iterable[int], field: str) -> set[str]:
        fids = sorted({fid for fid in fids if fid >= 0})
        located = self._sqlite()
        if located is None or not fids:
            return field_values(self.layer.dataProvider(), fids, field)
        path, table = located
        connection = gpkg.connect(path)
        try:
            column, name = gpkg.quote_identifier(field), gpkg.quote_identifier(table)
            values = set()
            for start in range(0, len(fids), 500):  # SQLite's parameter limit
                chunk = fids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                rows = connection.execute(f"SELECT {column} FROM {name} WHERE fid IN ({marks})", chunk)
                values |= {v for v in (_text(row[0]) for row in rows) if v}
        finally:
            connection.close()
        return values

    def communities_of_households(self, household_ids: Iterable[str]) -> set[str]:
        household_ids = sorted(set(household_ids))
        located = self._sqlite()
        if located is None or not household_ids:
            return communities_of_households(self.layer.dataProvider(), household_ids)
        path, table = located
        connection = gpkg.connect(path)
        try:
            communities = set()
            for start in range(0, len(household_ids), 500):
                chunk = household_ids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                rows = connection.execute(
                    f"SELECT community_id FROM {gpkg.quote_identifier(table)} WHERE household_id IN ({marks})", chunk
                )
                communities |= {v for v in (_text(row[0]) for row in rows) if v}
        finally:
            connection.close()
        return communities


class ChangeCollector:
    """Collects the community ids one save of the households or members layer touches.

    Wire `touched(fid)` to the edit-time signals (featureAdded, attributeValueChanged,
    geometryChanged, featureDeleted), `before_commit()` to beforeCommitChanges (reads the
    old values, still committed), `added(features)` to committedFeaturesAdded and
    `after_commit()` to afterCommitChanges (reads the new values); `take()` returns and
    clears the ids.
    """

    def __init__(self, layer: QgsVectorLayer, kind: str, households: QgsVectorLayer):
        if kind not in (schema.HOUSEHOLDS, schema.MEMBERS):
            raise ValueError(kind)
        self.layer = layer
        self.kind = kind
        self.households = households
        self._touched: set[int] = set()
        self._household_ids: set[str] = set()  # members: the households concerned
        self._community_ids: set[str] = set()

    @property
    def key_field(self) -> str:
        return "community_id" if self.kind == schema.HOUSEHOLDS else "household_id"

    def touched(self, fid: int) -> None:
        self._touched.add(fid)

    def _collect(self, values: set[str]) -> None:
        if self.kind == schema.HOUSEHOLDS:
            self._community_ids |= values
        else:
            self._household_ids |= values

    def before_commit(self) -> None:
        buffer = self.layer.editBuffer()
        if buffer is not None:
            self._touched |= set(buffer.changedAttributeValues()) | set(buffer.changedGeometries())
            self._touched |= set(buffer.deletedFeatureIds())
            # New features: their values are only in the buffer (their final fids come later).
            for feature in buffer.addedFeatures().values():
                self._collect({v for v in [_text(feature[self.key_field])] if v})
        self._collect(CommittedState(self.layer).values(self._touched, self.key_field))
        if self.kind == schema.MEMBERS:
            # The old households' communities, while a deleted household is still committed.
            self._community_ids |= CommittedState(self.households).communities_of_households(self._household_ids)

    def added(self, features: Iterable) -> None:
        self._collect({v for v in (_text(f[self.key_field]) for f in features) if v})

    def after_commit(self) -> None:
        self._collect(field_values(self.layer.dataProvider(), self._touched, self.key_field))
        if self.kind == schema.MEMBERS:
            self._community_ids |= communities_of_households(self.households.dataProvider(), self._household_ids)

    def take(self) -> set[str]:
        ids = set(self._community_ids)
        self._touched.clear()
        self._household_ids.clear()
        self._community_ids.clear()
        return ids


def database_keeps(communities: QgsVectorLayer, rules: CompletenessRule | None = None) -> bool:
    """Whether the database of `communities` keeps its coverage itself under `rules` (None: the
    stored rule), so a save has already updated the communities rows."""
    mask = kept_mask(communities)
    if mask is None:
        return False
    return rules is None or rule_mask(rules) == mask


def show_saved_coverage(communities: QgsVectorLayer) -> None:
    """Let the communities layer show what the database holds now (nothing written into it)."""
    communities.reload()
    communities.triggerRepaint()


def refresh_affected(
    communities: QgsVectorLayer,
    households: QgsFeatureSource,
    members: QgsFeatureSource,
    community_ids: Iterable[str],
    rules: CompletenessRule | None = None,
) -> CoverageResult | None:
    """Bring the coverage of `community_ids` up to date in the communities layer; None when there
    are none or when the database keeps coverage itself (then the layer is only reloaded).
    `rules` None: the rule stored in the layers' community database, read now."""
    ids = sorted({c for c in community_ids if c})
    if not ids:
        return None
    if database_keeps(communities, rules):
        show_saved_coverage(communities)
        return None
    return refresh_communities(communities, households, members, ids, rules)

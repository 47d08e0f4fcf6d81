"""Live coverage on a PostGIS mapping project (transaction mode): a deleted and a moved household
refresh their old communities too, read from the committed rows on a separate connection."""

from __future__ import annotations

import pytest
from pg_cluster import load_geopackage
from qgis.core import QgsGeometry, QgsProject

from kr8310_plugin.core.coverage.engine import compute_coverage, refresh_database
from kr8310_plugin.core.project.setup import write_mapping_project
from kr8310_plugin.core.storage.datasource import open_database_layers
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.gui.live_coverage import LiveCoverageManager

pytestmark = pytest.mark.postgis

SCHEMA = "kr_live"


def _stored_and_recomputed(database: str) -> tuple[dict, dict]:
    layers = open_database_layers(database)
    stored = {
        f["community_id"]: (f["households_entered"], f["households_complete"], f["coverage_flag"])
        for f in layers["communities"].getFeatures()
    }
    result = compute_coverage(layers["communities"], layers["households"], layers["members"], maintained=False)
    recomputed = {
        c.community_id: (c.households_entered, c.households_complete, c.coverage_flag)
        for c in result.communities.values()
    }
    return stored, recomputed


def test_postgis_project_refreshes_old_and_new_communities(qgis_app, pg_cluster, small_demo_gpkg, tmp_path):
    database = f"{pg_cluster.dsn()}?schema={SCHEMA}"
    build_postgis_database(database, overwrite=True, roles=False)
    load_geopackage(pg_cluster.dsn(), small_demo_gpkg, SCHEMA)
    refresh_database(database)
    project = QgsProject.instance()
    project.clear()
    assert project.read(str(write_mapping_project(database, tmp_path / "mapping.qgz", "en")))
    manager = LiveCoverageManager(project)
    refreshed: list[list[str]] = []
    failures: list[str] = []
    try:
        assert len(manager.trackers) == 1
        tracker = next(iter(manager.trackers.values()))
        tracker.refreshed.connect(refreshed.append)
        tracker.failed.connect(failures.append)
        layers = {layer.name(): layer for layer in project.mapLayers().values()}
        households, members, communities = layers["households"], layers["members"], layers["communities"]
        features = list(households.getFeatures())
        deleted = features[0]
        moved = next(f for f in features if f["community_id"] != deleted["community_id"])
        old_ids = {deleted["community_id"], moved["community_id"]}
        new_id = next(f["community_id"] for f in communities.getFeatures() if f["community_id"] not in old_ids)
        target = next(communities.getFeatures(f"\"community_id\" = '{new_id}'")).geometry().pointOnSurface()
        for layer in (households, members):
            layer.startEditing()  # one transaction: the first call starts both
            assert layer.isEditable()
        member_fids = [f.id() for f in members.getFeatures(f"\"household_id\" = '{deleted['household_id']}'")]
        assert members.deleteFeatures(member_fids), [members.dataProvider().errors(), members.editBuffer()]
        assert households.deleteFeature(deleted.id())
        assert households.changeGeometry(moved.id(), QgsGeometry(target))
        assert households.changeAttributeValue(moved.id(), households.fields().indexOf("community_id"), new_id)
        assert households.commitChanges(), households.commitErrors()
        qgis_app.processEvents()
        assert not failures
        assert old_ids | {new_id} <= {c for ids in refreshed for c in ids}
        stored, recomputed = _stored_and_recomputed(database)
        assert stored == recomputed
        assert not communities.isModified()  # the server wrote the numbers in the save's transaction
    finally:
        for layer in project.mapLayers().values():
            if layer.isEditable():
                layer.rollBack()
        manager.unload()
        project.clear()

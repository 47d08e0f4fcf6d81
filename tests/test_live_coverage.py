"""Live coverage: real layers of a set-up project, real edits and real commits; after each save the
stored coverage of every community equals a full recomputation (so no touched community is missed)."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer, QgsVectorLayerUtils

from kr8310_plugin.compat import transaction_groups_enabled
from kr8310_plugin.core.coverage import live as live_coverage
from kr8310_plugin.core.coverage.engine import compute_coverage, refresh_database
from kr8310_plugin.core.project.setup import write_mapping_project
from kr8310_plugin.core.storage.datasource import open_database_layers
from kr8310_plugin.gui.live_coverage import LiveCoverage, LiveCoverageManager

COMPLETE_MEMBER = {"age": 34, "education": "bachelor", "occupation": "trade", "disability": "none", "bedridden": False}


def stored_coverage(path) -> dict[str, tuple]:
    # closing(): a connection left to the garbage collector may close (and remove the WAL's -shm)
    # just as OGR opens the file read-only, which then fails with 'unable to open database file'.
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT community_id, households_entered, households_complete, coverage_pct, coverage_flag FROM communities"
        ).fetchall()
    return {row[0]: (row[1], row[2], None if row[3] is None else round(row[3], 9), row[4]) for row in rows}


def recomputed_coverage(path) -> dict[str, tuple]:
    layers = open_database_layers(str(path))
    result = compute_coverage(layers["communities"], layers["households"], layers["members"], maintained=False)
    return {
        c.community_id: (
            c.households_entered,
            c.households_complete,
            None if c.coverage_pct is None else round(c.coverage_pct, 9),
            c.coverage_flag,
        )
        for c in result.communities.values()
    }


def assert_stored_is_current(path, communities: QgsVectorLayer | None = None) -> None:
    """The stored coverage equals the engine's full recompute; the communities layer holds no
    edit of its own (the database wrote the numbers in the save's transaction)."""
    if communities is not None:
        assert not communities.isModified()
    stored, expected = stored_coverage(path), recomputed_coverage(path)
    stale = {key: (stored[key], expected[key]) for key in expected if stored[key] != expected[key]}
    assert not stale, f"communities not refreshed: {stale}"


@pytest.fixture(params=["transaction", "edit_buffer"])
def live_project(request, qgis_app, demo_copy, tmp_path):
    """A project with the demo database's layers, coverage stored, live coverage running.

    'transaction': the set-up project (QGIS auto-transaction: edits go to the database at once);
    'edit_buffer': plain layers (edits wait in each layer's edit buffer until saved)."""
    refresh_database(str(demo_copy))
    project = QgsProject.instance()  # as in QGIS (layer defaults and relations look at the current project)
    project.clear()
    if request.param == "transaction":
        # As a mapper gets it: kr8310:setupproject's project file, opened.
        assert project.read(str(write_mapping_project(str(demo_copy), tmp_path / "mapping.qgz", "en")))
        layers = {layer.name(): layer for layer in project.mapLayers().values()}
        assert transaction_groups_enabled(project)
    else:
        layers = open_database_layers(str(demo_copy))
        project.addMapLayers(list(layers.values()))
        live_coverage.tag_layers(layers)
    manager = LiveCoverageManager(project)
    assert len(manager.trackers) == 1
    tracker = next(iter(manager.trackers.values()))
    refreshed: list[list[str]] = []
    tracker.refreshed.connect(refreshed.append)
    failures: list[str] = []
    tracker.failed.connect(failures.append)
    yield layers, tracker, refreshed, failures
    qgis_app.processEvents()  # no deferred refresh left for the next test
    for layer in layers.values():
        if layer.isEditable():
            layer.rollBack()
    manager.unload()
    project.clear()


def save(layers, qgis_app, order=("households", "members")) -> None:
    for name in order:  # in a transaction the first commit saves both
        if layers[name].isEditable():
            assert layers[name].commitChanges(), layers[name].commitErrors()
    qgis_app.processEvents()  # a transaction group's refresh runs once its edit session has closed


def community_point(communities: QgsVectorLayer, community_id: str) -> QgsPointXY:
    feature = next(communities.getFeatures(f"\"community_id\" = '{community_id}'"))
    return feature.geometry().pointOnSurface().asPoint()


def add_household(layers, community_id: str, members: int) -> str:
    households = layers["households"]
    feature = QgsVectorLayerUtils.createFeature(
        households,
        QgsGeometry.fromPointXY(community_point(layers["communities"], community_id)),
        {},
        households.createExpressionContext(),
    )
    household_id = str(uuid.uuid4())
    values = {
        "household_id": household_id,
        "community_id": community_id,
        "house_no": "LIVE-" + household_id[:6],
        "building_type": "row_house",
        "residence_years": 3,
        "member_count": members,
    }
    for name, value in values.items():
        feature[name] = value
    assert households.addFeature(feature)
    for index in range(members):
        member = QgsVectorLayerUtils.createFeature(layers["members"])
        member["member_id"] = f"{household_id}-{index}"
        member["household_id"] = household_id
        for name, value in COMPLETE_MEMBER.items():
            member[name] = value
        assert layers["members"].addFeature(member)
    return household_id


def pick(path, sql: str):
    # closing(): a connection left to the garbage collector may close (and remove the WAL's -shm)
    # just as OGR opens the file read-only, which then fails with 'unable to open database file'.
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchone()


def test_new_household_with_members_updates_its_community(live_project, demo_copy, qgis_app):
    layers, tracker, refreshed, failures = live_project
    (community_id,) = pick(demo_copy, "SELECT community_id FROM communities WHERE coverage_flag = 'no_data' LIMIT 1")
    for name in ("households", "members"):
        layers[name].startEditing()
    add_household(layers, community_id, 2)
    save(layers, qgis_app)
    assert not failures
    assert community_id in {c for ids in refreshed for c in ids}
    stored = stored_coverage(demo_copy)[community_id]
    assert stored[:2] == (1, 1) and stored[3] == "ok"
    assert_stored_is_current(demo_copy, layers["communities"])
    assert tracker.last_refresh_ms is not None
    # The overlay reads the layer: it shows the new value.
    feature = next(layers["communities"].getFeatures(f"\"community_id\" = '{community_id}'"))
    assert feature["households_complete"] == 1


def test_household_moved_to_another_community_updates_both(live_project, demo_copy, qgis_app):
    layers, _tracker, refreshed, failures = live_project
    old, household_id = pick(
        demo_copy,
        "SELECT h.community_id, h.household_id FROM households h JOIN communities c USING (community_id) "
        "WHERE c.households_complete > 0 ORDER BY h.fid LIMIT 1",
    )
    (new,) = pick(demo_copy, f"SELECT community_id FROM communities WHERE community_id <> '{old}' LIMIT 1")
    households = layers["households"]
    household = next(households.getFeatures(f"\"household_id\" = '{household_id}'"))
    households.startEditing()
    # Moved on the map (the set-up project derives community_id from the point on every update).
    point = QgsGeometry.fromPointXY(community_point(layers["communities"], new))
    assert households.changeGeometry(household.id(), point)
    assert households.changeAttributeValue(household.id(), households.fields().indexOf("community_id"), new)
    save(layers, qgis_app)
    assert pick(demo_copy, f"SELECT community_id FROM households WHERE household_id = '{household_id}'") == (new,)
    assert not failures
    assert {old, new} <= {c for ids in refreshed for c in ids}
    assert_stored_is_current(demo_copy, layers["communities"])


def test_deleted_household_updates_its_old_community(live_project, demo_copy, qgis_app):
    layers, _tracker, refreshed, failures = live_project
    community_id, household_id = pick(
        demo_copy,
        "SELECT community_id, household_id FROM households WHERE community_id IN "
        "(SELECT community_id FROM communities WHERE coverage_flag = 'ok') ORDER BY fid DESC LIMIT 1",
    )
    households, members = layers["households"], layers["members"]
    for name in ("households", "members"):
        layers[name].startEditing()
    member_fids = [f.id() for f in members.getFeatures(f"\"household_id\" = '{household_id}'")]
    assert members.deleteFeatures(member_fids)
    household = next(households.getFeatures(f"\"household_id\" = '{household_id}'"))
    assert households.deleteFeature(household.id())
    save(layers, qgis_app, order=("members", "households"))
    assert not failures
    assert community_id in {c for ids in refreshed for c in ids}
    assert_stored_is_current(demo_copy, layers["communities"])


def test_member_edit_updates_the_community_of_its_household(live_project, demo_copy, qgis_app):
    layers, _tracker, refreshed, failures = live_project
    member_id, community_id = pick(
        demo_copy,
        "SELECT m.member_id, h.community_id FROM members m JOIN households h USING (household_id) "
        "JOIN communities c USING (community_id) WHERE c.households_complete > 0 AND m.age IS NOT NULL LIMIT 1",
    )
    members = layers["members"]
    member = next(members.getFeatures(f"\"member_id\" = '{member_id}'"))
    before = stored_coverage(demo_copy)[community_id]
    members.startEditing()
    assert members.changeAttributeValue(member.id(), members.fields().indexOf("education"), None)
    save(layers, qgis_app)
    assert not failures
    assert refreshed and community_id in refreshed[-1]
    assert stored_coverage(demo_copy)[community_id][1] <= before[1] - 1  # that household is incomplete now
    assert_stored_is_current(demo_copy, layers["communities"])


def test_only_the_touched_communities_are_recomputed(live_project, demo_copy, qgis_app):
    layers, _tracker, refreshed, _failures = live_project
    (community_id,) = pick(demo_copy, "SELECT community_id FROM communities WHERE coverage_flag = 'ok' LIMIT 1")
    for name in ("households", "members"):
        layers[name].startEditing()
    add_household(layers, community_id, 1)
    save(layers, qgis_app)
    assert {c for ids in refreshed for c in ids} == {community_id}


def test_manager_ignores_projects_without_set_up_layers(qgis_app, demo_copy):
    project = QgsProject.instance()
    project.clear()
    layers = open_database_layers(str(demo_copy))  # not tagged
    project.addMapLayers(list(layers.values()))
    manager = LiveCoverageManager(project)
    try:
        assert manager.trackers == {}
        live_coverage.tag_layers(layers)
        manager.rescan()
        assert len(manager.trackers) == 1
        project.removeMapLayer(layers["members"].id())
        assert manager.trackers == {}
    finally:
        manager.unload()
        project.clear()


def test_tracker_reports_a_failure_instead_of_raising(qgis_app, demo_copy):
    layers = open_database_layers(str(demo_copy))
    # A "communities" layer without the coverage fields: the refresh cannot write.
    tracker = LiveCoverage(layers["districts"], layers["households"], layers["members"])
    failures: list[str] = []
    tracker.failed.connect(failures.append)
    tracker._pending.add("1001-001")
    assert tracker.refresh_pending() == []
    tracker.disconnect_layers()
    assert failures and "1001-001" in failures[0]


def test_plugin_tracks_a_set_up_project_when_it_is_opened(qgis_iface, qgis_app, demo_copy, tmp_path):
    import kr8310_plugin

    refresh_database(str(demo_copy))
    project_file = write_mapping_project(str(demo_copy), tmp_path / "mapping.qgz", "en")
    plugin = kr8310_plugin.classFactory(qgis_iface)
    plugin.start_live_coverage()  # what initGui starts (the provider and menu are tested in test_plugin.py)
    project = QgsProject.instance()
    try:
        assert project.read(str(project_file))
        assert len(plugin.live_coverage.trackers) == 1
        layers = {layer.name(): layer for layer in project.mapLayers().values()}
        (community_id,) = pick(demo_copy, "SELECT community_id FROM communities WHERE coverage_flag = 'no_data'")
        layers["households"].startEditing()
        add_household(layers, community_id, 1)
        save(layers, qgis_app)
        assert stored_coverage(demo_copy)[community_id][:2] == (1, 1)
        assert_stored_is_current(demo_copy, layers["communities"])
    finally:
        plugin.unload()
        project.clear()
    assert plugin.live_coverage is None

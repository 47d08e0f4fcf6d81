"""After a save, the data problems of the communities it touched are checked again, and only those:
SavedEdits collects them from the layers' commits, the dashboard's count follows at once."""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsPointXY, QgsVectorLayer
from test_dashboard import dock, project_layers, wait_for  # noqa: F401 - the dashboard tests' fixtures

from kr8310_plugin.core.dashboard.model import DashboardData, count_issues, recheck_saved_issues
from kr8310_plugin.core.quality.layers import check_layers
from kr8310_plugin.core.quality.saved_edits import SavedEdits

LAYERS = ("communities", "households", "members", "districts")


def _layers(path) -> dict[str, QgsVectorLayer]:
    layers = {name: QgsVectorLayer(f"{path}|layername={name}", name, "ogr") for name in LAYERS}
    assert all(layer.isValid() for layer in layers.values())
    return layers


def _full(path) -> list[tuple]:
    layers = _layers(path)
    issues = check_layers(layers["communities"], layers["households"], layers["members"], layers["districts"])
    return [(i.severity, i.code, i.message, i.feature_id, i.community_id) for i in issues]


def _keys(issues) -> list[tuple]:
    return [(i.severity, i.code, i.message, i.feature_id, i.community_id) for i in issues]


def _move_out_and_drop_a_member(layers) -> tuple[str, str]:
    """Move one household 60 km east and delete a member of another, each saved as a mapper saves."""
    households, members = layers["households"], layers["members"]
    moved = next(households.getFeatures())
    assert households.startEditing()
    households.changeGeometry(moved.id(), QgsGeometry.fromPointXY(QgsPointXY(720000, 1520000)))
    assert households.commitChanges()
    member = next(members.getFeatures())
    assert members.startEditing()
    assert members.deleteFeature(member.id())
    assert members.commitChanges()
    return moved["community_id"], member["household_id"]


def test_saved_edits_name_the_touched_communities_and_the_recheck_matches_a_full_check(demo_copy):
    layers = _layers(demo_copy)
    data = DashboardData(rows=[], groups=[])
    data.issues = check_layers(layers["communities"], layers["households"], layers["members"], layers["districts"])
    saved = SavedEdits(layers["households"], layers["members"])
    moved_community, _household = _move_out_and_drop_a_member(layers)
    touched = saved.take()
    assert moved_community in touched
    assert recheck_saved_issues(data, layers, touched)
    assert _keys(data.issues) == _full(demo_copy)
    assert (data.issue_errors, data.issue_warnings) == count_issues(data.issues)
    assert "household_outside" in {i.code for i in data.issues}
    assert saved.take() == set()  # nothing saved since
    saved.disconnect()


def test_recheck_declines_layers_that_are_not_a_whole_geopackage_table(demo_copy):
    layers = _layers(demo_copy)
    data = DashboardData(rows=[], groups=[])
    data.issues = []
    layers["households"].setSubsetString("\"community_id\" = '1001-003'")
    assert not recheck_saved_issues(data, layers, ["1001-003"])
    assert not recheck_saved_issues(DashboardData(rows=[], groups=[]), _layers(demo_copy), ["1001-003"])


def test_dock_counts_the_data_problems_again_right_after_a_save(dock, project_layers, demo_copy):  # noqa: F811
    widget, layers = dock, project_layers
    assert widget.data.issues is not None  # counted by the first refresh
    before = widget.data.issue_count
    _move_out_and_drop_a_member(layers)
    assert not widget._issues_stale
    assert _keys(widget.data.issues) == _full(demo_copy)
    assert widget.data.issue_count != before
    assert "edits saved since" not in widget.issues_label.text()
    wait_for(lambda: widget.task is None and not widget.data.stored)
    assert _keys(widget.data.issues) == _full(demo_copy)  # kept by the recompute that follows

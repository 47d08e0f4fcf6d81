"""A save the database refuses is explained in the message bar (gui/commit_errors.py)."""

from __future__ import annotations

import pytest
from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QCoreApplication

from kr8310_plugin.core.storage.datasource import open_layer
from kr8310_plugin.gui.commit_errors import CommitErrorReporter, CommitErrorsUi, is_survey_layer


@pytest.fixture()
def survey_layers(demo_copy, qgis_iface):
    layers = {name: open_layer(str(demo_copy), name) for name in ("communities", "households", "members")}
    QgsProject.instance().addMapLayers(list(layers.values()))
    yield layers
    for layer in layers.values():
        if layer.isEditable():
            layer.rollBack()
    QgsProject.instance().removeAllMapLayers()


def critical_messages(iface) -> list[str]:
    QCoreApplication.processEvents()  # the reporter looks at a commit once it has run
    return iface.messageBar().get_messages(Qgis.Critical)


def refuse_a_save(households) -> None:
    """member_count 150: the GeoPackage's CHECK (1–99) refuses the commit; the edit stays in the buffer."""
    feature = next(households.getFeatures())
    assert households.startEditing()
    assert households.changeAttributeValue(feature.id(), households.fields().indexOf("member_count"), 150)
    assert not households.commitChanges()
    assert households.isEditable() and households.editBuffer().isModified()


def test_only_households_and_members_are_watched(survey_layers, qgis_iface):
    assert [is_survey_layer(survey_layers[name]) for name in ("communities", "households", "members")] == [
        False,
        True,
        True,
    ]
    reporter = CommitErrorReporter(qgis_iface.messageBar())
    reporter.start()
    try:
        assert sorted(layer.name() for layer in reporter.watched_layers()) == ["households", "members"]
    finally:
        reporter.stop()
    assert reporter.watched_layers() == []


def test_a_refused_save_is_explained_and_a_good_one_is_not(survey_layers, qgis_iface):
    households = survey_layers["households"]
    before = len(critical_messages(qgis_iface))
    reporter = CommitErrorReporter(qgis_iface.messageBar())
    reporter.start()
    try:
        refuse_a_save(households)
        messages = critical_messages(qgis_iface)[before:]
        assert len(messages) == 1
        assert messages[0].startswith("Not saved: households:")
        assert "refused" in messages[0] and "Details:" in messages[0]
        assert all(error in messages[0] for error in households.commitErrors())

        households.rollBack()
        feature = next(households.getFeatures())
        assert households.startEditing()
        households.changeAttributeValue(feature.id(), households.fields().indexOf("member_count"), 60)
        assert households.commitChanges()
        assert len(critical_messages(qgis_iface)) == before + 1  # nothing new for a save that worked
    finally:
        reporter.stop()


def test_the_plugin_wiring_reports_layers_added_later_and_stops_on_teardown(demo_copy, qgis_iface):
    ui = CommitErrorsUi(qgis_iface)
    ui.setup()
    households = open_layer(str(demo_copy), "households")
    QgsProject.instance().addMapLayer(households)
    try:
        before = len(critical_messages(qgis_iface))
        refuse_a_save(households)
        assert len(critical_messages(qgis_iface)) == before + 1
        ui.teardown()
        assert not households.commitChanges()
        assert len(critical_messages(qgis_iface)) == before + 1  # torn down: no longer reported
    finally:
        ui.teardown()
        households.rollBack()
        QgsProject.instance().removeAllMapLayers()

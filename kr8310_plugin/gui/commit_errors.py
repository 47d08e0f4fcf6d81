"""Why a save was refused: a refused commit of a households or members layer, explained in the message bar.

QGIS emits no signal when QgsVectorLayer.commitChanges() fails: it emits beforeCommitChanges,
then afterCommitChanges only on success. So a commit that started and did not reach
afterCommitChanges by the next event-loop turn failed, whoever started it (QGIS's Save
Layer Edits, the attribute form, a plugin). Its commitErrors() are then explained with
core.storage.postgis.editing.explain_commit_errors (GeoPackage and PostGIS alike).
"""

from __future__ import annotations

from collections.abc import Iterable

from qgis.core import Qgis, QgsMapLayer, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, QTimer

from ..core.storage.layer_source import table_name
from ..core.storage.postgis.editing import explain_commit_errors
from ..core.toolbelt.i18n import tr
from ..definitions.schema import HOUSEHOLDS, MEMBERS

WATCHED_TABLES = (HOUSEHOLDS, MEMBERS)


def is_survey_layer(layer: QgsMapLayer) -> bool:
    """Whether `layer` edits KR 8310 households or members (by its table; by its name when it names none)."""
    if not isinstance(layer, QgsVectorLayer):
        return False
    table = table_name(layer)
    return (table or layer.name()).lower() in WATCHED_TABLES


class CommitErrorReporter(QObject):
    """Watches the households and members layers of `project` and pushes a Critical message to
    `message_bar` (iface.messageBar()) for every commit of theirs that the data source refused."""

    def __init__(self, message_bar, project: QgsProject | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.message_bar = message_bar
        self.project = project or QgsProject.instance()
        self._watched: dict[str, tuple[QgsVectorLayer, object, object]] = {}
        self._pending: set[str] = set()
        self._started = False

    def start(self) -> None:
        """Watch the project's survey layers, and those added later."""
        if self._started:
            return
        self._started = True
        self.project.layersAdded.connect(self._layers_added)
        self.project.layersWillBeRemoved.connect(self._layers_removed)
        self._layers_added(self.project.mapLayers().values())

    def stop(self) -> None:
        """Disconnect from the project and every watched layer."""
        if not self._started:
            return
        self._started = False
        self.project.layersAdded.disconnect(self._layers_added)
        self.project.layersWillBeRemoved.disconnect(self._layers_removed)
        self._layers_removed(list(self._watched))
        self._pending.clear()

    def watched_layers(self) -> list[QgsVectorLayer]:
        return [layer for layer, _before, _after in self._watched.values()]

    def _layers_added(self, layers: Iterable[QgsMapLayer]) -> None:
        for layer in layers:
            if not is_survey_layer(layer) or layer.id() in self._watched:
                continue
            layer_id = layer.id()

            def before(_stop_editing=True, layer_id=layer_id):
                self._commit_started(layer_id)

            def after(layer_id=layer_id):
                self._pending.discard(layer_id)

            layer.beforeCommitChanges.connect(before)
            layer.afterCommitChanges.connect(after)
            self._watched[layer_id] = (layer, before, after)

    def _layers_removed(self, layer_ids: Iterable[str]) -> None:
        for layer_id in layer_ids:
            watched = self._watched.pop(layer_id, None)
            self._pending.discard(layer_id)
            if watched is None:
                continue
            layer, before, after = watched
            try:
                layer.beforeCommitChanges.disconnect(before)
                layer.afterCommitChanges.disconnect(after)
            except (RuntimeError, TypeError):  # the layer is already deleted, or was never connected
                pass

    def _commit_started(self, layer_id: str) -> None:
        self._pending.add(layer_id)
        # commitChanges() runs to its end before the event loop turns: then we know how it went.
        QTimer.singleShot(0, self._report_refused)

    def _report_refused(self) -> None:
        pending, self._pending = self._pending, set()
        for layer_id in sorted(pending):
            watched = self._watched.get(layer_id)
            if watched is not None:
                self.report(watched[0])

    def report(self, layer: QgsVectorLayer) -> None:
        """Push the explanation of `layer`'s last refused commit to the message bar."""
        self.message_bar.pushMessage(
            tr("Not saved: {layer}").format(layer=layer.name()),
            explain_commit_errors(layer.commitErrors(), layer),
            Qgis.MessageLevel.Critical,
            0,  # stays until the mapper closes it: the edits are still in the buffer
        )


class CommitErrorsUi:
    """The plugin's wiring: set up with the menu (gui/menu.py), torn down with it."""

    def __init__(self, iface):
        self.iface = iface
        self.reporter: CommitErrorReporter | None = None

    def setup(self, _menu=None) -> None:
        self.reporter = CommitErrorReporter(self.iface.messageBar(), QgsProject.instance())
        self.reporter.start()

    def teardown(self) -> None:
        if self.reporter is not None:
            self.reporter.stop()
            self.reporter.deleteLater()
            self.reporter = None

"""Why a save was refused: a refused commit of a households or members layer, explained in the message bar.

QGIS emits no signal when QgsVectorLayer.commitChanges() fails: it emits beforeCommitChanges,
then afterCommitChanges only on success. So a commit that started and did not reach
afterCommitChanges by the next event-loop turn failed, whoever started it (QGIS's Save
Layer Edits, the attribute form, a plugin). Its commitErrors() are then explained with
core.storage.postgis.editing.explain_commit_errors (GeoPackage and PostGIS alike).

Before a commit starts, its pending edits are checked against the database
(core/storage/row_versions.py): an edit of a household or member deleted, or saved by someone
else, since the edit began is refused before anything is written (QGIS would report the update
of a deleted row as done), every edit kept in the buffer, and the message names the household.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from qgis.core import Qgis, QgsMapLayer, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, QTimer

from ..core.storage.layer_source import table_name
from ..core.storage.postgis.editing import explain_commit_errors
from ..core.storage.row_versions import (
    HOUSE_NUMBER_KEYS_TABLE,
    POSTGRES_HOUSE_NUMBER_INDEX,
    PendingEditProblem,
    edit_labels,
    pending_edit_problems,
    refuse_commit,
    undo_refusal,
)
from ..core.toolbelt.i18n import tr
from ..definitions.schema import HOUSEHOLDS, MEMBERS

WATCHED_TABLES = (HOUSEHOLDS, MEMBERS)
# What a refusal by the house-number key says (GeoPackage key table, PostGIS index).
HOUSE_NUMBER_KEY_NAMES = (HOUSE_NUMBER_KEYS_TABLE, POSTGRES_HOUSE_NUMBER_INDEX)


def is_survey_layer(layer: QgsMapLayer) -> bool:
    """Whether `layer` edits KR 8310 households or members (by its table; by its name when it names none)."""
    if not isinstance(layer, QgsVectorLayer):
        return False
    table = table_name(layer)
    return (table or layer.name()).lower() in WATCHED_TABLES


def describe_problem(problem: PendingEditProblem) -> str:
    """One line for the message bar: which household or member, and what happened to it."""
    if problem.table == HOUSEHOLDS:
        who = tr("Household {house_no} ({household})").format(
            house_no=problem.house_no or "?", household=problem.key or tr("feature {fid}").format(fid=problem.fid)
        )
    else:
        who = tr("Member {member}").format(member=problem.key or tr("feature {fid}").format(fid=problem.fid))
    if problem.deleted:
        return tr(
            "{who} was deleted from the database after you began editing it: discard your edits of it, or add it again."
        ).format(who=who)
    return tr(
        "{who} was saved by someone else after you began editing it (version {declared}, now {stored}): note "
        "your edits, discard them, reload and enter them again."
    ).format(who=who, declared=problem.declared_version, stored=problem.stored_version)


class CommitErrorReporter(QObject):
    """Watches the households and members layers of `project`: refuses a commit whose pending edits
    the database has overtaken, and pushes a Critical message to `message_bar` (iface.messageBar())
    for every commit of theirs that was refused."""

    def __init__(self, message_bar, project: QgsProject | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.message_bar = message_bar
        self.project = project or QgsProject.instance()
        self._watched: dict[str, tuple[QgsVectorLayer, list[tuple[object, object]]]] = {}
        self._pending: set[str] = set()
        self._labels: dict[str, dict[int, tuple[str | None, str | None]]] = {}  # layer -> fid -> names
        self._refused: dict[str, tuple[list[PendingEditProblem], int]] = {}  # layer -> (problems, undo index)
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
        return [layer for layer, _connections in self._watched.values()]

    def _layers_added(self, layers: Iterable[QgsMapLayer]) -> None:
        for layer in layers:
            if not is_survey_layer(layer) or layer.id() in self._watched:
                continue
            layer_id = layer.id()

            def before(_stop_editing=True, layer_id=layer_id):
                self._commit_started(layer_id)

            def after(layer_id=layer_id):
                self._pending.discard(layer_id)
                self._labels.pop(layer_id, None)

            def edited(fid, *_args, layer_id=layer_id):
                self._remember(layer_id, fid)

            def forget(*_args, layer_id=layer_id):
                self._labels.pop(layer_id, None)

            connections = [
                (layer.beforeCommitChanges, before),
                (layer.afterCommitChanges, after),
                (layer.attributeValueChanged, edited),
                (layer.geometryChanged, edited),
                (layer.afterRollBack, forget),
            ]
            for signal, slot in connections:
                signal.connect(slot)
            self._watched[layer_id] = (layer, connections)

    def _layers_removed(self, layer_ids: Iterable[str]) -> None:
        for layer_id in layer_ids:
            watched = self._watched.pop(layer_id, None)
            self._pending.discard(layer_id)
            self._labels.pop(layer_id, None)
            self._refused.pop(layer_id, None)
            if watched is None:
                continue
            for signal, slot in watched[1]:
                # RuntimeError, TypeError: the layer is already deleted, or was never connected.
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)

    def _remember(self, layer_id: str, fid: int) -> None:
        """The names of a feature at its first edit: a message can name it after it is gone from the database."""
        labels = self._labels.setdefault(layer_id, {})
        watched = self._watched.get(layer_id)
        if fid in labels or watched is None or fid < 0:
            return
        labels.update(edit_labels(watched[0], [fid]))

    def _commit_started(self, layer_id: str) -> None:
        self._pending.add(layer_id)
        layer = self._watched[layer_id][0]
        problems = pending_edit_problems(layer, self._labels.get(layer_id))
        if problems:
            earlier = self._refused.get(layer_id)
            index = refuse_commit(layer)
            self._refused[layer_id] = (problems, earlier[1] if earlier else index)
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
        refused = self._refused.pop(layer.id(), None)
        if refused is not None:
            problems, index = refused
            undo_refusal(layer, index)
            lines = [describe_problem(problem) for problem in problems]
            text = tr("{reasons}\n\nNothing was saved; every edit is still in the edit buffer.").format(
                reasons="\n".join(lines)
            )
        else:
            text = explain_commit_errors(layer.commitErrors(), layer)
            if any(name in "\n".join(layer.commitErrors()) for name in HOUSE_NUMBER_KEY_NAMES):
                text = (
                    tr(
                        "This house number is already used in its community (perhaps written with other digits, "
                        "spaces or invisible characters: ๑๒/๓ is 12/3)."
                    )
                    + "\n\n"
                    + text
                )
        self.message_bar.pushMessage(
            tr("Not saved: {layer}").format(layer=layer.name()),
            text,
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

"""Live coverage in QGIS: when a mapper saves households or members, the coverage fields of the
communities touched (and so the coverage overlay) update at once, without recomputing the city:
the community database's own triggers wrote them in the save's transaction, so the communities
layer is reloaded and repainted, never edited (core/coverage/live.py; an older database without
them gets the touched communities recomputed).

`LiveCoverage` wires one community database's three layers; `LiveCoverageManager` (started by
the plugin) finds the layers of set-up projects (core.coverage.live.LAYER_PROPERTY) in the
current project as they are added, and drops trackers whose layers go away.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..core.coverage import live as live_coverage
from ..core.rules.completeness import CompletenessRule
from ..core.storage.layer_source import database_key
from ..core.toolbelt.i18n import tr
from ..definitions import schema


class LiveCoverage(QObject):
    """Refreshes the coverage of the communities a saved household/member edit touches."""

    refreshed = pyqtSignal(list)  # community ids just recomputed
    failed = pyqtSignal(str)  # a message for the user

    def __init__(
        self,
        communities: QgsVectorLayer,
        households: QgsVectorLayer,
        members: QgsVectorLayer,
        rules: Callable[[], CompletenessRule | None] | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.communities = communities
        self.households = households
        self.members = members
        # None: the rule stored in the community database, read at each refresh (an admin may change it).
        self.rules = rules or (lambda: None)
        self.last_refresh_ms: float | None = None
        self._collectors = {
            households.id(): live_coverage.ChangeCollector(households, schema.HOUSEHOLDS, households),
            members.id(): live_coverage.ChangeCollector(members, schema.MEMBERS, households),
        }
        self._pending: set[str] = set()
        self._stopped = False
        self._connections: list[tuple[object, Callable]] = []
        for layer in (households, members):
            collector = self._collectors[layer.id()]
            self._connect(layer.beforeCommitChanges, lambda *_a, c=collector: self._guard(c.before_commit))
            self._connect(
                layer.committedFeaturesAdded, lambda _id, features, c=collector: self._guard(c.added, features)
            )
            self._connect(layer.afterCommitChanges, lambda c=collector: self._guard(self._after_commit, c))
            # Transaction mode writes edits straight to the database: remember which features changed.
            self._connect(layer.featureAdded, lambda fid, c=collector: c.touched(fid))
            self._connect(layer.attributeValueChanged, lambda fid, _i, _v, c=collector: c.touched(fid))
            self._connect(layer.geometryChanged, lambda fid, _g, c=collector: c.touched(fid))
            self._connect(layer.featureDeleted, lambda fid, c=collector: c.touched(fid))

    def _connect(self, signal, slot: Callable) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def _guard(self, function: Callable, *args) -> None:
        """Run a slot; a failure is reported, never raised into QGIS's commit (which would abort)."""
        try:
            function(*args)
        except Exception as error:  # noqa: BLE001 - the mapper's save stands, the message says what failed
            self.failed.emit(tr("Live coverage update failed: {error}").format(error=error))

    def layers(self) -> tuple[QgsVectorLayer, QgsVectorLayer, QgsVectorLayer]:
        return self.communities, self.households, self.members

    def _after_commit(self, collector: live_coverage.ChangeCollector) -> None:
        # Once the commit has finished: a transaction group is still closing its edit session here.
        # A database that keeps coverage has written the communities in the save's transaction: the
        # layer is only reloaded, its edit buffer left as the user has it.
        QTimer.singleShot(0, lambda: self._guard(self._committed, collector))

    def _committed(self, collector: live_coverage.ChangeCollector) -> None:
        """After a save has finished: read the new values and refresh their communities."""
        if self._stopped:  # disconnected (project closed) before this deferred call ran
            return
        collector.after_commit()
        self._pending |= collector.take()
        self.refresh_pending()

    def refresh_pending(self) -> list[str]:
        """Recompute the communities collected so far; returns their ids."""
        ids = sorted(self._pending)
        self._pending.clear()
        if not ids:
            return []
        started = time.perf_counter()
        try:
            live_coverage.refresh_affected(self.communities, self.households, self.members, ids, self.rules())
        except Exception as error:  # noqa: BLE001 - any failure is reported, the mapper's save stands
            self.failed.emit(
                tr("Coverage of {communities} could not be updated: {error}").format(
                    communities=", ".join(ids), error=error
                )
            )
            return []
        self.last_refresh_ms = 1000.0 * (time.perf_counter() - started)
        self.communities.triggerRepaint()
        self.refreshed.emit(ids)
        return ids

    def disconnect_layers(self) -> None:
        self._stopped = True
        for signal, slot in self._connections:
            with contextlib.suppress(TypeError, RuntimeError):  # already gone with its layer
                signal.disconnect(slot)
        self._connections.clear()


class LiveCoverageManager(QObject):
    """Keeps one LiveCoverage per community database whose set-up layers are in the project."""

    def __init__(self, project: QgsProject, on_failure: Callable[[str], None] | None = None, parent=None):
        super().__init__(parent)
        self.project = project
        self.on_failure = on_failure
        self.trackers: dict[str, LiveCoverage] = {}
        project.layersAdded.connect(self.rescan)
        project.layersWillBeRemoved.connect(self._layers_removed)
        project.cleared.connect(self.stop_all)
        self.rescan()

    def rescan(self, *_args) -> None:
        for layers in live_coverage.tagged_layer_sets(self.project):
            key = database_key(layers[schema.COMMUNITIES])
            if key in self.trackers:
                continue
            tracker = LiveCoverage(layers[schema.COMMUNITIES], layers[schema.HOUSEHOLDS], layers[schema.MEMBERS])
            if self.on_failure:
                tracker.failed.connect(self.on_failure)
            self.trackers[key] = tracker

    def _layers_removed(self, layer_ids: list[str]) -> None:
        gone = set(layer_ids)
        for key, tracker in list(self.trackers.items()):
            if gone & {layer.id() for layer in tracker.layers()}:
                tracker.disconnect_layers()
                del self.trackers[key]

    def stop_all(self) -> None:
        for tracker in self.trackers.values():
            tracker.disconnect_layers()
        self.trackers.clear()

    def unload(self) -> None:
        self.stop_all()
        for signal, slot in (
            (self.project.layersAdded, self.rescan),
            (self.project.layersWillBeRemoved, self._layers_removed),
            (self.project.cleared, self.stop_all),
        ):
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(slot)

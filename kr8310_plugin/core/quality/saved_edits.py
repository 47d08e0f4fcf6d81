"""Which communities a save of the households or members layer touched, for re-checking only their
data problems (database_checks.recheck_communities) instead of the whole city.

core.coverage.live's ChangeCollectors (the communities before and after the change, of households
and of the households of members) wired to the two layers' commit signals. Call `take()` once the
save has been committed (afterCommitChanges); `disconnect()` when the layers are no longer watched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from qgis.core import QgsVectorLayer

from ...definitions.schema import HOUSEHOLDS, MEMBERS
from ..coverage.live import ChangeCollector, in_transaction


class SavedEdits:
    """The community ids the saves of `households` and `members` touched since the last `take()`."""

    def __init__(self, households: QgsVectorLayer, members: QgsVectorLayer):
        self._collectors = [
            ChangeCollector(households, HOUSEHOLDS, households),
            ChangeCollector(members, MEMBERS, households),
        ]
        self._unknown = False  # a save whose changes could not be collected: everything is to check again
        self._connections: list[tuple[QgsVectorLayer, str, Callable]] = []
        for collector in self._collectors:
            layer = collector.layer
            self._connect(layer, "beforeCommitChanges", lambda *_a, c=collector: self._guard(c.before_commit))
            self._connect(layer, "committedFeaturesAdded", lambda _id, features, c=collector: c.added(features))
            # Transaction mode writes edits straight to the database: remember which features changed.
            self._connect(layer, "featureAdded", lambda fid, c=collector: c.touched(fid))
            self._connect(layer, "attributeValueChanged", lambda fid, _i, _v, c=collector: c.touched(fid))
            self._connect(layer, "geometryChanged", lambda fid, _g, c=collector: c.touched(fid))
            self._connect(layer, "featureDeleted", lambda fid, c=collector: c.touched(fid))

    def _connect(self, layer: QgsVectorLayer, signal: str, slot: Callable) -> None:
        getattr(layer, signal).connect(slot)
        self._connections.append((layer, signal, slot))

    def _guard(self, function: Callable) -> None:
        try:
            function()
        except Exception:  # noqa: BLE001 - never into QGIS's commit; the caller checks everything again
            self._unknown = True

    def take(self) -> set[str] | None:
        """The community ids touched by the saves since the last call (read after the commit); None
        when they cannot be known (a transaction group, a failure): then everything is to check again."""
        ids: set[str] = set()
        unknown = self._unknown or any(in_transaction(c.layer) for c in self._collectors)
        for collector in self._collectors:
            try:
                collector.after_commit()
            except Exception:  # noqa: BLE001 - see _guard
                unknown = True
            ids |= collector.take()
        self._unknown = False
        return None if unknown else ids

    def disconnect(self) -> None:
        for layer, signal, slot in self._connections:
            # Through the layer's wrapper, which knows when its layer is gone (then nothing to do).
            with contextlib.suppress(TypeError, RuntimeError):
                getattr(layer, signal).disconnect(slot)
        self._connections.clear()

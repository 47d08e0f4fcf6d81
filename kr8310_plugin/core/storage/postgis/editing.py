"""Editing a PostGIS community database safely from QGIS: no lost edits, clear refusals.

Optimistic locking ("no lost edits"): an edit declares the version it started from by
writing ``row_version = -(base + 1)``; the trigger (ddl.py) refuses it when the row's version
is no longer `base` (someone saved in between), and otherwise stores ``base + 1``. Layers
opened through the plugin do this with an idempotent default-on-update expression
(ROW_VERSION_EXPRESSION), so it works in the attribute form, the edit buffer and on
geometry moves. An update that does not declare a version (a SQL tool) is still bumped.
"""

from __future__ import annotations

from collections.abc import Sequence

from qgis.core import QgsDataSourceUri, QgsDefaultValue, QgsEditorWidgetSetup, QgsProviderRegistry, QgsVectorLayer

from ...toolbelt.i18n import tr
from .target import QGIS_CONNECTION_ERRORS

# Idempotent: the first edit turns version v into -(v + 1), later edits of the same pending
# row leave it alone, so the server learns the version the edit started from.
ROW_VERSION_EXPRESSION = (
    'CASE WHEN "row_version" IS NULL THEN NULL WHEN "row_version" >= 0 THEN -("row_version" + 1) ELSE "row_version" END'  # noqa: E501
)
# Fields the server fills in; the form shows but never edits them.
SERVER_FIELDS = ("created_at", "updated_at", "editor", "row_version")
# Raised by the row_version trigger; explain_commit_errors() recognises it.
CONFLICT_TAG = "KR8310 row_version conflict"
LOCATION_TAG = "KR8310 household location"  # the server refuses a point outside its community or district
_CONNECTION_LOST = ("server closed the connection", "could not connect", "no connection")


def configure_layer(layer: QgsVectorLayer) -> None:
    """Make a PostGIS households/members layer edit safely: declare row_version, server fields read-only."""
    fields = layer.fields()
    index = fields.indexOf("row_version")
    if index < 0:
        return
    layer.setDefaultValueDefinition(index, QgsDefaultValue(ROW_VERSION_EXPRESSION, True))
    form = layer.editFormConfig()
    for name in SERVER_FIELDS:
        field_index = fields.indexOf(name)
        if field_index >= 0:
            form.setReadOnly(field_index, True)
    layer.setEditFormConfig(form)
    if layer.editorWidgetSetup(index).type() == "":
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("Hidden", {}))


def server_reachable(layer: QgsVectorLayer) -> bool:
    """Whether the PostgreSQL server of a postgres layer answers a trivial query now."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        metadata.createConnection(QgsDataSourceUri(layer.source()).connectionInfo(False), {}).executeSql("SELECT 1")
    except QGIS_CONNECTION_ERRORS:
        return False
    return True


def explain_commit_errors(errors: Sequence[str], layer: QgsVectorLayer | None = None) -> str:
    """A mapper's message for a refused commit (QgsVectorLayer.commitErrors()); the edits stay in the buffer.

    QGIS does not always pass the server's reason on; with `layer` given, a failure without one
    is checked against the server to tell a lost connection from a refusal.
    """
    text = "\n".join(errors)
    lost = tr("The connection to the database was lost. Your edits are kept: save again when it is back.")
    if CONFLICT_TAG in text:
        reason = tr(
            "Someone else saved this household (or member) after you started editing it. "
            "Your edits were not saved and are still in the edit buffer: note them, "
            "discard, reload the feature and enter them again."
        )
    elif LOCATION_TAG in text:
        reason = tr(
            "The household's point is outside its community or district. Your edits are kept in the edit buffer: "
            "move the point into its community (or choose the community it lies in) and save again."
        )
    elif "row-level security" in text or "permission denied" in text:
        reason = tr("You may only edit households and members of communities in your own district.")
    elif "violates check constraint" in text or "violates foreign key" in text or "violates unique" in text:
        reason = tr("A value is not allowed by the database rules (range, code list, unique house number, community).")
    elif any(words in text for words in _CONNECTION_LOST) or (
        layer is not None and layer.providerType() == "postgres" and not server_reachable(layer)
    ):
        reason = lost
    else:
        reason = tr("The database refused the save.")
    return tr("{reason}\n\nDetails: {details}").format(reason=reason, details=text)

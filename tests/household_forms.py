"""Helpers for tests of the household forms: the set-up project loaded, and real forms driven."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer, QgsVectorLayerTools, QgsVectorLayerUtils
from qgis.gui import QgsAttributeEditorContext, QgsAttributeForm
from qgis.PyQt import sip

# Every form opened by a test, deleted before its layers go (a live form on a removed layer crashes QGIS).
OPEN_FORMS: list[QgsAttributeForm] = []


def close_forms() -> None:
    while OPEN_FORMS:
        form = OPEN_FORMS.pop()
        if not sip.isdeleted(form):
            sip.delete(form)


def close_project(project: QgsProject, layers: dict[str, QgsVectorLayer]) -> None:
    """After a test: its forms closed, its edits rolled back, the project cleared."""
    close_forms()
    for layer in layers.values():
        if layer.isEditable():
            layer.rollBack()
    project.clear()


class FormLayerTools(QgsVectorLayerTools):
    """QGIS's vector layer tools without dialogs: `addFeature` fills the layer's real attribute form
    with `answers` (field -> value) and saves it, as a mapper pressing OK would; where the caller
    suppresses the form (the relation editor of the household form), the feature is added as QGIS's
    own tools add it."""

    def __init__(self):
        super().__init__()
        self.answers: dict[str, object] = {}
        self.forms_opened = 0

    def addFeature(self, layer, defaultValues=None, defaultGeometry=None, *args):  # noqa: N802, N803 - QGIS API
        feature = QgsVectorLayerUtils.createFeature(
            layer, defaultGeometry or QgsGeometry(), defaultValues or {}, layer.createExpressionContext()
        )
        if self.forceSuppressFormPopup():
            return layer.addFeature(feature), feature
        self.forms_opened += 1
        form = open_form(layer, feature, self)
        for name, value in self.answers.items():
            form.changeAttribute(name, value)
        saved = form.save()
        return saved, form.feature()

    def startEditing(self, layer):  # noqa: N802 - QGIS API
        return layer.startEditing()

    def stopEditing(self, layer, allowCancel=True):  # noqa: N802, N803 - QGIS API
        return layer.commitChanges()

    def saveEdits(self, layer):  # noqa: N802 - QGIS API
        return layer.commitChanges(False)

    def copyMoveFeatures(self, layer, request, dx=0, dy=0, topologicalEditing=False, topologicalLayer=None):  # noqa: N802, N803
        return False, request, "not supported"


def open_form(
    layer: QgsVectorLayer, feature: QgsFeature, layer_tools: QgsVectorLayerTools, add: bool = True
) -> QgsAttributeForm:
    """The layer's configured attribute form for `feature`, in add-feature (or edit) mode."""
    context = QgsAttributeEditorContext()
    context.setVectorLayerTools(layer_tools)
    form = QgsAttributeForm(layer, feature, context)
    form.setMode(QgsAttributeEditorContext.AddFeatureMode if add else QgsAttributeEditorContext.SingleEditMode)
    OPEN_FORMS.append(form)
    return form


def project_layers(project: QgsProject) -> dict[str, QgsVectorLayer]:
    """The set-up layers by database name (their names in the tree may be translated)."""
    from kr8310_plugin.core.project.language import set_up_layers

    return set_up_layers(project)

"""What differs between the QGIS versions the plugin runs on (3.22 to 4.x, Qt 5 and Qt 6).

One place for it, so the rest of the code is written for QGIS 4 and takes from here only what
differs:

- ``QAction``: in QtGui on Qt 6, in QtWidgets on Qt 5.
- ``field_type(kind)`` / ``new_field(name, kind)``: QGIS 3.38 and later take a ``QMetaType.Type``
  in ``QgsField``; older QGIS takes a ``QVariant.Type``, which PyQt6 no longer has, so it is
  only looked up (by name, at run time) when the running QGIS is older.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsField
from qgis.PyQt.QtCore import QMetaType, QVariant

try:
    from qgis.PyQt.QtGui import QAction  # noqa: F401 (for the plugin to import from here)
except ImportError:  # Qt 5
    from qgis.PyQt.QtWidgets import QAction  # noqa: F401

# QGIS 3.38 is the first QgsField(name, type) to accept a QMetaType.Type
QMETATYPE_FIELDS = Qgis.versionInt() >= 33800

# kind -> (QMetaType.Type member, QVariant.Type member)
_FIELD_TYPES = {
    "string": ("QString", "String"),
    "int": ("Int", "Int"),
    "int64": ("LongLong", "LongLong"),
    "double": ("Double", "Double"),
    "bool": ("Bool", "Bool"),
    "date": ("QDate", "Date"),
    "datetime": ("QDateTime", "DateTime"),
}
FIELD_KINDS = tuple(_FIELD_TYPES)


def field_type(kind: str):
    """The field type of ``kind`` for ``QgsField`` on the running QGIS.

    ``kind`` is one of ``FIELD_KINDS``: "string", "int", "int64", "double", "bool", "date",
    "datetime". Returns ``QMetaType.Type.<X>`` on QGIS >= 3.38, else ``QVariant.<X>``.
    Raises ``KeyError`` for an unknown kind.
    """
    metatype_name, variant_name = _FIELD_TYPES[kind]
    if QMETATYPE_FIELDS:
        return getattr(QMetaType.Type, metatype_name)
    return getattr(QVariant, variant_name)


def new_field(name: str, kind: str, length: int = 0, precision: int = 0) -> QgsField:
    """A ``QgsField`` called ``name`` of ``kind`` (see ``field_type``), with optional length and precision."""
    return QgsField(name, field_type(kind), "", length, precision)


# ---------------------------------------------------------------------------------------
# QGIS API that changed between QGIS 3.22 and 3.44: the new API where the running QGIS has it,
# the old one (not deprecated there yet) before. Numbers are Qgis.versionInt(): 32600 is 3.26.

QGIS_VERSION = Qgis.versionInt()


def label_placement_over_point():
    """The label placement "over the centroid / point" for ``QgsPalLayerSettings.placement``.

    ``Qgis.LabelPlacement.OverPoint`` on QGIS >= 3.26 (where assigning the old value raises
    TypeError), ``QgsPalLayerSettings.OverPoint`` before.
    """
    if QGIS_VERSION >= 32600:
        return Qgis.LabelPlacement.OverPoint
    from qgis.core import QgsPalLayerSettings

    return QgsPalLayerSettings.OverPoint


def label_placement_along_line():
    """The label placement "parallel to the line" for ``QgsPalLayerSettings.placement`` (as
    ``label_placement_over_point``: ``Qgis.LabelPlacement.Line`` on QGIS >= 3.26)."""
    if QGIS_VERSION >= 32600:
        return Qgis.LabelPlacement.Line
    from qgis.core import QgsPalLayerSettings

    return QgsPalLayerSettings.Line


def set_transaction_groups(project, enabled: bool) -> None:
    """Let ``project`` (a QgsProject) edit the layers of one database in one transaction, or not.

    ``setTransactionMode(Qgis.TransactionMode.AutomaticGroups / Disabled)`` on QGIS >= 3.26,
    ``setAutoTransaction(enabled)`` (deprecated since) before.
    """
    if QGIS_VERSION >= 32600:
        mode = Qgis.TransactionMode.AutomaticGroups if enabled else Qgis.TransactionMode.Disabled
        project.setTransactionMode(mode)
    else:
        project.setAutoTransaction(enabled)


def transaction_groups_enabled(project) -> bool:
    """Whether ``project`` edits the layers of one database in one transaction (see ``set_transaction_groups``)."""
    if QGIS_VERSION >= 32600:
        return project.transactionMode() == Qgis.TransactionMode.AutomaticGroups
    return project.autoTransaction()


def make_tab(container) -> None:
    """Show a QgsAttributeEditorContainer as a tab of the drag-and-drop form.

    ``setType(Qgis.AttributeEditorContainerType.Tab)`` on QGIS >= 3.32, ``setIsGroupBox(False)``
    (deprecated since) before.
    """
    if QGIS_VERSION >= 33200:
        container.setType(Qgis.AttributeEditorContainerType.Tab)
    else:
        container.setIsGroupBox(False)


def is_tab(container) -> bool:
    """Whether a QgsAttributeEditorContainer is shown as a tab (see ``make_tab``)."""
    if QGIS_VERSION >= 33200:
        return container.type() == Qgis.AttributeEditorContainerType.Tab
    return not container.isGroupBox()


def _sized_font(text_format):
    """The QFont of a QgsTextFormat with the format's size as its point size (size unit: points)."""
    font = text_format.font()
    font.setPointSizeF(text_format.size())
    return font


def set_label_text_format(label, text_format) -> None:
    """Font, size and colour of a QgsLayoutItemLabel from a QgsTextFormat (its size in points).

    ``setTextFormat`` on QGIS >= 3.24, ``setFont`` and ``setFontColor`` (deprecated since) before.
    """
    if QGIS_VERSION >= 32400:
        label.setTextFormat(text_format)
    else:
        label.setFont(_sized_font(text_format))
        label.setFontColor(text_format.color())


def set_legend_text_format(legend, component, text_format) -> None:
    """Font, size and colour of one component (a QgsLegendStyle.Style) of a QgsLayoutItemLegend.

    ``rstyle(component).setTextFormat`` on QGIS >= 3.30; ``setStyleFont`` (deprecated since) before,
    where the colour is the legend's one font colour.
    """
    if QGIS_VERSION >= 33000:
        legend.rstyle(component).setTextFormat(text_format)
    else:
        legend.setStyleFont(component, _sized_font(text_format))
        legend.setFontColor(text_format.color())


def null_rectangle():
    """An empty QgsRectangle that ``combineExtentWith`` grows from nothing (not from the origin).

    ``setNull()`` on QGIS >= 3.34, ``setMinimal()`` (deprecated since) before.
    """
    from qgis.core import QgsRectangle

    rectangle = QgsRectangle()
    if QGIS_VERSION >= 33400:
        rectangle.setNull()
    else:
        rectangle.setMinimal()
    return rectangle

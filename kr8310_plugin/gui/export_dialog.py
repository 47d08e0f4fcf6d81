"""The export dialog: a coverage map (city, district group, district or atlas) or the KR 8310 report.

The dialog only gathers parameters (the area list follows the scope, the file type the
choice); the work is kr8310:exportmap / kr8310:exportreport, shown in QGIS's own algorithm
dialog with its progress bar and log.
"""

from __future__ import annotations

from qgis.core import QgsProject
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from ..core.dashboard.model import database_of, find_survey_layers
from ..core.exports.maps import SCOPES
from ..core.registry.districts import load_targets
from ..core.toolbelt.i18n import tr


class ExportMapDialog(QDialog):
    """Database, scope, area (group or district, when the scope needs one), output file and DPI."""

    def __init__(self, parent=None, database: str = ""):
        super().__init__(parent)
        self.setObjectName("Kr8310ExportMapDialog")
        self.setWindowTitle(tr("Export coverage map"))
        self.districts = load_targets()

        self.database = QgsFileWidget()
        self.database.setFilter(tr("GeoPackage (*.gpkg)"))
        self.database.setFilePath(database)
        self.scope = QComboBox()
        for key in SCOPES:
            self.scope.addItem(scope_label(key), key)
        self.area = QComboBox()
        self.output = QgsFileWidget()
        self.output.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.output.setFilter(tr("PDF (*.pdf);;PNG image (*.png)"))
        self.dpi = QSpinBox()
        self.dpi.setRange(50, 600)
        self.dpi.setValue(150)
        note = QLabel(
            tr(
                "The coverage fields are refreshed before the export. Maps show communities and districts only: no "
                "household or personal data."
            )
        )
        note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(tr("Community database"), self.database)
        form.addRow(tr("Scope"), self.scope)
        form.addRow(tr("District group or district"), self.area)
        form.addRow(tr("Map file (.pdf or .png)"), self.output)
        form.addRow(tr("Resolution (DPI)"), self.dpi)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.scope.currentIndexChanged.connect(self._fill_areas)
        self._fill_areas()

    def _fill_areas(self) -> None:
        """Groups for the group scope, districts for the district scope, nothing otherwise."""
        scope = self.scope.currentData()
        self.area.clear()
        if scope == "group":
            seen = {}
            for district in self.districts:
                seen.setdefault(district.group_code, f"{district.group_th} ({district.group_en})")
            for code, label in seen.items():
                self.area.addItem(label, code)
        elif scope == "district":
            for district in sorted(self.districts, key=lambda d: d.code):
                self.area.addItem(f"{district.code} {district.name_th} ({district.name_en})", str(district.code))
        self.area.setEnabled(self.area.count() > 0)

    def parameters(self) -> dict:
        return {
            "DATABASE": self.database.filePath(),
            "SCOPE": self.scope.currentData(),
            "AREA": self.area.currentData() or "",
            "OUTPUT": self.output.filePath(),
            "DPI": self.dpi.value(),
        }


def scope_label(key: str) -> str:
    labels = {
        "city": tr("City (กรุงเทพมหานคร)"),
        "group": tr("District group (กลุ่มเขต)"),
        "district": tr("District (เขต)"),
        "atlas": tr("Atlas: one page per district (50 pages)"),
    }
    return labels[key]


def project_database(project: QgsProject | None = None) -> str:
    """The GeoPackage of the project's communities layer ('' when there is none)."""
    layers = find_survey_layers(project or QgsProject.instance())
    communities = layers.get("communities")
    return database_of(communities) if communities is not None else ""


def open_export_map_dialog(iface) -> None:
    """Ask for scope and file, then run kr8310:exportmap in QGIS's algorithm dialog."""
    dialog = ExportMapDialog(iface.mainWindow(), project_database())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    import processing

    processing.execAlgorithmDialog("kr8310:exportmap", dialog.parameters())


def open_export_report_dialog(iface) -> None:
    """kr8310:exportreport in QGIS's algorithm dialog, the project's database filled in."""
    import processing

    database = project_database()
    processing.execAlgorithmDialog("kr8310:exportreport", {"DATABASE": database} if database else {})

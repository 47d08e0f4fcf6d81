"""The register dialog: pick BMA's community register and the database, check the column mapping, import.

The columns that map themselves (Thai or English headers, core/importing/register.py) are
shown first; the user changes any of them in the table, which gives the MAPPING parameter of
kr8310:importcommunities. The import itself runs in QGIS's own algorithm dialog (progress,
log, the changes and the register against the official targets).
"""

from __future__ import annotations

from qgis.core import QgsProject
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
)

from ..core.importing.importer import ImportRefusedError
from ..core.importing.readers import SourceError, read_table
from ..core.importing.register import REGISTER_TARGETS, register_mapping
from ..core.project.project_database import project_database
from ..core.storage.datasource import is_postgres
from ..core.toolbelt.i18n import tr
from .import_dialog import (
    ColumnMappingTable,
    encoding_combo,
    encoding_key,
    fill_sheets,
    lay_out,
    reload_database_layers,
)

REGISTER_FILTER = "Register files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;All files (*)"
SAMPLE_ROWS = 3  # first values of each column, shown beside its name


class RegisterDialog(QDialog):
    """Register file and sheet, text encoding, database (GeoPackage or PostGIS), mapping table, report."""

    def __init__(self, parent=None, database: str = ""):
        super().__init__(parent)
        self.setObjectName("Kr8310RegisterDialog")
        self.setWindowTitle(tr("Import community register"))
        self.columns: list[str] = []

        self.input_file = QgsFileWidget()
        self.input_file.setFilter(REGISTER_FILTER)
        self.input_sheet = QComboBox()
        self.encoding = encoding_combo()
        self.database = QgsFileWidget()
        self.database.setFilter(tr("GeoPackage (*.gpkg)"))
        self.database.setFilePath(database)
        self.database.setToolTip(
            tr("A GeoPackage file, or a PostGIS database: postgresql://user@host/dbname?schema=kr8310 or pg:NAME")
        )
        self.report = QgsFileWidget()
        self.report.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.report.setFilter(tr("CSV (*.csv);;Excel (*.xlsx)"))
        self.mapping_table = ColumnMappingTable()
        self.status = QLabel()
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(tr("Community register"), self.input_file)
        form.addRow(tr("Sheet or layer"), self.input_sheet)
        form.addRow(tr("Text encoding"), self.encoding)
        form.addRow(tr("Community database"), self.database)
        form.addRow(tr("Register against the official targets (optional)"), self.report)
        heading = tr("Column mapping (the columns recognised by their headers are chosen already):")
        lay_out(self, form, heading, self.mapping_table, self.status)

        self.input_file.fileChanged.connect(self._input_changed)
        self.input_sheet.currentIndexChanged.connect(self._reload_columns)
        self.encoding.currentIndexChanged.connect(self._reload_columns)
        self._reload_columns()

    def _input_changed(self, path: str) -> None:
        problem = fill_sheets(self.input_sheet, path, tr("(first)"))
        self._reload_columns()
        if problem:
            self.status.setText(problem)

    def _reload_columns(self) -> None:
        self.status.clear()
        self.columns = []
        samples: dict[str, list[str]] = {}
        path = self.input_file.filePath()
        if path:
            try:
                table = read_table(path, self.input_sheet.currentData() or None, encoding_key(self.encoding))
                self.columns = list(table.columns)
                for row in table.rows[:SAMPLE_ROWS]:
                    for column in self.columns:
                        value = row.values.get(column)
                        if value not in (None, ""):
                            samples.setdefault(column, []).append(str(value))
            except SourceError as error:
                self.status.setText(str(error))
        self._fill_mapping(samples)

    def _fill_mapping(self, samples: dict[str, list[str]]) -> None:
        try:
            auto = register_mapping(self.columns)
        except ImportRefusedError as error:
            auto = {}
            self.status.setText(str(error))
        self.mapping_table.setRowCount(0)
        for target in REGISTER_TARGETS:
            combo = self.mapping_table.add_choice(target, self.columns, auto.get(target, ""))
            for index in range(1, combo.count()):
                shown = samples.get(combo.itemData(index), [])
                if shown:
                    combo.setItemText(index, f"{combo.itemData(index)}  ({', '.join(shown)})")
        if self.columns and "name" not in auto:
            self.status.setText(tr("No column is recognised as the community name (ชื่อชุมชน): choose it in the table."))

    def set_column(self, target: str, column: str) -> None:
        """Choose the source column for a register field (as the user would in the table)."""
        self.mapping_table.set_column(target, column)

    def mapping_text(self) -> str:
        return self.mapping_table.mapping_text()

    def parameters(self) -> dict:
        """Parameters for kr8310:importcommunities."""
        parameters = {
            "INPUT": self.input_file.filePath(),
            "INPUT_LAYER": self.input_sheet.currentData() or "",
            "ENCODING": self.encoding.currentIndex(),
            "DATABASE": self.database.filePath().strip(),
            "MAPPING": self.mapping_text(),
        }
        if self.report.filePath():
            parameters["REPORT"] = self.report.filePath()
        return parameters


def open_register_dialog(iface) -> None:
    """Ask for the register, database and mapping; run the import in QGIS's algorithm dialog, then
    refresh the project's layers of that database."""
    database = project_database(QgsProject.instance())
    # Only a GeoPackage is filled in: this field would show a PostGIS string's password.
    dialog = RegisterDialog(iface.mainWindow(), "" if is_postgres(database) else database)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    import processing

    parameters = dialog.parameters()
    processing.execAlgorithmDialog("kr8310:importcommunities", parameters)
    reload_database_layers(QgsProject.instance(), parameters["DATABASE"])

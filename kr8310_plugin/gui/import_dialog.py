"""The import dialog: pick the survey file(s) and the database, check the field mapping, run the import.

The dialog only gathers parameters; the work is kr8310:importhouseholds, shown in QGIS's
own algorithm dialog (progress, log, the report of rejected rows).
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProject, QgsVectorLayer
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.importing.importer import (
    HOUSEHOLD_TARGETS,
    MEMBER_TARGETS,
    MEMBER_VALUE_FIELDS,
    auto_mapping,
    numbered_member_columns,
    unknown_numbered_columns,
)
from ..core.importing.readers import SourceError, list_layers, read_table
from ..core.storage.layer_source import database_key
from ..core.toolbelt.i18n import tr

SURVEY_FILTER = "Survey files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;All files (*)"
MEMBER_PREFIX = "members."


class ImportDialog(QDialog):
    """Survey file, optional members table, database, options and a field-mapping table."""

    def __init__(self, parent=None, database: str = ""):
        super().__init__(parent)
        self.setObjectName("Kr8310ImportDialog")
        self.setWindowTitle(tr("Import households from survey files"))
        self.household_columns: list[str] = []
        self.member_columns: list[str] = []

        self.input_file = QgsFileWidget()
        self.input_file.setFilter(SURVEY_FILTER)
        self.input_sheet = QComboBox()
        self.members_file = QgsFileWidget()
        self.members_file.setFilter(SURVEY_FILTER)
        self.members_sheet = QComboBox()
        self.database = QgsFileWidget()
        self.database.setFilter(tr("GeoPackage (*.gpkg)"))
        self.database.setFilePath(database)
        self.encoding = QComboBox()
        self.encoding.addItems([tr("Detect"), "UTF-8", "TIS-620 / cp874"])
        self.skip_invalid = QCheckBox(tr("Skip invalid rows (import the valid ones, report the rest)"))
        self.editor = QLineEdit("import")
        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setHorizontalHeaderLabels([tr("Database field"), tr("Column in the file")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(tr("Survey file (households)"), self.input_file)
        form.addRow(tr("Sheet or layer"), self.input_sheet)
        form.addRow(tr("Members file (optional)"), self.members_file)
        form.addRow(tr("Members sheet"), self.members_sheet)
        form.addRow(tr("Community database"), self.database)
        form.addRow(tr("Text encoding"), self.encoding)
        form.addRow(tr("Editor name"), self.editor)
        form.addRow(self.skip_invalid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Import…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("Field mapping (columns named like the fields are matched already):")))
        layout.addWidget(self.mapping_table)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.input_file.fileChanged.connect(self._input_changed)
        self.input_sheet.currentIndexChanged.connect(self._reload_columns)
        self.members_file.fileChanged.connect(self._members_changed)
        self.members_sheet.currentIndexChanged.connect(self._reload_columns)
        self.encoding.currentIndexChanged.connect(self._reload_columns)
        self._reload_columns()

    # --- sources ------------------------------------------------------------------

    def _sheets_into(self, combo: QComboBox, path: str, empty_label: str) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(empty_label, "")
        if path:
            try:
                for name in list_layers(path):
                    combo.addItem(name, name)
            except SourceError as error:
                self.status.setText(str(error))
        combo.blockSignals(False)

    def _input_changed(self, path: str) -> None:
        self._sheets_into(self.input_sheet, path, tr("(first)"))
        self._sheets_into(self.members_sheet, path if not self.members_file.filePath() else "", tr("(none / auto)"))
        self._reload_columns()

    def _members_changed(self, path: str) -> None:
        self._sheets_into(self.members_sheet, path or self.input_file.filePath(), tr("(none / auto)"))
        self._reload_columns()

    def _columns(self, path: str, sheet: str) -> list[str]:
        if not path:
            return []
        try:
            return read_table(path, sheet or None, self.encoding_key()).columns
        except SourceError as error:
            self.status.setText(str(error))
            return []

    def _reload_columns(self) -> None:
        self.status.clear()
        self.household_columns = self._columns(self.input_file.filePath(), self.input_sheet.currentData() or "")
        members_path = self.members_file.filePath() or (
            self.input_file.filePath() if self.members_sheet.currentData() else ""
        )
        self.member_columns = self._columns(members_path, self.members_sheet.currentData() or "")
        self._fill_mapping()

    # --- mapping ------------------------------------------------------------------

    def _fill_mapping(self) -> None:
        rows = [(target, self.household_columns) for target in HOUSEHOLD_TARGETS]
        if self.member_columns:
            rows += [(MEMBER_PREFIX + target, self.member_columns) for target in MEMBER_TARGETS]
        household_auto = auto_mapping(self.household_columns, HOUSEHOLD_TARGETS)
        member_auto = auto_mapping(self.member_columns, MEMBER_TARGETS)
        numbered = {} if self.member_columns else numbered_member_columns(self.household_columns)
        numbered_fields = ("member_id", *MEMBER_VALUE_FIELDS) if not self.member_columns else ()
        self.mapping_table.setRowCount(len(rows) + len(numbered_fields))
        for offset, target in enumerate(numbered_fields):
            self._numbered_row(len(rows) + offset, target, numbered)
        self._explain_members(household_auto, numbered)
        for row, (target, columns) in enumerate(rows):
            item = QTableWidgetItem(target)
            self.mapping_table.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem(tr("(not in the file)"), "")
            for column in columns:
                combo.addItem(column, column)
            if target.startswith(MEMBER_PREFIX):
                chosen = member_auto.get(target[len(MEMBER_PREFIX) :], "")
            else:
                chosen = household_auto.get(target, "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.setProperty("auto", chosen)
            self.mapping_table.setCellWidget(row, 1, combo)

    def _numbered_row(self, row: int, target: str, numbered: dict[int, dict[str, str]]) -> None:
        """A member field read from numbered columns of the household file ('member1_age', 'สมาชิก1_อายุ'):
        shown, not chosen (the numbering is the mapping)."""
        self.mapping_table.setItem(row, 0, QTableWidgetItem(MEMBER_PREFIX + target))
        columns = [found[target] for found in numbered.values() if target in found]
        combo = QComboBox()
        if columns:
            shown = ", ".join(columns[:3]) + (", …" if len(columns) > 3 else "")
            combo.addItem(tr("{columns} (numbered columns)").format(columns=shown), "")
        else:
            combo.addItem(tr("(no numbered member columns found)"), "")
        combo.setProperty("auto", "")
        combo.setEnabled(False)
        self.mapping_table.setCellWidget(row, 1, combo)

    def _explain_members(self, household_auto: dict[str, str], numbered: dict[int, dict[str, str]]) -> None:
        """Say before the import when member data would be missed."""
        if self.member_columns or not self.household_columns:
            return
        unknown = unknown_numbered_columns(self.household_columns)
        if unknown:
            self.status.setText(
                tr("These columns look like member data but match no member field: {columns}.").format(
                    columns=", ".join(unknown)
                )
            )
        elif not numbered and "member_count" in household_auto:
            self.status.setText(
                tr(
                    "The file has a member count but no member columns (member1_age, สมาชิก1_อายุ, …) and no "
                    "members sheet: households with members would be imported without them."
                )
            )

    def set_column(self, target: str, column: str) -> None:
        """Choose the source column for a field (as the user would in the table)."""
        for row in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(row, 0).text() == target:
                combo = self.mapping_table.cellWidget(row, 1)
                combo.setCurrentIndex(max(0, combo.findData(column)))
                return
        raise KeyError(target)

    def mapping_text(self) -> str:
        """The MAPPING parameter: only the choices that differ from the automatic mapping."""
        items = []
        for row in range(self.mapping_table.rowCount()):
            target = self.mapping_table.item(row, 0).text()
            combo = self.mapping_table.cellWidget(row, 1)
            if (combo.currentData() or "") != (combo.property("auto") or ""):
                items.append(f"{target}={combo.currentData() or ''}")
        return "; ".join(items)

    def encoding_key(self) -> str:
        return ("auto", "utf-8", "cp874")[self.encoding.currentIndex()]

    def parameters(self) -> dict:
        """Parameters for kr8310:importhouseholds."""
        members_sheet = self.members_sheet.currentData() or ""
        return {
            "INPUT": self.input_file.filePath(),
            "INPUT_LAYER": self.input_sheet.currentData() or "",
            "MEMBERS": self.members_file.filePath(),
            "MEMBERS_LAYER": members_sheet,
            "DATABASE": self.database.filePath(),
            "ENCODING": self.encoding.currentIndex(),
            "MAPPING": self.mapping_text(),
            "SKIP_INVALID": self.skip_invalid.isChecked(),
            "EDITOR": self.editor.text().strip() or "import",
            "REPORT": "TEMPORARY_OUTPUT",
            "WARNINGS": "TEMPORARY_OUTPUT",
            "UNKNOWN_VALUES": "TEMPORARY_OUTPUT",
        }


def reload_database_layers(project: QgsProject, database: str) -> int:
    """Make the project's layers of `database` re-read their data (an import wrote past QGIS); returns how many."""
    wanted = str(Path(database).resolve()) if database and not database.startswith(("pg:", "postgres")) else database
    reloaded = 0
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer):
            continue
        path = database_key(layer) if layer.providerType() == "ogr" else ""
        same = str(Path(path).resolve()) == wanted if path and Path(path).exists() else False
        if same or (layer.providerType() == "postgres" and wanted and wanted in layer.source()):
            layer.dataProvider().reloadData()
            layer.triggerRepaint()
            reloaded += 1
    return reloaded


def open_import_dialog(iface) -> None:
    """Ask for the files and mapping, run the import in QGIS's algorithm dialog, then refresh the map."""
    dialog = ImportDialog(iface.mainWindow())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    import processing

    parameters = dialog.parameters()
    processing.execAlgorithmDialog("kr8310:importhouseholds", parameters)
    reload_database_layers(QgsProject.instance(), parameters["DATABASE"])

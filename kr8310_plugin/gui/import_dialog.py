"""The import dialog: pick the survey file(s) and the database, check the field mapping, run the import.

The dialog only gathers parameters; the work is kr8310:importhouseholds, shown in QGIS's
own algorithm dialog (progress, log, the report of rejected rows). Its pieces (the sheet list,
the field-mapping table and the MAPPING text it gives) serve the register dialog too
(gui/register_dialog.py).
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
    QDoubleSpinBox,
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
from ..core.importing.readers import ENCODINGS, SourceError, list_layers, read_table
from ..core.rules.community_locator import POINT_COMMUNITY_RADIUS_M
from ..core.storage.layer_source import database_key
from ..core.toolbelt.i18n import tr

SURVEY_FILTER = "Survey files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;All files (*)"
MEMBER_PREFIX = "members."


def encoding_combo() -> QComboBox:
    """The text-encoding choice of CSV files, in the order of the algorithms' ENCODING parameter."""
    combo = QComboBox()
    combo.addItems([tr("Detect"), "UTF-8", "TIS-620 / cp874"])
    return combo


def encoding_key(combo: QComboBox) -> str:
    """The encoding `encoding_combo` is set to, as readers.read_table takes it."""
    return ENCODINGS[combo.currentIndex()]


def lay_out(dialog: QDialog, form: QFormLayout, heading: str, mapping_table, status: QLabel) -> None:
    """An import dialog's layout: the form, the mapping table under its heading, the status line and
    the Import…/Cancel buttons."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Import…"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(QLabel(heading))
    layout.addWidget(mapping_table)
    layout.addWidget(status)
    layout.addWidget(buttons)


def fill_sheets(combo: QComboBox, path: str, empty_label: str) -> str:
    """The file's sheets or layers into `combo` after an `empty_label` item; the error text ('' when none)."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(empty_label, "")
    problem = ""
    if path:
        try:
            for name in list_layers(path):
                combo.addItem(name, name)
        except SourceError as error:
            problem = str(error)
    combo.blockSignals(False)
    return problem


class ColumnMappingTable(QTableWidget):
    """Database field -> column in the file: one drop-down per field, the automatic choice shown
    first; `mapping_text` gives the MAPPING parameter (only what the user changed)."""

    def __init__(self, parent=None):
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([tr("Database field"), tr("Column in the file")])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def add_choice(self, target: str, columns: list[str], chosen: str = "") -> QComboBox:
        """A row for `target` choosing among `columns`, set to the automatic choice `chosen`."""
        row = self.rowCount()
        self.setRowCount(row + 1)
        self.setItem(row, 0, QTableWidgetItem(target))
        combo = QComboBox()
        combo.addItem(tr("(not in the file)"), "")
        for column in columns:
            combo.addItem(column, column)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.setProperty("auto", chosen)
        self.setCellWidget(row, 1, combo)
        return combo

    def add_fixed(self, target: str, text: str) -> None:
        """A row shown, not chosen (numbered member columns: the numbering is the mapping)."""
        row = self.rowCount()
        self.setRowCount(row + 1)
        self.setItem(row, 0, QTableWidgetItem(target))
        combo = QComboBox()
        combo.addItem(text, "")
        combo.setProperty("auto", "")
        combo.setEnabled(False)
        self.setCellWidget(row, 1, combo)

    def set_column(self, target: str, column: str) -> None:
        """Choose the source column for a field (as the user would in the table)."""
        for row in range(self.rowCount()):
            if self.item(row, 0).text() == target:
                combo = self.cellWidget(row, 1)
                combo.setCurrentIndex(max(0, combo.findData(column)))
                return
        raise KeyError(target)

    def chosen(self) -> dict[str, str]:
        """Field -> the column chosen now ('' for none), every row."""
        return {self.item(row, 0).text(): self.cellWidget(row, 1).currentData() or "" for row in range(self.rowCount())}

    def mapping_text(self) -> str:
        """The MAPPING parameter: only the choices that differ from the automatic mapping."""
        items = []
        for row in range(self.rowCount()):
            target = self.item(row, 0).text()
            combo = self.cellWidget(row, 1)
            if (combo.currentData() or "") != (combo.property("auto") or ""):
                items.append(f"{target}={combo.currentData() or ''}")
        return "; ".join(items)


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
        self.encoding = encoding_combo()
        self.skip_invalid = QCheckBox(tr("Skip invalid rows (import the valid ones, report the rest)"))
        self.editor = QLineEdit("import")
        self.point_radius = QDoubleSpinBox()
        self.point_radius.setRange(0, 5000)
        self.point_radius.setDecimals(0)
        self.point_radius.setSuffix(" m")
        self.point_radius.setValue(POINT_COMMUNITY_RADIUS_M)
        self.point_radius.setToolTip(
            tr(
                "A household outside every community boundary goes to the nearest community known only by its "
                "point, up to this distance; each such assignment is listed in the warnings."
            )
        )
        self.mapping_table = ColumnMappingTable()
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
        form.addRow(tr("Point communities: households up to"), self.point_radius)
        form.addRow(self.skip_invalid)
        heading = tr("Field mapping (columns named like the fields are matched already):")
        lay_out(self, form, heading, self.mapping_table, self.status)

        self.input_file.fileChanged.connect(self._input_changed)
        self.input_sheet.currentIndexChanged.connect(self._reload_columns)
        self.members_file.fileChanged.connect(self._members_changed)
        self.members_sheet.currentIndexChanged.connect(self._reload_columns)
        self.encoding.currentIndexChanged.connect(self._reload_columns)
        self._reload_columns()

    # --- sources ------------------------------------------------------------------

    def _sheets_into(self, combo: QComboBox, path: str, empty_label: str) -> None:
        problem = fill_sheets(combo, path, empty_label)
        if problem:
            self.status.setText(problem)

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
        self.mapping_table.setRowCount(0)
        self._explain_members(household_auto, numbered)
        for target, columns in rows:
            if target.startswith(MEMBER_PREFIX):
                chosen = member_auto.get(target[len(MEMBER_PREFIX) :], "")
            else:
                chosen = household_auto.get(target, "")
            self.mapping_table.add_choice(target, columns, chosen)
        for target in numbered_fields:
            self._numbered_row(target, numbered)

    def _numbered_row(self, target: str, numbered: dict[int, dict[str, str]]) -> None:
        """A member field read from numbered columns of the household file ('member1_age', 'สมาชิก1_อายุ'):
        shown, not chosen (the numbering is the mapping)."""
        columns = [found[target] for found in numbered.values() if target in found]
        if columns:
            shown = ", ".join(columns[:3]) + (", …" if len(columns) > 3 else "")
            text = tr("{columns} (numbered columns)").format(columns=shown)
        else:
            text = tr("(no numbered member columns found)")
        self.mapping_table.add_fixed(MEMBER_PREFIX + target, text)

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
        self.mapping_table.set_column(target, column)

    def mapping_text(self) -> str:
        """The MAPPING parameter: only the choices that differ from the automatic mapping."""
        return self.mapping_table.mapping_text()

    def encoding_key(self) -> str:
        return encoding_key(self.encoding)

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
            "POINT_RADIUS": self.point_radius.value(),
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

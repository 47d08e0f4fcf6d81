"""The export dialogs: a coverage map (city, district group, district or atlas) and the KR 8310 report.

One step: the dialog asks for what it needs — the database (the open project's, filled in), the
scope and area, the format and the file (by default next to the database, named after it, the
scope and today's date) — and its Export button runs kr8310:exportmap / kr8310:exportreport
itself, with a progress bar, a Cancel button and, when done, the file opened (QDesktopServices)
if the user asked for it. The work stays in the algorithms; a refused export is shown in the
dialog in words, never as a traceback.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback, QgsProject, QgsSettings
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ..core.exports.maps import SCOPE_ATLAS, SCOPE_CITY, SCOPES
from ..core.project.project_database import project_database
from ..core.registry.districts import load_targets
from ..core.storage.datasource import is_postgres
from ..core.storage.postgis.target import mask_passwords
from ..core.toolbelt import settings
from ..core.toolbelt.i18n import tr

MAP_ALGORITHM = "kr8310:exportmap"
REPORT_ALGORITHM = "kr8310:exportreport"


def scope_label(key: str) -> str:
    labels = {
        "city": tr("City (กรุงเทพมหานคร)"),
        "group": tr("District group (กลุ่มเขต)"),
        "district": tr("District (เขต)"),
        "atlas": tr("Atlas: one page per district (50 pages)"),
    }
    return labels[key]


def default_output(database: str, kind: str, suffix: str, scope: str = "", area: str = "", day=None) -> Path:
    """Where an export goes unless the user says otherwise: next to a GeoPackage, named after it
    (`<database>_coverage[_<scope or area>]_<date>.pdf`, `<database>_kr8310_<date>.xlsx`); for a
    PostGIS database in the folder of the last export (else the home folder), named kr8310_…."""
    day = day or _dt.date.today()
    if database and not is_postgres(database):
        folder, stem = Path(database).parent, Path(database).stem
    else:
        folder = Path(QgsSettings().value(settings.KEY_EXPORT_FOLDER, str(Path.home()), type=str) or Path.home())
        stem = "kr8310"
    if kind == "report":
        return folder / f"{stem}_kr8310_{day.isoformat()}{suffix}"
    part = "" if scope == SCOPE_CITY else f"_{area or scope}"
    return folder / f"{stem}_coverage{part}_{day.isoformat()}{suffix}"


class _DialogFeedback(QgsProcessingFeedback):
    """Progress into the dialog's bar; events processed so it paints and Cancel can be clicked."""

    def __init__(self, bar: QProgressBar):
        super().__init__()
        self.bar = bar
        self.progressChanged.connect(self._progress)

    def _progress(self, value: float) -> None:
        self.bar.setValue(int(value))
        QApplication.processEvents()


class ExportDialog(QDialog):
    """What both exports share: the database, the output file with its default, progress, Cancel,
    open when done. Subclasses add their fields and say which algorithm runs with which parameters."""

    algorithm_id = ""
    kind = ""

    def __init__(self, parent=None, database: str = ""):
        super().__init__(parent)
        self.formats = self.format_choices()
        self._postgis = database if is_postgres(database) else ""
        self._auto_output = True  # the output follows the choices until the user picks a file
        self.running = False
        self.feedback: _DialogFeedback | None = None
        self.outputs: list[Path] = []
        self.error = ""

        self.database = QgsFileWidget()
        self.database.setFilter(tr("GeoPackage (*.gpkg)"))
        if self._postgis:  # a connection string may hold a password: shown masked, kept as it is
            self.database.setFilePath(mask_passwords(self._postgis))
        else:
            self.database.setFilePath(database)
        self.format = QComboBox()
        for suffix, label in self.formats:
            self.format.addItem(label, suffix)
        self.output = QgsFileWidget()
        self.output.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.output.setFilter(";;".join(f"{label} (*{suffix})" for suffix, label in self.formats))
        self.open_when_done = QCheckBox(tr("Open the file when done"))
        self.open_when_done.setChecked(QgsSettings().value(settings.KEY_OPEN_EXPORTS, True, type=bool))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setOpenExternalLinks(False)
        self.form = QFormLayout()
        self.form.addRow(tr("Community database"), self.database)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton(tr("Export"))
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.run_export)
        self.cancel_button.clicked.connect(self.cancel)

    def format_choices(self) -> tuple[tuple[str, str], ...]:
        """(suffix, label) of the formats the export writes, the default first."""
        raise NotImplementedError

    def _finish_layout(self, note: str) -> None:
        self.form.addRow(tr("Format"), self.format)
        self.form.addRow(tr("File"), self.output)
        self.form.addRow("", self.open_when_done)
        explanation = QLabel(note)
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(explanation)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._choices_changed)
        self.database.fileChanged.connect(self._database_changed)
        self.output.fileChanged.connect(self._output_edited)
        self._choices_changed()

    # --- values ------------------------------------------------------------------------------

    def database_string(self) -> str:
        """The database the export reads: the project's PostGIS string as given, else the chosen file."""
        shown = self.database.filePath().strip()
        if self._postgis and shown == mask_passwords(self._postgis):
            return self._postgis
        return shown

    def suffix(self) -> str:
        return self.format.currentData() or self.formats[0][0]

    def default_output(self) -> Path:
        return default_output(self.database_string(), self.kind, self.suffix())

    def parameters(self) -> dict:
        return {"DATABASE": self.database_string(), "OUTPUT": self.output.filePath().strip()}

    def _set_output(self, path: Path) -> None:
        self._auto_output = True
        self.output.blockSignals(True)
        self.output.setFilePath(str(path))
        self.output.blockSignals(False)

    def _choices_changed(self, *_args) -> None:
        """The default file follows database, scope, area and format; a file the user chose only
        takes the format's suffix."""
        if self._auto_output or not self.output.filePath().strip():
            self._set_output(self.default_output())
        else:
            current = Path(self.output.filePath().strip())
            self.output.blockSignals(True)
            self.output.setFilePath(str(current.with_suffix(self.suffix())))
            self.output.blockSignals(False)

    def _database_changed(self, *_args) -> None:
        if self._postgis and self.database.filePath().strip() != mask_passwords(self._postgis):
            self._postgis = ""  # another database chosen
        self._choices_changed()

    def _output_edited(self, *_args) -> None:
        self._auto_output = False
        suffix = Path(self.output.filePath().strip()).suffix.lower()
        index = self.format.findData(suffix)
        if index >= 0 and index != self.format.currentIndex():
            self.format.blockSignals(True)
            self.format.setCurrentIndex(index)
            self.format.blockSignals(False)

    # --- running -------------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.export_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not running)
        for widget in (self.database, self.format, self.output, self.open_when_done):
            widget.setEnabled(not running)

    def run_export(self) -> bool:
        """Run the algorithm with the dialog's parameters (in the main thread: print layouts paint
        with fonts there), showing its progress. True when the file was written."""
        import processing

        parameters = self.parameters()
        self.outputs, self.error = [], ""
        if not parameters["DATABASE"]:
            return self._failed(tr("Choose the community database."))
        if not parameters["OUTPUT"]:
            return self._failed(tr("Choose the file to write."))
        QgsSettings().setValue(settings.KEY_OPEN_EXPORTS, self.open_when_done.isChecked())
        self.feedback = _DialogFeedback(self.progress)
        self.progress.setValue(0)
        self.status.setText(tr("Exporting… (the coverage is refreshed first)"))
        self.status.setStyleSheet("")
        self._set_running(True)
        QApplication.processEvents()
        try:
            result = processing.run(
                self.algorithm_id, parameters, feedback=self.feedback, context=QgsProcessingContext()
            )
        except QgsProcessingException as error:
            cancelled = self.feedback.isCanceled()
            return self._failed(tr("The export was cancelled.") if cancelled else mask_passwords(str(error)))
        finally:
            self._set_running(False)
            self.feedback = None
        self.outputs = self.written_files(result, Path(parameters["OUTPUT"]))
        self.progress.setValue(100)
        self._remember_folder(Path(parameters["OUTPUT"]).parent)
        names = ", ".join(path.name for path in self.outputs[:3]) + (" …" if len(self.outputs) > 3 else "")
        self.status.setText(tr("Written: {files} in {folder}").format(files=names, folder=self.outputs[0].parent))
        if self.open_when_done.isChecked():
            self.open_outputs()
        return True

    def written_files(self, result: dict, output: Path) -> list[Path]:
        written = Path(result.get("OUTPUT") or output)
        return [written]

    def open_outputs(self) -> None:
        """The written file in the desktop's application for it; several files (an atlas as PNG): their folder."""
        target = self.outputs[0] if len(self.outputs) == 1 else self.outputs[0].parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _failed(self, message: str) -> bool:
        self.error = message
        self.status.setText(message)
        self.status.setStyleSheet("color: #b00020;")
        return False

    def _remember_folder(self, folder: Path) -> None:
        QgsSettings().setValue(settings.KEY_EXPORT_FOLDER, str(folder))

    def cancel(self) -> None:
        if self.feedback is not None:
            self.feedback.cancel()
            self.status.setText(tr("Cancelling…"))

    def reject(self) -> None:
        if self.running:  # closing the window while exporting cancels it first
            self.cancel()
            return
        super().reject()


class ExportMapDialog(ExportDialog):
    """Database, scope, area (group or district, when the scope needs one), format, file and DPI."""

    algorithm_id = MAP_ALGORITHM
    kind = "map"

    def __init__(self, parent=None, database: str = ""):
        super().__init__(parent, database)
        self.setObjectName("Kr8310ExportMapDialog")
        self.setWindowTitle(tr("Export coverage map"))
        self.districts = load_targets()
        self.scope = QComboBox()
        for key in SCOPES:
            self.scope.addItem(scope_label(key), key)
        self.area = QComboBox()
        self.dpi = QSpinBox()
        self.dpi.setRange(50, 600)
        self.dpi.setValue(150)
        self.form.addRow(tr("Scope"), self.scope)
        self.form.addRow(tr("District group or district"), self.area)
        self.form.addRow(tr("Resolution (DPI)"), self.dpi)
        self.scope.currentIndexChanged.connect(self._fill_areas)
        self.area.currentIndexChanged.connect(self._choices_changed)
        self._fill_areas()
        self._finish_layout(
            tr(
                "The coverage fields are refreshed before the export. Maps show communities and districts only: no "
                "household or personal data."
            )
        )

    def format_choices(self) -> tuple[tuple[str, str], ...]:
        return ((".pdf", tr("PDF")), (".png", tr("PNG image")))

    def _fill_areas(self) -> None:
        """Groups for the group scope, districts for the district scope, nothing otherwise."""
        scope = self.scope.currentData()
        self.area.blockSignals(True)
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
        self.area.blockSignals(False)
        if hasattr(self, "output"):
            self._choices_changed()

    def default_output(self) -> Path:
        return default_output(
            self.database_string(), self.kind, self.suffix(), self.scope.currentData(), self.area.currentData() or ""
        )

    def parameters(self) -> dict:
        return {
            **super().parameters(),
            "SCOPE": self.scope.currentData(),
            "AREA": self.area.currentData() or "",
            "DPI": self.dpi.value(),
        }

    def _set_running(self, running: bool) -> None:
        super()._set_running(running)
        for widget in (self.scope, self.area, self.dpi):
            widget.setEnabled(not running and (widget is not self.area or self.area.count() > 0))

    def written_files(self, result: dict, output: Path) -> list[Path]:
        if self.scope.currentData() == SCOPE_ATLAS and output.suffix.lower() == ".png":
            return sorted(output.parent.glob(f"{output.stem}_*.png")) or [output]
        return super().written_files(result, output)


class ExportReportDialog(ExportDialog):
    """Database, format (XLSX or CSV) and file of the KR 8310 report."""

    algorithm_id = REPORT_ALGORITHM
    kind = "report"

    def __init__(self, parent=None, database: str = ""):
        super().__init__(parent, database)
        self.setObjectName("Kr8310ExportReportDialog")
        self.setWindowTitle(tr("Export KR 8310 report"))
        self._finish_layout(
            tr(
                "The coverage fields are refreshed before the export. The report holds community and district "
                "figures only: no household or personal data. CSV writes two files (the summary and "
                "<name>_communities.csv)."
            )
        )

    def format_choices(self) -> tuple[tuple[str, str], ...]:
        return ((".xlsx", tr("Excel workbook")), (".csv", tr("CSV, UTF-8")))

    def written_files(self, result: dict, output: Path) -> list[Path]:
        written = super().written_files(result, output)
        if written[0].suffix.lower() == ".csv":
            written.append(written[0].with_name(f"{written[0].stem}_communities.csv"))
        return written


def open_export_map_dialog(iface) -> None:
    """The coverage map dialog, the project's database filled in; it runs the export itself."""
    ExportMapDialog(iface.mainWindow(), project_database(QgsProject.instance())).exec()


def open_export_report_dialog(iface) -> None:
    """The KR 8310 report dialog, the project's database filled in; it runs the export itself."""
    ExportReportDialog(iface.mainWindow(), project_database(QgsProject.instance())).exec()

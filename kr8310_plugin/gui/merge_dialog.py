"""Merging a field package from the menu, and the dialog that resolves its conflicts and duplicates.

The merge writes what is safe at once (core/field_package/merge.py); what is left — rows changed
on both sides, new houses already in the database — is listed here. For each the GIS officer sees
the office and the field version side by side and keeps the office one, takes the field one, takes
chosen fields, or (a duplicate that is really another house) adds it as new. Every choice is logged.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.dashboard.model import find_survey_layers
from ..core.field_package.manifest import PackageError
from ..core.field_package.merge import (
    ADD_AS_NEW,
    CONFLICT,
    DUPLICATE,
    KEEP_OFFICE,
    MERGE_FIELDS,
    TAKE_FIELD,
    MergeError,
    MergeItem,
    MergePlan,
    apply_merge,
    plan_merge,
    reason_text,
    resolve,
)
from ..core.project.project_database import project_database
from ..core.storage.datasource import DataSourceError
from ..core.toolbelt.i18n import tr
from ..definitions import schema

MESSAGE_TITLE = "KR 8310"


def _text(value: object) -> str:
    return "" if value is None else str(value)


class MergeConflictsDialog(QDialog):
    """Lists a merge's conflicts and duplicates; each button resolves the selected one."""

    def __init__(self, plan: MergePlan, database: str, parent=None):
        super().__init__(parent)
        self.plan, self.database = plan, database
        self.open_items = [item for item in plan.items if item.outcome in (CONFLICT, DUPLICATE)]
        self.setWindowTitle(tr("Field package: conflicts and duplicates"))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.items_table = QTableWidget(0, 4)
        self.items_table.setHorizontalHeaderLabels([tr("Outcome"), tr("House number"), tr("Record"), tr("Why")])
        self.items_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items_table.horizontalHeader().setStretchLastSection(True)
        self.items_table.itemSelectionChanged.connect(self._show_selected)
        layout.addWidget(self.items_table)
        self.values_table = QTableWidget(0, 3)
        self.values_table.setHorizontalHeaderLabels([tr("Field"), tr("Office"), tr("Field version (tick to take)")])
        self.values_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.values_table)
        buttons = QHBoxLayout()
        self.keep_button = QPushButton(tr("Keep office version"))
        self.take_button = QPushButton(tr("Take field version"))
        self.merge_button = QPushButton(tr("Take ticked fields"))
        self.new_button = QPushButton(tr("Add as a new household"))
        for button, choice in (
            (self.keep_button, KEEP_OFFICE),
            (self.take_button, TAKE_FIELD),
            (self.merge_button, MERGE_FIELDS),
            (self.new_button, ADD_AS_NEW),
        ):
            button.clicked.connect(lambda _checked=False, c=choice: self.choose(c))
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(760, 560)
        self._fill()

    def _fill(self) -> None:
        self.items_table.setRowCount(len(self.open_items))
        for row, item in enumerate(self.open_items):
            outcome = tr("Conflict") if item.outcome == CONFLICT else tr("Duplicate")
            record = (
                tr("household")
                if item.table == schema.HOUSEHOLDS
                else tr("member of {household}").format(household=item.household_id[:8])
            )
            for column, text in enumerate((outcome, item.house_no, record, reason_text(item.reason))):
                self.items_table.setItem(row, column, QTableWidgetItem(text))
        self.summary.setText(tr("{count} to resolve.").format(count=len(self.open_items)))
        if self.open_items:
            self.items_table.selectRow(0)
        self._show_selected()

    def selected(self) -> MergeItem | None:
        rows = self.items_table.selectionModel().selectedRows()
        return self.open_items[rows[0].row()] if rows else None

    def _show_selected(self) -> None:
        item = self.selected()
        self.values_table.setRowCount(0)
        for button in (self.keep_button, self.take_button, self.merge_button, self.new_button):
            button.setEnabled(item is not None)
        if item is None:
            return
        self.new_button.setEnabled(item.outcome == DUPLICATE)
        self.merge_button.setEnabled(item.office is not None and item.field_row is not None)
        office = item.office.content() if item.office else {}
        field = item.field_row.content() if item.field_row else {}
        names = list(dict.fromkeys([*office, *field]))
        self.values_table.setRowCount(len(names))
        for row, name in enumerate(names):
            self.values_table.setItem(row, 0, QTableWidgetItem(name))
            self.values_table.setItem(row, 1, QTableWidgetItem(_text(office.get(name))))
            cell = QTableWidgetItem(_text(field.get(name)))
            cell.setFlags(cell.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            differs = office.get(name) != field.get(name)
            cell.setCheckState(Qt.CheckState.Checked if differs and name in item.fields else Qt.CheckState.Unchecked)
            self.values_table.setItem(row, 2, cell)

    def ticked_fields(self) -> list[str]:
        return [
            self.values_table.item(row, 0).text()
            for row in range(self.values_table.rowCount())
            if self.values_table.item(row, 2).checkState() == Qt.CheckState.Checked
        ]

    def choose(self, choice: str) -> bool:
        """Resolve the selected item with `choice`; True when done (it leaves the list)."""
        item = self.selected()
        if item is None:
            return False
        try:
            resolve(self.plan, item, choice, self.database, self.ticked_fields() if choice == MERGE_FIELDS else ())
        except (MergeError, DataSourceError) as error:
            self.message.setText(str(error))
            return False
        self.message.setText(tr("Done: {choice}.").format(choice=self.sender().text() if self.sender() else choice))
        self.open_items.remove(item)
        self._fill()
        return True


def open_merge_package(iface) -> None:
    """Ask for a package (zip or manifest.json), merge it into the project's database, list what is left."""
    database = project_database(QgsProject.instance(), schema.HOUSEHOLDS)
    bar = iface.messageBar()
    if not database:
        bar.pushMessage(
            MESSAGE_TITLE, tr("Open the mapping project of a community database first."), Qgis.MessageLevel.Warning
        )
        return
    path, _filter = QFileDialog.getOpenFileName(
        iface.mainWindow(), tr("Merge a field package"), "", tr("Field packages (*.zip manifest.json)")
    )
    if not path:
        return
    if path.endswith("manifest.json"):
        path = path[: -len("manifest.json")]
    try:
        plan = plan_merge(path, database)
        apply_merge(plan, database, plan.manifest.made_for)
    except (PackageError, MergeError, DataSourceError) as error:
        bar.pushMessage(MESSAGE_TITLE, str(error), Qgis.MessageLevel.Critical)
        return
    for layer in find_survey_layers(QgsProject.instance()).values():
        layer.reload()
        layer.triggerRepaint()
    counts = plan.counts()
    bar.pushMessage(
        MESSAGE_TITLE,
        tr(
            "{inserted} inserted, {updated} updated, {deleted} deleted, {conflict} conflict(s), "
            "{duplicate} duplicate(s), {rejected} rejected."
        ).format(**counts),
        Qgis.MessageLevel.Success if not (counts[CONFLICT] or counts[DUPLICATE]) else Qgis.MessageLevel.Warning,
    )
    if counts[CONFLICT] or counts[DUPLICATE]:
        MergeConflictsDialog(plan, database, iface.mainWindow()).exec()

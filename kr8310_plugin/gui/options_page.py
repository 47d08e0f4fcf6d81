"""The plugin's page in QGIS's Options dialog (Settings ▸ Options ▸ KR 8310).

Shows the completeness rule of the current project's community database (the fields a household
and its members need to count as complete) and lets whoever may change it do so (on PostGIS the
KR 8310 admin, on GeoPackage whoever may write the file): OK stores it in the database and
recomputes coverage (core.coverage.rule_change). Also the per-user core.toolbelt.settings: the
organisation and department heading map pages and report sheets (Thai and English), the font for
map pages and reports, how years and digits are written on them, and whether the dashboard
records a progress snapshot once a day.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsProject
from qgis.gui import QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont, QFontDatabase, QIcon
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..core.coverage.engine import CoverageError
from ..core.coverage.rule_change import RuleChange, RuleChangeError, change_rule
from ..core.dashboard.model import find_survey_layers
from ..core.exports.locale_format import format_date
from ..core.project.project_database import project_database
from ..core.rules.completeness import DEFAULT_RULE, HOUSEHOLD_FIELD_CHOICES, MEMBER_FIELD_CHOICES
from ..core.storage import rule_store
from ..core.storage.datasource import DataSourceError
from ..core.toolbelt import settings
from ..core.toolbelt.i18n import tr, user_language
from ..core.toolbelt.paths import resource_path
from ..definitions import print_texts, schema
from ..definitions.labels import FIELD_LABELS
from ..definitions.schema import HOUSEHOLDS_SPEC, MEMBERS_SPEC

OPTIONS_OBJECT_NAME = "Kr8310OptionsPage"


def _field_label(name: str, language: str) -> str:
    code = next((c for c in FIELD_LABELS.codes if c.key == name), None)
    if code is None:
        return name
    return f"{code.label_th if language == 'th' else code.label_en} ({name})"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %"


def _choices(spec, preferred: tuple[str, ...]) -> list[str]:
    names = spec.field_names()
    return [n for n in preferred if n in names]


class Kr8310OptionsPage(QgsOptionsPageWidget):
    """Edits the settings; `apply()` (QGIS calls it on OK) stores them."""

    def __init__(self, parent=None, project: QgsProject | None = None):
        super().__init__(parent)
        self.setObjectName(OPTIONS_OBJECT_NAME)
        language = user_language()
        layout = QVBoxLayout(self)

        project = project or QgsProject.instance()
        # The mappers' database (households): the rule is theirs; None when the project has none.
        self.database = project_database(project, schema.HOUSEHOLDS) or None
        self._communities = find_survey_layers(project).get(schema.COMMUNITIES)  # repainted after a rule change
        self.rule = DEFAULT_RULE
        self.can_change_rule = False
        self.last_change: RuleChange | None = None
        self.last_error = ""
        status = tr("The current project has no KR 8310 community database: open a mapping project to see its rule.")
        if self.database:
            try:
                self.rule = rule_store.read_rule(self.database)
                self.can_change_rule = rule_store.can_write_rule(self.database)
                status = tr("The rule of the community database (version {version}), for every user.").format(
                    version=self.rule.version
                )
                if not self.can_change_rule:
                    status += " " + tr("Only an administrator of the database may change it.")
            except (rule_store.RuleStoreError, DataSourceError) as error:
                status = str(error)
        rules = self.rule
        completeness = QGroupBox(tr("Complete household: fields that must be filled"), self)
        box = QFormLayout(completeness)
        self.rule_status = QLabel(status, completeness)
        self.rule_status.setWordWrap(True)
        box.addRow(self.rule_status)
        self.household_fields = self._field_list(
            _choices(HOUSEHOLDS_SPEC, HOUSEHOLD_FIELD_CHOICES), rules.household_fields
        )
        self.member_fields = self._field_list(_choices(MEMBERS_SPEC, MEMBER_FIELD_CHOICES), rules.member_fields)
        for widget in (self.household_fields, self.member_fields):
            for row in range(widget.count()):
                item = widget.item(row)
                item.setText(_field_label(item.data(Qt.ItemDataRole.UserRole), language))
        box.addRow(tr("Household fields"), self.household_fields)
        box.addRow(tr("Member fields"), self.member_fields)
        explanation = QLabel(
            tr(
                "A household is complete when it has a location, these fields are filled, member count ≥ 1, "
                "and it has exactly member-count members with these fields filled. Used by the coverage, "
                "the KR 8310 % and the dashboard."
            ),
            completeness,
        )
        explanation.setWordWrap(True)
        box.addRow(explanation)
        self.reset_button = QPushButton(tr("Restore KR 8310 defaults"), completeness)
        self.reset_button.clicked.connect(self.restore_defaults)
        box.addRow(self.reset_button)
        for widget in (self.household_fields, self.member_fields, self.reset_button):
            widget.setEnabled(self.can_change_rule)
        layout.addWidget(completeness)

        maps = QGroupBox(tr("Maps and reports"), self)
        form = QFormLayout(maps)
        organisation, department = settings.organisation(), settings.department()
        self.organisation_th = self._header_edit(organisation.th, print_texts.ORGANISATION.th)
        self.organisation_en = self._header_edit(organisation.en, print_texts.ORGANISATION.en)
        self.department_th = self._header_edit(department.th, print_texts.DEPARTMENT.th)
        self.department_en = self._header_edit(department.en, print_texts.DEPARTMENT.en)
        form.addRow(tr("Organisation (Thai)"), self.organisation_th)
        form.addRow(tr("Organisation (English)"), self.organisation_en)
        form.addRow(tr("Department (Thai)"), self.department_th)
        form.addRow(tr("Department (English)"), self.department_en)
        self.font_combo = QFontComboBox(maps)
        self.font_combo.setWritingSystem(QFontDatabase.WritingSystem.Thai)  # only fonts that can write Thai
        self.font_combo.setCurrentFont(QFont(settings.map_font()))
        form.addRow(tr("Font for maps and reports"), self.font_combo)
        self.buddhist_era = QCheckBox(tr("Years in the Buddhist era (พ.ศ. 2568) on map pages and reports"), maps)
        self.buddhist_era.setChecked(settings.buddhist_era())
        form.addRow(self.buddhist_era)
        self.thai_digits = QCheckBox(tr("Thai digits (๒๕๖๘) on map pages and reports"), maps)
        self.thai_digits.setChecked(settings.thai_digits())
        form.addRow(self.thai_digits)
        self.date_example = QLabel("", maps)
        form.addRow(tr("Example"), self.date_example)
        self.buddhist_era.toggled.connect(self._update_example)
        self.thai_digits.toggled.connect(self._update_example)
        self._update_example()
        layout.addWidget(maps)

        project_box = QGroupBox(tr("Mapping projects"), self)
        project_form = QFormLayout(project_box)
        self.basemap_url = QLineEdit(settings.basemap_url(), project_box)
        self.basemap_url.setPlaceholderText("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
        self.basemap_url.setToolTip(
            tr("An XYZ tile source that new mapping projects show under everything, switched off; empty: none.")
        )
        project_form.addRow(tr("Imagery / basemap (XYZ URL)"), self.basemap_url)
        layout.addWidget(project_box)

        progress = QGroupBox(tr("Progress over time"), self)
        progress_layout = QVBoxLayout(progress)
        self.daily_snapshot = QCheckBox(
            tr("Record progress automatically once a day when coverage is refreshed"), progress
        )
        self.daily_snapshot.setChecked(settings.daily_snapshot())
        progress_layout.addWidget(self.daily_snapshot)
        layout.addWidget(progress)
        layout.addStretch(1)

    def _header_edit(self, value: str, default: str) -> QLineEdit:
        """A line of the page header; empty means the default (shown greyed as the placeholder)."""
        edit = QLineEdit(self)
        edit.setPlaceholderText(default)
        edit.setText("" if value == default else value)
        edit.setToolTip(
            tr("Printed at the top of map pages and report sheets; empty: {default}").format(default=default)
        )
        return edit

    def _field_list(self, names: list[str], required: tuple[str, ...]) -> QListWidget:
        widget = QListWidget(self)
        for name in names:
            item = QListWidgetItem(name, widget)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in required else Qt.CheckState.Unchecked)
        widget.setMaximumHeight(widget.sizeHintForRow(0) * (len(names) + 1) + 6)
        return widget

    @staticmethod
    def checked_fields(widget: QListWidget) -> tuple[str, ...]:
        return tuple(
            widget.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        )

    def apply_rule(self) -> RuleChange | None:
        """Store the checked fields as the database's rule and recompute coverage, when they changed
        and the user may; returns the change (None when nothing was stored)."""
        household = self.checked_fields(self.household_fields)
        member = self.checked_fields(self.member_fields)
        if not self.can_change_rule or (household, member) == (self.rule.household_fields, self.rule.member_fields):
            return None
        try:
            change = change_rule(self.database, household, member)
        except (RuleChangeError, CoverageError, DataSourceError) as error:
            self.last_error = str(error)
            text = tr("The completeness rule was not changed: {error}").format(error=error)
            _message(text, Qgis.MessageLevel.Warning)
            return None
        self.rule, self.last_change = change.new_rule, change
        if self._communities is not None:
            self._communities.dataProvider().reloadData()  # written through another connection
            self._communities.triggerRepaint()
        _message(
            tr("Completeness rule version {version} stored; city KR 8310 {old} → {new}.").format(
                version=change.new_rule.version,
                old=_percent(change.old_city_kr_pct),
                new=_percent(change.new_city_kr_pct),
            ),
            Qgis.MessageLevel.Success,
        )
        return change

    def _update_example(self) -> None:
        import datetime

        self.date_example.setText(
            format_date(
                datetime.date.today(), self.buddhist_era.isChecked(), self.thai_digits.isChecked(), user_language()
            )
        )

    def restore_defaults(self) -> None:
        for widget, defaults in (
            (self.household_fields, DEFAULT_RULE.household_fields),
            (self.member_fields, DEFAULT_RULE.member_fields),
        ):
            for row in range(widget.count()):
                item = widget.item(row)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if item.data(Qt.ItemDataRole.UserRole) in defaults
                    else Qt.CheckState.Unchecked
                )

    def apply(self) -> None:
        """Store the page's values (QGIS calls this when the dialog is accepted): a changed rule in the
        community database, with the coverage recomputed; the rest in QgsSettings."""
        self.apply_rule()
        settings.set_organisation(self.organisation_th.text(), self.organisation_en.text())
        settings.set_department(self.department_th.text(), self.department_en.text())
        settings.set_map_font(self.font_combo.currentFont().family())
        settings.set_buddhist_era(self.buddhist_era.isChecked())
        settings.set_thai_digits(self.thai_digits.isChecked())
        settings.set_daily_snapshot(self.daily_snapshot.isChecked())
        settings.set_basemap_url(self.basemap_url.text())


def _message(text: str, level) -> None:
    from qgis.utils import iface

    if iface is not None and iface.messageBar() is not None:
        iface.messageBar().pushMessage(tr("KR 8310"), text, level, 10)


class Kr8310OptionsFactory(QgsOptionsWidgetFactory):
    """Registered with iface.registerOptionsWidgetFactory; QGIS asks it for a page each time Options opens."""

    def __init__(self):
        super().__init__(tr("KR 8310"), QIcon(str(resource_path("icons", "icon.svg"))))

    def icon(self) -> QIcon:
        return QIcon(str(resource_path("icons", "icon.svg")))

    def createWidget(self, parent=None) -> Kr8310OptionsPage:  # noqa: N802 - QGIS API
        return Kr8310OptionsPage(parent)

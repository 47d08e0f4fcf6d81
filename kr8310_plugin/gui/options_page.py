"""The plugin's page in QGIS's Options dialog (Settings ▸ Options ▸ KR 8310).

Shows and stores core.toolbelt.settings: the fields a household and its members need to count as
complete, the default CRS, the font for map pages and reports, and how years and digits are
written on them.
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem
from qgis.gui import QgsOptionsPageWidget, QgsOptionsWidgetFactory, QgsProjectionSelectionWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont, QFontDatabase, QIcon
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..core.coverage.engine import CompletenessRule
from ..core.exports.locale_format import format_date
from ..core.toolbelt import settings
from ..core.toolbelt.i18n import tr, user_language
from ..core.toolbelt.paths import resource_path
from ..definitions.labels import FIELD_LABELS
from ..definitions.schema import HOUSEHOLDS_SPEC, MEMBERS_SPEC, REQUIRED_HOUSEHOLD_FIELDS, REQUIRED_MEMBER_FIELDS

OPTIONS_OBJECT_NAME = "Kr8310OptionsPage"
# Fields the completeness rule may require: what a mapper fills in, not ids or bookkeeping.
HOUSEHOLD_CHOICES = ("house_no", "building_type", "residence_years", "member_count")
MEMBER_CHOICES = ("age", "education", "occupation", "disability", "bedridden")


def _field_label(name: str, language: str) -> str:
    code = next((c for c in FIELD_LABELS.codes if c.key == name), None)
    if code is None:
        return name
    return f"{code.label_th if language == 'th' else code.label_en} ({name})"


def _choices(spec, preferred: tuple[str, ...]) -> list[str]:
    names = spec.field_names()
    return [n for n in preferred if n in names]


class Kr8310OptionsPage(QgsOptionsPageWidget):
    """Edits the settings; `apply()` (QGIS calls it on OK) stores them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName(OPTIONS_OBJECT_NAME)
        language = user_language()
        layout = QVBoxLayout(self)

        rules = settings.completeness_rules()
        completeness = QGroupBox(tr("Complete household: fields that must be filled"), self)
        box = QFormLayout(completeness)
        self.household_fields = self._field_list(_choices(HOUSEHOLDS_SPEC, HOUSEHOLD_CHOICES), rules.household_fields)
        self.member_fields = self._field_list(_choices(MEMBERS_SPEC, MEMBER_CHOICES), rules.member_fields)
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
        layout.addWidget(completeness)

        maps = QGroupBox(tr("Maps and reports"), self)
        form = QFormLayout(maps)
        self.crs_widget = QgsProjectionSelectionWidget(maps)
        self.crs_widget.setCrs(QgsCoordinateReferenceSystem(settings.default_crs()))
        form.addRow(tr("Default CRS"), self.crs_widget)
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
        layout.addStretch(1)

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

    def _update_example(self) -> None:
        import datetime

        self.date_example.setText(
            format_date(
                datetime.date.today(), self.buddhist_era.isChecked(), self.thai_digits.isChecked(), user_language()
            )
        )

    def restore_defaults(self) -> None:
        for widget, defaults in (
            (self.household_fields, REQUIRED_HOUSEHOLD_FIELDS),
            (self.member_fields, REQUIRED_MEMBER_FIELDS),
        ):
            for row in range(widget.count()):
                item = widget.item(row)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if item.data(Qt.ItemDataRole.UserRole) in defaults
                    else Qt.CheckState.Unchecked
                )

    def apply(self) -> None:
        """Store the page's values in QgsSettings (QGIS calls this when the dialog is accepted)."""
        settings.set_completeness_rules(
            CompletenessRule(self.checked_fields(self.household_fields), self.checked_fields(self.member_fields))
        )
        crs = self.crs_widget.crs()
        if crs.isValid():
            settings.set_default_crs(crs.authid())
        settings.set_map_font(self.font_combo.currentFont().family())
        settings.set_buddhist_era(self.buddhist_era.isChecked())
        settings.set_thai_digits(self.thai_digits.isChecked())


class Kr8310OptionsFactory(QgsOptionsWidgetFactory):
    """Registered with iface.registerOptionsWidgetFactory; QGIS asks it for a page each time Options opens."""

    def __init__(self):
        super().__init__(tr("KR 8310"), QIcon(str(resource_path("icons", "icon.svg"))))

    def icon(self) -> QIcon:
        return QIcon(str(resource_path("icons", "icon.svg")))

    def createWidget(self, parent=None) -> Kr8310OptionsPage:  # noqa: N802 - QGIS API
        return Kr8310OptionsPage(parent)

"""What the plugin adds to QGIS's own household form (configured in core/project/forms.py).

The form works without any of this (another QGIS, QField); with the plugin:

- the member list opens as a table (QGIS's relation editor in its table view: code-list cells,
  an age spin box, a bedridden check box; ids hidden by the members' attribute table config);
- the member count follows the rows of the table;
- OK first shows one list of everything wrong or missing, each message named by its field (and
  member row): hard problems keep the form open, soft ones ask "save anyway?";
- Thai digits typed into any number field of a form are taken as digits.

`FormWatcher` (started by the plugin) attaches a `HouseholdFormController` to every household form
that gets the keyboard focus, whichever QGIS tool opened it, and the Thai-digit filter to every
spin box of a form.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from qgis.core import QgsFeature, QgsFieldConstraints, QgsVectorLayer, QgsVectorLayerUtils
from qgis.gui import QgsAttributeForm, QgsDualView, QgsEditorWidgetWrapper, QgsRelationEditorWidget
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QObject, Qt
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ..core.coverage.live import LAYER_PROPERTY
from ..core.importing.normalise import thai_digits_to_ascii
from ..core.project import forms
from ..core.project.language import set_up_layers
from ..core.rules.completeness import DEFAULT_RULE, CompletenessRule
from ..core.storage import rule_store
from ..core.toolbelt.i18n import tr, user_language
from ..definitions import schema
from ..definitions.labels import FIELD_LABELS

HARD = QgsFieldConstraints.ConstraintStrengthHard
ATTACHED_PROPERTY = "kr8310_form_attached"
_KEY_0 = int(getattr(Qt.Key.Key_0, "value", Qt.Key.Key_0))  # a Python enum on Qt 6, an int on Qt 5


@dataclass(frozen=True)
class Problem:
    """One thing wrong or missing in a household form: where (field label, member row) and what."""

    field: str  # the field's name
    label: str  # what the mapper sees: the field's label, with the member row for a member's field
    message: str
    hard: bool
    member_row: int | None = None  # 1-based row of the member table


def _failed(layer: QgsVectorLayer, feature: QgsFeature, rule: forms.ConstraintRule) -> bool:
    index = layer.fields().indexFromName(rule.field)
    ok, _errors = QgsVectorLayerUtils.validateAttribute(layer, feature, index, rule.strength)
    return not ok


def household_problems(
    households: QgsVectorLayer,
    members: QgsVectorLayer,
    household: QgsFeature,
    language: str,
    completeness: CompletenessRule = DEFAULT_RULE,
) -> list[Problem]:
    """Every constraint of core.project.forms the household (as in its form) and its members (as in the
    edit buffer) fail, hard first, household before members, members in table order."""
    problems = []
    for rule in forms.HOUSEHOLD_RULES:
        if _failed(households, household, rule):
            label = FIELD_LABELS.label(rule.field, language)
            problems.append(Problem(rule.field, label, rule.text(language), rule.strength == HARD))
    household_id = household["household_id"]
    if household_id:
        request = f"\"household_id\" = '{str(household_id).replace(chr(39), chr(39) * 2)}'"
        # saved rows by id, then new ones (ids -1, -2, ...) in the order they were added
        rows = sorted(members.getFeatures(request), key=lambda feature: (feature.id() < 0, abs(feature.id())))
        for row, member in enumerate(rows, start=1):
            for rule in forms.member_rules(completeness):
                if rule.field != "household_id" and _failed(members, member, rule):
                    label = tr("Member {row}: {field}").format(row=row, field=FIELD_LABELS.label(rule.field, language))
                    problems.append(Problem(rule.field, label, rule.text(language), rule.strength == HARD, row))
    return sorted(problems, key=lambda problem: not problem.hard)


def problems_text(problems: list[Problem]) -> str:
    """The list shown at OK: one line per problem, its field first."""
    return "\n".join(f"• {problem.label}: {problem.message}" for problem in problems)


def ask_with_message_box(parent: QWidget, problems: list[Problem]) -> bool:
    """Show the problems; True when the mapper chooses to save anyway (only offered when all are soft)."""
    hard = any(problem.hard for problem in problems)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if hard else QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Household form"))
    if hard:
        box.setText(tr("The household cannot be saved yet. Please correct:"))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    else:
        box.setText(tr("Some answers are missing. Save the household anyway and complete it later?"))
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setInformativeText(problems_text(problems))
    return box.exec() == QMessageBox.StandardButton.Save and not hard


class HouseholdFormController(QObject):
    """The plugin's additions to one household QgsAttributeForm (see the module docstring).

    `ask(parent, problems) -> bool` shows the list at OK (default: a message box)."""

    def __init__(
        self,
        form: QgsAttributeForm,
        members: QgsVectorLayer,
        ask: Callable[[QWidget, list[Problem]], bool] | None = None,
        completeness: CompletenessRule | None = None,
    ):
        super().__init__(form)
        self.form = form
        self.households = form.layer()
        self.members = members
        self.ask = ask or ask_with_message_box
        self.language = user_language()
        if completeness is None:
            try:
                completeness = rule_store.read_rule(members)
            except rule_store.RuleStoreError:
                completeness = DEFAULT_RULE
        self.completeness = completeness
        self.last_problems: list[Problem] = []
        self._connections: list[tuple[object, Callable]] = []
        form.setProperty(ATTACHED_PROPERTY, True)
        self.show_members_as_table()
        self.original_ok, self.ok_button = self._take_over_ok()
        for signal in (members.featureAdded, members.featureDeleted):
            signal.connect(self.follow_member_rows)
            self._connections.append((signal, self.follow_member_rows))
        form.destroyed.connect(self.disconnect_layers)

    def show_members_as_table(self) -> None:
        for editor in widgets_of(self.form, QgsRelationEditorWidget):
            editor.setViewMode(QgsDualView.ViewMode.AttributeTable)

    def _take_over_ok(self) -> tuple[QPushButton | None, QPushButton | None]:
        """Put our OK in the place of the form's: ours checks, then presses the original."""
        box = self.form.findChild(QDialogButtonBox)
        original = box.button(QDialogButtonBox.StandardButton.Ok) if box is not None else None
        if original is None:
            return None, None
        ours = box.addButton(original.text(), QDialogButtonBox.ButtonRole.ActionRole)
        ours.setObjectName("mKr8310HouseholdOk")
        ours.setDefault(True)
        ours.clicked.connect(self.confirm_and_save)
        original.hide()
        return original, ours

    def current_household(self) -> QgsFeature:
        return self.form.currentFormFeature()

    def household_id(self) -> str | None:
        value = self.current_household()["household_id"]
        return str(value) if value else None

    def member_rows(self) -> int:
        household_id = self.household_id()
        if not household_id:
            return 0
        escaped = household_id.replace("'", "''")
        return sum(1 for _ in self.members.getFeatures(f"\"household_id\" = '{escaped}'"))

    def follow_member_rows(self, *_args) -> None:
        """Set the member count to the number of rows in the member table (when there are any)."""
        rows = self.member_rows()
        if rows and self.current_household()["member_count"] != rows:
            self.form.changeAttribute("member_count", rows)

    def problems(self) -> list[Problem]:
        return household_problems(
            self.households, self.members, self.current_household(), self.language, self.completeness
        )

    def confirm_and_save(self) -> bool:
        """What our OK does: list the problems; save (press the original OK) unless a hard one is
        left or the mapper goes back. True when the form was handed on to save."""
        self.last_problems = self.problems()
        if self.last_problems:
            save_anyway = self.ask(self.form, self.last_problems)
            if not save_anyway or any(problem.hard for problem in self.last_problems):
                return False
        if self.original_ok is None or not self.original_ok.isEnabled():
            # QGIS still refuses (a constraint of its own): its reasons, in the same list
            reasons = [Problem(name, name, reason, True) for name, reason in self._blocking_reasons()]
            if reasons:
                self.ask(self.form, reasons)
            return False
        self.original_ok.click()
        return True

    def _blocking_reasons(self) -> list[tuple[str, str]]:
        return [
            (wrapper.field().displayName(), wrapper.constraintFailureReason())
            for wrapper in self.form.findChildren(QgsEditorWidgetWrapper)
            if wrapper.isBlockingCommit()
        ]

    def disconnect_layers(self, *_args) -> None:
        for signal, slot in self._connections:
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(slot)
        self._connections.clear()


class ThaiDigitFilter(QObject):
    """Takes Thai digits (and other non-ASCII decimal digits) typed into a widget as 0-9."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress:
            return False
        text = event.text()
        if not text or text.isascii():
            return False
        ascii_text = thai_digits_to_ascii(text)
        if ascii_text == text or not ascii_text.isdigit():
            return False
        for digit in ascii_text:
            typed = QKeyEvent(QEvent.Type.KeyPress, _KEY_0 + int(digit), event.modifiers(), digit)
            QCoreApplication.sendEvent(watched, typed)
        return True


def accept_thai_digits(spin_box: QAbstractSpinBox, digit_filter: ThaiDigitFilter) -> None:
    """Install `digit_filter` on a spin box and its text field (once): keys reach either, whichever has
    the focus (QGIS's spin boxes bring a text field of their own)."""
    for widget in [spin_box, *spin_box.findChildren(QLineEdit)]:
        if not widget.property(ATTACHED_PROPERTY):
            widget.installEventFilter(digit_filter)
            widget.setProperty(ATTACHED_PROPERTY, True)


def _as(widget: QWidget, cls):
    """`widget` as a `cls` (sip may hand out a C++-made QGIS widget as its Qt base class)."""
    return widget if isinstance(widget, cls) else sip.cast(widget, cls)


def widgets_of(parent: QWidget, cls) -> list:
    """The descendants of `parent` that are `cls` widgets, matched by their Qt class name."""
    return [_as(widget, cls) for widget in parent.findChildren(QWidget) if widget.inherits(cls.__name__)]


def enclosing_form(widget: QWidget | None) -> QgsAttributeForm | None:
    while widget is not None:
        if widget.inherits("QgsAttributeForm"):
            return _as(widget, QgsAttributeForm)
        widget = widget.parentWidget()
    return None


class FormWatcher(QObject):
    """Attaches the plugin's additions to forms as the keyboard focus enters them."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.digit_filter = ThaiDigitFilter(self)
        QApplication.instance().focusChanged.connect(self.focus_changed)

    def focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        form = enclosing_form(now)
        if form is None:
            return
        self.attach(form)
        spin_box = now if isinstance(now, QAbstractSpinBox) else now.parentWidget()
        if isinstance(spin_box, QAbstractSpinBox):
            accept_thai_digits(spin_box, self.digit_filter)

    def attach(self, form: QgsAttributeForm) -> HouseholdFormController | None:
        """The controller of a household form of a set-up project (made once); None for other forms."""
        for spin_box in form.findChildren(QAbstractSpinBox):
            accept_thai_digits(spin_box, self.digit_filter)
        layer = form.layer()
        if (
            form.property(ATTACHED_PROPERTY)
            or layer is None
            or layer.customProperty(LAYER_PROPERTY) != schema.HOUSEHOLDS
        ):
            return None
        project = layer.project()
        members = set_up_layers(project).get(schema.MEMBERS) if project is not None else None
        if members is None:
            return None
        return HouseholdFormController(form, members)

    def unload(self) -> None:
        with contextlib.suppress(TypeError, RuntimeError):
            QApplication.instance().focusChanged.disconnect(self.focus_changed)

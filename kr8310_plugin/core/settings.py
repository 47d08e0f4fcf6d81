"""Plugin settings stored in QgsSettings (shown on the plugin's page of QGIS's Options dialog)."""

from __future__ import annotations

from qgis.core import QgsSettings

from ..definitions.schema import REQUIRED_HOUSEHOLD_FIELDS, REQUIRED_MEMBER_FIELDS
from .coverage import CompletenessRules

PREFIX = "kr8310/"
KEY_HOUSEHOLD_FIELDS = PREFIX + "completeness/household_fields"
KEY_MEMBER_FIELDS = PREFIX + "completeness/member_fields"


def parse_field_list(text: str) -> tuple[str, ...]:
    """'house_no, building_type' -> ('house_no', 'building_type'); blanks and repeats dropped."""
    return tuple(dict.fromkeys(item.strip() for item in text.replace(";", ",").split(",") if item.strip()))


def completeness_rules() -> CompletenessRules:
    """The required fields as the user set them, else the KR 8310 defaults."""
    settings = QgsSettings()
    household = parse_field_list(settings.value(KEY_HOUSEHOLD_FIELDS, "", type=str))
    member = parse_field_list(settings.value(KEY_MEMBER_FIELDS, "", type=str))
    return CompletenessRules(household or REQUIRED_HOUSEHOLD_FIELDS, member or REQUIRED_MEMBER_FIELDS)


def set_completeness_rules(rules: CompletenessRules) -> None:
    settings = QgsSettings()
    settings.setValue(KEY_HOUSEHOLD_FIELDS, ", ".join(rules.household_fields))
    settings.setValue(KEY_MEMBER_FIELDS, ", ".join(rules.member_fields))

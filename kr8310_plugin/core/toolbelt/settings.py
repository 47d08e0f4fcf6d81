"""Plugin settings stored in QgsSettings (shown on the plugin's page of QGIS's Options dialog)."""

from __future__ import annotations

from qgis.core import QgsSettings

from ...definitions.schema import CRS_AUTHID, REQUIRED_HOUSEHOLD_FIELDS, REQUIRED_MEMBER_FIELDS
from ..coverage.engine import CompletenessRule

PREFIX = "kr8310/"
KEY_HOUSEHOLD_FIELDS = PREFIX + "completeness/household_fields"
KEY_MEMBER_FIELDS = PREFIX + "completeness/member_fields"
KEY_DEFAULT_CRS = PREFIX + "maps/default_crs"
KEY_MAP_FONT = PREFIX + "maps/font_family"
KEY_BUDDHIST_ERA = PREFIX + "locale/buddhist_era"
KEY_THAI_DIGITS = PREFIX + "locale/thai_digits"

DEFAULT_MAP_FONT = "Laksaman"  # fonts-thai-tlwg's TH Sarabun look-alike: Thai and Latin glyphs
DEFAULT_BUDDHIST_ERA = True  # BMA documents are dated in the Buddhist era


def parse_field_list(text: str) -> tuple[str, ...]:
    """'house_no, building_type' -> ('house_no', 'building_type'); blanks and repeats dropped."""
    return tuple(dict.fromkeys(item.strip() for item in text.replace(";", ",").split(",") if item.strip()))


def completeness_rules() -> CompletenessRule:
    """The required fields as the user set them, else the KR 8310 defaults."""
    settings = QgsSettings()
    household = parse_field_list(settings.value(KEY_HOUSEHOLD_FIELDS, "", type=str))
    member = parse_field_list(settings.value(KEY_MEMBER_FIELDS, "", type=str))
    return CompletenessRule(household or REQUIRED_HOUSEHOLD_FIELDS, member or REQUIRED_MEMBER_FIELDS)


def set_completeness_rules(rules: CompletenessRule) -> None:
    settings = QgsSettings()
    settings.setValue(KEY_HOUSEHOLD_FIELDS, ", ".join(rules.household_fields))
    settings.setValue(KEY_MEMBER_FIELDS, ", ".join(rules.member_fields))


def default_crs() -> str:
    """Auth id of the CRS new databases, projects and exports use (default EPSG:32647)."""
    return QgsSettings().value(KEY_DEFAULT_CRS, "", type=str) or CRS_AUTHID


def set_default_crs(authid: str) -> None:
    QgsSettings().setValue(KEY_DEFAULT_CRS, authid)


def map_font() -> str:
    """Font family for map pages and reports (Thai-capable)."""
    return QgsSettings().value(KEY_MAP_FONT, "", type=str) or DEFAULT_MAP_FONT


def set_map_font(family: str) -> None:
    QgsSettings().setValue(KEY_MAP_FONT, family)


def buddhist_era() -> bool:
    """Whether map pages and reports give years in the Buddhist era (พ.ศ. 2568)."""
    return QgsSettings().value(KEY_BUDDHIST_ERA, DEFAULT_BUDDHIST_ERA, type=bool)


def set_buddhist_era(enabled: bool) -> None:
    QgsSettings().setValue(KEY_BUDDHIST_ERA, bool(enabled))


def thai_digits() -> bool:
    """Whether numbers and dates on map pages and reports use Thai digits (๒๕๖๘); off by default."""
    return QgsSettings().value(KEY_THAI_DIGITS, False, type=bool)


def set_thai_digits(enabled: bool) -> None:
    QgsSettings().setValue(KEY_THAI_DIGITS, bool(enabled))

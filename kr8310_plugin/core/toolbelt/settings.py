"""Per-user plugin settings stored in QgsSettings (shown on the plugin's page of QGIS's Options dialog).

How maps and reports look, and whether the dashboard records progress by itself. The
completeness rule is not here: it belongs to the community database
(core/storage/rule_store.py), so every user and every path counts alike.
"""

from __future__ import annotations

from qgis.core import QgsSettings

PREFIX = "kr8310/"
KEY_MAP_FONT = PREFIX + "maps/font_family"
KEY_BUDDHIST_ERA = PREFIX + "locale/buddhist_era"
KEY_THAI_DIGITS = PREFIX + "locale/thai_digits"
KEY_DAILY_SNAPSHOT = PREFIX + "progress/daily_snapshot"

DEFAULT_MAP_FONT = "Laksaman"  # fonts-thai-tlwg's TH Sarabun look-alike: Thai and Latin glyphs
DEFAULT_BUDDHIST_ERA = True  # BMA documents are dated in the Buddhist era
DEFAULT_DAILY_SNAPSHOT = False  # a snapshot is kept for ever: recording one is the user's choice


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


def daily_snapshot() -> bool:
    """Whether the dashboard records today's progress snapshot, once a day, when it refreshes coverage."""
    return QgsSettings().value(KEY_DAILY_SNAPSHOT, DEFAULT_DAILY_SNAPSHOT, type=bool)


def set_daily_snapshot(enabled: bool) -> None:
    QgsSettings().setValue(KEY_DAILY_SNAPSHOT, bool(enabled))

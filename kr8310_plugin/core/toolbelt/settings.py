"""Per-user plugin settings stored in QgsSettings (shown on the plugin's page of QGIS's Options dialog).

How maps and reports look, and whether the dashboard records progress by itself. The
completeness rule is not here: it belongs to the community database
(core/storage/rule_store.py), so every user and every path counts alike.
"""

from __future__ import annotations

from qgis.core import QgsSettings

from ...definitions import print_texts
from ...definitions.print_texts import PrintText
from .fonts import installed_thai_font

PREFIX = "kr8310/"
KEY_MAP_FONT = PREFIX + "maps/font_family"
KEY_BUDDHIST_ERA = PREFIX + "locale/buddhist_era"
KEY_THAI_DIGITS = PREFIX + "locale/thai_digits"
KEY_DAILY_SNAPSHOT = PREFIX + "progress/daily_snapshot"
# The header of map pages and report sheets, in both languages (empty: the BMA / City Planning defaults).
KEY_ORGANISATION_TH = PREFIX + "maps/organisation_th"
KEY_ORGANISATION_EN = PREFIX + "maps/organisation_en"
KEY_DEPARTMENT_TH = PREFIX + "maps/department_th"
KEY_DEPARTMENT_EN = PREFIX + "maps/department_en"
# The export dialogs: open the written file when done (default yes), and where a PostGIS export goes.
KEY_OPEN_EXPORTS = PREFIX + "exports/open_when_done"
KEY_EXPORT_FOLDER = PREFIX + "exports/last_folder"
# An XYZ tile source (https://…/{z}/{x}/{y}.png) the set-up project shows under everything; empty: none.
KEY_BASEMAP_URL = PREFIX + "project/basemap_xyz_url"

DEFAULT_MAP_FONT = "Laksaman"  # fonts-thai-tlwg's TH Sarabun look-alike: Thai and Latin glyphs
DEFAULT_BUDDHIST_ERA = True  # BMA documents are dated in the Buddhist era
DEFAULT_DAILY_SNAPSHOT = False  # a snapshot is kept for ever: recording one is the user's choice


def map_font() -> str:
    """Font family for map pages and reports (Thai-capable): the chosen one, else the default, and
    when this machine lacks it (Laksaman on Windows) the first Thai font it has."""
    return installed_thai_font(QgsSettings().value(KEY_MAP_FONT, "", type=str) or DEFAULT_MAP_FONT)


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


def _bilingual(key_th: str, key_en: str, default: PrintText) -> PrintText:
    stored = QgsSettings()
    th = stored.value(key_th, "", type=str).strip()
    en = stored.value(key_en, "", type=str).strip()
    return PrintText(th or default.th, en or default.en)


def _set_bilingual(key_th: str, key_en: str, th: str, en: str) -> None:
    stored = QgsSettings()
    stored.setValue(key_th, th.strip())
    stored.setValue(key_en, en.strip())


def organisation() -> PrintText:
    """The organisation heading map pages and reports (default: กรุงเทพมหานคร / Bangkok Metropolitan Administration)."""
    return _bilingual(KEY_ORGANISATION_TH, KEY_ORGANISATION_EN, print_texts.ORGANISATION)


def set_organisation(th: str, en: str) -> None:
    """Store the organisation; an empty text goes back to its default."""
    _set_bilingual(KEY_ORGANISATION_TH, KEY_ORGANISATION_EN, th, en)


def department() -> PrintText:
    """The department line under the organisation (default: สำนักผังเมือง / City Planning Department)."""
    return _bilingual(KEY_DEPARTMENT_TH, KEY_DEPARTMENT_EN, print_texts.DEPARTMENT)


def set_department(th: str, en: str) -> None:
    """Store the department; an empty text goes back to its default."""
    _set_bilingual(KEY_DEPARTMENT_TH, KEY_DEPARTMENT_EN, th, en)


def basemap_url() -> str:
    """The XYZ imagery/basemap URL set-up projects get as their bottom layer ("" when none)."""
    return QgsSettings().value(KEY_BASEMAP_URL, "", type=str).strip()


def set_basemap_url(url: str) -> None:
    QgsSettings().setValue(KEY_BASEMAP_URL, url.strip())

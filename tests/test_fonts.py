"""Map pages and labels name only fonts the machine has (QGIS warns about a missing font)."""

from __future__ import annotations

from qgis.PyQt.QtGui import QFontDatabase

from kr8310_plugin.core.toolbelt import settings
from kr8310_plugin.core.toolbelt.fonts import THAI_FONT_CANDIDATES, installed_thai_font


def test_a_preferred_font_is_kept_when_installed_else_the_first_thai_one_there_is():
    assert installed_thai_font("Tahoma", ["Arial", "Tahoma", "Loma"]) == "Tahoma"
    assert installed_thai_font("Laksaman", ["Arial", "Tahoma", "Loma"]) == "Tahoma"  # Windows: no Laksaman
    assert installed_thai_font("", ["Garuda"]) == "Garuda"
    assert installed_thai_font("Laksaman", ["Arial"]) == THAI_FONT_CANDIDATES[0]


def test_the_map_font_setting_falls_back_to_an_installed_font(qgis_app):
    before = settings.map_font()
    try:
        settings.set_map_font("No Such Font KR8310")
        assert settings.map_font() in QFontDatabase().families()
    finally:
        settings.set_map_font(before)

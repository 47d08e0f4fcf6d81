"""Thai fonts this machine has: labels and map pages never name a font the user lacks (QGIS warns
"Font … not available" when a project or layout does)."""

from __future__ import annotations

from collections.abc import Iterable

from qgis.PyQt.QtGui import QFontDatabase

# Fonts with Thai and Latin glyphs, best first: Windows' own (Leelawadee UI since Windows 8, Tahoma
# always), then Linux's (fonts-noto-core, fonts-thai-tlwg). Noto Sans Thai is also one QGIS 3.28+
# downloads by itself where it is missing.
THAI_FONT_CANDIDATES = ("Noto Sans Thai", "Leelawadee UI", "Tahoma", "Loma", "Garuda", "Laksaman")


def installed_thai_font(preferred: str = "", families: Iterable[str] | None = None) -> str:
    """`preferred` when installed, else the first installed of THAI_FONT_CANDIDATES, else the first
    candidate. `families`: the installed families (default: this machine's)."""
    available = set(QFontDatabase().families() if families is None else families)
    if preferred and preferred in available:
        return preferred
    return next((family for family in THAI_FONT_CANDIDATES if family in available), THAI_FONT_CANDIDATES[0])

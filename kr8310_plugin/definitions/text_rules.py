"""What blank text is: the characters a value may consist of and still count as not entered.

The one list. The Python rule strips these characters and every SQL dialect and the QGIS
expression are generated from it (core/rules/completeness.py), so "blank" means the same
in a form, in a GeoPackage, in PostGIS and in the coverage engine.
"""

from __future__ import annotations

# Every character Python's str.isspace() accepts: Unicode White_Space plus the ASCII
# information separators U+001C-U+001F (a Thai keyboard, a spreadsheet or a phone can
# leave any of them, U+00A0 and U+3000 most often).
WHITESPACE_CHARACTERS = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

# Invisible format characters that copy-paste leaves behind: zero-width space, zero-width
# non-joiner, zero-width joiner, word joiner, byte-order mark, Mongolian vowel separator
# (whitespace before Unicode 6.3). Not whitespace to Python, but a cell holding only them
# looks empty to the person who filled it.
ZERO_WIDTH_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff\u180e"

# A text is blank when it consists only of these characters (or nothing).
BLANK_CHARACTERS = WHITESPACE_CHARACTERS + ZERO_WIDTH_CHARACTERS

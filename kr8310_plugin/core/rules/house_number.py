"""The key two house numbers are compared by: one rule, in Python, SQLite, PostgreSQL and QGIS.

'12/3', '๑๒/๓', '١٢/٣', '12 / 3' and '12\u200b/3' are one house number. The rule is one table of
characters (`KEY_MAP`), each replaced by its ASCII form or removed:

- a decimal digit of any script (Thai ๐-๙, Arabic-Indic ٠-٩, full-width ０-９, ... every Unicode
  Nd digit) becomes its ASCII digit;
- ASCII capitals become small letters ('10A' is '10a'); other letters are kept as they are;
- slash and dash look-alikes (full-width '／', fraction slash, en dash, minus sign, ...) become
  '/' and '-';
- whitespace of every kind, format characters (zero-width, bidi marks and controls, BOM, soft
  hyphen: Unicode Cf) and control characters are removed ('12 A' is '12A').

A text that is empty after that has no key (None / NULL): blank house numbers never collide.
A text longer than MAX_KEYED_LENGTH characters is its own key (nothing in a survey is that long;
the bound keeps the SQLite dialect finite).

Dialects, generated from the one table and proven equal by tests/test_house_number.py:
`house_number_key` (Python), `postgres_key_sql` (translate()), `qgis_key_expression` /
`house_number_key_expression` (replace() with arrays), and `sqlite_key_sql`, which needs the
table in the database (`sqlite_map_sql`): SQLite has no translate() and its parser refuses a
few dozen nested replace() calls. Pure Python, no QGIS.
"""

from __future__ import annotations

import hashlib
import unicodedata

from .sql_text import POSTGRES, QGIS_EXPRESSION, SQLITE, quote_identifier, quote_literal

MAX_KEYED_LENGTH = 2000

# The zero of every run of ten Unicode decimal digits (category Nd, Unicode 14) besides ASCII's.
# Written out, not read from unicodedata, so that the rule (and the database tables built from it)
# does not change with the Python that runs it.
_DIGIT_ZEROS = (
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
    0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
    0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
    0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0,
    0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0,
    0x1E950, 0x1FBF0,
)  # fmt: skip
_SLASHES = "\uff0f\u2215\u2044\u29f8"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
# Every character Python's str.isspace() accepts (definitions/text_rules.py's list).
_WHITESPACE = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Format characters (Unicode 14 category Cf), as ranges.
_FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
# Control characters but U+0000, which no database text holds.
_CONTROL_RANGES = ((0x01, 0x1F), (0x7F, 0x9F))


def _build_map() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for zero in _DIGIT_ZEROS:
        for digit in range(10):
            mapping[chr(zero + digit)] = str(digit)
    for capital in range(ord("A"), ord("Z") + 1):
        mapping[chr(capital)] = chr(capital).lower()
    mapping.update(dict.fromkeys(_SLASHES, "/"))
    mapping.update(dict.fromkeys(_DASHES, "-"))
    removed = set(_WHITESPACE)
    for low, high in (*_FORMAT_RANGES, *_CONTROL_RANGES):
        removed.update(chr(code) for code in range(low, high + 1))
    mapping.update(dict.fromkeys(sorted(removed), ""))
    return mapping


# character -> its replacement ('' removes it); every other character stays as it is.
KEY_MAP: dict[str, str] = _build_map()
_TRANSLATION = str.maketrans(KEY_MAP)
# Characters the key keeps as they are, or only lower-cases (ASCII): a text made of these alone is its
# own key in small letters, with no look-up (the SQLite and QGIS dialects' fast path).
_PLAIN_GLOB = "[^0-9A-Za-z/.-]"


def house_number_key(text: object) -> str | None:
    """The key of a house number: '๑๒ / ๓' -> '12/3', '10A' -> '10a'; None for None or blank."""
    if text is None:
        return None
    text = str(text)
    if len(text) > MAX_KEYED_LENGTH:
        return text or None
    return text.translate(_TRANSLATION) or None


def same_house_number(first: object, second: object) -> bool:
    """Whether two house numbers are the same by their keys (two blanks are never the same)."""
    key = house_number_key(first)
    return key is not None and key == house_number_key(second)


# --- PostgreSQL -----------------------------------------------------------------------------


def postgres_key_sql(expression: str) -> str:
    """PostgreSQL: the key of `expression` (text). IMMUTABLE, so usable in an index."""
    mapped = [(c, r) for c, r in KEY_MAP.items() if r]
    removed = [c for c, r in KEY_MAP.items() if not r]
    source = quote_literal("".join(c for c, _r in mapped) + "".join(removed), POSTGRES)
    target = quote_literal("".join(r for _c, r in mapped), POSTGRES)
    return (
        f"(CASE WHEN length({expression}) > {MAX_KEYED_LENGTH} THEN {expression} "
        f"ELSE nullif(translate({expression}, {source}, {target}), '') END)"
    )


# --- QGIS expressions -----------------------------------------------------------------------


def _qgis_character(character: str) -> str:
    code = ord(character)
    if code <= 0xFFFF or not unicodedata.category(character).startswith("C"):
        return quote_literal(character, QGIS_EXPRESSION)
    # QGIS's char() takes one UTF-16 unit: an invisible character beyond the BMP is a surrogate pair.
    high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
    return f"(char({high}) || char({low}))"


def qgis_key_expression(expression: str) -> str:
    """QGIS expression: the key of `expression` (any expression giving text)."""
    sources = ", ".join(_qgis_character(c) for c in KEY_MAP)
    targets = ", ".join(quote_literal(r, QGIS_EXPRESSION) for r in KEY_MAP.values())
    return (
        f"if(length({expression}) > {MAX_KEYED_LENGTH}, {expression}, "
        f"if(regexp_match({expression}, '{_PLAIN_GLOB}') = 0, nullif(lower({expression}), ''), "
        f"nullif(replace({expression}, array({sources}), array({targets})), '')))"
    )


def house_number_key_expression(field_name: str) -> str:
    """QGIS expression: the key of the house number in field `field_name` (for forms and filters)."""
    return qgis_key_expression(quote_identifier(field_name, QGIS_EXPRESSION))


def duplicate_house_number_expression(
    layer: str, house_no_field: str = "house_no", community_field: str = "community_id", id_field: str = "household_id"
) -> str:
    """QGIS expression, true when another feature of `layer` in the same community has the same
    house-number key as the current feature (the form's duplicate check).

    Built through eval() with the current values as literals, so that the provider answers the
    community part of the filter from its index and only that community's house numbers are keyed.
    """

    def as_literal(expression: str) -> str:
        quote = "''''"  # one ' inside a string literal of the outer expression
        return f"({quote} || replace(coalesce({expression}, ''), {quote}, '''''') || {quote})"

    def in_string(expression: str) -> str:
        return expression.replace("'", "''")

    community = quote_identifier(community_field, QGIS_EXPRESSION)
    key = house_number_key_expression(house_no_field)
    identifier = quote_identifier(id_field, QGIS_EXPRESSION)
    return (
        f"{key} IS NOT NULL AND eval('aggregate(''{in_string(layer)}'', ''count'', \"fid\", filter:="
        f"{in_string(community)} = ' || {as_literal(community)} || ' AND {in_string(key)} = ' || "
        f"{as_literal(key)} || ' AND {in_string(identifier)} <> ' || {as_literal(identifier)} || ')') > 0"
    )


# --- SQLite -----------------------------------------------------------------------------------

SQLITE_MAP_TABLE = "kr8310_house_number_map"
SQLITE_POSITIONS_TABLE = "kr8310_house_number_positions"


def sqlite_map_sql() -> list[str]:
    """The tables the SQLite dialect reads (the character map and the character positions) with their
    rows; idempotent."""
    rows = ", ".join(f"({quote_literal(c, SQLITE)}, {quote_literal(r, SQLITE)})" for c, r in KEY_MAP.items())
    positions = ", ".join(f"({n})" for n in range(1, MAX_KEYED_LENGTH + 1))
    return [
        f'CREATE TABLE IF NOT EXISTS "{SQLITE_MAP_TABLE}" (ch TEXT PRIMARY KEY, replacement TEXT NOT NULL) '
        "WITHOUT ROWID",
        f'INSERT OR IGNORE INTO "{SQLITE_MAP_TABLE}" (ch, replacement) VALUES {rows}',
        f'CREATE TABLE IF NOT EXISTS "{SQLITE_POSITIONS_TABLE}" (i INTEGER PRIMARY KEY)',
        f'INSERT OR IGNORE INTO "{SQLITE_POSITIONS_TABLE}" (i) VALUES {positions}',
    ]


def sqlite_key_sql(expression: str) -> str:
    """SQLite: the key of `expression` (text), reading the tables of `sqlite_map_sql`.

    A text of ASCII digits, letters, '/', '.' and '-' only is its key in small letters without a
    look-up; any other is mapped character by character in order."""
    characters = (
        f'SELECT substr({expression}, p.i, 1) AS c FROM "{SQLITE_POSITIONS_TABLE}" p '
        f"WHERE p.i <= length({expression}) ORDER BY p.i"
    )
    mapped = (
        f"(SELECT nullif(group_concat(coalesce(m.replacement, s.c), ''), '') FROM ({characters}) s "
        f'LEFT JOIN "{SQLITE_MAP_TABLE}" m ON m.ch = s.c)'
    )
    return (
        f"(CASE WHEN {expression} IS NULL THEN NULL WHEN length({expression}) > {MAX_KEYED_LENGTH} "
        f"THEN CAST({expression} AS TEXT) WHEN {expression} NOT GLOB '*{_PLAIN_GLOB}*' "
        f"THEN nullif(lower({expression}), '') ELSE {mapped} END)"
    )


def map_signature(mapping: dict[str, str] | None = None) -> str:
    """A short fingerprint of `mapping` (default KEY_MAP): a database whose stored map has another
    was made by another version of the rule."""
    digest = hashlib.sha256()
    for character, replacement in sorted((KEY_MAP if mapping is None else mapping).items()):
        digest.update(f"{ord(character)}:{replacement};".encode())
    return digest.hexdigest()[:16]

"""Quoting names and values into SQL (SQLite, PostgreSQL) and QGIS expressions.

The one place where text becomes code. Identifiers double their double quotes, literals
their single quotes, in all three languages (PostgreSQL with standard_conforming_strings on,
its default since 9.1). Invisible characters (control, format and separator characters other
than the plain space) are written as escapes, so generated SQL and expressions stay readable
and can be stored in a QGIS project (XML 1.0 cannot hold most control characters):
SQLite ``char(160)``, PostgreSQL ``E'\\u00a0'``, QGIS ``char(160)``. Pure Python, no QGIS.
"""

from __future__ import annotations

import math
import unicodedata

SQLITE = "sqlite"
POSTGRES = "postgres"
QGIS_EXPRESSION = "qgis"
SQL_DIALECTS = (SQLITE, POSTGRES)
DIALECTS = (SQLITE, POSTGRES, QGIS_EXPRESSION)

_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Zs"}


def _check_dialect(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; expected one of {', '.join(DIALECTS)}")


def _check_no_nul(text: str) -> None:
    # Neither SQLite's driver nor PostgreSQL text can carry U+0000.
    if "\x00" in text:
        raise ValueError("text with a NUL character cannot be quoted")


def _is_invisible(character: str) -> bool:
    return character != " " and unicodedata.category(character) in _INVISIBLE_CATEGORIES


def quote_identifier(name: str, dialect: str = SQLITE) -> str:
    """A column or table name as a quoted identifier ("a""b") for `dialect`.

    The same in SQLite, PostgreSQL and QGIS expressions. ValueError on NUL or an unknown dialect.
    """
    _check_dialect(dialect)
    _check_no_nul(name)
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: object, dialect: str = SQLITE) -> str:
    """A literal for None, bool, int, float or text in `dialect` ("sqlite", "postgres" or "qgis").

    Text comes back as a string literal that evaluates to exactly `value` (invisible characters
    escaped, see the module docstring); None as NULL; booleans as 1/0 in SQLite, TRUE/FALSE in
    PostgreSQL and true/false in QGIS. ValueError on NUL, a NaN or infinite number, an unknown
    dialect; TypeError for other types.
    """
    _check_dialect(dialect)
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        if dialect == SQLITE:
            return "1" if value else "0"
        if dialect == POSTGRES:
            return "TRUE" if value else "FALSE"
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no SQL literal")
        return repr(value)
    if not isinstance(value, str):
        raise TypeError(f"cannot quote a {type(value).__name__} as a literal")
    _check_no_nul(value)
    if dialect == POSTGRES:
        return _postgres_text(value)
    return _concatenated_text(value, dialect)


def _postgres_text(text: str) -> str:
    if not any(_is_invisible(c) for c in text):
        return "'" + text.replace("'", "''") + "'"
    # An escape string: backslashes double, invisible characters become \uXXXX / \UXXXXXXXX.
    parts = []
    for character in text:
        if character == "\\":
            parts.append("\\\\")
        elif character == "'":
            parts.append("''")
        elif _is_invisible(character):
            code = ord(character)
            parts.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            parts.append(character)
    return "E'" + "".join(parts) + "'"


def _concatenated_text(text: str, dialect: str) -> str:
    """SQLite and QGIS have no escape strings: visible runs as literals, the rest as char(code)."""
    pieces: list[str] = []
    run: list[str] = []  # visible characters not yet written
    codes: list[int] = []  # invisible characters not yet written

    def flush_run() -> None:
        if run:
            body = "".join(run).replace("'", "''")
            if dialect == QGIS_EXPRESSION:
                body = body.replace("\\", "\\\\")  # QGIS string literals take backslash escapes
            pieces.append("'" + body + "'")
            run.clear()

    def flush_codes() -> None:
        if codes:
            if dialect == SQLITE:
                pieces.append(f"char({', '.join(str(c) for c in codes)})")
            else:  # QGIS's char() takes one code
                pieces.extend(f"char({c})" for c in codes)
            codes.clear()

    for character in text:
        if _is_invisible(character):
            flush_run()
            codes.append(ord(character))
        else:
            flush_codes()
            run.append(character)
    flush_run()
    flush_codes()
    if not pieces:
        return "''"
    if len(pieces) == 1:
        return pieces[0]
    return "(" + " || ".join(pieces) + ")"

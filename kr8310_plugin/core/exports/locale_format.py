"""Numbers and dates as BMA readers expect them on map pages, reports and the dashboard.

Thai readers date documents in the Buddhist era (พ.ศ. = Common Era + 543); Thai digits
(๐–๙) are a style some offices use. Both are options (core.toolbelt.settings); digits stay Arabic
by default. Pure functions: values in, text out.
"""

from __future__ import annotations

import datetime as _dt

BUDDHIST_ERA_OFFSET = 543
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

MONTHS_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def thai_digits(text: str) -> str:
    """'2568' -> '๒๕๖๘'; every other character unchanged."""
    return text.translate(_THAI_DIGITS)


def _digits(text: str, use_thai_digits: bool) -> str:
    return thai_digits(text) if use_thai_digits else text


def buddhist_year(year: int) -> int:
    """Common Era year -> Buddhist Era year (2025 -> 2568)."""
    return year + BUDDHIST_ERA_OFFSET


def format_year(year: int, buddhist_era: bool = False, thai_digits: bool = False, language: str = "th") -> str:
    """A year for a page: 'พ.ศ. 2568' / 'B.E. 2568' in the Buddhist era, else '2025'."""
    if not buddhist_era:
        return _digits(str(year), thai_digits)
    prefix = "พ.ศ." if language == "th" else "B.E."
    return f"{prefix} {_digits(str(buddhist_year(year)), thai_digits)}"


def format_date(
    date: _dt.date | _dt.datetime,
    buddhist_era: bool = False,
    thai_digits: bool = False,
    language: str = "th",
) -> str:
    """A date written out: '25 พฤศจิกายน พ.ศ. 2569' (th, Buddhist era), '25 November 2026' (en).

    `language` 'th' gives Thai month names, anything else English ones.
    """
    months = MONTHS_TH if language == "th" else MONTHS_EN
    day = _digits(str(date.day), thai_digits)
    year = format_year(date.year, buddhist_era, thai_digits, language)
    return f"{day} {months[date.month - 1]} {year}"


def format_int(value: int | None, thai_digits: bool = False, empty: str = "–") -> str:
    """1234567 -> '1,234,567'; None -> `empty`."""
    if value is None:
        return empty
    return _digits(f"{value:,d}", thai_digits)


def format_signed_int(value: int | None, thai_digits: bool = False, empty: str = "–") -> str:
    """A difference: +12, −3 (a true minus sign), 0."""
    if value is None:
        return empty
    text = f"{value:+,d}" if value else "0"
    return _digits(text.replace("-", "−"), thai_digits)


def format_pct(value: float | None, decimals: int = 1, thai_digits: bool = False, empty: str = "–") -> str:
    """87.456 -> '87.5 %'; None -> `empty` (no registered households: no percentage)."""
    if value is None:
        return empty
    return _digits(f"{value:,.{decimals}f} %", thai_digits)

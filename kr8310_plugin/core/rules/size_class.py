"""Community size classes of KR 8310, by registered households."""

from __future__ import annotations

from ...definitions.schema import MEDIUM_MAX_HOUSEHOLDS, SMALL_MAX_HOUSEHOLDS


def size_class(registered_households: int | None) -> str | None:
    """'S' (<= 200), 'M' (201-500) or 'L' (>= 501); None when the count is unknown or negative."""
    if registered_households is None or registered_households < 0:
        return None
    if registered_households <= SMALL_MAX_HOUSEHOLDS:
        return "S"
    if registered_households <= MEDIUM_MAX_HOUSEHOLDS:
        return "M"
    return "L"


def size_class_sql(column: str = "registered_households") -> str:
    """The same rule as an SQL / QGIS expression (valid in SQLite, PostgreSQL and QGIS)."""
    return (
        f"CASE WHEN {column} IS NULL OR {column} < 0 THEN NULL"
        f" WHEN {column} <= {SMALL_MAX_HOUSEHOLDS} THEN 'S'"
        f" WHEN {column} <= {MEDIUM_MAX_HOUSEHOLDS} THEN 'M' ELSE 'L' END"
    )

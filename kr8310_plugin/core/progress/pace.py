"""The fiscal year and the pace towards the KR 8310 target: pure functions of dated KR % values.

BMA's fiscal year ends on 30 September; fiscal year B.E. 2568 runs from 1 October 2024 to
30 September 2025 (B.E. = C.E. + 543, named by the year it ends in). The target is 100 % by
the end of the fiscal year. Paces are in percentage points per 30 days.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..exports.locale_format import BUDDHIST_ERA_OFFSET

PACE_DAYS = 30
TARGET_PCT = 100.0

Series = Sequence[tuple[_dt.date, float | None]]


def fiscal_year_end(day: _dt.date) -> _dt.date:
    """30 September of the fiscal year `day` falls in."""
    return _dt.date(day.year + 1 if day.month >= 10 else day.year, 9, 30)


def fiscal_year_be(day: _dt.date) -> int:
    """The Buddhist-era number of the fiscal year `day` falls in (1 Oct 2024 → 2568)."""
    return fiscal_year_end(day).year + BUDDHIST_ERA_OFFSET


def fiscal_year_dates(fiscal_year_be_number: int) -> tuple[_dt.date, _dt.date]:
    """(1 October, 30 September) of fiscal year B.E. `fiscal_year_be_number`."""
    end_year = fiscal_year_be_number - BUDDHIST_ERA_OFFSET
    return _dt.date(end_year - 1, 10, 1), _dt.date(end_year, 9, 30)


def _points(series: Iterable[tuple[_dt.date, float | None]]) -> list[tuple[_dt.date, float]]:
    """The dated values that exist (no KR % without registered households), oldest first."""
    return sorted((day, float(value)) for day, value in series if value is not None)


def current_pace(series: Iterable[tuple[_dt.date, float | None]]) -> float | None:
    """Percentage points per 30 days between the last two snapshots with a value; None with fewer."""
    points = _points(series)
    if len(points) < 2:
        return None
    (first_day, first), (last_day, last) = points[-2], points[-1]
    return (last - first) * PACE_DAYS / (last_day - first_day).days


def pace_needed(
    series: Iterable[tuple[_dt.date, float | None]], target_date: _dt.date, target_pct: float = TARGET_PCT
) -> float | None:
    """Percentage points per 30 days still needed, from the last value, to reach `target_pct` on
    `target_date`: 0 when reached; None without a value or when the target date is not after the
    last snapshot (no time left to pace)."""
    points = _points(series)
    if not points:
        return None
    last_day, last = points[-1]
    if last >= target_pct:
        return 0.0
    days = (target_date - last_day).days
    if days <= 0:
        return None
    return (target_pct - last) * PACE_DAYS / days


@dataclass(frozen=True)
class PaceRow:
    key: str
    name_th: str | None
    name_en: str | None
    kr_pct: float | None  # at the last snapshot
    current_pace: float | None
    needed_pace: float | None

    @property
    def gap(self) -> float | None:
        """Current minus needed pace: below 0, falling behind the target."""
        if self.current_pace is None or self.needed_pace is None:
            return None
        return self.current_pace - self.needed_pace


def pace_table(
    series_by_key: dict[str, Series], names: dict[str, tuple[str | None, str | None]], target_date: _dt.date
) -> list[PaceRow]:
    """One row per key, sorted by (current − needed pace), furthest behind first; keys without
    a gap (fewer than two snapshots, or no time left) last, by key."""
    rows = []
    for key, series in series_by_key.items():
        points = _points(series)
        name_th, name_en = names.get(key, (None, None))
        rows.append(
            PaceRow(
                key,
                name_th,
                name_en,
                points[-1][1] if points else None,
                current_pace(points),
                pace_needed(points, target_date),
            )
        )
    return sorted(rows, key=lambda row: (row.gap is None, row.gap if row.gap is not None else 0.0, row.key))

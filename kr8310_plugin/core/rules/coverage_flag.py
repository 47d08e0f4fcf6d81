"""A community's coverage %, its coverage flag and the households KR 8310 counts for it.

The rule, once, in Python and as SQL (SQLite and PostgreSQL), side by side as in size_class.py;
tests/test_coverage_rules.py and tests/postgis/test_coverage_rules_postgis.py prove them equal.

- coverage % = 100 × complete ÷ registered; NULL when registered is unknown or ≤ 0.
- flag: `zero_registered` (no registered households), `over_register` (more complete than
  registered: kept as it is, not capped), `no_data` (nothing entered), else `ok`.
- KR 8310 counts a community's complete households up to its register, never beyond
  (`capped_complete`), and its registered households as at least 0 (`counted_registered`).
"""

from __future__ import annotations

from .sql_text import POSTGRES, SQLITE

FLAG_OK = "ok"
FLAG_OVER_REGISTER = "over_register"
FLAG_ZERO_REGISTERED = "zero_registered"
FLAG_NO_DATA = "no_data"
FLAGS = (FLAG_OK, FLAG_OVER_REGISTER, FLAG_ZERO_REGISTERED, FLAG_NO_DATA)


def coverage_pct(registered: int | None, complete: int) -> float | None:
    """100 × complete ÷ registered; None when registered is unknown or not positive."""
    if not registered or registered <= 0:
        return None
    return 100.0 * complete / registered


def coverage_flag(registered: int | None, entered: int, complete: int) -> str:
    """Why a community's coverage % looks as it does (one of FLAGS)."""
    if not registered or registered <= 0:
        return FLAG_ZERO_REGISTERED
    if complete > registered:
        return FLAG_OVER_REGISTER
    if entered == 0:
        return FLAG_NO_DATA
    return FLAG_OK


def counted_registered(registered: int | None) -> int:
    """Registered households as KR 8310 sums them: unknown or negative counts as 0."""
    return max(registered or 0, 0)


def capped_complete(registered: int | None, complete: int) -> int:
    """Complete households KR 8310 counts for a community: never more than its register."""
    return min(complete, counted_registered(registered))


# ---------------------------------------------------------------------------------------
# The same rules as SQL. Arguments are SQL expressions; `entered` and `complete` must not be
# NULL (callers coalesce them to 0, as the Python side gets 0 for "none").


def _least(dialect: str, *terms: str) -> str:
    return f"{'min' if dialect == SQLITE else 'LEAST'}({', '.join(terms)})"


def _greatest(dialect: str, *terms: str) -> str:
    return f"{'max' if dialect == SQLITE else 'GREATEST'}({', '.join(terms)})"


def _check(dialect: str) -> None:
    if dialect not in (SQLITE, POSTGRES):
        raise ValueError(f"unknown SQL dialect {dialect!r}")


def coverage_pct_sql(registered: str, complete: str, dialect: str = SQLITE) -> str:
    _check(dialect)
    cast = "::double precision" if dialect == POSTGRES else ""
    return f"(CASE WHEN {registered} > 0 THEN 100.0 * ({complete}) / {registered} END){cast}"


def coverage_flag_sql(registered: str, entered: str, complete: str, dialect: str = SQLITE) -> str:
    _check(dialect)
    return (
        f"CASE WHEN coalesce({registered}, 0) <= 0 THEN '{FLAG_ZERO_REGISTERED}'"
        f" WHEN ({complete}) > {registered} THEN '{FLAG_OVER_REGISTER}'"
        f" WHEN ({entered}) = 0 THEN '{FLAG_NO_DATA}'"
        f" ELSE '{FLAG_OK}' END"
    )


def counted_registered_sql(registered: str, dialect: str = SQLITE) -> str:
    _check(dialect)
    return _greatest(dialect, f"coalesce({registered}, 0)", "0")


def capped_complete_sql(registered: str, complete: str, dialect: str = SQLITE) -> str:
    _check(dialect)
    return _least(dialect, f"({complete})", counted_registered_sql(registered, dialect))

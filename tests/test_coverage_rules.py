"""The coverage %, flag and KR 8310 capping rules: Python and SQLite SQL agree on every awkward case
(tests/postgis/test_coverage_rules_postgis.py runs the same table on PostgreSQL)."""

from __future__ import annotations

import sqlite3

import pytest

from kr8310_plugin.core.rules import coverage_flag as rule
from kr8310_plugin.core.rules.sql_text import SQLITE

# (registered, entered, complete): unknown, negative and zero registers, over-register, nothing
# entered, the edges around the register.
CASES = [
    (None, 0, 0),
    (None, 3, 2),
    (-5, 2, 1),
    (0, 0, 0),
    (0, 4, 4),
    (1, 0, 0),
    (1, 1, 1),
    (10, 10, 11),
    (10, 3, 0),
    (200, 150, 150),
    (200, 250, 201),
    (501, 0, 0),
    (7, 7, 7),
]


def python_row(registered, entered, complete):
    return (
        rule.coverage_pct(registered, complete),
        rule.coverage_flag(registered, entered, complete),
        rule.counted_registered(registered),
        rule.capped_complete(registered, complete),
    )


def sql_select(dialect: str, placeholder) -> str:
    registered, entered, complete = (placeholder(name) for name in ("r", "e", "c"))
    return (
        f"SELECT {rule.coverage_pct_sql(registered, complete, dialect)}, "
        f"{rule.coverage_flag_sql(registered, entered, complete, dialect)}, "
        f"{rule.counted_registered_sql(registered, dialect)}, "
        f"{rule.capped_complete_sql(registered, complete, dialect)}"
    )


def same(left: tuple, right: tuple) -> bool:
    pct_left, pct_right = left[0], right[0]
    if (pct_left is None) != (pct_right is None):
        return False
    if pct_left is not None and abs(pct_left - pct_right) > 1e-9:
        return False
    return tuple(left[1:]) == tuple(right[1:])


@pytest.mark.parametrize("registered, entered, complete", CASES)
def test_sqlite_agrees_with_python(registered, entered, complete):
    connection = sqlite3.connect(":memory:")
    # A typed column, as in the GeoPackage: the register is an INTEGER there.
    connection.execute("CREATE TABLE t (r INTEGER, e INTEGER, c INTEGER)")
    connection.execute("INSERT INTO t VALUES (?, ?, ?)", (registered, entered, complete))
    row = connection.execute(sql_select(SQLITE, lambda name: name) + " FROM t").fetchone()
    assert same(row, python_row(registered, entered, complete)), (registered, entered, complete, row)


def test_the_flags_are_what_the_styles_and_reports_know():
    assert set(rule.FLAGS) == {"ok", "over_register", "zero_registered", "no_data"}
    assert rule.coverage_flag(10, 3, 11) == rule.FLAG_OVER_REGISTER  # over-register wins over no data
    assert rule.capped_complete(10, 11) == 10 and rule.coverage_pct(10, 11) == pytest.approx(110.0)


def test_an_unknown_dialect_is_refused():
    with pytest.raises(ValueError):
        rule.coverage_flag_sql("r", "e", "c", "oracle")

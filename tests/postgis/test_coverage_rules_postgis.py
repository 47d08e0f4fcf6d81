"""The coverage %, flag and capping rules in PostgreSQL agree with Python (see tests/test_coverage_rules.py)."""

from __future__ import annotations

import pytest
from test_coverage_rules import CASES, python_row, same, sql_select

from kr8310_plugin.core.rules.sql_text import POSTGRES

pytestmark = pytest.mark.postgis


@pytest.mark.parametrize("registered, entered, complete", CASES)
def test_postgres_agrees_with_python(pg_superuser, registered, entered, complete):
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            sql_select(POSTGRES, lambda name: f"%({name})s::integer"),
            {"r": registered, "e": entered, "c": complete},
        )
        row = cursor.fetchone()
    assert same(row, python_row(registered, entered, complete)), (registered, entered, complete, row)

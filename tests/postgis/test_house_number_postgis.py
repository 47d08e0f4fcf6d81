"""The PostgreSQL dialect of the house-number key gives Python's key (core/rules/house_number.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from test_house_number import AWKWARD, awkward_text

from kr8310_plugin.core.rules import house_number

pytestmark = pytest.mark.postgis


@pytest.fixture(scope="module")
def postgres_keys(pg_superuser):
    sql = f"SELECT {house_number.postgres_key_sql('%(value)s::text')}"

    def key(value):
        with pg_superuser.cursor() as cursor:
            cursor.execute(sql, {"value": None if value is None else str(value)})
            return cursor.fetchone()[0]

    return key


def test_postgres_agrees_on_awkward_values(postgres_keys):
    assert [postgres_keys(value) for value in AWKWARD] == [house_number.house_number_key(v) for v in AWKWARD]


def test_postgres_agrees_on_random_text(postgres_keys):
    @settings(max_examples=300, deadline=None, database=None)
    @given(value=awkward_text)
    def check(value):
        assert postgres_keys(value) == house_number.house_number_key(value)

    check()

"""The completeness rule in PostgreSQL: `filled_sql(..., "postgres")` gives Python's verdict on every
awkward value (tests/completeness_cases.py) a column of the plugin's PostgreSQL type can hold."""

from __future__ import annotations

from collections.abc import Sequence

import psycopg2
import pytest
from completeness_cases import FIELDS, RULES, FieldCase, cases, rule_fields, rule_rows

from kr8310_plugin.core.rules.completeness import (
    all_filled_sql,
    filled_sql,
    household_fields_filled,
    is_filled,
    member_filled,
)
from kr8310_plugin.core.rules.sql_text import quote_identifier, quote_literal
from kr8310_plugin.core.storage.postgis.ddl import table_ddl
from kr8310_plugin.definitions.schema import HOUSEHOLDS_SPEC, MEMBERS_SPEC, FieldSpec, LayerSpec
from kr8310_plugin.definitions.text_rules import BLANK_CHARACTERS

pytestmark = pytest.mark.postgis

LAYERS = {"households": HOUSEHOLDS_SPEC, "members": MEMBERS_SPEC}


@pytest.fixture()
def schema(pg_superuser, new_schema_name):
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"CREATE SCHEMA {new_schema_name}")
    yield new_schema_name
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA {new_schema_name} CASCADE")


def _store(cursor, schema: str, table: str, specs: Sequence[FieldSpec], rows: Sequence[Sequence]) -> int:
    """Create the table with the plugin's column types and insert each row; rows the types
    refuse cannot exist there and are left out. Returns the rows stored."""
    cursor.execute(table_ddl(schema, LayerSpec(table, None, tuple(specs))))
    columns = ", ".join(quote_identifier(s.name, "postgres") for s in specs)
    placeholders = ", ".join("%s" for _ in specs)
    stored = 0
    for row in rows:
        try:
            cursor.execute(f"INSERT INTO {schema}.{table} ({columns}) VALUES ({placeholders})", list(row))
            stored += 1
        except psycopg2.DataError:
            pass
        except psycopg2.ProgrammingError:  # e.g. an integer for a boolean column
            pass
        except psycopg2.IntegrityError:  # a CHECK the DDL adds by field name
            pass
    return stored


def test_server_reads_strings_standard_conforming(pg_superuser):
    with pg_superuser.cursor() as cursor:
        cursor.execute("SHOW standard_conforming_strings")
        assert cursor.fetchone()[0] == "on"


@pytest.mark.parametrize(
    "text", ["", "it's", 'say "hi"', "back\\slash", "\\'", "tab\there", "บ้านเลขที่ ๑๒", BLANK_CHARACTERS]
)
def test_literals_and_identifiers_round_trip(pg_superuser, text):
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT {quote_literal(text, 'postgres')}")
        assert cursor.fetchone()[0] == text
        if text and len(text.encode()) <= 63:  # PostgreSQL truncates longer names (NAMEDATALEN)
            cursor.execute(f"SELECT 1 AS {quote_identifier(text, 'postgres')}")
            assert cursor.description[0].name == text


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.id)
def test_postgres_sql_agrees_with_python(pg_superuser, schema, field: FieldCase):
    table = f"case_{field.name}"
    table_cases = cases(field)
    with pg_superuser.cursor() as cursor:
        # A column called `value`, free of the CHECKs the DDL adds to a field name.
        stored = _store(cursor, schema, table, [FieldSpec("value", field.kind)], [(v,) for v, _ in table_cases])
        cursor.execute(
            f"SELECT value, {filled_sql('value', field.spec, 'postgres', qualifier='c')} "
            f"FROM {schema}.{table} AS c ORDER BY fid"
        )
        rows = cursor.fetchall()
    assert len(rows) == stored > 0
    wrong = [(value, verdict) for value, verdict in rows if verdict is not is_filled(value, field.spec)]
    assert not wrong, wrong
    assert {verdict for _, verdict in rows} == {True, False}
    # Values stored as given keep the table's verdict.
    expected = {(type(v), v): ok for v, ok in table_cases if v == v}
    for value, verdict in rows:
        assert expected.get((type(value), value), verdict) is verdict, value


@pytest.mark.parametrize("rule_name", RULES)
@pytest.mark.parametrize("layer_name", LAYERS)
def test_postgres_all_filled_agrees_with_python_per_rule(pg_superuser, schema, rule_name, layer_name):
    rule, layer = RULES[rule_name], LAYERS[layer_name]
    names = rule_fields(rule, layer_name)
    python_rule = household_fields_filled if layer_name == "households" else member_filled
    specs = [FieldSpec(n, layer.get(n).kind if layer.get(n) else "text") for n in names]
    table = f"rule_{rule_name}_{layer_name}"
    with pg_superuser.cursor() as cursor:
        stored = _store(
            cursor, schema, table, specs, [[row[n] for n in names] for row, _ in rule_rows(rule, layer_name)]
        )
        columns = ", ".join(quote_identifier(n, "postgres") for n in names)
        cursor.execute(
            f"SELECT {all_filled_sql(names, layer, 'postgres')}, {columns} FROM {schema}.{table} ORDER BY fid"
        )
        rows = cursor.fetchall()
    assert len(rows) == stored > 0
    wrong = [values for verdict, *values in rows if verdict is not python_rule(dict(zip(names, values)), rule)]
    assert not wrong, wrong
    assert {verdict for verdict, *_ in rows} == {True, False}
    assert all_filled_sql((), layer, "postgres") == "TRUE"

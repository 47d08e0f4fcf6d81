"""One rule, every dialect: Python `is_filled`, SQLite SQL (in memory and in GeoPackage columns
of the declared types), and QGIS expressions (memory layers and GeoPackage features read by OGR)
give the same verdict on the awkward values of tests/completeness_cases.py."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from completeness_cases import FIELDS, RULES, FieldCase, cases, rule_fields, rule_rows
from qgis.core import NULL, QgsExpression, QgsExpressionContext, QgsFeature, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, QTime

from kr8310_plugin.core.rules.completeness import (
    COMPLETENESS_RULE_VERSION,
    DEFAULT_RULE,
    CompletenessRule,
    all_filled_expression,
    all_filled_sql,
    filled_expression,
    filled_sql,
    household_fields_filled,
    is_complete_household,
    is_filled,
    member_filled,
)
from kr8310_plugin.core.rules.sql_text import quote_identifier, quote_literal
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.core.storage import gpkg_database as database
from kr8310_plugin.definitions.codelists import CODE_LISTS_BY_FIELD
from kr8310_plugin.definitions.schema import (
    HOUSEHOLDS_SPEC,
    LAYER_SPECS,
    MEMBERS_SPEC,
    REQUIRED_HOUSEHOLD_FIELDS,
    REQUIRED_MEMBER_FIELDS,
    FieldSpec,
    LayerSpec,
)
from kr8310_plugin.definitions.text_rules import BLANK_CHARACTERS, WHITESPACE_CHARACTERS, ZERO_WIDTH_CHARACTERS

pytestmark = pytest.mark.usefixtures("qgis_app")

LAYERS = {"households": HOUSEHOLDS_SPEC, "members": MEMBERS_SPEC}
MEMORY_TYPES = {"text": "string", "integer": "integer", "real": "double", "boolean": "boolean", "datetime": "datetime"}
ISO_DATETIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z?")
AWKWARD_TEXTS = (
    "",
    "plain",
    "it's",
    "''",
    'say "hi"',
    "back\\slash",
    "\\'",
    "tab\there",
    "new\nline",
    "บ้านเลขที่ ๑๒",
    "\u00a0\u200b\ufeff\x1c",
    BLANK_CHARACTERS,
    "a\U0001f3e0b",
)


def _plain(name: str, kind: str) -> FieldSpec:
    """A column of the declared type without CHECKs: stores hold what other tools wrote too."""
    return FieldSpec(name, kind)


def _spec_layer(layer: LayerSpec, names: Sequence[str]) -> tuple[FieldSpec, ...]:
    return tuple(_plain(n, layer.get(n).kind if layer.get(n) else "text") for n in names)


def _mismatches(found: list) -> str:
    return "\n".join(repr(item) for item in found[:40])


# The QGIS checks run in helpers that return plain text: a failing test's frame then holds no
# QGIS object, which the garbage collector would otherwise free after QGIS has exited (a crash).


def _evaluate(expression: QgsExpression, context: QgsExpressionContext, feature: QgsFeature) -> bool | str:
    """True/False, or the reason the expression gave neither (an error, NULL)."""
    context.setFeature(feature)
    result = expression.evaluate(context)
    if expression.hasEvalError():
        return f"error: {expression.evalErrorString()}"
    if result not in (True, False):
        return f"not a boolean: {result!r}"
    return bool(result)


def _expression(text: str, layer: QgsVectorLayer) -> tuple[QgsExpression, QgsExpressionContext]:
    expression = QgsExpression(text)
    assert not expression.hasParserError(), expression.parserErrorString()
    context = QgsExpressionContext()
    context.setFields(layer.fields())
    expression.prepare(context)
    return expression, context


def _memory_layer(specs: Sequence[FieldSpec]) -> QgsVectorLayer:
    fields = "&".join(f"field={s.name}:{MEMORY_TYPES[s.kind]}" for s in specs)
    layer = QgsVectorLayer(f"None?{fields}", "cases", "memory")
    assert layer.isValid()
    return layer


def _store_in_memory_layer(layer: QgsVectorLayer, rows: Sequence[Sequence]) -> list[QgsFeature]:
    """Each row through the provider, as QGIS stores an edit; rows the field types reject are left out."""
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([NULL if v is None else v for v in row])
        layer.dataProvider().addFeatures([feature])
    return list(layer.getFeatures())


def _natural_storage(kind: str, stored: object, storage_class: str) -> bool:
    """Whether a GeoPackage value is one QGIS itself would write to a column of `kind`
    (OGR reads anything else its own way: text in an INTEGER column as 0, 2 as true...)."""
    if storage_class == "null":
        return True
    if kind == "text":
        return storage_class == "text"
    if kind == "integer":
        return storage_class == "integer"
    if kind == "real":
        return storage_class in ("integer", "real")
    if kind == "boolean":
        return storage_class == "integer" and stored in (0, 1)
    return storage_class == "text" and bool(ISO_DATETIME.fullmatch(stored))  # datetime


# ---------------------------------------------------------------------------------------
# The definition itself


def test_blank_characters_are_every_python_whitespace_and_the_zero_width_ones():
    assert set(WHITESPACE_CHARACTERS) == {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert all(unicodedata.category(c) == "Cf" for c in ZERO_WIDTH_CHARACTERS)
    assert len(set(BLANK_CHARACTERS)) == len(BLANK_CHARACTERS) == len(WHITESPACE_CHARACTERS) + 6


def test_the_default_rule_is_the_schema_default():
    assert CompletenessRule(REQUIRED_HOUSEHOLD_FIELDS, REQUIRED_MEMBER_FIELDS) == DEFAULT_RULE
    assert DEFAULT_RULE.version == COMPLETENESS_RULE_VERSION
    with pytest.raises(AttributeError):
        DEFAULT_RULE.household_fields = ()


def test_schema_declares_ranges_and_code_lists_and_derives_the_checks():
    assert HOUSEHOLDS_SPEC.field("member_count").sql_check == "member_count BETWEEN 1 AND 99"
    assert MEMBERS_SPEC.field("age").sql_check == "age BETWEEN 0 AND 120"
    assert LAYER_SPECS[0].field("registered_households").sql_check == "registered_households >= 0"
    assert LAYER_SPECS[0].field("size_class").sql_check == "size_class IN ('S', 'M', 'L')"
    assert HOUSEHOLDS_SPEC.field("house_no").sql_check == ""
    for name, code_list in CODE_LISTS_BY_FIELD.items():
        spec = HOUSEHOLDS_SPEC.get(name) or MEMBERS_SPEC.get(name)
        assert spec.code_list == code_list.name
        keys = code_list.keys()
        assert spec.codes == tuple(keys)
        assert spec.sql_check == f"{name} IN ({', '.join(repr(k) for k in keys)})"
    with pytest.raises(ValueError):
        FieldSpec("bad name", "text")


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.id)
def test_python_rule_gives_the_table_verdicts(field: FieldCase):
    wrong = [(value, expected) for value, expected in cases(field) if is_filled(value, field.spec) is not expected]
    assert not wrong, _mismatches(wrong)
    for null in (NULL, QDateTime(), QDate(), QTime()):
        assert not is_filled(null, field.spec)


def test_python_rule_takes_qt_dates_as_values():
    created_at = HOUSEHOLDS_SPEC.field("created_at")
    assert is_filled(QDateTime.currentDateTime(), created_at)
    assert is_filled(QDate(2024, 5, 1), created_at)


@pytest.mark.parametrize(
    "has_geometry, fields_filled, member_count, member_rows, complete_rows, expected",
    [
        (True, True, 3, 3, 3, True),
        (False, True, 3, 3, 3, False),
        (True, False, 3, 3, 3, False),
        (True, True, None, 0, 0, False),
        (True, True, 0, 0, 0, False),
        (True, True, 3, 2, 2, False),
        (True, True, 3, 4, 4, False),
        (True, True, 3, 3, 2, False),
        (True, True, 1, 1, 1, True),
    ],
)
def test_complete_household_formula(has_geometry, fields_filled, member_count, member_rows, complete_rows, expected):
    assert is_complete_household(has_geometry, fields_filled, member_count, member_rows, complete_rows) is expected


# ---------------------------------------------------------------------------------------
# Quoting


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_literals_and_identifiers_round_trip_in_sqlite_and_qgis(text):
    connection = sqlite3.connect(":memory:")
    assert connection.execute(f"SELECT {quote_literal(text, 'sqlite')}").fetchone()[0] == text
    expression = QgsExpression(quote_literal(text, "qgis"))
    assert not expression.hasParserError(), expression.parserErrorString()
    assert expression.evaluate(QgsExpressionContext()) == text
    if text:
        cursor = connection.execute(f"SELECT 1 AS {quote_identifier(text, 'sqlite')}")
        assert cursor.description[0][0] == text
        if "\\" not in text:  # QGIS's own quotedColumnRef leaves backslashes alone too
            assert quote_identifier(text, "qgis") == QgsExpression.quotedColumnRef(text)
            assert QgsExpression(quote_identifier(text, "qgis")).referencedColumns() == {text}
    for code in (quote_literal(text, d) for d in ("sqlite", "postgres", "qgis")):
        assert code.isprintable(), code  # invisible characters are escaped


def test_quoting_numbers_booleans_null_and_what_cannot_be_quoted():
    assert [quote_literal(v, "sqlite") for v in (None, True, False, 3, 2.5)] == ["NULL", "1", "0", "3", "2.5"]
    assert [quote_literal(v, "postgres") for v in (True, False)] == ["TRUE", "FALSE"]
    assert [quote_literal(v, "qgis") for v in (True, False)] == ["true", "false"]
    for bad in ("a\x00b", float("nan"), float("inf")):
        with pytest.raises(ValueError):
            quote_literal(bad, "sqlite")
    with pytest.raises(ValueError):
        quote_identifier("a\x00", "postgres")
    with pytest.raises(ValueError):
        quote_literal("x", "oracle")
    with pytest.raises(TypeError):
        quote_literal(b"x", "sqlite")


def test_generated_sql_and_expressions_are_printable():
    for field in FIELDS:
        for code in (
            filled_sql(field.name, field.spec, "sqlite"),
            filled_sql(field.name, field.spec, "postgres", qualifier="h"),
            filled_expression(field.name, field.spec),
        ):
            assert code.isprintable(), code
    with pytest.raises(ValueError):
        filled_sql("age", MEMBERS_SPEC.field("age"), "qgis")


# ---------------------------------------------------------------------------------------
# SQLite, values exactly as given (no column affinity)


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.id)
def test_sqlite_sql_gives_the_table_verdicts(field: FieldCase):
    connection = sqlite3.connect(":memory:")
    column = quote_identifier(field.name)
    connection.execute(f"CREATE TABLE t ({column})")  # no declared type: nothing converted
    table = cases(field)
    connection.executemany(f"INSERT INTO t ({column}) VALUES (?)", [(v,) for v, _ in table])
    verdicts = [
        row[0] for row in connection.execute(f"SELECT {filled_sql(field.name, field.spec)} FROM t ORDER BY rowid")
    ]
    wrong = [(value, expected, got) for (value, expected), got in zip(table, verdicts) if got != int(expected)]
    assert not wrong, _mismatches(wrong)


@pytest.mark.parametrize("rule_name", RULES)
@pytest.mark.parametrize("layer_name", LAYERS)
def test_sqlite_all_filled_agrees_with_python_per_rule(rule_name, layer_name):
    rule, layer = RULES[rule_name], LAYERS[layer_name]
    names = rule_fields(rule, layer_name)
    python_rule = household_fields_filled if layer_name == "households" else member_filled
    rows = list(rule_rows(rule, layer_name))
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE TABLE t ({', '.join(quote_identifier(n) for n in names)})")
    connection.executemany(
        f"INSERT INTO t VALUES ({', '.join('?' for _ in names)})", [[row[n] for n in names] for row, _ in rows]
    )
    sql = f"SELECT {all_filled_sql(names, layer, qualifier='x')} FROM t AS x ORDER BY rowid"
    verdicts = [row[0] for row in connection.execute(sql)]
    wrong = [
        (row, expected, python_rule(row, rule), got)
        for (row, expected), got in zip(rows, verdicts)
        if not (python_rule(row, rule) is expected and got == int(expected))
    ]
    assert not wrong, _mismatches(wrong)
    assert all_filled_sql((), layer) == "1"


# ---------------------------------------------------------------------------------------
# A real GeoPackage: columns of the declared types (affinity turns '5' into 5 in INTEGER)


def _case_table(field: FieldCase) -> str:
    return f"case_{field.name}"


def _rule_table(rule_name: str, layer_name: str) -> str:
    return f"rule_{rule_name}_{layer_name}"


def _create_table(connection: sqlite3.Connection, table: str, specs: Sequence[FieldSpec], rows) -> None:
    connection.execute(database.table_ddl(LayerSpec(table, None, tuple(specs))))
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES (?, 'attributes', ?)", (table, table)
    )
    gpkg.insert_rows(connection, table, [s.name for s in specs], rows)


@pytest.fixture(scope="module")
def case_gpkg(tmp_path_factory) -> Path:
    """A community database with one table per field (column `value`) and per rule and layer."""

    def populate(connection: sqlite3.Connection, districts) -> None:
        for field in FIELDS:
            _create_table(
                connection, _case_table(field), [_plain("value", field.kind)], [(v,) for v, _ in cases(field)]
            )
        for rule_name, rule in RULES.items():
            for layer_name, layer in LAYERS.items():
                names = rule_fields(rule, layer_name)
                rows = [[row[n] for n in names] for row, _ in rule_rows(rule, layer_name)]
                _create_table(connection, _rule_table(rule_name, layer_name), _spec_layer(layer, names), rows)

    return database.build_database(tmp_path_factory.mktemp("completeness") / "cases.gpkg", populate=populate)


def _ogr_features(path: Path, table: str) -> tuple[QgsVectorLayer, dict[int, QgsFeature]]:
    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    assert layer.isValid(), table
    return layer, {feature.id(): feature for feature in layer.getFeatures()}


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.id)
def test_geopackage_sql_and_ogr_expression_agree_with_python(case_gpkg, field: FieldCase):
    table = cases(field)
    connection = sqlite3.connect(case_gpkg)
    stored = connection.execute(
        f'SELECT fid, "value", typeof("value"), {filled_sql("value", field.spec)} '
        f"FROM {quote_identifier(_case_table(field))} ORDER BY fid"
    ).fetchall()
    connection.close()
    assert len(stored) == len(table)
    wrong = []
    for (raw, expected), (_, value, _, sql_verdict) in zip(table, stored):
        if sql_verdict != is_filled(value, field.spec):
            wrong.append(("sqlite vs python", raw, value, sql_verdict))
        if type(value) is type(raw) and value == raw and sql_verdict != expected:
            wrong.append(("sqlite vs table", raw, value, sql_verdict))
    wrong += _ogr_mismatches(case_gpkg, field, stored)
    assert not wrong, _mismatches(wrong)


def _ogr_mismatches(path: Path, field: FieldCase, stored: list[tuple]) -> list[str]:
    """The expression on each feature as OGR reads it: against Python on the same value, and
    against the SQL verdict where the row holds what QGIS itself would have written."""
    layer, features = _ogr_features(path, _case_table(field))
    expression, context = _expression(filled_expression("value", field.spec), layer)
    wrong = []
    for fid, value, storage_class, sql_verdict in stored:
        ogr_value = features[fid]["value"]
        qgis_verdict = _evaluate(expression, context, features[fid])
        if qgis_verdict != is_filled(ogr_value, field.spec):
            wrong.append(repr(("qgis vs python on OGR value", value, ogr_value, qgis_verdict)))
        if _natural_storage(field.kind, value, storage_class) and qgis_verdict != sql_verdict:
            wrong.append(repr(("qgis on OGR vs sqlite", value, ogr_value, qgis_verdict, sql_verdict)))
    return wrong


@pytest.mark.parametrize("rule_name", RULES)
@pytest.mark.parametrize("layer_name", LAYERS)
def test_geopackage_all_filled_agrees_with_python_per_rule(case_gpkg, rule_name, layer_name):
    rule, layer = RULES[rule_name], LAYERS[layer_name]
    names = rule_fields(rule, layer_name)
    python_rule = household_fields_filled if layer_name == "households" else member_filled
    table = _rule_table(rule_name, layer_name)
    connection = sqlite3.connect(case_gpkg)
    columns = ", ".join(quote_identifier(n) for n in names)
    stored = connection.execute(
        f"SELECT fid, {all_filled_sql(names, layer)}, {columns} FROM {quote_identifier(table)} ORDER BY fid"
    ).fetchall()
    connection.close()
    wrong = [
        ("sqlite vs python", values, sql_verdict)
        for _, sql_verdict, *values in stored
        if sql_verdict != python_rule(dict(zip(names, values)), rule)
    ]
    wrong += _ogr_rule_mismatches(case_gpkg, table, rule, layer, names, python_rule)
    assert not wrong, _mismatches(wrong)


def _ogr_rule_mismatches(path: Path, table: str, rule, layer: LayerSpec, names, python_rule) -> list[str]:
    ogr_layer, features = _ogr_features(path, table)
    expression, context = _expression(all_filled_expression(names, layer), ogr_layer)
    return [
        repr(("qgis vs python on OGR values", feature.attributes()))
        for feature in features.values()
        if _evaluate(expression, context, feature) != python_rule(feature, rule)
    ]


def test_geopackage_checks_refuse_invalid_values(case_gpkg):
    connection = gpkg.connect(case_gpkg)
    try:
        for table, column, value in (
            ("households", "building_type", "castle"),
            ("households", "member_count", 100),
            ("members", "education", "phd"),
            ("members", "age", 121),
        ):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                connection.execute(
                    f"INSERT INTO {table} ({table[:-1]}_id, {column}) VALUES ('check-1', ?)"
                    if table == "households"
                    else f"INSERT INTO {table} (member_id, household_id, {column}) VALUES ('check-1', 'h', ?)",
                    (value,),
                )
    finally:
        connection.rollback()
        connection.close()


# ---------------------------------------------------------------------------------------
# QGIS expressions on features as a QGIS provider stores them


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.id)
def test_qgis_expression_agrees_with_python_on_stored_features(field: FieldCase):
    python_verdicts, wrong = _memory_layer_mismatches(field)
    # Values the field type cannot hold are refused; the rest are kept or converted.
    assert python_verdicts == {True, False}
    assert not wrong, _mismatches(wrong)


def _memory_layer_mismatches(field: FieldCase) -> tuple[set[bool], list[str]]:
    layer = _memory_layer([_plain("value", field.kind)])
    features = _store_in_memory_layer(layer, [(v,) for v, _ in cases(field)])
    expression, context = _expression(filled_expression("value", field.spec), layer)
    wrong = []
    for feature in features:
        verdict = _evaluate(expression, context, feature)
        if verdict != is_filled(feature["value"], field.spec):
            wrong.append(repr((feature["value"], verdict)))
    return {is_filled(f["value"], field.spec) for f in features}, wrong


@pytest.mark.parametrize("rule_name", RULES)
@pytest.mark.parametrize("layer_name", LAYERS)
def test_qgis_all_filled_agrees_with_python_per_rule(rule_name, layer_name):
    rule, layer_spec = RULES[rule_name], LAYERS[layer_name]
    names = rule_fields(rule, layer_name)
    python_rule = household_fields_filled if layer_name == "households" else member_filled
    python_verdicts, wrong = _memory_layer_rule_mismatches(rule, layer_spec, layer_name, names, python_rule)
    assert python_verdicts == {True, False}
    assert not wrong, _mismatches(wrong)
    assert all_filled_expression((), layer_spec) == "true"


def _memory_layer_rule_mismatches(rule, layer_spec, layer_name, names, python_rule) -> tuple[set[bool], list[str]]:
    layer = _memory_layer(_spec_layer(layer_spec, names))
    rows = list(rule_rows(rule, layer_name))
    features = _store_in_memory_layer(layer, [[row[n] for n in names] for row, _ in rows])
    expression, context = _expression(all_filled_expression(names, layer_spec), layer)
    wrong = [
        repr(feature.attributes())
        for feature in features
        if _evaluate(expression, context, feature) != python_rule(feature, rule)
    ]
    return {python_rule(f, rule) for f in features}, wrong


# ---------------------------------------------------------------------------------------
# The coverage engine's two paths: features (a layer with a subset filter) and GeoPackage SQL

ENGINE_RULES = {
    "default": DEFAULT_RULE,
    "custom": CompletenessRule(("house_no", "member_count"), ("age", "bedridden")),
}
CLEAN_HOUSEHOLD = {"house_no": "12/3", "building_type": "row_house", "residence_years": 4, "member_count": 1}
CLEAN_MEMBER = {"age": 30, "education": "primary", "occupation": "trade", "disability": "none", "bedridden": 0}
# Text only in text columns: OGR reads text in a number column as a number (see _natural_storage).
AWKWARD_HOUSEHOLD_VALUES = {
    "house_no": ("\t", "\u00a0", "\u200b", " \u3000", "x\u200b"),
    "building_type": ("castle", "Row_house", " row_house", "\u00a0"),
    "residence_years": (150, -1, 0, 2.5, 121),
    "member_count": (0, 100, 2, "1", 1.0, -3),
}
AWKWARD_MEMBER_VALUES = {
    "age": (150, -1, 0, 120, 30.5),
    "education": ("phd", "\t", "Primary"),
    "occupation": ("\u200b", "trade "),
    "disability": ("", "none"),
    "bedridden": (1, 0),  # OGR reads any other number of a boolean field as true or false
}


@pytest.fixture(scope="module")
def engine_gpkg(tmp_path_factory) -> Path:
    """A community database with one community and households each holding one awkward value
    (the database's CHECKs switched off, as another tool may have written them)."""
    from qgis.core import QgsGeometry

    def populate(connection: sqlite3.Connection, districts) -> None:
        square = QgsGeometry.fromWkt("MULTIPOLYGON(((0 0, 100 0, 100 100, 0 100, 0 0)))")
        connection.execute(
            "INSERT INTO communities (geom, community_id, district_code, registered_households) VALUES (?, ?, ?, ?)",
            (gpkg.encode_geometry(square, 32647), "c1", 1001, 40),
        )
        connection.execute("PRAGMA ignore_check_constraints = ON")
        households = [(dict(CLEAN_HOUSEHOLD), [dict(CLEAN_MEMBER)])]
        households += [
            ({**CLEAN_HOUSEHOLD, name: value}, [dict(CLEAN_MEMBER)])
            for name, values in AWKWARD_HOUSEHOLD_VALUES.items()
            for value in values
        ]
        households += [
            (dict(CLEAN_HOUSEHOLD), [{**CLEAN_MEMBER, name: value}])
            for name, values in AWKWARD_MEMBER_VALUES.items()
            for value in values
        ]
        households.append(({**CLEAN_HOUSEHOLD, "member_count": 2}, [dict(CLEAN_MEMBER)] * 2))
        for index, (household, members) in enumerate(households):
            household_id = f"h{index:03d}"
            if household["house_no"] == CLEAN_HOUSEHOLD["house_no"]:  # unique within the community
                household = {**household, "house_no": f"{index}/3"}
            connection.execute(
                "INSERT INTO households (geom, household_id, community_id, house_no, building_type, residence_years,"
                " member_count) VALUES (?, ?, 'c1', ?, ?, ?, ?)",
                (gpkg.encode_point(50.0, 50.0, 32647), household_id, *household.values()),
            )
            for number, member in enumerate(members):
                connection.execute(
                    "INSERT INTO members (member_id, household_id, age, education, occupation, disability, bedridden)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (f"{household_id}-{number}", household_id, *member.values()),
                )
        connection.execute("PRAGMA ignore_check_constraints = OFF")

    return database.build_database(tmp_path_factory.mktemp("engine") / "engine.gpkg", populate=populate)


def _python_complete(path: Path, rule: CompletenessRule) -> int:
    """Complete households by the Python rule on the values as SQLite stores them."""
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    members: dict[str, list[sqlite3.Row]] = {}
    for row in connection.execute("SELECT * FROM members"):
        members.setdefault(row["household_id"], []).append(row)
    complete = 0
    for row in connection.execute("SELECT * FROM households"):
        rows = members.get(row["household_id"], [])
        count = row["member_count"]
        complete += is_complete_household(
            row["geom"] is not None,
            household_fields_filled(row, rule),
            int(count) if isinstance(count, (int, float)) else None,
            len(rows),
            sum(member_filled(member, rule) for member in rows),
        )
    connection.close()
    return complete


@pytest.mark.parametrize("rule_name", ENGINE_RULES)
def test_engine_feature_and_geopackage_paths_agree(engine_gpkg, rule_name):
    from kr8310_plugin.core.coverage import engine

    rule = ENGINE_RULES[rule_name]

    def layers(subset: str) -> list[QgsVectorLayer]:
        opened = []
        for name in ("communities", "households", "members"):
            layer = QgsVectorLayer(f"{engine_gpkg}|layername={name}", name, "ogr")
            assert layer.isValid() and layer.setSubsetString(subset)
            opened.append(layer)
        return opened

    # Both sets open at once: OGR's connection pool fails to reopen a GeoPackage whose layers just closed.
    plain, filtered = layers(""), layers("fid >= 0")  # a subset filter: the feature path
    assert engine._layer_tables(*plain) is not None and engine._layer_tables(*filtered) is None
    by_sql = engine.compute_coverage(*plain, rule)
    by_features = engine.compute_coverage(*filtered, rule)
    entered = sum(len(values) for values in (*AWKWARD_HOUSEHOLD_VALUES.values(), *AWKWARD_MEMBER_VALUES.values())) + 2
    assert by_sql.households_total == by_features.households_total == entered
    assert by_sql.communities == by_features.communities
    assert (
        by_sql.households_complete_total == by_features.households_complete_total == _python_complete(engine_gpkg, rule)
    )
    assert 0 < by_sql.households_complete_total < entered

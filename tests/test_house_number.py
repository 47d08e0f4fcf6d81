"""The house-number key (core/rules/house_number.py): one rule whose Python, SQLite and QGIS dialects give
the same key for awkward values (PostgreSQL: tests/postgis/test_house_number_postgis.py), used by the
importer, the quality checks and the form's duplicate check."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsProject,
    QgsVectorLayer,
)

from kr8310_plugin.core.importing.normalise import normalise_house_no
from kr8310_plugin.core.rules import house_number
from kr8310_plugin.core.rules.house_number import (
    KEY_MAP,
    MAX_KEYED_LENGTH,
    duplicate_house_number_expression,
    house_number_key,
    same_house_number,
)

# Values a survey, a keyboard or a copy-paste leave in a house number.
AWKWARD = [
    "12/3",
    "๑๒/๓",
    "١٢/٣",
    "۱۲/۳",
    "१२/३",
    "１２／３",
    "𝟏𝟐/𝟑",
    " 12 / 3 ",
    "12\u200b/3",
    "\ufeff12/3\u200e",
    "12\u202e/3",
    "12\u00a0/\u30003",
    "12\t/\n3",
    "12\x9b3",
    "12\U000e0041/3",
    "10A",
    "10a",
    "Ä10",
    "ä10",
    "12–3",
    "12−3",
    "ซอย 5  เลขที่ 9",
    "๙๙/๑ หมู่ ๔",
    "o'brien",
    "a\\b",
    "%_*[]",
    "",
    " ",
    "\u200b",
    None,
    "x" * MAX_KEYED_LENGTH,
    "X" * (MAX_KEYED_LENGTH + 1),
    "ก" * (MAX_KEYED_LENGTH - 1) + "๑",
]
awkward_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(sorted(KEY_MAP)),
        st.sampled_from(list("0123456789/-.abcAZกขคซอยหมู่ ")),
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    ),
    max_size=24,
)


@pytest.fixture(scope="module")
def sqlite_keys():
    connection = sqlite3.connect(":memory:")
    for statement in house_number.sqlite_map_sql():
        connection.execute(statement)
    sql = f"SELECT {house_number.sqlite_key_sql('?1')}"
    yield lambda value: connection.execute(sql, (value,)).fetchone()[0]
    connection.close()


@pytest.fixture(scope="module")
def qgis_keys(qgis_app):
    expression = QgsExpression(house_number.qgis_key_expression("@house_no"))
    assert not expression.hasParserError(), expression.parserErrorString()

    def key(value):
        context = QgsExpressionContext()
        scope = QgsExpressionContextScope()
        scope.setVariable("house_no", value)
        context.appendScope(scope)
        result = expression.evaluate(context)
        assert not expression.hasEvalError(), expression.evalErrorString()
        return None if result is None or (hasattr(result, "isNull") and result.isNull()) else result

    return key


def test_the_rule_on_the_values_surveys_have():
    assert {house_number_key(v) for v in AWKWARD[:15] if v != "12\x9b3"} == {"12/3"}
    assert house_number_key("12\x9b3") == "123"
    assert house_number_key("10A") == house_number_key("10a") == "10a"
    assert house_number_key("Ä10") != house_number_key("ä10")  # only ASCII letters fold: every dialect can
    assert house_number_key("12–3") == house_number_key("12−3") == "12-3"
    assert house_number_key("ซอย 5  เลขที่ 9") == "ซอย5เลขที่9"
    assert [house_number_key(v) for v in ("", " ", "\u200b", None)] == [None] * 4
    assert not same_house_number(" ", "\u200b") and same_house_number("๑๒/๓", "12 / 3")
    assert normalise_house_no("๙๙/๑") == house_number_key("๙๙/๑") == "99/1"  # the importer's normaliser is the rule


@pytest.mark.parametrize("value", AWKWARD, ids=range(len(AWKWARD)))
def test_the_dialects_agree_on_awkward_values(value, sqlite_keys, qgis_keys):
    expected = house_number_key(value)
    assert sqlite_keys(value) == expected
    assert qgis_keys(value) == expected


def test_the_dialects_agree_on_random_text(sqlite_keys, qgis_keys):
    @settings(max_examples=300, deadline=None, database=None)
    @given(value=awkward_text)
    def check(value):
        expected = house_number_key(value)
        assert sqlite_keys(value) == expected
        assert qgis_keys(value) == expected

    check()


def test_the_rule_is_fixed_not_read_from_this_python():
    import unicodedata

    digits = [c for c in KEY_MAP if KEY_MAP[c].isdigit()]
    assert len(digits) == 650 and all(unicodedata.decimal(c) == int(KEY_MAP[c]) for c in digits)
    assert len(house_number.map_signature()) == 16


def test_the_forms_duplicate_check_finds_a_twin_in_the_same_community(qgis_app):
    layer = QgsVectorLayer(
        "Point?crs=EPSG:32647&field=fid:integer&field=household_id:string&field=community_id:string"
        "&field=house_no:string",
        "households_dup_check",
        "memory",
    )
    rows = [(1, "h1", "C1", "12/3"), (2, "h2", "C1", "14"), (3, "h3", "C2", "๑๕")]
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(row))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    try:
        expression = QgsExpression(duplicate_house_number_expression(layer.id()))
        assert not expression.hasParserError(), expression.parserErrorString()

        def duplicate(household_id, community_id, house_no):
            feature = QgsFeature(layer.fields())
            feature.setAttributes([9, household_id, community_id, house_no])
            context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
            context.setFeature(feature)
            result = expression.evaluate(context)
            assert not expression.hasEvalError(), expression.evalErrorString()
            return bool(result)

        assert duplicate("new", "C1", "๑๒ / ๓")
        assert duplicate("new", "C1", "14\u200b")
        assert not duplicate("h1", "C1", "12/3")  # the household itself
        assert not duplicate("new", "C2", "12/3")  # another community
        assert duplicate("new", "C2", "15")
        assert not duplicate("new", "C1", " ")  # blank: the required-field rule's business
    finally:
        QgsProject.instance().removeMapLayer(layer.id())

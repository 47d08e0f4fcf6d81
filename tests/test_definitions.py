import sqlite3

import pytest
from qgis.core import QgsExpression, QgsExpressionContext

from kr8310_plugin.core.rules.size_class import size_class, size_class_sql
from kr8310_plugin.definitions.codelists import CODE_LISTS_BY_FIELD, DISABILITY, DISTRICT_GROUP, EDUCATION
from kr8310_plugin.definitions.schema import LAYER_SPECS, PERSONAL_FIELDS


@pytest.mark.parametrize(
    "registered, expected",
    [(None, None), (-1, None), (0, "S"), (1, "S"), (200, "S"), (201, "M"), (500, "M"), (501, "L"), (10_000, "L")],
)
def test_size_class_boundaries(registered, expected):
    assert size_class(registered) == expected


def test_size_class_sql_and_qgis_expression_agree_with_python(qgis_app):
    connection = sqlite3.connect(":memory:")
    for registered in [None, -5, *range(0, 700, 7), 199, 200, 201, 499, 500, 501]:
        sql_value = connection.execute(f"SELECT {size_class_sql(':x')}", {"x": registered}).fetchone()[0]
        literal = "NULL" if registered is None else str(registered)
        expression = QgsExpression(size_class_sql(literal))
        assert not expression.hasParserError(), expression.parserErrorString()
        qgis_value = expression.evaluate(QgsExpressionContext())
        assert sql_value == size_class(registered)
        assert (None if qgis_value is None or str(qgis_value) == "NULL" else qgis_value) == size_class(registered)


def test_code_lists_have_unique_keys_and_both_labels():
    for code_list in [*CODE_LISTS_BY_FIELD.values(), DISTRICT_GROUP]:
        keys = code_list.keys()
        assert len(keys) == len(set(keys)), code_list.name
        for code in code_list.codes:
            assert code.key.isascii() and code.key == code.key.strip()
            assert code.label_th and code.label_en
            # Thai labels are Thai script (U+0E00-U+0E7F), at least in part.
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in code.label_th), code


def test_code_list_lookup_accepts_key_thai_and_english_labels():
    assert EDUCATION.key_for("bachelor") == "bachelor"
    assert EDUCATION.key_for("ปริญญาตรี") == "bachelor"
    assert EDUCATION.key_for("  bachelor's   DEGREE ") == "bachelor"
    assert EDUCATION.key_for("doctor of magic") is None
    assert DISABILITY.key_for("ไม่มี") == "none"
    assert DISABILITY.label("none", "th") == "ไม่มี"
    assert DISABILITY.label("none", "en") == "None"


def test_personal_fields_cover_what_pdpa_protects():
    for name in ("house_no", "age", "education", "occupation", "disability", "bedridden", "member_id"):
        assert name in PERSONAL_FIELDS
    community_fields = next(s for s in LAYER_SPECS if s.name == "communities").field_names()
    assert not PERSONAL_FIELDS & set(community_fields)

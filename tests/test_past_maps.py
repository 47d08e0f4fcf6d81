"""Coverage maps of a past date and change maps, drawn from the progress snapshots; the print texts."""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from test_exports import clear_coverage, ink_share, pdf_text, personal_values, rendered_page, stored_coverage

from kr8310_plugin.core.exports import past_coverage
from kr8310_plugin.core.progress.snapshots import read_snapshots, record_snapshot
from kr8310_plugin.core.rules import coverage_flag as results
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.definitions import print_texts
from kr8310_plugin.definitions.schema import PERSONAL_FIELDS

D1, D2 = dt.date(2025, 1, 10), dt.date(2025, 2, 10)
PACKAGE = Path(__file__).resolve().parent.parent / "kr8310_plugin"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _communities(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [
            r[0]
            for r in connection.execute(
                "SELECT community_id FROM communities WHERE size_class IN ('S', 'M') "
                "AND community_id IN (SELECT community_id FROM households) ORDER BY community_id"
            )
        ]


@pytest.fixture()
def two_snapshots(demo_copy) -> tuple[Path, list[str]]:
    """The demo with a snapshot on D1, when half the S and M communities had no complete household
    (residence_years blank), and one on D2 with the data as it is today."""
    degraded = _communities(demo_copy)[::2]
    marks = ", ".join("?" for _ in degraded)
    connection = gpkg.connect(demo_copy)
    with closing(connection):
        saved = connection.execute(
            f"SELECT household_id, residence_years FROM households WHERE community_id IN ({marks})", degraded
        ).fetchall()
        with connection:
            connection.execute(
                f"UPDATE households SET residence_years = NULL WHERE community_id IN ({marks})", degraded
            )
    record_snapshot(str(demo_copy), D1)
    connection = gpkg.connect(demo_copy)
    with closing(connection), connection:
        connection.executemany(
            "UPDATE households SET residence_years = ? WHERE household_id = ?", [(v, h) for h, v in saved]
        )
    record_snapshot(str(demo_copy), D2)
    return demo_copy, degraded


def _snapshot(path: Path, day: dt.date):
    rows = read_snapshots(str(path), day, day)
    communities = {r.community_id: r for r in rows.communities}
    district = next(r for r in rows.kr if r.level == "district" and r.key == "1001")
    return communities, district


def _labels(pcts) -> set[str]:
    """The community labels the print style writes: whole per cent."""
    return {f"{pct:.0f} %" for pct in pcts if pct is not None}


def _printed_percent_labels(text: str) -> list[str]:
    """Whole-per-cent labels in a page's text (pdftotext may drop the space before %)."""
    return [f"{m} %" for m in re.findall(r"(?<![\d.,])(\d{1,3}) ?%", text)]


def _share_of_colour(image, colour: str) -> float:
    from qgis.PyQt.QtGui import QColor

    wanted = QColor(colour)
    total = near = 0
    for x in range(0, image.width(), 2):
        for y in range(0, image.height(), 2):
            pixel = QColor(image.pixel(x, y))
            total += 1
            near += (
                max(
                    abs(pixel.red() - wanted.red()),
                    abs(pixel.green() - wanted.green()),
                    abs(pixel.blue() - wanted.blue()),
                )
                < 24
            )
    return near / total


def assert_nothing_personal(text: str, database: Path) -> None:
    for name in PERSONAL_FIELDS:
        assert not re.search(rf"\b{re.escape(name)}\b", text), name
    assert not any(value in text for value in personal_values(database))


@needs_poppler
def test_district_map_of_a_past_date_shows_that_snapshots_numbers(run_algorithm, two_snapshots, tmp_path):
    database, degraded = two_snapshots
    then, then_district = _snapshot(database, D1)
    now, now_district = _snapshot(database, D2)  # D2 is the data as it is today
    assert then_district.kr_pct < now_district.kr_pct - 5
    before = stored_coverage(database)
    output = tmp_path / "past.pdf"
    result = run_algorithm(
        "exportmap",
        {"DATABASE": str(database), "SCOPE": "district", "AREA": "1001", "OUTPUT": str(output), "DATE": "2025-01-10"},
    )
    assert result["PAGES"] == 1
    assert stored_coverage(database) == before  # a past map reads; it rewrites no community
    text = pdf_text(output)
    # The KR table and the district label: the first snapshot's KR, not today's.
    assert f"{then_district.kr_pct:.1f} %" in text
    assert f"{now_district.kr_pct:.1f} %" not in text
    assert f"{then_district.complete:,}" in text
    # The community labels: the first snapshot's coverage.
    printed = _printed_percent_labels(text)
    now_only = _labels(r.coverage_pct for r in now.values()) - _labels(r.coverage_pct for r in then.values())
    assert now_only and not now_only.intersection(printed)
    zero_then = sum(r.coverage_pct is not None and round(r.coverage_pct) == 0 for r in then.values())
    zero_now = sum(r.coverage_pct is not None and round(r.coverage_pct) == 0 for r in now.values())
    assert printed.count("0 %") == zero_then > zero_now
    # The page's date is the snapshot's.
    assert "Data as of 10 January 2025" in text
    assert "เขตพระนคร" in text
    assert_nothing_personal(text, database)
    assert ink_share(rendered_page(output, tmp_path)) > 0.2


@needs_poppler
def test_change_map_colours_the_change_since_a_snapshot(run_algorithm, two_snapshots, tmp_path):
    database, degraded = two_snapshots
    then, _district = _snapshot(database, D1)
    now, _district = _snapshot(database, D2)
    output = tmp_path / "change.pdf"
    run_algorithm(
        "exportmap",
        {"DATABASE": str(database), "SCOPE": "district", "AREA": "1001", "OUTPUT": str(output), "SINCE": "2025-01-10"},
    )
    text = pdf_text(output)
    assert print_texts.COVERAGE_CHANGE_LEGEND.en in text and print_texts.COVERAGE_CHANGE_LEGEND.th in text
    assert print_texts.CHANGE_MAP_TITLE.en in text
    assert "Change from 10 January 2025" in text and "to 30 September 2025" in text  # the data's date
    changes = {cid: now[cid].coverage_pct - then[cid].coverage_pct for cid in degraded if now[cid].coverage_pct}
    assert any(f"+{change:.1f}" in text for change in changes.values() if change > 0)
    assert_nothing_personal(text, database)
    page = rendered_page(output, tmp_path)
    assert ink_share(page) > 0.1  # the "no change" class is near white
    assert _share_of_colour(page, past_coverage.CHANGE_INCREASES[-1][2]) > 0.01  # the communities that gained

    # From the first snapshot to the second: the same changes (the second is today's data).
    between = tmp_path / "between.pdf"
    run_algorithm(
        "exportmap",
        {
            "DATABASE": str(database),
            "SCOPE": "district",
            "AREA": "1001",
            "OUTPUT": str(between),
            "SINCE": "2025-01-10",
            "DATE": "2025-02-10",
        },
    )
    between_text = pdf_text(between)
    assert "Change from 10 January 2025" in between_text and "to 10 February 2025" in between_text
    assert any(f"+{change:.1f}" in between_text for change in changes.values() if change > 0)


def test_a_date_without_a_snapshot_is_refused_naming_the_dates(run_algorithm, two_snapshots, tmp_path):
    from qgis.core import QgsProcessingException

    database, _degraded = two_snapshots
    clear_coverage(database)
    base = {"DATABASE": str(database), "SCOPE": "district", "AREA": "1001", "OUTPUT": str(tmp_path / "x.pdf")}
    for parameters in ({"DATE": "2025-01-11"}, {"SINCE": "2025-01-11"}, {"SINCE": "2025-01-11", "DATE": "2025-02-10"}):
        with pytest.raises(QgsProcessingException, match="2025-01-11.*2025-01-10, 2025-02-10"):
            run_algorithm("exportmap", {**base, **parameters})
    with pytest.raises(QgsProcessingException, match="SINCE"):
        run_algorithm("exportmap", {**base, "SINCE": "2025-02-10", "DATE": "2025-01-10"})
    with pytest.raises(QgsProcessingException, match="YYYY-MM-DD"):
        run_algorithm("exportmap", {**base, "DATE": "10/01/2025"})
    assert all(value is None for value in stored_coverage(database))  # refused before the refresh
    assert not (tmp_path / "x.pdf").exists()


def test_a_database_without_snapshots_says_so(run_algorithm, demo_copy, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="no progress has been recorded"):
        run_algorithm(
            "exportmap",
            {"DATABASE": str(demo_copy), "SCOPE": "city", "OUTPUT": str(tmp_path / "x.pdf"), "DATE": "2025-01-10"},
        )


def test_change_classes_cover_every_change_once():
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextScope

    classes = past_coverage.change_classes()
    for change in (-35.0, -20.0, -12.5, -10.0, -5.0, -0.1, 0.0, 0.1, 5.0, 7.5, 10.0, 20.0, 20.1, 80.0):
        context = QgsExpressionContext()
        scope = QgsExpressionContextScope()
        scope.setVariable("change", change)
        context.appendScope(scope)
        matching = [
            label
            for expression, label, _colour in classes
            if QgsExpression(expression.replace(f'"{past_coverage.CHANGE_FIELD}"', "@change")).evaluate(context)
        ]
        assert len(matching) == 1, (change, matching)
    assert past_coverage.coverage_change(None, None) is None


def test_print_texts_join_as_pages_print_them():
    text = print_texts.PrintText("ไทย", "English")
    assert (text.slashed(), text.bracketed(), text.spaced(), text.stacked()) == (
        "ไทย / English",
        "ไทย (English)",
        "ไทย English",
        "ไทย\nEnglish",
    )
    assert print_texts.same("KR 8310 (%)").slashed() == "KR 8310 (%)"
    assert print_texts.MAP_AREA_DISTRICT.format(name_th="พระนคร", name_en="Phra Nakhon").en == "Phra Nakhon district"
    # The coverage legend has a text for every flag the coverage style draws.
    flags = (results.FLAG_OVER_REGISTER, results.FLAG_ZERO_REGISTERED, results.FLAG_NO_DATA)
    assert all(print_texts.COVERAGE_LEGEND.get(flag) is not None for flag in flags)


PRINTING_MODULES = (
    "core/exports/maps.py",
    "core/exports/reports.py",
    "core/exports/past_coverage.py",
    "core/progress/report.py",
    "core/project/setup.py",
    "core/project/styles.py",
)
THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.mark.parametrize("module", PRINTING_MODULES)
def test_printing_modules_take_their_thai_texts_from_definitions(module):
    """No Thai literal in the code that prints maps and reports, but in docstrings and tr() calls."""
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    allowed = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node) is not None:
            allowed.add(id(node.body[0].value))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr":
            allowed.update(id(child) for arg in node.args for child in ast.walk(arg))
    found = [
        f"{module}:{node.lineno}: {node.value[:40]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and THAI.search(node.value)
        if id(node) not in allowed
    ]
    assert not found, "\n".join(found)

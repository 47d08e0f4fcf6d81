"""The planner's coverage maps (coverage ramp, size-class outlines, names, header, point communities)
and the one-step export dialogs, on the one-district demo database."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from qgis.core import QgsGeometry, QgsSettings
from test_exports import ink_share, pdf_pages, pdf_text, personal_values, rendered_page, share_of_colour

from kr8310_plugin.core.exports import maps, print_styles
from kr8310_plugin.core.project import styles as screen_styles
from kr8310_plugin.core.storage.datasource import open_layer
from kr8310_plugin.core.toolbelt import settings
from kr8310_plugin.definitions import print_texts

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def community_names(database: Path) -> dict[str, str]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT community_id, name FROM communities"))


def printed_name(name: str) -> str:
    """A community's name as the map labels it (without the ชุมชน prefix)."""
    return name.removeprefix(print_texts.COMMUNITY_NAME_PREFIX).strip()


def make_point_community(database: Path, community_id: str) -> tuple[float, float]:
    """Turn one community into one known only by its point (NULL polygon, location_x/y set)."""
    layer = open_layer(str(database), "communities")
    feature = next(layer.getFeatures(f"\"community_id\" = '{community_id}'"))
    point = feature.geometry().pointOnSurface().asPoint()
    assert layer.startEditing()
    layer.changeAttributeValue(feature.id(), layer.fields().indexOf("location_x"), point.x())
    layer.changeAttributeValue(feature.id(), layer.fields().indexOf("location_y"), point.y())
    layer.changeGeometry(feature.id(), QgsGeometry())
    assert layer.commitChanges(), layer.commitErrors()
    return point.x(), point.y()


def stored_classes(database: Path) -> dict[str, str]:
    """The coverage class colour (or flag) of each community, as stored."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT community_id, coverage_pct, coverage_flag FROM communities").fetchall()
    return {cid: screen_styles.coverage_colour(pct, flag) or flag for cid, pct, flag in rows}


@pytest.fixture()
def header_settings():
    keys = (
        settings.KEY_ORGANISATION_TH,
        settings.KEY_ORGANISATION_EN,
        settings.KEY_DEPARTMENT_TH,
        settings.KEY_DEPARTMENT_EN,
    )
    stored = QgsSettings()
    for key in keys:
        stored.remove(key)
    yield
    for key in keys:
        stored.remove(key)


def test_district_map_is_filled_by_coverage_with_names_header_and_legend(
    run_algorithm, demo_copy, tmp_path, header_settings
):
    output = tmp_path / "district.pdf"
    run_algorithm("exportmap", {"DATABASE": str(demo_copy), "SCOPE": "district", "AREA": "1001", "OUTPUT": str(output)})
    text = pdf_text(output)
    # The organisation's header: the options' defaults.
    assert "กรุงเทพมหานคร" in text and "สำนักผังเมือง" in text
    assert "Bangkok Metropolitan Administration" in text and "City Planning Department" in text
    # The legend: the coverage ramp, the flags' own classes and the size classes as outlines.
    for label in ("Data coverage (%)", "0–10", "90–100", "Over register", "No data", "Size class (outline)"):
        assert label in text, label
    assert print_texts.COVERAGE_FILL_LEGEND.th in text and print_texts.SIZE_CLASS_OUTLINE_LEGEND.th in text
    # Community names where they fit: some, not necessarily all, and no personal data.
    names = [printed_name(n) for n in community_names(demo_copy).values()]
    shown = [n for n in names if n in text]
    assert 0 < len(shown) <= len(names)
    assert not any(value in text for value in personal_values(demo_copy))
    # The fills are the coverage ramp's colours of the communities' classes.
    page = rendered_page(output, tmp_path)
    colours = {c for c in stored_classes(demo_copy).values() if c and c.startswith("#")}
    assert colours and all(share_of_colour(page, colour) > 0.0005 for colour in colours), colours
    size_class_fill = screen_styles.SIZE_CLASS_COLOURS["M"]  # the old fill by size class is gone
    assert share_of_colour(page, size_class_fill, 6) < 0.002


def test_city_map_names_no_community_and_prints_the_configured_header(
    run_algorithm, demo_copy, tmp_path, header_settings
):
    settings.set_organisation("กรุงเทพมหานคร", "Bangkok")
    settings.set_department("สำนักงานเขตพระนคร", "Phra Nakhon District Office")
    output = tmp_path / "city.pdf"
    run_algorithm("exportmap", {"DATABASE": str(demo_copy), "SCOPE": "city", "OUTPUT": str(output)})
    text = pdf_text(output)
    assert "สำนักงานเขตพระนคร" in text and "Phra Nakhon District" in text  # ("Office" comes out as a ligature)
    assert "City Planning Department" not in text
    assert not any(printed_name(n) in text for n in community_names(demo_copy).values())
    settings.set_department("", "")  # empty: back to the default
    assert settings.department() == print_texts.DEPARTMENT


def test_atlas_pages_name_their_communities(run_algorithm, demo_copy, tmp_path):
    output = tmp_path / "atlas.pdf"
    run_algorithm("exportmap", {"DATABASE": str(demo_copy), "SCOPE": "atlas", "OUTPUT": str(output)})
    assert pdf_pages(output) == 50
    import subprocess

    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(output), "-"], capture_output=True, text=True, check=True
    ).stdout
    names = [printed_name(n) for n in community_names(demo_copy).values()]
    assert any(name in pdf_text_of(first) for name in names)
    assert "Phra Nakhon district (1001)" in first


def pdf_text_of(text: str) -> str:
    from test_exports import THAI_PUA

    return text.translate(THAI_PUA).replace("\u0e4d\u0e32", "\u0e33")


def test_a_community_known_only_by_its_point_is_drawn_there_in_its_coverage_class(demo_copy, tmp_path):
    with sqlite3.connect(demo_copy) as connection:
        community_id, name = connection.execute(
            "SELECT community_id, name FROM communities WHERE coverage_flag = 'ok' ORDER BY community_id LIMIT 1"
        ).fetchone()
    make_point_community(demo_copy, community_id)
    for scope, area in (("district", "1001"), ("city", ""), ("atlas", "")):
        output = tmp_path / f"{scope}.pdf"
        result = maps.export_map(str(demo_copy), scope, output, area, dpi=100)
        assert result.point_communities == 1
        text = pdf_text(output)
        assert print_texts.POINT_COMMUNITIES_LEGEND.en in text and print_texts.POINT_COMMUNITIES_LEGEND.th in text
        if scope != "city":
            assert printed_name(name) in text  # named on district and atlas pages
    # It still counts: the page's KR table is the city's KR of every community.
    layers = {n: open_layer(str(demo_copy), n) for n in ("communities", "households", "members")}
    from kr8310_plugin.core.coverage.engine import compute_coverage

    coverage = compute_coverage(layers["communities"], layers["households"], layers["members"])
    assert community_id in coverage.communities
    colour = stored_classes(demo_copy)[community_id]
    point_layer = maps.past_coverage.coverage_layer(open_layer(str(demo_copy), "communities"), points=True)
    assert point_layer.featureCount() == 1
    feature = next(point_layer.getFeatures())
    assert feature["community_id"] == community_id and feature["coverage_flag"] == "ok"
    # Its circle has the colour of its coverage class (the one class its values fall in).
    from qgis.core import QgsExpression, QgsExpressionContext

    context = QgsExpressionContext()
    context.setFeature(feature)
    renderer = print_styles.point_communities_renderer()  # kept: its rules live as long as it does
    matched = [
        rule
        for rule in renderer.rootRule().children()
        if not rule.isElse() and QgsExpression(rule.filterExpression()).evaluate(context)
    ]
    assert [rule.symbol().color().name() for rule in matched] == [colour]


def test_coverage_classes_cover_every_stored_value_once():
    """Every (coverage %, flag) the engine stores falls in exactly one class of the fill."""
    from qgis.core import QgsExpression, QgsExpressionContext, QgsFeature, QgsFields

    from kr8310_plugin.compat import new_field

    fields = QgsFields()
    fields.append(new_field("coverage_pct", "double"))
    fields.append(new_field("coverage_flag", "string"))
    classes = [c for c in print_styles.coverage_classes() if c.expression != "ELSE"]
    cases = [(p, "ok") for p in (0.0, 0.01, 9.99, 10.0, 55.5, 99.99, 100.0)]
    cases += [(150.0, "over_register"), (0.0, "no_data"), (None, "zero_registered")]
    for pct, flag in cases:
        feature = QgsFeature(fields)
        feature.setAttributes([pct, flag])
        context = QgsExpressionContext()
        context.setFeature(feature)
        matched = [c.key for c in classes if QgsExpression(c.expression).evaluate(context)]
        assert len(matched) == 1, (pct, flag, matched)


# --- the export dialogs ----------------------------------------------------------------------


class UrlCatcher:
    """Receives the URLs QDesktopServices is asked to open (the test's stand-in for a PDF viewer)."""

    def __init__(self):
        from qgis.PyQt.QtCore import QObject, pyqtSlot

        catcher = self

        class Receiver(QObject):
            @pyqtSlot("QUrl")
            def open(self, url):  # noqa: A003 - the slot's name given to setUrlHandler
                catcher.urls.append(url.toLocalFile())

        self.urls: list[str] = []
        self.receiver = Receiver()


@pytest.fixture()
def opened_urls(qgis_app):
    from qgis.PyQt.QtGui import QDesktopServices

    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher.receiver, "open")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


def test_map_dialog_exports_in_one_step_next_to_the_database_and_opens_the_file(
    qgis_app, kr8310_provider, demo_copy, opened_urls
):
    from kr8310_plugin.gui.export_dialog import ExportMapDialog

    dialog = ExportMapDialog(database=str(demo_copy))
    today = dt.date.today().isoformat()
    assert Path(dialog.output.filePath()) == demo_copy.parent / f"demo_coverage_{today}.pdf"
    dialog.scope.setCurrentIndex(dialog.scope.findData("district"))
    assert Path(dialog.output.filePath()).name == f"demo_coverage_1001_{today}.pdf"
    dialog.format.setCurrentIndex(dialog.format.findData(".png"))
    assert Path(dialog.output.filePath()).name == f"demo_coverage_1001_{today}.png"
    dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))
    dialog.open_when_done.setChecked(True)
    dialog.export_button.click()  # runs kr8310:exportmap: no second dialog
    written = demo_copy.parent / f"demo_coverage_1001_{today}.pdf"
    assert dialog.error == "" and dialog.outputs == [written] and written.is_file()
    assert dialog.progress.value() == 100 and written.name in dialog.status.text()
    assert "เขตพระนคร" in pdf_text(written)
    assert opened_urls == [str(written)]
    # A file the user chose keeps its name; the format only changes its suffix.
    dialog.output.setFilePath(str(demo_copy.parent / "for_the_director.pdf"))
    dialog.format.setCurrentIndex(dialog.format.findData(".png"))
    assert Path(dialog.output.filePath()).name == "for_the_director.png"
    dialog.deleteLater()


def test_map_dialog_shows_a_refused_export_in_words(qgis_app, kr8310_provider, demo_copy, tmp_path, opened_urls):
    from kr8310_plugin.gui.export_dialog import ExportMapDialog

    dialog = ExportMapDialog(database=str(demo_copy))
    dialog.output.setFilePath(str(tmp_path / "no such folder" / "map.pdf"))
    assert dialog.run_export() is False
    assert "does not exist" in dialog.status.text() and "Traceback" not in dialog.status.text()
    assert dialog.export_button.isEnabled() and opened_urls == []
    dialog.deleteLater()


def test_report_dialog_writes_the_xlsx_in_one_step(qgis_app, kr8310_provider, demo_copy, opened_urls):
    from kr8310_plugin.gui.export_dialog import ExportReportDialog

    dialog = ExportReportDialog(database=str(demo_copy))
    today = dt.date.today().isoformat()
    assert Path(dialog.output.filePath()) == demo_copy.parent / f"demo_kr8310_{today}.xlsx"
    dialog.open_when_done.setChecked(False)
    assert dialog.run_export()
    workbook = openpyxl.load_workbook(dialog.outputs[0])
    assert "เขต districts" in workbook.sheetnames and opened_urls == []
    dialog.format.setCurrentIndex(dialog.format.findData(".csv"))
    dialog.open_when_done.setChecked(True)
    assert dialog.run_export()
    assert [p.name for p in dialog.outputs] == [f"demo_kr8310_{today}.csv", f"demo_kr8310_{today}_communities.csv"]
    assert opened_urls == [str(demo_copy.parent)]  # two files: their folder
    dialog.deleteLater()


def test_export_dialog_masks_a_postgis_password_but_exports_with_it(qgis_app):
    from kr8310_plugin.gui.export_dialog import ExportReportDialog

    database = "postgresql://planner:s3cret@db.example:5432/bma?schema=kr8310"
    dialog = ExportReportDialog(database=database)
    assert "s3cret" not in dialog.database.filePath()
    assert dialog.parameters()["DATABASE"] == database
    assert Path(dialog.output.filePath()).name.startswith("kr8310_kr8310_")
    dialog.deleteLater()


def test_rendered_pages_are_not_blank(run_algorithm, demo_copy, tmp_path):
    output = tmp_path / "group.pdf"
    run_algorithm("exportmap", {"DATABASE": str(demo_copy), "SCOPE": "group", "AREA": "central", "OUTPUT": str(output)})
    assert ink_share(rendered_page(output, tmp_path)) > 0.2

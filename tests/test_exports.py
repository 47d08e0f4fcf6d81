"""Coverage maps (PDF/PNG, atlas) and KR 8310 reports (CSV/XLSX) on the one-district demo database."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
from pathlib import Path

import openpyxl
import pytest
from qgis_process_cli import run_qgis_process

from kr8310_plugin.core.coverage.kr_summary import districts_from_layer, kr_summary
from kr8310_plugin.core.exports.xlsx_writer import display_width
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.core.storage.datasource import open_layer
from kr8310_plugin.core.toolbelt import settings
from kr8310_plugin.definitions.schema import PERSONAL_FIELDS

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


# tlwg fonts position Thai marks with glyph variants that their cmap also maps to the legacy Thai
# private-use code points (U+F700-U+F71A); Qt's PDF text layer takes those code points for them.
# The page renders right; for comparing text, map the glyphs back to the characters they draw.
THAI_PUA = dict(
    zip(
        range(0xF700, 0xF71B),
        "\u0e10\u0e34\u0e35\u0e36\u0e37\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
        "\u0e0d\u0e31\u0e4d\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e38\u0e39\u0e3a",
        strict=True,
    )
)


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # Sara am is drawn as nikhahit + sara aa and comes back as those two.
    return text.translate(THAI_PUA).replace("\u0e4d\u0e32", "\u0e33")


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def ink_share(image) -> float:
    """Share of pixels that are not (near) white, sampled on a grid."""
    from qgis.PyQt.QtGui import QColor

    step = max(1, image.width() // 200)
    total = inked = 0
    for x in range(0, image.width(), step):
        for y in range(0, image.height(), step):
            total += 1
            inked += QColor(image.pixel(x, y)).lightness() < 235
    return inked / total


def share_of_colour(image, colour: str, tolerance: int = 12) -> float:
    """Share of pixels (every second one) within `tolerance` of `colour` in each channel."""
    from qgis.PyQt.QtGui import QColor

    wanted = QColor(colour)
    total = near = 0
    for x in range(0, image.width(), 2):
        for y in range(0, image.height(), 2):
            pixel = QColor(image.pixel(x, y))
            total += 1
            channels = ((pixel.red(), wanted.red()), (pixel.green(), wanted.green()), (pixel.blue(), wanted.blue()))
            near += max(abs(have - want) for have, want in channels) < tolerance
    return near / total


def rendered_page(pdf: Path, tmp_path: Path, page: int = 1):
    """The page rendered by poppler (not by Qt, which wrote it) as a QImage."""
    from qgis.PyQt.QtGui import QImage

    prefix = tmp_path / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", str(page), "-l", str(page), "-png", str(pdf), str(prefix)], check=True
    )
    png = next(tmp_path.glob(f"page{page}*.png"))
    return QImage(str(png))


def personal_values(database: Path) -> list[str]:
    """House numbers and household/member ids of the database: none may reach a map or report."""
    with sqlite3.connect(database) as connection:
        values = [r[0] for r in connection.execute("SELECT house_no FROM households WHERE house_no LIKE '%/%'")]
        values += [r[0] for r in connection.execute("SELECT household_id FROM households LIMIT 200")]
        values += [r[0] for r in connection.execute("SELECT member_id FROM members LIMIT 200")]
    return [v for v in values if v]


def district_1001_kr(database: Path) -> str:
    from kr8310_plugin.core.coverage.engine import compute_coverage

    layers = {n: open_layer(str(database), n) for n in ("communities", "households", "members", "districts")}
    result = compute_coverage(layers["communities"], layers["households"], layers["members"])
    rows = kr_summary(result, districts_from_layer(layers["districts"]))
    row = next(r for r in rows if r.level == "district" and r.code == "1001")
    return f"{row.kr_pct:.1f} %"


def clear_coverage(database: Path) -> None:
    """Empty the communities' coverage fields, as in a database that does not keep them itself (its
    rule mask unset: a database keeping them would put them back)."""
    connection = gpkg.connect(database)
    with connection:
        connection.execute("UPDATE kr8310_settings SET value = NULL WHERE key = 'coverage_rule_mask'")
        connection.execute("UPDATE communities SET coverage_pct = NULL, households_complete = NULL")
    connection.close()


def stored_coverage(database: Path) -> list:
    with sqlite3.connect(database) as connection:
        return [r[0] for r in connection.execute("SELECT coverage_pct FROM communities ORDER BY fid")]


def test_district_map_pdf_has_thai_text_the_kr_summary_and_no_personal_data(run_algorithm, demo_copy, tmp_path):
    clear_coverage(demo_copy)
    output = tmp_path / "district.pdf"
    result = run_algorithm(
        "exportmap", {"DATABASE": str(demo_copy), "SCOPE": "district", "AREA": "1001", "OUTPUT": str(output)}
    )
    assert result["PAGES"] == 1 and output.is_file()
    # The export refreshed the coverage fields first.
    assert all(value is not None for value in stored_coverage(demo_copy))
    info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True, check=True).stdout
    assert "842 x 595 pts (A4)" in info  # A4 landscape
    fonts = subprocess.run(["pdffonts", str(output)], capture_output=True, text=True, check=True).stdout
    assert settings.map_font() in fonts  # Laksaman unless changed in the options
    text = pdf_text(output)
    # Thai comes out of the PDF as the same characters (tone marks and vowels intact, no boxes).
    assert "แผนที่ความครอบคลุมข้อมูลครัวเรือนชุมชน" in text
    assert "เขตพระนคร" in text and "Phra Nakhon district" in text
    assert "คำอธิบายสัญลักษณ์ / Legend" in text
    assert "Poom Wettayakorn" in text  # district boundary attribution
    assert district_1001_kr(demo_copy) in text  # the page's summary table = kr_summary
    assert not any(value in text for value in personal_values(demo_copy))
    page = rendered_page(output, tmp_path)
    assert page.width() > page.height()
    assert ink_share(page) > 0.2  # a drawn map, not a blank page


def test_city_map_png_is_a4_at_the_dpi_and_not_blank(run_algorithm, demo_copy, tmp_path):
    from qgis.PyQt.QtGui import QImage

    output = tmp_path / "city.png"
    run_algorithm("exportmap", {"DATABASE": str(demo_copy), "SCOPE": "city", "OUTPUT": str(output), "DPI": 60})
    image = QImage(str(output))
    assert abs(image.width() - 702) <= 1 and abs(image.height() - 496) <= 1  # 297 x 210 mm at 60 dpi
    assert ink_share(image) > 0.2
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 30  # fills, labels and text, not a flat page


def test_atlas_has_one_page_per_district(run_algorithm, demo_copy, tmp_path):
    output = tmp_path / "atlas.pdf"
    result = run_algorithm("exportmap", {"DATABASE": str(demo_copy), "SCOPE": "atlas", "OUTPUT": str(output)})
    assert result["PAGES"] == 50 and pdf_pages(output) == 50
    text = pdf_text(output)
    assert "เขตพระนคร" in text and "Phra Nakhon district (1001)" in text
    assert "Bang Bon district (1050)" in text
    assert not any(value in text for value in personal_values(demo_copy))
    assert ink_share(rendered_page(output, tmp_path, 1)) > 0.2


def test_bad_area_is_refused_before_anything_is_written(run_algorithm, demo_copy, tmp_path):
    from qgis.core import QgsProcessingException

    clear_coverage(demo_copy)
    for scope, area in (("district", "9999"), ("group", "nowhere"), ("district", "")):
        with pytest.raises(QgsProcessingException, match="AREA"):
            run_algorithm(
                "exportmap",
                {"DATABASE": str(demo_copy), "SCOPE": scope, "AREA": area, "OUTPUT": str(tmp_path / "x.pdf")},
            )
    assert all(value is None for value in stored_coverage(demo_copy))
    assert not (tmp_path / "x.pdf").exists()


HEADER_ROW = 4  # title, organisation, date of the data, then the header


def sheet_rows(sheet) -> list[dict]:
    """The value rows of a report sheet as {header: cell}."""
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    return [dict(zip(headers, row)) for row in sheet.iter_rows(min_row=HEADER_ROW + 1)]


def test_xlsx_report_has_a_sheet_per_level_with_thai_headers_and_numbers(run_algorithm, demo_copy, tmp_path):
    output = tmp_path / "kr8310.xlsx"
    result = run_algorithm("exportreport", {"DATABASE": str(demo_copy), "OUTPUT": str(output)})
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == [
        "กรุงเทพฯ city",
        "กลุ่มเขต district groups",
        "เขต districts",
        "ขนาดชุมชน size classes",
        "ชุมชน communities",
    ]
    districts = workbook["เขต districts"]
    headers = [cell.value for cell in districts[HEADER_ROW]]
    assert headers[:8] == [
        "รหัสเขต (District code)",
        "ชื่อ (Name, Thai)",
        "ชื่อภาษาอังกฤษ (Name, English)",
        "ชุมชนขนาดเล็ก S (S communities)",
        "ชุมชนขนาดกลาง M (M communities)",
        "ครัวเรือนตามทะเบียน S+M (Registered households)",
        "ครัวเรือนที่บันทึกครบ (Complete households)",
        "ร้อยละ KR 8310 (KR %)",
    ]
    assert districts.max_row == HEADER_ROW + 50
    rows = sheet_rows(districts)
    phra_nakhon = {h: c.value for h, c in next(r for r in rows if r["รหัสเขต (District code)"].value == 1001).items()}
    assert isinstance(phra_nakhon["ครัวเรือนตามทะเบียน S+M (Registered households)"], int)
    kr = phra_nakhon["ร้อยละ KR 8310 (KR %)"]
    assert isinstance(kr, float) and f"{kr:.1f} %" == district_1001_kr(demo_copy) and kr == round(kr, 1)
    assert phra_nakhon["ผลต่างครัวเรือน (Difference households)"] == (
        phra_nakhon["ครัวเรือนตามทะเบียน S+M (Registered households)"]
        - phra_nakhon["เป้าหมายครัวเรือน (Official target households)"]
    )
    city = workbook["กรุงเทพฯ city"]
    assert round(result["CITY_KR_PCT"], 1) == sheet_rows(city)[0]["ร้อยละ KR 8310 (KR %)"].value
    communities = workbook["ชุมชน communities"]
    with sqlite3.connect(demo_copy) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM communities").fetchone()
    assert communities.max_row == HEADER_ROW + count
    assert_no_personal_data(workbook_values(workbook), demo_copy)


def test_xlsx_sheets_have_title_date_frozen_header_widths_and_formats(run_algorithm, demo_copy, tmp_path):
    output = tmp_path / "kr8310.xlsx"
    run_algorithm("exportreport", {"DATABASE": str(demo_copy), "OUTPUT": str(output)})
    workbook = openpyxl.load_workbook(output)
    for sheet in workbook:
        # The title, the organisation (the options' default) and the date of the data above the header.
        assert sheet["A1"].value.startswith("รายงาน KR 8310") and "report" in sheet["A1"].value
        assert sheet["A2"].value == (
            "กรุงเทพมหานคร  ·  สำนักผังเมือง / Bangkok Metropolitan Administration  ·  City Planning Department"
        )
        assert sheet["A3"].value == "ข้อมูล ณ วันที่ 30 กันยายน พ.ศ. 2568 / Data as of 30 September 2025"
        assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"  # the header stays while scrolling
        header = sheet[HEADER_ROW]
        assert all(cell.font.b and cell.alignment.wrap_text for cell in header)
        for cell in header:
            width = sheet.column_dimensions[cell.column_letter].width
            values = [
                c.value for (c,) in sheet.iter_rows(min_row=HEADER_ROW + 1, min_col=cell.column, max_col=cell.column)
            ]
            widest = max(
                (display_width(f"{v:,}" if isinstance(v, int) else str(v)) for v in values if v is not None), default=0
            )
            assert width >= min(widest, 55), (sheet.title, cell.value)  # every value fits
        rows = sheet_rows(sheet)
        for name, cell in rows[0].items():
            if "%" in name:
                assert cell.number_format == "0.0" and (cell.value is None or cell.value == round(cell.value, 1))
            elif "ผลต่าง" in name:
                assert cell.number_format == "+#,##0;-#,##0;0"
            elif "ครัวเรือน" in name and cell.value is not None:
                assert cell.number_format == "#,##0" and isinstance(cell.value, int)
    # One type per column on every sheet: the district code is a number wherever it stands.
    codes = [
        r["รหัสเขต (District code)"]
        for name in ("เขต districts", "ชุมชน communities")
        for r in sheet_rows(workbook[name])
    ]
    assert codes and all(isinstance(c.value, int) and c.number_format == "0" for c in codes)
    kinds: dict[str, set] = {}
    for sheet in workbook:
        for row in sheet_rows(sheet):
            for name, cell in row.items():
                if cell.value is not None:
                    kinds.setdefault(name, set()).add("n" if isinstance(cell.value, (int, float)) else "s")
    assert all(len(found) == 1 for found in kinds.values()), kinds
    communities = workbook["ชุมชน communities"]
    flags = sheet_rows(communities)
    labels = {r["หมายเหตุ (Flag)"].value: r["รหัสหมายเหตุ (Flag code)"].value for r in flags}
    assert labels["เกินทะเบียน"] == "over_register" and labels["ปกติ"] == "ok"
    assert set(labels.values()) <= {"ok", "over_register", "no_data", "zero_registered"}


def test_thai_text_width_leaves_out_the_marks_above_and_below_the_line():
    assert display_width("ชุมชน") == 4  # sara u sits under cho chang
    assert display_width("ครัวเรือน") == 7  # mai han-akat above
    assert display_width("Bang Rak") == 8


def workbook_values(workbook) -> list[str]:
    return [
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None
    ]


def assert_no_personal_data(values: list[str], database: Path) -> None:
    texts = " | ".join(values)
    for name in PERSONAL_FIELDS:
        assert name not in values and f"({name})" not in texts, name
    personal = set(personal_values(database))
    assert not personal.intersection(values)


def test_csv_report_is_utf8_with_bom_and_has_both_tables(run_algorithm, demo_copy, tmp_path):
    output = tmp_path / "kr8310.csv"
    run_algorithm("exportreport", {"DATABASE": str(demo_copy), "OUTPUT": str(output)})
    communities_csv = tmp_path / "kr8310_communities.csv"
    for path in (output, communities_csv):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(output, encoding="utf-8-sig", newline="") as handle:
        summary = list(csv.DictReader(handle))
    levels = [row["ระดับ (Level)"] for row in summary]
    assert levels[0] == "กรุงเทพมหานคร (city)"
    assert levels.count("เขต (district)") == 50 and levels.count("กลุ่มเขต (district group)") == 6
    phra_nakhon = next(row for row in summary if row["รหัส (Code)"] == "1001")
    assert phra_nakhon["ร้อยละ KR 8310 (KR %)"] + " %" == district_1001_kr(demo_copy)
    with open(communities_csv, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "รหัสเขต (District code)" and len(rows) > 10
    assert all(row[8] == "" or len(row[8].split(".")[1]) == 1 for row in rows[1:])  # one decimal
    assert_no_personal_data([value for row in summary for value in row.values()] + sum(rows, []), demo_copy)


def test_report_refuses_a_wrong_extension(run_algorithm, demo_copy, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match=r"\.csv or \.xlsx"):
        run_algorithm("exportreport", {"DATABASE": str(demo_copy), "OUTPUT": str(tmp_path / "r.ods")})


def test_set_up_project_carries_the_map_layouts(run_algorithm, demo_copy, tmp_path):
    from qgis.core import QgsProject

    output = tmp_path / "mapping.qgz"
    run_algorithm("setupproject", {"DATABASE": str(demo_copy), "OUTPUT": str(output)})
    project = QgsProject()
    assert project.read(str(output))
    layouts = {layout.name(): layout for layout in project.layoutManager().layouts()}
    assert set(layouts) >= {"KR 8310 city map", "KR 8310 district atlas"}
    atlas = layouts["KR 8310 district atlas"].atlas()
    assert atlas.enabled() and atlas.coverageLayer().name() == "districts"
    map_item = layouts["KR 8310 city map"].itemById("map")
    assert {layer.name() for layer in map_item.layersToRender()} == {"communities", "districts"}
    project.clear()


def test_export_dialog_lists_the_areas_of_the_scope(qgis_app, kr8310_provider):
    from kr8310_plugin.gui.export_dialog import ExportMapDialog

    dialog = ExportMapDialog(database="/data/kr8310.gpkg")
    assert not dialog.area.isEnabled()  # the city needs no area
    dialog.scope.setCurrentIndex(dialog.scope.findData("district"))
    assert dialog.area.count() == 50 and dialog.area.currentData() == "1001"
    dialog.scope.setCurrentIndex(dialog.scope.findData("group"))
    assert dialog.area.count() == 6
    dialog.output.setFilePath("/tmp/map.pdf")
    parameters = dialog.parameters()
    assert parameters["SCOPE"] == "group" and parameters["AREA"] == dialog.area.currentData()
    assert parameters["DATABASE"] == "/data/kr8310.gpkg" and parameters["OUTPUT"] == "/tmp/map.pdf"
    dialog.deleteLater()


def test_atlas_as_png_writes_one_image_per_district(run_algorithm, demo_copy, tmp_path):
    output = tmp_path / "atlas.png"
    run_algorithm("exportmap", {"DATABASE": str(demo_copy), "SCOPE": "atlas", "OUTPUT": str(output), "DPI": 50})
    pages = sorted(tmp_path.glob("atlas_*.png"))
    assert len(pages) == 50 and pages[0].name == "atlas_1001.png" and pages[-1].name == "atlas_1050.png"


def test_readme_commands_run_headless(demo_copy, tmp_path):
    """SCOPE/AREA as words on the command line, as the README's copy-paste commands give them."""
    profile = tmp_path / "profile"

    def qgis_process(*args):
        run_qgis_process(*args, config_dir=profile)

    qgis_process("plugins", "enable", "kr8310_plugin")
    pdf = tmp_path / "phra_nakhon.pdf"
    qgis_process(
        "run", "kr8310:exportmap", "--", f"DATABASE={demo_copy}", "SCOPE=district", "AREA=1001", f"OUTPUT={pdf}"
    )
    assert pdf_pages(pdf) == 1 and "เขตพระนคร" in pdf_text(pdf)
    report = tmp_path / "kr8310_report.xlsx"
    qgis_process("run", "kr8310:exportreport", "--", f"DATABASE={demo_copy}", f"OUTPUT={report}")
    assert "เขต districts" in openpyxl.load_workbook(report).sheetnames

"""kr8310:exportlayout (the community layout PDF) and the demo's synthetic layout layers."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsGeometry, QgsProcessingException
from test_exports import pdf_pages, pdf_text
from test_osm_import import X0, Y0, community_extract

from kr8310_plugin.core.exports.layout_print import plan_page
from kr8310_plugin.core.registry.demo_layout import generate_demo_layout
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.definitions.codelists import BUILDING_KIND
from kr8310_plugin.definitions.labels import LAYOUT_LAYER_TITLES
from kr8310_plugin.definitions.schema import CRS_EPSG, LAYOUT_LAYER_SPECS

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

PLANTED_HOUSE_NO = "8310/4242"  # a household's: must never be printed
PLANTED_BUILDING_NUMBERS = "771;773"  # a building's address numbers: planners' maps never label them


@pytest.fixture()
def osm_database(tmp_path, qgis_app) -> Path:
    """The synthetic communities of test_osm_import, OSM imported into A, a household planted in A and C."""
    from test_osm_import import _populate

    from kr8310_plugin.core.importing.osm_import import import_osm
    from kr8310_plugin.core.storage.gpkg_database import build_database

    path = tmp_path / "community.gpkg"
    build_database(path, populate=_populate)
    import_osm(community_extract().write(tmp_path / "community.osm"), str(path), community_ids=["1001-0001"])
    connection = gpkg.connect(path)
    with connection:
        for household_id, community_id, x, y in (
            ("hh-a", "1001-0001", X0 + 30, Y0 + 30),
            ("hh-c", "1002-0001", X0 + 5050, Y0 + 5050),
        ):
            gpkg.insert_rows(
                connection,
                "households",
                ["geom", "household_id", "community_id", "house_no", "member_count", "updated_at"],
                [
                    (
                        gpkg.encode_point(x, y, CRS_EPSG),
                        household_id,
                        community_id,
                        PLANTED_HOUSE_NO,
                        3,
                        "2025-06-01T08:00:00Z",
                    )
                ],
            )
        connection.execute("UPDATE buildings SET house_numbers = ?", (PLANTED_BUILDING_NUMBERS,))
        square = QgsGeometry.fromWkt(f"POINT({X0 + 5050} {Y0 + 5050})").buffer(30, 4)
        gpkg.insert_rows(
            connection,
            "buildings",
            ["geom", "building_id", "community_id", "building_kind", "name", "house_numbers", "updated_at"],
            [
                (
                    gpkg.encode_geometry(square, CRS_EPSG),
                    "b-c",
                    "1002-0001",
                    "temple",
                    "วัดไกลบ้าน",
                    "5/5",
                    "2025-07-01T00:00:00Z",
                )
            ],
        )
    connection.close()
    return path


def test_a_community_page_has_thai_title_legend_osm_attribution_and_no_personal_value(
    run_algorithm, osm_database, tmp_path
):
    output = tmp_path / "layout_a.pdf"
    result = run_algorithm(
        "exportlayout", {"DATABASE": str(osm_database), "COMMUNITY": "1001-0001", "OUTPUT": str(output)}
    )
    assert result["PAGES"] == 1 and pdf_pages(output) == 1
    text = pdf_text(output)
    assert "แผนผังชุมชนริมคลองทดสอบ" in text and "เขตพระนคร" in text  # "ชุมชน" once, not twice
    assert "Phra Nakhon district" in text
    assert "คำอธิบายสัญลักษณ์" in text
    for entry in (
        LAYOUT_LAYER_TITLES.label("buildings", "th"),
        LAYOUT_LAYER_TITLES.label("ways", "th"),
        BUILDING_KIND.label("house", "th"),
        "ขอบเขตชุมชน",
        "ครัวเรือน (ตำแหน่ง)",
    ):
        assert entry in text, entry
    assert "วัดทดสอบ" in text and "ตรอกหลังวัด" in text  # names of a facility and a way label them
    assert "© OpenStreetMap contributors" in text
    assert "ข้อมูล ณ วันที่" in text and "มาตราส่วน 1:" in text
    assert PLANTED_HOUSE_NO not in text and "4242" not in text
    assert "771" not in text and "773" not in text
    assert "hh-a" not in text


def test_a_page_without_osm_features_has_no_attribution(run_algorithm, osm_database, tmp_path):
    output = tmp_path / "layout_c.pdf"
    run_algorithm("exportlayout", {"DATABASE": str(osm_database), "COMMUNITY": "1002-0001", "OUTPUT": str(output)})
    text = pdf_text(output)
    assert "วัดไกลบ้าน" in text and "OpenStreetMap" not in text
    assert PLANTED_HOUSE_NO not in text and "5/5" not in text


def test_a_point_community_prints_its_circle_and_bad_requests_are_refused(run_algorithm, osm_database, tmp_path):
    output = tmp_path / "layout_b.pdf"
    run_algorithm("exportlayout", {"DATABASE": str(osm_database), "COMMUNITY": "1001-0002", "OUTPUT": str(output)})
    assert "ศมี 150 ม." in pdf_text(output)  # "พื้นที่รัศมี 150 ม. ...": poppler moves the tone mark of ที่
    with pytest.raises(QgsProcessingException, match="No community 1001-9999"):
        run_algorithm("exportlayout", {"DATABASE": str(osm_database), "COMMUNITY": "1001-9999", "OUTPUT": str(output)})
    with pytest.raises(QgsProcessingException, match="community id or a district code"):
        run_algorithm("exportlayout", {"DATABASE": str(osm_database), "OUTPUT": str(tmp_path / "none.pdf")})
    assert not (tmp_path / "none.pdf").exists()


def test_paper_and_orientation_follow_the_community_shape():
    from qgis.core import QgsRectangle

    assert plan_page(QgsRectangle(0, 0, 300, 150)) == ("A4", True, 2000)  # small and wide
    assert plan_page(QgsRectangle(0, 0, 150, 300))[:2] == ("A4", False)  # small and tall
    paper, landscape, scale = plan_page(QgsRectangle(0, 0, 1500, 900))
    assert (paper, landscape) == ("A3", True) and scale > 2500


def test_the_demo_layout_and_a_district_pdf_of_one_page_per_community(run_algorithm, demo_copy, tmp_path):
    summary = generate_demo_layout(demo_copy, limit=2)
    assert len(summary.communities) == 2 and all(summary.rows[s.name] > 0 for s in LAYOUT_LAYER_SPECS)
    with sqlite3.connect(demo_copy) as connection:
        before = {
            s.name: connection.execute(f"SELECT count(*) FROM {s.name}").fetchone()[0] for s in LAYOUT_LAYER_SPECS
        }
        assert connection.execute("SELECT count(*) FROM buildings WHERE osm_id IS NOT NULL").fetchone()[0] == 0
        communities = connection.execute("SELECT count(*) FROM communities WHERE district_code = 1001").fetchone()[0]
        planted = connection.execute(
            "SELECT house_no FROM households WHERE community_id = ? LIMIT 1", (summary.communities[0],)
        ).fetchone()[0]
    assert generate_demo_layout(demo_copy, limit=2).communities == []  # filled communities are left alone
    with sqlite3.connect(demo_copy) as connection:
        after = {s.name: connection.execute(f"SELECT count(*) FROM {s.name}").fetchone()[0] for s in LAYOUT_LAYER_SPECS}
    assert after == before
    output = tmp_path / "layout_1001.pdf"
    result = run_algorithm("exportlayout", {"DATABASE": str(demo_copy), "DISTRICT": "1001", "OUTPUT": str(output)})
    assert result["PAGES"] == communities == pdf_pages(output)
    text = pdf_text(output)
    assert text.count("เขตพระนคร") >= communities
    assert "OpenStreetMap" not in text  # the demo's layout is synthetic
    assert planted not in text
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "1", str(output)], capture_output=True, text=True).stdout
    assert "(A3)" in info or "(A4)" in info

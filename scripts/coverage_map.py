"""Render the coverage map of a community database to a PNG (the README's screenshots).

    python scripts/coverage_map.py DATABASE.gpkg OUTPUT.png [--language en|th] [--districts 1001,1002]
    python scripts/coverage_map.py DATABASE.gpkg --print-pages docs/screenshots [--district 1001]

The second form writes the planner's print pages as the README shows them: city_map.png (the
city map exported as PNG by core.exports.maps) and atlas_page_<district>.png (that district's
page of the atlas PDF, rendered by poppler's pdftoppm as a reader's viewer would show it).

The communities get the coverage style of core.project.styles (as in the set-up project), the
districts their outline (QgsMapSettings + QgsMapRendererSequentialJob); a title and the
legend are painted beside the map. The coverage fields
are recomputed first (coverage.refresh_database), so the map shows the data as it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import qgis_session


def render_coverage_map(
    database: Path, output: Path, language: str = "en", district_codes: list[int] | None = None, dpi: int = 110
) -> Path:
    from qgis.core import (
        Qgis,
        QgsFeatureRequest,
        QgsMapRendererSequentialJob,
        QgsMapSettings,
        QgsRectangle,
        QgsSymbolLayerUtils,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

    from kr8310_plugin.core.coverage import engine as coverage
    from kr8310_plugin.core.project import setup as project_setup
    from kr8310_plugin.core.project import styles
    from kr8310_plugin.core.storage.datasource import open_layer

    coverage.refresh_database(str(database))
    communities = open_layer(str(database), "communities")
    districts = open_layer(str(database), "districts")
    title = "ความครอบคลุมของข้อมูลครัวเรือน (KR 8310)" if language == "th" else "Household data coverage (KR 8310)"
    styles.apply_style(communities, styles.STYLE_COVERAGE, language)
    project_setup.style_districts(districts, language)
    extent = QgsRectangle(communities.extent())
    if district_codes:  # frame those districts (the neighbours show at the edges)
        codes = ", ".join(str(c) for c in district_codes)
        request = QgsFeatureRequest().setFilterExpression(f'"district_code" IN ({codes})')
        extent = QgsRectangle()
        for feature in communities.getFeatures(request):
            extent.combineExtentWith(feature.geometry().boundingBox())

    map_width, map_height, legend_width, top = 1100, 900, 330, 60
    extent.scale(1.04)
    settings = QgsMapSettings()
    settings.setLayers([communities, districts])
    settings.setDestinationCrs(communities.crs())
    settings.setOutputSize(QSize(map_width, map_height))
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor("white"))
    settings.setFlag(Qgis.MapSettingsFlag.Antialiasing, True)
    settings.setOutputDpi(dpi)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    if job.errors():
        raise RuntimeError("; ".join(error.message for error in job.errors()))

    image = QImage(map_width + legend_width + 30, map_height + top + 15, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(QFont(styles.LABEL_FONT_FAMILY, 20, QFont.Weight.Bold))
    painter.setPen(QColor("#202020"))
    painter.drawText(15, 40, title)
    painter.drawImage(15, top, job.renderedImage())
    painter.setPen(QColor("#808080"))
    painter.drawRect(15, top, map_width, map_height)
    # Legend: the coverage style's classes with their own symbols.
    painter.setFont(QFont(styles.LABEL_FONT_FAMILY, 12))
    painter.setPen(QColor("#202020"))
    x, y = map_width + 35, top + 10
    painter.drawText(x, y + 16, "ชุมชน" if language == "th" else "Communities")
    y += 34
    for rule in communities.renderer().rootRule().children():
        pixmap = QgsSymbolLayerUtils.symbolPreviewPixmap(rule.symbol(), QSize(34, 22))
        painter.drawPixmap(x, y, pixmap)
        painter.drawText(x + 44, y + 17, rule.label())
        y += 30
    painter.end()
    output.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(output)):
        raise RuntimeError(f"Could not write {output}")
    return output


def print_pages(database: Path, directory: Path, district: str = "1001", dpi: int = 110) -> list[Path]:
    """city_map.png and atlas_page_<district>.png in `directory`: the export's own pages."""
    import subprocess
    import tempfile

    from kr8310_plugin.core.exports.maps import export_map

    directory.mkdir(parents=True, exist_ok=True)
    city = directory / "city_map.png"
    export_map(str(database), "city", city, dpi=dpi)
    with tempfile.TemporaryDirectory(prefix="kr8310-atlas-") as temp:
        atlas = Path(temp) / "atlas.pdf"
        export_map(str(database), "atlas", atlas, dpi=dpi)
        page = sorted(int(code) for code in _district_codes(database)).index(int(district)) + 1
        prefix = Path(temp) / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-png",
                "-singlefile",
                str(atlas),
                str(prefix),
            ],
            check=True,
        )
        target = directory / f"atlas_page_{district}.png"
        target.write_bytes(prefix.with_suffix(".png").read_bytes())
    return [city, target]


def _district_codes(database: Path) -> list[int]:
    from kr8310_plugin.core.storage.datasource import open_layer

    return [feature["district_code"] for feature in open_layer(str(database), "districts").getFeatures()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database", type=Path)
    parser.add_argument("output", type=Path, nargs="?")
    parser.add_argument("--language", default="en")
    parser.add_argument("--districts", default="", help="comma-separated district codes (default: all)")
    parser.add_argument("--dpi", type=int, default=110)
    parser.add_argument("--print-pages", type=Path, metavar="DIR", help="write city_map.png and an atlas page")
    parser.add_argument("--district", default="1001", help="the atlas page of --print-pages")
    args = parser.parse_args()
    qgis_session.start()
    if args.print_pages:
        for path in print_pages(args.database, args.print_pages, args.district, args.dpi):
            print(path)
        return 0
    if args.output is None:
        parser.error("give OUTPUT.png or --print-pages DIR")
    codes = [int(c) for c in args.districts.replace(",", " ").split()]
    print(render_coverage_map(args.database, args.output, args.language, codes or None, args.dpi))
    return 0


if __name__ == "__main__":
    sys.exit(main())

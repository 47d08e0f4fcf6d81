"""The community register against the official KR 8310 targets, per district and size class.

`register_discrepancies(database)` counts the S and M communities and their registered
households in a community database (GeoPackage or PostGIS) beside the official numbers of
`district_targets.csv` (core/registry/districts.py), with the differences (database minus
official). District offices reconcile these before KR % means anything.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from qgis.core import QgsFeatureRequest

from ...definitions.schema import COMMUNITIES, KR_SIZE_CLASSES
from ..exports.reports import Column, write_csv, write_xlsx
from ..registry.districts import District, load_targets
from ..rules.size_class import size_class
from ..storage.datasource import open_layer
from ..toolbelt.i18n import tr


@dataclass(frozen=True)
class Discrepancy:
    district_code: int
    district_th: str
    district_en: str
    size_class: str
    communities: int
    target_communities: int
    diff_communities: int
    households: int
    target_households: int
    diff_households: int


# Report headers in both languages (Thai (English)), as the KR reports write them.
DISCREPANCY_COLUMNS: tuple[Column, ...] = (
    Column("district_code", "รหัสเขต (District code)", "integer"),
    Column("district_th", "เขต (District, Thai)", "text"),
    Column("district_en", "เขต (District)", "text"),
    Column("size_class", "ขนาดชุมชน (Size class)", "text"),
    Column("communities", "ชุมชนในฐานข้อมูล (Communities in the database)", "integer"),
    Column("target_communities", "ชุมชนตามเป้าหมาย (Official communities)", "integer"),
    Column("diff_communities", "ผลต่างชุมชน (Communities difference)", "integer"),
    Column("households", "หลังคาเรือนในฐานข้อมูล (Households in the database)", "integer"),
    Column("target_households", "หลังคาเรือนตามเป้าหมาย (Official households)", "integer"),
    Column("diff_households", "ผลต่างหลังคาเรือน (Households difference)", "integer"),
)
SHEET_NAME = "register"


def _counts(database: str) -> dict[tuple[int, str], list[int]]:
    layer = open_layer(database, COMMUNITIES)
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(["district_code", "registered_households"], layer.fields())
    counts: dict[tuple[int, str], list[int]] = {}
    for feature in layer.getFeatures(request):
        try:
            district = int(feature["district_code"])
            households = int(feature["registered_households"])
        except (TypeError, ValueError):
            continue  # no district or no register: in no district's S/M count
        entry = counts.setdefault((district, size_class(households)), [0, 0])
        entry[0] += 1
        entry[1] += households
    return counts


def register_discrepancies(database: str, targets: list[District] | None = None) -> list[Discrepancy]:
    """Per district (the sheet's order) and size class S, M: the database's communities and
    registered households beside the official targets, and database minus official."""
    counts = _counts(database)
    rows = []
    for district in targets if targets is not None else load_targets():
        official = {
            "S": (district.target_small_communities, district.target_small_households),
            "M": (district.target_medium_communities, district.target_medium_households),
        }
        for cls in KR_SIZE_CLASSES:
            communities, households = counts.get((district.code, cls), [0, 0])
            target_communities, target_households = official[cls]
            rows.append(
                Discrepancy(
                    district.code,
                    district.name_th,
                    district.name_en,
                    cls,
                    communities,
                    target_communities,
                    communities - target_communities,
                    households,
                    target_households,
                    households - target_households,
                )
            )
    return rows


def discrepancy_lines(rows: list[Discrepancy], only_differences: bool = True) -> list[str]:
    """The table as fixed-width text lines for a log (by default only the rows that differ); the
    districts without any S or M community in the database are named on one line at the end."""
    lines = [
        tr("District  Class  Communities (official, difference)  Households (official, difference)"),
    ]
    present = {row.district_code for row in rows if row.communities}
    absent = sorted({row.district_code for row in rows} - present)
    for row in rows:
        if row.district_code not in present and only_differences:
            continue
        if only_differences and not (row.diff_communities or row.diff_households):
            continue
        lines.append(
            f"{row.district_code} {row.district_en:<16} {row.size_class:^5} "
            f"{row.communities:>6} ({row.target_communities:>5}, {row.diff_communities:+5d})   "
            f"{row.households:>8} ({row.target_households:>7}, {row.diff_households:+7d})"
        )
    if absent and only_differences:
        lines.append(
            tr("{count} district(s) have no S or M community in the database yet: {districts}.").format(
                count=len(absent), districts=", ".join(str(code) for code in absent)
            )
        )
    return lines


def write_discrepancies(path: str | Path, rows: list[Discrepancy]) -> Path:
    """The table as .csv (UTF-8 with BOM) or .xlsx; raises ReportExportError when GDAL refuses."""
    path = Path(path)
    dicts = [asdict(row) for row in rows]
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, [(SHEET_NAME, DISCREPANCY_COLUMNS, dicts)])
    else:
        write_csv(path, DISCREPANCY_COLUMNS, dicts)
    return path

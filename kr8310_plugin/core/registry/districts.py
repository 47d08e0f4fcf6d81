"""The Bangkok district registry: the 50 districts, their groups and official KR 8310 targets."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)

from ...definitions.codelists import DISTRICT_GROUP
from ...definitions.schema import CRS_AUTHID
from ..toolbelt.i18n import tr
from ..toolbelt.paths import resource_path

TARGETS_CSV = "district_targets.csv"
BOUNDARIES_GEOJSON = "bangkok_districts.geojson"


@dataclass
class District:
    code: int
    name_th: str
    name_en: str
    group_code: str
    group_th: str
    group_en: str
    target_small_communities: int
    target_small_households: int
    target_medium_communities: int
    target_medium_households: int
    geometry: QgsGeometry = field(default_factory=QgsGeometry, repr=False)  # EPSG:32647


class RegistryError(ValueError):
    """The shipped district data is unreadable or inconsistent."""


def load_targets(csv_path: str | Path | None = None) -> list[District]:
    """Districts with their official targets, in the KR 8310 sheet's order (no geometry)."""
    csv_path = Path(csv_path) if csv_path else resource_path("data", TARGETS_CSV)
    districts: list[District] = []
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            group_code = DISTRICT_GROUP.key_for(row.get("group_en", ""))
            if group_code is None:
                raise RegistryError(
                    tr("{file}, line {line}: unknown district group '{value}'").format(
                        file=csv_path.name, line=line_no, value=row.get("group_en")
                    )
                )
            group = DISTRICT_GROUP.get(group_code)
            try:
                districts.append(
                    District(
                        code=int(row["district_code"]),
                        name_th=row["district_th"].strip(),
                        name_en=row["district_en"].strip(),
                        group_code=group_code,
                        group_th=group.label_th,
                        group_en=group.label_en,
                        target_small_communities=int(row["small_communities"]),
                        target_small_households=int(row["small_households"]),
                        target_medium_communities=int(row["medium_communities"]),
                        target_medium_households=int(row["medium_households"]),
                    )
                )
            except (KeyError, ValueError) as error:
                raise RegistryError(
                    tr("{file}, line {line}: {error}").format(file=csv_path.name, line=line_no, error=error)
                ) from error
    return districts


def load_registry(csv_path: str | Path | None = None, geojson_path: str | Path | None = None) -> list[District]:
    """The 50 districts with targets and boundaries transformed to EPSG:32647 (joined on `dcode`)."""
    districts = load_targets(csv_path)
    geojson_path = Path(geojson_path) if geojson_path else resource_path("data", BOUNDARIES_GEOJSON)
    layer = QgsVectorLayer(str(geojson_path), "districts", "ogr")
    if not layer.isValid():
        raise RegistryError(tr("Cannot read the district boundaries {file}").format(file=geojson_path))
    transform = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem(CRS_AUTHID), QgsProject.instance().transformContext()
    )
    geometries: dict[int, QgsGeometry] = {}
    for feature in layer.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        geometry.transform(transform)
        geometry.convertToMultiType()
        geometries[int(feature["dcode"])] = geometry
    for district in districts:
        if district.code not in geometries:
            raise RegistryError(
                tr("District {code} has no boundary in {file}").format(code=district.code, file=geojson_path.name)
            )
        district.geometry = geometries[district.code]
    return districts

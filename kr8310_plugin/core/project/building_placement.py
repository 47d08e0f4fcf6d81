"""Placing a household on a building of the community layout: where the point goes, which house
number it is offered.

A click inside a building keeps the click point; a click within `tolerance` of a building (a few
pixels, in layer units) moves the point just inside that building's nearest edge. The household is
offered the first of the building's house numbers (core/rules/house_numbers.py) that no household in
the building, nor any household of its community, uses yet: flats and row houses get the next one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from qgis.core import QgsFeature, QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer

from ..importing.normalise import normalise_house_no
from ..rules.completeness import is_filled
from ..rules.house_number_lists import split_house_numbers
from ..rules.sql_text import QGIS_EXPRESSION, quote_literal

# How far inside the building's edge a snapped point goes, in metres (the layers' CRS unit).
INSIDE_EDGE_M = 0.3


@dataclass(frozen=True)
class BuildingPlacement:
    """Where a household clicked on or next to a building goes: `point` (inside the building),
    the building's feature id and its building_id, and the house number offered (None: none left)."""

    point: QgsPointXY
    building_fid: int
    building_id: str | None
    house_no: str | None


def first_unused_house_number(house_numbers: object, used: Iterable[object]) -> str | None:
    """The first number of a building's house_numbers no household uses yet (`used`: their house_no
    values, compared as the database compares house numbers: "๑๒" is "12"); None when none is left."""
    taken = {normalise_house_no(str(number)) for number in used if is_filled(number)}
    return next(
        (number for number in split_house_numbers(house_numbers) if normalise_house_no(number) not in taken), None
    )


def _point_inside(building: QgsGeometry, point: QgsPointXY) -> QgsPointXY:
    """The point of `building` nearest `point`, a little inside its edge (its point on surface when
    the building is too small for that)."""
    inner = building.buffer(-INSIDE_EDGE_M, 4)
    target = inner if not inner.isEmpty() else building
    nearest = target.nearestPoint(QgsGeometry.fromPointXY(point)).asPoint()
    if building.contains(QgsGeometry.fromPointXY(nearest)):
        return nearest
    return building.pointOnSurface().asPoint()


def building_at(buildings: QgsVectorLayer, point: QgsPointXY, tolerance: float = 0.0) -> QgsFeature | None:
    """The building holding `point` (the smallest of several), else the nearest one within
    `tolerance` (layer units), else None."""
    box = QgsRectangle(point.x() - tolerance, point.y() - tolerance, point.x() + tolerance, point.y() + tolerance)
    location = QgsGeometry.fromPointXY(point)
    holding, near = [], []
    for feature in buildings.getFeatures(QgsFeatureRequest().setFilterRect(box)):
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            continue
        if geometry.contains(location):
            holding.append((geometry.area(), feature.id(), feature))
        else:
            distance = geometry.distance(location)
            if distance <= tolerance:
                near.append((distance, feature.id(), feature))
    for candidates in (holding, near):
        if candidates:
            return min(candidates, key=lambda item: item[:2])[2]
    return None


def used_house_numbers(
    households: QgsVectorLayer, building: QgsGeometry, community_id: str | None, numbers: list[str]
) -> set[str]:
    """house_no of the households lying in `building`, and of those of `community_id` that already
    use one of `numbers` (house numbers are unique within a community)."""
    used = set()
    request = QgsFeatureRequest().setFilterRect(building.boundingBox())
    request.setSubsetOfAttributes(["house_no"], households.fields())
    for feature in households.getFeatures(request):
        if building.contains(feature.geometry()):
            used.add(feature["house_no"])
    if community_id and numbers:
        listed = ", ".join(quote_literal(number, QGIS_EXPRESSION) for number in numbers)
        expression = f'"community_id" = {quote_literal(community_id, QGIS_EXPRESSION)} AND "house_no" IN ({listed})'
        request = QgsFeatureRequest().setFilterExpression(expression)
        request.setFlags(QgsFeatureRequest.NoGeometry)
        used.update(feature["house_no"] for feature in households.getFeatures(request))
    return used


def place_on_building(
    buildings: QgsVectorLayer,
    households: QgsVectorLayer,
    point: QgsPointXY,
    tolerance: float,
    community_of=None,
) -> BuildingPlacement | None:
    """Where a household clicked at `point` goes when a building holds it or lies within `tolerance`;
    None when no building does (the point stays as clicked). `community_of(point)` gives the community id
    the placed point lies in (for the house number check), None when unknown. All in one CRS."""
    building = building_at(buildings, point, tolerance)
    if building is None:
        return None
    geometry = building.geometry()
    placed = point if geometry.contains(QgsGeometry.fromPointXY(point)) else _point_inside(geometry, point)
    numbers = split_house_numbers(building["house_numbers"])
    community_id = community_of(placed) if community_of is not None else None
    used = used_house_numbers(households, geometry, community_id, numbers)
    house_no = first_unused_house_number(building["house_numbers"], used)
    return BuildingPlacement(placed, building.id(), building["building_id"], house_no)

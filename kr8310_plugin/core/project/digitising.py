"""Placing a household: which community a point falls in, and the new household's preset values;
a community's households listed by house number for the mapper."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qgis.core import QgsFeatureRequest, QgsPointXY, QgsVectorLayer

from ..importing.normalise import thai_digits_to_ascii
from ..rules.community_locator import CommunityLocation, locate_in_layer


def locate_community(communities: QgsVectorLayer, point: QgsPointXY) -> CommunityLocation:
    """The communities of the layer holding `point` (in the layer's CRS; inside or on an edge):
    none, one, or several (a tie the caller reports). The rule of core/rules/community_locator."""
    return locate_in_layer(communities, point)  # polygons first, else the nearest point community


def new_household_values(households: QgsVectorLayer, community_id: str) -> dict[int, object]:
    """Attribute values (by field index) a household placed in community `community_id` starts with."""
    return {households.fields().indexFromName("community_id"): community_id}


@dataclass(frozen=True)
class HouseholdRow:
    """One household of a community's list: its feature id, house number and member rows."""

    fid: int
    house_no: str
    members: int
    building_type: str | None


def house_number_sort_key(house_no: str | None) -> tuple:
    """Orders house numbers as a mapper reads them: "2" < "10" < "10/1" < "10/12"; Thai digits as digits."""
    text = thai_digits_to_ascii(str(house_no or "")).strip()
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def house_number_matches(house_no: str | None, wanted: str) -> bool:
    """Whether `wanted` (as typed, Thai digits or not) is part of the house number."""
    wanted = thai_digits_to_ascii(wanted).strip().casefold()
    return wanted in thai_digits_to_ascii(str(house_no or "")).casefold()


def community_households(households: QgsVectorLayer, members: QgsVectorLayer, community_id: str) -> list[HouseholdRow]:
    """The households of a community (edit buffers included) by house number, with their member rows."""
    escaped = community_id.replace("'", "''")
    request = QgsFeatureRequest().setFilterExpression(f"\"community_id\" = '{escaped}'")
    request.setFlags(QgsFeatureRequest.NoGeometry)
    found = list(households.getFeatures(request))
    counts: dict[str, int] = {}
    ids = [str(feature["household_id"]) for feature in found if feature["household_id"]]
    if ids:
        listed = ", ".join("'" + value.replace("'", "''") + "'" for value in ids)
        member_request = QgsFeatureRequest().setFilterExpression(f'"household_id" IN ({listed})')
        member_request.setFlags(QgsFeatureRequest.NoGeometry)
        member_request.setSubsetOfAttributes(["household_id"], members.fields())
        for member in members.getFeatures(member_request):
            counts[str(member["household_id"])] = counts.get(str(member["household_id"]), 0) + 1
    rows = [
        HouseholdRow(
            feature.id(),
            str(feature["house_no"] or ""),
            counts.get(str(feature["household_id"]), 0),
            feature["building_type"] or None,
        )
        for feature in found
    ]
    return sorted(rows, key=lambda row: house_number_sort_key(row.house_no))

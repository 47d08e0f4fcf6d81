"""Placing a household: which community a point falls in, and the new household's preset values."""

from __future__ import annotations

from qgis.core import QgsFeatureRequest, QgsPointXY, QgsRectangle, QgsVectorLayer

from ..rules.community_locator import CommunityLocation, CommunityLocator


def locate_community(communities: QgsVectorLayer, point: QgsPointXY) -> CommunityLocation:
    """The communities of the layer holding `point` (in the layer's CRS; inside or on an edge):
    none, one, or several (a tie the caller reports). The rule of core/rules/community_locator."""
    request = QgsFeatureRequest().setFilterRect(QgsRectangle(point.x(), point.y(), point.x(), point.y()))
    request.setSubsetOfAttributes(["community_id"], communities.fields())
    nearby = ((feature["community_id"], feature.geometry()) for feature in communities.getFeatures(request))
    return CommunityLocator(nearby).locate(point)


def new_household_values(households: QgsVectorLayer, community_id: str) -> dict[int, object]:
    """Attribute values (by field index) a household placed in community `community_id` starts with."""
    return {households.fields().indexFromName("community_id"): community_id}

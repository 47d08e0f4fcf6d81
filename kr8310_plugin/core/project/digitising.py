"""Placing a household: which community a point falls in, and the new household's preset values."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsVectorLayer


def community_at(communities: QgsVectorLayer, point: QgsPointXY) -> QgsFeature | None:
    """The community polygon holding `point` (in the layer's CRS; inside or on its edge), or None.

    The same rule as the form's default and constraint (overlay_intersects).
    """
    location = QgsGeometry.fromPointXY(point)
    request = QgsFeatureRequest().setFilterRect(location.boundingBox())
    for community in communities.getFeatures(request):
        if community.hasGeometry() and community.geometry().intersects(location):
            return community
    return None


def new_household_values(households: QgsVectorLayer, community: QgsFeature) -> dict[int, object]:
    """Attribute values (by field index) a household placed in `community` starts with."""
    return {households.fields().indexFromName("community_id"): community["community_id"]}

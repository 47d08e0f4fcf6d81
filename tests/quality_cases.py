"""What the quality fast-path tests compare (GeoPackage and PostGIS alike): an issue as a plain
tuple, and the reference issues of layers (checks.validate over every record)."""

from __future__ import annotations

from kr8310_plugin.core.quality.checks import validate
from kr8310_plugin.core.quality.layers import _targets
from kr8310_plugin.core.quality.reading import community_records, household_records, member_records


def issue_key(issue) -> tuple:
    """Everything an issue says, its point rounded to a micrometre."""
    point = None
    if issue.geometry is not None and not issue.geometry.isNull():
        xy = issue.geometry.asPoint()
        point = (round(xy.x(), 6), round(xy.y(), 6))
    return (issue.severity, issue.code, issue.message, issue.layer, issue.feature_id, issue.community_id,
            issue.district_code, point)  # fmt: skip


def reference_issues(layers) -> list:
    """checks.validate on every record of the layers (communities, households, members, districts)."""
    communities = community_records(layers["communities"])
    households = [record for _fid, record in household_records(layers["households"])]
    targets = _targets(layers["districts"], None, None)
    return validate(communities, households, member_records(layers["members"]), targets)

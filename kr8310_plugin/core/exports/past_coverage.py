"""Coverage of a past date for the maps, from the progress snapshots (core/progress/snapshots.py).

`snapshot_coverage(database, day)` gives the communities' coverage and the KR 8310 roll-ups of
a recorded snapshot as the same objects the engine and kr_summary give for today;
`coverage_layer(communities, values, before)` copies the communities into a memory layer with
those values (and, given `before`, the change in coverage_pct), so a map draws the past
without a stored community being rewritten; with `points=True` it is the point layer of the
communities known only by their point (today's maps draw them from it too).
`change_renderer` colours a change layer on a diverging ramp. Only public community fields reach
the layer: no personal field.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from qgis.core import (
    NULL,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsMemoryProviderUtils,
    QgsPointXY,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...compat import new_field
from ...definitions import print_texts
from ..coverage.kr_summary import SummaryRow
from ..coverage.results import CommunityCoverage
from ..progress.snapshots import KrSnapshot, SnapshotError, read_snapshots, snapshot_dates
from ..toolbelt.i18n import tr
from .print_styles import hatched_fill

CHANGE_FIELD = "coverage_change"
# The memory layer's fields: the communities' public ones (no personal field) and the change.
LAYER_FIELDS = (
    ("community_id", "string"),
    ("name", "string"),
    ("district_code", "int"),
    ("size_class", "string"),
    ("registered_households", "int"),
    ("households_entered", "int"),
    ("households_complete", "int"),
    ("coverage_pct", "double"),
    ("coverage_flag", "string"),
    (CHANGE_FIELD, "double"),
)
# Where a community known only by its point lies (EPSG:32647, definitions/schema.py).
LOCATION_FIELDS = ("location_x", "location_y")
# Diverging ramp of the change, percentage points (ColorBrewer RdBu): (lower, upper, colour), lower
# bound included below zero and upper bound included above it; exactly 0 has a class of its own.
CHANGE_DECREASES = ((None, -20, "#b2182b"), (-20, -10, "#d6604d"), (-10, -5, "#f4a582"), (-5, 0, "#fddbc7"))
CHANGE_NONE_COLOUR = "#f7f7f7"
CHANGE_INCREASES = ((0, 5, "#d1e5f0"), (5, 10, "#92c5de"), (10, 20, "#4393c3"), (20, None, "#2166ac"))
CHANGE_LABEL_EXPRESSION = (
    f"CASE WHEN \"{CHANGE_FIELD}\" IS NULL THEN '–' "
    f'WHEN "{CHANGE_FIELD}" > 0 THEN \'+\' || format_number("{CHANGE_FIELD}", 1) '
    f"ELSE replace(format_number(\"{CHANGE_FIELD}\", 1), '-', '−') END"
)


@dataclass
class PastCoverage:
    """A snapshot as the maps use it: coverage per community id, and the KR roll-ups."""

    day: _dt.date
    communities: dict[str, CommunityCoverage] = field(default_factory=dict)
    summary: list[SummaryRow] = field(default_factory=list)


def _date_text(day: _dt.date) -> str:
    return day.isoformat()


def check_snapshot_dates(database: str, day: _dt.date | None, since: _dt.date | None) -> None:
    """Raise SnapshotError unless each date given has a snapshot in `database`, and `since` is
    before `day` (when both are given). The message names the date and the dates recorded."""
    wanted = [d for d in (since, day) if d is not None]
    if not wanted:
        return
    recorded = snapshot_dates(database)
    for wanted_day in wanted:
        if wanted_day in recorded:
            continue
        if not recorded:
            raise SnapshotError(
                tr("There is no snapshot of {date}: no progress has been recorded yet (kr8310:snapshot).").format(
                    date=_date_text(wanted_day)
                )
            )
        raise SnapshotError(
            tr("There is no snapshot of {date}. Snapshots are recorded for: {dates}.").format(
                date=_date_text(wanted_day), dates=", ".join(_date_text(d) for d in recorded)
            )
        )
    if day is not None and since is not None and since >= day:
        raise SnapshotError(
            tr("SINCE ({since}) must be before DATE ({date}).").format(since=_date_text(since), date=_date_text(day))
        )


def summary_row(row: KrSnapshot) -> SummaryRow:
    """A kr_snapshots row as kr_summary's row (the difference: data minus official, as kr_summary)."""
    return SummaryRow(
        row.level,
        row.key,
        row.name_th or "",
        row.name_en or "",
        s_communities=row.s_communities,
        m_communities=row.m_communities,
        registered_households=row.registered,
        complete_households=row.complete,
        kr_pct=row.kr_pct,
        target_s_communities=row.target_s_communities,
        target_m_communities=row.target_m_communities,
        target_households=row.target_households,
        diff_s_communities=None if row.target_s_communities is None else row.s_communities - row.target_s_communities,
        diff_m_communities=None if row.target_m_communities is None else row.m_communities - row.target_m_communities,
        diff_households=None if row.target_households is None else row.registered - row.target_households,
    )


def snapshot_coverage(database: str, day: _dt.date) -> PastCoverage:
    """The snapshot of `day` (check_snapshot_dates first: a day without one gives empty values)."""
    snapshots = read_snapshots(database, date_from=day, date_to=day)
    past = PastCoverage(day)
    for row in snapshots.communities:
        past.communities[row.community_id] = CommunityCoverage(
            row.community_id,
            row.district_code,
            row.registered_households,
            row.households_entered,
            row.households_complete,
        )
    past.summary = [summary_row(row) for row in snapshots.kr]
    return past


def coverage_change(now: CommunityCoverage | None, before: CommunityCoverage | None) -> float | None:
    """Percentage points from `before` to `now`; None when either has no coverage %."""
    if now is None or before is None or now.coverage_pct is None or before.coverage_pct is None:
        return None
    return now.coverage_pct - before.coverage_pct


def coverage_layer(
    communities: QgsVectorLayer,
    values: dict[str, CommunityCoverage] | None = None,
    before: dict[str, CommunityCoverage] | None = None,
    points: bool = False,
) -> QgsVectorLayer:
    """A memory copy of `communities` (geometries, ids, names) with the coverage of `values` (by
    community id; a community without one gets no coverage; None: the coverage fields stored in
    `communities`) and, given `before`, the change since.

    `points`: a point layer of the communities known only by their point (no polygon; location_x
    and location_y set, in the layer's CRS) instead, drawn where the register places them."""
    fields = QgsFields()
    for name, kind in LAYER_FIELDS:
        fields.append(new_field(name, kind))
    wkb_type = QgsWkbTypes.Point if points else communities.wkbType()
    layer = QgsMemoryProviderUtils.createMemoryLayer(communities.name(), fields, wkb_type, communities.crs())
    stored = [name for name, _kind in LAYER_FIELDS if communities.fields().indexOf(name) >= 0]
    located = all(communities.fields().indexOf(name) >= 0 for name in LOCATION_FIELDS)
    if points and not located:
        return layer
    wanted = ["community_id", "name", "district_code"] if values is not None else stored
    request = QgsFeatureRequest().setSubsetOfAttributes(
        [*wanted, *(LOCATION_FIELDS if points else ())], communities.fields()
    )
    features = []
    for source in communities.getFeatures(request):
        geometry = source.geometry()
        if points:
            if not (geometry.isNull() or geometry.isEmpty()):
                continue  # drawn as its polygon
            x, y = (source[name] for name in LOCATION_FIELDS)
            if x in (None, NULL) or y in (None, NULL):
                continue
            geometry = QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y)))
        community_id = str(source["community_id"])
        feature = QgsFeature(fields)
        feature.setGeometry(geometry)
        attributes = {name: source[name] for name in wanted}
        attributes["community_id"] = community_id
        coverage = values.get(community_id) if values is not None else None
        if coverage is not None:
            attributes.update(
                size_class=coverage.size_class,
                registered_households=coverage.registered_households,
                **coverage.values(),
            )
        if before is not None:
            attributes[CHANGE_FIELD] = coverage_change(coverage, before.get(community_id))
        feature.setAttributes([_value(attributes.get(name)) for name, _kind in LAYER_FIELDS])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def _value(value: object) -> object:
    return NULL if value is None else value


# ---------------------------------------------------------------------------------------
# The change style for print


def _points(value: float) -> str:
    return f"{value:+g}".replace("-", "−") if value else "0"


def change_classes() -> list[tuple[str, str, str]]:
    """(expression, legend label, colour) of each class of the diverging ramp, decreases first."""
    change = f'"{CHANGE_FIELD}"'
    classes = []
    for lower, upper, colour in CHANGE_DECREASES:
        if lower is None:
            classes.append((f"{change} < {upper}", f"< {_points(upper)}", colour))
        else:
            classes.append(
                (f"{change} >= {lower} AND {change} < {upper}", f"{_points(lower)} – {_points(upper)}", colour)
            )
    classes.append((f"{change} = 0", print_texts.COVERAGE_CHANGE_NONE.slashed(), CHANGE_NONE_COLOUR))
    for lower, upper, colour in CHANGE_INCREASES:
        if upper is None:
            classes.append((f"{change} > {lower}", f"> {_points(lower)}", colour))
        else:
            classes.append(
                (f"{change} > {lower} AND {change} <= {upper}", f"{_points(lower)} – {_points(upper)}", colour)
            )
    return classes


def change_renderer() -> QgsRuleBasedRenderer:
    """The ramp's classes, then the communities without a value to compare (hatched grey)."""
    root = QgsRuleBasedRenderer.Rule(None)
    outline = {"outline_color": "#4d4d4d", "outline_width": "0.15"}
    for expression, label, colour in change_classes():
        symbol = QgsFillSymbol.createSimple({"color": colour, **outline})
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label))
    unknown = hatched_fill("#e0e0e0", "#737373", -45)
    root.appendChild(QgsRuleBasedRenderer.Rule(unknown, 0, 0, "ELSE", print_texts.COVERAGE_CHANGE_UNKNOWN.slashed()))
    return QgsRuleBasedRenderer(root)

"""What the KR 8310 dashboard shows, computed without widgets: the city row, district groups
with their districts, and the data problems.

In: the project's survey layers (found by `find_survey_layers`) or their data sources
(`LayerSource`, re-opened in a worker thread), completeness rules. Out: `DashboardData`,
whose rows are exactly `kr_summary`'s rows arranged as a tree. Two ways to them:

- `stored_dashboard`: at once, from the coverage numbers stored in the communities layer (kept
  by the database itself, or by the last refresh) — what the dock shows first, in milliseconds;
- `compute_dashboard`: the coverage computed (core.coverage.engine) and, optionally, the
  quality checks run (core.quality: kr8310:validate's checks, the issues themselves kept so the
  issues panel lists exactly what the dashboard counts) — in the dock's background task.

Also the helpers the dock needs to filter rows and the communities layer, and the progress over
time (a trend and the districts by pace) from the snapshot rows (core.progress).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from qgis.core import (
    NULL,
    QgsDataSourceUri,
    QgsFeatureRequest,
    QgsProject,
    QgsProviderRegistry,
    QgsVectorLayer,
)

from ...definitions import schema
from ..coverage.engine import CompletenessRule, CoverageError, CoverageResult, compute_coverage
from ..coverage.kr_summary import (
    LEVEL_CITY,
    LEVEL_DISTRICT,
    LEVEL_GROUP,
    LEVEL_SIZE_CLASS,
    SummaryRow,
    districts_from_layer,
)
from ..coverage.kr_summary import kr_summary as summarise
from ..coverage.results import CommunityCoverage
from ..progress import pace
from ..progress.snapshots import KrSnapshot, series_by_key
from ..quality.checks import ERROR, WARNING, Issue
from ..quality.database_checks import issues_after_save
from ..quality.layers import QualityInputError, check_layers
from ..registry.districts import District, load_targets
from ..storage.layer_source import shows_stored_table
from ..toolbelt.i18n import tr

SURVEY_LAYERS = (schema.COMMUNITIES, schema.HOUSEHOLDS, schema.MEMBERS, schema.DISTRICTS, schema.BUILDINGS)

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]


class DashboardCancelledError(Exception):
    """The user cancelled the recompute."""


@dataclass(frozen=True)
class LayerSource:
    """Enough to open a layer again in another thread: data source without the layer's subset filter."""

    uri: str
    provider: str
    name: str

    @classmethod
    def of(cls, layer: QgsVectorLayer, name: str) -> LayerSource:
        return cls(source_without_subset(layer), layer.providerType(), name)

    def open(self) -> QgsVectorLayer:
        layer = QgsVectorLayer(self.uri, self.name, self.provider)
        if not layer.isValid():
            raise CoverageError(
                tr("The {layer} layer cannot be opened: {source}").format(layer=self.name, source=self.uri)
            )
        return layer


def source_without_subset(layer: QgsVectorLayer) -> str:
    """The layer's data source with any subset filter removed (the dashboard's district filter
    must not narrow the city figures)."""
    return source_with_subset(layer.source(), layer.providerType(), "")


def source_with_subset(source: str, provider: str, subset: str) -> str:
    """A data source string (as stored in a project) with its subset filter replaced by `subset`."""
    if provider == "postgres":
        uri = QgsDataSourceUri(source)
        uri.setSql(subset)
        return uri.uri(False)
    if provider == "ogr":
        registry = QgsProviderRegistry.instance()
        parts = registry.decodeUri("ogr", source)
        parts.pop("subset", None)
        if subset:
            parts["subset"] = subset
        return registry.encodeUri("ogr", parts)
    return source


def _table_name(layer: QgsVectorLayer) -> str | None:
    """The table a layer reads (GeoPackage layer name or PostGIS table), lower case."""
    if layer.providerType() == "postgres":
        return QgsDataSourceUri(layer.source()).table().lower() or None
    if layer.providerType() == "ogr":
        name = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("layerName")
        return str(name).lower() if name else None
    return None


def database_of(layer: QgsVectorLayer) -> str:
    """The community database string (core.storage.datasource) a GeoPackage layer reads; '' otherwise."""
    if layer.providerType() != "ogr":
        return ""
    path = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path", "")
    return path if str(path).lower().endswith(".gpkg") else ""


def find_survey_layers(project: QgsProject) -> dict[str, QgsVectorLayer]:
    """The project's communities, households, members and districts layers, by schema name.

    A layer counts when its name is the schema name, or (layers renamed, e.g. in Thai) when
    it reads the table of that name. Layers not found are left out.
    """
    found: dict[str, QgsVectorLayer] = {}
    vector_layers = [layer for layer in project.mapLayers().values() if isinstance(layer, QgsVectorLayer)]
    for name in SURVEY_LAYERS:
        by_name = [layer for layer in vector_layers if layer.name() == name and layer.isValid()]
        by_table = [layer for layer in vector_layers if _table_name(layer) == name and layer.isValid()]
        candidates = by_name or by_table
        if candidates:
            found[name] = candidates[0]
    return found


@dataclass
class GroupNode:
    """A district group row and its districts' rows, in the KR 8310 sheet's order."""

    row: SummaryRow
    districts: list[SummaryRow] = field(default_factory=list)


@dataclass
class DashboardData:
    rows: list[SummaryRow]  # exactly kr_summary's rows
    groups: list[GroupNode]
    unassigned_households: int | None = 0  # None: not known (stored numbers read)
    issue_errors: int | None = None  # None: not counted (yet)
    issue_warnings: int | None = None
    communities: int = 0
    stored: bool = False  # the numbers stored in the communities layer, not yet computed here
    not_computed: int = 0  # communities without stored numbers (counted as nothing entered)
    issues: list[Issue] | None = None  # the quality checks' issues, when they were run

    def keep_issues_of(self, other: DashboardData | None) -> None:
        """Take the data problems of `other` (an earlier result of the same database) when these
        numbers come without them."""
        if other is not None and self.issue_errors is None:
            self.issue_errors, self.issue_warnings, self.issues = other.issue_errors, other.issue_warnings, other.issues

    @property
    def city(self) -> SummaryRow:
        return next(row for row in self.rows if row.level == LEVEL_CITY)

    @property
    def size_classes(self) -> list[SummaryRow]:
        return [row for row in self.rows if row.level == LEVEL_SIZE_CLASS]

    @property
    def issue_count(self) -> int | None:
        if self.issue_errors is None:
            return None
        return self.issue_errors + (self.issue_warnings or 0)


def build_dashboard(result: CoverageResult, districts: list[District] | None = None) -> DashboardData:
    """Arrange kr_summary's rows for the dock: groups (sheet order) holding their districts."""
    registry = list(districts) if districts is not None else load_targets()
    rows = summarise(result, registry)
    group_rows = {row.code: row for row in rows if row.level == LEVEL_GROUP}
    district_rows = {row.code: row for row in rows if row.level == LEVEL_DISTRICT}
    groups: dict[str, GroupNode] = {}
    for district in registry:
        node = groups.setdefault(district.group_code, GroupNode(group_rows[district.group_code]))
        node.districts.append(district_rows[str(district.code)])
    return DashboardData(
        rows=rows,
        groups=list(groups.values()),
        unassigned_households=len(result.unassigned),
        communities=len(result.communities),
    )


def row_matches(row: SummaryRow, text: str) -> bool:
    """The filter box: a row matches when its code, Thai or English name contains the text."""
    needle = text.strip().casefold()
    if not needle:
        return True
    return any(needle in value.casefold() for value in (row.code, row.name_th, row.name_en))


def district_subset(district_code: int | str, original_subset: str = "") -> str:
    """A subset string showing one district's communities, within the layer's own subset."""
    own = f'"district_code" = {int(district_code)}'
    return f"({original_subset}) AND {own}" if original_subset.strip() else own


def check_issues(
    layers: dict[str, QgsVectorLayer], progress: Progress | None = None, is_cancelled: IsCancelled | None = None
) -> list[Issue] | None:
    """The issues of the quality checks (kr8310:validate's) on the survey layers, or None when a
    layer lacks a field the checks need. The districts layer, when there, gives the targets.

    Reads the layers in the calling thread (the dashboard's task): they must belong to it.
    """
    try:
        return check_layers(
            layers[schema.COMMUNITIES],
            layers[schema.HOUSEHOLDS],
            layers[schema.MEMBERS],
            layers.get(schema.DISTRICTS),
            is_cancelled=is_cancelled,
            progress=progress,
            buildings=layers.get(schema.BUILDINGS),  # the layout checks, as kr8310:validate runs them
        )
    except QualityInputError:
        return None


def recheck_saved_issues(data: DashboardData, layers: dict[str, QgsVectorLayer], community_ids: Iterable[str]) -> bool:
    """Bring the data problems of `data` up to date after a save that touched `community_ids`, re-checking
    only those communities; False when they cannot be (none counted yet, not a KR 8310 database)."""
    names = (schema.COMMUNITIES, schema.HOUSEHOLDS, schema.MEMBERS)
    if data.issues is None or not all(name in layers for name in names):
        return False
    issues = issues_after_save(data.issues, tuple(layers[name] for name in names), community_ids)
    if issues is None:
        return False
    data.issues = issues
    data.issue_errors, data.issue_warnings = count_issues(issues)
    return True


def count_issues(issues: list[Issue]) -> tuple[int, int]:
    """(errors, warnings) among `issues`."""
    return sum(1 for i in issues if i.severity == ERROR), sum(1 for i in issues if i.severity == WARNING)


STORED_FIELDS = ("community_id", "district_code", "registered_households", "households_entered", "households_complete")


def _stored_int(value: object) -> int | None:
    if value is None or value == NULL or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def stored_coverage(communities: QgsVectorLayer) -> tuple[CoverageResult, int]:
    """The coverage numbers stored in a communities layer, read without a household or member:
    (the result, how many communities have no stored numbers — counted as nothing entered).

    Raises CoverageError when the layer lacks a field of STORED_FIELDS."""
    missing = [name for name in STORED_FIELDS if communities.fields().indexOf(name) < 0]
    if missing:
        raise CoverageError(tr("The communities layer lacks the field(s) {fields}.").format(fields=", ".join(missing)))
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(list(STORED_FIELDS), communities.fields())
    result = CoverageResult()
    not_computed = 0
    for feature in communities.getFeatures(request):
        community_id = feature["community_id"]
        if community_id is None or community_id == NULL or not str(community_id).strip():
            continue
        entered, complete = _stored_int(feature["households_entered"]), _stored_int(feature["households_complete"])
        if entered is None or complete is None:
            not_computed += 1
        community = CommunityCoverage(
            str(community_id),
            _stored_int(feature["district_code"]),
            _stored_int(feature["registered_households"]),
            entered or 0,
            complete or 0,
        )
        result.communities[community.community_id] = community
        result.households_total += community.households_entered
        result.households_complete_total += community.households_complete
    return result, not_computed


def stored_dashboard(sources: dict[str, LayerSource], layers: dict[str, QgsVectorLayer] | None = None) -> DashboardData:
    """The dashboard from the numbers stored in the communities layer (milliseconds for a city):
    what the dock shows before anything is computed. `layers`: the project's own layers, read
    instead of opening the sources again where they show the whole table as saved (the caller's
    thread must own them). Raises CoverageError on an unusable layer."""
    if schema.COMMUNITIES not in sources:
        raise CoverageError(tr("The project has no {layer} layer.").format(layer=schema.COMMUNITIES))

    def whole_layer(name: str) -> QgsVectorLayer:
        layer = (layers or {}).get(name)
        return layer if shows_stored_table(layer) else sources[name].open()

    result, not_computed = stored_coverage(whole_layer(schema.COMMUNITIES))
    districts = districts_from_layer(whole_layer(schema.DISTRICTS)) if schema.DISTRICTS in sources else None
    data = build_dashboard(result, districts)
    data.stored, data.not_computed, data.unassigned_households = True, not_computed, None
    return data


def compute_dashboard(
    sources: dict[str, LayerSource],
    rules: CompletenessRule | None = None,  # None: the rule stored in the layers' database
    with_issues: bool = True,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> tuple[DashboardData, CoverageResult]:
    """Recompute the whole city's coverage and KR roll-ups from the layers' data sources.

    Opens the layers afresh (call it from any thread). Raises CoverageError on unusable
    layers and DashboardCancelledError when `is_cancelled` turns true between steps.
    """

    def step(value: float) -> None:
        if is_cancelled and is_cancelled():
            raise DashboardCancelledError()
        if progress:
            progress(value)

    for needed in (schema.COMMUNITIES, schema.HOUSEHOLDS, schema.MEMBERS):
        if needed not in sources:
            raise CoverageError(tr("The project has no {layer} layer.").format(layer=needed))
    step(2)
    layers = {name: source.open() for name, source in sources.items()}
    step(5)
    result = compute_coverage(
        layers[schema.COMMUNITIES],
        layers[schema.HOUSEHOLDS],
        layers[schema.MEMBERS],
        rules,
        progress=lambda p: step(5 + 0.6 * p),
    )
    step(65)
    districts = districts_from_layer(layers[schema.DISTRICTS]) if schema.DISTRICTS in layers else None
    data = build_dashboard(result, districts)
    step(70)
    if with_issues:
        issues = check_issues(layers, progress=lambda p: step(70 + 0.3 * p), is_cancelled=is_cancelled)
        if is_cancelled and is_cancelled():
            raise DashboardCancelledError()
        if issues is not None:
            data.issues = issues
            data.issue_errors, data.issue_warnings = count_issues(issues)
    step(100)
    return data, result


# --- progress over time ------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """One roll-up's KR % over time against 100 % at `target_date` (the fiscal year's end)."""

    level: str
    key: str
    name_th: str | None
    name_en: str | None
    points: list[tuple[_dt.date, float | None]]  # (snapshot date, KR %), oldest first
    target_date: _dt.date | None  # None: no snapshot
    current_pace: float | None  # percentage points per 30 days, the last two snapshots
    needed_pace: float | None  # percentage points per 30 days still needed from the last one

    @property
    def latest_pct(self) -> float | None:
        values = [value for _day, value in self.points if value is not None]
        return values[-1] if values else None

    @property
    def gap(self) -> float | None:
        """Current minus needed pace: below 0, falling behind the target."""
        if self.current_pace is None or self.needed_pace is None:
            return None
        return self.current_pace - self.needed_pace


def progress_target_date(rows: Iterable[KrSnapshot]) -> _dt.date | None:
    """The end of the fiscal year of the latest snapshot (the day the target is 100 %); None without one."""
    latest = max((row.snapshot_date for row in rows), default=None)
    return None if latest is None else pace.fiscal_year_end(latest)


def progress_trend(
    rows: Iterable[KrSnapshot], level: str = LEVEL_CITY, key: str = "BKK", target_date: _dt.date | None = None
) -> Trend:
    """The trend of one roll-up (a kr_summary level and code) from kr_snapshots rows; the target
    date defaults to progress_target_date(rows)."""
    rows = list(rows)
    target_date = target_date or progress_target_date(rows)
    own = sorted((row for row in rows if row.level == level and row.key == key), key=lambda row: row.snapshot_date)
    points = [(row.snapshot_date, row.kr_pct) for row in own]
    name_th, name_en = (own[-1].name_th, own[-1].name_en) if own else (None, None)
    return Trend(
        level,
        key,
        name_th,
        name_en,
        points,
        target_date,
        pace.current_pace(points),
        pace.pace_needed(points, target_date) if target_date else None,
    )


def districts_pace(rows: Iterable[KrSnapshot], target_date: _dt.date | None = None) -> list[pace.PaceRow]:
    """Districts by (current − needed pace), furthest behind first (pace.pace_table's order), from
    kr_snapshots rows; the target date defaults to progress_target_date(rows)."""
    rows = list(rows)
    target_date = target_date or progress_target_date(rows)
    if target_date is None:
        return []
    names = {row.key: (row.name_th, row.name_en) for row in rows if row.level == LEVEL_DISTRICT}
    return pace.pace_table(series_by_key(rows, LEVEL_DISTRICT), names, target_date)

"""KR 8310 roll-ups per city, district group, district and size class, against the official targets.

KR 8310 % of a group of communities = 100 × Σ min(complete, registered) ÷ Σ registered,
over its S and M communities only: capping each community at its register keeps one
over-full community from hiding another's gap. L communities are reported beside the
KR (their own columns), never in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from qgis.core import QgsFeatureRequest, QgsFeatureSource

from ...definitions.codelists import SIZE_CLASS
from ...definitions.schema import KR_SIZE_CLASSES
from ..registry.districts import District, load_targets
from ..rules.coverage_flag import counted_registered
from ..toolbelt.i18n import tr
from .engine import CommunityCoverage, CoverageError, CoverageResult

LEVEL_CITY = "city"
LEVEL_GROUP = "district_group"
LEVEL_DISTRICT = "district"
LEVEL_SIZE_CLASS = "size_class"
LEVELS = (LEVEL_CITY, LEVEL_GROUP, LEVEL_DISTRICT, LEVEL_SIZE_CLASS)


@dataclass
class SummaryRow:
    level: str
    code: str
    name_th: str
    name_en: str
    s_communities: int = 0
    m_communities: int = 0
    registered_households: int = 0  # S + M
    complete_households: int = 0  # S + M, each community capped at its register
    kr_pct: float | None = None
    target_s_communities: int | None = None
    target_m_communities: int | None = None
    target_households: int | None = None  # official S + M households
    diff_s_communities: int | None = None  # data minus official
    diff_m_communities: int | None = None
    diff_households: int | None = None
    l_communities: int = 0
    l_registered_households: int = 0
    l_complete_households: int = 0
    l_coverage_pct: float | None = None
    households_entered: int = 0  # S + M rows, complete or not

    def add(self, community: CommunityCoverage) -> None:
        registered = counted_registered(community.registered_households)
        if community.size_class == "L":
            self.l_communities += 1
            self.l_registered_households += registered
            self.l_complete_households += community.capped_complete
            return
        if community.size_class not in KR_SIZE_CLASSES:
            return
        if community.size_class == "S":
            self.s_communities += 1
        else:
            self.m_communities += 1
        self.registered_households += registered
        self.complete_households += community.capped_complete
        self.households_entered += community.households_entered

    def finish(self, targets: Sequence[District] | None) -> None:
        self.kr_pct = percentage(self.complete_households, self.registered_households)
        self.l_coverage_pct = percentage(self.l_complete_households, self.l_registered_households)
        if targets is None:
            return
        self.target_s_communities = sum(d.target_small_communities for d in targets)
        self.target_m_communities = sum(d.target_medium_communities for d in targets)
        self.target_households = sum(d.target_small_households + d.target_medium_households for d in targets)
        self.diff_s_communities = self.s_communities - self.target_s_communities
        self.diff_m_communities = self.m_communities - self.target_m_communities
        self.diff_households = self.registered_households - self.target_households


SUMMARY_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(SummaryRow))


def percentage(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole > 0 else None


def districts_from_layer(source: QgsFeatureSource) -> list[District]:
    """District registry rows (with targets) from a `districts` layer, in its feature order
    (the KR 8310 sheet's order, grouped by district group, in a database we created)."""
    names = [
        "district_code",
        "name_th",
        "name_en",
        "group_code",
        "group_th",
        "group_en",
        "target_small_communities",
        "target_small_households",
        "target_medium_communities",
        "target_medium_households",
    ]
    missing = [n for n in names if n not in source.fields().names()]
    if missing:
        raise CoverageError(tr("The districts layer has no field(s) {fields}.").format(fields=", ".join(missing)))
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    districts = []
    for feature in source.getFeatures(request):
        values = {n: feature[n] for n in names}
        districts.append(
            District(
                code=int(values["district_code"]),
                name_th=str(values["name_th"]),
                name_en=str(values["name_en"]),
                group_code=str(values["group_code"]),
                group_th=str(values["group_th"]),
                group_en=str(values["group_en"]),
                target_small_communities=int(values["target_small_communities"] or 0),
                target_small_households=int(values["target_small_households"] or 0),
                target_medium_communities=int(values["target_medium_communities"] or 0),
                target_medium_households=int(values["target_medium_households"] or 0),
            )
        )
    return districts


def kr_summary(result: CoverageResult, districts: Iterable[District] | None = None) -> list[SummaryRow]:
    """Rows for the city, each district group, each district and each size class, in that order.

    `districts` gives names, groups and official targets (default: the shipped registry).
    Communities whose district code is not in the registry count in the city and size-class
    rows only.
    """
    registry = list(districts) if districts is not None else load_targets()
    by_code = {d.code: d for d in registry}
    city = SummaryRow(LEVEL_CITY, "BKK", "กรุงเทพมหานคร", "Bangkok")
    groups: dict[str, SummaryRow] = {}
    group_targets: dict[str, list[District]] = {}
    district_rows: dict[int, SummaryRow] = {}
    for district in registry:
        if district.group_code not in groups:
            groups[district.group_code] = SummaryRow(
                LEVEL_GROUP, district.group_code, district.group_th, district.group_en
            )
        group_targets.setdefault(district.group_code, []).append(district)
        district_rows[district.code] = SummaryRow(
            LEVEL_DISTRICT, str(district.code), district.name_th, district.name_en
        )
    classes = {
        code.key: SummaryRow(LEVEL_SIZE_CLASS, code.key, code.label_th, code.label_en) for code in SIZE_CLASS.codes
    }
    for community in result.communities.values():
        city.add(community)
        if community.size_class in classes:
            classes[community.size_class].add(community)
        district = by_code.get(community.district_code)
        if district is not None:
            district_rows[district.code].add(community)
            groups[district.group_code].add(community)
    city.finish(registry)
    for group_code, row in groups.items():
        row.finish(group_targets[group_code])
    for code, row in district_rows.items():
        row.finish([by_code[code]])
    for key, row in classes.items():
        row.finish(None)
        if key == "S":
            row.target_s_communities = sum(d.target_small_communities for d in registry)
            row.target_households = sum(d.target_small_households for d in registry)
            row.diff_s_communities = row.s_communities - row.target_s_communities
        elif key == "M":
            row.target_m_communities = sum(d.target_medium_communities for d in registry)
            row.target_households = sum(d.target_medium_households for d in registry)
            row.diff_m_communities = row.m_communities - row.target_m_communities
        if row.target_households is not None:
            row.diff_households = row.registered_households - row.target_households
    ordered_groups = [groups[code] for code in dict.fromkeys(d.group_code for d in registry)]
    return [city, *ordered_groups, *[district_rows[d.code] for d in registry], *classes.values()]

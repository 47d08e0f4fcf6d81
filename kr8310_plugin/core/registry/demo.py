"""Deterministic synthetic demo data: communities tessellating the real districts, households, members.

Every value is drawn from `random.Random(seed)`: the same seed and scope give the
same database, byte for byte in its rows. No real person's data is involved.

Per district the demo has exactly the official number of S and M communities, whose
registered households add up exactly to the official S and M totals, plus L
communities (2,004 communities city-wide). Households are generated at a spread of
completeness from 0 % to over 100 % of the register (profile "spread"), or one
complete household per registered household (profile "full", for benchmarks).
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from qgis.core import QgsGeometry, QgsPoint, QgsPointXY, QgsRectangle

from ...definitions.codelists import BUILDING_TYPE, DISABILITY, EDUCATION, OCCUPATION
from ...definitions.schema import (
    COMMUNITIES,
    COMMUNITIES_SPEC,
    CRS_EPSG,
    GEOMETRY_COLUMN,
    HOUSEHOLDS,
    HOUSEHOLDS_SPEC,
    MEDIUM_MAX_HOUSEHOLDS,
    MEMBERS,
    MEMBERS_SPEC,
    SMALL_MAX_HOUSEHOLDS,
)
from ..rules.size_class import size_class
from ..storage import gpkg
from ..toolbelt.i18n import tr
from .districts import District

CITY_COMMUNITIES = 2004  # registered communities (KR 8310 sheet, 8 August 2024)
PROFILES = ("spread", "full")
SMALL_MIN_HOUSEHOLDS = 20  # a demo S community is never implausibly tiny
LARGE_MAX_HOUSEHOLDS = 1500

# Rows are built in the schema's field order.
_HOUSEHOLD_COLUMNS = (GEOMETRY_COLUMN, *HOUSEHOLDS_SPEC.field_names())
_MEMBER_COLUMNS = tuple(MEMBERS_SPEC.field_names())
# Synthetic community names: Thai place-like words, never a real register.
_NAME_WORDS = (
    "ร่วมใจ",
    "พัฒนา",
    "สามัคคี",
    "ริมคลอง",
    "หลังวัด",
    "ท่าน้ำ",
    "สุขใจ",
    "เจริญสุข",
    "ร่มเย็น",
    "มิตรภาพ",
    "ศรีสมบูรณ์",
    "บ้านสวน",
    "ตลาดเก่า",
    "ซอยร่วมมิตร",
    "เคหะ",
    "ทรัพย์สิน",
    "ประชาร่วมใจ",
    "สะพานยาว",
)


@dataclass
class DemoCommunity:
    community_id: str
    name: str
    district_code: int
    registered_households: int
    geometry: QgsGeometry = field(repr=False)


@dataclass
class DemoSummary:
    communities: int = 0
    households: int = 0
    members: int = 0
    by_district: dict[int, dict[str, list[int]]] = field(default_factory=dict)  # code -> class -> [n, hh]


class DemoError(ValueError):
    """The demo scope or parameters are invalid; the message is for the user."""


def split_total(rng: random.Random, total: int, count: int, low: int, high: int) -> list[int]:
    """`count` integers in [low, high] that add up to exactly `total`, varied by `rng`."""
    if count == 0:
        if total:
            raise DemoError(tr("Cannot split {total} households over no communities.").format(total=total))
        return []
    if not count * low <= total <= count * high:
        raise DemoError(
            tr("{count} communities of {low}-{high} households cannot hold {total} households.").format(
                count=count, low=low, high=high, total=total
            )
        )
    values = [low] * count
    remaining = total - count * low
    weights = [rng.uniform(0.2, 1.0) for _ in range(count)]
    # Water-filling: hand out the remainder by weight, capping at `high`, until it is gone.
    while remaining > 0:
        open_slots = [i for i in range(count) if values[i] < high]
        weight_sum = sum(weights[i] for i in open_slots)
        handed = 0
        for i in open_slots:
            share = min(high - values[i], int(remaining * weights[i] / weight_sum))
            values[i] += share
            handed += share
        remaining -= handed
        if handed == 0:  # remainders smaller than one per slot: give them out one by one
            for i in rng.sample(open_slots, len(open_slots)):
                if remaining == 0:
                    break
                values[i] += 1
                remaining -= 1
    return values


def _allocate_large(districts: Sequence[District], total_large: int) -> dict[int, int]:
    """Spread the city's L communities over districts in proportion to their S + M count."""
    weights = {d.code: d.target_small_communities + d.target_medium_communities for d in districts}
    weight_sum = sum(weights.values())
    quotas = {code: total_large * w / weight_sum for code, w in weights.items()}
    allocation = {code: int(q) for code, q in quotas.items()}
    short = total_large - sum(allocation.values())
    for code in sorted(quotas, key=lambda c: (quotas[c] - allocation[c], -c), reverse=True)[:short]:
        allocation[code] += 1
    return allocation


def _random_points_in(rng: random.Random, geometry: QgsGeometry, count: int) -> list[QgsPointXY]:
    engine = QgsGeometry.createGeometryEngine(geometry.constGet())
    engine.prepareGeometry()
    box = geometry.boundingBox()
    points: list[QgsPointXY] = []
    tries = 0
    while len(points) < count:
        tries += 1
        if tries > 1000 * (count + 10):
            raise DemoError(
                tr("Could not place points inside a polygon of area {area:.0f} m².").format(area=geometry.area())
            )
        x = rng.uniform(box.xMinimum(), box.xMaximum())
        y = rng.uniform(box.yMinimum(), box.yMaximum())
        if engine.intersects(QgsPoint(x, y)):
            points.append(QgsPointXY(x, y))
    return points


def tessellate(rng: random.Random, area: QgsGeometry, count: int, relax: int = 2) -> list[QgsGeometry]:
    """`count` polygons that exactly tile `area`: clipped Voronoi cells of relaxed random seeds."""
    seeds = _random_points_in(rng, area, count)
    box = area.boundingBox()
    box.grow(max(box.width(), box.height()))
    cells: list[QgsGeometry] = []
    for iteration in range(relax + 1):
        diagram = QgsGeometry.fromMultiPointXY(seeds).voronoiDiagram(QgsGeometry.fromRect(QgsRectangle(box)))
        parts = [QgsGeometry(p.clone()) for p in diagram.constGet()] if not diagram.isNull() else []
        # Voronoi output is not in seed order: match each seed to the cell that holds it.
        cells = []
        for seed in seeds:
            seed_geometry = QgsGeometry.fromPointXY(seed)
            cell = next((p for p in parts if p.contains(seed_geometry)), None)
            if cell is None:
                cell = min(parts, key=lambda p: p.distance(seed_geometry))
            cells.append(cell.intersection(area))
        if iteration == relax:
            break
        relaxed = []
        for seed, cell in zip(seeds, cells):
            centre = cell.centroid()
            relaxed.append(centre.asPoint() if area.contains(centre) else seed)
        seeds = relaxed
    result = []
    for cell in cells:
        cell = cell.makeValid() if not cell.isGeosValid() else cell
        polygons = QgsGeometry.collectGeometry([p for p in cell.asGeometryCollection() if p.area() > 0])
        polygons.convertToMultiType()
        result.append(polygons)
    return result


def plan_communities(rng: random.Random, districts: Sequence[District], scope: Sequence[int]) -> list[DemoCommunity]:
    """Community polygons and registers for the districts in `scope` (official S/M counts and totals)."""
    large = _allocate_large(
        districts, CITY_COMMUNITIES - sum(d.target_small_communities + d.target_medium_communities for d in districts)
    )
    communities: list[DemoCommunity] = []
    for district in districts:
        # Every district draws from its own stream so that a one-district scope gives the
        # same communities as the same district in the city-wide demo.
        district_rng = random.Random(f"{rng.random()}-{district.code}")
        if district.code not in scope:
            continue
        registers = (
            split_total(
                district_rng,
                district.target_small_households,
                district.target_small_communities,
                SMALL_MIN_HOUSEHOLDS,
                SMALL_MAX_HOUSEHOLDS,
            )
            + split_total(
                district_rng,
                district.target_medium_households,
                district.target_medium_communities,
                SMALL_MAX_HOUSEHOLDS + 1,
                MEDIUM_MAX_HOUSEHOLDS,
            )
            + [
                district_rng.randint(MEDIUM_MAX_HOUSEHOLDS + 1, LARGE_MAX_HOUSEHOLDS)
                for _ in range(large[district.code])
            ]
        )
        district_rng.shuffle(registers)
        cells = tessellate(district_rng, district.geometry, len(registers))
        for number, (registered, cell) in enumerate(zip(registers, cells), start=1):
            word = _NAME_WORDS[district_rng.randrange(len(_NAME_WORDS))]
            communities.append(
                DemoCommunity(
                    community_id=f"{district.code}-{number:03d}",
                    name=f"ชุมชน{word} {number} ({district.name_th})",
                    district_code=district.code,
                    registered_households=registered,
                    geometry=cell,
                )
            )
    return communities


def _entered_ratio(rng: random.Random, profile: str, slot: int) -> float:
    """How many households, relative to the register, a demo community has entered.

    `slot` is the community's number in its district: the first three are an
    over-register, a not-started and a finished community, so every district's map
    and report shows each case.
    """
    if profile == "full":
        return 1.0
    if slot < 3:
        return (rng.uniform(1.02, 1.15), 0.0, 1.0)[slot]
    draw = rng.random()
    if draw < 0.08:
        return 0.0  # not started
    if draw < 0.18:
        return rng.uniform(1.01, 1.15)  # over-register: more households than the register
    if draw < 0.40:
        return 1.0  # done
    return rng.uniform(0.1, 1.0)


def _timestamp(rng: random.Random) -> str:
    # Fiscal year B.E. 2568: October 2024 to September 2025.
    moment = datetime(2024, 10, 1) + timedelta(seconds=rng.randrange(365 * 24 * 3600))
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _members(rng: random.Random, household_id: str, count: int, complete: bool) -> list[tuple]:
    rows = []
    for index in range(count):
        age = rng.choice((rng.randint(0, 17), rng.randint(18, 59), rng.randint(18, 59), rng.randint(60, 95)))
        education = rng.choice(EDUCATION.codes).key
        occupation = "student" if age < 18 else rng.choice(OCCUPATION.codes).key
        disability = "none" if rng.random() < 0.95 else rng.choice(DISABILITY.codes[1:]).key
        bedridden = 1 if age >= 60 and rng.random() < 0.05 else 0
        row = [_uuid(rng), household_id, age, education, occupation, disability, bedridden, 1]
        if not complete and index == 0:
            row[2 + rng.randrange(5)] = None  # one required member value left blank
        rows.append(tuple(row))
    return rows


def _households(rng: random.Random, community: DemoCommunity, profile: str) -> tuple[list[tuple], list[tuple]]:
    slot = int(community.community_id.rsplit("-", 1)[1]) - 1
    count = round(community.registered_households * _entered_ratio(rng, profile, slot))
    if slot == 0 and profile == "spread":
        count = max(count, community.registered_households + 1)
    points = _random_points_in(rng, community.geometry, count)
    households, members = [], []
    editor = f"mapper_{community.district_code}"
    for number, point in enumerate(points, start=1):
        household_id = _uuid(rng)
        member_count = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6))
        created = _timestamp(rng)
        house_no = f"{rng.randint(1, 999)}/{number}"
        row = [
            gpkg.encode_point(point.x(), point.y(), CRS_EPSG),
            household_id,
            community.community_id,
            house_no,
            rng.choice(BUILDING_TYPE.codes).key,
            rng.randint(0, 60),
            member_count,
            created,
            created,
            editor,
            1,
        ]
        member_rows = member_count
        complete_members = True
        # Over-register and finished showcase communities (slots 0 and 2) stay defect-free.
        if profile == "spread" and slot not in (0, 2) and rng.random() < 0.12:
            # An incomplete record of the kinds mappers leave behind.
            defect = rng.randrange(4)
            if defect == 0:
                member_rows = rng.randint(0, member_count - 1)  # members not all entered
            elif defect == 1:
                row[4] = None  # building type missing
            elif defect == 2:
                complete_members = False  # a member value missing
            else:
                row[5] = None  # years of residence missing
        households.append(tuple(row))
        members.extend(_members(rng, household_id, member_rows, complete_members))
    return households, members


def generate_demo(
    connection: sqlite3.Connection,
    districts: Sequence[District],
    seed: int = 8310,
    scope: Sequence[int] | None = None,
    profile: str = "spread",
    progress: Callable[[float], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Write demo communities, households and members into an open community database.

    `scope` is a list of district codes (None: the whole city). Returns counts per
    district and size class. Raises DemoError for a bad scope or profile.
    """
    codes = {d.code for d in districts}
    scope = sorted(codes) if not scope else sorted(set(scope))
    unknown = [c for c in scope if c not in codes]
    if unknown:
        raise DemoError(
            tr("Unknown district code(s): {codes}. Use codes 1001-1050.").format(codes=", ".join(map(str, unknown)))
        )
    if profile not in PROFILES:
        raise DemoError(
            tr("Unknown demo profile '{profile}'; use one of: {profiles}.").format(
                profile=profile, profiles=", ".join(PROFILES)
            )
        )
    rng = random.Random(seed)
    communities = plan_communities(rng, districts, scope)
    summary = DemoSummary()
    community_rows = []
    for c in communities:
        cls = size_class(c.registered_households)
        community_rows.append(
            (
                gpkg.encode_geometry(c.geometry, CRS_EPSG),
                c.community_id,
                c.name,
                c.district_code,
                c.registered_households,
                cls,
                None,
                None,
                None,
                None,
            )
        )
        counts = summary.by_district.setdefault(c.district_code, {"S": [0, 0], "M": [0, 0], "L": [0, 0]})
        counts[cls][0] += 1
        counts[cls][1] += c.registered_households
    columns = ([GEOMETRY_COLUMN] + COMMUNITIES_SPEC.field_names())[:10]  # the demo fills the first nine fields
    gpkg.insert_rows(connection, COMMUNITIES, columns, community_rows)
    summary.communities = len(communities)
    for index, community in enumerate(communities):
        if is_cancelled and is_cancelled():
            raise DemoError(tr("Demo generation was cancelled."))
        # One stream per community: a district's households do not depend on the scope.
        community_rng = random.Random(f"{seed}-{community.community_id}")
        households, members = _households(community_rng, community, profile)
        summary.households += gpkg.insert_rows(connection, HOUSEHOLDS, _HOUSEHOLD_COLUMNS, households)
        summary.members += gpkg.insert_rows(connection, MEMBERS, _MEMBER_COLUMNS, members)
        if progress:
            progress(100.0 * (index + 1) / len(communities))
    return summary

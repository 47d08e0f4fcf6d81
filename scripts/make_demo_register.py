"""Write the register-driven demo's files, resources/demo/: a synthetic community register for Dusit (1002)
in the shape of BMA's open dataset "ที่ตั้งชุมชนในพื้นที่เขตกรุงเทพมหานคร", and a synthetic survey of
households around some of its communities.

Everything is invented (seeded, so the files are the same on every run): no real community, house or
person. The register holds exactly Dusit's official S and M communities and households
(district_targets.csv), two L communities, names with Thai digits and one name twice (as registers
have), one community without coordinates. The survey's households lie near communities known only by
their point, at most HOUSEHOLD_SPREAD_M from it and far from every other, so each goes to one community.

    .venv/bin/python scripts/make_demo_register.py      # rewrites resources/demo/*.csv
"""

from __future__ import annotations

import csv
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEMO_DIR = ROOT / "resources" / "demo"
REGISTER = DEMO_DIR / "dusit_register.csv"
SURVEY = DEMO_DIR / "dusit_survey.csv"
DISTRICT = 1002
SEED = 8310
L_HOUSEHOLDS = (640, 910)
SURVEYED_COMMUNITIES = 6
SURVEYED_MAX_REGISTERED = 250  # small communities: a survey file that ships light
HOUSEHOLD_SPREAD_M = 120.0
# A surveyed community's nearest other community is at least this far: every household of it (within
# HOUSEHOLD_SPREAD_M) is then nearer to it than to any other by more than the tie margin.
MIN_NEIGHBOUR_M = 2 * HOUSEHOLD_SPREAD_M + 20

REGISTER_HEADER = [
    "ลำดับ",
    "ชื่อชุมชน",
    "ประเภทชุมชน",
    "เขต",
    "จำนวนบ้าน/หลังคาเรือน",
    "ประชากร",
    "latitude",
    "longitude",
]
STEMS = (
    "ร่วมใจพัฒนา",
    "สามัคคีธรรม",
    "ริมคลองเปรม",
    "หลังวัดใหม่",
    "ซอยสุขใจ",
    "บ้านริมน้ำ",
    "พัฒนาใหม่",
    "ตลาดเก่า",
    "เคหะร่วมสุข",
    "ทรัพย์สินพัฒนา",
    "มิตรภาพ",
    "รวมน้ำใจ",
    "หน้าโรงเรียน",
    "ท่าน้ำเก่า",
    "ศาลเจ้าเก่า",
    "สะพานไม้",
)
TYPES = ("ชุมชนแออัด", "ชุมชนเมือง", "ชุมชนแออัด", "เคหะชุมชน", "ชุมชนอาคารสูง", "ชุมชนเมือง")
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
BUILDINGS = ("บ้านเดี่ยว", "ห้องแถว / ทาวน์เฮาส์", "ตึกแถว / อาคารพาณิชย์", "อพาร์ตเมนต์ / ห้องเช่า", "บ้านแฝด")
EDUCATION = ("ประถมศึกษา", "มัธยมศึกษาตอนต้น", "มัธยมศึกษาตอนปลาย / ปวช.", "ปริญญาตรี", "ก่อนประถมศึกษา")
OCCUPATION = ("ค้าขาย", "รับจ้างทั่วไป", "พนักงานบริษัทเอกชน", "นักเรียน / นักศึกษา", "เกษียณ / ผู้สูงอายุ")
MAX_MEMBERS = 4


def split_total(rng: random.Random, count: int, total: int, low: int, high: int) -> list[int]:
    """`count` whole numbers in [low, high] adding up to `total`."""
    values = [rng.randint(low, high) for _ in range(count)]
    while sum(values) != total:
        index = rng.randrange(count)
        step = 1 if sum(values) < total else -1
        if low <= values[index] + step <= high:
            values[index] += step
    return values


def community_points(rng: random.Random, district, count: int):
    """`count` random points inside the district polygon (EPSG:32647), at least 150 m apart."""
    from qgis.core import QgsGeometry, QgsPointXY

    box = district.geometry.boundingBox()
    points: list = []
    while len(points) < count:
        point = QgsPointXY(rng.uniform(box.xMinimum(), box.xMaximum()), rng.uniform(box.yMinimum(), box.yMaximum()))
        inside = district.geometry.buffer(-80, 4).contains(QgsGeometry.fromPointXY(point))
        if inside and all(point.distance(other) >= 150 for other in points):
            points.append(point)
    return points


def main() -> int:
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsCoordinateTransformContext,
        QgsPointXY,
    )

    app = QgsApplication([], False)
    app.initQgis()
    from kr8310_plugin.core.registry.districts import load_registry, load_targets

    rng = random.Random(SEED)
    district = next(d for d in load_registry() if d.code == DISTRICT)
    target = next(d for d in load_targets() if d.code == DISTRICT)
    households = (
        split_total(rng, target.target_small_communities, target.target_small_households, 25, 200)
        + split_total(rng, target.target_medium_communities, target.target_medium_households, 201, 500)
        + list(L_HOUSEHOLDS)
    )
    rng.shuffle(households)
    points = community_points(rng, district, len(households))
    to_wgs84 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32647"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateTransformContext(),
    )
    rows = []
    for number, (count, point) in enumerate(zip(households, points), start=1):
        stem = STEMS[(number - 1) % len(STEMS)]
        name = (
            f"ชุมชน{stem}" if number <= len(STEMS) else f"ชุมชน{stem} {str(number // len(STEMS)).translate(THAI_DIGITS)}"
        )
        lonlat = to_wgs84.transform(point)
        population = round(count * rng.uniform(2.6, 3.6))
        count_text = str(count).translate(THAI_DIGITS) if number % 5 == 0 else str(count)
        district_text = "เขตดุสิต" if number % 3 else "ดุสิต"
        rows.append(
            [
                number,
                name,
                TYPES[number % len(TYPES)],
                district_text,
                count_text,
                population,
                f"{lonlat.y():.6f}",
                f"{lonlat.x():.6f}",
            ]  # fmt: skip
        )
    rows[7][1] = "ชุมชน " + rows[3][1].removeprefix("ชุมชน")  # the same name twice, spelt apart
    rows[-1][6] = rows[-1][7] = ""  # one community the register gives no coordinates
    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    with open(REGISTER, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REGISTER_HEADER)
        writer.writerows(rows)

    located = [(index, point) for index, point in enumerate(points[:-1])]
    lonely = [
        (index, point)
        for index, point in located
        if min(point.distance(other) for j, other in located if j != index) >= MIN_NEIGHBOUR_M
        and households[index] <= SURVEYED_MAX_REGISTERED
    ]
    survey_header = ["บ้านเลขที่", "ละติจูด", "ลองจิจูด", "ลักษณะที่อยู่อาศัย", "ระยะเวลาที่อยู่อาศัย (ปี)", "จำนวนสมาชิก"]
    for member in range(1, MAX_MEMBERS + 1):
        survey_header += [f"สมาชิก{member}_{field}" for field in ("อายุ", "การศึกษา", "อาชีพ", "ความพิการ", "ติดเตียง")]
    survey = []
    for index, point in lonely[:SURVEYED_COMMUNITIES]:
        registered = households[index]
        entered = round(registered * rng.uniform(0.15, 1.05))
        for house in range(1, entered + 1):
            angle, distance = rng.uniform(0, 2 * math.pi), HOUSEHOLD_SPREAD_M * math.sqrt(rng.random())
            where = to_wgs84.transform(
                QgsPointXY(point.x() + distance * math.cos(angle), point.y() + distance * math.sin(angle))
            )
            size = rng.randint(1, MAX_MEMBERS)
            row = [
                f"{index + 1}/{house}",
                f"{where.y():.7f}",
                f"{where.x():.7f}",
                rng.choice(BUILDINGS),
                rng.randint(0, 60),
                size,
            ]
            complete = rng.random() < 0.85  # some households still lack a member's answers
            for member in range(1, MAX_MEMBERS + 1):
                if member > size:
                    row += [""] * 5
                    continue
                education = rng.choice(EDUCATION) if complete or member > 1 else ""
                row += [rng.randint(1, 90), education, rng.choice(OCCUPATION), "ไม่มี", "ไม่ใช่"]
            survey.append(row)
    with open(SURVEY, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(survey_header)
        writer.writerows(survey)
    surveyed = len(lonely[:SURVEYED_COMMUNITIES])
    print(f"{REGISTER}: {len(rows)} communities; {SURVEY}: {len(survey)} households in {surveyed} communities")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Timings of the community register import and of a Thai survey into point communities (synthetic data).

    python scripts/bench_register.py [--output output] [--households 20000] [--no-postgis]

A register of the whole city (2,004 communities: every district's official S and M communities and
households, and L communities to 2,004; points at random inside the districts, Thai headers) is
imported into an empty GeoPackage and into PostGIS (a throw-away cluster, scripts/pg_cluster.py):
first import, re-import unchanged, re-import with a tenth of the communities changed. Then a survey of
`households` households with Thai headers and numbered Thai member columns, without community_id,
around the register's points (each household goes to the nearest point community) is imported into
the GeoPackage. Writes output/bench_register.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import time
from collections import Counter
from pathlib import Path

import qgis_session

ROOT = Path(__file__).resolve().parent.parent
CITY_COMMUNITIES = 2004
SEED = 8310
HEADER = ["ลำดับ", "ชื่อชุมชน", "ประเภทชุมชน", "เขต", "จำนวนบ้าน/หลังคาเรือน", "ประชากร", "latitude", "longitude"]
SPREAD_M = 100.0  # households around their community's point


def city_register(path: Path, changed_share: float = 0.0, seed: int = SEED) -> list[tuple[float, float]]:
    """Write the city's register to `path`; `changed_share` of the communities get other household
    counts (the same seed gives the same communities). Returns the points (EPSG:32647)."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsCoordinateTransformContext,
        QgsGeometry,
        QgsPointXY,
    )

    from kr8310_plugin.core.registry.districts import load_registry, load_targets

    rng = random.Random(seed)
    targets = {d.code: d for d in load_targets()}
    districts = load_registry()
    counts = []
    for district in districts:
        target = targets[district.code]
        counts += [(district, rng.randint(20, 200)) for _ in range(target.target_small_communities)]
        counts += [(district, rng.randint(201, 500)) for _ in range(target.target_medium_communities)]
    while len(counts) < CITY_COMMUNITIES:
        counts.append((districts[len(counts) % len(districts)], rng.randint(501, 1500)))
    to_wgs84 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32647"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateTransformContext(),
    )
    changes = random.Random(seed + 1)
    rows, points = [], []
    for number, (district, households) in enumerate(counts, start=1):
        box = district.geometry.boundingBox()
        while True:
            point = QgsPointXY(rng.uniform(box.xMinimum(), box.xMaximum()), rng.uniform(box.yMinimum(), box.yMaximum()))
            if district.geometry.contains(QgsGeometry.fromPointXY(point)):
                break
        if changes.random() < changed_share:
            households += 1
        lonlat = to_wgs84.transform(point)
        points.append((point.x(), point.y()))
        rows.append(
            [
                number,
                f"ชุมชนทดสอบ {number}",
                "ชุมชนเมือง",
                district.name_th,
                households,
                households * 3,
                f"{lonlat.y():.6f}",
                f"{lonlat.x():.6f}",
            ]  # fmt: skip
        )
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return points


def thai_survey(path: Path, points: list[tuple[float, float]], households: int, seed: int = SEED) -> None:
    """`households` rows, Thai headers, three numbered Thai member columns each, around the points."""
    import math

    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsCoordinateTransformContext,
        QgsPointXY,
    )

    from kr8310_plugin.definitions.codelists import BUILDING_TYPE, EDUCATION, OCCUPATION

    rng = random.Random(seed)
    to_wgs84 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32647"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateTransformContext(),
    )
    header = ["บ้านเลขที่", "ละติจูด", "ลองจิจูด", "ลักษณะที่อยู่อาศัย", "ระยะเวลาที่อยู่อาศัย (ปี)", "จำนวนสมาชิก"]
    for n in (1, 2, 3):
        header += [f"สมาชิก{n}_อายุ", f"สมาชิก{n}_การศึกษา", f"สมาชิก{n}_อาชีพ", f"สมาชิก{n}_ความพิการ", f"สมาชิก{n}_ติดเตียง"]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for number in range(households):
            x, y = points[number % len(points)]
            angle, distance = rng.uniform(0, 2 * math.pi), SPREAD_M * math.sqrt(rng.random())
            where = to_wgs84.transform(QgsPointXY(x + distance * math.cos(angle), y + distance * math.sin(angle)))
            row = [f"{number}/๑", f"{where.y():.7f}", f"{where.x():.7f}", rng.choice(BUILDING_TYPE.codes).label_th,
                   str(rng.randint(0, 60)).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")), 3]  # fmt: skip
            for _ in range(3):
                row += [rng.randint(0, 95), rng.choice(EDUCATION.codes).label_th, rng.choice(OCCUPATION.codes).label_th,
                        "ไม่มี", "ไม่ใช่"]  # fmt: skip
            writer.writerow(row)


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return value, round(time.perf_counter() - start, 2)


def bench_register_import(database: str, register: Path, changed: Path) -> dict[str, float]:
    from kr8310_plugin.core.importing.readers import read_table
    from kr8310_plugin.core.importing.register import import_register

    numbers = {}
    result, numbers["first_import_s"] = timed(import_register, database, read_table(str(register)))
    assert result.inserted == CITY_COMMUNITIES, result.inserted
    result, numbers["reimport_unchanged_s"] = timed(import_register, database, read_table(str(register)))
    assert result.unchanged == CITY_COMMUNITIES and not result.changes
    result, numbers["reimport_changed_s"] = timed(import_register, database, read_table(str(changed)))
    numbers["changed_communities"] = result.updated
    return numbers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    parser.add_argument("--households", type=int, default=20000)
    parser.add_argument("--no-postgis", action="store_true")
    args = parser.parse_args()
    qgis_session.start()
    from kr8310_plugin.core.importing.importer import CommunityIndex, prepare_import, write_gpkg
    from kr8310_plugin.core.importing.readers import read_table
    from kr8310_plugin.core.storage.datasource import open_layer
    from kr8310_plugin.core.storage.gpkg_database import build_database

    workdir = args.output / "bench_register"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    register, changed = workdir / "city_register.csv", workdir / "city_register_changed.csv"
    points = city_register(register)
    city_register(changed, changed_share=0.1)
    numbers: dict[str, object] = {"communities": CITY_COMMUNITIES}
    database = workdir / "register.gpkg"
    build_database(database)
    numbers["gpkg"] = bench_register_import(str(database), register, changed)
    if not args.no_postgis:
        import sys

        sys.path.insert(0, str(Path(__file__).parent))
        from pg_cluster import FAST_SETTINGS, start_cluster

        from kr8310_plugin.core.storage.postgis.build import build_postgis_database

        cluster = start_cluster(FAST_SETTINGS)
        try:
            pg_database = f"{cluster.dsn()}?schema=kr_bench"
            build_postgis_database(pg_database, overwrite=True)
            numbers["postgis"] = bench_register_import(pg_database, register, changed)
        finally:
            cluster.stop()

    survey = workdir / "thai_survey.csv"
    thai_survey(survey, points, args.households)
    survey_numbers: dict[str, float] = {"households": args.households}
    start = time.perf_counter()
    communities = CommunityIndex.from_layer(open_layer(str(database), "communities"))
    drafts = prepare_import(read_table(str(survey)), communities)
    survey_numbers["read_check_s"] = round(time.perf_counter() - start, 2)
    # Random register points lie close together here and there: households half way are ties, reported.
    result, survey_numbers["write_s"] = timed(lambda: write_gpkg(database, drafts, skip_invalid=True))
    survey_numbers["inserted"] = result.inserted
    survey_numbers["rejected"] = result.rejected_rows
    survey_numbers["rejected_by_reason"] = dict(Counter(r.code for r in result.rejections))
    survey_numbers["assigned_to_point_communities"] = sum(
        1 for w in result.warnings if w.code == "nearest_point_community"
    )
    start = time.perf_counter()
    again = write_gpkg(database, prepare_import(read_table(str(survey)), communities), skip_invalid=True)
    survey_numbers["reimport_unchanged_s"] = round(time.perf_counter() - start, 2)
    survey_numbers["unchanged"] = again.unchanged
    numbers["thai_survey_gpkg"] = survey_numbers
    (args.output / "bench_register.json").write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(numbers, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Import and quality-check timings on large synthetic survey files (no real person's data).

    python scripts/bench_import.py [--households 20000] [--output output]

`bench_import(workdir, households)` returns the numbers as a dict, for scripts/bench.py to
merge into output/bench.json; run alone it prints them and writes output/bench_import.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from pathlib import Path

import qgis_session  # starts nothing yet; puts the assembled plugin on sys.path

ROOT = Path(__file__).resolve().parent.parent


def validate_parameters(database) -> dict:
    """kr8310:validate on the whole of a community GeoPackage, with its districts as targets."""
    layers = {name.upper(): f"{database}|layername={name}" for name in ("communities", "households", "members")}
    return {**layers, "TARGETS": f"{database}|layername=districts", "OUTPUT": "TEMPORARY_OUTPUT"}


def _survey_csv(path: Path, database: Path, households: int, seed: int = 8310) -> None:
    """`households` rows with lon/lat inside the demo's communities and three numbered members each."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject

    from kr8310_plugin.core.storage.datasource import open_layer
    from kr8310_plugin.definitions.codelists import BUILDING_TYPE, EDUCATION, OCCUPATION

    layer = open_layer(str(database), "communities")
    to_wgs84 = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance().transformContext()
    )
    rng = random.Random(seed)
    centres = []
    for feature in layer.getFeatures():
        geometry: QgsGeometry = feature.geometry()
        point = to_wgs84.transform(geometry.pointOnSurface().asPoint())
        centres.append((point.x(), point.y()))
    header = ["house_no", "longitude", "latitude", "building_type", "residence_years", "member_count"]
    for n in (1, 2, 3):
        header += [f"member{n}_age", f"member{n}_education", f"member{n}_occupation", f"member{n}_bedridden"]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for number in range(households):
            lon, lat = centres[number % len(centres)]
            row = [f"B{number}/1", lon, lat, rng.choice(BUILDING_TYPE.codes).label_th, rng.randint(0, 60), 3]
            for _ in range(3):
                row += [
                    rng.randint(0, 95),
                    rng.choice(EDUCATION.codes).label_en,
                    rng.choice(OCCUPATION.codes).key,
                    "no",
                ]
            writer.writerow(row)


def bench_import(workdir: Path, households: int = 20000) -> dict[str, float]:
    """Seconds for reading + checking, writing, re-importing unchanged, and kr8310:validate."""
    import shutil

    from kr8310_plugin.core.importing.importer import CommunityIndex, prepare_import, write_gpkg
    from kr8310_plugin.core.importing.readers import read_table
    from kr8310_plugin.core.registry.demo import generate_demo
    from kr8310_plugin.core.storage.datasource import open_layer
    from kr8310_plugin.core.storage.gpkg_database import build_database

    workdir.mkdir(parents=True, exist_ok=True)
    base = workdir / "bench_import_base.gpkg"
    if not base.exists():
        build_database(base, populate=lambda c, d: generate_demo(c, d, seed=8310, scope=[1001]))
    database = workdir / "bench_import.gpkg"
    shutil.copy(base, database)
    source = workdir / "bench_survey.csv"
    _survey_csv(source, database, households)
    numbers: dict[str, float] = {"import_households": households}

    start = time.perf_counter()
    communities = CommunityIndex.from_layer(open_layer(str(database), "communities"))
    table = read_table(str(source))
    drafts = prepare_import(table, communities)
    numbers["import_read_check_s"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    result = write_gpkg(database, drafts)
    numbers["import_write_s"] = round(time.perf_counter() - start, 2)
    assert result.inserted == households, result
    start = time.perf_counter()
    again = write_gpkg(database, prepare_import(read_table(str(source)), communities))
    numbers["reimport_unchanged_s"] = round(time.perf_counter() - start, 2)
    assert again.unchanged == households, again
    numbers["import_rows_per_s"] = round(households / (numbers["import_read_check_s"] + numbers["import_write_s"]), 0)

    start = time.perf_counter()
    output = qgis_session.run("validate", validate_parameters(database))
    numbers["validate_s"] = round(time.perf_counter() - start, 2)
    numbers["validate_households"] = open_layer(str(database), "households").featureCount()
    numbers["validate_issues"] = output["ERRORS"] + output["WARNINGS"]
    return numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=20000)
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    args = parser.parse_args()
    qgis_session.start()
    numbers = bench_import(args.output / "bench_import", args.households)
    (args.output / "bench_import.json").write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(numbers, indent=2))


if __name__ == "__main__":
    main()

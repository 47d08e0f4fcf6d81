"""Field package benchmark: cut, size and merge for a community of about 500 households.

    python scripts/bench_field_package.py [--output output]

Builds a one-district demo database (Phra Nakhon, profile full: every registered household
entered) in OUTPUT/bench/field_package/, cuts the package of the community whose household count
is nearest 500, changes it as a field team would (50 households corrected, 5 deleted, 20 new
households with 3 members each) through QGIS layers on the package GeoPackage, and merges it
back, then merges it again (a no-op). Keys: field_package_households, field_package_members,
field_package_make_s, field_package_zip_mb, field_package_gpkg_mb, field_package_project_mb,
field_merge_plan_s, field_merge_s, field_merge_again_s, field_merge_counts.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
import uuid
from pathlib import Path

import qgis_session

from kr8310_plugin.core.field_package.merge import apply_merge, merge_package, plan_merge
from kr8310_plugin.core.field_package.package import make_package
from kr8310_plugin.core.registry.demo import generate_demo
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.core.storage.gpkg_database import build_database

TARGET_HOUSEHOLDS = 500


def _field_edits(folder: Path, database_file: str, community: str) -> None:
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    households = QgsVectorLayer(f"{folder / database_file}|layername=households", "households", "ogr")
    members = QgsVectorLayer(f"{folder / database_file}|layername=members", "members", "ogr")
    features = sorted(households.getFeatures(), key=lambda f: f["household_id"])
    households.startEditing()
    years = households.fields().indexOf("residence_years")
    for feature in features[:50]:
        households.changeAttributeValue(feature.id(), years, 42)
    for feature in features[50:55]:
        households.deleteFeature(feature.id())
    origin = features[0].geometry().asPoint()
    new_ids = []
    for index in range(20):
        feature = QgsFeature(households.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(origin.x() + index, origin.y() + 1)))
        household_id = str(uuid.uuid4())
        for name, value in {
            "household_id": household_id,
            "community_id": community,
            "house_no": f"BENCH-{index}",
            "building_type": "row_house",
            "residence_years": 3,
            "member_count": 3,
        }.items():
            feature[name] = value
        households.addFeature(feature)
        new_ids.append(household_id)
    assert households.commitChanges(), households.commitErrors()
    members.startEditing()
    for household_id in new_ids:
        for age in (40, 38, 9):
            feature = QgsFeature(members.fields())
            for name, value in {
                "member_id": str(uuid.uuid4()),
                "household_id": household_id,
                "age": age,
                "education": "primary",
                "occupation": "trade" if age > 18 else "student",
                "disability": "none",
                "bedridden": False,
            }.items():
                feature[name] = value
            members.addFeature(feature)
    assert members.commitChanges(), members.commitErrors()


def bench_field_package(output: Path) -> dict:
    directory = output / "bench" / "field_package"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    database = directory / "office.gpkg"
    build_database(database, populate=lambda c, d: generate_demo(c, d, seed=8310, scope=[1001], profile="full"))
    connection = gpkg.connect(database)
    try:
        community, count = min(
            connection.execute("SELECT community_id, COUNT(*) FROM households GROUP BY community_id"),
            key=lambda row: abs(row[1] - TARGET_HOUSEHOLDS),
        )
    finally:
        connection.close()
    started = time.perf_counter()
    package = make_package(str(database), [community], directory / "package")
    make_s = time.perf_counter() - started
    _field_edits(package.folder, package.manifest.database_file, community)
    started = time.perf_counter()
    plan = plan_merge(package.folder, str(database))
    plan_s = time.perf_counter() - started
    apply_merge(plan, str(database))
    merge_s = time.perf_counter() - started
    started = time.perf_counter()
    again = merge_package(package.folder, str(database))
    again_s = time.perf_counter() - started
    if again.changes:
        raise SystemExit("merging the package twice changed the database")
    megabytes = lambda path: round(path.stat().st_size / 1e6, 2)  # noqa: E731
    return {
        "field_package_community": community,
        "field_package_households": count,
        "field_package_members": package.manifest.members,
        "field_package_make_s": round(make_s, 2),
        "field_package_zip_mb": round(package.size_bytes / 1e6, 2),
        "field_package_gpkg_mb": megabytes(package.folder / package.manifest.database_file),
        "field_package_project_mb": megabytes(package.folder / package.manifest.project_file),
        "field_merge_plan_s": round(plan_s, 2),
        "field_merge_s": round(merge_s, 2),
        "field_merge_again_s": round(again_s, 2),
        "field_merge_counts": plan.counts(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("output"))
    arguments = parser.parse_args()
    qgis_session.start()
    results = bench_field_package(arguments.output)
    (arguments.output / "bench_field_package.json").write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

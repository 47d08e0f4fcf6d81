"""Field packages cut from and merged back into a PostGIS community database."""

from __future__ import annotations

import pytest
from qgis.core import QgsVectorLayer

from kr8310_plugin.core.field_package.manifest import Manifest
from kr8310_plugin.core.field_package.merge import CHANGED_IN_BOTH, CONFLICT, DELETED, INSERTED, UPDATED, merge_package
from kr8310_plugin.core.field_package.package import make_package
from kr8310_plugin.core.storage.postgis.build import build_postgis_database

pytestmark = pytest.mark.postgis

SCHEMA = "kr_package"


@pytest.fixture()
def pg_database(pg_cluster, pg_superuser, kr8310_provider):
    """Two communities in Phra Nakhon with three complete households each."""
    database = f"{pg_cluster.dsn()}?schema={SCHEMA}"
    build_postgis_database(database, overwrite=True, roles=False)
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SCHEMA}.communities (community_id, name, district_code, registered_households, geom) VALUES "
            "('P-1', 'P1', 1001, 10, ST_Multi(ST_MakeEnvelope(662000, 1521000, 662200, 1521200, 32647))), "
            "('P-2', 'P2', 1001, 10, ST_Multi(ST_MakeEnvelope(662200, 1521000, 662400, 1521200, 32647)))"
        )
        for community, x0 in (("P-1", 662050), ("P-2", 662250)):
            for index in range(3):
                household = f"{community}-h{index}"
                cursor.execute(
                    f"INSERT INTO {SCHEMA}.households (household_id, community_id, house_no, building_type, "
                    "residence_years, member_count, geom) VALUES (%s, %s, %s, 'detached_house', 5, 1, "
                    "ST_SetSRID(ST_MakePoint(%s, 1521100), 32647))",
                    (household, community, f"{index + 1}/1", x0 + 10 * index),
                )
                cursor.execute(
                    f"INSERT INTO {SCHEMA}.members (member_id, household_id, age, education, occupation, disability, "
                    "bedridden) VALUES (%s, %s, 30, 'primary', 'trade', 'none', false)",
                    (f"{household}-m", household),
                )
    return database


def _package_layer(folder, name):
    manifest = Manifest.read(folder)
    layer = QgsVectorLayer(f"{folder / manifest.database_file}|layername={name}", name, "ogr")
    assert layer.isValid()
    return layer


def _commit(layer, edit):
    assert layer.startEditing()
    edit(layer)
    assert layer.commitChanges(), layer.commitErrors()


def _one(cursor, sql, parameters=()):
    cursor.execute(sql, parameters)
    return cursor.fetchall()


def test_package_from_postgis_merges_back_with_conflicts_kept(pg_database, pg_superuser, tmp_path):
    result = make_package(pg_database, ["P-1"], tmp_path / "pkg")
    assert result.manifest.households == 3 and result.manifest.members == 3
    assert "password" not in (result.folder / result.manifest.project_file).read_text(encoding="utf-8").lower()
    households = _package_layer(result.folder, "households")
    by_id = {f["household_id"]: f for f in households.getFeatures()}

    def edit(layer):
        layer.changeAttributeValue(by_id["P-1-h0"].id(), layer.fields().indexOf("residence_years"), 44)
        layer.changeAttributeValue(by_id["P-1-h1"].id(), layer.fields().indexOf("residence_years"), 55)
        layer.deleteFeature(by_id["P-1-h2"].id())

    _commit(households, edit)
    with pg_superuser.cursor() as cursor:  # the office corrects P-1-h1 after the package was cut
        cursor.execute(f"UPDATE {SCHEMA}.households SET residence_years = 66 WHERE household_id = 'P-1-h1'")

    del households
    plan = merge_package(result.folder, pg_database)
    outcomes = {(item.outcome, item.key) for item in plan.items}
    assert (UPDATED, "P-1-h0") in outcomes and (DELETED, "P-1-h2") in outcomes
    assert [i.reason for i in plan.items if i.outcome == CONFLICT] == [CHANGED_IN_BOTH]
    with pg_superuser.cursor() as cursor:
        rows = dict(
            _one(cursor, f"SELECT household_id, residence_years FROM {SCHEMA}.households WHERE community_id = 'P-1'")
        )
        assert rows == {"P-1-h0": 44, "P-1-h1": 66}  # the office's correction kept
        assert _one(cursor, f"SELECT count(*) FROM {SCHEMA}.members WHERE household_id = 'P-1-h2'") == [(0,)]
    again = merge_package(result.folder, pg_database)
    assert again.changes == 0


def test_new_field_household_with_member_reaches_postgis(pg_database, pg_superuser, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

    result = make_package(pg_database, ["P-2"], tmp_path / "pkg")
    households, members = _package_layer(result.folder, "households"), _package_layer(result.folder, "members")

    def add_household(layer):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(662300, 1521150)))
        for name, value in {
            "household_id": "field-new-1",
            "community_id": "P-2",
            "house_no": "9/9",
            "building_type": "shophouse",
            "residence_years": 2,
            "member_count": 1,
        }.items():
            feature[name] = value
        assert layer.addFeature(feature)

    def add_member(layer):
        feature = QgsFeature(layer.fields())
        for name, value in {
            "member_id": "field-new-1-m",
            "household_id": "field-new-1",
            "age": 8,
            "education": "primary",
            "occupation": "student",
            "disability": "none",
            "bedridden": False,
        }.items():
            feature[name] = value
        assert layer.addFeature(feature)

    _commit(households, add_household)
    _commit(members, add_member)
    plan = merge_package(result.folder, pg_database)
    assert plan.counts()[INSERTED] == 2
    with pg_superuser.cursor() as cursor:
        assert _one(
            cursor, f"SELECT house_no, row_version FROM {SCHEMA}.households WHERE household_id = 'field-new-1'"
        ) == [("9/9", 1)]
        assert _one(cursor, f"SELECT age, bedridden FROM {SCHEMA}.members WHERE member_id = 'field-new-1-m'") == [
            (8, False)
        ]

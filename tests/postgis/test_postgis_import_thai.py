"""kr8310:importhouseholds into PostGIS: a Thai-headed survey writes its members; house numbers that
differ only by digits or invisible characters are one household; refusals leave the server untouched."""

from __future__ import annotations

import csv

import pytest
from qgis.core import QgsProcessingException
from test_postgis_import import _lonlat

from kr8310_plugin.core.storage.postgis.build import build_postgis_database

pytestmark = pytest.mark.postgis

SCHEMA = "kr_import_thai"
HEADER = ["บ้านเลขที่", "ลองจิจูด", "ละติจูด", "ลักษณะที่อยู่อาศัย", "จำนวนสมาชิก (คน)", "สมาชิก1_อายุ", "สมาชิก 2 อายุ"]


@pytest.fixture(scope="module")
def pg_database(pg_cluster, pg_superuser, kr8310_provider):
    """A PostGIS database with one 200 m square community in Phra Nakhon."""
    database = f"{pg_cluster.dsn()}?schema={SCHEMA}"
    build_postgis_database(database, overwrite=True, roles=False)
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SCHEMA}.communities (community_id, name, district_code, registered_households, geom) VALUES "
            "('T-1', 'T1', 1001, 10, ST_Multi(ST_MakeEnvelope(662000, 1521000, 662200, 1521200, 32647)))"
        )
    return database


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def _state(pg_superuser):
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"SELECT h.house_no, h.building_type, h.member_count, h.row_version, "
            "string_agg(m.age::text, ',' ORDER BY m.age) "
            f"FROM {SCHEMA}.households h LEFT JOIN {SCHEMA}.members m USING (household_id) "
            "GROUP BY h.fid ORDER BY h.house_no"
        )
        return cursor.fetchall()


def test_thai_survey_into_postgis(run_algorithm, pg_database, pg_superuser, tmp_path):
    source = tmp_path / "แบบสำรวจ.csv"
    lon, lat = _lonlat(662100, 1521100)
    _write(source, [["12/3", lon, lat, "ห้องแถว/ทาวน์เฮาส์", "๒", "๔๕", "7"]])
    params = {"INPUT": str(source), "DATABASE": pg_database, "REPORT": str(tmp_path / "report.csv")}
    result = run_algorithm("importhouseholds", params)
    assert (result["INSERTED"], result["MEMBERS_WRITTEN"]) == (1, 2)
    assert _state(pg_superuser) == [("12/3", "row_house", 2, 1, "7,45")]
    # The same house with Thai digits and a zero-width space is the stored household, not a new one.
    _write(source, [["๑๒\u200b/๓", lon, lat, "ห้องแถว / ทาวน์เฮาส์", "2", "45", "7"]])
    again = run_algorithm("importhouseholds", params)
    assert (again["INSERTED"], again["UPDATED"]) == (0, 1)  # the house number now as written, Thai digits
    assert _state(pg_superuser) == [("๑๒/๓", "row_house", 2, 2, "7,45")]
    # A refusal (a decimal comma in the member count) leaves the server as it was.
    before = _state(pg_superuser)
    _write(source, [["20", lon, lat, "", "4,5", "", ""]])
    with pytest.raises(QgsProcessingException, match="decimal comma"):
        run_algorithm("importhouseholds", params)
    assert _state(pg_superuser) == before

"""The quality checks' PostGIS fast path (core/quality/postgis_checks.py) against the reference
(checks.validate on every record read through QGIS from the same layers): the same issues, in the
same order, on the one-district demo loaded into PostGIS, with awkward cases planted; a mapper's
view under row-level security; the re-check of a few communities against the full check."""

from __future__ import annotations

import pytest
from pg_cluster import load_geopackage
from qgis.core import QgsGeometry
from quality_cases import issue_key, reference_issues

from kr8310_plugin.core.quality import database_checks, postgis_checks, value_rules
from kr8310_plugin.core.quality.checks import replace_community_issues
from kr8310_plugin.core.quality.layers import _targets, check_layers
from kr8310_plugin.core.quality.reading import community_records
from kr8310_plugin.core.quality.value_rules import breaks_spec
from kr8310_plugin.core.storage.datasource import open_database_layers
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.definitions.schema import HOUSEHOLDS_SPEC, MEMBERS_SPEC

pytestmark = pytest.mark.postgis

CLEAN, AWKWARD, MAPPER_DISTRICT, OTHER_DISTRICT = "kr_quality_clean", "kr_quality_awkward", 1001, 1002


def _fast(layers) -> list:
    """The fast path itself (None would mean check_layers fell back to the reference)."""
    tables = postgis_checks.postgis_tables(layers["communities"], layers["households"], layers["members"])
    assert tables is not None
    targets = _targets(layers["districts"], None, None)
    issues = postgis_checks.postgis_issues(
        tables, community_records(layers["communities"]), layers["households"], layers["members"], targets
    )
    assert issues is not None
    return issues


def _assert_agree(layers) -> list:
    reference = [issue_key(i) for i in reference_issues(layers)]
    assert [issue_key(i) for i in _fast(layers)] == reference
    return reference


def _load(pg_cluster, demo, schema: str, roles: bool) -> str:
    database = f"{pg_cluster.dsn()}?schema={schema}"
    build_postgis_database(database, overwrite=True, roles=roles)
    load_geopackage(pg_cluster.dsn(), demo, schema)
    return database


def _busy(cursor, schema: str) -> list[str]:
    """The communities with at least 30 households, by id: the demo leaves some empty."""
    cursor.execute(
        f"SELECT community_id FROM {schema}.households GROUP BY community_id HAVING count(*) >= 30 ORDER BY 1"
    )
    return [row[0] for row in cursor.fetchall()]


def _households(cursor, schema: str, community_id: str) -> list[tuple[int, str]]:
    cursor.execute(
        f"SELECT fid, household_id FROM {schema}.households WHERE community_id = %s ORDER BY fid", (community_id,)
    )
    return cursor.fetchall()


def _polygon(cursor, schema: str, community_id: str) -> QgsGeometry:
    cursor.execute(f"SELECT ST_AsText(geom) FROM {schema}.communities WHERE community_id = %s", (community_id,))
    return QgsGeometry.fromWkt(cursor.fetchone()[0])


def _point_sql(x: float, y: float) -> str:
    return f"ST_SetSRID(ST_MakePoint({x!r}, {y!r}), 32647)"


def _plant(cursor, s: str) -> None:
    """Awkward cases, written with the server's triggers off (session_replication_role = replica) as
    data copied into a schema, or kept from before its triggers, may be: households outside, on a
    shared edge, in an overlap, near two point communities, with NULL, blank and unknown community ids,
    without a point or with an empty one; a bow tie; miscounts, no members, members naming no household;
    then, in a schema without its CHECKs and house-number keys, values out of range and house numbers
    shared by their key."""
    busy = _busy(cursor, s)
    cursor.execute("SET session_replication_role = replica")
    first = _polygon(cursor, s, busy[0])
    cursor.execute(f"SELECT community_id FROM {s}.communities WHERE community_id <> %s", (busy[0],))
    others = [row[0] for row in cursor.fetchall()]
    shared = next(g for g in (first.intersection(_polygon(cursor, s, o)) for o in others) if not g.isEmpty())
    edge = next(shared.vertices())
    centre = first.centroid().asPoint()
    rows = _households(cursor, s, busy[0])
    for (fid, _hid), geometry in zip(
        rows,
        (_point_sql(edge.x(), edge.y()), _point_sql(720000, 1520000), _point_sql(centre.x(), centre.y())),
    ):
        cursor.execute(f"UPDATE {s}.households SET geom = {geometry} WHERE fid = %s", (fid,))
    cursor.execute(f"UPDATE {s}.households SET community_id = %s WHERE fid = %s", (busy[1], rows[2][0]))
    for (fid, _hid), value in zip(rows[3:7], ("", "  ", "X-unknown", None)):
        cursor.execute(f"UPDATE {s}.households SET community_id = %s WHERE fid = %s", (value, fid))
    cursor.execute(f"UPDATE {s}.households SET geom = NULL WHERE fid = %s", (rows[7][0],))
    cursor.execute(f"UPDATE {s}.households SET geom = 'SRID=32647;POINT EMPTY' WHERE fid = %s", (rows[8][0],))
    cursor.execute(
        f"UPDATE {s}.communities SET geom = ST_Multi(ST_Buffer(geom, 40, 4)) WHERE community_id = %s", (busy[2],)
    )
    point = _polygon(cursor, s, busy[3]).centroid().asPoint()
    for community_id, dx in ((busy[3], 0.0), (busy[4], 6.0)):  # two point communities 6 m apart: a tie
        cursor.execute(
            f"UPDATE {s}.communities SET geom = NULL, location_x = %s, location_y = %s WHERE community_id = %s",
            (point.x() + dx, point.y(), community_id),
        )
    middle = _polygon(cursor, s, busy[5]).centroid().asPoint()
    x, y = middle.x(), middle.y()
    corners = ((x - 50, y - 50), (x + 50, y + 50), (x + 50, y - 50), (x - 50, y + 50), (x - 50, y - 50))
    bowtie = "MULTIPOLYGON(((" + ", ".join(f"{a} {b}" for a, b in corners) + ")))"
    cursor.execute(
        f"UPDATE {s}.communities SET geom = ST_GeomFromText(%s, 32647) WHERE community_id = %s", (bowtie, busy[5])
    )
    rows = _households(cursor, s, busy[6])
    cursor.execute(f"UPDATE {s}.households SET member_count = 9 WHERE fid = %s", (rows[0][0],))
    cursor.execute(f"UPDATE {s}.households SET member_count = NULL WHERE fid = %s", (rows[1][0],))
    cursor.execute(f"DELETE FROM {s}.members WHERE household_id = %s", (rows[3][1],))
    for number, household_id in enumerate(("nobody", "", " ", rows[4][1] + " ")):
        cursor.execute(
            f"INSERT INTO {s}.members (member_id, household_id, age) VALUES (%s, %s, 30)",
            (f"ORPHAN-{number}", household_id),
        )
    for table in ("households", "members"):
        cursor.execute(f"SELECT conname FROM pg_constraint WHERE conrelid = '{s}.{table}'::regclass AND contype = 'c'")
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE {s}.{table} DROP CONSTRAINT "{name}"')
    cursor.execute(f"DROP INDEX {s}.households_house_number_key_idx, {s}.households_community_house_no_idx")
    rows = _households(cursor, s, busy[7])
    values = [("residence_years", 200), ("residence_years", -1), ("member_count", 0), ("building_type", "palace"),
              ("building_type", "  "), ("building_type", "")]  # fmt: skip
    for (fid, _hid), (name, value) in zip(rows, values):
        cursor.execute(f"UPDATE {s}.households SET {name} = %s WHERE fid = %s", (value, fid))
    for (fid, _hid), house in zip(rows[len(values) :], ("12/7", "๑๒/๗ ", "10A", "10a", "ab cd", "abcd")):
        cursor.execute(f"UPDATE {s}.households SET house_no = %s WHERE fid = %s", (house, fid))
    cursor.execute(
        f"SELECT m.fid FROM {s}.members m JOIN {s}.households h ON h.household_id = m.household_id "
        "WHERE h.community_id = %s ORDER BY m.fid",
        (busy[8],),
    )
    members = [row[0] for row in cursor.fetchall()]
    member_values = [("age", 200), ("age", -3), ("education", "x"), ("education", " "), ("education", "none "),
                     ("occupation", ""), ("disability", None)]  # fmt: skip
    for fid, (name, value) in zip(members[::2], member_values):
        cursor.execute(f"UPDATE {s}.members SET {name} = %s WHERE fid = %s", (value, fid))
    # A mapper of MAPPER_DISTRICT sees the households of some communities only; the grown community's
    # overlaps are between districts (an overlap is told with the district of the one read first).
    cursor.execute(
        f"UPDATE {s}.communities SET district_code = %s WHERE community_id = ANY(%s)",
        (OTHER_DISTRICT, [busy[1], busy[2], busy[6], busy[9]]),
    )
    cursor.execute("SET session_replication_role = DEFAULT")


@pytest.fixture(scope="module")
def clean_pg(pg_cluster, small_demo_gpkg) -> str:
    return _load(pg_cluster, small_demo_gpkg, CLEAN, roles=False)


@pytest.fixture(scope="module")
def awkward_pg(pg_cluster, pg_superuser, small_demo_gpkg) -> str:
    """The demo with `_plant`'s cases, roles and row-level security, and a mapper login of MAPPER_DISTRICT."""
    database = _load(pg_cluster, small_demo_gpkg, AWKWARD, roles=True)
    with pg_superuser.cursor() as cursor:
        _plant(cursor, AWKWARD)
        cursor.execute(f"DROP ROLE IF EXISTS {AWKWARD}_mapper_login")
        cursor.execute(f"CREATE ROLE {AWKWARD}_mapper_login LOGIN")
        cursor.execute(f"SELECT {AWKWARD}.assign_mapper('{AWKWARD}_mapper_login', {MAPPER_DISTRICT})")
    return database


def test_fast_path_agrees_on_the_clean_demo(clean_pg):
    layers = open_database_layers(clean_pg)
    reference = _assert_agree(layers)
    wired = check_layers(layers["communities"], layers["households"], layers["members"], layers["districts"])
    assert [issue_key(i) for i in wired] == reference
    tables = postgis_checks.postgis_tables(layers["communities"], layers["households"], layers["members"])
    # The schema's unique house-number keys hold: nothing to group (the city's slowest query otherwise).
    assert postgis_checks._Server(tables, None).keeps_house_numbers_unique()


def test_fast_path_agrees_on_awkward_cases(awkward_pg):
    layers = open_database_layers(awkward_pg)
    issues = _assert_agree(layers)
    codes = {issue[1] for issue in issues}
    for code in ("household_outside", "community_mismatch", "unknown_community", "household_no_location",
                 "member_count_mismatch", "no_members", "member_without_household", "invalid_polygon",
                 "overlapping_communities", "household_in_several_communities", "community_no_boundary",
                 "duplicate_house_no", "household_value_out_of_range", "member_value_out_of_range"):  # fmt: skip
        assert code in codes, code
    assert sum(1 for issue in issues if issue[1] == "duplicate_house_no") == 6
    tables = postgis_checks.postgis_tables(layers["communities"], layers["households"], layers["members"])
    assert not postgis_checks._Server(tables, None).keeps_house_numbers_unique()


def test_a_mapper_gets_the_issues_of_what_the_mapper_sees(pg_cluster, awkward_pg):
    """Row-level security: the households of the mapper's district and their members only, as the
    reference reads them through the same login."""
    layers = open_database_layers(f"{pg_cluster.dsn(f'{AWKWARD}_mapper_login')}?schema={AWKWARD}")
    admin = open_database_layers(awkward_pg)
    seen, everything = layers["households"].featureCount(), admin["households"].featureCount()
    assert 0 < seen < everything
    issues = _assert_agree(layers)
    assert len(issues) < len(_fast(admin))


@pytest.mark.parametrize("picks", [[0], [1, 6, 7], [2, 3, 4, 5, 8]])
def test_recheck_of_communities_is_the_full_check_of_them(pg_superuser, awkward_pg, picks):
    layers = open_database_layers(awkward_pg)
    with pg_superuser.cursor() as cursor:
        busy = _busy(cursor, AWKWARD)
    community_ids = [busy[number] for number in picks] + ["X-unknown"]
    full = check_layers(layers["communities"], layers["households"], layers["members"], layers["districts"])
    three = (layers["communities"], layers["households"], layers["members"])
    rechecked = database_checks.recheck_communities(*three, community_ids)  # the dashboard's entry
    assert rechecked
    assert [issue_key(i) for i in rechecked] == [issue_key(i) for i in full if i.community_id in community_ids]
    assert [issue_key(i) for i in replace_community_issues(full, rechecked, community_ids)] == [
        issue_key(i) for i in full
    ]


def test_recheck_of_every_community_is_the_full_check(pg_superuser, awkward_pg):
    """Rows updated in place lie elsewhere in the table than their fids say: the re-check reads the
    communities in the order the full check reads them."""
    layers = open_database_layers(awkward_pg)
    three = (layers["communities"], layers["households"], layers["members"])
    full = check_layers(*three)
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT community_id FROM {AWKWARD}.communities")
        community_ids = [row[0] for row in cursor.fetchall()]
    rechecked = database_checks.recheck_communities(*three, community_ids)
    assert [issue_key(i) for i in rechecked] == [issue_key(i) for i in full if i.community_id in community_ids]


def test_issues_after_a_save_are_those_of_a_full_check(pg_superuser, clean_pg):
    layers = open_database_layers(clean_pg)
    three = (layers["communities"], layers["households"], layers["members"])
    before = check_layers(*three, layers["districts"])
    with pg_superuser.cursor() as cursor:
        busy = _busy(cursor, CLEAN)
        rows = _households(cursor, CLEAN, busy[0])
        cursor.execute(f"UPDATE {CLEAN}.households SET member_count = 19 WHERE fid = %s", (rows[0][0],))
        cursor.execute(f"DELETE FROM {CLEAN}.members WHERE household_id = %s", (rows[1][1],))
    after = database_checks.issues_after_save(before, three, [busy[0]])
    assert after is not None
    assert [issue_key(i) for i in after] == [issue_key(i) for i in check_layers(*three, layers["districts"])]
    assert {"member_count_mismatch", "no_members"} <= {i.code for i in after if i.community_id == busy[0]}


def test_fast_path_is_not_taken_for_filtered_or_edited_layers(clean_pg):
    layers = open_database_layers(clean_pg)
    three = (layers["communities"], layers["households"], layers["members"])
    assert postgis_checks.postgis_tables(*three) is not None
    layers["households"].setSubsetString("community_id = '1001-002'")
    assert postgis_checks.postgis_tables(*three) is None
    layers["households"].setSubsetString("")
    layers["members"].startEditing()
    layers["members"].deleteFeature(next(layers["members"].getFeatures()).id())
    assert postgis_checks.postgis_tables(*three) is None
    layers["members"].rollBack()
    assert postgis_checks.postgis_tables(*three) is not None


AWKWARD_VALUES = {"integer": [None, 0, 1, 5, 99, 120, 121, -1], "text": [None, "", "  ", "none", "none ", "palace",
                  "detached_house", "primary", "x"], "boolean": [None, True, False]}  # fmt: skip


@pytest.mark.parametrize(
    "spec",
    [HOUSEHOLDS_SPEC.field(n) for n in ("residence_years", "member_count", "building_type")]
    + [MEMBERS_SPEC.field(n) for n in ("age", "education", "occupation", "disability", "bedridden")],
    ids=lambda spec: spec.name,
)
def test_plainly_allowed_sql_is_the_python_rule_on_typed_columns(pg_superuser, spec):
    """On a column of the field's type, the SQL allows exactly the filled values Python allows (and NULL);
    on a column of another type it allows NULL only, leaving every value to Python."""
    column_type = {"integer": "integer", "text": "text", "boolean": "boolean"}[spec.kind]
    values = AWKWARD_VALUES[spec.kind]
    with pg_superuser.cursor() as cursor:
        for stored_type in (column_type, "text"):
            allowed = value_rules.plainly_allowed_postgres_sql(spec.name, spec, stored_type)
            stored = [v if v is None or stored_type != "text" else str(v) for v in values]
            cursor.execute(
                f"SELECT {spec.name}, {allowed} FROM unnest(%s::{stored_type}[]) AS t ({spec.name})", (stored,)
            )
            for value, sql_allows in cursor.fetchall():
                if stored_type == column_type and value is not None and str(value).strip():
                    assert sql_allows == (not breaks_spec(value, spec)), (spec.name, stored_type, value)
                elif sql_allows:
                    assert not breaks_spec(value, spec), (spec.name, stored_type, value)

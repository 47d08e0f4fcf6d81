"""The quality checks' fast path (core/quality/database_checks.py) against the reference (checks.validate
on every record read through QGIS): the same issues, in the same order, on synthetic databases with
awkward cases; the re-check of a few communities against the full check; and the value rule's SQL
against its Python."""

from __future__ import annotations

import sqlite3
import struct
from contextlib import closing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsGeometry, QgsVectorLayer
from quality_cases import issue_key, reference_issues

from kr8310_plugin.core.quality import database_checks
from kr8310_plugin.core.quality.checks import replace_community_issues, validate
from kr8310_plugin.core.quality.layers import _targets, check_layers
from kr8310_plugin.core.quality.reading import community_records, household_records, member_records
from kr8310_plugin.core.quality.value_rules import (
    breaks_spec,
    check_clause,
    guaranteed_by_check,
    plainly_allowed_sql,
)
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.definitions.schema import HOUSEHOLDS_SPEC, MEMBERS_SPEC

CHECKED = {"households": ("residence_years", "member_count", "building_type"), "members": MEMBERS_SPEC}
HOUSEHOLD_FIELDS = ("residence_years", "member_count", "building_type")
MEMBER_FIELDS = ("age", "education", "occupation", "disability", "bedridden")


def _layers(path) -> dict[str, QgsVectorLayer]:
    names = ("communities", "households", "members", "districts")
    return {name: QgsVectorLayer(f"{path}|layername={name}", name, "ogr") for name in names}


def _fast(layers) -> list:
    """The fast path itself (None would mean check_layers fell back to the reference)."""
    tables = database_checks.database_tables(layers["communities"], layers["households"], layers["members"])
    assert tables is not None
    communities = community_records(layers["communities"])
    issues = database_checks.database_issues(
        tables, communities, layers["households"], layers["members"], _targets(layers["districts"], None, None)
    )
    assert issues is not None
    return issues


def _assert_agree(path) -> list:
    layers = _layers(path)
    reference = [issue_key(i) for i in reference_issues(layers)]
    assert [issue_key(i) for i in _fast(layers)] == reference
    return reference


def _households(connection, community_id: str) -> list[tuple[int, str]]:
    return connection.execute(
        "SELECT fid, household_id FROM households WHERE community_id = ? ORDER BY fid", (community_id,)
    ).fetchall()


def _polygon(connection, community_id: str) -> QgsGeometry:
    blob = connection.execute("SELECT geom FROM communities WHERE community_id = ?", (community_id,)).fetchone()[0]
    return gpkg.decode_geometry(blob)


def _move(connection, fid: int, x: float, y: float) -> None:
    connection.execute("UPDATE households SET geom = ? WHERE fid = ?", (gpkg.encode_point(x, y, 32647), fid))


def _busy(connection) -> list[str]:
    """The communities with at least 30 households, by id: the demo leaves some empty."""
    return [
        row[0]
        for row in connection.execute(
            "SELECT community_id FROM households GROUP BY community_id HAVING count(*) >= 30 ORDER BY community_id"
        )
    ]


def _plant_locations(connection) -> None:
    """Households outside, on a shared edge, in an overlap, near two point communities, with blank and
    unknown community ids, without or with an unusual geometry; a bow-tie polygon."""
    busy = _busy(connection)
    first = busy[0]
    a = _polygon(connection, first)
    others = [
        row[0] for row in connection.execute("SELECT community_id FROM communities WHERE community_id <> ?", (first,))
    ]
    shared = next(g for g in (a.intersection(_polygon(connection, o)) for o in others) if not g.isEmpty())
    on_edge = next(shared.vertices())
    rows = _households(connection, first)
    _move(connection, rows[0][0], on_edge.x(), on_edge.y())
    _move(connection, rows[1][0], 720000, 1520000)  # 60 km east: in no community
    centre = a.centroid().asPoint()
    _move(connection, rows[2][0], centre.x(), centre.y())
    connection.execute("UPDATE households SET community_id = ? WHERE fid = ?", (busy[1], rows[2][0]))
    for fid, value in zip((rows[3][0], rows[4][0], rows[5][0], rows[6][0]), ("", "  ", "X-unknown", None)):
        connection.execute("UPDATE households SET community_id = ? WHERE fid = ?", (value, fid))
    connection.execute("UPDATE households SET geom = NULL WHERE fid = ?", (rows[7][0],))
    empty = b"GP\x00\x11" + struct.pack("<i", 32647) + struct.pack("<BIdd", 1, 1, float("nan"), float("nan"))
    connection.execute("UPDATE households SET geom = ? WHERE fid = ?", (empty, rows[8][0]))
    x, y = centre.x() + 3, centre.y() + 3  # a point with an envelope in its header (valid, unusual)
    header = b"GP\x00\x03" + struct.pack("<i", 32647) + struct.pack("<dddd", x, x, y, y)
    point = header + struct.pack("<BIdd", 1, 1, x, y)
    connection.execute("UPDATE households SET geom = ? WHERE fid = ?", (point, rows[9][0]))
    # One grown into its neighbours: households near their edges lie in two communities.
    grown = _polygon(connection, busy[2]).buffer(40, 4)
    grown.convertToMultiType()
    connection.execute(
        "UPDATE communities SET geom = ? WHERE community_id = ?", (gpkg.encode_geometry(grown, 32647), busy[2])
    )
    # Two point communities 6 m apart (a tie for their households) and a bow tie.
    point = _polygon(connection, busy[3]).centroid().asPoint()
    for community_id, dx in ((busy[3], 0.0), (busy[4], 6.0)):
        connection.execute(
            "UPDATE communities SET geom = NULL, location_x = ?, location_y = ? WHERE community_id = ?",
            (point.x() + dx, point.y(), community_id),
        )
    bowtie = _polygon(connection, busy[5]).centroid().asPoint()
    cx, cy = bowtie.x(), bowtie.y()
    wkt = (
        f"MultiPolygon((({cx - 50} {cy - 50}, {cx + 50} {cy + 50}, {cx + 50} {cy - 50}, {cx - 50} {cy + 50}, "
        f"{cx - 50} {cy - 50})))"
    )
    connection.execute(
        "UPDATE communities SET geom = ? WHERE community_id = ?",
        (gpkg.encode_geometry(QgsGeometry.fromWkt(wkt), 32647), busy[5]),
    )


def _plant_counts(connection) -> None:
    """Member counts that do not match, households without members, members without households."""
    rows = _households(connection, _busy(connection)[6])
    connection.execute("UPDATE households SET member_count = 9 WHERE fid = ?", (rows[0][0],))
    connection.execute("UPDATE households SET member_count = NULL WHERE fid = ?", (rows[1][0],))
    connection.execute("UPDATE households SET member_count = 3.5 WHERE fid = ?", (rows[2][0],))
    connection.execute("DELETE FROM members WHERE household_id = ?", (rows[3][1],))
    for number, household_id in enumerate(("nobody", "", " ", rows[4][1] + " ")):
        connection.execute(
            "INSERT INTO members (member_id, household_id, age) VALUES (?, ?, 30)", (f"ORPHAN-{number}", household_id)
        )


def _without_checks(path) -> None:
    """Make the database one made before the CHECK constraints and the house-number and coverage guards."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA writable_schema = ON")
        for table, spec, names in (
            ("households", HOUSEHOLDS_SPEC, HOUSEHOLD_FIELDS),
            ("members", MEMBERS_SPEC, MEMBER_FIELDS),
        ):
            sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
            for name in names:
                sql = sql.replace(" " + check_clause(spec.field(name)), "") if check_clause(spec.field(name)) else sql
            connection.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, table))
        connection.commit()
        connection.execute("PRAGMA writable_schema = OFF")
    connection = gpkg.connect(path)
    with connection:
        connection.execute('DROP TRIGGER "households_house_number_key_update"')
        connection.execute('DROP TRIGGER "kr8310_coverage_household_update"')
        connection.execute('DROP INDEX "idx_households_community_house_no"')
    connection.close()


def _plant_values(connection) -> None:
    """Out-of-range values, Thai digits and text in integer columns, blanks, shared house numbers."""
    rows = _households(connection, _busy(connection)[7])
    values = [
        ("residence_years", "๕"), ("residence_years", "abc"), ("residence_years", 5.5), ("residence_years", 200),
        ("member_count", "๓"), ("member_count", 0), ("member_count", "abc"), ("building_type", "palace"),
        ("building_type", "  "), ("building_type", ""),
    ]  # fmt: skip
    for (fid, _hid), (name, value) in zip(rows, values):
        connection.execute(f"UPDATE households SET {name} = ? WHERE fid = ?", (value, fid))
    twins = rows[len(values) : len(values) + 6]
    for (fid, _hid), house in zip(twins, ("12/7", "๑๒/๗ ", "10A", "10a", "ab cd", "abcd")):
        connection.execute("UPDATE households SET house_no = ? WHERE fid = ?", (house, fid))
    member_values = [
        ("age", "๕"), ("age", "5abc"), ("age", 200), ("age", 5.7), ("age", -3), ("education", "x"),
        ("education", " "), ("education", "none "), ("bedridden", 2), ("bedridden", "yes"), ("bedridden", "true"),
        ("occupation", 5), ("disability", None),
    ]  # fmt: skip
    members = connection.execute(
        "SELECT m.fid FROM members m JOIN households h ON h.household_id = m.household_id "
        "WHERE h.community_id = ? ORDER BY m.fid",
        (_busy(connection)[8],),
    ).fetchall()
    for (fid,), (name, value) in zip(members[::2], member_values):
        connection.execute(f"UPDATE members SET {name} = ? WHERE fid = ?", (value, fid))


def _edit(path, *planters) -> None:
    connection = gpkg.connect(path)
    with connection:
        for plant in planters:
            plant(connection)
    connection.close()


def test_fast_path_agrees_on_a_clean_demo(small_demo_gpkg):
    reference = _assert_agree(small_demo_gpkg)
    layers = _layers(small_demo_gpkg)
    wired = check_layers(layers["communities"], layers["households"], layers["members"], layers["districts"])
    assert [issue_key(i) for i in wired] == reference


def test_fast_path_agrees_on_awkward_locations_and_counts(demo_copy):
    _edit(demo_copy, _plant_locations, _plant_counts)
    issues = _assert_agree(demo_copy)
    codes = {issue[1] for issue in issues}
    for code in ("household_outside", "community_mismatch", "unknown_community", "household_no_location",
                 "member_count_mismatch", "no_members", "member_without_household", "invalid_polygon",
                 "overlapping_communities", "household_in_several_communities", "community_no_boundary"):  # fmt: skip
        assert code in codes, code


def test_fast_path_agrees_on_a_database_made_before_its_checks(demo_copy):
    _without_checks(demo_copy)
    _edit(demo_copy, _plant_locations, _plant_counts, _plant_values)
    issues = _assert_agree(demo_copy)
    codes = {issue[1] for issue in issues}
    for code in ("duplicate_house_no", "household_value_out_of_range", "member_value_out_of_range"):
        assert code in codes, code
    assert sum(1 for issue in issues if issue[1] == "duplicate_house_no") == 6


@pytest.mark.parametrize(
    "community_ids", [["1001-002"], ["1001-005", "1001-007", "1001-008"], ["X-unknown", "1001-010"]]
)
def test_recheck_of_communities_is_the_full_check_of_them(demo_copy, community_ids):
    _edit(demo_copy, _plant_locations, _plant_counts)
    layers = _layers(demo_copy)
    full = check_layers(layers["communities"], layers["households"], layers["members"], layers["districts"])
    rechecked = database_checks.recheck_communities(
        layers["communities"], layers["households"], layers["members"], community_ids
    )
    assert rechecked
    assert [issue_key(i) for i in rechecked] == [issue_key(i) for i in full if i.community_id in community_ids]
    assert [issue_key(i) for i in replace_community_issues(full, rechecked, community_ids)] == [
        issue_key(i) for i in full
    ]


def test_fast_path_is_not_taken_for_filtered_or_edited_layers(demo_copy):
    layers = _layers(demo_copy)
    tables = (layers["communities"], layers["households"], layers["members"])
    assert database_checks.database_tables(*tables) is not None
    layers["households"].setSubsetString("\"community_id\" = '1001-002'")
    assert database_checks.database_tables(*tables) is None
    layers["households"].setSubsetString("")
    layers["members"].startEditing()
    layers["members"].deleteFeature(next(layers["members"].getFeatures()).id())
    assert database_checks.database_tables(*tables) is None
    layers["members"].rollBack()


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    moves=st.lists(
        st.tuples(
            st.integers(0, 3000),
            st.floats(-300, 300),
            st.floats(-300, 300),
            st.sampled_from(["1001-001", "1001-013", None]),
        ),
        max_size=12,
    ),
    deletions=st.lists(st.integers(0, 11000), max_size=6),
)
def test_fast_path_agrees_after_random_edits(demo_copy, moves, deletions):
    connection = gpkg.connect(demo_copy)
    with connection:
        fids = [row[0] for row in connection.execute("SELECT fid FROM households ORDER BY fid")]
        member_fids = [row[0] for row in connection.execute("SELECT fid FROM members ORDER BY fid")]
        for number, dx, dy, community_id in moves:
            fid = fids[number % len(fids)]
            blob = connection.execute("SELECT geom FROM households WHERE fid = ?", (fid,)).fetchone()[0]
            point = gpkg.decode_geometry(blob).asPoint()
            _move(connection, fid, point.x() + dx, point.y() + dy)
            if community_id is not None:
                connection.execute("UPDATE households SET community_id = ? WHERE fid = ?", (community_id, fid))
        for number in deletions:
            connection.execute("DELETE FROM members WHERE fid = ?", (member_fids[number % len(member_fids)],))
    connection.close()
    _assert_agree(demo_copy)


# --- the value rule: SQL against Python -----------------------------------------------------

AWKWARD = [None, 0, 1, 5, 99, 120, 121, -1, 5.0, 5.7, 0.5, 1e300, "5", "๕", "abc", "5abc", "", "  ", "1e3", True,
           "none", "primary", "none ", "palace", "detached_house", "true", "yes", 2]  # fmt: skip


@pytest.mark.parametrize(
    "table, spec",
    [("households", HOUSEHOLDS_SPEC.field(n)) for n in HOUSEHOLD_FIELDS]
    + [("members", MEMBERS_SPEC.field(n)) for n in MEMBER_FIELDS],
    ids=lambda value: getattr(value, "name", value),
)
def test_plainly_allowed_sql_never_allows_what_python_refuses(demo_copy, table, spec):
    """Stored in a column without its CHECK and read back through QGIS as the reference reads it."""
    _without_checks(demo_copy)
    connection = gpkg.connect(demo_copy)
    fids = [row[0] for row in connection.execute(f"SELECT fid FROM {table} ORDER BY fid LIMIT {len(AWKWARD)}")]
    with connection:
        for fid, value in zip(fids, AWKWARD):
            connection.execute(f"UPDATE {table} SET {spec.name} = ? WHERE fid = ?", (value, fid))
    allowed_in_sql = dict(
        connection.execute(
            f"SELECT fid, {plainly_allowed_sql(spec.name, spec)} FROM {table} "
            f"WHERE fid IN ({', '.join(map(str, fids))})"
        )
    )
    connection.close()
    layer = QgsVectorLayer(f"{demo_copy}|layername={table}", table, "ogr")
    for fid, value in zip(fids, AWKWARD):
        read = layer.getFeature(fid)[spec.name]
        read = None if read is None or str(read) == "NULL" else read
        if allowed_in_sql[fid]:
            assert not breaks_spec(read, spec), (spec.name, value, read)
    plain = {"integer": 5, "text": spec.codes[0] if spec.codes else None, "boolean": 1}[spec.kind]
    with closing(sqlite3.connect(":memory:")) as memory:
        assert memory.execute(f"SELECT {plainly_allowed_sql('v', spec)} FROM (SELECT ? AS v)", (plain,)).fetchone()[0]


@pytest.mark.parametrize(
    "table, spec",
    [("households", HOUSEHOLDS_SPEC.field(n)) for n in HOUSEHOLD_FIELDS]
    + [("members", MEMBERS_SPEC.field(n)) for n in MEMBER_FIELDS if MEMBERS_SPEC.field(n).kind != "boolean"],
    ids=lambda value: getattr(value, "name", value),
)
def test_what_passes_the_check_is_allowed(small_demo_gpkg, table, spec):
    """A community database declares the FieldSpec's CHECK (so the fast path trusts the column), and
    every value passing that CHECK, as QGIS reads it back, is allowed by the Python rule."""
    with closing(sqlite3.connect(small_demo_gpkg)) as connection:
        table_sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    assert guaranteed_by_check(table_sql, spec)
    memory = sqlite3.connect(":memory:")
    column_type = "INTEGER" if spec.kind == "integer" else "TEXT"
    memory.execute(f"CREATE TABLE t (fid INTEGER PRIMARY KEY, {spec.name} {column_type} {check_clause(spec)})")
    for value in AWKWARD:
        try:
            memory.execute(f"INSERT INTO t ({spec.name}) VALUES (?)", (value,))
        except sqlite3.IntegrityError:
            continue
        stored = memory.execute(f"SELECT {spec.name} FROM t ORDER BY fid DESC LIMIT 1").fetchone()[0]
        as_qgis_reads = int(stored) if spec.kind == "integer" and isinstance(stored, float) else stored
        assert not breaks_spec(as_qgis_reads, spec), (spec.name, value)
    memory.close()


def test_validate_on_selected_households_checks_only_those(run_algorithm, demo_copy):
    """A selection (or a filter) is not the database's table: kr8310:validate then reads the records."""
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject

    _edit(demo_copy, _plant_locations, _plant_counts)
    layers = _layers(demo_copy)
    QgsProject.instance().addMapLayers(list(layers.values()))
    try:
        households = layers["households"]
        households.selectByIds([f.id() for f in households.getFeatures()][:40])
        result = run_algorithm(
            "validate",
            {
                "COMMUNITIES": layers["communities"].id(),
                "HOUSEHOLDS": QgsProcessingFeatureSourceDefinition(households.id(), selectedFeaturesOnly=True),
                "MEMBERS": layers["members"].id(),
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
        selected = [
            record for fid, record in household_records(households) if fid in set(households.selectedFeatureIds())
        ]
        targets = _targets(layers["districts"], None, None)  # the project's districts layer, TARGETS' default
        expected = validate(
            community_records(layers["communities"]), selected, member_records(layers["members"]), targets
        )
        assert (result["ERRORS"], result["WARNINGS"]) == (
            sum(1 for i in expected if i.severity == "error"),
            sum(1 for i in expected if i.severity == "warning"),
        )
    finally:
        QgsProject.instance().removeAllMapLayers()

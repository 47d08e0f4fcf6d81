"""Coverage kept by the GeoPackage itself (core/storage/coverage_triggers.py): after any sequence
of edits — through python sqlite3 or through QGIS layers —, after rule changes, a writer killed
mid-transaction and the upgrade of a database made without it, every community's stored numbers
equal the engine's full recompute, and the engine's fast path gives the full recompute's result."""

from __future__ import annotations

import contextlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from completeness_cases import FIELDS_BY_NAME, cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import NULL, QgsFeature, QgsGeometry, QgsPointXY, QgsProject

from kr8310_plugin.core.coverage import live as live_coverage
from kr8310_plugin.core.coverage.engine import compute_coverage
from kr8310_plugin.core.coverage.maintained import read_maintained
from kr8310_plugin.core.rules.completeness import HOUSEHOLD_FIELD_CHOICES, MEMBER_FIELD_CHOICES
from kr8310_plugin.core.storage import coverage_triggers, gpkg, rule_store
from kr8310_plugin.core.storage.datasource import open_database_layers
from kr8310_plugin.core.storage.gpkg_database import build_database
from kr8310_plugin.definitions.schema import CRS_EPSG

pytestmark = pytest.mark.usefixtures("qgis_app")

COMMUNITY_IDS = ("C1", "C2", "C3")
HOUSEHOLD_IDS = ("H1", "H2", "H3", "H4", "H5", "H6", "", " ")
POINT = gpkg.encode_point(660100.0, 1520100.0, CRS_EPSG)
EMPTY_POINT = b"GP\x00\x11" + POINT[4:]
COMPLETE_MEMBER = {"age": 30, "education": "primary", "occupation": "trade", "disability": "none", "bedridden": 0}
COMPLETE_HOUSEHOLD = {"house_no": "1", "building_type": "row_house", "residence_years": 4, "member_count": 1}


def _populate(connection: sqlite3.Connection, _districts) -> None:
    gpkg.insert_rows(
        connection,
        "communities",
        ["community_id", "district_code", "registered_households"],
        [("C1", 1001, 3), ("C2", 1001, 0), ("C3", 1002, None)],
    )
    for number, community_id in enumerate(("C1", "C1", "C2", None), start=1):
        household_id = f"H{number}"
        gpkg.insert_rows(
            connection,
            "households",
            ["geom", "household_id", "community_id", *COMPLETE_HOUSEHOLD],
            [(POINT, household_id, community_id, str(number), *list(COMPLETE_HOUSEHOLD.values())[1:])],
        )
        gpkg.insert_rows(
            connection,
            "members",
            ["member_id", "household_id", *COMPLETE_MEMBER],
            [(f"{household_id}-1", household_id, *COMPLETE_MEMBER.values())],
        )


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return build_database(tmp_path_factory.mktemp("kept") / "kept.gpkg", populate=_populate)


def _copy(template: Path, folder: Path, name: str = "db.gpkg") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    shutil.copy(template, path)
    return path


def _numbers(result) -> dict[str, tuple]:
    return {
        key: (c.district_code, c.registered_households, c.households_entered, c.households_complete, c.coverage_flag)
        for key, c in result.communities.items()
    }


def assert_kept_is_full_recompute(path: Path) -> None:
    """Stored numbers == the engine's full recompute, and the fast path gives its whole result."""
    layers = open_database_layers(str(path))
    full = compute_coverage(layers["communities"], layers["households"], layers["members"], maintained=False)
    with closing(sqlite3.connect(path)) as connection:
        stored = {
            row[0]: tuple(row[1:])
            for row in connection.execute(
                "SELECT community_id, households_entered, households_complete, coverage_pct, coverage_flag "
                "FROM communities"
            )
        }
    expected = {
        key: (c.households_entered, c.households_complete, c.coverage_pct, c.coverage_flag)
        for key, c in full.communities.items()
    }
    assert {key: stored[key] for key in expected} == expected
    rule = rule_store.read_rule(str(path))
    kept = read_maintained(
        layers["communities"],
        layers["households"],
        layers["members"],
        rule,
        geopackage=(str(path), {n: n for n in ("communities", "households", "members")}),
    )
    if kept is None:  # the rule names a field no rule may require: nothing kept, nothing to compare
        return
    assert _numbers(kept) == _numbers(full)
    assert (kept.households_total, kept.households_complete_total) == (
        full.households_total,
        full.households_complete_total,
    )
    assert kept.unassigned == full.unassigned


# ---------------------------------------------------------------------------------------
# Random edits through python sqlite3


def _values(name: str) -> st.SearchStrategy:
    return st.sampled_from([value for value, _ok in cases(FIELDS_BY_NAME[name])] + [None])


def _filled(name: str) -> st.SearchStrategy:
    return st.sampled_from([value for value, ok in cases(FIELDS_BY_NAME[name]) if ok])


def _field_value(name: str) -> st.SearchStrategy:
    # Valid values often (complete households must come and go), anything the table knows too.
    return st.one_of(_filled(name), _filled(name), _values(name))


HOUSEHOLD_KEYS = st.sampled_from([*HOUSEHOLD_IDS, "fid:2", "fid:9"])
COMMUNITY_KEYS = st.sampled_from([*COMMUNITY_IDS, "C4", None, "", " "])
FID = st.integers(1, 12)
HOUSEHOLD_FIELDS = st.sampled_from(HOUSEHOLD_FIELD_CHOICES)
MEMBER_FIELDS = st.sampled_from(MEMBER_FIELD_CHOICES)

OPERATIONS = st.one_of(
    st.tuples(st.just("add_household"), HOUSEHOLD_KEYS, COMMUNITY_KEYS, st.integers(1, 3)),
    st.tuples(st.just("set_household"), FID, HOUSEHOLD_FIELDS, st.data()),
    st.tuples(st.just("move_household"), FID, COMMUNITY_KEYS),
    st.tuples(st.just("rename_household"), FID, HOUSEHOLD_KEYS),
    st.tuples(st.just("set_geometry"), FID, st.sampled_from([POINT, EMPTY_POINT, None])),
    st.tuples(st.just("delete_household"), FID),
    st.tuples(st.just("add_member"), HOUSEHOLD_KEYS, st.booleans()),
    st.tuples(st.just("set_member"), FID, MEMBER_FIELDS, st.data()),
    st.tuples(st.just("move_member"), FID, HOUSEHOLD_KEYS),
    st.tuples(st.just("delete_member"), FID),
    st.tuples(st.just("add_community"), st.sampled_from(["C4", "C5", " "]), st.sampled_from([None, 0, 1, 5, 2.5])),
    st.tuples(st.just("set_registered"), st.sampled_from(COMMUNITY_IDS), st.sampled_from([None, 0, 1, 2, 9])),
    st.tuples(st.just("delete_community"), st.sampled_from([*COMMUNITY_IDS, "C4"])),
    st.tuples(st.just("write_coverage"), st.sampled_from(COMMUNITY_IDS)),
    st.tuples(
        st.just("rule"),
        st.lists(HOUSEHOLD_FIELDS, unique=True, max_size=4),
        st.lists(MEMBER_FIELDS, unique=True, max_size=5),
    ),
)


def _apply(connection: sqlite3.Connection, path: Path, operation: tuple, counter: list[int]) -> None:
    kind, *args = operation
    counter[0] += 1
    n = counter[0]
    if kind == "add_household":
        household_id, community_id, members = args
        connection.execute(
            "INSERT INTO households (geom, household_id, community_id, house_no, building_type, residence_years, "
            "member_count) VALUES (?, ?, ?, ?, 'row_house', 2, ?)",
            (POINT, household_id, community_id, f"n{n}", members),
        )
        key = (
            household_id
            if household_id.strip()
            else f"fid:{connection.execute('SELECT max(fid) FROM households').fetchone()[0]}"
        )
        for index in range(members):
            connection.execute(
                "INSERT INTO members (member_id, household_id, age, education, occupation, disability, bedridden) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (f"m{n}-{index}", key, *COMPLETE_MEMBER.values()),
            )
    elif kind == "set_household":
        fid, field, data = args
        connection.execute(f"UPDATE households SET {field} = ? WHERE fid = ?", (data.draw(_field_value(field)), fid))
    elif kind == "move_household":
        connection.execute("UPDATE households SET community_id = ? WHERE fid = ?", (args[1], args[0]))
    elif kind == "rename_household":
        connection.execute("UPDATE households SET household_id = ? WHERE fid = ?", (args[1], args[0]))
    elif kind == "set_geometry":
        connection.execute("UPDATE households SET geom = ? WHERE fid = ?", (args[1], args[0]))
    elif kind == "delete_household":
        connection.execute("DELETE FROM households WHERE fid = ?", (args[0],))
    elif kind == "add_member":
        household_id, complete = args
        values = list(COMPLETE_MEMBER.values()) if complete else [None, "primary", None, "none", 1]
        connection.execute(
            "INSERT INTO members (member_id, household_id, age, education, occupation, disability, bedridden) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (f"m{n}", household_id, *values),
        )
    elif kind == "set_member":
        fid, field, data = args
        connection.execute(f"UPDATE members SET {field} = ? WHERE fid = ?", (data.draw(_field_value(field)), fid))
    elif kind == "move_member":
        connection.execute("UPDATE members SET household_id = ? WHERE fid = ?", (args[1], args[0]))
    elif kind == "delete_member":
        connection.execute("DELETE FROM members WHERE fid = ?", (args[0],))
    elif kind == "add_community":
        connection.execute(
            "INSERT INTO communities (community_id, district_code, registered_households) VALUES (?, 1003, ?)", args
        )
    elif kind == "set_registered":
        connection.execute("UPDATE communities SET registered_households = ? WHERE community_id = ?", args[::-1])
    elif kind == "delete_community":
        connection.execute("DELETE FROM communities WHERE community_id = ?", args)
    elif kind == "write_coverage":  # someone writes the fields by hand: the database puts them back
        connection.execute(
            "UPDATE communities SET households_entered = 99, coverage_flag = 'ok' WHERE community_id = ?", args
        )
    else:
        rule_store.write_rule(str(path), args[0], args[1])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=25))
def test_any_edits_through_sqlite_keep_the_full_recompute(template, tmp_path, operations):
    path = _copy(template, tmp_path / "sqlite")
    counter = [0]
    with closing(gpkg.connect(path)) as connection:
        connection.isolation_level = None  # each statement commits: write_rule writes in between
        for operation in operations:
            # A CHECK, a unique household_id: refused, and the database unchanged.
            with contextlib.suppress(sqlite3.IntegrityError, sqlite3.OperationalError):
                _apply(connection, path, operation, counter)
    assert_kept_is_full_recompute(path)


def test_a_refused_statement_leaves_the_numbers_as_they_were(template, tmp_path):
    path = _copy(template, tmp_path)
    with closing(gpkg.connect(path)) as connection, pytest.raises(sqlite3.IntegrityError), connection:
        connection.execute("UPDATE households SET house_no = NULL WHERE household_id = 'H1'")
        connection.execute("UPDATE households SET member_count = 500 WHERE household_id = 'H2'")  # CHECK fails
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute(
            "SELECT households_complete FROM communities WHERE community_id = 'C1'"
        ).fetchone() == (2,)
    assert_kept_is_full_recompute(path)


# ---------------------------------------------------------------------------------------
# Through QGIS layers (the OGR connection writes the file, its triggers run there)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.one_of(
            st.tuples(st.just("add"), st.sampled_from(["C1", "C2", "C3"]), st.integers(1, 2), st.booleans()),
            st.tuples(st.just("field"), st.integers(0, 8), HOUSEHOLD_FIELDS, st.data()),
            st.tuples(st.just("member"), st.integers(0, 8), MEMBER_FIELDS, st.data()),
            st.tuples(st.just("move"), st.integers(0, 8), st.sampled_from(["C1", "C2", "C3"])),
            st.tuples(st.just("delete"), st.integers(0, 8)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_edits_saved_through_qgis_layers_keep_the_full_recompute(template, tmp_path, edits):
    path = _copy(template, tmp_path / "qgis")
    layers = open_database_layers(str(path))
    households, members = layers["households"], layers["members"]
    for kind, *args in edits:
        households.startEditing()
        members.startEditing()
        household_features = sorted(households.getFeatures(), key=lambda f: f.id())
        if kind == "add":
            community_id, count, complete = args
            feature = QgsFeature(households.fields())
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(660100, 1520100)))
            household_id = f"Q{len(household_features)}-{community_id}-{count}"
            for name, value in {**COMPLETE_HOUSEHOLD, "member_count": count}.items():
                feature[name] = value
            feature["household_id"], feature["community_id"], feature["house_no"] = (
                household_id,
                community_id,
                household_id,
            )
            assert households.addFeature(feature)
            for index in range(count if complete else count - 1):
                member = QgsFeature(members.fields())
                member["member_id"], member["household_id"] = f"{household_id}-{index}", household_id
                for name, value in COMPLETE_MEMBER.items():
                    member[name] = value
                assert members.addFeature(member)
        elif household_features:
            target = household_features[args[0] % len(household_features)]
            if kind == "field":
                value = args[2].draw(_filled(args[1]) | st.none())
                households.changeAttributeValue(
                    target.id(), households.fields().indexOf(args[1]), NULL if value is None else value
                )
            elif kind == "member":
                member = next(members.getFeatures(f"\"household_id\" = '{target['household_id']}'"), None)
                if member is not None:
                    value = args[2].draw(_filled(args[1]) | st.none())
                    members.changeAttributeValue(
                        member.id(), members.fields().indexOf(args[1]), NULL if value is None else value
                    )
            elif kind == "move":
                households.changeAttributeValue(target.id(), households.fields().indexOf("community_id"), args[1])
            else:
                households.deleteFeature(target.id())
        for layer in (households, members):
            if not layer.commitChanges():
                layer.rollBack()  # a CHECK or unique value refused: the edit is the user's to fix
    assert not layers["communities"].isModified()
    del layers, households, members
    assert_kept_is_full_recompute(path)


def test_a_user_editing_communities_keeps_only_their_own_edit(template, tmp_path):
    """A mapper's save updates coverage in the database; the communities layer being edited by the
    user (a name change) holds that edit only, and saving it keeps the coverage current."""
    path = _copy(template, tmp_path)
    project = QgsProject.instance()
    project.clear()
    layers = open_database_layers(str(path))
    project.addMapLayers(list(layers.values()))
    live_coverage.tag_layers(layers)
    from kr8310_plugin.gui.live_coverage import LiveCoverageManager

    manager = LiveCoverageManager(project)
    try:
        communities, households = layers["communities"], layers["households"]
        communities.startEditing()
        c1 = next(communities.getFeatures("\"community_id\" = 'C1'"))
        assert communities.changeAttributeValue(c1.id(), communities.fields().indexOf("name"), "ชุมชนใหม่")
        households.startEditing()
        h1 = next(households.getFeatures("\"household_id\" = 'H1'"))
        assert households.changeAttributeValue(h1.id(), households.fields().indexOf("house_no"), NULL)
        assert households.commitChanges(), households.commitErrors()
        from qgis.core import QgsApplication

        QgsApplication.processEvents()
        assert list(communities.editBuffer().changedAttributeValues()) == [c1.id()]
        assert list(communities.editBuffer().changedAttributeValues()[c1.id()]) == [
            communities.fields().indexOf("name")
        ]
        assert communities.commitChanges(), communities.commitErrors()
        with closing(sqlite3.connect(path)) as connection:
            assert connection.execute(
                "SELECT name, households_complete FROM communities WHERE community_id = 'C1'"
            ).fetchone() == ("ชุมชนใหม่", 1)
        assert_kept_is_full_recompute(path)
    finally:
        manager.unload()
        project.clear()


# ---------------------------------------------------------------------------------------
# Rule changes, upgrade, crash


def test_a_rule_change_rewrites_every_community_from_the_counts(template, tmp_path):
    path = _copy(template, tmp_path)
    with closing(gpkg.connect(path)) as connection, connection:
        connection.execute("UPDATE members SET age = NULL WHERE household_id = 'H1'")
        connection.execute("UPDATE households SET house_no = ' ' WHERE household_id = 'H3'")
    assert_kept_is_full_recompute(path)
    rule_store.write_rule(str(path), ("building_type",), ("education",))
    with closing(sqlite3.connect(path)) as connection:
        complete = dict(connection.execute("SELECT community_id, households_complete FROM communities"))
    assert complete == {"C1": 2, "C2": 1, "C3": 0}  # neither age nor house_no is required now
    assert_kept_is_full_recompute(path)


def test_a_rule_written_without_its_mask_stops_the_kept_coverage_until_upgrade(template, tmp_path):
    """An older plugin changes the rule rows only: the database stops claiming coverage it cannot
    know (the engine recomputes), and upgrade_database stores the mask again."""
    path = _copy(template, tmp_path)
    with closing(gpkg.connect(path)) as connection, connection:
        connection.execute("UPDATE kr8310_settings SET value = 'building_type' WHERE key = 'required_household_fields'")
    with closing(sqlite3.connect(path)) as connection:
        assert coverage_triggers.stored_mask(connection) is None
    layers = open_database_layers(str(path))
    assert (
        read_maintained(
            layers["communities"],
            layers["households"],
            layers["members"],
            rule_store.read_rule(str(path)),
            geopackage=(str(path), {n: n for n in ("communities", "households", "members")}),
        )
        is None
    )
    assert rule_store.upgrade_database(str(path)) is True
    assert_kept_is_full_recompute(path)


def test_upgrade_adds_the_kept_coverage_to_a_database_made_without_it(template, tmp_path):
    path = _copy(template, tmp_path)
    with closing(gpkg.connect(path)) as connection, connection:
        for statement in coverage_triggers.drop_sql(connection):
            connection.execute(statement)
        connection.execute("DELETE FROM kr8310_settings WHERE key LIKE 'coverage_rule_%'")
        connection.execute("UPDATE communities SET households_entered = NULL, households_complete = NULL")
        # Edits made while nothing kept coverage.
        connection.execute("UPDATE households SET community_id = 'C3' WHERE household_id = 'H4'")
    with closing(sqlite3.connect(path)) as connection:
        assert not coverage_triggers.is_installed(connection)
    assert rule_store.upgrade_database(str(path)) is True
    assert rule_store.upgrade_database(str(path)) is False
    with closing(sqlite3.connect(path)) as connection:
        assert coverage_triggers.is_installed(connection)
    assert_kept_is_full_recompute(path)


_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from kr8310_plugin.core.storage import gpkg
    connection = gpkg.connect({path!r})
    connection.isolation_level = None
    connection.execute("PRAGMA journal_mode = {journal}")
    for number in range(5):  # committed before the kill
        connection.execute("UPDATE members SET age = ? WHERE household_id = 'H1'", (None if number % 2 else 40,))
    connection.execute("BEGIN IMMEDIATE")
    number = 0
    while True:  # never committed
        number += 1
        connection.execute(
            "INSERT INTO households (geom, household_id, community_id, house_no, building_type, residence_years, "
            "member_count) VALUES (?, ?, 'C2', ?, 'row_house', 1, 1)",
            (gpkg.encode_point(660100.0, 1520100.0, 32647), f"K{{number}}", f"k{{number}}"),
        )
        connection.execute("UPDATE households SET house_no = NULL WHERE household_id = 'H3'")
        if number == 200:
            print("ready", flush=True)
    """
)


@pytest.mark.parametrize("journal", ["DELETE", "WAL"])
def test_a_writer_killed_mid_transaction_leaves_the_counts_whole(template, tmp_path, journal):
    path = _copy(template, tmp_path)
    root = str(Path(__file__).resolve().parent.parent)
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER.format(root=root, path=str(path), journal=journal)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT count(*) FROM households WHERE household_id LIKE 'K%'").fetchone() == (0,)
        assert connection.execute("SELECT age FROM members WHERE household_id = 'H1'").fetchone() == (40,)
    assert_kept_is_full_recompute(path)

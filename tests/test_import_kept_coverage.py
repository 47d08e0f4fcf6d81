"""A survey import into a GeoPackage that keeps coverage (core/storage/coverage_triggers.py) sets the
per-row triggers aside in its transaction and catches the households it wrote up once: afterwards the
kept state, counts and community numbers are exactly what a rebuild from all rows gives and equal the
engine's full recompute, the triggers are back as installed, and a refused or failing import leaves
the file byte for byte as it was."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import test_import
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import import run_import, write_csv
from test_maintained_coverage import OPERATIONS, _apply, _populate, assert_kept_is_full_recompute

from kr8310_plugin.core.importing.importer import (
    CommunityIndex,
    ImportRefusedError,
    prepare_import,
    write_gpkg,
)
from kr8310_plugin.core.importing.readers import read_table
from kr8310_plugin.core.storage import coverage_triggers, gpkg
from kr8310_plugin.core.storage.datasource import open_layer
from kr8310_plugin.core.storage.gpkg_database import build_database

pytestmark = pytest.mark.usefixtures("qgis_app")

places = test_import.places  # the fixture: points inside the first ten demo communities

MEMBER_COLUMNS = ("member_id", "age", "education", "occupation", "bedridden")
HEADER = [
    "household_id",
    "community_id",
    "house_no",
    "longitude",
    "latitude",
    "building_type",
    "residence_years",
    "member_count",
    *(f"member{n}_{name}" for n in range(1, 5) for name in MEMBER_COLUMNS),
]


def survey_row(number: int, place: tuple, members: list[tuple], **values) -> list:
    """A file row of household H-`number` at `place` (community_id, lon, lat) with `members`
    (member_id, age, education, occupation, bedridden) in numbered columns."""
    community, lon, lat = place
    household = {
        "household_id": f"H-{number}",
        "community_id": community,
        "house_no": f"{number}/9",
        "longitude": lon,
        "latitude": lat,
        "building_type": "row_house",
        "residence_years": 3,
        "member_count": len(members),
        **values,
    }
    cells = [household[name] for name in HEADER[:8]]
    for index in range(4):
        cells += list(members[index]) if index < len(members) else [""] * len(MEMBER_COLUMNS)
    return cells


def member(household: int, number: int, age: object = 30) -> tuple:
    return (f"M-{household}-{number}", age, "primary", "trade", "no")


def import_rows(database: Path, folder: Path, rows: list[list], **options):
    source = write_csv(folder / "survey.csv", HEADER, rows)
    communities = CommunityIndex.from_layer(open_layer(str(database), "communities"))
    return write_gpkg(database, prepare_import(read_table(str(source)), communities), **options)


def kept_tables(path: Path) -> tuple[list, list, list]:
    """The kept state, counts and every community's four coverage fields."""
    with closing(sqlite3.connect(path)) as connection:
        return (
            connection.execute(
                "SELECT fid, community_key, signature FROM kr8310_household_state ORDER BY fid"
            ).fetchall(),
            connection.execute("SELECT * FROM kr8310_coverage_counts ORDER BY 1, 2").fetchall(),
            connection.execute(
                "SELECT fid, households_entered, households_complete, coverage_pct, coverage_flag FROM communities "
                "ORDER BY fid"
            ).fetchall(),
        )


def assert_kept_is_rebuild(path: Path, folder: Path) -> None:
    """Kept tables == those `install` rebuilds from all rows, the triggers installed, and the numbers
    the engine's full recompute."""
    with closing(sqlite3.connect(path)) as connection:
        assert coverage_triggers.is_installed(connection)
    rebuilt = folder / "rebuilt.gpkg"
    shutil.copy(path, rebuilt)
    with closing(gpkg.connect(rebuilt)) as connection, connection:
        coverage_triggers.install(connection)
    assert kept_tables(path) == kept_tables(rebuilt)
    assert_kept_is_full_recompute(path)


def row_triggers(path: Path) -> dict[str, list[str]]:
    """The triggers on households and members, in the order SQLite holds (and fires) them."""
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('households', 'members') "
            "ORDER BY rowid"
        ).fetchall()
    by_table: dict[str, list[str]] = {}
    for table, name in rows:
        by_table.setdefault(table, []).append(name)
    return by_table


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_inserts_updates_moves_and_an_unchanged_reimport_keep_the_rebuild(demo_copy, tmp_path, places):
    a, b, c, d = places[:4]
    triggers_before = row_triggers(demo_copy)
    rows = [survey_row(n, (a, b, c, d)[n % 4], [member(n, k) for k in range(1, 4)]) for n in range(1, 13)]
    rows[0] = survey_row(1, d, [member(1, 1), member(1, 2, age="")])  # a member without an age
    first = import_rows(demo_copy, tmp_path, rows)
    assert (first.inserted, first.members_written) == (12, 35)
    assert row_triggers(demo_copy) == triggers_before  # back in their places: they fire in the same order
    assert_kept_is_rebuild(demo_copy, tmp_path)

    rows[1] = survey_row(2, c, [member(2, k) for k in range(1, 4)], residence_years="")  # incomplete now
    rows[2] = survey_row(3, d, [member(3, 1, age=71), member(3, 2), member(3, 3)])  # a member's age
    rows[3] = survey_row(4, a, [member(4, 1), member(4, 2)])  # a member deleted
    rows[0] = survey_row(1, d, [member(1, 1), member(1, 2)])  # complete now
    rows[4] = survey_row(5, c, [member(5, k) for k in range(1, 4)])  # moved from community b to c
    # A member moved from H-6 to H-7 (H-6 comes first: its member is deleted before H-7 inserts it).
    rows[5] = survey_row(6, (a, b, c, d)[6 % 4], [member(6, 2), member(6, 3)])
    rows[6] = survey_row(7, (a, b, c, d)[7 % 4], [*(member(7, k) for k in range(1, 4)), member(6, 1)])
    second = import_rows(demo_copy, tmp_path, rows)
    assert (second.inserted, second.updated, second.unchanged) == (0, 7, 5)
    with closing(sqlite3.connect(demo_copy)) as connection:
        assert connection.execute("SELECT household_id FROM members WHERE member_id = 'M-6-1'").fetchone() == ("H-7",)
        assert connection.execute("SELECT community_id FROM households WHERE household_id = 'H-5'").fetchone() == (
            c[0],
        )
    assert_kept_is_rebuild(demo_copy, tmp_path)

    tables = kept_tables(demo_copy)
    again = import_rows(demo_copy, tmp_path, rows)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 12)
    assert kept_tables(demo_copy) == tables
    assert_kept_is_rebuild(demo_copy, tmp_path)


class _InjectedError(Exception):
    pass


def _fail_at(change: int, error: type[BaseException]):
    calls = [0]

    def is_cancelled() -> bool:
        calls[0] += 1
        if calls[0] == change:
            if error is ImportRefusedError:
                return True  # the user cancels
            raise error("a bug in the middle of the import")
        return False

    return is_cancelled


@pytest.mark.parametrize("error", [ImportRefusedError, _InjectedError])
def test_an_import_failing_in_the_middle_leaves_the_file_as_it_was(demo_copy, tmp_path, places, error):
    rows = [survey_row(n, places[n % 3], [member(n, 1), member(n, 2)]) for n in range(1, 9)]
    before = file_digest(demo_copy)
    with pytest.raises(error):
        import_rows(demo_copy, tmp_path, rows, is_cancelled=_fail_at(6, error))
    assert file_digest(demo_copy) == before
    assert not Path(f"{demo_copy}-journal").exists()
    assert_kept_is_rebuild(demo_copy, tmp_path)


def test_a_row_the_database_refuses_leaves_the_file_or_only_the_valid_rows(demo_copy, tmp_path, places):
    """A member_id another household already has (the database's unique rule): without skip_invalid the
    file stays byte for byte as it was; with it, the other households land and coverage keeps up."""
    with closing(sqlite3.connect(demo_copy)) as connection:
        taken = connection.execute("SELECT member_id FROM members LIMIT 1").fetchone()[0]
    rows = [survey_row(n, places[n % 3], [member(n, 1), member(n, 2)]) for n in range(1, 7)]
    rows[3] = survey_row(4, places[1], [member(4, 1), (taken, 40, "primary", "trade", "no")])
    before = file_digest(demo_copy)
    with pytest.raises(ImportRefusedError) as refused:
        import_rows(demo_copy, tmp_path, rows)
    assert [(r.row, r.code) for r in refused.value.rejections] == [(5, "database")]
    assert file_digest(demo_copy) == before

    result = import_rows(demo_copy, tmp_path, rows, skip_invalid=True)
    assert (result.inserted, result.rejected_rows) == (5, 1)
    assert_kept_is_rebuild(demo_copy, tmp_path)


def test_another_connection_writing_after_an_import_keeps_coverage(demo_copy, tmp_path, places):
    community = places[0][0]
    import_rows(demo_copy, tmp_path, [survey_row(n, places[0], [member(n, 1)]) for n in range(1, 4)])
    with closing(sqlite3.connect(demo_copy)) as connection:
        entered = connection.execute(
            "SELECT households_entered FROM communities WHERE community_id = ?", (community,)
        ).fetchone()[0]
    with closing(gpkg.connect(demo_copy)) as connection, connection:
        point = connection.execute("SELECT geom FROM households WHERE household_id = 'H-1'").fetchone()[0]
        connection.execute(
            "INSERT INTO households (geom, household_id, community_id, house_no, building_type, residence_years, "
            "member_count) VALUES (?, 'LATER', ?, 'later/1', 'row_house', 2, 1)",
            (point, community),
        )
        connection.execute(
            "INSERT INTO members (member_id, household_id, age, education, occupation, disability, bedridden) "
            "VALUES ('LATER-1', 'LATER', 30, 'primary', 'trade', 'none', 0)"
        )
        connection.execute("DELETE FROM households WHERE household_id = 'H-2'")
        connection.execute("UPDATE members SET household_id = 'H-3' WHERE member_id = 'M-1-1'")
    with closing(sqlite3.connect(demo_copy)) as connection:
        assert connection.execute(
            "SELECT households_entered FROM communities WHERE community_id = ?", (community,)
        ).fetchone() == (entered,)  # one household more, one fewer
        assert connection.execute(
            "SELECT 1 FROM kr8310_household_state s JOIN households h USING (fid) WHERE h.household_id = 'LATER'"
        ).fetchone() == (1,)
    assert_kept_is_rebuild(demo_copy, tmp_path)


def test_the_kept_count_is_an_output_of_the_algorithm(run_algorithm, demo_copy, tmp_path, places):
    source = write_csv(tmp_path / "s.csv", HEADER, [survey_row(1, places[0], [member(1, 1)])])
    assert run_import(run_algorithm, source, demo_copy, tmp_path)["KEPT"] == 0
    with closing(gpkg.connect(demo_copy)) as connection, connection:  # a mapper's correction since
        connection.execute("UPDATE households SET residence_years = 9 WHERE household_id = 'H-1'")
    write_csv(source, HEADER, [survey_row(1, places[0], [member(1, 1)], residence_years=4)])
    again = run_import(run_algorithm, source, demo_copy, tmp_path)
    assert (again["KEPT"], again["UPDATED"]) == (1, 0)


# ---------------------------------------------------------------------------------------
# deferred itself: any writes in the block


@pytest.fixture(scope="module")
def small_template(tmp_path_factory) -> Path:
    return build_database(tmp_path_factory.mktemp("deferred") / "kept.gpkg", populate=_populate)


ROW_OPERATIONS = OPERATIONS.filter(lambda operation: operation[0] != "rule")  # a rule change writes elsewhere


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(ROW_OPERATIONS, min_size=1, max_size=25))
def test_any_writes_in_a_deferred_block_keep_the_rebuild(small_template, tmp_path, operations):
    path = tmp_path / "db.gpkg"
    shutil.copy(small_template, path)
    counter = [0]
    with closing(gpkg.connect(path)) as connection:
        connection.isolation_level = None
        connection.execute("BEGIN IMMEDIATE")
        with coverage_triggers.deferred(connection):
            for operation in operations:
                # A CHECK, a unique household_id: that statement refused, the block goes on.
                with contextlib.suppress(sqlite3.IntegrityError, sqlite3.OperationalError):
                    _apply(connection, path, operation, counter)
        connection.execute("COMMIT")
    assert_kept_is_rebuild(path, tmp_path)


def test_an_error_in_a_deferred_block_rolls_the_block_back_with_the_triggers(small_template, tmp_path):
    path = tmp_path / "db.gpkg"
    shutil.copy(small_template, path)
    tables = kept_tables(path)
    with closing(gpkg.connect(path)) as connection:
        connection.isolation_level = None
        connection.execute("BEGIN IMMEDIATE")
        with pytest.raises(_InjectedError), coverage_triggers.deferred(connection):
            connection.execute("UPDATE households SET community_id = 'C3' WHERE household_id = 'H1'")
            assert not coverage_triggers.is_installed(connection)
            raise _InjectedError
        assert coverage_triggers.is_installed(connection)
        assert connection.execute("SELECT community_id FROM households WHERE household_id = 'H1'").fetchone() == ("C1",)
        with coverage_triggers.deferred(connection), coverage_triggers.deferred(connection):  # nested: one
            connection.execute("DELETE FROM members WHERE household_id = 'H2'")
        connection.execute("COMMIT")
    assert kept_tables(path) != tables
    assert_kept_is_rebuild(path, tmp_path)


def test_a_database_without_kept_coverage_gets_no_triggers(small_template, tmp_path):
    path = tmp_path / "db.gpkg"
    shutil.copy(small_template, path)
    with closing(gpkg.connect(path)) as connection:
        connection.isolation_level = None
        for statement in coverage_triggers.drop_sql(connection):
            connection.execute(statement)
        connection.execute("BEGIN")
        with coverage_triggers.deferred(connection):
            connection.execute("UPDATE households SET house_no = NULL WHERE household_id = 'H1'")
        connection.execute("COMMIT")
        assert connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name LIKE 'kr8310_coverage%' OR name LIKE 'kr8310_household%'"
        ).fetchone() == (0,)


def test_a_field_package_merge_keeps_the_rebuild(demo_copy, tmp_path, kr8310_provider):
    from kr8310_plugin.core.field_package.merge import merge_package
    from kr8310_plugin.core.field_package.package import make_package

    with closing(sqlite3.connect(demo_copy)) as connection:
        community = connection.execute(
            "SELECT community_id FROM households GROUP BY community_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    package = make_package(str(demo_copy), [community], tmp_path / "package")
    with closing(gpkg.connect(package.folder / package.manifest.database_file)) as connection, connection:
        first, second, third = (
            row[0] for row in connection.execute("SELECT household_id FROM households ORDER BY fid LIMIT 3")
        )
        connection.execute("UPDATE households SET residence_years = NULL WHERE household_id = ?", (first,))
        connection.execute("DELETE FROM members WHERE household_id = ?", (second,))
        connection.execute("DELETE FROM households WHERE household_id = ?", (second,))
        connection.execute("UPDATE members SET age = NULL WHERE household_id = ?", (third,))
    plan = merge_package(package.folder, str(demo_copy))
    assert plan.changes > 0
    with closing(sqlite3.connect(demo_copy)) as connection:
        assert connection.execute("SELECT count(*) FROM households WHERE household_id = ?", (second,)).fetchone() == (
            0,
        )
    assert_kept_is_rebuild(demo_copy, tmp_path)

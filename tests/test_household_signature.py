"""One rule, every dialect: a household's signature (core/rules/household_signature.py) decides
completeness exactly as the engine's rule (completeness.is_complete_household) for every rule a
database may store, and its SQLite SQL gives the Python signature on the awkward values of
tests/completeness_cases.py (PostgreSQL: tests/postgis/test_maintained_coverage_postgis.py)."""

from __future__ import annotations

import itertools
import sqlite3
import struct

from completeness_cases import FIELDS_BY_NAME, cases
from hypothesis import given, settings
from hypothesis import strategies as st

from kr8310_plugin.core.rules.completeness import (
    HOUSEHOLD_FIELD_CHOICES,
    MEMBER_FIELD_CHOICES,
    CompletenessRule,
    household_fields_filled,
    is_complete_household,
    is_filled,
    member_filled,
)
from kr8310_plugin.core.rules.household_signature import (
    ALWAYS_REQUIRED,
    complete_under,
    geometry_present_sql,
    geopackage_geometry_present,
    household_key_sql,
    household_signature,
    rule_mask,
    signature_sql,
)

EVERY_RULE = [
    CompletenessRule(household, member)
    for h in range(len(HOUSEHOLD_FIELD_CHOICES) + 1)
    for household in itertools.combinations(HOUSEHOLD_FIELD_CHOICES, h)
    for m in range(len(MEMBER_FIELD_CHOICES) + 1)
    for member in itertools.combinations(MEMBER_FIELD_CHOICES, m)
]


def _values(name: str) -> list[object]:
    return [value for value, _filled in cases(FIELDS_BY_NAME[name])]


def _record(names) -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries({name: st.sampled_from(_values(name)) for name in names})


HOUSEHOLD_VALUES = _record(HOUSEHOLD_FIELD_CHOICES)
MEMBER_VALUES = _record(MEMBER_FIELD_CHOICES)
# A member whose values are all filled: complete households must come up often enough.
FILLED_MEMBER = st.fixed_dictionaries(
    {name: st.sampled_from([v for v, ok in cases(FIELDS_BY_NAME[name]) if ok]) for name in MEMBER_FIELD_CHOICES}
)


def _point(flags: int) -> bytes:
    return b"GP\x00" + bytes([flags]) + struct.pack("<i", 32647) + struct.pack("<BIdd", 1, 1, 660000.0, 1520000.0)


GEOMETRY_BLOBS = [
    None,
    b"",
    b"GP\x00\x01",
    b"GP\x00\x01\x00\x00\x00\x00",
    *(_point(flags) for flags in (0x00, 0x01, 0x03, 0x05, 0x21, 0x10, 0x11, 0x13, 0x15, 0x31)),
]
GEOMETRIES = st.sampled_from(GEOMETRY_BLOBS)


def _engine_member_count(value: object) -> int | None:
    """member_count as the engine's GeoPackage path reads a stored value: numbers truncated."""
    return int(value) if isinstance(value, (int, float)) else None


def test_every_rule_has_a_mask_and_unknown_fields_have_none():
    masks = {rule_mask(rule) for rule in EVERY_RULE}
    assert len(masks) == len(EVERY_RULE) == 512
    assert all(mask & ALWAYS_REQUIRED == ALWAYS_REQUIRED for mask in masks)
    assert rule_mask(CompletenessRule(("house_no", "editor"), ())) is None
    assert rule_mask(CompletenessRule((), ("age", "member_id"))) is None


@settings(max_examples=150, deadline=None)
@given(
    has_geometry=st.booleans(),
    household=HOUSEHOLD_VALUES,
    member_count=st.one_of(st.none(), st.integers(-1, 5)),
    members=st.lists(st.one_of(MEMBER_VALUES, FILLED_MEMBER), max_size=5),
)
def test_complete_under_every_rule_is_the_engines_rule(has_geometry, household, member_count, members):
    signature = household_signature(has_geometry, household, member_count, members)
    for rule in EVERY_RULE:
        expected = is_complete_household(
            has_geometry,
            household_fields_filled(household, rule),
            member_count,
            len(members),
            sum(member_filled(member, rule) for member in members),
        )
        assert complete_under(signature, rule_mask(rule)) is expected, rule


def test_geometry_presence_is_the_header_flag_and_the_sql_agrees():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE h (geom BLOB)")
    connection.executemany("INSERT INTO h VALUES (?)", [(blob,) for blob in GEOMETRY_BLOBS])
    rows = connection.execute(f"SELECT geom, {geometry_present_sql('h')} FROM h").fetchall()
    assert [bool(sql) for _blob, sql in rows] == [geopackage_geometry_present(blob) for blob, _sql in rows]
    assert geopackage_geometry_present(_point(0x01)) and not geopackage_geometry_present(_point(0x11))


HOUSEHOLD_IDS = st.sampled_from(["H1", " H1 ", "", " ", "\u200b", "fid:7"])
MEMBER_LINKS = st.sampled_from(["key", "key", "key", "", " ", "other", "fid:1", "H1"])


@settings(max_examples=120, deadline=None)
@given(
    geom=GEOMETRIES,
    household_id=HOUSEHOLD_IDS,
    household=HOUSEHOLD_VALUES,
    member_count=st.sampled_from([None, 0, 1, 2, 3, 2.7, "2", "two", True]),
    members=st.lists(st.tuples(MEMBER_LINKS, st.one_of(MEMBER_VALUES, FILLED_MEMBER)), max_size=5),
)
def test_sqlite_signature_is_the_python_signature(geom, household_id, household, member_count, members):
    connection = sqlite3.connect(":memory:")
    # The GeoPackage's declared column types, without the CHECKs: other tools write what they like.
    connection.execute(
        "CREATE TABLE households (fid INTEGER PRIMARY KEY, geom BLOB, household_id TEXT, community_id TEXT, "
        "house_no TEXT, building_type TEXT, residence_years INTEGER, member_count INTEGER)"
    )
    connection.execute(
        "CREATE TABLE members (household_id TEXT, age INTEGER, education TEXT, occupation TEXT, "
        "disability TEXT, bedridden BOOLEAN)"
    )
    connection.execute(
        "INSERT INTO households VALUES (1, ?, ?, 'C', ?, ?, ?, ?)",
        (
            geom,
            household_id,
            household["house_no"],
            household["building_type"],
            household["residence_years"],
            member_count,
        ),
    )
    key = household_id if is_filled(household_id) else "fid:1"
    for link, member in members:
        connection.execute(
            "INSERT INTO members VALUES (?, ?, ?, ?, ?, ?)",
            (key if link == "key" else link, *(member[name] for name in MEMBER_FIELD_CHOICES)),
        )
    stored = connection.execute(
        "SELECT geom, house_no, building_type, residence_years, member_count FROM households"
    ).fetchone()
    stored_members = [
        dict(zip(MEMBER_FIELD_CHOICES, row))
        for row in connection.execute(
            f"SELECT {', '.join(MEMBER_FIELD_CHOICES)} FROM members WHERE household_id = ?", (key,)
        )
    ]
    expected = household_signature(
        geopackage_geometry_present(stored[0]),
        dict(zip(HOUSEHOLD_FIELD_CHOICES, stored[1:])),
        _engine_member_count(stored[4]),
        stored_members,
    )
    sql_key, sql_signature = connection.execute(
        f"SELECT {household_key_sql('h')}, {signature_sql('members', 'h')} FROM households h"
    ).fetchone()
    assert sql_key == key
    assert sql_signature == expected

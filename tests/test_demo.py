import random
import sqlite3
from collections import Counter

import pytest
from qgis.core import QgsGeometry

from kr8310_plugin.core.registry import demo
from kr8310_plugin.core.registry.districts import load_registry
from kr8310_plugin.core.rules.size_class import size_class
from kr8310_plugin.core.storage.datasource import open_database_layers


@pytest.fixture(scope="module")
def registry(qgis_app):
    return load_registry()


def _rows(path, sql):
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.parametrize(
    "total, count, low, high",
    [(1023, 9, 20, 200), (434, 2, 201, 500), (0, 0, 1, 2), (1800, 9, 20, 200), (180, 9, 20, 200)],
)
def test_split_total_is_exact_and_in_bounds(total, count, low, high):
    values = demo.split_total(random.Random(1), total, count, low, high)
    assert len(values) == count and sum(values) == total
    assert all(low <= v <= high for v in values)


def test_split_total_refuses_the_impossible():
    with pytest.raises(demo.DemoError):
        demo.split_total(random.Random(1), 5000, 3, 201, 500)


def test_city_plan_has_the_official_counts_in_every_district(registry):
    communities = demo.plan_communities(random.Random(8310), registry, [d.code for d in registry])
    assert len(communities) == demo.CITY_COMMUNITIES == 2004
    assert len({c.community_id for c in communities}) == 2004
    tally = Counter()
    for c in communities:
        cls = size_class(c.registered_households)
        tally[(c.district_code, cls, "n")] += 1
        tally[(c.district_code, cls, "hh")] += c.registered_households
    for d in registry:
        assert tally[(d.code, "S", "n")] == d.target_small_communities
        assert tally[(d.code, "S", "hh")] == d.target_small_households
        assert tally[(d.code, "M", "n")] == d.target_medium_communities
        assert tally[(d.code, "M", "hh")] == d.target_medium_households
    assert sum(v for (code, cls, kind), v in tally.items() if cls == "S" and kind == "hh") == 133_400
    assert sum(v for (code, cls, kind), v in tally.items() if cls == "M" and kind == "hh") == 191_581
    assert sum(v for (code, cls, kind), v in tally.items() if cls == "L" and kind == "n") == 2004 - 1201 - 621


def test_communities_tile_their_district(registry):
    district = next(d for d in registry if d.code == 1001)
    cells = demo.tessellate(random.Random(3), district.geometry, 20)
    assert len(cells) == 20
    assert all(c.isGeosValid() and c.area() > 0 for c in cells)
    union = QgsGeometry.unaryUnion(cells)
    assert union.area() == pytest.approx(district.geometry.area(), rel=1e-6)
    assert sum(c.area() for c in cells) == pytest.approx(union.area(), rel=1e-6)  # no overlaps


def test_demo_database_is_deterministic_and_synthetic(small_demo_gpkg, run_algorithm, tmp_path):
    again = tmp_path / "again.gpkg"
    run_algorithm("generatedemo", {"OUTPUT": str(again), "SEED": 8310, "DISTRICTS": "1001"})
    other = tmp_path / "other.gpkg"
    run_algorithm("generatedemo", {"OUTPUT": str(other), "SEED": 1, "DISTRICTS": "1001"})
    for table, key in (("communities", "community_id"), ("households", "household_id"), ("members", "member_id")):
        sql = f"SELECT * FROM {table} ORDER BY {key}"
        assert _rows(small_demo_gpkg, sql) == _rows(again, sql), table
        assert _rows(small_demo_gpkg, sql) != _rows(other, sql), table


def test_small_demo_has_official_counts_and_a_spread_of_coverage(small_demo_gpkg):
    rows = _rows(
        small_demo_gpkg, "SELECT size_class, COUNT(*), SUM(registered_households) FROM communities GROUP BY size_class"
    )
    by_class = {cls: (n, hh) for cls, n, hh in rows}
    assert by_class["S"] == (9, 1023) and by_class["M"] == (9, 3265)
    ratios = [
        entered / registered
        for entered, registered in _rows(
            small_demo_gpkg,
            "SELECT (SELECT COUNT(*) FROM households h WHERE h.community_id = c.community_id), registered_households"
            " FROM communities c",
        )
    ]
    assert min(ratios) == 0 and max(ratios) > 1  # from not started to over-register
    # Every household lies inside the community it names.
    layers = open_database_layers(str(small_demo_gpkg))
    polygons = {f["community_id"]: f.geometry() for f in layers["communities"].getFeatures()}
    households = list(layers["households"].getFeatures())
    assert households
    assert all(polygons[h["community_id"]].contains(h.geometry()) for h in households)
    # Some records are incomplete on purpose, most are not.
    assert (
        0
        < sum(1 for h in households if h["building_type"] is None or str(h["building_type"]) == "NULL")
        < len(households) / 5
    )


def test_generatedemo_reports_bad_parameters(run_algorithm, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="1234"):
        run_algorithm("generatedemo", {"OUTPUT": str(tmp_path / "x.gpkg"), "DISTRICTS": "1234"})
    with pytest.raises(QgsProcessingException, match="abc"):
        run_algorithm("generatedemo", {"OUTPUT": str(tmp_path / "y.gpkg"), "DISTRICTS": "1001, abc"})
    assert not list(tmp_path.iterdir())

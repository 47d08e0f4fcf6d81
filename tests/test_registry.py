from kr8310_plugin.core.registry.districts import load_registry, load_targets
from kr8310_plugin.definitions.codelists import DISTRICT_GROUP


def test_targets_match_the_official_totals():
    districts = load_targets()
    assert len(districts) == 50
    assert sorted(d.code for d in districts) == list(range(1001, 1051))
    assert sum(d.target_small_communities for d in districts) == 1201
    assert sum(d.target_small_households for d in districts) == 133_400
    assert sum(d.target_medium_communities for d in districts) == 621
    assert sum(d.target_medium_households for d in districts) == 191_581
    assert {d.group_code for d in districts} == set(DISTRICT_GROUP.keys())
    phra_nakhon = next(d for d in districts if d.code == 1001)
    assert (phra_nakhon.name_th, phra_nakhon.group_th) == ("พระนคร", "กรุงเทพกลาง")


def test_registry_boundaries_are_valid_utm_polygons_inside_bangkok(qgis_app):
    districts = load_registry()
    total_area = 0.0
    for district in districts:
        geometry = district.geometry
        assert geometry.isGeosValid(), district.code
        box = geometry.boundingBox()
        # Bangkok in UTM 47N: x 640-715 km, y 1490-1545 km.
        assert 640_000 < box.xMinimum() < box.xMaximum() < 715_000, district.code
        assert 1_490_000 < box.yMinimum() < box.yMaximum() < 1_545_000, district.code
        total_area += geometry.area()
    # Bangkok covers about 1,569 km².
    assert 1_500e6 < total_area < 1_600e6

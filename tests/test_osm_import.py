"""kr8310:importosm on small .osm files made here around synthetic communities (Thai names)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
)

from kr8310_plugin.core.importing.osm_mapping import LINE, POINT, POLYGON, map_tags, parse_width
from kr8310_plugin.core.importing.osm_reader import parse_hstore
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.core.storage.gpkg_database import build_database
from kr8310_plugin.definitions.schema import CRS_EPSG, LAYOUT_LAYER_SPECS

X0, Y0 = 662000.0, 1520500.0  # Phra Nakhon, EPSG:32647
# Community A: a 200 m square; B: known only by its point, 500 m east; C: another district, far off.
SQUARE_A = f"MULTIPOLYGON((({X0} {Y0}, {X0 + 200} {Y0}, {X0 + 200} {Y0 + 200}, {X0} {Y0 + 200}, {X0} {Y0})))"
POINT_B = (X0 + 500, Y0 + 100)
SQUARE_C = (
    f"MULTIPOLYGON((({X0 + 5000} {Y0 + 5000}, {X0 + 5100} {Y0 + 5000}, {X0 + 5100} {Y0 + 5100}, "
    f"{X0 + 5000} {Y0 + 5100}, {X0 + 5000} {Y0 + 5000})))"
)
_TO_WGS84 = QgsCoordinateTransform(
    QgsCoordinateReferenceSystem("EPSG:32647"),
    QgsCoordinateReferenceSystem("EPSG:4326"),
    QgsCoordinateTransformContext(),
)


def _populate(connection: sqlite3.Connection, _districts) -> None:
    rows = [
        (
            gpkg.encode_geometry(QgsGeometry.fromWkt(SQUARE_A), CRS_EPSG),
            "1001-0001",
            "ชุมชนริมคลองทดสอบ",
            1001,
            120,
            *(X0 + 100, Y0 + 100),
        ),
        (None, "1001-0002", "ชุมชนหลังวัดทดสอบ", 1001, 80, *POINT_B),
        (
            gpkg.encode_geometry(QgsGeometry.fromWkt(SQUARE_C), CRS_EPSG),
            "1002-0001",
            "ชุมชนไกล",
            1002,
            50,
            X0 + 5050,
            Y0 + 5050,
        ),
    ]
    gpkg.insert_rows(
        connection,
        "communities",
        ["geom", "community_id", "name", "district_code", "registered_households", "location_x", "location_y"],
        rows,
    )


@pytest.fixture()
def database(tmp_path, qgis_app) -> Path:
    path = tmp_path / "community.gpkg"
    build_database(path, populate=_populate)
    return path


class OsmFile:
    """A small .osm XML extract: nodes given in metres from (X0, Y0)."""

    def __init__(self):
        self.nodes: list[str] = []
        self.elements: list[str] = []
        self._next = 1

    def node(self, dx: float, dy: float, tags: dict[str, str] | None = None, node_id: int | None = None) -> int:
        point = _TO_WGS84.transform(QgsPointXY(X0 + dx, Y0 + dy))
        node_id = node_id or self._new_id()
        self.nodes.append(f'<node id="{node_id}" lat="{point.y():.8f}" lon="{point.x():.8f}">{_tags(tags)}</node>')
        return node_id

    def way(self, way_id: int, points: list[tuple[float, float]], tags: dict[str, str], closed: bool = False) -> int:
        refs = [self.node(dx, dy) for dx, dy in points]
        if closed:
            refs.append(refs[0])
        members = "".join(f'<nd ref="{r}"/>' for r in refs)
        self.elements.append(f'<way id="{way_id}">{members}{_tags(tags)}</way>')
        return way_id

    def relation(self, relation_id: int, outer_way: int, tags: dict[str, str]) -> None:
        self.elements.append(
            f'<relation id="{relation_id}"><member type="way" ref="{outer_way}" role="outer"/>{_tags(tags)}</relation>'
        )

    def _new_id(self) -> int:
        self._next += 1
        return 100000 + self._next

    def write(self, path: Path) -> Path:
        body = "\n".join(self.nodes + self.elements)
        path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n{body}\n</osm>\n', "utf-8")
        return path


def _tags(tags: dict[str, str] | None) -> str:
    return "".join(f'<tag k="{k}" v="{v}"/>' for k, v in (tags or {}).items())


def _box(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def community_extract(building_name: str = "บ้านเรือนไทย") -> OsmFile:
    osm = OsmFile()
    osm.node(100, 150, {"amenity": "place_of_worship", "religion": "buddhist", "name": "วัดทดสอบ"}, node_id=1)
    osm.node(510, 100, {"amenity": "school", "name": "โรงเรียนวัดทดสอบ"}, node_id=2)
    osm.node(5000, -3000, {"amenity": "toilets"}, node_id=3)  # in no community
    osm.node(60, 60, {"emergency": "fire_hydrant"}, node_id=4)
    osm.way(10, _box(20, 20, 40, 40), {"building": "house", "building:levels": "2", "name": building_name}, True)
    osm.way(11, _box(190, 50, 215, 60), {"building": "yes"}, True)  # mostly outside A: not A's
    osm.way(12, _box(185, 80, 205, 90), {"building": "terrace"}, True)  # mostly inside A: whole
    osm.way(20, [(-100, 100), (300, 100)], {"highway": "residential", "name": "ตรอกหลังวัด", "width": "3 m"})
    osm.way(21, [(20, 180), (80, 180)], {"highway": "footway", "bridge": "yes", "surface": "wood"})
    osm.way(22, [(150, -50), (150, 250)], {"highway": "tertiary", "name": "ถนนทดสอบ", "surface": "asphalt"})
    osm.way(30, [(50, -50), (50, 250)], {"waterway": "canal", "name": "คลองบางทดสอบ"})
    osm.way(31, [(0, 10), (120, 10)], {"waterway": "ditch", "name": "ลำรางสาธารณะ"})
    osm.way(40, _box(120, 120, 160, 160), {"natural": "water", "water": "pond"}, True)
    osm.way(41, _box(60, 120, 90, 140), {}, True)
    osm.relation(50, 41, {"type": "multipolygon", "natural": "water", "name": "บึงทดสอบ"})
    return osm


def rows(database: Path, table: str, columns: str) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        return connection.execute(f"SELECT {columns} FROM {table} ORDER BY osm_id").fetchall()


def all_layout_rows(database: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(database) as connection:
        return {
            spec.name: connection.execute(f"SELECT * FROM {spec.name} ORDER BY fid").fetchall()
            for spec in LAYOUT_LAYER_SPECS
        }


def test_osm_features_are_clipped_to_the_communities_with_their_osm_ids_and_kinds(run_algorithm, database, tmp_path):
    extract = community_extract().write(tmp_path / "community.osm")
    result = run_algorithm("importosm", {"INPUT": str(extract), "DATABASE": str(database), "DISTRICTS": "1001"})
    assert result["INSERTED"] > 0 and result["UPDATED"] == 0
    buildings = rows(database, "buildings", "osm_id, building_id, community_id, building_kind, floors, name")
    assert buildings == [
        ("way/10", "osm-way-10", "1001-0001", "house", 2, "บ้านเรือนไทย"),
        ("way/12", "osm-way-12", "1001-0001", "row_house", None, None),
    ]
    # Building way/12 sticks out of A by 5 m and is kept whole.
    with sqlite3.connect(database) as connection:
        blob = connection.execute("SELECT geom FROM buildings WHERE osm_id = 'way/12'").fetchone()[0]
    assert gpkg.decode_geometry(blob).area() == pytest.approx(200, rel=1e-3)
    ways = {r[0]: r[1:] for r in rows(database, "ways", "osm_id, way_kind, name, width_m, surface, community_id")}
    assert ways == {
        "way/20": ("trok", "ตรอกหลังวัด", 3.0, None, "1001-0001"),  # the Thai name wins over highway=residential
        "way/21": ("bridge", None, None, "wood", "1001-0001"),
        "way/22": ("road", "ถนนทดสอบ", None, "asphalt", "1001-0001"),
    }
    with sqlite3.connect(database) as connection:
        lengths = dict(connection.execute("SELECT osm_id, geom FROM ways").fetchall())
    # Cut at A's edges: the 400 m way keeps its 200 m inside A.
    assert gpkg.decode_geometry(lengths["way/20"]).length() == pytest.approx(200, rel=1e-3)
    assert rows(database, "waterways", "osm_id, waterway_kind, name") == [
        ("way/30", "khlong", "คลองบางทดสอบ"),
        ("way/31", "lam_rang", "ลำรางสาธารณะ"),
    ]
    assert rows(database, "water_areas", "osm_id, waterway_kind, name") == [
        ("relation/50", "pond", "บึงทดสอบ"),
        ("way/40", "pond", None),
    ]
    # The school is 10 m from B's point: inside its 150 m circle.
    assert rows(database, "facilities", "osm_id, facility_kind, name, community_id") == [
        ("node/1", "temple", "วัดทดสอบ", "1001-0001"),
        ("node/2", "school", "โรงเรียนวัดทดสอบ", "1001-0002"),
    ]
    assert rows(database, "safety_points", "osm_id, safety_kind, community_id") == [("node/4", "hydrant", "1001-0001")]
    with sqlite3.connect(database) as connection:
        srs = dict(connection.execute("SELECT table_name, srs_id FROM gpkg_geometry_columns").fetchall())
    assert srs["buildings"] == CRS_EPSG


def test_reimport_is_idempotent_updates_in_place_and_keeps_user_edits(run_algorithm, database, tmp_path):
    extract = community_extract().write(tmp_path / "community.osm")
    parameters = {"INPUT": str(extract), "DATABASE": str(database), "COMMUNITIES": "1001-0001, 1001-0002"}
    first = run_algorithm("importosm", parameters)
    before = all_layout_rows(database)
    again = run_algorithm("importosm", parameters)
    assert again["INSERTED"] == again["UPDATED"] == 0
    assert again["UNCHANGED"] == first["INSERTED"]
    assert all_layout_rows(database) == before  # not one byte changed, updated_at included

    # The user renames a way in QGIS (the form stamps updated_at); OSM renames a building.
    connection = gpkg.connect(database)  # the R-tree triggers call GeoPackage functions
    with connection:
        connection.execute(
            "UPDATE ways SET name = 'ตรอกที่ชาวบ้านเรียก', updated_at = '2031-01-01T00:00:00.000Z' WHERE osm_id = 'way/20'"
        )
    connection.close()
    changed = community_extract(building_name="บ้านไม้ริมน้ำ")
    changed.node(70, 30, {"amenity": "toilets", "name": "ห้องน้ำชุมชน"}, node_id=5)
    changed.write(extract)
    third = run_algorithm("importosm", parameters)
    assert third["INSERTED"] == 1 and third["UPDATED"] == 1 and third["KEPT_EDITED"] == 1
    assert rows(database, "buildings", "osm_id, name")[0] == ("way/10", "บ้านไม้ริมน้ำ")
    assert rows(database, "ways", "osm_id, name")[0] == ("way/20", "ตรอกที่ชาวบ้านเรียก")
    counts = {table: len(values) for table, values in all_layout_rows(database).items()}
    assert counts == {
        "buildings": 2,
        "ways": 3,
        "waterways": 2,
        "water_areas": 2,
        "facilities": 3,
        "safety_points": 1,
    }
    fids = [r[0] for r in before["buildings"]]
    assert [r[0] for r in all_layout_rows(database)["buildings"]] == fids  # updated, not re-inserted


def test_bad_input_is_refused_by_name_and_nothing_is_written(run_algorithm, database, tmp_path):
    garbage = tmp_path / "garbage.osm"
    garbage.write_text("this is not OpenStreetMap\n", "utf-8")
    with pytest.raises(QgsProcessingException, match="garbage.osm is not an OpenStreetMap file"):
        run_algorithm("importosm", {"INPUT": str(garbage), "DATABASE": str(database)})
    extract = community_extract().write(tmp_path / "community.osm")
    with pytest.raises(QgsProcessingException, match="No community 1001-9999"):
        run_algorithm("importosm", {"INPUT": str(extract), "DATABASE": str(database), "COMMUNITIES": "1001-9999"})
    with pytest.raises(QgsProcessingException, match="District 1050"):
        run_algorithm("importosm", {"INPUT": str(extract), "DATABASE": str(database), "DISTRICTS": "1050"})
    # Community C (district 1002) lies 5 km away from everything in the extract.
    with pytest.raises(QgsProcessingException, match=r"community\.osm has no building.*1002-0001"):
        run_algorithm("importosm", {"INPUT": str(extract), "DATABASE": str(database), "DISTRICTS": "1002"})
    assert all(not values for values in all_layout_rows(database).values())


def test_tag_mapping_reads_thai_names_widths_and_hstore():
    assert parse_hstore('"a"=>"b","name:th"=>"ซอย \\"1\\"","x"=>NULL') == {"a": "b", "name:th": 'ซอย "1"'}
    assert parse_width("2,5 m") == 2.5 and parse_width("10 ft") == 3.05 and parse_width("narrow") is None
    assert parse_width("250") is None  # out of the schema's 0-100 m
    soi = map_tags({"highway": "service", "name": "ซ.ร่วมใจ"}, LINE)[0]
    assert (soi.table, soi.values["way_kind"]) == ("ways", "soi")
    assert map_tags({"highway": "service", "service": "alley"}, LINE)[0].values["way_kind"] == "trok"
    assert map_tags({"highway": "construction"}, LINE) == []
    assert map_tags({"waterway": "drain", "name": "คลองเล็ก"}, LINE)[0].values["waterway_kind"] == "khlong"
    mosque = map_tags({"building": "yes", "amenity": "place_of_worship", "religion": "muslim"}, POLYGON)
    assert [(m.table, m.as_point) for m in mosque] == [("buildings", False), ("facilities", True)]
    assert mosque[0].values["building_kind"] == "mosque" and mosque[1].values["facility_kind"] == "mosque"
    assert map_tags({"building": "yes", "building:levels": "300"}, POLYGON)[0].values["floors"] is None
    assert map_tags({"leisure": "playground"}, POINT)[0].values == {"facility_kind": "playground", "name": None}
    assert map_tags({"amenity": "bench"}, POINT) == []

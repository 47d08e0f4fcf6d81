"""Cut a field package: some communities of a database, ready for QField, in a folder and a zip.

The folder holds a community GeoPackage with only those communities (their boundary, their
households and members, their community-layout features, their district outlines), a QGIS
project made by the same set-up as the desktop project (forms, value maps, constraints, styles,
Thai labels; paths relative, no password: a GeoPackage has none), manifest.json, and the rows as
cut in the table `kr8310_package_base`, which the merge compares with. An optional basemap (a
raster the user provides: MBTiles, GeoPackage, GeoTIFF) is copied in and added to the project.
"""

from __future__ import annotations

import datetime
import re
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qgis.core import NULL, QgsFeatureRequest, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

from ...definitions.schema import (
    COMMUNITIES,
    CRS_EPSG,
    DISTRICTS,
    GEOMETRY_COLUMN,
    HOUSEHOLDS,
    LAYER_SPECS,
    LAYOUT_LAYER_SPECS,
    MEMBERS,
    LayerSpec,
)
from ..project.setup import write_mapping_project
from ..storage import gpkg, rule_store
from ..storage.datasource import DataSourceError, open_layer
from ..storage.gpkg_database import DatabaseError, build_database
from ..storage.postgis.target import mask_passwords
from ..toolbelt.i18n import tr
from .manifest import Manifest, PackageError
from .rows import in_list_expression, rows_from_gpkg

BASE_TABLE = "kr8310_package_base"
PACKAGE_ID_KEY = "field_package_id"  # in the package's settings table
DEFAULT_LOCATION_BUFFER_M = 150.0  # layout features of a community known only by its point

Progress = Callable[[float], None]


@dataclass(frozen=True)
class PackageResult:
    folder: Path
    zip_file: Path
    manifest: Manifest
    size_bytes: int  # of the zip


def parse_community_ids(text: str | Sequence[str]) -> list[str]:
    """'1001-0001, 1001-0002' (or a list) -> the ids in order, blanks and repeats dropped."""
    items = re.split(r"[,;\s]+", text) if isinstance(text, str) else [str(t) for t in text]
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def _storable(value: object) -> object:
    """A QGIS attribute value as sqlite3 stores it, unchanged in meaning."""
    if isinstance(value, QVariant):
        value = None if value.isNull() else value.value()
    if value is None or value == NULL:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, QDateTime):
        return value.toString("yyyy-MM-ddTHH:mm:ss.zzz") if value.isValid() else None
    if isinstance(value, QDate):
        return value.toString("yyyy-MM-dd") if value.isValid() else None
    return value


def _features(layer: QgsVectorLayer, expression: str) -> list:
    request = QgsFeatureRequest()
    request.setFilterExpression(expression)
    return list(layer.getFeatures(request))


def _table_rows(spec: LayerSpec, features: list) -> tuple[list[str], list[tuple]]:
    names = spec.field_names()
    columns = ([GEOMETRY_COLUMN] if spec.geometry else []) + names
    rows = []
    for feature in features:
        present = feature.fields().names()
        values = [_storable(feature[name]) if name in present else None for name in names]
        if spec.geometry:
            values.insert(0, gpkg.encode_geometry(feature.geometry(), CRS_EPSG))
        rows.append(tuple(values))
    return columns, rows


def _slug(community_ids: list[str]) -> str:
    text = "_".join(community_ids[:3]) + ("_etc" if len(community_ids) > 3 else "")
    return "kr8310_" + re.sub(r"[^0-9A-Za-z_-]+", "-", text)[:60]


def _check_output(folder: Path) -> None:
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise PackageError(tr("{path} is not a folder.").format(path=folder))
    if folder.is_dir() and any(folder.iterdir()):
        raise PackageError(tr("The folder {path} is not empty: choose a new or empty folder.").format(path=folder))
    if not folder.parent.is_dir():
        raise PackageError(tr("The folder {folder} does not exist.").format(folder=folder.parent))


def _layout_layers(database: str) -> dict[str, QgsVectorLayer]:
    layers = {}
    for spec in LAYOUT_LAYER_SPECS:
        try:
            layers[spec.name] = open_layer(database, spec.name)
        except DataSourceError:
            continue  # an older database without layout layers
    return layers


def create_base_table(connection: sqlite3.Connection) -> None:
    connection.execute(
        f"CREATE TABLE {BASE_TABLE} (tbl TEXT NOT NULL, key TEXT NOT NULL, row_version INTEGER, "
        "content TEXT NOT NULL, PRIMARY KEY (tbl, key))"
    )
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, 'attributes', ?, ?)",
        (BASE_TABLE, BASE_TABLE, "KR 8310 field package: households and members as cut, for the merge"),
    )


def make_package(
    database: str,
    community_ids: Sequence[str],
    output: str | Path,
    made_for: str = "",
    basemap: str | Path | None = None,
    language: str | None = None,
    progress: Progress | None = None,
) -> PackageResult:
    """Write the field package of `community_ids` of `database` into the folder `output` (new or
    empty) and `output`.zip beside it. Raises PackageError (or DataSourceError) for the user."""
    ids = parse_community_ids(list(community_ids))
    if not ids:
        raise PackageError(tr("Name at least one community (its community_id)."))
    folder = Path(output)
    _check_output(folder)
    if basemap and not Path(basemap).is_file():
        raise PackageError(tr("The basemap {path} does not exist.").format(path=basemap))
    office = {spec.name: open_layer(database, spec.name) for spec in LAYER_SPECS}
    communities = _features(office[COMMUNITIES], in_list_expression("community_id", ids))
    found = {str(f["community_id"]) for f in communities}
    unknown = [c for c in ids if c not in found]
    if unknown:
        raise PackageError(tr("No community with the id(s) {ids} in the database.").format(ids=", ".join(unknown)))
    districts = sorted({int(f["district_code"]) for f in communities if f["district_code"] not in (None, NULL)})
    households = _features(office[HOUSEHOLDS], in_list_expression("community_id", ids))
    household_ids = [str(f["household_id"]) for f in households]
    members = _features(office[MEMBERS], in_list_expression("household_id", household_ids))
    layout = {
        name: _features(layer, in_list_expression("community_id", ids))
        for name, layer in _layout_layers(database).items()
    }
    if progress:
        progress(30.0)

    package_id = uuid.uuid4().hex
    slug = _slug(ids)
    folder.mkdir(exist_ok=True)
    database_file = folder / f"{slug}.gpkg"
    specs = {spec.name: spec for spec in (*LAYER_SPECS, *LAYOUT_LAYER_SPECS)}

    def populate(connection: sqlite3.Connection, _districts) -> None:
        listed = ", ".join(str(code) for code in districts) or "NULL"
        connection.execute(f"DELETE FROM {gpkg.quote_identifier(DISTRICTS)} WHERE district_code NOT IN ({listed})")
        for name, features in (
            (COMMUNITIES, communities),
            (HOUSEHOLDS, households),
            (MEMBERS, members),
            *layout.items(),
        ):
            if features:
                gpkg.insert_rows(connection, name, *_table_rows(specs[name], features))
        create_base_table(connection)
        connection.execute(
            "INSERT OR REPLACE INTO kr8310_settings (key, value) VALUES (?, ?)", (PACKAGE_ID_KEY, package_id)
        )
        base = [
            (row.table, row.key, row.row_version, row.to_json())
            for table in (HOUSEHOLDS, MEMBERS)
            for row in rows_from_gpkg(connection, table)
        ]
        connection.executemany(f"INSERT INTO {BASE_TABLE} VALUES (?, ?, ?, ?)", base)

    try:
        build_database(database_file, populate=populate)
    except DatabaseError as error:
        raise PackageError(str(error)) from error
    rule = rule_store.read_rule(database)
    rule_store.write_rule(str(database_file), rule.household_fields, rule.member_fields)
    if progress:
        progress(60.0)
    project_file = folder / f"{slug}.qgs"  # .qgs: QField and a person can read it as it is
    write_mapping_project(str(database_file), project_file, language)
    basemap_name = Path(basemap).name if basemap else ""
    if basemap:
        shutil.copy2(basemap, folder / basemap_name)
    _finish_project(project_file, package_id, folder / basemap_name if basemap else None)
    manifest = Manifest(
        package_id=package_id,
        created_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        communities=ids,
        districts=districts,
        database_file=database_file.name,
        project_file=project_file.name,
        source=mask_passwords(str(database)),
        made_for=made_for,
        rule_version=rule.version,
        households=len(households),
        members=len(members),
        row_versions={str(f["household_id"]): _storable(f["row_version"]) for f in households},
        basemap=basemap_name,
    )
    manifest.write(folder)
    _single_file(database_file)
    zip_file = Path(shutil.make_archive(str(folder), "zip", root_dir=folder))
    if progress:
        progress(100.0)
    return PackageResult(folder, zip_file, manifest, zip_file.stat().st_size)


def _make_paths_relative(project_file: Path) -> None:
    """QGIS 3.22 writes print-layout layer sources absolute; a package moves to a phone, so none may be."""
    text = project_file.read_text(encoding="utf-8")
    for folder in {str(project_file.parent), str(project_file.parent.resolve())}:
        text = text.replace(f'="{folder}/', '="./')
    project_file.write_text(text, encoding="utf-8")


def _single_file(database_file: Path) -> None:
    """Leave the package's GeoPackage as one file (rollback journal, no -wal/-shm beside it) for the
    copy to a phone; best effort: a connection QGIS still holds keeps WAL, whose files are zipped too."""
    connection = sqlite3.connect(database_file)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error:
        pass
    finally:
        connection.close()


def id_prefix(package_id: str) -> str:
    """What every id a package's devices mint starts with: two packages never mint the same id."""
    return f"p{package_id[:12]}-"


def _finish_project(project_file: Path, package_id: str, basemap: Path | None) -> None:
    """The package's own id namespace for new households and members, the basemap (drawn below
    everything) when given, and only relative paths."""
    from qgis.core import QgsDefaultValue

    from ..coverage.live import LAYER_PROPERTY

    project = QgsProject()
    try:
        if not project.read(str(project_file)):
            raise PackageError(project.error())
        for layer in project.mapLayers().values():
            key = {HOUSEHOLDS: "household_id", MEMBERS: "member_id"}.get(layer.customProperty(LAYER_PROPERTY))
            if key is not None:
                index = layer.fields().indexOf(key)
                layer.setDefaultValueDefinition(
                    index, QgsDefaultValue(f"'{id_prefix(package_id)}' || uuid('WithoutBraces')")
                )
        if basemap is not None:
            raster = QgsRasterLayer(str(basemap), tr("Basemap"))
            if not raster.isValid():
                raise PackageError(tr("The basemap {path} is not a raster QGIS can open.").format(path=basemap.name))
            project.addMapLayer(raster, False)
            project.layerTreeRoot().addLayer(raster)  # last: drawn below everything
        project.write(str(project_file))
    finally:
        project.clear()
    project_file.with_name(project_file.name + "~").unlink(missing_ok=True)  # QGIS's backup of the first write
    _make_paths_relative(project_file)

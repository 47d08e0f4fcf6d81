"""A ready-to-map QGIS project for a community database.

`write_mapping_project(database, output)` writes a .qgz with the four layers
(households, communities, districts, members), the relations households -> communities
and members -> households (composition: deleting a household deletes its members),
the forms of core.project.forms, styles and snapping. Everything lives in the project file,
so a mapper opens one file and starts.

The project is written in English, with its Thai translation beside a .qgs
(core.project.translation): QGIS shows it in the language it runs in when the project is opened,
plugin or not. The household points are drawn above everything.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from qgis.core import (
    QgsAttributeEditorElement,
    QgsCoordinateReferenceSystem,
    QgsProject,
    QgsRasterLayer,
    QgsReferencedRectangle,
    QgsRelation,
    QgsRelationContext,
    QgsSnappingConfig,
    QgsTolerance,
    QgsVectorLayer,
)

from ...compat import set_transaction_groups
from ...definitions import schema
from ..coverage import live as live_coverage
from ..storage import rule_store
from ..storage.datasource import is_postgres, open_layer
from ..toolbelt.i18n import tr
from . import forms, layout_layers, styles, translation
from .language import LANGUAGE_PROPERTY
from .styles import style_districts, style_households

# Layer order in the layer tree, top first: households above the community polygons, so a mapper
# sees, clicks and avoids duplicating them.
LAYER_ORDER = (schema.HOUSEHOLDS, schema.COMMUNITIES, schema.DISTRICTS, schema.MEMBERS)


class ProjectSetupError(ValueError):
    """The project cannot be written; the message is for the user."""


def make_relation(
    project: QgsProject, relation_id: str, child: QgsVectorLayer, parent: QgsVectorLayer, field: str, composition: bool
) -> QgsRelation:
    """child.field -> parent.field in `project`; composition means the children are deleted with the parent."""
    relation = QgsRelation(QgsRelationContext(project))
    relation.setId(relation_id)
    relation.setName(relation_id)
    relation.setReferencingLayer(child.id())
    relation.setReferencedLayer(parent.id())
    relation.addFieldPair(field, field)
    relation.setStrength(QgsRelation.Composition if composition else QgsRelation.Association)
    if not relation.isValid():
        raise ProjectSetupError(
            tr("Could not relate {child} to {parent}.").format(child=child.name(), parent=parent.name())
        )
    return relation


def bind_form_relations(layer: QgsVectorLayer, project: QgsProject) -> None:
    """Resolve the form's relation widgets against `project`'s relations.

    QGIS resolves them against QgsProject.instance(), which does not know the relations of the
    project being written; an unresolved widget is saved without its relation id."""
    root = layer.editFormConfig().invisibleRootContainer()  # shared with the layer's config
    for element in root.findElements(QgsAttributeEditorElement.AeTypeRelation):
        element.init(project.relationManager())


def style_communities(layer: QgsVectorLayer, language: str) -> list[str]:
    """The coverage and size-class styles (core.project.styles, also shipped as resources/styles/*.qml) as
    named styles of the layer, coverage current. Returns the style names."""
    return styles.add_community_styles(layer, language)


def configure_snapping(project: QgsProject, layers: dict[str, QgsVectorLayer]) -> None:
    """Snap community edits to community and district edges, keep communities from overlapping;
    household points are placed freely (no snapping, which would stack points)."""
    config = QgsSnappingConfig(project)
    config.setEnabled(True)
    config.setMode(QgsSnappingConfig.AdvancedConfiguration)
    config.setIntersectionSnapping(False)
    edges = QgsSnappingConfig.VertexFlag | QgsSnappingConfig.SegmentFlag
    for name, enabled in ((schema.COMMUNITIES, True), (schema.DISTRICTS, True), (schema.HOUSEHOLDS, False)):
        settings = QgsSnappingConfig.IndividualLayerSettings(enabled, edges, 12, QgsTolerance.Pixels, 0.0, 0.0)
        config.setIndividualLayerSettings(layers[name], settings)
    project.setSnappingConfig(config)
    project.setTopologicalEditing(True)
    project.setAvoidIntersectionsMode(QgsProject.AvoidIntersectionsMode.AvoidIntersectionsLayers)
    project.setAvoidIntersectionsLayers([layers[schema.COMMUNITIES]])


def add_layers_in_order(project: QgsProject, layers: dict[str, QgsVectorLayer]) -> None:
    """Add the layers to `project`, in the layer tree (and so drawn) in LAYER_ORDER, top first."""
    root = project.layerTreeRoot()
    for name in LAYER_ORDER:
        project.addMapLayer(layers[name], False)
        root.addLayer(layers[name])


def name_layers(layers: dict[str, QgsVectorLayer], language: str) -> None:
    """The layers' names in the layer tree in `language` (forms.LAYER_TITLES)."""
    for name, layer in layers.items():
        if name in forms.LAYER_TITLES:
            layer.setName(forms.LAYER_TITLES[name].label(language))


def layer_refs(layers: dict[str, QgsVectorLayer]) -> forms.LayerRefs:
    """The forms' references to the communities and households layers: by id, which no translation changes."""
    return forms.LayerRefs(layers[schema.COMMUNITIES].id(), layers[schema.HOUSEHOLDS].id())


def set_up_project(
    project: QgsProject, database: str, language: str | None = None, basemap_url: str = ""
) -> dict[str, QgsVectorLayer]:
    """Fill `project` (an empty one) with the database's layers, relations, forms, styles and snapping.

    `database` is a community database string (core.storage.datasource); `language` ('en' or 'th')
    picks the texts stored in the project, default English (translated when opened, see
    core.project.translation). Returns the layers by name.
    Raises DataSourceError when the database cannot be opened.
    """
    language = language or translation.SOURCE_LANGUAGE
    layers = {name: open_layer(database, name) for name in LAYER_ORDER}
    project.setCrs(QgsCoordinateReferenceSystem(schema.CRS_AUTHID))
    project.setTitle(tr("KR 8310 household mapping"))
    # One transaction for the layers of one database: a household and its members are saved (and
    # deleted, members first) together, and the database's own cascade never races QGIS's.
    # Not on PostGIS: there a transaction held open while editing would lock households against the
    # other district editors; edit buffers plus row_version checks guard against lost edits instead.
    set_transaction_groups(project, layers[schema.HOUSEHOLDS].providerType() != "postgres")
    add_layers_in_order(project, layers)
    # Read-only here (GIS staff untick it under Project ▸ Properties ▸ Data Sources to edit them): in
    # the one transaction a household edit starts, every layer of the database would otherwise go
    # into edit mode, and coverage figures written to the communities would wait in an edit buffer
    # for a "save communities?" the mapper never asked for.
    for name in (schema.COMMUNITIES, schema.DISTRICTS):
        layers[name].setReadOnly(True)
    households, communities, members = layers[schema.HOUSEHOLDS], layers[schema.COMMUNITIES], layers[schema.MEMBERS]
    relations = project.relationManager()
    relations.addRelation(
        make_relation(
            project, forms.HOUSEHOLD_COMMUNITY_RELATION, households, communities, "community_id", composition=False
        )
    )
    member_relation = make_relation(project, forms.MEMBER_HOUSEHOLD_RELATION, members, households, "household_id", True)
    relations.addRelation(member_relation)

    forms.configure_households(households, member_relation, language, layer_refs(layers))
    try:
        rule = rule_store.read_rule(database)  # the soft "member complete" check asks for the database's fields
    except rule_store.RuleStoreError as error:
        raise ProjectSetupError(str(error)) from error
    forms.configure_members(members, language, rule)
    if households.providerType() == "postgres":
        from ..storage.postgis.editing import configure_layer  # optimistic locking: row_version declared on every edit

        for layer in (households, members):
            configure_layer(layer)
    forms.configure_reference_layer(communities, language, '"name"')
    forms.configure_reference_layer(
        layers[schema.DISTRICTS], language, '"name_th"' if language == "th" else '"name_en"'
    )

    bind_form_relations(households, project)
    style_households(households)
    style_communities(communities, language)
    live_coverage.tag_layers(layers)  # the plugin keeps their coverage up to date (gui/live_coverage.py)
    style_districts(layers[schema.DISTRICTS], language)
    configure_snapping(project, layers)
    layout_layers.add_layout_layers(project, database, language, layers)  # แผนผังชุมชน, below the households
    name_layers(layers, language)  # after the hooks above, which find the layers by their database names
    households.setCustomProperty(LANGUAGE_PROPERTY, language)  # what the plugin re-applies from (core.project.language)
    extent = communities.extent()
    if not extent.isEmpty():
        extent.scale(1.05)
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, communities.crs()))
    from ..exports.maps import add_coverage_layouts  # the city map and district atlas, for the layout designer

    add_coverage_layouts(project, communities, layers[schema.DISTRICTS], database)
    if basemap_url:
        add_basemap(project, basemap_url)
    return layers


def xyz_source(url: str) -> str:
    """The wms provider's data source of an XYZ tile URL (QGIS's own XYZ connections look the same)."""
    return "type=xyz&zmin=0&zmax=19&url=" + quote(url, safe=":/{}?=&")


def add_basemap(project: QgsProject, url: str) -> QgsRasterLayer:
    """An XYZ basemap at the bottom of the layer tree, unchecked: on where there is network, by choice."""
    layer = QgsRasterLayer(xyz_source(url), tr("Imagery / basemap"), "wms")
    project.addMapLayer(layer, False)
    node = project.layerTreeRoot().addLayer(layer)
    node.setItemVisibilityChecked(False)
    return layer


def write_mapping_project(
    database: str,
    output: str | Path,
    language: str | None = None,
    notices: list[str] | None = None,
    basemap_url: str = "",
) -> Path:
    """Write the mapping project of `database` to `output` (.qgz or .qgs); returns the path. An English
    .qgs gets its Thai translation beside it (`<name>_th.qm`, `<name>_th_TH.qm`), which QGIS itself
    loads when it runs in Thai (core.project.translation); a .qgz cannot carry one QGIS would find.

    No password is written into the project: a PostGIS password goes into QGIS's authentication
    database (authcfg) or is left for QGIS to ask (core.storage.postgis.target.project_connection);
    what the user should know about it is appended to `notices`.
    Raises ProjectSetupError (or DataSourceError) with a message for the user.
    """
    output = Path(output)
    if output.suffix.lower() not in (".qgz", ".qgs"):
        raise ProjectSetupError(tr("The project file must end in .qgz: {path}").format(path=output))
    if not output.parent.is_dir():
        raise ProjectSetupError(tr("The folder {folder} does not exist.").format(folder=output.parent))
    if is_postgres(database):
        from ..storage.postgis.target import PostgisError, project_connection

        try:
            connection = project_connection(database)
        except PostgisError as error:
            raise ProjectSetupError(str(error)) from error
        database = connection.database
        if connection.notice and notices is not None:
            notices.append(connection.notice)
    project = QgsProject()
    try:
        project.setFileName(str(output))  # layer paths are stored relative to the project file
        set_up_project(project, database, language, basemap_url)
        if not project.write(str(output)):
            raise ProjectSetupError(
                tr("Could not write the project {path}: {error}").format(path=output, error=project.error())
            )
        if output.suffix.lower() == ".qgs" and (language or translation.SOURCE_LANGUAGE) == translation.SOURCE_LANGUAGE:
            translation.write_project_translations(project, output)
    finally:
        project.clear()
    return output

"""The plugin on every QGIS from 3.22 to 3.44: the API switches of kr8310_plugin.compat, optional layer
parameters that pass QGIS 3.40's parameter check, GDAL with exceptions on (QGIS 3.40's Processing),
QGIS's provider-connection errors, and no deprecation warning raised from the plugin's code."""

from __future__ import annotations

import socket
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsAttributeEditorContainer,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProcessingContext,
    QgsProcessingParameterDefinition,
    QgsProject,
    QgsProviderConnectionException,
    QgsRectangle,
    QgsTextFormat,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor, QFont

from kr8310_plugin import compat
from kr8310_plugin.core.importing.readers import SourceError, list_layers, read_table
from kr8310_plugin.core.storage.postgis.connection import connect, execute
from kr8310_plugin.core.storage.postgis.target import PostgisError, mask_passwords, parse_target

PLUGIN_DIRECTORY = Path(compat.__file__).resolve().parent
OPTIONAL_DISTRICTS = {"krsummary": "DISTRICTS", "validate": "TARGETS"}


# ---------------------------------------------------------------------------------------
# No deprecated API


@contextmanager
def plugin_deprecations():
    """Collects the deprecation warnings raised from the plugin's own code (PyQGIS warns at the caller)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found: list[str] = []
        yield found
    for warning in caught:
        if not issubclass(warning.category, (DeprecationWarning, PendingDeprecationWarning, FutureWarning)):
            continue
        if PLUGIN_DIRECTORY in Path(warning.filename).resolve().parents:
            found.append(f"{warning.filename}:{warning.lineno}: {warning.message}")


def test_project_set_up_and_map_export_call_no_deprecated_api(demo_copy, tmp_path):
    from kr8310_plugin.core.exports.maps import export_map
    from kr8310_plugin.core.project.setup import set_up_project

    project = QgsProject()
    try:
        with plugin_deprecations() as found:
            set_up_project(project, str(demo_copy), "th")  # forms, styles, snapping, transaction, layouts
            export_map(str(demo_copy), "district", tmp_path / "map.pdf", area="1001", dpi=60)
            read_table(f"{demo_copy}|layername=households")
        assert not found, "\n".join(found)
    finally:
        project.clear()


# ---------------------------------------------------------------------------------------
# The version switches


def test_transaction_groups_switch_both_ways():
    project = QgsProject()
    compat.set_transaction_groups(project, True)
    assert compat.transaction_groups_enabled(project)
    compat.set_transaction_groups(project, False)
    assert not compat.transaction_groups_enabled(project)


def test_form_container_becomes_a_tab():
    root = QgsAttributeEditorContainer("root", None)
    tab = QgsAttributeEditorContainer("tab", root)
    compat.make_tab(tab)
    assert compat.is_tab(tab)


def test_null_rectangle_grows_from_the_first_extent():
    extent = compat.null_rectangle()
    extent.combineExtentWith(QgsRectangle(10, 20, 30, 40))
    assert (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()) == (10, 20, 30, 40)


def _text_format(family: str, size: float, colour: str) -> QgsTextFormat:
    text = QgsTextFormat()
    text.setFont(QFont(family))
    text.setSize(size)
    text.setColor(QColor(colour))
    return text


def test_layout_label_and_legend_take_a_text_format(qgis_app):
    project = QgsProject()  # held: a layout outliving its project crashes
    layout = QgsPrintLayout(project)
    label = QgsLayoutItemLabel(layout)
    compat.set_label_text_format(label, _text_format("Loma", 13, "#123456"))
    if compat.QGIS_VERSION >= 32400:
        written = label.textFormat()
        font, size, colour = written.font(), written.size(), written.color()
    else:
        font, size, colour = label.font(), label.font().pointSizeF(), label.fontColor()
    assert (font.family(), size, colour.name()) == ("Loma", 13, "#123456")

    legend = QgsLayoutItemLegend(layout)
    compat.set_legend_text_format(legend, QgsLegendStyle.Title, _text_format("Loma", 11, "#654321"))
    style = legend.style(QgsLegendStyle.Title)
    if compat.QGIS_VERSION >= 33000:
        assert (style.textFormat().font().family(), style.textFormat().size()) == ("Loma", 11)
    else:
        assert (style.font().family(), style.font().pointSizeF()) == ("Loma", 11)


def test_over_point_placement_is_what_labels_get(qgis_app):
    from kr8310_plugin.core.project import styles

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:32647&field=name:string", "communities", "memory")
    styles.apply_style(layer, styles.STYLE_SIZE_CLASS, "en")
    assert layer.labeling().settings().placement == compat.label_placement_over_point()


# ---------------------------------------------------------------------------------------
# Optional layer parameters (QGIS 3.40 checks the default of a parameter that is not given)


def _survey_inputs(database: Path) -> dict:
    return {name.upper(): f"{database}|layername={name}" for name in ("communities", "households", "members")}


def test_optional_parameter_defaults_pass_the_parameter_check(kr8310_provider):
    """What QGIS 3.40 does with a parameter left out: the default must be acceptable where no layer loads."""
    context = QgsProcessingContext()
    context.setProject(QgsProject())
    for algorithm in kr8310_provider.algorithms():
        for parameter in algorithm.parameterDefinitions():
            optional = parameter.flags() & QgsProcessingParameterDefinition.FlagOptional
            if not optional or parameter.isDestination() or parameter.defaultValue() is None:
                continue
            assert parameter.checkValueIsAcceptable(parameter.defaultValue(), context), (
                f"{algorithm.id()}: the default {parameter.defaultValue()!r} of the optional {parameter.name()} "
                "is refused when no such layer loads"
            )


@pytest.mark.parametrize("algorithm_id", sorted(OPTIONAL_DISTRICTS))
def test_algorithms_run_without_the_optional_districts_layer(run_algorithm, small_demo_gpkg, algorithm_id):
    assert not QgsProject.instance().mapLayersByName("districts")
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(f"kr8310:{algorithm_id}")
    assert algorithm.parameterDefinition(OPTIONAL_DISTRICTS[algorithm_id]).defaultValue() is None
    parameters = {**_survey_inputs(small_demo_gpkg), "OUTPUT": "TEMPORARY_OUTPUT"}
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    assert algorithm.checkParameterValues(parameters, context) == (True, "")
    results = run_algorithm(algorithm_id, parameters)
    assert results["OUTPUT"]


@pytest.mark.parametrize("algorithm_id", sorted(OPTIONAL_DISTRICTS))
def test_the_projects_districts_layer_is_the_default_when_there_is_one(kr8310_provider, small_demo_gpkg, algorithm_id):
    districts = QgsVectorLayer(f"{small_demo_gpkg}|layername=districts", "districts", "ogr")
    project = QgsProject.instance()
    project.addMapLayer(districts)
    try:
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(f"kr8310:{algorithm_id}")
        name = OPTIONAL_DISTRICTS[algorithm_id]
        assert algorithm.parameterDefinition(name).defaultValue() == "districts"  # the dialog opens with it chosen
        context = QgsProcessingContext()
        context.setProject(project)
        parameters = {**_survey_inputs(small_demo_gpkg), "OUTPUT": "TEMPORARY_OUTPUT"}
        assert algorithm.checkParameterValues(parameters, context) == (True, "")
        assert algorithm.parameterAsVectorLayer(parameters, name, context) is districts
    finally:
        project.removeMapLayer(districts.id())


# ---------------------------------------------------------------------------------------
# GDAL with exceptions on


@contextmanager
def gdal_mode(exceptions: bool):
    """gdal and ogr raise RuntimeError (as under QGIS 3.40's Processing), or return None on failure;
    the previous modes are restored after."""
    from osgeo import gdal, ogr

    previous = [(module, module.GetUseExceptions()) for module in (gdal, ogr)]
    for module, _ in previous:
        module.UseExceptions() if exceptions else module.DontUseExceptions()
    try:
        yield
    finally:
        for module, was_on in reversed(previous):  # GDAL unwinds its error handlers last in, first out
            module.UseExceptions() if was_on else module.DontUseExceptions()


@pytest.mark.parametrize("exceptions", [False, True], ids=["gdal-returns-none", "gdal-raises"])
def test_reader_gives_its_own_message_in_both_gdal_modes(tmp_path, small_demo_gpkg, exceptions):
    from osgeo import gdal

    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"\x00\x01 not a workbook \xff" * 20)
    before = gdal.GetUseExceptions()
    with gdal_mode(exceptions):
        with pytest.raises(SourceError, match="cannot be read"):
            read_table(str(garbage))
        with pytest.raises(SourceError, match="cannot be read"):
            list_layers(str(garbage))
        with pytest.raises(SourceError, match="has no sheet or layer 'nosuch'"):
            read_table(f"{small_demo_gpkg}|layername=nosuch")
        table = read_table(f"{small_demo_gpkg}|layername=communities")
        assert table.rows and "community_id" in table.columns
    assert gdal.GetUseExceptions() == before


# ---------------------------------------------------------------------------------------
# Provider-connection errors: QgsProviderConnectionException (QGIS 3.40), no what(), passwords masked


def test_passwords_are_masked_in_messages():
    assert mask_passwords("dbname='kr' user='somchai' password='s3cr\\'et' port=5432") == (
        "dbname='kr' user='somchai' password='***' port=5432"
    )
    assert mask_passwords("host=db password=s3cret sslmode=require") == "host=db password=*** sslmode=require"
    assert mask_passwords("postgresql://somchai:s%40cret@db:5432/bma?schema=kr") == (
        "postgresql://somchai:***@db:5432/bma?schema=kr"
    )
    assert mask_passwords("postgresql://somchai@db:5432/bma") == "postgresql://somchai@db:5432/bma"


class _RefusingConnection:
    """Stands for a provider connection whose executeSql fails as QGIS 3.40's does."""

    def executeSql(self, sql):  # noqa: N802 - QGIS API
        raise QgsProviderConnectionException(
            f"Error executing SQL {sql} on dbname='kr' user='u' password='hunter2': "
            "[ERROR:  permission denied for table households\n]"
        )


def test_a_refusal_becomes_the_servers_message():
    with pytest.raises(PostgisError) as refused:
        execute(_RefusingConnection(), "DELETE FROM kr8310.households")
    assert str(refused.value) == "ERROR:  permission denied for table households"


def test_an_unreachable_server_is_reported_without_the_password(qgis_app):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    target = parse_target(f"postgresql://somchai:hunter2@127.0.0.1:{port}/bma?sslmode=disable")
    with pytest.raises(PostgisError) as failed:
        execute(connect(target), "SELECT 1")
    assert "hunter2" not in str(failed.value)
    with pytest.raises(PostgisError) as malformed:
        parse_target("postgresql://somchai:hunter2@db:port/bma")
    assert "hunter2" not in str(malformed.value)

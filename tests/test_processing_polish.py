"""Every kr8310 algorithm feels native in the Processing toolbox: help with an example, an icon,
described parameters, and bad parameters refused before running with a clear message."""

from __future__ import annotations

from qgis.core import QgsProcessingContext, QgsProcessingParameterDefinition, QgsVectorLayer

from kr8310_plugin.processing.algorithms.base import THEME_ICONS


def algorithms(provider):
    found = provider.algorithms()
    assert len(found) >= 7
    return found


def test_every_algorithm_has_help_with_an_example_and_an_icon(kr8310_provider):
    for algorithm in algorithms(kr8310_provider):
        name = algorithm.id()
        help_text = algorithm.shortHelpString()
        assert len(help_text) > 150, f"{name}: help too short"
        assert "Example" in help_text and name in help_text, f"{name}: help needs an example run of {name}"
        assert not algorithm.icon().isNull(), name
        assert algorithm.name() in THEME_ICONS, f"{name}: give it a toolbox icon in base.THEME_ICONS"
        assert algorithm.displayName().strip() and algorithm.group().strip(), name
        for parameter in algorithm.parameterDefinitions():
            assert parameter.description().strip(), f"{name}: parameter {parameter.name()} has no description"


def test_missing_mandatory_parameters_are_refused_before_running(kr8310_provider):
    context = QgsProcessingContext()
    for algorithm in algorithms(kr8310_provider):
        mandatory = [
            p
            for p in algorithm.parameterDefinitions()
            if not p.flags() & QgsProcessingParameterDefinition.FlagOptional
            and p.defaultValue() is None
            and not p.isDestination()
        ]
        if not mandatory:
            continue
        ok, message = algorithm.checkParameterValues({}, context)
        assert not ok and message.strip(), algorithm.id()


def test_coverage_refuses_layers_without_the_needed_fields(kr8310_provider, small_demo_gpkg):
    context = QgsProcessingContext()
    communities = QgsVectorLayer(f"{small_demo_gpkg}|layername=communities", "communities", "ogr")
    members = QgsVectorLayer(f"{small_demo_gpkg}|layername=members", "members", "ogr")
    households = QgsVectorLayer(
        "Point?crs=EPSG:32647&field=household_id:string&field=community_id:string", "hh", "memory"
    )
    for algorithm_id in ("kr8310:coverage", "kr8310:krsummary"):
        algorithm = kr8310_provider.algorithm(algorithm_id.split(":")[1])
        parameters = {"COMMUNITIES": communities, "HOUSEHOLDS": households, "MEMBERS": members, "OUTPUT": "memory:"}
        ok, message = algorithm.checkParameterValues(parameters, context)
        assert not ok
        assert "member_count" in message and "house_no" in message and "hh" in message
        parameters["HOUSEHOLDS"] = QgsVectorLayer(f"{small_demo_gpkg}|layername=households", "households", "ogr")
        assert algorithm.checkParameterValues(parameters, context) == (True, "")
        parameters["REQUIRED_MEMBER_FIELDS"] = "age, shoe_size"
        ok, message = algorithm.checkParameterValues(parameters, context)
        assert not ok and "shoe_size" in message


def test_survey_layer_defaults_are_the_projects_layers(kr8310_provider, small_demo_gpkg):
    """Opened from a mapping project, the dialogs start with its communities/households/members chosen
    (the dialog fills each widget with the parameter's default, a layer name resolved in the project)."""
    from qgis.core import QgsProcessingFeedback, QgsProject

    project = QgsProject()
    layers = {
        name: QgsVectorLayer(f"{small_demo_gpkg}|layername={name}", name, "ogr")
        for name in ("communities", "households", "members", "districts")
    }
    project.addMapLayers(list(layers.values()))
    context = QgsProcessingContext()
    context.setProject(project)
    for algorithm_id in ("krsummary", "validate", "coverage"):
        algorithm = kr8310_provider.algorithm(algorithm_id)
        as_dialog_fills_it = {
            p.name(): p.defaultValue() for p in algorithm.parameterDefinitions() if p.defaultValue() is not None
        }
        for key in ("COMMUNITIES", "HOUSEHOLDS", "MEMBERS"):
            assert algorithm.parameterAsVectorLayer(as_dialog_fills_it, key, context) is layers[key.lower()]
        as_dialog_fills_it["OUTPUT"] = "TEMPORARY_OUTPUT"
        assert algorithm.checkParameterValues(as_dialog_fills_it, context) == (True, ""), algorithm_id
    summary = kr8310_provider.algorithm("krsummary")
    parameters = {p.name(): p.defaultValue() for p in summary.parameterDefinitions() if p.defaultValue() is not None}
    results, ok = summary.run({**parameters, "OUTPUT": "TEMPORARY_OUTPUT"}, context, QgsProcessingFeedback())
    assert ok and results["CITY_KR_PCT"] is not None
    project.clear()


def test_database_and_output_files_are_checked_before_running(kr8310_provider, small_demo_gpkg, tmp_path):
    context = QgsProcessingContext()
    missing = str(tmp_path / "missing.gpkg")
    for algorithm_id, output in (
        ("exportreport", "report.xlsx"),
        ("exportmap", "map.pdf"),
        ("setupproject", "mapping.qgz"),
    ):
        algorithm = kr8310_provider.algorithm(algorithm_id)
        parameters = {"DATABASE": missing, "OUTPUT": str(tmp_path / output)}
        ok, message = algorithm.checkParameterValues(parameters, context)
        assert not ok and "missing.gpkg" in message and "does not exist" in message, algorithm_id
        parameters["DATABASE"] = str(small_demo_gpkg)
        assert algorithm.checkParameterValues(parameters, context) == (True, ""), algorithm_id
        parameters["OUTPUT"] = str(tmp_path / "wrong.txt")
        ok, message = algorithm.checkParameterValues(parameters, context)
        assert not ok and "wrong.txt" in message and output.split(".")[1] in message, algorithm_id
    assert not (tmp_path / "wrong.txt").exists()

"""Parameters shared by the algorithms that read the three survey layers and the completeness rule.

The rule is the one stored in the households' community database; the two optional field
parameters override it for one computation and never change the database
(kr8310:setcompletenessrule does that)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProject,
)
from qgis.PyQt.QtCore import QCoreApplication, QThread

from ...core.coverage.engine import CompletenessRule, CoverageError, stored_rule
from ...core.rules.completeness import parse_field_list
from ...core.toolbelt.i18n import tr
from ...definitions import schema

COMMUNITIES = "COMMUNITIES"
HOUSEHOLDS = "HOUSEHOLDS"
MEMBERS = "MEMBERS"
REQUIRED_HOUSEHOLD_FIELDS = "REQUIRED_HOUSEHOLD_FIELDS"
REQUIRED_MEMBER_FIELDS = "REQUIRED_MEMBER_FIELDS"


def project_layer_default(name: str) -> str | None:
    """The default of an optional layer parameter: `name` when the current project has a layer of
    that name (the dialog then opens with it chosen), else None.

    Not the bare name in every case: QGIS 3.40 checks the default of a parameter that is not given,
    and an optional layer that cannot be found fails the check, so the algorithm would refuse to
    run (qgis_process, a project without that layer). Off the main thread (an algorithm created in
    a task) the project is not read and there is no default.
    """
    application = QCoreApplication.instance()
    if application is None or QThread.currentThread() != application.thread():
        return None
    return name if QgsProject.instance().mapLayersByName(name) else None


def add_survey_layer_parameters(algorithm) -> None:
    # Defaults name the mapping project's layers: the dialog opens with them chosen.
    algorithm.addParameter(
        QgsProcessingParameterVectorLayer(
            COMMUNITIES, tr("Communities"), [QgsProcessing.TypeVectorPolygon], defaultValue=schema.COMMUNITIES
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterVectorLayer(
            HOUSEHOLDS, tr("Households"), [QgsProcessing.TypeVectorPoint], defaultValue=schema.HOUSEHOLDS
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterVectorLayer(
            MEMBERS, tr("Members"), [QgsProcessing.TypeVector], defaultValue=schema.MEMBERS
        )
    )
    # Empty: the rule stored in the community database.
    algorithm.addParameter(
        QgsProcessingParameterString(
            REQUIRED_HOUSEHOLD_FIELDS,
            tr("Required household fields (comma-separated; empty: the database's rule)"),
            "",
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterString(
            REQUIRED_MEMBER_FIELDS,
            tr("Required member fields (comma-separated; empty: the database's rule)"),
            "",
            optional=True,
        )
    )


def survey_layers(algorithm, parameters, context):
    layers = []
    for key in (COMMUNITIES, HOUSEHOLDS, MEMBERS):
        layer = algorithm.parameterAsVectorLayer(parameters, key, context)
        if layer is None:
            raise QgsProcessingException(tr("The {parameter} layer could not be opened.").format(parameter=key))
        layers.append(layer)
    return layers


def check_survey_layers(algorithm, parameters, context) -> tuple[bool, str]:
    """Before running: each survey layer opens and has the fields the coverage rule reads
    (the ids plus the required fields of the completeness rule)."""
    rules = rules_from_parameters(algorithm, parameters, context)
    needed = {
        COMMUNITIES: ("community_id", "district_code", "registered_households"),
        HOUSEHOLDS: ("household_id", "community_id", "member_count", *rules.household_fields),
        MEMBERS: ("household_id", *rules.member_fields),
    }
    for key, fields in needed.items():
        layer = algorithm.parameterAsVectorLayer(parameters, key, context)
        if layer is None:
            return False, tr("The {parameter} layer could not be opened.").format(parameter=key)
        present = set(layer.fields().names())
        missing = [name for name in dict.fromkeys(fields) if name not in present]
        if missing:
            return False, tr("The {parameter} layer '{layer}' has no field(s) {fields}.").format(
                parameter=key, layer=layer.name(), fields=", ".join(missing)
            )
    return True, ""


def rules_from_parameters(algorithm, parameters, context) -> CompletenessRule:
    """The rule stored in the households layer's database, each field list overridden by its
    parameter when given (for this computation only)."""
    household = parse_field_list(algorithm.parameterAsString(parameters, REQUIRED_HOUSEHOLD_FIELDS, context))
    member = parse_field_list(algorithm.parameterAsString(parameters, REQUIRED_MEMBER_FIELDS, context))
    layer = algorithm.parameterAsVectorLayer(parameters, HOUSEHOLDS, context)
    try:
        stored = stored_rule(layer)
    except CoverageError as error:
        raise QgsProcessingException(str(error)) from error
    if not household and not member:
        return stored
    return CompletenessRule(household or stored.household_fields, member or stored.member_fields, stored.version)


def report_unassigned(result, feedback) -> None:
    """Tell the user about households that count nowhere (no or unknown community_id)."""
    if not result.unassigned:
        return
    missing = sum(1 for u in result.unassigned if u.reason == "missing_community_id")
    unknown = len(result.unassigned) - missing
    feedback.pushWarning(
        tr(
            "{count} household(s) count in no community: {missing} without community_id, {unknown} with an unknown "
            "community_id."
        ).format(count=len(result.unassigned), missing=missing, unknown=unknown)
    )
    for item in result.unassigned[:20]:
        feedback.pushInfo(
            tr("  household {household}: community_id '{community}'").format(
                household=item.household_id, community=item.community_id or ""
            )
        )
    if len(result.unassigned) > 20:
        feedback.pushInfo(tr("  … and {count} more").format(count=len(result.unassigned) - 20))

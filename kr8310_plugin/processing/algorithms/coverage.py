"""kr8310:coverage — households entered, complete and coverage % per community."""

from __future__ import annotations

from qgis.core import (
    NULL,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
)

from ...compat import new_field
from ...core.coverage.engine import COVERAGE_FIELDS, CoverageError, compute_coverage, write_coverage
from ...core.toolbelt.i18n import tr
from ...definitions.schema import COMMUNITIES_SPEC
from .base import Kr8310Algorithm
from .coverage_inputs import (
    add_survey_layer_parameters,
    check_survey_layers,
    report_unassigned,
    rules_from_parameters,
    survey_layers,
)

_FIELD_TYPES = {"integer": "int", "real": "double", "text": "string"}


def output_fields(fields: QgsFields) -> QgsFields:
    """The communities layer's fields plus the coverage fields it lacks (types as in the schema)."""
    output = QgsFields(fields)
    for name in COVERAGE_FIELDS:
        if output.indexOf(name) < 0:
            output.append(new_field(name, _FIELD_TYPES[COMMUNITIES_SPEC.field(name).kind]))
    return output


class CoverageAlgorithm(Kr8310Algorithm):
    group_id = "coverage"
    algorithm_id = "coverage"
    WRITE_BACK = "WRITE_BACK"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:
        return tr("Community coverage")

    def shortHelpString(self) -> str:
        return tr(
            "Counts, per community, the households entered and the complete ones, and the coverage % "
            "(100 × complete ÷ registered households).\n\n"
            "A household is complete when it has a point, its required fields are filled, member count ≥ 1, it "
            "has exactly member-count member rows and every member's required fields are filled. Households "
            "with no or an unknown community_id count nowhere and are listed in the log.\n\n"
            "coverage_flag: ok, over_register (more complete households than registered; kept, not clipped), "
            "zero_registered (no registered households: coverage is NULL) or no_data (nothing entered).\n\n"
            "The required fields are the completeness rule stored in the community database; the two field "
            "parameters override it for this run only.\n\n"
            "Output: the communities with the fields filled (added when the layer has none). 'Write into the "
            "input layer' updates the input communities layer instead (in its edit buffer when it is being "
            "edited, so it can be undone); that layer needs the four coverage fields.\n\n"
            "Example: qgis_process.bin run kr8310:coverage -- COMMUNITIES='demo.gpkg|layername=communities' "
            "HOUSEHOLDS='demo.gpkg|layername=households' MEMBERS='demo.gpkg|layername=members' "
            "OUTPUT=coverage.gpkg"
        )

    def initAlgorithm(self, config=None):
        add_survey_layer_parameters(self)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.WRITE_BACK, tr("Write into the input communities layer"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("Communities with coverage"), optional=True, createByDefault=True
            )
        )

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        ok, message = check_survey_layers(self, parameters, context)
        if not ok or not self.parameterAsBoolean(parameters, self.WRITE_BACK, context):
            return ok, message
        communities = self.parameterAsVectorLayer(parameters, "COMMUNITIES", context)
        missing = [name for name in COVERAGE_FIELDS if name not in communities.fields().names()]
        if missing:
            return False, tr(
                "The communities layer '{layer}' has no field(s) {fields} to write into: run without "
                "'Write into the input communities layer' to get them in the output."
            ).format(layer=communities.name(), fields=", ".join(missing))
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):
        communities, households, members = survey_layers(self, parameters, context)
        rules = rules_from_parameters(self, parameters, context)
        feedback.pushInfo(tr("Required household fields: {fields}").format(fields=", ".join(rules.household_fields)))
        feedback.pushInfo(tr("Required member fields: {fields}").format(fields=", ".join(rules.member_fields)))
        try:
            result = compute_coverage(
                communities, households, members, rules, progress=lambda p: feedback.setProgress(0.8 * p)
            )
        except CoverageError as error:
            raise QgsProcessingException(str(error)) from error
        if feedback.isCanceled():
            return {}
        report_unassigned(result, feedback)
        outputs = {"HOUSEHOLDS_COMPLETE": result.households_complete_total, "UNASSIGNED": len(result.unassigned)}
        if self.parameterAsBoolean(parameters, self.WRITE_BACK, context):
            try:
                updated = write_coverage(communities, result)
            except CoverageError as error:
                raise QgsProcessingException(str(error)) from error
            feedback.pushInfo(
                tr("Updated {count} communities in {layer}.").format(count=updated, layer=communities.name())
            )
        if parameters.get(self.OUTPUT) is not None:
            fields = output_fields(communities.fields())
            sink, destination = self.parameterAsSink(
                parameters, self.OUTPUT, context, fields, communities.wkbType(), communities.crs()
            )
            if sink is None:
                raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
            total = max(communities.featureCount(), 1)
            for index, feature in enumerate(communities.getFeatures()):
                if feedback.isCanceled():
                    break
                coverage = result.communities.get(str(feature["community_id"]).strip())
                output = QgsFeature(fields)
                output.setGeometry(feature.geometry())
                output.setAttributes(feature.attributes() + [NULL] * (fields.count() - len(feature.attributes())))
                if coverage is not None:
                    for name, value in coverage.values().items():
                        output[name] = NULL if value is None else value
                sink.addFeature(output, QgsFeatureSink.Flag.FastInsert)
                feedback.setProgress(80 + 20 * index / total)
            outputs[self.OUTPUT] = destination
        return outputs

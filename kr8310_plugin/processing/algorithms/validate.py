"""kr8310:validate — quality checks on communities, households and members: a layer of issues."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsWkbTypes,
)

from ...compat import new_field
from ...core.quality.checks import ERROR, WARNING
from ...core.quality.layers import QualityInputError, check_layers, require_fields
from ...core.toolbelt.i18n import tr
from ...definitions import schema
from ...definitions.schema import CRS_AUTHID
from .base import Kr8310Algorithm
from .coverage_inputs import project_layer_default

ISSUE_FIELDS = (
    ("severity", "string"),
    ("code", "string"),
    ("message", "string"),
    ("layer", "string"),
    ("feature_id", "string"),
    ("community_id", "string"),
    ("district_code", "int"),
)


def issue_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in ISSUE_FIELDS:
        fields.append(new_field(name, kind))
    return fields


class ValidateAlgorithm(Kr8310Algorithm):
    group_id = "survey"
    algorithm_id = "validate"
    COMMUNITIES = "COMMUNITIES"
    HOUSEHOLDS = "HOUSEHOLDS"
    MEMBERS = "MEMBERS"
    TARGETS = "TARGETS"
    BUILDINGS = "BUILDINGS"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Quality checks")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Checks communities, households and members and writes one point per issue, with severity "
            "(error/warning), code and message: households outside every community or in another community than "
            "their community_id says; duplicate house numbers within a community; member count not matching the "
            "member rows; households without members; household and member values out of range; members "
            "without a household; invalid or self-intersecting community polygons; overlapping communities; "
            "communities with more households than registered; and, with the districts layer as official "
            "targets, each district's S and M communities and registered households against the KR 8310 "
            "targets. With the community layout's buildings layer: households in no building of a community "
            "that has buildings mapped, and houses without a household.\n\n"
            "Messages name ids and fields, never personal values.\n\n"
            "Outputs: the issues point layer, and the numbers of errors (ERRORS) and warnings (WARNINGS).\n\n"
            "Example: qgis_process.bin run kr8310:validate -- COMMUNITIES='demo.gpkg|layername=communities' "
            "HOUSEHOLDS='demo.gpkg|layername=households' MEMBERS='demo.gpkg|layername=members' "
            "TARGETS='demo.gpkg|layername=districts' OUTPUT=issues.gpkg"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.COMMUNITIES, tr("Communities"), [QgsProcessing.TypeVectorPolygon], defaultValue=schema.COMMUNITIES
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.HOUSEHOLDS, tr("Households"), [QgsProcessing.TypeVectorPoint], defaultValue=schema.HOUSEHOLDS
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.MEMBERS, tr("Members"), [QgsProcessing.TypeVector], defaultValue=schema.MEMBERS
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.TARGETS,
                tr("Official targets (districts layer)"),
                [QgsProcessing.TypeVectorAnyGeometry],
                defaultValue=project_layer_default(schema.DISTRICTS),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BUILDINGS,
                tr("Buildings (community layout)"),
                [QgsProcessing.TypeVectorPolygon],
                defaultValue=project_layer_default(schema.BUILDINGS),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Quality issues"), QgsProcessing.TypeVectorPoint)
        )
        self.addOutput(QgsProcessingOutputNumber("ERRORS", tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", tr("Warnings")))

    def _source(self, parameters, name, context):
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            return None
        try:
            require_fields(source, name.lower())
        except QualityInputError as error:
            raise QgsProcessingException(str(error)) from error
        return source

    def _whole_layers(self, parameters, context):
        """The layers behind the three sources when each is read whole (no selection, limit or filter):
        the checks may then read their database directly."""
        layers = []
        for name in (self.COMMUNITIES, self.HOUSEHOLDS, self.MEMBERS):
            value = parameters.get(name)
            if isinstance(value, QgsProcessingFeatureSourceDefinition) and (
                value.selectedFeaturesOnly or value.featureLimit != -1 or getattr(value, "filterExpression", "")
            ):
                return None
            layers.append(self.parameterAsVectorLayer(parameters, name, context))
        return tuple(layers)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        # Invalid polygons are what this algorithm reports: Processing must not filter or refuse them.
        context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
        communities_source = self._source(parameters, self.COMMUNITIES, context)
        households_source = self._source(parameters, self.HOUSEHOLDS, context)
        members_source = self._source(parameters, self.MEMBERS, context)
        targets_source = self._source(parameters, self.TARGETS, context)
        buildings_source = self._source(parameters, self.BUILDINGS, context)
        if communities_source is None or households_source is None or members_source is None:
            raise QgsProcessingException(tr("Communities, households and members layers are all needed."))

        issues = check_layers(
            communities_source,
            households_source,
            members_source,
            targets_source,
            context.transformContext(),
            is_cancelled=feedback.isCanceled,
            progress=feedback.setProgress,
            buildings=buildings_source,
            database_layers=self._whole_layers(parameters, context),
        )
        sink, dest_id = self.parameterAsSink(
            parameters,
            self.OUTPUT,
            context,
            issue_fields(),
            QgsWkbTypes.Point,
            QgsCoordinateReferenceSystem(CRS_AUTHID),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for issue in issues:
            feature = QgsFeature(issue_fields())
            if issue.geometry is not None:
                feature.setGeometry(issue.geometry)
            feature.setAttributes(
                [
                    issue.severity,
                    issue.code,
                    issue.message,
                    issue.layer,
                    issue.feature_id,
                    issue.community_id,
                    issue.district_code,
                ]
            )
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        errors = sum(1 for i in issues if i.severity == ERROR)
        warnings = sum(1 for i in issues if i.severity == WARNING)
        feedback.pushInfo(tr("{errors} error(s), {warnings} warning(s).").format(errors=errors, warnings=warnings))
        return {self.OUTPUT: dest_id, "ERRORS": errors, "WARNINGS": warnings}

"""kr8310:krsummary — the KR 8310 % per city, district group, district and size class, against targets."""

from __future__ import annotations

from qgis.core import (
    NULL,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)

from ...compat import new_field
from ...core.coverage.engine import CoverageError, compute_coverage
from ...core.coverage.kr_summary import SUMMARY_COLUMNS, SummaryRow, districts_from_layer, kr_summary
from ...core.toolbelt.i18n import tr
from ...definitions import schema
from .base import Kr8310Algorithm
from .coverage_inputs import (
    add_survey_layer_parameters,
    check_survey_layers,
    project_layer_default,
    report_unassigned,
    rules_from_parameters,
    survey_layers,
)

_TEXT_COLUMNS = {"level", "code", "name_th", "name_en"}
_REAL_COLUMNS = {"kr_pct", "l_coverage_pct"}


def summary_fields() -> QgsFields:
    fields = QgsFields()
    for name in SUMMARY_COLUMNS:
        kind = "string" if name in _TEXT_COLUMNS else "double" if name in _REAL_COLUMNS else "int"
        fields.append(new_field(name, kind))
    return fields


class KrSummaryAlgorithm(Kr8310Algorithm):
    group_id = "coverage"
    algorithm_id = "krsummary"
    DISTRICTS = "DISTRICTS"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:
        return tr("KR 8310 summary")

    def shortHelpString(self) -> str:
        return tr(
            "The KR 8310 % for the city, each district group, each district and each size class, with the "
            "official targets and the differences.\n\n"
            "KR 8310 % = 100 × Σ min(complete, registered) ÷ Σ registered over small (S) and medium (M) "
            "communities only; each community is capped at its register so an over-full community cannot hide "
            "another's gap. Large (L) communities are reported beside it in the l_* columns.\n\n"
            "Districts: the districts layer of the community database (official targets); when left empty the "
            "targets shipped with the plugin are used.\n\n"
            "Example: qgis_process.bin run kr8310:krsummary -- COMMUNITIES='demo.gpkg|layername=communities' "
            "HOUSEHOLDS='demo.gpkg|layername=households' MEMBERS='demo.gpkg|layername=members' "
            "DISTRICTS='demo.gpkg|layername=districts' OUTPUT=summary.csv"
        )

    def initAlgorithm(self, config=None):
        add_survey_layer_parameters(self)
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.DISTRICTS,
                tr("Districts with official targets"),
                defaultValue=project_layer_default(schema.DISTRICTS),
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("KR 8310 summary")))

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        return check_survey_layers(self, parameters, context)

    def processAlgorithm(self, parameters, context, feedback):
        communities, households, members = survey_layers(self, parameters, context)
        rules = rules_from_parameters(self, parameters, context)
        districts_layer = self.parameterAsVectorLayer(parameters, self.DISTRICTS, context)
        try:
            districts = districts_from_layer(districts_layer) if districts_layer is not None else None
            result = compute_coverage(
                communities, households, members, rules, progress=lambda p: feedback.setProgress(0.9 * p)
            )
        except CoverageError as error:
            raise QgsProcessingException(str(error)) from error
        report_unassigned(result, feedback)
        rows = kr_summary(result, districts)
        report_target_differences(rows, feedback)
        fields = summary_fields()
        sink, destination = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for row in rows:
            feature = QgsFeature(fields)
            feature.setAttributes([NULL if getattr(row, n) is None else getattr(row, n) for n in SUMMARY_COLUMNS])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        city = rows[0]
        if city.kr_pct is not None:
            feedback.pushInfo(
                tr("City KR 8310: {pct:.1f} % ({complete:,} of {registered:,} households)").format(
                    pct=city.kr_pct, complete=city.complete_households, registered=city.registered_households
                )
            )
        feedback.setProgress(100)
        return {self.OUTPUT: destination, "CITY_KR_PCT": city.kr_pct}


def report_target_differences(rows: list[SummaryRow], feedback) -> None:
    """Warn about districts whose S/M communities or households differ from the official targets."""
    differing = [
        r for r in rows if r.level == "district" and (r.diff_s_communities or r.diff_m_communities or r.diff_households)
    ]
    if not differing:
        feedback.pushInfo(tr("Every district matches the official S and M targets."))
        return
    feedback.pushWarning(tr("{count} district(s) differ from the official targets:").format(count=len(differing)))
    for row in differing[:50]:
        feedback.pushInfo(
            tr("  {code} {name}: S communities {ds:+d}, M communities {dm:+d}, households {dh:+,d}").format(
                code=row.code,
                name=row.name_en,
                ds=row.diff_s_communities,
                dm=row.diff_m_communities,
                dh=row.diff_households,
            )
        )

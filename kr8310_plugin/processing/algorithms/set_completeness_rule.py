"""kr8310:setcompletenessrule — store which fields make a household complete, and recompute coverage."""

from __future__ import annotations

from qgis.core import QgsProcessingException, QgsProcessingParameterString

from ...core.coverage.engine import CoverageError
from ...core.coverage.rule_change import RuleChangeError, change_rule, check_rule_fields
from ...core.rules.completeness import (
    DEFAULT_RULE,
    HOUSEHOLD_FIELD_CHOICES,
    MEMBER_FIELD_CHOICES,
    format_field_list,
    parse_field_list,
)
from ...core.storage.datasource import DataSourceError
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %"


class SetCompletenessRuleAlgorithm(Kr8310Algorithm):
    group_id = "database"
    algorithm_id = "setcompletenessrule"
    database_parameter = "DATABASE"
    DATABASE = "DATABASE"
    HOUSEHOLD_FIELDS = "HOUSEHOLD_FIELDS"
    MEMBER_FIELDS = "MEMBER_FIELDS"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Set completeness rule")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Stores in the community database which fields must be filled for a household to count as "
            "complete, then recomputes and stores the coverage of every community and reports the city's "
            "KR 8310 % before and after. Every user, map, report and the dashboard then count by this rule.\n\n"
            "Household fields: {household}. Member fields: {member}. Comma-separated; the KR 8310 defaults "
            "are all of them. On PostGIS only a KR 8310 administrator may change the rule.\n\n"
            "Example: qgis_process.bin run kr8310:setcompletenessrule -- DATABASE=/tmp/demo.gpkg "
            "HOUSEHOLD_FIELDS=house_no,member_count MEMBER_FIELDS=age,education"
        ).format(household=", ".join(HOUSEHOLD_FIELD_CHOICES), member=", ".join(MEMBER_FIELD_CHOICES))

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterString(self.DATABASE, tr("Community database (.gpkg or PostGIS)")))
        self.addParameter(
            QgsProcessingParameterString(
                self.HOUSEHOLD_FIELDS,
                tr("Required household fields (comma-separated)"),
                format_field_list(DEFAULT_RULE.household_fields),
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.MEMBER_FIELDS,
                tr("Required member fields (comma-separated)"),
                format_field_list(DEFAULT_RULE.member_fields),
            )
        )

    def _fields(self, parameters, context) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return (
            parse_field_list(self.parameterAsString(parameters, self.HOUSEHOLD_FIELDS, context)),
            parse_field_list(self.parameterAsString(parameters, self.MEMBER_FIELDS, context)),
        )

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            check_rule_fields(*self._fields(parameters, context))
        except RuleChangeError as error:
            return False, str(error)
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        household, member = self._fields(parameters, context)
        try:
            change = change_rule(database, household, member, progress=feedback.setProgress)
        except (DataSourceError, CoverageError, RuleChangeError) as error:
            raise QgsProcessingException(str(error)) from error
        old, new = change.old_rule, change.new_rule
        feedback.pushInfo(
            tr("Old rule (version {version}): household {household}; member {member}").format(
                version=old.version, household=", ".join(old.household_fields), member=", ".join(old.member_fields)
            )
        )
        feedback.pushInfo(
            tr("New rule (version {version}): household {household}; member {member}").format(
                version=new.version, household=", ".join(new.household_fields), member=", ".join(new.member_fields)
            )
        )
        feedback.pushInfo(
            tr("City KR 8310: {old} before, {new} now").format(
                old=_percent(change.old_city_kr_pct), new=_percent(change.new_city_kr_pct)
            )
        )
        return {
            "RULE_VERSION": new.version,
            "OLD_CITY_KR_PCT": change.old_city_kr_pct,
            "CITY_KR_PCT": change.new_city_kr_pct,
            "HOUSEHOLDS_COMPLETE": change.result.households_complete_total,
        }

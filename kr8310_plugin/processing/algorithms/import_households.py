"""kr8310:importhouseholds — households and members from survey files into a community database."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...compat import new_field
from ...core.importing.importer import (
    CommunityIndex,
    ImportRefusedError,
    Rejection,
    parse_mapping_text,
    prepare_import,
    unknown_values,
    write_gpkg,
)
from ...core.importing.readers import SourceError, list_layers, read_table, split_source
from ...core.rules.community_locator import POINT_COMMUNITY_RADIUS_M
from ...core.storage.datasource import DataSourceError, is_postgres, open_layer
from ...core.storage.postgis.target import PostgisError
from ...core.toolbelt.i18n import tr
from ...definitions.schema import COMMUNITIES
from .base import Kr8310Algorithm, SourceFileParameters, describe_rejection, refusal_lines

REPORT_FIELDS = (
    ("table", "string"),
    ("row", "int"),
    ("field", "string"),
    ("value", "string"),
    ("code", "string"),
    ("reason_th", "string"),
    ("reason_en", "string"),
)
UNKNOWN_VALUE_FIELDS = (("table", "string"), ("field", "string"), ("value", "string"), ("count", "int"))
SHOWN_PROBLEMS = 10  # in the error message; the report has them all


def report_fields(specs=REPORT_FIELDS) -> QgsFields:
    fields = QgsFields()
    for name, kind in specs:
        fields.append(new_field(name, kind))
    return fields


def find_members_sheet(source: str, household_layer: str | None) -> str | None:
    """The repeat-group sheet of a Kobo/ODK workbook: another sheet with a `_parent_index` column."""
    path, _ = split_source(source)
    if Path(path).suffix.lower() not in (".xlsx", ".ods"):
        return None
    names = list_layers(path)
    household_layer = household_layer or names[0]
    for name in names:
        if name == household_layer:
            continue
        table = read_table(path, name)
        if any(column.strip().lower().rsplit("/", 1)[-1] == "_parent_index" for column in table.columns):
            return name
    return None


class ImportHouseholdsAlgorithm(SourceFileParameters, Kr8310Algorithm):
    group_id = "survey"
    algorithm_id = "importhouseholds"
    MEMBERS = "MEMBERS"
    MEMBERS_LAYER = "MEMBERS_LAYER"
    SKIP_INVALID = "SKIP_INVALID"
    EDITOR = "EDITOR"
    REPORT = "REPORT"
    WARNINGS = "WARNINGS"
    UNKNOWN_VALUES = "UNKNOWN_VALUES"
    POINT_RADIUS = "POINT_RADIUS"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Import households from survey files")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Imports households (one row each) and their members into a community database, in one "
            "transaction.\n\n"
            "Input: CSV (UTF-8, UTF-8 with BOM or TIS-620), XLSX/ODS, GeoJSON or any vector layer file. Columns "
            "named like the database fields (house_no, building_type, residence_years, member_count, "
            "community_id, household_id, age, education, ...) map themselves; other names can be mapped as "
            "'field=column; field=column'. Coordinates: a point layer in any CRS, or longitude/latitude "
            "columns in WGS 84 (Kobo '_gps_longitude'/'_gps_latitude' too).\n\n"
            "Members: a second table or sheet (a KoboToolbox/ODK repeat-group sheet linked by _parent_index "
            "to _index is found by itself), or numbered columns member1_age, member1_education, ...\n\n"
            "Code lists may be given as keys, Thai or English labels; Thai digits are accepted in numbers. "
            "Without community_id the community is the polygon that contains the point.\n\n"
            "Any rejected row stops the whole import unless 'Skip invalid rows' is set; the report lists every "
            "rejected row with the reason in Thai and English. Importing the same file again updates changed "
            "households (matched on household_id, else community and house number) and adds no duplicates.\n\n"
            "Numbers: a decimal comma is never a thousands separator: '4,5' in a whole-number field is refused, "
            "'5,0' is read as 5 and listed in the warnings; '1,200' (groups of three digits) is 1200.\n\n"
            "Refused, with row, field and value: house numbers that look like a date Excel made (12-Mar, "
            "45728) or hold control characters; households given as polygons, lines or several points; a point "
            "too far from the community its community_id names; a duplicated column header; households with "
            "members whose member columns map to nothing. House numbers are compared with Thai digits as "
            "Arabic ones and invisible characters removed.\n\n"
            "Outputs: the rejected rows table, the warnings table (values taken but to be checked), the "
            "unknown values table (each value not in its code list with its number of rows, to map), and the "
            "numbers of households added, updated and rejected.\n\n"
            "Example: qgis_process.bin run kr8310:importhouseholds -- INPUT=survey.xlsx DATABASE=community.gpkg "
            "SKIP_INVALID=false"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add_source_parameters(
            tr("Survey file (households)"),
            tr("Survey files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;All files (*)"),
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.MEMBERS,
                tr("Members file (optional)"),
                optional=True,
                fileFilter=tr("Survey files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg);;All files (*)"),
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.MEMBERS_LAYER,
                tr("Members sheet or layer (empty: a sheet with _parent_index, if any)"),
                optional=True,
            )
        )
        self.add_database_parameter()
        self.add_encoding_parameter()
        self.add_mapping_parameter()
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.SKIP_INVALID, tr("Skip invalid rows (import the valid ones)"), defaultValue=False
            )
        )
        self.addParameter(QgsProcessingParameterString(self.EDITOR, tr("Editor name"), "import", optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.POINT_RADIUS,
                tr("Communities known only by a point: households up to this distance (m)"),
                QgsProcessingParameterNumber.Double,
                POINT_COMMUNITY_RADIUS_M,
                optional=True,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REPORT, tr("Rejected rows"), QgsProcessing.TypeVector, optional=True, createByDefault=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.WARNINGS,
                tr("Warnings (imported, to be checked)"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.UNKNOWN_VALUES,
                tr("Unknown values (to map)"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )
        for key, label in (
            ("WARNED", tr("Warnings")),
            ("INSERTED", tr("Households added")),
            ("UPDATED", tr("Households updated")),
            ("UNCHANGED", tr("Households unchanged")),
            ("KEPT", tr("Households kept (changed in the database since the file was made)")),
            ("MEMBERS_WRITTEN", tr("Members written")),
            ("REJECTED", tr("Rows rejected")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source, source_layer, encoding, database, mapping_text = self.source_file(parameters, context)
        members_source = self.parameterAsFile(parameters, self.MEMBERS, context)
        members_layer = self.parameterAsString(parameters, self.MEMBERS_LAYER, context) or None
        skip_invalid = self.parameterAsBoolean(parameters, self.SKIP_INVALID, context)
        editor = self.parameterAsString(parameters, self.EDITOR, context) or "import"
        try:
            mapping = parse_mapping_text(mapping_text)
            radius = self.parameterAsDouble(parameters, self.POINT_RADIUS, context)
            communities = CommunityIndex.from_layer(open_layer(database, COMMUNITIES), radius)
            feedback.pushInfo(tr("Reading {source}").format(source=source))
            households = read_table(source, source_layer, encoding)
            if households.encoding:
                feedback.pushInfo(tr("Text encoding: {encoding}").format(encoding=households.encoding))
            members = None
            if members_source:
                members = read_table(members_source, members_layer, encoding)
            elif members_layer:
                members = read_table(split_source(source)[0], members_layer, encoding)
            else:
                sheet = find_members_sheet(source, source_layer or split_source(source)[1])
                if sheet:
                    feedback.pushInfo(tr("Members from sheet '{sheet}'").format(sheet=sheet))
                    members = read_table(split_source(source)[0], sheet, encoding)
            feedback.setProgress(5)
            file_warnings: list[Rejection] = []
            drafts = prepare_import(
                households, communities, members, mapping, is_cancelled=feedback.isCanceled, warnings=file_warnings
            )
            for item in file_warnings:  # before anything is written
                feedback.pushWarning(describe_rejection(item))
            feedback.setProgress(20)
            progress = lambda value: feedback.setProgress(20 + 0.8 * value)  # noqa: E731
            if is_postgres(database):
                from ...core.importing.postgis_writer import write_postgis

                result = write_postgis(database, drafts, skip_invalid=skip_invalid, editor=editor, progress=progress)
            else:
                result = write_gpkg(
                    database,
                    drafts,
                    skip_invalid=skip_invalid,
                    editor=editor,
                    progress=progress,
                    is_cancelled=feedback.isCanceled,
                )
        except ImportRefusedError as error:
            report_id = self._write_report(parameters, context, error.rejections)
            self._write_unknown_values(parameters, context, error.rejections)
            lines = refusal_lines(error, SHOWN_PROBLEMS)
            lines += self._unknown_value_lines(error.rejections)
            if error.rejections and report_id:
                lines.append(tr("Every rejected row is listed in the report {report}.").format(report=report_id))
            raise QgsProcessingException("\n".join(lines)) from error
        except (SourceError, DataSourceError, PostgisError) as error:
            raise QgsProcessingException(str(error)) from error
        report_id = self._write_report(parameters, context, result.rejections)
        unknown_id = self._write_unknown_values(parameters, context, result.rejections)
        warnings = file_warnings + result.warnings
        warnings_id = self._write_report(parameters, context, warnings, self.WARNINGS)
        for item in result.rejections[:SHOWN_PROBLEMS]:
            feedback.reportError(describe_rejection(item), fatalError=False)
        for line in self._unknown_value_lines(result.rejections):
            feedback.pushWarning(line)
        for item in result.warnings[:SHOWN_PROBLEMS]:
            feedback.pushWarning(describe_rejection(item))
        feedback.pushInfo(
            tr(
                "{inserted} household(s) added, {updated} updated, {unchanged} unchanged, {members} member(s) "
                "written; {rejected} row(s) rejected."
            ).format(
                inserted=result.inserted,
                updated=result.updated,
                unchanged=result.unchanged,
                members=result.members_written,
                rejected=result.rejected_rows,
            )
        )
        return {
            self.REPORT: report_id,
            self.WARNINGS: warnings_id,
            self.UNKNOWN_VALUES: unknown_id,
            "WARNED": len(warnings),
            "INSERTED": result.inserted,
            "UPDATED": result.updated,
            "UNCHANGED": result.unchanged,
            "KEPT": result.kept,
            "MEMBERS_WRITTEN": result.members_written,
            "REJECTED": result.rejected_rows,
        }

    @staticmethod
    def _unknown_value_lines(rejections: list[Rejection]) -> list[str]:
        found = unknown_values(rejections)
        if not found:
            return []
        lines = [tr("Values not in the code lists (map them in the dialog or correct the file):")]
        for _table, column, value, count in found[:SHOWN_PROBLEMS]:
            lines.append(tr("  {field} '{value}': {count} row(s)").format(field=column, value=value, count=count))
        return lines

    def _write_unknown_values(self, parameters, context, rejections: list[Rejection]) -> str | None:
        fields = report_fields(UNKNOWN_VALUE_FIELDS)
        sink, sink_id = self.parameterAsSink(parameters, self.UNKNOWN_VALUES, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            return None
        for row in unknown_values(rejections):
            feature = QgsFeature(fields)
            feature.setAttributes(list(row))
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        del sink
        return sink_id

    def _write_report(self, parameters, context, rejections: list[Rejection], name: str = REPORT) -> str | None:
        sink, report_id = self.parameterAsSink(parameters, name, context, report_fields(), QgsWkbTypes.NoGeometry)
        if sink is None:
            return None
        for item in rejections:
            feature = QgsFeature(report_fields())
            feature.setAttributes(
                [item.table, item.row, item.field, item.value, item.code, item.reason_th, item.reason_en]
            )
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        del sink  # flushes a file report now, also when the import then fails
        return report_id

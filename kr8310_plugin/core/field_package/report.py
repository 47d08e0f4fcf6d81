"""The merge report as CSV or XLSX: one row per household or member that was not simply unchanged.

Both languages side by side, as every report of the plugin; the only personal field is the house
number, the reference a person needs to resolve a conflict or duplicate (members by their id).
"""

from __future__ import annotations

from pathlib import Path

from ...definitions.package_texts import MERGE_OUTCOMES, MERGE_REPORT_HEADERS, MERGE_SHEET
from ..exports.reports import Column, check_output_file, write_csv, write_xlsx
from .merge import MergePlan, report_rows

MERGE_REPORT_COLUMNS = tuple(
    Column(key, MERGE_REPORT_HEADERS[key].bracketed(), "text")
    for key in (
        "outcome_label",
        "outcome",
        "table",
        "community_id",
        "house_no",
        "household_id",
        "member_id",
        "reason",
        "fields",
        "duplicate_of",
    )
)


def write_merge_report(plan: MergePlan, output: str | Path) -> Path:
    """The plan's report into `output` (.csv or .xlsx); raises ReportExportError."""
    output = Path(output)
    rows = [{**row, "outcome_label": MERGE_OUTCOMES[row["outcome"]].slashed()} for row in report_rows(plan)]
    if output.suffix.lower() == ".xlsx":
        check_output_file(output)
        write_xlsx(output, [(MERGE_SHEET.spaced(), MERGE_REPORT_COLUMNS, rows)])
    else:
        write_csv(output, MERGE_REPORT_COLUMNS, rows)
    return output

"""One module per Processing algorithm; ALGORITHMS is what the provider registers."""

from .coverage import CoverageAlgorithm
from .create_database import CreateDatabaseAlgorithm
from .export_layout import ExportLayoutAlgorithm
from .export_map import ExportMapAlgorithm
from .export_report import ExportReportAlgorithm
from .generate_demo import GenerateDemoAlgorithm
from .import_communities import ImportCommunitiesAlgorithm
from .import_households import ImportHouseholdsAlgorithm
from .import_osm import ImportOsmAlgorithm
from .kr_summary import KrSummaryAlgorithm
from .merge_package import MergePackageAlgorithm
from .package_community import PackageCommunityAlgorithm
from .progress_report import ProgressReportAlgorithm
from .set_completeness_rule import SetCompletenessRuleAlgorithm
from .setup_project import SetUpProjectAlgorithm
from .snapshot import SnapshotAlgorithm
from .validate import ValidateAlgorithm

ALGORITHMS = [
    CreateDatabaseAlgorithm,
    GenerateDemoAlgorithm,
    ImportCommunitiesAlgorithm,
    ImportHouseholdsAlgorithm,
    CoverageAlgorithm,
    KrSummaryAlgorithm,
    SetCompletenessRuleAlgorithm,
    SetUpProjectAlgorithm,
    ValidateAlgorithm,
    ExportMapAlgorithm,
    ExportReportAlgorithm,
    SnapshotAlgorithm,
    ProgressReportAlgorithm,
    ImportOsmAlgorithm,
    ExportLayoutAlgorithm,
    PackageCommunityAlgorithm,
    MergePackageAlgorithm,
]

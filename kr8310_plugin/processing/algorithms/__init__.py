"""One module per Processing algorithm; ALGORITHMS is what the provider registers."""

from .create_database import CreateDatabaseAlgorithm
from .generate_demo import GenerateDemoAlgorithm
from .import_households import ImportHouseholdsAlgorithm
from .setup_project import SetUpProjectAlgorithm

ALGORITHMS = [
    CreateDatabaseAlgorithm,
    GenerateDemoAlgorithm,
    ImportHouseholdsAlgorithm,
    SetUpProjectAlgorithm,
]

"""kr8310:generatedemo — a deterministic synthetic community database for demos and tests."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...core.registry.demo import PROFILES, DemoError, DemoSummary, generate_demo
from ...core.storage.gpkg_database import DatabaseError, build_database
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm


def parse_district_codes(text: str) -> list[int]:
    """'1001, 1002 1003' -> [1001, 1002, 1003]; raises ValueError naming the bad item."""
    codes = []
    for item in text.replace(",", " ").split():
        if not item.isdigit():
            raise ValueError(tr("'{item}' is not a district code (1001-1050).").format(item=item))
        codes.append(int(item))
    return codes


class GenerateDemoAlgorithm(Kr8310Algorithm):
    group_id = "database"
    algorithm_id = "generatedemo"
    OUTPUT = "OUTPUT"
    SEED = "SEED"
    DISTRICTS = "DISTRICTS"
    PROFILE = "PROFILE"
    OVERWRITE = "OVERWRITE"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Generate demo database")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Builds a synthetic community database, deterministically from a seed: community polygons tiling "
            "the real Bangkok districts, with exactly the official number of small (S) and medium (M) "
            "communities and registered households per district plus large (L) communities, and synthetic "
            "households and members (no real person's data).\n\n"
            "Districts: leave empty for the whole city (2,004 communities) or list district codes, e.g. 1001.\n"
            "Profile: 'spread' enters 0 % to over 100 % of each register with some incomplete records; "
            "'full' enters one complete household per registered household (benchmarks).\n\n"
            "Example: qgis_process.bin run kr8310:generatedemo -- OUTPUT=/tmp/demo.gpkg SEED=8310 DISTRICTS=1001"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("Demo database"), tr("GeoPackage (*.gpkg)"))
        )
        self.addParameter(
            QgsProcessingParameterNumber(self.SEED, tr("Random seed"), QgsProcessingParameterNumber.Integer, 8310)
        )
        self.addParameter(
            QgsProcessingParameterString(self.DISTRICTS, tr("District codes (empty: whole city)"), "", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(self.PROFILE, tr("Household profile"), list(PROFILES), defaultValue=0)
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.OVERWRITE, tr("Overwrite an existing file"), defaultValue=False)
        )
        for key, label in (
            ("COMMUNITIES", tr("Communities")),
            ("HOUSEHOLDS", tr("Households")),
            ("MEMBERS", tr("Members")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if path and Path(path).exists() and not self.parameterAsBoolean(parameters, self.OVERWRITE, context):
            return False, tr("{path} already exists. Choose another file, or set OVERWRITE to replace it.").format(
                path=path
            )
        try:
            parse_district_codes(self.parameterAsString(parameters, self.DISTRICTS, context))
        except ValueError as error:
            return False, str(error)
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        seed = self.parameterAsInt(parameters, self.SEED, context)
        profile = PROFILES[self.parameterAsEnum(parameters, self.PROFILE, context)]
        try:
            scope = parse_district_codes(self.parameterAsString(parameters, self.DISTRICTS, context))
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error
        result: dict[str, DemoSummary] = {}

        def populate(connection, districts):
            result["summary"] = generate_demo(
                connection,
                districts,
                seed=seed,
                scope=scope,
                profile=profile,
                progress=feedback.setProgress,
                is_cancelled=feedback.isCanceled,
            )

        try:
            build_database(
                path, overwrite=self.parameterAsBoolean(parameters, self.OVERWRITE, context), populate=populate
            )
        except (DatabaseError, DemoError) as error:
            raise QgsProcessingException(str(error)) from error
        summary = result["summary"]
        feedback.pushInfo(
            tr("Demo database {path}: {communities} communities, {households} households, {members} members.").format(
                path=path, communities=summary.communities, households=summary.households, members=summary.members
            )
        )
        return {
            self.OUTPUT: path,
            "COMMUNITIES": summary.communities,
            "HOUSEHOLDS": summary.households,
            "MEMBERS": summary.members,
        }

"""kr8310:importosm — start the community layout of chosen communities from an OpenStreetMap extract."""

from __future__ import annotations

import re

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ...core.importing.osm_import import OsmImportError, import_osm
from ...core.toolbelt.i18n import tr
from ...definitions.labels import LAYOUT_LAYER_TITLES
from ...definitions.schema import LAYOUT_LAYER_SPECS
from .base import Kr8310Algorithm

SHOWN_KEPT = 20  # edited features named in the log, per layer


def split_list(text: str) -> list[str]:
    """'1001, 1002;1003' -> ['1001', '1002', '1003']."""
    return [item for item in re.split(r"[\s,;]+", text or "") if item]


class ImportOsmAlgorithm(Kr8310Algorithm):
    group_id = "database"
    algorithm_id = "importosm"
    database_parameter = "DATABASE"
    INPUT = "INPUT"
    DATABASE = "DATABASE"
    DISTRICTS = "DISTRICTS"
    COMMUNITIES = "COMMUNITIES"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Import community layout from OpenStreetMap")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Starts the community layout (buildings, roads and walkways, khlongs and waterways, water areas, "
            "facilities, safety points) of the chosen communities from an OpenStreetMap extract, in one "
            "transaction.\n\n"
            "Input: an .osm or .osm.pbf extract (GDAL's OSM driver), or any vector file with OSM fields "
            "(other_tags, osm_id, building, highway, waterway), e.g. an Overpass or QuickOSM export.\n\n"
            "Communities: a list of community ids, or district codes (1001-1050), or neither for every "
            "community of the database. Features are cut to each community's polygon; a community known only "
            "by its point takes what lies within 150 m of it. Buildings stay whole, in the community that "
            "holds them.\n\n"
            "Re-importing updates the features by their OSM id, adds new ones and never duplicates; a feature "
            "edited since its import is kept as edited and listed. Features gone from OpenStreetMap are "
            "reported, not deleted.\n\n"
            "Example: qgis_process.bin run kr8310:importosm -- INPUT=bangkok.osm.pbf DATABASE=community.gpkg "
            "DISTRICTS=1001"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT,
                tr("OpenStreetMap extract"),
                fileFilter=tr(
                    "OpenStreetMap (*.osm *.pbf *.osm.pbf);;Vector files (*.gpkg *.geojson *.json *.shp);;All files (*)"
                ),
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.DATABASE, tr("Community database (GeoPackage file or PostGIS)"))
        )
        self.addParameter(
            QgsProcessingParameterString(self.DISTRICTS, tr("Districts (codes, comma-separated)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(self.COMMUNITIES, tr("Communities (ids, comma-separated)"), optional=True)
        )
        for key, label in (
            ("INSERTED", tr("Features added")),
            ("UPDATED", tr("Features updated")),
            ("UNCHANGED", tr("Features unchanged")),
            ("KEPT_EDITED", tr("Features kept as edited")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsFile(parameters, self.INPUT, context)
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        districts_text = split_list(self.parameterAsString(parameters, self.DISTRICTS, context))
        communities = split_list(self.parameterAsString(parameters, self.COMMUNITIES, context))
        bad = [d for d in districts_text if not d.isdigit()]
        if bad:
            raise QgsProcessingException(
                tr("Districts: '{value}' is not a district code (1001-1050).").format(value=", ".join(bad))
            )
        try:
            result = import_osm(
                source,
                database,
                community_ids=communities or None,
                district_codes=[int(d) for d in districts_text] or None,
                progress=feedback.setProgress,
                log=feedback.pushInfo,
            )
        except OsmImportError as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(
            tr("{features} OSM feature(s) read for {communities} community(ies) in {seconds:.1f} s.").format(
                features=result.features_read, communities=len(result.communities), seconds=result.seconds
            )
        )
        totals = {"INSERTED": 0, "UPDATED": 0, "UNCHANGED": 0, "KEPT_EDITED": 0}
        for spec in LAYOUT_LAYER_SPECS:
            counts = result.tables[spec.name]
            title = LAYOUT_LAYER_TITLES.label(spec.name, "th") + " / " + LAYOUT_LAYER_TITLES.label(spec.name, "en")
            feedback.pushInfo(
                tr("{layer}: {inserted} added, {updated} updated, {unchanged} unchanged.").format(
                    layer=title, inserted=counts.inserted, updated=counts.updated, unchanged=counts.unchanged
                )
            )
            if counts.kept_edited:
                shown = ", ".join(counts.kept_edited[:SHOWN_KEPT])
                more = len(counts.kept_edited) - SHOWN_KEPT
                feedback.reportError(
                    tr("{layer}: {count} feature(s) edited since their import were kept as edited: {ids}").format(
                        layer=title, count=len(counts.kept_edited), ids=shown + (f" (+{more})" if more > 0 else "")
                    ),
                    fatalError=False,
                )
            if counts.not_in_file:
                feedback.pushInfo(
                    tr("{layer}: {count} imported feature(s) are no longer in the file; they were kept.").format(
                        layer=title, count=counts.not_in_file
                    )
                )
            totals["INSERTED"] += counts.inserted
            totals["UPDATED"] += counts.updated
            totals["UNCHANGED"] += counts.unchanged
            totals["KEPT_EDITED"] += len(counts.kept_edited)
        if not result.written:
            feedback.pushInfo(tr("The layout is as in the file already: nothing was written."))
        return totals

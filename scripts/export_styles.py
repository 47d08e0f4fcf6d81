"""`make styles`: write the communities' size-class and coverage styles (core.project.styles) as .qml files
into resources/styles/, one per style and language. tests/test_styles.py checks they are up to date."""

from __future__ import annotations

import sys

import qgis_session


def main() -> int:
    qgis_session.start()
    from kr8310_plugin.core.project.styles import export_styles

    for path in export_styles(qgis_session.ROOT / "resources" / "styles"):
        print(path.relative_to(qgis_session.ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""manifest.json of a field package: what it is, what it holds, where it came from.

The manifest says which communities a package carries, the rule and row versions it was cut
at (the rows as cut are in the package's `kr8310_package_base` table), who it was made for and
the GeoPackage and project files in the folder. No password: the source database is written
with passwords masked.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..toolbelt.i18n import tr

MANIFEST_NAME = "manifest.json"
FORMAT = "kr8310-field-package"
FORMAT_VERSION = 1


class PackageError(ValueError):
    """A package cannot be made or read; the message is for the user."""


@dataclass
class Manifest:
    package_id: str
    created_at: str
    communities: list[str]
    districts: list[int]
    database_file: str  # the GeoPackage in the folder
    project_file: str
    source: str  # the database it was cut from, passwords masked
    made_for: str = ""
    rule_version: int = 0
    households: int = 0
    members: int = 0
    row_versions: dict[str, int | None] = field(default_factory=dict)  # household_id -> version as cut
    basemap: str = ""
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def write(self, folder: Path) -> Path:
        path = folder / MANIFEST_NAME
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
        return path

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise PackageError(
                tr("{folder} is not a field package: it has no manifest.json.").format(folder=folder)
            ) from error
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise PackageError(
                tr("The manifest of {folder} cannot be read: {error}").format(folder=folder, error=error)
            ) from error
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise PackageError(tr("{folder} is not a KR 8310 field package.").format(folder=folder))
        if int(data.get("format_version", 0)) > FORMAT_VERSION:
            raise PackageError(
                tr("The package {folder} was made by a newer version of the plugin; update the plugin.").format(
                    folder=folder
                )
            )
        known = set(cls.__dataclass_fields__)
        try:
            return cls(**{key: value for key, value in data.items() if key in known})
        except TypeError as error:
            raise PackageError(
                tr("The manifest of {folder} is incomplete: {error}").format(folder=folder, error=error)
            ) from error

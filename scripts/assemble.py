"""Assemble the installable plugin folder from the package, resources/ and metadata.txt.

One source of truth: QGIS needs metadata.txt and the resources inside the plugin
folder, the repository keeps them at the top level. `make zip`, `make test`,
`make install` and QGIS_PLUGINPATH runs all use this assembly.

    python scripts/assemble.py copy BUILD_DIR   # a real folder (tests, zip)
    python scripts/assemble.py link BUILD_DIR   # symlinks into the source tree (make install)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "kr8310_plugin"
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts", "*.partial")


def assemble(mode: str, build_dir: Path) -> Path:
    target = build_dir / PACKAGE
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    sources = [p for p in sorted((ROOT / PACKAGE).iterdir()) if p.name != "__pycache__"]
    sources += [ROOT / "resources", ROOT / "metadata.txt", ROOT / "LICENSE"]
    for source in sources:
        if not source.exists():
            continue
        destination = target / source.name
        if mode == "link":
            destination.symlink_to(source)
        elif source.is_dir():
            shutil.copytree(source, destination, ignore=IGNORE)
        else:
            shutil.copy2(source, destination)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("copy", "link"):
        sys.exit(__doc__)
    print(assemble(sys.argv[1], Path(sys.argv[2])))

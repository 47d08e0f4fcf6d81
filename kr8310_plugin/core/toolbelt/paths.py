"""Where the plugin's resources are, in the installed plugin folder or the source tree."""

from __future__ import annotations

from pathlib import Path

# Not resolved: `make install` links the plugin folder, and its resources sit beside
# the link, not beside the link's target.
_PACKAGE_DIR = Path(__file__).parent.parent.parent


def resources_dir() -> Path:
    """`resources/` inside the installed plugin, else the repository's top-level one."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("KR 8310 resources folder not found next to " + str(_PACKAGE_DIR))


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)

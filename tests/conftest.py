"""Test set-up: the plugin is imported from the source tree (edit a module, run pytest, test the
edit; resources and metadata.txt sit at the top level, where core/paths.py finds them), QGIS
loads plugins from the assembled folder (`make build`), and the Processing provider is
registered once."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _let_pyproj_find_proj_data() -> None:
    """Debian's own python3-pyproj (kept in the venv when it equals the pin, as on Debian 13) looks
    for PROJ data under the venv's prefix, and warns at import when it is not there; point it at
    Debian's before it is imported. A pip wheel of pyproj brings its own data and is left alone."""
    import importlib.util

    spec = importlib.util.find_spec("pyproj")
    debian_proj = Path("/usr/share/proj")
    if spec and spec.origin and spec.origin.startswith("/usr/lib/python3/") and (debian_proj / "proj.db").exists():
        os.environ.setdefault("PROJ_DATA", str(debian_proj))


_let_pyproj_find_proj_data()


_providers = []  # referenced here: a provider Python lets go of vanishes from the registry


def registered_provider():
    """The registered kr8310 provider; registers a new one when none is (test_plugin unloads the plugin,
    which removes and deletes the provider the tests before it used)."""
    from qgis.core import QgsApplication

    from kr8310_plugin.processing.provider import Kr8310Provider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("kr8310")
    if provider is None:
        provider = Kr8310Provider()
        assert registry.addProvider(provider)
        _providers.append(provider)
    return provider


class _ProviderHandle:
    """Stands for whichever kr8310 provider is registered now: never a deleted C++ object."""

    def __getattr__(self, name):
        return getattr(registered_provider(), name)


@pytest.fixture(scope="session")
def kr8310_provider(qgis_app, qgis_processing):
    """The kr8310 Processing provider, registered for the whole session."""
    registered_provider()
    yield _ProviderHandle()


@pytest.fixture()
def run_algorithm(kr8310_provider):
    """processing.run for kr8310 algorithms."""
    import processing

    def run(algorithm_id: str, parameters: dict, **kwargs):
        registered_provider()
        return processing.run(f"kr8310:{algorithm_id}", parameters, **kwargs)

    return run


@pytest.fixture(scope="session")
def small_demo_gpkg(tmp_path_factory, kr8310_provider) -> Path:
    """A one-district demo database (Phra Nakhon, 1001), built once per session; treat as read-only."""
    from kr8310_plugin.core.registry.demo import generate_demo
    from kr8310_plugin.core.storage.gpkg_database import build_database

    path = tmp_path_factory.mktemp("demo") / "demo_1001.gpkg"
    build_database(
        path, populate=lambda connection, districts: generate_demo(connection, districts, seed=8310, scope=[1001])
    )
    return path


@pytest.fixture()
def demo_copy(small_demo_gpkg, tmp_path) -> Path:
    """A private copy of the one-district demo database that a test may change."""
    import shutil
    import sqlite3
    from contextlib import closing

    path = tmp_path / "demo.gpkg"
    shutil.copy(small_demo_gpkg, path)
    # A test that edited the shared file through QGIS left it in WAL mode (QGIS switches GeoPackages it
    # writes to WAL); a copy without its -shm file then cannot be opened read-only, as QGIS first opens
    # layers ("WAL-enabled database ... read-only"). Each copy starts in rollback-journal mode.
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    return path


_exit_status = 0


def pytest_sessionfinish(session, exitstatus):
    global _exit_status
    _exit_status = int(exitstatus)


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config):
    """Leave without QGIS's own teardown once pytest has reported everything.

    QgsApplication.exitQgis() can crash while Python still holds layers, projects and
    widgets of the tests; the crash would turn a green run red. The exit status is pytest's.
    """
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)

"""A throw-away PostgreSQL 15 + PostGIS cluster for the `postgis` tests: started once per
session on 127.0.0.1 (a free port, a temp data dir) and deleted after (scripts/pg_cluster.py)."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from pg_cluster import FAST_SETTINGS, Cluster, start_cluster  # noqa: E402

_schema_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Cluster:
    cluster = start_cluster(FAST_SETTINGS)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_superuser(pg_cluster):
    """A psycopg2 connection as the cluster's superuser, autocommit."""
    import psycopg2

    connection = psycopg2.connect(pg_cluster.dsn())
    connection.autocommit = True
    yield connection
    connection.close()


@pytest.fixture()
def new_schema_name() -> str:
    """A schema name no other test in the session uses (role names derive from it)."""
    return f"kr_test{next(_schema_numbers)}"

"""No PostgreSQL password in a set-up project, in an algorithm's output or in an error message.

The throw-away cluster trusts every local connection: a password in the URI is accepted and
ignored, which is enough to show that it never lands anywhere."""

from __future__ import annotations

import stat
import zipfile

import pytest
from pg_cluster import free_port, load_geopackage
from qgis.core import QgsProcessingException, QgsProject

from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.core.storage.postgis.target import PostgisError
from kr8310_plugin.definitions.schema import LAYOUT_LAYER_SPECS

pytestmark = pytest.mark.postgis

PASSWORD = "Very-S3cret-pw"


def _with_password(dsn: str, password: str = PASSWORD) -> str:
    scheme, rest = dsn.split("://", 1)
    user, host = rest.split("@", 1)
    return f"{scheme}://{user}:{password}@{host}"


def test_setupproject_writes_no_password_into_the_project(run_algorithm, pg_cluster, small_demo_gpkg, tmp_path):
    schema = "kr_secrets"
    database = f"{_with_password(pg_cluster.dsn())}?schema={schema}"
    build_postgis_database(database, overwrite=True, roles=False)
    load_geopackage(pg_cluster.dsn(), small_demo_gpkg, schema)
    output = tmp_path / "mapping.qgz"
    result = run_algorithm("setupproject", {"DATABASE": database, "OUTPUT": str(output)})
    assert result["OUTPUT"] == str(output)
    with zipfile.ZipFile(output) as archive:
        for name in archive.namelist():
            assert PASSWORD.encode() not in archive.read(name), name
        project_text = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".qgs"))
    assert b"table=" in project_text and f"port={pg_cluster.port}".encode() in project_text  # the layers are there
    # Nothing secret in it, and still not readable by everyone on the machine beyond the umask's choice.
    assert not output.stat().st_mode & stat.S_IWOTH
    project = QgsProject()
    assert project.read(str(output))  # trust auth: the layers open without the password
    # Every layer opens: the four of the survey and the community layout's, found by their tag.
    layers = project.mapLayers().values()
    assert all(layer.isValid() for layer in layers)
    assert sorted(layer.customProperty("kr8310/layer") for layer in layers) == sorted(
        ["communities", "districts", "households", "members", *(spec.name for spec in LAYOUT_LAYER_SPECS)]
    )
    project.clear()


def test_createdatabase_output_and_messages_mask_the_password(run_algorithm, pg_cluster):
    connection = _with_password(pg_cluster.dsn())
    result = run_algorithm(
        "createdatabase", {"CONNECTION": connection, "SCHEMA": "kr_secrets_create", "ROLES": False, "OVERWRITE": True}
    )
    assert PASSWORD not in result["DATABASE"] and PASSWORD not in result["MESSAGE"]
    assert result["DATABASE"].startswith(pg_cluster.dsn())
    assert "schema=kr_secrets_create" in result["DATABASE"]


def test_connection_errors_mask_the_password(run_algorithm, tmp_path):
    unreachable = f"postgresql://mapper:{PASSWORD}@127.0.0.1:{free_port()}/nowhere?schema=kr8310"
    with pytest.raises(PostgisError) as raised:
        build_postgis_database(unreachable, roles=False)
    assert PASSWORD not in str(raised.value)
    with pytest.raises(QgsProcessingException) as raised:
        run_algorithm("setupproject", {"DATABASE": unreachable, "OUTPUT": str(tmp_path / "m.qgz")})
    assert PASSWORD not in str(raised.value)
    with pytest.raises(QgsProcessingException) as raised:
        run_algorithm("exportreport", {"DATABASE": unreachable, "OUTPUT": str(tmp_path / "r.csv")})
    assert PASSWORD not in str(raised.value)

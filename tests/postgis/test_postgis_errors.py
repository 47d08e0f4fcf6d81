"""A PostgreSQL server's refusal reaches the user as the server's words (PostgisError), whatever
exception class the running QGIS raises from executeSql (QgsException on 3.22,
QgsProviderConnectionException on 3.40)."""

from __future__ import annotations

import pytest

from kr8310_plugin.core.storage.postgis.connection import connect, execute
from kr8310_plugin.core.storage.postgis.target import PostgisError, parse_target

pytestmark = pytest.mark.postgis


def test_a_failing_statement_gives_the_servers_message(pg_cluster, qgis_app):
    connection = connect(parse_target(pg_cluster.dsn()))
    assert execute(connection, "SELECT 6 * 7")[0][0] == 42
    with pytest.raises(PostgisError, match="division by zero") as failed:
        execute(connection, "SELECT 1 / 0")
    assert "SELECT 1 / 0" not in str(failed.value)  # the statement QGIS repeats is left out


def test_a_refused_read_gives_the_servers_message(pg_cluster, pg_superuser, qgis_app):
    with pg_superuser.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS public.kr_private; CREATE TABLE public.kr_private (x integer)")
        cursor.execute("DROP ROLE IF EXISTS kr_nobody; CREATE ROLE kr_nobody LOGIN")
    try:
        connection = connect(parse_target(pg_cluster.dsn("kr_nobody")))
        with pytest.raises(PostgisError, match="permission denied"):
            execute(connection, "SELECT x FROM public.kr_private")
    finally:
        with pg_superuser.cursor() as cursor:
            cursor.execute("DROP TABLE public.kr_private; DROP ROLE kr_nobody")

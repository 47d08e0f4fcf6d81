"""Talking to a PostgreSQL server through QGIS: connect, run SQL, quote names and values."""

from __future__ import annotations

import json
from collections.abc import Sequence

from qgis.core import QgsAbstractDatabaseProviderConnection, QgsProviderRegistry

from ...rules.sql_text import POSTGRES, quote_identifier
from ...rules.sql_text import quote_literal as _quote_literal
from ...toolbelt.i18n import tr
from .target import QGIS_CONNECTION_ERRORS, PostgisError, PostgisTarget, error_text


def quote_ident(name: str) -> str:
    """`name` as a PostgreSQL identifier (rules/sql_text.py does the quoting)."""
    return quote_identifier(name, POSTGRES)


def quote_literal(value: object) -> str:
    """`value` (None, bool, int, float or text) as a PostgreSQL literal (rules/sql_text.py)."""
    return _quote_literal(value, POSTGRES)


def connect(target: PostgisTarget) -> QgsAbstractDatabaseProviderConnection:
    """A QGIS provider connection (executeSql) to the target's database."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        return metadata.createConnection(target.connection_string(), {})
    except QGIS_CONNECTION_ERRORS as error:
        raise PostgisError(tr("Cannot connect to PostgreSQL: {error}").format(error=error_text(error))) from error


def _server_message(error: BaseException) -> str:
    """The server's words from a QGIS SQL error (which also repeats the whole statement), passwords masked."""
    text = error_text(error)
    start = text.find("[ERROR:")
    return text[start + 1 :].rstrip("]\n ") if start >= 0 else text


def execute(connection: QgsAbstractDatabaseProviderConnection, statements: Sequence[str] | str) -> list[list]:
    """Run statements as one implicit transaction (one round trip): all of them or none.

    Returns the rows of the last statement; raises PostgisError with the server's message.
    """
    sql = statements if isinstance(statements, str) else ";\n".join(statements)
    try:
        return connection.executeSql(sql)
    except QGIS_CONNECTION_ERRORS as error:
        raise PostgisError(_server_message(error)) from error


def schema_exists(connection: QgsAbstractDatabaseProviderConnection, schema: str) -> bool:
    return bool(execute(connection, f"SELECT to_regnamespace({quote_literal(schema)}) IS NOT NULL")[0][0])


def execute_on(connection_info: str, sql: str) -> list[list]:
    """Run `sql` on the server of a layer's connection info (QgsDataSourceUri.connectionInfo)."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        return metadata.createConnection(connection_info, {}).executeSql(sql)
    except QGIS_CONNECTION_ERRORS as error:
        raise PostgisError(_server_message(error)) from error


def select_rows(connection_info: str, select_sql: str, width: int) -> list[list]:
    """The rows of one SELECT of `width` columns on the server of a layer's connection info, NULL as None,
    sent as one JSON text.

    QGIS's executeSql makes a typed QVariant of every value of a result (about 15 µs each: 0.1 s for
    the 6,000 rows of the city's kept coverage); one text is one value. For columns JSON carries as
    they are (text, integers, double precision, boolean); the row order is the SELECT's. Connections
    come from QGIS's pool (reused, one per thread, re-opened when the server dropped one). Raises
    PostgisError with the server's message.
    """
    names = [f"c{number}" for number in range(1, width + 1)]
    columns = ", ".join(f"q.{name}" for name in names)
    aggregate = f"coalesce(json_agg(json_build_array({columns})), '[]')::text"  # arrays: no key per value
    rows = execute_on(connection_info, f"SELECT {aggregate} FROM ({select_sql}) q ({', '.join(names)})")
    return json.loads(rows[0][0])

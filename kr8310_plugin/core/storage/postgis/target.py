"""Naming a PostGIS community database: one string, a connection and a schema.

A database is named by one string (see core/storage/datasource.py):
``postgresql://user@host:5432/dbname?schema=kr8310&sslmode=require`` or ``pg:NAME?schema=kr8310``
for a QGIS saved connection. Also here: the table and view names every other module of
this package uses, PostgisError and the masking of passwords in messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsCredentials,
    QgsDataSourceUri,
    QgsException,
    QgsProviderConnectionException,
    QgsProviderRegistry,
    QgsWkbTypes,
)

from ....definitions.schema import CRS_EPSG, GEOMETRY_COLUMN, LayerSpec
from ...toolbelt.i18n import tr

DEFAULT_SCHEMA = "kr8310"
KEY_COLUMN = "fid"
AUDIT_TABLE = "audit_log"
MAPPER_DISTRICTS_TABLE = "mapper_districts"
COVERAGE_VIEW = "community_coverage"
# The same rows for the whole city, planned for it: one pass, no parallel workers (each would
# rebuild the member hash) and memory enough to hash half a million households.
COVERAGE_FUNCTION = "community_coverage_all"
KR_VIEW = "kr_summary"
# The server functions exports call: coverage refreshed by the server, the date of the latest household save.
REFRESH_COVERAGE_FUNCTION = "refresh_coverage"
LATEST_CHANGE_FUNCTION = "latest_household_change"
_WKB_TYPES = {
    "MULTIPOLYGON": QgsWkbTypes.MultiPolygon,
    "MULTILINESTRING": QgsWkbTypes.MultiLineString,
    "POINT": QgsWkbTypes.Point,
    None: QgsWkbTypes.NoGeometry,
}
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")
_URI_OPTIONS = {"schema", "sslmode", "service", "authcfg"}
# What QGIS raises when a provider connection fails: QgsProviderConnectionException from executeSql
# on newer QGIS (not a QgsException), QgsException on QGIS 3.22.
QGIS_CONNECTION_ERRORS = (QgsProviderConnectionException, QgsException)
# A password in a libpq connection string (password='…' or password=…) or a URI (user:password@host).
_PASSWORD_PATTERNS = (
    (re.compile(r"(\bpassword\s*=\s*)'(?:[^'\\]|\\.)*'", re.IGNORECASE), r"\1'***'"),
    (re.compile(r"(\bpassword\s*=\s*)[^\s&'\]]+", re.IGNORECASE), r"\1***"),
    # Up to the last @ of the URI: a password may hold an unencoded @ or / of its own.
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)\S*@", re.IGNORECASE), r"\1***@"),
)


def safe_search_path(schema: str) -> str:
    """The search_path clause of every function of a community schema: PostgreSQL's own names, then the
    schema's, temporary objects last; never a schema others may create functions in (public, on
    PostgreSQL <= 14), where a look-alike of a called function would run with the caller's rights."""
    return f"SET search_path = pg_catalog, {schema}, pg_temp"


class PostgisError(ValueError):
    """A PostGIS database cannot be reached, created or changed; the message is for the user."""


def mask_passwords(text: str) -> str:
    """`text` with every password of a connection string or URI in it replaced by ***."""
    for pattern, replacement in _PASSWORD_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def error_text(error: BaseException) -> str:
    """The message of a QGIS exception (PyQGIS exceptions have no what()), passwords masked."""
    text = str(error) or " ".join(str(arg) for arg in error.args)
    return mask_passwords(text)


@dataclass(frozen=True)
class PostgisTarget:
    """Where a community database lives on a server: connection (no table) and schema."""

    uri: QgsDataSourceUri
    schema: str

    def connection_string(self) -> str:
        """The connection part only, as QGIS writes it (dbname='…' host=… user='…' …)."""
        return self.uri.uri(False)

    def role(self, kind: str) -> str:
        """Group role names are prefixed with the schema, so test and live schemas can share a cluster."""
        return f"{self.schema}_{kind}"


def _check_schema_name(schema: str) -> str:
    if not _SCHEMA_NAME.match(schema):
        raise PostgisError(
            tr("'{schema}' is not a usable schema name: use lower-case letters, digits and _ (at most 41).").format(
                schema=schema
            )
        )
    return schema


def parse_target(database: str, schema: str | None = None) -> PostgisTarget:
    """A PostgisTarget from ``postgres(ql)://…`` (libpq URI, plus ``schema``) or ``pg:NAME[?schema=…]``.

    `schema`, when given, overrides the one in the string. Raises PostgisError when the
    string is malformed or names no saved connection.
    """
    if database.startswith("pg:"):
        name, _, query = database[3:].partition("?")
        options = dict(parse_qsl(query))
        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        try:
            connection = metadata.findConnection(name) if name else None
        except QGIS_CONNECTION_ERRORS:
            connection = None
        if connection is None:
            raise PostgisError(
                tr("There is no saved PostgreSQL connection named '{name}' (Browser ▸ PostgreSQL).").format(name=name)
            )
        uri = QgsDataSourceUri(connection.uri())
    elif database.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(database)
        options = dict(parse_qsl(parts.query))
        unknown = sorted(set(options) - _URI_OPTIONS)
        if unknown:
            raise PostgisError(
                tr(
                    "Unsupported option(s) in the connection URI: {options}. Use schema, sslmode, service, authcfg."
                ).format(options=", ".join(unknown))
            )
        try:
            port = str(parts.port or "")
        except ValueError as error:
            raise PostgisError(tr("The port in {uri} is not a number.").format(uri=mask_passwords(database))) from error
        uri = QgsDataSourceUri()
        sslmode = QgsDataSourceUri.decodeSslMode(options.get("sslmode", "prefer"))
        dbname = unquote(parts.path.lstrip("/"))
        user, password = unquote(parts.username or ""), unquote(parts.password or "")
        if options.get("service"):
            uri.setConnection(options["service"], dbname, user, password, sslmode, options.get("authcfg", ""))
        else:
            uri.setConnection(parts.hostname or "", port, dbname, user, password, sslmode, options.get("authcfg", ""))
    else:
        raise PostgisError(tr("'{database}' is not a PostgreSQL connection.").format(database=mask_passwords(database)))
    return PostgisTarget(uri, _check_schema_name(schema or options.get("schema") or DEFAULT_SCHEMA))


def postgis_layer_uri(database: str, spec: LayerSpec) -> str:
    """The QGIS postgres data source of one layer: schema, table, geometry column, key, CRS, type."""
    target = parse_target(database)
    uri = QgsDataSourceUri(target.connection_string())
    uri.setDataSource(target.schema, spec.name, GEOMETRY_COLUMN if spec.geometry else "", "", KEY_COLUMN)
    uri.setKeyColumn(KEY_COLUMN)
    if spec.geometry:
        uri.setSrid(str(CRS_EPSG))
        uri.setWkbType(_WKB_TYPES[spec.geometry])
    return uri.uri(False)


def database_string(target: PostgisTarget, database: str) -> str:
    """The database string (core/storage/datasource.py) of `database` with the target's schema set."""
    base, _, query = database.partition("?")
    options = [(k, v) for k, v in parse_qsl(query) if k != "schema"] + [("schema", target.schema)]
    return base + "?" + "&".join(f"{k}={v}" for k, v in options)


def database_uri(uri: QgsDataSourceUri, schema: str) -> str:
    """A ``postgresql://`` database string for a connection, never with its password."""
    netloc = quote(uri.username(), safe="") + "@" if uri.username() else ""
    netloc += uri.host() + (f":{uri.port()}" if uri.port() else "")
    options = [("schema", schema)]
    if uri.sslMode() != QgsDataSourceUri.SslPrefer:
        options.append(("sslmode", QgsDataSourceUri.encodeSslMode(uri.sslMode())))
    options += [(key, value) for key, value in (("service", uri.service()), ("authcfg", uri.authConfigId())) if value]
    return f"postgresql://{netloc}/{quote(uri.database(), safe='')}?" + "&".join(f"{k}={v}" for k, v in options)


def public_database(database: str) -> str:
    """`database` without the password a ``postgresql://user:password@…`` URI may carry (for outputs)."""
    if not database.startswith(("postgres://", "postgresql://")):
        return database
    parts = urlsplit(database)
    if parts.password is None:
        return database
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0]
    return parts._replace(netloc=f"{user}@{netloc}" if user else netloc).geturl()


@dataclass(frozen=True)
class ProjectConnection:
    """The database string to keep in a project, and what the user should know about its password."""

    database: str
    notice: str = ""


def project_connection(database: str, auth_manager=None) -> ProjectConnection:
    """A database string for `database` that holds no password, for a project file.

    A password in the connection goes into QGIS's authentication database (a 'Basic' config,
    referred to by authcfg) when it has a master password; otherwise it is only remembered for
    this session (QgsCredentials) and QGIS asks for it when the project is opened. `auth_manager`
    defaults to QgsApplication.authManager(). Raises PostgisError for a malformed string.
    """
    target = parse_target(database)
    password = target.uri.password()
    if not password:
        return ProjectConnection(database)
    uri = QgsDataSourceUri(target.connection_string())
    uri.setPassword("")
    user = uri.username()
    if uri.service():
        _remember_for_session(uri, user, password)
        return ProjectConnection(
            database_uri(uri, target.schema),
            tr(
                "The password is not saved in the project: the PostgreSQL service '{service}' (pg_service.conf) "
                "or QGIS's password prompt supplies it."
            ).format(service=uri.service()),
        )
    manager = auth_manager or QgsApplication.authManager()
    if not manager.isDisabled() and manager.masterPasswordIsSet():
        name = f"KR 8310 {user}@{uri.host()}:{uri.port()}/{uri.database()}"
        config = QgsAuthMethodConfig("Basic")
        config.setName(name)
        config.setConfig("username", user)
        config.setConfig("password", password)
        existing = [c for c in manager.availableAuthMethodConfigs().values() if c.name() == name]
        if existing:
            config.setId(existing[0].id())
            stored, config_id = manager.updateAuthenticationConfig(config), existing[0].id()
        else:
            stored, saved = manager.storeAuthenticationConfig(config)
            config_id = saved.id()
        if stored and config_id:
            uri.setAuthConfigId(config_id)
            return ProjectConnection(
                database_uri(uri, target.schema),
                tr(
                    "The password is kept in QGIS's authentication database as '{name}' (authcfg {id}), not in "
                    "the project."
                ).format(name=name, id=config_id),
            )
    _remember_for_session(uri, user, password)
    return ProjectConnection(
        database_uri(uri, target.schema),
        tr(
            "The password is not saved in the project: QGIS asks for it when the project is opened. To have it "
            "remembered safely, set a master password in QGIS (Settings ▸ Options ▸ Authentication) and set up "
            "the project again."
        ),
    )


def _remember_for_session(uri: QgsDataSourceUri, user: str, password: str) -> None:
    """Let this QGIS session connect without the password in the URI: QGIS's postgres provider looks a
    refused connection up in the credentials cache, by its connection info, before asking."""
    QgsCredentials.instance().put(uri.connectionInfo(False), user, password)

"""The community database in PostGIS: many district offices editing one database at once.

The same layers and fields as the GeoPackage (definitions/schema.py), plus what a shared
server needs: primary and foreign keys, check constraints, spatial indexes, triggers that
stamp `updated_at`/`editor` and keep `row_version`, roles with row-level security per
district, an audit trail, and coverage computed in the database. Plugin-side SQL goes
through QGIS's own postgres provider (QgsAbstractDatabaseProviderConnection.executeSql),
so the plugin needs no Python driver.

- target.py: naming a database (connection string or saved connection, schema), the layer
  URIs, the table and view names, PostgisError and password masking.
- editing.py: safe editing from QGIS: the row_version declaration, read-only server
  fields, and a mapper's explanation of a refused commit.
- connection.py: connecting and running SQL (one transaction per call), PostgreSQL quoting.
- ddl.py: the schema as SQL: tables, checks, triggers, indexes, audit trail, views, districts.
- roles.py: group roles, grants and row-level security per district.
- coverage_sql.py: coverage computed by the server (view SQL and the per-community query).
- build.py: creating the community database on a server in one transaction.
"""

"""Rules that exist in more than one dialect (Python, SQLite, PostgreSQL, QGIS expressions),
each defined once with its generated dialects: completeness, and the quoting they share."""

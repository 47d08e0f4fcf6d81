"""What an export asks a PostGIS community database for, as any KR 8310 role (a planner too):
the coverage of every community, refreshed and stored by the server, and the time a household
was last saved. The server's SECURITY DEFINER functions (ddl.py) compute both; no household or
member row leaves the server.
"""

from __future__ import annotations

from datetime import datetime

from qgis.core import NULL

from .connection import connect, execute
from .target import LATEST_CHANGE_FUNCTION, REFRESH_COVERAGE_FUNCTION, parse_target


def refreshed_coverage_rows(database: str) -> list[tuple[str, int | None, int | None, int, int]]:
    """The server refreshes the stored coverage fields of communities, then returns per community
    (community_id, district_code, registered_households, households_entered, households_complete).
    Raises PostgisError with the server's message."""
    target = parse_target(database)
    rows = execute(
        connect(target),
        "SELECT community_id, district_code, registered_households, households_entered, households_complete "
        f"FROM {target.schema}.{REFRESH_COVERAGE_FUNCTION}()",
    )
    return [tuple(None if value is None or value == NULL else value for value in row) for row in rows]


def latest_household_change(database: str) -> datetime | None:
    """When a household of the database was last created or updated; None when it has none.
    Raises PostgisError with the server's message."""
    target = parse_target(database)
    rows = execute(connect(target), f"SELECT {target.schema}.{LATEST_CHANGE_FUNCTION}()")
    value = rows[0][0] if rows else None
    if hasattr(value, "toPyDateTime"):
        value = value.toPyDateTime()
    if isinstance(value, str) and value:
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value if isinstance(value, datetime) else None

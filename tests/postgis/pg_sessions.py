"""Helpers of the PostGIS tests that are not fixtures."""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def autocommit_cursor(dsn: str):
    """A cursor of a new autocommit connection (psycopg2's `with connection` would open a transaction)."""
    import psycopg2

    connection = psycopg2.connect(dsn)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()

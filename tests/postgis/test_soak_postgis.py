"""Concurrency soak on PostGIS: mapper sessions (psycopg2 connections as mapper logins, in threads) and a
real QGIS layer session edit overlapping households and members while imports of the same households
run. Afterwards every committed edit is in the database or was overtaken only by a writer that had seen
it, and every refused one was refused with the server's message: zero silent losses.

How a loss would show: every successful write of a row is recorded with the version it started from
and the version it made. Sorted by the version made, each write must start from the version the
previous one made; a write that started from an older one overwrote an edit it never saw.
"""

from __future__ import annotations

import csv
import random
import threading
import time

import psycopg2
import psycopg2.errors
import pytest
from test_lost_updates_postgis import COMMUNITY, build_city, lonlat, session

from kr8310_plugin.core.importing import postgis_writer
from kr8310_plugin.core.importing.importer import CommunityIndex, prepare_import
from kr8310_plugin.core.importing.readers import read_table
from kr8310_plugin.core.storage.datasource import open_layer
from kr8310_plugin.core.storage.postgis.editing import CONFLICT_TAG
from kr8310_plugin.core.storage.row_versions import IMPORT_VERSIONS_TABLE

pytestmark = pytest.mark.postgis

SCHEMA = "kr_soak"
HOUSEHOLDS = 24
MAPPER_SESSIONS = 3
ROUNDS = 10  # of the main loop: one QGIS save with a forced conflict and one import each
SEED = 8310


@pytest.fixture(scope="module")
def soak_city(pg_cluster, pg_superuser, kr8310_provider):
    return build_city(
        pg_cluster, pg_superuser, SCHEMA, ("qgis", "importer", *(f"mapper{n}" for n in range(MAPPER_SESSIONS)))
    )


class Ledger:
    """Every successful write (table, key, version started from, version made, writer) and every refusal."""

    def __init__(self):
        self.lock = threading.Lock()
        self.writes: list[tuple[str, str, int, int, str]] = []
        self.refused: list[tuple[str, str]] = []  # (writer, message)
        self.errors: list[str] = []  # anything else a session met: must stay empty
        self.attempts = 0

    def wrote(self, table, key, started, made, writer):
        with self.lock:
            self.attempts += 1
            self.writes.append((table, key, started, made, writer))

    def was_refused(self, writer, message):
        with self.lock:
            self.attempts += 1
            self.refused.append((writer, message))

    def lost(self) -> list[tuple]:
        """Writes that started from an older version than the write before them made."""
        lost = []
        chains: dict[tuple[str, str], list[tuple]] = {}
        for table, key, started, made, writer in self.writes:
            chains.setdefault((table, key), []).append((made, started, writer))
        for chain in chains.values():
            chain.sort()
            for (made_before, _s, writer_before), (made, started, writer) in zip(chain, chain[1:]):
                if started != made_before or made != made_before + 1:
                    lost.append((writer_before, writer, made_before, started, made))
        return lost


def _survey(path, rows, versions=None):
    header = ["household_id", "house_no", "community_id", "longitude", "latitude", "residence_years", "member1_age"]
    if versions is not None:
        header.append("row_version")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([*row, versions[row[0]]] if versions is not None else row)
    return path


def mapper_session(dsn: str, name: str, keys: dict[str, list[str]], ledger: Ledger, stop: threading.Event, seed: int):
    """Read a row, think, save it declaring the version read (as QGIS does); a household or a member."""
    rng = random.Random(seed)
    with session(dsn) as cursor:
        while not stop.is_set():
            table = rng.choice(("households", "households", "members"))
            key_name, field, values = (
                ("household_id", "residence_years", (0, 60)) if table == "households" else ("member_id", "age", (0, 99))
            )
            key = rng.choice(keys[table])
            cursor.execute(f"SELECT row_version FROM {SCHEMA}.{table} WHERE {key_name} = %s", (key,))
            found = cursor.fetchone()
            if found is None:
                continue
            read = found[0]
            time.sleep(rng.uniform(0, 0.02))
            try:
                cursor.execute(
                    f"UPDATE {SCHEMA}.{table} SET {field} = %s, row_version = %s WHERE {key_name} = %s "
                    "RETURNING row_version",
                    (rng.randint(*values), -(read + 1), key),
                )
                made = cursor.fetchone()
                if made is not None:
                    ledger.wrote(table, key, read, made[0], name)
            except psycopg2.errors.SerializationFailure as error:
                ledger.was_refused(name, str(error))
            except psycopg2.Error as error:
                with ledger.lock:
                    ledger.errors.append(f"{name}: {error}")
                return


def test_no_committed_edit_is_lost(soak_city, tmp_path, monkeypatch):
    users, cluster, database = soak_city.users, soak_city.cluster, soak_city.database
    rng = random.Random(SEED)
    rows = []
    for n in range(HOUSEHOLDS):
        lon, lat = lonlat(10 + 7 * n, 10 + 5 * (n % 30))
        rows.append([f"00000000-0000-4000-8000-{n:012d}", f"s{n}/1", COMMUNITY, lon, lat, "5", "40"])
    communities = CommunityIndex.from_layer(open_layer(database("importer"), "communities"))

    def import_file(path):
        drafts = prepare_import(read_table(str(path)), communities)
        return postgis_writer.write_postgis(database("importer"), drafts)

    assert import_file(_survey(tmp_path / "first.csv", rows)).inserted == HOUSEHOLDS
    with session(cluster.dsn(users["admin"])) as cursor:
        cursor.execute(f"SELECT household_id FROM {SCHEMA}.households")
        household_ids = [r[0] for r in cursor.fetchall()]
        cursor.execute(f"SELECT member_id FROM {SCHEMA}.members")
        keys = {"households": household_ids, "members": [r[0] for r in cursor.fetchall()]}

    ledger = Ledger()
    plan = postgis_writer.plan_changes
    planned: list = []

    def planned_changes(*args, **kwargs):  # what the import read: the version each write starts from
        changes = plan(*args, **kwargs)
        planned.extend(changes)
        return changes

    monkeypatch.setattr(postgis_writer, "plan_changes", planned_changes)
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=mapper_session,
            args=(cluster.dsn(users[f"mapper{n}"]), f"mapper{n}", keys, ledger, stop, SEED + n),
            daemon=True,
        )
        for n in range(MAPPER_SESSIONS)
    ]
    for thread in threads:
        thread.start()
    layer = open_layer(database("qgis"), "households")  # a mapper's QGIS layer: declares row_version
    kept = imported = 0
    try:
        for number in range(ROUNDS):
            # The QGIS session: edit one household; another mapper saves it first on every other round.
            key = rng.choice(household_ids)
            feature = next(layer.getFeatures(f"\"household_id\" = '{key}'"))
            assert layer.startEditing()
            assert layer.changeAttributeValue(feature.id(), layer.fields().indexOf("residence_years"), number)
            declared = layer.editBuffer().changedAttributeValues()[feature.id()][layer.fields().indexOf("row_version")]
            read = -declared - 1  # the version this edit started from, as QGIS declares it
            if number % 2 == 0:
                with session(cluster.dsn(users["mapper0"])) as cursor:
                    cursor.execute(f"SELECT row_version FROM {SCHEMA}.households WHERE household_id = %s", (key,))
                    other_read = cursor.fetchone()[0]
                    try:
                        cursor.execute(
                            f"UPDATE {SCHEMA}.households SET residence_years = 59, row_version = %s "
                            "WHERE household_id = %s RETURNING row_version",
                            (-(other_read + 1), key),
                        )
                        ledger.wrote("households", key, other_read, cursor.fetchone()[0], "mapper0")
                    except psycopg2.errors.SerializationFailure as error:  # a session thread was faster
                        ledger.was_refused("mapper0", str(error))
            if layer.commitChanges():
                # The version this save made, from the audit trail (the row may have moved on since).
                with session(cluster.dsn(users["admin"])) as cursor:
                    cursor.execute(
                        f"SELECT (new_values ->> 'row_version')::integer FROM {SCHEMA}.audit_log "
                        "WHERE table_name = 'households' AND row_key = %s AND db_user = %s "
                        "AND operation = 'UPDATE' ORDER BY audit_id DESC LIMIT 1",
                        (key, users["qgis"]),
                    )
                    ledger.wrote("households", key, read, cursor.fetchone()[0], "qgis")
            else:
                assert CONFLICT_TAG in "\n".join(layer.commitErrors()), layer.commitErrors()
                ledger.was_refused("qgis", "\n".join(layer.commitErrors()))
                layer.rollBack()
            # An import of the same households: a fresh export (with row_version) or the old survey again.
            survey = [[*row[:5], str(rng.randint(0, 60)), str(rng.randint(0, 99))] for row in rows]
            versions = None
            if number % 2:
                with session(cluster.dsn(users["importer"])) as cursor:
                    cursor.execute(f"SELECT household_id, row_version FROM {SCHEMA}.households")
                    versions = dict(cursor.fetchall())
            planned.clear()
            with session(cluster.dsn(users["admin"])) as cursor:
                cursor.execute("SELECT clock_timestamp()")
                started = cursor.fetchone()[0]
            result = import_file(_survey(tmp_path / f"round{number}.csv", survey, versions))
            kept += result.kept
            imported += result.updated
            for _warning in [w for w in result.warnings if w.code == "changed_since"]:
                ledger.was_refused("import", _warning.reason_en)
            with session(cluster.dsn(users["admin"])) as cursor:
                cursor.execute(
                    f"SELECT household_id, row_version FROM {SCHEMA}.{IMPORT_VERSIONS_TABLE} WHERE imported_at > %s",
                    (started,),
                )
                made = dict(cursor.fetchall())
            written = [c for c in planned if c.household_id in made]
            assert len(written) == result.updated
            for change in written:
                ledger.wrote(
                    "households", change.household_id, change.read_version, made[change.household_id], "import"
                )
            # Its member updates: the version each started from (the plan's read), and the one it made.
            member_reads = {
                row[0]: version
                for change in written
                for row, version in (change.members.update if change.members else [])
            }
            with session(cluster.dsn(users["admin"])) as cursor:
                cursor.execute(
                    f"SELECT row_key, (new_values ->> 'row_version')::integer FROM {SCHEMA}.audit_log "
                    "WHERE table_name = 'members' AND operation = 'UPDATE' AND db_user = %s AND changed_at >= %s",
                    (users["importer"], started),
                )
                for member_id, member_made in cursor.fetchall():
                    ledger.wrote("members", member_id, member_reads[member_id], member_made, "import")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
        if layer.isEditable():
            layer.rollBack()

    lost = ledger.lost()
    counts = {
        "sessions": MAPPER_SESSIONS + 2,  # psycopg2 mappers, the QGIS layer, the importer
        "edits": ledger.attempts,
        "committed": len(ledger.writes),
        "refused": len(ledger.refused),
        "imports_kept": kept,
        "imports_written": imported,
        "lost": len(lost),
    }
    print(f"\nsoak: {counts}")
    assert not lost, lost[:5]
    assert not ledger.errors, ledger.errors[:5]
    assert all(CONFLICT_TAG in message or "changed in the database" in message for _w, message in ledger.refused)
    assert counts["refused"] and counts["committed"] and kept and imported
    # The database holds the last committed write of every household: its version is the chain's end.
    with session(cluster.dsn(users["admin"])) as cursor:
        cursor.execute(f"SELECT household_id, row_version FROM {SCHEMA}.households")
        stored = dict(cursor.fetchall())
    last = {}
    for table, key, _started, made, _writer in ledger.writes:
        if table == "households":
            last[key] = max(last.get(key, 0), made)
    assert all(stored[key] == version for key, version in last.items())

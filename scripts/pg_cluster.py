"""A throw-away PostgreSQL/PostGIS cluster on 127.0.0.1 for tests and benchmarks.

Debian's PostgreSQL binaries (`initdb`, `pg_ctl`; the newest installed version that has PostGIS:
15 on Debian 12, 17 on Debian 13, 18 on testing; KR8310_PG_BIN overrides) run the cluster from a temporary data
directory on a free port, and everything is deleted on `stop()`. initdb refuses to run as
root, so as root (CI) the server runs as the `postgres` OS user that the postgresql package
creates. Authentication is `trust` on loopback only: the cluster is for tests, never data.
"""

from __future__ import annotations

import io
import os
import pwd
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


def find_pg_bin(root: Path = Path("/usr/lib/postgresql")) -> Path:
    """The bin folder of the newest installed PostgreSQL whose PostGIS extension is installed too
    (else the newest PostgreSQL: the error that follows then names the missing extension)."""
    versions = sorted(
        (int(entry.name), entry / "bin")
        for entry in root.glob("*")
        if entry.name.isdigit() and (entry / "bin" / "initdb").exists()
    )
    with_postgis = [
        (v, b) for v, b in versions if Path(f"/usr/share/postgresql/{v}/extension/postgis.control").exists()
    ]
    chosen = with_postgis or versions
    return chosen[-1][1] if chosen else root / "bin"


PG_BIN = Path(os.environ.get("KR8310_PG_BIN") or find_pg_bin())
SUPERUSER = "postgres"
DATABASE = "kr8310"

# Tests trade durability for speed; the editing benchmark keeps the defaults (fsync on).
FAST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    """A running throw-away cluster; `dsn(user)` gives a libpq URI to its database."""

    data_dir: Path
    port: int
    os_user: str | None  # run the server as this OS user (None: the current user)
    log_file: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_file = self.data_dir.parent / "server.log"

    def dsn(self, user: str = SUPERUSER, database: str = DATABASE) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(a) for a in args]
        if self.os_user:
            command = ["runuser", "-u", self.os_user, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True)

    def start(self, settings: dict[str, str] | None = None) -> Cluster:
        self._run(PG_BIN / "initdb", "-D", self.data_dir, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-sync")
        options = {
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": str(self.data_dir.parent),
            "max_connections": "200",
            **(settings or {}),
        }
        with open(self.data_dir / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
            for key, value in options.items():
                conf.write(f"{key} = '{value}'\n")
        try:
            self._run(PG_BIN / "pg_ctl", "-D", self.data_dir, "-l", self.log_file, "-w", "-t", "60", "start")
        except subprocess.CalledProcessError as error:
            log = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {error.stderr}\n{log}") from error
        self._run(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, DATABASE)
        self._run(
            PG_BIN / "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            SUPERUSER,
            "-d",
            DATABASE,
            "-q",
            "-c",
            "CREATE EXTENSION postgis",
        )
        return self

    def stop_when_gone(self, pid: int) -> None:
        """Stop the cluster once process `pid` has ended, however it ends (crash, os._exit, kill).

        A detached watcher polls for the process; a normal stop() leaves it nothing to do.
        """
        command = [str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"]
        if self.os_user:
            command = ["runuser", "-u", self.os_user, "--", *command]
        watcher = (
            "import os, shutil, subprocess, sys, time\n"
            f"pid, base, command = {pid}, {str(self.data_dir.parent)!r}, {command!r}\n"
            "while os.path.isdir(base):\n"
            "    try:\n"
            "        os.kill(pid, 0)\n"
            "    except ProcessLookupError:\n"
            "        subprocess.run(command, capture_output=True)\n"
            "        shutil.rmtree(base, ignore_errors=True)\n"
            "        break\n"
            "    time.sleep(0.5)\n"
        )
        subprocess.Popen(
            [sys.executable, "-c", watcher],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._run(PG_BIN / "pg_ctl", "-D", self.data_dir, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def start_cluster(settings: dict[str, str] | None = None) -> Cluster:
    """initdb + start a cluster in a fresh temp dir on a free loopback port, with database `kr8310` + PostGIS."""
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(f"PostgreSQL binaries not found in {PG_BIN}: run `make setup` (installs postgresql).")
    os_user = None
    base = Path(tempfile.mkdtemp(prefix="kr8310-pg-"))
    if os.geteuid() == 0:
        os_user = SUPERUSER
        try:
            account = pwd.getpwnam(os_user)
        except KeyError:
            os_user, account = "nobody", pwd.getpwnam("nobody")
        os.chown(base, account.pw_uid, account.pw_gid)
    os.chmod(base, 0o755)
    data_dir = base / "data"
    cluster = Cluster(data_dir, free_port(), os_user)
    for attempt in range(3):
        try:
            cluster.start(settings)
            cluster.stop_when_gone(os.getpid())
            return cluster
        except RuntimeError:
            # Another process may have taken the free port between probe and start: retry on a new one.
            if attempt == 2:
                cluster.stop()
                raise
            shutil.rmtree(data_dir, ignore_errors=True)
            cluster.port = free_port()
            time.sleep(0.2)
    raise AssertionError("unreachable")


def _ewkb_hex(blob: bytes | None, srid: int) -> str | None:
    """Hex EWKB (with SRID) from a GeoPackage geometry blob: what COPY into geometry(…, srid) accepts."""
    if blob is None:
        return None
    envelope = (blob[3] >> 1) & 0x07
    wkb = bytes(blob[8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[envelope] :])
    order = "<" if wkb[0] == 1 else ">"
    (geometry_type,) = struct.unpack_from(order + "I", wkb, 1)
    ewkb = wkb[:1] + struct.pack(order + "II", geometry_type | 0x20000000, srid) + wkb[5:]
    return ewkb.hex()


def _copy_text(value: object) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


COPY_CHUNK_ROWS = 50_000


def load_geopackage(
    dsn: str,
    gpkg_path: str | Path,
    schema: str,
    srid: int = 32647,
    tables: tuple[str, ...] = ("communities", "households", "members"),
) -> dict[str, int]:
    """Copy communities, households and members of a community GeoPackage into a PostGIS schema.

    Bulk COPY as a superuser with triggers off (session_replication_role = replica): the rows
    keep their values (size_class, editor, row_version) and the audit log stays empty.
    Returns rows copied per table.
    """
    import psycopg2  # test/bench dependency only: the plugin talks to PostgreSQL through QGIS

    counts = {}
    source = sqlite3.connect(str(gpkg_path))
    target = psycopg2.connect(dsn)
    try:
        with target, target.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table in tables:
                columns = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")') if row[1] != "fid"]
                geometry_index = columns.index("geom") if "geom" in columns else -1
                copy = f"COPY {schema}.{table} ({', '.join(columns)}) FROM STDIN"
                rows = 0
                selected = source.execute(f"SELECT {', '.join(columns)} FROM {table}")
                # In chunks: a city's members as one text would take more memory than all the rest.
                while chunk := selected.fetchmany(COPY_CHUNK_ROWS):
                    buffer = io.StringIO()
                    for row in chunk:
                        values = list(row)
                        if geometry_index >= 0:
                            values[geometry_index] = _ewkb_hex(values[geometry_index], srid)
                        buffer.write("\t".join(_copy_text(v) for v in values) + "\n")
                    buffer.seek(0)
                    cursor.copy_expert(copy, buffer)
                    rows += len(chunk)
                counts[table] = rows
            for table in tables:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{schema}.{table}', 'fid'), "
                    f"(SELECT coalesce(max(fid), 0) + 1 FROM {schema}.{table}), false)"
                )
            # Triggers were off: the coverage the schema keeps is rebuilt from the rows copied.
            cursor.execute(
                f"DO $$ BEGIN IF to_regprocedure('{schema}.kr8310_rebuild_coverage()') IS NOT NULL THEN "
                f"PERFORM {schema}.kr8310_rebuild_coverage(); END IF; END $$"
            )
    finally:
        target.close()
        source.close()
    return counts


if __name__ == "__main__":
    # Manual use: start a cluster, print its URI, stop it on Enter.
    running = start_cluster(FAST_SETTINGS)
    print(running.dsn(), flush=True)
    try:
        input()
    finally:
        running.stop()

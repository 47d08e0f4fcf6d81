"""Running qgis_process as a user would on this machine: Debian 13's `qgis_process` wrapper works,
Debian 12's passes `--noversioncheck`, which the 3.22 binary rejects, so there `qgis_process.bin`."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=1)
def qgis_process_executable() -> str | None:
    """`qgis_process` when its wrapper starts, else `qgis_process.bin`; None when neither is installed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if shutil.which("qgis_process"):
        probe = subprocess.run(["qgis_process", "--version"], capture_output=True, text=True, env=env, timeout=120)
        if probe.returncode == 0:
            return "qgis_process"
    return "qgis_process.bin" if shutil.which("qgis_process.bin") else None


def run_qgis_process(*args: str, config_dir: Path, check: bool = True) -> subprocess.CompletedProcess:
    """qgis_process with a throw-away profile and the assembled plugin folder (`make build`)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(config_dir))
    env["QGIS_PLUGINPATH"] = os.environ.get("QGIS_PLUGINPATH", str(ROOT / "build" / "plugins"))
    executable = qgis_process_executable()
    assert executable, "qgis_process is not installed (make setup installs qgis)"
    result = subprocess.run([executable, *args], capture_output=True, text=True, env=env, timeout=300)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result

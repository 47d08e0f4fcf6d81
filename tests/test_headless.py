"""The algorithms run headless with qgis_process.bin, as the README shows."""

import os
import shutil
import subprocess

import pytest

import kr8310_plugin

pytestmark = pytest.mark.skipif(shutil.which("qgis_process.bin") is None, reason="qgis_process.bin not installed")


def qgis_process(*args, config_dir, check=True):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(config_dir))
    env["QGIS_PLUGINPATH"] = os.path.dirname(os.path.dirname(kr8310_plugin.__file__))
    result = subprocess.run(["qgis_process.bin", *args], capture_output=True, text=True, env=env, timeout=300)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_qgis_process_runs_createdatabase(tmp_path):
    config = tmp_path / "profile"
    qgis_process("plugins", "enable", "kr8310_plugin", config_dir=config)
    listing = qgis_process("list", config_dir=config).stdout
    assert "kr8310:createdatabase" in listing and "kr8310:generatedemo" in listing
    output = tmp_path / "community.gpkg"
    qgis_process("run", "kr8310:createdatabase", "--", f"OUTPUT={output}", config_dir=config)
    assert output.stat().st_size > 100_000
    again = qgis_process("run", "kr8310:createdatabase", "--", f"OUTPUT={output}", config_dir=config, check=False)
    assert again.returncode != 0
    assert "already exists" in again.stdout + again.stderr

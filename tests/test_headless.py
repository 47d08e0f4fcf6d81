"""The algorithms run headless with qgis_process, as the README shows (tests/qgis_process_cli.py
picks `qgis_process` or, on Debian 12, `qgis_process.bin`)."""

from qgis_process_cli import run_qgis_process


def test_qgis_process_runs_createdatabase(tmp_path):
    config = tmp_path / "profile"
    run_qgis_process("plugins", "enable", "kr8310_plugin", config_dir=config)
    listing = run_qgis_process("list", config_dir=config).stdout
    assert "kr8310:createdatabase" in listing and "kr8310:generatedemo" in listing
    output = tmp_path / "community.gpkg"
    run_qgis_process("run", "kr8310:createdatabase", "--", f"OUTPUT={output}", config_dir=config)
    assert output.stat().st_size > 100_000
    again = run_qgis_process("run", "kr8310:createdatabase", "--", f"OUTPUT={output}", config_dir=config, check=False)
    assert again.returncode != 0
    assert "already exists" in again.stdout + again.stderr

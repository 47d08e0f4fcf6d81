"""The register-driven demo of `make demo`: BMA-style register -> community database -> survey -> coverage map.

From resources/demo/ (synthetic, scripts/make_demo_register.py): Dusit's community register, imported
into a database of its own (communities known only by their point), then a survey whose households go
to the nearest point community, then the district's coverage map. Seconds, not minutes.
"""

from __future__ import annotations

import time
from pathlib import Path

import qgis_session

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "resources" / "demo" / "dusit_register.csv"
SURVEY = ROOT / "resources" / "demo" / "dusit_survey.csv"
DISTRICT = "1002"


def run_register_demo(output: Path) -> Path:
    """Build output/register_demo.gpkg from the demo register and survey, and its coverage map (PDF, PNG)."""
    started = time.perf_counter()
    database = output / "register_demo.gpkg"
    qgis_session.run("createdatabase", {"OUTPUT": str(database), "OVERWRITE": True}, "register demo database")
    check = output / "register_demo_check.csv"
    result = qgis_session.run(
        "importcommunities",
        {"INPUT": str(REGISTER), "DATABASE": str(database), "REPORT": str(check)},
        "community register",
    )
    print(
        f"{database}: {result['INSERTED']} communities from {REGISTER.name} (points only; "
        f"register against the official targets: {check.name})"
    )
    result = qgis_session.run(
        "importhouseholds",
        {"INPUT": str(SURVEY), "DATABASE": str(database), "REPORT": "TEMPORARY_OUTPUT"},
        "survey",
    )
    print(
        f"{database}: {result['INSERTED']} households, {result['MEMBERS_WRITTEN']} members from {SURVEY.name} "
        f"({result['WARNED']} assigned to the nearest point community, listed as warnings)"
    )
    for name in ("register_demo_map.pdf", "register_demo_map.png"):
        path = output / name
        qgis_session.run(
            "exportmap", {"DATABASE": str(database), "SCOPE": "district", "AREA": DISTRICT, "OUTPUT": str(path)}, name
        )
        print(f"{path}: Dusit's coverage map, communities drawn at their register point")
    print(f"register demo finished in {time.perf_counter() - started:.1f} s")
    return database

"""`make demo`: the main job on the bundled data, outputs under output/."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
import unicodedata
from pathlib import Path

import qgis_session


def pad(text: str, width: int) -> str:
    """Left-align for a terminal: Thai vowel and tone marks take no column of their own."""
    columns = sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" else 1 for ch in text)
    return text + " " * max(0, width - columns)


def print_totals(database: Path) -> None:
    """Communities and registered households by district group and size class, and the city."""
    from kr8310_plugin.core.toolbelt.i18n import tr

    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT d.group_code, d.group_en, d.group_th, c.size_class, COUNT(*), SUM(c.registered_households)"
            " FROM communities c JOIN districts d ON d.district_code = c.district_code"
            " GROUP BY d.group_code, c.size_class ORDER BY MIN(d.fid), c.size_class"
        ).fetchall()
    groups: dict[str, dict] = {}
    for group_code, group_en, group_th, size, count, households in rows:
        entry = groups.setdefault(group_code, {"name": f"{group_th} ({group_en})"})
        entry[size] = (count, households)
    header = pad(tr("District group"), 36) + "".join(
        f"{s + ' ' + tr('comm.'):>10}{s + ' ' + tr('households'):>14}" for s in "SML"
    )
    print(header)
    city = {s: [0, 0] for s in "SML"}
    for entry in groups.values():
        line = pad(entry["name"], 36)
        for s in "SML":
            count, households = entry.get(s, (0, 0))
            city[s][0] += count
            city[s][1] += households
            line += f"{count:>10,}{households:>14,}"
        print(line)
    line = pad(tr("City"), 36) + "".join(f"{city[s][0]:>10,}{city[s][1]:>14,}" for s in "SML")
    print(line)
    print(
        tr(
            "City: {s_n:,} S communities / {s_h:,} households; {m_n:,} M / {m_h:,} (official: 1,201 / 133,400; "
            "621 / 191,581)"
        ).format(s_n=city["S"][0], s_h=city["S"][1], m_n=city["M"][0], m_h=city["M"][1])
    )


def print_city_kr(database: Path) -> None:
    """Refresh the coverage fields (with a progress bar) and print the city's KR 8310 %."""
    from kr8310_plugin.core.coverage.engine import refresh_database
    from kr8310_plugin.core.coverage.kr_summary import districts_from_layer, kr_summary
    from kr8310_plugin.core.storage.datasource import open_layer
    from kr8310_plugin.core.toolbelt.i18n import tr

    feedback = qgis_session.ConsoleFeedback("coverage")
    result = refresh_database(str(database), progress=feedback.setProgress)
    feedback.setProgress(100)
    city = kr_summary(result, districts_from_layer(open_layer(str(database), "districts")))[0]
    print(
        tr("City KR 8310: {pct:.1f} % ({complete:,} of {registered:,} households in S and M communities)").format(
            pct=city.kr_pct, complete=city.complete_households, registered=city.registered_households
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--seed", type=int, default=8310)
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    qgis_session.start()
    started = time.perf_counter()
    database = args.output / "demo.gpkg"
    result = qgis_session.run(
        "generatedemo", {"OUTPUT": str(database), "SEED": args.seed, "OVERWRITE": True}, "demo database"
    )
    print(
        f"{database}: {result['COMMUNITIES']:,} communities, {result['HOUSEHOLDS']:,} households, "
        f"{result['MEMBERS']:,} members ({database.stat().st_size / 1e6:,.0f} MB)"
    )
    print_totals(database)
    print_city_kr(database)
    project = args.output / "demo_project.qgs"  # a .qgs: QGIS loads demo_project_th.qm beside it in Thai
    qgis_session.run("setupproject", {"DATABASE": str(database), "OUTPUT": str(project)}, "mapping project")
    print(f"{project}: mapping project (coverage and size-class styles, city map and atlas layouts)")
    for name, scope in (("city_map.pdf", "city"), ("city_map.png", "city"), ("district_atlas.pdf", "atlas")):
        output = args.output / name
        result = qgis_session.run("exportmap", {"DATABASE": str(database), "SCOPE": scope, "OUTPUT": str(output)}, name)
        print(f"{output}: {result['PAGES']} page(s)")
    for name in ("kr8310_report.csv", "kr8310_report.xlsx"):
        output = args.output / name
        qgis_session.run("exportreport", {"DATABASE": str(database), "OUTPUT": str(output)}, name)
        print(f"{output}: KR 8310 report")
    from kr8310_plugin.core.registry.demo_layout import generate_demo_layout

    layout = generate_demo_layout(database, seed=args.seed)  # synthetic layout layers of district 1001
    community = (layout.communities or ["1001-001"])[0]
    output = args.output / f"layout_{community}.pdf"
    qgis_session.run("exportlayout", {"DATABASE": str(database), "COMMUNITY": community, "OUTPUT": str(output)})
    print(f"{output}: community layout map ({sum(layout.rows.values()):,} synthetic layout features)")
    from register_demo import run_register_demo

    run_register_demo(args.output)  # BMA-style register -> its own database -> coverage map with point communities
    print(f"make demo finished in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

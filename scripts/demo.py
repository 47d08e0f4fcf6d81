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
    from kr8310_plugin.core.i18n import tr

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
    print(f"make demo finished in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

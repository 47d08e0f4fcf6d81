"""`make bench`: city-scale benchmarks, written to output/bench.json.

    python scripts/bench.py [--output output] [--sections coverage,edit,native] [--regenerate]

The database is generated deterministically (kr8310:generatedemo, seed 8310, PROFILE=full:
all 2,004 communities of every size class with one complete household per registered
household, ~3.4 members each) into OUTPUT/bench/city_full.gpkg, once; it is reused while
its seed and profile match (a .json stamp beside it).

Sections — each a function `(Bench) -> dict` listed in SECTIONS, run in order, its dict
merged into the results: coverage, native, edit (this file), exports (scripts/bench_exports.py)
and postgis (scripts/bench_postgis.py). To add one: write `def bench_x(bench: Bench) -> dict`
(here or in scripts/bench_x.py) and append `Section("x", bench_x)` to SECTIONS;
`bench.database`, `bench.layers()`, `bench.output` and `bench.results` (what earlier sections
measured) are there for it. `--sections coverage,edit` runs some only. Benchmarks run on
their own write OUTPUT/bench_<name>.json; this script merges every such file into bench.json
under "extra" -> "<name>" (unless that section ran in this run).

Keys of the coverage sections (coverage, edit, import_maintained, validate: scripts/bench_coverage.py
lists them all): coverage_read_ms, coverage_full_s (full recompute after a rule change),
state_rebuild_s, engine_full_s (the engine's reference recompute from all rows), one_sql_query_s,
import_maintained_ratio, edit_update_ms (extra cost of one save), validate_city_s, and
kept_matches_full — the script exits 1 when the database's numbers differ from the recompute;
- native_chain_s: the same counts by QGIS's own Processing algorithms (field calculator,
  statistics by categories, join attributes by field, extract by expression, spatial index,
  count points in polygon; native_steps_s times each),
  run in a child process so its memory does not count in peak_rss_mb; checked to give the
  engine's numbers (native_matches_engine) — the script exits 1 if they differ,
- ratio_vs_native: native_chain_s / engine_full_s; coverage_full_vs_native: native_chain_s /
  coverage_full_s,
- goals: each key of GOALS (issue goals) with its value and whether it was met,
- peak_rss_mb: peak resident memory of this process over the coverage sections (the engine;
  not the generator or the native chain, whose peaks are generate_peak_rss_mb /
  native_peak_rss_mb); peak_rss_total_mb and peak_rss_mb_after include the later sections.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import qgis_session
from bench_coverage import bench_coverage, bench_edit, bench_import_maintained, bench_validate
from bench_dashboard import bench_dashboard
from bench_exports import bench_exports

SEED = 8310
PROFILE = "full"
GOALS = {
    "coverage_read_ms": 10.0,
    "coverage_full_s": 1.0,
    "coverage_full_vs_one_sql": 3.0,  # at least
    "coverage_full_vs_native": 50.0,  # at least
    "import_maintained_ratio": 1.25,
    "edit_update_ms": 20.0,
    "validate_city_s": 5.0,
    "validate_incremental_ms": 100.0,
    "dashboard_first_s": 1.0,
    "dashboard_after_save_s": 0.2,
    "ratio_vs_native": 10.0,  # at least
    "peak_rss_mb": 600.0,
    "peak_rss_total_mb": 600.0,
    "postgis_coverage_read_ms": 10.0,
}
AT_LEAST = ("ratio_vs_native", "coverage_full_vs_one_sql", "coverage_full_vs_native")


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0  # kilobytes on Linux


@dataclass
class Bench:
    output: Path
    database: Path
    results: dict = field(default_factory=dict)
    _layers: dict | None = None

    def layers(self) -> dict:
        """The database's four layers (opened once, shared by the sections)."""
        if self._layers is None:
            from kr8310_plugin.core.storage.datasource import open_database_layers

            self._layers = open_database_layers(str(self.database))
        return self._layers


@dataclass(frozen=True)
class Section:
    name: str
    run: Callable[[Bench], dict]


# ---------------------------------------------------------------------------------------
# Database


def ensure_database(output: Path, regenerate: bool) -> tuple[Path, dict]:
    """The benchmark database, generated in a child process (its memory is not the engine's)."""
    directory = output / "bench"
    directory.mkdir(parents=True, exist_ok=True)
    database = directory / "city_full.gpkg"
    stamp = directory / "city_full.json"
    wanted = {"seed": SEED, "profile": PROFILE}
    if not regenerate and database.is_file() and stamp.is_file():
        recorded = json.loads(stamp.read_text())
        if {k: recorded.get(k) for k in wanted} == wanted:
            return database, {**recorded, "generated_now": False}
    completed = subprocess.run(
        [sys.executable, __file__, "--generate-child", str(database)], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit("Generating the benchmark database failed.")
    info = json.loads(completed.stdout.strip().splitlines()[-1])
    info.update(wanted)
    stamp.write_text(json.dumps(info, indent=1))
    return database, {**info, "generated_now": True}


# ---------------------------------------------------------------------------------------
# Sections


def engine_counts(result) -> dict[str, tuple[int, int]]:
    return {c.community_id: (c.households_entered, c.households_complete) for c in result.communities.values()}


def _new_household(layers, community_id: str) -> tuple:
    from qgis.core import QgsFeature, QgsGeometry

    households, members = layers["households"], layers["members"]
    polygon = next(layers["communities"].getFeatures(f"\"community_id\" = '{community_id}'")).geometry()
    household = QgsFeature(households.fields())
    household_id = str(uuid.uuid4())
    for name, value in (
        ("household_id", household_id),
        ("community_id", community_id),
        ("house_no", "BENCH-" + household_id[:8]),
        ("building_type", "row_house"),
        ("residence_years", 2),
        ("member_count", 1),
    ):
        household[name] = value
    household.setGeometry(QgsGeometry.fromPointXY(polygon.pointOnSurface().asPoint()))
    member = QgsFeature(members.fields())
    for name, value in (
        ("member_id", household_id + "-1"),
        ("household_id", household_id),
        ("age", 40),
        ("education", "primary"),
        ("occupation", "trade"),
        ("disability", "none"),
        ("bedridden", False),
    ):
        member[name] = value
    return household, member


def remove_bench_households(database: Path) -> None:
    """Leave the database as generated: drop what the edit section added."""
    from kr8310_plugin.core.storage import gpkg

    # gpkg.connect: deleting members updates the kept coverage of communities (R-tree triggers need it).
    with gpkg.connect(database) as connection:
        connection.execute(
            "DELETE FROM members WHERE household_id IN (SELECT household_id FROM households"
            " WHERE house_no LIKE 'BENCH-%')"
        )
        connection.execute("DELETE FROM households WHERE house_no LIKE 'BENCH-%'")


def bench_native(bench: Bench) -> dict:
    """The native chain in a child process (`--native-child`), checked against the engine."""
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, __file__, "--native-child", str(bench.database)],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit("The native Processing chain failed.")
    child = json.loads(completed.stdout.strip().splitlines()[-1])
    native_counts = {key: tuple(value) for key, value in child.pop("counts").items()}
    engine = bench.results.get("_engine_counts") or {}
    mismatches = sorted(key for key in engine if native_counts.get(key, (0, 0)) != engine[key])
    results = {
        **child,
        "native_process_s": round(time.perf_counter() - started, 3),
        "native_matches_engine": not mismatches and bool(engine),
        "native_mismatched_communities": mismatches[:20],
    }
    if "engine_full_s" in bench.results:
        results["ratio_vs_native"] = round(child["native_chain_s"] / bench.results["engine_full_s"], 1)
    return results


def generate(database: str) -> dict:
    """The benchmark database (run in a child process by ensure_database)."""
    from kr8310_plugin.core.registry.demo import PROFILES

    started = time.perf_counter()
    result = qgis_session.run(
        "generatedemo",
        {"OUTPUT": database, "SEED": SEED, "PROFILE": PROFILES.index(PROFILE), "OVERWRITE": True},
        "city database",
    )
    return {
        "generate_s": round(time.perf_counter() - started, 1),
        "communities": result["COMMUNITIES"],
        "households": result["HOUSEHOLDS"],
        "members": result["MEMBERS"],
        "generate_peak_rss_mb": round(peak_rss_mb(), 1),
    }


def native_chain(database: str) -> dict:
    """Entered and complete households per community with QGIS's native algorithms only.

    members --field calculator--> member complete (0/1) --statistics by categories (household)-->
    rows, complete rows --join attributes (table) onto households--> --field calculator--> household
    complete (the KR 8310 rule as an expression) --extract by expression--> complete households
    --count points in polygon--> per community; entered by counting all households per polygon.
    """
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from kr8310_plugin.core.rules.completeness import all_filled_expression
    from kr8310_plugin.core.storage.rule_store import read_rule
    from kr8310_plugin.definitions.schema import HOUSEHOLDS_SPEC, MEMBERS_SPEC

    rule = read_rule(database)  # what the engine counts by

    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    steps: dict[str, float] = {}

    def run(step: str, algorithm: str, parameters: dict) -> object:
        started = time.perf_counter()
        output = processing.run(
            algorithm, {**parameters, "OUTPUT": "TEMPORARY_OUTPUT"}, context=context, feedback=feedback
        )["OUTPUT"]
        steps[step] = round(time.perf_counter() - started, 3)
        sys.stderr.write(f"    native {step}: {steps[step]:.1f} s\n")
        return output

    def source(name: str) -> str:
        return f"{database}|layername={name}"

    started = time.perf_counter()
    member_rule = all_filled_expression(rule.member_fields, MEMBERS_SPEC)
    members = run(
        "members_field_calculator",
        "native:fieldcalculator",
        {
            "INPUT": source("members"),
            "FIELD_NAME": "member_ok",
            "FIELD_TYPE": 1,
            "FIELD_LENGTH": 1,
            "FIELD_PRECISION": 0,
            "FORMULA": f"if({member_rule}, 1, 0)",
        },
    )
    # (native:aggregate would do too, but it slows down quadratically with the number of groups:
    # 199 s for 103,584 members, hours for the city; Statistics by categories is linear.)
    per_household = run(
        "members_statistics_by_household",
        "qgis:statisticsbycategories",
        {"INPUT": members, "VALUES_FIELD_NAME": "member_ok", "CATEGORIES_FIELD_NAME": ["household_id"]},
    )
    households = run(
        "households_join_members",
        "native:joinattributestable",
        {
            "INPUT": source("households"),
            "FIELD": "household_id",
            "INPUT_2": per_household,
            "FIELD_2": "household_id",
            "FIELDS_TO_COPY": ["count", "sum"],  # member rows, complete member rows
            "METHOD": 1,
            "DISCARD_NONMATCHING": False,
            "PREFIX": "",
        },
    )
    household_rule = " AND ".join(
        [
            "$geometry IS NOT NULL AND NOT is_empty($geometry)",
            all_filled_expression(rule.household_fields, HOUSEHOLDS_SPEC),
            '"member_count" >= 1',
            'coalesce("count", 0) = "member_count"',
            'coalesce("sum", 0) = coalesce("count", 0)',
        ]
    )
    households = run(
        "households_field_calculator",
        "native:fieldcalculator",
        {
            "INPUT": households,
            "FIELD_NAME": "complete",
            "FIELD_TYPE": 1,
            "FIELD_LENGTH": 1,
            "FIELD_PRECISION": 0,
            "FORMULA": f"if({household_rule}, 1, 0)",
        },
    )
    complete = run(
        "extract_complete", "native:extractbyexpression", {"INPUT": households, "EXPRESSION": '"complete" = 1'}
    )
    # As a QGIS user would: without a spatial index each polygon's count scans every point.
    for name, layer_id in (("households", households), ("complete", complete)):
        started_index = time.perf_counter()
        processing.run("native:createspatialindex", {"INPUT": layer_id}, context=context, feedback=feedback)
        steps[f"spatial_index_{name}"] = round(time.perf_counter() - started_index, 3)
    entered = run(
        "count_entered",
        "native:countpointsinpolygon",
        {"POLYGONS": source("communities"), "POINTS": households, "FIELD": "entered_native"},
    )
    counted = run(
        "count_complete",
        "native:countpointsinpolygon",
        {"POLYGONS": entered, "POINTS": complete, "FIELD": "complete_native"},
    )
    result = run(
        "coverage_field_calculator",
        "native:fieldcalculator",
        {
            "INPUT": counted,
            "FIELD_NAME": "coverage_native",
            "FIELD_TYPE": 0,
            "FIELD_LENGTH": 10,
            "FIELD_PRECISION": 3,
            "FORMULA": 'if("registered_households" > 0, 100.0 * "complete_native" / "registered_households", NULL)',
        },
    )
    chain_s = time.perf_counter() - started
    layer = context.getMapLayer(result) if isinstance(result, str) else result
    counts = {
        str(f["community_id"]): (int(f["entered_native"]), int(f["complete_native"])) for f in layer.getFeatures()
    }
    return {
        "native_chain_s": round(chain_s, 3),
        "native_steps_s": steps,
        "native_peak_rss_mb": round(peak_rss_mb(), 1),
        "counts": counts,
    }


def bench_postgis_section(bench: Bench) -> dict:
    """The PostGIS benchmark (scripts/bench_postgis.py: its own throw-away cluster) on the same city
    database; its `postgis_*` keys, also kept in OUTPUT/bench_postgis.json."""
    from bench_postgis import run_bench

    return run_bench(bench.output / "bench_postgis.json", gpkg=bench.database)


ENGINE_SECTIONS = ("coverage", "native", "edit")  # native runs in a child: not in this process's peak

SECTIONS: list[Section] = [
    Section("coverage", bench_coverage),  # scripts/bench_coverage.py: coverage kept by the database
    Section("native", bench_native),  # before "edit": compares with the database as generated
    Section("edit", bench_edit),
    Section("import_maintained", bench_import_maintained),
    Section("validate", bench_validate),
    Section("exports", bench_exports),  # city map and 50-page atlas (scripts/bench_exports.py)
    Section("dashboard", lambda bench: {f"dashboard_{k}": v for k, v in bench_dashboard(bench).items()}),
    Section("postgis", bench_postgis_section),
]


# ---------------------------------------------------------------------------------------


def merge_extra(output: Path) -> dict:
    """Results of benchmarks that run on their own: OUTPUT/bench_<name>.json -> {name: data}."""
    extra = {}
    for path in sorted(output.glob("bench_*.json")):
        try:
            extra[path.stem.removeprefix("bench_")] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            extra[path.stem.removeprefix("bench_")] = {"error": str(error)}
    return extra


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--sections", default="", help="comma-separated section names (default: all)")
    parser.add_argument("--regenerate", action="store_true", help="generate the database even if it exists")
    parser.add_argument("--native-child", metavar="DATABASE", help=argparse.SUPPRESS)
    parser.add_argument("--generate-child", metavar="DATABASE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    qgis_session.start()
    if args.generate_child:
        print(json.dumps(generate(args.generate_child)))
        return 0
    if args.native_child:
        print(json.dumps(native_chain(args.native_child)))
        return 0

    args.output.mkdir(parents=True, exist_ok=True)
    wanted = [s for s in args.sections.split(",") if s]
    unknown = set(wanted) - {s.name for s in SECTIONS}
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    database, info = ensure_database(args.output, args.regenerate)
    bench = Bench(args.output, database)
    bench.results.update(
        {
            "database": str(database),
            **info,
            "cpus": os.cpu_count(),
            "qgis": _qgis_version(),
            "python": platform.python_version(),
        }
    )
    for section in SECTIONS:
        if wanted and section.name not in wanted:
            continue
        started = time.perf_counter()
        sys.stderr.write(f"  bench: {section.name}…\n")
        bench.results.update(section.run(bench))
        bench.results.setdefault("section_s", {})[section.name] = round(time.perf_counter() - started, 1)
        # The peak only grows: after each section it is the peak of everything run so far.
        bench.results.setdefault("peak_rss_mb_after", {})[section.name] = round(peak_rss_mb(), 1)
    bench.results.pop("_engine_counts", None)
    # The engine's peak: after the coverage sections (exports and PostGIS run later in this process).
    after = bench.results["peak_rss_mb_after"]
    engine = [after[name] for name in ENGINE_SECTIONS if name in after]
    bench.results["peak_rss_mb"] = max(engine) if engine else round(peak_rss_mb(), 1)
    bench.results["peak_rss_total_mb"] = round(peak_rss_mb(), 1)
    bench.results["goals"] = goals(bench.results)
    # Files of benchmarks run on their own (not as a section of this run).
    ran = {section.name for section in SECTIONS if not wanted or section.name in wanted}
    bench.results["extra"] = {k: v for k, v in merge_extra(args.output).items() if k not in ran}
    path = args.output / "bench.json"
    path.write_text(json.dumps(bench.results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    keys = (*GOALS, "native_chain_s", "native_matches_engine", "kept_matches_full")
    summary = {k: bench.results.get(k) for k in keys}
    print(json.dumps(summary, indent=1))
    print(path)
    # Every run: the coverage the database keeps must be the engine's full recompute, community by community.
    consistent = bench.results.get("kept_matches_full", True) and bench.results.get("postgis_kept_agree", True)
    return 0 if bench.results.get("native_matches_engine", True) and consistent else 1


def goals(results: dict) -> dict:
    """Each goal of GOALS with its measured value and whether it was met (None: not measured)."""
    native, full = results.get("native_chain_s"), results.get("coverage_full_s")
    if native and full:
        results["coverage_full_vs_native"] = round(native / full, 1)
    return {
        key: {"goal": goal, "value": results.get(key), "met": _met(key, goal, results.get(key))}
        for key, goal in GOALS.items()
    }


def _met(key: str, goal: float, value) -> bool | None:
    if value is None:
        return None
    return value >= goal if key in AT_LEAST else value <= goal


def _qgis_version() -> str:
    from qgis.core import Qgis

    return Qgis.version()


if __name__ == "__main__":
    sys.exit(main())

"""The code layout itself: core/ in declared rooms, no import cycles, each layer importing only downwards.

Every module's imports are read with `ast` (top-level and inside functions alike: an import
hidden in a function is still a dependency), and form the module graph of kr8310_plugin.
Pure Python: no QGIS needed.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PACKAGE = "kr8310_plugin"
PACKAGE_DIR = Path(__file__).resolve().parent.parent / PACKAGE

# The rooms of core/, one per capability, and what lives in each (README.md "Layout" repeats them).
ROOMS = {
    "rules": "rules defined once with their generated dialects (Python, SQLite, PostgreSQL, QGIS expressions)",
    "storage": "the backends: GeoPackage, PostGIS, the database string and layer sources",
    "coverage": "the coverage engine, its results, the KR 8310 roll-ups and live coverage",
    "importing": "reading survey files, normalising values, writing households into a database",
    "quality": "the quality checks and reading their records from layers",
    "project": "setting up a QGIS project: layers, forms, styles, digitising defaults",
    "exports": "maps and reports, and the locale formats they print",
    "dashboard": "what the dashboard shows, computed without widgets, and its background task",
    "registry": "the 50 districts, their targets, and the demo data",
    "toolbelt": "small helpers: translation, resource paths, settings",
    "progress": "dated coverage snapshots and the pace towards the KR 8310 target",
    "field_package": "field packages for QField: cutting communities out and merging them back",
}
# Imports `core` never makes, beyond the plugin's own gui/ and processing/: QGIS's interface
# and its Processing plugin (core is called by algorithms, it does not run them, not even by id
# through QgsApplication.processingRegistry()).
CORE_FORBIDDEN_EXTERNAL = ("qgis.utils", "qgis.gui", "processing", "qgis.processing")
CORE_FORBIDDEN_INTERNAL = (f"{PACKAGE}.gui", f"{PACKAGE}.processing")


@dataclass
class Module:
    name: str
    path: Path
    is_package: bool
    # imported module of this package -> first line importing it
    internal: dict[str, int] = field(default_factory=dict)
    # imported module outside this package (and `from X import name` also as X.name) -> first line
    external: dict[str, int] = field(default_factory=dict)
    # lines where the name `iface` is used
    iface_lines: list[int] = field(default_factory=list)
    # lines reaching Processing's algorithm registry (running algorithms by id)
    registry_lines: list[int] = field(default_factory=list)


def _module_name(path: Path, root: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _resolve(module: Module, node: ast.ImportFrom) -> str:
    """The absolute name of the module a `from ... import` reads from."""
    if not node.level:
        return node.module or ""
    package = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
    if node.level > 1:
        package = package[: -(node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def _note(table: dict[str, int], name: str, line: int) -> None:
    table.setdefault(name, line)


def build_graph(root: Path = PACKAGE_DIR) -> dict[str, Module]:
    """Every module under `root` with the modules it imports, resolved to absolute names."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        name, is_package = _module_name(path, root)
        modules[name] = Module(name, path, is_package)
    for module in modules.values():
        tree = ast.parse(module.path.read_text(encoding="utf-8"), str(module.path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "iface":
                module.iface_lines.append(node.lineno)
            if isinstance(node, ast.Attribute) and node.attr == "processingRegistry":
                module.registry_lines.append(node.lineno)
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, node)
                # `from package import submodule` depends on the submodule, else on the module itself
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
                targets += [f"{base}.{a.name}" for a in node.names if base not in modules]
            else:
                continue
            for target in targets:
                if target in modules:
                    if target != module.name:
                        _note(module.internal, target, node.lineno)
                elif target.split(".")[0] != root.name:
                    _note(module.external, target, node.lineno)
    return modules


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One shortest cycle (first node repeated at the end) per strongly connected part of `graph`.

    Tarjan's algorithm, iterative; a node importing itself is a cycle too.
    """
    edges = {node: sorted(set(targets)) for node, targets in graph.items()}
    for targets in list(edges.values()):
        for target in targets:
            edges.setdefault(target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges[node]:
                    components.append(sorted(component))
    return [_shortest_cycle(edges, component) for component in sorted(components)]


def _shortest_cycle(edges: Mapping[str, list[str]], component: list[str]) -> list[str]:
    """The shortest path from the component's first node back to itself, inside the component."""
    members = set(component)
    start = component[0]
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in edges[node]:
            if child not in members:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    raise AssertionError(f"{component} is not a cycle")  # unreachable for a strongly connected part


def _relative(module: Module) -> str:
    return str(module.path.relative_to(PACKAGE_DIR.parent))


def _in(name: str, prefixes: Iterable[str]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


@pytest.fixture(scope="module")
def graph() -> dict[str, Module]:
    return build_graph()


def test_the_cycle_finder_finds_cycles_in_a_synthetic_graph():
    acyclic = {"a": ["b", "c"], "b": ["c"], "c": [], "d": ["a"]}
    assert find_cycles(acyclic) == []
    tangled = {
        "a": ["b"],
        "b": ["c", "x"],
        "c": ["a", "b"],  # a -> b -> c -> a, and the shorter b <-> c inside it
        "d": ["d"],  # a module importing itself
        "e": ["f"],
        "f": ["g"],
        "g": ["e"],
        "x": [],
    }
    assert find_cycles(tangled) == [["a", "b", "c", "a"], ["d", "d"], ["e", "f", "g", "e"]]


def test_the_graph_sees_function_level_and_relative_imports(tmp_path):
    package = tmp_path / PACKAGE
    (package / "core" / "rules").mkdir(parents=True)
    (package / "gui").mkdir()
    for init in (package, package / "core", package / "core" / "rules", package / "gui"):
        (init / "__init__.py").write_text("")
    (package / "core" / "rules" / "a.py").write_text("def f():\n    from ...gui import dock\n")
    (package / "gui" / "dock.py").write_text("from ..core.rules import a\nimport processing\n")
    modules = build_graph(package)
    assert modules[f"{PACKAGE}.core.rules.a"].internal == {f"{PACKAGE}.gui.dock": 2}
    assert modules[f"{PACKAGE}.gui.dock"].internal == {f"{PACKAGE}.core.rules.a": 1}
    assert "processing" in modules[f"{PACKAGE}.gui.dock"].external
    cycles = find_cycles({name: module.internal for name, module in modules.items()})
    assert cycles == [[f"{PACKAGE}.core.rules.a", f"{PACKAGE}.gui.dock", f"{PACKAGE}.core.rules.a"]]


def test_no_import_cycles(graph):
    cycles = find_cycles({name: module.internal for name, module in graph.items()})
    described = []
    for cycle in cycles:
        steps = [f"{a} (line {graph[a].internal[b]}) -> {b}" for a, b in zip(cycle, cycle[1:])]
        described.append("\n    ".join(steps))
    assert not cycles, "import cycle(s):\n  " + "\n  ".join(described)


def test_core_imports_neither_gui_nor_processing_nor_the_qgis_interface(graph):
    problems = []
    for module in graph.values():
        if not _in(module.name, [f"{PACKAGE}.core"]):
            continue
        for target, line in {**module.internal, **module.external}.items():
            if _in(target, CORE_FORBIDDEN_INTERNAL) or _in(target, CORE_FORBIDDEN_EXTERNAL):
                problems.append(f"{_relative(module)}:{line} imports {target}")
        problems += [f"{_relative(module)}:{line} uses iface" for line in module.iface_lines]
        problems += [f"{_relative(module)}:{line} runs Processing algorithms" for line in module.registry_lines]
    assert not problems, "\n".join(problems)


def test_definitions_import_nothing_of_the_plugin_but_definitions(graph):
    problems = [
        f"{_relative(module)}:{line} imports {target}"
        for module in graph.values()
        if _in(module.name, [f"{PACKAGE}.definitions"])
        for target, line in module.internal.items()
        if not _in(target, [f"{PACKAGE}.definitions"])
    ]
    assert not problems, "definitions/ is data only:\n" + "\n".join(problems)


def test_core_holds_rooms_only():
    core = PACKAGE_DIR / "core"
    loose = sorted(p.name for p in core.glob("*.py") if p.name != "__init__.py")
    assert not loose, f"modules directly under core/ (put them in a room): {loose}"
    rooms = {p.name for p in core.iterdir() if p.is_dir() and p.name != "__pycache__"}
    undeclared = sorted(rooms - set(ROOMS))
    assert not undeclared, f"rooms not declared in ROOMS (say what lives there): {undeclared}"
    missing = sorted(set(ROOMS) - rooms)
    assert not missing, f"declared rooms that do not exist: {missing}"
    without_init = sorted(room for room in rooms if not (core / room / "__init__.py").is_file())
    assert not without_init, f"rooms that are not packages: {without_init}"

"""The plugin's sources are ready for QGIS 4 (Qt 6) and still run on QGIS 3 (Qt 5).

A static check: every name reached through ``qgis.PyQt`` (``Qt.ItemDataRole.UserRole``,
``QDialog.DialogCode.Accepted``, the imported classes themselves) must resolve in PyQt6, imported
in a plain Python child process, and in PyQt5, which ``qgis.PyQt`` is on the QGIS 3 running
the tests. Constructs gone in Qt 6 (``exec_``, ``QRegExp``, ``QVariant`` field types, direct
PyQt imports) and a hard-coded ``QGIS3`` profile path are refused by name, and metadata.txt
must let QGIS 4 load the plugin.
"""

from __future__ import annotations

import ast
import configparser
import importlib
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "kr8310_plugin"
QT_PACKAGE = "qgis.PyQt"
# Qt bindings the plugin may not import itself (QGIS picks the binding; sip comes with it)
DIRECT_BINDINGS = {"PyQt5", "PyQt6", "PySide2", "PySide6", "sip"}
REMOVED_IN_QT6 = {
    r"\bexec_\b": "exec_ is gone in PyQt6: use exec()",
    r"\bQRegExp\b": "QRegExp is gone in Qt 6: use QRegularExpression",
}
PROFILE_PATH = re.compile(r"(^|[/\\])QGIS3($|[/\\])")


def resolve_names(package: str, references: list[list[str]]) -> list[bool]:
    """For each [module, dotted path] whether ``package.module`` has that path (runs in both bindings)."""
    import importlib

    found = []
    for module_name, dotted in references:
        try:
            obj = importlib.import_module(f"{package}.{module_name}")
        except ImportError:
            found.append(False)
            continue
        for part in dotted.split(".") if dotted else ():
            try:
                obj = getattr(obj, part)
            except AttributeError:
                found.append(False)
                break
        else:
            found.append(True)
    return found


def resolve_in_pyqt6(references: list[list[str]]) -> list[bool]:
    """``resolve_names`` against PyQt6, in a child Python that has no QGIS and no PyQt5 loaded."""
    script = (
        "import json, sys\n"
        + inspect.getsource(resolve_names)
        + "import PyQt6.QtCore\n"
        + "print(json.dumps(resolve_names('PyQt6', json.load(sys.stdin))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", script], input=json.dumps(references), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, (
        "PyQt6 is needed to check the plugin for Qt 6 (pip install -r requirements-dev.txt):\n" + result.stderr
    )
    return json.loads(result.stdout)


def qt_imports(tree: ast.Module) -> tuple[dict[str, list[tuple[str, str]]], list[tuple[int, str, str, str]]]:
    """The names a module binds from qgis.PyQt, and its imports of each.

    Returns ({local name: [(Qt module, name in it), ...]}, [(line, local name, Qt module, name)]).
    A name bound by more than one import (a try/except ImportError fallback) has each of them.
    """
    bindings: dict[str, list[tuple[str, str]]] = {}
    imports = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == QT_PACKAGE:
                pairs = [(alias, alias.name, "") for alias in node.names]
            elif node.module.startswith(QT_PACKAGE + "."):
                module = node.module[len(QT_PACKAGE) + 1 :]
                pairs = [(alias, module, alias.name) for alias in node.names]
            else:
                continue
            for alias, module, name in pairs:
                if module == alias.name:  # from qgis.PyQt import QtCore
                    module, name = alias.name, ""
                local = alias.asname or alias.name
                bindings.setdefault(local, []).append((module, name))
                imports.append((node.lineno, local, module, name))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(QT_PACKAGE + ".") and alias.asname:
                    module = alias.name[len(QT_PACKAGE) + 1 :]
                    bindings.setdefault(alias.asname, []).append((module, ""))
                    imports.append((node.lineno, alias.asname, module, ""))
    return bindings, imports


def attribute_chains(tree: ast.Module, roots: set[str]) -> list[tuple[int, str]]:
    """Every longest read ``Name.attr.attr...`` whose Name is in ``roots``: [(line, 'Qt.ItemDataRole.UserRole')]."""
    inner = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    chains = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or id(node) in inner or not isinstance(node.ctx, ast.Load):
            continue
        parts = []
        part = node
        while isinstance(part, ast.Attribute):
            parts.append(part.attr)
            part = part.value
        if isinstance(part, ast.Name) and part.id in roots:
            chains.append((node.lineno, ".".join([part.id, *reversed(parts)])))
    return chains


def qvariant_types() -> set[str]:
    """The QVariant.Type members of PyQt5 (QVariant.String, QVariant.Int, ...), which PyQt6 lacks."""
    from qgis.PyQt.QtCore import QVariant

    return {"Type"} | {name for name in dir(QVariant) if isinstance(getattr(QVariant, name), QVariant.Type)}


def qt6_offences(sources: dict[str, str]) -> list[str]:
    """'path:line: what' for every Qt 6 blocker in ``sources`` ({path: Python source})."""
    offences = []
    references = []  # (path, line, chain, [(module, dotted), ...])
    variant_types = qvariant_types()
    for path, source in sources.items():
        tree = ast.parse(source, filename=path)
        for pattern, why in REMOVED_IN_QT6.items():
            for match in re.finditer(pattern, source):
                offences.append(f"{path}:{source.count(chr(10), 0, match.start()) + 1}: {match.group()}: {why}")
        for node in ast.walk(tree):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            for module in modules:
                if module.split(".")[0] in DIRECT_BINDINGS:
                    offences.append(f"{path}:{node.lineno}: import {module}: Qt only through qgis.PyQt")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and PROFILE_PATH.search(node.value):
                offences.append(
                    f"{path}:{node.lineno}: {node.value!r}: hard-coded QGIS3 profile path "
                    "(QGIS 4 has its own; ask QgsApplication.qgisSettingsDirPath())"
                )
        bindings, imports = qt_imports(tree)
        for line, local, module, name in imports:
            # a name with a fallback import (try/except ImportError) needs one of them in each binding
            what = f"import {name or module} from qgis.PyQt.{module}"
            references.append((path, line, what, bindings[local]))
        for line, chain in attribute_chains(tree, set(bindings)):
            local, _, rest = chain.partition(".")
            candidates = [(module, ".".join(p for p in (name, rest) if p)) for module, name in bindings[local]]
            if any(name == "QVariant" for _, name in bindings[local]) and rest.split(".")[0] in variant_types:
                offences.append(
                    f"{path}:{line}: {chain}: QVariant types are gone in Qt 6; "
                    "field types come from kr8310_plugin.compat.field_type()"
                )
            else:
                references.append((path, line, chain, candidates))
    flat = [list(candidate) for *_, candidates in references for candidate in candidates]
    in_qt6 = iter(resolve_in_pyqt6(flat))
    in_qt5 = iter(resolve_names(QT_PACKAGE, flat))
    running = "PyQt" + importlib.import_module(f"{QT_PACKAGE}.QtCore").PYQT_VERSION_STR[0]  # PyQt5 on QGIS 3
    for path, line, chain, candidates in references:
        qt6 = [next(in_qt6) for _ in candidates]
        qt5 = [next(in_qt5) for _ in candidates]
        missing = [binding for binding, found in (("PyQt6", any(qt6)), (running, any(qt5))) if not found]
        if missing:
            hint = "import it through kr8310_plugin.compat" if chain.startswith("import ") else "use the scoped enum"
            offences.append(f"{path}:{line}: {chain}: not in {' or '.join(missing)} ({hint})")
    return sorted(set(offences), key=lambda offence: (offence.split(":")[0], int(offence.split(":")[1]), offence))


def plugin_sources() -> dict[str, str]:
    """{path relative to the repository: source} of every Python file of the plugin."""
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in sorted(PLUGIN.rglob("*.py"))}


def test_checker_flags_qt5_only_code():
    snippet = (
        "from qgis.PyQt.QtCore import Qt\n"
        "from qgis.PyQt.QtWidgets import QDialog\n"
        "def ask(dialog, item):\n"
        "    item.setData(Qt.UserRole, 1)\n"
        "    return dialog.exec_() == QDialog.DialogCode.Accepted\n"
    )
    offences = qt6_offences({"snippet.py": snippet})
    assert any(offence.startswith("snippet.py:4: Qt.UserRole:") for offence in offences), offences
    assert any(offence.startswith("snippet.py:5: exec_:") for offence in offences), offences
    assert len(offences) == 2, offences  # the scoped QDialog.DialogCode.Accepted and the imports pass


def test_plugin_sources_are_qt6_ready():
    offences = qt6_offences(plugin_sources())
    assert not offences, f"{len(offences)} Qt 6 blockers in the plugin:\n" + "\n".join(offences)


def test_metadata_allows_qgis4():
    metadata = configparser.ConfigParser(interpolation=None)
    metadata.read(ROOT / "metadata.txt", encoding="utf-8")
    assert metadata["general"].get("qgisMaximumVersion") == "4.99"

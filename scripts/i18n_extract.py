"""Update the plugin's .ts files from the `tr("...")` calls in kr8310_plugin/ (what `make transup` runs).

One translation context per module, the module's name inside the package (`gui.dashboard_dock`,
`core.coverage.engine`), which is the context `core.toolbelt.i18n.tr()` asks for at run time.
Each .ts file is updated in place:

- a message keeps its translation (matched by context and source);
- a message new to its context takes the translation the same source has in another context
  of the old file, if any (give it its own translation there when the meaning differs);
- other new messages are added untranslated, `type="unfinished"`;
- messages no longer in the code are dropped.

Contexts are sorted by name, messages by where they first appear; running it twice gives the
same file. A tr() whose argument is not a string literal cannot be extracted: it is reported
and nothing is written.

    python scripts/i18n_extract.py [resources/i18n/kr8310_th.ts ...]   (default: every .ts there)
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "kr8310_plugin"
TS_DIR = ROOT / "resources" / "i18n"
DEFAULT_CONTEXT = "@default"  # the package's own __init__, as in i18n.tr()


@dataclass
class Message:
    source: str
    locations: list[tuple[Path, int]] = field(default_factory=list)
    translation: str = ""
    unfinished: bool = True


def module_context(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    """`kr8310_plugin/gui/dashboard_dock.py` -> "gui.dashboard_dock" (a package's __init__.py -> its name)."""
    parts = list(path.relative_to(package_dir).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or DEFAULT_CONTEXT


def tr_calls(tree: ast.AST) -> list[tuple[int, str | None]]:
    """(line, literal text or None when not a literal) of every tr(...) / obj.tr(...) call.

    A `def tr(self, text): return tr(text)` forwards its caller's text; the call inside it is skipped.
    """
    forwarders = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and function.name == "tr"
        for node in ast.walk(function)
    }
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in forwarders or not node.args:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name != "tr":
            continue
        argument = node.args[0]  # adjacent literals ("a" "b") are one Constant already
        literal = argument.value if isinstance(argument, ast.Constant) and isinstance(argument.value, str) else None
        calls.append((node.lineno, literal))
    return sorted(calls, key=lambda call: call[0])


def extract(package_dir: Path = PACKAGE_DIR) -> tuple[dict[str, dict[str, Message]], list[str]]:
    """context -> source -> Message (locations filled) for the package, and "path:line" of non-literal calls."""
    contexts: dict[str, dict[str, Message]] = {}
    errors = []
    for path in sorted(package_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        context = module_context(path, package_dir)
        for line, text in tr_calls(tree):
            if text is None:
                errors.append(f"{path.relative_to(package_dir.parent)}:{line}")
                continue
            message = contexts.setdefault(context, {}).setdefault(text, Message(text))
            message.locations.append((path, line))
    return contexts, errors


def read_ts(path: Path) -> tuple[dict[str, str], dict[str, dict[str, Message]]]:
    """The <TS> attributes and context -> source -> Message (translation, unfinished) of a .ts file."""
    if not path.exists():
        return {"version": "2.1", "language": path.stem.rsplit("_", 1)[-1], "sourcelanguage": "en"}, {}
    root = ET.parse(path).getroot()
    contexts: dict[str, dict[str, Message]] = {}
    for context in root.iter("context"):
        messages = contexts.setdefault(context.findtext("name") or DEFAULT_CONTEXT, {})
        for element in context.iter("message"):
            source = element.findtext("source") or ""
            translation = element.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            messages[source] = Message(
                source,
                translation=(translation.text or "") if translation is not None else "",
                unfinished=kind == "unfinished" or translation is None,
            )
    return dict(root.attrib), contexts


def merge(
    extracted: dict[str, dict[str, Message]], old: dict[str, dict[str, Message]]
) -> tuple[dict[str, dict[str, Message]], dict[str, int]]:
    """The extracted messages with the old file's translations; and counts: found, new, reused, dropped."""
    elsewhere: dict[str, Message] = {}  # source -> a finished translation from any old context
    for context in sorted(old):
        for source, message in old[context].items():
            if not message.unfinished and message.translation.strip():
                elsewhere.setdefault(source, message)
    counts = {"found": 0, "new": 0, "reused": 0, "dropped": 0}
    for context, messages in extracted.items():
        for source, message in messages.items():
            counts["found"] += 1
            previous = old.get(context, {}).get(source)
            if previous is None and source in elsewhere:
                previous = elsewhere[source]
                counts["reused"] += 1
            elif previous is None:
                counts["new"] += 1
            if previous is not None:
                message.translation, message.unfinished = previous.translation, previous.unfinished
    counts["dropped"] = sum(
        1 for context, messages in old.items() for source in messages if source not in extracted.get(context, {})
    )
    return extracted, counts


def _escape(text: str) -> str:
    """XML text the way lupdate writes it (quotes as entities too)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def render(attributes: dict[str, str], contexts: dict[str, dict[str, Message]], ts_dir: Path) -> str:
    """The .ts file text, laid out as pylupdate5/lupdate write it."""
    header = " ".join(f'{key}="{_escape(value)}"' for key, value in attributes.items())
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", f"<TS {header}>"]
    for name in sorted(contexts):
        lines += ["<context>", f"    <name>{_escape(name)}</name>"]
        for message in sorted(contexts[name].values(), key=lambda m: (m.locations[0], m.source)):
            lines.append("    <message>")
            for path, line in message.locations:
                filename = Path(os.path.relpath(path, ts_dir)).as_posix()
                lines.append(f'        <location filename="{_escape(filename)}" line="{line}"/>')
            kind = ' type="unfinished"' if message.unfinished else ""
            lines += [
                f"        <source>{_escape(message.source)}</source>",
                f"        <translation{kind}>{_escape(message.translation)}</translation>",
                "    </message>",
            ]
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def update_ts(path: Path, package_dir: Path = PACKAGE_DIR) -> tuple[dict[str, int], list[str]]:
    """Update one .ts file in place from the package's tr() calls; counts and non-literal calls (then unwritten)."""
    extracted, errors = extract(package_dir)
    if errors:
        return {}, errors
    attributes, old = read_ts(path)
    merged, counts = merge(extracted, old)
    text = render(attributes, merged, path.resolve().parent)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return counts, []


def unfinished(path: Path) -> list[tuple[str, str]]:
    """(context, source) of the messages of a .ts file that still need a translation."""
    _attributes, contexts = read_ts(path)
    return [
        (context, source)
        for context in sorted(contexts)
        for source, message in contexts[context].items()
        if message.unfinished or not message.translation.strip()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ts_files", nargs="*", type=Path, help="the .ts files (default: resources/i18n/*.ts)")
    arguments = parser.parse_args(argv)
    ts_files = arguments.ts_files or sorted(TS_DIR.glob("*.ts"))
    for ts_file in ts_files:
        counts, errors = update_ts(ts_file)
        if errors:
            for error in errors:
                print(f"{error}: tr() needs a string literal, tr('...').format(...); not extracted", file=sys.stderr)
            print(f"{ts_file}: not updated", file=sys.stderr)
            return 2
        todo = unfinished(ts_file)
        print(
            f"{ts_file}: {counts['found']} source text(s) ({counts['new']} new, {counts['reused']} translated "
            f"from another context), {counts['dropped']} dropped; {len(todo)} to translate"
        )
        for context, source in todo:
            print(f"  [{context}] {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

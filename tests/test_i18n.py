"""Thai throughout: every string the plugin shows has a Thai translation, and the plugin follows
QGIS's language setting."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import QgsSettings

import kr8310_plugin
from kr8310_plugin.core.toolbelt.i18n import install_translator, remove_translator, tr, user_language
from kr8310_plugin.core.toolbelt.paths import resource_path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kr8310_plugin"
TS_FILE = ROOT / "resources" / "i18n" / "kr8310_th.ts"
RERUN = "run `make transup`, translate the new entries in resources/i18n/kr8310_th.ts, then `make transcompile`"


def tr_calls() -> tuple[set[str], list[str]]:
    """Literal texts of every tr(...) / self.tr(...) call in the package, and calls that are not literal."""
    texts: set[str] = set()
    not_literal: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        passthroughs = {  # `def tr(self, text): return tr(text)` forwards; its call is not a text
            id(node)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef) and function.name == "tr"
            for node in ast.walk(function)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in passthroughs:
                continue
            function = node.func
            name = getattr(function, "id", None) or getattr(function, "attr", None)
            if name != "tr" or not node.args:
                continue
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                texts.add(argument.value)
            else:
                not_literal.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return texts, not_literal


def ts_messages(path: Path) -> dict[str, tuple[str, str]]:
    """source -> (translation, type) of the .ts file's @default context."""
    root = ET.parse(path).getroot()
    messages = {}
    for context in root.iter("context"):
        if context.findtext("name") != "@default":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            messages[message.findtext("source")] = (
                (translation.text or "") if translation is not None else "",
                translation.get("type", "") if translation is not None else "unfinished",
            )
    return messages


def test_every_tr_call_has_a_literal_text():
    _texts, not_literal = tr_calls()
    assert not not_literal, "pylupdate5 cannot extract tr() of a non-literal; use tr('...').format(...): " + ", ".join(
        not_literal
    )


def test_every_source_string_has_a_thai_translation():
    texts, _ = tr_calls()
    messages = ts_messages(TS_FILE)
    missing = sorted(t for t in texts if t not in messages)
    unfinished = sorted(t for t in texts if t in messages and (messages[t][1] or not messages[t][0].strip()))
    assert not missing, f"{len(missing)} string(s) not in {TS_FILE.name} ({RERUN}): {missing[:10]}"
    assert not unfinished, f"{len(unfinished)} string(s) without a Thai translation ({RERUN}): {unfinished[:10]}"


def test_translations_keep_the_placeholders():
    """A translation that drops or renames {name} would raise KeyError (or lose a value) at run time."""
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    texts, _ = tr_calls()
    wrong = [
        source
        for source, (translation, kind) in ts_messages(TS_FILE).items()
        if source in texts and not kind and fields(source) != fields(translation)
    ]
    assert not wrong, f"translations with other {{placeholders}} than their source: {wrong[:10]}"


def test_ts_file_is_what_pylupdate5_extracts(tmp_path):
    """`make transup` (pylupdate5) sees exactly the strings the test above checks, all in @default."""
    if shutil.which("pylupdate5") is None:
        pytest.skip("pylupdate5 (pyqt5-dev-tools) is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = [str(p) for p in sorted(PACKAGE.rglob("*.py"))]
    result = subprocess.run(
        ["pylupdate5", "-noobsolete", *sources, "-ts", str(fresh)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    contexts = {c.findtext("name") for c in ET.parse(fresh).getroot().iter("context")}
    assert contexts == {"@default"}
    texts, _ = tr_calls()
    assert set(ts_messages(fresh)) == texts


def test_tr_returns_thai_after_installing_the_thai_translator(qgis_app):
    qm = resource_path("i18n", "kr8310_th.qm")
    assert qm.is_file(), "make build compiles the .ts into .qm"
    try:
        assert install_translator("th")
        assert tr("KR 8310 dashboard") == "แดชบอร์ด KR 8310"
        assert tr("Households") == "ครัวเรือน"
        assert (
            tr("City KR 8310: {pct:.1f} % ({complete:,} of {registered:,} households)")
            .format(pct=87.25, complete=1000, registered=2000)
            .startswith("KR 8310 ทั้งกรุงเทพมหานคร")
        )
    finally:
        remove_translator()
    assert tr("KR 8310 dashboard") == "KR 8310 dashboard"
    assert not install_translator("fr")  # no French: English texts
    assert tr("Households") == "Households"


@pytest.mark.parametrize(("user_locale", "language"), [("th_TH", "th"), ("en_US", "en"), ("th", "th")])
def test_plugin_follows_qgis_locale_setting(qgis_app, user_locale, language):
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in ("locale/overrideFlag", "locale/userLocale")}
    try:
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", user_locale)
        assert user_language() == language
    finally:
        for key, value in saved.items():
            if value is None:
                settings.remove(key)
            else:
                settings.setValue(key, value)


def test_plugin_speaks_thai_in_thai_qgis_and_english_otherwise(qgis_iface):
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in ("locale/overrideFlag", "locale/userLocale")}
    try:
        settings.setValue("locale/overrideFlag", True)
        for user_locale, expected in (("th_TH", "แดชบอร์ด KR 8310"), ("en_GB", "KR 8310 dashboard")):
            settings.setValue("locale/userLocale", user_locale)
            plugin = kr8310_plugin.classFactory(qgis_iface)  # QGIS creates the plugin at start-up
            try:
                assert tr("KR 8310 dashboard") == expected
            finally:
                plugin.unload()
            assert tr("KR 8310 dashboard") == "KR 8310 dashboard"
    finally:
        for key, value in saved.items():
            if value is None:
                settings.remove(key)
            else:
                settings.setValue(key, value)

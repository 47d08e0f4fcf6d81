"""Thai throughout: every string the plugin shows has a Thai translation, in the translation context of
the module that shows it, and the plugin follows QGIS's language setting."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

import kr8310_plugin
from kr8310_plugin.core.toolbelt.i18n import context_of, install_translator, remove_translator, tr, user_language
from kr8310_plugin.core.toolbelt.paths import resource_path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kr8310_plugin"
TS_FILE = ROOT / "resources" / "i18n" / "kr8310_th.ts"
EXTRACTOR = ROOT / "scripts" / "i18n_extract.py"
RERUN = "run `make transup`, translate the new entries in resources/i18n/kr8310_th.ts, then `make transcompile`"


def _load_extractor():
    spec = importlib.util.spec_from_file_location("i18n_extract", EXTRACTOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


i18n_extract = _load_extractor()


def code_messages() -> dict[tuple[str, str], list[tuple[Path, int]]]:
    """(context, text) -> locations of every literal tr(...) / self.tr(...) call in the package."""
    contexts, _errors = i18n_extract.extract(PACKAGE)
    return {(context, source): m.locations for context, messages in contexts.items() for source, m in messages.items()}


def ts_messages(path: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """(context, source) -> (translation, unfinished) of a .ts file."""
    _attributes, contexts = i18n_extract.read_ts(path)
    return {
        (context, source): (message.translation, message.unfinished)
        for context, messages in contexts.items()
        for source, message in messages.items()
    }


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def test_every_tr_call_has_a_literal_text():
    _contexts, not_literal = i18n_extract.extract(PACKAGE)
    assert not not_literal, "the extractor cannot read tr() of a non-literal; use tr('...').format(...): " + ", ".join(
        not_literal
    )


def test_every_source_string_has_a_thai_translation():
    messages = ts_messages(TS_FILE)
    code = code_messages()
    missing = sorted(key for key in code if key not in messages)
    unfinished = sorted(key for key in code if key in messages and (messages[key][1] or not messages[key][0].strip()))
    assert not missing, f"{len(missing)} string(s) not in {TS_FILE.name} ({RERUN}): {missing[:10]}"
    assert not unfinished, f"{len(unfinished)} string(s) without a Thai translation ({RERUN}): {unfinished[:10]}"


def test_translations_keep_the_placeholders():
    """A translation that drops or renames {name} would raise KeyError (or lose a value) at run time."""

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    code = code_messages()
    wrong = [
        key
        for key, (translation, unfinished) in ts_messages(TS_FILE).items()
        if key in code and not unfinished and fields(key[1]) != fields(translation)
    ]
    assert not wrong, f"translations with other {{placeholders}} than their source: {wrong[:10]}"


def test_one_context_per_module_with_tr_calls():
    """Context = the module's name inside the package, the name tr() asks for at run time."""
    modules_with_tr = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if i18n_extract.tr_calls(ast.parse(path.read_text(encoding="utf-8"))):
            parts = path.relative_to(ROOT).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules_with_tr.add(context_of(module))
    assert {"gui.dashboard_dock", "core.coverage.engine", "processing.algorithms.validate"} <= modules_with_tr
    contexts = {context for context, _source in ts_messages(TS_FILE)}
    assert contexts == modules_with_tr, RERUN
    assert "@default" not in contexts


def test_ts_file_is_what_the_extractor_writes(tmp_path):
    """`make transup` (scripts/i18n_extract.py) on the committed file changes no context, text or translation."""
    fresh = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, fresh)
    result = subprocess.run([sys.executable, str(EXTRACTOR), str(fresh)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert ts_messages(fresh) == ts_messages(TS_FILE), RERUN
    first = fresh.read_bytes()
    subprocess.run([sys.executable, str(EXTRACTOR), str(fresh)], capture_output=True, check=True, cwd=ROOT)
    assert fresh.read_bytes() == first, "a second run must not change the file"


def _write_package(root: Path, files: dict[str, str]) -> Path:
    package = root / "kr8310_plugin"
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package


def test_extractor_keeps_reuses_adds_and_drops(tmp_path):
    package = _write_package(
        tmp_path,
        {
            "__init__.py": "",
            "gui/menu.py": 'tr("Households")\ntr("New text")\n',
            "core/engine.py": 'def f(self):\n    return self.tr("Households"\n    " and members")\n',
            "processing/base.py": "class A:\n    def tr(self, text):\n        return tr(text)\n",
        },
    )
    ts_file = tmp_path / "i18n" / "x_th.ts"
    ts_file.parent.mkdir()
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="th_TH">\n'
        "<context><name>@default</name>"
        "<message><source>Households</source><translation>ครัวเรือน</translation></message>"
        "<message><source>Gone</source><translation>หายไป</translation></message>"
        "</context>\n<context><name>core.engine</name>"
        "<message><source>Households and members</source><translation>ครัวเรือนและสมาชิก</translation></message>"
        "</context>\n</TS>\n",
        encoding="utf-8",
    )
    counts, errors = i18n_extract.update_ts(ts_file, package)
    assert not errors
    assert counts == {"found": 3, "new": 1, "reused": 1, "dropped": 2}
    assert ts_messages(ts_file) == {
        ("gui.menu", "Households"): ("ครัวเรือน", False),  # from another context of the old file
        ("gui.menu", "New text"): ("", True),
        ("core.engine", "Households and members"): ("ครัวเรือนและสมาชิก", False),  # kept
    }
    text = ts_file.read_text(encoding="utf-8")
    assert '<location filename="../kr8310_plugin/core/engine.py" line="2"/>' in text
    assert '<translation type="unfinished"></translation>' in text
    assert text.index("<name>core.engine</name>") < text.index("<name>gui.menu</name>")
    i18n_extract.update_ts(ts_file, package)
    assert ts_file.read_text(encoding="utf-8") == text


def test_extractor_refuses_a_non_literal_text(tmp_path):
    package = _write_package(tmp_path, {"gui/dock.py": 'label = "x"\ntr(label)\ntr(f"{label}")\n'})
    ts_file = tmp_path / "x_th.ts"
    _counts, errors = i18n_extract.update_ts(ts_file, package)
    assert errors == ["kr8310_plugin/gui/dock.py:2", "kr8310_plugin/gui/dock.py:3"]
    assert not ts_file.exists()


def test_same_text_in_two_modules_can_have_two_translations(tmp_path, qgis_app):
    """tr() of one English text gives each module's own translation: the context comes from the caller."""
    if shutil.which("lrelease") is None:
        pytest.skip("lrelease (qttools5-dev-tools) is not installed")
    ts_file = tmp_path / "two_th.ts"
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="th_TH">\n'
        "<context><name>gui.menu</name>"
        "<message><source>Open</source><translation>เปิด</translation></message></context>\n"
        "<context><name>processing.algorithms.validate</name>"
        "<message><source>Open</source><translation>ยังไม่ปิด</translation></message></context>\n</TS>\n",
        encoding="utf-8",
    )
    qm_file = tmp_path / "two_th.qm"
    subprocess.run(["lrelease", "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
    modules = {}
    for name in ("kr8310_plugin.gui.menu", "kr8310_plugin.processing.algorithms.validate", "elsewhere"):
        namespace = {"__name__": name}
        exec("from kr8310_plugin.core.toolbelt.i18n import tr\ndef say(text):\n    return tr(text)\n", namespace)
        modules[name] = namespace["say"]
    translator = QTranslator()
    assert translator.load(str(qm_file))
    QCoreApplication.installTranslator(translator)
    try:
        assert modules["kr8310_plugin.gui.menu"]("Open") == "เปิด"
        assert modules["kr8310_plugin.processing.algorithms.validate"]("Open") == "ยังไม่ปิด"
        assert modules["elsewhere"]("Open") == "Open"  # outside the package: "@default", untranslated here
    finally:
        QCoreApplication.removeTranslator(translator)


def test_a_text_in_several_modules_is_translated_in_each(qgis_app):
    """The real translation: "Households" is in several modules, each context has its Thai."""
    contexts = sorted(context for context, source in code_messages() if source == "Households")
    assert len(contexts) >= 2
    try:
        assert install_translator("th")
        assert {translate(context, "Households") for context in contexts} == {"ครัวเรือน"}
        assert tr("Households") == "Households"  # this test module is no context of the plugin
    finally:
        remove_translator()


def test_tr_returns_thai_after_installing_the_thai_translator(qgis_app):
    qm = resource_path("i18n", "kr8310_th.qm")
    assert qm.is_file(), "make build compiles the .ts into .qm"
    from kr8310_plugin.processing.algorithms.base import Kr8310Algorithm, group_names

    try:
        assert install_translator("th")
        assert translate("gui.dashboard_dock", "KR 8310 dashboard") == "แดชบอร์ด KR 8310"
        assert translate("processing.algorithms.validate", "Households") == "ครัวเรือน"
        assert (
            translate(
                "processing.algorithms.kr_summary",
                "City KR 8310: {pct:.1f} % ({complete:,} of {registered:,} households)",
            )
            .format(pct=87.25, complete=1000, registered=2000)
            .startswith("KR 8310 ทั้งกรุงเทพมหานคร")
        )
        # tr() inside the package: the calling module's context, also through an algorithm's self.tr()
        maps_and_reports = translate("processing.algorithms.base", "Maps and reports")
        assert maps_and_reports != "Maps and reports"
        assert group_names()["exports"] == maps_and_reports
        assert Kr8310Algorithm().tr("Maps and reports") == "Maps and reports"  # called from here: no context
    finally:
        remove_translator()
    assert translate("gui.dashboard_dock", "KR 8310 dashboard") == "KR 8310 dashboard"
    assert not install_translator("fr")  # no French: English texts
    assert translate("processing.algorithms.validate", "Households") == "Households"


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
                assert translate("gui.dashboard_dock", "KR 8310 dashboard") == expected
            finally:
                plugin.unload()
            assert translate("gui.dashboard_dock", "KR 8310 dashboard") == "KR 8310 dashboard"
    finally:
        for key, value in saved.items():
            if value is None:
                settings.remove(key)
            else:
                settings.setValue(key, value)

"""Translation for the whole plugin.

Every user-visible string goes through `tr()`, translated in the context of the module that
calls it: the module's name inside the package ("gui.dashboard_dock", "core.coverage.engine"),
so the same English text can be translated differently in two modules. `make transup`
(scripts/i18n_extract.py) files each `tr("...")` call of the sources under the same name.
"""

from __future__ import annotations

import sys

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .paths import resource_path

_installed: QTranslator | None = None
_PREFIX = __name__.split(".", 1)[0] + "."  # "kr8310_plugin.", whatever the plugin folder is called
_DEFAULT_CONTEXT = "@default"  # code outside the package's modules (the package itself, tests, consoles)
_contexts: dict[str, str] = {}  # module name -> context; module names never change meaning


def tr(text: str) -> str:
    """`text` translated in the calling module's context (English when no translation is loaded)."""
    frame = sys._getframe(1)
    if frame.f_code.co_name == "tr" and frame.f_back is not None:
        frame = frame.f_back  # a `def tr(self, text): return tr(text)` forwards its caller's text
    module = frame.f_globals.get("__name__") or ""
    context = _contexts.get(module)
    if context is None:
        context = _contexts[module] = context_of(module)
    return QCoreApplication.translate(context, text)


def context_of(module_name: str) -> str:
    """The translation context tr() uses for the module `module_name` (e.g. "kr8310_plugin.gui.menu" -> "gui.menu")."""
    return module_name[len(_PREFIX) :] if module_name.startswith(_PREFIX) else _DEFAULT_CONTEXT


def user_language() -> str:
    """Two-letter language QGIS is set to ('th', 'en', ...), from `locale/userLocale`."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = settings.value("locale/userLocale", "", type=str) or QLocale().name()
    else:
        locale = settings.value("locale/userLocale", "", type=str) or QLocale.system().name()
    return (locale or "en")[:2].lower()


def install_translator(language: str | None = None) -> bool:
    """Load the plugin's .qm for the language (default: QGIS's); True when one was loaded."""
    global _installed
    language = language or user_language()
    remove_translator()
    qm_file = resource_path("i18n", f"kr8310_{language}.qm")
    if not qm_file.exists():
        return False
    translator = QTranslator()
    if not translator.load(str(qm_file)):
        return False
    QCoreApplication.installTranslator(translator)
    _installed = translator
    return True


def remove_translator() -> None:
    global _installed
    if _installed is not None:
        QCoreApplication.removeTranslator(_installed)
        _installed = None

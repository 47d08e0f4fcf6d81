"""Translation for the whole plugin.

Every user-visible string goes through `tr()`. The plugin's strings live in the
"@default" context, which is where pylupdate5 files a bare `tr("...")` call.
"""

from __future__ import annotations

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .paths import resource_path

_installed: QTranslator | None = None


def tr(text: str) -> str:
    return QCoreApplication.translate("@default", text)


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

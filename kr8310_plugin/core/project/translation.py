"""The set-up project's translation: a `<project>_<locale>.qm` beside the .qgs, which QGIS itself loads.

When QGIS opens `mapping.qgs` while it runs in a locale for which `mapping_<locale>.qm` lies
beside it ("locale/userLocale": "th" when chosen in the options, "th_TH" when taken from the
system), it translates the project as it reads it (layer names, field aliases, form tabs, and from
QGIS 3.24 on the value maps too) and saves the result as `mapping_<locale>.qgs`, which is then the
open project. No plugin is needed for that. Texts QGIS does not translate (constraint messages,
legends, and value maps on QGIS 3.22) are re-applied by the plugin when it is installed
(core/project/language.py).

QGIS looks for the .qm beside the file it parses: for a .qgz that is the folder it unzips into, so
project translation needs a .qgs.

The .qm is written here (stock QGIS ships no lrelease): the Qt translation file format, with its
messages and the hash table QTranslator looks them up by.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from qgis.core import QgsLayerTreeGroup, QgsProject, QgsValueMapFieldFormatter, QgsVectorLayer

from ...definitions.labels import FIELD_LABELS, LAYOUT_GROUP_TITLE, LAYOUT_LAYER_TITLES, layout_field_label
from ...definitions.schema import CODE_LISTS_BY_NAME, LAYER_SPECS, LAYOUT_LAYER_SPECS
from ..coverage.live import LAYER_PROPERTY
from ..storage.layer_source import table_name
from . import forms

TRANSLATED_LANGUAGES = ("th",)
# The locale names QGIS may hold for a language: chosen in the options, or the system's.
LOCALE_NAMES = {"th": ("th", "th_TH")}
SOURCE_LANGUAGE = "en"

_QM_MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95, 0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])
_SECTION_HASHES = 0x42
_SECTION_MESSAGES = 0x69
_TAG_END = 1
_TAG_TRANSLATION = 3
_TAG_SOURCE_TEXT = 6
_TAG_CONTEXT = 7


@dataclass(frozen=True)
class Message:
    """One translated text: QGIS asks for `source` in `context` and gets `translation`."""

    context: str
    source: str
    translation: str


def _elf_hash(data: bytes) -> int:
    """The hash QTranslator files a message under (ELF hash of the UTF-8 source text; never 0)."""
    value = 0
    for byte in data:
        value = ((value << 4) + byte) & 0xFFFFFFFF
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
        value &= ~high & 0xFFFFFFFF
    return value or 1


def qm_bytes(messages: list[Message]) -> bytes:
    """The content of a Qt .qm file holding `messages` (later duplicates of a context and source win)."""
    unique = {(m.context, m.source): m for m in messages if m.source and m.translation}
    block = bytearray()
    hashes = []
    for message in unique.values():
        source = message.source.encode("utf-8")
        context = message.context.encode("utf-8")
        translation = message.translation.encode("utf-16-be")
        hashes.append((_elf_hash(source), len(block)))
        block += struct.pack(">BI", _TAG_TRANSLATION, len(translation)) + translation
        block += struct.pack(">BI", _TAG_SOURCE_TEXT, len(source)) + source
        block += struct.pack(">BI", _TAG_CONTEXT, len(context)) + context
        block += struct.pack(">B", _TAG_END)
    table = b"".join(struct.pack(">II", h, offset) for h, offset in sorted(hashes))
    return (
        _QM_MAGIC
        + struct.pack(">BI", _SECTION_HASHES, len(table))
        + table
        + struct.pack(">BI", _SECTION_MESSAGES, len(block))
        + bytes(block)
    )


def _layer_titles() -> dict[str, object]:
    """Database layer name -> its title Code (the set-up layers, and the layout layers when defined)."""
    titles: dict[str, object] = dict(forms.LAYER_TITLES)
    for code in LAYOUT_LAYER_TITLES.codes:
        titles.setdefault(code.key, code)
    return titles


def _field_label(layer_name: str, field_name: str, language: str) -> str | None:
    """The alias the set-up gives a field of a core or layout layer in `language` (None: it gives none)."""
    if layer_name in forms.LAYER_TITLES:
        return FIELD_LABELS.label(field_name, language) if FIELD_LABELS.get(field_name) else None
    return layout_field_label(field_name, language)


# Every coded field of the core and layout layers -> its code list (a name has one list in all layers).
_CODE_LISTS = {
    field.name: CODE_LISTS_BY_NAME[field.code_list]
    for spec in (*LAYER_SPECS, *LAYOUT_LAYER_SPECS)
    for field in spec.fields
    if field.code_list is not None
}


def _value_map_messages(layer: QgsVectorLayer, context: str, language: str) -> list[Message]:
    messages = []
    for field in layer.fields():
        setup = field.editorWidgetSetup()
        code_list = _CODE_LISTS.get(field.name())
        if setup.type() != "ValueMap" or code_list is None:
            continue
        for entry in setup.config().get("map", []):
            ((label, value),) = entry.items()
            if value == QgsValueMapFieldFormatter.NULL_VALUE:
                wanted = forms.NOT_SET.label(language)
            else:
                wanted = code_list.label(value, language)
            messages.append(Message(f"{context}:fields:{field.name()}:valuemapdescriptions", label, wanted))
    return messages


def _container_names(element) -> list[str]:
    names = []
    for child in element.children():
        if hasattr(child, "children") and hasattr(child, "columnCount"):  # a tab or group box
            names.append(child.name())
            names += _container_names(child)
    return names


def project_messages(project: QgsProject, language: str) -> list[Message]:
    """What QGIS translates when it reads `project` (written in English), in `language`: the names of
    the set-up layers (the core ones by their tag, the layout ones by their table) and groups, their
    field aliases, form tabs and value maps."""
    titles = _layer_titles()
    tabs = {
        code.label(SOURCE_LANGUAGE): code.label(language)
        for code in (forms.TAB_HOUSEHOLD, forms.TAB_MEMBERS, forms.TAB_RECORD)
    }
    messages = []
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer):
            continue
        name = layer.customProperty(LAYER_PROPERTY) or table_name(layer)
        if name not in titles:
            continue
        context = f"project:layers:{layer.id()}"
        messages.append(Message(context, layer.name(), titles[name].label(language)))
        node = project.layerTreeRoot().findLayer(layer.id())
        if node is not None and node.name() != layer.name():  # a tree name of its own (the layout layers')
            messages.append(Message(context, node.name(), titles[name].label(language)))
        for field in layer.fields():
            label = _field_label(name, field.name(), language)
            if label:
                messages.append(Message(f"{context}:fieldaliases", field.alias() or field.name(), label))
        messages += _value_map_messages(layer, context, language)
        for tab in _container_names(layer.editFormConfig().invisibleRootContainer()):
            if tab in tabs:
                messages.append(Message(f"{context}:formcontainers", tab, tabs[tab]))
    group_titles = {code.label(SOURCE_LANGUAGE): code.label(language) for code in titles.values()}
    group_titles[LAYOUT_GROUP_TITLE.label(SOURCE_LANGUAGE)] = LAYOUT_GROUP_TITLE.label(language)
    for group in project.layerTreeRoot().findGroups():
        if isinstance(group, QgsLayerTreeGroup) and group.name() in group_titles:
            messages.append(Message("project:layergroups", group.name(), group_titles[group.name()]))
    return messages


def translation_paths(project_file: str | Path, language: str) -> list[Path]:
    """The .qm files QGIS looks for beside `project_file` in `language` (one per locale name)."""
    project_file = Path(project_file)
    return [
        project_file.with_name(f"{project_file.stem}_{locale}.qm") for locale in LOCALE_NAMES.get(language, (language,))
    ]


def write_project_translations(project: QgsProject, project_file: str | Path) -> list[Path]:
    """Write the .qm of every language in TRANSLATED_LANGUAGES beside `project_file`; the paths written."""
    written = []
    for language in TRANSLATED_LANGUAGES:
        content = qm_bytes(project_messages(project, language))
        for path in translation_paths(project_file, language):
            path.write_bytes(content)
            written.append(path)
    return written

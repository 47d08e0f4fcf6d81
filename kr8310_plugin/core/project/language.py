"""A set-up project in the language QGIS runs in, re-applied by the plugin when a project opens.

QGIS's own project translation (core.project.translation) already renames the layers and
translates aliases and tabs as it reads the project; what it leaves in the language of the set-up
(constraint messages, legends, value maps on QGIS 3.22) is set here from the same definitions the
set-up used. The project is left unmodified in the user's eyes: no "save changes?" for a language.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProject, QgsVectorLayer

from ...definitions import schema
from ..coverage.live import LAYER_PROPERTY
from ..storage import rule_store
from . import forms, layout_layers, styles
from .translation import LOCALE_NAMES

LANGUAGE_PROPERTY = "kr8310/language"  # on the households layer: the language its texts are in now


def set_up_layers(project: QgsProject) -> dict[str, QgsVectorLayer]:
    """The layers a set-up project tagged (core.coverage.live.LAYER_PROPERTY), by database name;
    names in the layer tree may be translated, tags are not."""
    found = {}
    for layer in project.mapLayers().values():
        name = layer.customProperty(LAYER_PROPERTY)
        if isinstance(layer, QgsVectorLayer) and name in forms.LAYER_TITLES and name not in found:
            found[name] = layer
    return found


def project_layer(project: QgsProject, name: str) -> QgsVectorLayer | None:
    """The set-up project's layer with database name `name` (by its tag, then by its name), or None."""
    layer = set_up_layers(project).get(name)
    if layer is not None:
        return layer
    return next(
        (candidate for candidate in project.mapLayersByName(name) if isinstance(candidate, QgsVectorLayer)), None
    )


def apply_language(project: QgsProject, language: str) -> bool:
    """Put the texts of `project`'s set-up layers in `language` ('th' or 'en'): layer names, forms
    (aliases, value maps, tabs, constraint messages) and the communities' legends. False when the
    project is no set-up project or is in that language already."""
    layers = set_up_layers(project)
    households, members = layers.get(schema.HOUSEHOLDS), layers.get(schema.MEMBERS)
    relation = project.relationManager().relation(forms.MEMBER_HOUSEHOLD_RELATION)
    if households is None or members is None or not relation.isValid() or set(layers) != set(forms.LAYER_TITLES):
        return False
    if households.customProperty(LANGUAGE_PROPERTY) == language:
        return False
    was_dirty = project.isDirty()
    refs = forms.LayerRefs(layers[schema.COMMUNITIES].id(), households.id())
    forms.configure_households(households, relation, language, refs)
    try:
        rule = rule_store.read_rule(members)
    except rule_store.RuleStoreError:
        rule = forms.DEFAULT_RULE  # the database is out of reach: its forms still speak the language
    forms.configure_members(members, language, rule)
    forms.configure_reference_layer(layers[schema.COMMUNITIES], language, '"name"')
    forms.configure_reference_layer(
        layers[schema.DISTRICTS], language, '"name_th"' if language == "th" else '"name_en"'
    )
    styles.add_community_styles(layers[schema.COMMUNITIES], language)
    styles.style_districts(layers[schema.DISTRICTS], language)
    for name, layer in layers.items():
        layer.setName(forms.LAYER_TITLES[name].label(language))
        node = project.layerTreeRoot().findLayer(layer.id())
        if node is not None and not node.useLayerName():
            node.setName(layer.name())
    layout_layers.apply_layout_language(project, language)
    households.setCustomProperty(LANGUAGE_PROPERTY, language)
    project.setDirty(was_dirty)
    return True


def translated_by_qgis(project: QgsProject) -> bool:
    """Whether QGIS just opened `project` through its project translation: the open file is the
    `<name>_<locale>.qgs` it wrote beside `<name>.qgs` and its `<name>_<locale>.qm`."""
    path = Path(project.fileName())
    for locales in LOCALE_NAMES.values():
        for locale in locales:
            suffix = f"_{locale}"
            if path.suffix.lower() == ".qgs" and path.stem.endswith(suffix):
                original = path.with_name(path.stem[: -len(suffix)] + ".qgs")
                if original.is_file() and original.with_name(f"{original.stem}{suffix}.qm").is_file():
                    return True
    return False


def settle_opened_project(project: QgsProject, language: str) -> bool:
    """What the plugin does as a project opens: its texts in `language` (`apply_language`), and a
    project QGIS has just translated left unmodified (QGIS 3.22 marks it changed for the title it
    gives it). True when anything was re-applied."""
    translated = translated_by_qgis(project)
    applied = apply_language(project, language)
    if translated:
        project.setDirty(False)
    return applied

"""A set-up project appears in the language QGIS runs in when it is opened: QGIS's own project
translation from the .qm written beside the .qgs, and what the plugin re-applies on top."""

from __future__ import annotations

import pytest
from qgis.core import QgsProject, QgsSettings
from qgis.PyQt.QtCore import QTranslator
from qgis.PyQt.QtGui import QFontDatabase

from kr8310_plugin.core.project import forms, styles
from kr8310_plugin.core.project.language import LANGUAGE_PROPERTY, apply_language, set_up_layers, settle_opened_project
from kr8310_plugin.core.project.setup import write_mapping_project
from kr8310_plugin.core.project.translation import Message, qm_bytes, translation_paths
from kr8310_plugin.definitions.codelists import EDUCATION

LOCALE_KEY = "locale/userLocale"


@pytest.fixture()
def locale():
    """Set QGIS's locale for a test (as the QGIS options do); restored after."""
    settings = QgsSettings()
    before = settings.value(LOCALE_KEY, None)

    def set_locale(name: str) -> None:
        settings.setValue(LOCALE_KEY, name)

    yield set_locale
    if before is None:
        settings.remove(LOCALE_KEY)
    else:
        settings.setValue(LOCALE_KEY, before)
    QgsProject.instance().clear()


@pytest.fixture()
def project_file(qgis_app, demo_copy, tmp_path):
    return write_mapping_project(str(demo_copy), tmp_path / "mapping.qgs")


def test_a_written_qm_is_read_by_qt(tmp_path):
    messages = [
        Message("project:layers:abc", "households", "ครัวเรือน"),
        Message("project:layers:abc:fieldaliases", "House number", "บ้านเลขที่"),
        Message("project:layers:xyz:fieldaliases", "House number", "เลขที่บ้าน"),  # same text, other context
    ]
    (tmp_path / "t_th.qm").write_bytes(qm_bytes(messages))
    translator = QTranslator()
    assert translator.load("t_th", str(tmp_path))
    assert translator.translate("project:layers:abc", "households") == "ครัวเรือน"
    assert translator.translate("project:layers:abc:fieldaliases", "House number") == "บ้านเลขที่"
    assert translator.translate("project:layers:xyz:fieldaliases", "House number") == "เลขที่บ้าน"
    assert translator.translate("project:layers:abc", "members") == ""


def test_set_up_writes_english_and_a_thai_translation_beside_it(project_file):
    assert [path.exists() for path in translation_paths(project_file, "th")] == [True, True]  # th and th_TH
    project = QgsProject()
    assert project.read(str(project_file))
    layers = set_up_layers(project)
    assert layers["households"].name() == "households"
    assert layers["households"].fields().field("house_no").alias() == "House number"


@pytest.mark.parametrize("locale_name", ["th", "th_TH"])
def test_thai_qgis_opens_the_project_in_thai_without_the_plugin(project_file, locale, locale_name):
    locale(locale_name)
    project = QgsProject.instance()
    assert project.read(str(project_file))
    layers = set_up_layers(project)
    households, members = layers["households"], layers["members"]
    assert households.name() == "ครัวเรือน" and layers["communities"].name() == "ชุมชน"
    assert households.fields().field("house_no").alias() == "บ้านเลขที่"
    assert [tab.name() for tab in households.editFormConfig().tabs()] == [
        forms.TAB_HOUSEHOLD.label_th,
        forms.TAB_MEMBERS.label_th,
        forms.TAB_RECORD.label_th,
    ]
    assert members.fields().field("age").alias() == "อายุ (ปี)"
    assert project.fileName().endswith(f"mapping_{locale_name}.qgs")  # QGIS keeps the original as it was


def test_english_qgis_opens_the_same_project_in_english(project_file, locale):
    locale("en_US")
    project = QgsProject.instance()
    assert project.read(str(project_file))
    assert set_up_layers(project)["households"].name() == "households"
    assert project.fileName() == str(project_file)


def test_the_plugin_puts_the_rest_in_the_language_and_leaves_the_project_clean(project_file, locale):
    locale("th")
    project = QgsProject.instance()
    assert project.read(str(project_file))
    assert settle_opened_project(project, "th")  # what the plugin does as the project opens
    layers = set_up_layers(project)
    households, members = layers["households"], layers["members"]
    labels = [
        next(iter(entry))
        for entry in members.editorWidgetSetup(members.fields().indexFromName("education")).config()["map"]
    ]
    assert labels[1:] == [code.label_th for code in EDUCATION.codes]  # value maps (QGIS 3.22 leaves them)
    residence = households.fields().field("residence_years").constraints().constraintDescription()
    assert residence == forms.rule("households", "residence_years").text("th")  # constraint messages
    legend = [item.label() for item in layers["communities"].renderer().legendSymbolItems()]
    assert any("ไม่มีข้อมูล" in label or "ยังไม่" in label for label in legend), legend
    assert households.customProperty(LANGUAGE_PROPERTY) == "th"
    assert not project.isDirty()
    assert not apply_language(project, "th")  # once is enough


def test_labels_use_a_font_this_machine_has(project_file):
    project = QgsProject()
    assert project.read(str(project_file))
    installed = set(QFontDatabase().families())
    households = set_up_layers(project)["households"]
    family = households.labeling().settings().format().font().family()
    assert family == styles.label_font_family()
    assert family in installed or not set(styles.THAI_FONT_CANDIDATES) & installed
    assert styles.label_font_family(["Arial", "Tahoma", "Loma"]) == "Tahoma"
    assert styles.label_font_family(["Arial"]) == styles.THAI_FONT_CANDIDATES[0]

# KR 8310 QGIS plugin. `make demo` and `make test` set everything up themselves
# (Debian packages, the venv), idempotently: quick when it is already done.

SHELL := /bin/bash
ROOT := $(abspath .)
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
BUILD := $(ROOT)/build
PLUGIN_DIR := $(BUILD)/plugins/kr8310_plugin
OUTPUT := $(ROOT)/output
# Release-neutral names only: `postgresql` and `postgresql-postgis` are Debian's metapackages for the
# release's own PostgreSQL (15 on Debian 12, 17 on 13, 18 on testing) and its PostGIS.
APT_PACKAGES := qgis python3-qgis qgis-providers fonts-thai-tlwg xvfb python3-venv pyqt5-dev-tools \
	qttools5-dev-tools poppler-utils postgresql postgis postgresql-postgis zip
QGIS_PROFILE_PLUGINS := $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins
TS_FILES := $(wildcard resources/i18n/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)
PY_SOURCES := $(sort $(shell find kr8310_plugin -name '*.py' 2>/dev/null))
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export QT_QPA_PLATFORM ?= offscreen
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)
export QGIS_PLUGINPATH := $(BUILD)/plugins
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup apt venv build demo test test-matrix lint format bench bench-scale styles transup transcompile zip install clean

setup: apt venv

# Install the Debian packages only when one is missing (dpkg-query is instant).
apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
		| grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q \
			--no-install-recommends $$missing; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.txt | apt
	[ -x $(PY) ] || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

transcompile: $(QM_FILES)

resources/i18n/%.qm: resources/i18n/%.ts | apt
	lrelease -silent $< -qm $@

transup: | venv
	@# one translation context per module, as tr() asks for at run time
	$(PY) scripts/i18n_extract.py $(TS_FILES)

build: setup transcompile
	@$(PY) scripts/assemble.py copy $(BUILD)/plugins >/dev/null

test: build
	mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	# Temp files under the build dir: pytest's default base temp is shared by every session of
	# the user, and a session starting elsewhere prunes the directories of one still running.
	$(VENV)/bin/pytest --basetemp=$(BUILD)/pytest-tmp

# `make test` and `make demo` inside a Debian chroot for each QGIS of the matrix the host lacks
# (3.22 Debian 12, 3.40 Debian 13, 3.44 Debian testing); chroots are kept in /var/lib/kr8310-chroots.
test-matrix:
	bash scripts/qgis_matrix.sh

demo: build
	mkdir -p $(OUTPUT) $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) scripts/demo.py --output $(OUTPUT)

bench: build
	mkdir -p $(OUTPUT) $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) scripts/bench.py --output $(OUTPUT)

# Bangkok-scale PostGIS (3 million households, 10 million members): tens of minutes, ~15 GB of disk.
bench-scale: build
	mkdir -p $(OUTPUT) $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) scripts/bench_scale.py --output $(OUTPUT)

# The communities' .qml styles are generated from core/styles.py (tests check they are up to date).
styles: build
	$(PY) scripts/export_styles.py

lint: venv
	$(VENV)/bin/ruff check kr8310_plugin tests scripts
	$(VENV)/bin/ruff format --check kr8310_plugin tests scripts

format: venv
	$(VENV)/bin/ruff check --fix kr8310_plugin tests scripts
	$(VENV)/bin/ruff format kr8310_plugin tests scripts

zip: build
	rm -f $(BUILD)/kr8310_plugin.zip
	cd $(BUILD)/plugins && zip -q -r $(BUILD)/kr8310_plugin.zip kr8310_plugin
	@echo $(BUILD)/kr8310_plugin.zip

# Links the plugin into the default QGIS profile: edits in the source tree show up after a QGIS restart.
install: setup transcompile
	$(PY) scripts/assemble.py link $(BUILD)/dev >/dev/null
	mkdir -p $(QGIS_PROFILE_PLUGINS)
	ln -sfn $(BUILD)/dev/kr8310_plugin $(QGIS_PROFILE_PLUGINS)/kr8310_plugin
	@echo "Linked $(QGIS_PROFILE_PLUGINS)/kr8310_plugin; enable 'KR 8310 Community Mapping' in Plugins > Manage."

clean:
	rm -rf $(BUILD) resources/i18n/*.qm .pytest_cache

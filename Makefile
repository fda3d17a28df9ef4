# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PACKAGE_STAMP := $(VENV)/.package-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

I18N := resources/i18n
TS := $(wildcard $(I18N)/jiaokan_*.ts)
# jiaokan_*.ts come from lupdate; qt_supplement_*.ts (Qt's own strings its catalog lacks)
# are written by hand: both are compiled and shipped
QM := $(patsubst %.ts,%.qm,$(wildcard $(I18N)/*.ts))
# every file lupdate reads: the window's, in all its folders, and the engine's messages
TR_SOURCES = $(shell find ui -name '*.py' | sort) app/messages.py

.PHONY: run test lint typecheck pytest bench bench-peer clean translations tables lupdate zh_TW office-check ocr-check \
	wheel package package-check install-desktop screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	rm -f $(VENV)/.installed-*
	touch $@

# The .qm files the window loads at start-up are build products of the .ts sources.
translations: $(QM)

# The engine's derived tables, built once for what ships (packaging/build_tables.py): a wheel
# and the frozen folder carry them, so a fresh install's first start need not build them.
tables: $(STAMP)
	$(BIN)/python packaging/build_tables.py resources/tables

$(I18N)/%.qm: $(I18N)/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# Refresh the .ts files from the sources after changing visible strings.
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations relative $(TR_SOURCES) -ts $(TS)

# Traditional Chinese (Taiwan) from the Simplified translations (resources/i18n/README.md).
zh_TW: $(STAMP)
	$(BIN)/python $(I18N)/make_zh_tw.py
	$(BIN)/pyside6-lupdate -no-obsolete -locations relative $(TR_SOURCES) -ts $(I18N)/jiaokan_zh_TW.ts

run: $(STAMP) translations
	$(BIN)/jiaokan resources/demo/source.txt resources/demo/variant-typos.txt resources/demo/variant-ocr.txt resources/demo/variant-traditional.txt

lint: $(STAMP)
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --no-cache --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy app ui tests

pytest: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test: translations lint typecheck pytest

# LibreOffice opens every kind of exported Word document (tests/office/check.py; needs
# soffice, the system's python3-uno and pdftoppm: .ci/run installs them)
office-check: $(STAMP)
	$(BIN)/python -m tests.office.check

# A proof typeset by LibreOffice from the real speech, collated, marked, and the marks read
# by pdf.js (node), PDFium and poppler (tests/pdf/check.py; needs soffice, poppler-utils,
# node and npm: .ci/run installs them)
tests/pdf/node_modules/.installed: tests/pdf/package.json tests/pdf/package-lock.json
	cd tests/pdf && npm ci --no-audit --no-fund --omit=optional --loglevel=error
	touch $@

pdf-check: $(STAMP) tests/pdf/node_modules/.installed
	$(BIN)/python -m tests.pdf.check

# The same proof drawn by pdftoppm at 300 dpi, made rough, read by OCR with the network cut
# off: the slips found, OCR's own misreadings counted (tests/ocr/check.py; needs soffice,
# pdftoppm and unshare)
ocr-check: $(STAMP)
	$(BIN)/python -m tests.ocr.check

# OpenCC's C++ binding for the peer of bench_collate (bench/cpp_peer.py), in a folder of its
# own: it is the module "opencc" too, like the opencc-python-reimplemented the engine reads
OPENCC_CPP := build/opencc-cpp
$(OPENCC_CPP)/.installed: | $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps --target $(OPENCC_CPP) 'opencc>=1.1.9'
	touch $@

bench-peer: $(OPENCC_CPP)/.installed

bench: $(STAMP) bench-peer tables
	$(BIN)/python -m bench.bench_collate
	$(BIN)/python -m bench.bench_witnesses
	$(BIN)/python -m bench.bench_toggles
	$(BIN)/python -m bench.bench_gui
	$(BIN)/python -m bench.bench_classes
	$(BIN)/python -m bench.bench_units
	$(BIN)/python -m bench.bench_checks
	$(BIN)/python -m bench.bench_spelling
	$(BIN)/python -m bench.bench_word
	$(BIN)/python -m bench.bench_pdf
	$(BIN)/python -m bench.bench_ocr

# The pictures in README.md and docs/, made by the app itself (--screenshot), each with
# settings of its own in a scratch config dir so the developer's own are never read.
DEMO := resources/demo/source.txt resources/demo/variant-ocr.txt \
	resources/demo/variant-traditional.txt resources/demo/variant-typos.txt
SHOT_HOME := build/screenshot-home
define shot
	rm -rf $(SHOT_HOME) && mkdir -p $(SHOT_HOME)/jiaokan
	printf '$(3)' > $(SHOT_HOME)/jiaokan/jiaokan.ini
	XDG_CONFIG_HOME=$(CURDIR)/$(SHOT_HOME) XDG_DATA_HOME=$(CURDIR)/$(SHOT_HOME)/data \
		JIAOKAN_LANG=$(1) $(BIN)/jiaokan $(DEMO) --screenshot docs/$(2).png
endef
screenshots: $(STAMP) translations
	$(call shot,en,screenshot-demo,)
	$(call shot,zh_CN,screenshot-zh_CN,)
	$(call shot,zh_TW,screenshot-zh_TW,)
	$(call shot,en,screenshot-dark,[view]\nappearance=dark\n)
	$(call shot,en,screenshot-high-contrast,[colours]\nscheme=high_contrast\n)

# A wheel with the compiled translations in it: pip install dist/jiaokan-*.whl
wheel: $(STAMP) translations tables
	rm -rf build/lib build/bdist.*
	$(BIN)/python -m pip wheel --quiet --no-deps -w dist .

# The stand-alone one-folder application, dist/jiaokan/ (packaging/README.md).
$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench,package]'
	rm -f $(VENV)/.package-*
	touch $@

package: $(PACKAGE_STAMP) translations tables
	rm -rf build/pyinstaller dist/jiaokan
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/jiaokan.spec

# Runs the built folder headless on the demo and the corpus, with empty user dirs.
# Also evaluates the spec's Windows and macOS branches, which nobody builds here.
package-check: package
	$(BIN)/python packaging/check_package.py dist/jiaokan
	$(BIN)/python packaging/spec_dry_run.py

# dist/jiaokan into ~/.local/opt/jiaokan, with the menu entry, icons and .jkproj type.
install-desktop: package
	packaging/linux/install.sh dist/jiaokan

clean:
	rm -f $(QM)
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache resources/tables/*.pickle

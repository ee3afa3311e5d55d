# unccd-publish — build UNCCD documents in English and Chinese.
#
#   make pdf      set everything up, then build every document to PDF and HTML
#   make html     build every document to HTML
#   make check    compare the English and Chinese versions of every document
#   make test     run the test suite
#   make fuzz     read, render and check 10,000 mutated sources (FUZZ_EXAMPLES to change)
#   make clean    remove build/
#
# Variables: J (worker processes, default auto), OPTS (extra options for
# unccd-publish, e.g. OPTS="-W -v"), DOCS (documents to build, by symbol or folder).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
J ?= auto
OPTS ?=
DOCS ?=

# Debian packages: what WeasyPrint and the fonts need to build PDFs …
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk fonts-liberation2
# … and what the tests need to look at the output.
TEST_PACKAGES := poppler-utils chromium chromium-driver zbar-tools libreoffice-writer-nogui

.PHONY: all setup system-packages test-system-packages html pdf check test lint clean serve screenshots bench fuzz

all: pdf

setup: system-packages $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# Installs only the packages that are missing; needs root (or sudo) the first time.
system-packages:
	@$(call ensure_packages,$(PDF_PACKAGES))

test-system-packages:
	@$(call ensure_packages,$(TEST_PACKAGES))

define ensure_packages
missing=""; for p in $(1); do \
  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
  echo "Installing Debian packages:$$missing"; \
  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
    || { echo "error: could not install:$$missing (run as root: apt-get install$$missing)" >&2; exit 1; }; \
fi
endef

html: setup
	$(BIN)/unccd-publish build html -j $(J) $(OPTS) $(DOCS)

pdf: setup
	$(BIN)/unccd-publish build all -j $(J) $(OPTS) $(DOCS)

check: setup
	$(BIN)/unccd-publish check -j $(J) $(OPTS) $(DOCS)

serve: setup
	$(BIN)/unccd-publish serve $(OPTS)

test: setup test-system-packages
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q $(OPTS)

FUZZ_EXAMPLES ?= 10000

fuzz: setup
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/test_fuzz.py

# The first page of each document and language, as Chromium shows it, in build/screenshots/;
# and every page of every PDF (pdftoppm, 100 dpi) in build/screenshots/pdf/<pdf>/page-NN.png
screenshots: setup test-system-packages
	$(BIN)/python -m pytest -q tests/test_screenshots.py

# The benchmark: synthetic corpora of 10, 100 and 500 documents; results in bench/results.md.
bench: setup
	$(BIN)/python bench/run.py $(BENCH_OPTS)

lint: setup
	$(BIN)/ruff check src tests bench

clean:
	rm -rf build

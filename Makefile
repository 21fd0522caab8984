# Two commands set up everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo test install browser eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

demo: $(STAMP)
	@mkdir -p build/demo
	$(BIN)/privacy-kit scan privacy_kit/samples/comments.jsonl --text-field text --store build/demo/privacy-kit.duckdb -o build/demo/findings.jsonl
	$(BIN)/privacy-kit report --store build/demo/privacy-kit.duckdb --format html --format md --format json -o build/demo/

# The report's browser test needs Debian's chromium (and a Japanese font for legible screenshots).
# Installed only when missing; where it cannot be installed, that test is skipped and says why.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing chromium for the report browser test (apt-get)"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-ipafont-gothic; } \
	    || echo "warning: could not install chromium: the browser test will be skipped"; }

test: $(DEV_STAMP) browser
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/privacy-kit eval ../shared/data/ner-wikipedia/ner.json
	$(BIN)/privacy-kit eval tests/data/labelled_posts.jsonl

bench: $(STAMP)
	$(BIN)/python benchmarks/scan_throughput.py

clean:
	rm -rf $(VENV) build .pytest_cache

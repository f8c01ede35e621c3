# samspil: `make run` sets up and serves the demo; `make test` sets up and proves it works.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SAMSPIL := $(BIN)/samspil

.PHONY: run test install install-test assets translations lint check chromium demo benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The package and its Python dependencies (editable, so var/ and node_modules/ sit in the checkout).
install: $(BIN)/python assets
	$(BIN)/pip install --quiet -e .
	$(MAKE) translations

install-test: $(BIN)/python assets
	$(BIN)/pip install --quiet -e ".[test]"
	$(MAKE) translations

# Front-end assets (the DKFDS design system) from npm, exactly as locked; served by the app.
assets: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

translations:
	$(SAMSPIL) compiletranslations -v0

run: install
	$(SAMSPIL) migrate --no-input -v0
	$(SAMSPIL) createcachetable
	$(SAMSPIL) demo
	@echo "samspil is at http://127.0.0.1:$(PORT)/ (sign in as konsulent1 / demo)"
	# The task worker (survey e-mails) runs beside the web server and stops with it.
	export SAMSPIL_BASE_URL=$${SAMSPIL_BASE_URL:-http://127.0.0.1:$(PORT)}; \
	$(SAMSPIL) db_worker --no-reload --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(SAMSPIL) runserver 127.0.0.1:$(PORT)

lint: install-test
	$(BIN)/ruff check samspil tests conftest.py
	$(BIN)/ruff format --check samspil tests conftest.py

check: install-test
	$(SAMSPIL) check --fail-level WARNING
	$(SAMSPIL) makemigrations --check --dry-run

# Debian's Chromium for the browser tests, installed when missing (root or sudo needed then).
chromium:
	scripts/ensure-chromium

test: install-test lint check chromium
	$(BIN)/pytest

# Matching quality and speed, written to docs/benchmarks.md (a throwaway database; nothing kept).
benchmark: install-test
	$(BIN)/pip install --quiet -e ".[semantic]"
	bench=$$(mktemp -d); \
	SAMSPIL_VAR_DIR=$$bench $(SAMSPIL) migrate --no-input -v0 && \
	SAMSPIL_VAR_DIR=$$bench $(SAMSPIL) benchmark_matching --output docs/benchmarks.md && \
	SAMSPIL_VAR_DIR=$$bench $(SAMSPIL) benchmark_dashboard --output docs/benchmarks.md; \
	status=$$?; rm -rf $$bench; exit $$status

demo: install
	$(SAMSPIL) migrate --no-input -v0
	$(SAMSPIL) createcachetable
	$(SAMSPIL) demo

clean:
	rm -rf $(VENV) node_modules var

# samspil: `make run` sets up and serves the demo; `make test` sets up and proves it works.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SAMSPIL := $(BIN)/samspil

.PHONY: run test install install-test assets translations lint check services demo benchmark clean

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

# Debian's Chromium for the browser tests, a Redis server for the Redis tests and the Pango
# libraries WeasyPrint's PDFs need, installed and started when missing (root or sudo then).
services:
	scripts/ensure-chromium
	scripts/ensure-redis
	scripts/ensure-weasyprint

test: install-test lint check services
	$(BIN)/pytest

# Every benchmark, written to docs/benchmarks.md, each in a throwaway database (nothing kept):
# matching and the programme dashboard, then every page and API list at demo size and at a
# large size on SQLite (BENCH_SCALE/10 of national: 20,000 companies, 200,000 contacts,
# 100,000 participants) and on PostgreSQL (BENCH_SCALE of national: 200,000 companies,
# 2,000,000 contacts, 1,000,000 participants), with the participant import and the ESF report.
# `make benchmark BENCH_SCALE=0.1` for a quicker run; BENCH_POSTGRES= skips PostgreSQL.
BENCH_SCALE ?= 1
BENCH_RUNS ?= 10
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/samspil_bench
BENCH_POSTGRES ?= yes
BENCH_IMPORT_SQLITE ?= $(shell $(PYTHON) -c "print(int(100000 * $(BENCH_SCALE)))")
BENCH_IMPORT_POSTGRES ?= $(shell $(PYTHON) -c "print(int(1000000 * $(BENCH_SCALE)))")
BENCH_SQLITE_SCALE = $(shell $(PYTHON) -c "print($(BENCH_SCALE) / 10)")
BENCH_PAGES = $(SAMSPIL) benchmark_pages --output $(CURDIR)/docs/benchmarks.md --runs $(BENCH_RUNS)

benchmark: install-test
	bench=$$(mktemp -d); \
	SAMSPIL_VAR_DIR=$$bench $(SAMSPIL) migrate --no-input -v0 && \
	SAMSPIL_VAR_DIR=$$bench $(SAMSPIL) benchmark_matching --output docs/benchmarks.md && \
	SAMSPIL_VAR_DIR=$$bench $(SAMSPIL) benchmark_dashboard --output docs/benchmarks.md; \
	status=$$?; rm -rf $$bench; exit $$status
	# SQLite, then PostgreSQL even when SQLite failed; the run fails if either did.
	bench=$$(mktemp -d); \
	( export SAMSPIL_VAR_DIR=$$bench DEBUG=false; \
	  $(SAMSPIL) migrate --no-input -v0 && $(SAMSPIL) createcachetable && \
	  $(SAMSPIL) demo && $(BENCH_PAGES) --label demo --esf && \
	  $(SAMSPIL) generate --scale $(BENCH_SQLITE_SCALE) && \
	  $(BENCH_PAGES) --label large --esf --imports $(BENCH_IMPORT_SQLITE) ); \
	sqlite=$$?; rm -rf $$bench; postgres=0; \
	if [ "$(BENCH_POSTGRES)" = yes ]; then \
	  bench=$$(mktemp -d); \
	  ( export SAMSPIL_VAR_DIR=$$bench DEBUG=false DATABASE_URL=$(BENCH_POSTGRES_URL); \
	    $(BIN)/python -m samspil.core.scale.pgdb create $(BENCH_POSTGRES_URL) && \
	    $(SAMSPIL) migrate --no-input -v0 && $(SAMSPIL) createcachetable && \
	    $(SAMSPIL) demo && $(BENCH_PAGES) --label demo --esf && \
	    $(SAMSPIL) generate --scale $(BENCH_SCALE) && \
	    $(BENCH_PAGES) --label large --esf --imports $(BENCH_IMPORT_POSTGRES) ); \
	  postgres=$$?; $(BIN)/python -m samspil.core.scale.pgdb drop $(BENCH_POSTGRES_URL); \
	  rm -rf $$bench; \
	fi; \
	test $$sqlite = 0 && test $$postgres = 0

demo: install
	$(SAMSPIL) migrate --no-input -v0
	$(SAMSPIL) createcachetable
	$(SAMSPIL) demo

clean:
	rm -rf $(VENV) node_modules var

# The production smoke test: serve, worker and scheduler on PostgreSQL and Redis, the main
# flows, then 20 s of load per endpoint into docs/benchmarks.md (needs `hey`; .ci/run runs it).
.PHONY: smoke
smoke: install-test
	scripts/smoke-test

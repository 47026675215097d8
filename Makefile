# Relais: `make run` sets everything up and serves the app; `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute links (e-mails, calendars) point at the address actually served unless RELAIS_BASE_URL is given.
RELAIS_BASE_URL ?= http://$(HOST):$(PORT)
STAMP_PY := $(VENV)/.installed
STAMP_NPM := node_modules/.installed

.PHONY: run test install serve setup-db worker lint format bench bench-load browser-deps clean

$(PY):
	@PYTHON=$$(scripts/find-python.sh) && echo "Python: $$PYTHON" && $$PYTHON -m venv $(VENV)

$(STAMP_PY): $(PY) requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(UV) pip sync --quiet --python $(PY) requirements.lock
	@touch $@

$(STAMP_NPM): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Relais needs Node.js 20 or newer with npm, to install the referential data packages (COG, NAF) and axe-core (browser tests): none was found in PATH. Install it (for example 'apt-get install nodejs npm') and run make again." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(STAMP_PY) $(STAMP_NPM)

setup-db: install
	@mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_referentials
	$(PY) manage.py load_demo

run: export RELAIS_BASE_URL := $(RELAIS_BASE_URL)
run: setup-db
	$(PY) manage.py print_demo_accounts
	@echo "Background jobs: a huey consumer runs beside the server (logs in var/huey.log)."
	@$(PY) manage.py run_huey --workers 1 --quiet > var/huey.log 2>&1 & echo $$! > var/huey.pid
	@trap 'kill $$(cat var/huey.pid) 2>/dev/null' EXIT; DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(PY) manage.py run_huey

browser-deps:
	@command -v chromium >/dev/null || (echo "Installing Debian's chromium for browser tests" && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
		(sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null))

test: install browser-deps
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check relais tests
	$(VENV)/bin/ruff format --check relais tests
	$(VENV)/bin/djlint relais --lint
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check relais tests
	$(VENV)/bin/ruff format --check relais tests
	$(VENV)/bin/djlint relais --lint

format: install
	$(VENV)/bin/ruff check --fix relais tests
	$(VENV)/bin/ruff format relais tests

# `make bench SCALE=0.01|0.1|1` on a scratch SQLite file under var/, or on the PostgreSQL database DATABASE_URL names
# (its name must contain "bench": it is dropped and created again); LOAD=1 adds the gunicorn load run (PostgreSQL).
SCALE ?= 0.01
LOAD ?= 0
bench: install
	SCALE=$(SCALE) LOAD=$(LOAD) $(PY) -m relais.bench

bench-load: install
	SCALE=$(SCALE) LOAD=1 $(PY) -m relais.bench

clean:
	rm -rf $(VENV) node_modules var

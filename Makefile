# CDRP Partnership Portal: the front door. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_PROCESSES ?= 2
export DJANGO_SETTINGS_MODULE ?= cdrp_portal.settings.local

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: install
install: $(VENV)/.installed node_modules/.installed ## Install Python packages into .venv and front-end assets from npm
	@mkdir -p var

.PHONY: run
run: install ## Set up and serve the portal on http://127.0.0.1:8000 with demo data
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
		echo "REDIS_URL is set: starting a Celery worker and beat alongside the web server"; \
		$(VENV)/bin/celery -A cdrp_portal worker --loglevel=INFO & \
		$(VENV)/bin/celery -A cdrp_portal beat --loglevel=INFO --schedule var/celerybeat-schedule & \
	fi; \
	trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

.PHONY: test
test: install ## Run the whole test suite (SQLite unless DATABASE_URL; Redis tests need REDIS_URL)
	DJANGO_SETTINGS_MODULE=cdrp_portal.settings.test $(VENV)/bin/pytest -n $(TEST_PROCESSES) --durations=15 $(PYTEST_ARGS)

.PHONY: lint
lint: install ## Ruff's checks and format check, and the apps' layers (lint-imports)
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(VENV)/bin/lint-imports || status=1; \
	exit $$status

.PHONY: migrations-check
migrations-check: install ## Fail if a model change has no migration
	$(PY) manage.py makemigrations --check --dry-run

.PHONY: worker
worker: install ## Run a Celery worker (needs REDIS_URL)
	$(VENV)/bin/celery -A cdrp_portal worker --loglevel=INFO

.PHONY: beat
beat: install ## Run the one Celery beat scheduler (needs REDIS_URL)
	$(VENV)/bin/celery -A cdrp_portal beat --loglevel=INFO --schedule var/celerybeat-schedule

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cdrp_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/9
BENCH_SCALE ?= 1
BENCH_ARGS ?=

.PHONY: bench
bench: install ## Seed a national dataset into a scratch PostgreSQL database (once) and benchmark it under gunicorn
	@export DATABASE_URL="$(BENCH_DATABASE_URL)" REDIS_URL="$(BENCH_REDIS_URL)" \
		DJANGO_SETTINGS_MODULE=cdrp_portal.settings.bench; \
	set -e; mkdir -p var; \
	$(PY) -c "import sys; from cdrp_portal.scratch_db import ensure_database; ensure_database(sys.argv[1])" "$$DATABASE_URL"; \
	$(PY) manage.py migrate --noinput -v0; \
	if ! $(PY) manage.py seed_scale --check-seeded >/dev/null 2>&1; then \
		$(PY) manage.py seed_scale --scale $(BENCH_SCALE) --allow-without-debug; \
	fi; \
	$(PY) manage.py bench $(BENCH_ARGS)

.PHONY: clean
clean: ## Remove the virtualenv, node_modules and local data
	rm -rf $(VENV) node_modules var staticfiles

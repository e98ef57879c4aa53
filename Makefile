# OpenSEND: `make demo` sets up and serves a demo area; `make test` sets up and runs the tests.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test test-prod lint serve serve-prod setup bench lock chromium static migrate seed clean

setup: $(VENV)/.installed node_modules/.installed build/static/css/app.css

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build/static/css/app.css: node_modules/.installed frontend/app.scss frontend/app.mjs frontend/build.mjs
	npm run --silent build

# Browser tests use Debian's Chromium; never a browser download.
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation; }

migrate: setup
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# The demo runs background tasks (email sending) in the web process, so it needs no worker.
DEMO_ENV := TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend

demo: seed
	@echo "Demo sign-ins are listed in README.md. Serving on http://127.0.0.1:$(PORT)/"
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: migrate
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup chromium
	$(PY) -m pytest -q -n 2 --dist loadgroup $(PYTEST_ARGS)

# The production stack (gunicorn, worker, scheduler) on this machine's PostgreSQL, with backup and
# restore: needs PostgreSQL at 127.0.0.1:5432 (trust auth). Called from .ci/run.
test-prod: setup
	$(PY) -m pytest -q -m prodstack -p no:xdist tests/operations/test_production_stack.py

# Production serving: settings from the environment or .env (README, "Running in production").
serve-prod: setup
	PYTHON=$(PY) bin/serve-prod

lint: setup
	$(VENV)/bin/ruff check src tests e2e bench
	$(VENV)/bin/ruff format --check src tests e2e bench
	$(VENV)/bin/mypy src

bench: setup
	$(PY) bench/run_all.py

# Re-pin every Python dependency after editing requirements*.in.
lock: $(VENV)/.installed
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile -q --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile -q --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf build staticfiles opensend.sqlite3

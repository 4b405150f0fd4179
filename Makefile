# Coproduce: `make demo` to try it, `make test` to run every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
COPRODUCE := $(BIN)/coproduce
BUILD := src/coproduce/web/static/build
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install assets lint serve lock clean bench

$(BIN)/activate: pyproject.toml requirements.lock
	$(PYTHON) -c 'import sys; sys.exit("Coproduce needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(BIN)/activate

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

$(BUILD)/app.css: node_modules/.package-lock.json $(wildcard src/coproduce/web/scss/*.scss)
	npm run --silent build:css
	mkdir -p $(BUILD)/govuk
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(BUILD)/govuk/
	cp -r node_modules/govuk-frontend/dist/govuk/assets $(BUILD)/govuk/
	cp node_modules/htmx.org/dist/htmx.min.js $(BUILD)/htmx.min.js
	touch $(BUILD)/app.css

install: $(BIN)/activate
assets: $(BUILD)/app.css

# Install everything, prepare the embedded SQLite database with the demo council, and serve the app
# with the production server (gunicorn, static files by whitenoise) and a background task worker.
demo: export COPRODUCE_DEMO_MODE = true
demo: install assets
	$(COPRODUCE) migrate --no-input -v0
	$(COPRODUCE) demo-data
	$(COPRODUCE) collectstatic --no-input -v0
	@echo
	@echo "  Coproduce is running at http://$(HOST):$(PORT)"
	@echo "  Open it and choose 'Sign in as one of the demo people', or sign in at"
	@echo "  http://$(HOST):$(PORT)/sign-in/ with a demo email address (see README.md)"
	@echo "  and the password: coproduce demo password"
	@echo "  Press Ctrl+C to stop."
	@echo
	$(COPRODUCE) db_worker --interval 5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn coproduce.config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile -

# The whole suite: lint, unit, integration, security, browser and accessibility tests.
# Set DATABASE_URL to a PostgreSQL URL to run it on PostgreSQL. The tests run in one process per core, up to
# four (pytest-xdist, each with its own test database); PYTEST_ARGS="..." runs what you name, in one process.
test: export COPRODUCE_ENVIRONMENT = test
test: PYTEST_ARGS ?= -n auto --maxprocesses 4
test: install assets
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

# Re-create the lock file from pyproject.toml (after changing dependencies).
lock: install
	$(BIN)/pip-compile --quiet --strip-extras --extra dev --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml

# The benchmark (docs/performance.md): seeds PostgreSQL with PLANS plans if not already seeded, serves
# the app with gunicorn and production settings, drives it with locust as signed-in people of each role,
# and writes bench/results.json plus a markdown table. Locust comes from the optional `bench` extra.
BENCH_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/coproduce_bench
PLANS ?= 25000
BENCH_USERS ?= 20
BENCH_DURATION ?= 90s
bench: install assets
	$(BIN)/python -c 'import locust' 2>/dev/null || $(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py --database-url '$(BENCH_DATABASE_URL)' --plans $(PLANS) \
		--users $(BENCH_USERS) --duration $(BENCH_DURATION)

clean:
	rm -rf $(VENV) node_modules $(BUILD) var

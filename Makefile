PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/sanctuary_tracker
PYTEST_ARGS ?=
# Both cores (docs/TESTING.md): pytest-xdist hands out whole test files, and
# every browser test to one worker (one Chromium, one live server:
# tests/conftest.py); the 15 slowest tests printed last.
TEST_WORKERS ?= 2
PYTEST_PARALLEL := --numprocesses=$(TEST_WORKERS) --dist=loadscope --durations=15

.PHONY: messages makemessages run test test-postgres test-scale-out lint lint-imports format migrations-check check backup restore bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# The Spanish interface's compiled catalog (GNU gettext's msgfmt), rebuilt
# whenever its .po changes; the .mo is not committed.
MESSAGES := locale/es/LC_MESSAGES/django.mo
$(MESSAGES): locale/es/LC_MESSAGES/django.po $(VENV)/.installed
	@command -v msgfmt >/dev/null || (echo "compilemessages needs GNU gettext: apt-get install gettext" && exit 1)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

messages: $(MESSAGES)

# Rewrite the catalog from the code and templates (new strings arrive empty).
# Translate them by docs/GLOSSARY.md, one Spanish term per English term
# (tests/test_glossary.py holds it).
makemessages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l es --ignore=.venv --ignore=bench --ignore=loadtest --ignore=tests --ignore=staticfiles --ignore=backups --no-location --no-obsolete

run: $(VENV)/.installed $(MESSAGES)
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_seed
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed $(MESSAGES)
	$(BIN)/pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

# What the engine can change: every test but those marked engine_independent
# (no database access, browser tests), which `make test` runs once.
test-postgres: $(VENV)/.installed $(MESSAGES)
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_PARALLEL) \
		-m "not scale_out and not engine_independent" $(PYTEST_ARGS)

# Two gunicorn servers, one PostgreSQL, one Redis (tests/test_scale_out.py).
# Production servers serve collected static files: without them the first page hangs.
test-scale-out: $(VENV)/.installed $(MESSAGES)
	DJANGO_SECRET_KEY=collectstatic-only $(BIN)/python manage.py collectstatic --noinput -v0
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -m scale_out $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The layers and their direction (pyproject.toml's [tool.importlinter]).
lint-imports: $(VENV)/.installed
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

check: $(VENV)/.installed
	$(BIN)/python manage.py check

# Online backup of the configured database (DATABASE_URL): pg_dump on
# PostgreSQL, SQLite's backup API on SQLite. `make restore BACKUP=path`.
BACKUP_DIR ?= backups
backup: $(VENV)/.installed
	mkdir -p $(BACKUP_DIR)
	$(BIN)/python manage.py backup_db $(BACKUP_DIR)/tracker-$$(date -u +%Y%m%dT%H%M%SZ).backup

restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || (echo "usage: make restore BACKUP=backups/tracker-....backup" && exit 2)
	$(BIN)/python manage.py restore_db "$(BACKUP)"

# National-scale benchmark on PostgreSQL (needs wrk); writes bench/RESULTS.md.
# gunicorn runs bench/settings.py: production's settings and caches (Redis
# db 15) plus /bench/baseline; "uncached" is the page cache off.
bench: $(VENV)/.installed $(MESSAGES)
	$(BIN)/python bench/run.py

# Hostile query strings against every public list, CSV, feed and API URL:
# at least 2,000 per URL (tests/test_fuzz.py), then the totals. The URLs
# are shared by FUZZ_WORKERS processes (pytest-xdist).
.PHONY: fuzz loadtest
FUZZ_WORKERS ?= 2
fuzz: $(VENV)/.installed $(MESSAGES)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/test_fuzz.py -q \
		--numprocesses=$(FUZZ_WORKERS) $(PYTEST_ARGS)

# gunicorn (gunicorn.conf.py, production settings and caches: Redis db 13,
# emptied first; page cache off) on a PostgreSQL database of 200,000
# ordinances under wrk for 30 s at 50 connections, with the full ordinance CSV
# streaming through it; prints each path's server time from the access log;
# fails on any non-2xx answer, worker restart or incomplete export
# (loadtest/run.py).
loadtest: $(VENV)/.installed $(MESSAGES)
	$(BIN)/python loadtest/run.py

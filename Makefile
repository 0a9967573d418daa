# Wijkkompas. Two commands:
#   make run    install what is needed, load the bundled open data, serve http://localhost:8000
#   make test   the whole test suite, on SQLite and (when it answers) on PostgreSQL
# Every step leaves a stamp, so a second run only redoes what changed.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run
.DELETE_ON_ERROR:
.PHONY: run test bench gettext chromium pdf-libraries

PYTHON_FOR_VENV ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check --quiet
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/wijkkompas

MO_FILES := $(patsubst %.po,%.mo,$(wildcard wijkkompas/locale/*/LC_MESSAGES/*.po))
STATIC_SOURCES := $(shell find wijkkompas -path '*/static/*' -type f 2>/dev/null)

# The server runs as in production: DEBUG off, a secret from the environment or, failing that,
# one generated once into var/secret_key (git-ignored, readable by its owner only).
ifndef SECRET_KEY
SECRET_KEY_FILE := var/secret_key
endif
PRODUCTION := export DJANGO_SETTINGS_MODULE=wijkkompas.settings DEBUG=0 \
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}";
# Tests bring their own throwaway secret (tests/settings.py).
TESTING := export DJANGO_SETTINGS_MODULE=tests.settings;
PG_REACHABLE := $(PY) -c 'import sys, psycopg; psycopg.connect(sys.argv[1], dbname="postgres", connect_timeout=3).close()' '$(PG_TEST_URL)' 2>/dev/null

run: $(VENV)/.base.stamp node_modules/.stamp $(MO_FILES) var/.static.stamp $(SECRET_KEY_FILE) | pdf-libraries
	$(PRODUCTION) $(PY) manage.py migrate --noinput --verbosity 0
	$(PRODUCTION) $(PY) manage.py createcachetable
	$(PRODUCTION) $(PY) manage.py load_bundled_data --if-empty
	$(PRODUCTION) $(PY) manage.py demo_content
	@echo "Wijkkompas is served at http://$${WIJKKOMPAS_BIND:-localhost:8000}/ (Ctrl+C stops it)."
	@# The worker (huey) sends the e-mail and runs the periodic jobs, beside the web server; when
	@# the server stops (Ctrl+C), the trap stops the worker too, letting a running task finish.
	$(PRODUCTION) $(PY) manage.py run_huey & worker=$$!; \
	trap 'kill -INT $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(VENV)/bin/gunicorn --config gunicorn.conf.py wijkkompas.wsgi

test: $(VENV)/.dev.stamp node_modules/.stamp $(MO_FILES) | chromium pdf-libraries
	$(TESTING) $(PY) manage.py makemigrations --check --dry-run
	@echo "== pytest on SQLite =="
	$(TESTING) unset DATABASE_URL; $(PY) -m pytest
	@if $(PG_REACHABLE); then \
		echo "== pytest on PostgreSQL =="; \
		$(TESTING) DATABASE_URL='$(PG_TEST_URL)' $(PY) -m pytest; \
	else \
		echo "PostgreSQL not reachable at $(PG_TEST_URL): skipping the PostgreSQL pass."; \
	fi

# Both benchmarks on both databases, each on its own fresh database; fails when any of them did.
BENCHMARKS := $(PY) bench/import_and_score.py || status=1; $(PY) bench/load_profile.py || status=1;
bench: $(VENV)/.dev.stamp node_modules/.stamp $(MO_FILES)
	@status=0; unset DATABASE_URL; $(BENCHMARKS) \
	if $(PG_REACHABLE); then \
		export DATABASE_URL='$(PG_TEST_URL)'; $(BENCHMARKS) \
	else \
		echo "PostgreSQL not reachable at $(PG_TEST_URL): skipping the PostgreSQL benchmarks."; \
	fi; \
	exit $$status

# Python packages, hash-checked from the lock files; the project itself as an editable install.
$(VENV)/.%.stamp: requirements/%.lock pyproject.toml
	test -x $(PY) || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PIP) install --require-hashes -r $<
	$(PIP) install --no-deps -e .
	touch $@

# Front-end packages (NL Design System CSS, htmx, axe-core), exactly as package-lock.json says.
node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Translations: what `manage.py compilemessages` does, per catalogue and only when it changed.
%.mo: %.po | gettext
	msgfmt --check-format -o $@ $<

var/.static.stamp: $(VENV)/.base.stamp node_modules/.stamp $(STATIC_SOURCES) $(SECRET_KEY_FILE)
	$(PRODUCTION) $(PY) manage.py collectstatic --noinput --verbosity 0
	touch $@

var/secret_key:
	mkdir -p var
	umask 077; $(PYTHON_FOR_VENV) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

APT_INSTALL := apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y

gettext:
	@command -v msgfmt >/dev/null || ($(APT_INSTALL) gettext)

# Debian's Chromium for the browser tests (tests/e2e use /usr/bin/chromium); Playwright never
# downloads a browser of its own.
chromium:
	@test -x /usr/bin/chromium || ($(APT_INSTALL) chromium)

# WeasyPrint (printable reports as PDF) draws text with Debian's Pango and needs at least one font.
pdf-libraries:
	@(/sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0 && fc-list | grep -q .) || \
		($(APT_INSTALL) libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig)

# National scale (bench/national_scale.py): about 44 million generated values on PostgreSQL, imported,
# scored and put under load. It takes long and loads every core; not part of `make test` or `make bench`.
.PHONY: bench-national
bench-national: $(VENV)/.dev.stamp node_modules/.stamp $(MO_FILES)
	DATABASE_URL='$(PG_TEST_URL)' $(PY) bench/national_scale.py $(NATIONAL_OPTIONS)

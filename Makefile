# Everything a fresh Debian machine needs: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := chromium fonts-noto-cjk fonts-dejavu-core poppler-utils libpango-1.0-0 \
	libpangoft2-1.0-0 libharfbuzz-subset0 postgresql libatomic1 nodejs npm default-jre-headless \
	redis-server
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install system-deps python-deps translations migrate demo run serve test test-fast bench \
	extract-messages clean wheel-check lint node-tools

install: system-deps python-deps translations

# Debian packages: WeasyPrint's libraries, chromium (chart export, browser tests), Noto CJK fonts
# (Chinese PDF), poppler-utils (pdftoppm/pdftotext), PostgreSQL and redis-server (the several-machine
# set-up is tested against real servers),
# libatomic1 (Playwright's bundled node needs libatomic.so.1; bare Debian does not have it),
# nodejs + npm (installs the pinned test tools, see node-tools) and Java (runs the Nu HTML checker).
# A node build that bundles its own npm conflicts with Debian's npm package: a working npm counts.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  if [ $$p = npm ] && command -v npm >/dev/null; then continue; fi; \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	  else \
	    echo "Missing Debian packages:$$missing"; \
	    echo "Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing"; \
	    exit 1; \
	  fi; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	touch $@

python-deps: $(VENV)/.installed

# The accessibility and markup checks' tools (tests/a11y), pinned in .tools/package-lock.json and
# installed into the git-ignored .tools/node_modules. --ignore-scripts: vnu-jar's install script
# would download a Java of its own; Debian's is used.
NODE_TOOLS := .tools/node_modules/.installed
$(NODE_TOOLS): .tools/package.json .tools/package-lock.json
	cd .tools && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

node-tools: system-deps $(NODE_TOOLS)

translations: python-deps
	$(BIN)/pybabel compile -d readiness/translations

# Only dot directories are skipped (Babel's default also skips "_*": templates/_macros/).
# tests/test_translations.py checks that every message found has its Chinese.
extract-messages: python-deps
	$(BIN)/pybabel extract -F babel.cfg -k _l --ignore-dirs '.*' \
	  -o readiness/translations/messages.pot .
	$(BIN)/pybabel update -i readiness/translations/messages.pot -d readiness/translations \
	  --ignore-obsolete

migrate: install
	$(BIN)/readiness db upgrade

demo: migrate
	$(BIN)/readiness demo

# No gunicorn access log: respondent and participant paths carry their link tokens.
# THREADS per worker: a workshop phone's event stream holds one (idle, blocked on a condition);
# each worker keeps max(8, THREADS / 8) for votes and saves (readiness/workshop/phone_live.py), so
# 2 x 160 take 2 x 140 streams: a room of 200 phones fits even when the workers' shares are
# uneven (measured: 118 and 82); phones beyond poll.
THREADS ?= 160
run: demo
	@echo "Serving on http://$(HOST):$(PORT)"
	$(BIN)/gunicorn --workers 2 --threads $(THREADS) --bind $(HOST):$(PORT) wsgi:app

# Production on this machine (README, Deployment): migrations first, then gunicorn with workers
# sized from the cores (2 x cores + 1, at most MAX_WORKERS: each worker of the one-machine set-up
# keeps a report worker and its chromium), THREADS (160, see run) each. WORKERS=n overrides the
# sizing.
MAX_WORKERS ?= 8
serve: migrate
	@workers="$${WORKERS:-$$(( $$(nproc) * 2 + 1 ))}"; \
	if [ "$$workers" -gt $(MAX_WORKERS) ]; then workers=$(MAX_WORKERS); fi; \
	echo "Serving on http://$(HOST):$(PORT) with $$workers workers x $(THREADS) threads"; \
	exec $(BIN)/gunicorn --workers "$$workers" --threads $(THREADS) --bind $(HOST):$(PORT) \
	  --timeout 60 --graceful-timeout 30 wsgi:app

# Ruff (rules in pyproject.toml) and mypy (setup.cfg: strict on readiness/method/). First in
# `make test`: it takes seconds.
lint: python-deps
	$(BIN)/ruff check readiness tests bench
	$(BIN)/mypy readiness

# PostgreSQL and Redis must run for `make test`: a server that cannot start fails the run instead
# of letting the PostgreSQL and several-machine tests skip.
test: lint install node-tools
	url="$${TEST_DATABASE_URL:-$$(bash .ci/postgres)}" && [ -n "$$url" ] \
	  || { echo "make test: no PostgreSQL server (see above)" >&2; exit 1; }; \
	redis="$${TEST_REDIS_URL:-$$(bash .ci/redis)}" && [ -n "$$redis" ] \
	  || { echo "make test: no Redis server (see above)" >&2; exit 1; }; \
	TEST_DATABASE_URL="$$url" TEST_REDIS_URL="$$redis" $(BIN)/pytest
	PYTHON=$(PYTHON) bash .ci/wheel-check

# The wheel, built from the checkout and installed with its dependencies in a fresh virtualenv,
# migrates, loads the demo, serves (gunicorn readiness.wsgi:app) and renders the PDF.
wheel-check: install
	PYTHON=$(PYTHON) bash .ci/wheel-check

# Quick feedback: no browser, PostgreSQL or PDF tests, and no Debian packages to install (no root).
test-fast: python-deps translations lint
	$(BIN)/pytest -m "not browser and not postgres and not pdf and not bench"

bench: install
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .tools/node_modules

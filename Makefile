# The newsroom's tasks. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help
help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(BIN)/activate: requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $(BIN)/activate

.PHONY: install
install: $(BIN)/activate compilemessages ## Create the virtual environment, install the locked dependencies, compile the catalogs

.PHONY: migrate
migrate: install ## Apply migrations (--noinput: wagtail-modeltranslation otherwise asks on stdin)
	mkdir -p var
	$(MANAGE) migrate --noinput

.PHONY: demo
demo: migrate ## Build the demo newsroom (safe to run again)
	$(MANAGE) build_demo_site

.PHONY: run
run: demo ## Run the site with demo content at http://127.0.0.1:8000 (SQLite, database search)
	$(MANAGE) runserver $(HOST):$(PORT)

.PHONY: worker
worker: install ## Run background tasks (index outbox...); publish scheduled pages and sweep the outbox every minute
	$(MANAGE) newsroom_worker & \
	trap 'kill %1' EXIT; \
	while true; do $(MANAGE) publish_scheduled; $(MANAGE) search_drain --sweep; sleep 60; done

.PHONY: test
test: install ## Run the whole test suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise)
	$(BIN)/pytest -m "not drill" --numprocesses=auto --dist=loadfile --durations=15; parallel=$$?; \
	$(BIN)/pytest -m drill --durations=10; drills=$$?; \
	exit $$(( parallel || drills ))

.PHONY: search-node
search-node: ## Build (if needed) and start the local Elasticsearch 8 node on 127.0.0.1:9200
	deploy/search-node/search-node.sh start

.PHONY: search-node-stop
search-node-stop: ## Stop the local Elasticsearch node
	deploy/search-node/search-node.sh stop

SEARCH_CLUSTER = SEARCH_NODE_COUNT=3 SEARCH_NODE_DIR=$(CURDIR)/var/search-cluster

.PHONY: search-cluster
search-cluster: ## Start three local nodes as one cluster on 127.0.0.1:9200-9202, like production's
	$(SEARCH_CLUSTER) deploy/search-node/search-node.sh start

.PHONY: search-cluster-stop
search-cluster-stop: ## Stop the local three-node cluster
	$(SEARCH_CLUSTER) deploy/search-node/search-node.sh stop

.PHONY: prod-local
prod-local: ## The whole production stack on this machine (nginx, Varnish, gunicorn, worker, scheduler, PostgreSQL, Redis, 3 search nodes) with the demo at https://localhost
	deploy/prod-local.sh start

.PHONY: prod-local-stop
prod-local-stop: ## Stop what prod-local started; PostgreSQL and var/prod-local are left as they are
	deploy/prod-local.sh stop

.PHONY: smoke
smoke: install ## Readers, editors and partners against the running prod-local stack, through the front cache
	NEWSROOM_SMOKE_DIR=$${PROD_LOCAL_DIR:-var/prod-local} $(BIN)/pytest -p no:randomly tests/smoke -q

.PHONY: bench-load
bench-load: prod-local ## The prod-local stack under wrk: front cache, renders beside plain Wagtail, Redis and a search node failing (BENCH_SECONDS=60)
	$(BIN)/python -m tests.bench.load_bench

.PHONY: bench-cold-start
bench-cold-start: prod-local ## The prod-local cluster restarted: readers' first searches, cold and after search_warm in turn (BENCH_SITTINGS=4)
	$(BIN)/python -m tests.bench.cold_start_bench

.PHONY: bench-search
bench-search: install search-node ## Our Elasticsearch search against Wagtail's database search, side by side; then bench-burst (ELASTICSEARCH_URL, else the node on SEARCH_NODE_PORT)
	ELASTICSEARCH_URL=$${ELASTICSEARCH_URL:-http://127.0.0.1:$${SEARCH_NODE_PORT:-9200}} $(BIN)/python -m tests.bench.search_bench
	@$(MAKE) --no-print-directory bench-burst

.PHONY: bench-relevance
bench-relevance: install search-node ## The judged queries only: top-1, top-3 and MRR of Elasticsearch and the database fallback (ELASTICSEARCH_URL, else the node on SEARCH_NODE_PORT)
	ELASTICSEARCH_URL=$${ELASTICSEARCH_URL:-http://127.0.0.1:$${SEARCH_NODE_PORT:-9200}} $(BIN)/python -m tests.bench.relevance

# Its own node (port 9263) and its own PostgreSQL database (newsroom_burst, beside the one named).
.PHONY: bench-site
bench-site: install ## Article and section rendered and from Django's page cache, beside plain Wagtail (gunicorn, 2 workers, SQLite)
	$(BIN)/python -m tests.bench.site_bench

.PHONY: bench-burst
bench-burst: install ## Gunicorn, 3 workers, node hung: 24 searches at once; p99 of search and pages (BENCH_DATABASE_URL, PostgreSQL; BENCH_BURST_PAGE_CACHE=true as production)
	$(BIN)/python -m tests.bench.burst_bench

.PHONY: bench-feeds
bench-feeds: install search-node ## A 50-item full-text feed from the index: uncached, warm, 304, and Django's syndication over the database (ELASTICSEARCH_URL, else the node on SEARCH_NODE_PORT)
	ELASTICSEARCH_URL=$${ELASTICSEARCH_URL:-http://127.0.0.1:$${SEARCH_NODE_PORT:-9200}} $(BIN)/python -m tests.bench.feeds_bench

.PHONY: lint
lint: install ## Everything a commit must pass: ruff, layers, migrations, templates, types, catalogs
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=site:. $(BIN)/lint-imports
	$(MANAGE) makemigrations --check --dry-run --noinput
	$(BIN)/djlint --lint --quiet content search site
	@$(MAKE) --no-print-directory templates-width
	$(BIN)/mypy content search site/newsroom
	@$(MAKE) --no-print-directory catalogs-check

# djlint's max_line_length only guides its formatter; this holds the line for the linter.
TEMPLATE_WIDTH := 120
.PHONY: templates-width
templates-width: $(BIN)/activate ## Fail on a template line over 120 characters
	@$(BIN)/python -c 'import pathlib, sys; \
	long = [f"{p}:{n}: {len(l)} characters" for root in ("content", "search", "site") \
	        for p in sorted(pathlib.Path(root).rglob("templates/**/*")) \
	        if p.suffix in (".html", ".xml", ".opml") \
	        for n, l in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) \
	        if len(l) > $(TEMPLATE_WIDTH)]; \
	print("\n".join(long)); sys.exit(1 if long else 0)'

.PHONY: format
format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Interface strings. Catalogs live in locale/<locale>/LC_MESSAGES/django.po, one per language
# of LANGUAGES, named as Django names locales (zh-hans -> zh_Hans). No locations in them, so
# that moving code does not rewrite every catalog. The locales are read from the settings
# (lazily: the virtual environment must exist first), so a new language needs no edit here.
LOCALES = $(shell PYTHONPATH=site $(BIN)/python -c "from django.utils.translation import to_locale; \
	from newsroom.settings import base; print(' '.join(to_locale(code) for code, _ in base.LANGUAGES))")
MAKEMESSAGES = $(MANAGE) makemessages --domain django --no-location --no-obsolete \
	--ignore .venv --ignore var --ignore node_modules --ignore tests --ignore deploy \
	$(addprefix --locale ,$(LOCALES))
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

.PHONY: locales
locales: $(BIN)/activate ## Print the locales of LANGUAGES, as the catalogs under locale/ are named
	@echo $(LOCALES)

.PHONY: messages
messages: $(BIN)/activate ## Update locale/ from the code's strings (needs GNU gettext), then translate what is new
	$(MAKEMESSAGES)

# Compiled with Babel (pure Python), so a machine without GNU gettext still serves translations.
# The .mo files are build output: git ignores them.
.PHONY: compilemessages
compilemessages: $(MO_FILES) ## Compile the catalogs under locale/ into .mo files

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(BIN)/activate
	$(BIN)/pybabel compile --domain django --directory locale --locale $* --statistics \
		|| { rm -f $@; exit 1; }

# Regenerates the catalogs and compares them with what was there, ignoring only the creation
# date: a new, changed or removed string in the code fails until `make messages` is run and the
# result translated. Unchanged catalogs are put back as they were, creation date included.
.PHONY: catalogs-check
catalogs-check: $(BIN)/activate ## Fail when the catalogs under locale/ are out of date with the code
	@if ! command -v xgettext >/dev/null; then \
		if [ -n "$$CI" ]; then \
			echo "catalogs-check: xgettext not found; install GNU gettext (apt-get install gettext)." >&2; \
			exit 1; \
		fi; \
		echo "catalogs-check: skipped, xgettext not found (apt-get install gettext to run it)." >&2; \
		exit 0; \
	fi; \
	before=$$(mktemp -d); trap 'rm -rf "$$before"' EXIT; \
	mkdir -p locale && cp -R locale/. "$$before"; \
	$(MAKEMESSAGES) >/dev/null || exit 1; \
	if diff -r -u -N -x '*.mo' -I '^"POT-Creation-Date: ' "$$before" locale >"$$before.diff"; then \
		cp -R "$$before"/. locale; rm -f "$$before.diff"; \
		echo "catalogs-check: locale/ is up to date with the code."; \
	else \
		cat "$$before.diff"; rm -f "$$before.diff"; \
		echo >&2; \
		echo "catalogs-check: locale/ is out of date with the code's strings (the diff above)." >&2; \
		echo "The catalogs have been regenerated: translate the new or changed entries in" >&2; \
		echo "locale/*/LC_MESSAGES/django.po (no empty msgstr, no '#, fuzzy' left) and commit them." >&2; \
		exit 1; \
	fi

.PHONY: lock
lock: install ## Re-pin dependencies from pyproject.toml into requirements.lock
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

.PHONY: clean-demo
clean-demo: ## Delete the local SQLite database and media, to start the demo afresh
	rm -rf var/newsroom.sqlite3 var/media

.PHONY: bench-reach
bench-reach: install ## Beacons under gunicorn (2,000 req/s), pages with counting on and off, Reach views over a year of counts (BENCH_DATABASE_URL)
	$(BIN)/python -m tests.reach.bench_reach

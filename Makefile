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
install: $(BIN)/activate ## Create the virtual environment and install the locked dependencies

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
worker: install ## Run background tasks (index outbox...) and publish scheduled pages every minute
	$(MANAGE) db_worker & \
	trap 'kill %1' EXIT; \
	while true; do $(MANAGE) publish_scheduled; sleep 60; done

.PHONY: test
test: install ## Run the whole test suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise)
	$(BIN)/pytest

.PHONY: search-node
search-node: ## Build (if needed) and start the local Elasticsearch 8 node on 127.0.0.1:9200
	deploy/search-node/search-node.sh start

.PHONY: search-node-stop
search-node-stop: ## Stop the local Elasticsearch node
	deploy/search-node/search-node.sh stop

.PHONY: bench-search
bench-search: install search-node ## Our Elasticsearch search against Wagtail's database search, side by side
	ELASTICSEARCH_URL=http://127.0.0.1:9200 $(BIN)/python tests/bench/search_bench.py

.PHONY: lint
lint: install ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: format
format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: lock
lock: install ## Re-pin dependencies from pyproject.toml into requirements.lock
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

.PHONY: clean-demo
clean-demo: ## Delete the local SQLite database and media, to start the demo afresh
	rm -rf var/newsroom.sqlite3 var/media

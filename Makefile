# bhbilling: `make run` serves the demo, `make test` runs the suite; both set up everything.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

.PHONY: install run serve test test-postgres lint bench demo clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $$(scripts/find-python.sh) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/bhbilling manage migrate --noinput -v 0
	$(BIN)/bhbilling demo --if-empty
	$(BIN)/bhbilling serve --host 127.0.0.1 --port 8000

test: install
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(PY) -m pytest -n 2 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

bench: install
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) var .pytest_cache

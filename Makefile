# One entry point for people and CI. `make demo` and `make test` work on a fresh machine
# with Python 3.11 and make: both create .venv and install the project on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1:8000
# Tests run on every core; `make test PYTEST_ARGS=` runs them in one process.
PYTEST_ARGS ?= -n auto
# In-process tasks and SQLite unless the caller says otherwise.
export DJANGO_SETTINGS_MODULE := capdev.settings

.PHONY: venv demo serve test test-fast lint format typecheck messages bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

demo: venv
	$(BIN)/capdev migrate --noinput
	$(BIN)/capdev load_demo
	@echo "CapDev is serving on http://$(HOST)/ (Ctrl-C to stop)"
	$(BIN)/capdev runserver $(HOST)

serve: venv
	$(BIN)/capdev runserver $(HOST)

test: venv
	$(BIN)/pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/capdev makemigrations --check --dry-run

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: venv
	$(BIN)/mypy

messages: venv
	@# Apps with their own locale/ keep their strings there; the project catalogue has the rest.
	@set -e; ignored=""; for dir in capdev/*/locale; do \
	  [ -d "$$dir" ] || continue; app=$$(basename $$(dirname $$dir)); ignored="$$ignored --ignore=$$app/*"; \
	  (cd capdev/$$app && ../../$(BIN)/capdev makemessages -l fr --ignore "tests/*"); \
	done; \
	cd capdev && ../$(BIN)/capdev makemessages -l fr --ignore "*/tests/*" --ignore "*/data/*" $$ignored
	cd capdev && ../$(BIN)/capdev compilemessages

bench: venv
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

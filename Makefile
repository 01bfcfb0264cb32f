# Two entry points for a fresh machine with Python 3.11+: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test

.PHONY: demo test test-compiled lint typecheck layers docs bench clean wheel-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# An editable install is pure Python (setup.py), so edits take effect at once.
$(STAMP): $(BIN)/python pyproject.toml setup.py
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/wikibio show examples/Xu_Junping.wikitext

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/python -m ruff check setup.py src tests benchmarks
	$(BIN)/python -m mypy
	$(BIN)/lint-imports
	$(MAKE) docs
	$(MAKE) wheel-check

# The wheel, installed into a fresh virtual environment as users install it (offline: see
# the script): compiled by mypyc (setup.py), `wikibio --version`, the strategies with their
# extra, an ImportError without.
wheel-check: $(STAMP)
	bash scripts/check-wheel.sh $(BIN)/python

# The whole suite again, against that compiled installation (CI runs it after `make test`).
test-compiled: wheel-check
	build/wheel-check/venv/bin/python -m pytest -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/python -m ruff check setup.py src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/python -m mypy

# The layering contract of pyproject.toml: imports only go down.
layers: $(STAMP)
	$(BIN)/lint-imports

# The documentation site (mkdocs.yml), warnings as errors; nothing is fetched at build time.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict --site-dir build/site

# The compiled wheel users install (wheel-check's), against the peers in one run.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(MAKE) wheel-check
	build/wheel-check/venv/bin/python benchmarks/bench_parse.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
	find src -name '*.so' -delete

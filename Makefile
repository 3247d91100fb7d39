# planbook: two commands matter — `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
AS_OF  ?=

.PHONY: site test serve bench check lint clean fuzz

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

## site: check the sample plans and build the site into site/
site: $(STAMP)
	$(BIN)/planbook build --out site $(if $(AS_OF),--as-of $(AS_OF))

## check: check the plans (findings are shown; only --strict fails on them)
check: $(STAMP)
	$(BIN)/planbook check plans $(if $(AS_OF),--as-of $(AS_OF)) || test $$? -eq 1

## test: the full test suite, lint and type checks
test: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

## serve: live preview; editing a plan refreshes the page
serve: $(STAMP)
	$(BIN)/planbook serve

## fuzz: the property-based fuzz test of `planbook check` with a long, random budget
## (CI runs the same test with a small fixed one); FUZZ_EXAMPLES=… to change it
FUZZ_EXAMPLES ?= 2000
fuzz: $(STAMP)
	PLANBOOK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) PLANBOOK_FUZZ_RANDOM=1 $(BIN)/pytest -q -p no:cacheprovider tests/test_fuzz_check.py

## bench: the performance table (see BENCHMARKS.md)
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache

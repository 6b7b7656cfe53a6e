# One-stroke set-up: each target creates or reuses .venv/ and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements-lock.txt
OUTDIR ?= figures
FORMATS ?= png pdf
REPORT_DIR ?= report

.DEFAULT_GOAL := help
.PHONY: help figures test fuzz lint format lab report benchmark background-counts clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp records that the package and its pinned dependencies are installed.
$(VENV)/.installed-core: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --editable .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --editable ".[test]"
	@touch $@ $(VENV)/.installed-core

$(VENV)/.installed-notebooks: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --editable ".[test,notebooks]"
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed-core

figures: $(VENV)/.installed-core  ## Rebuild every figure into figures/ (OUTDIR=..., FORMATS=png to skip the PDFs)
	$(BIN)/python -m analysis.figures --outdir $(OUTDIR) --formats $(FORMATS)

test: $(VENV)/.installed-test  ## Lint, then run the whole test suite (notebooks included)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

fuzz: $(VENV)/.installed-test  ## Property tests on 10,000 generated inputs each; failures kept in tests/fixtures/fuzz/
	PRESSCONF_FUZZ=1 PRESSCONF_FUZZ_SUMMARY=fuzz-summary.json $(BIN)/python -m pytest -q tests/test_fuzz.py

lint: $(VENV)/.installed-test  ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test  ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lab: $(VENV)/.installed-notebooks  ## Open JupyterLab on notebooks/
	$(BIN)/jupyter lab notebooks/

report: $(VENV)/.installed-core  ## Tables and figures of any transcript: make report TRANSCRIPT=file.txt [REPORT_DIR=dir]
	@test -n "$(TRANSCRIPT)" || { echo "usage: make report TRANSCRIPT=file.txt [REPORT_DIR=dir]"; exit 2; }
	$(BIN)/python -m analysis report $(TRANSCRIPT) --outdir $(REPORT_DIR)

benchmark: $(VENV)/.installed-core  ## Time the whole-corpus pipeline (see benchmarks/README.md)
	$(BIN)/python benchmarks/run.py

background-counts: $(VENV)/.installed-core  ## Recount the corpus words of the keyness prior (data/derived/)
	$(BIN)/python -c "from analysis.measures.keyness import write_background_counts as w; print(w())"

clean:  ## Remove caches and the virtual environment
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis fuzz-summary.json .cache

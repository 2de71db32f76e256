# Two entry points for a new user: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLAN ?= plans/links-to-work.yaml
OUT ?= out/links-to-work

.PHONY: demo test lint bench bench-quick clean

$(BIN)/tplan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/tplan

demo: $(BIN)/tplan
	$(BIN)/tplan run $(PLAN) --out $(OUT)

test: $(BIN)/tplan
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest

# Benchmarks (tables on standard output; figures in benchmarks/RESULTS.md). bench: every size
# to 20,000 people plus PSPLIB j30 (all 480), j60 and j120 samples against PyJobShop, about an
# hour; bench-quick: 100 and 1,000 people and a PSPLIB sample, under 5 minutes.
bench: $(BIN)/tplan
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/scale_bench.py
	$(BIN)/python benchmarks/psplib_bench.py all --budget 10 --pyjobshop

bench-quick: $(BIN)/tplan
	$(BIN)/python benchmarks/scale_bench.py --quick --budget 2
	$(BIN)/python benchmarks/psplib_bench.py j30 --sample 12 --budget 2

clean:
	rm -rf $(VENV) out build src/*.egg-info

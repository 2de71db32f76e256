# Two entry points for a new user: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLAN ?= plans/links-to-work.yaml
OUT ?= out/links-to-work
# the weekly loop on the seed plan: progress as of 11 April 2016, the approved baseline
PROGRESS ?= plans/links-to-work-progress.csv
WEEK ?= out/links-to-work-2016-04-11

.PHONY: demo test lint bench bench-quick clean

$(BIN)/tplan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/tplan

demo: $(BIN)/tplan
	$(BIN)/tplan run $(PLAN) --out $(OUT)
	$(BIN)/tplan run $(PLAN) --progress $(PROGRESS) --baseline approved --date 2016-04-11 --out $(WEEK)
	$(BIN)/tplan variance $(PLAN) --baseline approved --schedule $(WEEK)/schedule.json
	$(BIN)/tplan week $(PLAN) --progress $(PROGRESS) --schedule $(WEEK)/schedule.json --baseline approved --html $(WEEK)/status.html
	$(BIN)/tplan compare $(PLAN) --scenario plans/scenarios/links-to-work-team-short.yaml --scenario plans/scenarios/links-to-work-no-september-break.yaml --progress $(PROGRESS) --schedule $(WEEK)/schedule.json --budget 5 --out $(WEEK)

test: $(BIN)/tplan
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest

# Benchmarks (tables on standard output; figures in benchmarks/RESULTS.md). bench: every size
# to 20,000 people, load/compile/verify per person (no solver), plus PSPLIB j30 (all 480), 24 j60 and 12 j120 instances against PyJobShop,
# each solved twice (ours, then PyJobShop with our wall time), aimed at an hour on 2 cores;
# bench-quick: 100 and 1,000 people and a PSPLIB sample, under 5 minutes.
bench: $(BIN)/tplan
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/scale_bench.py
	$(BIN)/python benchmarks/linear_bench.py
	$(BIN)/python benchmarks/psplib_bench.py j30 --budget 10 --pyjobshop
	$(BIN)/python benchmarks/psplib_bench.py j60 --sample 24 --budget 10 --pyjobshop
	$(BIN)/python benchmarks/psplib_bench.py j120 --sample 12 --budget 10 --pyjobshop

bench-quick: $(BIN)/tplan
	$(BIN)/python benchmarks/scale_bench.py --quick --budget 2
	$(BIN)/python benchmarks/psplib_bench.py j30 --sample 12 --budget 2

clean:
	rm -rf $(VENV) out build src/*.egg-info

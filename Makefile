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

clean:
	rm -rf $(VENV) out build src/*.egg-info

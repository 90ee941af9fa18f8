# Two entry points: `make demo` and `make test` (see README).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/vanban render --force --out-dir output content/examples/*.yaml

test: $(STAMP)
	$(BIN)/ruff check generator tests bench tools
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench tools
	$(BIN)/ruff format --check generator tests bench tools

clean:
	rm -rf output/*.docx output/*.pdf output/*.png

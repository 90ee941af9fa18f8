# Two entry points: `make demo` and `make test` (see README).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install previews clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/vanban render --force --out-dir output content/examples/*.yaml
	$(BIN)/vanban batch --force --out-dir output/batch-phat-dong \
		content/examples/batch/phat-dong-master.yaml --data content/examples/batch/units.csv \
		--name "{kind}-{place}-{number}"
	$(BIN)/vanban batch --force --out-dir output/batch-giao-uoc \
		content/examples/batch/giao-uoc-master.yaml --data content/examples/batch/blocs.yaml
	@echo
	@echo "Trang soạn văn bản cho cán bộ văn phòng: $(BIN)/vanban serve  rồi mở http://127.0.0.1:8000/"
	@echo "Có cấp số từ sổ đăng ký văn bản đi:     $(BIN)/vanban serve --register so-van-ban-di.sqlite"

test: $(STAMP)
	$(BIN)/ruff check generator tests bench tools
	$(BIN)/ruff format --check generator tests bench tools
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench tools
	$(BIN)/ruff format --check generator tests bench tools

# Page images for the README (needs LibreOffice and poppler-utils, as .ci/run installs).
previews: $(STAMP)
	$(BIN)/python tools/previews.py --dpi 60 content/examples/phat-dong-cuc-ctdp-2024.yaml \
		content/examples/giao-uoc-khoi-5-vpcp-2024.yaml

clean:
	rm -rf output/*.docx output/*.pdf output/*.png

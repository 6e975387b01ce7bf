# yusuan: the two set-up commands are `make run` and `make test`; both set up the venv first.
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
SAMPLE := samples/anhui-yongqiao-government-office-2023-budget.txt
CORPUS := tests/fixtures/docs
# The Jiangsu CPPCC office published its tables and its text as two PDFs: filed as one document.
CPPCC  := $(CORPUS)/jiangsu-cppcc-office-2019-budget-tables.pdf $(CORPUS)/jiangsu-cppcc-office-2019-budget-text.pdf
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup system run check-sample test lint bench clean

# Debian packages (fonts for PDF output, PostgreSQL and Chromium for the tests): installed when missing.
system:
	scripts/system-packages

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV) || { echo '需要 python3-venv：apt-get install python3-venv' >&2; exit 1; }
	$(BIN)/pip install -q uv || true
	if [ -x $(BIN)/uv ]; then $(BIN)/uv pip install --python $(PY) -q -e '.[dev]'; \
	else $(BIN)/pip install -q -e '.[dev]'; fi
	touch $@

setup: system $(VENV)/.installed

# The portal at http://127.0.0.1:8000, preloaded with the reference document and the corpus
# (SQLite file var/yusuan.sqlite3, or $$YUSUAN_DATABASE_URL). Re-running stores nothing twice.
run: setup
	$(BIN)/yusuan ingest --region 安徽省宿州市埇桥区 $(SAMPLE)
	$(BIN)/yusuan ingest --together $(CPPCC)
	$(BIN)/yusuan ingest $(filter-out $(CPPCC),$(wildcard $(CORPUS)/*.pdf))
	$(BIN)/yusuan serve

# Audit the reference document and print the findings (exit 1 from yusuan only means "errors found").
check-sample: setup
	$(BIN)/yusuan check $(SAMPLE) || [ $$? -eq 1 ]

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# The store's tests run on SQLite and on a private PostgreSQL server the tests start themselves.
test: lint
	YUSUAN_REQUIRE_POSTGRES=1 YUSUAN_REQUIRE_BROWSER=1 $(BIN)/pytest

bench: setup
	$(PY) bench/read_check.py
	$(PY) bench/read_pdf.py
	$(PY) bench/build.py
	$(PY) bench/serve.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

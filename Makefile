# yusuan: the two set-up commands are `make run` and `make test`; both set up the venv first.
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
SAMPLE := samples/anhui-yongqiao-government-office-2023-budget.txt
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup run test lint bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV) || { echo '需要 python3-venv：apt-get install python3-venv' >&2; exit 1; }
	$(BIN)/pip install -q uv || true
	if [ -x $(BIN)/uv ]; then $(BIN)/uv pip install --python $(PY) -q -e '.[dev]'; \
	else $(BIN)/pip install -q -e '.[dev]'; fi
	touch $@

setup: $(VENV)/.installed

# Audit the reference document and print the findings (exit 1 from yusuan only means "errors found").
run: setup
	$(BIN)/yusuan check $(SAMPLE) || [ $$? -eq 1 ]

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: setup
	$(PY) bench/read_check.py
	$(PY) bench/read_pdf.py
	$(PY) bench/build.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Two commands for a fresh clone with python3 and make: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-privacy bench-memory bench-digest-slot bench-suggest clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/werkbot demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest

# Every figure of the README's Performance table, in one run (about 10 minutes on 2 cores).
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

bench-privacy: $(STAMP)
	$(BIN)/python bench/privacy_recall.py

bench-memory: $(STAMP)
	$(BIN)/python bench/run_memory.py

bench-suggest: $(STAMP)
	$(BIN)/python bench/suggest.py

TEAMS ?= 40
bench-digest-slot: $(STAMP)
	$(BIN)/python bench/digest_slot.py $(TEAMS)

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) *.egg-info werkbot-demo.db*

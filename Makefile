# Set-up and everyday commands. `make play` and `make test` work on a fresh clone.
# `make play` installs only what playing needs; `make test`, `make lint` and `make bench`
# add the extras they use (EXTRAS).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLAY_STAMP := $(VENV)/.installed-play
DEV_STAMP := $(VENV)/.installed-dev
EXTRAS ?= dev,bench,mapgen,cluster,rl

.PHONY: play test lint bench golden history install install-dev clean

$(PLAY_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(PLAY_STAMP)

$(DEV_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(DEV_STAMP) $(PLAY_STAMP)

install: $(PLAY_STAMP)

install-dev: $(DEV_STAMP)

play: $(PLAY_STAMP)
	$(BIN)/wargame play $(SCENARIO)

# The suite runs on every core (pytest-xdist): each test is independent of the others.
test: $(DEV_STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -n auto
	$(BIN)/lint-imports

lint: $(DEV_STAMP)
	$(BIN)/ruff check engine ui
	$(BIN)/python -m mypy engine ui
	$(BIN)/lint-imports

# Regenerate the golden games (tests/golden/*.jsonl) after a change that is meant to alter them.
golden: $(PLAY_STAMP)
	$(BIN)/python tests/golden.py

bench: $(DEV_STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# The calibration of the campaigns against their history: 100 games of each, the best AI
# against itself, the milestone tables and charts in build/history, and the targets met or not.
HISTORY_AI ?= planner
HISTORY_GAMES ?= 100
history: $(DEV_STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m benchmarks.history --ai $(HISTORY_AI) --games $(HISTORY_GAMES) --out build/history

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache .mypy_cache .import_linter_cache build dist *.egg-info

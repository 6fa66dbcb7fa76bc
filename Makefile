# Set-up and everyday commands. `make play` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRAS ?= dev,bench,mapgen,cluster

.PHONY: play test bench history install clean lint

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

install: $(STAMP)

play: $(STAMP)
	$(BIN)/wargame play $(SCENARIO)

test: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The calibration of the campaigns against their history (issue 13): 100 games of each, the best AI
# against itself, the milestone tables and charts in build/history, and the targets met or not.
HISTORY_AI ?= planner
HISTORY_GAMES ?= 100
history: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m benchmarks.history --ai $(HISTORY_AI) --games $(HISTORY_GAMES) --out build/history

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info

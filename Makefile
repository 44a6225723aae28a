# `make run` and `make test` work on a fresh clone: both create .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
IMAGE ?= coachbot:smoke
# The tests spend most of their time waiting on processes they start, so they run in
# more workers than there are cores.
TEST_WORKERS ?= 4

.PHONY: run test test-clocks lint format bench wheel-smoke docker-smoke clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coachbot run

test: $(STAMP)
	$(BIN)/ruff check coachbot tests bench
	$(BIN)/ruff format --check coachbot tests bench
	$(BIN)/pytest -n $(TEST_WORKERS)
	$(MAKE) --no-print-directory wheel-smoke
	$(MAKE) --no-print-directory test-clocks

# The wheel as a user gets it: built, installed (not editable) into a fresh virtualenv,
# and run from an empty directory outside the checkout.
wheel-smoke: $(STAMP)
	$(BIN)/python tests/wheel_smoke.py

# The date-sensitive tests again with the wall clock moved (in the tests and in every
# process they start) to the next new year's eve, both DST changes and 29 February.
test-clocks: $(STAMP)
	$(BIN)/python -m tests.shifted_runs

format: $(STAMP)
	$(BIN)/ruff format coachbot tests bench
	$(BIN)/ruff check --fix coachbot tests bench

bench: $(STAMP)
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

# Not part of CI: needs a running dockerd and the base image (see tests/docker_smoke.sh).
docker-smoke:
	IMAGE=$(IMAGE) bash tests/docker_smoke.sh

clean:
	rm -rf $(VENV) .pytest_cache dist

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test eval bench clean

install: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	$(BIN)/timeline build

test: install
	$(BIN)/pytest

eval: install
	@if [ -f ../shared/eval/score.py ]; then \
		$(BIN)/python ../shared/eval/score.py --cmd '$(CURDIR)/$(BIN)/timeline build {doc} --format json'; \
	else \
		echo "eval: ../shared/eval/score.py not found; the evaluation needs the shared corpus beside this checkout"; \
	fi

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

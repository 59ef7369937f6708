PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test browser eval bench clean

install: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	$(BIN)/timeline build

test: install browser
	$(BIN)/pytest

# The browser tests drive Debian's Chromium and ChromeDriver: install them when missing
# (with sudo only when not root and sudo exists).
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null && echo sudo)

browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		($(SUDO) apt-get update -q && \
		 $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver)

eval: install
	@if [ -f ../shared/eval/score.py ]; then \
		$(BIN)/python ../shared/eval/score.py --cmd '$(CURDIR)/$(BIN)/timeline build {doc} --format json'; \
	else \
		echo "eval: ../shared/eval/score.py not found; the evaluation needs the shared corpus beside this checkout"; \
	fi

# Speed and scale figures (generates archives of 1,000 and 10,000 articles in a temp dir).
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/large_inputs.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# The two commands the README promises: `make serve` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test browser bench handouts clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

serve: $(VENV)/.runtime          ## build and serve the site on http://127.0.0.1:8000
	$(PY) -m mkdocs serve --strict -a 127.0.0.1:8000

build: $(VENV)/.runtime          ## build the site into site/
	$(PY) -m mkdocs build --strict

check: $(VENV)/.runtime          ## validate the data only
	$(PY) -m macros check

browser:                         ## Debian's Chromium for the browser tests (installed when root)
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "note: no Chromium and not root: browser tests will skip (they fail under CI=true)"; fi

test: $(VENV)/.test browser      ## run every test
	$(PY) -m pytest

clean:
	rm -rf site .pytest_cache

# The two commands the README promises: `make serve` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test system bench lighthouse handouts clean

$(VENV)/.runtime: requirements.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

serve: $(VENV)/.runtime          ## build and serve the site, both languages, on http://127.0.0.1:8000
	KB_EDITIONS=all $(PY) -m mkdocs serve --strict -a 127.0.0.1:8000

build: $(VENV)/.runtime          ## build both languages into site/ (Spanish in site/es/) to deploy
	KB_EDITIONS=all $(PY) -m mkdocs build --strict

check: $(VENV)/.runtime          ## validate the data only
	$(PY) -m macros check

# Debian packages: Chromium for the browser tests, Pango and fonts for the PDF handouts.
DEBS := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
system:                          ## the Debian packages above (installed when root and missing)
	@missing=$$(for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing $$missing"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "note: missing $$missing and not root: browser and handout tests skip (they fail under CI=true)"; fi

test: $(VENV)/.test system       ## run every test
	$(PY) -m pytest

handouts: $(VENV)/.runtime system  ## build the site with a PDF handout per condition in site/handouts/
	KB_HANDOUTS=true $(PY) -m mkdocs build --strict

bench: $(VENV)/.runtime          ## build time, memory and page weight against plain MkDocs (bench/README.md)
	$(PY) bench/bench.py

lighthouse: $(VENV)/.test system ## Lighthouse scores with Debian's Chromium (bench/README.md)
	cd bench && npm install --no-audit --no-fund --silent
	$(PY) bench/lighthouse.py

clean:
	rm -rf site .pytest_cache

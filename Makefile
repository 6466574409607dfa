# Every command a contributor or CI needs. `make help` lists them.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The W3C Nu HTML checker's jar, from npm (see the $(VNU) rule below).
VNU := node_modules/vnu-jar/build/dist/vnu.jar
export NO_MKDOCS_2_WARNING := 1

.PHONY: help venv serve build test test-fast mutate chromium check report bench lighthouse new clean

help:
	@echo "make serve   build and serve the site on http://127.0.0.1:8000 (live reload)"
	@echo "make build   write the static site to site/ (mkdocs build --strict)"
	@echo "make test    install everything (incl. Debian chromium, Java and the Nu HTML checker) and run the whole test suite"
	@echo "make test-fast   the tests that need no browser and no extra build (the edit loop)"
	@echo "make mutate  plant representative bugs one at a time; report any the tests miss"
	@echo "make check   content checks: front matter, spelling, Markdown lint, links"
	@echo "make report  reading grade, word count and last review of every page; stale pages"
	@echo "make bench   benchmarks (about 40 min; BENCH_ARGS=--quick: a few): build with/without the hook, its own time, PDFs, serve reload, page weight, search latency and index size"
	@echo "make lighthouse   Lighthouse scores (home, article, FAQ, checklist, flow, rules); needs npm (Node 20)"
	@echo "make new kind=article slug=freelancer/my-page   scaffold a new page"

# The virtualenv is (re)built whenever the lock file or pyproject.toml changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

venv: $(STAMP)

# Not strict: pages stay viewable while a warning stands (build, check and CI are strict).
serve: $(STAMP)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean --site-dir site

chromium:
	@bash scripts/ensure-system-deps.sh

# Two workers, one test file each at a time (a file's shared pages and browser stay together).
test: $(STAMP) chromium $(VNU)
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow" -q $(PYTEST_ARGS)

mutate: $(STAMP) chromium
	$(BIN)/python scripts/mutate.py $(MUTATE_ARGS)

# The W3C Nu HTML Checker (npm vnu-jar, pinned in package-lock.json; run with Java by
# tests/test_html_valid.py). --omit=dev skips Lighthouse; --ignore-scripts skips
# vnu-jar's postinstall, which would download a Java runtime (Debian's is used).
$(VNU): package.json package-lock.json
	@bash scripts/ensure-system-deps.sh
	npm ci --omit=dev --ignore-scripts --no-audit --no-fund
	touch $@

# Content checks (the same command in CI: tests/test_contributing.py runs it too).
check: $(STAMP)
	$(BIN)/python scripts/check_content.py check

# Benchmarks (BENCHMARKS.md): about 40 minutes on 2 cores; `make bench BENCH_ARGS=--quick` is a smoke run.
# ensure-system-deps.sh --bench installs chromium (page weight) and valgrind (instruction counts).
bench: $(STAMP)
	@bash scripts/ensure-system-deps.sh --bench
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)
	$(BIN)/python scripts/search_bench.py $(BENCH_ARGS)

# Lighthouse 12 (npm, from package-lock.json) with Debian's Chromium; not part of `make test` (about 1 minute).
node_modules/.bin/lighthouse: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

lighthouse: $(STAMP) chromium node_modules/.bin/lighthouse
	CHROME_PATH=/usr/bin/chromium $(BIN)/python scripts/lighthouse.py

report: $(STAMP)
	$(BIN)/python scripts/check_content.py report

# make new kind=article slug=freelancer/my-page [title="..."] [audience=...] [contract_type=...]
new: $(STAMP)
	$(BIN)/python scripts/new_page.py --kind "$(kind)" --slug "$(slug)" --title "$(title)" \
		--audience "$(audience)" --contract-type "$(contract_type)"

clean:
	rm -rf site .cache .pytest_cache

# Muse: the commands that matter. Everything runs offline from a local venv.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Offline switches for every process: no hub downloads, no telemetry, OpenMP threads that sleep.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export OMP_WAIT_POLICY := PASSIVE
export TOKENIZERS_PARALLELISM := false
# llama.cpp's native build uses CPU instructions this sandbox forbids (AMX): build portable.
export CMAKE_ARGS := -DGGML_NATIVE=OFF

.PHONY: venv demo test test-all bench clean browser-deps postgres-deps

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

## The main job: prepare the demo data and models, then serve the chat UI on http://127.0.0.1:7860
demo: venv
	$(VENV)/bin/muse demo

## Debian's Chromium (+ an emoji font) for the browser test: installed only when missing and running as
## root; otherwise a no-op (the browser test then skips and says why).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -q && apt-get install -y -q chromium fonts-noto-color-emoji) \
	  || echo "browser-deps: could not install chromium; the browser test will skip"; \
	fi

## Debian's PostgreSQL server binaries for the store tests (each test session starts its own throwaway
## server on loopback): installed only when missing and running as root; otherwise a no-op (the
## PostgreSQL tests then skip and say why). Debian's own cluster is not needed, so none is started.
postgres-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1 \
	  && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql \
	   && (command -v pg_ctlcluster >/dev/null && for c in $$(pg_lsclusters -h 2>/dev/null | awk '{print $$1"/"$$2}'); do \
	        pg_ctlcluster $${c%/*} $${c#*/} stop 2>/dev/null || true; done; true)) \
	  || echo "postgres-deps: could not install postgresql; the PostgreSQL tests will skip"; \
	fi

## The default test run (fast, offline). pytest's exit code 5 (no tests collected) is not a failure.
test: venv browser-deps postgres-deps
	$(PY) -m pytest -q -p no:cacheprovider; rc=$$?; [ $$rc -eq 5 ] && exit 0 || exit $$rc

## Every test, slow integration tests included.
test-all: venv browser-deps postgres-deps
	$(PY) -m pytest -q -p no:cacheprovider -m "" ; rc=$$?; [ $$rc -eq 5 ] && exit 0 || exit $$rc

## Benchmarks: each prints a table.
bench: venv
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf .muse .pytest_cache

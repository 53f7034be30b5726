# One place for what developers and CI run. `make check` is what CI runs.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.setup-done
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup run test lint check bench screenshots package package-test clean

$(STAMP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh
	touch $(STAMP)

setup: $(STAMP)

## Start the terminal with the embedded defaults (windowed; `mashangban run` is fullscreen).
run: QT_QPA_PLATFORM=
run: $(STAMP)
	$(VENV)/bin/mashangban run --windowed

## The whole test suite, headless, on PYTEST_WORKERS xdist workers (many tests wait on
## subprocesses, so more workers than cores pay; 0 runs serially). `load` hands the
## first tests out round-robin and tests/conftest.py puts the slow ones first, so they
## start together. PYTEST_ARGS come last, so they can narrow the run or override -n.
## pytest's "no tests ran" (exit 5) is a failure.
PYTEST_WORKERS ?= 3
test: $(STAMP)
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: no tests ran" >&2; exit 1; fi; exit $$rc

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

check: lint test

bench: $(STAMP)
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

## The one-dir bundle (build/dist/mashangban; what goes in: build/bundle_rules.py) and
## its own tests (selftest, upgrade, doctor, run, contents, the bundle probe).
package: $(STAMP)
	$(VENV)/bin/pip install -q "pyinstaller>=6.10,<7"
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/work build/mashangban.spec
	@$(PY) bench/bench_package.py --size-only | grep '^bundle:'

package-test: package
	MASHANGBAN_PACKAGE=$(CURDIR)/build/dist/mashangban $(PY) -m pytest tests/package -p no:cacheprovider

screenshots: $(STAMP)
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

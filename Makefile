# genre-nb: two commands do everything on a fresh machine with Python 3.11.
#   make reports   the main job: every notebook re-run into reports/, with reports/index.md (DATA=auto|path, ONLY=02,04, EPOCHS=N)
#   make test      the tests: nbdev_test over every notebook, plus the repository checks
# Both create .venv and install the package with its dependencies when needed, and reuse it after.
# The install is pinned by requirements.lock (pip constraints, the versions of a green .venv); UNLOCKED=1 installs without it.
#   make lock      rewrites requirements.lock from .venv; to refresh: rm -rf .venv && make install UNLOCKED=1, make lock, make test, commit

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.genre-nb-installed
DATA   ?= auto

.PHONY: install lock reports test export readme check-readme check-export clean-reports

# -c requirements.lock: every package at its locked version (UNLOCKED=1: none, pip resolves fresh ones for a refresh)
LOCK   := $(if $(UNLOCKED),,-c requirements.lock)

$(STAMP): setup.py settings.ini Makefile requirements.lock csrc/median.c
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' $(LOCK)
	# musicnn's pretrained weights (04a_transfer); --no-deps: its metadata pins numpy<1.17, its TF1 code is never imported
	$(BIN)/python -m pip install --quiet --no-deps musicnn==0.1.0 $(LOCK)
	# librosa's numba kernels compiled once, in one process, before anything runs in parallel (numba#10128: two processes
	# compiling into the same fresh cache can leave one that crashes every later process)
	$(BIN)/python -c "from genre_nb.features import compile_kernels; print(f'librosa kernels compiled in {compile_kernels():.0f} s')"
	# HPSS's moving median in C (csrc/median.c), built by pip install where a C compiler is found
	@$(BIN)/python -c "from genre_nb.dsp import _compiled_median as c; print('moving median: compiled' if c() else 'moving median: not compiled (no C compiler found?); bottleneck is used, same values, slower')"
	touch $(STAMP)

install: $(STAMP)

# requirements.lock from the installed .venv: pip freeze without the editable genre-nb, name==version lines only (no @ file:// ones);
# musicnn stays in it. The stamp is touched after: .venv is what the new lock says, no reinstall needed.
lock:
	@test -x $(BIN)/python || { echo "no $(VENV): run 'make install UNLOCKED=1' first"; exit 1; }
	@$(BIN)/python -m pip freeze --exclude-editable > requirements.lock.tmp
	@{ echo '# requirements.lock: pip constraints, the exact versions of a green .venv (make test passed); make install uses them (-c).'; \
	  $(BIN)/python -c 'import platform as p; print(f"# Made by make lock on Python {p.python_version()}, {p.system()} {p.machine()}.")'; \
	  echo '# Refresh: rm -rf .venv && make install UNLOCKED=1, then make lock, then make test, then commit.'; \
	  grep -E '^[A-Za-z0-9][A-Za-z0-9._-]*==[^ ;@]+$$' requirements.lock.tmp; } > requirements.lock.new
	@rm -f requirements.lock.tmp && mv requirements.lock.new requirements.lock
	@[ ! -f $(STAMP) ] || touch $(STAMP)
	@echo "requirements.lock: $$(grep -c '==' requirements.lock) packages"

# genre-nb run: the report notebooks in order with papermill, then reports/index.md; stops at the first failure
reports: $(STAMP)
	$(BIN)/genre-nb run --data $(DATA) --out reports $(if $(ONLY),--only $(ONLY)) $(if $(EPOCHS),--epochs $(EPOCHS))

test: $(STAMP) check-export check-readme
	TF_CPP_MIN_LOG_LEVEL=2 $(BIN)/python tools/run_tests.py

# genre_nb/*.py must be what the notebooks export: export into the tree and compare with a copy taken before
check-export: $(STAMP)
	@tmp=$$(mktemp -d) && cp -r genre_nb $$tmp/ && $(BIN)/nbdev_export && \
	  diff -rq -x __pycache__ $$tmp/genre_nb genre_nb >/dev/null; rc=$$?; rm -rf $$tmp; \
	  [ $$rc -eq 0 ] || { echo "genre_nb/ was out of step with nbs/ (nbdev_export has now updated it): commit genre_nb/"; exit 1; }

# README.md is nbs/index.ipynb as markdown (nbdev_readme needs Quarto, which is not available here)
readme: $(STAMP)
	$(BIN)/jupyter nbconvert --log-level WARN --to markdown --stdout nbs/index.ipynb > README.md

check-readme: $(STAMP)
	@$(BIN)/jupyter nbconvert --log-level WARN --to markdown --stdout nbs/index.ipynb | diff -q - README.md >/dev/null \
	  || { echo "README.md differs from nbs/index.ipynb: run 'make readme' and commit"; exit 1; }

export: $(STAMP)
	$(BIN)/nbdev_export
	$(BIN)/nbdev_clean

clean-reports:
	rm -rf reports/*.ipynb reports/figures reports/metrics

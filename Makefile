# genre-nb: two commands do everything on a fresh machine with Python 3.11.
#   make reports   the main job: every notebook re-run into reports/, with reports/index.md (DATA=auto|path, ONLY=02,04, EPOCHS=N)
#   make test      the tests: nbdev_test over every notebook, plus the repository checks
# Both create .venv and install the package with its dependencies when needed, and reuse it after.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.genre-nb-installed
DATA   ?= auto

.PHONY: install reports test export readme check-readme check-export clean-reports

$(STAMP): setup.py settings.ini Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# musicnn's pretrained weights (06_transfer); --no-deps: its metadata pins numpy<1.17, its TF1 code is never imported
	$(BIN)/python -m pip install --quiet --no-deps musicnn==0.1.0
	touch $(STAMP)

install: $(STAMP)

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

# Media-framing study: every figure, result and the PDF report are targets with real dependencies.
# `make` alone lists the targets and every variable (NAME=value on the command line) with its
# default: each variable below has its description on the `#:` line above it.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

#: the virtual environment `make setup` creates
VENV          ?= .venv
#: the Python that runs everything (PYTHON=python: an active conda or other environment)
PYTHON        ?= $(VENV)/bin/python
#: the corpus: a folder of .txt (+ metadata.csv) or a .csv/.jsonl/.parquet/.xlsx file
CORPUS        ?= data/raw
# make's functions split their arguments at spaces; a path that may hold one (CORPUS, the project's
# folder) goes through abs (absolute path) and same (one path?) below, which keep it one word.
empty :=
space := $(empty) $(empty)
abs_word = $(subst $(space),|space|,$(abspath $(subst $(space),|space|,$(1))))
abs = $(subst |space|,$(space),$(call abs_word,$(1)))
same = $(filter $(call abs_word,$(1)),$(call abs_word,$(2)))
# The variables that name files or folders. A leading ~ in one given on the command line is the home folder:
# bash expands CORPUS=~/articles, zsh (macOS's shell) passes it on as it is.
PATH_VARS := LEXICON TARGETS FRAMES GOLD_SPANS GOLD_STANCE SPAN_MODEL STANCE FIG_DIR RESULTS_DIR BUILD REPORT_PDF \
  EXPLORE_DIR SOLUTIONS_DIR VENV WORD_VECTORS DEV_DATA
tilde = $(if $(filter ~ ~/%,$(firstword $(1))),$(HOME)$(patsubst ~%,%,$(1)),$(1))
$(foreach v,CORPUS PYTHON $(PATH_VARS),$(if $(filter command line,$(origin $(v))),$(eval override $(v) := $$(call tilde,$$($(v))))))
IS_BUNDLED    := $(call same,data/raw,$(CORPUS))
#: the column that names each article's source
SOURCE_COLUMN ?= source
#: the column holding each article's id
ID_COLUMN     ?= id
#: the column holding each article's text
TEXT_COLUMN   ?= text
#: the column holding each article's date, ISO 8601 (e.g. publish_date; the statistics over time and the events read it)
DATE_COLUMN   ?= date
#: the corpus's encoding when it is not UTF-8, e.g. windows-1252 (empty: UTF-8, or what a byte-order mark says)
ENCODING      ?=
#: loaded-language lexicon (CSV)
LEXICON       ?= data/lexicons/loaded_language.csv
#: lexicon domain packs: auto (those whose vocabulary the corpus uses), core, or some of war,politics,economy,health
DOMAIN        ?= auto
#: which loaded-language spans count: auto (those the span re-ranker data/lexicons/loaded_span_model.json keeps with the bundled LEXICON, every span with another), bundled (the re-ranker with any lexicon), none (every lexicon span), or a model file
SPAN_MODEL    ?= auto
#: stance scorer: roles (the shipped model), vectors or model (older shipped models), rules (the transparent rules alone), or a model file from `python -m analysis stance train`
STANCE        ?= roles
#: actors and their aliases (CSV), or auto: the N_ACTORS actors found in CORPUS (default: the curated file for the bundled corpus, auto for any other)
TARGETS       ?= $(if $(IS_BUNDLED),data/lexicons/targets.csv,auto)
#: frame-indicator vocabularies (CSV; default: the war-and-diplomacy frames for the bundled corpus, the Policy Frames Codebook ones for any other)
FRAMES        ?= $(if $(IS_BUNDLED),data/lexicons/frames.csv,data/lexicons/frames_policy.csv)
#: how many actors TARGETS=auto keeps (those mentioned in most articles)
N_ACTORS      ?= 8
#: how `score` runs: pandas (SCORE_WORKERS local processes) or dask (a local cluster of SCORE_WORKERS processes); the same tables
SCORE_ENGINE  ?= pandas
#: processes that score the corpus and find its actors (TARGETS=auto) (1: one process)
SCORE_WORKERS ?= 2
#: threads of the linear-algebra library (OpenBLAS, MKL) in each process make starts
BLAS_THREADS  ?= 1
# make -j runs steps side by side and scoring and notebook 04's statistics start processes of their own, so the
# cores are taken: a BLAS thread more in each process only waits, spinning, for one of them. On 2 cores, 20,000
# synthetic articles, one thread against two: text reuse 19 s of CPU against 26, notebook 04's statistics 43 s
# against 47, the same results.
export OPENBLAS_NUM_THREADS := $(BLAS_THREADS)
export MKL_NUM_THREADS := $(BLAS_THREADS)
#: gold loaded-language spans for the validation notebook (CSV)
GOLD_SPANS    ?= data/annotations/loaded_spans.csv
#: gold stance labels for the validation notebook (CSV)
GOLD_STANCE   ?= data/annotations/stance.csv
#: where the figures go
FIG_DIR       ?= figures
#: where the score tables and the notebooks' JSON results go
RESULTS_DIR   ?= results
#: executed notebooks, parameters, the explorer and other build files
BUILD         ?= build
#: the report's PDF
REPORT_PDF    ?= report/report.pdf
#: the report's title (empty: chosen from the corpus)
TITLE         ?=
#: notebook parameters that no variable here sets, as NAME=VALUE pairs separated by spaces, e.g. 'collapse_duplicates=False event_threshold=0.3' (docs/parameters.md lists them)
NOTEBOOK_PARAMS ?=
# A word for the shell, quoted whatever it holds: TITLE="Britain's press" had ended the quote at the apostrophe.
shell_quote = '$(subst ','\'',$(1))'

# PYTHON as the recipes run it: quoted when its path holds a space (a project in "~/My Studies", PYTHON=/abs/path).
PY = $(if $(word 2,$(PYTHON)),$(call shell_quote,$(PYTHON)),$(PYTHON))

# With the default PYTHON, `setup` builds .venv; with PYTHON=python it only checks that the
# active environment has the package and its tools.
ifeq ($(PYTHON),$(VENV)/bin/python)
SETUP_STAMP := $(VENV)/.installed
else
SETUP_STAMP := $(BUILD)/.python-checked
endif

# The package's code, but the benchmark's (analysis/bench*.py), which no result depends on: editing it scores nothing again.
PKG_SOURCES  := $(sort $(filter-out analysis/bench%.py,$(wildcard analysis/*.py analysis/*/*.py)))
# The corpus's files, spaces and colons escaped (make reads a prerequisite "10:00 am.txt" as two, one a target),
# symbolic links followed (a CORPUS that is a link to a folder or a file had no files: an edited article went unseen),
# and a folder CORPUS itself, whose time changes when an article is added or removed (a deleted one had stayed in
# the scores: no file left was newer than them), as "CORPUS/.": make reads a name ending in ")" as an archive's
# member, "News (2025)" too; a file so named, which the reader does not read (not .txt), is left out.
close_paren := )
CORPUS_FILES := $(shell { if [ -d '$(CORPUS)' ]; then printf '%s/.\n' '$(CORPUS)'; fi; \
  find -L '$(CORPUS)' -type f ! -name '.*' ! -name '*$(close_paren)' 2>/dev/null | LC_ALL=C sort; } | sed 's/[ :]/\\&/g')
# TARGETS=auto: the N_ACTORS actors mentioned in most articles, found by `python -m analysis actors`.
DISCOVERED   := $(BUILD)/targets_discovered.csv
TARGETS_CSV  := $(if $(filter auto,$(TARGETS)),$(DISCOVERED),$(TARGETS))
# The span re-ranker's file (SPAN_MODEL=auto or bundled: the shipped one; none: no file).
SPAN_MODEL_FILE := $(if $(filter none,$(SPAN_MODEL)),,$(if $(filter auto bundled,$(SPAN_MODEL)),data/lexicons/loaded_span_model.json data/models/loaded_tagger.json data/models/loaded_tagger_pieces.csv,$(SPAN_MODEL)))
# What the stance scorer reads: its cues (every scorer), the shipped model of STANCE (analysis.tables.score's
# STANCE_MODEL_FILES) or the model file STANCE names (a missing one is left to `score`, which says so), and the word
# vectors of the models that read them (roles, vectors, and a model of one's own, which may).
STANCE_CHOICES := roles vectors model rules
STANCE_MODEL_FILE := $(if $(filter rules,$(STANCE)),,$(if $(filter roles,$(STANCE)),data/models/stance_newsmtsc_roles.json,\
  $(if $(filter vectors,$(STANCE)),data/models/stance_newsmtsc_vectors.json,$(if $(filter model,$(STANCE)),data/models/stance_newsmtsc.json,$(STANCE)))))
STANCE_FILES := $(wildcard data/lexicons/stance_cues.csv $(STANCE_MODEL_FILE) \
  $(if $(filter model rules,$(STANCE)),,data/models/stance_word_vectors.npz))
STANCE_OPTION := $(if $(filter $(STANCE_CHOICES),$(STANCE)),--stance '$(STANCE)',--stance-model '$(STANCE)')
LEXICON_FILES := $(wildcard $(LEXICON) data/lexicons/domains/*.csv $(TARGETS_CSV) $(FRAMES) $(GOLD_SPANS) $(GOLD_STANCE) \
  data/lexicons/organisations.csv data/lexicons/naming_variants.csv $(SPAN_MODEL_FILE))
SCORES       := $(RESULTS_DIR)/scores
SCORED       := $(SCORES)/articles.csv
# What a run was asked for, in three files rewritten only when their lines change: params.txt, every variable (the
# report prints it); what the scoring steps read (params_inputs.txt); and what the notebooks read beside it
# (params_notebooks.txt). A new TITLE remakes the report alone, a new NOTEBOOK_PARAMS the notebooks and the report
# (each had scored the corpus again: 11 minutes for 100,000 articles).
PARAMS_FILE  := $(BUILD)/params.txt
INPUT_PARAMS := $(BUILD)/params_inputs.txt
NB_PARAMS_FILE := $(BUILD)/params_notebooks.txt
NB_DIR       := $(BUILD)/notebooks
# Each warning of the commands one make run starts is printed once: the corpus check, actor discovery, scoring and
# text reuse read the same corpus, and each reader warning had been printed up to four times. A command prints a
# warning only if it is the first to claim its text in this folder (analysis.cli.main), emptied when make starts.
WARNED       := $(BUILD)/warned
$(shell rm -rf $(call shell_quote,$(WARNED)))
export ANALYSIS_WARN_ONCE := $(abspath $(WARNED))

# In this order: of the jobs ready at once, make -j starts the one listed first, so notebook 04 (the
# longest, most of it its statistics) starts as soon as the corpus is scored, and 03, 02 and 05 run
# beside it. (Listed after 02 and 03, it waited for notebook 02 to end: on 2 cores, 20,000 articles,
# 29 s under load.)
# A notebook of the study's own, notebooks/NN_name.ipynb beyond these five (analysis.report.own), runs after
# them with the parameters of OWN_PARAMS and gets a section in the report (docs/researchers.md, "An analysis
# of your own"; notebooks/templates/06_new_analysis.ipynb is one to copy).
STUDY_NOTEBOOKS := 01_corpus 04_framing_by_source 03_stance 02_loaded_language 05_validation
OWN_NOTEBOOKS := $(filter-out $(STUDY_NOTEBOOKS),$(sort $(patsubst notebooks/%.ipynb,%,$(wildcard notebooks/[0-9][0-9]_*.ipynb))))
NOTEBOOKS := $(STUDY_NOTEBOOKS) $(OWN_NOTEBOOKS)
SCORED_NOTEBOOKS := $(filter-out 01_corpus,$(NOTEBOOKS))
EXECUTED  := $(patsubst %,$(NB_DIR)/%.ipynb,$(NOTEBOOKS))

# The kernels papermill starts read their IPython settings from build/ipython, not from ~/.ipython:
# no startup script of the user's changes a run, and the kernel only logs errors.
# analysis.report.pipeline is papermill's own command line, started without an import it never uses
# (about 1.4 s per notebook: see its import_papermill), whose kernels listen on Unix sockets in a
# folder of their own (see its kernel_manager_class): on TCP, two notebooks started at once by
# make -j2 could pick the same port, and one died at start-up ("Address already in use").
KERNEL_CONFIG := $(BUILD)/ipython/profile_default/ipython_kernel_config.py
PAPERMILL := IPYTHONDIR='$(abspath $(BUILD))/ipython' $(PY) -m analysis.report.pipeline --kernel python3 --cwd '$(CURDIR)' \
  --no-progress-bar --log-level WARNING

# Parameters each notebook takes (papermill --help-notebook notebooks/NN.ipynb lists them).
# How the corpus is read (the same options for `score`, `corpus` and `explore`).
READ_OPTIONS := --source-column '$(SOURCE_COLUMN)' --id-column '$(ID_COLUMN)' --text-column '$(TEXT_COLUMN)' \
  --date-column '$(DATE_COLUMN)' $(if $(ENCODING),--encoding '$(ENCODING)')
# The corpus as the notebooks read it: CORPUS itself, or, with other id/text/date columns or another
# encoding, a Parquet copy of the loaded corpus table (id, text and date under their usual names).
nb_corpus = $(if $(filter id|text|date|,$(ID_COLUMN)|$(TEXT_COLUMN)|$(DATE_COLUMN)|$(ENCODING)),$(call abs,$(1)),$(abspath $(BUILD))/corpus/corpus.parquet)
NB_CORPUS_PATH := $(call nb_corpus,$(CORPUS))
CORPUS_CHECKED := $(BUILD)/corpus/summary.txt
NB_CORPUS := -p corpus_path '$(call nb_corpus,$(CORPUS))' -p source_column '$(SOURCE_COLUMN)'
NB_SCORES := -p scores_dir '$(abspath $(SCORES))'
NB_PARAMS_01_corpus := $(NB_CORPUS) -p lexicon_path '$(abspath $(LEXICON))' -p frames_path '$(abspath $(FRAMES))'
NB_PARAMS_02_loaded_language := $(NB_CORPUS) $(NB_SCORES) -p lexicon_path '$(abspath $(LEXICON))' -p domain '$(DOMAIN)'
NB_PARAMS_03_stance := $(NB_CORPUS) $(NB_SCORES) -p targets_path '$(abspath $(TARGETS_CSV))'
NB_PARAMS_04_framing_by_source := $(NB_CORPUS) $(NB_SCORES) -p frames_path '$(abspath $(FRAMES))' \
  -p targets_path '$(abspath $(TARGETS_CSV))'
NB_PARAMS_05_validation := $(NB_CORPUS) $(NB_SCORES) -p lexicon_path '$(abspath $(LEXICON))' \
  -p gold_spans_path '$(abspath $(GOLD_SPANS))' -p gold_stance_path '$(abspath $(GOLD_STANCE))'
# A notebook of the study's own gets them all, and its name (papermill warns of one it does not declare).
OWN_PARAMS := $(NB_CORPUS) $(NB_SCORES) -p lexicon_path '$(abspath $(LEXICON))' -p targets_path '$(abspath $(TARGETS_CSV))' \
  -p frames_path '$(abspath $(FRAMES))'
$(foreach nb,$(OWN_NOTEBOOKS),$(eval NB_PARAMS_$(nb) := $$(OWN_PARAMS) -p notebook_name '$(nb)'))

.PHONY: help setup actors scores figures report explore test lab bench clean distclean FORCE

# The variables `make help` lists (those set with ?=), each shown with the value make takes for it
# (TARGETS=auto for another corpus, PYTHON=.venv/bin/python), not the make code of its default.
HELP_VARIABLES = $(shell sed -n 's/^\([A-Z_][A-Z_]*\) *?=.*/\1/p' $(MAKEFILE_LIST))

help: ## list the targets and the variables with the values they take (this message)
	@echo "Media-framing study. Usage: make TARGET [NAME=value ...], e.g. make report CORPUS=~/articles.csv SOURCE_COLUMN=outlet"
	@echo
	@echo "Targets:"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-13s %s\n", $$1, $$2}'
	@echo
	@echo "Variables (in brackets: the value this command line gives; make help CORPUS=... shows those for another corpus):"
	@$(foreach v,$(HELP_VARIABLES),HELP_$(v)='$(subst ','\'',$($(v)))') awk '/^#: / {desc = substr($$0, 4); next} \
	  /^[A-Z_]+ *\?=/ {name = $$1; value = ENVIRON["HELP_" name]; \
	    printf "  %-15s %s [%s]\n", name, desc, (value == "" ? "empty" : value)} {desc = ""}' $(MAKEFILE_LIST)

setup: $(SETUP_STAMP) ## create .venv from the pinned requirements and install the package

# A .venv without pip (its creation stopped: Debian and Ubuntu lack ensurepip until python3-venv is installed) is
# made again, not taken as made (pip install then said "No module named pip" until .venv was removed by hand).
$(VENV)/.installed: requirements.txt constraints.txt pyproject.toml
	@command -v python3 >/dev/null || { echo "error: python3 (3.11+) is needed to create .venv" >&2; exit 1; }
	python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11+ is needed, found " + sys.version.split()[0])'
	$(VENV)/bin/python -m pip --version >/dev/null 2>&1 || python3 -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(BUILD)/.python-checked: requirements.txt pyproject.toml
	@$(PY) -c 'import analysis, papermill, typst, nltk, sklearn' 2>/dev/null || { \
	  echo "error: '$(PYTHON)' lacks the study's packages. In that environment run:" >&2; \
	  echo "  pip install -r requirements.txt -c constraints.txt && pip install --no-deps -e ." >&2; exit 1; }
	@mkdir -p $(@D) && touch $@

# Parameters that change results live in one file, rewritten only when they change, so that
# `make report CORPUS=other` reruns exactly what depends on them.
# Every folder or file make writes (or `clean` removes) is refused inside data/raw or the corpus,
# symbolic links followed: raw data is immutable. (Paths are resolved by Python: `realpath -m` is GNU's, and
# macOS's realpath has no -m.)
OUTPUT_VARS := FIG_DIR RESULTS_DIR BUILD REPORT_PDF EXPLORE_DIR
define CHECK_OUTPUTS
IFS=$$'\n'; set -- $$(python3 -S -c 'import os, sys; print("\n".join(map(os.path.realpath, sys.argv[1:])))' \
  data/raw '$(CORPUS)' $(foreach v,$(OUTPUT_VARS),'$($(v))')); unset IFS; raw=$$1; corpus=$$2; shift 2; \
for pair in $(foreach v,$(OUTPUT_VARS),'$(v)=$($(v))'); do \
  name=$${pair%%=*}; value=$${pair#*=}; real=$$1; shift; \
  case "$$real/" in "$$raw"/*) echo "error: $$name=$$value is inside data/raw, which is never modified; choose another folder" >&2; exit 1;; esac; \
  if [ "$$real" = "$$corpus" ] || { [ -d "$$corpus" ] && case "$$real/" in "$$corpus"/*) true;; *) false;; esac; }; then \
    echo "error: $$name=$$value is inside the corpus (CORPUS=$(CORPUS)), which is never modified; choose another folder" >&2; exit 1; fi; \
done
endef

INPUT_LINES := 'CORPUS=$(call abs,$(CORPUS))' 'SOURCE_COLUMN=$(SOURCE_COLUMN)' \
  'ID_COLUMN=$(ID_COLUMN)' 'TEXT_COLUMN=$(TEXT_COLUMN)' 'DATE_COLUMN=$(DATE_COLUMN)' 'ENCODING=$(ENCODING)' \
  'LEXICON=$(abspath $(LEXICON))' 'DOMAIN=$(DOMAIN)' 'SPAN_MODEL=$(SPAN_MODEL)' \
  'STANCE=$(if $(filter $(STANCE_CHOICES),$(STANCE)),$(STANCE),$(abspath $(STANCE)))' 'TARGETS=$(abspath $(TARGETS_CSV))' 'FRAMES=$(abspath $(FRAMES))' \
  $(if $(filter auto,$(TARGETS)),'N_ACTORS=$(N_ACTORS)')
NB_LINES := 'GOLD_SPANS=$(abspath $(GOLD_SPANS))' 'GOLD_STANCE=$(abspath $(GOLD_STANCE))' \
  'FIG_DIR=$(abspath $(FIG_DIR))' 'RESULTS_DIR=$(abspath $(RESULTS_DIR))' \
  $(if $(strip $(NOTEBOOK_PARAMS)),'NOTEBOOK_PARAMS=$(strip $(NOTEBOOK_PARAMS))')
# $(call write_lines,FILE,LINES): FILE holds LINES, one a line, and keeps its time when they are the same
write_lines = mkdir -p $(dir $(1)) && printf '%s\n' $(2) > $(1).tmp && \
  if cmp -s $(1).tmp $(1); then rm -f $(1).tmp; else mv -f $(1).tmp $(1); fi

# NOTEBOOK_PARAMS is checked here, before anything runs (a name no notebook has, one a variable sets, a value of the
# wrong type), by the Python that runs the notebooks.
ifneq ($(strip $(NOTEBOOK_PARAMS)),)
$(PARAMS_FILE): | $(SETUP_STAMP)
endif
$(PARAMS_FILE): FORCE
	@$(CHECK_OUTPUTS)
	@$(if $(strip $(NOTEBOOK_PARAMS)),$(PY) -m analysis.report.pipeline --check-notebook-params '$(strip $(NOTEBOOK_PARAMS))')
	@$(call write_lines,$@,$(INPUT_LINES) $(NB_LINES) $(call shell_quote,TITLE=$(value TITLE)))

$(INPUT_PARAMS): $(PARAMS_FILE)
	@$(call write_lines,$@,$(INPUT_LINES))

$(NB_PARAMS_FILE): $(PARAMS_FILE)
	@$(call write_lines,$@,$(INPUT_LINES) $(NB_LINES))

# CRITICAL: jupyter_client interrupts (SIGINT) every kernel it shuts down, and a kernel caught in
# a message handler then logs "KeyboardInterrupt caught in kernel" at ERROR level, after a run that
# succeeded. A failing cell is still reported, by papermill, with the cell's error.
$(KERNEL_CONFIG): Makefile
	@mkdir -p $(@D)
	@printf '%s\n' '# Written by make (see PAPERMILL in the Makefile).' 'c.IPKernelApp.log_level = "CRITICAL"' > $@

$(DISCOVERED): $(PKG_SOURCES) $(CORPUS_FILES) data/lexicons/gazetteer.csv $(INPUT_PARAMS) $(SETUP_STAMP)
	@mkdir -p $(@D)
	$(PY) -m analysis actors '$(CORPUS)' $(READ_OPTIONS) --top $(N_ACTORS) --min-articles 1 --workers '$(SCORE_WORKERS)' --out $@

actors: $(DISCOVERED) ## find the actors of CORPUS: build/targets_discovered.csv (edit it, then TARGETS=...)

# Scoring: one run writes every table of docs/outputs.md; articles.csv stands for all of them.
$(SCORED): $(PKG_SOURCES) $(CORPUS_FILES) $(LEXICON_FILES) $(STANCE_FILES) $(filter $(DISCOVERED),$(TARGETS_CSV)) $(INPUT_PARAMS) $(SETUP_STAMP)
	$(PY) -m analysis score '$(CORPUS)' $(READ_OPTIONS) --out '$(SCORES)' \
	  --lexicon '$(LEXICON)' --domain '$(DOMAIN)' --span-model '$(SPAN_MODEL)' --targets '$(TARGETS_CSV)' --frames '$(FRAMES)' \
	  $(STANCE_OPTION) $(if $(filter-out pandas,$(SCORE_ENGINE)),--engine '$(SCORE_ENGINE)') --workers '$(SCORE_WORKERS)'

# articles.csv is a link into the current output set (swapped as one by `score`); never delete it
# on an interrupt: the set it points to is always whole.
.PRECIOUS: $(SCORED)

scores: $(SCORED) ## score the corpus: results/scores/{articles,spans,frame_spans,mentions,stance,attributions,naming_spans}.csv

$(patsubst %,$(NB_DIR)/%.ipynb,$(SCORED_NOTEBOOKS)): $(SCORED)

# Text reuse (every pair of articles compared): one step whose result notebooks 02, 03 and 04 read
# back from RESULTS_DIR/.text_reuse, so that `make -j2` does it while the corpus is scored. It also
# groups the articles into events (word TF-IDF) and finds each source's distinctive words for
# notebook 04, kept in RESULTS_DIR/.events and RESULTS_DIR/.keyness.
REUSE_CACHE := $(abspath $(RESULTS_DIR))/.text_reuse
REUSE_DONE  := $(BUILD)/text_reuse.txt
$(REUSE_DONE): $(PKG_SOURCES) $(CORPUS_FILES) $(CORPUS_CHECKED) $(INPUT_PARAMS) $(SETUP_STAMP)
	$(PY) -m analysis reuse '$(NB_CORPUS_PATH)' --source-column '$(SOURCE_COLUMN)' --cache '$(REUSE_CACHE)' \
	  --events-cache '$(abspath $(RESULTS_DIR))/.events' --keyness-cache '$(abspath $(RESULTS_DIR))/.keyness' > $@.tmp && mv -f $@.tmp $@

$(patsubst %,$(NB_DIR)/%.ipynb,02_loaded_language 03_stance 04_framing_by_source $(OWN_NOTEBOOKS)): $(REUSE_DONE)
# A notebook of the study's own may read the five's results (results/03_stance.json ...).
$(patsubst %,$(NB_DIR)/%.ipynb,$(OWN_NOTEBOOKS)): $(patsubst %,$(NB_DIR)/%.ipynb,$(STUDY_NOTEBOOKS))

# make -j starts a job that waited for a free slot before one that became ready later: with
# TARGETS=auto the text-reuse step waits for the actors, so that scoring (the longest step, which
# needs them) starts as soon as they are found, not after the reuse check (on 2 cores, 20,000
# articles: 30 s later). Notebook 01 and the reuse check fill the other core meanwhile.
$(REUSE_DONE): | $(filter $(DISCOVERED),$(TARGETS_CSV))

# The corpus is checked (and, if needed, copied as Parquet) before any notebook runs, so a bad one
# stops make with the one-line error of `python -m analysis corpus`, not a notebook traceback.
# It also describes the corpus for notebook 01 (words, sentences, how much of the bundled actors, the
# lexicon and the frames it uses), each text tokenized once, kept in RESULTS_DIR/.corpus_description
# where the notebook reads it back.
DEFAULT_TARGETS := data/lexicons/targets.csv
$(CORPUS_CHECKED): $(PKG_SOURCES) $(CORPUS_FILES) $(LEXICON) $(FRAMES) $(DEFAULT_TARGETS) $(INPUT_PARAMS) $(SETUP_STAMP)
	@test -e '$(CORPUS)' || { echo "error: CORPUS=$(CORPUS) does not exist" >&2; exit 1; }
	@mkdir -p $(@D)
	@$(PY) -m analysis corpus '$(CORPUS)' $(READ_OPTIONS) \
	  $(if $(call same,$(CORPUS),$(NB_CORPUS_PATH)),,--write '$(NB_CORPUS_PATH)') \
	  --describe '$(abspath $(RESULTS_DIR))/.corpus_description' --lexicon '$(abspath $(LEXICON))' --frames '$(abspath $(FRAMES))' \
	  --targets '$(abspath $(DEFAULT_TARGETS))' > $@.tmp && mv -f $@.tmp $@

# papermill writes the executed notebook as NN.partial.ipynb, renamed when every cell has run: on Ctrl-C
# papermill still wrote its output after make had deleted the target, and the next `make report` took
# the interrupted notebook for done (and stopped at the report with a results file missing). A
# failed run leaves NN.partial.ipynb, with the failing cell's error, to look at.
# The corpus's files are not listed here: $(CORPUS_CHECKED), rewritten when one changes, stands for them (in a
# pattern rule, make would read a "%" in a file name as the stem).
# The actors file is left out here: notebooks 03 and 04, which read it, wait for the scores, which
# wait for it; notebook 01 does not read it, so with TARGETS=auto it runs while the actors are
# found (on 2 cores, 20,000 articles: it had waited for them, 6 s, with the second core idle).
$(NB_DIR)/%.ipynb: notebooks/%.ipynb $(PKG_SOURCES) $(CORPUS_CHECKED) $(filter-out $(TARGETS_CSV),$(LEXICON_FILES)) $(NB_PARAMS_FILE) $(SETUP_STAMP) | $(KERNEL_CONFIG)
	@test -e '$(CORPUS)' || { echo "error: CORPUS=$(CORPUS) does not exist" >&2; exit 1; }
	@mkdir -p $(@D)
	@echo "papermill $< -> $@"
	$(PAPERMILL) $< $(@D)/$*.partial.ipynb $(NB_PARAMS_$*) -p fig_dir '$(abspath $(FIG_DIR))' -p results_dir '$(abspath $(RESULTS_DIR))' \
	  $(if $(strip $(NOTEBOOK_PARAMS)),--notebook-params '$(strip $(NOTEBOOK_PARAMS))')
	@mv -f $(@D)/$*.partial.ipynb $@

figures: $(EXECUTED) ## run every notebook: figures/ and results/

report: $(REPORT_PDF) ## build report/report.pdf (runs what it needs first)

# Which notebooks of the study's own the report has sections for, rewritten only when that changes: removing one
# rebuilds the report (adding one does, as a new prerequisite).
OWN_LIST := $(BUILD)/own_notebooks.txt
$(OWN_LIST): FORCE
	@mkdir -p $(@D)
	@printf '%s\n' $(OWN_NOTEBOOKS) > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

$(REPORT_PDF): report/report.typ $(EXECUTED) $(OWN_LIST) $(PARAMS_FILE) $(SETUP_STAMP)
	$(PY) -m analysis report --results '$(abspath $(RESULTS_DIR))' --figures '$(abspath $(FIG_DIR))' --out $@ \
	  --title $(call shell_quote,$(value TITLE)) --params '$(abspath $(PARAMS_FILE))'

# The HTML explorer: static files, opened from disk (no server); regenerated when the scores change.
#: where `make explore` writes the HTML explorer
EXPLORE_DIR   ?= $(BUILD)/explore

explore: $(EXPLORE_DIR)/index.html ## write the HTML explorer of the scored corpus: build/explore/index.html (open it in a browser)

$(EXPLORE_DIR)/index.html: $(SCORED) $(CORPUS_CHECKED) $(wildcard analysis/report/explore_static/*) $(PARAMS_FILE) $(SETUP_STAMP)
	$(PY) -m analysis explore '$(NB_CORPUS_PATH)' --source-column '$(SOURCE_COLUMN)' --scores '$(SCORES)' --out '$(EXPLORE_DIR)' \
	  --title $(call shell_quote,$(value TITLE))

#: processes that share `make test` (auto: one a core, at most 4; 1: pytest alone, without pytest-xdist)
TEST_WORKERS ?= auto

# With more than one process, pytest-xdist hands out whole test files (--dist loadfile), so that
# a file's session fixtures (the whole study on the bundled corpus) run once, in one process; the
# notebook tests' files, the longest, go first (tests/conftest.py orders them). Beyond 4 processes
# the two longest files take as long as the rest, so more would only take memory.
test: $(SETUP_STAMP) ## run the whole test suite (unit tests and every notebook), in TEST_WORKERS processes
	@[ '$(TEST_WORKERS)' = 1 ] || $(PY) -c 'import xdist' 2>/dev/null || { echo "error: '$(PYTHON)' lacks \
	pytest-xdist, which runs the tests in TEST_WORKERS=$(TEST_WORKERS) processes. Install the pinned packages \
	(pip install -r requirements.txt -c constraints.txt), or run them in one: make test TEST_WORKERS=1" >&2; exit 1; }
	$(PY) -m pytest $(if $(filter-out 1,$(TEST_WORKERS)),-n '$(TEST_WORKERS)' --maxprocesses 4 --dist loadfile --no-loadscope-reorder)

# The shipped stance models, rebuilt byte for byte from NewsMTSC (development data kept outside the
# repository; DEV_DATA=folder overrides the script's default).
#: folder holding newsmtsc-train.jsonl for `make models` (empty: the script's default beside the repository)
DEV_DATA ?=

.PHONY: models
models: $(SETUP_STAMP) ## rebuild data/models/stance_newsmtsc_roles.json (the default, --stance roles), stance_newsmtsc_vectors.json (--stance vectors) and stance_newsmtsc.json (--stance model) from NewsMTSC (DEV_DATA=folder)
	$(PY) scripts/build_stance_model.py $(if $(DEV_DATA),--dev-data '$(DEV_DATA)')

# The loaded-language token tagger (data/models/loaded_tagger.json and loaded_tagger_pieces.csv), rebuilt byte for
# byte from the development part of ptc-dev and the static word vectors of scripts/build_word_vectors.py.
#: the static word-vector table for `make loaded-tagger` (scripts/build_word_vectors.py writes it there by default)
WORD_VECTORS ?= build/word_vectors/minilm_static.npz

.PHONY: loaded-tagger
loaded-tagger: $(SETUP_STAMP) ## rebuild the loaded-language token tagger data/models/loaded_tagger*.{json,csv} (WORD_VECTORS=table, DEV_DATA=folder)
	$(PY) scripts/fit_loaded_tagger.py --word-vectors '$(WORD_VECTORS)' $(if $(DEV_DATA),--dev-data '$(DEV_DATA)')

# Classroom exercises run with the instructor's answers (notebooks/exercises/solutions/<stem>.json);
# `require_pass True` makes a notebook fail when any of its checks does not pass.
EXERCISES     := $(sort $(wildcard notebooks/exercises/ex*.ipynb))
#: where `make solutions` writes the executed exercises
SOLUTIONS_DIR ?= $(BUILD)/solutions

.PHONY: solutions
solutions: $(SETUP_STAMP) $(KERNEL_CONFIG) ## run every exercise with the instructor's solutions (build/solutions/); fails if a check fails
	@test -d notebooks/exercises/solutions || { echo "error: notebooks/exercises/solutions/ is missing (a student copy?); nothing to run" >&2; exit 1; }
	@mkdir -p $(SOLUTIONS_DIR)
	@failed=""; for nb in $(EXERCISES); do \
	  stem=$$(basename $$nb .ipynb); echo "papermill $$nb -> $(SOLUTIONS_DIR)/$$stem.ipynb"; \
	  $(PAPERMILL) $$nb $(SOLUTIONS_DIR)/$$stem.ipynb -p answers_path '$(abspath notebooks/exercises/solutions)/'$$stem.json \
	    -p require_pass True -p output_dir '$(abspath $(SOLUTIONS_DIR))/'$$stem || failed="$$failed $$stem"; \
	done; \
	if [ -n "$$failed" ]; then echo "error: checks did not pass with the solutions in:$$failed (see the errors above)" >&2; exit 1; fi; \
	echo "every exercise passed every check with the solutions: $(SOLUTIONS_DIR)/"

#: extra options for JupyterLab, e.g. LAB_ARGS='--no-browser --port 8890'
LAB_ARGS      ?=

# As root (a container, a VM), JupyterLab refuses to start without --allow-root.
lab: $(SETUP_STAMP) ## open JupyterLab on the project (notebooks/, figures/, results/); options in LAB_ARGS
	$(PY) -m jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

# Corpora go to bench/corpora/.
#: corpus sizes of `make bench`, separated by commas or spaces (BENCH_SIZES=1000 is a quick run)
BENCH_SIZES ?= 1000,10000,100000

bench: $(SETUP_STAMP) ## benchmark score vs VADER and a regex on synthetic corpora: bench/results.md (slow; BENCH_SIZES=1000 is quick)
	$(PY) -m analysis.bench run --sizes '$(BENCH_SIZES)' --out bench/results.md

clean: ## remove generated files (build/, results/, figures, the PDF); keeps .venv
	@$(CHECK_OUTPUTS)
	rm -rf $(BUILD) $(RESULTS_DIR) $(REPORT_PDF)
	find $(FIG_DIR) -maxdepth 1 -type f \( -name '*.svg' -o -name '*.png' \) -delete 2>/dev/null || true

distclean: clean ## clean, and remove .venv too
	rm -rf $(VENV)

FORCE:

# Paths make cannot take, refused before anything runs: a single quote in any (recipes quote paths
# with it), a space in one but CORPUS and PYTHON (make splits a file name at spaces, and `clean` would
# remove the wrong folders).
$(foreach v,$(PATH_VARS),$(if $(word 2,$($(v))),$(error $(v)=$($(v)) holds a space, which make cannot take in \
  this variable (CORPUS and PYTHON may hold one): move or link it to a path without spaces, e.g. ln -s '$($(v))' \
  ~/$(notdir $(lastword $($(v)))), and give that path)))
$(foreach v,SOURCE_COLUMN ID_COLUMN TEXT_COLUMN DATE_COLUMN ENCODING DOMAIN,$(if $(findstring ',$($(v))),$(error \
  $(v)=$($(v)) holds a single quote ('), which make cannot pass on: rename the column in the corpus)))
$(if $(findstring ',$(NOTEBOOK_PARAMS)),$(error NOTEBOOK_PARAMS=$(NOTEBOOK_PARAMS) holds a single quote ('), which make \
  cannot pass on: a value of a notebook parameter here is a number, True, False or a word))
$(foreach v,CORPUS PYTHON $(PATH_VARS),$(if $(findstring ',$($(v))),$(error $(v)=$($(v)) holds a single quote ('), \
  which make cannot pass on: rename the file or folder, or link it to a path without one, and give that path)))
$(if $(findstring ',$(CURDIR)),$(error the project's folder $(CURDIR) holds a single quote ('), which make cannot \
  pass on: move or link the project to a path without one))

"""What a process pays to start: the package and papermill leave out imports they do not use.

A process that only reads score tables (a notebook kernel, the report, the command line's help)
does not import NLTK: importing it runs NLTK's package initialisation, which imports scikit-learn
and SciPy (about 1.5 s of CPU). The papermill launcher leaves out ``rfc3987_syntax`` (about 1.4 s).
Each check runs in a fresh interpreter, because this test process has imported everything already.
"""

from __future__ import annotations

import subprocess
import sys

from analysis import paths


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_reading_tables_and_reporting_do_not_import_nltk():
    out = _run("import sys, analysis, analysis.tables.read, analysis.report.pdf, analysis.cli.main, analysis.text.tokens;"
               "print(sorted(m for m in ('nltk', 'sklearn', 'scipy') if m in sys.modules))")
    assert out == "[]"


def test_sentences_import_nltk_on_first_use():
    out = _run("import sys; from analysis.text.tokens import sentences; before = 'nltk' in sys.modules;"
               "s = 'The U.S. envoy met Gen. Smith. Talks end today.';"
               "print(before, [s[a:b] for a, b in sentences(s)], 'nltk' in sys.modules)")
    assert out == "False ['The U.S. envoy met Gen. Smith.', 'Talks end today.'] True"


def test_papermill_launcher_leaves_out_the_iri_checker():
    out = _run("import sys; from analysis.report.pipeline import import_papermill; pm = import_papermill();"
               "print(pm.__name__, sys.modules['rfc3987_syntax'], 'jsonschema' in sys.modules)")
    assert out == "papermill None True"


def test_papermill_launcher_is_papermills_command_line():
    done = subprocess.run([sys.executable, "-m", "analysis.report.pipeline", "--help"], capture_output=True, text=True,
                          cwd=paths.ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: papermill [OPTIONS] NOTEBOOK_PATH [OUTPUT_PATH]")
    assert "--help-notebook" in done.stdout


def test_in_process_papermill_leaves_the_callers_modules_alone():
    out = _run("import sys; from analysis.report.pipeline import notebook_parameters, notebooks;"
               "p = notebook_parameters(notebooks()[0]); print('corpus_path' in p, sys.modules['rfc3987_syntax'] is not None)")
    assert out == "True True"

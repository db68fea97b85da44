"""Compile report/report.typ into the PDF with typst from PyPI: offline, no system fonts, deterministic."""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis import paths
from analysis.report.own import own_notebooks

__all__ = ["build_report", "build_timestamp"]


def build_timestamp() -> _dt.datetime:
    """The report's date: ``SOURCE_DATE_EPOCH`` if set, else the last git commit, else 1 Jan 1980.

    A fixed, input-derived date (never "now") keeps two builds of the same commit byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        try:
            epoch = subprocess.run(
                ["git", "-C", str(paths.ROOT), "log", "-1", "--format=%ct"],
                capture_output=True, text=True, check=True, timeout=10,
            ).stdout.strip() or None
        except (OSError, subprocess.SubprocessError):
            epoch = None
    seconds = int(epoch) if epoch else 315532800
    return _dt.datetime.fromtimestamp(seconds, tz=_dt.timezone.utc)


def git_commit() -> str:
    """The current git commit (short), with ``-dirty`` if the tree has changes; ``unknown`` outside git."""
    try:
        commit = subprocess.run(["git", "-C", str(paths.ROOT), "rev-parse", "--short=12", "HEAD"],
                                capture_output=True, text=True, check=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(paths.ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return commit + ("-dirty" if dirty else "")


STUDY_PACKAGES = ("pandas", "numpy", "scipy", "scikit-learn", "nltk", "regex", "vaderSentiment", "textblob", "matplotlib",
                  "seaborn", "papermill", "typst")


def build_info(params_file: Path) -> dict:
    """What the appendix prints about the run: package versions, Python, and the make parameters."""
    import platform
    from importlib import metadata

    versions = {}
    for name in STUDY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    params = {}
    if params_file.exists():
        for line in params_file.read_text(encoding="utf-8").splitlines():
            if "=" in line:
                key, value = line.split("=", 1)
                params[key] = paths.display(value) if value.startswith("/") else value
    return {"python": platform.python_version(), "packages": versions, "params": params}


def build_report(*, template: Path | None = None, results: Path | None = None, figures: Path | None = None,
                 out: Path | None = None, title: str = "", params: Path | None = None,
                 own: Sequence[str] | None = None) -> Path:
    """Compile the typst template into a PDF.

    Args:
        template: The ``.typ`` file (default ``report/report.typ``).
        results: Folder with the notebooks' ``NN_slug.json`` files (default ``results/``).
        figures: Folder with the SVG figures (default ``figures/``).
        out: The PDF to write (default ``report/report.pdf``); replaced atomically.
        title: The report's title; empty for the default (the bundled study's title for the
            bundled corpus, a generic one for any other corpus).
        params: The parameters file ``make`` writes (default ``build/params.txt``), printed in the
            appendix. It is left out, with a warning, when its ``CORPUS`` is not the corpus of
            these results (a file from another run); the Parquet copy ``make`` writes beside it
            (``corpus/corpus.parquet``, read with other id/text columns or an encoding) counts as
            its ``CORPUS``, which the appendix then names.
        own: The notebooks of the study's own that get a section under "Further analyses" (default:
            :func:`analysis.report.own.own_notebooks`, those in ``notebooks/`` now, so that the results file
            of a notebook since removed is not shown).

    Returns:
        The path of the PDF.

    Raises:
        FileNotFoundError: A results file the report needs is missing (run ``make figures``).
    """
    import typst

    template = Path(template or paths.REPORT / "report.typ").resolve()
    results = Path(results or paths.RESULTS).resolve()
    figures = Path(figures or paths.FIGURES).resolve()
    out = Path(out or paths.REPORT / "report.pdf").resolve()
    needed = results / "01_corpus.json"
    if not needed.exists():
        raise FileNotFoundError(f"{needed} is missing: run `make figures` (or the notebooks) before building the report")
    stamp = build_timestamp()
    have = sorted(p.stem for p in results.glob("[0-9][0-9]_*.json"))
    params_file = Path(params or paths.BUILD / "params.txt").resolve()
    info = build_info(params_file)
    corpus_path = json.loads(needed.read_text(encoding="utf-8")).get("corpus_path")
    # With ID_COLUMN/TEXT_COLUMN/DATE_COLUMN/ENCODING, make hands the notebooks a Parquet copy of the corpus it
    # read (BUILD/corpus/corpus.parquet, beside the parameters file): that run is this run.
    copy = paths.display(str(params_file.parent / "corpus" / "corpus.parquet"))
    corpus_shown = corpus_path
    if info["params"] and corpus_path == copy:
        corpus_shown = info["params"].get("CORPUS", corpus_path)
    elif info["params"] and info["params"].get("CORPUS") != corpus_path:
        print(f"warning: {paths.display(params_file)} describes a run on CORPUS={info['params'].get('CORPUS')}, "
              f"not on {corpus_path}; its parameters are left out of the report.", file=sys.stderr)
        info["params"] = {}
    inputs = {
        "have": ",".join(have),
        "results": str(results),
        "figures": str(figures),
        "build_date": stamp.strftime("%Y-%m-%d"),
        "commit": git_commit(),
        "title": title,
        "build_info": json.dumps(info, sort_keys=True),
        "params_file": paths.display(params_file),
        "own": ",".join(own_notebooks() if own is None else own),
    }
    if corpus_shown:
        inputs["corpus_shown"] = str(corpus_shown)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        compiler = typst.Compiler(str(template), root="/", ignore_system_fonts=True, sys_inputs=inputs)
        compiler.compile(output=str(tmp), timestamp=stamp)
        os.replace(tmp, out)
    except typst.TypstError as err:
        tmp.unlink(missing_ok=True)
        detail = "\n".join([err.message, *getattr(err, "hints", [])])
        raise ValueError(f"typst could not compile {template}:\n{detail}\n{getattr(err, 'diagnostic', '')}") from None
    return out

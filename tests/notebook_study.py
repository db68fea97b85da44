"""Helpers of the notebook tests: the whole study run into a folder, and what its results and PDF say."""

from __future__ import annotations

import json
import re

from pypdf import PdfReader

from analysis import paths
from analysis.corpus import load_corpus
from analysis.report.pipeline import notebooks, run_notebook
from analysis.tables.provenance import run_record
from analysis.tables.score import Scorer, write_scores


def run_study(out, corpus_path, source_column="source"):
    """Score the corpus and run every notebook into ``out`` (as ``make report`` does)."""
    scores = out / "results" / "scores"
    scorer, corpus = Scorer.load(), load_corpus(corpus_path, source_column=source_column)
    record = run_record(scorer, corpus_path, n_articles=len(corpus), parameters={"source_column": source_column})
    write_scores(scorer(corpus), scores, run=record)  # with score_run.json, as `score` writes it
    values = {
        "corpus_path": str(corpus_path),
        "source_column": source_column,
        "scores_dir": str(scores),
        "lexicon_path": str(paths.LOADED_LEXICON),
        "frames_path": str(paths.FRAMES),
        "fig_dir": str(out / "figures"),
        "results_dir": str(out / "results"),
    }
    for nb in notebooks():  # a notebook of the study's own gets its name, as make passes it (analysis.report.own)
        run_notebook(nb, out / "executed" / nb.name, {**values, "notebook_name": nb.stem})
    return out


def results_json(study, name):
    """The results file ``name``.json of notebook ``name`` in a study folder."""
    return json.loads((study / "results" / f"{name}.json").read_text())


def pdf_text(pdf):
    """The text of every page of ``pdf``, each run of white space made one space."""
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    return re.sub(r"\s+", " ", text)

"""Every notebook runs through papermill on the bundled corpus into a temporary folder; check what it writes."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from analysis import paths
from analysis.pipeline import notebooks, run_notebook
from analysis.corpus import load_corpus
from analysis.report import build_report
from analysis.score import Scorer, write_scores

pytestmark = pytest.mark.notebooks


@pytest.fixture(scope="session")
def study(tmp_path_factory):
    """Run the whole study on the bundled corpus into a temporary folder (once per session)."""
    out = tmp_path_factory.mktemp("study")
    scores = out / "results" / "scores"
    write_scores(Scorer.load()(load_corpus(paths.RAW)), scores)
    values = {
        "corpus_path": str(paths.RAW),
        "source_column": "source",
        "scores_dir": str(scores),
        "lexicon_path": str(paths.LOADED_LEXICON),
        "frames_path": str(paths.FRAMES),
        "fig_dir": str(out / "figures"),
        "results_dir": str(out / "results"),
    }
    for nb in notebooks():
        run_notebook(nb, out / "executed" / nb.name, values)
    return out


def test_every_notebook_ran(study):
    executed = sorted(p.name for p in (study / "executed").glob("*.ipynb"))
    assert executed == [p.name for p in notebooks()]
    assert "01_corpus.ipynb" in executed


def test_corpus_notebook_outputs(study):
    results = json.loads((study / "results" / "01_corpus.json").read_text())
    assert results["n_articles"] == 5
    assert results["n_sources"] == 4
    assert results["n_words"] == 2308
    assert results["n_sentences"] == 93
    assert [s["source"] for s in results["sources"]] == ["pro-Kremlin outlet", "RIA Novosti relay", "UK political press", "Western war report"]
    assert [s["articles"] for s in results["sources"]] == [1, 2, 1, 1]
    for stem in ("01_corpus__articles_words", "01_corpus__sentence_length"):
        for ext in ("svg", "png"):
            assert (study / "figures" / f"{stem}.{ext}").stat().st_size > 5000


def test_figures_are_named_after_their_notebook(study):
    stems = {p.stem for p in notebooks()}
    for fig in (study / "figures").iterdir():
        assert re.fullmatch(r"\d\d_[a-z_]+__[a-z0-9_]+\.(svg|png)", fig.name), fig.name
        assert fig.name.split("__")[0] in stems


def test_notebooks_write_nothing_outside_their_folders(study):
    assert sorted(p.name for p in study.iterdir()) == ["executed", "figures", "results"]


def test_failing_cell_reports_the_cells_error(tmp_path):
    import papermill

    bad = tmp_path / "missing"
    with pytest.raises(papermill.PapermillExecutionError, match="no such file or folder"):
        run_notebook(notebooks()[0], tmp_path / "out.ipynb", {"corpus_path": str(bad), "fig_dir": str(tmp_path), "results_dir": str(tmp_path)})


def test_report_builds_deterministically_with_numbers_from_results(study, tmp_path):
    pdf1 = build_report(results=study / "results", figures=study / "figures", out=tmp_path / "r1.pdf")
    pdf2 = build_report(results=study / "results", figures=study / "figures", out=tmp_path / "r2.pdf")
    assert pdf1.read_bytes() == pdf2.read_bytes()
    text = "\n".join(page.extract_text() for page in PdfReader(pdf1).pages)
    results = json.loads((study / "results" / "01_corpus.json").read_text())
    assert f"{results['n_articles']} articles from {results['n_sources']} sources" in text
    assert f"{results['n_words']:,} words" in text
    assert f"{results['n_sentences']} sentences" in text

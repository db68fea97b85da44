"""Every notebook runs through papermill on the bundled corpus into a temporary folder; check what it writes."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from analysis import paths
from analysis.report.pdf import build_report
from analysis.corpus import load_corpus
from analysis.report.pipeline import notebooks, run_notebook
from notebook_study import pdf_text, results_json, run_study

pytestmark = pytest.mark.notebooks


@pytest.fixture(scope="session")
def study(tmp_path_factory):
    """The whole study on the bundled corpus, in a temporary folder (once per session)."""
    return run_study(tmp_path_factory.mktemp("study"), paths.RAW)


def _csv(study, name):
    import pandas as pd

    return pd.read_csv(study / "results" / "scores" / f"{name}.csv", dtype={"id": str}, keep_default_na=False)


def test_every_notebook_ran(study):
    executed = sorted(p.name for p in (study / "executed").glob("*.ipynb"))
    assert executed == [p.name for p in notebooks()]
    assert "01_corpus.ipynb" in executed


def test_no_notebook_prints_a_warning_on_the_bundled_corpus(study):
    """A warning a reader sees under a cell is either something to act on or noise; on the bundled corpus none is
    expected. (Notebook 03 printed pandas' notice that fillna("") on numbers will raise in a future version.)"""
    printed = []
    for path in sorted((study / "executed").glob("*.ipynb")):
        for k, cell in enumerate(json.loads(path.read_text())["cells"]):
            for out in cell.get("outputs", []):
                text = "".join(out.get("text", "")) if out.get("output_type") == "stream" else ""
                if out.get("name") == "stderr" or "Warning" in text:
                    printed.append(f"{path.name} cell {k}: {text[:200]}")
    assert printed == []


def test_corpus_notebook_outputs(study):
    results = json.loads((study / "results" / "01_corpus.json").read_text())
    assert results["n_articles"] == 5
    assert results["n_sources"] == 4
    assert results["n_words"] == 2308
    assert results["n_sentences"] == 93
    assert [s["source"] for s in results["sources"]] == ["pro-Kremlin outlet", "RIA Novosti relay", "UK political press", "Western war report"]
    assert [s["articles"] for s in results["sources"]] == [1, 2, 1, 1]
    # every article and sentence is a dot; every source has at least 5 sentences, so each gets a box
    assert results["figure_marks"] == {"articles_words": ["dots"], "sentence_length": ["dots", "boxes"],
                                       "max_dots": 300, "min_box": 5}
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
    assert text.startswith("Framing the Coalition of the Willing")
    assert "On the right, each dot is one article. Sources with one or two articles" in " ".join(text.split())
    # the bundled corpus's limitations say how its source labels were made
    assert "Source labels. For the bundled corpus the labels were inferred partly from the texts" in " ".join(text.split())
    # the stance validation says what its disagreements are, from the numbers (it had a fixed "most are small")
    flat = " ".join(text.split())
    v = results_json(study, "05_validation")["stance"]
    assert (v["n"], v["n_disagree"]) == (22, v["n_disagree_no_evidence"] + v["n_disagree_near"] + v["n_disagree_far"])
    assert (f"{v['n_coded_neutral']} of the 22 coded pairs are neutral; of the {v['n_disagree']} disagreements, "
            f"{v['n_disagree_no_evidence']} is a score of 0 (no mention, or no evidence in the author’s voice), "
            f"{v['n_disagree_near']} within 0.1 of the threshold, and {v['n_disagree_far']} larger.") in flat
    assert ("Gold annotations were made by one coder each; there is no inter-coder agreement yet, and the same project "
            "wrote the lexicon, so the gold comparison is optimistic.") in flat


def test_the_report_says_whose_gold_annotations_it_was_checked_against(study, tmp_path):
    """GOLD_SPANS and GOLD_STANCE of a study's own: the report had said they were coded under the project's codebook
    by one coder each, as the bundled ones were."""
    results = tmp_path / "results"
    shutil.copytree(study / "results", results)
    validation = json.loads((results / "05_validation.json").read_text())
    validation["loaded"]["gold_path"], validation["stance"]["gold_path"] = "my_spans.csv", "my_stance.csv"
    (results / "05_validation.json").write_text(json.dumps(validation), encoding="utf-8")
    flat = " ".join(pdf_text(build_report(results=results, figures=study / "figures", out=tmp_path / "own.pdf")).split())
    assert "hand-coded in 5 articles (my_spans.csv, this study’s own annotations), beside two baselines" in flat
    assert "under a written codebook (data/annotations/CODEBOOK.md)" not in flat
    assert "pairs coded negative or positive (labels: my_stance.csv)." in flat
    assert ("Gold annotations of this study (my_spans.csv, my_stance.csv) are as reliable as their coders’ agreement "
            "shows (docs/researchers.md: measure it before comparing with the scores). The bundled ones were made by "
            "one coder each; there is no inter-coder agreement yet, and the same project wrote the lexicon, so their "
            "comparison (docs/validation*.md) is optimistic.") in flat


def test_report_captions_follow_what_the_corpus_figures_drew(study, tmp_path):
    # A large corpus: notebook 01 draws violins, and no source has one or two articles.
    results = tmp_path / "results"
    shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))
    corpus = json.loads((results / "01_corpus.json").read_text())
    corpus["figure_marks"].update(articles_words=["violins"], sentence_length=["dots", "boxes", "violins"])
    for source in corpus["sources"]:
        source["articles"] = 500
    (results / "01_corpus.json").write_text(json.dumps(corpus))
    for name, figure, kinds in (("02_loaded_language", "density", ["dots", "violins"]),
                                ("03_stance", "articles", ["violins"]),
                                ("04_framing_by_source", "fingerprint", ["violins"])):
        numbers = json.loads((results / f"{name}.json").read_text())
        numbers["figure_marks"][figure] = kinds
        (results / f"{name}.json").write_text(json.dumps(numbers))
    pdf = build_report(results=results, figures=study / "figures", out=tmp_path / "r.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "On the right, each source is a violin, whose width shows how many articles lie at that length;" in text
    assert ("Sentence length per source: each dot is one sentence, with a box for the middle half of a source with "
            "at least 5 sentences; a source with more than 300 sentences is a violin instead, whose width") in text
    assert "Sources with one or two articles" not in text
    assert ("Loaded terms per 1,000 words: each dot is one article; a source with more than 300 articles is a violin "
            "instead, whose width shows how many articles lie at that density. The tick") in text
    assert "Where a source has more than 300 articles on an actor, a violin shows how their stances spread" in text
    assert ("(a) Loaded terms per 1,000 words: each source is a violin, whose width shows how many articles lie at "
            "that density, and the tick is the source mean.") in text


def test_every_notebook_writes_its_figures(study):
    stems = {f.name.split("__")[0] for f in (study / "figures").glob("*.svg")}
    assert stems == {p.stem for p in notebooks()}
    for svg in (study / "figures").glob("*.svg"):
        assert (study / "figures" / (svg.stem + ".png")).exists()


def test_rerunning_a_notebook_gives_byte_identical_figures(study, tmp_path):
    # Notebook 01 draws strip plots, whose jitter is random; a second run in a fresh kernel must
    # still write the same bytes (issue 8: same input, same SVG figures).
    values = {"corpus_path": str(paths.RAW), "scores_dir": str(study / "results" / "scores"),
              "fig_dir": str(tmp_path / "figures"), "results_dir": str(tmp_path / "results")}
    nb = notebooks()[0]
    run_notebook(nb, tmp_path / nb.name, values)
    svgs = sorted((tmp_path / "figures").glob("*.svg"))
    assert [p.name for p in svgs] == ["01_corpus__articles_words.svg", "01_corpus__sentence_length.svg"]
    for svg in svgs:
        assert svg.read_bytes() == (study / "figures" / svg.name).read_bytes(), svg.name
    assert (tmp_path / "results" / "01_corpus.json").read_bytes() == (study / "results" / "01_corpus.json").read_bytes()


def test_loaded_language_numbers_come_from_the_scores(study):
    results = results_json(study, "02_loaded_language")
    spans = _csv(study, "spans")
    counted = spans[spans["negated"].astype(str) != "True"]
    assert results["n_spans"] == len(spans)
    assert results["n_counted"] == len(counted)
    assert results["n_in_quote"] == int((counted["in_quote"].astype(str) == "True").sum())
    articles = _csv(study, "articles")
    # the statistics leave out 001, a rewrite of 002 (collapse_duplicates); the appendix shows all five
    assert results["collapsed_ids"] == ["001_8c9f463cf267f3af"]
    means = articles[~articles["id"].isin(results["collapsed_ids"])].groupby("source")["loaded_per_1k"].mean()
    assert results["highest_source"] == means.idxmax()
    for row in results["density"]:
        assert row["mean"] == pytest.approx(means[row["source"]], abs=1e-6)
        assert row["small_n"] is True and row["ci_low"] is None  # no source has 3 articles
    assert [a["id"] for a in results["appendix"]] == sorted(articles["id"])
    joined = ["".join(seg["text"] for seg in a["segments"]) for a in results["appendix"]]
    texts = load_corpus(paths.RAW).set_index("id")["text"]
    assert joined == [texts[a["id"]] for a in results["appendix"]]
    # The report's spans are those score's default span re-ranker keeps (its method section says so), and it
    # still finds the two phrases of issue 16 whole, highlighted in the appendix and among the strongest spans.
    assert results["span_model"] == {"path": "data/lexicons/loaded_span_model.json", "threshold": 0.15,
                                     "never_filtered": ["name_calling", "delegitimizing"],
                                     "tagger": "data/models/loaded_tagger.json"}
    highlighted = {seg["text"] for a in results["appendix"] for seg in a["segments"] if seg["loaded"]}
    assert {"reckless decisions", "provocative nonsense"} <= highlighted
    assert [s["match"] for s in results["strongest"][:2]] == ["provocative nonsense", "reckless decisions"]


def test_stance_notebook_matches_the_scores(study):
    results = results_json(study, "03_stance")
    mentions = _csv(study, "mentions")
    assert results["n_mentions"] == len(mentions)
    # score's default, read from score_run.json and named in the report's method with the version its file declares
    meta = json.loads(paths.STANCE_MODEL_ROLES.read_text(encoding="utf-8"))["metadata"]
    assert results["stance_scorer"] == "roles"
    assert results["stance_model"] == {"path": "data/models/stance_newsmtsc_roles.json", "name": meta["name"],
                                       "version": meta["version"]}
    assert results["word_vectors"] == "data/models/stance_word_vectors.npz"
    assert results["actors"] == sorted(_csv(study, "stance")["target"].unique())
    assert {"Ukraine", "Russia", "Coalition", "United States"} <= set(results["actors"])
    for ev in results["evidence"]:
        assert ev["mention"] in ev["sentence"]


def test_framing_notebook_detects_the_syndicated_pair(study):
    results = results_json(study, "04_framing_by_source")
    pairs = [(p["id_a"], p["id_b"]) for p in results["syndication"]["pairs"]]
    assert pairs == [("001_8c9f463cf267f3af", "002_cbf11e591e9b38f6")]
    assert results["order"] == ["pro-Kremlin outlet", "RIA Novosti relay", "UK political press", "Western war report"]
    # collapsed by default: the shorter rewrite (001) leaves every statistic, and the summary names it
    assert results["syndication"]["collapsed_ids"] == ["001_8c9f463cf267f3af"]
    assert ("One near-duplicate article was left out of every statistic, for the longest article of its cluster of "
            "near-duplicates (pairs of articles that share at least 5% of the shorter one's word trigrams, joined in "
            "chains): 001_8c9f463cf267f3af (RIA Novosti relay, kept 002_cbf11e591e9b38f6) (set collapse_duplicates=False "
            "to keep them, with make NOTEBOOK_PARAMS=collapse_duplicates=False; near the threshold two articles on one "
            "topic can pass without either rewriting the other: check the pairs).") in results["findings"]
    # no statement its statistics do not support: every source has one article left
    assert results["findings"][0] == (
        "Loaded language (terms per 1,000 words; all articles, not matched by event). Too few articles to say for "
        "RIA Novosti relay (1 article), UK political press (1 article), Western war report (1 article) and "
        "pro-Kremlin outlet (1 article).")
    assert results["findings"][-1].startswith("What 4 articles in 4 sources cannot show: whether the outlets, rather "
                                              "than these articles, differ.")
    assert not any(word in f for f in results["findings"] for word in ("Higher than", "Lower than", "Favourable:",
                                                                       "Unfavourable:", "The sources differ"))
    assert results["claims"] and all(c["q"] is None for c in results["claims"])
    loaded = [o for o in results["omnibus"] if o["measure"] == "loaded_per_1k"][0]
    assert loaded["exact"] is True and loaded["n_permutations"] == 24  # 4 articles in 4 sources: 4! relabellings


def test_validation_notebook_compares_with_the_gold_annotations(study):
    results = results_json(study, "05_validation")
    assert results["loaded"]["available"] and results["loaded"]["n_gold"] == 30 and results["loaded"]["n_articles"] == 5
    assert results["loaded"]["methods"][:3] == ["project lexicon", "VADER words |v| ≥ 2", "subjectivity lexicon (Pattern)"]
    ours = results["loaded"]["ours_overlap"]
    # the default's 9 counted spans (those the span re-ranker keeps), 7 of them on a gold span (read in the report's table)
    assert (ours["n_pred"], ours["tp"]) == (9, 7)
    assert ours["recall"] == pytest.approx(ours["tp"] / 30, abs=1e-6)  # the results JSON keeps 6 decimals
    assert results["stance"]["available"] and results["stance"]["n"] == 22


def test_text_reuse_check_is_skipped_above_its_limit_and_the_report_says_so(study, tmp_path):
    results = tmp_path / "results"
    shutil.copytree(study / "results", results)
    shutil.copytree(study / "figures", tmp_path / "figures")  # with the figures of the run before: its 04 ones go
    nb = next(p for p in notebooks() if p.stem == "04_framing_by_source")
    run_notebook(nb, tmp_path / nb.name, {
        "corpus_path": str(paths.RAW), "scores_dir": str(results / "scores"), "frames_path": str(paths.FRAMES),
        "fig_dir": str(tmp_path / "figures"), "results_dir": str(results), "similarity_max_articles": 4,
    })
    assert (study / "figures" / "04_framing_by_source__similarity.svg").exists()
    syndication = json.loads((results / "04_framing_by_source.json").read_text())["syndication"]
    assert (syndication["checked"], syndication["max_articles"], syndication["n_pairs"], syndication["pairs"]) == (False, 4, 0, [])
    assert not (tmp_path / "figures" / "04_framing_by_source__similarity.svg").exists()
    assert results_json(study, "04_framing_by_source")["syndication"]["checked"] is True  # 5 articles <= 20,000
    pdf = build_report(results=results, figures=tmp_path / "figures", out=tmp_path / "r.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert ("for this corpus of 5 articles that check was skipped, because it compares every pair of articles and "
            "the corpus is larger than its limit of 4 (notebook parameter similarity_max_articles).") in text
    assert "Text reuse between articles" not in text


def test_a_corpus_of_one_source_is_described_and_the_report_says_nothing_is_compared(study, tmp_path):
    # a corpus without a source column (every article "unknown") or from one outlet: notebook 04 had stopped with a
    # traceback (no other source for the distinctive words and the tests between sources)
    from analysis.corpus import load_corpus

    corpus = tmp_path / "one_outlet.csv"
    load_corpus(paths.RAW).assign(source="One Outlet")[["id", "source", "title", "text"]].to_csv(corpus, index=False)
    results, figures = tmp_path / "results", tmp_path / "figures"
    shutil.copytree(study / "results", results)
    shutil.copytree(study / "figures", figures)
    (figures / "04_framing_by_source__distinctive_terms.svg").unlink(missing_ok=True)
    nb = next(p for p in notebooks() if p.stem == "04_framing_by_source")
    run_notebook(nb, tmp_path / nb.name, {
        "corpus_path": str(corpus), "scores_dir": str(results / "scores"), "frames_path": str(paths.FRAMES),
        "fig_dir": str(figures), "results_dir": str(results),
    })
    framing = json.loads((results / "04_framing_by_source.json").read_text())
    assert framing["order"] == ["One Outlet"]
    assert framing["findings"][0] == (
        "All 4 articles come from one source, One Outlet: there is no other source to compare it with, so nothing here "
        "says how sources differ, and every statement describes this source's articles. To compare sources, give each "
        "article its source in a column of the corpus (make report SOURCE_COLUMN=...).")
    assert framing["findings"][-1] == (
        "0 of the 4 statements with enough articles pass a false-discovery rate of 5% (Benjamini-Hochberg across all of "
        "them). The summary lists a source that is not distinguishable with its estimate alone; the table of statements "
        "gives every statement's interval and adjusted p. \"Not distinguishable\" does not mean equal: differences "
        "smaller than an interval's width would go unseen with this many articles.")
    # the 4 articles left after collapsing the relayed rewrite: stance against neutral for each actor in 3 or more
    assert [(c["kind"], c["measure"], c["n"]) for c in framing["claims"] if c["q"] is not None] == [
        ("stance", "Coalition", 4), ("stance", "Russia", 4), ("stance", "Ukraine", 4), ("stance", "United States", 4)]
    assert not any(c["kind"] == "difference" for c in framing["claims"])  # no loaded-language comparison
    assert not (figures / "04_framing_by_source__distinctive_terms.svg").exists()
    pdf = build_report(results=results, figures=figures, out=tmp_path / "r.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "All articles come from one source, so nothing in this section compares sources" in text
    # the summary's statements with their numbers: the source against neutral only (no row between sources)
    assert "The statements of the summary with their numbers, every one" in text
    coalition = next(c for c in framing["claims"] if c["kind"] == "stance" and c["measure"] == "Coalition")
    row = (f"Stance toward Coalition One Outlet 4 {coalition['estimate']:.2f} "
           f"({coalition['ci_low']:.2f} to {coalition['ci_high']:.2f}) {coalition['q']:.2f} {coalition['verdict']}")
    assert row.replace("-", "−") in text, row
    assert "Coalition between sources" not in text
    assert "Words each source uses more than the others" not in text and "Do the sources differ?" not in text


def test_a_corpus_of_one_article_draws_no_text_reuse_figure_and_the_report_says_why(study, tmp_path):
    """One article has no pair to compare: notebook 04 had drawn an empty one-cell heatmap, captioned "none found.
    Both stay in the statistics.", and the report said "none of the 1 has a readable ISO 8601 date"."""
    from analysis.corpus import load_corpus
    from analysis.tables.score import Scorer, write_scores

    corpus = tmp_path / "one.csv"
    table = load_corpus(paths.RAW).iloc[[0]][["id", "source", "text"]]  # no date column
    table.to_csv(corpus, index=False)
    results, figures = tmp_path / "results", tmp_path / "figures"
    shutil.copytree(study / "results", results)
    shutil.copytree(study / "figures", figures)
    write_scores(Scorer.load()(load_corpus(corpus)), tmp_path / "scores")
    nb = next(p for p in notebooks() if p.stem == "04_framing_by_source")
    run_notebook(nb, tmp_path / nb.name, {
        "corpus_path": str(corpus), "scores_dir": str(tmp_path / "scores"), "frames_path": str(paths.FRAMES),
        "fig_dir": str(figures), "results_dir": str(results),
    })
    syndication = json.loads((results / "04_framing_by_source.json").read_text())["syndication"]
    assert (syndication["checked"], syndication["figure"], syndication["n_pairs"]) == (True, None, 0)
    assert not (figures / "04_framing_by_source__similarity.svg").exists()  # the earlier run's is cleared
    text = pdf_text(build_report(results=results, figures=figures, out=tmp_path / "r.pdf"))
    assert "With one article there is no pair of articles to compare for text reuse." in text
    assert "Text reuse between articles" not in text and "Both stay" not in text
    assert "The article has no readable ISO 8601 date, so nothing is shown over time." in text


def test_every_notebook_and_the_reuse_command_skip_text_reuse_above_one_limit():
    import papermill

    from analysis.cli.main import build_parser
    from analysis.compare.summaries import REUSE_MAX_ARTICLES

    from analysis.report.own import STUDY_NOTEBOOKS

    defaults = {p.stem: papermill.inspect_notebook(str(p)).get("similarity_max_articles", {}).get("default")
                for p in notebooks() if p.stem in STUDY_NOTEBOOKS}
    # notebooks 02 and 03 leave the same near-duplicates out of their statistics as 04 at any size
    assert defaults == {"01_corpus": None, "02_loaded_language": str(REUSE_MAX_ARTICLES), "03_stance": str(REUSE_MAX_ARTICLES),
                        "04_framing_by_source": str(REUSE_MAX_ARTICLES), "05_validation": None}
    assert build_parser().parse_args(["reuse", "corpus.csv"]).max_articles == REUSE_MAX_ARTICLES == 2_000_000


@pytest.fixture(scope="session")
def larger_study(tmp_path_factory):
    """The whole study on an 80-article synthetic corpus: the branches a small corpus never takes."""
    from analysis.corpus.synthetic import write_corpus

    folder = tmp_path_factory.mktemp("larger")
    return run_study(folder, write_corpus(folder / "synthetic.jsonl", 80))


def test_a_larger_corpus_takes_the_figures_for_many_articles(larger_study, tmp_path):
    corpus = results_json(larger_study, "01_corpus")
    assert (corpus["n_articles"], corpus["n_sources"]) == (80, 4)
    # about 20 articles per source: dots and boxes; over 300 sentences per source: violins
    assert min(s["sentences"] for s in corpus["sources"]) > 300
    assert corpus["figure_marks"]["articles_words"] == ["dots", "boxes"]
    assert corpus["figure_marks"]["sentence_length"] == ["violins"]
    syndication = results_json(larger_study, "04_framing_by_source")["syndication"]
    assert (syndication["checked"], syndication["figure"]) == (True, "sources")  # over 40 articles: source means
    pdf = build_report(results=larger_study / "results", figures=larger_study / "figures", out=tmp_path / "r.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert text.startswith("How sources frame the news")
    assert "Sentence length per source: each source is a violin, whose width shows how many sentences" in text
    assert "Text reuse between articles (word-trigram containment): the mean over all pairs of articles from two sources" in text
    # 80 articles, at most 20 in the appendix: a sample, said with both numbers
    assert ("The appendix shows at most 20 articles (notebook parameter appendix_max_articles), so these are a sample "
            "of 20 of the corpus’s 80 (drawn in turn from each source, seed 1).") in text


def test_the_summary_lists_sources_not_distinguishable_by_estimate_and_the_table_of_statements_holds_all(
        larger_study, tmp_path):
    framing = results_json(larger_study, "04_framing_by_source")
    tested = [c for c in framing["claims"] if c["q"] is not None]
    # the 4 sources' loaded language, and per actor the test between sources and each source against neutral
    assert sorted({c["kind"] for c in tested}) == ["difference", "stance", "stance_between"]
    assert sum(c["kind"] == "difference" for c in tested) == 4
    summary = " ".join(framing["findings"])
    brief = [c for c in tested if c["verdict"] == "not distinguishable" and c["kind"] != "stance_between"]
    made = [c for c in tested if c["verdict"] in ("higher", "lower", "favourable", "unfavourable")]
    assert brief, "the 80 synthetic articles have sources that are not distinguishable"
    def signed(x, digits):  # as the summary prints an estimate: "+0.00" for one that rounds to zero, never "-0.00"
        text = f"{x:+.{digits}f}"
        return "+" + text[1:] if float(text) == 0 else text

    for c in brief:  # named with the estimate alone ...
        digits = 1 if c["kind"] == "difference" else 2
        assert f"{c['source']} ({signed(c['estimate'], digits)})" in summary, c
    for c in made:  # ... a statement made with its evidence
        assert f"{c['source']} ({signed(c['estimate'], 2)}, 95% interval {c['ci_low']:+.2f} to" in summary, c
    text = pdf_text(build_report(results=larger_study / "results", figures=larger_study / "figures", out=tmp_path / "r.pdf"))
    assert "The statements of the summary with their numbers, every one" in text
    says = {"higher": "higher than the others", "lower": "lower than the others"}

    def cell(x, digits):  # as the report prints a number: no sign on a zero, a true minus sign
        text = f"{x:.{digits}f}"
        return (text.lstrip("-") if float(text) == 0 else text).replace("-", "−")

    for c in tested:  # every tested statement is a row of the table, with its interval and adjusted p
        if c["kind"] == "stance_between":
            continue
        digits = 1 if c["kind"] == "difference" else 2
        q = "< 0.001" if c["q"] < 0.001 else cell(c["q"], 3 if c["q"] < 0.01 else 2)
        row = (f"{c['source']} {c['n']:,} {cell(c['estimate'], digits)} ({cell(c['ci_low'], digits)} to "
               f"{cell(c['ci_high'], digits)}) {q} {says.get(c['verdict'], c['verdict'])}")
        assert row in text, row
    assert "Loaded language " + next(c["source"] for c in tested if c["kind"] == "difference") in text


def test_framing_over_time_drawn_for_dated_corpora_and_said_absent_otherwise(study, larger_study, tmp_path):
    bundled = results_json(study, "04_framing_by_source")["over_time"]
    # 4: the statistics leave out 001, a rewrite of 002 (collapse_duplicates)
    assert (bundled["unit"], bundled["n_dated"], bundled["n_undated"], bundled["figures"]) == (None, 0, 4, [])
    assert not list((study / "figures").glob("04_framing_by_source__over_time_*"))
    text = pdf_text(build_report(results=study / "results", figures=study / "figures", out=tmp_path / "a.pdf"))
    assert "The articles have no dates (none of the 4 has a readable ISO 8601 date), so nothing is shown over time." in text

    dated = results_json(larger_study, "04_framing_by_source")["over_time"]
    # the 80 synthetic articles are dated within half a year: weeks
    assert (dated["unit"], dated["n_dated"], dated["n_undated"], dated["figures"]) == ("week", 80, 0, ["loaded", "stance", "frames"])
    for name in dated["figures"]:
        assert (larger_study / "figures" / f"04_framing_by_source__over_time_{name}.svg").exists()
    text = pdf_text(build_report(results=larger_study / "results", figures=larger_study / "figures", out=tmp_path / "b.pdf"))
    assert f"The 80 dated articles run from {dated['first']} to {dated['last']}, so each point is a week" in text
    assert "Loaded terms per 1,000 words per source and week, with 95% bootstrap intervals" in text


def test_report_tables_keep_the_source_order_and_name_cited_sources_only(study, tmp_path):
    text = pdf_text(build_report(results=study / "results", figures=study / "figures", out=tmp_path / "r.pdf"))
    rates = text[text.index("as a length-aware rate (all matches over all words), each source"):]
    rates = rates[:rates.index("Table")]
    positions = [rates.index(f"{s} 1 ") for s in ("pro-Kremlin outlet", "RIA Novosti relay", "UK political press",
                                                  "Western war report")]
    assert positions == sorted(positions)  # the order of every figure, not code-point order
    framing = results_json(study, "04_framing_by_source")
    # "he said" left out; "Starmer asserted" and "Starmer highlighted" ("highlighted": analysis.text.reporting)
    assert framing["cited"]["UK political press"] == [{"entity": "Starmer", "n": 2}]
    assert framing["naming_domain"]["applies"] is True
    assert {"source": "Western war report", "group": "kyiv_spelling", "variant": "Kyiv", "n": 1} in framing["naming"]
    assert "Naming choices: which variant of a contested or transliterated name each source uses." in text


def test_the_method_says_events_had_no_date_window_when_the_articles_have_no_dates(study, tmp_path):
    """The bundled articles have no dates (data/raw/metadata.csv): every pair was compared, and the summary and the
    method say so instead of naming a window that was not applied. With dates, the window is named."""
    framing = json.loads((study / "results" / "04_framing_by_source.json").read_text())
    assert framing["events"]["dated"] is False
    bundled = " ".join(" ".join(page.extract_text() for page in PdfReader(build_report(
        results=study / "results", figures=study / "figures", out=tmp_path / "bundled.pdf")).pages).split())
    assert ("(word TF-IDF cosine similarity of at least 0.2; the articles have no dates, so every pair was compared);"
            in bundled) and "days)" not in bundled
    assert "events (similar wording; the articles have no dates);" in bundled and "date window" not in bundled
    # three events of at most 2 articles: none chained
    assert framing["events"]["n_events"] == 3 and framing["events"]["chained"] == []
    assert ("covered by at least 2 sources. An event is a chain of such links, so a large one can join articles that "
            "are not alike themselves. The summary") in bundled and "linked directly" not in bundled
    results = tmp_path / "results"
    shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))
    framing["events"]["dated"] = True
    (results / "04_framing_by_source.json").write_text(json.dumps(framing))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(build_report(
        results=results, figures=study / "figures", out=tmp_path / "dated.pdf")).pages).split())
    assert "(word TF-IDF cosine similarity of at least 0.2 within 3 days);" in text


def test_every_table_of_p_values_gives_three_decimals_below_one_tenth(study, tmp_path):
    """The omnibus table and the table of rates print p as the table of statements does: 0.004 is not "0.00", and
    0.046 is not "0.05" beside a 0.054 that would print the same."""
    framing = json.loads((study / "results" / "04_framing_by_source.json").read_text())
    framing["omnibus"][0].update(p_value=0.004, p_holm=0.046)
    framing["omnibus"][1].update(p_value=0.0004, p_holm=0.54)
    framing["rates"][0]["p_value"] = 0.054
    results = tmp_path / "results"
    shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))
    (results / "04_framing_by_source.json").write_text(json.dumps(framing))
    text = pdf_text(build_report(results=results, figures=study / "figures", out=tmp_path / "p.pdf"))
    omnibus = text[text.index("Measure Sources"):]
    omnibus = omnibus[omnibus.index("loaded per 1k"):]
    assert omnibus.startswith("loaded per 1k 4 1.00 0.004 0.046 loaded author per 1k 4 1.00 < 0.001 0.54 "), omnibus[:200]
    rates = text[text.index("as a length-aware rate (all matches over all words), each source"):]
    source = framing["rates"][0]["source"]
    assert f"{source} 1 " in rates and " 0.054 " in rates[rates.index(f"{source} 1 "):][:80]


def test_with_two_sources_the_table_of_statements_has_one_loaded_language_comparison(study, tmp_path):
    """Two sources: "each source against the others" is one comparison (analysis.compare.findings.two_sources); the
    table of statements says it against the other source by name, and the table of rates says its two rows are one."""
    framing = json.loads((study / "results" / "04_framing_by_source.json").read_text())
    a, b = framing["order"][:2]
    framing["order"] = [a, b]
    framing["rates"] = [r for r in framing["rates"] if r["source"] in (a, b)]
    kept = next(c for c in framing["claims"] if c["kind"] == "difference" and c["source"] == b)
    kept.update(estimate=2.5, ci_low=0.5, ci_high=4.5, q=0.012, verdict="higher")
    framing["claims"] = [kept] + [c for c in framing["claims"] if c["kind"] != "difference" and c["source"] in ("", a, b)]
    results = tmp_path / "results"
    shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))
    (results / "04_framing_by_source.json").write_text(json.dumps(framing))
    text = pdf_text(build_report(results=results, figures=study / "figures", out=tmp_path / "two.pdf"))
    possessive = lambda s: s + ("’" if s.endswith("s") else "’s")  # noqa: E731
    assert (f"Loaded language: {possessive(b)} rate of loaded terms per 1,000 words minus {possessive(a)}, one "
            "comparison of the two sources (over all articles)") in text
    assert f"Loaded language {b} 1 2.5 (0.5 to 4.5) 0.012 higher than {a} " in text
    assert ("With two sources the two rows are one comparison seen from each side; the summary states it once and "
            "adjusts its") in text


def _corpus_report(study, tmp_path, corpus: dict, name: str) -> str:
    """The report's text with results/01_corpus.json replaced by ``corpus`` (the other results as the study wrote them)."""
    results = tmp_path / "results"
    if not results.exists():
        shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))
    (results / "01_corpus.json").write_text(json.dumps(corpus))
    return pdf_text(build_report(results=results, figures=study / "figures", out=tmp_path / f"{name}.pdf"))


def test_the_summary_says_when_the_texts_do_not_look_english(study, tmp_path):
    """Every lexicon and model reads English; a corpus in another language got a full report of scores with no word
    of warning. The bundled articles look English (about a third of their words are common function words)."""
    corpus = json.loads((study / "results" / "01_corpus.json").read_text())
    english = corpus["domain"]["english"]
    assert english["looks_english"] is True and english["n_unlike"] == 0 and 0.3 < english["share"] < 0.35
    bundled = pdf_text(build_report(results=study / "results", figures=study / "figures", out=tmp_path / "b.pdf"))
    assert "not look like English" not in bundled and "may not be English" not in bundled
    texts = {}
    for name, change in {"french": {"share": 0.037, "looks_english": False, "n_unlike": 5},
                         "mixed": {"n_unlike": 12, "unlike_ids": [f"x{k}" for k in range(10)]},
                         "one": {"n_unlike": 1, "unlike_ids": ["x7"]}}.items():
        corpus["domain"]["english"] = {**english, **change}
        texts[name] = _corpus_report(study, tmp_path, corpus, name)
    assert ("Summary of findings • This corpus does not look like English: 4% of its words are among the commonest "
            "English function words (“the”, “of”, “and”…), against about a third in English news. The lexicons, the actor "
            "patterns and the stance model read English only, so the scores in this report do not measure loaded "
            "language or stance in these texts.") in texts["french"]
    assert ("12 articles of at least 50 words may not be English (fewer than 10% of their words are common English "
            "function words: x0, x1, x2, x3, x4, x5, x6, x7, x8, x9 and 2 more); their scores say nothing about their "
            "wording.") in texts["mixed"]
    assert ("One article of at least 50 words may not be English (fewer than 10% of its words are common English "
            "function words: x7); its scores say nothing about its wording.") in texts["one"]


def test_the_summary_says_when_sentences_were_cut_in_text_without_punctuation(study, tmp_path):
    """A transcript without full stops is cut into pieces of at most 4,000 characters (analysis.text.tokens.sentences);
    the report had said nothing, and its sentence counts and stance read pieces. The bundled articles have none."""
    corpus = json.loads((study / "results" / "01_corpus.json").read_text())
    assert corpus["unpunctuated"] == {"n": 0, "ids": [], "max_chars": 4000}
    bundled = pdf_text(build_report(results=study / "results", figures=study / "figures", out=tmp_path / "b.pdf"))
    assert "without a full stop" not in bundled
    texts = {}
    for name, found in {"many": {"n": 12, "ids": [f"t{k}" for k in range(10)]}, "one": {"n": 1, "ids": ["t7"]}}.items():
        corpus["unpunctuated"] = {**found, "max_chars": 4000}
        texts[name] = _corpus_report(study, tmp_path, corpus, name)
    assert ("12 articles run for more than 4,000 characters without a full stop, question or exclamation mark or line "
            "break (t0, t1, t2, t3, t4, t5, t6, t7, t8, t9 and 2 more): transcripts, or text that lost its punctuation. "
            "Their sentences are pieces of at most 4,000 characters, cut between words, so stance, which reads the "
            "sentence of a mention, reads its piece, and the sentence counts and lengths in Section 2 count pieces.") in texts["many"]
    assert "One article runs for more than 4,000 characters without a full stop, question or exclamation mark or line break (t7)" in texts["one"]


def test_the_summary_says_when_source_names_differ_only_in_case_or_spaces(study, tmp_path):
    """Source names such as "Reuters" and "Reuters " were two sources that looked like one written twice in every table
    and figure (analysis.corpus.similar_sources); the report names them. The bundled sources have no such names."""
    corpus = json.loads((study / "results" / "01_corpus.json").read_text())
    assert corpus["similar_sources"] == []
    bundled = pdf_text(build_report(results=study / "results", figures=study / "figures", out=tmp_path / "b.pdf"))
    assert "differ only in letter case" not in bundled
    corpus["similar_sources"] = [["REUTERS", "Reuters", "Reuters "], ["The Guardian", "the guardian"]]
    text = _corpus_report(study, tmp_path, corpus, "similar")
    assert ('Source names that differ only in letter case or spaces are analysed here as separate sources: "REUTERS", '
            '"Reuters" and "Reuters "; "The Guardian" and "the guardian". If a group is one outlet, write its name one way '
            'in the source column and run the study again: every table, statistic and finding here counts them apart.') in text
    corpus["similar_sources"] = [[f"S{k}", f"s{k}"] for k in range(12)]
    text = _corpus_report(study, tmp_path, corpus, "many")
    assert '"S9" and "s9" and 2 more groups.' in text


def test_the_summary_says_when_lines_recur_in_a_sources_articles(study, tmp_path):
    """An appeal for support at the foot of every article of one source ("fearless journalism under threat") made it
    look more loaded, and a copyright line made its agency an actor, with no word in the report
    (analysis.corpus.describe.recurring_lines); the report names such lines. The bundled articles have none."""
    corpus = json.loads((study / "results" / "01_corpus.json").read_text())
    assert corpus["boilerplate"] == {"min_articles": 3, "n_lines": 0, "sources": [], "lines": []}
    bundled = pdf_text(build_report(results=study / "results", figures=study / "figures", out=tmp_path / "b.pdf"))
    assert "recur word for word" not in bundled
    corpus["boilerplate"] = {"min_articles": 3, "n_lines": 3, "lines": [
        {"source": "The Guardian", "line": "Fearless journalism is under threat.", "n_articles": 40, "n_words": 5},
        {"source": "AP", "line": "All rights reserved.", "n_articles": 40, "n_words": 3},
        {"source": "Reuters", "line": "Subscribe.", "n_articles": 4, "n_words": 1}], "sources": [
        {"source": "The Guardian", "n_lines": 1, "words": 200, "share": 0.026}, {"source": "AP", "n_lines": 1, "words": 120,
         "share": 0.02}, {"source": "Reuters", "n_lines": 1, "words": 4, "share": 0.0003}]}
    text = _corpus_report(study, tmp_path, corpus, "boilerplate")
    assert ("3 lines recur word for word in 3 or more articles of one source, as site boilerplate (a copyright notice, an "
            "appeal for support) or a paragraph reused between versions of a story does. Their share of each source’s "
            "words: The Guardian 2.6%, AP 2.0% and Reuters under 0.1%. The commonest: “Fearless journalism is under "
            "threat.” (The Guardian, 40 articles); “All rights reserved.” (AP, 40 articles); “Subscribe.” (Reuters, 4 "
            "articles). They are scored as text, so their words count toward their source’s loaded language, stance and "
            "distinctive words, and the articles that share them look alike to text reuse. If they are boilerplate, "
            "remove them from the texts and run the study again (notebook 01 lists them).") in text
    corpus["boilerplate"] = {"min_articles": 3, "n_lines": 1, "lines": corpus["boilerplate"]["lines"][1:2],
                             "sources": [{"source": f"S{k}", "n_lines": 1, "words": 9, "share": 0.01} for k in range(7)]}
    text = _corpus_report(study, tmp_path, corpus, "one")
    assert "A line recurs word for word in 3 or more articles" in text
    assert "S3 1.0%, S4 1.0% and 2 more sources. The commonest: “All rights reserved.” (AP, 40 articles). They" in text


def test_the_summary_says_when_texts_hold_html(study, tmp_path):
    """Scraped text keeps HTML: "&quot;" is the word "quot" and no quotation mark, so the quotation it opens is not
    found (analysis.text.markup); the report names such articles. The bundled articles have none."""
    corpus = json.loads((study / "results" / "01_corpus.json").read_text())
    assert corpus["markup"] == {"tags": {"n": 0, "ids": []}, "references": {"n": 0, "ids": [], "common": []}}
    bundled = pdf_text(build_report(results=study / "results", figures=study / "figures", out=tmp_path / "b.pdf"))
    assert "HTML" not in bundled
    corpus["markup"] = {"tags": {"n": 1, "ids": ["w3"]}, "references": {
        "n": 12, "ids": [f"w{k}" for k in range(10)], "common": [["&quot;", 40], ["&#8217;", 9]]}}
    text = _corpus_report(study, tmp_path, corpus, "markup")
    assert ("12 articles hold HTML character references (w0, w1, w2, w3, w4, w5, w6, w7, w8, w9 and 2 more; the "
            "commonest: &quot; (40), &#8217; (9)). They are scored as text: a reference’s name counts as a word, and a "
            "quotation mark or apostrophe written as one is not read as one, so the quotation it opens is not found (its "
            "loaded words count as the author’s, its speaker is not found). Decode them (html.unescape) and run the "
            "study again.") in text
    assert ("One article holds HTML tags (w3), scored as text: their names count as words. Strip the markup and run the "
            "study again.") in text
    corpus["markup"] = {"tags": {"n": 0, "ids": []}, "references": {"n": 1, "ids": ["w7"], "common": [["&amp;", 1]]}}
    text = _corpus_report(study, tmp_path, corpus, "one")
    assert "One article holds HTML character references (w7; the commonest: &amp; (1))." in text
    assert "HTML tags" not in text


def test_the_data_section_says_which_sources_the_figures_draw_when_there_are_many(study, tmp_path):
    """With more sources than MAX_FIGURE_SOURCES (30), the figures with a row or panel per source draw the 30 with the
    most articles (analysis.plotting.charts.figure_sources); the report names them. The bundled four are all drawn."""
    corpus = json.loads((study / "results" / "01_corpus.json").read_text())
    assert corpus["figure_sources"] == {"drawn": ["pro-Kremlin outlet", "RIA Novosti relay", "UK political press",
                                                  "Western war report"], "n_sources": 4, "max": 30}
    bundled = pdf_text(build_report(results=study / "results", figures=study / "figures", out=tmp_path / "b.pdf"))
    assert "would shrink their labels" not in bundled
    corpus["figure_sources"] = {"drawn": ["Outlet 004", "Outlet 017"], "n_sources": 129, "max": 2}
    text = _corpus_report(study, tmp_path, corpus, "many")
    assert ("With 129 sources, the figures that give each source a row or a panel would shrink their labels below reading "
            "size; they draw the 2 sources with the most articles (Outlet 004, Outlet 017). Every table, statistic and "
            "finding covers all 129.") in text


def test_the_method_says_which_events_were_chained_together(study, tmp_path):
    """Single linkage can join articles that are not alike through a chain of alike ones; the method says how many
    large events were joined mostly that way (analysis.compare.events.chained_events), in the singular and plural."""
    framing = json.loads((study / "results" / "04_framing_by_source.json").read_text())
    results = tmp_path / "results"
    shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))
    texts = {}
    for name, chained in {"one": [{"event": 1, "event_size": 20000, "event_linked": 0.038}],
                          "two": [{"event": 4, "event_size": 19, "event_linked": 0.21},
                                  {"event": 2, "event_size": 12, "event_linked": 0.004}],
                          "tiny": [{"event": 1, "event_size": 1200, "event_linked": 0.004}]}.items():
        framing["events"]["chained"] = chained
        framing["events"]["n_events"] = 1
        framing["events"]["n_shared"] = 0 if name == "two" else 1
        (results / "04_framing_by_source.json").write_text(json.dumps(framing))
        texts[name] = " ".join(" ".join(page.extract_text() for page in PdfReader(build_report(
            results=results, figures=study / "figures", out=tmp_path / f"{name}.pdf")).pages).split())
    assert ("Articles are grouped into 1 event (word TF-IDF cosine similarity of at least 0.2; the articles have no "
            "dates, so every pair was compared);") in texts["one"]
    assert ("so a large one can join articles that are not alike themselves: here one event, of 20,000 articles, has 4% "
            "of its pairs of articles linked directly, so it may mix several stories, and a comparison within it controls "
            "less for which stories each source chose. The summary") in texts["one"]
    assert "so every pair was compared); none was covered by at least 2 sources." in texts["two"]
    assert ("themselves: here 2 events of 10 or more articles have fewer than half of their pairs of articles linked "
            "directly (the largest, of 19 articles, 21%), so they may mix several stories, and a comparison within them "
            "controls less for which stories each source chose.") in texts["two"]
    assert "here one event, of 1,200 articles, has fewer than 1% of its pairs" in texts["tiny"]


def test_the_evidence_table_says_what_the_mention_placeholder_is_when_it_shows(study, tmp_path):
    """The model's word-pair features name the mention "<M>" ("<M> said"); the caption of the evidence table says so
    whenever one of its rows shows one, and not otherwise."""
    gloss = "<M> stands for the mention in a pair of words (<M> said: the mention, then “said”)."
    stance = json.loads((study / "results" / "03_stance.json").read_text())
    assert stance["highlights"]
    results = tmp_path / "results"
    shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))
    texts = {}
    for name, evidence in (("without", "rules: author's words(-0.50)"), ("with", "rules: author's words(-0.50); <M> will(+0.31)")):
        for e in stance["highlights"]:
            e["evidence"] = evidence
        (results / "03_stance.json").write_text(json.dumps(stance))
        texts[name] = " ".join(" ".join(page.extract_text() for page in PdfReader(build_report(
            results=results, figures=study / "figures", out=tmp_path / f"{name}.pdf")).pages).split())
    assert gloss in texts["with"] and "<M> stands" not in texts["without"]


def test_the_top_terms_caption_says_what_a_tagger_label_is_when_one_is_shown(study, tmp_path):
    """On the bundled corpus the token tagger adds no span of its own and the caption names lexicon terms only; when
    a source's top terms hold words the tagger found (term_labels), the caption says what they are."""
    from analysis.measures.loaded_tagger import TAGGER_LABEL

    caption = "Words marked “(tagger)” are spans the token tagger found beside the lexicon, counted by their words."
    bundled = " ".join(" ".join(page.extract_text() for page in PdfReader(build_report(
        results=study / "results", figures=study / "figures", out=tmp_path / "bundled.pdf")).pages).split())
    assert "A term with a * is a pattern that matches word endings." in bundled and "(tagger)" not in bundled
    results = tmp_path / "results"
    shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))
    loaded = json.loads((results / "02_loaded_language.json").read_text())
    source = next(iter(loaded["top_terms"]))
    loaded["top_terms"][source].append({"term": "lash out" + TAGGER_LABEL, "category": "loaded_wording", "n": 1})
    (results / "02_loaded_language.json").write_text(json.dumps(loaded))
    pdf = build_report(results=results, figures=study / "figures", out=tmp_path / "tagged.pdf")
    assert caption in " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_report_names_a_span_model_fitted_on_the_studys_own_gold_and_says_when_validation_is_in_sample(study, tmp_path):
    """A re-ranker of `python -m analysis loaded train` is described as fitted on the study's coded articles, and
    validating it on the very spans it was fitted on is called agreement with its training data, not a test."""
    results = tmp_path / "results"
    shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))
    loaded = json.loads((results / "02_loaded_language.json").read_text())
    gold = json.loads((results / "05_validation.json").read_text())["loaded"]["gold_path"]
    assert gold == "data/annotations/loaded_spans.csv"
    fitted = {"lexicon": "data/lexicons/loaded_language.csv", "domain_packs": ["war"], "corpus": "data/raw",
              "gold": gold, "articles": 5, "categories": "all"}
    loaded["span_model"] = {**loaded["span_model"], "path": "/tmp/my_model.json", "fitted_with": fitted}
    (results / "02_loaded_language.json").write_text(json.dumps(loaded))
    pdf = build_report(results=results, figures=study / "figures", out=tmp_path / "own.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    text = re.sub(r"(?<=[a-z])- (?=[a-z])", "", text)  # words typst hyphenated at a line's end ("es- timates")
    assert ("a logistic model, fitted with python -m analysis loaded train on the study’s own coded articles (5 articles "
            "of data/raw, gold spans data/annotations/loaded_spans.csv; the command printed its cross-validated "
            "precision, recall and F1), estimates from each match’s term and context the chance that the study’s coders "
            "mark it") in text
    assert "propaganda techniques, estimates" not in text
    assert "but the span re-ranker was fitted on these same spans, so this is agreement with its own training data, not a test." in text
    assert ("was fitted on these same spans (python -m analysis loaded train), so the lexicon’s numbers below are "
            "agreement with its own training data, not a test of it") in text
    # Fitted on other spans than those validated against: no such caveat.
    # With the cross-validation `loaded train` records, the report quotes it.
    cv = {"folds": 5, "threshold": 0.3, "chosen": {"n_gold": 70, "n_pred": 50, "tp": 40, "precision": 0.8, "recall": 40 / 70,
                                                   "f1": 2 / 3},
          "every_span": {"n_gold": 70, "n_pred": 90, "tp": 45, "precision": 0.5, "recall": 45 / 70, "f1": 0.5625}}
    loaded["span_model"]["fitted_with"] = {**fitted, "gold": "my_spans.csv", "categories": ["loaded"], "cv": cv}
    (results / "02_loaded_language.json").write_text(json.dumps(loaded))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(build_report(
        results=results, figures=study / "figures", out=tmp_path / "other.pdf")).pages).split())
    assert ("gold spans my_spans.csv of the categories loaded; cross-validated in 5 folds of articles, the spans it keeps "
            "match the coders’ with an overlap precision of 0.80, a recall of 0.57 and an F1 of 0.67, against 0.56 for "
            "every lexicon match)") in text
    assert "training data" not in text
    # The bundled re-ranker keeps its own description.
    bundled = " ".join(" ".join(page.extract_text() for page in PdfReader(build_report(
        results=study / "results", figures=study / "figures", out=tmp_path / "bundled.pdf")).pages).split())
    assert "fitted on the development part of a public corpus of news articles annotated for propaganda techniques" in bundled
    assert "loaded train" not in bundled


def test_no_figure_of_distinctive_words_when_no_source_can_have_one(study, tmp_path):
    """In the bundled corpus no source has 2 articles once the relayed rewrite is left out, so no word can be
    distinctive: the figure had been four empty panels with a scale from 1.90 to 2.05; the report now says why."""
    keyness = results_json(study, "04_framing_by_source")["keyness"]
    assert (keyness["figure"], keyness["n_sources_enough"], keyness["min_articles"]) == (False, 0, 2)
    assert not (study / "figures" / "04_framing_by_source__distinctive_terms.svg").exists()
    flat = " ".join(pdf_text(build_report(results=study / "results", figures=study / "figures", out=tmp_path / "k.pdf")).split())
    assert ("No source uses a word more than the others in at least 2 of its articles (notebook parameter "
            "min_term_articles): no source has that many articles here, so there is no figure of each source’s "
            "distinctive words.") in flat


def test_a_source_whose_every_article_is_a_near_duplicate_of_another_source_s(tmp_path):
    """An outlet that only reprints wire copy: its one article is collapsed into the original, so it has no statistics.
    Notebook 02 stopped with KeyError "['Wire reprint'] not in index"; it now gives the other sources' intervals."""
    import pandas as pd

    from analysis.tables.score import Scorer, write_scores

    bundled = load_corpus(paths.RAW)
    copy = bundled[bundled["id"] == "004_6e8ccf95bdc89e35"].assign(id="reprint", source="Wire reprint")
    corpus = tmp_path / "corpus.csv"
    pd.concat([bundled, copy])[["id", "source", "title", "text"]].to_csv(corpus, index=False)
    scores = tmp_path / "results" / "scores"
    write_scores(Scorer.load()(load_corpus(corpus)), scores)
    nb = next(p for p in notebooks() if p.stem == "02_loaded_language")
    run_notebook(nb, tmp_path / nb.name, {"corpus_path": str(corpus), "scores_dir": str(scores),
                                          "fig_dir": str(tmp_path / "figures"), "results_dir": str(tmp_path / "results")})
    loaded = results_json(tmp_path, "02_loaded_language")
    assert "reprint" in loaded["collapsed_ids"]
    assert [d["source"] for d in loaded["density"]] == ["pro-Kremlin outlet", "RIA Novosti relay", "UK political press",
                                                       "Western war report"]


def test_the_bundled_stance_labels_are_not_compared_with_a_run_scored_for_other_actors(study, tmp_path):
    """The bundled articles scored for the actors found in them (TARGETS=auto, as for any copy of the corpus): notebook
    05 stopped with "target 'Coalition' is not one of the actors the corpus was scored for", and `make report` with it."""
    from analysis.tables.provenance import run_record
    from analysis.tables.score import Scorer, write_scores

    targets = tmp_path / "found.csv"
    targets.write_text("target,pattern\nUkraine,Ukraine\nUkraine,Kyiv\nRussia,Russia\nVolodymyr Zelenskyy,Zelensk*\n",
                       encoding="utf-8")
    scorer, corpus = Scorer.load(targets=targets), load_corpus(paths.RAW)
    results, figures = tmp_path / "results", tmp_path / "figures"
    shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))  # the other notebooks' results
    shutil.copytree(study / "figures", figures)
    write_scores(scorer(corpus), results / "scores", run=run_record(scorer, paths.RAW, n_articles=5, parameters={}))
    nb = next(p for p in notebooks() if p.stem == "05_validation")
    run_notebook(nb, tmp_path / nb.name, {"corpus_path": str(paths.RAW), "scores_dir": str(results / "scores"),
                                          "fig_dir": str(figures), "results_dir": str(results)})
    stance = results_json(tmp_path, "05_validation")["stance"]
    assert (stance["available"], stance["not_compared"], stance["pairs"]) == (False, "other actors", [])
    assert results_json(tmp_path, "05_validation")["loaded"]["available"]  # the spans do not depend on the actors
    flat = " ".join(pdf_text(build_report(results=results, figures=figures, out=tmp_path / "r.pdf")).split())
    assert ("The bundled stance labels were coded for the bundled actors (data/lexicons/targets.csv); this run scored "
            "other actors, so its stance scores were not compared with them (make report GOLD_STANCE=… takes labels for "
            "these actors, coded under data/annotations/CODEBOOK.md).") in flat
    assert "This corpus has no gold annotations" not in flat


def test_the_template_of_an_own_analysis_runs_and_gets_its_section_in_the_report(study, tmp_path):
    """notebooks/templates/06_new_analysis.ipynb, copied as a study's 06_headlines: its paragraphs and figure under
    "Further analyses"; a notebook that wrote no results file, or one without a report entry, is named there."""
    from analysis.report.own import report_section

    results, figures = tmp_path / "results", tmp_path / "figures"
    shutil.copytree(study / "results", results, ignore=shutil.ignore_patterns("scores"))
    shutil.copytree(study / "figures", figures)
    run_notebook(paths.ROOT / "notebooks" / "templates" / "06_new_analysis.ipynb", tmp_path / "06.ipynb", {
        "notebook_name": "06_headlines", "corpus_path": str(paths.RAW), "scores_dir": str(study / "results" / "scores"),
        "fig_dir": str(figures), "results_dir": str(results)})
    own = results_json(tmp_path, "06_headlines")
    articles = _csv(study, "articles")
    assert own["n_articles"] == 5 and own["spearman_rho"] == pytest.approx(
        articles["n_tokens"].rank().corr(articles["loaded_per_1k"].rank()), abs=1e-6)
    assert own["report"] == report_section("06_headlines", "Article length and loaded language", own["report"]["paragraphs"],
                                           {"06_headlines__length_density": own["report"]["figures"][0]["caption"]},
                                           fig_dir=figures)
    assert own["report"]["paragraphs"][0] == (
        f"Across the 5 articles, Spearman's rank correlation between an article's length and its loaded terms per 1,000 "
        f"words is {own['spearman_rho']:.2f} (p = {own['spearman_p']:.2g}): no relation between length and density can be "
        "told from these articles.")
    (results / "08_bare.json").write_text("{}", encoding="utf-8")
    pdf = build_report(results=results, figures=figures, out=tmp_path / "r.pdf", own=["06_headlines", "07_renamed", "08_bare"])
    flat = " ".join(pdf_text(pdf).split())
    assert re.search(r"\d Further analyses [\d.]+ Article length and loaded language Across the 5 articles", flat)
    assert own["report"]["paragraphs"][1] in flat  # printed as written (straight quotes)
    assert "Figure 12: Each article's loaded terms per 1,000 words against its length in words, coloured by source." in flat
    assert re.search(r"[\d.]+ 07_renamed Notebook notebooks/07_renamed.ipynb wrote no 07_renamed.json \(check the name", flat)
    assert "Notebook notebooks/08_bare.ipynb wrote 08_bare.json without a report entry, so its section is empty" in flat
    none = build_report(results=results, figures=figures, out=tmp_path / "none.pdf", own=[])
    assert "Further analyses" not in pdf_text(none)


# The probe prints the connection the kernel was started with.
_PROBE = "from ipykernel.connect import get_connection_info\nprint(get_connection_info())"


def _probe_notebook(folder):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(_PROBE)]
    path = folder / "probe.ipynb"
    nbformat.write(nb, str(path))
    return path


def _connection(executed):
    import nbformat

    return json.loads(nbformat.read(str(executed), 4).cells[0].outputs[0]["text"])


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_kernels_listen_on_unix_sockets_of_their_own_so_two_at_once_never_take_one_port(tmp_path, monkeypatch, request):
    """A kernel on TCP binds ports its manager picked and released a moment before; a kernel another process started
    in that moment took one (``ZMQError: Address already in use``, seen when two test processes started notebooks).
    make's papermill (the command line) and run_notebook both start kernels on Unix sockets in a new folder each,
    removed when the kernel is shut down."""
    import subprocess
    import sys
    import tempfile

    from analysis.report.pipeline import MAX_SOCKET_PATH

    # pytest's tmp_path can be too long for a socket path (its kernels would use TCP): a short folder of the test's own
    tmp = Path(tempfile.mkdtemp(prefix="t"))
    request.addfinalizer(lambda: shutil.rmtree(tmp, ignore_errors=True))
    assert len(str(tmp)) + len("/kernel-12345678/kernel-ipc-99") <= MAX_SOCKET_PATH
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again (here and in the command's process)
    probe = _probe_notebook(tmp_path)
    subprocess.run([sys.executable, "-m", "analysis.report.pipeline", str(probe), str(tmp_path / "cli.ipynb"), "-k", "python3",
                    "--no-progress-bar", "--log-level", "ERROR"], check=True, cwd=paths.ROOT)
    from analysis.report.pipeline import execute_notebook

    execute_notebook(probe, tmp_path / "api.ipynb", kernel_name="python3", progress_bar=False)
    folders = set()
    for name in ("cli", "api"):
        info = _connection(tmp_path / f"{name}.ipynb")
        assert info["transport"] == "ipc", name
        assert info["ip"].startswith(str(tmp / "kernel-")) and info["ip"].endswith("/kernel-ipc")
        folders.add(os.path.dirname(info["ip"]))
    assert len(folders) == 2  # a folder of its own for each kernel
    assert list(tmp.iterdir()) == []  # each removed with its sockets at shut-down


def test_a_kernel_falls_back_to_tcp_where_a_unix_socket_cannot_be_made(tmp_path, monkeypatch):
    from analysis.report.pipeline import MAX_SOCKET_PATH, kernel_manager_class

    def started_in(folder):
        """A manager whose connection file (and transport, chosen when first read) are made in ``folder``."""
        monkeypatch.setattr("tempfile.tempdir", str(folder))
        km = kernel_manager_class()(kernel_name="python3")
        km.transport  # noqa: B018  (read now, with this temporary folder)
        return km

    deep = tmp_path / ("d" * (MAX_SOCKET_PATH - len(str(tmp_path))))  # a socket path in it is too long
    deep.mkdir()
    short, too_long = started_in(tmp_path), started_in(deep)
    fits = os.name == "posix" and len(str(tmp_path)) + len("/kernel-12345678/kernel-ipc-99") <= MAX_SOCKET_PATH
    assert (short.transport, too_long.transport) == ("ipc" if fits else "tcp", "tcp")
    # a kernel that does not stop when asked (one shut-down in four: jupyter_client's interrupt lands in the kernel's
    # handler of the request) gets SIGTERM after half of this: 0.5 s, not 2.5
    assert (short.shutdown_wait_time, type(short).__mro__[1]().shutdown_wait_time) == (1.0, 5.0)
    assert os.path.dirname(short.connection_file).startswith(str(tmp_path / "kernel-"))
    # a file system that takes no Unix socket (some network ones): TCP
    with monkeypatch.context() as m:
        m.setattr("socket.socket", _RefusingSocket)
        refused = started_in(tmp_path)
    assert refused.transport == "tcp"
    for km in (short, too_long, refused):
        km.cleanup_connection_file()
        km.cleanup_ipc_files()
        assert not os.path.exists(os.path.dirname(km.connection_file))


class _RefusingSocket:
    """A socket whose bind fails as on a file system without Unix sockets."""

    def __init__(self, *args):
        pass

    def bind(self, path):
        raise OSError(95, "Operation not supported")

    def close(self):
        pass

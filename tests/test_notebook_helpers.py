"""The package functions notebooks 01, 02, 03 and 05 call instead of computing in their cells (issue 19 item 5)."""

import hashlib
import json
import re

import pandas as pd
import pytest

from analysis.compare.summaries import interval_records
from analysis.corpus.describe import article_records, corpus_overview, texts_sha256
from analysis.validate.evaluate import gold_spans, stance_validation


def test_article_records_and_the_texts_fingerprint():
    corpus = pd.DataFrame({"id": ["b", "a"], "source": ["S", "T"], "text": ["Two words.", "One."], "date": ["d1", "d2"]})
    stats = pd.DataFrame({"id": ["a", "b"], "source": ["T", "S"], "n_words": [1, 2], "n_sentences": [1, 1],
                          "mean_sentence_words": [1.0, 2.0]})
    overview = corpus_overview(corpus, stats)
    assert overview.columns.tolist() == ["id", "source", "date", "n_words", "n_sentences", "mean_sentence_words"]
    sha = {t: hashlib.sha256(t.encode()).hexdigest() for t in corpus["text"]}
    assert article_records(corpus, overview) == [
        {"id": "b", "source": "S", "title": "", "words": 2, "sentences": 1, "sha256": sha["Two words."]},
        {"id": "a", "source": "T", "title": "", "words": 1, "sentences": 1, "sha256": sha["One."]},
    ]
    assert texts_sha256(corpus) == hashlib.sha256((sha["One."] + sha["Two words."]).encode()).hexdigest()
    assert texts_sha256(corpus.iloc[::-1]) == texts_sha256(corpus)  # the ids' order, not the rows'


def test_interval_records_follow_the_order_and_leave_out_a_source_without_statistics():
    """A source whose every article is a near-duplicate of another source's has no statistics: notebook 02 stopped with
    KeyError "['Wire reprint'] not in index"."""
    summary = pd.DataFrame({"source": ["A", "B", "A"], "measure": ["m", "m", "k"], "n_articles": [3, 1, 3],
                            "mean": [0.5, 2.0, 9.0], "ci_low": [0.1, float("nan"), 8.0], "ci_high": [0.9, float("nan"), 10.0],
                            "small_n": [False, True, False]})
    records = interval_records(summary, "m", order=["B", "A"])
    assert [(r["source"], r["n_articles"], r["mean"], r["ci_low"], r["small_n"]) for r in records][1] == ("A", 3, 0.5, 0.1, False)
    assert records[0]["source"] == "B" and records[0]["small_n"] is True and records[0]["ci_low"] != records[0]["ci_low"]
    assert [r["source"] for r in interval_records(summary, "k", order=["A", "B"])] == ["A"]


def test_gold_spans_keep_the_corpus_articles(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("id,start,end,category\na,0,4,loaded_wording\nz,1,2,name_calling\n", encoding="utf-8")
    assert gold_spans(path, ["a", "b"])[["id", "start", "end"]].values.tolist() == [["a", 0, 4]]
    assert gold_spans(tmp_path / "none.csv", ["a"]).empty


def test_stance_validation_joins_labels_and_adds_macro_f1(tmp_path):
    scores = tmp_path / "scores"
    scores.mkdir()
    pd.DataFrame({"id": ["a", "a", "b"], "source": ["s"] * 3, "target": ["X", "Y", "X"], "n_mentions": [1, 1, 1],
                  "stance": [0.5, -0.05, -0.4], "stance_sd": [0.0] * 3}).to_csv(scores / "stance.csv", index=False)
    gold = tmp_path / "labels.csv"
    gold.write_text("id,target,label\na,X,pos\na,Y,neg\nb,X,neg\nc,X,pos\n", encoding="utf-8")
    table, agreement, not_compared = stance_validation(scores, gold, ["a", "b"], threshold=0.1)
    assert not_compared == ""
    assert table[["id", "target", "label", "predicted"]].values.tolist() == [["a", "X", "pos", "pos"], ["a", "Y", "neg", "neu"],
                                                                            ["b", "X", "neg", "neg"]]
    assert (agreement["n"], agreement["n_agree"], agreement["n_direction_agree"]) == (3, 2, 3)
    # F1: neg 2/3 (one of two found, none wrong), neu 0 (one predicted, none coded), pos 1
    assert agreement["macro_f1"] == pytest.approx((2 / 3 + 0 + 1) / 3)
    assert "table" not in agreement
    for missing in [stance_validation(scores, tmp_path / "none.csv", ["a"], threshold=0.1),
                    stance_validation(tmp_path, gold, ["a"], threshold=0.1), stance_validation(scores, gold, ["q"], threshold=0.1)]:
        assert missing[0].empty and missing[1] is None and missing[2] == ""



def test_stance_labels_are_read_as_coders_write_them_and_checked_against_the_scored_actors(tmp_path):
    """A label "Negative" had never matched "neg", and a target "Obama" for "Barack Obama" counted as stance 0: both
    made the agreement wrong without a word."""
    scores = tmp_path / "scores"
    scores.mkdir()
    pd.DataFrame({"id": ["a", "b"], "source": ["s"] * 2, "target": ["Barack Obama", "Congress"], "n_mentions": [1, 1],
                  "stance": [-0.5, 0.3], "stance_sd": [0.0] * 2}).to_csv(scores / "stance.csv", index=False)
    gold = tmp_path / "labels.csv"
    gold.write_text("id;target;label\na;Barack Obama; Negative\nb;Congress;+1\nb;Barack Obama;\nz;Nobody;meh\n",
                    encoding="utf-8")  # semicolons, as a spreadsheet saves them; a blank label: not coded
    table, agreement, _ = stance_validation(scores, gold, ["a", "b"], threshold=0.1)
    assert table[["id", "target", "label", "predicted"]].values.tolist() == [["a", "Barack Obama", "neg", "neg"],
                                                                            ["b", "Congress", "pos", "pos"]]
    assert (agreement["n"], agreement["n_agree"]) == (2, 2)
    gold.write_text("id,target,label\na,Barack Obama,neg\nb,Obama,pos\nb,Trump,neg\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        stance_validation(scores, gold, ["a", "b"], threshold=0.1)
    assert str(info.value) == (
        f"{gold}, line 3: target 'Obama' is not one of the actors the corpus was scored for (Barack Obama, Congress) "
        "(2 rows with such actors): name each actor as the targets file does. Did you mean 'Barack Obama'?")
    gold.write_text("id,target,label\na,Barack Obama,neg\n\nb,Congress,meh\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{gold}, line 4: label 'meh' is not one of neg, neu, pos.")):
        stance_validation(scores, gold, ["a", "b"], threshold=0.1)
    gold.write_text("id,actor,label\na,Barack Obama,neg\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{gold}: missing column(s) target; stance labels need id,target,label")):
        stance_validation(scores, gold, ["a", "b"], threshold=0.1)

def test_labels_coded_for_one_list_of_actors_are_not_compared_with_a_run_scored_for_another(tmp_path):
    """The bundled labels on a copy of the bundled articles, scored for the actors found in it (TARGETS=auto): notebook
    05 stopped with "target 'Coalition' is not one of the actors the corpus was scored for", and the report with it."""
    from analysis.tables.provenance import file_sha256

    scores = tmp_path / "scores"
    scores.mkdir()
    pd.DataFrame({"id": ["a", "a"], "source": ["s"] * 2, "target": ["Ukraine", "Russia"], "n_mentions": [1, 1],
                  "stance": [0.5, -0.5], "stance_sd": [0.0] * 2}).to_csv(scores / "stance.csv", index=False)
    coded_for = tmp_path / "targets.csv"
    coded_for.write_text("target,pattern\nUkraine,Ukraine\nUkraine,Zelensk*\nRussia,Russia\nCoalition,coalition\n",
                         encoding="utf-8")
    found = tmp_path / "found.csv"
    found.write_text("target,pattern\nUkraine,Ukraine\nRussia,Russia\n", encoding="utf-8")
    gold = tmp_path / "labels.csv"
    gold.write_text("id,target,label\na,Ukraine,pos\na,Coalition,neu\n", encoding="utf-8")

    def run(targets):
        (scores / "score_run.json").write_text(json.dumps({"targets": {"path": str(targets), "sha256": file_sha256(targets)}}),
                                               encoding="utf-8")
        return stance_validation(scores, gold, ["a"], threshold=0.1, coded_for=coded_for)

    table, agreement, not_compared = run(found)  # "Ukraine" without its president: not the actor the coder judged
    assert (table.empty, agreement, not_compared) == (True, None, "other actors")
    assert stance_validation(scores, gold, ["b"], threshold=0.1, coded_for=coded_for)[1:] == (None, "")  # no labels here
    table, agreement, not_compared = run(coded_for)  # scored for the labels' actors (no mention of the coalition: 0)
    assert table[["target", "label", "predicted"]].values.tolist() == [["Ukraine", "pos", "pos"], ["Coalition", "neu", "neu"]]
    assert (agreement["n_agree"], not_compared) == (2, "")
    (scores / "score_run.json").unlink()  # older scores, no record: an actor the labels' list lacks decides
    pd.DataFrame({"id": ["a"], "source": ["s"], "target": ["European"], "n_mentions": [1],
                  "stance": [0.5], "stance_sd": [0.0]}).to_csv(scores / "stance.csv", index=False)
    assert stance_validation(scores, gold, ["a"], threshold=0.1, coded_for=coded_for)[1:] == (None, "other actors")


def test_what_notebooks_01_and_02_record_of_sources_actors_the_lexicon_and_articles():
    from analysis.compare.summaries import loaded_article_records, top_term_records
    from analysis.corpus.describe import source_records, with_rare_actors
    from analysis.text.lexicon import Lexicon

    by_source = pd.DataFrame({"source": ["B", "A"], "articles": [1, 2], "words": [10, 30], "sentences": [1, 3]})
    assert source_records(by_source, ["A", "B"]) == [{"source": "A", "articles": 2, "words": 30, "sentences": 3},
                                                     {"source": "B", "articles": 1, "words": 10, "sentences": 1}]
    fit = {"actors": [{"actor": "X", "share": 0.1}, {"actor": "Y", "share": 0.099}, {"actor": "Z", "share": 0.0}]}
    assert with_rare_actors(fit, 0.1) == {**fit, "rare_share": 0.1, "rare_actors": ["Y", "Z"]}
    lexicon = Lexicon.from_frame(pd.DataFrame({"pattern": ["calm", "vile", "lie", "liar"], "weight": [0, 2, 1, 2],
                                               "category": ["neutral", "name_calling", "loaded_wording", "name_calling"]}))
    assert lexicon.counts() == {"n_patterns": 4, "categories": ["loaded_wording", "name_calling"],
                                "n_by_category": {"loaded_wording": 1, "name_calling": 2, "neutral": 1}, "n_by_provenance": {}}
    articles = pd.DataFrame({"id": ["b", "a"], "source": ["S", "T"], "loaded_n": [2, 0], "loaded_per_1k": [4.0, 0.0],
                             "loaded_author_per_1k": [2.0, 0.0], "loaded_intensity": [6.5, 0.0]})
    assert loaded_article_records(articles) == [
        {"id": "a", "source": "T", "loaded_n": 0, "per_1k": 0.0, "author_per_1k": 0.0, "intensity": 0.0},
        {"id": "b", "source": "S", "loaded_n": 2, "per_1k": 4.0, "author_per_1k": 2.0, "intensity": 6.5}]
    terms = pd.DataFrame({"source": ["A", "A", "B"], "term": ["x", "y", "x"], "category": ["c", "d", "c"], "n": [3, 1, 2]})
    assert top_term_records(terms, ["A", "C"], n=2) == {"A": [{"term": "x", "category": "c", "n": 3},
                                                              {"term": "y", "category": "d", "n": 1}], "C": []}

"""Tests for analysis.tables.read (the notebooks' reader of the score tables) and summaries.stance_evidence."""

import pandas as pd
import pytest

from analysis.compare.summaries import stance_evidence
from analysis.tables.read import read_scores, read_table


def _scores(folder):
    folder.mkdir()
    (folder / "articles.csv").write_text("id,source,n_tokens\n007,run,10\n2,run,20\n", encoding="utf-8")
    (folder / "spans.csv").write_text("id,start,end,negator\n007,0,4,\n", encoding="utf-8")
    return folder


def test_read_scores_joins_the_corpus_source_and_keeps_text_cells(tmp_path):
    corpus = pd.DataFrame({"id": ["2", "007"], "source": ["B", "A"], "text": ["x", "y"]})
    got = read_scores(_scores(tmp_path / "s"), corpus, ("articles", "spans", "stance"))
    assert got["articles"].to_dict("records") == [{"id": "007", "n_tokens": 10, "source": "A"},
                                                  {"id": "2", "n_tokens": 20, "source": "B"}]
    assert got["spans"].to_dict("records") == [{"id": "007", "start": 0, "end": 4, "negator": "", "source": "A"}]
    assert got["stance"] is None
    assert read_table(tmp_path / "s", "mentions") is None


def test_read_scores_refuses_scores_of_another_corpus(tmp_path):
    corpus = pd.DataFrame({"id": ["2", "8"], "source": ["B", "A"], "text": ["x", "y"]})
    with pytest.raises(ValueError) as err:
        read_scores(_scores(tmp_path / "s"), corpus)
    assert str(err.value) == (
        f"{tmp_path / 's'}/articles.csv does not hold the articles of this corpus: 1 of the corpus's 2 articles is not "
        "in it ('8'); 1 of its 2 is not in the corpus ('007'); it was scored from another corpus or an earlier version "
        "of this one: score the corpus the notebook reads into it: `make scores CORPUS=...` (and RESULTS_DIR=... for a "
        f"folder other than results/scores), or `python -m analysis score CORPUS --out {tmp_path / 's'}`")
    many = pd.DataFrame({"id": ["2", "007", "a", "b", "c", "d"], "source": "A", "text": "x"})
    with pytest.raises(ValueError, match=r": 4 of the corpus's 6 articles are not in it \('a', 'b', 'c' and 1 more\); it was"):
        read_scores(tmp_path / "s", many)
    with pytest.raises(ValueError, match=r"/empty/articles.csv: no such file; score the corpus the notebook reads into it: "
                                         r"`make scores CORPUS=...`"):
        read_scores(tmp_path / "empty", corpus)
    with pytest.raises(ValueError, match="not a score table"):
        read_table(tmp_path / "s", "article")


def test_stance_evidence_picks_the_strongest_author_mentions_per_actor_and_source():
    mentions = pd.DataFrame({
        "id": ["a", "b", "c", "d", "e"], "start": [0, 5, 0, 0, 9], "target": ["T", "T", "T", "T", "U"],
        "source": ["S", "S", "S", "S", "R"], "score": [-0.5, -0.9, 0.4, 0.7, 0.0],
        "voice": ["author", "author", "author", "quote", "author"], "text": ["t1", "t2", "t3", "t4", "t5"],
        "evidence": ["e1", "e2", "e3", "e4", "e5"], "model_evidence": ["", "m2", "", "", ""],
        "sentence": ["s1", "s2", "s3", "s4", "s5"],
    })
    evidence, highlights = stance_evidence(mentions, n=1)
    assert evidence[["kind", "id", "score", "evidence"]].values.tolist() == [
        ["most negative", "b", -0.9, "m2"], ["most positive", "c", 0.4, "e3"]]
    assert highlights["id"].tolist() == ["b", "c"]


def test_stance_evidence_shows_only_mentions_that_carry_evidence():
    # The article's stance counts a mention without evidence as 0; the table of reasons leaves it out too ("George
    # Floyd's murder" was shown at -1.00 from the sentence's mood while counting 0)
    mentions = pd.DataFrame({
        "id": ["a", "b", "c", "d"], "start": [0, 0, 0, 0], "target": ["T"] * 4, "source": ["S"] * 4,
        "score": [-1.0, -0.4, 0.9, 0.2], "voice": ["author"] * 4, "text": ["t"] * 4, "evidence": ["", "e2", "", "e4"],
        "model_evidence": ["", "m2", "", "m4"], "sentence": ["s1", "s2", "s3", "s4"], "has_evidence": [False, True, False, True],
    })
    evidence, highlights = stance_evidence(mentions, n=1)
    assert evidence[["kind", "id", "score"]].values.tolist() == [["most negative", "b", -0.4], ["most positive", "d", 0.2]]
    # without the column (a table from before it existed), every scored author mention is a candidate
    evidence, _ = stance_evidence(mentions.drop(columns="has_evidence"), n=1)
    assert evidence["id"].tolist() == ["a", "c"]


def test_stance_evidence_cuts_only_the_chosen_mentions_sentences_from_the_corpus():
    corpus = pd.DataFrame({"id": ["a", "b"], "text": ["Kyiv  acted.\nThen Kyiv\n failed badly.", "Kyiv won."]})
    mentions = pd.DataFrame({
        "id": ["a", "a", "b", "zz"], "start": [0, 18, 0, 0], "target": ["T", "T", "T", "T"], "source": ["S", "S", "S", "R"],
        "score": [0.3, -0.6, 0.5, 0.0], "voice": ["author"] * 4, "text": ["Kyiv"] * 4, "evidence": ["e1", "e2", "e3", "e4"],
        "model_evidence": ["", "", "", ""], "sentence_start": [0, 13, 0, 0], "sentence_end": [12, 37, 9, 3],
    })
    evidence, _ = stance_evidence(mentions, n=1, corpus=corpus)
    # "zz" (score 0, never chosen) is not in the corpus: only the chosen mentions are cut
    assert evidence[["kind", "id", "sentence"]].values.tolist() == [
        ["most negative", "a", "Then Kyiv failed badly."], ["most positive", "b", "Kyiv won."]]
    with_sentences = mentions.assign(sentence=["Kyiv acted.", "Then Kyiv failed badly.", "Kyiv won.", "x"])
    assert evidence.equals(stance_evidence(with_sentences, n=1)[0])
    with pytest.raises(ValueError, match="pass corpus="):
        stance_evidence(mentions, n=1)


def test_stance_evidence_shows_the_words_around_a_mention_in_a_piece_of_unpunctuated_text():
    # a transcript's sentence is a piece of up to 1,000 characters; the evidence table showed all of it
    text = " ".join(f"w{k}" for k in range(100)) + " Kyiv failed " + " ".join(f"v{k}" for k in range(200))
    start = text.index("Kyiv")
    corpus = pd.DataFrame({"id": ["a"], "text": [text]})
    mentions = pd.DataFrame({
        "id": ["a"], "start": [start], "end": [start + 4], "target": ["T"], "source": ["S"], "score": [-0.6],
        "voice": ["author"], "text": ["Kyiv"], "evidence": ["failed(-0.6)"], "model_evidence": [""],
        "sentence_start": [0], "sentence_end": [len(text)],
    })
    assert len(text) == 1291
    sentence = stance_evidence(mentions, n=1, corpus=corpus)[0]["sentence"].iloc[0]
    # cut at words, with "…" as the strongest loaded terms' context is (summaries.context)
    assert sentence == "…" + text[text.index("w14 "):text.index(" v87")] + "…" and len(sentence) == 695

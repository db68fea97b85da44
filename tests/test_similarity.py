"""Near-duplicate detection: exact shingle containment on hand-made texts, the bundled relay pair, collapsing."""

import pandas as pd
import pytest

from analysis import paths
from analysis.corpus import load_corpus
from analysis.similarity import (
    DEFAULT_THRESHOLD,
    collapse_near_duplicates,
    near_duplicates,
    shingles,
    similarity_matrix,
)

TEXTS = {
    "t1": "Alpha bravo charlie delta echo.",  # trigrams: abc, bcd, cde (3)
    "t2": "alpha bravo charlie delta foxtrot golf",  # abc, bcd, cdf, dfg (4); shares abc, bcd with t1
    "t3": "Hotel india juliet kilo.",  # hij, ijk: nothing shared
    "t4": "Alpha",  # no trigram at all
}


def corpus(texts=TEXTS, **extra):
    return pd.DataFrame({"id": list(texts), "source": "s", "text": list(texts.values()), **extra})


def test_shingles_are_lower_case_word_trigrams():
    assert shingles("Alpha bravo, Charlie’s delta") == ["alpha bravo charlie", "bravo charlie delta"]
    assert shingles("two words") == []


def test_containment_and_jaccard_exact():
    cont = similarity_matrix(corpus())
    # |t1 & t2| = 2; containment = 2 / min(3, 4) = 2/3; resemblance = 2 / (3 + 4 - 2) = 2/5.
    assert cont.loc["t1", "t2"] == pytest.approx(2 / 3) and cont.loc["t2", "t1"] == pytest.approx(2 / 3)
    assert similarity_matrix(corpus(), method="jaccard").loc["t1", "t2"] == pytest.approx(2 / 5)
    assert cont.loc["t1", "t3"] == 0 and cont.loc["t4", "t1"] == 0
    assert list(cont.index) == ["t1", "t2", "t3", "t4"] and all(cont.loc[i, i] == 1 for i in cont.index)


def test_repeated_shingles_count_once():
    # "alpha bravo charlie alpha bravo charlie" has the distinct trigrams abc, bca, cab.
    sims = similarity_matrix(corpus({"x": "alpha bravo charlie alpha bravo charlie", "y": "alpha bravo charlie"}))
    assert sims.loc["x", "y"] == pytest.approx(1.0)  # y's only trigram is in x
    assert similarity_matrix(corpus({"x": "alpha bravo charlie alpha bravo charlie", "y": "alpha bravo charlie"}),
                             method="jaccard").loc["x", "y"] == pytest.approx(1 / 3)


def test_tfidf_cosine_identical_and_disjoint():
    sims = similarity_matrix(corpus({"a": "ceasefire talks", "b": "ceasefire talks", "c": "xyzzy"}), method="tfidf")
    assert sims.loc["a", "b"] == pytest.approx(1.0)
    assert sims.loc["a", "c"] == pytest.approx(0.0)


def test_near_duplicates_threshold_and_defaults():
    pairs = near_duplicates(corpus(), threshold=0.5)
    assert pairs.values.tolist() == [["t1", "t2", pytest.approx(2 / 3)]]
    assert near_duplicates(corpus(), threshold=0.7).empty
    with pytest.raises(ValueError, match="no default threshold"):
        near_duplicates(corpus(), method="tfidf")
    with pytest.raises(ValueError, match="threshold"):
        near_duplicates(corpus(), threshold=0)


def test_bundled_relay_pair_is_the_only_near_duplicate():
    raw = load_corpus(paths.RAW)
    sims = similarity_matrix(raw)
    ids = list(raw["id"])
    relay = ("001_8c9f463cf267f3af", "002_cbf11e591e9b38f6")
    # 53 of the 478 distinct word trigrams of 001 (the shorter) occur in 002.
    assert sims.loc[relay[0], relay[1]] == pytest.approx(53 / 478)
    others = [sims.loc[a, b] for i, a in enumerate(ids) for b in ids[i + 1 :] if (a, b) != relay]
    assert len(others) == 9 and max(others) < 0.03 < DEFAULT_THRESHOLD
    pairs = near_duplicates(raw)
    assert pairs[["id_a", "id_b"]].values.tolist() == [list(relay)]


def test_collapse_keeps_one_per_cluster_and_reports_the_mapping():
    texts = dict(TEXTS, t5="charlie delta foxtrot golf hotel")  # shares cdf, dfg with t2 only
    c = corpus(texts, date=["2025-03-02", "2025-03-01", "", "", "2025-02-28"])
    pairs = near_duplicates(c, threshold=0.5)
    # Both pairs score 2/3; ties are listed by id.
    assert pairs[["id_a", "id_b"]].values.tolist() == [["t1", "t2"], ["t2", "t5"]]
    # Single linkage: t1~t2 and t2~t5 make one cluster of three although t1 and t5 share nothing.
    kept, mapping = collapse_near_duplicates(c, pairs)
    assert kept["id"].tolist() == ["t2", "t3", "t4"]  # t2 has the most words (6)
    assert mapping.values.tolist() == [
        ["t1", "t2", 1, 3, False], ["t2", "t2", 1, 3, True], ["t3", "t3", 0, 1, True],
        ["t4", "t4", 0, 1, True], ["t5", "t2", 1, 3, False],
    ]
    assert collapse_near_duplicates(c, pairs, keep="first")[0]["id"].tolist() == ["t1", "t3", "t4"]
    assert collapse_near_duplicates(c, pairs, keep="earliest")[0]["id"].tolist() == ["t3", "t4", "t5"]
    assert kept.columns.tolist() == c.columns.tolist()
    with pytest.raises(ValueError, match="not in the corpus"):
        collapse_near_duplicates(c, pd.DataFrame({"id_a": ["t1"], "id_b": ["zz"]}))
    with pytest.raises(ValueError, match="date"):
        collapse_near_duplicates(corpus(), pairs.iloc[1:], keep="earliest")


def test_no_pairs_keeps_everything():
    kept, mapping = collapse_near_duplicates(corpus(), near_duplicates(corpus(), threshold=0.9))
    assert kept["id"].tolist() == list(TEXTS) and mapping["kept"].all() and (mapping["cluster"] == 0).all()

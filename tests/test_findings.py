"""Generated findings, highlighted segments and per-source summaries: exact outputs on hand-made tables."""

import pandas as pd
import pytest

from analysis.findings import certainty_sentence, extremes_sentence, stance_sentences, syndication_sentence
from analysis.highlight import segments
from analysis.summaries import category_shares, strongest_spans, term_counts_by_source


def test_extremes_sentence():
    summary = pd.DataFrame({"source": ["a outlet", "B", "C"], "mean": [3.0, 12.25, 7.0], "n_articles": [1, 4, 2]})
    assert extremes_sentence(summary, what="loaded language", unit="terms per 1,000 words") == (
        "B uses the most loaded language (12.2 terms per 1,000 words, 4 articles); a outlet the least (3.0, 1 article).")


def test_certainty_sentence_small_and_significant():
    row = pd.Series({"p_value": 0.8, "eta_squared": 0.64, "n_articles": 5, "n_groups": 4, "exact": True, "n_permutations": 60})
    text = certainty_sentence(row, n_small=4, n_sources=4)
    assert text.startswith("With 5 articles in 4 sources, a difference this large could arise by chance "
                           "(permutation test over exact relabellings of the articles, p = 0.80, η² = 0.64)")
    assert text.endswith("All 4 sources have fewer than three articles, so their means describe those articles only and carry no interval.")
    row = pd.Series({"p_value": 0.0004, "eta_squared": 0.3, "n_articles": 60, "n_groups": 3, "exact": False, "n_permutations": 10000})
    assert certainty_sentence(row, n_small=1, n_sources=3) == (
        "The sources differ by more than a random assignment of the 60 articles to sources would produce "
        "(permutation test over 10,000 random relabellings of the articles, p < 0.001, η² = 0.30). "
        "1 of the 3 sources has fewer than three articles, so their means describe those articles only and carry no interval.")
    assert certainty_sentence(None, n_small=0, n_sources=1).startswith("There are too few sources")


def test_stance_sentences_need_enough_mentions():
    means = pd.DataFrame({"Russia": [-0.4, 0.05], "NATO": [0.3, float("nan")]}, index=["A", "B"])
    counts = pd.DataFrame({"Russia": [5, 3], "NATO": [1, 0]}, index=["A", "B"])
    assert stance_sentences(means, counts, min_mentions=3) == [
        "Russia: A presents it unfavourably (-0.40), B about neutrally (+0.05)."]


def test_syndication_sentence():
    assert syndication_sentence([], collapsed=False) == ""
    assert syndication_sentence([("x", "y", 0.111)], collapsed=True) == (
        "One pair of articles shares enough text to be rewrites of one item (word-trigram containment): "
        "x and y (0.11); only the longest article of each group enters the statistics.")
    many = [(f"a{i}", f"b{i}", 0.1 + i / 100) for i in range(7)]
    assert syndication_sentence(many, collapsed=False, max_listed=2) == (
        "7 pairs of articles share enough text to be rewrites of one item (word-trigram containment): "
        "the most similar are a6 and b6 (0.16), a5 and b5 (0.15); both stay in the statistics.")
    # On a large corpus only the most similar pairs are passed; the total is counted.
    assert syndication_sentence(many[:3], collapsed=False, max_listed=2, n_pairs=12_497_500) == (
        "12,497,500 pairs of articles share enough text to be rewrites of one item (word-trigram containment): "
        "the most similar are a2 and b2 (0.12), a1 and b1 (0.11); both stay in the statistics.")
    with pytest.raises(ValueError, match="n_pairs=2 is smaller than the 3 pairs"):
        syndication_sentence(many[:3], collapsed=False, n_pairs=2)


def test_segments_rebuild_the_text_and_label_layers():
    text = "The so-called coalition met Kyiv."
    segs = segments(text, [("loaded", [(4, 13, "delegitimizing")]), ("mention", [(14, 23, "Coalition"), (28, 32, "Ukraine")])])
    assert "".join(s["text"] for s in segs) == text
    assert [(s["text"], s["loaded"], s["mention"]) for s in segs] == [
        ("The ", None, None), ("so-called", "delegitimizing", None), (" ", None, None),
        ("coalition", None, "Coalition"), (" met ", None, None), ("Kyiv", None, "Ukraine"), (".", None, None)]


def test_term_counts_category_shares_and_strongest_spans():
    corpus = pd.DataFrame({"id": ["a", "b"], "source": ["S", "T"], "text": ["so reckless and reckless", "a shameful plan"]})
    spans = pd.DataFrame({
        "id": ["a", "a", "b"], "start": [3, 16, 2], "end": [11, 24, 10], "text": ["reckless", "reckless", "shameful"],
        "term": ["reckless", "reckless", "shameful"], "category": ["loaded_wording"] * 3, "weight": [1.5, 1.5, 2.0],
        "in_quote": [False, False, True], "negated": [False, True, False]})
    terms = term_counts_by_source(spans, corpus)
    assert terms[["source", "term", "n"]].values.tolist() == [["S", "reckless", 1], ["T", "shameful", 1]]
    articles = pd.DataFrame({"id": ["a", "b"], "source": ["S", "T"], "loaded_loaded_wording": [1, 1], "loaded_fear_appeal": [1, 0]})
    shares, totals = category_shares(articles, ["loaded_wording", "fear_appeal"])
    assert shares.loc["S"].tolist() == [0.5, 0.5] and shares.loc["T"].tolist() == [1.0, 0.0]
    assert totals == {"S": 2, "T": 1}
    top = strongest_spans(spans, corpus, n=2, chars=5)
    assert top[["id", "match", "weight", "in_quote"]].values.tolist() == [["b", "shameful", 2.0, True], ["a", "reckless", 1.5, False]]
    assert (top.loc[0, "left"], top.loc[0, "right"]) == ("a ", " plan")


def test_large_counts_have_thousands_separators():
    big = pd.Series({"p_value": 0.76, "eta_squared": 0.0, "n_articles": 100000, "n_groups": 4, "exact": False, "n_permutations": 10000})
    assert certainty_sentence(big, n_small=0, n_sources=4).startswith("With 100,000 articles in 4 sources, a difference")
    big["p_value"] = 0.0001
    assert "a random assignment of the 100,000 articles to sources" in certainty_sentence(big, n_small=0, n_sources=4)
    summary = pd.DataFrame({"source": ["A", "B"], "mean": [13.3, 13.2], "n_articles": [24982, 25019]})
    assert extremes_sentence(summary, what="loaded language", unit="terms per 1,000 words") == (
        "A uses the most loaded language (13.3 terms per 1,000 words, 24,982 articles); B the least (13.2, 25,019 articles).")

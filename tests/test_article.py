"""Tests for analysis.text.article (one analysed article, the id-sorted loop) and the per-article measures."""

import dataclasses

import pandas as pd
import pytest

from analysis.measures import frames, loaded
from analysis.text.article import Article, articles
from analysis.text.lexicon import Lexicon


def _lexicon(patterns, categories):
    return Lexicon.from_frame(pd.DataFrame({"pattern": patterns, "category": categories, "weight": [1.0] * len(patterns)}))


def test_article_analyses_its_text_once_and_is_frozen():
    a = Article("a1", 'The so-called “peace” plan. Not reckless.', source="s")
    assert [t.norm for t in a.tokens] == ["the", "so", "called", "peace", "plan", "not", "reckless"]
    assert a.sentences == [(0, 27), (28, 41)]
    assert [(a.text[q.start:q.end], q.kind) for q in a.quotes] == [("peace", "scare")]
    assert a.plain[14] == '"' and a.n_tokens == 7
    assert a.tokens is a.tokens and a.prepared.tokens is a.tokens  # computed once, shared
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.text = "other"


def test_matches_are_found_once_per_pattern_set():
    lex = _lexicon(["reckless"], ["loaded_wording"])
    a = Article("a1", "Reckless, not reckless.")
    first = a.matches(lex)
    assert [(m.start, m.end) for m in first] == [(0, 8), (14, 22)]
    assert a.matches(lex) is first
    assert a.matches(_lexicon(["not"], ["x"])) is not first


def test_articles_sorts_ids_as_text_keeping_ties_in_corpus_order():
    corpus = pd.DataFrame({"id": [3, "10", "2", 3], "text": ["a", "b", "c", "d"], "source": list("wxyz")}, index=[7, 7, 1, 1])
    assert [(x.id, x.text, x.source) for x in articles(corpus)] == [("10", "b", "x"), ("2", "c", "y"), ("3", "a", "w"), ("3", "d", "z")]
    assert [x.source for x in articles(corpus.drop(columns="source"))] == ["", "", "", ""]


def test_measures_return_typed_rows():
    a = Article("a1", 'Reckless, not reckless. Ceasefire "talks".')
    spans = loaded.score(a, _lexicon(["reckless"], ["loaded_wording"]))
    assert [(s.start, s.category, s.negated, s.negator) for s in spans] == [
        (0, "loaded_wording", False, ""), (14, "loaded_wording", True, "not"), (35, "scare_quote", False, "")]
    assert list(spans[0]._fields) == loaded.SPAN_COLUMNS
    row = loaded.article_row(a, spans, ["loaded_wording", "scare_quote"])
    assert row[:6] == ["a1", None, 5, 2, 2, 400.0]
    found = frames.score(a, _lexicon(["ceasefire", "talks"], ["diplomacy", "diplomacy"]))
    assert [(f.text, f.frame, f.in_quote) for f in found] == [("Ceasefire", "diplomacy", False), ("talks", "diplomacy", True)]
    assert frames.article_row(a, found, ["diplomacy"], include_quoted=False)[3] == 1

"""Tests for analysis.measures.loaded_model: generic span features and the span re-ranker."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.measures.loaded import score, score_loaded
from analysis.measures.loaded_model import FEATURES, SPAN_MODEL, SpanModel, SpanModelError, span_features
from analysis.text.article import Article
from analysis.text.lexicon import Lexicon

TEXT = "The regime made reckless decisions. That is not nonsense!"


@pytest.fixture
def lexicon() -> Lexicon:
    return Lexicon.from_frame(pd.DataFrame({"pattern": ["reckless", "nonsense", "regime"],
                                            "category": ["loaded_wording", "loaded_wording", "name_calling"],
                                            "weight": [2.4, 1.8, 0.3]}))


def only(feature: str, coef: float, intercept: float, threshold: float) -> SpanModel:
    """A model that reads one feature (mean 0, scale 1)."""
    n = len(FEATURES)
    return SpanModel(FEATURES, (0.0,) * n, (1.0,) * n, tuple(coef if f == feature else 0.0 for f in FEATURES), intercept, threshold)


def test_span_features_of_a_hand_made_article(lexicon):
    article = Article("a", TEXT)
    counted = [s for s in score(article, lexicon) if not s.negated]
    assert [s.text for s in counted] == ["regime", "reckless decisions"]
    regime, reckless = (dict(zip(FEATURES, row)) for row in span_features(article, counted))
    # "reckless decisions": the phrase rule took the head noun; VADER gives "reckless" -1.7.
    assert (reckless["n_words"], reckless["extended"], reckless["valence_max"], reckless["valence_neg"]) == (2.0, 1.0, 1.7, 1.0)
    assert (reckless["cat_loaded_wording"], reckless["cat_name_calling"], reckless["sentence_spans"]) == (1.0, 0.0, 2.0)
    assert reckless["est"] == pytest.approx(1.386294, abs=1e-6)  # logit(2.4 / 3)
    # "regime": no valence of its own, "reckless" among its neighbours; the sentence has 5 words, one strong.
    assert (regime["valence_max"], regime["neighbour_valence"], regime["sentence_strong"]) == (0.0, 1.7, 1.0)
    assert regime["sentence_valence"] == pytest.approx(0.34)
    assert regime["est"] == pytest.approx(-2.197225, abs=1e-6)  # logit(0.1)
    assert regime["position"] == pytest.approx(4 / len(TEXT))


def test_span_model_drops_the_spans_below_its_threshold_and_keeps_negated_evidence(lexicon):
    corpus = pd.DataFrame({"id": ["a"], "source": ["s"], "text": [TEXT]})
    # p = sigmoid(est): 0.8 for weight 2.4, 0.1 for weight 0.3; threshold 0.5 keeps the heavy span only.
    articles, spans = score_loaded(corpus, lexicon, span_model=only("est", 1.0, 0.0, 0.5))
    assert spans["text"].tolist() == ["reckless decisions", "nonsense"]
    assert spans["negated"].tolist() == [False, True]
    assert (int(articles.at[0, "loaded_n"]), int(articles.at[0, "loaded_name_calling"])) == (1, 0)
    every = score_loaded(corpus, lexicon)[1]
    assert every["text"].tolist() == ["regime", "reckless decisions", "nonsense"]
    assert all(t == TEXT[s:e] for t, s, e in zip(spans["text"], spans["start"], spans["end"]))


def test_span_model_threshold_zero_reports_every_span(lexicon):
    corpus = pd.DataFrame({"id": ["a"], "source": ["s"], "text": [TEXT]})
    kept = score_loaded(corpus, lexicon, span_model=only("est", 1.0, 0.0, 0.0))[1]
    pd.testing.assert_frame_equal(kept, score_loaded(corpus, lexicon)[1])


def test_bundled_span_model_loads_with_the_features_of_this_version():
    model = SpanModel.from_json()
    data = json.loads(SPAN_MODEL.read_text(encoding="utf-8"))
    assert model.features == FEATURES == tuple(data["features"])
    assert (model.threshold, len(model.coef)) == (data["threshold"], len(FEATURES))
    assert 0.0 < model.threshold < 1.0


def test_span_model_file_errors_name_the_file_and_the_fix(tmp_path):
    with pytest.raises(SpanModelError, match=r"missing\.json: span model not found.*--span-model"):
        SpanModel.from_json(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SpanModelError, match=r"bad\.json: not a span model"):
        SpanModel.from_json(bad)
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"features": ["est"], "mean": [0], "scale": [1], "coef": [1], "intercept": 0, "threshold": 0.5}),
                   encoding="utf-8")
    with pytest.raises(SpanModelError, match=r"old\.json: its features are not those of this version"):
        SpanModel.from_json(old)

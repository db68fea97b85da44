"""Tests for analysis.measures.loaded_model: generic span features and the span re-ranker."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import paths
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


def test_span_model_never_filters_its_exempt_categories(lexicon, tmp_path):
    corpus = pd.DataFrame({"id": ["a"], "source": ["s"], "text": [TEXT]})
    path = _model_file(tmp_path / "m.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "never_filtered": ["name_calling"]}), encoding="utf-8")
    model = SpanModel.from_json(path)
    assert model.never_filtered == ("name_calling",)
    # "regime" (name_calling, p = 0.1) is below the threshold 0.5 but exempt; "reckless decisions" (p = 0.8) passes.
    articles, spans = score_loaded(corpus, lexicon, span_model=model)
    assert spans["text"].tolist() == ["regime", "reckless decisions", "nonsense"]
    assert (int(articles.at[0, "loaded_n"]), int(articles.at[0, "loaded_name_calling"])) == (2, 1)
    assert SpanModel.from_json(_model_file(tmp_path / "plain.json")).never_filtered == ()


def test_span_model_min_weight_drops_light_spans_even_of_exempt_categories(lexicon, tmp_path):
    corpus = pd.DataFrame({"id": ["a"], "source": ["s"], "text": [TEXT]})
    path = _model_file(tmp_path / "m.json", threshold=0.0)
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "never_filtered": ["name_calling"], "min_weight": 0.6}), encoding="utf-8")
    model = SpanModel.from_json(path)
    assert model.min_weight == 0.6
    # "regime" (name_calling, weight 0.3) is exempt from the threshold but lighter than the floor 0.6: not kept;
    # "reckless decisions" (2.4) is; the negated "nonsense" stays as evidence.
    articles, spans = score_loaded(corpus, lexicon, span_model=model)
    assert list(zip(spans["start"], spans["end"], spans["text"], spans["negated"])) == [
        (16, 34, "reckless decisions", False), (48, 56, "nonsense", True)]
    assert (int(articles.at[0, "loaded_n"]), int(articles.at[0, "loaded_name_calling"])) == (1, 0)
    # without the key: no floor, "regime" kept
    assert SpanModel.from_json(_model_file(tmp_path / "plain.json", threshold=0.0)).min_weight == 0.0


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
    assert model.never_filtered == ("name_calling", "delegitimizing") == tuple(data["never_filtered"])


def test_span_model_file_errors_name_the_file_and_the_fix(tmp_path):
    with pytest.raises(SpanModelError, match=r"missing\.json: span model not found.*python -m analysis loaded train"):
        SpanModel.from_json(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SpanModelError, match=r"bad\.json: not a span model"):
        SpanModel.from_json(bad)
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"features": ["est"], "mean": [0], "scale": [1], "coef": [1], "intercept": 0, "threshold": 0.5}),
                   encoding="utf-8")
    with pytest.raises(SpanModelError, match=r"old\.json: its features are not those of this version.*loaded train"):
        SpanModel.from_json(old)
    # "bundled": the shipped token tagger, wherever the model file is (a model of `loaded train`).
    bundled = _model_file(tmp_path / "elsewhere" / "m.json", tagger="bundled")
    assert SpanModel.from_json(bundled).tagger.source == str(paths.MODELS / "loaded_tagger.json")
    broken = _model_file(tmp_path / "b.json", tagger="no/such/tagger.json")
    with pytest.raises(SpanModelError, match=r"b\.json: its tagger: "):
        SpanModel.from_json(broken)


def _model_file(path, threshold: float = 0.5, tagger: str | None = None):
    n = len(FEATURES)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"features": list(FEATURES), "mean": [0.0] * n, "scale": [1.0] * n,
                                "coef": [1.0 if f == "est" else 0.0 for f in FEATURES], "intercept": 0.0,
                                "threshold": threshold, **({"tagger": tagger} if tagger else {})}), encoding="utf-8")
    return path


def test_score_span_model_flag_filters_the_spans_and_says_so(tmp_path, capsys):
    from analysis.cli.main import main

    corpus = tmp_path / "c.csv"
    pd.DataFrame({"id": ["a"], "source": ["s"], "text": [TEXT]}).to_csv(corpus, index=False)
    lex = tmp_path / "lex.csv"
    lex.write_text("pattern,category,weight,provenance\nreckless,loaded_wording,2.4,test\nnonsense,loaded_wording,1.8,test\n"
                   "regime,name_calling,0.3,test\n", encoding="utf-8")
    model = _model_file(tmp_path / "m.json")
    common = ["--lexicon", str(lex), "--domain", "core", "--stance", "rules", "--no-progress"]
    assert main(["score", str(corpus), "--out", str(tmp_path / "every"), *common, "--span-model", "none"]) == 0
    err = capsys.readouterr().err
    assert "loaded-language spans: every lexicon span (--span-model none)" in err and "span re-ranker" not in err
    every = pd.read_csv(tmp_path / "every" / "spans.csv")
    assert every["text"].tolist() == ["regime", "reckless decisions", "nonsense"]
    assert main(["score", str(corpus), "--out", str(tmp_path / "kept"), *common, "--span-model", str(model)]) == 0
    assert "loaded-language spans: those the span re-ranker" in capsys.readouterr().err
    kept = pd.read_csv(tmp_path / "kept" / "spans.csv")
    # p = sigmoid(logit(weight / 3)) = weight / 3: 0.1 for "regime" (dropped), 0.8 for "reckless" (kept); "nonsense" is negated.
    assert kept["text"].tolist() == ["reckless decisions", "nonsense"]
    assert kept["negated"].tolist() == [False, True]
    articles = pd.read_csv(tmp_path / "kept" / "articles.csv")
    assert (int(articles.at[0, "loaded_n"]), int(articles.at[0, "loaded_name_calling"])) == (1, 0)
    # Without FILE: the bundled model, forced on this lexicon.
    assert main(["score", str(corpus), "--out", str(tmp_path / "bundled"), *common, "--span-model"]) == 0
    assert ("span re-ranker data/lexicons/loaded_span_model.json keeps (probability >= 0.15; --span-model none: every "
            "lexicon span)") in capsys.readouterr().err
    # (name_calling is never filtered; the bundled model keeps "reckless" at weight 2.4)
    assert pd.read_csv(tmp_path / "bundled" / "spans.csv")["text"].tolist() == ["regime", "reckless decisions", "nonsense"]
    # Without the option (the default, auto): this lexicon is not the one the re-ranker was fitted for, so every
    # span is counted, and stderr says why in one line, with the flag that forces the re-ranker.
    assert main(["score", str(corpus), "--out", str(tmp_path / "default"), *common]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("loaded-language spans:")]
    assert lines == [f"loaded-language spans: every lexicon span, not re-ranked: the lexicon {lex} is not the bundled one "
                     "that the span re-ranker was fitted for (its weights may be on another scale); --span-model (or "
                     "--span-model FILE) applies a re-ranker anyway"]
    for name in ("articles.csv", "spans.csv"):
        assert (tmp_path / "default" / name).read_bytes() == (tmp_path / "every" / name).read_bytes()


def test_default_span_model_is_the_bundled_reranker_only_for_the_bundled_lexicon(tmp_path, capsys):
    from analysis import paths
    from analysis.cli.main import main
    from analysis.tables.score import Scorer, span_model_for

    lex = tmp_path / "lex.csv"
    lex.write_text("pattern,category,weight,provenance\nreckless,loaded_wording,2.4,test\n", encoding="utf-8")
    copy = tmp_path / "copy.csv"
    copy.write_bytes(paths.LOADED_LEXICON.read_bytes())
    assert span_model_for("auto", None) == (True, "")
    assert span_model_for("auto", paths.LOADED_LEXICON) == (True, "")
    assert span_model_for("auto", copy) == (True, "")  # a byte-identical copy is the bundled lexicon
    assert span_model_for("auto", lex)[0] is False and str(lex) in span_model_for("auto", lex)[1]
    # Explicit choices win over the lexicon.
    assert span_model_for("bundled", lex) == (True, "") and span_model_for("none", None) == (False, "")
    assert span_model_for(str(tmp_path / "m.json"), lex) == (str(tmp_path / "m.json"), "")
    assert Scorer.load(lexicon=lex, stance="rules").span_model is None
    assert Scorer.load(lexicon=lex, stance="rules", span_model="bundled").span_model is not None
    assert Scorer.load(lexicon=copy, stance="rules").span_model is not None
    # score on the bundled corpus with the bundled lexicon (named or not): the re-ranker's 9 spans, no warning.
    for extra in ([], ["--lexicon", str(paths.LOADED_LEXICON)]):
        out = tmp_path / f"raw{len(extra)}"
        assert main(["score", str(paths.RAW), "--out", str(out), "--stance", "rules", "--no-progress", *extra]) == 0
        err = capsys.readouterr().err
        assert "not re-ranked" not in err and "span re-ranker data/lexicons/loaded_span_model.json keeps" in err
        assert len(pd.read_csv(out / "spans.csv")) == 9


def test_default_scorer_reports_the_spans_the_bundled_reranker_keeps_on_the_bundled_corpus():
    from analysis import paths
    from analysis.corpus import load_corpus
    from analysis.tables.score import Scorer

    corpus = load_corpus(paths.RAW)
    default, every = Scorer.load(domains=["war"])(corpus), Scorer.load(domains=["war"], span_model=None)(corpus)
    spans, articles = default["spans"], default["articles"]
    got = spans[["id", "text", "category"]].assign(id=spans["id"].str[:3]).values.tolist()
    # Read in the texts: the two phrases the report must find stay whole; the re-ranker drops 11 of the
    # 20 spans of `score --span-model none` (4 scare quotes, "aggression" twice, "looms", "teetering",
    # "threatening", "assertions", "scandal") and never "so-called" (delegitimizing, exempt).
    assert got == [
        ["000", "so-called", "delegitimizing"],
        ["000", "reckless decisions", "loaded_wording"],
        ["001", "provocative escalation", "loaded_wording"],
        ["002", "fearing", "fear_appeal"],
        ["002", "provocative nonsense", "doubt_discrediting"],
        ["002", "fearing", "fear_appeal"],
        ["004", "blood-soaked streets", "loaded_wording"],
        ["004", "absolute hell", "loaded_wording"],
        ["004", "chaotic push", "fear_appeal"],
    ]
    assert len(every["spans"]) == 20
    texts = dict(zip(corpus["id"], corpus["text"]))
    assert all(texts[r.id][r.start : r.end] == r.text for r in spans.itertuples())
    # The counts and intensities of articles.csv are those of the listed spans.
    counted = spans[~spans["negated"]]
    assert articles.set_index("id")["loaded_n"].to_dict() == {i: int((counted["id"] == i).sum()) for i in articles["id"]}
    weights = counted.groupby("id")["weight"].sum().reindex(articles["id"], fill_value=0.0)
    assert articles["loaded_intensity"].tolist() == pytest.approx((1000 * weights / articles.set_index("id")["n_tokens"]).tolist())


def test_score_span_model_flag_with_a_bad_file_is_one_line(tmp_path, capsys):
    from analysis.cli.main import main

    corpus = tmp_path / "c.csv"
    pd.DataFrame({"id": ["a"], "source": ["s"], "text": [TEXT]}).to_csv(corpus, index=False)
    code = main(["score", str(corpus), "--out", str(tmp_path / "o"), "--domain", "core", "--stance", "rules", "--no-progress",
                 "--span-model", str(tmp_path / "missing.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines()[-1].endswith("missing.json: span model not found; pass an existing file, or fit one "
                                                 "on your own coded articles with python -m analysis loaded train.")
    assert not (tmp_path / "o" / "spans.csv").exists()

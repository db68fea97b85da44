"""The bundled stance model with word vectors (`score --stance vectors`, version 4, the default of `score` before version 5): where it came from, its scores of
fixed sentences, its table's checks, the folded scoring path, and the CLI choice."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from analysis import paths
from analysis.cli.main import main
from analysis.measures.stance import analyze_spans, load_stance_resources, score_stance
from analysis.measures.stance_model import load_model, word_vectors_fingerprint
from analysis.tables.score import DEFAULT_STANCE, Scorer, ScoreError


@pytest.fixture(scope="module")
def model():
    return load_model(paths.STANCE_MODEL_VECTORS)


def test_the_vectors_model_says_where_it_came_from_and_which_table_it_reads(model):
    meta = model.metadata
    assert meta["name"] == "stance_newsmtsc_vectors" and meta["version"] == "4" and meta["command"] == "make models"
    assert "development part" in meta["training_data"] and "MIT" in meta["licence"] and "Hamborg" in meta["citation"]
    assert "all-MiniLM-L6-v2" in meta["word_vectors"] and "Apache-2.0" in meta["word_vectors"]
    assert model.config["features"] == "analysis.stance.analyze_spans v4"
    assert model.config["word_vectors"] == word_vectors_fingerprint()  # the bundled table is the one it was trained with
    assert model.folded_slots == ("#vL", "#vR", "#vS")
    assert sum(name.startswith(("#vL", "#vR", "#vS")) for name in model.vocabulary) == 3 * 32


# The vectors model's scores of the fixed sentences of test_stance_default_model.py (lexicon off). A rebuilt
# model or table (`make models`, scripts/build_stance_vectors.py) changes these numbers.
EXPECTED = [
    ("s0", "Russia", "author", -0.701147, False),
    ("s0", "Ukraine", "author", -0.989824, True),
    ("s1", "NATO", "author", 0.849381, False),
    ("s1", "Ukraine", "author", 0.991208, True),
    ("s2", "Russia", "author", 0.0, False),
    ("s2", "Ukraine", "reported", -0.629975, True),
    ("s3", "NATO", "author", 0.0, False),
]


def test_the_vectors_model_scores_fixed_sentences_and_names_words_in_evidence(model, stance_sentences):
    corpus, targets = stance_sentences
    with pytest.warns(UserWarning, match="trained with other lexicons"):  # no loaded-language lexicon here
        mentions, _stance = score_stance(corpus, targets, lexicon=False, model=model)
    assert [(r.id, r.target, r.voice, r.score, r.has_evidence) for r in mentions.itertuples()] == EXPECTED
    evidence = mentions.set_index(["id", "target"])["model_evidence"]
    # The word-vector groups are told by their words (before this change: "rules: negative words(-0.67); words after
    # it (vectors)(-0.50); words before it (vectors)(-0.48)" and "words after it (vectors)(+0.22); met(+0.16); its
    # sentence (vectors)(+0.14)"). "met" twice: its own feature (c=met), then its share of the vector means.
    assert evidence[("s2", "Ukraine")] == "rules: negative words(-0.79); atrocities(-0.67); said(-0.43)"
    assert evidence[("s3", "NATO")] == "ministers(+0.32); met(+0.17); met(+0.09)"
    assert not any("(vectors)" in e for e in evidence)


def test_folded_vector_columns_score_as_the_named_dimensions(model):
    text = "Critics said the reckless minister had betrayed the farmers, and Kyiv was praised by voters."
    spans = [(text.index("minister"), text.index("minister") + 8), (text.index("Kyiv"), text.index("Kyiv") + 4)]
    res = load_stance_resources()
    named = [ev.features for ev in analyze_spans(text, spans, res, features="vectors")]
    by_column = [ev.features for ev in analyze_spans(text, spans, res, features=model)]
    assert all(len([k for k in f if k.startswith("#vS")]) == 32 for f in named)
    assert not any(k.startswith(("#vL", "#vR", "#vS")) for f in analyze_spans(text, spans, res, features=True) for k in f.features)
    n_vocab = len(model.vocabulary)
    assert all(sorted(c for c in f if c >= n_vocab) == list(range(n_vocab, n_vocab + 9)) for f in by_column)  # 3 x 3
    assert np.allclose(model.predict_proba_features(named), model.predict_proba_features(by_column), rtol=0, atol=1e-12)
    assert model.explain_matrix(model.matrix(named)) == model.explain_matrix(model.matrix(by_column))  # groups as one
    assert model.explain(named) == model.explain_matrix(model.matrix(named))  # by name: no words known, groups as one
    assert not any("(vectors)" in e for e in model.explain(by_column))


def test_the_words_of_each_vector_group_sum_to_its_contribution(model):
    text = "Critics said the reckless minister had betrayed the farmers, and Kyiv was praised by voters in the city."
    spans = [(text.index("minister"), text.index("minister") + 8), (text.index("Kyiv"), text.index("Kyiv") + 4)]
    feats = [ev.features for ev in analyze_spans(text, spans, load_stance_resources(), features=model)]
    X = model.matrix(feats).toarray()
    n_vocab, n_classes, pos, neg = len(model.vocabulary), len(model.classes), 2, 0
    for row, f in enumerate(feats):
        shares = model.word_contributions(f.words)
        assert list(shares) == ["#vL", "#vR", "#vS"]
        for g, slot in enumerate(model.folded_slots):
            column = n_vocab + g * n_classes
            aggregate = X[row, column + pos] - X[row, column + neg]
            assert abs(sum(v for _w, v in shares[slot]) - aggregate) < 1e-9
        assert "<T>" not in {w for pairs in shares.values() for w, _v in pairs}
    assert [w for w, _v in model.word_contributions(feats[1].words)["#vL"]] == ["had", "betrayed", "the", "farmers", "and"]  # "," has no vector


def test_a_hand_made_vector_model_names_each_word_with_its_summed_share(tmp_path, monkeypatch, stance_sentences):
    from analysis.measures.stance_model import StanceModel

    table = tmp_path / "t.npz"
    np.savez(table, pieces=np.array(["good", "bad", "the", "plan"]), vectors=np.array([[2.0], [-2.0], [0.0], [1.0]]),
             weights=np.array([0.5, 1.0, 0.1, 0.25]))
    monkeypatch.setattr(paths, "STANCE_WORD_VECTORS", table)
    # Classes neg, neu, pos; one dimension per group: pos - neg is 1 before the mention, 2 after it, 0.5 for the sentence.
    tiny = StanceModel(["#vL0", "#vR0", "#vS0"], np.array([[0.0, -1.0, 0.5], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]),
                       np.zeros(3))
    corpus = pd.DataFrame({"id": ["a"], "text": ["Bad good Kyiv plan the bad."]})
    mentions, _stance = score_stance(corpus, stance_sentences[1], lexicon=False, model=tiny)
    # A word's share of a group: weight * vector * (pos - neg) * 0.5 (the features' scale) / the group's summed weights
    # (before: bad, good; after: plan, the, bad; sentence: bad, good, plan, the, bad; "." has no vector).
    # bad: -2/3 - 2/1.35 - 2 * 0.5/2.85 = -2.4990; good: 1/3 + 0.25/2.85 = 0.4211; plan: 0.25/1.35 + 0.0625/2.85 = 0.2071
    assert mentions["model_evidence"].tolist() == ["bad(-2.50); good(+0.42); plan(+0.21)"]
    feats = [ev.features for ev in analyze_spans("Bad good Kyiv plan the bad.", [(9, 13)], load_stance_resources(),
                                                 features=tiny)]
    shares = tiny.word_contributions(feats[0].words)
    expected = {"#vL": [("bad", -2 / 3), ("good", 1 / 3)], "#vR": [("plan", 0.25 / 1.35), ("bad", -2 / 1.35)],
                "#vS": [("bad", -0.5 / 2.85), ("good", 0.25 / 2.85), ("plan", 0.0625 / 2.85), ("bad", -0.5 / 2.85)]}
    assert {slot: [w for w, _v in pairs] for slot, pairs in shares.items()} == {
        slot: [w for w, _v in pairs] for slot, pairs in expected.items()}
    for slot, pairs in expected.items():
        assert [v for _w, v in shares[slot]] == pytest.approx([v for _w, v in pairs], rel=1e-12)
    assert tiny.explain(feats) == ["bad(-2.50); good(+0.42); plan(+0.21)"]


def test_score_loads_the_roles_model_by_default(model):
    assert DEFAULT_STANCE == "roles"
    assert Scorer.load().stance_model.metadata["version"] == "6"
    assert Scorer.load(stance="roles").stance_model.metadata["version"] == "6"
    assert Scorer.load(stance="vectors").stance_model.metadata["version"] == "4"
    assert Scorer.load(stance="model").stance_model.metadata["version"] == "3"
    # a model file (`score --stance-model FILE`) is scored instead of the bundled model, with the default too
    assert Scorer.load(stance_model=paths.STANCE_MODEL).stance_model.metadata["version"] == "3"
    with pytest.raises(ScoreError, match=r"stance='rules'; drop one of them"):
        Scorer.load(stance="rules", stance_model=paths.STANCE_MODEL)


def test_a_missing_or_other_table_stops_with_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "STANCE_WORD_VECTORS", tmp_path / "none.npz")
    with pytest.raises(ScoreError) as err:
        Scorer.load(stance="vectors")
    assert str(err.value).startswith(f"{tmp_path / 'none.npz'}: no such word-vector table, which this stance model reads")
    assert "\n" not in str(err.value)
    Scorer.load(stance="model")  # the model without word vectors reads no table
    with pytest.raises(ScoreError, match="no such word-vector table"):
        Scorer.load()  # the default reads it
    other = tmp_path / "other.npz"
    shutil.copyfile(paths.MODELS / "stance_word_vectors.npz", other)
    with open(other, "ab") as fh:
        fh.write(b"x")
    monkeypatch.setattr(paths, "STANCE_WORD_VECTORS", other)
    with pytest.raises(ScoreError, match=r"other\.npz: word-vector table [0-9a-f]{12}, but the stance model was trained "
                                         r"with [0-9a-f]{12}; restore the table"):
        Scorer.load(stance="vectors")


def test_cli_stance_vectors(tmp_path):
    corpus = tmp_path / "c.csv"
    pd.DataFrame({"id": ["a"], "source": ["s"], "text": ["NATO praised Kyiv for its courage and resilience."]}).to_csv(
        corpus, index=False)
    assert main(["score", str(corpus), "--out", str(tmp_path / "m"), "--stance", "model", "--no-progress"]) == 0
    assert main(["score", str(corpus), "--out", str(tmp_path / "v"), "--no-progress"]) == 0  # the default: vectors
    m = pd.read_csv(tmp_path / "m" / "mentions.csv", keep_default_na=False).set_index("target")
    v = pd.read_csv(tmp_path / "v" / "mentions.csv", keep_default_na=False).set_index("target")
    assert "(vectors)" not in m.loc["NATO", "model_evidence"] + v.loc["NATO", "model_evidence"]  # v4: words
    assert m.loc["NATO", "model_evidence"] != v.loc["NATO", "model_evidence"]
    assert m.loc["NATO", "score"] != v.loc["NATO", "score"]
    assert m.loc["Ukraine", "score_rules"] == v.loc["Ukraine", "score_rules"]  # the rules are the same

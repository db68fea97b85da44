"""The shipped stance model without word vectors (`score --stance model`, version 3, the default of `score` until
issue 15): it loads, says where it came from, scores fixed sentences; `score`'s default and its options."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import paths
from analysis.cli.main import main
from analysis.tables.score import Scorer, ScoreError
from analysis.measures.stance import load_stance_resources, resources_fingerprint, score_stance
from analysis.measures.stance_model import feature_label, load_model


@pytest.fixture(scope="module")
def model():
    return load_model(paths.STANCE_MODEL)


def test_shipped_model_says_where_it_came_from(model):
    meta = model.metadata
    assert meta["name"] == "stance_newsmtsc" and meta["version"] == "3"
    assert meta["command"] == "make models"
    assert "NewsMTSC" in meta["training_data"] and "development part" in meta["training_data"]
    assert "MIT" in meta["licence"] and "Hamborg" in meta["citation"]
    assert model.config["features"] == "analysis.stance.analyze_spans v3"
    assert model.classes == ("neg", "neu", "pos") and len(model.vocabulary) > 10_000


def test_shipped_model_matches_the_bundled_lexicons(model):
    now = resources_fingerprint(load_stance_resources())
    assert model.config["resources"] == now, (
        "the bundled loaded-language lexicon or stance cue file changed after the shipped stance model was built: "
        "rebuild it with `make models` (needs NewsMTSC in the development data) and update the expected numbers "
        "in test_shipped_model_scores_fixed_sentences"
    )


# The shipped model's scores of fixed sentences (without the loaded-language lexicon, so that only
# the model file and the cue file matter). A rebuilt model (`make models`) changes these numbers.
EXPECTED = [
    # the model, unlike the rules, reads the accuser as negative too, but no words are aimed at it: no evidence
    ("s0", "Russia", "author", -0.565057, False),
    ("s0", "Ukraine", "author", -0.97831, True),
    ("s1", "NATO", "author", 0.720508, False),  # the one who praises: the praise is aimed at Kyiv
    ("s1", "Ukraine", "author", 0.972608, True),
    ("s2", "Russia", "author", 0.0, False),
    ("s2", "Ukraine", "reported", -0.33134, True),  # the Kremlin's voice, not the author's
    ("s3", "NATO", "author", 0.0, False),
]
EXPECTED_EVIDENCE = "rules: negative words(-1.16); rules: author's words(-0.99); rules: acted upon(-0.78)"


def test_shipped_model_scores_fixed_sentences(model, stance_sentences):
    corpus, targets = stance_sentences
    with pytest.warns(UserWarning, match="trained with other lexicons"):  # no loaded-language lexicon here
        mentions, stance = score_stance(corpus, targets, lexicon=False, model=model)
    got = [(r.id, r.target, r.voice, r.score, r.has_evidence) for r in mentions.itertuples()]
    assert got == EXPECTED
    kyiv = mentions[(mentions["id"] == "s0") & (mentions["target"] == "Ukraine")].iloc[0]
    assert kyiv["model_evidence"] == EXPECTED_EVIDENCE
    s = stance.set_index(["id", "target"])
    # a mention without evidence counts 0 in the article's stance, whatever the model's score
    assert s.loc[("s0", "Russia"), ["stance", "n_author_evidence"]].tolist() == [0.0, 0]
    assert s.loc[("s0", "Ukraine"), ["stance", "n_author_evidence"]].tolist() == [-0.97831, 1]
    assert s.loc[("s2", "Ukraine"), "stance"] == 0.0  # author's voice: nothing
    assert s.loc[("s2", "Ukraine"), "stance_quoted"] == -0.33134 and s.loc[("s2", "Ukraine"), "sourced_by"] == "Russia"


def test_feature_labels_are_readable():
    assert feature_label("b=<M>_said") == "<M> said"
    assert feature_label("c=reckless") == "reckless"
    assert feature_label("n=good") == "not good"
    assert feature_label("#reported") == "in indirect speech"
    assert feature_label("sR=accus") == "accus*"


def test_score_uses_the_roles_model_by_default_and_the_others_on_request():
    assert Scorer.load().stance_model.metadata["version"] == "6"  # the model with word vectors and the rules' roles
    assert Scorer.load(stance="vectors").stance_model.metadata["version"] == "4"
    assert Scorer.load(stance="model").stance_model.metadata["version"] == "3"
    assert Scorer.load(stance="rules").stance_model is None
    with pytest.raises(ScoreError, match="use 'roles' .* 'vectors' .* 'model' .* or 'rules' \\(default: 'roles'\\)"):
        Scorer.load(stance="vader")
    with pytest.raises(ScoreError, match="drop one of them"):
        Scorer.load(stance="rules", stance_model=paths.STANCE_MODEL)


def test_cli_default_model_and_rules(tmp_path):
    corpus = tmp_path / "c.csv"
    pd.DataFrame({"id": ["a"], "source": ["s"], "text": ["Russia accused Kyiv of reckless decisions."]}).to_csv(corpus, index=False)
    assert main(["score", str(corpus), "--out", str(tmp_path / "d"), "--no-progress"]) == 0
    assert main(["score", str(corpus), "--out", str(tmp_path / "v"), "--stance", "roles", "--no-progress"]) == 0
    assert main(["score", str(corpus), "--out", str(tmp_path / "m"), "--stance", "model", "--no-progress"]) == 0
    assert main(["score", str(corpus), "--out", str(tmp_path / "r"), "--stance", "rules", "--no-progress"]) == 0
    for name in ("mentions.csv", "stance.csv"):  # the default is --stance roles
        assert (tmp_path / "d" / name).read_bytes() == (tmp_path / "v" / name).read_bytes()
    d = pd.read_csv(tmp_path / "d" / "mentions.csv", keep_default_na=False).set_index("target")
    m = pd.read_csv(tmp_path / "m" / "mentions.csv", keep_default_na=False).set_index("target")
    r = pd.read_csv(tmp_path / "r" / "mentions.csv", keep_default_na=False).set_index("target")
    assert d.loc["Ukraine", "score"] != m.loc["Ukraine", "score"]  # the two models
    assert m.loc["Ukraine", "model_evidence"] != "" and r.loc["Ukraine", "model_evidence"] == ""
    assert r.loc["Ukraine", "score"] == r.loc["Ukraine", "score_rules"]
    assert d.loc["Ukraine", "score"] < 0 and m.loc["Ukraine", "score"] < 0 and r.loc["Ukraine", "score"] < 0
    s = pd.read_csv(tmp_path / "d" / "stance.csv", keep_default_na=False)
    assert {"id", "target", "n_mentions", "stance", "stance_low", "stance_high", "stance_call", "sourced_by"} <= set(s.columns)

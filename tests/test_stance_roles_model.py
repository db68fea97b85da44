"""The default stance model, version 5 (`score --stance roles`): the words the rules give a role are no learned features.

Version 4's features (words around the mention, n-grams, stems, word vectors, the rules' numbers) with the words the
outcome rules and the speech-act cues decide on shown as one role word that has no feature and no vector
(:func:`analysis.measures.stance._role_words`), and the valence features weighing those words as the rules do.
"""

from __future__ import annotations

import numpy as np
import pytest

from analysis import paths
from analysis.measures.stance import ROLE, analyze_spans, load_stance_resources
from analysis.measures.stance_model import load_model, word_vectors_fingerprint


@pytest.fixture(scope="module")
def model():
    return load_model(paths.STANCE_MODEL_ROLES)


def test_the_roles_model_says_where_it_came_from(model):
    meta = model.metadata
    assert meta["name"] == "stance_newsmtsc_roles" and meta["version"] == "6" and meta["command"] == "make models"
    assert "development part" in meta["training_data"] and "MIT" in meta["licence"] and "Hamborg" in meta["citation"]
    assert model.config["features"] == "analysis.stance.analyze_spans v6" and model.config["roles"] is True
    assert model.config["word_vectors"] == word_vectors_fingerprint()
    assert model.folded_slots == ("#vL", "#vR", "#vS")
    assert not any(ROLE in name for name in model.vocabulary)  # a role word is never a feature
    assert not {"#harm", "#reduced", "#rejected"} & set(model.vocabulary)  # the rules' numbers carry the outcomes


def _named(text: str, mention: str, features, others=()):
    spans = [(text.index(m), text.index(m) + len(m)) for m in (mention, *others)]
    return analyze_spans(text, spans, load_stance_resources(), features=features)[0].features


@pytest.mark.parametrize(("text", "mention", "gone", "kept", "others"), [
    # harm suffered
    ("Kyiv suffered heavy losses near Pokrovsk.", "Kyiv", {"suffered", "losses"}, {"heavy", "near"}, ()),
    # a reducer and the bad things it governs ("and" between them: version 6)
    ("Biden's plan reduced unemployment and poverty.", "Biden", {"reduced", "unemployment", "and", "poverty"}, {"plan"}, ()),
    # a rejection and the blame it governs, with the words between them (version 6: the phrase of the role)
    ("Kyiv denied committing atrocities.", "Kyiv", {"denied", "committing", "atrocities"}, set(), ()),
    # a charge no lexicon rates, governed by a denial (version 6), and what it charges
    ("Moscow denied any involvement in the bombing.", "Moscow", {"denied", "any", "involvement", "in", "the", "bombing"},
     set(), ()),
    # harm suffered in a named event (version 6): the event is no learned feature of the sufferer
    ("Kyiv suffered losses in the brutal assault.", "Kyiv", {"suffered", "losses", "in", "the", "brutal", "assault"},
     set(), ()),
    # a speech act aimed at its object (a mention) and its charge ("war crimes": a cue of two words)
    ("Kyiv accused Moscow of war crimes.", "Kyiv", {"accused", "war", "crimes"}, {"of"}, ("Moscow",)),
])
def test_the_words_with_a_role_leave_the_learned_features(text, mention, gone, kept, others):
    def words(feats) -> set[str]:
        return {part for name in feats if not name.startswith("#") for part in name.split("=", 1)[1].split("_")}

    roles, vectors = _named(text, mention, "roles", others), _named(text, mention, "vectors", others)
    assert gone <= words(vectors) and kept <= words(vectors)  # version 4 reads them all
    assert not gone & words(roles) and kept <= words(roles)
    assert not any(ROLE in name for name in roles)


def test_a_bad_thing_reduced_counts_as_credit_in_the_valence_features():
    text = "Biden's plan reduced unemployment and poverty."
    v4, v5 = _named(text, "Biden", "vectors"), _named(text, "Biden", "roles")
    assert v4["#val_right"] < 0 < v5["#val_right"] and v4["#sentence_valence"] < 0 < v5["#sentence_valence"]
    assert v4["#reduced"] == 6.0 and "#reduced" not in v5  # two bad things reduced, times NUMERIC_SCALE


def test_named_features_and_model_columns_score_the_same(model):
    text = "Russia accused Kyiv of brutal attacks, and NATO condemned the killing of civilians that Kyiv suffered."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Russia", "Kyiv", "NATO")]
    res = load_stance_resources()
    named = [ev.features for ev in analyze_spans(text, spans, res, features="roles")]
    by_column = [ev.features for ev in analyze_spans(text, spans, res, features=model)]
    assert np.allclose(model.predict_proba_features(named), model.predict_proba_features(by_column), rtol=0, atol=1e-12)

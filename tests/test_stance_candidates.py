"""The word-vector candidates of scripts/stance_candidates.py (round 5) on hand-made tables (no development data)."""

from __future__ import annotations

import numpy as np
import pytest

from script_module import load_script

C = load_script("stance_candidates")


def test_vector_candidate_names():
    assert C._vector_spec("vec-lr6-d32-s0.5-sif-sent") == {
        "window": 6, "dims": 32, "scale": 0.5, "sif": True, "clause": False, "sent": True, "near": False, "lr": True}
    assert C._vector_spec("vec-nolr-sent-d16-s1")["lr"] is False
    assert C._vector_spec("vec-lr6-wide") is None and C._vector_spec("stems-5") is None


class _Table:
    """Hand-set word vectors and weights (as StaticVectors.word gives them)."""

    words = {"the": (np.array([1.0, 0.0]), 0.1), "bad": (np.array([0.0, 2.0]), 1.0),
             "plan": (np.array([2.0, 2.0]), 0.5), "good": (np.array([4.0, 0.0]), 1.0)}

    def word(self, w):
        return self.words.get(w, (None, 1.0))


def test_vector_features_weighted_means_by_side_and_sentence():
    # "the <M> bad plan <T> good": the mention is token 1, another mention (masked) token 4
    words, clause = ["the", "<T>", "bad", "plan", "<T>", "good"], [0, 0, 0, 0, 1, 1]
    sif = C._vector_spec("vec-lr2-d2-s0.5-sif-sent")
    f = C.vector_features(sif, [(words, clause, 1, 1)], _Table())[0]
    assert f == pytest.approx({
        "#vL0": 0.5, "#vL1": 0.0,  # "the" alone, times 0.5
        "#vR0": 0.5 * 1.0 / 1.5, "#vR1": 0.5 * 3.0 / 1.5,  # (1 x bad + 0.5 x plan) / 1.5
        "#vS0": 0.5 * 5.1 / 2.6, "#vS1": 0.5 * 3.0 / 2.6,  # every word but the masked ones
    }, rel=1e-12)
    plain = C._vector_spec("vec-lr2-d2-s1-clause")
    g = C.vector_features(plain, [(words, clause, 1, 1), (words, clause, 5, 5)], _Table())
    assert g[0] == pytest.approx({"#vL0": 1.0, "#vL1": 0.0, "#vR0": 1.0, "#vR1": 2.0}, rel=1e-12)
    assert g[1] == {}  # "good": its clause has no other word with a vector


def test_static_vectors_split_words_into_pieces(tmp_path):
    vocab = ["[PAD]", "un", "##fair", "deal", "'", "t", "didn", "the"]
    vectors = np.arange(len(vocab) * 3, dtype=np.float32).reshape(len(vocab), 3) ** 1.5
    np.savez(tmp_path / "t.npz", vocab=np.array(vocab), vectors=vectors)
    table = C.StaticVectors(tmp_path / "t.npz", dims=2)
    assert table.pieces("unfair") == [1, 2]
    assert table.pieces("didn't") == [6, 4, 5]
    assert table.pieces("ideal") == []
    vec, weight = table.word("unfair")
    assert weight == 1.0 and vec == pytest.approx(table.table[[1, 2]].mean(axis=0), rel=1e-12)
    assert table.word("ideal") == (None, 1.0)
    assert table.word("deal")[1] == pytest.approx(1e-4 / (1e-4 + 1 / 8), rel=1e-12)  # every entry has rank 1 here


def test_round7_switches_name_the_rules_of_version_6():
    # roles+v5 turns every rule of version 6 off (its development number is version 5's), roles+no-X one of them
    from analysis.measures import stance

    res = stance.load_stance_resources()
    switches, v5 = C._round7("roles+v5", res)
    assert switches == {"CHARGES": frozenset(), "EVENT_PREPOSITIONS": frozenset(), "ROLE_PHRASE": False,
                          "ROLE_WEIGHT": 0.0, "CHARGE_LOADED": False, "VICTIMS": False, "SETTINGS": False,
                          "MODIFIERS": False, "POSSESSORS": False, "GERUNDS": False, "BASES": False, "ANTI": False, "OWN_VOICE": False, "EVIDENCE_AGREES": False,
                          "DISMISSALS": False, "PROXIES": False,
                          "PAST_VERBS": False, "REDUCER_PHRASES": False, "ANTI_COMPOUNDS": False,
                          "RELATIVES": False, "PERIODS": False, "THREATS": False, "SUBJECTS": False, "SUBORDINATES": False, "BILATERAL": False, "AGGRESSIONS": False, "LABELS": False, "SPEAKERS": False, "AGAINST": False, "HARM": stance.HARM - set(C._GRIEF) - {"infected"},
                          "analysis.text.tokens:_mended": C._punkt_pieces, **C.ROUND7["no-initials"],
                          **C.ROUND7["no-states"]}
    assert len(v5.cues) == len(res.cues) - 8 - 17 - 20 - 8 - 2 - 7 - 12 and not {"mourned", "critics"} & set(v5.cues.entries["pattern"])
    assert C._round7("roles+no-charges", res) == ({"CHARGES": frozenset()}, res)
    # round 35: Punkt's pieces of a sentence not mended (analysis.text.tokens)
    assert C._round7("roles+no-mended", res) == ({"analysis.text.tokens:_mended": C._punkt_pieces}, res)
    assert C._punkt_pieces("A (D-Calif.) said.", iter([(0, 12), (13, 18)])) == [(0, 12), (13, 18)]
    assert C._round7("roles+no-victims", res) == ({"VICTIMS": False}, res)  # round 8: version 6 before the rule
    assert C._round7("roles+no-settings", res) == ({"SETTINGS": False}, res)  # round 9: places after a preposition
    assert C._round7("roles+no-modifiers", res) == ({"MODIFIERS": False}, res)  # round 10: a country modifying a noun
    assert C._round7("roles+no-possessors", res) == ({"POSSESSORS": False}, res)  # round 11: the possessor of a harm
    assert C._round7("roles+no-gerunds", res) == ({"GERUNDS": False}, res)  # round 12: "claiming that"
    assert C._round7("roles+no-bases", res) == ({"BASES": False}, res)  # round 13: "believe that"
    assert C._round7("roles+no-anti", res) == ({"ANTI": False}, res)  # round 14: an actor after "anti-"
    assert C._round7("roles+no-dismissals", res) == ({"DISMISSALS": False}, res)  # round 18: "brushed aside"
    assert C._round7("roles+no-proxies", res) == ({"PROXIES": False}, res)  # round 19: "an attorney for X"
    assert C._round7("roles+no-pastverbs", res) == ({"PAST_VERBS": False}, res)  # round 20: "the Kremlin sent"
    assert C._round7("roles+no-opposition", res) == ({"REDUCER_PHRASES": False, "ANTI_COMPOUNDS": False}, res)  # round 21
    assert C._round7("roles+no-relatives", res) == ({"RELATIVES": False}, res)  # round 22: "Biden's son"
    assert C._round7("roles+no-periods", res) == ({"PERIODS": False}, res)  # round 24: "during Biden's presidency"
    assert C._round7("roles+no-threats", res) == ({"THREATS": False}, res)  # round 25: "a threat to X"
    assert C._round7("roles+no-subjects", res) == ({"SUBJECTS": False}, res)  # round 26: "..., and the crowds were angry"
    assert C._round7("roles+no-subordinates", res) == ({"SUBORDINATES": False}, res)  # round 28: "after a gunman used"
    assert C._round7("roles+no-bilateral", res) == ({"BILATERAL": False}, res)  # round 29: "the Russia-Ukraine war"
    assert C._round7("roles+no-aggressions", res) == ({"AGGRESSIONS": False}, res)  # round 30: "the war against Ukraine"
    assert C._round7("roles+no-labels", res) == ({"LABELS": False}, res)  # round 31: "X called Y a disaster"
    assert C._round7("roles+no-speakers", res) == ({"SPEAKERS": False}, res)  # round 32: "X, who ..., said the talks failed"
    assert C._round7("roles+no-against", res) == ({"AGAINST": False}, res)  # round 34: "stood firm against brutal aggression"
    attributes, fewer = C._round7("roles+no-reporting", res)  # round 33: the cue file without the neutral reporting verbs
    assert attributes == {} and len(fewer.cues) == len(res.cues) - 12 and "warned" not in set(fewer.cues.entries["pattern"])
    assert C._round7("roles+no-ownvoice", res) == ({"OWN_VOICE": False}, res)  # evidence in the mention's own voice
    assert C._round7("roles+no-agree", res) == ({"EVIDENCE_AGREES": False}, res)  # the rules' words point the class's way
    attributes, before = C._round7("roles+no-newswords", res)  # round 15: the cue file without the news words
    assert attributes == {} and len(before.cues) == len(res.cues) - 17 and "critics" not in set(before.cues.entries["pattern"])
    attributes, before = C._round7("roles+no-newswords16", res)  # round 16: the cue file without its news words
    assert attributes == {} and len(before.cues) == len(res.cues) - 20
    assert not {"protests", "health care", "the faithful"} & set(before.cues.entries["pattern"])
    attributes, before = C._round7("roles+no-bans", res)  # round 17: the cue file without the ban cues
    assert attributes == {} and len(before.cues) == len(res.cues) - 8
    assert not {"ban", "banned", "assault weapons"} & set(before.cues.entries["pattern"])
    attributes, before = C._round7("roles+no-illness", res)  # round 23: "protest" and "infected" out of the cue file
    assert attributes == {"HARM": stance.HARM - {"infected"}} and len(before.cues) == len(res.cues) - 2
    assert not {"protest", "infected"} & set(before.cues.entries["pattern"]) and "infected" in stance.HARM
    attributes, before = C._round7("roles+no-epistemic", res)  # round 27: "clear", "certainly", "true" ... out
    assert attributes == {} and len(before.cues) == len(res.cues) - 7
    assert not {"clear", "clearly", "sure", "true"} & set(before.cues.entries["pattern"])
    from analysis.text import tokens

    for name in switches:  # each switch is a rule of analysis.measures.stance (or "module:name"), on in version 6
        module, _, attribute = name.rpartition(":")
        assert getattr(tokens if module == "analysis.text.tokens" else stance, attribute) != switches[name]
    assert C._with_attributes({"ROLE_WEIGHT": 0.0}, lambda: stance.ROLE_WEIGHT) == 0.0 and stance.ROLE_WEIGHT == 1.0
    # a switch of another module is set there, and restored
    text = "Sen. Dianne Feinstein (D-Calif.) said no."
    assert C._with_attributes(C.ROUND7["no-mended"], lambda: tokens.sentences(text)) == [(0, 32), (33, 41)]
    assert tokens.sentences(text) == [(0, 41)]
    # round 37: a state's dotted abbreviation after a place ends no sentence with the switch (round 36)
    text = "It was in Chappaqua, N.Y. Mr. Gowdy asked."
    assert C._with_attributes(C.ROUND7["no-states"], lambda: tokens.sentences(text)) == [(0, 42)]
    assert tokens.sentences(text) == [(0, 25), (26, 42)]


def test_gold_rows_are_named_without_the_shipped_models_name():
    # --gold prints validate_stance's rows of the candidate's place without the shipped model's name
    assert C._row_name("") == "article stance"
    assert C._row_name(" (author's voice)") == "author's voice"
    assert C._row_name(", the article's call (`stance_call`)") == "the article's call (`stance_call`)"

"""One negation rule for loaded language and stance (analysis.text.negation)."""

from analysis.measures import loaded, stance
from analysis.measures.stance import analyze_spans, load_stance_resources
from analysis.text import negation
from analysis.text.negation import NEGATORS, NOT_NEGATING_NEXT, negator_before, sentiment_negators
from analysis.text.tokens import normalize_typography, tokenize


def test_no_longer_negates_and_not_only_does_not():
    # "no longer" negates ("no longer credible"): the stance copy of the exemption list had
    # "longer" in it, the loaded-language copy did not; one list now, without it.
    assert "longer" not in NOT_NEGATING_NEXT
    assert negator_before("this is no longer credible".split(), 4) == 2
    assert negator_before("not only reckless".split(), 2) is None
    assert negator_before("no doubt reckless".split(), 2) is None


def test_window_clause_and_negating_verbs():
    assert negator_before("not a very very reckless".split(), 4) is None  # four words back: outside the window
    assert negator_before("not a very very reckless".split(), 4, window=4) == 0
    words = "they did not stop ; good news".split()
    assert negator_before(words, 5, negators=sentiment_negators()) == 2
    assert negator_before(words, 5, negators=sentiment_negators(), outside=lambda k: k <= 4) is None
    assert negator_before("kyiv refused to engage".split(), 3, negators=sentiment_negators()) == 1
    assert negator_before("kyiv refused aid".split(), 2, negators=sentiment_negators()) is None
    assert negator_before("kyiv refused aid".split(), 2) is None  # not a loaded-language negator at all
    assert negator_before("it isn't reckless".split(), 2) == 1


def test_lists_are_those_of_each_measure():
    assert NEGATORS == frozenset({"not", "no", "never", "nor", "neither", "cannot"})
    assert loaded.NEGATORS is NEGATORS
    assert "without" in sentiment_negators() and "despite" not in sentiment_negators()
    assert "no" in sentiment_negators() and "refused" in sentiment_negators()  # VADER's list lacks "no"
    assert not hasattr(stance, "_NOT_NEGATING_NEXT")  # no second copy left in the stance scorer
    assert negation.is_negator("wasn't") and not negation.is_negator("nothing")
    assert negation.is_negator("nothing", sentiment_negators())


def test_loaded_language_uses_it():
    text = "The claims are no longer credible, and not only reckless."
    toks = tokenize(text)
    plain = normalize_typography(text)
    norms = [t.norm for t in toks]
    assert loaded.negator_before(toks, plain, norms.index("credible")) == "no"
    assert loaded.negator_before(toks, plain, norms.index("reckless")) is None


def test_stance_negation_and_its_model_features_stop_at_a_clause():
    res = load_stance_resources(lexicon=False)
    text = "Kyiv did not stop; good news followed."
    (ev,) = analyze_spans(text, [(0, 4)], res, features=True)
    assert "n=good" not in ev.features  # the clause ended at ";" (before: any negator three words back)
    text = "Kyiv is not good."
    (ev,) = analyze_spans(text, [(0, 4)], res, features=True)
    assert ev.features["n=good"] == 1.0
    # VADER's 1.9 / 4, negated (x -0.74), three words from the mention (1 / 1.4)
    assert [(label, round(value, 3)) for label, value, _, _ in ev.items] == [("good", -0.251)]


def test_no_negates_a_sentiment_word_for_stance():
    res = load_stance_resources(lexicon=False)
    (ev,) = analyze_spans("Kyiv showed no hostility.", [(0, 4)], res)
    # "hostility" after "no" is negated: its negative valence turns positive; "no" itself is no judgement (the cue
    # file's kind neutral since stance round 15; before, its VADER valence -0.25 was evidence too)
    assert [(label, round(value, 3)) for label, value, _, _ in ev.items] == [("hostility", 0.33)]
    (ev,) = analyze_spans("Kyiv showed no doubt hostility.", [(0, 4)], res)  # "no doubt" negates nothing
    assert [label for label, value, _, _ in ev.items if value > 0] == []

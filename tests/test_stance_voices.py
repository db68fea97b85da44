"""Outcomes are not blame, and indirect speech is the source's voice (analysis.measures.stance rules).

Each sentence is one of the failure modes of issue 15 or one like it; the expected numbers are
the rule-based scorer's, computed by hand from the cue file and VADER where stated.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.measures.stance import score_stance, stance_by_article, stance_by_source, stance_call
from analysis.measures.targets import Targets
from analysis.text.vader import lexicon as vader_lexicon

TARGETS = Targets.from_dict(
    {
        "Ukraine": ["Ukraine", "Kyiv", "Ukrainian soldiers", "Ukrainian forces"],
        "Russia": ["Russia", "Kremlin"],
        "Biden": ["Biden"],
        "NATO": ["NATO"],
    }
)


def v(word: str) -> float:
    return vader_lexicon()[word] / 4


def w(d: int) -> float:
    return 1.0 if d <= 1 else 1 / (1 + 0.2 * (d - 1))


def mentions_of(text: str) -> pd.DataFrame:
    mentions, _ = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), TARGETS, lexicon=False)
    return mentions.set_index("target")


# --- Outcomes are not blame -------------------------------------------------------------------


def test_soldiers_who_died_are_not_blamed():
    m = mentions_of("Three Ukrainian soldiers died defending Pokrovsk.").loc["Ukraine"]
    # "died" is harm suffered (a neutral cue): only "defending" (VADER, 2 words away) counts.
    assert "died" not in m["evidence"]
    assert m["evidence"] == "defending(+0.25)"
    assert m["score"] == pytest.approx(0.244919)  # tanh of "defending" (a directed cue, +0.3 to its agent, 2 words away)
    assert m["score"] > 0


def test_losses_suffered_are_not_stance():
    m = mentions_of("Kyiv suffered heavy losses near Pokrovsk.").loc["Ukraine"]
    assert m["score"] == 0.0 and m["evidence"] == ""


def test_reducing_a_bad_thing_is_credit_not_blame():
    m = mentions_of("Biden's plan reduced unemployment and poverty.").loc["Biden"]
    # Both bad things are governed by "reduced": their valence times -0.5, by distance.
    expected = math.tanh(-0.5 * v("unemployment") * w(3) - 0.5 * v("poverty") * w(5))
    assert m["score"] == pytest.approx(round(expected, 6))
    assert m["score"] > 0
    assert m["evidence"] == "unemployment(+0.17); poverty(+0.16)"


def test_fighting_corruption_and_curbing_crime_is_not_negative():
    m = mentions_of("Biden vowed to fight corruption and curb crime.").loc["Biden"]
    assert m["score"] > 0
    assert "crime(+" in m["evidence"]


def test_rejecting_an_accusation_is_not_self_blame():
    m = mentions_of("Kyiv rejected the accusation.").loc["Ukraine"]
    assert m["score"] == 0.0 and m["evidence"] == ""


def test_denying_atrocities_cancels_them():
    m = mentions_of("Kyiv denied committing atrocities.").loc["Ukraine"]
    assert "atrocities" not in m["evidence"] and "denied" not in m["evidence"]
    assert m["evidence"] == "committing(+0.06)"


def test_condemning_a_killing_is_not_killing():
    m = mentions_of("NATO condemned the killing of civilians.").loc["NATO"]
    assert m["score"] == 0.0


def test_the_accused_is_still_the_patient_of_an_accusation():
    m = mentions_of("Russia accused Kyiv of brutal attacks.")
    assert m.loc["Ukraine", "score"] < -0.5 and m.loc["Russia", "score"] == 0.0
    assert m.loc["Ukraine", "voice"] == "author"


def test_a_denied_charge_is_blame_rejected_though_no_lexicon_rates_it():
    # "allegations", "claims", "charges" are charges (stance.CHARGES): the denial governs them, so neither the charge
    # nor the denial ("denied": VADER -1.9) counts against the one who denies
    for text in ("The Kremlin denied the allegations.", "NATO rejected claims of aggression.", "Kyiv disputed the charges."):
        m = mentions_of(text)
        assert m["score"].tolist() == [0.0] and m["evidence"].tolist() == [""], text
    # what a charge charges is rejected with it: "involvement *in the bombing*"
    m = mentions_of("The Kremlin denied any involvement in the bombing.").loc["Russia"]
    assert m["score"] == 0.0 and m["evidence"] == ""
    # a denial that governs no blame is still VADER's negative word
    m = mentions_of("The Kremlin denied it.").loc["Russia"]
    assert m["evidence"] == "denied(-0.47)" and m["score"] == round(math.tanh(v("denied")), 6)


EVENT_TARGETS = Targets.from_dict({"Ukraine": ["Kyiv", "Ukrainian soldiers"], "Russia": ["Russian forces"]})


def event_mentions(text: str) -> pd.DataFrame:
    mentions, _ = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), EVENT_TARGETS, lexicon=False)
    return mentions.set_index("target")


def test_harm_suffered_in_an_event_is_not_the_sufferers_deed():
    # the event after a harm word and "in"/"of"/"by"... is not aimed at the sufferers before the harm word
    m = event_mentions("Ukrainian soldiers died in the assault by Russian forces.")
    assert (m.loc["Ukraine", "score"], m.loc["Ukraine", "evidence"]) == (0.0, "")
    # the agent named after it still gets it: "assault" (VADER -2.8), two words before "Russian forces"
    assert m.loc["Russia", "evidence"] == "assault(-0.58)"
    assert m.loc["Russia", "score"] == round(math.tanh(v("assault") * w(2)), 6)
    for text in ("Russian forces suffered heavy casualties in the assault.", "Kyiv mourned the victims of the massacre."):
        m = event_mentions(text)
        assert m["score"].tolist() == [0.0] and m["evidence"].tolist() == [""], text
    # "were killed in": harm suffered; "killed" is still the directed cue that makes its patient a victim (+0.2)
    m = event_mentions("Ukrainian soldiers were killed in the attack.").loc["Ukraine"]
    assert m["evidence"] == "killed(+0.17)" and m["score"] == round(math.tanh(0.2 * w(2)), 6)


def test_an_event_after_a_deed_is_still_the_doers():
    # "killed" without "were" is the deed of its subject, and so is the attack it was done in
    m = event_mentions("Russian forces killed civilians in the attack.").loc["Russia"]
    assert m["evidence"] == "killed(-0.60); attack(-0.22)"  # "attack": a directed cue, -0.4 to its agent, 5 words away


# --- Voices: indirect speech ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin said Ukrainian forces committed atrocities.",
        "The Kremlin said that Ukrainian forces committed atrocities.",
        "Ukrainian forces committed atrocities, the Kremlin said.",
        "According to the Kremlin, Ukrainian forces committed atrocities.",
    ],
)


def test_indirect_speech_is_the_sources_voice_not_the_authors(text):
    mentions, stance = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), TARGETS, lexicon=False)
    m = mentions.set_index("target")
    assert m.loc["Ukraine", "voice"] == "reported"
    assert m.loc["Ukraine", "speaker"] == "Russia"
    assert m.loc["Ukraine", "score_author"] == 0.0
    assert m.loc["Ukraine", "score_quoted"] == pytest.approx(-0.372796)
    assert m.loc["Ukraine", "evidence"] == "r:atrocities(-0.67); r:committed(+0.28)"
    assert m.loc["Russia", "voice"] == "author" and m.loc["Russia", "score"] == 0.0
    s = stance.set_index("target")
    assert s.loc["Ukraine", "stance"] == 0.0  # the author said nothing about Ukraine
    assert s.loc["Ukraine", "stance_quoted"] == pytest.approx(-0.372796)
    assert s.loc["Ukraine", "sourced_by"] == "Russia"


def test_speaker_without_a_target_is_named_by_its_words():
    m = mentions_of("Officials claimed that Kyiv was brutal.").loc["Ukraine"]
    assert (m["voice"], m["speaker"]) == ("reported", "officials")
    assert m["score_quoted"] == pytest.approx(round(math.tanh(v("brutal") * w(2)), 6))


def test_told_someone_that_keeps_the_addressee_in_the_authors_voice():
    m = mentions_of("Russia told NATO that Kyiv was brutal.")
    assert m.loc["NATO", "voice"] == "author"
    assert (m.loc["Ukraine", "voice"], m.loc["Ukraine", "speaker"]) == ("reported", "Russia")


def test_a_plain_sentence_stays_in_the_authors_voice():
    m = mentions_of("Kyiv said nothing.").loc["Ukraine"]  # fewer than three words reported
    assert m["voice"] == "author" and m["speaker"] == ""


# --- Article and source scores that say how sure they are --------------------------------------


def _mentions(rows):
    cols = ["id", "target", "score", "score_quoted", "voice", "has_evidence", "speaker"]
    return pd.DataFrame(rows, columns=cols)


def test_article_stance_carries_an_interval_and_a_call():
    m = _mentions([
        ("a", "Russia", -0.5, 0.0, "author", True, ""),
        ("a", "Russia", -0.3, 0.0, "author", True, ""),
        ("a", "Russia", -0.4, 0.0, "author", True, ""),
        ("a", "Russia", 0.0, -0.8, "reported", True, "Ukraine"),
        ("a", "Ukraine", 0.2, 0.0, "author", True, ""),
        ("a", "Ukraine", 0.0, 0.0, "author", False, ""),
    ])
    s = stance_by_article(m).set_index("target")
    r = s.loc["Russia"]
    assert (r["n_mentions"], r["n_author"], r["n_author_evidence"]) == (4, 3, 3)
    assert r["stance"] == pytest.approx(-0.4) and r["stance_evidence"] == pytest.approx(-0.4)
    # mean -0.4, sd 0.1, se 0.1/sqrt(3), t(0.975, 2) = 4.302653
    half = 4.302653 * 0.1 / math.sqrt(3)
    assert r["stance_low"] == pytest.approx(-0.4 - half, abs=1e-6)
    assert r["stance_high"] == pytest.approx(-0.4 + half, abs=1e-6)
    assert r["stance_call"] == "unfavourable"
    assert (r["stance_quoted"], r["n_quoted"], r["sourced_by"]) == (0.0, 1, "Ukraine")
    u = s.loc["Ukraine"]
    assert u["evidence_share"] == 0.5 and u["stance_evidence"] == pytest.approx(0.2)
    assert u["stance_call"] == "not enough evidence"  # one mention with evidence


def test_the_call_rests_on_the_mentions_with_evidence_not_on_the_factual_ones():
    # Two clearly unfavourable author-voice mentions and four factual ones (no evidence): the codebook
    # codes the article by its evaluative phrases, so the call is unfavourable. Counting the factual
    # mentions as 0 in the interval (before issue 15 item 2) made it `unclear`.
    m = _mentions([("a", "Russia", s, 0.0, "author", s != 0.0, "") for s in (-0.9, -0.8, 0.0, 0.0, 0.0, 0.0)])
    r = stance_by_article(m).set_index("target").loc["Russia"]
    assert r["stance"] == pytest.approx(-1.7 / 6, abs=1e-6) and r["stance_evidence"] == pytest.approx(-0.85)
    # mean -0.85, sd 0.05 * sqrt(2), se 0.05, t(0.975, 1) = 12.706205
    assert r["stance_low"] == -1.0  # -0.85 - 0.635, clipped to [-1, 1]
    assert r["stance_high"] == pytest.approx(-0.85 + 12.706205 * 0.05, abs=1e-6)
    assert r["stance_call"] == "unfavourable"


def test_stance_call_needs_an_interval_that_excludes_zero():
    assert stance_call(0.05, 0.4, 5) == "favourable"
    assert stance_call(-0.4, -0.01, 5) == "unfavourable"
    assert stance_call(-0.1, 0.3, 5) == "unclear"
    assert stance_call(0.1, 0.3, 1) == "not enough evidence"
    assert stance_call(float("nan"), float("nan"), 5) == "not enough evidence"


def test_source_stance_says_not_enough_evidence_when_thin():
    stance = pd.DataFrame({
        "id": ["a1", "a2", "a3", "b1"], "target": ["Russia"] * 4, "n_mentions": [2, 3, 1, 4],
        "stance": [-0.3, -0.5, -0.4, 0.2], "n_author_evidence": [2, 3, 1, 4],
    })
    sources = pd.DataFrame({"id": ["a1", "a2", "a3", "b1"], "source": ["A", "A", "A", "B"]})
    out = stance_by_source(stance, sources).set_index("source")
    assert out.loc["A", "n_articles"] == 3 and out.loc["A", "n_mentions"] == 6
    assert out.loc["A", "stance"] == pytest.approx(-0.4)
    assert out.loc["A", "stance_call"] == "unfavourable"  # -0.4 ± 4.30 * 0.1 / sqrt(3) excludes 0
    assert out.loc["B", "stance_call"] == "not enough evidence"


def test_findings_call_a_source_favourable_only_when_its_interval_excludes_zero():
    from analysis.compare.findings import adjust_claims, stance_claims, stance_sentences

    # A's interval excludes 0 (and its adjusted p passes): unfavourable; B's reaches 0: no lean claimed
    summary = pd.DataFrame({"source": ["A", "B"], "measure": ["Russia", "Russia"], "n_articles": [6, 6],
                            "mean": [-0.40, -0.05], "ci_low": [-0.6, -0.2], "ci_high": [-0.2, 0.1], "small_n": [False, False]})
    tests = pd.DataFrame({"source": ["A", "B"], "measure": ["Russia", "Russia"], "p_value": [0.01, 0.5]})
    claims = adjust_claims(stance_claims(summary, tests))
    assert stance_sentences(claims) == [
        "Stance toward Russia (-1 to +1, 0 neutral or no evidence). Unfavourable: A (-0.40, 95% interval -0.60 to -0.20, "
        "adjusted p = 0.020, 6 articles). Not distinguishable from neutral, with its mean: B (-0.05)."
    ]


PLACES = Targets.from_dict({"Coalition": ["Paris"], "Ukraine": ["Kyiv"], "Russia": ["Moscow"]})


def test_a_capital_after_in_is_a_place_not_the_target_or_the_speaker():
    def rows(text: str) -> pd.DataFrame:
        mentions, stance = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), PLACES, lexicon=False)
        return mentions.set_index("target"), stance.set_index("target")

    # "reckless" is aimed at the plan, not at Paris (it was given to Paris)
    m, _ = rows("Experts in Paris described the plan as reckless.")
    assert m.loc["Coalition", ["score_author", "score_quoted", "evidence"]].tolist() == [0.0, 0.0, ""]
    # the experts speak, not Moscow; what they say about Kyiv is theirs (it was sourced by Russia)
    m, s = rows("Experts in Moscow said Kyiv was reckless.")
    assert m.loc["Ukraine", ["voice", "speaker"]].tolist() == ["reported", "experts"]
    assert m.loc["Ukraine", "score_quoted"] == round(math.tanh(v("reckless") * w(2)), 6)
    assert m.loc["Russia", ["score_author", "score_quoted", "evidence"]].tolist() == [0.0, 0.0, ""]
    assert s.loc["Ukraine", "sourced_by"] == "experts"
    # a capital that is not after a preposition of place is still the actor
    m, _ = rows("Paris pushed a reckless plan.")
    assert m.loc["Coalition", "score_author"] == round(math.tanh(v("reckless") * w(3)), 6)
    # and the speaker of a label (round 31, stance.LABELS): "described the plan as reckless" is its voice, as "said the
    # plan was reckless" is (before round 31 the author's, aimed at Paris)
    m, _ = rows("Paris described the plan as reckless.")
    assert m.loc["Coalition", ["score_author", "score_quoted", "evidence"]].tolist() == [
        0.0, round(math.tanh(v("reckless") * w(5)), 6), "r:reckless(-0.24)"]


SETTINGS_TARGETS = Targets.from_dict({"United States": ["United States", "U.S."], "Russia": ["Russia", "Kremlin"],
                                      "NATO": ["NATO"]})


def test_a_country_or_a_seat_after_a_preposition_of_place_is_a_setting(monkeypatch):
    # Round 9 (stance._places): "across the United States", "at the Kremlin" name where something happens; the actor as
    # a setting is neutral (CODEBOOK.md), so the words of the sentence are not aimed at it
    from analysis.measures import stance

    def rows(text: str) -> pd.DataFrame:
        mentions, _ = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), SETTINGS_TARGETS, lexicon=False)
        return mentions.set_index("target")

    across = "Protests against racism spread across the United States."
    assert rows(across).loc["United States", ["score_author", "evidence"]].tolist() == [0.0, ""]
    for text in ("Corruption is rampant at the Kremlin.", "Corruption is rampant in Russia."):
        assert rows(text).loc["Russia", ["score_author", "evidence"]].tolist() == [0.0, ""]
    # the owner of what follows is no place ("faith in Russia's leaders"), and an organisation is none ("in NATO")
    assert rows("Investors lost faith in Russia's corrupt leaders.").loc["Russia", "evidence"] == "faith(+0.38); corrupt(-0.50)"
    assert rows("Corruption in NATO is rampant.").loc["NATO", "evidence"] == "Corruption(-0.42)"
    # a country that is not after a preposition of place is still the actor
    assert rows("Russia is rampant with corruption.").loc["Russia", "score_author"] < 0
    # switched off (the scorer before round 9), the setting took the sentence's words (round 34's rule switched off
    # too: since it, "against racism" is opposed, aimed at no one)
    monkeypatch.setattr(stance, "SETTINGS", False)
    monkeypatch.setattr(stance, "AGAINST", False)
    assert rows(across).loc["United States", ["score_author", "evidence"]].tolist() == [-0.449741, "racism(-0.48)"]


def test_a_country_that_modifies_a_noun_is_a_setting_unless_the_noun_is_its_agent_or_deed(monkeypatch):
    # Round 10 (stance._modifiers): "historic U.S. monuments" names the monuments' country; the words are aimed at them
    from analysis.measures import stance

    def evidence(text: str, target: str = "United States") -> str:
        mentions, _ = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), SETTINGS_TARGETS, lexicon=False)
        return mentions.set_index("target").loc[target, "evidence"]

    modifier = "Vandals smashed historic U.S. monuments in chaos."
    assert evidence(modifier) == ""
    # its agents and deeds ("officials", "response"), a clause's subject (first, or after "as"), a verb after it, and a
    # directed cue after it (the cue file's role) keep the country the actor
    assert evidence("Critics said the U.S. officials were reckless.") == "r:reckless(-0.30)"
    assert evidence("Critics mocked the reckless U.S. response.") == "reckless(-0.42)"
    assert evidence("The talks stalled as Russia demands absurd concessions.", "Russia") == "stalled(-0.17)"
    assert evidence("Prices soared after Russia invaded Ukraine.", "Russia") == "invaded(-0.70)"
    assert evidence("A ceasefire with Russia remains uncertain.", "Russia") == "uncertain(-0.25)"
    assert evidence("Chaotic Russia sanctions hurt farmers.", "Russia").startswith("sanctions(-0.40)")
    # switched off (the scorer before round 10), the modifier took the sentence's words
    monkeypatch.setattr(stance, "MODIFIERS", False)
    assert evidence(modifier) == "chaos(-0.48)"


def test_an_actor_after_anti_is_what_others_oppose_not_the_target_or_the_speaker(monkeypatch):
    # Round 14 (stance._opposed, ANTI): "anti-Russia rhetoric" names what the rhetoric opposes; the words are aimed at
    # the rhetoric (CODEBOOK.md: the author's stance toward Russia is not stated)
    from analysis.measures import stance

    def evidence(text: str) -> dict:
        mentions, _ = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), SETTINGS_TARGETS, lexicon=False)
        return dict(zip(mentions["target"], zip(mentions["voice"], mentions["speaker"], mentions["evidence"])))

    hateful = "Hateful anti-Russia rhetoric poisoned the debate."
    assert evidence(hateful) == {"Russia": ("author", "", "")}
    assert evidence("Violent Anti-NATO extremists stormed the hall.") == {"NATO": ("author", "", "")}
    # whoever runs the campaign is still its agent; the opposed is no speaker (the activists speak)
    assert evidence("Russia's brutal anti-NATO campaign shocked Europe.") == {
        "Russia": ("author", "", "brutal(-0.78); shocked(-0.18)"), "NATO": ("author", "", "")}
    assert evidence("Anti-Russia activists said NATO was reckless.") == {
        "Russia": ("author", "", ""), "NATO": ("reported", "activists", "r:reckless(-0.35)")}
    # switched off (the scorer before round 14), the opposed actor took the sentence's words
    monkeypatch.setattr(stance, "ANTI", False)
    assert evidence(hateful) == {"Russia": ("author", "", "Hateful(-0.46); anti(-0.33); poisoned(-0.46)")}


def test_news_words_vader_rates_are_no_stance():
    # Round 15 (the cue file's kind neutral): "top" officials, "as well", "critics of", "no matter", "a number of",
    # "wants" are how news writes, not the author's judgement; VADER rates them (top +0.8, well +1.1, critics -1.2)
    from analysis.measures.stance import load_stance_resources

    targets = Targets.from_dict({"Russia": ["Russia", "Kremlin", "Moscow"]})

    def evidence(text: str, **kw) -> str:
        mentions, _ = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), targets, lexicon=False, **kw)
        return mentions.loc[0, "evidence"]

    assert evidence("Top Kremlin officials attended the talks as well.") == ""
    assert evidence("Critics of Moscow said there was no deal.") == ""
    assert evidence("Moscow wants a number of concessions, no matter the cost.") == ""
    # "no" still negates the word after it, and the words a critic says are still the critic's
    assert evidence("Moscow showed no respect for the truce.") == "respect(-0.28)"
    assert evidence("Moscow made reckless demands, critics said.") == "r:reckless(-0.35)"
    # with the cue file before round 15 the words were evidence
    res = load_stance_resources()
    cues = res.cues.entries
    old = type(res.cues)(cues[~cues["pattern"].isin(["top", "well"])].reset_index(drop=True), source="<before>")
    assert evidence("Top Kremlin officials attended the talks as well.", cues=old) == "Top(+0.20); well(+0.14)"


def test_the_possessor_of_a_harm_it_suffered_is_its_victim(monkeypatch):
    # Round 11 (stance._victims, POSSESSORS): "Floyd's murder", "Kyiv's shelling by Russian soldiers", "Zelensky's brutal
    # torture" name a harm done to the possessor; misfortune is not stance (CODEBOOK.md)
    from analysis.measures import stance

    targets = Targets.from_dict({"George Floyd": ["George Floyd", "Floyd"], "Ukraine": ["Kyiv", "Zelensky"],
                                 "Russia": ["Russia", "Russian soldiers"]})

    def evidence(text: str) -> dict:
        mentions, _ = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), targets, lexicon=False)
        return dict(zip(mentions["target"], mentions["evidence"]))

    murder = "Outrage spread after George Floyd's brutal murder."
    assert evidence(murder) == {"George Floyd": ""}
    assert evidence("The police lynching of George Floyd provoked fury.") == {"George Floyd": ""}
    assert evidence("Kyiv's shelling by Russian soldiers was brutal.") == {"Ukraine": "", "Russia": "shelling(-0.50); brutal(-0.65)"}
    # an object after the harm, or a harm its possessor does, keeps the possessor its agent
    assert evidence("Kyiv's shelling of Donetsk was brutal.") == {"Ukraine": "shelling(-0.60); brutal(-0.43)"}
    assert evidence("Russia's brutal attack shocked Europe.") == {"Russia": "attack(-0.33); brutal(-0.78); shocked(-0.23)"}
    assert evidence("Russia's executions shocked Europe.") == {"Russia": "shocked(-0.27)"}  # many: the possessor does them
    # switched off (the scorer before round 11), the victim took the harm's words
    monkeypatch.setattr(stance, "POSSESSORS", False)
    assert evidence(murder) == {"George Floyd": "Outrage(-0.41); brutal(-0.78); murder(-0.77)"}


SPEECH_TARGETS = Targets.from_dict({"Ukraine": ["Kyiv", "Zelensky"], "Russia": ["Russia", "Moscow"]})


def _voice_rows(text: str) -> list:
    """``target, voice, speaker, score_author, evidence`` of each mention of ``text`` under the rules."""
    mentions, _ = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), SPEECH_TARGETS, lexicon=False)
    return mentions[["target", "voice", "speaker", "score_author", "evidence"]].values.tolist()


def test_a_reporting_verb_in_ing_before_that_opens_indirect_speech(monkeypatch):
    # Round 12 (stance.GERUNDS): "spent weeks claiming that ..." reports the speaker's words, as "said that" does
    from analysis.measures import stance

    claiming = "Moscow spent weeks claiming that Zelensky is a reckless leader."
    assert _voice_rows(claiming) == [["Russia", "author", "", 0.0, ""], ["Ukraine", "reported", "Russia", 0.0, "r:reckless(-0.30)"]]
    # without "that" the words stay the author's
    assert _voice_rows("Moscow kept insisting on reckless demands.") == [["Russia", "author", "", -0.259549, "reckless(-0.27)"]]
    # switched off (the scorer before round 12), the report was the author's voice
    monkeypatch.setattr(stance, "GERUNDS", False)
    assert _voice_rows(claiming)[1] == ["Ukraine", "author", "", -0.294578, "reckless(-0.30)"]


def test_a_reporting_verbs_base_form_before_that_opens_indirect_speech(monkeypatch):
    # Round 13 (stance.BASES): "critics believe that ..." reports, as "said that" does; and a short final clause whose
    # verb has "that" after it ("..., and experts warned that more will die") is no attribution of what came before
    from analysis.measures import stance

    believe = "Critics in Moscow believe that Zelensky is a reckless leader."
    assert _voice_rows(believe)[1] == ["Ukraine", "reported", "critics", 0.0, "r:reckless(-0.30)"]
    warned = "Russia shelled Kyiv in reckless raids, and experts warned that more will die."
    assert _voice_rows(warned)[0] == ["Russia", "author", "", -0.53705, "shelled(-0.60)"]
    # a short final clause without "that" still attributes what came before
    assert _voice_rows("Russia shelled Kyiv in reckless raids, experts said.")[0] == ["Russia", "reported", "experts", 0.0, "r:shelled(-0.60)"]
    # switched off (the scorer before round 13)
    monkeypatch.setattr(stance, "BASES", False)
    assert _voice_rows(believe)[1] == ["Ukraine", "author", "", -0.294578, "reckless(-0.30)"]
    assert _voice_rows(warned)[0] == ["Russia", "reported", "and experts", 0.0, "r:shelled(-0.60)"]


def _failure_rows(text: str, **kwargs) -> list:
    """``(target, score_author, evidence)`` of each mention of ``text`` scored by the rules alone (no loaded terms), with
    the actors of the failure sets (data/annotations/stance_failures_targets.csv)."""
    from analysis import paths

    targets = Targets.from_csv(paths.ANNOTATIONS / "stance_failures_targets.csv")
    mentions, _ = score_stance(pd.DataFrame({"id": ["a"], "text": [text]}), targets, lexicon=False, **kwargs)
    return [(r.target, r.score_author, r.evidence) for r in mentions.itertuples()]


def test_who_bans_is_not_judged_by_the_word_and_what_is_banned_is_acted_upon():
    # Round 17 (cue rows "ban", "bans", "banned", "banning", directed like "sanctions"): VADER's "ban" (-2.6) no longer
    # goes to whoever bans; the banned get -0.4 (less in the passive), and "assault weapons" names firearms (0)
    rows = _failure_rows

    assert rows("Biden will ban the sale of new petrol cars from 2035.") == [("Biden", 0.0, "")]
    assert rows("The U.S. ban on Russian oil took effect on Monday.") == [("United States", 0.0, "")]
    assert rows("Biden's ban on assault weapons expired in 2004.") == [("Biden", 0.0, "")]
    assert rows("Several countries banned Russia from the games.") == [("Russia", -0.379949, "banned(-0.40)")]
    assert rows("Russia was banned from the Olympics.") == [("Russia", -0.321513, "banned(-0.33)")]


def test_a_dismissal_with_its_particle_rejects_what_follows_and_the_verb_alone_does_not(monkeypatch):
    # Round 18 (stance.DISMISSALS): "brush", "shrug", "wave", "laugh" with "aside" or "off" right after reject the
    # negative words after the particle as "rejected" does, and the verb has no valence of its own there ("laughed off");
    # the verb alone or the particle apart from it does not
    from analysis.measures import stance

    rows = _failure_rows

    aside = "Biden brushed aside criticism of his decision to hold the rally."
    off = "The Kremlin shrugged off accusations of war crimes in Bucha."
    laughed = "Zelensky laughed off the allegations."
    assert rows(aside) == [("Biden", 0.0, "")]
    assert rows(off) == [("Russia", 0.0, "")]
    assert rows(laughed) == [("Ukraine", 0.0, "")]
    assert rows("The reckless Kremlin shrugged off the warnings.") == [("Russia", -0.401134, "reckless(-0.42)")]
    assert rows("Biden brushed his critics aside with crude and vicious insults.") == [
        ("Biden", -0.582889, "crude(-0.34); vicious(-0.16); insults(-0.17)")]
    assert rows("Zelensky laughed at the absurd claims.") == [("Ukraine", 0.462117, "laughed(+0.50)")]
    monkeypatch.setattr(stance, "DISMISSALS", False)
    assert rows(aside) == [("Biden", -0.404127, "criticism(-0.43)")]
    assert rows(off) == [("Russia", -0.702903, "accusations(-0.43); war crimes(-0.44)")]
    assert rows(laughed) == [("Ukraine", 0.462117, "laughed(+0.50)")]


def test_the_one_an_attorney_or_an_ally_stands_for_gets_none_of_their_words(monkeypatch):
    # Round 19 (stance.PROXIES): an actor after "an attorney for", "an ally of", "an adviser to" (titles between) or
    # before "'s" and such a noun is not the subject of its clause: like a place, it gets none of its words. Aides and
    # spokespeople act and speak for the actor and are no proxies
    from analysis.measures import stance

    rows = _failure_rows

    attorney = "An attorney for President Biden blasted the committee's request as a reckless fishing expedition."
    lawyer = "Biden's longtime lawyer lied to the court."
    allies = "Moscow's closest allies are brutal regimes."
    assert rows(attorney) == [("Biden", 0.0, "")]
    assert rows(lawyer) == [("Biden", 0.0, "")]
    assert rows(allies) == [("Russia", 0.0, "")]
    assert rows("An aide to Zelensky blasted the reckless plan.") == [("Ukraine", -0.294578, "reckless(-0.30)")]
    assert rows("Zelensky betrayed his allies in the region.") == [("Ukraine", -0.604368, "betrayed(-0.70)")]
    monkeypatch.setattr(stance, "PROXIES", False)
    # "blasted ... as a reckless fishing expedition" is a label (round 31, stance.LABELS): the attorney's voice
    assert rows(attorney) == [("Biden", 0.0, "r:reckless(-0.19)")]
    monkeypatch.setattr(stance, "LABELS", False)
    assert rows(attorney) == [("Biden", -0.190814, "reckless(-0.19)")]
    assert rows(lawyer) == [("Biden", -0.278185, "lied(-0.29)")]
    assert rows(allies) == [("Russia", -0.449741, "brutal(-0.48)")]


def test_an_irregular_past_tense_after_a_country_is_its_verb_not_a_noun_it_modifies(monkeypatch):
    # Round 20 (stance.PAST_VERBS): "the Kremlin sent", "Moscow broke" are a subject and its verb, so the country gets
    # its clause's words; before, the modifiers rule read the verb as a noun the country modifies (a setting). A country
    # before a noun still modifies it
    from analysis.measures import stance

    rows = _failure_rows

    made = "The Kremlin made a reckless threat against its neighbours."
    spread = "The Kremlin spread vile lies about the talks."
    assert rows(made) == [("Russia", -0.59059, "reckless(-0.30); threat(-0.38)")]
    assert rows(spread) == [("Russia", -0.747499, "vile(-0.65); lies(-0.32)")]
    assert rows("Vandals defaced the Kremlin walls with vile graffiti.") == [("Russia", 0.0, "")]
    monkeypatch.setattr(stance, "PAST_VERBS", False)
    assert rows(made) == [("Russia", 0.0, "")]
    assert rows(spread) == [("Russia", 0.0, "")]


def test_rooting_out_a_bad_thing_and_an_anti_compound_are_no_blame(monkeypatch):
    # Round 21: "root out", "stamp out", "weed out", "rein in" reduce what follows their particle as "reduced" does
    # (stance.REDUCER_PHRASES), and "anti-" before a word VADER rates negative is opposition to it: neither word counts
    # (stance.ANTI_COMPOUNDS); "anti-" before any other word keeps its valence
    from analysis.measures import stance

    rows = _failure_rows

    root = "The Biden administration wants to root out fraud and abuse in the program."
    rein = "Biden promised to rein in reckless spending."
    anti = "Zelensky launched an anti-corruption campaign."
    war = "Thousands joined Biden at an anti-war rally."
    assert rows(root) == [("Biden", 0.328965, "fraud(+0.17); abuse(+0.17)")]
    assert rows(rein) == [("Biden", 0.456638, "promised(+0.38); reckless(+0.12)")]
    assert rows(anti) == [("Ukraine", 0.124353, "launched(+0.12)")]
    assert rows(war) == [("Biden", 0.0, "")]
    assert rows("The Kremlin's anti-Western hysteria is absurd and dangerous.") == [
        ("Russia", -0.717718, "anti(-0.33); hysteria(-0.34); dangerous(-0.24)")]
    monkeypatch.setattr(stance, "REDUCER_PHRASES", False)
    assert rows(root) == [("Biden", -0.593682, "fraud(-0.35); abuse(-0.33)")]
    assert rows(rein) == [("Biden", 0.138003, "promised(+0.38); reckless(-0.24)")]
    monkeypatch.setattr(stance, "ANTI_COMPOUNDS", False)
    assert rows(anti) == [("Ukraine", -0.39663, "launched(+0.12); anti(-0.23); corruption(-0.31)")]
    assert rows(war) == [("Biden", -0.228061, "anti(-0.23)")]


def test_a_relatives_conduct_is_not_the_actors(monkeypatch):
    # Round 22 (stance.RELATIVES): the nouns of a relative join round 19's proxies ("Biden's son", "a nephew of Biden")
    from analysis.measures import stance

    rows = _failure_rows

    son = "Biden's son was charged with lying on a gun form."
    nephew = "A nephew of Biden was convicted of fraud."
    assert rows(son) == [("Biden", 0.0, "")]
    assert rows(nephew) == [("Biden", 0.0, "")]
    assert rows("Zelensky shamefully abandoned his brother in prison.") == [
        ("Ukraine", -0.827189, "abandoned(-0.42); shamefully(-0.47); prison(-0.29)")]
    monkeypatch.setattr(stance, "RELATIVES", False)
    assert rows(son) == [("Biden", -0.443188, "charged(-0.14); lying(-0.33)")]
    assert rows(nephew) == [("Biden", -0.41157, "fraud(-0.44)")]


def test_an_illness_is_harm_suffered_and_a_protest_the_event_reported():
    # Round 23: cue rows "infected" (harm suffered, like "wounded") and "protest" (the event, like "protests"); without
    # them VADER's "infected" (-2.2) and "protest" (-1.0) went to the actor near them
    from analysis import paths
    from analysis.measures import stance

    full = stance.StanceCues.from_csv(paths.LEXICONS / "stance_cues.csv")
    before = stance.StanceCues(full.entries[~full.entries["pattern"].isin(["protest", "infected"])].reset_index(drop=True),
                               source="<without round 23>")
    rows = _failure_rows

    infected = "Biden was infected with the virus last week."
    protest = "Russian soldiers joined a protest against the war."
    assert rows(infected) == [("Biden", 0.0, "")]
    assert rows(protest) == [("Russia", 0.0, "")]
    assert rows("The Kremlin callously infected its own prisoners.") == [("Russia", -0.309004, "prisoners(-0.32)")]
    assert rows(infected, cues=before) == [("Biden", -0.428725, "infected(-0.46)")]
    assert rows(protest, cues=before) == [("Russia", -0.176697, "protest(-0.18)")]


def test_an_actor_named_as_the_holder_of_a_period_names_a_time(monkeypatch):
    # Round 24 (stance.PERIODS): after "during", an actor before "'s" and a period noun ("presidency", "term",
    # "tenure"), or right before one ("during the Biden administration"), is like a place: it gets none of its
    # sentence's words; the actor named beside the period still does
    from analysis.measures import stance

    rows = _failure_rows
    term = "Several scandals erupted during Biden's first term."
    administration = "Corruption flourished during the Biden administration."
    assert rows(term) == [("Biden", 0.0, "")]
    assert rows(administration) == [("Biden", 0.0, "")]
    assert rows("Biden lied repeatedly during his presidency.")[0] == ("Biden", -0.379949, "lied(-0.40)")
    monkeypatch.setattr(stance, "PERIODS", False)
    assert rows(term) == [("Biden", -0.373821, "scandals(-0.39)")]
    assert rows(administration) == [("Biden", -0.30271, "Corruption(-0.31)")]


def test_the_one_a_threat_is_aimed_at_is_its_victim(monkeypatch):
    # Round 25 (stance.THREATS): an actor after "threat(s)", "danger(s)" or "menace" and "to" or "against" is the one
    # threatened, a victim like "the attack on X": the negative words of its clause are not aimed at it; the one named
    # as the threat still gets them
    from analysis.measures import stance

    rows = _failure_rows
    against = "The militia issued violent threats against Zelensky."
    danger = "Hackers pose a serious danger to NATO."
    assert rows(against) == [("Ukraine", 0.0, "")]
    assert rows(danger) == [("NATO", 0.0, "")]
    assert rows("The reckless Kremlin is the real threat to peace.") == [("Russia", -0.664037, "reckless(-0.42); threat(-0.38)")]
    monkeypatch.setattr(stance, "THREATS", False)
    assert rows(against) == [("Ukraine", -0.712802, "violent(-0.52); threats(-0.38)")]
    assert rows(danger) == [("NATO", -0.503192, "serious(-0.05); danger(-0.50)")]


def test_a_clause_with_a_subject_of_its_own_gives_its_words_to_no_one(monkeypatch):
    # Round 26 (stance.SUBJECTS): a clause without a mention that opens with a noun phrase of its own (after "and",
    # a semicolon, a fronted clause) is about that noun phrase; an apposition that sums up the clause before ("..., a
    # cruel tactic") and a noun phrase naming the actor's deed ("and the reckless attack") still go to the actor
    from analysis.measures import stance

    rows = _failure_rows
    crowds = "Biden arrived in Warsaw on Monday, and the crowds outside were angry and violent."
    fronted = "After Biden took office in 2021, the number of hate groups ballooned."
    assert rows(crowds) == [("Biden", -0.017855, "Warsaw(-0.02)")]  # VADER rates "Warsaw" -0.1
    assert rows(fronted) == [("Biden", 0.0, "")]
    assert rows("Russia hit the rescuers who had rushed to the scene, a cruel tactic used repeatedly in this war.") == [
        ("Russia", -0.206966, "cruel(-0.21)")]
    assert rows("Russia shelled the city again, and the reckless attack killed twelve civilians.") == [
        ("Russia", -0.621533, "shelled(-0.60); reckless(-0.13)")]
    monkeypatch.setattr(stance, "SUBJECTS", False)
    assert rows(crowds) == [("Biden", -0.386652, "Warsaw(-0.02); angry(-0.17); violent(-0.22)")]
    assert rows(fronted) == [("Biden", -0.199777, "hate(-0.20)")]


def test_a_subordinate_clause_with_its_own_subject_gives_its_words_to_no_one(monkeypatch):
    # Round 28 (stance.SUBORDINATES): "after", "when", "because" ... before a determiner open a clause, and round 26
    # finds its own subject; before a pronoun ("after he lost") they do not
    from analysis.measures import stance

    rows = _failure_rows
    gunman = "Biden pledged to ban the devices after a gunman used them to kill 58 people."
    summit = "European leaders stood firmly with Kyiv after the summit collapsed."
    assert rows(gunman) == [("Biden", 0.0, "")]
    assert rows(summit) == [("Ukraine", 0.0, "")]
    assert rows("Biden lied to the press after he lost the debate.") == [("Biden", -0.379949, "lied(-0.40)")]
    monkeypatch.setattr(stance, "SUBORDINATES", False)
    assert rows(gunman) == [("Biden", -0.291313, "kill(-0.30)")]
    assert rows(summit) == [("Ukraine", -0.170202, "collapsed(-0.17)")]


def test_a_hyphenated_pair_before_a_noun_modifies_it(monkeypatch):
    # Round 29 (stance.BILATERAL): names joined by a hyphen before a noun ("the savage Russia-Ukraine conflict") are
    # like a place, as one country is in "the brutal Ukraine war"; before an agent noun ("U.S.-Ukrainian forces") not
    from analysis.measures import stance

    rows = _failure_rows
    conflict = "Thousands have died in the savage Russia-Ukraine conflict."
    assert rows(conflict) == [("Russia", 0.0, ""), ("Ukraine", 0.0, "")]
    assert rows("Reckless U.S.-Ukrainian forces shelled the village.")[0] == ("United States", -0.401134, "Reckless(-0.42)")
    monkeypatch.setattr(stance, "BILATERAL", False)
    assert rows(conflict) == [("Russia", -0.462117, "savage(-0.50)"), ("Ukraine", 0.0, "")]


def test_a_war_a_campaign_or_an_invasion_is_done_to_the_actor_named_after_it(monkeypatch):
    # Round 30 (stance.AGGRESSIONS): an actor right after a noun of aggression and "against" or "on" ("a brutal campaign
    # against Ukraine", "air strikes on Kyiv"), or after a noun of taking and "of" ("the invasion of Ukraine"), is its
    # victim: the words of its clause are not aimed at it, and go to the agent if one is named. "of" after a campaign
    # names its agent, and an actor that owns what follows "against" is no victim
    from analysis.measures import stance

    rows = _failure_rows
    brutal = "Russia waged a brutal campaign against Ukraine."
    invasion = "The illegal invasion of Ukraine shocked Europe."
    strikes = "Deadly air strikes on Kyiv killed twelve people."
    assert rows(brutal) == [("Russia", -0.503192, "brutal(-0.55)"), ("Ukraine", 0.0, "")]
    assert rows(invasion) == [("Ukraine", 0.16514, "invasion(+0.17)")]  # the cue file's sympathy for the invaded
    assert rows(strikes) == [("Ukraine", 0.0, "")]
    assert rows("The vicious campaign of Russian soldiers against villagers shocked observers.") == [
        ("Russia", -0.26163, "vicious(-0.27)")]  # "shocked" follows "against" (round 34: opposed, aimed at no one)
    assert rows("Voters backed the campaign against Biden's reckless spending.") == [("Biden", -0.401134, "reckless(-0.42)")]
    # switched off (the scorer before round 30)
    monkeypatch.setattr(stance, "AGGRESSIONS", False)
    assert rows(brutal) == [("Russia", -0.269928, "brutal(-0.28)"), ("Ukraine", -0.269928, "brutal(-0.28)")]
    assert rows(invasion) == [("Ukraine", -0.552949, "invasion(+0.17); illegal(-0.46); shocked(-0.33)")]
    assert rows(strikes) == [("Ukraine", -0.72233, "killed(-0.60); strikes(-0.31)")]


def test_a_label_is_the_voice_of_the_one_who_gives_it(monkeypatch):
    # Round 31 (stance.LABELS): "X called Y a Z", "X described Y as Z", "X denounced Y as Z" report X's judgement as
    # "X said Y was Z" does: the words after the verb in its clause are X's voice (r:), not aimed at X by the author. An
    # actor Y stays in the author's voice with the verb's own cue. "called off", "the phone call", "so-called" and "a man
    # called X" are no labels
    from analysis.measures import stance

    rows = _failure_rows
    disaster = "Biden called the ordinance a disaster."
    escalation = "NATO called it a reckless escalation."
    terrorist = "Zelensky denounced Russia as a terrorist state."
    assert rows(disaster) == [("Biden", 0.0, "r:disaster(-0.43)")]
    assert rows(escalation) == [("NATO", 0.0, "r:escalation(-0.22); r:reckless(-0.27)")]
    assert rows(terrorist) == [("Ukraine", 0.0, ""), ("Russia", -0.604368, "denounced(-0.70); r:terrorist(-0.66)")]
    assert rows("Moscow called off the talks in a brutal move.") == [("Russia", -0.33839, "brutal(-0.35)")]
    assert rows("The phone call with Biden was a disaster.") == [("Biden", -0.503192, "disaster(-0.55)")]
    assert rows("The so-called Kremlin peace plan is a cynical trick.") == [("Russia", -0.242306, "cynical(-0.22); trick(-0.03)")]
    assert rows("A man called Biden was arrested for brutal crimes.") == [("Biden", -0.726783, "arrested(-0.44); brutal(-0.48)")]
    # switched off (the scorer before round 31)
    monkeypatch.setattr(stance, "LABELS", False)
    assert rows(disaster) == [("Biden", -0.405785, "disaster(-0.43)")]
    assert rows(escalation) == [("NATO", -0.452506, "escalation(-0.22); reckless(-0.27)")]
    assert rows(terrorist) == [("Ukraine", 0.0, ""), ("Russia", -0.876559, "denounced(-0.70); terrorist(-0.66)")]


def test_the_subject_of_a_short_last_report_is_its_speaker(monkeypatch):
    # Round 32 (stance.SPEAKERS): "X, which ..., said Kyiv lied." is X's report, not "CONTENT, said X": a short last
    # clause opened by the verb, with no actor ending it, after a relative clause (or after an actor alone and its
    # apposition). Before, the relative clause was read as the report, spoken by the actor after the verb, and the
    # report as the author's. The inverted form keeps its reading
    from analysis.measures import stance

    ignored = "Moscow, which brazenly ignored every warning, said Kyiv lied."
    assert _voice_rows(ignored) == [["Russia", "author", "", -0.097192, "ignored(-0.10)"],
                                    ["Ukraine", "reported", "Russia", 0.0, "r:lied(-0.40)"]]
    assert _voice_rows("Kyiv is lying, said Moscow.") == [["Ukraine", "reported", "Russia", 0.0, "r:lying(-0.50)"],
                                                          ["Russia", "author", "", 0.0, ""]]
    # switched off (the scorer before round 32)
    monkeypatch.setattr(stance, "SPEAKERS", False)
    assert _voice_rows(ignored) == [["Russia", "reported", "Ukraine", 0.0, "r:ignored(-0.10)"],
                                    ["Ukraine", "author", "", -0.379949, "lied(-0.40)"]]


def test_the_bad_thing_an_actor_stands_against_is_not_aimed_at_it(monkeypatch):
    # Round 34 (stance.AGAINST): the negative words within four words after "against", in its clause and before the
    # next mention, are opposed, aimed at no one before it; words further on still count, and a bad thing owned by an
    # actor named after it ("the brutal attacks by Russia") stays that actor's
    from analysis.measures import stance

    rows = _failure_rows
    firm = "Zelensky stood firm against brutal aggression."
    lobbyists = "Biden campaigned against corrupt lobbyists."
    assert rows(firm) == [("Ukraine", 0.0, "")]
    assert rows(lobbyists) == [("Biden", 0.0, "")]
    assert rows("Biden voted against the bill in a shameful retreat.") == [("Biden", -0.16514, "shameful(-0.25); retreat(+0.08)")]
    assert rows("NATO acted against the brutal attacks by Russia.") == [
        ("NATO", 0.0, ""), ("Russia", -0.709862, "attacks(-0.33); brutal(-0.55)")]
    # switched off (the scorer before round 34)
    monkeypatch.setattr(stance, "AGAINST", False)
    assert rows(firm) == [("Ukraine", -0.730043, "aggression(-0.44); brutal(-0.48)")]
    assert rows(lobbyists) == [("Biden", -0.342695, "corrupt(-0.36)")]

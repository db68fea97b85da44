"""The failure sentences of issue 15 under the default stance scorer of `score` (the model with word vectors).

tests/test_stance_voices.py holds the same sentences for the rule-based scorer (`--stance rules`), which
gets each of them right. Here the default model scores them as `score` does (the bundled lexicon and cue
file). The expected signs are issue 15's (harm suffered, reducing a bad thing, rejecting or denying an
accusation, condemning a killing and accusing someone are not negative toward the actor who does or
suffers them; indirect speech is the source's voice), never the model's: a case the default gets wrong
is marked ``xfail(strict=True)`` with what it gives, so that the suite shows it and fails when a
rebuilt model gets it right (then drop the mark).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures.stance import score_stance
from analysis.measures.targets import Targets
from analysis.tables.score import DEFAULT_STANCE, Scorer

TARGETS = Targets.from_dict(
    {
        "Ukraine": ["Ukraine", "Kyiv", "Ukrainian soldiers", "Ukrainian forces"],
        "Russia": ["Russia", "Kremlin"],
        "Biden": ["Biden"],
        "NATO": ["NATO"],
    }
)
SENTENCES = [
    "Three Ukrainian soldiers died defending Pokrovsk.",
    "Kyiv suffered heavy losses near Pokrovsk.",
    "Biden's plan reduced unemployment and poverty.",
    "Biden vowed to fight corruption and curb crime.",
    "Kyiv rejected the accusation.",
    "Kyiv denied committing atrocities.",
    "NATO condemned the killing of civilians.",
    "Russia accused Kyiv of brutal attacks.",
    "The Kremlin said Ukrainian forces committed atrocities.",
    "The Kremlin said that Ukrainian forces committed atrocities.",
    "Ukrainian forces committed atrocities, the Kremlin said.",
    "According to the Kremlin, Ukrainian forces committed atrocities.",
]


@pytest.fixture(scope="module")
def scored():
    """``(mentions, stance)`` of every sentence (one article each), keyed by (sentence, target)."""
    assert DEFAULT_STANCE == "vectors"
    corpus = pd.DataFrame({"id": [f"s{i:02d}" for i in range(len(SENTENCES))], "text": SENTENCES})
    mentions, stance = score_stance(corpus, TARGETS, model=Scorer.load().stance_model)
    text = dict(zip(corpus["id"], corpus["text"]))
    mentions["text"] = mentions["id"].map(text)
    stance["text"] = stance["id"].map(text)
    return mentions.set_index(["text", "target"]), stance.set_index(["text", "target"])


def wrong(what: str):
    # strict: once the default gets the sign right, the test passes and the XPASS fails the suite, so
    # the mark is removed and the exact value written in.
    return pytest.mark.xfail(strict=True, reason=f"the default model gets this wrong: {what}")


# (sentence, target, the article's stance toward the target in stance.csv). Each value was read and its sign
# checked against issue 15: 0 (no stance) or positive where the issue says "not negative".
ARTICLE = [
    ("Three Ukrainian soldiers died defending Pokrovsk.", "Ukraine", 0.0),
    ("Kyiv suffered heavy losses near Pokrovsk.", "Ukraine", 0.0),
    pytest.param("Biden's plan reduced unemployment and poverty.", "Biden", None,
                 marks=wrong("-0.441621, with evidence (--stance model: -0.363828; the rules: +0.318)")),
    ("Biden vowed to fight corruption and curb crime.", "Biden", 0.36749),
    ("Kyiv rejected the accusation.", "Ukraine", 0.0),
    pytest.param("Kyiv denied committing atrocities.", "Ukraine", None,
                 marks=wrong("-0.383564, with evidence (--stance model: 0; the rules: +0.062)")),
    ("NATO condemned the killing of civilians.", "NATO", 0.0),
    ("Russia accused Kyiv of brutal attacks.", "Russia", 0.0),
]


@pytest.mark.parametrize(("sentence", "target", "expected"), ARTICLE)
def test_the_article_stance_is_not_negative(scored, sentence, target, expected):
    _mentions, stance = scored
    value = stance.loc[(sentence, target), "stance"]
    assert value >= 0.0
    if expected is not None:  # None: a known failure (xfail), where only the sign is the issue's
        assert value == expected


# The mention's own `score` in mentions.csv. A mention the rules find no words aimed at (has_evidence False)
# counts 0 in the article's stance, but its score is still the model's.
MENTION = [
    ("Three Ukrainian soldiers died defending Pokrovsk.", "Ukraine", 0.0),
    pytest.param("Kyiv suffered heavy losses near Pokrovsk.", "Ukraine", None,
                 marks=wrong("-0.313717, without evidence (--stance model: -0.360612)")),
    pytest.param("Biden's plan reduced unemployment and poverty.", "Biden", None,
                 marks=wrong("-0.441621 (--stance model: -0.363828)")),
    ("Biden vowed to fight corruption and curb crime.", "Biden", 0.36749),
    pytest.param("Kyiv rejected the accusation.", "Ukraine", None,
                 marks=wrong("-0.551448, without evidence (--stance model: 0)")),
    pytest.param("Kyiv denied committing atrocities.", "Ukraine", None, marks=wrong("-0.383564 (--stance model: 0)")),
    pytest.param("NATO condemned the killing of civilians.", "NATO", None,
                 marks=wrong("-0.531226, without evidence (--stance model: 0)")),
    pytest.param("Russia accused Kyiv of brutal attacks.", "Russia", None,
                 marks=wrong("-0.867595, without evidence (--stance model: -0.753505)")),
]


@pytest.mark.parametrize(("sentence", "target", "expected"), MENTION)
def test_the_mention_score_is_not_negative(scored, sentence, target, expected):
    mentions, _stance = scored
    value = mentions.loc[(sentence, target), "score"]
    assert value >= 0.0
    if expected is not None:  # None: a known failure (xfail), where only the sign is the issue's
        assert value == expected


def test_the_accused_is_negative(scored):
    mentions, stance = scored
    key = ("Russia accused Kyiv of brutal attacks.", "Ukraine")
    assert mentions.loc[key, ["voice", "score", "has_evidence"]].tolist() == ["author", -0.999527, True]
    assert stance.loc[key, "stance"] == -0.999527


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("The Kremlin said Ukrainian forces committed atrocities.", -0.601192),
    ("The Kremlin said that Ukrainian forces committed atrocities.", -0.709978),
    ("Ukrainian forces committed atrocities, the Kremlin said.", -0.444489),
    ("According to the Kremlin, Ukrainian forces committed atrocities.", -0.739266),
])
def test_indirect_speech_is_the_sources_voice_not_the_authors(scored, sentence, quoted):
    mentions, stance = scored
    m, s = mentions.loc[(sentence, "Ukraine")], stance.loc[(sentence, "Ukraine")]
    assert (m["voice"], m["speaker"], m["score_author"]) == ("reported", "Russia", 0.0)
    assert s["stance"] == 0.0  # the author said nothing about Ukraine
    assert (s["stance_quoted"], s["sourced_by"]) == (quoted, "Russia")  # what the Kremlin says, and who
    assert stance.loc[(sentence, "Russia"), "stance"] == 0.0


# Others like them (issue 15's "Done when"): new sentences of each failure type, written with the sign issue 15 asks
# for before any model scored them (">=0": not negative; "<0": negative: the accused). Each is checked at mention
# level (mentions.csv `score`) and at article level (stance.csv `stance`).
OTHER_TARGETS = Targets.from_dict(
    {
        "Ukraine": ["Ukraine", "Kyiv", "Zelensky", "Ukrainian soldiers"],
        "Russia": ["Russia", "Moscow", "Kremlin", "Russian soldiers"],
        "Biden": ["Biden"],
        "NATO": ["NATO"],
    }
)
OTHERS = [
    ("harm", "Ukraine lost three tanks near Bakhmut.", "Ukraine", ">=0"),
    ("harm", "Russian soldiers suffered heavy casualties in the assault.", "Russia", ">=0"),
    ("harm", "Two Ukrainian soldiers were wounded near Kherson.", "Ukraine", ">=0"),
    ("harm", "Kyiv counted the victims of the missile strike.", "Ukraine", ">=0"),
    ("reduce", "Zelensky pledged to fight corruption.", "Ukraine", ">=0"),
    ("reduce", "Biden's policies lowered crime in the cities.", "Biden", ">=0"),
    ("reduce", "NATO helped reduce the violence in Kosovo.", "NATO", ">=0"),
    ("reduce", "The Kremlin moved to ease tensions with the West.", "Russia", ">=0"),
    ("reject", "Moscow denied the allegations.", "Russia", ">=0"),
    ("reject", "Zelensky dismissed the criticism as propaganda.", "Ukraine", ">=0"),
    ("reject", "NATO rejected claims of aggression.", "NATO", ">=0"),
    ("reject", "The Kremlin denied responsibility for the massacre.", "Russia", ">=0"),
    ("condemn", "Kyiv condemned the shelling of the hospital.", "Ukraine", ">=0"),
    ("condemn", "NATO denounced the attack on civilians.", "NATO", ">=0"),
    ("condemn", "Biden condemned the violence in Kharkiv.", "Biden", ">=0"),
    ("accuse", "Kyiv accused Moscow of war crimes.", "Ukraine", ">=0"),
    ("accuse", "Kyiv accused Moscow of war crimes.", "Russia", "<0"),
    ("accuse", "NATO blamed Russia for the attack.", "NATO", ">=0"),
    ("accuse", "NATO blamed Russia for the attack.", "Russia", "<0"),
    ("accuse", "Biden criticized the Kremlin for the invasion.", "Biden", ">=0"),
    ("accuse", "Biden criticized the Kremlin for the invasion.", "Russia", "<0"),
]

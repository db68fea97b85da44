"""The failure sentences of issue 15 under the default stance scorer of `score` (model version 6, `--stance roles`).

tests/test_stance_voices.py holds the same sentences for the rule-based scorer (`--stance rules`), which
gets each of them right. Here the default model scores them as `score` does (the bundled lexicon and cue
file). The expected signs are issue 15's (harm suffered, reducing a bad thing, rejecting or denying an
accusation, condemning a killing and accusing someone are not negative toward the actor who does or
suffers them; indirect speech is the source's voice), never the model's; each value was read after the sign
was fixed. Version 4 (`--stance vectors`, the default before version 5) got six of them wrong (the strict
xfails this file held); version 5 leaves the words the rules give a role to the rules
(:func:`analysis.measures.stance._role_words`); version 6 adds charges rejected without a rated word, harm suffered
in a named event, and role words that count in the word-vector windows (version 5 got 3 of OTHERS and 12 of MORE
wrong). A case the default gets wrong is marked
``xfail(strict=True)`` with why, so that the suite shows it and fails when a rebuilt model gets it right
(then drop the mark).
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


def _score(sentences: list[str], targets: Targets):
    """``(mentions, stance)`` of every sentence (one article each) under the default, keyed by (sentence, target)."""
    assert DEFAULT_STANCE == "roles"
    corpus = pd.DataFrame({"id": [f"s{i:02d}" for i in range(len(sentences))], "text": sentences})
    mentions, stance = score_stance(corpus, targets, model=Scorer.load().stance_model)
    text = dict(zip(corpus["id"], corpus["text"]))
    mentions["text"] = mentions["id"].map(text)
    stance["text"] = stance["id"].map(text)
    return mentions.set_index(["text", "target"]), stance.set_index(["text", "target"])


@pytest.fixture(scope="module")
def scored():
    return _score(SENTENCES, TARGETS)


# (sentence, target, the article's stance toward the target in stance.csv). Each value was read and its sign
# checked against issue 15: 0 (no stance) or positive where the issue says "not negative".
ARTICLE = [
    ("Three Ukrainian soldiers died defending Pokrovsk.", "Ukraine", 0.075731),  # version 5: 0.063058, round 9: 0.07546, round 13: 0.0
    ("Kyiv suffered heavy losses near Pokrovsk.", "Ukraine", 0.0),
    ("Biden's plan reduced unemployment and poverty.", "Biden", 0.268122),  # version 4: -0.441621, 5: 0.503945
    ("Biden vowed to fight corruption and curb crime.", "Biden", 0.676599),  # version 5: 0.797293
    ("Kyiv rejected the accusation.", "Ukraine", 0.0),
    ("Kyiv denied committing atrocities.", "Ukraine", 0.0),  # version 4: -0.383564
    ("NATO condemned the killing of civilians.", "NATO", 0.0),
    ("Russia accused Kyiv of brutal attacks.", "Russia", 0.0),
]


@pytest.mark.parametrize(("sentence", "target", "expected"), ARTICLE)
def test_the_article_stance_is_not_negative(scored, sentence, target, expected):
    _mentions, stance = scored
    value = stance.loc[(sentence, target), "stance"]
    assert value >= 0.0
    assert value == expected


# The mention's own `score` in mentions.csv. A mention the rules find no words aimed at (has_evidence False)
# counts 0 in the article's stance, but its score is still the model's.
MENTION = [
    ("Three Ukrainian soldiers died defending Pokrovsk.", "Ukraine", 0.075731),  # version 5: 0.063058, round 9: 0.07546, round 13: 0.0
    ("Kyiv suffered heavy losses near Pokrovsk.", "Ukraine", 0.0),  # version 4: -0.313717
    ("Biden's plan reduced unemployment and poverty.", "Biden", 0.268122),  # version 4: -0.441621, 5: 0.503945
    ("Biden vowed to fight corruption and curb crime.", "Biden", 0.676599),  # version 5: 0.797293
    ("Kyiv rejected the accusation.", "Ukraine", 0.0),  # version 4: -0.551448
    ("Kyiv denied committing atrocities.", "Ukraine", 0.0),  # version 4: -0.383564
    ("NATO condemned the killing of civilians.", "NATO", 0.0),  # version 4: -0.531226
    ("Russia accused Kyiv of brutal attacks.", "Russia", 0.0),  # version 4: -0.867595, 5: 0.258379 (mostly "of")
]


@pytest.mark.parametrize(("sentence", "target", "expected"), MENTION)
def test_the_mention_score_is_not_negative(scored, sentence, target, expected):
    mentions, _stance = scored
    value = mentions.loc[(sentence, target), "score"]
    assert value >= 0.0
    assert value == expected


def test_the_accused_is_negative(scored):
    mentions, stance = scored
    key = ("Russia accused Kyiv of brutal attacks.", "Ukraine")
    assert mentions.loc[key, ["voice", "score", "has_evidence"]].tolist() == ["author", -0.967554, True]
    assert stance.loc[key, "stance"] == -0.967554


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("The Kremlin said Ukrainian forces committed atrocities.", -0.630837),
    ("The Kremlin said that Ukrainian forces committed atrocities.", -0.723891),
    ("Ukrainian forces committed atrocities, the Kremlin said.", -0.495303),
    ("According to the Kremlin, Ukrainian forces committed atrocities.", -0.759695),
])
def test_indirect_speech_is_the_sources_voice_not_the_authors(scored, sentence, quoted):
    mentions, stance = scored
    m, s = mentions.loc[(sentence, "Ukraine")], stance.loc[(sentence, "Ukraine")]
    assert (m["voice"], m["speaker"], m["score_author"]) == ("reported", "Russia", 0.0)
    assert s["stance"] == 0.0  # the author said nothing about Ukraine
    assert (s["stance_quoted"], s["sourced_by"]) == (quoted, "Russia")  # what the Kremlin says, and who
    assert stance.loc[(sentence, "Russia"), "stance"] == 0.0


def test_words_in_a_quotation_are_no_evidence_for_the_authors_stance(monkeypatch):
    # A mention in the author's voice whose only words are a speaker's (a quotation in its sentence) carries no evidence:
    # the article's stance counts it as 0, though the model still reads the sentence (stance.evidence_count)
    from analysis.measures import stance as S

    pathetic = "Moscow mocked what it called Kyiv's \"pathetic\" offer."
    tense = "The call, which Zelensky described as \"tense\", ended early."
    own = "Zelensky made a reckless offer that critics called \"dangerous\"."
    cases = [pathetic, tense, own]
    mentions, stance = _score(cases, OTHER_TARGETS)
    assert mentions.loc[(pathetic, "Ukraine"), ["voice", "score", "evidence", "has_evidence"]].tolist() == [
        "author", -0.896772, "q:pathetic(-0.73)", False]
    assert stance.loc[(pathetic, "Ukraine"), ["stance", "n_author_evidence", "stance_call"]].tolist() == [
        0.0, 0, "not enough evidence"]
    assert stance.loc[(pathetic, "Russia"), "stance"] == -0.627279  # the author's "mocked"
    assert mentions.loc[(tense, "Ukraine"), ["score", "evidence", "has_evidence"]].tolist() == [0.0, "q:tense(-0.25)", False]
    # the author's own "reckless" still counts
    assert mentions.loc[(own, "Ukraine"), ["evidence", "has_evidence"]].tolist() == [
        "reckless(-0.45); q:dangerous(-0.22)", True]
    assert stance.loc[(own, "Ukraine"), "stance"] == -0.847363
    # switched off (every evidence item counted, of either sign), the Kremlin's word was the author's evidence
    monkeypatch.setattr(S, "OWN_VOICE", False)
    monkeypatch.setattr(S, "EVIDENCE_AGREES", False)
    _mentions, before = _score(cases, OTHER_TARGETS)
    assert before.loc[(pathetic, "Ukraine"), "stance"] == -0.896772


def test_a_class_the_rules_words_point_against_carries_no_evidence(monkeypatch):
    # The model's class counts in the article's stance only where the rules' words in the mention's voice point its way
    # (stance.EVIDENCE_AGREES): here the model reads the sentence as positive, the words 'faith' and 'corrupt' sum negative
    from analysis.measures import stance as S

    faith = "Investors lost faith in Russia's corrupt leaders."
    agree = "Russia's brutal killing of civilians drew outrage."
    mentions, stance = _score([faith, agree], OTHER_TARGETS)
    assert mentions.loc[(faith, "Russia"), ["score", "score_rules", "evidence", "has_evidence"]].tolist() == [
        0.257446, -0.124353, "faith(+0.38); corrupt(-0.50)", False]
    assert stance.loc[(faith, "Russia"), ["stance", "n_author_evidence"]].tolist() == [0.0, 0]
    assert mentions.loc[(agree, "Russia"), ["score", "has_evidence"]].tolist() == [-0.983393, True]
    assert stance.loc[(agree, "Russia"), "stance"] == -0.983393
    monkeypatch.setattr(S, "EVIDENCE_AGREES", False)
    _mentions, before = _score([faith], OTHER_TARGETS)
    assert before.loc[(faith, "Russia"), "stance"] == 0.257446


# Others like them (issue 15's "Done when"): new sentences of each failure type, written with the sign issue 15 asks
# for before any model scored them (">=0": not negative; "<0": negative: the accused). Each is checked at mention
# level (mentions.csv `score`) and at article level (stance.csv `stance`).
OTHER_TARGETS = Targets.from_dict(
    {
        "Ukraine": ["Ukraine", "Kyiv", "Zelensky", "Ukrainian soldiers"],
        "Russia": ["Russia", "Moscow", "Kremlin", "Russian soldiers"],
        "Biden": ["Biden"],
        "NATO": ["NATO"],
        "United States": ["United States", "U.S.", "American", "Americans"],
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

# What the default gives each pair (mention score, article stance), read after the signs above were fixed. Version 5
# got three wrong (strict xfails then): "Russian soldiers suffered heavy casualties in the assault." (the rules took the
# soldiers for the assault's agent), "Moscow denied the allegations." (no lexicon rates 'allegations', so the denial
# governed nothing and counted as negative) and "NATO rejected claims of aggression." (mention: the model read 'claims'
# as negative); version 6 gets them right by general rules (stance.CHARGES, stance.EVENT_PREPOSITIONS).
OTHER_VALUES = {
    ("Ukraine lost three tanks near Bakhmut.", "Ukraine"): (0.0, 0.0),
    ("Russian soldiers suffered heavy casualties in the assault.", "Russia"): (0.0, 0.0),  # version 5: -0.293647
    ("Two Ukrainian soldiers were wounded near Kherson.", "Ukraine"): (0.0, 0.0),
    ("Kyiv counted the victims of the missile strike.", "Ukraine"): (0.0, 0.0),
    ("Zelensky pledged to fight corruption.", "Ukraine"): (0.0, 0.0),  # version 5: 0.327579
    ("Biden's policies lowered crime in the cities.", "Biden"): (0.280589, 0.280589),  # version 5: 0.296868, round 14: 0.0
    ("NATO helped reduce the violence in Kosovo.", "NATO"): (0.727618, 0.727618),
    ("The Kremlin moved to ease tensions with the West.", "Russia"): (0.001682, 0.001682),  # round 26: -0.004869, 0.0
    ("Moscow denied the allegations.", "Russia"): (0.0, 0.0),  # version 5: -0.801959
    ("Zelensky dismissed the criticism as propaganda.", "Ukraine"): (0.0, 0.0),
    ("NATO rejected claims of aggression.", "NATO"): (0.0, 0.0),  # version 5: -0.433636 (mention)
    ("The Kremlin denied responsibility for the massacre.", "Russia"): (0.0, 0.0),
    ("Kyiv condemned the shelling of the hospital.", "Ukraine"): (0.0, 0.0),
    ("NATO denounced the attack on civilians.", "NATO"): (0.0, 0.0),
    ("Biden condemned the violence in Kharkiv.", "Biden"): (0.0, 0.0),
    ("Kyiv accused Moscow of war crimes.", "Ukraine"): (0.0, 0.0),  # version 5: 0.258379 (mention), mostly "of"
    ("Kyiv accused Moscow of war crimes.", "Russia"): (-0.939951, -0.939951),
    ("NATO blamed Russia for the attack.", "NATO"): (0.0, 0.0),  # version 5: 0.135205 (mention), mostly "for"
    ("NATO blamed Russia for the attack.", "Russia"): (-0.867695, -0.867695),
    ("Biden criticized the Kremlin for the invasion.", "Biden"): (0.0, 0.0),
    ("Biden criticized the Kremlin for the invasion.", "Russia"): (-0.878254, -0.878254),
}
# The models rebuilt in round 26 (stance.SUBJECTS, which does not fire here) moved "The Kremlin moved to ease tensions"
# to -0.004869 (a strict xfail then); those of round 28 moved it back above 0.
OTHER_WRONG: dict = {}


def _marked(cases, wrong, prefix=()):
    """The cases (after ``prefix``), those the default gets wrong as strict xfails that say why."""
    return [pytest.param(*prefix, *case, marks=pytest.mark.xfail(strict=True, reason=f"the default gets this wrong: {wrong[case[1:3]]}"))
            if case[1:3] in wrong else (*prefix, *case) for case in cases]


def _mention_score(mentions, sentence, target):
    """The score of the target's mention in the sentence; a tuple of scores when the sentence names it more than once
    ("Ukraine's foreign minister spoke in Kyiv")."""
    score = mentions.loc[(sentence, target), "score"]
    return tuple(score) if isinstance(score, pd.Series) else score


def _check_sign(scored, values, sentence, target, sign):
    """The mention's score (every mention's) and the article's stance have the sign asked for, and the values recorded."""
    mentions, stance = scored
    mention, article = _mention_score(mentions, sentence, target), stance.loc[(sentence, target), "stance"]
    for value in (*(mention if isinstance(mention, tuple) else (mention,)), article):
        assert value >= 0.0 if sign == ">=0" else value < 0.0
    assert (mention, article) == values[(sentence, target)]


def _score_cases(cases):
    """``_score`` of the sentences of ``(kind, sentence, target, sign)`` cases, with the actors of the annotation file."""
    return _score(list(dict.fromkeys(sentence for _kind, sentence, _target, _sign in cases)), OTHER_TARGETS)


def _assert_recorded(scored, wrong, values):
    """The cases the default gets wrong (strict xfails, failing on the sign) still have the values recorded."""
    mentions, stance = scored
    for sentence, target in wrong:
        assert (_mention_score(mentions, sentence, target), stance.loc[(sentence, target), "stance"]) == values[(sentence, target)]


def _annotation_set(name: str, level: str = "both") -> list:
    """The ``(kind, text, target, sign)`` rows of one set of data/annotations/stance_failures.csv, each checked on
    ``level`` (scripts/validate_stance.py, part 5, reads the same file)."""
    from analysis import paths

    frame = pd.read_csv(paths.ANNOTATIONS / "stance_failures.csv", keep_default_na=False)
    rows = frame[frame["set"] == name]
    assert (rows["level"] == level).all()
    return list(rows[["kind", "text", "target", "sign"]].itertuples(index=False, name=None))


@pytest.fixture(scope="module")
def others():
    return _score_cases(OTHERS)


@pytest.mark.parametrize(("kind", "sentence", "target", "sign"), _marked(OTHERS, OTHER_WRONG))
def test_others_like_them(others, kind, sentence, target, sign):
    _check_sign(others, OTHER_VALUES, sentence, target, sign)


def test_the_others_are_wrong_by_the_amounts_recorded(others):
    # a strict xfail is satisfied by a wrong value as well as by a wrong sign, so it would hide a case the default now
    # gets right; the recorded values catch that (round 28 put the one of round 26 right again unseen)
    _assert_recorded(others, OTHER_WRONG, OTHER_VALUES)


def test_the_others_and_their_signs_are_those_written_first():
    # 21 pairs of five kinds, written with their signs before any model scored them (the commit "Tests: issue 15's
    # 'others like them'" comes before the one that scores them)
    assert len(OTHERS) == 21 and len(OTHER_VALUES) == 21
    assert [sign for *_rest, sign in OTHERS].count("<0") == 3


def test_the_sentences_are_those_of_the_annotation_file():
    # data/annotations/stance_failures.csv holds the same sentences and signs for scripts/validate_stance.py (part 5)
    from analysis import paths

    assert _annotation_set("others") == OTHERS
    frame = pd.read_csv(paths.ANNOTATIONS / "stance_failures.csv", keep_default_na=False)
    issue = frame[frame["set"] == "issue"]
    assert list(dict.fromkeys(issue["text"])) == SENTENCES
    checked = {(s, t) for s, t, _v in ARTICLE} | {(s, t) for s, t, _v in MENTION}
    assert {(r.text, r.target) for r in issue.itertuples() if r.level == "both"} == checked | {
        ("Russia accused Kyiv of brutal attacks.", "Ukraine")}


# More like them (issue 15, the session after: charges denied or rejected, with and without a noun a lexicon rates;
# harm suffered in a named event; accusers and their targets). Written with the sign the codebook asks for before any
# scorer scored them, like OTHERS: ">=0" not negative (a denial of blame is not self-blame; misfortune is not stance;
# the one who accuses is not blamed by it), "<0" negative (the accused; the agent the author names as the cause of the
# harm: "an assault by X"). Each is checked at mention level and at article level.
MORE = [
    ("reject", "Kyiv denied the charges.", "Ukraine", ">=0"),
    ("reject", "Moscow rejected the claims.", "Russia", ">=0"),
    ("reject", "NATO dismissed the allegations of spying.", "NATO", ">=0"),
    ("reject", "Zelensky denied the accusations of corruption.", "Ukraine", ">=0"),
    ("reject", "The Kremlin rejected charges of genocide.", "Russia", ">=0"),
    ("reject", "Biden denied the claim.", "Biden", ">=0"),
    ("reject", "Russia disputed the allegation.", "Russia", ">=0"),
    ("reject", "NATO refuted claims of a secret deal.", "NATO", ">=0"),
    ("reject", "Kyiv rejected Moscow's accusations.", "Ukraine", ">=0"),
    ("reject", "Moscow denied any involvement in the bombing.", "Russia", ">=0"),
    ("reject", "Ukraine rejected the Russian claims.", "Ukraine", ">=0"),
    ("harm", "Ukrainian soldiers were killed in the attack.", "Ukraine", ">=0"),
    ("harm", "Kyiv suffered losses in the Russian offensive.", "Ukraine", ">=0"),
    ("harm", "Russian soldiers died in the bombardment.", "Russia", ">=0"),
    ("harm", "Many Ukrainian soldiers were wounded in the brutal assault.", "Ukraine", ">=0"),
    ("harm", "Kyiv mourned the victims of the massacre.", "Ukraine", ">=0"),
    ("harm", "Ukrainian soldiers died in the assault by Russian soldiers.", "Ukraine", ">=0"),
    ("harm", "Ukrainian soldiers died in the assault by Russian soldiers.", "Russia", "<0"),
    ("harm", "Two Ukrainian soldiers died in a Russian missile strike.", "Ukraine", ">=0"),
    ("accuse", "Ukraine accused Russia of genocide.", "Ukraine", ">=0"),
    ("accuse", "Ukraine accused Russia of genocide.", "Russia", "<0"),
    ("accuse", "Moscow blamed Kyiv for the explosion.", "Russia", ">=0"),
    ("accuse", "Moscow blamed Kyiv for the explosion.", "Ukraine", "<0"),
    ("accuse", "NATO accused Russia of aggression.", "NATO", ">=0"),
    ("accuse", "NATO accused Russia of aggression.", "Russia", "<0"),
    ("accuse", "Biden blamed Moscow for the crisis.", "Biden", ">=0"),
    ("accuse", "Biden blamed Moscow for the crisis.", "Russia", "<0"),
    ("accuse", "Zelensky accused the Kremlin of terror.", "Ukraine", ">=0"),
    ("accuse", "Zelensky accused the Kremlin of terror.", "Russia", "<0"),
    ("accuse", "The Kremlin accused NATO of provocations.", "Russia", ">=0"),
    ("accuse", "The Kremlin accused NATO of provocations.", "NATO", "<0"),
]

# Scored after they were written (the commit before the one that scored them holds MORE alone): version 5, the default
# then, got 12 of these 31 pairs wrong (19 of 62 checks; the rules 8 pairs): these.
MORE_WRONG_IN_VERSION_5 = {
    ("Moscow rejected the claims.", "Russia"), ("NATO dismissed the allegations of spying.", "NATO"),
    ("Biden denied the claim.", "Biden"), ("Russia disputed the allegation.", "Russia"),
    ("Moscow denied any involvement in the bombing.", "Russia"), ("Ukraine rejected the Russian claims.", "Ukraine"),
    ("Ukrainian soldiers were killed in the attack.", "Ukraine"), ("Kyiv suffered losses in the Russian offensive.", "Ukraine"),
    ("Many Ukrainian soldiers were wounded in the brutal assault.", "Ukraine"),
    ("Kyiv mourned the victims of the massacre.", "Ukraine"),
    ("Ukrainian soldiers died in the assault by Russian soldiers.", "Ukraine"), ("Ukraine accused Russia of genocide.", "Ukraine"),
}
# What the default (version 6) gives each pair (mention score, article stance).
MORE_VALUES = {
    ("Kyiv denied the charges.", "Ukraine"): (0.0, 0.0),
    ("Moscow rejected the claims.", "Russia"): (0.0, 0.0),
    ("NATO dismissed the allegations of spying.", "NATO"): (0.0, 0.0),
    ("Zelensky denied the accusations of corruption.", "Ukraine"): (0.0, 0.0),
    ("The Kremlin rejected charges of genocide.", "Russia"): (0.0, 0.0),
    ("Biden denied the claim.", "Biden"): (0.0, 0.0),
    ("Russia disputed the allegation.", "Russia"): (0.0, 0.0),
    ("NATO refuted claims of a secret deal.", "NATO"): (0.0, 0.0),
    ("Kyiv rejected Moscow's accusations.", "Ukraine"): (0.0, 0.0),
    ("Moscow denied any involvement in the bombing.", "Russia"): (0.0, 0.0),
    ("Ukraine rejected the Russian claims.", "Ukraine"): (0.0, 0.0),
    ("Ukrainian soldiers were killed in the attack.", "Ukraine"): (0.0, 0.0),
    ("Kyiv suffered losses in the Russian offensive.", "Ukraine"): (0.0, 0.0),
    ("Russian soldiers died in the bombardment.", "Russia"): (0.0, 0.0),
    ("Many Ukrainian soldiers were wounded in the brutal assault.", "Ukraine"): (0.0, 0.0),
    ("Kyiv mourned the victims of the massacre.", "Ukraine"): (0.0, 0.0),
    ("Ukrainian soldiers died in the assault by Russian soldiers.", "Ukraine"): (-0.060723, 0.0),
    ("Ukrainian soldiers died in the assault by Russian soldiers.", "Russia"): (-0.465706, -0.465706),
    ("Two Ukrainian soldiers died in a Russian missile strike.", "Ukraine"): (0.0, 0.0),
    ("Ukraine accused Russia of genocide.", "Ukraine"): (0.0, 0.0),
    ("Ukraine accused Russia of genocide.", "Russia"): (-0.907109, -0.907109),
    ("Moscow blamed Kyiv for the explosion.", "Russia"): (0.0, 0.0),
    ("Moscow blamed Kyiv for the explosion.", "Ukraine"): (-0.756699, -0.756699),
    ("NATO accused Russia of aggression.", "NATO"): (0.0, 0.0),
    ("NATO accused Russia of aggression.", "Russia"): (-0.940423, -0.940423),
    ("Biden blamed Moscow for the crisis.", "Biden"): (0.0, 0.0),
    ("Biden blamed Moscow for the crisis.", "Russia"): (-0.913916, -0.913916),
    ("Zelensky accused the Kremlin of terror.", "Ukraine"): (0.0, 0.0),
    ("Zelensky accused the Kremlin of terror.", "Russia"): (-0.908321, -0.908321),
    ("The Kremlin accused NATO of provocations.", "Russia"): (0.0, 0.0),
    ("The Kremlin accused NATO of provocations.", "NATO"): (-0.902547, -0.902547),
}
MORE_WRONG = {
    ("Ukrainian soldiers died in the assault by Russian soldiers.", "Ukraine"):
        "mention only (article 0: the rules give the soldiers who died nothing): the model reads the other mention in "
        "the clause ('<T>', -0.15) and 'by' (-0.06) as negative, features it learned from NewsMTSC, not role words",
}


@pytest.fixture(scope="module")
def more():
    return _score_cases(MORE)


@pytest.mark.parametrize(("kind", "sentence", "target", "sign"), _marked(MORE, MORE_WRONG))
def test_more_like_them(more, kind, sentence, target, sign):
    _check_sign(more, MORE_VALUES, sentence, target, sign)


def test_the_wrong_one_is_wrong_by_the_amount_recorded(more):
    _assert_recorded(more, MORE_WRONG, MORE_VALUES)


def test_the_second_set_and_its_signs_are_those_written_first():
    # 31 pairs of three kinds, written with their signs before any scorer scored them (commit "Tests: 31 more checks
    # like issue 15's ...", before the one that scored them), and in the annotation file as set "more"
    assert len(MORE) == 31 and len(MORE_VALUES) == 31 and MORE_WRONG_IN_VERSION_5 <= set(MORE_VALUES)
    assert [sign for *_rest, sign in MORE].count("<0") == 7
    assert _annotation_set("more") == MORE


# Victims named by a noun (a later session): a report of `make report` on 1,309 articles from outside this war called
# one outlet unfavourable toward a man whose killing its articles reported (the words of outrage and protest around
# "the death of X" went to X). These sentences were written with their signs before any scorer scored them, in the
# session that found it (set "victims" of the annotation file). Version 6 as first shipped got 5 of the 6 victims
# wrong (mention and article); round 8 added the rule (stance._victims: the negative words of a victim's clause are
# not aimed at it) and rebuilt the models: 2 left, below.
VICTIMS = [
    ("victim", "Protesters voiced outrage at the death of Ukrainian soldiers in the shelling.", "Ukraine", ">=0"),
    ("victim", "The killing of Ukrainian soldiers sparked anger and violent protests.", "Ukraine", ">=0"),
    ("victim", "Grief and fury spread after the murder of Ukrainian soldiers near Kharkiv.", "Ukraine", ">=0"),
    ("victim", "Kyiv's losses in the brutal siege deepened public despair.", "Ukraine", ">=0"),
    ("victim", "The deaths of Russian soldiers in the ambush stirred bitter anger at home.", "Russia", ">=0"),
    ("victim", "The brutal attack on Kyiv drew outrage across Europe.", "Ukraine", ">=0"),
    ("agent", "Russia's brutal killing of civilians drew outrage.", "Russia", "<0"),
    ("agent", "Russian soldiers murdered civilians in a horrific massacre.", "Russia", "<0"),
]
VICTIM_VALUES = {  # before round 8 in the comments
    ("Protesters voiced outrage at the death of Ukrainian soldiers in the shelling.", "Ukraine"): (0.0, 0.0),  # -0.688547
    ("The killing of Ukrainian soldiers sparked anger and violent protests.", "Ukraine"): (-0.539937, 0.0),  # -0.947857
    ("Grief and fury spread after the murder of Ukrainian soldiers near Kharkiv.", "Ukraine"): (0.0, 0.0),  # -0.828108
    ("Kyiv's losses in the brutal siege deepened public despair.", "Ukraine"): (0.0, 0.0),
    ("The deaths of Russian soldiers in the ambush stirred bitter anger at home.", "Russia"): (0.0, 0.0),  # -0.676221
    ("The brutal attack on Kyiv drew outrage across Europe.", "Ukraine"): (-0.589895, 0.0),  # -0.939671 (both)
    ("Russia's brutal killing of civilians drew outrage.", "Russia"): (-0.983393, -0.983393),
    ("Russian soldiers murdered civilians in a horrific massacre.", "Russia"): (-0.949056, -0.949056),
}
VICTIMS_WRONG = {
    ("The killing of Ukrainian soldiers sparked anger and violent protests.", "Ukraine"):
        "mention only (the article's stance is 0: the rules aim 'killing' at the soldiers as sympathy, +0.17, the other "
        "way from the model's class): the model reads the sentence's valence after it (-1.11)",
    ("The brutal attack on Kyiv drew outrage across Europe.", "Ukraine"):
        "mention only (the article's stance is 0: no words are aimed at Kyiv): the model reads the sentence's valence",
}


# Settings (a later session): a report of `make report` on 1,309 articles from outside this war called an outlet
# unfavourable toward the United States, partly from mentions that name a place ("protests spread across the United
# States", "racism in the U.S."). These sentences were written with their signs before any scorer scored them (set
# "settings" of the annotation file): a country, a capital or a seat after a preposition of place is a setting, neutral
# by the codebook (">=0"); the actor named after "by", or the owner of what follows ("in Russia's ..."), is not (and
# "In Russia, the regime ...", where the regime is Russia's, is written "<0" too: a limit of the rule). Version 6 as
# round 8 shipped it got 10 of 20 checks right; round 9 added the rule (stance._places) and rebuilt the models.
SETTINGS = [
    ("place", "Deadly floods and power cuts spread across Ukraine this winter.", "Ukraine", ">=0"),
    ("place", "Crime and poverty rose sharply in Russia last year.", "Russia", ">=0"),
    ("place", "Fierce fighting raged throughout Ukraine as the talks collapsed.", "Ukraine", ">=0"),
    ("place", "Journalists in Ukraine reported chaos and panic at the border.", "Ukraine", ">=0"),
    ("place", "A brutal heatwave killed dozens of pensioners in Russia.", "Russia", ">=0"),
    ("place", "The disastrous harvest in Ukraine left farmers in despair.", "Ukraine", ">=0"),
    ("place", "A furious row broke out at the Kremlin over the failed offensive.", "Russia", ">=0"),
    ("actor", "The reckless shelling by Russia destroyed the bridge.", "Russia", "<0"),
    ("actor", "In Russia, the regime jailed critics on absurd charges.", "Russia", "<0"),
    ("actor", "Investors lost faith in Russia's corrupt leaders.", "Russia", "<0"),
]
SETTING_VALUES = {  # before round 9 in the comments (mention and article alike)
    ("Deadly floods and power cuts spread across Ukraine this winter.", "Ukraine"): (0.0, 0.0),  # -0.301
    ("Crime and poverty rose sharply in Russia last year.", "Russia"): (0.0, 0.0),
    ("Fierce fighting raged throughout Ukraine as the talks collapsed.", "Ukraine"): (0.0, 0.0),
    ("Journalists in Ukraine reported chaos and panic at the border.", "Ukraine"): (0.0, 0.0),  # -0.505
    ("A brutal heatwave killed dozens of pensioners in Russia.", "Russia"): (0.0, 0.0),
    ("The disastrous harvest in Ukraine left farmers in despair.", "Ukraine"): (0.0, 0.0),  # -0.496
    ("A furious row broke out at the Kremlin over the failed offensive.", "Russia"): (-0.61221, 0.0),  # -0.969 (both)
    ("The reckless shelling by Russia destroyed the bridge.", "Russia"): (-0.965149, -0.965149),
    ("In Russia, the regime jailed critics on absurd charges.", "Russia"): (0.0, 0.0),  # -0.494 (right)
    ("Investors lost faith in Russia's corrupt leaders.", "Russia"): (0.257446, 0.0),  # +0.264 (both)
}
SETTINGS_WRONG = {
    ("A furious row broke out at the Kremlin over the failed offensive.", "Russia"):
        "mention only (the article's stance is 0: no words are aimed at the Kremlin): the model reads the sentence's "
        "valence",
    ("In Russia, the regime jailed critics on absurd charges.", "Russia"):
        "the rule's limit: Russia after 'In' is a place, and 'the regime' that the words are aimed at is no mention",
    ("Investors lost faith in Russia's corrupt leaders.", "Russia"):
        "not the rule's (the owner is no place): the model reads 'leaders' (+0.53) and the sentence (+0.34) as positive, "
        "more than the rules' 'corrupt', whose words point the other way, so the article's stance is 0",
}


# Modifiers (the same later session): the same report kept a country that modifies a noun ("U.S. protests", "U.S.
# cities") as the actor of its sentence's words. Written with their signs before any scorer scored them (set
# "modifiers"): the country as the modifier of a thing is a setting (">=0"); the country before its agents ("U.S.
# officials", "the U.S. military") or as a clause's subject is the actor ("<0"). Round 9 got 6 of 20 checks right; round
# 10 added the rule (stance._modifiers) and rebuilt the models.
MODIFIERS = [
    ("modifier", "Vandals smashed historic U.S. monuments in a night of chaos.", "United States", ">=0"),
    ("modifier", "Deadly gun violence plagued U.S. schools again this year.", "United States", ">=0"),
    ("modifier", "The brutal Ukraine war drove millions from their homes.", "Ukraine", ">=0"),
    ("modifier", "Chaotic Russia sanctions hurt European farmers.", "Russia", ">=0"),
    ("modifier", "Angry crowds joined the U.S. protests against police brutality.", "United States", ">=0"),
    ("modifier", "Critics slammed the reckless Ukraine aid package.", "Ukraine", ">=0"),
    ("agent", "U.S. officials spread absurd lies about the deal.", "United States", "<0"),
    ("agent", "Russia threatens reckless escalation.", "Russia", "<0"),
    ("agent", "The talks stalled as Russia demands absurd concessions.", "Russia", "<0"),
    ("agent", "The U.S. military bombed the village in a reckless raid.", "United States", "<0"),
]
MODIFIER_VALUES = {  # before round 10 in the comments (mention and article alike)
    ("Vandals smashed historic U.S. monuments in a night of chaos.", "United States"): (0.0, 0.0),  # -0.395
    ("Deadly gun violence plagued U.S. schools again this year.", "United States"): (0.0, 0.0),  # -0.846
    ("The brutal Ukraine war drove millions from their homes.", "Ukraine"): (-0.452593, 0.0),  # -0.872
    ("Chaotic Russia sanctions hurt European farmers.", "Russia"): (-0.88988, -0.88988),  # -0.875
    ("Angry crowds joined the U.S. protests against police brutality.", "United States"): (0.0, 0.0),  # -0.936, round 34: (-0.486179, 0.0)
    ("Critics slammed the reckless Ukraine aid package.", "Ukraine"): (0.0, 0.0),  # -0.696
    ("U.S. officials spread absurd lies about the deal.", "United States"): (-0.767952, -0.767952),
    ("Russia threatens reckless escalation.", "Russia"): (-0.958825, -0.958825),
    ("The talks stalled as Russia demands absurd concessions.", "Russia"): (0.0, 0.0),  # 0.0 (wrong already)
    ("The U.S. military bombed the village in a reckless raid.", "United States"): (-0.800094, -0.800094),
}
MODIFIERS_WRONG = {
    ("The brutal Ukraine war drove millions from their homes.", "Ukraine"):
        "mention only (the article's stance is 0: no words are aimed at Ukraine): the model reads the sentence's valence",
    ("Chaotic Russia sanctions hurt European farmers.", "Russia"):
        "the cue file reads 'sanctions' after a country as sanctions aimed at it (a directed cue: the country is its "
        "patient, not a modifier), and 'Chaotic' goes to the nearest mention",
    ("The talks stalled as Russia demands absurd concessions.", "Russia"):
        "not the rule's: the rules aim 'absurd' at Russia, but the model reads the sentence as neutral ('talks', +0.43)",
}


# Demonyms (the same session): a demonym that modifies a noun ("American cities", "the American opioid crisis") takes
# the words aimed at the phrase, like a country's name did before round 10. Written with their signs before any scorer
# scored them (set "demonyms"). Not fixed: reading a demonym that is no plural noun as round 10 reads a country's name
# got 12 of these 14 checks right (the rules 14), but of the NewsMTSC development rows it changed, all 5 are labelled
# polar ("Russian hacking", "Russian nationals", "American interests"), and the development mean fell 0.6763 -> 0.6759;
# a demonym before a noun names the country's deeds and people more often than its places. The held-out part was not
# read for it. The default gets the 4 modifiers wrong (mention and article).
DEMONYMS = [
    ("modifier", "Rioters looted American cities in a night of chaos.", "United States", ">=0"),
    ("modifier", "The deadly American opioid crisis keeps getting worse.", "United States", ">=0"),
    ("modifier", "Critics call it a grim American tragedy.", "United States", ">=0"),
    ("modifier", "Scandals rocked the American media this week.", "United States", ">=0"),
    ("agent", "American officials spread absurd lies about the deal.", "United States", "<0"),
    ("agent", "The reckless American strikes killed dozens of civilians.", "United States", "<0"),
    ("agent", "The American president made reckless threats.", "United States", "<0"),
]
DEMONYM_VALUES = {
    ("Rioters looted American cities in a night of chaos.", "United States"): (-0.55989, -0.55989),
    ("The deadly American opioid crisis keeps getting worse.", "United States"): (-0.945907, -0.945907),
    ("Critics call it a grim American tragedy.", "United States"): (-0.967387, 0.0),  # round 31: (-0.981377, -0.981377)
    ("Scandals rocked the American media this week.", "United States"): (-0.3992, -0.3992),
    ("American officials spread absurd lies about the deal.", "United States"): (-0.767952, -0.767952),
    ("The reckless American strikes killed dozens of civilians.", "United States"): (-0.973896, -0.973896),
    ("The American president made reckless threats.", "United States"): (-0.890442, -0.890442),
}
_DEMONYM_REASON = "a demonym before a noun is still the actor of the phrase's words (no rule: see above)"
DEMONYMS_WRONG = {(sentence, target): _DEMONYM_REASON for kind, sentence, target, _sign in DEMONYMS if kind == "modifier"}


# "anti-X" (the same session): in the 296 PTC development articles, scored with the actors found in them, "anti-Israel
# hatred" and "an anti-Israel hate group" gave Israel the author's words about the haters. Written with their signs
# before any scorer scored them (set "anti"): an actor named inside "anti-X" is what others oppose (">=0"); who runs an
# "anti-X" campaign is its agent ("<0"). Before round 14 the default got the 5 opposed wrong (mention and article).
# Round 14 (stance.ANTI): a mention right after "anti-" gets no words, like a place; the four left wrong are so at the
# mention only.
ANTI = [
    ("opposed", "Critics condemned the vile anti-Ukraine propaganda.", "Ukraine", ">=0"),
    ("opposed", "The rally was hijacked by violent anti-NATO extremists.", "NATO", ">=0"),
    ("opposed", "Hateful anti-Russia rhetoric poisoned the debate.", "Russia", ">=0"),
    ("opposed", "Anti-American hysteria swept the conference.", "United States", ">=0"),
    ("opposed", "Russia's brutal anti-Ukraine campaign shocked Europe.", "Ukraine", ">=0"),
    ("agent", "Russia's brutal anti-Ukraine campaign shocked Europe.", "Russia", "<0"),
]
ANTI_VALUES = {  # before round 14 in comments (mention and article alike)
    ("Critics condemned the vile anti-Ukraine propaganda.", "Ukraine"): (0.0, 0.0),  # -0.625826
    ("The rally was hijacked by violent anti-NATO extremists.", "NATO"): (-0.568773, 0.0),  # -0.969146
    ("Hateful anti-Russia rhetoric poisoned the debate.", "Russia"): (-0.737638, 0.0),  # -0.970444
    ("Anti-American hysteria swept the conference.", "United States"): (-0.445973, 0.0),  # -0.846874
    ("Russia's brutal anti-Ukraine campaign shocked Europe.", "Ukraine"): (-0.888598, 0.0),  # -0.974802
    ("Russia's brutal anti-Ukraine campaign shocked Europe.", "Russia"): (-0.974804, -0.974804),  # -0.946707
}
_ANTI_REASON = "mention only (the article's stance is 0: no words are aimed at the opposed actor): the model reads the sentence's valence"
ANTI_WRONG = {(sentence, target): _ANTI_REASON for kind, sentence, target, _sign in ANTI
              if kind == "opposed" and sentence != "Critics condemned the vile anti-Ukraine propaganda."}


# Possessors (the twenty-second session): in 1,309 BABE articles scored with the actors found in them, the report's table
# of the most extreme mentions gave George Floyd -1.00 from "George Floyd's murder": the possessor of a harm is its
# victim unless an object follows ("Russia's killing of civilians") or the harm is one its possessor does ("Russia's
# attack"). Written with their signs before any scorer scored them (set "possessors"): six victims (">=0") and four
# agents ("<0"); before round 11 the default got the 6 victims wrong (mention and article). Round 11
# (stance.POSSESSORS): the possessor of a harm suffered, of a harm with "by" after it, or of a harm done to one person
# with no object after it is its victim. The three left wrong are so at the mention only.
POSSESSORS = [
    ("victim", "Zelensky's assassination would plunge the country into chaos and fury.", "Ukraine", ">=0"),
    ("victim", "Protesters raged for weeks over Zelensky's murder.", "Ukraine", ">=0"),
    ("victim", "Biden's kidnapping by rebels sparked a furious manhunt.", "Biden", ">=0"),
    ("victim", "Kyiv's shelling by Russian soldiers left the city in ruins and despair.", "Ukraine", ">=0"),
    ("victim", "Angry crowds mourned the Ukrainian soldiers' execution in captivity.", "Ukraine", ">=0"),
    ("victim", "The world recoiled at Zelensky's brutal torture.", "Ukraine", ">=0"),
    ("agent", "Kyiv's shelling by Russian soldiers left the city in ruins and despair.", "Russia", "<0"),
    ("agent", "Russia's brutal attack shocked Europe.", "Russia", "<0"),
    ("agent", "Moscow's persecution of dissidents is relentless and cruel.", "Russia", "<0"),
    ("agent", "Kyiv's shelling of Donetsk drew fierce condemnation.", "Ukraine", "<0"),
]
POSSESSOR_VALUES = {  # before round 11 in comments
    ("Zelensky's assassination would plunge the country into chaos and fury.", "Ukraine"): (0.0, 0.0),  # -0.933813
    ("Protesters raged for weeks over Zelensky's murder.", "Ukraine"): (-0.62384, 0.0),  # -0.96554
    ("Biden's kidnapping by rebels sparked a furious manhunt.", "Biden"): (0.0, 0.0),  # -0.724666
    ("Kyiv's shelling by Russian soldiers left the city in ruins and despair.", "Ukraine"): (-0.364053, 0.0),  # -0.739169
    ("Angry crowds mourned the Ukrainian soldiers' execution in captivity.", "Ukraine"): (0.0, 0.0),  # -0.518492
    ("The world recoiled at Zelensky's brutal torture.", "Ukraine"): (-0.590933, 0.0),  # -0.97005
    ("Kyiv's shelling by Russian soldiers left the city in ruins and despair.", "Russia"): (-0.882903, -0.882903),
    ("Russia's brutal attack shocked Europe.", "Russia"): (-0.995341, -0.995341),
    ("Moscow's persecution of dissidents is relentless and cruel.", "Russia"): (-0.609873, 0.0),  # -0.585293 (both)
    ("Kyiv's shelling of Donetsk drew fierce condemnation.", "Ukraine"): (-0.900844, -0.900844),
}
_POSSESSOR_REASON = "mention only (the article's stance is 0: no words are aimed at the victim): the model reads the sentence's valence"
POSSESSORS_WRONG = {
    ("Protesters raged for weeks over Zelensky's murder.", "Ukraine"): _POSSESSOR_REASON,
    ("Kyiv's shelling by Russian soldiers left the city in ruins and despair.", "Ukraine"): _POSSESSOR_REASON,
    ("The world recoiled at Zelensky's brutal torture.", "Ukraine"): _POSSESSOR_REASON,
    ("Moscow's persecution of dissidents is relentless and cruel.", "Russia"):
        "article only: VADER rates 'relentless' +0.36 against 'cruel' -0.32, so the rules' words point the other way from "
        "the model's right class (-0.59) and the mention carries no evidence (stance.EVIDENCE_AGREES)",
}


# Bans (the twenty-fourth session): the BABE development sentences read as articles gave Britain -0.26 from "Britain
# will ban the sale of new petrol cars" and Donald Trump the "ban" of "Trump's ban on bump stocks": VADER rates "ban"
# -2.6, and the rules aimed it at whoever was near. Written with their signs before any scorer scored them (set
# "bans"): six who ban (">=0": a policy reported is not the author's judgement of who imposes it) and four who are
# banned ("<0", as "sanctions" reads them). Before round 17 the default got 5 of the 6 who ban wrong (mention and
# article) and the sixth's mention. Round 17 (cue rows "ban", "bans", "banned", "banning" as directed cues like
# "sanctions", and "assault weapons" set to 0) gets all but one right.
BANS = [
    ("agent", "Biden will ban the sale of new petrol cars from 2035.", "Biden", ">=0"),
    ("agent", "Kyiv banned Russian-language broadcasts last year.", "Ukraine", ">=0"),
    ("agent", "The U.S. ban on Russian oil took effect on Monday.", "United States", ">=0"),
    ("agent", "Biden's ban on assault weapons expired in 2004.", "Biden", ">=0"),
    ("agent", "NATO banned cluster munitions at its bases.", "NATO", ">=0"),
    ("agent", "Moscow has banned all foreign journalists from the region.", "Russia", ">=0"),
    ("patient", "Several countries banned Russia from the games.", "Russia", "<0"),
    ("patient", "Russia was banned from the Olympics.", "Russia", "<0"),
    ("patient", "The league imposed a ban on Zelensky.", "Ukraine", "<0"),
    ("patient", "Washington wants to ban NATO from the talks.", "NATO", "<0"),
]
BAN_VALUES = {  # before round 17 in comments
    ("Biden will ban the sale of new petrol cars from 2035.", "Biden"): (0.0, 0.0),  # -0.362 (both)
    ("Kyiv banned Russian-language broadcasts last year.", "Ukraine"): (0.0, 0.0),  # -0.620 (both)
    ("The U.S. ban on Russian oil took effect on Monday.", "United States"): (0.0, 0.0),  # -0.514, 0.0
    ("Biden's ban on assault weapons expired in 2004.", "Biden"): (0.0, 0.0),  # -0.900 (both)
    ("NATO banned cluster munitions at its bases.", "NATO"): (0.0, 0.0),  # -0.591 (both)
    ("Moscow has banned all foreign journalists from the region.", "Russia"): (0.0, 0.0),  # -0.627 (both)
    ("Several countries banned Russia from the games.", "Russia"): (-0.531427, -0.531427),  # -0.538
    ("Russia was banned from the Olympics.", "Russia"): (-0.440958, -0.440958),  # -0.580
    ("The league imposed a ban on Zelensky.", "Ukraine"): (-0.414016, -0.414016),  # -0.512
    ("Washington wants to ban NATO from the talks.", "NATO"): (0.0, 0.0),  # 0.0 (both)
}
BANS_WRONG = {
    ("Washington wants to ban NATO from the talks.", "NATO"):
        "not the rule's: the rules aim 'ban' at NATO (-0.40), but the model reads the sentence as neutral ('talks', +0.44)",
}


# Dismissals (the twenty-fourth session, written again in the twenty-fifth): the BABE development sentences read as
# articles gave Donald Trump "criticism" (-0.38) from "Trump has brushed aside criticism for his decision to hold his
# first rally": issue 15 item 3 asks that a rejection of an accusation is not self-blame, and "rejected", "denied" govern
# what follows them, but a verb with a particle did not. Written with their signs before any scorer scored them (set
# "dismissals"): six who brush aside, shrug off, wave off or laugh off criticism or accusations (">=0") and two where the
# author's words are aimed at the one who dismisses ("<0"). Before round 18 the default got 5 of the 16 checks right.
# Round 18 (stance.DISMISSALS: "brush", "shrug", "wave", "laugh" with "aside" or "off" right after reject as "rejected"
# does) gets all but one right.
DISMISSALS = [
    ("rejected", "Biden brushed aside criticism of his decision to hold the rally.", "Biden", ">=0"),
    ("rejected", "The Kremlin shrugged off accusations of war crimes in Bucha.", "Russia", ">=0"),
    ("rejected", "Zelensky waved off the allegations of corruption.", "Ukraine", ">=0"),
    ("rejected", "NATO laughed off the threats of a nuclear strike.", "NATO", ">=0"),
    ("rejected", "Biden brushes off the scandal as a smear.", "Biden", ">=0"),
    ("rejected", "Kyiv has shrugged off the criticism of its slow counteroffensive.", "Ukraine", ">=0"),
    ("author", "Biden brushed his critics aside with crude and vicious insults.", "Biden", "<0"),
    ("author", "The reckless Kremlin shrugged off the warnings.", "Russia", "<0"),
]
DISMISSAL_VALUES = {  # before round 18 in comments
    ("Biden brushed aside criticism of his decision to hold the rally.", "Biden"): (0.0, 0.0),  # -0.562155 (both)
    ("The Kremlin shrugged off accusations of war crimes in Bucha.", "Russia"): (0.0, 0.0),  # -0.961641 (both)
    ("Zelensky waved off the allegations of corruption.", "Ukraine"): (0.0, 0.0),  # -0.755414 (both)
    ("NATO laughed off the threats of a nuclear strike.", "NATO"): (0.0, 0.0),  # -0.474338, 0.0
    ("Biden brushes off the scandal as a smear.", "Biden"): (-0.415323, -0.415323),  # -0.93101 (both)
    ("Kyiv has shrugged off the criticism of its slow counteroffensive.", "Ukraine"): (0.0, 0.0),  # -0.822329 (both)
    ("Biden brushed his critics aside with crude and vicious insults.", "Biden"): (-0.887559, -0.887559),
    ("The reckless Kremlin shrugged off the warnings.", "Russia"): (-0.657567, -0.657567),  # -0.932298 (both)
}
DISMISSALS_WRONG = {
    ("Biden brushes off the scandal as a smear.", "Biden"):
        "'smear' is five words after 'off', beyond the four words a rejector governs (stance.OUTCOME_WINDOW)",
}


# Proxies (the twenty-fifth session): in the same BABE articles Reuters' most negative mentions of Donald Trump included
# "An attorney for President Donald Trump ... blasted House Democrats' request" and "efforts by a staunch ally of
# President Donald Trump": the words of the clause went to the actor whom its subject represents or supports. Written
# with their signs before any scorer scored them (set "proxies"): six actors named after "an attorney for", "a lawyer
# for", "an ally of", "supporters of", "an adviser to" or before "'s lawyer" (">=0") and three where the actor is the
# subject beside such a noun ("<0"). Before round 19 the default got 8 of the 18 checks right. Round 19
# (stance.PROXIES: such a mention is like a place, it gets no words of its clause) gets all but four right: the model
# reads the sentence's valence at two mentions, and "The corrupt Kremlin sent its lawyers" was the modifiers rule's fault
# (it read "sent" as a noun the Kremlin modifies), which round 20 fixes.
PROXIES = [
    ("proxy", "An attorney for Biden blasted the committee's request as a reckless fishing expedition.", "Biden", ">=0"),
    ("proxy", "A lawyer for Zelensky called the report a vile smear.", "Ukraine", ">=0"),
    ("proxy", "Biden's lawyer lied to the court.", "Biden", ">=0"),
    ("proxy", "A staunch ally of Biden was arrested for fraud.", "Biden", ">=0"),
    ("proxy", "Supporters of Zelensky attacked the journalists outside the court.", "Ukraine", ">=0"),
    ("proxy", "A longtime adviser to Biden was convicted of bribery.", "Biden", ">=0"),
    ("author", "Biden lied to his lawyers about the documents.", "Biden", "<0"),
    ("author", "The corrupt Kremlin sent its lawyers to the court.", "Russia", "<0"),
    ("author", "Zelensky betrayed his allies in the region.", "Ukraine", "<0"),
]
PROXY_VALUES = {  # before round 19 in comments
    ("An attorney for Biden blasted the committee's request as a reckless fishing expedition.", "Biden"): (0.0, 0.0),  # -0.795122 (both)
    ("A lawyer for Zelensky called the report a vile smear.", "Ukraine"): (0.0, 0.0),  # -0.685122 (both)
    ("Biden's lawyer lied to the court.", "Biden"): (0.0, 0.0),  # 0.0 (both), evidence lied(-0.33)
    ("A staunch ally of Biden was arrested for fraud.", "Biden"): (-0.724297, 0.0),  # -0.953396 (both)
    ("Supporters of Zelensky attacked the journalists outside the court.", "Ukraine"): (-0.506878, 0.0),  # -0.769892 (both)
    ("A longtime adviser to Biden was convicted of bribery.", "Biden"): (0.0, 0.0),
    ("Biden lied to his lawyers about the documents.", "Biden"): (-0.612935, -0.612935),
    ("The corrupt Kremlin sent its lawyers to the court.", "Russia"): (-0.47829, -0.47829),  # 0.0 before round 20
    ("Zelensky betrayed his allies in the region.", "Ukraine"): (-0.76256, -0.76256),
}
PROXIES_WRONG = {
    ("A staunch ally of Biden was arrested for fraud.", "Biden"):
        "mention only (the article's stance is 0: no words are aimed at the one the ally supports): the model reads the sentence's valence",
    ("Supporters of Zelensky attacked the journalists outside the court.", "Ukraine"):
        "mention only (the article's stance is 0): the model reads the sentence's valence",
}


# Verbs (the same session): "The corrupt Kremlin sent its lawyers" of set "proxies" showed that the modifiers rule (round
# 10) read an irregular past tense after a country as a noun the country modifies ("the Kremlin sent", like "the brutal
# Ukraine war"), so the country was a setting and got none of its clause's words. Written with their signs before any
# scorer scored them (set "verbs"): six countries before an irregular past tense ("<0": the author's words aimed at the
# country as subject) and two that do modify a noun (">=0"). Before round 20 the default got 7 of the 16 checks right.
# Round 20 (stance.PAST_VERBS: an irregular past tense after the country is a verb) gets all but two right: the two
# modifiers' mentions, where the model reads the sentence's valence (their article stance is 0).
VERBS = [
    ("subject", "The Kremlin made a reckless threat against its neighbours.", "Russia", "<0"),
    ("subject", "The brutal Kremlin sent its thugs to the border.", "Russia", "<0"),
    ("subject", "Once again Moscow broke its promise with cynical contempt.", "Russia", "<0"),
    ("subject", "The U.S. took a cruel and reckless decision.", "United States", "<0"),
    ("subject", "The Kremlin spread vile lies about the talks.", "Russia", "<0"),
    ("subject", "Yesterday Moscow struck a cynical and reckless deal.", "Russia", "<0"),
    ("modifier", "The grim Ukraine war dragged on for another winter.", "Ukraine", ">=0"),
    ("modifier", "Vandals defaced the Kremlin walls with vile graffiti.", "Russia", ">=0"),
]
VERB_VALUES = {  # before round 20 in comments
    ("The Kremlin made a reckless threat against its neighbours.", "Russia"): (-0.918965, -0.918965),  # -0.552027, 0.0
    ("The brutal Kremlin sent its thugs to the border.", "Russia"): (-0.950712, -0.950712),  # -0.331826, 0.0
    ("Once again Moscow broke its promise with cynical contempt.", "Russia"): (-0.97301, -0.97301),  # -0.652419, 0.0
    ("The U.S. took a cruel and reckless decision.", "United States"): (-0.894313, -0.894313),  # -0.376705, 0.0
    ("The Kremlin spread vile lies about the talks.", "Russia"): (-0.716608, -0.716608),  # 0.0 (both)
    ("Yesterday Moscow struck a cynical and reckless deal.", "Russia"): (-0.918066, -0.918066),  # -0.432513, 0.0
    ("The grim Ukraine war dragged on for another winter.", "Ukraine"): (-0.606694, 0.0),
    ("Vandals defaced the Kremlin walls with vile graffiti.", "Russia"): (-0.437602, 0.0),
}
VERBS_WRONG = {
    ("The grim Ukraine war dragged on for another winter.", "Ukraine"):
        "mention only (the article's stance is 0: the country modifies 'war'): the model reads the sentence's valence",
    ("Vandals defaced the Kremlin walls with vile graffiti.", "Russia"):
        "mention only (the article's stance is 0: the Kremlin modifies 'walls'): the model reads the sentence's valence",
}


# Opposition to a bad thing (the same session): in the same BABE articles "a plan ... to root out fraud and abuse" gave
# the Trump administration the fraud and the abuse (-0.42), and "the anti-racism protests" gave whoever stood near them
# "anti" and "racism" (George Floyd -0.76 from "a mural of George Floyd in solidarity with the anti-racism protests"):
# issue 15 item 3 asks that reducing a bad thing is not negative. Written with their signs before any scorer scored
# them (set "opposition"): four phrasal reducers and three "anti-" compounds (">=0"), and three where the author's words
# are aimed at the actor beside them ("<0"). Before round 21 the default got 12 of the 20 checks right. Round 21
# (stance.REDUCER_PHRASES: "root out", "stamp out", "weed out", "rein in" reduce as "reduced" does; stance.ANTI_COMPOUNDS:
# "anti-" before a word VADER rates negative is opposition to it, and neither word counts) gets all 20 right.
OPPOSITION = [
    ("reduced", "The Biden administration wants to root out fraud and abuse in the program.", "Biden", ">=0"),
    ("reduced", "Kyiv vowed to stamp out corruption in the army.", "Ukraine", ">=0"),
    ("reduced", "NATO moved to weed out corrupt officers.", "NATO", ">=0"),
    ("reduced", "Biden promised to rein in reckless spending.", "Biden", ">=0"),
    ("compound", "Zelensky launched an anti-corruption campaign.", "Ukraine", ">=0"),
    ("compound", "Moscow passed a new anti-terrorism law.", "Russia", ">=0"),
    ("compound", "Thousands joined Biden at an anti-war rally.", "Biden", ">=0"),
    ("author", "Moscow brutally crushed the anti-war protests.", "Russia", "<0"),
    ("author", "Kyiv failed miserably to root out corruption.", "Ukraine", "<0"),
    ("author", "The Kremlin's anti-Western hysteria is absurd and dangerous.", "Russia", "<0"),
]
OPPOSITION_VALUES = {  # before round 21 in comments
    ("The Biden administration wants to root out fraud and abuse in the program.", "Biden"): (0.350495, 0.350495),  # -0.907566 (both)
    ("Kyiv vowed to stamp out corruption in the army.", "Ukraine"): (0.568472, 0.568472),  # 0.255152, 0.0
    ("NATO moved to weed out corrupt officers.", "NATO"): (0.0, 0.0),  # 0.0 (both), evidence corrupt(-0.28)
    ("Biden promised to rein in reckless spending.", "Biden"): (0.720162, 0.720162),  # 0.041778 (both)
    ("Zelensky launched an anti-corruption campaign.", "Ukraine"): (0.171696, 0.171696),  # -0.566666 (both)
    ("Moscow passed a new anti-terrorism law.", "Russia"): (0.0, 0.0),  # -0.758321 (both)
    ("Thousands joined Biden at an anti-war rally.", "Biden"): (0.0, 0.0),  # -0.350634 (both)
    ("Moscow brutally crushed the anti-war protests.", "Russia"): (-0.920936, -0.920936),  # -0.958114 (both)
    ("Kyiv failed miserably to root out corruption.", "Ukraine"): (-0.903497, -0.903497),  # -0.951849 (both)
    ("The Kremlin's anti-Western hysteria is absurd and dangerous.", "Russia"): (-0.99024, -0.99024),
}
OPPOSITION_WRONG: dict = {}


# Relatives (the same session): in the same BABE articles "President Donald Trump's younger adult son is being
# criticized for falsely claiming ... that the COVID-19 crisis is a Democratic hoax" gave Donald Trump -0.86: a
# relative's conduct is not the actor's, as an attorney's is not (round 19). Written with their signs before any scorer
# scored them (set "relatives"): five actors named as a relative's ("Biden's son", "a nephew of Biden"; ">=0") and
# three where the author's words are aimed at the actor beside a relative ("<0"). Before round 22 the default got 8 of
# the 16 checks right. Round 22 (stance.RELATIVES: the nouns of a relative join round 19's proxies) gets all but one
# right.
RELATIVES = [
    ("relative", "Biden's son was charged with lying on a gun form.", "Biden", ">=0"),
    ("relative", "Zelensky's brother-in-law was arrested for corruption.", "Ukraine", ">=0"),
    ("relative", "Biden's younger brother lied to investors.", "Biden", ">=0"),
    ("relative", "A nephew of Biden was convicted of fraud.", "Biden", ">=0"),
    ("relative", "Biden's grandson crashed a car in a reckless stunt.", "Biden", ">=0"),
    ("author", "Biden lied to his son about the deal.", "Biden", "<0"),
    ("author", "The corrupt Kremlin hid its money with the president's cousins.", "Russia", "<0"),
    ("author", "Zelensky shamefully abandoned his brother in prison.", "Ukraine", "<0"),
]
RELATIVE_VALUES = {  # before round 22 in comments
    ("Biden's son was charged with lying on a gun form.", "Biden"): (0.0, 0.0),  # -0.751724 (both)
    ("Zelensky's brother-in-law was arrested for corruption.", "Ukraine"): (0.0, 0.0),  # -0.490173 (both)
    ("Biden's younger brother lied to investors.", "Biden"): (0.0, 0.0),  # 0.0 (both), evidence lied(-0.29)
    ("A nephew of Biden was convicted of fraud.", "Biden"): (-0.548065, 0.0),  # -0.795039 (both)
    ("Biden's grandson crashed a car in a reckless stunt.", "Biden"): (0.0, 0.0),  # -0.552812 (both)
    ("Biden lied to his son about the deal.", "Biden"): (-0.551327, -0.551327),
    ("The corrupt Kremlin hid its money with the president's cousins.", "Russia"): (-0.539746, -0.539746),
    ("Zelensky shamefully abandoned his brother in prison.", "Ukraine"): (-0.920576, -0.920576),
}
RELATIVES_WRONG = {
    ("A nephew of Biden was convicted of fraud.", "Biden"):
        "mention only (the article's stance is 0: no words are aimed at the one whose nephew it is): the model reads the sentence's valence",
}


# Illness and protest (the same session): the same BABE articles gave Black Lives Matter and George Floyd "protest"
# ("the global Black Lives Matter protest", "a George Floyd protest": VADER -1.0; round 16 set "protests" and
# "protesters" to 0 but not the singular) and the Republican Party and Donald Trump "infected" ("go out and get
# infected", "immigrants who are possibly infected": VADER -2.2), harm suffered like "wounded". Written with their signs
# before any scorer scored them (set "illness"): three actors infected and three beside a protest (">=0"), and two where
# the author's words are aimed at the actor ("<0"). Before round 23 the default got 10 of the 16 checks right. Round 23
# (cue rows "protest" neutral, "infected" harm suffered, and "infected" in stance.HARM) gets all 16 right.
ILLNESS = [
    ("harm", "Biden was infected with the virus last week.", "Biden", ">=0"),
    ("harm", "NATO soldiers were infected during the drill.", "NATO", ">=0"),
    ("harm", "Dozens of Ukrainian soldiers were infected in the outbreak.", "Ukraine", ">=0"),
    ("event", "Zelensky addressed the protest in the capital.", "Ukraine", ">=0"),
    ("event", "Russian soldiers joined a protest against the war.", "Russia", ">=0"),
    ("event", "Biden met the leaders of the protest on Monday.", "Biden", ">=0"),
    ("author", "Biden's reckless protest stunt was an embarrassment.", "Biden", "<0"),
    ("author", "The Kremlin callously infected its own prisoners.", "Russia", "<0"),
]
ILLNESS_VALUES = {  # before round 23 in comments
    ("Biden was infected with the virus last week.", "Biden"): (0.0, 0.0),  # -0.478515 (both)
    ("NATO soldiers were infected during the drill.", "NATO"): (0.0, 0.0),  # -0.554757 (both)
    ("Dozens of Ukrainian soldiers were infected in the outbreak.", "Ukraine"): (0.0, 0.0),  # -0.517773 (both)
    ("Zelensky addressed the protest in the capital.", "Ukraine"): (0.0, 0.0),  # 0.0 (both), evidence protest(-0.18)
    ("Russian soldiers joined a protest against the war.", "Russia"): (0.0, 0.0),  # 0.0 (both), evidence protest(-0.18)
    ("Biden met the leaders of the protest on Monday.", "Biden"): (0.0, 0.0),  # 0.0 (both), evidence protest(-0.12)
    ("Biden's reckless protest stunt was an embarrassment.", "Biden"): (-0.967662, -0.967662),  # -0.975452 (both)
    ("The Kremlin callously infected its own prisoners.", "Russia"): (-0.841786, -0.841786),  # -0.943687 (both)
}
ILLNESS_WRONG: dict = {}


# Periods (the same session): in the same BABE articles "Republicans are more pessimistic ... than at almost any other
# time during Donald Trump's presidency, as a trio of crises - the coronavirus pandemic, an economic downturn and mass
# protests over police brutality - buffets his administration" gave Donald Trump "brutality": an actor named as the
# holder of a period after "during" names a time, as a place names where. Written with their signs before any scorer
# scored them (set "periods"): five periods (">=0") and three where the author's words are aimed at the actor beside
# one ("<0"). Before round 24 the default got 10 of the 16 checks right. Round 24 (stance.PERIODS) gets all but one
# right.
PERIODS = [
    ("period", "Inflation soared during Biden's presidency.", "Biden", ">=0"),
    ("period", "The violence surged during Zelensky's tenure, as a trio of crises hit the country.", "Ukraine", ">=0"),
    ("period", "Several scandals erupted during Biden's first term.", "Biden", ">=0"),
    ("period", "Corruption flourished during the Biden administration.", "Biden", ">=0"),
    ("period", "During Zelensky's presidency, the war destroyed many cities.", "Ukraine", ">=0"),
    ("author", "During his presidency, Biden recklessly ignored the crisis.", "Biden", "<0"),
    ("author", "Biden lied repeatedly during his presidency.", "Biden", "<0"),
    ("author", "Zelensky's reckless blunders during his tenure cost thousands of lives.", "Ukraine", "<0"),
]
PERIOD_VALUES = {  # before round 24 in comments
    ("Inflation soared during Biden's presidency.", "Biden"): (0.0, 0.0),
    ("The violence surged during Zelensky's tenure, as a trio of crises hit the country.", "Ukraine"): (0.0, 0.0),  # -0.533981 (both)
    ("Several scandals erupted during Biden's first term.", "Biden"): (0.0, 0.0),  # -0.387264 (both)
    ("Corruption flourished during the Biden administration.", "Biden"): (0.0, 0.0),  # 0.0 (both), evidence Corruption(-0.31)
    ("During Zelensky's presidency, the war destroyed many cities.", "Ukraine"): (-0.251567, 0.0),  # -0.38767 (both)
    ("During his presidency, Biden recklessly ignored the crisis.", "Biden"): (-0.881942, -0.881942),
    ("Biden lied repeatedly during his presidency.", "Biden"): (-0.526122, -0.526122),
    ("Zelensky's reckless blunders during his tenure cost thousands of lives.", "Ukraine"): (-0.847086, -0.847086),
}
PERIODS_WRONG = {
    ("During Zelensky's presidency, the war destroyed many cities.", "Ukraine"):
        "mention only (the article's stance is 0: the actor names a time): the model reads the sentence's valence",
}


# Threats (the same session): in the same BABE articles "Christian white nationalism is a much greater threat to the US
# than radical Islam" gave the United States -0.73 ("threat", "radical"): an actor after a threat noun and "to" or
# "against" is the one threatened, a victim like "the attack on X" (round 8). Written with their signs before any
# scorer scored them (set "threats"): five actors threatened (">=0") and three that threaten ("<0"). Before round 25
# the default got 5 of the 16 checks right. Round 25 (stance.THREATS) gets all but three right, each a mention where the
# model reads the sentence's valence (the article stance is 0).
THREATS = [
    ("victim", "Moscow's missiles are a grave threat to Ukraine.", "Ukraine", ">=0"),
    ("victim", "Experts call Christian nationalism a greater threat to the United States than terrorism.", "United States", ">=0"),
    ("victim", "The militia issued violent threats against Zelensky.", "Ukraine", ">=0"),
    ("victim", "Hackers pose a serious danger to NATO.", "NATO", ">=0"),
    ("victim", "The regime made brutal threats against Biden and his family.", "Biden", ">=0"),
    ("author", "Moscow's missiles are a grave threat to Ukraine.", "Russia", "<0"),
    ("author", "The reckless Kremlin is the real threat to peace.", "Russia", "<0"),
    ("author", "Biden's reckless threats against Russia backfired.", "Biden", "<0"),
]
THREAT_VALUES = {  # before round 25 in comments
    ("Moscow's missiles are a grave threat to Ukraine.", "Ukraine"): (0.0, 0.0),  # -0.822956 (both)
    ("Experts call Christian nationalism a greater threat to the United States than terrorism.", "United States"): (-0.388363, 0.0),  # -0.922741 (both), round 31: (-0.341104, 0.0)
    ("The militia issued violent threats against Zelensky.", "Ukraine"): (-0.423522, 0.0),  # -0.872682 (both)
    ("Hackers pose a serious danger to NATO.", "NATO"): (0.0, 0.0),  # -0.519362 (both)
    ("The regime made brutal threats against Biden and his family.", "Biden"): (-0.400796, 0.0),  # -0.923365 (both)
    ("Moscow's missiles are a grave threat to Ukraine.", "Russia"): (-0.873129, -0.873129),  # -0.505052, 0.0
    ("The reckless Kremlin is the real threat to peace.", "Russia"): (-0.869788, -0.869788),
    ("Biden's reckless threats against Russia backfired.", "Biden"): (-0.952281, -0.952281),  # -0.931944 (both)
}
THREATS_WRONG = {
    ("Experts call Christian nationalism a greater threat to the United States than terrorism.", "United States"): "mention only (the article's stance is 0: the actor is the one threatened): the model reads the sentence's valence",
    ("The militia issued violent threats against Zelensky.", "Ukraine"): "mention only (the article's stance is 0: the actor is the one threatened): the model reads the sentence's valence",
    ("The regime made brutal threats against Biden and his family.", "Biden"): "mention only (the article's stance is 0: the actor is the one threatened): the model reads the sentence's valence",
}



# Own subjects (the twenty-sixth session): in the same BABE articles a clause without a mention gave its words to the
# nearest actor before it ("Trump has brushed aside criticism for his decision ..., and the ... racist ... violence";
# "..., the number of hate groups ballooned" after "After ... Barack Obama, was elected"). A clause that opens with a
# noun phrase of its own is about that noun phrase. Written with their signs before any scorer scored them (set
# "subjects"): eleven clauses with a subject of their own beside an actor (">=0"), and five where the words are aimed
# at the actor ("<0": an apposition right after it, a pronoun, a role noun, the actor's deed). Before round 26 the
# default got 24 of the 32 checks right. Round 26 (stance.SUBJECTS) gets all but four right: the pronoun and the role
# noun, which the rules aim at the actor but the model reads as neutral (their article stance 0, as before).
SUBJECTS = [
    ("own-subject", "Biden arrived in Warsaw on Monday, and the crowds outside were angry and violent.", "Biden", ">=0"),
    ("own-subject", "Russia held talks with Turkey; the shelling near the border was brutal.", "Russia", ">=0"),
    ("own-subject", "Zelensky arrived in Geneva, while the fighting in the east grew more savage.", "Ukraine", ">=0"),
    ("own-subject", "The United States announced new aid, but the war's toll keeps rising at a horrific pace.", "United States", ">=0"),
    ("own-subject", "NATO ministers met in Brussels; a deadly storm had battered the city overnight.", "NATO", ">=0"),
    ("own-subject", "The corrupt regime's lies have failed, and Biden now leads the talks.", "Biden", ">=0"),
    ("own-subject", "The floods were catastrophic, the worst disaster in decades, as Russia sent rescuers.", "Russia", ">=0"),
    ("own-subject", "Ukraine's foreign minister spoke in Kyiv, and the sirens wailed as a terrible attack began.", "Ukraine", ">=0"),
    ("own-subject", "Biden visited the port, where a vicious gang war had killed dozens.", "Biden", ">=0"),
    ("own-subject", "Ukraine won the vote, although the debate that preceded it was ugly and hateful.", "Ukraine", ">=0"),
    ("own-subject", "The United States hosted the summit, as the protests outside turned violent and chaotic.", "United States", ">=0"),
    ("appositive", "Russia - the world's most brutal aggressor - rejected the talks.", "Russia", "<0"),
    ("appositive", "NATO, a reckless and corrupt alliance, met in Brussels.", "NATO", "<0"),
    ("pronoun", "Biden spoke in Warsaw, and he gave a reckless, hateful speech.", "Biden", "<0"),
    ("role", "Biden spoke in Warsaw, and the president gave a reckless, hateful speech.", "Biden", "<0"),
    ("deed", "Russia shelled the city again, and the reckless attack killed twelve civilians.", "Russia", "<0"),
]
SUBJECT_VALUES = {  # before round 26 in comments
    ("Biden arrived in Warsaw on Monday, and the crowds outside were angry and violent.", "Biden"): (0.0, 0.0),
    ("Russia held talks with Turkey; the shelling near the border was brutal.", "Russia"): (0.0, 0.0),
    ("Zelensky arrived in Geneva, while the fighting in the east grew more savage.", "Ukraine"): (0.0, 0.0),
    ("The United States announced new aid, but the war's toll keeps rising at a horrific pace.", "United States"): (0.0, 0.0),  # -0.846086 (both)
    ("NATO ministers met in Brussels; a deadly storm had battered the city overnight.", "NATO"): (0.0, 0.0),
    ("The corrupt regime's lies have failed, and Biden now leads the talks.", "Biden"): (0.0, 0.0),
    ("The floods were catastrophic, the worst disaster in decades, as Russia sent rescuers.", "Russia"): (0.0, 0.0),  # -0.697671 (both)
    ("Ukraine's foreign minister spoke in Kyiv, and the sirens wailed as a terrible attack began.", "Ukraine"): ((0.0, 0.0), 0.0),
    ("Biden visited the port, where a vicious gang war had killed dozens.", "Biden"): (0.0, 0.0),
    ("Ukraine won the vote, although the debate that preceded it was ugly and hateful.", "Ukraine"): (0.513946, 0.513946),  # 0.320243 (both)
    ("The United States hosted the summit, as the protests outside turned violent and chaotic.", "United States"): (0.0, 0.0),
    ("Russia - the world's most brutal aggressor - rejected the talks.", "Russia"): (-0.339537, -0.339537),  # -0.32954 (both)
    ("NATO, a reckless and corrupt alliance, met in Brussels.", "NATO"): (-0.272816, -0.272816),  # -0.256528 (both)
    ("Biden spoke in Warsaw, and he gave a reckless, hateful speech.", "Biden"): (0.0, 0.0),
    ("Biden spoke in Warsaw, and the president gave a reckless, hateful speech.", "Biden"): (0.0, 0.0),
    ("Russia shelled the city again, and the reckless attack killed twelve civilians.", "Russia"): (-0.711724, -0.711724),  # -0.69182 (both)
}
SUBJECTS_WRONG = {
    ("Biden spoke in Warsaw, and he gave a reckless, hateful speech.", "Biden"): "both: the rules aim the words at Biden, the model reads the mention as neutral",
    ("Biden spoke in Warsaw, and the president gave a reckless, hateful speech.", "Biden"): "both: the rules aim the words at Biden, the model reads the mention as neutral",
}


# Subordinate clauses (the same session): Reuters' most negative author-voice mentions of Donald Trump in the same BABE
# articles included "Trump pledged to ban the devices soon after a gunman used them to shoot and kill 58 people" and
# "... embraced by Trump following a massacre that killed 58 people": a clause opened by "after", "when", "because" ...
# before a noun phrase is about that noun phrase, but it was part of the main clause, so its words went to the actor
# there. Written with their signs before any scorer scored them (set "subordinate"): eight such clauses beside an actor
# (">=0") and four where the author's words are aimed at the actor ("<0": in the main clause, or the actor as the
# subordinate clause's subject). Before round 28 the default got 8 of the 24 checks right; round 28 (stance.SUBORDINATES:
# such a word before a determiner opens a clause, whose own subject round 26 then finds) gets all but three right
# (scripts/validate_stance.py, which reads a sentence's first mention of the actor, counts 22 of 24).
SUBORDINATE = [
    ("own-subject", "Biden pledged to ban the devices after a gunman used them to kill 58 people.", "Biden", ">=0"),
    ("own-subject", "Russia closed its embassy when the violent protests reached the capital.", "Russia", ">=0"),
    ("own-subject", "NATO postponed the summit because the brutal storm had flooded the city.", "NATO", ">=0"),
    ("own-subject", "Zelensky returned to Kyiv after the deadly attack on the market.", "Ukraine", ">=0"),
    ("own-subject", "The United States sent aid before the terrible famine spread.", "United States", ">=0"),
    ("own-subject", "Ukraine signed the deal following a bitter and chaotic debate in parliament.", "Ukraine", ">=0"),
    ("own-subject", "Biden spoke to reporters until the angry crowd drowned him out.", "Biden", ">=0"),
    ("own-subject", "Russia raised its grain prices after the disastrous harvest.", "Russia", ">=0"),
    ("author", "Biden lied to the press after he lost the debate.", "Biden", "<0"),
    ("author", "Russia shelled the hospital after the reckless Kremlin rejected the truce.", "Russia", "<0"),
    ("author", "NATO acted recklessly when the crisis began.", "NATO", "<0"),
    ("author", "Zelensky made a disastrous blunder when the talks began.", "Ukraine", "<0"),
]
SUBORDINATE_VALUES = {  # before round 28 in comments
    ("Biden pledged to ban the devices after a gunman used them to kill 58 people.", "Biden"): (-0.270229, 0.0),  # -0.697358 (both)
    ("Russia closed its embassy when the violent protests reached the capital.", "Russia"): (0.0, 0.0),
    ("NATO postponed the summit because the brutal storm had flooded the city.", "NATO"): (0.0, 0.0),  # -0.62631 (both)
    ("Zelensky returned to Kyiv after the deadly attack on the market.", "Ukraine"): ((0.0, -0.406875), -0.203438),  # article -0.384332
    ("The United States sent aid before the terrible famine spread.", "United States"): (0.0, 0.0),  # -0.64942 (both)
    ("Ukraine signed the deal following a bitter and chaotic debate in parliament.", "Ukraine"): (0.0, 0.0),  # -0.547873 (both)
    ("Biden spoke to reporters until the angry crowd drowned him out.", "Biden"): (0.0, 0.0),  # -0.485684 (both)
    ("Russia raised its grain prices after the disastrous harvest.", "Russia"): (0.0, 0.0),  # -0.506692 (both)
    ("Biden lied to the press after he lost the debate.", "Biden"): (-0.558902, -0.558902),  # -0.533646 (both)
    ("Russia shelled the hospital after the reckless Kremlin rejected the truce.", "Russia"): ((-0.647089, -0.744453), -0.695771),
    ("NATO acted recklessly when the crisis began.", "NATO"): (-0.314558, -0.314558),  # -0.655086 (both)
    ("Zelensky made a disastrous blunder when the talks began.", "Ukraine"): (-0.657398, -0.657398),  # 0.0 (both)
}
SUBORDINATE_WRONG = {
    ("Biden pledged to ban the devices after a gunman used them to kill 58 people.", "Biden"): "mention only (the article's stance is 0: no words are aimed at Biden): the model reads the sentence's valence",
    ("Zelensky returned to Kyiv after the deadly attack on the market.", "Ukraine"): "both, for Kyiv: 'the deadly attack' names a deed (stance.AGENT_NOUNS), which may be the actor's, so its clause keeps the old attribution to the nearest actor before it",
}


# Pairs (the same session): round 10 makes a country that modifies a noun like a place ("the brutal Ukraine war"), but
# it read no further than a hyphen, so in "the brutal Russia-Ukraine war" the first of the pair stayed an actor and took
# "brutal". Found by reading round 10's rule, not in the news read this session (BABE and PTC hold one such pair each
# before a noun with a target in it). Written with their signs before any scorer scored them (set "bilateral"): eight
# mentions inside a hyphenated pair before a noun (">=0") and three actors the words are aimed at ("<0": a pair before
# an agent noun, "U.S.-Ukrainian forces", "the Russia-Belarus army", and an actor beside a pair). Before round 29 the
# default got 12 of the 22 checks right; round 29 (stance.BILATERAL) gets all but six right, each a mention where the
# model reads the sentence's valence (the article stance is 0).
BILATERAL = [
    ("modifier", "Thousands have died in the savage Russia-Ukraine conflict.", "Russia", ">=0"),
    ("modifier", "Thousands have died in the savage Russia-Ukraine conflict.", "Ukraine", ">=0"),
    ("modifier", "Critics called the NATO-Russia council a useless and corrupt forum.", "NATO", ">=0"),
    ("modifier", "Critics called the NATO-Russia council a useless and corrupt forum.", "Russia", ">=0"),
    ("modifier", "The disastrous U.S.-Ukraine talks ended without a deal.", "United States", ">=0"),
    ("modifier", "The disastrous U.S.-Ukraine talks ended without a deal.", "Ukraine", ">=0"),
    ("modifier", "Smugglers exploit the chaotic U.S.-Mexico border.", "United States", ">=0"),
    ("modifier", "Russia's reckless war on Ukraine-EU trade shocked Brussels.", "Ukraine", ">=0"),
    ("author", "Russia's reckless war on Ukraine-EU trade shocked Brussels.", "Russia", "<0"),
    ("author", "Reckless U.S.-Ukrainian forces shelled the village.", "United States", "<0"),
    ("author", "The Russia-Belarus army staged reckless drills on the border.", "Russia", "<0"),
]
BILATERAL_VALUES = {  # before round 29 in comments
    ("Thousands have died in the savage Russia-Ukraine conflict.", "Russia"): (-0.307245, 0.0),  # -0.723511 (both)
    ("Thousands have died in the savage Russia-Ukraine conflict.", "Ukraine"): (-0.546073, 0.0),
    ("Critics called the NATO-Russia council a useless and corrupt forum.", "NATO"): (-0.396615, 0.0),
    ("Critics called the NATO-Russia council a useless and corrupt forum.", "Russia"): (-0.53186, 0.0),  # -0.922655 (both)
    ("The disastrous U.S.-Ukraine talks ended without a deal.", "United States"): (0.0, 0.0),
    ("The disastrous U.S.-Ukraine talks ended without a deal.", "Ukraine"): (0.0, 0.0),
    ("Smugglers exploit the chaotic U.S.-Mexico border.", "United States"): (-0.429725, 0.0),  # -0.911171 (both)
    ("Russia's reckless war on Ukraine-EU trade shocked Brussels.", "Ukraine"): (-0.529795, 0.0),  # -0.775738 (both)
    ("Russia's reckless war on Ukraine-EU trade shocked Brussels.", "Russia"): (-0.965115, -0.965115),  # -0.931584 (both)
    ("Reckless U.S.-Ukrainian forces shelled the village.", "United States"): (-0.913274, -0.913274),  # -0.768404 (both)
    ("The Russia-Belarus army staged reckless drills on the border.", "Russia"): (-0.843872, -0.843872),  # -0.846726 (both)
}
_PAIR_REASON = "mention only (the article's stance is 0: the pair modifies a noun): the model reads the sentence's valence"
BILATERAL_WRONG = {(sentence, target): _PAIR_REASON for _kind, sentence, target, _sign in BILATERAL
                   if BILATERAL_VALUES[(sentence, target)][0] < 0 and _sign == ">=0"}

# Aggression (the twenty-eighth session): a report of `make report` on a small corpus from outside this war, and the
# sentences written to check it, showed "Russia waged a brutal campaign against Ukraine" giving Ukraine "brutal": the
# victims rule of round 8 knew "the attack on X" but not a war, a campaign, an invasion or a siege waged against or
# taking the actor. Written with their signs before any scorer scored them (set "aggression"): nine actors after a
# noun of aggression and "against", "on" or (for taking) "of" (">=0"), and five the words are aimed at ("<0": the
# agent of the war or the campaign; "the campaign of Russian soldiers", whose "of" names the agent; an actor after
# "against" that owns what follows, "the campaign against Biden's reckless spending"). Before round 30 the default got
# 14 of the 28 checks right; round 30 (stance.AGGRESSIONS) gets the article's stance right for all fourteen, the
# mention's score for six: the model reads the sentence's valence.
AGGRESSION = [
    ('victim', "Russia's brutal war against Ukraine has entered its fourth year.", 'Ukraine', '>=0'),
    ('victim', 'The illegal invasion of Ukraine shocked and horrified Europe.', 'Ukraine', '>=0'),
    ('victim', "Moscow's vicious campaign against Kyiv intensified overnight.", 'Ukraine', '>=0'),
    ('victim', 'The savage siege of Kyiv left the city in ruins.', 'Ukraine', '>=0'),
    ('victim', 'The cruel occupation of Ukraine brought terror and misery.', 'Ukraine', '>=0'),
    ('victim', 'Deadly air strikes on Kyiv killed twelve people.', 'Ukraine', '>=0'),
    ('victim', 'The reckless aggression against NATO alarmed its members.', 'NATO', '>=0'),
    ('victim', 'Brutal violence against Russian soldiers was filmed and shared.', 'Russia', '>=0'),
    ('victim', 'A devastating offensive against Russian soldiers ended in chaos.', 'Russia', '>=0'),
    ('agent', "Russia's brutal war against Ukraine has entered its fourth year.", 'Russia', '<0'),
    ('agent', "Moscow's vicious campaign against Kyiv intensified overnight.", 'Russia', '<0'),
    ('agent', 'Russia waged a cruel and illegal war on Ukraine.', 'Russia', '<0'),
    ('agent', 'The vicious campaign of Russian soldiers against villagers shocked observers.', 'Russia', '<0'),
    ('author', "Voters backed the campaign against Biden's reckless and wasteful spending.", 'Biden', '<0'),
]
AGGRESSION_VALUES = {  # before round 30 in comments
    ("Russia's brutal war against Ukraine has entered its fourth year.", 'Ukraine'): (-0.604862, 0.0),  # (-0.605878, 0.0)
    ('The illegal invasion of Ukraine shocked and horrified Europe.', 'Ukraine'): (-0.521836, 0.0),  # -0.975917 (both)
    ("Moscow's vicious campaign against Kyiv intensified overnight.", 'Ukraine'): (-0.294388, 0.0),  # (-0.298359, 0.0)
    ('The savage siege of Kyiv left the city in ruins.', 'Ukraine'): (0.0, 0.0),
    ('The cruel occupation of Ukraine brought terror and misery.', 'Ukraine'): (-0.573686, 0.0),  # -0.986353 (both)
    ('Deadly air strikes on Kyiv killed twelve people.', 'Ukraine'): (-0.469199, 0.0),  # -0.931919 (both)
    ('The reckless aggression against NATO alarmed its members.', 'NATO'): (-0.472669, 0.0),  # -0.929391 (both)
    ('Brutal violence against Russian soldiers was filmed and shared.', 'Russia'): (-0.383697, 0.0),  # -0.945022 (both)
    ('A devastating offensive against Russian soldiers ended in chaos.', 'Russia'): (-0.521314, 0.0),  # -0.947034 (both)
    ("Russia's brutal war against Ukraine has entered its fourth year.", 'Russia'): (-0.888875, -0.888875),  # -0.891683 (both)
    ("Moscow's vicious campaign against Kyiv intensified overnight.", 'Russia'): (-0.756795, -0.756795),  # -0.762914 (both)
    ('Russia waged a cruel and illegal war on Ukraine.', 'Russia'): (-0.906477, -0.906477),  # -0.811067 (both)
    ('The vicious campaign of Russian soldiers against villagers shocked observers.', 'Russia'): (-0.609046, -0.609046),  # -0.941417 (both), round 34: (-0.941196, -0.941196)
    ("Voters backed the campaign against Biden's reckless and wasteful spending.", 'Biden'): (-0.944079, -0.944079),  # -0.946272 (both)
}
_AGGRESSION_REASON = "mention only (the article's stance is 0: no words are aimed at the victim): the model reads the sentence's valence"
AGGRESSION_WRONG = {(sentence, target): _AGGRESSION_REASON for _kind, sentence, target, _sign in AGGRESSION
                    if AGGRESSION_VALUES[(sentence, target)][0] < 0 and _sign == ">=0"}


# Labels (the same session): the same report gave a speaker the words of her own label ("Maria Lopez ... called the
# ordinance a disaster": Lopez -0.49 from "disaster"). "X called Y a Z", "X described Y as Z", "X denounced Y as Z" are
# X's judgement of Y, reported speech as "X said Y was Z" is. Written with their signs before any scorer scored them
# (set "labels"): nine speakers of a label (">=0") and two sentences where the author's words are aimed at the speaker
# ("<0": before the verb, and "called off", which is no label). Before round 31 the default got 6 of the 22 checks
# right; round 31 (stance.LABELS) gets the article's stance right for all nine speakers and the reckless Kremlin, the
# mention's score for three speakers (two since round 32's models, which read Biden's "disaster" label as negative for
# him): the model reads the sentence's valence.
LABELS = [
    ('speaker', 'Biden called the ordinance a disaster.', 'Biden', '>=0'),
    ('speaker', 'The Kremlin called the proposal a dangerous provocation.', 'Russia', '>=0'),
    ('speaker', 'Zelensky called the Russian offer a cynical trick.', 'Ukraine', '>=0'),
    ('speaker', 'NATO described the attack as barbaric and cowardly.', 'NATO', '>=0'),
    ('speaker', 'Zelensky denounced the shelling as a vile war crime.', 'Ukraine', '>=0'),
    ('speaker', 'Moscow branded the sanctions as illegal and hostile.', 'Russia', '>=0'),
    ('speaker', 'Biden dismissed the report as fake and absurd.', 'Biden', '>=0'),
    ('speaker', 'The United States condemned the strike as a horrific atrocity.', 'United States', '>=0'),
    ('speaker', 'NATO called it a reckless and shameful escalation.', 'NATO', '>=0'),
    ('author', 'The reckless Kremlin called the proposal a provocation.', 'Russia', '<0'),
    ('author', 'Moscow called off the talks in a brutal and cynical move.', 'Russia', '<0'),
]
LABELS_VALUES = {  # before round 31 in comments
    ('Biden called the ordinance a disaster.', 'Biden'): (-0.398701, 0.0),  # -0.48518 (both); round 32's models: (0.0, 0.0)
    ('The Kremlin called the proposal a dangerous provocation.', 'Russia'): (-0.57655, 0.0),  # -0.664177 (both)
    ('Zelensky called the Russian offer a cynical trick.', 'Ukraine'): (0.0, 0.0),
    ('NATO described the attack as barbaric and cowardly.', 'NATO'): (-0.887714, 0.0),  # -0.922626 (both)
    ('Zelensky denounced the shelling as a vile war crime.', 'Ukraine'): (-0.737601, 0.0),  # -0.810231 (both)
    ('Moscow branded the sanctions as illegal and hostile.', 'Russia'): (-0.797398, 0.0),  # -0.861256 (both)
    ('Biden dismissed the report as fake and absurd.', 'Biden'): (0.0, 0.0),
    ('The United States condemned the strike as a horrific atrocity.', 'United States'): (-0.806423, 0.0),  # -0.869391 (both)
    ('NATO called it a reckless and shameful escalation.', 'NATO'): (-0.761752, 0.0),  # -0.843842 (both)
    ('The reckless Kremlin called the proposal a provocation.', 'Russia'): (-0.641204, -0.641204),  # -0.666487 (both)
    ('Moscow called off the talks in a brutal and cynical move.', 'Russia'): (0.0, 0.0),
}
_LABEL_REASON = "mention only (the article's stance is 0: the label is the speaker's voice): the model reads the sentence's valence"
LABELS_WRONG = {(sentence, target): _LABEL_REASON for _kind, sentence, target, _sign in LABELS
                if LABELS_VALUES[(sentence, target)][0] < 0 and _sign == ">=0"}
LABELS_WRONG[("Moscow called off the talks in a brutal and cynical move.", "Russia")] = (
    "both ('called off' is no label, as it should be): the model's class is neutral (score 0.0), so the rules' 'brutal' "
    "and 'cynical' are no evidence and the article's stance is 0")


# Reporting verbs (the same session): "Councilmember David Cho, one of the few adults in the room, warned that ..." gave
# Cho VADER's "warned" (-0.28): reporting verbs VADER rates negative ("argued", "stressed", "warned") were the author's
# judgement of the one who speaks, though CODEBOOK.md does not code neutral reporting verbs. Written with their signs
# before any scorer scored them (set "reporting"): eight speakers (">=0") and three where the author's words are aimed
# at the speaker ("<0"). Before round 33 the default got 14 of the 22 checks right; round 33 (neutral rows of the cue
# file) gets 20: the two left are "The reckless Kremlin warned ...", whose mention the model now reads as neutral, so
# that "reckless" is no evidence.
REPORTING = [
    ('speaker', 'Biden argued that the plan would fail.', 'Biden', '>=0'),
    ('speaker', 'NATO stressed that the alliance stands united.', 'NATO', '>=0'),
    ('speaker', 'The Kremlin warned that the talks would collapse.', 'Russia', '>=0'),
    ('speaker', 'Zelensky argued the deal was a trap.', 'Ukraine', '>=0'),
    ('speaker', 'Biden stressed the need for unity.', 'Biden', '>=0'),
    ('speaker', 'NATO officials warned repeatedly about the risks.', 'NATO', '>=0'),
    ('speaker', 'The United States argued for a ceasefire.', 'United States', '>=0'),
    ('speaker', 'Moscow issued a warning to the West.', 'Russia', '>=0'),
    ('author', 'Biden lied shamelessly and argued that the plan would work.', 'Biden', '<0'),
    ('author', 'The reckless Kremlin warned that the talks would collapse.', 'Russia', '<0'),
    ('author', 'Zelensky foolishly stressed that the army was strong.', 'Ukraine', '<0'),
]
REPORTING_VALUES = {  # before round 33 in comments
    ('Biden argued that the plan would fail.', 'Biden'): (0.0, 0.0),  # -0.553032 (both)
    ('NATO stressed that the alliance stands united.', 'NATO'): (0.299172, 0.0),  # (0.096475, 0.0)
    ('The Kremlin warned that the talks would collapse.', 'Russia'): (0.0, 0.0),
    ('Zelensky argued the deal was a trap.', 'Ukraine'): (0.0, 0.0),  # -0.580862 (both)
    ('Biden stressed the need for unity.', 'Biden'): (0.0, 0.0),
    ('NATO officials warned repeatedly about the risks.', 'NATO'): (0.0, 0.0),  # -0.446838 (both)
    ('The United States argued for a ceasefire.', 'United States'): (0.0, 0.0),  # -0.404877 (both)
    ('Moscow issued a warning to the West.', 'Russia'): (0.0, 0.0),
    ('Biden lied shamelessly and argued that the plan would work.', 'Biden'): (-0.862388, -0.862388),  # -0.900973 (both)
    ('The reckless Kremlin warned that the talks would collapse.', 'Russia'): (0.0, 0.0),  # -0.533816 (both)
    ('Zelensky foolishly stressed that the army was strong.', 'Ukraine'): (-0.309628, -0.309628),  # -0.498492 (both)
}
REPORTING_WRONG = {
    ("The reckless Kremlin warned that the talks would collapse.", "Russia"):
        "both: the model's class is neutral (score 0.0), so the rules' 'reckless' is no evidence and the article's stance is 0",
}


# Against (the same session): "Zelensky stood firm against brutal aggression." gave Zelensky -0.86 from "brutal" and
# "aggression": the bad thing an actor stands, speaks or defends itself against was aimed at the actor. Written with
# their signs before any scorer scored them (set "against"): six actors that oppose a bad thing (">=0"), and three the
# author's words are aimed at ("<0": words before "against", and words beyond the phrase after it). Before round 34 the
# default got 7 of the 18 checks right; round 34 (stance.AGAINST) gets all 18.
AGAINST = [
    ('opposer', 'Zelensky stood firm against brutal aggression.', 'Ukraine', '>=0'),
    ('opposer', 'Kyiv defended itself against a savage invasion.', 'Ukraine', '>=0'),
    ('opposer', 'Moscow spoke out against the harsh sanctions.', 'Russia', '>=0'),
    ('opposer', 'NATO stood united against ruthless terror.', 'NATO', '>=0'),
    ('opposer', 'Biden campaigned against corrupt and greedy lobbyists.', 'Biden', '>=0'),
    ('opposer', 'The United States stood with Kyiv against vicious extremists.', 'United States', '>=0'),
    ('agent', 'Russia waged a brutal war against Ukraine.', 'Russia', '<0'),
    ('agent', 'The corrupt Kremlin lobbied against the sanctions.', 'Russia', '<0'),
    ('author', 'Biden voted against the bill in a shameful and cowardly retreat.', 'Biden', '<0'),
]
AGAINST_VALUES = {  # before round 34 in comments
    ('Zelensky stood firm against brutal aggression.', 'Ukraine'): (0.0, 0.0),  # -0.863723 (both)
    ('Kyiv defended itself against a savage invasion.', 'Ukraine'): (0.259664, 0.259664),  # -0.617903 (both)
    ('Moscow spoke out against the harsh sanctions.', 'Russia'): (0.0, 0.0),  # -0.497012 (both)
    ('NATO stood united against ruthless terror.', 'NATO'): (0.425694, 0.0),  # -0.730455 (both)
    ('Biden campaigned against corrupt and greedy lobbyists.', 'Biden'): (0.0, 0.0),  # -0.679215 (both)
    ('The United States stood with Kyiv against vicious extremists.', 'United States'): (0.121682, 0.0),  # (-0.263772, 0.0)
    ('Russia waged a brutal war against Ukraine.', 'Russia'): (-0.836749, -0.836749),  # -0.841647 (both)
    ('The corrupt Kremlin lobbied against the sanctions.', 'Russia'): (-0.405606, -0.405606),  # -0.749963 (both)
    ('Biden voted against the bill in a shameful and cowardly retreat.', 'Biden'): (-0.606088, -0.606088),  # -0.588406 (both)
}
AGAINST_WRONG: dict = {}


# The sets written in later sessions, each after news from outside this war showed a failure: (cases, the default's
# (mention, article) values, the pairs it gets wrong and why), checked alike.
LATER_SETS = {
    "victims": (VICTIMS, VICTIM_VALUES, VICTIMS_WRONG),
    "settings": (SETTINGS, SETTING_VALUES, SETTINGS_WRONG),
    "modifiers": (MODIFIERS, MODIFIER_VALUES, MODIFIERS_WRONG),
    "demonyms": (DEMONYMS, DEMONYM_VALUES, DEMONYMS_WRONG),
    "anti": (ANTI, ANTI_VALUES, ANTI_WRONG),
    "possessors": (POSSESSORS, POSSESSOR_VALUES, POSSESSORS_WRONG),
    "bans": (BANS, BAN_VALUES, BANS_WRONG),
    "dismissals": (DISMISSALS, DISMISSAL_VALUES, DISMISSALS_WRONG),
    "proxies": (PROXIES, PROXY_VALUES, PROXIES_WRONG),
    "verbs": (VERBS, VERB_VALUES, VERBS_WRONG),
    "opposition": (OPPOSITION, OPPOSITION_VALUES, OPPOSITION_WRONG),
    "relatives": (RELATIVES, RELATIVE_VALUES, RELATIVES_WRONG),
    "illness": (ILLNESS, ILLNESS_VALUES, ILLNESS_WRONG),
    "periods": (PERIODS, PERIOD_VALUES, PERIODS_WRONG),
    "threats": (THREATS, THREAT_VALUES, THREATS_WRONG),
    "subjects": (SUBJECTS, SUBJECT_VALUES, SUBJECTS_WRONG),
    "subordinate": (SUBORDINATE, SUBORDINATE_VALUES, SUBORDINATE_WRONG),
    "bilateral": (BILATERAL, BILATERAL_VALUES, BILATERAL_WRONG),
    "aggression": (AGGRESSION, AGGRESSION_VALUES, AGGRESSION_WRONG),
    "labels": (LABELS, LABELS_VALUES, LABELS_WRONG),
    "reporting": (REPORTING, REPORTING_VALUES, REPORTING_WRONG),
    "against": (AGAINST, AGAINST_VALUES, AGAINST_WRONG),
}


@pytest.fixture(scope="module")
def later():
    return _score_cases([case for cases, _values, _wrong in LATER_SETS.values() for case in cases])


@pytest.mark.parametrize(("name", "kind", "sentence", "target", "sign"),
                         [case for name, (cases, _values, wrong) in LATER_SETS.items() for case in _marked(cases, wrong, (name,))])
def test_the_later_sets_have_the_sign_asked_for(later, name, kind, sentence, target, sign):
    _check_sign(later, LATER_SETS[name][1], sentence, target, sign)


@pytest.mark.parametrize("name", LATER_SETS)
def test_the_later_sets_are_wrong_by_the_amounts_recorded(later, name):
    _cases, values, wrong = LATER_SETS[name]
    _assert_recorded(later, wrong, values)


@pytest.mark.parametrize("name", LATER_SETS)
def test_each_later_set_is_the_one_of_the_annotation_file(name):
    cases, values, _wrong = LATER_SETS[name]
    assert _annotation_set(name) == cases and len(values) == len(cases)


# Gerunds (the twenty-second session): in the same BABE report, "the weeks its hosts spent claiming that coronavirus
# wasn't nearly as dangerous ... and that Democrats exaggerated the threat" gave the Democratic Party -1.00 in the
# author's voice: a reporting verb in "-ing" before "that" opens indirect speech as "said that" does. Written with their
# signs before any scorer scored them (set "gerunds", checked on the article's stance, which is the author's voice):
# six reported ("claiming that", "insisting that", ...; ">=0") and four where the words are the author's ("<0": before
# the gerund, or a gerund without "that"). Before round 12 the default got the 6 reported wrong; round 12
# (stance.GERUNDS: a reporting verb in "-ing" before "that" opens indirect speech) gets all 10 right.
GERUNDS = [
    ("reported", "Fox News hosts spent weeks claiming that Zelensky is a corrupt and reckless leader.", "Ukraine", ">=0"),
    ("reported", "Kremlin officials keep insisting that Ukraine committed brutal atrocities.", "Ukraine", ">=0"),
    ("reported", "Critics went on television, arguing that NATO is a reckless and dangerous alliance.", "NATO", ">=0"),
    ("reported", "Russian state media ran stories saying that Biden is a senile and corrupt puppet.", "Biden", ">=0"),
    ("reported", "The pundit made headlines by suggesting that Kyiv is run by a vile regime.", "Ukraine", ">=0"),
    ("reported", "Moscow spent months alleging that Ukrainian soldiers murdered civilians.", "Ukraine", ">=0"),
    ("author", "Zelensky spent weeks claiming absurd victories while his reckless army collapsed.", "Ukraine", "<0"),
    ("author", "Russia keeps insisting on brutal and illegal demands.", "Russia", "<0"),
    ("author", "Biden made a reckless blunder, saying that the talks had failed.", "Biden", "<0"),
    ("author", "Moscow lied brazenly, claiming that the attack never happened.", "Russia", "<0"),
]
GERUND_VALUES = {  # the article's stance (before round 12 in comments)
    ("Fox News hosts spent weeks claiming that Zelensky is a corrupt and reckless leader.", "Ukraine"): 0.0,  # -0.881583
    ("Kremlin officials keep insisting that Ukraine committed brutal atrocities.", "Ukraine"): 0.0,  # -0.975909
    ("Critics went on television, arguing that NATO is a reckless and dangerous alliance.", "NATO"): 0.0,  # -0.988087
    ("Russian state media ran stories saying that Biden is a senile and corrupt puppet.", "Biden"): 0.0,  # -0.905881
    ("The pundit made headlines by suggesting that Kyiv is run by a vile regime.", "Ukraine"): 0.0,  # -0.965514
    ("Moscow spent months alleging that Ukrainian soldiers murdered civilians.", "Ukraine"): 0.0,  # -0.944492
    ("Zelensky spent weeks claiming absurd victories while his reckless army collapsed.", "Ukraine"): -0.658284,
    ("Russia keeps insisting on brutal and illegal demands.", "Russia"): -0.843267,
    ("Biden made a reckless blunder, saying that the talks had failed.", "Biden"): -0.69887,  # -0.695487
    ("Moscow lied brazenly, claiming that the attack never happened.", "Russia"): -0.939339,  # -0.931889
}
GERUNDS_WRONG: dict = {}


# Bases (the same session): the same report kept "truthers ignorantly believe that ... Democrats ... have been
# exaggerating" and "to seriously suggest that the Democrats have some secret plan" in the author's voice: a reporting
# verb's base form before "that" ("believe that", "suggest that", "warn that") reports as "said that" does. Written with
# their signs before any scorer scored them (set "bases", article level): six reported (">=0") and four where the words
# are the author's ("<0"). Before round 13 the default got the 6 reported wrong; round 13 (stance.BASES: a reporting
# verb's base form before "that" opens indirect speech, and a short final clause whose verb has "that" after it is no
# attribution of what came before) gets all 10 right.
BASES = [
    ("reported", "Conspiracy theorists believe that NATO secretly staged the brutal massacre.", "NATO", ">=0"),
    ("reported", "Some commentators suggest that Zelensky is a corrupt and reckless leader.", "Ukraine", ">=0"),
    ("reported", "Pundits on state television warn that Ukraine will unleash vile terror on Europe.", "Ukraine", ">=0"),
    ("reported", "Several officials allege that Biden took brutal and illegal bribes.", "Biden", ">=0"),
    ("reported", "Hardliners maintain that Kyiv is run by a criminal regime.", "Ukraine", ">=0"),
    ("reported", "Many voters still believe that Russia is an aggressive and dangerous enemy.", "Russia", ">=0"),
    ("author", "The corrupt Kremlin wants the world to believe that the war is over.", "Russia", "<0"),
    ("author", "Biden's reckless blunders suggest that the talks will fail.", "Biden", "<0"),
    ("author", "Russia keeps attacking civilians in brutal raids, and experts warn that more will die.", "Russia", "<0"),
    ("author", "Russia's brutal attacks suggest a reckless strategy.", "Russia", "<0"),
]
BASE_VALUES = {  # the article's stance (before round 13 in comments)
    ("Conspiracy theorists believe that NATO secretly staged the brutal massacre.", "NATO"): 0.0,  # -0.996609
    ("Some commentators suggest that Zelensky is a corrupt and reckless leader.", "Ukraine"): 0.0,  # -0.898674
    ("Pundits on state television warn that Ukraine will unleash vile terror on Europe.", "Ukraine"): 0.0,  # -0.951257
    ("Several officials allege that Biden took brutal and illegal bribes.", "Biden"): 0.0,  # -0.943521
    ("Hardliners maintain that Kyiv is run by a criminal regime.", "Ukraine"): 0.0,  # -0.805332
    ("Many voters still believe that Russia is an aggressive and dangerous enemy.", "Russia"): 0.0,  # -0.972416
    ("The corrupt Kremlin wants the world to believe that the war is over.", "Russia"): -0.655713,
    ("Biden's reckless blunders suggest that the talks will fail.", "Biden"): -0.555617,
    ("Russia keeps attacking civilians in brutal raids, and experts warn that more will die.", "Russia"): -0.933276,
    ("Russia's brutal attacks suggest a reckless strategy.", "Russia"): -0.993556,
}
BASES_WRONG: dict = {}


# Epistemic words (the twenty-sixth session): of the most frequent author-voice evidence of the BABE and PTC development
# articles read as articles, "clear", "clearly", "certainly", "true" say how sure the writer is ("made it clear that",
# "it is true that", "clearly beyond the president's abilities"), yet VADER rates them positive and they went to the
# nearest actor. Written with their signs before any scorer scored them (set "epistemic", article level): eight
# sentences with such a word and no stance of the author toward the actor ("0"), and four where the author's words are
# aimed at it beside one. Before round 27 the default got 7 of the 12 right; round 27 (the cue file rates "clear",
# "clearly", "certainly", "definitely", "sure", "surely" and "true" neutral) gets all 12 right.
EPISTEMIC = [
    ("epistemic", "Biden made it clear that the talks would continue.", "Biden", "0"),
    ("epistemic", "It is clear that NATO will meet again in June.", "NATO", "0"),
    ("epistemic", "Russia certainly plans to hold the parade in May.", "Russia", "0"),
    ("epistemic", "Zelensky will surely visit Washington next month.", "Ukraine", "0"),
    ("epistemic", "The United States has definitely changed its schedule.", "United States", "0"),
    ("epistemic", "It is true that Russia held talks with Turkey on Monday.", "Russia", "0"),
    ("epistemic", "Biden wants to make sure that the bill reaches the Senate.", "Biden", "0"),
    ("epistemic", "Clearly, NATO has not decided where to hold the summit.", "NATO", "0"),
    ("author", "Russia clearly committed brutal war crimes.", "Russia", "<0"),
    ("author", "Biden is surely a reckless and corrupt leader.", "Biden", "<0"),
    ("author", "NATO has certainly shown admirable courage.", "NATO", ">=0"),
    ("author", "It is clear that Kyiv acted with remarkable bravery.", "Ukraine", ">=0"),
]
EPISTEMIC_VALUES = {  # the article's stance (before round 27 in comments)
    ("Biden made it clear that the talks would continue.", "Biden"): 0.0,
    ("It is clear that NATO will meet again in June.", "NATO"): 0.0,  # 0.578929
    ("Russia certainly plans to hold the parade in May.", "Russia"): 0.0,  # 0.402741
    ("Zelensky will surely visit Washington next month.", "Ukraine"): 0.0,  # 0.589485
    ("The United States has definitely changed its schedule.", "United States"): 0.0,  # 0.257764
    ("It is true that Russia held talks with Turkey on Monday.", "Russia"): 0.0,
    ("Biden wants to make sure that the bill reaches the Senate.", "Biden"): 0.0,  # 0.29423
    ("Clearly, NATO has not decided where to hold the summit.", "NATO"): 0.0,
    ("Russia clearly committed brutal war crimes.", "Russia"): -0.91977,  # -0.903676
    ("Biden is surely a reckless and corrupt leader.", "Biden"): -0.529938,  # -0.376016
    ("NATO has certainly shown admirable courage.", "NATO"): 0.921365,  # 0.939048
    ("It is clear that Kyiv acted with remarkable bravery.", "Ukraine"): 0.836374,  # 0.870175
}
EPISTEMIC_WRONG: dict = {}


# Speakers (the twenty-eighth session): "The reckless Kremlin, which ignored every warning, said the talks failed." gave
# "reckless" to the Kremlin as a report and "failed" as the author's: a short last clause opened by the reporting verb
# was read as "CONTENT, said X" and the relative clause before it as the content. Written with their signs before any
# scorer scored them (set "speakers", checked on the article's stance, the author's voice): four subjects whose own
# relative clause or apposition carries the author's words ("<0"), four actors in the subject's short report (">=0"),
# and two true inverted reports ("Kyiv is lying, said the Kremlin.", ">=0"). Before round 32 the default got 3 of the
# 10 right; round 32 (stance.SPEAKERS) gets 9: the one left is a subject whose mention the model reads as positive, so
# that the rules' "corrupt" points the other way from its class and is no evidence.
SPEAKERS = [
    ('author', 'The reckless Kremlin, which ignored every warning, said the talks failed.', 'Russia', '<0'),
    ('author', 'Biden, a corrupt and senile leader, said the deal was good.', 'Biden', '<0'),
    ('author', 'NATO, which shamefully abandoned its allies, said it was ready.', 'NATO', '<0'),
    ('author', 'The corrupt Kremlin, which lies daily, said NATO was weak.', 'Russia', '<0'),
    ('reported', 'The corrupt Kremlin, which lies daily, said NATO was weak.', 'NATO', '>=0'),
    ('reported', 'Moscow, which lost the vote, said Kyiv lied.', 'Ukraine', '>=0'),
    ('reported', 'Biden, speaking in Warsaw, said Moscow lied.', 'Russia', '>=0'),
    ('reported', 'Zelensky, the Ukrainian president, said Moscow cheated.', 'Russia', '>=0'),
    ('reported', 'Russian soldiers committed brutal crimes, said Zelensky.', 'Russia', '>=0'),
    ('reported', 'Kyiv is lying, said the Kremlin.', 'Ukraine', '>=0'),
]
SPEAKER_VALUES = {  # the article's stance (before round 32 in comments)
    ('The reckless Kremlin, which ignored every warning, said the talks failed.', 'Russia'): -0.699333,  # 0.0, round 33: -0.73709
    ('Biden, a corrupt and senile leader, said the deal was good.', 'Biden'): 0.0,
    ('NATO, which shamefully abandoned its allies, said it was ready.', 'NATO'): -0.649673,  # 0.0
    ('The corrupt Kremlin, which lies daily, said NATO was weak.', 'Russia'): -0.815588,  # 0.0
    ('The corrupt Kremlin, which lies daily, said NATO was weak.', 'NATO'): 0.0,  # -0.60724
    ('Moscow, which lost the vote, said Kyiv lied.', 'Ukraine'): 0.0,  # -0.535846
    ('Biden, speaking in Warsaw, said Moscow lied.', 'Russia'): 0.0,
    ('Zelensky, the Ukrainian president, said Moscow cheated.', 'Russia'): 0.0,  # -0.746836
    ('Russian soldiers committed brutal crimes, said Zelensky.', 'Russia'): 0.0,
    ('Kyiv is lying, said the Kremlin.', 'Ukraine'): 0.0,
}
SPEAKERS_WRONG = {
    ('Biden, a corrupt and senile leader, said the deal was good.', 'Biden'):
        "the model reads Biden's mention as positive (+0.29; 'good' is his report), so the rules' 'corrupt' points the "
        "other way from its class and is no evidence",
}

# The later sets checked on the article's stance alone (the author's voice; a reported mention keeps its sourced score).
ARTICLE_SETS = {
    "gerunds": (GERUNDS, GERUND_VALUES, GERUNDS_WRONG),
    "bases": (BASES, BASE_VALUES, BASES_WRONG),
    "epistemic": (EPISTEMIC, EPISTEMIC_VALUES, EPISTEMIC_WRONG),
    "speakers": (SPEAKERS, SPEAKER_VALUES, SPEAKERS_WRONG),
}


@pytest.fixture(scope="module")
def article_sets():
    return _score_cases([case for cases, _values, _wrong in ARTICLE_SETS.values() for case in cases])


@pytest.mark.parametrize(("name", "kind", "sentence", "target", "sign"),
                         [case for name, (cases, _v, wrong) in ARTICLE_SETS.items() for case in _marked(cases, wrong, (name,))])
def test_the_article_level_sets_have_the_sign_asked_for_in_the_authors_voice(article_sets, name, kind, sentence, target, sign):
    value = article_sets[1].loc[(sentence, target), "stance"]
    assert value >= 0.0 if sign == ">=0" else value == 0.0 if sign == "0" else value < 0.0
    assert value == ARTICLE_SETS[name][1][(sentence, target)]


@pytest.mark.parametrize("name", ARTICLE_SETS)
def test_the_article_level_sets_are_wrong_by_the_amounts_recorded_and_are_the_annotation_files(article_sets, name):
    cases, values, wrong = ARTICLE_SETS[name]
    for sentence, target in wrong:
        assert article_sets[1].loc[(sentence, target), "stance"] == values[(sentence, target)]
    assert _annotation_set(name, level="article") == cases and len(values) == len(cases)

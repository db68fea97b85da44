"""Reporting verbs: the one list of words that attribute speech to a speaker ("said", "warned", "accused").

Three measures use it, each in its own way:

- :mod:`analysis.text.quotes`: a reporting verb outside a short quotation in its sentence makes the
  quotation someone's speech rather than the author's scare quote;
- :mod:`analysis.measures.sourcing`: the speaker of an attribution is the subject before a
  reporting verb (or follows an inverted one: '"...", said Starmer'), except before the forms
  read as nouns first (:data:`NOUN_FORMS`: "the United States", "Starmer's remarks");
- :mod:`analysis.measures.stance`: "X said (that) CONTENT" makes CONTENT X's voice (indirect
  speech), not the author's.

Every entry is a word form or a phrase (no ``*`` endings, which also matched "replace",
"decrease" and "announcement"), lower case, in the pattern syntax of
:mod:`analysis.text.lexicon`. Forms that are as often a noun or an adjective ("claims",
"reports", "the alleged attack") or aim at an object ("accused Kyiv") do not start indirect speech
in stance; :data:`CONTENT_VERBS` do.
"""

from __future__ import annotations

__all__ = ["ATTRIBUTION_PHRASES", "CONTENT_VERBS", "NOUN_FORMS", "REPORTING_VERBS", "reporting_words"]


def _forms(*groups: str) -> tuple[str, ...]:
    return tuple(w for g in groups for w in g.split())


REPORTING_VERBS: tuple[str, ...] = _forms(
    # saying and telling
    "say says said saying", "state states stated stating", "tell tells told telling",
    "add adds added adding", "note notes noted noting", "remark remarks remarked remarking",
    "comment comments commented commenting", "reply replies replied replying",
    "respond responds responded responding", "explain explains explained explaining",
    "write writes wrote writing", "tweet tweets tweeted tweeting", "posted",
    "ask asks asked asking", "quip quips quipped quipping", "recall recalls recalled recalling",
    "recount recounts recounted recounting", "report reports reported reporting",
    "indicate indicates indicated indicating", "observe observes observed observing",
    "conclude concludes concluded concluding", "believes believed",
    # asserting and disputing
    "claim claims claimed claiming", "argue argues argued arguing", "insist insists insisted insisting",
    "assert asserts asserted asserting", "maintain maintains maintained maintaining",
    "contend contends contended contending", "declare declares declared declaring",
    "announce announces announced announcing", "confirm confirms confirmed confirming",
    "reiterate reiterates reiterated reiterating", "stress stresses stressed stressing",
    "emphasise emphasises emphasised emphasising", "emphasize emphasizes emphasized emphasizing",
    "highlight highlights highlighted highlighting", "suggest suggests suggested suggesting",
    "predict predicts predicted predicting", "estimate estimates estimated estimating",
    "reveal reveals revealed revealing", "disclose discloses disclosed disclosing",
    "admit admits admitted admitting", "acknowledge acknowledges acknowledged acknowledging",
    "concede concedes conceded conceding", "deny denies denied denying",
    "dismiss dismisses dismissed dismissing", "reject rejects rejected rejecting",
    "allege alleges alleged alleging", "accuse accuses accused accusing",
    # warning, urging, promising
    "warn warns warned warning", "caution cautions cautioned", "urge urges urged urging",
    "demand demands demanded demanding", "threaten threatens threatened threatening",
    "vow vows vowed vowing", "pledge pledges pledged pledging", "promise promises promised promising",
    # judging aloud
    "describe describes described describing", "called calling", "branding", "labelling labeling",
    "characterise characterises characterised characterising",
    "characterize characterizes characterized characterizing", "referred referring",
    "praise praises praised praising", "hail hails hailed hailing", "welcome welcomes welcomed welcoming",
    "criticise criticises criticised criticising", "criticize criticizes criticized criticizing",
    "condemn condemns condemned condemning", "denounce denounces denounced denouncing",
    "decry decries decried decrying", "slam slams slammed slamming", "blast blasts blasted blasting",
    "mock mocks mocked mocking", "ridicule ridicules ridiculed ridiculing",
    "joke jokes joked joking",
    # manner of speaking
    "exclaim exclaims exclaimed exclaiming", "shout shouts shouted shouting", "cried",
    "mutter mutters muttered muttering", "whisper whispers whispered whispering",
    # citing
    "cite cites cited citing", "quote quoted quoting",
) + ("point out", "points out", "pointed out", "pointing out")

# The forms that introduce reported content without "that" ("X said the talks failed", "X insisted
# Kyiv was ready"): what makes the words after them someone else's voice in stance. The other
# entries are nouns as often as verbs ("Russia's demands"), adjectives ("the alleged attack") or
# verbs aimed at an object ("accused Kyiv", "praised Zelensky": the object stays in the author's voice).
# Widening it was tried (scripts/stance_candidates.py, reporting-*): no better on NewsMTSC.
CONTENT_VERBS: frozenset[str] = frozenset(_forms(
    "say says said claim claims claimed insist insists insisted argue argues argued assert asserts asserted",
    "stated told tells warned warns added believes believed suggested suggests maintained maintains",
    "contend contends contended alleges",
))
assert CONTENT_VERBS <= set(REPORTING_VERBS)

# Forms read as a noun before they are read as a verb ("the United States", "Russian state media",
# "Starmer's remarks", "Washington's demands"): no speaker is looked for before them.
NOUN_FORMS: frozenset[str] = frozenset(_forms(
    "state states remark remarks comment comments reply replies demand demands estimate estimates",
    "highlight highlights tweet tweets vow vows pledge pledges promise promises quote recall recalls",
    "welcome praise blast slam joke warning",
))
assert NOUN_FORMS <= set(REPORTING_VERBS)

# Attribution that is not a verb: these make a short quotation speech too.
ATTRIBUTION_PHRASES: tuple[str, ...] = (
    "according to", "in the words of", "put it", "puts it",
    "spokesman", "spokesmen", "spokeswoman", "spokeswomen", "spokesperson", "spokespersons", "spokespeople",
)


def reporting_words() -> frozenset[str]:
    """The one-word entries of :data:`REPORTING_VERBS` (what a token is compared with)."""
    return frozenset(w for w in REPORTING_VERBS if " " not in w)

"""The shipped lexicon obeys data/annotations/CODEBOOK.md: every "What is not coded" rule is checked.

Each exclusion is tested twice: no lexicon row is the excluded word itself, and a sentence that
uses it produces no loaded-language span (with the bundled lexicon and the scorer's defaults).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import paths
from analysis.text.lexicon import NEUTRAL, Lexicon
from analysis.measures.loaded import score_loaded


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.from_csv(paths.LOADED_LEXICON)


def spans_of(lexicon, text):
    _, spans = score_loaded(pd.DataFrame({"id": ["t"], "source": ["s"], "text": [text]}), lexicon)
    return spans


# "Plain descriptions of events, even violent or sad ones"
PLAIN = ["killed", "war", "shelling", "invasion", "occupied territories", "casualties", "crisis"]
# "Conventional news phrasing whose force has worn off"
CONVENTIONAL = ["sharp criticism", "mounting pressure", "escalating tensions", "fraught with obstacles", "sent ripples",
                "closed-door meeting", "crunch talks", "sparked debate"]
# "Neutral reporting verbs"
REPORTING = ["said", "claimed that", "dismissed", "warned"]


@pytest.mark.parametrize("phrase", PLAIN + CONVENTIONAL + REPORTING)
def test_excluded_phrase_is_not_a_loaded_match(lexicon, phrase):
    assert lexicon.find(phrase) == []
    assert lexicon.find(phrase.capitalize() + ".") == []


def test_no_loaded_row_is_an_excluded_word(lexicon):
    loaded = lexicon.entries[lexicon.entries["category"] != NEUTRAL]
    words = set(loaded["pattern"].str.lower())
    excluded = set(PLAIN + REPORTING) | {"claim", "claims", "claimed", "claiming", "closed-door", "escalate", "escalating",
                                         "escalated", "escalates", "escalat*"}
    assert words & excluded == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "Three civilians were killed in the shelling, and casualties rose as the war entered its third year.",
        "The invasion of the occupied territories deepened the crisis, officials said.",
        "Leaders held a closed-door meeting amid escalating tensions and mounting pressure.",
        "The plan drew sharp criticism and sparked debate, but crunch talks sent ripples through Brussels.",
        "The process is fraught with obstacles, the minister warned, and dismissed the report.",
        "The ministry claimed that the convoy had left; the escalation of tensions continued.",
        "Washington tightened the sanctions regime.",
        "The Coalition of the Willing met in London.",
        "The hard part lies ahead; the answer lies in Brussels.",  # the verb lie (be situated) is plain description
    ],
)
def test_sentences_with_excluded_phrasing_have_no_spans(lexicon, sentence):
    assert spans_of(lexicon, sentence)[["text", "category"]].values.tolist() == []


def test_negated_loaded_word_is_kept_as_evidence_but_not_counted(lexicon):
    text = "The plan is not reckless."
    spans = spans_of(lexicon, text)
    assert spans[["text", "negated", "negator"]].values.tolist() == [["reckless", True, "not"]]


def test_emotive_reporting_verbs_are_coded(lexicon):
    spans = spans_of(lexicon, "The minister slammed the plan. Critics lashed out at him.")
    assert spans["text"].tolist() == ["slammed", "lashed out"]
    assert set(spans["category"]) == {"loaded_wording"}


def test_scare_quote_and_delegitimizing_label(lexicon):
    text = 'The so-called "Coalition of Willing" met.'
    spans = spans_of(lexicon, text)
    assert spans[["text", "category", "in_quote"]].values.tolist() == [
        ["so-called", "delegitimizing", False],
        ["Coalition of Willing", "scare_quote", False],
    ]


def test_speech_quote_is_not_a_scare_quote(lexicon):
    text = 'A Kremlin spokesperson dismissed the plans as "provocative nonsense".'
    spans = spans_of(lexicon, text)
    assert spans[["text", "in_quote", "quote_kind"]].values.tolist() == [["provocative nonsense", True, "speech"]]


def test_neutral_rows_carry_their_codebook_provenance(lexicon):
    neutral = lexicon.entries[lexicon.entries["category"] == NEUTRAL]
    assert len(neutral) >= len(CONVENTIONAL)
    assert set(neutral["provenance"]) == {"codebook:not coded"}
    assert NEUTRAL not in lexicon.categories


def test_lies_as_a_noun_is_coded(lexicon):
    spans = spans_of(lexicon, "The report was full of lies.")
    assert spans[["text", "category"]].values.tolist() == [["lies", "doubt_discrediting"]]

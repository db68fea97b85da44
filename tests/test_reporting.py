"""The one list of reporting verbs (analysis.text.reporting) and what each of its three users does with it."""

import pandas as pd

from analysis.measures import sourcing, stance
from analysis.measures.sourcing import find_attributions
from analysis.text import quotes, reporting
from analysis.text.quotes import find_quotes


def test_quotes_sourcing_and_stance_read_the_one_list():
    assert quotes.REPORTING_VERBS is reporting.REPORTING_VERBS
    assert sourcing.REPORTING_VERBS is reporting.REPORTING_VERBS
    assert stance.REPORTING is reporting.CONTENT_VERBS
    assert reporting.CONTENT_VERBS <= set(reporting.REPORTING_VERBS)
    assert not [w for w in reporting.REPORTING_VERBS if "*" in w]


def test_sourcing_finds_speakers_of_every_reporting_verb_but_not_before_a_noun_form():
    text = "Trump described the plan as reckless. The United States sent aid. Starmer's remarks were brief. Moscow welcomed it."
    out = find_attributions(pd.DataFrame({"id": ["x"], "text": [text]}))
    assert out[["entity", "cue", "kind"]].values.tolist() == [
        ["Trump", "described", "speech"],
        ["Moscow", "welcomed", "speech"],
    ]


def test_a_word_that_only_begins_like_a_reporting_verb_does_not_make_a_quotation_speech():
    # "repl*" used to match "replaced", "decr*" "decreased": the list now holds word forms.
    text = 'The army replaced "old" tanks. Prices decreased "a lot". The minister replied "no".'
    assert [(text[q.start : q.end], q.kind) for q in find_quotes(text)] == [
        ("old", "scare"), ("a lot", "scare"), ("no", "speech"),
    ]

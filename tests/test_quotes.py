"""Tests for analysis.text.quotes: pairing quotation marks and telling speech from scare quotes."""

from __future__ import annotations

import pytest

from analysis.text.quotes import Quote, QuoteIndex, find_quotes, in_quote


def found(text: str) -> list[tuple[str, str]]:
    return [(text[q.start : q.end], q.kind) for q in find_quotes(text)]


def test_speech_with_reporting_verb_and_scare_quote():
    text = 'He said "we will win." The so-called "backstop" stays.'
    assert find_quotes(text) == [Quote(9, 20, "speech"), Quote(38, 46, "scare")]
    assert found(text) == [("we will win", "speech"), ("backstop", "scare")]


def test_curly_double_and_single_quotes():
    text = "“No,” she said. The “peace plan” is known as the ‘backstop’."
    assert found(text) == [("No", "speech"), ("peace plan", "scare"), ("backstop", "scare")]


def test_known_as_makes_scare_quote_despite_reporting_verb_in_sentence():
    text = 'Support for the operations, known as the "backstop," was discussed, and he confirmed it.'
    assert found(text) == [("backstop", "scare")]


@pytest.mark.parametrize(
    "text",
    [
        "Officials described it as “provocative nonsense” today.",
        "Moscow dismissed the plans as a “provocative escalation”.",
        "The plan, according to a diplomat, is “dead”.",
        "Russia warned of “consequences”.",
        "The minister, accusing Kyiv of “sabotage”, left.",
    ],
)
def test_short_quote_with_speaker_is_speech(text):
    assert [k for _, k in found(text)] == ["speech"]


def test_long_quote_without_verb_is_speech():
    assert found("Then: “we will never give up our land”.") == [("we will never give up our land", "speech")]


def test_five_words_speech_four_words_scare():
    assert found('The "one two three four" plan and the "one two three four five" plan.') == [
        ("one two three four", "scare"),
        ("one two three four five", "speech"),
    ]


def test_apostrophes_are_not_quotes():
    text = "Ukraine’s allies don't agree; the allies' plan isn’t 'final' yet."
    assert found(text) == [("final", "scare")]


def test_multi_paragraph_quotation_continues():
    text = '"We will fight.\n\n"We will win," he added.'
    assert found(text) == [("We will fight", "speech"), ("We will win", "speech")]


def test_unclosed_quote_is_dropped():
    assert found('He left "angry and then\nThe next line.') == []


def test_empty_and_punctuation_only_quotes_are_dropped():
    assert found('an empty "" quote and "--" too') == []


def test_single_quotes_nested_in_double_quotes_are_not_separate():
    text = "He said “they call it a ‘deal’ but it is not”."
    assert found(text) == [("they call it a ‘deal’ but it is not", "speech")]


def test_quote_index_and_in_quote():
    quotes = [Quote(5, 10, "speech"), Quote(20, 30, "scare")]
    idx = QuoteIndex(quotes)
    assert [idx.kind(s, e) for s, e in [(0, 5), (5, 6), (9, 12), (10, 20), (25, 26), (29, 40), (30, 31)]] == [
        None, "speech", "speech", None, "scare", "scare", None,
    ]
    assert in_quote(quotes, 6, 8) is True
    assert in_quote(quotes, 6, 8, kind="scare") is False
    assert in_quote(quotes, 11, 19) is False
    assert in_quote([], 0, 1) is False

"""Tests for analysis.text.quotes: pairing quotation marks and telling speech from scare quotes."""

from __future__ import annotations

import pytest

from analysis.text.article import Article
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


# The words of a quotation and of the text around it are the article's own tokens, sliced
# (PreparedText.words_between); each case below changes if a slice edge is off by one word.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Peace" talks resumed.', [("Peace", "scare")]),  # quotation at the start of the text
        ('Officials called it "a farce"', [("a farce", "speech")]),  # at the end
        ('"A farce," he said', [("A farce", "speech")]),  # the reporting verb is the last word
        ('Warned Kyiv: "no deal".', [("no deal", "speech")]),  # ... the first word
        ('They said. "A farce." Talks went on.', [("A farce", "scare")]),  # "said" is a sentence before
        ('"A farce." Said nobody.', [("A farce", "scare")]),  # ... a sentence after
        ('"Stop. Now," he said.', [("Stop. Now", "speech")]),  # a quotation over two sentences
        ('"Stop. Now." The talks went on.', [("Stop. Now", "scare")]),
        ('He said "the so-called \'deal\' is dead."', [("the so-called 'deal' is dead", "speech")]),  # nested
        # The final "." is trimmed off "U.S.": the quotation's words are those of "big bold new U.S"
        # (five: "U" and "S"), not the article's "U.S." that runs past its end.
        ('Talks on the "big bold new U.S." deal.', [("big bold new U.S", "speech")]),
        ('Talks on the "big new U.S." deal.', [("big new U.S", "scare")]),
        # A label counts among the last three words before the opening mark, not the fourth.
        ('He said, dubbed by them, "peace".', [("peace", "scare")]),
        ('He said, dubbed by them all, "peace".', [("peace", "speech")]),
    ],
)
def test_quotation_words_at_the_edges(text, expected):
    assert found(text) == expected
    article = Article("a", text)
    assert [(text[q.start : q.end], q.kind) for q in article.quotes] == expected


@pytest.mark.parametrize(("shift", "kind"), [(-1, "scare"), (0, "scare"), (1, "speech")])
def test_label_window_edge_cuts_a_word(shift, kind):
    # A label is looked for in the 60 characters before the opening mark. "dubbed" starts 59, 60
    # or 61 characters before it: cut to "ubbed" (shift 1) it is no label, and "said" makes speech.
    pre = "He said they dubbed " + "b" * 40 + " "
    text = pre + "c" * (pre.index("dubbed") + 59 - len(pre) + shift) + ' "peace".'
    assert text.index('"') - text.index("dubbed") == 60 + shift
    assert found(text) == [("peace", kind)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'Peace' talks resumed.", [("Peace", "scare")]),  # a single quotation mark opening the text
        ("The\u00a0'deal' stays.", [("deal", "scare")]),  # after a non-breaking space
        ("The \u2014'deal' stays.", [("deal", "scare")]),  # after a dash
        ("The x'deal' stays.", []),  # inside a word: an apostrophe
    ],
)
def test_single_quotation_mark_that_opens(text, expected):
    assert found(text) == expected

"""Tests for analysis.measures.loaded: spans, negation, quotations, scare quotes and per-article scores."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import paths
from analysis.corpus import load_corpus
from analysis.text.lexicon import Lexicon
from analysis.measures.loaded import ARTICLE_COLUMNS, SPAN_COLUMNS, kwic, score_loaded, strong_per_1k
from analysis.text.tokens import tokenize

LEXICON = Lexicon.from_frame(
    pd.DataFrame(
        {
            "pattern": ["reckless", "so-called", "provocat*", "nonsense", "catastroph*"],
            "category": ["loaded_wording", "delegitimizing", "loaded_wording", "doubt_discrediting", "exaggeration"],
            "weight": [2.0, 1.5, 1.0, 1.0, 0.5],
        }
    ),
    source="<test>",
)


def corpus(*texts: str, ids=None) -> pd.DataFrame:
    ids = ids or [f"a{i}" for i in range(len(texts))]
    return pd.DataFrame({"id": ids, "source": ["s"] * len(texts), "text": list(texts)})


def test_columns_and_counts_per_1k():
    # 11 words; two counted matches (weights 2 and 1.5), reported as bare matches
    articles, spans = score_loaded(corpus("One reckless so-called plan was made here by them today."), LEXICON, phrases=False)
    assert list(articles.columns[:6]) == ARTICLE_COLUMNS
    assert list(spans.columns) == SPAN_COLUMNS
    row = articles.iloc[0]
    assert (row.n_tokens, row.n_sentences, row.loaded_n) == (11, 1, 2)
    assert row.loaded_per_1k == pytest.approx(2 / 11 * 1000)
    assert row.loaded_intensity == pytest.approx(3.5 / 11 * 1000)
    assert row.loaded_author_per_1k == pytest.approx(2 / 11 * 1000)
    assert [c for c in articles.columns if c.startswith("loaded_") and c not in ("loaded_n", "loaded_per_1k")][:6] == [
        "loaded_delegitimizing", "loaded_doubt_discrediting", "loaded_exaggeration", "loaded_loaded_wording",
        "loaded_scare_quote", "loaded_author_per_1k",
    ]
    assert (row.loaded_delegitimizing, row.loaded_loaded_wording, row.loaded_exaggeration, row.loaded_scare_quote) == (1, 1, 0, 0)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("This is not reckless.", [True]),
        ("This isn’t reckless.", [True]),
        ("It was never a provocation.", [True]),
        ("It is no longer a provocation.", [True]),
        ("Not that it was done in a reckless way.", [False]),  # four tokens between: out of the window
        ("Not so, reckless.", [False]),  # comma ends the clause
        ("Nothing. Reckless.", [False]),
        ("It was not only reckless but a provocation.", [False, False]),
        ("No. Reckless.", [False]),
    ],
)
def test_negation(text, negated):
    articles, spans = score_loaded(corpus(text), LEXICON)
    assert spans["negated"].tolist() == negated
    assert articles.at[0, "loaded_n"] == negated.count(False)
    assert articles.at[0, "loaded_negated_n"] == negated.count(True)


def test_quotes_and_scare_quotes():
    text = 'Officials called it “provocative nonsense”. The so-called “peace plan” is reckless.'
    articles, spans = score_loaded(corpus(text), LEXICON)
    got = [(r.text, r.category, r.in_quote, r.quote_kind) for r in spans.itertuples()]
    assert got == [
        ("provocative nonsense", "loaded_wording", True, "speech"),  # one phrase; the first of equal weights
        ("so-called", "delegitimizing", False, ""),  # the quotation mark ends the phrase
        ("peace plan", "scare_quote", False, "scare"),
        ("reckless", "loaded_wording", False, ""),
    ]
    assert spans["term"].tolist() == ["provocat* + nonsense", "so-called", "peace plan", "reckless"]
    row = articles.iloc[0]
    n = row.n_tokens
    assert n == 12
    assert (row.loaded_n, row.loaded_author_n, row.loaded_quoted_n, row.loaded_scare_quote) == (4, 3, 1, 1)
    assert row.loaded_author_per_1k == pytest.approx(3 / 12 * 1000)
    # a scare quote weighs SCARE_QUOTE_WEIGHT = 0.23 (3 x its precision on development data)
    assert row.loaded_intensity == pytest.approx((1 + 1.5 + 0.23 + 2) / 12 * 1000)
    weighted, _ = score_loaded(corpus(text), LEXICON, scare_quote_weight=1.0)
    assert weighted.at[0, "loaded_intensity"] == pytest.approx((1 + 1.5 + 1 + 2) / 12 * 1000)


def test_scare_quotes_can_be_switched_off():
    articles, spans = score_loaded(corpus('The “deal” is off.'), LEXICON, scare_quotes=False)
    assert spans.empty and "loaded_scare_quote" not in articles.columns and articles.at[0, "loaded_n"] == 0


@pytest.mark.parametrize(
    "text, scare",
    [
        ('Their “peace plan” is a trick.', ["peace plan"]),  # a short phrase held at a distance
        ('The so-called “Coalition of Willing” met.', ["Coalition of Willing"]),  # the author's label: capitals too
        ('It is known as the "backstop" in Brussels.', ["backstop"]),
        ('He was known as a “Progressive” in Rome.', ["Progressive"]),  # the label, then a determiner
        ('The would-be “Saviour” left.', ["Saviour"]),
        ('That would be the “Model” for all.', []),  # "would be" without its hyphen is a verb
        ('Carl Sagan and the "Pale Blue Dot" photograph.', []),  # a title or name (capital letter)
        ('The storm was rated “G-1” this week.', []),  # a digit: a code or grade
        ('The Latin word “munus” has two senses.', []),  # a term being defined
        ('Oumuamua, Hawaiian for scout, is translated as “messenger” here.', []),
        ('“We want a fair deal for everyone here,” she said. A “fair deal” it was not.', []),  # echo of a speaker
    ],
)
def test_scare_quotes_are_precise(text, scare):
    _, spans = score_loaded(corpus(text), LEXICON)
    got = spans[spans["category"] == "scare_quote"]
    assert got["text"].tolist() == scare
    assert all(text[s:e] == t for s, e, t in zip(spans["start"], spans["end"], spans["text"]))


def test_offsets_are_evidence_and_rows_sorted_and_deterministic():
    texts = ["B: a catastrophe.\nNot reckless; reckless.", "A: “so-called” provocations, nonsense."]
    c = corpus(*texts, ids=["b", "a"])
    articles, spans = score_loaded(c, LEXICON)
    assert articles["id"].tolist() == ["a", "b"]
    lookup = dict(zip(c["id"], c["text"]))
    assert all(lookup[r.id][r.start : r.end] == r.text for r in spans.itertuples())
    assert spans[["id", "start"]].values.tolist() == sorted(spans[["id", "start"]].values.tolist())
    again = score_loaded(c.iloc[::-1].reset_index(drop=True), LEXICON)
    pd.testing.assert_frame_equal(articles, again[0])
    pd.testing.assert_frame_equal(spans, again[1])


def test_chunks_concatenate_to_the_whole():
    c = corpus("reckless one", "a provocation", "nothing here", ids=["x1", "x2", "x3"])
    whole = score_loaded(c, LEXICON)
    parts = [score_loaded(c.iloc[i : i + 1], LEXICON) for i in range(3)]
    pd.testing.assert_frame_equal(pd.concat([p[0] for p in parts], ignore_index=True), whole[0])
    pd.testing.assert_frame_equal(pd.concat([p[1] for p in parts], ignore_index=True), whole[1])


def test_all_categories_present_with_zeros():
    articles, spans = score_loaded(corpus("Nothing to see."), LEXICON)
    assert spans.empty
    for cat in LEXICON.categories:
        assert articles.at[0, f"loaded_{cat}"] == 0
    assert articles.at[0, "loaded_per_1k"] == 0.0


def test_kwic():
    c = corpus("They call it a provocation, again and again.\nAnother provocative act.", ids=["k"])
    table = kwic(c, "provocat*", window=2)
    assert list(table.columns) == ["id", "source", "start", "end", "left", "match", "right", "pattern"]
    assert table[["left", "match", "right"]].values.tolist() == [
        ["it a", "provocation", ", again and"],
        ["again. Another", "provocative", "act."],
    ]
    assert table["start"].tolist() == [15, 53]


@pytest.fixture(scope="module")
def bundled():
    if not paths.RAW.exists():
        pytest.skip("bundled corpus missing")
    c = load_corpus(paths.RAW)
    return c, *score_loaded(c, Lexicon.from_csv(paths.LOADED_LEXICON))


def test_bundled_articles_reckless_decisions_and_provocative_nonsense(bundled):
    c, articles, spans = bundled
    texts = dict(zip(c["id"], c["text"]))
    a000 = texts["000_7c522d25977e2e59"]
    start = a000.index("reckless decisions")
    row = spans[(spans.id == "000_7c522d25977e2e59") & (spans.start == start)].iloc[0]
    assert (row.end, row.text, row.term, row.category, row.in_quote, row.negated) == (
        start + 18, "reckless decisions", "reckless", "loaded_wording", False, False)
    a002 = texts["002_cbf11e591e9b38f6"]
    start = a002.index("provocative nonsense")
    got = spans[(spans.id == "002_cbf11e591e9b38f6") & spans.start.between(start, start + 20)]
    assert got[["start", "end", "text", "term", "category", "in_quote"]].values.tolist() == [
        [start, start + 20, "provocative nonsense", "provocat* + nonsense", "doubt_discrediting", True],
    ]
    assert all(texts[r.id][r.start : r.end] == r.text for r in spans.itertuples())
    assert articles["n_tokens"].tolist() == [len(tokenize(texts[i])) for i in articles["id"]]


def test_bundled_gold_annotations_are_evidence():
    gold_path = paths.ANNOTATIONS / "loaded_spans.csv"
    gold = pd.read_csv(gold_path, dtype={"id": str}, keep_default_na=False)
    assert list(gold.columns) == ["id", "start", "end", "text", "term", "category", "in_quote"]
    c = load_corpus(paths.RAW)
    texts = dict(zip(c["id"], c["text"]))
    assert len(gold) >= 20 and set(gold["id"]) == set(texts)
    for r in gold.itertuples():
        assert texts[r.id][r.start : r.end] == r.text, r


PHRASE_LEXICON = Lexicon.from_frame(
    pd.DataFrame({
        "pattern": ["reckless", "provocative", "nonsense", "brutally", "disgraceful", "escalating tensions", "escalating", "ploy"],
        "category": ["loaded_wording", "loaded_wording", "doubt_discrediting", "loaded_wording", "loaded_wording", "neutral",
                     "fear_appeal", "loaded_wording"],
        "weight": [1.0, 1.0, 2.0, 1.5, 1.0, "", 0.5, 1.0],
    }),
    source="<phrases>",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Such reckless decisions.", [("reckless decisions", "reckless", "loaded_wording", 1.0)]),
        ("It was provocative nonsense.", [("provocative nonsense", "provocative + nonsense", "doubt_discrediting", 2.0)]),
        ("Troops brutally crushed it.", [("brutally crushed", "brutally", "loaded_wording", 1.5)]),
        ("It was utterly disgraceful.", [("utterly disgraceful", "disgraceful", "loaded_wording", 1.0)]),
        ("A reckless and provocative move.", [("reckless and provocative move", "reckless + provocative", "loaded_wording", 1.0)]),
        ("Reckless-provocative moves.", []),  # inside a hyphenated compound nothing matches (lexicon rule)
        ("It was reckless, decisions followed.", [("reckless", "reckless", "loaded_wording", 1.0)]),
        ("A reckless Kyiv.", [("reckless", "reckless", "loaded_wording", 1.0)]),
        ("It is reckless to wait.", [("reckless", "reckless", "loaded_wording", 1.0)]),
        ("Nonsense claims abound.", [("Nonsense", "nonsense", "doubt_discrediting", 2.0)]),
        ("It was reckless\n\ndecisions followed.", [("reckless", "reckless", "loaded_wording", 1.0)]),
        ("It was reckless\ndecisions.", [("reckless\ndecisions", "reckless", "loaded_wording", 1.0)]),
        ("“Reckless” decisions.", [("Reckless", "reckless", "loaded_wording", 1.0)]),
        ("Escalating tensions, escalating costs.", [("escalating costs", "escalating", "fear_appeal", 0.5)]),
        ("It was a naked ploy.", [("naked ploy", "ploy", "loaded_wording", 1.0)]),  # adjective before a loaded noun
        ("A cynical, naked ploy.", [("naked ploy", "ploy", "loaded_wording", 1.0)]),  # not across a comma
        ("A hopeless cynical naked ploy.", [("cynical naked ploy", "ploy", "loaded_wording", 1.0)]),  # two adjectives at most
        ("An utterly cynical ploy.", [("utterly cynical ploy", "ploy", "loaded_wording", 1.0)]),  # then an intensifier
        ("He quickly ploy.", [("ploy", "ploy", "loaded_wording", 1.0)]),  # not an -ly adverb
        ("Russian ploy.", [("ploy", "ploy", "loaded_wording", 1.0)]),  # not a capitalised word
        ("The reckless nonsense.", [("reckless nonsense", "reckless + nonsense", "doubt_discrediting", 2.0)]),
        ("It was shockingly reckless.", [("shockingly reckless", "reckless", "loaded_wording", 1.0)]),  # adverb + adjective
        ("Costs kept rapidly escalating.", [("rapidly escalating", "escalating", "fear_appeal", 0.5)]),  # adverb + verb
        ("It was reportedly reckless.", [("reckless", "reckless", "loaded_wording", 1.0)]),  # an adverb of report
        ("It was, frankly reckless.", [("frankly reckless", "reckless", "loaded_wording", 1.0)]),
        ("Frankly reckless.", [("reckless", "reckless", "loaded_wording", 1.0)]),  # a capital: a sentence opener
    ],
)
def test_phrases_as_annotators_mark_them(text, expected):
    _, spans = score_loaded(corpus(text), PHRASE_LEXICON, scare_quotes=False)
    got = [(r.text, r.term, r.category, r.weight) for r in spans.itertuples()]
    assert got == expected
    assert all(text[r.start : r.end] == r.text for r in spans.itertuples())


def test_phrase_is_negated_from_its_first_word_and_counted_once():
    articles, spans = score_loaded(corpus("These are not reckless decisions. These are provocative nonsense."), PHRASE_LEXICON)
    assert spans[["text", "negated"]].values.tolist() == [["reckless decisions", True], ["provocative nonsense", False]]
    assert (articles.at[0, "loaded_n"], articles.at[0, "loaded_negated_n"]) == (1, 1)
    assert articles.at[0, "loaded_intensity"] == pytest.approx(2.0 / 9 * 1000)  # 9 words; the phrase weighs 2


def test_phrases_can_be_switched_off():
    _, spans = score_loaded(corpus("It was provocative nonsense."), PHRASE_LEXICON, phrases=False)
    assert spans["text"].tolist() == ["provocative", "nonsense"]


def test_strong_per_1k_counts_heavy_unnegated_spans():
    # weights: reckless 2, so-called 1.5, provocat* 1, catastroph* 0.5 (left out), "not reckless" negated (left out)
    texts = ["A reckless, so-called provocation and a catastrophe, not reckless at all here.", "Nothing here."]
    articles, spans = score_loaded(corpus(*texts), LEXICON, scare_quotes=False, phrases=False)
    assert articles["n_tokens"].tolist() == [13, 2]
    assert strong_per_1k(articles, spans).tolist() == pytest.approx([3 / 13 * 1000, 0.0])
    assert strong_per_1k(articles, spans, min_weight=1.5).tolist() == pytest.approx([2 / 13 * 1000, 0.0])


def test_score_loaded_takes_the_options_of_score_and_refuses_a_misspelled_one_even_without_articles():
    empty = pd.DataFrame({"id": [], "source": [], "text": []})
    with pytest.raises(TypeError, match="unexpected keyword argument 'phrase'"):
        score_loaded(empty, LEXICON, phrase=False)
    articles, spans = score_loaded(corpus('The “deal” is off.'), LEXICON, scare_quotes=False, scare_quote_weight=2.0)
    assert "loaded_scare_quote" not in articles.columns and spans.empty

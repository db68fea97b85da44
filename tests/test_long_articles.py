"""A very long article is scored in blocks (issue 20: memory per article): same rows as whole, except where documented."""

import dataclasses

import pandas as pd
import pytest

from analysis.measures.domains import detect_domains
from analysis.tables.score import Scorer, score_corpus
from analysis.text.article import BLOCK_CHARS, LONG_ARTICLE_CHARS, Article, article_blocks, block_spans

# Paragraph starts: 0, 34, 90, 161 (the second paragraph of Putin's quotation), 195.
TEXT = ('Russia called the plan reckless.\n\n'
        'Ukraine welcomed the so-called "peace" talks in Paris.\n\n'
        'Putin said: "The coalition is a dangerous provocation against us all.\n\n'
        '"We will answer any aggression."\n\n'
        'Macron praised Ukraine for its courage.\n')


@pytest.fixture(scope="module")
def scorer():
    return Scorer.load()


def _score(scorer, text, block_chars):
    corpus = pd.DataFrame({"id": ["b", "a"], "source": ["s", "t"], "text": [text, "Russia warned Ukraine."]})
    return score_corpus(corpus, dataclasses.replace(scorer, block_chars=block_chars))


def test_block_spans_cut_after_a_paragraph_break_and_cover_the_text():
    text = "One two.\n\nThree four.\n\nFive."
    assert block_spans(text, 15) == [(0, 10), (10, 23), (23, 28)]
    assert block_spans(text, 100) == [(0, 28)]
    assert block_spans("", 5) == [(0, 0)]


def test_block_spans_prefer_a_break_without_a_quotation_or_lower_case_after_it():
    # Breaks end at 34, 90, 161, 195: only 195 is followed by neither a quotation mark nor a lower-case word.
    assert block_spans(TEXT, 200) == [(0, 195), (195, 235)]
    # No such break within 170 characters: the last break, inside the two-paragraph quotation.
    assert block_spans(TEXT, 170) == [(0, 161), (161, 235)]
    assert block_spans(TEXT, 100) == [(0, 90), (90, 161), (161, 235)]
    text = "Ab.\n\nCd.\n\nlower on.\n\nEf."  # breaks end at 5, 10 (a lower-case word after it), 21
    assert block_spans(text, 15) == [(0, 5), (5, 10), (10, 24)]


def test_block_spans_fall_back_to_a_sentence_start_then_white_space_then_the_limit():
    text = "First one here. Second one here. Third one here."
    assert block_spans(text, 40) == [(0, 16), (16, 48)]  # the window's last sentence may be cut: the one before it
    assert block_spans("aaaa bbbb cccc", 11) == [(0, 9), (9, 14)]
    assert block_spans("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]
    with pytest.raises(ValueError, match="max_chars must be at least 1"):
        block_spans("abc", 0)


def test_article_blocks_are_articles_at_their_offsets():
    blocks = list(article_blocks(Article("x", TEXT, source="s"), 200))
    assert [(offset, b.id, b.source, b.text) for offset, b in blocks] == [(0, "x", "s", TEXT[:195]), (195, "x", "s", TEXT[195:])]
    assert (LONG_ARTICLE_CHARS, BLOCK_CHARS) == (100_000, 20_000)


def test_blocks_at_clean_paragraph_breaks_give_the_rows_of_the_whole_article(scorer):
    whole = _score(scorer, TEXT, None)
    blocks = _score(scorer, TEXT, 200)  # article "b" (235 characters) in two blocks, "a" whole
    for key in whole:
        pd.testing.assert_frame_equal(blocks[key], whole[key])
    spans = blocks["spans"]
    assert spans.loc[spans["id"] == "b", ["start", "end", "text", "category", "in_quote"]].values.tolist() == [
        [23, 31, "reckless", "loaded_wording", False],
        [55, 64, "so-called", "delegitimizing", False],
        [66, 71, "peace", "scare_quote", False],
        [122, 143, "dangerous provocation", "loaded_wording", True],
        [181, 191, "aggression", "loaded_wording", True],
    ]
    for key in ("spans", "frame_spans", "mentions"):
        rows = blocks[key][blocks[key]["id"] == "b"]
        assert [TEXT[s:e] for s, e in zip(rows["start"], rows["end"])] == rows["text"].tolist()
    frame_b = blocks["frame_spans"][blocks["frame_spans"]["id"] == "b"]
    assert frame_b[["start", "end", "text"]].values.tolist()[-1] == [226, 233, "courage"]  # in the second block
    m = blocks["mentions"][blocks["mentions"]["id"] == "b"]
    assert m[["target", "start", "end", "sentence_start", "sentence_end"]].values.tolist()[-2:] == [
        ["Coalition", 195, 201, 195, 234], ["Ukraine", 210, 217, 195, 234]]
    row = blocks["articles"].set_index("id").loc["b"]
    assert (row["n_tokens"], row["n_sentences"], row["loaded_n"], row["loaded_author_n"]) == (36, 5, 5, 3)


def test_a_block_break_inside_a_two_paragraph_quotation_is_the_documented_difference(scorer):
    whole = _score(scorer, TEXT, None)
    blocks = _score(scorer, TEXT, 170)  # the only break within 170 characters is inside Putin's quotation
    # Its first paragraph (90-159) is no longer a quotation: its evidence is the author's.
    expected = whole["spans"].copy()
    at = (expected["id"] == "b") & (expected["start"] == 122)
    expected.loc[at, ["in_quote", "quote_kind"]] = [False, ""]
    pd.testing.assert_frame_equal(blocks["spans"], expected)
    expected = whole["frame_spans"].copy()
    expected.loc[(expected["id"] == "b") & expected["start"].isin([122, 132]), "in_quote"] = False
    pd.testing.assert_frame_equal(blocks["frame_spans"], expected)
    wm, bm = whole["mentions"].set_index(["id", "start"]), blocks["mentions"].set_index(["id", "start"])
    assert wm.loc[("b", 107), ["in_quote", "quote_kind", "voice"]].tolist() == [True, "speech", "quote"]
    assert bm.loc[("b", 107), ["in_quote", "quote_kind", "voice"]].tolist() == [False, "", "reported"]
    pd.testing.assert_frame_equal(bm.drop(index=("b", 107)), wm.drop(index=("b", 107)))
    wa, ba = whole["articles"].set_index("id"), blocks["articles"].set_index("id")
    assert (wa.loc["b", "loaded_author_n"], wa.loc["b", "loaded_quoted_n"]) == (3, 2)
    assert (ba.loc["b", "loaded_author_n"], ba.loc["b", "loaded_quoted_n"]) == (4, 1)
    assert ba.loc["b", "n_tokens"] == 36 and ba.loc["b", "n_sentences"] == 5


def test_sentence_cuts_in_a_paragraph_longer_than_a_block_keep_the_rows(scorer):
    text = " ".join(["Russia called the plan reckless.", "Ukraine praised Macron.", "Putin warned of escalation."] * 4)
    assert len(text) == 339 and "\n" not in text
    assert block_spans(text, 120) == [(0, 85), (85, 170), (170, 255), (255, 339)]  # sentence starts
    whole, blocks = _score(scorer, text, None), _score(scorer, text, 120)
    for key in whole:
        pd.testing.assert_frame_equal(blocks[key], whole[key])


def test_domain_detection_reads_a_long_text_in_blocks_with_the_same_counts(monkeypatch):
    text = "\n\n".join(["Troops and missiles at the front; the ceasefire talks stall."] * 3000)
    assert len(text) > LONG_ARTICLE_CHARS
    packs, rates = detect_domains([text])
    monkeypatch.setattr("analysis.measures.domains.long_text_blocks", lambda t: [(0, len(t))])
    assert detect_domains([text]) == (packs, rates)
    assert packs == ["war"]


@pytest.mark.parametrize("ids", [["b", "a", "c"], ["b"], ["b", "a"]])
def test_score_part_writes_the_rows_of_a_long_article_block_by_block_with_the_same_bytes(scorer, ids):
    from analysis.tables.score import score_part

    texts = {"b": TEXT, "a": "Russia warned Ukraine.", "c": "Nothing to see.\n\nReally nothing."}
    corpus = pd.DataFrame({"id": ids, "source": "s", "text": [texts[i] for i in ids]})
    whole = score_part(scorer, corpus)
    blocks = score_part(dataclasses.replace(scorer, block_chars=200), corpus)
    assert blocks == whole
    assert whole.rows["spans"] == 5 and whole.sizes["mentions"][sorted(ids).index("b")] > 0
    # "c" (33 characters) is itself in two blocks of at most 20: no rows, same bytes
    tiny = score_part(dataclasses.replace(scorer, block_chars=20), corpus.assign(text=[texts["c"]] * len(ids)))
    assert tiny == score_part(scorer, corpus.assign(text=[texts["c"]] * len(ids)))

"""Tests for analysis.text.lexicon: pattern syntax, matching rules and lexicon validation."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.text.lexicon import Lexicon, LexiconError, Match, PatternError, PatternMatcher, parse_pattern, prepare_text
from analysis.text.tokens import Token, normalize_typography, token_span, tokenize_plain


def spans(matcher: PatternMatcher, text: str) -> list[tuple[str, int]]:
    return [(text[m.start : m.end], m.index) for m in matcher.find(text)]


def test_wildcard_matches_any_word_ending():
    m = PatternMatcher(["provocat*"])
    text = "A provocation, provocative acts, a provocateur; not provoke or provocat."
    assert spans(m, text) == [("provocation", 0), ("provocative", 0), ("provocateur", 0), ("provocat", 0)]


def test_wildcard_only_on_last_word_of_phrase():
    m = PatternMatcher(["war crimin*"])
    assert spans(m, "war criminals and war crime") == [("war criminals", 0)]


def test_match_tuple_has_offsets_and_index():
    m = PatternMatcher(["alpha", "beta gamma"])
    assert m.find("x beta  gamma alpha") == [Match(2, 13, 1), Match(14, 19, 0)]


def test_phrase_matches_across_line_break_and_dashes():
    m = PatternMatcher(["blood soaked streets"])
    text = "the blood-\nsoaked streets; blood–soaked streets; blood—soaked\nstreets"
    assert spans(m, text) == [("blood-\nsoaked streets", 0), ("blood–soaked streets", 0), ("blood—soaked\nstreets", 0)]


@pytest.mark.parametrize("pattern", ["blood-soaked", "blood soaked", "blood–soaked", "blood—soaked"])
def test_hyphen_space_dash_variants_are_one_pattern(pattern):
    m = PatternMatcher([pattern])
    assert [t for t, _ in spans(m, "blood soaked, blood-soaked, blood–soaked")] == ["blood soaked", "blood-soaked", "blood–soaked"]


def test_phrase_does_not_cross_sentence_punctuation_or_blank_line():
    m = PatternMatcher(["war crimes"])
    assert spans(m, "the war. Crimes; the war, crimes; war: crimes; war (crimes)") == []
    assert spans(m, "war\n\ncrimes") == []
    assert spans(m, 'war "crimes"') == []


def test_curly_and_straight_apostrophes_match():
    m = PatternMatcher(["Putin’s regime", "don't care"])
    text = "Putin's regime and Putin’s regime; they don’t care"
    assert spans(m, text) == [("Putin's regime", 0), ("Putin’s regime", 0), ("don’t care", 1)]
    # the possessive is part of that pattern: "Putin regime" is not "Putin's regime"
    assert spans(m, "Putin regime") == []


def test_longest_match_wins_and_no_overlaps():
    m = PatternMatcher(["regime", "kyiv regime", "kyiv regime change", "change"])
    assert spans(m, "the Kyiv regime change now") == [("Kyiv regime change", 2)]
    assert spans(m, "the Kyiv regime and change") == [("Kyiv regime", 1), ("change", 3)]


def test_a_word_that_only_starts_phrases_matches_only_with_their_next_words():
    # "the" and "on" match nothing alone: each is passed by unless the next word continues one of its phrases
    m = PatternMatcher(["the so-called", "on the ground", "ground"])
    text = "The so called plan, the the so-called. On the ground the"
    assert spans(m, text) == [("The so called", 0), ("the so-called", 0), ("On the ground", 1)]
    assert spans(m, "so-called the") == []  # "the" as the last word
    assert spans(m, "the, so-called; the ground") == [("ground", 2)]  # the next word, but not across ","
    # a phrase with a wildcard after "the": every next word is tried
    assert spans(PatternMatcher(["the west*"]), "the Western allies, the west") == [("the Western", 0), ("the west", 0)]


def test_exact_word_beats_wildcard_and_longer_prefix_beats_shorter():
    m = PatternMatcher(["terror*", "terrorist*", "terrorists"])
    assert spans(m, "terror terrorism terroristic terrorists") == [
        ("terror", 0), ("terrorism", 0), ("terroristic", 1), ("terrorists", 2),
    ]


def test_leftmost_match_first():
    m = PatternMatcher(["a b", "b c d"])
    assert spans(m, "a b c d") == [("a b", 0)]


def test_dots_are_literal():
    m = PatternMatcher(["w.r"])
    assert spans(m, "war peace wa w") == []


@pytest.mark.parametrize("pattern", ["[a-z]+", "(war)|peace", "wa?", "(war)"])
def test_regex_looking_patterns_are_refused(pattern):
    with pytest.raises(PatternError, match="looks like regular-expression syntax; patterns are words, not regular expressions"):
        PatternMatcher([pattern])


def test_case_sensitive_pattern_uses_original_case():
    m = PatternMatcher(["US", "us"], case_sensitive=[True, False])
    assert spans(m, "the US told us. Us too") == [("US", 0), ("us", 1), ("Us", 1)]
    only = PatternMatcher(["US"], case_sensitive=[True])
    assert spans(only, "the US told us, Us") == [("US", 0)]


def test_a_case_sensitive_phrase_falls_back_to_the_same_words_without_case():
    # one phrase written twice, with and without case: the case of the text decides which one;
    # where neither phrase matches, the longest match found so far (the first word) is kept
    m = PatternMatcher(["White House", "white house", "white", "house*"], case_sensitive=[True, False, False, False])
    assert spans(m, "The White House, the white house, a WHITE Houses plan, White paint") == [
        ("White House", 0), ("white house", 1), ("WHITE", 2), ("Houses", 3), ("White", 2)]
    only = PatternMatcher(["White House", "white"], case_sensitive=[True, False])
    assert spans(only, "white House. White House") == [("white", 1), ("White House", 0)]


def test_case_sensitive_wildcard():
    m = PatternMatcher(["NATO*"], case_sensitive=[True])
    assert spans(m, "NATO's NATOs nato") == [("NATO", 0), ("NATOs", 0)]


def test_matches_with_precomputed_tokens_are_identical():
    from analysis.text.tokens import tokenize

    text = "so-called “peacekeepers” in the so called zone"
    m = PatternMatcher(["so-called"])
    assert m.find(text, tokenize(text)) == m.find(text) == [Match(0, 9, 0), Match(32, 41, 0)]


def test_linear_scan_handles_long_text():
    m = PatternMatcher(["a b c d e f", "x*"])
    text = "a b c d e " * 20000
    assert m.find(text) == []


@pytest.mark.parametrize(
    ("pattern", "message"),
    [("", "empty pattern"), ("   ", "empty pattern"), ("?!", "no letters"), ("pro*voc", "only allowed once, at the end"),
     ("provocat *", "directly follow"), ("a**", "only allowed once")],
)
def test_invalid_patterns(pattern, message):
    with pytest.raises(PatternError, match=message):
        parse_pattern(pattern)


def test_matcher_names_bad_pattern_position():
    with pytest.raises(PatternError, match="pattern 1"):
        PatternMatcher(["ok", "*"])


def test_parse_pattern_keys():
    p = parse_pattern("  Blood–Soaked*  ")
    assert (p.pattern, p.norms, p.wildcard, p.gaps) == ("Blood–Soaked*", ("blood", "soaked"), True, ("",))


def write(tmp_path, text: str):
    path = tmp_path / "lex.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_lexicon_from_csv_and_find(tmp_path):
    path = write(tmp_path, "pattern,category,weight,provenance\nreckless,loaded_wording,1.5,curated\nso-called,delegitimizing,2,curated\n")
    lex = Lexicon.from_csv(path)
    assert lex.categories == ("delegitimizing", "loaded_wording")
    assert list(lex.entries.columns) == ["pattern", "category", "weight", "provenance"]
    assert lex.entries["weight"].tolist() == [1.5, 2.0]
    found = lex.find("A so called, reckless move.")
    assert [(m.start, m.end, m.term, m.category, m.weight) for m in found] == [
        (2, 11, "so-called", "delegitimizing", 2.0),
        (13, 21, "reckless", "loaded_wording", 1.5),
    ]



def test_lexicon_saved_by_a_spreadsheet_with_semicolons(tmp_path):
    """Excel where the decimal mark is a comma saves semicolons, CRLF and a byte-order mark."""
    path = tmp_path / "lex.csv"
    path.write_bytes("\ufeffpattern;category;weight;note\r\nreckless;loaded_wording;1.5;\"rash; careless\"\r\n".encode())
    assert Lexicon.from_csv(path).entries.values.tolist() == [["reckless", "loaded_wording", 1.5, "rash; careless"]]
    path.write_bytes(b"pattern;category;weight\r\nreckless;loaded_wording;1,5\r\nfrantic;loaded_wording;2;x\r\n")
    with pytest.raises(LexiconError) as info:
        Lexicon.from_csv(path)
    assert str(info.value) == f'{path}, line 3: 4 fields but the header has 3. Quote values that contain a semicolon ("a; b").'
    path.write_bytes(b"pattern;category;weight\r\nreckless;loaded_wording;1,5\r\n")
    with pytest.raises(LexiconError, match=re.escape("line 2: weight '1,5' must be a number greater than 0 and at most 3 "
                                                     "(write the decimal mark as a point: 1.5).")):
        Lexicon.from_csv(path)

def test_lexicon_case_sensitive_column(tmp_path):
    path = write(tmp_path, "pattern,category,weight,case_sensitive\nUS,x,1,true\nregime,y,1,\n")
    lex = Lexicon.from_csv(path)
    assert lex.entries["case_sensitive"].tolist() == [True, False]
    assert [m.term for m in lex.find("us and US regime")] == ["US", "regime"]


def test_missing_columns_error_names_file(tmp_path):
    path = write(tmp_path, "pattern,weight\nx,1\n")
    with pytest.raises(LexiconError, match=r"lex\.csv: missing column\(s\) category"):
        Lexicon.from_csv(path)


def test_validation_errors_report_csv_line_numbers(tmp_path):
    path = write(
        tmp_path,
        "pattern,category,weight\n"
        "ok,loaded_wording,1\n"
        ",loaded_wording,1\n"  # line 3: empty
        "bad,loaded_wording,heavy\n"  # line 4: weight
        "zero,loaded_wording,0\n"  # line 5: weight out of range
        "--,loaded_wording,1\n"  # line 6: no word characters
        "pro*voc,loaded_wording,1\n"  # line 7: star in the middle
        "fine,Bad Category,1\n",  # line 8: category
    )
    with pytest.raises(LexiconError) as info:
        Lexicon.from_csv(path)
    msg = str(info.value)
    assert "6 problem(s)" in msg
    for line, what in [(3, "empty pattern"), (4, "weight 'heavy'"), (5, "weight '0'"), (6, "no letters"), (7, "at the end"), (8, "category 'Bad Category'")]:
        assert f"lex.csv, line {line}: " in msg and what in msg
    assert "line 2:" not in msg


def test_quoted_multiline_field_keeps_line_numbers(tmp_path):
    path = write(tmp_path, 'pattern,category,weight,note\nok,x,1,"two\nlines"\n,x,1,\n')
    with pytest.raises(LexiconError, match=r"line 4: empty pattern"):
        Lexicon.from_csv(path)


def test_duplicates_after_normalisation_report_both_lines(tmp_path):
    path = write(tmp_path, "pattern,category,weight\nblood-soaked,a,1\nother,a,1\nBlood Soaked,b,2\n")
    with pytest.raises(LexiconError, match=r"line 4: pattern 'Blood Soaked' duplicates line 2"):
        Lexicon.from_csv(path)


def test_a_column_read_twice_is_one_clear_error_and_other_repeated_columns_are_kept(tmp_path):
    path = write(tmp_path, "pattern,category,weight,weight,note,note\nterror,a,1,2,n1,n2\n")
    with pytest.raises(LexiconError) as info:
        Lexicon.from_csv(path)
    assert str(info.value) == f"{path}: column(s) weight appear more than once in the header; keep one of each."
    path = write(tmp_path, "pattern,category,weight,note,note\nterror,a,1,n1,n2\n")
    assert Lexicon.from_csv(path).entries.values.tolist() == [["terror", "a", 1.0, "n1", "n2"]]


def test_wildcard_and_exact_are_not_duplicates(tmp_path):
    path = write(tmp_path, "pattern,category,weight,case_sensitive\nterror,a,1,\nterror*,a,1,\nus,a,1,false\nUS,a,1,true\n")
    assert len(Lexicon.from_csv(path)) == 4


def test_from_frame_uses_csv_style_line_numbers():
    frame = pd.DataFrame({"pattern": ["a", "a"], "category": ["x", "x"], "weight": [1, 1]})
    with pytest.raises(LexiconError, match=r"<test>, line 3: pattern 'a' duplicates line 2"):
        Lexicon.from_frame(frame, source="<test>")


def test_lexicon_error_is_value_error():
    assert issubclass(LexiconError, ValueError)


def test_bundled_lexicon_is_valid_and_large():
    from analysis import paths

    lex = Lexicon.from_csv(paths.LOADED_LEXICON)
    assert len(lex) >= 600
    assert set(lex.categories) == {"loaded_wording", "name_calling", "exaggeration", "fear_appeal", "doubt_discrediting", "delegitimizing"}
    loaded = lex.entries[lex.entries["category"] != "neutral"]
    assert loaded["weight"].between(0, 3, inclusive="right").all()
    prov = lex.entries["provenance"].str.split(":").str[0]
    assert set(prov) == {"curated", "vader", "textblob", "codebook"}


def test_lexicon_does_not_match_inside_hyphenated_compounds():
    lex = Lexicon.from_frame(pd.DataFrame({
        "pattern": ["escalation", "violent", "blood-soaked", "soaked"],
        "category": ["fear_appeal", "loaded_wording", "loaded_wording", "loaded_wording"],
        "weight": [1, 1, 2, 1],
    }))
    text = "De-escalation, escalation; non-violent, violent; blood-soaked, soaked - escalation"
    found = [(text[m.start:m.end], m.start) for m in lex.find(text)]
    assert found == [("escalation", 15), ("violent", 40), ("blood-soaked", 49), ("soaked", 63), ("escalation", 72)]
    # the bare matcher (used for actor mentions) still finds words inside compounds
    matcher = PatternMatcher(["escalation"])
    assert [m.start for m in matcher.find("De-escalation")] == [3]


# A text with every kind of word edge: a dotted abbreviation, possessives (straight, curly, capital S),
# apostrophes and hyphens inside words, non-ASCII letters, quotation marks and a final word.
_EDGES = "The U.S. envoy's \u201cso-called\u201d Kyiv\u2019S plan\u2014d\u00e9j\u00e0-vu isn't 'x' end"


def test_token_span_is_the_words_of_the_cut_text_or_none():
    plain = normalize_typography(_EDGES)
    tokens = tokenize_plain(plain)
    starts = [t.start for t in tokens]
    assert token_span(plain, tokens, starts, 0, len(plain)) == (0, len(tokens))
    assert token_span(plain, tokens, starts, 4, 17) == (1, 3)  # "U.S. envoy's "
    assert token_span(plain, tokens, starts, 4, 16) == (1, 3)  # "U.S. envoy's": the possessive ends the word
    assert token_span(plain, tokens, starts, 4, 15) is None  # "U.S. envoy'" cuts "envoy's"
    assert token_span(plain, tokens, starts, 15, 17) is None  # "s " cuts it too
    assert token_span(plain, tokens, starts, 5, 8) is None  # ".S." cuts "U.S."
    assert token_span(plain, tokens, starts, 16, 16) == (3, 3)  # nothing, between words


def test_words_between_every_cut_is_the_cut_text_prepared():
    article = prepare_text(_EDGES)
    n = len(_EDGES)
    for start in range(n + 1):
        for end in range(start, n + 1):
            cut = prepare_text(_EDGES[start:end])
            got = article.words_between(start, end)
            assert got.tokens == [Token(t.start + start, t.end + start, t.norm) for t in cut.tokens], (start, end)
            assert (got.norms, got.gaps, got.raw_gaps) == (cut.norms, cut.gaps, cut.raw_gaps), (start, end)
            assert [got.cased_word(k) for k in range(len(got.tokens))] == cut.cased, (start, end)


def test_window_slices_the_keys_and_matches_at_the_texts_offsets():
    text = "The so-called peace deal, he said."
    prepared = prepare_text(text)
    window = prepared.window(1, 4)  # so called peace
    assert [t.norm for t in window.tokens] == ["so", "called", "peace"]
    assert (window.gaps, window.raw_gaps) == (["", ""], ["-", " "])
    assert window.hyphen_joined(1) and not window.hyphen_joined(2)
    matcher = PatternMatcher(["so-called", "peace deal", "deal"])
    assert matcher.find(text, prepared=window) == [Match(4, 13, 0)]  # "peace deal" runs past the window
    assert matcher.find(text, prepared=prepared.window(3, 5)) == [Match(14, 24, 1)]
    for i, j in [(0, 0), (7, 7), (0, 1), (6, 7)]:  # empty and one-word windows have no gaps
        assert (prepared.window(i, j).gaps, len(prepared.window(i, j).tokens)) == ([], j - i)


def test_a_blank_line_of_unicode_spaces_breaks_a_phrase_but_is_no_blank_line_for_tokens():
    """The phrase matcher's blank line takes Unicode spaces, tokens.BLANK_LINE (sentence splitting's and long articles'
    blocks) only ASCII ones: they differ on purpose only in that one pattern for both could change this session's
    outputs (analysis/text/lexicon.py says so at _BLANK_LINE)."""
    from analysis.text.tokens import BLANK_LINE

    matcher = PatternMatcher(["cheap shot"])
    assert spans(matcher, "a cheap\nshot") == [("cheap\nshot", 0)]
    assert spans(matcher, "a cheap\n\u3000\nshot") == []  # a paragraph break for the phrase
    assert spans(matcher, "a cheap\n \nshot") == []
    assert BLANK_LINE.search("cheap\n\u3000\nshot") is None and BLANK_LINE.search("cheap\n \nshot")

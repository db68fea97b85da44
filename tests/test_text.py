"""Tokenization and sentence splitting: exact offsets on hand-made text."""

from analysis.text.tokens import MAX_SENTENCE_CHARS, normalize_typography, sentences, token_norms, tokenize, words


def spans_text(text, spans):
    return [text[a:b] for a, b in spans]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "The U.S. envoy met Gen. Smith and Mr. J. R. Jones. Talks end today. Dr. Who? No!"
    assert spans_text(text, sentences(text)) == [
        "The U.S. envoy met Gen. Smith and Mr. J. R. Jones.",
        "Talks end today.",
        "Dr. Who?",
        "No!",
    ]


def test_a_legislators_party_and_state_in_brackets_do_not_end_a_sentence():
    # Punkt ended a sentence after "(D-Calif.)" and before "), who": the subject lost its verb
    text = ("Senator Dianne Feinstein (D-Calif.) said the plan was reckless. Rep. Nancy Pelosi (D-Calif.), who leads, "
            "agreed. Rep. Ilhan Omar (D-Minn.) and Sen. Lindsey Graham (R-S.C.) voted against it. Gen. John Allen (Ret.) "
            "spoke. Sen. Ted Cruz, R-Texas, left.")
    assert spans_text(text, sentences(text)) == [
        "Senator Dianne Feinstein (D-Calif.) said the plan was reckless.",
        "Rep. Nancy Pelosi (D-Calif.), who leads, agreed.",
        "Rep. Ilhan Omar (D-Minn.) and Sen. Lindsey Graham (R-S.C.) voted against it.",
        "Gen. John Allen (Ret.) spoke.",
        "Sen. Ted Cruz, R-Texas, left.",
    ]
    # a capital after the bracket may start a sentence: left to Punkt, as before
    assert spans_text("Sen. Dianne Feinstein (D-Calif.) The vote.", sentences("Sen. Dianne Feinstein (D-Calif.) The vote.")) == [
        "Sen. Dianne Feinstein (D-Calif.)", "The vote."]
    # a piece that would start with a closing bracket or a comma goes on the sentence before
    assert spans_text("Was it one girl or two?). Next.", sentences("Was it one girl or two?). Next.")) == [
        "Was it one girl or two?).", "Next."]


def test_an_abbreviation_before_a_word_that_starts_sentences_ends_one_unless_it_is_a_title():
    text = ("He said the U.N. Meanwhile, the White House agreed. The vote ended at 10 p.m. The senators left. "
            "It was signed by Martin Luther King Jr. He changed it. He sat. The dog barked. "
            "The vote was at 10 a.m. Friday. It was in the U.S. the next day. Gen. He Weidong spoke. Mr. So left. "
            "Smith vs. The State was decided. She holds a Ph.D. from Yale. They met on Pennsylvania Ave. on Monday.")
    assert spans_text(text, sentences(text)) == [
        "He said the U.N.",
        "Meanwhile, the White House agreed.",
        "The vote ended at 10 p.m.",
        "The senators left.",
        "It was signed by Martin Luther King Jr.",
        "He changed it.",
        "He sat.",  # "sat" is also Saturday's abbreviation
        "The dog barked.",
        "The vote was at 10 a.m. Friday.",  # no word that starts sentences: Punkt's abbreviation holds
        "It was in the U.S. the next day.",  # lower case
        "Gen. He Weidong spoke.",  # a title before a name
        "Mr. So left.",
        "Smith vs. The State was decided.",  # "vs." names a case's parties
        "She holds a Ph.D. from Yale.",
        "They met on Pennsylvania Ave. on Monday.",
    ]
    # titles and their plurals before names; "no." before a capitalised word is the answer, before a digit the number;
    # "bn." and "mn." are amounts' abbreviations
    text = ("None other than Francis appointed Fr. Weinandy. Two state Sens. Creigh Deeds and Chap Petersen voted "
            "no. Gen. Allen spoke. Atty. Gen. Barr and Msgr. Rossi left. No. 10 Downing Street said no. It booked $2 "
            "bn. in sales. Say no. No one listens.")
    assert spans_text(text, sentences(text)) == [
        "None other than Francis appointed Fr. Weinandy.",
        "Two state Sens. Creigh Deeds and Chap Petersen voted no.",
        "Gen. Allen spoke.",
        "Atty. Gen. Barr and Msgr. Rossi left.",
        "No. 10 Downing Street said no.",
        "It booked $2 bn. in sales.",
        "Say no.",
        "No one listens.",
    ]
    # a run of dotted initials is an abbreviation of its own ("H.W.", "F.B.I."): it ends a sentence only before a word
    # that starts sentences
    text = ("Former President George H.W. Bush died. National Security Adviser H.R. McMaster and the F.B.I. Director "
            "met J.K. Rowling. He moved to N.Y. The city was big.")
    assert spans_text(text, sentences(text)) == [
        "Former President George H.W. Bush died.",
        "National Security Adviser H.R. McMaster and the F.B.I. Director met J.K. Rowling.",
        "He moved to N.Y.",
        "The city was big.",
    ]
    # a state's dotted abbreviation after a place and a comma ends a sentence before any capitalised word or a quotation
    # (inside a sentence a comma follows it); "U.S." after a comma, a party's state, a zip code and "D.C." after another
    # word than "Washington" do not
    text = ("The emails were at her home in Chappaqua, N.Y. Mr. Gowdy asked. He spoke in Charlotte, N.C. \u201cLast "
            "night was good.\u201d They met in Washington, D.C., where Gen. Allen spoke. Jinnie Lee, U.S. Embassy "
            "spokesperson, said no more. Rep. Peter King (R-N.Y.) Democrats, D.C. Mayor and Albany, N.Y. 12207 agreed. "
            "It rained in Charleston, W. Va. Then it stopped in Washington, D.C. and Bedminster, N.J. Jared Kushner "
            "stayed.")
    assert spans_text(text, sentences(text)) == [
        "The emails were at her home in Chappaqua, N.Y.",
        "Mr. Gowdy asked.",
        "He spoke in Charlotte, N.C.",
        "\u201cLast night was good.\u201d",
        "They met in Washington, D.C., where Gen. Allen spoke.",
        "Jinnie Lee, U.S. Embassy spokesperson, said no more.",
        "Rep. Peter King (R-N.Y.) Democrats, D.C. Mayor and Albany, N.Y. 12207 agreed.",
        "It rained in Charleston, W. Va.",
        "Then it stopped in Washington, D.C. and Bedminster, N.J.",
        "Jared Kushner stayed.",
    ]
    # closing quotes after the abbreviation stay with its sentence
    said = "That was \u201cno.\u201d The amount was big."
    assert spans_text(said, sentences(said)) == ["That was \u201cno.\u201d", "The amount was big."]


def test_curly_quotes_after_period_stay_with_their_sentence():
    text = "He said “it is over.” Then he left. She called it ‘a farce.’ Next."
    assert spans_text(text, sentences(text)) == [
        "He said “it is over.”",
        "Then he left.",
        "She called it ‘a farce.’",
        "Next.",
    ]


def test_headline_line_is_its_own_sentence_and_offsets_are_exact():
    text = "Troops Ready for Ukraine\nThe coalition met. It agreed.\n\nA new paragraph."
    spans = sentences(text)
    assert spans == [(0, 24), (25, 43), (44, 54), (56, 72)]
    assert spans_text(text, spans) == ["Troops Ready for Ukraine", "The coalition met.", "It agreed.", "A new paragraph."]


def test_hard_wrapped_text_joins_lines():
    text = (
        "The coalition of the willing met on\n"
        "Thursday in London to discuss the\n"
        "plan for troops and the leaders\n"
        "agreed on a timetable. Then they left.\n"
    )
    assert spans_text(text, sentences(text)) == [
        "The coalition of the willing met on\nThursday in London to discuss the\nplan for troops and the leaders\nagreed on a timetable.",
        "Then they left.",
    ]


def test_text_without_sentence_punctuation_is_cut_into_pieces():
    # A transcript that lost its full stops: one "sentence" of 9,504 characters. Pieces of at most
    # MAX_SENTENCE_CHARS (4,000), cut after the last comma in the second half of that, else at the last space.
    clause = "the minister said the troops would stay, "
    text = "Short one. " + clause * 100 + "and then " * 600 + "end. After."
    assert MAX_SENTENCE_CHARS == 4000
    assert sentences(text) == [(0, 10), (11, 3987), (3988, 7984), (7985, 9515), (9516, 9522)]
    assert text[11:3987].endswith("would stay,") and text[3988:7984].endswith("then and")
    assert text[7985:9515].endswith("then end.")
    # a word longer than the limit is never cut: its piece ends at the next space
    long_word = "x" * 5000
    assert sentences(f"{long_word} tail words") == [(0, 5000), (5001, 5011)]
    # a sentence of exactly the limit stays whole
    exact = ("word " * 1000)[:3999] + "."
    assert sentences(exact) == [(0, 4000)]


def test_caption_lines_without_punctuation_are_joined_and_cut_and_called_unpunctuated():
    # A caption track: 900 short lines, no full stop. Hard-wrapped, so the lines are joined, and the joined text cut
    # into pieces; unpunctuated() (the readers' warning, scoring in blocks) must see it as sentences() does.
    from analysis.text.tokens import unpunctuated

    text = "\n".join(["the troops would stay in Kyiv"] * 900)
    spans = sentences(text)
    assert [b - a for a, b in spans] == [4000, 4000, 3992, 3998, 3996, 4000, 3007]
    assert unpunctuated(text) and not unpunctuated(text.replace("Kyiv", "Kyiv."))
    # paragraphs of news (lines longer than 100 characters) are read line by line: none is longer than the limit
    news = "\n".join(["The troops would stay in Kyiv, the minister said on Monday, and the talks would go on for another "
                      "week"] * 900)
    assert not unpunctuated(news) and max(b - a for a, b in sentences(news)) == 102


def test_crlf_and_blank_text():
    assert sentences("One.\r\nTwo.") == [(0, 4), (6, 10)]
    assert sentences("   \n\t ") == []


def test_tokens_possessive_dash_abbreviation():
    text = "Kyiv’s “so-called” allies, the U.S. and blood–soaked isn't 30-day"
    toks = tokenize(text)
    assert [t.norm for t in toks] == ["kyiv", "so", "called", "allies", "the", "u.s.", "and", "blood", "soaked", "isn't", "30", "day"]
    assert [text[t.start:t.end] for t in toks][:2] == ["Kyiv", "so"]
    assert toks[5] == (31, 35, "u.s.")
    assert words("Ukraine’s army") == ["Ukraine", "army"]


def test_invisible_characters_inside_a_word_are_in_its_span_not_in_its_key():
    # a soft hyphen (HTML's &shy;), a zero-width space and joiner, a word joiner, a byte-order mark inside a text:
    # "reck\u00adless" had been the words "reck" and "less"
    from analysis.text.tokens import cased_words, tokenize_plain

    text = "Reck\u00adless Rus\u200bsia\u2019s zero\u200d\u2060width \u00adsoft\u00ad U.S.\ufeffled"
    toks = tokenize(text)
    assert [t.norm for t in toks] == ["reckless", "russia", "zerowidth", "soft", "u.s.", "led"]
    assert [text[t.start : t.end] for t in toks] == [
        "Reck\u00adless", "Rus\u200bsia", "zero\u200d\u2060width", "soft", "U.S.", "led"]
    assert token_norms(text) == [t.norm for t in toks]
    plain = normalize_typography(text)
    assert cased_words(plain, tokenize_plain(plain)) == ["Reckless", "Russia", "zerowidth", "soft", "U.S.", "led"]
    # without one, the same words as before, by either path
    assert [t.norm for t in tokenize("Reckless Russia's soft U.S.")] == ["reckless", "russia", "soft", "u.s."]
    assert [t.norm for t in tokenize("Café – reckless")] == ["café", "reckless"]


def test_normalize_typography_keeps_length():
    text = "“Kyiv’s” – a—b\u00a0c"
    plain = normalize_typography(text)
    assert plain == "\"Kyiv's\" - a-b c"
    assert len(plain) == len(text)


def test_token_norms_are_the_norms_of_tokenize_without_the_tokens():
    assert token_norms("Kyiv’s “so-called” allies, U.S. officials' talks") == [
        "kyiv", "so", "called", "allies", "u.s.", "officials", "talks"]
    assert token_norms("Zoë’s café's 's") == ["zoë", "café", "s"]  # not ASCII: token by token
    for text in ("It's Putin's", "x's 's s's", "ÄBC's DEF'S", "", "12.5 per cent"):
        assert token_norms(text) == [t.norm for t in tokenize(text)]


def test_the_ascii_fast_path_finds_the_words_of_the_unicode_one_for_every_character_it_takes():
    # A text whose non-ASCII characters only separate words (a dash, an ellipsis, a euro sign) is split by the ASCII
    # pattern on its lower-cased copy. That holds when each such character lower-cases to one character outside ASCII
    # that is no word character either: checked here for every character of Unicode.
    import regex

    from analysis.text import tokens as t

    word_char = regex.compile(r"[^\W_]", t._WORD_FLAGS)  # a word character as the Unicode pattern reads one
    codes = [c for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF]
    # (not the invisible characters a word can hold, IGNORABLE: a text with one goes the Unicode way)
    taken = [chr(c) for c in codes if t._NON_ASCII_WORD_CHAR.match(chr(c)) is None and chr(c) not in t.IGNORABLE]
    assert len(taken) > 900_000  # symbols, punctuation, spaces, controls, private use, unassigned
    assert all(word_char.match(c) is None for c in taken)
    odd = [c for c in taken if len(c.lower()) != 1 or c.lower().isascii() or word_char.match(c.lower())]
    assert odd == []
    assert "…" in taken and "€" in taken and "\u2019" in taken
    assert not {"é", "Σ", "\u0130", "\u212a", "\u0301"} & set(taken)  # letters, dotted I, Kelvin sign, a combining accent
    # Each character of the Basic Multilingual Plane so taken, and every 97th beyond it, between words, after a
    # possessive, an abbreviation and a contraction: the words of the Unicode pattern read token by token.
    sample = [c for c in taken if ord(c) < 0x10000 or ord(c) % 97 == 0]
    for k in range(0, len(sample), 20_000):
        plain = "".join(f"Ab{c}Cd's{c}U.S.{c}isn't{c}X{c}" for c in sample[k : k + 20_000])
        assert t._ascii_words(plain)
        assert t._tokenize_ascii(plain) == t._tokenize_unicode(plain)
        assert t.token_norms(plain) == [tok.norm for tok in t._tokenize_unicode(normalize_typography(plain))]
    # a text with a word character outside ASCII goes the Unicode way
    assert not t._ascii_words("café – 5 €") and t._ascii_words("cafe – 5 € …")
    assert tokenize("Cafe\u2026 ZOË’s 5€") == [(0, 4, "cafe"), (6, 9, "zoë"), (12, 13, "5")]

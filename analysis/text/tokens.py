"""Sentence splitting and word tokenization with character offsets, offline, built on NLTK.

Every offset is a Python string index into the text as given: ``text[start:end]`` is the
evidence. Nothing here changes the text; typographic normalisation is done on a same-length
copy so that offsets stay valid.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache, partial
from itertools import accumulate, compress
from operator import methodcaller
from typing import NamedTuple

import regex

__all__ = [
    "ABBREVIATIONS",
    "BLANK_LINE",
    "DOTTED_INITIALS",
    "dotted_initials",
    "IGNORABLE",
    "MAX_SENTENCE_CHARS",
    "Token",
    "cased_word",
    "cased_words",
    "line_key",
    "normalize_typography",
    "sentences",
    "token_norms",
    "token_span",
    "tokenize",
    "unpunctuated",
    "words",
]

# Same-length character mapping: curly quotes and apostrophes to straight ones, every dash and
# hyphen variant to "-", non-breaking and thin spaces to " ". One character in, one out.
_TYPO_MAP = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
        "\u0060": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",
    }
)
_TYPO_CHARS = {chr(k): v for k, v in _TYPO_MAP.items()}
_TYPO_RE = re.compile("[" + re.escape("".join(_TYPO_CHARS)) + "]")


def _typo_char(m: re.Match) -> str:
    return _TYPO_CHARS[m.group()]


def normalize_typography(text: str) -> str:
    """Return a copy of ``text`` of the same length with typographic variants made plain.

    Curly quotes and apostrophes become ``'`` and ``"``, hyphens and dashes become ``-``,
    non-breaking spaces become spaces. Because the copy has the same length, any offset found
    in it is an offset into the original.

    Args:
        text: Any string.

    Returns:
        The normalised string, ``len(result) == len(text)``.
    """
    # Same result as ``text.translate(_TYPO_MAP)``, several times faster on long texts: only
    # the (few) typographic characters are visited.
    if text.isascii() and "`" not in text:
        return text
    return _TYPO_RE.sub(_typo_char, text)


class Token(NamedTuple):
    """A word token: ``text[start:end]`` is the word, ``norm`` its matching key."""

    start: int
    end: int
    norm: str


# Invisible characters that only hint at typesetting: the soft hyphen (HTML's &shy;), the zero-width space, non-joiner
# and joiner, the word joiner and a zero-width no-break space (a byte-order mark inside a text). Inside a word they
# belong to it and are left out of its key, so "reck\u00adless" is the word "reckless" (it had been "reck" and "less").
IGNORABLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_IGNORABLE_CLASS = "[" + IGNORABLE + "]"
_DROP_IGNORABLE = str.maketrans(dict.fromkeys(IGNORABLE))
# A word: letters or digits, optionally joined by internal apostrophes ("isn't", "o'clock") or
# invisible characters (IGNORABLE), or a dotted abbreviation ("U.S.", "e.g."). Hyphens and dashes
# separate words, so "blood-soaked" is two tokens and matches "blood soaked" and "blood–soaked".
_WORD_PATTERN = r"(?:[^\W_]\.){2,}|[^\W_]+(?:(?:'|" + _IGNORABLE_CLASS + r"+)[^\W_]+)*"
_WORD_FLAGS = re.UNICODE | re.MULTILINE | re.DOTALL
# The documented definition of a word token is NLTK's RegexpTokenizer with this pattern. NLTK
# compiles it with the ``regex`` engine (whose \W differs from ``re``'s on combining marks and
# other characters) and wraps every match in a time-out guard; the spans are computed here with
# the same engine, pattern and flags directly, which gives the same spans several times faster
# (the pattern is linear: no nested quantifiers over the same characters). tests/test_robustness.py
# checks that the two agree.
_WORD_RE = regex.compile(_WORD_PATTERN, _WORD_FLAGS)
# On ASCII text [^\W_] is exactly [A-Za-z0-9], and the stdlib engine is faster there; this is
# that pattern for ASCII text already lower-cased.
_ASCII_WORD_RE = re.compile(r"(?:[a-z0-9]\.){2,}|[a-z0-9]+(?:'[a-z0-9]+)*")
# The same words as a split: [between, word, between, word, ..., between]; the running sum of the
# pieces' lengths gives every word's offsets without a match object per word.
_ASCII_WORD_SPLIT = re.compile(f"({_ASCII_WORD_RE.pattern})")
_new_token = partial(tuple.__new__, Token)  # Token(start, end, norm) from a (start, end, norm) tuple
# A word character outside ASCII, as _WORD_RE reads one (the same engine and flags).
_NON_ASCII_WORD_CHAR = regex.compile(r"[^\x00-\x7f\W_]", _WORD_FLAGS)


def _has_ignorable(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`IGNORABLE` (six substring tests: a fraction of a regex search)."""
    return not text.isascii() and any(c in text for c in IGNORABLE)


def _ascii_words(plain: str) -> bool:
    """True when every word of ``plain`` is ASCII: the ASCII patterns on its lower-cased copy find its words.

    A character outside ASCII that is no word character (a dash, "…", "€", "•") lower-cases to one
    character outside ASCII that is no word character either (a test checks every character of
    Unicode): it separates words in the text (the Unicode pattern) and in its lower-cased copy (the
    ASCII pattern reads no character outside ASCII), and keeps every offset of that copy. A text with
    an invisible character that a word can hold (:data:`IGNORABLE`) goes the Unicode way.

    Example:
        >>> _ascii_words("cafe – 5 € …"), _ascii_words("café"), _ascii_words("İ"), _ascii_words("reck\u00adless")
        (True, False, False, False)
    """
    return plain.isascii() or (not _has_ignorable(plain) and _NON_ASCII_WORD_CHAR.search(plain) is None)


_ends_with_s = methodcaller("endswith", "'s")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens with character offsets.

    Punctuation is not a token. A possessive ``'s`` (straight or curly apostrophe) is left
    out of the token's span and key, so "Ukraine’s" yields the token "Ukraine". Dotted
    abbreviations keep their dots ("U.S." has the key ``u.s.``). An invisible character inside a
    word (:data:`IGNORABLE`: a soft hyphen, a zero-width space) is in its span, not in its key.

    Args:
        text: The article text.

    Returns:
        Tokens in text order; ``norm`` is lower-cased with typographic variants made plain.

    Example:
        >>> [t.norm for t in tokenize("Kyiv’s “so-called” allies")]
        ['kyiv', 'so', 'called', 'allies']
        >>> tokenize("reck\u00adless Rus\u200bsia")
        [Token(start=0, end=9, norm='reckless'), Token(start=10, end=17, norm='russia')]
    """
    return tokenize_plain(normalize_typography(text))


def token_norms(text: str) -> list[str]:
    """``[t.norm for t in tokenize(text)]`` without building the tokens (word counts, shingles): the same words."""
    plain = normalize_typography(text)
    if not _ascii_words(plain):
        return [t.norm for t in _tokenize_unicode(plain)]
    low = plain.lower()
    norms = _ASCII_WORD_RE.findall(low)  # as tokenize_plain: the words of the lower-cased text ...
    if "'s" in low:  # ... with the possessives cut
        norms = [w[:-2] if w[-2:] == "'s" and len(w) > 2 else w for w in norms]
    return norms


def tokenize_plain(plain: str) -> list[Token]:
    """:func:`tokenize` of a text already passed through :func:`normalize_typography`."""
    return _tokenize_ascii(plain) if _ascii_words(plain) else _tokenize_unicode(plain)


def _tokenize_ascii(plain: str) -> list[Token]:
    """:func:`tokenize_plain` of a text whose words are ASCII (:func:`_ascii_words`)."""
    # Lower-casing keeps every offset (ASCII is lower-cased per character, the other characters
    # separate words and stay one character: :func:`_ascii_words`), so the words of the
    # lower-cased text are the words of the text, lower-cased; then the possessives are cut (a
    # word ending in 's has at least three characters: the pattern starts with a letter or digit).
    low = plain.lower()
    pieces = _ASCII_WORD_SPLIT.split(low)
    bounds = list(accumulate(map(len, pieces)))
    words, starts, ends = pieces[1::2], bounds[0::2], bounds[1::2]
    if "'s" in low:
        for k in compress(range(len(words)), map(_ends_with_s, words)):
            ends[k] -= 2
            words[k] = words[k][:-2]
    return list(map(_new_token, zip(starts, ends, words)))


def _tokenize_unicode(plain: str) -> list[Token]:
    """:func:`tokenize_plain` of any text: words of other scripts are lower-cased token by token (final sigma, dotted I)."""
    new = tuple.__new__
    tokens = []
    append = tokens.append
    for start, end in [m.span() for m in _WORD_RE.finditer(plain)]:
        if end - start > 2 and plain[end - 2] == "'" and plain[end - 1] in "sS":
            end -= 2
        append(new(Token, (start, end, plain[start:end].lower())))
    if _has_ignorable(plain):  # a word's key leaves out the invisible characters it holds
        tokens = [new(Token, (a, b, norm.translate(_DROP_IGNORABLE))) for a, b, norm in tokens]
    return tokens


def cased_words(plain: str, tokens: Sequence[Token]) -> list[str]:
    """The words of ``tokens`` with their case, as case-sensitive matching and names read them: ``plain[start:end]``
    without the invisible characters a word can hold (:data:`IGNORABLE`), so that they read like the keys.

    Example:
        >>> plain = "Volodymyr Zelen\u00adskyy's"
        >>> cased_words(plain, tokenize_plain(plain))
        ['Volodymyr', 'Zelenskyy']
    """
    words = [plain[t.start : t.end] for t in tokens]
    if _has_ignorable(plain):
        words = [w.translate(_DROP_IGNORABLE) for w in words]
    return words


def cased_word(plain: str, start: int, end: int) -> str:
    """One word of :func:`cased_words`: ``plain[start:end]`` without its invisible characters."""
    word = plain[start:end]
    return word if word.isascii() else word.translate(_DROP_IGNORABLE)


def token_span(plain: str, tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
    """``(i, j)`` such that ``tokens[i:j]`` are the words of ``plain[start:end]``, or None when a word runs across an edge.

    ``tokens`` are ``tokenize_plain(plain)`` and ``starts`` their start offsets. When no word of
    ``plain`` runs across ``start`` or ``end``, ``tokenize_plain(plain[start:end])`` finds the same
    words (shifted by ``start``); when one does, the cut text has a word of its own (a piece of
    the word): tokenize the cut text then. A possessive ``'s`` counts as part of its word
    ("Kyiv's" cut before the "s" is cut across a word).

    Example:
        >>> plain = "The U.S. envoy's plan"
        >>> toks = tokenize_plain(plain)
        >>> starts = [t.start for t in toks]
        >>> token_span(plain, toks, starts, 4, 17), token_span(plain, toks, starts, 4, 7), token_span(plain, toks, starts, 15, 21)
        ((1, 3), None, None)
    """
    i = bisect_left(starts, start)
    j = bisect_left(starts, end, i)
    if (i and _word_end(plain, tokens[i - 1]) > start) or (j and _word_end(plain, tokens[j - 1]) > end):
        return None
    return i, j


def _word_end(plain: str, token: Token) -> int:
    """Where the word of ``token`` ends in ``plain``: after a possessive ``'s`` that the token leaves out."""
    end = token.end
    # A word followed by an apostrophe and "s" had them in its match (the pattern goes on over
    # "'" and a letter) and they were cut off as a possessive.
    return end + 2 if plain[end : end + 1] == "'" and plain[end + 1 : end + 2] in ("s", "S") else end


def words(text: str) -> list[str]:
    """Return the words of ``text`` as they appear (see :func:`tokenize`)."""
    return [text[t.start : t.end] for t in tokenize(text)]


# Titles before a name: "Gen. He Weidong", "Mr. So" (a capitalised word after one is a name, never a new sentence),
# and their plurals before several ("Sens. Warren and Sanders").
_TITLES = frozenset(
    """
    mr mrs ms dr prof st mt ft rev hon fr msgr
    gen lt col maj capt cpt sgt cmdr adm brig cpl pvt pfc spc
    sen rep gov pres amb sec supt insp det atty
    messrs mmes drs profs sens reps govs gens
    """.split()
)
# Abbreviations that do not end a sentence (Punkt keys: lower case, no final period).
ABBREVIATIONS = _TITLES | frozenset(
    """
    sr jr
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd llc plc bros dept univ assn est approx ave blvd
    no nos vol vols fig figs p pp ed eds al etc vs cf viz ca
    bn mn bln mln
    u.s u.s.a u.k u.n e.u u.s.s.r d.c e.g i.e a.m p.m ph.d
    """.split()
) | frozenset("abcdefghijklmnopqrstuvwxyz")  # initials: "J. R. Smith"


@lru_cache(maxsize=1)
def _punkt():
    """The sentence splitter, built on first use (importing NLTK costs about 1.5 s: see :mod:`analysis.text.punkt`)."""
    from analysis.text.punkt import splitter

    return splitter(ABBREVIATIONS)


_TERMINAL = re.compile(r"""[.!?:;…]["')\]]*\s*$""")
# A paragraph break: a line that holds only spaces or tabs (sentence splitting and article blocks).
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def _hard_wrapped(lines: list[str]) -> bool:
    """True when most lines of a block end mid-sentence, as in text wrapped at a fixed width."""
    body = [ln for ln in lines[:-1] if ln.strip()]
    if len(body) < 3:
        return False
    open_ended = sum(1 for ln in body if not _TERMINAL.search(ln))
    return open_ended / len(body) > 0.6 and max(len(ln) for ln in body) <= 100


def _blocks(plain: str) -> list[tuple[int, int]]:
    """Paragraph blocks: split at blank lines, and at single newlines unless hard-wrapped."""
    blocks = []
    pos = 0
    for m in [*BLANK_LINE.finditer(plain), None]:
        end = m.start() if m else len(plain)
        chunk = plain[pos:end]
        lines = chunk.split("\n")
        if _hard_wrapped(lines):
            blocks.append((pos, end))
        else:
            offset = pos
            for line in lines:
                blocks.append((offset, offset + len(line)))
                offset += len(line) + 1
        pos = m.end() if m else len(plain)
    return blocks


def sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their ``(start, end)`` character spans.

    Uses NLTK's Punkt algorithm with a built-in abbreviation list (no trained model, no
    download): "U.S.", "Mr.", "Gen." and initials do not end a sentence. Curly quotes and
    dashes are handled like straight ones. A line break ends a sentence (headlines and
    paragraphs without a final period), except in hard-wrapped text, where lines are joined.
    Spans exclude surrounding whitespace; blank text has no sentences.

    Args:
        text: The article text.

    Returns:
        Sentence spans in text order; ``text[start:end]`` is the sentence.

    Example:
        >>> s = "The U.S. envoy met Gen. Smith. Talks end today."
        >>> [s[a:b] for a, b in sentences(s)]
        ['The U.S. envoy met Gen. Smith.', 'Talks end today.']
    """
    return sentences_plain(normalize_typography(text))


# Punkt's pieces that are no sentences of their own, mended after it (tests/test_text.py):
# - a piece that starts with a comma, a semicolon, a colon or a closing bracket goes on the sentence before
#   ("Rep. Nancy Pelosi (D-Calif." + "), who leads, spoke.");
# - a piece after a bracket of one word that ends with a period ("(D-Calif.)", "(R-S.C.)", "(Ret.)": a legislator's
#   party and state, a rank) goes on it when it starts with a lower-case letter or a digit ("Sen. Dianne Feinstein
#   (D-Calif.)" + "said ..."; 28 of NewsMTSC's 7,758 training sentences were cut so);
# - an abbreviation that is no title before a name ("U.S.", "a.m.", "Inc.", "Jr.", "etc.", "no.") followed by a
#   capitalised word that starts sentences and is no name ("The", "He", "However" ...) ends a sentence: Punkt, without
#   trained statistics, never ends one at an abbreviation ("the U.N. Meanwhile, the White House ...");
# - "no." before a capitalised word is the answer, not the number's abbreviation ("No. 1"), and ends a sentence ("The
#   Senate voted no. Gen. Allen spoke.");
# - a state's dotted abbreviation after a place and a comma ("Chappaqua, N.Y.", "Washington, D.C."; "D.C." only after
#   "Washington") ends a sentence before any capitalised word or a quotation mark: inside a sentence news style puts
#   a comma after it ("in Chappaqua, N.Y., where ..."). Of the 9 places in NewsMTSC, ptc-dev and babe-dev where a
#   comma and a run of dotted initials stand before a capitalised word, the 6 with a state all end a sentence ("at her
#   home in Chappaqua, N.Y. Mr. Gowdy had asked ..."; 5 were read as one sentence with the next); the other 3 are
#   "U.S." ("Jinnie Lee, U.S. Embassy spokesperson"), left alone.
_GOES_ON = frozenset(",;:)]")
_BRACKETED_ABBREVIATION = re.compile(r"\([^()\s]{1,24}\.\)$")
_STARTERS = (
    "The He She It They We This That These Those There His Her Its Their Our But However Meanwhile According When "
    "While After Before If In On At"
)
# A period, closing quotes or brackets, then a word that starts sentences (case-sensitive); the word before the period
# is looked up in _ENDING_ABBREVIATIONS (a search for the abbreviations themselves took more than twice Punkt's own
# time).
_PERIOD_THEN_START = re.compile(r"\.[\"')\]]*(?=\s+(?:%s)\b)" % "|".join(_STARTERS.split()))
_WORD_BEFORE = re.compile(r"(?<![\w.])[\w.]+$")
_ENDING_ABBREVIATIONS = frozenset(a for a in ABBREVIATIONS - _TITLES - {"vs", "cf", "viz"} if len(a) > 1)
_NO_THEN_CAPITAL = re.compile(r"(?<![\w.])[Nn]o\.(?=\s+[A-Z])")
# (after a word, and "D.C." after "Washington": checked by _after_place; a lookbehind here made the search eight times
# slower)
_STATE_THEN_CAPITAL = re.compile(r", (?:N\.[CDHJMY]|S\.[CD]|R\.I|D\.C|W\. ?Va)\.(?=\s+[A-Z\"])")


def _mended(block: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt's ``pieces`` of ``block`` with the pieces that are no sentences mended (see the rules above)."""
    joined: list[list[int]] = []
    for start, end in pieces:
        first = block[start]
        if joined and (first in _GOES_ON or ((first.islower() or first.isdigit())
                                             and _BRACKETED_ABBREVIATION.search(block, joined[-1][0], joined[-1][1]))):
            joined[-1][1] = end
        else:
            joined.append([start, end])
    cuts = [m.end() for m in _PERIOD_THEN_START.finditer(block) if _ends_abbreviation(block, m.start())]
    if "o." in block:
        cuts += [m.end() for m in _NO_THEN_CAPITAL.finditer(block)]
    if ", " in block:
        cuts += [m.end() for m in _STATE_THEN_CAPITAL.finditer(block) if _after_place(block, m)]
    if not cuts:  # most blocks
        return joined
    cuts = sorted(set(cuts))
    out = []
    for start, end in joined:
        for cut in cuts:
            if start < cut < end:
                out.append((start, cut))
                start = cut
        out.append((start, end))
    return out


# Letters each followed by a period, as Punkt keys them (lower case, the final period cut off): "h.w" of "George H.W.
# Bush", "j.k" of "J.K. Rowling", "f.b.i". Such a run is an abbreviation (:func:`analysis.text.punkt.splitter`).
DOTTED_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def dotted_initials(key: str) -> bool:
    """Whether a Punkt key (lower case, no final period) is a run of dotted initials: ``dotted_initials("h.w")``."""
    return "." in key and DOTTED_INITIALS.fullmatch(key) is not None


def _after_place(block: str, m: re.Match) -> bool:
    """Whether the state of a :data:`_STATE_THEN_CAPITAL` match follows a word, and "D.C." the word "Washington" (after
    another name it is often a modifier: "said Phil Mendelson, D.C. Council chairman")."""
    if not m.start() or not block[m.start() - 1].isalpha():
        return False
    return not m.group().startswith(", D.C") or block.endswith("Washington", 0, m.start())


def _ends_abbreviation(block: str, period: int) -> bool:
    """Whether the word before ``block[period]`` (a period) is one of :data:`_ENDING_ABBREVIATIONS`."""
    word = _WORD_BEFORE.search(block, max(0, period - 12), period)
    if word is None:
        return False
    word = word.group().lower()
    return word in _ENDING_ABBREVIATIONS or dotted_initials(word)


def sentences_plain(plain: str) -> list[tuple[int, int]]:
    """:func:`sentences` of a text already passed through :func:`normalize_typography`."""
    punkt = _punkt()
    spans = []
    for b_start, b_end in _blocks(plain):
        block = plain[b_start:b_end]
        if not block.strip():
            continue
        for s_start, s_end in _mended(block, punkt.span_tokenize(block)):
            start, end = b_start + s_start, b_start + s_end
            if end - start > MAX_SENTENCE_CHARS:
                spans.extend(_cut_long(plain, start, end))
                continue
            # Punkt keeps leading/trailing whitespace out already, but be strict.
            while start < end and plain[start].isspace():
                start += 1
            while end > start and plain[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((start, end))
    return spans


# A "sentence" longer than this is text without sentence punctuation (a transcript, a caption track,
# scraped text that lost its full stops): it is cut into pieces of at most about this length. The
# longest sentence of 63,866 in the 296 ptc-dev articles, the five bundled ones and 2,000 synthetic ones
# has 684 characters; the longest of NewsMTSC's training rows, a list of names without full stops, 3,742,
# so the shipped stance models (make models) are rebuilt byte for byte with this limit. Each mention's
# stance features read every word of its sentence, so an uncut 8,000-word run held about 470 MB while its
# article was scored.
MAX_SENTENCE_CHARS = 4000
_CLAUSE_CUT = re.compile(r"[;:,)\]](?=\s)|\s-\s")  # where a piece ends, best first: after a clause mark
_SPACE = re.compile(r"[ \t]")


def line_key(line: str) -> str:
    """A line (a paragraph) with its white space made one space and none at its ends: how two articles' lines are
    compared word for word (site boilerplate, a recycled paragraph: :func:`analysis.measures.sourcing.repeated_lines`,
    :func:`analysis.corpus.describe.recurring_lines`).

    Example:
        >>> line_key("  All rights\treserved. "), line_key("All rights reserved.")
        ('All rights reserved.', 'All rights reserved.')
    """
    if "  " in line or "\t" in line or "\r" in line or line[:1].isspace() or line[-1:].isspace():
        return " ".join(line.split())  # (cheaper to test than to do)
    return line


# What may end a sentence in a block, for :func:`unpunctuated` (a full stop, question or exclamation mark before a
# space, or a carriage return; the split itself is Punkt's).
_SENTENCE_ENDS = re.compile(r"[.!?][\"')\]]*\s|\r")


def unpunctuated(text: str) -> bool:
    """Whether ``text`` runs for more than :data:`MAX_SENTENCE_CHARS` characters without a full stop, question or
    exclamation mark before a space, or a line break: text without sentence punctuation (a transcript, a caption
    track), whose sentences :func:`sentences` cuts into pieces. A cheap test of the text (no sentence splitting), for
    the warnings of the corpus readers and the report.

    Example:
        >>> unpunctuated("word " * 1000), unpunctuated("A short sentence. " * 1000)
        (True, False)
        >>> captions = "\\n".join(["six words on a caption line"] * 800)  # short lines, joined as hard-wrapped
        >>> unpunctuated(captions), unpunctuated(captions.replace("line", "line.")), unpunctuated(captions.replace("\\n", "\\n\\n"))
        (True, False, False)
    """
    if len(text) <= MAX_SENTENCE_CHARS:
        return False
    # The blocks sentences() reads (paragraphs; their lines, unless hard-wrapped: a caption track's short lines are
    # joined): most are shorter than the limit and need no search.
    for chunk in BLANK_LINE.split(text):
        if len(chunk) <= MAX_SENTENCE_CHARS:
            continue
        lines = chunk.split("\n")
        # only lines of at most 100 characters can be hard-wrapped (_hard_wrapped): news paragraphs are longer
        short = max(map(len, lines[:-1]), default=101) <= 100
        parts = [chunk] if short and _hard_wrapped(normalize_typography(chunk).split("\n")) else lines
        if any(len(part) > MAX_SENTENCE_CHARS and max(map(len, _SENTENCE_ENDS.split(part))) > MAX_SENTENCE_CHARS
               for part in parts):
            return True
    return False


def _cut_long(plain: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of the over-long sentence ``start..end``, each at most :data:`MAX_SENTENCE_CHARS` characters
    (unless a single word is longer): cut after the last clause mark (``;``, ``:``, ``,``, a closing bracket,
    a spaced dash) in the second half of the allowed length, else at the last space, never inside a word.

    Example:
        >>> text = ("word " * 1000).strip()
        >>> [b - a for a, b in _cut_long(text, 0, len(text))]
        [3999, 999]
    """
    pieces = []
    while start < end:
        while start < end and plain[start].isspace():
            start += 1
        if end - start <= MAX_SENTENCE_CHARS:
            cut = end
        else:
            lo, hi = start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS
            marks = [m.end() for m in _CLAUSE_CUT.finditer(plain, lo, hi)]
            if marks:
                cut = marks[-1]
            else:  # the last space (a word is never cut); a word longer than the limit ends at the next one
                space = max(plain.rfind(" ", start + 1, hi + 1), plain.rfind("\t", start + 1, hi + 1))
                nxt = _SPACE.search(plain, hi, end) if space < 0 else None
                cut = space if space >= 0 else nxt.start() if nxt else end
        piece_end = cut
        while piece_end > start and plain[piece_end - 1].isspace():
            piece_end -= 1
        if start < piece_end:
            pieces.append((start, piece_end))
        start = cut
    return pieces

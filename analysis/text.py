"""Sentence splitting and word tokenization with character offsets, offline, built on NLTK.

Every offset is a Python string index into the text as given: ``text[start:end]`` is the
evidence. Nothing here changes the text; typographic normalisation is done on a same-length
copy so that offsets stay valid.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = [
    "ABBREVIATIONS",
    "Token",
    "normalize_typography",
    "sentences",
    "tokenize",
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
    return text.translate(_TYPO_MAP)


class Token(NamedTuple):
    """A word token: ``text[start:end]`` is the word, ``norm`` its matching key."""

    start: int
    end: int
    norm: str


# A word: letters or digits, optionally joined by internal apostrophes ("isn't", "o'clock"),
# or a dotted abbreviation ("U.S.", "e.g."). Hyphens and dashes separate words, so
# "blood-soaked" is two tokens and matches "blood soaked" and "blood–soaked".
_WORD_PATTERN = r"(?:[^\W_]\.){2,}|[^\W_]+(?:'[^\W_]+)*"
_word_tokenizer = RegexpTokenizer(_WORD_PATTERN)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens with character offsets.

    Punctuation is not a token. A possessive ``'s`` (straight or curly apostrophe) is left
    out of the token's span and key, so "Ukraine’s" yields the token "Ukraine". Dotted
    abbreviations keep their dots ("U.S." has the key ``u.s.``).

    Args:
        text: The article text.

    Returns:
        Tokens in text order; ``norm`` is lower-cased with typographic variants made plain.

    Example:
        >>> [t.norm for t in tokenize("Kyiv’s “so-called” allies")]
        ['kyiv', 'so', 'called', 'allies']
    """
    plain = normalize_typography(text)
    tokens = []
    for start, end in _word_tokenizer.span_tokenize(plain):
        word = plain[start:end]
        if len(word) > 2 and word[-2:] in ("'s", "'S"):
            end -= 2
            word = word[:-2]
        tokens.append(Token(start, end, word.lower()))
    return tokens


def words(text: str) -> list[str]:
    """Return the words of ``text`` as they appear (see :func:`tokenize`)."""
    return [text[t.start : t.end] for t in tokenize(text)]


# Abbreviations that do not end a sentence (Punkt keys: lower case, no final period).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft rev hon
    gen lt col maj capt cpt sgt cmdr adm brig cpl pvt
    sen rep gov pres amb sec supt insp det
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd llc plc bros dept univ assn est approx
    no nos vol vols fig figs p pp ed eds al etc vs cf viz ca
    u.s u.s.a u.k u.n e.u u.s.s.r d.c e.g i.e a.m p.m
    """.split()
) | frozenset("abcdefghijklmnopqrstuvwxyz")  # initials: "J. R. Smith"


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


_TERMINAL = re.compile(r"""[.!?:;…]["')\]]*\s*$""")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


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
    for m in [*_BLANK_LINE.finditer(plain), None]:
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
    plain = normalize_typography(text)
    punkt = _punkt()
    spans = []
    for b_start, b_end in _blocks(plain):
        block = plain[b_start:b_end]
        if not block.strip():
            continue
        for s_start, s_end in punkt.span_tokenize(block):
            start, end = b_start + s_start, b_start + s_end
            # Punkt keeps leading/trailing whitespace out already, but be strict.
            while start < end and plain[start].isspace():
                start += 1
            while end > start and plain[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((start, end))
    return spans

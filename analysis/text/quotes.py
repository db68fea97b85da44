"""Find quotations in news text (direct speech vs. scare quotes) with character offsets.

A quotation is text between matching quotation marks, straight or curly, double or single.
Its span is the content between the marks (the marks excluded, surrounding whitespace and a
final ``,;:.`` trimmed).
Its kind is ``"speech"`` when it is a direct quotation attributed to someone: the sentence
holds a reporting verb ("said", "told", "warned", "accusing", "calling"...) or "according to"
outside the quotation marks, or the quotation is five words or longer. Otherwise a quotation
of one to four words is a ``"scare"`` quote: a word or phrase the author holds at a distance
(known as the "backstop"). A short quotation right after the author's own label ("so-called",
"known as", "dubbed") is a scare quote whatever else the sentence holds. Apostrophes inside words ("don’t", "Ukraine’s") are never quotes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from analysis.text.reporting import ATTRIBUTION_PHRASES, REPORTING_VERBS
from analysis.text.lexicon import PreparedText, prepare_text
from analysis.text.tokens import normalize_typography, sentences

__all__ = [
    "Quote",
    "QuoteIndex",
    "REPORTING_VERBS",
    "SCARE_MAX_WORDS",
    "SPEECH_MIN_WORDS",
    "find_quotes",
    "in_quote",
]

SPEECH_MIN_WORDS = 5
SCARE_MAX_WORDS = 4

# What attributes a quotation to a speaker: the reporting verbs (one list, analysis.text.reporting)
# and the attributions that are not verbs ("according to", "spokesman").
_ATTRIBUTING: tuple[str, ...] = (*REPORTING_VERBS, *ATTRIBUTION_PHRASES)
# The author's own labelling: right before a short quotation they make it a scare quote even when
# a reporting verb is elsewhere in the sentence (known as the "backstop"; the so-called "deal").
_NOT_REPORTING: tuple[str, ...] = ("so called", "self called", "also called", "known as", "dubbed", "termed",
                                   "self styled", "self proclaimed", "would be", "alleged", "supposed")
_LABEL_WINDOW = 3  # tokens before the opening mark searched for a label

_DOUBLE_OPEN = "\u201c\u201e\u00ab"
_DOUBLE_CLOSE = "\u201d\u00bb"
_SINGLE_OPEN = "\u2018\u201a"
_OPEN_BEFORE = " \t\n\r([{-\u2014\u2013/\u00a0"
# The characters the pairing loops look at (after typography normalisation); all others are skipped.
_DOUBLE_SCAN = re.compile(r'[\n"]')
_SINGLE_SCAN = re.compile(r"[\n.!?']")
# A single quotation mark that can open a quotation: before a letter or digit, after a space,
# bracket or dash or at the start (the look-behind after the mark keeps the search's fast scan
# for "'"). A text without one has no single-quoted quotation.
_SINGLE_OPENING = re.compile("'(?<![^" + re.escape(_OPEN_BEFORE + '"') + r"]')[^\W_]")


class Quote(NamedTuple):
    """A quotation: ``text[start:end]`` is its content, ``kind`` is ``"speech"`` or ``"scare"``."""

    start: int
    end: int
    kind: str


@lru_cache(maxsize=1)
def _reporting_matcher():
    from analysis.text.lexicon import PatternMatcher

    return PatternMatcher([*_ATTRIBUTING, *_NOT_REPORTING])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pair_double(text: str, plain: str) -> list[tuple[int, int, bool]]:
    """Pair double quotation marks: (open mark index, close mark index, continues) triples.

    ``continues`` is True for a paragraph of a quotation that runs on into the next paragraph.
    """
    pairs = []
    open_at: int | None = None
    n = len(text)
    for mark in _DOUBLE_SCAN.finditer(plain):  # only line breaks and quotation marks matter
        i = mark.start()
        ch = plain[i]
        if ch == "\n" and open_at is not None:
            # A quote left open at a paragraph end continues only if the next paragraph
            # reopens it (the multi-paragraph quotation convention); close it at the line end.
            k = i
            while k < n and plain[k].isspace():
                k += 1
            if k < n and plain[k] == '"' and text[k] not in _DOUBLE_CLOSE:
                pairs.append((open_at, i, True))
            open_at = None
            continue
        if ch != '"':
            continue
        orig = text[i]
        if orig in _DOUBLE_OPEN:
            role = "open"
        elif orig in _DOUBLE_CLOSE:
            role = "close"
        else:  # straight quote: opening after a space or bracket, else closing
            before = plain[i - 1] if i else " "
            after = plain[i + 1] if i + 1 < n else " "
            if open_at is None and (before in _OPEN_BEFORE or before == '"') and not after.isspace():
                role = "open"
            elif open_at is not None:
                role = "close"
            else:
                role = "open" if not after.isspace() else "stray"
        if role == "open":
            open_at = i  # an unclosed earlier mark is dropped
        elif role == "close" and open_at is not None:
            pairs.append((open_at, i, False))
            open_at = None
    return pairs


def _pair_single(text: str, plain: str, blocked: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Pair single quotation marks used as quotes, telling them apart from apostrophes."""
    if not _SINGLE_OPENING.search(plain):
        return []
    pairs = []
    open_at: int | None = None
    n = len(text)
    for mark in _SINGLE_SCAN.finditer(plain):  # only line breaks, sentence ends and apostrophes matter
        i = mark.start()
        ch = plain[i]
        if ch == "\n":
            open_at = None
            continue
        if ch in ".!?" and open_at is not None and i + 1 < n and plain[i + 1].isspace():
            # A single quotation does not run across a sentence end unless closed right there.
            if not (i + 1 < n and plain[i + 1] == "'"):
                nxt = i + 1
                while nxt < n and plain[nxt] == " ":
                    nxt += 1
                if nxt < n and plain[nxt].isupper():
                    open_at = None
            continue
        if ch != "'":
            continue
        before = plain[i - 1] if i else " "
        after = plain[i + 1] if i + 1 < n else " "
        if before.isalnum() and after.isalnum():
            continue  # apostrophe inside a word
        is_open = (text[i] in _SINGLE_OPEN or text[i] == "'") and (before in _OPEN_BEFORE or before == '"') and after.isalnum()
        is_close = (not before.isspace()) and not after.isalnum()
        if is_open:
            open_at = i
        elif is_close and open_at is not None:
            if i - open_at > 1:
                pairs.append((open_at, i, False))
            open_at = None
    # Drop single quotes nested in (or overlapping) double quotes.
    out = []
    for a, b, cont in pairs:
        k = bisect.bisect_right(blocked, (a, float("inf"))) - 1
        if k >= 0 and blocked[k][0] <= a <= blocked[k][1]:
            continue
        out.append((a, b, cont))
    return out


def find_quotes(
    text: str,
    *,
    plain: str | None = None,
    sentence_spans: Sequence[tuple[int, int]] | None = None,
    prepared: PreparedText | None = None,
) -> list[Quote]:
    """Find the quotations in ``text`` and classify each as speech or a scare quote.

    Args:
        text: An article's text.
        plain: ``normalize_typography(text)`` if already computed.
        sentence_spans: ``sentences(text)`` if already computed.
        prepared: ``prepare_text(text)`` if already computed: the words of a quotation and of
            the text around it are then the article's (:meth:`PreparedText.words_between`),
            not tokenized again.

    Returns:
        Quotations in text order, non-overlapping; each span is the content between the
        quotation marks (whitespace trimmed). Empty quotations are left out.

    Example:
        >>> t = 'He said "we will win." The so-called "backstop" stays.'
        >>> [(t[q.start:q.end], q.kind) for q in find_quotes(t)]
        [('we will win', 'speech'), ('backstop', 'scare')]
    """
    if plain is None:
        plain = normalize_typography(text)
    doubles = _pair_double(text, plain)
    singles = _pair_single(text, plain, doubles)
    marks = sorted(doubles + singles)
    if not marks:
        return []
    if prepared is None:
        prepared = prepare_text(text, plain=plain)
    words = prepared.words_between  # the words of text[start:end], at the text's offsets
    spans = []
    for a, b, cont in marks:
        start, end = _trim(text, a + 1, b)
        while end > start and text[end - 1] in ",;:.":  # "backstop," -> backstop
            end -= 1
        start, end = _trim(text, start, end)
        n_words = len(words(start, end).tokens) if start < end else 0
        if n_words:
            spans.append((start, end, a, b + 1, cont, n_words))
    sents = sentences(text) if sentence_spans is None else sentence_spans
    sent_starts = [s for s, _ in sents]
    inside = _Containment(spans)
    matcher = _reporting_matcher()
    n_verbs = len(_ATTRIBUTING)
    out = []
    for start, end, mark_start, mark_end, cont, n_words in spans:
        if n_words >= SPEECH_MIN_WORDS or cont:
            out.append(Quote(start, end, "speech"))
            continue
        before = words(max(0, mark_start - 60), mark_start)
        n_before = len(before.tokens)
        if n_before:
            label = before.window(max(0, n_before - _LABEL_WINDOW), n_before)  # its last few words
            if any(m.index >= n_verbs for m in matcher.find(text, prepared=label)):
                out.append(Quote(start, end, "scare" if n_words <= SCARE_MAX_WORDS else "speech"))
                continue
        # The sentence(s) the quotation sits in, plus a lower-case continuation ("… ," he said).
        first = max(bisect.bisect_right(sent_starts, mark_start) - 1, 0)
        last = max(bisect.bisect_right(sent_starts, max(mark_end - 1, mark_start)) - 1, first)
        if last + 1 < len(sents):
            s_next, _ = sents[last + 1]
            if sents[last][1] <= mark_end and text[s_next : s_next + 1].islower():
                last += 1
        ctx_start = sents[first][0] if sents else 0
        ctx_end = sents[last][1] if sents else len(text)
        ctx_start, ctx_end = min(ctx_start, mark_start), max(ctx_end, mark_end)
        attributed = False
        for m in matcher.find(text, prepared=words(ctx_start, ctx_end)):
            if m.index >= n_verbs:
                continue
            if inside(m.start, m.end):
                continue
            attributed = True
            break
        out.append(Quote(start, end, "speech" if attributed else ("scare" if n_words <= SCARE_MAX_WORDS else "speech")))
    return out


class _Containment:
    """Is ``[start, end)`` inside one of the quotation-mark spans ``[a, b]``? In O(log n).

    The spans are sorted by ``a`` (they may overlap): among those with ``a <= start``, the
    largest ``b`` decides.
    """

    def __init__(self, spans: list[tuple]) -> None:
        ordered = sorted((span[2], span[3]) for span in spans)
        self._starts = [a for a, _ in ordered]
        self._max_end = []
        best = -1
        for _, b in ordered:
            best = max(best, b)
            self._max_end.append(best)

    def __call__(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self._starts, start) - 1
        return k >= 0 and end <= self._max_end[k]


class QuoteIndex:
    """Fast lookup of many spans against one article's quotations (binary search).

    Args:
        quotes: The article's quotations (from :func:`find_quotes`), non-overlapping.

    Example:
        >>> idx = QuoteIndex([Quote(5, 10, "speech")])
        >>> idx.kind(6, 8), idx.kind(0, 3)
        ('speech', None)
    """

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.quotes = sorted(quotes)
        self._starts = [q.start for q in self.quotes]

    def find(self, start: int, end: int) -> Quote | None:
        """The quotation that overlaps ``[start, end)``, or None."""
        k = bisect.bisect_right(self._starts, max(end - 1, start)) - 1
        if k >= 0:
            q = self.quotes[k]
            if q.start < end and start < q.end:
                return q
        return None

    def kind(self, start: int, end: int) -> str | None:
        """``"speech"`` or ``"scare"`` when ``[start, end)`` overlaps a quotation, else None."""
        q = self.find(start, end)
        return q.kind if q else None


def in_quote(quotes: Sequence[Quote], start: int, end: int, *, kind: str | None = None) -> bool:
    """True when the span ``[start, end)`` overlaps one of ``quotes`` (of ``kind``, if given).

    For many spans against the same quotations, build a :class:`QuoteIndex` once.

    Args:
        quotes: Quotations from :func:`find_quotes`.
        start: Span start (character offset).
        end: Span end.
        kind: Only count quotations of this kind (``"speech"`` or ``"scare"``).
    """
    q = QuoteIndex(quotes).find(start, end)
    return q is not None and (kind is None or q.kind == kind)

"""Who "he", "she", "they" and "the president" are: pronouns and role nouns resolved to a preceding mention.

A pronoun ("he", "him", "his", "she", "her", "they", "them", "their") or a role noun ("the
president", "the prime minister", "the foreign minister", "the minister", "the chancellor", "the
envoy", "the secretary general") becomes a mention of a target when, in its sentence before it
and in the previous sentence, the compatible mentions all name one target; it then takes the
nearest of them. Compatible: "he"/"she" and role nouns go with a **person** (an alias such as
"Putin" or "Ukrainian president"), "they" with a **group** (an alias whose last word is a body
of people: "Russian forces", "Ukrainian officials", "Trump administration"). Country and city
names ("Russia", "Kyiv") are neither: "they" after "Russia" is left alone.

It stays unresolved when two targets are candidates, when none is, or (for "he"/"she" and role
nouns) when a capitalised word that is not a mention stands between the candidate and the
pronoun (a person the targets file does not know may be meant: "Putin met Witkoff. He said ...").
Gender is not checked (the targets file does not give it).

Off by default (``score_stance(..., resolve_references=True)`` turns it on): how many mentions it
adds and how often it is right are measured on an in-house, hand-checked sample
(``data/annotations/references.csv``, ``docs/validation_stance.md``), too small yet to change every
published number for.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from analysis.measures.targets import TargetMatch
from analysis.text.tokens import Token

__all__ = ["GROUP_PRONOUNS", "PERSON_PRONOUNS", "ROLE_NOUNS", "alias_kind", "known_places", "resolve_references"]

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
# Role nouns after "the", longest first ("the prime minister" before "the minister").
ROLE_NOUNS = (
    ("secretary", "general"), ("prime", "minister"), ("foreign", "minister"), ("defence", "minister"),
    ("defense", "minister"), ("president",), ("minister",), ("chancellor",), ("envoy",),
)
# The last word of an alias that names a body of people ("Russian forces", "Trump administration").
GROUP_HEADS = frozenset(
    "forces troops army military soldiers officials government authorities leadership leaders delegation "
    "diplomats negotiators ministry ministries staff administration regime ministers counterparts allies "
    "members partners states governments commanders units".split()
)
# The last word of an alias that names one person by office ("Ukrainian president").
PERSON_HEADS = frozenset("president minister chancellor envoy leader spokesman spokeswoman secretary aide".split())
# Capitalised words that do not name a person (sentence-internal), for the "someone else" check.
_NOT_NAMES = frozenset(
    "i mr mrs ms dr the a an monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december".split()
)


@lru_cache(maxsize=1)
def known_places() -> frozenset:
    """Lower-cased names that are never a person: the gazetteer's countries, capitals, demonyms,
    organisations and parties, and the organisations file (``data/lexicons``)."""
    from analysis import paths
    from analysis.text.lexicon import read_csv_rows

    names: set[str] = set()
    for path, columns in ((paths.GAZETTEER, ("actor", "pattern")),
                          (paths.ORGANISATIONS, ("organisation", "pattern"))):
        if Path(path).exists():
            frame, _ = read_csv_rows(path)
            for column in columns:
                names.update(str(v).strip().lower() for v in frame[column])
    return frozenset(names)


def alias_kind(alias_text: str, target: str, places: frozenset = frozenset()) -> str:
    """``person``, ``group`` or ``other`` for the text of a mention (see the module docstring).

    ``places`` holds lower-cased names of countries, capitals and organisations (``other``).
    """
    words = alias_text.replace("'s", "").replace("\u2019s", "").split()
    if not words:
        return "other"
    lower = [w.lower() for w in words]
    if lower[-1] in GROUP_HEADS:
        return "group"
    if any(w in PERSON_HEADS for w in lower):
        return "person"
    text = " ".join(lower)
    if text == target.lower() or text in places or len(words) > 3:
        return "other"
    if all(w[:1].isupper() for w in words):
        return "person"
    return "other"


def resolve_references(
    text: str,
    tokens: Sequence[Token],
    sentence_spans: Sequence[tuple[int, int]],
    found: Sequence[TargetMatch],
    *,
    places: frozenset = frozenset(),
) -> list[TargetMatch]:
    """Pronouns and role nouns of ``text`` that resolve to a target, as extra mentions.

    Args:
        text: The text.
        tokens: ``tokenize(text)``.
        sentence_spans: ``sentences(text)``.
        found: The mentions of the targets (``Targets.find``), in text order.
        places: Lower-cased country, capital and organisation names (never persons).

    Returns:
        New :class:`TargetMatch` rows (``alias`` is the pronoun or role noun as written), in
        text order; ``found`` is not changed.
    """
    if not found:
        return []
    sent_starts = [s for s, _ in sentence_spans] or [0]
    kinds = [alias_kind(text[m.start : m.end], m.target, places) for m in found]
    m_starts = [m.start for m in found]
    tok_starts = [t.start for t in tokens]
    opening = set(sent_starts)
    out: list[TargetMatch] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        norm = tok.norm
        want = None
        end_i = i
        if norm in PERSON_PRONOUNS:
            want = "person"
        elif norm in GROUP_PRONOUNS:
            want = "group"
        elif norm == "the" and i + 1 < n:
            for role in ROLE_NOUNS:
                if all(i + 1 + r < n and tokens[i + 1 + r].norm == w for r, w in enumerate(role)):
                    want, end_i = "person", i + len(role)
                    break
        if want is None or _inside_mention(tok.start, m_starts, found):
            i += 1
            continue
        s = max(bisect.bisect_right(sent_starts, tok.start) - 1, 0)
        window_start = sent_starts[max(s - 1, 0)]
        lo = bisect.bisect_left(m_starts, window_start)
        hi = bisect.bisect_left(m_starts, tok.start)
        candidates = [k for k in range(lo, hi) if kinds[k] == want]
        if candidates and len({found[k].target for k in candidates}) == 1:
            k = candidates[-1]
            if not (_other_group_between if want == "group" else _other_name_between)(text, tokens, tok_starts, found[k].end, tok.start, opening,
                                                          m_starts, found, places):
                start, end = tok.start, tokens[end_i].end
                out.append(TargetMatch(start, end, found[k].target, text[start:end]))
        i = end_i + 1
    return out


def _inside_mention(pos: int, m_starts: list[int], found: Sequence[TargetMatch]) -> bool:
    k = bisect.bisect_right(m_starts, pos) - 1
    return k >= 0 and found[k].start <= pos < found[k].end


def _other_name_between(text, tokens, tok_starts, lo, hi, sentence_starts, m_starts, found, places) -> bool:
    """A capitalised word between offsets ``lo`` and ``hi`` that is no mention, no known place and does not open a sentence."""
    for t in tokens[bisect.bisect_left(tok_starts, lo) : bisect.bisect_left(tok_starts, hi)]:
        word = text[t.start : t.end]
        if not word[:1].isupper() or t.norm in _NOT_NAMES or t.norm in places or t.start in sentence_starts:
            continue
        if _inside_mention(t.start, m_starts, found):
            continue
        return True
    return False


# "many families told us they ...": a plural noun after one of these words may be what "they" means.
_QUANTIFIERS = frozenset("many some most several few other these those both all two three four five dozens hundreds thousands".split())


def _other_group_between(text, tokens, tok_starts, lo, hi, sentence_starts, m_starts, found, places) -> bool:
    """A quantified plural noun ("many families", "some residents") between offsets ``lo`` and ``hi``."""
    span = tokens[bisect.bisect_left(tok_starts, lo) : bisect.bisect_left(tok_starts, hi)]
    for a, b in zip(span, span[1:]):
        if a.norm in _QUANTIFIERS and b.norm.endswith("s") and not b.norm.endswith("ss") and len(b.norm) > 3 \
                and not _inside_mention(b.start, m_starts, found):
            return True
    return False

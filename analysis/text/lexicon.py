"""Match word and phrase patterns (lexicons, target aliases) in text, with offsets, in linear time.

Pattern syntax (also in ``docs/researchers.md``, "Writing a lexicon"): a case-insensitive word or multi-word phrase; a trailing ``*``
matches any word ending (``provocat*``); typographic variants match (curly and straight quotes
and apostrophes; hyphen, space, en and em dash, so "blood-soaked" = "blood soaked" =
"blood–soaked"). Patterns are never regular expressions: punctuation in a pattern is either
tokenized away or must appear literally between the words.

Matching works on the tokens of :func:`analysis.text.tokens.tokenize`. Two consecutive words of a
phrase may be separated only by whitespace (line breaks included, but not a blank line) and
hyphens or dashes; any other character between them (a full stop, comma, colon, quotation
mark, bracket...) breaks the phrase, unless the pattern itself has that same punctuation
there (``Putin's regime`` requires the possessive, ``U.S.-backed`` = ``U.S. backed``).
Overlapping candidates are resolved leftmost first, then longest, and nothing is counted twice.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from itertools import compress
from operator import itemgetter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.tables.io import DELIMITER_NAMES, csv_delimiter
from analysis.text.choices import MORE_LINES, first_few
from analysis.text.tokens import Token, cased_word, cased_words, normalize_typography, token_span, tokenize, tokenize_plain

__all__ = [
    "Lexicon",
    "LexiconError",
    "LexiconMatch",
    "Match",
    "NEUTRAL",
    "ParsedPattern",
    "PatternError",
    "PatternMatcher",
    "PreparedText",
    "REQUIRED_COLUMNS",
    "parse_bool",
    "parse_pattern",
    "parse_row_pattern",
    "prepare_text",
    "read_csv_rows",
]

REQUIRED_COLUMNS = ("pattern", "category", "weight")
MAX_WEIGHT = 3.0
# Rows of this category are phrases that are *not* loaded language (conventional news phrasing,
# plain description; CODEBOOK.md "What is not coded"): a match of one hides the loaded entries it
# contains or overlaps ("escalating tensions" hides "escalating"). Their weight may be empty or 0.
NEUTRAL = "neutral"


class PatternError(ValueError):
    """A pattern that cannot be used; the message says why and how to fix it."""


class LexiconError(ValueError):
    """A lexicon file or table that cannot be used; the message names the file, line and fix."""


class Match(NamedTuple):
    """One pattern match: ``text[start:end]`` is the evidence, ``index`` the pattern's position."""

    start: int
    end: int
    index: int


class LexiconMatch(NamedTuple):
    """One lexicon match with the entry that produced it (``index`` is the entry's row)."""

    start: int
    end: int
    term: str
    category: str
    weight: float
    index: int


# ---------------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------------

# Characters allowed between two words of a phrase without breaking it (after typography
# normalisation every dash is "-"). Everything else in a gap is kept in the gap's key.
_GAP_DELETE = str.maketrans({c: None for c in " \t\r\f\v\u2028\u2029\u0085\u1680\u3000-"})
# A blank line in a gap between two words of a phrase: a line of any white space but line breaks, Unicode
# spaces included (so "\n\u3000\n" breaks a phrase, where "\n" and "\u3000" alone do not).
# tokens.BLANK_LINE (the blocks of sentence splitting and of long articles) takes only ASCII spaces and tabs, so
# a line of only "\u3000" is a paragraph break here and not there. One pattern for both could change the blocks
# (and so the scores) of texts with such lines; this session keeps every output, so the two stay, pinned by
# tests/test_lexicon.py::test_a_blank_line_of_unicode_spaces_breaks_a_phrase_but_is_no_blank_line_for_tokens.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_HAS_WORD = re.compile(r"[^\W_]")
# Characters that only make sense in a regular expression: refused, so that "corrupt(ion|ed)?"
# or "\bshameless\b" is not silently read as other words ("+" and "." stay: "C++", "U.S.").
_REGEX_LOOKING = re.compile(r"[()\[\]{}|\\^$?]")
NOT_REGEX = "patterns are words, not regular expressions"


def _gap_key(gap: str) -> str:
    """Key of the text between two words: ``""`` when it only holds spaces, line breaks, dashes.

    A blank line (paragraph break) counts as punctuation and keys as ``"¶"``.
    """
    if gap == " " or gap == "-":
        return ""
    if "\n" in gap:
        if _BLANK_LINE.search(gap):
            return "\u00b6"
        gap = gap.replace("\n", "")
    return gap.translate(_GAP_DELETE).lower()


_START, _END, _NORM = itemgetter(0), itemgetter(1), itemgetter(2)  # the fields of a Token

# Gaps between words repeat endlessly (" ", ", ", ". ", "\n\n"): their keys are remembered.
_GAP_KEYS: dict[str, str] = {" ": "", "-": ""}
_GAP_KEYS_MAX = 50_000


def _gap_keys(raw_gaps: list[str]) -> list[str]:
    cache = _GAP_KEYS
    out = list(map(cache.get, raw_gaps))  # nearly every gap is known: one pass in C
    if None in out:
        for k in [k for k, key in enumerate(out) if key is None]:
            g = raw_gaps[k]
            key = cache.get(g)
            if key is None:
                key = _gap_key(g)
                if len(cache) >= _GAP_KEYS_MAX:
                    cache.clear()
                    cache.update({" ": "", "-": ""})
                cache[g] = key
            out[k] = key
    return out


class PreparedText:
    """What every matcher needs from one text, computed once and shared by all of them.

    Build it with :func:`prepare_text`; pass it as ``prepared=`` to :meth:`PatternMatcher.find`,
    :meth:`Lexicon.find` and :meth:`analysis.measures.targets.Targets.find` to match several pattern sets
    against one article without redoing the tokenization and the gap keys.

    Attributes:
        text: The text.
        plain: ``normalize_typography(text)``.
        tokens: ``tokenize(text)``.
        norms: The tokens' keys.
        gaps: The key of the text between token ``k`` and ``k + 1``.
    """

    __slots__ = ("text", "plain", "tokens", "norms", "gaps", "raw_gaps", "_cased", "_starts", "_ends")

    def __init__(self, text: str, plain: str, tokens: Sequence[Token]) -> None:
        self.text = text
        self.plain = plain
        self.tokens = tokens
        # Built with map() over the token tuples' fields (no Python loop): the same lists.
        self.norms = list(map(_NORM, tokens))
        self._starts = starts = list(map(_START, tokens))
        self._ends = ends = list(map(_END, tokens))
        self.raw_gaps = list(map(plain.__getitem__, map(slice, ends, starts[1:])))
        self.gaps = _gap_keys(self.raw_gaps)
        self._cased: list[str] | None = None

    @property
    def starts(self) -> list[int]:
        """The tokens' start offsets."""
        return self._starts

    @property
    def cased(self) -> list[str]:
        """The tokens with their case kept (typography normalised; :func:`~analysis.text.tokens.cased_words`)."""
        if self._cased is None:
            self._cased = cased_words(self.plain, self.tokens)
        return self._cased

    def cased_word(self, k: int) -> str:
        """``cased[k]``, without building the list (a matcher looks at the case of a few tokens only)."""
        return cased_word(self.plain, self._starts[k], self._ends[k])

    def window(self, i: int, j: int) -> PreparedText:
        """Tokens ``i`` to ``j - 1`` as a PreparedText of the same text, their keys sliced (not made again).

        Matched, a window gives the matches of those tokens alone, at the text's offsets.
        """
        part = object.__new__(PreparedText)
        part.text, part.plain, part.tokens = self.text, self.plain, self.tokens[i:j]
        part.norms, part._starts, part._ends = self.norms[i:j], self._starts[i:j], self._ends[i:j]
        last_gap = max(i, j - 1)  # the gaps between tokens i..j-1
        part.raw_gaps, part.gaps = self.raw_gaps[i:last_gap], self.gaps[i:last_gap]
        part._cased = None
        return part

    def words_between(self, start: int, end: int) -> PreparedText:
        """The words of ``text[start:end]`` as a PreparedText of the same text (see :meth:`window`).

        Matched, it gives the matches of the cut text ``text[start:end]`` at the text's offsets:
        a window of these tokens, or, when a word runs across ``start`` or ``end``
        (:func:`analysis.text.tokens.token_span`), the cut text tokenized.
        """
        span = token_span(self.plain, self.tokens, self._starts, start, end)
        if span is not None:
            return self.window(*span)
        cut = [Token(t.start + start, t.end + start, t.norm) for t in tokenize_plain(self.plain[start:end])]
        return PreparedText(self.text, self.plain, cut)

    def hyphen_joined(self, k: int) -> bool:
        """True when token ``k`` is glued to token ``k - 1`` by hyphens only ("de-escalation")."""
        if k <= 0 or k >= len(self.tokens):
            return False
        g = self.raw_gaps[k - 1]
        return g != "" and not g.strip("-")


def prepare_text(text: str, tokens: Sequence[Token] | None = None, *, plain: str | None = None) -> PreparedText:
    """Tokenize ``text`` once for several matchers (see :class:`PreparedText`).

    Args:
        text: The text.
        tokens: ``tokenize(text)`` if already computed.
        plain: ``normalize_typography(text)`` if already computed.
    """
    if plain is None:
        plain = normalize_typography(text)
    if tokens is None:
        from analysis.text.tokens import tokenize_plain

        tokens = tokenize_plain(plain)
    return PreparedText(text, plain, tokens)


@dataclass(frozen=True)
class ParsedPattern:
    """A validated pattern split into matching keys.

    Attributes:
        pattern: The pattern as written (stripped).
        norms: Lower-cased, typography-normalised word keys.
        cased: The same words with their case kept (used by case-sensitive patterns).
        gaps: Key of the punctuation between word ``i`` and ``i + 1`` (``""`` for plain gaps).
        wildcard: True when the last word ends with ``*`` (any word ending).
        case_sensitive: Compare the words with their case.
    """

    pattern: str
    norms: tuple[str, ...]
    cased: tuple[str, ...]
    gaps: tuple[str, ...]
    wildcard: bool
    case_sensitive: bool

    @property
    def key(self) -> tuple:
        """Identity after normalisation: two patterns with the same key match the same text."""
        words = self.cased if self.case_sensitive else self.norms
        return (words, self.gaps, self.wildcard, self.case_sensitive)


def parse_pattern(pattern: str, *, case_sensitive: bool = False) -> ParsedPattern:
    """Validate a pattern and split it into matching keys.

    Args:
        pattern: A word or phrase, optionally ending with ``*``.
        case_sensitive: Match the words with their case (for acronyms such as "US").

    Returns:
        The parsed pattern.

    Raises:
        PatternError: For an empty pattern, a pattern without letters or digits, or a ``*``
            that is not at the very end, directly after a letter or digit.

    Example:
        >>> parse_pattern("Blood–soaked").norms
        ('blood', 'soaked')
    """
    if not isinstance(pattern, str):
        raise PatternError(f"pattern {pattern!r} is not text; write a word or phrase.")
    text = pattern.strip()
    if not text:
        raise PatternError("empty pattern; write a word or phrase, or remove the row.")
    wildcard = text.endswith("*")
    body = text[:-1] if wildcard else text
    if "*" in body:
        raise PatternError(
            f"pattern {text!r}: '*' is only allowed once, at the end of the last word (as in 'provocat*'); {NOT_REGEX}."
        )
    if not _HAS_WORD.search(body):
        raise PatternError(f"pattern {text!r} has no letters or digits; a pattern must contain at least one word.")
    looks = _REGEX_LOOKING.search(text)
    if looks:
        raise PatternError(
            f"pattern {text!r}: {looks.group()!r} looks like regular-expression syntax; {NOT_REGEX}. "
            "Write each variant as its own row ('corruption', 'corrupted') and 'word*' for any ending."
        )
    plain = normalize_typography(body)
    tokens = tokenize(body)
    if wildcard and (tokens[-1].end != len(body) or tokens[-1].norm.endswith(".")):
        raise PatternError(
            f"pattern {text!r}: '*' must directly follow a letter or digit (write 'provocat*', not 'provocat *')."
        )
    gaps = tuple(_gap_key(plain[a.end : b.start]) for a, b in zip(tokens, tokens[1:]))
    cased = tuple(cased_words(plain, tokens))
    return ParsedPattern(
        pattern=text,
        norms=tuple(t.norm for t in tokens),
        cased=cased,
        gaps=gaps,
        wildcard=wildcard,
        case_sensitive=bool(case_sensitive),
    )


# ---------------------------------------------------------------------------------------------
# Matcher
# ---------------------------------------------------------------------------------------------


class _FirstSteps(dict):
    """word -> :meth:`PatternMatcher._first_step` of the word, computed on first use."""

    def __init__(self, matcher: "PatternMatcher") -> None:
        super().__init__()
        self._step = matcher._first_step

    def __missing__(self, word: str):
        value = self._step(word)
        self[word] = value
        return value


class _Node:
    """A token-trie node. Edges are keyed by (gap key, word key); gap key is "" at the root."""

    __slots__ = ("children", "exact", "wild", "wild_lengths", "exact_first")

    def __init__(self) -> None:
        self.children: dict[tuple[str, str], _Node] = {}
        # Patterns ending at this node: list of (pattern index, parsed pattern).
        self.exact: list[tuple[int, ParsedPattern]] = []
        # Wildcard last words hanging off this node: (gap key, prefix) -> patterns.
        self.wild: dict[tuple[str, str], list[tuple[int, ParsedPattern]]] = {}
        self.wild_lengths: tuple[int, ...] = ()
        # :func:`_first_index` of ``exact`` (set by ``PatternMatcher._finalize``).
        self.exact_first: int | None = -1


def _first_index(entries: list[tuple[int, ParsedPattern]]) -> int | None:
    """The pattern index a list of candidates (sorted by :func:`_priority`) gives without looking
    at the case of the words: -1 for no candidate, the first one's index when it ignores case,
    None when it is case-sensitive (then each candidate's case is checked in turn)."""
    if not entries:
        return -1
    index, parsed = entries[0]
    return None if parsed.case_sensitive else index


def _priority(entry: tuple[int, ParsedPattern]) -> tuple[int, int]:
    """Among patterns matching the same span: case-sensitive first, then the earliest index."""
    index, parsed = entry
    return (0 if parsed.case_sensitive else 1, index)


class PatternMatcher:
    """Find many word/phrase patterns in text at once (a token trie; linear in text length).

    Args:
        patterns: Patterns in the lexicon syntax (see :func:`parse_pattern`).
        case_sensitive: Optional flag per pattern; default all False.

    Raises:
        PatternError: Naming the pattern's position when a pattern is invalid.

    Example:
        >>> m = PatternMatcher(["provocat*", "so-called"])
        >>> text = "A so called “provocation”."
        >>> [(text[s:e], i) for s, e, i in m.find(text)]
        [('so called', 1), ('provocation', 0)]
    """

    def __init__(self, patterns: Sequence[str], *, case_sensitive: Sequence[bool] | None = None) -> None:
        patterns = list(patterns)
        if case_sensitive is None:
            flags = [False] * len(patterns)
        else:
            flags = [bool(f) for f in case_sensitive]
            if len(flags) != len(patterns):
                raise PatternError(
                    f"case_sensitive has {len(flags)} values for {len(patterns)} patterns; give one flag per pattern."
                )
        parsed = []
        for i, (pattern, flag) in enumerate(zip(patterns, flags)):
            try:
                parsed.append(parse_pattern(pattern, case_sensitive=flag))
            except PatternError as err:
                raise PatternError(f"pattern {i}: {err}") from None
        self._build(parsed)

    @classmethod
    def from_parsed(cls, parsed: Sequence[ParsedPattern]) -> PatternMatcher:
        """Build a matcher from patterns already parsed with :func:`parse_pattern`."""
        matcher = cls.__new__(cls)
        matcher._build(list(parsed))
        return matcher

    def _build(self, parsed: list[ParsedPattern]) -> None:
        self.patterns: tuple[ParsedPattern, ...] = tuple(parsed)
        self._root = _Node()
        self._max_len = 0
        for i, p in enumerate(parsed):
            self._insert(i, p)
        self._finalize(self._root)
        self._any_cased = any(p.case_sensitive for p in self.patterns)
        self._first = _FirstSteps(self)

    # The first step from the root depends only on the word: it is remembered per word (a
    # bounded cache, emptied when full), so most tokens cost one dictionary look-up.
    _FIRST_MAX = 100_000

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        del state["_first"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._first = _FirstSteps(self)

    def _first_step(self, word: str) -> tuple | None:
        """``(candidate lists in the order they are tried, child node, first index, next words)`` for a
        first word, or None."""
        root = self._root
        lists = []
        for length in root.wild_lengths:
            if length > len(word):
                break
            entries = root.wild.get(("", word[:length]))
            if entries:
                lists.append(entries)
        child = root.children.get(("", word))
        if child is not None and child.exact:
            lists.append(child.exact)
        if not lists and child is None:
            return None
        # The last list with a candidate taken wins: when the first candidate of the last list
        # ignores case, that one, known now (-1: no list; None: check the case of each).
        first = _first_index(lists[-1]) if lists else -1
        if child is not None and not child.children and not child.wild:
            child = None  # nothing can follow: no walk
        # A word that matches nothing by itself but starts phrases ("the" of "the so-called ..."):
        # the words that can follow it, so that find() passes it by when the next word is none of
        # them (most of the time: "the" is a third of a lexicon's candidates).
        nexts = frozenset(word for _gap, word in child.children) if not lists and child is not None and not child.wild else None
        return (lists, child, first, nexts)

    def __len__(self) -> int:
        return len(self.patterns)

    def __repr__(self) -> str:
        return f"PatternMatcher({len(self.patterns)} patterns)"

    def _insert(self, index: int, p: ParsedPattern) -> None:
        node = self._root
        n = len(p.norms)
        self._max_len = max(self._max_len, n)
        last = n - 1 if p.wildcard else n
        for k in range(last):
            edge = (p.gaps[k - 1] if k else "", p.norms[k])
            node = node.children.setdefault(edge, _Node())
        if p.wildcard:
            edge = (p.gaps[n - 2] if n > 1 else "", p.norms[-1])
            node.wild.setdefault(edge, []).append((index, p))
        else:
            node.exact.append((index, p))

    def _finalize(self, node: _Node) -> None:
        stack = [node]
        while stack:
            nd = stack.pop()
            nd.exact.sort(key=_priority)
            for entries in nd.wild.values():
                entries.sort(key=_priority)
            nd.wild_lengths = tuple(sorted({len(prefix) for _, prefix in nd.wild}))
            nd.exact_first = _first_index(nd.exact)
            stack.extend(nd.children.values())

    @staticmethod
    def _cased_ok(p: ParsedPattern, prepared: PreparedText, i: int) -> bool:
        """True when ``p`` ignores case or the tokens from ``i`` on have its words' case."""
        if not p.case_sensitive:
            return True
        word = prepared.cased_word
        n = len(p.cased)
        for k in range(n - 1):
            if word(i + k) != p.cased[k]:
                return False
        last = word(i + n - 1)
        return last.startswith(p.cased[-1]) if p.wildcard else last == p.cased[-1]

    def find(
        self,
        text: str,
        tokens: Sequence[Token] | None = None,
        *,
        within_compounds: bool = True,
        prepared: PreparedText | None = None,
    ) -> list[Match]:
        """Find the patterns in ``text``.

        Args:
            text: The text to search (never changed).
            tokens: ``tokenize(text)`` if already computed (saves the work).
            within_compounds: If False, a match may not start or end inside a hyphenated
                compound: "escalation" does not match in "de-escalation", nor "violent" in
                "non-violent" (a pattern for the whole compound still matches it).
            prepared: :func:`prepare_text` of ``text``, shared by several matchers (then
                ``tokens`` is ignored).

        Returns:
            Non-overlapping matches in text order; at each position the longest match wins
            (ties: a case-sensitive pattern, then the pattern listed first).
        """
        if prepared is None:
            if not self.patterns:
                return []
            prepared = prepare_text(text, tokens)
        norms = prepared.norms
        n_tok = len(norms)
        if not n_tok or not self.patterns:
            return []
        tokens = prepared.tokens
        gaps = prepared.gaps
        cased = prepared if self._any_cased else None  # for _cased_ok; None: no pattern minds case
        first = self._first
        if len(first) >= self._FIRST_MAX:
            first.clear()
        steps = list(map(first.__getitem__, norms))
        max_len = self._max_len
        cased_ok = self._cased_ok
        out: list[Match] = []
        free = 0  # tokens before this one are inside an earlier match
        for i in compress(range(n_tok), steps):  # the tokens a pattern starts with
            if i < free:
                continue
            lists, node, index, nexts = steps[i]
            if nexts is not None and (i + 1 == n_tok or norms[i + 1] not in nexts):
                continue  # it matches nothing alone, and the next word cannot continue it
            if index is None:  # a case-sensitive candidate: check each in turn
                best: tuple[int, int] | None = None  # (last token index, pattern index)
                for entries in lists:
                    for index, p in entries:
                        if cased_ok(p, cased, i):
                            best = (i, index)
                            break
            else:
                best = (i, index) if index >= 0 else None
            j = i + 1
            stop = i + max_len if i + max_len < n_tok else n_tok
            while node is not None and j < stop:
                gap = gaps[j - 1]
                if node.wild_lengths:
                    word = norms[j]
                    for length in node.wild_lengths:
                        if length > len(word):
                            break
                        entries = node.wild.get((gap, word[:length]))
                        if entries:
                            for index, p in entries:
                                if cased is None or cased_ok(p, cased, i):
                                    best = (j, index)
                                    break
                node = node.children.get((gap, norms[j]))
                if node is not None:
                    index = node.exact_first
                    if index is None:
                        for index, p in node.exact:
                            if cased_ok(p, cased, i):
                                best = (j, index)
                                break
                    elif index >= 0:
                        best = (j, index)
                j += 1
            if best is None:
                continue
            last, index = best
            if not within_compounds and (prepared.hyphen_joined(i) or prepared.hyphen_joined(last + 1)):
                continue
            out.append(Match(tokens[i].start, tokens[last].end, index))
            free = last + 1
        return out


# ---------------------------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------------------------

_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0", ""}
_CATEGORY = re.compile(r"^[a-z][a-z0-9_]*$")


def parse_bool(value: object) -> bool:
    """Read a CSV flag: true/false, yes/no, 1/0 (any case); empty or missing is False.

    Raises:
        ValueError: For any other value.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{value!r} is not a true/false value")


def parse_row_pattern(frame: pd.DataFrame, row: int, pattern: str, where: str, errors: list[str], *,
                      cells=None) -> tuple[bool, ParsedPattern | None]:
    """Parse the pattern of one row of a pattern file, with the row's ``case_sensitive`` flag.

    Shared by the lexicon, targets and organisation files. A problem is appended to ``errors``
    (prefixed with ``where``, the file and line) so that a file's problems are reported together.
    ``cells``: :func:`_column_cells` of the ``case_sensitive`` column, when the caller reads every row
    (the same values as ``frame.at[row, "case_sensitive"]``, without a look-up per row).

    Returns:
        ``(case_sensitive, parsed pattern)``; the pattern is None when it cannot be parsed.
    """
    flag = False
    if "case_sensitive" in frame.columns:
        value = frame.at[row, "case_sensitive"] if cells is None else cells[row]
        try:
            flag = parse_bool(value)
        except ValueError:
            errors.append(f"{where}: case_sensitive {value!r} must be true or false (or empty).")
    try:
        return flag, parse_pattern(pattern, case_sensitive=flag)
    except PatternError as err:
        errors.append(f"{where}: {err}")
        return flag, None


def _column_cells(frame: pd.DataFrame, column: str):
    """The cells of ``frame[column]`` by position: ``cells[k]`` is ``frame.at[k, column]`` (a
    0..n-1 index), the same value and type, without pandas' look-up per cell. None when the
    table has no such column.
    """
    if column not in frame.columns:
        return None
    return frame[column].array


def read_csv_rows(path: str | Path) -> tuple[pd.DataFrame, list[int]]:
    """Read a small UTF-8 CSV as strings and remember each row's line number.

    Args:
        path: The CSV file (a header row first). A byte-order mark is allowed, and fields
            separated by semicolons or tabs are read as such when the header says so
            (:func:`analysis.tables.io.csv_delimiter`: a spreadsheet saved in a language whose
            decimal mark is a comma).

    Returns:
        The table (all values ``str``) and, per row, the file line it starts on (the header is
        line 1). Blank lines are skipped.

    Raises:
        LexiconError: When the file is missing, not UTF-8, empty, or a row has too many fields.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LexiconError(f"{path}: no such file. Give the path of a lexicon CSV.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise LexiconError(
            f"{path}: not valid UTF-8 (byte 0x{raw[err.start]:02x} at byte offset {err.start}, line {line}). If it was saved "
            "on Windows or by Excel, save it as \"CSV UTF-8\", or convert it: iconv -f windows-1252 -t utf-8 IN > OUT."
        ) from None
    header_line = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = csv_delimiter(header_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    prev_line = 0
    for record in reader:
        start_line = prev_line + 1
        prev_line = reader.line_num
        if not record or all(not field.strip() for field in record):
            continue
        if header is None:
            header = [h.strip() for h in record]
            continue
        if len(record) > len(header):
            raise LexiconError(
                f"{path}, line {start_line}: {len(record)} fields but the header has {len(header)}. "
                f"Quote values that contain {DELIMITER_NAMES[delimiter]}."
            )
        rows.append(record + [""] * (len(header) - len(record)))
        lines.append(start_line)
    if header is None:
        raise LexiconError(f"{path}: the file is empty. A lexicon needs a header row: pattern,category,weight,...")
    return pd.DataFrame(rows, columns=header, dtype=str) if rows else pd.DataFrame(columns=header, dtype=str), lines


class PatternTable:
    """A validated table of patterns, one row per pattern, with its :class:`PatternMatcher`.

    The base of :class:`Lexicon`, :class:`~analysis.measures.targets.Targets` and
    :class:`~analysis.measures.stance.StanceCues`: each says how its rows are validated
    (``validate(frame, source, lines) -> (entries, parsed patterns)``).

    Attributes:
        entries: The validated table.
        source: Where the entries came from (file path or a label), used in messages.
        matcher: The :class:`PatternMatcher` over the parsed patterns, one per row of ``entries``.
    """

    validate = None  # set by each subclass

    def __init__(self, entries: pd.DataFrame, *, source: str, lines: Sequence[int] | None = None) -> None:
        entries = entries.reset_index(drop=True)
        if lines is None:
            lines = [i + 2 for i in range(len(entries))]
        self.source = str(source)
        self.entries, parsed = type(self).validate(entries, self.source, list(lines))
        self.matcher = PatternMatcher.from_parsed(parsed)


class Lexicon(PatternTable):
    """A validated loaded-language lexicon: patterns with a category and a weight.

    Build it with :meth:`from_csv` or :meth:`from_frame`. Required columns: ``pattern``,
    ``category`` (lower-case letters, digits, ``_``; it becomes the column ``loaded_<category>``)
    and ``weight`` (a number in (0, 3]). Optional ``case_sensitive`` (true/false, default false).
    Any other column (``provenance``, ``note``...) is kept in :attr:`entries`.

    Rows of category ``neutral`` (weight empty or 0) list phrasing that is not loaded language
    ("escalating tensions", "closed-door meeting"): they are matched like the others, so the
    longest match wins, and a neutral match is never reported, which hides the loaded words in it.

    Attributes:
        entries: The lexicon table, one row per entry, ``weight`` as float and
            ``case_sensitive`` as bool.
        source: Where the entries came from (file path or a label), used in messages.
        matcher: The :class:`PatternMatcher` over ``entries["pattern"]``.
    """

    @staticmethod
    def validate(frame: pd.DataFrame, source: str, lines: list[int]):
        return _validate(frame, source, lines)

    def __init__(self, entries: pd.DataFrame, *, source: str = "<lexicon>", lines: Sequence[int] | None = None) -> None:
        super().__init__(entries, source=source, lines=lines)
        self._terms = self.entries["pattern"].tolist()
        self._categories = self.entries["category"].tolist()
        self._weights = self.entries["weight"].tolist()
        self._neutral = frozenset(i for i, c in enumerate(self._categories) if c == NEUTRAL)

    @classmethod
    def from_csv(cls, path: str | Path) -> Lexicon:
        """Read and validate a lexicon CSV.

        Args:
            path: A UTF-8 CSV with at least ``pattern, category, weight``.

        Raises:
            LexiconError: Naming the file and line for every problem found (all of them).
        """
        frame, lines = read_csv_rows(path)
        return cls(frame, source=str(path), lines=lines)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, source: str = "<frame>") -> Lexicon:
        """Validate a lexicon table (row ``i`` is reported as line ``i + 2``, as in a CSV).

        Args:
            frame: A table with at least ``pattern, category, weight``.
            source: A label for error messages.
        """
        return cls(frame, source=source)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Lexicon({self.source!r}, {len(self)} entries, categories={list(self.categories)})"

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories of the lexicon, sorted (``neutral`` rows are not a category)."""
        return tuple(sorted(set(self._categories) - {NEUTRAL}))

    def counts(self) -> dict:
        """What the study's results record of the lexicon: ``n_patterns`` (rows, ``neutral`` ones included),
        ``categories``, ``n_by_category`` (rows per category, ``neutral`` too) and ``n_by_provenance`` (rows per
        ``provenance``; empty without that column), both sorted by name.

        Example:
            >>> lex = Lexicon.from_frame(pd.DataFrame({"pattern": ["a", "b", "c"], "category": ["x", "y", "x"], "weight": [1, 1, 1],
            ...                                        "provenance": ["hand", "vader", "hand"]}))
            >>> lex.counts()
            {'n_patterns': 3, 'categories': ['x', 'y'], 'n_by_category': {'x': 2, 'y': 1}, 'n_by_provenance': {'hand': 2, 'vader': 1}}
        """
        entries = self.entries
        return {"n_patterns": len(entries), "categories": list(self.categories),
                "n_by_category": entries["category"].value_counts().sort_index().to_dict(),
                "n_by_provenance": entries["provenance"].astype(str).value_counts().sort_index().to_dict()
                if "provenance" in entries.columns else {}}

    def find(
        self, text: str, tokens: Sequence[Token] | None = None, *, prepared: PreparedText | None = None
    ) -> list[LexiconMatch]:
        """Find the lexicon's entries in ``text`` (see :meth:`PatternMatcher.find`).

        Args:
            text: The text to search.
            tokens: ``tokenize(text)`` if already computed.
            prepared: :func:`prepare_text` of ``text`` if already computed.

        Returns:
            Non-overlapping matches in text order with their term, category and weight. A
            match never starts or ends inside a hyphenated compound ("escalation" is not
            found in "de-escalation"); list the compound itself to match it. Matches of
            ``neutral`` rows are left out (with the loaded words they cover).
        """
        neutral = self._neutral
        return [
            LexiconMatch(m.start, m.end, self._terms[m.index], self._categories[m.index], self._weights[m.index], m.index)
            for m in self.matcher.find(text, tokens, within_compounds=False, prepared=prepared)
            if m.index not in neutral
        ]



def entry_weight(raw, category: str) -> float:
    """The weight of a lexicon row as its cell reads (NaN when it is no valid weight): a number greater than 0 and at
    most :data:`MAX_WEIGHT`, or 0 (or empty) for a :data:`NEUTRAL` row.

    Example:
        >>> entry_weight("1.5", "loaded_wording"), entry_weight("", "neutral"), entry_weight("high", "loaded_wording")
        (1.5, 0.0, nan)
    """
    text = str(raw).strip()
    if category == NEUTRAL and text in ("", "0", "0.0", "nan", "None"):
        return 0.0
    try:
        weight = float(text)
    except ValueError:
        return float("nan")
    return weight if (0 < weight <= MAX_WEIGHT or (category == NEUTRAL and weight == 0)) else float("nan")


def weight_problem(raw) -> str:
    """What is wrong with a weight that :func:`entry_weight` refuses."""
    hint = ""
    if isinstance(raw, str) and re.fullmatch(r"\s*\d*,\d+\s*", raw):  # a spreadsheet's decimal comma
        hint = f" (write the decimal mark as a point: {raw.strip().replace(',', '.')})"
    return f"weight {raw!r} must be a number greater than 0 and at most {MAX_WEIGHT:g}{hint}"


def _validate(frame: pd.DataFrame, source: str, lines: list[int]) -> tuple[pd.DataFrame, list[ParsedPattern]]:
    columns = [str(c).strip() for c in frame.columns]
    frame = frame.copy()
    frame.columns = columns
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise LexiconError(
            f"{source}: missing column(s) {', '.join(missing)} (columns are: {', '.join(columns) or 'none'}). "
            "A lexicon needs the columns pattern,category,weight (plus provenance columns)."
        )
    twice = [c for c in (*REQUIRED_COLUMNS, "case_sensitive") if columns.count(c) > 1]
    if twice:
        raise LexiconError(f"{source}: column(s) {', '.join(twice)} appear more than once in the header; keep one of each.")
    errors: list[str] = []
    parsed: list[ParsedPattern] = []
    weights: list[float] = []
    flags: list[bool] = []
    seen: dict[tuple, int] = {}
    has_cs = "case_sensitive" in columns
    patterns, categories, raw_weights = (_column_cells(frame, c) for c in REQUIRED_COLUMNS)
    case_cells = _column_cells(frame, "case_sensitive")
    for row, line in enumerate(lines):
        where = f"{source}, line {line}"
        pattern = patterns[row]
        pattern = "" if pattern is None or (isinstance(pattern, float) and math.isnan(pattern)) else str(pattern)
        category = categories[row]
        category = "" if category is None or (isinstance(category, float) and math.isnan(category)) else str(category).strip()
        if not _CATEGORY.match(category):
            errors.append(
                f"{where}: category {category!r} must be lower-case letters, digits and '_' (it becomes the column loaded_<category>)."
            )
        raw_weight = raw_weights[row]
        weight = entry_weight(raw_weight, category)
        if math.isnan(weight):
            errors.append(f"{where}: {weight_problem(raw_weight)}.")
        weights.append(weight)
        flag, p = parse_row_pattern(frame, row, pattern, where, errors, cells=case_cells)
        flags.append(flag)
        parsed.append(p)  # type: ignore[arg-type]
        if p is None:
            continue
        first = seen.get(p.key)
        if first is not None:
            errors.append(
                f"{where}: pattern {p.pattern!r} duplicates line {first} (same words after normalisation); "
                "keep one row and remove the other."
            )
        else:
            seen[p.key] = line
    if errors:
        raise LexiconError(f"{len(errors)} problem(s) in the lexicon:\n" + first_few(errors, 20, sep="\n", more=MORE_LINES))
    frame["pattern"] = [p.pattern for p in parsed]
    frame["category"] = [str(c).strip() for c in frame["category"]]
    frame["weight"] = pd.Series(weights, dtype="float64")
    if has_cs:
        frame["case_sensitive"] = pd.Series(flags, dtype="bool")
    return frame, parsed

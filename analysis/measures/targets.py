"""Actors whose portrayal is scored (targets), their aliases, and where articles mention them.

A targets table has one row per alias: ``target`` (the actor), ``pattern`` (the alias, in the
lexicon pattern syntax of :mod:`analysis.text.lexicon`), optional ``case_sensitive`` (true for
acronyms such as "US", so the pronoun "us" is not a mention) and any provenance columns
(``note``). Rows whose target is ``IGNORE`` name things that contain an alias but are not the
actor ("Washington Post"): they are matched, so the alias inside them is not counted, and then
dropped.

Overlaps are resolved by :class:`analysis.text.lexicon.PatternMatcher`: leftmost first, then
longest, so "Kyiv regime" is one mention, not "Kyiv" plus a word. Two aliases that match the
same words are a tie: a case-sensitive alias wins, then an exact alias over a ``*`` alias, then
the row listed first in the file. Finally, a mention of a person's name directly after a mention of the same target,
separated only by spaces, a possessive and at most three capitalised words, is merged with it
("Ukrainian President" + "Volodymyr Zelenskyy", "France's President Emmanuel Macron",
"British Prime Minister Kir Starmer"): one mention of the person, not two.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.text.choices import MORE_LINES, first_few
from analysis.text.lexicon import LexiconError, PatternTable, parse_row_pattern, read_csv_rows
from analysis.text.tokens import Token, normalize_typography, sentences, tokenize

__all__ = [
    "IGNORE",
    "MENTION_COLUMNS",
    "TargetMatch",
    "Targets",
    "TargetsError",
    "find_mentions",
]

IGNORE = "IGNORE"
MENTION_COLUMNS = ["id", "target", "start", "end", "text", "alias", "sentence_start", "sentence_end"]
_MAX_MERGE_WORDS = 3
# Between two mentions of the same target: optional possessive, then capitalised words only.
_MERGE_GAP = re.compile(r"^(?:'s|')?(?:[^\S\n]+[A-Z][\w.'-]*){0,%d}[^\S\n]+$" % _MAX_MERGE_WORDS)


class TargetsError(LexiconError):
    """A targets file or table that cannot be used; the message names the file, line and fix."""


class TargetMatch(NamedTuple):
    """One mention of a target: ``text[start:end]``, the target and the alias(es) that matched."""

    start: int
    end: int
    target: str
    alias: str


class Targets(PatternTable):
    """A validated set of targets (actors) with their aliases.

    Build it with :meth:`from_csv`, :meth:`from_frame` or :meth:`from_dict`.

    Attributes:
        entries: The alias table, one row per alias, in file order, ``case_sensitive`` as bool.
        names: The target names in order of first appearance (``IGNORE`` left out).
        source: Where the aliases came from (file path or label), used in messages.

    Example:
        >>> t = Targets.from_dict({"Ukraine": ["Ukraine", "Kyiv"], "Russia": ["Russia"]})
        >>> [(m.target, m.alias) for m in t.find("Kyiv and Russia")]
        [('Ukraine', 'Kyiv'), ('Russia', 'Russia')]
    """

    @staticmethod
    def validate(frame: pd.DataFrame, source: str, lines: list[int]):
        return _validate(frame, source, lines)

    def __init__(self, entries: pd.DataFrame, *, source: str = "<targets>", lines: Sequence[int] | None = None) -> None:
        super().__init__(entries, source=source, lines=lines)
        self._targets = self.entries["target"].tolist()
        self._patterns = self.entries["pattern"].tolist()
        self.names: tuple[str, ...] = tuple(dict.fromkeys(t for t in self._targets if t != IGNORE))

    @classmethod
    def from_csv(cls, path: str | Path) -> Targets:
        """Read and validate a targets CSV (``target, pattern`` + optional ``case_sensitive``, notes).

        Raises:
            TargetsError: Naming the file and line of every problem found.
        """
        try:
            frame, lines = read_csv_rows(path)
        except LexiconError as err:
            raise TargetsError(str(err).replace("lexicon", "targets file")) from None
        return cls(frame, source=str(path), lines=lines)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, source: str = "<frame>") -> Targets:
        """Validate a targets table (row ``i`` is reported as line ``i + 2``, as in a CSV)."""
        return cls(frame, source=source)

    @classmethod
    def from_dict(cls, aliases: Mapping[str, Sequence[str]], *, case_sensitive: Sequence[str] = ()) -> Targets:
        """Build targets from ``{target: [alias, ...]}`` (handy in tests and notebooks).

        Args:
            aliases: Aliases per target, in priority order.
            case_sensitive: Aliases to match with their case (e.g. ``["US"]``).
        """
        rows = [(t, p, p in case_sensitive) for t, ps in aliases.items() for p in ps]
        return cls(pd.DataFrame(rows, columns=["target", "pattern", "case_sensitive"]), source="<dict>")

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Targets({self.source!r}, {len(self.names)} targets, {len(self)} aliases)"

    def find(self, text: str, tokens: Sequence[Token] | None = None, *, prepared=None) -> list[TargetMatch]:
        """Find the mentions of every target in ``text``.

        Args:
            text: The text to search (never changed).
            tokens: ``tokenize(text)`` if already computed.
            prepared: :func:`analysis.text.lexicon.prepare_text` of ``text`` if already computed.

        Returns:
            Non-overlapping mentions in text order, ``IGNORE`` matches left out, adjacent
            mentions of one person merged (see the module docstring).
        """
        out: list[TargetMatch] = []
        plain: str | None = prepared.plain if prepared is not None else None
        for m in self.matcher.find(text, tokens, prepared=prepared):
            target = self._targets[m.index]
            if target == IGNORE:
                continue
            alias = self._patterns[m.index]
            if out and out[-1].target == target:
                prev = out[-1]
                if plain is None:
                    plain = normalize_typography(text)
                if _MERGE_GAP.match(plain[prev.end : m.start]) and _looks_like_name(plain[m.start : m.end]):
                    out[-1] = TargetMatch(prev.start, m.end, target, f"{prev.alias} + {alias}")
                    continue
            out.append(TargetMatch(m.start, m.end, target, alias))
        return out


def _looks_like_name(text: str) -> bool:
    """True when every word of a mention is capitalised ("Vladimir Putin", not "Coalition of the Willing")."""
    return all(word[:1].isupper() for word in re.findall(r"[^\W\d_][\w'.]*", text))


def _clean(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _validate(frame: pd.DataFrame, source: str, lines: list[int]):
    columns = [str(c).strip() for c in frame.columns]
    frame = frame.copy()
    frame.columns = columns
    missing = [c for c in ("target", "pattern") if c not in columns]
    if missing:
        raise TargetsError(
            f"{source}: missing column(s) {', '.join(missing)} (columns are: {', '.join(columns) or 'none'}). "
            "A targets file needs the columns target,pattern (one row per alias), plus an optional "
            "case_sensitive column and provenance notes."
        )
    errors: list[str] = []
    parsed = []
    flags = []
    seen: dict[tuple, tuple[int, str]] = {}
    for row, line in enumerate(lines):
        where = f"{source}, line {line}"
        target = _clean(frame.at[row, "target"])
        pattern = _clean(frame.at[row, "pattern"])
        if not target:
            errors.append(f"{where}: empty target. Name the actor this alias stands for (or {IGNORE} for a non-actor).")
        flag, p = parse_row_pattern(frame, row, pattern, where, errors)
        flags.append(flag)
        parsed.append(p)
        if p is None:
            continue
        first = seen.get(p.key)
        if first is not None:
            other_line, other_target = first
            same = "the same target" if other_target == target else f"target {other_target!r}"
            errors.append(
                f"{where}: alias {p.pattern!r} ({target}) duplicates line {other_line} ({same}) after normalisation; "
                "an alias can stand for one target only: keep one row."
            )
        else:
            seen[p.key] = (line, target)
        frame.at[row, "target"] = target
    if not lines and not errors:
        errors.append(f"{source}: no aliases. Add rows like: Ukraine,Kyiv")
    if errors:
        raise TargetsError(f"{len(errors)} problem(s) in the targets:\n" + first_few(errors, 20, sep="\n", more=MORE_LINES))
    frame["pattern"] = [p.pattern for p in parsed]
    frame["case_sensitive"] = pd.Series(flags, dtype="bool")
    return frame, parsed


def _sentence_of(starts: list[int], spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    k = bisect.bisect_right(starts, offset) - 1
    if k < 0:
        return (offset, offset)
    return spans[k]


def find_mentions(corpus: pd.DataFrame, targets: Targets) -> pd.DataFrame:
    """Every mention of every target in a corpus, with offsets and the sentence around it.

    Args:
        corpus: The corpus table (``id`` and ``text``).
        targets: The targets to find.

    Returns:
        One row per mention, sorted by ``id`` then ``start``, with columns ``id, target, start,
        end, text, alias, sentence_start, sentence_end`` (``text[start:end]`` is the mention;
        ``alias`` is the matching pattern, ``A + B`` for merged mentions).

    Example:
        >>> corpus = pd.DataFrame({"id": ["a"], "text": ["Kyiv’s allies met. Moscow objected."]})
        >>> find_mentions(corpus, Targets.from_dict({"Ukraine": ["Kyiv"], "Russia": ["Moscow"]}))[["target", "start", "end"]].values.tolist()
        [['Ukraine', 0, 4], ['Russia', 19, 25]]
    """
    rows = []
    for ident, text in zip(corpus["id"], corpus["text"]):
        tokens = tokenize(text)
        found = targets.find(text, tokens)
        if not found:
            continue
        spans = sentences(text)
        starts = [s for s, _ in spans]
        for m in found:
            s_start, s_end = _sentence_of(starts, spans, m.start)
            rows.append((str(ident), m.target, m.start, m.end, text[m.start : m.end], m.alias, s_start, s_end))
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    frame = frame.astype({"start": "int64", "end": "int64", "sentence_start": "int64", "sentence_end": "int64"})
    return frame.sort_values(["id", "start"], kind="stable").reset_index(drop=True)

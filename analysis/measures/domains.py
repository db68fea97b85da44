"""Domain packs for the loaded-language lexicon: a core lexicon plus packs chosen by name or by the corpus's vocabulary.

A pack (``data/lexicons/domains/<name>.csv``, the lexicon format) holds loaded terms particular to
a domain and, as ``neutral`` rows, words that are plain description there ("plummeted" in market
news, "deadly" in health news): a neutral row of a pack replaces the core row with the same
pattern. ``indicators.csv`` (``domain, pattern``) lists plain vocabulary of each domain; with
``auto``, a pack is used when its indicators occur at least :data:`MIN_PER_1K` times per 1,000
words in the corpus (or a sample of it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.text.article import long_text_blocks
from analysis.text.lexicon import Lexicon, LexiconError, PatternMatcher, parse_pattern, read_csv_rows
from analysis.text.tokens import tokenize

__all__ = ["AUTO_SAMPLE", "DOMAINS_DIR", "MIN_PER_1K", "PACKS", "DomainError", "choose_domains", "detect_domains", "parse_domains",
           "with_packs"]

DOMAINS_DIR = paths.LEXICONS / "domains"
PACKS = ("war", "politics", "economy", "health")
MIN_PER_1K = 3.0
# With ``auto``, the packs are chosen from the vocabulary of the corpus's first articles (in reading order).
AUTO_SAMPLE = 1000


class DomainError(ValueError):
    """A ``--domain`` value or pack that cannot be used; the message says what to write instead."""


def parse_domains(value: str) -> list[str] | None:
    """Read a ``--domain`` value: ``auto`` (None), ``core`` (no pack), or packs separated by commas.

    Example:
        >>> parse_domains("economy,war"), parse_domains("core"), parse_domains("auto")
        (['war', 'economy'], [], None)
    """
    text = (value or "").strip().lower()
    if text in ("", "auto"):
        return None
    if text in ("core", "none"):
        return []
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in PACKS]
    if unknown:
        raise DomainError(f"--domain: unknown pack(s) {', '.join(unknown)}; write auto, core, or some of "
                          f"{', '.join(PACKS)} separated by commas.")
    return [p for p in PACKS if p in names]


def with_packs(lexicon: Lexicon, packs: Sequence[str], *, folder: Path = DOMAINS_DIR) -> Lexicon:
    """The core lexicon plus the rows of ``packs``; a pack row replaces a core row with the same pattern.

    Args:
        lexicon: The core lexicon.
        packs: Pack names (see :data:`PACKS`).
        folder: Where the pack CSVs are.

    Raises:
        LexiconError: For a missing or invalid pack file.
    """
    if not packs:
        return lexicon
    frames = []
    for name in packs:
        frame, _ = read_csv_rows(Path(folder) / f"{name}.csv")
        Lexicon(frame, source=str(Path(folder) / f"{name}.csv"))  # validate the pack on its own, with its line numbers
        frames.append(frame.assign(provenance=frame.get("provenance", "") + f" [{name}]"))
    pack = pd.concat(frames, ignore_index=True)
    keys = {parse_pattern(p).key for p in pack["pattern"]}
    core = lexicon.entries
    keep = [parse_pattern(p, case_sensitive=bool(c)).key not in keys
            for p, c in zip(core["pattern"], core["case_sensitive"] if "case_sensitive" in core else [False] * len(core))]
    pack = pack.drop_duplicates("pattern", keep="first")
    combined = pd.concat([core[keep].astype({"weight": str}), pack], ignore_index=True).fillna("")
    try:
        return Lexicon.from_frame(combined, source=f"{lexicon.source} + {', '.join(packs)}")
    except LexiconError as err:
        raise LexiconError(f"packs {', '.join(packs)} do not combine with {lexicon.source}: {err}") from None


def _indicators(folder: Path) -> tuple[list[str], list[str]]:
    frame, _ = read_csv_rows(Path(folder) / "indicators.csv")
    if list(frame.columns[:2]) != ["domain", "pattern"]:
        raise LexiconError(f"{Path(folder) / 'indicators.csv'}: the columns must be domain,pattern.")
    return frame["domain"].str.strip().tolist(), frame["pattern"].tolist()


def detect_domains(texts: Iterable[str], *, min_per_1k: float = MIN_PER_1K,
                   folder: Path = DOMAINS_DIR) -> tuple[list[str], dict[str, float]]:
    """The packs whose indicator words occur at least ``min_per_1k`` times per 1,000 words.

    Args:
        texts: The corpus's texts (or a sample of them).
        min_per_1k: The threshold.
        folder: Where ``indicators.csv`` is.

    Returns:
        ``(packs in PACKS order, {pack: indicator matches per 1,000 words})``.

    Example:
        >>> detect_domains(["Inflation and prices rose; investors sold shares."])[0]
        ['economy']
    """
    domains, patterns = _indicators(folder)
    matcher = PatternMatcher(patterns)
    counts = dict.fromkeys(PACKS, 0)
    words = 0
    for text in texts:
        for a, b in long_text_blocks(text):  # a very long text a block at a time (bounded memory; same counts)
            block = text[a:b]
            tokens = tokenize(block)
            words += len(tokens)
            for m in matcher.find(block, tokens):
                counts[domains[m.index]] = counts.get(domains[m.index], 0) + 1
    rates = {d: (1000.0 * counts[d] / words if words else 0.0) for d in PACKS}
    return [d for d in PACKS if rates[d] >= min_per_1k], rates


def choose_domains(value: str, texts: Iterable[str], *, folder: Path = DOMAINS_DIR) -> tuple[list[str], str]:
    """The packs of a ``--domain`` value and a sentence saying which were used and why.

    Args:
        value: ``auto``, ``core`` or pack names separated by commas (see :func:`parse_domains`).
        texts: With ``auto``, the texts of the corpus's first :data:`AUTO_SAMPLE` articles
            (only read then).
        folder: Where the packs are.

    Returns:
        ``(packs, line)``; ``line`` reads like ``"lexicon: core + economy (auto: ...)"``.

    Raises:
        DomainError: For an unknown pack name.

    Example:
        >>> choose_domains("war", [])
        (['war'], 'lexicon: core + war (chosen with --domain)')
        >>> choose_domains("auto", ["Shares fell as inflation rose."])[1]
        'lexicon: core + economy (auto: domain vocabulary per 1,000 words war 0.0, politics 0.0, economy 400.0, health 0.0; a pack is used from 3)'
    """
    packs = parse_domains(value)
    how = "chosen with --domain"
    if packs is None:
        packs, rates = detect_domains(texts, folder=folder)
        shown = ", ".join(f"{d} {r:.1f}" for d, r in rates.items())
        how = f"auto: domain vocabulary per 1,000 words {shown}; a pack is used from {MIN_PER_1K:g}"
    return packs, f"lexicon: core{''.join(' + ' + p for p in packs)} ({how})"

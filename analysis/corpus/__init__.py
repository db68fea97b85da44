"""Load a news corpus (folder of .txt, .csv, .jsonl or .parquet) into the corpus table, and describe it.

The corpus table has one row per article: ``id`` (str, unique), ``source`` (str), ``text``
(str, non-blank), optional ``title``, ``date`` (ISO 8601) and ``url``, plus any other columns.
Text is kept exactly as decoded (only a UTF-8 byte-order mark is dropped), so every offset in
the project indexes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.text.tokens import normalize_typography, sentences_plain, token_span, tokenize_plain

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "METADATA_FILE",
    "UNKNOWN_SOURCE",
    "article_stats",
    "describe_articles",
    "load_corpus",
    "similar_sources",
    "summarize_by_source",
]

METADATA_FILE = "metadata.csv"
UNKNOWN_SOURCE = "unknown"


class CorpusError(ValueError):
    """A corpus that cannot be loaded; the message names the file or row and the fix."""


class CorpusWarning(UserWarning):
    """Something odd but recoverable in a corpus (for example metadata without a file)."""


def similar_sources(sources: Iterable[str]) -> list[list[str]]:
    """Source names that differ only in letter case or spaces: each group sorted, the groups sorted.

    A news database's export often writes one outlet in several ways ("Reuters", "Reuters ",
    "REUTERS"). They stay different sources (the corpus is never altered; the readers warn, and
    the report says so), since only the researcher knows whether they are one outlet.

    Example:
        >>> similar_sources(["Reuters", "AP", "Reuters ", "REUTERS", "The  Guardian", "the Guardian", "AP"])
        [['REUTERS', 'Reuters', 'Reuters '], ['The  Guardian', 'the Guardian']]
    """
    groups: dict[str, set[str]] = {}
    for source in set(sources):
        groups.setdefault(" ".join(source.split()).casefold(), set()).add(source)
    return sorted(sorted(group) for group in groups.values() if len(group) > 1)


def load_corpus(
    path: str | Path,
    *,
    source_column: str = "source",
    id_column: str = "id",
    text_column: str = "text",
    encoding: str | None = None,
    date_column: str = "date",
) -> pd.DataFrame:
    """Load a corpus into the corpus table.

    The file is read by :func:`analysis.corpus.stream.iter_chunks`, so ``load_corpus``, ``score`` and
    every notebook check a corpus the same way and give the same errors.

    Args:
        path: A folder of UTF-8 ``.txt`` files (id = file stem) with an optional
            ``metadata.csv`` keyed by ``id``; or a ``.csv``, ``.jsonl``, ``.parquet`` or
            ``.xlsx`` file with at least ``id`` and ``text`` columns.
        source_column: The column that names each article's source. Its values are copied
            into ``source``; the original column is kept. Articles without a value get
            ``"unknown"`` (with a warning).
        id_column: The column with each article's id, if it is not called ``id``.
        text_column: The column with each article's text, if it is not called ``text``.
        encoding: The encoding of the files (default UTF-8, or what a byte-order mark says).
        date_column: The column with each article's date (ISO 8601), if it is not called ``date``; it becomes
            ``date``, which the statistics over time and the events read.

    Returns:
        The corpus table sorted by ``id``, with ``id``, ``source`` and ``text`` first.

    Raises:
        CorpusError: With the file, row and the fix, for a missing path, missing ``id`` or
            ``text`` column, duplicate or empty ids, blank text, undecodable bytes, bad dates,
            malformed CSV rows or JSON lines, or no articles at all.

    Example:
        >>> corpus = load_corpus("data/raw")  # doctest: +SKIP
    """
    from analysis.corpus.stream import iter_chunks

    path = Path(path).expanduser()
    frames = [chunk.frame for chunk in iter_chunks(path, chunk_size=100_000, source_column=source_column,
                                                    id_column=id_column, text_column=text_column, encoding=encoding,
                                                    date_column=date_column)]
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return frame.sort_values("id", kind="stable").reset_index(drop=True)


def article_stats(corpus: pd.DataFrame) -> pd.DataFrame:
    """Words and sentences per article.

    Args:
        corpus: The corpus table.

    Returns:
        A table with ``id, source, n_words, n_sentences, mean_sentence_words``.
    """
    return _describe(corpus, sentences=False)[0]


def _sentence_words(plain: str, spans: list[tuple[int, int]], tokens=None) -> list[int]:
    """Words in each sentence span of ``plain``: ``len(tokenize(plain[start:end]))`` for each span.

    The text is tokenized once (``tokens``, when given, are ``tokenize_plain(plain)``) and its
    tokens counted per span; a span whose edge cuts a word (which sentence splitting, breaking
    at whitespace, does not make) is tokenized on its own (:func:`analysis.text.tokens.token_span`).
    """
    if tokens is None:
        tokens = tokenize_plain(plain)
    starts = [t.start for t in tokens]
    counts = []
    for start, end in spans:
        span = token_span(plain, tokens, starts, start, end)
        counts.append(len(tokenize_plain(plain[start:end])) if span is None else span[1] - span[0])
    return counts


def sentence_lengths(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``id, source, start, end, n_words``."""
    return _describe(corpus, sentences=True)[1]


def describe_articles(corpus: pd.DataFrame, *, each=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`article_stats` and :func:`sentence_lengths` of a corpus, each text tokenized once for both.

    Args:
        corpus: The corpus table.
        each: Called as ``each(id, text, tokens, plain)`` for every article with the tokens already made,
            so another measure needs no second tokenizing (:func:`analysis.corpus.describe.describe_corpus`).
    """
    return _describe(corpus, sentences=True, each=each)


def _describe(corpus: pd.DataFrame, *, sentences: bool, each=None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The rows of :func:`describe_articles` (``sentences=False``: only the first table, the second is None)."""
    rows, sentence_rows = [], []
    for ident, source, text in zip(corpus["id"], corpus["source"], corpus["text"]):
        plain = normalize_typography(text)
        tokens = tokenize_plain(plain)
        spans = sentences_plain(plain)
        if each is not None:
            each(ident, text, tokens, plain)
        n_words, n_sent = len(tokens), len(spans)
        rows.append((ident, source, n_words, n_sent, n_words / n_sent if n_sent else 0.0))
        if sentences:
            for (start, end), words in zip(spans, _sentence_words(plain, spans, tokens)):
                sentence_rows.append((ident, source, start, end, words))
    stats = pd.DataFrame(rows, columns=["id", "source", "n_words", "n_sentences", "mean_sentence_words"])
    lengths = pd.DataFrame(sentence_rows, columns=["id", "source", "start", "end", "n_words"]) if sentences else None
    return stats, lengths


def summarize_by_source(corpus: pd.DataFrame, *, stats: pd.DataFrame | None = None) -> pd.DataFrame:
    """Articles, words and sentences per source, sorted by source.

    Args:
        corpus: The corpus table.
        stats: Its :func:`article_stats`, when already computed (they are not computed again).

    Returns:
        A table with ``source, articles, words, sentences, words_per_article``.
    """
    if stats is None:
        stats = article_stats(corpus)
    grouped = stats.groupby("source", sort=True).agg(
        articles=("id", "size"), words=("n_words", "sum"), sentences=("n_sentences", "sum")
    )
    grouped["words_per_article"] = grouped["words"] / grouped["articles"]
    return grouped.reset_index()

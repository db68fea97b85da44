"""Score news frames per article (frame-indicator matches per 1,000 words) with evidence spans.

A frames lexicon is a lexicon CSV (``docs/researchers.md``, "Writing a lexicon") whose ``category`` is the frame name; the bundled
one, ``data/lexicons/frames.csv``, holds the five generic news frames of Semetko & Valkenburg
(2000) and six issue frames for coverage of war and peace (sources, definitions and blind spots in ``data/README.md``).
Matching is done by :class:`analysis.text.lexicon.Lexicon`: leftmost-longest, so every word counts
for at most one frame. :func:`score_frames` is a pure function of a chunk of articles.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis import paths
from analysis.text.article import Article, articles
from analysis.text.lexicon import Lexicon

__all__ = [
    "FRAME_SPAN_COLUMNS",
    "FrameSpan",
    "frame_columns",
    "frame_types",
    "load_frames",
    "score",
    "score_frames",
]


class FrameSpan(NamedTuple):
    """One row of the ``frame_spans`` table: a frame indicator found in an article."""

    id: str
    start: int
    end: int
    text: str
    term: str
    frame: str
    in_quote: bool


FRAME_SPAN_COLUMNS = list(FrameSpan._fields)


def load_frames(path: str | Path | None = None) -> Lexicon:
    """Read and validate a frames lexicon CSV.

    Args:
        path: A lexicon CSV whose ``category`` column names the frame (default: the bundled
            ``data/lexicons/frames.csv``).

    Returns:
        The frames as a :class:`~analysis.text.lexicon.Lexicon`.

    Raises:
        LexiconError: Naming the file and line of every problem.
    """
    return Lexicon.from_csv(paths.FRAMES if path is None else paths.resolve(path))


def frame_types(frames: Lexicon) -> dict[str, str]:
    """Map each frame to its ``frame_type`` (``"generic"`` or ``"issue"`` in the bundled file).

    Args:
        frames: A frames lexicon; without a ``frame_type`` column every frame maps to ``""``.

    Returns:
        ``{frame: frame_type}`` sorted by frame (the first value seen when a frame has several).
    """
    entries = frames.entries
    if "frame_type" not in entries.columns:
        return {name: "" for name in frames.categories}
    first = entries.drop_duplicates("category").set_index("category")["frame_type"]
    return {name: str(first[name]).strip() for name in frames.categories}


def frame_columns(frames: Lexicon) -> list[str]:
    """The per-1,000-word columns :func:`score_frames` writes, ``frame_<name>``, in frame order."""
    return [f"frame_{name}" for name in frames.categories]


def check_names(frames: Lexicon) -> None:
    """Refuse frame names that would make a column the scores already use."""
    names = set(frames.categories)
    clashes = sorted(n for n in names if n.endswith("_n") and n[:-2] in names)
    if clashes:
        raise ValueError(
            f"frames {clashes} clash with the count columns of frames {[c[:-2] for c in clashes]} "
            "(frame_<name>_n holds counts); rename those frames in the frames CSV."
        )


def score_frames(
    corpus: pd.DataFrame,
    frames: Lexicon | str | Path,
    *,
    include_quoted: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count frame indicators in each article.

    Each article is scored on its own (a pure function of the chunk given). A word or phrase
    counts for at most one frame: overlapping patterns are resolved leftmost first, then
    longest (see :mod:`analysis.text.lexicon`). Weights in the frames file are not used: every
    match counts 1.

    Args:
        corpus: The corpus table (``id``, ``source``, ``text``); any chunk of it.
        frames: A frames lexicon (``category`` = frame name), or the path of its CSV, read
            with :meth:`Lexicon.from_csv <analysis.text.lexicon.Lexicon.from_csv>`.
        include_quoted: Count matches inside quotation marks (speech or scare quotes). The
            journalist chose the quotation, so they count by default; with False they are
            still listed in the spans (``in_quote=True``) but not counted.

    Returns:
        ``(articles, spans)``.

        ``articles``: one row per article, in ``id`` order: ``id, source, n_tokens,
        frames_n, frames_per_1k``, then ``frame_<name>`` per frame = matches per 1,000 words
        (``1000 * frame_<name>_n / n_tokens``, words as counted by
        :func:`analysis.text.tokens.tokenize`), then ``frame_<name>_n`` per frame = number of
        matches, then ``dominant_frame``: the frame with the most matches (ties joined with
        ``+`` in alphabetical order; ``""`` when the article has no match). Frames are in
        alphabetical order; every frame of the lexicon has its columns, even with no match.

        ``spans``: one row per match, ``id, start, end, text, term, frame, in_quote``, sorted
        by ``id`` then ``start``; ``text == corpus text[start:end]``.

    Raises:
        ValueError: When ``corpus`` lacks ``id`` or ``text``, or frame names clash with the
            count columns.

    Example:
        >>> corpus = pd.DataFrame({"id": ["a"], "source": ["s"], "text": ["Ceasefire talks stalled."]})
        >>> lex = Lexicon.from_frame(pd.DataFrame({"pattern": ["ceasefire", "talks"],
        ...     "category": ["diplomacy", "diplomacy"], "weight": [1, 1]}))
        >>> articles, spans = score_frames(corpus, lex)
        >>> int(articles.loc[0, "frame_diplomacy_n"]), round(float(articles.loc[0, "frame_diplomacy"]), 1)
        (2, 666.7)
    """
    missing = [c for c in ("id", "text") if c not in corpus.columns]
    if missing:
        raise ValueError(
            f"corpus: missing column(s) {', '.join(missing)}; pass the corpus table from analysis.corpus.load_corpus."
        )
    if not isinstance(frames, Lexicon):
        frames = Lexicon.from_csv(frames)
    check_names(frames)
    names = list(frames.categories)
    article_rows: list[list] = []
    span_rows: list[FrameSpan] = []
    for article in articles(corpus):
        spans = score(article, frames)
        span_rows.extend(spans)
        article_rows.append(article_row(article, spans, names, include_quoted=include_quoted))
    return tables(article_rows, span_rows, names)


def score(article: Article, frames: Lexicon) -> list[FrameSpan]:
    """The frame indicators of one article, in text order (the spans :func:`score_frames` reports for it)."""
    matches = article.matches(frames)
    if not matches:
        return []
    qindex, ident, text = article.quote_index, article.id, article.text
    return [FrameSpan(ident, m.start, m.end, text[m.start : m.end], m.term, m.category, qindex.find(m.start, m.end) is not None)
            for m in matches]


def article_row(article: Article, spans: list[FrameSpan], names: list[str], *, include_quoted: bool = True) -> list:
    """One ``articles`` row of :func:`score_frames` (columns of :func:`tables`) from an article's spans."""
    counts = [0] * len(names)
    if spans:
        position = {name: k for k, name in enumerate(names)}
        for span in spans:
            if include_quoted or not span.in_quote:
                counts[position[span.frame]] += 1
    ident, source, n_tokens = article.id, article.source, article.n_tokens
    total = sum(counts)
    per_1k = [1000.0 * c / n_tokens if n_tokens else 0.0 for c in counts]
    top = max(counts) if counts else 0
    dominant = "+".join(n for n, c in zip(names, counts) if c == top) if top > 0 else ""
    return [ident, source, n_tokens, total, 1000.0 * total / n_tokens if n_tokens else 0.0, *per_1k, *counts, dominant]


def tables(article_rows: list[list], span_rows: list[FrameSpan], names: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``(articles, spans)`` tables of :func:`score_frames` from the rows of :func:`article_row` and :func:`score`."""
    columns = [
        "id", "source", "n_tokens", "frames_n", "frames_per_1k",
        *[f"frame_{n}" for n in names], *[f"frame_{n}_n" for n in names], "dominant_frame",
    ]
    articles = pd.DataFrame(article_rows, columns=columns)
    int_cols = ["n_tokens", "frames_n", *[f"frame_{n}_n" for n in names]]
    articles[int_cols] = articles[int_cols].astype("int64")
    float_cols = ["frames_per_1k", *[f"frame_{n}" for n in names]]
    articles[float_cols] = articles[float_cols].astype("float64")

    from analysis.tables.rows import from_rows

    spans = from_rows(span_rows, FRAME_SPAN_COLUMNS, {"start": "int64", "end": "int64", "in_quote": "bool"})
    ids, starts = spans["id"].tolist(), spans["start"].tolist()
    # Rows come in id order, each article's in text order: sorted already, unless a corpus repeats an id.
    if any(b < a or (b == a and t < s) for a, b, s, t in zip(ids, ids[1:], starts, starts[1:])):
        spans = spans.sort_values(["id", "start"], kind="stable").reset_index(drop=True)
    return articles, spans

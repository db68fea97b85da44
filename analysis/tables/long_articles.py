"""Score a very long article block by block, so that its memory is bounded by the block, not the article (issue 20).

Analysed whole, an article holds several objects per word at once (tokens, matcher keys, the
stance features of every mention): about 160 bytes per character, 4.4 GB for a 50 MB article.
:func:`analysis.tables.score.score_corpus` therefore scores an article longer than
``Scorer.block_chars`` (default :data:`analysis.text.article.LONG_ARTICLE_CHARS`, 100,000
characters) with :func:`score_in_blocks`: each block of at most ``BLOCK_CHARS`` (20,000) characters of
:func:`analysis.text.article.block_spans` (cut at paragraph breaks) is an
:class:`~analysis.text.article.Article` of its own, scored by the same measures; its rows are
shifted back to the article's offsets (every evidence row keeps ``text == article[start:end]``),
the stance model is applied to each block's mentions at once (so their feature dicts are freed
block by block), and the article-level rows (``articles``, ``stance``) are computed from the
merged rows, never per block. An article without sentence punctuation (a transcript,
:func:`analysis.text.tokens.unpunctuated`) takes the same path whatever its length, when stance is scored: its
sentences are pieces of up to 4,000 characters whose every word each mention's features read, 33 MB for an
8,000-word article, which a chunk of articles would otherwise hold until its end. What can differ from scoring the
article whole is listed in
:func:`analysis.text.article.block_spans` and in ``docs/methods.md``; an article of at most
``block_chars`` characters with sentence punctuation is scored exactly as before.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

import pandas as pd

__all__ = ["STANCE_INPUT", "LongArticle", "Rendered", "merge_mentions", "score_in_blocks", "splice", "write_pieces"]

SPOOL_PREFIX = ".spool-"  # the name of every spool file starts with it (a run removes what a killed run left)


class LongArticle(NamedTuple):
    """The rows of one long article, at the article's offsets.

    Attributes:
        spans: ``spans`` rows (:class:`analysis.measures.loaded.LoadedSpan`); empty when rendered.
        article_row: Its ``articles`` row of :func:`analysis.measures.loaded.article_row`.
        frame_spans: ``frame_spans`` rows (empty without frames, or when rendered).
        frame_row: Its row of :func:`analysis.measures.frames.article_row` (None without frames).
        mentions: Its ``mentions`` table, stance model applied (None without targets, or when rendered).
        stance_input: The columns of its mentions that :func:`analysis.measures.stance.stance_by_article`
            reads (None without targets).
        attributions: ``attributions`` rows (empty without ``scorer.sourcing``, or when rendered).
        naming: ``naming_spans`` rows (empty without ``scorer.sourcing``, or when rendered).
    """

    spans: list
    article_row: list
    frame_spans: list
    frame_row: list | None
    mentions: pd.DataFrame | None
    stance_input: pd.DataFrame | None
    attributions: list
    naming: list


# The columns of the mentions table that stance_by_article reads.
STANCE_INPUT = ["id", "target", "score", "score_quoted", "voice", "has_evidence", "speaker"]


class _StanceInput:
    """The :data:`STANCE_INPUT` columns of a long article's mentions, gathered block by block in little memory.

    Numbers are kept as machine values and every text value (id, target, voice, speaker: a few
    distinct ones) as one shared string, so that neither the columns nor what
    :func:`analysis.measures.stance.stance_by_article` makes of them (lists of their values) hold
    a string object per mention: for 51,088 mentions of a 5 MB article, 3.4 MB as blocks' tables
    plus their strings as Python objects, against about 1 MB here.
    """

    _NUMBERS = {"score": "d", "score_quoted": "d", "has_evidence": "b"}

    def __init__(self) -> None:
        from array import array

        self._shared: dict = {}
        self._columns = {c: array(self._NUMBERS[c]) if c in self._NUMBERS else [] for c in STANCE_INPUT}

    def __len__(self) -> int:
        return len(self._columns["score"])

    def add(self, table: pd.DataFrame) -> None:
        shared = self._shared
        for column, values in self._columns.items():
            if column in self._NUMBERS:
                values.extend(table[column].to_numpy(dtype=float if self._NUMBERS[column] == "d" else bool).tolist())
            else:
                values.extend(shared.setdefault(v, v) for v in table[column].tolist())

    def frame(self) -> pd.DataFrame:
        """The columns as a table (text columns of dtype object, holding the shared strings)."""
        import numpy as np

        columns = {}
        for column, values in self._columns.items():
            if column in self._NUMBERS:
                dtype = np.float64 if self._NUMBERS[column] == "d" else np.int8
                array_ = np.frombuffer(values, dtype=dtype) if len(values) else np.zeros(0, dtype)
                columns[column] = pd.Series(array_.astype(bool) if dtype is np.int8 else array_.copy())
            else:
                array_ = np.empty(len(values), dtype=object)
                array_[:] = values
                columns[column] = pd.Series(array_, dtype=object)
        return pd.DataFrame(columns)


class _Whole:
    """Stands in for the whole article in the measures' ``article_row``: its id, source and totals over the blocks."""

    def __init__(self, article, n_tokens: int, n_sentences: int) -> None:
        self.id, self.source, self.n_tokens = article.id, article.source, n_tokens
        self.sentences = range(n_sentences)  # article_row reads only its length


class _SpanCount(NamedTuple):
    """What ``loaded.article_row`` / ``frames.article_row`` read of a span (one shared tuple per kind)."""

    category: str
    frame: str
    in_quote: bool
    negated: bool
    weight: float


class Rendered:
    """The evidence rows of a chunk's long articles as CSV rows (the bytes ``score`` writes), per article and table.

    Held in memory (``folder=None``), or spooled: appended block by block to one file per article
    and table in ``folder`` (named ``.spool-*``), so that a long article's rows, about 3.4 bytes
    per character of text for the synthetic articles, are never all in memory. :func:`splice`
    puts them among the other articles' rows; :func:`write_pieces` writes the result.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = None if folder is None else Path(folder)
        self._rows: dict[str, dict[str, list]] = {}  # id -> table key -> [bytearray or spool Path, rows, bytes]

    def __bool__(self) -> bool:
        return any(self._rows.values())

    def add(self, ident: str, key: str, data: bytes, n: int) -> None:
        """Append ``n`` rows (``data``) of table ``key`` to article ``ident``'s."""
        entry = self._rows.setdefault(ident, {}).get(key)
        if entry is None:
            if self.folder is None:
                entry = [bytearray(), 0, 0]
            else:
                handle, name = tempfile.mkstemp(prefix=SPOOL_PREFIX, suffix=f".{key}.csv", dir=self.folder)
                os.close(handle)
                entry = [Path(name), 0, 0]
            self._rows[ident][key] = entry
        if self.folder is None:
            entry[0] += data
        else:
            with open(entry[0], "ab") as spool:
                spool.write(data)
        entry[1] += n
        entry[2] += len(data)

    def pop(self, ident: str, key: str) -> tuple[bytes | bytearray | Path, int, int] | None:
        """``(rows or their spool file, number of rows, number of bytes)`` of article ``ident`` in table ``key``, or None."""
        entry = self._rows.get(ident, {}).pop(key, None)
        return None if entry is None else tuple(entry)

    def discard(self) -> None:
        """Forget every row not popped, removing their spool files."""
        for tables in self._rows.values():
            for rows, _n, _size in tables.values():
                if isinstance(rows, Path):
                    rows.unlink(missing_ok=True)
        self._rows.clear()


def score_in_blocks(article, scorer, categories: list[str], frame_names: list[str], resources, max_chars: int,
                    rendered: Rendered | None = None) -> LongArticle:
    """Score ``article`` block by block (see the module docstring) with the resources of ``scorer``.

    Args:
        article: The :class:`~analysis.text.article.Article`; only its ``text``, ``id`` and
            ``source`` are read (its own analyses are never computed).
        scorer: The :class:`analysis.tables.score.Scorer`.
        categories: :func:`analysis.measures.loaded.categories` of the lexicon.
        frame_names: The frames' names (ignored without frames).
        resources: The stance resources (ignored without targets).
        max_chars: The longest block.
        rendered: When given, the evidence rows (``spans``, ``frame_spans``, ``mentions``,
            ``attributions``, ``naming_spans``) are not returned but added to it block by block
            as CSV rows (the bytes ``score`` writes; :class:`Rendered`). They are the largest part
            of what a long article would otherwise leave in memory.
    """
    from analysis.measures import frames, loaded, sourcing, stance
    from analysis.tables.io import csv_lines
    from analysis.text.article import article_blocks

    lexicon, frame_set, targets, model = scorer.lexicon, scorer.frames, scorer.targets, scorer.stance_model
    spans, frame_spans, mention_tables, attributions, naming = [], [], [], [], []
    stance_inputs = _StanceInput()
    shared: dict[tuple, _SpanCount] = {}
    n_tokens = n_sentences = 0

    def emit(key: str, table: pd.DataFrame) -> None:
        if len(table):
            rendered.add(article.id, key, "".join(csv_lines(table)).encode("utf-8"), len(table))  # the rows score writes

    def counted(r, category="", frame="", negated=False, weight=0.0) -> _SpanCount:
        key = (category, frame, r.in_quote, negated, weight)
        return shared.get(key) or shared.setdefault(key, _SpanCount(*key))

    for offset, block in article_blocks(article, max_chars):
        n_tokens += block.n_tokens
        n_sentences += len(block.sentences)
        rows = [r._replace(start=r.start + offset, end=r.end + offset) for r in loaded.score(block, lexicon, span_model=scorer.span_model)]
        if rendered is None:
            spans.extend(rows)
        else:
            spans.extend(counted(r, category=r.category, negated=r.negated, weight=r.weight) for r in rows)
            emit("spans", loaded.tables([], rows, categories)[1])
        if frame_set is not None:
            rows = [r._replace(start=r.start + offset, end=r.end + offset) for r in frames.score(block, frame_set)]
            if rendered is None:
                frame_spans.extend(rows)
            else:
                frame_spans.extend(counted(r, frame=r.frame) for r in rows)
                emit("frame_spans", frames.tables([], rows, frame_names)[1])
        if targets is not None:
            rows, feats = stance.score(block, targets, resources, loaded=block.matches(lexicon),
                                       features=model if model is not None else False, with_sentence=False)
            if rows:
                rows = [m._replace(start=m.start + offset, end=m.end + offset, sentence_start=m.sentence_start + offset,
                                   sentence_end=m.sentence_end + offset) for m in rows]
                table = stance.tables(rows, feats, model, with_sentence=False)[0]
                stance_inputs.add(table)
                if rendered is None:
                    mention_tables.append(table)
                else:
                    emit("mentions", table)
                del table
            del rows, feats  # the feature dicts of a block are its largest temporaries
        if scorer.sourcing is not None:
            found = [r._replace(start=r.start + offset, end=r.end + offset, entity_start=r.entity_start + offset,
                                entity_end=r.entity_end + offset) for r in sourcing.attributions(block, scorer.sourcing)]
            used = [r._replace(start=r.start + offset, end=r.end + offset) for r in sourcing.naming(block, scorer.sourcing)]
            if rendered is None:
                attributions.extend(found)
                naming.extend(used)
            else:
                emit("attributions", sourcing.attribution_frame(found))
                emit("naming_spans", sourcing.naming_frame(used))
    whole = _Whole(article, n_tokens, n_sentences)
    frame_row = frames.article_row(whole, frame_spans, frame_names) if frame_set is not None else None
    article_row = loaded.article_row(whole, spans, categories)
    mentions = stance_input = None
    if targets is not None:
        if mention_tables:
            mentions = pd.concat(mention_tables, ignore_index=True)
        if len(stance_inputs):
            stance_input = stance_inputs.frame()
    if rendered is not None:
        spans, frame_spans = [], []
    return LongArticle(spans, article_row, frame_spans, frame_row, mentions, stance_input, attributions, naming)


def merge_mentions(mentions: pd.DataFrame, longs: list[LongArticle]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``(mentions, stance)`` tables of a chunk from the other articles' ``mentions`` and its long articles.

    ``stance`` (one row per article and target) is computed from each article's mentions
    together, as for any article; the mentions of rendered long articles are not in ``mentions``.
    """
    from analysis.measures.stance import stance_by_article

    full = [t for t in (mentions, *(x.mentions for x in longs)) if t is not None and len(t)]
    inputs = [t for t in (mentions[STANCE_INPUT], *(x.stance_input for x in longs)) if t is not None and len(t)]
    if len(full) > 1:
        mentions = pd.concat(full, ignore_index=True).sort_values(["id", "start"], kind="stable").reset_index(drop=True)
    elif full:
        mentions = full[0]
    return mentions, stance_by_article(pd.concat(inputs, ignore_index=True) if len(inputs) > 1 else inputs[0] if inputs else mentions)


def splice(body: bytes, sizes: list[int], ids: list[str], rendered: Rendered, key: str) -> tuple[bytes | list, list[int], int]:
    """A part's CSV rows of one table with the rendered rows of its long articles put in id order.

    Args:
        body: The rows of the other articles (sorted by id; a long article has none there).
        sizes: Bytes each article takes in ``body`` (aligned with ``ids``).
        ids: The part's article ids, sorted.
        rendered: The chunk's :class:`Rendered` rows (those of table ``key`` are taken out of it).
        key: The table.

    Returns:
        ``(body, sizes, rows added)``; ``body`` is bytes, or, when some rows are spooled, the
        list of its pieces in order (bytes, or a spool file's path) for :func:`write_pieces`.
    """
    pieces, new_sizes, pos, added = [], [], 0, 0
    for ident, size in zip(ids, sizes):
        found = rendered.pop(ident, key)
        if found is not None:
            rows, n, nbytes = found
            pieces.append(rows)
            new_sizes.append(nbytes)
            added += n
        else:
            pieces.append(body[pos : pos + size])
            new_sizes.append(size)
        pos += size
    filled = [piece for piece in pieces if isinstance(piece, Path) or len(piece)]
    if any(isinstance(piece, Path) for piece in filled):
        return filled, new_sizes, added
    if len(filled) == 1 and len(filled[0]) == sum(new_sizes):  # one article's rows: no copy of them
        return filled[0], new_sizes, added
    return b"".join(pieces), new_sizes, added


def write_pieces(path: Path, pieces: list) -> None:
    """Write ``pieces`` (bytes, or spool files, which are moved or copied and removed) to ``path`` at once:
    a temporary file renamed, so ``path`` is either absent or complete."""
    if len(pieces) == 1 and isinstance(pieces[0], Path):
        os.replace(pieces[0], path)  # the spool file becomes the part's file: no copy
        return
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        for piece in pieces:
            if isinstance(piece, Path):
                with open(piece, "rb") as spool:
                    shutil.copyfileobj(spool, handle, 1 << 20)
            else:
                handle.write(piece)
    for piece in pieces:
        if isinstance(piece, Path):
            piece.unlink(missing_ok=True)
    os.replace(tmp, path)

"""Score a very long article block by block, so that its memory is bounded by the block, not the article (issue 20).

Analysed whole, an article holds several objects per word at once (tokens, matcher keys, the
stance features of every mention): about 160 bytes per character, 4.4 GB for a 50 MB article.
:func:`analysis.tables.score.score_corpus` therefore scores an article longer than
``Scorer.block_chars`` (default :data:`analysis.text.article.LONG_ARTICLE_CHARS`, 100,000
characters) with :func:`score_in_blocks`: each block of
:func:`analysis.text.article.block_spans` (cut at paragraph breaks) is an
:class:`~analysis.text.article.Article` of its own, scored by the same measures; its rows are
shifted back to the article's offsets (every evidence row keeps ``text == article[start:end]``),
the stance model is applied to each block's mentions at once (so their feature dicts are freed
block by block), and the article-level rows (``articles``, ``stance``) are computed from the
merged rows, never per block. What can differ from scoring the article whole is listed in
:func:`analysis.text.article.block_spans` and in ``docs/methods.md``; an article of at most
``block_chars`` characters is scored exactly as before.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

__all__ = ["LongArticle", "merge_mentions", "score_in_blocks"]


class LongArticle(NamedTuple):
    """The rows of one long article, at the article's offsets.

    Attributes:
        spans: ``spans`` rows (:class:`analysis.measures.loaded.LoadedSpan`).
        article_row: Its ``articles`` row of :func:`analysis.measures.loaded.article_row`.
        frame_spans: ``frame_spans`` rows (empty without frames).
        frame_row: Its row of :func:`analysis.measures.frames.article_row` (None without frames).
        mentions: Its ``mentions`` table, stance model applied (None without targets).
        attributions: ``attributions`` rows (empty without ``scorer.sourcing``).
        naming: ``naming_spans`` rows (empty without ``scorer.sourcing``).
    """

    spans: list
    article_row: list
    frame_spans: list
    frame_row: list | None
    mentions: pd.DataFrame | None
    attributions: list
    naming: list


class _Whole:
    """Stands in for the whole article in the measures' ``article_row``: its id, source and totals over the blocks."""

    def __init__(self, article, n_tokens: int, n_sentences: int) -> None:
        self.id, self.source, self.n_tokens = article.id, article.source, n_tokens
        self.sentences = range(n_sentences)  # article_row reads only its length


def score_in_blocks(article, scorer, categories: list[str], frame_names: list[str], resources, max_chars: int) -> LongArticle:
    """Score ``article`` block by block (see the module docstring) with the resources of ``scorer``.

    Args:
        article: The :class:`~analysis.text.article.Article`; only its ``text``, ``id`` and
            ``source`` are read (its own analyses are never computed).
        scorer: The :class:`analysis.tables.score.Scorer`.
        categories: :func:`analysis.measures.loaded.categories` of the lexicon.
        frame_names: The frames' names (ignored without frames).
        resources: The stance resources (ignored without targets).
        max_chars: The longest block.
    """
    from analysis.measures import frames, loaded, sourcing, stance
    from analysis.text.article import article_blocks

    lexicon, frame_set, targets, model = scorer.lexicon, scorer.frames, scorer.targets, scorer.stance_model
    spans, frame_spans, mention_tables, attributions, naming = [], [], [], [], []
    n_tokens = n_sentences = 0
    for offset, block in article_blocks(article, max_chars):
        n_tokens += block.n_tokens
        n_sentences += len(block.sentences)
        spans.extend(r._replace(start=r.start + offset, end=r.end + offset) for r in loaded.score(block, lexicon))
        if frame_set is not None:
            frame_spans.extend(r._replace(start=r.start + offset, end=r.end + offset) for r in frames.score(block, frame_set))
        if targets is not None:
            rows, feats = stance.score(block, targets, resources, loaded=block.matches(lexicon),
                                       features=model is not None, with_sentence=False)
            if rows:
                rows = [m._replace(start=m.start + offset, end=m.end + offset, sentence_start=m.sentence_start + offset,
                                   sentence_end=m.sentence_end + offset) for m in rows]
                mention_tables.append(stance.tables(rows, feats, model, with_sentence=False)[0])
            del rows, feats  # the feature dicts of a block are its largest temporaries
        if scorer.sourcing is not None:
            attributions.extend(r._replace(start=r.start + offset, end=r.end + offset, entity_start=r.entity_start + offset,
                                           entity_end=r.entity_end + offset) for r in sourcing.attributions(block, scorer.sourcing))
            naming.extend(r._replace(start=r.start + offset, end=r.end + offset) for r in sourcing.naming(block, scorer.sourcing))
    whole = _Whole(article, n_tokens, n_sentences)
    frame_row = frames.article_row(whole, frame_spans, frame_names) if frame_set is not None else None
    mentions = None
    if targets is not None:
        mentions = pd.concat(mention_tables, ignore_index=True) if mention_tables else None
    return LongArticle(spans, loaded.article_row(whole, spans, categories), frame_spans, frame_row, mentions, attributions, naming)


def merge_mentions(mentions: pd.DataFrame, long_tables: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``(mentions, stance)`` tables of a chunk from the other articles' ``mentions`` and those of its long articles.

    ``stance`` (one row per article and target) is computed from the merged mentions, as for any
    article.
    """
    from analysis.measures.stance import stance_by_article

    parts = [t for t in (mentions, *long_tables) if t is not None and len(t)]
    if parts:
        merged = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        mentions = merged.sort_values(["id", "start"], kind="stable").reset_index(drop=True)
    return mentions, stance_by_article(mentions)

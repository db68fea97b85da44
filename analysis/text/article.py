"""One analysed article: its text with typography made plain, tokens, sentences and quotations, each computed once.

Every measure (:mod:`analysis.measures.loaded`, :mod:`~analysis.measures.frames`,
:mod:`~analysis.measures.stance`) is a function of an :class:`Article`, so an article scored for
several measures is normalised, tokenised, split into sentences and searched for quotations
once, and each pattern set (lexicon, frames, targets) is matched against it once
(:meth:`Article.matches`). The analyses are computed on first use: an article nobody asks for
quotations is never searched for them.

:func:`articles` is the one loop over a corpus table: articles in ``id`` order (ids as strings,
ties kept in corpus order), which is the order of every output table.

Example:
    >>> a = Article("a1", 'The so-called "peace" plan. Talks go on.')
    >>> [t.norm for t in a.tokens][:4], len(a.sentences), [(a.text[q.start:q.end], q.kind) for q in a.quotes]
    (['the', 'so', 'called', 'peace'], 2, [('peace', 'scare')])
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.text.lexicon import PreparedText
from analysis.text.quotes import Quote, QuoteIndex, find_quotes
from analysis.text.tokens import Token, normalize_typography, sentences_plain, tokenize_plain


@dataclass(frozen=True, eq=False)
class Article:
    """An article's text and the analyses every measure shares, computed once on first use.

    Frozen: the analyses are cached properties of the text, which cannot change.

    Attributes:
        id: The article id (a string).
        text: The text exactly as read; every offset is an index into it.
        source: The article's source (any value; None when not known).
    """

    id: str
    text: str = field(repr=False)
    source: object = None
    _matches: dict = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def plain(self) -> str:
        """``normalize_typography(text)``: same length and offsets, typographic variants made plain."""
        return normalize_typography(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        """Word tokens with offsets (:func:`analysis.text.tokens.tokenize`)."""
        return tokenize_plain(self.plain)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans (:func:`analysis.text.tokens.sentences`)."""
        return sentences_plain(self.plain)

    @cached_property
    def quotes(self) -> list[Quote]:
        """Quotations, speech or scare quotes (:func:`analysis.text.quotes.find_quotes`)."""
        return find_quotes(self.text, plain=self.plain, sentence_spans=self.sentences)

    @cached_property
    def quote_index(self) -> QuoteIndex:
        """:attr:`quotes` indexed for lookups by offset."""
        return QuoteIndex(self.quotes)

    @cached_property
    def prepared(self) -> PreparedText:
        """The matcher keys of the tokens, shared by every pattern set matched against the article."""
        return PreparedText(self.text, self.plain, self.tokens)

    @property
    def n_tokens(self) -> int:
        """Number of words (tokens)."""
        return len(self.tokens)

    def matches(self, patterns) -> list:
        """``patterns.find(text, tokens)`` for a lexicon, frames or targets, computed once per pattern set."""
        key = id(patterns)
        found = self._matches.get(key)
        if found is None or found[0] is not patterns:
            found = self._matches[key] = (patterns, patterns.find(self.text, self.tokens, prepared=self.prepared))
        return found[1]


def articles(corpus: pd.DataFrame) -> Iterator[Article]:
    """The articles of a corpus table (``id``, ``text``, optional ``source``: ``""`` without it) in ``id`` order.

    Ids are compared as strings; articles with equal ids keep their corpus order. This is the
    order of every output table, so each measure's ``score_*`` function and ``score`` read the
    corpus through it.
    """
    ids = corpus["id"].astype(str).to_numpy()
    order = np.argsort(ids, kind="stable")
    texts = corpus["text"].to_numpy()
    sources = corpus["source"].to_numpy() if "source" in corpus.columns else np.full(len(ids), "", dtype=object)
    for k in order:
        yield Article(ids[k], texts[k], source=sources[k])

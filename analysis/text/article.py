"""One analysed article: its text with typography made plain, tokens, sentences and quotations, each computed once.

Every measure (:mod:`analysis.measures.loaded`, :mod:`~analysis.measures.frames`,
:mod:`~analysis.measures.stance`) is a function of an :class:`Article`, so an article scored for
several measures is normalised, tokenised, split into sentences and searched for quotations
once, and each pattern set (lexicon, frames, targets) is matched against it once
(:meth:`Article.matches`). The analyses are computed on first use: an article nobody asks for
quotations is never searched for them.

:func:`articles` is the one loop over a corpus table: articles in ``id`` order (ids as strings,
ties kept in corpus order), which is the order of every output table.

A very long article is analysed in blocks (:func:`block_spans`, :func:`article_blocks`): every
analysis of an :class:`Article` holds several objects per word (tokens, matcher keys, the
stance features of each mention), so a 5 MB article took about 160 bytes of memory per character
when analysed whole. ``score`` analyses an article longer than :data:`LONG_ARTICLE_CHARS`
characters block by block (blocks of at most :data:`BLOCK_CHARS`), each block an :class:`Article` of its own, and shifts the rows back to
the article's offsets (:mod:`analysis.tables.score`). Blocks end at paragraph breaks, where
sentences, quotations and phrase matches end anyway, so the rows are those of the whole
article except in the cases :func:`block_spans` lists.

Example:
    >>> a = Article("a1", 'The so-called "peace" plan. Talks go on.')
    >>> [t.norm for t in a.tokens][:4], len(a.sentences), [(a.text[q.start:q.end], q.kind) for q in a.quotes]
    (['the', 'so', 'called', 'peace'], 2, [('peace', 'scare')])
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.text.lexicon import PreparedText
from analysis.text.quotes import Quote, QuoteIndex, find_quotes
from analysis.text.tokens import BLANK_LINE, Token, normalize_typography, sentences_plain, tokenize_plain

# An article longer than this (in characters) is scored block by block (see block_spans), in
# blocks of at most BLOCK_CHARS: one block's analyses take about 160 bytes per character of it
# (3 MB for 20,000 characters), so a long article's peak memory follows its output, not its length.
LONG_ARTICLE_CHARS = 100_000
BLOCK_CHARS = 20_000
# Characters after a paragraph break within which a quotation mark makes the break a poorer
# block boundary (find_quotes looks this far back for "so-called" and the like).
_QUOTE_LOOKBACK = 60
# A quotation mark after typography normalisation: '"', or "'" that is not inside a word.
_QUOTE_MARK = re.compile(r"\"|(?<![^\W_])'|'(?![^\W_])")


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
        return find_quotes(self.text, plain=self.plain, sentence_spans=self.sentences, prepared=self.prepared)

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


def block_spans(text: str, max_chars: int = LONG_ARTICLE_CHARS) -> list[tuple[int, int]]:
    r"""Cut ``text`` into consecutive blocks ``(start, end)`` of at most ``max_chars`` characters.

    The blocks cover the text exactly (the first starts at 0, each starts where the one before
    ends, the last ends at ``len(text)``). A block ends, in this order of preference, at

    1. a paragraph break (a blank line, the rule :func:`analysis.text.tokens.sentences` splits
       paragraphs by) that is not followed, within 60 characters, by a quotation mark or a
       lower-case word: the block ends after the blank line;
    2. any paragraph break;
    3. the start of a sentence (when a paragraph is longer than ``max_chars``);
    4. a run of white space; 5. only for a single word longer than ``max_chars``: ``max_chars``.

    Analysed block by block, an article gives the rows it gives whole (offsets shifted) except:

    * at a break of kind 2: a quotation whose paragraph ends open and the next paragraph reopens
      (the multi-paragraph quotation convention) ends at the block's end and its last paragraph
      is not a quotation; a short quotation in the first 60 characters after the break does not
      see a "so-called" (or other label) at the end of the paragraph before; a quotation ending
      a block is not attributed by a lower-case sentence that opens the next one ("… ," he said);
    * at a break of kind 3 to 5: also sentence splitting, quotations and stance evidence
      across the cut (each block ends and starts a sentence there);
    * :mod:`analysis.measures.references` (off in ``score``) resolves no pronoun to a name in an
      earlier block.

    Tokens, loaded-language and frame matches (which never run across a paragraph break),
    negation and stance (read within a sentence) are otherwise unchanged.

    Example:
        >>> text = "One two.\n\nThree four.\n\nFive."
        >>> [text[a:b] for a, b in block_spans(text, 15)]
        ['One two.\n\n', 'Three four.\n\n', 'Five.']
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars!r}")
    spans = []
    start, n = 0, len(text)
    while n - start > max_chars:
        end = _block_end(text, start, start + max_chars)
        spans.append((start, end))
        start = end
    spans.append((start, n))
    return spans


def _block_end(text: str, start: int, limit: int) -> int:
    """Where a block that starts at ``start`` ends (``start < end <= limit``); see :func:`block_spans`."""
    plain = normalize_typography(text[start : limit + _QUOTE_LOOKBACK])
    window = limit - start
    any_break = clean_break = None
    for m in BLANK_LINE.finditer(plain, 0, window):
        cut = m.end()
        any_break = cut
        after = plain[cut : cut + _QUOTE_LOOKBACK]
        first = after.lstrip()[:1]
        if not _QUOTE_MARK.search(after) and not first.islower():
            clean_break = cut
    if clean_break or any_break:
        return start + (clean_break or any_break)
    sents = [s for s, _ in sentences_plain(plain[:window])]
    if len(sents) > 2:  # the last one may be cut by the window: end before the one before it
        return start + sents[-2]
    for k in range(window - 1, 0, -1):
        if plain[k].isspace() and not plain[k - 1].isspace():
            return start + k
    return limit


def long_text_blocks(text: str) -> list[tuple[int, int]]:
    """``[(0, len(text))]`` for a text of at most :data:`LONG_ARTICLE_CHARS` characters, else :func:`block_spans` of :data:`BLOCK_CHARS`."""
    return [(0, len(text))] if len(text) <= LONG_ARTICLE_CHARS else block_spans(text, BLOCK_CHARS)


def article_blocks(article: Article, max_chars: int = LONG_ARTICLE_CHARS) -> Iterator[tuple[int, Article]]:
    """``(offset, block)`` for each block of :func:`block_spans`: an :class:`Article` with the same id and source.

    ``block.text == article.text[offset : offset + len(block.text)]``, so a row of a block at
    ``(start, end)`` is at ``(offset + start, offset + end)`` in the article. Blocks are made one
    at a time, so only one block's analyses are held at once.
    """
    for start, end in block_spans(article.text, max_chars):
        yield start, Article(article.id, article.text[start:end], source=article.source)

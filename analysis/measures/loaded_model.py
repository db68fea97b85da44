"""Learned precision in context for loaded-language spans: generic span features and a logistic re-ranker.

The lexicon proposes candidate spans (:func:`analysis.measures.loaded.score`); :class:`SpanModel`
estimates, for each, the chance that a trained annotator marks loaded language there, from
features that name no word (:func:`span_features`: the term's fitted weight and category, the
phrase's shape, quotation, VADER valence of the span and of its neighbours, counts in its sentence,
its position, capitals, an intensifier nearby). The spans below the model's threshold are not
reported: by default in ``python -m analysis score`` and :meth:`analysis.tables.score.Scorer.load`
(``score --span-model none`` reports every span), and with ``span_model=`` in
:func:`analysis.measures.loaded.score_loaded`. The bundled model (``data/lexicons/loaded_span_model.json``) was fitted by
``scripts/fit_loaded_weights.py --span-model`` on the development part of ptc-dev only
(data/README.md says what was fitted on what); the weights it reads are the bundled lexicon's.
"""

from __future__ import annotations

import bisect
import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from analysis import paths
from analysis.measures.loaded import INTENSIFIERS
from analysis.text import vader

__all__ = ["FEATURES", "SPAN_MODEL", "SpanModel", "SpanModelError", "span_features"]

SPAN_MODEL = paths.LEXICONS / "loaded_span_model.json"

# Categories with an indicator feature (a lexicon's other categories get none).
CATEGORIES = ("loaded_wording", "name_calling", "delegitimizing", "exaggeration", "fear_appeal", "doubt_discrediting",
              "scare_quote")
FEATURES = (
    "est", "n_terms", "n_words", "extended", "intensifier", "exclamation", "question", "speech", "in_scare",
    "valence_max", "valence_neg", "valence_pos", "neighbour_valence", "sentence_valence", "sentence_strong",
    "sentence_spans", "sentence_len", "position", "capital", "article_density", *(f"cat_{c}" for c in CATEGORIES),
)
_NEIGHBOURS = 4  # tokens on each side whose VADER valence is summed


class SpanModelError(ValueError):
    """A span-model file that cannot be used; the message names the file and what to do."""


def _logit(p: float) -> float:
    p = min(max(p, 0.01), 0.99)
    return math.log(p / (1.0 - p))


@lru_cache(maxsize=1)
def vader_valences() -> dict[str, float]:
    """VADER's lexicon as a plain dict (faster to look up than the read-only mapping ``vader.lexicon()``)."""
    return dict(vader.lexicon())


@lru_cache(maxsize=4096)
def _logit_weight(weight: float) -> float:
    """The ``est`` feature of a span of this weight (weights repeat: each is computed once)."""
    return _logit(weight / 3.0)


@lru_cache(maxsize=4096)
def _term_shape(term: str) -> tuple[float, int]:
    """The matches merged into a span (``n_terms``, at most 3) and the words of its term(s)."""
    return float(min(term.count(" + ") + 1, 3)), sum(len(t.split()) for t in term.split(" + "))


# The category indicators of a span (a category without one: all zero).
_ONE_HOT = {c: tuple(float(c == d) for d in CATEGORIES) for c in CATEGORIES}
_NO_CATEGORY = (0.0,) * len(CATEGORIES)


def span_features(article, spans: Sequence) -> list[tuple[float, ...]]:
    """Generic features of each span of one article (in :data:`FEATURES` order).

    Args:
        article: The :class:`~analysis.text.article.Article` the spans come from.
        spans: Its counted spans (:class:`~analysis.measures.loaded.LoadedSpan`, negated ones left out).

    Returns:
        One tuple of floats per span. ``est`` is the logit of ``weight / 3`` (the bundled lexicon's
        weight is three times the term's estimated precision); ``article_density`` is the log of 1
        plus the spans per 1,000 words of the article; ``sentence_spans`` counts the spans in the
        span's sentence (at most 4).

    Example:
        >>> from analysis.text.article import Article
        >>> from analysis.measures.loaded import LoadedSpan
        >>> a = Article("a", "A truly shameful act! Fine.")
        >>> s = LoadedSpan("a", 2, 16, "truly shameful", "shameful", "loaded_wording", 1.5, False, False, "", "")
        >>> f = dict(zip(FEATURES, span_features(a, [s])[0]))
        >>> f["n_words"], f["extended"], f["intensifier"], f["exclamation"], f["valence_neg"], f["cat_loaded_wording"]
        (2.0, 1.0, 1.0, 1.0, 1.0, 1.0)
    """
    if not spans:
        return []
    get = vader_valences().get
    text, tokens, sents = article.text, article.tokens, article.sentences
    sent_starts = [s for s, _ in sents]
    n_tok = max(len(tokens), 1)
    density = math.log1p(1000.0 * len(spans) / n_tok)
    n_text = max(len(text), 1)
    bisect_left, bisect_right = bisect.bisect_left, bisect.bisect_right
    intensifiers = INTENSIFIERS  # looked for right before a span or as its first word

    # Only the tokens a feature reads are looked up (the spans, their neighbours, their sentences),
    # not every token of the article. bisect_left(tokens, (pos,)) is the first token starting at or
    # after pos (Token tuples sort by start).
    sentence_of = [max(bisect_right(sent_starts, s.start) - 1, 0) for s in spans]
    per_sentence: dict[int, int] = {}
    for k in sentence_of:
        per_sentence[k] = per_sentence.get(k, 0) + 1
    sentence_cache: dict[int, tuple] = {}
    out = []
    for s, k in zip(spans, sentence_of):
        start, end = s.start, s.end
        i, j = bisect_left(tokens, (start,)), bisect_left(tokens, (end,))
        sentence = sentence_cache.get(k)
        if sentence is None:
            ss, se = sents[k] if sents else (0, len(text))
            a, b = bisect_left(tokens, (ss,)), bisect_left(tokens, (se,))
            absv = [abs(get(t.norm, 0.0)) for t in tokens[a:b]]
            chunk = text[ss:se]
            sentence = sentence_cache[k] = (float("!" in chunk), float("?" in chunk), sum(absv) / max(len(absv), 1),
                                            float(sum(v >= 1.5 for v in absv)), min(b - a, 60) / 60.0)
        excl, quest, s_val, s_strong, s_len = sentence
        span_vals = [get(t.norm, 0.0) for t in tokens[i:j]] or [0.0]
        neighbour = (sum([abs(get(t.norm, 0.0)) for t in tokens[max(0, i - _NEIGHBOURS) : i]])
                     + sum([abs(get(t.norm, 0.0)) for t in tokens[j : j + _NEIGHBOURS]]))
        term = _term_shape(s.term)
        quote_kind = s.quote_kind
        out.append((
            _logit_weight(s.weight), term[0], float(min(j - i, 6)), float(j - i > term[1]),
            float(any(t.norm in intensifiers for t in tokens[max(0, i - 2) : i]) or (i < j and tokens[i].norm in intensifiers)),
            excl, quest, float(quote_kind == "speech"), float(quote_kind == "scare"),
            max([abs(v) for v in span_vals]), float(min(span_vals) < -1), float(max(span_vals) > 1), neighbour, s_val,
            s_strong, float(min(per_sentence[k], 4)), s_len, start / n_text,
            float(text[start : start + 1].isupper()), density, *_ONE_HOT.get(s.category, _NO_CATEGORY),
        ))
    return out


@dataclass(frozen=True)
class SpanModel:
    """A fitted logistic re-ranker: standardised features, coefficients, intercept and threshold."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    source: str = ""
    # Categories whose spans are never filtered (always reported): the model is fitted for Loaded_Language,
    # and name-calling has its own annotated technique that the model would otherwise wipe out.
    never_filtered: tuple[str, ...] = ()
    # The token tagger that grows the kept spans and adds its own (analysis.measures.loaded_tagger), or None.
    tagger: object = None
    # Counted spans lighter than this are not kept, whatever their probability or category (0: no such floor).
    min_weight: float = 0.0

    @classmethod
    def from_json(cls, path: str | Path = SPAN_MODEL) -> SpanModel:
        """Read a model written by ``scripts/fit_loaded_weights.py --span-model`` or ``python -m analysis loaded train``,
        with the token tagger its key ``tagger`` names (a path relative to the model's folder, or ``bundled`` for
        ``data/models/loaded_tagger.json``; :mod:`analysis.measures.loaded_tagger`), if any.

        Raises:
            SpanModelError: The file is missing, not JSON, its features are not :data:`FEATURES`, or its tagger
                cannot be read.
        """
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            model = cls(tuple(data["features"]), tuple(map(float, data["mean"])), tuple(map(float, data["scale"])),
                        tuple(map(float, data["coef"])), float(data["intercept"]), float(data["threshold"]), str(path),
                        tuple(str(c) for c in data.get("never_filtered", ())))
            tagger = data.get("tagger")
            model = replace(model, min_weight=float(data.get("min_weight", 0.0)))
        except FileNotFoundError:
            raise SpanModelError(f"{path}: span model not found; pass an existing file, or fit one on your own coded "
                                 "articles with python -m analysis loaded train.") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise SpanModelError(f"{path}: not a span model ({exc}); fit one with python -m analysis loaded train "
                                 "(the bundled one: python scripts/fit_loaded_weights.py --span-model).") from None
        n = len(model.features)
        if model.features != FEATURES or not (len(model.mean) == len(model.scale) == len(model.coef) == n):
            raise SpanModelError(f"{path}: its features are not those of this version of analysis.measures.loaded_model; "
                                 "fit it again with python -m analysis loaded train (the bundled one: python "
                                 "scripts/fit_loaded_weights.py --span-model).")
        if tagger is not None:
            from analysis.measures.loaded_tagger import TokenTagger, TokenTaggerError

            from analysis.measures.loaded_tagger import TAGGER

            where = TAGGER if tagger == "bundled" else os.path.normpath(path.parent / str(tagger))
            try:
                model = replace(model, tagger=TokenTagger.from_json(where))
            except TokenTaggerError as err:
                raise SpanModelError(f"{path}: its tagger: {err}") from None
        return model

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The chance that an annotator marks each span, from rows of :func:`span_features`."""
        out = []
        for row in rows:
            z = self.intercept
            for x, m, s, c in zip(row, self.mean, self.scale, self.coef):
                z += c * (x - m) / s
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0)
        return out

"""Fit the loaded-language span re-ranker on a researcher's own span annotations, with cross-validation.

The bundled re-ranker (``data/lexicons/loaded_span_model.json``, :mod:`analysis.measures.loaded_model`) was
fitted on the propaganda-technique annotations of ptc-dev: it keeps the lexicon spans that annotators of
*that* codebook tend to mark. A study with its own codebook and its own hand-coded articles can fit the
same model on them (``python -m analysis loaded train``): the candidates are the spans the lexicon
proposes (what ``score --span-model none`` reports), a candidate is marked when it overlaps a gold
span, and a logistic regression over the generic features of :func:`~analysis.measures.loaded_model.span_features`
(no word list) estimates the chance that a coder marks it.

How well that works on unseen articles is measured, not assumed: the articles are split into folds
(:func:`assign_folds`), a model fitted on the other folds filters each fold's candidates, and the
spans ``score`` would then report (token tagger included, when the model names one) are compared
with the gold spans by the one-to-one overlap precision, recall and F1 of ``python -m analysis evaluate
spans`` (:func:`analysis.validate.evaluate.span_scores`). The threshold with the best cross-validated
F1 is the model's; the model written is fitted on every article.

Example:
    >>> assign_folds(["a", "b", "c", "d", "e"], folds=2)
    {'a': 1, 'b': 1, 'c': 0, 'd': 0, 'e': 0}
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.measures.loaded import score as score_loaded_article
from analysis.measures.loaded_model import FEATURES, SpanModel, span_features
from analysis.text.article import Article, articles as iter_articles
from analysis.text.lexicon import Lexicon
from analysis.validate.evaluate import SpanFileError, check_span_offsets, precision_recall_f1, span_scores

__all__ = ["DEFAULT_C", "THRESHOLDS", "TrainingError", "TrainedSpanModel", "assign_folds", "candidates", "check_gold",
           "fit_logistic", "model_json", "train_span_model"]

DEFAULT_C = 1.0  # the L2 strength of the bundled re-ranker (scripts/fit_loaded_weights.py, SPAN_MODEL_C)
# The thresholds tried (those of the bundled re-ranker's choice); 0 keeps every span the lexicon proposes.
THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(15))


class TrainingError(ValueError):
    """Annotations or options a span model cannot be fitted from; the message says which and what to do."""


def fit_logistic(x: np.ndarray, y: np.ndarray, mask: np.ndarray, c: float = DEFAULT_C, seed: int = 16):
    """``(mean, scale, model)``: an L2 logistic regression (lbfgs, deterministic) on the standardised rows ``mask``.

    A feature constant on those rows gets scale 1 (it then adds nothing). This is how the bundled
    re-ranker was fitted (``scripts/fit_loaded_weights.py``).
    """
    from sklearn.linear_model import LogisticRegression

    mean, scale = x[mask].mean(axis=0), x[mask].std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale, LogisticRegression(C=c, max_iter=5000, random_state=seed).fit((x[mask] - mean) / scale, y[mask])


def assign_folds(ids: Sequence[str], *, folds: int, seed: int = 0) -> dict[str, int]:
    """Each article's fold: the ids ordered by the SHA-256 of ``"<seed>:<id>"`` and dealt out in turn.

    The folds differ in size by at most one article, and an article's fold does not depend on the
    order of the corpus, only on the ids, ``folds`` and ``seed``.
    """
    ranked = sorted(dict.fromkeys(str(i) for i in ids), key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest())
    return dict(sorted((ident, k % folds) for k, ident in enumerate(ranked)))


def check_gold(gold: pd.DataFrame, corpus: pd.DataFrame, *, name: str) -> None:
    """Raise :class:`TrainingError` unless every gold span lies inside an article of ``corpus``.

    Checks that each ``id`` is an article of the corpus, that ``end`` does not pass the end of its
    text and, when the table has a ``text`` column, that ``text`` is the article's characters
    ``start:end`` (offsets are Python string indices of the text as read, as in every table of the
    project). ``name`` names the file in the message; lines are counted as in the file (header = 1).
    """
    texts = dict(zip(corpus["id"].astype(str), corpus["text"]))
    try:
        check_span_offsets(gold, texts, name=name, lines=range(2, len(gold) + 2))
    except SpanFileError as err:
        raise TrainingError(str(err)) from None


def candidates(corpus: pd.DataFrame, lexicon: Lexicon, gold: pd.DataFrame) -> pd.DataFrame:
    """The spans the lexicon proposes in each article (negated ones left out) with their features and label.

    Columns: ``id, start, end, category, label`` (True when the span overlaps a gold span of its
    article) and one column per :data:`~analysis.measures.loaded_model.FEATURES`.
    """
    by_id = {str(i): list(zip(g["start"], g["end"])) for i, g in gold.groupby(gold["id"].astype(str))}
    records = []
    for article in iter_articles(corpus):
        spans = [s for s in score_loaded_article(article, lexicon) if not s.negated]
        marked = by_id.get(article.id, [])
        for s, x in zip(spans, span_features(article, spans)):
            records.append((s.id, s.start, s.end, s.category, any(s.start < e and b < s.end for b, e in marked), *x))
    return pd.DataFrame(records, columns=["id", "start", "end", "category", "label", *FEATURES])


def _model(mean, scale, fitted, threshold: float, *, tagger=None, never_filtered: tuple[str, ...] = (),
           source: str = "") -> SpanModel:
    return SpanModel(FEATURES, tuple(map(float, mean)), tuple(map(float, scale)), tuple(map(float, fitted.coef_[0])),
                     float(fitted.intercept_[0]), float(threshold), source, tuple(never_filtered), tagger)


def _predicted(articles: list[Article], lexicon: Lexicon, model: SpanModel) -> pd.DataFrame:
    """The counted spans ``score`` reports for these articles with this model."""
    rows = [(s.id, s.start, s.end, s.category) for a in articles
            for s in score_loaded_article(a, lexicon, span_model=model) if not s.negated]
    return pd.DataFrame(rows, columns=["id", "start", "end", "category"])


def _overlap(gold: pd.DataFrame, pred: pd.DataFrame) -> tuple[int, int, int]:
    """``(n_gold, n_pred, tp)`` of the one-to-one overlap match (``evaluate spans``, its ``(any)`` row)."""
    table = span_scores(gold, pred, restrict_to_gold_ids=False)
    row = table[(table["match"] == "overlap") & (table["category"] == "(any)")].iloc[0]
    return int(row["n_gold"]), int(row["n_pred"]), int(row["tp"])


@dataclass(frozen=True)
class TrainedSpanModel:
    """A re-ranker fitted on every annotated article, its cross-validation and what it was fitted on.

    ``cv`` has one row per threshold (``every span`` first: no re-ranker, what ``--span-model none``
    reports) with the pooled counts and overlap ``precision, recall, f1`` over the folds; ``bundled``
    the same for the bundled re-ranker on the same articles (not cross-validated: it was fitted on
    ptc-dev), or None when it does not apply to the lexicon used.
    """

    model: SpanModel
    data: dict
    cv: pd.DataFrame
    bundled: dict | None
    n_articles: int
    n_unmarked_articles: int
    n_candidates: int
    n_positive: int
    n_gold: int

    def cross_validated(self) -> dict:
        """The cross-validated numbers a report quotes: folds, the chosen threshold's row, every span's F1.

        The chosen row is None when the threshold was given and is not one of :data:`THRESHOLDS`.
        """
        def clean(v):
            return None if isinstance(v, float) and math.isnan(v) else v

        rows = {r["threshold"]: {k: clean(v) for k, v in r.items() if k != "threshold"} for r in self.cv.to_dict("records")}
        return {"folds": self.data["folds"], "threshold": self.data["threshold"],
                "chosen": rows.get(f"{self.data['threshold']:g}"), "every_span": rows["every span"]}

    def format(self) -> str:
        """The cross-validation as the command line prints it."""
        lines = [f"candidate spans (every lexicon span, negated ones left out): {self.n_candidates:,} in "
                 f"{self.n_articles:,} articles; {self.n_positive:,} overlap one of the {self.n_gold:,} gold spans",
                 f"cross-validated ({self.data['folds']} folds by article): the spans `score` would report, against the "
                 "gold spans (one-to-one overlap, as `python -m analysis evaluate spans`)",
                 f"  {'re-ranker threshold':<22}{'spans':>8}{'matched':>9}{'precision':>11}{'recall':>8}{'F1':>7}"]
        for r in self.cv.itertuples(index=False):
            mark = "  <- chosen" if r.threshold == f"{self.data['threshold']:g}" else ""
            lines.append(f"  {r.threshold:<22}{r.n_pred:>8,}{r.tp:>9,}{_f(r.precision):>11}{_f(r.recall):>8}{_f(r.f1):>7}{mark}")
        if self.bundled is not None:
            b = self.bundled
            lines.append(f"  {'bundled re-ranker':<22}{b['n_pred']:>8,}{b['tp']:>9,}{_f(b['precision']):>11}"
                         f"{_f(b['recall']):>8}{_f(b['f1']):>7}  (fitted on ptc-dev; not cross-validated here)")
        if self.n_unmarked_articles:
            lines.append(f"note: {self.n_unmarked_articles:,} of the {self.n_articles:,} articles have no gold span; "
                         "they count as coded and found to hold no loaded language.")
        return "\n".join(lines)


def _f(v: float) -> str:
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3f}"


def train_span_model(
    corpus: pd.DataFrame,
    gold: pd.DataFrame,
    lexicon: Lexicon,
    *,
    folds: int = 5,
    c: float = DEFAULT_C,
    seed: int = 0,
    tagger=None,
    tagger_path: str | None = None,
    never_filtered: Sequence[str] = (),
    bundled: SpanModel | None = None,
    threshold: float | None = None,
    description: str = "",
) -> TrainedSpanModel:
    """Fit the span re-ranker on ``corpus``'s gold spans; choose its threshold by cross-validation.

    Args:
        corpus: The coded articles (``id``, ``text``); every one counts as coded, so an article without
            gold spans says that its coder found no loaded language in it.
        gold: Gold spans (``id, start, end``), checked with :func:`check_gold` before.
        lexicon: The lexicon whose spans are the candidates (the one ``score`` will use with the model).
        folds: Folds of articles for the cross-validation (at least 2, at most the number of articles).
        c: Inverse L2 strength of the logistic regression.
        seed: Which articles go to which fold (:func:`assign_folds`).
        tagger: The token tagger the model applies after filtering (``loaded_tagger.TokenTagger``), or None.
        tagger_path: How the written model names that tagger (a path relative to the model's folder).
        never_filtered: Categories whose spans the model always keeps.
        bundled: The bundled re-ranker, measured on the same articles for comparison (None: not measured).
        threshold: Use this threshold instead of the cross-validated choice (the table still shows every one).
        description: What the model's JSON says it is.

    Raises:
        TrainingError: Fewer than 2 folds or more folds than articles, no candidate span, or a fold whose
            other folds hold only marked or only unmarked candidates.
    """
    ids = list(dict.fromkeys(corpus["id"].astype(str)))
    if folds < 2:
        raise TrainingError(f"--folds {folds}: the threshold is chosen by cross-validation, which needs at least 2 folds.")
    if folds > len(ids):
        raise TrainingError(f"--folds {folds}: more folds than coded articles ({len(ids)}); use at most {len(ids)}.")
    cands = candidates(corpus, lexicon, gold)
    n_pos = int(cands["label"].sum())
    if not len(cands):
        raise TrainingError("the lexicon proposes no span in these articles: there is nothing to re-rank.")
    if n_pos == 0 or n_pos == len(cands):
        which = "none" if n_pos == 0 else "every one"
        raise TrainingError(f"of the {len(cands):,} spans the lexicon proposes, {which} overlaps a gold span: a model "
                            "that tells them apart needs both; code more articles.")
    fold_of = assign_folds(ids, folds=folds, seed=seed)
    cands["fold"] = cands["id"].map(fold_of)
    x, y = cands[list(FEATURES)].to_numpy(float), cands["label"].to_numpy(bool)
    arts = list(iter_articles(corpus))
    gold = gold.assign(id=gold["id"].astype(str))
    counts = {t: [0, 0, 0] for t in (0.0, *THRESHOLDS)}  # n_gold, n_pred, tp pooled over the folds
    counts[0.0] = list(_overlap(gold, cands[["id", "start", "end", "category"]]))  # every span: the candidates
    for k in range(folds):
        train = (cands["fold"] != k).to_numpy()
        labels = y[train]
        if labels.all() or not labels.any():
            raise TrainingError(f"fold {k + 1} of {folds}: the candidates of the other folds are "
                                f"{'all' if labels.all() else 'none'} marked, so no model can be fitted; code more "
                                "articles or use fewer --folds.")
        mean, scale, fitted = fit_logistic(x, y, train, c)
        fold_articles = [a for a in arts if fold_of[a.id] == k]
        fold_gold = gold[gold["id"].map(fold_of) == k]
        for t in THRESHOLDS:
            model = _model(mean, scale, fitted, t, tagger=tagger, never_filtered=tuple(never_filtered))
            n_g, n_p, tp = _overlap(fold_gold, _predicted(fold_articles, lexicon, model))
            acc = counts[t]
            acc[0] += n_g
            acc[1] += n_p
            acc[2] += tp
    rows = []
    for t, (n_g, n_p, tp) in counts.items():
        p, r, f1 = precision_recall_f1(tp, n_g, n_p)
        rows.append(("every span" if t == 0.0 else f"{t:g}", t, n_g, n_p, tp, p, r, f1))
    cv = pd.DataFrame(rows, columns=["threshold", "value", "n_gold", "n_pred", "tp", "precision", "recall", "f1"])
    tried = cv.iloc[1:]
    best = tried.loc[tried["f1"].fillna(-1.0).round(6).sort_values(ascending=False, kind="stable").index[0]]
    chosen = float(best["value"]) if threshold is None else float(threshold)
    mean, scale, fitted = fit_logistic(x, y, np.ones(len(cands), dtype=bool), c)
    model = _model(mean, scale, fitted, chosen, tagger=tagger, never_filtered=tuple(never_filtered))
    data = {
        "description": description,
        "n_spans": int(len(cands)), "n_positive": n_pos, "C": c, "seed": seed, "folds": folds,
        "threshold": chosen,
        "threshold_from": "cross-validation (best overlap-F1)" if threshold is None else "given (--threshold)",
        "never_filtered": list(never_filtered), "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in fitted.coef_[0]], "intercept": round(float(fitted.intercept_[0]), 6),
        "cv": [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items() if k != "value"}
               for r in cv.to_dict("records")],
    }
    if tagger_path is not None:
        data["tagger"] = tagger_path
    bundled_row = None
    if bundled is not None:
        n_g, n_p, tp = _overlap(gold, _predicted(arts, lexicon, bundled))
        p, r, f1 = precision_recall_f1(tp, n_g, n_p)
        bundled_row = {"n_gold": n_g, "n_pred": n_p, "tp": tp, "precision": p, "recall": r, "f1": f1}
        data["bundled_on_these_articles"] = {k: (None if isinstance(v, float) and math.isnan(v) else v)
                                             for k, v in bundled_row.items()}
    gold_ids = set(gold["id"])
    return TrainedSpanModel(model, data, cv.drop(columns="value"), bundled_row, len(ids),
                            sum(1 for i in ids if i not in gold_ids), int(len(cands)), n_pos, int(len(gold)))


def model_json(trained: TrainedSpanModel) -> str:
    """The model file's text (read back by :meth:`SpanModel.from_json`)."""
    import json

    return json.dumps(trained.data, indent=1, ensure_ascii=False) + "\n"

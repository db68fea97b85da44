"""Candidate changes to the shipped stance model, compared by cross-validation on the NewsMTSC development part.

Usage (from the repository root):

    PYTHONPATH=. python scripts/stance_candidates.py [--dev-data ../shared/dev-data] [CANDIDATE ...]
    PYTHONPATH=. python scripts/stance_candidates.py --held-out CANDIDATE

Each candidate is scored by 5-fold cross-validation (folds by story, as
:func:`analysis.measures.stance_model.cross_validate`) on the **development part** of
``newsmtsc-train.jsonl`` only: out-of-fold macro-F1 (most probable class) and AUC for negative.
``baseline`` is the shipped model's setting (``scripts/build_stance_model.py``: C = 0.05,
min_df = 2, balanced classes). ``--held-out`` scores the candidates once on the held-out part: ``offsets``
with the shipped model (it changes the decision rule, not the fit), any other candidate fitted on
the whole development part as ``make models`` does (coefficients not rounded). A candidate is
looked at on the held-out part once, after its development number is in. Nothing here changes the
shipped model.

Candidates:

- ``baseline``: the shipped setting.
- ``C0.03`` / ``C0.1``: another regularisation strength.
- ``offsets``: class log-probability offsets (a shift of the intercepts) chosen on the
  out-of-fold probabilities to maximise macro-F1 (reported: the optimistic in-sample value).
- ``two-stage``: logistic regression polar vs neutral, then negative vs positive among the polar rows.
- ``unbalanced``: no class weights.
- ``binary-bag``: ``w=`` bag-of-words counts clipped at 1.
- ``no-bag``, ``no-bag-sv``, ``no-far``: without ``w=``; also without ``#sentence_valence``;
  also without the far words ``Lfar=``/``Rfar=``.
- ``no-sv``: without ``#sentence_valence`` (the clause-bound ``#val_left``/``#val_right`` stay).
- ``sv-third``: ``#sentence_valence`` divided by 3 (the penalty then keeps its weight smaller).
- ``reporting-union-that``: indirect speech (stance) also after every other verb of the one list
  of reporting verbs (``analysis.text.reporting``) when "that" follows ("confirmed that ...").
- ``reporting-content``: indirect speech after the content verbs with their ``-ing`` forms
  ("saying", "insisting"), "claims" only before "that".

Results (development part: 5-fold out-of-fold macro-F1; held-out: macro-F1 of the model fitted on
the whole development part; shipped model 0.6471 held-out):

| candidate | development | held-out | kept |
| --- | --- | --- | --- |
| baseline (shipped) | 0.6600 | 0.6471 | yes |
| C0.03 / C0.1 | 0.6590 / 0.6583 | | no |
| offsets | 0.6628 (in-sample) | 0.6447 | no |
| two-stage | 0.6278 | | no |
| unbalanced | 0.6594 | | no |
| binary-bag | 0.6550 | | no |
| no-bag | 0.6489 | | no |
| no-sv | 0.6560 | | no |
| sv-third | 0.6602 | | no |
| reporting-union-that | 0.6597 | 0.6414 | no |
| reporting-content | 0.6606 | 0.6454 | no |
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
for p in (str(ROOT), str(ROOT / "scripts")):
    if p not in sys.path:
        sys.path.insert(0, p)

import numpy as np  # noqa: E402

from newsmtsc import load_newsmtsc, locate  # noqa: E402

from analysis import paths  # noqa: E402

C = 0.05  # as scripts/build_stance_model.py
MIN_DF = 2
FOLDS = 5


def _drop(*prefixes: str):
    return lambda f: {k: v for k, v in f.items() if not k.startswith(prefixes)}


TRANSFORMS = {
    "no-bag": _drop("w="),
    "no-bag-sv": _drop("w=", "#sentence_valence"),
    "no-far": _drop("w=", "#sentence_valence", "Lfar=", "Rfar="),
    "no-sv": _drop("#sentence_valence"),
    "sv-third": lambda f: {k: (v / 3.0 if k == "#sentence_valence" else v) for k, v in f.items()},
    "binary-bag": lambda f: {k: (min(v, 1.0) if k.startswith("w=") else v) for k, v in f.items()},
}


def _reporting(which: str):
    """Patch the verbs that start indirect speech in stance (restored by the caller)."""
    from analysis.measures import stance
    from analysis.text.reporting import CONTENT_VERBS, reporting_words

    if which == "union-that":
        return {"REPORTING": CONTENT_VERBS, "_REPORTING_THAT": reporting_words() - CONTENT_VERBS}
    content = (CONTENT_VERBS - {"claims"}) | {"saying", "claiming", "insisting", "arguing", "asserting"}
    return {"REPORTING": content, "_REPORTING_THAT": frozenset({"alleged"})}


# Candidates that change how features are built: module attributes of analysis.measures.stance to set.
PATCHES = {
    "reporting-union-that": lambda: _reporting("union-that"),
    "reporting-content": lambda: _reporting("content"),
}
CANDIDATES = ("baseline", "C0.03", "C0.1", "offsets", "two-stage", "unbalanced", *TRANSFORMS, *PATCHES)


def featurize_with(name: str, frame, resources) -> list[dict]:
    """Features of ``frame`` as candidate ``name`` builds them."""
    from analysis.measures import stance
    from analysis.measures.stance_model import featurize

    patch = PATCHES.get(name)
    saved = {}
    if patch is not None:
        values = patch()
        saved = {k: getattr(stance, k) for k in values}
        for k, v in values.items():
            setattr(stance, k, v)
    try:
        return featurize(frame, resources=resources)
    finally:
        for k, v in saved.items():
            setattr(stance, k, v)


def _offsets(proba: np.ndarray, labels: np.ndarray, classes: np.ndarray) -> tuple[float, float, float]:
    """Offsets (neg, pos; neu fixed at 0) on a 0.05 grid in [-1, 1] maximising macro-F1; returns (F1, neg, pos)."""
    from sklearn.metrics import f1_score

    logp = np.log(proba + 1e-12)
    best = (-1.0, 0.0, 0.0)
    grid = np.round(np.arange(-1.0, 1.0001, 0.05), 2)
    for a in grid:
        for c in grid:
            f1 = f1_score(labels, classes[(logp + [a, 0.0, c]).argmax(axis=1)], labels=list(classes), average="macro")
            if f1 > best[0] + 1e-12:
                best = (float(f1), float(a), float(c))
    return best


def out_of_fold(name: str, features: list[dict], labels: np.ndarray, fold: np.ndarray) -> np.ndarray:
    """Out-of-fold class probabilities (columns neg, neu, pos) of candidate ``name``."""
    from sklearn.linear_model import LogisticRegression

    from analysis.measures.stance_model import LABELS, _fit

    transform = TRANSFORMS.get(name)
    if transform is not None:
        features = [transform(f) for f in features]
    c = float(name[1:]) if name.startswith("C0") else C
    proba = np.zeros((len(features), 3))
    for k in range(FOLDS):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        model = _fit([features[i] for i in train], labels[train].tolist(), C=c, min_df=MIN_DF)
        if name not in ("two-stage", "unbalanced"):
            proba[test] = model.predict_proba_features([features[i] for i in test])
            continue
        X, Xt, y = model.matrix([features[i] for i in train]), model.matrix([features[i] for i in test]), labels[train]
        if name == "unbalanced":
            est = LogisticRegression(C=c, max_iter=2000).fit(X, y)
            proba[test] = est.predict_proba(Xt)[:, [list(est.classes_).index(label) for label in LABELS]]
            continue
        polar = y != "neu"
        first = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(X, polar)
        second = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(X[polar], y[polar] == "pos")
        p_polar, p_pos = first.predict_proba(Xt)[:, 1], second.predict_proba(Xt)[:, 1]
        proba[test] = np.c_[p_polar * (1 - p_pos), 1 - p_polar, p_polar * p_pos]
    return proba


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("candidates", nargs="*", default=["baseline"], help=f"any of: {', '.join(CANDIDATES)}")
    parser.add_argument("--dev-data", default=None, help="folder holding newsmtsc-train.jsonl (default: ../shared/dev-data)")
    parser.add_argument("--held-out", action="store_true", help="also score each candidate once on the held-out part")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.candidates) - set(CANDIDATES))
    if unknown:
        parser.error(f"unknown candidate(s) {', '.join(unknown)}; choose from {', '.join(CANDIDATES)}")
    from sklearn.metrics import f1_score, roc_auc_score

    from analysis.measures.stance import load_stance_resources
    from analysis.measures.stance_model import LABELS, _fit, _fold_of, load_model

    data = load_newsmtsc(locate(args.dev_data))
    dev = data[data["part"] == "dev"].reset_index(drop=True)
    held = data[data["part"] != "dev"].reset_index(drop=True)
    resources = load_stance_resources()
    classes = np.array(LABELS, dtype=object)
    labels = np.array(dev["label"].tolist(), dtype=object)
    y_held = np.array(held["label"].tolist(), dtype=object)
    fold = _fold_of(dev["group"].astype(str).tolist(), FOLDS, 0)
    cache: dict[tuple[str, str], list[dict]] = {}

    def features_of(name: str, frame, key: str) -> list[dict]:
        base = name if name in PATCHES else "baseline"
        if (base, key) not in cache:
            cache[(base, key)] = featurize_with(base, frame, resources)
        return cache[(base, key)]

    for name in args.candidates:
        features = features_of(name, dev, "dev")
        proba = out_of_fold("baseline" if name == "offsets" else name, features, labels, fold)
        f1 = f1_score(labels, classes[proba.argmax(axis=1)], labels=list(LABELS), average="macro")
        line = f"{name}: development part, {FOLDS}-fold out-of-fold macro-F1 {f1:.4f}, AUC negative {roc_auc_score(labels == 'neg', proba[:, 0]):.4f}"
        offsets = (0.0, 0.0)
        if name == "offsets":
            best, a, c = _offsets(proba, labels, classes)
            offsets = (a, c)
            line += f"; with offsets neg {a:+.2f}, pos {c:+.2f} (chosen on these probabilities): {best:.4f}"
        print(line, flush=True)
        if not args.held_out:
            continue
        if name == "offsets":
            model = load_model(paths.STANCE_MODEL)
            proba = model.predict_proba_features(features_of("baseline", held, "held"))
            proba = proba[:, [list(model.classes).index(label) for label in LABELS]]
            p = np.log(proba) + [offsets[0], 0.0, offsets[1]]
        elif name in ("two-stage", "unbalanced") or name.startswith("C0"):
            parser.error(f"--held-out: {name} is not kept; its development number decides")
        else:
            transform = TRANSFORMS.get(name, lambda f: f)
            model = _fit([transform(f) for f in features], labels.tolist(), C=C, min_df=MIN_DF)
            p = model.predict_proba_features([transform(f) for f in features_of(name, held, "held")])
        f1 = f1_score(y_held, classes[p.argmax(axis=1)], labels=list(LABELS), average="macro")
        auc = roc_auc_score(y_held == "neg", p[:, 0])
        print(f"{name}: held-out part, macro-F1 {f1:.4f}, AUC negative {auc:.4f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

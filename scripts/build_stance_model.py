"""Rebuild the bundled stance models (data/models/stance_newsmtsc_roles.json, stance_newsmtsc_vectors.json and stance_newsmtsc.json) from NewsMTSC, byte for byte.

Usage (from the repository root; ``make models`` runs exactly this):

    PYTHONPATH=. python scripts/build_stance_model.py [--dev-data ../shared/dev-data] [--check]
    PYTHONPATH=. python scripts/build_stance_model.py --only roles --out other.json

Trains :mod:`analysis.measures.stance_model` (multinomial logistic regression on the rule-based and
context features of :func:`analysis.measures.stance.analyze_spans`) on the **development part** of
``newsmtsc-train.jsonl`` (70 % of its stories, split by SHA-1 of the story id, as in
``scripts/validate_stance.py``), so that the held-out part stays unseen and the validation
numbers are those of the shipped files. Three models, the same data and settings:

- ``stance_newsmtsc.json`` (version 3, ``score --stance model``; the default until issue 15);
- ``stance_newsmtsc_vectors.json`` (version 4, ``score --stance vectors``; the default before version 5): the same features plus
  the static word vectors of :data:`analysis.paths.STANCE_WORD_VECTORS` (``#vL`` / ``#vR`` /
  ``#vS``: the weighted mean vectors of the 6 words each side of a mention and of its sentence;
  the table is an input, like a lexicon: ``scripts/build_stance_vectors.py`` builds it);
- ``stance_newsmtsc_roles.json`` (version 6, ``score --stance roles``, the default; version 5 before the round-7 rules): version 4's features, but the
  words the rules give a role (harm suffered, a bad thing reduced, blame rejected, a speech act and its charge) are
  no learned features (:func:`analysis.measures.stance._role_words`; issue 15's failure sentences).

Settings (C, min_df, word features scaled by their naive-Bayes log-count ratio before fitting, the
Porter-stem features, the word-vector window, dimensions and scale, the most probable class as the
decision rule) were chosen by 5-fold cross-validation on the development part only (three fold
assignments; ``scripts/stance_candidates.py``). Coefficients are rounded to 6 significant digits
and the JSON is written with sorted keys, so the same data and code give the same bytes.
``--check`` writes nothing and exits 1 when a model file would change.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one BLAS thread: the same sums in the same order
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from startup import ROOT, add_dev_data  # first: puts the repository and scripts/ on sys.path

from newsmtsc import FILE, load_newsmtsc, locate  # noqa: E402

from analysis import paths  # noqa: E402

C = 0.03
MIN_DF = 2
COMMAND = "make models"
# name -> (file, version, word vectors)
MODELS = {
    "model": (paths.STANCE_MODEL, "3", False),
    "vectors": (paths.STANCE_MODEL_VECTORS, "4", True),
    "roles": (paths.STANCE_MODEL_ROLES, "6", "roles"),
}


def build(dev_data: str | Path | None = None, out: str | Path | None = None, *, which: str = "roles") -> Path:
    """Train model ``which`` (a key of :data:`MODELS`) on the development part and write it; returns its path."""
    import numpy as np

    from analysis.measures.stance import load_stance_resources
    from analysis.measures.stance_model import train

    default_out, version, vectors = MODELS[which]
    source = locate(dev_data)
    data = load_newsmtsc(source)
    dev = data[data["part"] == "dev"].reset_index(drop=True)
    resources = load_stance_resources()
    model = train(dev, C=C, min_df=MIN_DF, resources=resources, vectors=bool(vectors), roles=vectors == "roles")
    model.coef = np.array([[float(f"{v:.6g}") for v in row] for row in model.coef])
    model.intercept = np.array([float(f"{v:.6g}") for v in model.intercept])
    model.metadata.update({
        "name": Path(default_out).stem,
        "version": version,
        "training_data": f"NewsMTSC {FILE} (Hamborg & Donnay 2021), development part: the {len(dev):,} (sentence, target) "
                         f"rows of {dev['group'].nunique():,} stories whose SHA-1 story bucket is 3..9 of 0..9; "
                         "the other 30 % of stories are held out for scripts/validate_stance.py",
        "licence": "model trained on NewsMTSC, MIT licence (c) Felix Hamborg; see data/README.md",
        "citation": "Hamborg, F. & Donnay, K. (2021). NewsMTSC: A Dataset for (Multi-)Target-dependent Sentiment "
                    "Classification in Political News Articles. EACL 2021.",
        "command": COMMAND,
    })
    if vectors:
        model.metadata["word_vectors"] = (
            f"{paths.display(paths.STANCE_WORD_VECTORS)} (static vectors distilled from all-MiniLM-L6-v2, Apache-2.0; "
            "built by scripts/build_stance_vectors.py; see data/README.md)")
    out = Path(out) if out else default_out
    model.save(out)
    print(f"model: {out} ({len(model.vocabulary):,} features, {len(dev):,} training rows, {out.stat().st_size:,} bytes)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_data(parser, "newsmtsc-train.jsonl")
    parser.add_argument("--only", choices=sorted(MODELS), default=None,
                        help="build one model: roles (stance_newsmtsc_roles.json, the default of score), vectors "
                             "(stance_newsmtsc_vectors.json) or model (stance_newsmtsc.json)")
    parser.add_argument("--out", default=None, help="model file to write (with --only; default: the bundled file)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a bundled model file would change")
    args = parser.parse_args(argv)
    if args.out and not args.only:
        parser.error("--out needs --only roles, --only vectors or --only model")
    which = [args.only] if args.only else list(MODELS)
    if not args.check:
        for name in which:
            build(args.dev_data, args.out, which=name)
        return 0
    stale = []
    with tempfile.TemporaryDirectory(prefix="stance_models_") as tmp:
        for name in which:
            shipped = Path(args.out) if args.out else MODELS[name][0]
            fresh = build(args.dev_data, Path(tmp) / shipped.name, which=name)
            if not shipped.is_file() or shipped.read_bytes() != fresh.read_bytes():
                stale.append(paths.display(shipped))
    if stale:
        print(f"out of date: {', '.join(stale)}; rebuild with `make models`", file=sys.stderr)
        return 1
    print("stance models up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

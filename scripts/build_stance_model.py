"""Rebuild the shipped stance model (data/models/stance_newsmtsc.json) from NewsMTSC, byte for byte.

Usage (from the repository root; ``make models`` runs exactly this):

    PYTHONPATH=. python scripts/build_stance_model.py [--dev-data ../shared/dev-data] [--out data/models/stance_newsmtsc.json]

Trains :mod:`analysis.measures.stance_model` (multinomial logistic regression on the rule-based and
context features of :func:`analysis.measures.stance.analyze_spans`) on the **development part** of
``newsmtsc-train.jsonl`` (70 % of its stories, split by SHA-1 of the story id, as in
``scripts/validate_stance.py``), so that the held-out part stays unseen and the validation
numbers are those of the shipped file. Settings (C, min_df, word features scaled by their
naive-Bayes log-count ratio before fitting, the Porter-stem features, the most probable class as the
decision rule) were chosen by 5-fold cross-validation on the development part only (three fold
assignments; ``scripts/stance_candidates.py``). Coefficients are rounded to 6 significant digits
and the JSON is written with sorted keys, so the same data and code give the same bytes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one BLAS thread: the same sums in the same order
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
for p in (str(ROOT), str(ROOT / "scripts")):
    if p not in sys.path:
        sys.path.insert(0, p)

from newsmtsc import FILE, load_newsmtsc, locate  # noqa: E402

from analysis import paths  # noqa: E402

C = 0.03
MIN_DF = 2
COMMAND = "make models"
VERSION = "3"


def build(dev_data: str | Path | None = None, out: str | Path | None = None) -> Path:
    """Train on the development part and write the model; returns its path."""
    import numpy as np

    from analysis.measures.stance import load_stance_resources
    from analysis.measures.stance_model import train

    source = locate(dev_data)
    data = load_newsmtsc(source)
    dev = data[data["part"] == "dev"].reset_index(drop=True)
    resources = load_stance_resources()
    model = train(dev, C=C, min_df=MIN_DF, resources=resources)
    model.coef = np.array([[float(f"{v:.6g}") for v in row] for row in model.coef])
    model.intercept = np.array([float(f"{v:.6g}") for v in model.intercept])
    model.metadata.update({
        "name": "stance_newsmtsc",
        "version": VERSION,
        "training_data": f"NewsMTSC {FILE} (Hamborg & Donnay 2021), development part: the {len(dev):,} (sentence, target) "
                         f"rows of {dev['group'].nunique():,} stories whose SHA-1 story bucket is 3..9 of 0..9; "
                         "the other 30 % of stories are held out for scripts/validate_stance.py",
        "licence": "model trained on NewsMTSC, MIT licence (c) Felix Hamborg; see data/README.md",
        "citation": "Hamborg, F. & Donnay, K. (2021). NewsMTSC: A Dataset for (Multi-)Target-dependent Sentiment "
                    "Classification in Political News Articles. EACL 2021.",
        "command": COMMAND,
    })
    out = Path(out) if out else paths.STANCE_MODEL
    model.save(out)
    print(f"model: {out} ({len(model.vocabulary):,} features, {len(dev):,} training rows, {out.stat().st_size:,} bytes)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-data", default=None, help="folder holding newsmtsc-train.jsonl (default: ../shared/dev-data)")
    parser.add_argument("--out", default=None, help=f"model file to write (default: {paths.display(paths.STANCE_MODEL)})")
    args = parser.parse_args(argv)
    build(args.dev_data, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

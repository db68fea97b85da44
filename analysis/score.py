"""Score a corpus end to end (loaded language, frames, stance) and write the DESIGN.md output tables atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.io import write_csv

__all__ = ["OUTPUT_FILES", "Scorer", "score_corpus", "write_scores"]

# file name -> table key; the order is the order of writing
OUTPUT_FILES = {
    "articles.csv": "articles",
    "spans.csv": "spans",
    "mentions.csv": "mentions",
    "stance.csv": "stance",
    "frame_spans.csv": "frame_spans",
}


@dataclass
class Scorer:
    """The resources a scoring run uses, loaded once and reused for every chunk of articles.

    Build it with :meth:`Scorer.load`; call it on a corpus table (or any chunk of one).
    """

    lexicon: object
    targets: object | None = None
    frames: object | None = None
    stance_model: object | None = None

    @classmethod
    def load(
        cls,
        *,
        lexicon: str | Path | None = None,
        targets: str | Path | None = None,
        frames: str | Path | None = None,
        stance_model: str | Path | None = None,
        allow_pickle: bool = False,
    ) -> "Scorer":
        """Load the lexicon, targets, frames and (optionally) a trained stance model.

        Args:
            lexicon: Loaded-language lexicon CSV (default: the bundled one).
            targets: Targets CSV (default: the bundled one, if present).
            frames: Frames CSV (default: the bundled one, if present).
            stance_model: A model file from ``python -m analysis stance train``.
            allow_pickle: Passed to the model loader; only for model files you trust.
        """
        from analysis.lexicon import Lexicon

        lex = Lexicon.from_csv(Path(lexicon) if lexicon else paths.LOADED_LEXICON)
        tgt = None
        target_path = Path(targets) if targets else paths.TARGETS
        if targets or target_path.exists():
            from analysis.targets import Targets

            tgt = Targets.from_csv(target_path)
        frm = None
        frames_path = Path(frames) if frames else paths.FRAMES
        if frames or frames_path.exists():
            frm = Lexicon.from_csv(frames_path)
        model = None
        if stance_model:
            from analysis.stance_model import load_model

            model = load_model(stance_model, allow_pickle=allow_pickle)
        return cls(lexicon=lex, targets=tgt, frames=frm, stance_model=model)

    def __call__(self, corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
        """Score a chunk of articles; returns the output tables keyed as in ``OUTPUT_FILES``."""
        return score_corpus(corpus, self)


def score_corpus(corpus: pd.DataFrame, scorer: Scorer) -> dict[str, pd.DataFrame]:
    """Score every article of ``corpus``: a pure function of the articles and the scorer's resources.

    Args:
        corpus: The corpus table (``id``, ``source``, ``text``), or any chunk of it.
        scorer: The loaded resources.

    Returns:
        ``articles`` (one row per article: loaded language, frames), ``spans`` (loaded-language
        evidence), ``frame_spans``, ``mentions`` and ``stance`` (empty without targets).
    """
    from analysis.loaded import score_loaded

    articles, spans = score_loaded(corpus, scorer.lexicon)
    tables = {"articles": articles, "spans": spans}
    if scorer.frames is not None:
        from analysis.frames import score_frames

        frame_articles, frame_spans = score_frames(corpus, scorer.frames)
        frame_cols = ["id", *[c for c in frame_articles.columns if c.startswith("frame_")]]
        tables["articles"] = articles.merge(frame_articles[frame_cols], on="id", how="left", validate="one_to_one")
        tables["frame_spans"] = frame_spans
    if scorer.targets is not None:
        from analysis.stance import score_stance

        mentions, stance = score_stance(corpus, scorer.targets, lexicon=scorer.lexicon, model=scorer.stance_model)
        tables["mentions"] = mentions
        tables["stance"] = stance
    return tables


def write_scores(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write the tables into ``out_dir`` so that a reader sees all old files or all new ones.

    Every file is first written into a temporary folder beside ``out_dir``; only when all are
    written are they moved into place. A failure leaves earlier outputs untouched.

    Returns:
        The paths written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".score-", dir=out))
    written = []
    try:
        for name, key in OUTPUT_FILES.items():
            if key in tables:
                write_csv(tables[key], staging / name)
        for name, key in OUTPUT_FILES.items():
            if key in tables:
                os.replace(staging / name, out / name)
                written.append(out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written

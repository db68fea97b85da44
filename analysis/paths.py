"""Default locations of the project's data, lexicons, outputs and report (the only module that knows them)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DATA = ROOT / "data"
RAW = DATA / "raw"
LEXICONS = DATA / "lexicons"
ANNOTATIONS = DATA / "annotations"

LOADED_LEXICON = LEXICONS / "loaded_language.csv"
TARGETS = LEXICONS / "targets.csv"
FRAMES = LEXICONS / "frames.csv"
STANCE_CUES = LEXICONS / "stance_cues.csv"
NAMING_VARIANTS = LEXICONS / "naming_variants.csv"
ORGANISATIONS = LEXICONS / "organisations.csv"
GAZETTEER = LEXICONS / "gazetteer.csv"
FRAMES_POLICY = LEXICONS / "frames_policy.csv"
MODELS = DATA / "models"
STANCE_MODEL = MODELS / "stance_newsmtsc.json"

FIGURES = ROOT / "figures"
RESULTS = ROOT / "results"
REPORT = ROOT / "report"
BUILD = ROOT / "build"

# Development data and reference lexicons live beside the repository, never inside it.
SHARED = ROOT.parent / "shared"
DEV_DATA = SHARED / "dev-data"
REFERENCE_LEXICONS = SHARED / "resources" / "lexicons"


def resolve(path: str | Path) -> Path:
    """Resolve a user-given path: ``~`` expanded, relative paths taken from the project root.

    Notebooks get their paths as parameters; resolving them here means a notebook gives the
    same result whether papermill runs it from the root or JupyterLab from ``notebooks/``.
    """
    p = Path(path).expanduser()
    return p if p.is_absolute() else ROOT / p


def display(path: str | Path) -> str:
    """A path as shown in reports: relative to the project root when inside it, else absolute."""
    p = resolve(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return p.as_posix()

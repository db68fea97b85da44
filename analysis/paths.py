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

FIGURES = ROOT / "figures"
RESULTS = ROOT / "results"
REPORT = ROOT / "report"
BUILD = ROOT / "build"

# Development data and reference lexicons live beside the repository, never inside it.
SHARED = ROOT.parent / "shared"
DEV_DATA = SHARED / "dev-data"
REFERENCE_LEXICONS = SHARED / "resources" / "lexicons"

"""Default locations of the project's data, lexicons, outputs and report (the only module that knows them)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DATA = ROOT / "data"
RAW = DATA / "raw"
LEXICONS = DATA / "lexicons"
ANNOTATIONS = DATA / "annotations"
GOLD_STANCE = ANNOTATIONS / "stance.csv"  # coded for the actors of TARGETS

LOADED_LEXICON = LEXICONS / "loaded_language.csv"
TARGETS = LEXICONS / "targets.csv"
FRAMES = LEXICONS / "frames.csv"
STANCE_CUES = LEXICONS / "stance_cues.csv"
NAMING_VARIANTS = LEXICONS / "naming_variants.csv"
ORGANISATIONS = LEXICONS / "organisations.csv"
GAZETTEER = LEXICONS / "gazetteer.csv"
FRAMES_POLICY = LEXICONS / "frames_policy.csv"
MODELS = DATA / "models"
STANCE_MODEL = MODELS / "stance_newsmtsc.json"  # `score --stance model` (v3)
STANCE_MODEL_VECTORS = MODELS / "stance_newsmtsc_vectors.json"  # `score --stance vectors` (v4): v3 + word vectors
STANCE_MODEL_ROLES = MODELS / "stance_newsmtsc_roles.json"  # the default (`score --stance roles`, v6): v4 + the rules' roles
STANCE_WORD_VECTORS = MODELS / "stance_word_vectors.npz"  # static word vectors that model's features read

FIGURES = ROOT / "figures"
RESULTS = ROOT / "results"
REPORT = ROOT / "report"
BUILD = ROOT / "build"


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


def os_error_message(err: OSError, path: str | Path | None = None, *, writing: bool = False) -> str:
    """One line for a failed read or write: the path, the reason and what to do.

    Args:
        err: The error the operating system gave.
        path: The path to name when ``err`` carries none.
        writing: Say "cannot write" before the reason.
    """
    import errno

    fix = {
        errno.EACCES: "you may not use that path: fix its permissions or choose another",
        errno.EPERM: "you may not use that path: fix its permissions or choose another",
        errno.EROFS: "the file system is read-only: choose a path on a writable disk",
        errno.ENOSPC: "the disk is full: free some space (or choose a path on another disk) and rerun",
        errno.EDQUOT: "your disk quota is used up: free some space and rerun",
        errno.EFBIG: "the file is too large for this file system: choose a path on another disk",
    }.get(err.errno, "check the path and rerun")
    reason = err.strerror or str(err)
    return f"{err.filename or path or 'a file'}: {f'cannot write ({reason})' if writing else reason}; {fix}."


class ProtectedPathError(ValueError):
    """A write into the raw data or into the input: refused, with the path and what to do."""


def refuse_protected(path: str | Path, *, what: str = "output path", inputs: tuple = ()) -> Path:
    """Refuse to write at ``path`` when it is inside ``data/raw`` or inside an input (symbolic links followed).

    Args:
        path: Where something would be written (a file or a folder).
        what: How the user gave the path, for the message ("--out", "FIG_DIR", ...).
        inputs: Files or folders being read: a path inside one (or equal to one) is refused.

    Returns:
        ``path`` as a Path.

    Raises:
        ProtectedPathError: Naming the path, what it is inside, and what to do.
    """
    p = Path(path).expanduser()
    real = p.resolve()
    raw = RAW.resolve()
    if real == raw or raw in real.parents:
        raise ProtectedPathError(f"{p}: inside {display(raw)}, which is never modified. Choose another {what}.")
    for item in inputs:
        if item is None:
            continue
        source = Path(item).expanduser().resolve()
        if real == source:
            raise ProtectedPathError(f"{p}: is the input {item} itself. Choose another {what}.")
        if source.is_dir() and source in real.parents:
            raise ProtectedPathError(f"{p}: inside the input folder {item}, which is never modified. Choose another {what}.")
    return p

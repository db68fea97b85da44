"""What every script in ``scripts/`` starts with: the repository on ``sys.path``, and where development data live.

A script's first import of the project is ``from startup import ROOT`` (Python puts a script's own
folder, ``scripts/``, first on ``sys.path``; the tests do the same): it puts the repository and
``scripts/`` on ``sys.path``, so ``import analysis`` works without installing the package and the
scripts can import each other.

Annotated development data (ptc-dev, BABE, NewsMTSC) are never in the repository. A script that reads
them takes their folder as ``--dev-data`` (:func:`add_dev_data`), by default :data:`DEV_DATA`
(``../shared/dev-data`` beside the repository), and stops with a one-line message that names the
folder and what it lacks when they are absent (:func:`missing`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
for _path in (str(ROOT), str(SCRIPTS)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

DEV_DATA = ROOT.parent / "shared" / "dev-data"
DEV_DATA_HELP = "default: ../shared/dev-data beside the repository"


def add_dev_data(parser, holds: str) -> None:
    """Add ``--dev-data DIR`` (default :data:`DEV_DATA`) to an ``argparse`` parser; ``holds`` says what the folder holds."""
    parser.add_argument("--dev-data", default=str(DEV_DATA), metavar="DIR", help=f"folder with {holds} ({DEV_DATA_HELP})")


def missing(folder: str | Path, *needed: str) -> str | None:
    """The one-line error for a development-data folder that lacks any of ``needed`` (paths inside it), else None.

    Example:
        >>> missing("/nowhere", "ptc-dev/articles", "babe-dev.csv")
        'error: /nowhere has no ptc-dev/articles, babe-dev.csv; pass the development data folder with --dev-data (default: ../shared/dev-data beside the repository).'
    """
    folder = Path(folder)
    lacking = [name for name in needed if not (folder / name).exists()]
    if not lacking:
        return None
    return f"error: {folder} has no {', '.join(lacking)}; pass the development data folder with --dev-data ({DEV_DATA_HELP})."

"""A copy of the project with what `make -n report` reads (the Makefile, the report's template, the bundled corpus,
lexicons and notebooks), for tests of make in another folder: one whose path holds a space, one with a notebook added."""

from __future__ import annotations

import shutil

from analysis import paths

LEXICONS = ("targets", "frames", "frames_policy", "loaded_language", "gazetteer")


def copy_project(root):
    """Copy into ``root`` (created) what ``make -n report`` reads; return ``root``."""
    for name in ["Makefile", "report/report.typ", *(f"data/lexicons/{f}.csv" for f in LEXICONS)]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(paths.ROOT / name, root / name)
    shutil.copytree(paths.RAW, root / "data" / "raw")
    shutil.copytree(paths.ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns("exercises"))
    return root

"""Write docs/outputs.md: every output table of `python -m analysis score` and its columns.

Usage (from the repository root):

    PYTHONPATH=. python scripts/outputs_doc.py            # rewrite docs/outputs.md
    PYTHONPATH=. python scripts/outputs_doc.py --check    # exit 1 if it is out of date

The text comes from ``analysis/tables/outputs.py``; ``tests/test_outputs_doc.py`` checks that it lists every
column the scorer writes and that the committed file is current.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from startup import ROOT  # first: puts the repository and scripts/ on sys.path

from analysis.tables.outputs import render  # noqa: E402

OUT = ROOT / "docs" / "outputs.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/outputs.md is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print("docs/outputs.md is out of date: run PYTHONPATH=. python scripts/outputs_doc.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

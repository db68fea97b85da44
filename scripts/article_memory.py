"""Peak memory of ``python -m analysis score`` on one very long article (issue 20: memory per article).

Builds a corpus folder holding ONE article of about SIZE megabytes (synthetic articles of
:mod:`analysis.corpus.synthetic` joined by blank lines, so it reads as one long story in
paragraphs), scores it with ``python -m analysis score`` in a child process and prints the child's
peak resident memory (max RSS), beside the baseline: the same command on a one-paragraph article.
The target of issue 20 is a peak under ``baseline + 10 x article size``.

Usage (from the repository root; sizes in MB, default ``1 5``)::

    .venv/bin/python scripts/article_memory.py 1 5 50

Not a test: it takes minutes for 50 MB and its numbers depend on the machine (Linux: max RSS is
read from ``getrusage(RUSAGE_CHILDREN)``, so each size runs in its own child).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup import ROOT  # first: puts the repository and scripts/ on sys.path


def long_article(size: int) -> str:
    """About ``size`` characters: synthetic articles 0, 1, ... joined by blank lines (cut at a paragraph)."""
    from analysis.corpus.synthetic import generate_article

    parts, total, i = [], 0, 0
    while total < size:
        text = generate_article(i)["text"].strip()
        parts.append(text)
        total += len(text) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def peak_rss_mb(text: str, work: Path) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of ``python -m analysis score`` on a corpus of one article ``text``."""
    corpus = work / "corpus"
    corpus.mkdir(exist_ok=True)
    for old in corpus.iterdir():
        old.unlink()
    (corpus / "long.txt").write_text(text, encoding="utf-8")
    out = work / "out"
    code = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:])\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(p.returncode)\n"
    )
    cmd = [sys.executable, "-c", code, sys.executable, "-m", "analysis", "score", str(corpus), "--out", str(out),
           "--no-progress", "--no-resume"]
    t0 = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if run.returncode != 0:
        sys.exit(f"score failed ({run.returncode}): {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ''}")
    return int(run.stdout.strip().splitlines()[-1]) / 1024, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 5], help="article sizes in MB (default: 1 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base, _ = peak_rss_mb(long_article(2_000), work)
        print(f"baseline (one 2,000-character article): peak {base:.0f} MB")
        print("| article | characters | peak RSS | peak - baseline | per character | time |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for mb in args.sizes:
            text = long_article(int(mb * 1_000_000))
            peak, seconds = peak_rss_mb(text, work)
            extra = peak - base
            print(f"| {mb:g} MB | {len(text):,} | {peak:,.0f} MB | {extra:,.0f} MB | {extra * 2**20 / len(text):.1f} bytes "
                  f"| {seconds:.0f} s |", flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())

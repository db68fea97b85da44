"""The ``explore`` subcommand: write the HTML explorer of a scored corpus (a folder of static files)."""

from __future__ import annotations

import argparse

from analysis import paths
from analysis.cli.corpus import add_corpus_options, corpus_options
from analysis.cli.main import add_command

EXAMPLE = """example:
  python -m analysis score data/raw --out results/scores
  python -m analysis explore data/raw --scores results/scores --out build/explore
  # then open build/explore/index.html in a browser (no server needed, works offline)
"""


def register(subparsers) -> None:
    from analysis.report.explore import DEFAULT_MAX_ARTICLES

    parser = add_command(
        subparsers, "explore",
        help="write an HTML explorer of a scored corpus: highlighted articles, concordances, terms by source",
        description="Write a self-contained HTML explorer (index.html and its files) from the corpus and its score tables.",
        example=EXAMPLE,
    )
    parser.add_argument("input", help="the corpus that was scored: a folder of .txt files or a .csv/.jsonl/.parquet file")
    parser.add_argument("--scores", default=str(paths.RESULTS / "scores"), help="output folder of `python -m analysis score` (default: results/scores)")
    parser.add_argument("--out", default=str(paths.BUILD / "explore"), help="folder to write (replaced as a whole; default: build/explore)")
    add_corpus_options(parser)
    parser.add_argument("--title", default="", help="title shown at the top of the page")
    parser.add_argument("--max-articles", type=int, default=DEFAULT_MAX_ARTICLES,
                        help=f"larger corpora are sampled down to this many articles, spread over sources (default: {DEFAULT_MAX_ARTICLES:,})")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from analysis.cli.main import UsageError
    from analysis.corpus import load_corpus
    from analysis.report.explore import ExploreError, build_explorer, read_tables

    if args.max_articles < 1:
        raise UsageError(f"--max-articles {args.max_articles}: must be 1 or more")
    _check_out(args)
    try:
        tables = read_tables(args.scores)
        corpus = load_corpus(Path(args.input).expanduser(), **corpus_options(args))
        index = build_explorer(corpus, tables, args.out, title=args.title, max_articles=args.max_articles)
    except ExploreError as err:
        raise UsageError(str(err)) from None
    size = sum(p.stat().st_size for p in index.parent.iterdir())
    print(f"wrote {index} ({size / 2**20:.1f} MB); open it in a browser")
    return 0


def _check_out(args: argparse.Namespace) -> None:
    """``--out`` is replaced as a whole: refuse data/raw, the inputs, and any folder that is not an explorer's."""
    from analysis.cli.main import UsageError
    from analysis.report.explore import STATIC_FILES

    out = paths.refuse_protected(args.out, what="--out (EXPLORE_DIR)", inputs=(args.input, args.scores))
    if not out.exists() and not out.is_symlink():
        return
    if out.is_symlink() or not out.is_dir():
        raise UsageError(f"{out}: exists and is not a folder; explore writes a folder there. Choose a new folder for --out (EXPLORE_DIR).")
    explorer = {*STATIC_FILES, "data.js"}
    other = sorted(p.name for p in out.iterdir() if p.name not in explorer or not p.is_file())
    if other:
        raise UsageError(
            f"{out}: holds {other[0]!r}, which is not part of an explorer; explore replaces its --out folder as a whole. "
            "Choose a new or empty folder for --out (EXPLORE_DIR), or an earlier explorer folder."
        )

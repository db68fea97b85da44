"""The ``corpus`` subcommand: a per-source summary of a corpus."""

from __future__ import annotations

import argparse

from analysis import paths
from analysis.corpus import load_corpus, summarize_by_source

EXAMPLE = """example:
  python -m analysis corpus data/raw
  python -m analysis corpus my_articles.csv --source-column outlet
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "corpus",
        help="print a per-source summary of a corpus (articles, words, sentences)",
        description="Load a corpus and print articles, words and sentences per source.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", nargs="?", default=str(paths.RAW), help="folder of .txt files, or a .csv/.jsonl/.parquet file (default: the bundled corpus)")
    parser.add_argument("--source-column", default="source", help="column that names each article's source (default: source)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.input, source_column=args.source_column)
    summary = summarize_by_source(corpus)
    total = summary[["articles", "words", "sentences"]].sum()
    width = max([len("source"), len("total"), *(len(s) for s in summary["source"])])
    print(f"{'source':<{width}}  {'articles':>8}  {'words':>9}  {'sentences':>9}")
    for row in summary.itertuples(index=False):
        print(f"{row.source:<{width}}  {row.articles:>8,}  {row.words:>9,}  {row.sentences:>9,}")
    print(f"{'total':<{width}}  {int(total['articles']):>8,}  {int(total['words']):>9,}  {int(total['sentences']):>9,}")
    return 0

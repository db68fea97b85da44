"""The ``reuse`` subcommand: find near-duplicate articles (text reuse) once, for the notebooks to read back."""

from __future__ import annotations

import argparse

from analysis.cli.main import add_command
from analysis.compare.summaries import REUSE_MAX_ARTICLES

EXAMPLE = """example:
  python -m analysis reuse data/raw
  python -m analysis reuse my_articles.csv --source-column outlet --cache results/.text_reuse

With --cache, the result is kept in that folder; notebooks 02, 03 and 04 (given the same results
folder) read it back instead of comparing every pair of articles again. `make report` runs this
step on its own, so that `make -j2 report` does it while the corpus is being scored.
"""


def register(subparsers) -> None:
    parser = add_command(
        subparsers, "reuse",
        help="find near-duplicate articles (shared word trigrams) and keep the result for the notebooks",
        description="Compare the articles of a corpus for text reuse (word-trigram containment, as notebook 04 "
        "does: every pair up to 20,000 articles, MinHash-LSH candidates above) and print the pairs found.",
        example=EXAMPLE,
    )
    parser.add_argument("input", help="folder of .txt files (+ metadata.csv), or a .csv/.jsonl/.parquet/.xlsx file")
    parser.add_argument("--source-column", default="source", help="column that names each article's source (default: source)")
    parser.add_argument("--cache", metavar="DIR", help="keep the result in this folder (the notebooks' results folder/.text_reuse)")
    parser.add_argument("--max-articles", type=int, default=REUSE_MAX_ARTICLES, metavar="N",
                        help=f"skip the check above N articles, as the notebooks do (default: {REUSE_MAX_ARTICLES:,})")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis.compare.similarity import DEFAULT_THRESHOLD, text_reuse
    from analysis.compare.summaries import REUSE_PAIRS_LISTED
    from analysis.corpus import load_corpus
    from analysis.paths import refuse_protected

    if args.cache:
        refuse_protected(args.cache, what="--cache", inputs=(args.input,))
    corpus = load_corpus(args.input, source_column=args.source_column)
    if len(corpus) > args.max_articles:
        print(f"text reuse not checked: {len(corpus):,} articles > --max-articles {args.max_articles:,}")
        return 0
    # the call of notebook 04 and of statistics_corpus (notebooks 02, 03): the same cached result
    reuse = text_reuse(corpus, threshold=DEFAULT_THRESHOLD, by="source", max_pairs=REUSE_PAIRS_LISTED, cache_dir=args.cache)
    print(f"{reuse.n_pairs:,} near-duplicate pair(s) among {len(corpus):,} articles"
          + (f"; the {len(reuse.pairs)} most similar:" if len(reuse.pairs) else ""))
    for row in reuse.pairs.itertuples(index=False):
        print(f"  {row.id_a}  {row.id_b}  {row.similarity:.3f}")
    return 0

"""The ``reuse`` subcommand: find near-duplicate articles (text reuse) once, for the notebooks to read back."""

from __future__ import annotations

import argparse

from analysis.cli.corpus import add_corpus_input, corpus_options
from analysis.cli.main import add_command
from analysis.compare.summaries import REUSE_MAX_ARTICLES

EXAMPLE = """example:
  python -m analysis reuse data/raw
  python -m analysis reuse my_articles.csv --source-column outlet --cache results/.text_reuse

With --cache, the result is kept in that folder; notebooks 02, 03 and 04 (given the same results
folder) read it back instead of comparing every pair of articles again. With --events-cache, the
events of notebook 04 (its default parameters, the articles its statistics keep) are found too and
kept there; with --keyness-cache, so are its distinctive words. `make report` runs this step on its
own, so that `make -j2 report` does it while the corpus is being scored.
"""

# Notebook 04's default parameters for its distinctive words (min_term_articles, keyness_boot, seed;
# a test checks them against the notebook): with others the notebook computes them itself.
KEYNESS_OPTIONS = {"min_articles": 2, "n_boot": 200, "seed": 1}


def register(subparsers) -> None:
    parser = add_command(
        subparsers, "reuse",
        help="find near-duplicate articles (shared word trigrams) and keep the result for the notebooks",
        description="Compare the articles of a corpus for text reuse (word-trigram containment, as notebook 04 "
        "does: every pair up to 20,000 articles, MinHash-LSH candidates above) and print the pairs found.",
        example=EXAMPLE,
    )
    add_corpus_input(parser)
    parser.add_argument("--cache", metavar="DIR", help="keep the result in this folder (the notebooks' results folder/.text_reuse)")
    parser.add_argument("--events-cache", metavar="DIR",
                        help="also group the articles into events as notebook 04 does and keep them in this folder "
                        "(the notebooks' results folder/.events)")
    parser.add_argument("--keyness-cache", metavar="DIR",
                        help="also find notebook 04's distinctive words of each source (its default parameters, the "
                        "articles its statistics keep) and keep them in this folder (the notebooks' results folder/.keyness)")
    parser.add_argument("--max-articles", type=int, default=REUSE_MAX_ARTICLES, metavar="N",
                        help=f"skip the check above N articles, as the notebooks do (default: {REUSE_MAX_ARTICLES:,})")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis.compare.events import find_events
    from analysis.compare.similarity import DEFAULT_THRESHOLD, text_reuse
    from analysis.compare.summaries import REUSE_PAIRS_LISTED, collapse_for_statistics
    from analysis.corpus import load_corpus
    from analysis.paths import refuse_protected

    for option, folder in (("--cache", args.cache), ("--events-cache", args.events_cache),
                           ("--keyness-cache", args.keyness_cache)):
        if folder:
            refuse_protected(folder, what=option, inputs=(args.input,))
    corpus = load_corpus(args.input, **corpus_options(args))
    if len(corpus) > args.max_articles:
        print(f"text reuse not checked: {len(corpus):,} articles > --max-articles {args.max_articles:,}")
        kept = corpus
    else:
        # the call of notebook 04 and of statistics_corpus (notebooks 02, 03): the same cached result
        reuse = text_reuse(corpus, threshold=DEFAULT_THRESHOLD, by="source", max_pairs=REUSE_PAIRS_LISTED,
                           cache_dir=args.cache)
        print(f"{reuse.n_pairs:,} near-duplicate pair(s) among {len(corpus):,} articles"
              + (f"; the {len(reuse.pairs)} most similar:" if len(reuse.pairs) else ""))
        for row in reuse.pairs.itertuples(index=False):
            print(f"  {row.id_a}  {row.id_b}  {row.similarity:.3f}")
        kept = collapse_for_statistics(corpus, reuse)[0]  # the articles notebook 04's statistics keep
    if args.events_cache:
        # notebook 04's call with its default parameters: the notebook reads the result back
        try:
            events = find_events(kept, cache_dir=args.events_cache)
        except ValueError as err:  # an undated corpus too large to compare every pair: the notebook says so
            print(f"events not grouped: {err}")
        else:
            print(f"{events['event'].nunique():,} event(s) among the {len(kept):,} articles the statistics keep")
    if args.keyness_cache:
        from analysis.compare.keyness import article_keyness

        try:
            distinctive = article_keyness(kept, by="source", **KEYNESS_OPTIONS, cache_dir=args.keyness_cache)
        except ValueError as err:  # e.g. duplicate ids: notebook 04 stops with the same error
            print(f"distinctive words not found: {err}")
        else:
            print(f"{int(distinctive['distinctive'].sum()):,} distinctive word(s) among the sources' top terms")
    return 0

"""The ``actors`` subcommand: find the actors a corpus talks about and write them as a targets file."""

from __future__ import annotations

import argparse

from analysis import paths
from analysis.cli.corpus import add_corpus_input, corpus_options
from analysis.cli.main import add_command, positive_int

EXAMPLE = """example:
  python -m analysis actors my_articles.csv                       # print the top 20 actors
  python -m analysis actors my_articles.csv --top 8 --out my_targets.csv
  python -m analysis actors big.jsonl --top 8 --out my_targets.csv --workers 2      # two processes, same file
  python -m analysis actors export.csv --id-column doc_id --text-column body --encoding windows-1252
  python -m analysis score my_articles.csv --out out/ --targets my_targets.csv

The targets file has one row per alias (target, pattern, case_sensitive) in the format of
data/lexicons/targets.csv, plus kind, n_articles, n_mentions and a note that lists the aliases
and flags ambiguous surnames. Edit it (merge, rename, drop rows) before scoring with it.
"""


def register(subparsers) -> None:
    parser = add_command(
        subparsers, "actors",
        help="find the people, organisations, parties and countries a corpus mentions; write a targets file",
        description="Find the actors a corpus talks about (capitalised names, titles, a gazetteer of countries and "
        "organisations, merged aliases), rank them by the number of articles that mention them and print them "
        "or write them as a targets CSV.",
        example=EXAMPLE,
    )
    add_corpus_input(parser)
    parser.add_argument("--top", type=int, default=20, metavar="N", help="keep the N actors mentioned in most articles (default: 20)")
    parser.add_argument("--min-articles", type=int, default=2, metavar="N",
                        help="leave out actors mentioned in fewer articles (default: 2)")
    parser.add_argument("--out", help="write the actors as a targets CSV here (default: print a table)")
    parser.add_argument("--workers", type=positive_int, default=1, metavar="N",
                        help="processes that read the articles (default: 1, this one; at least 500 articles each); "
                        "the same actors for any number")
    parser.add_argument("--gazetteer", help=f"countries and organisations CSV (default: {paths.display(paths.GAZETTEER)})")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis.measures.actors import discover_actors, write_targets
    from analysis.cli.main import UsageError
    from analysis.corpus import load_corpus
    from analysis.text.lexicon import LexiconError

    if args.top < 1:
        raise UsageError(f"--top {args.top}: give a number of actors of at least 1")
    if args.min_articles < 1:
        raise UsageError(f"--min-articles {args.min_articles}: give a number of articles of at least 1")
    if args.out:  # before any reading: never into data/raw or the corpus (symbolic links followed)
        paths.refuse_protected(args.out, what="--out", inputs=(args.input, args.gazetteer))
    corpus = load_corpus(args.input, **corpus_options(args))
    try:
        actors = discover_actors(corpus, top=args.top, min_articles=args.min_articles, gazetteer=args.gazetteer,
                                 workers=args.workers)
    except LexiconError as err:
        raise UsageError(" ".join(str(err).split())) from None
    if actors.empty and args.min_articles > 1:
        raise UsageError(f"{args.input}: no actor is mentioned in {args.min_articles} or more articles; "
                         "lower --min-articles or write a targets file by hand")
    if actors.empty:  # `make report` asks for 1 already: lowering it is no way out
        raise UsageError(f"{args.input}: no actor found: no article names a person, organisation or country with a "
                         "capitalised name outside sentences that recur in many articles (those are left out as "
                         "boilerplate); write a targets file by hand (docs/researchers.md) and pass it, with make: "
                         "TARGETS=my_targets.csv")
    if args.out:
        origin = f"discovered by `python -m analysis actors` in {paths.display(args.input)}"
        print(write_targets(actors, args.out, origin=origin))
        return 0
    try:
        _print_table(actors)
    except BrokenPipeError:  # `... | head`: the reader has what it wanted
        import os
        import sys

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _print_table(actors) -> None:
    width = max(len("actor"), *(len(a) for a in actors["actor"]))
    print(f"{'actor':<{width}}  {'kind':<12}  {'articles':>8}  {'mentions':>8}  aliases")
    for a in actors.itertuples(index=False):
        aliases = ", ".join(a.aliases)
        print(f"{a.actor:<{width}}  {a.kind:<12}  {a.n_articles:>8,}  {a.n_mentions:>8,}  {aliases}")
        if a.note:
            print(f"{'':<{width}}  note: {a.note}")

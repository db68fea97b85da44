"""The ``score`` subcommand: loaded language, frames and stance for every article, as CSV tables."""

from __future__ import annotations

import argparse
import sys

from analysis import paths

EXAMPLE = """example:
  python -m analysis score data/raw --out results/scores
  python -m analysis score my_articles.csv --source-column outlet --out out/ \\
      --lexicon my_lexicon.csv --targets my_targets.csv

writes (UTF-8 CSV, rows sorted by id then start, byte-identical for identical input):
  articles.csv     one row per article: n_tokens, n_sentences, loaded_n, loaded_per_1k,
                   loaded_<category>, frame_<name>, ...
  spans.csv        one row per loaded-language match: id, start, end, text, term, category,
                   weight, in_quote, ...   (text == article[start:end])
  frame_spans.csv  one row per frame indicator match
  mentions.csv     one row per actor mention: id, target, start, end, sentence_start,
                   sentence_end, score, in_quote, ...
  stance.csv       one row per article x actor: id, target, n_mentions, stance (-1..1), ...
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score a corpus: loaded language, frames and stance toward actors",
        description="Score every article of a corpus and write articles.csv, spans.csv, frame_spans.csv, "
        "mentions.csv and stance.csv into --out (replaced atomically).",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", help="folder of .txt files (+ metadata.csv), or a .csv/.jsonl/.parquet file")
    parser.add_argument("--out", required=True, help="output folder (created if needed)")
    parser.add_argument("--source-column", default="source", help="column naming each article's source (default: source)")
    parser.add_argument("--lexicon", help=f"loaded-language lexicon CSV (default: {paths.display(paths.LOADED_LEXICON)})")
    parser.add_argument("--targets", help=f"targets CSV (default: {paths.display(paths.TARGETS)})")
    parser.add_argument("--frames", help=f"frames CSV (default: {paths.display(paths.FRAMES)})")
    parser.add_argument("--stance-model", help="model file from `stance train`, used instead of the rule-based stance")
    parser.add_argument("--allow-pickle", action="store_true", help="allow loading a pickled model file (only for files you trust)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis.corpus import load_corpus
    from analysis.score import Scorer, write_scores

    # Load every resource before any heavy work, so that a bad lexicon fails fast.
    scorer = Scorer.load(lexicon=args.lexicon, targets=args.targets, frames=args.frames,
                         stance_model=args.stance_model, allow_pickle=args.allow_pickle)
    corpus = load_corpus(args.input, source_column=args.source_column)
    tables = scorer(corpus)
    written = write_scores(tables, args.out)
    n_spans = len(tables["spans"])
    n_mentions = len(tables.get("mentions", ()))
    print(f"scored {len(corpus)} articles: {n_spans} loaded-language spans, {n_mentions} actor mentions", file=sys.stderr)
    for path in written:
        print(path)
    return 0

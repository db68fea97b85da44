"""The ``evaluate`` subcommand: score predicted spans against gold annotations."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.cli.main import add_command, add_group
from analysis.tables.io import write_csv
from analysis.validate.evaluate import check_span_offsets, format_table, load_spans, span_scores

EXAMPLE = """example:
  python -m analysis evaluate spans data/annotations/loaded_spans.csv results/scores/spans.csv --out results/eval_loaded.csv
"""


def register(subparsers) -> None:
    """Add ``evaluate spans GOLD PRED [--out TABLE.csv]``."""
    sub = add_group(subparsers, "evaluate", help="compare predicted spans with gold annotations (precision, recall, F1)",
                    description="Compare predictions with gold annotations.", example=EXAMPLE,
                    title="what to evaluate", metavar="WHAT")
    spans = add_command(
        sub, "spans",
        help="loaded-language spans: exact and overlap precision/recall/F1, overall and per category",
        description=(
            "Precision, recall and F1 of predicted spans (e.g. spans.csv from `score`) against gold spans "
            "(data/annotations/loaded_spans.csv): exact (same id, start, end) and overlap (any shared "
            "character, one-to-one), overall and per category. Negated predictions are left out; only "
            "documents present in GOLD are scored."
        ),
        example=EXAMPLE,
    )
    spans.add_argument("gold", help="gold spans CSV (id,start,end,category,...)")
    spans.add_argument("pred", help="predicted spans CSV (id,start,end,category,...)")
    spans.add_argument("--out", help="write the score table to this CSV")
    spans.add_argument("--keep-negated", action="store_true", help="also count predicted spans marked negated")
    spans.add_argument("--all-ids", action="store_true", help="also score predictions for documents absent from GOLD")
    spans.add_argument("--corpus", metavar="CORPUS",
                       help="the corpus the spans are offsets into: check first that every gold span lies in its article, "
                            "with its text there (offsets counted on another form of the text give wrong numbers)")
    from analysis.cli.corpus import add_corpus_options

    add_corpus_options(spans)
    spans.set_defaults(func=run_spans)


def run_spans(args: argparse.Namespace) -> int:
    """Run ``evaluate spans``; prints the table and writes it with ``--out``."""
    if args.out:
        from analysis.paths import refuse_protected

        refuse_protected(args.out, what="--out", inputs=(args.gold, args.pred))
    gold = load_spans(args.gold)
    if args.corpus:
        from analysis.cli.corpus import corpus_options
        from analysis.corpus import load_corpus

        corpus = load_corpus(args.corpus, **corpus_options(args))
        check_span_offsets(gold, dict(zip(corpus["id"], corpus["text"])), name=str(args.gold))
    pred = load_spans(args.pred, drop_negated=not args.keep_negated)
    table = span_scores(gold, pred, restrict_to_gold_ids=not args.all_ids)
    print(format_table(table))
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_csv(table, out)
        print(f"wrote {out}")
    return 0

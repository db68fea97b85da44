"""The ``stance`` subcommands: train a stance model on labelled mentions and evaluate models or rules."""

from __future__ import annotations

import argparse
import sys

from analysis.cli.main import add_command, add_group

# Below this many rows of a label, `stance train` warns that the model and its cross-validation say little.
MIN_ROWS_PER_LABEL = 20

EXAMPLE = """examples:
  python -m analysis stance train labelled.csv --out stance_model.json --folds 5
  python -m analysis stance evaluate labelled.csv --model stance_model.json
  python -m analysis stance evaluate labelled.csv            # the rule-based scorer

labelled.csv: columns text, label (neg/neu/pos) and either start,end (character offsets of the
mention in text) or target (an actor of the targets file); optional group (kept in one fold).
"""


def register(subparsers) -> None:
    """Add ``stance train`` and ``stance evaluate``."""
    sub = add_group(subparsers, "stance", help="train and evaluate target-specific stance models",
                    description="Train a stance classifier on labelled mentions, or evaluate a model or the rule-based scorer.",
                    example=EXAMPLE, title="stance commands", metavar="ACTION")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("labeled", metavar="LABELED", help="labelled mentions: .csv or .jsonl (see below)")
    common.add_argument("--lexicon", default=None, help="loaded-language lexicon CSV (default: the bundled one)")
    common.add_argument("--targets", default=None, help="targets CSV, for rows given by `target` (default: the bundled one)")

    train = add_command(
        sub, "train", parents=(common,), help="train a model and report cross-validated macro-F1",
        description="Train a stance model (logistic regression on mention-centred features), report k-fold "
        "cross-validated macro-F1 and the confusion matrix, and save the model as JSON.",
        example=EXAMPLE,
    )
    train.add_argument("--out", required=True, metavar="MODEL", help="where to write the model (JSON)")
    train.add_argument("--folds", type=int, default=5, help="cross-validation folds; 0 skips cross-validation (default: 5)")
    train.add_argument("--C", type=float, default=None, help="inverse regularisation strength (default: 0.03, with word features scaled by their naive-Bayes ratio)")
    train.add_argument("--min-df", type=int, default=None, help="keep word features seen in at least this many rows (default: 2)")
    train.add_argument("--seed", type=int, default=0, help="assignment of groups to folds (default: 0)")
    train.add_argument("--report", default=None, metavar="JSON", help="also write the cross-validation report as JSON")
    train.set_defaults(func=run_train)

    evaluate = add_command(
        sub, "evaluate", parents=(common,), help="macro-F1 and confusion matrix of a model or of the rules",
        description="Evaluate a saved model (most probable class) or the rule-based scorer (score cut at --cut) "
        "on labelled mentions.",
        example=EXAMPLE,
    )
    evaluate.add_argument("--model", default=None, help="a model saved by `stance train` (default: the rule-based scorer)")
    evaluate.add_argument("--cut", type=float, nargs=2, default=(-0.1, 0.1), metavar=("LOW", "HIGH"),
                          help="rule-based score below LOW is neg, above HIGH pos (default: -0.1 0.1)")
    evaluate.set_defaults(func=run_evaluate)


def _resources(args):
    from analysis.measures.stance import load_stance_resources

    return load_stance_resources(lexicon=args.lexicon)


def _read(args):
    from analysis.measures.stance_model import read_labeled
    from analysis.measures.targets import Targets

    targets = Targets.from_csv(args.targets) if args.targets else None
    return read_labeled(args.labeled, targets=targets)


def run_train(args: argparse.Namespace) -> int:
    from analysis.tables.io import write_json
    from analysis.paths import refuse_protected
    from analysis.measures.stance_model import DEFAULT_C, DEFAULT_MIN_DF, LABELS, cross_validate, featurize, train

    # Where the model and report go is checked before the (long) training.
    refuse_protected(args.out, what="--out", inputs=(args.labeled, args.lexicon, args.targets))
    if args.report:
        refuse_protected(args.report, what="--report", inputs=(args.labeled, args.lexicon, args.targets))
    frame = _read(args)
    resources = _resources(args)
    C = DEFAULT_C if args.C is None else args.C
    min_df = DEFAULT_MIN_DF if args.min_df is None else args.min_df
    counts = frame["label"].value_counts()
    fewest = min(int(counts.get(label, 0)) for label in LABELS)
    if fewest < MIN_ROWS_PER_LABEL:
        print(f"warning: rows per label: {', '.join(f'{label} {int(counts.get(label, 0)):,}' for label in LABELS)}. With "
              f"fewer than {MIN_ROWS_PER_LABEL} rows of a label, a model learns little beyond these sentences and its "
              "cross-validated macro-F1 moves with every row; label more.", file=sys.stderr)
    features = featurize(frame, resources=resources)
    report = None
    if args.folds:
        report = cross_validate(frame, folds=args.folds, C=C, min_df=min_df, seed=args.seed, features=features)
        print(report.format())
    model = train(frame, C=C, min_df=min_df, resources=resources)
    if report is not None:
        model.metadata["cv"] = report.to_dict()
    model.save(args.out)
    print(f"model: {args.out} ({len(model.vocabulary):,} features, {len(frame):,} training rows)")
    if args.report:
        write_json(report.to_dict() if report else {}, args.report)
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    import math

    import numpy as np
    from sklearn.metrics import confusion_matrix, f1_score

    from analysis.measures.stance import analyze_spans
    from analysis.measures.stance_model import LABELS, load_model

    frame = _read(args)
    resources = _resources(args)
    labels = frame["label"].to_numpy(dtype=object)
    if args.model:
        model = load_model(args.model)
        pred = model.predict(frame, resources=resources)
        what = f"model {args.model}"
    else:
        low, high = args.cut
        scores = np.zeros(len(frame))
        for text, idx in frame.groupby("text", sort=False).indices.items():
            spans = [(int(frame.at[i, "start"]), int(frame.at[i, "end"])) for i in idx]
            for i, ev in zip(idx, analyze_spans(text, spans, resources)):
                scores[i] = math.tanh(ev.author_sum + ev.quoted_sum)
        pred = np.where(scores < low, "neg", np.where(scores > high, "pos", "neu")).astype(object)
        what = f"rule-based scorer (neg < {low}, pos > {high})"
    f1 = f1_score(labels, pred, labels=list(LABELS), average="macro", zero_division=0)
    cm = confusion_matrix(labels, pred, labels=list(LABELS))
    print(f"{what} on {len(frame):,} rows: macro-F1 {f1:.3f}")
    print("confusion matrix (rows: true, columns: predicted):")
    print("        " + "".join(f"{c:>7}" for c in LABELS))
    for label, row in zip(LABELS, cm):
        print(f"  {label:<6}" + "".join(f"{v:>7d}" for v in row))
    sys.stdout.flush()
    return 0

"""The ``loaded`` subcommand: fit the loaded-language span re-ranker on your own span annotations."""

from __future__ import annotations

import argparse
import sys

from analysis.cli.main import add_command, add_group, positive_int
from analysis.text.choices import first_few

EXAMPLE = """examples:
  python -m analysis loaded train coded_articles.csv coded_spans.csv --out my_span_model.json
  python -m analysis score corpus.csv --out results/scores --span-model my_span_model.json
  make report CORPUS=corpus.csv SPAN_MODEL=my_span_model.json

coded_articles.csv: the articles your coders read (anything `score` reads: a folder of .txt, .csv,
.jsonl, .parquet); every one counts as coded, so an article without spans says none was found
(--coded-ids FILE: only the articles it lists).
coded_spans.csv: columns id,start,end (character offsets in the text as read), optional text
(checked against the article) and category (used by --categories).
"""


def register(subparsers) -> None:
    """Add ``loaded train``."""
    sub = add_group(subparsers, "loaded", help="fit the loaded-language span re-ranker on your own span annotations",
                    description="Fit the loaded-language span re-ranker on articles your coders annotated.",
                    example=EXAMPLE, title="loaded-language commands", metavar="ACTION")
    train = add_command(
        sub, "train", help="fit the span re-ranker on coded articles; report cross-validated precision, recall and F1",
        description=(
            "Fit the span re-ranker (a logistic regression over generic features of each span the lexicon proposes; "
            "no word list) on the spans your coders marked, choose its threshold by k-fold cross-validation over "
            "articles, print the cross-validated overlap precision, recall and F1 of what `score` would report at "
            "each threshold (beside every span, and the bundled re-ranker), and write the model for "
            "`score --span-model` and `make report SPAN_MODEL=`."
        ),
        example=EXAMPLE,
    )
    train.add_argument("corpus", metavar="CODED_ARTICLES", help="the coded articles (a corpus `score` reads)")
    train.add_argument("gold", metavar="CODED_SPANS", help="their gold spans: CSV with id,start,end[,text,category]")
    train.add_argument("--out", required=True, metavar="MODEL", help="where to write the model (JSON)")
    train.add_argument("--lexicon", default=None, help="loaded-language lexicon CSV whose spans are re-ranked (default: the bundled one)")
    train.add_argument("--domain", default="auto", metavar="PACKS",
                       help="lexicon domain packs, as for `score` (default: auto, the packs whose vocabulary the coded "
                            "articles use); score with the same choice")
    train.add_argument("--coded-ids", default=None, metavar="FILE",
                       help="the ids of the articles the coders read (one a line, or a CSV with an id column), when "
                            "CODED_ARTICLES holds others too (default: every article of it is coded)")
    train.add_argument("--categories", default=None, metavar="A,B",
                       help="only gold spans of these categories count (default: every gold span)")
    train.add_argument("--tagger", choices=("bundled", "none"), default="bundled",
                       help="bundled (default): the model applies the bundled token tagger after filtering, as the "
                            "bundled re-ranker does; none: the filtered lexicon spans alone")
    train.add_argument("--never-filtered", default="", metavar="A,B",
                       help="lexicon categories whose spans are always kept (default: none)")
    train.add_argument("--folds", type=positive_int, default=5, help="cross-validation folds of articles (default: 5)")
    train.add_argument("--C", type=float, default=None, help="inverse L2 strength of the logistic regression (default: 1, as the bundled model)")
    train.add_argument("--threshold", type=float, default=None,
                       help="use this re-ranker threshold instead of the cross-validated choice")
    train.add_argument("--seed", type=int, default=0, help="which articles go to which fold (default: 0)")
    from analysis.cli.corpus import add_corpus_options

    add_corpus_options(train)
    train.set_defaults(func=run_train)


def _names(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _coded(corpus, path: str):
    """The articles of ``corpus`` that ``path`` lists (one id a line, or a CSV with an ``id`` column)."""
    from pathlib import Path

    from analysis.cli.main import UsageError

    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as err:
        raise UsageError(f"--coded-ids {path}: cannot read it ({err.strerror or err}); give a file of article ids.") from None
    ids = [line.split(",")[0].strip().strip('"') for line in lines if line.strip()]
    if ids and ids[0] == "id":
        ids = ids[1:]
    known = set(corpus["id"].astype(str))
    unknown = [i for i in dict.fromkeys(ids) if i not in known]
    if unknown:
        raise UsageError(f"--coded-ids {path}: {len(unknown)} id(s) are not articles of the corpus ({first_few(unknown, 5)}).")
    if not ids:
        raise UsageError(f"--coded-ids {path}: no article id in it.")
    return corpus[corpus["id"].astype(str).isin(set(ids))].reset_index(drop=True)


def run_train(args: argparse.Namespace) -> int:
    """Run ``loaded train``: check everything, cross-validate, fit, print and write the model."""
    from analysis import paths
    from analysis.cli.corpus import corpus_options
    from analysis.cli.main import UsageError
    from analysis.corpus import load_corpus
    from analysis.measures.domains import AUTO_SAMPLE, DomainError, choose_domains
    from analysis.measures.loaded_model import SPAN_MODEL, SpanModel, SpanModelError
    from analysis.measures.loaded_tagger import TAGGER, TokenTagger
    from analysis.measures.loaded_train import DEFAULT_C, TrainingError, check_gold, model_json, train_span_model
    from analysis.tables.io import atomic_write_text
    from analysis.tables.score import Scorer
    from analysis.text.lexicon import LexiconError
    from analysis.validate.evaluate import SpanFileError, load_spans

    out = paths.refuse_protected(args.out, what="--out", inputs=(args.corpus, args.gold, args.lexicon))
    if args.C is not None and not args.C > 0:
        raise UsageError(f"--C {args.C}: must be a positive number")
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise UsageError(f"--threshold {args.threshold}: must lie between 0 and 1")
    try:
        gold = load_spans(args.gold)
    except SpanFileError as err:
        raise UsageError(str(err)) from None
    if args.categories:
        wanted = _names(args.categories)
        if "category" not in gold.columns:
            raise UsageError(f"--categories: {args.gold} has no category column")
        unknown = sorted(set(wanted) - set(gold["category"].astype(str)))
        if unknown:
            raise UsageError(f"--categories: {', '.join(unknown)} not among the categories of {args.gold} "
                             f"({', '.join(sorted(set(gold['category'].astype(str))))})")
        gold = gold[gold["category"].astype(str).isin(wanted)].reset_index(drop=True)
    corpus = load_corpus(args.corpus, **corpus_options(args))
    if args.coded_ids:
        corpus = _coded(corpus, args.coded_ids)
    try:
        check_gold(gold, corpus, name=str(args.gold))
        packs, said = choose_domains(args.domain, corpus["text"].head(AUTO_SAMPLE))
        lexicon = Scorer.load(lexicon=args.lexicon, domains=packs, span_model="none", stance="rules").lexicon
        tagger = TokenTagger.from_json(TAGGER) if args.tagger == "bundled" else None
        bundled = SpanModel.from_json(SPAN_MODEL) if args.lexicon is None else None
        trained = train_span_model(
            corpus, gold, lexicon, folds=args.folds, c=DEFAULT_C if args.C is None else args.C, seed=args.seed,
            tagger=tagger, tagger_path="bundled" if tagger is not None else None,
            never_filtered=_names(args.never_filtered), bundled=bundled, threshold=args.threshold,
            description=(f"Loaded-language span re-ranker (analysis.measures.loaded_model) fitted by `python -m analysis "
                         f"loaded train` on the gold spans {paths.display(args.gold)} of {len(corpus):,} articles "
                         f"({paths.display(args.corpus)}), with the lexicon "
                         f"{paths.display(args.lexicon) if args.lexicon else 'data/lexicons/loaded_language.csv'}"
                         f"{' and the domain packs ' + ', '.join(packs) if packs else ''}; score with the same lexicon "
                         "and --domain. Labels: a candidate span overlaps a gold span."))
    except (TrainingError, DomainError, LexiconError, SpanModelError) as err:
        raise UsageError(str(err)) from None
    print(said)
    print(trained.format())
    if not args.coded_ids and trained.n_unmarked_articles * 2 > trained.n_articles:
        print(f"warning: {trained.n_unmarked_articles:,} of the {trained.n_articles:,} articles have no gold span, and "
              "each counts as read by a coder who found nothing. If your coders read only some of them, pass those "
              "with --coded-ids (or give only the coded articles).", file=sys.stderr)
    data = trained.data
    # What the candidates were proposed by: score with the same lexicon and packs.
    data["fitted_with"] = {"lexicon": paths.display(args.lexicon) if args.lexicon else "data/lexicons/loaded_language.csv",
                           "domain_packs": list(packs), "corpus": paths.display(args.corpus),
                           "gold": paths.display(args.gold), "articles": trained.n_articles,
                           "categories": _names(args.categories) if args.categories else "all",
                           "cv": trained.cross_validated()}
    if args.coded_ids:
        data["fitted_with"]["coded_ids"] = paths.display(args.coded_ids)
    print(f"threshold {data['threshold']:g} ({data['threshold_from']}); the model is fitted on all "
          f"{trained.n_candidates:,} candidate spans")
    atomic_write_text(out, model_json(trained))
    domain = ",".join(packs) if packs else "core"
    print(f"wrote {out}; use it with: python -m analysis score CORPUS --span-model {out} --domain {domain}"
          f"{' --lexicon ' + str(args.lexicon) if args.lexicon else ''} (make report SPAN_MODEL={out} DOMAIN={domain}"
          f"{' LEXICON=' + str(args.lexicon) if args.lexicon else ''})")
    return 0

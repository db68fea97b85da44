"""The ``score`` subcommand: loaded language, frames and stance for every article, as CSV tables."""

from __future__ import annotations

import argparse
import os
import sys

from analysis import paths
from analysis.cli.main import add_command, positive_int

EXAMPLE = """example:
  python -m analysis score data/raw --out results/scores
  python -m analysis score my_articles.csv --source-column outlet --out out/ \\
      --lexicon my_lexicon.csv --targets my_targets.csv
  python -m analysis score big.jsonl --out out/ --chunk-size 2000            # streams, resumable
  python -m analysis score big.jsonl --out out/ --format parquet             # typed .parquet tables
  python -m analysis score big.jsonl --out out/ --workers 2                  # two local processes
  python -m analysis score big.jsonl --out out/ --engine dask --workers 4    # local Dask cluster
  python -m analysis score big.jsonl --out out/ --engine dask --scheduler tcp://10.0.0.5:8786

writes (UTF-8 CSV, rows sorted by id then start, byte-identical for identical input, whatever
the engine, chunk size or order of the input):
  articles.csv     one row per article: n_tokens, n_sentences, loaded_n, loaded_per_1k,
                   loaded_<category>, frame_<name>, ...
  spans.csv        one row per loaded-language match: id, start, end, text, term, category,
                   weight, in_quote, ...   (text == article[start:end])
  frame_spans.csv  one row per frame indicator match
  mentions.csv     one row per actor mention: id, target, start, end, sentence_start,
                   sentence_end, score, in_quote, voice, speaker, evidence, model_evidence, ...
  stance.csv       one row per article x actor: id, target, n_mentions, stance (-1..1, the
                   author's voice), stance_low, stance_high, stance_call, stance_quoted and
                   sourced_by (what the article's sources say, and who), ...
  attributions.csv one row per attribution ("according to X", "X said"): cue, kind, entity,
                   entity_class (named, unnamed, pronoun), organisation, in_quote
  naming_spans.csv one row per use of a variant of a contested name (Kyiv or Kiev, ...)
  score_run.json   what made them: package version, the options that change results, the stance
                   scorer and its model file (name, version), the span re-ranker and why, the
                   lexicon, domain packs, targets, frames and corpus, each with its SHA-256

stance: by default the shipped model version 6 (--stance roles:
data/models/stance_newsmtsc_roles.json with data/models/stance_word_vectors.npz) scores each
mention: static word vectors, and the words the rules give a role (harm suffered, a bad thing
reduced, blame rejected, a speech act and its charge) left to the rules; --stance vectors uses
version 4 (data/models/stance_newsmtsc_vectors.json, without the roles), --stance model the shipped
model without word vectors (data/models/stance_newsmtsc.json), --stance rules the transparent
rule-based scorer. docs/validation_stance.md compares them.

loaded language: by default (--span-model auto) spans.csv lists, and articles.csv counts, the
lexicon spans that the learned span re-ranker (data/lexicons/loaded_span_model.json) keeps: those an
annotator would likely mark; name_calling and delegitimizing spans and negated spans are always
listed. The token tagger the re-ranker's file names (data/models/loaded_tagger.json) grows each kept
span by neighbouring words it judges loaded and adds spans of its own (term "tagger p=...").
The re-ranker was fitted on the bundled lexicon's weights, so with another --lexicon auto
counts every span and says why on stderr (--span-model forces the re-ranker). --span-model none
lists and counts every lexicon span (the transparent lexicon alone; see docs/validation_loaded.md).

large corpora: the input is read and scored --chunk-size articles at a time, so memory does not
grow with the corpus. Finished chunks are kept in OUT/.score-parts/ until the run completes: run
the same command again after an interruption and it continues where it stopped (--no-resume
starts afresh). The output files are replaced only when every chunk is scored, all together in
one atomic step (OUT/<name>.csv are links into OUT/.current, which is swapped): a failed or killed
run leaves the earlier files whole. Two runs on one --out at a time: the second stops with an
error. A progress bar shows on a terminal (--no-progress hides it).
"""


def register(subparsers) -> None:
    from analysis.tables.score import (DEFAULT_CHUNK_SIZE, DEFAULT_SPAN_MODEL, DEFAULT_STANCE, ENGINES, SPAN_MODEL_BUNDLED,
                                       SPAN_MODEL_NONE, STANCE_CHOICES)

    parser = add_command(
        subparsers, "score",
        help="score a corpus: loaded language, frames and stance toward actors",
        description="Score every article of a corpus and write articles.csv, spans.csv, frame_spans.csv, "
        "mentions.csv, stance.csv, attributions.csv, naming_spans.csv and score_run.json (what made them) into --out "
        "(replaced only when the whole run succeeds).",
        example=EXAMPLE,
    )
    from analysis.cli.corpus import add_corpus_input

    add_corpus_input(parser)
    parser.add_argument("--out", required=True, help="output folder (created if needed)")
    parser.add_argument("--lexicon", help=f"loaded-language lexicon CSV (default: {paths.display(paths.LOADED_LEXICON)})")
    parser.add_argument("--targets", help=f"targets CSV (default: {paths.display(paths.TARGETS)}); 'auto': the bundled "
                        "targets for the bundled corpus, otherwise the --n-actors actors `python -m analysis actors` finds "
                        "in INPUT, written to OUT/targets_discovered.csv")
    parser.add_argument("--n-actors", type=positive_int, default=8, metavar="N",
                        help="actors kept by --targets auto (default: 8)")
    parser.add_argument("--frames", help=f"frames CSV (default: {paths.display(paths.FRAMES)}); 'auto': that file for the "
                        f"bundled corpus, otherwise the policy frame vocabularies {paths.display(paths.FRAMES_POLICY)}")
    parser.add_argument("--stance", choices=STANCE_CHOICES, default=DEFAULT_STANCE,
                        help=f"roles: the shipped stance model version 6 ({paths.display(paths.STANCE_MODEL_ROLES)}: "
                        "static word vectors, the words the rules give a role left to the rules) scores each mention; "
                        f"vectors: version 4 ({paths.display(paths.STANCE_MODEL_VECTORS)}, without the roles); model: the shipped model "
                        f"without them ({paths.display(paths.STANCE_MODEL)}); rules: the transparent rule-based scorer "
                        f"(default: {DEFAULT_STANCE}; see docs/validation_stance.md)")
    parser.add_argument("--stance-model", help="model file from `stance train`, scored instead of the shipped model of "
                        "--stance roles, vectors or model (default: the shipped one)")
    parser.add_argument("--domain", default="auto", metavar="PACKS",
                        help="lexicon domain packs: auto (default: the packs whose vocabulary the corpus uses), core "
                             "(none), or some of war,politics,economy,health")
    parser.add_argument("--span-model", nargs="?", const=SPAN_MODEL_BUNDLED, default=DEFAULT_SPAN_MODEL, metavar="FILE",
                        help="which loaded-language spans are reported and counted: by default (auto) those the learned "
                             f"span re-ranker {paths.display(paths.LEXICONS / 'loaded_span_model.json')} keeps (name_calling "
                             "and delegitimizing always) when the lexicon is the bundled one it was fitted for, and every "
                             "span with another --lexicon (its weights may be on another scale; stderr says so); "
                             "--span-model alone: the re-ranker with any lexicon; FILE: another model from "
                             f"scripts/fit_loaded_weights.py --span-model; {SPAN_MODEL_NONE}: every lexicon span (the "
                             "transparent lexicon alone); see docs/validation_loaded.md")
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv",
                        help="csv (default) or parquet: also each table as a typed .parquet file beside its CSV")
    parser.add_argument("--xlsx", action="store_true",
                        help="also write scores.xlsx: every table as a sheet, every text cell stored as text (safe to open "
                        "in a spreadsheet; the CSVs stay the exact record)")
    group = parser.add_argument_group("large corpora")
    group.add_argument("--chunk-size", type=positive_int, default=DEFAULT_CHUNK_SIZE, metavar="N",
                       help=f"articles read and scored at a time (default: {DEFAULT_CHUNK_SIZE})")
    group.add_argument("--engine", choices=ENGINES, default="pandas",
                       help="pandas: this process, or --workers local processes (default); dask: a Dask cluster; "
                       "the same output")
    group.add_argument("--workers", type=positive_int, metavar="N",
                       help="processes that score: with pandas, local processes sharing out the chunks (default: 1, "
                       "this one); with dask, the workers of the local cluster (default: 2)")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine dask)")
    group.add_argument("--no-progress", action="store_true", help="no progress bar")
    group.add_argument("--no-resume", action="store_true",
                       help="discard the finished chunks of an interrupted run instead of continuing it")
    parser.set_defaults(func=run)


def _one_line(err: BaseException) -> str:
    """Multi-line messages (a lexicon with several problems) on one line."""
    return " ".join(part.strip() for part in str(err).splitlines() if part.strip())


def _input_option(args: argparse.Namespace, filename) -> str | None:
    """The option that named ``filename`` as a file to read (``--lexicon``, ``--targets``, ``--frames``, ``--span-model``,
    ``--stance-model``; ``INPUT`` for the corpus or a file in its folder), or None: then it is one ``score`` writes."""
    from pathlib import Path

    if filename is None:
        return None
    try:
        failed = Path(os.fsdecode(filename)).expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    inputs = [("--lexicon", args.lexicon), ("--targets", args.targets), ("--frames", args.frames),
              ("--span-model", args.span_model), ("--stance-model", args.stance_model)]
    for option, value in inputs:
        if value and Path(value).expanduser().resolve() == failed:
            return option
    corpus = Path(args.input).expanduser().resolve()
    if failed == corpus or corpus in failed.parents:
        return "INPUT"
    return None


def _auto_targets(args: argparse.Namespace) -> str:
    """Find the actors of INPUT (``--targets auto``), write OUT/targets_discovered.csv and return its path."""
    from pathlib import Path

    from analysis.measures.actors import discover_actors, write_targets
    from analysis.cli.main import UsageError
    from analysis.cli.corpus import corpus_options
    from analysis.corpus import load_corpus

    corpus = load_corpus(args.input, **corpus_options(args))  # as the scoring reads it: other columns, encoding
    actors = discover_actors(corpus, top=args.n_actors, min_articles=1, workers=args.workers or 1)
    if actors.empty:
        raise UsageError(f"{args.input}: --targets auto found no actors (capitalised names) in the corpus; "
                         "give a targets CSV with --targets")
    out = Path(args.out).expanduser() / "targets_discovered.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    write_targets(actors, out, origin=f"discovered by `python -m analysis score --targets auto` in {paths.display(args.input)}")
    print(f"--targets auto: the {len(actors)} actors mentioned in most articles ({', '.join(actors['actor'])}) "
          f"are in {out}; edit it and pass it with --targets to choose others", file=sys.stderr)
    return str(out)


def _domains(args: argparse.Namespace) -> tuple[list[str], str]:
    """The domain packs of ``--domain`` (with ``auto``, from the vocabulary of the first 1,000 articles) and a line saying which."""
    from analysis.cli.main import UsageError
    from analysis.measures.domains import AUTO_SAMPLE, DomainError, choose_domains, parse_domains

    try:
        texts = []
        if parse_domains(args.domain) is None:
            from analysis.cli.corpus import corpus_options
            from analysis.corpus.stream import iter_chunks

            import warnings

            from analysis.corpus import CorpusWarning

            with warnings.catch_warnings():  # the scoring pass reads these rows again and warns once
                warnings.simplefilter("ignore", CorpusWarning)
                first = next(iter(iter_chunks(args.input, chunk_size=AUTO_SAMPLE, **corpus_options(args))), None)
            texts = [] if first is None else first.frame["text"]
        return choose_domains(args.domain, texts)
    except DomainError as err:
        raise UsageError(str(err)) from None


def result_parameters(args: argparse.Namespace) -> dict:
    """The options of ``score`` that change its results, as given (None: the default file), for score_run.json.

    The reading options (``--source-column`` ...) come first, from :func:`analysis.tables.score.score_path`;
    engine, chunk size, formats and progress never change a byte of the tables, so they are not here.
    """
    return {"lexicon": args.lexicon, "domain": args.domain, "targets": args.targets,
            "n_actors": args.n_actors if args.targets == "auto" else None, "frames": args.frames,
            "stance": args.stance, "stance_model": args.stance_model, "span_model": args.span_model}


def run(args: argparse.Namespace) -> int:
    from analysis.cli.main import UsageError

    # Check the parameters before any heavy work.
    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if args.workers is not None and args.scheduler is not None:
        raise UsageError("--workers sets up a local cluster; an existing cluster (--scheduler) has its own workers")
    if args.scheduler is not None and not args.scheduler.strip():
        raise UsageError("--scheduler needs an address such as tcp://10.0.0.5:8786")

    from pathlib import Path

    from analysis.cli.corpus import corpus_options
    from analysis.corpus import CorpusError
    from analysis.text.lexicon import LexiconError
    from analysis.tables.score import SPAN_MODEL_NONE, Scorer, ScoreError, check_paths, score_path

    try:
        check_paths(args.input, args.out)
        bundled = Path(args.input).expanduser().resolve() == paths.RAW.resolve()
        targets = _auto_targets(args) if args.targets == "auto" and not bundled else args.targets
        targets = None if targets == "auto" else targets
        frames = (None if bundled else str(paths.FRAMES_POLICY)) if args.frames == "auto" else args.frames
        # Load every resource before reading the corpus, so that a bad lexicon fails fast.
        scorer = Scorer.load(lexicon=args.lexicon, targets=targets, frames=frames,
                             stance_model=args.stance_model, stance=args.stance, span_model=args.span_model)
        packs, lexicon_used = _domains(args)
        if packs:
            scorer = Scorer.load(lexicon=args.lexicon, targets=targets, frames=frames, stance_model=args.stance_model,
                                 stance=args.stance, domains=packs, span_model=args.span_model)
        span_reason = scorer.sources["span_reason"]
        result = score_path(
            args.input, args.out, scorer=scorer, **corpus_options(args), chunk_size=args.chunk_size,
            engine=args.engine, scheduler=args.scheduler, workers=args.workers,
            progress=not args.no_progress, resume=not args.no_resume, xlsx=args.xlsx, parquet=args.format == "parquet",
            parameters=result_parameters(args),
        )
    except (CorpusError, LexiconError, ScoreError) as err:
        raise UsageError(_one_line(err)) from None
    except OSError as err:
        from analysis.paths import os_error_message

        option = _input_option(args, err.filename)
        if option is not None:  # an input it could not read (a folder given for a file, no permission)
            raise UsageError(f"{option} {os_error_message(err)}") from None
        raise UsageError(os_error_message(err, args.out, writing=True)) from None
    except KeyboardInterrupt:
        print(f"interrupted: the finished chunks are kept in {Path(args.out) / '.score-parts'}; "
              "run the same command again to continue", file=sys.stderr)
        return 130
    if "mentions" in result.rows and result.rows["mentions"] == 0:
        import warnings

        targets = args.targets or paths.display(paths.TARGETS)
        warnings.warn(
            f"no article mentions any actor of {targets}: mentions.csv and stance.csv have no rows, so "
            "there is no stance to compare. For another topic, write a targets file for its actors and pass it with --targets (TARGETS=).",
            UserWarning, stacklevel=1,
        )
    print(lexicon_used, file=sys.stderr)
    if scorer.span_model is not None:
        print(f"loaded-language spans: those the span re-ranker {paths.display(scorer.span_model.source)} keeps "
              f"(probability >= {scorer.span_model.threshold:g}; --span-model {SPAN_MODEL_NONE}: every lexicon span)",
              file=sys.stderr)
    elif span_reason:
        print(f"loaded-language spans: every lexicon span, not re-ranked: {span_reason}; --span-model (or --span-model "
              "FILE) applies a re-ranker anyway", file=sys.stderr)
    else:
        print("loaded-language spans: every lexicon span (--span-model none)", file=sys.stderr)
    resumed = f" ({result.resumed} of {result.chunks} chunks from an earlier run)" if result.resumed else ""
    print(
        f"scored {result.n_articles} articles: {result.rows.get('spans', 0)} loaded-language spans, "
        f"{result.rows.get('mentions', 0)} actor mentions{resumed}",
        file=sys.stderr,
    )
    for path in result.written:
        print(path)
    return 0

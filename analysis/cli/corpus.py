"""The ``corpus`` subcommand: a per-source summary of a corpus."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis import paths
from analysis.corpus import load_corpus, summarize_by_source
from analysis.cli.main import add_command

EXAMPLE = """example:
  python -m analysis corpus data/raw
  python -m analysis corpus my_articles.csv --source-column outlet
  python -m analysis corpus export.csv --id-column doc_id --text-column body --encoding windows-1252
  python -m analysis corpus articles.xlsx          # the first sheet: a header row, one article per row
  python -m analysis corpus data/raw --describe results/.corpus_description   # keep notebook 01's description
"""


def register(subparsers) -> None:
    parser = add_command(
        subparsers, "corpus",
        help="print a per-source summary of a corpus (articles, words, sentences)",
        description="Load a corpus and print articles, words and sentences per source.",
        example=EXAMPLE,
    )
    parser.add_argument("input", nargs="?", default=str(paths.RAW), help="folder of .txt files, or a .csv/.jsonl/.parquet/.xlsx file (default: the bundled corpus)")
    add_corpus_options(parser)
    parser.add_argument("--write", metavar="PARQUET",
                        help="also write the loaded corpus table (id, source, text, ...) to this Parquet file")
    parser.add_argument("--describe", metavar="DIR",
                        help="also describe the corpus as notebook 01 does (words and sentences, and how much of the "
                        "--targets actors and the --lexicon and --frames vocabularies it uses), each text tokenized "
                        "once, and keep the description in DIR (the notebook's results folder/.corpus_description), "
                        "where notebook 01 reads it back")
    parser.add_argument("--lexicon", metavar="CSV", help="with --describe: the loaded-language lexicon (default: the bundled one)")
    parser.add_argument("--frames", metavar="CSV", help="with --describe: the frame vocabularies (default: the bundled frames.csv)")
    parser.add_argument("--targets", metavar="CSV", help="with --describe: the actors looked for (default: the bundled targets.csv)")
    parser.set_defaults(func=run)


INPUT_HELP = "folder of .txt files (+ metadata.csv), or a .csv/.jsonl/.parquet/.xlsx file"


def add_corpus_input(parser) -> None:
    """The corpus argument ``input`` of a command that reads one (``score``, ``actors``, ``reuse``) and the
    options that say how to read it (:func:`add_corpus_options`)."""
    parser.add_argument("input", help=INPUT_HELP)
    add_corpus_options(parser)


def add_corpus_options(parser) -> None:
    """The options that say how to read a corpus, the same for every command that reads one (`make` gives `reuse`
    and `explore` its Parquet copy of the corpus, with the usual column names, but a user may give them the file)."""
    parser.add_argument("--source-column", default="source", help="column that names each article's source (default: source)")
    parser.add_argument("--id-column", default="id", help="column holding each article's id (default: id)")
    parser.add_argument("--text-column", default="text", help="column holding each article's text (default: text)")
    parser.add_argument("--date-column", default="date",
                        help="column holding each article's date, ISO 8601 (default: date; e.g. publish_date)")
    parser.add_argument("--encoding", default=None,
                        help="encoding of the files, e.g. windows-1252 (default: UTF-8, or what a byte-order mark says)")


def corpus_options(args: argparse.Namespace) -> dict:
    """The keyword arguments of load_corpus / score_path from the parsed options."""
    return {"source_column": args.source_column, "id_column": args.id_column, "text_column": args.text_column,
            "date_column": args.date_column, "encoding": args.encoding}


def run(args: argparse.Namespace) -> int:
    from analysis.cli.main import UsageError

    if args.write:
        paths.refuse_protected(args.write, what="--write file", inputs=(args.input,))
    if args.describe:
        paths.refuse_protected(args.describe, what="--describe folder", inputs=(args.input,))
    elif args.lexicon or args.frames or args.targets:
        raise UsageError("--lexicon, --frames and --targets only apply with --describe DIR; add it or drop them.")
    corpus = load_corpus(args.input, **corpus_options(args))
    if args.write:
        _write_parquet(corpus, args.write)
    stats = None
    if args.describe:
        from analysis.corpus.describe import describe_corpus

        given = {name: None if value is None else Path(value).expanduser().resolve()  # relative to the working folder
                 for name, value in (("targets", args.targets), ("lexicon", args.lexicon), ("frames", args.frames))}
        stats = describe_corpus(corpus, **given, cache_dir=args.describe).stats
    summary = summarize_by_source(corpus, stats=stats)
    total = summary[["articles", "words", "sentences"]].sum()
    width = max([len("source"), len("total"), *(len(s) for s in summary["source"])])
    print(f"{'source':<{width}}  {'articles':>8}  {'words':>9}  {'sentences':>9}")
    for row in summary.itertuples(index=False):
        print(f"{row.source:<{width}}  {row.articles:>8,}  {row.words:>9,}  {row.sentences:>9,}")
    print(f"{'total':<{width}}  {int(total['articles']):>8,}  {int(total['words']):>9,}  {int(total['sentences']):>9,}")
    return 0


def _write_parquet(corpus, path: str) -> None:
    """The corpus table as Parquet, written through a temporary file and a rename."""
    import os
    import tempfile
    from pathlib import Path

    from analysis.cli.main import UsageError

    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        corpus.to_parquet(tmp, index=False)
        os.replace(tmp, target)
    except (ValueError, TypeError, OSError) as err:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{target}: cannot write the corpus as Parquet ({err}).") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

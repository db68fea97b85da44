"""The ``python -m analysis`` command line: one subcommand per module in ``COMMANDS``."""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import sys
import warnings

from analysis import __version__

# Each module defines ``register(subparsers)``, which adds its subcommand(s) and sets
# ``func`` (a callable taking the parsed namespace and returning an exit code).
COMMANDS = [
    "analysis.cli.corpus",
    "analysis.cli.score",
    "analysis.cli.actors",
    "analysis.cli.reuse",
    "analysis.cli.evaluate",
    "analysis.cli.loaded",
    "analysis.cli.stance",
    "analysis.cli.report",
    "analysis.cli.explore",
]


class UsageError(Exception):
    """A user error the CLI reports in one line, without a traceback."""


def positive_int(text: str) -> int:
    """An argparse ``type``: a whole number of at least 1 (a number of articles, processes, actors)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def add_command(subparsers, name: str, *, help: str, description: str, example: str,  # noqa: A002
                parents: tuple = ()) -> argparse.ArgumentParser:
    """Add a subcommand: its one-line ``help``, a ``description`` and the ``example`` shown after the options
    (``parents``: parsers whose arguments it shares)."""
    return subparsers.add_parser(name, help=help, description=description, epilog=example, parents=list(parents),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)


def add_group(subparsers, name: str, *, help: str, description: str, example: str, title: str, metavar: str):  # noqa: A002
    """Add a subcommand that has subcommands of its own (``evaluate spans``, ``stance train``); returns their subparsers.

    Without one of them (``python -m analysis stance``) it prints its help and exits with 2.
    """
    parser = add_command(subparsers, name, help=help, description=description, example=example)
    parser.set_defaults(func=lambda args: parser.print_help() or 2)
    return parser.add_subparsers(title=title, metavar=metavar)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Media-framing study: load a news corpus, score loaded language and stance toward actors, compare sources.",
        epilog="Each subcommand has --help with an example, e.g. python -m analysis corpus --help",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="subcommands", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


# A folder (set by make for the commands of one run): a warning is printed by the first command that claims its text
# there, and by no other. The corpus check, actor discovery, scoring and text reuse read the same corpus, and each reader
# warning had been printed up to four times in one `make report`.
WARN_ONCE_ENV = "ANALYSIS_WARN_ONCE"


def _format_warning(message, category, filename, lineno, line=None):  # noqa: ARG001
    return f"warning: {message}\n"


def first_to_warn(folder: str, message: str) -> bool:
    """Whether this is the first command to print ``message`` with ``folder`` as its :data:`WARN_ONCE_ENV`: it claims
    the message by creating a file named after its hash there (atomic, so of two commands warning at once one prints).
    A folder that cannot be written to claims nothing: the warning is printed.

        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> first_to_warn(folder, "corpus.csv: 2 article(s) ..."), first_to_warn(folder, "corpus.csv: 2 article(s) ...")
        (True, False)
        >>> first_to_warn(folder, "another message")
        True
    """
    name = hashlib.sha256(message.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    try:
        os.makedirs(folder, exist_ok=True)
        os.close(os.open(os.path.join(folder, name), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    except OSError:
        return True
    return True


def _warn_once(show, folder: str):
    """``warnings.showwarning`` that leaves out a warning another command of the same make run printed already."""

    def showwarning(message, category, filename, lineno, file=None, line=None):
        if first_to_warn(folder, str(message)):
            show(message, category, filename, lineno, file, line)

    showwarning.once = True
    return showwarning


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 bad input, 2 usage)."""
    from analysis.corpus import CorpusError
    from analysis.paths import os_error_message

    warnings.formatwarning = _format_warning
    if os.environ.get(WARN_ONCE_ENV) and not getattr(warnings.showwarning, "once", False):
        warnings.showwarning = _warn_once(warnings.showwarning, os.environ[WARN_ONCE_ENV])
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except (CorpusError, UsageError, ValueError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:  # permissions, a full or read-only disk: the path and what to do, not a traceback
        print(f"error: {os_error_message(err)}", file=sys.stderr)
        return 1

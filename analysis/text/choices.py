"""What a person typed, matched to the options it names: a student's answer, a coder's actor or category.

Case, spacing and a leading "the" are ignored (:func:`match_choice`); a near miss gets the one option
it most likely meant (:func:`did_you_mean`), for the messages of the exercises and of the checks of a
researcher's own annotation files. A message about many wrong items names the first few and counts
the rest (:func:`first_few`).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

__all__ = ["MORE_LINES", "did_you_mean", "first_few", "match_choice"]

MORE_LINES = "\n... and {:,} more"  # first_few's ``more`` for a list of one item per line


def _plain(text) -> str:
    """A typed choice as compared: case and spacing ignored, and a leading "the"."""
    words = str(text).casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def match_choice(value, options: Sequence[str]) -> str | None:
    """Match a typed choice to one of ``options`` (case, spacing and a leading "the" ignored); None if no match.

    Example:
        >>> match_choice("The  Model", ["rules", "model"]), match_choice("models", ["rules", "model"])
        ('model', None)
    """
    key = _plain(value)
    return next((option for option in options if _plain(option) == key), None)


def did_you_mean(value, options: Sequence[str]) -> str:
    """`` Did you mean 'x'?`` for the option closest to a mistyped ``value``, or ``""`` when none is close.

    Example:
        >>> did_you_mean("Obama", ["Barack Obama", "Congress"]), did_you_mean("war", ["war report", "war press"])
        (" Did you mean 'Barack Obama'?", '')
    """
    key = _plain(value)
    # the one option that holds what was typed ("Western" for "Western war report"), else the closest spelling
    holding = [str(o) for o in options if len(key) >= 3 and key in _plain(o)]
    close = holding if len(holding) == 1 else difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


def first_few(items: Sequence[str], limit: int, *, sep: str = ", ", more: str = " and {:,} more") -> str:
    """The first ``limit`` of ``items`` joined by ``sep``, then how many more there are (``more``'s ``{}``).

    Example:
        >>> first_few(["a", "b", "c"], 3), first_few(["a", "b", "c", "d", "e"], 2)
        ('a, b, c', 'a, b and 3 more')
        >>> print(first_few(["row 2: empty", "row 5: empty", "row 9: empty"], 2, sep="\\n", more=MORE_LINES))
        row 2: empty
        row 5: empty
        ... and 1 more
    """
    shown = sep.join(items[:limit])
    return shown + (more.format(len(items) - limit) if len(items) > limit else "")

"""Offline VADER sentiment through NLTK, with the lexicon from the installed ``vaderSentiment`` wheel.

NLTK's :class:`~nltk.sentiment.vader.SentimentIntensityAnalyzer` normally loads its lexicon with
``nltk.download``; this project never downloads anything. The ``vaderSentiment`` package on PyPI
ships the same ``vader_lexicon.txt`` (MIT licence, Hutto & Gilbert 2014), so its directory is put
on ``nltk.data.path`` and the analyser is built from ``nltk:vader_lexicon.txt``.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

__all__ = [
    "NEGATORS",
    "VaderUnavailableError",
    "analyzer",
    "compound",
    "is_negator",
    "lexicon",
    "lexicon_dir",
]

def _vader_negators() -> frozenset[str]:
    from nltk.sentiment.vader import VaderConstants

    return frozenset(w.lower() for w in VaderConstants.NEGATE)


# VADER's own negation words ("not", "never", "without", "didn't", ...), lower case.
NEGATORS = _vader_negators()


class VaderUnavailableError(ImportError):
    """The ``vaderSentiment`` package (which carries VADER's lexicon) is not installed."""


def is_negator(norm: str) -> bool:
    """True when a lower-cased token is one of VADER's negation words or ends in "n't" (see :mod:`analysis.text.negation`)."""
    from analysis.text.negation import is_negator as _is_negator

    return _is_negator(norm, NEGATORS)


@lru_cache(maxsize=1)
def lexicon_dir() -> Path:
    """The folder of the installed ``vaderSentiment`` package, which holds ``vader_lexicon.txt``.

    Raises:
        VaderUnavailableError: When ``vaderSentiment`` is not installed, with the fix.
    """
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise VaderUnavailableError(
            "VADER's lexicon comes from the `vaderSentiment` package, which is not installed. "
            "Install the pinned requirements (`make setup`, or `pip install vaderSentiment==3.3.2`); "
            "nltk.download is never used in this project."
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    if not (folder / "vader_lexicon.txt").is_file():
        raise VaderUnavailableError(
            f"{folder}: the vaderSentiment package has no vader_lexicon.txt. "
            "Reinstall it: pip install --force-reinstall vaderSentiment==3.3.2"
        )
    return folder


@lru_cache(maxsize=1)
def analyzer():
    """The cached NLTK VADER analyser, built offline from the ``vaderSentiment`` lexicon.

    Returns:
        An ``nltk.sentiment.vader.SentimentIntensityAnalyzer``.

    Raises:
        VaderUnavailableError: When ``vaderSentiment`` is not installed.
    """
    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    folder = str(lexicon_dir())
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)
    return SentimentIntensityAnalyzer("nltk:vader_lexicon.txt")


@lru_cache(maxsize=1)
def lexicon() -> Mapping[str, float]:
    """VADER's lexicon as a read-only mapping from lower-case word to valence in [-4, 4].

    Example:
        >>> lexicon()["reckless"]
        -1.7
    """
    return MappingProxyType(dict(analyzer().lexicon))


def compound(text: str) -> float:
    """VADER's compound score of a whole text in [-1, 1] (the whole-sentence baseline)."""
    return float(analyzer().polarity_scores(text)["compound"])

"""Negation: which words negate, and whether one negates a word that follows it (one rule for every measure).

Loaded language (:mod:`analysis.measures.loaded`) and stance (:mod:`analysis.measures.stance`)
ask the same question of a word: is it negated ("not reckless", "did not condemn", "refused to
engage")? The rule, :func:`negator_before`:

- a **negator** among the ``window`` words before it (3 by default), in the same clause (the
  caller says where its clauses end), negates it;
- a negator directly followed by a word of :data:`NOT_NEGATING_NEXT` does not ("not only", "no
  doubt", "no less", "no matter"); "no longer" does negate ("no longer credible");
- a verb of :data:`NEGATING_VERBS` negates only with "to" after it ("refused to engage", not
  "refused aid").

Which words are negators differs by measure, on purpose, and both lists live here:
:data:`NEGATORS` (loaded language: "not", "no", "never", "nor", "neither", "cannot" and any
"...n't") and :func:`sentiment_negators` (stance, which reads VADER valences: VADER's own
negation words, without "despite", which the stance scorer treats as a clause boundary, plus
"no", which VADER's list lacks, and :data:`NEGATING_VERBS`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

__all__ = [
    "NEGATING_VERBS",
    "NEGATORS",
    "NOT_NEGATING_NEXT",
    "is_negator",
    "negator_before",
    "sentiment_negators",
]

# Loaded language's negators ("not reckless", "no longer credible", "never a provocation"); any
# token ending in "n't" ("isn't", "wasn't") too.
NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "cannot"})
# A negator directly followed by one of these does not negate ("not only", "no doubt", "no less").
NOT_NEGATING_NEXT = frozenset({"only", "just", "merely", "simply", "least", "doubt", "less", "matter", "wonder", "end"})
# Verbs that negate what they govern, when followed by "to": "refused to engage", "failed to deliver".
NEGATING_VERBS = frozenset("refuse refuses refused refusing refusal fail fails failed failing failure".split())
# VADER counts "despite" as a negation; the stance scorer reads it as a clause boundary instead.
_NOT_SENTIMENT_NEGATORS = frozenset({"despite"})
# VADER's list lacks "no" (it treats "no" apart): "no evidence of wrongdoing" is no wrongdoing.
_MORE_SENTIMENT_NEGATORS = frozenset({"no"})


@lru_cache(maxsize=1)
def sentiment_negators() -> frozenset:
    """The stance scorer's negators: VADER's negation words (without "despite"), "no" and :data:`NEGATING_VERBS`."""
    from analysis.text.vader import NEGATORS as VADER_NEGATORS

    return frozenset((VADER_NEGATORS - _NOT_SENTIMENT_NEGATORS) | _MORE_SENTIMENT_NEGATORS | NEGATING_VERBS)


def is_negator(norm: str, negators: frozenset = NEGATORS) -> bool:
    """True when the lower-cased token is one of ``negators`` or ends in "n't"."""
    return norm in negators or norm.endswith("n't")


def negator_before(
    norms: Sequence[str],
    i: int,
    *,
    negators: frozenset = NEGATORS,
    window: int = 3,
    outside: Callable[[int], bool] | None = None,
) -> int | None:
    """The index of the word that negates token ``i`` (see the module docstring), or None.

    Args:
        norms: Lower-cased tokens (of a sentence or a text).
        i: The token that may be negated.
        negators: Which words negate (:data:`NEGATORS` or :func:`sentiment_negators`).
        window: How many tokens before ``i`` are searched.
        outside: ``outside(k)`` is True when token ``k`` lies in another clause than ``i``;
            the search stops there (None: no clause boundary).

    Example:
        >>> negator_before("this is no longer credible".split(), 4)
        2
        >>> negator_before("not only reckless".split(), 2) is None
        True
        >>> negator_before("they refused to engage".split(), 3, negators=sentiment_negators())
        1
    """
    for k in range(i - 1, max(i - 1 - window, -1), -1):
        if outside is not None and outside(k):
            return None
        word = norms[k]
        if word in negators or word.endswith("n't"):
            following = norms[k + 1]
            if following in NOT_NEGATING_NEXT:
                continue
            if word in NEGATING_VERBS and following != "to":
                continue
            return k
    return None

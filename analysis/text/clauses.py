"""Clause boundaries: the punctuation between two words that ends a clause (one rule for every measure).

Loaded language (:mod:`analysis.measures.loaded`: a negation does not reach across a clause
boundary) and stance (:mod:`analysis.measures.stance`: evidence goes to the mentions of its
clause) ask the same question of the text between two words: does a clause end here? The
answer, :func:`breaks_clause`, is yes when that text holds

- a comma, semicolon or colon, a bracket ``( ) [ ]``;
- a dash: `` - `` or ``--``, or a hyphen with a space on one side only (``"Kyiv -which"``), not
  a hyphen inside a word (``"pro-Russian"`` is one word anyway);
- ``.``, ``!`` or ``?`` inside a sentence (an ellipsis, ``"Why?" he asked``) or a line break.

Quotation marks are not clause boundaries: ``did not call it "genocide"`` is a negated
"genocide", and ``accused Kyiv of "reckless" decisions`` aims "reckless" at Kyiv. Who speaks
inside quotation marks is :mod:`analysis.text.quotes`'s question, not a clause's.
Words that open a clause ("but", "while", "which") are the stance scorer's own rule on top.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["CLAUSE_BREAK", "breaks_clause"]

CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]\n]|--|\s-|-\s")


@lru_cache(maxsize=65_536)
def breaks_clause(gap: str) -> bool:
    """True when ``gap``, the text between two words, ends a clause (:data:`CLAUSE_BREAK`).

    The same few gaps recur (``" "``, ``", "``), so answers are remembered.

    Example:
        >>> breaks_clause(", "), breaks_clause(' "'), breaks_clause(" - "), breaks_clause(" ")
        (True, False, True, False)
    """
    return CLAUSE_BREAK.search(gap) is not None

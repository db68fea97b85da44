"""NLTK's Punkt sentence splitter, set up for :func:`analysis.text.tokens.sentences`.

Kept apart from :mod:`analysis.text.tokens` and imported on first use: importing NLTK runs its
package initialisation (chunkers, parsers, taggers, and through them scikit-learn and SciPy),
about 1.5 s of CPU that a process reading only score tables (a notebook kernel, the report, the
command line's help) never needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

from analysis.text.tokens import dotted_initials

__all__ = ["FastPunktToken", "FastPunktVars", "ShortcutPunkt", "splitter"]


class FastPunktVars(PunktLanguageVars):
    """NLTK's Punkt language variables with NLTK's own patterns, compiled by the same ``regex``
    engine with the same flags, but matched without NLTK's per-match time-out wrapper (these
    patterns are fixed and linear, so the guard only costs time). Same sentence spans."""

    __slots__ = ()

    re_boundary_realignment = regex.compile(PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE)

    def _word_tokenizer_re(self):
        try:
            return self._re_word_tokenizer
        except AttributeError:
            self._re_word_tokenizer = regex.compile(
                self._word_tokenize_fmt
                % {"NonWord": self._re_non_word_chars, "MultiChar": self._re_multi_char_punct,
                   "WordStart": self._re_word_start},
                re.UNICODE | re.VERBOSE,
            )
            return self._re_word_tokenizer

    def period_context_re(self):
        try:
            return self._re_period_context
        except AttributeError:
            self._re_period_context = regex.compile(
                self._period_context_fmt % {"NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars},
                re.UNICODE | re.VERBOSE,
            )
            return self._re_period_context


class FastPunktToken(PunktToken):
    """NLTK's PunktToken with its own patterns matched without the time-out wrapper."""

    __slots__ = ()
    _RE_ELLIPSIS = regex.compile(PunktToken._RE_ELLIPSIS.pattern)
    _RE_NUMERIC = regex.compile(PunktToken._RE_NUMERIC.pattern)
    _RE_INITIAL = regex.compile(PunktToken._RE_INITIAL.pattern, re.UNICODE)
    _RE_ALPHA = regex.compile(PunktToken._RE_ALPHA.pattern, re.UNICODE)


# A candidate break whose context is "<two or more ASCII letters>." followed by whitespace and a
# token, or by one of Punkt's non-word characters: Punkt's first pass marks "<word>." a sentence
# break (it is no abbreviation, ellipsis, initial or number) and its second pass cannot undo that
# without trained collocations, so the context contains a break. Anything else goes to Punkt.
_PLAIN_BREAK = re.compile(r"""([A-Za-z]{2,})\.(?:\s+\S+|[)";}\]*:@'({\[\u2018\u2019\u201c\u201d\xab\xbb?!])""")


class ShortcutPunkt(PunktSentenceTokenizer):
    """Punkt with a shortcut for the commonest candidate break (same decisions, see above)."""

    def text_contains_sentbreak(self, text: str) -> bool:
        m = _PLAIN_BREAK.fullmatch(text)
        if m is not None and m.group(1).lower() not in self._params.abbrev_types:
            return True
        return super().text_contains_sentbreak(text)


class _Abbreviations(set):
    """A set of Punkt abbreviation keys that also holds every run of dotted initials
    (:func:`analysis.text.tokens.dotted_initials`: "h.w" of "George H.W. Bush")."""

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or (isinstance(key, str) and dotted_initials(key))


def splitter(abbreviations: Iterable[str]) -> PunktSentenceTokenizer:
    """A Punkt sentence splitter that knows ``abbreviations`` (Punkt keys: lower case, no final period) and every run of
    dotted initials ("H.W.", "J.K.", "F.B.I.")."""
    params = PunktParameters()
    params.abbrev_types = _Abbreviations(abbreviations)
    return ShortcutPunkt(params, lang_vars=FastPunktVars(), token_cls=FastPunktToken)

"""Who an article cites (attribution cues, named organisations) and which variant of a name it uses, with offsets.

Two pattern-based analyses, both in the lexicon pattern syntax (:mod:`analysis.text.lexicon`) and matched with
:class:`analysis.text.lexicon.PatternMatcher`:

- **Attribution.** A cue ("according to", "first reported by", "obtained by", "citing", or a
  reporting verb such as "said", "told", "warned", "emphasized") and the cited entity next to
  it: the words after a forward cue ("according to *Ria Novosti*"), the subject before a
  reporting verb ("*a senior Kremlin diplomat* stated", auxiliaries and adverbs skipped:
  "*Kremlin spokespersons* have warned"), or after it when inverted (``", said *Starmer*"``).
  The entity is the longest run of capitalised words, source nouns ("officials", "sources",
  "spokesperson", "media", "reports"...) and their modifiers ("senior", "state", "leaked"...),
  joined by "of", "for", "at", "from", that the clause allows (punctuation ends it). There is
  no parser: see :data:`SOURCE_WORDS` and the blind spots in ``data/README.md`` ("How attributions are found").
  A document's issuer, when named, is the entity ("according to a report by *Reuters*").
  Organisations (``data/lexicons/organisations.csv``) found inside the entity name it.
- **Naming.** For each group of variants (``data/lexicons/naming_variants.csv``: Kyiv vs Kiev,
  Zelenskyy vs Zelensky vs Zelenskiy, "Kyiv regime" vs "Ukrainian government"...), how often
  each article uses each variant. Each group is matched on its own, so a phrase can count in
  several groups ("Kyiv regime" is a Kyiv spelling and a government label).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import compress
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import paths
from analysis.text.choices import MORE_LINES, first_few
from analysis.text.lexicon import LexiconError, PatternMatcher, parse_pattern, parse_row_pattern, read_csv_rows
from analysis.text.article import Article
from analysis.text.quotes import QuoteIndex, find_quotes
from analysis.text.reporting import NOUN_FORMS, REPORTING_VERBS
from analysis.text.tokens import Token, line_key

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "Attribution",
    "DEFAULT_NAMING_VARIANTS",
    "DEFAULT_ORGANISATIONS",
    "ENTITY_CLASSES",
    "FORWARD_CUES",
    "MENTION_COLUMNS",
    "NAMING_SPAN_COLUMNS",
    "REPORTING_VERBS",
    "SOURCE_WORDS",
    "NamingSpan",
    "Sourcing",
    "attribution_frame",
    "attribution_table",
    "attributions",
    "BOILERPLATE_ARTICLES",
    "repeated_lines",
    "cited_by_source",
    "find_attributions",
    "find_organisations",
    "load_naming_variants",
    "load_organisations",
    "naming",
    "naming_by_source",
    "naming_choices",
    "naming_frame",
    "naming_in_domain",
    "naming_table",
]

DEFAULT_ORGANISATIONS = paths.ORGANISATIONS
DEFAULT_NAMING_VARIANTS = paths.NAMING_VARIANTS
NAMING_DOMAIN = "war"  # the bundled naming variants are names in the war in Ukraine

ENTITY_CLASSES = ("named", "pronoun", "unnamed")
ATTRIBUTION_COLUMNS = [
    "id", "start", "end", "text", "cue", "kind", "entity", "entity_start", "entity_end",
    "entity_class", "organisation", "org_class", "in_quote",
]
MENTION_COLUMNS = ["id", "start", "end", "text", "organisation", "org_class", "cited", "in_quote"]
NAMING_SPAN_COLUMNS = ["id", "start", "end", "text", "group", "variant", "in_quote"]
# The numeric columns of the attributions table (the others are text).
_ATTRIBUTION_TYPES = {**dict.fromkeys(("start", "end", "entity_start", "entity_end"), "int64"), "in_quote": "bool"}

# Cues followed by the cited entity: kind -> patterns.
FORWARD_CUES: dict[str, tuple[str, ...]] = {
    "according_to": ("according to",),
    "by_source": (
        "reported by", "first reported by", "as reported by", "obtained by", "seen by", "cited by",
        "quoted by", "published by", "confirmed by", "citing", "quoting", "in an interview with",
    ),
}
# Reporting verbs (REPORTING_VERBS, the one list in analysis.text.reporting): the speaker is the
# subject before the verb, or follows an inverted verb. Verbs that may precede their speaker ('"...", said Starmer').
_INVERTIBLE = frozenset({"said", "says", "told", "added", "wrote", "asked", "replied", "warned", "noted", "stated", "explained"})

# Lower-case words allowed inside a cited entity. Heads name a source ("officials"), modifiers
# qualify one ("senior", "state"). Capitalised words are always allowed.
_SOURCE_HEADS = frozenset(
    """
    source sources official officials spokesperson spokespersons spokesman spokesmen spokeswoman
    spokeswomen spokespeople representative representatives diplomat diplomats minister ministers
    ministry president presidents premier chancellor secretary envoy ambassador aide aides adviser
    advisers advisor advisors analyst analysts expert experts observer observers insider insiders
    critic critics commentator commentators researcher researchers report reports document
    documents memo memos statement statements media press newspaper newspapers agency agencies
    outlet outlets broadcaster broadcasters correspondent correspondents journalist journalists
    reporter reporters government governments administration authorities authority office
    leadership leader leaders commander commanders general generals officer officers soldier
    soldiers troops forces military army intelligence assessment assessments estimates data
    survey poll polls study witnesses witness resident residents people person lawmaker lawmakers
    senator senators negotiator negotiators mediator mediators delegation delegations staff
    colleague colleagues counterpart counterparts department committee council mission ally allies
    owner owners landlord landlords tenant tenants renter renters homeowner homeowners worker workers
    employee employees union unions voter voters parent parents teacher teachers doctor doctors nurse
    nurses farmer farmers student students member members activist activists protester protesters
    protestor protestors organiser organisers organizer organizers campaigner campaigners economist
    economists scientist scientists lawyer lawyers attorney attorneys prosecutor prosecutors police
    investigator investigators detective detectives customer customers investor investors citizen
    citizens family families victim victims survivor survivors relatives neighbour neighbours neighbor
    neighbors business businesses executive executives manager managers group groups organisation
    organisations organization organizations company companies firm firms coalition alliance party
    lobby association associations mayor mayors governor governors councillor councillors legislator
    legislators judge judges court
    """.split()
)  # the second half (owners ... court): the groups and roles that speak in news about any topic
_MODIFIERS = frozenset(
    """
    a an the his her their its our one two three several some many other others few senior top
    junior unnamed anonymous informed knowledgeable leaked internal classified confidential
    state local regional foreign defence defense military intelligence diplomatic government
    western eastern european international independent official presidential national security
    former deputy chief press
    """.split()
)
SOURCE_WORDS = _SOURCE_HEADS | _MODIFIERS
# Plural heads of groups: before a capitalised name they are no title of it ("the very families Alvarez claims to
# protect" cites Alvarez; "attorney John Zwerling" keeps its title).
_GROUP_HEADS = frozenset(w for w in _SOURCE_HEADS if w.endswith("s") and w[:-1] in _SOURCE_HEADS) | {"families", "police"}
# What may follow an inverted speaker whose last word is lower case, in its clause ('..., said the spokesman on Tuesday').
_AFTER_SPEAKER = frozenset(
    "on in at during after before from to of for with by who which that yesterday today tonight earlier later "
    "last this when while as familiar close involved speaking briefed aware requesting granted".split()
)
_JOINERS = frozenset({"of", "for", "at", "from"})
# Joins a speaker and the place they are in ("experts in Paris", "officials near Kharkiv"): the speaker is
# the words before it, not the place.
_LOCATIVE = frozenset({"in", "near", "outside", "inside"})
_LEADING_DROP = frozenset({"a", "an", "the", "of", "for", "at", "from"})
_TRAILING_DROP = _JOINERS | {"a", "an", "the"}
_HEAD_ENDS = _JOINERS | _LOCATIVE  # an entity's head is the word before the first of these (else its last word)
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
# Skipped between a subject and its verb ("have warned", "swiftly dismissed").
_AUXILIARIES = frozenset(
    {"has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "can", "may", "might",
     "should", "also", "already", "again", "then", "later", "earlier", "once", "too", "reportedly",
     "previously", "recently", "repeatedly", "publicly", "openly", "swiftly", "quickly", "initially",
     "still", "just", "even", "soon", "now", "first"}
)
_NEGATORS = frozenset({"not", "never", "no"})
# When the reporting verb happened, between its subject and it ("The council on Friday condemned", "Officials
# Tuesday night said", "The government on March 3 announced"): skipped, never the entity.
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DAY_PARTS = frozenset("morning afternoon evening night".split())
_FULL_MONTHS = frozenset("january february march april may june july august september october november december".split())
_MONTHS = _FULL_MONTHS | frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.".split()
)
_RELATIVE_DAYS = frozenset({"yesterday", "today", "tonight"})
# Month names that are no one's name ("May said" is Theresa May; "appeared in a video in October urging" cites no one).
_MONTH_NAMES = _FULL_MONTHS - {"may"}
_DAY_WORDS = _WEEKDAYS | _DAY_PARTS | _MONTH_NAMES
_TIME_MODIFIERS = frozenset({"last", "next", "early", "late", "mid"})  # "Last February", "early October"
# Capitalised only because they open a sentence: never part of an entity.
_NOT_ENTITY = frozenset(
    {"meanwhile", "however", "moreover", "yesterday", "today", "tomorrow", "later", "then", "now", "still",
     "but", "and", "so", "thus", "also", "earlier", "instead", "indeed", "this", "that", "these", "those",
     "in", "on", "as", "while", "when", "after", "before", "who", "which", "what", "where", "why", "how", "by"}
)
# Documents a cue can cite ("according to a report by Bloomberg"): when the text names who issued one, that is the
# source cited ("a statement from the Vatican", "a report in The Sun", "a statement issued by the White House");
# alone ("according to a statement released on Saturday") the document stays the entity.
_DOCUMENTS = frozenset("statement statements report reports document documents memo memos assessment assessments "
                       "estimates data survey poll polls study".split())
_ISSUED = frozenset("issued released published commissioned conducted compiled prepared".split())
# "report for Congress" names its reader, "a survey of voters" what it is about: neither is the issuer
_ISSUER_JOINERS = frozenset({"by", "from", "in"})
# "report" and "reports" are as often nouns as verbs: "the Guardian report was false", "all FBI reports on interviews",
# "the Drudge Report" against "AFP reports", "we will report" (:meth:`_Article.report_is_noun`).
_REPORT_FORMS = frozenset({"report", "reports"})
_VERB_PRONOUNS = frozenset({"we", "they", "i", "you"})  # the subjects of a verb "report"
_QUANTIFIERS = frozenset("all these those several many some other both few two three four five six seven eight nine "
                         "ten dozens hundreds".split())
_MAX_ENTITY_TOKENS = 8
_BREAK_CHARS = frozenset(',;:.!?()[]{}"\n')
_JOINED: dict[str, bool] = {}  # gap between two words -> joined (gaps repeat: " ", ", ", ". ")


# ---------------------------------------------------------------------------------------------
# Reading the two CSVs
# ---------------------------------------------------------------------------------------------


def _read(path: str | Path, required: Sequence[str], what: str) -> tuple[pd.DataFrame, list[int], str]:
    path = paths.resolve(path)
    frame, lines = read_csv_rows(path)
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise LexiconError(
            f"{path}: missing column(s) {', '.join(missing)} (columns are: {', '.join(frame.columns) or 'none'}). "
            f"A {what} file needs the columns {','.join(required)}."
        )
    return frame, lines, str(path)


def _validate_patterns(frame: pd.DataFrame, lines: list[int], source: str, column: str, group_col: str) -> None:
    errors: list[str] = []
    flags = []
    seen: dict[tuple, int] = {}
    for row, line in enumerate(lines):
        where = f"{source}, line {line}"
        group = str(frame.at[row, group_col]).strip()
        if not group:
            errors.append(f"{where}: empty {group_col!r}; give every row a {group_col}.")
        flag, parsed = parse_row_pattern(frame, row, str(frame.at[row, column]), where, errors)
        flags.append(flag)
        if parsed is None:
            continue
        key = (group, parsed.key)
        if key in seen:
            errors.append(f"{where}: {column} {parsed.pattern!r} repeats line {seen[key]} in {group_col} {group!r}; remove one row.")
        else:
            seen[key] = line
        frame.at[row, column] = parsed.pattern
        frame.at[row, group_col] = group
    if errors:
        raise LexiconError(f"{len(errors)} problem(s):\n" + first_few(errors, 20, sep="\n", more=MORE_LINES))
    frame["case_sensitive"] = pd.Series(flags, dtype="bool")


def load_organisations(path: str | Path | None = None) -> pd.DataFrame:
    """Read the organisations CSV (``organisation, pattern, class`` + ``case_sensitive``, ``note``).

    Args:
        path: The CSV (default ``data/lexicons/organisations.csv``). One row per name or
            abbreviation; ``organisation`` is the canonical name several rows share.

    Returns:
        The table, ``case_sensitive`` as bool.

    Raises:
        LexiconError: Naming the file and line of every problem.
    """
    frame, lines, source = _read(DEFAULT_ORGANISATIONS if path is None else path, ("organisation", "pattern", "class"), "organisations")
    _validate_patterns(frame, lines, source, "pattern", "organisation")
    dup = _duplicate_patterns(frame)
    if dup:
        raise LexiconError(f"{source}: pattern(s) listed for more than one organisation: {', '.join(dup)}; keep one row each.")
    return frame


def _duplicate_patterns(frame: pd.DataFrame) -> list[str]:
    keys = [parse_pattern(p, case_sensitive=cs).key for p, cs in zip(frame["pattern"], frame["case_sensitive"])]
    seen: set = set()
    dup = []
    for pattern, key in zip(frame["pattern"], keys):
        if key in seen:
            dup.append(pattern)
        seen.add(key)
    return dup


def load_naming_variants(path: str | Path | None = None) -> pd.DataFrame:
    """Read the naming-variants CSV (``group, variant`` + ``case_sensitive``, ``note``).

    Args:
        path: The CSV (default ``data/lexicons/naming_variants.csv``). ``variant`` is a pattern
            (the lexicon pattern syntax of :mod:`analysis.text.lexicon`); the variants of a group are the alternatives compared.

    Returns:
        The table, ``case_sensitive`` as bool.

    Raises:
        LexiconError: Naming the file and line of every problem.
    """
    frame, lines, source = _read(DEFAULT_NAMING_VARIANTS if path is None else path, ("group", "variant"), "naming-variants")
    _validate_patterns(frame, lines, source, "variant", "group")
    return frame


def _organisations(organisations: pd.DataFrame | str | Path | None) -> pd.DataFrame:
    if organisations is None or isinstance(organisations, (str, Path)):
        return load_organisations(organisations)
    missing = [c for c in ("organisation", "pattern", "class") if c not in organisations.columns]
    if missing:
        raise ValueError(f"organisations: missing column(s) {', '.join(missing)}; pass load_organisations() output or a CSV path.")
    frame = organisations.reset_index(drop=True).copy()
    if "case_sensitive" not in frame.columns:
        frame["case_sensitive"] = False
    return frame


def _check_corpus(corpus: pd.DataFrame, *columns: str) -> None:
    missing = [c for c in ("id", "text", *columns) if c not in corpus.columns]
    if missing:
        raise ValueError(f"corpus: missing column(s) {', '.join(missing)}; pass the corpus table from analysis.corpus.load_corpus.")


# ---------------------------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------------------------


class _Article:
    """Per-article helpers on an analysed article's tokens: clause breaks, capitalisation."""

    def __init__(self, article: Article) -> None:
        self.text = article.text
        self.plain = article.plain
        self.tokens: list[Token] = article.tokens  # = tokenize(text)
        prepared = article.prepared  # shared with the matchers: the tokens' starts and the text between them
        self.starts: list[int] = prepared.starts
        self.gaps: list[str] = prepared.raw_gaps  # gaps[i] = plain[tokens[i].end : tokens[i + 1].start]

    def index_at(self, offset: int) -> int:
        """The first token that starts at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def joined(self, i: int) -> bool:
        """True when tokens ``i`` and ``i + 1`` are in the same clause (no punctuation between)."""
        gap = self.gaps[i]
        found = _JOINED.get(gap)
        if found is None:
            found = not any(ch in _BREAK_CHARS for ch in gap) and " - " not in gap and "--" not in gap
            if len(_JOINED) >= 10_000:
                _JOINED.clear()
            _JOINED[gap] = found
        return found

    def cap(self, i: int) -> bool:
        return self.text[self.tokens[i].start].isupper()

    def skippable(self, i: int) -> bool:
        """A lower-case auxiliary, adverb or negator between a subject and its verb."""
        norm = self.tokens[i].norm
        if self.cap(i) or norm in SOURCE_WORDS:
            return False  # "Theresa May said", "an ally said"
        return norm in _AUXILIARIES or norm in _NEGATORS or (norm.endswith("ly") and norm.isalpha())

    def allowed(self, i: int) -> bool:
        norm = self.tokens[i].norm
        if norm in _NOT_ENTITY:
            return False
        return self.cap(i) or norm in SOURCE_WORDS or norm in _JOINERS

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Drop leading articles/joiners and trailing joiners/modifiers-only words from tokens a..b."""
        while a <= b and self.tokens[a].norm in _LEADING_DROP:
            a += 1
        while b >= a and self.tokens[b].norm in _TRAILING_DROP:
            b -= 1
        return a, b

    def has_head(self, a: int, b: int) -> bool:
        return any(self.cap(k) or self.tokens[k].norm in _SOURCE_HEADS for k in range(a, b + 1))

    def before_time(self, j: int) -> int:
        """The token before a time the verb happened at that ends at token ``j`` ("on Friday", "Tuesday night", "on
        March 3", "yesterday"); ``j`` itself when none ends there."""
        tokens, k = self.tokens, j
        if k > 0 and tokens[k].norm in _DAY_PARTS and tokens[k - 1].norm in _WEEKDAYS and self.joined(k - 1):
            k -= 1  # "Tuesday night"
        if k >= 0 and tokens[k].norm in _WEEKDAYS and self.cap(k):
            k -= 1
        elif k > 0 and tokens[k].norm.isdigit() and tokens[k - 1].norm in _MONTHS and self.cap(k - 1) and self.joined(k - 1):
            k -= 2  # "March 3"
        elif k > 0 and tokens[k].norm in _MONTH_NAMES and self.cap(k) and tokens[k - 1].norm == "in" and self.joined(k - 1):
            return k - 2  # "The council in October condemned"
        elif k >= 0 and tokens[k].norm in _RELATIVE_DAYS:
            return k - 1
        else:
            return j
        if k >= 0 and tokens[k].norm == "on" and self.joined(k):
            k -= 1
        return k  # the caller finds no subject when the clause starts there ("Judge X in Texas, on Friday said")

    def backward(self, first: int) -> tuple[int, int] | None:
        """The subject run ending before token ``first`` (a reporting verb), or None; a time between them ("The
        council on Friday condemned") is no part of it (:meth:`before_time`)."""
        j = first - 1
        while j >= 0 and self.joined(j) and self.skippable(j):
            if self.tokens[j].norm in _NEGATORS:
                return None
            j -= 1
        if j >= 0 and self.joined(j):
            j = self.before_time(j)
            while j >= 0 and self.joined(j) and self.skippable(j):  # "The council on Friday also condemned"
                if self.tokens[j].norm in _NEGATORS:
                    return None
                j -= 1
        if j < 0 or not self.joined(j):
            return None
        if self.tokens[j].norm in _PRONOUNS:
            return (j, j)
        end = j
        while j >= 0 and end - j < _MAX_ENTITY_TOKENS and (self.allowed(j) or self.locative(j, end)) and (j == end or self.joined(j)):
            j -= 1
        a, b = self.trim(j + 1, end)
        while a < b and self.tokens[a].norm in _DAY_WORDS and not self.cap(a + 1):
            a += 1  # "On Friday officials said", "In October officials said": the time is no part of the speaker
        if a > b or not self.has_head(a, b) or self.only_time(a, b):
            return None
        for k in range(b - 1, a - 1, -1):  # "the very families Alvarez claims": a group is no title before a name
            if self.tokens[k].norm in _GROUP_HEADS and not self.cap(k) and self.cap(k + 1):
                a = k + 1
                break
        return (a, b)

    def only_time(self, a: int, b: int) -> bool:
        """True when tokens a..b name a day or a month and nothing else ("Sunday", "Friday night", "October"): a time,
        not a speaker (the "Sunday Times" is one; "Last February" is not)."""
        norms = [self.tokens[k].norm for k in range(a, b + 1)]
        return any(w in _DAY_WORDS for w in norms) and all(w in _DAY_WORDS or w in _TIME_MODIFIERS for w in norms)

    def locative(self, j: int, end: int) -> bool:
        """True when token ``j`` joins a speaker before it to a place after it ("Experts in Paris")."""
        if j == end or j == 0 or self.tokens[j].norm not in _LOCATIVE or not self.joined(j - 1):
            return False
        return self.tokens[j - 1].norm in _SOURCE_HEADS or (self.cap(j - 1) and self.allowed(j - 1))

    def forward(self, last: int, speaker: bool = False) -> tuple[int, int] | None:
        """The entity run starting after token ``last`` (the end of a cue), or None. ``speaker``: the run follows an
        inverted reporting verb ('"...," said X'), so the word after it, in its clause, must not go on with the
        sentence: '..., said families deserve homes' has no speaker, '..., said Starmer on Tuesday' has one."""
        k = last + 1
        if k >= len(self.tokens) or not self.joined(last):
            return None
        start = k
        while k < len(self.tokens) and k - start < _MAX_ENTITY_TOKENS and self.allowed(k) and (k == start or self.joined(k - 1)):
            k += 1
        a, b = self.trim(start, k - 1)
        if a > b or not self.has_head(a, b) or self.only_time(a, b):  # '"...," said Sunday'
            return None
        if (speaker and b + 1 < len(self.tokens) and self.joined(b) and not self.cap(b)
                and self.tokens[b + 1].norm not in _AFTER_SPEAKER):
            return None
        return (a, b)

    def report_is_noun(self, first: int, a: int, b: int) -> bool:
        """True when the cue "report"/"reports" at token ``first``, after the subject run a..b, reads as a noun.

        Capitalised, it is part of a name ("the Drudge Report"). After a possessive it is a noun ("Horowitz' report").
        "report" is a verb after a word skipped between them ("we will report", "officials also report"), a plural
        pronoun or a plural source noun ("officials report"), not after a name ("the UN report", "a police report").
        "reports" is a verb after a name or a pronoun ("AFP reports", "she reports") unless a quantifier comes
        before it ("all FBI reports", "six FBI reports"), and after a singular noun with its determiner ("a Gallup
        poll reports"), not after a lower-case word alone ("intelligence reports", "spy agency reports").
        """
        tokens = self.tokens
        if self.cap(first):
            return True
        tail = self.text[tokens[b].end:tokens[first].start]
        if tail[:1] in ("'", "\u2019"):
            return True
        head = tokens[b].norm
        if tokens[first].norm == "report":
            if first - 1 > b:
                return False
            plural = head in _SOURCE_HEADS and head.endswith("s") and (a == b or not self.cap(b))  # "Officials report"
            return not (head in _VERB_PRONOUNS or plural)
        k = a - 1
        determiner = k >= 0 and self.joined(k) and tokens[k].norm in ("the", "a", "an")
        # a lone source word is capitalised by the sentence, not as a name ("Intelligence reports that ...")
        named = self.cap(b) and not (a == b and head in SOURCE_WORDS)
        if not (named or head in _PRONOUNS):
            # a lower-case noun: a subject with its determiner ("a Gallup poll reports", "the ministry reports"),
            # else the first half of a compound ("intelligence reports", "spy agency reports")
            return not (determiner and not head.endswith("s"))
        while k >= 0 and self.joined(k) and tokens[k].norm in ("the", "a", "an"):
            k -= 1
        before = tokens[k].norm if k >= 0 and self.joined(k) else ""
        return any(w in _QUANTIFIERS or w.isdigit() for w in (before, tokens[a].norm))

    def with_permission(self, first: int, last: int) -> bool:
        """True when the cue "posted" (tokens ``first``..``last``) goes on "with permission" ("Article posted with
        permission from ..."): a note on where the text was first published, not a speaker the article cites."""
        tokens = self.tokens
        return (first == last and tokens[first].norm == "posted" and last + 2 < len(tokens) and self.joined(last)
                and self.joined(last + 1)
                and tokens[last + 1].norm == "with" and tokens[last + 2].norm == "permission")

    def issuer(self, a: int, b: int) -> tuple[int, int]:
        """The issuer of a document entity a..b when the text names one ("report by Bloomberg" -> "Bloomberg",
        "statement from the Vatican" -> "Vatican"), else a..b itself. A time or a month is no issuer ("a report
        in March")."""
        tokens = self.tokens
        head_at = next((k - 1 for k in range(a + 1, b + 1) if tokens[k].norm in _HEAD_ENDS), b)
        if tokens[head_at].norm not in _DOCUMENTS or self.cap(head_at):
            return a, b
        if head_at < b:  # the issuer is in the run already: "statement from the Vatican"
            k, found = head_at + 1, None
            if tokens[k].norm in _ISSUER_JOINERS and k < b:
                found = self.trim(k + 1, b)
        else:  # "report by Bloomberg", "statement issued by the White House", "report in The Sun"
            k = b
            if k + 1 < len(tokens) and self.joined(k) and tokens[k + 1].norm in _ISSUED:
                k += 1
            found = None
            if k + 1 < len(tokens) and self.joined(k) and tokens[k + 1].norm in _ISSUER_JOINERS:
                found = self.forward(k + 1)
        if found is None or found[0] > found[1] or not self.has_head(*found) or self.only_time(*found):
            return a, b
        if all(tokens[j].norm in _MONTHS for j in range(found[0], found[1] + 1)):
            return a, b
        return found

    def inverted_ok(self, first: int) -> bool:
        """True when the verb at token ``first`` follows a quotation or a comma ('"...," said X')."""
        if first == 0:
            return False
        gap = self.plain[self.tokens[first - 1].end : self.tokens[first].start]
        return any(ch in gap for ch in ',"\'')


_CUE_KINDS: list[str] = []
_CUE_PATTERNS: list[str] = []
for _kind, _patterns in FORWARD_CUES.items():
    for _p in _patterns:
        _CUE_KINDS.append(_kind)
        _CUE_PATTERNS.append(_p)
for _p in REPORTING_VERBS:
    if _p in NOUN_FORMS:
        continue
    _CUE_KINDS.append("speech")
    _CUE_PATTERNS.append(_p)
_CUE_MATCHER = PatternMatcher(_CUE_PATTERNS)


# What Sourcing.load is given when only one of its two analyses is wanted.
_NO_ORGANISATIONS = pd.DataFrame({"organisation": [], "pattern": [], "class": [], "case_sensitive": []})
_NO_VARIANTS = pd.DataFrame({"group": [], "variant": [], "case_sensitive": []})


def _org_matcher(orgs: pd.DataFrame) -> PatternMatcher:
    return PatternMatcher(orgs["pattern"].astype(str).tolist(), case_sensitive=orgs["case_sensitive"].astype(bool).tolist())


class Attribution(NamedTuple):
    """One row of the ``attributions`` table: an attribution cue and the entity it cites (see :func:`find_attributions`)."""

    id: str
    start: int
    end: int
    text: str
    cue: str
    kind: str
    entity: str
    entity_start: int
    entity_end: int
    entity_class: str
    organisation: str
    org_class: str
    in_quote: bool


class NamingSpan(NamedTuple):
    """One row of the ``naming_spans`` table: a use of one variant of a name (see :func:`naming_choices`)."""

    id: str
    start: int
    end: int
    text: str
    group: str
    variant: str
    in_quote: bool


@dataclass(frozen=True, eq=False)
class Sourcing:
    """The organisations and naming variants, read and compiled once for every article.

    Build it with :meth:`Sourcing.load`; :func:`attributions` and :func:`naming` take it.
    """

    organisations: pd.DataFrame
    variants: pd.DataFrame
    org_matcher: PatternMatcher = field(repr=False)
    groups: dict[str, list[int]] = field(repr=False)
    matchers: dict[str, PatternMatcher] = field(repr=False)
    firsts: dict = field(repr=False)
    # Derived once from the above (not arguments): the organisations' names and classes, the
    # variants as written, and which groups can start at a word (and at a word before another).
    org_names: list[str] = field(init=False, repr=False)
    org_classes: list[str] = field(init=False, repr=False)
    variant_names: list[str] = field(init=False, repr=False)
    group_starts: "_Remembered" = field(init=False, repr=False)
    group_pair_starts: "_Remembered" = field(init=False, repr=False)

    def __post_init__(self) -> None:
        derived = {
            "org_names": self.organisations["organisation"].astype(str).tolist(),
            "org_classes": self.organisations["class"].astype(str).tolist(),
            "variant_names": [str(v) for v in self.variants["variant"].tolist()],
            "group_starts": _Remembered(_groups_starting, [self.firsts[g] for g in self.groups]),
            "group_pair_starts": _Remembered(_groups_starting_pair, [self.firsts[g] for g in self.groups]),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)  # frozen

    @classmethod
    def load(cls, organisations: pd.DataFrame | str | Path | None = None,
             variants: pd.DataFrame | str | Path | None = None) -> "Sourcing":
        """Read (or take) the organisations and naming-variants tables (None: the bundled ones)."""
        orgs = _organisations(organisations)
        if variants is None or isinstance(variants, (str, Path)):
            variants = load_naming_variants(variants)
        for column in ("group", "variant"):
            if column not in variants.columns:
                raise ValueError(f"variants: missing column {column!r}; pass load_naming_variants() output or a CSV path.")
        variants = variants.reset_index(drop=True)
        flags = (variants["case_sensitive"].astype(bool).tolist() if "case_sensitive" in variants.columns
                 else [False] * len(variants))
        groups: dict[str, list[int]] = {}
        for k, g in enumerate(variants["group"].astype(str)):
            groups.setdefault(g, []).append(k)
        matchers = {
            g: PatternMatcher([str(variants.at[k, "variant"]) for k in rows], case_sensitive=[flags[k] for k in rows])
            for g, rows in groups.items()
        }
        return cls(orgs, variants, _org_matcher(orgs), groups, matchers, {g: _FirstWords(m) for g, m in matchers.items()})

    def entries(self) -> str:
        """Both tables as CSV text (what a scoring run's resume key digests)."""
        return self.organisations.to_csv(index=False) + "\0" + self.variants.to_csv(index=False)


def attributions(article: Article, sourcing: Sourcing) -> list[Attribution]:
    """The attributions of one analysed article, in text order of their cues (see :func:`find_attributions`)."""
    art = _Article(article)
    if not art.tokens:
        return []
    text = article.text
    cues = _CUE_MATCHER.find(text, prepared=article.prepared)
    if not cues:
        return []
    org_hits = sourcing.org_matcher.find(text, prepared=article.prepared)  # non-overlapping, in text order
    org_starts = [h.start for h in org_hits]
    org_names, org_classes = sourcing.org_names, sourcing.org_classes
    qindex = article.quote_index
    rows = []
    for m in cues:
        kind = _CUE_KINDS[m.index]
        first = art.index_at(m.start)
        last = art.index_at(m.end) - 1  # the last token that starts before the cue's end
        span = None
        if kind == "speech":
            span = art.backward(first)
            if span is None and art.tokens[first].norm in _INVERTIBLE and art.inverted_ok(first):
                span = art.forward(last, speaker=True)
                kind = "speech_inverted" if span else kind
        else:
            span = art.forward(last)
        if span is None or (kind == "speech" and art.tokens[first].norm in _REPORT_FORMS
                            and art.report_is_noun(first, *span)) or art.with_permission(first, last):
            continue
        a, b = art.issuer(*span)
        e_start, e_end = art.tokens[a].start, art.tokens[b].end
        # The head is the last word before a joiner ("spokesperson" in "spokesperson for
        # Amnesty International"), else the last word.
        head_at = next((k - 1 for k in range(a + 1, b + 1) if art.tokens[k].norm in _HEAD_ENDS), b)
        head = art.tokens[head_at].norm
        if a == b and head in _PRONOUNS:
            entity_class = "pronoun"
        elif head in _SOURCE_HEADS and not (head_at > a and art.cap(head_at)):
            entity_class = "unnamed"  # a capitalised head after another word names one: "World Health Organization"
        else:
            entity_class = "named"
        # The first organisation named inside the entity: among the hits that start in it (a bisection away).
        organisation = org_class = ""
        k = bisect.bisect_left(org_starts, e_start)
        while k < len(org_hits) and org_hits[k].start < e_end:
            if org_hits[k].end <= e_end:
                organisation, org_class = org_names[org_hits[k].index], org_classes[org_hits[k].index]
                break
            k += 1
        start, end = min(m.start, e_start), max(m.end, e_end)
        rows.append(Attribution(article.id, start, end, text[start:end], text[m.start : m.end], kind, text[e_start:e_end],
                                e_start, e_end, entity_class, organisation, org_class, qindex.find(m.start, m.end) is not None))
    return rows


def attribution_frame(rows: list[Attribution]) -> pd.DataFrame:
    """The ``attributions`` table (:data:`ATTRIBUTION_COLUMNS`, typed) from rows of :func:`attributions`, in their order."""
    from analysis.tables.rows import from_rows

    return from_rows(rows, ATTRIBUTION_COLUMNS, _ATTRIBUTION_TYPES)


def find_attributions(
    corpus: pd.DataFrame,
    *,
    organisations: pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """Find who each article cites: attribution cues with the cited entity and its offsets.

    ``python -m analysis score`` writes the same table as ``attributions.csv``; this is the
    in-memory version, one article at a time (:func:`attributions`).

    Args:
        corpus: The corpus table (``id``, ``text``); any chunk of it (each article on its own).
        organisations: The organisations table (:func:`load_organisations`), a path to its
            CSV, or None for the bundled one.

    Returns:
        One row per attribution, sorted by ``id`` then ``start``: ``id, start, end, text``
        (the cue and the entity, ``text[start:end]``), ``cue`` (the cue as written),
        ``kind`` (``according_to``, ``by_source`` for "reported by"/"obtained by"/"citing"...,
        ``speech`` for "X said", ``speech_inverted`` for "said X"), ``entity``,
        ``entity_start``, ``entity_end`` (``text[entity_start:entity_end] == entity``),
        ``entity_class`` (``pronoun``; ``unnamed`` when the entity's head, its last word
        before any "of/for/at/from", is a generic source noun such as "officials", "sources",
        "spokesperson", "media", "reports", "landlords", "police", not capitalised after another word:
        "World Health Organization" is named; otherwise ``named``), ``organisation`` and ``org_class`` (the first organisation
        named inside the entity, else ``""``), ``in_quote`` (the cue is inside a quotation).
        A cue without an identifiable entity is left out.

    Example:
        >>> c = pd.DataFrame({"id": ["a"], "text": ["A senior Kremlin diplomat stated that talks failed."]})
        >>> find_attributions(c)[["entity", "entity_class", "organisation"]].values.tolist()
        [['senior Kremlin diplomat', 'unnamed', 'Kremlin']]
    """
    _check_corpus(corpus)
    sourcing = Sourcing.load(organisations, _NO_VARIANTS)
    rows = []
    for ident, text in zip(corpus["id"], corpus["text"]):
        rows.extend(attributions(Article(ident, text), sourcing))
    return attribution_frame(rows).sort_values(["id", "start"], kind="stable").reset_index(drop=True)


def find_organisations(
    corpus: pd.DataFrame,
    *,
    organisations: pd.DataFrame | str | Path | None = None,
    attributions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every mention of a known organisation, and whether the article cites it there.

    Args:
        corpus: The corpus table (``id``, ``text``).
        organisations: As in :func:`find_attributions`.
        attributions: :func:`find_attributions` output for the same corpus, to fill ``cited``;
            computed when None.

    Returns:
        ``id, start, end, text, organisation, org_class, cited, in_quote`` sorted by ``id``,
        ``start``; ``cited`` is True when the mention lies inside a cited entity.
    """
    _check_corpus(corpus)
    orgs = _organisations(organisations)
    if attributions is None:
        attributions = find_attributions(corpus, organisations=orgs)
    entities: dict[str, list[tuple[int, int]]] = {}
    for ident, a, b in zip(attributions["id"], attributions["entity_start"], attributions["entity_end"]):
        entities.setdefault(ident, []).append((int(a), int(b)))
    matcher = _org_matcher(orgs)
    names = orgs["organisation"].astype(str).tolist()
    classes = orgs["class"].astype(str).tolist()
    rows = []
    for ident, text in zip(corpus["id"], corpus["text"]):
        hits = matcher.find(text)
        if not hits:
            continue
        qindex = QuoteIndex(find_quotes(text))
        spans = entities.get(ident, [])
        for h in hits:
            cited = any(a <= h.start and h.end <= b for a, b in spans)
            rows.append((ident, h.start, h.end, text[h.start : h.end], names[h.index], classes[h.index], cited,
                         qindex.find(h.start, h.end) is not None))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    out = out.astype({"start": "int64", "end": "int64", "cited": "bool", "in_quote": "bool"})
    return out.sort_values(["id", "start"], kind="stable").reset_index(drop=True)


def attribution_table(
    attributions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    column: str = "entity_class",
) -> pd.DataFrame:
    """Count attributions per article or per source, by any attribution column.

    Args:
        attributions: :func:`find_attributions` output.
        corpus: The corpus table, for the grouping column and for articles without any
            attribution (they count as zeros).
        by: ``"id"`` for one row per article, or a corpus column such as ``"source"``.
        column: The attribution column to break the counts down by (``entity_class``,
            ``organisation``, ``org_class``, ``kind``, ``entity``...).

    Returns:
        A tidy table ``<by>, <column>, n, share, n_articles``, with every combination of
        group and observed value (zeros included; for ``entity_class`` all of
        :data:`ENTITY_CLASSES`, observed or not), sorted by ``<by>`` and ``<column>``.
        ``share`` is ``n`` over the group's attributions (NaN when it has none); ``n_articles``
        is the number of articles in the group. For ``by="id"`` the corpus ``source`` is added
        after ``id``.

    Raises:
        ValueError: For a missing column.
    """
    _check_corpus(corpus, by)
    if column not in attributions.columns:
        raise ValueError(f"attributions: no column {column!r}; use one of {', '.join(attributions.columns)}.")
    group_of = dict(zip(corpus["id"], corpus[by]))
    n_articles = corpus.groupby(by, sort=True)["id"].size()
    att = attributions[attributions["id"].isin(group_of)]
    counts = att.assign(_g=att["id"].map(group_of)).groupby(["_g", column], sort=True).size()
    observed = set(att[column].astype(str))
    values = sorted(observed | set(ENTITY_CLASSES) if column == "entity_class" else observed)
    groups = list(n_articles.index)
    full = pd.MultiIndex.from_product([groups, values], names=[by, column])
    counts.index = counts.index.set_names([by, column])
    table = counts.reindex(full, fill_value=0).rename("n").reset_index()
    totals = table.groupby(by)["n"].transform("sum")
    table["share"] = (table["n"] / totals.where(totals > 0)).astype("float64")
    table["n_articles"] = table[by].map(n_articles).astype("int64")
    table["n"] = table["n"].astype("int64")
    if by == "id" and "source" in corpus.columns:
        table.insert(1, "source", table["id"].map(dict(zip(corpus["id"], corpus["source"]))))
    return table.reset_index(drop=True)


def cited_by_source(attributions: pd.DataFrame, corpus: pd.DataFrame, *, by: str = "source",
                    top: int | None = None) -> pd.DataFrame:
    """Whom each source cites: the entities of its attributions, counted, pronouns left out.

    A pronoun ("he said", "they told") refers to someone named elsewhere, so it is not a source
    that can be listed; :func:`attribution_table` counts pronoun attributions as a class of
    their own.

    A line (a paragraph) that recurs word for word in :data:`BOILERPLATE_ARTICLES` or more articles of the
    same group is site boilerplate ("Article posted with permission from ...", "This report was originally
    published by ...") or a recycled background paragraph: its attributions count once for the group, in the
    first of those articles (:func:`repeated_lines`), not once per copy (the attributions table keeps every
    copy).

    Args:
        attributions: :func:`find_attributions` output.
        corpus: The corpus table (``id``, ``text`` and the ``by`` column).
        by: The corpus column that groups articles.
        top: Keep the ``top`` most cited entities of each group (None: all).

    Returns:
        ``<by>, entity, n``: groups in sorted order; within a group the most cited first, ties
        in alphabetical order ignoring case.

    Example:
        >>> c = pd.DataFrame({"id": ["a"], "source": ["S"], "text": ["He said so. Officials said no. Anna said yes."]})
        >>> cited_by_source(find_attributions(c), c).values.tolist()
        [['S', 'Anna', 1], ['S', 'Officials', 1]]
    """
    _check_corpus(corpus, by)
    named = attributions[(attributions["entity"] != "") & (attributions["entity_class"] != "pronoun")]
    group_of = dict(zip(corpus["id"], corpus[by]))
    named = named[named["id"].isin(group_of)]
    if len(named):
        named = named[~repeated_lines(named, corpus, by=by)]
    counts = (named.assign(**{by: named["id"].map(group_of)}).groupby([by, "entity"], sort=False).size()
              .rename("n").reset_index())
    counts = counts.assign(_key=counts["entity"].str.casefold())
    counts = counts.sort_values([by, "n", "_key", "entity"], ascending=[True, False, True, True], kind="stable")
    if top is not None:
        counts = counts.groupby(by, sort=False).head(top)
    return counts.drop(columns="_key").astype({"n": "int64"}).reset_index(drop=True)[[by, "entity", "n"]]


BOILERPLATE_ARTICLES = 3  # a line in this many articles of one source is site boilerplate (as in actor discovery)


def repeated_lines(attributions: pd.DataFrame, corpus: pd.DataFrame, *, by: str = "source") -> pd.Series:
    r"""Per attribution, whether it is a repeat: its line (the text between the line breaks around it, white space
    made one space) recurs in :data:`BOILERPLATE_ARTICLES` or more articles of the same ``by`` group, and this is not
    the first of those articles (by id).

    Example:
        >>> c = pd.DataFrame({"id": list("abcd"), "source": ["S", "S", "S", "T"], "text": [
        ...     "Talks failed, Anna said.\nThis story first appeared on Site X, officials said.",
        ...     "Talks resumed.\nThis story  first appeared on Site X, officials said.",
        ...     "Talks ended, Anna said.\nThis story first appeared on Site X, officials said.",
        ...     "This story first appeared on Site X, officials said."]})
        >>> a = find_attributions(c)
        >>> a.assign(repeat=repeated_lines(a, c))[["id", "entity", "repeat"]].values.tolist()
        [['a', 'Anna', False], ['a', 'officials', False], ['b', 'officials', True], ['c', 'Anna', False], ['c', 'officials', True], ['d', 'officials', False]]
    """
    text_of = dict(zip(corpus["id"].tolist(), corpus["text"].tolist()))
    group_of = dict(zip(corpus["id"].tolist(), corpus[by].astype(str).tolist()))
    ids = attributions["id"].tolist()
    lines = []
    for ident, start, end in zip(ids, attributions["start"].tolist(), attributions["end"].tolist()):
        text = text_of.get(ident)
        if not isinstance(text, str):
            lines.append("")
            continue
        a = text.rfind("\n", 0, start) + 1
        b = text.find("\n", end)
        lines.append(line_key(text[a : b if b >= 0 else len(text)]))
    keys = [(group_of.get(i, ""), line) for i, line in zip(ids, lines)]
    articles: dict[tuple[str, str], set] = {}
    for key, ident in zip(keys, ids):
        if key[1]:
            articles.setdefault(key, set()).add(str(ident))
    first = {key: min(found) for key, found in articles.items() if len(found) >= BOILERPLATE_ARTICLES}
    repeat = [key in first and str(ident) != first[key] for key, ident in zip(keys, ids)]
    return pd.Series(repeat, index=attributions.index, dtype=bool)


# ---------------------------------------------------------------------------------------------
# Naming choices
# ---------------------------------------------------------------------------------------------


def naming_in_domain(corpus: pd.DataFrame, *, domain: str = NAMING_DOMAIN, sample: int = 1000) -> tuple[bool, float]:
    """Whether a corpus is about the domain the naming variants were written for.

    The bundled variants (Kyiv or Kiev, "Kyiv regime", "special military operation", "war" or
    "conflict") are choices in news about the war in Ukraine; elsewhere "war" or "conflict" are
    ordinary words, not a naming choice. The corpus counts as in the domain when the domain's
    indicator vocabulary (:func:`analysis.measures.domains.detect_domains`, the rule that picks lexicon
    packs) occurs at least :data:`analysis.measures.domains.MIN_PER_1K` times per 1,000 words in its
    first ``sample`` articles.

    Returns:
        ``(in the domain, indicator matches per 1,000 words)``.

    Example:
        >>> naming_in_domain(pd.DataFrame({"id": ["a"], "text": ["The council voted on bus routes and rents."]}))
        (False, 0.0)
    """
    from analysis.measures.domains import detect_domains

    _check_corpus(corpus)
    packs, rates = detect_domains(corpus["text"].head(sample))
    return domain in packs, float(rates.get(domain, 0.0))


def naming(article: Article, sourcing: Sourcing) -> list[NamingSpan]:
    """Every use of a naming variant in one analysed article, sorted by ``start`` then ``group`` (see :func:`naming_choices`)."""
    text = article.text
    # The tokens where a pattern of each group can start: the words a pattern starts with, in one
    # pass over the article's words, then (at those few) the word after them.
    norms = article.prepared.norms
    n = len(norms)
    can_start = list(map(sourcing.group_starts.__getitem__, norms))
    pair_starts = sourcing.group_pair_starts
    starts: list[list[int]] = [[] for _ in sourcing.groups]
    for i in compress(range(n), can_start):
        for g in pair_starts[(norms[i], norms[i + 1] if i + 1 < n else None)]:
            starts[g].append(i)
    names = sourcing.variant_names
    rows = []
    for (g, members), at in zip(sourcing.groups.items(), starts):
        if not at:
            continue
        for m in _find_in_windows(sourcing.matchers[g], sourcing.firsts[g].max_len, article, at):
            rows.append(NamingSpan(article.id, m.start, m.end, text[m.start : m.end], g, names[members[m.index]],
                                   article.quote_index.find(m.start, m.end) is not None))
    rows.sort(key=lambda r: (r.start, r.group))  # stable: a group's matches keep their order
    return rows


def naming_frame(rows: list[NamingSpan]) -> pd.DataFrame:
    """The ``naming_spans`` table (:data:`NAMING_SPAN_COLUMNS`, typed) from rows of :func:`naming`, in their order."""
    from analysis.tables.rows import from_rows

    return from_rows(rows, NAMING_SPAN_COLUMNS, {"start": "int64", "end": "int64", "in_quote": "bool"})


def naming_table(spans: pd.DataFrame, corpus: pd.DataFrame, variants: pd.DataFrame | str | Path | None = None, *,
                 keep_zeros: bool = True) -> pd.DataFrame:
    """Count the variants each article uses from its naming spans (``naming_spans.csv`` of ``score``).

    Args:
        spans: The naming spans (:func:`naming_choices`' second table, or ``naming_spans.csv``).
        corpus: The corpus table (``id``; ``source`` if present): the articles counted, in order.
        variants: The naming-variants table or its CSV (None: the bundled one), as the spans were found with.
        keep_zeros: As in :func:`naming_choices`.

    Returns:
        The ``table`` of :func:`naming_choices` for the same corpus: ``id, source, group, variant, n``.
    """
    if "id" not in corpus.columns:
        raise ValueError("corpus: missing column id; pass the corpus table from analysis.corpus.load_corpus.")
    if variants is None or isinstance(variants, (str, Path)):
        variants = load_naming_variants(variants)
    variants = variants.reset_index(drop=True)
    by_group: dict[str, list[int]] = {}
    for k, g in enumerate(variants["group"].astype(str)):
        by_group.setdefault(g, []).append(k)
    order = [k for members in by_group.values() for k in members]  # the file's variants, group by group
    groups = variants["group"].astype(str).to_numpy(dtype=object)[order]
    names = variants["variant"].astype(str).to_numpy(dtype=object)[order]
    column = {(g, v): k for k, (g, v) in enumerate(zip(groups, names))}
    ids = corpus["id"].to_numpy(dtype=object)
    row = {ident: k for k, ident in enumerate(ids)}
    n = np.zeros(len(ids) * len(order), dtype=np.int64)
    if len(spans):
        cells = [row[i] * len(order) + column[(g, v)] for i, g, v in zip(spans["id"], spans["group"], spans["variant"]) if i in row]
        np.add.at(n, np.asarray(cells, dtype=np.int64), 1)
    sources = corpus["source"].to_numpy(dtype=object) if "source" in corpus.columns else np.full(len(ids), "", dtype=object)
    table = pd.DataFrame({"id": np.repeat(ids, len(order)), "source": np.repeat(sources, len(order)),
                          "group": np.tile(groups, len(ids)), "variant": np.tile(names, len(ids)), "n": n})
    if not keep_zeros:
        table = table[table["n"] > 0].reset_index(drop=True)
    return table


def naming_choices(
    corpus: pd.DataFrame,
    variants: pd.DataFrame | str | Path | None = None,
    *,
    keep_zeros: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count which variant of each name every article uses.

    Each group's variants are matched together (leftmost-longest, so "full-scale invasion"
    is not also an "invasion"), and each group separately from the others. ``python -m analysis
    score`` writes the spans as ``naming_spans.csv``; :func:`naming_table` counts them.

    Args:
        corpus: The corpus table (``id``, ``text``; ``source`` if present).
        variants: The naming-variants table (:func:`load_naming_variants`), a path to its CSV,
            or None for the bundled one.
        keep_zeros: List every article x variant, with ``n = 0`` where unused (so that shares
            can be computed); False keeps only variants used.

    Returns:
        ``(table, spans)``. ``table``: ``id, source, group, variant, n`` in corpus order, then
        the file's group and variant order. ``spans``: ``id, start, end, text, group,
        variant, in_quote``, one row per match, sorted by ``id``, ``start``, ``group``.
    """
    _check_corpus(corpus)
    sourcing = Sourcing.load(_NO_ORGANISATIONS, variants)
    rows = []
    for ident, text in zip(corpus["id"], corpus["text"]):
        rows.extend(naming(Article(ident, text), sourcing))
    spans = naming_frame(rows)
    table = naming_table(spans, corpus, sourcing.variants, keep_zeros=keep_zeros)
    spans = spans.sort_values(["id", "start", "group"], kind="stable").reset_index(drop=True)
    return table, spans


class _FirstWords:
    """The first words of a matcher's patterns, to find where a match can start."""

    def __init__(self, matcher: PatternMatcher) -> None:
        self.exact = frozenset(p.norms[0] for p in matcher.patterns if not (p.wildcard and len(p.norms) == 1))
        self.prefixes = tuple(p.norms[0] for p in matcher.patterns if p.wildcard and len(p.norms) == 1)
        self.max_len = max((len(p.norms) for p in matcher.patterns), default=0)
        # The other patterns' first two words: (first, second or None for one word, second is a prefix).
        self.heads = tuple((p.norms[0], p.norms[1] if len(p.norms) > 1 else None, p.wildcard and len(p.norms) == 2)
                           for p in matcher.patterns if not (p.wildcard and len(p.norms) == 1))

    def can_start(self, norm: str) -> bool:
        return norm in self.exact or (bool(self.prefixes) and norm.startswith(self.prefixes))

    def can_start_before(self, norm: str, following: str | None) -> bool:
        """True when a pattern can start at the word ``norm`` followed by the word ``following``
        (None: the last word). Stricter than :meth:`can_start`, never wrong: a match of a
        pattern of two or more words has its second word next."""
        if self.prefixes and norm.startswith(self.prefixes):
            return True
        for first, second, prefix in self.heads:
            if first == norm and (second is None or (following is not None and (
                    following.startswith(second) if prefix else following == second))):
                return True
        return False


def _groups_starting(firsts: tuple[_FirstWords, ...], word: str) -> tuple[int, ...]:
    return tuple(k for k, f in enumerate(firsts) if f.can_start(word))


def _groups_starting_pair(firsts: tuple[_FirstWords, ...], pair: tuple[str, str | None]) -> tuple[int, ...]:
    return tuple(k for k, f in enumerate(firsts) if f.can_start_before(*pair))


class _Remembered(dict):
    """key -> ``function(firsts, key)``: the positions (in :attr:`Sourcing.groups` order) of the
    groups a pattern of which can start there; computed on first use and remembered (a bounded
    cache, emptied when full)."""

    _MAX = 100_000

    def __init__(self, function, firsts: list[_FirstWords]) -> None:
        super().__init__()
        self._function = function
        self._firsts = tuple(firsts)

    def __missing__(self, key) -> tuple[int, ...]:
        value = self._function(self._firsts, key)
        if len(self) >= self._MAX:
            self.clear()
        self[key] = value
        return value

    def __reduce__(self):
        return (_Remembered, (self._function, list(self._firsts)))  # pickled (Dask) without what it remembers


def _find_in_windows(matcher: PatternMatcher, max_len: int, article: Article, starts: list[int]) -> list:
    """``matcher.find(article.text, prepared=article.prepared)``, run only on the stretches where a pattern can start.

    ``starts`` are the tokens (in text order) a pattern of ``matcher`` can start at; a match
    spans at most ``max_len`` tokens. Windows from each such token to ``max_len`` tokens on,
    merged where they overlap, therefore hold every match, and the leftmost-longest scan of a
    window gives the same matches as the scan of the whole text. Most groups occur in few
    articles, so this saves a pass over every word once per group. A window is matched as the
    article's own tokens, so the matches have the article's offsets.
    """
    tokens = article.tokens
    windows: list[list[int]] = []
    for i in starts:
        end = min(len(tokens) - 1, i + max_len - 1)
        if windows and i <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([i, end])
    prepared = article.prepared
    out = []
    for a, b in windows:
        out.extend(matcher.find(article.text, prepared=prepared.window(a, b + 1)))
    return out


def naming_by_source(table: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Sum :func:`naming_choices` counts per source (or another column) and variant.

    Args:
        table: The ``table`` of :func:`naming_choices` (with zeros, so that every variant shows).
        by: The grouping column of ``table``.

    Returns:
        ``<by>, group, variant, n, share, n_articles_using``: ``share`` is the variant's share of
        the group's matches in that source (NaN when the source uses no variant of the group),
        ``n_articles_using`` how many of the source's articles use the variant at least once.
        Sorted by ``<by>``, then the table's group and variant order.
    """
    for column in (by, "group", "variant", "n", "id"):
        if column not in table.columns:
            raise ValueError(f"table: missing column {column!r}; pass the table from naming_choices().")
    # the (group, variant) pairs in order of first appearance (a pass in C over a table of articles x variants)
    firsts = table[["group", "variant"]].drop_duplicates()
    order = {key: k for k, key in enumerate(zip(firsts["group"], firsts["variant"]))}
    agg = (
        table.assign(_used=table["n"] > 0)
        .groupby([by, "group", "variant"], sort=False)
        .agg(n=("n", "sum"), n_articles_using=("_used", "sum"))
        .reset_index()
    )
    totals = agg.groupby([by, "group"])["n"].transform("sum")
    agg["share"] = (agg["n"] / totals.where(totals > 0)).astype("float64")
    agg["_order"] = [order[(g, v)] for g, v in zip(agg["group"], agg["variant"])]
    agg = agg.sort_values([by, "_order"], kind="stable").drop(columns="_order").reset_index(drop=True)
    agg = agg.astype({"n": "int64", "n_articles_using": "int64"})
    return agg[[by, "group", "variant", "n", "share", "n_articles_using"]]

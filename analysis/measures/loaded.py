"""Score loaded language per article (lexicon matches, scare quotes, negation, quotations) with evidence spans.

:func:`score_loaded` is a pure function of a chunk of the corpus table: each article is scored on
its own, so a large corpus can be streamed through it chunk by chunk and the results
concatenated. Every count in ``articles`` is computable back to rows of ``spans``.
"""

from __future__ import annotations

import bisect
import inspect
import operator
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd

from analysis.text import negation
from analysis.text.article import Article, articles
from analysis.text.clauses import breaks_clause
from analysis.text.lexicon import Lexicon, PatternMatcher
from analysis.text.negation import NEGATORS
from analysis.text.tokens import Token, normalize_typography

__all__ = [
    "ARTICLE_COLUMNS",
    "LoadedSpan",
    "NEGATORS",
    "SCARE_QUOTE",
    "SCARE_QUOTE_WEIGHT",
    "SPAN_COLUMNS",
    "kwic",
    "negator_before",
    "phrase_spans",
    "scare_quotes_of",
    "score",
    "score_loaded",
    "STRONG_WEIGHT",
    "strong_per_1k",
]

SCARE_QUOTE = "scare_quote"
# Weight of a scare quote in loaded_intensity: 3 x its precision on the development part of ptc-dev
# (of the 210 scare quotes of :func:`scare_quotes_of`, 15 overlap an annotated Loaded_Language span;
# (15 + 1) / (210 + 2) = 0.075), the rule that sets the lexicon's weights
# (`python scripts/fit_loaded_weights.py --scare-quotes` prints it).
SCARE_QUOTE_WEIGHT = 0.23

# A scare quote is the author's device: a short quoted phrase with no speaker that is not a name, a
# title or a term being defined (CODEBOOK.md). ``find_quotes`` finds short unattributed quotations;
# :func:`scare_quotes_of` keeps those that are scare quotes in this sense. The author's own label right
# before the opening mark ("so-called", "known as", "dubbed") always makes one, capitals or not.
_DETERMINERS = ("", " the", " a", " an", " this", " that", " these", " those", " their", " his", " her", " its", " our")
_SCARE_LABEL = tuple(
    " " + label + det
    for label in ("so called", "self called", "also called", "known as", "dubbed", "termed", "self styled", "self proclaimed",
                  "alleged", "supposed", "purported", "ostensible")
    for det in _DETERMINERS
)
# Words right before the opening mark that introduce a term being defined, named or translated, not
# held at a distance ("the word 'munus'", "translated as 'scout'", "categorised as 'G-1'").
_SCARE_DEFINED = tuple(
    " " + word + det
    for word in ("word", "words", "term", "terms", "phrase", "phrases", "label", "slogan", "title", "name", "named",
                 "headline", "hashtag", "categorized as", "categorised as", "classified as", "translated", "translated as",
                 "means", "meaning", "defined as", "refer to", "refers to", "referred to as", "spelled", "reads", "entitled",
                 "titled", "marked")
    for det in ("", " the", " a", " an", " as", " of")
)
_SCARE_CONTEXT = 40  # characters before the opening mark searched for a label or a definition
_QUOTE_MARKS = "\u201c\u201d\u201e\u00ab\u2018\u2019\u201a\"' \t\n"
# Spans at least this heavy are "strong" (their term's estimated precision on the development data is
# at least 1 in 3: weight = 3 x precision). Chosen on the development part of ptc-dev as the density
# that best ranks articles by annotated Loaded_Language spans (docs/validation_loaded.md).
STRONG_WEIGHT = 1.0


class LoadedSpan(NamedTuple):
    """One row of the ``spans`` table: a loaded-language match (or scare quote) with its evidence."""

    id: str
    start: int
    end: int
    text: str
    term: str
    category: str
    weight: float
    in_quote: bool
    negated: bool
    negator: str
    quote_kind: str


SPAN_COLUMNS = list(LoadedSpan._fields)
ARTICLE_COLUMNS = ["id", "source", "n_tokens", "n_sentences", "loaded_n", "loaded_per_1k"]

def negator_before(
    tokens: Sequence[Token], plain: str, first: int, *, window: int = 3, sentence_start: int = 0
) -> str | None:
    """The word that negates the match starting at token ``first`` (:func:`analysis.text.negation.negator_before`).

    Loaded language's negators (:data:`analysis.text.negation.NEGATORS`: "not", "no", "never",
    "nor", "neither", "cannot", "...n't") among the ``window`` tokens before it, in its clause
    (punctuation ends one) and sentence.

    Args:
        tokens: The text's tokens.
        plain: The text with typography normalised (``normalize_typography``).
        first: Index of the first token of the match.
        window: How many tokens before the match to look at.
        sentence_start: Offset of the sentence start; the search stops there.

    Returns:
        The negator's key (such as ``"not"`` or ``"isn't"``), or None.

    Example:
        >>> from analysis.text.tokens import tokenize
        >>> t = "This is not reckless."
        >>> toks = tokenize(t)
        >>> negator_before(toks, t, 3)
        'not'
    """
    lo = max(first - window, 0)
    for tok in tokens[lo:first]:  # most matches have no negator before them: nothing else to check
        if tok.norm in NEGATORS or tok.norm.endswith("n't"):
            break
    else:
        return None
    norms = [t.norm for t in tokens[lo : first + 1]]

    def outside(k: int) -> bool:  # token lo + k is in another clause or sentence than the match
        tok = tokens[lo + k]
        return tok.start < sentence_start or breaks_clause(plain[tok.end : tokens[lo + k + 1].start])

    k = negation.negator_before(norms, first - lo, negators=NEGATORS, window=window, outside=outside)
    return None if k is None else norms[k]


def scare_quotes_of(article: Article) -> list:
    """The quotations of ``article`` that count as scare quotes (category ``scare_quote``).

    A short quotation without a speaker (``kind == "scare"`` in :func:`analysis.text.quotes.find_quotes`)
    is a scare quote when the author's own label comes right before it ("so-called", "known as",
    "dubbed", "alleged"...); otherwise it is one unless it is

    * a name or title: it starts with a capital letter or holds a digit ("Pale Blue Dot", "G-1");
    * a term being defined, named or translated: "the word", "the term", "translated as",
      "means", "titled"... right before it;
    * the echo of a speaker: its words occur inside a speech quotation of the same article.

    Returns:
        The :class:`~analysis.text.quotes.Quote` objects kept, in text order.

    Example:
        >>> t = 'The so-called "Coalition" met. The "deal" is the "Pale Blue Dot", the word "munus".'
        >>> [t[q.start:q.end] for q in scare_quotes_of(Article("a", t))]
        ['Coalition', 'deal']
    """
    quotes = article.quotes
    scare = [q for q in quotes if q.kind == "scare"]
    if not scare:
        return []
    text = article.text
    speech = None
    out = []
    for q in scare:
        inner = text[q.start : q.end]
        window = text[max(0, q.start - _SCARE_CONTEXT) : q.start].rstrip(_QUOTE_MARKS)
        before = " " + " ".join(window.lower().replace("-", " ").split())
        if inner[:1].isupper() or any(c.isdigit() for c in inner) or before.endswith(_SCARE_DEFINED):
            keep = False  # a name, title, code or term being defined
        else:
            if speech is None:
                speech = [article.plain[s.start : s.end].lower() for s in quotes if s.kind == "speech"]
            key = article.plain[q.start : q.end].lower()
            keep = not any(key in s for s in speech)  # else the echo of a speaker
        # The author's label makes a scare quote whatever else holds ("would-be" only with its hyphen: "would be
        # the 'model'" is a verb).
        if keep or before.endswith(_SCARE_LABEL) or window.lower().endswith("would-be"):
            out.append(q)
    return out


# Phrase extension (annotators mark phrases: "reckless decisions", "provocative nonsense").
# Words that never become the head of a loaded phrase: function words, auxiliaries, pronouns.
_NOT_HEAD = frozenset(
    """
    a an the this that these those there here it its it's they them their he him his she her we us our you your
    i me my who whom whose which what when where why how whether if than then as so such too very also just even
    only both each every all any some no not nor or and but yet of in on at by for with from about into onto over
    under after before since during against between among through across toward towards around upon within without
    to up out off down again more most less least much many few own same other another enough is are was were be
    been being am has have had having do does did will would shall should can could may might must ought said says
    say according while because although though unless until once like unlike via per
    """.split()
)
# Intensifiers taken into the phrase when they directly precede a loaded word ("utterly disgraceful"); the span
# re-ranker's features look for them too (loaded_model.span_features).
INTENSIFIERS = frozenset(
    "utterly totally completely absolutely truly deeply entirely thoroughly extremely incredibly downright "
    "outright wholly so very most".split()
)
# Endings of words that modify the next word (adjectives, participles, -ly adverbs): such a loaded
# word takes the word after it as the head of its phrase ("reckless decisions", "brutally crushed").
_MODIFIER_ENDINGS = ("less", "ous", "ive", "ful", "ic", "ical", "able", "ible", "ant", "ent", "ish", "al", "ly",
                     "ed", "ing", "ary", "ory", "ile", "id", "dy", "ky", "ny", "sy", "zy", "py")
# -ly words that are not manner adverbs of a loaded word (report, time, frequency, degree of certainty,
# nouns and adjectives in -ly): never taken into a phrase by the adverb rule.
_NOT_MANNER = frozenset(
    "reportedly allegedly apparently supposedly purportedly early family daily weekly monthly yearly nearly largely mostly "
    "partly recently currently finally initially publicly officially previously formerly lately simply directly "
    "particularly especially certainly clearly probably possibly actually really usually generally eventually "
    "immediately quickly slowly fully highly widely likely unlikely only ally italy july rally holy belly bully "
    "supply reply apply fly silly ugly".split()
)


def _adverb(text: str, plain: str, tokens: Sequence[Token], i: int) -> bool:
    """True when token ``i`` is a lower-case manner adverb in -ly glued to the next token by a plain gap."""
    w = tokens[i].norm
    return (len(w) > 4 and w.endswith("ly") and w not in _NOT_MANNER and w not in _NOT_HEAD and w.isalpha()
            and text[tokens[i].start].islower() and _plain_gap(plain, tokens[i], tokens[i + 1]))


# Words that join two loaded words into one phrase ("reckless and irresponsible").
_JOINERS = frozenset({"and", "or"})


def _token_at(tokens: Sequence[Token], start: int) -> int:
    """Index of the token that starts at ``start`` (a match's first token); no per-article index is built."""
    return bisect.bisect_left(tokens, start, key=_START)


def _token_ending(tokens: Sequence[Token], end: int) -> int:
    """Index of the token that ends at ``end`` (a match's last token)."""
    return bisect.bisect_left(tokens, end, key=_END)


_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


def _plain_gap(plain: str, a: Token, b: Token) -> bool:
    """True when only spaces, one line break or hyphens separate tokens ``a`` and ``b``."""
    gap = plain[a.end : b.start]
    return gap == " " or gap == "-" or (gap != "" and not gap.strip(" -\r\n") and gap.count("\n") <= 1 and " - " not in gap)


def phrase_spans(text: str, plain: str, tokens: Sequence[Token], matches: Sequence) -> list[tuple]:
    """Extend lexicon matches to the phrases annotators mark, and merge adjacent ones.

    Rules, applied left to right: loaded matches separated only by spaces or hyphens, or by
    "and"/"or", become one phrase ("provocative nonsense", "reckless and irresponsible"); a
    phrase whose last loaded word looks like a modifier (an adjective, participle or -ly
    adverb by its ending) takes the next word as its head when that word is lower-case and not
    a function word ("reckless decisions", "brutally crushed"); a phrase that starts with a
    loaded noun (a word without a modifier's ending) takes up to two lower-case adjectives
    before it ("a naked ploy" gives "naked ploy"); an intensifier directly before is taken in
    ("utterly disgraceful"), and so is a manner adverb in -ly (adverb + verb: "viciously
    attacked"; not "reportedly", "recently"). Phrases never cross punctuation, quotation
    marks or a paragraph break, so ``text[start:end]`` stays a clean span.

    Args:
        text: The article.
        plain: ``normalize_typography(text)``.
        tokens: Its tokens.
        matches: Lexicon matches in text order (``start, end, term, category, weight``).

    Returns:
        ``(start, end, term, category, weight, first_token)`` per phrase: ``term`` joins the
        lexicon terms with " + ", category and weight are those of the heaviest term (the first
        on ties).

    Example:
        >>> from analysis.text.lexicon import Lexicon
        >>> from analysis.text.tokens import tokenize
        >>> lex = Lexicon.from_frame(pd.DataFrame({"pattern": ["reckless", "nonsense"], "category": ["a", "b"], "weight": [1, 2]}))
        >>> t = "Such reckless decisions are reckless nonsense."
        >>> [t[s:e] for s, e, *_ in phrase_spans(t, t, tokenize(t), lex.find(t))]
        ['reckless decisions', 'reckless nonsense']
    """
    if not matches:
        return []
    spans = [(_token_at(tokens, m.start), _token_ending(tokens, m.end), m) for m in matches]
    n_tok = len(tokens)
    out = []
    k = 0
    while k < len(spans):
        first, last, m = spans[k]
        group = [m]
        k += 1
        while True:
            if k < len(spans):
                nf, nl, nm = spans[k]
                if nf == last + 1 and _plain_gap(plain, tokens[last], tokens[nf]):
                    group.append(nm)
                    last = nl
                    k += 1
                    continue
                if (nf == last + 2 and tokens[last + 1].norm in _JOINERS and _plain_gap(plain, tokens[last], tokens[last + 1])
                        and _plain_gap(plain, tokens[last + 1], tokens[nf])):
                    group.append(nm)
                    last = nl
                    k += 1
                    continue
            break
        lastword = tokens[last].norm
        if lastword.endswith(_MODIFIER_ENDINGS) and last + 1 < n_tok:
            head = tokens[last + 1]
            if (head.norm not in _NOT_HEAD and text[head.start].islower() and head.norm.isalpha()
                    and _plain_gap(plain, tokens[last], head) and not (k < len(spans) and spans[k][0] == last + 1)):
                last += 1
        if not tokens[first].norm.endswith(_MODIFIER_ENDINGS):
            # A loaded noun takes up to two adjectives before it ("naked ploy"), not -ly adverbs.
            steps = 0
            while (steps < 2 and first > 0 and tokens[first - 1].norm not in _NOT_HEAD and tokens[first - 1].norm.isalpha()
                   and text[tokens[first - 1].start].islower() and tokens[first - 1].norm.endswith(_MODIFIER_ENDINGS)
                   and not tokens[first - 1].norm.endswith("ly") and _plain_gap(plain, tokens[first - 1], tokens[first])
                   and (not out or out[-1][1] <= tokens[first - 1].start)):
                first -= 1
                steps += 1
        if (first > 0 and tokens[first - 1].norm.endswith("ly") and _adverb(text, plain, tokens, first - 1)
                and (not out or out[-1][1] <= tokens[first - 1].start)):
            first -= 1  # adverb + loaded verb or adjective ("viciously attacked")
        if first > 0 and tokens[first - 1].norm in INTENSIFIERS and _plain_gap(plain, tokens[first - 1], tokens[first]):
            if not out or out[-1][1] <= tokens[first - 1].start:
                first -= 1
        best = max(group, key=lambda g: g.weight)
        term = " + ".join(g.term for g in group)
        out.append((tokens[first].start, tokens[last].end, term, best.category, best.weight, first))
    return out


def _norm_term(text: str) -> str:
    return " ".join(normalize_typography(text).lower().split())


def score(
    article: Article,
    lexicon: Lexicon,
    *,
    scare_quotes: bool = True,
    scare_quote_weight: float = SCARE_QUOTE_WEIGHT,
    negation_window: int = 3,
    phrases: bool = True,
    span_model=None,
) -> list[LoadedSpan]:
    """The loaded-language spans of one article (the rows :func:`score_loaded` reports for it).

    Args:
        article: The analysed article.
        lexicon: The loaded-language lexicon.
        scare_quotes: Add scare quotes as spans of category ``scare_quote``.
        phrases: Extend matches to phrases and merge adjacent ones (:func:`phrase_spans`).
        scare_quote_weight: Weight of a scare quote in ``loaded_intensity``.
        negation_window: Tokens before a match searched for a negator.
        span_model: A :class:`analysis.measures.loaded_model.SpanModel` (``SpanModel.from_json()``
            reads the bundled one): the counted spans whose estimated chance of being marked by an
            annotator is below its threshold are not reported (negated spans stay as evidence;
            the spans of its ``never_filtered`` categories, in the bundled model ``name_calling``
            and ``delegitimizing``, are always reported). None (the default of this function and of
            :func:`score_loaded`, the lexicon alone) reports every span; ``python -m analysis score`` and
            :meth:`analysis.tables.score.Scorer.load` apply the bundled one by default (``score --span-model
            none``: every span). Its features read the weights of the bundled lexicon's scale (3 x estimated
            precision).

    Returns:
        Spans sorted by ``start``, ``end``, ``category``; negated ones included (``negated=True``).
    """
    ident, text, plain, tokens, sents = article.id, article.text, article.plain, article.tokens, article.sentences
    matches = article.matches(lexicon)
    rows: list[LoadedSpan] = []
    if matches:
        qindex = article.quote_index
        sent_starts = [s for s, _ in sents]
    for start, end, term, category, weight, first in (phrase_spans(text, plain, tokens, matches) if phrases else
                                                       [(m.start, m.end, m.term, m.category, m.weight, _token_at(tokens, m.start))
                                                        for m in matches]):
        k = bisect.bisect_right(sent_starts, start) - 1
        s_start = sent_starts[k] if k >= 0 else 0
        negator = negator_before(tokens, plain, first, window=negation_window, sentence_start=s_start)
        kind = qindex.kind(start, end)
        rows.append(
            LoadedSpan(ident, start, end, text[start:end], term, category, float(weight),
                       kind is not None, negator is not None, negator or "", kind or "")
        )
    if scare_quotes:
        for q in scare_quotes_of(article):
            rows.append(
                LoadedSpan(ident, q.start, q.end, text[q.start : q.end], _norm_term(text[q.start : q.end]), SCARE_QUOTE,
                           float(scare_quote_weight), False, False, "", "scare")
            )
    rows.sort(key=lambda r: (r.start, r.end, r.category))
    tagger = getattr(span_model, "tagger", None)
    if tagger is not None:
        z = tagger.logits(article, [r for r in rows if not r.negated])
    if span_model is not None and rows:
        rows = rerank(article, rows, span_model)
    if tagger is not None:
        rows = tagger.apply(article, rows, z)
    return rows


def rerank(article: Article, rows: list[LoadedSpan], span_model) -> list[LoadedSpan]:
    """``rows`` without the counted spans whose re-ranker probability is below the model's threshold
    (spans of the model's ``never_filtered`` categories are kept whatever their probability) and without those
    lighter than the model's ``min_weight`` (0 in the bundled model: none)."""
    from analysis.measures.loaded_model import span_features

    counted = [r for r in rows if not r.negated]
    exempt = span_model.never_filtered
    floor = span_model.min_weight
    keep = {id(r) for r, p in zip(counted, span_model.probabilities(span_features(article, counted)))
            if (p >= span_model.threshold or r.category in exempt) and r.weight >= floor}
    return [r for r in rows if r.negated or id(r) in keep]


# Columns of the articles table that a category must not produce again as loaded_<category>.
_COMPUTED = ("n", "per_1k", "author_per_1k", "intensity", "author_n", "quoted_n", "negated_n")


def categories(lexicon: Lexicon, scare_quotes: bool = True) -> list[str]:
    """The categories with a ``loaded_<category>`` column (the lexicon's, then ``scare_quote``).

    Raises:
        LexiconError: A category would make a column the scores already use for a computed value.
    """
    categories = list(lexicon.categories)
    clashes = [c for c in categories if c in _COMPUTED]
    if clashes:
        from analysis.text.lexicon import LexiconError

        raise LexiconError(
            f"{lexicon.source}: categor{'y' if len(clashes) == 1 else 'ies'} {', '.join(map(repr, clashes))} would make the column(s) "
            f"{', '.join('loaded_' + c for c in clashes)}, which the scores already use for "
            "computed values. Rename the category in the lexicon CSV."
        )
    if scare_quotes and SCARE_QUOTE not in categories:
        categories.append(SCARE_QUOTE)
    return categories


def article_row(article: Article, spans: list[LoadedSpan], categories: list[str]) -> list:
    """One row of the ``articles`` table (columns of :func:`tables`) from an article's spans."""
    counted = [r for r in spans if not r.negated]
    per_cat = {c: 0 for c in categories}
    for r in counted:
        per_cat[r.category] = per_cat.get(r.category, 0) + 1
    n = len(counted)
    author = sum(1 for r in counted if not r.in_quote)
    weight = sum(r.weight for r in counted)
    n_tokens = article.n_tokens
    scale = 1000.0 / n_tokens if n_tokens else 0.0
    return [article.id, article.source, n_tokens, len(article.sentences), n, n * scale, *[per_cat[c] for c in categories],
            author * scale, weight * scale, author, n - author, len(spans) - n]


def tables(article_rows: list[list], span_rows: list[LoadedSpan], categories: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``(articles, spans)`` tables of :func:`score_loaded` from the rows of :func:`article_row` and :func:`score`."""
    columns = [*ARTICLE_COLUMNS, *(f"loaded_{c}" for c in categories), "loaded_author_per_1k", "loaded_intensity",
               "loaded_author_n", "loaded_quoted_n", "loaded_negated_n"]
    articles = pd.DataFrame(article_rows, columns=columns)
    int_cols = ["n_tokens", "n_sentences", "loaded_n", *(f"loaded_{c}" for c in categories),
                "loaded_author_n", "loaded_quoted_n", "loaded_negated_n"]
    articles = articles.astype({c: "int64" for c in int_cols} | {"loaded_per_1k": "float64",
                               "loaded_author_per_1k": "float64", "loaded_intensity": "float64"})
    articles["id"] = articles["id"].astype(object)
    from analysis.tables.rows import from_rows

    spans = from_rows(span_rows, SPAN_COLUMNS, {"start": "int64", "end": "int64", "weight": "float64", "in_quote": "bool",
                                                "negated": "bool"})
    return articles.reset_index(drop=True), spans


def score_loaded(corpus: pd.DataFrame, lexicon: Lexicon, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find loaded language in each article and score it.

    Each lexicon match is extended to the phrase it belongs to, and adjacent matches are merged
    (:func:`phrase_spans`: "reckless decisions", "provocative nonsense" are one span each);
    ``phrases=False`` reports the bare matches.

    A lexicon match preceded, within ``negation_window`` tokens of the same clause, by a
    negator ("not", "no", "never", "...n't") is kept as evidence with ``negated=True`` but not
    counted. A match inside quotation marks has ``in_quote=True`` (``quote_kind`` says
    ``speech`` or ``scare``): it counts in ``loaded_n`` but not in the author's voice. Each
    scare quote is a span of its own, category ``scare_quote``, in the author's voice.

    Args:
        corpus: The corpus table (``id``, ``source``, ``text``); any chunk of it.
        lexicon: The loaded-language lexicon.
        **options: The keyword options of :func:`score` (``scare_quotes``, ``phrases``, ``scare_quote_weight``,
            ``negation_window``, ``span_model``), applied to each article.

    Returns:
        ``(articles, spans)``. ``articles``: one row per article, ``id, source, n_tokens,
        n_sentences, loaded_n, loaded_per_1k``, ``loaded_<category>`` counts for every category
        of the lexicon (and ``scare_quote``), ``loaded_author_per_1k``, ``loaded_intensity``
        (sum of weights per 1,000 words), then ``loaded_author_n, loaded_quoted_n,
        loaded_negated_n``. ``spans``: one row per match, ``id, start, end, text, term,
        category, weight, in_quote, negated, negator, quote_kind``. Both sorted by ``id``
        (spans then by ``start``); counts exclude negated spans.

    Example:
        >>> lex = Lexicon.from_frame(pd.DataFrame({"pattern": ["reckless"], "category": ["loaded_wording"], "weight": [2]}))
        >>> corpus = pd.DataFrame({"id": ["a"], "source": ["s"], "text": ["Reckless, not reckless."]})
        >>> articles, spans = score_loaded(corpus, lex)
        >>> int(articles.at[0, "loaded_n"]), round(float(articles.at[0, "loaded_per_1k"]), 2), spans["negated"].tolist()
        (1, 333.33, [False, True])
    """
    inspect.signature(score).bind(None, lexicon, **options)  # a misspelled option fails here, even with no article
    cats = categories(lexicon, options.get("scare_quotes", True))
    article_rows = []
    span_rows: list[LoadedSpan] = []
    for article in articles(corpus):
        spans = score(article, lexicon, **options)
        span_rows.extend(spans)
        article_rows.append(article_row(article, spans, cats))
    return tables(article_rows, span_rows, cats)


def strong_per_1k(articles: pd.DataFrame, spans: pd.DataFrame, *, min_weight: float = STRONG_WEIGHT) -> pd.Series:
    """Counted spans of weight ``min_weight`` or more per 1,000 words, per article (from the score tables).

    An article density that leaves out the weak terms (estimated precision under 1 in 3 with the
    default): on the held-out part of ptc-dev it ranks articles by annotated ``Loaded_Language``
    spans better than ``loaded_intensity`` (docs/validation_loaded.md gives the numbers and how
    they move with ``min_weight``).

    Args:
        articles: The ``articles`` table (``id``, ``n_tokens``).
        spans: The ``spans`` table (``id``, ``weight``, ``negated``).
        min_weight: The lightest span counted.

    Returns:
        A float Series aligned with ``articles`` (0 for an article without words).

    Example:
        >>> a = pd.DataFrame({"id": ["x", "y"], "n_tokens": [500, 0]})
        >>> s = pd.DataFrame({"id": ["x", "x", "x"], "weight": [1.5, 0.4, 1.0], "negated": [False, False, True]})
        >>> strong_per_1k(a, s).tolist()
        [2.0, 0.0]
    """
    counted = spans[(~spans["negated"].astype(bool)) & (spans["weight"] >= min_weight)]
    n = articles["id"].map(counted.groupby("id").size()).fillna(0).astype("float64")
    tokens = articles["n_tokens"].astype("float64")
    return (1000.0 * n / tokens.where(tokens > 0)).fillna(0.0).rename("loaded_strong_per_1k")


def kwic(
    corpus: pd.DataFrame,
    pattern: str | Sequence[str],
    *,
    window: int = 8,
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Keyword in context: every match of ``pattern`` with the words around it.

    Args:
        corpus: The corpus table (``id``, ``source``, ``text``).
        pattern: A pattern in the lexicon syntax (``"provocat*"``, ``"so-called"``), or several.
        window: Words of context on each side.
        case_sensitive: Match the case of the pattern(s).

    Returns:
        One row per match, sorted by ``id`` then ``start``: ``id, source, start, end, left,
        match, right, pattern``. ``match`` is ``text[start:end]``; ``left`` and ``right`` are
        the surrounding text with whitespace runs collapsed to one space.

    Example:
        >>> c = pd.DataFrame({"id": ["a"], "source": ["s"], "text": ["They call it a provocation, again."]})
        >>> kwic(c, "provocat*", window=2)[["left", "match", "right"]].values.tolist()
        [['it a', 'provocation', ', again.']]
    """
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    matcher = PatternMatcher(patterns, case_sensitive=[case_sensitive] * len(patterns))
    rows = []
    for article in articles(corpus):
        ident, source, text, tokens = article.id, article.source, article.text, article.tokens
        start_to_token = {t.start: i for i, t in enumerate(tokens)}
        end_to_token = {t.end: i for i, t in enumerate(tokens)}
        for m in article.matches(matcher):
            first, last = start_to_token[m.start], end_to_token[m.end]
            left_start = tokens[max(first - window, 0)].start if first > 0 and window > 0 else m.start
            if last + window < len(tokens) and window > 0:
                right_end = tokens[last + window].end
            else:
                right_end = len(text) if window > 0 else m.end
            # Keep the punctuation that closes the last context word ("again.").
            while right_end < len(text) and not text[right_end].isspace() and not text[right_end].isalnum():
                right_end += 1
            rows.append(
                (ident, source, m.start, m.end, " ".join(text[left_start : m.start].split()),
                 text[m.start : m.end], " ".join(text[m.end : right_end].split()), patterns[m.index])
            )
    frame = pd.DataFrame(rows, columns=["id", "source", "start", "end", "left", "match", "right", "pattern"])
    return frame.astype({"start": "int64", "end": "int64"})

"""One clause-boundary rule for loaded language and stance (analysis.text.clauses)."""

import pytest

from analysis.measures import loaded
from analysis.measures.stance import StanceParams, _split_clauses, analyze_spans, load_stance_resources
from analysis.text.clauses import breaks_clause
from analysis.text.tokens import normalize_typography, tokenize


@pytest.mark.parametrize(("gap", "expected"), [
    (" ", False), (", ", True), ("; ", True), (": ", True), (" (", True), (") ", True), (" - ", True), ("--", True),
    (" -", True), ("- ", True), ("-", False), ("... ", True), ("? ", True), ("! ", True), ("\n", True),
    (' "', False), ('" ', False), (" '", False),
])
def test_what_ends_a_clause(gap, expected):
    assert breaks_clause(gap) is expected


def negator_of_reckless(text):
    toks, plain = tokenize(text), normalize_typography(text)
    return loaded.negator_before(toks, plain, [t.norm for t in toks].index("reckless"))


def test_loaded_language_negation_reaches_into_quotation_marks_not_across_a_clause():
    assert negator_of_reckless('This is not "reckless".') == "not"  # quotation marks end no clause (they did)
    assert negator_of_reckless("This is not... reckless.") is None
    assert negator_of_reckless("This is not -reckless.") is None  # a one-sided dash ends one (it did not)


def test_stance_clauses_end_where_loaded_language_clauses_end():
    text = 'Kyiv waited... then Moscow called the plan "reckless" again.'
    plain, toks = normalize_typography(text), tokenize(text)
    norms = [t.norm for t in toks]
    gaps = [plain[toks[i - 1].end : toks[i].start] if i else "" for i in range(len(toks))]
    clauses = _split_clauses(norms, gaps, [-1] * len(toks), StanceParams(), plain, toks)
    assert clauses.first == [0, 2]  # at "...", not at the quotation marks
    res = load_stance_resources(lexicon=False)
    (ev,) = analyze_spans("Kyiv waited... then good news came.", [(0, 4)], res)
    # "good" (VADER 1.9 / 4) in a clause without a mention: the nearest mention before it gets 0.3
    assert [(label, round(value, 3)) for label, value, _, _ in ev.items] == [("good", 0.142)]

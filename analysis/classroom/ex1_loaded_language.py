"""Exercise 1: spot the loaded language in an article by hand, then compare with the lexicon (precision and recall)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import pandas as pd

from analysis.classroom.checks import Check, as_float, is_blank, not_yet, passed, unanswered, word_count
from analysis.text.choices import first_few
from analysis.validate.evaluate import precision_recall_f1

__all__ = [
    "check_false_alarm", "check_missed", "check_precision_recall", "check_spans", "compare_spans", "find_phrases",
    "lexicon_spans", "precision_recall", "show_article", "spans_table",
]


def show_article(text: str, *, width: int = 96) -> None:
    """Print an article paragraph by paragraph, wrapped, with paragraph numbers."""
    k = 0
    for para in text.splitlines():
        if not para.strip():
            continue
        k += 1
        print(textwrap.fill(para.strip(), width=width, initial_indent=f"[{k}] ", subsequent_indent="    "))
        print()


def find_phrases(text: str, phrases: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """Where the student's phrases occur in ``text``.

    Each phrase is matched as whole words (lexicon pattern syntax: case, curly vs straight
    quotes and hyphen vs space do not matter; not inside hyphenated compounds, so
    "escalation" does not match in "de-escalation"); every occurrence counts.

    Returns:
        ``(spans, not_found)``: ``spans`` has ``phrase, start, end, text`` (one row per
        occurrence, duplicates removed, sorted by ``start``); ``not_found`` lists the phrases
        that occur nowhere (or are not usable as a pattern).
    """
    from analysis.text.lexicon import PatternError, PatternMatcher
    from analysis.text.tokens import tokenize

    if isinstance(phrases, str):
        phrases = [phrases]
    tokens = tokenize(text)
    rows, not_found = [], []
    for phrase in phrases:
        phrase = str(phrase).strip().strip("\"'“”‘’ ").strip()
        try:
            found = PatternMatcher([phrase]).find(text, tokens, within_compounds=False) if phrase else []
        except PatternError:
            found = []
        if not found:
            not_found.append(phrase)
        rows += [(phrase, m.start, m.end, text[m.start : m.end]) for m in found]
    spans = pd.DataFrame(rows, columns=["phrase", "start", "end", "text"])
    spans = spans.drop_duplicates(["start", "end"]).sort_values(["start", "end"]).reset_index(drop=True)
    return spans.astype({"start": "int64", "end": "int64"}), not_found


def check_spans(text: str, phrases: Sequence[str], *, minimum: int = 5) -> Check:
    """The student's loaded words and phrases: enough of them, and each found in the article."""
    name = "spans"
    if is_blank(phrases):
        return unanswered(name)
    if isinstance(phrases, str):
        return not_yet(name, 'give a list of phrases in square brackets, e.g. ["so-called", "reckless"], not one string.')
    spans, missing = find_phrases(text, phrases)
    if missing:
        some = "1 of your phrases does not" if len(missing) == 1 else f"{len(missing)} of your phrases do not"
        return not_yet(name, f"{some} occur in the article as written: "
                        f"{', '.join(map(repr, missing))}. Copy them from the text (whole words, same spelling).")
    inside = sorted({(a.text, b.text) for a in spans.itertuples() for b in spans.itertuples()
                     if (a.start, a.end) != (b.start, b.end) and b.start <= a.start and a.end <= b.end})
    if inside:  # one place marked twice would count twice in precision and recall
        pairs = first_few([f"{a!r} inside {b!r}" for a, b in inside], 3, sep="; ")
        return not_yet(name, f"some of your phrases mark the same place twice: {pairs}. Mark each loaded phrase once: "
                        "keep the one you mean (the longer if the whole phrase judges, the shorter if one word does).")
    if len(phrases) < minimum:
        return not_yet(name, f"you marked {len(phrases)} phrase(s); read again and find at least {minimum}. Look at "
                        "verbs and adjectives that judge, labels for people and groups, words in quotation marks "
                        "that nobody says, and euphemisms.")
    return passed(name, f"{len(phrases)} phrases, {len(spans)} places in the article. Every phrase counts wherever it "
                   "occurs, as in a lexicon.")


def lexicon_spans(corpus: pd.DataFrame, lexicon, ident: str) -> pd.DataFrame:
    """The lexicon's counted spans (negated ones left out) in one article, scare quotes included: every lexicon
    match, as ``score --span-model none`` counts them (the exercise is about the transparent lexicon)."""
    from analysis.measures.loaded import score_loaded

    _, spans = score_loaded(corpus[corpus["id"] == ident], lexicon)
    return spans[~spans["negated"]].reset_index(drop=True)


def compare_spans(mine: pd.DataFrame, theirs: pd.DataFrame, *, names: tuple[str, str] = ("you", "lexicon")) -> pd.DataFrame:
    """Put two sets of spans of one text side by side, pairing spans that overlap (one to one).

    Args:
        mine, theirs: Spans with ``start, end, text`` (``theirs`` may have ``category``).
        names: Column names for the two sides.

    Returns:
        One row per pair or unpaired span, sorted by position: ``start, <a>, <b>, category,
        both`` where ``<a>``/``<b>`` hold the span's text or ``""`` and ``category`` is the
        second side's category (else the first's).
    """
    from analysis.validate.evaluate import match_overlap

    a_name, b_name = names
    mine = mine.sort_values("start").reset_index(drop=True)
    theirs = theirs.sort_values("start").reset_index(drop=True)
    pairs = match_overlap(list(zip(mine["start"], mine["end"])), list(zip(theirs["start"], theirs["end"])))
    paired_a = {g for g, _ in pairs}
    paired_b = {p for _, p in pairs}
    cat_b = theirs["category"].astype(str).tolist() if "category" in theirs.columns else [""] * len(theirs)
    cat_a = mine["category"].astype(str).tolist() if "category" in mine.columns else [""] * len(mine)
    rows = [(min(mine.at[g, "start"], theirs.at[p, "start"]), mine.at[g, "text"], theirs.at[p, "text"], cat_b[p] or cat_a[g], True)
            for g, p in pairs]
    rows += [(mine.at[g, "start"], mine.at[g, "text"], "", cat_a[g], False) for g in range(len(mine)) if g not in paired_a]
    rows += [(theirs.at[p, "start"], "", theirs.at[p, "text"], cat_b[p], False) for p in range(len(theirs)) if p not in paired_b]
    table = pd.DataFrame(rows, columns=["start", a_name, b_name, "category", "both"])
    return table.sort_values(["start", a_name]).reset_index(drop=True)


def precision_recall(comparison: pd.DataFrame, *, names: tuple[str, str] = ("you", "lexicon")) -> dict:
    """Precision and recall of the second side (the lexicon) against the first (your reading).

    Precision: the share of the lexicon's matches that you also marked. Recall: the share of
    your spans that the lexicon found. Overlap counts as agreement.
    """
    a_name, b_name = names
    tp = int(comparison["both"].sum())
    n_a = int((comparison[a_name] != "").sum())
    n_b = int((comparison[b_name] != "").sum())
    precision, recall, f1 = precision_recall_f1(tp, n_a, n_b)
    return {"tp": tp, f"n_{a_name}": n_a, f"n_{b_name}": n_b, "precision": precision, "recall": recall, "f1": f1}


def check_precision_recall(precision, recall, comparison: pd.DataFrame) -> Check:
    """The student's hand-computed precision and recall of the lexicon against their own reading."""
    name = "precision_recall"
    p, r = as_float(precision), as_float(recall)
    if p is None and r is None:
        return unanswered(name)
    if p is None or r is None:
        return not_yet(name, "give both numbers, precision and recall.")
    if math.isnan(p) or math.isnan(r):
        bad = [f"{label} {value!r}" for label, value, x in (("precision", precision, p), ("recall", recall, r)) if math.isnan(x)]
        return not_yet(name, f"{' and '.join(bad)}: not a number; write each as a fraction such as 3/5 or a decimal "
                        "such as 0.6.")
    truth = precision_recall(comparison)
    tp, n_you, n_lex = truth["tp"], truth["n_you"], truth["n_lexicon"]
    if p > 1 or r > 1:
        return not_yet(name, "precision and recall are shares between 0 and 1: divide the number of agreeing spans by "
                        "the number of spans of one side (e.g. 3/5).")
    if n_you == 0 or n_lex == 0:
        return not_yet(name, "one side has no spans, so one of the two numbers is undefined; mark some spans first.")
    ok_p, ok_r = abs(p - truth["precision"]) < 0.015, abs(r - truth["recall"]) < 0.015
    if ok_p and ok_r:
        return passed(name, f"right: the lexicon found {tp} of your {n_you} spans (recall {tp}/{n_you} = "
                       f"{truth['recall']:.2f}), and {tp} of its {n_lex} matches are spans you marked (precision "
                       f"{tp}/{n_lex} = {truth['precision']:.2f}).")
    if abs(p - truth["recall"]) < 0.015 and abs(r - truth["precision"]) < 0.015:
        return not_yet(name, "you swapped the two. Precision asks: of everything the lexicon flagged, how much did you "
                        "also mark? Recall asks: of everything you marked, how much did the lexicon find?")
    hints = []
    if not ok_p:
        hints.append(f"precision: count the rows where the lexicon column is filled ({n_lex}); how many of them "
                     "have both columns filled?")
    if not ok_r:
        hints.append(f"recall: count the rows where your column is filled ({n_you}); how many of them have both "
                     "columns filled?")
    return not_yet(name, "not quite. " + " ".join(hints))


def _names_one_of(value, phrases: list[str]) -> bool:
    """Whether the answer names one of ``phrases`` (either contains the other, case ignored)."""
    given = str(value).strip().casefold()
    return not is_blank(value) and any(given in t.casefold() or t.casefold() in given for t in phrases)


def _named_with_reason(name: str, named, why, candidates: list[str], *, nothing: str, pick: str, explain: str,
                       good: str) -> Check:
    """One of ``candidates`` named and the reason given (8 words or more), with each message for what is missing."""
    if is_blank(named) and is_blank(why):
        return unanswered(name)
    if not candidates:
        return passed(name, nothing)
    if not _names_one_of(named, candidates):
        return not_yet(name, pick + ", ".join(map(repr, candidates[:6])) + ".")
    if word_count(why) < 8:
        return not_yet(name, explain)
    return passed(name, good)


def check_missed(missed: str, why: str, comparison: pd.DataFrame) -> Check:
    """A phrase the student marked that the lexicon missed, and why a lexicon cannot see it."""
    return _named_with_reason(
        "missed", missed, why, list(comparison.loc[comparison["lexicon"] == "", "you"]),
        nothing="the lexicon found every span you marked, so there is nothing it missed. Still: what could "
        "a lexicon never find? Think about blame carried by sentence structure.",
        pick="name one of your spans that the lexicon did not find (rows with an empty lexicon column): ",
        explain="now say in a sentence or two (8 words or more) why a list of words could not find it: is it "
        "missing from the list, or is the judgement made by the context or the sentence structure?",
        good=f"good: {missed!r} is loaded in your reading and invisible to the lexicon.",
    )


def check_false_alarm(term: str, why: str, comparison: pd.DataFrame) -> Check:
    """A lexicon match the student did not mark, and whether it is loaded in context."""
    return _named_with_reason(
        "false_alarm", term, why, list(comparison.loc[comparison["you"] == "", "lexicon"]),
        nothing="you marked every match of the lexicon, so it raised no false alarm against your reading.",
        pick="name one lexicon match that you did not mark (rows with an empty 'you' column): ",
        explain="say in 8 words or more whether it is loaded in this context, and why you left it out "
        "(the codebook's 'What is not coded' list may help).",
        good=f"good: {term!r} shows how a lexicon counts a word whatever its context.",
    )


def spans_table(spans: pd.DataFrame, ident: str, *, category: str = "") -> pd.DataFrame:
    """The student's spans in the codebook's format (``id, start, end, text, term, category, in_quote``)."""
    out = pd.DataFrame({"id": ident, "start": spans["start"], "end": spans["end"], "text": spans["text"],
                        "term": [" ".join(t.lower().split()) for t in spans["text"]], "category": category,
                        "in_quote": False})
    return out

"""Plain-language findings generated from the results tables, so that the report's words follow its numbers."""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["certainty_sentence", "extremes_sentence", "sentence_case", "stance_sentences", "syndication_sentence"]


def sentence_case(text: str) -> str:
    """Capitalise the first letter only ("pro-Kremlin outlet uses" -> "Pro-Kremlin outlet uses")."""
    return text[:1].upper() + text[1:] if text else text


def _fmt_p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}" if p < 0.01 else f"= {p:.2f}"


def _articles(n: int) -> str:
    return f"{n:,} article" + ("" if n == 1 else "s")


def extremes_sentence(summary: pd.DataFrame, *, what: str, unit: str, by: str = "source", digits: int = 1) -> str:
    """"X has the most <what> (m <unit>, n articles); Y the least (…)." from a group_summary slice.

    Args:
        summary: Rows of :func:`analysis.stats.group_summary` for one measure.
        what: What the measure is, e.g. "loaded language".
        unit: Its unit, e.g. "loaded terms per 1,000 words".
    """
    rows = summary.dropna(subset=["mean"]).sort_values(["mean", by], ascending=[False, True])
    if rows.empty:
        return f"No source has any {what}."
    top, bottom = rows.iloc[0], rows.iloc[-1]
    text = f"{sentence_case(str(top[by]))} uses the most {what} ({top['mean']:.{digits}f} {unit}, {_articles(int(top['n_articles']))})"
    if len(rows) > 1:
        text += f"; {bottom[by]} the least ({bottom['mean']:.{digits}f}, {_articles(int(bottom['n_articles']))})"
    return text + "."


def certainty_sentence(omnibus: pd.Series | None, *, n_small: int, n_sources: int, alpha: float = 0.05) -> str:
    """How sure we can be that sources differ, from an omnibus permutation test row.

    Args:
        omnibus: A row of :func:`analysis.stats.omnibus_tests` (``p_value``, ``eta_squared``,
            ``n_articles``, ``n_groups``, ``exact``, ``n_permutations``); None when no test ran.
        n_small: Sources with fewer than three articles.
        n_sources: All sources.
        alpha: The conventional threshold the sentence refers to.
    """
    small = ""
    if n_small:
        which = f"All {n_sources} sources have" if n_small == n_sources else (
            f"{n_small} of the {n_sources} sources {'has' if n_small == 1 else 'have'}")
        small = f" {which} fewer than three articles, so their means describe those articles only and carry no interval."
    if omnibus is None or omnibus.get("p_value") is None or (isinstance(omnibus.get("p_value"), float) and math.isnan(omnibus["p_value"])):
        return "There are too few sources or articles for a test of differences between sources." + small
    p = float(omnibus["p_value"])
    how = "exact" if bool(omnibus.get("exact", False)) else f"{int(omnibus['n_permutations']):,} random"
    stats = f"permutation test over {how} relabellings of the articles, p {_fmt_p(p)}, η² = {float(omnibus['eta_squared']):.2f}"
    if p < alpha:
        verdict = (f"The sources differ by more than a random assignment of the {int(omnibus['n_articles']):,} articles "
                   f"to sources would produce ({stats}).")
    else:
        verdict = (f"With {_articles(int(omnibus['n_articles']))} in {int(omnibus['n_groups'])} sources, a difference this "
                   f"large could arise by chance ({stats}): read it as a description of these articles, not as "
                   "evidence about the outlets.")
    return verdict + small


def stance_sentences(
    means: pd.DataFrame, counts: pd.DataFrame, *, min_mentions: int = 3, threshold: float = 0.1,
    calls: pd.DataFrame | None = None,
) -> list[str]:
    """One sentence per actor: which source presents it least and most favourably.

    Args:
        means: Sources x actors, mean article stance.
        counts: Sources x actors, mentions behind each mean.
        min_mentions: A source needs this many mentions of an actor to be named.
        threshold: Means within ±threshold are described as neutral.
        calls: Sources x actors, :func:`analysis.stance.stance_by_source`'s ``stance_call``.
            When given, a source is said to present an actor favourably or unfavourably only
            when its interval excludes 0 (the call says so); otherwise "without a clear lean"
            or "on too little evidence to say".
    """
    out = []
    for actor in means.columns:
        col = means[actor][counts[actor] >= min_mentions].dropna()
        if col.empty:
            continue
        col = col.sort_values(kind="stable")
        low_source, low = col.index[0], col.iloc[0]
        high_source, high = col.index[-1], col.iloc[-1]

        def tone(v: float, source: str) -> str:
            if calls is not None:
                call = calls[actor].get(source, "") if actor in calls.columns else ""
                if call in ("favourable", "unfavourable"):
                    return {"favourable": "favourably", "unfavourable": "unfavourably"}[call]
                if call == "unclear":
                    return "without a clear lean"
                return "on too little evidence to say"
            return "unfavourably" if v < -threshold else "favourably" if v > threshold else "about neutrally"

        if len(col) == 1 or low_source == high_source:
            out.append(f"{sentence_case(actor)}: only {low_source} mentions it often enough to judge; it presents it "
                       f"{tone(low, low_source)} ({low:+.2f}).")
        else:
            out.append(f"{sentence_case(actor)}: {low_source} presents it {tone(low, low_source)} ({low:+.2f}), "
                       f"{high_source} {tone(high, high_source)} ({high:+.2f}).")
    return out


def syndication_sentence(
    pairs: list[tuple[str, str, float]], *, collapsed: bool, max_listed: int = 5, n_pairs: int | None = None
) -> str:
    """One sentence about detected rewrites of the same item; empty when there are none.

    At most ``max_listed`` pairs are named (the most similar first); the rest are counted.
    ``n_pairs`` is the number of pairs found when ``pairs`` holds only the most similar of them
    (on a large corpus there can be millions); by default ``len(pairs)``.
    """
    if not pairs:
        return ""
    total = len(pairs) if n_pairs is None else n_pairs
    if total < len(pairs):
        raise ValueError(f"n_pairs={n_pairs} is smaller than the {len(pairs)} pairs given.")
    ranked = sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))
    listed = ", ".join(f"{a} and {b} ({v:.2f})" for a, b, v in ranked[:max_listed])
    if total > max_listed:
        listed = f"the most similar are {listed}"
    head = "One pair of articles shares" if total == 1 else f"{total:,} pairs of articles share"
    tail = "only the longest article of each group enters the statistics" if collapsed else "both stay in the statistics"
    return f"{head} enough text to be rewrites of one item (word-trigram containment): {listed}; {tail}."

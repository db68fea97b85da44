"""Plain-language findings generated from the results tables, so that the report's words follow its numbers.

Every sentence about a difference is worded from its interval *and* its adjusted p-value:

- a statement is made ("higher than", "lower than", "favourable", "unfavourable") only when the
  false-discovery-adjusted p-value is at most ``alpha`` **and** the interval excludes no
  difference (0; neutral for stance);
- otherwise the source is "not distinguishable from" the others (or from neutral);
- a source with too few articles (or shared events) for an interval gets "too few … to say";
- for each actor, whether the sources' stance differs at all is its own tested statement (an omnibus
  permutation test of all the sources' means): a source that differs from neutral while another does
  not is no evidence that the two sources differ (Gelman & Stern 2006), so the summary says first
  whether the sources differ, and how much of the variation between articles they explain.

The adjustment is one Benjamini-Hochberg correction across every statement the summary makes
(:func:`adjust_claims`), not one per measure.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.compare.stats import MIN_ARTICLES_FOR_INTERVAL, benjamini_hochberg
from analysis.compare.timeline import source_periods
from analysis.text.choices import first_few

__all__ = [
    "CLAIM_COLUMNS", "adjust_claims", "difference_claims", "difference_sentence", "duplicates_sentence",
    "chained_sentence", "events_sentence", "limits_sentence", "min_attainable_p", "one_source_sentence", "sentence_case", "stance_claims",
    "stance_sentences", "framing_findings", "frames_sentence", "periods_sentence", "source_findings", "SourceFindings",
    "stance_between_claims",
    "summary_sentences", "syndication_sentence", "two_sources", "verdict",
]

CLAIM_COLUMNS = ["kind", "measure", "source", "estimate", "ci_low", "ci_high", "p_value", "n", "n_events", "small_n",
                 "design"]


def sentence_case(text: str) -> str:
    """Capitalise the first letter only ("pro-Kremlin outlet uses" -> "Pro-Kremlin outlet uses")."""
    return text[:1].upper() + text[1:] if text else text


def _fmt_p(p: float) -> str:
    """An adjusted p as the summary writes it: three decimals below 0.1, so that rounding never puts a value near the
    5% rate on the other side of it ("p = 0.05" beside "differ" for 0.046, or beside "not distinguishable" for 0.054);
    the report's table (``pval`` of ``report.typ``) writes it alike.

    Example:
        >>> [_fmt_p(p) for p in (0.0004, 0.0046, 0.046, 0.054, 0.46)]
        ['< 0.001', '= 0.005', '= 0.046', '= 0.054', '= 0.46']
    """
    return "< 0.001" if p < 0.001 else f"= {p:.3f}" if p < 0.1 else f"= {p:.2f}"


def _signed(value: float, digits: int) -> str:
    """``value`` with its sign and ``digits`` decimals; a value that rounds to zero is "+0.00", never "-0.00".

    Example:
        >>> _signed(-0.004, 2), _signed(0.5, 1), _signed(-1.25, 2)
        ('+0.00', '+0.5', '-1.25')
    """
    text = f"{value:+.{digits}f}"
    return "+" + text[1:] if text.startswith("-") and float(text) == 0 else text


def _articles(n: int) -> str:
    return f"{n:,} article" + ("" if n == 1 else "s")


def _events(n: int) -> str:
    return f"{n:,} shared event" + ("" if n == 1 else "s")


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# A list of more sources than this is said by its number and its range; the report's tables name each source. With
# thirty outlets the summary had listed every source under every actor (three pages for 296 articles).
MAX_LISTED = 8


def _sources(n: int) -> str:
    return f"{n:,} source" + ("" if n == 1 else "s")


def _range_of(counts: list[int], unit) -> str:
    """"2 articles each", "1 or 2 articles each" or "1 to 4 articles each" (``unit``: :func:`_articles` or :func:`_events`).

    Example:
        >>> [_range_of(c, _articles) for c in ([2, 2], [1, 2, 1], [4, 1, 2])]
        ['2 articles each', '1 or 2 articles each', '1 to 4 articles each']
    """
    low, high = min(counts), max(counts)
    if low == high:
        return f"{unit(low)} each"
    return f"{low:,} {'or' if high == low + 1 else 'to'} {unit(high)} each"


# ---------------------------------------------------------------------------------------------
# Claims: one row per statement the summary makes
# ---------------------------------------------------------------------------------------------


def difference_claims(comparison: pd.DataFrame, *, measure: str, by: str = "source") -> pd.DataFrame:
    """Claims "source vs the other sources" from :func:`analysis.compare.stats.rate_comparison` or
    :func:`analysis.compare.events.event_comparison` (columns ``diff, diff_low, diff_high, p_value,
    n_articles, small_n, design`` and optionally ``n_events``)."""
    n_events = comparison["n_events"] if "n_events" in comparison.columns else pd.Series(0, index=comparison.index)
    out = pd.DataFrame({
        "kind": "difference", "measure": measure, "source": comparison[by].astype(str),
        "estimate": comparison["diff"], "ci_low": comparison["diff_low"], "ci_high": comparison["diff_high"],
        "p_value": comparison["p_value"], "n": comparison["n_articles"], "n_events": n_events,
        "small_n": comparison["small_n"] | comparison["diff_low"].isna(), "design": comparison["design"],
    })
    return out[CLAIM_COLUMNS].reset_index(drop=True)


def stance_claims(summary: pd.DataFrame, tests: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Claims "source presents actor favourably/unfavourably" from per-source stance rows.

    Args:
        summary: ``<by>, measure`` (the actor), ``n_articles, mean, ci_low, ci_high, small_n``
            (:func:`analysis.compare.stats.group_summary` on the stance columns, ``measure`` renamed to
            the actor).
        tests: ``<by>, measure, p_value`` of the test against neutral
            (:func:`analysis.compare.stats.sign_flip_test`).
    """
    merged = summary.merge(tests[[by, "measure", "p_value"]], on=[by, "measure"], how="left")
    merged = merged[merged["n_articles"] > 0]
    out = pd.DataFrame({
        "kind": "stance", "measure": merged["measure"].astype(str), "source": merged[by].astype(str),
        "estimate": merged["mean"], "ci_low": merged["ci_low"], "ci_high": merged["ci_high"],
        "p_value": merged["p_value"], "n": merged["n_articles"], "n_events": 0,
        "small_n": merged["small_n"] | merged["ci_low"].isna(), "design": "articles that mention the actor",
    })
    return out[CLAIM_COLUMNS].reset_index(drop=True)


def stance_between_claims(summary: pd.DataFrame, omnibus: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Claims "the sources' stance toward actor differs", one per actor, from the omnibus tests.

    The claim is tested (it joins the false-discovery family) only when at least two sources have the
    articles an interval needs; otherwise it is ``small_n`` and makes no statement. ``estimate`` is
    the test's eta squared (the share of the variation between articles that the sources explain).

    Args:
        summary: Per-source stance rows as for :func:`stance_claims` (``measure`` the actor).
        omnibus: :func:`analysis.compare.stats.omnibus_tests` rows of the same measures (``measure``
            the actor; ``n_articles, eta_squared, p_value``).
    """
    enough = summary[~summary["small_n"].astype(bool) & summary["ci_low"].notna()].groupby("measure")[by].nunique()
    rows = omnibus[omnibus["measure"].isin(summary["measure"])]
    out = pd.DataFrame({
        "kind": "stance_between", "measure": rows["measure"].astype(str), "source": "",
        "estimate": rows["eta_squared"], "ci_low": np.nan, "ci_high": np.nan, "p_value": rows["p_value"],
        "n": rows["n_articles"], "n_events": 0,
        "small_n": rows["measure"].map(enough).fillna(0).lt(2) | rows["p_value"].isna(),
        "design": "sources compared",
    })
    return out[CLAIM_COLUMNS].reset_index(drop=True)


def adjust_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Add ``q``: Benjamini-Hochberg adjusted p-values over *every* claim with a p-value.

    Claims with too few articles (``small_n``) or no p-value make no statement and stay out of
    the family (``q`` NaN).
    """
    out = claims.copy()
    tested = (~out["small_n"].astype(bool) & out["p_value"].notna()).to_numpy()
    q = np.full(len(out), np.nan)
    q[tested] = benjamini_hochberg(out.loc[tested, "p_value"].to_numpy(dtype="float64"))
    out["q"] = q
    return out


def verdict(claim: pd.Series | dict, *, alpha: float = 0.05) -> str:
    """``"too few"``, ``"higher"``/``"lower"`` (a difference), ``"favourable"``/``"unfavourable"``
    (stance), ``"differ"`` (the sources' stance, :func:`stance_between_claims`, which has no interval) or
    ``"not distinguishable"``, from the interval and the adjusted p-value ``q``."""
    if claim["kind"] == "stance_between":
        if bool(claim["small_n"]) or _nan(claim.get("q")):
            return "too few"
        return "differ" if claim["q"] <= alpha else "not distinguishable"
    if bool(claim["small_n"]) or _nan(claim.get("q")) or _nan(claim["ci_low"]) or _nan(claim["ci_high"]):
        return "too few"
    if claim["q"] <= alpha and (claim["ci_low"] > 0 or claim["ci_high"] < 0):
        up = claim["ci_low"] > 0
        if claim["kind"] == "stance":
            return "favourable" if up else "unfavourable"
        return "higher" if up else "lower"
    return "not distinguishable"


def _evidence(c, digits: int) -> str:
    size = _events(int(c["n_events"])) if c["design"] == "same events" else _articles(int(c["n"]))
    # an interval's bounds keep their sign ("-0.00 to +0.01" touches 0 from below)
    return (f"{_signed(c['estimate'], digits)}, 95% interval {c['ci_low']:+.{digits}f} to {c['ci_high']:+.{digits}f}, "
            f"adjusted p {_fmt_p(float(c['q']))}, {size}")


def _too_few(rows: list, design: str) -> str:
    events = design == "same events"
    what, unit, key = ("shared events", _events, "n_events") if events else ("articles", _articles, "n")
    if len(rows) > MAX_LISTED:
        return f"too few {what} to say for {_sources(len(rows))} ({_range_of([int(c[key]) for c in rows], unit)})"
    listed = [f"{c['source']} ({unit(int(c[key]))})" for c in rows]
    return f"too few {what} to say for {_names(listed)}"


def two_sources(claims: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """With two sources, "each source against the other" is one comparison seen from either side (the same p-value,
    mirrored estimates and intervals): it is kept once. A source with too few articles (``small_n``) makes the
    comparison too small to say, from its side; otherwise the side of the source with the higher estimate is kept
    (the first by name when neither has one). Returns the claims and the other source's name; claims of any other
    number of sources come back unchanged, with None.

    Example:
        >>> claims = pd.DataFrame({"source": ["A", "B"], "estimate": [-8.1, 8.1], "small_n": [False, False]})
        >>> kept, versus = two_sources(claims)
        >>> kept.to_dict("records"), versus
        ([{'source': 'B', 'estimate': 8.1, 'small_n': False}], 'A')
        >>> two_sources(claims.assign(small_n=[True, False]))[0]["source"].tolist()
        ['A']
    """
    if len(claims) != 2:
        return claims, None
    ordered = claims.assign(_name=claims["source"].astype(str)).sort_values("_name", kind="stable")
    small = ordered["small_n"].astype(bool).to_numpy()
    estimates = ordered["estimate"].to_numpy(dtype="float64")
    if small.any():
        keep = 0 if small[0] else 1
    else:
        keep = 1 if not np.isnan(estimates).any() and estimates[1] > estimates[0] else 0
    kept = ordered.iloc[[keep]].drop(columns="_name").reset_index(drop=True)
    return kept, str(ordered["_name"].iloc[1 - keep])


def difference_sentence(claims: pd.DataFrame, *, what: str, unit: str, alpha: float = 0.05, digits: int = 1,
                        versus: str | None = None) -> str:
    """The sentences about one measure: each source against the other sources, grouped by what can be said.

    Args:
        claims: Adjusted claims (:func:`adjust_claims`) of one measure, kind ``difference``.
        what: The measure in words ("Loaded language").
        unit: Its unit ("terms per 1,000 words").
        versus: With two sources (:func:`two_sources`), the other source: the one claim is said against it by name.

    Example:
        "Loaded language (terms per 1,000 words; same-event comparison). Higher than the other
        sources: A (+2.1, 95% interval +0.8 to +3.4, adjusted p = 0.004, 12 shared events). Not
        distinguishable from the other sources: B (…). Too few articles to say for C (2 articles)."
    """
    rows = [c for _, c in claims.sort_values("source", key=lambda s: s.astype(str)).iterrows()]
    verdicts = [verdict(c, alpha=alpha) for c in rows]
    designs = sorted({c["design"] for c in rows})
    design = designs[0] if len(designs) == 1 else "mixed"
    how = {"same events": "same-event comparison", "all articles": "all articles, not matched by event"}.get(design, design)
    head = f"{sentence_case(what)} ({unit}; {how}). "
    if versus is not None and len(rows) == 1 and verdicts[0] != "too few":  # two sources: one comparison, said whole
        c, said = rows[0], verdicts[0]
        if said == "not distinguishable":  # a fixed word first: a source's name keeps its case ("left-leaning")
            return head + (f"Not distinguishable between {c['source']} and {versus} ({c['source']} minus {versus}: "
                           f"{_signed(c['estimate'], digits)}).")
        return head + f"{sentence_case(said)} in {c['source']} than in {versus} ({_evidence(c, digits)})."
    if versus is not None and len(rows) == 1:  # two sources, one with too few: the comparison of both is not made
        c = rows[0]
        what, size = (("shared events", _events(int(c["n_events"]))) if design == "same events"
                      else ("articles", _articles(int(c["n"]))))
        return head + f"Too few {what} to compare {c['source']} ({size}) with {versus}."
    other = "the other sources" if versus is None else versus
    parts = _grouped(rows, verdicts, {"higher": f"higher than {other}", "lower": f"lower than {other}",
                                      "not distinguishable": f"not distinguishable from {other}"},
                     design=design, digits=digits, estimate="difference")
    return head + _sentences(parts)


# Verdicts whose sources the summary lists with their estimate alone; the table of statements (the claims) holds
# their intervals and adjusted p-values. A statement made keeps its evidence in the sentence.
BRIEF_VERDICTS = frozenset({"not distinguishable"})


def _grouped(rows: list, verdicts: list[str], labels: dict[str, str], *, design: str, digits: int,
             estimate: str, range_said: bool = False) -> list[str]:
    """One part per verdict, in the order of ``labels`` (verdict -> words): "label: A (evidence) and B (evidence)",
    then the sources with too few articles. A verdict of :data:`BRIEF_VERDICTS` lists each source with its
    estimate only: "label, with their ``estimate``: A (+0.01) and B (-0.02)"; more than :data:`MAX_LISTED` sources
    are said by their number and the range of their estimates, or by their number alone when they are all the
    sources with enough articles and ``range_said`` (the sentence before gave that range)."""
    parts = []
    n_shown = sum(v != "too few" for v in verdicts)
    for said, label in labels.items():
        chosen = [c for c, v in zip(rows, verdicts) if v == said]
        if not chosen:
            continue
        if said in BRIEF_VERDICTS and len(chosen) > MAX_LISTED and range_said and len(chosen) == n_shown:
            whom = "" if n_shown == len(rows) else " with enough articles"
            parts.append(f"{label}: all {len(chosen):,} sources{whom}")
        elif said in BRIEF_VERDICTS and len(chosen) > MAX_LISTED:
            low = min(chosen, key=lambda c: c["estimate"])
            high = max(chosen, key=lambda c: c["estimate"])
            parts.append(f"{label}: {_sources(len(chosen))}, with {estimate}s from {_signed(low['estimate'], digits)} "
                         f"({low['source']}) to {_signed(high['estimate'], digits)} ({high['source']})")
        elif said in BRIEF_VERDICTS:
            listed = [f"{c['source']} ({_signed(c['estimate'], digits)})" for c in chosen]
            whose = "its" if len(chosen) == 1 else "their"
            parts.append(f"{label}, with {whose} {estimate}{'' if len(chosen) == 1 else 's'}: {_names(listed)}")
        else:
            listed = [f"{c['source']} ({_evidence(c, digits)})" for c in chosen]
            parts.append(f"{label}: {_names(listed)}")
    few = [c for c, v in zip(rows, verdicts) if v == "too few"]
    if few:
        parts.append(_too_few(few, design))
    return parts


def _sentences(parts: list[str]) -> str:
    return " ".join(sentence_case(part) + "." for part in parts)


def _between_sentence(between, rows: list, verdicts: list[str], *, alpha: float, digits: int) -> str:
    """Whether the sources' stance differs (empty when too few sources have enough articles to test it)."""
    if between is None or verdict(between, alpha=alpha) == "too few":
        return ""
    shown = [c for c, v in zip(rows, verdicts) if v != "too few"]
    spread = ""
    if shown:
        low = min(shown, key=lambda c: c["estimate"])
        high = max(shown, key=lambda c: c["estimate"])
        whose = "source means" if len(shown) == len(rows) else "means of the sources with enough articles"
        lo_text, hi_text = _signed(low["estimate"], digits), _signed(high["estimate"], digits)
        if lo_text == hi_text:  # "from +0.00 (A) to +0.00 (A)" said nothing
            spread = ("; every source's mean is " if len(shown) == len(rows) else
                      "; the means of the sources with enough articles are all ") + lo_text
        else:
            spread = f"; {whose} from {lo_text} ({low['source']}) to {hi_text} ({high['source']})"
    eta = between["estimate"]
    share = ("" if _nan(eta) else "; the sources account for "
             + ("less than 0.1%" if eta < 0.0005 else f"{eta:.1%}") + " of the variation in stance between articles")
    test = f"permutation test of all sources' means, adjusted p {_fmt_p(float(between['q']))}{share}{spread}"
    if verdict(between, alpha=alpha) == "differ":
        return f"the sources differ ({test})"
    return f"no difference between the sources could be shown ({test})"


def stance_sentences(claims: pd.DataFrame, *, alpha: float = 0.05, digits: int = 2) -> list[str]:
    """Sentences about the stance toward each actor: first whether the sources differ (when
    :func:`stance_between_claims` are among the claims), then each source against neutral:
    favourable or unfavourable only when the interval excludes neutral (0) and the adjusted p-value
    passes ``alpha``.

    Actors for which every source has too few articles share one sentence.
    """
    out, all_few = [], []
    per_source = claims[claims["kind"] == "stance"]
    between_of = {str(c["measure"]): c for _, c in claims[claims["kind"] == "stance_between"].iterrows()}
    for actor, group in per_source.groupby("measure", sort=True):
        rows = [c for _, c in group.sort_values("source", key=lambda s: s.astype(str)).iterrows()]
        verdicts = [verdict(c, alpha=alpha) for c in rows]
        if all(v == "too few" for v in verdicts):
            all_few.append((str(actor), max(int(c["n"]) for c in rows)))
            continue
        between = _between_sentence(between_of.get(str(actor)), rows, verdicts, alpha=alpha, digits=digits)
        parts = ([between] if between else []) + _grouped(rows, verdicts, {
            "favourable": "favourable", "unfavourable": "unfavourable",
            "not distinguishable": "not distinguishable from neutral"}, design="articles", digits=digits, estimate="mean",
            range_said=bool(between))
        out.append(f"Stance toward {actor} (-1 to +1, 0 neutral or no evidence). " + _sentences(parts))
    if all_few:
        most = max(n for _, n in all_few)
        one = len(all_few) == 1
        out.append(f"Stance toward {_names([a for a, _ in all_few])}: too few articles to say whether any source presents "
                   f"{'it' if one else 'them'} favourably or unfavourably (no source has more than {_articles(most)} "
                   f"mentioning {'it' if one else 'one of them'}; an interval needs {MIN_ARTICLES_FOR_INTERVAL}).")
    return out


def min_attainable_p(sizes: list[int]) -> float:
    """The smallest p-value any exact source-against-rest permutation test can give with these source sizes."""
    n = sum(sizes)
    if n == 0 or len(sizes) < 2:
        return float("nan")
    return min(1 / math.comb(n, k) for k in sizes)


def limits_sentence(claims: pd.DataFrame, *, sizes: dict[str, int], alpha: float = 0.05,
                    design: str = "all articles") -> str:
    """What the sample can and cannot show, from the claims and the number of articles per source."""
    n, k = sum(sizes.values()), len(sizes)
    small = sorted(s for s, v in sizes.items() if v < MIN_ARTICLES_FOR_INTERVAL)
    if k == 1 and small:
        return (f"What {_articles(n)} from one source cannot show: anything beyond these articles. The source has fewer "
                f"than the {MIN_ARTICLES_FOR_INTERVAL} articles an interval needs, so every number above describes these "
                "articles only.")
    if len(small) == k:
        p_min = min_attainable_p(list(sizes.values()))
        return (f"What {_articles(n)} in {k} sources cannot show: whether the outlets, rather than these articles, "
                f"differ. No source has the {MIN_ARTICLES_FOR_INTERVAL} articles an interval needs, and no comparison of "
                f"one source with the others can reach a p-value below {p_min:.2f}, whatever the data; every number "
                "above describes these articles only.")
    tested = claims[claims["q"].notna()] if "q" in claims.columns else claims.iloc[:0]
    said = [(c, verdict(c, alpha=alpha)) for _, c in tested.iterrows()]
    found = sum(v in ("higher", "lower", "favourable", "unfavourable", "differ") for _, v in said)
    if len(tested) == 1:
        text = (f"The one statement with enough articles {'passes' if found else 'does not pass'} a false-discovery "
                f"rate of {alpha:.0%} (Benjamini-Hochberg)")
    else:
        text = (f"{found} of the {len(tested)} statements with enough articles pass a false-discovery rate of "
                f"{alpha:.0%} (Benjamini-Hochberg across all of them)")
    if len(small) > MAX_LISTED:
        text += f"; {_sources(len(small))} have fewer than {MIN_ARTICLES_FOR_INTERVAL} articles"
    elif small:
        text += f"; {_names(small)} {'has' if len(small) == 1 else 'have'} fewer than {MIN_ARTICLES_FOR_INTERVAL} articles"
    text += "."
    if found:
        # on a large corpus a tiny difference passes: a statement settles a direction, not a size
        text += (" A statement says that a direction is established, not that it is large: its size is the estimate "
                 "beside it.")
    # An interval that leaves out 0 beside "not distinguishable" reads as a contradiction unless it is said why.
    apart = sum(v == "not distinguishable" and (c["ci_low"] > 0 or c["ci_high"] < 0) for c, v in said)
    if apart:
        text += (f" In {apart} of the others the 95% interval leaves out 0 (no difference, or neutral) but the adjusted "
                 f"p is above {alpha:.0%}: an interval covers its own statement alone, the adjusted p all "
                 f"{len(tested)} together, and a difference is stated only when both agree.")
    if any(c["kind"] != "stance_between" and v in BRIEF_VERDICTS for c, v in said):
        text += (" The summary lists a source that is not distinguishable with its estimate alone; the table of "
                 "statements gives every statement's interval and adjusted p.")
    text += (" \"Not distinguishable\" does not mean equal: differences smaller than an interval's width would go "
             "unseen with this many articles.")
    if design == "all articles" and k > 1:
        text += " Sources are compared over all their articles, so a difference may reflect which events each covered."
    return text


def duplicates_sentence(mapping: pd.DataFrame | None, *, sources: dict[str, str], parameter: str = "collapse_duplicates",
                        threshold: float | None = None) -> str:
    """Which near-duplicates were collapsed before every statistic (empty when none).

    A cluster is a chain of pairs at or above the threshold (single linkage), so an article left out need not be
    near its cluster's kept article, and a pair near the threshold can be two articles on one topic: the sentence
    says how the clusters were formed and to check the pairs.

    Args:
        mapping: The mapping :func:`analysis.compare.similarity.collapse_near_duplicates` returns, or None
            when nothing was collapsed.
        sources: id -> source.
        parameter: The notebook parameter that keeps them.
        threshold: The word-trigram containment of a near-duplicate pair (None: not said).
    """
    if mapping is None or mapping["kept"].all():
        return ""
    dropped = mapping[~mapping["kept"]]
    listed = first_few([f"{r.id} ({sources.get(r.id, '?')}, kept {r.representative})"
                        for r in dropped.itertuples(index=False)], 5)
    one = len(dropped) == 1
    head = "One near-duplicate article was" if one else f"{len(dropped):,} near-duplicate articles were"
    how = "" if threshold is None else (f" (pairs of articles that share at least {threshold:.0%} of the shorter one's "
                                        "word trigrams, joined in chains)")
    return (f"{head} left out of every statistic, {'for' if one else 'each for'} the longest article of "
            f"its cluster of near-duplicates{how}: {listed} (set {parameter}=False "
            f"to keep them, with make NOTEBOOK_PARAMS={parameter}=False; near the threshold two articles on one topic "
            "can pass without either rewriting the other: check the pairs).")


def events_sentence(coverage: pd.DataFrame, *, n_events: int, n_shared: int, n_articles: int, by: str = "source",
                    min_sources: int = 2, dated: bool = True, chained: pd.DataFrame | None = None,
                    threshold: float | None = None) -> str:
    """How the sources' coverage differs by event, from :func:`analysis.compare.events.coverage_by_event`.

    ``dated``: whether the articles have dates (:func:`analysis.compare.events.has_dates`); without them an event is
    similar wording alone, with no date window. ``chained``: :func:`analysis.compare.events.chained_events`, said
    after the rest when it has rows (with ``threshold``, the ``event_threshold`` that linked the articles).
    """
    shown = [(r[by], f"{r['coverage_distance']:.2f}") for _, r in coverage.iterrows() if not _nan(r["coverage_distance"])]
    if len(shown) > 1 and len({d for _, d in shown}) == 1:  # said once when every source has the same
        dist = f"{shown[0][1]} for {'both' if len(shown) == 2 else f'each of the {len(shown)}'} sources"
    elif len(shown) > MAX_LISTED:
        ranked = sorted(shown, key=lambda sd: (float(sd[1]), str(sd[0])))
        dist = f"from {ranked[0][1]} ({ranked[0][0]}) to {ranked[-1][1]} ({ranked[-1][0]}) across the {len(shown)} sources"
    else:
        dist = "; ".join(f"{s} {d}" for s, d in shown)
    shared = ("none was covered by " + f"{min_sources} or more sources" if n_shared == 0 else
              f"{n_shared:,} {'was' if n_shared == 1 else 'were'} covered by {min_sources} or more sources")
    form = "forms" if n_articles == 1 else "form"
    how = "similar wording within a date window" if dated else "similar wording; the articles have no dates"
    text = f"The {_articles(n_articles)} {form} {n_events:,} event{'s' if n_events != 1 else ''} ({how}); {shared}."
    if dist:  # with one source there is no other sources' mix to differ from
        text += (" How differently each source spread its articles over the events "
                 f"(0 the same mix as the other sources, 1 no event in common): {dist}.")
    if chained is not None and len(chained):
        text += " " + chained_sentence(chained, n_articles=n_articles, dated=dated, threshold=threshold)
    return text


def _share(value: float) -> str:
    """A share as a whole percentage, "fewer than 1%" above 0 and below 0.5%."""
    return "fewer than 1%" if 0 < value < 0.005 else f"{value:.0%}"


def chained_sentence(chained: pd.DataFrame, *, n_articles: int, dated: bool = True, threshold: float | None = None) -> str:
    """What the events that single linkage chained together (:func:`analysis.compare.events.chained_events`) mean.

    Example:
        >>> chained = pd.DataFrame({"event": [1], "event_size": [40], "event_linked": [0.04]})
        >>> chained_sentence(chained, n_articles=50, threshold=0.2)  # doctest: +NORMALIZE_WHITESPACE
        'One event (40 of the 50 articles) was joined mostly through chains of similar articles: only 4% of its pairs
        of articles are similar enough, and close enough in date, to be linked directly, so it may mix several stories,
        and comparing sources within it controls less for which stories each chose; a higher event_threshold (now 0.2),
        or a shorter event_window_days, may split such events (with make: NOTEBOOK_PARAMS=event_threshold=...).'
    """
    top = chained.iloc[0]
    close = ", and close enough in date," if dated else ""
    advice = ("a higher event_threshold" + (f" (now {threshold:g})" if threshold is not None else "")
              + (", or a shorter event_window_days," if dated else "") + " may split such events (with make: "
              + "NOTEBOOK_PARAMS=event_threshold=...).")
    if len(chained) == 1:
        share = _share(float(top["event_linked"]))
        return (f"One event ({int(top['event_size']):,} of the {_articles(n_articles)}) was joined mostly through chains of "
                f"similar articles: {'' if share.startswith('fewer') else 'only '}{share} of its pairs of articles are similar "
                f"enough{close} to be linked directly, so it may mix several stories, and comparing sources within it "
                f"controls less for which stories each chose; {advice}")
    return (f"{len(chained):,} events were joined mostly through chains of similar articles (fewer than half of their "
            f"pairs of articles are similar enough{close} to be linked directly; the largest holds "
            f"{int(top['event_size']):,} of the {_articles(n_articles)}, {_share(float(top['event_linked']))} of its pairs "
            f"linked), so they may mix several stories, and comparing sources within them controls less for which "
            f"stories each chose; {advice}")


def summary_sentences(claims: pd.DataFrame, *, measures: dict[str, tuple[str, str]], alpha: float = 0.05,
                      versus: dict[str, str] | None = None) -> list[str]:
    """The summary's sentences for adjusted claims: one per difference measure, then the stance ones.

    Args:
        claims: :func:`adjust_claims` output.
        measures: measure -> (what, unit) for the difference claims, in the order to state them.
        versus: measure -> the other source, for a measure compared between two sources (:func:`two_sources`).
    """
    out = []
    for measure, (what, unit) in measures.items():
        rows = claims[(claims["kind"] == "difference") & (claims["measure"] == measure)]
        if len(rows):
            out.append(difference_sentence(rows, what=what, unit=unit, alpha=alpha, versus=(versus or {}).get(measure)))
    out += stance_sentences(claims[claims["kind"].isin(["stance", "stance_between"])], alpha=alpha)
    return out


def one_source_sentence(source: str, n: int) -> str:
    """What a corpus of one source can and cannot be asked (notebook 04 compares sources)."""
    whole = f"All {_articles(n)} come" if n != 1 else "The one article comes"
    return (f"{whole} from one source, {source}: there is no other source to compare it with, so "
            "nothing here says how sources differ, and every statement describes this source's articles. To compare "
            "sources, give each article its source in a column of the corpus (make report SOURCE_COLUMN=...).")


def frames_sentence(dominant: dict[str, str]) -> str:
    """The most frequent frame per source, said as a description of these articles (no test); said once when every
    source of several has the same."""
    frames = set(dominant.values())
    if len(dominant) > 1 and len(frames) == 1:
        listed = f"in {'both' if len(dominant) == 2 else f'all {len(dominant)}'} sources: {frames.pop()}"
    elif len(dominant) > MAX_LISTED:  # by frame, the most frequent first (the figure of frames by source names each)
        counts = pd.Series(list(dominant.values())).value_counts(sort=False)
        order = sorted(counts.index, key=lambda f: (-counts[f], f))
        listed = f"of the {len(dominant)} sources: " + ", ".join(f"{f} in {_sources(int(counts[f]))}" for f in order)
    else:
        listed = "per source: " + "; ".join(f"{s}: {f}" for s, f in dominant.items())
    return (f"Most frequent frame indicators {listed} (frame-indicator vocabularies, not coded frames; "
            "a description of these articles, not a test).")


def framing_findings(
    *,
    loaded: pd.DataFrame,
    stance_summary: pd.DataFrame,
    stance_tests: pd.DataFrame,
    sizes: dict[str, int],
    alpha: float = 0.05,
    by: str = "source",
    prefix: str = "stance_",
    stance_omnibus: pd.DataFrame | None = None,
) -> tuple[list[str], list[str], pd.DataFrame]:
    """The summary's tested statements, with one BH correction across all of them.

    Args:
        loaded: Loaded language per source against the others (:func:`analysis.compare.stats.rate_comparison`
            or :func:`analysis.compare.events.event_comparison`).
        stance_summary: :func:`analysis.compare.stats.group_summary` rows of the ``stance_<actor>`` measures.
        stance_tests: :func:`analysis.compare.stats.sign_flip_tests` of the same measures.
        sizes: Articles per source (for what the sample cannot show).
        alpha: False-discovery rate.
        stance_omnibus: :func:`analysis.compare.stats.omnibus_tests` rows of the ``stance_<actor>`` measures:
            whether the sources' stance toward each actor differs is then a statement of its own
            (:func:`stance_between_claims`); None leaves it out.

    Returns:
        ``(sentences, limits, claims)``: the sentences of the tested statements, the sentence on
        what the sample cannot show (a list of one), and the adjusted claims table with the
        :func:`verdict` of each claim (``verdict``).
    """
    rename = lambda frame: frame.assign(measure=frame["measure"].str.removeprefix(prefix))  # noqa: E731
    # with one source there is nothing to compare it with: no difference claims, and a sentence that says so
    parts, versus = [], {}
    if len(sizes) > 1:
        loaded_claims, other = two_sources(difference_claims(loaded, measure="loaded_per_1k", by=by))
        parts.append(loaded_claims)
        if other is not None:  # two sources: one comparison, said once against the other source by name
            versus["loaded_per_1k"] = other
    parts.append(stance_claims(rename(stance_summary), rename(stance_tests), by=by))
    if stance_omnibus is not None:
        parts.append(stance_between_claims(rename(stance_summary), rename(stance_omnibus), by=by))
    claims = adjust_claims(pd.concat(parts, ignore_index=True))
    claims["verdict"] = [verdict(c, alpha=alpha) for _, c in claims.iterrows()]  # what the summary says of each
    sentences = summary_sentences(claims, measures={"loaded_per_1k": ("loaded language", "terms per 1,000 words")},
                                  alpha=alpha, versus=versus)
    if len(sizes) == 1:
        sentences.insert(0, one_source_sentence(*next(iter(sizes.items()))))
    design = str(loaded["design"].iloc[0]) if len(loaded) else "all articles"
    return sentences, [limits_sentence(claims, sizes=sizes, alpha=alpha, design=design)], claims


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


class SourceFindings(NamedTuple):
    """What :func:`source_findings` found (notebook 04 writes each into ``results/04_framing_by_source.json``).

    Attributes:
        findings: Every sentence of the summary, in the report's order.
        claims: The adjusted claims table of the tested statements (:func:`framing_findings`).
        limits: The sentence on what the sample cannot show (a list of one).
        rare_actors: Bundled actors mentioned in too few articles to describe (no stance finding), sorted.
        dominant: Source -> the frame with the highest mean rate.
        sizes: Articles per source, sorted by source.
        n_small: Sources with fewer articles than an interval needs.
    """

    findings: list[str]
    claims: pd.DataFrame
    limits: list[str]
    rare_actors: list[str]
    dominant: pd.Series
    sizes: dict[str, int]
    n_small: int


def periods_sentence(periods: pd.DataFrame, *, by: str = "source") -> str:
    """What the summary says when a source's dated articles share no period with any other source's: a difference
    between it and the others may then be one between the times (what was in the news), which no test here can tell
    from the source. Empty when fewer than two sources have dates or every source's dates overlap another's.

    Args:
        periods: :func:`analysis.compare.timeline.source_periods` (``by``, ``first``, ``last``, ``n_dated``).

    Example:
        >>> periods = pd.DataFrame({"source": ["A", "B"], "first": ["2019-01-02", "2023-01-01"],
        ...                         "last": ["2019-10-22", "2023-10-27"], "n_dated": [60, 30]})
        >>> periods_sentence(periods)  # doctest: +NORMALIZE_WHITESPACE
        "The two sources' articles come from different times (A 2019-01-02 to 2019-10-22, B 2023-01-01 to 2023-10-27):
        a difference between them may be one between what was in the news then, which no test here can tell from the
        source."
        >>> periods_sentence(periods.assign(first=["2019-01-02", "2019-06-01"]))
        ''
    """
    if len(periods) < 2:
        return ""
    rows = list(periods.itertuples(index=False))
    apart = [r for r in rows if all(getattr(o, by) == getattr(r, by) or o.last < r.first or r.last < o.first
                                    for o in rows)]
    if not apart:
        return ""

    def span(r) -> str:
        return f"{getattr(r, by)} {r.first}" + ("" if r.first == r.last else f" to {r.last}")

    if len(rows) == 2:
        return (f"The two sources' articles come from different times ({span(rows[0])}, {span(rows[1])}): a difference "
                "between them may be one between what was in the news then, which no test here can tell from the source.")
    if len(apart) == 1:
        return (f"One source's dated articles share no time with any other source's ({span(apart[0])}): a difference "
                "between it and the others may be one between what was in the news then, which no test here can tell "
                "from the source.")
    spans = [span(r) for r in apart]
    listed = _names(spans) if len(spans) <= MAX_LISTED else first_few(spans, MAX_LISTED)
    return (f"The dated articles of {len(apart):,} sources share no time with any other source's ({listed}): "
            "a difference between such a source and the others may be one between what was in the news then, which no "
            "test here can tell from the source.")


def source_findings(
    corpus: pd.DataFrame,
    *,
    stance: pd.DataFrame,
    actors: list[str],
    loaded: pd.DataFrame,
    stance_summary: pd.DataFrame,
    stance_tests: pd.DataFrame,
    frame_means: pd.DataFrame,
    order: list[str],
    frame_label=str,
    bundled_actors: bool = True,
    min_actor_share: float = 0.1,
    alpha: float = 0.05,
    coverage: pd.DataFrame | None = None,
    n_events: int = 0,
    n_shared: int = 0,
    min_sources: int = 2,
    dated_events: bool = True,
    chained_events: pd.DataFrame | None = None,
    event_threshold: float | None = None,
    mapping: pd.DataFrame | None = None,
    sources_before: dict[str, str] | None = None,
    pairs: pd.DataFrame | None = None,
    n_pairs: int = 0,
    collapse_note: str = "",
    max_pairs_listed: int = 20,
    stance_omnibus: pd.DataFrame | None = None,
    duplicate_threshold: float | None = None,
) -> SourceFindings:
    """The summary of notebook 04: tested statements, then events, text reuse, frames and what the sample cannot show.

    Args:
        corpus: The corpus the statistics were computed on (``id``, ``source``; near-duplicates collapsed).
        stance: Its stance table (``id``, ``target``).
        actors: The actors with a ``stance_<actor>`` measure.
        loaded: Loaded language per source against the others (:func:`framing_findings`).
        stance_summary: :func:`analysis.compare.stats.group_summary` rows of every measure (the stance ones are used).
        stance_tests: :func:`analysis.compare.stats.sign_flip_tests` of the stance measures.
        frame_means: Mean frame rate per source (rows) and frame (columns).
        order: The sources in the order the summary names them.
        frame_label: How a frame's name is written (:func:`analysis.plotting.charts.pretty`).
        bundled_actors: True when the actors are the bundled study's: then an actor mentioned in fewer than
            ``min_actor_share`` of the articles gets no stance finding (chosen or discovered actors all do).
        min_actor_share: See ``bundled_actors``.
        alpha: False-discovery rate of the tested statements.
        coverage: :func:`analysis.compare.events.coverage_by_event`, or None when the articles were not grouped
            into events; ``n_events``, ``n_shared``, ``min_sources`` and ``dated_events`` (whether the articles have
            dates) go with it (:func:`events_sentence`), and ``chained_events``
            (:func:`analysis.compare.events.chained_events`) with the ``event_threshold`` that linked the articles.
        mapping: The near-duplicate mapping of :func:`analysis.compare.summaries.collapse_for_statistics` when it
            left articles out (else None); ``sources_before``: id -> source before collapsing.
        pairs: The most similar pairs (``id_a``, ``id_b``, ``similarity``), when nothing was collapsed;
            ``n_pairs`` counts all of them and ``collapse_note`` says why they were not collapsed.
        max_pairs_listed: Pairs named at most.
        stance_omnibus: :func:`analysis.compare.stats.omnibus_tests` rows (the stance ones are used): whether the
            sources differ in their stance toward each actor (:func:`stance_between_claims`); None leaves it out.
        duplicate_threshold: The word-trigram containment of a near-duplicate pair, said with the articles left out.
    """
    sizes = {s: int(n) for s, n in corpus["source"].value_counts().sort_index().items()}
    n_small = sum(n < MIN_ARTICLES_FOR_INTERVAL for n in sizes.values())
    actor_share = (stance.groupby("target")["id"].nunique() / len(corpus)).reindex(actors).fillna(0)
    rare_actors = sorted(actor_share[actor_share < min_actor_share].index) if bundled_actors else []
    described = [f"stance_{a}" for a in actors if a not in rare_actors]
    tested, limits, claims = framing_findings(loaded=loaded, stance_summary=stance_summary[stance_summary["measure"].isin(described)],
                                              stance_tests=stance_tests[stance_tests["measure"].isin(described)], sizes=sizes,
                                              alpha=alpha, stance_omnibus=None if stance_omnibus is None else
                                              stance_omnibus[stance_omnibus["measure"].isin(described)])
    dominant = frame_means.idxmax(axis=1)
    findings = [*tested]
    if rare_actors:
        findings.append(f"No stance finding for {', '.join(rare_actors)}: each is mentioned in fewer than "
                        f"{min_actor_share:.0%} of the articles, too few to describe this corpus.")
    if periods := periods_sentence(source_periods(corpus)):
        findings.append(periods)
    if coverage is not None:
        findings.append(events_sentence(coverage, n_events=n_events, n_shared=n_shared, n_articles=len(corpus),
                                        min_sources=min_sources, dated=dated_events, chained=chained_events,
                                        threshold=event_threshold))
    if mapping is not None and not mapping["kept"].all():
        findings.append(duplicates_sentence(mapping, sources=sources_before or {}, threshold=duplicate_threshold))
    elif pairs is not None and len(pairs):
        if collapse_note:
            findings.append(collapse_note)
        top_pairs = list(pairs.head(max_pairs_listed)[["id_a", "id_b", "similarity"]].itertuples(index=False, name=None))
        findings.append(syndication_sentence(top_pairs, collapsed=False, n_pairs=n_pairs))
    findings.append(frames_sentence({s: frame_label(dominant[s]) for s in order}))
    findings += limits
    return SourceFindings(findings, claims, limits, rare_actors, dominant, sizes, n_small)

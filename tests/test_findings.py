"""Generated findings, highlighted segments and per-source summaries: exact outputs on hand-made tables."""

import pandas as pd
import pytest

nan = float("nan")

from analysis.compare.findings import (
    adjust_claims,
    difference_claims,
    difference_sentence,
    duplicates_sentence,
    events_sentence,
    limits_sentence,
    min_attainable_p,
    one_source_sentence,
    source_findings,
    stance_between_claims,
    stance_claims,
    summary_sentences,
    syndication_sentence,
    two_sources,
    verdict,
)
from analysis.report.highlight import segments
from analysis.compare.summaries import category_shares, strongest_spans, term_counts_by_source


def _claims():
    """Known tables: loaded language compared over all articles, stance toward two actors."""
    comparison = pd.DataFrame({
        "source": ["A", "B", "C"], "diff": [2.13, -0.31, 1.0], "diff_low": [0.8, -1.2, nan], "diff_high": [3.4, 0.6, nan],
        "p_value": [0.001, 0.3, nan], "n_articles": [40, 35, 2], "small_n": [False, False, True], "design": "all articles"})
    summary = pd.DataFrame({
        "source": ["A", "B", "A"], "measure": ["Russia", "Russia", "NATO"], "n_articles": [12, 8, 2],
        "mean": [-0.4, 0.05, 0.3], "ci_low": [-0.62, -0.1, nan], "ci_high": [-0.18, 0.21, nan], "small_n": [False, False, True]})
    tests = pd.DataFrame({"source": ["A", "B", "A"], "measure": ["Russia", "Russia", "NATO"], "p_value": [0.002, 0.6, nan]})
    return pd.concat([difference_claims(comparison, measure="loaded"), stance_claims(summary, tests)], ignore_index=True)


def test_one_bh_correction_across_every_statement():
    claims = adjust_claims(_claims())
    # four tested statements (p = 0.001, 0.3, 0.002, 0.6): BH 0.001*4/1 -> 0.004, 0.002*4/2 = 0.004,
    # 0.3*4/3 = 0.4, 0.6*4/4 = 0.6; the two with too few articles are not in the family
    assert claims["q"].round(6).tolist()[:2] == [0.004, 0.4] and claims["q"].round(6).tolist()[3:5] == [0.004, 0.6]
    assert claims["q"].isna().tolist() == [False, False, True, False, False, True]


def test_two_sources_are_one_comparison_said_once_against_the_other_by_name():
    """With two sources, "each against the others" is one comparison seen from both sides: stated twice ("Lower than
    the other sources: Alpha", "Higher than the other sources: Beta") and counted twice in the false-discovery family.
    It is kept once, from the higher side, and said against the other source by name."""
    comparison = pd.DataFrame({"source": ["Beta", "Alpha"], "diff": [2.1, -2.1], "diff_low": [0.8, -3.4],
                               "diff_high": [3.4, -0.8], "p_value": [0.001, 0.001], "n_articles": [40, 35],
                               "small_n": [False, False], "design": "all articles"})
    kept, versus = two_sources(difference_claims(comparison, measure="loaded"))
    assert versus == "Alpha" and kept[["source", "estimate", "ci_low", "ci_high"]].values.tolist() == [["Beta", 2.1, 0.8, 3.4]]
    stance = _claims().query("kind == 'stance'")
    claims = adjust_claims(pd.concat([kept, stance], ignore_index=True))
    # three tested statements: BH 0.001*3/1 = 0.003 (it was 0.004 with the mirrored statement in the family)
    assert claims["q"].round(6).tolist()[0] == 0.003
    assert summary_sentences(claims, measures={"loaded": ("loaded language", "terms per 1,000 words")},
                             versus={"loaded": versus})[0] == (
        "Loaded language (terms per 1,000 words; all articles, not matched by event). Higher in Beta than in Alpha (+2.1, "
        "95% interval +0.8 to +3.4, adjusted p = 0.003, 40 articles).")
    # not distinguishable, and too few articles on one side: said from that side
    even = comparison.assign(diff=[0.2, -0.2], diff_low=[-0.9, -1.3], diff_high=[1.3, 0.9], p_value=[0.7, 0.7])
    kept, versus = two_sources(difference_claims(even, measure="loaded"))
    assert difference_sentence(adjust_claims(kept), what="loaded language", unit="terms per 1,000 words",
                               versus=versus) == ("Loaded language (terms per 1,000 words; all articles, not matched by "
                                                  "event). Not distinguishable between Beta and Alpha (Beta minus Alpha: +0.2).")
    few = comparison.assign(n_articles=[40, 2], small_n=[False, True])
    kept, versus = two_sources(difference_claims(few, measure="loaded"))
    assert (kept["source"].tolist(), versus) == (["Alpha"], "Beta")
    # it had read "Too few articles to say for Alpha (2 articles).", as if Beta's side were another statement
    assert difference_sentence(adjust_claims(kept), what="loaded language", unit="terms per 1,000 words",
                               versus=versus) == ("Loaded language (terms per 1,000 words; all articles, not matched by "
                                                  "event). Too few articles to compare Alpha (2 articles) with Beta.")
    # three sources: every source against the others, unchanged
    three = pd.concat([comparison, comparison.iloc[[0]].assign(source="Gamma")], ignore_index=True)
    kept, versus = two_sources(difference_claims(three, measure="loaded"))
    assert versus is None and kept["source"].tolist() == ["Beta", "Alpha", "Gamma"]


def test_two_sources_are_both_sources():
    from analysis.compare.findings import frames_sentence

    assert frames_sentence({"A": "conflict", "B": "conflict"}).startswith("Most frequent frame indicators in both "
                                                                          "sources: conflict (")
    assert frames_sentence({"A": "x", "B": "x", "C": "x"}).startswith("Most frequent frame indicators in all 3 sources")


def test_sentences_are_worded_from_interval_and_adjusted_p():
    claims = adjust_claims(_claims())
    assert summary_sentences(claims, measures={"loaded": ("loaded language", "terms per 1,000 words")}) == [
        "Loaded language (terms per 1,000 words; all articles, not matched by event). Higher than the other sources: A "
        "(+2.1, 95% interval +0.8 to +3.4, adjusted p = 0.004, 40 articles). Not distinguishable from the other sources, "
        "with its difference: B (-0.3). Too few articles to say for C (2 articles).",
        "Stance toward Russia (-1 to +1, 0 neutral or no evidence). Unfavourable: A (-0.40, 95% interval -0.62 to -0.18, "
        "adjusted p = 0.004, 12 articles). Not distinguishable from neutral, with its mean: B (+0.05).",
        "Stance toward NATO: too few articles to say whether any source presents it favourably or unfavourably "
        "(no source has more than 2 articles mentioning it; an interval needs 3).",
    ]


def _between():
    """Stance toward Russia from four sources: three with enough articles, one (D) with too few; NATO from two
    sources, only one with enough articles, so whether the sources differ is not tested."""
    summary = pd.DataFrame({
        "source": ["A", "B", "C", "D", "A", "B"], "measure": ["Russia"] * 4 + ["NATO"] * 2,
        "n_articles": [40, 35, 30, 2, 9, 2], "mean": [0.01, 0.012, 0.0, 0.4, 0.2, -0.1],
        "ci_low": [0.004, 0.005, -0.01, nan, 0.05, nan], "ci_high": [0.02, 0.02, 0.01, nan, 0.35, nan],
        "small_n": [False, False, False, True, False, True]})
    tests = pd.DataFrame({"source": ["A", "B", "C", "D", "A", "B"], "measure": summary["measure"],
                          "p_value": [0.01, 0.004, 0.9, nan, 0.02, nan]})
    omnibus = pd.DataFrame({"measure": ["Russia", "NATO"], "n_articles": [107, 11], "eta_squared": [0.0042, 0.3],
                            "p_value": [0.8, 0.04]})
    return summary, tests, omnibus


def test_whether_the_sources_differ_is_its_own_statement_and_comes_first():
    summary, tests, omnibus = _between()
    between = stance_between_claims(summary, omnibus)
    # tested only where two sources have an interval: Russia (A, B, C), not NATO (A alone)
    assert between[["kind", "measure", "source", "estimate", "p_value", "n", "small_n"]].values.tolist() == [
        ["stance_between", "Russia", "", 0.0042, 0.8, 107, False], ["stance_between", "NATO", "", 0.3, 0.04, 11, True]]
    claims = adjust_claims(pd.concat([stance_claims(summary, tests), between], ignore_index=True))
    # one family of five tested statements (p = 0.01, 0.004, 0.9, 0.02, 0.8): q = 0.025, 0.02, 0.9, 0.0333, 0.9
    assert claims["q"].round(4).tolist()[:3] == [0.025, 0.02, 0.9] and claims["q"].round(4).tolist()[4] == 0.0333
    assert claims["q"].round(4).tolist()[6] == 0.9 and claims["q"].isna().tolist() == [False] * 3 + [True, False, True] + [False, True]
    assert [verdict(c) for _, c in claims.iterrows()][6:] == ["not distinguishable", "too few"]
    # two sources favourable against neutral, one not: the test between them says they do not differ, first
    assert summary_sentences(claims, measures={}) == [
        "Stance toward NATO (-1 to +1, 0 neutral or no evidence). Favourable: A (+0.20, 95% interval +0.05 to +0.35, "
        "adjusted p = 0.033, 9 articles). Too few articles to say for B (2 articles).",
        "Stance toward Russia (-1 to +1, 0 neutral or no evidence). No difference between the sources could be shown "
        "(permutation test of all sources' means, adjusted p = 0.90; the sources account for 0.4% of the variation in "
        "stance between articles; means of the sources with enough articles from +0.00 (C) to +0.01 (B)). Favourable: "
        "A (+0.01, 95% interval +0.00 to +0.02, adjusted p = 0.025, 40 articles) and B (+0.01, 95% interval +0.01 to "
        "+0.02, adjusted p = 0.020, 35 articles). Not distinguishable from neutral, with its mean: C (+0.00). "
        "Too few articles to say for D (2 articles).",
    ]
    # when the test passes, the sources differ; it counts among the statements made
    omnibus.loc[0, "p_value"] = 0.001
    claims = adjust_claims(pd.concat([stance_claims(summary, tests), stance_between_claims(summary, omnibus)],
                                     ignore_index=True))
    assert summary_sentences(claims, measures={})[1].startswith(
        "Stance toward Russia (-1 to +1, 0 neutral or no evidence). The sources differ (permutation test of all "
        "sources' means, adjusted p = 0.005; the sources account for 0.4% of the variation in stance between articles; "
        "means of the sources with enough articles from +0.00 (C) to +0.01 (B)). Favourable: A")
    omnibus.loc[0, "eta_squared"] = 0.0004  # a share that rounds to 0.0% is said as such
    claims = adjust_claims(pd.concat([stance_claims(summary, tests), stance_between_claims(summary, omnibus)],
                                     ignore_index=True))
    assert "; the sources account for less than 0.1% of the variation in stance" in summary_sentences(claims, measures={})[1]
    # every mean the same once rounded: said once, not "from +0.00 (A) to +0.00 (A)"; a tiny negative mean is +0.00
    flat = summary.assign(mean=[0.001, -0.002, 0.0, 0.0, 0.2, 0.3])
    claims = adjust_claims(pd.concat([stance_claims(flat, tests), stance_between_claims(flat, omnibus)], ignore_index=True))
    text = summary_sentences(claims, measures={})[1]
    assert "from +0.00" not in text and "-0.00" not in text.split("interval")[0]
    assert "; the means of the sources with enough articles are all +0.00)" in text
    assert limits_sentence(claims, sizes={"A": 40, "B": 35, "C": 30, "D": 2}).startswith(
        "4 of the 5 statements with enough articles pass a false-discovery rate of 5%")


def test_no_statement_when_interval_and_p_disagree():
    claims = adjust_claims(_claims())
    row = claims.iloc[0].copy()
    assert verdict(row) == "higher"
    row["ci_low"] = -0.1  # the interval now includes 0: whatever p says, no claim
    assert verdict(row) == "not distinguishable"
    row["ci_low"], row["q"] = 0.8, 0.06  # the interval excludes 0 but q > alpha
    assert verdict(row) == "not distinguishable"
    stance = claims.iloc[3].copy()
    assert verdict(stance) == "unfavourable"
    stance["ci_high"] = 0.02  # the interval reaches neutral
    assert verdict(stance) == "not distinguishable"


def test_same_event_wording_counts_events():
    comparison = pd.DataFrame({
        "source": ["A", "B"], "diff": [-1.52, 0.4], "diff_low": [-2.5, nan], "diff_high": [-0.6, nan],
        "p_value": [0.01, 0.5], "n_articles": [30, 4], "small_n": [False, True], "design": "same events",
        "n_events": [9, 2]})
    claims = adjust_claims(difference_claims(comparison, measure="loaded"))
    assert difference_sentence(claims, what="loaded language", unit="terms per 1,000 words") == (
        "Loaded language (terms per 1,000 words; same-event comparison). Lower than the other sources: A (-1.5, 95% "
        "interval -2.5 to -0.6, adjusted p = 0.010, 9 shared events). Too few shared events to say for B (2 shared events).")


def test_limits_sentence_says_what_the_sample_cannot_show():
    claims = adjust_claims(_claims())
    assert limits_sentence(claims, sizes={"A": 1, "B": 2, "C": 1, "D": 1}) == (
        "What 5 articles in 4 sources cannot show: whether the outlets, rather than these articles, differ. No source "
        "has the 3 articles an interval needs, and no comparison of one source with the others can reach a p-value "
        "below 0.10, whatever the data; every number above describes these articles only.")
    assert limits_sentence(claims, sizes={"A": 40, "B": 35, "C": 2}) == (
        "2 of the 4 statements with enough articles pass a false-discovery rate of 5% (Benjamini-Hochberg across all "
        "of them); C has fewer than 3 articles. A statement says that a direction is established, not that it is large: "
        "its size is the estimate beside it. The summary lists a source that is not distinguishable with its estimate "
        "alone; the table of statements gives every statement's interval and adjusted p. \"Not distinguishable\" does "
        "not mean equal: differences smaller than an interval's width would go unseen with this many articles. Sources "
        "are compared over all their articles, "
        "so a difference may reflect which events each covered.")
    assert min_attainable_p([1, 2, 1, 1]) == pytest.approx(0.1)  # C(5, 2) = 10 splits for the source of 2
    # with no statement made there is no direction to qualify
    none_made = _claims().assign(p_value=lambda c: c["p_value"].where(c["p_value"].isna(), 0.9))
    assert limits_sentence(adjust_claims(none_made), sizes={"A": 40, "B": 35, "C": 2}).startswith(
        "0 of the 4 statements with enough articles pass a false-discovery rate of 5% (Benjamini-Hochberg across all "
        "of them); C has fewer than 3 articles. In 2 of the others the 95% interval leaves out 0")


def test_limits_sentence_says_why_an_interval_without_0_is_not_a_statement():
    claims = _claims()
    claims.loc[1, ["ci_low", "ci_high", "p_value"]] = [0.1, 0.6, 0.04]  # B: the interval leaves out 0, q = 0.053
    claims = adjust_claims(claims)
    assert verdict(claims.iloc[1]) == "not distinguishable"
    assert limits_sentence(claims, sizes={"A": 40, "B": 35, "C": 2}, design="same events") == (
        "2 of the 4 statements with enough articles pass a false-discovery rate of 5% (Benjamini-Hochberg across all "
        "of them); C has fewer than 3 articles. A statement says that a direction is established, not that it is large: "
        "its size is the estimate beside it. In 1 of the others the 95% interval leaves out 0 (no difference, or "
        "neutral) but the adjusted p is above 5%: an interval covers its own statement alone, the adjusted p all 4 "
        "together, and a difference is stated only when both agree. The summary lists a source that is not "
        "distinguishable with its estimate alone; the table of statements gives every statement's interval and "
        "adjusted p. \"Not distinguishable\" does not mean equal: "
        "differences smaller than an interval's width would go unseen with this many articles.")


def test_duplicates_and_events_sentences():
    mapping = pd.DataFrame({"id": ["a", "b", "c"], "representative": ["a", "a", "c"], "cluster": [1, 1, 0],
                            "cluster_size": [2, 2, 1], "kept": [True, False, True]})
    assert duplicates_sentence(mapping, sources={"a": "S", "b": "T"}, threshold=0.05) == (
        "One near-duplicate article was left out of every statistic, for the longest article of its cluster of "
        "near-duplicates (pairs of articles that share at least 5% of the shorter one's word trigrams, joined in "
        "chains): b (T, kept a) (set collapse_duplicates=False to keep them, with make "
        "NOTEBOOK_PARAMS=collapse_duplicates=False; near the threshold two articles on one topic can pass without either "
        "rewriting the other: check the pairs).")
    two = pd.DataFrame({"id": ["a", "b", "c"], "representative": ["a", "a", "a"], "cluster": [1, 1, 1],
                        "cluster_size": [3, 3, 3], "kept": [True, False, False]})
    assert duplicates_sentence(two, sources={"b": "T", "c": "U"}).startswith(
        "2 near-duplicate articles were left out of every statistic, each for the longest article of its cluster of "
        "near-duplicates: b (T, kept a), c (U, kept a) (set")
    assert duplicates_sentence(None, sources={}) == ""
    coverage = pd.DataFrame({"source": ["A", "B"], "coverage_distance": [0.25, 0.5]})
    assert events_sentence(coverage, n_events=3, n_shared=1, n_articles=7) == (
        "The 7 articles form 3 events (similar wording within a date window); 1 was covered by 2 or more sources. "
        "How differently each source spread its articles over the events (0 the same mix as the other sources, "
        "1 no event in common): A 0.25; B 0.50.")
    # every source the same distance: said once
    same = pd.DataFrame({"source": ["A", "B", "C"], "coverage_distance": [0.0, 0.001, 0.0]})
    assert events_sentence(same, n_events=1, n_shared=1, n_articles=9).endswith(
        "(0 the same mix as the other sources, 1 no event in common): 0.00 for each of the 3 sources.")
    # one source has no distance to the others' mix (coverage_by_event gives it none)
    alone = pd.DataFrame({"source": ["A"], "coverage_distance": [nan]})
    assert events_sentence(alone, n_events=2, n_shared=0, n_articles=4) == (
        "The 4 articles form 2 events (similar wording within a date window); none was covered by 2 or more sources.")
    # an undated corpus has no date window: similar wording alone
    assert events_sentence(alone, n_events=2, n_shared=0, n_articles=4, dated=False) == (
        "The 4 articles form 2 events (similar wording; the articles have no dates); none was covered by 2 or more sources.")


def test_the_events_sentence_says_which_events_single_linkage_chained():
    coverage = pd.DataFrame({"source": ["A", "B"], "coverage_distance": [0.0, 0.0]})
    one = pd.DataFrame({"event": [1], "event_size": [20000], "event_linked": [0.038]})
    assert events_sentence(coverage, n_events=1, n_shared=1, n_articles=20000, chained=one, threshold=0.2) == (
        "The 20,000 articles form 1 event (similar wording within a date window); 1 was covered by 2 or more sources. "
        "How differently each source spread its articles over the events (0 the same mix as the other sources, 1 no "
        "event in common): 0.00 for both sources. One event (20,000 of the 20,000 articles) was joined mostly "
        "through chains of similar articles: only 4% of its pairs of articles are similar enough, and close enough in "
        "date, to be linked directly, so it may mix several stories, and comparing sources within it controls less for "
        "which stories each chose; a higher event_threshold (now 0.2), or a shorter event_window_days, may split such "
        "events (with make: NOTEBOOK_PARAMS=event_threshold=...).")
    two = pd.DataFrame({"event": [15, 13], "event_size": [19, 18], "event_linked": [0.21, 0.004]})
    assert events_sentence(coverage, n_events=92, n_shared=40, n_articles=296, dated=False, chained=two).endswith(
        "0.00 for both sources. 2 events were joined mostly through chains of similar articles (fewer than "
        "half of their pairs of articles are similar enough to be linked directly; the largest holds 19 of the 296 "
        "articles, 21% of its pairs linked), so they may mix several stories, and comparing sources within them "
        "controls less for which stories each chose; a higher event_threshold may split such events (with make: "
        "NOTEBOOK_PARAMS=event_threshold=...).")
    # none chained: nothing said
    assert events_sentence(coverage, n_events=3, n_shared=1, n_articles=7, chained=one.iloc[:0]) == events_sentence(
        coverage, n_events=3, n_shared=1, n_articles=7)
    below = pd.DataFrame({"event": [1], "event_size": [400], "event_linked": [0.003]})
    assert "chains of similar articles: fewer than 1% of its pairs" in events_sentence(coverage, n_events=1, n_shared=1, n_articles=400,
                                                               chained=below)


def test_the_frames_sentence_names_a_frame_every_source_shares_once():
    from analysis.compare.findings import frames_sentence

    tail = " (frame-indicator vocabularies, not coded frames; a description of these articles, not a test)."
    assert frames_sentence({"A": "conflict", "B": "conflict", "C": "conflict"}) == (
        "Most frequent frame indicators in all 3 sources: conflict" + tail)
    assert frames_sentence({"A": "conflict", "B": "economic", "C": "conflict"}) == (
        "Most frequent frame indicators per source: A: conflict; B: economic; C: conflict" + tail)
    assert frames_sentence({"A": "conflict"}) == "Most frequent frame indicators per source: A: conflict" + tail


def test_one_source_is_described_not_compared():
    tables = _study_tables()
    tables["corpus"] = tables["corpus"].assign(source="A")
    tables["stance_summary"] = tables["stance_summary"].iloc[[0, 2, 3]].assign(n_articles=[4, 1, 5])
    tables["stance_tests"] = tables["stance_tests"].iloc[[0, 2]]
    tables["loaded"] = pd.DataFrame({"source": ["A"], "diff": [nan], "diff_low": [nan], "diff_high": [nan],
                                     "p_value": [nan], "n_articles": [5], "small_n": [False], "design": "all articles"})
    tables["frame_means"] = tables["frame_means"].loc[["A"]]
    tables["order"] = ["A"]
    found = source_findings(**tables, bundled_actors=False)
    assert found.findings == [
        "All 5 articles come from one source, A: there is no other source to compare it with, so nothing here says how "
        "sources differ, and every statement describes this source's articles. To compare sources, give each article "
        "its source in a column of the corpus (make report SOURCE_COLUMN=...).",
        "Stance toward Russia (-1 to +1, 0 neutral or no evidence). Unfavourable: A (-0.50, 95% interval -0.80 to "
        "-0.20, adjusted p = 0.020, 4 articles).",
        "Stance toward NATO: too few articles to say whether any source presents it favourably or unfavourably (no "
        "source has more than 1 article mentioning it; an interval needs 3).",
        "Most frequent frame indicators per source: A: conflict (frame-indicator vocabularies, not coded frames; a "
        "description of these articles, not a test).",
        "The one statement with enough articles passes a false-discovery rate of 5% (Benjamini-Hochberg). A statement "
        "says that a direction is established, not that it is large: its size is the estimate "
        "beside it. \"Not distinguishable\" does not mean equal: differences smaller than an interval's width would go "
        "unseen with this many articles.",
    ]
    assert found.claims["kind"].tolist() == ["stance", "stance"]  # no loaded-language comparison
    assert one_source_sentence("A", 1).startswith("The one article comes from one source, A: ")
    assert events_sentence(pd.DataFrame({"source": ["A"], "coverage_distance": [nan]}), n_events=1, n_shared=0,
                           n_articles=1).startswith("The 1 article forms 1 event")
    assert limits_sentence(found.claims, sizes={"A": 2}) == (
        "What 2 articles from one source cannot show: anything beyond these articles. The source has fewer than the 3 "
        "articles an interval needs, so every number above describes these articles only.")


def test_syndication_sentence():
    assert syndication_sentence([], collapsed=False) == ""
    assert syndication_sentence([("x", "y", 0.111)], collapsed=True) == (
        "One pair of articles shares enough text to be rewrites of one item (word-trigram containment): "
        "x and y (0.11); only the longest article of each group enters the statistics.")
    many = [(f"a{i}", f"b{i}", 0.1 + i / 100) for i in range(7)]
    assert syndication_sentence(many, collapsed=False, max_listed=2) == (
        "7 pairs of articles share enough text to be rewrites of one item (word-trigram containment): "
        "the most similar are a6 and b6 (0.16), a5 and b5 (0.15); both stay in the statistics.")
    # On a large corpus only the most similar pairs are passed; the total is counted.
    assert syndication_sentence(many[:3], collapsed=False, max_listed=2, n_pairs=12_497_500) == (
        "12,497,500 pairs of articles share enough text to be rewrites of one item (word-trigram containment): "
        "the most similar are a2 and b2 (0.12), a1 and b1 (0.11); both stay in the statistics.")
    with pytest.raises(ValueError, match="n_pairs=2 is smaller than the 3 pairs"):
        syndication_sentence(many[:3], collapsed=False, n_pairs=2)


def test_segments_rebuild_the_text_and_label_layers():
    text = "The so-called coalition met Kyiv."
    segs = segments(text, [("loaded", [(4, 13, "delegitimizing")]), ("mention", [(14, 23, "Coalition"), (28, 32, "Ukraine")])])
    assert "".join(s["text"] for s in segs) == text
    assert [(s["text"], s["loaded"], s["mention"]) for s in segs] == [
        ("The ", None, None), ("so-called", "delegitimizing", None), (" ", None, None),
        ("coalition", None, "Coalition"), (" met ", None, None), ("Kyiv", None, "Ukraine"), (".", None, None)]


def test_term_counts_category_shares_and_strongest_spans():
    corpus = pd.DataFrame({"id": ["a", "b"], "source": ["S", "T"], "text": ["so reckless and reckless", "a shameful plan"]})
    spans = pd.DataFrame({
        "id": ["a", "a", "b"], "start": [3, 16, 2], "end": [11, 24, 10], "text": ["reckless", "reckless", "shameful"],
        "term": ["reckless", "reckless", "shameful"], "category": ["loaded_wording"] * 3, "weight": [1.5, 1.5, 2.0],
        "in_quote": [False, False, True], "negated": [False, True, False]})
    terms = term_counts_by_source(spans, corpus)
    assert terms[["source", "term", "n"]].values.tolist() == [["S", "reckless", 1], ["T", "shameful", 1]]
    articles = pd.DataFrame({"id": ["a", "b"], "source": ["S", "T"], "loaded_loaded_wording": [1, 1], "loaded_fear_appeal": [1, 0]})
    shares, totals = category_shares(articles, ["loaded_wording", "fear_appeal"])
    assert shares.loc["S"].tolist() == [0.5, 0.5] and shares.loc["T"].tolist() == [1.0, 0.0]
    assert totals == {"S": 2, "T": 1}
    top = strongest_spans(spans, corpus, n=2, chars=5)
    assert top[["id", "match", "weight", "in_quote"]].values.tolist() == [["b", "shameful", 2.0, True], ["a", "reckless", 1.5, False]]
    assert (top.loc[0, "left"], top.loc[0, "right"]) == ("a ", " plan")


def test_the_taggers_own_spans_are_counted_by_their_words_not_by_their_probability():
    """A tagger span's term names its probability ("tagger p=0.32"): counted by it, spans of different words would
    make one bar that no reader can place. They are counted by their words, marked, beside the lexicon's terms."""
    corpus = pd.DataFrame({"id": ["a", "b"], "source": ["S", "S"], "text": ["Lash out and lash  out", "they lash out, reckless"]})
    spans = pd.DataFrame({
        "id": ["a", "a", "b", "b", "b"], "start": [0, 13, 5, 15, 5], "end": [8, 22, 13, 23, 8],
        "text": ["Lash out", "lash  out", "lash out", "reckless", "las"],
        "term": ["tagger p=0.42", "tagger p=0.31", "tagger p=0.31", "reckless", "tagger p=0.31"],
        "category": ["loaded_wording"] * 5, "weight": [1.26, 0.93, 0.93, 1.5, 0.93],
        "in_quote": [False] * 5, "negated": [False, False, False, False, True]})
    terms = term_counts_by_source(spans, corpus)
    assert terms[["source", "term", "n", "n_articles"]].values.tolist() == [
        ["S", "lash out (tagger)", 3, 2], ["S", "reckless", 1, 1]]


def test_large_counts_have_thousands_separators():
    comparison = pd.DataFrame({"source": ["A"], "diff": [0.1], "diff_low": [-0.2], "diff_high": [0.3], "p_value": [0.5],
                               "n_articles": [24982], "small_n": [False], "design": "all articles"})
    comparison.loc[0, ["diff_low", "p_value"]] = [0.05, 0.001]  # a statement made: its evidence is in the sentence
    claims = adjust_claims(difference_claims(comparison, measure="loaded"))
    assert "adjusted p = 0.001, 24,982 articles)" in difference_sentence(claims, what="loaded language", unit="per 1,000")


def test_collapse_for_statistics_keeps_the_longest_and_refuses_to_collapse_most_of_a_corpus():
    from analysis.compare.summaries import collapse_for_statistics

    corpus = pd.DataFrame({"id": ["a", "b", "c", "d"], "source": ["S", "S", "T", "U"],
                           "text": ["one two three", "one two three four", "five six", "seven eight"]})
    pairs = pd.DataFrame({"id_a": ["a"], "id_b": ["b"], "similarity": [0.9]})
    kept, mapping, note = collapse_for_statistics(corpus, pairs)
    assert kept["id"].tolist() == ["b", "c", "d"] and mapping.loc[~mapping["kept"], "id"].tolist() == ["a"] and note == ""
    assert collapse_for_statistics(corpus, pairs, enabled=False)[0]["id"].tolist() == ["a", "b", "c", "d"]
    # every pair flagged (templated or very short texts): collapsing would leave one article of four
    everything = pd.DataFrame({"id_a": ["a", "a", "a"], "id_b": ["b", "c", "d"], "similarity": [0.1] * 3})
    kept, mapping, note = collapse_for_statistics(corpus, everything)
    assert len(kept) == 4 and mapping is None
    assert note == ("Collapsing near-duplicates would leave out 3 of the 4 articles and all but one source; so many "
                    "flagged pairs point to templated or very short texts rather than to rewrites of one item, so every "
                    "article stays in the statistics (check the pairs).")


def test_statistics_corpus_collapses_the_bundled_relays():
    from analysis import paths
    from analysis.corpus import load_corpus
    from analysis.compare.summaries import statistics_corpus

    corpus = load_corpus(paths.RAW)
    kept, dropped, note = statistics_corpus(corpus)
    # 001 and 002 are two rewrites of one RIA Novosti item; 002 is the longer and stays
    assert dropped == ["001_8c9f463cf267f3af"] and note == "" and len(kept) == len(corpus) - 1
    assert statistics_corpus(corpus, enabled=False)[1] == []
    assert statistics_corpus(corpus, max_articles=4)[1] == []  # above the limit nothing is checked


def _study_tables():
    """Five articles of two sources, stance toward two actors (NATO in one article of five), two frames."""
    corpus = pd.DataFrame({"id": ["a1", "a2", "a3", "b1", "b2"], "source": ["A", "A", "A", "B", "B"]})
    stance = pd.DataFrame({"id": ["a1", "a2", "b1", "b2", "a3"], "target": ["Russia", "Russia", "Russia", "Russia", "NATO"]})
    loaded = pd.DataFrame({"source": ["A", "B"], "diff": [2.0, -2.0], "diff_low": [0.5, nan], "diff_high": [3.5, nan],
                           "p_value": [0.01, nan], "n_articles": [3, 2], "small_n": [False, True], "design": "all articles"})
    summary = pd.DataFrame({"source": ["A", "B", "A", "A"], "measure": ["stance_Russia", "stance_Russia", "stance_NATO", "loaded_per_1k"],
                            "n_articles": [3, 2, 1, 3], "mean": [-0.5, 0.1, 0.4, 9.0], "ci_low": [-0.8, nan, nan, 5.0],
                            "ci_high": [-0.2, nan, nan, 12.0], "small_n": [False, True, True, False]})
    tests = pd.DataFrame({"source": ["A", "B", "A"], "measure": ["stance_Russia", "stance_Russia", "stance_NATO"],
                          "p_value": [0.02, nan, nan]})
    frame_means = pd.DataFrame({"frame_conflict": [3.0, 1.0], "frame_economic": [1.0, 2.0]}, index=["A", "B"])
    return dict(corpus=corpus, stance=stance, actors=["NATO", "Russia"], loaded=loaded, stance_summary=summary,
                stance_tests=tests, frame_means=frame_means, order=["B", "A"], frame_label=lambda f: f.removeprefix("frame_"))


def test_source_findings_in_the_reports_order():
    found = source_findings(**_study_tables(), min_actor_share=0.25)
    assert (found.sizes, found.n_small, found.rare_actors, found.dominant.to_dict()) == (
        {"A": 3, "B": 2}, 1, ["NATO"], {"A": "frame_conflict", "B": "frame_economic"})
    limits = ('The one statement with enough articles passes a false-discovery rate of 5% (Benjamini-Hochberg); B has '
              'fewer than 3 articles. A statement says that a direction is established, not that it is '
              'large: its size is the estimate beside it. "Not distinguishable" does not mean equal: differences smaller '
              "than an interval's width would go unseen with this many articles. Sources are compared over all their "
              "articles, so a difference may reflect which events each covered.")
    frames = ("Most frequent frame indicators per source: B: economic; A: conflict (frame-indicator vocabularies, not "
              "coded frames; a description of these articles, not a test).")
    # two sources: A against B is one comparison, and B's 2 articles are too few for it (it was "higher than the other
    # sources: A" and "too few for B", two statements of one comparison)
    tested = [
        "Loaded language (terms per 1,000 words; all articles, not matched by event). Too few articles to compare B (2 "
        "articles) with A.",
        "Stance toward Russia (-1 to +1, 0 neutral or no evidence). Unfavourable: A (-0.50, 95% interval -0.80 to -0.20, "
        "adjusted p = 0.020, 3 articles). Too few articles to say for B (2 articles)."]
    # NATO (1 of 5 articles) is a bundled actor too rare to describe
    assert found.findings == [*tested, "No stance finding for NATO: each is mentioned in fewer than 25% of the articles, "
                              "too few to describe this corpus.", frames, limits]
    assert found.limits == [limits]
    # dated, A in 2019 and B in 2023: said after the statements it qualifies
    tables = _study_tables()
    tables["corpus"] = tables["corpus"].assign(date=["2019-01-02", "2019-02-01", "", "2023-01-01", "2023-01-01"])
    dated = source_findings(**tables, min_actor_share=0.25)
    assert dated.findings[3] == (
        "The two sources' articles come from different times (A 2019-01-02 to 2019-02-01, B 2023-01-01): a difference "
        "between them may be one between what was in the news then, which no test here can tell from the source.")
    assert dated.findings[:3] + dated.findings[4:] == found.findings
    assert found.claims[["measure", "source", "verdict"]].values.tolist() == [
        ["loaded_per_1k", "B", "too few"], ["Russia", "A", "unfavourable"], ["Russia", "B", "too few"]]
    # the omnibus tests add whether the sources differ, for the described actors only (not the rare NATO, not
    # loaded language); with one source of enough articles it is not tested and the sentences stay as they were
    omnibus = pd.DataFrame({"measure": ["loaded_per_1k", "stance_NATO", "stance_Russia"], "n_articles": [5, 1, 4],
                            "eta_squared": [0.5, nan, 0.6], "p_value": [0.1, nan, 0.2]})
    with_between = source_findings(**_study_tables(), min_actor_share=0.25, stance_omnibus=omnibus)
    assert with_between.findings == found.findings
    assert with_between.claims[["kind", "measure", "small_n"]].values.tolist()[-1] == ["stance_between", "Russia", True]
    assert len(with_between.claims) == 4  # loaded language once (two sources), Russia per source and between
    # chosen (not bundled) actors are all described; events and the most similar pairs get their sentences
    coverage = pd.DataFrame({"source": ["A", "B"], "coverage_distance": [0.25, 0.5]})
    pairs = pd.DataFrame({"id_a": ["a1"], "id_b": ["b1"], "similarity": [0.5]})
    found = source_findings(**_study_tables(), bundled_actors=False, min_actor_share=0.25, coverage=coverage, n_events=4,
                            n_shared=1, pairs=pairs, n_pairs=1)
    assert found.rare_actors == [] and found.claims["measure"].tolist()[-1] == "NATO"
    assert found.findings == [*tested,
        "Stance toward NATO: too few articles to say whether any source presents it favourably or unfavourably (no "
        "source has more than 1 article mentioning it; an interval needs 3).",
        "The 5 articles form 4 events (similar wording within a date window); 1 was covered by 2 or more sources. How "
        "differently each source spread its articles over the events (0 the same mix as the other sources, 1 no event "
        "in common): A 0.25; B 0.50.",
        "One pair of articles shares enough text to be rewrites of one item (word-trigram containment): a1 and b1 "
        "(0.50); both stay in the statistics.", frames, limits]
    undated = source_findings(**_study_tables(), bundled_actors=False, min_actor_share=0.25, coverage=coverage, n_events=4,
                              n_shared=1, dated_events=False)
    assert undated.findings[-3].startswith("The 5 articles form 4 events (similar wording; the articles have no dates); ")
    # articles left out as near-duplicates are named instead of the pairs; a note on collapsing goes before the pairs
    mapping = pd.DataFrame({"id": ["a1", "a4"], "representative": ["a1", "a1"], "cluster": [1, 1], "cluster_size": [2, 2],
                            "kept": [True, False]})
    found = source_findings(**_study_tables(), mapping=mapping, sources_before={"a4": "A"}, pairs=pairs, n_pairs=1,
                            duplicate_threshold=0.1)
    assert found.findings[-3] == ("One near-duplicate article was left out of every statistic, for the longest article "
                                  "of its cluster of near-duplicates (pairs of articles that share at least 10% of the "
                                  "shorter one's word trigrams, joined in chains): a4 (A, kept a1) (set "
                                  "collapse_duplicates=False to keep them, with make NOTEBOOK_PARAMS=collapse_duplicates=False; "
                                  "near the threshold two articles on one topic can pass without either rewriting the "
                                  "other: check the pairs).")
    found = source_findings(**_study_tables(), mapping=None, pairs=pairs, n_pairs=1, collapse_note="Not collapsed.")
    assert found.findings[-4:-2] == ["Not collapsed.", "One pair of articles shares enough text to be rewrites of one "
                                     "item (word-trigram containment): a1 and b1 (0.50); both stay in the statistics."]


def test_thirty_sources_are_said_by_their_number_and_range_not_listed():
    """A study of 30 outlets: a list of more than MAX_LISTED sources is said by its number and range (the report's
    tables name each source); a statement made still names its source with its evidence."""
    from analysis.compare.findings import MAX_LISTED, frames_sentence

    assert MAX_LISTED == 8
    names = [f"Outlet {k:02d}" for k in range(30)]
    # 20 sources with intervals (one of them favourable beyond chance), 10 with 1 or 2 articles
    summary = pd.DataFrame({
        "source": names, "measure": "Mayor", "n_articles": [12] * 20 + [1, 2] * 5,
        "mean": [0.5] + [round(-0.2 + 0.01 * k, 2) for k in range(1, 20)] + [0.1] * 10,
        "ci_low": [0.4] + [-0.3] * 19 + [nan] * 10, "ci_high": [0.6] + [0.3] * 19 + [nan] * 10,
        "small_n": [False] * 20 + [True] * 10})
    tests = pd.DataFrame({"source": names, "measure": "Mayor", "p_value": [0.0001] + [0.5] * 19 + [nan] * 10})
    omnibus = pd.DataFrame({"measure": ["Mayor"], "n_articles": [255], "eta_squared": [0.2], "p_value": [0.5]})
    claims = adjust_claims(pd.concat([stance_claims(summary, tests), stance_between_claims(summary, omnibus)],
                                     ignore_index=True))
    assert summary_sentences(claims, measures={}) == [
        "Stance toward Mayor (-1 to +1, 0 neutral or no evidence). No difference between the sources could be shown "
        "(permutation test of all sources' means, adjusted p = 0.50; the sources account for 20.0% of the variation in "
        "stance between articles; means of the sources with enough articles from -0.19 (Outlet 01) to +0.50 (Outlet 00)). "
        "Favourable: Outlet 00 (+0.50, 95% interval +0.40 to +0.60, adjusted p = 0.002, 12 articles). Not "
        "distinguishable from neutral: 19 sources, with means from -0.19 (Outlet 01) to -0.01 (Outlet 19). Too few "
        "articles to say for 10 sources (1 or 2 articles each).",
    ]
    # every source with an interval not distinguishable: the range was just said, so only their number
    plain = summary.assign(mean=[round(-0.2 + 0.01 * k, 2) for k in range(20)] + [0.1] * 10,
                           ci_low=[-0.3] * 20 + [nan] * 10)
    claims = adjust_claims(pd.concat([stance_claims(plain, tests.assign(p_value=0.5)), stance_between_claims(plain, omnibus)],
                                     ignore_index=True))
    assert summary_sentences(claims, measures={})[0].endswith(
        "from -0.20 (Outlet 00) to -0.01 (Outlet 19)). Not distinguishable from neutral: all 20 sources with enough "
        "articles. Too few articles to say for 10 sources (1 or 2 articles each).")
    assert limits_sentence(claims, sizes=dict(zip(names, [12] * 20 + [1, 2] * 5))).startswith(
        "0 of the 21 statements with enough articles pass a false-discovery rate of 5% (Benjamini-Hochberg across all "
        "of them); 10 sources have fewer than 3 articles.")
    # loaded language against the other sources: the same rule, with the differences
    comparison = pd.DataFrame({"source": names[:9], "diff": [-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5],
                               "diff_low": [-3.0] * 9, "diff_high": [3.0] * 9, "p_value": [0.5] * 9,
                               "n_articles": [20] * 9, "small_n": [False] * 9, "design": "all articles"})
    assert difference_sentence(adjust_claims(difference_claims(comparison, measure="loaded")), what="loaded language",
                               unit="terms per 1,000 words") == (
        "Loaded language (terms per 1,000 words; all articles, not matched by event). Not distinguishable from the "
        "other sources: 9 sources, with differences from -1.5 (Outlet 00) to +2.5 (Outlet 08).")
    # eight are still listed
    assert "Outlet 07 (+2.0)" in difference_sentence(adjust_claims(difference_claims(comparison[:8], measure="loaded")),
                                                     what="loaded language", unit="terms per 1,000 words")
    frames = dict(zip(names[:12], ["conflict"] * 5 + ["economic"] * 5 + ["health", "legality"]))
    assert frames_sentence(frames) == (
        "Most frequent frame indicators of the 12 sources: conflict in 5 sources, economic in 5 sources, health in 1 "
        "source, legality in 1 source (frame-indicator vocabularies, not coded frames; a description of these articles, "
        "not a test).")


def test_sources_whose_articles_share_no_time_are_said_to():
    """Two sources dated 2019 and 2023 were compared as if they had covered the same news: the summary said nothing
    of the years between them."""
    from analysis.compare.findings import periods_sentence
    from analysis.compare.timeline import source_periods

    corpus = pd.DataFrame({"source": ["left", "left", "right", "right", "centre", "centre"],
                           "date": ["2019-01-02", "2019-10-22", "2023-01-01", "2023-10-27", "2019-05-01", ""]})
    two = corpus[corpus["source"] != "centre"]
    assert periods_sentence(source_periods(two)) == (
        "The two sources' articles come from different times (left 2019-01-02 to 2019-10-22, right 2023-01-01 to "
        "2023-10-27): a difference between them may be one between what was in the news then, which no test here can "
        "tell from the source.")
    # centre's one dated article falls inside left's time: only right is apart
    assert periods_sentence(source_periods(corpus)) == (
        "One source's dated articles share no time with any other source's (right 2023-01-01 to 2023-10-27): a "
        "difference between it and the others may be one between what was in the news then, which no test here can "
        "tell from the source.")
    overlapping = corpus.assign(date=["2019-01-02", "2019-10-22", "2019-10-22", "2023-10-27", "2019-05-01", ""])
    assert periods_sentence(source_periods(overlapping)) == ""
    assert periods_sentence(source_periods(corpus.drop(columns="date"))) == ""
    assert periods_sentence(source_periods(corpus.assign(date=""))) == ""


def test_many_sources_apart_in_time_are_listed_up_to_a_limit():
    """Past MAX_LISTED the sentence read "s1 ..., s7 ... and s8 ... and 2 more": two "and"s in one list."""
    from analysis.compare.findings import MAX_LISTED, periods_sentence
    from analysis.compare.timeline import source_periods

    years = range(2010, 2010 + MAX_LISTED + 2)
    corpus = pd.DataFrame({"source": [f"s{y}" for y in years], "date": [f"{y}-03-01" for y in years]})
    assert periods_sentence(source_periods(corpus)) == (
        "The dated articles of 10 sources share no time with any other source's (s2010 2010-03-01, s2011 2011-03-01, "
        "s2012 2012-03-01, s2013 2013-03-01, s2014 2014-03-01, s2015 2015-03-01, s2016 2016-03-01, s2017 2017-03-01 "
        "and 2 more): a difference between such a source and the others may be one between what was in the news then, "
        "which no test here can tell from the source.")
    assert periods_sentence(source_periods(corpus.head(MAX_LISTED))).startswith(
        "The dated articles of 8 sources share no time with any other source's (s2010 2010-03-01, s2011 2011-03-01, "
        "s2012 2012-03-01, s2013 2013-03-01, s2014 2014-03-01, s2015 2015-03-01, s2016 2016-03-01 and s2017 2017-03-01):")

"""Statistics: Holm/BH on textbook p-values, effect sizes, exact and seeded permutation tests, bootstrap intervals."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis.compare.stats import (
    MIN_ARTICLES_FOR_INTERVAL,
    benjamini_hochberg,
    bootstrap_interval,
    cohens_d,
    group_summary,
    hedges_g,
    holm,
    omnibus_permutation_test,
    omnibus_tests,
    pairwise_tests,
    permutation_test,
    rate_comparison,
    sign_flip_test,
    sign_flip_tests,
    source_statistics,
)

# Benjamini & Hochberg (1995, JRSS B 57: 289-300), section 4.1: 15 p-values from a clinical trial.
# At q = 0.05 their step-up procedure rejects the four smallest; Holm's step-down rejects three
# (0.0001*15, 0.0004*14, 0.0019*13 <= 0.05 but 0.0095*12 = 0.114).
BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719,
           0.6528, 0.7590, 1.0000]


def test_holm_and_bh_textbook_examples():
    p = [0.01, 0.04, 0.03, 0.005]
    # Holm: sorted 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> running max 0.06.
    assert holm(p) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    # BH: sorted 0.005*4/1 = 0.02, 0.01*4/2 = 0.02, 0.03*4/3 = 0.04, 0.04*4/4 = 0.04 (running min from the top).
    assert benjamini_hochberg(p) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert (benjamini_hochberg(BH_1995) <= 0.05).sum() == 4
    assert (holm(BH_1995) <= 0.05).sum() == 3
    # 4th smallest: 0.0095 * 15/4 = 0.035625; 5th: min over j >= 5 of 15/j p_(j) = 0.0201 * 3 = 0.0603.
    assert benjamini_hochberg(BH_1995)[3:5] == pytest.approx([0.035625, 0.0603])
    assert holm(BH_1995)[:4] == pytest.approx([0.0015, 0.0056, 0.0247, 0.114])


def test_adjustments_cap_at_one_pass_nan_and_reject_bad_input():
    assert holm([0.5, 0.6]) == pytest.approx([1.0, 1.0])
    out = benjamini_hochberg([0.01, float("nan"), 0.04])
    assert math.isnan(out[1]) and out[[0, 2]] == pytest.approx([0.02, 0.04])
    assert holm([]).size == 0
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        holm([1.5])


def test_effect_sizes_hand_computed():
    a, b = [1, 2, 3], [4, 5, 6, 7]
    # s_a^2 = 1, s_b^2 = 5/3; s_pooled^2 = (2*1 + 3*5/3) / 5 = 1.4; d = (2 - 5.5) / sqrt(1.4)
    assert cohens_d(a, b) == pytest.approx(-3.5 / math.sqrt(1.4), rel=1e-12)
    # J(5) = Gamma(2.5) / (sqrt(2.5) Gamma(2)) = 0.75 sqrt(pi) / sqrt(2.5) = 0.8407486824596894
    assert hedges_g(a, b) == pytest.approx(-3.5 / math.sqrt(1.4) * 0.8407486824596894, rel=1e-12)
    assert math.isnan(cohens_d([1], [2]))  # no degrees of freedom
    assert math.isnan(hedges_g([1], [2, 4]))  # df = 1: J = 0 would claim "no effect"
    assert math.isnan(cohens_d([1, 1], [1, 1]))


def test_exact_permutation_test_enumerates_all_splits():
    # C(7, 3) = 35 splits; |diff| >= 3.5 only for a = {1,2,3} (-3.5) and a = {5,6,7} (+3.5).
    res = permutation_test([1, 2, 3], [4, 5, 6, 7])
    assert res["exact"] and res["n_permutations"] == 35
    assert res["p_value"] == pytest.approx(2 / 35) and res["diff"] == -3.5
    assert permutation_test([1, 2, 3], [4, 5, 6, 7], alternative="less")["p_value"] == pytest.approx(1 / 35)
    assert permutation_test([1, 2, 3], [4, 5, 6, 7], alternative="greater")["p_value"] == pytest.approx(1.0)
    # With the bundled corpus' 2 vs 3 split there are only 10 splits: p can never go below 1/10.
    assert permutation_test([9, 10], [1, 2, 3], alternative="greater")["p_value"] == pytest.approx(1 / 10)


def test_monte_carlo_permutation_test_is_seeded():
    a, b = [1, 2, 3, 4, 5, 6], [2, 3, 4, 5, 6, 7, 8]
    exact = permutation_test(a, b, n_permutations=5000)
    assert exact["exact"] and exact["n_permutations"] == 1716 and exact["p_value"] == pytest.approx(419 / 1716)
    mc = permutation_test(a, b, n_permutations=999, seed=1)
    assert not mc["exact"] and mc["n_permutations"] == 999
    # Recompute the documented recipe by hand: 999 random 6-subsets of the 13 pooled positions
    # (the smaller group), count |diff| >= 1.5.
    pooled = np.array(a + b, dtype=float)
    rng = np.random.default_rng(1)
    sum_a = np.array([pooled[rng.choice(13, size=6, replace=False, shuffle=False)].sum() for _ in range(999)])
    diffs = sum_a / 6 - (pooled.sum() - sum_a) / 7
    hits = int((np.abs(diffs) >= 1.5 - 1e-9).sum())
    assert hits == 231
    assert mc["p_value"] == pytest.approx((1 + 231) / 1000)
    assert permutation_test(a, b, n_permutations=999, seed=1) == mc


def test_omnibus_exact_and_monte_carlo():
    res = omnibus_permutation_test([1, 2, 3, 4], ["a", "a", "b", "b"])
    # SSB = 2(1.5-2.5)^2 + 2(3.5-2.5)^2 = 4, SST = 5; 4!/(2!2!) = 6 relabellings, 2 with SSB >= 4.
    assert (res["n_permutations"], res["exact"]) == (6, True)
    assert res["ssb"] == pytest.approx(4.0) and res["eta_squared"] == pytest.approx(0.8)
    assert res["p_value"] == pytest.approx(2 / 6)
    # Bundled-corpus shape: groups of 1, 2, 1, 1 -> 5!/2! = 60 relabellings. SSB is largest when the
    # pair holds the two closest values; the 3! orders of the singletons tie, so p >= 6/60.
    five = omnibus_permutation_test([10, 0, 0.1, 5, 7], ["A", "B", "B", "C", "D"])
    assert (five["n_permutations"], five["p_value"]) == (60, pytest.approx(0.1))
    mc = omnibus_permutation_test([10, 0, 0.1, 5, 7, 3, 2, 8, 9], list("ABBCDAACD"), n_permutations=2000, seed=3)
    assert not mc["exact"] and mc["n_permutations"] == 2000
    assert mc["p_value"] == pytest.approx((1 + 305) / 2001)
    assert mc["eta_squared"] == pytest.approx(0.6160714285714282)


def test_monte_carlo_agrees_with_exact_enumeration():
    # 10 vs 12 values: C(22, 10) = 646,646 splits, enumerated with a large enough budget.
    rng = np.random.default_rng(9)
    a, b = rng.normal(0, 1, 10), rng.normal(0.8, 1, 12)
    exact = permutation_test(a, b, n_permutations=1_000_000)
    mc = permutation_test(a, b, n_permutations=100_000, seed=4)
    assert exact["exact"] and exact["n_permutations"] == 646_646 and not mc["exact"]
    assert exact["p_value"] == pytest.approx(0.0097, abs=5e-5)
    assert abs(mc["p_value"] - exact["p_value"]) < 0.0015  # about 5 Monte Carlo standard errors
    # Four groups of 3, 3, 3, 2: 11! / (3!^3 2!) = 92,400 relabellings.
    x = rng.normal(0, 1, 11)
    x[:3] += 1.5
    groups = list("AAABBBCCCDD")
    e = omnibus_permutation_test(x, groups, n_permutations=100_000)
    m = omnibus_permutation_test(x, groups, n_permutations=50_000, seed=0)
    assert e["exact"] and e["n_permutations"] == 92_400 and not m["exact"]
    assert abs(m["p_value"] - e["p_value"]) < 0.008


def test_monte_carlo_draws_stream_in_blocks_with_the_same_result(monkeypatch):
    import analysis.compare.stats as st

    rng = np.random.default_rng(2)
    x = rng.normal(0, 1, 60)
    groups = np.repeat(list("ABCD"), 15)
    st._draws.clear()
    cached = (permutation_test(x[:15], x[15:], n_permutations=3000, seed=7),
              permutation_test(x[:45], x[45:], n_permutations=3000, seed=7),
              omnibus_permutation_test(x, groups, n_permutations=3000, seed=7))
    assert ("subset", 60, 15, 3000, 7) in st._draws and ("perm", 60, 60, 3000, 7) in st._draws
    # Nothing kept, tiny blocks: the same draws in the same order, so the same numbers.
    st._draws.clear()
    monkeypatch.setattr(st, "DRAW_CACHE_BYTES", 0)
    monkeypatch.setattr(st, "BLOCK_ELEMENTS", 100)
    streamed = (permutation_test(x[:15], x[15:], n_permutations=3000, seed=7),
                permutation_test(x[:45], x[45:], n_permutations=3000, seed=7),
                omnibus_permutation_test(x, groups, n_permutations=3000, seed=7))
    assert not st._draws
    for c, s in zip(cached, streamed):
        assert c["p_value"] == s["p_value"] and c["n_permutations"] == s["n_permutations"] == 3000


def test_monte_carlo_draws_are_the_documented_ones(monkeypatch):
    import analysis.compare.stats as st

    # The recipes of permutation_test and omnibus_permutation_test's docstrings, in one call each.
    rng = np.random.default_rng(5)
    perms = rng.permuted(np.tile(np.arange(9, dtype=np.int32), (50, 1)), axis=1)
    rng = np.random.default_rng(5)
    subsets = np.array([rng.choice(9, size=4, replace=False, shuffle=False) for _ in range(50)], dtype=np.int32)
    for cache_bytes in (st.DRAW_CACHE_BYTES, 0):  # kept whole, or streamed in blocks of 1 (perm) or 3 (subset) rows
        st._draws.clear()
        monkeypatch.setattr(st, "DRAW_CACHE_BYTES", cache_bytes)
        monkeypatch.setattr(st, "BLOCK_ELEMENTS", 12)
        for kind, k, expected in (("perm", 9, perms), ("subset", 4, subsets)):
            drawn = np.concatenate([block.copy() for block in st._draw_blocks(kind, 9, k, 50, 5)])
            assert np.array_equal(drawn, expected)
            assert (key := (kind, 9, k, 50, 5)) not in st._draws or np.array_equal(st._draws[key], expected)
    st._draws.clear()

def test_source_against_rest_draws_are_the_omnibus_relabellings():
    # 13 articles in 3 sources: C(13, 4) = 715 and C(13, 5) = 1,287 splits, more than 200, so drawn. The documented
    # recipe by hand: 200 permutations of range(13) (omnibus_permutation_test's draws, seed 3) reorder the values
    # sorted by source; positions 0-3 are A's, 4-8 B's, 9-12 C's; p = (1 + b) / (1 + 200), b counting
    # |mean(group) - mean(rest)| >= |observed|.
    x = np.array([0.3, 2.1, -0.4, 1.7, 0.9, -1.2, 0.5, 2.4, -0.8, 1.1, 0.0, -0.6, 1.9])
    source = np.array(list("BACABCBCABACB"))
    table = pd.DataFrame({"source": source, "x": x})
    perms = np.random.default_rng(3).permuted(np.tile(np.arange(13), (200, 1)), axis=1)
    ordered = x[np.argsort(source, kind="stable")]
    expected = []
    for g, (lo, hi) in zip("ABC", [(0, 4), (4, 9), (9, 13)]):
        n_a = hi - lo
        sums = ordered[perms[:, lo:hi]].sum(axis=1)
        perm = sums / n_a - (x.sum() - sums) / (13 - n_a)
        observed = x[source == g].mean() - x[source != g].mean()
        expected.append((1 + int((np.abs(perm) >= abs(observed) - 1e-9 * max(1, abs(observed))).sum())) / 201)
    got = pairwise_tests(table, "x", n_permutations=200, seed=3)
    assert got["p_value"].tolist() == expected == [156 / 201, 86 / 201, 55 / 201]
    assert not got["exact"].any() and got["n_permutations"].tolist() == [200] * 3
    # the same relabellings give the omnibus test its p-value, and a source with C(13, 1) = 13 <= 200 splits is
    # still enumerated exactly
    one = table.assign(source=np.where(np.arange(13) == 4, "D", source))
    exact = pairwise_tests(one, "x", n_permutations=200, seed=3).set_index("group_a")
    assert exact.loc["D", "exact"] and exact.loc["D", "n_permutations"] == 13
    assert not exact.loc[["A", "B", "C"], "exact"].any()


def test_source_statistics_sums_each_batch_s_relabellings_once(monkeypatch):
    # the source-against-rest tests and the omnibus test of one batch of measures read one pass over the draws
    import analysis.compare.stats as st

    rng = np.random.default_rng(8)
    table = pd.DataFrame({"source": np.repeat(["a", "b", "c"], [12, 10, 9]), "x": rng.normal(size=31),
                          "y": rng.normal(size=31)})
    calls = []
    real = st._group_sums
    monkeypatch.setattr(st, "_group_sums", lambda *a: calls.append(1) or real(*a))
    together = st.source_statistics(table, ["x", "y"], n_boot=50, n_permutations=300, seed=2)
    assert len(calls) == 1  # one block of 300 draws, summed once for both
    alone = (pairwise_tests(table, ["x", "y"], n_permutations=300, seed=2), omnibus_tests(table, ["x", "y"], n_permutations=300, seed=2))
    assert len(calls) == 3 and together["tests"].equals(alone[0]) and together["omnibus"].equals(alone[1])


def test_bootstrap_interval_seeded_and_small_n():
    # Documented recipe: idx = default_rng(0).integers(0, 5, size=(1000, 5)), means, 2.5/97.5% quantiles.
    low, high = bootstrap_interval([1, 2, 3, 4, 5], n_boot=1000, seed=0)
    idx = np.random.default_rng(0).integers(0, 5, size=(1000, 5))
    means = np.array([1, 2, 3, 4, 5], dtype=float)[idx].mean(axis=1)
    assert (low, high) == tuple(np.quantile(means, [0.025, 0.975]))
    assert (low, high) == pytest.approx((1.8, 4.2))
    assert bootstrap_interval([7, 7, 7], seed=5) == (7.0, 7.0)
    assert MIN_ARTICLES_FOR_INTERVAL == 3
    assert all(math.isnan(v) for v in bootstrap_interval([1, 2]))


TABLE = pd.DataFrame(
    {
        "id": ["a1", "a2", "a3", "b1", "b2", "c1"],
        "source": ["A", "A", "A", "B", "B", "C"],
        "x": [1.0, 2.0, 6.0, 4.0, 8.0, 5.0],
        "y": [0.0, 0.0, 0.0, 1.0, 1.0, np.nan],
    }
)


def test_group_summary_means_intervals_and_small_n_flag():
    out = group_summary(TABLE, ["x", "y"], n_boot=1000, seed=0)
    assert list(out.columns) == ["source", "measure", "n_articles", "mean", "sd", "ci_low", "ci_high", "small_n"]
    x = out[out["measure"] == "x"].set_index("source")
    assert x["n_articles"].tolist() == [3, 2, 1]
    assert x.loc["A", "mean"] == pytest.approx(3.0) and x.loc["A", "sd"] == pytest.approx(math.sqrt(7))
    assert x["small_n"].tolist() == [False, True, True]
    assert x.loc[["B", "C"], ["ci_low", "ci_high"]].isna().all().all()
    assert math.isnan(x.loc["C", "sd"])
    assert (x.loc["A", "ci_low"], x.loc["A", "ci_high"]) == bootstrap_interval([1.0, 2.0, 6.0], n_boot=1000, seed=0)
    # A source's interval does not depend on the other sources.
    alone = group_summary(TABLE[TABLE["source"] == "A"], "x", n_boot=1000, seed=0)
    assert alone[["ci_low", "ci_high"]].values.tolist() == [[x.loc["A", "ci_low"], x.loc["A", "ci_high"]]]
    y = out[out["measure"] == "y"].set_index("source")
    assert y.loc["C", "n_articles"] == 0 and math.isnan(y.loc["C", "mean"])  # NaN values are left out
    with pytest.raises(ValueError, match="missing column"):
        group_summary(TABLE, "z")


def test_pairwise_tests_rest_and_pairs_with_adjustments():
    rest = pairwise_tests(TABLE, "x")
    assert rest[["group_a", "group_b", "n_a", "n_b"]].values.tolist() == [["A", "rest", 3, 3], ["B", "rest", 2, 4],
                                                                           ["C", "rest", 1, 5]]
    # A vs rest: C(6, 3) = 20 splits, all enumerated.
    assert rest["exact"].all() and rest["n_permutations"].tolist() == [20, 15, 6]
    a = rest.iloc[0]
    assert a["diff"] == pytest.approx(3.0 - 17 / 3)
    assert a["p_value"] == pytest.approx(permutation_test([1, 2, 6], [4, 8, 5])["p_value"])
    assert rest["p_holm"].tolist() == pytest.approx(holm(rest["p_value"]).tolist())
    assert rest["p_bh"].tolist() == pytest.approx(benjamini_hochberg(rest["p_value"]).tolist())
    pairs = pairwise_tests(TABLE, ["x", "y"], compare="pairs")
    assert pairs[pairs["measure"] == "x"][["group_a", "group_b"]].values.tolist() == [["A", "B"], ["A", "C"], ["B", "C"]]
    # y of C is NaN: its comparisons have no data and no p-value, and leave the others' family.
    y = pairs[pairs["measure"] == "y"].set_index(["group_a", "group_b"])
    assert math.isnan(y.loc[("A", "C"), "p_value"]) and math.isnan(y.loc[("A", "C"), "p_holm"])
    assert y.loc[("A", "B"), "p_value"] == pytest.approx(1 / 10)  # C(5, 2) = 10; the split is the extreme one
    assert y.loc[("A", "B"), "p_holm"] == pytest.approx(1 / 10)  # a family of one test


def test_omnibus_tests_one_row_per_measure():
    out = omnibus_tests(TABLE, ["x", "y"])
    assert out["measure"].tolist() == ["x", "y"]
    assert out["n_permutations"].tolist() == [60, 10]  # 6!/(3!2!1!) and 5!/(3!2!)
    assert out["p_holm"].tolist() == pytest.approx(holm(out["p_value"]).tolist())
    assert out.loc[1, "eta_squared"] == pytest.approx(1.0) and out.loc[1, "p_value"] == pytest.approx(1 / 10)


def test_omnibus_skips_a_measure_seen_in_one_group_only():
    table = pd.DataFrame({"source": ["a", "a", "b", "b"], "x": [1.0, 2.0, 3.0, 5.0], "only_a": [1.0, 2.0, np.nan, np.nan]})
    out = omnibus_tests(table, ["x", "only_a"], n_permutations=100, seed=0)
    assert out["measure"].tolist() == ["x", "only_a"]
    assert out.loc[1, "n_groups"] == 1 and np.isnan(out.loc[1, "p_value"]) and np.isnan(out.loc[1, "p_holm"])
    # the family for the adjustment is the tested measures only: x's Holm p equals its raw p
    assert out.loc[0, "p_holm"] == out.loc[0, "p_value"]


def test_measures_tested_together_get_the_results_they_get_alone():
    # Measures that miss the same articles share their draws; each must still get exactly its own
    # result. 40 articles in 3 sources: Monte Carlo (not enumerated) for every test.
    rng = np.random.default_rng(7)
    table = pd.DataFrame({"source": np.repeat(["a", "b", "c"], [15, 13, 12]),
                          "x": rng.normal(size=40), "y": rng.normal(size=40), "z": rng.normal(size=40)})
    table.loc[[0, 5, 20], "z"] = np.nan  # z misses three articles: tested apart from x and y
    measures = ["x", "y", "z"]
    summary = group_summary(table, measures, n_boot=500, seed=3)
    rest = pairwise_tests(table, measures, compare="rest", n_permutations=500, seed=3)
    pairs = pairwise_tests(table, measures, compare="pairs", n_permutations=500, seed=3)
    omnibus = omnibus_tests(table, measures, n_permutations=500, seed=3)
    assert not omnibus["exact"].any() and not rest["exact"].any()
    for m in measures:
        assert summary[summary["measure"] == m].reset_index(drop=True).equals(group_summary(table, m, n_boot=500, seed=3))
        for together, kind in ((rest, "rest"), (pairs, "pairs")):
            alone = pairwise_tests(table, m, compare=kind, n_permutations=500, seed=3)
            assert together[together["measure"] == m].reset_index(drop=True).drop(columns=["p_holm", "p_bh"]).equals(
                alone.drop(columns=["p_holm", "p_bh"]))
        alone = omnibus_tests(table, m, n_permutations=500, seed=3).drop(columns=["p_holm", "p_bh"])
        assert omnibus[omnibus["measure"] == m].reset_index(drop=True).drop(columns=["p_holm", "p_bh"]).equals(alone)
    # and each is what the one-measure functions give
    ok = table["z"].notna()
    assert omnibus.set_index("measure").loc["z", "p_value"] == omnibus_permutation_test(
        table.loc[ok, "z"], table.loc[ok, "source"], n_permutations=500, seed=3)["p_value"]
    low, high = bootstrap_interval(table.loc[table["source"] == "b", "y"], n_boot=500, seed=3)
    row = summary[(summary["measure"] == "y") & (summary["source"] == "b")].iloc[0]
    assert (row["ci_low"], row["ci_high"]) == (low, high)


@pytest.mark.parametrize("workers", [1, 2])
def test_source_statistics_gives_each_function_s_own_table_in_any_number_of_processes(workers, monkeypatch):
    # 45 articles in 3 sources; stance toward "p" missing in some articles, toward "q" in all of one source's
    from analysis.compare import stats
    from analysis.compare.events import event_comparison

    monkeypatch.setattr(stats, "PARALLEL_MIN_DRAWS", 0)  # processes even for this small table
    rng = np.random.default_rng(11)
    n = 45
    table = pd.DataFrame({"source": np.repeat(["a", "b", "c"], [18, 15, 12]), "loaded_n": rng.integers(0, 6, n),
                          "n_tokens": rng.integers(50, 400, n), "x": rng.normal(size=n), "y": rng.normal(size=n),
                          "stance_p": rng.normal(size=n), "stance_q": rng.normal(size=n), "event": rng.integers(0, 4, n)})
    table.loc[[1, 7, 30], "stance_p"] = np.nan
    table.loc[table["source"] == "c", "stance_q"] = np.nan
    measures, stance_measures = ["x", "stance_p", "y", "stance_q"], ["stance_p", "stance_q"]
    got = source_statistics(table, measures, stance_measures=stance_measures, count="loaded_n", words="n_tokens",
                            event="event", n_boot=300, n_permutations=300, event_permutations=200, seed=5, workers=workers)
    expected = {
        "summary": group_summary(table, measures, n_boot=300, seed=5),
        "tests": pairwise_tests(table, measures, compare="rest", n_permutations=300, seed=5),
        "omnibus": omnibus_tests(table, measures, n_permutations=300, seed=5),
        "rates": rate_comparison(table, "loaded_n", "n_tokens", n_boot=300, n_permutations=300, seed=5),
        "same_events": event_comparison(table, "loaded_n", "n_tokens", event="event", n_boot=300, n_permutations=200, seed=5),
        "stance_tests": sign_flip_tests(table, stance_measures, n_permutations=300, seed=5),
    }
    assert set(got) == set(expected)
    for key, frame in expected.items():
        assert got[key].equals(frame), key
        assert list(got[key].dtypes) == list(frame.dtypes), key
    assert not got["omnibus"]["exact"].any() and got["omnibus"]["p_holm"].notna().all()
    without = source_statistics(table, measures, n_boot=300, n_permutations=300, seed=5, workers=workers)
    assert without["rates"] is None and without["same_events"] is None and without["stance_tests"].empty
    with pytest.raises(ValueError, match=r"workers=0 must be a whole number >= 1"):
        source_statistics(table, measures, workers=0)



def test_source_statistics_of_one_source_describe_it_and_test_it_against_neutral_only():
    # a corpus with one source (or none named: every article "unknown"): nothing to test it against
    table = pd.DataFrame({"source": ["S"] * 5, "x": [1.0, 2.0, 3.0, 4.0, 5.0], "stance_p": [0.2, 0.4, 0.1, 0.3, np.nan],
                          "loaded_n": [1, 2, 3, 1, 2], "n_tokens": [100] * 5})
    got = source_statistics(table, ["x", "stance_p"], stance_measures=["stance_p"], count="loaded_n", words="n_tokens",
                            n_boot=100, n_permutations=100, seed=1)
    assert got["tests"].empty and list(got["tests"].columns) == list(pairwise_tests(
        pd.concat([table, table.assign(source="T")]), ["x"], n_permutations=10).columns)
    assert got["omnibus"][["measure", "n_groups", "n_articles"]].values.tolist() == [["x", 1, 5], ["stance_p", 1, 4]]
    assert got["omnibus"]["p_value"].isna().all()
    assert got["summary"]["mean"].round(4).tolist() == [3.0, 0.25]
    # against neutral: 4 positive values, so 1 of the 16 sign flips is as extreme on each side: p = 2/16
    assert got["stance_tests"][["measure", "n", "p_value", "exact"]].values.tolist() == [["stance_p", 4, 0.125, True]]
    assert got["rates"][["rate", "rest_rate", "p_value"]].isna().values.tolist() == [[False, True, True]]
    with pytest.raises(ValueError, match="at least two groups"):  # asked directly, the test between sources refuses
        pairwise_tests(table, ["x"])

# --- length-aware rates, the test against neutral, and the kept libraries -------------------------


def test_rate_comparison_is_a_ratio_of_totals():
    # A: 1+2+3 matches in 100+100+200 words = 15 per 1,000; B: 3 in 300 = 10 per 1,000.
    table = pd.DataFrame({"source": ["A"] * 3 + ["B"] * 3, "loaded_n": [1, 2, 3, 1, 1, 1],
                          "n_tokens": [100, 100, 200, 100, 100, 100]})
    out = rate_comparison(table, "loaded_n", "n_tokens", n_boot=500, n_permutations=1000, seed=3).set_index("source")
    assert out.loc["A", "rate"] == pytest.approx(15.0) and out.loc["A", "rest_rate"] == pytest.approx(10.0)
    assert out.loc["A", "diff"] == pytest.approx(5.0) and out.loc["B", "diff"] == pytest.approx(-5.0)
    assert out.loc["A", "n_words"] == 400 and out.loc["A", "design"] == "all articles"
    # C(6, 3) = 20 splits, all enumerated. |diff| >= 5 (6 in 400 words against 3 in 300, or the
    # reverse) for {a1,a2,a3}, {a2,a3,b_k} (3 splits), {b1,b2,b3} and {a1,b_k,b_l} (3 splits): p = 8/20.
    assert out.loc["A", "exact"] and out.loc["A", "n_permutations"] == 20
    assert out.loc["A", "p_value"] == pytest.approx(8 / 20)
    assert out.loc["A", "ci_low"] <= 15.0 <= out.loc["A", "ci_high"]
    assert out.loc["A", "diff_low"] <= 5.0 <= out.loc["A", "diff_high"]


def test_rate_weighs_words_not_articles():
    # 6 matches in 60 words (100 per 1,000) and 20 in 2,000 (10 per 1,000): the mean of the two
    # rates is 55, the ratio of totals 26 / 2,060 * 1,000 = 12.62.
    table = pd.DataFrame({"source": ["A", "A", "B", "B", "B"], "loaded_n": [6, 20, 1, 1, 1],
                          "n_tokens": [60, 2000, 100, 100, 100]})
    out = rate_comparison(table, "loaded_n", "n_tokens", n_boot=100, n_permutations=100).set_index("source")
    assert out.loc["A", "rate"] == pytest.approx(26 / 2060 * 1000)
    assert out.loc["A", "small_n"] and math.isnan(out.loc["A", "ci_low"]) and math.isnan(out.loc["A", "diff_low"])
    assert not out.loc["B", "small_n"] and math.isnan(out.loc["B", "diff_low"])  # its rest has 2 articles


def test_a_source_of_one_article_does_not_take_the_others_intervals_away():
    # C has one article: no interval of its own, but it is part of A's and B's rest; it used to be left out of the
    # rest's resampling, which left A and B (4 articles each) without a difference interval, "too few articles to say"
    table = pd.DataFrame({"source": ["A"] * 4 + ["B"] * 4 + ["C"], "loaded_n": [1, 5, 2, 8, 3, 3, 4, 1, 9],
                          "n_tokens": [100, 300, 200, 400, 100, 150, 200, 100, 300]})
    out = rate_comparison(table, "loaded_n", "n_tokens", n_boot=300, n_permutations=100, seed=2).set_index("source")
    assert out["small_n"].tolist() == [False, False, True]
    for s in ("A", "B"):
        assert out.loc[s, "diff_low"] < out.loc[s, "diff"] < out.loc[s, "diff_high"]
    assert math.isnan(out.loc["C", "ci_low"]) and math.isnan(out.loc["C", "diff_low"])
    # A's and B's own intervals are the ones without C (each source resampled on its own seed)
    alone = rate_comparison(table[table["source"] != "C"], "loaded_n", "n_tokens", n_boot=300, n_permutations=100,
                            seed=2).set_index("source")
    assert out.loc[["A", "B"], ["ci_low", "ci_high"]].equals(alone[["ci_low", "ci_high"]])


def test_rate_interval_depends_only_on_the_source():
    table = pd.DataFrame({"source": ["A"] * 4 + ["B"] * 4, "loaded_n": [1, 5, 2, 8, 3, 3, 4, 1],
                          "n_tokens": [100, 300, 200, 400, 100, 150, 200, 100]})
    full = rate_comparison(table, "loaded_n", "n_tokens", n_boot=300, seed=2).set_index("source")
    more = pd.concat([table, pd.DataFrame({"source": ["C"] * 3, "loaded_n": [0, 1, 2], "n_tokens": [100] * 3})])
    again = rate_comparison(more, "loaded_n", "n_tokens", n_boot=300, seed=2).set_index("source")
    assert (full.loc["A", "ci_low"], full.loc["A", "ci_high"]) == (again.loc["A", "ci_low"], again.loc["A", "ci_high"])


def test_rate_permutation_p_value_is_the_documented_one():
    # 6 of 40 articles: C(40, 6) splits, far more than 500, so 500 subsets of 6 positions are drawn
    # (permutation_test's recipe) and p = (1 + b) / (1 + 500), b counting |diff| >= |observed|.
    rng = np.random.default_rng(4)
    counts, words = rng.integers(0, 9, 40), rng.integers(50, 400, 40)
    source = np.where(np.arange(40) < 6, "A", "B")
    for fraction in (0.0, 0.25):  # whole counts (summed in one sparse product) and fractional ones
        y, w = counts + fraction, words.astype(float)
        draws = np.random.default_rng(9)
        rows = np.array([draws.choice(40, size=6, replace=False, shuffle=False) for _ in range(500)])
        sy, sw = y[rows].sum(axis=1), w[rows].sum(axis=1)
        perm = sy / sw - (y.sum() - sy) / (w.sum() - sw)
        observed = y[:6].sum() / w[:6].sum() - y[6:].sum() / w[6:].sum()
        expected = (1 + int((np.abs(perm) >= abs(observed) - 1e-9 * max(1, abs(observed))).sum())) / 501
        table = pd.DataFrame({"source": source, "loaded_n": y, "n_tokens": w})
        out = rate_comparison(table, "loaded_n", "n_tokens", n_boot=10, n_permutations=500, seed=9).set_index("source")
        assert not out.loc["A", "exact"] and out.loc["A", "p_value"] == expected


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_sparse_sums_are_scipy_s_bit_for_bit(dtype):
    from scipy.sparse import csr_matrix

    import analysis.compare.stats as st

    rng = np.random.default_rng(6)
    values = rng.normal(size=(300, 3))
    drawn = np.stack([rng.choice(300, size=25, replace=False) for _ in range(40)]).astype(dtype)
    rows = drawn[10:30]  # a view of a larger array, as the cached draws are
    expected = csr_matrix((np.ones(rows.size), rows.ravel(), np.arange(0, rows.size + 1, 25)), shape=(20, 300)) @ values
    assert np.array_equal(st._subset_sums(rows, values), expected)
    assert np.array_equal(st._subset_sums(rows, values[:, :1]), expected[:, :1])


def test_sign_flip_test_exact_and_against_scipy():
    from scipy.stats import permutation_test as scipy_permutation_test

    # 2^3 = 8 sign patterns; |sum| >= 1.2 only for all + and all -: p = 2/8.
    assert sign_flip_test([0.5, 0.4, 0.3]) == {"n": 3, "mean": pytest.approx(0.4), "p_value": 0.25,
                                                 "n_permutations": 8, "exact": True}
    v = np.array([0.5, 0.4, -0.1, 0.3, 0.2, -0.05, 0.6])
    ref = scipy_permutation_test((v,), lambda x, axis: np.abs(x.sum(axis=axis)), permutation_type="samples",
                                 n_resamples=np.inf, alternative="greater", vectorized=True).pvalue
    assert sign_flip_test(v)["p_value"] == pytest.approx(ref)
    mc = sign_flip_test(v, n_permutations=50, seed=1)
    assert not mc["exact"] and mc["n_permutations"] == 50 and 0 < mc["p_value"] <= 1
    assert math.isnan(sign_flip_test([float("nan")])["p_value"])
    table = pd.DataFrame({"source": ["A", "A", "A", "B"], "stance_X": [0.5, 0.4, 0.3, float("nan")]})
    out = sign_flip_tests(table, ["stance_X"])
    assert out[["source", "n", "p_value"]].values.tolist() == [["A", 3, 0.25]]


def test_permutation_and_bootstrap_agree_with_scipy():
    from scipy.stats import bootstrap as scipy_bootstrap
    from scipy.stats import permutation_test as scipy_permutation_test

    a, b = [1.0, 2.5, 3.0, 0.5], [4.0, 5.0, 2.0, 7.0, 6.5]
    for alternative in ("greater", "less"):
        ref = scipy_permutation_test((a, b), lambda x, y, axis: x.mean(axis=axis) - y.mean(axis=axis),
                                     permutation_type="independent", n_resamples=np.inf, alternative=alternative,
                                     vectorized=True).pvalue
        assert permutation_test(a, b, alternative=alternative)["p_value"] == pytest.approx(ref)
    x = np.array([3.0, 1, 4, 1, 5, 9, 2, 6, 5, 3])
    ref = scipy_bootstrap((x,), np.mean, n_resamples=2000, method="percentile", rng=np.random.default_rng(4),
                          vectorized=True).confidence_interval
    assert bootstrap_interval(x, n_boot=2000, seed=4) == pytest.approx((ref.low, ref.high))


def test_holm_and_bh_are_statsmodels():
    from statsmodels.stats.multitest import multipletests

    assert holm(BH_1995) == pytest.approx(multipletests(BH_1995, method="holm")[1])
    assert benjamini_hochberg(BH_1995) == pytest.approx(multipletests(BH_1995, method="fdr_bh")[1])


def test_holm_is_statsmodels_bit_for_bit_without_collecting_garbage(monkeypatch):
    """Holm is computed here (statsmodels' holm calls gc.collect(), 0.3 s a call beside a large corpus)."""
    import gc

    from statsmodels.stats.multitest import multipletests

    rng = np.random.default_rng(7)
    families = [BH_1995, [0.5, 0.6], [0.01, 0.01, 0.02, 0.01, 0.3], rng.uniform(size=200),
                np.round(rng.uniform(size=300), 2), rng.uniform(0, 0.02, size=50)]
    expected = [multipletests(np.asarray(p, dtype=float), method="holm")[1] for p in families]

    def refuse():
        raise AssertionError("holm called gc.collect()")

    monkeypatch.setattr(gc, "collect", refuse)
    for p, want in zip(families, expected):
        assert np.array_equal(holm(p), want)
    assert np.array_equal(holm([0.02, float("nan"), 0.01]), [0.02, float("nan"), 0.02], equal_nan=True)


@pytest.mark.parametrize("bad", [0, -3, 2.5, "100", None])
def test_every_permutation_test_refuses_the_same_bad_n_permutations_with_one_message(bad):
    from analysis.compare.events import event_comparison
    from analysis.compare.stats import omnibus_tests, pairwise_tests, permutation_test, rate_comparison, sign_flip_test

    table = pd.DataFrame({"source": ["a", "a", "b", "b"], "x": [1.0, 2.0, 3.0, 4.0], "w": [10, 10, 10, 10],
                          "event": ["e", "e", "e", "e"]})
    message = f"n_permutations={bad!r} must be a positive whole number."
    calls = [lambda: permutation_test([1.0, 2.0], [3.0, 4.0], n_permutations=bad),
             lambda: pairwise_tests(table, "x", n_permutations=bad), lambda: omnibus_tests(table, "x", n_permutations=bad),
             lambda: sign_flip_test([1.0, 2.0], n_permutations=bad), lambda: rate_comparison(table, "x", "w", n_permutations=bad),
             lambda: event_comparison(table, "x", "w", n_permutations=bad)]
    for call in calls:
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == message

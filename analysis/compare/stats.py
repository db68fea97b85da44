"""Compare sources on per-article measures: bootstrap intervals, permutation tests, effect sizes, Holm and BH.

Everything resamples or permutes *articles*, the unit that a source produces. With a handful
of articles per source the numbers describe this corpus, not the outlets behind it:

- A source with fewer than :data:`MIN_ARTICLES_FOR_INTERVAL` (3) articles gets its mean and
  ``small_n=True`` but no interval (NaN): a bootstrap of one or two values only repeats them.
- Permutation tests enumerate every distinct relabelling exactly when there are at most
  ``n_permutations`` of them (with the five bundled articles there are 10 for a 2-vs-3 split,
  5 for a 1-vs-4 split and 60 for the four-source omnibus test), so the smallest attainable
  p-value is 1/10, 1/5 or 6/60: no test on the bundled corpus can reach 0.05, whatever the data. Otherwise they draw
  ``n_permutations`` random relabellings and report ``(1 + b) / (1 + B)`` (Phipson & Smyth 2010).
  The draws are made in blocks of bounded memory. A two-group test draws random subsets of the
  smaller group's size (``O(B * min(n_a, n_b))``); each source's test against the rest of the
  articles reads the omnibus test's random relabellings of the same articles instead (one
  relabelling splits every source from the rest at once, each split uniform among those of its
  sizes), so the tests of all sources and the omnibus test cost one pass over one set of draws,
  and a corpus of thousands of articles in dozens of sources tests in seconds. The tests share
  draws, so their Monte Carlo errors are correlated; each p-value is valid on its own. The
  same shape and seed always give the same draws. The measures that miss the same articles are
  resampled and permuted together, each draw applied to all of them, and a cache of at most
  :data:`DRAW_CACHE_BYTES` keeps draws for the next comparison of the same shape: both only
  save drawing again, neither changes a result.
- Effect sizes: Cohen's d and Hedges' g for two groups, eta-squared for the omnibus test.
- Holm (1979) and Benjamini-Hochberg (1995) adjustments are statsmodels' ``multipletests``
  (NaNs left out of the family), applied within each measure's family of tests here; the
  report's summary adjusts once across everything it states (:mod:`analysis.compare.findings`).
- The permutation tests and bootstraps are written here, not taken from ``scipy.stats``:
  they share draws across measures, stream them in blocks of bounded memory and enumerate
  small samples exactly; tests check them against ``scipy.stats.permutation_test`` and
  ``scipy.stats.bootstrap``.
- Length-aware rates (:func:`rate_comparison`): a ratio estimator, total matches over total
  words per source, bootstrapped over articles.

Random draws come from ``numpy.random.default_rng(seed)``; see each function for exactly how,
so that results are reproducible bit for bit.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import pandas as pd
from scipy.special import gammaln

__all__ = [
    "BLOCK_ELEMENTS",
    "MIN_ARTICLES_FOR_INTERVAL",
    "PARALLEL_MIN_DRAWS",
    "benjamini_hochberg",
    "bootstrap_interval",
    "check_boot",
    "check_permutations",
    "cohens_d",
    "group_summary",
    "hedges_g",
    "holm",
    "omnibus_permutation_test",
    "omnibus_tests",
    "pairwise_tests",
    "permutation_test",
    "rate_comparison",
    "sign_flip_test",
    "sign_flip_tests",
    "source_statistics",
]

MIN_ARTICLES_FOR_INTERVAL = 3
DRAW_CACHE_BYTES = 256 * 2**20  # Monte Carlo draws kept for reuse across measures
BLOCK_ELEMENTS = 1 << 22  # indices drawn per block when draws are too big to keep
_TOL = 1e-9  # relative tolerance when comparing permuted statistics with the observed one


# ---------------------------------------------------------------------------------------------
# Multiple comparisons
# ---------------------------------------------------------------------------------------------


def _as_pvalues(p: Sequence[float] | np.ndarray, name: str = "p") -> np.ndarray:
    arr = np.asarray(p, dtype="float64")
    if arr.ndim != 1:
        raise ValueError(f"{name}: give a one-dimensional sequence of p-values.")
    finite = arr[~np.isnan(arr)]
    if np.any((finite < 0) | (finite > 1)):
        raise ValueError(f"{name}: p-values must lie in [0, 1] (NaN is allowed and passed through).")
    return arr


def holm(p: Sequence[float] | np.ndarray) -> np.ndarray:
    """Holm's step-down adjusted p-values (family-wise error rate).

    ``p_adj(i) = max_{j <= i} min(1, (m - j + 1) p_(j))`` over the sorted p-values; reject
    where ``p_adj <= alpha``. NaNs are left out of the family and returned as NaN.

    Args:
        p: P-values in any order.

    Returns:
        Adjusted p-values in the input order.

    Example:
        >>> holm([0.01, 0.04, 0.03, 0.005]).round(3).tolist()
        [0.03, 0.06, 0.06, 0.02]
    """
    return _multipletests(p, "holm")


def benjamini_hochberg(p: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg step-up adjusted p-values (false discovery rate, "q-values").

    ``p_adj(i) = min_{j >= i} min(1, m / j * p_(j))`` over the sorted p-values; reject where
    ``p_adj <= q``. NaNs are left out of the family and returned as NaN. Takes and returns
    what :func:`holm` does.

    Example:
        >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.005]).round(3).tolist()
        [0.02, 0.04, 0.04, 0.02]
    """
    return _multipletests(p, "fdr_bh")


def _multipletests(p: Sequence[float] | np.ndarray, method: str) -> np.ndarray:
    """statsmodels' ``multipletests(p, method=method)`` adjusted p-values, NaNs left out of the family.

    Holm is computed here with statsmodels' own arithmetic (the same values, bit for bit): its
    ``multipletests(method="holm")`` ends with ``gc.collect()``, which in a notebook holding a
    large corpus took 0.3 s a call, 11 s of notebook 04's statistics at 20,000 articles.
    """
    from statsmodels.stats.multitest import multipletests

    arr = _as_pvalues(p)
    out = np.full(arr.shape, np.nan)
    ok = ~np.isnan(arr)
    if ok.any():
        out[ok] = _holm(arr[ok]) if method == "holm" else multipletests(arr[ok], method=method)[1]
    return out


def _holm(p: np.ndarray) -> np.ndarray:
    """Holm's adjusted p-values exactly as ``statsmodels.stats.multitest.multipletests(p, method="holm")[1]``."""
    order = np.argsort(p)
    adjusted = np.maximum.accumulate(np.take(p, order) * np.arange(len(p), 0, -1))
    adjusted[adjusted > 1] = 1
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return out


# ---------------------------------------------------------------------------------------------
# Effect sizes
# ---------------------------------------------------------------------------------------------


def cohens_d(a: Sequence[float], b: Sequence[float]) -> float:
    """Cohen's d: ``(mean(a) - mean(b)) / s_pooled`` with ``s_pooled`` from both samples' variances.

    ``s_pooled**2 = ((n_a - 1) s_a**2 + (n_b - 1) s_b**2) / (n_a + n_b - 2)``.

    Returns:
        d, or NaN when ``n_a + n_b < 3`` or the pooled standard deviation is 0.
    """
    a, b = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    df = len(a) + len(b) - 2
    if len(a) == 0 or len(b) == 0 or df < 1:
        return float("nan")
    ss = ((a - a.mean()) ** 2).sum() + ((b - b.mean()) ** 2).sum()
    sd = math.sqrt(ss / df)
    if sd == 0:
        return float("nan")
    return float((a.mean() - b.mean()) / sd)


def hedges_g(a: Sequence[float], b: Sequence[float]) -> float:
    """Hedges' g: Cohen's d times the exact small-sample correction ``J(df)``.

    ``J(df) = Gamma(df / 2) / (sqrt(df / 2) * Gamma((df - 1) / 2))`` with ``df = n_a + n_b - 2``
    (Hedges 1981; ``J ~ 1 - 3 / (4 df - 1)``).

    Returns:
        g, or NaN when ``df < 2`` (J is 0 at df = 1, which would report "no effect") or d is NaN.
    """
    df = len(a) + len(b) - 2
    d = cohens_d(a, b)
    if df < 2 or math.isnan(d):
        return float("nan")
    j = math.exp(gammaln(df / 2) - gammaln((df - 1) / 2)) / math.sqrt(df / 2)
    return float(d * j)


# ---------------------------------------------------------------------------------------------
# Bootstrap
# ---------------------------------------------------------------------------------------------


def bootstrap_interval(
    values: Sequence[float] | np.ndarray,
    *,
    n_boot: int = 10_000,
    level: float = 0.95,
    seed: int = 0,
    statistic: Callable[[np.ndarray], np.ndarray] | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (or another statistic) over ``values``.

    Draws ``idx = numpy.random.default_rng(seed).integers(0, n, size=(n_boot, n))``,
    computes the statistic of each row of ``values[idx]`` and returns the
    ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles (numpy's default linear interpolation).

    Args:
        values: One value per article.
        n_boot: Bootstrap resamples.
        level: Coverage of the interval, in (0, 1).
        seed: Seed of the generator.
        statistic: Maps an ``(n_boot, n)`` array to ``n_boot`` values along ``axis=1``;
            default the mean.

    Returns:
        ``(low, high)``; ``(nan, nan)`` for fewer than :data:`MIN_ARTICLES_FOR_INTERVAL` values.
    """
    x = np.asarray(values, dtype="float64")
    check_boot(n_boot, level)
    if len(x) < MIN_ARTICLES_FOR_INTERVAL:
        return float("nan"), float("nan")
    if statistic is None:
        return _bootstrap_means([x], n_boot=n_boot, level=level, seed=seed)[0]
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x), size=(n_boot, len(x)))
    stats = np.asarray(statistic(x.take(idx)), dtype="float64")
    low, high = np.quantile(stats, [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)


def _bootstrap_means(columns: list[np.ndarray], *, n_boot: int, level: float, seed: int) -> list[tuple[float, float]]:
    """:func:`bootstrap_interval` of the mean for several columns of the same articles at once.

    The rows of ``idx`` are drawn a block at a time (the generator gives the same numbers as in
    one call) and every column is resampled with each block: memory stays bounded, the draws
    are made once for all the columns, and the result is the same as column by column.
    """
    n = len(columns[0])
    rng = np.random.default_rng(seed)
    rows = max(1, BLOCK_ELEMENTS // n)
    means: list[list[np.ndarray]] = [[] for _ in columns]
    for start in range(0, n_boot, rows):
        idx = rng.integers(0, n, size=(min(rows, n_boot - start), n))
        for out, x in zip(means, columns):
            out.append(x.take(idx).mean(axis=1))  # take: the same values as x[idx], gathered twice as fast
    bounds = []
    for out in means:
        low, high = np.quantile(np.concatenate(out), [(1 - level) / 2, (1 + level) / 2])
        bounds.append((float(low), float(high)))
    return bounds


def check_boot(n_boot: int, level: float) -> None:
    """Raise a one-line ValueError unless ``n_boot`` is a positive whole number and ``0 < level < 1``."""
    if not (isinstance(n_boot, (int, np.integer)) and n_boot >= 1):
        raise ValueError(f"n_boot={n_boot!r} must be a positive whole number (e.g. 10000).")
    if not (0 < level < 1):
        raise ValueError(f"level={level!r} must be between 0 and 1 (e.g. 0.95).")


def check_permutations(n_permutations: int) -> None:
    """Raise a one-line ValueError unless ``n_permutations`` is a positive whole number (every permutation test's check)."""
    if not (isinstance(n_permutations, (int, np.integer)) and n_permutations >= 1):
        raise ValueError(f"n_permutations={n_permutations!r} must be a positive whole number.")


def _check_table(table: pd.DataFrame, measures: Sequence[str], by: str) -> None:
    missing = [c for c in [by, *measures] if c not in table.columns]
    if missing:
        raise ValueError(
            f"table: missing column(s) {', '.join(missing)} (columns are: {', '.join(map(str, table.columns))}); "
            "pass measures= and by= columns of the per-article table."
        )
    for m in measures:
        if not pd.api.types.is_numeric_dtype(table[m]):
            raise ValueError(f"table: measure {m!r} is not numeric; pass a column of numbers.")


def _measures(measures: str | Sequence[str]) -> list[str]:
    return [measures] if isinstance(measures, str) else list(measures)


def group_summary(
    table: pd.DataFrame,
    measures: str | Sequence[str],
    *,
    by: str = "source",
    n_boot: int = 10_000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Mean of each measure per group with a percentile bootstrap interval over articles.

    Each group's interval is computed by :func:`bootstrap_interval` with a fresh
    ``default_rng(seed)``, so it depends only on that group's values and the seed (adding or
    removing another source does not change it), and the same articles are drawn for every
    measure of a group. Articles with a missing (NaN) value of a measure are left out of it.

    Args:
        table: One row per article with the ``by`` column and numeric measure columns.
        measures: Column name(s) of the measures.
        by: Grouping column.
        n_boot: Bootstrap resamples.
        level: Interval coverage.
        seed: Seed of the generator.

    Returns:
        A tidy table ``<by>, measure, n_articles, mean, sd, ci_low, ci_high, small_n``, sorted
        by measure (in the order given) then group. ``sd`` uses ``ddof=1`` (NaN for one
        article). Groups with fewer than :data:`MIN_ARTICLES_FOR_INTERVAL` articles have
        ``small_n=True`` and NaN interval bounds: plot their articles as points instead.
    """
    measures = _measures(measures)
    _check_table(table, measures, by)
    check_boot(n_boot, level)
    # The measures of a group that miss the same articles share one set of draws (same result).
    bounds: dict[tuple, tuple[float, float]] = {}
    values: dict[tuple, np.ndarray] = {}
    groups = []
    for group, frame in table.groupby(by, sort=True):
        groups.append(group)
        batches: dict[bytes, list[str]] = {}
        for measure in measures:
            x = frame[measure].to_numpy(dtype="float64")
            ok = ~np.isnan(x)
            values[(group, measure)] = x[ok]
            batches.setdefault(ok.tobytes(), []).append(measure)
        for batch in batches.values():
            columns = [values[(group, m)] for m in batch]
            if len(columns[0]) < MIN_ARTICLES_FOR_INTERVAL:
                found = [(float("nan"), float("nan"))] * len(batch)
            else:
                found = _bootstrap_means(columns, n_boot=n_boot, level=level, seed=seed)
            bounds.update(zip(((group, m) for m in batch), found))
    rows = []
    for measure in measures:
        for group in groups:
            x = values[(group, measure)]
            n = len(x)
            low, high = bounds[(group, measure)]
            rows.append((group, measure, n, float(x.mean()) if n else float("nan"),
                         float(x.std(ddof=1)) if n > 1 else float("nan"), low, high, n < MIN_ARTICLES_FOR_INTERVAL))
    out = pd.DataFrame(rows, columns=[by, "measure", "n_articles", "mean", "sd", "ci_low", "ci_high", "small_n"])
    return out.astype({"n_articles": "int64", "mean": "float64", "sd": "float64", "ci_low": "float64",
                       "ci_high": "float64", "small_n": "bool"})


# ---------------------------------------------------------------------------------------------
# Permutation tests
# ---------------------------------------------------------------------------------------------


_draws: OrderedDict[tuple[str, int, int, int, int], np.ndarray] = OrderedDict()
_DRAW_DTYPE = {"subset": np.int32, "perm": np.int64}  # see _generate


def _generate(kind: str, n: int, k: int, n_draws: int, seed: int, *, into: np.ndarray | None = None) -> Iterator[np.ndarray]:
    """Blocks of rows drawn with ``numpy.random.default_rng(seed)``, in order.

    ``kind="subset"``: each row holds ``k`` distinct positions of ``range(n)``, a uniform random
    subset (``Generator.choice(n, k, replace=False, shuffle=False)``, one call per row), as int32.
    ``kind="perm"``: each row is a uniform random permutation of ``range(n)``
    (``Generator.permuted`` on a block of ``arange(n)`` rows, row by row, in place), as int64:
    numpy shuffles 8-byte items with a specialised loop, the same draws about 20% faster than
    int32 ones (10,000 permutations of 19,909 articles: 2.7 against 3.4 s of CPU).

    The blocks are consecutive rows of ``into`` (``n_draws x k``) when it is given, so that draws
    kept whole are written where they stay (copying blocks into a new array took as long as
    drawing them: 10,000 subsets of 2,489 of 19,909 articles, 0.4-0.6 s against 0.25 s of CPU);
    otherwise each block reuses the memory of the one before, so use a block before asking for
    the next. The draws are the same either way.
    """
    rng = np.random.default_rng(seed)
    rows = max(1, BLOCK_ELEMENTS // max(k, 1))
    dtype = _DRAW_DTYPE[kind]
    buffer = into if into is not None else np.empty((min(rows, n_draws), k), dtype=dtype)
    positions = np.arange(n, dtype=dtype)
    for start in range(0, n_draws, rows):
        r = min(rows, n_draws - start)
        block = into[start : start + r] if into is not None else buffer[:r]
        if kind == "perm":
            block[...] = positions
            rng.permuted(block, axis=1, out=block)
        else:
            for i in range(r):
                block[i] = rng.choice(n, size=k, replace=False, shuffle=False)
        yield block


def _draw_blocks(kind: str, n: int, k: int, n_draws: int, seed: int) -> Iterator[np.ndarray]:
    """The draws of :func:`_generate`, from the cache when the same ones were made before.

    Draws of at most :data:`DRAW_CACHE_BYTES` are kept (least recently used dropped first),
    so the tests of many measures on one corpus draw once; bigger ones stream in blocks (each
    block's memory reused for the next: use it before asking for the next).
    """
    key = (kind, n, k, n_draws, seed)
    if key in _draws:
        _draws.move_to_end(key)
        yield _draws[key]
        return
    dtype = _DRAW_DTYPE[kind]
    if n_draws * k * dtype().itemsize > DRAW_CACHE_BYTES:
        yield from _generate(kind, n, k, n_draws, seed)
        return
    arr = np.empty((n_draws, k), dtype=dtype)
    for _block in _generate(kind, n, k, n_draws, seed, into=arr):
        pass
    arr.flags.writeable = False
    _draws[key] = arr
    while sum(a.nbytes for a in _draws.values()) > DRAW_CACHE_BYTES:
        _draws.popitem(last=False)
    yield arr


def _tail(perm: np.ndarray, observed: float, alternative: str) -> np.ndarray:
    tol = _TOL * max(1.0, abs(observed))
    if alternative == "two-sided":
        return np.abs(perm) >= abs(observed) - tol
    if alternative == "greater":
        return perm >= observed - tol
    return perm <= observed + tol


def permutation_test(
    a: Sequence[float],
    b: Sequence[float],
    *,
    n_permutations: int = 10_000,
    alternative: str = "two-sided",
    seed: int = 0,
) -> dict[str, float | int | bool]:
    """Permutation test of the difference in means ``mean(a) - mean(b)``.

    When the number of distinct splits ``C(n_a + n_b, n_a)`` is at most ``n_permutations``,
    every split is enumerated (``itertools.combinations`` of the pooled positions, in order)
    and ``p = (splits at least as extreme as observed) / (all splits)``, the observed one
    included. Otherwise ``n_permutations`` random splits are drawn and ``p = (1 + b) / (1 + B)``:
    each draw is a uniform random set of ``k = min(n_a, n_b)`` positions of the pooled values
    ``a + b`` (``numpy.random.default_rng(seed).choice(n, k, replace=False, shuffle=False)``,
    one call per draw), taken as the smaller group, the rest forming the other. The cost is
    ``O(B * k)``, not ``O(B * n)``.

    Args:
        a: Values of the first group (one per article).
        b: Values of the second group.
        n_permutations: Monte Carlo permutations, and the most splits enumerated exactly.
        alternative: ``"two-sided"`` (|difference|), ``"greater"`` (a > b) or ``"less"``.
        seed: Seed of the generator (Monte Carlo only).

    Returns:
        ``diff, p_value, n_permutations`` (splits enumerated or drawn), ``exact``,
        ``cohens_d``, ``hedges_g``.

    Raises:
        ValueError: For an empty group or an unknown alternative.

    Example:
        >>> r = permutation_test([1, 2, 3], [4, 5, 6, 7])
        >>> r["exact"], r["n_permutations"], round(r["p_value"], 4)
        (True, 35, 0.0571)
    """
    x, y = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    if len(x) == 0 or len(y) == 0:
        raise ValueError("permutation_test: both groups need at least one value.")
    if alternative not in ("two-sided", "greater", "less"):
        raise ValueError(f"alternative={alternative!r}: use 'two-sided', 'greater' or 'less'.")
    check_permutations(n_permutations)
    return _permutation_tests([(x, y)], n_permutations=n_permutations, alternative=alternative, seed=seed)[0]


def _permutation_tests(groups: list[tuple[np.ndarray, np.ndarray]], *, n_permutations: int, alternative: str,
                       seed: int) -> list[dict[str, float | int | bool]]:
    """:func:`permutation_test` of several measures on the same split of the same articles.

    Every ``(a, b)`` has the same two lengths; the splits are enumerated or drawn once and
    applied to each measure, which gives each measure the result it gets on its own.
    """
    na, nb = len(groups[0][0]), len(groups[0][1])
    n = na + nb
    pooled = [np.concatenate([x, y]) for x, y in groups]
    if math.comb(n, na) <= n_permutations:
        idx = np.array(list(itertools.combinations(range(n), na)), dtype=np.intp)
        sums_a = [p.take(idx).sum(axis=1) for p in pooled]
        exact = True
    else:
        k = min(na, n - na)
        # every measure at once: each draw is a row of a sparse 0/1 matrix, times the pooled values
        values = np.column_stack(pooled)
        blocks: list[np.ndarray] = [_subset_sums(rows, values) for rows in _draw_blocks("subset", n, k, n_permutations, seed)]
        drawn = np.concatenate(blocks)
        sums_a = [drawn[:, j] if k == na else p.sum() - drawn[:, j] for j, p in enumerate(pooled)]
        exact = False
    results = []
    for (x, y), p, sum_a in zip(groups, pooled, sums_a):
        observed = float(x.mean() - y.mean())
        perm = sum_a / na - (p.sum() - sum_a) / (n - na)
        hits = int(_tail(perm, observed, alternative).sum())
        results.append({
            "diff": observed,
            "p_value": float(hits / len(perm) if exact else (1 + hits) / (1 + len(perm))),
            "n_permutations": int(len(perm)),
            "exact": exact,
            "cohens_d": cohens_d(x, y),
            "hedges_g": hedges_g(x, y),
        })
    return results


def _subset_sums(rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values[rows].sum(axis=1)`` for every column of ``values`` (``n x m``) at once: ``(len(rows), m)``.

    Each row of ``rows`` (positions in ``range(n)``) is a row of a sparse 0/1 matrix, multiplied by
    ``values``: one pass over the draws for all the measures instead of one per measure. The sums
    can differ from numpy's in the last bits (another order of addition); the tests compare them
    with the observed statistic with a relative tolerance of ``_TOL``, far above that.
    """
    r, k = rows.shape
    step = max(1, BLOCK_ELEMENTS // max(k, 1))  # a slice of draws at a time
    out = np.empty((r, values.shape[1]))
    for s in range(0, r, step):
        part = rows[s : s + step]
        out[s : s + len(part)] = _sparse_product(np.arange(0, part.size + 1, k, dtype=part.dtype), part, values)
    return out


_ones = np.ones(0)


def _sparse_product(indptr: np.ndarray, indices: np.ndarray, values: np.ndarray) -> np.ndarray:
    """A sparse 0/1 matrix in CSR form (``indptr``, the positions ``indices``) times ``values`` (``n x m``).

    This is what ``scipy.sparse.csr_matrix((ones, indices.ravel(), indptr)) @ values`` computes, with
    the same routine of scipy (``csr_matvecs``: the same sums, bit for bit), called directly: the
    matrix object copied every slice of cached draws (scipy copies index arrays that are views of a
    larger one) and turned int64 positions into int32, a quarter of the time of the product itself.
    """
    from scipy.sparse import _sparsetools

    global _ones
    indices = np.ascontiguousarray(indices).ravel()
    if len(_ones) < indices.size:  # one array of ones serves every call (each entry of the matrix is 1)
        _ones = np.ones(indices.size)
    values = np.ascontiguousarray(values, dtype=np.float64)
    out = np.zeros((len(indptr) - 1, values.shape[1]))
    _sparsetools.csr_matvecs(len(indptr) - 1, values.shape[0], values.shape[1], indptr.astype(indices.dtype, copy=False),
                             indices, _ones[: indices.size], values.ravel(), out.ravel())
    return out


def pairwise_tests(
    table: pd.DataFrame,
    measures: str | Sequence[str],
    *,
    by: str = "source",
    compare: str = "rest",
    n_permutations: int = 10_000,
    alternative: str = "two-sided",
    seed: int = 0,
) -> pd.DataFrame:
    """Permutation tests of the difference in means between groups, with Holm and BH adjustments.

    Args:
        table: One row per article with the ``by`` column and numeric measures.
        measures: Column name(s) of the measures.
        by: Grouping column.
        compare: ``"rest"``: each group against all other articles; ``"pairs"``: every pair of
            groups (sorted; ``group_a`` sorts first).
        n_permutations: See :func:`permutation_test`: splits are enumerated as there. With
            ``"rest"`` the drawn ones are :func:`omnibus_permutation_test`'s relabellings of the
            measure's articles among the groups (articles without a group one more group, always in
            the rest), one set for every group's test; with ``"pairs"`` :func:`permutation_test`'s.
        alternative: See :func:`permutation_test` (direction is ``group_a`` minus ``group_b``).
        seed: Seed of each test's generator (every test uses ``default_rng(seed)`` afresh).

    Returns:
        A tidy table ``measure, group_a, group_b, n_a, n_b, mean_a, mean_b, diff, cohens_d,
        hedges_g, p_value, p_holm, p_bh, n_permutations, exact``; ``group_b`` is ``"rest"`` for
        ``compare="rest"``. ``p_holm`` and ``p_bh`` adjust over the tests of the same measure
        (one family per measure). Articles with NaN in a measure are left out of its tests.

    Raises:
        ValueError: For missing columns, an unknown ``compare``, or fewer than two groups.
    """
    measures = _measures(measures)
    _check_table(table, measures, by)
    if compare not in ("rest", "pairs"):
        raise ValueError(f"compare={compare!r}: use 'rest' (each group against the others) or 'pairs'.")
    groups = sorted(table[by].dropna().unique(), key=str)
    if len(groups) < 2:
        raise ValueError(f"pairwise_tests needs at least two groups in {by!r}, found {len(groups)}.")
    check_permutations(n_permutations)
    if alternative not in ("two-sided", "greater", "less"):
        raise ValueError(f"alternative={alternative!r}: use 'two-sided', 'greater' or 'less'.")
    labels = table[by].to_numpy()
    if compare == "rest":
        plan = [(g, "rest", labels == g, labels != g) for g in groups]
    else:
        plan = [(g, h, labels == g, labels == h) for g, h in itertools.combinations(groups, 2)]
    values = {m: table[m].to_numpy(dtype="float64") for m in measures}
    # "rest", drawn: the relabellings of each batch's articles among the groups (those without a group
    # one more group that stays in every rest), one pass for every group of the batch, kept for the next
    codes = np.full(len(labels), len(groups))
    for g, (_ga, _gb, mask_a, _mask_b) in enumerate(plan if compare == "rest" else []):
        codes[mask_a] = g
    rest_hits: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}

    def rest_tests(batch: list[str], pairs: list[tuple[np.ndarray, np.ndarray]], ok: np.ndarray,
                   g: int) -> list[dict[str, float | int | bool]]:
        key = ok.tobytes()
        if key not in rest_hits:
            rest_hits[key] = _rest_permutation_hits([values[m][ok] for m in batch], codes[ok], n_permutations=n_permutations,
                                                    alternative=alternative, seed=seed)
        present, hits = rest_hits[key]
        j = int(np.searchsorted(present, g))
        out = []
        for i, (xa, xb) in enumerate(pairs):
            out.append({"diff": float(xa.mean() - xb.mean()), "p_value": float((1 + hits[j, i]) / (1 + n_permutations)),
                        "n_permutations": int(n_permutations), "exact": False, "cohens_d": cohens_d(xa, xb),
                        "hedges_g": hedges_g(xa, xb)})
        return out

    # Each comparison tests the measures that miss the same articles together: one set of
    # draws for all of them (each gets the result it would get alone).
    found: dict[tuple[str, int], tuple] = {}
    for k, (_ga, _gb, mask_a, mask_b) in enumerate(plan):
        batches: dict[bytes, list[str]] = {}
        for measure in measures:
            ok = ~np.isnan(values[measure])
            batches.setdefault((mask_a & ok).tobytes() + (mask_b & ok).tobytes(), []).append(measure)
        for batch in batches.values():
            ok = ~np.isnan(values[batch[0]])
            pairs = [(values[m][mask_a & ok], values[m][mask_b & ok]) for m in batch]
            na, nb = len(pairs[0][0]), len(pairs[0][1])
            if na == 0 or nb == 0:
                res = [{"diff": float("nan"), "p_value": float("nan"), "n_permutations": 0, "exact": False,
                        "cohens_d": float("nan"), "hedges_g": float("nan")}] * len(batch)
            elif compare == "rest" and math.comb(na + nb, na) > n_permutations:
                res = rest_tests(batch, pairs, ok, k)
            else:
                res = _permutation_tests(pairs, n_permutations=n_permutations, alternative=alternative, seed=seed)
            for m, (xa, xb), r in zip(batch, pairs, res):
                found[(m, k)] = (xa, xb, r)
    rows = []
    for measure in measures:
        family = []
        for k, (ga, gb, _mask_a, _mask_b) in enumerate(plan):
            xa, xb, res = found[(measure, k)]
            family.append([measure, ga, gb, len(xa), len(xb), _mean(xa), _mean(xb), res["diff"], res["cohens_d"],
                           res["hedges_g"], res["p_value"], res["n_permutations"], res["exact"]])
        p = np.array([r[10] for r in family], dtype="float64")
        for r, ph, pb in zip(family, holm(p), benjamini_hochberg(p)):
            rows.append(r[:11] + [ph, pb] + r[11:])
    return _pairwise_table(rows)


def _pairwise_table(rows: list) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["measure", "group_a", "group_b", "n_a", "n_b", "mean_a", "mean_b", "diff",
                                      "cohens_d", "hedges_g", "p_value", "p_holm", "p_bh", "n_permutations", "exact"])
    floats = dict.fromkeys(["mean_a", "mean_b", "diff", "cohens_d", "hedges_g", "p_value", "p_holm", "p_bh"], "float64")
    return out.astype({"n_a": "int64", "n_b": "int64", "n_permutations": "int64", "exact": "bool", **floats})


def _rest_permutation_hits(columns: list[np.ndarray], codes: np.ndarray, *, n_permutations: int, alternative: str,
                           seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Each group's test against the rest of these articles, drawn: the groups present and their hits.

    ``codes`` numbers each article's group. The statistic of group ``g`` is ``mean(g) - mean(rest)``, its
    permuted values those of the relabellings of :func:`_relabelled_group_sums` (every group at once), and
    ``hits[j, i]`` counts the draws at least as extreme as the observed difference (``alternative``) for the
    ``j``-th group present and the ``i``-th column; ``p = (1 + hits) / (1 + n_permutations)``.
    """
    present, labels = np.unique(codes, return_inverse=True)
    sizes = np.bincount(labels).astype("float64")
    values = np.column_stack(columns)
    n = len(labels)
    totals = np.array([x.sum() for x in columns])
    observed = np.array([[x[labels == j].mean() - x[labels != j].mean() for x in columns] for j in range(len(present))])
    hits = np.zeros(observed.shape, dtype=np.int64)
    for group_sums in _relabelled_group_sums(values, labels, n_permutations, seed):  # draws x groups x columns
        with np.errstate(divide="ignore", invalid="ignore"):
            perm = group_sums / sizes[None, :, None] - (totals[None, None, :] - group_sums) / (n - sizes)[None, :, None]
        for j in range(len(present)):
            for i in range(len(columns)):
                hits[j, i] += int(_tail(perm[:, j, i], float(observed[j, i]), alternative).sum())
    return present, hits


def _mean(x: np.ndarray) -> float:
    return float(x.mean()) if len(x) else float("nan")


def _assignments(sizes: Sequence[int]) -> np.ndarray:
    """Every distinct assignment of ``sum(sizes)`` positions to groups of the given sizes.

    Returns an ``(n_assignments, n)`` array of group numbers, enumerated by choosing group
    0's positions (``itertools.combinations``, in order), then group 1's among the rest, etc.
    """
    n = sum(sizes)
    out: list[list[int]] = []

    def fill(labels: list[int], free: list[int], g: int) -> None:
        if g == len(sizes) - 1:
            for pos in free:
                labels[pos] = g
            out.append(labels.copy())
            return
        for chosen in itertools.combinations(free, sizes[g]):
            for pos in chosen:
                labels[pos] = g
            rest = [p for p in free if p not in chosen]
            fill(labels, rest, g + 1)

    fill([0] * n, list(range(n)), 0)
    return np.array(out, dtype=np.intp)


def _ssb(values: np.ndarray, labels: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Between-group sum of squares for each row of ``labels`` (vectorized)."""
    k = len(sizes)
    sums = np.stack([(values * (labels == g)).sum(axis=-1) for g in range(k)], axis=-1)
    return (sums**2 / sizes).sum(axis=-1) - values.sum() ** 2 / len(values)


_shared: dict[tuple, list[np.ndarray]] | None = None  # relabelled group sums kept by :func:`_sharing_relabellings`


@contextlib.contextmanager
def _sharing_relabellings() -> Iterator[None]:
    """Within this block, the group sums of the same relabellings of the same values are computed once.

    :func:`source_statistics` runs :func:`pairwise_tests` and :func:`omnibus_tests` of a batch of measures
    inside one, so both read the sums of one pass over the draws (each gets the numbers it gets alone).
    """
    global _shared
    outer, _shared = _shared, {}
    try:
        yield
    finally:
        _shared = outer


def _relabelled_group_sums(values: np.ndarray, labels: np.ndarray, n_permutations: int, seed: int) -> Iterator[np.ndarray]:
    """Blocks of each group's sum of each column of ``values`` (``n x m``) under random relabellings: ``draws x groups x m``.

    The relabellings are those of :func:`omnibus_permutation_test`: ``n_permutations`` random permutations of
    ``range(n)`` (``_draw_blocks("perm", n, n, n_permutations, seed)``) reorder the values sorted by group
    (``labels``, group numbers ``0..G-1``, stable sort), and consecutive runs of the group sizes form the
    relabelled groups. One relabelling gives every group at once a uniform random set of articles of its
    size, so the omnibus test and every group's test against the rest read the same draws. Inside
    :func:`_sharing_relabellings`, sums of at most :data:`DRAW_CACHE_BYTES` are kept for the next call with
    the same values and labels.
    """
    sizes = np.bincount(labels)
    key = (values.tobytes(), values.shape, labels.tobytes(), n_permutations, seed)
    if _shared is not None and key in _shared:
        yield from _shared[key]
        return
    keep = _shared is not None and n_permutations * len(sizes) * values.shape[1] * 8 <= DRAW_CACHE_BYTES
    order = np.argsort(labels, kind="stable")
    ordered = np.ascontiguousarray(values[order])
    starts = np.concatenate([[0], np.cumsum(sizes[:-1])]).astype(np.intp)
    kept = []
    for rows in _draw_blocks("perm", len(labels), len(labels), n_permutations, seed):
        block = _group_sums(rows, starts, ordered)
        if keep:
            kept.append(block)
        yield block
    if keep:
        _shared[key] = kept


def _group_sums(rows: np.ndarray, starts: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``np.add.reduceat(values[rows], starts, axis=1)`` for every column of ``values``: ``(len(rows), groups, m)``."""
    r, n = rows.shape
    step = max(1, BLOCK_ELEMENTS // max(n, 1))  # a slice of draws at a time, as in _subset_sums
    out = np.empty((r, len(starts), values.shape[1]))
    for s in range(0, r, step):
        part = rows[s : s + step]
        bounds = (np.arange(len(part))[:, None] * n + starts[None, :]).ravel()
        sums = _sparse_product(np.append(bounds, part.size), part, values)
        out[s : s + len(part)] = sums.reshape(len(part), len(starts), values.shape[1])
    return out


def omnibus_permutation_test(
    values: Sequence[float],
    groups: Sequence[object],
    *,
    n_permutations: int = 10_000,
    seed: int = 0,
) -> dict[str, float | int | bool]:
    """Permutation test that all groups have the same mean (statistic: between-group sum of squares).

    The between-group sum of squares ``SSB = sum_g n_g (mean_g - mean)**2`` orders the
    relabellings exactly as the one-way ANOVA F does (the total sum of squares does not change
    under permutation), without assuming normality. When the number of distinct relabellings
    ``n! / prod(n_g!)`` is at most ``n_permutations``, all are enumerated (see
    ``_assignments``) and ``p`` is their share with ``SSB >= observed``; otherwise
    ``n_permutations`` random permutations of the positions are drawn
    (``numpy.random.default_rng(seed).permuted`` on blocks of tiled ``arange(n)``), the values
    sorted by group are reordered by each, and consecutive runs of the group sizes (groups in
    sorted order of their names) form the relabelled groups; ``p = (1 + b) / (1 + B)``.

    Args:
        values: One value per article.
        groups: The group of each article.
        n_permutations: Monte Carlo permutations, and the most relabellings enumerated.
        seed: Seed of the generator (Monte Carlo only).

    Returns:
        ``n_groups, n_articles, ssb, eta_squared`` (``SSB / SST``, NaN when all values are
        equal), ``p_value``, ``n_permutations``, ``exact``.

    Raises:
        ValueError: For fewer than two groups or mismatched lengths.

    Example:
        >>> r = omnibus_permutation_test([1, 2, 3, 4], ["a", "a", "b", "b"])
        >>> r["n_permutations"], round(r["p_value"], 4), r["eta_squared"]
        (6, 0.3333, 0.8)
    """
    x = np.asarray(values, dtype="float64")
    labels_raw = np.asarray(groups, dtype=object)
    if len(x) != len(labels_raw):
        raise ValueError(f"values ({len(x)}) and groups ({len(labels_raw)}) must have the same length.")
    names, labels = np.unique(labels_raw.astype(str), return_inverse=True)
    if len(names) < 2:
        raise ValueError(f"omnibus_permutation_test needs at least two groups, found {len(names)}.")
    check_permutations(n_permutations)
    return _omnibus_tests([x], labels, n_permutations=n_permutations, seed=seed)[0]


def _omnibus_tests(columns: list[np.ndarray], labels: np.ndarray, *, n_permutations: int, seed: int) -> list[dict]:
    """:func:`omnibus_permutation_test` of several measures of the same articles (group numbers
    ``labels``): the relabellings are enumerated or drawn once and applied to each measure,
    which gives each measure the result it gets on its own."""
    n_groups = int(labels.max()) + 1
    sizes = np.bincount(labels, minlength=n_groups).astype("float64")
    n_relabel = math.factorial(len(labels))
    for size in sizes:
        n_relabel //= math.factorial(int(size))
    exact = n_relabel <= n_permutations
    if exact:
        perm_labels = _assignments([int(size) for size in sizes])
        perms = [_ssb(x, perm_labels, sizes) for x in columns]
    else:
        # the group sums of every measure at once (draws x groups x measures)
        blocks = [(group_sums**2 / sizes[None, :, None]).sum(axis=1)
                  for group_sums in _relabelled_group_sums(np.column_stack(columns), labels, n_permutations, seed)]
        totals = np.concatenate(blocks)
        perms = [totals[:, j] - x.sum() ** 2 / len(x) for j, x in enumerate(columns)]
    results = []
    for x, perm in zip(columns, perms):
        observed = float(_ssb(x, labels, sizes))
        sst = float(((x - x.mean()) ** 2).sum())
        hits = int(_tail(perm, observed, "greater").sum())
        results.append({
            "n_groups": n_groups,
            "n_articles": int(len(x)),
            "ssb": observed,
            "eta_squared": observed / sst if sst > 0 else float("nan"),
            "p_value": float(hits / len(perm) if exact else (1 + hits) / (1 + len(perm))),
            "n_permutations": int(len(perm)),
            "exact": exact,
        })
    return results


def omnibus_tests(
    table: pd.DataFrame,
    measures: str | Sequence[str],
    *,
    by: str = "source",
    n_permutations: int = 10_000,
    seed: int = 0,
) -> pd.DataFrame:
    """:func:`omnibus_permutation_test` for each measure, with Holm and BH across the measures.

    Args:
        table, measures, by: As in :func:`pairwise_tests`.
        n_permutations: See :func:`omnibus_permutation_test`.
        seed: Seed of each test's generator (``default_rng(seed)`` afresh per measure).

    Returns:
        A tidy table ``measure, n_groups, n_articles, ssb, eta_squared, p_value, p_holm,
        p_bh, n_permutations, exact``, one row per measure (the family for the adjustments).
        Articles with NaN in a measure are left out of its test.
    """
    measures = _measures(measures)
    _check_table(table, measures, by)
    check_permutations(n_permutations)
    # Measures that miss the same articles are tested together: one set of draws for all.
    found: dict[str, dict] = {}
    batches: dict[bytes, list[str]] = {}
    for measure in measures:
        ok = (table[measure].notna() & table[by].notna()).to_numpy()
        n_groups = table.loc[ok, by].nunique()
        if n_groups < 2:
            # e.g. an actor only one source mentions: nothing to compare, so no test (NaN p)
            found[measure] = {"n_groups": n_groups, "n_articles": int(ok.sum()), "ssb": float("nan"),
                              "eta_squared": float("nan"), "p_value": float("nan"), "n_permutations": 0, "exact": False}
        else:
            batches.setdefault(ok.tobytes(), []).append(measure)
    for batch in batches.values():
        ok = (table[batch[0]].notna() & table[by].notna()).to_numpy()
        _names, labels = np.unique(table.loc[ok, by].to_numpy(dtype=object).astype(str), return_inverse=True)
        columns = [table.loc[ok, m].to_numpy(dtype="float64") for m in batch]
        found.update(zip(batch, _omnibus_tests(columns, labels, n_permutations=n_permutations, seed=seed)))
    rows = [{"measure": measure, **found[measure]} for measure in measures]
    out = pd.DataFrame(rows, columns=["measure", "n_groups", "n_articles", "ssb", "eta_squared", "p_value",
                                      "n_permutations", "exact"])
    return _omnibus_adjusted(out)


def _omnibus_adjusted(out: pd.DataFrame) -> pd.DataFrame:
    """The omnibus rows with ``p_holm`` and ``p_bh`` over the tested measures (the family), in table order."""
    out = out.drop(columns=["p_holm", "p_bh"], errors="ignore").reset_index(drop=True)
    tested = out["p_value"].notna().to_numpy()
    p_holm = np.full(len(out), np.nan)
    p_bh = np.full(len(out), np.nan)
    p_holm[tested] = holm(out.loc[tested, "p_value"].to_numpy())
    p_bh[tested] = benjamini_hochberg(out.loc[tested, "p_value"].to_numpy())
    out.insert(6, "p_holm", p_holm)
    out.insert(7, "p_bh", p_bh)
    return out.astype({"n_groups": "int64", "n_articles": "int64", "n_permutations": "int64", "exact": "bool"})


# ---------------------------------------------------------------------------------------------
# One-sample test against a reference value (stance against neutral)
# ---------------------------------------------------------------------------------------------


def sign_flip_test(
    values: Sequence[float] | np.ndarray,
    *,
    null: float = 0.0,
    n_permutations: int = 10_000,
    seed: int = 0,
) -> dict[str, float | int | bool]:
    """Two-sided sign-flip permutation test that the values are centred on ``null``.

    Under the null hypothesis each deviation ``x - null`` is as likely positive as negative, so
    flipping signs at random gives its distribution. With at most ``n_permutations`` sign
    patterns (``2**n``) all are enumerated and ``p`` is the share with ``|sum| >= |observed
    sum|``; otherwise ``n_permutations`` random patterns are drawn
    (``numpy.random.default_rng(seed).integers(0, 2, size=(B, n))``, in blocks) and
    ``p = (1 + b) / (1 + B)``. ``scipy.stats.permutation_test(..., permutation_type="samples")``
    gives the same p-value for the enumerated case (a test checks it).

    Args:
        values: One value per article (NaN left out).
        null: The reference value (0 = neutral stance).
        n_permutations: Monte Carlo draws, and the most sign patterns enumerated.
        seed: Seed of the generator (Monte Carlo only).

    Returns:
        ``n, mean, p_value, n_permutations, exact``; ``p_value`` NaN for no values.

    Example:
        >>> r = sign_flip_test([0.5, 0.4, 0.3])
        >>> r["exact"], r["n_permutations"], r["p_value"]
        (True, 8, 0.25)
    """
    x = np.asarray(values, dtype="float64")
    x = x[~np.isnan(x)] - null
    check_permutations(n_permutations)
    n = len(x)
    if n == 0:
        return {"n": 0, "mean": float("nan"), "p_value": float("nan"), "n_permutations": 0, "exact": False}
    observed = abs(float(x.sum()))
    tol = _TOL * max(1.0, observed)
    if n < 63 and 2**n <= n_permutations:
        signs = ((np.arange(2**n)[:, None] >> np.arange(n)) & 1) * 2 - 1
        sums = np.abs(signs @ x)
        p = float((sums >= observed - tol).sum() / len(sums))
        return {"n": n, "mean": float(x.mean() + null), "p_value": p, "n_permutations": int(len(sums)), "exact": True}
    rng = np.random.default_rng(seed)
    rows = max(1, BLOCK_ELEMENTS // n)
    hits = 0
    for start in range(0, n_permutations, rows):
        signs = rng.integers(0, 2, size=(min(rows, n_permutations - start), n), dtype=np.int8) * 2 - 1
        hits += int((np.abs(signs @ x) >= observed - tol).sum())
    return {"n": n, "mean": float(x.mean() + null), "p_value": (1 + hits) / (1 + n_permutations),
            "n_permutations": int(n_permutations), "exact": False}


# ---------------------------------------------------------------------------------------------
# Length-aware rates: a ratio estimator per source
# ---------------------------------------------------------------------------------------------


RATE_COLUMNS = ["n_articles", "n_words", "rate", "ci_low", "ci_high", "rest_rate", "diff", "diff_low", "diff_high",
                "p_value", "n_permutations", "exact", "small_n", "design"]


def _group_seed(seed: int, name: object) -> np.random.Generator:
    """A generator that depends only on the seed and the group's name (not on the other groups)."""
    return np.random.default_rng([int(seed), zlib.crc32(str(name).encode("utf-8"))])


def _boot_sums(y: np.ndarray, w: np.ndarray, n_boot: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n_boot`` resampled totals of ``y`` and ``w`` (articles drawn with replacement), in blocks."""
    n = len(y)
    out_y, out_w = np.empty(n_boot), np.empty(n_boot)
    rows = max(1, BLOCK_ELEMENTS // max(n, 1))
    for start in range(0, n_boot, rows):
        r = min(rows, n_boot - start)
        idx = rng.integers(0, n, size=(r, n))
        out_y[start : start + r] = y.take(idx).sum(axis=1)
        out_w[start : start + r] = w.take(idx).sum(axis=1)
    return out_y, out_w


def rate_comparison(
    table: pd.DataFrame,
    count: str,
    words: str,
    *,
    by: str = "source",
    per: float = 1000.0,
    n_boot: int = 10_000,
    n_permutations: int = 10_000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Each source's rate as a ratio estimator, compared with all other articles (length-aware).

    The rate of a source is ``per * sum(count) / sum(words)`` over its articles: every word
    weighs the same, so a 60-word article counts for 60 words and a 2,000-word one for 2,000
    (the mean of per-article rates would weigh them alike). Intervals come from a percentile
    bootstrap over articles: each source's articles are resampled with a generator seeded by
    ``(seed, crc32(source))``, so a source's interval does not depend on the other sources;
    "the rest" is resampled source by source (stratified), and the difference's interval is
    the quantiles of ``rate - rest_rate`` over the same draws. The p-value is a permutation
    test of the difference of the two ratios: the source's articles are a random subset of
    all articles of its size (exact enumeration when there are at most ``n_permutations``
    subsets; otherwise ``(1 + b) / (1 + B)`` with the draws of :func:`permutation_test`).

    Args:
        table: One row per article with ``by``, ``count`` and ``words``.
        count: Column of matches per article (e.g. ``loaded_n``).
        words: Column of words per article (e.g. ``n_tokens``); rows with 0 words are left out.
        by: Grouping column.
        per: Scale of the rate (1,000 words).
        n_boot: Bootstrap resamples.
        n_permutations: See :func:`permutation_test`.
        level: Interval coverage.
        seed: Seed.

    Returns:
        ``<by>`` and :data:`RATE_COLUMNS`, one row per source (sorted); intervals NaN for a
        source (or a rest) with fewer than :data:`MIN_ARTICLES_FOR_INTERVAL` articles
        (``small_n``); such a source is still resampled as a stratum of the other sources' rest, so
        that it does not take the intervals of the others away. ``design`` is ``"all articles"``.
    """
    _check_table(table, [count, words], by)
    check_boot(n_boot, level)
    check_permutations(n_permutations)
    ok = (table[words] > 0) & table[count].notna() & table[by].notna()
    data = table.loc[ok, [by, count, words]]
    labels = data[by].astype(str).to_numpy()
    y_all = data[count].to_numpy(dtype="float64")
    w_all = data[words].to_numpy(dtype="float64")
    groups = sorted(set(labels))
    # every source is resampled as a stratum of the others' rest; only one with enough articles gets an interval of
    # its own (a source of one article left out of the rest used to leave every other source without an interval)
    boot: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for g in groups:
        m = labels == g
        boot[g] = _boot_sums(y_all[m], w_all[m], n_boot, _group_seed(seed, g))
    q = [(1 - level) / 2, (1 + level) / 2]
    rows = []
    for g in groups:
        m = labels == g
        n_a, n_b = int(m.sum()), int((~m).sum())
        ya, wa, yb, wb = y_all[m].sum(), w_all[m].sum(), y_all[~m].sum(), w_all[~m].sum()
        rate = per * ya / wa
        rest = per * yb / wb if n_b else float("nan")
        small = n_a < MIN_ARTICLES_FOR_INTERVAL or n_b < MIN_ARTICLES_FOR_INTERVAL
        lo = hi = dlo = dhi = float("nan")
        if n_a >= MIN_ARTICLES_FOR_INTERVAL:
            r = per * boot[g][0] / boot[g][1]
            lo, hi = (float(v) for v in np.quantile(r, q))
            if not small:
                others = [h for h in groups if h != g]
                rest_r = per * sum(boot[h][0] for h in others) / sum(boot[h][1] for h in others)
                dlo, dhi = (float(v) for v in np.quantile(r - rest_r, q))
        p, n_perm, exact = _ratio_permutation(y_all, w_all, m, n_permutations, seed) if n_b else (float("nan"), 0, False)
        rows.append((g, n_a, int(wa), rate, lo, hi, rest, rate - rest, dlo, dhi, p, n_perm, exact,
                     n_a < MIN_ARTICLES_FOR_INTERVAL, "all articles"))
    out = pd.DataFrame(rows, columns=[by, *RATE_COLUMNS])
    return out.astype({"n_articles": "int64", "n_words": "int64", "n_permutations": "int64", "exact": "bool",
                       "small_n": "bool"})


def _ratio_permutation(y: np.ndarray, w: np.ndarray, mask: np.ndarray, n_permutations: int, seed: int) -> tuple[float, int, bool]:
    """Permutation p-value (two-sided) of ``sum_a y / sum_a w - sum_b y / sum_b w`` for the split ``mask``."""
    n, na = len(y), int(mask.sum())
    ty, tw = y.sum(), w.sum()

    def diff(sy, sw):
        with np.errstate(divide="ignore", invalid="ignore"):
            return sy / sw - (ty - sy) / (tw - sw)

    observed = float(diff(y[mask].sum(), w[mask].sum()))
    if math.comb(n, na) <= n_permutations:
        idx = np.array(list(itertools.combinations(range(n), na)), dtype=np.intp)
        perm = diff(y.take(idx).sum(axis=1), w.take(idx).sum(axis=1))
        hits = int(_tail(perm, observed, "two-sided").sum())
        return hits / len(perm), len(perm), True
    k = min(na, n - na)
    hits = 0
    # Whole numbers (counts of matches and words) add up exactly in any order: then both totals of
    # each draw come from one sparse product (a third of the time of gathering and summing twice).
    exact_sums = bool(np.all(np.floor(y) == y) and np.all(np.floor(w) == w)
                      and np.abs(y).sum() < 2**53 and np.abs(w).sum() < 2**53)
    both = np.column_stack([y, w]) if exact_sums else None
    for rows in _draw_blocks("subset", n, k, n_permutations, seed):
        if exact_sums:
            sums = _subset_sums(rows, both)
            sy, sw = sums[:, 0], sums[:, 1]
        else:
            sy, sw = y.take(rows).sum(axis=1), w.take(rows).sum(axis=1)
        if k != na:
            sy, sw = ty - sy, tw - sw
        hits += int(_tail(diff(sy, sw), observed, "two-sided").sum())
    return (1 + hits) / (1 + n_permutations), n_permutations, False


def sign_flip_tests(
    table: pd.DataFrame,
    measures: str | Sequence[str],
    *,
    by: str = "source",
    null: float = 0.0,
    n_permutations: int = 10_000,
    seed: int = 0,
) -> pd.DataFrame:
    """:func:`sign_flip_test` of each measure within each group (e.g. each source's stance toward each actor).

    Returns:
        ``<by>, measure, n, mean, p_value, n_permutations, exact``, by measure then group;
        articles with NaN are left out, and groups without values get no row.
    """
    measures = _measures(measures)
    _check_table(table, measures, by)
    rows = []
    for measure in measures:
        for group, frame in table.groupby(by, sort=True):
            x = frame[measure].to_numpy(dtype="float64")
            x = x[~np.isnan(x)]
            if len(x):
                rows.append({by: group, "measure": measure,
                             **sign_flip_test(x, null=null, n_permutations=n_permutations, seed=seed)})
    out = pd.DataFrame(rows, columns=[by, "measure", "n", "mean", "p_value", "n_permutations", "exact"])
    return out.astype({"n": "int64", "n_permutations": "int64", "exact": "bool"})


# ---------------------------------------------------------------------------------------------
# Every comparison of the sources at once, on several processes
# ---------------------------------------------------------------------------------------------


PARALLEL_MIN_DRAWS = 100_000_000  # below this many article-resamples (weighted) source_statistics stays in one process
# The CPU time of each kind of task per article, per permutation and per bootstrap draw, each a constant plus a
# part per measure of the task, in units of one article's permutation in the omnibus test (about 15 ns): (permutation,
# permutation per measure, draw, draw per measure). Measured on notebook 04's table of the 20,000-article synthetic
# corpus, one task at a time (a batch of 16 measures and 8 of one). It sets the order in which the tasks are handed
# out, longest first, so that no long task is left for one process while the other waits (event_comparison, weighted
# by its draws of n_permutations where it makes event_permutations, had come last and run 3 s alone).
_TASK_COST = {"_tests_and_omnibus": (1.0, 0.027, 0.0, 0.0), "group_summary": (0.0, 0.0, 0.15, 0.093),
              "sign_flip_tests": (0.27, 0.0, 0.0, 0.0), "rate_comparison": (1.3, 0.0, 0.09, 0.0),
              "event_comparison": (4.1, 0.0, 0.22, 0.0)}


def _tests_and_omnibus(table: pd.DataFrame, measures: list[str], **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`pairwise_tests` of each source against the rest and :func:`omnibus_tests`, from one pass over the draws.

    With one source there is no rest to test it against: no pairwise rows (and :func:`omnibus_tests`
    gives its rows without a p-value)."""
    if table[options["by"]].dropna().nunique() < 2:
        return _pairwise_table([]), omnibus_tests(table, measures, **options)
    with _sharing_relabellings():
        return pairwise_tests(table, measures, compare="rest", **options), omnibus_tests(table, measures, **options)


def _task(name: str, table: pd.DataFrame, args: tuple, options: dict) -> pd.DataFrame | tuple[pd.DataFrame, ...]:
    """One part of :func:`source_statistics`, in a worker process."""
    if name == "event_comparison":
        from analysis.compare.events import event_comparison

        return event_comparison(table, *args, **options)
    return globals()[name](table, *args, **options)


def source_statistics(
    table: pd.DataFrame,
    measures: Sequence[str],
    *,
    stance_measures: Sequence[str] = (),
    by: str = "source",
    count: str | None = None,
    words: str | None = None,
    event: str | None = None,
    min_sources: int = 2,
    n_boot: int = 10_000,
    n_permutations: int = 10_000,
    event_permutations: int = 2_000,
    seed: int = 0,
    workers: int = 1,
) -> dict[str, pd.DataFrame | None]:
    """The statistics of notebook 04 in one call, shared among ``workers`` processes on a large table.

    Computes :func:`group_summary` and :func:`omnibus_tests` of ``measures``, :func:`pairwise_tests`
    of each source against the rest, :func:`rate_comparison` of ``count`` over ``words``,
    :func:`analysis.compare.events.event_comparison` within the ``event`` column (its bootstrap
    with ``n_boot``, its permutations ``event_permutations``) and :func:`sign_flip_tests` of
    ``stance_measures``, all with ``seed``.

    Each table is exactly the one the function returns when called alone, whatever ``workers``
    (a test checks it): the work is split by function and, within a function, by the measures
    that miss the same articles, which the function draws for together anyway (every test and
    bootstrap starts its own generator from ``seed``); the parts are put back in the order of
    the measures, and the omnibus tests' Holm and Benjamini-Hochberg adjustments are made over
    all measures once the parts are back. With ``workers`` 1, or fewer than
    :data:`PARALLEL_MIN_DRAWS` article-resamples in all, everything runs in this process (a
    worker process costs more than it saves on a small corpus).

    Args:
        table: One row per article with ``by`` and the measure columns.
        measures: Columns summarised and tested between sources.
        stance_measures: Columns tested against 0 within each source (sign-flip tests).
        by: Source column.
        count, words: Matches and words per article for the length-aware rates (None: no rates).
        event: Event column for the same-event comparison (None: none).
        min_sources: See :func:`analysis.compare.events.event_comparison`.
        n_boot, n_permutations, event_permutations, seed: As in each function.
        workers: Processes that share the work (2 on a 2-core machine).

    Returns:
        ``{"summary", "tests", "omnibus", "rates", "same_events", "stance_tests"}``; ``rates``
        is None without ``count``/``words``, ``same_events`` None without ``event``. With one source,
        ``tests`` has no rows and the tests between sources (``omnibus``, the rates' and the same
        events' differences) no p-values: there is no other source to compare it with.
    """
    measures, stance_measures = list(measures), list(stance_measures)
    _check_table(table, [*measures, *stance_measures], by)
    if not (isinstance(workers, (int, np.integer)) and workers >= 1):
        raise ValueError(f"workers={workers!r} must be a whole number >= 1 (the processes that share the work).")
    both = {"n_permutations": n_permutations, "seed": seed}
    # the measures that miss the same articles: each function draws for them together
    batches: dict[bytes, list[str]] = {}
    for m in measures:
        batches.setdefault(table[m].notna().to_numpy().tobytes(), []).append(m)
    # (result, or results of a function that returns several; function, columns, args, options)
    tasks: list[tuple[str | tuple[str, ...], str, list[str], tuple, dict]] = []
    for batch in batches.values():
        tasks.append(("summary", "group_summary", batch, (batch,), {"by": by, "n_boot": n_boot, "seed": seed}))
        tasks.append((("tests", "omnibus"), "_tests_and_omnibus", batch, (batch,), {"by": by, **both}))
    for m in stance_measures:
        tasks.append(("stance_tests", "sign_flip_tests", [m], ([m],), {"by": by, **both}))
    if count is not None and words is not None:
        tasks.append(("rates", "rate_comparison", [count, words], (count, words), {"by": by, "n_boot": n_boot, **both}))
        if event is not None:
            tasks.append(("same_events", "event_comparison", [count, words, event], (count, words),
                          {"by": by, "event": event, "min_sources": min_sources, "n_boot": n_boot,
                           "n_permutations": event_permutations, "seed": seed}))

    def cost(task) -> float:
        _key, name, columns, args, _options = task
        rows = int(table[columns].notna().all(axis=1).sum())
        per_permutation, per_measure, per_draw, per_draw_measure = _TASK_COST[name]
        k = len(args[0]) if isinstance(args[0], list) else 1  # the measures of a batch; rates: one
        permutations = event_permutations if name == "event_comparison" else n_permutations
        return rows * ((per_permutation + per_measure * k) * permutations + (per_draw + per_draw_measure * k) * n_boot)

    costs = [cost(t) for t in tasks]
    parts: list[pd.DataFrame | None] = [None] * len(tasks)
    if workers == 1 or sum(costs) < PARALLEL_MIN_DRAWS:
        for k, (_key, name, columns, args, options) in enumerate(tasks):
            parts[k] = _task(name, table[[by, *columns]], args, options)
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(workers, len(tasks))) as pool:
            futures = {k: pool.submit(_task, tasks[k][1], table[[by, *tasks[k][2]]], tasks[k][3], tasks[k][4])
                       for k in sorted(range(len(tasks)), key=lambda k: -costs[k])}  # longest first
            for k, future in futures.items():
                parts[k] = future.result()
    out: dict[str, pd.DataFrame | None] = {"rates": None, "same_events": None}
    for key, in_order in (("summary", measures), ("tests", measures), ("omnibus", measures),
                          ("stance_tests", stance_measures)):
        found = [p if k == key else p[k.index(key)] for (k, *_rest), p in zip(tasks, parts)
                 if k == key or (isinstance(k, tuple) and key in k)]
        if not found and key == "tests":
            found = [_pairwise_table([])]
        elif not found:
            found = [_task({"summary": "group_summary", "omnibus": "omnibus_tests", "stance_tests": "sign_flip_tests"}[key],
                           table[[by]], ([],), {"by": by, **({"n_boot": n_boot, "seed": seed} if key == "summary" else both)})]
        joined = pd.concat(found, ignore_index=True)
        # the rows of each measure where the function puts them: by measure in the given order (stable)
        position = {m: i for i, m in enumerate(in_order)}
        joined = joined.iloc[np.argsort(joined["measure"].map(position).to_numpy(), kind="stable")].reset_index(drop=True)
        out[key] = _omnibus_adjusted(joined) if key == "omnibus" else joined
    for key in ("rates", "same_events"):
        out.update({key: p for (k, *_rest), p in zip(tasks, parts) if k == key})
    return out

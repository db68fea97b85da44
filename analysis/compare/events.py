"""Group articles into events and compare sources within the events they both covered.

A difference between sources can simply reflect which stories each covered: an outlet that
reports battles uses more loaded language than one that reports summits, whatever its
framing. This module groups articles into *events* (articles close in date and in wording)
and compares a source with the others *within* events several sources covered, the design of
same-event comparisons in media-bias research:

- :func:`find_events`: articles whose word TF-IDF cosine similarity is at least ``threshold``
  and whose dates lie at most ``window_days`` apart are linked; events are the connected
  components (single linkage). Without dates, only the text links articles.
- :func:`coverage_by_event`: how differently each source spreads its articles over the
  events (total variation distance from the other sources' spread).
- :func:`event_comparison`: a source's length-aware rate against the other sources' in each
  shared event, averaged over those events; p-value from permuting source labels *within*
  events (event strata), interval from a bootstrap over events.
- :func:`simulate`: synthetic corpora where sources differ only in which events they cover,
  to check the false-positive rate of both designs (``python -m analysis.compare.events``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components
from scipy.sparse import coo_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.compare.stats import MIN_ARTICLES_FOR_INTERVAL, RATE_COLUMNS, BLOCK_ELEMENTS, check_boot, check_permutations, rate_comparison
from analysis.corpus.digest import update_with_columns

__all__ = ["CHAINED_MAX_LINKED", "CHAINED_MIN_SIZE", "LINKED_ALL_PAIRS", "LINKED_SAMPLE", "chained_events", "coverage_by_event",
           "event_comparison", "find_events", "has_dates", "simulate"]

DEFAULT_WINDOW_DAYS = 3
DEFAULT_THRESHOLD = 0.2
_UNDATED_BLOCK = 2_000  # rows of an undated corpus compared with every later row at a time
_DATED_BLOCK = 256  # rows of a dated corpus compared at a time (sorted by date)


def has_dates(corpus: pd.DataFrame) -> bool:
    """Whether any article of ``corpus`` has a date :func:`find_events` reads: without one, an event is similar wording
    alone (every pair of articles compared), with no date window.

    Example:
        >>> has_dates(pd.DataFrame({"date": ["", "2025-03-01"]})), has_dates(pd.DataFrame({"date": ["", "soon"]}))
        (True, False)
    """
    return _dates(corpus) is not None


def _dates(corpus: pd.DataFrame) -> np.ndarray | None:
    """Days since the epoch per article (NaN where missing), or None when no article has a date."""
    if "date" not in corpus.columns:
        return None
    parsed = pd.to_datetime(corpus["date"].replace("", None), errors="coerce", utc=True, format="mixed")
    if parsed.notna().sum() == 0:
        return None
    days = (parsed - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(days=1)
    return days.to_numpy(dtype="float64", na_value=np.nan)


def find_events(
    corpus: pd.DataFrame,
    *,
    window_days: float = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    max_articles: int = 20_000,
    by: str = "source",
    cache_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Group articles into events: similar wording (TF-IDF cosine) within a date window.

    Words are scikit-learn's default tokens, lower-cased, English stop words removed,
    sublinear term frequency, IDF fitted on this corpus. Two articles are linked when their
    cosine similarity is at least ``threshold`` and, where both have a date, the dates are at
    most ``window_days`` apart; an event is a connected component of the links (single
    linkage, so a chain of similar articles forms one event). Dated articles are compared
    only with articles inside their window (sorted by date, a block at a time); an undated
    corpus compares every pair, so above ``max_articles`` undated articles it is refused.

    Args:
        corpus: The corpus table (``id``, ``text``, ``by``, optional ``date``).
        window_days: Largest date difference within an event, in days.
        threshold: Smallest cosine similarity that links two articles, in (0, 1].
        max_articles: Largest undated corpus compared pair by pair.
        by: The source column.
        cache_dir: A folder where the events are kept (``events-<key>.npz``, no pickle) and read
            back by a later call with the same articles (ids, texts, sources, dates), options and
            code: ``make`` finds them in the text-reuse step (``python -m analysis reuse
            --events-cache``), beside the scoring, for notebook 04 to read.

    Returns:
        ``id, <by>, event, event_size, event_sources, event_linked`` in corpus order; ``event``
        numbers the events 1, 2, ... by their first article in corpus order. ``event_linked`` is
        the share of the event's pairs of articles that are linked *directly* (similar enough and,
        where both are dated, close enough in date): 1 for an event of two, NaN for an article
        alone; of an event of more than :data:`LINKED_ALL_PAIRS` articles it is estimated from
        :data:`LINKED_SAMPLE` pairs drawn with a fixed seed. A large event with a low share was
        joined through chains of similar articles and may mix several stories (single linkage).
        Read back or computed, the same table.

    Raises:
        ValueError: For a bad parameter or an undated corpus above ``max_articles``.
    """
    for col in ("id", "text", by):
        if col not in corpus.columns:
            raise ValueError(f"corpus: missing column {col!r}; pass the table load_corpus() returns.")
    if not (0 < threshold <= 1):
        raise ValueError(f"threshold={threshold!r} must be in (0, 1] (e.g. {DEFAULT_THRESHOLD}).")
    if not (window_days >= 0):
        raise ValueError(f"window_days={window_days!r} must be 0 or more.")
    n = len(corpus)
    days = _dates(corpus)
    if days is None and n > max_articles:
        raise ValueError(
            f"find_events: {n:,} undated articles > max_articles={max_articles:,} (every pair would be compared); "
            "add a date column or raise max_articles.")
    if n == 0:
        return pd.DataFrame(columns=["id", by, "event", "event_size", "event_sources", "event_linked"])
    if cache_dir is not None:
        from analysis.compare.cache import cache_lock, replace_cache_file

        folder = Path(cache_dir)
        key = _events_key(corpus, by, {"window_days": float(window_days), "threshold": float(threshold),
                                       "max_articles": int(max_articles)})
        path = folder / f"{_EVENTS_PREFIX}{key}.npz"
        folder.mkdir(parents=True, exist_ok=True)
        with cache_lock(folder):  # a second process waits for the first's result instead of redoing it
            try:
                with np.load(path, allow_pickle=False) as data:
                    event, linked = data["event"].astype(np.int64), data["linked"].astype(np.float64)
            except (OSError, ValueError, KeyError):
                event = linked = None
            if event is None or len(event) != n or len(linked) != n:
                event, linked = _event_numbers(corpus, days, window_days=window_days, threshold=threshold)
                replace_cache_file(path, _EVENTS_PREFIX, lambda tmp: np.savez(tmp, event=event, linked=linked))
    else:
        event, linked = _event_numbers(corpus, days, window_days=window_days, threshold=threshold)
    out = pd.DataFrame({"id": corpus["id"].astype(str).to_numpy(), by: corpus[by].to_numpy(), "event": event})
    out["event_size"] = out.groupby("event")["id"].transform("size").astype("int64")
    out["event_sources"] = out.groupby("event")[by].transform("nunique").astype("int64")
    out["event_linked"] = linked
    return out


_EVENTS_PREFIX = "events-"


def _events_key(corpus: pd.DataFrame, by: str, options: dict) -> str:
    """A digest of everything :func:`find_events` depends on: this module's code, the options and the articles."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(json.dumps(options, sort_keys=True).encode())
    columns = [corpus["id"].astype(str), corpus["text"].astype(str), corpus[by].astype(str),
               corpus["date"].astype(str) if "date" in corpus.columns else pd.Series(["<no date column>"])]
    update_with_columns(digest, columns)
    return digest.hexdigest()[:32]


def _event_numbers(corpus: pd.DataFrame, days: np.ndarray | None, *, window_days: float,
                   threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """The event of each article in corpus order (numbered by first article) and its event's ``event_linked``, as
    :func:`find_events` describes."""
    n = len(corpus)
    try:
        x = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float32).fit_transform(corpus["text"])
    except ValueError:  # no words at all
        x = None
    rows_i, rows_j = [], []
    if x is not None:
        order = np.arange(n) if days is None else np.argsort(np.nan_to_num(days, nan=-np.inf), kind="stable")
        d_sorted = None if days is None else days[order]
        xs = x[order]
        # Dated: a block's rows are compared with the columns from its first row to the end of its
        # last row's window, so a block much longer than a window would multiply pairs the date test
        # throws away (each value does not depend on the block).
        block = max(1, min(n, _UNDATED_BLOCK if days is None else _DATED_BLOCK))
        for r0 in range(0, n, block):
            r1 = min(n, r0 + block)
            if d_sorted is None or np.isnan(d_sorted[r0:r1]).any():
                c1 = n
            else:
                c1 = int(np.searchsorted(d_sorted, d_sorted[r1 - 1] + window_days, side="right"))
            sim = (xs[r0:r1] @ xs[r0:c1].T).tocoo()
            keep = (sim.data >= threshold - 1e-6) & (sim.col > sim.row + 0)
            i, j = sim.row[keep] + r0, sim.col[keep] + r0
            keep2 = j > i
            i, j = i[keep2], j[keep2]
            if d_sorted is not None:
                di, dj = d_sorted[i], d_sorted[j]
                close = np.isnan(di) | np.isnan(dj) | (np.abs(di - dj) <= window_days)
                i, j = i[close], j[close]
            if len(i):
                a, b = _spanning_forest(order[i], order[j])
                rows_i.append(a)
                rows_j.append(b)
    ii = np.concatenate(rows_i) if rows_i else np.zeros(0, dtype=np.int64)
    jj = np.concatenate(rows_j) if rows_j else np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(ii), dtype=np.int8), (ii, jj)), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    # number events by their first article in corpus order
    first = {}
    for c in comp:
        first.setdefault(int(c), len(first) + 1)
    event = np.array([first[int(c)] for c in comp], dtype=np.int64)
    return event, _linked_share(x, days, event, window_days=window_days, threshold=threshold)


LINKED_ALL_PAIRS = 32  # events up to this many articles: every pair is looked at for event_linked
LINKED_SAMPLE = 500  # pairs drawn (fixed seed) from a larger event for event_linked
_LINKED_CHUNK = 20_000  # pairs compared at a time


def _linked_share(x, days: np.ndarray | None, event: np.ndarray, *, window_days: float,
                  threshold: float) -> np.ndarray:
    """Per article, the share of its event's pairs of articles that are linked directly (see :func:`find_events`)."""
    n = len(event)
    share = np.full(n, np.nan)
    order = np.argsort(event, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(event[order]) != 0])
    bounds = np.r_[starts, n]
    rng = np.random.default_rng(0)
    pair_i, pair_j, owner = [], [], []
    for k in range(len(starts)):
        members = order[bounds[k]:bounds[k + 1]]
        m = len(members)
        if m == 2:
            share[members] = 1.0  # the one pair is the link that made the event
        if m <= 2:
            continue
        if m <= LINKED_ALL_PAIRS:
            a, b = np.triu_indices(m, k=1)
        else:
            a = rng.integers(0, m, LINKED_SAMPLE)
            b = (a + rng.integers(1, m, LINKED_SAMPLE)) % m  # another member than a
        pair_i.append(members[a])
        pair_j.append(members[b])
        owner.append(np.full(len(a), k))
    if not pair_i:
        return share
    ii, jj, kk = np.concatenate(pair_i), np.concatenate(pair_j), np.concatenate(owner)
    linked = np.zeros(len(ii), dtype=bool)
    if x is not None:
        for c0 in range(0, len(ii), _LINKED_CHUNK):
            c = slice(c0, c0 + _LINKED_CHUNK)
            sim = np.asarray(x[ii[c]].multiply(x[jj[c]]).sum(axis=1)).ravel()
            linked[c] = sim >= threshold - 1e-6
    if days is not None:
        di, dj = days[ii], days[jj]
        linked &= np.isnan(di) | np.isnan(dj) | (np.abs(di - dj) <= window_days)
    per_event = np.bincount(kk, weights=linked, minlength=len(starts)) / np.maximum(np.bincount(kk, minlength=len(starts)), 1)
    for k in np.unique(kk):
        share[order[bounds[k]:bounds[k + 1]]] = per_event[k]
    return share


def _spanning_forest(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Links with the same connected components as the links ``i[k] -- j[k]``, at most one per article.

    Each article is linked to the first article of its component instead: a block of a large
    event has up to block x window links (every article with every other, on templated text), which
    kept for the whole corpus took 15 GB at 100,000 synthetic articles; these stay below one per
    article of the block and its window, and the events are the same.
    """
    nodes, at = np.unique(np.concatenate([i, j]), return_inverse=True)
    m = len(i)
    graph = coo_matrix((np.ones(m, dtype=np.int8), (at[:m], at[m:])), shape=(len(nodes), len(nodes)))
    _, label = connected_components(graph, directed=False)
    first = np.full(label.max() + 1, len(nodes), dtype=np.int64)
    np.minimum.at(first, label, np.arange(len(nodes)))  # the lowest article of each component
    root = nodes[first[label]]
    other = root != nodes
    return root[other], nodes[other]


CHAINED_MIN_SIZE = 10  # an event of at least this many articles ...
CHAINED_MAX_LINKED = 0.5  # ... with fewer than this share of its pairs linked directly is said to be chained


def chained_events(events: pd.DataFrame, *, min_size: int = CHAINED_MIN_SIZE,
                   max_linked: float = CHAINED_MAX_LINKED) -> pd.DataFrame:
    """The events joined mostly through chains of similar articles, largest first.

    Single linkage joins two articles that are not alike when a chain of alike articles runs
    between them, so a large event may mix several stories (on news about one long story, or on
    templated text, nearly every article can end up in one event). An event is listed here when
    it holds at least ``min_size`` articles and fewer than ``max_linked`` of its pairs of articles
    are linked directly (``event_linked`` of :func:`find_events`).

    Returns:
        ``event, event_size, event_linked``, one row per chained event, by size (then event number).

    Example:
        >>> ev = pd.DataFrame({"event": [1] * 12 + [2] * 10, "event_size": [12] * 12 + [10] * 10,
        ...                    "event_linked": [0.2] * 12 + [0.9] * 10})
        >>> chained_events(ev).to_dict("records")
        [{'event': 1, 'event_size': 12, 'event_linked': 0.2}]
    """
    per_event = events.drop_duplicates("event")[["event", "event_size", "event_linked"]]
    chained = per_event[(per_event["event_size"] >= min_size) & (per_event["event_linked"] < max_linked)]
    return chained.sort_values(["event_size", "event"], ascending=[False, True], kind="stable").reset_index(drop=True)


def coverage_by_event(events: pd.DataFrame, *, by: str = "source", min_sources: int = 2) -> pd.DataFrame:
    """How differently each source spreads its articles over the events.

    Args:
        events: The table :func:`find_events` returns.
        by: The source column.
        min_sources: An event is *shared* when at least this many sources covered it.

    Returns:
        ``<by>, n_articles, n_events, n_shared_events, share_in_shared, coverage_distance``:
        ``share_in_shared`` is the share of the source's articles in shared events;
        ``coverage_distance`` the total variation distance between the source's spread of
        articles over events and the other sources' (0: the same mix of events, 1: no event
        in common). Sorted by source.
    """
    counts = events.groupby([by, "event"]).size().unstack(fill_value=0)
    shared_events = events.loc[events["event_sources"] >= min_sources, "event"].unique()
    rows = []
    for source in sorted(counts.index, key=str):
        mine = counts.loc[source].to_numpy(dtype="float64")
        rest = counts.drop(index=source).sum(axis=0).to_numpy(dtype="float64")
        dist = 0.5 * np.abs(mine / mine.sum() - rest / rest.sum()).sum() if rest.sum() > 0 else float("nan")
        in_shared = counts.loc[source, counts.columns.isin(shared_events)].sum()
        rows.append((source, int(mine.sum()), int((mine > 0).sum()),
                     int(((mine > 0) & counts.columns.isin(shared_events)).sum()), float(in_shared / mine.sum()), float(dist)))
    return pd.DataFrame(rows, columns=[by, "n_articles", "n_events", "n_shared_events", "share_in_shared",
                                       "coverage_distance"])


def _cell_sums(labels: np.ndarray, ev: np.ndarray, y: np.ndarray, w: np.ndarray, n_ev: int, n_src: int) -> tuple[np.ndarray, np.ndarray]:
    """Totals of ``y`` and ``w`` per (row, event, source) for a ``(B, n)`` array of source codes."""
    b = labels.shape[0]
    flat = (np.arange(b)[:, None] * n_ev + ev[None, :]) * n_src + labels
    size = b * n_ev * n_src
    sy = np.bincount(flat.ravel(), weights=np.broadcast_to(y, labels.shape).ravel(), minlength=size)
    sw = np.bincount(flat.ravel(), weights=np.broadcast_to(w, labels.shape).ravel(), minlength=size)
    return sy.reshape(b, n_ev, n_src), sw.reshape(b, n_ev, n_src)


def _within_event_diff(sy: np.ndarray, sw: np.ndarray, weight: np.ndarray, per: float) -> np.ndarray:
    """``sum_e weight_es (rate_es - rate_rest_es) / sum_e weight_es`` per row and source: ``(B, S)``."""
    ty, tw = sy.sum(axis=2, keepdims=True), sw.sum(axis=2, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = per * (sy / sw - (ty - sy) / (tw - sw))
    d = np.where(weight[None] > 0, d, 0.0)
    return (d * weight[None]).sum(axis=1) / weight.sum(axis=0)[None]


def event_comparison(
    table: pd.DataFrame,
    count: str,
    words: str,
    *,
    by: str = "source",
    event: str = "event",
    min_sources: int = 2,
    per: float = 1000.0,
    n_boot: int = 10_000,
    n_permutations: int = 2_000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Each source against the others *within* the events at least ``min_sources`` sources covered.

    In each shared event ``e`` that source ``s`` covered with at least one other source, the
    difference ``d_e = rate_s,e - rate_rest,e`` of the length-aware rates (``per *
    sum(count) / sum(words)``) is taken, and ``diff`` is their weighted mean with weights
    ``n_s,e * n_rest,e / (n_s,e + n_rest,e)`` (the Cochran-Mantel-Haenszel weights: an event
    with many articles on both sides weighs more). What the events explain (a source covering
    more violent events) cancels within each event.

    The p-value permutes the source labels *within* each shared event (the counts per source
    and event stay fixed), ``n_permutations`` times (``numpy.random.default_rng(seed)``:
    uniform keys sorted within events), two-sided, ``p = (1 + b) / (1 + B)``. The interval
    is a percentile bootstrap over the source's shared events (events drawn with
    replacement, ``default_rng(seed + 1)``); none with fewer than
    :data:`~analysis.compare.stats.MIN_ARTICLES_FOR_INTERVAL` shared events (``small_n``).

    Args:
        table: One row per article with ``by``, ``event``, ``count`` and ``words``.
        count: Matches per article (e.g. ``loaded_n``).
        words: Words per article (e.g. ``n_tokens``); rows with 0 words are left out.
        by: Source column.
        event: Event column (from :func:`find_events`).
        min_sources: Sources an event needs to count as shared.
        per: Scale of the rate.
        n_boot: Bootstrap resamples of the events.
        n_permutations: Within-event permutations.
        level: Interval coverage.
        seed: Seed.

    Returns:
        ``<by>``, :data:`~analysis.compare.stats.RATE_COLUMNS` (``n_articles`` and ``n_words`` count the
        source's articles in shared events; ``rate`` and ``rest_rate`` are the rates over the
        shared events; ``ci_low``/``ci_high`` are NaN) and ``n_events`` (shared events the
        source covered); ``design`` is ``"same events"``. One row per source; a source with no
        shared event has NaN ``diff`` and ``p_value``.
    """
    for col in (by, event, count, words):
        if col not in table.columns:
            raise ValueError(f"table: missing column {col!r} (columns are: {', '.join(map(str, table.columns))}).")
    check_boot(n_boot, level)
    check_permutations(n_permutations)
    if min_sources < 2:
        raise ValueError(f"min_sources={min_sources!r} must be 2 or more (a comparison needs two sources).")
    data = table.loc[(table[words] > 0) & table[count].notna() & table[by].notna() & table[event].notna(),
                     [by, event, count, words]]
    sources = sorted(data[by].astype(str).unique())
    n_src_ev = data.groupby(event)[by].transform("nunique")
    data = data[n_src_ev >= min_sources]
    src_names = sorted(data[by].astype(str).unique())
    rows = []
    if len(data):
        ev_names, ev = np.unique(data[event].to_numpy(), return_inverse=True)
        src = pd.Categorical(data[by].astype(str), categories=src_names).codes.astype(np.int64)
        order = np.argsort(ev, kind="stable")
        ev, src = ev[order], src[order]
        y = data[count].to_numpy(dtype="float64")[order]
        w = data[words].to_numpy(dtype="float64")[order]
        n_ev, n_src = len(ev_names), len(src_names)
        n_cell = np.zeros((n_ev, n_src))
        np.add.at(n_cell, (ev, src), 1)
        n_rest = n_cell.sum(axis=1, keepdims=True) - n_cell
        weight = np.where((n_cell > 0) & (n_rest > 0), n_cell * n_rest / np.maximum(n_cell + n_rest, 1), 0.0)
        sy, sw = _cell_sums(src[None, :], ev, y, w, n_ev, n_src)
        observed = _within_event_diff(sy, sw, weight, per)[0]
        # within-event permutations, a block of rows at a time
        rng = np.random.default_rng(seed)
        hits = np.zeros(n_src)
        tol = 1e-9 * np.maximum(1.0, np.abs(observed))
        rows_per_block = max(1, BLOCK_ELEMENTS // max(len(ev), n_ev * n_src))
        for start in range(0, n_permutations, rows_per_block):
            r = min(rows_per_block, n_permutations - start)
            keys = ev[None, :] + rng.random((r, len(ev)))
            perm = src[np.argsort(keys, axis=1, kind="stable")]
            psy, psw = _cell_sums(perm, ev, y, w, n_ev, n_src)
            hits += (np.abs(_within_event_diff(psy, psw, weight, per)) >= np.abs(observed) - tol).sum(axis=0)
        p = (1 + hits) / (1 + n_permutations)
        # bootstrap over events: multinomial counts of the events, per source
        with np.errstate(divide="ignore", invalid="ignore"):
            ty, tw = sy[0].sum(axis=1, keepdims=True), sw[0].sum(axis=1, keepdims=True)
            d_e = per * (sy[0] / sw[0] - (ty - sy[0]) / (tw - sw[0]))
        q = [(1 - level) / 2, (1 + level) / 2]
        for k, name in enumerate(src_names):
            mine = weight[:, k] > 0
            n_events = int(mine.sum())
            lo = hi = float("nan")
            if n_events >= MIN_ARTICLES_FOR_INTERVAL:
                de, we = d_e[mine, k], weight[mine, k]
                brng = np.random.default_rng([int(seed) + 1, k])
                counts = brng.multinomial(n_events, np.full(n_events, 1 / n_events), size=n_boot)
                boot = (counts @ (de * we)) / (counts @ we)
                lo, hi = (float(v) for v in np.quantile(boot, q))
            in_shared = src == k
            in_mine = in_shared & np.isin(ev, np.flatnonzero(mine))
            rest_mask = ~in_shared & np.isin(ev, np.flatnonzero(mine))
            rate = per * y[in_mine].sum() / w[in_mine].sum() if in_mine.any() else float("nan")
            rest = per * y[rest_mask].sum() / w[rest_mask].sum() if rest_mask.any() else float("nan")
            diff = float(observed[k]) if n_events else float("nan")
            rows.append((name, int(in_mine.sum()), int(w[in_mine].sum()), rate, float("nan"), float("nan"), rest, diff,
                         lo, hi, float(p[k]) if n_events else float("nan"), n_permutations if n_events else 0, False,
                         n_events < MIN_ARTICLES_FOR_INTERVAL, "same events", n_events))
    done = {r[0] for r in rows}
    for name in sources:
        if name not in done:
            rows.append((name, 0, 0, float("nan"), float("nan"), float("nan"), float("nan"), float("nan"), float("nan"),
                         float("nan"), float("nan"), 0, False, True, "same events", 0))
    out = pd.DataFrame(rows, columns=[by, *RATE_COLUMNS, "n_events"]).sort_values(by, key=lambda s: s.astype(str))
    return out.reset_index(drop=True).astype({"n_articles": "int64", "n_words": "int64", "n_permutations": "int64",
                                              "exact": "bool", "small_n": "bool", "n_events": "int64"})


# ---------------------------------------------------------------------------------------------
# Simulation check
# ---------------------------------------------------------------------------------------------


def simulate_corpus(
    rng: np.random.Generator,
    *,
    n_events: int = 40,
    sources: Sequence[str] = ("A", "B", "C"),
    articles_per_source_event: float = 2.0,
    event_sd: float = 0.6,
    base_rate: float = 10.0,
    effect: float = 0.0,
) -> pd.DataFrame:
    """One synthetic table where sources differ only in which events they cover (plus ``effect``).

    Each event has a rate of ``base_rate * exp(N(0, event_sd))`` matches per 1,000 words.
    Source ``k`` of ``S`` covers event ``e`` with probability rising (source 0) or falling
    (the last source) with the event's rate rank, so the first source covers the
    heavily-worded events more often; a covered event gets ``1 + Poisson(m - 1)`` articles
    (``m = articles_per_source_event``) of 150-1,500 words; counts are Poisson with the
    event's rate, times ``1 + effect`` for the first source.

    Returns:
        ``source, event, loaded_n, n_tokens`` per article.
    """
    rates = base_rate * np.exp(rng.normal(0, event_sd, n_events))
    rank = (np.argsort(np.argsort(rates)) + 0.5) / n_events  # 0..1, high = heavily worded
    rows = []
    n_s = len(sources)
    for k, source in enumerate(sources):
        tilt = 1 - 2 * k / max(n_s - 1, 1)  # +1 for the first source, -1 for the last
        p_cover = np.clip(0.5 + 0.45 * tilt * (2 * rank - 1), 0.02, 0.98)
        for e in np.flatnonzero(rng.random(n_events) < p_cover):
            for _ in range(1 + rng.poisson(articles_per_source_event - 1)):
                words = int(rng.integers(150, 1501))
                lam = rates[e] * words / 1000 * (1 + effect if k == 0 else 1)
                rows.append((source, int(e), int(rng.poisson(lam)), words))
    return pd.DataFrame(rows, columns=["source", "event", "loaded_n", "n_tokens"])


def simulate(
    *,
    n_sims: int = 200,
    effects: Sequence[float] = (0.0, 0.3),
    alpha: float = 0.05,
    n_permutations: int = 199,
    seed: int = 0,
    **corpus_args,
) -> pd.DataFrame:
    """Rejection rates of the first source's comparison with and without events, over synthetic corpora.

    Args:
        n_sims: Corpora per effect.
        effects: Planted relative differences of the first source (0: none, the false-positive
            rate; > 0: the power).
        alpha: Significance level.
        n_permutations: Permutations per test.
        seed: Seed of the corpora and the tests.
        **corpus_args: Passed to :func:`simulate_corpus`.

    Returns:
        ``effect, design, n_sims, rejected, rate`` with ``design`` ``"all articles"`` (the
        source against the rest, events ignored) and ``"same events"`` (:func:`event_comparison`).
    """
    rng = np.random.default_rng(seed)
    out = []
    for effect in effects:
        rejected = {"all articles": 0, "same events": 0}
        for i in range(n_sims):
            table = simulate_corpus(rng, effect=effect, **corpus_args)
            first = sorted(table["source"].unique())[0]
            naive = rate_comparison(table, "loaded_n", "n_tokens", n_boot=1, n_permutations=n_permutations, seed=i)
            aware = event_comparison(table, "loaded_n", "n_tokens", n_boot=1, n_permutations=n_permutations, seed=i)
            for design, res in (("all articles", naive), ("same events", aware)):
                p = float(res.loc[res["source"] == first, "p_value"].iloc[0])
                rejected[design] += int(p <= alpha)
        for design, k in rejected.items():
            out.append((effect, design, n_sims, k, k / n_sims))
    return pd.DataFrame(out, columns=["effect", "design", "n_sims", "rejected", "rate"])


def simulation_markdown(result: pd.DataFrame, *, alpha: float, command: str) -> str:
    """The simulation result as the Markdown table that docs/methods.md carries."""
    from scipy.stats import binomtest

    lines = [f"<!-- simulation: regenerated by `{command}` -->",
             "| planted difference | design | corpora | rejected at alpha = " + f"{alpha:g}" + " | rate | 95% interval |",
             "| ---: | --- | ---: | ---: | ---: | ---: |"]
    for r in result.itertuples(index=False):
        ci = binomtest(int(r.rejected), int(r.n_sims)).proportion_ci(confidence_level=0.95)  # Clopper-Pearson
        lines.append(f"| {r.effect:+.0%} | {r.design} | {r.n_sims} | {r.rejected} | {r.rate:.3f} | "
                     f"{ci.low:.3f}-{ci.high:.3f} |")
    lines.append("<!-- /simulation -->")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.compare.events",
        description="Simulation check of the source comparison with and without events (docs/methods.md).",
        epilog="Example: python -m analysis.compare.events --write docs/methods.md")
    parser.add_argument("--n-sims", type=int, default=1000, help="synthetic corpora per planted difference (1000)")
    parser.add_argument("--effect", type=float, default=0.3, help="planted relative difference of the first source (0.3)")
    parser.add_argument("--n-permutations", type=int, default=199, help="permutations per test (199)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", metavar="MD", help="replace the simulation table between its markers in this file")
    args = parser.parse_args(argv)
    alpha = 0.05
    result = simulate(n_sims=args.n_sims, effects=(0.0, args.effect), alpha=alpha,
                      n_permutations=args.n_permutations, seed=args.seed)
    command = ("python -m analysis.compare.events" + (f" --n-sims {args.n_sims}" if args.n_sims != 1000 else "")
               + (f" --effect {args.effect}" if args.effect != 0.3 else "")
               + (f" --n-permutations {args.n_permutations}" if args.n_permutations != 199 else "")
               + (f" --seed {args.seed}" if args.seed else "") + (f" --write {args.write}" if args.write else ""))
    table = simulation_markdown(result, alpha=alpha, command=command)
    print(table)
    if args.write:
        from pathlib import Path

        path = Path(args.write)
        text = path.read_text(encoding="utf-8")
        start = text.find("<!-- simulation:")
        end = text.find("<!-- /simulation -->")
        if start < 0 or end < 0:
            print(f"error: {path} has no <!-- simulation: --> ... <!-- /simulation --> markers to replace", file=sys.stderr)
            return 1
        path.write_text(text[:start] + table + text[end + len("<!-- /simulation -->"):], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

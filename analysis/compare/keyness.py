"""Distinctive words per group: weighted log-odds ratios with an informative Dirichlet prior ("Fightin' Words").

Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", *Political Analysis* 16(4), 372-403,
doi:10.1093/pan/mpn018. Each group is compared with all other groups pooled (one against the
rest), for any number of groups. For term ``w``, target group ``i`` and reference ``j`` (the rest),
with counts ``y``, group totals ``n`` and prior pseudo-counts ``a_w`` summing to ``a0``:

    delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
    var_w   = 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
    z_w     = delta_w / sqrt(var_w)

(their equations 16, 20 and 22). ``z`` is the score to rank and compare terms by; ``|z| > 1.96``
is the authors' rough guide for a distinctive term, not a corrected significance test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.text.tokens import sentences, token_norms, tokenize

__all__ = ["ARTICLE_KEYNESS_COLUMNS", "KEYNESS_COLUMNS", "article_keyness", "keyness", "term_counts"]

KEYNESS_COLUMNS = ["term", "log_odds", "z", "score", "n_target", "n_reference"]


def _has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def term_counts(
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    stop_words: Iterable[str] | None = ENGLISH_STOP_WORDS,
    bigrams: bool = False,
    min_length: int = 2,
) -> pd.DataFrame:
    """Count terms per group, ready for :func:`keyness`.

    Words are the tokens of :func:`analysis.text.tokens.tokenize`, lower-cased, typography made plain,
    possessive ``'s`` dropped. Tokens without a letter (numbers) and tokens shorter than
    ``min_length`` are left out, and so are stop words. A bigram is two such words that are
    adjacent in the text, in the same sentence, with only a space or a hyphen between them
    (so a stop word or punctuation between two words breaks the pair).

    Args:
        corpus: The corpus table (``id``, ``text`` and the ``by`` column).
        by: The grouping column (``"source"``, ``"id"`` or any other corpus column).
        stop_words: Words to leave out (lower case); default scikit-learn's
            ``ENGLISH_STOP_WORDS``; ``None`` or ``()`` keeps every word.
        bigrams: Also count bigrams (as ``"word word"``).
        min_length: The shortest word kept, in characters.

    Returns:
        A tidy table ``<by>, term, n`` (``n`` > 0), sorted by ``<by>`` then ``term``.

    Raises:
        ValueError: When a needed column is missing.

    Example:
        >>> c = pd.DataFrame({"id": ["a"], "source": ["s"], "text": ["The talks, the talks!"]})
        >>> term_counts(c).to_dict("records")
        [{'source': 's', 'term': 'talks', 'n': 2}]
    """
    missing = [c for c in dict.fromkeys(["id", "text", by]) if c not in corpus.columns]
    if missing:
        raise ValueError(
            f"corpus: missing column(s) {', '.join(missing)} (columns are: {', '.join(map(str, corpus.columns))}); "
            f"pass by= an existing grouping column."
        )
    stop = frozenset(w.lower() for w in (stop_words or ()))
    if not bigrams:
        return _word_counts(corpus[by].astype(str), corpus["text"], by=by, stop=stop, min_length=min_length)
    rows: dict[tuple[str, str], int] = {}
    kept_word: dict[str, bool] = {}  # each distinct word is checked once

    def kept(word: str) -> bool:
        ok = kept_word[word] = len(word) >= min_length and _has_letter(word) and word not in stop
        return ok

    for group, text in zip(corpus[by].astype(str), corpus["text"]):
        tokens = tokenize(text) if bigrams else None
        norms = [t.norm for t in tokens] if bigrams else token_norms(text)
        keep = [kept_word[w] if w in kept_word else kept(w) for w in norms]
        for word, n in Counter([w for w, ok in zip(norms, keep) if ok]).items():
            rows[(group, word)] = rows.get((group, word), 0) + n
        if bigrams and len(tokens) > 1:
            sent_ends = sorted(end for _, end in sentences(text))
            k = 0
            for i in range(len(tokens) - 1):
                a, b = tokens[i], tokens[i + 1]
                while k < len(sent_ends) and sent_ends[k] <= a.start:
                    k += 1
                same_sentence = k < len(sent_ends) and b.end <= sent_ends[k]
                gap = text[a.end : b.start]
                if keep[i] and keep[i + 1] and same_sentence and gap.strip(" -\u2010\u2011\u2012\u2013\u2014") == "" and "\n" not in gap:
                    key = (group, f"{a.norm} {b.norm}")
                    rows[key] = rows.get(key, 0) + 1
    frame = pd.DataFrame([(g, t, n) for (g, t), n in rows.items()], columns=[by, "term", "n"])
    frame = frame.astype({by: "object", "term": "object", "n": "int64"})
    return frame.sort_values([by, "term"], kind="stable").reset_index(drop=True)


class _Numbering(dict):
    """Numbers keys in the order they are first looked up: ``d[key]`` is ``len(d)`` for a new key."""

    def __missing__(self, key: str) -> int:
        self[key] = value = len(self)
        return value


_COUNT_CHUNK = 2_000  # articles whose words are counted together (memory: their words, not the corpus's)


def _word_counts(groups: pd.Series, texts: pd.Series, *, by: str, stop: frozenset, min_length: int) -> pd.DataFrame:
    """:func:`term_counts` without bigrams: the same table, the words numbered and counted in numpy.

    Each article's words (:func:`analysis.text.tokens.token_norms`) are numbered by a dictionary of
    the distinct words; which words are kept is decided once per distinct word; each (group,
    word) pair is then one integer, counted with ``numpy.unique`` a chunk of articles at a time.
    The rows are sorted by group then term as Python compares strings, as before.
    """
    vocabulary = _Numbering()
    number = vocabulary.__getitem__
    group_of: dict[str, int] = {}
    base = np.int64(1 << 32)
    found_keys: list[np.ndarray] = []
    found_n: list[np.ndarray] = []
    chunk_codes: list[np.ndarray] = []
    chunk_groups: list[int] = []

    def flush() -> None:
        if not chunk_codes:
            return
        words = list(vocabulary)
        kept = np.fromiter((len(w) >= min_length and _has_letter(w) and w not in stop for w in words),
                           dtype=bool, count=len(words))
        codes = np.concatenate(chunk_codes)
        rows = np.repeat(np.asarray(chunk_groups, dtype=np.int64), [len(c) for c in chunk_codes])
        keep = kept[codes]
        keys, n = np.unique(rows[keep] * base + codes[keep], return_counts=True)
        found_keys.append(keys)
        found_n.append(n)
        chunk_codes.clear()
        chunk_groups.clear()

    for group, text in zip(groups, texts):
        norms = token_norms(text)
        chunk_codes.append(np.fromiter(map(number, norms), dtype=np.int64, count=len(norms)))
        chunk_groups.append(group_of.setdefault(group, len(group_of)))
        if len(chunk_groups) >= _COUNT_CHUNK:
            flush()
    flush()
    keys = np.concatenate(found_keys) if found_keys else np.zeros(0, dtype=np.int64)
    n = np.concatenate(found_n) if found_n else np.zeros(0, dtype=np.int64)
    if len(found_keys) > 1:  # a group's words counted in several chunks: add them up
        keys, inverse = np.unique(keys, return_inverse=True)
        n = np.bincount(inverse, weights=n, minlength=len(keys)).astype(np.int64)
    g, w = keys // base, keys % base
    group_names = np.asarray(list(group_of), dtype=object)
    words = np.asarray(list(vocabulary), dtype=object)
    group_rank = np.empty(len(group_names), dtype=np.int64)
    group_rank[sorted(range(len(group_names)), key=group_names.__getitem__)] = np.arange(len(group_names))
    word_rank = np.empty(len(words), dtype=np.int64)
    word_rank[sorted(range(len(words)), key=words.__getitem__)] = np.arange(len(words))
    order = np.lexsort((word_rank[w], group_rank[g]))
    return pd.DataFrame({by: pd.Series(group_names[g[order]], dtype="object"),
                         "term": pd.Series(words[w[order]], dtype="object"),
                         "n": pd.Series(n[order], dtype="int64")})


def keyness(
    counts: pd.DataFrame,
    by: str = "source",
    *,
    prior: str | float | Mapping[str, float] | pd.Series = "corpus",
    prior_scale: float | None = None,
    min_count: int = 1,
    term: str = "term",
    n: str = "n",
) -> pd.DataFrame:
    """Weighted log-odds ratio of every term, each group against the rest (Monroe et al. 2008).

    Args:
        counts: A tidy table of counts: one row per group and term (``<by>, term, n``), such
            as :func:`term_counts` returns. Repeated (group, term) rows are added up.
        by: The column naming the groups; at least two groups are needed.
        prior: The Dirichlet prior ``a_w``:

            - ``"corpus"`` (default, the informative prior): ``a_w = a0 * y_w / N``, the term's
              share of all counts (``y_w`` its count in all groups, ``N`` all counts) scaled to
              ``a0 = prior_scale`` pseudo-counts. With the default ``prior_scale=None``,
              ``a0 = N``, so ``a_w = y_w`` (the empirical-Bayes choice of R's tidylo).
            - a number ``c`` (an uninformative prior): ``a_w = c`` for every term
              (Monroe et al.'s "Dirichlet(0.01)" is ``prior=0.01``). ``prior_scale`` must be None.
            - a mapping or Series ``term -> background count`` (an informative prior from a
              background corpus): ``a_w = a0 * b_w / sum(b)`` with ``a0 = prior_scale`` or
              ``sum(b)`` by default. Terms missing from the background raise an error.
        prior_scale: ``a0``, the prior's total pseudo-count (its strength), for the
            informative priors. Larger values shrink the log-odds of rare terms more.
        min_count: Report only terms counted at least this often in all groups together (the
            prior is still computed from all terms).
        term: The column holding the terms.
        n: The column holding the counts.

    Returns:
        A tidy table with one row per group and term: ``term, <by>, log_odds, z, score,
        n_target, n_reference``, where ``log_odds`` is ``delta_w``, ``z`` the weighted
        log-odds (``delta_w / sd``), ``score`` = ``z`` (the STYLE.md column every keyness
        table has), ``n_target`` the term's count in the group and ``n_reference`` in all
        other groups. Sorted by group, then ``z`` descending, then term.

    Raises:
        ValueError: For missing columns, negative or non-numeric counts, fewer than two
            groups, or an invalid prior.

    Example:
        >>> counts = pd.DataFrame({"source": ["A", "A", "B"], "term": ["war", "peace", "war"], "n": [1, 1, 2]})
        >>> keyness(counts, prior=0.5)[["term", "source", "n_target", "n_reference"]].head(2).to_dict("records")
        [{'term': 'peace', 'source': 'A', 'n_target': 1, 'n_reference': 0}, {'term': 'war', 'source': 'A', 'n_target': 1, 'n_reference': 2}]
    """
    missing = [c for c in (by, term, n) if c not in counts.columns]
    if missing:
        raise ValueError(
            f"counts: missing column(s) {', '.join(missing)} (columns are: {', '.join(map(str, counts.columns))}); "
            f"give a tidy table <by>, {term}, {n} such as term_counts() returns, or pass by=/term=/n=."
        )
    values = pd.to_numeric(counts[n], errors="coerce")
    if values.isna().any() or (values < 0).any():
        raise ValueError(f"counts: column {n!r} must hold non-negative numbers; fix or drop the offending rows.")
    if min_count < 0:
        raise ValueError(f"min_count={min_count} must be 0 or more.")
    table = pd.DataFrame({"group": counts[by].astype(str), "term": counts[term].astype(str), "n": values.astype("float64")})
    wide = table.pivot_table(index="term", columns="group", values="n", aggfunc="sum", fill_value=0.0, sort=True)
    groups = list(wide.columns)
    if len(groups) < 2:
        raise ValueError(
            f"keyness needs at least two groups in column {by!r}, found {len(groups)}; group by a column with several values."
        )
    y = wide.to_numpy(dtype="float64")  # terms x groups
    terms = wide.index.to_numpy()
    y_w = y.sum(axis=1)
    total = float(y_w.sum())
    if total <= 0:
        raise ValueError("counts: all counts are zero; nothing to compare.")
    alpha, a0 = _prior(prior, prior_scale, terms, y_w, total)

    n_i = y.sum(axis=0)  # per group
    y_j = y_w[:, None] - y  # rest
    n_j = total - n_i
    a = alpha[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y + a) / (n_i + a0 - y - a)) - np.log((y_j + a) / (n_j + a0 - y_j - a))
        var = 1.0 / (y + a) + 1.0 / (y_j + a)
        z = delta / np.sqrt(var)

    out = pd.DataFrame(
        {
            "term": np.repeat(terms, len(groups)),
            by: np.tile(np.array(groups, dtype=object), len(terms)),
            "log_odds": delta.ravel(),
            "z": z.ravel(),
            "n_target": y.ravel(),
            "n_reference": y_j.ravel(),
            "_total": np.repeat(y_w, len(groups)),
        }
    )
    out = out[out["_total"] >= min_count].drop(columns="_total")
    out["score"] = out["z"]
    if np.all(np.mod(values, 1) == 0):
        out[["n_target", "n_reference"]] = out[["n_target", "n_reference"]].astype("int64")
    out = out.sort_values([by, "z", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)
    return out[["term", by, "log_odds", "z", "score", "n_target", "n_reference"]]


def _prior(
    prior: str | float | Mapping[str, float] | pd.Series,
    prior_scale: float | None,
    terms: np.ndarray,
    y_w: np.ndarray,
    total: float,
) -> tuple[np.ndarray, float]:
    """The prior pseudo-counts of ``terms`` and their total ``a0`` over the whole vocabulary."""
    if prior_scale is not None and not (np.isfinite(prior_scale) and prior_scale > 0):
        raise ValueError(f"prior_scale={prior_scale!r} must be a positive number (or None for the default).")
    if isinstance(prior, str):
        if prior != "corpus":
            raise ValueError(f"prior={prior!r}: use 'corpus', a positive number, or a mapping term -> background count.")
        a0 = total if prior_scale is None else float(prior_scale)
        return a0 * y_w / total, a0
    if isinstance(prior, (int, float, np.integer, np.floating)) and not isinstance(prior, bool):
        if not (np.isfinite(prior) and prior > 0):
            raise ValueError(f"prior={prior!r}: a constant prior must be a positive number such as 0.01.")
        if prior_scale is not None:
            raise ValueError("prior_scale applies only to the informative priors; leave it None with a constant prior.")
        return np.full(len(terms), float(prior)), float(prior) * len(terms)
    if isinstance(prior, (Mapping, pd.Series)):
        background = pd.Series(prior, dtype="float64")
        absent = [t for t in terms if t not in background.index]
        if absent:
            raise ValueError(
                f"prior: {len(absent)} term(s) have no background count, e.g. {absent[:5]}; "
                "give every term a positive background count (for example add 1 to all counts)."
            )
        b = background.reindex(terms).to_numpy()
        if not np.all(np.isfinite(b)) or np.any(b <= 0):
            raise ValueError("prior: background counts must be positive numbers; add a pseudo-count such as 1 to every term.")
        # Background terms absent from ``counts`` belong to the vocabulary with zero counts:
        # their pseudo-counts still add to a0.
        a0 = float(background.sum()) if prior_scale is None else float(prior_scale)
        return a0 * b / float(background.sum()), a0
    raise ValueError(f"prior={prior!r}: use 'corpus', a positive number, or a mapping term -> background count.")


ARTICLE_KEYNESS_COLUMNS = [*KEYNESS_COLUMNS, "n_articles", "z_low", "z_high", "distinctive"]


def article_keyness(
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    min_articles: int = 2,
    n_boot: int = 200,
    level: float = 0.95,
    top: int = 30,
    seed: int = 0,
    stop_words: Iterable[str] | None = ENGLISH_STOP_WORDS,
    min_length: int = 2,
    cache_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Distinctive words that do not rest on one article: log-odds z, article counts and a bootstrap of z over articles.

    :func:`keyness` treats every word as an independent draw, so one long article about a
    topic of its own fills its source's list with that topic's words. Here a term counts as
    distinctive for a source only when

    - at least ``min_articles`` of the source's articles use it (``n_articles``), and
    - the lower end of its z-score's percentile bootstrap interval over articles (``z_low``)
      stays above 1.96: each source's articles are resampled with replacement
      (``numpy.random.default_rng(seed)``, multinomial counts per source, ``n_boot`` times),
      the term counts and totals recomputed, and z recomputed with the prior held at its
      value on the whole corpus.

    Only the ``top`` terms of each source by ``z`` among those used in ``min_articles``
    articles are bootstrapped (the others keep NaN bounds), which bounds the cost. Sources with
    fewer than :data:`analysis.compare.stats.MIN_ARTICLES_FOR_INTERVAL` articles get no interval,
    so no term of theirs is distinctive.

    Args:
        corpus: The corpus table (``id``, ``text``, ``by``).
        by: The grouping column.
        min_articles: Articles of the source that must use a term.
        n_boot: Bootstrap resamples.
        level: Interval coverage.
        top: Terms bootstrapped per source.
        seed: Seed.
        stop_words: See :func:`term_counts`.
        min_length: See :func:`term_counts`.
        cache_dir: A folder where the table is kept (``keyness-<key>.parquet``) and read back by
            a later call with the same articles (ids, texts, ``by``), options and package code:
            ``make`` computes it in the text-reuse step (``python -m analysis reuse
            --keyness-cache``), beside the scoring, for notebook 04 to read.

    Returns:
        :func:`keyness`'s table for the source counts (default informative prior) with
        ``n_articles``, ``z_low``, ``z_high`` and ``distinctive``; sorted like :func:`keyness`.
        Read back or computed, the same table. With one source (no others to compare its words
        with), the table has no rows.
    """
    from analysis.compare.stats import check_boot

    check_boot(n_boot, level)
    if not (isinstance(min_articles, (int, np.integer)) and min_articles >= 1):
        raise ValueError(f"min_articles={min_articles!r} must be a whole number >= 1.")
    if corpus["id"].duplicated().any():
        raise ValueError("corpus: ids must be unique to count articles per term; drop or rename the duplicates.")
    if corpus[by].nunique() < 2:
        return pd.DataFrame({"term": pd.Series(dtype="str"), by: pd.Series(dtype="str"),
                             **{c: pd.Series(dtype="float64") for c in ("log_odds", "z", "score")},
                             **{c: pd.Series(dtype="int64") for c in ("n_target", "n_reference", "n_articles")},
                             "z_low": pd.Series(dtype="float64"), "z_high": pd.Series(dtype="float64"),
                             "distinctive": pd.Series(dtype="bool")})
    options = {"by": by, "min_articles": int(min_articles), "n_boot": int(n_boot), "level": float(level), "top": int(top),
               "seed": int(seed), "stop_words": sorted(w.lower() for w in (stop_words or ())), "min_length": int(min_length)}
    if cache_dir is not None:
        return _cached_keyness(corpus, Path(cache_dir), options, stop_words)
    return _article_keyness(corpus, **{**options, "stop_words": stop_words})


_KEYNESS_PREFIX = "keyness-"


def _cached_keyness(corpus: pd.DataFrame, folder: Path, options: dict, stop_words) -> pd.DataFrame:
    """:func:`article_keyness` read from ``folder`` when it was kept there for these articles and options, else computed and kept."""
    import hashlib
    import json

    from analysis.compare.cache import cache_lock, replace_cache_file
    from analysis.corpus.digest import update_with_columns, update_with_package

    digest = hashlib.sha256()
    update_with_package(digest)
    digest.update(json.dumps(options, sort_keys=True).encode())
    update_with_columns(digest, (corpus[column].astype(str) for column in ("id", "text", options["by"])))
    path = folder / f"{_KEYNESS_PREFIX}{digest.hexdigest()[:32]}.parquet"
    folder.mkdir(parents=True, exist_ok=True)
    with cache_lock(folder):  # a second process waits for the first's result instead of redoing it
        try:
            return pd.read_parquet(path)
        except (OSError, ValueError):
            pass
        table = _article_keyness(corpus, **{**options, "stop_words": stop_words})
        replace_cache_file(path, _KEYNESS_PREFIX, lambda tmp: table.to_parquet(tmp, index=False))
    return table


def _article_keyness(corpus: pd.DataFrame, *, by: str, min_articles: int, n_boot: int, level: float, top: int, seed: int,
                     stop_words, min_length: int) -> pd.DataFrame:
    """:func:`article_keyness` computed (its arguments checked)."""
    from scipy import sparse

    from analysis.compare.stats import MIN_ARTICLES_FOR_INTERVAL

    per_article = term_counts(corpus, by="id", stop_words=stop_words, min_length=min_length)
    source_of = dict(zip(corpus["id"].astype(str), corpus[by].astype(str)))
    per_article[by] = per_article["id"].astype(str).map(source_of)
    counts = per_article.groupby([by, "term"], as_index=False)["n"].sum()
    table = keyness(counts, by=by)
    used = per_article.groupby([by, "term"]).size().rename("n_articles").reset_index()
    table = table.merge(used, on=[by, "term"], how="left")
    table["n_articles"] = table["n_articles"].fillna(0).astype("int64")
    table["z_low"] = np.nan
    table["z_high"] = np.nan

    eligible = table[(table["n_articles"] >= min_articles) & (table["z"] > 0)]
    chosen = eligible.sort_values([by, "z", "term"], ascending=[True, False, True]).groupby(by).head(top)
    sizes = corpus[by].astype(str).value_counts()
    chosen = chosen[chosen[by].map(sizes) >= MIN_ARTICLES_FOR_INTERVAL]
    if len(chosen):
        terms = sorted(set(chosen["term"]))
        groups = sorted(set(table[by]))
        ids = corpus["id"].astype(str).tolist()
        row_of = {i: k for k, i in enumerate(ids)}
        col_of = {t: k for k, t in enumerate(terms)}
        sel = per_article[per_article["term"].isin(col_of)]
        x = sparse.csr_matrix((sel["n"].to_numpy(dtype="float64"),
                               (sel["id"].astype(str).map(row_of).to_numpy(), sel["term"].map(col_of).to_numpy())),
                              shape=(len(ids), len(terms)))
        totals = per_article.groupby("id")["n"].sum().reindex(ids, fill_value=0).to_numpy(dtype="float64")
        g_code = pd.Categorical(corpus[by].astype(str), categories=groups).codes
        # the prior, fixed at its whole-corpus value (default informative prior: a_w = y_w, a0 = N)
        y_w_all = counts.groupby("term")["n"].sum()
        a = y_w_all.reindex(terms).to_numpy(dtype="float64")
        a0 = float(y_w_all.sum())
        rng = np.random.default_rng(seed)
        members = [np.flatnonzero(g_code == g) for g in range(len(groups))]
        zs = np.empty((n_boot, len(terms), len(groups)))
        by_group = [x[m].T.tocsr() for m in members]  # terms x the group's articles
        y = np.empty((len(terms), len(groups)))
        n_i = np.empty(len(groups))
        for b in range(n_boot):
            for g, (m, xg) in enumerate(zip(members, by_group)):
                w = rng.multinomial(len(m), np.full(len(m), 1 / len(m))).astype("float64")
                # counts times whole draw counts: every sum is a whole number, exact in float64 in any order
                y[:, g] = xg @ w
                n_i[g] = w @ totals[m]
            y_j = y.sum(axis=1, keepdims=True) - y
            n_j = n_i.sum() - n_i
            with np.errstate(divide="ignore", invalid="ignore"):
                delta = np.log((y + a[:, None]) / (n_i + a0 - y - a[:, None])) - np.log(
                    (y_j + a[:, None]) / (n_j + a0 - y_j - a[:, None]))
                zs[b] = delta / np.sqrt(1.0 / (y + a[:, None]) + 1.0 / (y_j + a[:, None]))
        low, high = np.nanquantile(zs, [(1 - level) / 2, (1 + level) / 2], axis=0)
        gpos = {g: k for k, g in enumerate(groups)}
        for idx, r in chosen.iterrows():
            table.loc[idx, "z_low"] = low[col_of[r["term"]], gpos[r[by]]]
            table.loc[idx, "z_high"] = high[col_of[r["term"]], gpos[r[by]]]
    table["distinctive"] = (table["n_articles"] >= min_articles) & (table["z_low"] > 1.96)
    return table[["term", by, *ARTICLE_KEYNESS_COLUMNS[1:]]].reset_index(drop=True)

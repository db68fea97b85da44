"""Find near-duplicate and syndicated articles (shared word trigrams, TF-IDF cosine) and collapse them.

Two measures, both computed with scikit-learn on sparse matrices:

- ``"containment"`` (default): the share of the shorter article's distinct word trigrams
  (shingles) that also occur in the other, ``|A & B| / min(|A|, |B|)`` (Broder 1997, "On the
  resemblance and containment of documents"; word trigrams are the unit of the METER
  text-reuse studies of how newspapers rewrite agency copy, Clough et al. 2002). It depends
  only on the two texts, not on the rest of the corpus, so one threshold means the same on any
  corpus. Independent reports of the same event share stock phrases ("the coalition of",
  "in the event of", names with titles): a few per cent of their trigrams. A relay or rewrite of
  the same wire item keeps whole phrases of it; a verbatim copy scores near 1.
- ``"jaccard"``: ``|A & B| / |A | B|`` on the same shingles (Broder's resemblance).
- ``"tfidf"``: cosine similarity of TF-IDF vectors of character 5-grams within words
  (``analyzer="char_wb"``, sublinear tf). Robust to small edits and inflection, but its IDF is
  fitted on the corpus given, so values shift with the corpus: choose a threshold per corpus.

The full ``n x n`` matrix is computed (memory grows with the square of the number of
articles: about 0.8 GB for 10,000); for larger corpora, compare within batches or dates, or use
MinHash with locality-sensitive hashing.

``DEFAULT_THRESHOLD`` (0.05 trigram containment) flags a pair when at least one in twenty of
the shorter article's trigrams recurs verbatim in the other. On the bundled corpus the two RIA
Novosti relays (001/002) score 0.111 and the eight other pairs 0.011-0.028.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from analysis.text import tokenize

__all__ = [
    "DEFAULT_THRESHOLD",
    "METHODS",
    "collapse_near_duplicates",
    "near_duplicates",
    "shingles",
    "similarity_matrix",
]

METHODS = ("containment", "jaccard", "tfidf")
DEFAULT_THRESHOLD = 0.05
SHINGLE_SIZE = 3


def shingles(text: str, *, size: int = SHINGLE_SIZE) -> list[str]:
    """The word n-grams of ``text`` (tokens of :func:`analysis.text.tokenize`, lower case).

    Args:
        text: An article.
        size: Words per shingle.

    Returns:
        Shingles in text order (with repeats), each as words joined by a space. A text of
        fewer than ``size`` words has none.

    Example:
        >>> shingles("Troops to Ukraine’s border", size=3)
        ['troops to ukraine', 'to ukraine border']
    """
    words = [t.norm for t in tokenize(text)]
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def _check(corpus: pd.DataFrame) -> None:
    missing = [c for c in ("id", "text") if c not in corpus.columns]
    if missing:
        raise ValueError(f"corpus: missing column(s) {', '.join(missing)}; pass the corpus table from analysis.corpus.load_corpus.")
    if corpus["id"].duplicated().any():
        dup = corpus.loc[corpus["id"].duplicated(), "id"].iloc[0]
        raise ValueError(f"corpus: duplicate id {dup!r}; ids must be unique.")


def similarity_matrix(corpus: pd.DataFrame, *, method: str = "containment", shingle_size: int = SHINGLE_SIZE) -> pd.DataFrame:
    """Pairwise similarity of all articles.

    Args:
        corpus: The corpus table (``id``, ``text``).
        method: ``"containment"`` (word-trigram containment, the default), ``"jaccard"``
            (word-trigram resemblance) or ``"tfidf"`` (cosine of character 5-gram TF-IDF).
        shingle_size: Words per shingle for ``containment`` and ``jaccard``.

    Returns:
        A symmetric ``id x id`` table (index and columns are the ids, in corpus order) with
        values in [0, 1] and 1 on the diagonal. An article with no shingle (shorter than
        ``shingle_size`` words) has similarity 0 to every other article.

    Raises:
        ValueError: For an unknown method, a bad ``shingle_size`` or a corpus without ``id``/``text``.
    """
    _check(corpus)
    if method not in METHODS:
        raise ValueError(f"method={method!r}: use one of {', '.join(METHODS)}.")
    if not (isinstance(shingle_size, (int, np.integer)) and shingle_size >= 1):
        raise ValueError(f"shingle_size={shingle_size!r} must be a positive whole number (3 = word trigrams).")
    ids = corpus["id"].astype(str).tolist()
    texts = corpus["text"].tolist()
    n = len(ids)
    if n == 0:
        return pd.DataFrame(np.zeros((0, 0)), index=pd.Index([], name="id"), columns=pd.Index([], name="id"))
    if method == "tfidf":
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(5, 5), lowercase=True, sublinear_tf=True)
        try:
            sims = cosine_similarity(vec.fit_transform(texts))
        except ValueError:  # every text shorter than a 5-gram
            sims = np.zeros((n, n))
    else:
        vec = CountVectorizer(analyzer=lambda t: shingles(t, size=shingle_size), binary=True, dtype=np.int64)
        try:
            x = vec.fit_transform(texts)
        except ValueError:  # no shingle in any text
            x = None
        if x is None:
            sims = np.zeros((n, n))
        else:
            inter = (x @ x.T).toarray().astype("float64")
            sizes = np.asarray(x.sum(axis=1)).ravel().astype("float64")
            if method == "containment":
                denom = np.minimum.outer(sizes, sizes)
            else:
                denom = sizes[:, None] + sizes[None, :] - inter
            with np.errstate(divide="ignore", invalid="ignore"):
                sims = np.where(denom > 0, inter / denom, 0.0)
    sims = np.clip(sims, 0.0, 1.0)
    np.fill_diagonal(sims, 1.0)
    index = pd.Index(ids, name="id")
    return pd.DataFrame(sims, index=index, columns=index.copy())


def near_duplicates(
    corpus: pd.DataFrame,
    *,
    threshold: float | None = None,
    method: str = "containment",
    shingle_size: int = SHINGLE_SIZE,
) -> pd.DataFrame:
    """Pairs of articles at least ``threshold`` similar.

    Args:
        corpus: The corpus table (``id``, ``text``).
        threshold: The smallest similarity that flags a pair. Default
            :data:`DEFAULT_THRESHOLD` (0.05) for ``containment``; ``jaccard`` and ``tfidf`` have
            no default (their values depend on article lengths or on the corpus): pass one.
        method: See :func:`similarity_matrix`.
        shingle_size: See :func:`similarity_matrix`.

    Returns:
        ``id_a, id_b, similarity`` with ``id_a`` before ``id_b`` in corpus order, sorted by
        similarity (highest first), then ``id_a``, ``id_b``.

    Raises:
        ValueError: For a threshold outside (0, 1], or a missing threshold where there is no default.
    """
    if threshold is None:
        if method != "containment":
            raise ValueError(
                f"method={method!r} has no default threshold (its values depend on the corpus); "
                "pass threshold=, chosen from similarity_matrix() on your corpus."
            )
        threshold = DEFAULT_THRESHOLD
    if not (0 < threshold <= 1):
        raise ValueError(f"threshold={threshold!r} must be in (0, 1].")
    sims = similarity_matrix(corpus, method=method, shingle_size=shingle_size)
    values = sims.to_numpy()
    a, b = np.nonzero(np.triu(values >= threshold, k=1))  # only the flagged pairs, not all n(n-1)/2
    ids = np.asarray(sims.index, dtype=object)
    pairs = pd.DataFrame({"id_a": ids[a], "id_b": ids[b], "similarity": values[a, b]})
    pairs = pairs.astype({"id_a": "object", "id_b": "object", "similarity": "float64"})
    return pairs.sort_values(["similarity", "id_a", "id_b"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def collapse_near_duplicates(
    corpus: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    keep: str = "longest",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep one article per cluster of near-duplicates and say which ones were dropped.

    Clusters are the connected components of the pairs (single linkage: if A~B and B~C, then A,
    B and C form one cluster even when A and C are not similar).

    Args:
        corpus: The corpus table (``id``, ``text``).
        pairs: ``id_a, id_b`` (and optionally ``similarity``), such as :func:`near_duplicates`
            returns. Every id must be in ``corpus``.
        keep: Which article represents a cluster: ``"longest"`` (the most words, as counted by
            :func:`analysis.text.tokenize`; it holds the most content; ties go to the id that
            sorts first), ``"first"`` (the id that sorts first), or ``"earliest"`` (the earliest
            ``date``; articles without a date come last; ties go to the id that sorts first).

    Returns:
        ``(collapsed, mapping)``. ``collapsed`` is ``corpus`` without the dropped articles (rows
        and columns otherwise untouched, order kept). ``mapping`` has one row per article of
        ``corpus``: ``id, representative, cluster, cluster_size, kept``; ``cluster`` numbers the
        clusters 1, 2, ... in corpus order, 0 for an article with no near-duplicate.

    Raises:
        ValueError: For unknown ids in ``pairs``, missing columns or an unknown ``keep`` rule.
    """
    _check(corpus)
    if keep not in ("longest", "first", "earliest"):
        raise ValueError(f"keep={keep!r}: use 'longest', 'first' or 'earliest'.")
    if keep == "earliest" and "date" not in corpus.columns:
        raise ValueError("keep='earliest' needs a `date` column in the corpus; use keep='longest' or 'first'.")
    for column in ("id_a", "id_b"):
        if column not in pairs.columns:
            raise ValueError(f"pairs: missing column {column!r}; pass the table near_duplicates() returns.")
    ids = corpus["id"].astype(str).tolist()
    where = {ident: k for k, ident in enumerate(ids)}
    unknown = sorted({str(v) for v in [*pairs["id_a"], *pairs["id_b"]]} - set(where))
    if unknown:
        raise ValueError(f"pairs: id(s) not in the corpus: {', '.join(unknown[:10])}; compute the pairs on this corpus.")

    parent = list(range(len(ids)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in zip(pairs["id_a"].astype(str), pairs["id_b"].astype(str)):
        ra, rb = root(where[a]), root(where[b])
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for k in range(len(ids)):
        members.setdefault(root(k), []).append(k)

    if keep == "longest":
        lengths = [len(tokenize(t)) for t in corpus["text"]]
        rank = lambda k: (-lengths[k], ids[k])  # noqa: E731
    elif keep == "first":
        rank = lambda k: (ids[k],)  # noqa: E731
    else:
        dates = ["" if d is None or (not isinstance(d, str) and pd.isna(d)) else str(d).strip() for d in corpus["date"]]
        rank = lambda k: (dates[k] == "", dates[k], ids[k])  # noqa: E731

    representative = list(ids)
    cluster = [0] * len(ids)
    size = [1] * len(ids)
    number = 0
    for r in sorted(members, key=lambda r: min(members[r])):
        group = members[r]
        if len(group) < 2:
            continue
        number += 1
        best = min(group, key=rank)
        for k in group:
            representative[k] = ids[best]
            cluster[k] = number
            size[k] = len(group)
    mapping = pd.DataFrame(
        {"id": ids, "representative": representative, "cluster": cluster, "cluster_size": size,
         "kept": [representative[k] == ids[k] for k in range(len(ids))]}
    )
    mapping = mapping.astype({"id": "object", "representative": "object", "cluster": "int64", "cluster_size": "int64", "kept": "bool"})
    collapsed = corpus[mapping["kept"].to_numpy()].reset_index(drop=True)
    return collapsed, mapping

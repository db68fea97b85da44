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

Up to :data:`EXACT_MAX_ARTICLES` articles, :func:`text_reuse` and :func:`near_duplicates` compare
every pair a block of rows at a time, so memory stays bounded (a few hundred MB); time grows with
the square of the number of articles (22 s for the 10,000-article synthetic corpus of ``make
bench`` on 2 cores, about 90 s for 20,000). Above it they find candidate pairs with MinHash
signatures (``datasketch``; 128 permutations) and locality-sensitive hashing (32 bands of 4
rows: a pair lands in a common bucket with probability ``1 - (1 - J**4)**32`` for word-trigram
resemblance ``J``: 0.05 at J = 0.2, 0.56 at 0.4, 0.87 at 0.5, 0.98 at 0.6), then check each
candidate exactly. Shingles in more than 1% of a sample of articles (templates, datelines, stock
phrases: :data:`LSH_MAX_DF`) are left out of the signatures, where they would make unrelated
articles agree, and a bucket of more than :data:`LSH_MAX_BUCKET` articles is counted and not
expanded into all its pairs (only neighbours in it are checked), so the candidates stay fewer than
``n * (LSH_MAX_BUCKET / 2 + 1)`` per band whatever the text (:class:`LshStats` reports both).
Time and memory then grow with the number of articles (one signature of 512 bytes each) and of
candidates: copies, relays and close rewrites (resemblance 0.5 and more) are found at a million
articles (``scripts/text_reuse_at_scale.py``); looser rewrites (the bundled pair has 0.05) only by
the exact comparison. The mean similarity between sources is then estimated from all pairs of a
random sample of :data:`MEANS_SAMPLE` articles. :func:`similarity_matrix` returns the whole
``n x n`` table (0.8 GB for 10,000 articles), for small corpora.

A pair is flagged when its similarity reaches the threshold *and* the two articles share at
least :data:`MIN_SHARED` distinct word trigrams (about one sentence of 17 words in common, word
for word), so that short texts, where two or three stock phrases already make 5% of the
trigrams, are not called rewrites. ``DEFAULT_THRESHOLD`` (0.05 trigram containment) asks for at
least one in twenty of the shorter article's trigrams to recur verbatim in the other. On the
bundled corpus the two RIA Novosti relays (001/002) score 0.111 with 53 shared trigrams, and
the eight other pairs 0.011-0.028 with 3 to 8.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from analysis.compare.cache import cache_lock, replace_cache_file
from analysis.corpus.digest import update_with_columns
from analysis.text.choices import first_few
from analysis.text.tokens import token_norms, tokenize

__all__ = [
    "DEFAULT_THRESHOLD",
    "EXACT_MAX_ARTICLES",
    "LshStats",
    "MEANS_SAMPLE",
    "METHODS",
    "MIN_SHARED",
    "TextReuse",
    "collapse_near_duplicates",
    "near_duplicates",
    "shingles",
    "similarity_matrix",
    "text_reuse",
]

METHODS = ("containment", "jaccard", "tfidf")
DEFAULT_THRESHOLD = 0.05
MIN_SHARED = 15  # distinct word trigrams two articles must share to be flagged (containment and jaccard)
EXACT_MAX_ARTICLES = 20_000  # above this, MinHash-LSH candidates instead of every pair
MEANS_SAMPLE = 5_000  # above EXACT_MAX_ARTICLES, source means are estimated from this many articles
LSH_BANDS, LSH_ROWS = 32, 4  # 128 MinHash permutations
LSH_MAX_BUCKET = 50  # an LSH bucket with more articles is counted, not expanded into its pairs
LSH_MAX_DF = 0.01  # shingles in more than 1% of the sampled articles are boilerplate: not in the signatures
LSH_DF_SAMPLE = 10_000  # articles sampled to find the boilerplate shingles
SHINGLE_SIZE = 3
_BLOCK_BYTES = 64 * 2**20  # a block of similarity rows at a time


def shingles(text: str, *, size: int = SHINGLE_SIZE) -> list[str]:
    """The word n-grams of ``text`` (tokens of :func:`analysis.text.tokens.tokenize`, lower case).

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
    words = token_norms(text)
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def _check(corpus: pd.DataFrame) -> None:
    missing = [c for c in ("id", "text") if c not in corpus.columns]
    if missing:
        raise ValueError(f"corpus: missing column(s) {', '.join(missing)}; pass the corpus table from analysis.corpus.load_corpus.")
    if corpus["id"].duplicated().any():
        dup = corpus.loc[corpus["id"].duplicated(), "id"].iloc[0]
        raise ValueError(f"corpus: duplicate id {dup!r}; ids must be unique.")


def _check_method(method: str, shingle_size) -> None:
    if method not in METHODS:
        raise ValueError(f"method={method!r}: use one of {', '.join(METHODS)}.")
    if not (isinstance(shingle_size, (int, np.integer)) and shingle_size >= 1):
        raise ValueError(f"shingle_size={shingle_size!r} must be a positive whole number (3 = word trigrams).")


def _similarity_blocks(texts: list[str], method: str, shingle_size: int, *, upper: bool = False,
                       words_out: list | None = None) -> Iterator[tuple[int, int, np.ndarray, np.ndarray | None]]:
    """Rows of the similarity matrix, a block at a time: yields ``(first row, first column, block, shared)``.

    ``words_out``, when given (``containment``, ``jaccard``), receives each article's number of
    words before the first block is yielded (:func:`_shingle_matrix` counts them anyway).

    ``shared`` holds the number of distinct shingles each pair shares (None for ``tfidf``).

    Each block is ``rows x n`` float64 (at most about 64 MB, whatever ``n``), with 1 where a row
    meets its own column; the whole ``n x n`` matrix never exists at once. With ``upper`` a block
    holds only the columns from its first row on (the matrix is symmetric: the columns before
    are the rows of earlier blocks), which halves the work; each value is the same.
    """
    n = len(texts)
    block_rows = max(1, min(n, _BLOCK_BYTES // (8 * max(n, 1))))
    x = dense = None
    if method == "tfidf":
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(5, 5), lowercase=True, sublinear_tf=True)
        try:
            x = normalize(vec.fit_transform(texts)).tocsr()  # rows of unit length: a product is a cosine
        except ValueError:  # every text shorter than a 5-gram
            pass
    else:
        # float32 holds every count of shared shingles exactly (up to 2**24 per article)
        x = _shingle_matrix(texts, shingle_size, words_out)
        if x is not None:
            sizes = np.asarray(x.sum(axis=1), dtype=np.float64).ravel()
            x, dense = _split_frequent(x)
    xt = None if x is None else x.T.tocsr()
    for r0 in range(0, n, block_rows):
        r1 = min(n, r0 + block_rows)
        c0 = r0 if upper else 0
        cols = xt if xt is None or c0 == 0 else xt[:, c0:]
        inter = None
        if x is None:
            sims = np.zeros((r1 - r0, n - c0))
            inter = None if method == "tfidf" else np.zeros((r1 - r0, n - c0))
        elif method == "tfidf":
            sims = (x[r0:r1] @ cols).toarray().astype(np.float64)
        else:
            inter = (x[r0:r1] @ cols).toarray()
            if dense is not None:  # the shingles most articles share, as a dense product (exact: sums of ones)
                inter += dense[0][r0:r1] @ dense[1][:, c0:]
            inter = inter.astype(np.float64)
            if method == "containment":
                denom = np.minimum(sizes[r0:r1, None], sizes[None, c0:])
            else:
                denom = sizes[r0:r1, None] + sizes[None, c0:] - inter
            with np.errstate(divide="ignore", invalid="ignore"):
                sims = np.where(denom > 0, inter / denom, 0.0)
        np.clip(sims, 0.0, 1.0, out=sims)
        rows = np.arange(r1 - r0)
        sims[rows, rows + r0 - c0] = 1.0
        yield r0, c0, sims, inter


_DENSE_SHARE = 0.05  # shingles in at least this share of the articles are multiplied as a dense matrix ...
_DENSE_MIN_ARTICLES = 1000  # ... in a corpus of at least this many articles
_DENSE_MAX_COLUMNS = 2048  # ... at most this many of them (memory: articles x columns x 4 bytes)


def _split_frequent(x):
    """``(rare, (frequent, frequent.T))``: the shingle matrix split into its rare columns (sparse) and
    the columns of the shingles that many articles share (dense float32), or ``(x, None)``.

    The product of two rows is the sum of both parts' products. A sparse product costs in
    proportion to the squared number of articles of each shingle, so in a corpus of templated
    or syndicated texts a few hundred stock phrases make most of its time; a dense product
    (BLAS) does them many times faster. Every value is a count of shared shingles: float32 adds
    ones exactly, so the result is the same.
    """
    n = x.shape[0]
    if n < _DENSE_MIN_ARTICLES:
        return x, None
    df = np.bincount(x.indices, minlength=x.shape[1])
    frequent = np.flatnonzero(df >= _DENSE_SHARE * n)
    if len(frequent) > _DENSE_MAX_COLUMNS:
        frequent = frequent[np.argsort(-df[frequent], kind="stable")[:_DENSE_MAX_COLUMNS]]
    if not len(frequent):
        return x, None
    rare = np.ones(x.shape[1], dtype=bool)
    rare[frequent] = False
    dense = x[:, frequent].toarray()
    return x[:, np.flatnonzero(rare)].tocsr(), (dense, np.ascontiguousarray(dense.T))


def _shingle_matrix(texts: list[str], shingle_size: int, words_out: list | None = None):
    """Articles x distinct shingles, 1 where an article has the shingle (CSR, float32); None without any shingle.

    ``words_out``, when given, is extended with each article's number of words (``len(tokenize(text))``).

    The shingles of :func:`shingles`, numbered exactly (no hashing): each word key gets a
    number, and a shingle the number of its sequence of word numbers, found by sorting all
    positions of the corpus at once (the same matrix as ``CountVectorizer(analyzer=shingles,
    binary=True)`` up to the order of its columns, which no similarity depends on).
    """
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    number = vocabulary.setdefault
    words: list[np.ndarray] = []
    for text in texts:
        words.append(np.fromiter((number(w, len(vocabulary)) for w in token_norms(text)), dtype=np.int64))
    lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
    if words_out is not None:
        words_out.extend(lengths.tolist())
    n_shingles = np.maximum(lengths - shingle_size + 1, 0)
    if not n_shingles.sum():
        return None
    flat = np.concatenate(words)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    # the first word of every shingle: positions that leave shingle_size words in their article
    first = np.concatenate([np.arange(a, a + m) for a, m in zip(starts.tolist(), n_shingles.tolist()) if m])
    key = flat[first]
    base = len(vocabulary)
    # Renumbered after each word, so a number stays below the number of positions and
    # key * base below positions * words (far from 2**63 for any corpus compared pair by pair).
    for k in range(1, shingle_size):
        key = np.unique(key * base + flat[first + k], return_inverse=True)[1].astype(np.int64)
    row = np.repeat(np.arange(len(texts), dtype=np.int64), n_shingles)
    n_cols = int(key.max()) + 1
    cells = np.sort(row * n_cols + key)  # sorted by row then column ...
    cells = cells[np.concatenate([[True], cells[1:] != cells[:-1]])]  # ... each shingle once per article
    indices = cells % n_cols
    indptr = np.concatenate([[0], np.cumsum(np.bincount(cells // n_cols, minlength=len(texts)))])
    return csr_matrix((np.ones(len(cells), dtype=np.float32), indices, indptr), shape=(len(texts), n_cols))


def similarity_matrix(corpus: pd.DataFrame, *, method: str = "containment", shingle_size: int = SHINGLE_SIZE) -> pd.DataFrame:
    """Pairwise similarity of all articles.

    The whole ``n x n`` table: 0.8 GB for 10,000 articles. For the near-duplicate pairs and the
    mean similarity between sources of a large corpus use :func:`near_duplicates` and
    :func:`text_reuse`, which never hold it.

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
    _check_method(method, shingle_size)
    ids = corpus["id"].astype(str).tolist()
    n = len(ids)
    sims = np.zeros((n, n))
    for r0, _c0, block, _shared in _similarity_blocks(corpus["text"].tolist(), method, shingle_size):
        sims[r0 : r0 + len(block)] = block
    index = pd.Index(ids, name="id")
    return pd.DataFrame(sims, index=index, columns=index.copy())


def _check_threshold(threshold: float | None, method: str) -> float:
    if threshold is None:
        if method != "containment":
            raise ValueError(
                f"method={method!r} has no default threshold (its values depend on the corpus); "
                "pass threshold=, chosen from similarity_matrix() on your corpus."
            )
        threshold = DEFAULT_THRESHOLD
    if not (0 < threshold <= 1):
        raise ValueError(f"threshold={threshold!r} must be in (0, 1].")
    return threshold


class TextReuse(NamedTuple):
    """What :func:`text_reuse` found.

    Attributes:
        pairs: Near-duplicate pairs (``id_a, id_b, similarity``), the most similar first; all of
            them, or the first ``max_pairs``.
        n_pairs: How many pairs reach the threshold in all.
        means: Groups x groups mean similarity, or None.
        lsh: How MinHash-LSH chose the candidates (:class:`LshStats`), or None when every pair
            was compared.
        clusters: For each article (corpus order), the position of the first article of its
            cluster of near-duplicates (the connected component of *all* flagged pairs, also
            those left out of ``pairs`` by ``max_pairs``); an article without a near-duplicate
            is its own cluster. :func:`collapse_near_duplicates` accepts a :class:`TextReuse`
            and collapses by these clusters, so a corpus whose pairs number in the millions
            is collapsed without holding them.
        words: For each article (corpus order) in a cluster of two or more, its number of words
            (``len(tokenize(text))``), -1 for the others: what :func:`collapse_near_duplicates`
            needs to keep the longest article of each cluster, counted once here (and kept in the
            cache) so that the notebooks do not tokenize the corpus again. None: not counted.
    """

    pairs: pd.DataFrame
    n_pairs: int
    means: pd.DataFrame | None
    lsh: LshStats | None = None
    clusters: np.ndarray | None = None
    words: np.ndarray | None = None


def _cluster_words(texts: list[str], clusters: np.ndarray, counted: list[int] | None = None) -> np.ndarray:
    """:attr:`TextReuse.words`: the word counts of the articles in a cluster of two or more, -1 elsewhere.

    ``counted`` holds every article's word count when the shingles already gave them; otherwise
    only the clustered articles are tokenized.
    """
    clustered = np.bincount(clusters, minlength=len(clusters))[clusters] > 1
    words = np.full(len(clusters), -1, dtype=np.int64)
    if counted is not None and len(counted) == len(clusters):
        words[clustered] = np.asarray(counted, dtype=np.int64)[clustered]
    else:
        at = np.flatnonzero(clustered)
        words[at] = [len(token_norms(texts[k])) for k in at.tolist()]
    return words


def _join_clusters(clusters: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``clusters`` (each article's first member) after also linking every pair ``(a[k], b[k])``."""
    new = clusters[a] != clusters[b]  # pairs already in one cluster change nothing
    a, b = a[new], b[new]
    if len(a) == 0:
        return clusters
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(clusters)
    rows = np.concatenate([a, np.arange(n)])
    cols = np.concatenate([b, clusters])
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n)).tocsr()
    _, component = connected_components(graph, directed=False)
    first = np.full(component.max() + 1, n, dtype=np.int64)
    np.minimum.at(first, component, np.arange(n))
    return first[component]


def _check_min_shared(min_shared, method: str) -> int:
    if min_shared is None:
        return 0 if method == "tfidf" else MIN_SHARED
    if not (isinstance(min_shared, (int, np.integer)) and min_shared >= 0):
        raise ValueError(f"min_shared={min_shared!r} must be a whole number >= 0 (0: no minimum).")
    if method == "tfidf" and min_shared:
        raise ValueError("min_shared counts shared word trigrams: it applies to method='containment' or 'jaccard', not 'tfidf'.")
    return int(min_shared)


def _shingle_hashes(text: str, shingle_size: int) -> np.ndarray:
    """The distinct shingles of ``text`` as sorted 32-bit CRC values (collisions within a text are negligible)."""
    return np.unique(np.fromiter((zlib.crc32(g.encode("utf-8", "surrogatepass")) for g in shingles(text, size=shingle_size)),
                                 dtype=np.uint32))


_QUICK_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")
_MIX = np.uint64(0x9E3779B1)
_MIXES = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                   0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53], dtype=np.uint64)


def _quick_hashes(text: str, shingle_size: int) -> np.ndarray:
    """Distinct word n-gram hashes from a plain regex split, hashed in numpy: many times faster than :func:`shingles`.

    Only for finding candidates (every candidate is then checked with the real shingles), so
    that a million articles are tokenized once quickly rather than with the full tokenizer.
    """
    words = _QUICK_WORD.findall(text.lower())
    if len(words) < shingle_size:
        return np.zeros(0, dtype=np.uint32)
    # each word's first 12 characters as UTF-32, mixed into 64 bits in numpy (no Python call per word)
    codes = np.array(words, dtype="<U12").view(np.uint64).reshape(len(words), 6)
    h = codes[:, 0] * _MIXES[0]
    for k in range(1, 6):
        h = (h ^ (h >> np.uint64(29))) + codes[:, k] * _MIXES[k]
    n = len(h) - shingle_size + 1
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(shingle_size):
        acc = acc * _MIX + h[k : k + n]  # wraps modulo 2**64
    return np.unique((acc ^ (acc >> np.uint64(32))).astype(np.uint32))


class LshStats(NamedTuple):
    """How MinHash-LSH chose the candidate pairs (what :func:`text_reuse` reports above its exact limit).

    Attributes:
        n_articles: Articles signed.
        n_boilerplate: Shingles left out of the signatures as boilerplate (in more than
            ``max_df`` of the sampled articles).
        n_unsigned: Articles with no shingle left (too short, or only boilerplate): never candidates.
        n_candidates: Distinct candidate pairs, each checked exactly.
        n_overfull: Buckets (over all bands) with more than ``max_bucket`` articles, whose pairs
            were not formed.
        n_overfull_articles: Article-band memberships in those buckets.
    """

    n_articles: int
    n_boilerplate: int
    n_unsigned: int
    n_candidates: int
    n_overfull: int
    n_overfull_articles: int


def _boilerplate(texts: list[str], shingle_size: int, *, sample: int, max_df: float, seed: int) -> np.ndarray:
    """Sorted hashes of the shingles in more than ``max_df`` of a random sample of the articles.

    Stock phrases, datelines and templates ("the coalition of", "SYNTHETIC ARTICLE ...") recur in
    many independent articles: in a signature they make unrelated articles agree and fill LSH
    buckets with them. They are left out of the signatures only; the exact check of a candidate
    still counts every shingle, so the similarity of a pair means the same as without LSH.
    Verbatim copies in the sample count once. Blind spot: an item reprinted with variations in
    more than ``max_df`` of the articles would be taken for boilerplate (and its copies then
    found only where their variations agree).
    """
    n = len(texts)
    picked = np.random.default_rng(seed).choice(n, size=min(sample, n), replace=False) if n else np.zeros(0, dtype=int)
    if len(picked) < 100:  # too few to tell boilerplate from chance
        return np.zeros(0, dtype=np.uint32)
    # verbatim copies count once: one wire item printed many times is reuse, not boilerplate
    distinct = {}
    for k in picked.tolist():
        values = _quick_hashes(texts[k], shingle_size)
        distinct.setdefault(values.tobytes(), values)
    if len(distinct) < 100:
        return np.zeros(0, dtype=np.uint32)
    values, counts = np.unique(np.concatenate(list(distinct.values())), return_counts=True)
    return values[counts > max_df * len(distinct)]


def _lsh_candidates(texts: list[str], shingle_size: int, *, bands: int = LSH_BANDS, rows: int = LSH_ROWS,
                    seed: int = 1, max_bucket: int = LSH_MAX_BUCKET, max_df: float = LSH_MAX_DF,
                    df_sample: int = LSH_DF_SAMPLE) -> Iterator[np.ndarray | LshStats]:
    """Candidate pairs ``(i, j)``, ``i < j``, from MinHash signatures banded for locality-sensitive hashing.

    Each article gets a ``datasketch.MinHash`` of its distinct word-trigram hashes
    (:func:`_quick_hashes`) without the boilerplate ones (:func:`_boilerplate`); two articles are
    candidates when their signatures agree on all ``rows`` values of at least one of ``bands``
    bands. A bucket of more than ``max_bucket`` articles is not expanded into all its pairs (it
    would give ``max_bucket**2 / 2`` or more of them: on templated text, articles that share little
    but the template): it is counted, and only each of its articles and the next (in corpus order)
    are candidates, so that a cluster of copies (one wire item printed 500 times) stays connected
    and :func:`collapse_near_duplicates` still keeps one of it, while not all of its pairs are
    listed. So each band gives fewer than ``n * max_bucket / 2 + n`` pairs, whatever the text.

    Yields:
        One array of candidate pairs (``k x 2``, not yielded before) per band, then the
        :class:`LshStats`.
    """
    from datasketch import MinHash

    n = len(texts)
    num_perm = bands * rows
    template = MinHash(num_perm=num_perm, seed=seed, hashfunc=int)  # the values are already hashed
    common = _boilerplate(texts, shingle_size, sample=df_sample, max_df=max_df, seed=seed)
    signatures = np.zeros((n, num_perm), dtype=np.uint32)  # datasketch's values are below 2**32
    empty = np.zeros(n, dtype=bool)
    for k, text in enumerate(texts):
        values = _quick_hashes(text, shingle_size)
        if len(common):
            values = values[~np.isin(values, common, assume_unique=True)]
        if len(values) == 0:
            empty[k] = True
            continue
        m = MinHash(num_perm=num_perm, seed=seed, hashfunc=int, permutations=template.permutations, scheme=template.scheme)
        m.update_batch(values.tolist())
        signatures[k] = m.hashvalues
    keep = np.flatnonzero(~empty)
    seen = np.zeros(0, dtype=np.int64)
    n_overfull = n_overfull_articles = 0
    for b in range(bands):
        band = np.ascontiguousarray(signatures[keep, b * rows : (b + 1) * rows])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * rows))).ravel()
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.concatenate([[0], np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1])
        sizes = np.diff(np.concatenate([starts, [len(keys)]]))
        over = sizes > max_bucket
        n_overfull += int(over.sum())
        n_overfull_articles += int(sizes[over].sum())
        found = []
        for at, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
            members = np.sort(keep[order[at : at + size]])
            if size > max_bucket:  # each article and the next only: a cluster of copies stays connected
                found.append(members[:-1] * n + members[1:])
                continue
            i, j = np.triu_indices(size, k=1)
            found.append(members[i] * n + members[j])
        if not found:
            continue
        codes = np.unique(np.concatenate(found))
        new = codes[~np.isin(codes, seen, assume_unique=True)]
        if len(new):
            seen = np.union1d(seen, new)
            yield np.stack([new // n, new % n], axis=1)
    yield LshStats(n, len(common), int(empty.sum()), len(seen), n_overfull, n_overfull_articles)


def _lsh_pairs(texts: list[str], method: str, shingle_size: int, threshold: float, min_shared: int, **options
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, LshStats]:
    """Flagged pairs ``(a, b, similarity)`` among the LSH candidates, each checked exactly, band by band."""
    cache: dict[int, np.ndarray] = {}

    def hashes(k: int) -> np.ndarray:
        if k not in cache:
            cache[k] = _shingle_hashes(texts[k], shingle_size)
        return cache[k]

    a_out, b_out, v_out = [], [], []
    stats = None
    for item in _lsh_candidates(texts, shingle_size, **options):
        if isinstance(item, LshStats):
            stats = item
            break
        for a, b in item.tolist():
            ha, hb = hashes(a), hashes(b)
            inter = len(np.intersect1d(ha, hb, assume_unique=True))
            denom = min(len(ha), len(hb)) if method == "containment" else len(ha) + len(hb) - inter
            value = inter / denom if denom else 0.0
            if value >= threshold and inter >= min_shared:
                a_out.append(a)
                b_out.append(b)
                v_out.append(min(value, 1.0))
    return (np.asarray(a_out, dtype=np.int64), np.asarray(b_out, dtype=np.int64), np.asarray(v_out, dtype=np.float64),
            stats)


def text_reuse(
    corpus: pd.DataFrame,
    *,
    threshold: float | None = None,
    by: str | None = "source",
    max_pairs: int | None = None,
    method: str = "containment",
    shingle_size: int = SHINGLE_SIZE,
    min_shared: int | None = None,
    exact_max_articles: int = EXACT_MAX_ARTICLES,
    cache_dir: str | Path | None = None,
) -> TextReuse:
    """Near-duplicate pairs and the mean similarity between groups of articles, in one pass.

    Up to ``exact_max_articles`` articles every pair is compared, a block of rows at a time
    (memory bounded: 64 MB and a few working copies, plus the pairs kept; time grows with the
    square of the number of articles). Above it (``containment`` and ``jaccard``), candidate pairs
    come from MinHash-LSH and are checked exactly; the means between groups are estimated from
    every pair of a random sample of :data:`MEANS_SAMPLE` articles (seed 1). See the module
    docstring for what LSH finds.

    Args:
        corpus: The corpus table (``id``, ``text`` and the ``by`` column).
        threshold: See :func:`near_duplicates`.
        by: The column that groups articles (sources), or None for the pairs alone.
        max_pairs: Keep only the most similar pairs (all are counted); None keeps every pair.
            In a corpus of rewrites of a few wire items there can be millions of them.
        method: See :func:`similarity_matrix`.
        shingle_size: See :func:`similarity_matrix`.
        min_shared: See :func:`near_duplicates`.
        exact_max_articles: The most articles for which every pair is compared.
        cache_dir: A folder where the result is kept (``text_reuse-<key>.npz``, no pickle) and
            read back by a later call with the same articles (ids, texts, groups), parameters
            and code, instead of comparing every pair again: notebooks 02, 03 and 04 each
            need the clusters of one corpus. A file whose key does not match is never read;
            writing one removes the folder's others. A result read back has no ``lsh`` statistics.

    Returns:
        A :class:`TextReuse`: the pairs, as :func:`near_duplicates` returns them (or their first
        ``max_pairs``), their number, and a groups x groups table (sorted labels) of the mean
        similarity over all pairs of different articles, one from each group (NaN within a group
        of one article), or None without ``by``.
    """
    _check(corpus)
    _check_method(method, shingle_size)
    threshold = _check_threshold(threshold, method)
    min_shared = _check_min_shared(min_shared, method)
    if by is not None and by not in corpus.columns:
        raise ValueError(f"corpus: no column {by!r} to group the articles by.")
    if max_pairs is not None and not (isinstance(max_pairs, (int, np.integer)) and max_pairs >= 0):
        raise ValueError(f"max_pairs={max_pairs!r} must be a whole number >= 0, or None for all pairs.")
    if cache_dir is not None:
        options = {"threshold": threshold, "by": by, "max_pairs": max_pairs, "method": method, "shingle_size": shingle_size,
                   "min_shared": min_shared, "exact_max_articles": exact_max_articles}
        key = _cache_key(corpus, options)
        with cache_lock(Path(cache_dir)):  # a second process waits for the first's result instead of redoing it
            found = _read_cache(Path(cache_dir), key, corpus, by)
            if found is None:
                found = text_reuse(corpus, **options)
                _write_cache(Path(cache_dir), key, found, corpus)
        return found
    ids = np.asarray(corpus["id"].astype(str).tolist(), dtype=object)
    n = len(ids)
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(ids.astype(str), kind="stable")] = np.arange(n)  # ids in sorted order, for ties

    def first(a, b, v, k):
        order = np.lexsort((rank[b], rank[a], -v))  # similarity (highest first), then id_a, id_b
        return a[order[:k]], b[order[:k]], v[order[:k]]

    def table(a, b, v):
        pairs = pd.DataFrame({"id_a": ids[a], "id_b": ids[b], "similarity": v})
        return pairs.astype({"id_a": "object", "id_b": "object", "similarity": "float64"})

    if n > exact_max_articles and method != "tfidf":
        a, b, v, stats = _lsh_pairs(corpus["text"].tolist(), method, shingle_size, threshold, min_shared,
                                    max_bucket=LSH_MAX_BUCKET, max_df=LSH_MAX_DF, df_sample=LSH_DF_SAMPLE)
        n_pairs = len(a)
        clusters = _join_clusters(np.arange(n), a, b)
        words = _cluster_words(corpus["text"].tolist(), clusters)
        pairs = table(*first(a, b, v, max_pairs))
        if by is None:
            return TextReuse(pairs, n_pairs, None, stats, clusters, words)
        sample = corpus.sample(n=min(MEANS_SAMPLE, n), random_state=1)
        means = text_reuse(sample, threshold=threshold, by=by, max_pairs=0, method=method, shingle_size=shingle_size,
                           min_shared=min_shared, exact_max_articles=len(sample)).means
        groups = sorted(set(corpus[by].astype(str)))
        return TextReuse(pairs, n_pairs, means.reindex(index=groups, columns=groups).rename_axis(index=by, columns=by),
                         stats, clusters, words)

    found: tuple[list, list, list] = ([np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [np.zeros(0)])
    n_pairs = 0
    clusters = np.arange(n)
    if by is not None:
        labels = corpus[by].astype(str).to_numpy()
        groups = sorted(set(labels))
        onehot = np.zeros((n, len(groups)))
        onehot[np.arange(n), pd.Categorical(labels, categories=groups).codes] = 1.0
        sums = np.zeros((len(groups), len(groups)))
    # the upper triangle only, the diagonal included: each pair once (the matrix is symmetric)
    counted: list[int] = []
    for r0, c0, block, shared in _similarity_blocks(corpus["text"].tolist(), method, shingle_size, upper=True,
                                                    words_out=counted):
        hit = block >= threshold
        if shared is not None and min_shared:
            hit &= shared >= min_shared
        flagged = np.triu(hit, k=r0 - c0 + 1)  # only pairs with id_a before id_b
        n_flagged = int(np.count_nonzero(flagged))
        n_pairs += n_flagged
        if n_flagged and clusters.any():  # all zeros: every article is already in the first one's cluster
            a, b = np.nonzero(flagged)
            clusters = _join_clusters(clusters, a + r0, b + c0)
        if max_pairs is not None:  # only what can still be among the most similar
            values = np.concatenate([block[flagged], *found[2]])
            if len(values) > max_pairs:
                cutoff = np.partition(values, len(values) - max_pairs)[len(values) - max_pairs] if max_pairs else np.inf
                flagged &= block >= cutoff
        a, b = np.nonzero(flagged)
        for kept, new in zip(found, (a + r0, b + c0, block[a, b])):
            kept.append(new)
        if max_pairs is not None and sum(map(len, found[0])) > max_pairs:
            found = tuple([top] for top in first(*map(np.concatenate, found), max_pairs))
        if by is not None:  # each pair once, and each article with itself
            upper = np.triu(block, k=r0 - c0)
            sums += onehot[r0 : r0 + len(block)].T @ (upper @ onehot[c0:])
    pairs = table(*first(*map(np.concatenate, found), None))
    words = _cluster_words(corpus["text"].tolist(), clusters, counted)
    if by is None:
        return TextReuse(pairs, n_pairs, None, clusters=clusters, words=words)
    size = onehot.sum(axis=0)
    # both orders of each pair; an article's similarity to itself (1, counted once above) is not a pair
    sums = sums + sums.T - 2 * np.diag(size)
    count = np.outer(size, size) - np.diag(size)
    with np.errstate(divide="ignore", invalid="ignore"):
        means = np.where(count > 0, sums / np.where(count > 0, count, 1), np.nan)
    return TextReuse(pairs, n_pairs, pd.DataFrame(means, index=pd.Index(groups, name=by), columns=pd.Index(groups, name=by)),
                     clusters=clusters, words=words)


_CACHE_PREFIX = "text_reuse-"


def _cache_key(corpus: pd.DataFrame, options: dict) -> str:
    """A digest of everything a :func:`text_reuse` result depends on: code, options and articles."""
    import hashlib
    import json

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    columns = [corpus["id"].astype(str), corpus["text"].astype(str)]
    if options["by"] is not None:
        columns.append(corpus[options["by"]].astype(str))
    update_with_columns(digest, columns)
    return digest.hexdigest()[:32]


def _read_cache(folder: Path, key: str, corpus: pd.DataFrame, by: str | None) -> TextReuse | None:
    path = folder / f"{_CACHE_PREFIX}{key}.npz"
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except (OSError, ValueError, KeyError):
        return None
    ids = np.asarray(corpus["id"].astype(str).tolist(), dtype=object)
    pairs = pd.DataFrame({"id_a": ids[arrays["a"]], "id_b": ids[arrays["b"]], "similarity": arrays["v"]})
    pairs = pairs.astype({"id_a": "object", "id_b": "object", "similarity": "float64"})
    means = None
    if by is not None:
        groups = pd.Index(arrays["groups"].astype(object).tolist(), dtype=object, name=by)
        means = pd.DataFrame(arrays["means"], index=groups, columns=groups.copy())
    return TextReuse(pairs, int(arrays["n_pairs"]), means, clusters=arrays["clusters"].astype(np.int64),
                     words=arrays["words"].astype(np.int64) if "words" in arrays else None)


def _write_cache(folder: Path, key: str, result: TextReuse, corpus: pd.DataFrame) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    where = {ident: k for k, ident in enumerate(corpus["id"].astype(str))}
    arrays = {"n_pairs": np.asarray(result.n_pairs, dtype=np.int64), "clusters": np.asarray(result.clusters, dtype=np.int64),
              "v": result.pairs["similarity"].to_numpy(dtype=np.float64),
              "a": np.asarray([where[i] for i in result.pairs["id_a"]], dtype=np.int64),
              "b": np.asarray([where[i] for i in result.pairs["id_b"]], dtype=np.int64)}
    if result.words is not None:
        arrays["words"] = np.asarray(result.words, dtype=np.int64)
    if result.means is not None:
        arrays["means"] = result.means.to_numpy(dtype=np.float64)
        arrays["groups"] = np.asarray([str(g) for g in result.means.index], dtype=str)
    replace_cache_file(folder / f"{_CACHE_PREFIX}{key}.npz", _CACHE_PREFIX, lambda tmp: np.savez(tmp, **arrays))


def near_duplicates(
    corpus: pd.DataFrame,
    *,
    threshold: float | None = None,
    method: str = "containment",
    shingle_size: int = SHINGLE_SIZE,
    min_shared: int | None = None,
    exact_max_articles: int = EXACT_MAX_ARTICLES,
) -> pd.DataFrame:
    """Pairs of articles at least ``threshold`` similar (in bounded memory; see :func:`text_reuse`).

    Args:
        corpus: The corpus table (``id``, ``text``).
        threshold: The smallest similarity that flags a pair. Default
            :data:`DEFAULT_THRESHOLD` (0.05) for ``containment``; ``jaccard`` and ``tfidf`` have
            no default (their values depend on article lengths or on the corpus): pass one.
        method: See :func:`similarity_matrix`.
        shingle_size: See :func:`similarity_matrix`.
        min_shared: The fewest distinct shingles a flagged pair shares (``containment`` and
            ``jaccard``); default :data:`MIN_SHARED`, 0 for no minimum.
        exact_max_articles: See :func:`text_reuse`.

    Returns:
        ``id_a, id_b, similarity`` with ``id_a`` before ``id_b`` in corpus order, sorted by
        similarity (highest first), then ``id_a``, ``id_b``.

    Raises:
        ValueError: For a threshold outside (0, 1], or a missing threshold where there is no default.
    """
    return text_reuse(corpus, threshold=threshold, by=None, method=method, shingle_size=shingle_size,
                      min_shared=min_shared, exact_max_articles=exact_max_articles).pairs


def collapse_near_duplicates(
    corpus: pd.DataFrame,
    pairs: pd.DataFrame | TextReuse,
    *,
    keep: str = "longest",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep one article per cluster of near-duplicates and say which ones were dropped.

    Clusters are the connected components of the pairs (single linkage: if A~B and B~C, then A,
    B and C form one cluster even when A and C are not similar).

    Args:
        corpus: The corpus table (``id``, ``text``).
        pairs: ``id_a, id_b`` (and optionally ``similarity``), such as :func:`near_duplicates`
            returns. Every id must be in ``corpus``. Or the :class:`TextReuse` of
            :func:`text_reuse` on this very corpus: its clusters are used (all its pairs, even
            those it did not keep), with the same result as passing every pair.
        keep: Which article represents a cluster: ``"longest"`` (the most words, as counted by
            :func:`analysis.text.tokens.tokenize`; it holds the most content; ties go to the id that
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
    ids = corpus["id"].astype(str).tolist()
    counted = None
    if isinstance(pairs, TextReuse):
        if pairs.clusters is None or len(pairs.clusters) != len(ids):
            raise ValueError("pairs: a TextReuse of another corpus; pass text_reuse() of this corpus.")
        roots = pairs.clusters.tolist()
        counted = None if pairs.words is None else pairs.words.tolist()
    else:
        for column in ("id_a", "id_b"):
            if column not in pairs.columns:
                raise ValueError(f"pairs: missing column {column!r}; pass the table near_duplicates() returns.")
        where = {ident: k for k, ident in enumerate(ids)}
        unknown = sorted({str(v) for v in [*pairs["id_a"], *pairs["id_b"]]} - set(where))
        if unknown:
            raise ValueError(f"pairs: id(s) not in the corpus: {first_few(unknown, 10)}; compute the pairs on this corpus.")
        a = np.fromiter((where[v] for v in pairs["id_a"].astype(str)), dtype=np.int64, count=len(pairs))
        b = np.fromiter((where[v] for v in pairs["id_b"].astype(str)), dtype=np.int64, count=len(pairs))
        roots = _join_clusters(np.arange(len(ids)), a, b).tolist()
    members: dict[int, list[int]] = {}
    for k, r in enumerate(roots):
        members.setdefault(r, []).append(k)

    if keep == "longest":
        texts = corpus["text"].tolist()
        clustered = [k for group in members.values() if len(group) > 1 for k in group]
        # only where there is a choice; text_reuse counted them already
        lengths = {k: counted[k] if counted is not None and counted[k] >= 0 else len(tokenize(texts[k])) for k in clustered}
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

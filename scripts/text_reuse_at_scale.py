"""Check syndication detection (analysis.similarity.text_reuse, MinHash-LSH) on a large made-up corpus.

The corpus is built in memory: ``--n`` independent articles of 150 to 400 words drawn from a
Zipf-distributed vocabulary of 50,000 made-up words (so that, as in news, a few words and word
trigrams are very common), then rewrites of ``--rewrites`` of them planted (one word in twenty
changed, a sentence added), verbatim copies of ``--copies`` more, and ``--short`` independent short
texts (12 to 25 words). Optionally ``--templated FILE`` replaces the independent articles with a
corpus file (e.g. the templated synthetic corpus of ``analysis.synthetic``), whose articles share
most of their word trigrams with each other.

It prints the planted pairs found and missed, the pairs found that were not planted, the LSH
statistics (boilerplate shingles, candidates, over-full buckets), the time and the peak memory.

    python scripts/text_reuse_at_scale.py --n 1000000
    python scripts/text_reuse_at_scale.py --n 100000 --templated bench/corpora/synthetic-100000.parquet
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

import numpy as np
import pandas as pd


def _vocabulary(rng: np.random.Generator, size: int) -> np.ndarray:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(2, 10, size=size)
    words = {"".join(rng.choice(letters, size=k)) for k in lengths}
    return np.array(sorted(words), dtype=object)


def independent_texts(n: int, *, seed: int = 1, min_words: int = 150, max_words: int = 400) -> list[str]:
    rng = np.random.default_rng(seed)
    vocab = _vocabulary(rng, 50_000)
    ranks = np.arange(1, len(vocab) + 1)
    p = 1.0 / ranks**1.1
    p /= p.sum()
    cdf = np.cumsum(p)
    texts = []
    for first in range(0, n, 20_000):  # in chunks: bounded memory
        lengths = rng.integers(min_words, max_words + 1, size=min(20_000, n - first))
        draws = np.minimum(np.searchsorted(cdf, rng.random(int(lengths.sum()))), len(vocab) - 1)
        at = 0
        for k in lengths.tolist():
            words = vocab[draws[at : at + k]].tolist()
            at += k
            for i in range(19, len(words), 20):  # sentences of about 20 words
                words[i] += "."
            texts.append(" ".join(words))
    return texts


def plant(texts: list[str], ids: list[str], *, rewrites: int, copies: int, short: int, seed: int = 2):
    """Append rewrites and copies of some articles and short independent texts; return the planted pairs."""
    rng = np.random.default_rng(seed)
    n = len(texts)
    picked = rng.choice(n, size=rewrites + copies, replace=False)
    planted = []
    extra_words = independent_texts(rewrites, seed=seed + 1, min_words=20, max_words=20)
    for j, k in enumerate(picked.tolist()):
        if j < rewrites:
            words = texts[k].split()
            for i in range(0, len(words), 20):
                words[i] = "changed"
            text = " ".join(words) + " " + extra_words[j]
            new = f"rewrite-{j:06d}"
        else:
            text = texts[k]
            new = f"copy-{j:06d}"
        texts.append(text)
        ids.append(new)
        planted.append(tuple(sorted((ids[k], new))))
    for j, text in enumerate(independent_texts(short, seed=seed + 2, min_words=12, max_words=25)):
        texts.append(text)
        ids.append(f"short-{j:06d}")
    return planted


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="independent articles (default: 100,000)")
    parser.add_argument("--rewrites", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--short", type=int, default=10_000)
    parser.add_argument("--templated", help="a corpus file to use instead of the independent articles (its first --n)")
    args = parser.parse_args(argv)

    from analysis.compare.similarity import text_reuse

    start = time.perf_counter()
    if args.templated:
        from analysis.corpus import load_corpus

        base = load_corpus(args.templated).head(args.n)
        texts, ids = base["text"].tolist(), base["id"].astype(str).tolist()
        del base
    else:
        texts = independent_texts(args.n)
        ids = [f"a{k:07d}" for k in range(len(texts))]
    planted = plant(texts, ids, rewrites=args.rewrites, copies=args.copies, short=args.short)
    corpus = pd.DataFrame({"id": ids, "text": texts})
    del texts
    built = time.perf_counter()
    print(f"corpus: {len(corpus):,} articles ({args.n:,} {'templated' if args.templated else 'independent'}, "
          f"{args.rewrites:,} rewrites, {args.copies:,} copies, {args.short:,} short) in {built - start:.0f} s", flush=True)
    reuse = text_reuse(corpus, by=None, exact_max_articles=0)
    done = time.perf_counter()
    found = {tuple(sorted(p)) for p in reuse.pairs[["id_a", "id_b"]].itertuples(index=False)}
    planted_set = set(planted)
    hit = planted_set & found
    rewrites = {p for p in planted_set if any(x.startswith("rewrite-") for x in p)}
    print(f"text_reuse: {done - built:.0f} s; {reuse.n_pairs:,} pairs flagged")
    print(f"planted pairs found: {len(hit):,} of {len(planted_set):,} (rewrites {len(hit & rewrites):,} of "
          f"{len(rewrites):,}, copies {len(hit - rewrites):,} of {len(planted_set - rewrites):,})")
    others = found - planted_set
    print(f"pairs found that were not planted: {len(others):,}; involving a short text: "
          f"{sum(1 for p in others if any(x.startswith('short-') for x in p)):,}")
    print(f"lsh: {reuse.lsh}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"peak memory (max RSS): {peak:.2f} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build a self-contained HTML explorer of a scored corpus: articles with their evidence highlighted, concordances, a term plot.

``make explore`` (or ``python -m analysis explore CORPUS --scores results/scores``) writes one
folder of static files, ``build/explore/`` by default:

- ``index.html``, ``explore.js``, ``explore.css``: the page (vanilla JavaScript, no library, no
  network access: it opens from disk in any current browser, offline);
- ``data.js``: the corpus and the score tables (``articles``, ``spans``, ``mentions``, ``stance``)
  in a compact form, loaded with a ``<script>`` tag because browsers refuse ``fetch`` on files.

What the page shows: every article with its loaded-language spans highlighted by category and
its actor mentions underlined in the colour of their stance score (hover or click for the evidence
words); filters by source, category, actor (and stance toward it) and date; a concordance of any
term across the corpus (click a highlighted term, a point of the plot or type a word); and a
scattertext-style plot of terms by their frequency in two sources, or a source against the rest
(Kessler 2017), whose points open the term's concordance. Nothing is computed that the score
tables do not hold, except word counts for the plot's "all words" vocabulary.

A corpus larger than ``max_articles`` is sampled (spread over sources, with a fixed seed) so that
the page stays quick; the page says so. With the default 10,000 the data file is about 40 MB.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

__all__ = ["DEFAULT_MAX_ARTICLES", "STATIC_FILES", "build_explorer", "explorer_data", "read_tables"]

DEFAULT_MAX_ARTICLES = 10_000
STATIC_DIR = Path(__file__).with_name("explore_static")
STATIC_FILES = ("index.html", "explore.js", "explore.css")
SCALE = 1000  # scores in [-1, 1] are stored as integers in thousandths


class ExploreError(ValueError):
    """Score tables that cannot be shown; the message names the file and what to do."""


# The columns of each score table the explorer reads (docs/outputs.md).
_COLUMNS = {
    "articles": ["id", "n_tokens"],
    "spans": ["id", "start", "end", "text", "term", "category", "in_quote"],
    "mentions": ["id", "target", "start", "end", "sentence_start", "sentence_end", "score"],
    "stance": ["id", "target", "n_mentions", "stance"],
}


def read_tables(scores_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read the score tables the explorer needs from the output folder of ``python -m analysis score``.

    ``articles.csv`` and ``spans.csv`` are required; ``mentions.csv`` and ``stance.csv`` are read
    when present (a run without targets has none).
    """
    from analysis.tables.read import read_table

    folder = Path(scores_dir).expanduser()
    tables = {}
    for name, required in (("articles", True), ("spans", True), ("mentions", False), ("stance", False)):
        table = read_table(folder, name)
        if table is not None:
            missing = [c for c in _COLUMNS[name] if c not in table.columns]
            if missing:
                raise ExploreError(f"{folder / f'{name}.csv'}: no column(s) {', '.join(missing)}: not a table written by "
                                   f"python -m analysis score. Score the corpus again (python -m analysis score CORPUS --out {folder}).")
            tables[name] = table
        elif required:
            raise ExploreError(f"{folder / f'{name}.csv'}: not found; score the corpus first (make scores, or python -m analysis score CORPUS --out {folder}).")
    return tables


def _sample(corpus: pd.DataFrame, max_articles: int, seed: int) -> pd.DataFrame:
    """Up to ``max_articles`` articles, taken from the sources in turn (as the report's appendix does)."""
    if len(corpus) <= max_articles:
        return corpus
    shuffled = corpus.sample(frac=1.0, random_state=seed)
    shuffled = shuffled.assign(_rank=shuffled.groupby("source").cumcount())
    return shuffled.sort_values(["_rank", "source", "id"], kind="stable").head(max_articles).drop(columns="_rank")


def _date(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = str(value).strip()
    return text[:10] if len(text) >= 10 and text[4] == "-" and text[7] == "-" else ""


def _bool(values: pd.Series) -> pd.Series:
    return values.astype(str).str.strip().str.lower().isin(("true", "1"))


def explorer_data(corpus: pd.DataFrame, tables: dict[str, pd.DataFrame], *, title: str = "",
                  max_articles: int = DEFAULT_MAX_ARTICLES, seed: int = 1) -> dict:
    """The explorer's data: the corpus and its evidence in a compact, JSON-ready form.

    Args:
        corpus: The corpus table (``id``, ``source``, ``text``; ``title`` and ``date`` used when present).
        tables: Score tables of this corpus (:func:`read_tables`).
        title: Shown at the top of the page.
        max_articles: Larger corpora are sampled down to this many articles.
        seed: Seed of the sample.

    Returns:
        A dict with ``sources``, ``categories``, ``targets`` and ``terms`` (labels, indexed by the
        numbers below; a span the token tagger found on its own is under its words, ending in
        ``tagger_label``), ``articles`` (columns ``id, source, date, title, text, n_tokens,
        loaded_per_1k``), and per article, in article order, flat integer lists: ``spans``
        (``start, end, category, term, flags`` per span; flags 1 negated, 2 in a quotation),
        ``mentions`` (``start, end, target, score, flags, sentence_start, sentence_end``; score in
        thousandths; flags 2 in a quotation, 4 without evidence, not counted in the article's
        stance), ``evidence`` (the evidence words of each mention)
        and ``stance`` (``target, stance, n_mentions``; stance in thousandths).

    Raises:
        ExploreError: When the score tables are not those of this corpus.
    """
    if not isinstance(max_articles, int) or max_articles < 1:
        raise ExploreError(f"max_articles={max_articles!r} must be a whole number >= 1.")
    n_total = len(corpus)
    corpus = corpus.assign(id=corpus["id"].astype(str))
    scored = set(tables["articles"]["id"])
    missing = [i for i in corpus["id"] if i not in scored]
    if missing:
        raise ExploreError(
            f"articles.csv has no row for {len(missing)} article(s) of the corpus (first: {missing[0]!r}); "
            "the scores are of another corpus: score this one first (make scores)."
        )
    chosen = _sample(corpus, max_articles, seed)
    chosen = chosen.assign(_date=[_date(v) for v in chosen["date"]] if "date" in chosen.columns else "")
    chosen = chosen.sort_values(["_date", "id"], kind="stable").reset_index(drop=True)
    where = {ident: k for k, ident in enumerate(chosen["id"])}
    n = len(chosen)

    articles = tables["articles"].set_index("id").reindex(chosen["id"])
    spans = tables["spans"]
    spans = spans[spans["id"].isin(where)]
    category_cols = [c.removeprefix("loaded_") for c in tables["articles"].columns
                     if c.startswith("loaded_") and c not in ("loaded_n", "loaded_per_1k", "loaded_author_per_1k",
                                                              "loaded_intensity", "loaded_author_n", "loaded_quoted_n",
                                                              "loaded_negated_n")]
    categories = list(dict.fromkeys([*category_cols, *sorted(set(spans["category"]))]))
    from analysis.measures.loaded_tagger import TAGGER_LABEL, term_labels

    labels = term_labels(spans["term"], spans["text"])  # a tagger span of its own under its words, not its probability
    terms = sorted(set(labels))
    sources = sorted({str(s) for s in chosen["source"]}, key=lambda s: (s.casefold(), s))
    mentions = tables.get("mentions", pd.DataFrame(columns=["id", "target", "start", "end", "sentence_start", "sentence_end", "score", "in_quote"]))
    mentions = mentions[mentions["id"].isin(where)]
    stance = tables.get("stance", pd.DataFrame(columns=["id", "target", "n_mentions", "stance"]))
    stance = stance[stance["id"].isin(where)]
    targets = sorted({*map(str, mentions["target"]), *map(str, stance["target"])})

    # Python offsets count code points, JavaScript's count UTF-16 units: they differ after a character
    # outside the Basic Multilingual Plane (an emoji), so such texts get their offsets converted.
    shift = {}
    for ident, text in zip(chosen["id"], chosen["text"].astype(str)):
        if any(ord(ch) > 0xFFFF for ch in text):
            units, pos = [0], 0
            for ch in text:
                pos += 2 if ord(ch) > 0xFFFF else 1
                units.append(pos)
            shift[ident] = units

    def js(ident, offset) -> int:
        units = shift.get(ident)
        return int(offset) if units is None else units[int(offset)]

    cat_ix = {c: k for k, c in enumerate(categories)}
    term_ix = {t: k for k, t in enumerate(terms)}
    target_ix = {t: k for k, t in enumerate(targets)}
    source_ix = {s: k for k, s in enumerate(sources)}

    span_lists: list[list[int]] = [[] for _ in range(n)]
    negated = _bool(spans["negated"]) if "negated" in spans.columns else pd.Series(False, index=spans.index)
    quoted = _bool(spans["in_quote"]) if "in_quote" in spans.columns else pd.Series(False, index=spans.index)
    for ident, start, end, cat, term, neg, quo in zip(spans["id"], spans["start"], spans["end"], spans["category"],
                                                      labels, negated, quoted):
        span_lists[where[ident]].extend((js(ident, start), js(ident, end), cat_ix[cat], term_ix[term], int(neg) | (2 * int(quo))))

    mention_lists: list[list[int]] = [[] for _ in range(n)]
    evidence_lists: list[list[str]] = [[] for _ in range(n)]
    m_quoted = _bool(mentions["in_quote"]) if "in_quote" in mentions.columns else pd.Series(False, index=mentions.index)
    m_evidence = mentions["evidence"].astype(str) if "evidence" in mentions.columns else pd.Series("", index=mentions.index)
    # A mention without evidence (`has_evidence` false: with the model, no words the rules aim at it) is not
    # counted in the article's stance; it is drawn as "no evidence" whatever its score.
    m_bare = ~_bool(mentions["has_evidence"]) if "has_evidence" in mentions.columns else pd.Series(False, index=mentions.index)
    for ident, target, start, end, s0, s1, score, quo, bare, ev in zip(
            mentions["id"], mentions["target"].astype(str), mentions["start"], mentions["end"], mentions["sentence_start"],
            mentions["sentence_end"], mentions["score"], m_quoted, m_bare, m_evidence):
        k = where[ident]
        mention_lists[k].extend((js(ident, start), js(ident, end), target_ix[target], round(float(score) * SCALE),
                                 2 * int(quo) | 4 * int(bare), js(ident, s0), js(ident, s1)))
        evidence_lists[k].append(ev)

    stance_lists: list[list[int]] = [[] for _ in range(n)]
    for ident, target, value, count in zip(stance["id"], stance["target"].astype(str), stance["stance"], stance["n_mentions"]):
        stance_lists[where[ident]].extend((target_ix[target], round(float(value) * SCALE), int(count)))

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    titles = chosen["title"].fillna("").astype(str).tolist() if "title" in chosen.columns else [""] * n
    return {
        "title": title,
        "n_total": n_total,
        "sampled": n < n_total,
        "seed": seed,
        "sources": sources,
        "categories": categories,
        "targets": targets,
        "terms": terms,
        "tagger_label": TAGGER_LABEL,  # ends the terms that name a tagger span of its own
        "stopwords": sorted(ENGLISH_STOP_WORDS),
        "articles": {
            "id": chosen["id"].tolist(),
            "source": [source_ix[str(s)] for s in chosen["source"]],
            "date": chosen["_date"].tolist() if n else [],
            "title": titles,
            "text": chosen["text"].astype(str).tolist(),
            "n_tokens": [int(v) for v in articles["n_tokens"].fillna(0)],
            "loaded_per_1k": [round(float(v), 2) for v in articles["loaded_per_1k"].fillna(0)],
        },
        "spans": span_lists,
        "mentions": mention_lists,
        "evidence": evidence_lists,
        "stance": stance_lists,
    }


def build_explorer(corpus: pd.DataFrame, tables: dict[str, pd.DataFrame], out_dir: str | Path, *, title: str = "",
                   max_articles: int = DEFAULT_MAX_ARTICLES, seed: int = 1) -> Path:
    """Write the explorer into ``out_dir`` (replaced as a whole, never left half-written).

    Returns:
        The path of ``index.html``.
    """
    data = explorer_data(corpus, tables, title=title, max_articles=max_articles, seed=seed)
    out = Path(out_dir).expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the explorer is for sharing
    try:
        for name in STATIC_FILES:
            shutil.copyfile(STATIC_DIR / name, staging / name)
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        (staging / "data.js").write_text(f"window.EXPLORER_DATA = {payload};\n", encoding="utf-8")
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}-old-{os.getpid()}")
            os.replace(out, old)
        os.replace(staging, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out / "index.html"

"""Tidy per-source summaries of the score tables that the notebooks plot and the report prints."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.measures.loaded_tagger import term_labels
from analysis.measures.stance import mention_sentences
from analysis.report.highlight import segments

__all__ = [
    "appendix_articles", "category_shares", "collapse_for_statistics", "context", "counted_spans", "fingerprint_tables", "interval_records", "loaded_article_records",
    "top_term_records",
    "statistics_corpus", "sourced_stance", "sourcing_by_source", "stance_evidence", "stance_matrix", "strongest_spans", "term_counts_by_source",
]


def counted_spans(spans: pd.DataFrame) -> pd.DataFrame:
    """The spans that count toward scores: negated matches are evidence but not counted."""
    if "negated" in spans.columns:
        return spans[~spans["negated"].astype(bool)]
    return spans


def term_counts_by_source(spans: pd.DataFrame, articles: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """How often each lexicon term matched, per source: ``<by>, term, category, n, n_articles``.

    A span the token tagger found on its own is counted under its words, marked ``(tagger)``
    (:func:`analysis.measures.loaded_tagger.term_labels`), not under its term, which names its probability.
    Sorted by source, then count (descending), then term, so ties break alphabetically.
    """
    counted = counted_spans(spans).drop(columns=[by], errors="ignore").merge(articles[["id", by]], on="id", how="left")
    if counted.empty:
        return pd.DataFrame(columns=[by, "term", "category", "n", "n_articles"])
    counted = counted.assign(term=term_labels(counted["term"], counted["text"]))
    grouped = counted.groupby([by, "term", "category"], sort=True).agg(n=("id", "size"), n_articles=("id", "nunique"))
    out = grouped.reset_index()
    return out.sort_values([by, "n", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def category_shares(articles: pd.DataFrame, categories: list[str], *, by: str = "source") -> tuple[pd.DataFrame, dict[str, int]]:
    """Share of each category among a source's counted spans (rows: sources; columns: categories).

    Returns:
        ``(shares, totals)``: shares sum to 1 per source with any span (sources without spans
        get zeros), and the number of counted spans per source.
    """
    columns = [f"loaded_{c}" for c in categories]
    sums = articles.groupby(by, sort=True)[columns].sum()
    sums.columns = categories
    totals = sums.sum(axis=1)
    shares = sums.div(totals.where(totals > 0, 1), axis=0)
    return shares, {str(k): int(v) for k, v in totals.items()}


def context(text: str, start: int, end: int, *, chars: int = 70) -> tuple[str, str]:
    """The text left and right of ``text[start:end]``, cut at word boundaries, whitespace collapsed."""
    left = text[max(0, start - chars) : start]
    right = text[end : end + chars]
    if start - chars > 0 and " " in left:
        left = "…" + left.split(" ", 1)[1]
    if end + chars < len(text) and " " in right:
        right = right.rsplit(" ", 1)[0] + "…"
    return " ".join(left.split()) + (" " if left[-1:].isspace() else ""), (" " if right[:1].isspace() else "") + " ".join(right.split())


def strongest_spans(spans: pd.DataFrame, corpus: pd.DataFrame, *, n: int = 15, chars: int = 70) -> pd.DataFrame:
    """The ``n`` counted spans with the highest weight (ties: by id, then position), with context.

    Returns:
        ``id, source, term, category, weight, in_quote, left, match, right``.
    """
    texts = dict(zip(corpus["id"], corpus["text"]))
    sources = dict(zip(corpus["id"], corpus["source"]))
    top = counted_spans(spans).sort_values(["weight", "id", "start"], ascending=[False, True, True], kind="stable").head(n)
    rows = []
    for r in top.itertuples(index=False):
        left, right = context(texts[r.id], r.start, r.end, chars=chars)
        rows.append((r.id, sources[r.id], r.term, r.category, float(r.weight), bool(r.in_quote), left, r.text, right))
    return pd.DataFrame(rows, columns=["id", "source", "term", "category", "weight", "in_quote", "left", "match", "right"])


EVIDENCE_COLUMNS = ["target", "source", "kind", "id", "score", "mention", "evidence", "sentence"]
# A longer sentence (a piece of text without sentence punctuation, up to 4,000 characters) is shown as the words around
# the mention; the longest of 63,866 sentences of news has 684 characters (analysis.text.tokens.MAX_SENTENCE_CHARS).
EVIDENCE_MAX_CHARS = 700


def stance_evidence(mentions: pd.DataFrame, *, n: int = 2, corpus: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sentences that show each source's stance toward each actor: its most negative and most positive mentions.

    Only mentions in the author's voice with a non-zero score are candidates, and of them, when the
    table has the column ``has_evidence``, only those that carry evidence: the mentions the article's
    stance counts. (A mention the model scores from the sentence's mood, with no words of the rules
    aimed at it, or with words that point the other way, counts 0 there and is not shown as a reason.)

    Args:
        mentions: The ``mentions`` table with a ``source`` column and either a ``sentence`` column
            (:func:`analysis.measures.stance.mention_sentences`) or the offsets ``sentence_start``
            and ``sentence_end`` of ``mentions.csv``, with ``corpus``.
        n: Mentions per actor, source and direction.
        corpus: The corpus that was scored: the sentences of the chosen mentions only are cut from
            its texts (on a large corpus, cutting every mention's sentence cost seconds and
            hundreds of MB). Not needed when ``mentions`` has a ``sentence`` column.

    Returns:
        ``(evidence, highlights)`` with columns ``target, source, kind, id, score, mention,
        evidence, sentence``; ``kind`` is ``most negative`` or ``most positive``; ``evidence``
        is the model's words when a model scored the mention, else the rules'. ``evidence``
        holds up to ``n`` of each kind per actor and source (ties by id, then position);
        ``highlights`` the most negative and the most positive mention of each actor overall,
        sorted by actor, then score.
    """
    author = mentions[mentions["voice"] == "author"] if "voice" in mentions.columns else mentions
    keep = author["score"] != 0
    if "has_evidence" in author.columns:
        keep &= author["has_evidence"].astype(bool)
    scored = author[keep]
    if "sentence" not in scored.columns and corpus is None:
        raise ValueError("stance_evidence: mentions has no sentence column; pass corpus= (the corpus that was scored) "
                         "to cut the chosen mentions' sentences from it.")
    picked: list[tuple[str, pd.Series]] = []
    for (_actor, _source), group in scored.groupby(["target", "source"], sort=True):
        group = group.sort_values(["score", "id", "start"], kind="stable")
        picked += [("most negative", r) for _, r in group.head(n).iterrows() if r["score"] < 0]
        picked += [("most positive", r) for _, r in group.iloc[::-1].head(n).iterrows() if r["score"] > 0]
    if "sentence" in scored.columns:
        sentences = [r["sentence"] for _, r in picked]
    else:
        sentences = mention_sentences(pd.DataFrame([r for _, r in picked], columns=scored.columns), corpus).tolist()
        texts = None
        for k, (_kind, r) in enumerate(picked):
            if len(sentences[k]) > EVIDENCE_MAX_CHARS:  # a piece of unpunctuated text: the words around the mention
                texts = texts or dict(zip(corpus["id"].astype(str), corpus["text"]))
                a = int(r["sentence_start"])
                sentence, mention = texts[str(r["id"])][a : int(r["sentence_end"])], " ".join(str(r["text"]).split())
                left, right = context(sentence, int(r["start"]) - a, int(r["end"]) - a,
                                      chars=max((EVIDENCE_MAX_CHARS - len(mention)) // 2, 0))
                sentences[k] = left + mention + right
    rows = [{"target": r["target"], "source": r["source"], "kind": kind, "id": r["id"], "score": r["score"],
             "mention": r["text"], "evidence": r.get("model_evidence") or r["evidence"], "sentence": sentence}
            for (kind, r), sentence in zip(picked, sentences)]
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    highlights = pd.concat([evidence[evidence["kind"] == "most negative"].sort_values(["score", "id"]).groupby("target").head(1),
                            evidence[evidence["kind"] == "most positive"].sort_values(["score", "id"], ascending=[False, True])
                            .groupby("target").head(1)]).sort_values(["target", "score"])
    return evidence, highlights


def interval_records(summary: pd.DataFrame, measure: str, *, order: list[str]) -> list[dict]:
    """One measure's rows of :func:`analysis.compare.stats.group_summary` as the results files record them.

    Args:
        summary: The table ``group_summary(..., by="source")`` returns.
        measure: The measure whose rows are taken.
        order: The sources, in the order of the records. One without a row (every article of it a near-duplicate
            of another source's, left out of the statistics) has no record.

    Returns:
        ``{"source", "n_articles", "mean", "ci_low", "ci_high", "small_n"}`` per source.

    Example:
        >>> summary = pd.DataFrame({"source": ["B", "A"], "measure": ["m", "m"], "n_articles": [2, 5], "mean": [1.5, 0.5],
        ...                         "ci_low": [1.0, 0.0], "ci_high": [2.0, 1.0], "small_n": [True, False]})
        >>> [(r["source"], r["n_articles"], r["small_n"]) for r in interval_records(summary, "m", order=["A", "C", "B"])]
        [('A', 5, False), ('B', 2, True)]
    """
    rows = summary[summary["measure"] == measure].set_index("source")
    rows = rows.loc[[s for s in order if s in rows.index]]
    return [{"source": s, "n_articles": int(r.n_articles), "mean": r["mean"], "ci_low": r.ci_low,
             "ci_high": r.ci_high, "small_n": bool(r.small_n)} for s, r in rows.iterrows()]


def loaded_article_records(articles: pd.DataFrame) -> list[dict]:
    """``results/02_loaded_language.json``'s ``articles``: per article, by id, ``id, source, loaded_n, per_1k,
    author_per_1k, intensity`` from the ``articles`` score table.

    Example:
        >>> articles = pd.DataFrame({"id": ["b", "a"], "source": ["S", "T"], "loaded_n": [2, 0], "loaded_per_1k": [4.0, 0.0],
        ...                          "loaded_author_per_1k": [2.0, 0.0], "loaded_intensity": [6.5, 0.0]})
        >>> [(r["id"], r["loaded_n"], r["intensity"]) for r in loaded_article_records(articles)]
        [('a', 0, 0.0), ('b', 2, 6.5)]
    """
    return [{"id": r.id, "source": r.source, "loaded_n": int(r.loaded_n), "per_1k": r.loaded_per_1k,
             "author_per_1k": r.loaded_author_per_1k, "intensity": r.loaded_intensity}
            for r in articles.sort_values("id").itertuples(index=False)]


def top_term_records(terms: pd.DataFrame, order: list[str], *, n: int) -> dict[str, list[dict]]:
    """``results/02_loaded_language.json``'s ``top_terms``: each source's first ``n`` rows (``term, category, n``) of
    :func:`term_counts_by_source`'s table, sources in ``order`` (an empty list for a source without terms).

    Example:
        >>> terms = pd.DataFrame({"source": ["A", "A", "B"], "term": ["x", "y", "x"], "category": ["c"] * 3, "n": [3, 1, 2]})
        >>> top_term_records(terms, ["B", "A", "C"], n=1)
        {'B': [{'term': 'x', 'category': 'c', 'n': 2}], 'A': [{'term': 'x', 'category': 'c', 'n': 3}], 'C': []}
    """
    return {s: terms[terms["source"] == s].head(n)[["term", "category", "n"]].to_dict("records") for s in order}


def stance_matrix(stance: pd.DataFrame, *, order: list[str], actors: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Notebook 03's source x actor table: mean article stance, mentions, and each cell's label.

    Args:
        stance: The ``stance`` table with the corpus's ``source`` (:func:`analysis.tables.read.read_scores`).
        order: Sources (rows).
        actors: Actors (columns).

    Returns:
        ``(means, counts, labels)``: the mean article stance (NaN where the source never mentions
        the actor), the number of mentions (0 there), and the text of each cell (``+0.12`` over the
        mentions in brackets; empty there).

    Example:
        >>> stance = pd.DataFrame({"source": ["A", "A"], "target": ["X", "X"], "stance": [0.5, -0.25], "n_mentions": [2, 1]})
        >>> stance_matrix(stance, order=["A", "B"], actors=["X"])[2]["X"].tolist()
        ['+0.12\\n(3)', '']
    """
    means = stance.groupby(["source", "target"])["stance"].mean().unstack().reindex(index=order, columns=actors)
    counts = stance.groupby(["source", "target"])["n_mentions"].sum().unstack().reindex(index=order, columns=actors).fillna(0).astype(int)
    labels = means.copy().astype(object)
    for s in order:
        for a in actors:
            v = means.loc[s, a]
            labels.loc[s, a] = "" if v != v else f"{v:+.2f}\n({counts.loc[s, a]:,})"
    return means, counts, labels


def sourced_stance(stance: pd.DataFrame) -> pd.DataFrame:
    """What the articles' sources say about each actor, per source: ``source, target, sourced_stance`` (the mean
    stance of the quoted and reported mentions, ``stance_quoted``, over the articles that have any),
    ``n_sourced`` (those mentions) and ``sourced_by`` (who says it, each speaker once, sorted).

    Example:
        >>> stance = pd.DataFrame({"source": ["A", "A", "A"], "target": ["X"] * 3, "n_quoted": [1, 2, 0],
        ...                        "stance_quoted": [0.5, -0.5, 0.0], "sourced_by": ["Kremlin", "Kremlin; NATO", ""]})
        >>> sourced_stance(stance).to_dict("records")
        [{'source': 'A', 'target': 'X', 'sourced_stance': 0.0, 'n_sourced': 3, 'sourced_by': 'Kremlin; NATO'}]
    """
    return stance[stance["n_quoted"] > 0].groupby(["source", "target"]).agg(
        sourced_stance=("stance_quoted", "mean"), n_sourced=("n_quoted", "sum"),
        sourced_by=("sourced_by", lambda s: "; ".join(sorted({w for v in s for w in v.split("; ") if w}))),
    ).reset_index()


def appendix_articles(corpus: pd.DataFrame, spans: pd.DataFrame, mentions: pd.DataFrame | None = None, *,
                      max_articles: int = 20, seed: int = 1, by: str = "source") -> tuple[list[dict], bool]:
    """Articles cut into highlighted segments for the report's appendix.

    Loaded spans (not negated) are labelled by category, negated ones ``negated``, and actor
    mentions by target. Corpora larger than ``max_articles`` are sampled: up to
    ``max_articles`` articles, spread over sources in turn, drawn with ``seed``.

    Returns:
        ``(articles, sampled)``: each article ``{"id", "source", "title", "segments"}``.
    """
    chosen = corpus
    sampled = len(corpus) > max_articles
    if sampled:
        shuffled = corpus.sample(frac=1.0, random_state=seed)
        shuffled = shuffled.assign(_rank=shuffled.groupby(by).cumcount())
        chosen = shuffled.sort_values(["_rank", by, "id"], kind="stable").head(max_articles).sort_values("id")
    out = []
    for row in chosen.itertuples(index=False):
        ident = row.id
        own = spans[spans["id"] == ident]
        loaded = [(s, e, "negated" if neg else cat) for s, e, cat, neg in
                  zip(own["start"], own["end"], own["category"], own.get("negated", pd.Series(False, index=own.index)))]
        layers = [("loaded", loaded)]
        if mentions is not None and len(mentions):
            m = mentions[mentions["id"] == ident]
            layers.append(("mention", list(zip(m["start"], m["end"], m["target"]))))
        out.append({
            "id": ident,
            "source": getattr(row, by),
            "title": getattr(row, "title", "") or "",
            "segments": segments(row.text, layers),
        })
    return out, sampled


def fingerprint_tables(corpus: pd.DataFrame, tables: Mapping[str, pd.DataFrame], frames) -> dict:
    """The tables the framing fingerprint is drawn from (notebook 04 and exercise 4), for any scored corpus.

    Args:
        corpus: The corpus table (its ``source`` labels are used).
        tables: The scoring output (``articles``, ``stance``).
        frames: The frames lexicon the scores were made with.

    Returns:
        ``per_article`` (``id, source, loaded_per_1k, loaded_author_per_1k, frame_*``),
        ``stance_means`` and ``stance_counts`` (sources x actors), ``frame_means`` (sources x
        frames), ``order`` and ``palette``.
    """
    from analysis.plotting.charts import source_order, source_palette

    frame_cols = [f"frame_{f}" for f in frames.categories]
    articles = tables["articles"].drop(columns=["source"]).merge(corpus[["id", "source"]], on="id")
    per_article = articles[["id", "source", "loaded_per_1k", "loaded_author_per_1k", *frame_cols]]
    order, palette = source_order(corpus["source"]), source_palette(corpus["source"])
    stance = tables["stance"].drop(columns=["source"], errors="ignore").merge(corpus[["id", "source"]], on="id")
    actors = sorted(stance["target"].unique())
    stance_means = stance.groupby(["source", "target"])["stance"].mean().unstack().reindex(index=order, columns=actors)
    stance_counts = (stance.groupby(["source", "target"])["n_mentions"].sum().unstack()
                     .reindex(index=order, columns=actors).fillna(0))
    frame_means = per_article.groupby("source")[frame_cols].mean().reindex(order)
    frame_means.columns = [c.removeprefix("frame_") for c in frame_cols]
    return {"per_article": per_article, "stance_means": stance_means, "stance_counts": stance_counts,
            "frame_means": frame_means, "order": order, "palette": palette}


REUSE_PAIRS_LISTED = 20  # near-duplicate pairs notebook 04 and the report list (all are counted)
# text reuse is not checked above this many articles: the default of `reuse --max-articles`, of
# statistics_corpus and of similarity_max_articles in notebooks 02, 03 and 04 (a test checks they agree)
REUSE_MAX_ARTICLES = 2_000_000


def collapse_for_statistics(corpus: pd.DataFrame, pairs, *, enabled: bool = True,
                            max_share: float = 0.5) -> tuple[pd.DataFrame, pd.DataFrame | None, str]:
    """The corpus the statistics use: one article per cluster of near-duplicates (the longest).

    Args:
        corpus: The corpus table.
        pairs: Near-duplicate pairs (:func:`analysis.compare.similarity.near_duplicates`), or the
            :class:`~analysis.compare.similarity.TextReuse` of :func:`analysis.compare.similarity.text_reuse` on
            this corpus (its clusters cover every flagged pair, also those it did not keep).
        enabled: False keeps every article.
        max_share: When collapsing would leave out more than this share of the articles, or
            leave fewer than two sources, nothing is collapsed: so many "rewrites" point to
            templated or very short texts, where word-trigram containment flags independent
            articles, rather than to syndication.

    Returns:
        ``(corpus, mapping, note)``: the corpus for the statistics; the mapping of
        :func:`analysis.compare.similarity.collapse_near_duplicates` when articles were left out (else
        None); a sentence for the summary when collapsing was refused (else "").
    """
    from analysis.compare.similarity import TextReuse, collapse_near_duplicates

    if not enabled or (pairs.n_pairs if isinstance(pairs, TextReuse) else len(pairs)) == 0:
        return corpus, None, ""
    collapsed, mapping = collapse_near_duplicates(corpus, pairs)
    dropped = int((~mapping["kept"]).sum())
    if dropped > max_share * len(corpus) or collapsed["source"].nunique() < min(2, corpus["source"].nunique()):
        note = (f"Collapsing near-duplicates would leave out {dropped:,} of the {len(corpus):,} articles"
                + (" and all but one source" if collapsed["source"].nunique() < 2 <= corpus["source"].nunique() else "")
                + "; so many flagged pairs point to templated or very short texts rather than to rewrites of one "
                  "item, so every article stays in the statistics (check the pairs).")
        return corpus, None, note
    return collapsed, mapping, ""


def statistics_corpus(corpus: pd.DataFrame, *, enabled: bool = True, threshold: float | None = None,
                      max_articles: int = REUSE_MAX_ARTICLES, cache_dir=None) -> tuple[pd.DataFrame, list[str], str]:
    """The articles per-source statistics use: near-duplicate rewrites collapsed, as in notebook 04.

    Finds the clusters of near-duplicates (:func:`analysis.compare.similarity.text_reuse`, the pairs of
    :func:`analysis.compare.similarity.near_duplicates` without holding them all) and applies
    :func:`collapse_for_statistics`; nothing is checked (every article kept) when ``enabled`` is
    False or the corpus has more than ``max_articles`` articles.

    Args:
        cache_dir: Passed to :func:`analysis.compare.similarity.text_reuse`, called as notebook 04 calls
            it (``by="source", max_pairs=REUSE_PAIRS_LISTED``), so that one kept result serves
            notebooks 02, 03 and 04.

    Returns:
        ``(corpus, dropped_ids, note)``: the articles to use, the ids left out, and the sentence of
        :func:`collapse_for_statistics` when it refused to collapse.
    """
    from analysis.compare.similarity import text_reuse

    if not enabled or len(corpus) > max_articles or len(corpus) < 2:
        return corpus, [], ""
    reuse = text_reuse(corpus, threshold=threshold, by="source", max_pairs=REUSE_PAIRS_LISTED, cache_dir=cache_dir)
    kept, mapping, note = collapse_for_statistics(corpus, reuse)
    return kept, ([] if mapping is None else mapping.loc[~mapping["kept"], "id"].tolist()), note


def sourcing_by_source(corpus: pd.DataFrame, attributions: pd.DataFrame | None, naming_spans: pd.DataFrame | None) -> dict:
    """Whom each source cites and which name variants it uses, from the ``attributions`` and ``naming_spans`` tables.

    Args:
        corpus: The articles compared (``id``, ``text``, ``source``): rows of other articles are left out.
        attributions: ``attributions.csv`` of ``python -m analysis score``.
        naming_spans: ``naming_spans.csv`` of the same run.

    Returns:
        ``{"attribution_kinds": attributions per entity class (:func:`analysis.measures.sourcing.attribution_table`),
        "cited": entities cited, pronouns left out (:func:`~analysis.measures.sourcing.cited_by_source`),
        "names": variants used, ``n > 0``, and only when the corpus is about the war the bundled variants
        belong to (:func:`~analysis.measures.sourcing.naming_in_domain`), "naming_applies", "naming_per_1k"}``.

    Raises:
        ValueError: A table is missing (scores written before ``score`` wrote it): score again.
    """
    from analysis.measures.sourcing import attribution_table, cited_by_source, naming_by_source, naming_in_domain, naming_table

    for name, table in (("attributions", attributions), ("naming_spans", naming_spans)):
        if table is None:
            raise ValueError(f"the scores have no {name}.csv (written by an older `python -m analysis score`): score again")
    kinds = attribution_table(attributions, corpus, by="source", column="entity_class")
    cited = cited_by_source(attributions, corpus, by="source")  # pronouns ("he said") left out: they name no one
    names = naming_by_source(naming_table(naming_spans, corpus))
    # the name variants are choices in news about the war in Ukraine; elsewhere "war" is just a word
    applies, per_1k = naming_in_domain(corpus)
    names = names[(names["n"] > 0) & applies]
    return {"attribution_kinds": kinds, "cited": cited, "names": names, "naming_applies": applies, "naming_per_1k": per_1k}

"""Describe a corpus in one pass over its texts (words, sentences, use of the study's vocabularies), kept for notebook 01.

Notebook 01 needs each article's words and sentences, every sentence's length, and how much of
the bundled actors, the lexicon and the frame vocabulary the corpus uses
(:func:`analysis.measures.actors.domain_fit`). :func:`describe_corpus` tokenizes each text once
for all of them. With ``cache_dir`` the description is kept (``make`` computes it in the corpus
check, ``python -m analysis corpus --describe DIR``, before any notebook runs) and read back by
a later call on the same articles with the same vocabulary files and code, so the notebook does
not tokenize the corpus again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import paths
from analysis.corpus import describe_articles
from analysis.corpus.digest import update_with_columns, update_with_package
from analysis.measures.sourcing import BOILERPLATE_ARTICLES
from analysis.text.markup import html_references, html_tags
from analysis.text.tokens import MAX_SENTENCE_CHARS, line_key, normalize_typography, tokenize_plain, unpunctuated

__all__ = ["CorpusDescription", "article_records", "boilerplate_records", "corpus_overview", "describe_corpus",
           "markup_records", "recurring_lines", "source_records", "texts_sha256", "unpunctuated_records", "with_rare_actors"]

_PREFIX = "description-"


class CorpusDescription(NamedTuple):
    """What :func:`describe_corpus` found.

    Attributes:
        stats: One row per article: ``id, source, n_words, n_sentences, mean_sentence_words``
            (as :func:`analysis.corpus.article_stats`).
        lengths: One row per sentence: ``id, source, start, end, n_words``
            (as :func:`analysis.corpus.sentence_lengths`).
        fit: :func:`analysis.measures.actors.domain_fit` of the corpus.
    """

    stats: pd.DataFrame
    lengths: pd.DataFrame
    fit: dict


def describe_corpus(corpus: pd.DataFrame, *, targets=None, lexicon=None, frames=None,
                    cache_dir: str | Path | None = None) -> CorpusDescription:
    """:func:`analysis.corpus.describe_articles` and :func:`analysis.measures.actors.domain_fit`, each text tokenized once.

    Args:
        corpus: The corpus table (``id``, ``source``, ``text``).
        targets: The targets CSV whose actors are looked for (default: the bundled ``targets.csv``).
        lexicon: The loaded-language lexicon CSV (default: the bundled lexicon).
        frames: The frame-vocabulary CSV (default: the bundled ``frames.csv``).
        cache_dir: A folder where the description is kept (a subfolder ``description-<key>``)
            and read back when the key matches: a digest of the package's code, the three
            files (path and content) and the articles (ids, sources, texts). Writing one
            removes the folder's others.

    Returns:
        A :class:`CorpusDescription`; read back or computed, the same tables and numbers.
    """
    from analysis.measures.actors import DomainFit
    from analysis.text.lexicon import prepare_text

    files = {"targets": paths.resolve(targets) if targets is not None else paths.TARGETS,
             "lexicon": paths.resolve(lexicon) if lexicon is not None else paths.LOADED_LEXICON,
             "frames": paths.resolve(frames) if frames is not None else paths.FRAMES}
    folder = key = None
    if cache_dir is not None:
        folder = Path(cache_dir)
        key = _key(corpus, files)
        found = _read(folder / f"{_PREFIX}{key}")
        if found is not None:
            return found
    fit = DomainFit(**files)
    stats, lengths = describe_articles(corpus, each=lambda ident, text, tokens, plain: fit.add(
        str(ident), text, prepare_text(text, tokens, plain=plain)))
    found = CorpusDescription(stats, lengths, fit.result())
    if folder is not None:
        _write(folder, key, found)
    return found


def _key(corpus: pd.DataFrame, files: dict[str, Path]) -> str:
    """A digest of everything a description depends on: the package's code, the vocabulary files and the articles."""
    digest = hashlib.sha256()
    update_with_package(digest)
    for name, path in files.items():
        digest.update(f"{name}={path}\0".encode())
        digest.update(Path(path).read_bytes() if Path(path).is_file() else b"<missing>")
    update_with_columns(digest, (corpus[column].astype(str) for column in ("id", "source", "text")))
    return digest.hexdigest()[:32]


def _read(folder: Path) -> CorpusDescription | None:
    try:
        stats = pd.read_parquet(folder / "stats.parquet")
        lengths = pd.read_parquet(folder / "sentences.parquet")
        fit = json.loads((folder / "domain.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return CorpusDescription(stats, lengths, fit)


def _write(folder: Path, key: str, found: CorpusDescription) -> None:
    """Write the description under ``folder/description-<key>`` (through a temporary folder and a rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{_PREFIX}{key}.{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        found.stats.to_parquet(tmp / "stats.parquet", index=False)
        found.lengths.to_parquet(tmp / "sentences.parquet", index=False)
        (tmp / "domain.json").write_text(json.dumps(found.fit), encoding="utf-8")
        target = folder / f"{_PREFIX}{key}"
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    for other in folder.glob(f"{_PREFIX}*"):
        if other.name != target.name:
            shutil.rmtree(other, ignore_errors=True)


def corpus_overview(corpus: pd.DataFrame, stats: pd.DataFrame) -> pd.DataFrame:
    """One row per article, in the corpus's order: ``id, source``, ``title`` and ``date`` when the corpus has them,
    then ``n_words, n_sentences, mean_sentence_words`` from ``stats`` (:attr:`CorpusDescription.stats`).

    Example:
        >>> corpus = pd.DataFrame({"id": ["b", "a"], "source": ["s", "t"], "text": ["x", "y"], "title": ["B", "A"]})
        >>> stats = pd.DataFrame({"id": ["a", "b"], "n_words": [3, 5], "n_sentences": [1, 2], "mean_sentence_words": [3.0, 2.5]})
        >>> corpus_overview(corpus, stats).to_dict("records")[0]
        {'id': 'b', 'source': 's', 'title': 'B', 'n_words': 5, 'n_sentences': 2, 'mean_sentence_words': 2.5}
    """
    return corpus[["id", "source"] + [c for c in ("title", "date") if c in corpus.columns]].merge(
        stats[["id", "n_words", "n_sentences", "mean_sentence_words"]], on="id"
    )


def texts_sha256(corpus: pd.DataFrame) -> str:
    """The corpus's texts' fingerprint in ``results/01_corpus.json`` (``corpus_sha256``): the SHA-256 of the
    hexadecimal SHA-256 of each text (UTF-8), in the order of the ids, one after another.

    It depends on the texts and their ids only, not on the files they came from (``score_run.json``'s
    corpus ``sha256`` is of the files, :func:`analysis.tables.provenance.corpus_sha256`).

    Example:
        >>> corpus = pd.DataFrame({"id": ["b", "a"], "text": ["second", "first"]})
        >>> texts_sha256(corpus) == hashlib.sha256((hashlib.sha256(b"first").hexdigest()
        ...                                         + hashlib.sha256(b"second").hexdigest()).encode()).hexdigest()
        True
    """
    return hashlib.sha256("".join(hashlib.sha256(t.encode("utf-8")).hexdigest()
                                  for t in corpus.sort_values("id")["text"]).encode()).hexdigest()


def article_records(corpus: pd.DataFrame, overview: pd.DataFrame) -> list[dict]:
    """``results/01_corpus.json``'s ``articles``: per article (in the corpus's order) its ``id, source, title``
    ("" without a title column), ``words``, ``sentences`` and the SHA-256 of its text (UTF-8).

    Args:
        corpus: The corpus table (``id``, ``source``, ``text``, optional ``title``).
        overview: :func:`corpus_overview` of it (the same order).
    """
    return [
        {"id": r.id, "source": r.source, "title": r.title if "title" in corpus.columns else "",
         "words": int(r.n_words), "sentences": int(r.n_sentences),
         "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
        for r, text in zip(overview.itertuples(index=False), corpus["text"])
    ]


def source_records(by_source: pd.DataFrame, order: list[str]) -> list[dict]:
    """``results/01_corpus.json``'s ``sources``: ``source, articles, words, sentences`` per source, in ``order``.

    Args:
        by_source: :func:`analysis.corpus.summarize_by_source`'s table (``source, articles, words, sentences``).
        order: The sources (each must have a row).

    Example:
        >>> table = pd.DataFrame({"source": ["B", "A"], "articles": [1, 2], "words": [10, 30], "sentences": [1, 3]})
        >>> source_records(table, ["A", "B"])[0]
        {'source': 'A', 'articles': 2, 'words': 30, 'sentences': 3}
    """
    return [{"source": s, "articles": int(r.articles), "words": int(r.words), "sentences": int(r.sentences)}
            for s, r in by_source.set_index("source").loc[order].iterrows()]


def unpunctuated_records(corpus: pd.DataFrame, *, max_ids: int = 10) -> dict:
    """``results/01_corpus.json``'s ``unpunctuated``: the articles without sentence punctuation over more than
    :data:`~analysis.text.tokens.MAX_SENTENCE_CHARS` characters (:func:`analysis.text.tokens.unpunctuated`: a
    transcript, a caption track), whose sentences are pieces of at most that length.

    Returns:
        ``{"n", "ids", "max_chars"}``: how many, the first ``max_ids`` ids in the corpus's order, and the length.

    Example:
        >>> corpus = pd.DataFrame({"id": ["a", "b"], "text": ["word " * 1000, "A sentence. " * 1000]})
        >>> unpunctuated_records(corpus)
        {'n': 1, 'ids': ['a'], 'max_chars': 4000}
    """
    ids = [i for i, text in zip(corpus["id"], corpus["text"]) if unpunctuated(text)]
    return {"n": len(ids), "ids": ids[:max_ids], "max_chars": MAX_SENTENCE_CHARS}


def markup_records(corpus: pd.DataFrame, *, max_ids: int = 10, max_references: int = 5) -> dict:
    """``results/01_corpus.json``'s ``markup``: the articles whose text holds HTML tags or character references
    (:mod:`analysis.text.markup`), which are scored as text.

    Returns:
        ``{"tags": {"n", "ids"}, "references": {"n", "ids", "common"}}``: how many articles hold each, the
        first ``max_ids`` ids in the corpus's order, and the ``max_references`` commonest references with
        the number of times each occurs (most first; ties in order of first occurrence).

    Example:
        >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "text": [
        ...     "<p>He said &quot;no&quot;.</p>", "It&#8217;s &quot;fine&quot;.", "Plain."]})
        >>> markup_records(corpus)
        {'tags': {'n': 1, 'ids': ['a']}, 'references': {'n': 2, 'ids': ['a', 'b'], 'common': [['&quot;', 4], ['&#8217;', 1]]}}
    """
    tagged: list[str] = []
    referenced: list[str] = []
    counts: Counter[str] = Counter()
    for ident, text in zip(corpus["id"], corpus["text"]):
        if html_tags(text):
            tagged.append(ident)
        found = html_references(text)
        if found:
            referenced.append(ident)
            counts.update(found)
    return {"tags": {"n": len(tagged), "ids": tagged[:max_ids]},
            "references": {"n": len(referenced), "ids": referenced[:max_ids],
                           "common": [[r, n] for r, n in counts.most_common(max_references)]}}


def _lines(text: str) -> set[str]:
    """An article's lines (paragraphs) as :func:`~analysis.text.tokens.line_key` gives them, those with a letter or digit."""
    return {key for key in map(line_key, text.split("\n")) if key and any(c.isalnum() for c in key)}


def recurring_lines(corpus: pd.DataFrame, *, by: str = "source", min_articles: int = BOILERPLATE_ARTICLES) -> pd.DataFrame:
    r"""The lines (paragraphs, compared word for word, white space aside) that recur in ``min_articles`` or more
    articles of one ``by`` group: site boilerplate (a copyright notice, an appeal for support, a sign-up line) or a
    paragraph reused between versions of a story. The rule of :func:`analysis.measures.sourcing.repeated_lines`.

    They are scored as text like any other: their words count toward their source's loaded language, stance,
    frames and distinctive words, and articles that share them look alike to text reuse.

    Returns:
        ``<by>, line, n_articles, n_words`` (words as ``article_stats`` counts them), sorted by group, then the
        most articles first, then line.

    Example:
        >>> c = pd.DataFrame({"id": list("abcde"), "source": ["S", "S", "S", "T", "T"], "text": [
        ...     "Talks failed.\nAll rights  reserved.", "Talks resumed.\nAll rights reserved.",
        ...     "Talks ended.\n All rights reserved.\n\n***", "All rights reserved.\n***", "Talks failed."]})
        >>> recurring_lines(c).values.tolist()
        [['S', 'All rights reserved.', 3, 3]]
    """
    # Two passes: counting hashes of (group, line) keeps memory small on a large corpus; the second keeps only the
    # lines whose hash recurs and counts them exactly (a collision of hashes cannot merge two lines).
    groups = corpus[by].astype(str)
    hashes = []
    for group, text in zip(groups, corpus["text"]):
        hashes.extend(hash((group, key)) for key in _lines(text))
    values, counts = np.unique(np.array(hashes, dtype=np.int64), return_counts=True)
    frequent = set(values[counts >= min_articles].tolist())
    del hashes, values, counts
    found: dict[tuple[str, str], int] = {}
    if frequent:
        for group, text in zip(groups, corpus["text"]):
            for key in _lines(text):
                if hash((group, key)) in frequent:
                    found[(group, key)] = found.get((group, key), 0) + 1
    rows = [(group, line, n, len(tokenize_plain(normalize_typography(line))))
            for (group, line), n in found.items() if n >= min_articles]
    table = pd.DataFrame(rows, columns=[by, "line", "n_articles", "n_words"])
    table = table.sort_values([by, "n_articles", "line"], ascending=[True, False, True], kind="stable")
    return table.astype({"n_articles": "int64", "n_words": "int64"}).reset_index(drop=True)


def boilerplate_records(lines: pd.DataFrame, words: dict[str, int], *, by: str = "source", max_lines: int = 10,
                        max_chars: int = 120) -> dict:
    """``results/01_corpus.json``'s ``boilerplate``: what :func:`recurring_lines` found, per source and its commonest lines.

    Args:
        lines: :func:`recurring_lines`'s table.
        words: Each group's words (``article_stats``'s ``n_words`` summed).

    Returns:
        ``{"min_articles", "n_lines", "sources", "lines"}``: ``sources`` per group with recurring lines, the
        largest share first: ``source, n_lines, words`` (their words summed over every copy) and ``share`` (of
        the group's words); ``lines`` the ``max_lines`` with the most words over their copies (cut to
        ``max_chars`` characters with "…"): ``source, line, n_articles, n_words``.

    Example:
        >>> lines = pd.DataFrame({"source": ["S", "S"], "line": ["All rights reserved.", "Subscribe now."],
        ...                       "n_articles": [40, 3], "n_words": [4, 3]})
        >>> r = boilerplate_records(lines, {"S": 1000, "T": 500})
        >>> r["n_lines"], r["sources"], r["lines"][1]
        (2, [{'source': 'S', 'n_lines': 2, 'words': 169, 'share': 0.169}], {'source': 'S', 'line': 'Subscribe now.', 'n_articles': 3, 'n_words': 3})
    """
    lines = lines.assign(_copies=lines["n_articles"] * lines["n_words"])
    sources = []
    for group, part in lines.groupby(by, sort=True):
        total = int(part["_copies"].sum())
        sources.append({"source": str(group), "n_lines": len(part), "words": total,
                        "share": total / words[group] if words.get(group) else 0.0})
    sources.sort(key=lambda r: -r["share"])
    top = lines.sort_values("_copies", ascending=False, kind="stable").head(max_lines)
    cut = lambda t: t if len(t) <= max_chars else t[: max_chars - 1].rstrip() + "…"  # noqa: E731
    return {"min_articles": BOILERPLATE_ARTICLES, "n_lines": len(lines), "sources": sources,
            "lines": [{"source": str(r[by]), "line": cut(r["line"]), "n_articles": int(r["n_articles"]),
                       "n_words": int(r["n_words"])} for _, r in top.iterrows()]}


def with_rare_actors(fit: dict, rare_share: float) -> dict:
    """A copy of :attr:`CorpusDescription.fit` with ``rare_share`` and ``rare_actors``: the actors mentioned in
    fewer than that share of the articles, in the order of ``fit["actors"]``.

    Example:
        >>> fit = {"actors": [{"actor": "X", "share": 0.5}, {"actor": "Y", "share": 0.05}]}
        >>> with_rare_actors(fit, 0.1)["rare_actors"], "rare_actors" in fit
        (['Y'], False)
    """
    fit = dict(fit)
    fit["rare_share"] = rare_share
    fit["rare_actors"] = [a["actor"] for a in fit["actors"] if a["share"] < rare_share]
    return fit

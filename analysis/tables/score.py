"""Score a corpus end to end (loaded language, frames, stance) and write the output tables (``docs/outputs.md``) atomically.

Two ways in:

* :class:`Scorer` and :func:`score_corpus` score a corpus table in memory (a pure function of
  the articles: any chunk of a corpus can be scored on its own);
* :func:`score_path` streams a corpus file or folder through the scorer a chunk at a time, on
  pandas (one process, or several local ones) or Dask, and writes the output CSVs with bounded
  memory, resumably and atomically. The bytes written do not depend on the engine, the number of
  processes, the chunk size or the input order.

How :func:`score_path` works: each chunk of articles (:func:`analysis.corpus.stream.iter_chunks`) is
scored into a *part*: the CSV rows of every table (no header), sorted by id, with the number of
bytes each article takes in each table. Parts are written to ``OUT/.score-parts/KEY/``, where
``KEY`` is a digest of the input (path, sizes, modification times), the lexicons and the other
resources, the parameters, the chunk size and the package's code: a rerun of the same command
skips the parts that are already there (resuming an interrupted run), and anything else starts
afresh. When every chunk is scored, the parts are merged by id into a staging folder (when the
input is sorted by id this is a plain concatenation; otherwise a k-way merge, in passes of at most
64 parts, reading each part from front to back) into a new set folder ``OUT/.sets/<id>/``, which is
made current in one atomic step (``OUT/.current`` swapped; each ``OUT/<name>.csv`` links into it,
see :func:`analysis.tables.io.publish_output_set`), and the parts are removed. A kill at any instant
leaves either the whole earlier set or the whole new one; a failure on bad input also removes the
parts (they could never be reused), an interruption keeps them. A run holds a lock on ``OUT``
(a second run on the same folder stops with a clear error) and first removes what killed runs
left behind (sets that are not current, parts of other runs).
"""

from __future__ import annotations

import gc
import hashlib
import heapq
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths
from analysis.corpus.digest import update_with_package
from analysis.corpus.stream import DEFAULT_CHUNK_SIZE
from analysis.tables.io import CSV_OPTIONS as _CSV_OPTIONS
from analysis.tables.io import csv_body, write_csv
from analysis.tables.provenance import RUN_FILE, render, run_record

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_SPAN_MODEL",
    "DEFAULT_STANCE",
    "ENGINES",
    "OUTPUT_FILES",
    "Part",
    "ScoreError",
    "SPAN_MODEL_AUTO",
    "SPAN_MODEL_BUNDLED",
    "SPAN_MODEL_NONE",
    "ScoreRun",
    "Scorer",
    "check_paths",
    "score_corpus",
    "score_part",
    "score_path",
    "span_model_for",
    "write_scores",
]

# file name -> table key; the order is the order of writing
OUTPUT_FILES = {
    "articles.csv": "articles",
    "spans.csv": "spans",
    "mentions.csv": "mentions",
    "stance.csv": "stance",
    "frame_spans.csv": "frame_spans",
    "attributions.csv": "attributions",
    "naming_spans.csv": "naming_spans",
}
# How mentions are scored (``score --stance``): "roles" the bundled model data/models/stance_newsmtsc_roles.json
# (v6, the default: v4's features with the words the rules give a role (harm suffered, a bad thing reduced, blame
# rejected, a speech act and its charge) taken out of its learned features; it meets the held-out NewsMTSC targets
# and scores issue 15's failure sentences as the codebook asks, see docs/validation_stance.md), "vectors" the
# bundled model with static word vectors data/models/stance_newsmtsc_vectors.json (v4), "model" the bundled model
# without them, stance_newsmtsc.json (v3), "rules" the rule-based scorer. DEFAULT_STANCE is the default of `score`, of Scorer.load and so of make report, the
# notebooks, the Dask and streaming paths and the bench.
STANCE_CHOICES = ("model", "vectors", "roles", "rules")
DEFAULT_STANCE = "roles"
# The bundled model file of each model choice.
STANCE_MODEL_FILES = {"model": paths.STANCE_MODEL, "vectors": paths.STANCE_MODEL_VECTORS, "roles": paths.STANCE_MODEL_ROLES}
# Which loaded-language spans are reported and counted (``score --span-model``): by default those the bundled
# span re-ranker (data/lexicons/loaded_span_model.json) keeps; SPAN_MODEL_NONE reports every lexicon span
# (the transparent lexicon alone, for teaching and comparison; see docs/validation_loaded.md).
# The default, SPAN_MODEL_AUTO, applies the re-ranker only to the lexicon it was fitted for (span_model_for);
# SPAN_MODEL_BUNDLED forces the bundled re-ranker on any lexicon.
SPAN_MODEL_AUTO = "auto"
SPAN_MODEL_BUNDLED = "bundled"
DEFAULT_SPAN_MODEL = SPAN_MODEL_AUTO
SPAN_MODEL_NONE = "none"


def span_model_for(span_model: str | Path | bool | None, lexicon: str | Path | None) -> tuple[str | Path | bool | None, str]:
    """The re-ranker to apply with this lexicon, and why (``--span-model auto``, the default).

    The bundled re-ranker reads each span's weight as the bundled lexicon's (three times the term's
    precision estimated on development data; the domain packs' hand-set weights are on the scale of
    its hand-set priors) and was fitted on its candidate spans. So ``auto`` applies it when the lexicon
    is the bundled one (none given, its path, or a byte-identical copy) and otherwise counts every
    span: another lexicon's weights are on a scale the model was not fitted for. Any other value
    (``"bundled"``/True, ``"none"``/False/None, a file) is kept as it is.

    Returns:
        ``(span_model, reason)``: ``span_model`` as :meth:`Scorer.load` takes it (True, False or a
        path); ``reason`` is "" unless ``auto`` turned the re-ranker off, then one sentence saying why.

    Example:
        >>> span_model_for("auto", None)
        (True, '')
        >>> span_model_for("none", None)
        (False, '')
    """
    if span_model in (SPAN_MODEL_BUNDLED, True):
        return True, ""
    if span_model in (SPAN_MODEL_NONE, False, None):
        return False, ""
    if span_model != SPAN_MODEL_AUTO:
        return span_model, ""
    if lexicon is None or _same_file(Path(lexicon).expanduser(), paths.LOADED_LEXICON):
        return True, ""
    return False, (f"the lexicon {paths.display(lexicon)} is not the bundled one that the span re-ranker was fitted "
                   "for (its weights may be on another scale)")


def _same_file(path: Path, bundled: Path) -> bool:
    """Whether ``path`` is the bundled lexicon or a byte-identical copy of it."""
    try:
        if path.resolve() == bundled.resolve():
            return True
        return path.stat().st_size == bundled.stat().st_size and path.read_bytes() == bundled.read_bytes()
    except OSError:
        return False
XLSX_FILE = "scores.xlsx"  # with --xlsx: every table as a sheet, safe to open in a spreadsheet
# with --format parquet: each table also as typed Parquet, beside its CSV (in the same set)
PARQUET_FILES = [name.replace(".csv", ".parquet") for name in OUTPUT_FILES]
# RUN_FILE (score_run.json): what made the set (analysis.tables.provenance)
SET_FILES = [*OUTPUT_FILES, RUN_FILE, *PARQUET_FILES, XLSX_FILE]  # every file an output set can hold


@dataclass
class Scorer:
    """The resources a scoring run uses, loaded once and reused for every chunk of articles.

    Build it with :meth:`Scorer.load`; call it on a corpus table (or any chunk of one).
    """

    lexicon: object
    targets: object | None = None
    frames: object | None = None
    stance_model: object | None = None
    domains: tuple[str, ...] = ()
    # The lexicon stance reads (the core one, without domain packs): the shipped stance model was
    # trained with the core lexicon's evidence, so packs change loaded language, not stance.
    stance_lexicon: object | None = None
    # Organisations and naming variants (analysis.measures.sourcing.Sourcing): attributions, naming spans.
    sourcing: object | None = None
    # An article longer than this many characters is scored block by block (bounded memory,
    # analysis.tables.long_articles; blocks of at most this and analysis.text.article.BLOCK_CHARS);
    # None: analysis.text.article.LONG_ARTICLE_CHARS.
    block_chars: int | None = None
    # The loaded-language span re-ranker (analysis.measures.loaded_model.SpanModel; ``score --span-model``):
    # spans below its threshold are not reported nor counted. Scorer.load sets the bundled one by default;
    # None: every lexicon span.
    span_model: object | None = None
    # What Scorer.load loaded, with the paths as given (analysis.tables.provenance.scorer_sources), for the
    # run's score_run.json; None for a Scorer built otherwise (its files are then "unknown" there).
    sources: dict | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(
        cls,
        *,
        lexicon: str | Path | None = None,
        domains: Sequence[str] = (),
        targets: str | Path | None = None,
        frames: str | Path | None = None,
        stance_model: str | Path | None = None,
        allow_pickle: bool = False,
        stance: str = DEFAULT_STANCE,
        span_model: str | Path | bool | None = SPAN_MODEL_AUTO,
    ) -> "Scorer":
        """Load the lexicon, targets, frames and the stance model.

        Args:
            lexicon: Loaded-language lexicon CSV (default: the bundled one).
            targets: Targets CSV (default: the bundled one, if present).
            frames: Frames CSV (default: the bundled one, if present).
            stance_model: A model file from ``python -m analysis stance train``, scored instead of the
                bundled model of ``stance`` ("roles", "vectors" or "model"; not with "rules").
            allow_pickle: Passed to the model loader, which never loads a pickle (it says so):
                models are JSON only.
            stance: ``"roles"`` (:data:`DEFAULT_STANCE`: the bundled model version 6,
                ``analysis.paths.STANCE_MODEL_ROLES``, which reads ``analysis.paths.STANCE_WORD_VECTORS``),
                ``"vectors"`` (version 4, ``analysis.paths.STANCE_MODEL_VECTORS``, the same table),
                ``"model"`` (the bundled model without them, ``analysis.paths.STANCE_MODEL``) or ``"rules"``
                (the transparent rule-based scorer, no model).
            domains: Domain packs added to the lexicon (:mod:`analysis.measures.domains`).
            span_model: The loaded-language span re-ranker: ``"auto"`` (the default) for the bundled one
                (``analysis.measures.loaded_model.SPAN_MODEL``) if ``lexicon`` is the bundled lexicon it was
                fitted for, else none (:func:`span_model_for`); ``True`` or ``"bundled"`` for the bundled one
                with any lexicon: only the spans it keeps are reported and counted (``name_calling`` and
                ``delegitimizing`` always are); a path for another model; ``None``, ``False`` or ``"none"``
                for none: every lexicon span is reported, as ``score --span-model none``.
        """
        if stance not in STANCE_CHOICES:
            raise ScoreError(f"stance={stance!r}: use 'roles' (the model with the rules' roles), 'vectors' (the model "
                             f"with word vectors), 'model' (the model without them) or 'rules' (default: {DEFAULT_STANCE!r}).")
        if stance == "rules" and stance_model:
            raise ScoreError(f"a stance model file was given with stance={stance!r}; drop one of them.")
        from analysis.measures.loaded import categories
        from analysis.measures.targets import Targets
        from analysis.text.lexicon import Lexicon

        lex = core = _read_cached(Lexicon, Path(lexicon) if lexicon else paths.LOADED_LEXICON)
        if domains:
            from analysis.measures.domains import with_packs

            lex = with_packs(lex, list(domains))
        categories(lex)  # a category that clashes with a computed column fails here, before any reading
        tgt = None
        target_path = Path(targets) if targets else paths.TARGETS
        if targets or target_path.exists():
            tgt = _read_cached(Targets, target_path)
        frm = None
        frames_path = Path(frames) if frames else paths.FRAMES
        if frames or frames_path.exists():
            frm = _read_cached(Lexicon, frames_path)
        model = None
        if stance in STANCE_MODEL_FILES:
            from analysis.measures.stance_model import check_word_vectors, load_model_cached
            from analysis.text.word_vectors import WordVectorsError

            default = STANCE_MODEL_FILES[stance]
            try:
                model = load_model_cached(stance_model or default, allow_pickle=allow_pickle)
            except FileNotFoundError as err:  # a model that is not there is bad input, not a failed write
                raise ScoreError(str(err)) from None
            try:
                check_word_vectors(model)
            except WordVectorsError as err:
                raise ScoreError(str(err)) from None
        reranker = None
        span_choice = span_model
        span_model, span_reason = span_model_for(span_model, lexicon)
        if span_model is not False:
            from analysis.measures.loaded_model import SPAN_MODEL, SpanModel, SpanModelError

            try:
                reranker = SpanModel.from_json(SPAN_MODEL if span_model is True else span_model)
            except SpanModelError as err:
                raise ScoreError(str(err)) from None
        from analysis.measures.sourcing import Sourcing
        from analysis.tables.provenance import scorer_sources

        sources = scorer_sources(lexicon=lexicon, domains=domains, targets=targets if tgt is not None else None,
                                 frames=frames if frm is not None else None, stance=stance, stance_model=stance_model,
                                 model=model, span_choice=span_choice, span_file=span_model, span_reason=span_reason,
                                 reranker=reranker)
        if tgt is None:
            sources["targets"] = None
        if frm is None:
            sources["frames"] = None
        return cls(lexicon=lex, targets=tgt, frames=frm, stance_model=model, domains=tuple(domains), stance_lexicon=core,
                   sourcing=_read_cached(Sourcing, paths.ORGANISATIONS, paths.NAMING_VARIANTS), span_model=reranker,
                   sources=sources)

    def __call__(self, corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
        """Score a chunk of articles; returns the output tables keyed as in ``OUTPUT_FILES``."""
        return score_corpus(corpus, self)


_READ_CACHE: dict[tuple, object] = {}


def _read_cached(cls, path: Path, *more: Path):
    """``cls.from_csv(path)`` (``cls.load(path, *more)`` with more files), reused while the files are unchanged
    (same size and modification time).

    Lexicons, targets and frames are read-only once built, so a notebook or a test that loads the
    same files again gets the same objects instead of validating 3,000 rows anew.
    """
    read = (lambda: cls.load(path, *more)) if more else (lambda: cls.from_csv(path))
    try:
        stats = [(str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in (path, *more)]
    except OSError:
        return read()  # the reader's own clear error
    key = (cls.__name__, *stats)
    if key not in _READ_CACHE:
        if len(_READ_CACHE) >= 16:
            _READ_CACHE.clear()
        _READ_CACHE[key] = read()
    return _READ_CACHE[key]


def score_corpus(corpus: pd.DataFrame, scorer: Scorer, *, rendered=None) -> dict[str, pd.DataFrame]:
    """Score every article of ``corpus``: a pure function of the articles and the scorer's resources.

    Args:
        corpus: The corpus table (``id``, ``source``, ``text``), or any chunk of it.
        scorer: The loaded resources.
        rendered: When given (a :class:`analysis.tables.long_articles.Rendered`), the evidence
            rows of an article scored in blocks (longer than ``scorer.block_chars``, or, with targets, without
            sentence punctuation: :func:`analysis.text.tokens.unpunctuated`) are left out of the tables and
            added to it as CSV rows, block by block (:func:`analysis.tables.long_articles.score_in_blocks`).

    Returns:
        ``articles`` (one row per article: loaded language, frames), ``spans`` (loaded-language
        evidence), ``frame_spans``, ``mentions`` and ``stance`` (empty without targets),
        ``attributions`` and ``naming_spans`` (with the scorer's ``sourcing``).
    """
    # Each article is analysed once (text.article.Article: tokens, sentences, quotations, matches
    # of each pattern set) and that is shared by loaded language, frames and stance.
    from analysis.measures import frames, loaded, sourcing, stance
    from analysis.tables.long_articles import merge_mentions, score_in_blocks
    from analysis.text.article import BLOCK_CHARS, LONG_ARTICLE_CHARS, articles
    from analysis.text.tokens import unpunctuated

    lexicon, frame_set, targets, model = scorer.lexicon, scorer.frames, scorer.targets, scorer.stance_model
    categories = loaded.categories(lexicon)
    if frame_set is not None:
        frames.check_names(frame_set)
        frame_names = list(frame_set.categories)
    if targets is not None:
        resources = stance.load_stance_resources(lexicon=scorer.stance_lexicon or lexicon)
        stance.check_model(model, resources)

    article_rows, span_rows, frame_rows, frame_span_rows, mention_rows, feature_rows = [], [], [], [], [], []
    attribution_rows, naming_rows = [], []
    if model is not None:  # each mention's feature dict is read as soon as its article is scored, then freed
        from analysis.measures.stance_model import FeatureRows

        feature_rows = FeatureRows()
    block_chars, long_mentions = scorer.block_chars or LONG_ARTICLE_CHARS, []
    for article in articles(corpus):
        # A very long article, or one without sentence punctuation (a transcript: its sentences are long pieces,
        # and each mention's stance features read all of its piece; 33 MB an 8,000-word article, which a chunk of
        # 1,000 held at once): in blocks, the stance model applied to each block's mentions, with bounded memory.
        if len(article.text) > block_chars or (targets is not None and unpunctuated(article.text)):
            done = score_in_blocks(article, scorer, categories, frame_names if frame_set is not None else [],
                                   resources if targets is not None else None, min(block_chars, BLOCK_CHARS),
                                   rendered)
            span_rows.extend(done.spans)
            article_rows.append(done.article_row)
            if frame_set is not None:
                frame_span_rows.extend(done.frame_spans)
                frame_rows.append(done.frame_row)
            attribution_rows.extend(done.attributions)
            naming_rows.extend(done.naming)
            long_mentions.append(done)
            continue
        spans = loaded.score(article, lexicon, span_model=scorer.span_model)
        span_rows.extend(spans)
        article_rows.append(loaded.article_row(article, spans, categories))
        if frame_set is not None:
            found = frames.score(article, frame_set)
            frame_span_rows.extend(found)
            frame_rows.append(frames.article_row(article, found, frame_names))
        if targets is not None:
            # The loaded-language evidence stance reads is the run's lexicon's (domain packs included).
            mentions, feats = stance.score(article, targets, resources, loaded=article.matches(lexicon),
                                           features=model if model is not None else False, with_sentence=False)
            mention_rows.extend(mentions)
            feature_rows.extend(feats)
        if scorer.sourcing is not None:
            attribution_rows.extend(sourcing.attributions(article, scorer.sourcing))
            naming_rows.extend(sourcing.naming(article, scorer.sourcing))

    articles_table, spans_table = loaded.tables(article_rows, span_rows, categories)
    tables = {"articles": articles_table, "spans": spans_table}
    if frame_set is not None:
        frame_articles, frame_spans = frames.tables(frame_rows, frame_span_rows, frame_names)
        frame_cols = ["id", *[c for c in frame_articles.columns if c.startswith("frame_")]]
        tables["articles"] = articles_table.merge(frame_articles[frame_cols], on="id", how="left", validate="one_to_one")
        tables["frame_spans"] = frame_spans
    if targets is not None:
        # mentions.csv refers to each sentence by its offsets (sentence_start, sentence_end) instead of
        # repeating it on every mention: 19.8 MB for 3,000 synthetic articles with the text, 9.7 MB
        # without; analysis.measures.stance.mention_sentences gives the text back.
        tables["mentions"], tables["stance"] = stance.tables(mention_rows, feature_rows, model, with_sentence=False)
        if long_mentions:
            tables["mentions"], tables["stance"] = merge_mentions(tables["mentions"], long_mentions)
    if scorer.sourcing is not None:
        tables["attributions"] = sourcing.attribution_frame(attribution_rows)
        tables["naming_spans"] = sourcing.naming_frame(naming_rows)
    return tables


def write_scores(tables: dict[str, pd.DataFrame], out_dir: str | Path, *, run: dict | None = None) -> list[Path]:
    """Write the tables into ``out_dir`` as one set: a reader sees every old file or every new one.

    ``run``: the content of ``score_run.json`` (:func:`analysis.tables.provenance.run_record`),
    written into the set with the tables; None: no such file (readers then say "unknown").

    The files are written into a new set folder (``out_dir/.sets/<id>/``) and made current
    together by one atomic rename (see :func:`analysis.tables.io.publish_output_set`); each
    ``out_dir/<name>.csv`` is a link into the current set. A failure or a kill at any instant
    leaves the earlier set whole; what a killed run left is removed by the next run. Another
    run writing into the same folder at the same time is refused.

    Returns:
        The paths written.
    """
    from analysis.tables.io import clean_output_folder, lock_output, new_output_set, publish_output_set

    out = Path(out_dir)
    _make_out(out)
    with lock_output(out):
        clean_output_folder(out, keep=(PARTS_DIR,))
        staged = new_output_set(out)
        try:
            for name, key in OUTPUT_FILES.items():
                if key in tables:
                    write_csv(tables[key], staged / name)
            if run is not None:
                _write_bytes(staged / RUN_FILE, render(run))
                os.chmod(staged / RUN_FILE, 0o666 & ~_umask())
        except BaseException:
            shutil.rmtree(staged, ignore_errors=True)
            raise
        return publish_output_set(out, staged, SET_FILES)


def _make_out(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ScoreError(paths.os_error_message(err, out, writing=True)) from None


# ---------------------------------------------------------------------------------------------
# Streaming: parts, merge, engines
# ---------------------------------------------------------------------------------------------

ENGINES = ("pandas", "dask")
PARTS_DIR = ".score-parts"
_FAN_IN = 64  # parts merged at once (each keeps a few files open)


class ScoreError(ValueError):
    """A scoring run that cannot start or finish; the message says why and what to do."""


@dataclass
class Part:
    """A scored chunk in output form: what a worker sends back.

    Attributes:
        ids: The chunk's article ids, sorted (the order of every table).
        headers: Table key -> CSV header line.
        bodies: Table key -> UTF-8 CSV rows, without header, sorted by id.
        sizes: Table key -> bytes each article takes in ``bodies`` (aligned with ``ids``).
        rows: Table key -> number of rows.
    """

    ids: list[str]
    headers: dict[str, str]
    bodies: dict[str, bytes]
    sizes: dict[str, list[int]]
    rows: dict[str, int]


def _csv_body(table: pd.DataFrame, ids: list[str]) -> tuple[bytes, list[int]]:
    """``table.to_csv(header=False, **CSV_OPTIONS)`` as UTF-8, and the bytes each article's rows
    take in it (aligned with ``ids``; rows of one article are adjacent)."""
    body, row_bytes = csv_body(table)
    if not len(row_bytes):
        return b"", [0] * len(ids)
    # Each run of rows with one id: its first row and its bytes.
    row_ids = table["id"].to_numpy(dtype=object)
    firsts = np.flatnonzero(np.concatenate(([True], row_ids[1:] != row_ids[:-1])))
    run_ids = row_ids[firsts].tolist()
    if len(set(run_ids)) != len(run_ids):
        seen: set = set()
        again = next(i for i in run_ids if i in seen or seen.add(i))
        raise RuntimeError(f"internal error: rows of id {again!r} are not adjacent; please report it")
    sizes = dict(zip(run_ids, np.add.reduceat(row_bytes, firsts).tolist()))
    return body, [sizes.get(i, 0) for i in ids]


@lru_cache(maxsize=64)
def _csv_header(columns: tuple) -> str:
    """The header line pandas writes for a table with these columns (made once per set of columns, not per chunk)."""
    return pd.DataFrame(columns=list(columns)).to_csv(**_CSV_OPTIONS)


def score_part(scorer: Scorer, corpus: pd.DataFrame, *, spool: Path | None = None) -> Part:
    """Score a chunk of articles into a :class:`Part` (the same function on every engine).

    Args:
        scorer: The loaded resources.
        corpus: A chunk of the corpus table.
        spool: A folder where the evidence rows of very long articles are spooled while they are
            scored (:class:`analysis.tables.long_articles.Rendered`); the part's bodies then name
            those files (written by :meth:`_PartFiles.write`). None: held in memory.
    """
    # Scoring a chunk makes millions of small objects (tokens, matches, rows) that live until the
    # chunk is done, and no reference cycles worth collecting: the collector's full passes over
    # them cost 7% of the time (2,000 synthetic articles). It is off while the chunk is scored and
    # collects afterwards, as usual; memory stays bounded by the chunk size.
    from analysis.tables.long_articles import Rendered, splice

    rendered = Rendered(spool)  # evidence rows of very long articles, as CSV rows (long_articles.py)
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            tables = score_corpus(corpus, scorer, rendered=rendered)
        finally:
            if collecting:
                gc.enable()
        ids = tables["articles"]["id"].tolist()
        part = Part(ids=ids, headers={}, bodies={}, sizes={}, rows={})
        for key in OUTPUT_FILES.values():
            if key not in tables:
                continue
            table = tables[key]
            part.headers[key] = _csv_header(tuple(table.columns))
            part.bodies[key], part.sizes[key] = _csv_body(table, ids)
            part.rows[key] = len(table)
            if rendered:
                part.bodies[key], part.sizes[key], added = splice(part.bodies[key], part.sizes[key], ids, rendered, key)
                part.rows[key] += added
    finally:
        rendered.discard()  # rows left out of the part (on an error): their spool files go
    return part


# --- part files ------------------------------------------------------------------------------


class _PartFiles:
    """One part on disk: ``NAME.<table>.csv`` bodies, ``NAME.index`` (a JSON line per article:
    id and its byte counts) and ``NAME.json`` (written last: the part is complete)."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name

    def body(self, key: str) -> Path:
        return self.folder / f"{self.name}.{key}.csv"

    @property
    def index(self) -> Path:
        return self.folder / f"{self.name}.index"

    @property
    def meta_path(self) -> Path:
        return self.folder / f"{self.name}.json"

    def done(self) -> bool:
        return self.meta_path.exists()

    def meta(self) -> dict:
        return json.loads(self.meta_path.read_text(encoding="utf-8"))

    def write(self, part: Part) -> dict:
        keys = list(part.bodies)
        for key in keys:
            if isinstance(part.bodies[key], list):  # with spooled rows (score_part's spool)
                from analysis.tables.long_articles import write_pieces

                write_pieces(self.body(key), part.bodies[key])
            else:
                _write_bytes(self.body(key), part.bodies[key])
        lines = "".join(
            json.dumps([ident, *[part.sizes[key][k] for key in keys]], ensure_ascii=False) + "\n"
            for k, ident in enumerate(part.ids)
        )
        _write_bytes(self.index, lines.encode("utf-8", "surrogatepass"))
        meta = {"keys": keys, "headers": part.headers, "rows": part.rows, "n": len(part.ids),
                "first": part.ids[0] if part.ids else None, "last": part.ids[-1] if part.ids else None}
        _write_bytes(self.meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        return meta

    def entries(self) -> Iterator[list]:
        with open(self.index, encoding="utf-8", errors="surrogatepass") as handle:
            for line in handle:
                yield json.loads(line)

    def remove(self, keys: list[str]) -> None:
        for path in [*(self.body(k) for k in keys), self.index, self.meta_path]:
            path.unlink(missing_ok=True)


def _write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _merge(parts: list[_PartFiles], keys: list[str], outputs: dict[str, object], index_out=None) -> tuple[str | None, str | None, int]:
    """Merge parts by id into open binary files ``outputs[key]`` (and an index); returns first, last, n."""
    handles = {(p, k): open(part.body(k), "rb") for p, part in enumerate(parts) for k in keys}  # noqa: SIM115
    try:
        streams = [_tagged(part.entries(), p) for p, part in enumerate(parts)]
        first = last = None
        n = 0
        for ident, p, sizes in heapq.merge(*streams):
            if ident == last:
                raise RuntimeError(f"internal error: id {ident!r} was scored twice; please report it")
            if first is None:
                first = ident
            last = ident
            n += 1
            for key, size in zip(keys, sizes):
                if size:
                    outputs[key].write(handles[(p, key)].read(size))
            if index_out is not None:
                index_out.write(json.dumps([ident, *sizes], ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n")
        return first, last, n
    finally:
        for handle in handles.values():
            handle.close()


def _tagged(entries: Iterator[list], p: int) -> Iterator[tuple]:
    for e in entries:
        yield e[0], p, e[1:]


def _merge_to(parts: list[_PartFiles], keys: list[str], folder: Path, name: str, headers: dict, rows: dict) -> _PartFiles:
    """Merge parts into one new (intermediate) part."""
    out = _PartFiles(folder, name)
    outputs = {k: open(out.body(k), "wb") for k in keys}  # noqa: SIM115
    try:
        with open(out.index, "wb") as index_out:
            first, last, n = _merge(parts, keys, outputs, index_out)
    finally:
        for handle in outputs.values():
            handle.close()
    meta = {"keys": keys, "headers": headers, "rows": rows, "n": n, "first": first, "last": last}
    _write_bytes(out.meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return out


def _write_outputs(parts: list[_PartFiles], metas: list[dict], staging: Path) -> dict[str, Path]:
    """Write the final CSVs (header + rows sorted by id) into ``staging``; returns key -> path."""
    keys = metas[0]["keys"] if metas else []
    headers = metas[0]["headers"] if metas else {}
    for meta in metas:
        if meta["keys"] != keys or meta["headers"] != headers:
            raise ScoreError("the parts of this run disagree on their columns; remove the output folder's .score-parts and rerun")
    files = {key: staging / name for name, key in OUTPUT_FILES.items() if key in keys}
    nonempty = [(part, meta) for part, meta in zip(parts, metas) if meta["n"]]
    ordered = sorted(nonempty, key=lambda pm: pm[1]["first"])
    in_order = all(a[1]["last"] < b[1]["first"] for a, b in zip(ordered, ordered[1:]))
    outputs = {k: open(path, "wb") for k, path in files.items()}  # noqa: SIM115
    try:
        for key in keys:
            outputs[key].write(headers[key].encode("utf-8"))
        if in_order:  # sorted (or sortable) chunks: concatenate
            for part, _meta in ordered:
                for key in keys:
                    with open(part.body(key), "rb") as handle:
                        shutil.copyfileobj(handle, outputs[key], 1 << 20)
        else:
            runs = [part for part, _meta in nonempty]
            level = 0
            while len(runs) > _FAN_IN:
                merged = []
                for g in range(0, len(runs), _FAN_IN):
                    group = runs[g : g + _FAN_IN]
                    merged.append(_merge_to(group, keys, staging, f"run-{level}-{g // _FAN_IN:06d}", headers, {}))
                    if level:
                        for run in group:
                            run.remove(keys)
                runs = merged
                level += 1
            _merge(runs, keys, outputs)
            if level:
                for run in runs:
                    run.remove(keys)
    finally:
        for handle in outputs.values():
            handle.close()
    return files


# --- fingerprints ----------------------------------------------------------------------------


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    update_with_package(digest)
    return digest.hexdigest()


def scorer_fingerprint(scorer: Scorer) -> str:
    """A digest of everything a :class:`Scorer` scores with (lexicon, targets, frames, cues, model)."""
    import pickle

    from analysis.measures.stance import load_stance_resources

    digest = hashlib.sha256()
    for name, obj in (("lexicon", scorer.lexicon), ("targets", scorer.targets), ("frames", scorer.frames)):
        entries = getattr(obj, "entries", None)
        text = "none" if entries is None else entries.to_csv(index=False)
        digest.update(f"{name}\0{text}\0".encode("utf-8", "surrogatepass"))
    if scorer.targets is not None:
        cues = load_stance_resources(lexicon=scorer.stance_lexicon or scorer.lexicon).cues
        digest.update(cues.entries.to_csv(index=False).encode("utf-8", "surrogatepass"))
    if scorer.stance_model is not None:
        digest.update(pickle.dumps(scorer.stance_model))
    if scorer.sourcing is not None:
        digest.update(scorer.sourcing.entries().encode("utf-8", "surrogatepass"))
    if scorer.block_chars is not None:
        digest.update(f"block_chars\0{scorer.block_chars}\0".encode())
    if scorer.span_model is not None:
        digest.update(f"span_model\0{scorer.span_model!r}\0".encode())
    return digest.hexdigest()


# --- the run ---------------------------------------------------------------------------------


@dataclass
class ScoreRun:
    """What :func:`score_path` did.

    Attributes:
        written: The output files.
        n_articles: Articles scored.
        rows: Table key -> rows written.
        chunks: Chunks in the run; ``resumed`` of them came from an earlier, interrupted run.
        resumed: See ``chunks``.
    """

    written: list[Path] = field(default_factory=list)
    n_articles: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    chunks: int = 0
    resumed: int = 0


def _check_int(name: str, value: object, *, low: int = 1) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an integer, not {type(value).__name__} {value!r}")
    if value < low:
        raise ValueError(f"{name} must be at least {low}, not {value}")
    return value


def check_paths(input_path: str | Path, out_dir: str | Path) -> None:
    """Fail fast, before any work: an input that is missing or of an unsupported kind
    (:class:`analysis.corpus.CorpusError`), or an output folder that would write into the input or
    ``data/raw`` (:class:`ScoreError`). :func:`score_path` checks the same; ``score`` asks first, before
    ``--targets auto`` reads the corpus."""
    from analysis.corpus.stream import corpus_kind

    input_path, out = Path(input_path).expanduser(), Path(out_dir).expanduser()
    corpus_kind(input_path)
    _check_out(input_path, out)


def _check_out(input_path: Path, out: Path) -> None:
    """Refuse output folders that would write into the input or into data/raw."""
    out_r = out.resolve()
    inp = input_path.resolve()
    raw = paths.RAW.resolve()
    if out_r == raw or raw in out_r.parents:
        raise ScoreError(f"{out}: inside {paths.display(raw)}, which is never modified. Choose another --out folder.")
    if inp.is_dir() and (out_r == inp or inp in out_r.parents):
        raise ScoreError(f"{out}: inside the corpus folder {input_path}; the corpus is never modified. Choose another --out folder.")
    if out_r == inp:
        raise ScoreError(f"{out}: is the input file itself. Choose another --out folder.")
    # An --out folder may hold the corpus, but never where a run writes: OUT/<name>.csv and OUT/.*
    written_here = [out_r / name for name in [*OUTPUT_FILES, RUN_FILE]] + [out_r / ".sets", out_r / ".current", out_r / PARTS_DIR]
    if any(p == inp or p in inp.parents for p in {*written_here, *(p.resolve() for p in written_here)}):
        raise ScoreError(f"{out}: would replace the input {input_path} (an output file of this folder). "
                         "Copy the input elsewhere or choose another --out folder.")
    if out.exists() and not out.is_dir():
        raise ScoreError(f"{out}: exists and is not a folder. Choose a folder for --out.")


def _progress(total: int | None, enabled: bool):
    from tqdm.auto import tqdm

    # smoothing=0: the rate is the mean since the start; chunks finish in bursts (a thousand
    # articles at a time, several at once on Dask), and a smoothed rate would jump with them.
    return tqdm(total=total, unit=" articles", desc="scoring", disable=None if enabled else True, smoothing=0)


def score_path(
    input_path: str | Path,
    out_dir: str | Path,
    *,
    scorer: Scorer | None = None,
    source_column: str = "source",
    id_column: str = "id",
    text_column: str = "text",
    encoding: str | None = None,
    date_column: str = "date",
    xlsx: bool = False,
    parquet: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    engine: str = "pandas",
    scheduler: str | None = None,
    workers: int | None = None,
    progress: bool = True,
    resume: bool = True,
    parameters: dict | None = None,
) -> ScoreRun:
    """Score a corpus file or folder in chunks and write the output CSVs into ``out_dir``.

    Memory is bounded by the chunk size (plus 8 bytes per article for the duplicate-id check and,
    for a folder corpus, its file names and metadata). The files are byte-identical to
    ``write_scores(Scorer(...)(load_corpus(input_path)), out_dir)`` whatever the engine, chunk
    size or order of the input.

    Args:
        input_path: Anything :func:`analysis.corpus.load_corpus` reads.
        out_dir: Output folder (created if needed). Its earlier files are replaced only when the
            whole run has succeeded.
        scorer: The resources (default: :meth:`Scorer.load` with the bundled files).
        source_column: The column naming each article's source.
        id_column: The column holding each article's id (default ``id``).
        text_column: The column holding each article's text (default ``text``).
        encoding: The input's encoding (default UTF-8, or what a byte-order mark says).
        date_column: The column holding each article's date (default ``date``; checked as ISO 8601, not scored).
        xlsx: Also write ``scores.xlsx`` (every table as a sheet, every text cell stored as
            text, so nothing runs when a person opens it; see :func:`analysis.tables.io.write_xlsx`).
        parquet: Also write each table as typed Parquet beside its CSV (``articles.parquet``,
            ...; :func:`analysis.tables.formats.csv_to_parquet`), in the same output set.
        chunk_size: Articles scored at a time (memory grows with it, not with the corpus).
        engine: ``"pandas"`` (this process, or ``workers`` local processes) or ``"dask"`` (a Dask
            cluster).
        scheduler: Address of an existing Dask scheduler (``tcp://host:8786``); default a local
            cluster of ``workers`` processes with one thread each.
        workers: Processes that score: with ``"pandas"``, 1 (the default) scores in this process
            and more share the chunks out among as many local processes; with ``"dask"``, the
            workers of the local cluster (default 2).
        progress: Show a progress bar on a terminal (tqdm, on stderr).
        resume: Reuse the parts of an interrupted run of the same command (see the module
            docstring); False discards them first.
        parameters: The caller's parameters that change results, as given, recorded in the set's
            ``score_run.json`` after the reading options (``score`` passes its options).

    Returns:
        A :class:`ScoreRun`.

    Raises:
        TypeError, ValueError: Parameters of the wrong type or value, before any work.
        CorpusError: Bad input (as :func:`load_corpus`), with no output written.
        ScoreError: An output folder that would modify the input or ``data/raw``.
    """
    # Parameters first: nothing is read or created before they are all valid.
    chunk_size = _check_int("chunk_size", chunk_size)
    if workers is None:
        workers = 2 if engine == "dask" else 1
    workers = _check_int("workers", workers)
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler is not None and (not isinstance(scheduler, str) or not scheduler.strip()):
        raise TypeError(f"scheduler must be an address such as tcp://127.0.0.1:8786, not {scheduler!r}")
    if scheduler is not None and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask' (--engine dask)")
    if not isinstance(source_column, str) or not source_column:
        raise TypeError(f"source_column must be a column name, not {source_column!r}")
    for name, value in (("id_column", id_column), ("text_column", text_column), ("date_column", date_column)):
        if not isinstance(value, str) or not value:
            raise TypeError(f"{name} must be a column name, not {value!r}")
    if not isinstance(input_path, (str, Path)) or not isinstance(out_dir, (str, Path)):
        raise TypeError("input_path and out_dir must be paths")
    if scorer is not None and not isinstance(scorer, Scorer):
        raise TypeError(f"scorer must be a Scorer (Scorer.load(...)), not {type(scorer).__name__}")
    from analysis.tables.io import lock_output
    from analysis.corpus.stream import check_encoding, corpus_fingerprint, corpus_kind

    given_input = str(input_path)
    input_path = Path(input_path).expanduser()
    out = Path(out_dir).expanduser()
    corpus_kind(input_path)  # a missing or unsupported input fails here, before anything is created
    check_encoding(encoding)
    _check_out(input_path, out)
    if scorer is None:
        scorer = Scorer.load()

    from analysis import __version__

    read = {"source_column": source_column, "id_column": id_column, "text_column": text_column, "date_column": date_column,
            "encoding": encoding}
    given = {**read, **(parameters or {})}
    key = hashlib.sha256(json.dumps({
        "version": __version__, "code": _code_fingerprint(), "input": corpus_fingerprint(input_path),
        "resources": scorer_fingerprint(scorer), "source_column": source_column, "chunk_size": chunk_size,
        "columns": [id_column, text_column, date_column, encoding],
    }, sort_keys=True).encode()).hexdigest()[:20]
    created = not out.exists()
    _make_out(out)
    try:
        with lock_output(out):
            return _score_locked(input_path, out, key, scorer, chunk_size=chunk_size, xlsx=bool(xlsx), parquet=bool(parquet),
                                 read=read, engine=engine, scheduler=scheduler, workers=workers, progress=progress,
                                 resume=resume, created=created, given=(given_input, given))
    finally:
        if created:
            _rmdir_if_empty(out)


def _score_locked(input_path: Path, out: Path, key: str, scorer: Scorer, *, read: dict, chunk_size: int, xlsx: bool, parquet: bool,
                  engine: str, scheduler, workers: int, progress: bool, resume: bool, created: bool,
                  given: tuple[str, dict]) -> ScoreRun:
    """The run of :func:`score_path`, holding the output folder's lock."""
    from analysis.corpus import CorpusError
    from analysis.tables.io import clean_output_folder, new_output_set, publish_output_set
    from analysis.text.lexicon import LexiconError
    from analysis.corpus.stream import count_articles, iter_chunks

    clean_output_folder(out, keep=(PARTS_DIR,))
    parts_root = out / PARTS_DIR
    parts_dir = parts_root / key
    if parts_root.is_dir():  # parts of other runs (another input, chunk size, code) can never be reused
        for entry in parts_root.iterdir():
            if entry.name != key:
                shutil.rmtree(entry, ignore_errors=True)
    if not resume and parts_dir.exists():
        shutil.rmtree(parts_dir)
    parts_dir.mkdir(parents=True, exist_ok=True)
    from analysis.tables.long_articles import SPOOL_PREFIX

    for spooled in parts_dir.glob(SPOOL_PREFIX + "*"):  # rows of a long article whose chunk a kill interrupted
        spooled.unlink(missing_ok=True)
    staging: Path | None = None
    run = ScoreRun()
    keep_parts = True
    try:
        part_files: list[_PartFiles] = []
        metas: list[dict] = []
        chunks = iter_chunks(input_path, chunk_size=chunk_size, **read)
        total = count_articles(input_path)
        # Several local processes only when there is more than one chunk to share out.
        processes = workers if engine == "pandas" and (total is None or total > chunk_size) else 1
        with _worker_pool(scorer, processes) as pool, _progress(total, progress) as bar:
            for index, meta in _run_engine(chunks, scorer, parts_dir, engine=engine, scheduler=scheduler,
                                           workers=workers, pool=pool, bar=bar, run=run):
                while len(part_files) <= index:
                    part_files.append(None)  # type: ignore[arg-type]
                    metas.append(None)  # type: ignore[arg-type]
                part_files[index] = _part(parts_dir, index)
                metas[index] = meta
        if not part_files:
            raise ScoreError(f"{input_path}: no articles to score.")
        staging = new_output_set(out)
        files = _write_outputs(part_files, metas, staging)
        n_articles = sum(m["n"] for m in metas)
        _write_bytes(staging / RUN_FILE, render(run_record(scorer, given[0], n_articles=n_articles, parameters=given[1])))
        for path in [*files.values(), staging / RUN_FILE]:
            os.chmod(path, 0o666 & ~_umask())
        if xlsx:
            from analysis.tables.io import write_xlsx

            write_xlsx({Path(name).stem: staging / name for name in OUTPUT_FILES if (staging / name).exists()},
                       staging / XLSX_FILE)
        if parquet:
            from analysis.tables.formats import csv_to_parquet

            for name in OUTPUT_FILES:
                if (staging / name).exists():
                    os.chmod(csv_to_parquet(staging / name, staging / name.replace(".csv", ".parquet")), 0o666 & ~_umask())
        run.written = publish_output_set(out, staging, SET_FILES)
        staging = None
        run.n_articles = n_articles
        run.rows = {k: sum(m["rows"].get(k, 0) for m in metas) for k in metas[0]["keys"]}
        keep_parts = False
    except BaseException as err:
        # Bad input or parameters can never complete: nothing to resume. An interruption or a
        # crash keeps the finished parts for a rerun of the same command.
        if isinstance(err, (CorpusError, LexiconError, ScoreError, TypeError)) and not isinstance(err, WorkerLost):
            keep_parts = False
        raise
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
            _rmdir_if_empty(out / ".sets")
        if not keep_parts:
            shutil.rmtree(parts_dir, ignore_errors=True)
            _rmdir_if_empty(parts_root)
    return run


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _rmdir_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _part(parts_dir: Path, index: int) -> _PartFiles:
    return _PartFiles(parts_dir, f"part-{index:06d}")


def _resumed(chunk, parts_dir: Path, bar, run: ScoreRun) -> dict | None:
    """Counts the chunk; the meta of its part when an earlier, interrupted run finished it, else None."""
    run.chunks += 1
    files = _part(parts_dir, chunk.index)
    if not files.done():
        return None
    run.resumed += 1
    bar.update(len(chunk.frame))
    return files.meta()


def _run_engine(chunks, scorer: Scorer, parts_dir: Path, *, engine: str, scheduler, workers: int, pool, bar,
                run: ScoreRun):
    """Score every chunk not yet in ``parts_dir``; yields ``(chunk index, part meta)`` for all chunks.

    ``pool``: the local processes of the pandas engine (:func:`_worker_pool`), or None for this one.
    """
    if engine == "pandas" and pool is not None:
        yield from _run_processes(chunks, parts_dir, pool=pool, workers=workers, bar=bar, run=run)
        return
    if engine == "pandas":
        for chunk in chunks:
            meta = _resumed(chunk, parts_dir, bar, run)
            if meta is None:
                meta = _part(parts_dir, chunk.index).write(score_part(scorer, chunk.frame, spool=parts_dir))
                bar.update(len(chunk.frame))
            yield chunk.index, meta
        return
    yield from _run_dask(chunks, scorer, parts_dir, scheduler=scheduler, workers=workers, bar=bar, run=run)


# --- pandas in several local processes ---------------------------------------------------------
#
# The scorer is loaded once, in this process; the workers are forked from it (where the platform
# forks; elsewhere each worker is sent a copy once) and score whole chunks, writing each part's
# files themselves, so only the chunk's rows go to a worker and a small dict comes back. This
# process reads the input and hands out at most two chunks per worker at a time, so memory stays
# bounded by the chunk size as with one process. The parts are the same bytes whichever process
# scored them, and they are merged in the same way.

_WORKER_SCORER: Scorer | None = None


def _init_worker(scorer: Scorer) -> None:
    global _WORKER_SCORER
    _WORKER_SCORER = scorer


def _score_chunk(parts_dir: Path, index: int, frame: pd.DataFrame) -> dict:
    """A worker's task: score one chunk and write its part files; returns the part's meta."""
    assert _WORKER_SCORER is not None, "internal error: a scoring worker without a scorer"
    return _part(parts_dir, index).write(score_part(_WORKER_SCORER, frame, spool=parts_dir))


class WorkerLost(ScoreError):
    """A scoring process of ``--workers`` ended without finishing its chunk (killed, out of memory)."""


@contextmanager
def _worker_pool(scorer: Scorer, workers: int):
    """A pool of ``workers`` scoring processes for the pandas engine (None for one: this process).

    The workers are started here, before the progress bar, so that no thread of this process
    exists when they are forked. Left normally it waits for them; left by an error or an
    interruption it stops them at once (a part a worker was writing is never marked finished,
    see :class:`_PartFiles`, so a rerun scores it again).
    """
    if workers <= 1:
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(scorer,))
    try:
        pool.submit(int).result()  # starts every worker now (forked ones all at the first task)
        yield pool
    except BaseException:
        # Stopped now, not after the chunk each is scoring; the pool's manager thread then finds
        # them gone and joins them, and shutdown waits for that thread.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _run_processes(chunks, parts_dir: Path, *, pool, workers: int, bar, run: ScoreRun):
    from collections import deque
    from concurrent.futures.process import BrokenProcessPool

    pending: deque = deque()  # (chunk index, articles, future), in the order handed out
    try:
        for chunk in chunks:
            meta = _resumed(chunk, parts_dir, bar, run)
            if meta is not None:
                yield chunk.index, meta
                continue
            pending.append((chunk.index, len(chunk.frame), pool.submit(_score_chunk, parts_dir, chunk.index, chunk.frame)))
            while len(pending) >= 2 * workers:
                yield _finished(pending.popleft(), bar)
        while pending:
            yield _finished(pending.popleft(), bar)
    except BrokenProcessPool:
        raise WorkerLost(
            "a scoring process ended before its chunk was done (was it killed, or out of memory?). The chunks "
            "already scored are kept: run the same command again to go on, with a smaller --chunk-size or "
            "fewer --workers (make: SCORE_WORKERS=1) if memory is short"
        ) from None


def _finished(entry: tuple, bar) -> tuple[int, dict]:
    index, n, future = entry
    meta = future.result()
    bar.update(n)
    return index, meta


_LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # not set (see _local_cluster)
}


def _local_cluster(workers: int):
    """A Dask cluster of ``workers`` processes on this machine, one thread each, and its client.

    Without a dashboard: its workers need not sample their stacks for the dashboard's profile
    every 10 ms, nor check memory every 100 ms and the event loop every 20 ms. On 2 cores those
    polls took CPU from the scoring: 2,000 synthetic articles, 2 workers, under load: 24 -> 20 s
    of CPU over all processes. And without the ``MALLOC_TRIM_THRESHOLD_=65536`` that distributed
    gives its workers, which hands memory back to the system at nearly every free: scoring frees
    millions of small objects a chunk, and 100,000 synthetic articles on 2 workers took 34 s of
    system time with it, 9 s without (205 -> 186 s of wall; one process 359 s). A value the user
    set in the environment is kept. The workers are given this configuration when they start; a
    cluster at ``--scheduler`` keeps its own.
    """
    import logging

    import dask
    from dask.distributed import Client, LocalCluster

    with dask.config.set(_LOCAL_CLUSTER_CONFIG):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        return cluster, Client(cluster)


def _run_dask(chunks, scorer: Scorer, parts_dir: Path, *, scheduler, workers: int, bar, run: ScoreRun):
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise ScoreError(
            "--engine dask needs the dask and distributed packages: pip install -r requirements.txt -c constraints.txt"
        ) from None
    cluster = None
    if scheduler:
        _check_reachable(scheduler)
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as err:
            raise ScoreError(f"cannot reach the Dask scheduler at {scheduler} ({err}); is it running?") from None
    else:
        cluster, client = _local_cluster(workers)
    try:
        remote_scorer = client.scatter(scorer, broadcast=True)
        max_inflight = 2 * max(1, sum(client.nthreads().values()))
        pending = as_completed()
        sizes: dict = {}
        for chunk in chunks:
            meta = _resumed(chunk, parts_dir, bar, run)
            if meta is not None:
                yield chunk.index, meta
                continue
            future = client.submit(score_part, remote_scorer, chunk.frame, pure=False)
            sizes[future.key] = (chunk.index, len(chunk.frame))
            pending.add(future)
            while pending.count() >= max_inflight:
                yield _collect(next(pending), sizes, parts_dir, bar)
        while not pending.is_empty():
            yield _collect(next(pending), sizes, parts_dir, bar)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _check_reachable(address: str) -> None:
    """Fail fast (instead of after the client's time-out) when nothing listens at a tcp:// address."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if parts.scheme != "tcp" or not host or not port:
        return
    try:
        socket.create_connection((host, port), timeout=10).close()
    except OSError as err:
        raise ScoreError(f"cannot reach the Dask scheduler at {address} ({err.strerror or err}); is it running?") from None


def _collect(future, sizes: dict, parts_dir: Path, bar) -> tuple[int, dict]:
    index, n = sizes.pop(future.key)
    part = future.result()
    future.release()
    meta = _part(parts_dir, index).write(part)
    bar.update(n)
    return index, meta

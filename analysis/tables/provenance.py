"""What made an output set: ``score_run.json``, written by ``score`` beside its tables (``docs/outputs.md``).

A reader of the score tables can tell from this one small file which scorers and resources made
them: the package version, the parameters that change results, the stance scorer (``rules``,
``model``, ``vectors`` or ``roles``) with its model file and word-vector table, the span re-ranker and why
(``--span-model auto``'s decision), the lexicon with its domain packs, the targets and frames
files, and the corpus with its number of articles; each file with its SHA-256.

The content is deterministic: no time, no host, and paths as they were given (or, for the
bundled files, relative to the project root), so the same command on the same files writes the
same bytes whatever the engine, chunk size or order of the input. It is written into the output
set with the tables and made current with them in one step.

Notebooks and the report read it with :func:`read_run` and :func:`scorer_names`; an output folder
written before this file existed gives ``"unknown"``, never a guess.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis import paths

__all__ = ["FORMAT_VERSION", "RUN_FILE", "UNKNOWN", "code_sha256", "corpus_sha256", "file_sha256", "read_run", "render", "run_record",
           "scorer_names", "scorer_sources", "shown"]

RUN_FILE = "score_run.json"
FORMAT_VERSION = 1  # of this file's layout; a new key keeps it, a changed meaning raises it
UNKNOWN = "unknown"  # what a reader says when an output folder has no score_run.json (written before it existed)

_SHA_CACHE: dict[tuple, str] = {}


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes (hex), computed once per file version (path, size, modification time)."""
    path = Path(path).expanduser()
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _SHA_CACHE:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if len(_SHA_CACHE) >= 64:
            _SHA_CACHE.clear()
        _SHA_CACHE[key] = digest.hexdigest()
    return _SHA_CACHE[key]


def code_sha256() -> str:
    """The SHA-256 of the ``analysis`` package's source: of each ``.py`` file's path (relative to the package,
    ``/``-separated), a NUL, its bytes and a NUL, in sorted path order (:func:`analysis.corpus.digest.update_with_package`).

    It changes with any change to the code, wherever it is, and is the same for the same code on any machine.
    """
    from analysis.corpus.digest import update_with_package

    digest = hashlib.sha256()
    update_with_package(digest)
    return digest.hexdigest()


def corpus_sha256(path: str | Path) -> str:
    """The SHA-256 of a corpus: of its file, or for a folder of the files ``load_corpus`` reads.

    For a folder, the digest of the lines ``<sha256 of the file>  <file name>`` (two spaces, a line
    break after each) of its ``.txt`` files and ``metadata.csv``, sorted by name: what
    ``sha256sum`` prints for them, so ``sha256sum *.txt metadata.csv | sha256sum`` gives the same
    in a folder whose names sort the same in the shell.

    Example:
        >>> len(corpus_sha256(paths.RAW))
        64
    """
    from analysis.corpus import METADATA_FILE

    path = Path(path).expanduser()
    if not path.is_dir():
        return file_sha256(path)
    names = sorted(e.name for e in path.iterdir() if e.is_file() and (e.suffix == ".txt" or e.name == METADATA_FILE))
    listing = "".join(f"{file_sha256(path / name)}  {name}\n" for name in names)
    return hashlib.sha256(listing.encode("utf-8", "surrogateescape")).hexdigest()


def shown(path: str | Path) -> str:
    """A path as the record shows it: as given, but relative to the project root when given absolute inside it.

    So a bundled file reads the same on every machine (``score --frames auto`` passes the policy
    frames by their full path), and a user's own path is kept as they typed it.

    Example:
        >>> shown(paths.ROOT / "data" / "raw"), shown("my/corpus.csv")
        ('data/raw', 'my/corpus.csv')
    """
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(paths.ROOT).as_posix()
        except ValueError:
            pass
    return str(path)


def _given(value, default: Path | None) -> tuple[str, str] | None:
    """``(path as shown, path to read)``: a given path as :func:`shown`, a default relative to the project root."""
    if value is not None and value != "":
        return shown(value), str(Path(value).expanduser())
    if default is None:
        return None
    return paths.display(default), str(default)


def scorer_sources(*, lexicon, domains, targets, frames, stance: str, stance_model, model, span_choice, span_file,
                   span_reason: str, reranker) -> dict:
    """What :meth:`analysis.tables.score.Scorer.load` loaded, with the paths as given (kept on the Scorer).

    ``span_choice`` is the ``span_model`` argument as given ("auto", "bundled", "none", a path,
    True/False/None), ``span_file`` what :func:`analysis.tables.score.span_model_for` made of it
    (True: the bundled re-ranker, False: none, else a path); ``model`` the loaded stance model
    (None with ``rules``).
    """
    from analysis.measures.domains import DOMAINS_DIR
    from analysis.measures.loaded_model import SPAN_MODEL

    if span_choice is True:
        span_choice = "bundled"
    elif span_choice in (False, None):
        span_choice = "none"
    tagger = getattr(reranker, "tagger", None)
    vectors = None
    if model is not None and model.config.get("word_vectors"):
        vectors = _given(None, paths.STANCE_WORD_VECTORS)
    default_model = {"roles": paths.STANCE_MODEL_ROLES, "vectors": paths.STANCE_MODEL_VECTORS}.get(stance, paths.STANCE_MODEL)
    return {
        "lexicon": _given(lexicon, paths.LOADED_LEXICON),
        "domains": [(name, *_given(None, Path(DOMAINS_DIR) / f"{name}.csv")) for name in domains],
        "targets": _given(targets, paths.TARGETS if paths.TARGETS.exists() else None),
        "frames": _given(frames, paths.FRAMES if paths.FRAMES.exists() else None),
        "stance": stance,
        "stance_model": None if model is None else _given(stance_model, default_model),
        "model_name": None if model is None else model.metadata.get("name"),
        "model_version": None if model is None or model.metadata.get("version") is None else str(model.metadata["version"]),
        "word_vectors": vectors,
        "span_choice": str(span_choice),
        "span_reason": span_reason,
        "span_model": None if reranker is None else _given(None if span_file is True else span_file, SPAN_MODEL),
        "span_threshold": None if reranker is None else reranker.threshold,
        "span_never_filtered": [] if reranker is None else list(reranker.never_filtered),
        # the token tagger the re-ranker's file names (analysis.measures.loaded_tagger), or None, and its pieces CSV
        "span_tagger": None if tagger is None else _given(None, Path(tagger.source)),
        "span_tagger_pieces": None if tagger is None else _given(None, _tagger_pieces(Path(tagger.source))),
        # the bundled files every scorer reads besides those above: the stance rules' cues and capitals, sourcing's
        # organisations and naming variants (analysis.tables.score.Scorer.load)
        "resources": {name: _given(None, path if path.exists() else None) for name, path in RESOURCES.items()},
    }


# The bundled data files every scorer reads that no option chooses (score_run.json's ``resources``).
RESOURCES = {"stance_cues": paths.STANCE_CUES, "gazetteer": paths.GAZETTEER, "organisations": paths.ORGANISATIONS,
             "naming_variants": paths.NAMING_VARIANTS}


def _tagger_pieces(tagger_json: Path) -> Path:
    """The pieces CSV a token tagger's JSON names (``pieces``, beside it)."""
    return tagger_json.parent / json.loads(tagger_json.read_text(encoding="utf-8"))["pieces"]


def _file(entry) -> dict | None:
    if entry is None:
        return None
    return {"path": entry[0], "sha256": file_sha256(entry[1])}


def _fitted_with(model_json: Path) -> dict | None:
    """What a span model of ``python -m analysis loaded train`` was fitted on (its ``fitted_with``), or None."""
    try:
        fitted = json.loads(Path(model_json).read_text(encoding="utf-8")).get("fitted_with")
    except (OSError, ValueError, AttributeError):
        return None
    return fitted if isinstance(fitted, dict) else None


def run_record(scorer, input_path: str | Path, *, n_articles: int, parameters: dict) -> dict:
    """The content of ``score_run.json`` for a run of ``scorer`` on ``input_path``.

    Args:
        scorer: The :class:`analysis.tables.score.Scorer` (its ``sources``, set by ``Scorer.load``;
            a Scorer built otherwise gives ``"unknown"`` for the resource files).
        input_path: The corpus file or folder, as given.
        n_articles: Articles scored.
        parameters: The parameters that change results, as given (``score``'s options; None for
            an option left at its default when the default is a file).
    """
    from analysis import __version__

    src = getattr(scorer, "sources", None)
    record: dict = {
        "format_version": FORMAT_VERSION,
        "package_version": __version__,
        "code_sha256": code_sha256(),
        "parameters": parameters,
        "corpus": {"path": shown(input_path), "sha256": corpus_sha256(input_path), "articles": int(n_articles)},
    }
    if src is None:
        stance = UNKNOWN if scorer.stance_model is not None else "rules"
        record.update({"lexicon": UNKNOWN, "targets": UNKNOWN, "frames": UNKNOWN,
                       "stance": {"scorer": stance, "model": UNKNOWN if scorer.stance_model is not None else None,
                                  "word_vectors": UNKNOWN if scorer.stance_model is not None else None},
                       "span_model": {"choice": UNKNOWN, "applied": scorer.span_model is not None, "reason": "",
                                      "model": UNKNOWN if scorer.span_model is not None else None},
                       "resources": UNKNOWN})
        return record
    lexicon = _file(src["lexicon"])
    lexicon["domain_packs"] = [{"name": name, "path": shown, "sha256": file_sha256(real)} for name, shown, real in src["domains"]]
    model = _file(src["stance_model"])
    if model is not None:
        model = {"path": model["path"], "name": src["model_name"], "version": src["model_version"], "sha256": model["sha256"]}
    span = _file(src["span_model"])
    if span is not None:
        tagger = _file(src.get("span_tagger"))
        if tagger is not None:
            tagger["pieces"] = _file(src.get("span_tagger_pieces"))
        span.update(threshold=src["span_threshold"], never_filtered=src["span_never_filtered"], tagger=tagger)
        fitted = _fitted_with(src["span_model"][1])
        if fitted is not None:  # a model of `python -m analysis loaded train`: what it was fitted on
            span["fitted_with"] = fitted
    record.update({
        "lexicon": lexicon,
        "targets": _file(src["targets"]),
        "frames": _file(src["frames"]),
        "stance": {"scorer": src["stance"], "model": model, "word_vectors": _file(src["word_vectors"])},
        "span_model": {"choice": src["span_choice"], "applied": span is not None, "reason": src["span_reason"], "model": span},
        "resources": {name: _file(entry) for name, entry in src.get("resources", {}).items()},
    })
    return record


def render(record: dict) -> bytes:
    """The bytes of ``score_run.json``: indented JSON in the record's key order, UTF-8, a final line break."""
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8", "surrogateescape")


def read_run(scores_dir: str | Path) -> dict | None:
    """The ``score_run.json`` of an output folder, or None when it has none (written before the file existed)."""
    path = Path(scores_dir).expanduser() / RUN_FILE
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def scorer_names(run: dict | None) -> dict:
    """The scorers that made an output set, for notebooks and the report (``"unknown"`` without a record).

    Returns:
        ``stance_scorer`` ("roles", "vectors", "model", "rules" or "unknown"), ``stance_model`` (``path``,
        ``name``, ``version`` of the model file, or None), ``word_vectors`` (the table's path or
        None), ``span_choice`` (``--span-model`` as given, or "unknown"), ``span_applied`` (True,
        False, or None when unknown), ``span_reason`` (why ``auto`` did not apply it, else "") and
        ``span_model`` (the re-ranker's ``path``, ``threshold``, ``never_filtered`` and ``tagger``, the path
        of the token tagger it names or None, and for a model of ``python -m analysis loaded train`` its
        ``fitted_with``; or None).

    Example:
        >>> scorer_names(None)["stance_scorer"]
        'unknown'
    """
    if run is None:
        return {"stance_scorer": UNKNOWN, "stance_model": None, "word_vectors": None, "span_choice": UNKNOWN,
                "span_applied": None, "span_reason": "", "span_model": None}
    stance, span = run["stance"], run["span_model"]
    model = stance.get("model")
    vectors = stance.get("word_vectors")
    rerank = span.get("model")
    return {
        "stance_scorer": stance["scorer"],
        "stance_model": {k: model[k] for k in ("path", "name", "version")} if isinstance(model, dict) else None,
        "word_vectors": vectors["path"] if isinstance(vectors, dict) else None,
        "span_choice": span["choice"],
        "span_applied": span["applied"],
        "span_reason": span["reason"],
        "span_model": ({**{k: rerank[k] for k in ("path", "threshold", "never_filtered")},
                        "tagger": rerank["tagger"]["path"] if isinstance(rerank.get("tagger"), dict) else None,
                        **({"fitted_with": rerank["fitted_with"]} if "fitted_with" in rerank else {})}
                       if isinstance(rerank, dict) else None),
    }

"""Load a news corpus (folder of .txt, .csv, .jsonl or .parquet) into the corpus table, and describe it.

The corpus table has one row per article: ``id`` (str, unique), ``source`` (str), ``text``
(str, non-blank), optional ``title``, ``date`` (ISO 8601) and ``url``, plus any other columns.
Text is kept exactly as decoded (only a UTF-8 byte-order mark is dropped), so every offset in
the project indexes it.
"""

from __future__ import annotations

import datetime as _dt
import json
import warnings
from pathlib import Path

import pandas as pd

from analysis.text import sentences, tokenize

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "METADATA_FILE",
    "UNKNOWN_SOURCE",
    "article_stats",
    "load_corpus",
    "summarize_by_source",
]

METADATA_FILE = "metadata.csv"
UNKNOWN_SOURCE = "unknown"
_TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
_METADATA_COLUMNS = ("source", "title", "date", "url")


class CorpusError(ValueError):
    """A corpus that cannot be loaded; the message names the file or row and the fix."""


class CorpusWarning(UserWarning):
    """Something odd but recoverable in a corpus (for example metadata without a file)."""


def _decode(raw: bytes, where: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = raw[err.start : err.start + 1].hex()
        raise CorpusError(
            f"{where}: not valid UTF-8 (byte 0x{bad} at byte offset {err.start}). "
            "Re-save the file as UTF-8, for example: iconv -f latin1 -t utf-8 IN > OUT"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _read_text_file(path: Path) -> str:
    return _decode(path.read_bytes(), str(path))


def _read_csv(path: Path) -> pd.DataFrame:
    text = _read_text_file(path)
    if not text.strip():
        raise CorpusError(f"{path}: the file is empty. Give a CSV with a header row and at least `id` and `text` columns.")
    import io

    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[])
    except pd.errors.ParserError as err:
        raise CorpusError(f"{path}: not a readable CSV ({err}). Check quoting and the number of fields per row.") from None


def _read_jsonl(path: Path) -> pd.DataFrame:
    text = _read_text_file(path)
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(f"{path}, line {lineno}: not valid JSON ({err.msg}). Each line must be one JSON object.") from None
        if not isinstance(row, dict):
            raise CorpusError(f"{path}, line {lineno}: expected a JSON object like {{\"id\": ..., \"text\": ...}}, got {type(row).__name__}.")
        rows.append(row)
    if not rows:
        raise CorpusError(f"{path}: the file holds no records. Give one JSON object per line with at least `id` and `text`.")
    frame = pd.DataFrame(rows)
    return frame


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        return pd.read_parquet(path)
    except Exception as err:  # pyarrow raises several unrelated types
        raise CorpusError(f"{path}: not a readable Parquet file ({err}).") from None


def _read_folder(folder: Path) -> pd.DataFrame:
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    if not files:
        raise CorpusError(f"{folder}: no .txt files found. Put one UTF-8 .txt file per article in the folder, or pass a .csv/.jsonl/.parquet file.")
    frame = pd.DataFrame({"id": [p.stem for p in files], "text": [_read_text_file(p) for p in files]})
    meta_path = folder / METADATA_FILE
    if not meta_path.exists():
        return frame
    return frame.merge(_folder_metadata(meta_path, set(frame["id"]), stacklevel=4), on="id", how="left")


def _folder_metadata(meta_path: Path, known: set[str], *, stacklevel: int) -> pd.DataFrame:
    """The rows of a folder corpus's ``metadata.csv`` whose id names a .txt file (``known``).

    Rows without a file and files without a row are reported as :class:`CorpusWarning`
    (``stacklevel`` points the warning at the user's call). Metadata ids are only ever compared
    with file names, never opened as paths, so an id such as "../secret" or "/etc/passwd" cannot
    make the reader leave the folder: it is a row without a file.
    """
    meta = _read_csv(meta_path)
    if "id" not in meta.columns:
        raise CorpusError(f"{meta_path}: no `id` column. The metadata needs an `id` column holding the .txt file names without the extension.")
    if "text" in meta.columns:
        raise CorpusError(f"{meta_path}: has a `text` column. In a folder corpus the text comes from the .txt files; remove that column.")
    _check_ids(meta["id"], meta_path, what="metadata row")
    listed = set(meta["id"])
    orphans = sorted(listed - known)
    if orphans:
        warnings.warn(
            f"{meta_path}: {len(orphans)} metadata row(s) have no matching .txt file and are ignored: {', '.join(orphans[:10])}",
            CorpusWarning,
            stacklevel=stacklevel,
        )
    unlisted = sorted(known - listed)
    if unlisted:
        warnings.warn(
            f"{meta_path}: {len(unlisted)} .txt file(s) have no metadata row, so their metadata is empty: {', '.join(unlisted[:10])}",
            CorpusWarning,
            stacklevel=stacklevel,
        )
    return meta[meta["id"].isin(known)]


def _check_ids(ids: pd.Series, path: Path, *, what: str = "row") -> None:
    for i, value in enumerate(ids):
        if value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip():
            raise CorpusError(f"{path}, {what} {i + 1}: empty `id`. Every article needs a unique, non-empty id.")
    dup = ids[ids.duplicated(keep=False)]
    if len(dup):
        first = dup.iloc[0]
        rows = [str(i + 1) for i, v in enumerate(ids) if v == first]
        raise CorpusError(
            f"{path}: duplicate id {first!r} in {what}s {', '.join(rows)}"
            f" ({dup.nunique()} duplicated id(s) in all). Ids must be unique: rename or remove the duplicates."
        )


def _check_dates(frame: pd.DataFrame, path: Path) -> None:
    if "date" not in frame.columns:
        return
    for i, (ident, value) in enumerate(zip(frame["id"], frame["date"])):
        if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
            continue
        try:
            _dt.datetime.fromisoformat(str(value))
        except ValueError:
            raise CorpusError(
                f"{path}, row {i + 1} (id {ident!r}): date {value!r} is not ISO 8601. Write it as YYYY-MM-DD (or leave it empty)."
            ) from None


def load_corpus(path: str | Path, *, source_column: str = "source") -> pd.DataFrame:
    """Load a corpus into the corpus table.

    Args:
        path: A folder of UTF-8 ``.txt`` files (id = file stem) with an optional
            ``metadata.csv`` keyed by ``id``; or a ``.csv``, ``.jsonl`` or ``.parquet`` file
            with at least ``id`` and ``text`` columns.
        source_column: The column that names each article's source. Its values are copied
            into ``source``; the original column is kept. Articles without a value get
            ``"unknown"`` (with a warning).

    Returns:
        The corpus table sorted by ``id``, with ``id``, ``source`` and ``text`` first.

    Raises:
        CorpusError: With the file, row and the fix, for a missing path, missing ``id`` or
            ``text`` column, duplicate or empty ids, blank text, undecodable bytes, bad dates.

    Example:
        >>> corpus = load_corpus("data/raw")  # doctest: +SKIP
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder. Give a folder of .txt files or a .csv/.jsonl/.parquet file.")
    if path.is_dir():
        frame = _read_folder(path)
    elif path.suffix.lower() == ".csv":
        frame = _read_csv(path)
    elif path.suffix.lower() == ".jsonl":
        frame = _read_jsonl(path)
    elif path.suffix.lower() == ".parquet":
        frame = _read_parquet(path)
    else:
        raise CorpusError(f"{path}: unsupported file type {path.suffix!r}. Use a folder of .txt files or a .csv, .jsonl or .parquet file.")

    for column in ("id", "text"):
        if column not in frame.columns:
            raise CorpusError(
                f"{path}: no `{column}` column (columns are: {', '.join(map(str, frame.columns))}). "
                "A corpus table needs `id` and `text`; rename your columns accordingly."
            )
    frame = frame.copy()
    frame["id"] = [None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in frame["id"]]
    _check_ids(frame["id"], path)
    for i, (ident, text) in enumerate(zip(frame["id"], frame["text"])):
        if not isinstance(text, str):
            raise CorpusError(f"{path}, row {i + 1} (id {ident!r}): `text` is {'missing' if text is None or pd.isna(text) else type(text).__name__}, not a string. Give every article its text.")
        if text.startswith("\ufeff"):
            frame.iat[i, frame.columns.get_loc("text")] = text[1:]
        if not text.strip():
            raise CorpusError(f"{path}, row {i + 1} (id {ident!r}): the text is blank. Remove the article or give it its text.")
    _check_dates(frame, path)

    if source_column not in frame.columns:
        if source_column != "source":
            raise CorpusError(
                f"{path}: no column {source_column!r} to use as the source (columns are: {', '.join(map(str, frame.columns))}). "
                "Pass an existing column as SOURCE_COLUMN / source_column."
            )
        warnings.warn(f"{path}: no `source` column; every article gets source {UNKNOWN_SOURCE!r}.", CorpusWarning, stacklevel=2)
        frame["source"] = UNKNOWN_SOURCE
    else:
        values = frame[source_column]
        missing = values.isna() | (values.astype(str).str.strip() == "")
        if missing.any():
            warnings.warn(
                f"{path}: {int(missing.sum())} article(s) have no {source_column!r}; they get source {UNKNOWN_SOURCE!r}: "
                + ", ".join(frame.loc[missing, "id"].head(10)),
                CorpusWarning,
                stacklevel=2,
            )
        frame["source"] = [UNKNOWN_SOURCE if m else str(v) for v, m in zip(values, missing)]

    for column in _METADATA_COLUMNS[1:]:
        if column in frame.columns:
            frame[column] = frame[column].where(frame[column].notna(), "").astype(str)
    first = ["id", "source", "text"]
    frame = frame[first + [c for c in frame.columns if c not in first]]
    return frame.sort_values("id", kind="stable").reset_index(drop=True)


def article_stats(corpus: pd.DataFrame) -> pd.DataFrame:
    """Words and sentences per article.

    Args:
        corpus: The corpus table.

    Returns:
        A table with ``id, source, n_words, n_sentences, mean_sentence_words``.
    """
    rows = []
    for ident, source, text in zip(corpus["id"], corpus["source"], corpus["text"]):
        n_words = len(tokenize(text))
        n_sent = len(sentences(text))
        rows.append((ident, source, n_words, n_sent, n_words / n_sent if n_sent else 0.0))
    return pd.DataFrame(rows, columns=["id", "source", "n_words", "n_sentences", "mean_sentence_words"])


def sentence_lengths(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``id, source, start, end, n_words``."""
    rows = []
    for ident, source, text in zip(corpus["id"], corpus["source"], corpus["text"]):
        for start, end in sentences(text):
            rows.append((ident, source, start, end, len(tokenize(text[start:end]))))
    return pd.DataFrame(rows, columns=["id", "source", "start", "end", "n_words"])


def summarize_by_source(corpus: pd.DataFrame) -> pd.DataFrame:
    """Articles, words and sentences per source, sorted by source.

    Args:
        corpus: The corpus table.

    Returns:
        A table with ``source, articles, words, sentences, words_per_article``.
    """
    stats = article_stats(corpus)
    grouped = stats.groupby("source", sort=True).agg(
        articles=("id", "size"), words=("n_words", "sum"), sentences=("n_sentences", "sum")
    )
    grouped["words_per_article"] = grouped["words"] / grouped["articles"]
    return grouped.reset_index()

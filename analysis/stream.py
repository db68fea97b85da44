"""Read a corpus in chunks with the checks of ``load_corpus``: CSV, JSONL, Parquet or a folder, in bounded memory.

:func:`iter_chunks` yields chunks of the corpus table (at most ``chunk_size`` articles each) with
the same columns, values, errors and warnings as :func:`analysis.corpus.load_corpus`, except that
row numbers count from the start of the file and a chunk is not sorted by id. What it keeps for
the whole corpus is small and documented:

* ids seen so far, as 8-byte hashes in a sorted NumPy array (8 bytes per article: 8 MB per
  million articles), to reject an id that occurs twice even when the two rows are in different
  chunks; a hash that was seen before is checked against the exact ids (no false alarm);
* for a folder corpus, the sorted file names and ``metadata.csv`` (as ``load_corpus`` reads them).

Everything else (texts, rows) lives only as long as its chunk.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.corpus import METADATA_FILE, UNKNOWN_SOURCE, CorpusError, CorpusWarning

__all__ = ["Chunk", "DEFAULT_CHUNK_SIZE", "corpus_fingerprint", "count_articles", "iter_chunks"]

DEFAULT_CHUNK_SIZE = 1000
_BLOCK = 1 << 20  # bytes read at a time
_METADATA_COLUMNS = ("source", "title", "date", "url")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # what str.splitlines splits at
# An HTML tag (bounded, so the search is linear): such articles are scored as text, with a warning.
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|b|i|em|strong|br|hr|html|body|head|meta|link|script|style|img|iframe|h[1-6]|ul|ol|li"
    r"|table|tr|td|th|blockquote|section|article|header|footer|nav|figure|figcaption)\b[^<>]{0,500}>",
    re.I,
)


@dataclass
class Chunk:
    """A chunk of the corpus table.

    Attributes:
        index: 0 for the first chunk, then 1, 2, ...
        first_row: Row number (1-based, as in error messages) of the chunk's first article.
        frame: The chunk of the corpus table (``id``, ``source``, ``text`` first).
    """

    index: int
    first_row: int
    frame: pd.DataFrame


# ---------------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------------


class _Utf8Reader(io.TextIOBase):
    """A text stream over a UTF-8 file that drops a leading BOM and names the byte offset of bad bytes.

    The error is the one :func:`analysis.corpus.load_corpus` gives for the whole file.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._raw = open(path, "rb")  # noqa: SIM115 (closed in close())
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._fed = 0
        self._start = True
        self._eof = False

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._raw.close()
        super().close()

    def _decode(self, data: bytes, final: bool) -> str:
        before = self._fed - len(self._decoder.getstate()[0])
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as err:
            offset = before + err.start
            bad = err.object[err.start : err.start + 1].hex()
            raise CorpusError(
                f"{self._path}: not valid UTF-8 (byte 0x{bad} at byte offset {offset}). "
                "Re-save the file as UTF-8, for example: iconv -f latin1 -t utf-8 IN > OUT"
            ) from None
        self._fed += len(data)
        if self._start and text:
            self._start = False
            if text.startswith("\ufeff"):
                text = text[1:]
        return text

    def read(self, size: int | None = -1) -> str:
        if self._eof:
            return ""
        if size is None or size < 0:
            parts = []
            while True:
                data = self._raw.read(_BLOCK)
                parts.append(self._decode(data, not data))
                if not data:
                    self._eof = True
                    return "".join(parts)
        while True:
            data = self._raw.read(max(size, 1))
            text = self._decode(data, not data)
            if not data:
                self._eof = True
                return text
            if text:
                return text

    def blocks(self) -> Iterator[str]:
        """The decoded text, a block at a time."""
        while True:
            text = self.read(_BLOCK)
            if not text:
                return
            yield text


def _decode_file(path: Path) -> str:
    with _Utf8Reader(path) as reader:
        return reader.read()


def _has_content(path: Path) -> bool:
    """True when the file holds something other than whitespace (decoding it as UTF-8)."""
    with _Utf8Reader(path) as reader:
        return any(block.strip() for block in reader.blocks())


# ---------------------------------------------------------------------------------------------
# Readers: each yields raw frames (as read) with the row number of their first row
# ---------------------------------------------------------------------------------------------


def _csv_frames(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    if not _has_content(path):
        raise CorpusError(f"{path}: the file is empty. Give a CSV with a header row and at least `id` and `text` columns.")
    reader = _Utf8Reader(path)
    try:
        chunks = pd.read_csv(reader, dtype=str, keep_default_na=False, na_values=[], chunksize=chunk_size)
        while True:
            try:
                frame = next(chunks)
            except StopIteration:
                return
            yield frame
    except pd.errors.ParserError as err:
        raise CorpusError(f"{path}: not a readable CSV ({err}). Check quoting and the number of fields per row.") from None
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: the file is empty. Give a CSV with a header row and at least `id` and `text` columns.") from None
    finally:
        reader.close()


def _jsonl_frames(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    rows: list[dict] = []
    any_rows = False
    for lineno, line in _lines(path):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(f"{path}, line {lineno}: not valid JSON ({err.msg}). Each line must be one JSON object.") from None
        if not isinstance(row, dict):
            raise CorpusError(f"{path}, line {lineno}: expected a JSON object like {{\"id\": ..., \"text\": ...}}, got {type(row).__name__}.")
        rows.append(row)
        any_rows = True
        if len(rows) == chunk_size:
            yield pd.DataFrame(rows)
            rows = []
    if rows:
        yield pd.DataFrame(rows)
    if not any_rows:
        raise CorpusError(f"{path}: the file holds no records. Give one JSON object per line with at least `id` and `text`.")


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """``enumerate(text.splitlines(), start=1)`` of the decoded file, without holding the file."""
    pending: list[str] = []  # the current line, in pieces (a line may span many blocks)
    lineno = 0
    with _Utf8Reader(path) as reader:
        for block in reader.blocks():
            if not _LINE_BREAK.search(block):
                pending.append(block)
                continue
            pending.append(block)
            buffer = "".join(pending)
            lines = buffer.splitlines(keepends=True)
            # The last line may go on in the next block (a "\r\n" may even be split in two), so
            # it waits; every other line is complete, its terminator followed by more text.
            pending = [lines.pop()] if lines else []
            for line in lines:
                lineno += 1
                yield lineno, line.splitlines()[0]
    for line in "".join(pending).splitlines():
        lineno += 1
        yield lineno, line


def _parquet_frames(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises several unrelated types
        raise CorpusError(f"{path}: not a readable Parquet file ({err}).") from None
    empty = True
    pending: list[pd.DataFrame] = []
    n_pending = 0
    try:
        for batch in handle.iter_batches(batch_size=chunk_size):
            frame = batch.to_pandas()
            if frame.empty:
                continue
            empty = False
            pending.append(frame)
            n_pending += len(frame)
            while n_pending >= chunk_size:
                whole = pd.concat(pending, ignore_index=True) if len(pending) > 1 else pending[0]
                yield whole.iloc[:chunk_size].reset_index(drop=True)
                rest = whole.iloc[chunk_size:].reset_index(drop=True)
                pending = [rest] if len(rest) else []
                n_pending = len(rest)
        if pending:
            yield pd.concat(pending, ignore_index=True) if len(pending) > 1 else pending[0]
        elif empty:
            yield handle.schema_arrow.empty_table().to_pandas()
    except CorpusError:
        raise
    except Exception as err:
        raise CorpusError(f"{path}: not a readable Parquet file ({err}).") from None


def _folder_files(folder: Path) -> list[str]:
    names = sorted(e.name for e in os.scandir(folder) if Path(e.name).suffix == ".txt" and e.is_file())
    if not names:
        raise CorpusError(f"{folder}: no .txt files found. Put one UTF-8 .txt file per article in the folder, or pass a .csv/.jsonl/.parquet file.")
    return names


def _read_metadata(folder: Path, names: list[str]) -> pd.DataFrame | None:
    from analysis.corpus import _folder_metadata

    meta_path = folder / METADATA_FILE
    if not meta_path.exists():
        return None
    return _folder_metadata(meta_path, {name[:-4] for name in names}, stacklevel=5).set_index("id", drop=False)


def _folder_frames(folder: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    names = _folder_files(folder)
    meta = _read_metadata(folder, names)
    for first in range(0, len(names), chunk_size):
        batch = names[first : first + chunk_size]
        frame = pd.DataFrame({
            "id": [name[:-4] for name in batch],
            "text": [_decode_file(folder / name) for name in batch],
        })
        if meta is not None:
            rows = meta.loc[meta.index.intersection(frame["id"])].reset_index(drop=True)
            frame = frame.merge(rows, on="id", how="left")
        yield frame


# ---------------------------------------------------------------------------------------------
# Validation (the checks of load_corpus, per chunk, with file-wide row numbers)
# ---------------------------------------------------------------------------------------------


class _SeenIds:
    """Ids seen so far as sorted 64-bit hashes (8 bytes each); a hash hit is confirmed exactly."""

    def __init__(self) -> None:
        self._sorted = np.empty(0, dtype=np.uint64)

    @staticmethod
    def _hashes(ids: list[str]) -> np.ndarray:
        return np.fromiter(
            (int.from_bytes(hashlib.blake2b(i.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little") for i in ids),
            dtype=np.uint64, count=len(ids),
        )

    def add(self, ids: list[str], earlier_rows: Callable[[str], list[int]]) -> tuple[str, list[int]] | None:
        """Add a chunk's ids (unique within the chunk).

        Returns:
            ``(id, rows before this chunk)`` for the first id seen before, else None.
            ``earlier_rows(id)`` gives the rows of an id in earlier chunks; it is called only on a
            hash hit, and an empty answer (a hash collision) is no duplicate.
        """
        hashes = self._hashes(ids)
        if len(self._sorted):
            pos = np.searchsorted(self._sorted, hashes)
            pos[pos == len(self._sorted)] = 0
            for k in np.flatnonzero(self._sorted[pos] == hashes):
                rows = earlier_rows(ids[k])
                if rows:
                    return ids[k], rows
        # Both runs are sorted, so a stable sort of the two merges them in linear time.
        self._sorted = np.sort(np.concatenate([self._sorted, np.sort(hashes)]), kind="stable")
        return None


def _ids_before(path: Path, kind: str, until_row: int, ident: str, chunk_size: int) -> list[int]:
    """Rows (1-based) before ``until_row`` whose id is ``ident``: a second pass over the ids only."""
    rows: list[int] = []
    row = 1
    if kind == "folder":
        for name in _folder_files(path)[: until_row - 1]:
            if name[:-4] == ident:
                rows.append(row)
            row += 1
        return rows
    if kind == "csv":
        reader = _Utf8Reader(path)
        try:
            frames = pd.read_csv(reader, dtype=str, keep_default_na=False, na_values=[], chunksize=chunk_size, usecols=["id"])
            id_lists = ([str(v) for v in f["id"]] for f in frames)
            for ids in id_lists:
                for v in ids:
                    if row >= until_row:
                        return rows
                    if v == ident:
                        rows.append(row)
                    row += 1
        finally:
            reader.close()
        return rows
    frames = _jsonl_frames(path, chunk_size) if kind == "jsonl" else _parquet_frames(path, chunk_size)
    for frame in frames:
        for v in frame["id"]:
            if row >= until_row:
                return rows
            if v is not None and not (isinstance(v, float) and pd.isna(v)) and str(v) == ident:
                rows.append(row)
            row += 1
    return rows


@dataclass
class _Validator:
    path: Path
    source_column: str
    kind: str
    chunk_size: int
    seen: _SeenIds = field(default_factory=_SeenIds)
    no_source_warned: bool = False
    missing_source: int = 0
    missing_examples: list[str] = field(default_factory=list)
    html: int = 0
    html_examples: list[str] = field(default_factory=list)

    def check(self, frame: pd.DataFrame, first_row: int) -> pd.DataFrame:
        path = self.path
        for column in ("id", "text"):
            if column not in frame.columns:
                raise CorpusError(
                    f"{path}: no `{column}` column (columns are: {', '.join(map(str, frame.columns))}). "
                    "A corpus table needs `id` and `text`; rename your columns accordingly."
                )
        frame = frame.copy()
        frame["id"] = [None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in frame["id"]]
        ids = frame["id"]
        for i, value in enumerate(ids):
            if value is None or not str(value).strip():
                raise CorpusError(f"{path}, row {first_row + i}: empty `id`. Every article needs a unique, non-empty id.")
        dup = ids[ids.duplicated(keep=False)]
        if len(dup):
            first = dup.iloc[0]
            rows = [str(first_row + i) for i, v in enumerate(ids) if v == first]
            raise CorpusError(
                f"{path}: duplicate id {first!r} in rows {', '.join(rows)}. Ids must be unique: rename or remove the duplicates."
            )
        text_col = frame.columns.get_loc("text")
        for i, (ident, text) in enumerate(zip(frame["id"], frame["text"])):
            if not isinstance(text, str):
                what = "missing" if text is None or pd.isna(text) else type(text).__name__
                raise CorpusError(f"{path}, row {first_row + i} (id {ident!r}): `text` is {what}, not a string. Give every article its text.")
            if _SURROGATE.search(text) or _SURROGATE.search(ident):
                raise CorpusError(
                    f"{path}, row {first_row + i} (id {ident!r}): the text holds an unpaired surrogate (\\ud800-\\udfff), "
                    "which is not a character; fix the JSON escapes that produced it."
                )
            if text.startswith("\ufeff"):
                text = text[1:]
                frame.iat[i, text_col] = text
            if not text.strip():
                raise CorpusError(f"{path}, row {first_row + i} (id {ident!r}): the text is blank. Remove the article or give it its text.")
            if "<" in text and _HTML_TAG.search(text):
                self.html += 1
                if len(self.html_examples) < 10:
                    self.html_examples.append(ident)
        if "date" in frame.columns:
            import datetime as _dt

            for i, (ident, value) in enumerate(zip(frame["id"], frame["date"])):
                if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
                    continue
                try:
                    _dt.datetime.fromisoformat(str(value))
                except ValueError:
                    raise CorpusError(
                        f"{path}, row {first_row + i} (id {ident!r}): date {value!r} is not ISO 8601. Write it as YYYY-MM-DD (or leave it empty)."
                    ) from None
        again = self.seen.add(list(ids), lambda ident: _ids_before(path, self.kind, first_row, ident, self.chunk_size))
        if again is not None:
            ident, rows = again
            rows = [*rows, *[first_row + i for i, v in enumerate(ids) if v == ident]]
            raise CorpusError(
                f"{path}: duplicate id {ident!r} in rows {', '.join(map(str, rows))}. Ids must be unique: rename or remove the duplicates."
            )
        source_column = self.source_column
        if source_column not in frame.columns:
            if source_column != "source":
                raise CorpusError(
                    f"{path}: no column {source_column!r} to use as the source (columns are: {', '.join(map(str, frame.columns))}). "
                    "Pass an existing column as SOURCE_COLUMN / source_column."
                )
            if not self.no_source_warned:
                warnings.warn(f"{path}: no `source` column; every article gets source {UNKNOWN_SOURCE!r}.", CorpusWarning, stacklevel=3)
                self.no_source_warned = True
            frame["source"] = UNKNOWN_SOURCE
        else:
            values = frame[source_column]
            missing = values.isna() | (values.astype(str).str.strip() == "")
            if missing.any():
                self.missing_source += int(missing.sum())
                self.missing_examples.extend(frame.loc[missing, "id"].head(10 - len(self.missing_examples)))
            frame["source"] = [UNKNOWN_SOURCE if m else str(v) for v, m in zip(values, missing)]
        for column in _METADATA_COLUMNS[1:]:
            if column in frame.columns:
                frame[column] = frame[column].where(frame[column].notna(), "").astype(str)
        first = ["id", "source", "text"]
        return frame[first + [c for c in frame.columns if c not in first]].reset_index(drop=True)

    def finish(self) -> None:
        """Warnings gathered over all chunks (once each, as load_corpus gives them)."""
        if self.missing_source:
            warnings.warn(
                f"{self.path}: {self.missing_source} article(s) have no {self.source_column!r}; they get source "
                f"{UNKNOWN_SOURCE!r}: " + ", ".join(self.missing_examples),
                CorpusWarning,
                stacklevel=3,
            )
        if self.html:
            warnings.warn(
                f"{self.path}: {self.html} article(s) contain HTML markup, which is scored as text (tag names count as "
                f"words); strip the markup first for clean counts: " + ", ".join(self.html_examples),
                CorpusWarning,
                stacklevel=3,
            )


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def _kind(path: Path) -> str:
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder. Give a folder of .txt files or a .csv/.jsonl/.parquet file.")
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix in (".csv", ".jsonl", ".parquet"):
        return suffix[1:]
    raise CorpusError(f"{path}: unsupported file type {path.suffix!r}. Use a folder of .txt files or a .csv, .jsonl or .parquet file.")


def iter_chunks(
    path: str | Path,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    source_column: str = "source",
) -> Iterator[Chunk]:
    """Read a corpus a chunk at a time, with the checks of :func:`analysis.corpus.load_corpus`.

    Args:
        path: A folder of ``.txt`` files (with an optional ``metadata.csv``), or a ``.csv``,
            ``.jsonl`` or ``.parquet`` file.
        chunk_size: Articles per chunk.
        source_column: The column naming each article's source.

    Yields:
        :class:`Chunk` objects in file order. Concatenated and sorted by id they equal
        ``load_corpus(path, source_column=source_column)``.

    Raises:
        CorpusError: The errors of ``load_corpus`` (row numbers count from the start of the
            file), also for an id that occurs twice in different chunks. Warnings about missing
            sources come once, after the last chunk.
    """
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise TypeError(f"chunk_size must be a positive integer, not {chunk_size!r}")
    if not isinstance(source_column, str) or not source_column:
        raise TypeError(f"source_column must be a column name, not {source_column!r}")
    path = Path(path).expanduser()
    kind = _kind(path)
    frames = {"csv": _csv_frames, "jsonl": _jsonl_frames, "parquet": _parquet_frames, "folder": _folder_frames}[kind](path, chunk_size)
    validator = _Validator(path, source_column, kind, chunk_size)
    first_row = 1
    for index, frame in enumerate(frames):
        frame = validator.check(frame, first_row)
        yield Chunk(index, first_row, frame)
        first_row += len(frame)
    validator.finish()


def count_articles(path: str | Path) -> int | None:
    """Number of articles when known without parsing the texts (Parquet, folder, JSONL), else None.

    A JSONL file is counted by its non-blank lines (one quick pass over the bytes, about a second
    per GB); a CSV is not counted (its quoted fields may hold line breaks).
    """
    path = Path(path).expanduser()
    try:
        kind = _kind(path)
        if kind == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if kind == "folder":
            return len(_folder_files(path))
        if kind == "jsonl":
            with open(path, "rb") as handle:
                return sum(1 for line in handle if line.strip())
    except Exception:
        return None
    return None


def corpus_fingerprint(path: str | Path) -> str:
    """A digest of the input's identity: path, size and modification time of every file read.

    Used to key resumable work: a changed input (size or time) never reuses old results.
    """
    path = Path(path).expanduser().resolve()
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass"))
    if path.is_dir():
        for entry in sorted(os.scandir(path), key=lambda e: e.name):
            if entry.is_file() and (entry.name.endswith(".txt") or entry.name == METADATA_FILE):
                st = entry.stat()
                digest.update(f"\0{entry.name}\0{st.st_size}\0{st.st_mtime_ns}".encode("utf-8", "surrogatepass"))
    else:
        st = path.stat()
        digest.update(f"\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return digest.hexdigest()

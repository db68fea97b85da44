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
import itertools
import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.corpus import METADATA_FILE, UNKNOWN_SOURCE, CorpusError, CorpusWarning, similar_sources
from analysis.tables.io import DELIMITER_NAMES, csv_delimiter
from analysis.text.choices import first_few
from analysis.text.markup import html_references, html_tags
from analysis.text.tokens import MAX_SENTENCE_CHARS, unpunctuated

_PACKAGE = str(Path(__file__).resolve().parents[1]) + os.sep  # the analysis package's folder


def _warn(message: str) -> None:
    """A :class:`CorpusWarning` issued at the first caller outside the package: the user's own line (a notebook cell's
    ``load_corpus(...)``, a script's call), not the reader's internals, which a warning's location would otherwise show
    (the calls pass through generators and comprehensions of varying depth, so no fixed ``stacklevel`` fits). The
    command line prints the message alone (``warning: ...``)."""
    frame, level = sys._getframe(1), 2
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, CorpusWarning, stacklevel=level)

__all__ = ["Chunk", "DEFAULT_CHUNK_SIZE", "corpus_fingerprint", "corpus_kind", "count_articles", "iter_chunks"]

DEFAULT_CHUNK_SIZE = 1000
_BLOCK = 1 << 20  # bytes read at a time
_METADATA_COLUMNS = ("source", "title", "date", "url")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # what str.splitlines splits at


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

# Byte-order marks, longest first (a UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
MAX_ARTICLE_CHARS = 100_000_000  # longest text (and longest CSV field) accepted; see docs/bad_input.md


class _DecodeError(CorpusError):
    """Bytes that are not text in the file's encoding; readers add the row and id they were in."""

    def __init__(self, path: Path, encoding: str, explicit: bool, byte: str, offset: int, line: int) -> None:
        self.path, self.encoding, self.explicit = path, encoding, explicit
        self.byte, self.offset, self.line = byte, offset, line
        self.partial_line: str = ""  # the text of the line before the bad byte (set by _TextReader.lines)
        self.lines_read = 0
        super().__init__(self.describe())

    def describe(self, row: int | None = None, ident: str | None = None) -> str:
        where = f"line {self.line}"
        if row is not None:
            where += f", row {row}" + (f" (id {ident!r})" if ident else "")
        name = "UTF-8" if self.encoding.replace("_", "-").lower() in ("utf-8", "utf8") else self.encoding
        if self.explicit:
            fix = f"Check the file's encoding and pass the right one with --encoding (ENCODING= with make; it is not {name})."
        else:
            fix = ("If it was saved on Windows or by Excel, convert it: iconv -f windows-1252 -t utf-8 IN > OUT "
                   "(or pass --encoding windows-1252; ENCODING=windows-1252 with make); in Excel save as \"CSV UTF-8\".")
        return f"{self.path}: not valid {name} (byte 0x{self.byte} at byte offset {self.offset}, {where}). {fix}"


_UTF16_SAMPLE = 4096  # bytes read to recognise UTF-16 without a byte-order mark


class _TextReader(io.TextIOBase):
    """A text stream over a file in a given encoding (default: UTF-8, or what a byte-order mark says).

    A leading byte-order mark is recognised (UTF-8, UTF-16, UTF-32) and dropped. Bytes that do
    not decode raise :class:`_DecodeError` naming the byte offset and line, after every complete
    line before them has been returned, so a reader knows the row they are in.
    """

    def __init__(self, path: Path, encoding: str | None = None) -> None:
        self._path = path
        self._raw = open(path, "rb")  # noqa: SIM115 (closed in close())
        head = self._raw.read(4)
        self._skip = 0
        self.encoding_name = encoding or "utf-8"
        for bom, codec, _name in _BOMS:
            if head.startswith(bom) and (encoding is None or codecs.lookup(encoding).name == codecs.lookup(codec).name
                                         or codecs.lookup(encoding).name in ("utf-16", "utf-32")):
                self.encoding_name, self._skip = codec, len(bom)
                break
        self._explicit = encoding is not None
        if not self._skip and encoding is None:
            self._refuse_utf16_without_bom()
        self._raw.seek(self._skip)
        self._decoder = codecs.getincrementaldecoder(self.encoding_name)()
        self._fed = self._skip
        self._lines = 1
        self._error: _DecodeError | None = None
        self._start = True
        self._eof = False

    def _refuse_utf16_without_bom(self) -> None:
        """UTF-16 saved without a byte-order mark is valid UTF-8 with a NUL character after (or
        before) every ASCII letter; read as UTF-8 it would be scored as text full of NULs, or fail
        with a message about columns or JSON. Text with that pattern is refused, naming the fix."""
        self._raw.seek(0)
        sample = self._raw.read(_UTF16_SAMPLE)
        nuls = sample.count(0)
        if nuls < 2 or nuls * 4 < len(sample):  # UTF-16 of mostly-ASCII text is about half NULs
            return
        odd = sample[1::2].count(0)
        share = max(odd, nuls - odd) / nuls
        if share < 0.9:
            return
        codec, order = ("utf-16-le", "little-endian") if odd > nuls - odd else ("utf-16-be", "big-endian")
        self._raw.close()
        raise CorpusError(
            f"{self._path}: looks like UTF-16 ({order}) saved without a byte-order mark ({nuls} of its first "
            f"{len(sample)} bytes are 0). Pass --encoding {codec} (ENCODING={codec} with make), or re-save the file as UTF-8.")

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
            good = err.object[: err.start].decode(self.encoding_name, "replace")
            self._lines += good.count("\n")
            self._error = _DecodeError(self._path, self.encoding_name, self._explicit,
                                       err.object[err.start : err.start + 1].hex(), before + err.start, self._lines)
            self._eof = True
            return self._strip_bom(good)
        self._fed += len(data)
        self._lines += text.count("\n")
        return self._strip_bom(text)

    def _strip_bom(self, text: str) -> str:
        if self._start and text:
            self._start = False
            if text.startswith("\ufeff"):  # a BOM after a declared --encoding
                text = text[1:]
        return text

    def read(self, size: int | None = -1) -> str:
        if self._eof:
            if self._error is not None:
                raise self._error
            return ""
        if size is None or size < 0:
            if self._start and self._fed == self._skip:  # nothing read yet: decode the whole file at once
                text = self._decode_all()
                if text is not None:
                    return text
            parts = []
            while not self._eof:
                data = self._raw.read(_BLOCK)
                parts.append(self._decode(data, not data))
                if not data:
                    self._eof = True
            if self._error is not None:
                raise self._error
            return "".join(parts)
        while True:
            data = self._raw.read(max(size, 1))
            text = self._decode(data, not data)
            if not data:
                self._eof = True
            if text or self._eof:
                if not text and self._error is not None:
                    raise self._error
                return text

    def _decode_all(self) -> str | None:
        """The whole file decoded in one step (its bytes and its text in memory, nothing more; a
        file of one very long article is read this way), or None when it does not decode: the
        caller then reads it in blocks, which finds the bad byte and its line."""
        data = bytearray(max(0, os.fstat(self._raw.fileno()).st_size - self._skip))
        view = memoryview(data)
        size = 0
        while size < len(data):
            got = self._raw.readinto(view[size:])
            if not got:
                break
            size += got
        del view
        rest = self._raw.read()  # a file that grew since
        try:
            text = str(memoryview(data)[:size], self.encoding_name) if not rest else (bytes(data[:size]) + rest).decode(self.encoding_name)
        except UnicodeDecodeError:
            self._raw.seek(self._skip)
            return None
        self._fed += size + len(rest)
        del data
        self._eof = True
        self._lines += text.count("\n")
        return self._strip_bom(text)

    def blocks(self) -> Iterator[str]:
        """The decoded text, a block at a time."""
        while True:
            text = self.read(_BLOCK)
            if not text:
                return
            yield text

    def lines(self) -> Iterator[str]:
        """The decoded text split after each ``\\n`` only (line ends kept)."""
        pending = ""
        count = 0
        blocks = self.blocks()
        while True:
            try:
                block = next(blocks)
            except StopIteration:
                break
            except _DecodeError as err:
                err.partial_line, err.lines_read = pending, count
                raise
            pending += block
            if "\n" not in block:
                if len(pending) > MAX_ARTICLE_CHARS * 4 + _BLOCK:
                    raise CorpusError(
                        f"{self._path}: a line longer than {MAX_ARTICLE_CHARS * 4:,} characters. "
                        "Split the file into one record per line."
                    )
                continue
            lines = pending.split("\n")
            pending = lines.pop()
            for line in lines:
                count += 1
                yield line + "\n"
        if pending:
            yield pending


def _decode_file(path: Path, encoding: str | None = None) -> str:
    with _TextReader(path, encoding) as reader:
        text = reader.read()
    return text


def _has_content(path: Path, encoding: str | None = None) -> bool:
    """True when the file holds something other than whitespace (decoding it)."""
    with _TextReader(path, encoding) as reader:
        return any(block.strip() for block in reader.blocks())


# ---------------------------------------------------------------------------------------------
# Readers: each yields raw frames (as read) with the row number of their first row
# ---------------------------------------------------------------------------------------------


def _csv_records(path: Path, encoding: str | None = None) -> Iterator[tuple[int, int, list[str]]]:
    """``(row, line, fields)`` of every record of a CSV file, row 0 being the header; strict.

    Blank lines are skipped. A record with more or fewer fields than the header, a quote in the
    wrong place or a quoted field that never ends stops with the row, the line and the fix.
    """
    import csv

    if csv.field_size_limit() < MAX_ARTICLE_CHARS:
        csv.field_size_limit(MAX_ARTICLE_CHARS)
    with _TextReader(path, encoding) as reader:
        lines = reader.lines()
        head: list[str] = []  # the lines up to the header, to read its delimiter
        try:
            for text in lines:
                head.append(text)
                if text.strip():
                    break
        except _DecodeError as err:
            raise CorpusError(err.describe(None, None)) from None
        delimiter = csv_delimiter(head[-1] if head else "")
        records = csv.reader(itertools.chain(head, lines), delimiter=delimiter, strict=True)
        row = -1
        width = 0
        line = 0
        ident = None
        while True:
            try:
                fields = next(records)
            except StopIteration:
                return
            except _DecodeError as err:
                ident = None
                if row >= 0 and records.line_num == err.lines_read and err.partial_line:  # the bad byte is in a new record
                    first = err.partial_line.split(delimiter, 1)[0]
                    ident = first if len(err.partial_line.split(delimiter, 1)) > 1 and '"' not in first else None
                raise CorpusError(err.describe(row + 1 if row >= 0 else None, ident)) from None
            except csv.Error as err:
                where = f"row {row + 1} (line {line + 1})" if row >= 0 else f"the header (line {line + 1})"
                msg = str(err)
                if "expected after" in msg:
                    what = ("a stray quote: a quoted field goes on after its closing quote. Inside a quoted field "
                            "write a quote as two quotes (\"He said \"\"barbaric\"\" things\")")
                elif "unexpected end of data" in msg or "EOF" in msg:
                    what = "a quoted field is never closed (a missing quote). Close it, or double the quotes inside it"
                elif "field larger than field limit" in msg:
                    what = (f"a field longer than {MAX_ARTICLE_CHARS:,} characters (the longest article accepted); "
                            "split the article, or check for a missing quote")
                elif "new-line character" in msg:
                    what = "a carriage return (\\r) alone ends a line; convert the line ends: dos2unix, or mac2unix for old Mac files"
                else:
                    what = f"not readable as CSV ({msg})"
                raise CorpusError(f"{path}, {where}: {what}.") from None
            line = records.line_num
            if not fields:
                continue
            row += 1
            if row == 0:
                width = len(fields)
            elif len(fields) != width:
                ident = fields[0] if fields else ""
                raise CorpusError(
                    f"{path}, row {row} (line {line}): {len(fields)} fields where the header has {width}"
                    f" (first field {ident[:40]!r}). Quote fields that hold {DELIMITER_NAMES[delimiter]}, or fill the"
                    " missing fields."
                )
            yield row, line, fields


def _csv_header(fields: list[str], path: Path) -> list[str]:
    names = [name if name else f"Unnamed: {k}" for k, name in enumerate(fields)]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise CorpusError(f"{path}: the header names the column {name!r} twice. Give every column its own name.")
        seen.add(name)
    return names


def read_csv_table(path: Path, encoding: str | None = None) -> pd.DataFrame:
    """A whole (small) CSV file, read strictly: every value a string, exactly as written."""
    return pd.concat(list(_csv_frames(path, 1 << 30, encoding, allow_empty=True)), ignore_index=True)


def _csv_frames(path: Path, chunk_size: int, encoding: str | None = None, *, allow_empty: bool = False) -> Iterator[pd.DataFrame]:
    if not _has_content(path, encoding):
        raise CorpusError(f"{path}: the file is empty. Give a CSV with a header row and at least `id` and `text` columns.")
    names: list[str] = []
    rows: list[list[str]] = []
    any_rows = False

    def frame() -> pd.DataFrame:
        columns = list(zip(*rows)) if rows else [[] for _ in names]
        return pd.DataFrame({name: pd.Series(list(col), dtype=object) for name, col in zip(names, columns)})

    for row, _line, fields in _csv_records(path, encoding):
        if row == 0:
            names = _csv_header(fields, path)
            continue
        rows.append(fields)
        any_rows = True
        if len(rows) == chunk_size:
            yield frame()
            rows = []
    if rows or (allow_empty and not any_rows):
        yield frame()
    elif not any_rows:
        raise CorpusError(f"{path}: a header but no rows: no articles. Add at least one article.")


_JSON_DEPTH = 100  # nesting accepted in a JSONL record (json.loads recurses)


def _jsonl_records(path: Path, encoding: str | None = None) -> Iterator[tuple[int, int, dict]]:
    """``(row, line, record)`` of every JSON object of a JSONL file; lines end at ``\\n`` only.

    U+2028, U+2029, U+0085 and other characters that ``str.splitlines`` would split at are text
    (they are valid inside JSON strings).
    """
    row = 0
    lineno = 0
    with _TextReader(path, encoding) as reader:
        lines = reader.lines()
        while True:
            try:
                line = next(lines)
            except StopIteration:
                return
            except _DecodeError as err:
                found = re.search(r'"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)', err.partial_line or "")
                ident = None
                if found:
                    try:
                        ident = str(json.loads(found.group(1)))
                    except ValueError:
                        ident = None
                raise CorpusError(err.describe(row + 1, ident)) from None
            lineno += 1
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise CorpusError(f"{path}, line {lineno}: not valid JSON ({err.msg}). Each line must be one JSON object.") from None
            except RecursionError:
                raise CorpusError(f"{path}, line {lineno}: JSON nested too deeply. Each line must be one flat JSON object "
                                  "like {\"id\": ..., \"text\": ...}.") from None
            if not isinstance(record, dict):
                raise CorpusError(f"{path}, line {lineno}: expected a JSON object like {{\"id\": ..., \"text\": ...}}, got {type(record).__name__}.")
            row += 1
            for key, value in record.items():
                if isinstance(value, str) and _SURROGATE.search(value) or _SURROGATE.search(key):
                    bad = _SURROGATE.search(value if isinstance(value, str) and _SURROGATE.search(value) else key).group()
                    ident = record.get("id")
                    ident = f" (id {ident!r})" if isinstance(ident, str) and not _SURROGATE.search(ident) else ""
                    raise CorpusError(
                        f"{path}, line {lineno}, row {row}{ident}: column {key!a} holds \\u{ord(bad):04x}, half of a surrogate pair, "
                        "which is not a character. Fix the JSON escape (characters beyond U+FFFF are written as two escapes, e.g. \\ud83d\\ude00)."
                    )
            yield row, lineno, record


def _jsonl_frames(path: Path, chunk_size: int, encoding: str | None = None) -> Iterator[pd.DataFrame]:
    records: list[dict] = []
    any_rows = False
    for _row, _line, record in _jsonl_records(path, encoding):
        records.append(record)
        any_rows = True
        if len(records) == chunk_size:
            yield _records_frame(records)
            records = []
    if records:
        yield _records_frame(records)
    if not any_rows:
        raise CorpusError(f"{path}: the file holds no records. Give one JSON object per line with at least `id` and `text`.")


def _records_frame(records: list[dict]) -> pd.DataFrame:
    """Records as a frame of object columns (None stays None: pandas would make it NaN)."""
    names: dict[str, None] = {}
    for record in records:
        names.update(dict.fromkeys(record))
    return pd.DataFrame({name: pd.Series([r.get(name) for r in records], dtype=object) for name in names})


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
            raise CorpusError(f"{path}: the table has no rows: no articles. Give a table with at least one article.")
    except CorpusError:
        raise
    except Exception as err:
        raise CorpusError(f"{path}: not a readable Parquet file ({err}).") from None


def _xlsx_cell(value: object) -> object:
    """A spreadsheet cell as the corpus table holds it: text as is, dates as ISO 8601, empty as ""."""
    import datetime as _dt

    if value is None:
        return ""
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def _xlsx_frames(path: Path, chunk_size: int, encoding: str | None = None) -> Iterator[pd.DataFrame]:  # noqa: ARG001
    """The first worksheet of an .xlsx workbook: a header row, then one row per article."""
    import zipfile

    try:
        import openpyxl
    except ImportError:
        raise CorpusError(f"{path}: reading .xlsx needs openpyxl (pip install openpyxl), or save the sheet as \"CSV UTF-8\".") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        raise CorpusError(f"{path}: not a readable .xlsx workbook ({err}). Save it again from the spreadsheet, or as \"CSV UTF-8\".") from None
    try:
        sheet = book.worksheets[0]
        names: list[str] = []
        rows: list[list] = []
        any_rows = False
        row_no = 0

        def frame() -> pd.DataFrame:
            return pd.DataFrame({n: pd.Series([r[k] for r in rows], dtype=object) for k, n in enumerate(names)})

        for values in sheet.iter_rows(values_only=True):
            if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue  # blank rows
            if not names:
                names = _csv_header([_xlsx_cell(v) for v in values], path)
                continue
            row_no += 1
            cells = [_xlsx_cell(v) for v in values]
            if len(cells) > len(names) and any(c != "" for c in cells[len(names):]):
                raise CorpusError(f"{path}, row {row_no}: a value beyond the last named column. Give every column a header, or remove the value.")
            cells = (cells + [""] * len(names))[: len(names)]
            rows.append(cells)
            any_rows = True
            if len(rows) == chunk_size:
                yield frame()
                rows = []
        if rows:
            yield frame()
        elif not any_rows:
            raise CorpusError(f"{path}: the first sheet has no rows below its header: no articles. Add at least one article.")
    finally:
        book.close()


def _folder_files(folder: Path) -> list[str]:
    names = sorted(e.name for e in os.scandir(folder) if Path(e.name).suffix == ".txt" and e.is_file())
    if not names:
        raise CorpusError(f"{folder}: no .txt files found. Put one UTF-8 .txt file per article in the folder, or pass a .csv/.jsonl/.parquet file.")
    return names


def _folder_metadata(meta_path: Path, known: set[str]) -> pd.DataFrame:
    """The rows of a folder corpus's ``metadata.csv`` whose id names a .txt file (``known``).

    Rows without a file and files without a row are reported as :class:`CorpusWarning`
    (:func:`_warn`: at the user's call). Metadata ids are only ever compared
    with file names, never opened as paths, so an id such as "../secret" or "/etc/passwd" cannot
    make the reader leave the folder: it is a row without a file.
    """
    meta = read_csv_table(meta_path)
    if "id" not in meta.columns:
        raise CorpusError(f"{meta_path}: no `id` column. The metadata needs an `id` column holding the .txt file names without the extension.")
    if "text" in meta.columns:
        raise CorpusError(f"{meta_path}: has a `text` column. In a folder corpus the text comes from the .txt files; remove that column.")
    _check_ids(meta["id"], meta_path, what="metadata row")
    listed = set(meta["id"])
    orphans = sorted(listed - known)
    unlisted = sorted(known - listed)
    for ids, what in ((orphans, "metadata row(s) have no matching .txt file and are ignored"),
                      (unlisted, ".txt file(s) have no metadata row, so their metadata is empty")):
        if ids:
            _warn(f"{meta_path}: {len(ids)} {what}: {first_few(ids, 10)}")
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


def _read_metadata(folder: Path, names: list[str]) -> pd.DataFrame | None:
    meta_path = folder / METADATA_FILE
    if not meta_path.exists():
        return None
    return _folder_metadata(meta_path, {name[:-4] for name in names}).set_index("id", drop=False)


def _folder_frames(folder: Path, chunk_size: int, encoding: str | None = None) -> Iterator[pd.DataFrame]:
    names = _folder_files(folder)
    meta = _read_metadata(folder, names)
    for first in range(0, len(names), chunk_size):
        batch = names[first : first + chunk_size]
        # Texts as they were decoded (dtype object): a column of str dtype would hold a second
        # copy of each text, and the scorer would make a third (issue 20: memory per article).
        frame = pd.DataFrame({
            "id": [name[:-4] for name in batch],
            "text": pd.Series([_decode_file(folder / name, encoding) for name in batch], dtype=object),
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


def _ids_before(path: Path, kind: str, until_row: int, ident: str, chunk_size: int, *,
                encoding: str | None = None, id_column: str = "id") -> list[int]:
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
        column = 0
        for k, _line, fields in _csv_records(path, encoding):
            if k == 0:
                column = _csv_header(fields, path).index(id_column)
                continue
            if k >= until_row:
                break
            if fields[column] == ident:
                rows.append(k)
        return rows
    frames = (_jsonl_frames(path, chunk_size, encoding) if kind == "jsonl" else
              _xlsx_frames(path, chunk_size) if kind == "xlsx" else _parquet_frames(path, chunk_size))
    for frame in frames:
        for v in frame[id_column]:
            if row >= until_row:
                return rows
            if _id_text(v) == ident:
                rows.append(row)
            row += 1
    return rows


def _id_text(value: object) -> str | None:
    """An id as text; None for a missing one. Numbers read as numbers (JSON, Parquet) are written plainly."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (dict, list, tuple, set, bytes, bytearray)):
        raise TypeError(type(value).__name__)
    if hasattr(value, "item") and not isinstance(value, str):  # NumPy scalars
        value = value.item()
    return str(value)


def _rename_columns(frame: pd.DataFrame, path: Path, id_column: str, text_column: str, date_column: str = "date") -> pd.DataFrame:
    """The columns named by --id-column / --text-column / --date-column become ``id`` / ``text`` / ``date``."""
    renames = {}
    for given, standard, option in ((id_column, "id", "--id-column"), (text_column, "text", "--text-column"),
                                    (date_column, "date", "--date-column")):
        if given == standard:
            continue
        if given not in frame.columns:
            raise CorpusError(
                f"{path}: no column {given!r} for {option} (columns are: {', '.join(map(str, frame.columns))}). "
                f"Pass an existing column to {option}."
            )
        if standard in frame.columns:
            raise CorpusError(
                f"{path}: has both a `{standard}` column and {option} {given!r}. Rename or drop one of them."
            )
        renames[given] = standard
    return frame.rename(columns=renames) if renames else frame


@dataclass
class _Validator:
    path: Path
    source_column: str
    kind: str
    chunk_size: int
    encoding: str | None = None
    id_column: str = "id"
    text_column: str = "text"
    date_column: str = "date"
    seen: _SeenIds = field(default_factory=_SeenIds)
    no_source_warned: bool = False
    missing_source: int = 0
    missing_examples: list[str] = field(default_factory=list)
    html: int = 0
    html_examples: list[str] = field(default_factory=list)
    references: int = 0
    references_examples: list[str] = field(default_factory=list)
    bom: int = 0
    bom_examples: list[str] = field(default_factory=list)
    unpunctuated: int = 0
    unpunctuated_examples: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)

    def check(self, frame: pd.DataFrame, first_row: int) -> pd.DataFrame:
        path = self.path
        frame = _rename_columns(frame, path, self.id_column, self.text_column, self.date_column)
        for column in ("id", "text"):
            if column not in frame.columns:
                option = {"id": "--id-column (ID_COLUMN=)", "text": "--text-column (TEXT_COLUMN=)"}[column]
                raise CorpusError(
                    f"{path}: no `{column}` column (columns are: {', '.join(map(str, frame.columns))}). "
                    f"A corpus table needs `id` and `text`; rename your columns, or name yours with {option}."
                )
        frame = frame.copy()
        id_list = []
        for i, value in enumerate(frame["id"]):
            try:
                ident = _id_text(value)
            except TypeError as err:
                raise CorpusError(
                    f"{path}, row {first_row + i}: the `id` is a {err}, not text or a number. Give every article a plain id."
                ) from None
            if ident is None or not ident.strip():
                raise CorpusError(f"{path}, row {first_row + i}: empty `id`. Every article needs a unique, non-empty id.")
            id_list.append(ident)
        frame["id"] = pd.Series(id_list, index=frame.index, dtype=object)
        ids = frame["id"]
        dup = ids[ids.duplicated(keep=False)]
        if len(dup):
            first = dup.iloc[0]
            rows = [str(first_row + i) for i, v in enumerate(ids) if v == first]
            raise CorpusError(
                f"{path}: duplicate id {first!r} in rows {', '.join(rows)}. Ids must be unique: rename or remove the duplicates."
            )
        text_col = frame.columns.get_loc("text")
        blank: list[str] = []  # every blank text of the chunk, named at once
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
                self.bom += 1
                if len(self.bom_examples) < 10:
                    self.bom_examples.append(ident)
            if not text or text.isspace():  # (not text.strip(), which would copy the text)
                blank.append(f"row {first_row + i} (id {ident!r})")
                continue
            if len(text) > MAX_ARTICLE_CHARS:
                raise CorpusError(
                    f"{path}, row {first_row + i} (id {ident!r}): the text has {len(text):,} characters, more than the "
                    f"{MAX_ARTICLE_CHARS:,} accepted (a longer text is rarely one article). "
                    "Split it into several articles."
                )
            if html_tags(text):
                self.html += 1
                if len(self.html_examples) < 10:
                    self.html_examples.append(ident)
            if html_references(text):
                self.references += 1
                if len(self.references_examples) < 10:
                    self.references_examples.append(ident)
            if unpunctuated(text):
                self.unpunctuated += 1
                if len(self.unpunctuated_examples) < 10:
                    self.unpunctuated_examples.append(ident)
        if len(blank) == 1:
            raise CorpusError(f"{path}, {blank[0]}: the text is blank. Remove the article or give it its text.")
        if blank:
            raise CorpusError(f"{path}: {len(blank)} articles have a blank text: {first_few(blank, 10)}. Remove them or "
                              "give them their text.")
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
        again = self.seen.add(list(ids), lambda ident: _ids_before(path, self.kind, first_row, ident, self.chunk_size,
                                                                   encoding=self.encoding, id_column=self.id_column))
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
                _warn(f"{path}: no `source` column; every article gets source {UNKNOWN_SOURCE!r}.")
                self.no_source_warned = True
            frame["source"] = UNKNOWN_SOURCE
        else:
            values = frame[source_column]
            missing = values.isna() | (values.astype(str).str.strip() == "")
            if missing.any():
                self.missing_source += int(missing.sum())
                self.missing_examples.extend(frame.loc[missing, "id"].head(10 - len(self.missing_examples)))
            frame["source"] = [UNKNOWN_SOURCE if m else str(v) for v, m in zip(values, missing)]
        self.sources.update(frame["source"].unique())
        for column in _METADATA_COLUMNS[1:]:
            if column in frame.columns:
                frame[column] = frame[column].where(frame[column].notna(), "").astype(str)
        first = ["id", "source", "text"]
        return frame[first + [c for c in frame.columns if c not in first]].reset_index(drop=True)

    def finish(self) -> None:
        """Warnings gathered over all chunks (once each, as load_corpus gives them)."""
        for n, what, examples in (
            (self.missing_source, f"have no {self.source_column!r}; they get source {UNKNOWN_SOURCE!r}", self.missing_examples),
            (self.html, "contain HTML markup, which is scored as text (tag names count as words); strip the markup "
                        "first for clean counts (docs/researchers.md, \"HTML left in the text\")", self.html_examples),
            (self.references, "contain HTML character references (&quot;, &#8217;, &amp;), which are scored as text: "
                              "the reference's name counts as a word, and a quotation mark or apostrophe written as one is "
                              "not read as one (the quotation it opens is not found); decode them first (html.unescape; "
                              "docs/researchers.md, \"HTML left in the text\")", self.references_examples),
            (self.bom, "begin with a byte-order mark (U+FEFF), which is dropped from the text: every offset of the "
                       "output counts from the character after it", self.bom_examples),
            (self.unpunctuated, f"have more than {MAX_SENTENCE_CHARS:,} characters without a full stop, question or "
                                f"exclamation mark or line break (a transcript, or text that lost its punctuation?): "
                                f"a longer sentence is cut into pieces of at most {MAX_SENTENCE_CHARS:,} characters, which "
                                "stance, quotations and the evidence sentences then read as sentences",
             self.unpunctuated_examples),
        ):
            if n:
                _warn(f"{self.path}: {n} article(s) {what}: " + ", ".join(examples))
        groups = similar_sources(self.sources)
        if groups:
            shown = first_few([", ".join(map(repr, group)) for group in groups], 10, sep="; ")
            _warn(f"{self.path}: {len(groups)} group(s) of source names differ only in letter case or spaces, and each name "
                  f"is analysed as a source of its own: {shown}. If a group is one outlet, write its name one way in "
                  f"the {self.source_column!r} column.")


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def corpus_kind(path: Path) -> str:
    """What kind of corpus ``path`` is: ``"folder"``, ``"csv"``, ``"jsonl"``, ``"parquet"`` or ``"xlsx"``.

    Raises:
        CorpusError: The path does not exist or is a file of another type, with the fix.
    """
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder. Give a folder of .txt files or a .csv/.jsonl/.parquet file.")
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix in (".csv", ".jsonl", ".parquet", ".xlsx"):
        return suffix[1:]
    hint = ' Save the sheet as .xlsx or as "CSV UTF-8".' if suffix in (".xls", ".ods", ".numbers") else ""
    raise CorpusError(f"{path}: unsupported file type {path.suffix!r}. Use a folder of .txt files or a .csv, .jsonl, .parquet or .xlsx file.{hint}")


def iter_chunks(
    path: str | Path,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    source_column: str = "source",
    id_column: str = "id",
    text_column: str = "text",
    encoding: str | None = None,
    date_column: str = "date",
) -> Iterator[Chunk]:
    """Read a corpus a chunk at a time, with the checks of :func:`analysis.corpus.load_corpus`.

    Args:
        path: A folder of ``.txt`` files (with an optional ``metadata.csv``), or a ``.csv``,
            ``.jsonl`` or ``.parquet`` file.
        chunk_size: Articles per chunk.
        source_column: The column naming each article's source.
        id_column: The column holding each article's id (it becomes ``id``).
        text_column: The column holding each article's text (it becomes ``text``).
        encoding: The files' encoding (default UTF-8, or what a byte-order mark says).
        date_column: The column holding each article's date (it becomes ``date``; in a folder, of ``metadata.csv``).

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
    for name, value in (("source_column", source_column), ("id_column", id_column), ("text_column", text_column),
                        ("date_column", date_column)):
        if not isinstance(value, str) or not value:
            raise TypeError(f"{name} must be a column name, not {value!r}")
    check_encoding(encoding)
    path = Path(path).expanduser()
    kind = corpus_kind(path)
    if kind == "folder":
        id_column, text_column = "id", "text"  # a folder's ids are file names, its texts the files
    readers = {"csv": _csv_frames, "jsonl": _jsonl_frames, "parquet": _parquet_frames, "folder": _folder_frames, "xlsx": _xlsx_frames}
    frames = readers[kind](path, chunk_size, encoding) if kind != "parquet" else _parquet_frames(path, chunk_size)
    validator = _Validator(path, source_column, kind, chunk_size, encoding=encoding, id_column=id_column, text_column=text_column,
                           date_column=date_column)
    first_row = 1
    for index, frame in enumerate(frames):
        frame = validator.check(frame, first_row)
        yield Chunk(index, first_row, frame)
        first_row += len(frame)
    validator.finish()


def check_encoding(encoding: str | None) -> None:
    """Refuse an encoding Python does not know, with the fix."""
    if encoding is None:
        return
    if not isinstance(encoding, str) or not encoding:
        raise TypeError(f"encoding must be a name such as 'windows-1252', not {encoding!r}")
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise CorpusError(f"unknown encoding {encoding!r}. Give a name such as utf-8, windows-1252, latin-1 or utf-16.") from None
    if not getattr(info, "_is_text_encoding", True):
        raise CorpusError(f"{encoding!r} is not a text encoding. Give a name such as utf-8, windows-1252 or utf-16.")


def count_articles(path: str | Path) -> int | None:
    """Number of articles when known without parsing the texts (Parquet, folder, JSONL), else None.

    A JSONL file is counted by its non-blank lines (one quick pass over the bytes, about a second
    per GB); a CSV is not counted (its quoted fields may hold line breaks).
    """
    path = Path(path).expanduser()
    try:
        kind = corpus_kind(path)
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

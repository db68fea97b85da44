"""Atomic, deterministic writing of result tables and JSON numbers."""

from __future__ import annotations

import io
import json
import math
import os
import re
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

_UMASK = os.umask(0)
os.umask(_UMASK)

__all__ = ["CSV_OPTIONS", "DELIMITER_NAMES", "atomic_write_text", "csv_delimiter", "file_delimiter", "csv_body", "csv_lines", "write_csv", "write_json", "read_json"]


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and an error leaves any earlier file untouched.
    """
    from analysis.paths import refuse_protected

    path = refuse_protected(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp creates 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# How every table of the study is written: no index, "\n" line ends, floats to 6 significant digits.
CSV_OPTIONS = {"index": False, "lineterminator": "\n", "float_format": "%.6g"}


# What a field that holds the delimiter must be quoted for, said in a reader's error (a tab is not shown as one).
DELIMITER_NAMES = {",": 'a comma ("a, b")', ";": 'a semicolon ("a; b")', "\t": "a tab"}


def csv_delimiter(header: str) -> str:
    r"""The field delimiter of a CSV file that a person saved, read from its header line.

    A comma, unless the header holds no comma and does hold a semicolon (what Excel writes as
    "CSV" where the comma is the decimal mark: most of continental Europe and Latin America) or
    a tab (a spreadsheet's "tab-separated text"). A header with several columns always holds
    its delimiter, so the rule never mistakes a comma-separated file; a one-column header reads
    as comma-separated. Every value is then read exactly as written.

    Example:
        >>> [csv_delimiter(h) for h in ("id,text\n", "id;text\r\n", "item\tlabel\n", "text\n", '"a;b",c\n')]
        [',', ';', '\t', ',', ',']
    """
    if "," in header:
        return ","
    if ";" in header:
        return ";"
    return "\t" if "\t" in header else ","


def file_delimiter(path: str | Path) -> str:
    """:func:`csv_delimiter` of a CSV file's first line that is not blank (read as UTF-8, a byte-order mark dropped)."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        for line in handle:
            if line.strip():
                return csv_delimiter(line)
    return ","


def write_csv(frame: pd.DataFrame, path: str | Path, *, float_format: str = CSV_OPTIONS["float_format"]) -> Path:
    """Write a table as UTF-8 CSV with a header and ``\\n`` line ends (:data:`CSV_OPTIONS`), atomically."""
    return atomic_write_text(path, frame.to_csv(**{**CSV_OPTIONS, "float_format": float_format}))


def csv_lines(frame: pd.DataFrame) -> list[str]:
    """The rows of ``frame.to_csv(header=False, **CSV_OPTIONS)``, one string per row (each ending in ``\\n``).

    ``"".join(csv_lines(frame))`` is that text, character for character. It is what pandas does
    (each column made into the values the standard ``csv`` writer gets: floats as ``"%.6g"``,
    missing values as ``""``; then the same writer), without pandas' per-cell formatting machinery:
    a few times faster on the score tables. Columns of other dtypes (dates, categories, nullable
    integers) are left to pandas. When every cell is text, the rows are joined here with the
    writer's own rule (a cell with a comma, a double quote or a line break is put in double
    quotes, its double quotes doubled), which is faster than the writer's call per cell.

    Example:
        >>> csv_lines(pd.DataFrame({"a": [1, 2], "b": [0.5, float("nan")], "c": ['say "no", he', None]}))
        ['1,0.5,"say ""no"", he"\\n', '2,,\\n']
    """
    columns, as_text = _csv_cells(frame)
    terminator = CSV_OPTIONS["lineterminator"]
    if as_text:
        return [row + terminator for row in map(",".join, zip(*columns))]
    return _written_rows(columns)


def csv_body(frame: pd.DataFrame) -> tuple[bytes, np.ndarray]:
    """``frame.to_csv(header=False, **CSV_OPTIONS)`` as UTF-8, and the bytes each row takes in it.

    The same text as ``"".join(csv_lines(frame))``, made with one join instead of a string per
    row; the rows' sizes (an ``int64`` array aligned with the rows) come from their lengths, and
    only a text that is not all ASCII is encoded row by row to count them.

    Example:
        >>> csv_body(pd.DataFrame({"a": ["x", "é"], "b": [1, 22]}))
        (b'x,1\\n\\xc3\\xa9,22\\n', array([4, 6]))
    """
    columns, as_text = _csv_cells(frame)
    if not as_text:
        rows = _written_rows(columns)  # each ends in the terminator already
        text = "".join(rows)
        ends = 0
    else:
        rows = list(map(",".join, zip(*columns)))
        terminator = CSV_OPTIONS["lineterminator"]
        text = terminator.join(rows) + terminator if rows else ""
        ends = len(terminator)
    body = text.encode("utf-8")
    if len(body) == len(text):  # ASCII: a row's bytes are its characters
        sizes = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    else:
        sizes = np.fromiter((len(row.encode("utf-8")) for row in rows), dtype=np.int64, count=len(rows))
    return body, sizes + ends


def _csv_cells(frame: pd.DataFrame) -> tuple[list[list], bool]:
    """Each column of ``frame`` as the cells the ``csv`` writer gets (see :func:`csv_lines`), and
    whether they are all text already quoted as the writer quotes (then a row is the cells joined by commas)."""
    import csv

    float_format = CSV_OPTIONS["float_format"]
    columns = []
    as_text = frame.shape[1] > 1  # a row of one empty cell is written '""' by the writer: left to it
    for k in range(frame.shape[1]):
        values = frame.iloc[:, k]
        dtype = values.dtype
        if isinstance(dtype, np.dtype) and dtype.kind == "f":
            columns.append([float_format % v if v == v else "" for v in values.tolist()])
        elif isinstance(dtype, np.dtype) and dtype.kind in "iub":
            # Python ints and bools, which the writer writes with str()
            columns.append(list(map(str, values.tolist())) if as_text else values.tolist())
        elif isinstance(dtype, pd.StringDtype):  # missing values as ""; every other cell a str
            columns.append(_csv_quoted(values.to_numpy(dtype=object, na_value="").tolist()))
        elif dtype == object:
            cells = values.tolist()
            if as_text and set(map(type, cells)) <= {str}:  # the text columns of the score tables: none missing
                columns.append(_csv_quoted(cells))
                continue
            cells = np.array(values, dtype=object)  # a copy
            cells[pd.isna(cells)] = ""
            cells = cells.tolist()
            if as_text and set(map(type, cells)) <= {str}:
                cells = _csv_quoted(cells)
            else:
                as_text = False
            columns.append(cells)
        else:  # anything else: the cells pandas writes for that column (every one quoted), read back
            text = values.to_frame().to_csv(header=False, quoting=csv.QUOTE_ALL, **CSV_OPTIONS)
            columns.append(_csv_quoted([row[0] for row in csv.reader(io.StringIO(text, newline=""))]))
    return columns, as_text


def _written_rows(columns: list[list]) -> list[str]:
    """The rows the ``csv`` writer writes for ``columns`` (some cells not text, or one column), each with its terminator."""
    import csv

    columns = [c.raw if isinstance(c, _Quoted) else c for c in columns]
    lines: list[str] = []
    # the writer writes each row with one call of write()
    csv.writer(SimpleNamespace(write=lines.append), lineterminator=CSV_OPTIONS["lineterminator"]).writerows(zip(*columns))
    return lines


class _Quoted(list):
    """Cells already quoted as the ``csv`` writer quotes them (with the cells as given, to undo it)."""

    __slots__ = ("raw",)


# What makes the csv writer (comma delimiter, '"' quote char, "\\n" line terminator, minimal
# quoting) put a cell in quotes.
_NEEDS_QUOTES = re.compile('[,"\\n]')


def _csv_quoted(cells: list[str]) -> list[str]:
    """The cells as the csv writer writes them (minimal quoting, quote char doubled)."""
    if not _NEEDS_QUOTES.search("".join(cells)):  # most columns: nothing to quote
        return cells
    search = _NEEDS_QUOTES.search
    out = _Quoted('"' + c.replace('"', '""') + '"' if search(c) else c for c in cells)
    out.raw = cells
    return out


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalars
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return round(value, 6)
    if isinstance(value, Path):
        return str(value)
    return value


def write_json(data: dict, path: str | Path) -> Path:
    """Write ``data`` as pretty, key-sorted JSON (floats rounded to 6 places, NaN as null), atomically."""
    return atomic_write_text(path, json.dumps(_clean(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def read_json(path: str | Path) -> dict:
    """Read a JSON results file."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------
# Output sets: several files made current together, in one atomic step
# ---------------------------------------------------------------------------------------------
#
# Layout of an output folder DIR (what `score` writes):
#
#   DIR/articles.csv  -> .current/articles.csv     one symbolic link per file name, made once
#   DIR/spans.csv     -> .current/spans.csv
#   ...
#   DIR/.current      -> .sets/<id>                the one pointer that is swapped
#   DIR/.sets/<id>/   articles.csv, spans.csv, ... the current set (whole files)
#
# A new set is written into DIR/.sets/<new id>/; it becomes current when ``.current`` is
# replaced by a link to it (a rename, atomic on POSIX file systems). So a reader of
# DIR/articles.csv, DIR/spans.csv, ... sees either every old file or every new one, whatever
# instant a run is killed at. Paths stay DIR/<name>, and tools that look at a file's time (make)
# follow the links to the file of the current set. The new set's files and folders are flushed to
# the disk (fsync) before the swap, and the swap after it, so that a power loss, too, leaves one
# whole set.

OUTPUT_SETS = ".sets"
CURRENT = ".current"
FAULT_ENV = "ANALYSIS_FAULT_AT"  # tests: the process exits at once (as if killed) at this step

__all__ += ["write_xlsx", "OutputBusyError", "OutputError", "clean_output_folder", "lock_output", "new_output_set", "publish_output_set"]


class OutputError(ValueError):
    """An output folder that cannot be written; the message names it and says what to do."""


class OutputBusyError(OutputError):
    """Another run holds the output folder."""


def _fault(step: str) -> None:
    """Exit at once, as a kill would, when the environment asks for it at ``step`` (fault-injection tests)."""
    if os.environ.get(FAULT_ENV) == step:
        os._exit(75)


class lock_output:  # noqa: N801 (used as a context manager, like open)
    """Hold an exclusive lock on an output folder for the length of a ``with`` block.

    The lock is an ``flock`` on the folder itself (no lock file to go stale): the system
    releases it when the process ends, however it ends. A second run on the same folder stops
    at once with :class:`OutputBusyError`.
    """

    def __init__(self, folder: Path, what: str = "a `score` run") -> None:
        self.folder = Path(folder)
        self.what = what
        self._fd: int | None = None

    def __enter__(self) -> "lock_output":
        import fcntl

        self._fd = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            self._fd = None
            raise OutputBusyError(
                f"{self.folder}: another run is writing into this folder right now ({self.what} holds its lock). "
                "Wait for it to finish, or choose another --out folder."
            ) from None
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.close(self._fd)  # releases the lock
            self._fd = None


def _current_set(out: Path) -> str | None:
    """Name of the current set (``.sets/<name>``), or None."""
    try:
        target = os.readlink(out / CURRENT)
    except OSError:
        return None
    return Path(target).name


def clean_output_folder(out: Path, *, keep: tuple[str, ...] = ()) -> None:
    """Remove what killed runs left in ``out``: sets that are not current, half-made links.

    Call it while holding :class:`lock_output`. ``keep`` names hidden entries to leave alone.
    """
    current = _current_set(out)
    sets = out / OUTPUT_SETS
    if sets.is_dir():
        for entry in sets.iterdir():
            if entry.name != current:
                _remove(entry)
    for entry in out.iterdir():
        name = entry.name
        if name in keep:
            continue
        # Temporary links and folders of this module and of earlier versions of `score`.
        if name.startswith((".score-staging-", ".current.tmp-", ".link.tmp-")) or (
            name.startswith(".score-") and name != ".score-parts" and entry.is_dir() and not entry.is_symlink()
        ) or (name.startswith(".") and name.endswith(".tmp") and not entry.is_dir()):
            _remove(entry)


def _remove(entry: Path) -> None:
    import shutil

    if entry.is_symlink() or not entry.is_dir():
        entry.unlink(missing_ok=True)
    else:
        shutil.rmtree(entry, ignore_errors=True)


def new_output_set(out: Path) -> Path:
    """A new, empty set folder ``out/.sets/<id>`` to write the files into."""
    sets = out / OUTPUT_SETS
    sets.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{time_ns()}-", dir=sets))


def time_ns() -> int:
    import time

    return time.time_ns()


def _atomic_symlink(target: str, link: Path, tmp_prefix: str) -> None:
    tmp = link.parent / f"{tmp_prefix}{os.getpid()}-{time_ns()}"
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync(path: Path) -> None:
    """Flush a file's data, or a folder's entries, to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_set(folder: Path) -> None:
    """Flush every file of a set, the set folder and ``.sets`` (which names it) to the disk.

    Called before the pointer is swapped, so that after a power loss the pointer never names a
    set whose files are still only in memory (a rename is atomic, but not durable by itself).
    """
    for entry in sorted(folder.iterdir()):
        if entry.is_file() and not entry.is_symlink():
            _fsync(entry)
    _fsync(folder)
    _fsync(folder.parent)


def _adopt_plain_files(out: Path, names: list[str]) -> None:
    """Turn an output folder of plain files (written by an earlier version) into a set.

    The files a reader sees now are hard-linked (or copied) into a new set, ``.current`` points
    at it, then each plain file is replaced by its link: every step leaves the same contents
    visible, so a kill at any point changes nothing a reader sees.
    """
    import shutil

    plain = [n for n in names if (out / n).exists() and not (out / n).is_symlink()]
    if not plain:
        return
    snapshot = new_output_set(out)
    for name in names:
        src = out / name
        if not src.exists():
            continue
        src = src.resolve()
        try:
            os.link(src, snapshot / name)
        except OSError:
            shutil.copy2(src, snapshot / name)
    _fault("adopt-snapshot")
    _fsync_set(snapshot)
    _atomic_symlink(f"{OUTPUT_SETS}/{snapshot.name}", out / CURRENT, ".current.tmp-")
    _fsync(out)
    _fault("adopt-pointer")
    for name in names:
        if (out / name).exists() or (out / name).is_symlink():
            _atomic_symlink(f"{CURRENT}/{name}", out / name, ".link.tmp-")
        _fault("adopt-link")


def publish_output_set(out: Path, staged: Path, names: list[str]) -> list[Path]:
    """Make the complete set ``staged`` (a folder from :func:`new_output_set`) current, in one step.

    Args:
        out: The output folder.
        staged: The new set, every file written.
        names: Every file name a set of this kind can hold (a name the new set lacks is
            removed from ``out`` after the swap).

    Returns:
        The paths ``out/<name>`` of the new set's files.
    """
    staged = Path(staged)
    present = [n for n in names if (staged / n).exists()]
    _fault("staged")
    _adopt_plain_files(out, names)
    for name in present:  # a link per file name (new names dangle, i.e. are absent, until the swap)
        link = out / name
        if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
            _atomic_symlink(f"{CURRENT}/{name}", link, ".link.tmp-")
    _fault("linked")
    _fsync_set(staged)  # the new files, and the links to them, on disk before the pointer names them
    _fsync(out)
    _atomic_symlink(f"{OUTPUT_SETS}/{staged.name}", out / CURRENT, ".current.tmp-")  # the swap
    _fsync(out)  # the swap itself, durable
    _fault("swapped")
    for name in names:
        if name not in present and (out / name).is_symlink():
            (out / name).unlink()
    for entry in (out / OUTPUT_SETS).iterdir():  # the old set, and sets an adoption left
        if entry.name != staged.name:
            _remove(entry)
    _fault("cleaned")
    return [out / n for n in present]


# ---------------------------------------------------------------------------------------------
# A spreadsheet copy of CSV tables, safe to open
# ---------------------------------------------------------------------------------------------

XLSX_MAX_ROWS = 1_048_575  # data rows per sheet (Excel's limit, less the header)
XLSX_MAX_CHARS = 32_767  # characters per cell (Excel's limit)
_NUMBER = __import__("re").compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ILLEGAL = __import__("re").compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write_xlsx(tables: dict[str, Path], path: str | Path) -> Path:
    """Write CSV files as the sheets of one ``.xlsx`` workbook that runs nothing when opened.

    Every text cell is stored as text (a value such as ``=cmd|' /C calc'!A0`` shows as those
    characters and is never a formula); columns whose every value is a number (other than
    ``id``) are stored as numbers. What a spreadsheet cannot hold is marked, never silent: a
    value longer than 32,767 characters is cut with ``[… cut: see NAME.csv]``, control
    characters other than tab and line breaks become U+FFFD, and a table of more than
    1,048,575 rows continues on further sheets. The CSV files stay the exact record.

    Args:
        tables: Sheet name -> CSV file (UTF-8, with a header).
        path: The workbook to write (through a temporary file and a rename).

    Returns:
        ``path``.
    """
    import csv
    import sys

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from analysis.paths import refuse_protected

    path = refuse_protected(path)
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))
    book = Workbook(write_only=True)
    for name, source in tables.items():
        numeric = _numeric_columns(source)
        with open(source, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            sheet, part, rows = None, 0, XLSX_MAX_ROWS
            for record in reader:
                if rows == XLSX_MAX_ROWS:
                    part += 1
                    sheet = book.create_sheet(name if part == 1 else f"{name} ({part})")
                    sheet.append([_text_cell(WriteOnlyCell(sheet), h, name) for h in header])
                    rows = 0
                sheet.append([
                    float(v) if k in numeric and v != "" else _text_cell(WriteOnlyCell(sheet), v, name)
                    for k, v in enumerate(record)
                ])
                rows += 1
            if sheet is None:  # no rows: the header alone
                sheet = book.create_sheet(name)
                sheet.append([_text_cell(WriteOnlyCell(sheet), h, name) for h in header])
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        book.save(tmp)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _text_cell(cell, value: str, table: str):
    if len(value) > XLSX_MAX_CHARS:
        mark = f"[… cut: see {table}.csv]"
        value = value[: XLSX_MAX_CHARS - len(mark)] + mark
    cell.value = _ILLEGAL.sub("\ufffd", value)
    cell.data_type = "s"  # text, whatever it starts with: never a formula
    return cell


def _numeric_columns(source: Path) -> set[int]:
    """Columns (other than ``id``) whose every non-empty value is a number."""
    import csv

    with open(source, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        candidates = {k for k, h in enumerate(header) if h != "id"}
        for record in reader:
            candidates = {k for k in candidates if k < len(record) and (record[k] == "" or _NUMBER.fullmatch(record[k]))}
            if not candidates:
                break
    return candidates

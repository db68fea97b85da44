"""Atomic, deterministic writing of result tables and JSON numbers."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

_UMASK = os.umask(0)
os.umask(_UMASK)

__all__ = ["atomic_write_text", "write_csv", "write_json", "read_json"]


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and an error leaves any earlier file untouched.
    """
    path = Path(path)
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


def write_csv(frame: pd.DataFrame, path: str | Path, *, float_format: str = "%.6g") -> Path:
    """Write a table as UTF-8 CSV with a header and ``\\n`` line ends, atomically."""
    return atomic_write_text(path, frame.to_csv(index=False, lineterminator="\n", float_format=float_format))


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

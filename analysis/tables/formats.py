"""Convert the score tables from CSV to Parquet, typed and in bounded memory (``score --format parquet``)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

__all__ = ["FORMATS", "csv_to_parquet"]

FORMATS = ("csv", "parquet")
_CHUNK_ROWS = 200_000


def _kinds(csv_path: Path) -> dict[str, str]:
    """One type per column over the whole file: ``string``, ``float64``, ``int64`` or ``bool``."""
    kinds: dict[str, str] = {}
    for chunk in pd.read_csv(csv_path, dtype={"id": str}, chunksize=_CHUNK_ROWS, keep_default_na=False,
                             na_values={}, low_memory=False):
        for column in chunk.columns:
            dtype = chunk[column].dtype
            kind = ("bool" if pd.api.types.is_bool_dtype(dtype) else "int64" if pd.api.types.is_integer_dtype(dtype)
                    else "float64" if pd.api.types.is_float_dtype(dtype) else "string")
            seen = kinds.get(column)
            if seen is None or seen == kind:
                kinds[column] = kind
            elif {seen, kind} == {"int64", "float64"}:
                kinds[column] = "float64"
            else:
                kinds[column] = "string"
    return kinds


def csv_to_parquet(csv_path: str | Path, parquet_path: str | Path) -> Path:
    """Write ``csv_path`` (a score table) as Parquet, with one type per column, atomically.

    Text columns stay text exactly (an empty field is an empty string, not a missing value);
    numbers and ``True``/``False`` get numeric and boolean types. Read a chunk of rows at a
    time, so memory stays bounded whatever the size of the table.

    Returns:
        The Parquet file's path.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    csv_path, parquet_path = Path(csv_path), Path(parquet_path)
    kinds = _kinds(csv_path)
    dtypes = {c: (str if k == "string" else k) for c, k in kinds.items()}
    tmp = parquet_path.with_name(f".{parquet_path.name}.tmp")
    writer = None
    try:
        for chunk in pd.read_csv(csv_path, dtype=dtypes, chunksize=_CHUNK_ROWS, keep_default_na=False, na_values={}):
            table = pa.Table.from_pandas(chunk, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(tmp, table.schema)
            writer.write_table(table)
        if writer is None:  # a header without rows
            schema = pa.schema([(c, pa.string() if k == "string" else pa.from_numpy_dtype(k)) for c, k in kinds.items()])
            writer = pq.ParquetWriter(tmp, schema)
        writer.close()
        writer = None
        os.replace(tmp, parquet_path)
    finally:
        if writer is not None:
            writer.close()
        tmp.unlink(missing_ok=True)
    return parquet_path

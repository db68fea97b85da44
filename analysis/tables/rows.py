"""Tables from typed rows (the named tuples the measures return), built column by column with each column's type."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = ["from_rows", "text_column"]

_NUMPY = {"int64": np.int64, "float64": np.float64, "bool": np.bool_}


def from_rows(rows: Sequence[tuple], columns: Sequence[str], types: Mapping[str, str]) -> pd.DataFrame:
    """A table of ``rows`` (tuples in ``columns`` order), each column of its type in ``types``.

    ``types`` gives ``"int64"``, ``"float64"`` or ``"bool"`` for the numeric columns; every other
    column is text, kept as Python strings in a column of dtype ``object`` (:func:`text_column`),
    as in every score table. Made column by column: a table of row tuples makes pandas infer
    every cell's type, and a column of strings left to pandas becomes an Arrow-backed ``str``
    column, which costs more to build and to write out (CSV formatting reads it back as objects).

    Example:
        >>> t = from_rows([("a", 1, 0.5), ("b", 2, 1.0)], ["id", "n", "x"], {"n": "int64", "x": "float64"})
        >>> t.dtypes.astype(str).tolist(), t["id"].tolist()
        (['object', 'int64', 'float64'], ['a', 'b'])
    """
    values = list(zip(*rows)) if rows else [()] * len(columns)
    data = {}
    for name, cells in zip(columns, values):
        kind = types.get(name)
        data[name] = np.array(cells, dtype=_NUMPY[kind]) if kind else text_column(cells)
    return pd.DataFrame(data, columns=list(columns))


def text_column(cells: Sequence, index=None) -> pd.Series:
    """``cells`` as a column of dtype ``object`` (strings as they are; pandas would make a ``str`` column of them).

    A column that holds anything but strings (numbers, missing values) is left to pandas to type,
    as a table of rows would have been.
    """
    if set(map(type, cells)) <= {str}:
        return pd.Series(cells if isinstance(cells, list) else list(cells), index=index, dtype=object)
    return pd.Series(list(cells), index=index)

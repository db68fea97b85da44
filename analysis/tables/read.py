"""Read the score tables back (as the notebooks do): ids as text, cells as written, the corpus's source joined.

The ``source`` of a scored article is the corpus's (its source column, as the notebook reads the
corpus), not whatever column the scoring run was given: the same scores can be grouped by
another column of the corpus without scoring again.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.tables.score import OUTPUT_FILES
from analysis.text.choices import first_few

__all__ = ["read_scores", "read_table"]

TABLES = tuple(OUTPUT_FILES.values())


def read_table(scores_dir: str | Path, name: str) -> pd.DataFrame | None:
    """One score table (``articles``, ``spans``, ``mentions``, ``stance``, ``frame_spans``) as written, or None if absent.

    Ids are read as text, no cell is read as missing (an empty ``negator`` stays ``""``) and each
    column's type is inferred from the whole file (not block by block).
    """
    if name not in TABLES:
        raise ValueError(f"{name!r}: not a score table; use one of {', '.join(TABLES)}")
    path = Path(scores_dir).expanduser() / f"{name}.csv"
    if not path.exists():
        return None
    return pd.read_csv(path, dtype={"id": str}, keep_default_na=False, low_memory=False)


def read_scores(scores_dir: str | Path, corpus: pd.DataFrame, tables: tuple[str, ...] = TABLES) -> dict[str, pd.DataFrame | None]:
    """The score tables of ``corpus``, each with the corpus's ``source`` column (last), None for an absent one.

    Args:
        scores_dir: The output folder of ``python -m analysis score``.
        corpus: The corpus table the scores were made from (``id``, ``source``).
        tables: Which tables to read.

    Returns:
        ``{name: table}``: each row of a table keeps its order; rows of articles not in
        ``corpus`` are left out (an inner join on ``id``).

    Raises:
        ValueError: ``articles.csv`` is missing or does not hold exactly the corpus's articles
            (scores of another corpus, or an old run).
    """
    scores_dir = Path(scores_dir)
    sources = corpus[["id", "source"]]
    out: dict[str, pd.DataFrame | None] = {}
    for name in tables:
        table = read_table(scores_dir, name)
        if name == "articles":
            _check_articles(scores_dir, table, corpus)
        if table is not None:
            table = table.drop(columns=["source"], errors="ignore").merge(sources, on="id")
        out[name] = table
    return out


def _check_articles(scores_dir: Path, table: pd.DataFrame | None, corpus: pd.DataFrame) -> None:
    """Raise the error a notebook shows when ``articles.csv`` is missing or holds other articles than ``corpus``."""
    how = ("score the corpus the notebook reads into it: `make scores CORPUS=...` (and RESULTS_DIR=... for a folder other "
           f"than results/scores), or `python -m analysis score CORPUS --out {scores_dir}`")
    if table is None:
        raise ValueError(f"{scores_dir}/articles.csv: no such file; {how}")
    scored, wanted = set(table["id"]), set(corpus["id"])
    if scored != wanted:
        missing, other = sorted(wanted - scored, key=str), sorted(scored - wanted, key=str)
        parts = []
        if missing:
            parts.append(f"{len(missing):,} of the corpus's {len(wanted):,} articles {_is(missing)} not in it ({_ids(missing)})")
        if other:
            parts.append(f"{len(other):,} of its {len(scored):,} {_is(other)} not in the corpus ({_ids(other)})")
        raise ValueError(f"{scores_dir}/articles.csv does not hold the articles of this corpus: {'; '.join(parts)}; "
                         f"it was scored from another corpus or an earlier version of this one: {how}")


def _is(ids: list) -> str:
    return "is" if len(ids) == 1 else "are"


def _ids(ids: list) -> str:
    """The first three ids, quoted, and how many more."""
    return first_few([repr(str(i)) for i in ids], 3)

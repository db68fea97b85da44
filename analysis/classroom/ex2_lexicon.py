"""Exercise 2: edit the lexicon, rerun the study, and see what changed."""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths
from analysis.classroom.checks import Check, did_you_mean, is_blank, match_choice, not_yet, passed, unanswered

__all__ = [
    "before_after_figure", "check_largest_change", "check_lexicon_edits", "density_change", "edit_lexicon",
    "LexiconEditError", "score_with", "span_changes", "write_lexicon",
]


def _as_list(value) -> list:
    """A student's list answer: None or blank is empty, a single item (a string, a dict) is a list of one."""
    if is_blank(value):
        return []
    if isinstance(value, (str, Mapping)):
        return [value]
    return list(value)


class LexiconEditError(ValueError):
    """A lexicon edit that cannot be applied; the message says which and what to do."""


def _pattern_key(pattern: str) -> str:
    from analysis.text.lexicon import parse_pattern

    try:
        return " ".join(parse_pattern(str(pattern)).norms) + ("*" if parse_pattern(str(pattern)).wildcard else "")
    except ValueError:
        return " ".join(str(pattern).lower().split())


def edit_lexicon(base: str | Path | pd.DataFrame, *, add: Sequence[Mapping] = (), remove: Sequence[str] = (),
                 provenance: str = "exercise") -> pd.DataFrame:
    """A copy of a lexicon with rows removed and added (the file itself is never changed).

    Args:
        base: The lexicon CSV (or its rows).
        add: New rows: ``{"pattern", "category", "weight"}`` and optionally ``"note"``.
        remove: Patterns to remove, written as in the lexicon (``"escalating"``, ``"provocat*"``).
        provenance: The ``provenance`` of added rows.

    Returns:
        The edited rows, validated by :class:`analysis.text.lexicon.Lexicon`.

    Raises:
        LexiconEditError: For a pattern to remove that is not in the lexicon, a new row that is
            incomplete or already present, or a row the lexicon rejects (bad pattern, weight
            out of (0, 3], bad category name), with what to do.
    """
    from analysis.text.lexicon import Lexicon, LexiconError, entry_weight, read_csv_rows, weight_problem

    add, remove = _as_list(add), _as_list(remove)
    frame = base.copy() if isinstance(base, pd.DataFrame) else read_csv_rows(paths.resolve(base))[0]
    keys = [_pattern_key(p) for p in frame["pattern"]]
    problems = []
    drop = set()
    for pattern in remove:
        key = _pattern_key(pattern)
        hits = [i for i, k in enumerate(keys) if k == key]
        if not hits:
            close = difflib.get_close_matches(str(pattern).lower(), [str(p).lower() for p in frame["pattern"]], n=3, cutoff=0.75)
            hint = f" Close patterns in the lexicon: {', '.join(map(repr, close))}." if close else ""
            problems.append(f"remove {pattern!r}: no such pattern in the lexicon.{hint}")
        drop.update(hits)
    kept_keys = {k for i, k in enumerate(keys) if i not in drop}
    categories = sorted(set(frame["category"]))  # a new category would make the figures incomparable
    new_rows = []
    for n, row in enumerate(add, start=1):
        if not isinstance(row, Mapping):
            problems.append(f"add, row {n}: write each new row as {{\"pattern\": ..., \"category\": ..., \"weight\": ...}}.")
            continue
        missing = [c for c in ("pattern", "category", "weight") if is_blank(row.get(c))]
        if missing:
            problems.append(f"add, row {n} ({row.get('pattern', '')!r}): missing {', '.join(missing)}.")
            continue
        category, what = str(row["category"]).strip(), f"add, row {n} ({row['pattern']!r})"
        if category not in categories:
            problems.append(f"{what}: category {category!r} is not one of the lexicon's categories "
                            f"({', '.join(categories)}); use one of them, so that the figures stay comparable."
                            + did_you_mean(category, categories))
        if math.isnan(entry_weight(row["weight"], category)):
            problems.append(f"{what}: {weight_problem(row['weight'])} (most entries weigh between 0.5 and 1.5).")
        key = _pattern_key(row["pattern"])
        if key in kept_keys:
            where = [i for i, k in enumerate(keys) if k == key][0]
            problems.append(f"add {row['pattern']!r}: already in the lexicon (category {frame.at[where, 'category']!r}, "
                            f"weight {frame.at[where, 'weight']}). To change it, remove it and add it again.")
            continue
        kept_keys.add(key)
        new_rows.append({**{c: "" for c in frame.columns}, "pattern": str(row["pattern"]).strip(),
                         "category": str(row["category"]).strip(), "weight": str(row["weight"]),
                         "provenance": provenance, "note": str(row.get("note", "")), "case_sensitive": "false"})
    if problems:
        raise LexiconEditError("\n".join(problems))
    edited = pd.concat([frame.drop(index=sorted(drop)), pd.DataFrame(new_rows, columns=frame.columns)], ignore_index=True)
    try:
        Lexicon.from_frame(edited, source="your edited lexicon")
    except LexiconError as err:
        raise LexiconEditError(str(err)) from None
    return edited


def check_lexicon_edits(base: str | Path, add: Sequence[Mapping], remove: Sequence[str]) -> Check:
    """The student's lexicon edits: at least one, and every one valid."""
    name = "lexicon_edits"
    add, remove = _as_list(add), _as_list(remove)
    if not add and not remove:
        return unanswered(name)
    try:
        edited = edit_lexicon(base, add=add, remove=remove)
    except LexiconEditError as err:
        return not_yet(name, "some edits cannot be applied yet: " + str(err).replace("\n", " "))
    notes = [f" Note: {p!r} changes no count, because the lexicon's {term!r} ({category}) already matches it."
             for p, term, category in _already_matched(edited.iloc[: len(edited) - len(add)], add)]
    return passed(name, f"{len(add)} pattern(s) added and {len(remove)} removed; the edited copy is valid." + "".join(notes))


def _already_matched(kept_rows: pd.DataFrame, add: Sequence[Mapping]) -> list[tuple[str, str, str]]:
    """``(pattern, term, category)`` for each added pattern (without a wildcard) whose words the lexicon's rows left
    after the removals (``kept_rows``: :func:`edit_lexicon` puts the added rows last) already match whole, as one
    entry that counts (not a neutral one)."""
    from analysis.text.lexicon import NEUTRAL, Lexicon

    kept = Lexicon.from_frame(kept_rows, source="the lexicon")
    found = []
    for row in add:
        pattern = str(row["pattern"]).strip()
        if "*" in pattern:
            continue
        whole = [m for m in kept.find(pattern) if (m.start, m.end) == (0, len(pattern)) and m.category != NEUTRAL]
        if whole:
            found.append((pattern, whole[0].term, whole[0].category))
    return found


def write_lexicon(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write lexicon rows as CSV (UTF-8, ``\\n`` line ends)."""
    from analysis.tables.io import write_csv

    return write_csv(frame, paths.resolve(path))


def score_with(corpus: pd.DataFrame, lexicon: str | Path, out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Score ``corpus`` with a lexicon (bundled targets and frames) and write the tables into ``out_dir``.

    Every lexicon match counts (``score --span-model none``): the exercise is about the lexicon, so an
    edit shows in full, not filtered by the span re-ranker that ``score`` applies by default. Stance is
    scored by the rules (``--stance rules``), which read the edited lexicon as it is: the shipped stance
    models were trained with the bundled lexicon (and would warn about the edit), and the exercise does
    not look at stance.
    """
    from analysis.tables.score import Scorer, write_scores

    tables = Scorer.load(lexicon=paths.resolve(lexicon), span_model=None, stance="rules")(corpus)
    write_scores(tables, paths.resolve(out_dir))
    return tables


def density_change(before: pd.DataFrame, after: pd.DataFrame, corpus: pd.DataFrame, *,
                   measure: str = "loaded_per_1k") -> pd.DataFrame:
    """Mean density per source before and after an edit: ``source, n_articles, before, after, change``."""
    src = corpus[["id", "source"]]
    b = before[["id", measure]].merge(src, on="id").groupby("source")[measure].mean()
    a = after[["id", measure]].merge(src, on="id").groupby("source")[measure].mean()
    n = src.groupby("source").size()
    from analysis.plotting.charts import source_order

    table = pd.DataFrame({"n_articles": n, "before": b, "after": a})
    table["change"] = table["after"] - table["before"]
    return table.reindex(source_order(table.index)).rename_axis("source").reset_index()


def span_changes(before: pd.DataFrame, after: pd.DataFrame, corpus: pd.DataFrame, *, chars: int = 45) -> pd.DataFrame:
    """The counted spans an edit added or removed, in context: ``change, id, source, text, category, context``."""
    from analysis.compare.summaries import context, counted_spans

    keys = ["id", "start", "end"]
    b, a = counted_spans(before), counted_spans(after)
    merged = b[keys + ["text", "category"]].merge(a[keys + ["text", "category"]], on=keys, how="outer",
                                                  suffixes=("_b", "_a"), indicator="side")
    merged = merged[merged["side"] != "both"]
    texts = corpus.set_index("id")["text"]
    sources = corpus.set_index("id")["source"]
    rows = []
    for r in merged.itertuples(index=False):
        added = r.side == "right_only"
        left, right = context(texts[r.id], int(r.start), int(r.end), chars=chars)
        text = r.text_a if added else r.text_b
        rows.append(("added" if added else "removed", r.id, sources[r.id], text, r.category_a if added else r.category_b,
                     f"…{left}[{text}]{right}…"))
    out = pd.DataFrame(rows, columns=["change", "id", "source", "text", "category", "context"])
    return out.sort_values(["change", "id", "text"]).reset_index(drop=True)


def before_after_figure(table: pd.DataFrame, *, order: Sequence[str], palette: Mapping[str, str],
                        xlabel: str = "loaded terms per 1,000 words (source mean)"):
    """Each source's mean density before (hollow) and after (filled) the edit, joined by an arrow."""
    import matplotlib.pyplot as plt

    from analysis.plotting.charts import FIG_WIDTH

    t = table.set_index("source").reindex(order)
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, max(2.0, 0.5 * len(order) + 1.0)))
    for y, source in enumerate(order):
        b, a = float(t.at[source, "before"]), float(t.at[source, "after"])
        colour = palette[source]
        if abs(a - b) > 1e-9:
            ax.annotate("", xy=(a, y), xytext=(b, y), arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})
        ax.plot(b, y, "o", mfc="white", mec=colour, mew=1.5, ms=7)
        ax.plot(a, y, "o", color=colour, ms=7)
        ax.annotate(f"{a - b:+.1f}", (max(a, b), y), xytext=(8, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.5)
    hi = float(np.nanmax(t[["before", "after"]].to_numpy())) if len(t) else 1.0
    ax.set_xlim(0, hi * 1.25 + 1)
    ax.set_xlabel(xlabel)
    ax.set_title("Before (hollow) and after (filled) your lexicon edit", loc="left")
    fig.tight_layout()
    return fig


def check_largest_change(answer_source: str, table: pd.DataFrame) -> Check:
    """Which source's mean density changed most (in absolute terms) after the edit, read from the figure."""
    name = "largest_change"
    if is_blank(answer_source):
        return unanswered(name)
    sources = table["source"].tolist()
    found = match_choice(answer_source, sources)
    if found is None:
        return not_yet(name, f"{answer_source!r} is not a source of the corpus: {', '.join(map(repr, sources))}."
                        + did_you_mean(answer_source, sources))
    size = table.set_index("source")["change"].abs()
    if size.max() < 1e-9:
        return not_yet(name, "no source changed: your edits match nothing in the corpus. Check your patterns with kwic().")
    best = size[size >= size.max() - 1e-9].index.tolist()
    if found in best:
        return passed(name, f"right: {found} moved by {table.set_index('source').at[found, 'change']:+.2f} per 1,000 words.")
    return not_yet(name, f"{found} moved by {table.set_index('source').at[found, 'change']:+.2f}; look again at the "
                    "length of the arrows in the figure (or the `change` column).")

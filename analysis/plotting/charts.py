"""One figure style for the whole study: source order and colours, fonts, sizes, and reproducible saving."""

from __future__ import annotations

import re
import textwrap

from pathlib import Path
from typing import Iterable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

__all__ = [
    "FIG_WIDTH", "INK", "MANY_SOURCES", "MAX_DOTS", "MAX_FINGERPRINT_ACTORS", "MAX_FIGURE_SOURCES", "MAX_FIG_HEIGHT",
    "MAX_HEATMAP_COLUMNS", "MAX_STANCE_FIGURE_ACTORS", "MIN_BOX", "apply_style", "clear_figures", "distribution",
    "empty_figure", "figure_actors", "figure_sources", "grid_shape", "marks", "save_figure", "source_order",
    "source_palette", "stance_per_article", "stripplot", "violins",
]

# A4 text width at the report's margins is about 6.3 in; figures are drawn at that width so
# that 9-pt labels stay 9 pt in the PDF.
FIG_WIDTH = 6.3
# The tallest figure that fits an A4 page of the report with its caption; small multiples for
# many sources get more columns and fewer terms rather than grow past it.
MAX_FIG_HEIGHT = 9.0
# Above this many sources, figures with one row per source pack their rows closer.
MANY_SOURCES = 8
# The most sources a figure draws a row or a panel for: with more, their labels and rows shrink below reading size
# on a page (129 outlets gave rows of 0.07 in), so such figures draw the sources with the most articles
# (figure_sources) and the report says so; every table and statistic keeps them all.
MAX_FIGURE_SOURCES = 30
# The most actors a figure with a column, a row or a panel per actor draws, those with the most mentions
# (figure_actors), and the report says so; the tables and statistics keep them all. The fingerprint's stance panel,
# beside its density and frame panels: 20 actors gave cells 0.2 in wide whose values ran together. Notebook 03's
# heatmap and panels: 50 actors gave rows 0.15 in high and a figure of panels 26 in high, shrunk to a page.
MAX_FINGERPRINT_ACTORS = 10
MAX_STANCE_FIGURE_ACTORS = 20
# A heatmap with more columns than this and fewer rows (20 actors, 2 sources) is drawn turned, the columns as rows.
MAX_HEATMAP_COLUMNS = 10
# A distribution figure draws every value as a dot while no source has more than this many;
# beyond it the dots of a source merge into a solid band, and it draws violins instead.
MAX_DOTS = 300
# The fewest values of a source for which a box (quartiles) is drawn behind its dots.
MIN_BOX = 5

# Summary marks (means, intervals) drawn over the coloured data marks.
INK = "#222222"
# Okabe & Ito (2008), the colour-blind-safe palette recommended by Wilke; black last.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "svg.fonttype": "path",  # text as outlines: the SVG renders the same everywhere
    "svg.hashsalt": "media-framing",  # stable element ids, so identical input gives identical SVG
    "path.simplify": True,
}


def apply_style() -> None:
    """Set the shared matplotlib/seaborn style (call once at the top of a notebook)."""
    sns.set_theme(context="paper", style="whitegrid", rc=_RC)
    plt.rcParams.update(_RC)


def source_order(sources: Iterable[str]) -> list[str]:
    """The order of sources in every figure and table: sorted case-insensitively."""
    return sorted({str(s) for s in sources}, key=lambda s: (s.casefold(), s))


def figure_sources(sources: Iterable[str], max_sources: int = MAX_FIGURE_SOURCES) -> list[str]:
    """The sources a figure with a row or a panel per source draws, in :func:`source_order`: all of them up to
    ``max_sources``, else the ``max_sources`` with the most articles (``sources`` has one value per article; a tie
    at the cut goes to the source first in :func:`source_order`).

    Example:
        >>> figure_sources(["b", "a", "c", "c", "b"], max_sources=2)
        ['b', 'c']
        >>> figure_sources(["b", "a", "c"], max_sources=3)
        ['a', 'b', 'c']
    """
    values = [str(s) for s in sources]
    order = source_order(values)
    if len(order) <= max_sources:
        return order
    counts = pd.Series(values).value_counts()
    rank = {s: i for i, s in enumerate(order)}
    drawn = set(sorted(order, key=lambda s: (-counts[s], rank[s]))[:max_sources])
    return [s for s in order if s in drawn]


def figure_actors(counts: pd.DataFrame, max_actors: int = MAX_FINGERPRINT_ACTORS) -> list[str]:
    """The actors a figure draws (the fingerprint's stance panel; notebook 03's with ``max_actors`` =
    :data:`MAX_STANCE_FIGURE_ACTORS`), in the order of the columns of ``counts`` (sources x actors, mentions): all of
    them up to ``max_actors``, else the ``max_actors`` with the most mentions (a tie at the cut goes to the column
    first).

    Example:
        >>> counts = pd.DataFrame({"A": [1, 0], "B": [5, 5], "C": [0, 2], "D": [1, 1]}, index=["s1", "s2"])
        >>> figure_actors(counts, max_actors=2), figure_actors(counts, max_actors=3), figure_actors(counts)
        (['B', 'C'], ['B', 'C', 'D'], ['A', 'B', 'C', 'D'])
    """
    columns = [str(c) for c in counts.columns]
    if len(columns) <= max_actors:
        return columns
    total = counts.sum(axis=0).to_numpy()
    drawn = set(sorted(range(len(columns)), key=lambda k: (-total[k], k))[:max_actors])
    return [c for k, c in enumerate(columns) if k in drawn]


def source_palette(sources: Iterable[str]) -> dict[str, str]:
    """A fixed colour per source, the same in every figure.

    Colours follow :func:`source_order`: up to eight sources get the Okabe–Ito palette,
    more get seaborn's ``husl`` palette (distinct hues, not all colour-blind-safe).
    """
    order = source_order(sources)
    colours = OKABE_ITO if len(order) <= len(OKABE_ITO) else sns.color_palette("husl", len(order)).as_hex()
    return {source: colours[i] for i, source in enumerate(order)}


def clear_figures(fig_dir: str | Path, notebook: str) -> list[Path]:
    """Remove the figures an earlier run of ``notebook`` left in ``fig_dir`` (``notebook__*.svg`` and ``.png``).

    A notebook calls it before it draws: a figure that this run does not draw (no dates, one source, no
    distinctive word) would otherwise stay beside this run's figures from a run on another corpus or
    with other parameters. Other notebooks' figures and any other file are left alone.

    Returns:
        The paths removed.
    """
    from analysis.paths import refuse_protected

    if not re.fullmatch(r"\d\d_[a-z0-9_]+", notebook):
        raise ValueError(f"notebook {notebook!r} must look like NN_slug (the prefix of its figures' names)")
    folder = refuse_protected(fig_dir, what="fig_dir (FIG_DIR)")
    removed = sorted(p for ext in ("svg", "png") for p in folder.glob(f"{notebook}__*.{ext}") if p.is_file())
    for path in removed:
        path.unlink()
    return removed


def save_figure(fig: plt.Figure, fig_dir: str | Path, name: str) -> list[Path]:
    """Save ``fig`` as ``fig_dir/name.svg`` and ``.png`` with reproducible metadata, then close it.

    Args:
        fig: The figure.
        fig_dir: Output folder (created if needed).
        name: File stem, ``NN_slug__what`` so that it leads back to its notebook.

    Returns:
        The two paths written.
    """
    if "__" not in name:
        raise ValueError(f"figure name {name!r} must look like NN_slug__what (it leads back to its notebook)")
    from analysis.paths import refuse_protected

    folder = refuse_protected(fig_dir, what="fig_dir (FIG_DIR)")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for ext, metadata in (("svg", {"Date": None, "Creator": None}), ("png", {"Software": None})):
        path = folder / f"{name}.{ext}"
        tmp = path.with_suffix(f".tmp.{ext}")
        fig.savefig(tmp, format=ext, metadata=metadata)
        tmp.replace(path)
        written.append(path)
    plt.close(fig)
    _show_inline(written[-1])
    return written


def _show_inline(png: Path) -> None:
    """In a notebook, show the saved PNG below the cell (the Agg backend draws nothing itself)."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to show
        return
    shell = get_ipython()
    if shell is None or "IPKernelApp" not in getattr(shell, "config", {}):
        return
    from IPython.display import Image, display

    display(Image(filename=str(png), width=720))


# ------------------------------------------------------------------------------------------
# Drawing tidy tables. Each function takes tables and returns a figure; nothing is computed
# here that a reader would need to check (that lives in analysis.compare.stats and friends).
# ------------------------------------------------------------------------------------------

# Categories of evidence get fixed colours too (Okabe–Ito order), the same in figures and report.
CATEGORY_COLOURS = {
    "loaded_wording": "#E69F00",
    "name_calling": "#D55E00",
    "exaggeration": "#CC79A7",
    "fear_appeal": "#0072B2",
    "doubt_discrediting": "#56B4E9",
    "delegitimizing": "#009E73",
    "scare_quote": "#999999",
}


def category_palette(categories: Iterable[str]) -> dict[str, str]:
    """A colour per evidence category: the fixed ones above, then Okabe–Ito/husl for others."""
    cats = list(dict.fromkeys(categories))
    extra = [c for c in cats if c not in CATEGORY_COLOURS]
    spare = [c for c in OKABE_ITO if c not in CATEGORY_COLOURS.values()] or OKABE_ITO
    if len(extra) > len(spare):
        spare = sns.color_palette("husl", len(extra)).as_hex()
    mapping = dict(CATEGORY_COLOURS)
    mapping.update({c: spare[i] for i, c in enumerate(extra)})
    return {c: mapping[c] for c in cats}


def pretty(name: str) -> str:
    """A column or category name as a label: ``fear_appeal`` -> ``fear appeal``."""
    return str(name).replace("_", " ")


def stripplot(*args, seed: int = 0, **kwargs):
    """``seaborn.stripplot`` with the same jitter on every run.

    seaborn draws the jitter from NumPy's global random generator, so two runs of the same
    notebook would place the dots differently and write different figures. Here the generator
    is seeded for the call and then put back as it was: the figure depends only on the data.
    Arguments are those of ``seaborn.stripplot``.
    """
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        return sns.stripplot(*args, **kwargs)
    finally:
        np.random.set_state(state)


def marks(data, *, by: str | list[str], max_dots: int = MAX_DOTS, boxes: bool = True) -> list[str]:
    """What :func:`distribution` draws for ``data`` grouped ``by`` these columns, without drawing.

    Args:
        data: One row per value.
        by: The column(s) whose combinations are drawn apart: a source, or a source and an actor.
        max_dots: As in :func:`distribution`.
        boxes: Whether boxes are drawn behind the dots.

    Returns:
        The kinds among ``"dots"``, ``"boxes"`` and ``"violins"`` that occur, in that order (the
        report words each figure's caption by it).
    """
    counts = data.groupby(by, sort=False).size()
    kinds = {
        "dots": bool((counts <= max_dots).any()),
        "boxes": boxes and bool(((counts >= MIN_BOX) & (counts <= max_dots)).any()),
        "violins": bool((counts > max_dots).any()),
    }
    return [kind for kind, drawn in kinds.items() if drawn]


def violins(data, *, x: str, y: str, order: list[str], palette: dict[str, str], ax, quartiles: bool = True) -> None:
    """A horizontal violin per category of ``y`` present in ``data``, at its row of ``order``.

    The width shows how many values lie there (a kernel density cut at the smallest and largest
    value, every violin as wide at its widest); with ``quartiles`` a dashed line marks the
    median and dotted lines the quartiles. A category whose values are all equal is a line.
    """
    sns.violinplot(data=data, x=x, y=y, order=order, hue=y, palette=palette, legend=False, ax=ax, cut=0,
                   inner="quart" if quartiles else None, density_norm="width", width=0.8, linewidth=0.8,
                   saturation=1.0, alpha=0.9 if quartiles else 0.45)


def distribution(data, *, x: str, y: str, order: list[str], palette: dict[str, str], ax, max_dots: int = MAX_DOTS,
                 boxes: bool = True, quartiles: bool = True, **dots) -> list[str]:
    """The values of ``x`` per category of ``y``, drawn so that they stay readable at any corpus size.

    A category with at most ``max_dots`` values has every value drawn as a dot (jittered, the
    same on every run), and, with ``boxes`` and at least :data:`MIN_BOX` values, a box behind
    them (the middle half; whiskers to the furthest value within 1.5 box lengths). A category
    with more values than that, whose dots would merge into a solid band (and whose figure would
    grow with the corpus), is drawn as a violin instead (:func:`violins`). Each category is drawn
    by its own count, so a small source next to a large one still shows its few values as dots.

    Args:
        data: One row per value.
        x: The column of values.
        y: The column of categories (sources).
        order: Categories top to bottom.
        palette: Category colours.
        ax: The axes to draw on.
        max_dots: The most values of one category drawn as dots.
        boxes: Draw boxes behind the dots.
        quartiles: Mark the quartiles in the violins.
        **dots: Options of the dots for ``seaborn.stripplot`` (default ``size=3, jitter=0.2, alpha=0.8``).

    Returns:
        What was drawn, as :func:`marks` says.
    """
    data = data[data[y].isin(order)]  # the sources drawn (figure_sources: not every source of a large study)
    counts = data[y].value_counts()
    many = data[y].isin(counts.index[counts > max_dots])
    common = {"x": x, "y": y, "order": order, "hue": y, "palette": palette, "legend": False, "ax": ax}
    if many.any():
        violins(data[many], x=x, y=y, order=order, palette=palette, ax=ax, quartiles=quartiles)
    boxed = data[~many & data[y].isin(counts.index[counts >= MIN_BOX])] if boxes else data.iloc[:0]
    if len(boxed):
        sns.boxplot(data=boxed, **common, fliersize=0, width=0.5, boxprops={"alpha": 0.35})
    if not many.all():
        stripplot(data=data[~many], **common, **{"size": 3, "jitter": 0.2, "alpha": 0.8, **dots})
    return marks(data, by=y, max_dots=max_dots, boxes=boxes)


def articles_and_words(by_source, stats, *, order: list[str], palette: dict[str, str]):
    """Notebook 01's overview: articles per source (bars) beside words per article (:func:`distribution`).

    Args:
        by_source: One row per source with ``source`` and ``articles``
            (:func:`analysis.corpus.summarize_by_source`).
        stats: One row per article with ``source`` and ``n_words``.
        order: Sources top to bottom.
        palette: Source colours.

    Returns:
        ``(figure, what the right panel drew)``, the latter as :func:`marks` says.
    """
    height = max(2.2, 0.45 * len(order) + 1.0)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(FIG_WIDTH, height), sharey=True)
    counts = by_source.set_index("source").loc[order]
    ax1.barh(order, counts["articles"], color=[palette[s] for s in order])
    ax1.set_xlabel("articles")
    ax1.invert_yaxis()
    ax1.grid(axis="y", visible=False)  # a grid line past a bar's end would read as a whisker
    ax1.xaxis.get_major_locator().set_params(integer=True)
    # words per article: a dot per article (a violin per source in a large corpus); the totals are in a table
    drawn = distribution(stats, x="n_words", y="source", order=order, palette=palette, ax=ax2, size=5, jitter=0.15)
    ax2.set_xlim(left=0)
    ax2.xaxis.set_major_locator(plt.MaxNLocator(nbins=5, integer=True))
    ax2.set_xlabel("words per article")
    ax2.set_ylabel("")
    ax1.set_ylabel("")
    fig.suptitle("Articles and words per source", x=0.01, ha="left")
    fig.tight_layout()
    return fig, drawn


def sentence_lengths(lengths, *, order: list[str], palette: dict[str, str]):
    """Notebook 01's sentence lengths: words per sentence per source (:func:`distribution`).

    Args:
        lengths: One row per sentence with ``source`` and ``n_words``.
        order: Sources top to bottom.
        palette: Source colours.

    Returns:
        ``(figure, what was drawn)``, the latter as :func:`marks` says.
    """
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, max(2.2, 0.45 * len(order) + 1.0)))
    drawn = distribution(lengths, x="n_words", y="source", order=order, palette=palette, ax=ax)
    ax.set_xlabel("words per sentence")
    ax.set_ylabel("")
    ax.set_title("Sentence length per source", loc="left")
    fig.tight_layout()
    return fig, drawn


def article_similarity(similarity, sources):
    """Notebook 04's text-reuse figure for a small corpus: the similarity of every pair of articles.

    Args:
        similarity: Square table of word-trigram containment, indexed by article id
            (:func:`analysis.compare.similarity.similarity_matrix`).
        sources: Each article's source, in the order of ``similarity``.
    """
    ids = [str(i) for i in similarity.index]
    short = [i[:12] for i in ids]
    if len(set(short)) < len(short):  # ids that share a long prefix: keep their ends instead
        short = [i if len(i) <= 12 else "…" + i[-11:] for i in ids]
    labels = [f"{i} · {s}" for i, s in zip(short, sources)]
    shown = similarity.mask(np.eye(len(similarity), dtype=bool))
    shown.index, shown.columns = labels, short
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, max(2.6, 1.4 + 0.42 * len(ids))))
    matrix_heatmap(shown, ax=ax, cmap="Purples", vmin=0, vmax=max(0.15, float(np.nanmax(shown.values))),
                   cbar_label="word-trigram containment", title="Similarity between articles (text reuse)")
    return fig


def source_similarity(means, order: list[str]):
    """Notebook 04's text-reuse figure for a large corpus: the mean similarity of each pair of sources' articles.

    Args:
        means: Square table of mean word-trigram containment per pair of sources
            (:attr:`analysis.compare.similarity.TextReuse.means`).
        order: Sources top to bottom (and left to right).
    """
    by_source = means.loc[order, order]
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, max(2.6, 1.4 + 0.42 * len(by_source))))
    # the same scale from 0 as the article figure: a scale fitted to the values would paint
    # differences of a thousandth as dark and light
    matrix_heatmap(by_source, ax=ax, cmap="Purples", vmin=0, vmax=max(0.15, float(np.nanmax(by_source.values))),
                   cbar_label="mean word-trigram containment", title="Mean similarity between sources' articles")
    return fig


def empty_figure(message: str, *, title: str = ""):
    """A small figure that says why there is nothing to draw (for example, no actor is mentioned).

    The notebooks always write each figure the report expects, so a corpus where a measure finds
    nothing still gives a report that says so instead of a crash or a missing file.
    """
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, 1.4))
    ax.set_axis_off()
    if title:
        ax.set_title(title, loc="left")
    ax.text(0.5, 0.45, message, ha="center", va="center", color=INK, fontsize=9, wrap=True, transform=ax.transAxes)
    return fig


def stance_per_article(stance, *, actors: list[str], order: list[str], palette: dict[str, str], by: str = "source"):
    """Each article's stance toward each actor, one panel per actor, one row per source.

    Where a source has at most :data:`MAX_DOTS` articles mentioning the actor, each is a dot with
    a bar of ±1 SD over its mentions, the dots of a row spread evenly in id order; where it has
    more, a violin of the article stances (no bars: a thousand of them would be a smear).

    Args:
        stance: :func:`analysis.measures.stance.stance_by_article` rows (``id, target, stance,
            stance_sd``) with ``by``.
        actors: The actors, one panel each.
        order: Sources top to bottom.
        palette: Source colours.

    Returns:
        The figure. ``marks(stance, by=[by, "target"], boxes=False)`` says what it drew.
    """
    from matplotlib.collections import LineCollection

    if not actors:
        return empty_figure("No actor of the targets file is mentioned in this corpus: no stance to draw.")
    many = len(order) > MANY_SOURCES  # many sources: all actors side by side, rows packed closer, to fit a page
    cols = min(5 if many else 3, len(actors))
    rows = -(-len(actors) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(FIG_WIDTH, max(2.6, rows * (0.9 + (0.22 if many else 0.34) * len(order)))),
                             sharex=True, sharey=True, squeeze=False)
    shown = stance[stance["target"].isin(actors) & stance[by].isin(order)]
    for k, actor in enumerate(actors):
        ax = axes[k // cols][k % cols]
        sub = shown[shown["target"] == actor].sort_values("id", kind="stable")
        counts = sub[by].value_counts()
        crowded = sub[by].isin(counts.index[counts > MAX_DOTS])
        if crowded.any():
            violins(sub[crowded], x="stance", y=by, order=order, palette=palette, ax=ax, quartiles=False)
        for s_i, source in enumerate(order):
            pts = sub[(sub[by] == source) & ~crowded]
            if pts.empty:
                continue
            n = len(pts)
            ys = s_i + (np.zeros(1) if n == 1 else np.linspace(-0.18, 0.18, n))
            x = pts["stance"].to_numpy(dtype=float)
            sd = pd.to_numeric(pts["stance_sd"], errors="coerce").fillna(0.0).to_numpy()
            ax.add_collection(LineCollection(np.stack([np.c_[x - sd, ys], np.c_[x + sd, ys]], axis=1),
                                             colors=palette[source], linewidths=1.2, alpha=0.5))
            ax.plot(x, ys, "o", linestyle="none", color=palette[source], markersize=5, markeredgecolor="white",
                    markeredgewidth=0.5)
        ax.axvline(0, color="#777777", lw=0.8)
        # a long name (an actor found in the corpus, "Black Lives Matter") wraps instead of running into the next panel
        ax.set_title(textwrap.fill(str(actor), width=max(12, int(60 / cols))), loc="left", fontsize=9)
        ax.set_xlim(-1, 1)
        ax.set_yticks(range(len(order)), order)
        ax.set_ylim(len(order) - 0.5, -0.5)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.grid(axis="y", visible=False)
    for k in range(len(actors), rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    fig.supxlabel("article stance toward the actor (− unfavourable, + favourable); bar: ±1 SD over mentions", fontsize=8.5)
    fig.suptitle("Stance per article and actor", x=0.01, ha="left")
    fig.tight_layout()
    return fig


def _height(n_rows: int, per_row: float = 0.42, base: float = 1.1, minimum: float = 2.2) -> float:
    return max(minimum, base + per_row * n_rows)


def points_with_intervals(per_article, summary, *, measure: str, order: list[str], palette: dict[str, str],
                          xlabel: str, title: str, by: str = "source"):
    """Each article a dot (a violin for a source with many); each source's mean as a tick with its bootstrap interval.

    Args:
        per_article: One row per article with ``by`` and ``measure``.
        summary: :func:`analysis.compare.stats.group_summary` rows for ``measure``.
        measure: The column to plot.
        order: Sources top to bottom.
        palette: Source colours.
        xlabel: Axis label, with units.
        title: Figure title.

    Returns:
        The figure.
    """
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, _height(len(order))))
    summ = summary.set_index(by).reindex(order)
    kinds = distribution(per_article, x=measure, y=by, order=order, palette=palette, ax=ax, boxes=False, quartiles=False,
                         size=6, jitter=0.12, edgecolor="white", linewidth=0.6, alpha=1.0)
    for i, source in enumerate(order):  # on top of the articles, in ink, so that a crowded row cannot hide them
        row = summ.loc[source]
        if not row.get("small_n", True):
            ax.plot([row["ci_low"], row["ci_high"]], [i, i], color=INK, lw=2.5, alpha=0.45, solid_capstyle="butt", zorder=4)
        ax.plot([row["mean"]], [i], marker="|", markersize=16, mew=2.5, color=INK, zorder=5)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    top = max([float(per_article[measure].max()), *[v for v in summ["ci_high"].tolist() if v == v], 1.0])
    ax.set_xlim(0, top * 1.08)
    ax.set_title(title, loc="left")
    small = int(summ["small_n"].fillna(True).astype(bool).sum())
    shapes = {"dots": "dot: one article", "violins": f"violin: a source's articles (over {MAX_DOTS:,})"}
    note = " · ".join([*(shapes[k] for k in kinds), "tick: source mean · band: 95% bootstrap interval over articles"])
    if small:
        note += f" (none for the {small} source{'s' if small > 1 else ''} with fewer than 3 articles)"
    fig.tight_layout()
    fig.subplots_adjust(bottom=fig.subplotpars.bottom + 0.33 / fig.get_figheight())  # room for the note: 0.33 in
    fig.text(0.01, 0.01, note, fontsize=7, color="#555555", ha="left", va="bottom")
    return fig


def grid_shape(n_panels: int, n_terms: int, *, max_cols: int = 3, widest: int = 5,
               max_height: float = MAX_FIG_HEIGHT) -> tuple[int, int, int]:
    """``(rows, cols, terms)`` for small multiples of ``n_panels`` bar charts of ``n_terms`` bars.

    Starts at ``max_cols`` columns and all the terms; while the figure would be taller than
    ``max_height`` inches it adds columns (up to ``widest``), then drops terms (down to 3).

    Example:
        >>> grid_shape(4, 8), grid_shape(20, 8)
        ((2, 3, 8), (4, 5, 6))
    """
    cols = min(max_cols, max(1, n_panels))
    terms = n_terms

    def height(c: int, t: int) -> float:
        return -(-n_panels // c) * (0.9 + 0.2 * t)

    while height(cols, terms) > max_height and cols < min(widest, n_panels):
        cols += 1
    while height(cols, terms) > max_height and terms > 3:
        terms -= 1
    return -(-n_panels // cols), cols, terms


def _source_panels(order: list[str], n: int, title: str, *, max_cols: int):
    """A grid with one panel per source for up to ``n`` bars each: ``(figure, panels, n, title)``.

    ``n`` may shrink so that the figure fits a page (:func:`grid_shape`); ``{n}`` in ``title``
    becomes it. Cells of the grid beyond the last source are hidden.
    """
    rows, cols, n = grid_shape(len(order), n, max_cols=max_cols)
    fig, axes = plt.subplots(rows, cols, figsize=(FIG_WIDTH, max(2.4, rows * (0.9 + 0.2 * n))), squeeze=False)
    panels = [axes[k // cols][k % cols] for k in range(rows * cols)]
    for ax in panels[len(order):]:
        ax.set_visible(False)
    return fig, panels[: len(order)], n, title.replace("{n}", str(n))


NARROW_PANEL_COLS = 4  # from this many columns of panels on, a bar's label is written inside its panel, above the bar
_TITLE_CHARS = {4: 22, 5: 17}  # characters per line of a panel's title at that many columns (wider: one line)
_LABEL_CHARS = {4: 28, 5: 22}  # characters of a bar's label inside a panel; a longer one ends in "…"


def _panel_bars(ax, labels, values, *, cols: int, color, title: str, title_color=None, slots: int | None = None):
    """Horizontal bars in one panel of a grid of ``cols`` columns, the first label at the top.

    Up to 3 columns the labels are the y tick labels, beside the panel. From
    :data:`NARROW_PANEL_COLS` columns on (many sources) there is no room beside a panel for
    labels such as "absolutely + worthless", which then ran into the panel on their left: each
    label is written inside the panel, above its bar (cut with "…" if longer than the panel is
    wide), and the panel's title is wrapped to the panel's width. Returns the bars' y positions
    (for error bars). ``slots``: the most bars a panel of the grid has; a panel with fewer has
    them at its top, each as wide as in the other panels.
    """
    labels, values = list(labels)[::-1], list(values)[::-1]
    color = color[::-1] if isinstance(color, list) else color  # one per bar, bottom first like the bars
    pos = np.arange(len(labels), dtype=float)
    narrow = cols >= NARROW_PANEL_COLS
    if narrow:
        slots = max(slots or 0, len(labels), 1)
        pos = pos + (slots - len(labels))  # at the top of the panel
        bars = pos - 0.2
        ax.barh(bars, values, height=0.42, color=color)
        ax.set_yticks([])
        place = matplotlib.transforms.blended_transform_factory(ax.transAxes, ax.transData)
        chars = _LABEL_CHARS.get(cols, min(_LABEL_CHARS.values()))
        for y, label in zip(pos, labels):
            label = str(label) if len(str(label)) <= chars else str(label)[: chars - 1].rstrip() + "…"
            ax.text(0.02, y + 0.24, label, transform=place, ha="left", va="center", fontsize=7, color=INK, clip_on=False)
        ax.set_ylim(-0.6, slots - 0.35)
        title = textwrap.fill(title, _TITLE_CHARS.get(cols, min(_TITLE_CHARS.values())))
    else:
        bars = pos
        ax.barh(pos, values, color=color)
        ax.set_yticks(pos, labels)
        ax.tick_params(axis="y", labelsize=7.5)
    ax.set_title(title, loc="left", fontsize=8.5, **({} if title_color is None else {"color": title_color}))
    ax.grid(axis="y", visible=False)
    return bars


def _grid_cols(panels) -> int:
    """The number of columns of the grid the panels of :func:`_source_panels` are in."""
    return panels[0].get_subplotspec().get_gridspec().ncols if panels else 1


def _finish_panels(fig, xlabel: str, title: str, *, fontsize: float):
    fig.supxlabel(xlabel, fontsize=fontsize)
    fig.suptitle(title, x=0.01, ha="left")
    fig.tight_layout()
    return fig


def top_terms_grid(counts, *, order: list[str], palette: dict[str, str], n: int, xlabel: str, title: str,
                   by: str = "source", term: str = "term", value: str = "n", max_cols: int = 3):
    """Small multiples: the ``n`` most frequent terms of each source as horizontal bars.

    With many sources the grid gets more columns and, if it must, fewer terms (see
    :func:`grid_shape`), so that the figure fits a page; ``{n}`` in ``title`` becomes the
    number of terms shown.
    """
    fig, panels, n, title = _source_panels(order, n, title, max_cols=max_cols)
    cols = _grid_cols(panels)
    for source, ax in zip(order, panels):
        top = counts[counts[by] == source].sort_values([value, term], ascending=[False, True]).head(n)
        _panel_bars(ax, top[term], top[value], cols=cols, color=palette[source], title=source, slots=n,
                    title_color=palette[source] if palette[source] != "#F0E442" else "#8a7d00")
        ax.xaxis.get_major_locator().set_params(integer=True)
        if top.empty:  # an empty panel has no scale to read: no ticks, no grid (they read -0.05 to 0.05)
            ax.text(0.5, 0.5, "no matches", ha="center", va="center", transform=ax.transAxes, fontsize=8, color="#777777")
            ax.set_yticks([])
            ax.set_xticks([])
            ax.grid(False)
    return _finish_panels(fig, xlabel, title, fontsize=9)


def stacked_shares(shares, *, order: list[str], colours: dict[str, str], xlabel: str, title: str,
                   counts: dict[str, int] | None = None):
    """One horizontal bar per source split into category shares (rows: sources, columns: categories)."""
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, _height(len(order)) + 0.5))
    left = [0.0] * len(order)
    table = shares.reindex(order).fillna(0.0)
    for category in table.columns:
        widths = table[category].tolist()
        ax.barh(order, widths, left=left, color=colours[category], label=pretty(category), edgecolor="white", linewidth=0.5)
        left = [l + w for l, w in zip(left, widths)]
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    if counts:
        ax.set_yticks(range(len(order)), [f"{s}  (n={counts.get(s, 0)})" for s in order])
    ax.legend(ncols=min(4, len(table.columns)), loc="upper left", bbox_to_anchor=(0, -0.28), frameon=False, fontsize=7.5)
    ax.set_title(title, loc="left")
    fig.tight_layout()
    return fig


def _diverging_cmap():
    # blue (unfavourable) - white - orange (favourable): colour-blind-safe ends from Okabe-Ito
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("stance", ["#0072B2", "#F7F7F7", "#E69F00"])


STANCE_CMAP = _diverging_cmap()


def matrix_heatmap(values, *, annot=None, ax=None, cmap="rocket_r", center=None, vmin=None, vmax=None,
                   fmt_values: str = "{:.2f}", cbar_label: str = "", title: str = "", xlabel: str = "", ylabel: str = ""):
    """A labelled heatmap of a rows x columns table; ``annot`` (same shape, strings) overrides the cell text.

    A table with more than :data:`MAX_HEATMAP_COLUMNS` columns and fewer rows is drawn turned (its columns as rows,
    ``xlabel`` and ``ylabel`` swapped), so that its cells keep room for their text; the cell text shrinks with the
    cells, to no less than 4.5 pt.
    """
    if ax is None and values.size == 0:
        return empty_figure("Nothing to show: the table is empty.", title=title)
    if ax is None and values.shape[1] > MAX_HEATMAP_COLUMNS and values.shape[0] < values.shape[1]:
        values, xlabel, ylabel = values.T, ylabel, xlabel
        annot = None if annot is None else annot.T
    if ax is None:
        rows = len(values.index)  # rows closer as they grow, so that the figure fits a page with its caption
        fig, ax = plt.subplots(figsize=(FIG_WIDTH, _height(rows, per_row=min(0.45, (MAX_FIG_HEIGHT - 1.6) / max(1, rows)),
                                                           base=1.6)))
    else:
        fig = ax.figure
    if annot is not None:
        labels = annot
    elif max(values.shape) <= 12:
        labels = values.map(lambda v: "" if v != v else fmt_values.format(v))
    else:  # too many cells to print a value in each: the colour bar reads them
        labels = False
    # the cells' width: the axes' share of the figure less the colour bar's (about a fifth); 7.5 pt down to 0.36 in a cell
    cell_inches = ax.figure.get_figwidth() * 0.8 * ax.get_position().width / max(1, values.shape[1])
    sns.heatmap(values.astype(float), annot=labels, fmt="", cmap=cmap, center=center, vmin=vmin, vmax=vmax, ax=ax,
                linewidths=0.6, linecolor="white", cbar_kws={"label": cbar_label, "shrink": 0.8},
                annot_kws={"fontsize": max(4.5, min(7.5, 21 * cell_inches))},
                xticklabels=True, yticklabels=True)  # every row and column named (seaborn's "auto" skips some)
    ax.grid(False)
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", rotation=30 if values.shape[1] <= 8 else 90)
    for label in ax.get_xticklabels():
        label.set_ha("right" if values.shape[1] <= 8 else "center")
    ax.tick_params(axis="y", rotation=0)
    return fig


def keyness_grid(table, *, order: list[str], palette: dict[str, str], n: int, title: str, by: str = "source",
                 max_cols: int = 3):
    """The ``n`` most distinctive terms of each source (largest z), as horizontal bars of z.

    With many sources the grid gets more columns and, if it must, fewer terms (see
    :func:`grid_shape`), so that the figure fits a page; ``{n}`` in ``title`` becomes the
    number of terms shown.
    """
    fig, panels, n, title = _source_panels(order, n, title, max_cols=max_cols)
    cols = _grid_cols(panels)
    for source, ax in zip(order, panels):
        top = table[(table[by] == source) & (table["z"] > 0)].sort_values(["z", "term"], ascending=[False, True]).head(n)
        colour = palette[source]
        if "distinctive" in top.columns:  # article_keyness: grey bars for terms whose interval reaches below 1.96
            colour = [palette[source] if d else "#cccccc" for d in top["distinctive"]]
        bars = _panel_bars(ax, top["term"], top["z"], cols=cols, color=colour, title=source, slots=n)
        if "z_low" in top.columns and top["z_low"].notna().any():
            z, lo, hi = top["z"][::-1].to_numpy(), top["z_low"][::-1].to_numpy(), top["z_high"][::-1].to_numpy()
            ax.errorbar(z, bars, xerr=[np.clip(z - lo, 0, None), np.clip(hi - z, 0, None)], fmt="none",
                        ecolor=INK, elinewidth=0.7, capsize=1.5)
        if top.empty:  # no scale to read and no line at 1.96 (they read 1.90 to 2.05 around nothing)
            ax.text(0.5, 0.5, "no distinctive terms", ha="center", va="center", transform=ax.transAxes, fontsize=8)
            ax.set_yticks([])
            ax.set_xticks([])
            ax.grid(False)
        else:
            ax.axvline(1.96, color="#777777", lw=0.8, ls=":")
    return _finish_panels(fig, "z-score of the weighted log-odds ratio, source vs the rest (dotted: 1.96)", title, fontsize=8.5)


FINGERPRINT_DENSITY_SHARE = 0.22  # panel a of the fingerprint is at least this share of panels b and c together


def fingerprint(per_article, *, order: list[str], palette: dict[str, str], stance_means, stance_counts,
                frame_means, by: str = "source", actors: list[str] | None = None):
    """The framing fingerprint: loaded-language density, stance per actor and frame profile, per source.

    Args:
        per_article: One row per article with ``by`` and ``loaded_per_1k``.
        order: Sources top to bottom (the same in all three panels).
        palette: Source colours.
        stance_means: Sources x actors, mean stance (NaN where an actor is not mentioned).
        stance_counts: Sources x actors, number of mentions.
        frame_means: Sources x frames, mean matches per 1,000 words.
        actors: The actors panel b draws (default: :func:`figure_actors` of ``stance_counts``, at most
            :data:`MAX_FINGERPRINT_ACTORS`).
    """
    actors = figure_actors(stance_counts) if actors is None else list(actors)
    stance_means, stance_counts = stance_means[actors], stance_counts[actors]
    n = len(order)
    height = max(3.2, 1.6 + (0.32 if n > MANY_SOURCES else 0.42) * n)  # many sources: rows packed closer
    fig = plt.figure(figsize=(FIG_WIDTH + 0.9, height))
    widths = [1.5, max(1.2, 0.42 * stance_means.shape[1]), max(1.6, 0.36 * frame_means.shape[1])]
    # panel a keeps the width of its title ("per 1,000 words") beside many actors and frames
    widths[0] = max(widths[0], FINGERPRINT_DENSITY_SHARE * (widths[1] + widths[2]))
    grid = fig.add_gridspec(1, 3, width_ratios=widths, wspace=0.12)
    ax1 = fig.add_subplot(grid[0])
    distribution(per_article, x="loaded_per_1k", y=by, order=order, palette=palette, ax=ax1, boxes=False, quartiles=False,
                 size=5, jitter=0.12, alpha=1.0)
    means = per_article.groupby(by)["loaded_per_1k"].mean().reindex(order)
    ax1.scatter(means.values, range(n), marker="|", s=250, c=INK, linewidths=2.5, zorder=5)
    ax1.set_xlim(0, max(1.0, float(per_article["loaded_per_1k"].max()) * 1.15))
    ax1.set_ylim(n - 0.5, -0.5)  # one row per source, aligned with the heatmap rows of b and c
    ax1.set_xlabel("")
    ax1.set_ylabel("")
    ax1.set_title("a  loaded terms\nper 1,000 words", loc="left", fontsize=8.5)
    ax2 = fig.add_subplot(grid[1], sharey=None)
    annot = stance_means.copy().astype(object)
    for r in stance_means.index:
        for c in stance_means.columns:
            v, k = stance_means.loc[r, c], stance_counts.loc[r, c]
            annot.loc[r, c] = "" if v != v else f"{_stance_label(v)}\n({_compact(int(k))})"
    # cell labels shrink with the cells, so that "+.07" of eight or more actors do not run together
    cell_inches = (FIG_WIDTH + 0.9) * 0.79 * widths[1] / sum(widths) / max(1, stance_means.shape[1])
    fontsize = max(4.5, min(6.5, 22 * cell_inches))
    # every column labelled: seaborn's "auto" labels every other one when they crowd (20 actors), and panel c's labels
    # set afterwards then no longer matched its ticks
    sns.heatmap(stance_means.reindex(order).astype(float), annot=annot.reindex(order), fmt="", cmap=STANCE_CMAP, center=0,
                vmin=-0.6, vmax=0.6, ax=ax2, cbar=False, linewidths=0.6, linecolor="white", annot_kws={"fontsize": fontsize},
                xticklabels=list(stance_means.columns), yticklabels=False)
    ax2.grid(False)
    ax2.set_yticks([])
    ax2.set_ylabel("")
    ax2.set_xlabel("")
    _slanted_labels(ax2)
    ax2.set_title("b  stance\nmean (mentions)", loc="left", fontsize=8.5)
    ax3 = fig.add_subplot(grid[2])
    sns.heatmap(frame_means.reindex(order).astype(float), annot=frame_means.reindex(order).map(_rate_label), fmt="",
                cmap="Greens", ax=ax3, cbar=False, linewidths=0.6, linecolor="white", annot_kws={"fontsize": 6.5},
                xticklabels=[pretty(c) for c in frame_means.columns], yticklabels=False)
    ax3.grid(False)
    ax3.set_yticks([])
    ax3.set_ylabel("")
    _slanted_labels(ax3)
    ax3.set_xlabel("")
    ax3.set_title("c  frame indicators\nper 1,000 words", loc="left", fontsize=8.5)
    fig.suptitle("Framing fingerprint per source", x=0.01, ha="left")
    # margins in inches (titles above, rotated labels below), whatever the number of sources
    fig.subplots_adjust(left=0.2, right=0.99, bottom=1.0 / height, top=1 - 0.66 / height)
    return fig


def _slanted_labels(ax) -> None:
    """The x labels of a fingerprint panel at 45 degrees, 7 pt, each ending under its column."""
    ax.tick_params(axis="x", rotation=45, labelsize=7)
    for label in ax.get_xticklabels():
        label.set_ha("right")
        label.set_rotation_mode("anchor")


def _stance_label(v: float) -> str:
    """A mean stance for a small heatmap cell: two decimals without the leading zero ("+.67", "-.15"), "0" when it
    rounds to zero, as a table of correlations prints them.

    Example:
        >>> [_stance_label(v) for v in (0.6712, -0.154, 0.004, -0.004, 1.0, -1.0)]
        ['+.67', '-.15', '0', '0', '+1.00', '-1.00']
    """
    text = f"{abs(v):.2f}"
    if text == "0.00":
        return "0"
    return ("-" if v < 0 else "+") + (text[1:] if text.startswith("0") else text)


def _rate_label(v: float) -> str:
    """A rate per 1,000 words for a heatmap cell: one decimal below 10 (0.4, not 0), whole above; blank for NaN."""
    if v != v:
        return ""
    if v == 0:
        return "0"
    return f"{v:.1f}" if v < 9.95 else f"{v:.0f}"


def _compact(k: int) -> str:
    """A count short enough for a heatmap cell: 950, 2.4k, 12k."""
    if k < 1000:
        return str(k)
    return f"{k / 1000:.1f}k" if k < 10_000 else f"{k / 1000:.0f}k"

"""Framing over time: per-article measures grouped by source and week, month or year, with intervals and counts, and their plot.

quanteda's habit of grouping documents by any variable, the date above all: each measure (loaded
language per 1,000 words, the stance toward an actor, a frame's rate) is averaged over the
articles of a source in a period, with a 95% percentile bootstrap interval over those articles
(:func:`analysis.compare.stats.group_summary`; none for fewer than three articles), and the number of
articles behind each mean. The period is a calendar week (starting on Monday) when the dates
span at most :data:`WEEKLY_MAX_DAYS` days, else a calendar month, so that a corpus of a few
weeks is not squeezed into one or two points and a corpus of years does not get hundreds.

Articles without a date are left out of these tables (and counted); a corpus without any date
gets no table at all (:func:`time_unit` returns None) and nothing is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["MIN_PERIODS", "MONTHLY_MAX_DAYS", "WEEKLY_MAX_DAYS", "article_periods", "framing_over_time", "over_time",
           "plot_over_time", "source_periods", "time_unit"]

WEEKLY_MAX_DAYS = 183  # up to about half a year: weeks; longer: months
MONTHLY_MAX_DAYS = 3653  # up to ten years: months (at most 121); longer: years (30 years had been 360 months)
MIN_PERIODS = 2  # periods a figure over time needs: with every dated article in one week, there is no change to draw
OTHER_SOURCES = "#c8c8c8"  # the sources not highlighted over time


def _parse(dates: pd.Series) -> pd.Series:
    """Dates as pandas timestamps (day precision); blanks and missing values become NaT."""
    text = dates.astype("string").str.strip().str.slice(0, 10)
    return pd.to_datetime(text.where(text.str.len() == 10), format="%Y-%m-%d", errors="coerce")


def source_periods(corpus: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Each source's first and last date (the calendar day as written) and its dated articles, sources in name order;
    no rows without a ``date`` column or a readable date.

    Example:
        >>> corpus = pd.DataFrame({"source": ["B", "A", "A", "B"], "date": ["2023-05-01", "2019-01-02", "2019-03-01", ""]})
        >>> source_periods(corpus).values.tolist()
        [['A', '2019-01-02', '2019-03-01', 2], ['B', '2023-05-01', '2023-05-01', 1]]
    """
    columns = [by, "first", "last", "n_dated"]
    if "date" not in corpus.columns:
        return pd.DataFrame(columns=columns)
    dated = pd.DataFrame({by: corpus[by].astype(str).to_numpy(), "day": _parse(corpus["date"]).to_numpy()}).dropna()
    if dated.empty:
        return pd.DataFrame(columns=columns)
    out = dated.groupby(by, sort=True)["day"].agg(["min", "max", "size"]).reset_index()
    out.columns = columns
    out["first"] = out["first"].dt.strftime("%Y-%m-%d")
    out["last"] = out["last"].dt.strftime("%Y-%m-%d")
    return out


def time_unit(dates: pd.Series) -> str | None:
    """``"week"``, ``"month"`` or ``"year"``, chosen by the span of the dates (:data:`WEEKLY_MAX_DAYS`,
    :data:`MONTHLY_MAX_DAYS`), or None when there is no date.

    Example:
        >>> time_unit(pd.Series(["2025-01-01", "2025-02-15"]))
        'week'
        >>> time_unit(pd.Series(["2024-01-01", "2025-02-15"]))
        'month'
        >>> time_unit(pd.Series(["1995-01-01", "2025-02-15"]))
        'year'
        >>> time_unit(pd.Series(["", None])) is None
        True
    """
    parsed = _parse(pd.Series(dates)).dropna()
    if parsed.empty:
        return None
    days = (parsed.max() - parsed.min()).days
    return "week" if days <= WEEKLY_MAX_DAYS else "month" if days <= MONTHLY_MAX_DAYS else "year"


def article_periods(dates: pd.Series, unit: str) -> pd.Series:
    """The period each date falls in, as the ISO date of its first day (weeks start on Monday); "" without a date.

    Example:
        >>> article_periods(pd.Series(["2025-03-05", "", "2025-03-31"]), "year").tolist()
        ['2025-01-01', '', '2025-01-01']
    """
    if unit not in ("week", "month", "year"):
        raise ValueError(f"unit={unit!r}: use 'week', 'month' or 'year'.")
    parsed = _parse(pd.Series(dates))
    if unit == "week":
        start = parsed - pd.to_timedelta(parsed.dt.day_of_week, unit="D")
    elif unit == "month":
        start = parsed - pd.to_timedelta(parsed.dt.day - 1, unit="D")
    else:
        start = parsed - pd.to_timedelta(parsed.dt.day_of_year - 1, unit="D")
    return start.dt.strftime("%Y-%m-%d").fillna("").astype(object)


def over_time(per_article: pd.DataFrame, measures: Sequence[str], *, unit: str, by: str = "source",
              n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Mean of each measure per group and period, with a bootstrap interval and the number of articles.

    Args:
        per_article: One row per article with ``date``, the ``by`` column and the measure columns
            (NaN where a measure does not apply, e.g. the stance toward an actor not mentioned).
        measures: The measure columns.
        unit: ``"week"``, ``"month"`` or ``"year"`` (see :func:`time_unit`).
        by: The grouping column (sources).
        n_boot: Bootstrap resamples per interval.
        seed: Seed of the bootstrap.

    Returns:
        A tidy table ``<by>, period, measure, n_articles, mean, ci_low, ci_high, small_n``,
        sorted by measure (in the order given), group and period; a group-period with no value
        of a measure has no row. Articles without a date are left out.
    """
    from analysis.compare.stats import group_summary

    missing = [c for c in ("date", by, *measures) if c not in per_article.columns]
    if missing:
        raise ValueError(f"per_article: missing column(s) {', '.join(missing)}.")
    table = per_article.assign(period=article_periods(per_article["date"], unit))
    table = table[table["period"] != ""]
    columns = [by, "period", "measure", "n_articles", "mean", "ci_low", "ci_high", "small_n"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    key = table[by].astype(str) + "\x1f" + table["period"]
    summary = group_summary(table.assign(_key=key), list(measures), by="_key", n_boot=n_boot, seed=seed)
    summary = summary[summary["n_articles"] > 0]
    parts = summary["_key"].str.split("\x1f", n=1, expand=True)
    summary = summary.assign(**{by: parts[0], "period": parts[1]})
    order = {m: k for k, m in enumerate(measures)}
    summary = summary.assign(_m=summary["measure"].map(order)).sort_values(["_m", by, "period"], kind="stable")
    return summary[columns].reset_index(drop=True)


def _next_period(start: pd.Timestamp, unit: str) -> pd.Timestamp:
    """The first day of the period after the one that starts on ``start`` (:func:`article_periods`' periods)."""
    return start + {"week": pd.Timedelta(days=7), "month": pd.offsets.MonthBegin(1), "year": pd.offsets.YearBegin(1)}[unit]


SHARED_YLABEL_ROWS = 3  # from this many rows of panels the y axes share one label, beside the figure


def _line(ax, own: pd.DataFrame, x: list, unit: str, x_of: dict, *, label: str, **style) -> None:
    """A source's period means as a line that joins consecutive periods only: a period with no articles of the
    source breaks it (a line drawn from 2015 to 2017 through months without articles reads as a trend); ``label``
    on its first piece only (one legend entry)."""
    runs = np.cumsum([True] + [x_of[b] != _next_period(x_of[a], unit) for a, b in
                               zip(own["period"].iloc[:-1], own["period"].iloc[1:])])
    means = own["mean"].to_numpy(dtype=float)
    for r in np.unique(runs):
        at = runs == r
        ax.plot(np.asarray(x, dtype=object)[at], means[at], marker="o", label=label if r == 1 else "_nolegend_", **style)


def plot_over_time(table: pd.DataFrame, *, measures: Sequence[str], titles: Sequence[str], ylabel: str, unit: str,
                   order: Sequence[str], palette: dict[str, str], by: str = "source", ncols: int = 2,
                   symmetric: bool = False, counts_panel: bool = False, highlight: Sequence[str] | None = None):
    """Small multiples, one panel per measure: a line per source through its period means (broken where
    the source has no article in a period), a band for each interval, and the number of articles behind
    each mean written on its point.

    Args:
        table: :func:`over_time` output.
        measures: The measures to draw, one panel each (in this order).
        titles: Panel titles, aligned with ``measures``.
        ylabel: Label of the y axes, with units.
        unit: ``"week"``, ``"month"`` or ``"year"`` (for the x label).
        order: Sources in figure order.
        palette: Source -> colour.
        by: The grouping column.
        ncols: Panels per row.
        symmetric: Y limits symmetric around a line at 0 (for stance, in [-1, 1]).
        counts_panel: Below a single panel, bars of the number of articles per period and source.
        highlight: The sources drawn in colour (at most 8: the Okabe-Ito colours, here only), with their
            intervals and counts (``highlighted`` of :func:`framing_over_time`); the others are thin grey
            lines, one legend entry, and one grey bar in the counts panel. None: every source in its
            ``palette`` colour.

    Returns:
        The figure.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from analysis.plotting.charts import FIG_WIDTH, MAX_FIG_HEIGHT, OKABE_ITO

    n = len(measures)
    ncols = max(1, min(ncols, n))
    nrows = -(-n // ncols) if n else 1
    height = min(MAX_FIG_HEIGHT, 0.6 + 2.1 * nrows)
    counts_panel = counts_panel and n == 1
    if counts_panel:
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(FIG_WIDTH, 3.6), sharex=True, height_ratios=(3, 1.3))
        axes = [[top]]
    else:
        fig, axes = plt.subplots(nrows, ncols, figsize=(FIG_WIDTH, height), sharex=True, squeeze=False)
    periods = sorted(set(table["period"]))
    x_of = {p: pd.Timestamp(p) for p in periods}
    step = pd.Timedelta(days={"week": 7, "month": 30, "year": 365}[unit])
    coloured = list(order) if highlight is None else [s for s in order if s in set(highlight)]
    grey = [s for s in order if s not in set(coloured)]
    if highlight is not None:  # the few drawn in colour get colours told apart (the palette of many sources has not)
        palette = {**palette, **dict(zip(coloured, OKABE_ITO))}
    shift = {s: (k - (len(coloured) - 1) / 2) * step * 0.08 for k, s in enumerate(coloured)}  # sources side by side
    for k, (measure, title) in enumerate(zip(measures, titles)):
        ax = axes[k // ncols][k % ncols]
        rows = table[table["measure"] == measure]
        for source in coloured:
            own = rows[rows[by] == source].sort_values("period")
            if own.empty:
                continue
            x = [x_of[p] + shift[source] for p in own["period"]]
            colour = palette[source]
            _line(ax, own, x, unit, x_of, label=source, color=colour, lw=1.4, ms=3.5)
            lo, hi = own["ci_low"].to_numpy(dtype=float), own["ci_high"].to_numpy(dtype=float)
            ok = ~np.isnan(lo)
            if ok.any():  # every interval of the source in one collection, stacked like its line (zorder 2)
                ax.vlines(np.asarray(x, dtype=object)[ok], lo[ok], hi[ok], colors=colour, lw=1.0, alpha=0.55, zorder=2,
                          capstyle="projecting")
            if len(own) <= 12:
                for xi, yi, c in zip(x, own["mean"], own["n_articles"]):
                    ax.annotate(f"{int(c):,}", (xi, yi), xytext=(0, 4), textcoords="offset points", ha="center",
                                fontsize=6, color=colour)
        drawn = [source for source in grey if (rows[by] == source).any()]
        for g, source in enumerate(drawn):  # under the coloured ones (zorder 1), without intervals or counts
            own = rows[rows[by] == source].sort_values("period")
            _line(ax, own, [x_of[p] for p in own["period"]], unit, x_of, color=OTHER_SOURCES, lw=0.8, ms=2, zorder=1,
                  label=f"other sources ({len(grey)})" if g == 0 else "_nolegend_")
        if symmetric:
            ax.axhline(0, color="#999999", lw=0.8, zorder=0)
            reach = np.nanmax(np.abs(rows[["mean", "ci_low", "ci_high"]].to_numpy(dtype=float))) if len(rows) else 0.0
            reach = min(1.0, max(0.2, float(reach) * 1.15 if reach == reach else 0.2))
            ax.set_ylim(-reach, reach)
        ax.set_title(title, loc="left", fontsize=9)
        ax.grid(axis="x", visible=False)
        ax.grid(axis="y", color="#eeeeee")
        if k % ncols == 0 and nrows < SHARED_YLABEL_ROWS:
            ax.set_ylabel(ylabel)
    if counts_panel:
        counts = table[table["measure"] == measures[0]].pivot(index="period", columns=by, values="n_articles").fillna(0)
        others = counts[[s for s in grey if s in counts.columns]].sum(axis=1)
        counts = counts.reindex(columns=[s for s in coloured if s in counts.columns])
        width = step * 0.8
        base = np.zeros(len(counts))
        xs = [x_of[p] for p in counts.index]
        for source in counts.columns:
            bottom.bar(xs, counts[source].to_numpy(), width=width, bottom=base, color=palette[source], align="center")
            base += counts[source].to_numpy()
        if grey:
            bottom.bar(xs, others.to_numpy(), width=width, bottom=base, color=OTHER_SOURCES, align="center")
        bottom.set_ylabel("articles")
        bottom.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no tick at 2.5 articles
        bottom.grid(axis="x", visible=False)
        axes = [[top], [bottom]]
    else:
        for k in range(n, nrows * ncols):
            axes[k // ncols][k % ncols].set_visible(False)
    if nrows >= SHARED_YLABEL_ROWS and not counts_panel:  # one label for the rows: a label a row ran into the next
        fig.supylabel(ylabel, fontsize=plt.rcParams["axes.labelsize"])
    # the year goes into the axis label (one year) or onto the ticks where it changes: the formatter's offset
    # ("2019" at the axis's right end) ran into the label on narrow panels
    years = sorted({x.year for x in x_of.values()})
    for ax in axes[-1]:
        locator = mdates.AutoDateLocator(minticks=2, maxticks=7 if ncols == 1 else 4)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
        ax.set_xlabel("year" if unit == "year" else f"{unit} (first day)" + (f", {years[0]}" if len(years) == 1 else ""))
    handles, labels = axes[0][0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="lower center", ncol=min(4, len(labels)), frameon=False,
                   bbox_to_anchor=(0.5, 1.0))
    fig.tight_layout()
    return fig


def framing_over_time(corpus: pd.DataFrame, per_article: pd.DataFrame, *, actors: Sequence[str], frames: Sequence[str],
                      max_actors: int = 6, n_boot: int = 2000, seed: int = 0) -> dict:
    """Everything notebook 04's over-time section draws and reports, for any scored corpus.

    Args:
        corpus: The corpus table (its ``date`` column, if any, is used).
        per_article: One row per article: ``id, source, loaded_per_1k``, ``frame_<name>`` and
            ``stance_<actor>`` columns (notebook 04's table of measures).
        actors: The actors; the ``max_actors`` mentioned in the most articles are drawn.
        frames: Frame names (``frame_<name>`` columns).
        max_actors: Most actors drawn.
        n_boot: Bootstrap resamples per interval.
        seed: Seed of the bootstrap.

    Returns:
        ``unit`` (None without dates: then nothing else but the counts), ``n_dated``,
        ``n_undated``, ``first``, ``last``, ``n_periods``, ``min_periods`` (:data:`MIN_PERIODS`), ``actors``
        (drawn), ``highlighted`` (with more than :data:`~analysis.plotting.charts.MANY_SOURCES` sources,
        those drawn in colour: the ones with the most dated articles; else None, every source in colour)
        and ``table`` (:func:`over_time` of ``loaded_per_1k``, every frame and the actors' stance). With
        fewer than :data:`MIN_PERIODS` periods (every dated article in one week) there is no change over
        time to draw.
    """
    from analysis.plotting.charts import MANY_SOURCES

    dates = corpus.set_index("id")["date"] if "date" in corpus.columns else pd.Series(dtype=object)
    dated = per_article.assign(date=per_article["id"].map(dates) if len(dates) else "")
    parsed = _parse(dated["date"])
    unit = time_unit(dated["date"])
    out = {"unit": unit, "n_dated": int(parsed.notna().sum()), "n_undated": int(parsed.isna().sum()),
           "first": None, "last": None, "n_periods": 0, "min_periods": MIN_PERIODS, "actors": [], "highlighted": None,
           "table": None}
    if unit is None:
        return out
    mentioned = {a: int(per_article[f"stance_{a}"].notna().sum()) for a in actors if f"stance_{a}" in per_article.columns}
    drawn = sorted(mentioned, key=lambda a: (-mentioned[a], a))[:max_actors]
    measures = ["loaded_per_1k", *[f"frame_{f}" for f in frames], *[f"stance_{a}" for a in drawn]]
    table = over_time(dated, measures, unit=unit, n_boot=n_boot, seed=seed)
    # 30 lines in 30 hues could not be told apart: past MANY_SOURCES, the sources with the most dated articles are
    # drawn in colour and the others in grey
    per_source = dated[parsed.notna()].groupby("source").size()
    highlighted = None
    if len(per_source) > MANY_SOURCES:
        highlighted = sorted(per_source.index, key=lambda s: (-int(per_source[s]), str(s)))[:MANY_SOURCES]
    out.update(first=parsed.min().strftime("%Y-%m-%d"), last=parsed.max().strftime("%Y-%m-%d"),
               n_periods=int(table["period"].nunique()), actors=drawn, highlighted=highlighted, table=table)
    return out

"""Framing over time: the period chosen by the span of dates, the grouping, the intervals and counts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.compare.timeline import article_periods, framing_over_time, over_time, time_unit


def test_unit_follows_the_span_of_dates():
    assert time_unit(pd.Series(["2025-01-01", "2025-07-03"])) == "week"  # 183 days
    assert time_unit(pd.Series(["2025-01-01", "2025-07-04"])) == "month"  # 184 days
    assert time_unit(pd.Series(["2015-01-01", "2025-01-01"])) == "month"  # 3,653 days: ten years, 121 months
    assert time_unit(pd.Series(["2015-01-01", "2025-01-02"])) == "year"  # 30 years had been 360 monthly points
    assert time_unit(pd.Series(["2025-03-01T10:00:00", None, ""])) == "week"
    assert time_unit(pd.Series(["", None])) is None
    assert time_unit(pd.Series([], dtype=object)) is None


def test_periods_start_on_monday_or_the_first_of_the_month():
    dates = pd.Series(["2025-03-02", "2025-03-03", "2025-03-09", "", "2024-02-29T23:00"])
    assert article_periods(dates, "week").tolist() == ["2025-02-24", "2025-03-03", "2025-03-03", "", "2024-02-26"]
    assert article_periods(dates, "month").tolist() == ["2025-03-01", "2025-03-01", "2025-03-01", "", "2024-02-01"]
    assert article_periods(dates, "year").tolist() == ["2025-01-01", "2025-01-01", "2025-01-01", "", "2024-01-01"]
    with pytest.raises(ValueError, match="unit='day'"):
        article_periods(dates, "day")


PER_ARTICLE = pd.DataFrame({
    "id": ["a", "b", "c", "d", "e", "f"],
    "source": ["X", "X", "X", "X", "Y", "Y"],
    "date": ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-11", "2025-03-04", ""],
    "loaded_per_1k": [1.0, 2.0, 6.0, 4.0, 10.0, 99.0],
    "stance_Kyiv": [0.5, float("nan"), -0.5, float("nan"), 0.25, 0.0],
})


def test_means_counts_and_intervals_per_source_and_period():
    table = over_time(PER_ARTICLE, ["loaded_per_1k", "stance_Kyiv"], unit="week", n_boot=200, seed=1)
    rows = [(r.source, r.period, r.measure, r.n_articles, round(r.mean, 6), r.small_n) for r in table.itertuples()]
    assert rows == [
        ("X", "2025-03-03", "loaded_per_1k", 3, 3.0, False),
        ("X", "2025-03-10", "loaded_per_1k", 1, 4.0, True),
        ("Y", "2025-03-03", "loaded_per_1k", 1, 10.0, True),  # f has no date: left out
        ("X", "2025-03-03", "stance_Kyiv", 2, 0.0, True),  # b does not mention Kyiv
        ("Y", "2025-03-03", "stance_Kyiv", 1, 0.25, True),
    ]
    first = table.iloc[0]
    assert 1.0 <= first.ci_low <= 3.0 <= first.ci_high <= 6.0
    assert math.isnan(table.iloc[1].ci_low)


def test_no_dates_no_table():
    corpus = pd.DataFrame({"id": ["a", "b"], "source": ["X", "Y"], "text": ["t", "u"]})
    per_article = pd.DataFrame({"id": ["a", "b"], "source": ["X", "Y"], "loaded_per_1k": [1.0, 2.0]})
    out = framing_over_time(corpus, per_article, actors=[], frames=[])
    assert (out["unit"], out["n_dated"], out["n_undated"], out["table"]) == (None, 0, 2, None)


def test_dates_in_one_week_are_one_period_too_few_to_draw():
    from analysis.compare.timeline import MIN_PERIODS

    corpus = pd.DataFrame({"id": ["a", "b", "c"], "source": ["X", "Y", "X"], "text": "t",
                           "date": ["2025-03-03", "2025-03-09T23:00:00-05:00", ""]})  # a Monday and that Sunday
    per_article = corpus[["id", "source"]].assign(loaded_per_1k=[1.0, 2.0, 3.0])
    out = framing_over_time(corpus, per_article, actors=[], frames=[], n_boot=10)
    assert (out["unit"], out["n_dated"], out["n_undated"], out["first"], out["last"], out["n_periods"], out["min_periods"]) == (
        "week", 2, 1, "2025-03-03", "2025-03-09", 1, MIN_PERIODS)
    assert MIN_PERIODS == 2


def test_actors_drawn_are_the_most_mentioned():
    corpus = PER_ARTICLE[["id", "source", "date"]].assign(text="t")
    per_article = PER_ARTICLE.drop(columns="date").assign(stance_Moscow=[0.1, 0.2, 0.3, 0.4, 0.5, float("nan")])
    out = framing_over_time(corpus, per_article, actors=["Kyiv", "Moscow"], frames=[], max_actors=1, n_boot=100)
    assert out["unit"] == "week" and out["actors"] == ["Moscow"]
    assert (out["n_dated"], out["n_undated"], out["first"], out["last"], out["n_periods"]) == (5, 1, "2025-03-03", "2025-03-11", 2)
    assert sorted(set(out["table"]["measure"])) == ["loaded_per_1k", "stance_Moscow"]


def test_each_interval_is_drawn_once_from_its_low_to_its_high_bound():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    from analysis.compare.timeline import plot_over_time

    table = pd.DataFrame({
        "source": ["X", "X", "X", "Y", "Y"],
        "period": ["2025-03-03", "2025-03-10", "2025-03-17", "2025-03-03", "2025-03-10"],
        "measure": "loaded_per_1k",
        "n_articles": [3, 1, 4, 5, 2],
        "mean": [3.0, 4.0, 2.0, 10.0, 8.0],
        "ci_low": [1.0, float("nan"), 1.5, 9.0, 7.0],
        "ci_high": [6.0, float("nan"), 2.5, 11.0, 9.5],
    })
    fig = plot_over_time(table, measures=["loaded_per_1k"], titles=["Loaded"], ylabel="per 1,000 words", unit="week",
                         order=["X", "Y"], palette={"X": "#0072b2", "Y": "#e69f00"})
    ax = fig.axes[0]
    drawn = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert [c.get_zorder() for c in drawn] == [2, 2]  # above the grid, in the order of the sources' lines
    bounds = [[(round(float(s[0][1]), 6), round(float(s[1][1]), 6)) for s in c.get_segments()] for c in drawn]
    assert bounds == [[(1.0, 6.0), (1.5, 2.5)], [(9.0, 11.0), (7.0, 9.5)]]  # X's second week has no interval
    shift = pd.Timedelta(days=7) * 0.08 / 2  # two sources side by side around each week
    days = [[mdates.num2date(s[0][0]).replace(tzinfo=None) for s in c.get_segments()] for c in drawn]
    assert days == [[pd.Timestamp("2025-03-03") - shift, pd.Timestamp("2025-03-17") - shift],
                    [pd.Timestamp("2025-03-03") + shift, pd.Timestamp("2025-03-10") + shift]]
    plt.close(fig)


@pytest.mark.parametrize("unit, periods, runs", [
    ("month", ["2025-01-01", "2025-02-01", "2025-05-01", "2025-12-01", "2026-01-01"], [2, 1, 2]),
    ("week", ["2025-03-03", "2025-03-10", "2025-03-24", "2025-03-31"], [2, 2]),
    ("year", ["1998-01-01", "1999-01-01", "2000-01-01", "2004-01-01"], [3, 1]),
])
def test_a_line_joins_consecutive_periods_only(unit, periods, runs):
    """A source with no article in a period has no mean there: its line breaks instead of joining the periods around
    the gap (a line drawn from 2015 to 2017 through months without articles reads as a trend); one legend entry."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.compare.timeline import plot_over_time

    n = len(periods)
    table = pd.DataFrame({"source": "X", "period": periods, "measure": "loaded_per_1k", "n_articles": [1] * n,
                          "mean": [float(k) for k in range(n)], "ci_low": float("nan"), "ci_high": float("nan")})
    fig = plot_over_time(table, measures=["loaded_per_1k"], titles=["Loaded"], ylabel="per 1,000 words", unit=unit,
                         order=["X"], palette={"X": "#0072b2"})
    ax = fig.axes[0]
    assert [len(line.get_xdata()) for line in ax.get_lines()] == runs
    assert [list(line.get_ydata()) for line in ax.get_lines()][-1] == [float(k) for k in range(n - runs[-1], n)]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["X"]
    assert ax.get_xlabel() == {"month": "month (first day)", "week": "week (first day), 2025", "year": "year"}[unit]
    plt.close(fig)
    fig = plot_over_time(table.assign(n_articles=[1, 2, 5, 3, 1][:n]), measures=["loaded_per_1k"], titles=["Loaded"],
                         ylabel="per 1,000 words", unit=unit, order=["X"], palette={"X": "#0072b2"}, counts_panel=True)
    ticks = fig.axes[1].get_yticks()
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)  # article counts: whole numbers
    plt.close(fig)


@pytest.mark.parametrize("n_measures, shared", [(2, False), (4, False), (14, True)])
def test_many_rows_of_panels_share_one_y_label_and_the_year_is_in_the_x_label(n_measures, shared):
    """14 frames in 5 rows: each row's "indicators per 1,000 words" ran into the next row's, and the date
    formatter's "2019" at the right end of each bottom axis ran into "week (first day)"."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.compare.timeline import plot_over_time

    measures = [f"m{k}" for k in range(n_measures)]
    table = pd.DataFrame([{"source": "X", "period": p, "measure": m, "n_articles": 2, "mean": 1.0, "ci_low": 0.5,
                           "ci_high": 1.5} for m in measures for p in ("2019-03-04", "2019-03-11", "2019-04-29")])
    fig = plot_over_time(table, measures=measures, titles=measures, ylabel="indicators per 1,000 words", unit="week",
                         order=["X"], palette={"X": "#0072b2"})
    labels = [ax.get_ylabel() for ax in fig.axes if ax.get_visible()]
    shared_label = fig._supylabel.get_text() if fig._supylabel is not None else ""
    if shared:
        assert set(labels) == {""} and shared_label == "indicators per 1,000 words"
    else:
        assert "indicators per 1,000 words" in labels and shared_label == ""
    fig.canvas.draw()
    bottom = [ax for ax in fig.axes if ax.get_visible() and ax.get_xlabel()]
    assert bottom and {ax.get_xlabel() for ax in bottom} == {"week (first day), 2019"}
    assert {ax.xaxis.get_major_formatter().get_offset() for ax in bottom} == {""}
    plt.close(fig)


def test_past_eight_sources_the_eight_with_most_dated_articles_are_coloured_and_the_rest_grey():
    """30 lines in 30 hues could not be told apart: the 8 sources with the most dated articles are drawn in the
    Okabe-Ito colours with their intervals and counts, the others as thin grey lines, one legend entry and one bar."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    from analysis.compare.timeline import OTHER_SOURCES, plot_over_time
    from analysis.plotting.charts import OKABE_ITO

    sources = [f"S{k:02d}" for k in range(10)]
    # S00..S09 with 10, 9, ..., 1 dated articles; one undated article of S09 does not count
    rows = [(f"{s}-{j}", s, "2025-03-03" if j % 2 else "2025-03-10") for k, s in enumerate(sources) for j in range(10 - k)]
    corpus = pd.DataFrame(rows + [("S09-u", "S09", "")], columns=["id", "source", "date"]).assign(text="t")
    per_article = corpus[["id", "source"]].assign(loaded_per_1k=1.0)
    out = framing_over_time(corpus, per_article, actors=[], frames=[], n_boot=50)
    assert out["highlighted"] == sources[:8]
    assert framing_over_time(corpus[corpus["source"].isin(sources[:8])], per_article, actors=[], frames=[],
                             n_boot=50)["highlighted"] is None  # eight sources: every one in colour
    palette = dict(zip(sources, ["#123456"] * 10))
    fig = plot_over_time(out["table"], measures=["loaded_per_1k"], titles=["Loaded"], ylabel="per 1,000 words",
                         unit="week", order=sources, palette=palette, counts_panel=True, highlight=out["highlighted"])
    top, bottom = fig.axes[:2]
    lines = {line.get_label(): to_hex(line.get_color()) for line in top.get_lines()}
    assert [lines[s] for s in sources[:8]] == [c.lower() for c in OKABE_ITO]
    greys = [line for line in top.get_lines() if to_hex(line.get_color()) == OTHER_SOURCES]
    assert len(greys) == 2 and [line.get_label() for line in greys] == ["other sources (2)", "_nolegend_"]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [*sources[:8], "other sources (2)"]
    assert len(top.texts) == 8 * 2  # counts written on the coloured sources' points only (2 weeks each)
    # one grey bar a week on top of the stack: S08 and S09 together (2 + 1 articles: 1 and 2 a week)
    grey_bars = [b for b in bottom.patches if to_hex(b.get_facecolor()) == OTHER_SOURCES]
    assert sorted(b.get_height() for b in grey_bars) == [1.0, 2.0]
    plt.close(fig)

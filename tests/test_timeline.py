"""Framing over time: the period chosen by the span of dates, the grouping, the intervals and counts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.compare.timeline import article_periods, framing_over_time, over_time, time_unit


def test_unit_follows_the_span_of_dates():
    assert time_unit(pd.Series(["2025-01-01", "2025-07-03"])) == "week"  # 183 days
    assert time_unit(pd.Series(["2025-01-01", "2025-07-04"])) == "month"  # 184 days
    assert time_unit(pd.Series(["2025-03-01T10:00:00", None, ""])) == "week"
    assert time_unit(pd.Series(["", None])) is None
    assert time_unit(pd.Series([], dtype=object)) is None


def test_periods_start_on_monday_or_the_first_of_the_month():
    dates = pd.Series(["2025-03-02", "2025-03-03", "2025-03-09", "", "2024-02-29T23:00"])
    assert article_periods(dates, "week").tolist() == ["2025-02-24", "2025-03-03", "2025-03-03", "", "2024-02-26"]
    assert article_periods(dates, "month").tolist() == ["2025-03-01", "2025-03-01", "2025-03-01", "", "2024-02-01"]
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


def test_actors_drawn_are_the_most_mentioned():
    corpus = PER_ARTICLE[["id", "source", "date"]].assign(text="t")
    per_article = PER_ARTICLE.drop(columns="date").assign(stance_Moscow=[0.1, 0.2, 0.3, 0.4, 0.5, float("nan")])
    out = framing_over_time(corpus, per_article, actors=["Kyiv", "Moscow"], frames=[], max_actors=1, n_boot=100)
    assert out["unit"] == "week" and out["actors"] == ["Moscow"]
    assert (out["n_dated"], out["n_undated"], out["first"], out["last"], out["n_periods"]) == (5, 1, "2025-03-03", "2025-03-11", 2)
    assert sorted(set(out["table"]["measure"])) == ["loaded_per_1k", "stance_Moscow"]

"""Figure layout rules that keep every figure readable for 2 or 20 sources."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from matplotlib.collections import PathCollection, PolyCollection

from analysis.plotting import MAX_FIG_HEIGHT, distribution, fingerprint, grid_shape, matrix_heatmap


@pytest.mark.parametrize(
    ("panels", "terms", "expected"),
    [
        (4, 8, (2, 3, 8)),  # the bundled corpus: unchanged, three columns
        (2, 8, (1, 2, 8)),
        (9, 8, (3, 3, 8)),  # 3 rows x 2.5 in = 7.5 in fits
        (12, 8, (3, 4, 8)),  # widen before dropping terms
        (20, 8, (4, 5, 6)),  # 5 columns, then 6 terms: 4 x (0.9 + 1.2) = 8.4 in
        (60, 8, (12, 5, 3)),  # cannot fit: the fewest terms, the report shrinks the figure
    ],
)
def test_grid_shape_widens_then_drops_terms(panels, terms, expected):
    rows, cols, n = grid_shape(panels, terms)
    assert (rows, cols, n) == expected
    assert rows * cols >= panels
    if n > 3:
        assert rows * (0.9 + 0.2 * n) <= MAX_FIG_HEIGHT


def _fingerprint(n_sources):
    order = [f"S{i}" for i in range(n_sources)]
    per_article = pd.DataFrame({"source": order * 2, "loaded_per_1k": np.arange(2 * n_sources, dtype=float)})
    stance = pd.DataFrame({"Russia": [-0.2] * n_sources, "Ukraine": [0.1] * n_sources}, index=order)
    counts = pd.DataFrame({"Russia": [1234] * n_sources, "Ukraine": [7] * n_sources}, index=order)
    frames = pd.DataFrame({"conflict": [3.0] * n_sources}, index=order)
    palette = dict(zip(order, ["#0072B2"] * n_sources))
    return fingerprint(per_article, order=order, palette=palette, stance_means=stance, stance_counts=counts,
                       frame_means=frames)


@pytest.mark.parametrize("n_sources", [2, 4, 20])
def test_fingerprint_rows_line_up_across_panels(n_sources):
    fig = _fingerprint(n_sources)
    a, b, c = fig.axes[:3]
    # The strip plot's categories 0..n-1 and the heatmaps' rows 0..n share one vertical scale.
    assert a.get_ylim() == (n_sources - 0.5, -0.5)
    assert b.get_ylim() == c.get_ylim() == (n_sources, 0)
    assert a.get_position().y0 == pytest.approx(b.get_position().y0)
    assert a.get_position().y1 == pytest.approx(b.get_position().y1)
    texts = [t.get_text() for t in b.texts]
    assert "−0.20\n(1.2k)" in texts or "-0.20\n(1.2k)" in texts  # counts over 1,000 are compact
    assert fig.get_figheight() <= MAX_FIG_HEIGHT
    plt.close(fig)


def test_matrix_heatmap_prints_values_only_when_they_fit():
    small = pd.DataFrame(np.full((3, 3), 0.25))
    fig = matrix_heatmap(small)
    assert [t.get_text() for t in fig.axes[0].texts] == ["0.25"] * 9
    plt.close(fig)
    big = pd.DataFrame(np.full((13, 13), 0.25))
    fig = matrix_heatmap(big)
    assert len(fig.axes[0].texts) == 0
    plt.close(fig)


def test_term_grids_title_names_the_terms_actually_shown():
    from analysis.plotting import keyness_grid, top_terms_grid

    order = [f"S{i:02d}" for i in range(20)]
    palette = dict.fromkeys(order, "#0072B2")
    counts = pd.DataFrame([(s, f"w{j}", 10 - j) for s in order for j in range(8)], columns=["source", "term", "n"])
    fig = top_terms_grid(counts, order=order, palette=palette, n=8, xlabel="matches", title="Top terms (top {n})")
    assert fig._suptitle.get_text() == "Top terms (top 6)"  # 20 sources: 5 columns of 6 terms fit a page
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["w5", "w4", "w3", "w2", "w1", "w0"]
    plt.close(fig)
    table = counts.assign(z=counts["n"] / 2.0)
    fig = keyness_grid(table, order=order[:4], palette=palette, n=8, title="Distinctive (top {n} by z)")
    assert fig._suptitle.get_text() == "Distinctive (top 8 by z)"
    plt.close(fig)


def _drawn(values_per_source, **kwargs):
    order = list(values_per_source)
    data = pd.DataFrame([(s, float(v)) for s in order for v in values_per_source[s]], columns=["source", "n"])
    fig, ax = plt.subplots()
    kinds = distribution(data, x="n", y="source", order=order, palette=dict.fromkeys(order, "#0072B2"), ax=ax, **kwargs)
    dots = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    violins = sum(1 for c in ax.collections if isinstance(c, PolyCollection))
    boxes = len(ax.patches)
    plt.close(fig)
    return kinds, dots, boxes, violins


def test_distribution_draws_each_source_by_its_count():
    # The bundled corpus: few values everywhere, every one a dot; a box only from 5 values on.
    assert _drawn({"A": [1], "B": [1, 2, 3, 4]}) == (["dots"], 5, 0, 0)
    assert _drawn({"A": [1], "B": [1, 2, 3, 4, 5]}) == (["dots", "boxes"], 6, 1, 0)
    # A large source is a violin (its dots would merge into a band); the small ones stay dots.
    many = list(range(301))
    assert _drawn({"A": many, "B": [1, 2, 3], "C": list(range(20))}) == (["dots", "boxes", "violins"], 23, 1, 1)
    assert _drawn({"A": many, "B": many}) == (["violins"], 0, 0, 2)
    assert _drawn({"A": list(range(300))}) == (["dots", "boxes"], 300, 1, 0)  # the limit itself is still dots
    assert _drawn({"A": [1, 2, 3]}, max_dots=2) == (["violins"], 0, 0, 1)

"""Figure layout rules that keep every figure readable for 2 or 20 sources."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from matplotlib.collections import PathCollection, PolyCollection

from analysis.plotting.charts import MAX_FIG_HEIGHT, apply_style, distribution, fingerprint, grid_shape, matrix_heatmap


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
    assert "-.20\n(1.2k)" in texts and "+.10\n(7)" in texts  # counts over 1,000 are compact, and so are stances
    assert fig.get_figheight() <= MAX_FIG_HEIGHT
    plt.close(fig)


@pytest.mark.parametrize(("n_actors", "n_frames"), [(2, 1), (5, 11), (8, 14), (12, 14)])
def test_fingerprint_panel_titles_never_overlap(n_actors, n_frames):
    # 8 actors and 14 frames (TARGETS=auto beside the Policy Frames Codebook): "per 1,000 words" of panel a ran into
    # "b  stance"
    apply_style()  # the notebooks' fonts
    order = ["A", "B", "C"]
    per_article = pd.DataFrame({"source": order, "loaded_per_1k": [1.0, 2.0, 3.0]})
    actors, frames = [f"Actor {k}" for k in range(n_actors)], [f"frame {k}" for k in range(n_frames)]
    stance = pd.DataFrame(0.1, index=order, columns=actors)
    fig = fingerprint(per_article, order=order, palette=dict.fromkeys(order, "#0072B2"), stance_means=stance,
                      stance_counts=pd.DataFrame(3, index=order, columns=actors),
                      frame_means=pd.DataFrame(1.0, index=order, columns=frames))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    a, b, c = (ax._left_title.get_window_extent(renderer) for ax in fig.axes[:3])
    gap = 0.1 * fig.dpi  # a tenth of an inch between them at least (8 actors and 14 frames had 0.01: touching)
    assert a.x1 + gap < b.x0 and b.x1 + gap < c.x0
    plt.close(fig)


def test_fingerprint_draws_the_ten_actors_with_the_most_mentions_and_names_every_column():
    # N_ACTORS=20 beside the 14 policy frames: seaborn labelled every other column of the narrowed panel c, and
    # notebook 04 stopped with "The number of FixedLocator locations (7) ... does not match the number of labels (14)"
    apply_style()
    order = ["left-leaning", "right-leaning"]
    per_article = pd.DataFrame({"source": order, "loaded_per_1k": [1.0, 2.0]})
    actors = [f"Actor {k:02d}" for k in range(20)]
    counts = pd.DataFrame([[k % 7 for k in range(20)], [k for k in range(20)]], index=order, columns=actors)
    frames = ["capacity_resources", "crime_punishment", "cultural_identity", "economic", "external_regulation",
              "fairness_equality", "health_safety", "legality", "morality", "policy_prescription", "political",
              "public_opinion", "quality_of_life", "security_defense"]
    fig = fingerprint(per_article, order=order, palette=dict.fromkeys(order, "#0072B2"),
                      stance_means=pd.DataFrame(0.1, index=order, columns=actors), stance_counts=counts,
                      frame_means=pd.DataFrame(1.0, index=order, columns=frames))
    b, c = fig.axes[1], fig.axes[2]
    # Actor k has k % 7 + k mentions: Actors 10 to 19 have 13 to 24, Actor 6 (the next) 12
    assert [t.get_text() for t in b.get_xticklabels()] == actors[10:]
    assert len(b.texts) == 2 * 10
    assert [t.get_text() for t in c.get_xticklabels()] == [f.replace("_", " ") for f in frames]
    plt.close(fig)


def test_fingerprint_frame_panel_shows_small_rates_with_a_decimal():
    order = ["A", "B", "C"]
    per_article = pd.DataFrame({"source": order, "loaded_per_1k": [1.0, 2.0, 3.0]})
    stance = pd.DataFrame({"Russia": [0.1, 0.2, 0.3]}, index=order)
    counts = pd.DataFrame({"Russia": [1, 2, 3]}, index=order)
    frames = pd.DataFrame({"economic": [0.0, 0.4, 9.96], "legality": [3.25, 12.4, np.nan]}, index=order)
    fig = fingerprint(per_article, order=order, palette=dict.fromkeys(order, "#0072B2"), stance_means=stance,
                      stance_counts=counts, frame_means=frames)
    # row by row: A (0, 3.25), B (0.4, 12.4), C (9.96, NaN: no label)
    assert [t.get_text() for t in fig.axes[2].texts] == ["0", "3.2", "0.4", "12", "10"]
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


def test_matrix_heatmap_turns_a_table_of_many_columns_and_few_rows_and_names_every_one():
    # 20 actors for 2 sources (N_ACTORS=20): the values of 0.2-inch cells ran together, and seaborn named every
    # other actor; turned, each actor is a row
    actors = [f"Actor {k:02d}" for k in range(20)]
    means = pd.DataFrame(-0.27, index=["left-leaning", "right-leaning"], columns=actors)
    annot = pd.DataFrame("-0.27\n(44)", index=means.index, columns=actors)
    fig = matrix_heatmap(means, annot=annot)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == actors
    assert [t.get_text() for t in ax.get_xticklabels()] == ["left-leaning", "right-leaning"]
    assert len(ax.texts) == 40 and {t.get_fontsize() for t in ax.texts} == {7.5}
    assert fig.get_figheight() == pytest.approx(MAX_FIG_HEIGHT)  # 20 rows of 0.37 in (0.45 would be 10.6 in)
    plt.close(fig)
    # many rows and many columns: not turned, every column named, the text smaller
    wide = pd.DataFrame(0.1, index=[f"S{k}" for k in range(25)], columns=actors)
    fig = matrix_heatmap(wide, annot=wide.map(lambda v: f"{v:+.2f}"))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == actors and len(ax.get_yticklabels()) == 25
    assert {t.get_fontsize() for t in ax.texts} == {4.5}
    assert fig.get_figheight() == pytest.approx(MAX_FIG_HEIGHT)
    plt.close(fig)


def test_term_grids_title_names_the_terms_actually_shown():
    from analysis.plotting.charts import keyness_grid, top_terms_grid

    order = [f"S{i:02d}" for i in range(20)]
    palette = dict.fromkeys(order, "#0072B2")
    counts = pd.DataFrame([(s, f"w{j}", 10 - j) for s in order for j in range(8)], columns=["source", "term", "n"])
    fig = top_terms_grid(counts, order=order, palette=palette, n=8, xlabel="matches", title="Top terms (top {n})")
    assert fig._suptitle.get_text() == "Top terms (top 6)"  # 20 sources: 5 columns of 6 terms fit a page
    # 5 columns: no room beside a panel, so each term is written inside it, above its bar, the first at the top
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == []
    assert [t.get_text() for t in fig.axes[0].texts] == ["w5", "w4", "w3", "w2", "w1", "w0"]
    plt.close(fig)
    fig = top_terms_grid(counts, order=order[:3], palette=palette, n=8, xlabel="matches", title="Top terms (top {n})")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["w7", "w6", "w5", "w4", "w3", "w2", "w1", "w0"]
    assert len(fig.axes[0].texts) == 0  # 3 columns: beside the panel, as before
    plt.close(fig)
    table = counts.assign(z=counts["n"] / 2.0)
    fig = keyness_grid(table, order=order[:4], palette=palette, n=8, title="Distinctive (top {n} by z)")
    assert fig._suptitle.get_text() == "Distinctive (top 8 by z)"
    plt.close(fig)



@pytest.mark.parametrize("grid", ["top_terms_grid", "keyness_grid"])
def test_thirty_sources_labels_and_titles_stay_inside_their_column(grid):
    """With 30 sources (5 columns) labels such as "absolutely + worthless" had run into the panel on their left, and
    source names into the next title."""
    from analysis.plotting import charts

    order = [f"The Evening Standard-Gazette {k:02d}" for k in range(30)]
    palette = dict.fromkeys(order, "#0072B2")
    counts = pd.DataFrame([(s, f"absolutely + worthless {j}", 10 - j) for s in order for j in range(3)
                           if j == 0 or s != order[1]], columns=["source", "term", "n"])  # the second has one term
    fig = getattr(charts, grid)(counts.assign(z=counts["n"] / 2.0), order=order, palette=palette, n=3,
                                **({"xlabel": "matches"} if grid == "top_terms_grid" else {}), title="t")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == 30 and panels[0].get_subplotspec().get_gridspec().ncols == 5
    for k, ax in enumerate(panels):
        column = k % 5
        right = panels[k + 1].get_window_extent(renderer).x0 if column < 4 else fig.bbox.x1
        left = panels[k - 1].get_window_extent(renderer).x1 if column > 0 else fig.bbox.x0
        for text in [*ax.texts, ax._left_title]:  # (matplotlib has no public accessor of the left title)
            box = text.get_window_extent(renderer)
            assert left <= box.x0 and box.x1 <= right, (k, text.get_text())
        assert ax.get_title(loc="left") == "The Evening\nStandard-Gazette\n" + f"{k:02d}"
        assert [t.get_text() for t in ax.texts] == ["absolutely + worthles…"] * (1 if k == 1 else 3)  # cut to 22
    # a panel with one term has it at its top, its bar as high as the others' (it had filled the panel)
    first, one = ([p.get_window_extent(renderer) for p in ax.patches if p.get_height() > 0] for ax in panels[:2])
    assert len(one) == 1 and one[0].height == pytest.approx(first[0].height) and one[0].y0 == pytest.approx(first[-1].y0)
    plt.close(fig)

def test_an_empty_term_panel_says_no_matches_and_shows_no_scale():
    from analysis.plotting.charts import top_terms_grid

    counts = pd.DataFrame({"source": ["A", "A"], "term": ["w1", "w2"], "n": [3, 1]})
    fig = top_terms_grid(counts, order=["A", "B"], palette={"A": "#0072B2", "B": "#E69F00"}, n=8, xlabel="matches",
                         title="Top terms")
    full, empty = fig.axes[:2]
    assert [t.get_text() for t in empty.texts] == ["no matches"]
    assert list(empty.get_xticks()) == [] and list(empty.get_yticks()) == []  # it read -0.05, 0.00, 0.05
    assert len(full.get_xticks()) > 0
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


def test_stance_per_article_draws_dots_with_bars_or_violins_per_source_and_actor():
    from analysis.plotting.charts import marks, stance_per_article

    rows = [(f"a{k:03d}", "S1", "Russia", (k % 21 - 10) / 10, 0.1) for k in range(301)]  # too many for dots
    rows += [("b1", "S2", "Russia", 0.5, 0.2), ("b2", "S2", "Russia", -0.5, "")]  # no SD: no bar width
    rows += [("a000", "S1", "Ukraine", 0.25, 0.0)]
    stance = pd.DataFrame(rows, columns=["id", "source", "target", "stance", "stance_sd"])
    fig = stance_per_article(stance, actors=["Russia", "Ukraine"], order=["S1", "S2"], palette={"S1": "#0072B2", "S2": "#E69F00"})
    russia, ukraine = fig.axes[:2]
    assert sum(isinstance(c, PolyCollection) for c in russia.collections) == 1  # S1: a violin
    dots = [line for line in russia.lines if line.get_marker() == "o"]
    assert [list(line.get_xdata()) for line in dots] == [[0.5, -0.5]]  # S2: its two articles, in id order
    assert np.allclose([line.get_ydata() for line in dots], [[0.82, 1.18]])
    bars = [c for c in russia.collections if not isinstance(c, PolyCollection)]
    assert np.allclose(bars[0].get_segments(), [[[0.3, 0.82], [0.7, 0.82]], [[-0.5, 1.18], [-0.5, 1.18]]])
    assert [list(line.get_xdata()) for line in ukraine.lines if line.get_marker() == "o"] == [[0.25]]
    assert not any(isinstance(c, PolyCollection) for c in ukraine.collections)
    assert marks(stance, by=["source", "target"], boxes=False) == ["dots", "violins"]
    plt.close(fig)


def test_interval_figure_names_its_marks_and_draws_means_over_them():
    from analysis.plotting.charts import INK, points_with_intervals

    per_article = pd.DataFrame({"source": ["Big"] * 301 + ["Small"] * 2, "d": [float(k % 7) for k in range(303)]})
    summary = pd.DataFrame({"source": ["Big", "Small"], "mean": [3.0, 1.0], "ci_low": [2.5, np.nan],
                            "ci_high": [3.5, np.nan], "small_n": [False, True]})
    fig = points_with_intervals(per_article, summary, measure="d", order=["Big", "Small"],
                                palette={"Big": "#0072B2", "Small": "#E69F00"}, xlabel="d", title="t")
    assert fig.texts[-1].get_text() == ("dot: one article · violin: a source's articles (over 300) · tick: source mean · "
                                        "band: 95% bootstrap interval over articles (none for the 1 source with fewer than 3 articles)")
    ax = fig.axes[0]
    ticks = [line for line in ax.lines if line.get_marker() == "|"]
    assert [(line.get_xdata()[0], line.get_color()) for line in ticks] == [(3.0, INK), (1.0, INK)]
    assert min(line.get_zorder() for line in ticks) > max(c.get_zorder() for c in ax.collections)
    plt.close(fig)


def test_notebook_01_figures_draw_each_source_by_its_count():
    from analysis.plotting.charts import articles_and_words, sentence_lengths

    order, palette = ["A", "B"], {"A": "#0072B2", "B": "#D55E00"}
    by_source = pd.DataFrame({"source": ["B", "A"], "articles": [1, 6]})
    stats = pd.DataFrame({"source": ["A"] * 6 + ["B"], "n_words": [10, 20, 30, 40, 50, 60, 7]})
    fig, drawn = articles_and_words(by_source, stats, order=order, palette=palette)
    bars, words = fig.axes
    assert [p.get_width() for p in bars.patches] == [6, 1]  # in the order given, not the table's
    assert (bars.get_xlabel(), words.get_xlabel(), fig._suptitle.get_text()) == (
        "articles", "words per article", "Articles and words per source")
    assert drawn == ["dots", "boxes"]
    plt.close(fig)
    lengths = pd.DataFrame({"source": ["A"] * 400 + ["B"] * 2, "n_words": list(range(400)) + [3, 4]})
    fig, drawn = sentence_lengths(lengths, order=order, palette=palette)
    assert drawn == ["dots", "violins"]
    assert (fig.axes[0].get_xlabel(), fig.axes[0].get_title(loc="left")) == ("words per sentence", "Sentence length per source")
    plt.close(fig)


def test_with_more_sources_than_fit_the_figures_draw_those_with_the_most_articles():
    # 129 outlets gave rows of 0.07 in in the report; a figure draws at most MAX_FIGURE_SOURCES (30) sources
    from analysis.plotting.charts import MAX_FIGURE_SOURCES, figure_sources, points_with_intervals, stance_per_article

    sources = [f"S{k:02d}" for k in range(40) for _ in range(1 + k % 3)]  # S02, S05, ... have 3 articles
    drawn = figure_sources(sources)
    assert MAX_FIGURE_SOURCES == 30 and len(drawn) == 30
    assert drawn == sorted([f"S{k:02d}" for k in range(40) if k % 3 == 2] + [f"S{k:02d}" for k in range(40) if k % 3 == 1]
                           + ["S00", "S03", "S06", "S09"])
    assert figure_sources(sources[:10]) == ["S00", "S01", "S02", "S03", "S04", "S05"]
    # a source left out has no row, and none of its articles is drawn in another's
    per_article = pd.DataFrame({"source": ["A", "A", "A", "B", "C", "C"], "d": [1.0, 2.0, 3.0, 50.0, 4.0, 5.0]})
    summary = pd.DataFrame({"source": ["A", "B", "C"], "mean": [2.0, 50.0, 4.5], "ci_low": [1.0, np.nan, np.nan],
                            "ci_high": [3.0, np.nan, np.nan], "small_n": [False, True, True]})
    palette = {"A": "#0072B2", "B": "#E69F00", "C": "#009E73"}
    fig = points_with_intervals(per_article, summary, measure="d", order=["A", "C"], palette=palette, xlabel="d", title="t")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "C"]
    xs = sorted(x for c in ax.collections if isinstance(c, PathCollection) for x, _y in c.get_offsets())
    assert xs == [1.0, 2.0, 3.0, 4.0, 5.0]
    plt.close(fig)
    # what the caption says was drawn is about the sources drawn: B's 301 articles would be a violin
    big = pd.DataFrame({"source": ["A"] * 3 + ["B"] * 301, "d": [1.0] * 304})
    fig, ax = plt.subplots()
    assert distribution(big, x="d", y="source", order=["A"], palette=palette, ax=ax) == ["dots"]
    assert distribution(big, x="d", y="source", order=["A", "B"], palette=palette, ax=ax) == ["dots", "violins"]
    plt.close(fig)
    stance = pd.DataFrame({"id": ["a", "b"], "source": ["A", "B"], "target": ["X", "X"], "stance": [0.5, -0.5], "stance_sd": [0.0, 0.0]})
    fig = stance_per_article(stance, actors=["X"], order=["A"], palette=palette)
    assert [list(line.get_xdata()) for line in fig.axes[0].lines if line.get_marker() == "o"] == [[0.5]]
    plt.close(fig)


def test_similarity_figures_hide_the_diagonal_and_label_ids_with_their_source():
    from analysis.plotting.charts import article_similarity, source_similarity

    ids = ["long-prefix-0001", "long-prefix-0002", "x"]
    sim = pd.DataFrame([[1.0, 0.2, 0.0], [0.2, 1.0, 0.01], [0.0, 0.01, 1.0]], index=ids, columns=ids)
    fig = article_similarity(sim, ["S1", "S2", "S1"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["…prefix-0001 · S1", "…prefix-0002 · S2", "x · S1"]
    assert ax.get_title(loc="left") == "Similarity between articles (text reuse)"
    plt.close(fig)
    means = pd.DataFrame([[0.5, 0.1], [0.1, 0.3]], index=["S1", "S2"], columns=["S1", "S2"])
    fig = source_similarity(means, ["S2", "S1"])
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["S2", "S1"]
    plt.close(fig)


def test_clear_figures_removes_only_an_earlier_run_of_the_same_notebook(tmp_path):
    from analysis.plotting.charts import clear_figures

    for name in ["04_framing_by_source__distinctive_terms.svg", "04_framing_by_source__distinctive_terms.png",
                 "04_framing_by_source__notes.txt", "03_stance__matrix.svg", "04_framing_by_source_x.svg"]:
        (tmp_path / name).write_text("x")
    removed = clear_figures(tmp_path, "04_framing_by_source")
    assert [p.name for p in removed] == ["04_framing_by_source__distinctive_terms.png",
                                         "04_framing_by_source__distinctive_terms.svg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["03_stance__matrix.svg", "04_framing_by_source__notes.txt",
                                                         "04_framing_by_source_x.svg"]
    assert clear_figures(tmp_path / "none", "04_framing_by_source") == []  # no folder yet: nothing to remove
    with pytest.raises(ValueError, match="must look like NN_slug"):
        clear_figures(tmp_path, "*")


def test_every_notebook_clears_its_own_earlier_figures_before_it_draws():
    import json

    from analysis.report.pipeline import notebooks

    for path in notebooks():
        source = "".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code")
        assert f'clear_figures(fig_out, "{path.stem}")' in source, path.name
        assert source.index("clear_figures(fig_out") < source.index("save_figure(fig"), path.name


def test_an_empty_distinctive_terms_panel_shows_no_scale_and_no_line():
    from analysis.plotting.charts import keyness_grid

    table = pd.DataFrame({"source": ["A", "A"], "term": ["w1", "w2"], "z": [3.0, 2.5]})
    fig = keyness_grid(table, order=["A", "B"], palette={"A": "#0072B2", "B": "#E69F00"}, n=8, title="Distinctive")
    full, empty = fig.axes[:2]
    assert [t.get_text() for t in empty.texts] == ["no distinctive terms"]
    assert list(empty.get_xticks()) == [] and list(empty.get_yticks()) == [] and len(empty.get_lines()) == 0
    assert len(full.get_lines()) == 1 and len(full.get_xticks()) > 0  # the dotted 1.96 line where there are terms
    plt.close(fig)

"""Events: grouping by date window and wording, coverage by event, within-event comparison, simulation check."""

import math

import pandas as pd
import pytest

from analysis.compare.events import chained_events, coverage_by_event, event_comparison, find_events, simulate, simulation_markdown

TEXTS = ["Ceasefire talks in Paris: leaders meet to discuss troops for Ukraine ceasefire",
         "Paris ceasefire talks: leaders discuss Ukraine troops and the ceasefire",
         "Leaders discuss Ukraine ceasefire troops at Paris talks again",
         "Budget vote in parliament delayed by tax dispute"]


def _corpus(dates=True):
    corpus = pd.DataFrame({"id": list("abcd"), "source": ["S", "T", "S", "T"], "text": TEXTS})
    if dates:
        corpus["date"] = ["2025-03-01", "2025-03-02", "2025-03-20", "2025-03-01"]
    return corpus


def test_events_need_similar_words_within_the_date_window():
    events = find_events(_corpus(), window_days=3, threshold=0.2)
    # a and b: same talks, one day apart; c: the same words 19 days later (outside the window); d: another story
    assert events["event"].tolist() == [1, 1, 2, 3]
    assert events["event_sources"].tolist() == [2, 2, 1, 1] and events["event_size"].tolist() == [2, 2, 1, 1]
    # without dates only the words count: c joins a and b
    assert find_events(_corpus(dates=False), threshold=0.2)["event"].tolist() == [1, 1, 1, 2]
    # a window of 20 days also takes c in
    assert find_events(_corpus(), window_days=20, threshold=0.2)["event"].tolist() == [1, 1, 1, 2]


@pytest.mark.parametrize("block", [1, 2, 3])
def test_events_are_the_same_whatever_block_of_rows_is_compared_at_a_time(monkeypatch, block):
    # a block's rows are compared with the columns from its first row on: the pairs found past the
    # first block must be put back at their own rows and columns (a link between the wrong articles
    # once came out of every block but the first)
    import analysis.compare.events as events_module

    monkeypatch.setattr(events_module, "_DATED_BLOCK", block)
    monkeypatch.setattr(events_module, "_UNDATED_BLOCK", block)
    test_events_need_similar_words_within_the_date_window()
    corpus = _corpus().iloc[[3, 0, 1, 2]].reset_index(drop=True)  # the story apart first: the talks in later blocks
    assert find_events(corpus, window_days=3, threshold=0.2)["event"].tolist() == [1, 2, 2, 3]
    assert find_events(corpus.drop(columns="date"), threshold=0.2)["event"].tolist() == [1, 2, 2, 2]


def _chain(n, dates=None):
    """n articles where article k shares its words with k - 1 and k + 1 only: one event through a chain of links."""
    words = [f"w{k:03d}x" for k in range(n + 1)]
    corpus = pd.DataFrame({"id": [f"a{k:02d}" for k in range(n)], "source": ["S", "T"] * (n // 2) + ["S"] * (n % 2),
                           "text": [f"{words[k]} {words[k + 1]}" for k in range(n)]})
    if dates is not None:
        corpus["date"] = dates
    return corpus


def test_event_linked_is_the_share_of_an_events_pairs_linked_directly():
    # the fixture: a and b linked (1 pair of 2), c and d alone
    assert find_events(_corpus(), window_days=3, threshold=0.2)["event_linked"].tolist()[:2] == [1.0, 1.0]
    assert find_events(_corpus(), window_days=3, threshold=0.2)["event_linked"].isna().tolist()[2:] == [True, True]
    # a chain of 12: 11 of its 66 pairs are neighbours, the only ones alike
    events = find_events(_chain(12), threshold=0.2)
    assert events["event"].tolist() == [1] * 12 and events["event_linked"].tolist() == [11 / 66] * 12
    assert chained_events(events).to_dict("records") == [{"event": 1, "event_size": 12, "event_linked": 11 / 66}]
    # 12 articles with the same words, one a day: only the pairs at most 3 days apart link directly (11 + 10 + 9 of 66)
    same = _chain(12, dates=[f"2025-03-{d:02d}" for d in range(1, 13)]).assign(text="ceasefire talks in Paris")
    events = find_events(same, window_days=3, threshold=0.2)
    assert events["event"].tolist() == [1] * 12 and events["event_linked"].tolist() == [30 / 66] * 12
    assert len(chained_events(events)) == 1
    assert len(chained_events(find_events(same, window_days=6, threshold=0.2))) == 0  # (11 + ... + 6) / 66 = 51 / 66
    # a chain of 9 is below CHAINED_MIN_SIZE
    assert len(chained_events(find_events(_chain(9), threshold=0.2))) == 0


def test_event_linked_of_a_large_event_is_estimated_from_a_fixed_sample_of_pairs():
    # 60 articles: 1,770 pairs, 59 of them linked (3.3%); LINKED_SAMPLE pairs are drawn with a fixed seed
    first = find_events(_chain(60), threshold=0.2)["event_linked"]
    assert first.nunique() == 1 and 0.005 < first.iloc[0] < 0.07
    assert first.tolist() == find_events(_chain(60), threshold=0.2)["event_linked"].tolist()


def test_events_refuse_bad_parameters_and_large_undated_corpora():
    with pytest.raises(ValueError, match=r"threshold=1.5 must be in \(0, 1\]"):
        find_events(_corpus(), threshold=1.5)
    with pytest.raises(ValueError, match="4 undated articles > max_articles=3"):
        find_events(_corpus(dates=False), max_articles=3)


def test_coverage_by_event():
    events = find_events(_corpus(), threshold=0.2)
    cov = coverage_by_event(events).set_index("source")
    # S: events 1 and 2 (half each); T: events 1 and 3. TV distance = (|.5-.5| + |.5-0| + |0-.5|) / 2 = 0.5
    assert cov["coverage_distance"].tolist() == [0.5, 0.5]
    assert cov["n_shared_events"].tolist() == [1, 1] and cov["share_in_shared"].tolist() == [0.5, 0.5]


def test_event_comparison_by_hand():
    # event 1: A 2/100, B 1/100 -> d = +10 per 1,000, weight 1*1/2; event 2: A 3/100, B 2/200 -> d = +20,
    # weight 1*2/3; event 3 has only A: left out. diff = (0.5*10 + 2/3*20) / (0.5 + 2/3) = 15.714...
    table = pd.DataFrame({"source": ["A", "B", "A", "B", "B", "A"], "event": [1, 1, 2, 2, 2, 3],
                          "loaded_n": [2, 1, 3, 1, 1, 9], "n_tokens": [100] * 6})
    out = event_comparison(table, "loaded_n", "n_tokens", n_permutations=6000, seed=0).set_index("source")
    assert out.loc["A", "diff"] == pytest.approx((0.5 * 10 + 2 / 3 * 20) / (0.5 + 2 / 3))
    assert out.loc["B", "diff"] == pytest.approx(-out.loc["A", "diff"])
    assert (out.loc["A", "rate"], out.loc["A", "rest_rate"], out.loc["A", "n_articles"]) == (25.0, 10.0, 2)
    assert out.loc["A", "n_events"] == 2 and out.loc["A", "small_n"] and math.isnan(out.loc["A", "diff_low"])
    # within-event relabellings: 2 in event 1 x 3 in event 2, equally likely; only the observed one
    # reaches |diff| >= 15.71, so p -> 1/6 (Monte Carlo with 6,000 draws)
    assert out.loc["A", "p_value"] == pytest.approx(1 / 6, abs=0.015)
    assert out.loc["A", "design"] == "same events"


def test_event_comparison_interval_over_events():
    rows = []
    for e in range(6):  # A always 5 more matches per 1,000 words than B in each event, whatever the event's level
        rows += [("A", e, 10 + e * 3 + 1, 200), ("B", e, 10 + e * 3, 400), ("B", e, 10 + e * 3, 400)]
    table = pd.DataFrame(rows, columns=["source", "event", "loaded_n", "n_tokens"])
    out = event_comparison(table, "loaded_n", "n_tokens", n_boot=500, n_permutations=500, seed=1).set_index("source")
    assert out.loc["A", "n_events"] == 6 and not out.loc["A", "small_n"]
    assert out.loc["A", "diff_low"] <= out.loc["A", "diff"] <= out.loc["A", "diff_high"]
    assert out.loc["A", "diff_low"] > 0  # every event's difference is positive
    assert out.loc["A", "p_value"] < 0.05  # 2^... relabellings: the observed is the most extreme


def test_simulation_event_aware_design_keeps_its_false_positive_rate():
    # Sources differ only in which events they cover: ignoring events rejects almost always; the
    # within-event comparison rejects about alpha of the time, and finds a planted difference.
    result = simulate(n_sims=30, effects=(0.0, 0.5), n_permutations=99, seed=1).set_index(["effect", "design"])
    assert result.loc[(0.0, "all articles"), "rejected"] == 26
    assert result.loc[(0.0, "same events"), "rejected"] == 1
    assert result.loc[(0.5, "same events"), "rejected"] == 30
    md = simulation_markdown(result.reset_index(), alpha=0.05, command="python -m analysis.compare.events")
    assert "| +0% | same events | 30 | 1 | 0.033 | 0.001-0.172 |" in md


def test_events_kept_by_the_reuse_command_are_read_back_by_notebook_04s_call(tmp_path, monkeypatch, capsys):
    from analysis.cli.main import main
    from analysis.corpus import load_corpus

    _corpus().to_csv(tmp_path / "c.csv", index=False)
    assert main(["reuse", str(tmp_path / "c.csv"), "--cache", str(tmp_path / "r"), "--events-cache", str(tmp_path / "e")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 event(s) among the 4 articles the statistics keep"
    expected = find_events(_corpus(), window_days=3.0, threshold=0.2)

    def fail(*args, **kwargs):
        raise AssertionError("grouped the events again")

    monkeypatch.setattr("analysis.compare.events._event_numbers", fail)
    # notebook 04's call: its parameters as floats, the corpus as the notebook loads it
    found = find_events(load_corpus(tmp_path / "c.csv"), window_days=3.0, threshold=0.2, max_articles=20000,
                        cache_dir=tmp_path / "e")
    pd.testing.assert_frame_equal(found, expected)
    # other parameters or other articles: computed again, not read back
    with pytest.raises(AssertionError, match="grouped the events again"):
        find_events(load_corpus(tmp_path / "c.csv"), window_days=20, threshold=0.2, cache_dir=tmp_path / "e")
    with pytest.raises(AssertionError, match="grouped the events again"):
        find_events(load_corpus(tmp_path / "c.csv").assign(date="2025-03-01"), threshold=0.2, cache_dir=tmp_path / "e")


def test_the_events_cache_keeps_one_file_per_folder(tmp_path):
    from analysis.compare.events import find_events

    first = find_events(_corpus(), window_days=3.0, threshold=0.2, cache_dir=tmp_path)
    find_events(_corpus(), window_days=20.0, threshold=0.2, cache_dir=tmp_path)  # another key replaces the first file
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[0] == ".lock" and len(names) == 2 and names[1].startswith("events-") and names[1].endswith(".npz")
    pd.testing.assert_frame_equal(find_events(_corpus(), window_days=3.0, threshold=0.2, cache_dir=tmp_path), first)
    assert len(list(tmp_path.glob("events-*.npz"))) == 1


def test_each_block_keeps_one_link_per_article_and_the_same_components():
    from analysis.compare.events import _spanning_forest

    i, j = [3, 7, 4, 9, 3], [7, 9, 5, 3, 9]  # {3, 7, 9} linked three times over, and {4, 5}
    a, b = _spanning_forest(pd.Series(i).to_numpy(), pd.Series(j).to_numpy())
    assert (a.tolist(), b.tolist()) == ([4, 3, 3], [5, 7, 9])  # each article to the first of its event


@pytest.mark.parametrize(("threshold", "window"), [(0.3, 3), (0.6, 3), (0.6, 0)])
def test_events_are_the_components_of_every_link_compared_at_once(monkeypatch, threshold, window):
    # a corpus whose events are chains and cliques across many small blocks, against every pair at once
    import numpy as np
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    import analysis.compare.events as events_module
    from analysis.corpus.synthetic import generate_corpus

    corpus = generate_corpus(300, seed=4)
    monkeypatch.setattr(events_module, "_DATED_BLOCK", 7)
    got = find_events(corpus, window_days=window, threshold=threshold)["event"].to_numpy()
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float32).fit_transform(corpus["text"])
    days = pd.to_datetime(corpus["date"]).to_numpy().astype("datetime64[D]").astype(np.int64)
    linked = ((x @ x.T).toarray() >= threshold - 1e-6) & (np.abs(days[:, None] - days[None, :]) <= window)
    _, label = connected_components(linked, directed=False)
    first = {}
    expected = [first.setdefault(c, len(first) + 1) for c in label.tolist()]
    assert got.tolist() == expected
    assert 1 < len(set(expected)) < 300  # events of several articles, and more than one

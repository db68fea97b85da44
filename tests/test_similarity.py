"""Near-duplicate detection: exact shingle containment on hand-made texts, the bundled relay pair, collapsing."""

import numpy as np
import pandas as pd
import pytest

from analysis import paths
from analysis.corpus import load_corpus
from analysis.compare.similarity import (
    DEFAULT_THRESHOLD,
    MIN_SHARED,
    collapse_near_duplicates,
    near_duplicates,
    shingles,
    similarity_matrix,
    text_reuse,
)

TEXTS = {
    "t1": "Alpha bravo charlie delta echo.",  # trigrams: abc, bcd, cde (3)
    "t2": "alpha bravo charlie delta foxtrot golf",  # abc, bcd, cdf, dfg (4); shares abc, bcd with t1
    "t3": "Hotel india juliet kilo.",  # hij, ijk: nothing shared
    "t4": "Alpha",  # no trigram at all
}


def corpus(texts=TEXTS, **extra):
    return pd.DataFrame({"id": list(texts), "source": "s", "text": list(texts.values()), **extra})


def test_shingles_are_lower_case_word_trigrams():
    assert shingles("Alpha bravo, Charlie’s delta") == ["alpha bravo charlie", "bravo charlie delta"]
    assert shingles("two words") == []


def test_containment_and_jaccard_exact():
    cont = similarity_matrix(corpus())
    # |t1 & t2| = 2; containment = 2 / min(3, 4) = 2/3; resemblance = 2 / (3 + 4 - 2) = 2/5.
    assert cont.loc["t1", "t2"] == pytest.approx(2 / 3) and cont.loc["t2", "t1"] == pytest.approx(2 / 3)
    assert similarity_matrix(corpus(), method="jaccard").loc["t1", "t2"] == pytest.approx(2 / 5)
    assert cont.loc["t1", "t3"] == 0 and cont.loc["t4", "t1"] == 0
    assert list(cont.index) == ["t1", "t2", "t3", "t4"] and all(cont.loc[i, i] == 1 for i in cont.index)


def test_repeated_shingles_count_once():
    # "alpha bravo charlie alpha bravo charlie" has the distinct trigrams abc, bca, cab.
    sims = similarity_matrix(corpus({"x": "alpha bravo charlie alpha bravo charlie", "y": "alpha bravo charlie"}))
    assert sims.loc["x", "y"] == pytest.approx(1.0)  # y's only trigram is in x
    assert similarity_matrix(corpus({"x": "alpha bravo charlie alpha bravo charlie", "y": "alpha bravo charlie"}),
                             method="jaccard").loc["x", "y"] == pytest.approx(1 / 3)


def test_tfidf_cosine_identical_and_disjoint():
    sims = similarity_matrix(corpus({"a": "ceasefire talks", "b": "ceasefire talks", "c": "xyzzy"}), method="tfidf")
    assert sims.loc["a", "b"] == pytest.approx(1.0)
    assert sims.loc["a", "c"] == pytest.approx(0.0)


def test_near_duplicates_threshold_and_defaults():
    pairs = near_duplicates(corpus(), threshold=0.5, min_shared=0)  # texts of three or four trigrams
    assert pairs.values.tolist() == [["t1", "t2", pytest.approx(2 / 3)]]
    assert near_duplicates(corpus(), threshold=0.7, min_shared=0).empty
    assert near_duplicates(corpus(), threshold=0.5, min_shared=3).empty  # t1 and t2 share 2 trigrams
    assert len(near_duplicates(corpus(), threshold=0.5, min_shared=2)) == 1
    with pytest.raises(ValueError, match="no default threshold"):
        near_duplicates(corpus(), method="tfidf")
    with pytest.raises(ValueError, match="threshold"):
        near_duplicates(corpus(), threshold=0)


def test_bundled_relay_pair_is_the_only_near_duplicate():
    raw = load_corpus(paths.RAW)
    sims = similarity_matrix(raw)
    ids = list(raw["id"])
    relay = ("001_8c9f463cf267f3af", "002_cbf11e591e9b38f6")
    # 53 of the 478 distinct word trigrams of 001 (the shorter) occur in 002.
    assert sims.loc[relay[0], relay[1]] == pytest.approx(53 / 478)
    others = [sims.loc[a, b] for i, a in enumerate(ids) for b in ids[i + 1 :] if (a, b) != relay]
    assert len(others) == 9 and max(others) < 0.03 < DEFAULT_THRESHOLD
    pairs = near_duplicates(raw)
    assert pairs[["id_a", "id_b"]].values.tolist() == [list(relay)]


def test_collapse_keeps_one_per_cluster_and_reports_the_mapping():
    texts = dict(TEXTS, t5="charlie delta foxtrot golf hotel")  # shares cdf, dfg with t2 only
    c = corpus(texts, date=["2025-03-02", "2025-03-01", "", "", "2025-02-28"])
    pairs = near_duplicates(c, threshold=0.5, min_shared=0)
    # Both pairs score 2/3; ties are listed by id.
    assert pairs[["id_a", "id_b"]].values.tolist() == [["t1", "t2"], ["t2", "t5"]]
    # Single linkage: t1~t2 and t2~t5 make one cluster of three although t1 and t5 share nothing.
    kept, mapping = collapse_near_duplicates(c, pairs)
    assert kept["id"].tolist() == ["t2", "t3", "t4"]  # t2 has the most words (6)
    assert mapping.values.tolist() == [
        ["t1", "t2", 1, 3, False], ["t2", "t2", 1, 3, True], ["t3", "t3", 0, 1, True],
        ["t4", "t4", 0, 1, True], ["t5", "t2", 1, 3, False],
    ]
    assert collapse_near_duplicates(c, pairs, keep="first")[0]["id"].tolist() == ["t1", "t3", "t4"]
    assert collapse_near_duplicates(c, pairs, keep="earliest")[0]["id"].tolist() == ["t3", "t4", "t5"]
    assert kept.columns.tolist() == c.columns.tolist()
    with pytest.raises(ValueError, match="not in the corpus"):
        collapse_near_duplicates(c, pd.DataFrame({"id_a": ["t1"], "id_b": ["zz"]}))
    with pytest.raises(ValueError, match="date"):
        collapse_near_duplicates(corpus(), pairs.iloc[1:], keep="earliest")


def test_collapse_by_text_reuse_clusters_covers_the_pairs_it_did_not_keep():
    texts = dict(TEXTS, t5="charlie delta foxtrot golf hotel")  # t1~t2, t2~t5: one cluster of three
    c = corpus(texts)
    reuse = text_reuse(c, threshold=0.5, by=None, max_pairs=1, min_shared=0)  # keeps only t1~t2
    assert reuse.pairs[["id_a", "id_b"]].values.tolist() == [["t1", "t2"]] and reuse.n_pairs == 2
    assert reuse.clusters.tolist() == [0, 0, 2, 3, 0]
    kept, mapping = collapse_near_duplicates(c, reuse)
    assert kept["id"].tolist() == ["t2", "t3", "t4"]
    assert mapping.equals(collapse_near_duplicates(c, near_duplicates(c, threshold=0.5, min_shared=0))[1])
    lsh = text_reuse(c, threshold=0.5, by=None, min_shared=0, exact_max_articles=2)  # MinHash-LSH candidates
    assert lsh.pairs[["id_a", "id_b"]].values.tolist() == [["t1", "t2"]]  # t2~t5 is no candidate here
    assert lsh.clusters.tolist() == [0, 0, 2, 3, 4]
    assert collapse_near_duplicates(c, lsh)[1].equals(collapse_near_duplicates(c, lsh.pairs)[1])
    with pytest.raises(ValueError, match="another corpus"):
        collapse_near_duplicates(c.iloc[:3], reuse)


def test_text_reuse_counts_the_words_of_clustered_articles_once_for_collapsing(monkeypatch):
    texts = dict(TEXTS, t5="charlie delta foxtrot golf hotel")  # one cluster t1, t2, t5 (5, 6 and 5 words)
    c = corpus(texts)
    exact = text_reuse(c, threshold=0.5, by=None, max_pairs=1, min_shared=0)
    lsh = text_reuse(c, threshold=0.5, by=None, min_shared=0, exact_max_articles=2)  # only t1~t2 a candidate
    assert exact.words.tolist() == [5, 6, -1, -1, 5]
    assert lsh.words.tolist() == [5, 6, -1, -1, -1]
    expected = collapse_near_duplicates(c, near_duplicates(c, threshold=0.5, min_shared=0))[1]

    def fail(text):
        raise AssertionError("tokenized an article again")

    monkeypatch.setattr("analysis.compare.similarity.tokenize", fail)  # the counts of text_reuse are used
    assert collapse_near_duplicates(c, exact)[1].equals(expected)
    assert collapse_near_duplicates(c, lsh)[0]["id"].tolist() == ["t2", "t3", "t4", "t5"]


def test_no_pairs_keeps_everything():
    kept, mapping = collapse_near_duplicates(corpus(), near_duplicates(corpus(), threshold=0.9))
    assert kept["id"].tolist() == list(TEXTS) and mapping["kept"].all() and (mapping["cluster"] == 0).all()


def test_text_reuse_pairs_counts_and_source_means_exact():
    texts = dict(TEXTS, t5="charlie delta foxtrot golf hotel")  # t5 shares cdf, dfg with t2: 2/3
    c = corpus(texts, source=["A", "A", "B", "B", "A"])
    reuse = text_reuse(c, threshold=0.5, min_shared=0)
    assert reuse.n_pairs == 2
    assert reuse.pairs.values.tolist() == [["t1", "t2", pytest.approx(2 / 3)], ["t2", "t5", pytest.approx(2 / 3)]]
    # Means over pairs of different articles: A-A is t1-t2, t1-t5, t2-t5 = (2/3 + 0 + 2/3) / 3; B-B is
    # t3-t4 = 0; A-B is six pairs, all 0. An article's similarity to itself never counts.
    assert reuse.means.index.tolist() == ["A", "B"]
    assert reuse.means.values.tolist() == [[pytest.approx(4 / 9), 0.0], [0.0, 0.0]]
    single = text_reuse(corpus({"x": "alpha bravo charlie", "y": "alpha bravo charlie"}, source=["A", "B"]), min_shared=0)
    assert np.isnan(single.means.loc["A", "A"]) and single.means.loc["A", "B"] == 1.0  # no pair within a source of one
    assert text_reuse(c, threshold=0.5, by=None, min_shared=0).means is None
    with pytest.raises(ValueError, match="no column 'outlet'"):
        text_reuse(c, by="outlet")


def test_text_reuse_keeps_the_most_similar_pairs_but_counts_all(monkeypatch):
    # d_k: the first 3 + k shared words, then k + 5 words of its own. For i < j, d_i's k + 1 shared
    # trigrams all occur in d_j: containment (i + 1) / (2i + 6), from 1/6 up; ties for equal i.
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()
    texts = {f"d{k}": " ".join(words[: 3 + k] + [f"own{k}x{m}" for m in range(k + 5)]) for k in range(10)}
    c = corpus(texts)
    whole = near_duplicates(c, threshold=0.1, min_shared=0)
    assert len(whole) == 45
    assert whole["similarity"].iloc[0] == pytest.approx(9 / 22) and whole["similarity"].iloc[-1] == pytest.approx(1 / 6)
    assert whole[["id_a", "id_b"]].values.tolist()[:2] == [["d8", "d9"], ["d7", "d8"]]
    top = text_reuse(c, threshold=0.1, by=None, max_pairs=7, min_shared=0)
    assert top.n_pairs == 45 and top.pairs.equals(whole.head(7))
    full = similarity_matrix(c)
    monkeypatch.setattr("analysis.compare.similarity._BLOCK_BYTES", 1)  # one row per block
    assert similarity_matrix(c).equals(full)
    assert near_duplicates(c, threshold=0.1, min_shared=0).equals(whole)
    blocked = text_reuse(c, threshold=0.1, by=None, max_pairs=7, min_shared=0)
    assert blocked.n_pairs == 45 and blocked.pairs.equals(whole.head(7))
    assert text_reuse(c, threshold=0.1, by=None, max_pairs=0).pairs.empty
    with pytest.raises(ValueError, match="max_pairs"):
        text_reuse(c, max_pairs=-1)


# Twelve made-up, independent short reports of one event: each shares a stock phrase or two with
# the others ("the coalition of the willing", "in the event of a ceasefire"), as real reports do.
SHORT = [
    "The coalition of the willing met in Paris on Monday to discuss troops for Ukraine.",
    "Leaders of the coalition of the willing said troops could deploy in the event of a ceasefire.",
    "In the event of a ceasefire, Britain would send planes, a minister told reporters.",
    "Moscow warned that any foreign troops in Ukraine would be a legitimate target.",
    "The coalition of the willing has not agreed how many soldiers each member would send.",
    "Officials in Kyiv welcomed the plan but asked for guarantees from Washington.",
    "A summit of the coalition of the willing is planned for next month in Rome.",
    "Analysts doubt that Europe can keep a force in Ukraine without American support.",
    "In the event of a ceasefire, monitors would watch the front line, diplomats said.",
    "The Kremlin called the talks in Paris a provocation and ruled out any deployment.",
    "France and Britain lead the coalition of the willing, which now counts thirty members.",
    "Polish officials said they would not send troops but would help with logistics.",
]


def test_independent_short_articles_are_not_rewrites():
    c = corpus({f"s{k:02d}": t for k, t in enumerate(SHORT)})
    loose = near_duplicates(c, min_shared=0)  # containment alone: stock phrases make "rewrites"
    assert len(loose) >= 10 and loose["similarity"].max() < 0.6
    assert near_duplicates(c).empty  # none shares MIN_SHARED trigrams
    assert MIN_SHARED == 15


def _words(rng, n):
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su", "do", "fa"]
    return ["".join(rng.choice(syllables, size=3)) for _ in range(n)]


def _planted_corpus(n=300, seed=7, header=""):
    """``n`` independent articles of random words, plus rewrites of five of them (one word in twenty
    changed, a sentence added): the rewrites are the only pairs that share text (besides ``header``,
    which opens every article)."""
    rng = np.random.default_rng(seed)
    texts = {f"a{k:04d}": header + " ".join(_words(rng, 120)) for k in range(n)}
    planted = []
    for k in (3, 50, 120, 200, 299):
        words = texts[f"a{k:04d}"].split()
        for i in range(0, len(words), 20):
            words[i] = "changed"
        texts[f"r{k:04d}"] = " ".join(words + _words(rng, 20))
        planted.append([f"a{k:04d}", f"r{k:04d}"])
    return corpus(texts, source=["A" if k % 2 else "B" for k in range(len(texts))]), planted


def test_minhash_lsh_finds_planted_rewrites_and_nothing_else():
    c, planted = _planted_corpus()
    exact = near_duplicates(c)
    assert sorted(exact[["id_a", "id_b"]].values.tolist()) == planted
    lsh = text_reuse(c, exact_max_articles=100)  # 305 articles > 100: MinHash-LSH candidates
    assert sorted(lsh.pairs[["id_a", "id_b"]].values.tolist()) == planted and lsh.n_pairs == 5
    # each candidate is checked exactly: the same similarities as comparing every pair
    merged = lsh.pairs.merge(exact, on=["id_a", "id_b"])
    assert np.allclose(merged["similarity_x"], merged["similarity_y"]) and len(merged) == 5
    assert lsh.means.index.tolist() == ["A", "B"] and lsh.means.shape == (2, 2)
    assert text_reuse(c, exact_max_articles=100, max_pairs=2, by=None).pairs.equals(lsh.pairs.head(2))


def test_minhash_lsh_leaves_boilerplate_out_of_the_signatures_and_bounds_full_buckets(monkeypatch):
    from analysis.compare import similarity

    # Every article opens with the same 11 words (9 trigrams: fewer than MIN_SHARED, so no pair is
    # flagged for them), and one made-up wire item is printed 60 times.
    header = "SYNTHETIC ARTICLE issued by the press office on behalf of everyone. "
    c, planted = _planted_corpus(header=header)
    wire = " ".join(_words(np.random.default_rng(3), 120))
    copies = pd.DataFrame({"id": [f"w{k:03d}" for k in range(60)], "source": "A", "text": wire})
    c = pd.concat([c, copies], ignore_index=True)
    exact = near_duplicates(c)
    assert len(exact) == 5 + 60 * 59 // 2  # the planted rewrites and every pair of copies
    lsh = text_reuse(c, by=None, exact_max_articles=100)
    # boilerplate: the 9 header trigrams, and "changed article issued" that opens the 5 rewrites;
    # not the copies' trigrams (verbatim copies count once)
    assert lsh.lsh.n_boilerplate == 10 and lsh.lsh.n_unsigned == 0 and lsh.lsh.n_articles == 365
    # the 60 copies agree on every band: 32 over-full buckets of 60, only consecutive copies compared
    assert (lsh.lsh.n_overfull, lsh.lsh.n_overfull_articles) == (32, 32 * 60)
    found = sorted(lsh.pairs[["id_a", "id_b"]].values.tolist())
    assert found == sorted(planted + [[f"w{k:03d}", f"w{k + 1:03d}"] for k in range(59)])
    assert lsh.n_pairs == 5 + 59 and lsh.lsh.n_candidates == 5 + 59
    # with a larger bucket limit every pair of the copies is listed, as by the exact comparison
    monkeypatch.setattr(similarity, "LSH_MAX_BUCKET", 60)
    assert text_reuse(c, by=None, exact_max_articles=100).n_pairs == len(exact)


def test_minhash_lsh_does_not_pair_independent_short_articles():
    # 120 made-up short reports of 15 words, each with the stock phrase of the wire copy of the day
    rng = np.random.default_rng(11)
    c = corpus({f"s{k:03d}": " ".join(_words(rng, 8)) + " in the event of a ceasefire " + " ".join(_words(rng, 7))
                for k in range(120)})
    assert near_duplicates(c).empty and len(near_duplicates(c, min_shared=0)) > 100  # the phrase: 4 trigrams
    lsh = text_reuse(c, by=None, exact_max_articles=10)
    assert lsh.pairs.empty and lsh.n_pairs == 0 and lsh.lsh.n_articles == 120


def test_text_reuse_kept_in_a_cache_folder_is_read_back_only_for_the_same_articles(tmp_path, monkeypatch):
    texts = dict(TEXTS, t5="charlie delta foxtrot golf hotel")
    c = corpus(texts, source=["A", "A", "B", "B", "B"])
    first = text_reuse(c, threshold=0.5, max_pairs=1, min_shared=0, cache_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir())[0] == ".lock"  # the lock of concurrent callers
    assert [p.name.startswith("text_reuse-") for p in tmp_path.iterdir() if p.name != ".lock"] == [True]

    def fail(*args, **kwargs):
        raise AssertionError("compared the pairs again")

    monkeypatch.setattr("analysis.compare.similarity._similarity_blocks", fail)
    again = text_reuse(c, threshold=0.5, max_pairs=1, min_shared=0, cache_dir=tmp_path)
    assert again.pairs.equals(first.pairs) and again.means.equals(first.means) and again.n_pairs == first.n_pairs == 2
    assert again.clusters.tolist() == first.clusters.tolist() == [0, 0, 2, 3, 0]
    assert again.words.tolist() == first.words.tolist() == [5, 6, -1, -1, 5]
    changed = c.assign(text=c["text"].str.replace("foxtrot", "zulu"))  # other articles: compared again
    with pytest.raises(AssertionError, match="again"):
        text_reuse(changed, threshold=0.5, max_pairs=1, min_shared=0, cache_dir=tmp_path)
    with pytest.raises(AssertionError, match="again"):  # other options
        text_reuse(c, threshold=0.6, max_pairs=1, min_shared=0, cache_dir=tmp_path)


def test_text_reuse_cache_lock_makes_a_second_caller_wait_for_the_first(tmp_path):
    import threading
    import time

    from analysis.compare.cache import cache_lock

    order = []

    def second():
        with cache_lock(tmp_path):
            order.append("second")

    with cache_lock(tmp_path):
        waiting = threading.Thread(target=second)
        waiting.start()
        time.sleep(0.2)  # the second caller is blocked on the lock meanwhile
        order.append("first done")
    waiting.join(timeout=10)
    assert order == ["first done", "second"]


def test_reuse_command_keeps_the_result_the_notebooks_read_back(tmp_path, monkeypatch, capsys):
    from analysis.cli.main import main
    from analysis.compare.summaries import statistics_corpus

    c = corpus(dict(TEXTS, t5="charlie delta foxtrot golf hotel"), source=["A", "A", "B", "B", "B"])
    c.to_csv(tmp_path / "c.csv", index=False)
    assert main(["reuse", str(tmp_path / "c.csv"), "--cache", str(tmp_path / "cache")]) == 0
    # the default needs 15 shared trigrams: these short texts share at most 3
    assert capsys.readouterr().out.splitlines() == ["0 near-duplicate pair(s) among 5 articles"]

    def fail(*args, **kwargs):
        raise AssertionError("compared the pairs again")

    monkeypatch.setattr("analysis.compare.similarity._similarity_blocks", fail)
    kept, dropped, note = statistics_corpus(load_corpus(tmp_path / "c.csv"), threshold=0.05, cache_dir=tmp_path / "cache")
    assert kept["id"].tolist() == ["t1", "t2", "t3", "t4", "t5"] and dropped == [] and note == ""

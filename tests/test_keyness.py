"""Weighted log-odds keyness (Monroe et al. 2008) against hand-computed values, and term counting."""

import math

import pandas as pd
import pytest

from analysis.compare.keyness import keyness, term_counts


def _counts(rows):
    return pd.DataFrame(rows, columns=["source", "term", "n"])


def _row(table, term, source):
    hit = table[(table["term"] == term) & (table["source"] == source)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_informative_corpus_prior_hand_computed():
    # A: war 3, peace 1 (n_A = 4);  B: war 1, peace 3 (n_B = 4);  N = 8.
    # Corpus prior with the default a0 = N: a_w = y_w, so a_war = 4, a_peace = 4, a0 = 8.
    # A, war: delta = ln((3+4) / (4+8-3-4)) - ln((1+4) / (4+8-1-4)) = ln(7/5) - ln(5/7) = 2 ln(1.4)
    #              = 0.6729444732424258
    #         var = 1/(3+4) + 1/(1+4) = 12/35;  z = 0.6729444732424258 / sqrt(12/35) = 1.1492714809232922
    out = keyness(_counts([("A", "war", 3), ("A", "peace", 1), ("B", "war", 1), ("B", "peace", 3)]))
    assert list(out.columns) == ["term", "source", "log_odds", "z", "score", "n_target", "n_reference"]
    war_a = _row(out, "war", "A")
    assert war_a["log_odds"] == pytest.approx(0.6729444732424258, rel=1e-12)
    assert war_a["z"] == pytest.approx(1.1492714809232922, rel=1e-12)
    assert war_a["score"] == war_a["z"]
    assert (war_a["n_target"], war_a["n_reference"]) == (3, 1)
    # Two groups: B's score is A's with the sign flipped; peace mirrors war.
    assert _row(out, "war", "B")["z"] == pytest.approx(-1.1492714809232922, rel=1e-12)
    assert _row(out, "peace", "A")["z"] == pytest.approx(-1.1492714809232922, rel=1e-12)
    # Sorted by group, then z descending.
    assert out[["source", "term"]].values.tolist() == [["A", "war"], ["A", "peace"], ["B", "peace"], ["B", "war"]]


def test_uninformative_prior_and_unseen_term():
    # A: war 2 (n_A = 2);  B: war 1, peace 1, talks 2 (n_B = 4).  Constant prior a_w = 0.5, three
    # terms, so a0 = 1.5.
    # A, peace: y_A = 0, y_B = 1:  delta = ln((0+0.5) / (2+1.5-0-0.5)) - ln((1+0.5) / (4+1.5-1-0.5))
    #                                    = ln(1/6) - ln(3/8) = ln(4/9) = -0.8109302162163288
    #           var = 1/0.5 + 1/1.5 = 8/3;  z = -0.8109302162163288 / sqrt(8/3) = -0.4965913116837105
    out = keyness(_counts([("A", "war", 2), ("B", "war", 1), ("B", "peace", 1), ("B", "talks", 2)]), prior=0.5)
    peace_a = _row(out, "peace", "A")
    assert peace_a["log_odds"] == pytest.approx(math.log(4 / 9), rel=1e-12)
    assert peace_a["z"] == pytest.approx(-0.4965913116837105, rel=1e-12)
    assert (peace_a["n_target"], peace_a["n_reference"]) == (0, 1)
    assert _row(out, "peace", "B")["z"] == pytest.approx(0.4965913116837105, rel=1e-12)


def test_one_against_the_rest_equals_two_groups_with_the_rest_pooled():
    three = _counts([("A", "war", 5), ("A", "peace", 1), ("B", "war", 1), ("B", "peace", 4), ("C", "war", 2),
                     ("C", "talks", 3)])
    pooled = three.assign(source=three["source"].where(three["source"] == "A", "rest"))
    got = keyness(three).query("source == 'A'").set_index("term")
    want = keyness(pooled).query("source == 'A'").set_index("term")
    pd.testing.assert_series_equal(got["z"], want["z"].loc[got.index])
    assert set(keyness(three)["source"]) == {"A", "B", "C"}


def test_background_prior_and_prior_scale():
    counts = _counts([("A", "war", 3), ("A", "peace", 1), ("B", "war", 1), ("B", "peace", 3)])
    # Background counts proportional to the corpus counts with the same total give the corpus prior.
    same = keyness(counts, prior={"war": 40, "peace": 40}, prior_scale=8)
    assert _row(same, "war", "A")["z"] == pytest.approx(1.1492714809232922, rel=1e-12)
    # A weaker prior (a0 = 2: a_w = 1) shrinks less: delta = ln(4/2) - ln(2/4) = 2 ln 2.
    weak = keyness(counts, prior_scale=2)
    assert _row(weak, "war", "A")["log_odds"] == pytest.approx(2 * math.log(2), rel=1e-12)
    with pytest.raises(ValueError, match="no background count"):
        keyness(counts, prior={"war": 1})


def test_min_count_and_errors():
    counts = _counts([("A", "war", 3), ("A", "rare", 1), ("B", "war", 1)])
    assert set(keyness(counts, min_count=2)["term"]) == {"war"}
    with pytest.raises(ValueError, match="at least two groups"):
        keyness(counts[counts["source"] == "A"])
    with pytest.raises(ValueError, match="missing column"):
        keyness(counts, by="outlet")
    with pytest.raises(ValueError, match="non-negative"):
        keyness(_counts([("A", "war", -1), ("B", "war", 1)]))
    with pytest.raises(ValueError, match="prior"):
        keyness(counts, prior="flat")


def test_term_counts_stop_words_numbers_possessives_bigrams():
    corpus = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "source": ["X", "X", "Y"],
            "text": ["The coalition’s troops, troops! Coalition troops 2025.", "Troops left.", "Kyiv-based troops."],
        }
    )
    uni = term_counts(corpus)
    assert uni.values.tolist() == [
        ["X", "coalition", 2], ["X", "left", 1], ["X", "troops", 4], ["Y", "based", 1], ["Y", "kyiv", 1], ["Y", "troops", 1],
    ]
    both = term_counts(corpus, bigrams=True)
    bigrams = both[both["term"].str.contains(" ")].values.tolist()
    # "coalition’s troops" (possessive), "troops, troops" (comma), "troops! Coalition" (sentence end)
    # do not pair; "Coalition troops", "Troops left" and the hyphenated "Kyiv-based" do.
    assert bigrams == [["X", "coalition troops", 1], ["X", "troops left", 1], ["Y", "based troops", 1], ["Y", "kyiv based", 1]]
    kept = term_counts(corpus, stop_words=None)
    assert _row_count(kept, "X", "the") == 1
    by_id = term_counts(corpus, by="id")
    assert _row_count(by_id, "a", "troops") == 3


def _row_count(table, group, term):
    key = table.columns[0]
    hit = table[(table[key] == group) & (table["term"] == term)]
    return int(hit["n"].iloc[0]) if len(hit) else 0


def test_article_keyness_needs_several_articles_and_a_stable_z():
    from analysis.compare.keyness import article_keyness

    a = ["ceasefire " * 6 + "talks held morning city", "ceasefire " * 6 + "talks held evening town",
         "ceasefire " * 6 + "zebra " * 8]
    b = ["parliament budget vote held morning city", "parliament budget vote held evening town",
         "parliament budget debate held night village"]
    corpus = pd.DataFrame({"id": ["a0", "a1", "a2", "b0", "b1", "b2"], "source": ["A"] * 3 + ["B"] * 3, "text": a + b})
    out = article_keyness(corpus, n_boot=200, seed=0).set_index(["source", "term"])
    # "zebra": 8 uses, the second-highest z of A, but all in one article: not distinctive, not bootstrapped
    zebra = out.loc[("A", "zebra")]
    assert (zebra["n_target"], zebra["n_articles"], bool(zebra["distinctive"])) == (8, 1, False)
    assert zebra["z"] == pytest.approx(1.320484, abs=1e-6) and math.isnan(zebra["z_low"])
    # "ceasefire": 6 uses in each of A's 3 articles; z stays above 1.96 when A's articles are resampled
    cf = out.loc[("A", "ceasefire")]
    assert (cf["n_target"], cf["n_articles"], bool(cf["distinctive"])) == (18, 3, True)
    assert cf["z"] == pytest.approx(2.536997, abs=1e-6) and cf["z_low"] == pytest.approx(2.022855, abs=1e-6)
    # the same z as keyness() on the source counts
    plain = keyness(term_counts(corpus)).set_index(["source", "term"])
    assert plain.loc[("A", "ceasefire"), "z"] == pytest.approx(cf["z"])
    # "budget": 3 of B's articles, but a z of 1.35 (< 1.96): not distinctive either
    assert out.loc[("B", "budget"), "n_articles"] == 3 and not out.loc[("B", "budget"), "distinctive"]
    # a stricter minimum drops ceasefire too (only 3 articles)
    assert not article_keyness(corpus, n_boot=50, min_articles=4).query("term == 'ceasefire'")["distinctive"].any()
    # one source: no other source to use words more than, so no rows (the columns and types of the full table)
    alone = article_keyness(corpus.assign(source="A"), n_boot=50)
    assert alone.empty and list(alone.dtypes) == list(out.reset_index()[alone.columns].dtypes)


def test_term_counts_add_up_a_group_counted_in_several_chunks(monkeypatch):
    """Words are counted a chunk of articles at a time; a group spread over chunks gets its sums, sorted as strings."""
    corpus = pd.DataFrame({"id": ["a", "b", "c", "d"], "source": ["Zed", "Alpha", "Zed", "Alpha"],
                           "text": ["Talks talks, ceasefire.", "Ceasefire: the Ceasefire’s talks", "Élan talks 42", "zebra Talks"]})
    monkeypatch.setattr("analysis.compare.keyness._COUNT_CHUNK", 1)
    expected = [("Alpha", "ceasefire", 2), ("Alpha", "talks", 2), ("Alpha", "zebra", 1),
                ("Zed", "ceasefire", 1), ("Zed", "talks", 3), ("Zed", "élan", 1)]
    got = term_counts(corpus)
    assert list(got.itertuples(index=False, name=None)) == expected
    assert got.dtypes.astype(str).tolist() == ["object", "object", "int64"]
    by_id = term_counts(corpus, by="id", stop_words=None, min_length=3)
    assert list(by_id.itertuples(index=False, name=None)) == [
        ("a", "ceasefire", 1), ("a", "talks", 2), ("b", "ceasefire", 2), ("b", "talks", 1), ("b", "the", 1),
        ("c", "talks", 1), ("c", "élan", 1), ("d", "talks", 1), ("d", "zebra", 1)]


def test_distinctive_words_kept_by_the_reuse_command_are_read_back_by_notebook_04s_call(tmp_path, monkeypatch, capsys):
    from analysis.cli.main import main
    from analysis.cli.reuse import KEYNESS_OPTIONS
    from analysis.compare.keyness import article_keyness
    from analysis.corpus import load_corpus
    from analysis.report.pipeline import notebook_parameters
    from analysis import paths

    # the reuse command computes them with notebook 04's defaults
    params = notebook_parameters(paths.ROOT / "notebooks" / "04_framing_by_source.ipynb")
    assert {k: int(params[name]["default"]) for k, name in (("min_articles", "min_term_articles"),
            ("n_boot", "keyness_boot"), ("seed", "seed"))} == KEYNESS_OPTIONS
    texts = ["Ceasefire talks ceasefire envoys ceasefire held morning city",
             "Ceasefire envoys ceasefire talks ceasefire evening town", "Ceasefire ceasefire envoys talks ceasefire village dawn",
             "Parliament budget vote budget parliament morning city", "Parliament budget debate budget parliament evening town",
             "Parliament budget parliament budget vote village dawn"]  # no near-duplicates: every article is kept
    pd.DataFrame({"id": [f"a{i}" for i in range(6)], "source": ["S"] * 3 + ["T"] * 3, "text": texts}).to_csv(
        tmp_path / "c.csv", index=False)
    assert main(["reuse", str(tmp_path / "c.csv"), "--cache", str(tmp_path / "r"), "--keyness-cache", str(tmp_path / "k")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 distinctive word(s) among the sources' top terms"
    corpus = load_corpus(tmp_path / "c.csv")
    expected = article_keyness(corpus, by="source", min_articles=2, n_boot=200, seed=1)
    assert expected.loc[expected["distinctive"], "term"].tolist() == ["ceasefire"]
    assert len(list((tmp_path / "k").glob("keyness-*.parquet"))) == 1

    def fail(*args, **kwargs):
        raise AssertionError("counted the words again")

    monkeypatch.setattr("analysis.compare.keyness.term_counts", fail)
    # notebook 04's call, on the corpus as the notebook loads it: the same table, read back
    found = article_keyness(corpus, by="source", min_articles=2, n_boot=200, seed=1, cache_dir=tmp_path / "k")
    pd.testing.assert_frame_equal(found, expected, check_exact=True)
    # other options or other articles: computed again, not read back
    with pytest.raises(AssertionError, match="counted the words again"):
        article_keyness(corpus, by="source", min_articles=2, n_boot=100, seed=1, cache_dir=tmp_path / "k")
    with pytest.raises(AssertionError, match="counted the words again"):
        article_keyness(corpus.assign(text=corpus["text"] + "."), by="source", min_articles=2, n_boot=200, seed=1,
                        cache_dir=tmp_path / "k")

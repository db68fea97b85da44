"""Tests for analysis.measures.stance: target-specific evidence, negation, quotes, contrast, aggregation."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import paths
from analysis.text.lexicon import Lexicon, LexiconError
from analysis.measures.stance import (
    MENTION_COLUMNS,
    STANCE_COLUMNS,
    StanceCues,
    annotation_agreement,
    score_stance,
    stance_by_article,
)
from analysis.measures.targets import Targets
from analysis.text.vader import lexicon as vader_lexicon

TARGETS = Targets.from_dict(
    {
        "Ukraine": ["Ukraine", "Kyiv", "Zelensk*"],
        "Russia": ["Russia", "Moscow", "Kremlin", "Russian officials"],
        "Coalition": ["coalition", "Britain"],
    }
)
LEXICON = Lexicon.from_frame(
    pd.DataFrame({"pattern": ["regime", "so-called"], "category": ["delegitimizing", "delegitimizing"], "weight": [1.0, 2.0]})
)


def w(d: int) -> float:
    """The scorer's distance weight for a word d tokens from the mention (decay 0.2)."""
    return 1.0 if d <= 1 else 1 / (1 + 0.2 * (d - 1))


def v(word: str) -> float:
    """VADER valence on the [-1, 1] scale."""
    return vader_lexicon()[word] / 4


def score(*texts: str, lexicon=False) -> pd.DataFrame:
    corpus = pd.DataFrame({"id": [f"t{i}" for i in range(len(texts))], "text": list(texts)})
    mentions, _ = score_stance(corpus, TARGETS, lexicon=lexicon)
    return mentions


def row(mentions: pd.DataFrame, text: str) -> pd.Series:
    hits = mentions[mentions["text"] == text]
    assert len(hits) == 1, hits
    return hits.iloc[0]


def test_negativity_is_aimed_at_the_accused_not_the_accuser():
    m = score("Russian officials accused Kyiv of reckless decisions.")
    kyiv, russia = row(m, "Kyiv"), row(m, "Russian officials")
    assert kyiv["evidence"] == "accused(-0.60); reckless(-0.35)"
    assert kyiv["score"] == round(math.tanh(-0.6 + v("reckless") * w(2)), 6)
    assert russia["score"] == 0.0 and russia["evidence"] == ""


def test_two_actors_in_one_sentence_are_treated_in_opposite_ways():
    m = score("Russia invaded Ukraine.", "Moscow praised Kyiv.", "Kyiv was criticized by Moscow.")
    invaded = m[m["id"] == "t0"].set_index("target")["score"]
    assert invaded["Russia"] == round(math.tanh(-0.7), 6)
    assert invaded["Ukraine"] == round(math.tanh(0.2), 6)
    praised = m[m["id"] == "t1"].set_index("target")["score"]
    assert praised["Ukraine"] == round(math.tanh(0.7), 6) and praised["Russia"] == 0.0
    passive = m[m["id"] == "t2"].set_index("target")["score"]  # passive: Kyiv is the one criticised
    assert passive["Ukraine"] == round(math.tanh(-0.6 * w(2)), 6) and passive["Russia"] == 0.0


def test_sentiment_word_goes_to_the_nearest_mention_in_its_clause():
    m = score("Kyiv remains calm, while Moscow is furious.")
    assert row(m, "Kyiv")["evidence"] == f"calm({v('calm') * w(2):+.2f})"
    # "while" opens a concessive clause: it counts half.
    assert row(m, "Moscow")["score"] == round(math.tanh(v("furious") * w(2) * 0.5), 6)


def test_negation_flips_a_sentiment_word():
    plain, negated = score("Kyiv is reckless.", "Kyiv is not reckless.")["score"].tolist()
    assert plain == round(math.tanh(v("reckless") * w(2)), 6)
    assert negated == round(math.tanh(v("reckless") * w(3) * -0.74), 6)
    assert plain < 0 < negated


def test_negated_directed_cue_counts_nothing():
    m = score("Moscow did not condemn Kyiv.")
    assert row(m, "Kyiv")["score"] == 0.0
    assert row(m, "Kyiv")["evidence"] == ""


def test_the_clause_after_but_dominates():
    m = score("Kyiv has made real progress, but its strategy is failing.", "Kyiv's strategy is failing, but it has made real progress.")
    first, second = m["score"].tolist()
    # Before "but": half weight; after it, without a mention of its own: 1.5, aimed at the subject.
    assert first == round(math.tanh(v("progress") * w(4) * 0.5 + v("failing") * 1.5), 6)
    assert second == round(math.tanh(v("failing") * w(3) * 0.5 + v("progress") * 1.5), 6)
    assert first < 0 < second


def test_loaded_language_inside_and_next_to_the_mention():
    m = score("The so-called coalition met the Kyiv regime.", lexicon=LEXICON)
    # "regime" is not an alias here: it is next to "Kyiv" (d=1); "so-called" next to "coalition".
    assert row(m, "coalition")["evidence"] == "so-called(-0.80)"
    assert row(m, "Kyiv")["evidence"] == "regime(-0.40)"


def test_speech_quote_is_the_quoted_speakers_voice():
    m = score('Moscow said: "Kyiv is a terrible partner and a disgrace."')
    kyiv, moscow = row(m, "Kyiv"), row(m, "Moscow")
    assert bool(kyiv["in_quote"]) and kyiv["quote_kind"] == "speech" and kyiv["voice"] == "quote"
    assert kyiv["score_author"] == 0.0 and kyiv["score_quoted"] < 0 and kyiv["score"] == kyiv["score_quoted"]
    assert kyiv["evidence"].startswith("q:terrible(")
    assert not moscow["in_quote"] and moscow["voice"] == "author" and moscow["score"] == 0.0
    _, stance = score_stance(pd.DataFrame({"id": ["a"], "text": [m.iloc[0]["sentence"]]}), TARGETS, lexicon=False)
    ukraine = stance.set_index("target").loc["Ukraine"]
    assert ukraine["stance"] == 0.0 and ukraine["n_author"] == 0  # the author said nothing about Kyiv
    assert ukraine["stance_quoted"] == kyiv["score"] and ukraine["n_quoted"] == 1


def test_quoted_words_about_an_author_voice_mention_are_kept_apart():
    m = score('Russia dismissed the coalition plans as "a terrible and reckless provocation of the West".')
    coalition = row(m, "coalition")
    assert coalition["voice"] == "author" and not coalition["in_quote"]
    assert coalition["score_author"] == round(math.tanh(-0.4 * w(2)), 6)  # "dismissed" is the author's word
    assert coalition["score_quoted"] < coalition["score_author"] < 0
    assert coalition["score"] == coalition["score_author"]


def test_output_contract_sorted_and_deterministic():
    corpus = pd.DataFrame({"id": ["b", "a"], "text": ["Kyiv praised Britain. Russia objected.", "Moscow accused Kyiv."]})
    m1, s1 = score_stance(corpus, TARGETS, lexicon=False)
    m2, s2 = score_stance(corpus.iloc[::-1], TARGETS, lexicon=False)
    pd.testing.assert_frame_equal(m1, m2)
    pd.testing.assert_frame_equal(s1, s2)
    assert m1.columns.tolist() == MENTION_COLUMNS and s1.columns.tolist() == STANCE_COLUMNS
    assert list(zip(m1["id"], m1["start"])) == [("a", 0), ("a", 15), ("b", 0), ("b", 13), ("b", 22)]
    assert m1["score"].between(-1, 1).all() and s1["stance"].between(-1, 1).all()
    # A pure function of the chunk: scoring articles separately gives the same rows.
    parts = [score_stance(corpus.iloc[[i]], TARGETS, lexicon=False)[0] for i in range(2)]
    pd.testing.assert_frame_equal(pd.concat(parts).sort_values(["id", "start"]).reset_index(drop=True), m1)


def test_article_stance_aggregates_author_voice_mentions():
    mentions = pd.DataFrame(
        {
            "id": ["a", "a", "a", "a", "b"],
            "target": ["Ukraine", "Ukraine", "Ukraine", "Russia", "Russia"],
            "score": [-0.5, 0.1, -0.3, 0.0, 0.4],
            "score_quoted": [0.0, -0.2, -0.3, 0.0, 0.0],
            "voice": ["author", "author", "quote", "author", "author"],
        }
    )
    s = stance_by_article(mentions).set_index(["id", "target"])
    ua = s.loc[("a", "Ukraine")]
    assert ua["n_mentions"] == 3 and ua["n_author"] == 2
    assert ua["stance"] == pytest.approx(-0.2)
    assert ua["stance_sd"] == pytest.approx(math.sqrt(0.18))
    assert ua["stance_se"] == pytest.approx(math.sqrt(0.18) / math.sqrt(2))
    assert ua["stance_quoted"] == pytest.approx(-0.25) and ua["n_quoted"] == 2
    assert ua["positive_share"] == 0.5 and ua["negative_share"] == 0.5
    ru = s.loc[("a", "Russia")]
    assert ru["stance"] == 0.0 and ru["n_author_evidence"] == 0 and math.isnan(ru["stance_sd"])
    assert list(s.index) == [("a", "Russia"), ("a", "Ukraine"), ("b", "Russia")]


def test_annotation_agreement_counts():
    stance = pd.DataFrame({"id": ["a", "a", "b"], "target": ["X", "Y", "X"], "stance": [-0.3, 0.05, 0.2]})
    gold = pd.DataFrame({"id": ["a", "a", "b", "b"], "target": ["X", "Y", "X", "Y"], "label": ["neg", "pos", "neu", "neu"]})
    result = annotation_agreement(stance, gold, threshold=0.1)
    assert result["table"]["predicted"].tolist() == ["neg", "neu", "pos", "neu"]
    assert (result["n"], result["n_agree"], result["n_polar"], result["n_direction_agree"]) == (4, 2, 2, 2)
    assert result["agreement"] == 0.5 and result["direction_agreement"] == 1.0


def test_bundled_article_accusation_is_scored_against_kyiv():
    from analysis.corpus import load_corpus

    corpus = load_corpus(paths.RAW)
    mentions, stance = score_stance(corpus[corpus["id"] == "000_7c522d25977e2e59"])
    kyiv = mentions[mentions["sentence"].str.contains("accused Kyiv of prolonging") & (mentions["text"] == "Kyiv")].iloc[0]
    assert kyiv["evidence"].startswith("accused(-0.60); reckless(")
    officials = mentions[mentions["sentence"].str.contains("accused Kyiv of prolonging") & (mentions["text"] == "Russian officials")].iloc[0]
    assert officials["score"] == 0.0
    assert set(stance["target"]) == {"Coalition", "Russia", "Ukraine", "United States"}


def test_cue_file_errors_name_the_line(tmp_path):
    path = tmp_path / "cues.csv"
    path.write_text(
        "pattern,kind,patient,agent,before,valence\naccuse,directed,-0.6,0,agent,\nblame,directed,-2,0,agent,\nwar,topic,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as err:
        StanceCues.from_csv(path)
    assert f"{path}, line 3: patient '-2' must be a number in [-1, 1]" in str(err.value)
    assert f"{path}, line 4: kind 'topic' must be one of directed, neutral, valence" in str(err.value)


def test_cue_file_errors_past_twenty_are_counted(tmp_path):
    """The message listed the first 20 problems and said nothing of the rest, as if there were no more."""
    path = tmp_path / "cues.csv"
    path.write_text("pattern,kind,patient,agent,before,valence\n" + "".join(f"w{k},topic,,,,\n" for k in range(23)),
                    encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        StanceCues.from_csv(path)
    lines = str(err.value).splitlines()
    assert lines[0] == "23 problem(s) in the stance cues:"
    assert lines[20] == f"{path}, line 21: kind 'topic' must be one of directed, neutral, valence."
    assert lines[21:] == ["... and 3 more"]


def test_bundled_cue_file_loads():
    cues = StanceCues.from_csv(paths.LEXICONS / "stance_cues.csv")
    kinds = set(cues.entries["kind"])
    assert kinds == {"directed", "neutral", "valence"}
    accused = cues.entries.set_index("pattern").loc["accused"]
    assert (accused["patient"], accused["agent"], accused["before"]) == (-0.6, 0.0, "agent")


def test_scare_quoted_mention_stays_in_the_authors_voice():
    m = score('The so-called "coalition" met.', lexicon=LEXICON)
    coalition = row(m, "coalition")
    assert bool(coalition["in_quote"]) and coalition["quote_kind"] == "scare" and coalition["voice"] == "author"
    assert coalition["evidence"] == "so-called(-0.80)" and coalition["score"] == round(math.tanh(-0.8), 6)

"""Frame scoring: exact counts, rates and spans on hand-made texts; the bundled frames dictionary's rules."""

import pandas as pd
import pytest

from analysis import paths
from analysis.measures.frames import FRAME_SPAN_COLUMNS, frame_columns, frame_types, load_frames, score_frames
from analysis.text.lexicon import Lexicon, parse_pattern

LEXICON = Lexicon.from_frame(
    pd.DataFrame(
        {
            "pattern": ["both sides", "clash*", "ceasefire", "peace talks", "talks", "civilians"],
            "category": ["conflict", "conflict", "diplomacy", "diplomacy", "diplomacy", "humanitarian"],
            "weight": [1, 1, 1, 1, 1, 1],
        }
    )
)
CORPUS = pd.DataFrame(
    {
        "id": ["a1", "b1", "c1"],
        "source": ["A", "B", "B"],
        "text": ['Both sides clash over the ceasefire. "Peace talks are dead," he said.', "Civilians fled.", "Nothing here."],
    }
)


def test_counts_rates_and_dominant_frame():
    articles, _ = score_frames(CORPUS, LEXICON)
    assert list(articles.columns) == [
        "id", "source", "n_tokens", "frames_n", "frames_per_1k",
        "frame_conflict", "frame_diplomacy", "frame_humanitarian",
        "frame_conflict_n", "frame_diplomacy_n", "frame_humanitarian_n", "dominant_frame",
    ]
    a1 = articles.iloc[0]
    # 12 words; conflict: "Both sides", "clash"; diplomacy: "ceasefire", "Peace talks" (one match, the longest).
    assert (a1["n_tokens"], a1["frame_conflict_n"], a1["frame_diplomacy_n"], a1["frame_humanitarian_n"]) == (12, 2, 2, 0)
    assert a1["frame_conflict"] == pytest.approx(1000 * 2 / 12)
    assert a1["frames_n"] == 4 and a1["frames_per_1k"] == pytest.approx(1000 * 4 / 12)
    assert a1["dominant_frame"] == "conflict+diplomacy"
    assert articles["frame_humanitarian"].tolist() == [0.0, 500.0, 0.0]
    assert articles["dominant_frame"].tolist() == ["conflict+diplomacy", "humanitarian", ""]


def test_spans_exact_offsets_and_quotes():
    _, spans = score_frames(CORPUS, LEXICON)
    assert list(spans.columns) == FRAME_SPAN_COLUMNS
    assert spans.values.tolist() == [
        ["a1", 0, 10, "Both sides", "both sides", "conflict", False],
        ["a1", 11, 16, "clash", "clash*", "conflict", False],
        ["a1", 26, 35, "ceasefire", "ceasefire", "diplomacy", False],
        ["a1", 38, 49, "Peace talks", "peace talks", "diplomacy", True],
        ["b1", 0, 9, "Civilians", "civilians", "humanitarian", False],
    ]


def test_quoted_matches_can_be_left_out_of_the_counts():
    articles, spans = score_frames(CORPUS, LEXICON, include_quoted=False)
    assert articles.loc[0, "frame_diplomacy_n"] == 1
    assert len(spans) == 5  # the evidence is still listed


def test_pure_function_of_a_chunk_and_path_input(tmp_path):
    whole_a, whole_s = score_frames(CORPUS, LEXICON)
    parts = [score_frames(CORPUS.iloc[[i]], LEXICON) for i in range(len(CORPUS))]
    pd.testing.assert_frame_equal(pd.concat([p[0] for p in parts], ignore_index=True), whole_a)
    pd.testing.assert_frame_equal(pd.concat([p[1] for p in parts], ignore_index=True), whole_s)
    csv = tmp_path / "frames.csv"
    LEXICON.entries.to_csv(csv, index=False)
    pd.testing.assert_frame_equal(score_frames(CORPUS, csv)[0], whole_a)


def test_errors_name_the_problem():
    with pytest.raises(ValueError, match="missing column"):
        score_frames(CORPUS.drop(columns="text"), LEXICON)
    clash = Lexicon.from_frame(pd.DataFrame({"pattern": ["war", "peace"], "category": ["x", "x_n"], "weight": [1, 1]}))
    with pytest.raises(ValueError, match="clash"):
        score_frames(CORPUS, clash)


GENERIC = {"conflict", "human_interest", "economic", "morality", "responsibility"}
ISSUE = {"escalation_threat", "diplomacy_negotiation", "military_operations", "humanitarian_cost",
         "sovereignty_territory", "legitimacy_democracy"}


def test_bundled_frames_dictionary():
    frames = load_frames()
    entries = frames.entries
    assert set(frames.categories) == GENERIC | ISSUE
    sizes = entries["category"].value_counts()
    assert sizes.between(30, 80).all(), sizes.to_dict()
    assert (entries["weight"] == 1.0).all()
    types = frame_types(frames)
    assert {f for f, t in types.items() if t == "generic"} == GENERIC
    generic = entries[entries["category"].isin(GENERIC)]
    assert generic["provenance"].str.match(r"^(semetko_valkenburg_2000:[a-z_]+|curated)$").all()
    assert (entries.loc[entries["category"].isin(ISSUE), "provenance"] == "curated").all()
    assert (entries["note"].str.strip() != "").all()
    assert frame_columns(frames)[0] == "frame_conflict"
    assert paths.FRAMES.name == "frames.csv"


def test_no_pattern_is_shadowed_by_a_wildcard():
    # A wildcard that covers another row's word ("militar*" over "military") makes the row dead or,
    # across frames, leaves the frame to the order of the file.
    parsed = [parse_pattern(p) for p in load_frames().entries["pattern"]]
    shadowed = [
        (a.pattern, b.pattern)
        for a in parsed if a.wildcard
        for b in parsed
        if b is not a and len(a.norms) == len(b.norms) and a.norms[:-1] == b.norms[:-1] and a.gaps == b.gaps
        and b.norms[-1].startswith(a.norms[-1])
    ]
    assert not shadowed


def test_bundled_frames_on_a_general_sentence():
    corpus = pd.DataFrame({"id": ["z"], "source": ["s"],
                           "text": ["The ceasefire talks collapsed as sanctions bite and civilians flee the shelling."]})
    _, spans = score_frames(corpus, load_frames())
    assert spans[["text", "frame"]].values.tolist() == [
        ["ceasefire", "diplomacy_negotiation"], ["talks", "diplomacy_negotiation"], ["sanctions", "economic"],
        ["civilians", "humanitarian_cost"], ["shelling", "military_operations"],
    ]


def test_policy_frames_vocabularies():
    # The 15 dimensions of the Policy Frames Codebook (Boydstun et al. 2014) less the residual "other".
    frames = load_frames(paths.FRAMES_POLICY)
    assert list(frames.categories) == [
        "capacity_resources", "crime_punishment", "cultural_identity", "economic", "external_regulation",
        "fairness_equality", "health_safety", "legality", "morality", "policy_prescription", "political",
        "public_opinion", "quality_of_life", "security_defense",
    ]
    entries = frames.entries
    assert (entries["provenance"] == "boydstun_2014:" + entries["category"]).all()
    assert set(frame_types(frames).values()) == {"policy"}
    assert (entries.groupby("category")["note"].nunique() == 1).all()  # one codebook definition per frame
    text = "Bill Clinton signed the bill; the Supreme Court ruled and a poll showed taxes rising."
    found = [(text[m.start : m.end], m.category) for m in frames.find(text)]
    assert found == [
        ("bill", "policy_prescription"), ("Supreme Court", "legality"), ("ruled", "legality"),
        ("poll", "public_opinion"), ("taxes", "economic"),
    ]

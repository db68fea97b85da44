"""Tests for analysis.measures.targets: alias matching, nesting, variants, ties, validation, mention tables."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import paths
from analysis.measures.targets import IGNORE, Targets, TargetsError, find_mentions


@pytest.fixture(scope="module")
def bundled() -> Targets:
    return Targets.from_csv(paths.TARGETS)


def spans(targets: Targets, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.target) for m in targets.find(text)]


def test_bundled_targets_have_the_five_actors(bundled):
    assert bundled.names == ("Ukraine", "Russia", "Coalition", "United States", "NATO")
    assert IGNORE not in bundled.names


def test_nested_alias_is_one_mention():
    t = Targets.from_dict({"Ukraine": ["Kyiv", "Kyiv regime"], "Russia": ["Moscow"]})
    text = "Moscow blamed the Kyiv regime, not Kyiv."
    assert spans(t, text) == [("Moscow", "Russia"), ("Kyiv regime", "Ukraine"), ("Kyiv", "Ukraine")]


def test_kyiv_kiev_and_zelensky_variants(bundled):
    text = "Zelensky, Zelenskyy, Zelenskiy and Zelenskyi met in Kiev and Kyiv; Ukraine’s forces held."
    assert spans(bundled, text) == [
        ("Zelensky", "Ukraine"), ("Zelenskyy", "Ukraine"), ("Zelenskiy", "Ukraine"), ("Zelenskyi", "Ukraine"),
        ("Kiev", "Ukraine"), ("Kyiv", "Ukraine"), ("Ukraine", "Ukraine"),
    ]


def test_title_and_name_merge_into_one_mention(bundled):
    text = "Ukrainian President Volodymyr Zelenskyy met British Prime Minister Kir Starmer and Russian forces."
    assert spans(bundled, text) == [
        ("Ukrainian President Volodymyr Zelenskyy", "Ukraine"),
        ("British Prime Minister Kir Starmer", "Coalition"),
        ("Russian forces", "Russia"),
    ]
    # "Coalition of the Willing" is not a person's name: a headline verb in between is not merged.
    assert spans(bundled, "UK PM Confirms Coalition of the Willing Plans") == [
        ("UK PM", "Coalition"), ("Coalition of the Willing", "Coalition"),
    ]


def test_bare_nationality_adjective_is_not_a_mention(bundled):
    assert spans(bundled, "Ukrainian grain and Russian oil; Ukrainian officials spoke.") == [("Ukrainian officials", "Ukraine")]


def test_us_acronym_is_case_sensitive_and_the_pronoun_is_not(bundled):
    assert spans(bundled, "US officials told us about the U.S. plan.") == [("US", "United States"), ("U.S.", "United States")]


def test_ignore_rows_hide_the_alias_inside_them(bundled):
    assert spans(bundled, "The Washington Post said Washington agreed.") == [("Washington", "United States")]


def test_tie_on_the_same_words_goes_to_the_exact_alias_then_the_first_row():
    wildcard_first = Targets.from_dict({"A": ["Zelensk*"], "B": ["Zelensky"]})
    assert spans(wildcard_first, "Zelensky spoke") == [("Zelensky", "B")]
    # Longer alias of another target wins over the shorter one listed first.
    t = Targets.from_dict({"Ukraine": ["Ukrainian"], "Russia": ["Ukrainian separatists"]})
    assert spans(t, "Ukrainian separatists") == [("Ukrainian separatists", "Russia")]


def test_duplicate_alias_across_targets_names_both_lines():
    frame = pd.DataFrame({"target": ["Ukraine", "Russia"], "pattern": ["Kyiv", "kyiv"]})
    with pytest.raises(TargetsError, match=r"line 3: alias 'kyiv' \(Russia\) duplicates line 2 \(target 'Ukraine'\)"):
        Targets.from_frame(frame, source="t.csv")


def test_validation_reports_every_bad_row_with_its_line(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("target,pattern,case_sensitive\nUkraine,Kyiv,false\n,Moscow,false\nRussia,*,false\nNATO,NATO,maybe\n", encoding="utf-8")
    with pytest.raises(TargetsError) as err:
        Targets.from_csv(path)
    message = str(err.value)
    assert message.startswith("3 problem(s)")
    assert f"{path}, line 3: empty target" in message
    assert f"{path}, line 4: pattern '*'" in message
    assert f"{path}, line 5: case_sensitive 'maybe'" in message


def test_missing_column_is_explained(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("actor,alias\nUkraine,Kyiv\n", encoding="utf-8")
    with pytest.raises(TargetsError, match="missing column\\(s\\) target, pattern"):
        Targets.from_csv(path)


def test_find_mentions_table_with_sentences():
    corpus = pd.DataFrame({"id": ["b", "a"], "text": ["Nothing here.", "Kyiv’s allies met. Then Moscow objected."]})
    t = Targets.from_dict({"Ukraine": ["Kyiv"], "Russia": ["Moscow"]})
    table = find_mentions(corpus, t)
    assert table.columns.tolist() == ["id", "target", "start", "end", "text", "alias", "sentence_start", "sentence_end"]
    assert table.values.tolist() == [
        ["a", "Ukraine", 0, 4, "Kyiv", "Kyiv", 0, 18],
        ["a", "Russia", 24, 30, "Moscow", "Moscow", 19, 40],
    ]


def test_targets_saved_by_a_spreadsheet_with_semicolons_read_as_the_bundled_file(bundled, tmp_path):
    import csv

    path = tmp_path / "targets.csv"
    with open(paths.TARGETS, encoding="utf-8", newline="") as src, open(path, "w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(csv.reader(src))
    assert path.read_bytes().count(b";") > 100  # every field separated by a semicolon
    pd.testing.assert_frame_equal(Targets.from_csv(path).entries, bundled.entries)

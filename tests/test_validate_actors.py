"""scripts/validate_actors.py: its articles, gold names, measures and page from hand-made NewsMTSC rows, and its stop
without the development data (the run on NewsMTSC is not a test: the data is not part of the repository)."""

from __future__ import annotations

import json

import pytest

from script_module import load_script


@pytest.fixture(scope="module")
def va():
    return load_script("validate_actors")


def _row(gid: str, sentence: str, *targets: tuple[int, int, str]) -> str:
    return json.dumps({"primary_gid": gid, "sentence_normalized": sentence,
                       "targets": [{"from": a, "to": b, "mention": m, "polarity": 4.0} for a, b, m in targets]})


def test_sentences_become_articles_and_names_become_gold(va, tmp_path):
    path = tmp_path / "newsmtsc-train.jsonl"
    path.write_text("\n".join([
        _row("allsides_7_3_2_Obama_0_5", "Obama left early.", (0, 5, "Obama")),
        _row("allsides_7_3_1_Barack Obama_10_22", "President Barack Obama spoke.", (10, 22, "Barack Obama")),
        _row("allsides_7_3_2_Obama_0_5", "Obama left early.", (0, 5, "Obama")),  # the same sentence again
        _row("polusa_v1_99_-1_4_He_0_2", "He said Mr. Smith lied.", (0, 2, "He"), (8, 17, "Mr. Smith"), (3, 7, "Said")),
    ]) + "\n", encoding="utf-8")
    articles, gold = va.articles_and_gold(path)
    assert articles[["id", "text"]].values.tolist() == [
        ["allsides_7", "President Barack Obama spoke.\n\nObama left early."], ["polusa_99", "He said Mr. Smith lied."]]
    assert set(articles["part"]) <= {"dev", "held-out"}
    # "He" is a pronoun; "Said" is not what the sentence has at 3:7 ("said"), so it is left out
    assert gold.values.tolist() == [["allsides_7", 10, 22, "Barack Obama"], ["allsides_7", 31, 36, "Obama"],
                                    ["polusa_99", 8, 17, "Mr. Smith"]]


def test_the_page_says_what_the_numbers_say(va):
    one = {"n_gold": 10, "found": 9, "person": 8, "n_people": 4, "one_actor": 3, "missed": {"Sunday": 1}, "n_actors": 7}
    two = {**one, "found": 6, "n_actors": 3}
    text = va.render({"n_articles": {"dev": 5, "held-out": 2}, "held-out 1": one, "held-out 2": two, "dev 1": one,
                      "dev 2": two})
    assert "5 articles in the development part, 2 held out" in text
    assert "| held-out | all (7) | 10 | 9 of 10 (90.0%) | 8 of 10 (80.0%) | 3 of 4 (75.0%) |" in text
    assert "| held-out | in 2 or more articles (3) | 10 | 6 of 10 (60.0%) |" in text
    assert text.endswith("| Sunday | 1 |\n")


def test_without_the_development_data_it_stops_with_a_clear_message(va, tmp_path):
    with pytest.raises(SystemExit) as stop:
        va.main(["--dev-data", str(tmp_path), "--out", str(tmp_path / "out.md")])
    assert str(stop.value).startswith(f"error: {tmp_path} has no newsmtsc-train.jsonl; pass the development data "
                                      "folder with --dev-data")
    assert not (tmp_path / "out.md").exists()


def test_the_docstring_examples_run(va):
    import doctest

    result = doctest.testmod(va, report=False)
    assert (result.failed, result.attempted) == (0, 7)

"""scripts/bench_news.py: the scorers it times, what it counts of a corpus, its page, and its stop without the
development data (exact values on a hand-made corpus and hand-made numbers; the run on ptc-dev is not a test)."""

from __future__ import annotations

import pandas as pd
import pytest

import startup
from script_module import load_script


@pytest.fixture(scope="module")
def news():
    return load_script("bench_news")


def test_the_scorers_are_those_of_bench_scorers_with_the_options_of_score(news):
    assert news.configs() == [
        ("the default", {"stance": "roles", "span_model": "auto"}),
        ("`--stance vectors`", {"stance": "vectors", "span_model": "auto"}),
        ("`--stance model`", {"stance": "model", "span_model": "auto"}),
        ("`--stance rules`", {"stance": "rules", "span_model": "auto"}),
        ("`--span-model none`", {"stance": "roles", "span_model": "none"}),
        ("`--stance rules --span-model none`", {"stance": "rules", "span_model": "none"}),
    ]


def test_workload_counts_words_sentences_mentions_and_spans(news):
    from analysis.tables.score import Scorer

    corpus = pd.DataFrame({
        "id": ["a", "b"],
        "source": ["s", "s"],
        "text": ["Russia attacked Ukraine. The weather was mild.", "Reckless decisions were made. It rained."],
    })
    found = news.workload(Scorer.load(stance="rules", span_model="none"), corpus)
    # 7 + 6 words (punctuation is not a word); Russia and Ukraine, both in the first of 4 sentences; one span,
    # "Reckless decisions"
    assert found == {"articles": 2, "words": 13, "sentences": 4, "mentions": 2, "mentions_per_1k": 2000 / 13,
                     "sentence_share": 0.25, "spans_per_1k": 1000 / 13}


def _results():
    row = {"vader": 2.0, "articles": 10, "words": 1000, "sentences": 50, "mentions": 10, "mentions_per_1k": 10.0,
           "sentence_share": 0.2, "spans_per_1k": 11.0}
    names = [name for name, _ in load_script("bench_news").configs()]

    def scorers(cold, warm):
        return [{"name": n, "cold": cold, "warm": warm, "ratio_cold": 2.0 / cold, "ratio_warm": 2.0 / warm} for n in names]

    return {
        "machine": {"commit": "abc1234", "python": "3.11.7", "cpu": "Test CPU", "cores": 2},
        "load_before": "0.10 0.20 0.30", "load_after": "1.00 1.00 1.00", "started": "2026-12-06T10:00:00",
        "finished": "2026-12-06T10:05:00", "repeat": 3, "actors": ["Donald Trump", "FBI"], "domains": ["politics"],
        "rows": [
            {"label": "ptc-dev, the bundled targets", **row, "scorers": scorers(4.0, 2.5)},
            {"label": "ptc-dev, the 8 actors found in it", **row, "mentions_per_1k": 12.5, "scorers": scorers(5.0, 4.0)},
            {"label": "synthetic, first 650 articles, the bundled targets", **row, "mentions_per_1k": 62.5,
             "sentence_share": 0.82, "scorers": scorers(8.0, 8.0)},
        ],
    }


def test_page_gives_each_corpus_workload_and_each_scorer_two_passes(news):
    page = news.report(_results())
    assert "- code: `abc1234`; Python 3.11.7; CPU: Test CPU, 2 cores; run 2026-12-06T10:00:00 to 2026-12-06T10:05:00" in page
    assert "Donald Trump, FBI; domain packs chosen for it: politics" in page
    assert "| ptc-dev, the 8 actors found in it | 10 | 1,000 | 50 | 12.5 | 20% | 11.0 |" in page
    assert "| synthetic, first 650 articles, the bundled targets | 10 | 1,000 | 50 | 62.5 | 82% | 11.0 |" in page
    assert "| VADER on every sentence | 2.0 s | 2.0 s | 2.0 s | 2.0 s | 2.0 s | 2.0 s |" in page
    assert "| the default | 4.0 s, 0.50x | 2.5 s, 0.80x | 5.0 s, 0.40x | 4.0 s, 0.50x | 8.0 s, 0.25x | 8.0 s, 0.25x |" in page
    assert ("The default runs at 0.50x to 0.80x VADER (first pass, second pass) on the real articles with the bundled "
            "targets and 0.40x to 0.50x with the actors found in them, against 0.25x on the synthetic articles, whose "
            "actor mentions per word are 5.0 times those of the real ones") in page
    assert "the least of 3 runs" in page


def test_from_json_writes_the_page_again_without_timing(news, tmp_path):
    import json

    numbers = tmp_path / "news.json"
    numbers.write_text(json.dumps(_results()), encoding="utf-8")
    out = tmp_path / "page.md"
    assert news.main(["--dev-data", str(tmp_path / "none"), "--from-json", str(numbers), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == news.report(_results())


def test_without_the_development_data_it_stops_with_one_line(news, tmp_path, capsys):
    assert news.main(["--dev-data", str(tmp_path), "--out", str(tmp_path / "news.md")]) == 1
    assert capsys.readouterr().err == (f"error: {tmp_path} has no ptc-dev/articles; pass the development data folder with "
                                       f"--dev-data ({startup.DEV_DATA_HELP}).\n")
    assert list(tmp_path.iterdir()) == []


def test_repeat_must_be_positive(news, tmp_path):
    with pytest.raises(SystemExit) as stop:
        news.main(["--dev-data", str(tmp_path), "--repeat", "0"])
    assert stop.value.code == 2

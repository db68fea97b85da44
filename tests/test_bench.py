"""The benchmark's baselines and its budget line, on hand-made inputs (``make bench`` itself is too slow for the suite)."""

from __future__ import annotations

import json

from analysis import bench


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_text_baseline_counts_words_and_sentences(tmp_path):
    corpus = _jsonl(tmp_path / "c.jsonl", [
        {"id": "a", "text": "The U.S. envoy met Gen. Smith. Talks end today."},
        {"id": "b", "text": "Kyiv’s “so-called” allies\n\nwait."},
        {"id": "c", "text": "   "},
    ])
    out = tmp_path / "out.csv"
    bench.text_baseline(corpus, out)
    assert out.read_text(encoding="utf-8") == "id,n_tokens,n_sentences\na,9,2\nb,5,2\nc,0,0\n"


def test_regex_baseline_counts_per_category(tmp_path):
    lexicon = tmp_path / "lexicon.csv"
    lexicon.write_text("pattern,category\nreckless,loaded\nprovocative nonsense,loaded\nescalat*,fear\n", encoding="utf-8")
    corpus = _jsonl(tmp_path / "c.jsonl", [
        {"id": "a", "text": "Reckless and provocative-nonsense; escalation, escalating. Nonsense alone."},
    ])
    out = tmp_path / "out.csv"
    bench.regex_baseline(corpus, out, lexicon=lexicon)
    assert out.read_text(encoding="utf-8") == "id,fear,loaded\na,2,2\n"


def test_budget_compares_the_first_step_with_what_the_target_leaves():
    results = {"sizes": [
        {"n": 10, "pandas": {"words_per_s": 100_000}, "vader": {"words_per_s": 250_000}, "text": {"words_per_s": 1_000_000}},
        {"n": 100, "pandas": {"words_per_s": 125_000}, "vader": {"words_per_s": 500_000}, "text": {"words_per_s": 2_000_000}},
    ]}
    lines = bench._budget(results)
    assert lines[1] == (
        "Time per word at 100 articles (each a whole process, start-up included): VADER on every sentence takes "
        "2.00 µs, so 2x its throughput leaves 1.00 µs per word for everything full scoring does. Splitting words "
        "and sentences alone, the first step of full scoring, takes 0.50 µs (50% of that budget); full scoring takes 8.00 µs."
    )
    assert bench._budget({"sizes": [{"n": 10, "pandas": {}, "vader": {}}]}) == []

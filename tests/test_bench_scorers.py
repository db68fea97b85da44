"""`python -m analysis.bench scorers`: the rows read from the validation pages, the commands a run times, and the
Markdown report (exact values on hand-made pages and numbers; the 10,000-article run itself is not part of the
tests)."""

from __future__ import annotations

import json

import pytest

from analysis import bench, bench_scorers
from analysis.bench_scorers import CONFIGS, ValidationNotFound, held_out_validity, report

STANCE_PAGE = """# Validation of the stance scorers

## Summary

| target | the default (`--stance roles`) | `--stance vectors` | met |
| --- | --- | --- | --- |
| Held-out NewsMTSC part: macro-F1 >= 0.66 | **0.999** | 0.998 | met |

## 1. NewsMTSC (held-out part)

| method | macro-F1 | AUC negative vs rest | AUC positive vs rest | cut points |
| --- | --- | --- | --- | --- |
| Default: model version 6 (`--stance roles`) (`data/models/x.json`) | **0.673** | **0.857** | 0.858 | most probable class |
| Model with word vectors (`--stance vectors`) (`data/models/y.json`) | **0.675** | **0.859** | 0.859 | most probable class |
| Model without word vectors (`--stance model`) (`data/models/z.json`) | **0.655** | **0.849** | 0.849 | most probable class |
| Rule-based (`--stance rules`) | **0.561** | **0.722** | 0.751 | +0.000 / +0.094 |
| VADER compound, whole sentence | **0.528** | **0.706** | 0.740 | +0.000 / +0.367 |

## 2. Bundled gold

| Rule-based (`--stance rules`) | **0.111** | **0.222** |
"""

LOADED_PAGE = """# Validation of loaded-language scoring

| measure | before | now | target | met |
| --- | ---: | ---: | --- | --- |
| **the default** (`score`: the spans the re-ranker keeps): ptc-dev `Loaded_Language` overlap-F1 | 0.248 | 0.331 | >= 0.40 | no |
| &nbsp;&nbsp;overlap precision | 0.166 | 0.263 |  |  |
| every span (`score --span-model none`, the default before this version): ptc-dev `Loaded_Language` overlap-F1 | 0.248 | 0.278 | >= 0.40 | no |
"""


def _pages(tmp_path, stance=STANCE_PAGE, loaded=LOADED_PAGE):
    (tmp_path / "stance.md").write_text(stance, encoding="utf-8")
    (tmp_path / "loaded.md").write_text(loaded, encoding="utf-8")
    return tmp_path / "stance.md", tmp_path / "loaded.md"


def test_the_held_out_rows_are_read_from_part_1_and_the_summary(tmp_path):
    # the summary's 0.999 and part 2's rules row are not part 1's held-out NewsMTSC rows
    assert held_out_validity(*_pages(tmp_path)) == {
        "stance": {"roles": (0.673, 0.857), "vectors": (0.675, 0.859), "model": (0.655, 0.849), "rules": (0.561, 0.722)},
        "spans": {"default": 0.331, "none": 0.278},
    }


def test_a_page_without_a_scorer_s_row_is_an_error_naming_the_page_and_the_row(tmp_path):
    stance, loaded = _pages(tmp_path, stance=STANCE_PAGE.replace("(`--stance model`)", "(`--stance other`)"))
    with pytest.raises(ValidationNotFound, match=r"stance\.md: part 1 has no row for `--stance model`"):
        held_out_validity(stance, loaded)
    stance, loaded = _pages(tmp_path, loaded=LOADED_PAGE.replace("every span (", "all spans ("))
    with pytest.raises(ValidationNotFound, match=r"loaded\.md: the summary has no overlap-F1 row for the none spans"):
        held_out_validity(stance, loaded)


def test_the_repository_s_own_pages_have_every_row_a_scorer_names():
    validity = held_out_validity()
    assert {s for _, _, s, _ in CONFIGS} <= set(validity["stance"])
    assert {s for _, _, _, s in CONFIGS} <= set(validity["spans"])


def test_a_run_times_vader_then_each_scorer_with_its_flags_then_vader_again(tmp_path, monkeypatch):
    commands = []

    def fake_measure(cmd):
        commands.append(cmd)
        if cmd[2:4] == ["analysis", "score"]:
            out = tmp_path / "work" / "scorers-3"
            out.mkdir(parents=True, exist_ok=True)
            (out / "articles.csv").write_text("id,n_tokens\na,100\nb,250\nc,50\n", encoding="utf-8")
        return {"seconds": 2.0, "peak_mb": 100.0, "cpu_seconds": 1.5}

    monkeypatch.setattr(bench, "measure", fake_measure)
    results = bench_scorers.run_scorers(3, work=tmp_path / "work")
    corpus = str(tmp_path / "work" / "synthetic-3.jsonl")
    assert [c[2:] for c in commands] == [
        ["analysis.bench", "vader", corpus, str(tmp_path / "work" / "scorers-3-vader.csv")],
        *[["analysis", "score", corpus, "--out", str(tmp_path / "work" / "scorers-3"), "--no-progress", "--no-resume",
           *flags] for _, flags, _, _ in CONFIGS],
        ["analysis.bench", "vader", corpus, str(tmp_path / "work" / "scorers-3-vader.csv")],
    ]
    assert [line for line in open(corpus, encoding="utf-8") if line.strip()].__len__() == 3
    assert results["words"] == 400
    assert [r["flags"] for r in results["scorers"]] == [list(f) for _, f, _, _ in CONFIGS]
    assert not (tmp_path / "work" / "scorers-3").exists()  # the outputs are removed


def _results():
    rows = [
        {"name": "the default", "flags": [], "stance": "roles", "spans": "default", "seconds": 100.0, "cpu_seconds": 98.0,
         "peak_mb": 570.0},
        {"name": "`--stance rules`", "flags": ["--stance", "rules"], "stance": "rules", "spans": "default", "seconds": 50.0,
         "cpu_seconds": 49.0, "peak_mb": 325.0},
    ]
    return {
        "machine": {"cpu": "CPU", "cores": 2, "ram": "1 GB", "os": "Linux", "python": "3.11.7", "commit": "abc1234"},
        "load_before": "0.1 0.1 0.1", "load_after": "0.2 0.2 0.2", "started": "2026-12-06T11:00:00",
        "finished": "2026-12-06T11:10:00", "articles": 10000, "words": 4_000_000,
        "vader_before": {"seconds": 20.0, "cpu_seconds": 19.0, "peak_mb": 110.0},
        "vader_after": {"seconds": 22.0, "cpu_seconds": 21.0, "peak_mb": 110.0},
        "validity": {"stance": {"roles": (0.673, 0.857), "rules": (0.561, 0.722)}, "spans": {"default": 0.331}},
        "scorers": rows,
    }


def test_the_report_gives_each_scorer_s_ratio_to_the_mean_of_the_two_vader_runs():
    text = report(_results())
    # wall: VADER's mean 21 s over 100 s and 50 s; CPU: 20 s over 98 s and 49 s
    assert "| the default | 100.0 s | 98.0 s | 570 MB | 40,000 | 0.21x | 0.20x | no | 0.673 | 0.857 | 0.331 |" in text
    assert "| `--stance rules` | 50.0 s | 49.0 s | 325 MB | 80,000 | 0.42x | 0.41x | yes | 0.561 | 0.722 | 0.331 |" in text
    assert ("The fastest here, `--stance rules`, takes 50% of the default's CPU time (0.42x VADER by wall time); it "
            "reaches the 0.39x of the filing.") in text
    assert "before the scorers 20.0 s of wall (19.0 s of CPU), after them 22.0 s (21.0 s)" in text
    assert "code: `abc1234`" in text


def test_a_failed_command_is_an_error_line_and_no_page_is_written(tmp_path, monkeypatch, capsys):
    def failing(cmd):
        raise RuntimeError("python -m analysis.bench vader c.jsonl x.csv failed (1):\nits last lines")

    monkeypatch.setattr(bench, "measure", failing)
    out = tmp_path / "scorers.md"
    assert bench.main(["scorers", "--articles", "2", "--out", str(out), "--work", str(tmp_path / "w")]) == 1
    assert capsys.readouterr().err.splitlines() == ["bench: VADER on every sentence (before)",
                                                    "error: python -m analysis.bench vader c.jsonl x.csv failed (1):",
                                                    "its last lines"]  # no traceback
    assert not out.exists() and not out.with_suffix(".json").exists()


def test_the_json_and_the_page_are_written_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_scorers, "run_scorers", lambda articles, work=None: _results())
    out = tmp_path / "scorers.md"
    assert bench.main(["scorers", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == report(_results())
    assert json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["words"] == 4_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scorers.json", "scorers.md"]  # no .partial left

"""The scoring progress bar knows the number of articles of a JSONL corpus (a total, so an ETA)."""

from __future__ import annotations

import analysis.tables.score as score_mod
from analysis.corpus.stream import count_articles


def test_jsonl_articles_are_counted_without_parsing(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n\n{"id": "b", "text": "Two."}\n   \n{"id": "c", "text": "Three."}',
                    encoding="utf-8")  # blank lines and no final line break
    assert count_articles(path) == 3
    assert count_articles(tmp_path / "missing.jsonl") is None


def test_progress_bar_gets_the_total(tmp_path, monkeypatch):
    path = tmp_path / "c.jsonl"
    path.write_text("".join(f'{{"id": "a{k}", "source": "X", "text": "A reckless plan {k}."}}\n' for k in range(5)),
                    encoding="utf-8")
    seen = {}
    real = score_mod._progress

    def spy(total, enabled):
        bar = real(total, enabled)
        seen.update(total=total)
        return bar

    monkeypatch.setattr(score_mod, "_progress", spy)
    score_mod.score_path(path, tmp_path / "out", scorer=score_mod.Scorer.load(), chunk_size=2, progress=False)
    assert seen == {"total": 5}

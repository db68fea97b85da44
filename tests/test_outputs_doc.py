"""docs/outputs.md documents every column that `score` writes, and is generated from analysis/tables/outputs.py."""

from __future__ import annotations

import csv

import pytest

from analysis import paths
from analysis.tables import outputs
from analysis.tables.score import OUTPUT_FILES, score_path

FIX = "describe it in analysis/tables/outputs.py, then run PYTHONPATH=. python scripts/outputs_doc.py"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("scores")
    score_path(paths.ROOT / "tests" / "fixtures" / "synthetic_corpus.csv", out, source_column="outlet", progress=False)
    headers = {}
    for name in OUTPUT_FILES:
        with open(out / name, encoding="utf-8", newline="") as fh:
            headers[name] = next(csv.reader(fh))
    return headers


def test_every_output_file_is_documented(written):
    assert sorted(t.file for t in outputs.OUTPUT_TABLES) == sorted(OUTPUT_FILES)


def test_every_written_column_is_documented(written):
    missing = {name: outputs.undocumented(name, header) for name, header in written.items()}
    missing = {k: v for k, v in missing.items() if v}
    assert not missing, f"columns written by score but not documented: {missing}; {FIX}"


def test_every_documented_column_is_written(written):
    for table in outputs.OUTPUT_TABLES:
        header = written[table.file]
        for column, _ in table.columns:
            if "<" in column:
                assert any(outputs._pattern(column).match(c) for c in header), (table.file, column)
            else:
                assert column in header, f"{table.file}: {column} is documented but no longer written; {FIX}"


def test_pattern_columns_resolve_to_the_longest_pattern():
    assert outputs.describe("articles.csv", "frame_conflict_n") == "indicator matches of one frame"
    assert outputs.describe("articles.csv", "frame_conflict") == "indicator matches of one frame per 1,000 words"
    assert outputs.describe("articles.csv", "loaded_fear_appeal") == "counted matches of one lexicon category"
    assert outputs.describe("articles.csv", "no_such_column") is None
    assert outputs.describe("nothing.csv", "id") is None
    assert outputs.undocumented("stance.csv", ["id", "target", "mood"]) == ["mood"]


def test_outputs_doc_is_current():
    current = (paths.ROOT / "docs" / "outputs.md").read_text(encoding="utf-8")
    assert current == outputs.render(), "docs/outputs.md is out of date: run PYTHONPATH=. python scripts/outputs_doc.py"

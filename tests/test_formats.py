"""score --format parquet: the same tables as the CSVs, typed."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cli.main import main
from analysis.tables.formats import csv_to_parquet


def test_parquet_tables_equal_the_csv_tables(tmp_path, capsys):
    corpus = tmp_path / "c.csv"
    pd.DataFrame({"id": ["007", "a2"], "source": ["X", "Y"],
                  "text": ["A reckless plan, said Kyiv.", "Moscow called it “nonsense”."]}).to_csv(corpus, index=False)
    assert main(["score", str(corpus), "--out", str(tmp_path / "csv"), "--no-progress"]) == 0
    assert main(["score", str(corpus), "--out", str(tmp_path / "pq"), "--no-progress", "--format", "parquet"]) == 0
    names = sorted(p.name for p in (tmp_path / "pq").glob("*.parquet"))
    assert names == ["articles.parquet", "attributions.parquet", "frame_spans.parquet", "mentions.parquet",
                     "naming_spans.parquet", "spans.parquet", "stance.parquet"]
    for name in ("articles", "spans", "mentions", "stance", "attributions", "naming_spans"):
        from_csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype={"id": str}, keep_default_na=False)
        from_pq = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert from_pq.columns.tolist() == from_csv.columns.tolist()
        pd.testing.assert_frame_equal(from_pq, from_csv, check_dtype=False)
    spans = pd.read_parquet(tmp_path / "pq" / "spans.parquet")
    assert spans["id"].tolist()[0] == "007"  # ids stay text
    assert str(spans["start"].dtype) == "int64" and str(spans["in_quote"].dtype) == "bool"


def test_a_column_empty_at_first_and_numbers_that_turn_decimal(tmp_path):
    rows = ["id,score,note"] + [f"a{k},0," for k in range(5)] + ["b,0.25,said", "c,1,"]
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    import analysis.tables.formats as formats

    formats._CHUNK_ROWS = 2  # the types are decided over the whole file, not the first chunk
    try:
        out = pd.read_parquet(csv_to_parquet(tmp_path / "t.csv", tmp_path / "t.parquet"))
    finally:
        formats._CHUNK_ROWS = 200_000
    assert out["score"].tolist() == [0, 0, 0, 0, 0, 0.25, 1] and str(out["score"].dtype) == "float64"
    assert out["note"].tolist() == ["", "", "", "", "", "said", ""]


def test_csv_lines_writes_what_pandas_writes_row_by_row():
    import numpy as np

    from analysis.tables.io import CSV_OPTIONS, csv_lines

    frame = pd.DataFrame({
        "id": ["a", "b", "c"],
        "n": np.array([3, -1, 0], dtype="int64"),
        "x": [1 / 3, -0.0, float("nan")],
        "big": [1e-7, 123456789.0, float("inf")],
        "flag": [True, False, True],
        "text": ['said "no", twice', None, "line\nbreak"],
        "label": pd.array(["pos", None, ""], dtype="str"),
        "date": pd.to_datetime(["2025-03-01 00:00", None, "2025-03-02 10:30"]),
        "kind": pd.Categorical(["x,y", None, "z"]),
        "count": pd.array([1, None, 2], dtype="Int64"),
    })
    lines = csv_lines(frame)
    assert lines == [
        'a,3,0.333333,1e-07,True,"said ""no"", twice",pos,2025-03-01 00:00:00,"x,y",1\n',
        "b,-1,-0,1.23457e+08,False,,,,,\n",
        'c,0,,inf,True,"line\nbreak",,2025-03-02 10:30:00,z,2\n',
    ]
    assert "".join(lines) == frame.to_csv(header=False, **CSV_OPTIONS)
    assert csv_lines(frame.iloc[:0]) == []


def test_csv_lines_leaves_cells_that_are_not_text_and_a_lone_empty_cell_to_the_writer():
    from analysis.tables.io import CSV_OPTIONS, csv_lines

    # an object column holding numbers and text: the writer writes each cell (floats with repr)
    mixed = pd.DataFrame({"id": ["a,b", "c"], "v": [2.5, 'x "y"'], "w": [1, None]}, dtype=object)
    assert csv_lines(mixed) == ['"a,b",2.5,1\n', 'c,"x ""y""",\n']
    assert "".join(csv_lines(mixed)) == mixed.to_csv(header=False, **CSV_OPTIONS)
    # a row of one empty cell is written as "" (so that it is not an empty line)
    lone = pd.DataFrame({"id": ["", "a,b"]})
    assert csv_lines(lone) == ['""\n', '"a,b"\n']
    assert "".join(csv_lines(lone)) == lone.to_csv(header=False, **CSV_OPTIONS)


def test_csv_body_is_the_text_pandas_writes_and_counts_each_rows_bytes():
    from analysis.tables.io import CSV_OPTIONS, csv_body

    frame = pd.DataFrame({
        "id": pd.Series(["a", "b", "b"], dtype=object),
        "text": pd.Series(['said "no", twice', "Kyiv – Київ", ""], dtype=object),  # non-ASCII: bytes, not characters
        "note": pd.Series([None, "x", float("nan")], dtype=object),  # missing values: the writer's path
        "x": [0.5, -0.0, float("nan")],
    })
    body, sizes = csv_body(frame)
    assert body == frame.to_csv(header=False, **CSV_OPTIONS).encode("utf-8")
    assert sizes.tolist() == [len(line.encode("utf-8")) for line in body.decode("utf-8").splitlines(keepends=True)]
    assert sizes.tolist() == [28, 25, 5]
    assert csv_body(frame.iloc[:0])[0] == b"" and len(csv_body(frame.iloc[:0])[1]) == 0


def test_score_parts_count_each_articles_bytes_and_refuse_rows_out_of_order():
    from analysis.tables.score import _csv_body

    table = pd.DataFrame({"id": ["a", "a", "c"], "n": [1, 22, 3]})
    assert _csv_body(table, ["a", "b", "c"]) == (b"a,1\na,22\nc,3\n", [9, 0, 4])
    with pytest.raises(RuntimeError, match="rows of id 'a' are not adjacent"):
        _csv_body(pd.DataFrame({"id": ["a", "c", "a"], "n": [1, 2, 3]}), ["a", "c"])


def test_tables_from_rows_have_typed_numbers_and_text_as_objects():
    from analysis.tables.rows import from_rows

    rows = [("a", 1, 0.5, True, "x"), ("b", 2, 1.0, False, "y")]
    types = {"n": "int64", "w": "float64", "q": "bool"}
    table = from_rows(rows, ["id", "n", "w", "q", "t"], types)
    assert table.dtypes.astype(str).tolist() == ["object", "int64", "float64", "bool", "object"]
    assert table.values.tolist() == [list(r) for r in rows]
    empty = from_rows([], ["id", "n", "w", "q", "t"], types)
    assert empty.shape == (0, 5) and empty.dtypes.astype(str).tolist() == ["object", "int64", "float64", "bool", "object"]
    # a column that is not all text is typed by pandas, as a table of the rows would be
    assert from_rows([("a", 1), ("b", None)], ["id", "v"], {})["v"].tolist()[0] == 1

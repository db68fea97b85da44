"""The bad-input matrix: each case, the exact line `corpus` and `score` print, and docs/bad_input.md generated from it.

Every case runs through both commands: an error is one line, `error: ...`, the same from both,
exit code 1, and earlier outputs are untouched; the cases that are read print no error. The
table at the bottom of docs/bad_input.md is rendered from CASES; a test fails when they differ
(regenerate with: UPDATE_DOCS=1 python -m pytest tests/test_bad_input.py -k matrix).
"""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths
from analysis.cli.main import main
from analysis.tables.score import OUTPUT_FILES, score_path
from analysis.corpus.synthetic import generate_corpus

DOC = paths.ROOT / "docs" / "bad_input.md"
OK = "read and scored"


def _xlsx(rows: list[list]) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# (case, file name, content, what happens). In the expected line FILE stands for the file's path.
CASES = [
    # --- encodings
    ("Windows-1252 (or Latin-1) bytes in a UTF-8 file", "c.csv", "id,text\na,fine\nb,“reckless”\n".encode("cp1252"),
     "error: FILE: not valid UTF-8 (byte 0x93 at byte offset 17, line 3, row 2 (id 'b')). If it was saved on Windows or by "
     "Excel, convert it: iconv -f windows-1252 -t utf-8 IN > OUT (or pass --encoding windows-1252; ENCODING=windows-1252 with make); in Excel save as \"CSV UTF-8\"."),
    ("UTF-8 with a byte-order mark", "c.csv", "\ufeffid,text\na,Kyiv said\n".encode("utf-8"), OK),
    ("UTF-16 with a byte-order mark (Excel's \"Unicode text\")", "c.csv", "id,text\na,Kyiv said\n".encode("utf-16"), OK),
    ("a JSON `\\ud800` escape (half a surrogate pair)", "c.jsonl", b'{"id": "a", "text": "Kyiv \\ud800 said"}\n',
     "error: FILE, line 1, row 1 (id 'a'): column 'text' holds \\ud800, half of a surrogate pair, which is not a character. "
     "Fix the JSON escape (characters beyond U+FFFF are written as two escapes, e.g. \\ud83d\\ude00)."),
    # --- CSV structure
    ("a CSV row with more fields than the header", "c.csv", b"id,text\na,b,c,d\n",
     "error: FILE, row 1 (line 2): 4 fields where the header has 2 (first field 'a'). Quote fields that hold a comma "
     "(\"a, b\"), or fill the missing fields."),
    ("a CSV row with fewer fields than the header", "c.csv", b"id,text,source\n1,hello\n",
     "error: FILE, row 1 (line 2): 2 fields where the header has 3 (first field '1'). Quote fields that hold a comma "
     "(\"a, b\"), or fill the missing fields."),
    ("a stray quote in a CSV field", "c.csv", b'id,text\n1,"He said "barbaric" things"\n',
     "error: FILE, row 1 (line 2): a stray quote: a quoted field goes on after its closing quote. Inside a quoted field "
     "write a quote as two quotes (\"He said \"\"barbaric\"\" things\")."),
    ("a quoted CSV field that never ends", "c.csv", b'id,text\n1,"unclosed\n',
     "error: FILE, row 1 (line 2): a quoted field is never closed (a missing quote). Close it, or double the quotes inside it."),
    ("a column named twice in a CSV header", "c.csv", b"id,text,text\na,b,c\n",
     "error: FILE: the header names the column 'text' twice. Give every column its own name."),
    ("a carriage return alone in an unquoted CSV field (old Mac line ends)", "c.csv", b"id,text\r1,a\r",
     "error: FILE, the header (line 1): a carriage return (\\r) alone ends a line; convert the line ends: dos2unix, or "
     "mac2unix for old Mac files."),
    # --- JSONL structure
    ("U+2028, U+2029, U+0085 inside a JSON string", "c.jsonl",
     '{"id": "a", "text": "Kyiv\u2028said\u2029it\x85was reckless."}\n'.encode(), OK),
    ("a broken JSON line", "c.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": \n',
     "error: FILE, line 2: not valid JSON (Expecting value). Each line must be one JSON object."),
    ("JSON nested 100,000 deep", "c.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n",
     "error: FILE, line 1: JSON nested too deeply. Each line must be one flat JSON object like {\"id\": ..., \"text\": ...}."),
    # --- ids and texts
    ("a null id in JSONL", "c.jsonl", b'{"id": "a", "text": "Kyiv said."}\n{"id": null, "text": "x"}\n',
     "error: FILE, row 2: empty `id`. Every article needs a unique, non-empty id."),
    ("a missing id in JSONL", "c.jsonl", b'{"id": "a", "text": "Kyiv said."}\n{"text": "x"}\n',
     "error: FILE, row 2: empty `id`. Every article needs a unique, non-empty id."),
    ("an id that is a JSON object", "c.jsonl", b'{"id": {"a": 1}, "text": "Kyiv said."}\n',
     "error: FILE, row 1: the `id` is a dict, not text or a number. Give every article a plain id."),
    ("a null id in Parquet", "c.parquet", lambda: _parquet({"id": ["a", None], "text": ["Kyiv said.", "x"]}),
     "error: FILE, row 2: empty `id`. Every article needs a unique, non-empty id."),
    ("an id used twice", "c.csv", b"id,text\n1,a\n2,b\n1,c\n",
     "error: FILE: duplicate id '1' in rows 1, 3. Ids must be unique: rename or remove the duplicates."),
    ("a blank text", "c.csv", b"id,text\n1,a\n2,   \n",
     "error: FILE, row 2 (id '2'): the text is blank. Remove the article or give it its text."),
    ("a date that is not ISO 8601", "c.csv", b"id,text,date\n1,a,01/03/2025\n",
     "error: FILE, row 1 (id '1'): date '01/03/2025' is not ISO 8601. Write it as YYYY-MM-DD (or leave it empty)."),
    ("no `text` column (e.g. `body`)", "c.csv", b"id,body\n1,x\n",
     "error: FILE: no `text` column (columns are: id, body). A corpus table needs `id` and `text`; rename your columns, "
     "or name yours with --text-column (TEXT_COLUMN=)."),
    # --- zero articles
    ("a header-only CSV", "c.csv", b"id,source,text\n",
     "error: FILE: a header but no rows: no articles. Add at least one article."),
    ("a Parquet table with no rows", "c.parquet", lambda: _parquet({"id": [], "text": []}),
     "error: FILE: the table has no rows: no articles. Give a table with at least one article."),
    ("an empty JSONL file", "c.jsonl", b"\n\n",
     "error: FILE: the file holds no records. Give one JSON object per line with at least `id` and `text`."),
    ("an empty CSV file", "c.csv", b"",
     "error: FILE: the file is empty. Give a CSV with a header row and at least `id` and `text` columns."),
    # --- spreadsheets
    ("an .xlsx workbook", "c.xlsx", lambda: _xlsx([["id", "text"], [1, "Kyiv said"]]), OK),
    ("an .xlsx workbook with no rows", "c.xlsx", lambda: _xlsx([["id", "text"]]),
     "error: FILE: the first sheet has no rows below its header: no articles. Add at least one article."),
    ("an .xls (old Excel) file", "c.xls", b"x",
     "error: FILE: unsupported file type '.xls'. Use a folder of .txt files or a .csv, .jsonl, .parquet or .xlsx file. "
     "Save the sheet as .xlsx or as \"CSV UTF-8\"."),
    ("a spreadsheet formula in a cell (`=cmd|' /C calc'!A0`)", "c.csv", b"id,text\n\"=cmd|' /C calc'!A0\",+Kyiv said\n", OK),
]


def _parquet(columns: dict) -> bytes:
    import io

    buffer = io.BytesIO()
    pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()}).to_parquet(buffer, index=False)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def earlier(tmp_path_factory):
    folder = tmp_path_factory.mktemp("earlier")
    generate_corpus(2).to_csv(folder / "good.csv", index=False)
    score_path(folder / "good.csv", folder / "out", progress=False)
    return folder / "out", {n: (folder / "out" / n).read_bytes() for n in OUTPUT_FILES}


@pytest.mark.parametrize(("case", "name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case(case, name, content, expected, tmp_path, earlier, capsys):
    import shutil

    path = tmp_path / name
    path.write_bytes(content() if callable(content) else content)
    out = tmp_path / "out"
    shutil.copytree(earlier[0], out, symlinks=True)
    corpus_code = main(["corpus", str(path)])
    corpus_err = capsys.readouterr().err
    score_code = main(["score", str(path), "--out", str(out), "--no-progress"])
    score_err = capsys.readouterr().err
    errors = [line for line in score_err.splitlines() if line.startswith("error:")]
    if expected == OK:
        assert (corpus_code, score_code, errors) == (0, 0, [])
        return
    assert (corpus_code, score_code) == (1, 1)
    line = expected.replace("FILE", str(path))
    assert score_err == line + "\n" and corpus_err.splitlines()[-1] == line
    assert {n: (out / n).read_bytes() for n in OUTPUT_FILES} == earlier[1]


def render() -> str:
    """The generated part of docs/bad_input.md."""
    rows = ["| input | what happens |", "| --- | --- |"]
    for case, name, _content, expected in CASES:
        what = "read and scored" if expected == OK else "`" + expected.replace("FILE", name).replace("|", "\\|") + "`"
        rows.append(f"| {case} (`{name}`) | {what} |")
    return "\n".join(rows) + "\n"


MARK = "<!-- generated from tests/test_bad_input.py: do not edit below -->\n"


def test_matrix_in_docs_is_generated_from_the_cases():
    text = DOC.read_text(encoding="utf-8")
    head = text.split(MARK)[0]
    if os.environ.get("UPDATE_DOCS"):
        DOC.write_text(head + MARK + render(), encoding="utf-8")
        text = DOC.read_text(encoding="utf-8")
    assert MARK in text and text.split(MARK)[1] == render(), (
        "docs/bad_input.md is out of date: UPDATE_DOCS=1 python -m pytest tests/test_bad_input.py -k matrix"
    )


# --- more than the corpus file -----------------------------------------------------------------


def test_id_and_text_columns_and_encoding(tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_bytes("doc,outlet,body\nd1,A,Kyiv’s plan was reckless\n".encode("cp1252"))
    args = ["--id-column", "doc", "--text-column", "body", "--source-column", "outlet", "--encoding", "windows-1252"]
    assert main(["score", str(path), "--out", str(tmp_path / "out"), "--no-progress", *args]) == 0
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", dtype=str)
    assert articles[["id", "source"]].values.tolist() == [["d1", "A"]]
    spans = pd.read_csv(tmp_path / "out" / "spans.csv", dtype=str)
    assert spans["text"].tolist() == ["reckless"] and spans["start"].tolist() == ["16"]  # ’ read as one character
    capsys.readouterr()
    assert main(["corpus", str(path), "--id-column", "nope", "--encoding", "windows-1252"]) == 1
    assert capsys.readouterr().err == (
        f"error: {path}: no column 'nope' for --id-column (columns are: doc, outlet, body). Pass an existing column to --id-column.\n"
    )


def test_zero_mentions_of_every_actor_is_a_warning(tmp_path, capsys):
    path = tmp_path / "local.csv"
    path.write_text("id,source,text\na,X,The council met on Tuesday.\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="no article mentions any actor of data/lexicons/targets.csv: mentions.csv and stance.csv have no rows"):
        assert main(["score", str(path), "--out", str(tmp_path / "out"), "--no-progress"]) == 0


def test_xlsx_export_runs_nothing_and_keeps_the_csvs_exact(tmp_path, capsys):
    path = tmp_path / "f.csv"
    path.write_text("id,source,text\n\"=cmd|' /C calc'!A0\",@evil,+1 said Kyiv was reckless\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["score", str(path), "--out", str(out), "--no-progress", "--xlsx"]) == 0
    from openpyxl import load_workbook

    book = load_workbook(out / "scores.xlsx")
    assert book.sheetnames == ["articles", "spans", "mentions", "stance", "frame_spans", "attributions", "naming_spans"]
    cell = book["articles"]["A2"]
    assert (cell.value, cell.data_type) == ("=cmd|' /C calc'!A0", "s")
    assert book["articles"]["B2"].value == "@evil" and isinstance(book["articles"]["C2"].value, (int, float))
    with zipfile.ZipFile(out / "scores.xlsx") as archive:
        assert not any("<f>" in archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert pd.read_csv(out / "articles.csv", dtype=str)["id"].tolist() == ["=cmd|' /C calc'!A0"]  # the CSV is exact
    # A run without --xlsx removes the workbook of the earlier set with it.
    assert main(["score", str(path), "--out", str(out), "--no-progress"]) == 0
    assert not (out / "scores.xlsx").exists() and not (out / "scores.xlsx").is_symlink()


@pytest.mark.parametrize(("config", "message"), [
    ({"C": "abc"}, "config 'C' is 'abc', not a positive number. Retrain the model (python -m analysis stance train ...) or fix the value."),
    ({"max_iter": 2.5}, "config 'max_iter' is 2.5, not a positive whole number."),
])
def test_model_config_errors_name_the_file(config, message, tmp_path, capsys):
    from analysis.measures.stance_model import FORMAT, FORMAT_VERSION, LABELS

    model = {"format": FORMAT, "format_version": FORMAT_VERSION, "classes": list(LABELS), "vocabulary": ["w"],
             "coef": [[0.0]] * len(LABELS), "intercept": [0.0] * len(LABELS), "config": config}
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    code = main(["score", str(paths.RAW), "--out", str(tmp_path / "out"), "--no-progress", "--stance-model", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(f"error: {path}: {message}") and err.count("\n") == 1


def test_deeply_nested_model_json(tmp_path, capsys):
    path = tmp_path / "m.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code = main(["score", str(paths.RAW), "--out", str(tmp_path / "out"), "--no-progress", "--stance-model", str(path)])
    assert code == 1 and capsys.readouterr().err == (
        f"error: {path}: not a stance model (JSON nested too deeply). "
        "Retrain with: python -m analysis stance train LABELED.csv --out MODEL.json\n"
    )


def test_allow_pickle_is_gone(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["score", str(paths.RAW), "--out", str(tmp_path / "out"), "--allow-pickle"])
    assert exit_info.value.code == 2 and "unrecognized arguments: --allow-pickle" in capsys.readouterr().err


@pytest.mark.parametrize("category", ["n", "per_1k", "intensity"])
def test_lexicon_category_clashing_with_a_computed_column(category, tmp_path, capsys):
    lexicon = tmp_path / "lex.csv"
    lexicon.write_text(f"pattern,category,weight\nreckless,{category},1\n", encoding="utf-8")
    code = main(["score", str(paths.RAW), "--out", str(tmp_path / "out"), "--no-progress", "--lexicon", str(lexicon)])
    assert code == 1 and capsys.readouterr().err == (
        f"error: {lexicon}: category '{category}' would make the column(s) loaded_{category}, which the scores already "
        "use for computed values. Rename the category in the lexicon CSV.\n"
    )
    assert not (tmp_path / "out").exists()


# --- raw data is never written ---------------------------------------------------------------------


def test_stance_train_and_report_refuse_data_raw_through_a_link(tmp_path, capsys):
    link = tmp_path / "raw-link"
    link.symlink_to(paths.RAW, target_is_directory=True)
    labeled = tmp_path / "l.csv"
    labeled.write_text("text,start,end,label\nKyiv said.,0,4,neu\n", encoding="utf-8")
    for argv, what in (
        (["stance", "train", str(labeled), "--out", str(link / "m.json")], "--out"),
        (["stance", "train", str(labeled), "--out", str(tmp_path / "m.json"), "--report", str(link / "r.json")], "--report"),
        (["stance", "train", str(labeled), "--out", str(labeled)], "--out"),
        (["report", "--out", str(link / "report.pdf")], "--out (REPORT_PDF)"),
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: ") and f"Choose another {what}." in err, err
    assert sorted(p.name for p in paths.RAW.iterdir()) == sorted(["metadata.csv", *[f"00{k}_" for k in []]] +
                                                                [p.name for p in paths.RAW.glob("*.txt")])


def test_writers_refuse_data_raw(tmp_path):
    from analysis.tables.io import write_json
    from analysis.paths import ProtectedPathError

    with pytest.raises(ProtectedPathError, match="inside data/raw, which is never modified"):
        write_json({"a": 1}, paths.RAW / "x.json")
    import matplotlib.pyplot as plt

    from analysis.plotting.charts import save_figure

    fig = plt.figure()
    with pytest.raises(ProtectedPathError, match=r"Choose another fig_dir \(FIG_DIR\)"):
        save_figure(fig, paths.RAW / "figs", "01_x__y")
    plt.close(fig)


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("FIG_DIR", "data/raw/figs", "error: FIG_DIR=data/raw/figs is inside data/raw, which is never modified; choose another folder"),
    ("RESULTS_DIR", "data/raw", "error: RESULTS_DIR=data/raw is inside data/raw, which is never modified; choose another folder"),
])
def test_make_refuses_outputs_in_data_raw(variable, value, message, tmp_path):
    for target in (f"{tmp_path}/params.txt", "clean"):
        done = subprocess.run(["make", "--no-print-directory", "-C", str(paths.ROOT), target, f"BUILD={tmp_path}",
                               f"{variable}={value}", "PYTHON=python3"], capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and done.stderr.splitlines()[0] == message
    assert (paths.RAW / "metadata.csv").exists()

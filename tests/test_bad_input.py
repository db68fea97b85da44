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
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths
from analysis.cli.main import main
from analysis.tables.provenance import RUN_FILE
from analysis.tables.score import OUTPUT_FILES, score_path
from analysis.corpus import load_corpus
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
    ("UTF-16 without a byte-order mark (little-endian)", "c.csv", "id,text\na,Kyiv said\n".encode("utf-16-le"),
     "error: FILE: looks like UTF-16 (little-endian) saved without a byte-order mark (20 of its first 40 bytes are 0). "
     "Pass --encoding utf-16-le (ENCODING=utf-16-le with make), or re-save the file as UTF-8."),
    ("UTF-16 without a byte-order mark (big-endian)", "c.jsonl", '{"id": "a", "text": "Kyiv"}\n'.encode("utf-16-be"),
     "error: FILE: looks like UTF-16 (big-endian) saved without a byte-order mark (28 of its first 56 bytes are 0). "
     "Pass --encoding utf-16-be (ENCODING=utf-16-be with make), or re-save the file as UTF-8."),
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
    ("a CSV saved by Excel where the decimal mark is a comma: semicolons, CRLF, a byte-order mark", "c.csv",
     "\ufeffid;source;text\r\na;Le Monde;\"Kyiv said; then left\"\r\n".encode("utf-8"), OK),
    ("a tab-separated file named .csv", "c.csv", b"id\ttext\na\tKyiv said, then left\n", OK),
    ("a semicolon-separated row with more fields than the header", "c.csv", b"id;text\na;Kyiv said; then left\n",
     "error: FILE, row 1 (line 2): 3 fields where the header has 2 (first field 'a'). Quote fields that hold a semicolon "
     "(\"a; b\"), or fill the missing fields."),
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
    ("several blank texts (each named at once)", "c.csv", b"id,text\n1,a\n2,   \n3,b\n4,\"\"\n",
     "error: FILE: 2 articles have a blank text: row 2 (id '2'), row 4 (id '4'). Remove them or give them their text."),
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


# What each case that is read reads: (id, text) of every article, exactly.
READ_AS = {
    "UTF-8 with a byte-order mark": [("a", "Kyiv said")],
    "UTF-16 with a byte-order mark (Excel's \"Unicode text\")": [("a", "Kyiv said")],
    "U+2028, U+2029, U+0085 inside a JSON string": [("a", "Kyiv\u2028said\u2029it\x85was reckless.")],
    "a CSV saved by Excel where the decimal mark is a comma: semicolons, CRLF, a byte-order mark": [("a", "Kyiv said; then left")],
    "a tab-separated file named .csv": [("a", "Kyiv said, then left")],
    "an .xlsx workbook": [("1", "Kyiv said")],
    "a spreadsheet formula in a cell (`=cmd|' /C calc'!A0`)": [("=cmd|' /C calc'!A0", "+Kyiv said")],
}


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
    return folder / "out", {n: (folder / "out" / n).read_bytes() for n in [*OUTPUT_FILES, RUN_FILE]}


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
        from analysis.corpus import load_corpus

        assert (corpus_code, score_code, errors) == (0, 0, [])
        corpus = load_corpus(path)
        assert list(zip(corpus["id"], corpus["text"])) == READ_AS[case]  # read exactly: nothing split, altered or dropped
        scored = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
        assert scored["id"].tolist() == [ident for ident, _text in READ_AS[case]]
        return
    assert (corpus_code, score_code) == (1, 1)
    line = expected.replace("FILE", str(path))
    assert score_err == line + "\n" and corpus_err.splitlines()[-1] == line
    assert {n: (out / n).read_bytes() for n in [*OUTPUT_FILES, RUN_FILE]} == earlier[1]
    # nothing of the failed run is left behind (no parts to resume: bad input never completes)
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUT_FILES, RUN_FILE, ".current", ".sets"])
    assert len(list((out / ".sets").iterdir())) == 1


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
    # --targets auto finds the actors in the corpus read the same way (it read `id` and `text` in UTF-8, and failed)
    assert main(["score", str(path), "--out", str(tmp_path / "auto"), "--no-progress", *args, "--targets", "auto"]) == 0
    found = pd.read_csv(tmp_path / "auto" / "targets_discovered.csv")
    assert found["target"].tolist() == ["Ukraine"] and found["pattern"].tolist() == ["Kyiv"]
    # explore and reuse, given the file rather than make's copy, read it with the same options (they had
    # --source-column alone, while the error told them to pass --id-column)
    assert main(["explore", str(path), "--scores", str(tmp_path / "out"), "--out", str(tmp_path / "explore"), *args]) == 0
    assert (tmp_path / "explore" / "index.html").exists()
    assert main(["reuse", str(path), *args]) == 0
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
    ({"max_iter": 2.5}, "config 'max_iter' is 2.5, not a positive whole number. Retrain the model (python -m analysis stance train ...) or fix the value."),
])
def test_model_config_errors_name_the_file(config, message, tmp_path, capsys):
    from analysis.measures.stance_model import FORMAT, FORMAT_VERSION, LABELS

    model = {"format": FORMAT, "format_version": FORMAT_VERSION, "classes": list(LABELS), "vocabulary": ["w"],
             "coef": [[0.0]] * len(LABELS), "intercept": [0.0] * len(LABELS), "config": config}
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    code = main(["score", str(paths.RAW), "--out", str(tmp_path / "out"), "--no-progress", "--stance-model", str(path)])
    err = capsys.readouterr().err
    assert (code, err) == (1, f"error: {path}: {message}\n")


def test_a_missing_model_file_is_bad_input_not_a_failed_write(tmp_path, capsys):
    # make report STANCE=my_model.json passes a path as --stance-model: a wrong one says what to do, nothing is written
    path = tmp_path / "my_model.json"
    code = main(["score", str(paths.RAW), "--out", str(tmp_path / "out"), "--no-progress", "--stance-model", str(path)])
    assert (code, capsys.readouterr().err) == (1, f"error: {path}: no such model file. Train one with: python -m analysis "
                                                  f"stance train LABELED.csv --out {path}\n")
    assert not (tmp_path / "out").exists()
    folder = tmp_path / "models"
    folder.mkdir()
    code = main(["score", str(paths.RAW), "--out", str(tmp_path / "out"), "--no-progress", "--stance-model", str(folder)])
    assert (code, capsys.readouterr().err) == (1, f"error: --stance-model {folder}: Is a directory; check the path and "
                                                  "rerun.\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("option", ["--lexicon", "--targets", "--frames", "--span-model", "--stance-model"])
def test_a_folder_given_for_an_input_file_names_the_option_not_the_output(option, tmp_path, capsys):
    folder = tmp_path / "a folder"
    folder.mkdir()
    code = main(["score", str(paths.RAW), "--out", str(tmp_path / "out"), "--no-progress", option, str(folder)])
    assert (code, capsys.readouterr().err) == (1, f"error: {option} {folder}: Is a directory; check the path and rerun.\n")
    assert not (tmp_path / "out").exists()


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
    ("EXPLORE_DIR", "data/raw/x", "error: EXPLORE_DIR=data/raw/x is inside data/raw, which is never modified; choose another folder"),
    ("REPORT_PDF", "data/raw/r.pdf", "error: REPORT_PDF=data/raw/r.pdf is inside data/raw, which is never modified; choose another folder"),
])
def test_make_refuses_outputs_in_data_raw(variable, value, message, tmp_path):
    for target in (f"{tmp_path}/params.txt", "clean"):
        done = subprocess.run(["make", "--no-print-directory", "-C", str(paths.ROOT), target, f"BUILD={tmp_path}",
                               f"{variable}={value}", "PYTHON=python3"], capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and done.stderr.splitlines()[0] == message
    assert (paths.RAW / "metadata.csv").exists()


def test_reuse_cache_never_goes_into_data_raw_or_the_corpus(tmp_path, capsys):
    corpus = _folder_corpus(tmp_path / "corpus")
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    raw_cache = paths.RAW / ".text_reuse"
    for target, expected in (
        (raw_cache, f"{raw_cache}: inside data/raw, which is never modified. Choose another --cache."),
        (corpus / ".text_reuse", f"{corpus / '.text_reuse'}: inside the input folder {corpus}, which is never modified. "
                                 "Choose another --cache."),
    ):
        assert main(["reuse", str(corpus), "--cache", str(target)]) == 1
        assert capsys.readouterr().err == f"error: {expected}\n"
    assert not raw_cache.exists() and {p.name: p.read_bytes() for p in corpus.iterdir()} == before


def _folder_corpus(folder: Path) -> Path:
    folder.mkdir()
    for k, text in enumerate(["Putin warned Kyiv.", "Macron praised Ukraine."]):
        (folder / f"a{k}.txt").write_text(text, encoding="utf-8")
    return folder


def test_actors_and_evaluate_never_write_onto_their_inputs(tmp_path, capsys, earlier):
    corpus = _folder_corpus(tmp_path / "corpus")
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    for target, expected in (
        (corpus / "a0.txt", f"{corpus / 'a0.txt'}: inside the input folder {corpus}, which is never modified. Choose another --out."),
        (corpus / "new.csv", f"{corpus / 'new.csv'}: inside the input folder {corpus}, which is never modified. Choose another --out."),
    ):
        assert main(["actors", str(corpus), "--out", str(target)]) == 1
        assert capsys.readouterr().err == f"error: {expected}\n"
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
    gold = tmp_path / "gold.csv"
    gold.write_text("id,start,end,category\na0,0,5,x\n", encoding="utf-8")
    pred = earlier[0] / "spans.csv"
    kept = (gold.read_bytes(), pred.read_bytes())
    for target, given in ((gold, gold), (pred, pred)):
        assert main(["evaluate", "spans", str(gold), str(pred), "--out", str(target)]) == 1
        assert capsys.readouterr().err == f"error: {target}: is the input {given} itself. Choose another --out.\n"
    assert (gold.read_bytes(), pred.read_bytes()) == kept and pred.is_symlink()


def test_explore_replaces_only_an_explorer_folder(tmp_path, capsys, earlier):
    corpus = earlier[0].parent / "good.csv"
    scores = earlier[0]
    link = tmp_path / "raw-link"
    link.symlink_to(paths.RAW, target_is_directory=True)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    for out, expected in (
        (link / "ex", f"{link / 'ex'}: inside data/raw, which is never modified. Choose another --out (EXPLORE_DIR)."),
        (scores, f"{scores}: is the input {scores} itself. Choose another --out (EXPLORE_DIR)."),
        (scores / "ex", f"{scores / 'ex'}: inside the input folder {scores}, which is never modified. Choose another --out (EXPLORE_DIR)."),
        (mine, f"{mine}: holds 'notes.txt', which is not part of an explorer; explore replaces its --out folder as a whole. "
               "Choose a new or empty folder for --out (EXPLORE_DIR), or an earlier explorer folder."),
        (tmp_path, f"{tmp_path}: holds 'mine', which is not part of an explorer; explore replaces its --out folder as a whole. "
                   "Choose a new or empty folder for --out (EXPLORE_DIR), or an earlier explorer folder."),
    ):
        assert main(["explore", str(corpus), "--scores", str(scores), "--out", str(out)]) == 1
        assert capsys.readouterr().err == f"error: {expected}\n"
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me" and not (paths.RAW / "ex").exists()
    assert main(["explore", str(corpus), "--scores", str(scores), "--out", str(tmp_path / "ex")]) == 0
    assert main(["explore", str(corpus), "--scores", str(scores), "--out", str(tmp_path / "ex")]) == 0  # its own folder: replaced
    assert sorted(p.name for p in (tmp_path / "ex").iterdir()) == ["data.js", "explore.css", "explore.js", "index.html"]


def test_explore_on_a_scores_folder_that_is_not_score_s_is_a_one_line_error(tmp_path, capsys, earlier):
    scores = tmp_path / "scores"
    scores.mkdir()
    (scores / "articles.csv").write_bytes((earlier[0] / "articles.csv").read_bytes())
    (scores / "spans.csv").write_text("metric,precision\noverlap,1.0\n", encoding="utf-8")
    code = main(["explore", str(earlier[0].parent / "good.csv"), "--scores", str(scores), "--out", str(tmp_path / "ex")])
    assert code == 1 and capsys.readouterr().err == (
        f"error: {scores / 'spans.csv'}: no column(s) id, start, end, text, term, category, in_quote: not a table written by "
        f"python -m analysis score. Score the corpus again (python -m analysis score CORPUS --out {scores}).\n"
    )


def test_a_full_disk_or_a_forbidden_path_is_one_line_naming_the_path(tmp_path, capsys, earlier, monkeypatch):
    import errno
    import shutil

    import analysis.measures.actors as actors_mod
    import analysis.tables.score as score_mod

    out = tmp_path / "out"
    shutil.copytree(earlier[0], out, symlinks=True)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / ".sets" / "x" / "spans.csv"))

    monkeypatch.setattr(score_mod, "_write_outputs", full)
    assert main(["score", str(earlier[0].parent / "good.csv"), "--out", str(out), "--no-progress"]) == 1
    assert capsys.readouterr().err == (
        f"error: {out / '.sets' / 'x' / 'spans.csv'}: cannot write (No space left on device); the disk is full: free some "
        "space (or choose a path on another disk) and rerun.\n"
    )
    assert {n: (out / n).read_bytes() for n in [*OUTPUT_FILES, RUN_FILE]} == earlier[1]
    # no half-written set is left; the scored parts are kept, so that the rerun after freeing space resumes
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUT_FILES, RUN_FILE, ".current", ".score-parts", ".sets"])
    assert len(list((out / ".sets").iterdir())) == 1

    def forbidden(actors, path, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(actors_mod, "write_targets", forbidden)
    corpus = _folder_corpus(tmp_path / "corpus")
    code = main(["actors", str(corpus), "--out", str(tmp_path / "t.csv"), "--min-articles", "1"])
    assert code == 1 and capsys.readouterr().err == (
        f"error: {tmp_path / 't.csv'}: Permission denied; you may not use that path: fix its permissions or choose another.\n"
    )


def test_an_article_longer_than_the_cap_is_an_error_that_says_to_split_it(tmp_path, capsys, earlier, monkeypatch):
    import shutil

    monkeypatch.setattr("analysis.corpus.stream.MAX_ARTICLE_CHARS", 40)
    path = tmp_path / "c.csv"
    path.write_text("id,text\nshort,Kyiv said.\nlong," + "Kyiv said it. " * 4 + "\n", encoding="utf-8")
    out = tmp_path / "out"
    shutil.copytree(earlier[0], out, symlinks=True)
    line = (f"error: {path}, row 2 (id 'long'): the text has 56 characters, more than the 40 accepted (a longer text is "
            "rarely one article). Split it into several articles.")
    assert main(["corpus", str(path)]) == 1 and capsys.readouterr().err.splitlines()[-1] == line
    assert main(["score", str(path), "--out", str(out), "--no-progress"]) == 1 and capsys.readouterr().err == line + "\n"
    assert {n: (out / n).read_bytes() for n in [*OUTPUT_FILES, RUN_FILE]} == earlier[1]


def test_make_refuses_outputs_in_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kyiv said.", encoding="utf-8")
    for variable in ("FIG_DIR", "EXPLORE_DIR"):
        done = subprocess.run(["make", "--no-print-directory", "-C", str(paths.ROOT), f"{tmp_path}/params.txt", f"BUILD={tmp_path}",
                               f"CORPUS={corpus}", f"{variable}={corpus}/out", "PYTHON=python3"], capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and done.stderr.splitlines()[0] == (
            f"error: {variable}={corpus}/out is inside the corpus (CORPUS={corpus}), which is never modified; choose another folder")
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt"]


def test_score_warns_once_about_a_missing_source_column(tmp_path):
    corpus = tmp_path / "no_source.jsonl"
    corpus.write_text('{"id": "a", "text": "Putin warned Kyiv."}\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "analysis", "score", str(corpus), "--out", str(tmp_path / "out"), "--no-progress"],
                          cwd=paths.ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("no `source` column") == 1, done.stderr
    assert f"warning: {corpus}: no `source` column; every article gets source 'unknown'." in done.stderr.splitlines()


def test_a_folder_text_in_utf16_without_a_mark_is_refused_and_read_with_its_encoding(tmp_path, capsys):
    from analysis.corpus import load_corpus

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes("A reckless plan.".encode("utf-16-le"))
    assert main(["score", str(folder), "--out", str(tmp_path / "out"), "--no-progress"]) == 1
    assert capsys.readouterr().err == (
        f"error: {folder / 'a.txt'}: looks like UTF-16 (little-endian) saved without a byte-order mark (16 of its first "
        "32 bytes are 0). Pass --encoding utf-16-le (ENCODING=utf-16-le with make), or re-save the file as UTF-8.\n")
    assert not (tmp_path / "out").exists()
    corpus = load_corpus(folder, encoding="utf-16-le")
    assert list(zip(corpus["id"], corpus["text"])) == [("a", "A reckless plan.")]


def test_date_column_names_the_dates_of_an_export(tmp_path, capsys):
    # a news-database export: url, media_name, publish_date, content
    path = tmp_path / "export.csv"
    path.write_text("url,media_name,publish_date,content\nu1,A,2019-03-02T10:00:00Z,Kyiv met.\nu2,B,,Paris met.\n",
                    encoding="utf-8")
    corpus = load_corpus(path, id_column="url", text_column="content", source_column="media_name", date_column="publish_date")
    assert corpus[["id", "source", "date"]].values.tolist() == [["u1", "A", "2019-03-02T10:00:00Z"], ["u2", "B", ""]]
    assert "publish_date" not in corpus.columns
    base = ["--id-column", "url", "--text-column", "content", "--source-column", "media_name"]
    assert main(["corpus", str(path), *base, "--date-column", "published"]) == 1
    assert capsys.readouterr().err == (
        f"error: {path}: no column 'published' for --date-column (columns are: url, media_name, publish_date, content). "
        "Pass an existing column to --date-column.\n")
    path.write_text("url,media_name,publish_date,content\nu1,A,03/02/2019,Kyiv met.\n", encoding="utf-8")
    assert main(["corpus", str(path), *base, "--date-column", "publish_date"]) == 1
    assert capsys.readouterr().err == (f"error: {path}, row 1 (id 'u1'): date '03/02/2019' is not ISO 8601. Write it as "
                                       "YYYY-MM-DD (or leave it empty).\n")
    both = tmp_path / "both.csv"
    both.write_text("id,date,publish_date,text\nu1,2019-03-02,2019-03-02,Kyiv met.\n", encoding="utf-8")
    assert main(["corpus", str(both), "--date-column", "publish_date"]) == 1
    assert "has both a `date` column and --date-column 'publish_date'. Rename or drop one of them." in capsys.readouterr().err

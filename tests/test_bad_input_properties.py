"""Property-based tests of the corpus readers: generated rows, ids, encodings and JSON, for every input format
(CSV, JSONL, Parquet, a folder of .txt files; .xlsx among the valid files).

Whatever the input, `corpus` and `score` either succeed (and the scores are those of the loaded
corpus, with text == article[start:end]) or stop with one line `error: ...` naming the file, the
same line from both commands; never a traceback, and never a change to earlier outputs.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from analysis.cli.main import main
from analysis.corpus import load_corpus
from analysis.tables.score import OUTPUT_FILES, score_path
from analysis.corpus.synthetic import generate_corpus

# Few, small examples: these run in make test (about ten seconds in all).
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Characters that break naive readers: separators, quotes, line breaks of every kind, a BOM,
# non-ASCII letters, spreadsheet formula starts, and words the lexicons know.
PIECES = st.sampled_from(list(',"\n\r \t\u2028\u2029\x85\ufeffé’“=+-@{}[]\\') + ["Kyiv ", "reckless ", "Putin ", "a", "b", "1"])
TEXT = st.lists(PIECES, max_size=12).map("".join)


@pytest.fixture(scope="module")
def earlier(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """Earlier, good outputs (copied into each example's output folder)."""
    folder = tmp_path_factory.mktemp("earlier")
    generate_corpus(2).to_csv(folder / "good.csv", index=False)
    score_path(folder / "good.csv", folder / "out", progress=False)
    return folder / "good.csv", _visible(folder / "out")


def _visible(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES if (out / name).exists()}


def _check(path: Path, tmp: Path, earlier, capsys) -> None:
    good, before = earlier
    out = tmp / "out"
    shutil.copytree(good.parent / "out", out, symlinks=True)
    assert _visible(out) == before
    corpus_code = main(["corpus", str(path)])
    corpus_err = capsys.readouterr().err
    score_code = main(["score", str(path), "--out", str(out), "--no-progress"])
    score_err = capsys.readouterr().err
    assert corpus_code in (0, 1) and score_code in (0, 1)
    event("scored" if score_code == 0 else "error: " + score_err.split(": ", 2)[-1][:40])
    if score_code == 1:
        lines = score_err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {path}"), score_err
        assert "Traceback" not in score_err
        assert corpus_code == 1 and corpus_err.splitlines()[-1] == lines[0]  # the same error from both commands
        assert _visible(out) == before  # earlier outputs untouched
        return
    assert corpus_code == 0, corpus_err
    corpus = load_corpus(path).set_index("id")
    articles = pd.read_csv(out / "articles.csv", dtype={"id": str}, keep_default_na=False)
    assert articles["id"].tolist() == sorted(corpus.index)
    spans = pd.read_csv(out / "spans.csv", dtype={"id": str, "text": str}, keep_default_na=False)
    for ident, start, end, text in zip(spans["id"], spans["start"], spans["end"], spans["text"]):
        assert corpus.at[ident, "text"][start:end] == text


def _fresh(tmp_path: Path, n: list[int]) -> Path:
    n[0] += 1
    folder = tmp_path / f"ex{n[0]}"
    folder.mkdir()
    return folder


# --- CSV ---------------------------------------------------------------------------------------

HEADER = st.lists(st.sampled_from(["id", "text", "source", "date", "", "x"]), min_size=1, max_size=4)
ROWS = st.lists(st.lists(TEXT, min_size=0, max_size=5), min_size=0, max_size=4)


@SETTINGS
@given(header=HEADER, rows=ROWS, quoting=st.booleans(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
       junk=st.one_of(st.none(), st.tuples(st.integers(0, 200), st.binary(min_size=1, max_size=2))))
def test_generated_csv(header, rows, quoting, encoding, junk, tmp_path, earlier, capsys):
    buffer = io.StringIO()
    if quoting:
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    else:  # written by hand: stray quotes, separators and line breaks as they come
        buffer.write("\n".join(",".join(r) for r in [header, *rows]) + "\n")
    data = buffer.getvalue().encode(encoding, errors="replace")
    if junk is not None:
        data = data[: junk[0]] + junk[1] + data[junk[0]:]
    folder = _fresh(tmp_path, _COUNTER)
    (folder / "c.csv").write_bytes(data)
    _check(folder / "c.csv", folder, earlier, capsys)


# --- JSONL -------------------------------------------------------------------------------------

VALUE = st.one_of(TEXT, st.none(), st.integers(-5, 5), st.floats(allow_nan=True), st.booleans(),
                  st.lists(st.integers(), max_size=2), st.dictionaries(st.sampled_from(["a"]), st.integers(), max_size=1))
RECORD = st.dictionaries(st.sampled_from(["id", "text", "source", "date"]), st.one_of(TEXT, VALUE), max_size=4)
LINE_EDIT = st.sampled_from(["none", "truncate", "surrogate", "nest", "array", "blank"])


@SETTINGS
@given(records=st.lists(st.tuples(RECORD, LINE_EDIT), max_size=4), ascii_only=st.booleans())
def test_generated_jsonl(records, ascii_only, tmp_path, earlier, capsys):
    lines = []
    for record, edit in records:
        line = json.dumps(record, ensure_ascii=ascii_only)
        if edit == "truncate":
            line = line[: len(line) // 2]
        elif edit == "surrogate":
            line = '{"id": "s", "text": "Kyiv \\ud800 said"}'
        elif edit == "nest":
            line = "[" * 5000 + "]" * 5000
        elif edit == "array":
            line = json.dumps([record])
        elif edit == "blank":
            line = "  "
        lines.append(line)
    folder = _fresh(tmp_path, _COUNTER)
    (folder / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    _check(folder / "c.jsonl", folder, earlier, capsys)


# --- Parquet -----------------------------------------------------------------------------------


@SETTINGS
@given(ids=st.lists(st.one_of(st.none(), TEXT), min_size=0, max_size=4), texts=st.lists(st.one_of(st.none(), TEXT), max_size=4),
       int_ids=st.booleans())
def test_generated_parquet(ids, texts, int_ids, tmp_path, earlier, capsys):
    n = min(len(ids), len(texts))
    if int_ids:
        ids = [None if v is None else k for k, v in enumerate(ids)]
    frame = pd.DataFrame({"id": pd.Series(ids[:n], dtype=object), "text": pd.Series(texts[:n], dtype=object)})
    folder = _fresh(tmp_path, _COUNTER)
    frame.to_parquet(folder / "c.parquet", index=False)
    _check(folder / "c.parquet", folder, earlier, capsys)


# --- a folder of .txt files --------------------------------------------------------------------

FILE_BYTES = st.one_of(TEXT.map(lambda t: t.encode("utf-8")), TEXT.map(lambda t: t.encode("utf-16")),
                       TEXT.map(lambda t: t.encode("cp1252", errors="replace")), st.binary(max_size=12))


@SETTINGS
@given(files=st.dictionaries(st.text("abc19-_ é.", min_size=1, max_size=5), FILE_BYTES, max_size=4),
       metadata=st.one_of(st.none(), st.lists(st.lists(TEXT, max_size=3), max_size=3)))
def test_generated_folder(files, metadata, tmp_path, earlier, capsys):
    folder = _fresh(tmp_path, _COUNTER)
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, data in files.items():
        (corpus / f"{name}.txt").write_bytes(data)
    if metadata is not None:
        (corpus / "metadata.csv").write_text("\n".join(",".join(row) for row in [["id", "source"], *metadata]) + "\n",
                                             encoding="utf-8")
    _check(corpus, folder, earlier, capsys)


_COUNTER = [0]


# --- valid files: every format reads the text back exactly ----------------------------------------

GOOD_TEXT = st.tuples(TEXT, TEXT).map(lambda p: p[0].lstrip("\ufeff") + "Kyiv was reckless" + p[1])
GOOD_IDS = st.lists(st.text("abcxyz019-_. é", min_size=1, max_size=6).filter(str.strip), min_size=1, max_size=4, unique=True)


@SETTINGS
@given(ids=GOOD_IDS, data=st.data(), fmt=st.sampled_from(["csv", "jsonl", "parquet", "xlsx"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_valid_files_are_read_exactly(ids, data, fmt, encoding, tmp_path, earlier, capsys):
    texts = [data.draw(GOOD_TEXT) for _ in ids]
    if fmt == "csv":  # pandas leaves a field with a carriage return but no line feed unquoted: refused (see docs)
        texts = [t.replace("\r", "\r\n") for t in texts]
    frame = pd.DataFrame({"id": ids, "source": "S", "text": texts})
    folder = _fresh(tmp_path, _COUNTER)
    path = folder / f"c.{fmt}"
    if fmt == "csv":
        path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode(encoding))
    elif fmt == "jsonl":
        path.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in frame.to_dict("records")).encode(encoding))
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    else:
        texts = [t.replace("\r", "").lstrip("\ufeff") for t in texts]  # a spreadsheet cell holds no carriage returns
        frame["text"] = texts
        frame = frame[[not any(ord(c) < 32 and c not in "\n\t" for c in t) for t in texts]]
        if frame.empty:
            return
        frame.to_excel(path, index=False)
    corpus = load_corpus(path)
    assert corpus.set_index("id")["text"].to_dict() == dict(zip(frame["id"], frame["text"]))
    _check(path, folder, earlier, capsys)

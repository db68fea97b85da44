"""Streaming `score`: chunked output is byte-identical to whole-corpus scoring, for every format and order; failures and resumption."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis.tables.score as score_mod
from analysis.cli.main import main
from analysis.corpus import CorpusError, load_corpus
from analysis.tables.score import Scorer, score_path, write_scores
from analysis.corpus.stream import iter_chunks
from analysis.corpus.synthetic import generate_corpus, write_corpus

FORMATS = ("csv", "jsonl", "parquet", "folder")

# Articles that exercise the writer: line breaks inside matched phrases and mentions (CSV fields
# with embedded newlines), CRLF, quotes and commas, non-ASCII text.
TRICKY = [
    ("tricky-crlf", "Tricky Wire", "SYNTHETIC ARTICLE\r\nKyiv called the plan reckless.\r\n\r\nThe so\r\ncalled “deal” stalls."),
    ("tricky-newline", "Tricky Wire", "SYNTHETIC ARTICLE\nKeir\nStarmer said the “peacekeepers”, he said, were a blood-\nsoaked idea."),
    ("tricky-unicode", "Tricky Wire", "SYNTHETIC ARTICLE\nZelenskyy’s «plan» — “provocative nonsense,” said Moscow; café naïve Ωmega."),
]


def _corpus() -> pd.DataFrame:
    synthetic = generate_corpus(23, seed=7)
    tricky = pd.DataFrame([{"id": i, "source": s, "date": "2025-03-01", "title": "", "text": t, "synthetic": True}
                           for i, s, t in TRICKY])
    return pd.concat([synthetic, tricky], ignore_index=True)


def _write(frame: pd.DataFrame, path: Path, fmt: str) -> Path:
    if fmt == "csv":
        frame.to_csv(path, index=False, lineterminator="\n")
    elif fmt == "jsonl":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            for row in frame.to_dict("records"):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    else:
        path.mkdir()
        for ident, text in zip(frame["id"], frame["text"]):
            (path / f"{ident}.txt").write_text(text, encoding="utf-8", newline="")
        frame.drop(columns="text").to_csv(path / "metadata.csv", index=False, lineterminator="\n")
    return path


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer.load()


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    frame = _corpus()
    return {fmt: _write(frame, folder / (f"corpus.{fmt}" if fmt != "folder" else "corpus"), fmt) for fmt in FORMATS}


@pytest.fixture(scope="module")
def expected(corpora, scorer, tmp_path_factory) -> dict[str, bytes]:
    """Whole-corpus scoring, written by write_scores: the reference bytes."""
    out = tmp_path_factory.mktemp("whole")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_scores(scorer(load_corpus(corpora["csv"])), out)
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def _run_file(folder: Path) -> dict:
    """score_run.json (its corpus differs per input format; tests/test_provenance.py checks its bytes)."""
    return json.loads((folder / "score_run.json").read_text(encoding="utf-8"))


def test_reference_has_rows_with_line_breaks(expected):
    # The tricky articles put line breaks inside CSV fields, so the part writer's slow path runs.
    assert b"so\r\ncalled" in expected["spans.csv"]
    assert b"Keir\nStarmer" in expected["mentions.csv"]
    assert len(expected) == 7


@pytest.mark.parametrize(("fmt", "chunk_size"), [(f, c) for f in FORMATS for c in (4, 1000)] + [("csv", 1)])
def test_chunked_output_is_byte_identical_to_whole(fmt, chunk_size, corpora, expected, scorer, tmp_path):
    run = score_path(corpora[fmt], tmp_path / "out", scorer=scorer, chunk_size=chunk_size, progress=False)
    assert _files(tmp_path / "out") == expected
    assert run.n_articles == 26
    assert run.chunks == -(-26 // chunk_size)
    assert not (tmp_path / "out" / ".score-parts").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([*expected, "score_run.json", ".current", ".sets"])
    assert _run_file(tmp_path / "out")["corpus"]["articles"] == 26


@pytest.mark.parametrize("fmt", FORMATS)
def test_chunks_equal_load_corpus(fmt, corpora):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = load_corpus(corpora[fmt])
        chunks = list(iter_chunks(corpora[fmt], chunk_size=5))
    assert [c.first_row for c in chunks] == [1, 6, 11, 16, 21, 26]
    got = pd.concat([c.frame for c in chunks], ignore_index=True).sort_values("id", kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, whole, check_dtype=False)


def test_unsorted_input_and_many_parts_give_the_same_bytes(corpora, expected, scorer, tmp_path, monkeypatch):
    frame = _corpus()
    order = list(range(len(frame)))
    random.Random(1).shuffle(order)
    shuffled = _write(frame.iloc[order], tmp_path / "shuffled.jsonl", "jsonl")
    score_path(shuffled, tmp_path / "a", scorer=scorer, chunk_size=3, progress=False)  # k-way merge
    assert _files(tmp_path / "a") == expected
    monkeypatch.setattr(score_mod, "_FAN_IN", 2)  # 9 parts merged two at a time, in passes
    score_path(shuffled, tmp_path / "b", scorer=scorer, chunk_size=3, progress=False)
    assert _files(tmp_path / "b") == expected
    assert not list((tmp_path / "b").glob(".score-*"))


def test_zero_articles_is_an_error_in_every_format(scorer, tmp_path):
    (tmp_path / "empty.csv").write_text("id,source,text\n", encoding="utf-8")
    pd.DataFrame({"id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)}).to_parquet(tmp_path / "empty.parquet")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    messages = {
        "empty.csv": "a header but no rows: no articles. Add at least one article.",
        "empty.parquet": "the table has no rows: no articles. Give a table with at least one article.",
        "empty.jsonl": "the file holds no records. Give one JSON object per line with at least `id` and `text`.",
    }
    for name, message in messages.items():
        with pytest.raises(CorpusError) as err:
            score_path(tmp_path / name, tmp_path / "out", scorer=scorer, progress=False)
        assert str(err.value) == f"{tmp_path / name}: {message}"
        with pytest.raises(CorpusError) as err2:
            load_corpus(tmp_path / name)
        assert str(err2.value) == str(err.value)
        assert not (tmp_path / "out").exists()


class _Boom(Exception):
    pass


def _interrupt_after(monkeypatch, n_parts: int, exc: type[BaseException]):
    real = score_mod.score_part
    calls = {"n": 0}

    def flaky(scorer, corpus, **kwargs):
        calls["n"] += 1
        if calls["n"] > n_parts:
            raise exc("interrupted")
        return real(scorer, corpus, **kwargs)

    monkeypatch.setattr(score_mod, "score_part", flaky)
    return calls


def test_interrupted_run_keeps_earlier_outputs_and_resumes(corpora, expected, scorer, tmp_path, monkeypatch):
    out = tmp_path / "out"
    # Earlier good outputs of another corpus.
    small = _write(generate_corpus(3, seed=99), tmp_path / "small.csv", "csv")
    score_path(small, out, scorer=scorer, progress=False)
    before = _files(out)
    calls = _interrupt_after(monkeypatch, 3, KeyboardInterrupt)
    with pytest.raises(KeyboardInterrupt):
        score_path(corpora["jsonl"], out, scorer=scorer, chunk_size=4, progress=False)
    assert _files(out) == before  # untouched
    assert not list(out.glob(".score-staging-*"))
    parts = list((out / ".score-parts").rglob("part-*.json"))
    assert len(parts) == 3  # the finished chunks are kept for the rerun
    monkeypatch.undo()
    run = score_path(corpora["jsonl"], out, scorer=scorer, chunk_size=4, progress=False)
    assert (run.chunks, run.resumed) == (7, 3)
    assert _files(out) == expected
    assert not (out / ".score-parts").exists()
    assert calls["n"] == 4


def test_no_resume_and_changed_parameters_start_afresh(corpora, expected, scorer, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _interrupt_after(monkeypatch, 2, _Boom)
    with pytest.raises(_Boom):
        score_path(corpora["csv"], out, scorer=scorer, chunk_size=5, progress=False)
    monkeypatch.undo()
    run = score_path(corpora["csv"], out, scorer=scorer, chunk_size=5, progress=False, resume=False)
    assert run.resumed == 0
    # A different chunk size is a different run: the old parts are not reused.
    _interrupt_after(monkeypatch, 2, _Boom)
    with pytest.raises(_Boom):
        score_path(corpora["csv"], out, scorer=scorer, chunk_size=5, progress=False)
    monkeypatch.undo()
    run = score_path(corpora["csv"], out, scorer=scorer, chunk_size=6, progress=False)
    assert run.resumed == 0
    assert _files(out) == expected


needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the workers see this test's patches only when they are forked")


@needs_fork
@pytest.mark.parametrize(("fmt", "chunk_size"), [("jsonl", 4), ("folder", 3), ("csv", 1)])
def test_local_processes_write_the_same_bytes(fmt, chunk_size, corpora, expected, scorer, tmp_path, monkeypatch):
    log = tmp_path / "pids.txt"
    real = score_mod.score_part

    def logged(scorer, corpus, **kwargs):  # what the forked workers run
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(scorer, corpus, **kwargs)

    monkeypatch.setattr(score_mod, "score_part", logged)
    run = score_path(corpora[fmt], tmp_path / "out", scorer=scorer, chunk_size=chunk_size, workers=2, progress=False)
    assert _files(tmp_path / "out") == expected
    assert (run.n_articles, run.chunks, run.resumed) == (26, -(-26 // chunk_size), 0)
    pids = log.read_text(encoding="utf-8").split()
    assert len(pids) == run.chunks and 1 <= len(set(pids)) <= 2 and str(os.getpid()) not in pids
    assert not (tmp_path / "out" / ".score-parts").exists()
    assert multiprocessing.active_children() == []


def test_a_pool_only_when_there_is_more_than_one_chunk(corpora, expected, scorer, tmp_path, monkeypatch):
    asked = []
    real = score_mod._worker_pool
    monkeypatch.setattr(score_mod, "_worker_pool", lambda scorer, workers: asked.append(workers) or real(scorer, workers))
    score_path(corpora["jsonl"], tmp_path / "out", scorer=scorer, chunk_size=26, workers=2, progress=False)
    score_path(corpora["jsonl"], tmp_path / "two", scorer=scorer, chunk_size=25, workers=3, progress=False)
    assert asked == [1, 3]  # 26 articles in one chunk: no pool; in two chunks: the workers asked for
    assert _files(tmp_path / "out") == _files(tmp_path / "two") == expected


def test_local_processes_where_the_platform_cannot_fork(corpora, expected, scorer, tmp_path, monkeypatch):
    # macOS and Windows start workers afresh ("spawn"): each is sent the scorer once
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    run = score_path(corpora["jsonl"], tmp_path / "out", scorer=scorer, chunk_size=13, workers=2, progress=False)
    assert _files(tmp_path / "out") == expected
    assert (run.chunks, run.resumed) == (2, 0)
    assert multiprocessing.active_children() == []


@needs_fork
def test_a_failing_worker_stops_the_run_and_every_worker(corpora, expected, scorer, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = score_mod.score_part

    def fails_on_article_9(scorer, corpus, **kwargs):  # what the forked workers run
        if "synthetic-0000009" in set(corpus["id"]):
            raise _Boom("article 9")
        return real(scorer, corpus, **kwargs)

    monkeypatch.setattr(score_mod, "score_part", fails_on_article_9)
    with pytest.raises(_Boom, match="article 9"):
        score_path(corpora["jsonl"], out, scorer=scorer, chunk_size=4, workers=2, progress=False)
    assert multiprocessing.active_children() == []
    assert not list(out.glob("*.csv"))
    # The chunks handed out before it (articles 0 to 7) are kept for the rerun.
    done = sorted(p.name for p in (out / ".score-parts").rglob("part-*.json"))
    assert done[:2] == ["part-000000.json", "part-000001.json"] and "part-000002.json" not in done
    monkeypatch.undo()
    run = score_path(corpora["jsonl"], out, scorer=scorer, chunk_size=4, workers=2, progress=False)
    assert (run.chunks, run.resumed) == (7, len(done))
    assert _files(out) == expected


@needs_fork
def test_a_worker_that_dies_is_a_clear_error_and_the_run_resumes(corpora, expected, scorer, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    real = score_mod.score_part

    def dies_on_article_9(scorer, corpus, **kwargs):  # a worker killed, e.g. out of memory
        if "synthetic-0000009" in set(corpus["id"]):
            os._exit(9)
        return real(scorer, corpus, **kwargs)

    monkeypatch.setattr(score_mod, "score_part", dies_on_article_9)
    code = main(["score", str(corpora["jsonl"]), "--out", str(out), "--chunk-size", "4", "--workers", "2", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.startswith("error: a scoring process ended before its chunk was done (was it killed, or out of memory?). "
                          "The chunks already scored are kept: run the same command again to go on")
    assert multiprocessing.active_children() == []
    # The other worker was stopped too; what it had finished is kept, never the chunk of article 9.
    done = sorted(p.name for p in (out / ".score-parts").rglob("part-*.json"))
    assert "part-000002.json" not in done and not list(out.glob("*.csv"))
    monkeypatch.undo()
    assert main(["score", str(corpora["jsonl"]), "--out", str(out), "--chunk-size", "4", "--workers", "2", "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert (f"({len(done)} of 7 chunks from an earlier run)" in err) if done else ("from an earlier run" not in err)
    assert _files(out) == expected


def test_bad_input_in_a_late_chunk_leaves_nothing_behind(scorer, tmp_path):
    frame = generate_corpus(12, seed=3)
    frame.loc[10, "text"] = "   \n  "
    bad = _write(frame, tmp_path / "bad.csv", "csv")
    out = tmp_path / "out"
    score_path(_write(generate_corpus(2), tmp_path / "good.csv", "csv"), out, scorer=scorer, progress=False)
    before = _files(out)
    with pytest.raises(CorpusError, match=r"row 11 \(id 'synthetic-0000010'\): the text is blank"):
        score_path(bad, out, scorer=scorer, chunk_size=4, progress=False)
    assert _files(out) == before
    assert _run_file(out)["corpus"]["articles"] == 2  # the earlier run's record, untouched
    assert sorted(p.name for p in out.iterdir()) == sorted([*before, "score_run.json", ".current", ".sets"])  # no parts, no staging
    assert len(list((out / ".sets").iterdir())) == 1
    # Into a new folder: not even the folder is left.
    with pytest.raises(CorpusError):
        score_path(bad, tmp_path / "new", scorer=scorer, chunk_size=4, progress=False)
    assert not (tmp_path / "new").exists()


def test_cli_streams_with_chunk_size(corpora, expected, tmp_path, capsys):
    assert main(["score", str(corpora["folder"]), "--out", str(tmp_path / "out"), "--chunk-size", "7", "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert "scored 26 articles" in captured.err
    assert _files(tmp_path / "out") == expected
    assert captured.out.splitlines() == [str(tmp_path / "out" / name) for name in
                                         ("articles.csv", "spans.csv", "mentions.csv", "stance.csv", "frame_spans.csv",
                                          "attributions.csv", "naming_spans.csv", "score_run.json")]


def test_synthetic_corpora_are_marked_and_deterministic(tmp_path):
    a = generate_corpus(5, seed=1)
    assert a.equals(generate_corpus(5, seed=1))
    assert generate_corpus(3, seed=1).equals(a.iloc[:3])
    assert not a.equals(generate_corpus(5, seed=2))
    assert a["id"].str.startswith("synthetic-").all() and a["synthetic"].all()
    assert a["text"].str.startswith("SYNTHETIC ARTICLE\n").all()
    write_corpus(tmp_path / "c.jsonl", 5, seed=1)
    write_corpus(tmp_path / "d.jsonl", 5, seed=1)
    assert (tmp_path / "c.jsonl").read_bytes() == (tmp_path / "d.jsonl").read_bytes()
    shutil.rmtree(tmp_path)


def test_reading_in_small_blocks_changes_nothing(tmp_path, monkeypatch):
    import analysis.corpus.stream as stream

    monkeypatch.setattr(stream, "_BLOCK", 7)  # lines, characters and line breaks split across blocks
    rng = random.Random(0)
    pieces = ["a", "b", "\n", "\r", "\r\n", "\u2028", "é", "{}", "\x85", " ", "\u20ac"]
    for trial in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        path = tmp_path / f"t{trial}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        with stream._TextReader(path) as reader:  # lines end at "\n" only: "\r", U+2028, U+0085 are text
            got = list(reader.lines())
        *complete, last = text.split("\n")
        assert got == [line + "\n" for line in complete] + ([last] if last else [])
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"id,text\n" + b"".join(b"a%d,ok\n" % k for k in range(10, 30)) + b"b,caf\xe9\n")
    with pytest.raises(CorpusError) as whole:
        load_corpus(bad)
    with pytest.raises(CorpusError) as streamed:
        list(iter_chunks(bad, chunk_size=3))
    assert str(streamed.value) == str(whole.value)
    assert str(whole.value).startswith(f"{bad}: not valid UTF-8 (byte 0xe9 at byte offset 153, line 22, row 21 (id 'b')). ")

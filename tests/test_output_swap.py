"""The output set is swapped as one: a kill at any step leaves the whole old set or the whole new one.

Each step of the swap is a point where the environment variable ``ANALYSIS_FAULT_AT`` makes the
process exit at once (``os._exit``: no ``finally``, no clean-up, as ``kill -KILL`` would).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.corpus import load_corpus
from analysis.tables.io import FAULT_ENV, OutputBusyError, lock_output
from analysis.tables.provenance import RUN_FILE, read_run
from analysis.tables.score import OUTPUT_FILES, Scorer, score_path, write_scores
from analysis.corpus.synthetic import generate_corpus

STEPS = ["staged", "adopt-snapshot", "adopt-pointer", "adopt-link", "linked", "swapped", "cleaned"]
NAMES = [*OUTPUT_FILES, RUN_FILE]


def _visible(out: Path) -> dict[str, bytes]:
    """What a reader of out/<name> sees."""
    return {name: (out / name).read_bytes() for name in NAMES if (out / name).exists()}


def _forked(run, fault: str | None = None) -> int:
    """Run ``run()`` in a forked child with the fault set; its exit code (75 when the fault fired)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            if fault:
                os.environ[FAULT_ENV] = fault
            run()
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture(scope="module")
def sets(tmp_path_factory) -> dict:
    """Two corpora and the output set of each, scored into fresh folders."""
    folder = tmp_path_factory.mktemp("swap")
    old_csv, new_csv = folder / "old.csv", folder / "new.csv"
    generate_corpus(3, seed=1).to_csv(old_csv, index=False)
    generate_corpus(4, seed=2).to_csv(new_csv, index=False)
    scorer = Scorer.load()
    old = score_path(old_csv, folder / "old-out", scorer=scorer, progress=False)
    new = score_path(new_csv, folder / "new-out", scorer=scorer, progress=False)
    assert old.written and new.written
    return {
        "old_csv": old_csv, "new_csv": new_csv, "scorer": scorer,
        "new_tables": scorer(load_corpus(new_csv)), "new_run": read_run(folder / "new-out"),
        "old": _visible(folder / "old-out"), "new": _visible(folder / "new-out"),
    }


def _plain_old_layout(out: Path, files: dict[str, bytes]) -> None:
    """An output folder as earlier versions wrote it: plain files, no links."""
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)


@pytest.mark.parametrize("writer", ["score_path", "write_scores"])
@pytest.mark.parametrize("layout", ["links", "plain"])
@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_leaves_one_whole_set(step, layout, writer, sets, tmp_path):
    out = tmp_path / "out"
    if layout == "plain":
        _plain_old_layout(out, sets["old"])
    else:
        score_path(sets["old_csv"], out, scorer=sets["scorer"], progress=False)
    assert _visible(out) == sets["old"]
    if writer == "score_path":
        def run():
            score_path(sets["new_csv"], out, scorer=sets["scorer"], progress=False)
    else:
        def run():
            write_scores(sets["new_tables"], out, run=sets["new_run"])
    code = _forked(run, fault=step)
    seen = _visible(out)
    if step.startswith("adopt-") and layout == "links":
        assert code == 0  # nothing to adopt: the step never comes
        assert seen == sets["new"]
    else:
        assert code == 75
        assert seen in (sets["old"], sets["new"]), f"mixed set after a kill at {step!r}"
        assert seen == (sets["new"] if step in ("swapped", "cleaned") else sets["old"])
    # The next run finishes the job and leaves nothing of the killed one behind.
    run()
    assert _visible(out) == sets["new"]
    assert sorted(p.name for p in out.iterdir()) == sorted([*NAMES, ".current", ".sets"])
    assert len(list((out / ".sets").iterdir())) == 1
    for name in NAMES:
        assert os.readlink(out / name) == f".current/{name}"


def test_killed_staging_and_parts_of_other_runs_are_cleaned_at_the_next_start(sets, tmp_path):
    out = tmp_path / "out"
    score_path(sets["old_csv"], out, scorer=sets["scorer"], progress=False)
    (out / ".score-staging-abc").mkdir()  # left by an earlier version of score
    (out / ".score-staging-abc" / "articles.csv").write_text("x")
    (out / ".sets" / "123-dead").mkdir()  # a set a killed run was writing
    (out / ".score-parts" / "0123456789abcdef0123").mkdir(parents=True)  # parts of another input
    score_path(sets["new_csv"], out, scorer=sets["scorer"], progress=False)
    assert sorted(p.name for p in out.iterdir()) == sorted([*NAMES, ".current", ".sets"])
    assert _visible(out) == sets["new"]


def test_a_second_run_on_the_same_folder_is_refused(sets, tmp_path, capsys):
    from analysis.cli.main import main

    out = tmp_path / "out"
    score_path(sets["old_csv"], out, scorer=sets["scorer"], progress=False)
    with lock_output(out):  # another run holds the folder
        with pytest.raises(OutputBusyError, match="another run is writing into this folder"):
            score_path(sets["new_csv"], out, scorer=sets["scorer"], progress=False)
        code = main(["score", str(sets["new_csv"]), "--out", str(out), "--no-progress"])
        err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert err == (
        f"error: {out}: another run is writing into this folder right now (a `score` run holds its lock). "
        "Wait for it to finish, or choose another --out folder.\n"
    )
    assert _visible(out) == sets["old"]
    score_path(sets["new_csv"], out, scorer=sets["scorer"], progress=False)  # the lock is gone with its holder
    assert _visible(out) == sets["new"]


def test_make_marker_follows_the_current_set(sets, tmp_path):
    """make looks at articles.csv's time through the link: a new set is a newer marker."""
    out = tmp_path / "out"
    score_path(sets["old_csv"], out, scorer=sets["scorer"], progress=False)
    first = (out / "articles.csv").stat().st_mtime_ns
    os.utime(out / ".current" / "articles.csv", ns=(first - 10**9, first - 10**9))
    score_path(sets["new_csv"], out, scorer=sets["scorer"], progress=False)
    assert (out / "articles.csv").stat().st_mtime_ns > first - 10**9
    assert (out / "articles.csv").resolve().parent.parent == (out / ".sets").resolve()


def test_the_new_set_is_on_disk_before_the_pointer_names_it(sets, tmp_path, monkeypatch):
    from analysis.tables import io

    events: list[tuple[str, str]] = []
    real_fsync, real_link = io._fsync, io._atomic_symlink
    monkeypatch.setattr(io, "_fsync", lambda path: (events.append(("fsync", str(path))), real_fsync(path)))
    monkeypatch.setattr(io, "_atomic_symlink", lambda target, link, prefix: (
        events.append(("link", str(link))), real_link(target, link, prefix)))
    out = tmp_path / "out"
    write_scores(sets["new_tables"], out, run=sets["new_run"])
    current = os.readlink(out / ".current")  # .sets/<id>
    swap = events.index(("link", str(out / ".current")))
    before = {path for kind, path in events[:swap] if kind == "fsync"}
    files = {str(out / current / name) for name in NAMES}
    assert files <= before  # every file of the set
    assert {str(out / current), str(out / ".sets"), str(out)} <= before  # the folders naming them, and the links
    assert events[swap + 1] == ("fsync", str(out))  # the swap itself

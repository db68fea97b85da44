"""`python -m analysis.bench study`: the launcher that times each command make runs, the steps read from its log,
and the Markdown report of a run (exact values on hand-made logs and numbers; the 20,000-article run itself is
not part of the tests)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from analysis import bench_study
from analysis.bench_study import OTHER, read_steps, report, step_name, write_launcher


def test_each_command_is_named_by_its_step():
    assert [step_name(c) for c in [
        ".venv/bin/python -m analysis actors 'c.jsonl' --top 8 --out build/targets_discovered.csv",
        ".venv/bin/python -m analysis corpus 'c.jsonl' --describe build/corpus",
        ".venv/bin/python -m analysis reuse 'c.jsonl' --cache results/.text_reuse",
        ".venv/bin/python -m analysis score 'c.jsonl' --out 'results/scores'",
        "IPYTHONDIR='b' .venv/bin/python -m analysis.report.pipeline --cwd /x notebooks/01_corpus.ipynb build/x.ipynb",
        ".venv/bin/python -m analysis report --results 'results' --out report/report.pdf",
        "test -e 'c.jsonl' || { echo error; exit 1; }",
    ]] == ["actor discovery (`analysis actors`)", "corpus check (`analysis corpus`)",
           "text reuse, events, distinctive words (`analysis reuse`)", "scoring (`analysis score`)",
           "notebook 01_corpus", "the report's PDF (`analysis report`)", OTHER]


def test_steps_are_summed_by_name_and_ordered_by_their_start(tmp_path):
    log = tmp_path / "commands.jsonl"
    rows = [
        {"start": 100.0, "end": 100.5, "cpu": 0.0, "code": 0, "command": "mkdir -p build"},
        {"start": 100.5, "end": 130.0, "cpu": 50.0, "code": 0, "command": "python -m analysis actors c --out t.csv"},
        {"start": 100.5, "end": 120.0, "cpu": 19.0, "code": 0, "command": "python -m analysis corpus c"},
        {"start": 130.0, "end": 130.25, "cpu": 0.0, "code": 0, "command": "test -e c"},
        {"start": 130.25, "end": 200.0, "cpu": 130.0, "code": 0, "command": "python -m analysis score c --out s"},
    ]
    log.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n", encoding="utf-8")
    assert read_steps(log, 100.0) == [
        {"step": "actor discovery (`analysis actors`)", "start": 0.5, "end": 30.0, "wall": 29.5, "cpu": 50.0, "commands": 1},
        {"step": "corpus check (`analysis corpus`)", "start": 0.5, "end": 20.0, "wall": 19.5, "cpu": 19.0, "commands": 1},
        {"step": "scoring (`analysis score`)", "start": 30.25, "end": 100.0, "wall": 69.75, "cpu": 130.0, "commands": 1},
        {"step": OTHER, "start": 0.0, "end": 30.25, "wall": 0.75, "cpu": 0.0, "commands": 2},
    ]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_launcher_runs_each_command_with_bash_logs_it_and_passes_its_status_on(tmp_path):
    launcher, log = write_launcher(tmp_path)
    makefile = tmp_path / "Makefile"
    makefile.write_text("SHELL := /bin/bash\n.SHELLFLAGS := -eu -o pipefail -c\n"
                        "all:\n\t[[ -n yes ]] && echo one > $(OUT)\n\ttrue | false\n", encoding="utf-8")
    run = subprocess.run(["make", "-s", "-f", str(makefile), f"SHELL={launcher}", f"OUT={tmp_path / 'one.txt'}"],
                         capture_output=True, text=True)
    assert run.returncode != 0  # `true | false` fails under pipefail, and make stops
    assert (tmp_path / "one.txt").read_text() == "one\n"  # [[ ]]: bash, as the Makefile asks
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(r["command"], r["code"]) for r in rows] == [(f"[[ -n yes ]] && echo one > {tmp_path / 'one.txt'}", 0),
                                                         ("true | false", 1)]
    assert all(r["end"] >= r["start"] and r["cpu"] >= 0 for r in rows)


def _results(seconds):
    machine = {"cpu": "Test CPU", "cores": 2, "ram": "1.0 GB", "os": "Linux 6", "python": "3.11.7", "commit": "abc1234"}
    return {"machine": machine, "load_before": "0.10 0.20 0.30", "load_after": "1.00 1.10 1.20", "started": "t0",
            "finished": "t1", "articles": 20_000, "sources": 8, "jobs": 2,
            "report": {"seconds": seconds, "cpu_seconds": 300.0}, "vader": {"seconds": 20.0},
            "steps": [{"step": "scoring (`analysis score`)", "start": 30.25, "end": 100.0, "wall": 69.75, "cpu": 130.0,
                       "commands": 1},
                      {"step": OTHER, "start": 0.0, "end": 30.25, "wall": 0.75, "cpu": 0.5, "commands": 2}]}


def test_the_report_gives_the_reference_and_judges_the_target_of_its_size():
    text = report(_results(150.0))
    assert "| wall time of `make -j2 report` | 150 s (2 min 30 s) |" in text
    assert "| the report's wall time over the reference's | 7.5x |" in text
    assert ("`make report` on this corpus under 120 s (2 min 00 s) of wall time: **not met** in this run "
            "(150 s (2 min 30 s))") in text
    assert "| scoring (`analysis score`) | 30.2 | 100.0 | 69.8 | 130.0 | 1 |" in text
    assert "| **all** | | 150.0 | | **130.5** | 3 |" in text
    # 300 s of CPU on 2 cores: 150 s whatever the order of the commands, above the 120 s of the target
    assert "| that CPU time over the machine's 2 cores: no order of the commands ends sooner | 150 s |" in text
    assert ("Work or order: the commands' CPU time over the 2 cores is 150 s (2 min 30 s), above the target, so no "
            "order of the steps meets it on this machine: their CPU time must first fall below 240 s "
            "(it is 300 s).") in text
    waiting = report(_results(150.0) | {"report": {"seconds": 150.0, "cpu_seconds": 200.0}})
    assert ("Work or order: the commands' CPU time over the 2 cores is 100 s (1 min 40 s), below the target: "
            "steps that wait for one another, not the work itself, keep the report above it.") in waiting
    assert "under 120 s (2 min 00 s) of wall time: met in this run (119 s (1 min 59 s))" in report(_results(119.0))
    assert "Work or order" not in report(_results(119.0))
    other = _results(150.0) | {"articles": 1_000}
    assert "Issue 19's target" not in report(other) and bench_study.TARGET_SECONDS == {20_000: 120.0, 100_000: 600.0}


def test_a_failed_run_is_an_error_message_without_traceback_and_writes_nothing(tmp_path, monkeypatch, capsys):
    import argparse

    def fail(*args, **kwargs):
        raise RuntimeError("make -C . report failed (2):\nerror: CORPUS=x does not exist")

    monkeypatch.setattr(bench_study, "run_study", fail)
    out = tmp_path / "study.md"
    args = argparse.Namespace(out=str(out), articles=10, jobs=2, work=None)
    assert bench_study.main(args) == 1
    assert capsys.readouterr().err == "error: make -C . report failed (2):\nerror: CORPUS=x does not exist\n"
    assert list(tmp_path.iterdir()) == []


def test_the_corpus_is_a_jsonl_file_of_8_sources_written_once(tmp_path):
    from analysis.corpus.synthetic import DEFAULT_SOURCES

    corpus = bench_study.study_corpus(tmp_path, 200)
    assert corpus == tmp_path / "study-200.jsonl" and corpus.is_file()  # a file, not a folder of .txt
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 200
    assert sorted({r["source"] for r in rows}) == sorted(DEFAULT_SOURCES + bench_study.EXTRA_SOURCES)
    assert len(bench_study.EXTRA_SOURCES + DEFAULT_SOURCES) == 8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study-200.jsonl"]  # no partial file left
    corpus.write_text("kept\n", encoding="utf-8")
    assert bench_study.study_corpus(tmp_path, 200).read_text(encoding="utf-8") == "kept\n"  # an existing corpus is reused


def test_set_passes_make_variables_and_refuses_those_the_run_sets(tmp_path):
    assert bench_study.check_variables(["STANCE=rules", "SPAN_MODEL=none"]) == ["STANCE=rules", "SPAN_MODEL=none"]
    with pytest.raises(ValueError, match=r"^--set 'stance=rules': give a make variable as NAME=VALUE"):
        bench_study.check_variables(["stance=rules"])
    with pytest.raises(ValueError, match=r"^--set 'STANCE': give a make variable as NAME=VALUE"):
        bench_study.check_variables(["STANCE"])
    with pytest.raises(ValueError, match=r"^--set 'RESULTS_DIR=x': the run sets RESULTS_DIR itself"):
        bench_study.check_variables(["RESULTS_DIR=x"])
    command = bench_study._make(tmp_path / "c.jsonl", tmp_path, 2, tmp_path / "l.py", ["STANCE=rules", "SPAN_MODEL=none"])
    assert command[-3:] == [f"SHELL={tmp_path / 'l.py'}", "STANCE=rules", "SPAN_MODEL=none"]


def test_a_page_with_make_variables_says_so_and_the_page_of_record_is_not_its_default(capsys):
    text = report(_results(150.0) | {"settings": ["STANCE=rules", "SPAN_MODEL=none"]})
    assert text.startswith("# Benchmark: the whole study (`make -j2 report STANCE=rules SPAN_MODEL=none`) on a large")
    assert ("Generated by `python -m analysis.bench study --articles 20000 --jobs 2 --set STANCE=rules "
            "--set SPAN_MODEL=none` ") in text
    assert "Make variables of this run: `STANCE=rules`, `SPAN_MODEL=none` (the default study sets none)." in text
    assert "Make variables" not in report(_results(150.0))  # a page of the default run (or one written before --set)
    from analysis import bench

    with pytest.raises(SystemExit) as exit_info:
        bench.main(["study", "--set", "STANCE=rules"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith("error: --set needs --out: bench/study.md is the page of "
                                                            "the default run")

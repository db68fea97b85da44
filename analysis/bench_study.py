"""Time the whole study, ``make -j2 report``, on a large synthetic corpus, step by step (``python -m analysis.bench study``).

Usage::

    python -m analysis.bench study [--articles 20000] [--jobs 2] [--out bench/study.md] [--set NAME=VALUE ...]

It writes a synthetic corpus of ``--articles`` articles from 8 sources (:mod:`analysis.corpus.synthetic`,
seed 0: the recipe of ``docs/researchers.md``, "A large corpus") to ``bench/corpora/``, runs ``make
-j JOBS report`` on it into a fresh folder beside it (``BUILD``, ``RESULTS_DIR``, ``FIG_DIR`` and
``REPORT_PDF`` there; nothing in the repository's own ``results/`` or ``figures/`` changes) and
records, for every command make runs, when it started and ended and the CPU time (user + system)
of it and its children. Make runs each command through a small launcher (``SHELL=``) that
writes one JSON line per command. ``--set NAME=VALUE`` (repeatable) passes a make variable, e.g.
``--set STANCE=rules``; the page then says so in its title (give it its own ``--out``).

In the same run it times a reference on the same corpus, VADER on every sentence
(``python -m analysis.bench vader``), so that a run on a slower or busier day can be read against
one on another: the wall time of the whole report is also given as a multiple of the reference's.
CPU time does not grow when other work shares the cores; wall time does.

The numbers go to ``bench/study.json`` and ``bench/study.md`` (with the machine, the code's commit
and the load before and after). Nothing here is part of ``make test``: a run at 20,000 articles
takes minutes.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from analysis import paths

STUDY_ARTICLES = 20_000
STUDY_JOBS = 2
# The sources of docs/researchers.md's large corpus: the synthetic corpus's own and four more (8 in all).
EXTRA_SOURCES = ("Synthetic Courier", "Synthetic Gazette", "Synthetic Ledger", "Synthetic Tribune")
# Issue 19, item 7: `make report` under 2 minutes at 20,000 articles (8 sources), under 10 at 100,000.
TARGET_SECONDS = {20_000: 120.0, 100_000: 600.0}

# Make runs every command of a recipe as `SHELL .SHELLFLAGS COMMAND`; this launcher runs it with the Makefile's
# shell, /bin/bash, and
# appends one JSON line: start and end (seconds since the epoch), CPU seconds of the command and
# its children, the exit status and the command (its first 400 characters).
_LAUNCHER = '''import json, os, sys, time
start = time.time()
pid = os.posix_spawn("/bin/bash", ["/bin/bash", *sys.argv[1:]], os.environ)
_, status, usage = os.wait4(pid, 0)
code = os.waitstatus_to_exitcode(status)
line = json.dumps({"start": start, "end": time.time(), "cpu": usage.ru_utime + usage.ru_stime, "code": code,
                   "command": sys.argv[-1][:400]})
with open(LOG, "a", encoding="utf-8") as log:
    log.write(line + "\\n")
sys.exit(code)
'''

# What a command is, from its text: (pattern, step); the first that matches names it.
_STEPS = (
    (r"-m analysis actors\b", "actor discovery (`analysis actors`)"),
    (r"-m analysis corpus\b", "corpus check (`analysis corpus`)"),
    (r"-m analysis reuse\b", "text reuse, events, distinctive words (`analysis reuse`)"),
    (r"-m analysis score\b", "scoring (`analysis score`)"),
    (r"analysis\.report\.pipeline .*?notebooks/(\d\d_\w+)\.ipynb", "notebook {0}"),
    (r"-m analysis report\b", "the report's PDF (`analysis report`)"),
)
OTHER = "other commands (checks, folders, parameters)"


def step_name(command: str) -> str:
    """The step a command of the Makefile belongs to (:data:`_STEPS`), else :data:`OTHER`.

    Example:
        >>> step_name(".venv/bin/python -m analysis score 'c.jsonl' --out 'results/scores'")
        'scoring (`analysis score`)'
        >>> step_name("IPYTHONDIR=b .venv/bin/python -m analysis.report.pipeline --cwd . notebooks/04_framing_by_source.ipynb x")
        'notebook 04_framing_by_source'
        >>> step_name("mkdir -p build")
        'other commands (checks, folders, parameters)'
    """
    for pattern, name in _STEPS:
        found = re.search(pattern, command)
        if found:
            return name.format(*found.groups())
    return OTHER


def read_steps(log: Path, t0: float) -> list[dict]:
    """The steps of a launcher log (one JSON line per command), in the order they started: ``step``, ``start`` and
    ``end`` (seconds after ``t0``), ``wall`` and ``cpu`` (seconds), ``commands``; the commands of :data:`OTHER` are
    summed into one row (its start the first one's, its end the last one's, its wall their sum)."""
    steps: dict[str, dict] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        name = step_name(row["command"])
        step = steps.setdefault(name, {"step": name, "start": row["start"] - t0, "end": row["end"] - t0, "wall": 0.0,
                                       "cpu": 0.0, "commands": 0})
        step["start"] = min(step["start"], row["start"] - t0)
        step["end"] = max(step["end"], row["end"] - t0)
        step["wall"] += row["end"] - row["start"]
        step["cpu"] += row["cpu"]
        step["commands"] += 1
    return sorted(steps.values(), key=lambda s: (s["step"] == OTHER, s["start"]))


def write_launcher(folder: Path) -> tuple[Path, Path]:
    """Write the launcher make runs each command through (``SHELL=``) into ``folder``: ``(launcher, log)``, the log
    the file it appends a JSON line to for each command (see :data:`_LAUNCHER`)."""
    import shlex

    log = folder / "commands.jsonl"
    script = folder / "launcher.py"
    script.write_text(f"LOG = {str(log)!r}\n{_LAUNCHER}", encoding="utf-8")
    # started by bash, not by a "#!python" line, which cannot hold a path with a space (a project in "My Studies")
    launcher = folder / "launcher"
    launcher.write_text(f"#!/bin/bash\nexec {shlex.quote(sys.executable)} -S {shlex.quote(str(script))} \"$@\"\n",
                        encoding="utf-8")
    launcher.chmod(0o755)
    return launcher, log


def study_corpus(folder: Path, articles: int) -> Path:
    """``folder/study-N.jsonl``, the synthetic corpus of the study (8 sources, seed 0), written if it is not there.

    It is written whole under another name ending in ``.jsonl`` (the name tells
    :func:`analysis.corpus.synthetic.write_corpus` the format) and then renamed: an interrupted run
    leaves no half corpus for the next run to take.
    """
    from analysis.corpus.synthetic import DEFAULT_SOURCES, write_corpus

    corpus = folder / f"study-{articles}.jsonl"
    if not corpus.exists():
        partial = folder / f"study-{articles}.partial.jsonl"
        write_corpus(partial, articles, sources=DEFAULT_SOURCES + EXTRA_SOURCES)
        partial.replace(corpus)
    return corpus


# The make variables the run sets itself, which --set may not change.
RUN_VARIABLES = ("CORPUS", "BUILD", "RESULTS_DIR", "FIG_DIR", "REPORT_PDF", "SHELL")


def check_variables(settings: list[str]) -> list[str]:
    """``settings`` (``NAME=VALUE`` each, from ``--set``) as given; a ``ValueError`` names the first that is not a
    make variable of the Makefile's form or is one the run sets itself (:data:`RUN_VARIABLES`).

    Example:
        >>> check_variables(["STANCE=rules", "SPAN_MODEL=none"])
        ['STANCE=rules', 'SPAN_MODEL=none']
    """
    for setting in settings:
        name = setting.split("=", 1)[0]
        if "=" not in setting or not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise ValueError(f"--set {setting!r}: give a make variable as NAME=VALUE, e.g. --set STANCE=rules")
        if name in RUN_VARIABLES:
            raise ValueError(f"--set {setting!r}: the run sets {name} itself ({', '.join(RUN_VARIABLES)})")
    return list(settings)


def _make(corpus: Path, work: Path, jobs: int, launcher: Path, settings: list[str] = ()) -> list[str]:
    """The ``make`` command line of the run: the report of ``corpus`` into ``work``, each command through ``launcher``,
    with the make variables of ``settings`` (``NAME=VALUE``). Paths inside the project are given relative to it, as
    make takes no space in its output folders and the project's own folder may hold one."""

    def path(p: Path) -> str:
        p = Path(p).resolve()
        return p.relative_to(paths.ROOT).as_posix() if p.is_relative_to(paths.ROOT) else str(p)

    return ["make", "--no-print-directory", "-C", str(paths.ROOT), f"-j{jobs}", "report", f"CORPUS={path(corpus)}",
            f"BUILD={path(work / 'build')}", f"RESULTS_DIR={path(work / 'results')}", f"FIG_DIR={path(work / 'figures')}",
            f"REPORT_PDF={path(work / 'report.pdf')}", f"SHELL={path(launcher)}", *settings]


def run_study(articles: int = STUDY_ARTICLES, *, jobs: int = STUDY_JOBS, work: Path | None = None,
              settings: list[str] = ()) -> dict:
    """Write the corpus, time ``make -j JOBS report`` on it (with the make variables of ``settings``,
    ``NAME=VALUE`` each) and the VADER reference; the numbers (see the module)."""
    from analysis.bench import WORK_DIR, load_average, machine_info, measure
    from analysis.corpus.synthetic import DEFAULT_SOURCES

    if shutil.which("make") is None:
        raise RuntimeError("make is not installed: the study is timed as `make -j2 report` runs it")
    machine = machine_info()  # the code's commit as the run starts
    work_root = WORK_DIR if work is None else work
    work_root.mkdir(parents=True, exist_ok=True)
    corpus = study_corpus(work_root, articles)
    folder = work_root / f"study-{articles}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    launcher, log = write_launcher(folder)
    results = {"machine": machine, "load_before": load_average(), "started": _dt.datetime.now().isoformat(timespec="seconds"),
               "articles": articles, "sources": len(DEFAULT_SOURCES + EXTRA_SOURCES), "jobs": jobs,
               "settings": check_variables(list(settings))}
    command = _make(corpus, folder, jobs, launcher, results["settings"])
    t0 = time.time()
    before = os.times()
    done = subprocess.run(command, capture_output=True, text=True)
    after = os.times()
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    results["report"] = {"seconds": time.time() - t0,
                         "cpu_seconds": (after.children_user - before.children_user)
                         + (after.children_system - before.children_system)}
    results["steps"] = read_steps(log, t0)
    results["vader"] = measure([sys.executable, "-m", "analysis.bench", "vader", str(corpus), str(folder / "vader.csv")])
    results["load_after"] = load_average()
    results["finished"] = _dt.datetime.now().isoformat(timespec="seconds")
    return results


def _minutes(seconds: float) -> str:
    return f"{seconds:,.0f} s ({int(seconds // 60)} min {seconds % 60:02.0f} s)"


def report(results: dict) -> str:
    """``bench/study.md`` from the numbers of :func:`run_study`."""
    n = results["articles"]
    whole, vader = results["report"], results["vader"]
    settings = results.get("settings", [])  # pages written before --set have none
    target = TARGET_SECONDS.get(n)
    made = " ".join([f"make -j{results['jobs']} report", *settings])
    cores = results["machine"]["cores"]
    floor = whole["cpu_seconds"] / cores  # the wall time of the commands' work shared perfectly among the cores
    lines = [
        f"# Benchmark: the whole study (`{made}`) on a large synthetic corpus",
        "",
        f"Generated by `python -m analysis.bench study --articles {n} --jobs {results['jobs']}"
        + "".join(f" --set {s}" for s in settings) + "` "
        "(`analysis/bench_study.py`); numbers from one run, not edited. The corpus is synthetic "
        f"(`analysis/corpus/synthetic.py`, seed 0): {n:,} articles from {results['sources']} sources, the corpus of "
        "`docs/researchers.md` (\"A large corpus\"). Every command make runs is timed by a launcher (`SHELL=`): "
        "its start and end, and the CPU time (user + system) of it and its children.",
        "",
        "## Machine",
        "",
        *machine_lines(results),
        "",
        "## The whole report",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| wall time of `make -j{results['jobs']} report` | {_minutes(whole['seconds'])} |",
        f"| CPU time of every command | {whole['cpu_seconds']:,.0f} s |",
        f"| that CPU time over the machine's {cores} cores: no order of the commands ends sooner | {floor:,.0f} s |",
        f"| reference in the same run: VADER on every sentence of the corpus (`python -m analysis.bench vader`), wall "
        f"| {vader['seconds']:,.1f} s |",
        f"| the report's wall time over the reference's | {whole['seconds'] / vader['seconds']:.1f}x |",
        "",
    ]
    if settings:
        lines += [f"Make variables of this run: {', '.join(f'`{s}`' for s in settings)} (the default study sets none).", ""]
    if target is not None:
        met = whole["seconds"] < target
        lines += [
            f"Issue 19's target (item 7): `make report` on this corpus under {_minutes(target)} of wall time: "
            f"{'met' if met else '**not met**'} in this run ({_minutes(whole['seconds'])}). Wall time on a shared "
            "machine varies from day to day; the reference above, timed in the same run, varies with it.",
            "",
        ]
        if not met:
            lines += [
                f"Work or order: the commands' CPU time over the {cores} cores is {_minutes(floor)}, "
                + (f"above the target, so no order of the steps meets it on this machine: their CPU time must first "
                   f"fall below {target * cores:,.0f} s (it is {whole['cpu_seconds']:,.0f} s)."
                   if floor >= target else
                   "below the target: steps that wait for one another, not the work itself, keep the report above it."),
                "",
            ]
    lines += [
        "## Step by step",
        "",
        "Seconds from the start of the run; wall: from each command's start to its end (summed over a step's "
        "commands); CPU: user + system of the step's commands and their children. Steps side by side share the "
        "cores, so a step's wall time is longer than its CPU time when another runs beside it.",
        "",
        "| step | start | end | wall | CPU | commands |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in results["steps"]:
        lines.append(f"| {s['step']} | {s['start']:,.1f} | {s['end']:,.1f} | {s['wall']:,.1f} | {s['cpu']:,.1f} "
                     f"| {s['commands']} |")
    lines.append(f"| **all** | | {whole['seconds']:,.1f} | | **{sum(s['cpu'] for s in results['steps']):,.1f}** | "
                 f"{sum(s['commands'] for s in results['steps'])} |")
    return "\n".join(lines) + "\n"


def machine_lines(results: dict) -> list[str]:
    """The Markdown lines of a page's machine: CPU, Python, the code's commit, when it ran and the load."""
    m = results["machine"]
    return [
        f"- CPU: {m['cpu']}, {m['cores']} cores; RAM: {m['ram']}; {m['os']}",
        f"- Python {m['python']}; code: `{m['commit']}`; run {results['started']} to {results['finished']}",
        f"- load average before / after: {results['load_before']} / {results['load_after']} (other work on the "
        "machine lengthens the wall time, not the CPU time)",
    ]


def write_pages(out: Path, results: dict, page: str) -> None:
    """Write ``page`` to ``out`` and ``results`` beside it (``.json``), each whole or not at all."""
    for path, text in ((out.with_suffix(".json"), json.dumps(results, indent=2) + "\n"), (out, page)):
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    print(f"bench: wrote {out} and {out.with_suffix('.json')}", file=sys.stderr)


def main(args) -> int:
    """``python -m analysis.bench study``: run, then write ``--out`` and the JSON beside it."""
    out = Path(args.out)
    try:
        results = run_study(args.articles, jobs=args.jobs, work=Path(args.work) if args.work else None,
                            settings=getattr(args, "set", None) or [])
    except RuntimeError as err:  # make missing or failing: its message (make's last lines), no traceback
        print(f"error: {err}", file=sys.stderr)
        return 1
    write_pages(out, results, report(results))
    return 0

"""What each scorer costs, beside what it measures (``python -m analysis.bench scorers``).

Usage::

    python -m analysis.bench scorers [--articles 10000] [--out bench/scorers.md]

``score`` has four stance scorers (``--stance roles``, the default; ``vectors``; ``model``; ``rules``)
and two settings of which loaded-language spans count (the re-ranker and token tagger, the default;
``--span-model none``, every lexicon span). This runs full scoring in one process (as ``make bench``
measures it) with each of them on the same synthetic corpus (:mod:`analysis.corpus.synthetic`, seed 0,
the corpus of ``make bench``) and times VADER on every sentence of it before and after them, so that
each scorer's throughput is read as a fraction of VADER's timed in the same run (the measure of issue
19's item 6 and of the "no slower" targets of issues 15 and 16).

Beside each scorer the page gives what the project's validation reports of it on held-out human
annotation: macro-F1 and AUC for negative of the stance scorer on the held-out NewsMTSC part
(``docs/validation_stance.md``, part 1) and overlap-F1 of the spans on the held-out ``ptc-dev``
part (``docs/validation_loaded.md``, summary). Those are read from the two pages, which their own
scripts write from the development data; nothing here reruns them.

The numbers go to ``bench/scorers.json`` and ``bench/scorers.md``. Nothing here is part of
``make test``: a run at 10,000 articles takes about ten minutes.
"""

from __future__ import annotations

import datetime as _dt
import re
import shutil
import sys
from pathlib import Path

from analysis import paths
from analysis.bench_study import machine_lines, write_pages

SCORERS_ARTICLES = 10_000
# (name, score's flags, the stance row of docs/validation_stance.md, the span row of docs/validation_loaded.md)
CONFIGS = (
    ("the default", (), "roles", "default"),
    ("`--stance vectors`", ("--stance", "vectors"), "vectors", "default"),
    ("`--stance model`", ("--stance", "model"), "model", "default"),
    ("`--stance rules`", ("--stance", "rules"), "rules", "default"),
    ("`--span-model none`", ("--span-model", "none"), "roles", "none"),
    ("`--stance rules --span-model none`", ("--stance", "rules", "--span-model", "none"), "rules", "none"),
)
STANCE_DOC = paths.ROOT / "docs" / "validation_stance.md"
LOADED_DOC = paths.ROOT / "docs" / "validation_loaded.md"
# How each row is found on its page: the stance scorer's flag in part 1's table of held-out NewsMTSC results, and
# the opening words of the span setting's overlap-F1 row in the summary of docs/validation_loaded.md.
_STANCE_ROW = {s: re.compile(r"^\| [^|]*\(`--stance " + s + r"`\)[^|]*\| \*\*([0-9.]+)\*\* \| \*\*([0-9.]+)\*\* \|", re.M)
               for s in ("roles", "vectors", "model", "rules")}
_LOADED_ROW = {
    "default": re.compile(r"^\| \*\*the default\*\* [^|]*overlap-F1 \| [0-9.]* \| ([0-9.]+) \|", re.M),
    "none": re.compile(r"^\| every span \(`score --span-model none`[^|]*overlap-F1 \| [0-9.]* \| ([0-9.]+) \|", re.M),
}


class ValidationNotFound(ValueError):
    """A validation page lacks the row of a scorer (its script's wording changed): the message names the page."""


def held_out_validity(stance_doc: Path | None = None, loaded_doc: Path | None = None) -> dict:
    """``{"stance": {scorer: (macro_f1, auc_negative)}, "spans": {setting: overlap_f1}}`` read from the two pages
    (default: :data:`STANCE_DOC` and :data:`LOADED_DOC`).

    Example:
        >>> v = held_out_validity()
        >>> sorted(v["stance"]), sorted(v["spans"])
        (['model', 'roles', 'rules', 'vectors'], ['default', 'none'])
    """
    stance_doc = STANCE_DOC if stance_doc is None else stance_doc
    loaded_doc = LOADED_DOC if loaded_doc is None else loaded_doc
    stance_text = stance_doc.read_text(encoding="utf-8")
    loaded_text = loaded_doc.read_text(encoding="utf-8")
    part1 = stance_text.split("## 1.", 1)[-1].split("\n## ", 1)[0]  # the held-out NewsMTSC part
    out: dict = {"stance": {}, "spans": {}}
    for scorer, pattern in _STANCE_ROW.items():
        found = pattern.search(part1)
        if found is None:
            raise ValidationNotFound(f"{stance_doc}: part 1 has no row for `--stance {scorer}`")
        out["stance"][scorer] = (float(found.group(1)), float(found.group(2)))
    for setting, pattern in _LOADED_ROW.items():
        found = pattern.search(loaded_text)
        if found is None:
            raise ValidationNotFound(f"{loaded_doc}: the summary has no overlap-F1 row for the {setting} spans")
        out["spans"][setting] = float(found.group(1))
    return out


def run_scorers(articles: int = SCORERS_ARTICLES, *, work: Path | None = None) -> dict:
    """Write the corpus (if needed), time VADER, every scorer of :data:`CONFIGS`, VADER again; the numbers."""
    from analysis.bench import WORK_DIR, count_words, load_average, machine_info, measure
    from analysis.corpus.synthetic import write_corpus

    validity = held_out_validity()  # before minutes of timing: a page without its rows stops the run at once
    work = WORK_DIR if work is None else work
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"synthetic-{articles}.jsonl"
    if not corpus.exists():
        partial = work / f"synthetic-{articles}.partial.jsonl"
        write_corpus(partial, articles)
        partial.replace(corpus)
    py = sys.executable
    out = work / f"scorers-{articles}"
    baseline = work / f"scorers-{articles}-vader.csv"
    results = {"machine": machine_info(), "load_before": load_average(),
               "started": _dt.datetime.now().isoformat(timespec="seconds"), "articles": articles, "validity": validity}
    vader = [py, "-m", "analysis.bench", "vader", str(corpus), str(baseline)]
    print("bench: VADER on every sentence (before)", file=sys.stderr)
    results["vader_before"] = measure(vader)
    rows = []
    words = None
    for name, flags, stance, spans in CONFIGS:
        shutil.rmtree(out, ignore_errors=True)
        print(f"bench: score {' '.join(flags) or '(the default)'}", file=sys.stderr)
        timing = measure([py, "-m", "analysis", "score", str(corpus), "--out", str(out), "--no-progress", "--no-resume",
                          *flags])
        if words is None:
            words = count_words(out / "articles.csv")
        rows.append({"name": name, "flags": list(flags), "stance": stance, "spans": spans, **timing})
    shutil.rmtree(out, ignore_errors=True)
    print("bench: VADER on every sentence (after)", file=sys.stderr)
    results["vader_after"] = measure(vader)
    baseline.unlink(missing_ok=True)
    results["words"] = words
    results["scorers"] = rows
    results["load_after"] = load_average()
    results["finished"] = _dt.datetime.now().isoformat(timespec="seconds")
    return results


def _ratio(row: dict, results: dict, key: str) -> float:
    """The scorer's throughput over VADER's (``key``: ``seconds`` or ``cpu_seconds``), VADER's time the mean of its
    two runs."""
    vader = (results["vader_before"][key] + results["vader_after"][key]) / 2
    return vader / row[key]


def report(results: dict) -> str:
    """``bench/scorers.md`` from the numbers of :func:`run_scorers`."""
    from analysis.bench import FILED_VADER_RATIO, VADER_RATIO_TARGET

    n, words = results["articles"], results["words"]
    before, after = results["vader_before"], results["vader_after"]
    validity = results["validity"]
    lines = [
        "# Benchmark: what each scorer costs, beside what it measures",
        "",
        f"Generated by `python -m analysis.bench scorers --articles {n}` (`analysis/bench_scorers.py`); numbers from one "
        f"run, not edited. Full scoring in one process (`python -m analysis score CORPUS --out DIR` with the flags of "
        f"each row, as `make bench` measures it: start-up, reading, every table written) on the synthetic corpus of "
        f"`make bench` (`analysis/corpus/synthetic.py`, seed 0): {n:,} articles, {words:,} words.",
        "",
        "## Machine",
        "",
        *machine_lines(results),
        f"- reference in the same run, VADER on every sentence (`python -m analysis.bench vader`): before the scorers "
        f"{before['seconds']:,.1f} s of wall ({before['cpu_seconds']:,.1f} s of CPU), after them {after['seconds']:,.1f} s "
        f"({after['cpu_seconds']:,.1f} s); the ratios below use the mean of the two.",
        "",
        "## The scorers",
        "",
        "Ratio to VADER: the scorer's throughput (words per second) over VADER's on the same corpus in the same run, "
        f"from wall time (as `bench/results.md` reads it) and from CPU time. Issue 19's item 6 asks for {VADER_RATIO_TARGET}x "
        f"at 100,000 articles; issues 15 and 16 ask for no less than at their filing, {FILED_VADER_RATIO:.2f}x. Held out: "
        "stance macro-F1 and AUC for negative on the held-out NewsMTSC part (`docs/validation_stance.md`, part 1); "
        "`Loaded_Language` overlap-F1 of the spans on the held-out `ptc-dev` part (`docs/validation_loaded.md`, "
        "summary; target 0.40). Read from those pages, written by their scripts from the development data.",
        "",
        "| scorer (`score` flags) | wall | CPU | peak memory | words per second | ratio to VADER, wall | ratio to VADER, CPU "
        f"| >= {FILED_VADER_RATIO:.2f}x | stance macro-F1 (held out) | stance AUC negative (held out) "
        "| span overlap-F1 (held out) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: |",
    ]
    for row in results["scorers"]:
        wall, cpu = _ratio(row, results, "seconds"), _ratio(row, results, "cpu_seconds")
        f1, auc = validity["stance"][row["stance"]]
        lines.append(f"| {row['name']} | {row['seconds']:,.1f} s | {row['cpu_seconds']:,.1f} s | {row['peak_mb']:,.0f} MB "
                     f"| {words / row['seconds']:,.0f} | {wall:.2f}x | {cpu:.2f}x | {'yes' if wall >= FILED_VADER_RATIO else 'no'} "
                     f"| {f1:.3f} | {auc:.3f} | {validity['spans'][row['spans']]:.3f} |")
    plain = min(results["scorers"], key=lambda r: r["cpu_seconds"])
    default = results["scorers"][0]
    lines += [
        "",
        f"The fastest here, {plain['name']}, takes {plain['cpu_seconds'] / default['cpu_seconds']:.0%} of the default's "
        f"CPU time ({_ratio(plain, results, 'seconds'):.2f}x VADER by wall time); "
        + ("it reaches" if _ratio(plain, results, "seconds") >= FILED_VADER_RATIO else "even it does not reach")
        + f" the {FILED_VADER_RATIO:.2f}x of the filing. The stage split of each is "
        "`python -m analysis.bench stages CORPUS --stance NAME`.",
        "",
    ]
    return "\n".join(lines)


def main(args) -> int:
    """``python -m analysis.bench scorers``: run, then write ``--out`` and the JSON beside it."""
    try:
        results = run_scorers(args.articles, work=Path(args.work) if args.work else None)
    except (RuntimeError, ValidationNotFound) as err:  # a failing command (its message) or a page without its row
        print(f"error: {err}", file=sys.stderr)
        return 1
    write_pages(Path(args.out), results, report(results))
    return 0

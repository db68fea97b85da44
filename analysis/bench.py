"""Benchmark ``score`` end to end on synthetic corpora against what a user would do instead (``make bench``).

Usage::

    python -m analysis.bench run [--sizes 1000,10000,100000] [--out bench/results.md]

For each size N it writes a synthetic corpus (:mod:`analysis.corpus.synthetic`, seed 0) to
``bench/corpora/synthetic-N.jsonl`` and times, each in a fresh subprocess (so that its peak
memory is its own, read from ``wait4``'s resource usage):

* ``python -m analysis score`` with the pandas engine (full scoring: loaded language, frames,
  stance, every CSV table of :data:`analysis.tables.score.OUTPUT_FILES`);
* the same with ``--workers 2`` (two local processes, each scoring whole chunks: what ``make``
  uses, ``SCORE_WORKERS=2``) and with ``--engine dask --workers 2`` (a local Dask cluster of two
  processes), whose files must be byte-identical to the one process's;
* VADER (the ``vaderSentiment`` package) on every sentence, sentences split at ``.!?`` + space and
  at line breaks: the simplest sentiment baseline;
* a regular-expression count of the lexicon: every pattern in one case-insensitive expression (a
  prefix tree of alternatives, ``*`` as ``\\w*``), matches counted per article and category;
* the first step of scoring alone: words and sentences with their offsets
  (:func:`analysis.text.tokens.tokenize` and :func:`analysis.text.tokens.sentences`), nothing scored. It shows
  how much of the time budget of a throughput target that step uses by itself.

It also splits the time of full scoring into its stages (:func:`stage_profile`, on the first
5,000 articles of the 10,000-article corpus, or of the largest one below it), which is where to
look before making scoring faster. ``python -m analysis.bench stages CORPUS`` prints that table
for any JSONL corpus; ``python -m analysis.bench report --stages STAGES.json`` puts a profile
written by ``stages --json`` into ``bench/results.md`` (saying on which code and load it was
measured) without rerunning the rest. ``python -m analysis.bench study`` times the whole study,
``make -j2 report``, on a 20,000-article corpus, step by step (:mod:`analysis.bench_study`);
``python -m analysis.bench scorers`` times full scoring with each stance scorer and span setting
beside their held-out validity (:mod:`analysis.bench_scorers`).

Throughput is in words per second, words as :func:`analysis.text.tokens.tokenize` counts them (the
``n_tokens`` of ``articles.csv``), so every line divides the same number of words. The results,
with the machine and package versions, go to ``bench/results.md``. Nothing here is part of
``make test``: the full run takes tens of minutes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from analysis import paths
from analysis.corpus.stream import DEFAULT_CHUNK_SIZE

DEFAULT_SIZES = (1_000, 10_000, 100_000)
PROFILE_CORPUS = 10_000  # the stage profile runs on the largest corpus up to this size ...
PROFILE_LIMIT = 5_000  # ... and on its first articles only
BENCH_DIR = paths.ROOT / "bench"
WORK_DIR = BENCH_DIR / "corpora"  # gitignored
# How the VADER baseline splits sentences: at .!? + whitespace and at line breaks.
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")


# ---------------------------------------------------------------------------------------------
# Baselines (run in their own process by `run`)
# ---------------------------------------------------------------------------------------------


def _texts(corpus: Path):
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            yield row["id"], row["text"]


def vader_baseline(corpus: Path, out: Path) -> None:
    """VADER's compound score of every sentence; writes ``id, n_sentences, mean_compound``."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "n_sentences", "mean_compound"])
        for ident, text in _texts(corpus):
            scores = [analyzer.polarity_scores(s)["compound"] for s in SENTENCE_SPLIT.split(text) if s.strip()]
            writer.writerow([ident, len(scores), f"{sum(scores) / len(scores):.6g}" if scores else 0])


def _trie_regex(patterns: list[str]) -> str:
    """One regular expression for many word patterns, as a prefix tree (the usual recipe for long
    word lists: a flat alternation tries every pattern at every position and is far slower)."""
    root: dict = {}
    for pattern in patterns:
        node = root
        for token in pattern:
            node = node.setdefault(token, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = []
        for token in sorted(k for k in node if k != ""):
            piece = {" ": r"[\s-]+", "*": r"\w*"}.get(token, re.escape(token))
            branches.append(piece + emit(node[token]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not end else "(?:" + "|".join(branches) + ")"
        return body + "?" if end else body

    return emit(root)


def regex_baseline(corpus: Path, out: Path, lexicon: Path = paths.LOADED_LEXICON) -> None:
    """Count lexicon matches per article and category with one regular expression."""
    with open(lexicon, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    categories = sorted({r["category"] for r in rows})
    exact: dict[str, str] = {}
    stems: dict[int, dict[str, str]] = {}
    patterns = []
    for r in rows:
        words = " ".join(re.split(r"[\s-]+", r["pattern"].strip().lower()))
        patterns.append(words)
        if words.endswith("*"):
            stems.setdefault(len(words) - 1, {}).setdefault(words[:-1], r["category"])
        else:
            exact.setdefault(words, r["category"])
    regex = re.compile(r"\b" + _trie_regex(patterns) + r"\b", re.IGNORECASE)
    lengths = sorted(stems, reverse=True)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", *categories])
        for ident, text in _texts(corpus):
            counts = dict.fromkeys(categories, 0)
            for m in regex.finditer(text):
                key = " ".join(re.split(r"[\s-]+", m.group().lower()))
                category = exact.get(key)
                if category is None:
                    category = next((stems[n][key[:n]] for n in lengths if key[:n] in stems[n]), None)
                if category is not None:
                    counts[category] += 1
            writer.writerow([ident, *counts.values()])


def text_baseline(corpus: Path, out: Path) -> None:
    """Words and sentences of every article with their offsets, nothing scored (the first step of
    ``score``, with the same functions); writes ``id, n_tokens, n_sentences``."""
    from analysis.text.tokens import normalize_typography, sentences_plain, tokenize_plain

    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "n_tokens", "n_sentences"])
        for ident, text in _texts(corpus):
            plain = normalize_typography(text)
            writer.writerow([ident, len(tokenize_plain(plain)), len(sentences_plain(plain))])


# ---------------------------------------------------------------------------------------------
# Where the time goes
# ---------------------------------------------------------------------------------------------

# Stages of full scoring: (label, module, public attribute), in the order score_corpus runs them:
# the analyses of text.article.Article (each computed on first use), the pattern sets matched
# against it, each measure's per-article function, the tables. Each is timed exclusively: a stage
# that calls another listed stage is charged only for its own time (stance, for example, calls the
# pattern matcher to find the actors; that time is counted under pattern matching).
STAGES = (
    ("words: tokenizing with offsets", "analysis.text.article", "tokenize_plain"),
    ("sentences: Punkt splitting", "analysis.text.article", "sentences_plain"),
    ("token keys shared by the matchers", "analysis.text.article", "PreparedText"),
    ("quotations", "analysis.text.article", "find_quotes"),
    ("pattern matching (lexicon, frames, actors, cues)", "analysis.text.lexicon", "PatternMatcher.find"),
    ("loaded language: negation, quotes, counts", "analysis.measures.loaded", "score"),
    ("loaded language: negation, quotes, counts", "analysis.measures.loaded", "article_row"),
    # The span re-ranker (score's default; analysis.measures.loaded_model): its features and probabilities.
    ("loaded language: span re-ranker", "analysis.measures.loaded", "rerank"),
    ("frames: per-article rates", "analysis.measures.frames", "score"),
    ("frames: per-article rates", "analysis.measures.frames", "article_row"),
    ("stance: clauses, cues, attribution", "analysis.measures.stance", "score"),
    # Who each article cites and which variant of a name it uses (attributions.csv, naming_spans.csv).
    ("attributions: cues and cited entities", "analysis.measures.sourcing", "attributions"),
    ("naming: variants of names", "analysis.measures.sourcing", "naming"),
    # The stance model's share of building the mentions table (the feature matrix, the
    # probabilities, each mention's model_evidence), apart from the rest of building the tables.
    ("stance model: matrix, probabilities, evidence", "analysis.measures.stance_model", "StanceModel.matrix"),
    ("stance model: matrix, probabilities, evidence", "analysis.measures.stance_model", "StanceModel.explain_matrix"),
    ("stance model: matrix, probabilities, evidence", "sklearn.linear_model", "LogisticRegression.predict_proba"),
    ("tables: building, sorting, rounding", "analysis.measures.loaded", "tables"),
    ("tables: building, sorting, rounding", "analysis.measures.frames", "tables"),
    ("tables: building, sorting, rounding", "analysis.measures.stance", "tables"),
    ("tables: building, sorting, rounding", "analysis.measures.sourcing", "attribution_frame"),
    ("tables: building, sorting, rounding", "analysis.measures.sourcing", "naming_frame"),
    ("CSV formatting", "pandas", "DataFrame.to_csv"),
    ("CSV formatting", "analysis.tables.score", "csv_body"),
)


def stage_profile(corpus: Path, *, limit: int | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE, stance: str | None = None) -> dict:
    """Time each stage of full scoring on a corpus, in this process.

    The listed functions are wrapped for the run (and put back afterwards); what the chunks'
    scoring spends outside them is ``other`` (the per-article loop, merging the tables, the
    index of byte counts). Reading the corpus and writing files are not included. Times are the
    process's CPU time (user + system), so they hold on a busy machine.

    Args:
        corpus: A JSONL corpus (as :mod:`analysis.corpus.synthetic` writes).
        limit: Score only the first ``limit`` articles.
        chunk_size: Articles per chunk, as ``score`` uses.
        stance: ``score --stance`` (default: ``score``'s default).

    Returns:
        ``n_articles``, ``words``, ``total`` (CPU seconds) and ``stages``: ``[label, seconds]`` in
        :data:`STAGES` order, then ``other``.
    """
    import importlib
    import io

    import pandas as pd

    from analysis.tables.score import Scorer, score_part

    spent: Counter = Counter()
    stack: list[float] = []
    # CPU time of this process (user + system), not the clock on the wall: the shares hold when
    # other work loads the machine.
    clock = time.process_time

    def timed(label, fn):
        def wrapper(*args, **kwargs):
            stack.append(0.0)
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = clock() - start
                spent[label] += elapsed - stack.pop()
                if stack:
                    stack[-1] += elapsed
        return wrapper

    result = {"n_articles": 0, "words": 0, "total": 0.0}

    def score(rows: list[dict]) -> None:
        start = clock()
        part = score_part(scorer, pd.DataFrame(rows))
        result["total"] += clock() - start
        table = io.BytesIO(part.headers["articles"].encode("utf-8") + part.bodies["articles"])
        result["words"] += int(pd.read_csv(table, usecols=["n_tokens"])["n_tokens"].sum())
        result["n_articles"] += len(rows)

    patched = []
    try:
        for label, module, name in STAGES:
            owner = importlib.import_module(module)
            *path, attr = name.split(".")
            for part in path:
                owner = getattr(owner, part)
            own = attr in vars(owner)  # else inherited (DataFrame.to_csv): removed again afterwards
            original = vars(owner)[attr] if own else getattr(owner, attr)
            patched.append((owner, attr, original, own))
            setattr(owner, attr, timed(label, original))
        scorer = Scorer.load() if stance is None else Scorer.load(stance=stance)
        rows: list[dict] = []
        for n, (ident, text) in enumerate(_texts(corpus)):
            if limit is not None and n >= limit:
                break
            rows.append({"id": ident, "source": "bench", "text": text})
            if len(rows) == chunk_size:
                score(rows)
                rows = []
        if rows:
            score(rows)
    finally:
        for owner, attr, original, own in reversed(patched):
            if own:
                setattr(owner, attr, original)
            else:
                delattr(owner, attr)
    labels = list(dict.fromkeys(label for label, _, _ in STAGES))
    result["stages"] = [[label, spent[label]] for label in labels]
    result["stages"].append(["other", result["total"] - sum(spent.values())])
    return result


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


# A small launcher starts each measured command and reports the peak memory of its descendants.
# (Measured from this process, a child's peak would include this process's memory at the fork:
# Linux carries the high-water mark over fork and exec.) For Dask that is the largest process of
# the run: the client or one worker.
_LAUNCHER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "wall = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(code, wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)\n"
)


def measure(cmd: list[str]) -> dict:
    """Run ``cmd``; wall time, the peak resident memory of its largest process (MB) and the CPU time (user +
    system) of it and its descendants: CPU time does not grow when other work shares the machine's cores."""
    proc = subprocess.run([sys.executable, "-c", _LAUNCHER, *cmd], capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    try:
        code, wall, maxrss, cpu = proc.stdout.split()
    except ValueError:
        raise RuntimeError(f"{' '.join(cmd)}: the launcher failed:\n{proc.stderr}") from None
    if int(code) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}):\n{proc.stderr}")
    return {"seconds": float(wall), "peak_mb": int(maxrss) / 1024, "cpu_seconds": float(cpu)}


def count_words(articles_csv: Path) -> int:
    """The words of a scored corpus: the sum of ``n_tokens`` in its ``articles.csv``."""
    import pandas as pd

    return int(pd.read_csv(articles_csv, usecols=["n_tokens"])["n_tokens"].sum())


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.csv")):
        digest.update(path.name.encode())
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def machine_info() -> dict:
    """The machine, Python, the measured packages' versions and the code's commit ("...-dirty" with uncommitted changes)."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
                break
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    packages = {}
    for name in ("pandas", "numpy", "pyarrow", "nltk", "regex", "vaderSentiment", "dask", "distributed", "tqdm"):
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = "not installed"
    commit = subprocess.run(["git", "-C", str(paths.ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return {
        "cpu": cpu or "unknown",
        "cores": os.cpu_count(),
        "ram": ram or "unknown",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": packages,
        "commit": commit.stdout.strip() or "unknown",
    }


def _lexicon_patterns(text: str) -> int:
    """The number of patterns (rows) of a lexicon CSV's text: what the regex baseline matches."""
    return sum(1 for _ in csv.DictReader(text.splitlines()))


def _run_lexicon_patterns(results: dict) -> int | None:
    """The lexicon size of a run: recorded by ``run``, else read from git at the run's commit (None if neither)."""
    if results.get("lexicon_patterns"):
        return results["lexicon_patterns"]
    commit = results.get("machine", {}).get("commit", "").removesuffix("-dirty")
    relative = paths.LOADED_LEXICON.relative_to(paths.ROOT).as_posix()
    try:
        shown = subprocess.run(["git", "-C", str(paths.ROOT), "show", f"{commit}:{relative}"], capture_output=True, text=True)
    except OSError:  # no git
        return None
    return _lexicon_patterns(shown.stdout) if commit and shown.returncode == 0 else None


def _number_word(n: int) -> str:
    """``7`` -> ``"seven"`` (up to twelve), else the digits."""
    words = "zero one two three four five six seven eight nine ten eleven twelve".split()
    return words[n] if 0 <= n < len(words) else f"{n:,}"


def load_average() -> str:
    """The load averages over 1, 5 and 15 minutes, as text ("unknown" where the system gives none)."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def parse_sizes(text: str) -> list[int]:
    """Corpus sizes from ``"1000,10000"`` or ``"1000 10000"``; ``"1_000"`` is one size.

    Commas and spaces both separate sizes: ``make bench BENCH_SIZES='1000 10000'`` is two
    corpora, never the single size 100010000 (spaces used to be dropped before splitting).
    """
    return [int(s) for s in re.split(r"[,\s]+", text.strip()) if s]


def run(sizes: list[int], out: Path, *, work: Path = WORK_DIR, dask: bool = True, local: bool = True,
        keep: bool = False) -> dict:
    """Generate the corpora, run every measurement, write ``out`` (Markdown); returns the numbers."""
    from analysis.corpus.synthetic import write_corpus

    work.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    results = {"machine": machine_info(), "load_before": load_average(), "started": _dt.datetime.now().isoformat(timespec="seconds"),
               "lexicon_patterns": _lexicon_patterns(paths.LOADED_LEXICON.read_text(encoding="utf-8")), "sizes": []}
    for n in sizes:
        corpus = work / f"synthetic-{n}.jsonl"
        if not corpus.exists():
            print(f"bench: writing {corpus}", file=sys.stderr)
            write_corpus(corpus, n)
        row = {"n": n, "corpus_mb": corpus.stat().st_size / 1e6}
        pandas_out = work / f"out-{n}-pandas"
        shutil.rmtree(pandas_out, ignore_errors=True)
        print(f"bench: N={n} score (pandas)", file=sys.stderr)
        row["pandas"] = measure([py, "-m", "analysis", "score", str(corpus), "--out", str(pandas_out), "--no-progress", "--no-resume"])
        row["words"] = count_words(pandas_out / "articles.csv")
        digest = _digest(pandas_out)
        if local:
            local_out = work / f"out-{n}-local"
            shutil.rmtree(local_out, ignore_errors=True)
            print(f"bench: N={n} score (2 local processes)", file=sys.stderr)
            row["local"] = measure([py, "-m", "analysis", "score", str(corpus), "--out", str(local_out), "--workers", "2",
                                     "--no-progress", "--no-resume"])
            row["local_identical"] = _digest(local_out) == digest
            if not keep:
                shutil.rmtree(local_out, ignore_errors=True)
        if dask:
            dask_out = work / f"out-{n}-dask"
            shutil.rmtree(dask_out, ignore_errors=True)
            print(f"bench: N={n} score (dask, 2 workers)", file=sys.stderr)
            row["dask"] = measure([py, "-m", "analysis", "score", str(corpus), "--out", str(dask_out), "--engine", "dask",
                                    "--workers", "2", "--no-progress", "--no-resume"])
            row["dask_identical"] = _digest(dask_out) == digest
            if not keep:
                shutil.rmtree(dask_out, ignore_errors=True)
        if not keep:
            shutil.rmtree(pandas_out, ignore_errors=True)
        print(f"bench: N={n} VADER baseline", file=sys.stderr)
        base = work / f"baseline-{n}.csv"
        row["vader"] = measure([py, "-m", "analysis.bench", "vader", str(corpus), str(base)])
        print(f"bench: N={n} regex baseline", file=sys.stderr)
        row["regex"] = measure([py, "-m", "analysis.bench", "regex", str(corpus), str(base)])
        print(f"bench: N={n} words and sentences only", file=sys.stderr)
        row["text"] = measure([py, "-m", "analysis.bench", "text", str(corpus), str(base)])
        base.unlink(missing_ok=True)
        for key in ("pandas", "local", "dask", "vader", "regex", "text"):
            if key in row:
                row[key]["words_per_s"] = row["words"] / row[key]["seconds"]
        results["sizes"].append(row)
        print(f"bench: N={n} done: " + json.dumps({k: v for k, v in row.items() if isinstance(v, dict)}), file=sys.stderr)
    profiled = [r["n"] for r in results["sizes"] if r["n"] <= PROFILE_CORPUS]
    if profiled:
        n = max(profiled)
        print(f"bench: N={n} time per stage (first {min(n, PROFILE_LIMIT):,} articles)", file=sys.stderr)
        out_json = work / "stages.json"
        done = subprocess.run([py, "-m", "analysis.bench", "stages", str(work / f"synthetic-{n}.jsonl"),
                               "--limit", str(PROFILE_LIMIT), "--json", str(out_json)], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"the stage profile failed:\n{done.stderr}")
        results["stages"] = {"corpus_n": n, **json.loads(out_json.read_text(encoding="utf-8"))}
        out_json.unlink()
    results["load_after"] = load_average()
    results["finished"] = _dt.datetime.now().isoformat(timespec="seconds")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_report(results), encoding="utf-8")
    (out.with_suffix(".json")).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


# Issue 19 (now): at 100,000 articles, full scoring in one process at least this fraction of the
# throughput of VADER on every sentence, and Dask on 2 workers at least this speed-up.
VADER_RATIO_TARGET = 0.6
DASK_SPEEDUP_TARGET = 1.8
# Issues 15 and 16: `make bench` at 100,000 articles no slower than when they were filed. The
# benchmark of record then was the run of 2026-11-29 on commit 5f65479 (bench/results.md of commit
# c668548): full scoring in one process at 189,088 words per second, VADER on every sentence at
# 490,137. The ratio to VADER, measured in the same run, is compared (the machine's speed varies
# from day to day; both lines vary with it).
FILED_VADER_RATIO = 189_088 / 490_137


def _targets(results: dict) -> list[tuple[str, str, str, bool | None]]:
    """``(issue, target, measured, met)``; met is None when the size it names was not run."""

    rows = {r["n"]: r for r in results["sizes"]}
    out = []
    ratios = [r["pandas"]["words_per_s"] / r["vader"]["words_per_s"] for r in results["sizes"]]
    listed = ", ".join(f"{r['n']:,}: {x:.2f}x" for r, x in zip(results["sizes"], ratios))
    big = rows.get(100_000)
    if ratios:
        out.append(("19", f"at 100,000 articles, full scoring in one process has at least {VADER_RATIO_TARGET}x the "
                          "throughput of VADER on every sentence", "pandas / VADER throughput: " + listed,
                    None if big is None else ratios[results["sizes"].index(big)] >= VADER_RATIO_TARGET))
    local = [r for r in results["sizes"] if "local" in r]
    if local:
        speedups = {r["n"]: r["pandas"]["seconds"] / r["local"]["seconds"] for r in local}
        out.append(("19", f"(the Dask target applied to what `make` uses) at 100,000 articles, 2 local processes "
                          f"(`score --workers 2`) are at least {DASK_SPEEDUP_TARGET}x as fast as one process",
                    "speed-up of 2 local processes: " + ", ".join(f"{n:,}: {x:.2f}x" for n, x in speedups.items()),
                    None if 100_000 not in speedups else speedups[100_000] >= DASK_SPEEDUP_TARGET))
    dask = [r for r in results["sizes"] if "dask" in r]
    if dask:
        speedups = {r["n"]: r["pandas"]["seconds"] / r["dask"]["seconds"] for r in dask}
        out.append(("19", f"at 100,000 articles, Dask on 2 workers is at least {DASK_SPEEDUP_TARGET}x as fast as one process",
                    "Dask speed-up: " + ", ".join(f"{n:,}: {x:.2f}x" for n, x in speedups.items()),
                    None if 100_000 not in speedups else speedups[100_000] >= DASK_SPEEDUP_TARGET))
    if ratios:
        at_100k = None if big is None else ratios[results["sizes"].index(big)]
        for issue in ("15", "16"):
            out.append((issue, "`make bench` at 100,000 articles no slower than when the issue was filed: full scoring "
                               f"in one process at least {FILED_VADER_RATIO:.2f}x the throughput of VADER on every "
                               "sentence (the run of 2026-11-29, commit 5f65479)",
                        "pandas / VADER throughput: " + listed, None if at_100k is None else at_100k >= FILED_VADER_RATIO))
        out.append(("8", "full scoring has at least 2x the throughput of VADER on every sentence",
                    "pandas / VADER throughput: " + listed, all(x >= 2 for x in ratios)))
    if 10_000 in rows and 100_000 in rows:
        ratio = rows[100_000]["pandas"]["seconds"] / rows[10_000]["pandas"]["seconds"]
        out.append(("8", "10k -> 100k articles multiplies the time by at most 11", f"{ratio:.2f}x" + _cpu_ratio(rows[10_000], rows[100_000]),
                    ratio <= 11))
    if 100_000 in rows:
        peak = rows[100_000]["pandas"]["peak_mb"]
        out.append(("8", "peak memory under 2 GB at 100k articles", f"{peak:,.0f} MB", peak < 2048))
    big = [r for r in results["sizes"] if r["n"] >= 10_000]
    if len(big) >= 2:
        peaks = [r["pandas"]["peak_mb"] for r in big]
        growth = max(peaks) - min(peaks)
        out.append(("8", f"beyond the chunk size ({DEFAULT_CHUNK_SIZE:,} articles) peak memory does not grow with N",
                    " / ".join(f"{r['n']:,}: {r['pandas']['peak_mb']:,.0f} MB" for r in big), growth < 0.1 * min(peaks)))
    return out


def _cpu_ratio(a: dict, b: dict) -> str:
    """`` (CPU time xR)``: how the pandas engine's CPU time grows from size ``a`` to ``b`` ("" for runs without it)."""
    if a["pandas"].get("cpu_seconds") and b["pandas"].get("cpu_seconds"):
        return f" (CPU time x{b['pandas']['cpu_seconds'] / a['pandas']['cpu_seconds']:.2f})"
    return ""


def _scaling(results: dict) -> str:
    """The sentence on how the pandas engine's time grows from each size to the next ("" for one size)."""
    sizes = results["sizes"]
    if len(sizes) < 2:
        return ""
    steps = ", ".join(f"{a['n']:,} -> {b['n']:,}: time x{b['pandas']['seconds'] / a['pandas']['seconds']:.2f}" + _cpu_ratio(a, b)
                      for a, b in zip(sizes, sizes[1:]))
    cpu = all(r["pandas"].get("cpu_seconds") for r in sizes)
    return (f" Scaling, pandas engine: {steps}."
            + (" Time is on the clock on the wall, which other work on the machine lengthens; CPU time (user + system, "
               "of the process and its children) is not lengthened by it." if cpu else ""))


def _budget(results: dict) -> list[str]:
    """What the throughput target leaves per word, next to what the first step of scoring uses."""
    sizes = [r for r in results["sizes"] if "text" in r]
    if not sizes:
        return []
    r = sizes[-1]
    per_word = {key: 1e6 / r[key]["words_per_s"] for key in ("pandas", "vader", "text")}
    budget = per_word["vader"] / VADER_RATIO_TARGET
    return [
        "",
        f"Time per word at {r['n']:,} articles (each a whole process, start-up included): VADER on every "
        f"sentence takes {per_word['vader']:.2f} µs, so {VADER_RATIO_TARGET}x its throughput (issue 19) leaves "
        f"{budget:.2f} µs per word for everything full scoring does. Splitting words and sentences alone, the first step of full scoring, "
        f"takes {per_word['text']:.2f} µs ({per_word['text'] / budget:.0%} of that budget); full scoring "
        f"takes {per_word['pandas']:.2f} µs.",
    ]


def _stages_table(profile: dict) -> list[str]:
    total = profile["total"]
    lines = ["| stage | seconds | share | µs per word |", "| --- | ---: | ---: | ---: |"]
    for label, seconds in profile["stages"]:
        lines.append(f"| {label} | {seconds:,.2f} | {seconds / total:.0%} | {1e6 * seconds / profile['words']:.2f} |")
    lines.append(f"| **all of scoring** | {total:,.2f} | 100% | {1e6 * total / profile['words']:.2f} |")
    return lines


def _stages_section(results: dict) -> list[str]:
    profile = results.get("stages")
    if not profile:
        return []
    apart = bool(profile.get("commit")) and profile["commit"] != results["machine"]["commit"]
    return [
        "",
        "## Where the time goes",
        "",
        f"Full scoring of the first {profile['n_articles']:,} articles of the {profile['corpus_n']:,}-article corpus "
        f"({profile['words']:,} words) in one process, split by stage (`python -m analysis.bench stages CORPUS`; CPU "
        "time; each stage timed without the listed stages it calls; reading the corpus and writing files not included)"
        + (f". Measured apart from the rest of this page (`python -m analysis.bench report --stages`), on code "
           f"`{profile['commit']}`, {profile['started']}, load average before / after {profile['load_before']} / "
           f"{profile['load_after']}" if apart else "")
        + ":",
        "",
        *_stages_table(profile),
        *(["", "CPU time grows with the load of the machine (other processes share its cores and caches), so when "
           "the loads differ compare the stages' shares, not their seconds, with the lines above."] if apart else []),
    ]


def _report(results: dict) -> str:
    from analysis.tables.score import OUTPUT_FILES

    m = results["machine"]
    # What full scoring writes and the size of the regex baseline's lexicon, from the code and the run
    # (not retyped here, so that the text cannot go stale).
    tables = [name.removesuffix(".csv") for name in OUTPUT_FILES]
    n_patterns = _run_lexicon_patterns(results)
    lines = [
        "# Benchmark: `score` on large synthetic corpora",
        "",
        "Generated by `make bench` (`python -m analysis.bench run`); numbers from one run, not edited.",
        "The corpora are **synthetic** (`analysis/corpus/synthetic.py`, seed 0: ids `synthetic-…`, first line",
        "`SYNTHETIC ARTICLE`), about 450 words per article with actor mentions and loaded terms at",
        "about the rates of the bundled corpus. Each measurement is one fresh process, end to end",
        "(start-up, loading the lexicons, reading the JSONL, writing every output file).",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; RAM: {m['ram']}; {m['os']}",
        f"- Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- code: `{m['commit']}`; run {results['started']} to {results['finished']}",
        f"- load average before / after: {results['load_before']} / {results['load_after']} "
        "(other work on the machine slows every line alike)",
        "",
        "## Throughput (words per second; higher is better)",
        "",
        "| articles | words | full scoring, pandas, one process | full scoring, 2 local processes | full scoring, Dask 2 workers | VADER every sentence | regex lexicon count | words and sentences only |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results["sizes"]:
        local = f"{r['local']['words_per_s']:,.0f}" if "local" in r else "not run"
        dask = f"{r['dask']['words_per_s']:,.0f}" if "dask" in r else "not run"
        text = f"{r['text']['words_per_s']:,.0f}" if "text" in r else "not run"
        lines.append(f"| {r['n']:,} | {r['words']:,} | {r['pandas']['words_per_s']:,.0f} | {local} | {dask} | "
                     f"{r['vader']['words_per_s']:,.0f} | {r['regex']['words_per_s']:,.0f} | {text} |")
    lines += [
        "",
        "## Time and peak memory",
        "",
        "| articles | pandas: time | pandas: peak memory | 2 local processes: time | speed-up | same bytes | Dask: time | Dask: speed-up | Dask = pandas bytes | VADER: time | regex: time | words and sentences: time |",
        "| ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | :---: | ---: | ---: | ---: |",
    ]
    for r in results["sizes"]:
        if "local" in r:
            loc = (f"{r['local']['seconds']:,.1f} s", f"{r['pandas']['seconds'] / r['local']['seconds']:.2f}x",
                   "yes" if r["local_identical"] else "**NO**")
        else:
            loc = ("not run", "", "")
        if "dask" in r:
            d = (f"{r['dask']['seconds']:,.1f} s", f"{r['pandas']['seconds'] / r['dask']['seconds']:.2f}x",
                 "yes" if r["dask_identical"] else "**NO**")
        else:
            d = ("not run", "", "")
        lines.append(f"| {r['n']:,} | {r['pandas']['seconds']:,.1f} s | {r['pandas']['peak_mb']:,.0f} MB | "
                     f"{loc[0]} | {loc[1]} | {loc[2]} | {d[0]} | {d[1]} | {d[2]} | "
                     f"{r['vader']['seconds']:,.1f} s | {r['regex']['seconds']:,.1f} s | "
                     + (f"{r['text']['seconds']:,.1f} s |" if "text" in r else "not run |"))
    lines += [
        "",
        "Peak memory is the maximum resident set size of the run's largest process (for Dask, the",
        "client or one worker), measured from a small launcher process. Speed-up: the one process's time",
        "over the line's; same bytes: every output file equal to the one process's." + _scaling(results),
        "",
        "## Targets (issues 19, 15 and 16; the issue 8 rows are kept for comparison)",
        "",
        "| issue | target | measured | met |",
        "| :---: | --- | --- | :---: |",
    ]
    for issue, name, measured, ok in _targets(results):
        lines.append(f"| {issue} | {name} | {measured} | {'not run' if ok is None else 'yes' if ok else '**no**'} |")
    lines += _budget(results)
    lines += _stages_section(results)
    lines += [
        "",
        "## What the lines measure",
        "",
        "- **full scoring**: `python -m analysis score CORPUS --out DIR` (loaded language with negation,",
        "  quotations and scare quotes; frames; stance toward every actor mention; "
        f"{_number_word(len(tables))} CSV tables with",
        f"  the evidence of every score: {', '.join(tables)}), chunks of {DEFAULT_CHUNK_SIZE:,} articles:",
        "  in one process (`score`'s default), in 2 local processes (`--workers 2`, as `make` scores) and",
        "  on a local Dask cluster of 2 workers (`--engine dask --workers 2`).",
        "- **VADER every sentence**: `vaderSentiment`'s `polarity_scores` on each sentence (split at",
        "  `.!?` + whitespace and line breaks), one CSV row per article.",
        f"- **regex lexicon count**: the {f'{n_patterns:,} ' if n_patterns else ''}lexicon patterns as one `re` expression (a prefix tree of",
        "  alternatives, `*` as `\\w*`, spaces and hyphens alike), matches counted per article and",
        "  category; no negation, quotation, phrase-gap or compound handling, no evidence.",
        "- **words and sentences only**: the first step of full scoring by itself, with the same",
        "  functions (`analysis.text.tokens.tokenize` and `sentences`: every word and sentence with its",
        "  offsets), one CSV row per article; nothing is scored.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="the whole benchmark (make bench)")
    p_run.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="corpus sizes, separated by commas or spaces")
    p_run.add_argument("--out", default=str(BENCH_DIR / "results.md"), help="the Markdown report")
    p_run.add_argument("--work", default=str(WORK_DIR), help="folder for corpora and outputs (gitignored)")
    p_run.add_argument("--no-dask", action="store_true", help="skip the Dask engine")
    p_run.add_argument("--no-local", action="store_true", help="skip the 2 local processes (score --workers 2)")
    p_run.add_argument("--keep", action="store_true", help="keep the score outputs")
    for name in ("vader", "regex", "text"):
        p = sub.add_parser(name, help=f"the {name} baseline on a JSONL corpus")
        p.add_argument("corpus")
        p.add_argument("out")
    p_stages = sub.add_parser("stages", help="time each stage of full scoring on a JSONL corpus")
    p_stages.add_argument("corpus")
    p_stages.add_argument("--limit", type=int, default=None, help="score only the first LIMIT articles")
    p_stages.add_argument("--json", default=None, help="also write the numbers to this JSON file (with the code's commit and the load)")
    p_stages.add_argument("--stance", choices=("model", "vectors", "roles", "rules"), default=None,
                          help="score's --stance (default: score's default)")
    p_report = sub.add_parser("report", help="write results.md again from results.json, optionally with a new stage profile")
    p_report.add_argument("--results", default=str(BENCH_DIR / "results.json"), help="the numbers of a run (run writes it beside --out)")
    p_report.add_argument("--stages", default=None, help="a stage profile from `stages --json`: replaces the run's (saved into --results)")
    p_report.add_argument("--out", default=str(BENCH_DIR / "results.md"), help="the Markdown report")
    from analysis import bench_study

    p_study = sub.add_parser("study", help="time `make -j2 report` on a large synthetic corpus, step by step (bench/study.md)")
    p_study.add_argument("--articles", type=int, default=bench_study.STUDY_ARTICLES, help="articles in the corpus")
    p_study.add_argument("--jobs", type=int, default=bench_study.STUDY_JOBS, help="make's -j")
    p_study.add_argument("--out", default=None, help="the Markdown report (its numbers beside it, .json; default "
                         "bench/study.md, the page of record, which a run with --set does not overwrite)")
    p_study.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                         help="a make variable for the run, e.g. STANCE=rules (repeatable)")
    p_study.add_argument("--work", default=None, help="folder for the corpus and the run (default: bench/corpora, gitignored)")
    from analysis import bench_scorers

    p_scorers = sub.add_parser("scorers", help="full scoring with each stance scorer and span setting, beside their "
                               "held-out validity (bench/scorers.md)")
    p_scorers.add_argument("--articles", type=int, default=bench_scorers.SCORERS_ARTICLES, help="articles in the corpus")
    p_scorers.add_argument("--out", default=str(BENCH_DIR / "scorers.md"), help="the Markdown report (its numbers beside it, .json)")
    p_scorers.add_argument("--work", default=None, help="folder for the corpus and the outputs (default: bench/corpora, gitignored)")
    args = parser.parse_args(argv)
    if args.command == "scorers":
        if args.articles < 1:
            parser.error("--articles must be a positive whole number")
        return bench_scorers.main(args)
    if args.command == "study":
        if args.articles < 1 or args.jobs < 1:
            parser.error("--articles and --jobs must be positive whole numbers")
        try:
            bench_study.check_variables(args.set)
        except ValueError as err:
            parser.error(str(err))
        if args.out is None:
            if args.set:
                parser.error("--set needs --out: bench/study.md is the page of the default run")
            args.out = str(BENCH_DIR / "study.md")
        return bench_study.main(args)
    if args.command == "stages":
        if not Path(args.corpus).is_file():
            parser.error(f"{args.corpus}: no such JSONL corpus (make one with analysis.corpus.synthetic.write_corpus)")
        if args.limit is not None and args.limit < 1:
            parser.error("--limit must be a positive number of articles")
        # the code and the load as the profile starts (the commit is "...-dirty" with uncommitted changes)
        started, load_before, commit = _dt.datetime.now().isoformat(timespec="seconds"), load_average(), machine_info()["commit"]
        profile = stage_profile(Path(args.corpus), limit=args.limit, stance=args.stance)
        print("\n".join(_stages_table(profile)))
        if args.json:
            with open(args.corpus, "rb") as handle:
                corpus_n = sum(1 for line in handle if line.strip())
            profile = {"corpus_n": corpus_n, **profile, "commit": commit, "started": started,
                       "load_before": load_before, "load_after": load_average()}
            Path(args.json).write_text(json.dumps(profile, indent=2) + "\n", encoding="utf-8")
        return 0
    if args.command == "report":
        results = json.loads(Path(args.results).read_text(encoding="utf-8"))
        if args.stages:
            results["stages"] = json.loads(Path(args.stages).read_text(encoding="utf-8"))
            Path(args.results).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        Path(args.out).write_text(_report(results), encoding="utf-8")
        print(f"bench: wrote {args.out}", file=sys.stderr)
        return 0
    if args.command == "vader":
        vader_baseline(Path(args.corpus), Path(args.out))
        return 0
    if args.command == "regex":
        regex_baseline(Path(args.corpus), Path(args.out))
        return 0
    if args.command == "text":
        text_baseline(Path(args.corpus), Path(args.out))
        return 0
    try:
        sizes = parse_sizes(args.sizes)
    except ValueError:
        parser.error(f"--sizes must be whole numbers separated by commas or spaces, not {args.sizes!r}")
    if not sizes or min(sizes) < 1:
        parser.error("--sizes needs at least one positive size")
    run(sizes, Path(args.out), work=Path(args.work), dask=not args.no_dask, local=not args.no_local, keep=args.keep)
    print(f"bench: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

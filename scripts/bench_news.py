"""What scoring costs on real news, beside the synthetic corpus of ``make bench`` (a development measurement).

Usage::

    PYTHONPATH=. python scripts/bench_news.py [--dev-data ../shared/dev-data] [--repeat 3] [--out bench/news.md]
    PYTHONPATH=. python scripts/bench_news.py --from-json bench/news.json   # the page again from its numbers

Why. ``make bench`` and ``python -m analysis.bench scorers`` time scoring on a synthetic corpus
(:mod:`analysis.corpus.synthetic`) whose actor mentions are set to the rate of the five bundled
articles, a story about the very actors scored (about 64 mentions per 1,000 words; in 8 sentences
of 10). Stance is scored per mention, so that corpus weighs the stance stage as a corpus about the
actors does. Issue 19's item 6 reads its throughput target on it. This script puts beside it what
the same scorers cost on real news that is not about those actors: the 296 articles of ``ptc-dev``
(development data, never in the repository), scored

* with the bundled targets (what ``python -m analysis score`` uses unless told otherwise), and
* with the 8 actors :func:`analysis.measures.actors.discover_actors` finds in them (what ``make
  report`` scores on any corpus other than the bundled one, ``TARGETS=auto``),

and the first articles of ``make bench``'s synthetic corpus with about as many words, in the same
run. Every line is the CPU time (user + system) of this process, the least of ``--repeat`` runs:
scoring (:func:`analysis.tables.score.score_part`: every table made and formatted as CSV, chunks of
1,000 articles, nothing written to disk) and VADER's compound score of every sentence (sentences as
``python -m analysis.bench vader`` splits them). Start-up, reading and writing are left out of both,
unlike ``make bench``, which times whole processes; the ratios are therefore not the numbers of
``bench/results.md``, but each line's scorers and VADER are measured alike.

Writes ``--out`` (Markdown) and the numbers beside it (``.json``). Not part of ``make test``; about
five minutes with ``--repeat 3``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import time
from pathlib import Path

from startup import ROOT, add_dev_data, missing  # first: puts the repository and scripts/ on sys.path

from analysis import paths  # noqa: E402

ARTICLES = Path("ptc-dev") / "articles"
N_ACTORS = 8  # make report's N_ACTORS
CHUNK = 1_000  # score's --chunk-size


def configs() -> list[tuple[str, dict]]:
    """``(label, Scorer.load options)`` of each scorer, in the order and with the labels of ``bench/scorers.md``."""
    from analysis.bench_scorers import CONFIGS

    out = []
    for name, flags, _stance, _spans in CONFIGS:
        options = dict(zip(flags[0::2], flags[1::2]))
        out.append((name, {"stance": options.get("--stance", "roles"), "span_model": options.get("--span-model", "auto")}))
    return out


def vader_seconds(texts: list[str], repeat: int) -> float:
    """CPU seconds of VADER's compound score of every sentence of ``texts`` (the least of ``repeat`` runs)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.bench import SENTENCE_SPLIT  # as the VADER baseline of make bench splits sentences

    analyzer = SentimentIntensityAnalyzer()
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            for s in SENTENCE_SPLIT.split(text):
                if s.strip():
                    analyzer.polarity_scores(s)
        best = min(best, time.process_time() - start)
    return best


def one(corpus_path: str, targets: str | None, domains: list[str], options: dict, with_workload: bool) -> dict:
    """One scorer on one corpus, in this (fresh) process: CPU seconds of a first pass over the corpus, whose caches
    of word values start empty, and of a second, which finds them filled (and the workload, when asked)."""
    from analysis.corpus import load_corpus
    from analysis.tables.score import Scorer, score_part

    corpus = load_corpus(corpus_path)
    scorer = Scorer.load(targets=targets, domains=domains, **options)
    score_part(scorer, corpus.iloc[:5])  # models and tables loaded on first use are not the corpus's cost
    out = {}
    for name in ("cold", "warm"):
        start = time.process_time()
        for k in range(0, len(corpus), CHUNK):
            score_part(scorer, corpus.iloc[k : k + CHUNK])
        out[name] = time.process_time() - start
    if with_workload:
        out["workload"] = workload(scorer, corpus)
    return out


def workload(scorer, corpus) -> dict:
    """Words, sentences, actor mentions and loaded-language spans of ``corpus`` as ``scorer`` finds them."""
    tables = scorer(corpus)
    articles, mentions = tables["articles"], tables["mentions"]
    words, sentences = int(articles["n_tokens"].sum()), int(articles["n_sentences"].sum())
    with_mention = mentions.groupby(["id", "sentence_start"]).ngroups if len(mentions) else 0
    return {"articles": len(corpus), "words": words, "sentences": sentences, "mentions": len(mentions),
            "mentions_per_1k": 1000 * len(mentions) / words, "sentence_share": with_mention / sentences,
            "spans_per_1k": 1000 * len(tables["spans"]) / words}


def measure(label: str, corpus_path: Path, targets: Path | None, domains: list[str], repeat: int) -> dict:
    """The workload, VADER and every scorer of :func:`configs` on one corpus with one targets file, each scorer in a
    fresh process (its caches empty at the start), the least CPU time of ``repeat`` such processes."""
    import subprocess

    from analysis.corpus import load_corpus

    print(f"bench_news: {label}", file=sys.stderr)
    texts = load_corpus(corpus_path)["text"].tolist()
    row = {"label": label, "vader": vader_seconds(texts, repeat), "scorers": []}
    for name, options in configs():
        runs = []
        for k in range(repeat):
            job = {"corpus": str(corpus_path), "targets": None if targets is None else str(targets), "domains": domains,
                   "options": options, "workload": not row["scorers"] and k == 0}
            done = subprocess.run([sys.executable, __file__, "--one", json.dumps(job)], capture_output=True, text=True,
                                  check=True)
            runs.append(json.loads(done.stdout))
        if "workload" in runs[0]:
            row.update(runs[0]["workload"])
        cold, warm = min(r["cold"] for r in runs), min(r["warm"] for r in runs)
        row["scorers"].append({"name": name, "cold": cold, "warm": warm, "ratio_cold": row["vader"] / cold,
                               "ratio_warm": row["vader"] / warm})
        print(f"  {name}: first pass {cold:.1f} s ({row['vader'] / cold:.2f}x VADER), second {warm:.1f} s "
              f"({row['vader'] / warm:.2f}x)", file=sys.stderr)
    return row


def run(dev_data: Path, repeat: int, work: Path) -> dict:
    """Write the two corpora and the found actors into ``work`` (a temporary folder), then :func:`measure` each line."""
    import warnings

    import pandas as pd

    from analysis.bench import load_average, machine_info
    from analysis.corpus import load_corpus
    from analysis.corpus.synthetic import generate_article
    from analysis.measures.actors import discover_actors, write_targets
    from analysis.measures.domains import choose_domains

    with warnings.catch_warnings():  # two articles open with a byte-order mark, which the reader drops and reports
        warnings.simplefilter("ignore")
        news = load_corpus(dev_data / ARTICLES)
    work.mkdir(parents=True, exist_ok=True)
    news_path, synthetic_path = work / "bench-news-ptc-dev.jsonl", work / "bench-news-synthetic.jsonl"
    news.assign(source="ptc-dev")[["id", "source", "text"]].to_json(news_path, orient="records", lines=True,
                                                                    force_ascii=False)
    found = work / "bench-news-ptc-dev-targets.csv"
    write_targets(discover_actors(news, top=N_ACTORS, min_articles=1), found, origin="discovered in ptc-dev")
    actors = sorted({line.split(",", 1)[0] for line in found.read_text(encoding="utf-8").splitlines()[1:]} - {"IGNORE"})
    words = sum(len(t.split()) for t in news["text"])
    rows: list[dict] = []
    made = 0
    while made < words or len(rows) % 50:  # make bench's synthetic articles in order, to as many words (whole fifties)
        rows.append(generate_article(len(rows)))
        made += len(rows[-1]["text"].split())
    synthetic = pd.DataFrame(rows)
    synthetic[["id", "source", "text"]].to_json(synthetic_path, orient="records", lines=True, force_ascii=False)
    domains_news, domains_syn = choose_domains("auto", news["text"])[0], choose_domains("auto", synthetic["text"])[0]
    results = {"machine": machine_info(), "load_before": load_average(),
               "started": _dt.datetime.now().isoformat(timespec="seconds"), "repeat": repeat, "actors": actors,
               "domains": domains_news, "rows": []}
    results["rows"].append(measure("ptc-dev, the bundled targets", news_path, None, domains_news, repeat))
    results["rows"].append(measure(f"ptc-dev, the {N_ACTORS} actors found in it", news_path, found, domains_news, repeat))
    results["rows"].append(measure(f"synthetic, first {len(synthetic):,} articles, the bundled targets", synthetic_path,
                                   None, domains_syn, repeat))
    results["finished"] = _dt.datetime.now().isoformat(timespec="seconds")
    results["load_after"] = load_average()
    return results


def report(results: dict) -> str:
    """The Markdown page of :func:`run`'s numbers."""
    info = results["machine"]
    rows = results["rows"]
    names = [s["name"] for s in rows[0]["scorers"]]
    lines = [
        "# Benchmark: the scorers on real news beside the synthetic corpus",
        "",
        f"Generated by `PYTHONPATH=. python scripts/bench_news.py --repeat {results['repeat']}` (development data: "
        "`ptc-dev`, 296 news articles, not in the repository); numbers from one run, not edited. What is timed (the "
        "script's docstring says more): CPU seconds of scoring (every table made and formatted as CSV, nothing "
        "written), each scorer in a fresh process, and of VADER on every sentence, the least of "
        f"{results['repeat']} runs; no start-up, reading or writing, so the ratios are not those of "
        "`bench/results.md`, which times whole processes.",
        "",
        f"- code: `{info['commit']}`; Python {info['python']}; CPU: {info['cpu']}, {info['cores']} cores; run "
        f"{results['started']} to {results['finished']}; load average before / after: {results['load_before']} / "
        f"{results['load_after']} (other work on the machine does not lengthen CPU time much; the least of the runs "
        "is reported)",
        f"- the {len(results['actors'])} actors found in ptc-dev (`analysis.measures.actors.discover_actors`, as "
        f"`make report` finds them): {', '.join(results['actors'])}; domain packs chosen for it: "
        f"{', '.join(results['domains']) or 'none'}",
        "",
        "## What each corpus asks of the scorers",
        "",
        "| corpus | articles | words | sentences | actor mentions per 1,000 words | sentences with a mention "
        "| loaded-language spans per 1,000 words |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(f"| {r['label']} | {r['articles']:,} | {r['words']:,} | {r['sentences']:,} | {r['mentions_per_1k']:.1f} "
                     f"| {r['sentence_share']:.0%} | {r['spans_per_1k']:.1f} |")
    lines += [
        "",
        "## Throughput over VADER's, CPU time",
        "",
        "Each cell: the scorer's CPU seconds and VADER's over them (its throughput as a fraction of VADER's on the same "
        "articles; higher is faster), for a first pass over the corpus, whose caches of values per word (word vectors, "
        "the token tagger's) start empty, and a second pass, which finds them filled. A large corpus is mostly read "
        "with its words already cached, so its throughput is near the second; the first shows what new words cost.",
        "",
        "| scorer | " + " | ".join(f"{r['label']}: first pass | second pass" for r in rows) + " |",
        "| --- | " + " | ".join("---: | ---:" for _ in rows) + " |",
        "| VADER on every sentence | " + " | ".join(f"{r['vader']:.1f} s | {r['vader']:.1f} s" for r in rows) + " |",
    ]
    for k, name in enumerate(names):
        cells = []
        for r in rows:
            c = r["scorers"][k]
            cells.append(f"{c['cold']:.1f} s, {c['ratio_cold']:.2f}x | {c['warm']:.1f} s, {c['ratio_warm']:.2f}x")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    d = [r["scorers"][0] for r in rows]
    lines += [
        "",
        f"The default runs at {_between(d[0])} VADER (first pass, second pass) on the real articles with the bundled "
        f"targets and {_between(d[1])} with the actors found in them, against {_between(d[2])} on the synthetic "
        f"articles, whose actor mentions per word are {rows[2]['mentions_per_1k'] / rows[1]['mentions_per_1k']:.1f} "
        "times those of the real ones with their own actors. Stance is scored per mention, so its share of the time "
        "follows the mentions. Which corpus a throughput target is read on is for whoever sets the target to say: the "
        "synthetic one stands for a corpus about its actors (the bundled story's rate), ptc-dev for general news.",
        "",
        "Each line takes a few seconds of CPU, so a line can move by about a tenth between runs of this script; "
        "differences between scorers smaller than that are not shown by one run.",
        "",
    ]
    return "\n".join(lines)


def _between(scorer: dict) -> str:
    """``"0.43x to 0.60x"`` from a scorer's first and second pass (one number when they round alike).

    Example:
        >>> _between({"ratio_cold": 0.431, "ratio_warm": 0.6}), _between({"ratio_cold": 0.231, "ratio_warm": 0.229})
        ('0.43x to 0.60x', '0.23x')
    """
    cold, warm = f"{scorer['ratio_cold']:.2f}x", f"{scorer['ratio_warm']:.2f}x"
    return cold if cold == warm else f"{cold} to {warm}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_data(parser, "ptc-dev/articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each line; the least CPU time is reported (default 3)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "news.md"), help="the Markdown page (its numbers beside it, .json)")
    parser.add_argument("--from-json", default=None, metavar="FILE",
                        help="write the page again from the numbers of an earlier run (no timing, no data)")
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)  # one scorer in a fresh process (measure)
    args = parser.parse_args(argv)
    if args.one:
        job = json.loads(args.one)
        print(json.dumps(one(job["corpus"], job["targets"], job["domains"], job["options"], job["workload"])))
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be a positive whole number")
    if args.from_json:
        results = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
        Path(args.out).write_text(report(results), encoding="utf-8")
        print(paths.display(Path(args.out)))
        return 0
    problem = missing(args.dev_data, str(ARTICLES))
    if problem:
        print(problem, file=sys.stderr)
        return 1
    import tempfile

    # ptc-dev states no licence: its text is never written inside the repository, only to a temporary folder
    with tempfile.TemporaryDirectory(prefix="bench-news-") as work:
        results = run(Path(args.dev_data), args.repeat, Path(work))
    out = Path(args.out)
    out.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    out.write_text(report(results), encoding="utf-8")
    print(paths.display(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

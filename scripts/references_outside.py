"""Pronoun and role-noun resolution on news it was never written for: list a sample, score the judgements.

Usage (from the repository root):

    PYTHONPATH=. python scripts/references_outside.py [--dev-data ../shared/dev-data] --list   # the sample, to judge
    PYTHONPATH=. python scripts/references_outside.py [--dev-data ../shared/dev-data]          # precision of the judged sample

:func:`analysis.measures.references.resolve_references` is run, with the bundled targets file, on
the raw text of the PTC development articles (``ptc-dev/articles/*.txt``, Da San Martino et al.
2020; only the article text is read, never the labels). They are full news articles of 2017-2019
that neither the resolution rules nor the bundled corpus ever saw. Every resolution found is
ordered by the SHA-1 of ``article:start`` and the first :data:`SAMPLE` are the sample, so the
sample does not depend on which articles a reader looks at first. ``--list`` prints each with its
sentence and the one before it, for a reader to judge.

The judgements are ``data/annotations/references_outside.csv`` (``article, start, end, word,
resolved, correct, refers_to, note``): **coded in-house** by the stance engineer (one coder), who read
each listed resolution and wrote whether the pronoun or role noun refers to the target it was
resolved to (``correct`` yes/no) and, when not, which target it refers to (empty: none of the
targets; ``note``: who it refers to, in the coder's words). The file holds offsets and the pronoun,
no text of the articles (the corpus states no licence). Without the development data the script stops with a clear message.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from startup import DEV_DATA, ROOT, add_dev_data, missing  # first: puts the repository and scripts/ on sys.path

from analysis import paths  # noqa: E402

ARTICLES = Path("ptc-dev") / "articles"
JUDGEMENTS = paths.ANNOTATIONS / "references_outside.csv"
SAMPLE = 120


def articles_folder(dev_data: str | Path | None) -> Path:
    """The PTC articles under ``dev_data``; exits with a clear message when they are absent."""
    folder = Path(dev_data) if dev_data else DEV_DATA
    problem = missing(folder, str(ARTICLES))
    if problem:
        sys.exit(problem)
    return folder / ARTICLES


def resolutions(folder: Path) -> list[dict]:
    """Every resolved pronoun or role noun of the articles in ``folder``, in sample order."""
    from analysis.measures.references import known_places, resolve_references
    from analysis.measures.targets import Targets
    from analysis.text.tokens import sentences, tokenize

    targets = Targets.from_csv(paths.TARGETS)
    rows = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        tokens = tokenize(text)
        sents = sentences(text)
        found = targets.find(text, tokens)
        for m in resolve_references(text, tokens, sents, found, places=known_places()):
            key = hashlib.sha1(f"{path.name}:{m.start}".encode("utf-8")).hexdigest()
            rows.append({"key": key, "article": path.name, "start": m.start, "end": m.end, "word": m.alias,
                         "resolved": m.target, "text": text, "sentences": sents})
    rows.sort(key=lambda r: r["key"])
    return rows


def _context(row: dict) -> str:
    starts = [s for s, _ in row["sentences"]]
    k = max(i for i, s in enumerate(starts) if s <= row["start"]) if starts else 0
    lo = row["sentences"][max(k - 1, 0)][0]
    hi = row["sentences"][k][1]
    text = row["text"]
    return " ".join((text[lo : row["start"]] + "[[" + text[row["start"] : row["end"]] + "]]" + text[row["end"] : hi]).split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_data(parser, "ptc-dev/")
    parser.add_argument("--list", action="store_true", help=f"print the first {SAMPLE} resolutions with their context, to judge")
    args = parser.parse_args(argv)
    rows = resolutions(articles_folder(args.dev_data))
    sample = rows[:SAMPLE]
    if args.list:
        for i, r in enumerate(sample, 1):
            print(f"{i}\t{r['article']}\t{r['start']}\t{r['end']}\t{r['word']}\t-> {r['resolved']}\n    {_context(r)}")
        print(f"\n{len(rows)} resolutions in all; the first {len(sample)} listed.")
        return 0
    found = judge(rows)
    print(f"{found['resolutions']} resolutions in {found['articles']} PTC development articles; sample {found['n']}: "
          f"{found['right']} right, precision {found['right'] / found['n']:.3f}")
    for kind, (right, n) in found["by_kind"].items():
        print(f"  {kind}: {right} of {n} right")
    for target, (right, n) in found["by_target"].items():
        print(f"  resolved to {target}: {right} of {n} right")
    return 0


KINDS = {"person": "he, him, his, she, her", "group": "they, them, their", "role": "role nouns (the president, ...)"}


def kind_of(word: str) -> str:
    """``person``, ``group`` or ``role`` for a resolved pronoun or role noun as written."""
    w = word.lower()
    return "group" if w in ("they", "them", "their") else "role" if w.startswith("the ") else "person"


def judge(rows: list[dict]) -> dict:
    """The judged sample against the resolutions of the sample (``rows`` from :func:`resolutions`).

    Exits with a clear message when the judgements do not hold exactly the sample's resolutions.
    """
    import pandas as pd

    sample = rows[:SAMPLE]
    judged = pd.read_csv(JUDGEMENTS, dtype={"start": int, "end": int}, keep_default_na=False)
    listed = {(r["article"], r["start"], r["end"], r["resolved"]) for r in sample}
    keys = set(zip(judged["article"], judged["start"], judged["end"], judged["resolved"]))
    if keys != listed or len(judged) != len(sample):
        sys.exit(f"error: {paths.display(JUDGEMENTS)} does not hold the {len(sample)} resolutions of the sample "
                 f"({len(listed - keys)} listed but not judged, {len(keys - listed)} judged but not listed). "
                 "Judge the rows of --list again.")
    bad = sorted(set(judged["correct"]) - {"yes", "no"})
    if bad:
        sys.exit(f"error: {paths.display(JUDGEMENTS)}: column `correct` must be yes or no, found {bad}.")
    right = judged["correct"] == "yes"
    kinds = judged["word"].map(kind_of)
    return {
        "resolutions": len(rows), "articles": len({r["article"] for r in rows}), "n": len(judged), "right": int(right.sum()),
        "by_kind": {KINDS[k]: (int(right[kinds == k].sum()), int((kinds == k).sum())) for k in KINDS if (kinds == k).any()},
        "by_target": {t: (int(right[judged["resolved"] == t].sum()), int((judged["resolved"] == t).sum()))
                      for t in sorted(judged["resolved"].unique())},
    }


if __name__ == "__main__":
    raise SystemExit(main())

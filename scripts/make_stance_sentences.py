"""Draw the sentences that students code for stance in exercise 3 from the bundled articles.

Usage (from the repository root):

    PYTHONPATH=. python scripts/make_stance_sentences.py [--out notebooks/exercises/data/stance_sentences.csv] [--force]
    PYTHONPATH=. python scripts/make_stance_sentences.py --corpus ~/my_articles --source-column outlet --out my_items.csv

Writes one row per item: ``item, id, source, target, start, end, sentence_start, sentence_end,
mention, sentence``. ``start:end`` are the offsets of the actor's mention and
``sentence_start:sentence_end`` those of its sentence, both Python string indices into the
article text as ``analysis.corpus.load_corpus`` returns it (``text[start:end] == mention``).

How the items are chosen (deterministic, no randomness):

1. Every mention of an actor of ``data/lexicons/targets.csv`` found by the study's scorer
   (``analysis.measures.stance.score_stance``) in the author's voice (not inside quoted speech); in each
   sentence, the first mention of each actor.
2. Sentences of 10 to 45 words (headlines included), one item per sentence.
3. Per article, five items, taken in a fixed pseudo-random order (SHA-1 of ``id:start``): two
   where the rule-based scorer leans negative (score below -0.1), one where it leans positive
   (above +0.1) and two where it sees no clear evidence, filled from the other groups when a
   group runs out, and at most two items per actor per article. This spreads the set over the
   articles, the actors and clear and borderline cases; the scores are never shown to coders
   and are not written to the file.
4. Items are numbered in the same pseudo-random order, so that articles and sources are mixed.

With ``--corpus`` the same rules draw items from another corpus (for a class on other news). Its
actors are those ``python -m analysis actors`` finds in it (the ``--n-actors`` mentioned in most
articles, written beside the items as ``<out>_targets.csv``; edit it and pass it back with
``--targets`` to redraw), not the bundled story's, and at most ``--items`` items are kept (25 by
default: a class codes them in about 20 minutes): the first item of each source and actor
before any second one, each source in turn, in the pseudo-random order of step 4. Give
exercise 3 the corpus as ``corpus_path``, the items as ``items_path`` and the targets as
``targets_path``: the rule-based scores of the exercise find each item's mention with the same
targets. A redraw never replaces items that differ (a class may have coded them) or a targets
file edited since it was written, unless ``--force`` is given.

The committed CSV is the exercise's fixed data (the solution labels refer to its item numbers).
If the scorer, the targets or the lexicon change, a rerun may choose other sentences, so the
script refuses to overwrite an existing file that differs unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import pandas as pd

from startup import ROOT  # first: puts the repository and scripts/ on sys.path

from analysis import paths  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.measures.actors import actors_to_targets, discover_actors, targets_origin, write_targets  # noqa: E402
from analysis.measures.stance import score_stance  # noqa: E402
from analysis.measures.targets import Targets  # noqa: E402
from analysis.tables.io import write_csv  # noqa: E402

OUT = paths.ROOT / "notebooks" / "exercises" / "data" / "stance_sentences.csv"
ITEMS = 25  # the most items drawn: what a class codes in about 20 minutes
N_ACTORS = 8  # actors found in another corpus (make's N_ACTORS)
COLUMNS = ["item", "id", "source", "target", "start", "end", "sentence_start", "sentence_end", "mention", "sentence"]
PER_ARTICLE = {"neg": 2, "pos": 1, "none": 2}
MIN_WORDS, MAX_WORDS = 10, 45
MAX_PER_TARGET = 2
CUT = 0.1


def _key(ident: str, start: int) -> str:
    return hashlib.sha1(f"{ident}:{start}".encode("utf-8")).hexdigest()


def _lean(score: float) -> str:
    return "neg" if score < -CUT else "pos" if score > CUT else "none"


def choose(corpus: pd.DataFrame, targets=None, *, n_items: int = ITEMS) -> pd.DataFrame:
    """The items, chosen as the module docstring says (``targets``: a targets file or table, None for the bundled
    one), at most ``n_items``."""
    mentions, _ = score_stance(corpus, targets)
    texts = corpus.set_index("id")["text"]
    sources = corpus.set_index("id")["source"]
    cand = mentions[mentions["voice"] == "author"].copy()
    cand = cand.drop_duplicates(["id", "sentence_start", "target"], keep="first")
    cand["n_words"] = [len(texts[i][a:b].split()) for i, a, b in zip(cand["id"], cand["sentence_start"], cand["sentence_end"])]
    cand = cand[(cand["n_words"] >= MIN_WORDS) & (cand["n_words"] <= MAX_WORDS)]
    cand["key"] = [_key(i, s) for i, s in zip(cand["id"], cand["start"])]
    cand["lean"] = [_lean(s) for s in cand["score_rules"]]
    chosen = []
    for ident, group in cand.sort_values("key").groupby("id", sort=True):
        taken: list = []
        used_sentences: set[int] = set()
        per_target: dict[str, int] = {}

        def take(rows, limit):
            for r in rows.itertuples(index=False):
                if limit <= 0:
                    return
                if r.sentence_start in used_sentences or per_target.get(r.target, 0) >= MAX_PER_TARGET:
                    continue
                taken.append(r)
                used_sentences.add(r.sentence_start)
                per_target[r.target] = per_target.get(r.target, 0) + 1
                limit -= 1

        for lean, n in PER_ARTICLE.items():
            take(group[group["lean"] == lean], n)
        take(group, sum(PER_ARTICLE.values()) - len(taken))  # fill up when a group ran out
        chosen.extend(taken)
    if not chosen:
        raise SystemExit(f"no sentence of {MIN_WORDS}-{MAX_WORDS} words mentions an actor of the targets file in the "
                         "author's voice: nothing to draw (are the targets right for this corpus?)")
    items = pd.DataFrame(chosen).sort_values("key").reset_index(drop=True)
    items["source"] = [sources[i] for i in items["id"]]
    if len(items) > n_items:
        # the first item of each source and actor before any second one, each source in turn among them, then the
        # items' order
        items = items.assign(pair=items.groupby(["source", "target"], sort=False).cumcount())
        items = items.sort_values(["pair", "key"])
        items = items.assign(turn=items.groupby(["pair", "source"], sort=False).cumcount())
        items = items.sort_values(["pair", "turn", "key"]).head(n_items).sort_values("key").reset_index(drop=True)
    items["item"] = range(1, len(items) + 1)
    items["mention"] = [texts[i][a:b] for i, a, b in zip(items["id"], items["start"], items["end"])]
    items["sentence"] = [texts[i][a:b] for i, a, b in zip(items["id"], items["sentence_start"], items["sentence_end"])]
    return items[COLUMNS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"CSV to write (default: {paths.display(OUT)})")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file that differs")
    parser.add_argument("--corpus", default=str(paths.RAW), help="corpus to draw from (default: the bundled data/raw)")
    parser.add_argument("--source-column", default="source", help="column naming each article's source (default: source)")
    parser.add_argument("--targets", help="targets CSV whose actors the items mention (default: the bundled one for the "
                        "bundled corpus; for another corpus, the actors found in it, written to <out>_targets.csv)")
    parser.add_argument("--n-actors", type=int, default=N_ACTORS, metavar="N",
                        help=f"actors found in another corpus without --targets (default: {N_ACTORS})")
    parser.add_argument("--items", type=int, default=ITEMS, metavar="N", help=f"the most items drawn (default: {ITEMS})")
    args = parser.parse_args(argv)
    if args.items < 1 or args.n_actors < 1:
        parser.error("--items and --n-actors take a number of at least 1")
    corpus = load_corpus(paths.resolve(args.corpus), source_column=args.source_column)
    targets, actors, found = args.targets, None, None
    if targets is None and paths.resolve(args.corpus).resolve() != paths.RAW.resolve():
        actors = discover_actors(corpus, top=args.n_actors, min_articles=2)
        if actors.empty:
            print(f"{args.corpus}: no actor is named in 2 or more articles; write a targets file by hand "
                  "(docs/researchers.md) and pass it with --targets", file=sys.stderr)
            return 1
        found = args.out.with_name(f"{args.out.stem}_targets.csv")
        targets = Targets.from_frame(actors_to_targets(actors), source=str(found))
    items = choose(corpus, targets, n_items=args.items)
    new = items.to_csv(index=False, lineterminator="\n")
    if not args.force and args.out.exists() and args.out.read_text(encoding="utf-8") != new:
        print(f"{args.out}: exists and differs from a fresh draw (other articles, targets, scorer or lexicons?). "
              "Labels already coded refer to its item numbers: keep it, or pass --force and recode the labels "
              "(e.g. the solutions).", file=sys.stderr)
        return 1
    if not args.force and found is not None and found.exists() and targets_origin(found) != "discovered":
        print(f"{found}: edited by hand since it was written; draw with it (--targets {found}) or pass --force to "
              "replace it with the actors found.", file=sys.stderr)
        return 1
    write_csv(items, args.out)
    if found is not None:
        write_targets(actors, found, origin=f"discovered by scripts/make_stance_sentences.py in {args.corpus}")
        targets = found
    print(f"{args.out}: {len(items)} items from {items['id'].nunique()} articles, "
          f"actors: {', '.join(f'{t} {n}' for t, n in items['target'].value_counts().sort_index().items())}")
    if found is not None:
        print(f"{found}: the actors found in the corpus (edit it, then redraw with --targets {found} --force)")
    if targets is not None:
        print(f"exercise 3: -p corpus_path {args.corpus} -p items_path {args.out} -p targets_path {targets}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

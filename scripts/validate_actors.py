"""Validate actor discovery (``python -m analysis actors``) on the named people NewsMTSC's annotators chose.

Usage (from the repository root):

    PYTHONPATH=. python scripts/validate_actors.py [--dev-data ../shared/dev-data] [--out docs/validation_actors.md]

NewsMTSC (``newsmtsc-train.jsonl``, Hamborg & Donnay 2021, MIT; development data kept outside the
repository) holds news sentences about US politics, each with the people in it whose portrayal its
annotators labelled, at character offsets. Its sentences are put together again into the articles
they come from (in the order of their sentence numbers, one paragraph each), and
:func:`analysis.measures.actors.discover_actors` is run on those articles as on a corpus of one's own:
nothing is given to it but the texts.

A *gold name* is a labelled mention written as a name: it starts with a capital letter and is no
pronoun and no role ("he", "the president"); "Mr. Trump" and "Hillary Clinton" are. Reported:

- **found**: the share of gold names that a mention of a discovered actor overlaps (the actors'
  aliases matched as ``score`` matches them), for every actor found (``min_articles=1``) and for those
  in at least two articles (the default of ``python -m analysis actors``);
- **as a person**: the share overlapped by an actor of kind ``person`` (NewsMTSC's targets are
  people);
- **one actor per person**: of the gold names of one person within one article (the same last word),
  found by more than one mention, the share whose mentions all go to one actor.

Precision is not measured: an actor NewsMTSC did not label (a country, an organisation, a person no
annotator was asked about) is no error, so its targets cannot say which discovered actors are wrong.

NewsMTSC is split by story as the stance scripts split it (``scripts/newsmtsc.py``: 70 % development,
30 % held out). Discovery was written and changed on other texts (the bundled articles, ptc-dev);
the development part is for changes from now on, and the misses listed are the development part's.
Without the development data the script stops with a clear message.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from startup import ROOT, add_dev_data, missing  # first: puts the repository and scripts/ on sys.path

from newsmtsc import FILE, HELD_OUT_SHARE, story_of  # noqa: E402

COMMAND = "PYTHONPATH=. python scripts/validate_actors.py"
PRONOUNS = frozenset("he she it they we i you his her hers him its their them our us me my your this that these those "
                     "who whom whose".split())
MISSES_LISTED = 15


def article_of(gid: str) -> tuple[str, int]:
    """The article a NewsMTSC sentence comes from and the sentence's number in it.

    Example:
        >>> article_of("allsides_1000_401_25_Reality Leigh Winner_0_6")
        ('allsides_1000', 25)
        >>> article_of("polusa_v1_113704059_-1_35_Northam_148_155")
        ('polusa_113704059', 35)
    """
    parts = gid.split("_")
    if parts[0] == "polusa":
        return f"polusa_{parts[2]}", int(parts[4])
    return f"{parts[0]}_{parts[1]}", int(parts[3])


def is_name(mention: str) -> bool:
    """A labelled mention written as a name: a capital first letter, no pronoun, no "the ...".

    Example:
        >>> [is_name(m) for m in ("Mr. Trump", "Hillary Clinton", "He", "The president", "his", "Trump's")]
        [True, True, False, False, False, True]
    """
    words = mention.split()
    return bool(words) and mention[:1].isupper() and words[0].lower() not in PRONOUNS | {"the", "a", "an"}


def articles_and_gold(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles (``id, text, part``) and the gold names (``id, start, end, mention``) of NewsMTSC.

    Each sentence is a paragraph of its article, in the order of the sentence numbers; a sentence
    found twice (NewsMTSC has a row per primary target) is kept once. ``part`` is the story's part.
    """
    sentences: dict[str, dict[int, str]] = defaultdict(dict)
    targets: dict[tuple[str, int], set] = defaultdict(set)
    part: dict[str, str] = {}
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            article, number = article_of(record["primary_gid"])
            sentences[article][number] = record["sentence_normalized"]
            group = story_of(record["primary_gid"])
            bucket = int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % 10
            part[article] = "held-out" if bucket < HELD_OUT_SHARE else "dev"
            for t in record["targets"]:
                targets[(article, number)].add((int(t["from"]), int(t["to"]), t["mention"]))
    rows, gold = [], []
    for article in sorted(sentences):
        offset, texts = 0, []
        for number in sorted(sentences[article]):
            sentence = sentences[article][number]
            for start, end, mention in sorted(targets[(article, number)]):
                if is_name(mention) and sentence[start:end] == mention:
                    gold.append((article, offset + start, offset + end, mention))
            texts.append(sentence)
            offset += len(sentence) + 2
        rows.append((article, "\n\n".join(texts), part[article]))
    return (pd.DataFrame(rows, columns=["id", "text", "part"]),
            pd.DataFrame(gold, columns=["id", "start", "end", "mention"]))


def score(gold: pd.DataFrame, mentions: pd.DataFrame, kinds: dict[str, str]) -> dict:
    """How many gold names a discovered mention overlaps, as a person's, and how many people are one actor.

    ``mentions``: ``id, target, start, end`` of the discovered actors; ``kinds``: actor -> kind.

    Example:
        >>> gold = pd.DataFrame({"id": ["a", "a", "a", "b"], "start": [0, 20, 40, 0], "end": [12, 25, 50, 5],
        ...                      "mention": ["Hillary Clinton", "Clinton", "Mr. Obama", "Obama"]})
        >>> found = pd.DataFrame({"id": ["a", "a", "b"], "target": ["Hillary Clinton", "Clinton (ambiguous)", "Obama"],
        ...                       "start": [0, 20, 0], "end": [15, 27, 5]})
        >>> r = score(gold, found, {"Hillary Clinton": "person", "Clinton (ambiguous)": "person", "Obama": "other"})
        >>> r["n_gold"], r["found"], r["person"], r["n_people"], r["one_actor"], r["missed"]
        (4, 3, 2, 1, 0, {'Mr. Obama': 1})
    """
    by_article = {ident: group for ident, group in mentions.groupby("id")} if len(mentions) else {}
    found = person = 0
    missed: Counter = Counter()
    people: dict[tuple[str, str], set] = defaultdict(set)
    counts: Counter = Counter()
    for g in gold.itertuples(index=False):
        here = by_article.get(g.id)
        hits = here[(here["start"] < g.end) & (here["end"] > g.start)] if here is not None else ()
        if len(hits):
            found += 1
            person += any(kinds.get(t) == "person" for t in hits["target"])
            key = (g.id, g.mention.replace("’s", "").replace("'s", "").split()[-1])
            people[key].add(hits["target"].iloc[0])
            counts[key] += 1
        else:
            missed[g.mention] += 1
    several = [k for k in people if counts[k] > 1]
    return {"n_gold": len(gold), "found": found, "person": person, "n_people": len(several),
            "one_actor": sum(len(people[k]) == 1 for k in several), "missed": dict(missed.most_common(MISSES_LISTED))}


def run(path: Path) -> dict:
    from analysis.measures.actors import actors_to_targets, discover_actors
    from analysis.measures.targets import Targets, find_mentions

    articles, gold = articles_and_gold(path)
    results = {"n_articles": {p: int((articles["part"] == p).sum()) for p in ("dev", "held-out")}}
    for min_articles in (1, 2):
        table = discover_actors(articles, min_articles=min_articles)
        kinds = dict(zip(table["actor"], table["kind"]))
        mentions = find_mentions(articles, Targets.from_frame(actors_to_targets(table)))
        parts = dict(zip(articles["id"], articles["part"]))
        for p in ("dev", "held-out"):
            g = gold[gold["id"].map(parts) == p]
            m = mentions[mentions["id"].map(parts) == p]
            results[f"{p} {min_articles}"] = score(g, m, kinds) | {"n_actors": len(table)}
    return results


def _pct(k: int, n: int) -> str:
    return f"{k:,} of {n:,} ({k / n:.1%})" if n else "none"


def render(results: dict) -> str:
    """The page, from :func:`run`'s numbers."""
    lines = [
        "# Validation of actor discovery",
        "",
        f"Reproduce: `{COMMAND}` (writes this file; needs `{FILE}` in the development-data folder beside the "
        "repository, `--dev-data` to give another). What is measured and why: the docstring of "
        "`scripts/validate_actors.py`.",
        "",
        f"NewsMTSC's sentences put together again into their articles: {results['n_articles']['dev']:,} articles in "
        f"the development part, {results['n_articles']['held-out']:,} held out (split by story). Discovery was run "
        "on all of them at once, as on one corpus, with nothing but the texts.",
        "",
        "| part | actors kept | gold names | found | found as a person | people named more than once in an article: "
        "one actor |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for p in ("held-out", "dev"):
        for min_articles in (1, 2):
            r = results[f"{p} {min_articles}"]
            kept = "all" if min_articles == 1 else "in 2 or more articles"
            lines.append(f"| {p} | {kept} ({r['n_actors']:,}) | {r['n_gold']:,} | {_pct(r['found'], r['n_gold'])} | "
                         f"{_pct(r['person'], r['n_gold'])} | {_pct(r['one_actor'], r['n_people'])} |")
    dev = results["dev 1"]
    lines += [
        "",
        "What this can and cannot show. *Found* is recall over the people the annotators chose to label, who are "
        "mostly the people a sentence is about, so it says how often a person a reader would call an actor of a "
        "sentence is one of the discovered actors; it says nothing of the actors found that no one labelled (a "
        "country, an organisation, a word taken for a name), which is precision's side and is not measured here. "
        "*As a person* also needs the kind right: a name found as `other` (a surname the Census lists lack, never "
        "after a title) still counts as found. *One actor* is the share of people named more than once in an "
        "article (by the same last word) whose mentions go to one actor: a surname kept apart as ambiguous, or "
        "a name and its short form split, lowers it. The sentences are those NewsMTSC chose (sentences with a "
        "labelled person), not whole articles: capitalised words are judged on less text than a full article gives. "
        "A few gold names are no people (weekdays such as \"Sunday\" in \"he seemed on Sunday to be ...\", which "
        "NewsMTSC's choice of targets took for names); they are counted as they are, so no discovery finds them all.",
        "",
        "The gold names of the development part most often missed (all actors kept; the held-out part's are not "
        "listed, so that no change is made for them):",
        "",
        "| gold name | times missed |",
        "| --- | --- |",
        *[f"| {name} | {n} |" for name, n in dev["missed"].items()],
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_data(parser, FILE)
    parser.add_argument("--out", default=str(ROOT / "docs" / "validation_actors.md"), help="markdown page to write "
                        "(default: docs/validation_actors.md)")
    args = parser.parse_args(argv)
    problem = missing(args.dev_data, FILE)
    if problem:
        raise SystemExit(problem)
    from analysis.tables.io import atomic_write_text

    text = render(run(Path(args.dev_data) / FILE))
    atomic_write_text(args.out, text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

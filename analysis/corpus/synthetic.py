"""Deterministic synthetic news corpora of any size, clearly marked as synthetic, for benchmarks and tests.

Every synthetic article is marked three times: its id starts with ``synthetic-``, the table has a
``synthetic`` column that is True, and its text opens with the line ``SYNTHETIC ARTICLE``. The
texts are built from template sentences about talks on a ceasefire in Ukraine, with actor aliases
of ``data/lexicons/targets.csv`` and loaded terms of ``data/lexicons/loaded_language.csv`` inserted
at about the rates of the bundled corpus (``data/raw``: five articles, 2,308 words, 462 words an
article, 14.3 loaded-language spans and 70 actor mentions per 1,000 words). Scored, 500 synthetic
articles give 452 words an article, 13.4 spans and 63 mentions per 1,000 words and 73 frame
indicators (bundled: 93); their sentences are shorter (18 words against 25). The rates are
those of a corpus about the actors; a general news corpus mentions them less.

Article ``i`` depends only on ``(seed, i)``, so ``generate_corpus(1000)`` is the first thousand
articles of ``generate_corpus(100_000)``, and a corpus is the same on every machine and Python.
The word lists are fixed here (not read from the lexicon files), so a benchmark corpus does not
change when the lexicons do.
"""

from __future__ import annotations

import datetime as _dt
import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd

__all__ = [
    "DEFAULT_SOURCES",
    "ID_PREFIX",
    "MARK",
    "generate_article",
    "generate_corpus",
    "iter_corpus",
    "write_corpus",
]

MARK = "SYNTHETIC ARTICLE"
ID_PREFIX = "synthetic-"
# Articles generated and written at a time (a Parquet file gets row groups of this size); not the
# scoring chunk (analysis.corpus.stream.DEFAULT_CHUNK_SIZE).
WRITE_CHUNK_SIZE = 10_000
DEFAULT_SOURCES: tuple[str, ...] = ("Synthetic Daily", "Synthetic Herald", "Synthetic Observer", "Synthetic Wire")

# Actor aliases (all in data/lexicons/targets.csv), with rough frequencies of the bundled corpus.
_ACTORS: tuple[tuple[str, int], ...] = (
    ("Ukraine", 12), ("the coalition", 8), ("the Coalition of the Willing", 5), ("Keir Starmer", 4),
    ("Starmer", 4), ("President Zelenskyy", 3), ("Zelenskyy", 3), ("the US", 5), ("the U.S.", 2),
    ("Washington", 2), ("Russia", 5), ("Moscow", 3), ("the Kremlin", 3), ("Vladimir Putin", 2),
    ("Putin", 2), ("Russian forces", 2), ("Russian officials", 2), ("Kyiv", 3), ("Ukrainian officials", 2),
    ("Donald Trump", 2), ("Trump", 2), ("NATO", 2), ("the European Union", 2), ("France", 1),
    ("Emmanuel Macron", 1), ("the UK", 2), ("British officials", 1), ("European allies", 2),
)
# Loaded terms (all match data/lexicons/loaded_language.csv), split by the slot they fill.
_LOADED_ADJ: tuple[str, ...] = (
    "reckless", "provocative", "dangerous", "chaotic", "absurd", "disastrous", "shameful", "brutal",
    "catastrophic", "threatening", "outrageous", "ruthless", "disgraceful", "alarming", "devastating",
    "hysterical", "blatant", "sinister", "so-called", "blood-soaked", "illegitimate", "draconian",
)
_LOADED_NOUN: tuple[str, ...] = (
    "escalation", "aggression", "nonsense", "provocation", "propaganda", "chaos", "catastrophe",
    "disaster", "scandal", "threat", "fiasco", "hysteria", "atrocities", "puppet regime", "warmongering",
)
_NEUTRAL_ADJ: tuple[str, ...] = (
    "new", "recent", "joint", "formal", "detailed", "initial", "revised", "separate", "regional",
    "second", "final", "current", "planned", "public", "written", "broader", "early", "technical",
)
_NOUNS: tuple[str, ...] = (
    "plan", "proposal", "deployment", "ceasefire", "agreement", "mission", "framework", "meeting",
    "statement", "package", "talks", "guarantee", "summit", "timetable", "force", "budget", "report",
    "negotiation", "arrangement", "commitment", "offer", "initiative", "assessment", "schedule",
)
_VERBS: tuple[str, ...] = (
    "support", "review", "discuss", "delay", "finance", "prepare", "approve", "extend", "examine",
    "announce", "consider", "finalise", "monitor", "present", "back", "question", "revise", "draft",
)
_CUES: tuple[str, ...] = (
    "accused", "criticised", "condemned", "praised", "welcomed", "blamed", "rejected", "backed",
    "supported", "thanked", "warned", "dismissed",
)
_PLACES: tuple[str, ...] = (
    "London", "Paris", "Brussels", "Berlin", "Warsaw", "Geneva", "Istanbul", "Riyadh", "Rome", "Helsinki",
)
_DAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_GROUPS: tuple[str, ...] = (
    "diplomats", "analysts", "officials", "observers", "lawmakers", "experts", "negotiators", "ministers",
)
_QUOTES: tuple[str, ...] = (
    "We will not accept any deal that ignores our security",
    "This is a serious moment for the whole of Europe",
    "The door to negotiations remains open",
    "Our troops are ready to play their part",
    "Nobody wants this conflict to last another winter",
    "The guarantees must be credible and they must be lasting",
    "We are working with our partners every day",
    "This reckless escalation must stop",
)
_SCARE: tuple[str, ...] = ("peacekeepers", "guarantees", "backstop", "reassurance mission", "negotiations", "security")

# Sentence templates. Slots: {A} {B} actors, {L} loaded or neutral adjective, {LN} loaded or
# neutral noun phrase, {N} {N2} nouns, {V} verb, {C} directed cue, {P} place, {D} day,
# {G} group, {Q} quotation, {S} scare-quoted word, {K} a number. Weights are relative frequencies.
_TEMPLATES: tuple[tuple[str, int], ...] = (
    ("{A} said on {D} that the {L} {N} would {V} the {N2} within {K} weeks", 4),
    ("Speaking to journalists in {P}, {A} {C} {B} over the {L} {N}", 3),
    ("{G} in {P} described the {N} as {L}, according to people familiar with the {N2}", 3),
    ("{A} and {B} met in {P} on {D} to {V} the {N} and the {N2} for the coming months", 3),
    ("“{Q},” {A} told reporters in {P}", 2),
    ("{A} warned of {LN} if the {N} was not agreed before the {N2}", 3),
    ("The {L} {N} was presented to {G} from {K} countries, and {A} is expected to {V} it", 3),
    ("Critics of {A} called the {N} {L} and said the {N2} had been rushed", 2),
    ("According to {G}, {A} has not yet decided whether to {V} the {N}", 3),
    ("The so-called “{S}” discussed by {A} remains vague, {G} said", 1),
    ("{A} {C} {B}, citing {LN} along the front line", 2),
    ("In {P}, {A} said the {N} could include up to {K},000 troops from several countries", 3),
    ("{A}, which has {C} {B} in the past, did not comment on the {L} {N}", 2),
    ("The {N} follows weeks of {LN} and talks between {A} and {B}", 3),
    ("{G} noted that {A} had agreed to {V} the {N2} but not the {N}", 3),
    ("“{Q},” said a spokesperson for {A}, adding that the {N} was {L}", 2),
    ("{A} is due to {V} the {L} {N} with {B} in {P} on {D}", 3),
    ("Reports of {LN} were dismissed by {A} as {L}", 2),
    ("The {N2} would be led by {A}, with support from {B} and other partners", 3),
    ("{K} {G} signed a letter asking {A} to {V} the {N} before {D}", 2),
    ("{A} did not call the {N} {L}, but {G} said it was not {L} either", 1),
    ("“The {N} is {L} and everybody knows it,” {A} said of the proposal by {B}", 1),
    ("The {N} will be reviewed again on {D}, when {G} from {P} are expected to attend", 3),
    ("No decision on the {N2} was taken at the meeting in {P}, the statement said", 3),
    ("“{A} has to {V} the {N} before {D},” {B} said in a statement", 1),
)
_SUFFIXES: tuple[str, ...] = (
    ", {G} said", " after {K} hours of talks in {P}", ", according to a statement released on {D}",
    ", although details of the {N} were not published", " as the talks continued in {P}",
    " despite earlier objections from {G} in {P}", ", two people briefed on the {N} said",
)
_HEADLINES: tuple[str, ...] = (
    "{A} and {B} {V} {L} {N} in {P}",
    "{A} {C} {B} over {N}",
    "{G} question {L} {N} as talks resume",
    "{A} prepares {N} amid {LN}",
)

# Probability that an {L}/{LN} slot gets a loaded term (tuned to about 14 spans per 1,000 words).
_P_LOADED = 0.25
_P_SUFFIX = 0.7


def _weighted(items: Sequence[tuple[str, int]]) -> tuple[list[str], list[int]]:
    return [a for a, _ in items], [w for _, w in items]


_ACTOR_NAMES, _ACTOR_WEIGHTS = _weighted(_ACTORS)
_TEMPLATE_TEXTS, _TEMPLATE_WEIGHTS = _weighted(_TEMPLATES)


def _capitalise(sentence: str) -> str:
    for i, ch in enumerate(sentence):
        if ch.isalpha():
            return sentence[:i] + ch.upper() + sentence[i + 1 :]
        if ch not in "“\"'":
            break
    return sentence


def _fill(template: str, rng: random.Random) -> str:
    actors = rng.choices(_ACTOR_NAMES, _ACTOR_WEIGHTS, k=2)
    if actors[1] == actors[0]:
        actors[1] = "Russia" if actors[0] != "Russia" else "Ukraine"
    nouns = rng.sample(_NOUNS, 2)
    values = {
        "A": actors[0],
        "B": actors[1],
        "L": rng.choice(_LOADED_ADJ) if rng.random() < _P_LOADED else rng.choice(_NEUTRAL_ADJ),
        "LN": rng.choice(_LOADED_NOUN) if rng.random() < _P_LOADED * 2 else f"{rng.choice(_NEUTRAL_ADJ)} {rng.choice(_NOUNS)}s",
        "N": nouns[0],
        "N2": nouns[1],
        "V": rng.choice(_VERBS),
        "C": rng.choice(_CUES),
        "P": rng.choice(_PLACES),
        "D": rng.choice(_DAYS),
        "G": rng.choice(_GROUPS),
        "Q": rng.choice(_QUOTES),
        "S": rng.choice(_SCARE),
        "K": str(rng.randint(2, 40)),
    }
    return _capitalise(template.format(**values))


def _sentence(rng: random.Random) -> str:
    template = rng.choices(_TEMPLATE_TEXTS, _TEMPLATE_WEIGHTS)[0]
    if rng.random() < _P_SUFFIX and not template.startswith("“"):
        template += rng.choice(_SUFFIXES)
    return _fill(template, rng) + "."


def generate_article(i: int, *, sources: Sequence[str] = DEFAULT_SOURCES, seed: int = 0) -> dict:
    """Article number ``i`` of the synthetic corpus with this ``seed`` (a pure function of both).

    Returns:
        ``{"id", "source", "date", "title", "text", "synthetic"}``; the text opens with the line
        ``SYNTHETIC ARTICLE``, then the headline, then paragraphs of two to four sentences.
    """
    if not sources:
        raise ValueError("sources is empty; give at least one source name.")
    rng = random.Random(f"media-framing-synthetic:{seed}:{i}")
    source = sources[rng.randrange(len(sources))]
    title = _fill(rng.choice(_HEADLINES), rng).rstrip(".")
    n_sentences = rng.randint(14, 32)
    paragraphs = []
    made = 0
    while made < n_sentences:
        k = min(rng.randint(2, 4), n_sentences - made)
        paragraphs.append(" ".join(_sentence(rng) for _ in range(k)))
        made += k
    date = _dt.date(2025, 1, 1) + _dt.timedelta(days=rng.randrange(180))
    text = "\n\n".join([f"{MARK}\n{title}", *paragraphs]) + "\n"
    return {
        "id": f"{ID_PREFIX}{i:07d}",
        "source": source,
        "date": date.isoformat(),
        "title": title,
        "text": text,
        "synthetic": True,
    }


def iter_corpus(
    n: int, *, sources: Sequence[str] = DEFAULT_SOURCES, seed: int = 0, chunk_size: int = WRITE_CHUNK_SIZE
) -> Iterator[pd.DataFrame]:
    """The corpus of :func:`generate_corpus` in chunks of ``chunk_size`` articles (bounded memory)."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValueError(f"n must be a non-negative integer, not {n!r}")
    for first in range(0, n, chunk_size):
        rows = [generate_article(i, sources=sources, seed=seed) for i in range(first, min(first + chunk_size, n))]
        yield pd.DataFrame(rows, columns=["id", "source", "date", "title", "text", "synthetic"])


def generate_corpus(n: int, *, sources: Sequence[str] = DEFAULT_SOURCES, seed: int = 0) -> pd.DataFrame:
    """A synthetic corpus table of ``n`` articles (see the module docstring), sorted by id.

    Args:
        n: Number of articles.
        sources: Source names; each article gets one at random.
        seed: Any integer; the same ``(n, sources, seed)`` gives the same table everywhere.

    Returns:
        ``id, source, date, title, text, synthetic`` (ids ``synthetic-0000000``, ...).

    Example:
        >>> corpus = generate_corpus(3)
        >>> corpus["id"].tolist(), corpus["text"].str.startswith("SYNTHETIC ARTICLE\\n").all()
        (['synthetic-0000000', 'synthetic-0000001', 'synthetic-0000002'], np.True_)
    """
    chunks = list(iter_corpus(n, sources=sources, seed=seed))
    if not chunks:
        return pd.DataFrame(columns=["id", "source", "date", "title", "text", "synthetic"])
    return pd.concat(chunks, ignore_index=True)


def write_corpus(
    path: str | Path,
    n: int,
    *,
    sources: Sequence[str] = DEFAULT_SOURCES,
    seed: int = 0,
    chunk_size: int = WRITE_CHUNK_SIZE,
) -> Path:
    """Write a synthetic corpus of ``n`` articles in bounded memory, in any format ``load_corpus`` reads.

    Args:
        path: ``*.csv``, ``*.jsonl`` or ``*.parquet`` file, or a folder (any other name): one
            ``.txt`` per article plus ``metadata.csv``.
        n: Number of articles.
        sources: Source names.
        seed: The corpus seed.
        chunk_size: Articles generated and written at a time.

    Returns:
        ``path``. The file is written through a temporary name and renamed when complete.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    chunks = iter_corpus(n, sources=sources, seed=seed, chunk_size=chunk_size)
    if suffix in (".csv", ".jsonl", ".parquet"):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            if suffix == ".parquet":
                import pyarrow as pa
                import pyarrow.parquet as pq

                writer = None
                try:
                    for chunk in chunks:
                        table = pa.Table.from_pandas(chunk, preserve_index=False)
                        if writer is None:
                            writer = pq.ParquetWriter(tmp, table.schema)
                        writer.write_table(table)
                    if writer is None:
                        generate_corpus(0).to_parquet(tmp, index=False)
                finally:
                    if writer is not None:
                        writer.close()
            else:
                with open(tmp, "w", encoding="utf-8", newline="") as handle:
                    first = True
                    for chunk in chunks:
                        if suffix == ".csv":
                            handle.write(chunk.to_csv(index=False, header=first, lineterminator="\n"))
                        else:
                            for row in chunk.to_dict("records"):
                                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                        first = False
            tmp.replace(path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return path
    path.mkdir(parents=True, exist_ok=True)
    with open(path / "metadata.csv", "w", encoding="utf-8", newline="") as meta:
        first = True
        for chunk in chunks:
            for ident, text in zip(chunk["id"], chunk["text"]):
                (path / f"{ident}.txt").write_text(text, encoding="utf-8", newline="")
            meta.write(chunk.drop(columns="text").to_csv(index=False, header=first, lineterminator="\n"))
            first = False
    return path

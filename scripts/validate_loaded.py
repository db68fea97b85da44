"""Validate the loaded-language lexicon on BABE sentences against VADER, MPQA and Hu & Liu baselines.

Reads ``babe-dev.csv`` from ``analysis.paths.DEV_DATA`` and the reference lexicons from
``analysis.paths.REFERENCE_LEXICONS`` (neither is part of the repository; without them the
script says so and exits 0). babe-dev is split deterministically by a hash of each sentence
into a *development* half (looked at while the curated lexicon was written and checked) and a
*held-out* half; the held-out numbers are the ones reported.

For each method it reports, per half:

* AUC of a sentence score for Biased vs Non-biased (``label_bias``): the weighted score per
  word and the plain number of matches;
* recall of the annotators' biased words: the share of ``biased_words`` occurrences in Biased
  sentences that fall inside a match of the method.

Usage::

    python scripts/validate_loaded.py [--lexicon CSV] [--out docs/validation_loaded.md]
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.evaluate import auc  # noqa: E402
from analysis.lexicon import Lexicon, PatternError, PatternMatcher, parse_pattern  # noqa: E402
from analysis.loaded import score_loaded  # noqa: E402
from analysis.text import tokenize  # noqa: E402

BABE_FILE = "babe-dev.csv"
MPQA_FILE = "mpqa-subjclueslen1-HLTEMNLP05.tff"
HULIU_FILES = ("bingliu-negative-words.txt", "bingliu-positive-words.txt")
COMMAND = "PYTHONPATH=. python scripts/validate_loaded.py"


def split_half(text: str) -> str:
    """``"dev"`` or ``"heldout"``: the first byte of the sentence's SHA-256, even or odd."""
    return "dev" if hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def load_babe(path: Path) -> pd.DataFrame:
    """BABE sentences with ``text, biased (bool), biased_words (list), half``."""
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    frame = frame[frame["label_bias"].isin(["Biased", "Non-biased"])].copy()
    frame["biased"] = frame["label_bias"] == "Biased"
    frame["biased_words"] = [ast.literal_eval(v) if v.strip().startswith("[") else [] for v in frame["biased_words"]]
    frame["half"] = [split_half(t) for t in frame["text"]]
    frame["id"] = [f"s{i:05d}" for i in range(len(frame))]
    return frame.reset_index(drop=True)


def _safe_matcher(words: list[str], *, wildcard: set[str] = frozenset()) -> PatternMatcher:
    """A matcher over a word list, skipping entries that are not valid patterns and duplicates."""
    seen, pats = set(), []
    for w in words:
        pat = w + "*" if w in wildcard else w
        try:
            key = parse_pattern(pat).key
        except PatternError:
            continue
        if key not in seen:
            seen.add(key)
            pats.append(pat)
    return PatternMatcher(pats)


def load_vader() -> dict[str, float]:
    """VADER's word valences from the installed vaderSentiment wheel."""
    import importlib.util

    spec = importlib.util.find_spec("vaderSentiment")
    path = Path(next(iter(spec.submodule_search_locations))) / "vader_lexicon.txt"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            out[parts[0]] = float(parts[1])
    return out


def load_mpqa(path: Path) -> tuple[list[str], set[str]]:
    """MPQA strongly subjective words and the subset marked ``stemmed1=y`` (match any ending)."""
    words, stemmed = [], set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = dict(f.split("=", 1) for f in line.split() if "=" in f)
        if fields.get("type") != "strongsubj":
            continue
        word = fields.get("word1", "")
        words.append(word)
        if fields.get("stemmed1") == "y":
            stemmed.add(word)
    return words, stemmed


def load_huliu(folder: Path) -> list[str]:
    """Hu & Liu opinion words (negative and positive)."""
    words = []
    for name in HULIU_FILES:
        for line in (folder / name).read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith(";"):
                words.append(line)
    return words


def matcher_scorer(matcher: PatternMatcher, weights: list[float] | None = None) -> Callable[[str], tuple[float, float, list]]:
    """Sentence scorer: (weighted matches per word, number of matches, match spans)."""

    def score(text: str) -> tuple[float, float, list]:
        tokens = tokenize(text)
        matches = matcher.find(text, tokens)
        w = sum(weights[m.index] if weights else 1.0 for m in matches)
        return (w / len(tokens) if tokens else 0.0, float(len(matches)), [(m.start, m.end) for m in matches])

    return score


def biased_word_hits(text: str, words: list[str], spans: list[tuple[int, int]]) -> tuple[int, int]:
    """(annotated biased words found in the sentence, of which inside a match)."""
    tokens = tokenize(text)
    total = hit = 0
    for word in words:
        keys = [t.norm for t in tokenize(word)]
        if not keys:
            continue
        occ = [i for i in range(len(tokens) - len(keys) + 1) if [t.norm for t in tokens[i : i + len(keys)]] == keys]
        if not occ:
            continue
        total += 1
        found = False
        for i in occ:
            s, e = tokens[i].start, tokens[i + len(keys) - 1].end
            if any(a < e and s < b for a, b in spans):
                found = True
                break
        hit += found
    return total, hit


def evaluate_method(babe: pd.DataFrame, name: str, scorer: Callable[[str], tuple[float, float, list]]) -> list[dict]:
    """AUCs and biased-word recall of one method on each half."""
    scored = [scorer(t) for t in babe["text"]]
    frame = babe.assign(score=[s[0] for s in scored], count=[s[1] for s in scored])
    spans = [s[2] for s in scored]
    rows = []
    for half in ("heldout", "dev"):
        mask = frame["half"] == half
        part = frame[mask]
        total = hit = 0
        for i in part.index[part["biased"]]:
            t, h = biased_word_hits(frame.at[i, "text"], frame.at[i, "biased_words"], spans[i])
            total += t
            hit += h
        rows.append({
            "method": name, "half": half, "n": int(mask.sum()),
            "auc_score": auc(part["biased"], part["score"], positive=True),
            "auc_count": auc(part["biased"], part["count"], positive=True),
            "biased_word_recall": hit / total if total else float("nan"),
            "biased_words": total,
            "matched_share": float((part["count"] > 0).mean()),
        })
    return rows


def our_lexicon_scorer(lexicon: Lexicon) -> Callable[[str], tuple[float, float, list]]:
    """The project's scoring (negation and scare quotes included), per sentence."""

    def score(text: str) -> tuple[float, float, list]:
        corpus = pd.DataFrame({"id": ["s"], "source": ["babe"], "text": [text]})
        articles, spans = score_loaded(corpus, lexicon)
        counted = spans[~spans["negated"]]
        return (
            float(articles.at[0, "loaded_intensity"]) / 1000.0,
            float(articles.at[0, "loaded_n"]),
            list(zip(counted["start"], counted["end"])),
        )

    return score


def run(lexicon_path: Path, out: Path | None) -> int:
    """Compute the table, print it and write the markdown report."""
    babe_path = paths.DEV_DATA / BABE_FILE
    mpqa_path = paths.REFERENCE_LEXICONS / MPQA_FILE
    if not babe_path.exists():
        print(f"skipped: {babe_path} not found (development data lives beside the repository, in ../shared/dev-data).")
        return 0
    babe = load_babe(babe_path)
    lexicon = Lexicon.from_csv(lexicon_path)
    methods: list[tuple[str, Callable]] = [("our lexicon (loaded_language.csv)", our_lexicon_scorer(lexicon))]
    reviewed = lexicon.entries["provenance"] == "curated:babe-dev-review"
    if reviewed.any():
        methods.append(("  without the babe-dev-review rows", our_lexicon_scorer(Lexicon.from_frame(lexicon.entries[~reviewed], source="no-review"))))
    for prov in ("curated", "vader", "textblob"):
        sub = lexicon.entries[lexicon.entries["provenance"].str.split(":").str[0] == prov]
        if len(sub):
            methods.append((f"  only {prov} rows", our_lexicon_scorer(Lexicon.from_frame(sub, source=prov))))
    vader = load_vader()
    strong = [w for w, v in vader.items() if abs(v) >= 2]
    vm = _safe_matcher(strong)
    methods.append(("VADER words |valence| >= 2", matcher_scorer(vm)))
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()

    def vader_compound(text: str) -> tuple[float, float, list]:
        c = sia.polarity_scores(text)["compound"]
        return (-c, abs(c), [])

    methods.append(("VADER compound (-compound; count = |compound|)", vader_compound))
    if mpqa_path.exists():
        words, stemmed = load_mpqa(mpqa_path)
        methods.append(("MPQA strongsubj", matcher_scorer(_safe_matcher(words, wildcard=stemmed))))
    else:
        print(f"note: {mpqa_path} not found; MPQA baseline skipped.")
    if all((paths.REFERENCE_LEXICONS / f).exists() for f in HULIU_FILES):
        methods.append(("Hu & Liu opinion words", matcher_scorer(_safe_matcher(load_huliu(paths.REFERENCE_LEXICONS)))))
    else:
        print("note: Hu & Liu lists not found; baseline skipped.")
    rows = []
    for name, scorer in methods:
        rows.extend(evaluate_method(babe, name, scorer))
    table = pd.DataFrame(rows)
    text = render(table, babe, lexicon_path)
    print(text)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return 0


def render(table: pd.DataFrame, babe: pd.DataFrame, lexicon_path: Path) -> str:
    """The markdown report."""
    n_held = int((babe["half"] == "heldout").sum())
    n_dev = int((babe["half"] == "dev").sum())
    try:
        shown_lexicon = lexicon_path.resolve().relative_to(ROOT)
    except ValueError:
        shown_lexicon = lexicon_path
    lines = [
        "# Validation of the loaded-language lexicon on BABE",
        "",
        f"Reproduce (from the repository root, with `../shared` present): `{COMMAND}`",
        "",
        f"Data: `babe-dev.csv` (half of BABE, Spinde et al. 2021; AGPL-3.0; not in the repository), "
        f"{len(babe)} sentences labelled Biased / Non-biased by experts, with the words annotators marked as biased. "
        f"Lexicon: `{shown_lexicon}`.",
        "",
        "The sentences are split deterministically by the first byte of the SHA-256 of their text (even: development, "
        f"odd: held-out). Held-out: {n_held} sentences; development: {n_dev}. The curated lexicon was written from "
        "knowledge of political and war journalism, not from BABE; while it was extended, only the development half "
        "was looked at. Rows added after looking at words the annotators marked in the development half have the "
        "provenance `curated:babe-dev-review` (general loaded vocabulary only, no topic words; the lists were not "
        "copied wholesale); the row *without the babe-dev-review rows* shows what they add. The held-out half is "
        "the result.",
        "",
        "Columns: **AUC (score)** ranks sentences by the weighted score per word (our lexicon: `loaded_intensity`, "
        "negated matches not counted, scare quotes included; word lists: matches per word; VADER compound: "
        "`-compound`); **AUC (count)** by the number of matches (VADER compound: `|compound|`); **biased-word "
        "recall** is the share of annotator-marked biased words (in Biased sentences, found in the text) inside a "
        "match; **matched** is the share of sentences with at least one match.",
        "",
    ]
    for half, title in (("heldout", "Held-out half (reported)"), ("dev", "Development half (for reference)")):
        part = table[table["half"] == half]
        lines += [f"## {title}", "",
                  "| method | n | AUC (score) | AUC (count) | biased-word recall | matched |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for r in part.itertuples(index=False):
            recall = "" if r.biased_word_recall != r.biased_word_recall else f"{r.biased_word_recall:.3f} ({r.biased_words})"
            name = r.method.replace("  ", "&nbsp;&nbsp;", 1) if r.method.startswith("  ") else r.method
            lines.append(f"| {name} | {r.n} | {r.auc_score:.3f} | {r.auc_count:.3f} | {recall} | {r.matched_share:.2f} |")
        lines.append("")
    lines += [
        "Notes: BABE covers US politics (immigration, guns, abortion, elections...), not war and diplomacy, so it "
        "tests the general political part of the lexicon. MPQA (GPL) and Hu & Liu are used only as baselines here; "
        "nothing derived from them ships in the lexicon.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", default=str(paths.LOADED_LEXICON), help="lexicon CSV (default: the bundled one)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "validation_loaded.md"), help="markdown report to write ('-' for none)")
    args = parser.parse_args(argv)
    return run(Path(args.lexicon), None if args.out == "-" else Path(args.out))


if __name__ == "__main__":
    raise SystemExit(main())

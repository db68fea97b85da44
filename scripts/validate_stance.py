"""Validate the stance scorers on NewsMTSC (held-out part) and against the bundled-corpus annotations.

Usage (from the repository root):

    PYTHONPATH=. python scripts/validate_stance.py [--out docs/validation_stance.md] [--json results/validation_stance.json]

NewsMTSC (``analysis.paths.DEV_DATA / "newsmtsc-train.jsonl"``, development data kept outside the
repository) is split deterministically by story into a development part (70 %) and a held-out
part (30 %). Everything that is chosen (thresholds that map a score to neg/neu/pos, the
model's settings, any change to the rules) is chosen on the development part; the numbers
reported are those of the held-out part. Without the file, that part is skipped (exit 0).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis import paths  # noqa: E402
from analysis.stance import annotation_agreement, analyze_spans, load_stance_resources, score_stance  # noqa: E402
from analysis.stance_model import LABELS, cross_validate, featurize, train  # noqa: E402

NEWSMTSC = paths.DEV_DATA / "newsmtsc-train.jsonl"
POLARITY = {2: "neg", 4: "neu", 6: "pos"}
HELD_OUT_SHARE = 3  # of 10 story buckets
ARTICLE_THRESHOLD = 0.1  # |stance| above this is pos/neg; fixed before comparing with the annotations
COMMAND = "PYTHONPATH=. python scripts/validate_stance.py"


def story_of(gid: str) -> str:
    """The story a NewsMTSC sentence comes from (AllSides story cluster or POLUSA article)."""
    parts = gid.split("_")  # allsides_<article>_<story>_..., polusa_v1_<article>_...
    return f"{parts[0]}_{parts[2]}"


def load_newsmtsc(path: Path) -> pd.DataFrame:
    """One row per (sentence, target): text, start, end, label, group (story), part (dev/held-out)."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record["sentence_normalized"]
            group = story_of(record["primary_gid"])
            bucket = int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % 10
            for t in record["targets"]:
                rows.append((text, int(t["from"]), int(t["to"]), POLARITY[int(t["polarity"])], group,
                             "held-out" if bucket < HELD_OUT_SHARE else "dev"))
    return pd.DataFrame(rows, columns=["text", "start", "end", "label", "group", "part"])


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


def classify(scores: np.ndarray, low: float, high: float) -> np.ndarray:
    """neg below ``low``, pos above ``high``, neu in between (ties: neu)."""
    return np.where(scores < low, "neg", np.where(scores > high, "pos", "neu")).astype(object)


def evaluate(scores: np.ndarray, labels: np.ndarray, *, low: float | None = None, high: float | None = None,
             predictions: np.ndarray | None = None, neg_score: np.ndarray | None = None) -> dict:
    """Macro-F1 (thresholded scores or given predictions) and AUC of negative vs rest."""
    from sklearn.metrics import confusion_matrix, f1_score, roc_auc_score

    pred = predictions if predictions is not None else classify(scores, low, high)
    neg = neg_score if neg_score is not None else -scores
    return {
        "macro_f1": float(f1_score(labels, pred, labels=list(LABELS), average="macro", zero_division=0)),
        "auc_neg": float(roc_auc_score(labels == "neg", neg)),
        "confusion": confusion_matrix(labels, pred, labels=list(LABELS)).tolist(),
        "thresholds": None if low is None else [round(low, 4), round(high, 4)],
    }


def rule_scores(frame: pd.DataFrame, resources) -> np.ndarray:
    """Rule-based score per row; rows of one sentence are scored together (targets compete)."""
    out = np.zeros(len(frame))
    by_text: dict[str, list[int]] = {}
    for i, text in enumerate(frame["text"]):
        by_text.setdefault(text, []).append(i)
    for text, idx in by_text.items():
        spans = list(dict.fromkeys((int(frame.at[i, "start"]), int(frame.at[i, "end"])) for i in idx))
        evidence = dict(zip(spans, analyze_spans(text, spans, resources)))
        for i in idx:
            ev = evidence[(int(frame.at[i, "start"]), int(frame.at[i, "end"]))]
            # NewsMTSC labels the sentence's sentiment toward the target, quoted or not.
            out[i] = math.tanh(ev.author_sum + ev.quoted_sum)
    return out


def newsmtsc_section(results: dict) -> list[str]:
    from analysis import vader

    if not NEWSMTSC.exists():
        msg = f"NewsMTSC not found at {NEWSMTSC}: skipping the NewsMTSC evaluation (development data lives outside the repository)."
        print(msg)
        results["newsmtsc"] = None
        return [f"_{msg}_", ""]
    t0 = time.perf_counter()
    data = load_newsmtsc(NEWSMTSC)
    dev = data[data["part"] == "dev"].reset_index(drop=True)
    test = data[data["part"] == "held-out"].reset_index(drop=True)
    resources = load_stance_resources()
    y_dev, y_test = dev["label"].to_numpy(object), test["label"].to_numpy(object)

    methods = {}
    # 1. Whole-sentence VADER compound: the same score for every target of a sentence.
    compound = {t: vader.compound(t) for t in data["text"].unique()}
    v_dev = dev["text"].map(compound).to_numpy(float)
    v_test = test["text"].map(compound).to_numpy(float)
    low, high = best_thresholds(v_dev, y_dev)
    methods["VADER compound (whole sentence)"] = evaluate(v_test, y_test, low=low, high=high)
    # 2. Rule-based, target-specific.
    r_dev, r_test = rule_scores(dev, resources), rule_scores(test, resources)
    low, high = best_thresholds(r_dev, y_dev)
    methods["Rule-based, target-specific (analysis.stance)"] = evaluate(r_test, y_test, low=low, high=high)
    # 3. Trained model: cross-validated on the development part, then trained on all of it.
    f_dev = featurize(dev, resources=resources)
    cv = cross_validate(dev, folds=5, resources=resources, features=f_dev)
    model = train(dev, resources=resources)
    results["_model"] = model  # reused on the bundled corpus; not written to JSON
    proba = model.predict_proba_features(featurize(test, resources=resources))
    pred = np.array(LABELS, dtype=object)[proba.argmax(axis=1)]
    methods["Trained model (analysis.stance_model)"] = evaluate(
        proba[:, 2] - proba[:, 0], y_test, predictions=pred, neg_score=proba[:, 0]
    )
    methods["Trained model (analysis.stance_model)"]["dev_cv"] = cv.to_dict()
    elapsed = time.perf_counter() - t0
    counts = {part: data[data["part"] == part]["label"].value_counts().reindex(list(LABELS)).fillna(0).astype(int).to_dict()
              for part in ("dev", "held-out")}
    results["newsmtsc"] = {"methods": methods, "counts": counts, "n_dev": len(dev), "n_held_out": len(test),
                           "n_stories_dev": int(dev["group"].nunique()), "n_stories_held_out": int(test["group"].nunique()),
                           "seconds": round(elapsed, 1)}

    lines = [
        "## NewsMTSC: sentiment toward a target in a news sentence",
        "",
        f"Data: `newsmtsc-train.jsonl` (Hamborg & Donnay 2021, MIT licence), {len(data):,} (sentence, target) rows. "
        f"Split deterministically by story (SHA-1 of the story id, 3 of 10 buckets held out): development part "
        f"{len(dev):,} rows ({dev['group'].nunique():,} stories), **held-out part {len(test):,} rows "
        f"({test['group'].nunique():,} stories)**. Labels (neg/neu/pos) dev {list(counts['dev'].values())}, "
        f"held-out {list(counts['held-out'].values())}.",
        "",
        "Everything chosen was chosen on the development part: the cut points that map a continuous score to "
        "neg/neu/pos (maximising macro-F1 there), the model's settings, and the rules. **The table reports the held-out part.**",
        "",
        "| method | macro-F1 (held-out) | AUC negative vs rest (held-out) | cut points (neg < low, pos > high) |",
        "| --- | --- | --- | --- |",
    ]
    for name, m in methods.items():
        cut = "argmax of class probabilities" if m["thresholds"] is None else f"{m['thresholds'][0]:+.3f} / {m['thresholds'][1]:+.3f}"
        lines.append(f"| {name} | {m['macro_f1']:.3f} | {m['auc_neg']:.3f} | {cut} |")
    lines += [
        "",
        f"Trained model, 5-fold cross-validation on the development part (folds keep stories together): "
        f"macro-F1 {cv.macro_f1:.3f} (per fold {np.mean(cv.fold_f1):.3f} ± {np.std(cv.fold_f1, ddof=1):.3f}).",
        "",
        "Held-out confusion matrices (rows true neg/neu/pos, columns predicted):",
        "",
    ]
    for name, m in methods.items():
        lines.append(f"- {name}: `{m['confusion']}`")
    lines += [
        "",
        "Notes: NewsMTSC labels how a sentence portrays the target, quoted speech included, so the rule-based score "
        "here adds author and quoted evidence. Its targets are people in US politics; the cue lexicon and the "
        "topic words neutralised for war reporting were written for this study's domain and were not fitted to NewsMTSC.",
        "",
    ]
    return lines


def corpus_section(results: dict) -> list[str]:
    gold_path = paths.ANNOTATIONS / "stance.csv"
    gold = pd.read_csv(gold_path, dtype=str, keep_default_na=False)
    from analysis.corpus import load_corpus

    corpus = load_corpus(paths.RAW)
    _, stance = score_stance(corpus)
    agreement = annotation_agreement(stance, gold, threshold=ARTICLE_THRESHOLD)
    sens = {t: annotation_agreement(stance, gold, threshold=t)["agreement"] for t in (0.05, 0.1, 0.15, 0.2)}
    results["bundled_corpus"] = {**{k: v for k, v in agreement.items() if k != "table"}, "sensitivity": sens}
    table = agreement["table"]
    model_agreement = None
    if results.get("_model") is not None:
        _, model_stance = score_stance(corpus, model=results["_model"])
        model_agreement = annotation_agreement(model_stance, gold, threshold=ARTICLE_THRESHOLD)
        results["bundled_corpus_model"] = {k: v for k, v in model_agreement.items() if k != "table"}
        table = table.assign(model=model_agreement["table"]["stance"].to_numpy(),
                             model_predicted=model_agreement["table"]["predicted"].to_numpy())
    lines = [
        "## Bundled corpus: article stance vs the hand-coded annotations",
        "",
        f"Gold: `data/annotations/stance.csv` ({len(gold)} article x actor pairs, coded from the texts by the stance codebook "
        f"in `data/README.md`, independently of the scorer). Predicted class: `stance` > {ARTICLE_THRESHOLD} pos, "
        f"< -{ARTICLE_THRESHOLD} neg, else neu (threshold fixed before the comparison).",
        "",
        "| scorer | agreement (3 classes) | direction agreement on pairs coded neg/pos | Spearman (stance vs -1/0/+1) |",
        "| --- | --- | --- | --- |",
    ]
    scored = [("rule-based (default)", agreement)]
    if model_agreement is not None:
        scored.append(("trained model (NewsMTSC development part), `score --stance-model`", model_agreement))
    for name, a in scored:
        lines.append(
            f"| {name} | **{a['agreement']:.2f}** ({a['n_agree']} of {a['n']}) | {a['direction_agreement']:.2f} "
            f"({a['n_direction_agree']} of {a['n_polar']}) | {a['spearman']:.2f} |"
        )
    lines += [
        "",
        "Sensitivity of the rule-based agreement to the threshold: " + ", ".join(f"{t}: {v:.2f}" for t, v in sens.items())
        + ". Direction agreement counts the sign only, however small the stance.",
        "",
        "| id | target | gold | rule-based stance | predicted |" + (" model stance | predicted |" if model_agreement is not None else ""),
        "| --- | --- | --- | --- | --- |" + (" --- | --- |" if model_agreement is not None else ""),
    ]
    for row in table.itertuples(index=False):
        extra = f" {row.model:+.3f} | {row.model_predicted} |" if model_agreement is not None else ""
        lines.append(f"| {row.id} | {row.target} | {row.label} | {row.stance:+.3f} | {row.predicted} |{extra}")
    lines += ["", "With 22 pairs, 16 of them neutral, these numbers are a sanity check, not an accuracy estimate.", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=None, help="markdown report to write (default: docs/validation_stance.md; "
                        "without NewsMTSC the default file is left as it is)")
    parser.add_argument("--json", default=None, help="also write the numbers as JSON here")
    args = parser.parse_args(argv)
    results: dict = {}
    lines = [
        "# Validation of the stance scorers",
        "",
        f"Reproduce: `{COMMAND}` (writes this file; needs `../shared/dev-data/newsmtsc-train.jsonl` for the first part).",
        "",
    ]
    lines += newsmtsc_section(results)
    lines += corpus_section(results)
    text = "\n".join(lines)
    from analysis.io import atomic_write_text, write_json

    out = args.out or ROOT / "docs" / "validation_stance.md"
    if results["newsmtsc"] is None and args.out is None:
        print(f"\n(not writing {out}: it would lose the NewsMTSC numbers; pass --out to write this partial report)")
    else:
        atomic_write_text(out, text)
    if args.json:
        write_json({k: v for k, v in results.items() if not k.startswith("_")}, args.json)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

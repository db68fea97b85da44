"""Compare predicted spans with gold annotations (precision, recall, F1; exact and overlap) and compute AUCs.

Spans are rows ``id, start, end`` (plus ``category``). *Exact* agreement needs the same
``id, start, end``; *overlap* agreement needs any shared character, with each gold span paired
with at most one predicted span and vice versa (a maximum one-to-one matching).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.tables.io import file_delimiter
from analysis.text.choices import first_few

__all__ = [
    "ANY",
    "check_span_offsets",
    "LABELLED",
    "SCORE_COLUMNS",
    "SpanFileError",
    "StanceValidation",
    "STANCE_LABELS",
    "STANCE_LABEL_WORDS",
    "auc",
    "compare_methods",
    "disagreements",
    "format_table",
    "gold_spans",
    "load_spans",
    "load_stance_labels",
    "match_overlap",
    "precision_recall_f1",
    "span_scores",
    "stance_label",
    "stance_validation",
]

ANY = "(any)"  # spans compared without their category
LABELLED = "(all, same category)"  # spans must also agree on the category
SCORE_COLUMNS = ["match", "category", "n_gold", "n_pred", "tp", "precision", "recall", "f1"]


class SpanFileError(ValueError):
    """A span table that cannot be evaluated; the message names the file and the fix."""


def gold_spans(path: str | Path, ids: Sequence[str], *, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """The gold spans (:func:`load_spans`) of the articles ``ids``; no rows (``id, start, end, category``) without the file.

    With ``texts`` (id -> the article's text as read), each of these spans is checked against its
    article (:func:`check_span_offsets`): offsets counted on another form of the text (bytes,
    UTF-16 units, a text with a byte-order mark or a title line before it) would otherwise give
    wrong precision and recall without a word.

    Example:
        >>> gold_spans("no/such/file.csv", ["a"]).columns.tolist()
        ['id', 'start', 'end', 'category']
    """
    path = Path(path)
    gold = load_spans(path) if path.exists() else pd.DataFrame(columns=["id", "start", "end", "category"])
    gold = gold[gold["id"].isin(set(ids))]
    if texts is not None:
        check_span_offsets(gold, texts, name=str(path))
    return gold


def check_span_offsets(spans: pd.DataFrame, texts: dict[str, str], *, name: str, lines: Sequence[int] | None = None) -> None:
    """Raise :class:`SpanFileError` unless every span's ``id`` is an article of ``texts`` and the span lies inside it,
    with its ``text`` there when given.

    Offsets are Python string indices of the text as read (as in every table of the project). A
    span whose ``text`` is found a few characters before or after its offsets gets that shift in
    the message (offsets counted on a text with a byte-order mark, which the corpus reader drops,
    are one character late). ``name`` names the file; ``lines``, when given, each row's line in it
    (the header is line 1), else a row is named by its article and offsets.

    Args:
        spans: ``id, start, end`` and optionally ``text``; every ``id`` a key of ``texts``.
        texts: Article id -> text.
        name: The file, for the message.
        lines: The file line of each row of ``spans``.

    Example:
        >>> spans = pd.DataFrame({"id": ["a"], "start": [5], "end": [13], "text": ["reckless"]})
        >>> check_span_offsets(spans, {"a": "\ufeffThe reckless plan"}, name="gold.csv")
        >>> check_span_offsets(spans, {"a": "The reckless plan"}, name="gold.csv")
        Traceback (most recent call last):
        ...
        analysis.validate.evaluate.SpanFileError: gold.csv: article a, 5:13: text 'reckless' is not what the article has there ('eckless '); it is at 4:12, 1 character earlier, as when offsets are counted on a text with 1 character more before it (a byte-order mark, which the corpus reader drops, or a title line). Offsets are character positions in the text as read (not bytes, not UTF-16 units).
    """
    unknown = [i for i in dict.fromkeys(spans["id"].astype(str)) if i not in texts]
    if unknown:
        raise SpanFileError(f"{name}: {len(unknown):,} id(s) are not articles of the corpus ({first_few(unknown, 5)}); "
                            "give the corpus "
                            "the spans were annotated on.")
    has_text = "text" in spans.columns
    rows = spans[["id", "start", "end", *(["text"] if has_text else [])]].itertuples(index=False)
    for k, (ident, start, end, *said) in enumerate(rows):
        where = f"{name}, line {lines[k]}" if lines is not None else f"{name}: article {ident}, {start}:{end}"
        text = texts[str(ident)]
        if end > len(text) or start < 0:
            raise SpanFileError(f"{where}: {start}:{end} lies outside article {ident} ({len(text)} characters); "
                                "offsets count the characters of the text as read.")
        if not said or str(said[0]) == text[start:end]:
            continue
        shift = next((d for d in (1, -1, 2, -2, 3, -3) if 0 <= start - d and text[start - d : end - d] == str(said[0])), None)
        hint = ""
        if shift is not None:
            chars = f"{abs(shift)} character{'s' if abs(shift) > 1 else ''}"
            hint = f"; it is at {start - shift}:{end - shift}, {chars} {'earlier' if shift > 0 else 'later'}"
            if shift > 0:
                hint += (f", as when offsets are counted on a text with {chars} more before it (a byte-order mark, "
                         "which the corpus reader drops, or a title line)")
        whose, at = ("the article", "there") if lines is None else (f"article {ident}", f"at {start}:{end}")
        raise SpanFileError(f"{where}: text {said[0]!r} is not what {whose} has {at} ({text[start:end]!r}){hint}. "
                            "Offsets are character positions in the text as read (not bytes, not UTF-16 units).")


STANCE_LABELS = ("neg", "neu", "pos")
# What coders write for the three labels (case and surrounding spaces ignored), in a class's sheet or a gold file.
STANCE_LABEL_WORDS = {"neg": "neg", "negative": "neg", "-": "neg", "-1": "neg", "neu": "neu", "neutral": "neu", "0": "neu",
                      "pos": "pos", "positive": "pos", "+": "pos", "1": "pos", "+1": "pos"}


def stance_label(value, where: str) -> str:
    """A coder's stance label as ``neg``, ``neu`` or ``pos`` (:data:`STANCE_LABEL_WORDS`); ``where`` starts the error.

    Example:
        >>> [stance_label(v, "x") for v in ("Negative", " neu ", "+1")]
        ['neg', 'neu', 'pos']
        >>> stance_label("meh", "gold.csv, line 3")
        Traceback (most recent call last):
        ...
        ValueError: gold.csv, line 3: label 'meh' is not one of neg, neu, pos.
    """
    key = str(value).strip().lower()
    if key not in STANCE_LABEL_WORDS:
        raise ValueError(f"{where}: label {value!r} is not one of {', '.join(STANCE_LABELS)}.")
    return STANCE_LABEL_WORDS[key]


def load_stance_labels(path: str | Path, ids: Sequence[str], *, actors: Sequence[str] | None = None) -> pd.DataFrame:
    """Hand-coded article stance labels (``id, target, label``) of the articles ``ids``, checked.

    Labels are read with :func:`stance_label` ("negative", "Neutral", "+1" ...); a row with a blank
    label is not coded and is left out. With ``actors`` (the actors the corpus was scored for),
    every target of these articles must be one of them: a label on an actor that no score can have
    (a name spelt otherwise than in the targets file, "Trump" for "Donald Trump") would count as
    stance 0 and make the agreement wrong without a word.

    Raises:
        ValueError: For a missing column, a label that is not one of the three, or an unknown actor, naming the
            file's line (the header is line 1) and what to do.
    """
    from analysis.text.lexicon import read_csv_rows

    frame, lines = read_csv_rows(path)
    missing = [c for c in ("id", "target", "label") if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; stance labels need id,target,label "
                         "(one row per article and actor).")
    frame["line"] = lines
    frame = frame[frame["id"].isin(set(map(str, ids))) & (frame["label"].str.strip() != "")]
    frame["label"] = [stance_label(v, f"{path}, line {line}") for v, line in zip(frame["label"], frame["line"])]
    if actors is not None:
        known = set(actors)
        unknown = frame[~frame["target"].isin(known)]
        if len(unknown):
            from analysis.text.choices import did_you_mean

            first = unknown.iloc[0]
            names = sorted(known)
            hint = did_you_mean(first["target"], names)
            more = f" ({len(unknown):,} rows with such actors)" if len(unknown) > 1 else ""
            raise ValueError(f"{path}, line {first['line']}: target {first['target']!r} is not one of the actors the "
                             f"corpus was scored for ({', '.join(names) or 'none'}){more}: name each actor as the "
                             f"targets file does.{hint}")
    return frame.drop(columns="line").reset_index(drop=True)


def _targets_record(scores_dir: Path) -> dict:
    """The targets file an output set's ``score_run.json`` records (``path``, ``sha256``); {} without one."""
    from analysis.tables.provenance import read_run

    record = (read_run(scores_dir) or {}).get("targets")
    return record if isinstance(record, dict) else {}


def _scored_actors(scores_dir: Path, stance: pd.DataFrame) -> list[str]:
    """The actors an output set was scored for: the targets file its ``score_run.json`` names, when it is still there
    with the same bytes; else the actors its stance table has rows for."""
    from analysis.measures.targets import Targets
    from analysis.tables.provenance import file_sha256

    record = _targets_record(scores_dir)
    path = Path(record.get("path") or "")
    if record.get("path") and path.is_file() and file_sha256(path) == record.get("sha256"):
        return list(Targets.from_csv(path).names)
    return sorted(set(stance["target"].astype(str)))


def _same_actors(scores_dir: Path, stance: pd.DataFrame, targets_path: Path) -> bool:
    """Whether an output set was scored for the actors of ``targets_path``: the same bytes as the targets file its
    ``score_run.json`` records, or (no record) the same actor names as its stance table."""
    from analysis.measures.targets import Targets
    from analysis.tables.provenance import file_sha256

    record = _targets_record(scores_dir)
    if record.get("sha256"):
        return record["sha256"] == file_sha256(targets_path)
    return set(stance["target"].astype(str)) <= set(Targets.from_csv(targets_path).names)


class StanceValidation(NamedTuple):
    """What :func:`stance_validation` found: the joined pairs, the agreement (None: nothing compared) and, when the
    labels were not compared although both files exist, why (else "")."""

    table: pd.DataFrame
    agreement: dict | None
    not_compared: str


def stance_validation(scores_dir: str | Path, gold_path: str | Path, ids: Sequence[str], *,
                      threshold: float, coded_for: str | Path | None = None) -> StanceValidation:
    """Notebook 05's stance check: the scored article stance against the hand-coded labels of the articles ``ids``.

    Args:
        scores_dir: The output folder of ``python -m analysis score`` (its ``stance.csv``).
        gold_path: The labels' CSV (``id, target, label`` in neg/neu/pos).
        ids: The corpus's article ids (labels of other articles are left out).
        threshold: ``|stance|`` below it counts as ``neu`` (:func:`analysis.measures.stance.annotation_agreement`).
        coded_for: The targets file the labels were coded for, when they belong to one (the bundled labels: the
            bundled actors). A run scored for other actors (``TARGETS=auto``) is not compared with them: its
            "Ukraine" may be another actor (without the president, say) than the one the coder judged.

    Returns:
        ``(table, agreement, not_compared)``: the joined pairs (``id, target, label, stance, predicted``) and
        ``annotation_agreement``'s numbers with ``macro_f1`` (the three labels' F1, averaged; 0 for a
        label neither coded nor predicted); an empty table and None when either file is missing, no
        label belongs to these articles or the run scored other actors than ``coded_for`` (``not_compared``
        then says so).
    """
    from analysis.tables.read import read_table

    scores_dir, gold_path = Path(scores_dir), Path(gold_path)
    table, agreement = pd.DataFrame(), None
    if (scores_dir / "stance.csv").exists() and gold_path.exists():
        predicted = read_table(scores_dir, "stance")
        if coded_for is not None and not _same_actors(scores_dir, predicted, Path(coded_for)):
            if load_stance_labels(gold_path, ids).empty:
                return StanceValidation(table, None, "")
            return StanceValidation(table, None, "other actors")
        coded = load_stance_labels(gold_path, ids, actors=_scored_actors(scores_dir, predicted))
        if len(coded):
            from sklearn.metrics import f1_score

            from analysis.measures.stance import annotation_agreement

            agreement = annotation_agreement(predicted, coded, threshold=threshold)
            table = agreement.pop("table")
            agreement["macro_f1"] = float(f1_score(table["label"], table["predicted"], labels=["neg", "neu", "pos"],
                                                   average="macro", zero_division=0))
            agreement.update(disagreements(table, threshold=threshold))
    return StanceValidation(table, agreement, "")


def disagreements(table: pd.DataFrame, *, threshold: float) -> dict:
    """What the disagreements between coded labels and scores are, for the report to say (not a fixed sentence).

    Args:
        table: ``label``, ``stance`` and ``predicted`` per coded pair (:func:`stance_validation`).
        threshold: ``|stance|`` below it is ``neu``.

    Returns:
        ``n_coded_neutral`` (pairs coded ``neu``), ``n_disagree``, and of the disagreements
        ``n_disagree_no_evidence`` (score exactly 0: no mention, or no evidence in the author's voice),
        ``n_disagree_near`` (another score within ``threshold`` of the threshold: ``0 < |stance| <= 2 x threshold``)
        and ``n_disagree_far`` (the rest).

    Example:
        >>> t = pd.DataFrame({"label": ["neg", "neu", "neu", "pos", "neu"], "stance": [0.0, -0.15, -0.6, 0.3, 0.02],
        ...                   "predicted": ["neu", "neg", "neg", "pos", "neu"]})
        >>> disagreements(t, threshold=0.1)
        {'n_coded_neutral': 3, 'n_disagree': 3, 'n_disagree_no_evidence': 1, 'n_disagree_near': 1, 'n_disagree_far': 1}
    """
    wrong = table[table["label"] != table["predicted"]]
    size = wrong["stance"].abs()
    none = int((size == 0).sum())
    near = int(((size > 0) & (size <= 2 * threshold)).sum())
    return {"n_coded_neutral": int((table["label"] == "neu").sum()), "n_disagree": int(len(wrong)),
            "n_disagree_no_evidence": none, "n_disagree_near": near, "n_disagree_far": int(len(wrong)) - none - near}


def load_spans(path: str | Path, *, drop_negated: bool = True) -> pd.DataFrame:
    """Read a span CSV (gold ``loaded_spans.csv`` or a predicted ``spans.csv``).

    Args:
        path: CSV with at least ``id, start, end``; ``category`` is used when present.
        drop_negated: Leave out rows with ``negated`` true (they are evidence, not loaded
            language), when the column exists.

    Returns:
        The table with ``id`` as str, ``start`` and ``end`` as int.

    Raises:
        SpanFileError: For a missing file or column, or offsets that are not integers with
            ``start < end``.
    """
    path = Path(path)
    if not path.exists():
        raise SpanFileError(f"{path}: no such file. Give a CSV with columns id,start,end[,category].")
    frame = pd.read_csv(path, sep=file_delimiter(path), dtype={"id": str}, keep_default_na=False)
    missing = [c for c in ("id", "start", "end") if c not in frame.columns]
    if missing:
        raise SpanFileError(f"{path}: missing column(s) {', '.join(missing)}; a span table needs id,start,end.")
    for col in ("start", "end"):
        values = pd.to_numeric(frame[col], errors="coerce")
        bad = values.isna() | (values != values.round())
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise SpanFileError(f"{path}, line {row + 2}: {col} {frame[col].iloc[row]!r} is not an integer offset.")
        frame[col] = values.astype("int64")
    bad = frame["start"] >= frame["end"]
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise SpanFileError(f"{path}, line {row + 2}: start must be smaller than end.")
    if drop_negated and "negated" in frame.columns:
        neg = frame["negated"].astype(str).str.strip().str.lower().isin(["true", "1", "yes"])
        frame = frame[~neg]
    return frame.reset_index(drop=True)


def match_overlap(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of overlapping spans (within one document).

    Args:
        gold: ``(start, end)`` spans.
        pred: ``(start, end)`` spans.

    Returns:
        Pairs ``(gold index, pred index)`` of matched spans.

    Example:
        >>> match_overlap([(0, 10)], [(0, 3), (5, 8)])
        [(0, 0)]
    """
    order = sorted(range(len(pred)), key=lambda j: pred[j])
    starts = [pred[j][0] for j in order]
    adj: list[list[int]] = []
    for gs, ge in gold:
        hi = bisect.bisect_left(starts, ge)
        adj.append([order[k] for k in range(hi) if pred[order[k]][1] > gs])
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in adj[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(gold)):
        augment(g, set())
    return sorted((g, p) for p, g in owner.items())


def precision_recall_f1(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts: NaN where a side is empty, F1 = 0 when nothing agrees.

    Examples:
        >>> precision_recall_f1(3, 4, 6)
        (0.5, 0.75, 0.6)
        >>> precision_recall_f1(0, 4, 6)
        (0.0, 0.0, 0.0)
    """
    precision = tp / n_pred if n_pred else math.nan
    recall = tp / n_gold if n_gold else math.nan
    if math.isnan(precision) or math.isnan(recall):
        f1 = math.nan
    elif precision + recall == 0:
        f1 = 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def _count(gold: pd.DataFrame, pred: pd.DataFrame, *, labelled: bool) -> tuple[int, int]:
    keys = ["id", "start", "end"] + (["category"] if labelled else [])
    g = set(map(tuple, gold[keys].itertuples(index=False)))
    p = set(map(tuple, pred[keys].itertuples(index=False)))
    exact = len(g & p)
    overlap = 0
    pred_groups = {k: v for k, v in pred.groupby(["id", "category"] if labelled else ["id"], sort=False)}
    for key, grp in gold.groupby(["id", "category"] if labelled else ["id"], sort=False):
        other = pred_groups.get(key)
        if other is None:
            continue
        gs = list(zip(grp["start"], grp["end"]))
        ps = list(zip(other["start"], other["end"]))
        overlap += len(match_overlap(gs, ps))
    return exact, overlap


def span_scores(gold: pd.DataFrame, pred: pd.DataFrame, *, restrict_to_gold_ids: bool = True) -> pd.DataFrame:
    """Precision, recall and F1 of predicted spans against gold spans.

    Args:
        gold: Gold spans (``id, start, end`` and ``category``).
        pred: Predicted spans (same columns).
        restrict_to_gold_ids: Only score predictions for documents that appear in ``gold``.

    Returns:
        A table with columns ``match, category, n_gold, n_pred, tp, precision, recall, f1``:
        for ``match`` in ``exact`` and ``overlap``, one row ``(any)`` (spans only), one row
        ``(all, same category)`` (span and category), and one row per category found in both
        tables. Undefined ratios (no gold or no predicted spans) are NaN.

    Example:
        >>> g = pd.DataFrame({"id": ["a"], "start": [0], "end": [5], "category": ["x"]})
        >>> p = pd.DataFrame({"id": ["a", "a"], "start": [0, 8], "end": [4, 9], "category": ["x", "x"]})
        >>> s = span_scores(g, p)
        >>> s.loc[(s.match == "overlap") & (s.category == "(any)"), ["tp", "precision", "recall"]].values.tolist()
        [[1.0, 0.5, 1.0]]
    """
    gold = gold.copy()
    pred = pred.copy()
    for frame in (gold, pred):
        frame["id"] = frame["id"].astype(str)
        if "category" not in frame.columns:
            frame["category"] = ""
        frame["category"] = frame["category"].astype(str)
    if restrict_to_gold_ids:
        pred = pred[pred["id"].isin(set(gold["id"]))]
    rows = []
    cats = sorted(set(gold["category"]) & set(pred["category"]) - {""})
    groups = [(ANY, gold, pred, False), (LABELLED, gold, pred, True)]
    groups += [(c, gold[gold["category"] == c], pred[pred["category"] == c], False) for c in cats]
    results = []
    for name, g, p, labelled in groups:
        exact, overlap = _count(g, p, labelled=labelled)
        results.append((name, len(g), len(p), exact, overlap))
    for match, idx in (("exact", 3), ("overlap", 4)):
        for res in results:
            tp = res[idx]
            precision, recall, f1 = precision_recall_f1(tp, res[1], res[2])
            rows.append((match, res[0], res[1], res[2], tp, precision, recall, f1))
    out = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    return out.astype({"n_gold": "int64", "n_pred": "int64", "tp": "int64"})


def compare_methods(gold: pd.DataFrame, methods: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Several methods' spans scored against the same gold spans, all categories together.

    Args:
        gold: The gold spans (:func:`load_spans`).
        methods: Predicted spans per method name (negated spans already left out).

    Returns:
        One row per method (in the order given) and match (``exact``, ``overlap``):
        ``method, match, n_pred, tp, precision, recall, f1``.
    """
    rows = []
    for name, pred in methods.items():
        table = span_scores(gold, pred)
        for match in ("exact", "overlap"):
            r = table[(table["match"] == match) & (table["category"] == ANY)].iloc[0]
            rows.append({"method": name, "match": match, "n_pred": int(r.n_pred), "tp": int(r.tp),
                         "precision": r.precision, "recall": r.recall, "f1": r.f1})
    return pd.DataFrame(rows, columns=["method", "match", "n_pred", "tp", "precision", "recall", "f1"])


def auc(labels: Sequence[object], scores: Sequence[float], *, positive: object = 1) -> float:
    """Area under the ROC curve of ``scores`` for telling ``positive`` labels from the rest.

    Args:
        labels: One label per item (for example "Biased" / "Non-biased", or 1 / 0).
        scores: One score per item; higher should mean positive.
        positive: The label of the positive class.

    Returns:
        The AUC (0.5 = chance, 1 = perfect ranking; ties count one half).

    Raises:
        ValueError: When lengths differ or only one class is present.

    Example:
        >>> auc(["b", "n", "b", "n"], [0.9, 0.1, 0.4, 0.4], positive="b")
        0.875
    """
    from sklearn.metrics import roc_auc_score

    labels = list(labels)
    scores = [float(s) for s in scores]
    if len(labels) != len(scores):
        raise ValueError(f"auc: {len(labels)} labels but {len(scores)} scores; give one score per label.")
    y = [1 if lab == positive else 0 for lab in labels]
    if len(set(y)) < 2:
        raise ValueError(f"auc: needs both classes, but every label is {'positive' if y and y[0] else 'negative'} (positive={positive!r}).")
    return float(roc_auc_score(y, scores))


def format_table(table: pd.DataFrame) -> str:
    """The score table as aligned plain text (ratios with three decimals)."""
    header = f"{'match':<8} {'category':<22} {'n_gold':>6} {'n_pred':>6} {'tp':>5} {'precision':>9} {'recall':>7} {'f1':>6}"
    lines = [header]
    for r in table.itertuples(index=False):
        lines.append(
            f"{r.match:<8} {r.category:<22} {r.n_gold:>6} {r.n_pred:>6} {r.tp:>5} "
            f"{r.precision:>9.3f} {r.recall:>7.3f} {r.f1:>6.3f}"
        )
    return "\n".join(lines)

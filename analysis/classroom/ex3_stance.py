"""Exercise 3: code stance with a partner, measure agreement, and train a model on the class's labels."""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths
from analysis.classroom.checks import Check, LABELS, STANCE_ITEMS, as_float, is_blank, match_choice, not_yet, passed, unanswered, word_count
from analysis.text.choices import first_few
from analysis.text.lexicon import read_csv_rows
from analysis.validate.evaluate import stance_label

__all__ = [
    "check_coding", "check_disagreement", "check_expected_agreement", "check_percent_agreement",
    "check_which_agrees", "class_labels", "coding_sheet", "load_items", "majority_labels", "method_agreement",
    "ModelResult", "pair_table", "read_labels", "rule_scores", "show_items", "train_on_labels",
]


_ITEM_NUMBERS = ("item", "start", "end", "sentence_start", "sentence_end")
_ITEM_COLUMNS = ("item", "id", "source", "target", *_ITEM_NUMBERS[1:], "mention", "sentence")


def load_items(path: str | Path = STANCE_ITEMS) -> pd.DataFrame:
    """The sentences to code (``item, id, source, target, start, end, sentence_start, sentence_end, mention, sentence``)."""
    file = paths.resolve(path)
    items, lines = read_csv_rows(file)  # also after a spreadsheet saved it with semicolons
    missing = [c for c in _ITEM_COLUMNS if c not in items.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; the items file written by "
                         "scripts/make_stance_sentences.py has the columns " + ",".join(_ITEM_COLUMNS) + ".")
    for column in _ITEM_NUMBERS:
        numbers = pd.to_numeric(items[column].str.strip(), errors="coerce")
        bad = numbers.isna() | (numbers != numbers.round())
        if bad.any():
            k = int(np.flatnonzero(bad.to_numpy())[0])
            raise ValueError(f"{path}, line {lines[k]}: {column} {items[column].iloc[k]!r} is not a whole number; "
                             "write the items again with scripts/make_stance_sentences.py.")
        items[column] = numbers.astype(int)
    return items.sort_values("item").reset_index(drop=True)


def coding_sheet(items: pd.DataFrame) -> pd.DataFrame:
    """What a coder sees: ``item, actor, mention, sentence, label`` (empty), without source or article."""
    return pd.DataFrame({"item": items["item"], "actor": items["target"], "mention": items["mention"],
                         "sentence": [" ".join(s.split()) for s in items["sentence"]], "label": ""})


def show_items(items: pd.DataFrame, *, width: int = 100) -> None:
    """Print the items to code: number, actor, the sentence with the mention in [brackets]."""
    for r in items.itertuples(index=False):
        a, b = r.start - r.sentence_start, r.end - r.sentence_start
        s = r.sentence
        marked = " ".join((s[:a] + "[" + s[a:b] + "]" + s[b:]).split())
        print(textwrap.fill(f"{r.item:>2}. {r.target}: {marked}", width=width, subsequent_indent="    "))


def read_labels(value, items: pd.DataFrame) -> pd.Series:
    """A coder's labels as a Series indexed by item (missing items left out).

    Args:
        value: A dict ``{item: label}``, a list of labels in item order, or the path of a filled
            coding sheet (CSV with ``item`` and ``label``). Labels: ``neg``, ``neu``, ``pos``
            (``negative``/``neutral``/``positive`` accepted); blanks are skipped.
        items: The items.

    Raises:
        ValueError: For a label that is not one of the three, or an item that does not exist.
    """
    if is_blank(value):
        return pd.Series(dtype=object, name="label")
    if isinstance(value, (str, Path)):
        file = paths.resolve(value)
        if not file.exists():
            raise FileNotFoundError(f"{value}: no such coding sheet. Give the path of your filled-in CSV (item,label).")
        sheet, _ = read_csv_rows(file)  # also a spreadsheet's semicolon-separated CSV
        if not {"item", "label"} <= set(sheet.columns):
            raise ValueError(f"{value}: a coding sheet needs the columns item and label.")
        pairs = list(zip(sheet["item"], sheet["label"]))
    elif isinstance(value, Mapping):
        pairs = list(value.items())
    else:
        pairs = list(zip(items["item"], value))
    valid = set(items["item"].astype(int))
    out = {}
    for item, label in pairs:
        if is_blank(label):
            continue
        try:
            k = int(str(item).strip())
        except ValueError:
            raise ValueError(f"item {item!r} is not a number: use the item numbers of the list.") from None
        if k not in valid:
            raise ValueError(f"item {k} does not exist: the items are numbered 1 to {max(valid)}.")
        out[k] = stance_label(label, f"item {k}")
    return pd.Series(out, dtype=object, name="label").sort_index()


def check_coding(name: str, value, items: pd.DataFrame, *, other=None) -> Check:
    """A coder's labels: every item coded with ``neg``, ``neu`` or ``pos``."""
    if is_blank(value):
        return unanswered(name)
    try:
        labels = read_labels(value, items)
    except (ValueError, FileNotFoundError) as err:
        return not_yet(name, str(err))
    if labels.empty:
        return unanswered(name)
    missing = sorted(set(items["item"].astype(int)) - set(labels.index))
    if missing:
        return not_yet(name, f"{len(labels)} of {len(items)} items coded; still to code: "
                        f"{first_few([str(i) for i in missing], 12)}.")
    counts = labels.value_counts().reindex(LABELS, fill_value=0)
    note = ""
    if other is not None and not is_blank(other):
        try:
            b = read_labels(other, items)
            if len(b) == len(labels) and (b.reindex(labels.index) == labels).all():
                note = " Your labels are identical to the other coder's: did you code independently? That is rare."
        except (ValueError, FileNotFoundError):
            pass
    if counts.max() == len(labels):
        note += f" Every item is {counts.idxmax()!r}: then kappa and alpha are undefined; read the codebook again."
    return passed(name, f"all {len(items)} items coded: {counts['neg']} neg, {counts['neu']} neu, {counts['pos']} pos." + note)


def pair_table(a: pd.Series, b: pd.Series, *, names: tuple[str, str] = ("you", "partner")) -> pd.DataFrame:
    """The two coders' labels crossed (rows: first coder, columns: second), with totals."""
    both = pd.DataFrame({names[0]: a, names[1]: b}).dropna()
    table = pd.crosstab(both[names[0]], both[names[1]], margins=True, margins_name="total")
    order = [*LABELS, "total"]
    return table.reindex(index=order, columns=order, fill_value=0)


def _coders_share(name: str, value, a: pd.Series, b: pd.Series, measure, messages) -> Check:
    """Check a share computed by hand from the two coders' table against ``measure`` of their common items.

    ``messages(truth, n)`` gives ``(hint for an answer that is not a share, the pass message, the
    hint for a wrong share)``; an answer within 0.005 of the truth passes.
    """
    v = as_float(value)
    if v is None:
        return unanswered(name)
    common = a.index.intersection(b.index)
    if len(common) == 0:
        return not_yet(name, "code the items (both coders) first.")
    truth = measure(a[common].tolist(), b[common].tolist())
    share_hint, right, wrong = messages(truth, len(common))
    if math.isnan(v) or v > 1:
        return not_yet(name, share_hint)
    if abs(v - truth) < 0.005:
        return passed(name, right)
    return not_yet(name, wrong)


def check_percent_agreement(value, a: pd.Series, b: pd.Series) -> Check:
    """The share of items on which the two coders agree, computed by hand from the table."""
    from analysis.validate.agreement import percent_agreement

    def messages(truth: float, n: int) -> tuple[str, str, str]:
        agree = int(round(truth * n))
        return (f"give a share between 0 and 1, e.g. {agree}/{n}.", f"right: {agree} of {n} items on the diagonal, {truth:.2f}.",
                "not quite: add the numbers on the diagonal of the table (same label from both coders) and divide by the "
                "number of items.")

    return _coders_share("percent_agreement", value, a, b, percent_agreement, messages)


def check_expected_agreement(value, a: pd.Series, b: pd.Series) -> Check:
    """Chance agreement p_e of Cohen's kappa, computed by hand from the table's margins."""
    from analysis.validate.agreement import expected_agreement

    return _coders_share("expected_agreement", value, a, b, expected_agreement, lambda truth, n: (
        "give a share between 0 and 1.",
        f"right: p_e = {truth:.3f}. Two coders who labelled at random, each with their own mix of labels, would agree "
        "this often.",
        f"not quite. For each label, multiply the share of items the first coder gave it (row total / {n}) by the share "
        f"the second coder gave it (column total / {n}), then add the three products."))


def check_disagreement(item, reason: str, a: pd.Series, b: pd.Series) -> Check:
    """One item the coders disagreed on, and the codebook rule that would settle it."""
    name = "disagreement"
    common = a.index.intersection(b.index)
    disagree = [int(k) for k in common if a[k] != b[k]]
    if is_blank(item) and is_blank(reason):
        return unanswered(name)
    if not disagree:
        return passed(name, "you agreed on every item, so there is nothing to settle. Which item was hardest anyway?")
    numbers = re.findall(r"\d+", str(item))  # 21, "21" or "item 21"
    if len(numbers) != 1:
        return not_yet(name, f"give the item number of a disagreement, one of {', '.join(map(str, disagree))}.")
    k = int(numbers[0])
    if k not in disagree:
        return not_yet(name, f"you agreed on item {k}. The disagreements are items {', '.join(map(str, disagree))}.")
    if word_count(reason) < 10:
        return not_yet(name, "say in 10 words or more which rule of the codebook (author's voice, quoted speech, "
                        "misfortune is not stance, one-sided voices …) settles it, and how.")
    return passed(name, f"item {k}: {a[k]} vs {b[k]}. Writing down such rulings is how a codebook grows.")


def class_labels(value, items: pd.DataFrame, pair: Mapping[str, pd.Series]) -> pd.DataFrame:
    """Every coder's labels in long format: ``item, coder, label``.

    Args:
        value: A CSV path (``item, coder, label``, one row per item and coder: the whole
            class's coding) or ``""`` to use the pair's labels.
        items: The items.
        pair: ``{coder name: labels}`` used when ``value`` is empty.
    """
    if is_blank(value):
        rows = [(int(k), name, lab) for name, labels in pair.items() for k, lab in labels.items()]
        return pd.DataFrame(rows, columns=["item", "coder", "label"])
    file = paths.resolve(value)
    if not file.exists():
        raise FileNotFoundError(f"{value}: no such file. Give the class's labels as a CSV with item,coder,label.")
    frame, lines = read_csv_rows(file)  # also a spreadsheet's semicolon-separated CSV
    missing = {"item", "coder", "label"} - set(frame.columns)
    if missing:
        raise ValueError(f"{value}: missing column(s) {', '.join(sorted(missing))}; the class's labels need item,coder,label.")
    frame["line"] = lines  # the spreadsheet's line numbers (line 1: the header; blank lines skipped but counted)
    frame = frame[frame["label"].str.strip() != ""]
    valid = set(items["item"].astype(int))
    numbers = pd.to_numeric(frame["item"].str.strip(), errors="coerce")
    bad = frame[~numbers.isin(valid)]
    if len(bad):
        shown = first_few([f"line {line}: {item!r}" for line, item in zip(bad["line"], bad["item"])], 5)
        raise ValueError(f"{value}: the item column must hold an item number from 1 to {max(valid)} ({shown}); "
                         "correct those rows in the class's sheet and export it again.")
    frame["item"] = numbers.astype(int)
    frame["coder"] = frame["coder"].str.strip()
    nameless = frame.loc[frame["coder"] == "", "line"].tolist()
    if nameless:
        raise ValueError(f"{value}: line{'s' if len(nameless) > 1 else ''} {first_few([str(n) for n in nameless], 10)} "
                         f"{'have' if len(nameless) > 1 else 'has'} a label but no coder; give every row its coder's name.")
    twice = frame[frame.duplicated(["item", "coder"], keep=False)]
    if len(twice):
        first = twice.iloc[0]
        lines = twice.loc[(twice["item"] == first["item"]) & (twice["coder"] == first["coder"]), "line"]
        raise ValueError(f"{value}: coder {first['coder']!r} labelled item {first['item']} more than once (lines "
                         f"{', '.join(map(str, lines))}); keep one row per item and coder.")
    frame["label"] = [stance_label(v, f"{value}, line {line} (item {i})") for v, i, line in zip(frame["label"], frame["item"], frame["line"])]
    return frame[["item", "coder", "label"]].reset_index(drop=True)


def majority_labels(long: pd.DataFrame) -> pd.DataFrame:
    """One label per item by majority vote: ``item, label, n_coders, share, tie``.

    A tie is settled toward ``neu`` when ``neu`` is among the most frequent labels (the coders
    do not agree on a direction); a tie between ``neg`` and ``pos`` alone leaves the item out.
    """
    rows = []
    for item, group in long.groupby("item", sort=True):
        counts = group["label"].value_counts()
        top = sorted(counts[counts == counts.max()].index)
        tie = len(top) > 1
        if tie and "neu" not in top:
            continue
        label = "neu" if tie else top[0]
        rows.append((int(item), label, len(group), float(counts.max() / len(group)), tie))
    return pd.DataFrame(rows, columns=["item", "label", "n_coders", "share", "tie"])


def rule_scores(items: pd.DataFrame, corpus: pd.DataFrame, *, threshold: float = 0.1, targets=None) -> pd.DataFrame:
    """The study's rule-based score of each item's mention (from scoring its whole article).

    Args:
        items, corpus: The items and the corpus they were drawn from.
        threshold: See Returns.
        targets: The targets file (or :class:`~analysis.measures.targets.Targets`) the items were drawn with;
            None for the bundled one.

    Returns:
        ``item, score, rules`` with ``rules`` = ``pos`` above ``threshold``, ``neg`` below its
        negative, else ``neu`` (the threshold the validation uses).

    Raises:
        ValueError: An item's mention is not a mention of its actor under ``targets`` (items drawn with
            other targets): no score is made up for it.
    """
    from analysis.measures.stance import score_stance

    if isinstance(targets, (str, Path)):
        targets = paths.resolve(targets)
    mentions, _ = score_stance(corpus[corpus["id"].isin(set(items["id"]))], targets, with_sentence=False)
    joined = items[["item", "id", "target", "start", "end"]].merge(
        mentions[["id", "target", "start", "end", "score"]], on=["id", "target", "start", "end"], how="left")
    lost = joined[joined["score"].isna()]
    if len(lost):
        shown = first_few([f"item {i} ({t})" for i, t in zip(lost["item"], lost["target"])], 5)
        raise ValueError(f"{shown}: not a mention of its actor with these targets; "
                         "give targets_path the targets file the items were drawn with (scripts/make_stance_sentences.py "
                         "prints it).")
    joined["rules"] = np.where(joined["score"] > threshold, "pos", np.where(joined["score"] < -threshold, "neg", "neu"))
    return joined[["item", "score", "rules"]]


@dataclass
class ModelResult:
    """What training the stance model on the class's labels gave.

    Attributes:
        model: The model trained on every labelled item (None if it could not be trained).
        predictions: ``item, model`` out-of-sample labels from leave-one-out (empty if impossible).
        message: Plain words on what was done and how far to trust it.
    """

    model: object | None
    predictions: pd.DataFrame
    message: str


def train_on_labels(items: pd.DataFrame, labels: pd.DataFrame, corpus: pd.DataFrame) -> ModelResult:
    """Train the stance model on the class's labels and predict each item without its own label.

    Leave-one-out cross-validation: each item is predicted by a model trained on all the
    others (:func:`analysis.measures.stance_model.cross_validate` with one fold per item). With a few
    dozen sentences this runs in seconds and is the only split that leaves enough to train on.

    Args:
        items: The items.
        labels: ``item, label`` (e.g. from :func:`majority_labels`).
        corpus: The corpus holding the items' articles (their text gives the mentions' context).
    """
    from analysis.measures.stance import load_stance_resources
    from analysis.measures.stance_model import cross_validate, featurize, read_labeled, train

    data = items.merge(labels[["item", "label"]], on="item")
    texts = corpus.set_index("id")["text"]
    frame = pd.DataFrame({"text": [texts[i] for i in data["id"]], "start": data["start"], "end": data["end"],
                          "label": data["label"], "group": data["item"].astype(str)})
    empty = pd.DataFrame(columns=["item", "model"])
    counts = frame["label"].value_counts().reindex(LABELS, fill_value=0)
    if len(frame) == 0:
        return ModelResult(None, empty, "no labelled items yet: code the items first.")
    if (counts == 0).any():
        lacking = ", ".join(c for c in LABELS if counts[c] == 0)
        return ModelResult(None, empty, f"the class's labels have no item labelled {lacking}; a model needs examples of all "
                           "three labels. With so few sentences that happens: the model cannot be trained here.")
    frame = read_labeled(frame)
    resources = load_stance_resources()
    features = featurize(frame, resources=resources)
    model = train(frame, resources=resources, min_df=1)
    if (counts < 2).any():
        rare = ", ".join(c for c in LABELS if counts[c] < 2)
        return ModelResult(model, empty, f"only one item is labelled {rare}: leaving it out would leave the model without any "
                           "example of it, so no out-of-sample prediction is possible. The model was trained on all "
                           f"{len(frame)} items, but nothing tells how well it does.")
    report = cross_validate(frame, folds=len(frame), min_df=1, features=features)
    preds = pd.DataFrame({"item": data["item"].to_numpy(), "model": report.predictions})
    same = ""
    if len(set(report.predictions)) == 1:
        same = (f" Here it gave every item the label {report.predictions[0]!r}: it learned no more than which label is "
                "most common, so its agreement equals that label's share and its kappa is 0.")
    return ModelResult(model, preds, (
        f"leave-one-out on {len(frame)} items ({counts['neg']} neg, {counts['neu']} neu, {counts['pos']} pos): each item was "
        f"predicted by a model trained on the other {len(frame) - 1}. With this little data the model is not reliable: it "
        "learns from a handful of examples per label, and one changed label can change many predictions. The stance "
        "model in the study is trained on thousands of labelled sentences; treat this as a demonstration of the workflow, "
        "not as a measurement." + same))


def method_agreement(table: pd.DataFrame, *, reference: str = "class", methods: Sequence[str] = ("rules", "model")) -> pd.DataFrame:
    """How well each method agrees with the reference labels: ``method, n, agreement, kappa``."""
    from analysis.validate.agreement import cohen_kappa, percent_agreement

    rows = []
    for m in methods:
        if m not in table.columns:
            continue
        t = table[[reference, m]].dropna()
        t = t[(t[reference] != "") & (t[m] != "")]
        rows.append((m, len(t), percent_agreement(t[reference].tolist(), t[m].tolist()) if len(t) else math.nan,
                     cohen_kappa(t[reference].tolist(), t[m].tolist()) if len(t) else math.nan))
    return pd.DataFrame(rows, columns=["method", "n", "agreement", "kappa"])


def check_which_agrees(name: str, value, agreement: pd.DataFrame, *, column: str = "agreement") -> Check:
    """Which method agrees more with the class's labels by ``column`` (``agreement`` or ``kappa``):
    ``rules``, ``model`` or ``same``, read from the table of :func:`method_agreement`."""
    if is_blank(value):
        return unanswered(name)
    options = ["rules", "model", "same"]
    found = match_choice(value, options)
    if found is None:
        return not_yet(name, f"answer 'rules', 'model' or 'same' (not {value!r}).")
    t = agreement.set_index("method")[column]
    if "model" not in t.index or "rules" not in t.index or t.isna().any():
        return passed(name, f"the {column} of one method is undefined here (no model, or a single label), so there is "
                       "nothing to compare; noted.")
    diff = t["model"] - t["rules"]
    truth = "same" if abs(diff) < 0.005 else ("model" if diff > 0 else "rules")
    if found == truth:
        return passed(name, f"right: by {column}, rules {t['rules']:.2f} and model {t['model']:.2f}.")
    return not_yet(name, f"look again at the `{column}` column of the table above.")

"""A trained, target-centred stance classifier (neg/neu/pos) saved as safe, versioned JSON.

Features are built around each mention by :func:`analysis.measures.stance.analyze_spans`: the words of
its sentence by side and distance (``L1=``, ``R3=``, ``Lfar=`` ...), the words of its clause
(``c=``), the bag of words (``w=``), with the mention itself left out and other mentions masked
as ``<T>``, plus the rule-based scorer's numbers (``#rule_author``, ``#patient``, ``#agent``,
evidence sums, whole-sentence VADER valence). A multinomial logistic regression
(scikit-learn) is trained on them.

The model file is JSON: format name and version, feature configuration, vocabulary,
coefficients, intercepts and classes. Loading it rebuilds the estimator from numbers only, so a
model file from a stranger cannot run code (pickle is refused).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from itertools import chain
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "LABELS",
    "CVReport",
    "FeatureRows",
    "ModelFormatError",
    "StanceModel",
    "VectorWordFeatures",
    "cross_validate",
    "featurize",
    "label_scores",
    "load_model",
    "load_model_cached",
    "read_labeled",
    "train",
    "vector_words",
]

FORMAT = "media-framing-stance-model"
FORMAT_VERSION = 1
LABELS = ("neg", "neu", "pos")
_LABEL_ALIASES = {
    "neg": "neg", "negative": "neg", "-1": "neg", "2": "neg", "2.0": "neg",
    "neu": "neu", "neutral": "neu", "0": "neu", "4": "neu", "4.0": "neu",
    "pos": "pos", "positive": "pos", "1": "pos", "6": "pos", "6.0": "pos",
}
DEFAULT_C = 0.03
DEFAULT_MIN_DF = 2
DEFAULT_NB_ALPHA = 1.0


class ModelFormatError(ValueError):
    """A model file that cannot be loaded; the message names the file and what to do."""


# --------------------------------------------------------------------------------------------
# Labelled data
# --------------------------------------------------------------------------------------------


def _normalize_label(value: object, where: str) -> str:
    key = str(value).strip().lower()
    if key not in _LABEL_ALIASES:
        raise ValueError(f"{where}: label {value!r} is not one of neg, neu, pos (or negative/neutral/positive).")
    return _LABEL_ALIASES[key]


def read_labeled(path: str | Path | pd.DataFrame, *, targets=None) -> pd.DataFrame:
    """Read labelled mentions for training or evaluation.

    Args:
        path: A ``.csv`` or ``.jsonl`` file (or a table) with ``text`` and ``label`` (neg, neu,
            pos) and either ``start`` and ``end`` (the mention's offsets in ``text``) or
            ``target`` (an actor of the targets file; its first mention in ``text`` is used).
            An optional ``group`` column keeps rows together in cross-validation (default: rows
            with the same text form a group).
        targets: :class:`analysis.measures.targets.Targets` used to find ``target`` mentions (default:
            the bundled targets file).

    Returns:
        A table ``text, start, end, label, group`` (+ the other columns given).

    Raises:
        ValueError: Naming the file and row for a missing column, a bad label, offsets outside
            the text, or a target not found in its text.
    """
    where = "<table>"
    if isinstance(path, pd.DataFrame):
        frame = path.copy()
    else:
        path = Path(path)
        where = str(path)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file. Give a .csv or .jsonl of labelled mentions.")
        if path.suffix.lower() == ".jsonl":
            frame = pd.read_json(path, lines=True, dtype=False)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("text", "label"):
        if column not in frame.columns:
            raise ValueError(
                f"{where}: no `{column}` column (columns are: {', '.join(map(str, frame.columns))}). "
                "Labelled rows need text, label and either start,end or target."
            )
    has_offsets = "start" in frame.columns and "end" in frame.columns
    if not has_offsets and "target" not in frame.columns:
        raise ValueError(f"{where}: give the mention as `start` and `end` columns (offsets into text) or as a `target` column.")
    if not has_offsets:
        from analysis import paths
        from analysis.measures.targets import Targets

        if targets is None:
            targets = Targets.from_csv(paths.TARGETS)
    starts, ends, labels = [], [], []
    for i, row in enumerate(frame.itertuples(index=False)):
        line = f"{where}, row {i + 1}"
        text = getattr(row, "text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{line}: empty text.")
        labels.append(_normalize_label(getattr(row, "label"), line))
        if has_offsets:
            try:
                start, end = int(getattr(row, "start")), int(getattr(row, "end"))
            except (TypeError, ValueError):
                raise ValueError(f"{line}: start/end must be whole numbers (character offsets into text).") from None
            if not (0 <= start < end <= len(text)):
                raise ValueError(f"{line}: offsets {start}:{end} are outside the text (length {len(text)}).")
        else:
            target = str(getattr(row, "target")).strip()
            found = [m for m in targets.find(text) if m.target == target]
            if not found:
                raise ValueError(
                    f"{line}: no mention of target {target!r} in the text (targets: {', '.join(targets.names)}). "
                    "Give start,end offsets instead, or add the alias to the targets file."
                )
            start, end = found[0].start, found[0].end
        starts.append(start)
        ends.append(end)
    frame["start"] = starts
    frame["end"] = ends
    frame["label"] = labels
    if "group" not in frame.columns:
        frame["group"] = [hashlib.sha1(t.encode("utf-8")).hexdigest()[:12] for t in frame["text"]]
    frame["group"] = frame["group"].astype(str)
    return frame.reset_index(drop=True)


def featurize(frame: pd.DataFrame, *, resources=None, vectors: bool = False, roles: bool = False) -> list[dict]:
    """Model features for each labelled (or unlabelled) mention of ``frame``.

    Rows with the same ``text`` are analysed together, so each mention competes with the
    others for the words between them, as in corpus scoring.

    Args:
        frame: A table with ``text``, ``start``, ``end``.
        resources: From :func:`analysis.measures.stance.load_stance_resources` (default resources).
        vectors: Also the word-vector features (``#vL0`` ..., the table ``analysis.paths.STANCE_WORD_VECTORS``).
        roles: Also (with the word vectors) the outcome roles of version 5 and 6: the words the outcome rules decide
            on shown by their role (:func:`analysis.measures.stance._role_words`).

    Returns:
        One feature dict per row, in row order.
    """
    from analysis.measures.stance import analyze_spans, load_stance_resources

    if resources is None:
        resources = load_stance_resources()
    out: list[dict | None] = [None] * len(frame)
    by_text: dict[str, list[int]] = {}
    for i, text in enumerate(frame["text"]):
        by_text.setdefault(text, []).append(i)
    starts = frame["start"].to_numpy()
    ends = frame["end"].to_numpy()
    for text, rows in by_text.items():
        spans = [(int(starts[i]), int(ends[i])) for i in rows]
        unique = list(dict.fromkeys(spans))
        evidence = analyze_spans(text, unique, resources, features="roles" if roles else "vectors" if vectors else True)
        lookup = dict(zip(unique, evidence))
        for i, span in zip(rows, spans):
            out[i] = lookup[span].features
    return out  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


class VectorWordFeatures(dict):
    """A mention's features by model column that also know the words its word-vector groups were made of.

    ``words`` is ``(sentence, lo, first, after, hi)``: ``sentence`` is ``(table, rows, weights)`` of its
    sentence, shared by its mentions: ``rows[i + 1]`` the row of its word ``i`` (mentions masked) in ``table``
    (``table.names[row]`` the word, ``table.scores[row]`` its SIF weight times its folded class scores per group,
    then its weight; row 0: no vector), ``weights[i]`` the summed weights of its first ``i`` words (an array);
    the window before the mention ``lo..first-1``, after it ``after..hi-1``, the sentence all its words (only
    these numbers are kept until the evidence is written, not the sentence's words or scores). Made by
    :func:`analysis.measures.stance.analyze_spans` for a model with word vectors, read by
    :meth:`StanceModel.explain_matrix` (:func:`vector_words`).
    """

    __slots__ = ("words",)


def vector_words(features) -> dict:
    """``{row: words}`` of the rows of ``features`` (dicts or :class:`FeatureRows`) that are :class:`VectorWordFeatures`."""
    if isinstance(features, FeatureRows):
        return features.words
    return {i: feats.words for i, feats in enumerate(features) if type(feats) is VectorWordFeatures}


class FeatureRows:
    """The features of many mentions as the flat lists :meth:`StanceModel.matrix` builds its matrix from.

    Scoring with a model writes each mention's features straight into them
    (:func:`analysis.measures.stance.score`), with no dict per mention: ``blocks`` hold the words of
    the sentences as arrays of their model columns and each mention's token ranges (the ``w=`` bag,
    the words by position, the stems, the ``c=`` words of its clause: read in numpy by
    :func:`analysis.measures.stance.position_entries`); ``ones`` the columns of its other word
    features (n-grams, ``n=``, ``c=<T>``); ``keys`` and ``values`` its numbers; ``ones_lengths`` and
    ``lengths`` how many of each a row has. Word features have the value 1.0 (a column twice is still
    1.0), but the ``w=`` bag's, which counts. ``rows.extend(dicts)`` reads feature dicts (names or
    columns) into ``keys`` and ``values``, each dict once, as it comes, so that it can be freed;
    ``rows.extend(other_rows)`` appends the rows of another :class:`FeatureRows`. ``model.matrix(rows)``
    is ``model.matrix(dicts)`` of the same mentions, the same matrix; ``rows.words`` the words of the
    rows' word-vector groups (:class:`VectorWordFeatures`) by row.
    """

    __slots__ = ("keys", "values", "lengths", "ones", "ones_lengths", "words", "blocks", "token_ids", "positions")

    def __init__(self) -> None:
        self.keys: list = []
        self.values: list[float] = []
        self.lengths: list[int] = []
        self.ones: list[int] = []
        self.ones_lengths: list[int] = []
        self.words: dict = {}
        self.blocks: list[tuple] = []  # (row offset, keys, positions): analysis.measures.stance._close_block
        self.token_ids: list[int] = []  # of the article being scored, until its block is made
        self.positions: list[int] = []

    def extend(self, features) -> None:
        """Add the rows of another :class:`FeatureRows`, or the feature dicts of more mentions (in row order)."""
        if type(features) is FeatureRows:
            base = len(self.lengths)
            if features.words:
                self.words.update({base + r: words for r, words in features.words.items()})
            self.blocks.extend((offset + base, keys, positions) for offset, keys, positions in features.blocks)
            self.keys.extend(features.keys)
            self.values.extend(features.values)
            self.lengths.extend(features.lengths)
            self.ones.extend(features.ones)
            self.ones_lengths.extend(features.ones_lengths)
            return
        keys, values, lengths, ones_lengths = self.keys, self.values, self.lengths, self.ones_lengths
        for feats in features:
            if type(feats) is VectorWordFeatures:
                self.words[len(lengths)] = feats.words
            keys.extend(feats)
            values.extend(feats.values())
            lengths.append(len(feats))
            ones_lengths.append(0)

    def __len__(self) -> int:
        return len(self.lengths)


@dataclass
class StanceModel:
    """A fitted stance model: vocabulary and multinomial logistic-regression coefficients.

    Attributes:
        vocabulary: Feature names, in column order.
        coef: Coefficients, shape ``(n_classes, n_features)``.
        intercept: Intercepts, shape ``(n_classes,)``.
        classes: Class labels in row order of ``coef`` (``("neg", "neu", "pos")``).
        config: How features were built and the model fitted (C, min_df, ...).
        metadata: Training facts (rows, label counts, cross-validation summary).
    """

    vocabulary: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    classes: tuple[str, ...] = LABELS
    config: dict = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index = {name: i for i, name in enumerate(self.vocabulary)}

    def matrix(self, features: "Sequence[dict] | FeatureRows", *, folded: bool = True):
        """The sparse design matrix of feature dicts (unknown features are ignored).

        A dict's keys are feature names, or this model's columns when the features were built for
        it (``analysis.measures.stance.score(..., features=model)``): then no name is looked up.
        Its columns: :attr:`width` (the vocabulary and the folded word-vector columns, as
        :meth:`estimator` reads them), or the vocabulary alone with ``folded=False`` (for fitting).
        """
        from itertools import repeat

        from scipy.sparse import csr_matrix

        if not isinstance(features, FeatureRows):
            flat = FeatureRows()
            flat.extend(features)
            features = flat
        n_rows, n_cols = len(features), self.width if folded else len(self.vocabulary)
        names, values, lengths = features.keys, features.values, np.asarray(features.lengths, dtype=np.int64)
        if names and type(names[0]) is int:  # columns already
            cols = np.fromiter(names, dtype=np.int64, count=len(names))
        else:
            cols = np.fromiter(map(self._index.get, names, repeat(-1)), dtype=np.int64, count=len(names))
        data = np.asarray(values, dtype=np.float64)
        keep = (cols >= 0) & (data != 0)
        if not folded:
            keep &= cols < len(self.vocabulary)
        rows = np.repeat(np.arange(n_rows), lengths)[keep]
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
        X = csr_matrix((data[keep], cols[keep], indptr), shape=(n_rows, n_cols), dtype=np.float64)
        X.sort_indices()  # the same sums in the same order whatever the order of a dict's keys
        if features.ones or features.blocks:  # word features as columns (FeatureRows): counted, then 1.0 but the w= bag
            cols = np.fromiter(features.ones, dtype=np.int64, count=len(features.ones))
            rows = np.repeat(np.arange(n_rows), np.asarray(features.ones_lengths, dtype=np.int64))
            if features.blocks:  # the features of token ranges, read from the tokens' columns
                from analysis.measures.stance import position_entries

                blocks = features.blocks
                sizes = [len(positions) for _offset, _keys, positions in blocks]
                positions = np.concatenate([positions for _offset, _keys, positions in blocks])
                positions[:, 0] += np.repeat([offset for offset, _keys, _positions in blocks], sizes)  # rows
                positions[:, 1] += np.repeat(np.cumsum([0, *(len(keys) for _o, keys, _p in blocks[:-1])]), sizes)  # tokens
                more_rows, more_cols = position_entries(np.concatenate([keys for _offset, keys, _p in blocks]), positions)
                rows, cols = np.concatenate([rows, more_rows]), np.concatenate([cols, more_cols])
            keep = (cols >= 0) & (cols < n_cols)
            # Each (row, column) once, in order, with how often it came: one sort of row * n_cols + column.
            cell = rows[keep] * n_cols + cols[keep]
            cell.sort()
            new = np.ones(len(cell), dtype=bool)
            np.not_equal(cell[1:], cell[:-1], out=new[1:])
            first = np.flatnonzero(new)
            cell = cell[first]
            data = np.diff(first, append=len(new)).astype(np.float64)  # the w= bag: counted
            cols = cell % n_cols
            data[self._binary(n_cols)[cols]] = 1.0  # other word features: 1.0
            indptr = np.zeros(n_rows + 1, dtype=np.int64)
            np.cumsum(np.bincount(cell // n_cols, minlength=n_rows), out=indptr[1:])
            ones = csr_matrix((data, cols, indptr), shape=(n_rows, n_cols), dtype=np.float64)
            X = ones + X  # the two have no column in common: the sum is their union, columns sorted
        return X

    def _binary(self, n_cols: int) -> np.ndarray:
        """Whether each of the first ``n_cols`` columns is a word feature of value 1.0 (not the ``w=`` bag, not a number)."""
        binary = getattr(self, "_binary_cache", None)
        if binary is None or len(binary) < n_cols:
            binary = np.zeros(self.width, dtype=bool)
            binary[: len(self.vocabulary)] = [not name.startswith(("w=", "#")) for name in self.vocabulary]
            self._binary_cache = binary
        return binary[:n_cols]

    @property
    def folded_slots(self) -> tuple[str, ...]:
        """The word-vector groups of the model (``#vL``, ``#vR``, ``#vS``: those with a ``#vL0`` ... column).

        Scoring by model columns (:class:`analysis.measures.stance.FeatureKeys`) folds each group's
        coefficients into per-word class scores and gives a mention's group as ``len(classes)``
        numbers in extra columns after the vocabulary (group ``g``, class ``k``: column
        ``len(vocabulary) + g * len(classes) + k``), whose coefficient is 1 for class ``k`` and 0 for
        the others (:meth:`scoring_coef`): the same scores as the group's dimensions, with
        ``len(classes)`` numbers per mention instead of one per dimension.
        """
        slots = getattr(self, "_folded_slots", None)
        if slots is None:
            slots = self._folded_slots = tuple(slot for slot in _VECTOR_LABELS if f"{slot}0" in self._index)
        return slots

    @property
    def width(self) -> int:
        """Columns of :meth:`matrix`: the vocabulary, then the folded word-vector groups (:attr:`folded_slots`)."""
        return len(self.vocabulary) + len(self.folded_slots) * len(self.classes)

    def scoring_coef(self) -> np.ndarray:
        """:attr:`coef` with a column per folded group and class (:attr:`folded_slots`), shape ``(n_classes, width)``."""
        source, coef = getattr(self, "_scoring_coef", (None, None))
        if source is not self.coef:  # made once per coefficient array
            coef = np.asarray(self.coef, dtype=np.float64)
            if self.folded_slots:
                coef = np.hstack([coef, np.tile(np.eye(len(self.classes)), len(self.folded_slots))])
            self._scoring_coef = (self.coef, coef)
        return coef

    def estimator(self):
        """A scikit-learn ``LogisticRegression`` rebuilt from the stored numbers (no pickle), over :attr:`width` columns."""
        from sklearn.linear_model import LogisticRegression

        est = LogisticRegression(C=float(self.config.get("C", DEFAULT_C)), max_iter=int(self.config.get("max_iter", 2000)))
        est.classes_ = np.array(self.classes, dtype=object)
        est.coef_ = self.scoring_coef()
        est.intercept_ = np.asarray(self.intercept, dtype=np.float64)
        est.n_features_in_ = self.width
        est.n_iter_ = np.array([0], dtype=np.int32)
        return est

    def predict_proba_features(self, features: Sequence[dict]) -> np.ndarray:
        """Class probabilities (columns in :attr:`classes` order) for feature dicts."""
        if not len(features):
            return np.zeros((0, len(self.classes)))
        return self.estimator().predict_proba(self.matrix(features))

    def score_features(self, features: Sequence[dict]) -> np.ndarray:
        """Stance scores in [-1, 1]: P(pos) - P(neg), for feature dicts."""
        return label_scores(self.predict_proba_features(features), self.classes)

    def explain(self, features: Sequence[dict], *, top: int = 3, min_weight: float = 0.05) -> list[str]:
        """The features that moved each score most: ``"accused(-0.84); <M> said(+0.31)"``.

        A feature's weight is its contribution to the log-odds of pos against neg
        (``(coef_pos - coef_neg) * value``); the ``top`` largest in size (at least
        ``min_weight``) are listed with readable names (:func:`feature_label`), strongest first.
        A word-vector mean is told by its words (:meth:`word_contributions`) when the features are
        :class:`VectorWordFeatures` (scoring by model column), else as one feature.
        """
        if not len(features):
            return []
        return self.explain_matrix(self.matrix(features), top=top, min_weight=min_weight, words=vector_words(features))

    def word_contributions(self, words) -> dict[str, list[tuple[str, float]]]:
        """Each word's share of a mention's word-vector groups: ``{slot: [(word, contribution), ...]}``.

        ``words`` is :attr:`VectorWordFeatures.words`. A group (slot ``#vL``, ``#vR``, ``#vS`` of
        :attr:`folded_slots`) adds ``mean_pos - mean_neg`` to the log-odds of pos against neg, its
        folded class scores being weighted means of its words' (SIF weight times the word's vector
        projected on the group's coefficients, divided by the window's summed weights); word ``i``'s
        share is its term of that mean: ``(scores[i, pos] - scores[i, neg]) / weight``. The shares of a
        group sum to its contribution (up to rounding). Words in text order, masked mentions and
        words without a vector left out; a group without a word with a vector is absent. The same
        numbers as the evidence (:meth:`explain_matrix`), from :meth:`_shares`.
        """
        shares = self._shares({0: words})
        out: dict[str, list[tuple[str, float]]] = {}
        for slot in self.folded_slots:  # the groups with a word with a weight, in the model's order
            j = _SUM_ORDER.index(slot)
            if shares.valid[0, j]:
                here = shares.slot == j
                out[slot] = list(zip([shares.names[c] for c in shares.word[here].tolist()], shares.value[here].tolist()))
        return out

    def _shares(self, words: dict) -> "_Shares":
        """Every word's share of every word-vector group of the rows of ``words`` (``{row: VectorWordFeatures.words}``),
        computed for all rows at once (:class:`_Shares`; :meth:`word_contributions` tells one row's).

        A row's group ``#vX`` (window ``a..b-1`` of its sentence: ``#vL`` the words before the mention, ``#vR`` after
        it, ``#vS`` the sentence) counts when ``b > a`` and the window's summed weights ``total`` are positive; word
        ``i``'s share is ``(scores[i + 1, pos] - scores[i + 1, neg]) * (1 / total)`` of the group's class columns.
        """
        n_classes, pos, neg = len(self.classes), self.classes.index("pos"), self.classes.index("neg")
        folded = self.folded_slots
        groups = [folded.index(slot) if slot in folded else -1 for slot in _SUM_ORDER]
        rows = list(words)
        if not rows:
            empty = np.zeros(0, dtype=np.int64)
            return _Shares(empty, empty, empty, np.zeros(0), [], np.zeros((0, len(_SUM_ORDER)), dtype=bool))
        items = list(words.values())
        ids = [id(item[0]) for item in items]  # the rows of one sentence share its arrays
        sentence_of: dict[int, int] = {}
        which = np.array([sentence_of.setdefault(i, len(sentence_of)) for i in ids], dtype=np.int64)
        sentences = list(dict(zip(ids, [item[0] for item in items])).values())  # in order of sentence_of
        bounds = np.array([item[1:] for item in items], dtype=np.int64)  # lo, first, after, hi
        sizes = np.array([len(s[1]) - 1 for s in sentences], dtype=np.int64)
        # Each sentence's rows in the stacked arrays of its n + 1 rows and weights (row 0: before its first word).
        start = np.concatenate([[0], np.cumsum(sizes + 1)[:-1]])
        # A word's code: its row in its table, after the rows of the tables before it (one table, unless the
        # chunk's words filled one); the table's row 0 (no vector) as a masked word.
        tables = list({id(s[0]): s[0] for s in sentences}.values())
        offset = dict(zip(map(id, tables), np.cumsum([0, *(len(t.names) for t in tables[:-1])]).tolist()))
        codes = np.concatenate([s[1] + offset[id(s[0])] if offset[id(s[0])] else s[1] for s in sentences])
        if len(tables) == 1:
            uniques, scores = tables[0].names, tables[0].scores
        else:
            uniques = list(chain.from_iterable(t.names for t in tables))
            scores = np.concatenate([t.scores[: len(t.names)] for t in tables])
        cols = np.array([max(g, 0) * n_classes for g in groups])
        weights = np.concatenate([s[2] for s in sentences])
        lo, first, after, hi = bounds.T
        n = sizes[which]
        windows = [(np.zeros_like(n), n), (lo, first), (after, hi)]  # _SUM_ORDER: #vS, #vL, #vR
        a = np.stack([w[0] for w in windows], axis=1)
        b = np.stack([w[1] for w in windows], axis=1)
        ws = start[which][:, None]
        total = weights[ws + b] - weights[ws + a]
        valid = (b > a) & (total > 0) & (np.array(groups) >= 0)[None, :]
        # The valid groups' windows, row by row and within a row in _SUM_ORDER (the order their shares are summed in).
        seg_row, seg_slot = np.nonzero(valid)
        seg_len = (b - a)[seg_row, seg_slot]
        seg_scale = 1.0 / total[seg_row, seg_slot]
        seg_first = start[which[seg_row]] + 1 + a[seg_row, seg_slot]  # word i of a sentence is its row i + 1
        seg = np.repeat(np.arange(len(seg_row)), seg_len)
        index = seg_first[seg] + (np.arange(len(seg)) - np.repeat(np.cumsum(seg_len) - seg_len, seg_len))
        slot = seg_slot[seg]
        word = codes[index]
        value = (scores[word, cols[slot] + pos] - scores[word, cols[slot] + neg]) * seg_scale[seg]
        keep = (value != 0.0) & np.isin(word, list(offset.values()), invert=True)  # not a table's row 0
        row = np.asarray(rows, dtype=np.int64)[seg_row[seg]]
        return _Shares(row[keep], slot[keep], word[keep], value[keep], uniques, valid)

    def _word_items(self, words: dict, min_weight: float) -> tuple[np.ndarray, list[str], np.ndarray]:
        """``(rows, words, contributions)`` of the word-level evidence of the rows of ``words`` (``{row:
        VectorWordFeatures.words}``): each word's shares of the row's groups (:meth:`_shares`) summed in the order
        #vS, #vL, #vR and text order (a word in the window and the sentence, or twice in the sentence, is one item),
        those of size at least ``min_weight``; rows ascending, then words in code-point order."""
        rows = list(words)
        out_rows, out_words, out_values = [], [], []
        for b in range(0, len(rows), _SHARES_BLOCK):  # a block of rows at a time: bounded memory
            shares = self._shares({r: words[r] for r in rows[b : b + _SHARES_BLOCK]})
            n_names = max(len(shares.names), 1)
            key = shares.row * n_names + shares.word
            keys, inverse = np.unique(key, return_inverse=True)
            summed = np.bincount(inverse.ravel(), weights=shares.value, minlength=len(keys))  # in input order, from 0.0
            big = (summed >= min_weight) | (-summed >= min_weight)
            keys, summed = keys[big], summed[big]
            out_rows.append(keys // n_names)
            out_words += [shares.names[c] for c in (keys % n_names).tolist()]
            out_values.append(summed)
        if not out_rows:
            return np.zeros(0, dtype=np.int64), [], np.zeros(0)
        return np.concatenate(out_rows), out_words, np.concatenate(out_values)

    def explain_matrix(self, X, *, top: int = 3, min_weight: float = 0.05, words: dict | None = None) -> list[str]:
        """:meth:`explain` for a design matrix from :meth:`matrix`; ``words`` (:func:`vector_words`) the rows
        whose word-vector groups are told word by word (:meth:`word_contributions`)."""
        classes = list(self.classes)
        coef = self.scoring_coef()
        diff = coef[classes.index("pos")] - coef[classes.index("neg")]
        X = X.tocsr()
        labels = self._labels()
        groups = self._vector_groups()
        if not X.has_sorted_indices:
            X = X.sorted_indices()
        if groups:  # the dimensions of a word-vector mean count as one feature: their summed contribution
            from scipy.sparse import csr_matrix, hstack

            group_of = np.full(X.shape[1], -1)
            for g, (_label, cols) in enumerate(groups):
                group_of[cols] = g
            n_rows, n_groups, n_vocab = X.shape[0], len(groups), len(self.vocabulary)  # folded columns: all in groups
            g = group_of[X.indices]
            grouped = g >= 0
            row_of = np.repeat(np.arange(n_rows), np.diff(X.indptr))
            summed = np.bincount(row_of[grouped] * n_groups + g[grouped], minlength=n_rows * n_groups,
                                 weights=X.data[grouped] * diff[X.indices[grouped]]).reshape(n_rows, n_groups)
            indptr = np.zeros(n_rows + 1, dtype=X.indptr.dtype)
            np.cumsum(np.bincount(row_of[~grouped], minlength=n_rows), out=indptr[1:])
            rest = csr_matrix((X.data[~grouped], X.indices[~grouped], indptr), shape=(n_rows, n_vocab))
            parts = [rest, csr_matrix(summed)]
            labels = [*labels, *(label for label, _cols in groups)]
            if words:  # these rows' groups are told by their words, one item per word (ties: the word first in order)
                summed[list(words)] = 0.0
                item_rows, item_words, item_values = self._word_items(words, min_weight)
                vocab = sorted(set(item_words))
                column = {w: j for j, w in enumerate(vocab)}
                parts[1] = csr_matrix(summed)
                parts.append(csr_matrix((item_values, (item_rows, list(map(column.__getitem__, item_words)))),
                                        shape=(n_rows, len(vocab)), dtype=np.float64))
                labels += vocab
            X = hstack(parts, format="csr")
            X.eliminate_zeros()
            diff = np.concatenate([diff[:n_vocab], np.ones(X.shape[1] - n_vocab)])
            if not X.has_sorted_indices:
                X = X.sorted_indices()
        n_rows = X.shape[0]
        out: list[list[str]] = [[] for _ in range(n_rows)]
        counts = np.diff(X.indptr)
        rows = np.flatnonzero(counts)  # rows with any feature
        if not len(rows):
            return ["" for _ in out]
        cols = X.indices
        contrib = X.data * diff[cols]
        size = np.abs(contrib)
        # The top features of every row at once, one rank per round: the largest size left in the row
        # (at least min_weight), ties to the lowest feature index (the first, as columns are sorted).
        left = np.where(size >= min_weight, size, -1.0)
        starts = X.indptr[rows]
        position = np.arange(len(cols))
        for _ in range(top):
            best = np.maximum.reduceat(left, starts)
            hit = np.where(left == np.repeat(best, counts[rows]), position, len(cols))
            first = np.minimum.reduceat(hit, starts)
            found = best >= 0
            picked = first[found]
            if not len(picked):
                break
            for r, c, v in zip(rows[found].tolist(), cols[picked].tolist(), contrib[picked].tolist()):
                out[r].append(f"{labels[c]}({v:+.2f})")
            left[picked] = -1.0
        return ["; ".join(parts) for parts in out]

    def _vector_groups(self) -> list[tuple[str, np.ndarray]]:
        """``(label, columns)`` of each word-vector mean the model has (``#vL0``, ``#vL1``, ... and its folded
        columns, :attr:`folded_slots`: one group)."""
        groups = getattr(self, "_group_cache", None)
        if groups is None:
            groups = []
            n_classes, folded = len(self.classes), self.folded_slots
            for slot, label in _VECTOR_LABELS.items():
                cols = [i for i, name in enumerate(self.vocabulary) if name.startswith(slot) and name[len(slot):].isdigit()]
                if slot in folded:
                    start = len(self.vocabulary) + folded.index(slot) * n_classes
                    cols += range(start, start + n_classes)
                if cols:
                    groups.append((label, np.array(cols)))
            self._group_cache = groups
        return groups

    def _labels(self) -> list[str]:
        labels = getattr(self, "_label_cache", None)
        if labels is None:
            labels = self._label_cache = [feature_label(name) for name in self.vocabulary]
        return labels

    def predict_proba(self, frame: pd.DataFrame, *, resources=None) -> np.ndarray:
        """Class probabilities for the mentions of a table with ``text, start, end``."""
        return self.predict_proba_features(featurize(frame, resources=resources))

    def predict(self, frame: pd.DataFrame, *, resources=None) -> np.ndarray:
        """The most probable label (neg, neu, pos) per mention of ``frame``."""
        proba = self.predict_proba(frame, resources=resources)
        return np.array(self.classes, dtype=object)[proba.argmax(axis=1)] if len(proba) else np.array([], dtype=object)

    def score(self, frame: pd.DataFrame, *, resources=None) -> np.ndarray:
        """Stance scores in [-1, 1] (P(pos) - P(neg)) for the mentions of ``frame``."""
        return label_scores(self.predict_proba(frame, resources=resources), self.classes)

    def to_dict(self) -> dict:
        """The JSON-ready content of the model file."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "classes": list(self.classes),
            "config": self.config,
            "metadata": self.metadata,
            "vocabulary": list(self.vocabulary),
            "intercept": [float(v) for v in np.asarray(self.intercept).ravel()],
            "coef": [[float(v) for v in row] for row in np.asarray(self.coef)],
        }

    def save(self, path: str | Path) -> Path:
        """Write the model as JSON (atomically); floats keep full precision."""
        from analysis.tables.io import atomic_write_text

        return atomic_write_text(path, json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False) + "\n")


_SUM_ORDER = ("#vS", "#vL", "#vR")  # the order a word's shares of the groups are summed in (StanceModel._word_items)
_SHARES_BLOCK = 4096  # rows whose shares StanceModel._word_items computes at a time


@dataclass
class _Shares:
    """Words' shares of rows' word-vector groups (:meth:`StanceModel._shares`): one entry per (row, group, word
    occurrence) with a non-zero share, by row, then group in :data:`_SUM_ORDER` (``slot`` its index), then text
    order; ``word`` codes into ``names``; ``valid[i, j]`` whether the ``i``-th row of the input has group ``j``."""

    row: np.ndarray
    slot: np.ndarray
    word: np.ndarray
    value: np.ndarray
    names: list
    valid: np.ndarray


_FEATURE_NAMES = {
    "#rule_author": "rules: author's words", "#rule_quoted": "rules: quoted words", "#patient": "rules: acted upon",
    "#agent": "rules: acting", "#ev_pos": "rules: positive words", "#ev_neg": "rules: negative words",
    "#n_loaded": "rules: loaded terms",
"#sentence_valence": "sentence valence", "#first_mention": "first mention",
    "#val_left": "valence before it", "#val_right": "valence after it", "#reported": "in indirect speech",
    "#quoted": "in a quotation", "#reporter": "it speaks", "#harm": "harm suffered", "#reduced": "bad thing reduced",
    "#rejected": "blame rejected",
}
_VECTOR_LABELS = {"#vL": "words before it (vectors)", "#vR": "words after it (vectors)", "#vS": "its sentence (vectors)"}


def feature_label(name: str) -> str:
    """A readable name for a model feature: ``b=<M>_said`` -> ``<M> said``, ``c=reckless`` -> ``reckless``,
    ``sR=accus`` -> ``accus*``."""
    if name in _FEATURE_NAMES:
        return _FEATURE_NAMES[name]
    if name[:3] in _VECTOR_LABELS and name[3:].isdigit():
        return f"{_VECTOR_LABELS[name[:3]]}, dimension {name[3:]}"
    head, _, rest = name.partition("=")
    if not rest:
        return name
    rest = rest.replace("_", " ")
    if head in ("sL", "sR"):
        return f"{rest}*"  # a stem: "accus*" for accused, accusing, accusation
    return f"not {rest}" if head == "n" else rest


def word_vectors_fingerprint() -> str:
    """Short SHA-1 digest of the word-vector table (``analysis.paths.STANCE_WORD_VECTORS``), stored in trained models."""
    from analysis import paths

    path = Path(paths.STANCE_WORD_VECTORS)
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if _FINGERPRINTS.get("key") != key:  # read once per file version, not once per chunk scored
        _FINGERPRINTS.update(key=key, digest=hashlib.sha1(path.read_bytes()).hexdigest()[:12])
    return _FINGERPRINTS["digest"]


_FINGERPRINTS: dict = {}


def check_word_vectors(model: "StanceModel") -> None:
    """Check that the word-vector table a model reads is there and is the one it was trained with.

    Raises:
        analysis.text.word_vectors.WordVectorsError: One line naming the table and the fix.
    """
    from analysis import paths
    from analysis.text.word_vectors import WordVectorsError, load_weighted_vectors

    trained = model.config.get("word_vectors")
    if not trained:
        return
    table = paths.display(paths.STANCE_WORD_VECTORS)
    if not Path(paths.STANCE_WORD_VECTORS).is_file():
        raise WordVectorsError(f"{table}: no such word-vector table, which this stance model reads; restore it "
                               "(git checkout -- data/models/stance_word_vectors.npz) or rebuild it with "
                               "scripts/build_stance_vectors.py, or use --stance model or --stance rules.")
    now = word_vectors_fingerprint()
    if now != trained:
        raise WordVectorsError(f"{table}: word-vector table {now}, but the stance model was trained with {trained}; "
                               "restore the table the model was trained with or retrain the model (`make models`), "
                               "or use --stance model or --stance rules.")
    load_weighted_vectors(paths.STANCE_WORD_VECTORS)  # a table that cannot be read fails here, in one line


def label_scores(proba: np.ndarray, classes: Sequence[str]) -> np.ndarray:
    """P(pos) - P(neg) from class probabilities."""
    classes = list(classes)
    if not len(proba):
        return np.zeros(0)
    return proba[:, classes.index("pos")] - proba[:, classes.index("neg")]


_MODEL_CACHE: dict[tuple, StanceModel] = {}


def load_model_cached(path: str | Path, *, allow_pickle: bool = False) -> StanceModel:
    """:func:`load_model`, reused while the file is unchanged (same size and modification time)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return load_model(path, allow_pickle=allow_pickle)  # the loader's own clear error
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _MODEL_CACHE:
        if len(_MODEL_CACHE) >= 4:
            _MODEL_CACHE.clear()
        _MODEL_CACHE[key] = load_model(path, allow_pickle=allow_pickle)
    return _MODEL_CACHE[key]


def load_model(path: str | Path, *, allow_pickle: bool = False) -> StanceModel:
    """Load a model saved by :meth:`StanceModel.save`, checking its format and numbers.

    Args:
        path: The JSON model file.
        allow_pickle: Accepted for symmetry with other loaders, but pickled models are never
            loaded (unpickling a stranger's file can run arbitrary code); the error says so.

    Raises:
        ModelFormatError: For a pickle, a file that is not a stance model, a different format
            version, or malformed numbers, naming the file and the fix.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no such model file. Train one with: python -m analysis stance train LABELED.csv --out {path}") from None
    if raw[:1] == b"\x80" or path.suffix.lower() in (".pkl", ".pickle", ".joblib"):
        hint = (
            " Pickled models are not supported even with allow_pickle=True: the JSON format holds the whole model."
            if allow_pickle else " Loading pickles is refused because unpickling can execute code."
        )
        raise ModelFormatError(
            f"{path}: looks like a pickle/joblib file; stance models are JSON.{hint} "
            "Retrain with: python -m analysis stance train LABELED.csv --out MODEL.json"
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelFormatError(f"{path}: not a JSON stance model ({err}).") from None
    except RecursionError:
        raise ModelFormatError(f"{path}: not a stance model (JSON nested too deeply). "
                               "Retrain with: python -m analysis stance train LABELED.csv --out MODEL.json") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelFormatError(f"{path}: not a stance model file (expected \"format\": \"{FORMAT}\").")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelFormatError(
            f"{path}: model format version {version!r}, but this version of the package reads version "
            f"{FORMAT_VERSION}. Retrain the model with this version (python -m analysis stance train ...) "
            "or use the package version that wrote it."
        )
    try:
        classes = tuple(str(c) for c in data["classes"])
        vocabulary = [str(v) for v in data["vocabulary"]]
        coef = np.array(data["coef"], dtype=np.float64)
        intercept = np.array(data["intercept"], dtype=np.float64)
        config = dict(data.get("config") or {})
        metadata = dict(data.get("metadata") or {})
    except (KeyError, TypeError, ValueError) as err:
        raise ModelFormatError(f"{path}: malformed model ({type(err).__name__}: {err}).") from None
    if sorted(classes) != sorted(LABELS):
        raise ModelFormatError(f"{path}: classes {classes} must be {LABELS}.")
    if coef.shape != (len(classes), len(vocabulary)) or intercept.shape != (len(classes),):
        raise ModelFormatError(
            f"{path}: coefficient shape {coef.shape} / intercept shape {intercept.shape} do not match "
            f"{len(classes)} classes x {len(vocabulary)} features."
        )
    if not (np.isfinite(coef).all() and np.isfinite(intercept).all()):
        raise ModelFormatError(f"{path}: coefficients contain NaN or infinity.")
    if len(set(vocabulary)) != len(vocabulary):
        raise ModelFormatError(f"{path}: the vocabulary has duplicate feature names.")
    for key, kind in (("C", float), ("max_iter", int), ("min_df", int)):
        value = config.get(key)
        if value is None:
            continue
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0
        if not ok or (kind is int and float(value) != int(value)):
            raise ModelFormatError(
                f"{path}: config {key!r} is {value!r}, not a positive {'number' if kind is float else 'whole number'}. "
                "Retrain the model (python -m analysis stance train ...) or fix the value."
            )
    return StanceModel(vocabulary, coef, intercept, classes, config, metadata)


# --------------------------------------------------------------------------------------------
# Training and cross-validation
# --------------------------------------------------------------------------------------------


def nb_scale(X, labels: np.ndarray, numeric: np.ndarray, *, alpha: float = DEFAULT_NB_ALPHA) -> np.ndarray:
    """How much each column is scaled before fitting: its largest naive-Bayes log-count ratio.

    For each class ``c``, ``r_c = log((p_c / |p_c|) / (q_c / |q_c|))`` with ``p_c`` (``q_c``) the
    rows of class ``c`` (of the other classes) in which the feature occurs, plus ``alpha``
    (Wang & Manning 2012, "NBSVM"). A column is scaled by ``max_c |r_c|``: a word seen mostly
    with one class enters the regression larger, so the penalty shrinks it less, and a word seen
    evenly with every class enters near 0. Numeric columns (``numeric`` True) keep scale 1.
    """
    present = X.copy().tocsc()
    present.data = (present.data != 0).astype(np.float64)
    ratios = []
    for label in LABELS:
        mask = labels == label
        p = np.asarray(present[mask].sum(axis=0)).ravel() + alpha
        q = np.asarray(present[~mask].sum(axis=0)).ravel() + alpha
        ratios.append(np.abs(np.log((p / p.sum()) / (q / q.sum()))))
    scale = np.max(ratios, axis=0)
    scale[numeric] = 1.0
    return scale


def fit_features(features: Sequence[dict], labels: Sequence[str], *, C: float, min_df: int, config: dict | None = None,
                 nb_alpha: float | None = DEFAULT_NB_ALPHA) -> StanceModel:
    """A :class:`StanceModel` fitted on mentions' feature dictionaries and their labels (what :func:`train` and
    :func:`cross_validate` fit; development scripts fit candidates with it).

    Args:
        features: One dictionary of feature name -> value per mention.
        labels: One of :data:`LABELS` per mention.
        C: Inverse regularisation strength of the logistic regression.
        min_df: Keep word features seen in at least this many mentions (``#`` features are always kept).
        config: Added to the model's ``config`` (how its features were built).
        nb_alpha: Smoothing of the naive-Bayes ratios that scale the word columns (None: no scaling).
    """
    from scipy.sparse import diags
    from sklearn.linear_model import LogisticRegression

    df: dict[str, int] = {}
    for feats in features:
        for name in feats:
            df[name] = df.get(name, 0) + 1
    vocabulary = sorted(name for name, n in df.items() if n >= min_df or name.startswith("#"))
    model = StanceModel(vocabulary, np.zeros((len(LABELS), len(vocabulary))), np.zeros(len(LABELS)), LABELS)
    X = model.matrix(features, folded=False)
    y = np.array(labels, dtype=object)
    missing = sorted(set(LABELS) - set(y))
    if missing:
        raise ValueError(f"training data has no rows labelled {', '.join(missing)}; every class needs examples.")
    scale = None
    if nb_alpha is not None:  # columns scaled by their naive-Bayes ratio, folded back into the coefficients
        scale = nb_scale(X, y, np.array([name.startswith("#") for name in vocabulary], dtype=bool), alpha=nb_alpha)
        X = (X @ diags(scale)).tocsr()
    est = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    est.fit(X, y)
    order = [list(est.classes_).index(c) for c in LABELS]
    model.coef = est.coef_[order] if scale is None else est.coef_[order] * scale[None, :]
    model.intercept = est.intercept_[order]
    # "features" names the feature set a model file was trained on (recorded in shipped models), not an
    # import path: it keeps the module's name from when v2 was defined (v3: stems, sL= / sR=; v4: word vectors,
    # #vL / #vR / #vS).
    vectors = any(name.startswith("#vS") for name in vocabulary)
    model.config = {"C": C, "min_df": min_df, "class_weight": "balanced", "max_iter": 2000,
                    "features": f"analysis.stance.analyze_spans {'v4' if vectors else 'v3'}", **(config or {})}
    if nb_alpha is not None:
        model.config["nb_alpha"] = nb_alpha
    return model


def train(frame: pd.DataFrame, *, C: float = DEFAULT_C, min_df: int = DEFAULT_MIN_DF, resources=None,
          nb_alpha: float | None = DEFAULT_NB_ALPHA, vectors: bool = False, roles: bool = False) -> StanceModel:
    """Fit a stance model on labelled mentions.

    Args:
        frame: From :func:`read_labeled` (``text, start, end, label``).
        C: Inverse regularisation strength of the logistic regression.
        min_df: Keep word features seen in at least this many training rows.
        resources: Scorer resources (default: the bundled lexicons).
        nb_alpha: Scale each word feature by its naive-Bayes log-count ratio (:func:`nb_scale`,
            smoothing ``nb_alpha``) before fitting, or None for no scaling. The scale is folded
            into the stored coefficients, so the model file and scoring are as without it.
        vectors: Also the word-vector features (:func:`featurize`; the model records the table's
            fingerprint and needs that table to score).
        roles: Also the outcome roles of version 5 and 6 (:func:`featurize`; implies ``vectors``; the model's config
            says ``"roles": true``, so scoring builds its features the same way).

    Returns:
        The fitted :class:`StanceModel` (``metadata`` holds row and label counts; ``config``
        the fingerprints of the lexicons its features were built with).
    """
    from analysis.measures.stance import load_stance_resources, resources_fingerprint

    if resources is None:
        resources = load_stance_resources()
    features = featurize(frame, resources=resources, vectors=vectors or roles, roles=roles)
    model = fit_features(features, frame["label"].tolist(), C=C, min_df=min_df, nb_alpha=nb_alpha,
                 config={"roles": True, "features": "analysis.stance.analyze_spans v6"} if roles else None)
    model.config["resources"] = resources_fingerprint(resources)
    if any(name.startswith("#vS") for name in model.vocabulary):
        model.config["word_vectors"] = word_vectors_fingerprint()
    model.metadata = {"n_rows": int(len(frame)), "labels": {k: int(v) for k, v in frame["label"].value_counts().sort_index().items()}}
    return model


@dataclass
class CVReport:
    """Cross-validated performance: macro-F1 overall and per fold, and the confusion matrix.

    ``confusion[i][j]`` counts rows of true class ``labels[i]`` predicted as ``labels[j]``.
    ``scores`` holds the out-of-fold P(pos) - P(neg) per row, ``predictions`` the labels.
    """

    macro_f1: float
    fold_f1: list[float]
    confusion: list[list[int]]
    labels: tuple[str, ...]
    n_rows: int
    folds: int
    scores: np.ndarray
    predictions: np.ndarray
    proba: np.ndarray

    def to_dict(self) -> dict:
        """JSON-ready summary (without per-row arrays)."""
        return {"macro_f1": self.macro_f1, "fold_f1": self.fold_f1, "fold_f1_sd": float(np.std(self.fold_f1, ddof=1)) if len(self.fold_f1) > 1 else None,
                "confusion": self.confusion, "labels": list(self.labels), "n_rows": self.n_rows, "folds": self.folds}

    def format(self) -> str:
        """A plain-text report: macro-F1 (mean ± sd over folds) and the confusion matrix."""
        sd = float(np.std(self.fold_f1, ddof=1)) if len(self.fold_f1) > 1 else float("nan")
        lines = [
            f"{self.folds}-fold cross-validation on {self.n_rows} rows (folds keep groups together)",
            f"macro-F1 (pooled out-of-fold): {self.macro_f1:.3f}   per fold: mean {np.mean(self.fold_f1):.3f} ± {sd:.3f}",
            "confusion matrix (rows: true, columns: predicted):",
            "        " + "".join(f"{c:>7}" for c in self.labels),
        ]
        for label, row in zip(self.labels, self.confusion):
            lines.append(f"  {label:<6}" + "".join(f"{v:>7d}" for v in row))
        return "\n".join(lines)


def fold_of(groups: Sequence[str], folds: int, seed: int) -> np.ndarray:
    """Deterministic fold per row: groups hashed (with the seed) and spread evenly over folds (:func:`cross_validate`'s)."""
    unique = sorted(set(groups), key=lambda g: hashlib.sha1(f"{seed}:{g}".encode("utf-8")).hexdigest())
    fold = {g: i % folds for i, g in enumerate(unique)}
    return np.array([fold[g] for g in groups])


def cross_validate(
    frame: pd.DataFrame, *, folds: int = 5, C: float = DEFAULT_C, min_df: int = DEFAULT_MIN_DF, seed: int = 0,
    resources=None, features: Sequence[dict] | None = None,
) -> CVReport:
    """K-fold cross-validation of :func:`train`, groups kept within one fold.

    Args:
        frame: From :func:`read_labeled` (``group`` keeps rows of one text or article together).
        folds: Number of folds (at least 2, at most the number of groups).
        C, min_df: As in :func:`train`.
        seed: Changes the (deterministic) assignment of groups to folds.
        resources: Scorer resources.
        features: Precomputed :func:`featurize` output for ``frame`` (saves the work).

    Returns:
        A :class:`CVReport`.
    """
    from sklearn.metrics import confusion_matrix, f1_score

    groups = frame["group"].astype(str).tolist()
    n_groups = len(set(groups))
    if folds < 2 or folds > n_groups:
        raise ValueError(f"folds must be between 2 and the number of groups ({n_groups}); got {folds}.")
    if features is None:
        features = featurize(frame, resources=resources)
    labels = np.array(frame["label"].tolist(), dtype=object)
    fold = fold_of(groups, folds, seed)
    proba = np.zeros((len(frame), len(LABELS)))
    fold_f1 = []
    for k in range(folds):
        test = fold == k
        train_idx = np.flatnonzero(~test)
        missing = sorted(set(LABELS) - set(labels[train_idx]))
        if missing:  # every row of a class fell into this fold: its model could not learn the class
            counts = ", ".join(f"{label} {int((labels == label).sum())}" for label in LABELS)
            raise ValueError(f"cross-validation fold {k + 1} of {folds}: the rows it trains on have none labelled "
                             f"{', '.join(missing)} (rows per label: {counts}); label more rows of "
                             f"{'that class' if len(missing) == 1 else 'those classes'} or use fewer folds.")
        model = fit_features([features[i] for i in train_idx], labels[train_idx].tolist(), C=C, min_df=min_df)
        test_idx = np.flatnonzero(test)
        proba[test_idx] = model.predict_proba_features([features[i] for i in test_idx])
        pred = np.array(LABELS, dtype=object)[proba[test_idx].argmax(axis=1)]
        fold_f1.append(float(f1_score(labels[test_idx], pred, labels=list(LABELS), average="macro", zero_division=0)))
    predictions = np.array(LABELS, dtype=object)[proba.argmax(axis=1)]
    return CVReport(
        macro_f1=float(f1_score(labels, predictions, labels=list(LABELS), average="macro", zero_division=0)),
        fold_f1=fold_f1,
        confusion=confusion_matrix(labels, predictions, labels=list(LABELS)).tolist(),
        labels=LABELS,
        n_rows=len(frame),
        folds=folds,
        scores=label_scores(proba, LABELS),
        predictions=predictions,
        proba=proba,
    )

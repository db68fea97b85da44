"""A token tagger for loaded language: three numbers per WordPiece, read like a lexicon, that add and grow spans.

The tagger is a logistic regression fitted on the development part of ptc-dev
(``scripts/fit_loaded_tagger.py``) over static word vectors distilled from all-MiniLM-L6-v2
(``scripts/build_word_vectors.py``). Its inputs are linear in the vectors and a word's vector is the
mean of its WordPiece vectors, so the fitted model folds exactly into three numbers per piece
(``data/models/loaded_tagger_pieces.csv``):

- ``word``: what the piece adds to the logit of a word it belongs to (a word's value is the mean
  of its pieces'; a part of a word the vocabulary cannot cut is the ``[UNK]`` piece);
- ``to_next``: what a word adds to the logit of the next word of its sentence (mean of its pieces');
- ``to_previous``: what a word adds to the logit of the word before it in its sentence.

A word's logit is ``bias + word + to_next(word before) + to_previous(word after) + inside x [the word
lies in a lexicon span] + est x [the highest est of those spans, else -5] + valence x abs(VADER
valence)``, ``est`` being the re-ranker's feature (the logit of ``weight / 3``). At a sentence's
edge the missing neighbour adds nothing. ``data/models/loaded_tagger.json`` holds the scalars, the
thresholds and the provenance; the bundled re-ranker ``data/lexicons/loaded_span_model.json`` names
it (key ``tagger``), so the default of ``score`` (``--span-model auto``) applies both; ``--span-model
none`` neither.

With the lexicon's spans the re-ranker keeps, the tagger (:meth:`TokenTagger.apply`) grows each kept
span by neighbouring words it gives at least ``grow`` (4 a side at most, inside the clause and
sentence, never into another span) and adds its own spans: runs of words it gives at least ``new``
inside a clause that touch no lexicon span. Its own spans have the term ``tagger p=0.43`` (the
run's mean probability), the category ``loaded_wording`` and the weight 3 x that probability (the
lexicon's weights are 3 x a term's estimated precision).
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import json
import math
import operator
from pathlib import Path

import numpy as np

from analysis import paths
from analysis.text.word_vectors import WordVectors

__all__ = ["PIECE_COLUMNS", "TAGGER", "TAGGER_LABEL", "TAGGER_PIECES", "TOKEN_TAGGER_TERM", "TokenTagger", "TokenTaggerError",
           "read_pieces", "term_labels"]

TAGGER = paths.MODELS / "loaded_tagger.json"
TAGGER_PIECES = paths.MODELS / "loaded_tagger_pieces.csv"
TOKEN_TAGGER_TERM = "tagger p="  # the term of a tagger span starts so
TAGGER_LABEL = " (tagger)"  # ends the name a tagger span of its own is counted and shown under (term_labels)
PIECE_COLUMNS = ("piece", "word", "to_next", "to_previous")
_FIRST = operator.itemgetter(0)
_CACHE_WORDS = 500_000  # words remembered (their values); the cache starts again beyond


def term_labels(terms, texts) -> list[str]:
    """The names spans are counted and shown under, for their ``term`` and ``text`` columns: a lexicon span's term;
    for a span the tagger found on its own (term ``tagger p=0.43``, which names its probability, no lexicon
    term) its words, lower-cased with whitespace collapsed, and :data:`TAGGER_LABEL`. Counted by their terms,
    the tagger's spans would be grouped by a rounded probability, whatever their words.

    Example:
        >>> term_labels(["reckless", "tagger p=0.42", "tagger p=0.31"], ["Reckless", "Lash  out", "lash out"])
        ['reckless', 'lash out (tagger)', 'lash out (tagger)']
    """
    return [" ".join(str(x).lower().split()) + TAGGER_LABEL if str(t).startswith(TOKEN_TAGGER_TERM) else str(t)
            for t, x in zip(terms, texts)]


class TokenTaggerError(ValueError):
    """A tagger file that cannot be used; the message names the file and what to do."""


def _est(weight: float) -> float:
    """The re-ranker's ``est`` feature of a span of this weight (:func:`analysis.measures.loaded_model.span_features`)."""
    p = min(max(weight / 3.0, 0.01), 0.99)
    return math.log(p / (1.0 - p))


def read_pieces(text: str, *, source: str = "<pieces>") -> tuple[list[str], np.ndarray]:
    """The pieces and their three numbers from the text of a pieces CSV (:data:`PIECE_COLUMNS`, as
    ``scripts/fit_loaded_tagger.py`` writes it with :mod:`csv`).

    Example:
        >>> pieces, values = read_pieces('piece,word,to_next,to_previous\\n"a,b",1,0.5,-2\\n')
        >>> pieces, values.tolist()
        (['a,b'], [[1.0, 0.5, -2.0]])

    Raises:
        TokenTaggerError: The header is not :data:`PIECE_COLUMNS` or a row is not a piece and three
            numbers (the message names ``source``, the row and the fix).
    """
    fix = "rebuild it with python scripts/fit_loaded_tagger.py (make loaded-tagger)"
    records = csv.reader(io.StringIO(text, newline=""))
    if next(records, None) != list(PIECE_COLUMNS):
        raise TokenTaggerError(f"{source}: its header is not {','.join(PIECE_COLUMNS)}; {fix}.")
    pieces: list[str] = []
    numbers: list[list[str]] = []
    try:
        for record in records:
            if not record:  # a blank line
                continue
            if len(record) != 4:
                raise ValueError(f"line {records.line_num} has {len(record)} fields")
            pieces.append(record[0])
            numbers.append(record[1:])
        values = np.array(numbers, dtype=np.float64).reshape(-1, 3)
    except (ValueError, csv.Error) as exc:
        raise TokenTaggerError(f"{source}: a row is not a piece and three numbers ({exc}); {fix}.") from None
    return pieces, values


class TokenTagger:
    """The folded token tagger: per-piece values, the scalar coefficients and the span thresholds.

    Example:
        >>> t = TokenTagger(["[UNK]", "vile", "lie", "##s"], np.array([[0, 0, 0], [3, 1, 0], [1, 0, 0], [1, 0, 0.5]]),
        ...                 bias=-2.0, inside=0.0, est=0.0, valence=0.0, new=0.5, grow=0.5)
        >>> from analysis.text.article import Article
        >>> [round(float(p), 3) for p in t.probabilities(Article("a", "Vile lies."), [])]
        [0.777, 0.5]
    """

    def __init__(self, pieces, values: np.ndarray, *, bias: float, inside: float, est: float, valence: float,
                 new: float, grow: float, max_grow: int = 4, est_outside: float = -5.0, source: str = "",
                 digest: str = "") -> None:
        values = np.asarray(values, dtype=np.float64)
        if values.ndim != 2 or values.shape != (len(pieces), 3):
            raise TokenTaggerError(f"{source or 'tagger'}: {len(pieces)} pieces but values of shape {values.shape}; "
                                   "rebuild it with python scripts/fit_loaded_tagger.py.")
        self.table = WordVectors(pieces, values, source=source, dtype=np.float64)
        self.bias, self.inside, self.est, self.valence = float(bias), float(inside), float(est), float(valence)
        self.new, self.grow, self.max_grow, self.est_outside = float(new), float(grow), int(max_grow), float(est_outside)
        self.source, self.digest = source, digest
        self._logit_new = math.log(self.new / (1.0 - self.new))
        self._logit_grow = math.log(self.grow / (1.0 - self.grow))
        self._index: dict[str, int] = {}
        # per word seen: its logit before neighbours and lexicon spans (bias + word + valence x abs VADER valence +
        # est x est_outside), to_next, to_previous
        self._rows = np.zeros((1024, 3))

    def __repr__(self) -> str:
        return f"TokenTagger({self.source!r}, sha256={self.digest[:16]})"

    @classmethod
    def from_json(cls, path: str | Path = TAGGER) -> TokenTagger:
        """Read a tagger written by ``scripts/fit_loaded_tagger.py`` (its JSON and the pieces CSV it names).

        Raises:
            TokenTaggerError: A file is missing or malformed (the message names it and the fix).
        """
        path = Path(path)
        fix = "rebuild it with python scripts/fit_loaded_tagger.py (make loaded-tagger)"
        try:
            raw = path.read_bytes()
            data = json.loads(raw.decode("utf-8"))
            table = path.parent / data["pieces"]
            scalars = {k: float(data[k]) for k in ("bias", "inside", "est", "valence", "new", "grow", "est_outside")}
            max_grow = int(data["max_grow"])
        except FileNotFoundError:
            raise TokenTaggerError(f"{path}: token tagger not found; {fix}.") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise TokenTaggerError(f"{path}: not a token tagger ({exc}); {fix}.") from None
        try:
            text = table.read_bytes()
            pieces, values = read_pieces(text.decode("utf-8"), source=str(table))
        except FileNotFoundError:
            raise TokenTaggerError(f"{table}: the tagger's pieces (named by {path}) not found; {fix}.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise TokenTaggerError(f"{table}: not a pieces CSV ({exc}); {fix}.") from None
        if not np.isfinite(values).all() or not all(math.isfinite(v) for v in scalars.values()):
            raise TokenTaggerError(f"{path}: NaN or infinity among its numbers; {fix}.")
        if not (0.0 < scalars["new"] < 1.0 and 0.0 < scalars["grow"] < 1.0):
            raise TokenTaggerError(f"{path}: new and grow must be probabilities between 0 and 1; {fix}.")
        digest = hashlib.sha256(raw + b"\0" + text).hexdigest()
        return cls(pieces, values, max_grow=max_grow, source=str(path), digest=digest, **scalars)

    # --- the token probabilities ----------------------------------------------------------------

    def _add(self, words: list) -> None:
        """Compute and remember the rows of ``words`` (new words, each once): their pieces' mean values in one pass."""
        from analysis.measures.loaded_model import vader_valences

        if len(self._index) + len(words) > _CACHE_WORDS:
            self._index.clear()
        k, m = len(self._index), len(words)
        while k + m > len(self._rows):
            self._rows = np.vstack([self._rows, np.zeros_like(self._rows)])
        pieces = list(map(self.table.pieces, words))
        counts = np.fromiter(map(len, pieces), np.intp, m)
        means = np.zeros((m, 3))
        vectors = self.table.vectors
        for size in np.unique(counts[counts > 0]).tolist():  # the words of `size` pieces: their means at once
            of_size = np.flatnonzero(counts == size)
            piece = vectors[np.array([pieces[w] for w in of_size.tolist()], np.intp)]  # (words, size, 3)
            total = piece[:, 0].copy()
            for j in range(1, size):  # the pieces added in order, as .mean(0) adds them (the same bits)
                total += piece[:, j]
            means[of_size] = total / size
        valence = vader_valences().get
        absval = np.fromiter((abs(valence(w, 0.0)) for w in words), np.float64, m)
        out = self._rows[k : k + m]
        out[:, 0] = self.bias + means[:, 0] + self.valence * absval + self.est * self.est_outside
        out[:, 1:] = means[:, 1:]
        self._index.update(zip(words, range(k, k + m)))

    def logits(self, article, candidates) -> np.ndarray:
        """Per token of ``article``, the tagger's logit.

        Args:
            article: The :class:`~analysis.text.article.Article`.
            candidates: Its counted lexicon spans before any re-ranking (objects with ``start``, ``end``, ``weight``).
        """
        prepared = article.prepared  # the tokens' norms and starts, as lists
        norms = prepared.norms
        n = len(norms)
        if not n:
            return np.zeros(0)
        index = self._index
        try:
            ids = np.fromiter(map(index.__getitem__, norms), np.intp, n)
        except KeyError:
            self._add([w for w in dict.fromkeys(norms) if w not in index])
            ids = np.fromiter(map(index.__getitem__, norms), np.intp, n)
        v = self._rows.take(ids, axis=0)
        z = v[:, 0].copy()
        starts = np.array(prepared.starts, np.int64) if n > 1 or candidates else None
        if n > 1:  # each word's neighbours inside its sentence: add all, then take back those across a sentence start
            z[1:] += v[:-1, 1]
            z[:-1] += v[1:, 2]
            b = np.searchsorted(starts, np.fromiter(map(_FIRST, article.sentences), np.int64), "left")
            b = np.unique(b[(b > 0) & (b < n)])
            if len(b):
                z[b] -= v[b - 1, 1]
                z[b - 1] -= v[b, 2]
        if candidates:  # each token inside a candidate: inside + est x (its highest est - est_outside)
            best: dict[int, float] = {}
            bounds = np.searchsorted(starts, [(c.start, c.end) for c in candidates], "left").tolist()
            for c, (i, j) in zip(candidates, bounds):
                e = _est(c.weight)
                for k in range(i, j):
                    if best.get(k, -math.inf) < e:
                        best[k] = e
            if best:
                k = np.fromiter(best.keys(), np.intp, len(best))
                z[k] += self.inside + self.est * (np.fromiter(best.values(), np.float64, len(best)) - self.est_outside)
        return z

    def probabilities(self, article, candidates) -> np.ndarray:
        """Per token of ``article``, the chance the tagger gives it of lying in a loaded-language span."""
        return 1.0 / (1.0 + np.exp(-self.logits(article, candidates)))

    # --- spans --------------------------------------------------------------------------------

    def apply(self, article, rows: list, z: np.ndarray) -> list:
        """``rows`` (an article's spans after re-ranking) with the counted ones grown and the tagger's own spans added.

        Args:
            article: The article.
            rows: Its :class:`~analysis.measures.loaded.LoadedSpan` rows (negated ones included, left as they are).
            z: :meth:`logits` of the article (computed from its spans before re-ranking).
        """
        from analysis.measures.loaded import LoadedSpan
        from analysis.text.clauses import breaks_clause

        tokens, text = article.tokens, article.text
        n = len(tokens)
        if not n or not (z >= min(self._logit_grow, self._logit_new)).any():
            return rows  # no word the tagger would add: nothing to grow, no span of its own
        left = bisect.bisect_left
        taken = bytearray(n)
        for r in rows:  # the tokens a span overlaps
            i, j = left(tokens, (r.start,)), left(tokens, (r.end,))
            if i > 0 and tokens[i - 1].end > r.start:
                i -= 1
            taken[i:j] = b"\1" * max(j - i, 0)
        sents = article.sentences or [(0, len(text))]
        sent_starts = [s for s, _ in sents]
        grow, out = self._logit_grow, []
        for r in rows:
            if r.negated:
                out.append(r)
                continue
            i, j = left(tokens, (r.start,)), left(tokens, (r.end,)) - 1
            j = min(max(j, i), n - 1)
            if i >= n:
                out.append(r)
                continue
            lo, hi = sents[max(bisect.bisect_right(sent_starts, r.start) - 1, 0)]
            i0, j0 = i, j
            g = 0
            while (g < self.max_grow and i > 0 and z[i - 1] >= grow and not taken[i - 1] and tokens[i - 1].start >= lo
                   and not breaks_clause(text[tokens[i - 1].end:tokens[i].start])):
                i, g = i - 1, g + 1
            g = 0
            while (g < self.max_grow and j + 1 < n and z[j + 1] >= grow and not taken[j + 1] and tokens[j + 1].end <= hi
                   and not breaks_clause(text[tokens[j].end:tokens[j + 1].start])):
                j, g = j + 1, g + 1
            if i == i0 and j == j0:
                out.append(r)
                continue
            taken[i:i0] = b"\1" * (i0 - i)
            taken[j0 + 1:j + 1] = b"\1" * (j - j0)
            s, e = min(r.start, tokens[i].start), max(r.end, tokens[j].end)
            out.append(r._replace(start=s, end=e, text=text[s:e]))
        hits = np.flatnonzero(z >= self._logit_new).tolist()
        k = 0
        qindex = article.quote_index
        while k < len(hits):
            a = b = hits[k]
            k += 1
            while k < len(hits) and hits[k] == b + 1 and not breaks_clause(text[tokens[b].end:tokens[b + 1].start]):
                b = hits[k]
                k += 1
            if any(taken[a:b + 1]):
                continue
            p = float(np.mean(1.0 / (1.0 + np.exp(-z[a:b + 1]))))
            s, e = tokens[a].start, tokens[b].end
            kind = qindex.kind(s, e)
            out.append(LoadedSpan(article.id, s, e, text[s:e], f"{TOKEN_TAGGER_TERM}{p:.2f}", "loaded_wording",
                                  round(3.0 * p, 3), kind is not None, False, "", kind or ""))
        out.sort(key=lambda r: (r.start, r.end, r.category))
        return out

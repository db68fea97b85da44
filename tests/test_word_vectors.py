"""scripts/build_word_vectors.py: each vocabulary piece encoded alone, written as a plain .npz."""

from __future__ import annotations

import numpy as np

from script_module import load_script


def _script():
    return load_script("build_word_vectors")


def test_each_piece_gets_the_state_it_has_when_encoded_alone(tiny_minilm, tmp_path):
    W = _script()
    import minilm

    model = minilm.MiniLM(tiny_minilm)
    vocab, vectors = W.piece_vectors(model, batch=4)  # two batches: 4 pieces, then 2
    assert vocab == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "bad", "deal"]
    assert vectors.shape == (6, 4) and vectors.dtype == np.float32
    for word in ("bad", "deal"):
        (state, offsets), = model.encode([word])
        assert offsets == [(0, len(word))]
        assert np.allclose(vectors[vocab.index(word)], state[0], atol=1e-6)
    assert not np.allclose(vectors[4], vectors[5])


def test_the_file_holds_no_objects_and_is_the_same_twice(tiny_minilm, tmp_path, capsys):
    W = _script()
    a, b = tmp_path / "a" / "v.npz", tmp_path / "b" / "v.npz"
    assert W.main(["--minilm", str(tiny_minilm), "--out", str(a)]) == 0
    assert capsys.readouterr().out == f"6 pieces x 4 dimensions -> {a}\n"
    assert W.main(["--minilm", str(tiny_minilm), "--out", str(b), "--batch", "1"]) == 0
    with np.load(a, allow_pickle=False) as got:
        assert sorted(got.files) == ["vectors", "vocab"]
        assert got["vocab"].tolist()[4:] == ["bad", "deal"]
    assert a.read_bytes() == b.read_bytes()
    assert sorted(p.name for p in a.parent.iterdir()) == ["v.npz"]


def test_a_missing_model_is_one_line(tmp_path, capsys):
    W = _script()
    assert W.main(["--minilm", str(tmp_path / "none"), "--out", str(tmp_path / "v.npz")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"build_word_vectors.py: {tmp_path / 'none'}: vocab.txt, model.safetensors, config.json not found")
    assert err.count("\n") == 1 and not (tmp_path / "v.npz").exists()

"""Shared fixtures: small hand-made corpora and the project paths."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from analysis import paths

# A script of scripts/ loaded by a test imports its start-up module (scripts/startup.py) as when Python runs it.
if str(paths.ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(paths.ROOT / "scripts"))


def pytest_collection_modifyitems(items):
    """The notebook tests first, in their files' order: the longest files start first when `make test`
    shares whole files among processes (pytest-xdist, --dist loadfile --no-loadscope-reorder), so that
    no process is left running one of them alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("notebooks") is None)


@pytest.fixture
def folder_corpus(tmp_path: Path) -> Path:
    """Three short articles in a folder with a metadata.csv."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a1.txt").write_text("Headline one\nThe U.S. envoy met Gen. Smith. Talks end today.", encoding="utf-8")
    (folder / "a2.txt").write_text("Mr. J. R. Smith said “it is over.” Then he left.", encoding="utf-8")
    (folder / "b1.txt").write_bytes("\ufeffKyiv’s allies met.\r\nThey agreed.".encode("utf-8"))
    (folder / "metadata.csv").write_text(
        "id,source,title,date,url\n"
        "a1,Outlet A,First,2025-03-01,https://example.org/a1\n"
        "a2,Outlet A,Second,,\n"
        "b1,Outlet B,Third,2025-03-02,\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def project_paths():
    return paths


@pytest.fixture
def tiny_minilm(tmp_path: Path) -> Path:
    """A one-layer, four-dimension model folder in the layout of all-MiniLM-L6-v2 (random weights, seed 16),
    vocabulary ``[PAD] [UNK] [CLS] [SEP] bad deal``, for ``scripts/minilm.py`` and what uses it."""
    import json

    import numpy as np

    folder = tmp_path / "tiny_minilm"
    folder.mkdir()
    rng = np.random.default_rng(16)
    dim, inter = 4, 8
    w = {"embeddings.word_embeddings.weight": rng.normal(size=(6, dim)), "embeddings.position_embeddings.weight":
         rng.normal(size=(10, dim)), "embeddings.token_type_embeddings.weight": rng.normal(size=(2, dim)),
         "embeddings.LayerNorm.weight": np.ones(dim), "embeddings.LayerNorm.bias": np.zeros(dim)}
    p = "encoder.layer.0."
    for name, shape in (("attention.self.query", (dim, dim)), ("attention.self.key", (dim, dim)),
                        ("attention.self.value", (dim, dim)), ("attention.output.dense", (dim, dim)),
                        ("intermediate.dense", (inter, dim)), ("output.dense", (dim, inter))):
        w[p + name + ".weight"], w[p + name + ".bias"] = rng.normal(size=shape), rng.normal(size=shape[0])
    for name in ("attention.output.LayerNorm", "output.LayerNorm"):
        w[p + name + ".weight"], w[p + name + ".bias"] = np.ones(dim), np.zeros(dim)
    header, blob = {}, b""
    for k, v in w.items():
        raw = np.asarray(v, np.float32).tobytes()
        header[k] = {"dtype": "F32", "shape": list(np.shape(v)), "data_offsets": [len(blob), len(blob) + len(raw)]}
        blob += raw
    h = json.dumps(header).encode()
    (folder / "model.safetensors").write_bytes(len(h).to_bytes(8, "little") + h + blob)
    (folder / "vocab.txt").write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\nbad\ndeal\n", encoding="utf-8")
    (folder / "config.json").write_text(json.dumps({"num_hidden_layers": 1, "num_attention_heads": 2, "hidden_size": dim}))
    return folder


@pytest.fixture
def stance_sentences():
    """``(corpus, targets)``: four sentences naming three actors, scored with exact values by each shipped stance model's tests."""
    import pandas as pd

    from analysis.measures.targets import Targets

    texts = [
        "Russia accused Kyiv of reckless decisions.",
        "NATO praised Kyiv for its courage and resilience.",
        "The Kremlin said Ukrainian forces committed atrocities.",
        "NATO ministers met in Brussels on Tuesday.",
    ]
    targets = Targets.from_dict({"Ukraine": ["Kyiv", "Ukrainian forces"], "Russia": ["Russia", "Kremlin"], "NATO": ["NATO"]})
    return pd.DataFrame({"id": [f"s{i}" for i in range(len(texts))], "text": texts}), targets

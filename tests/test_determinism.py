"""Determinism: the same input gives byte-identical CSVs and byte-identical SVG figures."""

from __future__ import annotations

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.plotting.charts import apply_style, save_figure, source_palette, stripplot  # noqa: E402
from analysis.tables.score import Scorer, score_path  # noqa: E402
from analysis.corpus.synthetic import write_corpus  # noqa: E402


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_two_runs_give_byte_identical_csvs(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.csv", 12, seed=11)
    scorer = Scorer.load()
    score_path(corpus, tmp_path / "a", scorer=scorer, progress=False)
    score_path(corpus, tmp_path / "b", scorer=Scorer.load(), chunk_size=5, progress=False)
    first = _files(tmp_path / "a")
    assert len(first) == 7 and all(first.values())
    assert first == _files(tmp_path / "b")


def test_a_fresh_process_gives_the_same_bytes(tmp_path):
    # Another interpreter (another hash seed, fresh caches): the bundled corpus scores the same.
    score_path(paths.RAW, tmp_path / "here", progress=False)
    env_cmd = [sys.executable, "-m", "analysis", "score", str(paths.RAW), "--out", str(tmp_path / "there"), "--no-progress"]
    done = subprocess.run(env_cmd, capture_output=True, text=True, env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin",
                                                                          "PYTHONPATH": str(paths.ROOT)})
    assert done.returncode == 0, done.stderr
    assert _files(tmp_path / "here") == _files(tmp_path / "there")


def _figure(strip=None):
    # The figures' only random element is the jitter of strip plots (seaborn draws it from
    # NumPy's global generator): the figure has one, with several dots per source.
    apply_style()
    table = pd.DataFrame({"source": ["B", "A", "C", "A", "B", "A"], "loaded_per_1k": [3.5, 1.25, 7.0, 2.0, 3.0, 1.75]})
    colours = source_palette(table["source"])
    fig, ax = plt.subplots(figsize=(4, 2.5))
    (strip or stripplot)(data=table, x="loaded_per_1k", y="source", order=["A", "B", "C"], hue="source", palette=colours,
                         legend=False, ax=ax, size=5, jitter=0.2)
    ax.set_xlabel("loaded terms per 1,000 words")
    return fig


def test_two_renders_give_byte_identical_svg(tmp_path):
    first = save_figure(_figure(), tmp_path / "a", "99_test__determinism")
    np.random.random(5)  # whatever else used NumPy's global generator in between
    state = np.random.get_state()[1].copy()
    second = save_figure(_figure(), tmp_path / "b", "99_test__determinism")
    assert (np.random.get_state()[1] == state).all()  # the jitter leaves the global generator as it was
    svg_a, svg_b = (p for p in (first[0], second[0]))
    assert svg_a.suffix == ".svg" and svg_a.read_bytes() == svg_b.read_bytes()
    assert b"<svg" in svg_a.read_bytes()
    assert first[1].read_bytes() == second[1].read_bytes()  # the PNG too


def test_plain_seaborn_jitter_would_differ(tmp_path):
    # The check above can fail: seaborn's own stripplot places the dots anew on every call.
    first = save_figure(_figure(sns.stripplot), tmp_path / "a", "99_test__determinism")
    second = save_figure(_figure(sns.stripplot), tmp_path / "b", "99_test__determinism")
    assert first[0].read_bytes() != second[0].read_bytes()

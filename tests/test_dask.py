"""The Dask engine: a local cluster of two worker processes writes the same bytes as the pandas engine."""

from __future__ import annotations

import pytest

pytest.importorskip("dask", reason="dask is not installed (pip install -r requirements.txt -c constraints.txt)")
distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install -r requirements.txt -c constraints.txt)")

from analysis.cli.main import main  # noqa: E402
from analysis.tables.score import Scorer, score_path  # noqa: E402
from analysis.corpus.synthetic import write_corpus  # noqa: E402


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted([*folder.glob("*.csv"), *folder.glob("score_run.json")])}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("dask") / "corpus.jsonl", 40, seed=5)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("pandas")
    score_path(corpus, out, scorer=Scorer.load(), chunk_size=40, progress=False)
    return _files(out)


def test_existing_cluster_two_workers_is_byte_identical(corpus, reference, tmp_path):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster:
        with distributed.Client(cluster) as client:
            assert len(client.nthreads()) == 2
        run = score_path(corpus, tmp_path / "out", scorer=Scorer.load(), chunk_size=7, engine="dask",
                         scheduler=cluster.scheduler_address, progress=False)
    assert run.chunks == 6
    assert _files(tmp_path / "out") == reference


def test_cli_local_cluster_is_byte_identical(corpus, reference, tmp_path, capsys):
    code = main(["score", str(corpus), "--out", str(tmp_path / "out"), "--engine", "dask", "--workers", "2",
                 "--chunk-size", "9", "--no-progress"])
    assert code == 0, capsys.readouterr().err
    assert "scored 40 articles" in capsys.readouterr().err
    dask = _files(tmp_path / "out")
    # score_run.json records the command's options too, so it is compared with the same command on pandas
    assert main(["score", str(corpus), "--out", str(tmp_path / "pandas"), "--chunk-size", "40", "--no-progress"]) == 0
    assert dask == _files(tmp_path / "pandas")
    assert {k: v for k, v in dask.items() if k.endswith(".csv")} == {k: v for k, v in reference.items() if k.endswith(".csv")}


def test_unreachable_scheduler_is_a_clear_error(corpus, tmp_path, capsys):
    code = main(["score", str(corpus), "--out", str(tmp_path / "out"), "--engine", "dask",
                 "--scheduler", "tcp://127.0.0.1:9", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def _environ(name):
    import os

    return os.environ.get(name)


def test_own_cluster_workers_do_not_hand_memory_back_at_every_free(monkeypatch):
    # distributed gives its workers MALLOC_TRIM_THRESHOLD_=65536; scoring 100,000 synthetic articles
    # on 2 workers then took 34 s of system time against 9 s (the reason is in _local_cluster). Its
    # nannies also set it in the process that starts them: removed, as in a fresh `score` process.
    from analysis.tables.score import _local_cluster

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)

    cluster, client = _local_cluster(1)
    try:
        assert client.submit(_environ, "MALLOC_TRIM_THRESHOLD_", pure=False).result() is None
        assert client.submit(_environ, "OMP_NUM_THREADS", pure=False).result() == "1"
    finally:
        client.close()
        cluster.close()

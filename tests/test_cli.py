"""The command line: help, the corpus summary, and one-line errors for bad input."""

import pytest

from analysis.cli.main import main


def test_help_lists_every_subcommand(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("corpus", "score", "report"):
        assert command in out


def test_corpus_summary_of_synthetic_fixture(capsys, project_paths):
    assert main(["corpus", str(project_paths.ROOT / "tests/fixtures/synthetic_corpus.csv"), "--source-column", "outlet"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "source       articles      words  sentences",
        "Beta News           2         36          6",
        "Daily Alpha         3         57         11",
        "Gamma Wire          2         33          6",
        "total               7        126         23",
    ]


def test_bad_input_is_one_line_error_without_traceback(capsys, tmp_path):
    (tmp_path / "c.csv").write_text("id,body\n1,x\n", encoding="utf-8")
    assert main(["corpus", str(tmp_path / "c.csv")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no `text` column" in err
    assert "Traceback" not in err

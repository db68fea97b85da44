"""An analysis of the study's own: a notebook beyond the five, run by make, with its section in the report."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from analysis import paths
from analysis.report.own import STUDY_NOTEBOOKS, own_notebooks, report_section
from analysis.report.pipeline import notebooks
from make_project import copy_project

TEMPLATE = paths.ROOT / "notebooks" / "templates" / "06_new_analysis.ipynb"


def test_own_notebooks_are_those_beyond_the_five(tmp_path):
    for name in ["01_corpus", "05_validation", "07_wire_copy", "06_headlines", "6_short", "notes", "08_with-hyphen"]:
        (tmp_path / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    assert own_notebooks(tmp_path) == ["06_headlines", "07_wire_copy", "08_with-hyphen"]
    assert set(STUDY_NOTEBOOKS) <= {p.stem for p in notebooks()}


def test_a_report_section_names_the_notebook_s_own_saved_figures(tmp_path):
    (tmp_path / "06_headlines__length.svg").write_text("<svg/>", encoding="utf-8")
    section = report_section("06_headlines", " Headlines ", ["First.", "Second."],
                             {"06_headlines__length": "Length per source."}, fig_dir=tmp_path)
    assert section == {"title": "Headlines", "paragraphs": ["First.", "Second."],
                       "figures": [{"name": "06_headlines__length", "caption": "Length per source."}]}
    assert report_section("06_headlines", "Headlines", "One paragraph.", fig_dir=tmp_path)["paragraphs"] == ["One paragraph."]
    cases = [
        (("02_loaded_language", "T"), {}, "name '02_loaded_language': give the notebook's own file name without .ipynb, "
                                          "two digits, an underscore and a name (e.g. 06_headlines), not one of the study's five"),
        (("headlines", "T"), {}, "name 'headlines': give the notebook's own file name"),
        (("06_headlines", "  "), {}, "06_headlines: the section needs a title (a non-empty string)"),
        (("06_headlines", "T", ["Fine.", 0.42]), {}, "06_headlines: paragraph 2 is float, not text: format numbers into the "
                                                     "sentence"),
        (("06_headlines", "T", [], {"02_loaded_language__density": "c"}), {},
         "06_headlines: figure '02_loaded_language__density' is not this notebook's: name its figures 06_headlines__what"),
        (("06_headlines", "T", [], {"06_headlines__length": ""}), {},
         "06_headlines: figure '06_headlines__length' needs a caption (a non-empty string)"),
        (("06_headlines", "T", [], {"06_headlines__missing": "c"}), {},
         f"06_headlines: figure '06_headlines__missing' is not in {tmp_path}: save it first "
         "(save_figure(fig, fig_out, '06_headlines__missing'))"),
    ]
    for args, kwargs, message in cases:
        with pytest.raises(ValueError, match=re.escape(message)):
            report_section(*args, fig_dir=tmp_path, **kwargs)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_runs_a_notebook_of_the_study_s_own_after_the_five_with_its_name(tmp_path):
    root = copy_project(tmp_path / "project")
    shutil.copy(TEMPLATE, root / "notebooks" / "06_headlines.ipynb")
    out = subprocess.run(["make", "-n", "report", "SETUP_STAMP="], cwd=root, capture_output=True, text=True, check=True)
    runs = [line for line in out.stdout.replace("\\\n", " ").splitlines() if "analysis.report.pipeline" in line]
    assert [re.search(r"notebooks/(\w+)\.ipynb", line).group(1) for line in runs] == [
        "01_corpus", "04_framing_by_source", "03_stance", "02_loaded_language", "05_validation", "06_headlines"]
    assert (f"-p corpus_path '{root}/data/raw' -p source_column 'source' -p scores_dir '{root}/results/scores' "
            f"-p lexicon_path '{root}/data/lexicons/loaded_language.csv' -p targets_path '{root}/data/lexicons/targets.csv' "
            f"-p frames_path '{root}/data/lexicons/frames.csv' -p notebook_name '06_headlines' "
            f"-p fig_dir '{root}/figures' -p results_dir '{root}/results'") in runs[-1]
    db = subprocess.run(["make", "-np", "report", "SETUP_STAMP="], cwd=root, capture_output=True, text=True, check=True).stdout
    rule = next(line for line in db.splitlines() if line.startswith("build/notebooks/06_headlines.ipynb:"))
    assert all(f"build/notebooks/{nb}.ipynb" in rule.split() for nb in STUDY_NOTEBOOKS)  # it may read their results
    assert "build/own_notebooks.txt" in next(l for l in db.splitlines() if l.startswith("report/report.pdf:")).split()
    # the list the report depends on changes when a notebook is removed (the report had kept its section), only then
    listed = root / "build" / "own_notebooks.txt"
    subprocess.run(["make", "-s", "build/own_notebooks.txt", "SETUP_STAMP="], cwd=root, check=True)
    assert listed.read_text() == "06_headlines\n"
    (root / "notebooks" / "06_headlines.ipynb").unlink()
    subprocess.run(["make", "-s", "build/own_notebooks.txt", "SETUP_STAMP="], cwd=root, check=True)
    assert listed.read_text() == "\n"
    before = listed.stat().st_mtime_ns
    subprocess.run(["make", "-s", "build/own_notebooks.txt", "SETUP_STAMP="], cwd=root, check=True)
    assert listed.stat().st_mtime_ns == before

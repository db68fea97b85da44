"""The Makefile: what `make help` lists, the commands make runs and in what order, and the paths it takes or refuses."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from analysis import paths
from make_project import copy_project

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.fixture(scope="module")
def help_text():
    out = subprocess.run(["make", "-s", "--no-print-directory", "help"], cwd=paths.ROOT, capture_output=True, text=True, check=True)
    return out.stdout


def test_help_lists_every_variable_with_the_value_it_takes(help_text):
    makefile = (paths.ROOT / "Makefile").read_text()
    variables = re.findall(r"^([A-Z_]+) *\?= *(.*)$", makefile, re.M)
    assert len(variables) >= 18
    lines = help_text.splitlines()
    for name, default in variables:
        line = next((l for l in lines if l.split()[:1] == [name]), None)
        assert line is not None, f"make help does not list {name}"
        if "$(" not in default:  # a plain default is the value; one of make code is shown as make expands it (below)
            assert line.endswith(f"[{default.strip() or 'empty'}]"), line
        assert "$(" not in line.rsplit("[", 1)[1], line
        assert len(line.split("[")[0].split()) > 1, f"{name} has no description (a `#:` line above it)"
        assert line.index(line.split()[1]) == 18, f"{name}: descriptions start in one column"
    assert "  CORPUS          the corpus: a folder of .txt (+ metadata.csv) or a .csv/.jsonl/.parquet/.xlsx file [data/raw]" in lines
    # the defaults written as make code, as this command line makes them (it had printed "[$(VENV)/bin/python]",
    # "[$(if $(IS_BUNDLED),data/lexicons/targets.csv,auto)]")
    for name, value in (("PYTHON", ".venv/bin/python"), ("TARGETS", "data/lexicons/targets.csv"),
                        ("FRAMES", "data/lexicons/frames.csv"), ("EXPLORE_DIR", "build/explore")):
        assert next(l for l in lines if l.split()[:1] == [name]).endswith(f"[{value}]"), name
    other = subprocess.run(["make", "-s", "--no-print-directory", "help", "CORPUS=elsewhere.csv", "TITLE=It's \"ours\""],
                           cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    for name, value in (("CORPUS", "elsewhere.csv"), ("TARGETS", "auto"), ("FRAMES", "data/lexicons/frames_policy.csv"),
                        ("TITLE", "It's \"ours\"")):
        assert next(l for l in other if l.split()[:1] == [name]).endswith(f"[{value}]"), name


def test_help_lists_every_public_target(help_text):
    for target in ("setup", "scores", "figures", "report", "explore", "test", "lab", "bench", "clean"):
        assert re.search(rf"^  {target} +\S", help_text, re.M), target
    targets = help_text.split("Targets:\n")[1].split("\n\n")[0].splitlines()
    assert {len(line) - len(line[2:].split(None, 1)[1]) for line in targets} == {16}  # descriptions in one column


def test_lab_opens_the_project_root_and_passes_lab_args():
    out = subprocess.run(["make", "-n", "lab", "LAB_ARGS=--no-browser --port 8899", "SETUP_STAMP="], cwd=paths.ROOT,
                         capture_output=True, text=True, check=True).stdout
    command = [l for l in out.splitlines() if "jupyter lab" in l][-1]
    assert "--notebook-dir=. " in command and command.endswith("--no-browser --port 8899")
    import os

    assert ("--allow-root" in command) == (os.geteuid() == 0)


def test_score_runs_on_the_engine_make_is_given_and_reuse_waits_for_the_actors(tmp_path):

    def dry(*args):
        return subprocess.run(["make", "-n", *args, f"BUILD={tmp_path}/b", f"RESULTS_DIR={tmp_path}/r", "SETUP_STAMP="],
                              cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout.replace("\\\n", " ")

    default = " ".join(dry("scores").split())
    assert "--frames 'data/lexicons/frames.csv' --stance 'roles' --workers '2'" in default and "--engine" not in default
    one = " ".join(dry("scores", "SCORE_WORKERS=1").split())
    assert "--frames 'data/lexicons/frames.csv' --stance 'roles' --workers '1'" in one and "--engine" not in one
    dask = " ".join(dry("scores", "SCORE_ENGINE=dask", "SCORE_WORKERS=3").split())
    assert "--frames 'data/lexicons/frames.csv' --stance 'roles' --engine 'dask' --workers '3'" in dask
    # TARGETS=auto: the reuse check is ordered after actor discovery, so `make -j2` starts scoring first
    corpus = paths.ROOT / "tests" / "fixtures" / "synthetic_corpus.csv"
    lines = dry(f"{tmp_path}/b/text_reuse.txt", f"CORPUS={corpus}", "SOURCE_COLUMN=outlet").splitlines()
    steps = [l.split(" -m analysis ")[1].split()[0] for l in lines if " -m analysis " in l]
    assert steps.index("actors") < steps.index("reuse")


def test_notebook_04_starts_first_once_the_corpus_is_scored(tmp_path):
    # make -j starts, of the jobs ready at once, the one it meets first: notebook 04, the longest
    out = subprocess.run(["make", "-n", "report", f"BUILD={tmp_path}/b", f"RESULTS_DIR={tmp_path}/r", "SETUP_STAMP="],
                         cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    started = re.findall(r"papermill notebooks/(\d\d)_", out)
    assert started == ["01", "04", "03", "02", "05"]


def test_notebook_01_does_not_wait_for_the_actors(tmp_path):
    # With TARGETS=auto, notebook 01 (which reads no actors) runs while they are found; the scores,
    # and through them notebooks 03 and 04, wait for them. The actors file of an earlier run exists.
    build = tmp_path / "b"
    build.mkdir()
    (build / "targets_discovered.csv").write_text("target,alias,kind\n", encoding="utf-8")
    corpus = paths.ROOT / "tests" / "fixtures" / "synthetic_corpus.csv"
    db = subprocess.run(["make", "-np", "report", f"BUILD={build}", f"RESULTS_DIR={tmp_path}/r", "SETUP_STAMP=",
                         f"CORPUS={corpus}", "SOURCE_COLUMN=outlet"],
                        cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    prerequisites = {line.split(":", 1)[0]: line.split(":", 1)[1].split()
                     for line in db.splitlines() if line.startswith(str(tmp_path)) and ": " in line}
    actors = f"{build}/targets_discovered.csv"
    assert actors not in prerequisites[f"{build}/notebooks/01_corpus.ipynb"]
    assert actors in prerequisites[f"{tmp_path}/r/scores/articles.csv"]
    assert f"{tmp_path}/r/scores/articles.csv" in prerequisites[f"{build}/notebooks/03_stance.ipynb"]


def test_stance_chooses_the_scorer_and_its_files_are_what_the_scores_depend_on(tmp_path):
    # STANCE=roles|vectors|model|rules is `score --stance`; anything else is a model file (`--stance-model`). The scores
    # depend on the files that scorer reads, so `make models` or an edited stance_cues.csv scores the corpus again.
    own = tmp_path / "my_model.json"
    own.write_text("{}", encoding="utf-8")
    scores = f"{tmp_path}/r/scores/articles.csv"

    def run(*args):
        db = subprocess.run(["make", "-np", "scores", f"BUILD={tmp_path}/b", f"RESULTS_DIR={tmp_path}/r", "SETUP_STAMP=",
                             *args], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
        prerequisites = next(line.split(":", 1)[1].split() for line in db.splitlines() if line.startswith(scores + ":"))
        command = " ".join(next(c for c in db.replace("\\\n", " ").splitlines() if " -m analysis score " in c
                                and not c.startswith("#")).split())
        stance_files = sorted(p for p in prerequisites
                              if p.startswith(("data/lexicons/stance", "data/models/stance")) or p == str(own))
        return command, stance_files

    from analysis.tables.score import DEFAULT_STANCE, STANCE_CHOICES, STANCE_MODEL_FILES

    # the Makefile's names and files are the code's
    assert re.search(r"^STANCE_CHOICES := (.*)$", (paths.ROOT / "Makefile").read_text(), re.M).group(1).split() == sorted(
        STANCE_CHOICES, key=["roles", "vectors", "model", "rules"].index)
    shipped = {stance: str(path.relative_to(paths.ROOT)) for stance, path in STANCE_MODEL_FILES.items()}
    command, files = run()
    assert DEFAULT_STANCE == "roles"
    assert "--frames 'data/lexicons/frames.csv' --stance 'roles' --workers '2'" in command
    assert files == ["data/lexicons/stance_cues.csv", shipped["roles"], "data/models/stance_word_vectors.npz"]
    command, files = run("STANCE=vectors")
    assert "--stance 'vectors'" in command
    assert files == ["data/lexicons/stance_cues.csv", shipped["vectors"], "data/models/stance_word_vectors.npz"]
    command, files = run("STANCE=rules")
    assert "--stance 'rules'" in command and "--stance-model" not in command
    assert files == ["data/lexicons/stance_cues.csv"]
    command, files = run("STANCE=model")  # the model without word vectors
    assert "--stance 'model'" in command
    assert files == ["data/lexicons/stance_cues.csv", shipped["model"]]
    command, files = run(f"STANCE={own}")
    assert f"--stance-model '{own}'" in command and "--stance '" not in command
    assert files == sorted(["data/lexicons/stance_cues.csv", "data/models/stance_word_vectors.npz", str(own)])


def test_the_benchmark_s_code_is_no_prerequisite_of_the_scores(tmp_path):
    # no result depends on analysis/bench*.py: editing the benchmark does not score a large corpus again
    db = subprocess.run(["make", "-np", "scores", f"BUILD={tmp_path}/b", f"RESULTS_DIR={tmp_path}/r", "SETUP_STAMP="],
                        cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    scores = f"{tmp_path}/r/scores/articles.csv"
    prerequisites = next(line.split(":", 1)[1].split() for line in db.splitlines() if line.startswith(scores + ":"))
    code = {p for p in prerequisites if p.startswith("analysis/")}
    assert {"analysis/paths.py", "analysis/tables/score.py", "analysis/measures/stance.py"} <= code
    assert not {p for p in code if p.startswith("analysis/bench")}
    assert len(code) == len(list(paths.ROOT.glob("analysis/*.py")) + list(paths.ROOT.glob("analysis/*/*.py"))) - len(
        list(paths.ROOT.glob("analysis/bench*.py")))


def test_a_corpus_whose_path_or_file_names_hold_spaces_colons_or_percent_signs(tmp_path):
    """make split "My Articles" into two prerequisites ("No rule to make target '/tmp/My'"), read a colon in a file name
    as a rule's, and a "%" in the notebooks' pattern rule as its stem."""
    corpus = tmp_path / "My Articles"
    corpus.mkdir()
    for name in ["Guardian 2025-03-01.txt", "Reuters 10:00.txt", "50% off.txt"]:
        (corpus / name).write_text("Some text.\n", encoding="utf-8")
    out = subprocess.run(["make", "-n", "report", f"CORPUS={corpus}", f"BUILD={tmp_path}/b", f"RESULTS_DIR={tmp_path}/r",
                          f"FIG_DIR={tmp_path}/f", f"REPORT_PDF={tmp_path}/report.pdf", "SETUP_STAMP="],
                         cwd=paths.ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    text = out.stdout.replace("\\\n", " ")
    assert f"-m analysis corpus '{corpus}' " in text and f"-m analysis score '{corpus}' " in text
    assert f"'CORPUS={corpus}'" in text and f"-p corpus_path '{corpus}' " in text
    assert f"--cwd '{paths.ROOT}' " in text
    db = subprocess.run(["make", "-np", "scores", f"CORPUS={corpus}", f"BUILD={tmp_path}/b", f"RESULTS_DIR={tmp_path}/r",
                         "SETUP_STAMP="], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    prerequisites = next(l for l in db.splitlines() if l.startswith(f"{tmp_path}/r/scores/articles.csv:"))
    assert all(f" {corpus}/{name} " in prerequisites for name in ["Guardian 2025-03-01.txt", "Reuters 10:00.txt", "50% off.txt"])


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("LEXICON", "{tmp}/my lexicon.csv", "LEXICON={tmp}/my lexicon.csv holds a space, which make cannot take in this variable "
     "(CORPUS and PYTHON may hold one): move or link it to a path without spaces, e.g. ln -s '{tmp}/my lexicon.csv' "
     "~/lexicon.csv, and give that path."),
    ("RESULTS_DIR", "{tmp}/my results", "RESULTS_DIR={tmp}/my results holds a space"),
    ("CORPUS", "{tmp}/Bob's articles", "CORPUS={tmp}/Bob's articles holds a single quote ('), which make cannot pass on: "
     "rename the file or folder, or link it to a path without one, and give that path."),
])
def test_a_path_make_cannot_take_is_refused_before_anything_runs(tmp_path, variable, value, message):
    """A space in RESULTS_DIR would have made `make clean` run `rm -rf` on two other paths."""
    value = value.format(tmp=tmp_path)
    out = subprocess.run(["make", "--no-print-directory", "-n", "clean", f"{variable}={value}"], cwd=paths.ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 2 and out.stdout == ""
    assert message.format(tmp=tmp_path) in out.stderr


def test_a_project_folder_whose_path_holds_a_space(tmp_path):
    """In "~/My Studies/framing", papermill got `--cwd /home/u/My Studies/framing` ("Got unexpected extra argument"),
    and every corpus counted as the bundled one (make's filter compared "/home/u/My", a word of both paths)."""
    root = copy_project(tmp_path / "My Studies" / "framing")
    shutil.copy(paths.ROOT / "tests" / "fixtures" / "synthetic_corpus.csv", root / "other.csv")

    def dry(*args):
        out = subprocess.run(["make", "-n", "report", "SETUP_STAMP=", f"PYTHON={root}/.venv/bin/python", *args], cwd=root,
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return out.stdout.replace("\\\n", " ")

    bundled = dry()
    assert f"'{root}/.venv/bin/python' -m analysis.report.pipeline --kernel python3 --cwd '{root}' " in bundled
    assert f"-p corpus_path '{root}/data/raw' " in bundled and "--frames 'data/lexicons/frames.csv'" in bundled
    other = dry("CORPUS=other.csv")
    assert f"-p corpus_path '{root}/other.csv' " in other and "--frames 'data/lexicons/frames_policy.csv'" in other
    assert "-m analysis actors 'other.csv' " in other


def test_an_executed_notebook_counts_as_done_only_once_every_cell_has_run(tmp_path):
    """On Ctrl-C, papermill wrote its output after make had deleted the target: the next `make report` took the
    interrupted notebooks 03 and 04 for done and stopped at the report with 03_stance.json missing."""
    out = subprocess.run(["make", "-n", f"{tmp_path}/b/notebooks/03_stance.ipynb", f"BUILD={tmp_path}/b",
                          f"RESULTS_DIR={tmp_path}/r", "SETUP_STAMP="], cwd=paths.ROOT, capture_output=True, text=True,
                         check=True).stdout.replace("\\\n", " ").splitlines()
    run = next(k for k, line in enumerate(out) if "analysis.report.pipeline" in line and "notebooks/03_stance.ipynb" in line)
    assert f" notebooks/03_stance.ipynb {tmp_path}/b/notebooks/03_stance.partial.ipynb -p " in out[run]
    assert out[run + 1] == f"mv -f {tmp_path}/b/notebooks/03_stance.partial.ipynb {tmp_path}/b/notebooks/03_stance.ipynb"


def test_the_check_of_output_folders_needs_no_gnu_realpath(tmp_path):
    """`realpath -m` is GNU's: on macOS (realpath without -m) every `make report` stopped at the parameters file."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "realpath").write_text("#!/bin/sh\necho 'realpath: illegal option -- m' >&2\nexit 1\n", encoding="utf-8")
    (fake / "realpath").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
    (tmp_path / "corpus").mkdir()
    link = tmp_path / "raw"
    link.symlink_to(paths.RAW)

    def params(*args):
        return subprocess.run(["make", "-s", f"{tmp_path}/b/params.txt", f"BUILD={tmp_path}/b", *args], cwd=paths.ROOT,
                              env=env, capture_output=True, text=True)

    assert params(f"CORPUS={tmp_path}/corpus", f"RESULTS_DIR={tmp_path}/r").returncode == 0
    refused = params(f"RESULTS_DIR={link}/results")  # inside data/raw through a symbolic link
    assert refused.stderr.splitlines()[0] == (f"error: RESULTS_DIR={link}/results is inside data/raw, which is never "
                                              "modified; choose another folder")
    refused = params(f"CORPUS={tmp_path}/corpus", f"FIG_DIR={tmp_path}/corpus/figures")
    assert refused.stderr.splitlines()[0] == (f"error: FIG_DIR={tmp_path}/corpus/figures is inside the corpus "
                                              f"(CORPUS={tmp_path}/corpus), which is never modified; choose another folder")


def test_a_leading_tilde_in_a_path_is_the_home_folder_as_zsh_passes_it_on(tmp_path):
    """zsh, macOS's shell, passes `make report CORPUS=~/articles.csv` (the README's form) on with the ~: make stopped
    with "CORPUS=~/articles.csv does not exist", and `make scores` tracked no file of the corpus."""
    (tmp_path / "articles.csv").write_text("id,text\na,Some text.\n", encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp_path)}
    out = subprocess.run(["make", "-n", "report", "CORPUS=~/articles.csv", "RESULTS_DIR=~/results", "BUILD=~/build",
                          "SETUP_STAMP="], cwd=paths.ROOT, env=env, capture_output=True, text=True, check=True).stdout
    assert f"-m analysis score '{tmp_path}/articles.csv' " in out and f"--out '{tmp_path}/results/scores' " in out
    assert f"-p corpus_path '{tmp_path}/articles.csv' " in out and "~" not in out
    db = subprocess.run(["make", "-np", "scores", "CORPUS=~/articles.csv", "RESULTS_DIR=~/results", "SETUP_STAMP="],
                        cwd=paths.ROOT, env=env, capture_output=True, text=True, check=True).stdout
    rule = next(line for line in db.splitlines() if line.startswith(f"{tmp_path}/results/scores/articles.csv:"))
    assert f"{tmp_path}/articles.csv" in rule.split()
    # only a leading ~, and only on the command line: a default keeps its value
    out = subprocess.run(["make", "-n", "scores", "CORPUS=a~b.csv", "SETUP_STAMP="], cwd=paths.ROOT, env=env,
                         capture_output=True, text=True).stdout
    assert "-m analysis score 'a~b.csv' " in out and "--lexicon 'data/lexicons/loaded_language.csv'" in out


def test_a_title_with_an_apostrophe_reaches_the_report_as_written(tmp_path):
    """TITLE="Britain's press and the war" ended the shell's quote at the apostrophe: "unexpected EOF while looking for
    matching `''", at the parameters file; make expanded "$1bn" to "bn"."""
    title = "Britain's press: \"the war\" & `date`, $1bn $(HOME)"  # the dollars too, as written (not make's variables)
    subprocess.run(["make", "-s", "--no-print-directory", f"{tmp_path}/b/params.txt", f"BUILD={tmp_path}/b",
                    f"TITLE={title}"], cwd=paths.ROOT, check=True)
    assert f"TITLE={title}\n" in (tmp_path / "b" / "params.txt").read_text(encoding="utf-8")
    out = subprocess.run(["make", "-n", "--no-print-directory", f"{tmp_path}/report.pdf", f"REPORT_PDF={tmp_path}/report.pdf",
                          f"BUILD={tmp_path}/b", f"TITLE={title}", "SETUP_STAMP="], cwd=paths.ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert "--title 'Britain'\\''s press: \"the war\" & `date`, $1bn $(HOME)' " in out.replace("\\\n", " ")
    refused = subprocess.run(["make", "--no-print-directory", "-n", "scores", "SOURCE_COLUMN=reader's"], cwd=paths.ROOT,
                             capture_output=True, text=True)
    assert refused.returncode == 2 and ("SOURCE_COLUMN=reader's holds a single quote ('), which make cannot pass on: "
                                        "rename the column in the corpus.") in refused.stderr


def test_the_corpus_is_tracked_file_by_file_and_a_folder_by_its_entries(tmp_path):
    """CORPUS=a link to a folder (or to a file) gave make no file of the corpus: an edited article was not scored again.
    An article deleted from a folder stayed in the scores (no file left was newer than them): the folder itself is a
    prerequisite, as "FOLDER/." (make read "News (2025)", ending in ")", as an archive's member)."""
    folder, table = tmp_path / "News (2025)", tmp_path / "corpus.csv"
    folder.mkdir()
    for name in ["a.txt", "notes (old)"]:  # the second, not read by the reader, would be an archive's member to make
        (folder / name).write_text("Some text.\n", encoding="utf-8")
    table.write_text("id,text\na,Some text.\n", encoding="utf-8")
    for corpus, expected in [(folder, [f"{folder}/.", f"{folder}/a.txt"]),
                             (tmp_path / "folder_link", [f"{tmp_path}/folder_link/.", f"{tmp_path}/folder_link/a.txt"]),
                             (tmp_path / "table_link.csv", [f"{tmp_path}/table_link.csv"])]:
        if corpus != folder:
            corpus.symlink_to(folder if corpus.name == "folder_link" else table)
        db = subprocess.run(["make", "-np", "scores", f"CORPUS={corpus}", f"RESULTS_DIR={tmp_path}/r", "SETUP_STAMP="],
                            cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
        rule = next(line for line in db.splitlines() if line.startswith(f"{tmp_path}/r/scores/articles.csv:"))
        assert all(f" {path} " in rule for path in expected) and "notes (old)" not in rule


def test_a_venv_whose_creation_stopped_is_made_again(tmp_path):
    """On Debian and Ubuntu without python3-venv, `python3 -m venv .venv` stops after writing bin/python, without pip;
    once python3-venv was installed, make took that .venv as made and pip install said "No module named pip"."""
    import sys

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)  # what the stopped run left
    dry = subprocess.run(["make", "--no-print-directory", "-n", "setup", f"VENV={venv}"], cwd=paths.ROOT,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    create = next(line for line in dry if "-m venv" in line)
    subprocess.run(["bash", "-c", create], cwd=tmp_path, check=True)
    assert subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "--version"], capture_output=True).returncode == 0


def test_a_warning_about_the_corpus_is_printed_once_a_make_run(tmp_path):
    """The corpus check, actor discovery, scoring and text reuse each read the corpus, and `make report` printed each
    reader warning up to four times; each make run prints it once, and the next run again."""
    corpus = tmp_path / "escaped.csv"
    corpus.write_text("id,source,text\n"
                      "a1,Daily Alpha,\"Critics called the plan &quot;reckless&quot;. The Kremlin warned of escalation.\"\n"
                      "a2,Beta News,The coalition met in London. Leaders discussed a ceasefire plan for Ukraine.\n"
                      "a3,Beta News,Diplomats met again. The envoy said progress was slow but steady.\n", encoding="utf-8")
    build = tmp_path / "b"
    targets = [f"{build}/text_reuse.txt", f"{tmp_path}/r/scores/articles.csv"]

    def run():
        out = subprocess.run(["make", "-j2", *targets, f"CORPUS={corpus}", "TARGETS=auto", f"BUILD={build}",
                              f"RESULTS_DIR={tmp_path}/r", "SCORE_WORKERS=1"], cwd=paths.ROOT, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert all(f"-m analysis {step} " in out.stdout for step in ("actors", "score", "reuse"))  # and the check (silent)
        return [line for line in out.stderr.splitlines() if line.startswith("warning:")]

    expected = [f"warning: {corpus}: 1 article(s) contain HTML character references (&quot;, &#8217;, &amp;), which are "
                "scored as text: the reference's name counts as a word, and a quotation mark or apostrophe written as one "
                "is not read as one (the quotation it opens is not found); decode them first (html.unescape; "
                "docs/researchers.md, \"HTML left in the text\"): a1"]
    assert run() == expected
    os.utime(corpus)  # the next run does every step again, and warns again
    assert run() == expected


def test_a_new_title_remakes_the_report_alone_and_notebook_parameters_the_notebooks(tmp_path):
    """Every step read one parameters file, so a new TITLE scored the corpus again (11 minutes for 100,000 articles);
    the scoring steps now read the variables that change what they compute, the notebooks those and theirs."""
    build = tmp_path / "b"

    def write(*args):
        subprocess.run(["make", "-s", f"{build}/params_inputs.txt", f"{build}/params_notebooks.txt", f"BUILD={build}",
                        f"RESULTS_DIR={tmp_path}/r", "SETUP_STAMP=", *args], cwd=paths.ROOT, check=True)
        return {name: (build / name).stat().st_mtime_ns for name in ("params.txt", "params_inputs.txt", "params_notebooks.txt")}

    first = write()
    os.utime(build / "params_inputs.txt", ns=(1, 1))  # older than anything make writes next
    os.utime(build / "params_notebooks.txt", ns=(1, 1))
    titled = write("TITLE=Our study")
    assert titled["params.txt"] > first["params.txt"]
    assert titled["params_inputs.txt"] == titled["params_notebooks.txt"] == 1
    tuned = write("TITLE=Our study", "NOTEBOOK_PARAMS=collapse_duplicates=False event_threshold=0.3")
    assert (tuned["params_inputs.txt"], tuned["params_notebooks.txt"] > 1) == (1, True)
    assert (build / "params_notebooks.txt").read_text(encoding="utf-8").endswith(
        "NOTEBOOK_PARAMS=collapse_duplicates=False event_threshold=0.3\n")
    assert "TITLE=Our study\n" in (build / "params.txt").read_text(encoding="utf-8")
    write("TITLE=Our study", "NOTEBOOK_PARAMS=collapse_duplicates=False event_threshold=0.3", "LEXICON=data/lexicons/frames.csv")
    assert (build / "params_inputs.txt").stat().st_mtime_ns > 1
    # which file each step reads
    db = subprocess.run(["make", "-np", "report", f"BUILD={build}", f"RESULTS_DIR={tmp_path}/r", "SETUP_STAMP="],
                        cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    rules = {line.split(":", 1)[0]: line.split(":", 1)[1].split() for line in db.splitlines()
             if line.startswith(str(tmp_path)) and ": " in line}
    for target in (f"{tmp_path}/r/scores/articles.csv", f"{build}/text_reuse.txt", f"{build}/corpus/summary.txt"):
        assert f"{build}/params_inputs.txt" in rules[target] and f"{build}/params.txt" not in rules[target], target
    assert f"{build}/params_notebooks.txt" in rules[f"{build}/notebooks/04_framing_by_source.ipynb"]
    assert f"{build}/params.txt" not in rules[f"{build}/notebooks/04_framing_by_source.ipynb"]


def test_notebook_parameters_reach_the_notebooks_that_have_them_and_bad_ones_stop_make_first(tmp_path):
    corpus = paths.ROOT / "tests" / "fixtures" / "synthetic_corpus.csv"
    base = [f"CORPUS={corpus}", "SOURCE_COLUMN=outlet", f"BUILD={tmp_path}/b", f"RESULTS_DIR={tmp_path}/r",
            f"FIG_DIR={tmp_path}/f"]
    done = subprocess.run(["make", f"{tmp_path}/b/notebooks/01_corpus.ipynb", *base, "NOTEBOOK_PARAMS=rare_share=0.5 seed=3"],
                          cwd=paths.ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "--notebook-params 'rare_share=0.5 seed=3'" in done.stdout
    executed = (tmp_path / "b" / "notebooks" / "01_corpus.ipynb").read_text(encoding="utf-8")
    assert '"rare_share = 0.5\\n"' in executed and "seed = 3" not in executed  # notebook 01 has no seed
    for value, message in [
        ("corpus_path=x", "error: NOTEBOOK_PARAMS: corpus_path is set by make from CORPUS: give CORPUS=... instead."),
        ("event_treshold=0.3", "error: NOTEBOOK_PARAMS: no notebook of the study has a parameter 'event_treshold'. "
                               "Did you mean 'event_threshold'? docs/parameters.md lists them."),
        ("collapse_duplicates=false", "error: NOTEBOOK_PARAMS: collapse_duplicates=false: collapse_duplicates takes True "
                                      "or False (default True)."),
        ("n_permutations=1e4", "error: NOTEBOOK_PARAMS: n_permutations=1e4: n_permutations takes a whole number "
                               "(default 10000)."),
        ("top_n", "error: NOTEBOOK_PARAMS: 'top_n' is not NAME=VALUE; write pairs separated by spaces, e.g. "
                  "NOTEBOOK_PARAMS='collapse_duplicates=False event_threshold=0.3'."),
        ("seed=1 seed=2", "error: NOTEBOOK_PARAMS: seed is given twice (seed=1, seed=2); keep one."),
    ]:
        refused = subprocess.run(["make", "--no-print-directory", "report", *base, f"NOTEBOOK_PARAMS={value}"],
                                 cwd=paths.ROOT, capture_output=True, text=True)
        assert refused.returncode != 0 and refused.stderr.splitlines()[0] == message
        assert "-m analysis" not in refused.stdout  # nothing ran

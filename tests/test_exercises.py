"""The classroom exercises: every exercise runs as handed out (all checks unanswered) and with the
instructor's solutions (all checks pass); the friendly checks give the feedback they promise."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from analysis import classroom as ex
from analysis.classroom.checks import did_you_mean
from analysis import paths
from analysis.corpus import load_corpus
from analysis.report.pipeline import execute_notebook, notebook_parameters
from analysis.measures.targets import Targets

EXERCISES = ex.exercise_notebooks()
STEMS = [p.stem for p in EXERCISES]
HAVE_SOLUTIONS = ex.SOLUTIONS_DIR.is_dir()


# ---------------------------------------------------------------------------------------------
# Every exercise, run twice through papermill (8 runs, two at a time)
# ---------------------------------------------------------------------------------------------


def _execute(notebook, output, params):
    """Run one notebook with papermill in this process (a thread); returns (ok, error text)."""
    import papermill

    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        execute_notebook(notebook, output, parameters=params, kernel_name="python3", progress_bar=False, log_output=False)
    except papermill.PapermillExecutionError as err:
        return False, str(err)
    return True, ""


@pytest.fixture(scope="session")
def exercise_runs(tmp_path_factory):
    """``{(stem, "student"|"solution"): (run, checks.json or None)}``: every exercise, both versions.

    The runs share this process's papermill (two kernels at a time), which saves starting
    papermill eight times.
    """
    from concurrent.futures import ThreadPoolExecutor

    out = tmp_path_factory.mktemp("exercises")
    jobs = []
    for nb in EXERCISES:
        versions = [("student", {})]
        if HAVE_SOLUTIONS:
            versions.append(("solution", {"answers_path": str(ex.solution_file(nb)), "require_pass": True}))
        for version, extra in versions:
            folder = out / version / nb.stem
            jobs.append((nb.stem, version, folder, nb, out / version / f"{nb.stem}.ipynb", {"output_dir": str(folder), **extra}))
    # the slowest first, so that two workers finish together
    jobs.sort(key=lambda j: (j[1] != "solution", j[0] != "ex2_edit_the_lexicon"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(_execute, nb, output, params) for *_, nb, output, params in jobs]
        outcomes = [f.result() for f in futures]
    result = {}
    for (stem, version, folder, nb, output, _), (ok, error) in zip(jobs, outcomes):
        checks_file = folder / "checks.json"
        run = ex.NotebookRun(nb, output, 0 if ok else 1, error)
        result[(stem, version)] = (run, json.loads(checks_file.read_text()) if checks_file.exists() else None)
    return result


def test_there_are_four_exercises_with_the_common_parameters():
    assert STEMS == ["ex1_spot_loaded_language", "ex2_edit_the_lexicon", "ex3_code_stance_and_agree", "ex4_add_a_source"]
    for nb in EXERCISES:
        params = notebook_parameters(nb)
        assert {"answers_path", "output_dir", "require_pass"} <= set(params), nb.name
        assert params["answers_path"]["default"] == '""' and params["require_pass"]["default"] == "False"
        assert params["output_dir"]["default"] == f'"{nb.stem[:3]}_output"'  # beside the notebook


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", STEMS)
def test_student_version_runs_and_every_check_is_unanswered(exercise_runs, stem):
    run, checks = exercise_runs[(stem, "student")]
    assert run.ok, f"{stem} (student version) failed:\n{run.error[-3000:]}"
    assert checks is not None and checks["n"] >= 4
    assert [c["status"] for c in checks["checks"]] == ["unanswered"] * checks["n"], checks
    executed = nbformat.read(run.output, as_version=4)
    text = "\n".join(o.get("text", "") for c in executed.cells if c.cell_type == "code" for o in c.outputs)
    assert "not answered yet" in text
    assert "Traceback" not in text


@pytest.mark.notebooks
@pytest.mark.skipif(not HAVE_SOLUTIONS, reason="notebooks/exercises/solutions/ was removed (a student copy)")
@pytest.mark.parametrize("stem", STEMS)
def test_solution_version_passes_every_check(exercise_runs, stem):
    run, checks = exercise_runs[(stem, "solution")]
    assert run.ok, f"{stem} with the solutions failed:\n{run.error[-3000:]}"
    failed = [c for c in checks["checks"] if c["status"] != "pass"]
    assert not failed and checks["passed"], failed


@pytest.mark.notebooks
@pytest.mark.skipif(not HAVE_SOLUTIONS, reason="notebooks/exercises/solutions/ was removed (a student copy)")
def test_solution_runs_write_their_outputs(exercise_runs):
    folder = lambda stem: exercise_runs[(stem, "solution")][0].output.parent / stem  # noqa: E731
    spans = pd.read_csv(folder("ex1_spot_loaded_language") / "my_spans.csv", dtype={"id": str})
    assert spans["text"].tolist() == ["Escalation", "Undermines", "so-called", "Coalition of Willing", "reckless",
                                      "territorial realities"]
    ex2 = folder("ex2_edit_the_lexicon")
    for name in ("before", "after"):
        assert (ex2 / name / "figures" / "02_loaded_language__density.svg").exists()
        assert (ex2 / name / "results" / "02_loaded_language.json").exists()
    after = json.loads((ex2 / "after" / "results" / "02_loaded_language.json").read_text())
    assert after["lexicon"]["path"].endswith("lexicon_edited.csv")
    assert (ex2 / "figures" / "ex2_edit_the_lexicon__before_after.png").exists()
    model = json.loads((folder("ex3_code_stance_and_agree") / "stance_model_class.json").read_text())
    assert model["format"] == "media-framing-stance-model" and model["metadata"]["n_rows"] == 25
    assert (folder("ex4_add_a_source") / "figures" / "ex4_add_a_source__fingerprint.svg").exists()
    assert (folder("ex4_add_a_source") / "scores" / "stance.csv").exists()


# ---------------------------------------------------------------------------------------------
# Student versions hold no solutions; solutions live apart
# ---------------------------------------------------------------------------------------------


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.skipif(not HAVE_SOLUTIONS, reason="notebooks/exercises/solutions/ was removed (a student copy)")
@pytest.mark.parametrize("stem", STEMS)
def test_student_notebooks_contain_no_solutions(stem):
    nb = paths.ROOT / "notebooks" / "exercises" / f"{stem}.ipynb"
    source = "\n".join(c.source for c in nbformat.read(nb, as_version=4).cells)
    answers = ex.load_answers(ex.solution_file(nb))
    # written answers (spans such as "so-called" also appear in the instructions, as codebook examples)
    long_answers = [s for s in _strings(answers) if len(s) >= 40 and "/" not in s]
    assert long_answers
    leaked = [s for s in long_answers if s in source]
    assert not leaked, f"{nb.name} contains solution text: {leaked}"
    assert "solutions/" not in source.replace("notebooks/exercises/solutions", ""), "a student notebook points at a solution file"
    # every answer cell holds an empty answer
    for cell in nbformat.read(nb, as_version=4).cells:
        if cell.cell_type == "code" and "✏️ YOUR ANSWER" in cell.source:
            body = [ln for ln in cell.source.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
            for line in body:
                assert re.search(r'= (""|None|\[|\{)|^\s*\]|^\s*\}|^\s*\d+: ""', line), f"{nb.name}: {line!r}"


def test_every_exercise_has_a_solution_file_unless_removed():
    if not HAVE_SOLUTIONS:
        pytest.skip("notebooks/exercises/solutions/ was removed (a student copy)")
    for nb in EXERCISES:
        assert ex.solution_file(nb).exists(), f"no solution file for {nb.name}"


# ---------------------------------------------------------------------------------------------
# Exercise data
# ---------------------------------------------------------------------------------------------


def test_stance_sentences_index_the_article_text():
    items = ex.load_items()
    corpus = load_corpus(paths.RAW).set_index("id")
    targets = Targets.from_csv(paths.TARGETS)
    assert items["item"].tolist() == list(range(1, len(items) + 1)) and 20 <= len(items) <= 30
    assert items["id"].nunique() == 5 and set(items["target"]) <= set(targets.names)
    for r in items.itertuples(index=False):
        text = corpus.at[r.id, "text"]
        assert text[r.start:r.end] == r.mention
        assert text[r.sentence_start:r.sentence_end] == r.sentence
        assert r.sentence_start <= r.start < r.end <= r.sentence_end
        assert corpus.at[r.id, "source"] == r.source
        found = [(m.start, m.end, m.target) for m in targets.find(text)]
        assert (r.start, r.end, r.target) in found, f"item {r.item}: {r.mention!r} is not a mention of {r.target}"


def test_example_new_source_is_marked_invented_and_loads():
    new = ex.load_new_source(ex.EXAMPLE_NEW_SOURCE)
    assert len(new) == 3 and new["source"].nunique() == 1 and "invented" in new["source"].iloc[0]
    assert all(t.startswith("INVENTED EXAMPLE FOR EXERCISE 4") for t in new["text"])
    bundled = load_corpus(paths.RAW)
    assert ex.check_new_source(new, bundled, ex.EXAMPLE_NEW_SOURCE).status == ex.UNANSWERED
    assert len(ex.combine(bundled, new)) == 8


def test_new_source_without_a_source_name_says_what_to_add(tmp_path, recwarn):
    folder = tmp_path / "my_source"
    folder.mkdir()
    words = " ".join(["The convoy reached the border town before dawn."] * 10)
    for name in ("one", "two"):
        (folder / f"{name}.txt").write_text(words, encoding="utf-8")
    bundled = load_corpus(paths.RAW)
    new = ex.load_new_source(folder)
    assert not [w for w in recwarn if "no `source` column" in str(w.message)]  # the check says it, in the student's words
    c = ex.check_new_source(new, bundled, folder)
    assert c.status == ex.NOT_YET and c.message == (
        "your articles have no source name: add a metadata.csv with the columns id,source,title,date to your folder "
        "(Step 1, point 3), or set the parameter new_source_label.")
    table = tmp_path / "mine.csv"
    pd.DataFrame({"id": ["n1", "n2"], "outlet": ["The Border Post"] * 2, "text": [words, words]}).to_csv(table, index=False)
    assert ex.check_new_source(ex.load_new_source(table), bundled, table).message == (
        "your articles have no source name: give your file a 'source' column, or set the parameter new_source_label.")
    named = ex.load_new_source(folder, label="The Border Post")
    assert ex.check_new_source(named, bundled, folder).message == "2 articles from 'The Border Post', 160 words."


# ---------------------------------------------------------------------------------------------
# The checks' feedback (fast, no notebook)
# ---------------------------------------------------------------------------------------------

TEXT = "Officials called the plan reckless. The so-called coalition met. Calls for de-escalation grew; the escalation continued."


def test_find_phrases_matches_whole_words_but_not_inside_compounds():
    spans, missing = ex.find_phrases(TEXT, ["reckless", "So-Called", "escalation", "nonsense"])
    assert spans["text"].tolist() == ["reckless", "so-called", "escalation"]
    assert spans["start"].tolist() == [TEXT.index("reckless"), TEXT.index("so-called"), TEXT.rindex("escalation")]
    assert missing == ["nonsense"]


def test_check_spans_feedback():
    assert ex.check_spans(TEXT, []).status == ex.UNANSWERED
    c = ex.check_spans(TEXT, ["reckless", "nonsense"])
    assert c.status == ex.NOT_YET and c.message.startswith("1 of your phrases does not occur in the article as written: 'nonsense'.")
    assert ex.check_spans(TEXT, ["nonsense", "frantic"]).message.startswith("2 of your phrases do not occur")
    c = ex.check_spans(TEXT, ["reckless"], minimum=2)
    assert c.status == ex.NOT_YET and "at least 2" in c.message
    assert ex.check_spans(TEXT, "reckless").status == ex.NOT_YET
    assert ex.check_spans(TEXT, ["reckless", "so-called"], minimum=2).passed
    # one place marked twice would count twice in precision and recall
    c = ex.check_spans(TEXT, ["plan reckless", "reckless", "so-called"], minimum=2)
    assert c.status == ex.NOT_YET and c.message.startswith(
        "some of your phrases mark the same place twice: 'reckless' inside 'plan reckless'. Mark each loaded phrase once")


def _comparison():
    mine, _ = ex.find_phrases(TEXT, ["reckless", "coalition", "continued"])
    lexicon = pd.DataFrame({"start": [TEXT.index("reckless"), TEXT.index("so-called"), TEXT.rindex("escalation")],
                            "end": [TEXT.index("reckless") + 8, TEXT.index("so-called") + 9, TEXT.rindex("escalation") + 10],
                            "text": ["reckless", "so-called", "escalation"], "category": ["loaded_wording", "delegitimizing", "fear_appeal"]})
    return ex.compare_spans(mine, lexicon)


def test_compare_spans_and_precision_recall():
    table = _comparison()
    assert table["you"].tolist() == ["reckless", "", "coalition", "", "continued"]
    assert table["lexicon"].tolist() == ["reckless", "so-called", "", "escalation", ""]
    pr = ex.precision_recall(table)
    assert (pr["tp"], pr["n_you"], pr["n_lexicon"]) == (1, 3, 3)
    assert pr["precision"] == pytest.approx(1 / 3) and pr["recall"] == pytest.approx(1 / 3)
    assert pr["f1"] == pytest.approx(1 / 3)


def test_precision_recall_with_no_agreement_is_zero_as_in_the_validation():
    mine, _ = ex.find_phrases(TEXT, ["coalition"])
    lexicon = pd.DataFrame({"start": [TEXT.index("reckless")], "end": [TEXT.index("reckless") + 8],
                            "text": ["reckless"], "category": ["loaded_wording"]})
    pr = ex.precision_recall(ex.compare_spans(mine, lexicon))
    assert (pr["tp"], pr["precision"], pr["recall"], pr["f1"]) == (0, 0.0, 0.0, 0.0)


def test_check_precision_recall_feedback():
    table = _comparison()
    assert ex.check_precision_recall(None, None, table).status == ex.UNANSWERED
    assert ex.check_precision_recall("1/3", 0.333, table).passed
    assert ex.check_precision_recall("33%", "1/3", table).passed
    assert "between 0 and 1" in ex.check_precision_recall(1, 3, table).message
    assert ex.check_precision_recall("a third", "1/3", table).message == (
        "precision 'a third': not a number; write each as a fraction such as 3/5 or a decimal such as 0.6.")
    assert ex.check_precision_recall(0.5, "2 of 4", table).message.startswith("recall '2 of 4': not a number;")
    wrong = ex.check_precision_recall(0.5, "1/3", table)
    assert wrong.status == ex.NOT_YET and "precision: count the rows" in wrong.message and "recall:" not in wrong.message


def test_check_precision_recall_spots_swapped_answers():
    mine, _ = ex.find_phrases(TEXT, ["reckless", "coalition"])
    lexicon = pd.DataFrame({"start": [TEXT.index("reckless")], "end": [TEXT.index("reckless") + 8], "text": ["reckless"]})
    table = ex.compare_spans(mine, lexicon)  # precision 1/1, recall 1/2
    assert ex.check_precision_recall(1.0, 0.5, table).passed
    assert "swapped" in ex.check_precision_recall(0.5, 1.0, table).message


def test_check_missed_and_false_alarm_feedback():
    table = _comparison()
    assert ex.check_missed("", "", table).status == ex.UNANSWERED
    c = ex.check_missed("reckless", "because it is in the list of the lexicon anyway", table)
    assert c.status == ex.NOT_YET and "'coalition'" in c.message
    assert ex.check_missed("coalition", "too short", table).status == ex.NOT_YET
    assert ex.check_missed("coalition", "the lexicon lists no such word, and the judgement lies in the context", table).passed
    assert ex.check_false_alarm("escalation", "in this sentence it only describes what happened, plainly", table).passed
    assert ex.check_false_alarm("reckless", "in this sentence it only describes what happened, plainly", table).status == ex.NOT_YET


def test_checklist_summary_json_and_require_pass(tmp_path, capsys):
    checks = ex.Checklist("exercise_x", expected=["a", "b", "c"])
    checks.record(ex.check_choice("a", "higher", ["higher", "lower"]))
    checks.record(ex.check_choice("b", "hihger", ["higher", "lower"]))
    printed = capsys.readouterr().out
    assert "✓ a (passed)" in printed and "✗ b (not yet)" in printed and "Did you mean 'higher'?" in printed
    result = checks.finish(out_dir=tmp_path)
    assert [c["status"] for c in result["checks"]] == ["pass", "not yet", "unanswered"]
    assert json.loads((tmp_path / "checks.json").read_text())["n_passed"] == 1
    assert "1 of 3 checks passed, 1 not yet, 1 not answered yet" in capsys.readouterr().out
    with pytest.raises(ex.ExerciseCheckError, match=r"(?s)2 of 3 checks did not pass.*- b \(not yet\).*- c \(unanswered\): this check never ran"):
        checks.finish(require_pass=True)


def test_load_answers(tmp_path):
    assert ex.load_answers("") == {}
    f = tmp_path / "a.json"
    f.write_text('{"_comment": "x", "my_spans": ["a"]}')
    assert ex.load_answers(f) == {"my_spans": ["a"]}
    assert ex.answer({"q": 1}, "q", 2) == 1 and ex.answer({}, "q", 2) == 2
    f.write_text("[1, 2]")
    with pytest.raises(ValueError, match="one JSON object"):
        ex.load_answers(f)
    with pytest.raises(FileNotFoundError, match="Leave answers_path empty"):
        ex.load_answers(tmp_path / "missing.json")


LEX = pd.DataFrame({"pattern": ["reckless", "escalating", "so-called"], "category": ["loaded_wording", "fear_appeal", "delegitimizing"],
                    "weight": ["1.5", "0.5", "2"], "provenance": ["curated"] * 3, "note": [""] * 3, "case_sensitive": [""] * 3})


def test_edit_lexicon_adds_and_removes_without_touching_the_base():
    edited = ex.edit_lexicon(LEX, add=[{"pattern": "frantic", "category": "loaded_wording", "weight": 1}], remove=["escalating"])
    assert edited["pattern"].tolist() == ["reckless", "so-called", "frantic"]
    assert edited.iloc[-1]["provenance"] == "exercise"
    assert len(LEX) == 3


@pytest.mark.parametrize("add, remove, message", [
    ([], ["escalatin"], "no such pattern in the lexicon. Close patterns in the lexicon: 'escalating'"),
    ([{"pattern": "Reckless", "category": "loaded_wording", "weight": 1}], [], "already in the lexicon"),
    ([{"pattern": "frantic", "category": "loaded_wording"}], [], "missing weight"),
    ([{"pattern": "frantic", "category": "loaded_wording", "weight": 9}], [], "weight"),
    ([{"pattern": "frantic", "category": "panic", "weight": 1}], [], "is not one of the lexicon's categories"),
])
def test_edit_lexicon_explains_what_is_wrong(add, remove, message):
    with pytest.raises(ex.LexiconEditError, match=re.escape(message)):
        ex.edit_lexicon(LEX, add=add, remove=remove)


def test_edit_lexicon_names_every_problem_of_a_row_at_once():
    # a student fixes everything in one round, not one problem per run
    with pytest.raises(ex.LexiconEditError) as err:
        ex.edit_lexicon(LEX, add=[{"pattern": "Frantic", "category": "loaded", "weight": "high"}], remove=["reckles"])
    assert str(err.value).split("\n") == [
        "remove 'reckles': no such pattern in the lexicon. Close patterns in the lexicon: 'reckless'.",
        "add, row 1 ('Frantic'): category 'loaded' is not one of the lexicon's categories (delegitimizing, fear_appeal, "
        "loaded_wording); use one of them, so that the figures stay comparable. Did you mean 'loaded_wording'?",
        "add, row 1 ('Frantic'): weight 'high' must be a number greater than 0 and at most 3 (most entries weigh between "
        "0.5 and 1.5).",
    ]


def test_check_lexicon_edits_notes_a_pattern_the_lexicon_already_matches(tmp_path):
    base = tmp_path / "lexicon.csv"
    LEX.assign(pattern=["reckless", "escalat*", "so-called"]).to_csv(base, index=False)
    rows = [{"pattern": "escalating", "category": "loaded_wording", "weight": 1},  # 'escalat*' counts it already
            {"pattern": "frantic", "category": "loaded_wording", "weight": 1}]
    assert ex.check_lexicon_edits(base, rows, []).message == (
        "2 pattern(s) added and 0 removed; the edited copy is valid. Note: 'escalating' changes no count, because the "
        "lexicon's 'escalat*' (fear_appeal) already matches it.")
    # removed first: the new row is what counts it now
    assert ex.check_lexicon_edits(base, rows, ["escalat*"]).message == "2 pattern(s) added and 1 removed; the edited copy is valid."


def test_check_lexicon_edits_and_largest_change():
    assert ex.check_lexicon_edits(paths.LOADED_LEXICON, [], []).status == ex.UNANSWERED
    c = ex.check_lexicon_edits(paths.LOADED_LEXICON, [], ["no such pattern here"])
    assert c.status == ex.NOT_YET and "no such pattern" in c.message
    table = pd.DataFrame({"source": ["A", "B"], "n_articles": [1, 2], "before": [10.0, 5.0], "after": [8.0, 5.5], "change": [-2.0, 0.5]})
    assert ex.check_largest_change("a", table).passed
    assert ex.check_largest_change("B", table).status == ex.NOT_YET
    assert "not a source" in ex.check_largest_change("C", table).message


def _items(n=4):
    return pd.DataFrame({"item": range(1, n + 1)})


def test_read_labels_from_dict_list_and_sheet(tmp_path):
    items = _items()
    assert ex.read_labels({1: "negative", "2": "neu", 3: "", 4: "+"}, items).to_dict() == {1: "neg", 2: "neu", 4: "pos"}
    assert ex.read_labels(["neg", "neu", "pos", "neu"], items).tolist() == ["neg", "neu", "pos", "neu"]
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("item,actor,label\n1,X,neg\n2,Y,pos\n")
    assert ex.read_labels(str(sheet), items).to_dict() == {1: "neg", 2: "pos"}
    with pytest.raises(ValueError, match="item 7 does not exist"):
        ex.read_labels({7: "neg"}, items)
    with pytest.raises(ValueError, match="not one of neg, neu, pos"):
        ex.read_labels({1: "bad"}, items)


def test_check_coding_feedback():
    items = _items()
    assert ex.check_coding("c", {1: "", 2: ""}, items).status == ex.UNANSWERED
    c = ex.check_coding("c", {1: "neg", 2: "neu"}, items)
    assert c.status == ex.NOT_YET and "2 of 4 items coded; still to code: 3, 4" in c.message
    c = ex.check_coding("c", ["neg", "neu", "pos", "neu"], items, other=["neg", "neu", "pos", "neu"])
    assert c.passed and "identical" in c.message


def test_agreement_checks_by_hand():
    a = pd.Series({1: "neg", 2: "neu", 3: "neu", 4: "pos"})
    b = pd.Series({1: "neg", 2: "neu", 3: "pos", 4: "pos"})
    assert ex.check_percent_agreement("3/4", a, b).passed
    assert "diagonal" in ex.check_percent_agreement(0.5, a, b).message
    # p_e = 1/4*1/4 + 2/4*1/4 + 1/4*2/4
    assert ex.check_expected_agreement(5 / 16, a, b).passed
    assert "multiply" in ex.check_expected_agreement(0.5, a, b).message
    assert ex.check_disagreement(3, "the codebook's rule on quoted speech settles it: only the author's voice counts", a, b).passed
    assert ex.check_disagreement("item 3", "the codebook's rule on quoted speech settles it: only the author's voice counts", a, b).passed
    assert "give the item number" in ex.check_disagreement("3 or 4", "x", a, b).message
    assert "you agreed on item 2" in ex.check_disagreement(2, "x", a, b).message


def test_majority_labels_settle_ties_toward_neutral():
    long = pd.DataFrame({"item": [1, 1, 1, 2, 2, 3, 3], "coder": list("abcabab"),
                         "label": ["neg", "neg", "neu", "neg", "neu", "neg", "pos"]})
    m = ex.majority_labels(long)
    assert m[["item", "label", "tie"]].values.tolist() == [[1, "neg", False], [2, "neu", True]]


def test_model_result_explains_too_few_labels():
    items = ex.load_items()
    corpus = load_corpus(paths.RAW)
    labels = pd.DataFrame({"item": items["item"], "label": "neu"})
    result = ex.train_on_labels(items, labels, corpus)
    assert result.model is None and "no item labelled neg, pos" in result.message


def test_check_which_agrees_reads_the_table():
    table = pd.DataFrame({"method": ["rules", "model"], "n": [25, 25], "agreement": [0.56, 0.72], "kappa": [0.29, 0.0]})
    assert ex.check_which_agrees("a", "model", table, column="agreement").passed
    assert ex.check_which_agrees("a", "the model", table, column="agreement").passed  # a leading "the" is ignored
    assert ex.check_which_agrees("k", "Rules", table, column="kappa").passed
    assert ex.check_which_agrees("k", "model", table, column="kappa").status == ex.NOT_YET
    assert ex.check_which_agrees("k", "both", table).status == ex.NOT_YET


def test_check_dominant_frame():
    frames = pd.DataFrame({"military_operations": [10.0], "human_interest": [3.0]}, index=["S"])
    assert ex.check_dominant_frame("military operations", frames, "S").passed
    assert ex.check_dominant_frame("human_interest", frames, "S").status == ex.NOT_YET
    assert "not a frame" in ex.check_dominant_frame("war", frames, "S").message


# ---------------------------------------------------------------------------------------------
# make solutions
# ---------------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_solutions_runs_every_exercise_with_its_solution_file():
    out = subprocess.run(["make", "-n", "solutions", f"PYTHON={sys.executable}"], cwd=paths.ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    for stem in STEMS:
        assert stem in out.stdout
    assert "-p answers_path" in out.stdout and "-p require_pass True" in out.stdout and "build/solutions" in out.stdout


@pytest.mark.notebooks
def test_an_exercise_copied_to_another_folder_writes_beside_the_copy(tmp_path):
    """A student's copy (a home folder on a shared JupyterHub) writes into its own folder by default."""
    home = tmp_path / "student"
    home.mkdir()
    copy = home / "ex1_spot_loaded_language.ipynb"
    shutil.copyfile(paths.ROOT / "notebooks" / "exercises" / copy.name, copy)
    execute_notebook(copy, tmp_path / "executed.ipynb", kernel_name="python3", cwd=str(home), progress_bar=False)
    checks = json.loads((home / "ex1_output" / "checks.json").read_text())
    assert checks["n"] >= 4 and checks["exercise"] == "ex1_spot_loaded_language"


def test_did_you_mean_names_the_one_option_that_holds_the_answer():
    sources = ["pro-Kremlin outlet", "UK political press", "Western war report"]
    assert did_you_mean("Western", sources) == " Did you mean 'Western war report'?"
    assert did_you_mean("western  WAR", sources) == " Did you mean 'Western war report'?"
    assert did_you_mean("pres", sources) == " Did you mean 'UK political press'?"
    assert did_you_mean("o", sources) == ""  # too short to name one
    assert did_you_mean("tabloid", sources) == ""  # in none, and no spelling close enough
    assert did_you_mean("war", ["war report", "war press"]) == ""  # in two: not one to name


def test_check_reflection_counts_one_word():
    assert ex.check_reflection("r", "frantic", min_words=25).message.startswith("your answer has 1 word; write at least 25")
    assert ex.check_reflection("r", "two words", min_words=25).message.startswith("your answer has 2 words;")


def test_class_labels_name_the_lines_of_the_class_sheet(tmp_path):
    items = pd.DataFrame({"item": [1, 2, 3]})
    sheet = tmp_path / "class.csv"

    def read(text: str) -> pd.DataFrame:
        sheet.write_text(text)
        return ex.class_labels(str(sheet), items, {})

    long = read("item,coder,label\n1,ana,neg\n1, bo ,Neutral\n2.0,ana,pos\n3,bo,\n")
    assert long.values.tolist() == [[1, "ana", "neg"], [1, "bo", "neu"], [2, "ana", "pos"]]  # the blank label: not coded
    with pytest.raises(ValueError, match=re.escape("class.csv: the item column must hold an item number from 1 to 3 "
                                                   "(line 3: 'three', line 4: '30'); correct those rows")):
        read("item,coder,label\n1,ana,neg\nthree,bo,neu\n30,ana,pos\n")
    with pytest.raises(ValueError, match=re.escape("class.csv: coder 'ana' labelled item 2 more than once (lines 2, 4); "
                                                   "keep one row per item and coder.")):
        read("item,coder,label\n2,ana,neg\n2,bo,neu\n2,ana,pos\n")
    with pytest.raises(ValueError, match=re.escape("class.csv, line 3 (item 1): label 'meh' is not one of neg, neu, pos.")):
        read("item,coder,label\n1,ana,neg\n1,bo,meh\n")
    with pytest.raises(ValueError, match=re.escape("class.csv: line 3 has a label but no coder; give every row its coder's name.")):
        read("item,coder,label\n1,ana,neg\n1, ,pos\n2,,\n")  # (a row without a label is no coding)



def test_class_sheet_and_coding_sheet_saved_by_a_spreadsheet_with_semicolons(tmp_path):
    """Excel in a language whose decimal mark is a comma saves "CSV" with semicolons (and CRLF,
    often a byte-order mark); a blank line is skipped but still counts in the lines named."""
    items = pd.DataFrame({"item": [1, 2, 3]})
    sheet = tmp_path / "class.csv"
    sheet.write_bytes("\ufeffitem;coder;label\r\n1;ana;neg\r\n\r\n1;\"Zoë; 2nd\";Neutral\r\n".encode())
    assert ex.class_labels(str(sheet), items, {}).values.tolist() == [[1, "ana", "neg"], [1, "Zoë; 2nd", "neu"]]
    sheet.write_bytes(b"item;coder;label\n1;ana;neg\n\n2;ana;pos\n2;ana;neg\n")
    with pytest.raises(ValueError, match=re.escape("coder 'ana' labelled item 2 more than once (lines 4, 5)")):
        ex.class_labels(str(sheet), items, {})
    coding = tmp_path / "mine.csv"
    coding.write_bytes(b"item;label\r\n1;neg\r\n3;pos\r\n")
    assert ex.read_labels(str(coding), items).to_dict() == {1: "neg", 3: "pos"}
    coding.write_bytes("item,label\n1,négatif\n".encode("cp1252"))
    assert ex.check_coding("mine", str(coding), items).message == (
        f"{coding}: not valid UTF-8 (byte 0xe9 at byte offset 14, line 2). If it was saved on Windows or by Excel, "
        "save it as \"CSV UTF-8\", or convert it: iconv -f windows-1252 -t utf-8 IN > OUT.")


def test_stance_items_read_back_after_a_spreadsheet_saved_them(tmp_path):
    items = ex.load_items()
    saved = tmp_path / "items.csv"
    items.to_csv(saved, sep=";", index=False, lineterminator="\r\n")
    pd.testing.assert_frame_equal(ex.load_items(saved), items)
    text = saved.read_bytes().decode().replace(f"\r\n{items['item'].iloc[1]};", "\r\n2nd;", 1)
    saved.write_bytes(text.encode())
    with pytest.raises(ValueError, match=re.escape(f"{saved}, line 3: item '2nd' is not a whole number")):
        ex.load_items(saved)

CITY = {  # invented articles on another story: their actors are not the bundled ones
    "Harbour Herald": ["Mayor Ana Ruiz praised the new tram line on Monday and said the City Council had finally listened to the "
                       "residents of the old harbour district.",
                       "The City Council delayed the vote again, and Mayor Ana Ruiz accused the Greenfield Party of wasting "
                       "another year of everyone's time and money."],
    "Valley Voice": ["The Greenfield Party called the tram line a reckless gamble with public money that Mayor Ana Ruiz pushed "
                     "through the City Council without a proper debate.",
                     "Critics said the Greenfield Party had raised fair questions about the cost, while the City Council "
                     "promised a full audit of the tram line budget."],
    "Civic Wire": ["The City Council approved the tram line budget by seven votes to four after a long debate with the "
                   "Greenfield Party on Tuesday evening.",
                   "Mayor Ana Ruiz thanked the engineers, and the Greenfield Party said it would keep watching every contract "
                   "the City Council signs this year."],
}


def test_stance_items_from_another_corpus_use_its_own_actors(tmp_path, capsys):
    from script_module import load_script

    rows = [(f"a{k}", source, text) for k, (source, text) in enumerate((s, t) for s, ts in CITY.items() for t in ts)]
    corpus_file = tmp_path / "city.csv"
    pd.DataFrame(rows, columns=["id", "source", "text"]).to_csv(corpus_file, index=False)
    draw = load_script("make_stance_sentences").main
    out = tmp_path / "items.csv"
    assert draw(["--corpus", str(corpus_file), "--out", str(out), "--items", "4"]) == 0
    targets = pd.read_csv(tmp_path / "items_targets.csv")
    assert sorted(set(targets["target"])) == ["Ana Ruiz", "City Council", "Greenfield Party"]
    items = ex.load_items(out)
    # the first item of each source before any source's second: Civic Wire, the third source, gets the fourth
    assert items[["item", "id", "source", "target", "mention"]].values.tolist() == [
        [1, "a0", "Harbour Herald", "Ana Ruiz", "Ana Ruiz"], [2, "a5", "Civic Wire", "Greenfield Party", "Greenfield Party"],
        [3, "a2", "Valley Voice", "Greenfield Party", "Greenfield Party"], [4, "a4", "Civic Wire", "City Council", "City Council"]]
    assert f"-p targets_path {tmp_path / 'items_targets.csv'}" in capsys.readouterr().out
    corpus = load_corpus(corpus_file)
    scores = ex.rule_scores(items, corpus, targets=tmp_path / "items_targets.csv")
    assert scores["item"].tolist() == [1, 2, 3, 4]
    with pytest.raises(ValueError, match=re.escape("item 1 (Ana Ruiz), item 2 (Greenfield Party), item 3 (Greenfield Party), "
                                                   "item 4 (City Council): not a mention of its actor with these targets")):
        ex.rule_scores(items, corpus)  # the bundled actors: no score is made up
    # a redraw that differs (here: more items) never replaces items a class may have coded, nor edited targets
    assert draw(["--corpus", str(corpus_file), "--out", str(out), "--items", "6"]) == 1
    assert "exists and differs from a fresh draw" in capsys.readouterr().err
    assert len(ex.load_items(out)) == 4
    found = tmp_path / "items_targets.csv"
    found.write_text(found.read_text(encoding="utf-8").replace("Ana Ruiz,Ana Ruiz,true", "Ana Ruiz,Ana Ruiz,false"),
                     encoding="utf-8")
    assert draw(["--corpus", str(corpus_file), "--out", str(tmp_path / "other.csv"), "--items", "4"]) == 0  # other targets file
    assert draw(["--corpus", str(corpus_file), "--out", str(out), "--items", "4"]) == 1
    assert "items_targets.csv: edited by hand since it was written" in capsys.readouterr().err


@pytest.mark.notebooks
def test_exercise_1_on_an_article_the_coder_did_not_code(tmp_path):
    rows = [(f"a{k}", source, text) for k, (source, text) in enumerate((s, t) for s, ts in CITY.items() for t in ts)]
    corpus_file = tmp_path / "city.csv"
    pd.DataFrame(rows, columns=["id", "source", "text"]).to_csv(corpus_file, index=False)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"my_spans": ["reckless gamble", "without a proper debate"]}))
    ok, error = _execute(EXERCISES[0], tmp_path / "ex1.ipynb", {"corpus_path": str(corpus_file), "article_id": "a2",
                                                                 "answers_path": str(answers), "output_dir": str(tmp_path / "out")})
    assert ok, error[-3000:]
    executed = nbformat.read(tmp_path / "ex1.ipynb", as_version=4)
    text = "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                     for c in executed.cells if c.cell_type == "code" for o in c.outputs)
    assert "The project's coder did not code this article" in text
    assert "you  lexicon" in text and "coder" not in text.split("did not code this article")[1].split("wrote")[0]


def test_score_with_an_edited_lexicon_uses_the_rules_not_a_model_trained_on_another_lexicon(tmp_path, recwarn):
    edited = ex.edit_lexicon(paths.LOADED_LEXICON, add=[{"pattern": "frantic", "category": "loaded_wording", "weight": 1}])
    lexicon = ex.write_lexicon(edited, tmp_path / "edited.csv")
    corpus = pd.DataFrame({"id": ["a"], "source": ["s"], "text": ["Ukraine's frantic diplomacy met Russia's reckless threats."]})
    tables = ex.score_with(corpus, lexicon, tmp_path / "out")
    assert tables["articles"]["loaded_n"].tolist() == [2]
    assert not [w for w in recwarn if "stance model was trained with other lexicons" in str(w.message)]
    mentions = tables["mentions"]
    assert mentions["score"].tolist() == mentions["score_rules"].tolist() and set(mentions["model_evidence"]) == {""}

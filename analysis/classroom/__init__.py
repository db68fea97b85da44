"""Helpers and friendly checks for the classroom exercises in ``notebooks/exercises/``.

Every ``check_*`` function takes a student's answer and returns a :class:`Check`: a status
(``pass``, ``not yet`` or ``unanswered``) and a message that says what is right, what is not
and where to look, never a bare assertion. A notebook records its checks in a
:class:`Checklist`; the last cell calls :meth:`Checklist.finish`, which writes
``checks.json`` and, when the instructor's solution run asks for it (``require_pass``), stops
with an error that lists every check that did not pass. So ``make solutions`` fails exactly
when a solution no longer passes.

Answers live in clearly marked cells of the notebooks. A JSON file of answers
(``answers_path``) replaces those cells; the instructor's solutions are such files, kept apart
from the notebooks in ``notebooks/exercises/solutions/`` (remove that folder before handing
the unit out; see ``docs/teaching.md``). Nothing in this package holds a solution: every check
compares the answer with numbers computed from the data.

:mod:`~analysis.classroom.checks` is the framework; each exercise has its module
(``ex1_loaded_language``, ``ex2_lexicon``, ``ex3_stance``, ``ex4_new_source``). Everything is
re-exported here, so a notebook uses one namespace: ``from analysis import classroom as ex``.
"""

from __future__ import annotations

from analysis.classroom.checks import (  # noqa: F401
    answer, Check, check_choice, check_reflection, Checklist, EXAMPLE_NEW_SOURCE, EXERCISE_DATA, exercise_notebooks,
    ExerciseCheckError, EXERCISES_DIR, LABELS, load_answers, NOT_YET, output_folder, PASS, show_figure, show_png,
    solution_file, SOLUTIONS_DIR, STANCE_ITEMS, UNANSWERED,
)
from analysis.classroom.ex1_loaded_language import (  # noqa: F401
    check_false_alarm, check_missed, check_precision_recall, check_spans, compare_spans, find_phrases,
    lexicon_spans, precision_recall, show_article, spans_table,
)
from analysis.classroom.ex2_lexicon import (  # noqa: F401
    before_after_figure, check_largest_change, check_lexicon_edits, density_change, edit_lexicon, LexiconEditError,
    score_with, span_changes, write_lexicon,
)
from analysis.classroom.ex3_stance import (  # noqa: F401
    check_coding, check_disagreement, check_expected_agreement, check_percent_agreement, check_which_agrees,
    class_labels, coding_sheet, load_items, majority_labels, method_agreement, ModelResult, pair_table, read_labels,
    rule_scores, show_items, train_on_labels,
)
from analysis.classroom.ex4_new_source import (  # noqa: F401
    check_dominant_frame, check_new_source, check_prediction_came_true, combine, load_new_source,
)
from analysis.compare.summaries import fingerprint_tables  # noqa: F401  (exercise 4 calls ex.fingerprint_tables)
from analysis.report.pipeline import NotebookRun, run_notebooks  # noqa: F401  (exercise 2 calls ex.run_notebooks)

__all__ = [
    "output_folder",
    "EXAMPLE_NEW_SOURCE",
    "EXERCISE_DATA",
    "EXERCISES_DIR",
    "LABELS",
    "NOT_YET",
    "PASS",
    "SOLUTIONS_DIR",
    "STANCE_ITEMS",
    "UNANSWERED",
    "answer",
    "before_after_figure",
    "Check",
    "check_choice",
    "check_coding",
    "check_disagreement",
    "check_dominant_frame",
    "check_expected_agreement",
    "check_false_alarm",
    "check_largest_change",
    "check_lexicon_edits",
    "check_missed",
    "check_new_source",
    "check_percent_agreement",
    "check_precision_recall",
    "check_prediction_came_true",
    "check_reflection",
    "check_spans",
    "check_which_agrees",
    "Checklist",
    "class_labels",
    "coding_sheet",
    "combine",
    "compare_spans",
    "density_change",
    "edit_lexicon",
    "exercise_notebooks",
    "ExerciseCheckError",
    "find_phrases",
    "fingerprint_tables",
    "lexicon_spans",
    "LexiconEditError",
    "load_answers",
    "load_items",
    "load_new_source",
    "majority_labels",
    "method_agreement",
    "ModelResult",
    "NotebookRun",
    "pair_table",
    "precision_recall",
    "read_labels",
    "rule_scores",
    "run_notebooks",
    "score_with",
    "show_article",
    "show_figure",
    "show_items",
    "show_png",
    "solution_file",
    "span_changes",
    "spans_table",
    "train_on_labels",
    "write_lexicon",
]

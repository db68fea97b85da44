"""The checking framework of the exercises: a :class:`Check` per answer, the :class:`Checklist` a notebook finishes with, answers files, and small helpers.

The exercise modules (``ex1_loaded_language`` ...) build their checks with the public helpers here
(:func:`passed`, :func:`not_yet`, :func:`unanswered`, :func:`is_blank`, :func:`as_float`,
:func:`match_choice`, ...). :mod:`analysis.classroom` re-exports only what a notebook calls, so these
helpers are not in the notebooks' ``ex.`` namespace.
"""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.text.choices import did_you_mean, match_choice
from analysis.validate.agreement import is_missing
from analysis.validate.evaluate import STANCE_LABELS

__all__ = [
    "answer", "Check", "check_choice", "check_reflection", "Checklist", "EXAMPLE_NEW_SOURCE", "EXERCISE_DATA",
    "exercise_notebooks", "ExerciseCheckError", "EXERCISES_DIR", "LABELS", "load_answers", "NOT_YET",
    "output_folder", "PASS", "show_figure", "show_png", "solution_file", "SOLUTIONS_DIR", "STANCE_ITEMS",
    "UNANSWERED",
    # For the exercise modules (not re-exported by analysis.classroom):
    "as_float", "did_you_mean", "is_blank", "match_choice", "not_yet", "passed", "unanswered", "word_count",
]


EXERCISES_DIR = paths.ROOT / "notebooks" / "exercises"
SOLUTIONS_DIR = EXERCISES_DIR / "solutions"
EXERCISE_DATA = EXERCISES_DIR / "data"
STANCE_ITEMS = EXERCISE_DATA / "stance_sentences.csv"
EXAMPLE_NEW_SOURCE = EXERCISE_DATA / "new_source"

PASS = "pass"
NOT_YET = "not yet"
UNANSWERED = "unanswered"
_SYMBOL = {PASS: "✓", NOT_YET: "✗", UNANSWERED: "○"}
LABELS = STANCE_LABELS  # the three stance labels, as every gold file has them


@dataclass(frozen=True)
class Check:
    """The feedback on one answer.

    Attributes:
        name: Short name of the question (``"spans"``, ``"precision_recall"`` ...).
        status: ``"pass"``, ``"not yet"`` or ``"unanswered"``.
        message: What the student reads: what is right, what is not, where to look.
    """

    name: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        """True when the answer passes."""
        return self.status == PASS

    def __str__(self) -> str:
        label = {PASS: "passed", NOT_YET: "not yet", UNANSWERED: "not answered yet"}[self.status]
        body = textwrap.fill(self.message, width=100, subsequent_indent="    ")
        return f"{_SYMBOL[self.status]} {self.name} ({label}): {body}"


def output_folder(output_dir: str | Path) -> Path:
    """Where an exercise writes: a relative ``output_dir`` starts at the notebook's own folder.

    Other paths of the project start at its root (:func:`analysis.paths.resolve`), where the data
    are. Outputs are the student's: in a copy of a notebook in a home folder (on a shared
    JupyterHub, say), ``"ex1_output"`` is a folder beside that copy, never inside the shared
    project. Jupyter runs a notebook in its own folder; papermill in ``--cwd``.

    Example:
        >>> output_folder("/tmp/ex1").as_posix()
        '/tmp/ex1'
    """
    folder = Path(output_dir).expanduser()
    return folder if folder.is_absolute() else Path.cwd() / folder


def passed(name: str, message: str) -> Check:
    """A check that passed, with what the student got right."""
    return Check(name, PASS, message)


def not_yet(name: str, message: str) -> Check:
    """A check that did not pass yet, with what is wrong and where to look."""
    return Check(name, NOT_YET, message)


def unanswered(name: str, message: str = "") -> Check:
    """A check whose answer cell is still empty (``message``: a more specific hint than the default)."""
    return Check(name, UNANSWERED, message or "you have not answered yet: fill in the answer cell above and run it again.")


class ExerciseCheckError(RuntimeError):
    """Raised by :meth:`Checklist.finish` with ``require_pass=True`` when a check did not pass."""


@dataclass
class Checklist:
    """The checks of one exercise run, in the order the notebook recorded them.

    Args:
        exercise: The exercise's name (``"ex1_spot_loaded_language"``).
        expected: The names of every check the notebook should record; one that never ran
            (a skipped cell) counts as unanswered.
    """

    exercise: str
    expected: Sequence[str] = ()
    results: dict[str, Check] = field(default_factory=dict)

    def record(self, check: Check) -> None:
        """Keep ``check`` (replacing an earlier one of the same name) and print its feedback."""
        self.results[check.name] = check
        print(check)

    def all(self) -> list[Check]:
        """Every expected check (unanswered where it never ran), then any others recorded."""
        out = [self.results.get(n) or unanswered(n, "this check never ran: run every cell from the top.") for n in self.expected]
        out += [c for n, c in self.results.items() if n not in self.expected]
        return out

    def summary(self) -> str:
        """One line per check and a count."""
        checks = self.all()
        counts = {s: sum(c.status == s for c in checks) for s in (PASS, NOT_YET, UNANSWERED)}
        lines = [f"{self.exercise}: {counts[PASS]} of {len(checks)} checks passed"
                 + (f", {counts[NOT_YET]} not yet" if counts[NOT_YET] else "")
                 + (f", {counts[UNANSWERED]} not answered yet" if counts[UNANSWERED] else "")]
        lines += [f"  {_SYMBOL[c.status]} {c.name}" for c in checks]
        if counts[PASS] == len(checks):
            lines.append("Well done: every check passed. Now take the discussion questions below to your group.")
        elif counts[UNANSWERED] == len(checks):
            lines.append("Nothing answered yet: work through the steps above, filling in each answer cell.")
        return "\n".join(lines)

    def finish(self, *, require_pass: bool = False, out_dir: str | Path | None = None) -> dict:
        """Print the summary, write ``checks.json`` and, if asked, fail when a check did not pass.

        Args:
            require_pass: Raise :class:`ExerciseCheckError` listing every check that did not pass
                (the instructor's solution runs set this; students leave it False).
            out_dir: Where ``checks.json`` goes (created if needed); None writes nothing.

        Returns:
            ``{"exercise", "checks": [{"name", "status", "message"}], "passed", "n_passed", "n"}``.
        """
        from analysis.tables.io import write_json

        checks = self.all()
        result = {
            "exercise": self.exercise,
            "checks": [{"name": c.name, "status": c.status, "message": c.message} for c in checks],
            "n": len(checks),
            "n_passed": sum(c.passed for c in checks),
            "passed": all(c.passed for c in checks),
        }
        print(self.summary())
        if out_dir is not None:
            write_json(result, output_folder(out_dir) / "checks.json")
        if require_pass and not result["passed"]:
            failed = "\n".join(f"  - {c.name} ({c.status}): {c.message}" for c in checks if not c.passed)
            raise ExerciseCheckError(
                f"{self.exercise}: {len(checks) - result['n_passed']} of {len(checks)} checks did not pass with the "
                f"given answers:\n{failed}\nFix the answers file (answers_path) or the exercise, then rerun."
            )
        return result


def load_answers(path: str | Path) -> dict:
    """Read a JSON file of answers (``{"question": answer, ...}``); ``""`` gives no answers.

    Keys starting with ``_`` are comments and are dropped. Relative paths start at the project root.

    Raises:
        FileNotFoundError, ValueError: With the file and what to do.
    """
    if not str(path).strip():
        return {}
    file = paths.resolve(path)
    if not file.exists():
        hint = " The instructor's solutions were removed from this copy." if SOLUTIONS_DIR in file.parents else ""
        raise FileNotFoundError(f"answers_path {path!r}: no such file.{hint} Leave answers_path empty to use the answer cells.")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ValueError(f"{file}: not valid JSON ({err.msg}, line {err.lineno}). An answers file is one JSON object.") from None
    if not isinstance(data, dict):
        raise ValueError(f"{file}: an answers file is one JSON object, {{\"question\": answer, ...}}.")
    return {k: v for k, v in data.items() if not str(k).startswith("_")}


def answer(answers: Mapping, name: str, value):
    """The answer to ``name``: from the answers file when it has one, else the answer cell's ``value``."""
    return answers[name] if name in answers else value


def exercise_notebooks() -> list[Path]:
    """The exercise notebooks, in order (``notebooks/exercises/ex*.ipynb``)."""
    return sorted(EXERCISES_DIR.glob("ex*.ipynb"))


def solution_file(notebook: str | Path) -> Path:
    """The instructor's answers for an exercise: ``solutions/<notebook stem>.json``."""
    return SOLUTIONS_DIR / f"{Path(notebook).stem}.json"


def is_blank(value) -> bool:
    """True for an answer left empty: a missing value (:func:`analysis.validate.agreement.is_missing`: None, NaN,
    whitespace), or an empty list, tuple, dict or set."""
    return is_missing(value) or (isinstance(value, (list, tuple, dict, set)) and len(value) == 0)


def word_count(text) -> int:
    """Words (separated by whitespace) in a written answer; 0 for None."""
    return len(str(text or "").split())


def check_reflection(name: str, text: str, *, min_words: int = 12, prompt: str = "") -> Check:
    """A written answer: it passes when it has at least ``min_words`` words (content is for discussion).

    Args:
        name: The check's name.
        text: The student's answer.
        min_words: Words needed.
        prompt: What to think about, repeated when the answer is too short.
    """
    if is_blank(text):
        return unanswered(name)
    n = word_count(text)
    if n < min_words:
        return not_yet(name, f"your answer has {n} word{'' if n == 1 else 's'}; write at least {min_words}, in full sentences. {prompt}".strip())
    return passed(name, f"thank you ({n} words). Bring this to the discussion: there is no single right answer.")


def as_float(value) -> float | None:
    """A number typed by a student: ``0.6``, ``"0.6"``, ``"3/5"`` or ``"60%"``; None if blank, NaN if unreadable."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            if text.endswith("%"):
                return float(text[:-1]) / 100
            if "/" in text:
                num, den = text.split("/", 1)
                return float(num) / float(den)
        except (ValueError, ZeroDivisionError):
            return math.nan
        value = text
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def check_choice(name: str, value, options: Sequence[str], *, what: str = "one of") -> Check:
    """A choice among ``options`` (a prediction, say): it passes when it is one of them."""
    if is_blank(value):
        return unanswered(name)
    found = match_choice(value, options)
    if found is None:
        return not_yet(name, f"{value!r} is not {what}: {', '.join(map(repr, options))}.{did_you_mean(value, options)}")
    return passed(name, f"noted: {found!r}. Keep it in mind; you will compare it with the results below.")


def show_png(path: str | Path, *, title: str = "") -> None:
    """Show a PNG in the notebook (with a title line), or print its path outside Jupyter."""
    path = paths.resolve(path)
    if title:
        print(title)
    try:
        from IPython.display import Image, display

        display(Image(filename=str(path)))
    except ImportError:  # pragma: no cover - IPython is there whenever a notebook runs
        print(path)


def show_figure(fig, out_dir: str | Path, name: str) -> Path:
    """Save a figure with the study's :func:`analysis.plotting.charts.save_figure` (SVG + PNG) and show the PNG.

    The study's figures use matplotlib's non-interactive backend, so figures are shown from
    the saved file. Returns the PNG's path.
    """
    from analysis.plotting.charts import save_figure

    written = save_figure(fig, paths.resolve(out_dir), name)
    png = [p for p in written if p.suffix == ".png"][0]
    show_png(png)
    return png

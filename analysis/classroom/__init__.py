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
the unit out; see ``docs/teaching.md``). Nothing in this module holds a solution: every check
compares the answer with numbers computed from the data.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths
from analysis.validate.evaluate import precision_recall_f1
from analysis.compare.summaries import fingerprint_tables  # re-exported: exercise 4 calls ex.fingerprint_tables

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

EXERCISES_DIR = paths.ROOT / "notebooks" / "exercises"
SOLUTIONS_DIR = EXERCISES_DIR / "solutions"
EXERCISE_DATA = EXERCISES_DIR / "data"
STANCE_ITEMS = EXERCISE_DATA / "stance_sentences.csv"
EXAMPLE_NEW_SOURCE = EXERCISE_DATA / "new_source"

PASS = "pass"
NOT_YET = "not yet"
UNANSWERED = "unanswered"
_SYMBOL = {PASS: "✓", NOT_YET: "✗", UNANSWERED: "○"}
LABELS = ("neg", "neu", "pos")


# ---------------------------------------------------------------------------------------------
# Checks, answers and the checklist
# ---------------------------------------------------------------------------------------------


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


def _passed(name: str, message: str) -> Check:
    return Check(name, PASS, message)


def _not_yet(name: str, message: str) -> Check:
    return Check(name, NOT_YET, message)


def _unanswered(name: str, message: str = "") -> Check:
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
        out = [self.results.get(n) or _unanswered(n, "this check never ran: run every cell from the top.") for n in self.expected]
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


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict, set)):
        return len(value) == 0
    return False


def _words(text) -> int:
    return len(str(text or "").split())


def check_reflection(name: str, text: str, *, min_words: int = 12, prompt: str = "") -> Check:
    """A written answer: it passes when it has at least ``min_words`` words (content is for discussion).

    Args:
        name: The check's name.
        text: The student's answer.
        min_words: Words needed.
        prompt: What to think about, repeated when the answer is too short.
    """
    if _blank(text):
        return _unanswered(name)
    n = _words(text)
    if n < min_words:
        return _not_yet(name, f"your answer has {n} words; write at least {min_words}, in full sentences. {prompt}".strip())
    return _passed(name, f"thank you ({n} words). Bring this to the discussion: there is no single right answer.")


def _as_float(value) -> float | None:
    """A number typed by a student: ``0.6``, ``"0.6"``, ``"3/5"`` or ``"60%"``; None if blank, NaN if unreadable."""
    if _blank(value):
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


def _choice(value, options: Sequence[str]) -> str | None:
    """Match a typed choice to one of ``options`` (case and spacing ignored); None if no match."""
    key = " ".join(str(value).split()).casefold()
    for option in options:
        if key == " ".join(str(option).split()).casefold():
            return option
    return None


def _suggest(value, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


def check_choice(name: str, value, options: Sequence[str], *, what: str = "one of") -> Check:
    """A choice among ``options`` (a prediction, say): it passes when it is one of them."""
    if _blank(value):
        return _unanswered(name)
    found = _choice(value, options)
    if found is None:
        return _not_yet(name, f"{value!r} is not {what}: {', '.join(map(repr, options))}.{_suggest(value, options)}")
    return _passed(name, f"noted: {found!r}. Keep it in mind; you will compare it with the results below.")


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


# ---------------------------------------------------------------------------------------------
# Exercise 1: spot the loaded language by hand, then compare with the lexicon
# ---------------------------------------------------------------------------------------------


def show_article(text: str, *, width: int = 96) -> None:
    """Print an article paragraph by paragraph, wrapped, with paragraph numbers."""
    k = 0
    for para in text.splitlines():
        if not para.strip():
            continue
        k += 1
        print(textwrap.fill(para.strip(), width=width, initial_indent=f"[{k}] ", subsequent_indent="    "))
        print()


def find_phrases(text: str, phrases: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """Where the student's phrases occur in ``text``.

    Each phrase is matched as whole words (lexicon pattern syntax: case, curly vs straight
    quotes and hyphen vs space do not matter; not inside hyphenated compounds, so
    "escalation" does not match in "de-escalation"); every occurrence counts.

    Returns:
        ``(spans, not_found)``: ``spans`` has ``phrase, start, end, text`` (one row per
        occurrence, duplicates removed, sorted by ``start``); ``not_found`` lists the phrases
        that occur nowhere (or are not usable as a pattern).
    """
    from analysis.text.lexicon import PatternError, PatternMatcher
    from analysis.text.tokens import tokenize

    if isinstance(phrases, str):
        phrases = [phrases]
    tokens = tokenize(text)
    rows, not_found = [], []
    for phrase in phrases:
        phrase = str(phrase).strip().strip("\"'“”‘’ ").strip()
        try:
            found = PatternMatcher([phrase]).find(text, tokens, within_compounds=False) if phrase else []
        except PatternError:
            found = []
        if not found:
            not_found.append(phrase)
        rows += [(phrase, m.start, m.end, text[m.start : m.end]) for m in found]
    spans = pd.DataFrame(rows, columns=["phrase", "start", "end", "text"])
    spans = spans.drop_duplicates(["start", "end"]).sort_values(["start", "end"]).reset_index(drop=True)
    return spans.astype({"start": "int64", "end": "int64"}), not_found


def check_spans(text: str, phrases: Sequence[str], *, minimum: int = 5) -> Check:
    """The student's loaded words and phrases: enough of them, and each found in the article."""
    name = "spans"
    if _blank(phrases):
        return _unanswered(name)
    if isinstance(phrases, str):
        return _not_yet(name, 'give a list of phrases in square brackets, e.g. ["so-called", "reckless"], not one string.')
    spans, missing = find_phrases(text, phrases)
    if missing:
        return _not_yet(name, f"{len(missing)} of your phrases do not occur in the article as written: "
                        f"{', '.join(map(repr, missing))}. Copy them from the text (whole words, same spelling).")
    if len(phrases) < minimum:
        return _not_yet(name, f"you marked {len(phrases)} phrase(s); read again and find at least {minimum}. Look at "
                        "verbs and adjectives that judge, labels for people and groups, words in quotation marks "
                        "that nobody says, and euphemisms.")
    return _passed(name, f"{len(phrases)} phrases, {len(spans)} places in the article. Every phrase counts wherever it "
                   "occurs, as in a lexicon.")


def lexicon_spans(corpus: pd.DataFrame, lexicon, ident: str) -> pd.DataFrame:
    """The lexicon's counted spans (negated ones left out) in one article, scare quotes included."""
    from analysis.measures.loaded import score_loaded

    _, spans = score_loaded(corpus[corpus["id"] == ident], lexicon)
    return spans[~spans["negated"]].reset_index(drop=True)


def compare_spans(mine: pd.DataFrame, theirs: pd.DataFrame, *, names: tuple[str, str] = ("you", "lexicon")) -> pd.DataFrame:
    """Put two sets of spans of one text side by side, pairing spans that overlap (one to one).

    Args:
        mine, theirs: Spans with ``start, end, text`` (``theirs`` may have ``category``).
        names: Column names for the two sides.

    Returns:
        One row per pair or unpaired span, sorted by position: ``start, <a>, <b>, category,
        both`` where ``<a>``/``<b>`` hold the span's text or ``""`` and ``category`` is the
        second side's category (else the first's).
    """
    from analysis.validate.evaluate import match_overlap

    a_name, b_name = names
    mine = mine.sort_values("start").reset_index(drop=True)
    theirs = theirs.sort_values("start").reset_index(drop=True)
    pairs = match_overlap(list(zip(mine["start"], mine["end"])), list(zip(theirs["start"], theirs["end"])))
    paired_a = {g for g, _ in pairs}
    paired_b = {p for _, p in pairs}
    cat_b = theirs["category"].astype(str).tolist() if "category" in theirs.columns else [""] * len(theirs)
    cat_a = mine["category"].astype(str).tolist() if "category" in mine.columns else [""] * len(mine)
    rows = [(min(mine.at[g, "start"], theirs.at[p, "start"]), mine.at[g, "text"], theirs.at[p, "text"], cat_b[p] or cat_a[g], True)
            for g, p in pairs]
    rows += [(mine.at[g, "start"], mine.at[g, "text"], "", cat_a[g], False) for g in range(len(mine)) if g not in paired_a]
    rows += [(theirs.at[p, "start"], "", theirs.at[p, "text"], cat_b[p], False) for p in range(len(theirs)) if p not in paired_b]
    table = pd.DataFrame(rows, columns=["start", a_name, b_name, "category", "both"])
    return table.sort_values(["start", a_name]).reset_index(drop=True)


def precision_recall(comparison: pd.DataFrame, *, names: tuple[str, str] = ("you", "lexicon")) -> dict:
    """Precision and recall of the second side (the lexicon) against the first (your reading).

    Precision: the share of the lexicon's matches that you also marked. Recall: the share of
    your spans that the lexicon found. Overlap counts as agreement.
    """
    a_name, b_name = names
    tp = int(comparison["both"].sum())
    n_a = int((comparison[a_name] != "").sum())
    n_b = int((comparison[b_name] != "").sum())
    precision, recall, f1 = precision_recall_f1(tp, n_a, n_b)
    return {"tp": tp, f"n_{a_name}": n_a, f"n_{b_name}": n_b, "precision": precision, "recall": recall, "f1": f1}


def check_precision_recall(precision, recall, comparison: pd.DataFrame) -> Check:
    """The student's hand-computed precision and recall of the lexicon against their own reading."""
    name = "precision_recall"
    p, r = _as_float(precision), _as_float(recall)
    if p is None and r is None:
        return _unanswered(name)
    if p is None or r is None:
        return _not_yet(name, "give both numbers, precision and recall.")
    if math.isnan(p) or math.isnan(r):
        return _not_yet(name, "give numbers, such as 3/5 or 0.6.")
    truth = precision_recall(comparison)
    tp, n_you, n_lex = truth["tp"], truth["n_you"], truth["n_lexicon"]
    if p > 1 or r > 1:
        return _not_yet(name, "precision and recall are shares between 0 and 1: divide the number of agreeing spans by "
                        "the number of spans of one side (e.g. 3/5).")
    if n_you == 0 or n_lex == 0:
        return _not_yet(name, "one side has no spans, so one of the two numbers is undefined; mark some spans first.")
    ok_p, ok_r = abs(p - truth["precision"]) < 0.015, abs(r - truth["recall"]) < 0.015
    if ok_p and ok_r:
        return _passed(name, f"right: the lexicon found {tp} of your {n_you} spans (recall {tp}/{n_you} = "
                       f"{truth['recall']:.2f}), and {tp} of its {n_lex} matches are spans you marked (precision "
                       f"{tp}/{n_lex} = {truth['precision']:.2f}).")
    if abs(p - truth["recall"]) < 0.015 and abs(r - truth["precision"]) < 0.015:
        return _not_yet(name, "you swapped the two. Precision asks: of everything the lexicon flagged, how much did you "
                        "also mark? Recall asks: of everything you marked, how much did the lexicon find?")
    hints = []
    if not ok_p:
        hints.append(f"precision: count the rows where the lexicon column is filled ({n_lex}); how many of them "
                     "have both columns filled?")
    if not ok_r:
        hints.append(f"recall: count the rows where your column is filled ({n_you}); how many of them have both "
                     "columns filled?")
    return _not_yet(name, "not quite. " + " ".join(hints))


def check_missed(missed: str, why: str, comparison: pd.DataFrame) -> Check:
    """A phrase the student marked that the lexicon missed, and why a lexicon cannot see it."""
    name = "missed"
    only_you = [t for t in comparison.loc[comparison["lexicon"] == "", "you"]]
    if _blank(missed) and _blank(why):
        return _unanswered(name)
    if not only_you:
        return _passed(name, "the lexicon found every span you marked, so there is nothing it missed. Still: what could "
                       "a lexicon never find? Think about blame carried by sentence structure.")
    if _blank(missed) or not any(str(missed).strip().casefold() in t.casefold() or t.casefold() in str(missed).casefold()
                                 for t in only_you):
        return _not_yet(name, "name one of your spans that the lexicon did not find (rows with an empty lexicon column): "
                        + ", ".join(map(repr, only_you[:6])) + ".")
    if _words(why) < 8:
        return _not_yet(name, "now say in a sentence or two (8 words or more) why a list of words could not find it: is it "
                        "missing from the list, or is the judgement made by the context or the sentence structure?")
    return _passed(name, f"good: {missed!r} is loaded in your reading and invisible to the lexicon.")


def check_false_alarm(term: str, why: str, comparison: pd.DataFrame) -> Check:
    """A lexicon match the student did not mark, and whether it is loaded in context."""
    name = "false_alarm"
    only_lex = [t for t in comparison.loc[comparison["you"] == "", "lexicon"]]
    if _blank(term) and _blank(why):
        return _unanswered(name)
    if not only_lex:
        return _passed(name, "you marked every match of the lexicon, so it raised no false alarm against your reading.")
    if _blank(term) or not any(str(term).strip().casefold() in t.casefold() or t.casefold() in str(term).casefold()
                               for t in only_lex):
        return _not_yet(name, "name one lexicon match that you did not mark (rows with an empty 'you' column): "
                        + ", ".join(map(repr, only_lex[:6])) + ".")
    if _words(why) < 8:
        return _not_yet(name, "say in 8 words or more whether it is loaded in this context, and why you left it out "
                        "(the codebook's 'What is not coded' list may help).")
    return _passed(name, f"good: {term!r} shows how a lexicon counts a word whatever its context.")


def spans_table(spans: pd.DataFrame, ident: str, *, category: str = "") -> pd.DataFrame:
    """The student's spans in the codebook's format (``id, start, end, text, term, category, in_quote``)."""
    out = pd.DataFrame({"id": ident, "start": spans["start"], "end": spans["end"], "text": spans["text"],
                        "term": [" ".join(t.lower().split()) for t in spans["text"]], "category": category,
                        "in_quote": False})
    return out


# ---------------------------------------------------------------------------------------------
# Exercise 2: edit the lexicon and rerun the study
# ---------------------------------------------------------------------------------------------


def _as_list(value) -> list:
    """A student's list answer: None or blank is empty, a single item (a string, a dict) is a list of one."""
    if _blank(value):
        return []
    if isinstance(value, (str, Mapping)):
        return [value]
    return list(value)


class LexiconEditError(ValueError):
    """A lexicon edit that cannot be applied; the message says which and what to do."""


def _pattern_key(pattern: str) -> str:
    from analysis.text.lexicon import parse_pattern

    try:
        return " ".join(parse_pattern(str(pattern)).norms) + ("*" if parse_pattern(str(pattern)).wildcard else "")
    except ValueError:
        return " ".join(str(pattern).lower().split())


def edit_lexicon(base: str | Path | pd.DataFrame, *, add: Sequence[Mapping] = (), remove: Sequence[str] = (),
                 provenance: str = "exercise") -> pd.DataFrame:
    """A copy of a lexicon with rows removed and added (the file itself is never changed).

    Args:
        base: The lexicon CSV (or its rows).
        add: New rows: ``{"pattern", "category", "weight"}`` and optionally ``"note"``.
        remove: Patterns to remove, written as in the lexicon (``"escalating"``, ``"provocat*"``).
        provenance: The ``provenance`` of added rows.

    Returns:
        The edited rows, validated by :class:`analysis.text.lexicon.Lexicon`.

    Raises:
        LexiconEditError: For a pattern to remove that is not in the lexicon, a new row that is
            incomplete or already present, or a row the lexicon rejects (bad pattern, weight
            out of (0, 3], bad category name), with what to do.
    """
    from analysis.text.lexicon import Lexicon, LexiconError

    add, remove = _as_list(add), _as_list(remove)
    frame = base.copy() if isinstance(base, pd.DataFrame) else pd.read_csv(paths.resolve(base), dtype=str, keep_default_na=False)
    keys = [_pattern_key(p) for p in frame["pattern"]]
    problems = []
    drop = set()
    for pattern in remove:
        key = _pattern_key(pattern)
        hits = [i for i, k in enumerate(keys) if k == key]
        if not hits:
            close = difflib.get_close_matches(str(pattern).lower(), [str(p).lower() for p in frame["pattern"]], n=3, cutoff=0.75)
            hint = f" Close patterns in the lexicon: {', '.join(map(repr, close))}." if close else ""
            problems.append(f"remove {pattern!r}: no such pattern in the lexicon.{hint}")
        drop.update(hits)
    kept_keys = {k for i, k in enumerate(keys) if i not in drop}
    new_rows = []
    for n, row in enumerate(add, start=1):
        if not isinstance(row, Mapping):
            problems.append(f"add, row {n}: write each new row as {{\"pattern\": ..., \"category\": ..., \"weight\": ...}}.")
            continue
        missing = [c for c in ("pattern", "category", "weight") if _blank(row.get(c))]
        if missing:
            problems.append(f"add, row {n} ({row.get('pattern', '')!r}): missing {', '.join(missing)}.")
            continue
        key = _pattern_key(row["pattern"])
        if key in kept_keys:
            where = [i for i, k in enumerate(keys) if k == key][0]
            problems.append(f"add {row['pattern']!r}: already in the lexicon (category {frame.at[where, 'category']!r}, "
                            f"weight {frame.at[where, 'weight']}). To change it, remove it and add it again.")
            continue
        kept_keys.add(key)
        new_rows.append({**{c: "" for c in frame.columns}, "pattern": str(row["pattern"]).strip(),
                         "category": str(row["category"]).strip(), "weight": str(row["weight"]),
                         "provenance": provenance, "note": str(row.get("note", "")), "case_sensitive": "false"})
    if problems:
        raise LexiconEditError("\n".join(problems))
    edited = pd.concat([frame.drop(index=sorted(drop)), pd.DataFrame(new_rows, columns=frame.columns)], ignore_index=True)
    try:
        Lexicon.from_frame(edited, source="your edited lexicon")
    except LexiconError as err:
        raise LexiconEditError(str(err)) from None
    unknown = sorted({r["category"] for r in new_rows} - set(frame["category"]))
    if unknown:
        raise LexiconEditError(f"new categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(map(repr, unknown))}: use one of "
                               f"the lexicon's categories ({', '.join(sorted(set(frame['category'])))}), so that the "
                               "figures stay comparable.")
    return edited


def check_lexicon_edits(base: str | Path, add: Sequence[Mapping], remove: Sequence[str]) -> Check:
    """The student's lexicon edits: at least one, and every one valid."""
    name = "lexicon_edits"
    add, remove = _as_list(add), _as_list(remove)
    if not add and not remove:
        return _unanswered(name)
    try:
        edit_lexicon(base, add=add, remove=remove)
    except LexiconEditError as err:
        return _not_yet(name, "some edits cannot be applied yet: " + str(err).replace("\n", " "))
    return _passed(name, f"{len(add)} pattern(s) added and {len(remove)} removed; the edited copy is valid.")


def write_lexicon(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write lexicon rows as CSV (UTF-8, ``\\n`` line ends)."""
    from analysis.tables.io import write_csv

    return write_csv(frame, paths.resolve(path))


def score_with(corpus: pd.DataFrame, lexicon: str | Path, out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Score ``corpus`` with a lexicon (bundled targets and frames) and write the tables into ``out_dir``."""
    from analysis.tables.score import Scorer, write_scores

    tables = Scorer.load(lexicon=paths.resolve(lexicon))(corpus)
    write_scores(tables, paths.resolve(out_dir))
    return tables


@dataclass(frozen=True)
class NotebookRun:
    """One papermill run: the notebook, its executed copy, the exit code and the error text (if any)."""

    notebook: Path
    output: Path
    returncode: int
    error: str

    @property
    def ok(self) -> bool:
        """True when every cell ran."""
        return self.returncode == 0


def run_notebooks(jobs: Sequence[tuple[str | Path, str | Path, Mapping]], *, max_workers: int | None = None,
                  timeout: float = 600, check: bool = True) -> list[NotebookRun]:
    """Run notebooks with papermill, several at a time, each in its own process.

    Args:
        jobs: ``(notebook, output, parameters)``; only the parameters a notebook declares are
            passed (paths may be :class:`~pathlib.Path` objects).
        max_workers: Notebooks run at the same time (default: all of them).
        timeout: Seconds allowed per notebook.
        check: Raise :class:`RuntimeError` with the failing notebooks' errors if any fails.

    Returns:
        One :class:`NotebookRun` per job, in the order of ``jobs``.
    """
    import time

    from analysis.report.pipeline import notebook_parameters

    max_workers = max_workers or max(1, len(jobs))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(paths.ROOT), os.environ.get("PYTHONPATH", "")]))}
    results: list[NotebookRun | None] = [None] * len(jobs)
    with tempfile.TemporaryDirectory() as tmp:
        commands = []
        for k, (notebook, output, values) in enumerate(jobs):
            notebook, output = paths.resolve(notebook), paths.resolve(output)
            declared = notebook_parameters(notebook)
            params = {key: (str(v) if isinstance(v, Path) else v) for key, v in values.items() if key in declared}
            params_file = Path(tmp) / f"params{k}.json"  # JSON is YAML: papermill -f reads it
            params_file.write_text(json.dumps(params), encoding="utf-8")
            output.parent.mkdir(parents=True, exist_ok=True)
            commands.append((notebook, output, [sys.executable, "-m", "papermill", str(notebook), str(output), "-f",
                                                str(params_file), "-k", "python3", "--cwd", str(paths.ROOT),
                                                "--no-progress-bar", "--log-level", "ERROR"]))
        pending = list(range(len(commands)))
        running: dict[int, tuple[subprocess.Popen, float, object]] = {}
        while pending or running:
            while pending and len(running) < max_workers:
                k = pending.pop(0)
                log = tempfile.TemporaryFile(mode="w+", dir=tmp)
                proc = subprocess.Popen(commands[k][2], stdout=subprocess.DEVNULL, stderr=log, text=True, env=env)
                running[k] = (proc, time.monotonic(), log)
            time.sleep(0.05)
            for k, (proc, started, log) in list(running.items()):
                if proc.poll() is None and time.monotonic() - started < timeout:
                    continue
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
                log.seek(0)
                err = "\n".join(line for line in log.read().splitlines() if "running over TCP" not in line)
                log.close()
                if proc.returncode != 0 and not err:
                    err = f"still running after {timeout:.0f} s"
                results[k] = NotebookRun(commands[k][0], commands[k][1], proc.returncode, err if proc.returncode else "")
                del running[k]
    failed = [r for r in results if not r.ok]
    if check and failed:
        raise RuntimeError("\n\n".join(f"{r.notebook.name} failed (executed copy: {r.output}):\n{r.error[-3000:]}"
                                        for r in failed))
    return results  # type: ignore[return-value]


def density_change(before: pd.DataFrame, after: pd.DataFrame, corpus: pd.DataFrame, *,
                   measure: str = "loaded_per_1k") -> pd.DataFrame:
    """Mean density per source before and after an edit: ``source, n_articles, before, after, change``."""
    src = corpus[["id", "source"]]
    b = before[["id", measure]].merge(src, on="id").groupby("source")[measure].mean()
    a = after[["id", measure]].merge(src, on="id").groupby("source")[measure].mean()
    n = src.groupby("source").size()
    from analysis.plotting.charts import source_order

    table = pd.DataFrame({"n_articles": n, "before": b, "after": a})
    table["change"] = table["after"] - table["before"]
    return table.reindex(source_order(table.index)).rename_axis("source").reset_index()


def span_changes(before: pd.DataFrame, after: pd.DataFrame, corpus: pd.DataFrame, *, chars: int = 45) -> pd.DataFrame:
    """The counted spans an edit added or removed, in context: ``change, id, source, text, category, context``."""
    from analysis.compare.summaries import context, counted_spans

    keys = ["id", "start", "end"]
    b, a = counted_spans(before), counted_spans(after)
    merged = b[keys + ["text", "category"]].merge(a[keys + ["text", "category"]], on=keys, how="outer",
                                                  suffixes=("_b", "_a"), indicator="side")
    merged = merged[merged["side"] != "both"]
    texts = corpus.set_index("id")["text"]
    sources = corpus.set_index("id")["source"]
    rows = []
    for r in merged.itertuples(index=False):
        added = r.side == "right_only"
        left, right = context(texts[r.id], int(r.start), int(r.end), chars=chars)
        text = r.text_a if added else r.text_b
        rows.append(("added" if added else "removed", r.id, sources[r.id], text, r.category_a if added else r.category_b,
                     f"…{left}[{text}]{right}…"))
    out = pd.DataFrame(rows, columns=["change", "id", "source", "text", "category", "context"])
    return out.sort_values(["change", "id", "text"]).reset_index(drop=True)


def before_after_figure(table: pd.DataFrame, *, order: Sequence[str], palette: Mapping[str, str],
                        xlabel: str = "loaded terms per 1,000 words (source mean)"):
    """Each source's mean density before (hollow) and after (filled) the edit, joined by an arrow."""
    import matplotlib.pyplot as plt

    from analysis.plotting.charts import FIG_WIDTH

    t = table.set_index("source").reindex(order)
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, max(2.0, 0.5 * len(order) + 1.0)))
    for y, source in enumerate(order):
        b, a = float(t.at[source, "before"]), float(t.at[source, "after"])
        colour = palette[source]
        if abs(a - b) > 1e-9:
            ax.annotate("", xy=(a, y), xytext=(b, y), arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})
        ax.plot(b, y, "o", mfc="white", mec=colour, mew=1.5, ms=7)
        ax.plot(a, y, "o", color=colour, ms=7)
        ax.annotate(f"{a - b:+.1f}", (max(a, b), y), xytext=(8, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.5)
    hi = float(np.nanmax(t[["before", "after"]].to_numpy())) if len(t) else 1.0
    ax.set_xlim(0, hi * 1.25 + 1)
    ax.set_xlabel(xlabel)
    ax.set_title("Before (hollow) and after (filled) your lexicon edit", loc="left")
    fig.tight_layout()
    return fig


def check_largest_change(answer_source: str, table: pd.DataFrame) -> Check:
    """Which source's mean density changed most (in absolute terms) after the edit, read from the figure."""
    name = "largest_change"
    if _blank(answer_source):
        return _unanswered(name)
    sources = table["source"].tolist()
    found = _choice(answer_source, sources)
    if found is None:
        return _not_yet(name, f"{answer_source!r} is not a source of the corpus: {', '.join(map(repr, sources))}."
                        + _suggest(answer_source, sources))
    size = table.set_index("source")["change"].abs()
    if size.max() < 1e-9:
        return _not_yet(name, "no source changed: your edits match nothing in the corpus. Check your patterns with kwic().")
    best = size[size >= size.max() - 1e-9].index.tolist()
    if found in best:
        return _passed(name, f"right: {found} moved by {table.set_index('source').at[found, 'change']:+.2f} per 1,000 words.")
    return _not_yet(name, f"{found} moved by {table.set_index('source').at[found, 'change']:+.2f}; look again at the "
                    "length of the arrows in the figure (or the `change` column).")


# ---------------------------------------------------------------------------------------------
# Exercise 3: code stance with a partner, agreement, and a model trained on the class's labels
# ---------------------------------------------------------------------------------------------


_LABEL_WORDS = {"neg": "neg", "negative": "neg", "-": "neg", "-1": "neg", "neu": "neu", "neutral": "neu", "0": "neu",
                "pos": "pos", "positive": "pos", "+": "pos", "1": "pos", "+1": "pos"}


def _label(value, where: str) -> str:
    key = str(value).strip().lower()
    if key not in _LABEL_WORDS:
        raise ValueError(f"{where}: label {value!r} is not one of neg, neu, pos.")
    return _LABEL_WORDS[key]


def load_items(path: str | Path = STANCE_ITEMS) -> pd.DataFrame:
    """The sentences to code (``item, id, source, target, start, end, sentence_start, sentence_end, mention, sentence``)."""
    items = pd.read_csv(paths.resolve(path), dtype={"id": str}, keep_default_na=False)
    return items.sort_values("item").reset_index(drop=True)


def coding_sheet(items: pd.DataFrame) -> pd.DataFrame:
    """What a coder sees: ``item, actor, mention, sentence, label`` (empty), without source or article."""
    return pd.DataFrame({"item": items["item"], "actor": items["target"], "mention": items["mention"],
                         "sentence": [" ".join(s.split()) for s in items["sentence"]], "label": ""})


def show_items(items: pd.DataFrame, *, width: int = 100) -> None:
    """Print the items to code: number, actor, the sentence with the mention in [brackets]."""
    for r in items.itertuples(index=False):
        a, b = r.start - r.sentence_start, r.end - r.sentence_start
        s = r.sentence
        marked = " ".join((s[:a] + "[" + s[a:b] + "]" + s[b:]).split())
        print(textwrap.fill(f"{r.item:>2}. {r.target}: {marked}", width=width, subsequent_indent="    "))


def read_labels(value, items: pd.DataFrame) -> pd.Series:
    """A coder's labels as a Series indexed by item (missing items left out).

    Args:
        value: A dict ``{item: label}``, a list of labels in item order, or the path of a filled
            coding sheet (CSV with ``item`` and ``label``). Labels: ``neg``, ``neu``, ``pos``
            (``negative``/``neutral``/``positive`` accepted); blanks are skipped.
        items: The items.

    Raises:
        ValueError: For a label that is not one of the three, or an item that does not exist.
    """
    if _blank(value):
        return pd.Series(dtype=object, name="label")
    if isinstance(value, (str, Path)):
        file = paths.resolve(value)
        if not file.exists():
            raise FileNotFoundError(f"{value}: no such coding sheet. Give the path of your filled-in CSV (item,label).")
        sheet = pd.read_csv(file, dtype=str, keep_default_na=False)
        if not {"item", "label"} <= set(sheet.columns):
            raise ValueError(f"{value}: a coding sheet needs the columns item and label.")
        pairs = list(zip(sheet["item"], sheet["label"]))
    elif isinstance(value, Mapping):
        pairs = list(value.items())
    else:
        pairs = list(zip(items["item"], value))
    valid = set(items["item"].astype(int))
    out = {}
    for item, label in pairs:
        if _blank(label):
            continue
        try:
            k = int(str(item).strip())
        except ValueError:
            raise ValueError(f"item {item!r} is not a number: use the item numbers of the list.") from None
        if k not in valid:
            raise ValueError(f"item {k} does not exist: the items are numbered 1 to {max(valid)}.")
        out[k] = _label(label, f"item {k}")
    return pd.Series(out, dtype=object, name="label").sort_index()


def check_coding(name: str, value, items: pd.DataFrame, *, other=None) -> Check:
    """A coder's labels: every item coded with ``neg``, ``neu`` or ``pos``."""
    if _blank(value):
        return _unanswered(name)
    try:
        labels = read_labels(value, items)
    except (ValueError, FileNotFoundError) as err:
        return _not_yet(name, str(err))
    if labels.empty:
        return _unanswered(name)
    missing = sorted(set(items["item"].astype(int)) - set(labels.index))
    if missing:
        return _not_yet(name, f"{len(labels)} of {len(items)} items coded; still to code: {', '.join(map(str, missing[:12]))}"
                        + (" …" if len(missing) > 12 else "") + ".")
    counts = labels.value_counts().reindex(LABELS, fill_value=0)
    note = ""
    if other is not None and not _blank(other):
        try:
            b = read_labels(other, items)
            if len(b) == len(labels) and (b.reindex(labels.index) == labels).all():
                note = " Your labels are identical to the other coder's: did you code independently? That is rare."
        except (ValueError, FileNotFoundError):
            pass
    if counts.max() == len(labels):
        note += f" Every item is {counts.idxmax()!r}: then kappa and alpha are undefined; read the codebook again."
    return _passed(name, f"all {len(items)} items coded: {counts['neg']} neg, {counts['neu']} neu, {counts['pos']} pos." + note)


def pair_table(a: pd.Series, b: pd.Series, *, names: tuple[str, str] = ("you", "partner")) -> pd.DataFrame:
    """The two coders' labels crossed (rows: first coder, columns: second), with totals."""
    both = pd.DataFrame({names[0]: a, names[1]: b}).dropna()
    table = pd.crosstab(both[names[0]], both[names[1]], margins=True, margins_name="total")
    order = [*LABELS, "total"]
    return table.reindex(index=order, columns=order, fill_value=0)


def check_percent_agreement(value, a: pd.Series, b: pd.Series) -> Check:
    """The share of items on which the two coders agree, computed by hand from the table."""
    from analysis.validate.agreement import percent_agreement

    name = "percent_agreement"
    v = _as_float(value)
    if v is None:
        return _unanswered(name)
    common = a.index.intersection(b.index)
    if len(common) == 0:
        return _not_yet(name, "code the items (both coders) first.")
    truth = percent_agreement(a[common].tolist(), b[common].tolist())
    agree = int(round(truth * len(common)))
    if math.isnan(v) or v > 1:
        return _not_yet(name, f"give a share between 0 and 1, e.g. {agree}/{len(common)}.")
    if abs(v - truth) < 0.005:
        return _passed(name, f"right: {agree} of {len(common)} items on the diagonal, {truth:.2f}.")
    return _not_yet(name, "not quite: add the numbers on the diagonal of the table (same label from both coders) and "
                    "divide by the number of items.")


def check_expected_agreement(value, a: pd.Series, b: pd.Series) -> Check:
    """Chance agreement p_e of Cohen's kappa, computed by hand from the table's margins."""
    from analysis.validate.agreement import expected_agreement

    name = "expected_agreement"
    v = _as_float(value)
    if v is None:
        return _unanswered(name)
    common = a.index.intersection(b.index)
    if len(common) == 0:
        return _not_yet(name, "code the items (both coders) first.")
    truth = expected_agreement(a[common].tolist(), b[common].tolist())
    if math.isnan(v) or v > 1:
        return _not_yet(name, "give a share between 0 and 1.")
    if abs(v - truth) < 0.005:
        return _passed(name, f"right: p_e = {truth:.3f}. Two coders who labelled at random, each with their own mix of "
                       "labels, would agree this often.")
    n = len(common)
    return _not_yet(name, f"not quite. For each label, multiply the share of items the first coder gave it (row total / {n}) "
                    f"by the share the second coder gave it (column total / {n}), then add the three products.")


def check_disagreement(item, reason: str, a: pd.Series, b: pd.Series) -> Check:
    """One item the coders disagreed on, and the codebook rule that would settle it."""
    name = "disagreement"
    common = a.index.intersection(b.index)
    disagree = [int(k) for k in common if a[k] != b[k]]
    if _blank(item) and _blank(reason):
        return _unanswered(name)
    if not disagree:
        return _passed(name, "you agreed on every item, so there is nothing to settle. Which item was hardest anyway?")
    try:
        k = int(item)
    except (TypeError, ValueError):
        return _not_yet(name, f"give the item number of a disagreement, one of {', '.join(map(str, disagree))}.")
    if k not in disagree:
        return _not_yet(name, f"you agreed on item {k}. The disagreements are items {', '.join(map(str, disagree))}.")
    if _words(reason) < 10:
        return _not_yet(name, "say in 10 words or more which rule of the codebook (author's voice, quoted speech, "
                        "misfortune is not stance, one-sided voices …) settles it, and how.")
    return _passed(name, f"item {k}: {a[k]} vs {b[k]}. Writing down such rulings is how a codebook grows.")


def class_labels(value, items: pd.DataFrame, pair: Mapping[str, pd.Series]) -> pd.DataFrame:
    """Every coder's labels in long format: ``item, coder, label``.

    Args:
        value: A CSV path (``item, coder, label``, one row per item and coder: the whole
            class's coding) or ``""`` to use the pair's labels.
        items: The items.
        pair: ``{coder name: labels}`` used when ``value`` is empty.
    """
    if _blank(value):
        rows = [(int(k), name, lab) for name, labels in pair.items() for k, lab in labels.items()]
        return pd.DataFrame(rows, columns=["item", "coder", "label"])
    file = paths.resolve(value)
    if not file.exists():
        raise FileNotFoundError(f"{value}: no such file. Give the class's labels as a CSV with item,coder,label.")
    frame = pd.read_csv(file, dtype=str, keep_default_na=False)
    missing = {"item", "coder", "label"} - set(frame.columns)
    if missing:
        raise ValueError(f"{value}: missing column(s) {', '.join(sorted(missing))}; the class's labels need item,coder,label.")
    frame = frame[frame["label"].str.strip() != ""]
    valid = set(items["item"].astype(int))
    frame["item"] = frame["item"].astype(int)
    bad = sorted(set(frame["item"]) - valid)
    if bad:
        raise ValueError(f"{value}: items {bad} do not exist (the items are numbered 1 to {max(valid)}).")
    frame["label"] = [_label(v, f"{value}, item {i}") for v, i in zip(frame["label"], frame["item"])]
    return frame[["item", "coder", "label"]].reset_index(drop=True)


def majority_labels(long: pd.DataFrame) -> pd.DataFrame:
    """One label per item by majority vote: ``item, label, n_coders, share, tie``.

    A tie is settled toward ``neu`` when ``neu`` is among the most frequent labels (the coders
    do not agree on a direction); a tie between ``neg`` and ``pos`` alone leaves the item out.
    """
    rows = []
    for item, group in long.groupby("item", sort=True):
        counts = group["label"].value_counts()
        top = sorted(counts[counts == counts.max()].index)
        tie = len(top) > 1
        if tie and "neu" not in top:
            continue
        label = "neu" if tie else top[0]
        rows.append((int(item), label, len(group), float(counts.max() / len(group)), tie))
    return pd.DataFrame(rows, columns=["item", "label", "n_coders", "share", "tie"])


def rule_scores(items: pd.DataFrame, corpus: pd.DataFrame, *, threshold: float = 0.1) -> pd.DataFrame:
    """The study's rule-based score of each item's mention (from scoring its whole article).

    Returns:
        ``item, score, rules`` with ``rules`` = ``pos`` above ``threshold``, ``neg`` below its
        negative, else ``neu`` (the threshold the validation uses).
    """
    from analysis.measures.stance import score_stance

    mentions, _ = score_stance(corpus[corpus["id"].isin(set(items["id"]))], with_sentence=False)
    joined = items[["item", "id", "start", "end"]].merge(mentions[["id", "start", "end", "score"]], on=["id", "start", "end"], how="left")
    joined["score"] = joined["score"].fillna(0.0)
    joined["rules"] = np.where(joined["score"] > threshold, "pos", np.where(joined["score"] < -threshold, "neg", "neu"))
    return joined[["item", "score", "rules"]]


@dataclass
class ModelResult:
    """What training the stance model on the class's labels gave.

    Attributes:
        model: The model trained on every labelled item (None if it could not be trained).
        predictions: ``item, model`` out-of-sample labels from leave-one-out (empty if impossible).
        message: Plain words on what was done and how far to trust it.
    """

    model: object | None
    predictions: pd.DataFrame
    message: str


def train_on_labels(items: pd.DataFrame, labels: pd.DataFrame, corpus: pd.DataFrame) -> ModelResult:
    """Train the stance model on the class's labels and predict each item without its own label.

    Leave-one-out cross-validation: each item is predicted by a model trained on all the
    others (:func:`analysis.measures.stance_model.cross_validate` with one fold per item). With a few
    dozen sentences this runs in seconds and is the only split that leaves enough to train on.

    Args:
        items: The items.
        labels: ``item, label`` (e.g. from :func:`majority_labels`).
        corpus: The corpus holding the items' articles (their text gives the mentions' context).
    """
    from analysis.measures.stance import load_stance_resources
    from analysis.measures.stance_model import cross_validate, featurize, read_labeled, train

    data = items.merge(labels[["item", "label"]], on="item")
    texts = corpus.set_index("id")["text"]
    frame = pd.DataFrame({"text": [texts[i] for i in data["id"]], "start": data["start"], "end": data["end"],
                          "label": data["label"], "group": data["item"].astype(str)})
    empty = pd.DataFrame(columns=["item", "model"])
    counts = frame["label"].value_counts().reindex(LABELS, fill_value=0)
    if len(frame) == 0:
        return ModelResult(None, empty, "no labelled items yet: code the items first.")
    if (counts == 0).any():
        lacking = ", ".join(c for c in LABELS if counts[c] == 0)
        return ModelResult(None, empty, f"the class's labels have no item labelled {lacking}; a model needs examples of all "
                           "three labels. With so few sentences that happens: the model cannot be trained here.")
    frame = read_labeled(frame)
    resources = load_stance_resources()
    features = featurize(frame, resources=resources)
    model = train(frame, resources=resources, min_df=1)
    if (counts < 2).any():
        rare = ", ".join(c for c in LABELS if counts[c] < 2)
        return ModelResult(model, empty, f"only one item is labelled {rare}: leaving it out would leave the model without any "
                           "example of it, so no out-of-sample prediction is possible. The model was trained on all "
                           f"{len(frame)} items, but nothing tells how well it does.")
    report = cross_validate(frame, folds=len(frame), min_df=1, features=features)
    preds = pd.DataFrame({"item": data["item"].to_numpy(), "model": report.predictions})
    same = ""
    if len(set(report.predictions)) == 1:
        same = (f" Here it gave every item the label {report.predictions[0]!r}: it learned no more than which label is "
                "most common, so its agreement equals that label's share and its kappa is 0.")
    return ModelResult(model, preds, (
        f"leave-one-out on {len(frame)} items ({counts['neg']} neg, {counts['neu']} neu, {counts['pos']} pos): each item was "
        f"predicted by a model trained on the other {len(frame) - 1}. With this little data the model is not reliable: it "
        "learns from a handful of examples per label, and one changed label can change many predictions. The stance "
        "model in the study is trained on thousands of labelled sentences; treat this as a demonstration of the workflow, "
        "not as a measurement." + same))


def method_agreement(table: pd.DataFrame, *, reference: str = "class", methods: Sequence[str] = ("rules", "model")) -> pd.DataFrame:
    """How well each method agrees with the reference labels: ``method, n, agreement, kappa``."""
    from analysis.validate.agreement import cohen_kappa, percent_agreement

    rows = []
    for m in methods:
        if m not in table.columns:
            continue
        t = table[[reference, m]].dropna()
        t = t[(t[reference] != "") & (t[m] != "")]
        rows.append((m, len(t), percent_agreement(t[reference].tolist(), t[m].tolist()) if len(t) else math.nan,
                     cohen_kappa(t[reference].tolist(), t[m].tolist()) if len(t) else math.nan))
    return pd.DataFrame(rows, columns=["method", "n", "agreement", "kappa"])


def check_which_agrees(name: str, value, agreement: pd.DataFrame, *, column: str = "agreement") -> Check:
    """Which method agrees more with the class's labels by ``column`` (``agreement`` or ``kappa``):
    ``rules``, ``model`` or ``same``, read from the table of :func:`method_agreement`."""
    if _blank(value):
        return _unanswered(name)
    options = ["rules", "model", "same"]
    found = _choice(value, options)
    if found is None:
        return _not_yet(name, f"answer 'rules', 'model' or 'same' (not {value!r}).")
    t = agreement.set_index("method")[column]
    if "model" not in t.index or "rules" not in t.index or t.isna().any():
        return _passed(name, f"the {column} of one method is undefined here (no model, or a single label), so there is "
                       "nothing to compare; noted.")
    diff = t["model"] - t["rules"]
    truth = "same" if abs(diff) < 0.005 else ("model" if diff > 0 else "rules")
    if found == truth:
        return _passed(name, f"right: by {column}, rules {t['rules']:.2f} and model {t['model']:.2f}.")
    return _not_yet(name, f"look again at the `{column}` column of the table above.")


# ---------------------------------------------------------------------------------------------
# Exercise 4: add a new source and compare its framing fingerprint
# ---------------------------------------------------------------------------------------------


def load_new_source(path: str | Path, *, label: str = "", source_column: str = "source") -> pd.DataFrame:
    """Load the student's articles (any corpus format) and give them one source label.

    Args:
        path: A folder of ``.txt`` files (+ ``metadata.csv``) or a ``.csv``/``.jsonl``/``.parquet`` file.
        label: The source label for every article (default: the source column of the files).
        source_column: The column naming the source in the files.
    """
    from analysis.corpus import load_corpus

    new = load_corpus(paths.resolve(path), source_column=source_column)
    if label:
        new["source"] = label
    return new


def combine(bundled: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The bundled corpus plus the new source (ids must not clash), sorted by id."""
    clash = sorted(set(bundled["id"]) & set(new["id"]))
    if clash:
        raise ValueError(f"article ids {clash} are already used by the corpus; rename your files (e.g. new_01.txt).")
    columns = ["id", "source", "text", *[c for c in ("title", "date", "url") if c in bundled.columns or c in new.columns]]
    both = pd.concat([bundled.reindex(columns=columns), new.reindex(columns=columns)], ignore_index=True)
    return both.fillna("").sort_values("id", kind="stable").reset_index(drop=True)


def check_new_source(new: pd.DataFrame, bundled: pd.DataFrame, path: str | Path, *, min_articles: int = 2,
                     min_words: int = 60) -> Check:
    """The student's own source: not the example articles, enough articles and words, a new source label."""
    from analysis.text.tokens import tokenize

    name = "new_source"
    if paths.resolve(path).resolve() == EXAMPLE_NEW_SOURCE.resolve():
        return _unanswered(name, "you are using the example articles that come with the exercise. Write your own "
                           f"(at least {min_articles}, {min_words}+ words each), put them in a folder and write its path in the answer cell (my_source_path).")
    sources = sorted(set(new["source"]))
    if len(new) < min_articles:
        return _not_yet(name, f"{len(new)} article(s); write at least {min_articles}, so that the source has more than one voice.")
    short = [i for i, t in zip(new["id"], new["text"]) if len(tokenize(t)) < min_words]
    if short:
        return _not_yet(name, f"article(s) {', '.join(short)} have fewer than {min_words} words; rates per 1,000 words are "
                        "too unstable for such short texts. Write a little more.")
    if len(sources) != 1:
        return _not_yet(name, f"your articles have {len(sources)} source labels ({', '.join(sources)}); give them one label "
                        "(new_source_label) so that they form one source.")
    if sources[0] in set(bundled["source"]):
        return _not_yet(name, f"the label {sources[0]!r} is already a source of the corpus; choose a new name.")
    clash = sorted(set(bundled["id"]) & set(new["id"]))
    if clash:
        return _not_yet(name, f"article ids {clash} are already used by the corpus; rename your files.")
    return _passed(name, f"{len(new)} articles from {sources[0]!r}, {sum(len(tokenize(t)) for t in new['text']):,} words.")


def check_prediction_came_true(name: str, value, options: Sequence[str], truth: Sequence[str], *, what: str) -> Check:
    """A prediction made before the results: it passes when it is a valid choice; the message says if it came true."""
    if _blank(value):
        return _unanswered(name)
    found = _choice(value, options)
    if found is None:
        return _not_yet(name, f"{value!r} is not one of {', '.join(map(repr, options))}.{_suggest(value, options)}")
    if not truth:
        return _passed(name, f"you predicted {found!r}; the data cannot say ({what}).")
    if found in truth:
        return _passed(name, f"you predicted {found!r}, and it came true ({what}).")
    return _passed(name, f"you predicted {found!r}; the measures say {' / '.join(map(repr, truth))} ({what}). A wrong "
                   "prediction is useful: what did you expect the words to do that they did not?")


def check_dominant_frame(value, frame_means: pd.DataFrame, source: str) -> Check:
    """The frame with the highest rate for the student's source, read from panel c of the fingerprint."""
    name = "dominant_frame"
    if _blank(value):
        return _unanswered(name)
    row = frame_means.loc[source]
    options = list(row.index)
    found = _choice(str(value).replace(" ", "_"), options) or _choice(value, options)
    if found is None:
        pretty = [o.replace("_", " ") for o in options]
        return _not_yet(name, f"{value!r} is not a frame; the frames are {', '.join(pretty)}." + _suggest(value, pretty))
    top = row[row >= row.max() - 1e-9].index.tolist()
    if found in top:
        return _passed(name, f"right: {found.replace('_', ' ')}, {row[found]:.0f} indicators per 1,000 words.")
    return _not_yet(name, f"{found.replace('_', ' ')} has {row[found]:.0f} per 1,000 words in your source; find the darkest "
                    "cell in your source's row of panel c.")

"""Exercise 4: add a new source and compare its framing fingerprint with the bundled ones."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.classroom.checks import Check, EXAMPLE_NEW_SOURCE, did_you_mean, is_blank, match_choice, not_yet, passed, unanswered

__all__ = ["check_dominant_frame", "check_new_source", "check_prediction_came_true", "combine", "load_new_source"]


def load_new_source(path: str | Path, *, label: str = "", source_column: str = "source") -> pd.DataFrame:
    """Load the student's articles (any corpus format) and give them one source label.

    Args:
        path: A folder of ``.txt`` files (+ ``metadata.csv``) or a ``.csv``/``.jsonl``/``.parquet`` file.
        label: The source label for every article (default: the source column of the files).
        source_column: The column naming the source in the files.
    """
    import warnings

    from analysis.corpus import UNKNOWN_SOURCE, CorpusWarning, load_corpus

    with warnings.catch_warnings(record=True) as caught:  # kept: the warnings of the files, shown again below
        warnings.simplefilter("always")
        new = load_corpus(paths.resolve(path), source_column=source_column)
    for w in caught:  # articles without a source: check_new_source says what to do, in the student's words
        if not (issubclass(w.category, CorpusWarning) and repr(UNKNOWN_SOURCE) in str(w.message)):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if label:
        new["source"] = label
    elif (new["source"] == UNKNOWN_SOURCE).any():
        new.attrs["unnamed"] = source_column
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
        return unanswered(name, "you are using the example articles that come with the exercise. Write your own "
                           f"(at least {min_articles}, {min_words}+ words each), put them in a folder and write its path in the answer cell (my_source_path).")
    sources = sorted(set(new["source"]))
    if new.attrs.get("unnamed"):
        where = ("add a metadata.csv with the columns id,source,title,date to your folder (Step 1, point 3)"
                 if paths.resolve(path).is_dir() else f"give your file a {new.attrs['unnamed']!r} column")
        return not_yet(name, f"your articles have no source name: {where}, or set the parameter new_source_label.")
    if len(new) < min_articles:
        return not_yet(name, f"{len(new)} article(s); write at least {min_articles}, so that the source has more than one voice.")
    short = [i for i, t in zip(new["id"], new["text"]) if len(tokenize(t)) < min_words]
    if short:
        return not_yet(name, f"article(s) {', '.join(short)} have fewer than {min_words} words; rates per 1,000 words are "
                        "too unstable for such short texts. Write a little more.")
    if len(sources) != 1:
        return not_yet(name, f"your articles have {len(sources)} source labels ({', '.join(sources)}); give them one label "
                        "(new_source_label) so that they form one source.")
    if sources[0] in set(bundled["source"]):
        return not_yet(name, f"the label {sources[0]!r} is already a source of the corpus; choose a new name.")
    clash = sorted(set(bundled["id"]) & set(new["id"]))
    if clash:
        return not_yet(name, f"article ids {clash} are already used by the corpus; rename your files.")
    return passed(name, f"{len(new)} articles from {sources[0]!r}, {sum(len(tokenize(t)) for t in new['text']):,} words.")


def check_prediction_came_true(name: str, value, options: Sequence[str], truth: Sequence[str], *, what: str) -> Check:
    """A prediction made before the results: it passes when it is a valid choice; the message says if it came true."""
    if is_blank(value):
        return unanswered(name)
    found = match_choice(value, options)
    if found is None:
        return not_yet(name, f"{value!r} is not one of {', '.join(map(repr, options))}.{did_you_mean(value, options)}")
    if not truth:
        return passed(name, f"you predicted {found!r}; the data cannot say ({what}).")
    if found in truth:
        return passed(name, f"you predicted {found!r}, and it came true ({what}).")
    return passed(name, f"you predicted {found!r}; the measures say {' / '.join(map(repr, truth))} ({what}). A wrong "
                   "prediction is useful: what did you expect the words to do that they did not?")


def check_dominant_frame(value, frame_means: pd.DataFrame, source: str) -> Check:
    """The frame with the highest rate for the student's source, read from panel c of the fingerprint."""
    name = "dominant_frame"
    if is_blank(value):
        return unanswered(name)
    row = frame_means.loc[source]
    options = list(row.index)
    found = match_choice(str(value).replace(" ", "_"), options) or match_choice(value, options)
    if found is None:
        pretty = [o.replace("_", " ") for o in options]
        return not_yet(name, f"{value!r} is not a frame; the frames are {', '.join(pretty)}." + did_you_mean(value, pretty))
    top = row[row >= row.max() - 1e-9].index.tolist()
    if found in top:
        return passed(name, f"right: {found.replace('_', ' ')}, {row[found]:.0f} indicators per 1,000 words.")
    return not_yet(name, f"{found.replace('_', ' ')} has {row[found]:.0f} per 1,000 words in your source; find the darkest "
                    "cell in your source's row of panel c.")

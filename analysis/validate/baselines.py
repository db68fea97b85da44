"""Baseline lexicons a researcher might use instead of ours, as Lexicon objects for side-by-side validation."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pandas as pd

from analysis.text.lexicon import Lexicon

__all__ = ["BASELINE_CATEGORY", "MPQA_FILE", "baseline_lexicons", "baseline_spans", "mpqa_lexicon", "subjectivity_lexicon",
           "vader_word_lexicon"]

BASELINE_CATEGORY = "baseline"
MPQA_FILE = "mpqa-subjclueslen1-HLTEMNLP05.tff"  # the MPQA clues' file name in a reference-lexicons folder


def _word_lexicon(words: dict[str, float], source: str) -> Lexicon:
    # single words only, no wildcards; characters the pattern syntax reserves are dropped
    rows = [(w, BASELINE_CATEGORY, min(3.0, max(0.01, weight))) for w, weight in sorted(words.items())
            if w and "*" not in w and any(ch.isalpha() for ch in w)]
    frame = pd.DataFrame(rows, columns=["pattern", "category", "weight"])
    frame = frame.drop_duplicates("pattern")
    return Lexicon.from_frame(frame, source=source)


def _dedupe_by_key(words: dict[str, float]) -> dict[str, float]:
    """Keep one spelling per matching key (e.g. "can't" and "cant" differ, "it's" and "it" do not)."""
    from analysis.text.lexicon import parse_pattern

    seen: dict[tuple, str] = {}
    out: dict[str, float] = {}
    for word, weight in sorted(words.items()):
        try:
            key = parse_pattern(word).key
        except ValueError:
            continue
        if key in seen:
            out[seen[key]] = max(out[seen[key]], weight)
            continue
        seen[key] = word
        out[word] = weight
    return out


def vader_word_lexicon(*, min_abs_valence: float = 2.0) -> Lexicon:
    """VADER's words with ``|mean valence| >= min_abs_valence`` (from the vaderSentiment wheel, MIT).

    The weight is ``|valence| / 2`` so that it is on the scale of the project lexicon.
    """
    from analysis.text.vader import lexicon as vader_lexicon

    words = {w: abs(v) / 2 for w, v in vader_lexicon().items() if abs(v) >= min_abs_valence and w.isascii()}
    return _word_lexicon(_dedupe_by_key(words), f"vader:|valence|>={min_abs_valence}")


def subjectivity_lexicon(*, min_subjectivity: float = 0.6) -> Lexicon:
    """A general subjectivity lexicon: Pattern's English adjectives (in the ``textblob`` wheel, PDDL).

    Words whose mean subjectivity over their senses is at least ``min_subjectivity``; weight =
    mean subjectivity. De Smedt & Daelemans (2012), "Pattern for Python", JMLR 13.
    """
    path = resources.files("textblob") / "en" / "en-sentiment.xml"
    senses: dict[str, list[float]] = defaultdict(list)
    for element in ET.fromstring(path.read_bytes()).iter("word"):
        form = (element.get("form") or "").strip().lower()
        if form and " " not in form:
            senses[form].append(float(element.get("subjectivity") or 0))
    words = {w: sum(s) / len(s) for w, s in senses.items() if sum(s) / len(s) >= min_subjectivity}
    return _word_lexicon(_dedupe_by_key(words), f"textblob-subjectivity>={min_subjectivity}")


def mpqa_lexicon(path: str | Path, *, strong_only: bool = True) -> Lexicon:
    """The MPQA subjectivity clues (Wilson, Wiebe & Hoffmann 2005; GNU GPL: read from disk, never shipped).

    Args:
        path: The ``subjclueslen1-HLTEMNLP05.tff`` file.
        strong_only: Keep ``type=strongsubj`` clues only (weight 1.0; weak clues 0.5).
    """
    words: dict[str, float] = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
        word, kind = fields.get("word1", ""), fields.get("type", "")
        if not word or (strong_only and kind != "strongsubj"):
            continue
        stem = fields.get("stemmed1") == "y"
        weight = 1.0 if kind == "strongsubj" else 0.5
        words[word + ("*" if stem else "")] = max(weight, words.get(word, 0))
    rows = [(w, BASELINE_CATEGORY, wt) for w, wt in sorted(words.items()) if any(c.isalpha() for c in w)]
    frame = pd.DataFrame(rows, columns=["pattern", "category", "weight"])
    from analysis.text.lexicon import parse_pattern

    frame["_key"] = [parse_pattern(p).key for p in frame["pattern"]]
    frame = frame.drop_duplicates("_key").drop(columns="_key")
    return Lexicon.from_frame(frame, source=str(path))


def baseline_lexicons(reference_dir: str | Path | None = None) -> tuple[dict[str, Lexicon], str]:
    """The baselines notebook 05 puts beside the project lexicon, by the name its table shows.

    Args:
        reference_dir: A folder holding the MPQA clues (:data:`MPQA_FILE`; GPL, never shipped), or None.

    Returns:
        ``(name -> lexicon, note)``: VADER's words with ``|valence| >= 2``, the Pattern subjectivity
        lexicon and, when its file is there, MPQA's strong clues; ``note`` says why MPQA was
        left out ("" when it was not).
    """
    lexicons = {"VADER words |v| ≥ 2": vader_word_lexicon(min_abs_valence=2.0),
                "subjectivity lexicon (Pattern)": subjectivity_lexicon()}
    mpqa = Path(reference_dir) / MPQA_FILE if reference_dir else None
    if mpqa is not None and mpqa.exists():
        lexicons["MPQA strong subjective"] = mpqa_lexicon(mpqa)
        return lexicons, ""
    return lexicons, (f"MPQA baseline skipped: {mpqa or 'no reference_lexicons_dir given'} "
                      "(the MPQA clues are GPL-licensed and not shipped)")


def baseline_spans(corpus: pd.DataFrame, lexicons: dict[str, Lexicon]) -> dict[str, pd.DataFrame]:
    """Each baseline's matches in ``corpus`` (negated matches left out, no scare quotes: a baseline has neither),
    as :func:`analysis.measures.loaded.score_loaded`'s spans table, by the baseline's name."""
    from analysis.measures.loaded import score_loaded

    out = {}
    for name, lexicon in lexicons.items():
        spans = score_loaded(corpus, lexicon, scare_quotes=False)[1]
        out[name] = spans[~spans["negated"]]
    return out

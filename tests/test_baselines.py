"""The baselines notebook 05 compares the project lexicon with: which are used, and their matches."""

from __future__ import annotations

import pandas as pd

from analysis.text.lexicon import Lexicon
from analysis.validate.baselines import MPQA_FILE, baseline_lexicons, baseline_spans


def test_mpqa_is_used_only_when_its_file_is_there(tmp_path):
    lexicons, note = baseline_lexicons(None)
    assert list(lexicons) == ["VADER words |v| ≥ 2", "subjectivity lexicon (Pattern)"]
    assert note == "MPQA baseline skipped: no reference_lexicons_dir given (the MPQA clues are GPL-licensed and not shipped)"
    assert baseline_lexicons(tmp_path)[1] == (f"MPQA baseline skipped: {tmp_path / MPQA_FILE} (the MPQA clues are "
                                              "GPL-licensed and not shipped)")
    (tmp_path / MPQA_FILE).write_text("type=strongsubj len=1 word1=outrageous pos1=adj stemmed1=n priorpolarity=negative\n"
                                      "type=weaksubj len=1 word1=notable pos1=adj stemmed1=n priorpolarity=positive\n",
                                      encoding="utf-8")
    lexicons, note = baseline_lexicons(tmp_path)
    assert note == "" and list(lexicons)[-1] == "MPQA strong subjective"
    assert lexicons["MPQA strong subjective"].entries["pattern"].tolist() == ["outrageous"]


def test_baseline_spans_leave_out_negated_matches():
    corpus = pd.DataFrame({"id": ["a", "b"], "source": ["S", "S"],
                           "text": ["An outrageous plan.", "It is not outrageous, but outrageous enough."]})
    lexicon = Lexicon.from_frame(pd.DataFrame({"pattern": ["outrageous"], "category": ["baseline"], "weight": [1.0]}))
    spans = baseline_spans(corpus, {"mine": lexicon})["mine"]
    # "not outrageous" (b, 10-20) is left out; an adjective's match takes the noun it qualifies (score_loaded's phrases)
    assert spans[["id", "start", "end", "text"]].values.tolist() == [["a", 3, 18, "outrageous plan"], ["b", 26, 36, "outrageous"]]

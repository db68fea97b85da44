"""mentions.csv refers to each mention's sentence by offsets; mention_sentences gives the text back."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.tables.score import Scorer, score_corpus
from analysis.measures.stance import mention_sentences, score_stance
from analysis.measures.targets import Targets
from analysis import paths

CORPUS = pd.DataFrame({
    "id": ["a", "b"], "source": ["X", "Y"],
    "text": ["Russia accused Kyiv of  prolonging the war. Kyiv denied it.", "Moscow was silent.\nNATO met."],
})


def test_mentions_table_has_offsets_not_sentences_and_they_give_the_text_back():
    mentions = score_corpus(CORPUS, Scorer.load())["mentions"]
    assert "sentence" not in mentions.columns
    assert mentions.columns.tolist()[:8] == ["id", "target", "start", "end", "sentence_start", "sentence_end", "score", "in_quote"]
    sentences = mention_sentences(mentions, CORPUS)
    assert sentences.tolist() == ["Russia accused Kyiv of prolonging the war.", "Russia accused Kyiv of prolonging the war.",
                                  "Kyiv denied it.", "Moscow was silent.", "NATO met."]
    # the same text the stance scorer puts in its own sentence column
    with_text, _ = score_stance(CORPUS, Targets.from_csv(paths.TARGETS))
    assert with_text["sentence"].tolist() == sentences.tolist()
    with pytest.raises(ValueError, match="id\\(s\\) not in the corpus: a"):
        mention_sentences(mentions, CORPUS.iloc[1:])

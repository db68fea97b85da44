"""Numbers written in the documentation agree with the data they describe (they must come from a command)."""

import re

import pandas as pd

from analysis import paths
from analysis.corpus import article_stats, load_corpus


def _readme():
    return (paths.DATA / "README.md").read_text(encoding="utf-8")


def test_lexicon_provenance_counts_in_data_readme_match_the_csv():
    lexicon = pd.read_csv(paths.LOADED_LEXICON, keep_default_na=False)
    text = _readme()
    section = text.split("## Loaded-language lexicon", 1)[1].split("\n## ", 1)[0]
    total = int(re.search(r"\*\*Sources and counts\*\* \(([\d,]+) entries\)", section).group(1).replace(",", ""))
    assert total == len(lexicon)
    rows = dict(re.findall(r"^\| `([^`]+)` \| ([\d,]+) \|", section, re.M))
    expected = lexicon["provenance"].value_counts().to_dict()
    assert {k: int(v.replace(",", "")) for k, v in rows.items()} == expected


def test_corpus_size_in_data_readme_matches_the_corpus():
    stats = article_stats(load_corpus(paths.RAW))
    words, sentences = int(stats["n_words"].sum()), int(stats["n_sentences"].sum())
    assert f"({words:,} words, {sentences} sentences" in _readme()


def test_lexicon_size_in_readme_matches_the_csv():
    n = len(pd.read_csv(paths.LOADED_LEXICON, keep_default_na=False))
    assert f"{n:,}-entry lexicon" in (paths.ROOT / "README.md").read_text(encoding="utf-8")


def test_span_reranker_numbers_in_data_readme_match_the_model_file():
    import json

    model = json.loads((paths.DATA / "lexicons" / "loaded_span_model.json").read_text(encoding="utf-8"))
    section = _readme().split("**Span re-ranker**", 1)[1].split("\n\n", 1)[0]
    assert f"the decision threshold ({model['threshold']:g})" in section
    assert f"Training examples: the {model['n_spans']:,} spans" in section
    assert f"span ({model['n_positive']:,} do)" in section
    assert f"The threshold ({model['threshold']:g})" in section


def test_readme_has_no_measured_times_sizes_or_test_counts():
    """Times, memory, disk and test counts change with every other commit: the README points at the command
    that measures them (make bench, scripts/text_reuse_at_scale.py, CI) instead of printing them. The one size
    left is an input of the bad-input table (a 10 MB article), not a measurement."""
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8").replace("| a 10 MB article |", "")
    unit = r"(?:s|ms|sec|seconds?|min|minutes?|h|hours?|[KMGT]i?B|tests?|passed|failed)"
    found = re.findall(rf"\b\d[\d,.]*\s?{unit}\b(?! *[-=])", text)
    assert found == []

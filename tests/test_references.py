"""Pronouns and role nouns resolved to a preceding mention (analysis.measures.references)."""

import pandas as pd

from analysis.measures.references import alias_kind, known_places, resolve_references
from analysis.measures.stance import score_stance
from analysis.measures.targets import Targets
from analysis.text.tokens import sentences, tokenize
from script_module import load_script

TARGETS = Targets.from_dict({
    "Russia": ["Russia", "Putin", "Russian forces"],
    "Ukraine": ["Ukraine", "Zelensky", "Ukrainian officials"],
    "United States": ["Trump"],
})


def resolved(text):
    toks = tokenize(text)
    found = TARGETS.find(text, toks)
    return [(m.alias, m.target) for m in resolve_references(text, toks, sentences(text), found, places=known_places())]


def test_a_pronoun_takes_the_one_person_before_it():
    assert resolved("Putin spoke on Monday. He said the talks had failed.") == [("He", "Russia")]
    assert resolved("Zelensky visited the front. The president promised new shelters.") == [("The president", "Ukraine")]
    assert resolved("Zelensky thanked his allies.") == [("his", "Ukraine")]


def test_ambiguous_or_unknown_antecedents_stay_unresolved():
    assert resolved("Putin met Trump in Alaska. He said the talks had failed.") == []  # two persons
    assert resolved("Putin met Witkoff. He said the talks had failed.") == []  # someone the targets do not know
    assert resolved("He said the talks had failed.") == []
    assert resolved("Putin spoke. Nothing changed. He said more.") == []  # two sentences back: too far


def test_they_goes_with_a_group_never_with_a_country():
    assert resolved("Russian forces shelled the city. They said it was a military target.") == [("They", "Russia")]
    assert resolved("Russia shelled the city. They said it was a military target.") == []
    assert resolved("Ukrainian officials met, and many families said they feel forgotten.") == []
    assert resolved("Ukrainian officials thanked their partners.") == [("their", "Ukraine")]


def test_alias_kind():
    places = known_places()
    assert alias_kind("Putin", "Russia", places) == "person"
    assert alias_kind("Ukrainian President Volodymyr Zelenskyy", "Ukraine", places) == "person"
    assert alias_kind("Russian forces", "Russia", places) == "group"
    assert alias_kind("Kyiv", "Ukraine", places) == "other"
    assert alias_kind("Russia", "Russia", places) == "other"


def test_score_stance_adds_them_only_when_asked():
    corpus = pd.DataFrame({"id": ["a"], "text": ["Putin spoke on Monday. He said the talks had failed."]})
    plain, _ = score_stance(corpus, TARGETS, lexicon=False)
    more, _ = score_stance(corpus, TARGETS, lexicon=False, resolve_references=True)
    assert plain["alias"].tolist() == ["Putin"]
    assert more[["target", "alias", "start"]].values.tolist() == [["Russia", "Putin", 0], ["Russia", "He", 23]]


def _outside_script():
    return load_script("references_outside")


def test_outside_check_counts_the_judged_sample(tmp_path, monkeypatch):
    import pytest

    script = _outside_script()
    rows = [{"article": "a.txt", "start": s, "end": s + len(w), "word": w, "resolved": t}
            for s, w, t in ((0, "he", "Russia"), (10, "their", "Russia"), (20, "the president", "Ukraine"), (30, "She", "Ukraine"))]
    judged = pd.DataFrame(rows).assign(correct=["yes", "no", "yes", "no"], refers_to="", note="")
    judged.to_csv(tmp_path / "j.csv", index=False)
    monkeypatch.setattr(script, "JUDGEMENTS", tmp_path / "j.csv")
    got = script.judge(rows)
    assert (got["n"], got["right"], got["resolutions"], got["articles"]) == (4, 2, 4, 1)
    assert got["by_kind"] == {"he, him, his, she, her": (1, 2), "they, them, their": (0, 1),
                              "role nouns (the president, ...)": (1, 1)}
    assert got["by_target"] == {"Russia": (1, 2), "Ukraine": (1, 2)}
    with pytest.raises(SystemExit, match="1 listed but not judged"):  # the sample changed: judge it again
        script.judge([*rows[:3], {**rows[3], "start": 31}])


def test_outside_judgements_hold_offsets_and_verdicts_only():
    from analysis import paths

    judged = pd.read_csv(paths.ANNOTATIONS / "references_outside.csv", keep_default_na=False)
    assert list(judged.columns) == ["article", "start", "end", "word", "resolved", "correct", "refers_to", "note"]
    assert len(judged) == 120 and set(judged["correct"]) == {"yes", "no"}
    assert (judged["correct"] == "yes").sum() == 85

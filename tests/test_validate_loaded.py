"""The span measures of scripts/validate_loaded.py on hand-made spans (no development data needed)."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from analysis import paths

spec = importlib.util.spec_from_file_location("validate_loaded", paths.ROOT / "scripts" / "validate_loaded.py")
V = importlib.util.module_from_spec(spec)
spec.loader.exec_module(V)


def test_overlap_and_character_measures():
    gold = pd.DataFrame({"id": ["a", "a", "b"], "start": [0, 20, 0], "end": [10, 25, 4]})
    pred = pd.DataFrame({"id": ["a", "a", "a", "c"], "start": [5, 8, 30, 0], "end": [12, 9, 31, 3]})
    r = V.span_prf(gold, pred, ["a", "b"])  # article c is not scored
    assert (r["n_gold"], r["n_pred"]) == (3, 3)
    assert r["precision"] == pytest.approx(2 / 3)  # both spans touching gold [0, 10) count
    assert r["recall"] == pytest.approx(1 / 3)
    assert r["f1"] == pytest.approx(4 / 9)
    # characters: predicted {5..11, 30} = 8, gold {0..9, 20..24, b:0..3} = 19, both {5..9} = 5
    assert (r["char_precision"], r["char_recall"]) == (pytest.approx(5 / 8), pytest.approx(5 / 19))


def test_split_is_fixed_by_hash():
    # the first byte of SHA-256("ptc:" + id) decides: even -> dev
    assert [V.split_part("ptc:" + i) for i in ("111111112", "111111113", "111111114")] == ["heldout", "heldout", "dev"]
    assert V.split_part("babe:x") == "heldout"


def test_missing_development_data_is_a_clear_message(tmp_path, capsys):
    assert V.main(["--dev-data", str(tmp_path / "absent"), "--out", "-"]) == 0
    assert "not found" in capsys.readouterr().out


def test_candidate_script_without_development_data_is_one_line(tmp_path, capsys):
    cspec = importlib.util.spec_from_file_location("loaded_candidates", paths.ROOT / "scripts" / "loaded_candidates.py")
    C = importlib.util.module_from_spec(cspec)
    cspec.loader.exec_module(C)
    assert C.main(["--dev-data", str(tmp_path / "absent")]) == 2
    assert capsys.readouterr().err == (f"{tmp_path / 'absent'}: ptc-dev/ or babe-dev.csv not found; pass the development "
                                       "data folder with --dev-data.\n")
    (tmp_path / "d" / "ptc-dev").mkdir(parents=True)
    (tmp_path / "d" / "babe-dev.csv").write_text("", encoding="utf-8")
    assert C.main(["--dev-data", str(tmp_path / "d"), "nope"]) == 2
    assert capsys.readouterr().err.startswith("unknown candidate set 'nope'; choose from: lexicon, exempt, vader2.5,")


def _candidates():
    cspec = importlib.util.spec_from_file_location("loaded_candidates", paths.ROOT / "scripts" / "loaded_candidates.py")
    C = importlib.util.module_from_spec(cspec)
    cspec.loader.exec_module(C)
    return C


def test_boundary_variants_reshape_spans_inside_clause_and_sentence():
    from analysis.text.article import Article

    C = _candidates()
    text = "Headline here\nThey made truly reckless and cruel choices, said the minister. Calm words follow."
    art = {"a": Article("a", text)}
    reckless, cruel = text.index("reckless"), text.index("cruel")
    spans = [("a", reckless, reckless + 8), ("a", cruel, cruel + 5)]

    def shaped(variant):
        return [text[a:b] for _, a, b in C.reshape(spans, art, variant)]

    assert shaped("phrases") == ["reckless", "cruel"]
    assert shaped("merge3") == ["reckless and cruel"]  # one word between them, same clause
    assert shaped("grow1") == ["truly reckless and cruel choices"]  # grown spans that overlap are merged
    assert shaped("grow2") == ["made truly reckless and cruel choices"]  # the comma stops it
    assert shaped("clause") == ["They made truly reckless and cruel choices"]
    assert shaped("sentence") == ["They made truly reckless and cruel choices, said the minister"]  # words: no full stop


def test_context_features_of_a_span():
    from analysis.measures.loaded import LoadedSpan
    from analysis.text.article import Article

    C = _candidates()
    text = "Shameful deal\nWe must stop this shameful, shameful plan, they said."
    art = Article("a", text)
    first = text.index("shameful")
    spans = [LoadedSpan("a", 0, 8, "Shameful", "shameful", "loaded_wording", 1.0, False, False, "", ""),
             LoadedSpan("a", first, first + 8, "shameful", "shameful", "loaded_wording", 1.0, False, False, "", "")]
    rows = [dict(zip([k for k, _ in C.CONTEXT], r)) for r in C.context_features(art, spans)]
    assert [r["headline"] for r in rows] == [1.0, 0.0]
    assert [(r["pronoun"], r["modal"], r["list"], r["repeat"]) for r in rows] == [(0.0, 0.0, 0.0, 1.0), (1.0, 1.0, 1.0, 1.0)]
    assert [r["span_chars"] for r in rows] == [8.0, 8.0]

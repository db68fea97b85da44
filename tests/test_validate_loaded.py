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


def test_wider_candidate_section_is_computed_from_its_rows():
    C = _candidates()
    cv = {name: (0.30, 0.15, 0.25, 0.40, 100, 0.50, 0.28) for name, _ in C.WIDER_DEV}
    cv["lexicon"] = (0.34, 0.175, 0.3, 0.4, 100, 0.50, 0.28)
    cv["superlative"] = (0.345, 0.15, 0.3, 0.4, 120, 0.52, 0.27)  # +0.005 over the lexicon filtered the same way
    cv["all"] = (0.33, 0.15, 0.3, 0.4, 300, 0.61, 0.2)
    cv["all-exempt"] = (0.29, 0.15, 0.3, 0.4, 300, 0.61, 0.2)  # exempt sets are compared with `exempt` (0.30)
    held = {name: {"n_pred": 50, "precision": 0.3, "recall": 0.4, "f1": 0.30, "char_f1": 0.2, "nc_n": 5, "nc_f1": 0.02}
            for name in C.WIDER_HELD_OUT}
    held["lexicon"] = {**held["lexicon"], "f1": 0.32}
    held["exempt"] = {**held["exempt"], "f1": 0.33}
    held["emphatic"] = {**held["emphatic"], "f1": 0.31}  # every non-exempt set below the lexicon: largest -0.010
    babe = [(k, 0.70, 0.71) for k in C.SENTENCE_SCORES]
    babe[0] = (C.SENTENCE_SCORES[0], 0.74, 0.73)
    babe[7] = (C.SENTENCE_SCORES[7], 0.76, 0.72)  # the best on the development half is the chosen one
    lines = C.wider_lines({"dev": [(n, cv[n]) for n, _ in C.WIDER_DEV],
                           "heldout": [(n, held[n]) for n in C.WIDER_HELD_OUT], "babe": babe})
    assert lines[0] == "#### Wider candidates and sentence scores (`scripts/loaded_candidates.py`)"
    assert "| lexicon (every category filtered) | 100 | 0.500 | 0.280 | 0.340 | 0.175 | 0.300 | 0.400 |" in lines
    assert "| + words before `!` | 50 | 0.300 | 0.400 | 0.310 | 0.200 | 5 | 0.020 |" in lines
    assert ("The wider sources raise the candidates' recall (0.500 -> 0.610 with all four) but what they add is mostly "
            "unmarked: after filtering, no set beats the lexicon's spans filtered the same way on the development part, "
            "where a choice is made, by more than 0.005 (on the held-out part, read once, the largest difference is "
            "-0.010, for \"+ words before `!`\"). None is shipped: more candidates do not help a filter that cannot tell "
            "the marked ones from the rest.") in lines
    assert "| sum of weight x p (chosen) | 0.760 | 0.720 |" in lines
    assert sum("(chosen)" in line for line in lines) == 1
    assert lines[-2] == ("The chosen score gives 0.720 on the held-out half against 0.730 for the default; no score over "
                         "these spans reaches 0.78, on either half.")


def test_summary_reads_the_limits_from_the_computed_rows():
    context = [("shipped", 0.32, 0.15, 0.26, 0.43), ("other", 0.326, 0.175, 0.28, 0.40),
               ("perfect", 0.56, float("nan"), 0.622, 0.51)]
    why = V.why_out_of_reach(0.535, context)
    assert why.startswith("Why the span and BABE targets stay out of reach for a lexicon: on the held-out part of "
                          "ptc-dev 54% of the gold")
    assert ("Yet the missing recall is not what binds: on the development part a perfect filter of the same candidates "
            "(keeping exactly those that touch a gold span) would reach an overlap-F1 of 0.560 (precision 0.622, recall "
            "0.510), above the 0.40 target, while the best learned filter tried reaches 0.326 (the shipped re-ranker "
            "0.320;") in why
    assert "bounded by the recall" not in why
    low = V.why_out_of_reach(0.535, [*context[:2], ("perfect", 0.35, float("nan"), 0.6, 0.25)])
    assert "would reach only 0.350 on the development part (precision 0.600, recall 0.250), below the 0.40 target" in low
    assert "not what binds" not in low
    assert V.overlap_caveat({"f1": 0.436, "char_f1": 0.106}, 0.222) == (
        "Read overlap-F1 beside character-F1: overlap-F1 alone can be met by spans as long as a sentence. Growing every "
        "re-ranked span to its whole sentence gives 0.436 held-out (above the 0.40 target) while character-F1 falls to "
        "0.106 (the re-ranked spans as reported: 0.222), so an overlap-F1 is no evidence that spans match what annotators "
        "mark unless its character-F1 holds up. Nothing of the kind is shipped.")
    assert "(below the 0.40 target)" in V.overlap_caveat({"f1": 0.39, "char_f1": 0.1}, 0.2)

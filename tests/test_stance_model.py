"""Tests for analysis.measures.stance_model: training, cross-validation, safe JSON save/load, scoring."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.measures.stance import score_stance
from analysis.measures.stance_model import (
    FORMAT_VERSION,
    LABELS,
    ModelFormatError,
    cross_validate,
    featurize,
    load_model,
    read_labeled,
    train,
)
from analysis.measures.targets import Targets

NAMES = ["Alvarez", "Brandt", "Chen", "Dubois", "Eriksen", "Farouk", "Garcia", "Huber", "Ivanova", "Jansen"]
TEMPLATES = {
    "pos": ["Voters praised {} for the wonderful plan.", "Critics admire {} and call the work excellent."],
    "neg": ["Voters condemned {} for the terrible plan.", "Critics despise {} and call the work disgraceful."],
    "neu": ["{} met officials in the capital on Tuesday.", "{} will travel to the summit next week."],
}


def synthetic() -> pd.DataFrame:
    """60 labelled sentences whose labels follow the words around the name."""
    rows = []
    for label, templates in TEMPLATES.items():
        for k, template in enumerate(templates):
            for i, name in enumerate(NAMES[:10]):
                text = template.format(name)
                start = text.index(name)
                rows.append({"text": text, "start": start, "end": start + len(name), "label": label, "group": f"{name}-{k}"})
    return read_labeled(pd.DataFrame(rows))


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return synthetic()


@pytest.fixture(scope="module")
def model(data):
    return train(data)


@pytest.fixture(scope="module")
def vmodel(data):
    """Trained with the word-vector features too (the bundled table)."""
    return train(data, vectors=True)


def test_cross_validation_report_on_a_tiny_synthetic_set(data):
    report = cross_validate(data, folds=3)
    assert report.n_rows == 60 and report.folds == 3 and len(report.fold_f1) == 3
    assert report.labels == LABELS
    assert report.macro_f1 == 1.0
    assert report.confusion == [[20, 0, 0], [0, 20, 0], [0, 0, 20]]
    text = report.format()
    assert "macro-F1 (pooled out-of-fold): 1.000" in text and "  neg        20      0      0" in text


def test_cross_validation_refuses_more_folds_than_groups(data):
    with pytest.raises(ValueError, match="folds must be between 2 and the number of groups"):
        cross_validate(data.head(3), folds=5)


def test_a_fold_whose_training_rows_lack_a_label_says_so(data, tmp_path, capsys):
    """Every pos row of a small set in one fold: its model cannot learn pos. The error had been train's "training data
    has no rows labelled pos", though the data have pos rows. `stance train` warns of so few rows of a label."""
    few = pd.concat([data[data["label"] != "pos"], data[data["label"] == "pos"].head(2).assign(group="together")])
    with pytest.raises(ValueError) as err:
        cross_validate(few, folds=2)
    assert str(err.value) in {
        f"cross-validation fold {k} of 2: the rows it trains on have none labelled pos (rows per label: neg 20, neu 20, "
        "pos 2); label more rows of that class or use fewer folds." for k in (1, 2)}
    from analysis.cli.main import main

    few.to_csv(tmp_path / "few.csv", index=False)
    assert main(["stance", "train", str(tmp_path / "few.csv"), "--out", str(tmp_path / "m.json"), "--folds", "0"]) == 0
    assert capsys.readouterr().err == (
        "warning: rows per label: neg 20, neu 20, pos 2. With fewer than 20 rows of a label, a model learns little "
        "beyond these sentences and its cross-validated macro-F1 moves with every row; label more.\n")
    assert main(["stance", "train", str(tmp_path / "few.csv"), "--out", str(tmp_path / "m.json"), "--folds", "2"]) == 1
    assert "the rows it trains on have none labelled pos" in capsys.readouterr().err
    data.to_csv(tmp_path / "enough.csv", index=False)
    assert main(["stance", "train", str(tmp_path / "enough.csv"), "--out", str(tmp_path / "m.json"), "--folds", "0"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_save_and_load_round_trip_gives_identical_predictions(data, model, tmp_path):
    path = model.save(tmp_path / "model.json")
    loaded = load_model(path)
    assert loaded.vocabulary == model.vocabulary and loaded.classes == LABELS
    before, after = model.predict_proba(data), loaded.predict_proba(data)
    assert np.array_equal(before, after)
    assert loaded.predict(data).tolist() == data["label"].tolist()
    # The rebuilt scikit-learn estimator predicts what the stored numbers say.
    est = loaded.estimator()
    X = loaded.matrix(featurize(data))
    assert np.array_equal(est.predict_proba(X), after)
    scores = loaded.score(data)
    assert np.allclose(scores, after[:, 2] - after[:, 0]) and ((scores >= -1) & (scores <= 1)).all()


def test_model_file_is_plain_json_with_a_format_version(model, tmp_path):
    data = json.loads(model.save(tmp_path / "m.json").read_text(encoding="utf-8"))
    assert data["format"] == "media-framing-stance-model" and data["format_version"] == FORMAT_VERSION
    assert set(data) == {"format", "format_version", "classes", "config", "metadata", "vocabulary", "intercept", "coef"}
    assert len(data["coef"]) == 3 and len(data["coef"][0]) == len(data["vocabulary"])


def test_wrong_format_version_is_a_clear_error(model, tmp_path):
    path = model.save(tmp_path / "m.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format_version"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelFormatError, match=r"model format version 99, but this version of the package reads version 1\. Retrain"):
        load_model(path)


def test_pickles_and_malformed_models_are_refused(model, tmp_path):
    pickle_path = tmp_path / "model.pkl"
    pickle_path.write_bytes(b"\x80\x04\x95")
    with pytest.raises(ModelFormatError, match="looks like a pickle"):
        load_model(pickle_path)
    path = model.save(tmp_path / "m.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["coef"] = data["coef"][:2]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelFormatError, match="do not match 3 classes"):
        load_model(path)
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ModelFormatError, match="not a stance model file"):
        load_model(other)


def test_read_labeled_checks_rows(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("text,start,end,label\nKyiv spoke.,0,4,neg\nKyiv spoke.,0,4,bad\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"{path}, row 2: label 'bad' is not one of neg, neu, pos"):
        read_labeled(path)
    path.write_text("text,start,end,label\nKyiv spoke.,0,40,neg\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 1: offsets 0:40 are outside the text"):
        read_labeled(path)


def test_read_labeled_finds_a_target_by_its_aliases():
    targets = Targets.from_dict({"Ukraine": ["Kyiv"], "Russia": ["Moscow"]})
    frame = read_labeled(pd.DataFrame({"text": ["Moscow blamed Kyiv."], "target": ["Ukraine"], "label": ["negative"]}), targets=targets)
    assert frame[["start", "end", "label"]].values.tolist() == [[14, 18, "neg"]]
    with pytest.raises(ValueError, match="no mention of target 'NATO'"):
        read_labeled(pd.DataFrame({"text": ["Moscow blamed Kyiv."], "target": ["NATO"], "label": ["neg"]}), targets=targets)


def test_score_stance_with_a_model_uses_its_scores(model):
    targets = Targets.from_dict({"Person": NAMES})
    corpus = pd.DataFrame({"id": ["a"], "text": ["Voters praised Chen for the wonderful plan. Dubois met officials in the capital on Tuesday."]})
    mentions, stance = score_stance(corpus, targets, model=model)
    frame = pd.DataFrame({"text": corpus["text"][0], "start": mentions["start"], "end": mentions["end"]})
    # P(pos) - P(neg), or 0 where the most probable class is neutral (no evidence)
    expected = np.where(model.predict(frame) != "neu", model.score(frame), 0.0)
    assert model.predict(frame).tolist() == ["pos", "neu"]
    assert np.allclose(mentions["score"], expected, rtol=0, atol=1e-6)  # the table rounds to 6 places
    assert mentions["score"].iloc[0] > 0.5 and mentions["score"].iloc[1] == 0.0
    assert mentions["has_evidence"].tolist() == [True, False]
    assert mentions["score_rules"].iloc[0] != mentions["score"].iloc[0]
    assert stance["stance"].iloc[0] == pytest.approx(mentions["score"].mean(), abs=1e-6)


def test_model_warns_when_used_with_other_lexicons(model):
    targets = Targets.from_dict({"Person": NAMES})
    corpus = pd.DataFrame({"id": ["a"], "text": ["Voters praised Chen."]})
    with pytest.warns(UserWarning, match="trained with other lexicons"):
        score_stance(corpus, targets, lexicon=False, model=model)
    from analysis.measures.stance import StanceCues, load_stance_resources

    other = StanceCues(load_stance_resources().cues.entries.iloc[1:])  # one cue fewer
    with pytest.warns(UserWarning, match="trained with other lexicons"):
        score_stance(corpus, targets, cues=other, model=model)


def _is_vector(name: str) -> bool:
    return name[:3] in ("#vL", "#vR", "#vS") and name[3:].isdigit()


def test_features_by_model_column_are_the_named_features_the_model_knows(model):
    from analysis.measures.stance import analyze_spans

    text = "Voters praised Chen and a zyxwv committee for the wonderful plan, but Dubois was not pleased."
    spans = [(text.index("Chen"), text.index("Chen") + 4), (text.index("Dubois"), text.index("Dubois") + 6)]
    named = [ev.features for ev in analyze_spans(text, spans, load_resources(), features=True)]
    by_column = [ev.features for ev in analyze_spans(text, spans, load_resources(), features=model)]
    index = {name: i for i, name in enumerate(model.vocabulary)}
    assert "w=zyxwv" in named[0] and "w=zyxwv" not in index  # a word the model never saw is left out
    for names, columns in zip(named, by_column):
        assert columns == {index[k]: v for k, v in names.items() if k in index}
        assert all(isinstance(c, int) for c in columns)
    assert (model.matrix(named) != model.matrix(by_column)).nnz == 0


def test_word_vector_groups_are_folded_into_class_scores_when_scoring_by_column(model, vmodel):
    from analysis.measures.stance import analyze_spans

    assert model.folded_slots == () and model.width == len(model.vocabulary)  # without vectors: nothing folded
    assert model.config["features"] == "analysis.stance.analyze_spans v3" and "word_vectors" not in model.config
    model = vmodel
    assert model.config["features"] == "analysis.stance.analyze_spans v4" and len(model.config["word_vectors"]) == 12
    text = "Critics said the reckless minister had betrayed the farmers, and Chen was praised by voters."
    spans = [(text.index("minister"), text.index("minister") + 8), (text.index("Chen"), text.index("Chen") + 4)]
    named = [ev.features for ev in analyze_spans(text, spans, load_resources(), features="vectors")]
    by_column = [ev.features for ev in analyze_spans(text, spans, load_resources(), features=model)]
    assert model.folded_slots == ("#vL", "#vR", "#vS")
    n_vocab = len(model.vocabulary)
    index = {name: i for i, name in enumerate(model.vocabulary)}
    for names, columns in zip(named, by_column):  # the other features are the named ones the model knows
        assert {c: v for c, v in columns.items() if c < n_vocab} == {
            index[k]: v for k, v in names.items() if k in index and not _is_vector(k)}
    different = model.matrix(named) != model.matrix(by_column)
    assert different[:, :n_vocab].nnz == sum(1 for names in named for k in names if _is_vector(k))  # folded
    assert np.allclose(model.predict_proba_features(named), model.predict_proba_features(by_column), rtol=0, atol=1e-12)
    assert model.explain(named) == model.explain(by_column)
    n_vocab, n_classes = len(model.vocabulary), len(model.classes)
    assert model.width == n_vocab + 3 * n_classes and model.estimator().coef_.shape == (n_classes, model.width)
    assert model.to_dict()["coef"] == [list(map(float, row)) for row in model.coef]  # the file keeps the vocabulary only
    for names, columns in zip(named, by_column):
        assert not any(_is_vector(model.vocabulary[c]) for c in columns if c < n_vocab)
        for g, slot in enumerate(model.folded_slots):
            dims = [k for k in names if k.startswith(slot)]
            assert len(dims) == 32  # every mention has words on both sides
            for k in range(n_classes):
                expected = sum(model.coef[k, model.vocabulary.index(d)] * names[d] for d in dims)
                assert columns[n_vocab + g * n_classes + k] == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_feature_rows_give_the_matrix_of_the_dicts_they_were_read_from():
    from analysis.measures.stance_model import FeatureRows, StanceModel

    m = StanceModel(["a", "b", "c"], np.zeros((3, 3)), np.zeros(3))
    dicts = [{"c": 2.0, "a": 1.0, "zz": 5.0}, {}, {"b": 0.0, "c": 1.0}, {"b": -0.5}]
    rows = FeatureRows()
    rows.extend(dicts[:1])
    rows.extend(dicts[1:])
    dicts[0]["b"] = 9.0  # read when added: a later change of a dict is not in the rows
    assert len(rows) == 4
    X = m.matrix(rows)
    assert X.indptr.tolist() == [0, 2, 2, 3, 4]  # unknown names and zeros left out
    assert X.indices.tolist() == [0, 2, 2, 1]  # columns in order within each row
    assert X.data.tolist() == [1.0, 2.0, 1.0, -0.5]
    assert (X != m.matrix([{"c": 2.0, "a": 1.0}, {}, {"c": 1.0}, {"b": -0.5}])).nnz == 0


def test_explain_lists_the_strongest_features_first_and_ties_by_feature_order():
    from analysis.measures.stance_model import StanceModel

    # contribution = value * (coef_pos - coef_neg): a +0.5, b -0.5, c +0.2, d +0.01, e -0.9
    coef = np.array([[0.0, 0.5, 0.0, 0.0, 0.9], [0.0] * 5, [0.5, 0.0, 0.2, 0.01, 0.0]])
    m = StanceModel(["w=a", "w=b", "c=c", "L1=d", "#harm"], coef, np.zeros(3))
    rows = [{"w=a": 1.0, "w=b": 1.0, "c=c": 1.0, "L1=d": 1.0, "#harm": 1.0}, {"L1=d": 1.0}, {}, {"c=c": 2.0, "w=b": 1.0}]
    assert m.explain(rows) == ["harm suffered(-0.90); a(+0.50); b(-0.50)", "", "", "b(-0.50); c(+0.40)"]
    assert m.explain(rows, top=1, min_weight=0.6) == ["harm suffered(-0.90)", "", "", ""]
    assert m.explain([]) == []


@pytest.mark.parametrize("n", range(12))
def test_article_mean_and_sd_are_numpys(n):
    from analysis.measures.stance import mean_sd

    values = (np.random.default_rng(n).normal(size=n) / 3).tolist()
    mean, sd = mean_sd(values)
    if n == 0:
        assert np.isnan(mean) and np.isnan(sd)
        return
    assert mean == float(np.mean(values))  # the same bits: the stance table must not change
    assert (np.isnan(sd) and n == 1) or sd == float(np.std(values, ddof=1))


def load_resources():
    from analysis.measures.stance import load_stance_resources

    return load_stance_resources()


@pytest.mark.parametrize("stance", ["model", "vectors", "roles"])
def test_score_writes_the_features_of_the_dicts_into_feature_rows(stance):
    """Scoring by model writes each mention's features into FeatureRows (the words of token ranges as their ids,
    read in numpy): the same matrix, bit for bit, as the feature dicts of the same mentions, whatever the order of
    the spans."""
    from analysis.measures.stance import analyze_spans, load_stance_resources, score
    from analysis.measures.stance_model import FeatureRows, vector_words
    from analysis.tables.score import Scorer
    from analysis.text.article import Article

    scorer = Scorer.load(stance=stance)
    model, res = scorer.stance_model, load_stance_resources()
    text = ("Kyiv said that the talks with Moscow had failed. The minister, who had praised Kyiv and Moscow, did not "
            "welcome the plan of the government and the army, but critics in Washington said the plan of the army was "
            "a reckless and dangerous gamble by Moscow against Kyiv and its people. \"Moscow lied,\" NATO said.")
    article = Article("a", text)
    rows, feats = score(article, scorer.targets, res, features=model)
    assert isinstance(feats, FeatureRows) and len(feats) == len(rows) > 6 and feats.blocks
    spans = [(m.start, m.end) for m in rows]
    dicts = [ev.features for ev in analyze_spans(Article("a", text), spans, res, features=model)]

    def same(X, Y):
        return (X.indptr.tolist() == Y.indptr.tolist() and X.indices.tolist() == Y.indices.tolist()
                and X.data.tobytes() == Y.data.tobytes())

    X, Y = model.matrix(feats), model.matrix(dicts)
    assert same(X, Y) and X.nnz > 40 * len(rows)
    assert model.explain_matrix(X, words=vector_words(feats)) == model.explain(dicts)
    backwards = FeatureRows()  # the mentions of each sentence together, in any order: written as they come
    analyze_spans(Article("a", text), spans[::-1], res, features=model, sink=backwards)
    assert backwards.blocks and same(model.matrix(backwards), model.matrix(dicts[::-1]))
    apart = FeatureRows()  # a sentence's mentions apart (its first last): read from dicts, in span order
    analyze_spans(Article("a", text), spans[1:] + spans[:1], res, features=model, sink=apart)
    assert not apart.blocks and same(model.matrix(apart), model.matrix(dicts[1:] + dicts[:1]))
    chunk = FeatureRows()  # the rows of two articles, as score_part gathers them
    chunk.extend(feats)
    chunk.extend(score(Article("b", text[50:]), scorer.targets, res, features=model)[1])
    more = [ev.features for ev in analyze_spans(Article("b", text[50:]),
                                                [(m.start, m.end) for m in score(Article("b", text[50:]), scorer.targets, res)[0]],
                                                res, features=model)]
    assert same(model.matrix(chunk), model.matrix(dicts + more))

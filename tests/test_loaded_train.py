"""`python -m analysis loaded train`: the span re-ranker fitted on a study's own coded articles."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.cli.main import main
from analysis.measures.loaded_model import SpanModel
from analysis.measures.loaded_train import THRESHOLDS, TrainingError, assign_folds, candidates, check_gold, train_span_model
from analysis.tables.score import Scorer

TEXTS = {
    "a1": "The minister made reckless decisions. Critics called the plan a disgrace.",
    "a2": "Officials slammed the so-called reform as outrageous. The vote is on Monday.",
    "a3": "The shameful deal was signed. Markets were calm.",
    "a4": "A disastrous week for the reckless government. Talks resume today.",
    "a5": "The committee met on Tuesday. It published a report.",
    "a6": "Protesters denounced the outrageous and shameful cuts.",
}
# What the coders marked: six of the lexicon's nine spans, and one phrase the lexicon has no word of.
MARKED = [("a1", "reckless decisions"), ("a1", "a disgrace"), ("a2", "so-called"), ("a3", "shameful"),
          ("a4", "reckless government"), ("a6", "outrageous and shameful"), ("a2", "The vote")]


def _corpus() -> pd.DataFrame:
    return pd.DataFrame({"id": list(TEXTS), "source": "s", "text": list(TEXTS.values())})


def _gold(marked=MARKED) -> pd.DataFrame:
    rows = [(i, TEXTS[i].index(t), TEXTS[i].index(t) + len(t), t, "loaded" if i != "a2" or t != "The vote" else "other")
            for i, t in marked]
    return pd.DataFrame(rows, columns=["id", "start", "end", "text", "category"])


@pytest.fixture(scope="module")
def lexicon():
    return Scorer.load(span_model="none", stance="rules").lexicon  # the core lexicon, no domain pack


def _files(tmp_path, gold: pd.DataFrame | None = None):
    corpus, spans = tmp_path / "coded.csv", tmp_path / "spans.csv"
    _corpus().to_csv(corpus, index=False)
    (_gold() if gold is None else gold).to_csv(spans, index=False)
    return str(corpus), str(spans)


def test_candidates_are_the_lexicon_spans_labelled_by_overlap(lexicon):
    c = candidates(_corpus(), lexicon, _gold())
    got = [(i, TEXTS[i][s:e], bool(label)) for i, s, e, label in c[["id", "start", "end", "label"]].itertuples(index=False)]
    assert got == [
        ("a1", "reckless decisions", True), ("a1", "disgrace", True),
        ("a2", "slammed", False), ("a2", "so-called reform", True), ("a2", "outrageous", False),
        ("a3", "shameful deal", True),
        ("a4", "disastrous week", False), ("a4", "reckless government", True),
        ("a6", "outrageous and shameful cuts", True),
    ]


def test_folds_are_balanced_and_do_not_depend_on_order():
    ids = [f"x{k}" for k in range(11)]
    folds = assign_folds(ids, folds=3)
    assert sorted(pd.Series(folds).value_counts().tolist()) == [3, 4, 4]
    assert assign_folds(list(reversed(ids)), folds=3) == folds
    assert assign_folds(ids, folds=3, seed=1) != folds


def test_cross_validation_table_and_the_fitted_model(lexicon):
    trained = train_span_model(_corpus(), _gold(), lexicon, folds=2)
    every = trained.cv.iloc[0]
    # Every span: 9 predicted, 6 of the 7 gold spans matched one to one (P 6/9, R 6/7, F1 0.75).
    assert (every["threshold"], every["n_gold"], every["n_pred"], every["tp"]) == ("every span", 7, 9, 6)
    assert every["f1"] == pytest.approx(0.75)
    assert trained.cv["threshold"].tolist()[1:] == [f"{t:g}" for t in THRESHOLDS]
    assert (trained.cv["n_gold"] == 7).all()
    assert (trained.n_articles, trained.n_unmarked_articles, trained.n_candidates, trained.n_positive) == (6, 1, 9, 6)
    tried = trained.cv.iloc[1:]  # the lowest threshold of those with the best F1
    assert trained.data["threshold"] == float(tried.loc[tried["f1"] == tried["f1"].max(), "threshold"].iloc[0])
    # The model is fitted on the labels: the marked candidates get the higher chance.
    c = candidates(_corpus(), lexicon, _gold())
    from analysis.measures.loaded_model import FEATURES

    p = pd.Series(trained.model.probabilities(c[list(FEATURES)].to_numpy(float).tolist()))
    assert p[c["label"]].min() > p[~c["label"]].max()
    assert trained.format().count("<- chosen") == 1


def test_a_fold_without_unmarked_candidates_to_learn_from_is_an_error(lexicon):
    # With 3 folds (seed 0), a2 and a4, the two articles with unmarked candidates, share a fold.
    assert assign_folds(list(TEXTS), folds=3)["a2"] == assign_folds(list(TEXTS), folds=3)["a4"]
    with pytest.raises(TrainingError, match=r"fold 1 of 3: the candidates of the other folds are all marked"):
        train_span_model(_corpus(), _gold(), lexicon, folds=3)


@pytest.mark.parametrize(("change", "message"), [
    (lambda g: g.assign(id=g["id"].replace({"a3": "zz"})), r"spans\.csv: 1 id\(s\) are not articles of the corpus \(zz\)"),
    (lambda g: g.assign(end=g["end"].where(g.index != 2, 500)), r"spans\.csv, line 4: 22:500 lies outside article a2"),
    (lambda g: g.assign(text=g["text"].where(g.index != 1, "a disgraceful")),
     r"spans\.csv, line 3: text 'a disgraceful' is not what article a1 has at 62:72 \('a disgrace'\)"),
])
def test_gold_that_does_not_fit_the_corpus_is_named(change, message):
    with pytest.raises(TrainingError, match=message):
        check_gold(change(_gold()), _corpus(), name="spans.csv")


@pytest.mark.filterwarnings("ignore:no article mentions any actor")
def test_cli_writes_a_model_that_score_applies(tmp_path, capsys):
    corpus, spans = _files(tmp_path)
    out = tmp_path / "model.json"
    assert main(["loaded", "train", corpus, spans, "--out", str(out), "--folds", "2", "--domain", "core"]) == 0
    printed = capsys.readouterr().out
    assert "every span                   9        6      0.667   0.857  0.750" in printed
    assert "note: 1 of the 6 articles have no gold span" in printed
    data = json.loads(out.read_text())
    assert data["tagger"] == "bundled" and data["folds"] == 2 and data["n_spans"] == 9 and data["n_positive"] == 6
    assert data["fitted_with"] == {"lexicon": "data/lexicons/loaded_language.csv", "domain_packs": [], "corpus": corpus,
                                   "gold": spans, "articles": 6, "categories": "all", "cv": data["fitted_with"]["cv"]}
    cv = data["fitted_with"]["cv"]
    assert (cv["folds"], cv["threshold"]) == (2, data["threshold"])
    assert cv["every_span"] == {"n_gold": 7, "n_pred": 9, "tp": 6, "precision": pytest.approx(2 / 3),
                                "recall": pytest.approx(6 / 7), "f1": pytest.approx(0.75)}
    assert cv["chosen"] == {k: v for k, v in next(r for r in data["cv"] if r["threshold"] == f"{data['threshold']:g}").items()
                            if k != "threshold"}
    assert f"--span-model {out} --domain core (make report SPAN_MODEL={out} DOMAIN=core)" in printed
    model = SpanModel.from_json(out)
    assert model.tagger is not None and model.threshold == data["threshold"]
    assert main(["score", corpus, "--out", str(tmp_path / "scores"), "--domain", "core", "--stance", "rules",
                 "--no-progress", "--span-model", str(out)]) == 0
    run = json.loads((tmp_path / "scores" / "score_run.json").read_text())
    assert run["parameters"]["span_model"] == str(out)
    # score_run.json, and from it the notebooks and the report, say what the model was fitted on.
    from analysis.tables.provenance import scorer_names

    assert run["span_model"]["model"]["fitted_with"] == data["fitted_with"]
    assert scorer_names(run)["span_model"]["fitted_with"] == data["fitted_with"]


def test_cli_options(tmp_path, capsys):
    corpus, spans = _files(tmp_path)
    out = tmp_path / "m.json"
    assert main(["loaded", "train", corpus, spans, "--out", str(out), "--folds", "2", "--domain", "core",
                 "--tagger", "none", "--threshold", "0.3", "--categories", "loaded", "--never-filtered", "delegitimizing"]) == 0
    data = json.loads(out.read_text())
    assert "tagger" not in data and data["threshold"] == 0.3 and data["threshold_from"] == "given (--threshold)"
    assert data["never_filtered"] == ["delegitimizing"]
    assert data["cv"][0] == {"threshold": "every span", "n_gold": 6, "n_pred": 9, "tp": 6, "precision": pytest.approx(2 / 3),
                             "recall": 1.0, "f1": 0.8}  # "The vote" (category other) left out
    capsys.readouterr()


@pytest.mark.parametrize(("args", "message"), [
    (["--folds", "7"], "--folds 7: more folds than coded articles (6); use at most 6."),
    (["--folds", "1"], "--folds 1: the threshold is chosen by cross-validation, which needs at least 2 folds."),
    (["--categories", "nope"], "--categories: nope not among the categories of"),
    (["--threshold", "2"], "--threshold 2.0: must lie between 0 and 1"),
])
def test_cli_bad_options_are_one_line(tmp_path, capsys, args, message):
    corpus, spans = _files(tmp_path)
    out = tmp_path / "m.json"
    assert main(["loaded", "train", corpus, spans, "--out", str(out), "--domain", "core", *args]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_without_marked_candidates_writes_nothing(tmp_path, capsys):
    corpus, spans = _files(tmp_path, _gold([("a2", "The vote")]))
    out = tmp_path / "m.json"
    assert main(["loaded", "train", corpus, spans, "--out", str(out), "--folds", "2", "--domain", "core"]) == 1
    assert ("of the 9 spans the lexicon proposes, none overlaps a gold span: a model that tells them apart needs "
            "both; code more articles.") in capsys.readouterr().err
    assert not out.exists()


def test_cli_refuses_to_write_into_the_raw_data(capsys):
    from analysis import paths

    assert main(["loaded", "train", str(paths.RAW), "data/annotations/loaded_spans.csv",
                 "--out", str(paths.RAW / "m.json")]) == 1
    assert "which is never modified" in capsys.readouterr().err


def test_every_span_row_is_what_evaluate_says_of_score_without_a_model(tmp_path, capsys):
    """On the bundled articles and their gold spans, the table's first row is `evaluate spans` on `score --span-model none`
    (and what the researchers' guide says of it)."""
    from analysis import paths

    gold = paths.ROOT / "data" / "annotations" / "loaded_spans.csv"
    out = tmp_path / "m.json"
    assert main(["loaded", "train", str(paths.RAW), str(gold), "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    row = data["cv"][0]
    # docs/researchers.md quotes this run.
    guide = (paths.ROOT / "docs" / "researchers.md").read_text(encoding="utf-8")
    assert (f"every span reaches an overlap-F1 of {row['f1']:.3f} and the\nbundled re-ranker "
            f"{data['bundled_on_these_articles']['f1']:.3f}") in guide
    assert main(["score", str(paths.RAW), "--out", str(tmp_path / "s"), "--span-model", "none", "--stance", "rules",
                 "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["evaluate", "spans", str(gold), str(tmp_path / "s" / "spans.csv"), "--out", str(tmp_path / "e.csv")]) == 0
    table = pd.read_csv(tmp_path / "e.csv")
    ev = table[(table["match"] == "overlap") & (table["category"] == "(any)")].iloc[0]
    assert (row["n_gold"], row["n_pred"], row["tp"]) == (int(ev["n_gold"]), int(ev["n_pred"]), int(ev["tp"]))


def test_coded_ids_keep_the_articles_the_coders_read_and_a_mostly_unmarked_corpus_is_warned_of(tmp_path, capsys):
    """Articles without gold spans count as coded and found clean; when most are, the command says how to say otherwise."""
    corpus, spans = _files(tmp_path)
    more = pd.concat([_corpus(), pd.DataFrame({"id": [f"u{k}" for k in range(7)], "source": "s",
                                               "text": ["A shameful and reckless plan was outrageous."] * 7})])
    more.to_csv(corpus, index=False)
    out = tmp_path / "m.json"
    assert main(["loaded", "train", corpus, spans, "--out", str(out), "--folds", "2", "--domain", "core"]) == 0
    printed = capsys.readouterr()
    assert "warning: 8 of the 13 articles have no gold span, and each counts as read by a coder who found nothing." in printed.err
    assert json.loads(out.read_text())["n_spans"] == 9 + 7 * 2  # "shameful and reckless plan", "outrageous"
    ids = tmp_path / "coded.txt"
    ids.write_text("id\n" + "\n".join(TEXTS) + "\n", encoding="utf-8")
    assert main(["loaded", "train", corpus, spans, "--out", str(out), "--folds", "2", "--domain", "core",
                 "--coded-ids", str(ids)]) == 0
    printed = capsys.readouterr()
    assert "warning" not in printed.err and "9 in 6 articles; 6 overlap one of the 7 gold spans" in printed.out
    data = json.loads(out.read_text())
    assert (data["n_spans"], data["fitted_with"]["articles"], data["fitted_with"]["coded_ids"]) == (9, 6, str(ids))
    ids.write_text("a1\nzz\n", encoding="utf-8")
    assert main(["loaded", "train", corpus, spans, "--out", str(tmp_path / "n.json"), "--coded-ids", str(ids)]) == 1
    assert "--coded-ids" in capsys.readouterr().err

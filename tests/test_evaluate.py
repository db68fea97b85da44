"""Tests for analysis.validate.evaluate and the `evaluate spans` command."""

from __future__ import annotations

import argparse
import math
import re

import pandas as pd
import pytest

from analysis.cli import evaluate as cli_evaluate
from analysis.validate.evaluate import ANY, LABELLED, SpanFileError, auc, load_spans, match_overlap, span_scores


def frame(rows):
    return pd.DataFrame(rows, columns=["id", "start", "end", "category"])


GOLD = frame([("a", 0, 5, "x"), ("a", 10, 20, "y"), ("b", 0, 3, "x"), ("b", 7, 9, "y")])
PRED = frame([("a", 0, 5, "x"), ("a", 12, 14, "x"), ("a", 15, 18, "y"), ("b", 0, 3, "y"), ("c", 0, 1, "x")])


def row(table, match, category):
    r = table[(table["match"] == match) & (table["category"] == category)].iloc[0]
    return (int(r.n_gold), int(r.n_pred), int(r.tp), round(r.precision, 4), round(r.recall, 4), round(r.f1, 4))


def test_exact_and_overlap_scores():
    t = span_scores(GOLD, PRED)
    # c is not in the gold ids: left out, so 4 predictions
    assert row(t, "exact", ANY) == (4, 4, 2, 0.5, 0.5, 0.5)
    # a:10-20 overlaps two predictions but is matched once
    assert row(t, "overlap", ANY) == (4, 4, 3, 0.75, 0.75, 0.75)
    assert row(t, "exact", LABELLED) == (4, 4, 1, 0.25, 0.25, 0.25)
    assert row(t, "overlap", LABELLED) == (4, 4, 2, 0.5, 0.5, 0.5)
    assert row(t, "exact", "x") == (2, 2, 1, 0.5, 0.5, 0.5)
    assert row(t, "overlap", "y") == (2, 2, 1, 0.5, 0.5, 0.5)


def test_all_ids_counts_extra_documents():
    t = span_scores(GOLD, PRED, restrict_to_gold_ids=False)
    assert row(t, "exact", ANY) == (4, 5, 2, 0.4, 0.5, 0.4444)


def test_undefined_ratios_are_nan():
    t = span_scores(GOLD, PRED.iloc[0:0])
    r = t[(t.match == "exact") & (t.category == ANY)].iloc[0]
    assert r.tp == 0 and math.isnan(r.precision) and r.recall == 0 and math.isnan(r.f1)


def test_overlap_matching_is_one_to_one_and_maximal():
    # greedy on the first gold span would take pred 0 and leave gold 1 unmatched
    assert match_overlap([(0, 10), (8, 9)], [(0, 9), (9, 11)]) == [(0, 1), (1, 0)]
    assert match_overlap([(0, 2)], [(2, 4)]) == []


def test_auc():
    assert auc(["b", "n", "b", "n"], [0.9, 0.1, 0.4, 0.4], positive="b") == 0.875
    assert auc([1, 0], [0.0, 1.0]) == 0.0
    with pytest.raises(ValueError, match="both classes"):
        auc([1, 1], [0.1, 0.2])
    with pytest.raises(ValueError, match="2 labels but 1 scores"):
        auc([1, 0], [0.1])


def test_load_spans_drops_negated_and_checks(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("id,start,end,category,negated\n001,0,4,x,False\n001,5,9,x,True\n", encoding="utf-8")
    spans = load_spans(path)
    assert spans[["id", "start", "end"]].values.tolist() == [["001", 0, 4]]
    assert len(load_spans(path, drop_negated=False)) == 2
    path.write_text("id,start,end\na,5,5\n", encoding="utf-8")
    with pytest.raises(SpanFileError, match="line 2: start must be smaller"):
        load_spans(path)
    path.write_text("id,start\na,5\n", encoding="utf-8")
    with pytest.raises(SpanFileError, match="missing column"):
        load_spans(path)


def test_load_spans_reads_a_spreadsheet_saved_with_semicolons(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_bytes("\ufeffid;start;end;category\r\n001;4;12;loaded_wording\r\n002;0;7;\r\n".encode())
    spans = load_spans(path)
    assert spans[["id", "start", "end", "category"]].values.tolist() == [["001", 4, 12, "loaded_wording"], ["002", 0, 7, ""]]


def test_cli_evaluate_spans_prints_and_writes(tmp_path, capsys):
    gold, pred, out = tmp_path / "g.csv", tmp_path / "p.csv", tmp_path / "out" / "t.csv"
    GOLD.to_csv(gold, index=False)
    PRED.to_csv(pred, index=False)
    parser = argparse.ArgumentParser()
    cli_evaluate.register(parser.add_subparsers())
    args = parser.parse_args(["evaluate", "spans", str(gold), str(pred), "--out", str(out)])
    assert args.func(args) == 0
    printed = capsys.readouterr().out
    assert "overlap  (any)" in printed and "0.750" in printed
    table = pd.read_csv(out)
    assert len(table) == 2 * (2 + 2)
    assert table.loc[(table.match == "overlap") & (table.category == ANY), "tp"].item() == 3


def test_gold_spans_are_checked_against_the_articles_as_read(tmp_path):
    """Notebook 05 scores a researcher's gold spans; offsets counted on another form of the text (a byte-order mark
    the reader drops, bytes) would give wrong precision and recall without a word."""
    from analysis.validate.evaluate import gold_spans

    path = tmp_path / "gold.csv"
    path.write_text("id,start,end,text\na,4,12,reckless\nb,0,5,Kyiv \nzz,0,3,abc\n", encoding="utf-8")
    texts = {"a": "The reckless plan", "b": "Kyiv said"}
    gold = gold_spans(path, ["a", "b"], texts=texts)  # zz is not in this corpus: left out, not checked
    assert gold[["id", "start", "end"]].values.tolist() == [["a", 4, 12], ["b", 0, 5]]
    with pytest.raises(SpanFileError) as info:
        gold_spans(path, ["a", "b"], texts={"a": "The reckless plan"[1:], "b": "Kyiv said"})
    assert str(info.value) == (
        f"{path}: article a, 4:12: text 'reckless' is not what the article has there ('eckless '); it is at 3:11, "
        "1 character earlier, as when offsets are counted on a text with 1 character more before it (a byte-order "
        "mark, which the corpus reader drops, or a title line). Offsets are character positions in the text as read "
        "(not bytes, not UTF-16 units).")
    with pytest.raises(SpanFileError, match=re.escape(f"{path}: article b, 0:5: 0:5 lies outside article b (4 characters)")):
        gold_spans(path, ["a", "b"], texts={"a": "The reckless plan", "b": "Kyiv"})
    byte_offsets = "Zoë’s “reckless” plan"  # offsets in UTF-8 bytes land 4 bytes after the characters
    path.write_text("id,start,end,text\nc,12,20,reckless\n", encoding="utf-8")
    with pytest.raises(SpanFileError, match=re.escape("text 'reckless' is not what the article has there ('ess” pla'). "
                                                      "Offsets are character positions")):
        gold_spans(path, ["c"], texts={"c": byte_offsets})
    assert gold_spans(path, ["c"]).shape[0] == 1  # without the texts: not checked (as before)


def test_cli_evaluate_spans_checks_the_gold_against_the_corpus(tmp_path, capsys):
    from analysis.cli.main import main

    corpus, gold, pred = tmp_path / "c.csv", tmp_path / "g.csv", tmp_path / "p.csv"
    corpus.write_text("id,source,text\na,S,The reckless plan\nb,S,Kyiv said\n", encoding="utf-8")
    pred.write_text("id,start,end\na,4,12\n", encoding="utf-8")
    gold.write_text("id,start,end,text\na,4,12,reckless\n", encoding="utf-8")
    assert main(["evaluate", "spans", str(gold), str(pred), "--corpus", str(corpus)]) == 0
    assert "overlap  (any)" in capsys.readouterr().out
    gold.write_text("id,start,end,text\na,5,13,reckless\nzz,0,1,x\n", encoding="utf-8")
    assert main(["evaluate", "spans", str(gold), str(pred), "--corpus", str(corpus)]) == 1
    assert capsys.readouterr().err == (
        f"error: {gold}: 1 id(s) are not articles of the corpus (zz); give the corpus the spans were annotated on.\n")
    gold.write_text("id,start,end,text\na,5,13,reckless\n", encoding="utf-8")
    assert main(["evaluate", "spans", str(gold), str(pred), "--corpus", str(corpus)]) == 1
    assert capsys.readouterr().err.startswith(
        f"error: {gold}: article a, 5:13: text 'reckless' is not what the article has there ('eckless '); it is at 4:12, "
        "1 character earlier")

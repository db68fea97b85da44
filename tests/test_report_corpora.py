"""The whole report on corpora other than the bundled one: through the notebooks, and through `make` itself."""

from __future__ import annotations

import datetime
import json
import shutil

import pytest

from analysis import paths
from analysis.report.pdf import build_report
from notebook_study import pdf_text, results_json, run_study

pytestmark = pytest.mark.notebooks


def test_report_for_a_second_synthetic_corpus_with_several_sources(tmp_path, capsys):
    corpus_path = paths.ROOT / "tests" / "fixtures" / "synthetic_corpus.csv"
    out = run_study(tmp_path / "synthetic", corpus_path, source_column="outlet")
    params = tmp_path / "params.txt"
    params.write_text(f"CORPUS={corpus_path}\nSOURCE_COLUMN=outlet\nTITLE=\n", encoding="utf-8")
    pdf = build_report(results=out / "results", figures=out / "figures", out=tmp_path / "synthetic.pdf", params=params)
    text = pdf_text(pdf)
    # The appendix prints this run's parameters (from the file make writes), not another run's.
    assert "CORPUS tests/fixtures/synthetic_corpus.csv" in text and "SOURCE_COLUMN outlet" in text
    corpus = results_json(out, "01_corpus")
    assert (corpus["n_articles"], corpus["n_sources"], corpus["n_words"]) == (7, 3, 126)
    assert "7 articles from 3 sources" in text and "126 words" in text
    assert text.startswith("How sources frame the news") and "Coalition of the Willing" not in text[:400]
    # the method names the stance scorer and the version its model file declares, as score_run.json records them
    version = json.loads(paths.STANCE_MODEL_ROLES.read_text(encoding="utf-8"))["metadata"]["version"]
    assert (f"by the stance model data/models/stance_newsmtsc_roles.json (version {version}, --stance roles; "
            "a logistic regression trained on NewsMTSC") in text
    assert "static word vectors of the words near it" in text  # score_run.json names the table the model read
    loaded = results_json(out, "02_loaded_language")
    assert [d["source"] for d in loaded["density"]] == ["Beta News", "Daily Alpha", "Gamma Wire"]
    alpha = loaded["density"][1]
    assert alpha["n_articles"] == 3 and alpha["small_n"] is False and alpha["ci_low"] is not None
    assert f"{alpha['mean']:.1f} ({alpha['ci_low']:.1f}–{alpha['ci_high']:.1f})" in text
    framing = results_json(out, "04_framing_by_source")
    for finding in framing["findings"]:
        assert " ".join(finding.split()).replace("-", "−")[:60] in text.replace("-", "−")
    validation = results_json(out, "05_validation")
    assert validation["loaded"]["available"] is False
    assert "no gold annotations" in text
    assert "Gold annotations: this corpus has none (Section 3.5). The bundled ones were made by one coder each" in " ".join(text.split())
    # the limitations speak of this corpus's source column, not of how the bundled articles were labelled
    flat = " ".join(text.split())
    assert "Source labels. Sources are compared as the corpus’s outlet column names them;" in flat
    assert "For the bundled corpus the labels were inferred" not in flat
    # A parameters file of another run (here: the bundled corpus) is left out, with a warning.
    params.write_text(f"CORPUS={paths.RAW}\nSOURCE_COLUMN=source\n", encoding="utf-8")
    stale = build_report(results=out / "results", figures=out / "figures", out=tmp_path / "stale.pdf", params=params)
    assert "describes a run on CORPUS=data/raw, not on tests/fixtures/synthetic_corpus.csv" in capsys.readouterr().err
    stale_text = pdf_text(stale)
    assert "The parameters of this run" not in stale_text and "7 articles from 3 sources" in stale_text
    # A list that `actors` wrote and the analyst edited since is not "not chosen by hand"
    stance_json = out / "results" / "03_stance.json"
    described = json.loads(stance_json.read_text(encoding="utf-8"))
    assert (described["targets"]["origin"], described["targets"]["merged"]) == ("bundled", [])
    described["targets"] = {"path": "my_targets.csv", "origin": "edited"}
    stance_json.write_text(json.dumps(described), encoding="utf-8")
    edited = " ".join(pdf_text(build_report(results=out / "results", figures=out / "figures", out=tmp_path / "edited.pdf")).split())
    assert "found in this corpus and that was edited by hand since (my_targets.csv)" in edited
    assert "its rows differ from those written" in edited and "not chosen by hand" not in edited
    # A surname alone that the found list keeps apart, or gives to one of several full names, is explained
    described["targets"] = {"path": "b/targets_discovered.csv", "origin": "discovered", "surnames": [
        {"actor": described["actors"][0], "surname": "Paddock", "ambiguous": True, "dominance": 0.9,
         "names": [{"name": "Stephen Paddock", "n_articles": 16}, {"name": "Steven Paddock", "n_articles": 1}],
         "alike": ["Stephen Paddock", "Steven Paddock"]},
        {"actor": described["actors"][0], "surname": "Obama", "ambiguous": False, "dominance": None,
         "names": [{"name": "Michelle Obama", "n_articles": None}]}],
        "merged": [{"actor": described["actors"][0], "name": "Bob Mueller", "why": "Bob: a short form of Robert"},
                   {"actor": described["actors"][0], "name": "Coalition",
                    "why": "named in 2 of the 2 articles that use it"}]}
    stance_json.write_text(json.dumps(described), encoding="utf-8")
    found = " ".join(pdf_text(build_report(results=out / "results", figures=out / "figures", out=tmp_path / "found.pdf")).split())
    first = described["actors"][0]
    assert (f"{first} is the surname “Paddock” alone, kept apart because the corpus names Stephen Paddock (16 articles) "
            "and Steven Paddock (1 article): its stance may mix them. Where it names one of them, make “Paddock” an "
            "alias of that actor in the actors file (Section 3). Stephen Paddock and Steven Paddock may be one person, "
            "named two ways.") in found
    assert (f"“Paddock” alone is an actor of its own, {first}: the corpus names Stephen Paddock (16 articles) and "
            "Steven Paddock (1 article), none of them in 90% of those articles. Its mentions may be of any of them. "
            "Stephen Paddock and Steven Paddock may be one person, named two ways (a short form, another spelling or a "
            "misspelling): if so, give both one target in the actors file.") in found
    assert f"“Obama” alone is counted as {first}, though the corpus also names Michelle Obama." in found
    assert (f"here “Bob Mueller” is counted as {first} (Bob: a short form of Robert) and “Coalition” is "
            f"counted as {first} (named in 2 of the 2 articles that use it). Where that is wrong, give the name its "
            "own row in the actors file.") in found
    assert found.count("kept apart because") == 1  # the summary speaks only of the surname kept apart
    # notebook 03's figures draw every actor up to 20, else the 20 with the most mentions, and their captions say so
    assert described["figure_actors"] == {"drawn": described["actors"], "n_actors": len(described["actors"])}
    assert "actors with the most mentions" not in found
    described["figure_actors"] = {"drawn": described["actors"][:1], "n_actors": 50}
    stance_json.write_text(json.dumps(described), encoding="utf-8")
    many = " ".join(pdf_text(build_report(results=out / "results", figures=out / "figures", out=tmp_path / "m.pdf")).split())
    assert many.count(": the 1 of the 50 actors with the most mentions (the statistics of Section 4.3 cover every actor).") == 2
    # past eight sources the over-time figures colour the eight with the most dated articles; the captions say which
    framing_json = out / "results" / "04_framing_by_source.json"
    framing = json.loads(framing_json.read_text(encoding="utf-8"))
    assert framing["over_time"]["unit"] == "week" and framing["over_time"]["highlighted"] is None  # 3 sources
    framing["over_time"]["highlighted"] = framing["order"][:2]
    framing_json.write_text(json.dumps(framing), encoding="utf-8")
    coloured = " ".join(pdf_text(build_report(results=out / "results", figures=out / "figures", out=tmp_path / "c.pdf")).split())
    note = (f"Of the 3 sources, the 2 with the most dated articles are drawn in colour ({framing['order'][0]} and "
            f"{framing['order'][1]}); the others are the grey lines, without intervals.")
    assert coloured.count(note) == len(framing["over_time"]["figures"]) >= 2
    assert note + " Below, the others’ articles are one grey bar." in coloured
    # the fingerprint draws every actor up to 10, else the 10 with the most mentions, and its caption says so
    assert framing["fingerprint_actors"] == {"drawn": described["actors"], "n_actors": len(described["actors"])}
    assert "the statistics below cover every actor" not in coloured
    framing["fingerprint_actors"] = {"drawn": described["actors"][:1], "n_actors": 20}
    framing_json.write_text(json.dumps(framing), encoding="utf-8")
    capped = " ".join(pdf_text(build_report(results=out / "results", figures=out / "figures", out=tmp_path / "a.pdf")).split())
    assert ("(b) Mean stance toward each actor, mentions in brackets (orange favourable, blue unfavourable): the 1 of the "
            "20 actors with the most mentions (the statistics below cover every actor). (c) Frame indicators per 1,000 words.") in capped


ELECTION = [  # made-up local-election articles: no actor of the bundled targets file occurs
    ("e1", "Valley Gazette", "Candidate Maria Lopez promised new bus routes at a packed town hall on Tuesday."),
    ("e2", "Valley Gazette", "The library budget dominated the debate, and turnout at early voting stayed low."),
    ("e3", "Metro Daily", "Tom Becker called the school funding plan expensive during a radio interview."),
    ("e4", "Metro Daily", "Residents asked about parking near the riverside park before the May election."),
    ("e5", "County Courier", "Aisha Khan toured the old mill district and spoke with shop owners about rents."),
    ("e6", "County Courier", "Election officials tested the counting machines in the county hall on Friday."),
]


def test_a_corpus_without_any_actor_mention_gives_a_report_that_says_so(tmp_path):
    # An .xlsx workbook, read by every notebook as `make report CORPUS=election.xlsx` has them read it.
    from openpyxl import Workbook

    corpus_path = tmp_path / "election.xlsx"
    book = Workbook()
    book.active.append(["id", "outlet", "text", "date"])
    for row in ELECTION:  # all published on election day (a datetime cell, as a spreadsheet holds a date)
        book.active.append([*row, datetime.datetime(2024, 5, 7, 9, 30)])
    book.save(corpus_path)
    out = run_study(tmp_path / "election", corpus_path, source_column="outlet")
    assert results_json(out, "01_corpus")["n_articles"] == 6
    stance = results_json(out, "03_stance")
    assert (stance["n_mentions"], stance["actors"], stance["stance_scorer"]) == (0, [], "roles")
    assert (out / "figures" / "03_stance__articles.svg").exists()
    # one day is one period: no figure over time (it had drawn one point per source on a meaningless axis)
    over_time = results_json(out, "04_framing_by_source")["over_time"]
    assert (over_time["unit"], over_time["n_periods"], over_time["figures"]) == ("week", 1, [])
    assert not list((out / "figures").glob("04_framing_by_source__over_time_*"))
    pdf = build_report(results=out / "results", figures=out / "figures", out=tmp_path / "election.pdf")
    text = " ".join(pdf_text(pdf).split())
    assert "The corpus has 0 mentions of 0 actors" in text
    # no title column: the article table leaves the column out and says why (it had said "(no headline)" for each)
    assert "Titles are read from a title column of the corpus; no article here has one." in text
    assert "(no headline)" not in text and "Article Source Words Sentences" in text
    assert ("The 6 dated articles all fall in one week (all on 2024-05-07; weeks start on Monday), so there is no "
            "change over time to show. Comparing sources over time needs dated articles from 2 weeks or more.") in text
    assert not _monospace_past_the_page(pdf)
    # The same results with ids that are URLs (an export keyed by url): the article table and the checksums
    # wrap them; a sha256 beside a URL id ran past the page's edge, and the titles beside them were squeezed
    # to a word a line (128 articles: 7 pages for the first 40)
    corpus_json = out / "results" / "01_corpus.json"
    described = json.loads(corpus_json.read_text(encoding="utf-8"))
    for a in described["articles"]:
        a["id"] = f"https://www.county-courier.example/2024/05/07/{a['id']}-the-election-story-of-the-week"
    corpus_json.write_text(json.dumps(described), encoding="utf-8")
    pdf = build_report(results=out / "results", figures=out / "figures", out=tmp_path / "urls.pdf")
    assert not _monospace_past_the_page(pdf)
    assert "the-election-story-of-the-week" in pdf_text(pdf).replace("\u200b", "")


def _monospace_past_the_page(pdf) -> list:
    """``(page, text)`` of the hashes and URLs (monospace, 0.6 em a character) that run past the page's right edge."""
    import re

    from pypdf import PdfReader

    found = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        width, runs = float(page.mediabox.width), []
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: runs.append((text.replace("\u200b", "").strip(), cm[4], size)))
        found += [(number, t) for t, x, size in runs
                  if re.fullmatch(r"[0-9a-f]{16,}|https?://\S+", t) and x + 0.6 * size * len(t) > width]
    return found


# The everyday inputs of issue 21 through `make` itself, into a temporary folder: a Windows-1252
# CSV whose id and text columns have other names runs the whole report (one run: it takes about a
# minute); an .xlsx workbook with a `body` column is read, checked, searched for actors and scored
# by make; a corpus make cannot read stops before any notebook with the reader's one-line error.
# (The notebooks reading an .xlsx themselves: the election test above.)
ELECTION_1252 = [  # curly quotes, a dash and an accent: bytes that differ between Windows-1252 and UTF-8
    ("e1", "Valley Gazette", "Maria Lopez promised new bus routes at a packed town hall on Tuesday. “We will fix this,” she said."),
    ("e2", "Valley Gazette", "The library budget dominated the debate – turnout at early voting stayed low."),
    ("e3", "Metro Daily", "Tom Becker called the school funding plan a reckless disaster during a radio interview."),
    ("e4", "Metro Daily", "Residents asked about parking near the riverside park; the café owner was not amused."),
    ("e5", "County Courier", "Aisha Khan toured the old mill district and spoke with shop owners about rents."),
    ("e6", "County Courier", "Election officials tested the counting machines on Friday, Tom Becker said."),
]


def _make(out, *args):
    import subprocess
    import sys

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    folders = [f"BUILD={out / 'build'}", f"RESULTS_DIR={out / 'results'}", f"FIG_DIR={out / 'figures'}",
               f"REPORT_PDF={out / 'report.pdf'}", f"PYTHON={sys.executable}"]
    return subprocess.run(["make", "--no-print-directory", "-C", str(paths.ROOT), *args, *folders],
                          capture_output=True, text=True, timeout=900)


def _election_table(path, header, encoding="utf-8"):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(ELECTION_1252)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def test_make_report_on_a_windows_1252_csv_with_doc_id_and_body_columns(tmp_path):
    import pandas as pd

    corpus = _election_table(tmp_path / "election.csv", ["doc_id", "outlet", "body"], encoding="windows-1252")
    out = tmp_path / "out"
    run = _make(out, "report", f"CORPUS={corpus}", "SOURCE_COLUMN=outlet", "ID_COLUMN=doc_id", "TEXT_COLUMN=body",
                "ENCODING=windows-1252")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "left out of the report" not in run.stderr  # make's Parquet copy of the corpus is this run's corpus
    # `make actors` read the body column in its encoding: the people of the texts, not of the header
    targets = pd.read_csv(out / "build" / "targets_discovered.csv")
    assert sorted(set(targets["target"])) == ["Aisha Khan", "Maria Lopez", "Tom Becker"]
    articles = pd.read_csv(out / "results" / "scores" / "articles.csv", dtype={"id": str})
    assert articles["id"].tolist() == ["e1", "e2", "e3", "e4", "e5", "e6"]
    text = pdf_text(out / "report.pdf")
    assert "6 articles from 3 sources" in text
    assert "“We will fix this,” she said." in text and "the café owner" in text and "debate – turnout" in text
    # the appendix names the corpus given and how it was read, not the copy the notebooks read (a long
    # path wraps inside itself, so spaces are left out of the comparison)
    assert f"Corpus{corpus}·6articles" in text.replace(" ", "") and "corpus.parquet" not in text
    for line in ("ID_COLUMN doc_id", "TEXT_COLUMN body", "ENCODING windows-1252", "SOURCE_COLUMN outlet"):
        assert line in text, line
    # "she said" cites no one by name; the war's naming variants are not this corpus's choices
    framing = results_json(out, "04_framing_by_source")
    # ("promised" and "called" are reporting verbs: analysis.text.reporting)
    assert framing["cited"] == {"County Courier": [{"entity": "Tom Becker", "n": 1}],
                                "Metro Daily": [{"entity": "Residents", "n": 1}, {"entity": "Tom Becker", "n": 1}],
                                "Valley Gazette": [{"entity": "Maria Lopez", "n": 1}]}
    assert framing["naming"] == [] and framing["naming_domain"]["applies"] is False
    assert "Naming choices (Kyiv or Kiev," in text and "are not shown" in text


def test_make_reads_an_xlsx_with_a_body_column_and_stops_on_a_corpus_it_cannot_read(tmp_path):
    import pandas as pd
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["id", "outlet", "body"])
    for row in ELECTION_1252:
        book.active.append(list(row))
    xlsx = tmp_path / "election.xlsx"
    book.save(xlsx)
    out = tmp_path / "out"
    checked = out / "build" / "corpus" / "summary.txt"
    run = _make(out, "scores", str(checked), f"CORPUS={xlsx}", "SOURCE_COLUMN=outlet", "TEXT_COLUMN=body")
    assert run.returncode == 0, run.stderr[-3000:]
    assert checked.read_text().splitlines()[-1].split() == ["total", "6", "84", "7"]
    copy = pd.read_parquet(out / "build" / "corpus" / "corpus.parquet")  # what the notebooks would read
    assert copy["text"].tolist() == [row[2] for row in ELECTION_1252]
    assert sorted(set(pd.read_csv(out / "build" / "targets_discovered.csv")["target"])) == ["Aisha Khan", "Maria Lopez",
                                                                                           "Tom Becker"]
    stance = pd.read_csv(out / "results" / "scores" / "stance.csv", dtype={"id": str})
    assert sorted(set(stance["target"])) == ["Aisha Khan", "Maria Lopez", "Tom Becker"]
    # Without TEXT_COLUMN, or without ENCODING: the reader's one-line error, and no notebook runs.
    for corpus, first_line in [
        (xlsx, f"error: {xlsx}: no `text` column (columns are: id, outlet, body). A corpus table needs `id` and `text`; "
               "rename your columns, or name yours with --text-column (TEXT_COLUMN=)."),
        (_election_table(tmp_path / "e.csv", ["id", "outlet", "text"], encoding="windows-1252"),
         f"error: {tmp_path / 'e.csv'}: not valid UTF-8 (byte 0x93 at byte offset 104, line 2, row 1 (id 'e1')). If it was "
         "saved on Windows or by Excel, convert it: iconv -f windows-1252 -t utf-8 IN > OUT (or pass --encoding "
         "windows-1252; ENCODING=windows-1252 with make); in Excel save as \"CSV UTF-8\"."),
    ]:
        failed = tmp_path / "failed"
        run = _make(failed, "report", f"CORPUS={corpus}", "SOURCE_COLUMN=outlet")
        assert run.returncode != 0
        assert run.stderr.splitlines()[0] == first_line
        assert not (failed / "build" / "notebooks").exists() and not (failed / "report.pdf").exists()

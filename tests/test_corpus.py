"""Loading every input form, and a clear error or warning for every kind of bad input."""

import json
import warnings

import pandas as pd
import pytest

from analysis.corpus import CorpusError, CorpusWarning, article_stats, load_corpus, summarize_by_source


def test_folder_with_metadata(folder_corpus):
    corpus = load_corpus(folder_corpus)
    assert list(corpus.columns[:3]) == ["id", "source", "text"]
    assert list(corpus["id"]) == ["a1", "a2", "b1"]
    assert list(corpus["source"]) == ["Outlet A", "Outlet A", "Outlet B"]
    assert list(corpus["date"]) == ["2025-03-01", "", "2025-03-02"]
    # BOM dropped, CRLF kept exactly as decoded
    assert corpus.loc[2, "text"] == "Kyiv’s allies met.\r\nThey agreed."


def test_folder_without_metadata_warns_and_marks_source_unknown(tmp_path):
    (tmp_path / "x.txt").write_text("Some text.", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="no `source` column"):
        corpus = load_corpus(tmp_path)
    assert corpus.to_dict("list") == {"id": ["x"], "source": ["unknown"], "text": ["Some text."]}


def test_corpus_warnings_point_at_the_callers_own_line(tmp_path):
    """A notebook showed "analysis/corpus/__init__.py:78: CorpusWarning: ..." with a line of the reader's code under it;
    every warning of the reader now points at the line that called it (here, this file), whatever the path inside."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "x.txt").write_text("Some text.", encoding="utf-8")  # no metadata: no source column
    (tmp_path / "meta").mkdir()
    (tmp_path / "meta" / "x.txt").write_text("Some text.", encoding="utf-8")
    (tmp_path / "meta" / "metadata.csv").write_text("id,source\nx,S\nghost,S\n", encoding="utf-8")  # a row without a file
    (tmp_path / "bom.csv").write_text("id,source,text\na,S,\ufeffA text.\n", encoding="utf-8")  # a text with a byte-order mark
    for path, expected in ((tmp_path / "folder", "no `source` column"), (tmp_path / "meta", "no matching .txt file"),
                           (tmp_path / "bom.csv", "byte-order mark")):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            load_corpus(path)
        found = [w for w in caught if issubclass(w.category, CorpusWarning)]
        assert [expected in str(w.message) for w in found] == [True], [str(w.message) for w in found]
        assert found[0].filename == __file__, (expected, found[0].filename)


def test_metadata_without_file_and_file_without_metadata_warn_and_continue(folder_corpus):
    meta = folder_corpus / "metadata.csv"
    meta.write_text("id,source\na1,Outlet A\na2,Outlet A\nghost,Outlet C\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder_corpus)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    assert any("no matching .txt file" in m and "ghost" in m for m in messages)
    assert any("have no metadata row" in m and "b1" in m for m in messages)
    assert list(corpus["id"]) == ["a1", "a2", "b1"]
    assert corpus.set_index("id").loc["b1", "source"] == "unknown"


def test_csv_jsonl_parquet_give_the_same_table(tmp_path):
    frame = pd.DataFrame({"id": ["2", "1"], "text": ["Second text.", "First text."], "outlet": ["B", "A"]})
    frame.to_csv(tmp_path / "c.csv", index=False)
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")) + "\n", encoding="utf-8")
    frame.to_parquet(tmp_path / "c.parquet", index=False)
    loaded = [load_corpus(tmp_path / f"c.{ext}", source_column="outlet") for ext in ("csv", "jsonl", "parquet")]
    for corpus in loaded:
        assert corpus[["id", "source", "text", "outlet"]].to_dict("list") == {
            "id": ["1", "2"], "source": ["A", "B"], "text": ["First text.", "Second text."], "outlet": ["A", "B"],
        }


def test_numeric_ids_are_strings_and_na_strings_are_kept(tmp_path):
    (tmp_path / "c.csv").write_text("id,text,source\n007,NA,x\n8,None,y\n", encoding="utf-8")
    corpus = load_corpus(tmp_path / "c.csv")
    assert list(corpus["id"]) == ["007", "8"]
    assert list(corpus["text"]) == ["NA", "None"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("ident,text\n1,a\n", r"c\.csv: no `id` column \(columns are: ident, text\)"),
        ("id,body\n1,a\n", r"c\.csv: no `text` column"),
        ("id,text\n1,a\n2,b\n1,c\n", r"c\.csv: duplicate id '1' in rows 1, 3"),
        ("id,text\n1,a\n2,   \n", r"c\.csv, row 2 \(id '2'\): the text is blank"),
        ("id,text\n1,a\n,b\n", r"c\.csv, row 2: empty `id`"),
        ("id,text,date\n1,a,yesterday\n", r"c\.csv, row 1 \(id '1'\): date 'yesterday' is not ISO 8601"),
        ("", r"c\.csv: the file is empty"),
    ],
)
def test_bad_csv_gives_clear_error(tmp_path, content, message):
    (tmp_path / "c.csv").write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_corpus(tmp_path / "c.csv")


def test_undecodable_bytes_name_file_and_offset(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Caf\xe9 politics.")
    with pytest.raises(CorpusError, match=r"bad\.txt: not valid UTF-8 \(byte 0xe9 at byte offset 3, line 1\)\. If it was saved on Windows or by Excel, convert it: iconv -f windows-1252"):
        load_corpus(tmp_path)


def test_blank_txt_file_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(" \n ", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"row 2 \(id 'b'\): the text is blank"):
        load_corpus(tmp_path)


def test_duplicate_metadata_ids(folder_corpus):
    (folder_corpus / "metadata.csv").write_text("id,source\na1,X\na1,Y\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata\.csv: duplicate id 'a1' in metadata rows 1, 2"):
        load_corpus(folder_corpus)


def test_bad_jsonl_line(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"id": "1", "text": "ok"}\n{"id": 2, text}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.jsonl, line 2: not valid JSON"):
        load_corpus(tmp_path / "c.jsonl")


def test_missing_path_unknown_suffix_empty_folder_and_unknown_source_column(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "x.xls").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="unsupported file type '.xls'.*Save the sheet as .xlsx or as \"CSV UTF-8\""):
        load_corpus(tmp_path / "x.xls")
    with pytest.raises(CorpusError, match="no .txt files found"):
        load_corpus(tmp_path)
    (tmp_path / "c.csv").write_text("id,text\n1,a\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no column 'outlet' to use as the source"):
        load_corpus(tmp_path / "c.csv", source_column="outlet")


def test_article_stats_and_summary(folder_corpus):
    corpus = load_corpus(folder_corpus)
    stats = article_stats(corpus)
    assert stats[["id", "n_words", "n_sentences"]].to_dict("list") == {
        "id": ["a1", "a2", "b1"], "n_words": [11, 11, 5], "n_sentences": [3, 2, 2],
    }
    summary = summarize_by_source(corpus)
    assert summary[["source", "articles", "words", "sentences"]].to_dict("list") == {
        "source": ["Outlet A", "Outlet B"], "articles": [2, 1], "words": [22, 5], "sentences": [5, 2],
    }


def test_bundled_corpus_loads(project_paths):
    corpus = load_corpus(project_paths.RAW)
    assert len(corpus) == 5
    assert sorted(corpus["source"].unique()) == ["RIA Novosti relay", "UK political press", "Western war report", "pro-Kremlin outlet"]
    assert corpus["text"].str.contains("reckless decisions").sum() == 1


def test_describe_corpus_is_one_pass_kept_and_read_back(folder_corpus, tmp_path, monkeypatch):
    """Notebook 01's description: the tables of describe_articles and domain_fit, computed once and kept."""
    import analysis.corpus as corpus_module
    from analysis.corpus import describe_articles
    from analysis.corpus.describe import describe_corpus
    from analysis.measures.actors import domain_fit

    corpus = load_corpus(folder_corpus)
    described = describe_corpus(corpus, cache_dir=tmp_path / "d")
    stats, lengths = describe_articles(corpus)
    assert described.stats.equals(stats) and described.lengths.equals(lengths) and described.fit == domain_fit(corpus)
    assert described.stats[["id", "n_words", "n_sentences"]].to_dict("list") == {
        "id": ["a1", "a2", "b1"], "n_words": [11, 11, 5], "n_sentences": [3, 2, 2]}
    assert described.lengths["n_words"].tolist() == [2, 6, 3, 8, 3, 3, 2]  # "Headline one", "The U.S. envoy met Gen. Smith.", ...
    kept = [p.name for p in (tmp_path / "d").iterdir()]
    assert len(kept) == 1 and kept[0].startswith("description-")

    def fail(*args, **kwargs):
        raise AssertionError("tokenized the corpus again")

    monkeypatch.setattr(corpus_module, "tokenize_plain", fail)  # describe_corpus tokenizes through _describe
    again = describe_corpus(corpus, cache_dir=tmp_path / "d")
    assert again.stats.equals(stats) and again.lengths.equals(lengths) and again.fit == described.fit
    with pytest.raises(AssertionError, match="again"):  # other articles: described again
        describe_corpus(corpus.assign(text=corpus["text"] + " More."), cache_dir=tmp_path / "d")


def test_corpus_command_keeps_the_description_for_notebook_01(folder_corpus, tmp_path, capsys):
    from analysis.cli.main import main
    from analysis.corpus.describe import describe_corpus

    assert main(["corpus", str(folder_corpus), "--describe", str(tmp_path / "d")]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split() == ["total", "3", "27", "7"]
    assert len(list((tmp_path / "d").iterdir())) == 1
    assert main(["corpus", str(folder_corpus), "--lexicon", "x.csv"]) == 1
    assert capsys.readouterr().err == "error: --lexicon, --frames and --targets only apply with --describe DIR; add it or drop them.\n"
    described = describe_corpus(load_corpus(folder_corpus), cache_dir=tmp_path / "d")
    assert [p.name for p in (tmp_path / "d").iterdir()] == [next((tmp_path / "d").iterdir()).name]  # read back, not rewritten
    assert described.fit["n_articles"] == 3


def test_update_with_columns_length_prefixes_values_and_separates_columns():
    import hashlib

    from analysis.corpus.digest import update_with_columns

    def key(columns):
        digest = hashlib.sha256()
        update_with_columns(digest, columns)
        return digest.hexdigest()

    expected = hashlib.sha256(
        (2).to_bytes(8, "little") + b"ab" + b"\xff" * 8 + (1).to_bytes(8, "little") + b"c" + b"\xff" * 8
    ).hexdigest()
    assert key([["ab"], ["c"]]) == expected
    assert key([["a"], ["bc"]]) != expected and key([["ab", "c"]]) != expected
    assert key([["\ud800"]]) == hashlib.sha256((3).to_bytes(8, "little") + b"\xed\xa0\x80" + b"\xff" * 8).hexdigest()


def test_update_with_package_feeds_each_module_after_its_path_and_a_nul(monkeypatch, tmp_path):
    import hashlib

    from analysis.corpus import digest as D
    from analysis.tables import score

    pkg = tmp_path / "analysis"
    (pkg / "corpus").mkdir(parents=True)
    (pkg / "a.py").write_bytes(b"x = 1\n")
    (pkg / "corpus" / "digest.py").write_bytes(b"")
    (pkg / "notes.txt").write_bytes(b"not code")
    monkeypatch.setattr(D, "__file__", str(pkg / "corpus" / "digest.py"))
    expected = hashlib.sha256(b"a.py\0x = 1\n\0" + b"corpus/digest.py\0\0").hexdigest()
    digest = hashlib.sha256()
    D.update_with_package(digest)
    assert digest.hexdigest() == expected
    assert score._code_fingerprint() == expected  # the scores' cache key hashes the code the same way


def test_sentence_words_counts_what_tokenizing_each_span_counts_even_when_an_edge_cuts_a_word():
    from analysis.corpus import _sentence_words

    text = "Kyiv's plan. Kyiv's plan."
    # whole sentences; an edge inside "'s" (the 's belongs to the word before); an edge inside "plan"
    spans = [(0, 12), (13, 25), (0, 5), (5, 12), (13, 22)]
    assert _sentence_words(text, spans) == [2, 2, 1, 2, 2]


def test_recurring_lines_are_counted_per_source_word_for_word():
    from analysis.corpus.describe import boilerplate_records, recurring_lines

    ad = "Support   fearless journalism today."
    texts = {"a": f"Talks failed.\n{ad}", "b": f"Talks resumed.\r\n{ad}\r\n", "c": f" {ad} \n---\n",  # S: 3 copies
             "d": "---\nTalks failed.", "e": "Talks failed.\nAll rights reserved.",  # T: 'Talks failed.' in 1 of T
             "f": "All rights reserved.", "g": "All rights reserved.\nAll rights reserved."}
    sources = {"a": "S", "b": "S", "c": "S", "d": "S", "e": "T", "f": "T", "g": "T"}
    corpus = pd.DataFrame({"id": list(texts), "source": [sources[i] for i in texts], "text": list(texts.values())})
    lines = recurring_lines(corpus)
    # 'Talks failed.' is in 2 articles of S and 1 of T: not 3 of one source; '---' has no word; 'g' counts once
    assert lines.values.tolist() == [["S", "Support fearless journalism today.", 3, 4], ["T", "All rights reserved.", 3, 3]]
    assert recurring_lines(corpus, min_articles=2)["line"].tolist() == [
        "Support fearless journalism today.", "Talks failed.", "All rights reserved."]
    words = {"S": 100, "T": 60}
    record = boilerplate_records(lines, words)
    assert record["sources"] == [{"source": "S", "n_lines": 1, "words": 12, "share": 0.12},
                                 {"source": "T", "n_lines": 1, "words": 9, "share": 0.15}][::-1]
    assert [r["source"] for r in record["lines"]] == ["S", "T"] and record["n_lines"] == 2
    assert boilerplate_records(recurring_lines(corpus.iloc[:2]), words) == {"min_articles": 3, "n_lines": 0, "sources": [],
                                                                            "lines": []}


def test_markup_records_count_articles_with_html_tags_and_character_references():
    from analysis.corpus.describe import markup_records

    texts = {"a": "<p>He said &quot;no&quot;.</p>", "b": "It&#8217;s &quot;fine&quot; &amp; &#x2019;done&rsquo;.",
             "c": "AT&T; rose &copy 5 &lt 6 and a < b > c.", "d": "<BR/>Plain.", "e": "Caf&eacute; &Eacute;lys&eacute;e."}
    corpus = pd.DataFrame({"id": list(texts), "text": list(texts.values())})
    record = markup_records(corpus, max_ids=3, max_references=4)
    # 'c' has none: "&T;" names no reference, "&copy" and "&lt" lack their semicolon, "< b >" is not a tag
    assert record == {"tags": {"n": 2, "ids": ["a", "d"]},
                      "references": {"n": 3, "ids": ["a", "b", "e"],
                                     "common": [["&quot;", 4], ["&eacute;", 2], ["&#8217;", 1], ["&amp;", 1]]}}
    assert markup_records(corpus.iloc[2:3]) == {"tags": {"n": 0, "ids": []}, "references": {"n": 0, "ids": [], "common": []}}

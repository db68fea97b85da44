"""Bad input: each case gives a clear error (exit code 1, one `error:` line, no traceback) or a documented handling.

A run that fails leaves no partial outputs and never touches earlier outputs; data/raw is never
modified (tests/test_repository.py checks its checksums after the whole suite).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from nltk.tokenize import RegexpTokenizer

import analysis.tables.score as score_mod
from analysis import paths
from analysis.cli.main import main
from analysis.corpus import CorpusWarning
from analysis.text.lexicon import Lexicon, PatternMatcher
from analysis.tables.score import Scorer, ScoreError, score_path
from analysis.corpus.synthetic import generate_corpus
from analysis.text.tokens import _WORD_PATTERN, tokenize


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer.load()


def _cli(capsys, *args) -> tuple[int, str]:
    code = main(["score", *map(str, args), "--no-progress"])
    return code, capsys.readouterr().err


def _one_line_error(code: int, err: str, fragment: str) -> None:
    assert code == 1, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert fragment in err, err
    assert "Traceback" not in err


def _good_outputs(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding earlier, good results."""
    out = tmp_path / "out"
    small = tmp_path / "good.csv"
    generate_corpus(2).to_csv(small, index=False)
    score_path(small, out, progress=False)
    return out, _listing(out)


def _listing(out: Path) -> dict[str, bytes]:
    """Every entry of an output folder: the files' bytes, and the one current set (no staging, no parts)."""
    found = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    hidden = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    assert hidden == [".current", ".sets"] and len(list((out / ".sets").iterdir())) == 1, hidden
    return found


def _unchanged(out: Path, before: dict[str, bytes]) -> None:
    assert _listing(out) == before  # no staging, no parts, same bytes


# --- the input file ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "fragment"), [
    ("empty.csv", b"", "the file is empty"),
    ("blank.csv", b"  \n\n \r\n", "the file is empty"),
    ("empty.jsonl", b"\n\n", "the file holds no records"),
    ("bad.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": \n', "line 2: not valid JSON"),
    ("list.jsonl", b'["a", "b"]\n', "line 1: expected a JSON object"),
    ("latin1.csv", "id,text\na,café au lait\n".encode("latin-1"), "not valid UTF-8 (byte 0xe9 at byte offset 13, line 2, row 1 (id 'a')). If it was saved on Windows"),
    ("latin1.jsonl", '{"id": "a", "text": "ok"}\n{"id": "b", "text": "café"}\n'.encode("latin-1"),
     "not valid UTF-8 (byte 0xe9 at byte offset 50, line 2, row 2 (id 'b')). If it was saved on Windows"),
    ("notext.csv", b"id,body\n1,x\n", "no `text` column"),
    ("quote.csv", b'id,text\n1,"unclosed\n', "row 1 (line 2): a quoted field is never closed (a missing quote)"),
    ("data.parquet", b"PAR1 this is not parquet", "not a readable Parquet file"),
    ("corpus.xlsx", b"x", "not a readable .xlsx workbook (File is not a zip file)"),
    ("corpus.xls", b"x", "unsupported file type '.xls'. Use a folder of .txt files or a .csv, .jsonl, .parquet or .xlsx file. Save the sheet as .xlsx or as \"CSV UTF-8\"."),
])
def test_bad_files_are_one_line_errors(name, content, fragment, tmp_path, capsys):
    path = tmp_path / name
    path.write_bytes(content)
    out, before = _good_outputs(tmp_path)
    code, err = _cli(capsys, path, "--out", out)
    _one_line_error(code, err, fragment)
    _unchanged(out, before)


def test_missing_input_creates_nothing(tmp_path, capsys):
    code, err = _cli(capsys, tmp_path / "nope.csv", "--out", tmp_path / "out")
    _one_line_error(code, err, "no such file or folder")
    assert not (tmp_path / "out").exists()


def test_empty_folder(tmp_path, capsys):
    (tmp_path / "corpus").mkdir()
    code, err = _cli(capsys, tmp_path / "corpus", "--out", tmp_path / "out")
    _one_line_error(code, err, "no .txt files found")


def test_non_utf8_text_file_in_a_folder(tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Fine.", encoding="utf-8")
    (folder / "b.txt").write_bytes("Kyiv ’reckless’".encode("cp1252"))
    code, err = _cli(capsys, folder, "--out", tmp_path / "out")
    _one_line_error(code, err, "b.txt: not valid UTF-8 (byte 0x92 at byte offset 5, line 1). If it was saved on Windows or by Excel, convert it: iconv -f windows-1252 -t utf-8 IN > OUT (or pass --encoding windows-1252; ENCODING=windows-1252 with make)")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("text", "fragment"), [("   \n\t ", "the text is blank"), ("\ufeff  ", "the text is blank")])
def test_whitespace_only_text(text, fragment, tmp_path, capsys):
    pd.DataFrame({"id": ["a", "b"], "text": ["Fine text.", text]}).to_csv(tmp_path / "c.csv", index=False)
    code, err = _cli(capsys, tmp_path / "c.csv", "--out", tmp_path / "out")
    _one_line_error(code, err, f"row 2 (id 'b'): {fragment}")


def test_duplicate_ids_within_and_across_chunks(tmp_path, capsys):
    frame = generate_corpus(9)
    frame.loc[7, "id"] = frame.loc[1, "id"]
    frame.to_csv(tmp_path / "c.csv", index=False)
    for chunk in ("100", "3"):  # same chunk, then rows 2 and 8 in different chunks
        code, err = _cli(capsys, tmp_path / "c.csv", "--out", tmp_path / "out", "--chunk-size", chunk)
        _one_line_error(code, err, "duplicate id 'synthetic-0000001' in rows 2, 8. Ids must be unique")
        assert not (tmp_path / "out").exists()


def test_bom_is_dropped(scorer, tmp_path):
    frame = generate_corpus(3)
    plain = tmp_path / "plain.csv"
    frame.to_csv(plain, index=False)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    jsonl = tmp_path / "bom.jsonl"  # a BOM at the start of the file and at the start of a text
    rows = frame.to_dict("records")
    rows[0]["text"] = "\ufeff" + rows[0]["text"]
    jsonl.write_text("\ufeff" + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    for path, out in ((plain, "a"), (bom, "b"), (jsonl, "c")):
        score_path(path, tmp_path / out, scorer=scorer, progress=False)
    for name in ("articles.csv", "spans.csv", "mentions.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()


def test_crlf_line_endings_keep_offsets_valid(scorer, tmp_path):
    text = "SYNTHETIC ARTICLE\r\nRussia accused Kyiv of a reckless\r\nescalation.\r\n\r\n“This is provocative nonsense,” Moscow said."
    path = tmp_path / "crlf.csv"
    path.write_bytes(pd.DataFrame({"id": ["a"], "source": ["s"], "text": [text]}).to_csv(index=False, lineterminator="\r\n").encode())
    score_path(path, tmp_path / "out", scorer=scorer, progress=False)
    spans = pd.read_csv(tmp_path / "out" / "spans.csv", keep_default_na=False)
    mentions = pd.read_csv(tmp_path / "out" / "mentions.csv", keep_default_na=False)
    # the phrase "reckless escalation" crosses the CRLF line break and keeps valid offsets
    assert set(spans["text"]) >= {"reckless\r\nescalation", "provocative nonsense"}
    for frame in (spans, mentions):
        assert all(text[s:e] == t for s, e, t in zip(frame["start"], frame["end"], frame["text"]))


def test_html_markup_is_scored_as_text_with_a_warning(scorer, tmp_path):
    text = '<p>Kyiv called the plan <b>reckless</b>.</p><div class="x">More.</div>'
    pd.DataFrame({"id": ["a", "b"], "source": "s", "text": [text, "Plain text."]}).to_csv(tmp_path / "c.csv", index=False)
    with pytest.warns(CorpusWarning, match=r"1 article\(s\) contain HTML markup, which is scored as text.*: a$"):
        score_path(tmp_path / "c.csv", tmp_path / "out", scorer=scorer, progress=False)
    spans = pd.read_csv(tmp_path / "out" / "spans.csv")
    assert spans["text"].tolist() == ["reckless"] and text[spans["start"][0] : spans["end"][0]] == "reckless"


def test_html_character_references_are_scored_as_text_with_a_warning(scorer, tmp_path):
    """A quotation mark written as &quot; (scraped text) is not read as one: the quotation it opens is not found and
    "quot" counts as a word. The readers warn, naming the articles; the texts are not changed."""
    encoded = "Critics called the government's plan &quot;provocative nonsense&quot; on Monday."
    decoded = 'Critics called the government\'s plan "provocative nonsense" on Monday.'
    unknown = "AT&T; said so &copy and 5 &lt 6."  # no reference: "&T;" names none, the others lack their semicolon
    pd.DataFrame({"id": ["enc", "dec", "att"], "source": "s", "text": [encoded, decoded, unknown]}).to_csv(
        tmp_path / "c.csv", index=False)
    with pytest.warns(CorpusWarning) as caught:
        score_path(tmp_path / "c.csv", tmp_path / "out", scorer=scorer, progress=False)
    messages = [str(w.message) for w in caught if "HTML" in str(w.message)]
    assert messages == [f"{tmp_path / 'c.csv'}: 1 article(s) contain HTML character references (&quot;, &#8217;, &amp;), "
                        "which are scored as text: the reference's name counts as a word, and a quotation mark or "
                        "apostrophe written as one is not read as one (the quotation it opens is not found); decode them "
                        "first (html.unescape; docs/researchers.md, \"HTML left in the text\"): enc"]
    articles = pd.read_csv(tmp_path / "out" / "articles.csv").set_index("id")
    spans = pd.read_csv(tmp_path / "out" / "spans.csv").set_index("id")
    assert articles.loc[["enc", "dec"], "n_tokens"].tolist() == [11, 9]
    assert spans.loc[["enc", "dec"], "text"].tolist() == ["provocative nonsense"] * 2
    assert spans.loc[["enc", "dec"], "in_quote"].tolist() == [False, True]
    assert encoded[spans.loc["enc", "start"] : spans.loc["enc", "end"]] == "provocative nonsense"


def test_invisible_characters_inside_words_score_as_the_words_without_them(scorer, tmp_path):
    """A soft hyphen (HTML's &shy;) or a zero-width space inside a word is invisible on screen; it had cut the word in
    two, so "reck\u00adless" was no loaded term, "Rus\u200bsia" no mention of Russia, and each counted as two words."""
    plain = "Critics said Russia made reckless decisions and spread provocative nonsense about Ukraine."
    marked = plain.replace("reckless", "reck\u00adless").replace("Russia", "Rus\u200bsia").replace("provocative", "provoc\u00adative")
    pd.DataFrame({"id": ["plain", "marked"], "source": "s", "text": [plain, marked]}).to_csv(tmp_path / "c.csv", index=False)
    score_path(tmp_path / "c.csv", tmp_path / "out", scorer=scorer, progress=False)
    tables = {name: pd.read_csv(tmp_path / "out" / f"{name}.csv").set_index("id") for name in ("articles", "spans", "mentions")}
    assert tables["spans"].loc["marked", "text"].tolist() == ["reck\u00adless decisions", "provoc\u00adative nonsense"]
    assert tables["mentions"].loc["marked", "text"].tolist() == ["Rus\u200bsia", "Ukraine"]
    for name in ("spans", "mentions"):
        rows = tables[name].loc[["marked"]]
        assert all(marked[a:b] == t for a, b, t in zip(rows["start"], rows["end"], rows["text"]))
    for name, table in tables.items():  # the same numbers (the offsets after the first mark shift by one)
        numbers = table.select_dtypes("number").drop(columns=["start", "end", "sentence_start", "sentence_end"], errors="ignore")
        assert numbers.loc[["plain"]].fillna(-9).to_numpy().tolist() == numbers.loc[["marked"]].fillna(-9).to_numpy().tolist(), name
    assert tables["articles"].at["marked", "n_tokens"] == 12


def test_text_without_sentence_punctuation_is_scored_in_pieces_with_a_warning(scorer, tmp_path):
    # a caption track: 1,040 words, no full stop; the other article has 4,092 characters of sentences
    words = ("Kyiv called the plan reckless and the minister said the troops would stay " * 80).strip()
    sentences_text = "Kyiv met Moscow. " * 240 + "Talks go on."
    assert len(words) == 5919 and len(sentences_text) == 4092
    pd.DataFrame({"id": ["caption", "report"], "source": "s", "text": [words, sentences_text]}).to_csv(tmp_path / "c.csv", index=False)
    with pytest.warns(CorpusWarning, match=r"1 article\(s\) have more than 4,000 characters without a full stop, question or "
                                           r"exclamation mark or line break \(a transcript, or text that lost its punctuation\?\): "
                                           r"a longer sentence is cut into pieces of at most 4,000 characters, which stance, "
                                           r"quotations and the evidence sentences then read as sentences: caption$"):
        score_path(tmp_path / "c.csv", tmp_path / "out", scorer=scorer, progress=False)
    articles = pd.read_csv(tmp_path / "out" / "articles.csv").set_index("id")
    assert articles.loc["caption", "n_sentences"] == 2 and articles.loc["report", "n_sentences"] == 241
    mentions = pd.read_csv(tmp_path / "out" / "mentions.csv")
    caption = mentions[mentions["id"] == "caption"]
    assert len(caption) == 80 and caption["sentence_start"].tolist() == [0] * 55 + [4001] * 25


def test_metadata_with_unknown_missing_and_escaping_ids(scorer, tmp_path):
    (tmp_path / "secret.txt").write_text("Outside the corpus: reckless.", encoding="utf-8")
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Kyiv met Moscow.", encoding="utf-8")
    (folder / "b.txt").write_text("No metadata for me.", encoding="utf-8")
    (folder / "sub" / "c.txt").write_text("In a sub-folder: not read.", encoding="utf-8")
    (folder / "metadata.csv").write_text("id,source\na,Outlet A\nghost,Outlet G\n../secret,Outlet X\n/etc/passwd,Outlet Y\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        score_path(folder, tmp_path / "out", scorer=scorer, progress=False)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    assert any("3 metadata row(s) have no matching .txt file and are ignored: ../secret, /etc/passwd, ghost" in m for m in messages)
    assert any("1 .txt file(s) have no metadata row, so their metadata is empty: b" in m for m in messages)
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", keep_default_na=False)
    assert articles[["id", "source"]].values.tolist() == [["a", "Outlet A"], ["b", "unknown"]]


def test_metadata_without_id_values(tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Text.", encoding="utf-8")
    (folder / "metadata.csv").write_text("id,source\na,A\n,B\n", encoding="utf-8")
    code, err = _cli(capsys, folder, "--out", tmp_path / "out")
    _one_line_error(code, err, "metadata row 2: empty `id`")


def test_ten_megabyte_article(tmp_path):
    unit = "The envoy discussed the plan with officials again today. "
    text = "SYNTHETIC ARTICLE\n" + unit * (10_000_000 // len(unit) + 1) + "It was reckless."
    assert len(text) > 10_000_000
    pd.DataFrame({"id": ["big", "small"], "source": "s", "text": [text, "A reckless plan."]}).to_csv(tmp_path / "c.csv", index=False)
    lexicon = Lexicon.from_frame(pd.DataFrame({"pattern": ["reckless"], "category": ["loaded_wording"], "weight": [1]}))
    score_path(tmp_path / "c.csv", tmp_path / "out", scorer=Scorer(lexicon=lexicon), progress=False)
    articles = pd.read_csv(tmp_path / "out" / "articles.csv")
    n_units = 10_000_000 // len(unit) + 1
    assert articles["n_tokens"].tolist() == [2 + 9 * n_units + 3, 3]
    assert articles["loaded_n"].tolist() == [1, 1]
    spans = pd.read_csv(tmp_path / "out" / "spans.csv")
    assert spans["start"].tolist()[0] == len(text) - len("reckless.")


def test_non_english_text_is_scored_without_matches(scorer, tmp_path):
    texts = {
        "ru": "Киев и Москва обсудили перемирие. Переговоры продолжатся.",
        "zh": "基辅和莫斯科讨论了停火。谈判将继续。",
        "de": "Die Regierung in Kiew nannte den Plan „gefährlich“. Gespräche folgen.",
        "marks": "Cafe\u0301 na\u0308ive x\u00b2 Ω.",
    }
    pd.DataFrame({"id": list(texts), "source": "s", "text": list(texts.values())}).to_csv(tmp_path / "c.csv", index=False)
    score_path(tmp_path / "c.csv", tmp_path / "out", scorer=scorer, progress=False)
    articles = pd.read_csv(tmp_path / "out" / "articles.csv").set_index("id")
    assert articles["loaded_n"].sum() == 0
    nltk_tokens = RegexpTokenizer(_WORD_PATTERN)  # the documented definition of a word
    for ident, text in texts.items():
        assert [(t.start, t.end) for t in tokenize(text)] == list(nltk_tokens.span_tokenize(text))
        assert articles.at[ident, "n_tokens"] == len(tokenize(text))
    assert articles.at["ru", "n_tokens"] == 7
    # Combining accents stay inside their word; a superscript digit is not a word character.
    assert [t.norm for t in tokenize(texts["marks"])] == ["cafe\u0301", "na\u0308ive", "x", "ω"]


# --- lexicons -------------------------------------------------------------------------------


def test_malformed_lexicon_row(tmp_path, capsys):
    lex = tmp_path / "lex.csv"
    lex.write_text("pattern,category,weight\nreckless,loaded_wording,2\nsham,loaded_wording,heavy\n", encoding="utf-8")
    out, before = _good_outputs(tmp_path)
    code, err = _cli(capsys, paths.RAW, "--out", out, "--lexicon", lex)
    _one_line_error(code, err, "lex.csv, line 3: weight 'heavy' must be a number greater than 0 and at most 3.")
    _unchanged(out, before)
    lex.write_text("pattern,category,weight\n(((,loaded_wording,1\n.*,loaded_wording,1\n", encoding="utf-8")
    code, err = _cli(capsys, paths.RAW, "--out", out, "--lexicon", lex)
    _one_line_error(code, err, "2 problem(s) in the lexicon: ")
    assert "line 2: pattern '(((' has no letters or digits" in err and "line 3: pattern '.*' has no letters or digits" in err


@pytest.mark.parametrize(("pattern", "char"), [
    ("(a+)+$", "("), ("corrupt(ion|ed)?", "("), ("\\bshameless\\b", "\\"), ("[ab]", "["), ("a|b", "|"),
    ("^start", "^"), ("end$", "$"), ("maybe?", "?"), ("x{2}", "{"),
])
def test_regex_looking_patterns_are_refused(pattern, char, tmp_path, capsys):
    with pytest.raises(ValueError) as err:
        PatternMatcher([pattern])
    assert str(err.value) == (
        f"pattern 0: pattern {pattern!r}: {char!r} looks like regular-expression syntax; patterns are words, not "
        "regular expressions. Write each variant as its own row ('corruption', 'corrupted') and 'word*' for any ending."
    )
    lexicon = tmp_path / "lex.csv"
    lexicon.write_text(f"pattern,category,weight\nfine,loaded,1\n\"{pattern}\",loaded,1\n", encoding="utf-8")
    code, err_text = _cli(capsys, paths.RAW, "--out", tmp_path / "out", "--lexicon", lexicon)
    _one_line_error(code, err_text, f"lex.csv, line 3: pattern {pattern!r}: {char!r} looks like regular-expression syntax; "
                                    "patterns are words, not regular expressions.")
    assert not (tmp_path / "out").exists()


def test_plain_punctuation_in_patterns_is_literal():
    matcher = PatternMatcher(["c++", "U.S.-backed"])
    text = "c++ c x U.S.-backed, U.S. backed"
    found = [(text[s:e], i) for s, e, i in matcher.find(text)]
    assert found == [("c", 0), ("c", 0), ("U.S.-backed", 1), ("U.S. backed", 1)]
    with pytest.raises(ValueError, match=r"'\*' must directly follow a letter or digit"):
        PatternMatcher(["x.*"])


def test_pathological_patterns_match_in_linear_time():
    # Patterns that make a backtracking regex engine explode are plain words here: the matcher
    # walks a token trie, at most (longest pattern) steps from each token.
    matcher = PatternMatcher(["a a a a a a a a a a*", "a a a a a a a a a a b", "aa*"])
    text = " ".join(["a"] * 20_000) + " aaaa"
    found = matcher.find(text)
    assert len(found) == 2_000 + 1
    assert all(i == 0 and e - s == 19 for s, e, i in found[:-1])
    assert found[-1].index == 2 and text[found[-1].start : found[-1].end] == "aaaa"
    assert PatternMatcher(["a a a a a a a a a a b"]).find(text) == []


# --- parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "error", "fragment"), [
    ({"chunk_size": "100"}, TypeError, "chunk_size must be an integer, not str '100'"),
    ({"chunk_size": 0}, ValueError, "chunk_size must be at least 1"),
    ({"chunk_size": 2.5}, TypeError, "chunk_size must be an integer"),
    ({"workers": True}, TypeError, "workers must be an integer"),
    ({"engine": "spark"}, ValueError, "engine must be one of pandas, dask"),
    ({"scheduler": "tcp://x:1"}, ValueError, "needs engine='dask'"),
    ({"source_column": 3}, TypeError, "source_column must be a column name"),
    ({"scorer": "lexicon.csv"}, TypeError, "scorer must be a Scorer"),
])
def test_wrong_parameters_are_rejected_before_any_work(kwargs, error, fragment, tmp_path, monkeypatch):
    def no_work(*args, **kw):
        raise AssertionError("heavy work started")

    monkeypatch.setattr(Scorer, "load", no_work)
    monkeypatch.setattr(score_mod, "score_part", no_work)
    with pytest.raises(error, match=fragment):
        score_path(paths.RAW, tmp_path / "out", **kwargs)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("args", "code", "fragment"), [
    (["--chunk-size", "abc"], 2, "argument --chunk-size: 'abc' is not a whole number"),
    (["--chunk-size", "0"], 2, "argument --chunk-size: '0' must be at least 1"),
    (["--workers", "-1"], 2, "argument --workers: '-1' must be at least 1"),
    (["--engine", "spark"], 2, "argument --engine: invalid choice: 'spark'"),
    (["--scheduler", "tcp://127.0.0.1:8786"], 1, "error: --scheduler needs --engine dask"),
    (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], 1, "an existing cluster (--scheduler) has its own workers"),
])
def test_cli_rejects_parameters_before_any_work(args, code, fragment, tmp_path, capsys, monkeypatch):
    def no_work(*a, **kw):
        raise AssertionError("heavy work started")

    monkeypatch.setattr(Scorer, "load", no_work)
    if code == 2:
        with pytest.raises(SystemExit) as exit_info:
            main(["score", str(paths.RAW), "--out", str(tmp_path / "out"), *args])
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
    else:
        got, err = _cli(capsys, paths.RAW, "--out", tmp_path / "out", *args)
        assert got == 1 and err.count("\n") == 1
    assert fragment in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


# --- outputs --------------------------------------------------------------------------------


def test_outputs_never_go_into_the_corpus_or_data_raw(tmp_path, capsys):
    code, err = _cli(capsys, paths.RAW, "--out", paths.RAW / "scores")
    _one_line_error(code, err, "inside data/raw, which is never modified")
    assert not (paths.RAW / "scores").exists()
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Text.", encoding="utf-8")
    code, err = _cli(capsys, folder, "--out", folder / "out")
    _one_line_error(code, err, "inside the corpus folder")
    (tmp_path / "file").write_text("x")
    code, err = _cli(capsys, folder, "--out", tmp_path / "file")
    _one_line_error(code, err, "exists and is not a folder")
    (tmp_path / "x.csv").write_text("id,text\n1,a\n", encoding="utf-8")
    with pytest.raises(ScoreError, match="is the input file itself"):
        score_path(tmp_path / "x.csv", tmp_path / "x.csv", progress=False)


def test_a_failing_run_leaves_earlier_outputs_and_no_parts(tmp_path, capsys):
    out, before = _good_outputs(tmp_path)
    frame = generate_corpus(8)
    frame.loc[6, "date"] = "yesterday"
    frame.to_csv(tmp_path / "c.csv", index=False)
    code, err = _cli(capsys, tmp_path / "c.csv", "--out", out, "--chunk-size", "2")
    _one_line_error(code, err, "row 7 (id 'synthetic-0000006'): date 'yesterday' is not ISO 8601")
    _unchanged(out, before)


def test_a_dropped_byte_order_mark_is_named_in_a_warning(tmp_path):
    # a BOM at the start of a text (not of the file) is dropped, so offsets count from after it: the reader says so
    from analysis.corpus import CorpusWarning, load_corpus

    path = tmp_path / "c.jsonl"
    rows = [{"id": "a", "text": "\ufeffKyiv was reckless."}, {"id": "b", "text": "Kyiv met."}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"1 article\(s\) begin with a byte-order mark \(U\+FEFF\), which is dropped.*: a$"):
        corpus = load_corpus(path)
    assert corpus.set_index("id")["text"].to_dict() == {"a": "Kyiv was reckless.", "b": "Kyiv met."}


def test_source_names_that_differ_only_in_case_or_spaces_are_kept_apart_with_a_warning(tmp_path):
    # a news database's export writes one outlet several ways; they looked like one source twice in every table
    from analysis.corpus import load_corpus
    from analysis.corpus.stream import iter_chunks

    sources = ["Reuters", "AP", "Reuters ", "the guardian", "REUTERS", "The Guardian", "AP"]
    frame = pd.DataFrame({"id": [f"a{k}" for k in range(7)], "source": sources, "text": "Kyiv met Moscow."})
    frame.to_csv(tmp_path / "c.csv", index=False)
    expected = (r"c\.csv: 2 group\(s\) of source names differ only in letter case or spaces, and each name is analysed as a "
                r"source of its own: 'REUTERS', 'Reuters', 'Reuters '; 'The Guardian', 'the guardian'\. If a group is one "
                r"outlet, write its name one way in the 'source' column\.$")
    with pytest.warns(CorpusWarning, match=expected):
        corpus = load_corpus(tmp_path / "c.csv")
    assert corpus["source"].tolist() == sources  # not altered
    # the names of a group in different chunks (streaming, as score reads): one warning at the end
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert sum(len(chunk.frame) for chunk in iter_chunks(tmp_path / "c.csv", chunk_size=2)) == 7
    assert [str(w.message).split(": ", 1)[1][:9] for w in caught if issubclass(w.category, CorpusWarning)] == ["2 group(s"]
    # names that differ otherwise are not flagged
    frame.assign(source=["Reuters", "Reuters.com", "AP", "A.P.", "Guardian", "The Guardian", "AP"]).to_csv(tmp_path / "d.csv", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_corpus(tmp_path / "d.csv")

"""A very long article is scored in blocks (issue 20: memory per article): same rows as whole, except where documented."""

import dataclasses

import pandas as pd
import pytest

from analysis.measures.domains import detect_domains
from analysis.tables.score import Scorer, score_corpus
from analysis.text.article import BLOCK_CHARS, LONG_ARTICLE_CHARS, Article, article_blocks, block_spans

# Paragraph starts: 0, 34, 90, 161 (the second paragraph of Putin's quotation), 195.
TEXT = ('Russia called the plan reckless.\n\n'
        'Ukraine welcomed the so-called "peace" talks in Paris.\n\n'
        'Putin said: "The coalition is a dangerous provocation against us all.\n\n'
        '"We will answer any aggression."\n\n'
        'Macron praised Ukraine for its courage.\n')


@pytest.fixture(scope="module")
def scorer():
    return Scorer.load()


def _score(scorer, text, block_chars):
    corpus = pd.DataFrame({"id": ["b", "a"], "source": ["s", "t"], "text": [text, "Russia warned Ukraine."]})
    return score_corpus(corpus, dataclasses.replace(scorer, block_chars=block_chars))


def test_block_spans_cut_after_a_paragraph_break_and_cover_the_text():
    text = "One two.\n\nThree four.\n\nFive."
    assert block_spans(text, 15) == [(0, 10), (10, 23), (23, 28)]
    assert block_spans(text, 100) == [(0, 28)]
    assert block_spans("", 5) == [(0, 0)]


def test_block_spans_prefer_a_break_without_a_quotation_or_lower_case_after_it():
    # Breaks end at 34, 90, 161, 195: only 195 is followed by neither a quotation mark nor a lower-case word.
    assert block_spans(TEXT, 200) == [(0, 195), (195, 235)]
    # No such break within 170 characters: the last break, inside the two-paragraph quotation.
    assert block_spans(TEXT, 170) == [(0, 161), (161, 235)]
    assert block_spans(TEXT, 100) == [(0, 90), (90, 161), (161, 235)]
    text = "Ab.\n\nCd.\n\nlower on.\n\nEf."  # breaks end at 5, 10 (a lower-case word after it), 21
    assert block_spans(text, 15) == [(0, 5), (5, 10), (10, 24)]


def test_block_spans_fall_back_to_a_sentence_start_then_white_space_then_the_limit():
    text = "First one here. Second one here. Third one here."
    assert block_spans(text, 40) == [(0, 16), (16, 48)]  # the window's last sentence may be cut: the one before it
    assert block_spans("aaaa bbbb cccc", 11) == [(0, 9), (9, 14)]
    assert block_spans("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]
    with pytest.raises(ValueError, match="max_chars must be at least 1"):
        block_spans("abc", 0)


def test_article_blocks_are_articles_at_their_offsets():
    blocks = list(article_blocks(Article("x", TEXT, source="s"), 200))
    assert [(offset, b.id, b.source, b.text) for offset, b in blocks] == [(0, "x", "s", TEXT[:195]), (195, "x", "s", TEXT[195:])]
    assert (LONG_ARTICLE_CHARS, BLOCK_CHARS) == (100_000, 20_000)


def test_blocks_at_clean_paragraph_breaks_give_the_rows_of_the_whole_article(scorer):
    whole = _score(scorer, TEXT, None)
    blocks = _score(scorer, TEXT, 200)  # article "b" (235 characters) in two blocks, "a" whole
    for key in whole:
        pd.testing.assert_frame_equal(blocks[key], whole[key])
    spans = blocks["spans"]
    assert spans.loc[spans["id"] == "b", ["start", "end", "text", "category", "in_quote"]].values.tolist() == [
        [23, 31, "reckless", "loaded_wording", False],
        [55, 64, "so-called", "delegitimizing", False],
        [66, 71, "peace", "scare_quote", False],
        [122, 143, "dangerous provocation", "loaded_wording", True],
        [181, 191, "aggression", "loaded_wording", True],
    ]
    for key in ("spans", "frame_spans", "mentions"):
        rows = blocks[key][blocks[key]["id"] == "b"]
        assert [TEXT[s:e] for s, e in zip(rows["start"], rows["end"])] == rows["text"].tolist()
    frame_b = blocks["frame_spans"][blocks["frame_spans"]["id"] == "b"]
    assert frame_b[["start", "end", "text"]].values.tolist()[-1] == [226, 233, "courage"]  # in the second block
    m = blocks["mentions"][blocks["mentions"]["id"] == "b"]
    assert m[["target", "start", "end", "sentence_start", "sentence_end"]].values.tolist()[-2:] == [
        ["Coalition", 195, 201, 195, 234], ["Ukraine", 210, 217, 195, 234]]
    row = blocks["articles"].set_index("id").loc["b"]
    assert (row["n_tokens"], row["n_sentences"], row["loaded_n"], row["loaded_author_n"]) == (36, 5, 5, 3)


def test_a_block_break_inside_a_two_paragraph_quotation_is_the_documented_difference(scorer):
    whole = _score(scorer, TEXT, None)
    blocks = _score(scorer, TEXT, 170)  # the only break within 170 characters is inside Putin's quotation
    # Its first paragraph (90-159) is no longer a quotation: its evidence is the author's.
    expected = whole["spans"].copy()
    at = (expected["id"] == "b") & (expected["start"] == 122)
    expected.loc[at, ["in_quote", "quote_kind"]] = [False, ""]
    pd.testing.assert_frame_equal(blocks["spans"], expected)
    expected = whole["frame_spans"].copy()
    expected.loc[(expected["id"] == "b") & expected["start"].isin([122, 132]), "in_quote"] = False
    pd.testing.assert_frame_equal(blocks["frame_spans"], expected)
    wm, bm = whole["mentions"].set_index(["id", "start"]), blocks["mentions"].set_index(["id", "start"])
    assert wm.loc[("b", 107), ["in_quote", "quote_kind", "voice"]].tolist() == [True, "speech", "quote"]
    assert bm.loc[("b", 107), ["in_quote", "quote_kind", "voice"]].tolist() == [False, "", "reported"]
    pd.testing.assert_frame_equal(bm.drop(index=("b", 107)), wm.drop(index=("b", 107)))
    wa, ba = whole["articles"].set_index("id"), blocks["articles"].set_index("id")
    assert (wa.loc["b", "loaded_author_n"], wa.loc["b", "loaded_quoted_n"]) == (3, 2)
    assert (ba.loc["b", "loaded_author_n"], ba.loc["b", "loaded_quoted_n"]) == (4, 1)
    assert ba.loc["b", "n_tokens"] == 36 and ba.loc["b", "n_sentences"] == 5


def test_sentence_cuts_in_a_paragraph_longer_than_a_block_keep_the_rows(scorer):
    text = " ".join(["Russia called the plan reckless.", "Ukraine praised Macron.", "Putin warned of escalation."] * 4)
    assert len(text) == 339 and "\n" not in text
    assert block_spans(text, 120) == [(0, 85), (85, 170), (170, 255), (255, 339)]  # sentence starts
    whole, blocks = _score(scorer, text, None), _score(scorer, text, 120)
    for key in whole:
        pd.testing.assert_frame_equal(blocks[key], whole[key])


def test_domain_detection_reads_a_long_text_in_blocks_with_the_same_counts(monkeypatch):
    text = "\n\n".join(["Troops and missiles at the front; the ceasefire talks stall."] * 3000)
    assert len(text) > LONG_ARTICLE_CHARS
    packs, rates = detect_domains([text])
    monkeypatch.setattr("analysis.measures.domains.long_text_blocks", lambda t: [(0, len(t))])
    assert detect_domains([text]) == (packs, rates)
    assert packs == ["war"]


@pytest.mark.parametrize("ids", [["b", "a", "c"], ["b"], ["b", "a"]])
def test_score_part_writes_the_rows_of_a_long_article_block_by_block_with_the_same_bytes(scorer, ids):
    from analysis.tables.score import score_part

    texts = {"b": TEXT, "a": "Russia warned Ukraine.", "c": "Nothing to see.\n\nReally nothing."}
    corpus = pd.DataFrame({"id": ids, "source": "s", "text": [texts[i] for i in ids]})
    whole = score_part(scorer, corpus)
    blocks = score_part(dataclasses.replace(scorer, block_chars=200), corpus)
    assert blocks == whole
    assert whole.rows["spans"] == 5 and whole.sizes["mentions"][sorted(ids).index("b")] > 0
    # "c" (33 characters) is itself in two blocks of at most 20: no rows, same bytes
    tiny = score_part(dataclasses.replace(scorer, block_chars=20), corpus.assign(text=[texts["c"]] * len(ids)))
    assert tiny == score_part(scorer, corpus.assign(text=[texts["c"]] * len(ids)))


def _bodies(part):
    """A part's bodies as bytes (spooled pieces read from their files)."""
    from pathlib import Path

    out = {}
    for key, body in part.bodies.items():
        pieces = body if isinstance(body, list) else [body]
        out[key] = b"".join(p.read_bytes() if isinstance(p, Path) else bytes(p) for p in pieces)
    return out


@pytest.mark.parametrize("ids", [["b", "a", "c"], ["b"], ["a", "b"]])
def test_score_part_spools_the_rows_of_a_long_article_to_files_and_writes_the_same_part(scorer, ids, tmp_path):
    from analysis.tables.score import _PartFiles, score_part

    texts = {"b": TEXT, "a": "Russia warned Ukraine.", "c": "Nothing to see.\n\nReally nothing."}
    corpus = pd.DataFrame({"id": ids, "source": "s", "text": [texts[i] for i in ids]})
    blocks = dataclasses.replace(scorer, block_chars=200)
    in_memory = score_part(blocks, corpus)
    spool = tmp_path / "spool"
    spool.mkdir()
    spooled = score_part(blocks, corpus, spool=spool)
    # the rows of "b" (the only long article) are in one spool file per table it has rows in, not in memory
    assert sorted(p.name.split(".")[-2] for p in spool.iterdir()) == ["attributions", "frame_spans", "mentions", "spans"]
    assert all(p.name.startswith(".spool-") for p in spool.iterdir())
    assert isinstance(spooled.bodies["mentions"], list) and not isinstance(spooled.bodies["articles"], list)
    assert (spooled.ids, spooled.headers, spooled.sizes, spooled.rows) == (in_memory.ids, in_memory.headers, in_memory.sizes,
                                                                           in_memory.rows)
    assert _bodies(spooled) == _bodies(in_memory)
    (tmp_path / "m").mkdir()
    (tmp_path / "s").mkdir()
    assert _PartFiles(tmp_path / "m", "part-000000").write(in_memory) == _PartFiles(tmp_path / "s", "part-000000").write(spooled)
    for name in sorted(p.name for p in (tmp_path / "m").iterdir()):
        assert (tmp_path / "s" / name).read_bytes() == (tmp_path / "m" / name).read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(p.name for p in (tmp_path / "m").iterdir())
    assert list(spool.iterdir()) == []  # each spool file was moved into its part file or copied and removed


def test_score_part_removes_its_spool_files_when_scoring_fails(scorer, tmp_path, monkeypatch):
    from analysis.tables.score import score_part

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("analysis.tables.long_articles.merge_mentions", broken)
    corpus = pd.DataFrame({"id": ["b"], "source": "s", "text": [TEXT]})
    with pytest.raises(RuntimeError, match="boom"):
        score_part(dataclasses.replace(scorer, block_chars=200), corpus, spool=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_score_path_spools_long_articles_and_a_rerun_after_a_kill_removes_the_spool_files(scorer, tmp_path, monkeypatch):
    import analysis.tables.score as score_mod
    from analysis.tables.score import score_path

    corpus = tmp_path / "corpus.csv"
    pd.DataFrame({"id": ["b", "a", "c"], "source": "s",
                  "text": [TEXT, "Russia warned Ukraine.", "Nothing to see.\n\nReally nothing."]}).to_csv(corpus, index=False)
    score_path(corpus, tmp_path / "whole", scorer=scorer, progress=False)
    blocks = dataclasses.replace(scorer, block_chars=200)
    real_write = score_mod._PartFiles.write

    def killed(self, part):  # a kill after the chunk is scored, before its part is written
        raise KeyboardInterrupt

    monkeypatch.setattr(score_mod._PartFiles, "write", killed)
    with pytest.raises(KeyboardInterrupt):
        score_path(corpus, tmp_path / "out", scorer=blocks, progress=False)
    left = [p.name for p in (tmp_path / "out" / ".score-parts").rglob("*")]
    assert sum(name.startswith(".spool-") for name in left) == 4
    monkeypatch.setattr(score_mod._PartFiles, "write", real_write)
    run = score_path(corpus, tmp_path / "out", scorer=blocks, progress=False)
    assert not (tmp_path / "out" / ".score-parts").exists()
    assert run.rows["spans"] == 5 and run.n_articles == 3
    for name in ["articles.csv", "spans.csv", "mentions.csv", "stance.csv", "frame_spans.csv", "attributions.csv",
                 "naming_spans.csv"]:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name


def test_stance_input_of_a_long_article_holds_each_text_value_once_and_gives_the_same_stance(scorer):
    from analysis.measures.stance import stance_by_article
    from analysis.tables.long_articles import STANCE_INPUT, _StanceInput

    mentions = score_corpus(pd.DataFrame({"id": ["b", "a"], "source": "s", "text": [TEXT, "Russia warned Ukraine."]}),
                            scorer)["mentions"]
    gathered = _StanceInput()
    gathered.add(mentions.iloc[:4])
    gathered.add(mentions.iloc[4:])
    frame = gathered.frame()
    assert len(gathered) == len(mentions) == 8
    assert list(frame.columns) == STANCE_INPUT
    assert frame["target"].dtype == object and frame["score"].dtype == "float64" and frame["has_evidence"].dtype == bool
    for column in STANCE_INPUT:
        assert frame[column].tolist() == mentions[column].tolist(), column
    assert len({id(v) for v in frame["target"]}) == mentions["target"].nunique()  # one object per distinct value
    pd.testing.assert_frame_equal(stance_by_article(frame), stance_by_article(mentions[STANCE_INPUT]))


@pytest.mark.parametrize(("data", "encoding", "text"), [
    ("Kyiv \u2014 talks.\n".encode(), None, "Kyiv \u2014 talks.\n"),
    (b"\xef\xbb\xbfKyiv talks.", None, "Kyiv talks."),  # UTF-8 byte-order mark dropped
    ("\ufeffKyiv \u00e9".encode("utf-16"), None, "Kyiv \u00e9"),  # UTF-16 by its byte-order mark
    ("caf\u00e9 \u20ac".encode("cp1252"), "windows-1252", "caf\u00e9 \u20ac"),
    (b"", None, ""),
])
def test_a_text_file_is_decoded_at_once_as_it_is_block_by_block(tmp_path, data, encoding, text):
    from analysis.corpus.stream import _decode_file, _TextReader

    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with _TextReader(path, encoding) as reader:
        by_blocks = "".join(reader.blocks())
    assert _decode_file(path, encoding) == by_blocks == text


def test_a_bad_byte_in_a_text_file_is_still_found_with_its_line(tmp_path):
    from analysis.corpus import CorpusError, load_corpus

    (tmp_path / "a.txt").write_bytes(b"One line.\nTwo \xff three.\n")
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'a.txt'}: not valid UTF-8 (byte 0xff at byte offset 14, line 2). ")


def test_a_folder_corpus_holds_each_text_once_as_decoded(tmp_path):
    from analysis.corpus.stream import iter_chunks
    from analysis.text.article import articles

    (tmp_path / "a.txt").write_text("Russia warned Ukraine.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks in Paris.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("id,source\na,s\nb,t\n", encoding="utf-8")
    frame = next(iter(iter_chunks(tmp_path))).frame
    assert frame["text"].dtype == object  # not str: a str column would be a second copy of every text
    assert frame["text"].tolist() == ["Russia warned Ukraine.\n", "Talks in Paris."]
    assert [a.text is t for a, t in zip(articles(frame), frame["text"])] == [True, True]  # the scorer makes no third


def test_blocks_give_the_rows_of_the_whole_article_with_the_word_vector_model():
    vectors = Scorer.load(stance="vectors")  # the blocks read the model's word-vector features too
    whole = _score(vectors, TEXT, None)
    blocks = _score(vectors, TEXT, 200)
    pd.testing.assert_frame_equal(blocks["mentions"], whole["mentions"])
    assert not blocks["mentions"]["model_evidence"].str.contains("(vectors)", regex=False).any()


def test_an_article_without_sentence_punctuation_is_scored_in_blocks_with_the_same_rows(scorer, monkeypatch):
    # A caption track of 2,600 words and no full stop (15,399 characters): its sentences are pieces of up to 4,000
    # characters, so each mention's stance features read some 650 words; scored with the others of its chunk, an
    # 8,000-word one held 33 MB until the chunk's end. It goes through the block path (the model applied to its own
    # mentions at once), with the rows it gets whole.
    import analysis.tables.long_articles as long_articles
    import analysis.text.tokens as tokens

    words = ("Kyiv called the plan reckless and the minister said the troops would stay " * 200).strip()
    assert len(words) == 14799 and tokens.unpunctuated(words) and not tokens.unpunctuated(TEXT)
    calls = []
    blocks = long_articles.score_in_blocks
    monkeypatch.setattr(long_articles, "score_in_blocks", lambda article, *a: calls.append(article.id) or blocks(article, *a))
    in_blocks = _score(scorer, words, None)
    assert calls == ["b"]
    monkeypatch.setattr(tokens, "unpunctuated", lambda text: False)
    whole = _score(scorer, words, None)
    assert calls == ["b"] and len(whole["mentions"]) == 202
    for name, table in whole.items():
        pd.testing.assert_frame_equal(in_blocks[name], table)

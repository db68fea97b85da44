"""The guides for teachers and researchers agree with the code: generated parameter tables, real
paths, real commands, and error messages and outputs quoted as the code prints them."""

from __future__ import annotations

import re
import warnings

import pytest

from analysis import paths
from script_module import load_script

DOCS = paths.ROOT / "docs"
FIX = "PYTHONPATH=. python scripts/notebook_params.py"


def _notebook_params():
    return load_script("notebook_params")


def test_parameters_doc_is_generated_from_the_notebooks():
    module = _notebook_params()
    expected = module.render()
    current = (DOCS / "parameters.md").read_text(encoding="utf-8") if (DOCS / "parameters.md").exists() else ""
    assert current == expected, f"docs/parameters.md is out of date with the notebooks' parameters cells: run {FIX}"


def test_parameters_doc_lists_every_parameter_of_every_notebook():
    import papermill

    module = _notebook_params()
    text = (DOCS / "parameters.md").read_text(encoding="utf-8")
    notebooks = module.notebooks()
    assert len([p for p in notebooks if p.parent.name == "exercises"]) >= 4
    for nb in notebooks:
        rel = nb.relative_to(paths.ROOT).as_posix()
        section = text.split(f"### `{rel}`", 1)[1].split("\n### ", 1)[0]
        for name, p in papermill.inspect_notebook(str(nb)).items():
            assert f"| `{name}` | `{p['inferred_type_name']}` |" in section, f"{rel}: {name}"


def test_make_variables_of_the_parameters_doc_come_from_the_makefile():
    variables = _notebook_params().make_variables()
    assert variables["corpus_path"] == "CORPUS" and variables["source_column"] == "SOURCE_COLUMN"
    assert variables["lexicon_path"] == "LEXICON" and variables["fig_dir"] == "FIG_DIR"


@pytest.mark.parametrize("doc", ["teaching.md", "researchers.md"])
def test_paths_named_in_the_guides_exist(doc):
    text = (DOCS / doc).read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:data|docs|notebooks|scripts|tests|analysis)/[^`\s*]*)`", text))
    assert named
    missing = []
    for rel in sorted(named):
        if "solutions" in rel and not (paths.ROOT / "notebooks" / "exercises" / "solutions").exists():
            continue
        if not (paths.ROOT / rel.rstrip("/")).exists():
            missing.append(rel)
    assert not missing, f"docs/{doc} names files that do not exist: {missing}"


@pytest.mark.parametrize("doc", ["teaching.md", "researchers.md"])
def test_commands_in_the_guides_exist(doc):
    from analysis.cli.main import build_parser

    text = (DOCS / doc).read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for command in re.findall(r"python -m analysis (\w+)", text):
        assert command in sub.choices, f"docs/{doc}: `python -m analysis {command}` is not a subcommand"
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"`make (\w+)", text):
        assert re.search(rf"^{target}:", makefile, re.M), f"docs/{doc}: `make {target}` is not a target"
    for variable in re.findall(r"\b([A-Z_]{4,})=", text):
        if variable in {"PYTHONPATH"}:
            continue
        assert re.search(rf"^{variable}\s+\?=", makefile, re.M), f"docs/{doc}: make variable {variable} does not exist"


@pytest.mark.parametrize("doc", ["README.md", *sorted(p.name for p in DOCS.glob("*.md"))])
def test_code_fences_stand_on_lines_of_their_own(doc):
    # a fence followed by prose on its line ("``` Check a corpus first") swallows the rest of the page into code
    path = paths.ROOT / doc if doc == "README.md" else DOCS / doc
    lines = path.read_text(encoding="utf-8").splitlines()
    fences = [(n, line) for n, line in enumerate(lines, 1) if line.lstrip().startswith("```")]
    bad = [f"line {n}: {line!r}" for n, line in fences if not re.fullmatch(r"\s*```[\w+-]*", line)]
    assert not bad, f"{doc}: a code fence with text after it: {bad}"
    assert len(fences) % 2 == 0, f"{doc}: {len(fences)} code fences, one is not closed"


def _corpus_error(tmp_path, name, data: bytes):
    from analysis.corpus import CorpusError, load_corpus

    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorpusError) as err:
        load_corpus(path)
    return str(err.value).replace(str(path), "my.csv")


def test_corpus_errors_are_quoted_as_the_code_prints_them(tmp_path):
    text = (DOCS / "researchers.md").read_text(encoding="utf-8")
    messages = [
        _corpus_error(tmp_path, "a.csv", b"id,source,text\na1,X,Caf\xe9 owners said the plan was reckless.\n"),
        _corpus_error(tmp_path, "b.csv", b"id,outlet,text\na1,X,Hello there.\na1,Y,Again.\n"),
        _corpus_error(tmp_path, "c.csv", b"doc,text\na1,Hello\n"),
        _corpus_error(tmp_path, "d.csv", b"\xef\xbb\xbfid,source,text,date\r\na1,X,Fine.,2025-03-01\r\na2,Y,Plain report.,01/03/2025\r\n"),
    ]
    for message in messages:
        assert f"error: {message}" in text, f"docs/researchers.md does not quote: {message}"


def test_lexicon_errors_are_quoted_as_the_code_prints_them(tmp_path):
    from analysis.text.lexicon import Lexicon, LexiconError

    path = tmp_path / "my_lexicon.csv"
    path.write_text("pattern,category,weight,provenance\nreckless,loaded_wording,1.5,mine\nso-called,delegitimizing,5,mine\n"
                    "provo[ck]*,loaded_wording,1,mine\nReckless,loaded_wording,1,mine\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        Lexicon.from_csv(path)
    text = (DOCS / "researchers.md").read_text(encoding="utf-8")
    for line in str(err.value).replace(str(path), "my_lexicon.csv").splitlines()[1:]:
        assert line in text, f"docs/researchers.md does not quote: {line}"


def test_worked_example_output_is_what_the_corpus_command_prints(capsys):
    from analysis.cli.main import main

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["corpus", str(paths.ROOT / "tests" / "fixtures" / "synthetic_corpus.csv"), "--source-column", "outlet"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed in (DOCS / "researchers.md").read_text(encoding="utf-8")


def test_the_guides_cover_what_the_issue_asks():
    teaching = (DOCS / "teaching.md").read_text(encoding="utf-8")
    for heading in ("## Learning goals", "## Prerequisites", "## Two 90-minute sessions", "## Running the unit",
                    "## Discussion questions about the five articles"):
        assert heading in teaching
    for topic in ("Coalition of Willing", "Zelenskiy", "RIA Novosti", "blood-soaked", "backstop", "make solutions"):
        assert topic in teaching
    researchers = (DOCS / "researchers.md").read_text(encoding="utf-8")
    for heading in ("## Bringing your own corpus", "## Every notebook parameter", "## Writing a lexicon",
                    "## Writing a targets file", "## Validating against your own annotations", "## How to cite"):
        assert heading in researchers
    for citation in ("Hutto", "De Smedt", "Semetko", "Monroe", "Da San Martino", "Bird", "MPQA", "Hu & Liu"):
        assert citation in researchers


def _recipes() -> dict[str, str]:
    """The Python recipes of docs/researchers.md that mend a corpus, by the file each writes."""
    text = (DOCS / "researchers.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)
    found = {}
    for block in blocks:
        out = re.search(r'corpus\.to_csv\("(my_corpus_\w+\.csv)"', block)
        if out and 'load_corpus("my_corpus.csv")' in block:
            found[out.group(1)] = block
    return found


def test_the_recipes_that_mend_a_corpus_do_what_the_guide_says(tmp_path, monkeypatch):
    import pandas as pd

    from analysis.corpus import load_corpus

    recipes = _recipes()
    assert sorted(recipes) == ["my_corpus_clean.csv", "my_corpus_joined.csv", "my_corpus_text.csv"]
    ad = "Support fearless journalism today."
    pd.DataFrame({"id": ["a", "b", "c", "d"], "source": ["S", "S", "S", "T"], "text": [
        f"Talks failed.\n{ad}", f"Talks resumed.\n{ad}",
        f"<p>He called it &quot;reck-\nless&quot;.</p><br>It&#8217;s so-\ncalled.\n{ad}",
        "A reckless plan, the minister said &amp; left."]}).to_csv(tmp_path / "my_corpus.csv", index=False)
    monkeypatch.chdir(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the readers' warnings about the HTML, which the recipes remove
        for name, block in recipes.items():
            exec(compile(block, f"docs/researchers.md ({name})", "exec"), {"__name__": "recipe"})
        texts = {name: load_corpus(name)["text"].tolist() for name in recipes}
    # boilerplate: the line in 3 articles of S goes, the rest stays
    assert texts["my_corpus_clean.csv"] == ["Talks failed.", "Talks resumed.",
                                           "<p>He called it &quot;reck-\nless&quot;.</p><br>It&#8217;s so-\ncalled.",
                                           "A reckless plan, the minister said &amp; left."]
    # HTML: tags out (a line break for each of </p> and <br>), references decoded
    assert texts["my_corpus_text.csv"][2:] == ['He called it "reck-\nless".\n\nIt’s so-\ncalled.\nSupport fearless journalism today.',
                                               "A reckless plan, the minister said & left."]
    # hyphens at line ends: joined where the corpus writes the word whole ("reckless"), not "so-called"
    assert texts["my_corpus_joined.csv"][2] == ("<p>He called it &quot;reckless\n&quot;.</p><br>It&#8217;s so-\ncalled.\n"
                                                "Support fearless journalism today.")

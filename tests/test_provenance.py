"""score_run.json: which scorers and files made an output set, the same bytes on every engine and run."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from analysis import paths
from analysis.cli.main import main
from analysis.corpus import load_corpus
from analysis.tables.outputs import RUN_KEYS, run_keys
from analysis.tables.provenance import RUN_FILE, read_run, run_record, scorer_names
from analysis.tables.score import Scorer, score_path, write_scores


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code() -> str:
    """The package's code as documented: SHA-256 of each analysis/**/*.py's relative path, NUL, bytes, NUL, sorted."""
    package = paths.ROOT / "analysis"
    return hashlib.sha256(b"".join(p.relative_to(package).as_posix().encode() + b"\0" + p.read_bytes() + b"\0"
                                   for p in sorted(package.rglob("*.py")))).hexdigest()


def raw_sha() -> str:
    """data/raw's digest as documented: SHA-256 of `sha256sum`'s lines for its .txt files and metadata.csv."""
    names = sorted(p.name for p in paths.RAW.iterdir() if p.suffix == ".txt" or p.name == "metadata.csv")
    return hashlib.sha256("".join(f"{sha(paths.RAW / n)}  {n}\n" for n in names).encode()).hexdigest()


def bundled(path) -> dict:
    return {"path": path.relative_to(paths.ROOT).as_posix(), "sha256": sha(path)}


SPAN_MODEL = paths.LEXICONS / "loaded_span_model.json"


def reranker() -> dict:
    data = json.loads(SPAN_MODEL.read_text(encoding="utf-8"))
    return {**bundled(SPAN_MODEL), "threshold": data["threshold"], "never_filtered": data["never_filtered"],
            "tagger": {**bundled(paths.MODELS / "loaded_tagger.json"), "pieces": bundled(paths.MODELS / "loaded_tagger_pieces.csv")}}


def resources() -> dict:
    """The bundled files every scorer reads that no option chooses."""
    return {"stance_cues": bundled(paths.LEXICONS / "stance_cues.csv"), "gazetteer": bundled(paths.LEXICONS / "gazetteer.csv"),
            "organisations": bundled(paths.LEXICONS / "organisations.csv"),
            "naming_variants": bundled(paths.LEXICONS / "naming_variants.csv")}


def parameters(**given) -> dict:
    return {"source_column": "source", "id_column": "id", "text_column": "text", "date_column": "date", "encoding": None, "lexicon": None,
            "domain": "auto", "targets": None, "n_actors": None, "frames": None, "stance": "roles", "stance_model": None,
            "span_model": "auto", **given}


def war() -> list[dict]:
    return [{"name": "war", **bundled(paths.LEXICONS / "domains" / "war.csv")}]


def run(tmp_path, name, *args) -> tuple[bytes, dict]:
    out = tmp_path / name
    assert main(["score", str(paths.RAW), "--out", str(out), "--no-progress", *args]) == 0
    data = (out / RUN_FILE).read_bytes()
    return data, json.loads(data)


def test_default_run_on_the_bundled_corpus(tmp_path):
    data, record = run(tmp_path, "a")
    roles = paths.STANCE_MODEL_ROLES
    meta = json.loads(roles.read_text(encoding="utf-8"))["metadata"]
    assert record == {
        "format_version": 1,
        "package_version": __import__("analysis").__version__,
        "code_sha256": code(),
        "parameters": parameters(),
        "corpus": {"path": "data/raw", "sha256": raw_sha(), "articles": 5},
        "lexicon": {**bundled(paths.LOADED_LEXICON), "domain_packs": war()},
        "targets": bundled(paths.TARGETS),
        "frames": bundled(paths.FRAMES),
        "stance": {"scorer": "roles",
                   "model": {"path": "data/models/stance_newsmtsc_roles.json", "name": meta["name"],
                             "version": meta["version"], "sha256": sha(roles)},
                   "word_vectors": bundled(paths.STANCE_WORD_VECTORS)},
        "span_model": {"choice": "auto", "applied": True, "reason": "", "model": reranker()},
        "resources": resources(),
    }
    # the keys in the documented order (docs/outputs.md), the file as documented: indented JSON, a final line break
    assert run_keys(record) == [k for k, _ in RUN_KEYS]
    assert data == (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode()
    # the same command again, and streamed in chunks of 2: the same bytes
    assert run(tmp_path, "b")[0] == data
    assert run(tmp_path, "c", "--chunk-size", "2")[0] == data
    assert scorer_names(record)["stance_scorer"] == "roles"
    assert scorer_names(record)["stance_model"] == {"path": "data/models/stance_newsmtsc_roles.json",
                                                    "name": meta["name"], "version": meta["version"]}


def test_rules_another_lexicon_and_targets(tmp_path):
    lexicon = tmp_path / "my lexicon.csv"
    lexicon.write_text("pattern,category,weight\nreckless,fear_appeal,1\n", encoding="utf-8")
    targets = tmp_path / "t.csv"
    targets.write_text("target,pattern\nRussia,Russia\nRussia,Kremlin\n", encoding="utf-8")
    _, record = run(tmp_path, "rules", "--stance", "rules", "--lexicon", str(lexicon), "--targets", str(targets),
                    "--domain", "core", "--frames", "auto", "--source-column", "source")
    assert record["parameters"] == parameters(lexicon=str(lexicon), targets=str(targets), domain="core", frames="auto",
                                              stance="rules")
    assert record["lexicon"] == {"path": str(lexicon), "sha256": sha(lexicon), "domain_packs": []}
    assert record["targets"] == {"path": str(targets), "sha256": sha(targets)}
    assert record["frames"] == bundled(paths.FRAMES)  # --frames auto on the bundled corpus
    assert record["stance"] == {"scorer": "rules", "model": None, "word_vectors": None}
    assert record["span_model"] == {
        "choice": "auto", "applied": False, "model": None,
        "reason": f"the lexicon {lexicon} is not the bundled one that the span re-ranker was fitted for (its weights may "
                  "be on another scale)"}
    assert record["resources"] == resources()  # whatever the options
    names = scorer_names(record)
    assert (names["stance_scorer"], names["stance_model"], names["span_applied"], names["span_model"]) == ("rules", None, False, None)


def test_names_the_version_the_model_file_declares(tmp_path):
    model = json.loads(paths.STANCE_MODEL.read_text(encoding="utf-8"))
    model["metadata"].update(name="my_model", version="7")
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    _, record = run(tmp_path, "mine", "--stance", "model", "--stance-model", str(path), "--span-model", "none")
    assert record["stance"] == {"scorer": "model", "model": {"path": str(path), "name": "my_model", "version": "7",
                                                              "sha256": sha(path)}, "word_vectors": None}
    assert record["span_model"] == {"choice": "none", "applied": False, "reason": "", "model": None}
    del model["metadata"]["version"]
    path.write_text(json.dumps(model), encoding="utf-8")
    assert run(tmp_path, "none", "--stance", "model", "--stance-model", str(path))[1]["stance"]["model"]["version"] is None


def test_library_writers_agree(tmp_path):
    """score_path (streaming) and write_scores (in memory, given the record) write the same file."""
    scorer = Scorer.load(stance="rules")
    score_path(paths.RAW, tmp_path / "stream", scorer=scorer, chunk_size=3, progress=False)
    record = run_record(scorer, paths.RAW, n_articles=5, parameters={"source_column": "source", "id_column": "id",
                                                                     "text_column": "text", "date_column": "date",
                                                                     "encoding": None})
    write_scores(scorer(load_corpus(paths.RAW)), tmp_path / "memory", run=record)
    assert (tmp_path / "stream" / RUN_FILE).read_bytes() == (tmp_path / "memory" / RUN_FILE).read_bytes()
    assert read_run(tmp_path / "stream")["parameters"] == record["parameters"]
    assert record["stance"]["scorer"] == "rules" and record["corpus"]["path"] == "data/raw"


def test_an_older_output_folder_says_unknown(tmp_path):
    write_scores(Scorer.load(stance="rules")(load_corpus(paths.RAW)), tmp_path / "old")
    assert not (tmp_path / "old" / RUN_FILE).exists() and read_run(tmp_path / "old") is None
    assert scorer_names(None) == {"stance_scorer": "unknown", "stance_model": None, "word_vectors": None,
                                  "span_choice": "unknown", "span_applied": None, "span_reason": "", "span_model": None}
    # a Scorer built by hand, not by Scorer.load: its files are unknown, not guessed
    scorer = Scorer.load(stance="rules")
    hand = Scorer(lexicon=scorer.lexicon, targets=scorer.targets)
    record = run_record(hand, paths.RAW, n_articles=5, parameters={})
    assert (record["lexicon"], record["stance"]["scorer"], record["span_model"]["choice"], record["resources"]) == (
        "unknown", "rules", "unknown", "unknown")


def test_a_folder_corpus_digest_changes_with_any_file(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(paths.RAW, folder)
    from analysis.tables.provenance import corpus_sha256

    assert corpus_sha256(folder) == raw_sha()
    (folder / "notes.md").write_text("not read", encoding="utf-8")  # not a corpus file: the same digest
    assert corpus_sha256(folder) == raw_sha()
    first = sorted(folder.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert corpus_sha256(folder) != raw_sha()


@pytest.mark.parametrize("given", ["data/raw", str(paths.RAW)])
def test_paths_inside_the_project_are_shown_relative(given):
    from analysis.tables.provenance import shown

    assert shown(given) == "data/raw"

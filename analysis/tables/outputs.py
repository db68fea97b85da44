"""What each output table of ``python -m analysis score`` holds: one row per what, and every column.

The descriptions here are the single source of ``docs/outputs.md`` (written by
``python scripts/outputs_doc.py``). A test scores a small corpus and checks that every column the
scorer writes is described here and that nothing described here has disappeared, so the
documentation cannot drift from the code. Columns whose names depend on the lexicon or the frames
file (``loaded_<category>``, ``frame_<name>``) are described once, by their pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["OUTPUT_TABLES", "RUN_KEYS", "OutputTable", "describe", "render", "run_keys", "undocumented"]


@dataclass(frozen=True)
class OutputTable:
    """One output file.

    Attributes:
        file: The file name inside the output folder.
        row: What one row stands for.
        order: How the rows are sorted.
        columns: ``(column, description)`` pairs, in the order the file has them. A column name
            with ``<...>`` stands for one column per category or frame.
    """

    file: str
    row: str
    order: str
    columns: tuple[tuple[str, str], ...]


_EVIDENCE = "the matched text, exactly `article_text[start:end]`"

OUTPUT_TABLES: tuple[OutputTable, ...] = (
    OutputTable(
        "articles.csv",
        "article",
        "`id`",
        (
            ("id", "the article's id, as in the corpus"),
            ("source", "the article's source (the corpus's source column; empty when it has none)"),
            ("n_tokens", "words in the article (tokens that contain a letter or digit)"),
            ("n_sentences", "sentences in the article"),
            ("loaded_n", "loaded-language matches counted (negated matches are not counted)"),
            ("loaded_per_1k", "`loaded_n` per 1,000 words"),
            ("loaded_<category>", "counted matches of one lexicon category"),
            ("loaded_author_per_1k", "counted matches outside quotations (the author's own voice) per 1,000 words"),
            ("loaded_intensity", "sum of the weights of the counted matches per 1,000 words"),
            ("loaded_author_n", "counted matches outside quotations"),
            ("loaded_quoted_n", "counted matches inside quotations"),
            ("loaded_negated_n", "matches not counted because a negator precedes them (\"not reckless\")"),
            ("frame_<name>", "indicator matches of one frame per 1,000 words"),
            ("frame_<name>_n", "indicator matches of one frame"),
        ),
    ),
    OutputTable(
        "spans.csv",
        "loaded-language match",
        "`id`, then `start`",
        (
            ("id", "the article's id"),
            ("start", "character offset where the match starts (a Python string index into the text)"),
            ("end", "character offset where the match ends (exclusive)"),
            ("text", _EVIDENCE),
            ("term", "the lexicon pattern that matched; `tagger p=0.43` for a span of the token tagger's own (its "
                     "words' mean probability of lying in a loaded-language span; the report's and the explorer's term "
                     "counts list such spans by their words, as `lash out (tagger)`)"),
            ("category", "the pattern's category (`loaded_wording` for a token tagger's span)"),
            ("weight", "the pattern's weight (3 x the probability for a token tagger's span)"),
            ("in_quote", "`True` when the match lies inside a quotation"),
            ("negated", "`True` when a negator precedes the match; negated matches are listed but not counted"),
            ("negator", "the negating word, when `negated`"),
            ("quote_kind", "`speech` or `scare` for a match in quotation marks, empty otherwise"),
        ),
    ),
    OutputTable(
        "mentions.csv",
        "mention of an actor (target)",
        "`id`, then `start`",
        (
            ("id", "the article's id"),
            ("target", "the actor, as named in the targets file"),
            ("start", "character offset where the mention starts"),
            ("end", "character offset where the mention ends (exclusive)"),
            ("sentence_start", "character offset where the mention's sentence starts"),
            ("sentence_end", "character offset where the mention's sentence ends"),
            ("score", "stance toward the actor in this mention's own voice, in [-1, 1] (> 0 favourable): the "
             "shipped model's P(pos) - P(neg), 0 when it reads the mention as neutral (`--stance rules`: the rules)"),
            ("in_quote", "`True` when the mention lies inside a quotation"),
            ("quote_kind", "`speech` or `scare` for a mention in quotation marks, empty otherwise"),
            ("voice", "`author`, `quote` (direct quotation) or `reported` (indirect speech): whose words the mention is in"),
            ("score_author", "the author's evidence about the actor in this sentence, in [-1, 1]"),
            ("score_quoted", "quoted or reported speakers' evidence about the actor in this sentence, in [-1, 1]"),
            ("score_rules", "the rule-based score of the same mention, for comparison with a model"),
            ("n_evidence", "how many words or phrases moved the score"),
            ("evidence", "those words or phrases with their contributions, e.g. `accused(-0.60); q:reckless(-0.35)` "
             "(`q:` quoted, `r:` reported)"),
            ("text", "the mention, exactly `article_text[start:end]`"),
            ("alias", "the targets-file pattern that matched"),
            ("speaker", "for a mention in indirect speech, who reports it (an actor, or the words naming the speaker)"),
            ("model_evidence", "the model features that moved `score` most, with their log-odds contributions "
             "(empty with `--stance rules`); with the default model (`--stance roles`, and `--stance vectors`) the word-vector means of the 6 words before "
             "the mention, the 6 after it and its sentence are told word by word: a word's item is its share of "
             "the means (its vector projected on the model's coefficients, times its inverse-frequency weight, "
             "over the window's summed weights), summed over the means it is in and its occurrences, so a word "
             "near the mention is one item; the same word can also be listed for its own features. `<M>` stands "
             "for the mention in a pair of words (`<M> said`: the mention, then \"said\"), a word ending in `*` is a "
             "stem, and items starting `rules:` are what the rule-based scorer found, which the model reads"),
            ("has_evidence", "`True` when the mention carries evidence (model: most probable class not neutral and "
             "the rules found words aimed at it in its own voice, pointing the class's way: for a mention in the "
             "author's voice, evidence items without the `q:` or `r:` of a quotation or indirect speech, and "
             "`score_rules` of the sign of `score`; rules: non-zero score); the article's `stance` counts a "
             "mention without evidence as 0"),
        ),
    ),
    OutputTable(
        "stance.csv",
        "article x actor mentioned in it",
        "`id`, then `target`",
        (
            ("id", "the article's id"),
            ("target", "the actor"),
            ("n_mentions", "mentions of the actor in the article"),
            ("stance", "mean author-voice score, a mention without evidence (`has_evidence` false) counted as 0, "
             "in [-1, 1]: > 0 favourable, < 0 unfavourable, 0 no evidence"),
            ("stance_sd", "standard deviation of the author-voice scores"),
            ("stance_se", "standard error of `stance`"),
            ("n_author", "mentions in the author's voice"),
            ("n_author_evidence", "author-voice mentions that carry evidence (`has_evidence`)"),
            ("stance_quoted", "sourced stance: mean score of what quoted or reported speakers say about the actor"),
            ("n_quoted", "mentions with quoted or reported evidence"),
            ("positive_share", "share of author-voice mentions scored favourable"),
            ("negative_share", "share of author-voice mentions scored unfavourable"),
            ("stance_evidence", "mean author-voice score over the mentions that carry evidence (0 if none)"),
            ("evidence_share", "share of author-voice mentions that carry evidence"),
            ("stance_low", "lower end of a 95 % t-interval of `stance_evidence`, over the author-voice mentions that carry "
             "evidence (empty below two of them)"),
            ("stance_high", "upper end of that interval"),
            ("stance_call", "`favourable` / `unfavourable` only when the interval excludes 0; `unclear`; or "
             "`not enough evidence` (fewer than two mentions with evidence)"),
            ("sourced_by", "who the quoted or reported speakers about the actor are, `; `-separated"),
        ),
    ),
    OutputTable(
        "frame_spans.csv",
        "frame-indicator match",
        "`id`, then `start`",
        (
            ("id", "the article's id"),
            ("start", "character offset where the match starts"),
            ("end", "character offset where the match ends (exclusive)"),
            ("text", _EVIDENCE),
            ("term", "the frames-file pattern that matched"),
            ("frame", "the frame the pattern indicates"),
            ("in_quote", "`True` when the match lies inside a quotation"),
        ),
    ),
    OutputTable(
        "attributions.csv",
        "attribution: a cue (\"according to\", \"said\", ...) and the entity it cites "
        "(`data/lexicons/organisations.csv` names organisations)",
        "`id`, then `start`",
        (
            ("id", "the article's id"),
            ("start", "character offset where the cue or the entity starts, whichever comes first"),
            ("end", "character offset where the later of the two ends (exclusive)"),
            ("text", "the cue and the entity, exactly `article_text[start:end]`"),
            ("cue", "the cue as written"),
            ("kind", "`according_to`, `by_source` (\"reported by\", \"citing\", ...), `speech` (\"X said\") or "
             "`speech_inverted` (\"said X\")"),
            ("entity", "the cited entity, exactly `article_text[entity_start:entity_end]`"),
            ("entity_start", "character offset where the entity starts"),
            ("entity_end", "character offset where the entity ends (exclusive)"),
            ("entity_class", "`pronoun`; `unnamed` when the entity's head is a generic source noun (\"officials\", "
             "\"sources\", \"spokesperson\", \"landlords\", \"police\"), not capitalised after another word "
             "(\"World Health Organization\" is named); otherwise `named`"),
            ("organisation", "the first organisation named inside the entity (empty if none)"),
            ("org_class", "that organisation's class in the organisations file (empty if none)"),
            ("in_quote", "`True` when the cue lies inside a quotation"),
        ),
    ),
    OutputTable(
        "naming_spans.csv",
        "use of a variant of a contested name (`data/lexicons/naming_variants.csv`: Kyiv or Kiev, ...)",
        "`id`, then `start`, then `group`",
        (
            ("id", "the article's id"),
            ("start", "character offset where the match starts"),
            ("end", "character offset where the match ends (exclusive)"),
            ("text", _EVIDENCE),
            ("group", "the group of variants (one name's alternatives)"),
            ("variant", "the variant (pattern) that matched"),
            ("in_quote", "`True` when the match lies inside a quotation"),
        ),
    ),
)


# score_run.json (analysis.tables.provenance): every key, in the order the file has them ("a.b" is key b of
# object a, "a[].b" key b of each object of list a). tests/test_provenance.py checks that a run writes exactly these.
RUN_KEYS: tuple[tuple[str, str], ...] = (
    ("format_version", "the layout of this file (1); a new key keeps it, a changed meaning raises it"),
    ("package_version", "the version of the `analysis` package that scored"),
    ("code_sha256", "SHA-256 of the package's code: of each `analysis/**/*.py` file's path (relative to `analysis/`), a "
     "NUL, its bytes and a NUL, in sorted path order; it changes with every change to the code"),
    ("parameters", "the options that change results, as given (`null`: the default); engine, chunk size, formats and "
     "progress never change a byte of the tables and are not recorded"),
    ("parameters.source_column", "`--source-column`"),
    ("parameters.id_column", "`--id-column`"),
    ("parameters.text_column", "`--text-column`"),
    ("parameters.date_column", "`--date-column`"),
    ("parameters.encoding", "`--encoding` (`null`: UTF-8, or what a byte-order mark says)"),
    ("parameters.lexicon", "`--lexicon`"),
    ("parameters.domain", "`--domain` (`auto`: chosen from the vocabulary; the packs used are under `lexicon`)"),
    ("parameters.targets", "`--targets` (`auto`: discovered; the file used is under `targets`)"),
    ("parameters.n_actors", "`--n-actors`, with `--targets auto` only (else `null`)"),
    ("parameters.frames", "`--frames`"),
    ("parameters.stance", "`--stance`: `roles`, `vectors`, `model` or `rules`"),
    ("parameters.stance_model", "`--stance-model`"),
    ("parameters.span_model", "`--span-model`: `auto`, `bundled`, `none` or a file"),
    ("corpus", "the input"),
    ("corpus.path", "its path as given (relative to the project root when given inside it)"),
    ("corpus.sha256", "SHA-256 of the file; of a folder, SHA-256 of the lines `<sha256>  <name>` of its `.txt` files and "
     "`metadata.csv` sorted by name (what `sha256sum` prints for them)"),
    ("corpus.articles", "articles scored"),
    ("lexicon", "the loaded-language lexicon read (`\"unknown\"` when the scorer was not built by `Scorer.load`)"),
    ("lexicon.path", "its path as given, or the bundled file's"),
    ("lexicon.sha256", "SHA-256 of the file"),
    ("lexicon.domain_packs", "the domain packs added to it (`--domain`), in order"),
    ("lexicon.domain_packs[].name", "the pack's name"),
    ("lexicon.domain_packs[].path", "its file"),
    ("lexicon.domain_packs[].sha256", "SHA-256 of the file"),
    ("targets", "the targets file (`path`, `sha256`; with `--targets auto`, the discovered file in the output folder), "
     "`null` without one"),
    ("targets.path", "its path as given, or the bundled file's"),
    ("targets.sha256", "SHA-256 of the file"),
    ("frames", "the frames file (`path`, `sha256`), `null` without one"),
    ("frames.path", "its path as given, or the bundled file's"),
    ("frames.sha256", "SHA-256 of the file"),
    ("stance", "how each mention's stance was scored"),
    ("stance.scorer", "`roles` (the default, version 6), `vectors` (a model that also reads word vectors), `model` or `rules` (`--stance`; `make report STANCE=`)"),
    ("stance.model", "the stance model file, `null` with `rules`"),
    ("stance.model.path", "its path as given (`--stance-model`), or the bundled model's"),
    ("stance.model.name", "the name the model file declares (`metadata.name`)"),
    ("stance.model.version", "the version the model file declares (`metadata.version`, e.g. `\"4\"`), `null` if none"),
    ("stance.model.sha256", "SHA-256 of the file"),
    ("stance.word_vectors", "the word-vector table the model reads (`path`, `sha256`), `null` for a model without"),
    ("stance.word_vectors.path", "its path (`data/models/stance_word_vectors.npz`)"),
    ("stance.word_vectors.sha256", "SHA-256 of the file"),
    ("span_model", "which loaded-language spans were counted (`--span-model`)"),
    ("span_model.choice", "the choice as given: `auto`, `bundled`, `none` or a file"),
    ("span_model.applied", "`true` when a span re-ranker chose the spans, `false` when every lexicon span counts"),
    ("span_model.reason", "why `auto` did not apply the re-ranker (a lexicon other than the bundled one), else empty"),
    ("span_model.model", "the re-ranker applied, `null` when none"),
    ("span_model.model.path", "its path as given, or the bundled file's"),
    ("span_model.model.sha256", "SHA-256 of the file"),
    ("span_model.model.threshold", "the probability below which a span is dropped"),
    ("span_model.model.never_filtered", "categories whose spans are always kept"),
    ("span_model.model.tagger", "the token tagger the re-ranker's file names (grows kept spans, adds its own), `null` when none"),
    ("span_model.model.tagger.path", "its path (the bundled `data/models/loaded_tagger.json`)"),
    ("span_model.model.tagger.sha256", "SHA-256 of its JSON file (which holds the SHA-256 of its pieces CSV)"),
    ("span_model.model.tagger.pieces", "the pieces CSV its JSON names (three numbers per word piece)"),
    ("span_model.model.tagger.pieces.path", "its path (the bundled `data/models/loaded_tagger_pieces.csv`)"),
    ("span_model.model.tagger.pieces.sha256", "SHA-256 of the file"),
    ("resources", "the bundled data files every scorer reads that no option chooses (`path`, `sha256` each; `null` for "
     "one that is absent; `\"unknown\"` when the scorer was not built by `Scorer.load`)"),
    ("resources.stance_cues", "the stance rules' cues (`data/lexicons/stance_cues.csv`)"),
    ("resources.stance_cues.path", "its path"),
    ("resources.stance_cues.sha256", "SHA-256 of the file"),
    ("resources.gazetteer", "countries, capitals and their other names (`data/lexicons/gazetteer.csv`)"),
    ("resources.gazetteer.path", "its path"),
    ("resources.gazetteer.sha256", "SHA-256 of the file"),
    ("resources.organisations", "the organisations cited sources are classed by (`data/lexicons/organisations.csv`)"),
    ("resources.organisations.path", "its path"),
    ("resources.organisations.sha256", "SHA-256 of the file"),
    ("resources.naming_variants", "the variants of names `naming_spans.csv` counts (`data/lexicons/naming_variants.csv`)"),
    ("resources.naming_variants.path", "its path"),
    ("resources.naming_variants.sha256", "SHA-256 of the file"),
)


def _pattern(name: str) -> re.Pattern:
    parts = re.split(r"<[^>]+>", name)
    return re.compile("[A-Za-z0-9_]+".join(re.escape(p) for p in parts) + r"\Z")


def describe(file: str, column: str) -> str | None:
    """The description of ``column`` of ``file``, or None when it is not documented.

    Exact names win over patterns, and a longer pattern over a shorter one
    (``frame_conflict_n`` is a ``frame_<name>_n`` column, not a ``frame_<name>`` one).
    """
    table = next((t for t in OUTPUT_TABLES if t.file == file), None)
    if table is None:
        return None
    exact = dict(table.columns)
    if column in exact and "<" not in column:
        return exact[column]
    patterns = sorted((c for c, _ in table.columns if "<" in c), key=len, reverse=True)
    for name in patterns:
        if _pattern(name).match(column):
            return exact[name]
    return None


def run_keys(record: dict, prefix: str = "") -> list[str]:
    """Every key of a ``score_run.json`` record in file order, named as in :data:`RUN_KEYS`.

    Example:
        >>> run_keys({"a": 1, "b": {"c": None, "d": [{"e": 2}]}})
        ['a', 'b', 'b.c', 'b.d', 'b.d[].e']
    """
    keys = []
    for key, value in record.items():
        name = f"{prefix}{key}"
        keys.append(name)
        if isinstance(value, dict):
            keys += run_keys(value, f"{name}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            keys += run_keys(value[0], f"{name}[].")
    return keys


def undocumented(file: str, header: list[str]) -> list[str]:
    """The columns of ``header`` (a written file's columns) that :data:`OUTPUT_TABLES` lacks."""
    return [c for c in header if describe(file, c) is None]


def render() -> str:
    """The text of ``docs/outputs.md``."""
    lines = [
        "# Output tables",
        "",
        "<!-- Generated by `python scripts/outputs_doc.py` from `analysis/tables/outputs.py`; a test fails when it drifts. -->",
        "",
        "`python -m analysis score CORPUS --out DIR` (and `make scores`, into `results/scores/`) writes",
        "these UTF-8 CSV files, each with a header. The same input gives the same bytes. Every offset is",
        "a Python string index into the article text as read, so `text[start:end]` is the evidence (the text",
        "as `analysis.corpus.load_corpus` reads it: a byte-order mark at the start of a text is dropped, with a",
        "warning that names the articles, and the offsets count from the character after it).",
        "",
        "`DIR/<name>.csv` are links into the current output set (`DIR/.current` -> `DIR/.sets/<id>/`), which a",
        "run replaces as a whole in one step: a reader never sees new and old files mixed, even after a kill or",
        "a power loss (the new files are flushed to the disk before the switch). `cp -rL DIR` copies plain files.",
        "",
        "**In a spreadsheet.** The CSVs keep every value exactly, for code; a cell that begins with `=`, `+`,",
        "`-` or `@` (an id, a source or a sentence can) would run as a formula if a spreadsheet opened the",
        "CSV. For people, `score --xlsx` also writes `DIR/scores.xlsx`: one sheet per table, every text cell",
        "stored as text (never a formula), numeric columns as numbers. A spreadsheet cannot hold everything a",
        "CSV can: a value longer than 32,767 characters ends with `[… cut: see NAME.csv]`, control characters",
        "other than tab and line breaks show as U+FFFD, and a table of more than 1,048,575 rows goes on in",
        "sheets `NAME (2)`, `NAME (3)`, ...; the CSV stays the exact record.",
        "",
        "**Which loaded-language matches (`score --span-model`).** By default only the lexicon matches that the",
        "learned span re-ranker (`data/lexicons/loaded_span_model.json`) keeps are listed in `spans.csv` and",
        "counted in the `loaded_*` columns of `articles.csv`; `name_calling` and `delegitimizing` matches and",
        "negated matches are always listed. The token tagger the re-ranker's file names",
        "(`data/models/loaded_tagger.json`) then grows each kept span by neighbouring words it judges loaded",
        "(`text` is still `article[start:end]`; `term` stays the lexicon's) and adds spans of its own where no",
        "lexicon match is (term `tagger p=...`). With `score --span-model none` (`make report SPAN_MODEL=none`) every",
        "lexicon match is, and so by default with a lexicon other than the bundled one the re-ranker was fitted",
        "for (`score` says so on stderr; `--span-model` forces the re-ranker). What the re-ranker was fitted on and how each measures: `data/README.md`,",
        "`docs/validation_loaded.md`.",
        "",
    ]
    for table in OUTPUT_TABLES:
        lines += [f"## `{table.file}`", "", f"One row per {table.row}, sorted by {table.order}.", "",
                  "| column | meaning |", "| --- | --- |"]
        lines += [f"| `{c}` | {d} |" for c, d in table.columns]
        lines.append("")
    lines += [
        "## `score_run.json`",
        "",
        "What made the set: one small JSON file, written into the output set with the tables and made current",
        "with them in the same step (`analysis/tables/provenance.py`). It names the scorers and every file they",
        "read, each with its SHA-256, so a reader of the tables need not guess which stance scorer or span",
        "re-ranker made them. The contract:",
        "",
        "- the same command on the same files writes the same bytes, whatever the engine (one process,",
        "  several local ones or Dask), the chunk size or the order of the input: no time, no host name,",
        "  keys in a fixed order;",
        "- paths appear as they were given, or relative to the project root for the bundled files (and for",
        "  a path given absolute inside the project): no absolute path of your machine unless you typed it;",
        "- a stance model is named by the name and version its file declares, not by the option that chose it;",
        "- an output folder written before this file existed has none: the notebooks and the report then say",
        "  `unknown` for the scorers (`analysis.tables.provenance.scorer_names`), never a guess.",
        "",
        "| key | meaning |",
        "| --- | --- |",
    ]
    lines += [f"| `{k}` | {d} |" for k, d in RUN_KEYS]
    lines.append("")
    return "\n".join(lines)

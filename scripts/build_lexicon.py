"""Re-derive the VADER- and TextBlob-derived rows of data/lexicons/loaded_language.csv (curated rows are kept).

The lexicon CSV is the source of truth for the hand-written (``curated``) rows. Run
``scripts/fit_loaded_weights.py`` afterwards: it re-estimates every weight (derived rows start
from the rule weight below) and moves rows that fire mostly on neutral text to
``loaded_language_dropped.csv``. This script
reads them, derives the other rows from two published sentiment lexicons by the explicit rules
below, drops derived words that a curated pattern already covers, and writes the file back:
curated rows first in their authored order, then derived rows sorted by pattern.

Rules (also in data/README.md, "Loaded-language lexicon"):

* ``vader:abs_valence>=2.5`` -- every word of VADER's ``vader_lexicon.txt`` (vaderSentiment
  wheel, MIT licence) with mean valence |v| >= 2.5, of at least four letters (an optional
  inner hyphen allowed), not chat slang (``SLANG``) and not a plain description of events in
  political and war news (``PLAIN``: "killed", "war", "crisis", "peace", "win"...).
  Weight = min(|v| / 2, 2.0), rounded to 0.1.
* ``textblob:subj>=0.8,abs_pol>=0.5,JJ`` -- every adjective of TextBlob's ``en-sentiment.xml``
  (Pattern's subjectivity lexicon, PDDL) whose mean subjectivity over its senses is >= 0.8 and
  mean |polarity| >= 0.5, with the same word filters. Weight = 0.5 + |polarity| x subjectivity,
  rounded to 0.1.
* Category of a derived word, first rule that applies: ``name_calling`` when the word is a
  negative agent noun (ends in -er/-ers/-or/-ors/-ist/-ists/-monger(s) and its stem is itself
  a word of the source lexicon: "murderer", "warmonger"); ``fear_appeal`` when it starts with
  a fear stem (``FEAR_STEMS``: terr, horr, fear, fright, dread, panic, scar, alarm, doom,
  menac, threat, danger, peril, petrif, nightmar); ``exaggeration`` when it is a superlative
  of a word of the source lexicon ("cruellest", "worst") or starts with an exaggeration stem
  (``EXAGGERATION_STEMS``); otherwise ``loaded_wording``.

Usage::

    pip download textblob==0.20.1 --no-deps -d /tmp/tb      # once, to read en-sentiment.xml
    python scripts/build_lexicon.py --textblob /tmp/tb/textblob-0.20.1-py3-none-any.whl
    python scripts/build_lexicon.py --check --textblob ...   # exit 1 if the derived rows on disk (both
                                                             # files, weights before fitting) differ

Without ``--textblob`` (and without an installed ``textblob`` package) the TextBlob rows
already in the CSV are kept unchanged, with a warning.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import re
import statistics
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from startup import ROOT  # first: puts the repository and scripts/ on sys.path

from analysis import paths  # noqa: E402
from analysis.text.lexicon import Lexicon, PatternMatcher  # noqa: E402

COLUMNS = ["pattern", "category", "weight", "provenance", "note", "case_sensitive",
           # written by scripts/fit_loaded_weights.py, which is run after this script
           "weight_prior", "dev_matches", "dev_hits", "precision_est"]
VADER_RULE = "vader:abs_valence>=2.5"
TEXTBLOB_RULE = "textblob:subj>=0.8,abs_pol>=0.5,JJ"
VADER_MIN = 2.5
TB_MIN_SUBJ = 0.8
TB_MIN_POL = 0.5

WORD = re.compile(r"^[a-z]{2,}(?:-[a-z]{2,})?$")

# Chat slang and interjections in VADER's lexicon (not news vocabulary).
SLANG = frozenset(
    """
    lmfao roflmao rotflmfao tyvm ywia mwah bwahahah lylas rotfl aayf iluaaf lmso lolz lylab sfete alol
    muah rotflmao sete ambw rotgl xlnt xoxo rotflol amor hahaha hurrah hurray hallelujah fubar snafu
    wtf bfd nfc bfe pukka foetor awwww blech grrr grrrr lolol yaaawwnnnn rofl lmao
    """.split()
)

# Words with strong sentiment that plainly describe events, people or outcomes in political and
# war news (a report of a death or a win is not loaded language), plus common words whose
# lexicon sense is not the news sense ("great" power, "supreme" court, "guilty" verdict).
PLAIN = frozenset(
    """
    kill kills killed killing killings killer killers dead death deaths die died dies dying war wars
    fatal fatality fatalities fatally murder murders murdered murdering murderer murderers murderee murderees
    murderesses rape raped rapes raping rapist rapists raper rapers cancer suicide suicidal crisis violence
    violent assault assaults assaulted attacker attackers abduction assassination assassinations prisoner
    illegal ban fired riot crime felony felonies enemy corpse drowned drown stab starved strangled
    poisoning poisoned poison poisons poisoner poisoners torture tortured tortures torturing torturers slavery
    hostility destruction destroy destroys destroyed destroying depression bankrupt negative positive
    rejection harm harming suffer fail choke peace freedom award won win wins winner winnings success
    successes successful celebrate celebrated celebrates celebrating rich honored honour honorable loyalty
    champion bonus bonuses reward heart hearts super blockbuster optimism superior supreme divine laugh
    pleasure happy happily happiness love loves loved loving lover sophisticated great best greatest
    condemnation prejudicial robber stealing kissing romance romanticising smiled merry delicious
    own latest rose fly static elect kind sure fair cold base rank apt effective experienced difficult
    complicated popular prominent wealthy affluent abundant acute affirmative advertent artesian ascetic
    battleful calculable cast-iron casual catching challenging chilly churning collectible confident cutting
    dirty drunk elaborate faint famous favored favorite first-string guilty handy hazardous ill impossible
    inconvenient insecure irrelevant lenient liked magic magical meager memorable motley muggy nameless
    nostalgic numb optimum pivotal powerless reputable sexual sexy skittish sorry striking stabbing
    supportive tidy uncommon uncut welcome well-advised controversial artificial blasted grand erotic
    chicken deadpan didactic done dowdy exotic forcible frigid goofy handsome mannerly pleonastic prolix
    raunchy subnormal tasteless unchaste unappetizing corpulent gawky cushy dainty cute stylish trendy
    deluxe mouth-watering fine-looking elegant attractive humorous comical hilarious amusing witty funny
    creative inventive ingenious candid sympathetic satisfied satisfying pleased glad wise noble wealthy
    securest prisoner fired secure secured abuse abuses fraud terrorism terrorisms harassment harassed
    harasses harassing harassments molests molesting molestations praise praised praising praises
    """.split()
)

FEAR_STEMS = ("terr", "horr", "fear", "fright", "dread", "panic", "scar", "alarm", "doom", "menac",
              "threat", "danger", "peril", "petrif", "nightmar")
# "terr" would catch "territory": the stems apply only to words that carry negative valence.
EXAGGERATION_STEMS = ("catastroph", "apocalyp", "devastat", "disast", "obliterat", "annihilat",
                      "cataclysm", "incredib", "unbeliev", "astound", "astonish", "stagger")
AGENT_SUFFIXES = ("mongers", "monger", "ists", "ist", "ers", "er", "ors", "or")


def _stem_candidates(word: str, suffix: str) -> list[str]:
    stem = word[: -len(suffix)]
    out = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        out.append(stem[:-1])  # "maddest" -> "mad"
    if stem.endswith("i"):
        out.append(stem[:-1] + "y")  # "angriest" -> "angry"
    return out


def categorize(word: str, valence: float, vocab: set[str]) -> tuple[str, str]:
    """Category of a derived word and the rule that chose it (see the module docstring)."""
    if valence < 0:
        for suffix in AGENT_SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                if suffix.startswith("monger") or any(s in vocab for s in _stem_candidates(word, suffix)):
                    return "name_calling", f"agent noun (-{suffix})"
        if word.startswith(FEAR_STEMS):
            return "fear_appeal", "fear stem"
    for suffix in ("iest", "est"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            if any(s in vocab and s != word for s in _stem_candidates(word, suffix)):
                return "exaggeration", "superlative"
    if word in ("worst", "worse"):
        return "exaggeration", "superlative"
    if word.startswith(EXAGGERATION_STEMS):
        return "exaggeration", "exaggeration stem"
    return "loaded_wording", "default"


def _keep(word: str) -> bool:
    return bool(WORD.match(word)) and len(word) >= 4 and word not in SLANG and word not in PLAIN and re.search("[aeiouy]", word)


def vader_rows() -> list[dict]:
    """Rows derived from the installed vaderSentiment wheel's lexicon."""
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("vaderSentiment is not installed: pip install vaderSentiment==3.3.2")
    path = Path(next(iter(spec.submodule_search_locations))) / "vader_lexicon.txt"
    vocab: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            vocab[parts[0]] = float(parts[1])
    words = set(vocab)
    rows = []
    for word, valence in vocab.items():
        if abs(valence) < VADER_MIN or not _keep(word):
            continue
        category, why = categorize(word, valence, words)
        rows.append({
            "pattern": word, "category": category, "weight": f"{min(abs(valence) / 2, 2.0):.1f}",
            "provenance": VADER_RULE, "note": f"valence {valence:+.1f}; category rule: {why}",
        })
    return rows


def _textblob_xml(source: str | None) -> bytes | None:
    if source:
        p = Path(source)
        if p.suffix == ".whl":
            with zipfile.ZipFile(p) as z:
                return z.read("textblob/en/en-sentiment.xml")
        return p.read_bytes()
    spec = importlib.util.find_spec("textblob")
    if spec is not None and spec.submodule_search_locations:
        p = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"
        if p.exists():
            return p.read_bytes()
    return None


def textblob_rows(xml: bytes) -> list[dict]:
    """Rows derived from TextBlob's en-sentiment.xml (adjectives only)."""
    root = ET.parse(io.BytesIO(xml)).getroot()
    senses: dict[str, list[tuple[float, float]]] = {}
    for w in root.iter("word"):
        if w.get("pos") != "JJ":
            continue
        senses.setdefault(w.get("form", "").lower(), []).append((float(w.get("polarity")), float(w.get("subjectivity"))))
    vocab = set(senses)
    rows = []
    for word, values in sorted(senses.items()):
        pol = statistics.mean(v[0] for v in values)
        subj = statistics.mean(v[1] for v in values)
        if subj < TB_MIN_SUBJ or abs(pol) < TB_MIN_POL or not _keep(word):
            continue
        category, why = categorize(word, pol, vocab)
        rows.append({
            "pattern": word, "category": category, "weight": f"{0.5 + abs(pol) * subj:.1f}",
            "provenance": TEXTBLOB_RULE, "note": f"polarity {pol:+.2f}, subjectivity {subj:.2f}; category rule: {why}",
        })
    return rows


def build(csv_path: Path, textblob_source: str | None) -> str:
    """The new CSV text: curated rows kept, derived rows re-derived."""
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        existing = list(csv.DictReader(fh))
    curated = [r for r in existing if not r["provenance"].startswith(("vader:", "textblob:"))]
    old_textblob = [r for r in existing if r["provenance"].startswith("textblob:")]
    # A curated row that the fit moved to the dropped file still covers its words: re-deriving
    # them would bring back, under another provenance, a term dropped for firing on neutral text.
    dropped_path = csv_path.with_name(csv_path.stem + "_dropped.csv")
    dropped_curated = []
    if dropped_path.exists():
        with open(dropped_path, encoding="utf-8-sig", newline="") as fh:
            dropped_curated = [r for r in csv.DictReader(fh) if not r["provenance"].startswith(("vader:", "textblob:"))]
    matcher = PatternMatcher([r["pattern"] for r in [*curated, *dropped_curated]])

    def covered(word: str) -> bool:
        return any(m.start == 0 and m.end == len(word) for m in matcher.find(word))

    derived: list[dict] = []
    seen: set[str] = set()
    xml = _textblob_xml(textblob_source)
    if xml is None:
        print("warning: TextBlob's en-sentiment.xml not found (pass --textblob WHEEL); keeping the existing textblob rows.", file=sys.stderr)
        tb = old_textblob
    else:
        tb = textblob_rows(xml)
    for row in [*vader_rows(), *tb]:
        word = row["pattern"]
        if word in seen or covered(word):
            continue
        seen.add(word)
        derived.append(row)
    derived.sort(key=lambda r: (r["provenance"].split(":")[0] != "vader", r["pattern"]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in [*curated, *derived]:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return out.getvalue()


def _derived_keys(rows) -> set[tuple[str, str, str, str, float]]:
    """(pattern, category, provenance, note, weight before fitting) of the derived rows."""
    return {
        (r["pattern"], r["category"], r["provenance"], r["note"], float(r.get("weight_prior") or r["weight"]))
        for r in rows if r["provenance"].startswith(("vader:", "textblob:"))
    }


def check(csv_path: Path, text: str) -> str:
    """What differs between the derived rows ``build`` would write and those on disk ('' if none).

    ``scripts/fit_loaded_weights.py`` runs after this script: it re-estimates the weights (the
    rule weight moves to ``weight_prior``) and moves rows that fire mostly on neutral text to
    ``loaded_language_dropped.csv``. So the derived rows on disk are those of both files, each
    compared by its pattern, category, provenance, note and weight before fitting.
    """
    built = _derived_keys(csv.DictReader(io.StringIO(text)))
    on_disk: list[dict] = []
    for p in (csv_path, csv_path.with_name(csv_path.stem + "_dropped.csv")):
        if p.exists():
            with open(p, encoding="utf-8-sig", newline="") as fh:
                on_disk.extend(csv.DictReader(fh))
    have = _derived_keys(on_disk)
    missing, extra = sorted(built - have), sorted(have - built)
    parts = []
    if missing:
        parts.append(f"{len(missing)} derived rows missing or changed, e.g. {missing[0][0]!r}")
    if extra:
        parts.append(f"{len(extra)} derived rows no rule gives, e.g. {extra[0][0]!r}")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", default=str(paths.LOADED_LEXICON), help="the lexicon CSV to rebuild in place")
    parser.add_argument("--textblob", help="textblob wheel (.whl) or en-sentiment.xml; default: an installed textblob")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the file would change")
    args = parser.parse_args(argv)
    path = Path(args.lexicon)
    text = build(path, args.textblob)
    if args.check:
        stale = check(path, text)
        if stale:
            print(f"{path} is out of date ({stale}): run python scripts/build_lexicon.py, "
                  "then python scripts/fit_loaded_weights.py --dev-data DIR", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    try:
        lexicon = Lexicon.from_csv(tmp)  # validate before replacing the file
    except Exception:
        tmp.unlink()
        raise
    tmp.replace(path)
    counts = lexicon.entries["provenance"].str.split(":").str[0].value_counts().sort_index()
    print(f"wrote {path}: {len(lexicon)} entries ({', '.join(f'{k} {v}' for k, v in counts.items())})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

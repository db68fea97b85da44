"""scripts/build_lexicon.py: which derived rows it writes and what its --check compares."""

from __future__ import annotations

import csv
from pathlib import Path

from analysis import paths
from script_module import load_script

B = load_script("build_lexicon")

HEADER = ",".join(B.COLUMNS)


def _write(path: Path, lines: list[str], header: str = HEADER) -> None:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")


def _patterns(text: str) -> set[str]:
    return {r["pattern"] for r in csv.DictReader(text.splitlines())}


def test_a_curated_row_the_fit_dropped_still_covers_its_word(tmp_path):
    # "terrorist" is in VADER (valence -3.7); a curated row covers it, even once the fit has
    # moved that row to the dropped file, so it is not re-derived under VADER's provenance.
    lexicon = tmp_path / "lex.csv"
    _write(lexicon, ["reckless,loaded_wording,1.2,curated,,,,,,"])
    assert "terrorist" in _patterns(B.build(lexicon, None))
    _write(tmp_path / "lex_dropped.csv", ["terrorist,name_calling,0.1,curated,,,1.5,9,0,0.03,low"],
           header=HEADER + ",drop_reason")
    text = B.build(lexicon, None)
    assert "terrorist" not in _patterns(text) and "reckless" in _patterns(text)


def test_check_compares_derived_rows_before_fitting(tmp_path):
    lexicon = tmp_path / "lex.csv"
    _write(lexicon, ["reckless,loaded_wording,1.2,curated,,,,,,"])
    built = B.build(lexicon, None)
    rows = list(csv.DictReader(built.splitlines()))
    assert B.check(lexicon, built).startswith(f"{len([r for r in rows if r['provenance'] != 'curated'])} derived rows missing")
    # As fit_loaded_weights leaves it: weights re-estimated (rule weight in weight_prior), one row dropped.
    derived = [r for r in rows if r["provenance"] != "curated"]
    kept, gone = derived[1:], derived[:1]
    fitted = [{**r, "weight_prior": r["weight"], "weight": "0.42"} for r in kept]
    with open(lexicon, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=B.COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows([rows[0], *fitted])
    with open(tmp_path / "lex_dropped.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=[*B.COLUMNS, "drop_reason"], lineterminator="\n")
        w.writeheader()
        w.writerows([{**r, "weight_prior": r["weight"], "weight": "0.05", "drop_reason": "low"} for r in gone])
    assert B.check(lexicon, built) == ""
    # A rule weight that no longer matches is reported, with the row's pattern.
    fitted[0]["weight_prior"] = "9.9"
    with open(lexicon, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=B.COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows([rows[0], *fitted])
    assert B.check(lexicon, built) == (f"1 derived rows missing or changed, e.g. {fitted[0]['pattern']!r}; "
                                       f"1 derived rows no rule gives, e.g. {fitted[0]['pattern']!r}")


def test_the_shipped_lexicon_is_up_to_date_with_its_rules():
    assert B.check(paths.LOADED_LEXICON, B.build(paths.LOADED_LEXICON, None)) == ""

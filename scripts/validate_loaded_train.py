"""How ``python -m analysis loaded train`` does on real span annotations (a development measurement).

Usage::

    PYTHONPATH=. python scripts/validate_loaded_train.py [--dev-data ../shared/dev-data] [--out docs/validation_loaded_train.md]
    PYTHONPATH=. python scripts/validate_loaded_train.py --from-json docs/validation_loaded_train.json  # the page again

What it does, as a researcher with coded articles would: the articles of the development part of
ptc-dev and their ``Loaded_Language`` spans are the coded articles; :func:`analysis.measures.loaded_train.train_span_model`
fits the span re-ranker on them with the command's defaults (5 folds, the threshold with the best
cross-validated one-to-one overlap-F1, the bundled token tagger, the domain packs ``--domain auto``
chooses from them). The fitted model, the bundled re-ranker (the default of ``score``) and every
lexicon span (``--span-model none``) then score the held-out part of ptc-dev, which none of them
was fitted on, and the BABE sentences (each a one-sentence article; the held-out half by article,
as ``scripts/validate_loaded.py`` splits it). Nothing is chosen on the held-out parts.

One caveat belongs to this data, not to a user's: the bundled lexicon's weights were estimated on
the development parts of ptc-dev and babe-dev (``scripts/fit_loaded_weights.py``), so the fitted
model's cross-validation on the development part of ptc-dev reads weights that saw its labels and is
optimistic; the held-out numbers are not. A study's own coded articles were never seen by the bundled
lexicon, so its cross-validation has no such leak.

Writes ``--out`` (Markdown) and its numbers beside it (``.json``). Not part of ``make test``; about a
minute. The ptc-dev and BABE texts stay in memory and in a temporary folder, never in the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from startup import ROOT, add_dev_data, missing  # first: puts the repository and scripts/ on sys.path

OUT = ROOT / "docs" / "validation_loaded_train.md"
FOLDS = 5  # loaded train's default
COLUMNS = ("loaded_n", "loaded_per_1k", "loaded_intensity")
METHODS = ("fitted by `loaded train` on the development part", "the bundled re-ranker (the default of `score`)",
           "every lexicon span (`--span-model none`)")


def measure(dev: Path) -> dict:
    """Every number of the page, from the development data in ``dev``."""
    import pandas as pd
    from validate_loaded import BABE_FILE, LOADED, PTC_DIR, babe_column_aucs, load_babe, load_ptc, our_spans, span_prf, spearman

    from analysis.measures.domains import AUTO_SAMPLE, choose_domains
    from analysis.measures.loaded_model import SpanModel
    from analysis.measures.loaded_tagger import TAGGER, TokenTagger
    from analysis.measures.loaded_train import train_span_model
    from analysis.tables.score import Scorer
    from analysis.validate.evaluate import span_scores

    articles, gold = load_ptc(dev / PTC_DIR)
    loaded_gold = gold[gold["technique"] == LOADED][["id", "start", "end"]].reset_index(drop=True)
    part = {p: articles.loc[articles["part"] == p, ["id", "text"]].assign(source="ptc").reset_index(drop=True)
            for p in ("dev", "heldout")}
    gold_of = {p: loaded_gold[loaded_gold["id"].isin(set(part[p]["id"]))].reset_index(drop=True) for p in part}
    packs, said = choose_domains("auto", part["dev"]["text"].head(AUTO_SAMPLE))
    lexicon = Scorer.load(domains=packs, span_model="none", stance="rules").lexicon
    bundled = SpanModel.from_json()
    trained = train_span_model(part["dev"], gold_of["dev"], lexicon, folds=FOLDS, tagger=TokenTagger.from_json(TAGGER),
                               bundled=bundled)
    models = dict(zip(METHODS, (trained.model, bundled, None)))
    ids = part["heldout"]["id"].tolist()
    per_k_gold = gold_of["heldout"].groupby("id").size()
    rows = []
    for name, model in models.items():
        scored, spans = our_spans(part["heldout"], lexicon, model)
        table = span_scores(gold_of["heldout"], spans[["id", "start", "end", "category"]], restrict_to_gold_ids=False)
        one = table[(table["match"] == "overlap") & (table["category"] == "(any)")].iloc[0]
        ptc = span_prf(gold[gold["technique"] == LOADED], spans, ids)
        s = scored.set_index("id")
        gk = [1000.0 * per_k_gold.get(i, 0) / max(int(s.at[i, "n_tokens"]), 1) for i in ids]
        rows.append({"method": name, "n_pred": int(one["n_pred"]), "one_precision": float(one["precision"]),
                     "one_recall": float(one["recall"]), "one_f1": float(one["f1"]), "ptc_precision": ptc["precision"],
                     "ptc_recall": ptc["recall"], "ptc_f1": ptc["f1"], "char_f1": ptc["char_f1"],
                     "density_per_1k": spearman(gk, [s.at[i, "loaded_per_1k"] for i in ids]),
                     "density_intensity": spearman(gk, [s.at[i, "loaded_intensity"] for i in ids])})
    babe = load_babe(dev / BABE_FILE)
    aucs = babe_column_aucs(babe, lexicon, models)
    for row in rows:
        row.update({f"babe_{c}": aucs[row["method"]][c][1] for c in COLUMNS})
        row.update({f"babe_dev_{c}": aucs[row["method"]][c][0] for c in COLUMNS})
    cv = trained.cv.to_dict("records")
    return {"lexicon": said, "folds": FOLDS, "threshold": trained.data["threshold"], "n_dev": len(part["dev"]),
            "n_heldout": len(ids), "n_gold_dev": len(gold_of["dev"]), "n_gold_heldout": len(gold_of["heldout"]),
            "n_candidates": trained.n_candidates, "n_positive": trained.n_positive, "cv": cv,
            "bundled_dev": trained.bundled, "heldout": rows,
            "babe": {"n_heldout": int((babe["part"] == "heldout").sum()), "n_dev": int((babe["part"] == "dev").sum())}}


def _f(v, digits: int = 3) -> str:
    return "" if v is None or v != v else f"{v:.{digits}f}"


def _than(a: float, b: float) -> str:
    """``a`` beside ``b`` in words: "0.367, higher than the default's 0.331" (equal at 3 decimals: "the same")."""
    if _f(a) == _f(b):
        return f"{_f(a)}, the same as the default's"
    return f"{_f(a)}, {'higher' if a > b else 'lower'} than the default's {_f(b)}"


def _fewer(a: int, b: int) -> str:
    return "fewer" if a < b else "more" if a > b else "as many"


def render(r: dict) -> str:
    """The page, from the numbers of :func:`measure`."""
    fitted, default, every = r["heldout"]
    lines = [
        "# Loaded language: the span re-ranker fitted with `loaded train`, measured on held-out annotations",
        "",
        "Generated by `PYTHONPATH=. python scripts/validate_loaded_train.py` (`--from-json docs/validation_loaded_train.json` "
        "writes it again from its numbers). Data: the development data of `scripts/validate_loaded.py`, split as there: "
        "ptc-dev (Da San Martino et al. 2020), its `Loaded_Language` spans, and babe-dev (Spinde et al. 2021). Nothing here "
        "uses the five bundled articles; nothing is chosen on a held-out part.",
        "",
        "## What was fitted",
        "",
        f"`python -m analysis loaded train` with its defaults, on the {r['n_dev']} articles of ptc-dev's development part "
        f"as the coded articles and their {r['n_gold_dev']:,} `Loaded_Language` spans as the gold spans ({r['lexicon']}): "
        f"{r['n_candidates']:,} candidate spans, {r['n_positive']:,} of them overlapping a gold span. Its cross-validation "
        f"({r['folds']} folds of articles; one-to-one overlap as `evaluate spans` counts it):",
        "",
        "| re-ranker threshold | spans | matched | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for c in r["cv"]:
        chosen = " (chosen)" if c["threshold"] == f"{r['threshold']:g}" else ""
        lines.append(f"| {c['threshold']}{chosen} | {c['n_pred']:,} | {c['tp']:,} | {_f(c['precision'])} | "
                     f"{_f(c['recall'])} | {_f(c['f1'])} |")
    b = r["bundled_dev"]
    lines += [
        f"| the bundled re-ranker (not cross-validated: fitted on these articles) | {b['n_pred']:,} | {b['tp']:,} | "
        f"{_f(b['precision'])} | {_f(b['recall'])} | {_f(b['f1'])} |",
        "",
        "These numbers are optimistic on this data: the bundled lexicon's weights, a feature of the re-ranker, were "
        "estimated on the same development part, so the folds read weights that saw their labels. A study's own coded "
        "articles were never seen by the lexicon; on them the cross-validation has no such leak. The held-out part below "
        "is what counts here.",
        "",
        f"## Held-out part of ptc-dev: {r['n_heldout']} articles, {r['n_gold_heldout']:,} gold `Loaded_Language` spans",
        "",
        "Each re-ranker and every lexicon span on the held-out part, read once. One-to-one: `evaluate spans`' overlap "
        "(a gold span and a predicted one are matched at most once). Overlap-F1 and character-F1 as "
        "`scripts/validate_loaded.py` counts them (issue 16's measures: a predicted span is right when it overlaps any "
        "gold span, a gold span found when any predicted span overlaps it). Density: Spearman of the article's "
        "`loaded_per_1k` or `loaded_intensity` with its gold spans per 1,000 words. BABE: AUC of the article columns "
        f"when each of the {r['babe']['n_heldout']} sentences of babe-dev's held-out half is scored as an article.",
        "",
        "| spans | spans predicted | one-to-one P | one-to-one R | one-to-one F1 | overlap-F1 | character-F1 | density, "
        "`loaded_per_1k` | density, `loaded_intensity` | BABE AUC, `loaded_n` | BABE AUC, `loaded_per_1k` | BABE AUC, "
        "`loaded_intensity` |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in r["heldout"]:
        lines.append(f"| {row['method']} | {row['n_pred']:,} | {_f(row['one_precision'])} | {_f(row['one_recall'])} | "
                     f"{_f(row['one_f1'])} | {_f(row['ptc_f1'])} | {_f(row['char_f1'])} | {_f(row['density_per_1k'])} | "
                     f"{_f(row['density_intensity'])} | {_f(row['babe_loaded_n'])} | {_f(row['babe_loaded_per_1k'])} | "
                     f"{_f(row['babe_loaded_intensity'])} |")
    lines += [
        "",
        "## What this shows",
        "",
        f"- Fitted to these annotators' spans, the re-ranker keeps {_fewer(fitted['n_pred'], default['n_pred'])} of the "
        f"lexicon's spans ({fitted['n_pred']:,} against the default's {default['n_pred']:,}); on the held-out annotations "
        f"its overlap-F1 is {_than(fitted['ptc_f1'], default['ptc_f1'])} (every span: {_f(every['ptc_f1'])}), its "
        f"one-to-one F1 {_than(fitted['one_f1'], default['one_f1'])}, its character-F1 "
        f"{_than(fitted['char_f1'], default['char_f1'])}, and the articles' `loaded_per_1k` ranks them by their gold "
        f"density with a Spearman {_than(fitted['density_per_1k'], default['density_per_1k'])}.",
        f"- On BABE's sentences its `loaded_intensity` has an AUC {_than(fitted['babe_loaded_intensity'], default['babe_loaded_intensity'])}. "
        "A sentence without a kept span ties at zero with most unbiased ones, so the fewer spans a filter keeps, the more "
        "biased sentences it leaves there: a filter fitted to one codebook's spans fits that codebook, not another's "
        "sentence labels.",
        "- The bundled default is not changed by this page: the project makes a span model its default only when "
        "held-out overlap-F1, character-F1, density and the BABE AUCs are all not lower (`docs/validation_loaded.md`). "
        "For a study, the lesson is the command's: fit the re-ranker on articles coded under the study's own codebook, "
        "and report the cross-validated numbers it prints.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_data(parser, "ptc-dev/ and babe-dev.csv")
    parser.add_argument("--out", default=str(OUT), help="the page to write (its numbers go beside it as .json)")
    parser.add_argument("--from-json", default=None, metavar="JSON", help="write the page from these numbers (no data needed)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    if args.from_json:
        results = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
    else:
        problem = missing(args.dev_data, "ptc-dev/articles", "babe-dev.csv")
        if problem:
            print(problem, file=sys.stderr)
            return 1
        results = measure(Path(args.dev_data))
        from analysis.tables.io import atomic_write_text

        atomic_write_text(out.with_suffix(".json"), json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    from analysis.tables.io import atomic_write_text

    atomic_write_text(out, render(results))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

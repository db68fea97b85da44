"""Score loaded language in a corpus and write articles.csv and spans.csv (until `python -m analysis score` exists).

Usage::

    PYTHONPATH=. python scripts/score_loaded.py data/raw --out /tmp/loaded [--lexicon CSV]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import paths  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.lexicon import Lexicon  # noqa: E402
from analysis.loaded import score_loaded  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default=str(paths.RAW), help="corpus folder or .csv/.jsonl/.parquet")
    parser.add_argument("--out", required=True, help="output folder (created)")
    parser.add_argument("--lexicon", default=str(paths.LOADED_LEXICON), help="lexicon CSV")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.input)
    articles, spans = score_loaded(corpus, Lexicon.from_csv(args.lexicon))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, table in (("articles.csv", articles), ("spans.csv", spans)):
        tmp = out / (name + ".tmp")
        table.to_csv(tmp, index=False, lineterminator="\n", float_format="%.6f")
        tmp.replace(out / name)
    print(f"wrote {out / 'articles.csv'} ({len(articles)} articles) and {out / 'spans.csv'} ({len(spans)} spans)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

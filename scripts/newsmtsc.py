"""Read NewsMTSC (Hamborg & Donnay 2021, MIT) for development scripts, split by story into dev and held-out parts.

The file lives outside the repository (``--dev-data``, default ``../shared/dev-data`` beside the
repository); nothing derived from it verbatim is shipped except the trained stance model, which the
MIT licence allows (see ``data/README.md``).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

from startup import DEV_DATA, missing

FILE = "newsmtsc-train.jsonl"
POLARITY = {2: "neg", 4: "neu", 6: "pos"}
HELD_OUT_SHARE = 3  # of 10 story buckets


def story_of(gid: str) -> str:
    """The story a NewsMTSC sentence comes from (AllSides story cluster or POLUSA article)."""
    parts = gid.split("_")  # allsides_<article>_<story>_..., polusa_v1_<article>_...
    return f"{parts[0]}_{parts[2]}"


def locate(dev_data: str | Path | None) -> Path:
    """The NewsMTSC file under ``dev_data``; exits with a clear message when it is absent."""
    folder = Path(dev_data) if dev_data else DEV_DATA
    problem = missing(folder, FILE)
    if problem:
        sys.exit(problem)
    return folder / FILE


def load_newsmtsc(path: Path) -> pd.DataFrame:
    """One row per (sentence, target): text, start, end, label, group (story), part (dev/held-out)."""
    rows = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record["sentence_normalized"]
            group = story_of(record["primary_gid"])
            bucket = int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % 10
            for t in record["targets"]:
                rows.append((text, int(t["from"]), int(t["to"]), POLARITY[int(t["polarity"])], group,
                             "held-out" if bucket < HELD_OUT_SHARE else "dev"))
    return pd.DataFrame(rows, columns=["text", "start", "end", "label", "group", "part"])

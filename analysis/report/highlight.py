"""Cut an article into labelled segments so that a report can show its evidence spans highlighted."""

from __future__ import annotations

from typing import Iterable

__all__ = ["segments"]


def segments(text: str, layers: Iterable[tuple[str, Iterable[tuple[int, int, str]]]]) -> list[dict]:
    """Split ``text`` into consecutive segments, each labelled by the spans that cover it.

    Args:
        text: The article.
        layers: ``(layer_name, spans)`` pairs in priority order; each span is
            ``(start, end, label)``. Where spans of one layer overlap, the one that starts
            first wins. A segment carries the label of every layer that covers it.

    Returns:
        Segments in text order, ``{"text": ..., layer_name: label or None, ...}``; joining
        their texts gives ``text`` back exactly.

    Example:
        >>> segments("a bad day", [("loaded", [(2, 5, "emotive")])])
        [{'text': 'a ', 'loaded': None}, {'text': 'bad', 'loaded': 'emotive'}, {'text': ' day', 'loaded': None}]
    """
    layers = [(name, sorted((int(s), int(e), str(lab)) for s, e, lab in spans)) for name, spans in layers]
    cuts = {0, len(text)}
    for _, spans in layers:
        for start, end, _label in spans:
            if 0 <= start < end <= len(text):
                cuts.update((start, end))
    bounds = sorted(cuts)
    labels_per_layer = []
    for _, spans in layers:
        labels = [None] * (len(bounds) - 1)
        index = {b: i for i, b in enumerate(bounds)}
        for start, end, label in spans:
            if not (0 <= start < end <= len(text)):
                continue
            for i in range(index[start], index[end]):
                if labels[i] is None:
                    labels[i] = label
        labels_per_layer.append(labels)
    out = []
    for i in range(len(bounds) - 1):
        seg = {"text": text[bounds[i] : bounds[i + 1]]}
        for (name, _), labels in zip(layers, labels_per_layer):
            seg[name] = labels[i]
        if out and all(out[-1][name] == seg[name] for name, _ in layers):
            out[-1]["text"] += seg["text"]
        else:
            out.append(seg)
    return out

"""One figure style for the whole study: source order and colours, fonts, sizes, and reproducible saving."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

__all__ = ["FIG_WIDTH", "apply_style", "save_figure", "source_order", "source_palette"]

# A4 text width at the report's margins is about 6.3 in; figures are drawn at that width so
# that 9-pt labels stay 9 pt in the PDF.
FIG_WIDTH = 6.3

# Okabe & Ito (2008), the colour-blind-safe palette recommended by Wilke; black last.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "svg.fonttype": "path",  # text as outlines: the SVG renders the same everywhere
    "svg.hashsalt": "media-framing",  # stable element ids, so identical input gives identical SVG
    "path.simplify": True,
}


def apply_style() -> None:
    """Set the shared matplotlib/seaborn style (call once at the top of a notebook)."""
    sns.set_theme(context="paper", style="whitegrid", rc=_RC)
    plt.rcParams.update(_RC)


def source_order(sources: Iterable[str]) -> list[str]:
    """The order of sources in every figure and table: sorted case-insensitively."""
    return sorted({str(s) for s in sources}, key=lambda s: (s.casefold(), s))


def source_palette(sources: Iterable[str]) -> dict[str, str]:
    """A fixed colour per source, the same in every figure.

    Colours follow :func:`source_order`: up to eight sources get the Okabe–Ito palette,
    more get seaborn's ``husl`` palette (distinct hues, not all colour-blind-safe).
    """
    order = source_order(sources)
    colours = OKABE_ITO if len(order) <= len(OKABE_ITO) else sns.color_palette("husl", len(order)).as_hex()
    return {source: colours[i] for i, source in enumerate(order)}


def save_figure(fig: plt.Figure, fig_dir: str | Path, name: str) -> list[Path]:
    """Save ``fig`` as ``fig_dir/name.svg`` and ``.png`` with reproducible metadata, then close it.

    Args:
        fig: The figure.
        fig_dir: Output folder (created if needed).
        name: File stem, ``NN_slug__what`` so that it leads back to its notebook.

    Returns:
        The two paths written.
    """
    if "__" not in name:
        raise ValueError(f"figure name {name!r} must look like NN_slug__what (it leads back to its notebook)")
    folder = Path(fig_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for ext, metadata in (("svg", {"Date": None, "Creator": None}), ("png", {"Software": None})):
        path = folder / f"{name}.{ext}"
        tmp = path.with_suffix(f".tmp.{ext}")
        fig.savefig(tmp, format=ext, metadata=metadata)
        tmp.replace(path)
        written.append(path)
    plt.close(fig)
    return written

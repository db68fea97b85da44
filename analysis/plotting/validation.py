"""The figures of the validation notebook: the lexicon and its baselines against gold spans, and the stance confusion matrix."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from analysis.plotting.charts import FIG_WIDTH, OKABE_ITO

__all__ = ["span_scores_bars", "stance_confusion"]

STANCE_LABELS = ["neg", "neu", "pos"]


def span_scores_bars(comparison: pd.DataFrame, *, methods: list[str], n_gold: int, n_articles: int, match: str = "overlap"):
    """Precision, recall and F1 of each method against the gold spans, one group of bars per method.

    Args:
        comparison: One row per method and match: ``method, match, precision, recall, f1``.
        methods: The methods in the order drawn (top to bottom).
        n_gold: Gold spans, and ``n_articles`` the articles they are in (for the axis label).
        match: Which match to draw (``overlap`` or ``exact``).

    Returns:
        The figure.
    """
    plot = comparison[comparison["match"] == match].melt(id_vars="method", value_vars=["precision", "recall", "f1"],
                                                          var_name="measure", value_name="value")
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, 2.9))
    sns.barplot(data=plot, y="method", x="value", hue="measure", palette=OKABE_ITO[:3], ax=ax, order=list(methods), orient="h")
    for container in ax.containers:
        ax.bar_label(container, fmt="%.2f", fontsize=7, padding=2)
    ax.set_xlim(0, 1.08)
    ax.set_xlabel(f"score against {n_gold} hand-coded spans in {n_articles} articles ({match} match)")
    ax.set_ylabel("")
    ax.legend(title="", ncols=3, loc="lower right", fontsize=7.5, frameon=True)
    ax.set_title("Loaded language: lexicon and baselines against the gold spans", loc="left")
    fig.tight_layout()
    return fig


def stance_confusion(pairs: pd.DataFrame) -> tuple[pd.DataFrame, plt.Figure]:
    """The hand-coded stance labels crossed with the scorer's (article x actor pairs), and its heatmap.

    Args:
        pairs: One row per article and actor: ``label`` (hand-coded) and ``predicted``, each
            ``neg``, ``neu`` or ``pos``.

    Returns:
        ``(confusion, figure)``: counts with hand-coded labels as rows, the scorer's as columns.
    """
    confusion = pd.crosstab(pairs["label"], pairs["predicted"]).reindex(index=STANCE_LABELS, columns=STANCE_LABELS, fill_value=0)
    fig, ax = plt.subplots(figsize=(3.6, 3.0))
    sns.heatmap(confusion, annot=True, fmt="d", cmap="Blues", cbar=False, ax=ax, linewidths=0.5, linecolor="white")
    ax.set_xlabel("scorer")
    ax.set_ylabel("hand-coded")
    ax.set_title("Stance: article × actor", loc="left")
    fig.tight_layout()
    return confusion, fig

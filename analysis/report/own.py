"""Analyses of a study's own in the report: a notebook beyond the five, and the section it asks for.

A notebook ``notebooks/NN_name.ipynb`` (two digits, an underscore, a name) other than the five of the study
runs with ``make report``, after them and with the same parameters. The report gives it a section under
"Further analyses" when its results file ``RESULTS_DIR/NN_name.json`` has a ``report`` entry made by
:func:`report_section`; without one, the section says so. ``notebooks/templates/06_new_analysis.ipynb`` is a
notebook to copy (``docs/researchers.md``, "An analysis of your own").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from analysis import paths

__all__ = ["STUDY_NOTEBOOKS", "own_notebooks", "report_section"]

# The study's notebooks, which the report has sections for; any other notebooks/NN_name.ipynb is one of the study's own.
STUDY_NOTEBOOKS = ("01_corpus", "02_loaded_language", "03_stance", "04_framing_by_source", "05_validation")

_NAME = re.compile(r"\d\d_\S+")  # as make finds them (notebooks/[0-9][0-9]_*.ipynb), a name without spaces


def own_notebooks(folder: str | Path | None = None) -> list[str]:
    """The names (file names without ``.ipynb``) of the notebooks of ``folder`` (default ``notebooks/``) that are not
    the study's five, in file-name order: those ``make report`` runs after them and the report has a section for.

    Example:
        >>> from analysis import paths
        >>> own_notebooks(paths.ROOT / "notebooks" / "templates")
        ['06_new_analysis']
    """
    folder = Path(folder) if folder is not None else paths.ROOT / "notebooks"
    return sorted(p.stem for p in folder.glob("[0-9][0-9]_*.ipynb")
                  if p.stem not in STUDY_NOTEBOOKS and _NAME.fullmatch(p.stem))


def report_section(name: str, title: str, paragraphs: Sequence[str] = (), figures: Mapping[str, str] | None = None,
                   *, fig_dir: str | Path) -> dict:
    """The ``report`` entry of a notebook's results file: its section in the report.

    Args:
        name: The notebook's name (its file name without ``.ipynb``, e.g. ``06_headlines``); the figures are its own.
        title: The section's heading.
        paragraphs: Plain text, one string per paragraph, printed as written (no markup): say what the
            numbers can and cannot show.
        figures: Figure name (as given to :func:`analysis.plotting.charts.save_figure`) -> caption, in the
            order the section shows them.
        fig_dir: Where the notebook saved its figures: each must be there as SVG.

    Returns:
        ``{"title", "paragraphs", "figures": [{"name", "caption"}]}``.

    Raises:
        ValueError: An empty title, a paragraph or caption that is not text, a figure that is not the
            notebook's (``name__what``) or was not saved; the message says which and what to do.

    Example:
        >>> report_section("06_headlines", "Headlines", ["Headlines carry more loaded terms."], fig_dir=".")
        {'title': 'Headlines', 'paragraphs': ['Headlines carry more loaded terms.'], 'figures': []}
    """
    if not _NAME.fullmatch(name) or name in STUDY_NOTEBOOKS:
        raise ValueError(f"name {name!r}: give the notebook's own file name without .ipynb, two digits, an underscore and "
                         f"a name (e.g. 06_headlines), not one of the study's five")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"{name}: the section needs a title (a non-empty string)")
    paragraphs = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
    for k, text in enumerate(paragraphs, 1):
        if not isinstance(text, str):
            raise ValueError(f"{name}: paragraph {k} is {type(text).__name__}, not text: format numbers into the sentence")
    shown = []
    for figure, caption in (figures or {}).items():
        if not str(figure).startswith(f"{name}__"):
            raise ValueError(f"{name}: figure {figure!r} is not this notebook's: name its figures {name}__what")
        if not isinstance(caption, str) or not caption.strip():
            raise ValueError(f"{name}: figure {figure!r} needs a caption (a non-empty string)")
        if not (Path(fig_dir) / f"{figure}.svg").is_file():
            raise ValueError(f"{name}: figure {figure!r} is not in {fig_dir}: save it first "
                             f"(save_figure(fig, fig_out, {figure!r}))")
        shown.append({"name": str(figure), "caption": caption})
    return {"title": title.strip(), "paragraphs": paragraphs, "figures": shown}

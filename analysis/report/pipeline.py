"""Run the whole study (score, every notebook, the report) from Python, as the Makefile does."""

from __future__ import annotations

from pathlib import Path

from analysis import paths

__all__ = ["notebook_parameters", "notebooks", "run_notebook"]


def notebooks() -> list[Path]:
    """The study's notebooks in run order (``notebooks/NN_*.ipynb``; exercises excluded)."""
    return sorted((paths.ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def notebook_parameters(notebook: str | Path) -> dict[str, dict]:
    """The parameters a notebook declares, as papermill reads them (name -> inferred type, default, help)."""
    import papermill

    return papermill.inspect_notebook(str(notebook))


def run_notebook(notebook: str | Path, output: str | Path, values: dict[str, object]) -> Path:
    """Execute ``notebook`` with papermill into ``output``, passing only the parameters it declares.

    Args:
        notebook: The notebook to run.
        output: Where the executed copy goes.
        values: Candidate parameter values (e.g. ``corpus_path``, ``fig_dir``, ``results_dir``);
            those the notebook does not declare are left out.

    Returns:
        The executed notebook's path. A failing cell raises ``papermill.PapermillExecutionError``
        with the cell's error.
    """
    import papermill

    declared = notebook_parameters(notebook)
    params = {k: v for k, v in values.items() if k in declared}
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(notebook), str(output), parameters=params, kernel_name="python3", cwd=str(paths.ROOT),
        progress_bar=False,
    )
    return output

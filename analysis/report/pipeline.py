"""Run the whole study (score, every notebook, the report) from Python, as the Makefile does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis import paths

__all__ = ["NotebookRun", "import_papermill", "main", "notebook_parameters", "notebooks", "run_notebook", "run_notebooks"]


def import_papermill():
    """The ``papermill`` package, imported without the one dependency it never uses.

    papermill validates notebooks with nbformat, which imports ``jsonschema``, which on import
    tries the optional checkers of every string format it knows. ``rfc3987_syntax`` (the check of
    the ``iri`` formats, installed with JupyterLab's ``jupyter-events``) builds a grammar when it
    is imported: about 1.4 s of CPU, in every papermill process, out of about 2.2 s for the whole
    of papermill (``python -X importtime -m papermill --help``). nbformat's validation never asks
    for a format check, so leaving that checker out changes no result. A process that imported
    ``rfc3987_syntax`` already keeps it. Only :func:`main` calls this: it changes ``sys.modules``
    for the whole process, which is right for a papermill process of its own and not for a caller's
    (the functions below import papermill as it comes).
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # a None entry makes `import rfc3987_syntax` raise ImportError
    import papermill

    return papermill


def main() -> None:
    """``python -m analysis.report.pipeline ARGS``: papermill's command line (``python -m papermill ARGS``),
    about 1.4 s faster to start (see :func:`import_papermill`). The Makefile runs every notebook with it."""
    import_papermill()
    from papermill.cli import papermill

    papermill(prog_name="papermill")


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


@dataclass(frozen=True)
class NotebookRun:
    """One papermill run: the notebook, its executed copy, the exit code and the error text (if any)."""

    notebook: Path
    output: Path
    returncode: int
    error: str

    @property
    def ok(self) -> bool:
        """True when every cell ran."""
        return self.returncode == 0


def run_notebooks(jobs: Sequence[tuple[str | Path, str | Path, Mapping]], *, max_workers: int | None = None,
                  timeout: float = 600, check: bool = True) -> list[NotebookRun]:
    """Run notebooks with papermill, several at a time, each in its own process.

    Args:
        jobs: ``(notebook, output, parameters)``; only the parameters a notebook declares are
            passed (paths may be :class:`~pathlib.Path` objects).
        max_workers: Notebooks run at the same time (default: all of them).
        timeout: Seconds allowed per notebook.
        check: Raise :class:`RuntimeError` with the failing notebooks' errors if any fails.

    Returns:
        One :class:`NotebookRun` per job, in the order of ``jobs``.
    """
    import time

    max_workers = max_workers or max(1, len(jobs))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(paths.ROOT), os.environ.get("PYTHONPATH", "")]))}
    results: list[NotebookRun | None] = [None] * len(jobs)
    with tempfile.TemporaryDirectory() as tmp:
        commands = []
        for k, (notebook, output, values) in enumerate(jobs):
            notebook, output = paths.resolve(notebook), paths.resolve(output)
            declared = notebook_parameters(notebook)
            params = {key: (str(v) if isinstance(v, Path) else v) for key, v in values.items() if key in declared}
            params_file = Path(tmp) / f"params{k}.json"  # JSON is YAML: papermill -f reads it
            params_file.write_text(json.dumps(params), encoding="utf-8")
            output.parent.mkdir(parents=True, exist_ok=True)
            commands.append((notebook, output, [sys.executable, "-m", "analysis.report.pipeline", str(notebook), str(output), "-f",
                                                str(params_file), "-k", "python3", "--cwd", str(paths.ROOT),
                                                "--no-progress-bar", "--log-level", "ERROR"]))
        pending = list(range(len(commands)))
        running: dict[int, tuple[subprocess.Popen, float, object]] = {}
        while pending or running:
            while pending and len(running) < max_workers:
                k = pending.pop(0)
                log = tempfile.TemporaryFile(mode="w+", dir=tmp)
                proc = subprocess.Popen(commands[k][2], stdout=subprocess.DEVNULL, stderr=log, text=True, env=env)
                running[k] = (proc, time.monotonic(), log)
            time.sleep(0.05)
            for k, (proc, started, log) in list(running.items()):
                if proc.poll() is None and time.monotonic() - started < timeout:
                    continue
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
                log.seek(0)
                err = "\n".join(line for line in log.read().splitlines() if "running over TCP" not in line)
                log.close()
                if proc.returncode != 0 and not err:
                    err = f"still running after {timeout:.0f} s"
                results[k] = NotebookRun(commands[k][0], commands[k][1], proc.returncode, err if proc.returncode else "")
                del running[k]
    failed = [r for r in results if not r.ok]
    if check and failed:
        raise RuntimeError("\n\n".join(f"{r.notebook.name} failed (executed copy: {r.output}):\n{r.error[-3000:]}"
                                        for r in failed))
    return results  # type: ignore[return-value]


if __name__ == "__main__":
    main()

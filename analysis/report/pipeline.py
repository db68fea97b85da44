"""Run the whole study (score, every notebook, the report) from Python, as the Makefile does."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis import paths

__all__ = ["NotebookRun", "execute_notebook", "import_papermill", "kernel_manager_class", "main", "make_variables",
           "notebook_parameters", "notebooks", "parse_notebook_params", "run_notebook", "run_notebooks"]

# The longest Unix socket path a kernel's sockets may have (macOS allows 104 bytes, Linux 108).
MAX_SOCKET_PATH = 100


@functools.lru_cache(maxsize=None)
def kernel_manager_class():
    """The kernel manager of every notebook run here: a kernel reached through Unix sockets in a folder of its own.

    jupyter_client's default (TCP) picks five free ports on the loopback interface, closes them and
    lets the kernel bind them a moment later; a kernel that another process started in that moment
    can take one (two notebooks run at once by ``make -j2``, or by two test processes), and the
    kernel dies at start-up with ``ZMQError: Address already in use``. Unix sockets in a private
    folder (``mkdtemp``, one per kernel, removed when the kernel is shut down) cannot collide. On
    Windows, where the temporary folder's path is too long for a socket, or where its file system
    takes no socket, the kernel uses TCP. A kernel that does not stop when asked is terminated after 0.5 s, not
    jupyter_client's 2.5 s.
    One class, made at the first call (jupyter_client is imported then, not with this module).
    """
    from jupyter_client import AsyncKernelManager
    from traitlets import default

    class PrivateSocketsKernelManager(AsyncKernelManager):
        """An :class:`~jupyter_client.AsyncKernelManager` whose kernel listens on Unix sockets in a folder of its own."""

        @default("connection_file")
        def _connection_file_in_own_folder(self) -> str:
            return os.path.join(tempfile.mkdtemp(prefix="kernel-"), "kernel.json")

        @default("transport")
        def _unix_sockets(self) -> str:
            # the sockets are <connection file without .json>-ipc-1 .. -5
            base = os.path.splitext(self.connection_file)[0]
            fits = len(base.encode()) + len("-ipc-99") <= MAX_SOCKET_PATH
            return "ipc" if os.name == "posix" and fits and _socket_binds(base + "-probe") else "tcp"

        @default("shutdown_wait_time")
        def _short_shutdown_wait(self) -> float:
            # jupyter_client interrupts a kernel before it asks it to shut down; in about one shut-down of four the
            # interrupt lands in the kernel's handler of that request, the kernel stays up, and it is sent SIGTERM
            # after half of this wait: 2.5 s by default (3.4 s a shut-down instead of 0.2), 0.5 s here. Every cell
            # has run and its outputs are in when the kernel is shut down.
            return 1.0

        def cleanup_ipc_files(self) -> None:  # called after cleanup_connection_file at shut-down
            super().cleanup_ipc_files()
            folder = os.path.dirname(self.connection_file)
            if os.path.basename(folder).startswith("kernel-"):
                try:
                    os.rmdir(folder)  # empty once the sockets and the connection file are gone (not on a restart)
                except OSError:
                    pass

    return PrivateSocketsKernelManager


def _socket_binds(path: str) -> bool:
    """Whether a Unix socket can be made at ``path`` (not on every file system: some network ones refuse)."""
    import socket

    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.bind(path)
    except OSError:
        return False
    finally:
        probe.close()
    os.unlink(path)
    return True


def execute_notebook(notebook: str | Path, output: str | Path, **options):
    """``papermill.execute_notebook(notebook, output, **options)`` with the kernel of :func:`kernel_manager_class`."""
    import papermill

    return papermill.execute_notebook(str(notebook), str(output), kernel_manager_class=kernel_manager_class(), **options)


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
    about 1.4 s faster to start (see :func:`import_papermill`). The Makefile runs every notebook with it.

    Two options of its own, for make's ``NOTEBOOK_PARAMS`` (:func:`parse_notebook_params`):
    ``--check-notebook-params TEXT`` checks it and exits (1 with the error, 0 if right), and
    ``--notebook-params TEXT`` passes the notebook being run (the first ``.ipynb`` argument) those of its parameters.
    """
    import_papermill()
    args = sys.argv[1:]
    for option in ("--check-notebook-params", "--notebook-params"):
        if option not in args:
            continue
        k = args.index(option)
        text = args[k + 1] if k + 1 < len(args) else ""
        del args[k : k + 2]
        try:
            values = parse_notebook_params(text)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            raise SystemExit(1) from None
        if option == "--check-notebook-params":
            return
        notebook = next((a for a in args if a.endswith(".ipynb")), None)  # the input: papermill's first path
        declared = notebook_parameters(notebook) if notebook else {}
        for name, value in values.items():
            if name in declared:
                args += ["-p", name, value]
    sys.argv[1:] = args
    from papermill.cli import papermill
    from papermill.engines import NBClientEngine, papermill_engines

    class Engine(NBClientEngine):
        """papermill's default engine, its kernel that of :func:`kernel_manager_class`."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
            kwargs.setdefault("kernel_manager_class", kernel_manager_class())
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    for name in (None, "nbclient"):  # the default engine and its name, for this process
        papermill_engines.register(name, Engine)
    papermill(prog_name="papermill")


def make_variables(makefile: str | Path | None = None) -> dict[str, str]:
    """``{parameter: make variable}``: the notebook parameters the Makefile sets (``-p name '...$(VAR)...'``), and from
    which of its variables (the last one named in the value: ``$(abspath $(FIG_DIR))`` is ``FIG_DIR``). A parameter set
    from no variable of the user's (``notebook_name``, from make's own loop) maps to ``""``."""
    makefile = paths.ROOT / "Makefile" if makefile is None else Path(makefile)
    if not makefile.exists():
        return {}
    found: dict[str, str] = {}
    for name, value in re.findall(r"-p (\w+) '([^']*)'", makefile.read_text(encoding="utf-8")):
        variables = re.findall(r"\$\(([A-Z_]+)\)", value)  # a user's variable (not the loop's $(nb))
        if variables or name not in found:
            found[name] = variables[-1] if variables else found.get(name, "")
    return found


def parse_notebook_params(text: str) -> dict[str, str]:
    """Read make's ``NOTEBOOK_PARAMS``: ``NAME=VALUE`` pairs, separated by spaces, for parameters of the study's notebooks
    that no make variable sets; papermill reads each value as Python would (``False``, ``0.3``, ``12``).

    Each name must be a parameter of some notebook of the study (:func:`notebooks`; docs/parameters.md lists them),
    not one make sets from a variable of its own (``corpus_path``: give ``CORPUS=``), and its value must fit the
    parameter's type (a whole number for an ``int``, a number for a ``float``, ``True`` or ``False`` for a ``bool``).

    Returns:
        ``{name: value}`` as written, in order.

    Raises:
        ValueError: naming the pair and what to write instead.

    Example:
        >>> parse_notebook_params("collapse_duplicates=False  event_threshold=0.3")
        {'collapse_duplicates': 'False', 'event_threshold': '0.3'}
        >>> parse_notebook_params("event_treshold=0.3")
        Traceback (most recent call last):
        ...
        ValueError: NOTEBOOK_PARAMS: no notebook of the study has a parameter 'event_treshold'. Did you mean \
'event_threshold'? docs/parameters.md lists them.
    """
    from analysis.text.choices import did_you_mean

    values: dict[str, str] = {}
    declared: dict[str, dict] = {}
    for notebook in notebooks():
        for name, info in notebook_parameters(notebook).items():
            declared.setdefault(name, info)
    by_make = make_variables()
    for pair in str(text).split():
        name, equals, value = pair.partition("=")
        if not equals or not name.isidentifier() or not value:
            raise ValueError(f"NOTEBOOK_PARAMS: {pair!r} is not NAME=VALUE; write pairs separated by spaces, e.g. "
                             "NOTEBOOK_PARAMS='collapse_duplicates=False event_threshold=0.3'.")
        if name not in declared:
            raise ValueError(f"NOTEBOOK_PARAMS: no notebook of the study has a parameter {name!r}."
                             f"{did_you_mean(name, sorted(declared))} docs/parameters.md lists them.")
        if name in values:
            raise ValueError(f"NOTEBOOK_PARAMS: {name} is given twice ({name}={values[name]}, {name}={value}); keep one.")
        if name in by_make:
            variable = by_make[name]
            raise ValueError(f"NOTEBOOK_PARAMS: {name} is set by make" + (f" from {variable}: give {variable}=... instead."
                                                                           if variable else "."))
        kind = declared[name]["inferred_type_name"]
        fits = {"bool": value in ("True", "False"), "int": re.fullmatch(r"[+-]?\d+", value) is not None,
                "float": re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", value) is not None}.get(kind, True)
        if not fits:
            what = {"bool": "True or False", "int": "a whole number", "float": "a number"}[kind]
            raise ValueError(f"NOTEBOOK_PARAMS: {name}={value}: {name} takes {what} (default {declared[name]['default']}).")
        values[name] = value
    return values


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
    declared = notebook_parameters(notebook)
    params = {k: v for k, v in values.items() if k in declared}
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    execute_notebook(notebook, output, parameters=params, kernel_name="python3", cwd=str(paths.ROOT), progress_bar=False)
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

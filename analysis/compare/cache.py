"""Result caches of the comparisons (text reuse, events, distinctive words): one file per result, kept whole.

``make -j2`` runs the text-reuse step and notebooks 02, 03 and 04 side by side with one cache folder:
:func:`cache_lock` makes a second process wait for the first's result instead of computing it again, and
:func:`replace_cache_file` writes a result beside the old one and renames it into place (never half
written), leaving one file of each kind in the folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["cache_lock", "replace_cache_file"]


@contextmanager
def cache_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder/.lock`` (``fcntl.flock``; no lock where fcntl is missing).

    ``make -j2`` runs the text-reuse step and notebooks 02, 03 and 04 side by side, all with the
    same cache folder: the first computes and writes the result while the others wait, then read it.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: every caller computes (the result is the same, the file replaced atomically)
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def replace_cache_file(path: Path, prefix: str, write) -> None:
    """Keep ``path`` as its folder's only cache file of its kind: ``write(tmp)`` writes a temporary file beside it
    (same suffix), renamed to ``path`` (never half written), then the folder's other files named ``prefix`` + key +
    that suffix (older keys) are deleted. Shared by the caches of text reuse, events and distinctive words; call it
    holding :func:`cache_lock`."""
    import os

    tmp = path.with_name(f".{path.stem}.{os.getpid()}{path.suffix}")
    write(tmp)
    os.replace(tmp, path)
    for other in path.parent.glob(f"{prefix}*{path.suffix}"):
        if other.name != path.name:
            other.unlink(missing_ok=True)

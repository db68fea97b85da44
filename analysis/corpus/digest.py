"""One way to fold the articles' columns into a cache key, shared by every cache of the corpus's results."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def update_with_columns(digest, columns: Iterable[Iterable[str]]) -> None:
    """Feed each column's strings to ``digest`` (a ``hashlib`` object), each length-prefixed, columns separated.

    Every value is encoded as UTF-8 (unpaired surrogates kept) after its length as 8 bytes, and each
    column ends with 8 bytes of 0xff, so no two different tables give the same byte stream.
    """
    for column in columns:
        for value in column:
            data = value.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little") + data)
        digest.update(b"\xff" * 8)


def update_with_package(digest) -> None:
    """Feed the source of every module of the ``analysis`` package to ``digest``, each after its path.

    A cache keyed with it is not read back after any change to the code, wherever the change is. Each
    module's bytes are followed by a NUL too, so a file's end cannot pass for the next file's path.
    """
    package = Path(__file__).resolve().parents[1]
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")

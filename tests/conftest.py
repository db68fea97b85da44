"""Shared fixtures: small hand-made corpora and the project paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import paths


@pytest.fixture
def folder_corpus(tmp_path: Path) -> Path:
    """Three short articles in a folder with a metadata.csv."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a1.txt").write_text("Headline one\nThe U.S. envoy met Gen. Smith. Talks end today.", encoding="utf-8")
    (folder / "a2.txt").write_text("Mr. J. R. Smith said “it is over.” Then he left.", encoding="utf-8")
    (folder / "b1.txt").write_bytes("\ufeffKyiv’s allies met.\r\nThey agreed.".encode("utf-8"))
    (folder / "metadata.csv").write_text(
        "id,source,title,date,url\n"
        "a1,Outlet A,First,2025-03-01,https://example.org/a1\n"
        "a2,Outlet A,Second,,\n"
        "b1,Outlet B,Third,2025-03-02,\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def project_paths():
    return paths

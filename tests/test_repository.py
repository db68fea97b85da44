"""Standing rules of the repository: raw data untouched, pins agree, notebooks stripped, offline."""

import hashlib
import re
import subprocess

import nbformat
import pytest

from analysis import paths

RAW_SHA256 = {
    "000_7c522d25977e2e59.txt": "632c093b09f3c04b9e3618250e13c4d5e5e2462b21a13f4bc989774f3efbe9b9",
    "001_8c9f463cf267f3af.txt": "4a0db8a5ed67939f7eb0c49bb951b046516b912f0372cf4907045b13619119cc",
    "002_cbf11e591e9b38f6.txt": "3f69d6b98249cdd729cb50715f63ddf230661ee29ecf1ca506488b1c914825dd",
    "003_6b14cec82313948c.txt": "a27f91b9882cf953f65d08a0af49b5827b9bc4938d0cc531f5a138fc6d33a157",
    "004_6e8ccf95bdc89e35.txt": "b0f0e2b052d1c90a8a0338072a11c6e2913b46fcb69e1790d180885f7a91c68e",
    "metadata.csv": "b1bf4d8e83111d24c8380146e1cbd1e84f04268e5dfd9a7493c55d979d89e92b",
}


def test_raw_data_is_unmodified():
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.RAW.iterdir()) if p.is_file()}
    assert found == RAW_SHA256, "data/raw changed: raw data is immutable (restore it with git checkout data/raw)"


def _pins(lines):
    pins = {}
    for line in lines:
        line = line.split("#", 1)[0].strip().lstrip("- ").strip()
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def test_environment_yml_and_requirements_agree():
    req = _pins((paths.ROOT / "requirements.txt").read_text().splitlines())
    env_text = (paths.ROOT / "environment.yml").read_text()
    env = _pins(env_text.split("- pip:", 1)[1].splitlines())
    assert req and env == req
    assert re.search(r"^\s*- python=3\.11\s*$", env_text, re.M)
    lock = _pins((paths.ROOT / "constraints.txt").read_text().splitlines())
    disagree = {name: (v, lock.get(name)) for name, v in req.items() if lock.get(name) != v}
    assert not disagree, f"requirements.txt and constraints.txt disagree: {disagree}"


def _tracked(pattern):
    out = subprocess.run(["git", "-C", str(paths.ROOT), "ls-files", pattern], capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git checkout")
    return [paths.ROOT / f for f in out.stdout.split()]


def test_committed_notebooks_have_no_outputs_and_a_parameters_cell():
    notebooks = sorted((paths.ROOT / "notebooks").rglob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        dirty = [i for i, c in enumerate(code) if c.outputs or c.execution_count]
        assert not dirty, f"{path.name}: code cells {dirty} carry outputs; strip them before committing"
        tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{path.name}: needs exactly one cell tagged 'parameters'"
        for line in tagged[0].source.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                assert re.match(r"^\w+: \w+(\[.*\])? = .+  # .+", line), f"{path.name}: parameter line without type hint or comment: {line!r}"


def test_nothing_downloads_nltk_data():
    pattern = re.compile(r"nltk\.download\s*\(|nltk\.downloader")
    offenders = []
    for path in [*paths.ROOT.glob("analysis/**/*.py"), *paths.ROOT.glob("notebooks/**/*.ipynb"),
                 *paths.ROOT.glob("scripts/**/*.py"), paths.ROOT / "Makefile"]:
        if pattern.search(path.read_text(encoding="utf-8")):
            offenders.append(path.name)
    assert not offenders


def test_generated_files_are_not_tracked():
    tracked = [p.relative_to(paths.ROOT).as_posix() for p in _tracked(".")]
    generated = [t for t in tracked if re.match(r"^(results/|build/|\.venv/|report/report\.pdf$|figures/.+\.(svg|png)$)", t)]
    assert not generated
    # The brief's top-level layout is in every clone, figures/ included (it holds only its README).
    for top in ("notebooks/", "analysis/", "data/", "figures/", "environment.yml", "Makefile", "README.md"):
        assert any(t == top or t.startswith(top) for t in tracked), f"{top} is not in the repository"


def test_licence_file_and_citation_agree_with_the_package():
    import tomllib

    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    licence = (paths.ROOT / "LICENSE").read_text(encoding="utf-8")
    assert project["license"] == "MIT" and licence.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in licence
    cff = (paths.ROOT / "CITATION.cff").read_text(encoding="utf-8")
    fields = dict(re.findall(r"(?m)^([a-z-]+): *\"?([^\"\n]*)\"?$", cff))
    assert fields["cff-version"] == "1.2.0" and fields["type"] == "software"
    assert fields["version"] == project["version"], "CITATION.cff's version differs from pyproject.toml's"
    assert fields["license"] == project["license"]

"""The scripts' shared start-up (scripts/startup.py): one place puts the repository on sys.path and knows where
development data live; a script without its development data stops with one line that says what to pass."""

import re
import subprocess
import sys

import pytest

from analysis import paths
import startup  # scripts/startup.py (tests/conftest.py puts scripts/ on sys.path)
from script_module import load_script

SCRIPTS = paths.ROOT / "scripts"


def test_only_the_startup_module_sets_sys_path_or_names_the_shared_folder():
    found = []
    for path in sorted(SCRIPTS.glob("*.py")):
        if path.name == "startup.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#")[0]
            if "sys.path" in code or re.search(r"""["']shared["']""", code):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []
    # the package itself never names the folder beside the repository
    assert [p.name for p in sorted((paths.ROOT / "analysis").rglob("*.py"))
            if re.search(r"""["']shared["']|\.\./shared""", p.read_text(encoding="utf-8"))] == []


def test_missing_development_data_is_one_line(tmp_path):
    (tmp_path / "ptc-dev").mkdir()
    assert startup.missing(tmp_path, "ptc-dev") is None
    assert startup.missing(tmp_path, "ptc-dev", "babe-dev.csv") == (
        f"error: {tmp_path} has no babe-dev.csv; pass the development data folder with --dev-data "
        f"({startup.DEV_DATA_HELP}).")
    assert startup.DEV_DATA == paths.ROOT.parent / "shared" / "dev-data"
    # the help text names that folder as it lies beside the repository
    assert startup.DEV_DATA_HELP == f"default: ../{startup.DEV_DATA.relative_to(paths.ROOT.parent).as_posix()} beside the repository"


def test_a_script_run_by_python_finds_the_package_and_stops_without_its_data(tmp_path):
    run = subprocess.run([sys.executable, str(SCRIPTS / "build_stance_model.py"), "--dev-data", str(tmp_path), "--check"],
                         capture_output=True, text=True, cwd=tmp_path, env={"PATH": "/usr/bin:/bin"})
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == (f"error: {tmp_path} has no newsmtsc-train.jsonl; pass the development data folder with "
                          f"--dev-data ({startup.DEV_DATA_HELP}).\n")
    # loaded by a test (scripts/ on sys.path from conftest.py), a script reads the same default and stops the same way
    module = load_script("references_outside")
    with pytest.raises(SystemExit) as stop:
        module.articles_folder(tmp_path)
    assert str(stop.value) == (f"error: {tmp_path} has no ptc-dev/articles; pass the development data folder with "
                               f"--dev-data ({startup.DEV_DATA_HELP}).")

"""The package's structure: no module of ``analysis/`` uses a private name (``_x``) of another module, and no
script of ``scripts/`` imports one.

A private name is free to change with its module; a function that another module needs is public
(no leading underscore, a docstring) so that a reader of either module can tell it is shared.
"""

import ast
from pathlib import Path

from analysis import paths

PACKAGE = paths.ROOT / "analysis"


def _module_name(path: Path) -> str:
    parts = path.relative_to(paths.ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    base = paths.ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(source: str, module: str) -> list[str]:
    """``"line: what"`` for each private name of another ``analysis`` module that ``source`` (the text of
    ``module``) imports or reads as ``module_alias._name``."""
    tree = ast.parse(source)
    package = module if _is_module(module + ".__init__") else module.rpartition(".")[0]
    modules: dict[str, str] = {}  # local name -> analysis module it is bound to
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])])
            if not base.startswith("analysis") or base == module:
                continue
            for alias in node.names:
                if _private(alias.name):
                    found.append((node.lineno, node.col_offset, f"{node.lineno}: from {base} import {alias.name}"))
                elif _is_module(f"{base}.{alias.name}"):
                    modules[alias.asname or alias.name] = f"{base}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("analysis") and alias.asname:
                    modules[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name)
                and modules.get(node.value.id, module) != module):
            found.append((node.lineno, node.col_offset, f"{node.lineno}: {modules[node.value.id]}.{node.attr}"))
    return [use for _line, _column, use in sorted(found)]


def test_private_uses_finds_imports_and_attributes():
    source = ("from analysis.corpus.stream import _kind, iter_chunks\n"
              "from analysis.measures import stance\n"
              "import analysis.text.vader as v\n"
              "from . import stream as s\n"
              "x = stance._position_entries(1) + v._hidden + stance.score\n"
              "def f(self):\n    return self._own, s._reader\n")
    assert private_uses(source, "analysis.corpus.describe") == [
        "1: from analysis.corpus.stream import _kind",
        "5: analysis.measures.stance._position_entries",
        "5: analysis.text.vader._hidden",
        "7: analysis.corpus.stream._reader",
    ]
    # A module's own private names and dunders are its own business.
    assert private_uses("from analysis.corpus import __doc__\n", "analysis.corpus.stream") == []


def test_no_module_uses_another_modules_private_names():
    found = [f"{path.relative_to(paths.ROOT)}:{use}" for path in sorted(PACKAGE.rglob("*.py"))
             for use in private_uses(path.read_text(encoding="utf-8"), _module_name(path))]
    assert found == []


def test_one_chunk_size():
    """Every ``chunk_size`` default of the package is a named constant (the scoring chunk is
    :data:`analysis.corpus.stream.DEFAULT_CHUNK_SIZE`), never a literal copy of one."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = node.args
                named = [*args.posonlyargs, *args.args][-len(args.defaults):] if args.defaults else []
                for arg, default in [*zip(named, args.defaults), *zip(args.kwonlyargs, args.kw_defaults)]:
                    if arg.arg == "chunk_size" and isinstance(default, ast.Constant):
                        found.append(f"{path.relative_to(paths.ROOT)}:{node.lineno} {node.name}(chunk_size={default.value})")
    assert found == []


def test_no_script_imports_a_private_name_of_the_package():
    """What a development script imports from ``analysis`` is public (it reads the package as a user would).

    ``scripts/stance_candidates.py`` still reads and wraps ``stance._mention_features`` and a few of the
    window constants by attribute: it swaps them for the length of one candidate's run, an experiment hook on
    the stance scorer's internals that no other code shares.
    """
    found = [f"{path.relative_to(paths.ROOT)}:{use}" for path in sorted((paths.ROOT / "scripts").glob("*.py"))
             for use in private_uses(path.read_text(encoding="utf-8"), f"scripts.{path.stem}") if ": from " in use]
    assert found == []


def script_private_uses(source: str, scripts: set[str]) -> list[str]:
    """``"line: script.name"`` for each private name of another script of ``scripts`` that ``source`` imports or reads."""
    tree = ast.parse(source)
    modules = {alias.asname or alias.name: alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
               for alias in node.names if alias.name in scripts}
    found = [(node.lineno, f"{node.lineno}: {node.module}.{alias.name}") for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) and node.module in scripts for alias in node.names if _private(alias.name)]
    found += [(node.lineno, f"{node.lineno}: {modules[node.value.id]}.{node.attr}") for node in ast.walk(tree)
              if isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name)
              and node.value.id in modules]
    return [use for _line, use in sorted(found)]


def test_script_private_uses_finds_imports_and_attributes():
    source = "import fit_loaded_weights as fit\nfrom loaded_candidates import _tag, cv_setup\nfit._fit_logistic(fit.public)\n"
    assert script_private_uses(source, {"fit_loaded_weights", "loaded_candidates"}) == [
        "2: loaded_candidates._tag", "3: fit_loaded_weights._fit_logistic"]


def test_no_script_uses_a_private_name_of_another_script():
    """A function one development script takes from another is public there (with a docstring)."""
    files = sorted((paths.ROOT / "scripts").glob("*.py"))
    names = {path.stem for path in files}
    found = [f"{path.name}:{use}" for path in files
             for use in script_private_uses(path.read_text(encoding="utf-8"), names - {path.stem})]
    assert found == []

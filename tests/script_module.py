"""Load a development script of ``scripts/`` as a module, afresh, for the tests that call its functions."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from analysis import paths


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` run as a new module named ``name`` (not kept in ``sys.modules``: each call runs it again)."""
    spec = importlib.util.spec_from_file_location(name, paths.ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

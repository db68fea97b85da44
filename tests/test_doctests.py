"""Every example in the package's docstrings runs as written (`python -m doctest` on each module)."""

import doctest
import importlib
import pkgutil

import pytest

import analysis

MODULES = sorted(m.name for m in pkgutil.walk_packages(analysis.__path__, "analysis.")
                 if not m.name.endswith("__main__"))  # __main__ runs the command line on import


def _examples(name: str) -> doctest.TestResults:
    module = importlib.import_module(name)
    return doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=False)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    assert _examples(name).failed == 0


def test_modules_with_examples_are_found():
    """The walk reaches the subpackages: these modules' examples (counted by hand) are run."""
    counts = {name: _examples(name).attempted for name in
              ("analysis.measures.loaded", "analysis.text.word_vectors", "analysis.text.article")}
    assert counts == {"analysis.measures.loaded": 20, "analysis.text.word_vectors": 7, "analysis.text.article": 4}

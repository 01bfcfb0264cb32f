"""Every ``>>>`` example in the README and in docs/ runs, from the project root."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Every module of the package, subpackages' modules included.
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages([str(ROOT / "src" / "wikibio")], prefix="wikibio.")
    if not m.name.startswith("wikibio.strategies")
    or importlib.util.find_spec("hypothesis") is not None
)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's examples give the output the page shows."""
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )

    assert 0 == result.failed
    assert result.attempted > 0 or ">>>" not in page.read_text("utf-8").replace("`>>>`", "")


def test_package_docstring_examples_run() -> None:
    """The examples in the package's docstring run."""
    import wikibio

    result = doctest.testmod(wikibio, optionflags=doctest.ELLIPSIS)

    assert (0, True) == (result.failed, result.attempted > 0)


@pytest.mark.parametrize("module", MODULES)
def test_module_docstring_examples_run(module: str) -> None:
    """The examples in each module's docstrings run (the API reference shows them)."""
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)

    assert 0 == result.failed

"""The public API: a sorted, complete, documented facade that stays light to import."""

from __future__ import annotations

import importlib.util
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import wikibio
from tests.conftest import ROOT

API_PAGE = ROOT / "docs" / "api.md"

#: Modules whose public names the API reference renders, besides the facade.
DOCUMENTED_MODULES = (
    "wikibio.citations",
    "wikibio.values",
    "wikibio.dumps",
    "wikibio.references",
    "wikibio.infobox",
    "wikibio.sections",
    "wikibio.templates",
    "wikibio.links",
    "wikibio.records",
    "wikibio.sources",
    "wikibio.errors",
    "wikibio.diagnostics",
    # Hypothesis strategies: documented as soon as the module exists.
    *(["wikibio.strategies"] if importlib.util.find_spec("wikibio.strategies") else []),
)

#: Packages a plain ``import wikibio`` must not load: optional, and slow to import.
HEAVY = ("hypothesis", "dask", "distributed", "pyarrow")


def _isort_key(name: str) -> tuple[int, str]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical."""
    if name.isupper():
        return 0, name
    return (1 if name[0].isupper() else 2), name


def _defined_in_wikibio(obj: object) -> bool:
    return (inspect.isclass(obj) or inspect.isfunction(obj)) and (
        getattr(obj, "__module__", "") or ""
    ).startswith("wikibio")


def _public_members(cls: type) -> list[tuple[str, object]]:
    """The class's own public methods and properties, unwrapped to their functions."""
    found: list[tuple[str, object]] = []
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            found.append((name, member.fget))
        elif isinstance(member, classmethod | staticmethod):
            found.append((name, member.__func__))
        elif inspect.isfunction(member):
            found.append((name, member))
    return found


FACADE_OBJECTS = [
    name for name in wikibio.__all__ if _defined_in_wikibio(getattr(wikibio, name, None))
]


def test_all_is_sorted() -> None:
    """``wikibio.__all__`` is sorted as ruff sorts it: constants, classes, functions."""
    assert sorted(wikibio.__all__, key=_isort_key) == wikibio.__all__


def test_all_has_no_duplicates() -> None:
    """Each name is exported once."""
    assert len(set(wikibio.__all__)) == len(wikibio.__all__)


@pytest.mark.parametrize("name", wikibio.__all__)
def test_every_exported_name_exists(name: str) -> None:
    """Every name in ``__all__`` is an attribute of the package."""
    assert hasattr(wikibio, name)


def test_facade_is_complete() -> None:
    """Every public class or function the package's namespace holds is in ``__all__``."""
    public = {
        name
        for name, obj in vars(wikibio).items()
        if not name.startswith("_") and _defined_in_wikibio(obj)
    }

    assert set() == public - set(wikibio.__all__)


@pytest.mark.parametrize("name", FACADE_OBJECTS)
def test_facade_objects_have_docstrings(name: str) -> None:
    """Every exported class and function, and each public method of a class, says what it does."""
    obj = getattr(wikibio, name)
    undocumented = [name] if not (obj.__doc__ or "").strip() else []
    if inspect.isclass(obj):
        undocumented += [
            f"{name}.{member}"
            for member, function in _public_members(obj)
            if not (getattr(function, "__doc__", None) or "").strip()
        ]

    assert [] == undocumented


def _directives() -> set[str]:
    return set(re.findall(r"^::: ([\w.]+)\s*$", API_PAGE.read_text("utf-8"), re.MULTILINE))


@pytest.mark.parametrize("name", wikibio.__all__)
def test_every_exported_name_is_in_the_api_reference(name: str) -> None:
    """``docs/api.md`` renders every name of the facade with its own directive."""
    assert f"wikibio.{name}" in _directives()


@pytest.mark.parametrize("module", DOCUMENTED_MODULES)
def test_public_modules_are_in_the_api_reference(module: str) -> None:
    """``docs/api.md`` renders each public module (names the facade exports are shown there)."""
    assert module in _directives()


def test_package_is_typed() -> None:
    """The package ships the ``py.typed`` marker (PEP 561), so type checkers read its hints."""
    assert (Path(wikibio.__file__).parent / "py.typed").is_file()


def test_import_does_not_load_optional_packages() -> None:
    """``import wikibio`` loads neither Hypothesis nor Dask: they are optional and slow."""
    probe = (
        "import sys, wikibio; "
        f"print(sorted({{m.partition('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )

    assert "[]" == result.stdout.strip()

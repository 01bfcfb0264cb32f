"""The compiled build (``setup.py``): which modules mypyc may compile, and that it did.

mypyc compiles the reading core to C. Two of its rules shape what may be listed:

* it compares instances of a class defined in a compiled module by identity unless it knows the
  class defines ``__eq__``, and it does not know that of attrs' ``@frozen``/``@define`` classes
  (only of ``@dataclass`` and ``@attr.s``), so ``Field("a", "1") == Field("a", "1")`` would be
  ``False`` there: compiled modules define no attrs classes (their users may be compiled);
* it checks each call's result against its static type, and attrs types ``field(default=x)``
  as ``x``'s type while the call returns attrs' marker, which the check rejects — the same
  modules, again.

The scanner's nodes are marked ``acyclic`` for mypyc (``wikibio.syntax.scan``): compiled,
the cyclic garbage collector does not track them.

``make test-compiled`` runs this whole suite against the installed compiled wheel.
"""

from __future__ import annotations

import gc
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = ROOT / "setup.py"

#: A class decorator that makes a class mypyc cannot compare (see the module's docstring).
_CLASS_MAKERS = re.compile(r"^@(?:frozen|define|mutable|attrs?\.\w+|dataclass)\b", re.MULTILINE)


def _compiled() -> list[str]:
    return re.findall(r'"(src/wikibio/[\w/]+\.py)"', SETUP.read_text(encoding="utf-8"))


def _module_name(path: str) -> str:
    return path.removeprefix("src/").removesuffix(".py").replace("/", ".").removesuffix(".__init__")


def test_setup_lists_existing_modules() -> None:
    """Every module ``setup.py`` compiles exists, and none twice."""
    paths = _compiled()
    assert len(paths) >= 10
    assert len(set(paths)) == len(paths)
    assert [] == [path for path in paths if not (ROOT / path).is_file()]


@pytest.mark.parametrize("path", _compiled())
def test_compiled_modules_define_no_attrs_classes(path: str) -> None:
    """A compiled module defines no attrs (or dataclass) classes: mypyc would compare them by
    identity."""
    source = (ROOT / path).read_text(encoding="utf-8")
    assert [] == _CLASS_MAKERS.findall(source)


def test_compiled_build_is_all_or_nothing() -> None:
    """Installed from a compiled wheel, every listed module is an extension; from the source
    (an editable install) none is."""
    kinds = {
        (importlib.import_module(_module_name(path)).__file__ or "").endswith(".so")
        for path in _compiled()
    }
    assert 1 == len(kinds)


def test_compiled_scan_nodes_are_untracked() -> None:
    """Compiled, the scan's nodes are not the collector's to walk; pure Python, they are."""
    from wikibio.syntax import scan

    result = scan.scan("{{a|b=<!-- c -->}}<ref>d</ref>\n== e ==\n")
    nodes = [result, *result.children, *result.children[0].parts]  # type: ignore[attr-defined]
    compiled = (scan.__file__ or "").endswith(".so")
    assert [not compiled] * len(nodes) == [gc.is_tracked(node) for node in nodes]


def test_deep_trees_are_freed_safely() -> None:
    """Trees nested far deeper than CPython's trashcan limit (50) are freed without harm.

    mypyc wraps an acyclic class's deallocation in the trashcan, which defers deep frees by
    writing into a GC header those objects do not have; ``setup.py`` builds them without
    it. With it, this corrupted the heap (a segmentation fault within these rounds).
    """
    import wikibio
    from wikibio.syntax import scan

    for _ in range(20):
        tree = scan.scan("{{a|" * 3000 + "}}" * 3000)
        del tree
        article = wikibio.parse("{{efn|" * 3000)
        article.to_text()
        del article
    junk = [[index] for index in range(100_000)]
    gc.collect()
    assert 100_000 == len(junk)

"""Build wikibio's reading core as compiled modules (mypyc), with pure Python as the fallback.

Everything else about the package is declared in ``pyproject.toml``; this file only adds the
extension modules. The modules listed in ``COMPILED`` are the ones a page's reads run through
(the scanner and inline parsing, the page, values, CS1 and the Cite stack, the one walk, the
reading view). mypyc compiles their ``.py`` source, already ``mypy --strict`` clean, to C; the
same ``.py`` files ship beside the extensions, and Python imports the extension when there is
one. A compiled module defines no attrs classes: mypyc would compare their instances by
identity (``tests/test_compiled.py`` checks the list and says why).

``WIKIBIO_COMPILE`` chooses:

* unset — compile, except for an editable install (``pip install -e``), where edits to the
  source must take effect without a rebuild;
* ``1`` — compile, editable installs included;
* ``0`` — pure Python.

Each extension is optional: where no C compiler is found the build warns and installs the pure
Python package, which gives the same results more slowly (``docs/install.md``).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from setuptools import setup

#: The modules compiled, as paths from this directory.
COMPILED = [
    "src/wikibio/syntax/scan.py",
    "src/wikibio/syntax/chars.py",
    "src/wikibio/syntax/inline.py",
    "src/wikibio/syntax/names.py",
    "src/wikibio/syntax/calls.py",
    "src/wikibio/syntax/attributes.py",
    "src/wikibio/page.py",
    "src/wikibio/values/__init__.py",
    "src/wikibio/values/convert.py",
    "src/wikibio/values/written.py",
    "src/wikibio/citations/params.py",
    "src/wikibio/citations/dates.py",
    "src/wikibio/citations/localised.py",
    "src/wikibio/citations/read.py",
    "src/wikibio/citations/render.py",
    "src/wikibio/references/cite.py",
    "src/wikibio/analysis.py",
    "src/wikibio/render/runs.py",
    "src/wikibio/render/tree.py",
    "src/wikibio/render/text.py",
    "src/wikibio/render/plain.py",
    "src/wikibio/render/markdown.py",
    "src/wikibio/render/expanded.py",
    "src/wikibio/record_fields.py",
]


#: setuptools commands that build the package; the others (metadata, sdist) need no C.
_BUILDS = frozenset({"bdist_wheel", "build", "build_ext", "install"})


def _wanted() -> bool:
    """Whether this build compiles (see the module's docstring)."""
    choice = os.environ.get("WIKIBIO_COMPILE", "")
    if choice not in ("", "0", "1"):
        raise SystemExit(f"WIKIBIO_COMPILE is {choice!r}; use 1 (compile) or 0 (pure Python)")
    if choice == "0":
        return False
    if "editable_wheel" in sys.argv:
        return choice == "1"
    return not _BUILDS.isdisjoint(sys.argv)


def _extensions() -> list[object]:
    if not _wanted():
        return []
    from mypyc.build import mypycify

    extensions = mypycify(COMPILED, opt_level="3", group_name="wikibio", target_dir="build/mypyc")
    for extension in extensions:
        extension.optional = True  # no C compiler: warn, and install the pure Python package
    for path in {Path(source) for extension in extensions for source in extension.sources}:
        if path.suffix == ".c" and not _acyclic_without_trashcan(path):
            print(f"wikibio: {path} frees acyclic objects unsafely; building pure Python")
            return []
    return list(extensions)


# --- acyclic classes and CPython's trashcan ----------------------------------------------
#
# The scanner's nodes are ``@mypyc_attr(acyclic=True)`` (``wikibio.syntax.scan``): their
# instances carry no GC header and the collector never walks them. mypyc (2.4 at least)
# still wraps their deallocation in CPython's trashcan (``Py_TRASHCAN_BEGIN``), which past
# 50 nested deallocations defers an object by writing into its GC header: into memory before
# an acyclic object, so freeing a tree nested more than 50 deep corrupted the heap
# (``tests/test_compiled.py`` frees one 3,000 deep). The trashcan is there to bound the C
# stack, and every node reaches the next one through a list, whose own deallocation keeps
# it; so the C mypyc generates is rewritten here, before it is compiled, without those two
# lines in the deallocation of acyclic classes (those that do not untrack themselves), then
# checked. mypyc itself is compiled, so its code generator cannot be patched instead.


def _functions(lines: list[str]) -> Iterator[tuple[int, int]]:
    """The line ranges ``[start, end)`` of the deallocation functions mypyc generated."""
    index = 0
    while index < len(lines) - 1:
        if _DEALLOC.fullmatch(lines[index].strip()) and lines[index + 1].strip() == "{":
            depth, end = 0, index + 1
            while end < len(lines):
                depth += lines[end].count("{") - lines[end].count("}")
                end += 1
                if depth == 0:
                    break
            yield index, end
            index = end
        else:
            index += 1


#: The first line of a generated deallocation function.
_DEALLOC = re.compile(r"\w+_dealloc\(\w+ \*self\)")
_TRASHCAN = ("CPy_TRASHCAN_BEGIN(self,", "CPy_TRASHCAN_END(self)")


def _acyclic_without_trashcan(path: Path) -> bool:
    """Rewrite the C source at ``path`` so acyclic classes free without the trashcan;
    whether none uses it afterwards."""
    lines = path.read_text(encoding="utf-8").split("\n")
    drop: set[int] = set()
    for start, end in _functions(lines):
        body = [line.strip() for line in lines[start:end]]
        if "PyObject_GC_UnTrack(self);" not in body:
            drop.update(start + at for at, line in enumerate(body) if line.startswith(_TRASHCAN))
    if drop:
        kept = [line for index, line in enumerate(lines) if index not in drop]
        path.write_text("\n".join(kept), encoding="utf-8")
        lines = kept
    return not any(
        "PyObject_GC_UnTrack(self);" not in body and any("TRASHCAN" in line for line in body)
        for body in ([line.strip() for line in lines[a:b]] for a, b in _functions(lines))
    )


setup(ext_modules=_extensions())

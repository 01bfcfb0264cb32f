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
import sys

from setuptools import setup

#: The modules compiled, as paths from this directory.
COMPILED = [
    "src/wikibio/syntax/scan.py",
    "src/wikibio/syntax/inline.py",
    "src/wikibio/syntax/names.py",
    "src/wikibio/syntax/attributes.py",
    "src/wikibio/page.py",
    "src/wikibio/values/__init__.py",
    "src/wikibio/values/convert.py",
    "src/wikibio/citations/params.py",
    "src/wikibio/citations/dates.py",
    "src/wikibio/citations/localised.py",
    "src/wikibio/citations/read.py",
    "src/wikibio/citations/render.py",
    "src/wikibio/references/cite.py",
    "src/wikibio/analysis.py",
    "src/wikibio/render/tree.py",
    "src/wikibio/render/text.py",
    "src/wikibio/render/plain.py",
    "src/wikibio/render/markdown.py",
    "src/wikibio/render/expanded.py",
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
    return list(extensions)


setup(ext_modules=_extensions())

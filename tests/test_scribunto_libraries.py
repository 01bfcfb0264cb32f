"""mw.ustring, mw.text and mw.html: Scribunto's own suites and real-world uses.

The suites (``../shared/conformance/scribunto/lua/{Ustring,Text,Html}LibraryTests.lua``)
run case by case through TestFramework.lua in a bare Lua 5.1 state holding only these
three libraries (``tests/scribunto_standalone.py``); a case passes when the formatted
result equals the formatted expectation, as Scribunto's PHP runner asserts.  Known
failures are strict xfails with their cause, so a fix shows up.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Any

import pytest

from tests.conftest import needs_shared
from tests.scribunto_standalone import LIBRARY_SUITES, SUITES_DIR

needs_lupa = pytest.mark.skipif(
    importlib.util.find_spec("lupa") is None,
    reason="lupa is not installed: the Lua libraries need the 'lua' extra "
    "(pip install 'wikibio[lua]')",
)

#: (suite file, case number) → why Scribunto's expectation is not met.
KNOWN_FAILURES: dict[tuple[str, int], str] = {}

_MARKS = {
    "ustring": pytest.mark.conformance_scribunto_ustring,
    "text": pytest.mark.conformance_scribunto_text,
    "html": pytest.mark.conformance_scribunto_html,
}


@functools.cache
def _standalone() -> Any:
    from tests.scribunto_standalone import Standalone

    return Standalone()


@functools.cache
def _suite(filename: str) -> list[tuple[str, str, str | None, str | None]]:
    return _standalone().suite(filename)  # type: ignore[no-any-return]


def _case_params() -> list[Any]:
    """One parameter per case; the count comes from the suite files themselves."""
    params: list[Any] = []
    for filename, library in LIBRARY_SUITES.items():
        path = SUITES_DIR / filename
        count = path.read_text("utf-8").count("\t{ name =") if path.exists() else 0
        for n in range(1, count + 1):
            marks = [_MARKS[library]]
            reason = KNOWN_FAILURES.get((filename, n))
            if reason is not None:
                marks.append(pytest.mark.xfail(reason=reason, strict=True))
            params.append(pytest.param(filename, n, id=f"{library}-{n:03d}", marks=marks))
    return params


@needs_lupa
@needs_shared(SUITES_DIR)
def test_suite_sizes_are_the_case_counts() -> None:
    """The parameter table covers every case each provider reports."""
    for filename in LIBRARY_SUITES:
        text = (SUITES_DIR / filename).read_text("utf-8")
        assert text.count("\t{ name =") == len(_suite(filename)), filename


@needs_lupa
@needs_shared(SUITES_DIR)
@pytest.mark.parametrize(("filename", "n"), _case_params())
def test_scribunto_library_case(filename: str, n: int) -> None:
    """A case of Scribunto's suite gives exactly the formatted expectation."""
    name, expected, got, skip = _suite(filename)[n - 1]
    if skip is not None:
        pytest.skip(f"{name}: {skip}")
    assert expected == got, name

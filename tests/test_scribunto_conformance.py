"""Scribunto's Lua library suites run through wikibio's runtime, pass rate per library.

Each case of ``shared/conformance/scribunto/lua/*Tests.lua`` is one test: the string
``run(n)`` gives (``func(unpack(args))`` formatted by TestFramework.lua) must equal the
formatted expectation ``provide(n)`` gives, as Scribunto's own PHP runner asserts.  The
cases are listed by running each suite's provider once at collection.  Known failures
are strict xfails with their reason; a case the suite skips itself is skipped.
"""

from __future__ import annotations

from functools import cache

import pytest

from tests.conftest import needs_shared
from tests.scribunto_suites import SUITES, SUITES_DIR, SuiteRunner
from wikibio.scribunto import available

PREPROCESSOR_NOWIKI = (
    "a nowiki strip marker made while preprocessing keeps its original text "
    "('<nowiki>…</nowiki>') for mw.text.unstrip and for unstripNoWiki(s, true); "
    "wikibio's expander keeps one kind of nowiki marker, whose unstrip gives the inner text "
    "as on a parsed page"
)
LANGUAGE_DATA = (
    "needs MediaWiki's per-language data (Kara-Kalpak, Persian, Russian: names, digits, "
    "separators, month names, grammar, fallback chains); wikibio formats in English"
)
PROTECTION = "needs page protection data, which a dump does not carry"
MESSAGES = "needs MediaWiki's interface messages in other languages (Russian mainpage)"
FRAGMENT_MODE = (
    "expects the legacy anchor encoding ($wgFragmentMode legacy); wikibio encodes "
    "anchors as Wikipedia does (html5)"
)

#: Known failures: (library, case name) → reason.
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("text", "unstrip (pp-nowiki)"): PREPROCESSOR_NOWIKI,
    ("text", "unstripNoWiki (pp-nowiki-original)"): PREPROCESSOR_NOWIKI,
    ("title", ".protectionLevels"): PROTECTION,
    ("title", ".cascadingProtection"): PROTECTION,
    ("uri", "uri.anchorEncode"): FRAGMENT_MODE,
    ("message", "inLanguage"): MESSAGES,
    **{
        ("language", name): LANGUAGE_DATA
        for name in (
            "fetchLanguageName (en,ru)",
            "fetchLanguageNames ()",
            "fetchLanguageNames (de)",
            "fetchLanguageNames ([[bogus]])",
            "getFallbacksFor (en-gb, strict)",
            "lang:getFallbackLanguages",
            "lang:getFallbackLanguages (strict)",
            "lang:formatNum",
            "lang:formatDate",
            "lang:formatDuration",
            "lang:formatDuration (hours and minutes)",
            "lang:convertGrammar (ru)",
            "lang:grammar (ru)",
            "lang:getDurationIntervals",
            "lang:getDurationIntervals (hours and minutes)",
        )
    },
}


@cache
def _runner(suite: str) -> SuiteRunner:
    return SuiteRunner(suite)


def _params() -> list[object]:
    if not SUITES_DIR.exists():
        return [pytest.param(None, None, 0, id="absent", marks=needs_shared(SUITES_DIR))]
    if not available():
        return [
            pytest.param(
                None,
                None,
                0,
                id="no-lua",
                marks=pytest.mark.skip(
                    reason="the Lua runtime needs lupa: pip install 'wikibio[lua]'"
                ),
            )
        ]
    params: list[object] = []
    for suite, library in SUITES.items():
        runner = _runner(suite)
        mark = getattr(pytest.mark, f"conformance_scribunto_{library}")
        seen: dict[str, int] = {}
        for n, name in enumerate(runner.names(), start=1):
            seen[name] = seen.get(name, 0) + 1
            ident = name if seen[name] == 1 else f"{name} ({seen[name]})"
            marks = [mark]
            reason = KNOWN_FAILURES.get((library, name))
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            params.append(pytest.param(suite, library, n, id=f"{library}:{ident}", marks=marks))
    return params


@pytest.mark.parametrize(("suite", "library", "n"), _params())
def test_scribunto_library_case(suite: str, library: str, n: int) -> None:
    """The case's result, formatted as Scribunto formats it, equals its expectation."""
    name, expected, got, skip = _runner(suite).case(n)
    if skip is not None:
        pytest.skip(f"{library}: {name}: the suite skips it ({skip})")
    assert expected == got

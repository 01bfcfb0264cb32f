"""MediaWiki's own parser tests of template expansion, run through ``wikibio.expand``.

The cases (``shared/conformance/expansion/cases.json``) come from MediaWiki core, the
ParserFunctions extension and Scribunto; each gives wikitext, the pages it transcludes
and the HTML MediaWiki renders.  wikibio's ``expand`` returns wikitext, so the test
compares what a reader sees: both sides reduced to visible text (``expansion_text``),
whitespace ignored.  The environment is the parser tests' own: title "Parser test",
clock 1970-01-01T00:02:03Z, server ``http://example.org`` with ``/index.php``, and every
article of the case's test file present (upstream, all of a file's articles exist while
its tests run), pooled from the shared cases.

Kinds other than ``expand`` are skipped, each with its reason: ``expand-special-output``
compares output beyond the body (categories, language links, indicators, the title);
``skip-pst``/``skip-msg``/``skip-preload``/``skip-section``/``skip-replace`` exercise
pre-save transform, interface messages, preloading and section editing, not page
expansion; ``skip-disabled`` tests are disabled upstream; ``skip-parsoid-only`` and
``skip-no-html`` have no legacy-parser HTML to compare; ``skip-comment`` tests are
commented out upstream.  Known failures are strict xfails with their reason.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from tests.conftest import CONFORMANCE
from tests.expansion_text import html_text, wikitext_text
from wikibio.expand import expand_with_diagnostics
from wikibio.site.expansion import ExpansionSite

SUITE = CONFORMANCE / "expansion" / "cases.json"
DATA: dict[str, Any] = json.loads(SUITE.read_text("utf-8")) if SUITE.exists() else {"cases": []}
CASES: list[dict[str, Any]] = DATA["cases"]

CLOCK = datetime.datetime(1970, 1, 1, 0, 2, 3, tzinfo=datetime.UTC)
SITE = ExpansionSite.from_names(
    sitename="MediaWiki",
    server="http://example.org",
    article_path="/wiki/$1",
    script="/index.php",
    subpages=(0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 15, 828, 829),
    string_functions=True,
)

#: Every article text the shared cases carry, per test file.
ARTICLES: dict[str, dict[str, str]] = {}
for _case in CASES:
    ARTICLES.setdefault(_case["file"], {}).update(_case["articles"])

SKIP_REASONS: dict[str, str] = {
    "expand-special-output": "compares output beyond the page body (categories, language "
    "links, indicators, display title), which expansion does not produce",
    "skip-pst": "tests the pre-save transform (subst:, ~~~~), not page expansion",
    "skip-msg": "tests interface-message parsing, not page expansion",
    "skip-preload": "tests preloading, not page expansion",
    "skip-section": "tests section extraction for editing",
    "skip-replace": "tests section replacement for editing",
    "skip-disabled": "disabled upstream",
    "skip-parsoid-only": "has only Parsoid HTML, no legacy-parser output to compare",
    "skip-no-html": "has no HTML expectation (metadata only)",
    "skip-comment": "commented out upstream",
}

SUITES = {
    "core": pytest.mark.conformance_expansion_core,
    "ParserFunctions": pytest.mark.conformance_expansion_parserfunctions,
    "Scribunto": pytest.mark.conformance_expansion_scribunto,
}

#: Known failures by case id, each with the reason (strict: a fix shows up as XPASS).
KNOWN_FAILURES: dict[str, str] = {}


def _reason(case: dict[str, Any]) -> str | None:
    """Why a case is a known failure, or None."""
    if case["file"].startswith("Scribunto:"):
        return "runs Lua modules (#invoke): the Scribunto runtime is issue 13"
    return KNOWN_FAILURES.get(case["id"])


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks: list[pytest.MarkDecorator] = [SUITES[case["file"].split(":", 1)[0]]]
        if case["kind"] != "expand":
            marks.append(pytest.mark.skip(reason=SKIP_REASONS[case["kind"]]))
        else:
            reason = _reason(case)
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def expand_case(case: dict[str, Any]) -> str:
    """The case's wikitext expanded in the parser tests' environment."""
    articles = {**ARTICLES.get(case["file"], {}), **case["articles"]}
    title = case["options"].get("title") or "Parser test"
    return expand_with_diagnostics(
        case["wikitext"], title=title, templates=articles, clock=CLOCK, site=SITE
    ).text


def _squeeze(text: str) -> str:
    return "".join(text.split())


pytestmark = pytest.mark.skipif(
    not CASES, reason=f"{SUITE} is absent (shared conformance material sits beside the project)"
)


@pytest.mark.parametrize("case", _params())
def test_expansion_case(case: dict[str, Any]) -> None:
    """The expansion shows the reader the same text MediaWiki's HTML shows."""
    expected = html_text(case["expected_html"] or "")
    actual = wikitext_text(expand_case(case))
    assert _squeeze(expected) == _squeeze(actual), (expected, actual)

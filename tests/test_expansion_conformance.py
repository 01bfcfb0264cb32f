"""MediaWiki's own parser tests of template expansion, run through ``wikibio.expand``.

The cases (``shared/conformance/expansion/cases.json``) come from MediaWiki core, the
ParserFunctions extension and Scribunto; each gives wikitext, the pages it transcludes
and the HTML MediaWiki renders.  wikibio's ``expand`` returns wikitext, so the test
compares what a reader sees: both sides reduced to visible text (``expansion_text``), runs
of whitespace collapsed to one space.  The environment is the parser tests' own: title
"Parser test", clock 1970-01-01T00:02:03Z, server ``http://example.org`` with
``/index.php``, and every article of the case's test file present (upstream, all of a
file's articles exist while its tests run), pooled from the shared cases.

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
import re
from typing import Any

import pytest
from attrs import evolve

from tests.conftest import CONFORMANCE
from tests.expansion_text import html_text, wikitext_text
from wikibio.expand import ExpansionResult
from wikibio.scribunto import available as lua_available
from wikibio.scribunto import expand_with_diagnostics
from wikibio.site.expansion import MAX_INCLUDE_SIZE, MAX_TEMPLATE_DEPTH, ExpansionSite

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

# Reasons for known failures, one per cause.
HOOKS = "needs the parser-test-only tag or function hooks (spantag, divtag, #divtag, …)"
CONFIG = "needs a $wg setting the expander does not model (fragment mode, user language, …)"
LANGUAGE = (
    "runs with a content or user language other than English or with language variants: "
    "localised namespaces, magic words, case rules and the language converter's output"
)
MEDIA = "galleries and image captions with links: rendering the reduction does not model"
RENDER = (
    "the difference is in rendering (table cells, links, definition lists), which the "
    "visible-text reduction of expanded wikitext does not model"
)
LANGUAGE_NAMES = "needs MediaWiki's language-name and BCP-47 tables (Names.php)"
MESSAGES = "needs the wiki's interface messages (int:, MediaWiki: pages)"
PRE = 'the expected HTML renders <pre format="wikitext"> bodies, a rendering rule'
UNMODELLED_FUNCTION = "a parser function wikibio does not implement yet (#interwikilink)"
SITE_STATS = (
    "needs the wiki's statistics and page metadata (NUMBEROFFILES, PAGEID, PAGESINCATEGORY)"
)
SPECIAL = "transcluding special pages and their canonical names is not modelled"
TIME_LANGUAGE = "#time/#timef in a language other than English needs its month and day names"
FILES = "needs the wiki's file repository (#ifexist on a Media: title)"
LANGCONV = "the language converter (-{ }-) is rendering, not expansion"

#: Known failures by case id, each with the reason (strict: a fix shows up as XPASS).
KNOWN_FAILURES: dict[str, str] = {
    "core:tests/parser/catAndLangLinks.txt#PAGESINCATEGORY invalid title fatal (r33546 fix)": SITE_STATS,  # noqa: E501
    "core:tests/parser/definitionLists.txt#colons occurring in tags": RENDER,
    "core:tests/parser/extLinks.txt#Extlink with templated url terminating chars": HOOKS,
    "core:tests/parser/headings.txt#HTML5 ids: fallback to legacy": CONFIG,
    "core:tests/parser/interwikiLinks.txt#{{#interwikilink}} parser function as a means to force an interwiki link (T363538)": UNMODELLED_FUNCTION,  # noqa: E501
    "core:tests/parser/langParserTests.txt#Simple template in language variants": LANGUAGE,
    "core:tests/parser/langParserTests.txt#Template with explicit namespace in language variants": LANGUAGE,  # noqa: E501
    "core:tests/parser/langParserTests.txt#Basic test for template parameter in language variants": LANGUAGE,  # noqa: E501
    "core:tests/parser/langParserTests.txt#Templates inside raw output of variant escape tags (R flag)": LANGUAGE,  # noqa: E501
    "core:tests/parser/langParserTests.txt#Language converter tricky html2wt cases (4)": LANGUAGE,
    "core:tests/parser/magicWords.txt#Magic Word: {{NUMBEROFFILES}}": SITE_STATS,
    "core:tests/parser/magicWords.txt#Parser functions with interwiki titles (T355706)": SITE_STATS,
    "core:tests/parser/magicWords.txt#Magic Word: {{PAGELANGUAGE}}": LANGUAGE,
    "core:tests/parser/magicWords.txt#Magic Word: {{USERLANGUAGE}} enabled": CONFIG,
    "core:tests/parser/media.txt#Image with multiple attributes from the same template": MEDIA,
    "core:tests/parser/media.txt#Template with thumb image (with link in description)": MEDIA,
    "core:tests/parser/media.txt#Gallery with template inside caption": MEDIA,
    "core:tests/parser/media.txt#Gallery with wikitext inside gallery caption": MEDIA,
    "core:tests/parser/media.txt#Gallery with wikitext inside caption": MEDIA,
    "core:tests/parser/media.txt#Don't break gallery if language converter markup is inside.": LANGUAGE,  # noqa: E501
    "core:tests/parser/parserTests.txt#Parsoid: pipe in transclusion parameter": RENDER,
    "core:tests/parser/parserTests.txt#Broken templates": RENDER,
    "core:tests/parser/parserTests.txt#Namespace (lang=de) Benutzer {{ns:User}}": LANGUAGE,
    "core:tests/parser/parserTests.txt#Template from non-includable namespace": CONFIG,
    "core:tests/parser/parserTests.txt#int keyword": MESSAGES,
    "core:tests/parser/parserTests.txt#Template nested in extension tag in template": LANGUAGE,
    "core:tests/parser/parserTests.txt#Special page transclusion": SPECIAL,
    "core:tests/parser/parserTests.txt#Nested special page transclusion": SPECIAL,
    "core:tests/parser/parserTests.txt#Transclusion of default MediaWiki message": MESSAGES,
    "core:tests/parser/parserTests.txt#Transclusion of MediaWiki message with underscore": MESSAGES,
    "core:tests/parser/parserTests.txt#anchorencode (legacy)": CONFIG,
    "core:tests/parser/parserTests.txt#anchorencode encodes like the TOC generator: (T20431) (legacy)": CONFIG,  # noqa: E501
    "core:tests/parser/parserTests.txt#Case insensitivity of parser functions for non-ASCII characters (T10143)": LANGUAGE,  # noqa: E501
    "core:tests/parser/parserTests.txt#formatdate: dots in month name do not match any char (T220563)": LANGUAGE,  # noqa: E501
    "core:tests/parser/parserTests.txt#formatdate uses correct capitalisation in French": LANGUAGE,
    "core:tests/parser/parserTests.txt#T33098 Template which includes system messages which includes the template": MESSAGES,  # noqa: E501
    "core:tests/parser/parserTests.txt#T33490 Turkish: ucfirst 'ix'": LANGUAGE,
    "core:tests/parser/parserTests.txt#T33490 Turkish: ucfırst (with a dotless i)": LANGUAGE,  # noqa: RUF001
    "core:tests/parser/parserTests.txt#T34057: Title needed when expanding <h> nodes.": MESSAGES,
    "core:tests/parser/parserTests.txt#Check bn lossless in formatNum": LANGUAGE,
    "core:tests/parser/parserTests.txt#Language parser function (bcp-47 codes)": LANGUAGE_NAMES,
    "core:tests/parser/parserTests.txt#Language parser function (target language, non-autonym)": LANGUAGE,  # noqa: E501
    "core:tests/parser/parserTests.txt#Language parser function (Japanese localization, double-wide hash & double-wide colon)": LANGUAGE,  # noqa: E501
    "core:tests/parser/parserTests.txt#Bcp47 parser function (valid codes)": LANGUAGE_NAMES,
    "core:tests/parser/parserTests.txt#Bcp47 parser function (target language)": LANGUAGE,
    "core:tests/parser/parserTests.txt#Special parser function": SPECIAL,
    "core:tests/parser/parserTests.txt#Empty TD followed by TD with tpl-generated attribute": RENDER,  # noqa: E501
    "core:tests/parser/parserTests.txt#Extension returning multiple nodes starting with a style tag roundtrips": HOOKS,  # noqa: E501
    "core:tests/parser/parserTests.txt#Parser function contents using isRawHTML flag": LANGUAGE,
    "core:tests/parser/parserTests.txt#Handling of nested nowiki strip markers in Parsoid fragments (1)": HOOKS,  # noqa: E501
    "core:tests/parser/parserTests.txt#Handling of nested nowiki strip markers in Parsoid fragments (2)": HOOKS,  # noqa: E501
    "core:tests/parser/parserTests.txt#Handling of nowiki strip markers in {{#tag}}/legacy extensions (T432547)": HOOKS,  # noqa: E501
    "core:tests/parser/parserTests.txt#Nested extension tag using the #tag parser function": CONFIG,
    "core:tests/parser/preTags.txt#Template pre: Quotes": PRE,
    "core:tests/parser/preTags.txt#Template pre: Table": PRE,
    "core:tests/parser/preTags.txt#Template pre: Heading": PRE,
    "core:tests/parser/preTags.txt#Template pre: Nested template": PRE,
    "core:tests/parser/preprocessor.txt#Preprocessor precedence 3: language converter is rightmost opening": LANGUAGE,  # noqa: E501
    "core:tests/parser/preprocessor.txt#Preprocessor precedence 10: groups of braces with leading dash": LANGUAGE,  # noqa: E501
    "core:tests/parser/preprocessor.txt#Preprocessor precedence 12: broken language converter closed by brace.": LANGCONV,  # noqa: E501
    "core:tests/parser/preprocessor.txt#Preprocessor precedence 16: matching closing braces to opening braces": LANGUAGE,  # noqa: E501
    "core:tests/parser/tables.txt#1. Template-generated table cell attributes and cell content": RENDER,  # noqa: E501
    "core:tests/parser/tables.txt#Multi-line extension tags should not interrupt table-cell parsing in the same row": HOOKS,  # noqa: E501
    "core:tests/parser/wikiLinks.txt#Non-wikilinks should not be treated as broken wikilinks": RENDER,  # noqa: E501
    "core:tests/parser/wikiLinks.txt#Wikilinks with embedded newlines are not broken": RENDER,
    "core:tests/parser/wikiLinks.txt#Plain link in template argument": RENDER,
    "core:tests/parser/wikiLinks.txt#Non extlink in wikilink": RENDER,
    "ParserFunctions:tests/parser/funcsParserTests.txt#Explicitly specified output language (Dutch)": TIME_LANGUAGE,  # noqa: E501
    "ParserFunctions:tests/parser/funcsParserTests.txt##timef: Japanese target language": TIME_LANGUAGE,  # noqa: E501
    "ParserFunctions:tests/parser/funcsParserTests.txt##timef: ja parameter": TIME_LANGUAGE,
    "ParserFunctions:tests/parser/funcsParserTests.txt#{{#ifexist}}": FILES,
}


def _reason(case: dict[str, Any]) -> str | None:
    """Why a case is a known failure, or None."""
    return KNOWN_FAILURES.get(case["id"])


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks: list[pytest.MarkDecorator] = [SUITES[case["file"].split(":", 1)[0]]]
        if case["kind"] != "expand":
            marks.append(pytest.mark.skip(reason=SKIP_REASONS[case["kind"]]))
        elif case["file"].startswith("Scribunto:") and not lua_available():
            marks.append(pytest.mark.skip(reason="runs Lua modules: install the lua extra (lupa)"))
        else:
            reason = _reason(case)
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def expand_case(case: dict[str, Any]) -> ExpansionResult:
    """The case's wikitext expanded in the parser tests' environment (with its options)."""
    articles = {**ARTICLES.get(case["file"], {}), **case["articles"]}
    options = case["options"]
    title = options.get("title") or "Parser test"
    site = evolve(
        SITE,
        max_template_depth=int(options.get("maxtemplatedepth", MAX_TEMPLATE_DEPTH)),
        max_include_size=int(options.get("maxincludesize", MAX_INCLUDE_SIZE)),
    )
    return expand_with_diagnostics(
        case["wikitext"], title=title, templates=articles, clock=CLOCK, site=site
    )


def _hidden_articles(case: dict[str, Any], result: ExpansionResult) -> list[str]:
    """Pages the case's file defines whose text only the hidden part of the suite holds."""
    defined = set(DATA["header"]["article_titles_by_file"].get(case["file"], ()))
    pooled = ARTICLES.get(case["file"], {})
    missing = []
    for diagnostic in result.diagnostics:
        if diagnostic.code in ("missing-template", "script-error"):
            m = re.search(r"no page '(.*?)'", diagnostic.message)
            module = re.search(r"no module '(.*?)'", diagnostic.message)
            title = m.group(1) if m else f"Module:{module.group(1)}" if module else ""
            if title in defined and title not in pooled and title not in missing:
                missing.append(title)
    return missing


pytestmark = pytest.mark.skipif(
    not CASES, reason=f"{SUITE} is absent (shared conformance material sits beside the project)"
)


@pytest.mark.parametrize("case", _params())
def test_expansion_case(case: dict[str, Any]) -> None:
    """The expansion shows the reader the same text MediaWiki's HTML shows."""
    result = expand_case(case)
    hidden = _hidden_articles(case, result)
    if hidden:
        pytest.skip(f"needs {', '.join(hidden)}, whose text is only in the hidden cases")
    expected = html_text(case["expected_html"] or "")
    actual = wikitext_text(result.text)
    assert expected == actual

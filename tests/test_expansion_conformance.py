"""MediaWiki's own parser tests of template expansion, run through ``wikibio.expand``.

The cases (``shared/conformance/expansion/cases.json``) come from MediaWiki core, the
ParserFunctions extension and Scribunto; each gives wikitext, the pages it transcludes
and the HTML MediaWiki renders.  wikibio's ``expand`` returns wikitext, so the test
compares what a reader sees: both sides reduced to visible text (``expansion_text``), runs
of whitespace collapsed to one space.  The environment is the parser tests' own: title
"Parser test", clock 1970-01-01T00:02:03Z, server ``http://example.org`` with
``/index.php``, every article of the case's test file present (upstream, all of a file's
articles exist while its tests run), pooled from the shared cases, the files the parser
tests upload, their site statistics and their tag hooks (``<tag>``, ``<spantag>``,
``<divtag>``).  Each case runs with the options and ``$wg`` settings it declares: content
language, user language, non-includable namespaces, fragment mode, limits.

Kinds other than ``expand`` are skipped, each with its reason: ``expand-special-output``
compares output beyond the body (categories, language links, indicators, the title);
``skip-pst``/``skip-msg``/``skip-preload``/``skip-section``/``skip-replace`` exercise
pre-save transform, interface messages, preloading and section editing, not page
expansion; ``skip-disabled`` tests are disabled upstream; ``skip-parsoid-only`` and
``skip-no-html`` have no legacy-parser HTML to compare; ``skip-comment`` tests are
commented out upstream.  A case that needs a page whose text only the hidden part of the
suite holds is skipped at run time, naming the page.  Known failures are strict xfails
with their reason.
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
from wikibio.expand import WIKITEXT_BODIES, Call, ExpansionResult, TagHook
from wikibio.expand.titles import make_title
from wikibio.scribunto import available as lua_available
from wikibio.scribunto import expand_with_diagnostics
from wikibio.site.expansion import MAX_INCLUDE_SIZE, MAX_TEMPLATE_DEPTH, ExpansionSite
from wikibio.site.languages import VARIANT_LANGUAGES

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
    # The parser tests' site statistics (the test setup's uploaded files).
    statistics={"files": 10},
)


def _var_export(value: str | dict[str, str] | None) -> str:
    """PHP's ``var_export`` of a string, NULL or a string array (the ``<tag>`` hook's dump)."""
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    items = "".join(f"  {_var_export(k)} => {_var_export(v)},\n" for k, v in value.items())
    return f"array (\n{items})"


def _dump_tag(call: Call, name: str, body: str | None, attributes: dict[str, str]) -> str:
    """The parser tests' ``<tag>``/``<tåg>``: body and attributes dumped in a ``<pre>``."""
    return f"<pre>\n{_var_export(body)}\n{_var_export(attributes)}\n</pre>"


def _wrapper_tag(call: Call, name: str, body: str | None, attributes: dict[str, str]) -> str:
    """The parser tests' transparent ``<spantag>``/``<divtag>``: the body parsed, wrapped."""
    element = "div" if name == "divtag" else "span"
    inner = "" if body is None else body if "raw" in attributes else call.preprocess(body)
    return f"<{element}>{inner}</{element}>"


#: The parser tests' own tag hooks (``ParserTestParserHook``; Parsoid's ``ParserHook``),
#: with core's renderers of tags whose body is wikitext.
TAGS: dict[str, TagHook] = {
    **WIKITEXT_BODIES,
    "tag": _dump_tag,
    "tåg": _dump_tag,
    "spantag": _wrapper_tag,
    "divtag": _wrapper_tag,
}

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
HOOKS = (
    "needs a parser-test-only hook whose legacy behaviour no fetchable source documents "
    "(the #spantag/#divtag functions, <spantaglegacy>, <html> with $wgRawHtml)"
)
RENDER = (
    "a tag's multi-line output stays on its table row in MediaWiki (a strip marker); the "
    "line-based visible-text reduction of expanded wikitext splits the row"
)
MESSAGES = (
    "needs an interface message's default text (en.json's new-messages), which wikibio's "
    "message table does not hold"
)
SPECIAL = (
    "transcluding a special page (Special:PrefixIndex) shows the page's output, a list "
    "of pages, which expansion does not produce"
)

#: Known failures by case id, each with the reason (strict: a fix shows up as XPASS).
KNOWN_FAILURES: dict[str, str] = {
    "core:tests/parser/parserTests.txt#int keyword": MESSAGES,
    "core:tests/parser/parserTests.txt#Special page transclusion": SPECIAL,
    "core:tests/parser/parserTests.txt#Nested special page transclusion": SPECIAL,
    "core:tests/parser/parserTests.txt#Extension returning multiple nodes starting with a style tag roundtrips": HOOKS,  # noqa: E501
    "core:tests/parser/parserTests.txt#Parser function contents using isRawHTML flag": HOOKS,
    "core:tests/parser/parserTests.txt#Handling of nested nowiki strip markers in Parsoid fragments (1)": HOOKS,  # noqa: E501
    "core:tests/parser/parserTests.txt#Handling of nested nowiki strip markers in Parsoid fragments (2)": HOOKS,  # noqa: E501
    "core:tests/parser/parserTests.txt#Handling of nowiki strip markers in {{#tag}}/legacy extensions (T432547)": HOOKS,  # noqa: E501
    "core:tests/parser/tables.txt#Multi-line extension tags should not interrupt table-cell parsing in the same row": RENDER,  # noqa: E501
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


def case_site(case: dict[str, Any]) -> ExpansionSite:
    """The parser tests' site with the options and ``$wg`` settings the case declares."""
    options, config = case["options"], case.get("config") or {}
    site = evolve(
        SITE,
        max_template_depth=int(options.get("maxtemplatedepth", MAX_TEMPLATE_DEPTH)),
        max_include_size=int(options.get("maxincludesize", MAX_INCLUDE_SIZE)),
    )
    if options.get("language"):
        site = site.with_language(str(options["language"]))
    if config.get("wgParserEnableUserLanguage"):
        site = evolve(site, user_language=str(options.get("userlanguage") or site.language))
    if options.get("wgnonincludablenamespaces"):
        numbers = str(options["wgnonincludablenamespaces"]).split(",")
        site = evolve(site, nonincludable=frozenset(int(n) for n in numbers))
    modes = config.get("wgFragmentMode")
    if modes:
        site = evolve(site, fragment_mode=str(modes[0]))
    return site


#: Files the parser tests upload before they run (``ParserTestRunner::setupUploads``).
FILES = frozenset(
    f"File:{name}"
    for name in (
        "Foobar.jpg", "Thumb.png", "Foobar.svg", "Bad.jpg", "LoremIpsum.djvu", "Video.ogv",
        "Audio.oga",
    )
)  # fmt: skip


class CaseSource:
    """A case's pages, and the parser tests' uploaded files for ``#ifexist``."""

    def __init__(self, pages: dict[str, str]) -> None:
        self._pages = {_canonical(title): text for title, text in pages.items()}

    def get(self, title: str) -> str | None:
        """The page's text, or None."""
        return self._pages.get(title)

    def exists(self, title: str) -> bool:
        """Whether the page or uploaded file exists."""
        return title in self._pages or title in FILES


def expand_case(case: dict[str, Any]) -> ExpansionResult:
    """The case's wikitext expanded in the parser tests' environment (with its options)."""
    articles = {**ARTICLES.get(case["file"], {}), **case["articles"]}
    options = case["options"]
    title = options.get("title") or "Parser test"
    site = case_site(case)
    return expand_with_diagnostics(
        case["wikitext"],
        title=title,
        templates=CaseSource(articles),
        clock=CLOCK,
        site=site,
        tags=TAGS,
    )


def shown_text(case: dict[str, Any], result: ExpansionResult) -> str:
    """What a reader sees of the case's expansion (its language's converter included)."""
    language = str(case["options"].get("language") or "en").split("-", 1)[0]
    return wikitext_text(result.text, variants=language in VARIANT_LANGUAGES, files=FILES)


def _canonical(title: str) -> str:
    """A page title as the expander asks its source for it (``Template:Test``)."""
    made = make_title(title, 0, SITE)
    return title if made is None else made.canonical


def _hidden_articles(case: dict[str, Any], result: ExpansionResult) -> list[str]:
    """Pages the case's file defines whose text only the hidden part of the suite holds."""
    defined = {
        _canonical(title)
        for title in DATA["header"]["article_titles_by_file"].get(case["file"], ())
    }
    pooled = {_canonical(title) for title in ARTICLES.get(case["file"], {})}
    missing = []
    for diagnostic in result.diagnostics:
        if diagnostic.code in ("missing-template", "unknown-message", "script-error"):
            # The title and the other variants' spellings tried (languages with variants),
            # or a module #invoke could not find.
            titles = re.findall(r"(?:no page|nor) '(.*?)'", diagnostic.message)
            titles += [f"Module:{m}" for m in re.findall(r"no module '(.*?)'", diagnostic.message)]
            for title in titles:
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
    assert html_text(case["expected_html"] or "") == shown_text(case, result)

"""MediaWiki's own preprocessor test cases, run against wikibio's scanner and sections.

The cases come from MediaWiki core (``PreprocessorTest.php`` and the section tests of
``parserTests.txt``), in ``shared/conformance/preprocessor/cases.json``.  Tree cases compare
the whole tree (sections, templates and their parts, comments, tags) in the XML form the
upstream test prints; section cases compare ``getSection``/``replaceSection`` text;
preload cases compare the inclusion-mode text with ``<ignore>`` material dropped.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import wikibio
from tests.conftest import CONFORMANCE
from wikibio.syntax import scan

SUITE = CONFORMANCE / "preprocessor" / "cases.json"
CASES: list[dict[str, Any]] = json.loads(SUITE.read_text("utf-8")) if SUITE.exists() else []

#: Known failures, each with the reason (strict: a fix shows up as XPASS).
KNOWN_FAILURES: dict[str, str] = {}


def _normalize(xml: str) -> str:
    """``PreprocessorTest::normalizeXml``, applied to the expected side."""
    xml = xml.replace(" />", "/>")
    xml = re.sub(r"<([\w-]+)/>", r"<\1></\1>", xml)
    return xml.replace("<equals>", "").replace("</equals>", "")


def _params(kind: str) -> list[Any]:
    params = []
    for case in CASES:
        if case["kind"] != kind:
            continue
        marks = [pytest.mark.conformance_preprocessor]
        if case["id"] in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[case["id"]]))
        section = case["flags"].get("section")
        if isinstance(section, str) and section.startswith("T-"):
            marks.append(
                pytest.mark.xfail(
                    strict=True,
                    reason="section ids 'T-n' address sections of a transcluded template "
                    "(inclusion mode); Article models the page as viewed",
                )
            )
        params.append(pytest.param(case, id=f"{case['id']}-{case['name']}", marks=marks))
    return params


pytestmark = pytest.mark.skipif(
    not CASES, reason=f"{SUITE} is absent (shared conformance material sits beside the project)"
)


@pytest.mark.parametrize("case", _params("tree"))
def test_tree(case: dict[str, Any]) -> None:
    """The scanner builds the tree MediaWiki's preprocessor builds."""
    flags = case["flags"]
    result = scan.scan(
        case["wikitext"],
        for_inclusion=bool(flags["for_inclusion"]),
        strip_list=flags["strip_list"] or (),
        lang_conversion=flags["lang_conversion"] is not False,
    )

    assert _normalize(case["expected_xml_normalized"]) == scan.to_xml(case["wikitext"], result)


@pytest.mark.parametrize("case", _params("section"))
def test_get_section(case: dict[str, Any]) -> None:
    """``Article.get_section`` returns what MediaWiki's ``getSection`` returns."""
    article = wikibio.parse(case["wikitext"])
    section = case["flags"]["section"]
    index = int(section) if section.lstrip("-").isdigit() else -1

    assert case["expected_text"] == article.get_section(index)


@pytest.mark.parametrize("case", _params("section-replace"))
def test_replace_section(case: dict[str, Any]) -> None:
    """``Article.replace_section`` gives the page MediaWiki's ``replaceSection`` gives."""
    article = wikibio.parse(case["wikitext"])
    article.replace_section(int(case["flags"]["section"]), case["flags"]["replace_text"])

    assert case["expected_text"] == str(article)


@pytest.mark.parametrize("case", _params("preload"))
def test_preload(case: dict[str, Any]) -> None:
    """Inclusion mode: dropping ``<ignore>`` material gives MediaWiki's preload text."""
    text = case["wikitext"]
    result = scan.scan(text, for_inclusion=True)
    kept, position = [], 0
    for node in _all_nodes(result.children):
        if isinstance(node, scan.Ignore):
            kept.append(text[position : node.start])
            position = node.end
    kept.append(text[position:])

    assert case["expected_text"] == "".join(kept)


def _all_nodes(children: list[scan.Node]) -> list[scan.Node]:
    """Every node at any depth, in page order."""
    found: list[scan.Node] = []
    pending = list(reversed(children))
    while pending:
        node = pending.pop()
        found.append(node)
        if isinstance(node, scan.Template):
            for part in reversed(node.parts):
                pending.extend(reversed(part.children))
        elif isinstance(node, scan.Heading):
            pending.extend(reversed(node.children))
    return found

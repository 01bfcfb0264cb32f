"""The scan's one-step path for flat calls gives the tree the full scan gives.

Expansion scans every page and template; a call with nothing nested inside it is built in
one step (``scan._flat_template``) instead of event by event.  These tests compare both
ways on real shapes and on random text made of the pieces that matter.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikibio.syntax import scan

#: Pieces that make flat calls and everything that must leave the one-step path.
ATOMS = [
    "{{", "}}", "{", "}", "|", "=", "a", " ", "\n", "\n=", "-", "-{", "}-", "[[", "]]", "[",
    "<!--", "-->", "<ref>", "</ref>", "<noinclude>", "<onlyinclude>", "</onlyinclude>",
    "{{{", "}}}", "==", "x=y",
]  # fmt: skip

CASES = [
    "{{Row|1|v1|name=n1}}\n{{Row|2|v2|name=n2}}",
    "== {{a|b}} ==\ntext {{c|d=e|f}}",
    "{{a|b\n=c}}",
    "{{a|b\nc=d}}",
    "-{{a|b}}",
    "{{a}}}",
    "{{{{a}}}}",
    "{{a|[[b|c]]}}",
    "{{a|[b c]}}",
    "{{a|b}-c}}",
    "[[x|{{a|b}}]]",
    "{{a|<!-- c -->}}",
]


def _tree(text: str, *, for_inclusion: bool) -> tuple[str, list[tuple[int, int, bool]]]:
    """MediaWiki's XML of the tree, and each call's span and line-start flag (the XML
    does not show the flag, which decides the newline before a block result)."""
    result = scan.scan(text, for_inclusion=for_inclusion)
    calls: list[tuple[int, int, bool]] = []
    pending: list[object] = list(result.children)
    while pending:
        node = pending.pop()
        if isinstance(node, scan.Template):
            calls.append((node.start, node.end, node.line_start))
            pending.extend(child for part in node.parts for child in part.children)
        elif isinstance(node, scan.Heading):
            pending.extend(node.children)
    return scan.to_xml(text, result), sorted(calls)


def _without_one_step(text: str, *, for_inclusion: bool) -> tuple[str, list[tuple[int, int, bool]]]:
    one_step = scan._flat_template
    try:
        scan._flat_template = lambda *_: None
        return _tree(text, for_inclusion=for_inclusion)
    finally:
        scan._flat_template = one_step


@pytest.mark.parametrize("for_inclusion", [False, True])
@pytest.mark.parametrize("text", CASES)
def test_one_step_calls_agree_with_the_full_scan(text: str, for_inclusion: bool) -> None:
    expected = _without_one_step(text, for_inclusion=for_inclusion)
    assert expected == _tree(text, for_inclusion=for_inclusion)


@settings(max_examples=2000)
@given(st.lists(st.sampled_from(ATOMS), max_size=14).map("".join), st.booleans())
def test_any_text_scans_the_same(text: str, for_inclusion: bool) -> None:
    expected = _without_one_step(text, for_inclusion=for_inclusion)
    assert expected == _tree(text, for_inclusion=for_inclusion)

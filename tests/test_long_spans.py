"""Long spans read by the linear fallback give what the one-pattern reading gave.

Spans longer than ``MAX_INLINE`` are read with regular expressions instead of a parse.
The external-link step is written out so that many link openings without a ``]`` stay
linear; it must give exactly what the single pattern ``\\[(?:https?:)?//[^\\s\\]]+\\s*
([^\\]]*)\\]`` (replace each link by its label) gives.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wikibio
from wikibio.syntax import inline

#: The specification: MediaWiki's external link ``[url label]``, label up to the next ``]``.
EXTERNAL = re.compile(r"\[(?:https?:)?//[^\s\]]+\s*([^\]]*)\]")

LABELS = [
    ("labelled", "see [http://x.org the site] here", "see the site here"),
    ("bare", "[http://x.org]", ""),
    ("protocol-relative", "[//x.org a]", "a"),
    ("label holds an opening", "[http://a.b x [http://c.d y] z]", "x [http://c.d y z]"),
    ("never closed", "[http://a.b x [http://c.d y", "[http://a.b x [http://c.d y"),
    ("label over lines", "[http://a.b x\ny]", "x\ny"),
    ("no scheme", "[ftp://a.b x]", "[ftp://a.b x]"),
]


@pytest.mark.parametrize(("span", "expected"), [c[1:] for c in LABELS], ids=[c[0] for c in LABELS])
def test_external_links_read_as_labels(span: str, expected: str) -> None:
    """A link becomes its label; an opening that nothing closes stays as written."""
    assert (expected, expected) == (
        inline._external_labels(span),
        EXTERNAL.sub(lambda m: m.group(1), span),
    )


@given(st.lists(st.sampled_from(["[http://a.b ", "[//c ", "]", " x ", "\n", "[", "y"])))
def test_external_links_agree_with_the_pattern(pieces: list[str]) -> None:
    """Any mix of openings, closings and text reads as the single pattern reads it."""
    text = "".join(pieces)

    assert EXTERNAL.sub(lambda m: m.group(1), text) == inline._external_labels(text)


def test_a_heading_of_unclosed_external_links_reads() -> None:
    """8,000 unclosed external links in a heading (96 KB) read in one linear pass."""
    page = wikibio.parse("== " + "[http://a.b " * 8000 + " ==")

    assert ("[http://a.b " * 8000).strip() == page.sections[0].title

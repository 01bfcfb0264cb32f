"""Citation Style 1 examples, rendered by wikibio as ``Module:Citation/CS1`` renders them.

The examples are in ``shared/conformance/cs1/examples.json``: real renderings (``obs``)
and outputs of the module itself (``exe``), each with the page context that sets the
date format (``{{Use dmy dates}}``, ``{{Use mdy dates}}``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import CONFORMANCE
from wikibio.citations import DateFormat, find_citation

SUITE = CONFORMANCE / "cs1" / "examples.json"
EXAMPLES: list[dict[str, Any]] = json.loads(SUITE.read_text("utf-8")) if SUITE.exists() else []

#: Known failures, each with the reason (strict: a fix shows up as XPASS).
KNOWN_FAILURES: dict[str, str] = {}

pytestmark = pytest.mark.skipif(
    not EXAMPLES, reason=f"{SUITE} is absent (shared conformance material sits beside the project)"
)


def _date_format(page_context: str) -> DateFormat | None:
    """The date format a page's ``{{Use … dates}}`` template sets."""
    context = page_context.casefold()
    if "use dmy dates" in context:
        return "dmy"
    if "use mdy dates" in context:
        return "mdy"
    return None


def _params() -> list[Any]:
    params = []
    for example in EXAMPLES:
        marks = [pytest.mark.conformance_cs1]
        if example["id"] in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[example["id"]]))
        params.append(pytest.param(example, id=example["id"], marks=marks))
    return params


@pytest.mark.parametrize("example", _params())
def test_example(example: dict[str, Any]) -> None:
    """The citation renders to the text Wikipedia shows."""
    citation = find_citation(example["wikitext"])
    assert citation is not None

    actual = citation.to_text(date_format=_date_format(example["page_context"]))

    assert example["expected"] == actual

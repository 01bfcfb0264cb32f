# ruff: noqa: RUF001 - the examples are real citations, whose ranges use en dashes
"""Citation Style 1 examples, rendered by wikibio as ``Module:Citation/CS1`` renders them.

The examples are in ``shared/conformance/cs1/examples.json``: real renderings (``obs``)
and outputs of the module itself (``exe``), each with the page context that sets the
date format (``{{Use dmy dates}}``, ``{{Use mdy dates}}``).  Where Wikipedia's module has
changed since an example was taken, the example is listed in ``SUPERSEDED`` with the
evidence, and wikibio gives what Wikipedia renders now.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import CONFORMANCE
from wikibio.citations import DateFormat, find_citation

SUITE = CONFORMANCE / "cs1" / "examples.json"
EXAMPLES: list[dict[str, Any]] = json.loads(SUITE.read_text("utf-8")) if SUITE.exists() else []

#: Known failures, each with the reason (strict: a fix shows up as XPASS).
KNOWN_FAILURES: dict[str, str] = {}


@dataclass(frozen=True)
class Superseded:
    """An example whose expected text a later generation of the module changed."""

    #: The text the example expects (what the older module rendered); checked, so that a
    #: change of the shared suite is noticed here.
    was: str
    #: The text Wikipedia renders now, which wikibio gives.
    now: str
    #: Why, and where the newer rendering was seen.
    evidence: str


_JOURNAL_ORDER = (
    "Module:Citation/CS1 as run from 2024 on puts a journal's volume and issue before its "
    "publisher; the pages follow the publisher after ': '. Parsoid's HTML of en 'United "
    "States' (revision 1272790964, rendered January 2025, shared/groundtruth) shows all 8 "
    "{{cite journal}} calls with |publisher= and |volume= that way ('The Journal of American "
    "Folklore. 89 (354). American Folklore Society: 407–437.'); this example was observed in "
    "a copy of February 2024. See docs/mediawiki-rules.md."
)

#: Examples whose expectation is superseded by the module Wikipedia runs now (the ground
#: truth is what readers see): wikibio renders ``now``, and the example must still say ``was``.
SUPERSEDED: dict[str, Superseded] = {
    "obs-08": Superseded(
        was='Sloan, Nate (2021). "Taylor Swift and the Work of Songwriting". Contemporary '
        "Music Review. Routledge. 40 (1): 11–26. doi:10.1080/07494467.2021.1945226. "
        "S2CID 237695045.",
        now='Sloan, Nate (2021). "Taylor Swift and the Work of Songwriting". Contemporary '
        "Music Review. 40 (1). Routledge: 11–26. doi:10.1080/07494467.2021.1945226. "
        "S2CID 237695045.",
        evidence=_JOURNAL_ORDER,
    ),
}

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

    superseded = SUPERSEDED.get(example["id"])
    if superseded is not None:
        assert example["expected"] == superseded.was, "the shared example changed"
        assert superseded.now == actual, superseded.evidence
    else:
        assert example["expected"] == actual

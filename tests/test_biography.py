"""Biography detection: person infoboxes, person categories, a DEFAULTSORT comma."""

from __future__ import annotations

import csv

import pytest

import wikibio
from tests.conftest import CORPUS, needs_shared
from wikibio.biography import detect_biography, is_person_template, score


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("{{Infobox officeholder|name=A}}", "A", True),
        ("{{infobox Person|name=A}}", "A", True),
        ("{{Infobox football biography|name=A}}", "A", True),
        ("{{Infobox musical artist|background=solo_singer}}", "A", True),
        ("{{Infobox musical artist|Background = group_or_band}}", "The Band", False),
        ("Text.\n[[Category:Living people]]", "A", True),
        ("Text.\n[[Category:1879 births]]", "A", True),
        ("Text.\n[[Category:5th-century BC deaths]]", "A", True),
        ("Text.\n[[Category:Year of birth missing]]", "A", True),
        ("Text.\n[[Category:Rivers of France]]", "Aa River", False),
        ("{{DEFAULTSORT:Lincoln, Abraham}}", "Abraham Lincoln", True),
        ("{{DEFAULTSORT:Piech, Ferdinand}}", "Ferdinand Piëch", True),
        ("{{DEFAULTSORT:Atlas, The}}", "The Atlas (newspaper)", False),
        (
            "{{DEFAULTSORT:Prison Break Characters, List of}}",
            "List of Prison Break characters",
            False,
        ),
        ("{{Infobox settlement}}{{DEFAULTSORT:Reno, Nevada}}", "Nevada Reno", False),
        ("{{Infobox film}}\n[[Category:1999 films]]", "F", False),
    ],
    ids=[
        "officeholder",
        "redirect-case",
        "name-ends-in-biography",
        "solo-musician",
        "band",
        "living-people",
        "births",
        "century-bc-deaths",
        "year-missing",
        "river",
        "defaultsort",
        "defaultsort-accents",
        "defaultsort-article",
        "defaultsort-list",
        "defaultsort-vetoed-by-infobox",
        "film",
    ],
)
def test_detection(text: str, title: str, expected: bool) -> None:
    """Each kind of evidence, and the look-alikes that are not people."""
    assert expected == detect_biography(wikibio.parse(text, title=title)).is_biography


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Infobox scientist", True),
        ("Infobox rugby league biography", True),
        ("Persondata", True),
        ("Infobox river", False),
        ("Infobox album", False),
        ("Cite web", False),
    ],
)
def test_person_templates(name: str, expected: bool) -> None:
    """The maintained list, plus names ending in ``biography`` or ``person``."""
    assert expected == is_person_template(name)


@needs_shared(CORPUS / "MANIFEST.tsv")
def test_precision_and_recall_on_the_hand_labels() -> None:
    """Against ``is_biography`` in the corpus manifest (249 labelled pages, 48 people)."""
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as manifest:
        rows = [r for r in csv.DictReader(manifest, delimiter="\t")]
    result = score(
        (
            r["file"],
            wikibio.parse((CORPUS / r["file"]).read_text("utf-8"), title=r["title"]),
            r["is_biography"] == "yes",
        )
        for r in rows
        if r["is_biography"] in ("yes", "no")
    )

    assert result.precision >= 0.95 and result.recall >= 0.95, result

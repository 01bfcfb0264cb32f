"""Every real article of the shared corpus and every page of its dump samples round-trips."""

from __future__ import annotations

import bz2
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

import wikibio
from tests.conftest import CORPUS, EXAMPLES

ARTICLES = sorted(CORPUS.glob("**/*.wikitext")) if CORPUS.exists() else []
DUMPS = sorted(p for p in (CORPUS / "dumps").glob("*.xml*")) if CORPUS.exists() else []
OWN = sorted(EXAMPLES.glob("*.wikitext"))


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _check(text: str) -> None:
    """The invariants every parsed page keeps."""
    article = wikibio.parse(text)

    assert text == str(article)
    assert text == article.to_wikitext()
    assert text == str(article.lead) + "".join(str(s) for s in article.sections)
    assert wikibio.parse(str(article)) == article
    for template in article.templates:
        assert str(template).startswith("{{") and str(template).endswith("}}")
    for reference in article.references:
        for use in reference.uses:
            assert str(use) == text[use.start : use.end]
            assert str(use)[:4].lower() == "<ref" or str(use).startswith("{{")
    for diagnostic in article.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1
    for infobox in article.infoboxes:
        for field in infobox.values():
            assert field.value == field.value.strip()


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.name)
def test_project_examples_round_trip(path: Path) -> None:
    """The project's own example pages keep every invariant."""
    _check(_read(path))


@pytest.mark.skipif(not ARTICLES, reason=f"{CORPUS} is absent (shared corpus beside the project)")
@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_article_round_trips(path: Path) -> None:
    """Each corpus article, in every language, parses and renders back byte for byte."""
    _check(_read(path))


def _dump_texts(path: Path) -> Iterator[tuple[str, str]]:
    """(title, text) of every revision in an XML dump sample; a truncated tail is ignored."""
    opener = bz2.open if path.suffix == ".bz2" else open
    title = ""
    with opener(path, "rb") as stream:
        try:
            for _, element in ET.iterparse(stream):
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "title":
                    title = element.text or ""
                elif tag == "text":
                    yield title, element.text or ""
                    element.clear()
        except ET.ParseError:
            return  # a sample cut short (wikiextractor's head of a dump)


@pytest.mark.skipif(not DUMPS, reason=f"{CORPUS / 'dumps'} is absent (shared corpus)")
@pytest.mark.parametrize("path", DUMPS, ids=lambda p: p.name)
def test_dump_pages_round_trip(path: Path) -> None:
    """Every page revision in the dump samples round-trips."""
    pages = list(_dump_texts(path))

    assert pages
    for _title, text in pages:
        _check(text)

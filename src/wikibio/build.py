"""Building pages in code, in the house style English Wikipedia uses.

Each builder writes wikitext (``wikibio.syntax.compose``) and makes the typed view of that
text directly, so what it returns is the same view ``wikibio.parse`` gives for the text:
``wikibio.parse(str(obj))`` yields an equal object.  Builders refuse what could not render
faithfully with ``InvalidNodeError`` (a name that cannot be a parameter, a heading with a
newline, ``</ref>`` inside a note …); values that merely contain ``|`` or ``}}`` are
escaped so the page means what was given.

House style: one infobox parameter per line with ``=`` aligned one space after the longest
name; ``<ref name="…">`` with its ``{{cite …}}`` on one line; ``== Title ==`` headings;
``{{Reflist}}`` under ``== References ==``; categories last, one per line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from wikibio.citations import Citation
from wikibio.document import Article
from wikibio.infobox import Infobox
from wikibio.references import Reference
from wikibio.sections import Section
from wikibio.syntax.compose import (
    article_wikitext,
    citation_wikitext,
    infobox_wikitext,
    reference_wikitext,
    section_wikitext,
)

__all__ = [
    "article_wikitext",
    "citation_wikitext",
    "infobox_wikitext",
    "new_article",
    "new_citation",
    "new_infobox",
    "new_reference",
    "new_section",
    "reference_wikitext",
    "section_wikitext",
]


def new_infobox(template: str, fields: Mapping[str, str]) -> Infobox:
    """An ``Infobox`` of ``template`` with ``fields`` (see ``Infobox.new``)."""
    return Infobox.new(template, fields)


def new_citation(template: str, fields: Mapping[str, str]) -> Citation:
    """A ``Citation`` from CS1 parameters (``last``, ``title``, ``url`` …)."""
    return Citation.new(template, fields)


def new_reference(content: str, *, name: str | None = None, group: str = "") -> Reference:
    """A ``Reference`` defined by one ``<ref>`` (see ``Reference.new``)."""
    return Reference.new(content, name=name, group=group)


def new_section(
    title: str, body: str = "", *, level: int = 2, subsections: Iterable[Section] = ()
) -> Section:
    """A ``Section`` with its subsections, which must be deeper (see ``Section.new``)."""
    return Section.new(title, body, level=level, subsections=list(subsections))


def new_article(
    *,
    title: str | None = None,
    lead: str = "",
    sections: Iterable[Section | str] = (),
    infobox: Infobox | str | None = None,
    references: Iterable[Reference | str] = (),
    categories: Iterable[str] = (),
) -> Article:
    """An ``Article`` from its parts (see ``Article.new``)."""
    return Article.new(
        title=title,
        lead=lead,
        sections=list(sections),
        infobox=infobox,
        references=list(references),
        categories=list(categories),
    )

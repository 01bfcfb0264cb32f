"""The values of a ``json`` record's fields, read from an article's views.

Kept apart from ``wikibio.records`` so that it is compiled (``setup.py``): that module
defines the recipe's attrs classes, which mypyc cannot compile, and every record of a dump
turns each reference, citation, date and infobox field into JSON values here.
"""

from __future__ import annotations

from wikibio.biography import detect_biography
from wikibio.citations import Citation, CitationDate
from wikibio.document import Article
from wikibio.render.blocks import Document, Heading, Infobox
from wikibio.render.markdown import markdown_text
from wikibio.render.plain import plain_blocks
from wikibio.syntax.chars import holds_any
from wikibio.values import Date

__all__ = ["Record", "json_fields"]

#: JSON value types of a record.
Record = dict[str, object]


def json_fields(identity: Record, article: Article, columns: tuple[str, ...]) -> Record:
    """A ``json`` record: ``identity``, then the fields ``columns`` names, in that order.

    The reading view is built once for the lead, the text, the sections and Markdown.
    """
    record: Record = dict(identity)
    document: Document | None = None
    if not {"lead", "text", "markdown", "sections"}.isdisjoint(columns):
        document = article.reading_view()
    text, lead, sections = _sections(document, columns) if document is not None else ("", "", [])
    for name in columns:
        if name == "is_biography":
            record[name] = detect_biography(article).is_biography
        elif name == "lead":
            record[name] = lead
        elif name == "text":
            record[name] = text
        elif name == "markdown":
            assert document is not None
            record[name] = markdown_text(document)
        elif name == "infobox":
            record[name] = _infobox(article)
        elif name == "sections":
            record[name] = sections
        elif name == "references":
            record[name] = [
                {
                    "number": ref.number,
                    "group": ref.group,
                    "name": ref.name,
                    "backlinks": list(ref.backlinks),
                    "text": ref.text,
                    "citation": _citation(ref.citation),
                }
                for ref in article.references
            ]
        elif name == "categories":
            record[name] = [
                {"name": link.name, "sort_key": link.sort_key} for link in article.category_links
            ]
        elif name == "diagnostics":
            record[name] = [
                {
                    "code": d.code,
                    "message": d.message,
                    "line": d.line,
                    "column": d.column,
                    "severity": d.severity,
                }
                for d in article.diagnostics
            ]
    return record


def _date(date: Date | None) -> Record | None:
    if date is None:
        return None
    parts = [f"-{-date.year:04d}" if date.year < 0 else f"{date.year:04d}"]
    if date.month is not None:
        parts.append(f"{date.month:02d}")
        if date.day is not None:
            parts.append(f"{date.day:02d}")
    return {"iso": "-".join(parts), "precision": date.precision, "circa": date.circa}


def _citation_date(value: CitationDate | None) -> Record | None:
    return None if value is None else _date(value.date)


def _citation(citation: Citation | None) -> Record | None:
    if citation is None:
        return None
    return {
        "template": citation.template,
        "authors": [
            f"{person.last}, {person.first}" if person.first else person.last
            for person in citation.authors
        ],
        "title": citation.title,
        "work": citation.work,
        "publisher": citation.publisher,
        "date": _citation_date(citation.date or citation.year),
        "url": citation.url,
        "access_date": _citation_date(citation.access_date),
        "archive_url": citation.archive_url,
        "archive_date": _citation_date(citation.archive_date),
        "identifiers": [{"kind": i.kind, "value": i.value} for i in citation.identifiers],
    }


def _infobox(article: Article) -> Record | None:
    box = article.infobox
    if box is None:
        return None
    fields = []
    for name, value in box.items():
        wikitext = value.value
        # PERF: a date needs a digit, a list or link needs markup; most values are words.
        date = value.date if any(map(str.isdigit, wikitext)) else None
        marked = holds_any(wikitext, "[{<*#")
        fields.append(
            {
                "name": name,
                "value": wikitext,
                "text": value.text,
                "date": _date(date),
                "items": list(value.items) if marked else [],
                "links": [{"target": link.target, "label": link.label} for link in value.links]
                if "[[" in wikitext
                else [],
            }
        )
    return {"template": box.template, "fields": fields}


def _sections(document: Document, columns: tuple[str, ...]) -> tuple[str, str, list[Record]]:
    """The whole text, the lead's text (the infobox left out) and each heading's text, from the
    reading view; each block is formatted once, and only for the columns asked for."""
    whole: list[str] = []
    lead: list[str] = []
    sections: list[tuple[Heading, list[str]]] = []
    wants_sections = "sections" in columns
    for block in document.blocks:
        texts = plain_blocks((block,))
        whole.extend(texts)
        if type(block) is Heading:
            assert isinstance(block, Heading)
            sections.append((block, []))
        elif sections:
            if wants_sections:
                sections[-1][1].extend(texts)
        elif type(block) is not Infobox:
            lead.extend(texts)
    return (
        "\n\n".join(whole),
        "\n\n".join(lead),
        [
            {"title": heading.title, "level": heading.level, "text": "\n\n".join(texts)}
            for heading, texts in sections
        ],
    )

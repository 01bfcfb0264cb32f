"""Building pages in code, in the house style English Wikipedia uses.

Each builder writes wikitext and reads it back, so what it returns is the same typed view
``wikibio.parse`` gives for that text: ``wikibio.parse(str(obj))`` yields an equal object.
Builders refuse what could not render faithfully with ``InvalidNodeError``
(a name that cannot be a parameter, a heading with a newline, ``</ref>`` inside a note …);
values that merely contain ``|`` or ``}}`` are escaped so the page means what was given.

House style: one infobox parameter per line with ``=`` aligned one space after the longest
name; ``<ref name="…">`` with its ``{{cite …}}`` on one line; ``== Title ==`` headings;
``{{Reflist}}`` under ``== References ==``; categories last, one per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

from wikibio._edit import check_name, escape_value
from wikibio._refedit import RefStyle, check_ref_name
from wikibio._scan import scan
from wikibio.errors import InvalidNodeError

if TYPE_CHECKING:
    from wikibio.citations import Citation
    from wikibio.document import Article
    from wikibio.infobox import Infobox
    from wikibio.references import Reference
    from wikibio.sections import Section

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

_BAD_TITLE: Final = re.compile(r"[\n\r]|^=|=$")
_BAD_CATEGORY: Final = re.compile(r"[\[\]{}|<>\n#]")


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str of wikitext, not {type(value).__name__}")
    return value


def _self_contained(text: str, what: str) -> str:
    """Refuse wikitext whose unclosed brackets, comment or tag would swallow what follows."""
    for problem in scan(text).problems:
        if problem.code.startswith("unclosed-"):
            raise InvalidNodeError(
                f"{what} has {problem.message.split(',')[0]} (at offset {problem.offset}); "
                "it would run into the next part of the page"
            )
    return text


def infobox_wikitext(template: str, fields: Mapping[str, str]) -> str:
    """``{{Template\\n| name = value\\n…\\n}}`` with ``=`` aligned."""
    name = check_name(_text(template, "the template name"))
    checked = [(check_name(_text(key, "a field name")), _text(value, f"field {key!r}"))
               for key, value in fields.items()]  # fmt: skip
    width = max((len(key) for key, _ in checked), default=0)
    lines = [f"{{{{{name}"]
    for key, value in checked:
        escaped = escape_value(value)
        lines.append(f"| {key.ljust(width)} = {escaped}".rstrip())
    lines.append("}}")
    return "\n".join(lines)


def citation_wikitext(template: str, fields: Mapping[str, str]) -> str:
    """``{{cite news |last=… |title=…}}`` on one line, parameters in the order given."""
    name = check_name(_text(template, "the template name"))
    parts = [f"{{{{{name}"]
    for key, value in fields.items():
        key = check_name(_text(key, "a parameter name"))
        parts.append(f" |{key}={escape_value(_text(value, f'parameter {key!r}')).strip()}")
    return "".join(parts) + "}}"


def reference_wikitext(content: str, *, name: str | None = None, group: str = "") -> str:
    """``<ref name="…">content</ref>``."""
    content = _self_contained(_text(content, "reference content"), "reference content")
    if re.search(r"</ref\s*>", content, re.IGNORECASE) or "<ref" in content.lower():
        raise InvalidNodeError(
            "reference content cannot hold <ref> or </ref> (Cite does not nest notes); "
            "write the inner note separately"
        )
    if not content.strip():
        raise InvalidNodeError("a reference needs content (Cite reports an empty <ref>)")
    if name is not None:
        name = check_ref_name(name)
    if group and not re.fullmatch(r"[^\"<>\n]+", group):
        raise InvalidNodeError(f"{group!r} cannot be a reference group")
    return RefStyle().define(content, name, group)


def section_wikitext(
    title: str, body: str = "", *, level: int = 2, subsections: Iterable[str] = ()
) -> str:
    """``== Title ==\\nbody\\n`` followed by the subsections' wikitext."""
    title = _text(title, "the section title").strip()
    if not title or _BAD_TITLE.search(title):
        raise InvalidNodeError(
            f"{title!r} cannot be a heading: it must be one line, not empty, "
            "and neither start nor end with '='"
        )
    if not isinstance(level, int) or not 1 <= level <= 6:
        raise InvalidNodeError(f"heading level {level!r} is outside 1 to 6")
    marks = "=" * level
    text = f"{marks} {title} {marks}\n"
    body = _self_contained(_text(body, "the section body"), "the section body").strip("\n")
    if body:
        text += body + "\n"
    for sub in subsections:
        text += "\n" + _text(sub, "a subsection")
    return text


def article_wikitext(
    *,
    lead: str = "",
    sections: Iterable[str] = (),
    infobox: str | None = None,
    references: Iterable[str] = (),
    categories: Iterable[str] = (),
) -> str:
    """A whole page: infobox, lead, sections, ``== References ==`` and categories.

    ``references`` are list-defined notes (``<ref name="…">…</ref>``) placed in
    ``{{Reflist|refs=…}}``; the text uses them with ``<ref name="…" />``.  A page whose
    text has ``<ref>`` tags gets the reference section even without ``references``.
    """
    parts: list[str] = []
    if infobox:
        parts.append(_text(infobox, "the infobox").rstrip("\n") + "\n")
    lead = _self_contained(_text(lead, "the lead"), "the lead").strip("\n")
    if lead:
        parts.append(lead + "\n")
    body = "\n".join(part.rstrip("\n") + "\n" for part in sections)
    if body:
        parts.append(("\n" if parts else "") + body)
    defined = [_text(r, "a reference").strip() for r in references]
    if defined or "<ref" in "".join(parts).lower():
        reflist = (
            "{{Reflist}}" if not defined else "{{Reflist|refs=\n" + "\n".join(defined) + "\n}}"
        )
        parts.append(("\n" if parts else "") + "== References ==\n" + reflist + "\n")
    names = []
    for category in categories:
        category = _text(category, "a category").strip()
        if not category or _BAD_CATEGORY.search(category):
            raise InvalidNodeError(f"{category!r} cannot be a category name")
        names.append(f"[[Category:{category}]]")
    if names:
        parts.append(("\n" if parts else "") + "\n".join(names) + "\n")
    return "".join(parts)


def new_infobox(template: str, fields: Mapping[str, str]) -> Infobox:
    """An ``Infobox`` of ``template`` with ``fields``, in its own article."""
    from wikibio.document import parse
    from wikibio.infobox import InfoboxNames

    text = infobox_wikitext(template, fields)
    name = check_name(template)
    infobox = parse(text, infobox_names=InfoboxNames(names=frozenset({name.casefold()}))).infobox
    if infobox is None:  # pragma: no cover - the text is one call by construction
        raise InvalidNodeError(f"{text!r} does not read back as one infobox")
    return infobox


def new_citation(template: str, fields: Mapping[str, str]) -> Citation:
    """A ``Citation`` from CS1 parameters (``last``, ``title``, ``url`` …)."""
    from wikibio.citations import find_citation, is_citation_template

    if not is_citation_template(_text(template, "the template name")):
        raise InvalidNodeError(f"{template!r} is not a Citation Style 1 template")
    citation = find_citation(citation_wikitext(template, fields))
    if citation is None:  # pragma: no cover - the text is one citation by construction
        raise InvalidNodeError(f"{template!r} with these fields does not read back")
    return citation


def new_reference(content: str, *, name: str | None = None, group: str = "") -> Reference:
    """A ``Reference`` defined by one ``<ref>``."""
    from wikibio.document import parse

    article = parse(reference_wikitext(content, name=name, group=group))
    notes = [r for r in article.references if r.group == group]
    if len(notes) != 1:  # pragma: no cover - one tag makes one note
        raise InvalidNodeError("the reference does not read back as one note")
    return notes[0]


def new_section(
    title: str, body: str = "", *, level: int = 2, subsections: Iterable[Section] = ()
) -> Section:
    """A ``Section`` with its subsections (which must be deeper)."""
    from wikibio.document import parse

    subs = list(subsections)
    for sub in subs:
        if sub.level <= level:
            raise InvalidNodeError(
                f"subsection {sub.title!r} has level {sub.level}; it must be deeper than {level}"
            )
    text = section_wikitext(title, body, level=level, subsections=[str(s) for s in subs])
    sections = parse(text).sections
    if len(sections) != 1:
        raise InvalidNodeError(f"{title!r} with this body does not read back as one section")
    return sections[0]


def new_article(
    *,
    title: str | None = None,
    lead: str = "",
    sections: Iterable[Section | str] = (),
    infobox: Infobox | str | None = None,
    references: Iterable[Reference | str] = (),
    categories: Iterable[str] = (),
) -> Article:
    """An ``Article`` from its parts (see ``article_wikitext``)."""
    from wikibio.document import parse

    notes = []
    for reference in references:
        if isinstance(reference, str):
            notes.append(reference)
        else:
            if reference.name is None:
                raise InvalidNodeError(
                    "a list-defined reference needs a name to be used in the text"
                )
            notes.append(
                reference_wikitext(reference.wikitext, name=reference.name, group=reference.group)
            )
    text = article_wikitext(
        lead=lead,
        sections=[str(s) for s in sections],
        infobox=None if infobox is None else str(infobox),
        references=notes,
        categories=categories,
    )
    return parse(text, title=title)

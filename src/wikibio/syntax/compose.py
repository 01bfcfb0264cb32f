"""House-style wikitext for the parts of a page: infobox, citation, note, section, page.

The writers return text and refuse what could not render faithfully with
``InvalidNodeError`` (a name that cannot be a parameter, a heading with a newline,
``</ref>`` inside a note …); values that merely contain ``|`` or ``}}`` are escaped so the
page means what was given (``wikibio.syntax.arguments.escape_value``).

House style: one infobox parameter per line with ``=`` aligned one space after the longest
name; ``<ref name="…">`` with its ``{{cite …}}`` on one line; ``== Title ==`` headings;
``{{Reflist}}`` under ``== References ==``; categories last, one per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

from attrs import frozen

from wikibio.errors import InvalidNodeError
from wikibio.syntax.arguments import check_name, escape_value
from wikibio.syntax.scan import scan

__all__ = [
    "RefStyle",
    "article_wikitext",
    "check_ref_name",
    "citation_wikitext",
    "infobox_wikitext",
    "reference_wikitext",
    "section_wikitext",
]

#: What Cite refuses in a ref name: quotes, angle brackets, newlines, all digits, blank.
_BAD_REF_NAME: Final = re.compile(r"""["<>\n]|^\d+$|^\s*$""")


@frozen
class RefStyle:
    """How a page writes ref names and self-closing reuses (the house default as built)."""

    #: ``'"'`` for ``name="x"``, ``"'"`` for ``name='x'``, ``""`` for ``name=x``.
    quote: str = '"'
    #: What closes a reuse: ``" />"`` or ``"/>"``.
    self_close: str = " />"

    def name(self, name: str) -> str:
        """The ``name=…`` attribute for ``name``, quoted when the page quotes or it must be."""
        quote = self.quote or ('"' if re.search(r"[\s'=/>]", name) else "")
        if quote and quote in name:
            quote = "'" if quote == '"' else '"'
        return f"name={quote}{name}{quote}"

    def reuse(self, name: str, group: str = "") -> str:
        """A ``<ref name=… />`` reuse."""
        return f"<ref {self._attributes(name, group)}{self.self_close}"

    def define(self, content: str, name: str | None = None, group: str = "") -> str:
        """A defining ``<ref …>content</ref>``."""
        attributes = self._attributes(name, group)
        return f"<ref{' ' + attributes if attributes else ''}>{content}</ref>"

    def _attributes(self, name: str | None, group: str) -> str:
        parts = [self.name(name)] if name else []
        if group:
            parts.append(self.name(group).replace("name=", "group=", 1))
        return " ".join(parts)


def check_ref_name(name: str) -> str:
    """Validate a reference name; Cite rejects empty and all-digit names."""
    if not isinstance(name, str):
        raise TypeError(f"a reference name must be a str, not {type(name).__name__}")
    if _BAD_REF_NAME.search(name):
        raise InvalidNodeError(
            f"{name!r} cannot be a reference name: Cite needs a name that is not empty, not "
            'all digits, and has no ", <, > or newline'
        )
    return name.strip()


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
        # An empty name ("{{cite web|=x}}") is a parameter MediaWiki passes: keep it.
        key = _text(key, "a parameter name").strip() and check_name(key)
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

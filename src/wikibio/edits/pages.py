"""Edits of a page's categories and links, each a list of splices in the page's own style.

Categories go where the page keeps them: after its last category link, written with the
same namespace word and separator (``[[Kategorie:X]]`` on a wiki that writes that); on a
page without categories, on the line after ``{{DEFAULTSORT:…}}``, else at the end of the
page after a blank line (the house style of ``wikibio.syntax.compose``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from wikibio.categories import CategoryLink
from wikibio.errors import InvalidNodeError, NotFoundError
from wikibio.links import WikiLink, link_text
from wikibio.page import Page, Splice
from wikibio.site.sorting import DEFAULTSORT_WORDS
from wikibio.syntax import scan
from wikibio.syntax.names import normalize_page_name

__all__ = ["add_category", "remove_category", "replace_link_target"]

_BAD_CATEGORY: Final = re.compile(r"[\[\]{}|<>\n#]")
_BAD_TARGET: Final = re.compile(r"[\[\]{}|<>\n]")
#: The namespace word of a category link as written: ``[[ Category :`` → ``Category``.
_WORD: Final = re.compile(r"\[\[[ _]*([^:]*?)[ _]*:")


def _check_category(name: str) -> str:
    if not isinstance(name, str):
        raise TypeError(f"a category name must be a str, not {type(name).__name__}")
    stripped = name.strip()
    for prefix in ("Category:", "category:"):
        stripped = stripped.removeprefix(prefix).strip()
    if not stripped or _BAD_CATEGORY.search(stripped):
        raise InvalidNodeError(
            f"{name!r} cannot be a category name: it must be non-empty and contain none of "
            "[ ] { } | < > # or a newline"
        )
    return stripped


def _defaultsort_end(page: Page) -> int | None:
    """The end of the last ``{{DEFAULTSORT:…}}`` at the page's top level, if any."""
    end = None
    for node in page.tree.children:
        if type(node) is scan.Template:
            assert isinstance(node, scan.Template)
            title = page.text[node.parts[0].start : node.parts[0].end]
            word, colon, _ = title.partition(":")
            if colon and word.strip() in DEFAULTSORT_WORDS and not node.is_arg:
                end = node.end
    return end


def add_category(
    page: Page, links: Sequence[CategoryLink], name: str, sort_key: str | None = None
) -> list[Splice]:
    """The splice that puts the page in category ``name`` (none if it is in it already).

    Raises:
        InvalidNodeError: ``name`` or ``sort_key`` cannot be written in a category link.
        TypeError: ``name`` or ``sort_key`` is not a ``str``.
    """
    name = _check_category(name)
    if sort_key is not None and (
        not isinstance(sort_key, str) or re.search(r"[\[\]\n]|\{\{|\}\}", sort_key)
    ):
        raise InvalidNodeError(f"{sort_key!r} cannot be a sort key: no brackets or newlines")
    if normalize_page_name(name) in {link.name for link in links}:
        return []
    text = page.text
    if links:
        last = links[-1]
        word_match = _WORD.match(str(last))
        word = word_match.group(1) if word_match else "Category"
        separator = "\n"
        if len(links) >= 2:
            between = text[links[-2].end : last.start]
            if not between.strip():
                separator = between
        position, lead = last.end, separator
    else:
        word = "Category"
        defaultsort = _defaultsort_end(page)
        if defaultsort is not None:
            position, lead = defaultsort, "\n"
        else:
            position = len(text.rstrip())
            lead = "\n\n" if position else ""
    link = f"[[{word}:{name}{'' if sort_key is None else '|' + sort_key}]]"
    return [(position, position, lead + link)]


def remove_category(page: Page, links: Sequence[CategoryLink], name: str) -> list[Splice]:
    """The splices that take the page out of category ``name`` (every link to it).

    A link alone on its line goes with its line.

    Raises:
        NotFoundError: the page is not in that category.
    """
    wanted = normalize_page_name(_check_category(name))
    found = [link for link in links if link.name == wanted]
    if not found:
        known = ", ".join(dict.fromkeys(link.name for link in links)) or "none"
        raise NotFoundError(f"the page is not in category {wanted!r}; its categories: {known}")
    text = page.text
    splices: list[Splice] = []
    for link in found:
        start, end = link.start, link.end
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            if line_end < len(text):
                start, end = line_start, line_end + 1
            elif line_start > 0:
                start, end = line_start - 1, line_end
        splices.append((start, end, ""))
    return splices


def replace_link_target(links: Sequence[WikiLink], old: str, new: str) -> list[Splice]:
    """The splices that point every link to ``old`` at ``new``, keeping what readers see.

    A link with a label keeps it; a link without one gets its old text as label
    (``[[Old]]s`` becomes ``[[New|Old]]s``), unless it would read the same.  A section
    (``#…``) stays.

    Raises:
        InvalidNodeError: ``new`` cannot be a link target.
    """
    if not isinstance(new, str):
        raise TypeError(f"a link target must be a str, not {type(new).__name__}")
    if not new.strip() or _BAD_TARGET.search(new):
        raise InvalidNodeError(
            f"{new!r} cannot be a link target: it must be non-empty and contain none of "
            "[ ] { } | < > or a newline"
        )
    wanted = normalize_page_name(old.partition("#")[0])
    splices: list[Splice] = []
    for link in links:
        if link.target != wanted or not wanted:
            continue
        target = new.strip() + (f"#{link.fragment}" if link.fragment else "")
        label = link.written_label
        if label is None:
            raw = str(link)
            shown = raw[2 : raw.rindex("]]")].strip().removeprefix(":")
            label = None if shown == target else shown
        splices.append((link.start, link.end, link_text(target, label, link.trail)))
    return splices

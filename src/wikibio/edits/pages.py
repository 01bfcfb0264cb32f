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
from wikibio.errors import InvalidNodeError, NotFoundError, WikibioError
from wikibio.links import WikiLink, link_text
from wikibio.page import Page, Splice
from wikibio.site.sorting import DEFAULTSORT_WORDS
from wikibio.syntax import scan
from wikibio.syntax.names import normalize_page_name

__all__ = ["add_category", "remove_category", "replace_link_target"]

_BAD_CATEGORY: Final = re.compile(r"[\[\]{}|<>\n#]")
_BAD_TARGET: Final = re.compile(r"[\[\]{}|<>\n]")
_BLANK_LINE: Final = re.compile(r"\n[ \t]*\n")
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
        line_end = text.find("\n", last.end)
        # Text after the last link on its line: the new one joins that line.
        separator = "\n" if not text[last.end : None if line_end < 0 else line_end].strip() else ""
        if len(links) >= 2:
            between = text[links[-2].end : last.start]
            if not between.strip():
                separator = between
        position, lead = last.end, separator
    else:
        word = "Category"
        defaultsort = _defaultsort_end(page)
        if defaultsort is not None:
            line_end = text.find("\n", defaultsort)
            rest = text[defaultsort : None if line_end < 0 else line_end]
            position, lead = defaultsort, "" if rest.strip() else "\n"
        else:
            # After the last line with text (its trailing blanks included), before the
            # page's final newlines.
            content = len(text.rstrip())
            newline = text.find("\n", content)
            position = newline if newline >= 0 else len(text)
            lead = "\n\n" if content else ""
    swallowed = next(
        (n for n in page.tree.children if n.start < position <= n.end and n.end == len(text)
         and type(n) in (scan.Comment, scan.Ignore, scan.Ext)),
        None,
    )  # fmt: skip
    if swallowed is not None:
        raise WikibioError(
            f"the page ends inside an unclosed {text[swallowed.start : swallowed.start + 14]!r}…"
            " that would hide the category; close it first"
        )
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
            start, end = _line_span(text, line_start, line_end, start, end)
        else:
            # On a line of links ("[[Category:A]] [[Category:B]]"), the blanks before it go.
            blanks = len(text[line_start:start]) - len(text[line_start:start].rstrip(" \t"))
            if blanks and text[: start - blanks].endswith("]]"):
                start -= blanks
        if splices and splices[-1][1] >= start:
            start = min(start, splices[-1][0])
            splices.pop()
        splices.append((start, end, ""))
    return splices


def _line_span(text: str, line_start: int, line_end: int, start: int, end: int) -> tuple[int, int]:
    """What goes with a link that was alone on its line (blanks aside).

    The newline before it (after it, on the first line); and when the line was a block
    of its own (a blank line before it, a blank line or the page's end after it), the
    blank line before it too, so that adding and then removing a category restores the
    page.  Blanks after the link on its line stay.
    """
    if line_start == 0:
        # The newline after it goes too, unless only blanks follow: a link added to a blank
        # page stands before the page's own newline.
        followed = line_end < len(text) and text[line_end + 1 :].strip()
        return (0, line_end + 1) if followed else (start, end)
    start = line_start - 1
    rest = text[line_end:]
    alone = not rest.strip() or _BLANK_LINE.match(rest) is not None
    if alone and text[:start].endswith("\n"):
        start -= 1
    return start, end


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

"""Edits of references that change only the bytes they must, in the page's own style.

Each function computes a list of ``(start, end, replacement)`` splices on the page and
returns them; the article applies them in one batch (``wikibio.page.Page.splice_many``)
and re-reads its structure afterwards.
The page's style decides how new tags are written: quoted or bare names
(``<ref name="x">`` vs ``<ref name=x>``) and ``<ref name="x" />`` vs ``<ref name="x"/>``,
by majority of the tags already there.
"""

from __future__ import annotations

import difflib
import html
import re
from collections import Counter
from collections.abc import Sequence
from typing import Final, Protocol

from wikibio.errors import InvalidNodeError, NotFoundError, WikibioError
from wikibio.references import Reference, ReferenceUse, RefTag
from wikibio.site.namespaces import FILE_LINK
from wikibio.syntax import scan
from wikibio.syntax.compose import RefStyle, check_ref_name

__all__ = [
    "Notes",
    "Splice",
    "add_reference",
    "merge_duplicates",
    "ref_style",
    "remove_reference",
    "rename_reference",
]

#: The start tag of a ``<ref>``: its attribute text and whether it closes itself.
_START_TAG: Final = re.compile(r"<ref(?P<attrs>[^>]*?)(?P<slash>\s*/)?>", re.IGNORECASE)
#: A ``name`` attribute in a start tag, with its value quoted or bare.
_NAME: Final = re.compile(
    r"""(?<![^\s])name\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'/>]+))""",
    re.IGNORECASE,
)

Splice = tuple[int, int, str]


class Notes(Protocol):
    """What a reference edit reads: the page's text (``str()``) and its notes."""

    @property
    def references(self) -> Sequence[Reference]:
        """Every note of every list, in the order readers see them."""


def ref_style(article: Notes) -> RefStyle:
    """The majority style of the page's ``<ref>`` tags (house default when none)."""
    quotes: Counter[str] = Counter()
    closes: Counter[str] = Counter()
    for reference in article.references:
        for use in reference.uses:
            if use.kind != "tag":
                continue
            tag = _START_TAG.match(str(use))
            if tag is None:
                continue
            name = _NAME.search(tag.group("attrs"))
            if name is not None:
                quotes[
                    '"'
                    if name.group("dq") is not None
                    else "'"
                    if name.group("sq") is not None
                    else ""
                ] += 1
            if tag.group("slash") is not None:
                closes[" />" if tag.group("slash").startswith(" ") else "/>"] += 1
    return RefStyle(
        quotes.most_common(1)[0][0] if quotes else '"',
        closes.most_common(1)[0][0] if closes else " />",
    )


def _find(article: Notes, name: str | Reference, group: str) -> Reference:
    if isinstance(name, Reference):
        return name
    for reference in article.references:
        if reference.name == name and reference.group == group:
            return reference
    names = sorted({r.name for r in article.references if r.name and r.group == group})
    close = difflib.get_close_matches(name, names, n=3)
    hint = (
        f"did you mean {', '.join(repr(n) for n in close)}?"
        if close
        else f"the page names {len(names)} in that group"
        if names
        else "the page names none in that group"
    )
    raise NotFoundError(f"no reference named {name!r} in group {group!r}; {hint}")


#: A ``<ref`` or ``</ref`` tag in note content: it would end the note early or nest one.
_REF_TAG: Final = re.compile(r"</?ref(?![^\s/>])", re.IGNORECASE)
#: What cannot stand in a ``group`` attribute (quotes of both kinds would break the tag).
_BAD_GROUP: Final = re.compile(r"""["<>\n]""")


def _ref_name(name: str) -> str:
    """A checked name, with whitespace runs made one space as Cite's attributes read it.

    The check is on the trimmed name: ``" 12 "`` is the number 12, which Cite refuses.
    """
    if isinstance(name, str):
        name = " ".join(name.split())
    return check_ref_name(name)


def _check_content(content: str) -> str:
    if not isinstance(content, str):
        raise TypeError(
            f"reference content must be a str of wikitext, not {type(content).__name__}"
        )
    if not content.strip():
        raise InvalidNodeError(
            "reference content is blank: Cite shows an empty <ref></ref> as an error, "
            "not a note"
        )
    tag = _REF_TAG.search(content)
    if tag is not None:
        raise InvalidNodeError(
            f"reference content {content[:40]!r} holds a {tag.group()!r} tag at offset "
            f"{tag.start()}: a note cannot hold or close another; write the text without it"
        )
    for problem in scan.scan(content).problems:
        if problem.code.startswith("unclosed-"):
            raise InvalidNodeError(
                f"reference content has {problem.message.split(',')[0]} (at offset "
                f"{problem.offset}); it would run past the note"
            )
    return content


def _check_position(text: str, position: int) -> None:
    """Refuse a position where a new ``<ref>`` would not be a note readers see.

    Inside another note, a comment, a template call, an extension tag or a link
    (``[[Syd Barrett<ref>…</ref>|Barrett]]``), Cite either ignores the tag or breaks the
    markup around it.
    """
    nodes: list[scan.Node] = list(scan.scan(text).children)
    while nodes:
        node = nodes.pop()
        if isinstance(node, scan.Heading):
            nodes.extend(node.children)
            continue
        if node.start < position < node.end:
            what = {
                scan.Comment: "a comment",
                scan.Template: "a template call",
                scan.Ignore: "an <includeonly>-style tag",
            }.get(type(node))
            if what is None:
                name = node.name if isinstance(node, scan.Ext) else "tag"
                what = "another note" if name.lower() == "ref" else f"a <{name}> tag"
            raise InvalidNodeError(
                f"offset {position} is inside {what} (offsets {node.start} to {node.end}); "
                "a note there would not be one Cite shows: choose a place in running text"
            )
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    before = text[line_start:position]
    after = text[position : line_end if line_end >= 0 else len(text)]
    opening = before.rfind("[[")
    # A file's caption is wikitext where notes work ("[[File:x.jpg|thumb|Caption<ref>…").
    if (
        opening >= 0
        and "]]" not in before[opening:]
        and FILE_LINK.match(before, opening) is None
    ):
        closing = after.find("]]")
        if closing >= 0 and "[[" not in after[:closing]:
            link = before[opening:] + after[: closing + 2]
            raise InvalidNodeError(
                f"offset {position} is inside the link {link!r}; a note there would break "
                "the link: put it after the link"
            )


def add_reference(
    article: Notes, content: str, *, after: int | str, name: str | None = None, group: str = ""
) -> list[Splice]:
    """Add a note at ``after`` (an offset, or the end of the first occurrence of a text).

    Identical content already in the page becomes a reuse of that note (which gets a name
    first if it has none); otherwise a new ``<ref>`` is written in the page's style.
    """
    content = _check_content(content)
    if name is not None:
        name = _ref_name(name)
    if not isinstance(group, str) or _BAD_GROUP.search(group):
        raise InvalidNodeError(
            f"{group!r} cannot be a reference group: it must be a str without \", <, > or "
            "a newline"
        )
    group = " ".join(group.split())
    text = str(article)
    if isinstance(after, str):
        found = text.find(after)
        if found < 0:
            raise NotFoundError(f"{after!r} does not occur in the page; give an offset instead")
        position = found + len(after)
    else:
        if not 0 <= after <= len(text):
            raise ValueError(f"offset {after} is outside the page (0 to {len(text)})")
        position = after
    _check_position(text, position)
    style = ref_style(article)
    same = next(
        (
            r
            for r in article.references
            if r.group == group and r.wikitext.strip() == content.strip()
        ),
        None,
    )
    splices: list[Splice] = []
    if same is not None:
        reuse_name = same.name or name or _free_name(article)
        if same.name is None:
            splices.extend(_name_tag(use, reuse_name, style) for use in same.uses[:1])
        splices.append((position, position, style.reuse(reuse_name, group)))
    else:
        splices.append((position, position, style.define(content, name, group)))
    return splices


def rename_reference(
    article: Notes, old: str | Reference, new: str, *, group: str = ""
) -> list[Splice]:
    """Rename a named note; every tag that uses or defines it follows."""
    new = _ref_name(new)
    reference = _find(article, old, group)
    if reference.name is None:
        raise InvalidNodeError(
            "that reference has no name to rename; give it one with add_reference"
        )
    made = [u for u in reference.uses if u.kind == "template" and not str(u).startswith("<")]
    if made and not _names_itself(made[0], reference.name):
        raise InvalidNodeError(
            f"the note {reference.name!r} is made by {str(made[0])[:40]!r}, which derives its "
            "name from its arguments ({{sfn}}-style): edit that call instead of renaming"
        )
    if any(r.name == new and r.group == reference.group for r in article.references):
        raise WikibioError(f"a reference named {new!r} exists already; merge them instead")
    style = ref_style(article)
    targets: list[ReferenceUse | RefTag] = [*reference.uses, *reference.definitions]
    return [_rename_in(use, reference.name, new, style) for use in targets]


def _names_itself(use: ReferenceUse, name: str) -> bool:
    """Whether a template use writes ``name`` as one of its arguments (``{{r|name}}``)."""
    return re.search(r"\|\s*" + re.escape(name) + r"\s*(?=[|}])", str(use)) is not None


def remove_reference(article: Notes, name: str | Reference, *, group: str = "") -> list[Splice]:
    """Remove a note: every use and list definition of it."""
    reference = _find(article, name, group)
    splices: list[Splice] = []
    targets: list[ReferenceUse | RefTag] = [*reference.uses, *reference.definitions]
    for use in targets:
        if (
            isinstance(use, ReferenceUse)
            and use.kind == "template"
            and str(use)[:4].lower() != "<ref"
        ):
            splices.append(_drop_from_template(use, reference.name))
        else:
            splices.append((use.start, use.end, ""))
    return splices


def merge_duplicates(article: Notes) -> tuple[list[Splice], int]:
    """Make notes with identical content one named note with reuses, group by group.

    The first note keeps (or gets) the name; later copies become reuses of it.
    Returns the splices and how many notes were merged away.
    """
    style = ref_style(article)
    splices: list[Splice] = []
    merged = 0
    copies: dict[tuple[str, str], list[Reference]] = {}
    for reference in article.references:
        content = reference.wikitext.strip()
        if not content or any(use.kind != "tag" for use in reference.uses) or not reference.uses:
            continue
        copies.setdefault((reference.group, content), []).append(reference)
    taken: set[str] = set()
    for keeper, *others in copies.values():
        if not others:
            continue  # a note without a copy is left as it is, name and all
        name = keeper.name or _free_name(article, taken=taken)
        taken.add(name)
        if keeper.name is None:
            splices.append(_name_tag(keeper.uses[0], name, style))
        for reference in others:
            merged += 1
            for use in reference.uses:
                splices.append((use.start, use.end, style.reuse(name, reference.group)))
    return splices, merged


def _free_name(article: Notes, taken: set[str] | None = None) -> str:
    """A name no note uses: ``:0``, ``:1`` … as the visual editor writes them."""
    used = {r.name for r in article.references if r.name} | (taken or set())
    index = 0
    while f":{index}" in used:
        index += 1
    return f":{index}"


def _name_tag(use: ReferenceUse, name: str, style: RefStyle) -> Splice:
    """Give an unnamed ``<ref>`` a name attribute."""
    tag = _START_TAG.match(str(use))
    if tag is None:
        raise WikibioError(f"cannot name {str(use)[:40]!r}: it is not a <ref> tag")
    at = use.start + tag.end("attrs")
    return (at, at, " " + style.name(name))


def _rename_in(use: ReferenceUse | RefTag, old: str, new: str, style: RefStyle) -> Splice:
    start = use.start
    text = str(use)
    tag = _START_TAG.match(text)
    if tag is not None:
        for match in _NAME.finditer(tag.group("attrs")):
            value = match.group("dq") or match.group("sq") or match.group("bare") or ""
            # As Cite reads it: entities decoded (name="a&quot;b"), spaces trimmed.
            if " ".join(html.unescape(value).split()) == old:
                offset = start + tag.start("attrs") + match.start()
                length = match.end() - match.start()
                if match.group("bare") is not None:  # stays bare unless it cannot
                    written = RefStyle("", style.self_close).name(new)
                else:
                    written = _requote(match, new)
                return (offset, offset + length, written)
    if text.startswith("{{"):
        return _replace_template_name(start, text, old, new)
    raise WikibioError(f"cannot find the name {old!r} in {text[:40]!r}")


def _requote(match: re.Match[str], new: str) -> str:
    """The name in the tag's own quotes, or the other ones when the name holds those."""
    return RefStyle('"' if match.group("dq") is not None else "'").name(new)


def _replace_template_name(start: int, text: str, old: str, new: str) -> Splice:
    """``{{r|old}}`` → ``{{r|new}}``: the argument that names the note."""
    for match in re.finditer(r"\|\s*" + re.escape(old) + r"\s*(?=[|}])", text):
        inner = match.group().index(old)
        at = start + match.start() + inner
        return (at, at + len(old), new)
    raise WikibioError(f"cannot find the name {old!r} in {text[:40]!r}")


def _drop_from_template(use: ReferenceUse, name: str | None) -> Splice:
    """Remove one name from ``{{r|a|b}}``, or the whole call when it names nothing else."""
    text = str(use)
    names = [part for part in text[2:-2].split("|")[1:] if "=" not in part]
    if name is None or len(names) <= 1:
        return (use.start, use.end, "")
    match = re.search(r"\|\s*" + re.escape(name) + r"\s*(?=[|}])", text)
    if match is None:
        return (use.start, use.end, "")
    return (use.start + match.start(), use.start + match.end(), "")

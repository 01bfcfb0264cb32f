"""Cite's reference stack: numbering, list-defined refs, follows, sub-refs, diagnostics.

``wikibio.analysis.analyse`` walks the page in Cite's expansion order and calls ``Cite``:
``Cite.ref`` for every ``<ref>`` outside a list, ``Cite.list_defined`` for every
``<ref>`` inside ``<references>…</references>`` (or ``{{Reflist|refs=…}}``),
``Cite.references`` where a list is placed, and ``Cite.finish`` at the end.
The behaviour is that of Cite's legacy parser (``ReferenceStack``, ``Validator``,
``ReferenceListFormatter``), as ``shared/reference/CITE.md`` describes it with sources:

* a note's number is fixed by the first use of its (group, name); unnamed refs never
  merge; the first non-blank content wins, a different later content is a warning;
* ``<references group=G/>`` outputs G's notes and clears G, so G counts from 1 again;
  default-group notes never output get a list at the end of the page, other groups an
  error;
* list-defined refs give content, never numbers nor backlinks; unused ones are listed
  first, without a number;
* ``follow=`` appends to an earlier note of the group, or is listed first on its own;
* ``details=`` (sub-references, behind ``$wgCiteSubReferencing``, off by default as on
  English Wikipedia) makes ``1.1``-style notes under the main note.

Every problem Cite reports becomes a ``ScanProblem`` whose code is
Cite's message key; ``Cite.displayed`` keeps the ones readers see outside the lists
(in text order), as the conformance suite compares them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Final

from wikibio.references import (
    NoteScans,
    Reference,
    ReferenceList,
    ReferenceUse,
    RefTag,
    UseKind,
    backlink_label,
    marker_label,
)
from wikibio.sections import Section
from wikibio.syntax.names import strip_comments
from wikibio.syntax.scan import ScanProblem

__all__ = ["MESSAGES", "REF_TEMPLATES", "Cite", "RefCall", "ref_calls", "tag_attributes"]

#: Cite's message keys → (English text with ``{0}``, ``{1}`` for parameters, what to do).
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "cite_error_ref_too_many_keys": (
        'invalid parameter "{0}" in <ref> tag; the supported parameters are: {1}',
        "remove it or correct its spelling",
    ),
    "cite_error_ref_parameter_suggestion": (
        'invalid parameter "{0}" in <ref> tag; did you mean "{1}"?',
        "correct its spelling",
    ),
    "cite_error_references_invalid_parameters": (
        'invalid parameter "{0}" in <references> tag; the supported parameters are: {1}',
        "remove it: while it is there MediaWiki shows this error instead of the list",
    ),
    "cite_error_ref_numeric_key": (
        "invalid <ref> tag; name cannot be a simple integer",
        "use a descriptive name such as the author and year",
    ),
    "cite_error_ref_follow_conflicts": (
        'a <ref follow="…"> tag that continues a previous one cannot be named '
        "individually or have details",
        "remove its name= (or details=)",
    ),
    "cite_error_ref_invalid_dir": (
        'invalid dir="{0}", must be "ltr", "rtl" or "auto"',
        "correct it or remove it",
    ),
    "cite_error_ref_conflicting_dir": (
        'one of the <ref> tags named "{0}" has a conflicting dir attribute',
        "give every use the same dir, or none",
    ),
    "cite_error_ref_no_key": (
        "the opening <ref> tag is malformed or has a bad name",
        "give a self-closing <ref/> the name of a note defined elsewhere",
    ),
    "cite_error_ref_no_input": (
        "invalid <ref> tag; refs with no name must have content",
        "add the note's text, or a name that refers to a note defined elsewhere",
    ),
    "cite_error_included_ref": (
        "closing </ref> missing for <ref> tag",
        "close the tag with </ref>",
    ),
    "cite_error_included_references": (
        "closing tag missing for <references>",
        "close the list with </references> and do not nest lists",
    ),
    "cite_error_references_duplicate_key": (
        'invalid <ref> tag; name "{0}" defined multiple times with different content',
        "keep one definition and reuse it with <ref name=… />; the first content is shown",
    ),
    "cite_error_references_no_text": (
        'invalid <ref> tag; no text was provided for refs named "{0}"',
        "define the note once with content, or fix the name's spelling",
    ),
    "cite_error_group_refs_without_references": (
        '<ref> tags exist for a group named "{0}", but no corresponding '
        '<references group="{0}"/> tag was found',
        'add <references group="{0}"/> (or {{{{notelist}}}}/{{{{reflist|group={0}}}}}) '
        "where the notes should be listed",
    ),
    "cite_error_references_missing_key": (
        '<ref> tag with name "{0}" defined in <references> is not used in prior text',
        "use it in the text with <ref name=… /> or remove the definition",
    ),
    "cite_error_references_no_key": (
        "<ref> tag defined in <references> has no name attribute",
        "give it the name the text uses",
    ),
    "cite_error_empty_references_define": (
        '<ref> tag with name "{0}" defined in <references> group "{1}" has no content',
        "add the note's text or remove the empty definition",
    ),
    "cite_error_references_group_mismatch": (
        '<ref> tag in <references> has conflicting group attribute "{0}"',
        "remove its group= or move it to the list of that group",
    ),
    "cite_error_details_missing_parent": (
        "a <ref> tag with details must contain content or point to a parent reference by name",
        "add name= of the main reference",
    ),
    "cite_error_ref_with_details_no_name": (
        "invalid <ref> tag; missing name attribute; a name attribute must be provided "
        "along with a details attribute",
        "add a name= so the details can attach to the main reference",
    ),
    "cite_error_details_unsupported_context": (
        '<ref> tag with name "{0}" cannot use details when inside <references>',
        "move the details= to a use in the text",
    ),
}

#: Keys whose condition stops the ref from rendering.
_FATAL: Final = frozenset(
    {
        "cite_error_ref_follow_conflicts",
        "cite_error_ref_no_key",
        "cite_error_ref_no_input",
        "cite_error_included_ref",
        "cite_error_included_references",
        "cite_error_empty_references_define",
        "cite_error_details_missing_parent",
        "cite_error_group_refs_without_references",
    }
)

_DIGITS: Final = re.compile(r"[0-9]+")
_REF_OPEN: Final = re.compile(r"<ref(?:erences)?\b", re.IGNORECASE)
_new: Final = object.__new__


def _missing_close(content: str) -> bool:
    """Whether a ``<ref>``'s content still holds an opening ``<ref…>``/``<references…>``.

    Cite's Validator removes complete tag pairs and comments first; a ``<ref>`` body ends
    at the first ``</ref>``, so it holds no closing ``</ref>`` and any opening tag left
    outside comments means a ``</ref>`` is missing (``cite_error_included_ref``).  Linear:
    one pass over the openings, with the next ``>`` and comment end found once each.
    """
    next_gt = -1
    comment_end = 0
    searched = 0
    for match in _REF_OPEN.finditer(content):
        position = match.start()
        if position < comment_end:
            continue
        comment = content.rfind("<!--", max(searched, comment_end), position)
        searched = position
        if comment >= 0:
            close = content.find("-->", comment + 4)
            comment_end = len(content) if close < 0 else close + 3
            if position < comment_end:
                continue
        if next_gt < position:
            next_gt = content.find(">", position)
            if next_gt < 0:
                return False
        if content[next_gt - 1] != "/":
            return True
    return False


def _distance(left: str, right: str) -> int:
    """Levenshtein distance (short attribute names only)."""
    previous = list(range(len(right) + 1))
    for i, a in enumerate(left, 1):
        current = [i]
        for j, b in enumerate(right, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


class _Item:
    """A ``ReferenceStackItem``: one note while the page is being read."""

    __slots__ = (
        "definitions",
        "dir",
        "follow",
        "group",
        "name",
        "number",
        "subrefs",
        "text",
        "uses",
        "warnings",
    )

    def __init__(self, group: str, name: str | None) -> None:
        self.group = group
        self.name = name
        self.number: int | None = None
        self.text: str | None = None
        self.dir: str | None = None
        self.follow: str | None = None
        self.uses: list[tuple[int, int, UseKind]] = []
        self.definitions: list[RefTag] = []
        self.warnings: list[str] = []
        self.subrefs: dict[str, _Item] = {}


class Cite:
    """The state of one page: pending notes per group, placed lists, problems."""

    def __init__(
        self,
        source: str,
        *,
        sub_referencing: bool = False,
        locate: Callable[[int], Section] | None = None,
        render: Callable[[Reference], str] | None = None,
        scans: NoteScans | None = None,
    ) -> None:
        self.source = source
        #: Reads a note's citation from the walk's scan of its body, for
        #: ``Reference.citation``.
        self.scans = scans
        #: Renders a note's wikitext as the list shows it, for ``Reference.text``.
        self.render = render
        #: Finds the section of an offset, for ``ReferenceUse.section``.
        self.locate = locate
        #: Whether ``details=`` makes sub-references (``$wgCiteSubReferencing``).
        self.sub_referencing = sub_referencing
        #: Lists placed so far, in page order.
        self.lists: list[ReferenceList] = []
        #: Every problem found, for ``Article.diagnostics``.
        self.problems: list[ScanProblem] = []
        #: (offset, key) of the errors readers see outside the lists.
        self.displayed: list[tuple[int, str]] = []
        self._groups: dict[str, dict[str | int, _Item]] = {}
        self._counters: dict[str, int] = {}
        self._serial = 0
        self._after_list: list[str] = []
        self._allowed: tuple[str, ...] = ("details", "dir", "follow", "group", "name")
        if not sub_referencing:
            self._allowed = self._allowed[1:]

    # --- reporting ----------------------------------------------------------------------

    def _report(self, key: str, offset: int, *params: str) -> None:
        text, advice = MESSAGES[key]
        # The advice names the parameters too ("add <references group="nb"/>").
        message = f"Cite error: {text.format(*params)}; {advice.format(*params)}"
        self.problems.append(
            ScanProblem(key, message, offset, "error" if key in _FATAL else "warning")
        )

    def _fail(
        self, status: list[tuple[str, tuple[str, ...]]], offset: int, shown: int | None
    ) -> None:
        """A fatal status: report every message; readers see the first one at ``shown``
        (after the next list when -1; nowhere when ``None``: the tag's output is dropped)."""
        for key, params in status:
            self._report(key, offset, *params)
        if shown is None:
            return
        if shown >= 0:
            self.displayed.append((shown, status[0][0]))
        else:
            self._after_list.append(status[0][0])

    def _unknown(
        self, attributes: Mapping[str, str], status: list[tuple[str, tuple[str, ...]]]
    ) -> None:
        for attribute in attributes:
            if attribute in self._allowed:
                continue
            close = [
                allowed
                for allowed in self._allowed
                if (d := _distance(attribute, allowed)) <= 1 or d <= len(attribute) / 2
            ]
            if close:
                status.append(("cite_error_ref_parameter_suggestion", (attribute, close[0])))
            else:
                supported = ", ".join(self._allowed)
                status.append(("cite_error_ref_too_many_keys", (attribute, supported)))
            return

    # --- refs ---------------------------------------------------------------------------

    def ref(
        self,
        attributes: Mapping[str, str],
        content: str | None,
        start: int,
        end: int,
        kind: UseKind = "tag",
    ) -> None:
        """A ``<ref>`` outside any list: validate it, then push it (``Cite::guardedRef``)."""
        status: list[tuple[str, tuple[str, ...]]] = []
        self._unknown(attributes, status)
        name = attributes.get("name") or None
        group = attributes.get("group", "")
        follow = attributes.get("follow") or None
        details = attributes.get("details") if self.sub_referencing else None
        fatal = False
        if name is not None and _DIGITS.fullmatch(name):
            status.append(("cite_error_ref_numeric_key", ()))
            name = None
        if follow is not None and _DIGITS.fullmatch(follow):
            status.append(("cite_error_ref_numeric_key", ()))
            fatal = True
        elif follow is not None and (name is not None or details is not None):
            status.append(("cite_error_ref_follow_conflicts", ()))
            fatal = True
        direction = attributes.get("dir")
        if direction is not None:
            direction = direction.lower()
            if direction not in ("ltr", "rtl", "auto"):
                status.append(("cite_error_ref_invalid_dir", (attributes["dir"],)))
                direction = None
        blank = content is None or not content.strip()
        if not fatal and details is not None and name is None:
            if blank:
                status.append(("cite_error_details_missing_parent", ()))
                fatal = True
            elif details:
                status.append(("cite_error_ref_with_details_no_name", ()))
            details = None
        if not fatal and name is None and follow is None:
            if content is None:
                status.append(("cite_error_ref_no_key", ()))
                fatal = True
            elif blank:
                status.append(("cite_error_ref_no_input", ()))
                fatal = True
        if not fatal and kind == "tag" and content and "<" in content and _missing_close(content):
            status.append(("cite_error_included_ref", ()))
            fatal = True
        if fatal:
            self._fail(status, start, start if start >= 0 else None)
            return
        for key, params in status:
            self._report(key, start, *params)
        warnings = [key for key, _ in status]
        text = None if blank else content
        items = self._groups.setdefault(group, {})
        if follow is not None:
            self._follow(items, group, follow, text, start, warnings)
            return
        item = items.get(name) if name is not None else None
        if item is None:
            item = _Item(group, name)
            items[self._key(name)] = item
            item.text = text
            item.dir = direction
        else:
            if direction and item.dir and direction != item.dir:
                warnings.append("cite_error_ref_conflicting_dir")
                self._report("cite_error_ref_conflicting_dir", start, name or "")
            if item.text is None and text is not None:
                item.text = text
                item.dir = direction or item.dir
            elif text is not None and item.text != text:
                warnings.append("cite_error_references_duplicate_key")
                self._report("cite_error_references_duplicate_key", start, name or "")
            elif direction and not item.dir:
                item.dir = direction
        item.warnings.extend(warnings)
        if item.number is None:
            item.number = self._counters.get(group, 0) + 1
            self._counters[group] = item.number
        if details:
            sub = item.subrefs.get(details)
            if sub is None:
                sub = item.subrefs[details] = _Item(group, None)
                sub.text = details
                sub.number = len(item.subrefs)
            sub.uses.append((start, end, kind))
        else:
            item.uses.append((start, end, kind))

    def _key(self, name: str | None) -> str | int:
        if name is not None:
            return name
        self._serial += 1
        return self._serial

    def _follow(
        self,
        items: dict[str | int, _Item],
        group: str,
        follow: str,
        text: str | None,
        start: int,
        warnings: list[str],
    ) -> None:
        """``follow=``: continue an earlier note of the group, or stand alone in the list."""
        parent = items.get(follow)
        if parent is not None:
            parent.text = (parent.text or "") + " " + (text or "")
            parent.warnings.extend(warnings)
            return
        item = _Item(group, None)
        item.follow = follow
        item.text = text
        item.warnings.extend(warnings)
        items[self._key(None)] = item

    def list_defined(
        self,
        attributes: Mapping[str, str],
        content: str | None,
        start: int,
        end: int,
        group: str,
    ) -> None:
        """A ``<ref>`` inside a list of ``group``: it gives content to a used note."""
        status: list[tuple[str, tuple[str, ...]]] = []
        self._unknown(attributes, status)
        name = attributes.get("name") or None
        own_group = attributes.get("group", "")
        if name is not None and _DIGITS.fullmatch(name):
            status.append(("cite_error_ref_numeric_key", ()))
            name = None
        if attributes.get("follow") and name is not None:
            status.append(("cite_error_ref_follow_conflicts", ()))
            self._fail(status, start, -1)
            return
        if own_group and own_group != group:
            status.append(("cite_error_references_group_mismatch", (own_group,)))
        if name is None:
            status.append(("cite_error_references_no_key", ()))
        blank = content is None or not content.strip()
        if blank:
            status.append(("cite_error_empty_references_define", (name or "", group)))
            self._fail(status, start, -1)
            return
        if self.sub_referencing and "details" in attributes:
            status.append(("cite_error_details_unsupported_context", (name or "",)))
        items = self._groups.setdefault(group, {})
        item = items.get(name) if name is not None else None
        if item is None:
            if name is not None:
                status.append(("cite_error_references_missing_key", (name,)))
            item = _Item(group, name)
            item.text = content
            items[self._key(name)] = item
        elif item.text is None:
            item.text = content
        elif item.text != content:
            status.append(("cite_error_references_duplicate_key", (name or "",)))
        for key, params in status:
            self._report(key, start, *params)
        item.warnings.extend(key for key, _ in status)
        item.definitions.append(RefTag(name, group, content, start, end, True, self.source))

    # --- lists --------------------------------------------------------------------------

    def included_references(self, offset: int) -> None:
        """``<references>`` content that holds another ``<references``: a fatal error."""
        self._fail([("cite_error_included_references", ())], offset, offset)

    def references(self, attributes: Mapping[str, str], start: int, end: int) -> None:
        """A ``<references/>`` or ``{{Reflist}}``: output and clear its group."""
        after, self._after_list = self._after_list, []
        unknown = [a for a in attributes if a not in ("group", "responsive")]
        if unknown:
            key = "cite_error_references_invalid_parameters"
            self._report(key, start, unknown[0], "group, responsive")
            self.displayed.append((start, key))
        else:
            group = attributes.get("group", "")
            items = self._groups.pop(group, {})
            self._counters.pop(group, None)
            # A list expanded but not shown (start -1) still takes its group's notes.
            if items and start >= 0:
                self.lists.append(
                    ReferenceList(group, self._freeze(items), start, end, self.source)
                )
        self.displayed.extend((end, key) for key in after)

    def finish(self) -> list[ReferenceList]:
        """Close the page: default-group notes get the generated list, other groups an error."""
        after, self._after_list = self._after_list, []
        self.displayed.extend((len(self.source), key) for key in after)
        items = self._groups.pop("", {})
        if items:
            self.lists.append(ReferenceList("", self._freeze(items), -1, -1, self.source))
        for group, pending in self._groups.items():
            if not pending:
                continue
            first = min(
                (use[0] for item in pending.values() for use in item.uses if use[0] >= 0),
                default=len(self.source),
            )
            key = "cite_error_group_refs_without_references"
            self._report(key, first, group)
            self.displayed.append((len(self.source), key))
        self._groups.clear()
        self.displayed.sort(key=lambda entry: entry[0])
        return self.lists

    def _freeze(self, items: dict[str | int, _Item]) -> tuple[Reference, ...]:
        """The list as ``ReferenceListFormatter`` orders it: unnumbered notes first."""
        unnumbered = [item for item in items.values() if item.number is None]
        numbered = sorted(
            (item for item in items.values() if item.number is not None),
            key=lambda item: item.number or 0,
        )
        return tuple(self._reference(item) for item in (*unnumbered, *numbered))

    def _reference(self, item: _Item) -> Reference:
        label = None if item.number is None else marker_label(item.group, item.number)
        errors = list(dict.fromkeys(item.warnings))
        if item.text is None and item.follow is None and (item.uses or item.name):
            key = "cite_error_references_no_text"
            errors.insert(0, key)
            offset = item.uses[0][0] if item.uses else 0
            self._report(key, offset, item.name or "")
        subs = tuple(self._subreference(item, sub, label or "") for sub in item.subrefs.values())
        # PERF: filled as attrs' frozen ``__init__`` fills it, field by field in order,
        # without its Python frame (tests/test_references.py checks they are the same).
        note: Reference = _new(Reference)
        fields = note.__dict__
        fields["number"] = item.number
        fields["group"] = item.group
        fields["name"] = item.name
        fields["wikitext"] = item.text or ""
        fields["uses"] = self._uses(item, label or "")
        fields["definitions"] = tuple(item.definitions)
        fields["label"] = label
        fields["follow"] = item.follow
        fields["subreferences"] = subs
        fields["errors"] = tuple(errors)
        fields["_render"] = self.render
        fields["_scans"] = self.scans
        return note

    def _subreference(self, main: _Item, sub: _Item, main_label: str) -> Reference:
        label = f"{main_label}.{sub.number}"
        return Reference(
            main.number,
            main.group,
            None,
            sub.text or "",
            self._uses(sub, label, main.name),
            label=label,
            render=self.render,
            scans=self.scans,
        )

    def _uses(self, item: _Item, label: str, name: str | None = None) -> tuple[ReferenceUse, ...]:
        count = len(item.uses)
        uses: list[ReferenceUse] = []
        for index, (start, end, kind) in enumerate(item.uses):
            use: ReferenceUse = _new(ReferenceUse)  # filled as attrs fills it (see above)
            fields = use.__dict__
            fields["start"] = start
            fields["end"] = end
            fields["group"] = item.group
            fields["name"] = item.name if name is None else name
            fields["label"] = label
            fields["index"] = index
            fields["backlink"] = (
                None if count < 2 else backlink_label(index, count=count, number=item.number)
            )
            fields["kind"] = kind
            fields["_source"] = self.source
            fields["_locate"] = self.locate
            uses.append(use)
        return tuple(uses)


# --- templates that make refs ---------------------------------------------------------


class RefCall:
    """One ``<ref>`` a template or ``{{#tag:ref}}`` makes: its attributes and content."""

    __slots__ = ("attributes", "content")

    def __init__(self, attributes: dict[str, str], content: str | None) -> None:
        self.attributes = attributes
        self.content = content


#: ``{{efn}}`` and its variants: the group each uses when ``group=`` names no other
#: reserved group (Template:Efn's ``#switch``).
EFN_TEMPLATES: Final = {
    "Efn": "lower-alpha",
    "Efn-la": "lower-alpha",
    "Efn-ua": "upper-alpha",
    "Efn-lr": "lower-roman",
    "Efn-ur": "upper-roman",
    "Efn-lg": "lower-greek",
    "Notetag": "lower-alpha",
    "NoteTag": "lower-alpha",
}
EFN_GROUPS: Final = frozenset(
    {"note", "upper-alpha", "upper-roman", "lower-alpha", "lower-greek", "lower-roman"}
)
#: Short-footnote templates (Module:Footnotes) and whether the year is parenthesised.
SFN_TEMPLATES: Final = {"Sfn": False, "Sfnp": True, "Sfnm": False, "Sfnmp": True}
_R_NAMES: Final = frozenset({"R", "Rp name"})
#: Every template name ``ref_calls`` knows.
REF_TEMPLATES: Final = frozenset({*EFN_TEMPLATES, "Refn", *_R_NAMES, *SFN_TEMPLATES})


#: ``{{#tag:…}}`` strips one pair of quotes around an attribute value, matched or not
#: (CoreParserFunctions::tagObj): ``group="nb"`` and ``name = 'pop'`` name ``nb`` and ``pop``.
_TAG_QUOTES: Final = re.compile(r"""\A(?:["'](.+)["']|""|'')\Z""", re.DOTALL)


def tag_attribute(value: str) -> str:
    """An attribute value as ``{{#tag:ref|…|name=…}}`` passes it: trimmed, quotes stripped."""
    value = value.strip()
    found = _TAG_QUOTES.match(value)
    return value if found is None else (found.group(1) or "")


def _attribute(params: Mapping[str, str], *names: str) -> str:
    """A parameter that a ref-making template passes to ``{{#tag:ref}}`` as an attribute."""
    return tag_attribute(_value(params, *names))


def _value(params: Mapping[str, str], *names: str) -> str:
    for name in names:
        value = params.get(name)
        if value is not None and value.strip():
            return strip_comments(value).strip()
    return ""


def ref_calls(name: str, params: Mapping[str, str]) -> list[RefCall] | None:
    """The refs a template call makes, or ``None`` when it makes none.

    * ``{{efn|text|name=|group=}}`` (and ``efn-ua``, ``efn-lr``, ``efn-ur``, ``efn-lg``):
      a ref in ``lower-alpha`` (``upper-alpha`` …), as ``{{#tag:ref|…}}``;
    * ``{{refn|text|name=|group=}}``: a ref in the given group;
    * ``{{r|a|b|…|group=}}``: a reuse ``<ref name=a/>`` per name (``r=`` gives the first
      one's content);
    * ``{{sfn|Author|Year|p=}}`` and ``{{sfnp}}``: Module:Footnotes' ref, named
      ``FOOTNOTE`` + the positional arguments + page(s)/location, with the text
      ``Author Year, p. 5.``; identical calls are therefore reuses of one note.
    """
    if name in EFN_TEMPLATES:
        group = _attribute(params, "group")
        return [
            RefCall(
                {
                    "name": _attribute(params, "name"),
                    "group": group if group in EFN_GROUPS else EFN_TEMPLATES[name],
                },
                params.get("1", params.get("text", "")),
            )
        ]
    if name == "Refn":
        return [
            RefCall(
                {"name": _attribute(params, "name"), "group": _attribute(params, "group")},
                params.get("1", ""),
            )
        ]
    if name in _R_NAMES:
        group = _attribute(params, "group", "g")
        calls = []
        for index in range(1, 10):
            ref_name = _attribute(params, str(index)) or (
                _attribute(params, "name", "n") if index == 1 else ""
            )
            if not ref_name:
                break
            content = _value(params, "r", "reference") if index == 1 else ""
            calls.append(RefCall({"name": ref_name, "group": group}, content or None))
        return calls
    if name in ("Sfnm", "Sfnmp"):
        return [_multiple_footnote(params)]
    if name in SFN_TEMPLATES:
        return [_short_footnote(params, SFN_TEMPLATES[name])]
    return None


def _multiple_footnote(params: Mapping[str, str]) -> RefCall:
    """``{{sfnm}}``: one note citing several works (``1a1=``, ``1y=``, ``1p=`` …).

    Named, like Module:Footnotes does, from all its arguments, so identical calls merge;
    the text approximates the module's (authors and year per work, joined by ``; ``).
    """
    values = [strip_comments(value).strip() for value in params.values()]
    works = []
    for index in range(1, 10):
        author = _value(params, f"{index}a1")
        year = _value(params, f"{index}y")
        if not author and not year:
            break
        text = " ".join(filter(None, (author, year)))
        page = _value(params, f"{index}p")
        pages = _value(params, f"{index}pp")
        location = _value(params, f"{index}loc")
        text += f", p. {page}" if page else f", pp. {pages}" if pages else ""
        text += f", {location}" if location else ""
        works.append(text)
    return RefCall({"name": "FOOTNOTE" + "".join(values), "group": ""}, "; ".join(works) + ".")


def _short_footnote(params: Mapping[str, str], parenthesised: bool) -> RefCall:
    """Module:Footnotes' ``sfn``: the generated ref name and the note's text."""
    positional = [_value(params, str(i)) for i in range(1, 6)]
    while positional and not positional[-1]:
        positional.pop()
    page = _value(params, "p", "page")
    pages = _value(params, "pp", "pages")
    location = _value(params, "loc", "at")
    name = "FOOTNOTE" + "".join(positional) + page + pages + location
    names, year = (positional[:-1], positional[-1]) if len(positional) > 1 else (positional, "")
    if len(names) >= 4:
        who = f"{names[0]} et al."
    elif len(names) == 3:
        who = f"{names[0]}, {names[1]} & {names[2]}"
    else:
        who = " & ".join(names)
    text = f"{who} ({year})" if parenthesised and year else " ".join(filter(None, (who, year)))
    if page:
        text += f", p. {page}"
    elif pages:
        text += f", pp. {pages}"
    if location:
        text += f", {location}"
    postscript = params.get("ps", ".")
    text += "" if postscript.strip().lower() == "none" else postscript.strip()
    return RefCall({"name": name, "group": ""}, text)


def tag_attributes(raw: list[tuple[str, str]]) -> dict[str, str]:
    """``{{#tag:…|content|name=value}}`` attributes as ``CoreParserFunctions::tagObj`` reads them.

    Names and values are trimmed (comments dropped) and one pair of surrounding quotes is
    removed from a value.
    """
    attributes: dict[str, str] = {}
    for name, value in raw:
        value = strip_comments(value).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        attributes[strip_comments(name).strip()] = " ".join(value.split())
    return attributes

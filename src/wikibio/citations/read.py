"""Reading a citation call: its parameters as ``Module:Citation/CS1`` reads its arguments.

Each field comes from the first of its aliases that is set, names from numbered parameters,
dates kept as written beside their reading, old spellings reported as the module reports
them (``wikibio.citations`` tells the rules). What the reader gives is the keyword arguments
of a ``Citation`` (``Fields``); ``wikibio.citations`` builds the value.

PERF: this module is compiled (``setup.py``): every note of a page is read here, and the
reading view renders most notes from their citation. It therefore defines no attrs class;
the values it makes are in ``wikibio.citations.parts``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Final, Literal

from wikibio.citations.dates import check_date
from wikibio.citations.localised import LOCALISED_CITATIONS
from wikibio.citations.params import (
    ALIASES,
    CITATION_CLASSES,
    DISCOURAGED,
    IDENTIFIERS,
    NAME_LISTS,
    REMOVED,
    REMOVED_NUMBERED,
)
from wikibio.citations.parts import CitationDate, CitationProblem, Identifier, Person
from wikibio.syntax import scan
from wikibio.syntax.calls import part_params
from wikibio.syntax.chars import holds_any
from wikibio.syntax.names import strip_comments
from wikibio.values import display_text

__all__ = [
    "Fields",
    "call_fields",
    "could_hold_citation",
    "first_fields",
    "is_one_call",
    "normal_name",
    "note_tree",
    "template_fields",
]

#: A citation's fields by name: the keyword arguments of ``Citation``.
Fields = dict[str, object]

_URL_FIELDS: Final = frozenset({"url", "archive_url", "chapter_url", "conference_url"})


@functools.lru_cache(maxsize=2048)
def normal_name(name: str) -> str:
    """A template name as the citation tables key it; cached, as pages repeat their calls."""
    return " ".join(strip_comments(name).replace("_", " ").split()).casefold()


_NAMES: Final = {*CITATION_CLASSES, *LOCALISED_CITATIONS}
#: Where a citation call could start: a ``{{`` before a first letter of some name (in any
#: case).  Trying every name at every ``{{`` would cost a microsecond each (18 ms for a
#: 200 KB nest of ``{{#tag:ref|`` calls, a hundred times over for its nested notes).
_CANDIDATE: Final = re.compile(
    r"\{\{[\s_]*[" + re.escape("".join(sorted({name[0] for name in _NAMES}))) + "]",
    re.IGNORECASE,
)
#: A call's name at a ``{{``, and what ends it (a pipe, braces, a tag or comment).
_NAME_AT: Final = re.compile(r"\{\{([^{}|<]*)([|}<]?)")
#: A ``{{`` whose name holds a tag or comment: such a name is read by a scan.
_NAME_WITH_TAG: Final = re.compile(r"\{\{[^{}|<]*<")


def could_hold_citation(wikitext: str) -> bool:
    """Whether some ``{{`` in ``wikitext`` opens a call of a citation template.

    Read without a scan, and generous (a name holding a comment or tag counts): a note
    for which this is false has no citation, and its text need not be scanned to know it
    (notes nested a hundred deep would otherwise each scan all the notes inside them).
    """
    if "{{" not in wikitext:
        return False
    for candidate in _CANDIDATE.finditer(wikitext):
        found = _NAME_AT.match(wikitext, candidate.start())
        if found is not None and normal_name(found.group(1)) in _NAMES:
            return True
    return _NAME_WITH_TAG.search(wikitext) is not None


def is_one_call(wikitext: str, tree: scan.ScanResult) -> bool:
    """Whether ``wikitext`` is one template call and nothing else (blanks aside).

    ``tree`` is its scan, made where ``wikitext`` stands: on its own (``tree.start`` is 0)
    or in place in its page (a ``<ref>`` body the page walk scanned).
    """
    stripped = wikitext.strip()
    if len(tree.children) != 1 or tree.problems or not stripped.startswith("{{"):
        return False
    node = tree.children[0]
    start = tree.start + len(wikitext) - len(wikitext.lstrip())
    return (
        type(node) is scan.Template
        and (node.start, node.end) == (start, start + len(stripped))
        and not node.is_arg
    )


@functools.lru_cache(maxsize=256)
def note_tree(wikitext: str) -> scan.ScanResult:
    """A note's scan on its own, cached: a reference's ``citation`` and ``text`` (through
    ``find_citation`` and ``lone_citation``) ask for the same note.  Read-only."""
    return scan.scan(wikitext)


def first_fields(source: str, nodes: Iterable[scan.Node]) -> Fields | None:
    """The fields of the first citation call among scanned ``nodes`` of ``source``
    (headings entered)."""
    pending = list(nodes)
    pending.reverse()
    while pending:
        node = pending.pop()
        kind = type(node)
        if kind is scan.Template:
            assert isinstance(node, scan.Template)
            if node.is_arg:
                continue
            fields = call_fields(source, node)
            if fields is not None:
                return fields
        elif kind is scan.Heading:
            assert isinstance(node, scan.Heading)
            pending.extend(reversed(node.children))
    return None


def call_fields(source: str, node: scan.Template) -> Fields | None:
    """The fields of a scanned call, read straight from the scan's parts; ``None`` when
    it is no citation.

    PERF: most calls in notes are citations read once; reading the name first and the
    parameters from the offsets skips the ``Template`` view and its params' copies, and
    calls that are no citation cost one name lookup.
    """
    title = node.parts[0]
    for child in title.children:
        if type(child) is not scan.Comment:
            return None  # a name built by another call (``Template.dynamic``)
    name = normal_name(source[title.start : title.end])
    style = CITATION_CLASSES.get(name)
    if style is None:
        if name not in LOCALISED_CITATIONS:
            return None
        return _localised(name, part_params(source, node.parts))
    return _read(name, style, part_params(source, node.parts))


def template_fields(title: str, params: Mapping[str, str]) -> Fields | None:
    """The fields of a call of template ``title`` with ``params`` (name → wikitext);
    ``None`` when it is no citation template.  ``params`` is copied."""
    name = normal_name(title)
    style = CITATION_CLASSES.get(name)
    if style is None:
        # PERF: most calls are no citation; their parameters are not read.
        return _localised(name, params) if name in LOCALISED_CITATIONS else None
    return _read(name, style, dict(params))


def _localised(name: str, params: Mapping[str, str]) -> Fields | None:
    """Another Wikipedia's citation template (``{{lien web}}``), read as the CS1 template
    of the same class with its parameters renamed (``wikibio.citations.localised``).

    The citation keeps its own template name and parameters; ``origins`` names the CS1
    parameter each field was read from.
    """
    entry = LOCALISED_CITATIONS.get(name)
    if entry is None:
        return None
    cs1, renames = entry
    renamed: dict[str, str] = {}
    for key, value in params.items():
        target = renames.get(" ".join(key.split()).casefold(), key)
        if target not in renamed or not renamed[target].strip():
            renamed[target] = value
    fields = _read(cs1, CITATION_CLASSES[cs1], renamed)
    fields["template"] = name
    fields["params"] = dict(params)
    return fields


def _plain(wikitext: str) -> str:
    """The text of a parameter value, one line."""
    text = display_text(wikitext)  # its lines come trimmed
    return " ".join(text.split("\n")) if "\n" in text else text


class _Reader:
    """Arguments of one call, read as the module's ``argument_wrapper`` reads them."""

    def __init__(self, params: dict[str, str]) -> None:
        self.params = params
        self.origins: dict[str, str] = {}
        self.problems: list[CitationProblem] = []
        self._plain: dict[str, str] = {}
        # Read-only, shared by the calls that give the same names (see _names_read).
        self._aliases, self.old, self._numbers, self.late, self.identifies = _names_read(
            tuple(params)
        )

    def text(self, name: str) -> str:
        """The text of parameter ``name`` (``""`` when absent or empty)."""
        plain = self._plain.get(name)
        if plain is None:
            raw = self.params.get(name)
            if raw is None:
                plain = ""
            elif (
                raw and raw[0] not in "*#:;" and not holds_any(raw, _NOT_PLAIN) and "  " not in raw
            ):
                # PERF: plain words (most values); _plain would give this, in five calls.
                plain = raw.strip()
            else:
                plain = _plain(raw)
            self._plain[name] = plain
        return plain

    def raw(self, name: str) -> str:
        return strip_comments(self.params.get(name, "")).strip()

    def get(self, key: str) -> str | None:
        """The first set alias of field ``key``; two set aliases are the module's error."""
        aliases = self._aliases.get(key)
        if aliases is None:
            return None
        if len(aliases) == 1:
            # PERF: most fields are given by one parameter: no list of the set ones.
            alias = aliases[0]
            value = self.raw(alias) if key in _URL_FIELDS else self.text(alias)
            if not value:
                return None
            self.origins[key] = alias
            return value
        chosen: str | None = None
        found: list[str] = []
        for alias in aliases:
            value = self.raw(alias) if key in _URL_FIELDS else self.text(alias)
            if value:
                found.append(alias)
                if chosen is None:
                    chosen = value
                    self.origins[key] = alias
        if len(found) > 1:
            self._redundant(found)
        return chosen

    def _redundant(self, found: list[str]) -> None:
        names = [f"|{name}=" for name in found]
        listed = (
            " and ".join(names)
            if len(names) <= 2
            else ", ".join(names[:-1]) + (f", and {names[-1]}")
        )
        self.problems.append(
            CitationProblem(
                "redundant_parameters", f"More than one of {listed} specified", True, found[0]
            )
        )

    def numbered(self, names: tuple[str, ...]) -> tuple[str | None, str]:
        """``select_one`` for a numbered name part given by its parameter ``names``
        (``_index_names``): the value and the parameter."""
        found: list[str] = []
        value: str | None = None
        origin = ""
        params = self.params
        for name in names:
            if name not in params:
                continue
            text = self.text(name)
            if text:
                found.append(name)
                if value is None:
                    value, origin = text, name
        if len(found) > 1:
            self._redundant(found)
        return value, origin

    def name_numbers(self, role: str) -> frozenset[int]:
        """The numbers of the names of list ``role`` that some last or first name
        parameter gives (``last2`` gives 2; ``last`` and ``last1`` give 1); empty when no
        parameter has the shape of one (``last#``, ``author#``, ``first#`` … for
        ``"author"``)."""
        return self._numbers.get(role, _NO_NUMBERS)


def _fields_of() -> dict[str, tuple[tuple[str, int], ...]]:
    fields: dict[str, tuple[tuple[str, int], ...]] = {}
    for key, aliases in ALIASES.items():
        for position, alias in enumerate(aliases):
            fields[alias] = (*fields.get(alias, ()), (key, position))
    return fields


#: Each parameter name → the fields it is an alias of, with its rank among their aliases.
_FIELDS_OF: Final = _fields_of()
_DIGITS: Final = re.compile(r"\d+")
_NameInfo = tuple[tuple[tuple[str, int], ...], tuple[bool, str] | None, tuple[str, ...], int]
_NO_NUMBERS: Final[frozenset[int]] = frozenset()


#: Without these and a run of spaces, ``values.display_text`` shows a value as it is,
#: trimmed: no markup, entity, line break or blank that ``fold_blanks`` would change
#: (``span_display``'s plain case).  PERF: tested by substring searches, which on a short
#: value cost a third of one regex search (the call, its state); a citation reads a dozen.
_NOT_PLAIN: Final = "[]{}<>'&\n\r\t\xa0\u2009\u202f"

_Aliases = dict[str, tuple[str, ...]]
_NamesRead = tuple[
    _Aliases, tuple[tuple[str, bool, str], ...], dict[str, frozenset[int]], tuple[str, ...], bool
]


@functools.lru_cache(maxsize=2048)
def _names_read(names: tuple[str, ...]) -> _NamesRead:
    """What a call's parameter names tell ``_Reader``: each field → its given aliases in
    the module's order, the old spellings (in call order), for each name list the numbers
    its last and first name parameters give, the fields read after the names (``_read``'s
    ``late``, in the module's order) and whether some name gives an identifier.

    PERF: a call gives ~10 of the module's ~400 parameter names; going from the given
    names to their fields, once, makes each field's lookup a dict miss; and calls written
    by the same tools give the same names, so the whole reading is cached.
    """
    present: dict[str, list[tuple[int, str]]] = {}
    old_names: list[tuple[str, bool, str]] = []
    numbers: dict[str, set[int]] = {}
    for name in names:
        fields, old, roles, number = _name_info(name)
        if old is not None:
            old_names.append((name, *old))
        for role in roles:
            numbers.setdefault(role, set()).add(number)
        for key, position in fields:
            found = present.get(key)
            if found is None:
                present[key] = [(position, name)]
            else:
                found.append((position, name))
    # Tuples: cached, and tuples of strings leave the collector's care at its first pass.
    aliases = {
        key: (found[0][1],) if len(found) == 1 else tuple(n for _, n in sorted(found))
        for key, found in present.items()
    }
    frozen = {role: frozenset(found) for role, found in numbers.items()}
    late = [key for key in aliases if key in _LATE_RANK]
    late.extend(_NAME_ROLES)
    late.sort(key=_LATE_RANK.__getitem__)
    identifies = not _IDENTIFIER_NAMES.isdisjoint(names)
    return aliases, tuple(old_names), frozen, tuple(late), identifies


@functools.lru_cache(maxsize=8192)
def _name_info(name: str) -> _NameInfo:
    """What ``_Reader`` needs of a parameter name, worked out once per name: the fields
    it is an alias of (``_FIELDS_OF``), for an old spelling whether it is still accepted
    (discouraged) and the name to use instead (else ``None``), the name lists whose last
    or first name it has the shape of (numbers as ``#``: ``last2`` is ``last#``), and its
    number (``2`` for ``last2``, ``1`` for ``last``).

    PERF: citations repeat a few dozen names; one cached lookup replaces a regex match
    and three lookups per name.
    """
    old: tuple[bool, str] | None = None
    if name in DISCOURAGED:
        old = (True, DISCOURAGED[name])
    else:
        suggestion = REMOVED.get(name)
        if suggestion is None:
            match = REMOVED_NUMBERED.fullmatch(name)
            if match:
                role, part1, n1, n2, part2 = match.groups()
                suggestion = f"{role}-{part1 or part2}{n1 or n2}"
        if suggestion is not None:
            old = (False, suggestion)
    shape = _DIGITS.sub("#", name)
    roles = tuple(role for role, shapes in _ROLE_SHAPES.items() if shape in shapes)
    digits = _DIGITS.search(name)
    number = int(digits.group()) if digits is not None and len(digits.group()) < 6 else 1
    return _FIELDS_OF.get(name, ()), old, roles, number


#: The parameters that give identifiers (``|doi=``, ``|isbn=`` …).
_IDENTIFIER_NAMES: Final = frozenset(IDENTIFIERS)


@functools.cache
def _shapes(patterns: tuple[str, ...]) -> frozenset[str]:
    """The names of ``patterns`` with numbers as ``#``, and their unnumbered forms."""
    return frozenset({*patterns, *(pattern.replace("#", "") for pattern in patterns)})


#: Each name list's role → the shapes of its last and first names, in one set (each
#: parameter name is matched against the five roles once, in ``_name_info``).
_ROLE_SHAPES: Final = {
    role: _shapes(lists[0]) | _shapes(lists[1]) for role, lists in NAME_LISTS.items()
}


def _numbered_names(patterns: tuple[str, ...], index: int) -> tuple[str, ...]:
    """The parameter names of ``patterns`` for name ``index`` (the first also unnumbered)."""
    names: dict[str, None] = {}
    for pattern in patterns:
        if index == 1:
            names[pattern.replace("#", "")] = None
        names[pattern.replace("#", str(index))] = None
    return tuple(names)


_IndexNames = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
#: Each name list's role → name number → the parameter names of its last, first, link
#: and mask parts, filled as citations ask.  PERF: one lookup per name instead of four
#: cached calls keyed by a tuple of patterns (hashed at each call).
_INDEX_NAMES: Final[dict[str, dict[int, _IndexNames]]] = {role: {} for role in NAME_LISTS}


def _index_names(role: str, index: int) -> _IndexNames:
    known = _INDEX_NAMES[role]
    names = known.get(index)
    if names is None:
        last, first, link, mask = NAME_LISTS[role]
        names = (
            _numbered_names(last, index),
            _numbered_names(first, index),
            _numbered_names(link, index),
            _numbered_names(mask, index),
        )
        if index <= 100:  # bounded: a hostile citation may number names up to 999
            known[index] = names
    return names


_ETAL: Final = (
    re.compile(r"[;,]? *[\"']*\b[Ee][Tt]\.? *[Aa][Ll][.;,\"']*$"),
    re.compile(r"[;,]? *[\"']*\b[Ee][Tt]\.? *[Aa][Ll][Ii][AaIi][Ee]?[.;,\"']*$"),
    re.compile(r"[;,]? *\band [Oo]thers"),
    re.compile(r"[(\[] *[Ee][Tt]\.? *[Aa][Ll]\.? *[)\]]"),
)


def _without_etal(name: str) -> tuple[str, bool]:
    folded = name.lower()
    if "al" not in folded and "others" not in folded:
        return name, False  # PERF: no pattern can match; most names
    found = False
    for pattern in _ETAL:
        if pattern.search(name):
            name = pattern.sub("", name).strip()
            found = True
    return name, found


def _names(reader: _Reader, role: str) -> tuple[tuple[Person, ...], bool]:
    """``extract_names``: numbered names until two numbers in a row are missing."""
    numbers = reader.name_numbers(role)
    if not numbers:
        return (), False
    people: list[Person] = []
    etal = False
    missing = 0
    index = 1
    while index < 1000:
        if index not in numbers:
            # PERF: no last or first name parameter has this number: no name to look up.
            missing += 1
            if missing >= 2:
                break
            index += 1
            continue
        last_names, first_names, link_names, mask_names = _index_names(role, index)
        last, last_origin = reader.numbered(last_names)
        first, first_origin = reader.numbered(first_names)
        if last:
            last, found = _without_etal(last)
            etal = etal or found
        if first:
            first, found = _without_etal(first)
            etal = etal or found
        if last:
            link, _ = reader.numbered(link_names)
            mask, _ = reader.numbered(mask_names)
            raw_first = reader.params.get(first_origin) if first else None
            people.append(
                _person(
                    last, first or None, link, mask, reader.params.get(last_origin, ""), raw_first
                )
            )
            missing = 0
        elif not first:
            missing += 1
            if missing >= 2:
                break
        index += 1
    return tuple(people), etal


def _vancouver(text: str) -> tuple[tuple[Person, ...], bool]:
    """``|vauthors=Smith JA, Doe J``: one name per comma-separated item."""
    people: list[Person] = []
    etal = False
    for item in text.split(","):
        name = item.strip()
        if not name:
            continue
        stripped, found = _without_etal(name)
        if stripped.startswith("((") and stripped.endswith("))"):  # accept-as-written markup
            stripped = stripped[2:-2].strip()
        etal = etal or found
        if stripped:
            people.append(_person(stripped, None, None, None, name, None))
    return tuple(people), etal


def _date(reader: _Reader, key: str, param: str) -> CitationDate | None:
    text = reader.get(key)
    if text is None:
        return None
    raw = reader.params.get(reader.origins[key], "").strip()
    return _citation_date(raw, text, check_date(text, param))


# PERF: attrs' __init__ of a frozen class is a Python frame with a setter per field (4,500
# instructions a date, 8,000 a person, and a page's notes make thousands); they are made
# here as attrs makes them, each field set directly (tests/test_citations.py checks they
# are the same values).
_new: Final = object.__new__
_set: Final = object.__setattr__


def _citation_date(raw: str, text: str, valid: bool) -> CitationDate:
    """``CitationDate(raw, text, valid)`` (a class with a ``__dict__``)."""
    date: CitationDate = _new(CitationDate)
    fields = date.__dict__
    fields["raw"] = raw
    fields["text"] = text
    fields["valid"] = valid
    return date


def _person(
    last: str,
    first: str | None,
    link: str | None,
    mask: str | None,
    raw_last: str,
    raw_first: str | None,
) -> Person:
    """``Person(last, first, link, mask, raw_last=…, raw_first=…)`` (a slotted class)."""
    person: Person = _new(Person)
    _set(person, "last", last)
    _set(person, "first", first)
    _set(person, "link", link)
    _set(person, "mask", mask)
    _set(person, "raw_last", raw_last)
    _set(person, "raw_first", raw_first)
    return person


def _identifier(kind: str, value: str, parameter: str) -> Identifier:
    """``Identifier(kind, value, parameter)`` (a slotted class)."""
    identifier: Identifier = _new(Identifier)
    _set(identifier, "kind", kind)
    _set(identifier, "value", value)
    _set(identifier, "parameter", parameter)
    return identifier


def _count(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def _read(name: str, style: str, params: dict[str, str]) -> Fields:
    """The fields of a call of CS1 template ``name``; they keep ``params`` (callers hand
    over a dict of their own)."""
    if name == "cite tweet":
        params = _tweet(params)
    reader = _Reader(params)

    name_list_style = reader.get("name_list_style")
    vauthors, veditors = reader.get("vauthors"), reader.get("veditors")
    if vauthors is not None:
        authors, authors_etal = _vancouver(vauthors)
        name_list_style = "vanc"
    else:
        authors, authors_etal = _names(reader, "author")
    if veditors is not None:
        editors, editors_etal = _vancouver(veditors)
        name_list_style = "vanc"
    else:
        editors, editors_etal = _names(reader, "editor")
    display_authors, display_editors = reader.get("display_authors"), reader.get("display_editors")
    if _is_etal(display_authors):
        authors_etal, display_authors = True, None
    if _is_etal(display_editors):
        editors_etal, display_editors = True, None

    script_title = reader.get("script_title")
    script_language = None
    if script_title is not None:
        match = _SCRIPT_PREFIX.match(script_title)
        if match:
            script_language = match.group(1)
            script_title = script_title[match.end() :]

    mode_value = (reader.get("mode") or "").lower()
    mode: Literal["cs1", "cs2"] = "cs2" if style == "citation" else "cs1"
    if mode_value in ("cs1", "cs2"):
        mode = "cs2" if mode_value == "cs2" else "cs1"

    url_status = reader.get("url_status")
    if url_status is not None:
        url_status = url_status.lower()
    else:
        old = reader.text("dead-url") or reader.text("deadurl")
        if old:
            url_status = "live" if old.lower() in ("no", "live", "false", "n") else "dead"
    _report_old_names(reader)

    identifiers: tuple[Identifier, ...] = ()
    if reader.identifies:
        identifiers = tuple(
            _identifier(kind, reader.text(parameter), parameter)
            for parameter, kind in IDENTIFIERS.items()
            if parameter in reader.params and reader.text(parameter)
        )
    fields: dict[str, object] = {}
    # PERF: only the fields some given parameter feeds are read (~10 of ~60).
    for key in reader.late:
        how, parameter = _LATE_HOW[key]
        if how == "names":
            people = _names(reader, key)[0]
            if people:
                fields[f"{key}s"] = people
        else:
            if how == "get":
                fields[key] = reader.get(key)
            elif how == "date":
                fields[key] = _date(reader, key, parameter)
            elif how == "prefix":
                fields[key] = _without_prefix(reader.get(key))
            else:  # "flag"
                fields[key] = (reader.get(key) or "").lower() in ("yes", "true", "y")
    fields["template"] = name
    fields["style"] = style
    fields["mode"] = mode
    fields["authors"] = authors
    fields["authors_etal"] = authors_etal
    fields["display_authors"] = _count(display_authors)
    fields["editors"] = editors
    fields["editors_etal"] = editors_etal
    fields["display_editors"] = _count(display_editors)
    fields["name_list_style"] = name_list_style
    fields["script_title"] = script_title
    fields["script_language"] = script_language
    fields["url_status"] = url_status
    fields["identifiers"] = identifiers
    fields["params"] = params
    fields["origins"] = reader.origins
    fields["problems"] = tuple(reader.problems)
    return fields


_Late = Literal["get", "date", "names", "prefix", "flag"]

#: The fields read after the names, in the order the module reads them (a redundant
#: parameter's problem is reported in this order): ``(field, how, parameter)``.  A field
#: none of whose parameters is given keeps its default; ``names`` read a name list
#: (``translator`` → ``translators``).
_LATE_FIELDS: Final[tuple[tuple[str, _Late, str], ...]] = (
    ("authors_text", "get", ""),
    ("translator", "names", ""),
    ("interviewer", "names", ""),
    ("contributor", "names", ""),
    ("collaboration", "get", ""),
    ("date", "date", "date"),
    ("year", "date", "year"),
    ("orig_date", "get", ""),
    ("publication_date", "date", "publication-date"),
    ("title", "get", ""),
    ("trans_title", "get", ""),
    ("title_link", "get", ""),
    ("chapter", "get", ""),
    ("trans_chapter", "get", ""),
    ("script_chapter", "prefix", ""),
    ("chapter_url", "get", ""),
    ("chapter_format", "get", ""),
    ("book_title", "get", ""),
    ("work", "get", ""),
    ("trans_work", "get", ""),
    ("script_work", "prefix", ""),
    ("encyclopedia", "get", ""),
    ("department", "get", ""),
    ("type", "get", ""),
    ("series", "get", ""),
    ("volume", "get", ""),
    ("issue", "get", ""),
    ("page", "get", ""),
    ("pages", "get", ""),
    ("at", "get", ""),
    ("no_pp", "flag", ""),
    ("edition", "get", ""),
    ("others", "get", ""),
    ("publisher", "get", ""),
    ("location", "get", ""),
    ("publication_place", "get", ""),
    ("agency", "get", ""),
    ("via", "get", ""),
    ("conference", "get", ""),
    ("conference_url", "get", ""),
    ("degree", "get", ""),
    ("url", "get", ""),
    ("url_access", "get", ""),
    ("format", "get", ""),
    ("access_date", "date", "access-date"),
    ("archive_url", "get", ""),
    ("archive_date", "date", "archive-date"),
    ("archive_format", "get", ""),
    ("quote", "get", ""),
    ("trans_quote", "get", ""),
    ("script_quote", "prefix", ""),
    ("quote_page", "get", ""),
    ("quote_pages", "get", ""),
    ("language", "get", ""),
    ("id", "get", ""),
    ("postscript", "get", ""),
    ("df", "get", ""),
)
_LATE_RANK: Final = {key: rank for rank, (key, _, _) in enumerate(_LATE_FIELDS)}
_LATE_HOW: Final = {key: (how, parameter) for key, how, parameter in _LATE_FIELDS}
_NAME_ROLES: Final = tuple(key for key, how, _ in _LATE_FIELDS if how == "names")


_SCRIPT_PREFIX: Final = re.compile(r"\s*([a-z]{2,3})\s*:\s*")


def _without_prefix(value: str | None) -> str | None:
    """A ``|script-…=`` value without its ``zh:`` language prefix."""
    if value is None:
        return None
    match = _SCRIPT_PREFIX.match(value)
    return value[match.end() :] if match else value


def _is_etal(value: str | None) -> bool:
    return value is not None and re.sub(r"[ '.]", "", value).lower() == "etal"


def _report_old_names(reader: _Reader) -> None:
    for name, discouraged, suggestion in reader.old:
        # A discouraged name the module still reads: a hidden message when it is set.
        if not discouraged or reader.raw(name):
            reader.problems.append(_old_name_problem(name, discouraged, suggestion))


@functools.lru_cache(maxsize=1024)
def _old_name_problem(name: str, discouraged: bool, suggestion: str) -> CitationProblem:
    """The problem an old parameter name makes, the same for every call that gives it.

    PERF: most citations written before 2020 give ``accessdate`` or ``archiveurl``; a
    frozen value made once per name replaces a message and an instance per citation.
    """
    if discouraged:
        return CitationProblem(
            "discouraged_parameter", f"|{name}= is an old spelling; use |{suggestion}=", False, name
        )
    return CitationProblem(
        "parameter_ignored_suggest",
        f"Unknown parameter |{name}= ignored (|{suggestion}= suggested)",
        True,
        name,
    )


def _tweet(params: dict[str, str]) -> dict[str, str]:
    """``Module:Cite tweet``: the tweet as a ``{{cite web}}`` with ``|type=Tweet``."""
    result = dict(params)
    user = strip_comments(params.get("user", "")).strip()
    number = strip_comments(params.get("number", "")).strip()
    result.pop("number", None)
    result.pop("user", None)
    if user:
        result["author"] = f"@{user}"
    if user and number:
        result.setdefault("url", f"https://twitter.com/{user}/status/{number}")
    result["type"] = "Tweet"
    result["via"] = "Twitter"
    return result

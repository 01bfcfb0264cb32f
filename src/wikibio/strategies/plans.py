"""Plans: the parts a strategy of ``wikibio.strategies`` built an object from.

A plan is a frozen value that knows its wikitext and what a parse of it must read back
(section titles, infobox fields, reference numbers and backlinks, citation fields).
``plan_of`` gives the plan of an object a strategy drew.  This module needs no
Hypothesis; the strategies that draw plans are in ``wikibio.strategies``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Final, Literal

from attrs import field, frozen

__all__ = [
    "ArticlePlan",
    "CitationPlan",
    "ExpectedReference",
    "InfoboxPlan",
    "ParagraphPlan",
    "ReferencePlan",
    "SectionPlan",
    "SentencePlan",
    "normal_template",
    "plan_of",
    "register",
]

Layout = Literal["aligned", "spaced", "compact", "inline", "trailing"]
ListStyle = Literal["reflist", "references", "generated"]
LAYOUTS: Final[tuple[Layout, ...]] = ("spaced", "aligned", "compact", "inline", "trailing")


def normal_template(name: str) -> str:
    """A template name as MediaWiki normalises it: ``_`` as space, first letter upper."""
    name = " ".join(name.replace("_", " ").split())
    return name[:1].upper() + name[1:]


@frozen
class CitationPlan:
    """A citation template call: its name as written and its named parameters."""

    #: The template name as written, e.g. ``"cite web"`` or ``"Cite_news"``.
    template: str
    #: ``(name, value)`` pairs in order; names distinct, values without outer blanks.
    params: tuple[tuple[str, str], ...]
    #: What goes before each ``|``: ``""``, ``" "`` or ``"\n"``.
    separator: str = " "

    @property
    def wikitext(self) -> str:
        """The call, e.g. ``{{cite web |url=https://example.org/a |title=Ada}}``."""
        args = "".join(f"{self.separator}|{name}={value}" for name, value in self.params)
        return "{{" + self.template + args + "}}"

    @property
    def name(self) -> str:
        """The name ``wikibio.Citation.template`` reads: ``"cite web"``."""
        return " ".join(self.template.replace("_", " ").split()).casefold()


@frozen
class InfoboxPlan:
    """An infobox call: template name as written, fields in order, and a layout."""

    #: The template name as written (``"Infobox person"``, ``"infobox_officeholder"``).
    template: str
    #: ``(name, value)`` pairs in order; names distinct, values without outer blanks.
    fields: tuple[tuple[str, str], ...]
    #: ``"spaced"`` (``| name = value``), ``"aligned"`` (``=`` in one column),
    #: ``"compact"`` (``|name=value``), ``"inline"`` (one line),
    #: ``"trailing"`` (``name = value |``, pipes ending the lines).
    layout: Layout = "spaced"

    @property
    def name(self) -> str:
        """The name ``wikibio.Infobox.template`` reads: ``"Infobox person"``."""
        return normal_template(self.template)

    @property
    def wikitext(self) -> str:
        """The call, one field per line unless the layout is ``"inline"``."""
        fields, head = self.fields, "{{" + self.template
        if self.layout == "inline":
            return head + "".join(f" |{n}={v}" for n, v in fields) + "}}"
        if self.layout == "trailing" and fields:
            lines = [f" {n} = {v}" for n, v in fields]
            return head + "|\n" + " |\n".join(lines) + ("\n" if lines else "") + "}}"
        width = max((len(n) for n, _ in fields), default=0)
        lines = []
        for name, value in fields:
            if self.layout == "compact":
                lines.append(f"|{name}={value}")
            else:
                pad = " " * (width - len(name) + 1) if self.layout == "aligned" else " "
                lines.append(
                    f"| {name}{pad}= {value}".rstrip(" ")
                    if not value
                    else f"| {name}{pad}= {value}"
                )
        return head + "".join("\n" + line for line in lines) + "\n}}"


@frozen
class ReferencePlan:
    """A note: its content, name, group, and how many times the page uses it."""

    #: The content of the defining ``<ref>``: plain text or a citation call.
    content: str
    #: The ``name`` (``None``: unnamed, then used once).
    name: str | None = None
    #: The group, ``""`` for the default one.
    group: str = ""
    #: How many markers the page shows for it (the first defines it, the rest reuse it).
    uses: int = 1
    #: The citation inside, if the content is one.
    citation: CitationPlan | None = None
    #: How attributes are quoted: ``'"'``, ``"'"`` or ``""`` (bare, where allowed).
    quote: str = '"'
    #: How reuses close: ``" />"`` or ``"/>"``.
    self_close: str = " />"

    def __attrs_post_init__(self) -> None:
        if self.uses < 1 or (self.uses > 1 and self.name is None):
            raise ValueError("a note used more than once needs a name; every note is used")

    def _attribute(self, key: str, value: str) -> str:
        quote = self.quote
        if not quote and any(c in value for c in " \t'\"/>="):
            quote = '"'
        return f" {key}={quote}{value}{quote}"

    @property
    def attributes(self) -> str:
        """The start tag's attributes, each with a leading space."""
        name = self._attribute("name", self.name) if self.name is not None else ""
        group = self._attribute("group", self.group) if self.group else ""
        return name + group

    @property
    def definition(self) -> str:
        """The defining tag: ``<ref name="n">content</ref>``."""
        return f"<ref{self.attributes}>{self.content}</ref>"

    @property
    def reuse(self) -> str:
        """A reusing tag: ``<ref name="n" />``."""
        return f"<ref{self.attributes}{self.self_close}"

    @property
    def page(self) -> str:
        """A page of its own: the note defined, reused, and listed by ``<references />``."""
        uses = [self.definition] + [self.reuse] * (self.uses - 1)
        text = " ".join(f"Sentence {i}.{use}" for i, use in enumerate(uses, 1))
        group = f' group="{self.group}"' if self.group else ""
        return f"{text}\n== Notes ==\n<references{group} />\n"

    @property
    def backlinks(self) -> tuple[str, ...]:
        """The backlink labels readers see: none for one use, else ``a``, ``b`` …"""
        if self.uses == 1:
            return ()
        letters = "abcdefghijklmnopqrstuvwxyz"
        return tuple(
            letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26]
            for i in range(self.uses)
        )


@frozen
class SentencePlan:
    """A sentence (inline markup allowed) and the notes cited after it."""

    #: The sentence's wikitext, full stop included.
    text: str
    #: Indexes into ``ArticlePlan.references`` of the notes cited after it, in order.
    refs: tuple[int, ...] = ()


@frozen
class ParagraphPlan:
    """Sentences on one line, or one bullet line each."""

    sentences: tuple[SentencePlan, ...]
    bulleted: bool = False


@frozen
class SectionPlan:
    """A heading, its paragraphs and its subsections."""

    #: The heading's plain text.
    title: str
    #: 2 for ``==`` … 6.
    level: int = 2
    paragraphs: tuple[ParagraphPlan, ...] = ()
    subsections: tuple[SectionPlan, ...] = ()
    #: ``== Title ==`` (``True``) or ``==Title==``.
    spaced: bool = True

    @property
    def heading(self) -> str:
        """The heading line, newline included."""
        signs, space = "=" * self.level, " " if self.spaced else ""
        return f"{signs}{space}{self.title}{space}{signs}\n"

    @property
    def wikitext(self) -> str:
        """The section as a page of its own (no notes are cited in it)."""
        return _Writer(()).section(self)

    def walk(self) -> Iterator[SectionPlan]:
        """This section and its subsections at any depth, in page order."""
        yield self
        for sub in self.subsections:
            yield from sub.walk()

    def tree(self) -> tuple[str, int, tuple[object, ...]]:
        """``(title, level, (subsection trees …))``, to compare with a parse."""
        return self.title, self.level, tuple(sub.tree() for sub in self.subsections)


@frozen
class ExpectedReference:
    """What ``wikibio.Article.references`` must hold for one note, in reading order."""

    number: int
    group: str
    name: str | None
    backlinks: tuple[str, ...]
    wikitext: str


class _Writer:
    """Renders plans to text, writing each note's definition at its first use."""

    def __init__(self, references: tuple[ReferencePlan, ...]) -> None:
        self.references = references
        self.parts: list[str] = []
        self.length = 0
        self.defined: set[int] = set()
        #: Where each sentence's full stop ends, before its notes (page order).
        self.sentence_ends: list[int] = []

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)

    def paragraphs(self, paragraphs: tuple[ParagraphPlan, ...]) -> None:
        for index, paragraph in enumerate(paragraphs):
            if index:
                self.write("\n\n")
            for position, sentence in enumerate(paragraph.sentences):
                if paragraph.bulleted:
                    self.write("\n* " if position else "* ")
                elif position:
                    self.write(" ")
                self.write(sentence.text)
                self.sentence_ends.append(self.length)
                for ref in sentence.refs:
                    note = self.references[ref]
                    self.write(note.reuse if ref in self.defined else note.definition)
                    self.defined.add(ref)
        if paragraphs:
            self.write("\n")

    def section(self, section: SectionPlan) -> str:
        self.write(section.heading)
        self.paragraphs(section.paragraphs)
        for sub in section.subsections:
            self.section(sub)
        return self.text()


@frozen
class ArticlePlan:
    """A whole page: an infobox, the lead, sections, notes with reuses, lists, categories."""

    infobox: InfoboxPlan | None = None
    lead: tuple[ParagraphPlan, ...] = ()
    sections: tuple[SectionPlan, ...] = ()
    #: The notes; sentences cite them by index.  Every note is cited ``uses`` times.
    references: tuple[ReferencePlan, ...] = ()
    #: How the lists are placed: a ``References`` section with ``{{Reflist}}`` templates or
    #: ``<references />`` tags, or (default group only) the list MediaWiki generates.
    list_style: ListStyle = "reflist"
    #: Category names (first letter upper case, distinct), one ``[[Category:…]]`` per line.
    categories: tuple[str, ...] = ()
    _rendered: tuple[str, tuple[int, ...]] | None = field(
        default=None, init=False, eq=False, repr=False
    )

    def _render(self) -> tuple[str, tuple[int, ...]]:
        if self._rendered is None:
            writer = _Writer(self.references)
            if self.infobox is not None:
                writer.write(self.infobox.wikitext + "\n")
            writer.paragraphs(self.lead)
            for section in self.sections:
                writer.section(section)
            writer.write(self.reference_lists())
            for category in self.categories:
                writer.write(f"[[Category:{category}]]\n")
            object.__setattr__(self, "_rendered", (writer.text(), tuple(writer.sentence_ends)))
        assert self._rendered is not None
        return self._rendered

    @property
    def wikitext(self) -> str:
        """The page."""
        return self._render()[0]

    @property
    def sentence_ends(self) -> tuple[int, ...]:
        """Offsets just after each sentence's full stop (before its notes), in page order.

        Inserting a ``<ref>`` there cites that sentence.
        """
        return self._render()[1]

    def groups(self) -> tuple[str, ...]:
        """The groups the page uses, in the order their lists stand (default group first)."""
        order: list[str] = []
        for index in self.use_order():
            group = self.references[index].group
            if group not in order:
                order.append(group)
        return tuple(sorted(order, key=lambda g: g != ""))

    def reference_lists(self) -> str:
        """The ``References`` section that places the lists (``""`` for the generated one)."""
        if not self.references or self.list_style == "generated":
            return ""
        lines = ["== References =="]
        for group in self.groups():
            if self.list_style == "reflist":
                lines.append("{{Reflist" + (f"|group={group}" if group else "") + "}}")
            else:
                lines.append("<references" + (f' group="{group}"' if group else "") + " />")
        return "\n".join(lines) + "\n"

    def use_order(self) -> Iterator[int]:
        """Each cited note's index, once per use, in page order."""
        paragraphs = list(self.lead)
        for section in self.sections:
            for sub in section.walk():
                paragraphs.extend(sub.paragraphs)
        for paragraph in paragraphs:
            for sentence in paragraph.sentences:
                yield from sentence.refs

    def expected_references(self) -> tuple[ExpectedReference, ...]:
        """``article.references`` as Cite must number them: list by list, by number."""
        numbers: dict[int, int] = {}
        counters: dict[str, int] = {}
        for index in self.use_order():
            if index not in numbers:
                group = self.references[index].group
                counters[group] = counters.get(group, 0) + 1
                numbers[index] = counters[group]
        expected = []
        for group in self.groups():
            members = sorted(
                (i for i in numbers if self.references[i].group == group), key=numbers.__getitem__
            )
            for i in members:
                note = self.references[i]
                expected.append(
                    ExpectedReference(numbers[i], group, note.name, note.backlinks, note.content)
                )
        return tuple(expected)

    def section_trees(self) -> tuple[tuple[str, int, tuple[object, ...]], ...]:
        """The top-level sections as ``(title, level, subsections)`` trees."""
        trees = tuple(section.tree() for section in self.sections)
        return (*trees, ("References", 2, ())) if self.reference_lists() else trees


Plan = ArticlePlan | SectionPlan | InfoboxPlan | ReferencePlan | CitationPlan

#: Objects drawn by the strategies and their plans, by ``id``.  An entry keeps its object
#: alive, so an ``id`` cannot be reused while it is here; the oldest go first.
_PLANS: OrderedDict[int, tuple[object, Plan]] = OrderedDict()
_KEEP: Final = 4096


def register(obj: object, plan: Plan) -> None:
    """Remember that ``obj`` was built from ``plan``."""
    _PLANS[id(obj)] = (obj, plan)
    _PLANS.move_to_end(id(obj))
    while len(_PLANS) > _KEEP:
        _PLANS.popitem(last=False)


def plan_of(obj: object) -> Plan:
    """The plan a strategy of ``wikibio.strategies`` built ``obj`` from.

    Works for the Article, Section, Infobox, Reference or Citation a strategy drew, as long
    as the test holds it (the last 4,096 drawn are remembered).  After edits the plan
    still describes the object as it was drawn.

    Raises:
        KeyError: ``obj`` was not drawn from one of the strategies.
    """
    entry = _PLANS.get(id(obj))
    if entry is None or entry[0] is not obj:
        raise KeyError(
            f"{type(obj).__name__} object was not drawn from a wikibio.strategies strategy; "
            "plan_of() knows only articles(), sections(), infoboxes(), references() and "
            "citations() values"
        )
    return entry[1]

"""The Article: one page's wikitext and the typed views MediaWiki's rules give it.

An article owns exactly one string, its wikitext.  Parsing runs the preprocessor scan
once; sections, templates, references and categories are views computed from that scan
on first use and cached.  Every view that stands for a span of the page keeps offsets
into the string, so ``str(view)`` is that span and ``str(article)`` is always the page.
Edits splice the string and drop the caches, so no byte outside an edit can change.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from attrs import define, field

from wikibio._gc import paused, pausing
from wikibio.analysis import Analysis, analyse, duplicate_arguments
from wikibio.categories import CategoryLink
from wikibio.diagnostics import Diagnostic, LineIndex
from wikibio.edits import pages as pageedit
from wikibio.edits import references as refedit
from wikibio.errors import InvalidNodeError, NotFoundError
from wikibio.expand import TagExpansion, TemplateSource
from wikibio.infobox import DEFAULT_INFOBOX_NAMES, Infobox, InfoboxNames
from wikibio.links import WikiLink, find_links
from wikibio.page import Page
from wikibio.references import Reference, ReferenceList
from wikibio.render.blocks import Document
from wikibio.render.expanded import (
    Templates,
    expand_page,
    expanded_view,
    html_infoboxes,
    infobox_rows,
    reading_text,
    render_expanded,
    render_expanded_markdown,
)
from wikibio.render.text import NoteRenderer, reading_view, render, render_markdown
from wikibio.sections import Section, build_sections, innermost_section
from wikibio.site import Site
from wikibio.syntax.compose import article_wikitext, reference_wikitext
from wikibio.templates import Template

__all__ = ["Article", "Expansion", "parse"]


@pausing
def parse(
    text: str,
    *,
    title: str | None = None,
    infobox_names: InfoboxNames | None = None,
    site: Site | None = None,
    templates: TemplateSource | Mapping[str, str] | None = None,
    clock: datetime.datetime | None = None,
) -> Article:
    """Parse a page's wikitext.

    Never raises for markup: any ``str`` parses, malformed markup becomes
    ``Article.diagnostics``, and ``str(parse(text)) == text``.

    Args:
        text: The page's wikitext.
        title: The page's title, if known.
        infobox_names: Which templates count as infoboxes (default:
            ``DEFAULT_INFOBOX_NAMES``).
        site: The wiki the page comes from: its namespace names, magic words and
            interlanguage prefixes (``Site.for_language("de")``, a dump's
            ``Site.from_siteinfo``).  Default: English Wikipedia that also recognises every
            Wikipedia's file and category names and behaviour switches (``Site.default()``).
        templates: The wiki's templates (a ``wikibio.sources`` source such as
            ``from_dump``, or a mapping of ``"Template:Foo"`` to wikitext).  With them the
            views readers see come from the expanded page (``Article.expansion``):
            ``to_text``, ``to_markdown``, ``references``, ``reference_lists``,
            ``infobox.rows()`` and ``template_categories``.  ``str(article)``, the
            structure views and every edit stay on the page's own wikitext.
        clock: The moment ``{{CURRENTYEAR}}`` and ``#time`` read when expanding
            (default: now, UTC).

    Returns:
        The article.

    Raises:
        TypeError: ``text`` is not a ``str`` (decode ``bytes`` first) or ``title`` is
            neither ``str`` nor ``None``.
    """
    if not isinstance(text, str):
        hint = ""
        if isinstance(text, (bytes, bytearray, memoryview)):
            hint = "; decode it first, e.g. wikibio.parse(data.decode('utf-8'))"
        raise TypeError(
            f"wikibio.parse() needs the wikitext as str, not {type(text).__name__}{hint}"
        )
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str or None, not {type(title).__name__}")
    if site is not None and not isinstance(site, Site):
        raise TypeError(
            f"site must be a wikibio.Site or None, not {type(site).__name__}; "
            'e.g. wikibio.Site.for_language("de")'
        )
    if templates is not None and not isinstance(templates, (Mapping, TemplateSource)):
        raise TypeError(
            "templates must be a template source (wikibio.sources.from_dump, "
            f"from_directory) or a mapping of titles to wikitext, not {type(templates).__name__}"
        )
    return Article(
        text,
        title=title,
        infobox_names=infobox_names,
        site=site,
        templates=templates,
        clock=clock,
    )


@define(eq=False, init=False)
class Expansion:
    """A page after template expansion, as the reading view reads it (computed once).

    ``text`` is the page's wikitext with every template, parser function and magic word
    expanded and the bodies of ``<ref>`` and ``<references>`` expanded as Cite does;
    ``article`` is that text parsed (no templates left to expand); ``diagnostics`` are
    the expansion's problems (missing templates, loops, limits, script and expression
    errors), with lines and columns in the page's own text.
    """

    #: The expanded wikitext.
    text: str
    #: Missing templates, loops, limits, script and expression errors.
    diagnostics: tuple[Diagnostic, ...]
    #: The ``<ref>`` and ``<references>`` tags in the order expansion ran their hooks,
    #: with where each lands in ``text`` (Cite numbers refs in this order).
    tags: tuple[TagExpansion, ...]
    _title: str | None = field(repr=False)
    _site: Site | None = field(repr=False)
    _article: Article | None = field(repr=False)

    def __init__(
        self,
        text: str,
        diagnostics: tuple[Diagnostic, ...],
        title: str | None,
        site: Site | None,
        tags: tuple[TagExpansion, ...] = (),
    ) -> None:
        self.text = text
        self.diagnostics = diagnostics
        self.tags = tags
        self._title = title
        self._site = site
        self._article = None

    @property
    def article(self) -> Article:
        """The expanded text parsed as a page of its own (its views are the reader's).

        Its notes are numbered in the order expansion ran the ``<ref>`` hooks, as Cite
        numbers them, and include refs expanded but not shown.
        """
        if self._article is None:
            text, tags = reading_text(self.text, self.tags)
            self._article = Article(text, title=self._title, site=self._site)
            self._article._expanded_tags = tags
        return self._article


class _SourceNotes:
    """The page's own notes, for the reference edits (which splice the page's wikitext)."""

    __slots__ = ("_article",)

    def __init__(self, article: Article) -> None:
        self._article = article

    @property
    def references(self) -> Sequence[Reference]:
        return self._article._source_references()

    def __str__(self) -> str:
        return str(self._article)


@define(eq=False, init=False)
class Article:
    """A parsed page.  ``str(article)`` is its wikitext, byte for byte.

    Two articles are equal when their wikitext is equal (then so is all their structure);
    the title is metadata and does not take part.
    """

    #: The page's title, if known.
    title: str | None
    _page: Page = field(repr=False)
    #: The page generation the caches below were computed for.
    _cached_at: int = field(repr=False)
    _sections: tuple[Section, tuple[Section, ...]] | None = field(repr=False)
    _analysed: Analysis | None = field(repr=False)
    _infoboxes: list[Infobox] | None = field(repr=False)
    _diagnostics: list[Diagnostic] | None = field(repr=False)
    _links: list[WikiLink] | None = field(repr=False)
    _infobox_names: InfoboxNames = field(repr=False)
    _site: Site = field(repr=False)
    _given_site: Site | None = field(repr=False)
    _templates: Templates | None = field(repr=False)
    _clock: datetime.datetime | None = field(repr=False)
    _expansion: Expansion | None = field(repr=False)
    _infobox_tables: dict[str, list[tuple[str, str]] | None] = field(repr=False)
    #: When this page is another's expansion: its ref tags in expansion order.
    _expanded_tags: Sequence[TagExpansion] | None = field(repr=False)

    def __init__(
        self,
        text: str,
        *,
        title: str | None = None,
        infobox_names: InfoboxNames | None = None,
        site: Site | None = None,
        templates: Templates | None = None,
        clock: datetime.datetime | None = None,
    ) -> None:
        self.title = title
        self._given_site = site
        self._templates = templates
        self._clock = clock
        self._site = Site.default() if site is None else site
        self._infobox_names = DEFAULT_INFOBOX_NAMES if infobox_names is None else infobox_names
        self._page = Page(text)
        self._expanded_tags = None
        self._forget()

    def _forget(self) -> None:
        """Drop the views computed for an earlier version of the page."""
        self._cached_at = self._page.generation
        self._sections = self._analysed = self._infoboxes = self._diagnostics = None
        self._links = None
        self._expansion = None
        self._infobox_tables = {}

    def _fresh(self) -> Page:
        """The page, with the caches dropped if an edit (here or through a view) changed it."""
        if self._cached_at != self._page.generation:
            self._forget()
            self._expanded_tags = None  # offsets of the version before the edit
        return self._page

    @classmethod
    def new(
        cls,
        *,
        title: str | None = None,
        lead: str = "",
        sections: Sequence[Section | str] = (),
        infobox: Infobox | str | None = None,
        references: Sequence[Reference | str] = (),
        categories: Sequence[str] = (),
    ) -> Article:
        """A page from its parts, in house style (see ``wikibio.build.new_article``)."""
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
                    reference_wikitext(
                        reference.wikitext, name=reference.name, group=reference.group
                    )
                )
        text = article_wikitext(
            lead=lead,
            sections=[str(s) for s in sections],
            infobox=None if infobox is None else str(infobox),
            references=notes,
            categories=categories,
        )
        return parse(text, title=title)

    @property
    def site(self) -> Site:
        """The wiki the page is read as coming from (``parse(…, site=…)``)."""
        return self._site

    @property
    def page(self) -> Page:
        """The page under the views: its text, its scan and its edit journal."""
        return self._fresh()

    # --- expansion ----------------------------------------------------------------------

    @property
    def template_source(self) -> Templates | None:
        """The templates the page is read with (``parse(…, templates=…)``), if any."""
        return self._templates

    @property
    def expansion(self) -> Expansion | None:
        """The page after template expansion, or ``None`` when parsed without templates.

        Expanded once, on first use, and again only after an edit changes the page.
        """
        page = self._fresh()
        if self._templates is None:
            return None
        if self._expansion is None:
            result = expand_page(
                page.text,
                title=self.title,
                templates=self._templates,
                site=self._given_site,
                clock=self._clock,
            )
            self._expansion = Expansion(
                result.text, result.diagnostics, self.title, self._given_site, result.tags
            )
        return self._expansion

    def _expanded(self) -> Article | None:
        expansion = self.expansion
        return None if expansion is None else expansion.article

    def _infobox_table(self, call: Template) -> list[tuple[str, str]] | None:
        """The rows of the infobox table ``call`` expands to (cached per call's text)."""
        key = str(call)
        if key not in self._infobox_tables:
            assert self._templates is not None
            result = expand_page(
                key,
                title=self.title,
                templates=self._templates,
                site=self._given_site,
                clock=self._clock,
            )
            shown = Article(html_infoboxes(result.text), title=self.title, site=self._given_site)
            self._infobox_tables[key] = infobox_rows(shown)
        return self._infobox_tables[key]

    # --- text ---------------------------------------------------------------------------

    def __str__(self) -> str:
        return self._page.text

    def to_wikitext(self) -> str:
        """The page's wikitext (after any edits), the same as ``str(article)``."""
        return self._page.text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return self._page.text == other._page.text

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Article {self.title!r}, {len(self._page.text)} characters>"

    # --- sections -----------------------------------------------------------------------

    def _section_tree(self) -> tuple[Section, tuple[Section, ...]]:
        page = self._fresh()
        if self._sections is None:
            self._sections = build_sections(page.text, page.headings())
        return self._sections

    @property
    def lead(self) -> Section:
        """The text before the first heading (``level == 0``, ``title is None``)."""
        return self._section_tree()[0]

    @property
    def sections(self) -> Sequence[Section]:
        """Top-level sections in page order, each holding its subsections (lead excluded)."""
        return self._section_tree()[1]

    def all_sections(self) -> Sequence[Section]:
        """Every section at any depth, in page order (lead excluded)."""
        return [s for top in self.sections for s in top.walk()]

    def section(self, title: str) -> Section:
        """The first section, at any depth, whose plain title is ``title``.

        Raises:
            NotFoundError: (a ``KeyError``) no section has that title.
        """
        for candidate in self.all_sections():
            if candidate.title == title:
                return candidate
        titles = ", ".join(repr(s.title) for s in self.all_sections()) or "none"
        raise NotFoundError(f"no section titled {title!r}; the sections are: {titles}")

    def get_section(self, index: int) -> str:
        """Section ``index`` as MediaWiki's ``getSection`` returns it.

        The text is right-trimmed; an unknown index gives ``""``.

        ``index`` counts headings as MediaWiki numbers them (``action=edit&section=N``):
        0 is the lead, and headings inside templates use up numbers without being sections.
        """
        span = self._section_span(index)
        return "" if span is None else self._page.text[span[0] : span[1]].rstrip()

    def replace_section(self, index: int, text: str) -> None:
        """Replace section ``index`` as MediaWiki's ``replaceSection`` does.

        The new text is followed by a blank line before the rest of the page, and the page
        is right-trimmed; an unknown index changes nothing.
        """
        span = self._section_span(index)
        if span is None:
            return
        start, end = span
        page = self._page
        rest = page.text[end:]
        page.replace((page.text[:start] + text + ("\n\n" + rest if rest else "")).rstrip(), start)

    def _section_span(self, index: int) -> tuple[int, int] | None:
        page = self._page
        headings = page.headings()
        if index == 0:
            return 0, headings[0].start if headings else len(page.text)
        for position, heading in enumerate(headings):
            if heading.index == index:
                end = next(
                    (h.start for h in headings[position + 1 :] if h.level <= heading.level),
                    len(page.text),
                )
                return heading.start, end
        return None

    # --- templates, references, categories ----------------------------------------------

    def _analysis(self) -> Analysis:
        page = self._fresh()
        if self._analysed is None:
            with paused():
                self._analysed = analyse(
                    page, notes=NoteRenderer, site=self._site, expanded=self._expanded_tags
                )
        return self._analysed

    @property
    def templates(self) -> Sequence[Template]:
        """Every template call in the page, at any depth, in page order.

        Inside other calls' arguments and inside ``<ref>``/``<references>`` content too;
        not inside comments, ``<nowiki>`` or other extension tags; parser functions and
        magic words are not template calls.
        """
        return self._analysis().templates

    @property
    def infoboxes(self) -> Sequence[Infobox]:
        """Every infobox, in page order (nested ones included)."""
        templates = self.templates
        if self._infoboxes is None:
            names = self._infobox_names
            shown = None if self._templates is None else self._infobox_table
            # PERF: a page calls a few names many times ({{cite web}}): each is asked once.
            verdicts: dict[str, bool] = {}
            boxes: list[Infobox] = []
            for t in templates:
                if t.dynamic:
                    continue
                name = t.name
                verdict = verdicts.get(name)
                if verdict is None:
                    verdict = verdicts[name] = name in names
                if verdict:
                    boxes.append(Infobox(t, self._page, shown=shown))
            self._infoboxes = boxes
        return self._infoboxes

    @property
    def infobox(self) -> Infobox | None:
        """The first infobox, or ``None``."""
        boxes = self.infoboxes
        return boxes[0] if boxes else None

    @property
    @pausing
    def reference_lists(self) -> Sequence[ReferenceList]:
        """Each reference list in page order, the generated end-of-page list included.

        With templates, the lists of the expanded page: refs that templates make and
        lists that ``{{Reflist}}``-style templates make included.
        """
        expanded = self._expanded()
        if expanded is not None:
            return expanded.reference_lists
        return self._analysis().reference_lists

    @property
    @pausing
    def references(self) -> Sequence[Reference]:
        """Every reference of every list, in the order readers see them."""
        return [ref for ref_list in self.reference_lists for ref in ref_list.references]

    def _source_references(self) -> Sequence[Reference]:
        """The notes of the page's own wikitext (what the reference edits change)."""
        return [r for ref_list in self._analysis().reference_lists for r in ref_list.references]

    def _notes(self) -> refedit.Notes:
        return self if self._templates is None else _SourceNotes(self)

    @property
    def category_links(self) -> Sequence[CategoryLink]:
        """Links that categorise the page, with their sort keys, in page order."""
        return self._analysis().categories

    @property
    def categories(self) -> Sequence[str]:
        """Category names without the namespace prefix, in page order, without repeats.

        The page's own category links; with templates, ``template_categories`` lists
        the ones only templates add.
        """
        return list(dict.fromkeys(link.name for link in self.category_links))

    @property
    def template_categories(self) -> Sequence[str]:
        """Categories that only the page's templates add, in expansion order.

        Empty without templates (``parse(…, templates=…)``); a category the page also
        links explicitly is in ``categories`` only.
        """
        expanded = self._expanded()
        if expanded is None:
            return []
        explicit = set(self.categories)
        return [name for name in expanded.categories if name not in explicit]

    def add_category(self, name: str, sort_key: str | None = None) -> None:
        """Put the page in category ``name`` (nothing changes if it is in it already).

        The link goes after the page's last category link, in its style (namespace word,
        separator); on a page without categories, after ``{{DEFAULTSORT:…}}``, else at
        the end after a blank line.

        Raises:
            InvalidNodeError: ``name`` or ``sort_key`` cannot be written in a category link.
        """
        page = self._fresh()
        page.splice_many(pageedit.add_category(page, self.category_links, name, sort_key))

    def remove_category(self, name: str) -> None:
        """Take the page out of category ``name``: every link to it, with its line.

        Raises:
            NotFoundError: the page is not in that category.
        """
        page = self._fresh()
        page.splice_many(pageedit.remove_category(page, self.category_links, name))

    @property
    def links(self) -> Sequence[WikiLink]:
        """The wikilinks readers can follow, in page order (``wikibio.links`` has the rules)."""
        page = self._fresh()
        if self._links is None:
            self._links = find_links(page, self._site)
        return self._links

    def replace_link_target(self, old: str, new: str) -> int:
        """Point every link to page ``old`` at ``new``, keeping the text readers see.

        Returns:
            How many links changed.

        Raises:
            InvalidNodeError: ``new`` cannot be a link target.
        """
        splices = pageedit.replace_link_target(self.links, old, new)
        self._fresh().splice_many(splices)
        return len(splices)

    @pausing
    def to_text(self, *, page_header: bool = False, edit_links: bool = False) -> str:
        """The article as a reader sees it on Wikipedia, as plain text.

        Args:
            page_header: Start with the title and "From Wikipedia, the free encyclopedia".
            edit_links: Put ``[edit]`` after each heading, as the page shows it.
        """
        expanded = self._expanded()
        if expanded is not None:
            return render_expanded(
                expanded,
                page_header=page_header,
                edit_links=edit_links,
                echoes=expanded._analysis().echoes,
            )
        return render(self, page_header=page_header, edit_links=edit_links)

    @pausing
    def reading_view(self) -> Document:
        """The reading view as a tree of blocks (``wikibio.render.blocks``).

        ``to_text`` and ``to_markdown`` format it; with templates it is the expanded
        page's.
        """
        expanded = self._expanded()
        if expanded is not None:
            return expanded_view(expanded, expanded._analysis().echoes)
        return reading_view(self)

    @pausing
    def to_markdown(self, *, page_header: bool = False) -> str:
        """The article as a reader sees it, as Markdown (GitHub Flavored).

        The same reading view as ``to_text``: headings as ``##``, lists, tables as pipe
        tables, the infobox as a label | value table, links as their label, reference
        markers as footnote references (``[^1]``) and reference lists as footnote
        definitions (``wikibio.render.markdown`` has the rules).

        Args:
            page_header: Start with the title as a ``#`` heading and the tagline.
        """
        expanded = self._expanded()
        if expanded is not None:
            echoes = expanded._analysis().echoes
            return render_expanded_markdown(expanded, page_header=page_header, echoes=echoes)
        return render_markdown(self, page_header=page_header)

    def section_at(self, offset: int) -> Section:
        """The innermost section holding ``offset`` (the lead before the first heading)."""
        return innermost_section(self.lead, self.sections, offset)

    # --- reference edits ----------------------------------------------------------------

    def add_reference(
        self, content: str, *, after: int | str, name: str | None = None, group: str = ""
    ) -> None:
        """Cite ``content`` at ``after``: an offset, or the end of the first occurrence of a text.

        A note with the same content becomes a reuse (``<ref name="x" />``); otherwise a new
        ``<ref>`` is written in the page's style.  Only the inserted bytes (and, to reuse an
        unnamed note, its new ``name``) change.

        Raises:
            NotFoundError: ``after`` is a text the page does not contain.
            InvalidNodeError: ``name`` cannot be a reference name.
        """
        self._page.splice_many(
            refedit.add_reference(self._notes(), content, after=after, name=name, group=group)
        )

    def rename_reference(self, old: str | Reference, new: str, *, group: str = "") -> None:
        """Rename a named note; all its uses and definitions follow."""
        self._page.splice_many(refedit.rename_reference(self._notes(), old, new, group=group))

    def remove_reference(self, name: str | Reference, *, group: str = "") -> None:
        """Remove a note and every use of it."""
        self._page.splice_many(refedit.remove_reference(self._notes(), name, group=group))

    def merge_duplicate_references(self) -> int:
        """Turn notes with identical content into one named note with reuses.

        Returns:
            How many notes were merged into another.
        """
        splices, merged = refedit.merge_duplicates(self._notes())
        self._page.splice_many(splices)
        return merged

    # --- diagnostics --------------------------------------------------------------------

    @property
    def diagnostics(self) -> Sequence[Diagnostic]:
        """Problems in the page's markup, in page order, with 1-based line and column."""
        analysis = self._analysis()
        if self._diagnostics is None:
            page = self._page
            problems = sorted(
                (
                    *page.tree.problems,
                    *analysis.problems,
                    *duplicate_arguments(analysis.templates),
                ),
                key=lambda p: p.offset,
            )
            self._diagnostics = []
            if problems:  # PERF: most pages have none, and no lines to index
                lines = LineIndex(page.scan_text)
                self._diagnostics = [
                    Diagnostic(
                        problem.code,
                        problem.message,
                        *lines.position(problem.offset),
                        problem.severity,
                        problem.offset,
                    )
                    for problem in problems
                ]
        return self._diagnostics

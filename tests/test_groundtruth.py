"""What Wikipedia rendered: the reading view measured against Parsoid's HTML of the same revision.

``shared/groundtruth/`` holds real pages (8 languages) with the HTML that Wikipedia rendered
for that same revision, every template and module expanded by MediaWiki itself.  Per page the
suite compares, with no template expansion on our side:

* **headings** (``<h2>`` to ``<h6>``) that the page's own text makes (not those a template makes);
* **reference lists**: per group, the notes whose uses are in the page's own text (not made
  by templates, on either side) paired in order, and their uses in the page's own text
  (backlinks that are not in a template's output) compared;
* **note text**: the visible text of ``span.mw-reference-text`` against ``Reference.text``,
  overall and for the Citation Style 1 notes (``cite.citation`` made by ``{{cite …}}``);
* **infobox rows**: ``th.infobox-label`` / ``td.infobox-data`` of the first ``table.infobox``;
* **prose paragraphs**: ``<p>`` text, markers ``[n]`` included;
* **categories**: ``link[rel="mw:PageProp/Category"]`` (also those templates add).

Each measure is a test per page.  Where the target is not met because the page needs template
expansion (what a template shows, the notes it makes), the test is ``xfail(strict=True)``
with that reason, so expansion landing shows up as XPASS.  The rates and the top causes of
the misses are printed at the end of the run (``groundtruth rates``).

A second table of tests checks that the reading view shows no markup or site syntax on any
page of the ground truth or the shared corpus, in any language, and counts the holes: list
items that show nothing because their template renders nothing without expansion.
"""

from __future__ import annotations

import bisect
import csv
import difflib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Final

import pytest

import wikibio
from tests.conftest import CORPUS, SHARED, groundtruth_report, holes_report
from wikibio.render.blocks import (
    Heading,
    Infobox,
    ItemList,
    NoteList,
    Paragraph,
    Quote,
    text_of,
)
from wikibio.render.text import reading_view
from wikibio.site import fold_name, known_languages

lxml_html = pytest.importorskip("lxml.html", reason="lxml is a test dependency ([test] extra)")

GROUNDTRUTH = SHARED / "groundtruth"
MANIFEST = GROUNDTRUTH / "MANIFEST.tsv"
ROWS: list[dict[str, str]] = (
    list(csv.DictReader(MANIFEST.open(encoding="utf-8"), delimiter="\t"))
    if MANIFEST.exists()
    else []
)
PAGES = [row["wikitext_file"] for row in ROWS]

_SPACES = re.compile(r"\s+")
#: What CSS hides from readers (the README of the ground truth), and what is not text.
_HIDDEN = (
    "//style|//link|//script|//span[contains(@class,'Z3988')]"
    "|//*[contains(@class,'cs1-maint')]|//*[contains(@class,'cs1-hidden-error')]"
    "|//*[contains(@class,'mw-cite-backlink')]|//*[contains(@style,'display:none')]"
    "|//*[contains(@style,'display: none')]"
)
_NUMBERED_LINK = re.compile(r"\[\d+\]")
_CS1 = re.compile(r"^(?:cite |citation$)", re.IGNORECASE)


def norm(text: str) -> str:
    """Text as compared: NFC, no-break and thin spaces as spaces, runs of spaces as one."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u2009", " ")
    text = text.replace("\u202f", " ").replace("\u200b", "")
    return _SPACES.sub(" ", text).strip()


def _visible(element: object) -> str:
    """The visible text of an element, what CSS hides left out."""
    copy = lxml_html.fromstring(lxml_html.tostring(element, encoding="unicode"))
    for hidden in copy.xpath("." + _HIDDEN.replace("|//", "|.//")):
        hidden.drop_tree()
    return norm(copy.text_content())


def _templated(element: object, transcluded: frozenset[str]) -> bool:
    """Whether the element, or an ancestor, is a template's output.

    Parsoid gives every node of one transclusion's output the same ``about`` id, the first
    of them ``typeof="mw:Transclusion"``; extension tags (``<ref>``) get ids too, so an id
    counts only when it is a transclusion's.
    """
    return any(
        about in transcluded
        for about in element.xpath("ancestor-or-self::*/@about")  # type: ignore[attr-defined]
    )


_REF_MAKERS: Final = re.compile(r"<ref[\s>/]|\{\{\s*#tag:ref|\{\{\s*(?:efn|sfn|r)\s*\|", re.I)


def _refs_only_in_strings(data_mw: str) -> bool:
    """Whether every note a transclusion's output holds comes from the page's own text.

    Parsoid's ``data-mw`` lists the wrapped wikitext as ``parts``: strings (the page's own
    text) and template calls with their parameters.  When no parameter makes a note and
    some string does, every marker in the output is the page's own.
    """
    try:
        parts = json.loads(data_mw).get("parts", [])
    except ValueError:
        return False
    strings = [part for part in parts if isinstance(part, str)]
    calls = [json.dumps(part) for part in parts if not isinstance(part, str)]
    return any(_REF_MAKERS.search(text) for text in strings) and not any(
        _REF_MAKERS.search(call) for call in calls
    )


def _templates_in(element: object) -> list[str]:
    """Names of the templates whose output the element holds (from Parsoid's data-mw)."""
    names = []
    for node in element.xpath("descendant-or-self::*[@data-mw]"):  # type: ignore[attr-defined]
        names.extend(re.findall(r'"target":\{"wt":"([^"]*)"', node.get("data-mw", "")))
    return [norm(n).lower() for n in names]


@dataclass
class Note:
    group: str
    number: int
    backlinks: int
    text: str
    #: Every use is in a template's output (the note is generated by a template).
    templated: bool
    #: Uses in the page's own text (not in a template's output).
    own_uses: int
    #: The note is a Citation Style 1 citation ({{cite …}} rendered by Module:Citation/CS1).
    cs1: bool
    templates: list[str]


@dataclass
class Rendered:
    headings: list[tuple[int, str, bool]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    paragraphs: list[tuple[str, list[str]]] = field(default_factory=list)
    infobox: list[tuple[str, str]] = field(default_factory=list)
    categories: list[tuple[str, bool]] = field(default_factory=list)


def _category_name(href: str) -> str:
    from urllib.parse import unquote

    name = unquote(href.split("#", 1)[0].removeprefix("./")).replace("_", " ")
    return name.split(":", 1)[1] if ":" in name else name


@cache
def rendered(page: str) -> Rendered:
    """What Wikipedia rendered for ``page``, read from its HTML."""
    html = (GROUNDTRUTH / page).with_suffix(".html").read_text("utf-8")
    root = lxml_html.fromstring(html)
    transcluded = frozenset(root.xpath("//*[contains(@typeof,'mw:Transclusion')]/@about"))
    # Parsoid leaves an unlabelled external link empty and its stylesheet numbers it:
    # a counter over the page, in document order (content.parsoid.less).
    hidden = set(root.xpath(_HIDDEN))
    number = 0
    for link in root.xpath("//a[contains(@rel,'mw:ExtLink') and not(node())]"):
        if not any(a in hidden for a in link.iterancestors()) and link not in hidden:
            number += 1
            link.text = f"[{number}]"
    out = Rendered()
    for heading in root.xpath("//h2|//h3|//h4|//h5|//h6"):
        if heading.xpath("ancestor::*[contains(@class,'mw-references') or self::table]"):
            continue
        out.headings.append(
            (int(heading.tag[1]), _visible(heading), _templated(heading, transcluded))
        )
    uses: dict[str, list[bool]] = {}
    # A marker the page's own text makes can sit inside a transclusion's output: Parsoid
    # wraps a whole paragraph when a template in it shows more than inline text, and the
    # paragraph's own wikitext then stands as string parts of that transclusion.
    own_text = frozenset(
        node.get("about")
        for node in root.xpath("//*[contains(@typeof,'mw:Transclusion')][@data-mw]")
        if _refs_only_in_strings(node.get("data-mw", ""))
    )
    for sup in root.xpath("//sup[contains(@class,'mw-ref')]"):
        for href in sup.xpath(".//a/@href"):
            uses.setdefault(href.rsplit("#", 1)[-1], []).append(
                _templated(sup, transcluded - own_text)
            )
    for ol in root.xpath("//ol[contains(@class,'mw-references')]"):
        group = ol.get("data-mw-group", "")
        for number, li in enumerate(ol.xpath("./li"), start=1):
            many = li.xpath(".//span[@rel='mw:referencedBy']/a")
            backlinks = many or li.xpath(".//a[@rel='mw:referencedBy']")
            text = li.xpath(".//span[contains(@class,'mw-reference-text')]")
            note_uses = uses.get(li.get("id", ""), [])
            templates = _templates_in(text[0]) if text else []
            cs1 = bool(text and text[0].xpath(".//cite[contains(@class,'citation')]")) and any(
                _CS1.match(t) for t in templates
            )
            out.notes.append(
                Note(
                    group,
                    number,
                    len(backlinks),
                    _visible(text[0]) if text else "",
                    # A note whose markers are not in the page's HTML is a template's too.
                    not note_uses or all(note_uses),
                    note_uses.count(False),
                    cs1,
                    templates,
                )
            )
    for p in root.xpath("//p"):
        if p.xpath(
            "ancestor::*[self::table or self::blockquote or contains(@class,'mw-references')]"
        ):
            continue
        text = _visible(p)
        if text and not _templated(p, transcluded):
            out.paragraphs.append((text, _templates_in(p)))
    box = root.xpath("(//table[contains(@class,'infobox')])[1]")
    if box:
        for tr in box[0].xpath(".//tr[th[contains(@class,'infobox-label')]]"):
            data = tr.xpath("./td[contains(@class,'infobox-data')]")
            if data:
                label = tr.xpath("./th[contains(@class,'infobox-label')]")[0]
                out.infobox.append((_visible(label), _visible(data[0])))
    for link in root.xpath("//link[@rel='mw:PageProp/Category']"):
        out.categories.append(
            (norm(_category_name(link.get("href", ""))), _templated(link, transcluded))
        )
    return out


@dataclass
class Ours:
    headings: list[tuple[int, str]]
    lists: dict[str, list[tuple[int | None, int, str]]]
    paragraphs: set[str]
    infobox: list[tuple[str, str]]
    categories: list[str]
    text: str


def _blocks(blocks: tuple[object, ...]) -> Iterator[object]:
    for block in blocks:
        if isinstance(block, Quote):
            yield from _blocks(block.blocks)
        else:
            yield block


@cache
def ours(page: str) -> Ours:
    """What wikibio shows for ``page``, without template expansion."""
    text = (GROUNDTRUTH / page).read_bytes().decode("utf-8")
    lang = page.split("/", 1)[0]
    article = _parse(text, lang, page)
    view = reading_view(article)
    blocks = list(_blocks(view.blocks))
    calls = sorted((t.start, t.end) for t in article.templates if t.depth == 0)

    def in_template(start: int) -> bool:
        index = bisect.bisect_right(calls, (start, len(text) + 1)) - 1
        return index >= 0 and calls[index][0] <= start < calls[index][1]

    # The note text the reading view's lists show (numbered links continue the page's count),
    # in list order, per group.
    shown: dict[str, Iterator[str]] = {}
    for group in {b.group for b in blocks if isinstance(b, NoteList)}:
        shown[group] = iter(
            [
                n.text
                for b in blocks
                if isinstance(b, NoteList) and b.group == group
                for n in b.notes
            ]
        )
    lists: dict[str, list[tuple[int | None, int, str]]] = {}
    for reference_list in article.reference_lists:
        # The notes whose uses are in the page's own text (not made by or inside a template),
        # in order: those the ground truth's own notes are paired with.
        for ref in reference_list.references:
            text = next(shown.get(reference_list.group, iter(())), ref.text)
            own = sum(not in_template(u.start) and str(u)[:2] != "{{" for u in ref.uses)
            if own or not ref.uses:
                lists.setdefault(reference_list.group, []).append((ref.number, own, norm(text)))
    infobox: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Infobox):
            infobox = [(norm(row.label), norm(text_of(row.value))) for row in block.rows]
            break
    return Ours(
        headings=[(b.level, norm(b.title)) for b in blocks if isinstance(b, Heading)],
        lists=lists,
        paragraphs={norm(text_of(b.inlines)) for b in blocks if isinstance(b, Paragraph)},
        infobox=infobox,
        categories=[norm(c) for c in article.categories],
        text=article.to_text(),
    )


def _parse(text: str, lang: str, title: str) -> wikibio.Article:
    """Parse as the page's own wiki would (an English page as any wiki's: the corpus holds
    pages saved from other wikis under ``en``)."""
    site = wikibio.Site.for_language(lang) if lang in known_languages() and lang != "en" else None
    return wikibio.parse(text, title=title, site=site)


# --- the measures ----------------------------------------------------------------------


@dataclass
class Measure:
    """One measure on one page: how many items, how many right, why the others are wrong."""

    total: int = 0
    right: int = 0
    causes: Counter[str] = field(default_factory=Counter)
    #: Items that need no template expansion to be read, and how many of them are right.
    own_total: int = 0
    own_right: int = 0
    #: Misses that template expansion would not explain.
    own_misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, cause: str = "", *, expansion: bool = False, detail: str = "") -> None:
        self.total += 1
        self.right += ok
        if not expansion:
            self.own_total += 1
            self.own_right += ok
        if ok:
            return
        self.causes[cause] += 1
        if not expansion:
            self.own_misses.append(detail or cause)


def _cause(templates: list[str]) -> tuple[str, bool]:
    """The cause of a miss, and whether it is that the text holds a template's output."""
    if templates:
        return "needs expansion: {{" + Counter(templates).most_common(1)[0][0] + "}}", True
    return "no template: wikibio's own reading differs", False


def measure_headings(page: str) -> Measure:
    mine = ours(page).headings
    result = Measure()
    position = 0
    for level, title, templated in rendered(page).headings:
        if templated:
            continue
        try:
            position = mine.index((level, title), position) + 1
            result.add(True)
        except ValueError:
            result.add(False, "heading differs", detail=f"h{level} {title!r}")
    return result


def measure_lists(page: str) -> tuple[Measure, Measure, Measure]:
    """Numbering and backlinks, note text, CS1 note text."""
    mine = ours(page).lists
    numbering, text, cs1 = Measure(), Measure(), Measure()
    seen: Counter[str] = Counter()
    # Text is compared with any of our notes of the group: a pairing that drifts after a
    # missed note would count every later text as wrong.
    texts = {group: {m[2] for m in notes} for group, notes in mine.items()}
    numberless = {
        group: {_NUMBERED_LINK.sub("[#]", m[2]) for m in notes} for group, notes in mine.items()
    }
    own = [note for note in rendered(page).notes if not note.templated]
    pairs = _paired(own, mine)
    for note in own:
        index = seen[note.group]
        seen[note.group] += 1
        paired = pairs[note.group][index]
        candidates = [] if paired is None else [mine[note.group][paired]]
        cause, expansion = _cause(note.templates)
        # Uses in the page's own text on both sides: a template's uses need expansion.
        numbered = bool(candidates) and candidates[0][1] == note.own_uses
        numbering.add(
            numbered,
            "note missing or numbered differently" if not candidates else "backlink count",
            detail=f"{note.group or '-'} {note.number}: {note.own_uses} own uses, "
            f"ours {candidates[:1]}",
        )
        same = note.text in texts.get(note.group, ())
        if not same and _NUMBERED_LINK.sub("[#]", note.text) in numberless.get(note.group, ()):
            # Only the numbers of unlabelled links differ: the page's count includes links
            # that templates show.
            cause, expansion = "needs expansion: links numbered in templates' output", True
        text.add(same, cause, expansion=expansion, detail=f"{note.number}: {note.text[:80]!r}")
        if note.cs1:
            cs1.add(
                same,
                cause,
                expansion=False,
                detail=f"{note.number}: {note.text!r}",
            )
    return numbering, text, cs1


def _paired(
    own: list[Note], mine: dict[str, list[tuple[int | None, int, str]]]
) -> dict[str, list[int | None]]:
    """For each group, the index of our note each rendered note of the page's own is
    compared with (``None``: we have no note there).

    The two lists are aligned on their texts, in order: a note one side lacks (a note the
    HTML marks as a template's although the page's text makes it, or one we miss) then
    costs that note alone, not every later one.  Between two aligned notes, notes whose
    texts differ (a template in the note needs expansion) are paired by position.
    """
    pairs: dict[str, list[int | None]] = {}
    for group in dict.fromkeys(note.group for note in own):
        theirs = [note.text for note in own if note.group == group]
        ours_ = [text for _, _, text in mine.get(group, [])]
        paired: list[int | None] = [None] * len(theirs)
        matcher = difflib.SequenceMatcher(None, theirs, ours_, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("equal", "replace"):
                for offset in range(min(i2 - i1, j2 - j1)):
                    paired[i1 + offset] = j1 + offset
        pairs[group] = paired
    return pairs


def measure_paragraphs(page: str) -> Measure:
    mine = ours(page).paragraphs
    numberless = {_NUMBERED_LINK.sub("[#]", text) for text in mine}
    result = Measure()
    for paragraph, templates in rendered(page).paragraphs:
        cause, expansion = _cause(templates)
        found = paragraph in mine
        if not found and not templates and _NUMBERED_LINK.sub("[#]", paragraph) in numberless:
            # The words are right and only marker numbers differ: notes that templates make
            # earlier in the page (an infobox's, {{efn}} in a template) shift the count.
            cause, expansion = "needs expansion: markers shifted by notes templates make", True
        result.add(found, cause, expansion=expansion, detail=paragraph[:100])
    return result


def measure_infobox(page: str) -> Measure:
    mine = dict(ours(page).infobox)
    result = Measure()
    for label, value in rendered(page).infobox:
        ok = mine.get(label) == value
        cause = "row missing" if label not in mine else "value differs"
        result.add(
            ok, cause, expansion=True, detail=f"{label}: {value[:60]!r} / {mine.get(label)!r}"
        )
    return result


def measure_categories(page: str) -> Measure:
    mine = set(ours(page).categories)
    result = Measure()
    for name, templated in rendered(page).categories:
        result.add(
            name in mine,
            "added by a template" if templated else "page's own category missed",
            expansion=templated,
            detail=name,
        )
    return result


MEASURES = {
    "headings": lambda page: measure_headings(page),
    "numbering": lambda page: measure_lists(page)[0],
    "note text": lambda page: measure_lists(page)[1],
    "CS1 note text": lambda page: measure_lists(page)[2],
    "paragraphs": lambda page: measure_paragraphs(page),
    "infobox rows": lambda page: measure_infobox(page),
    "categories": lambda page: measure_categories(page),
}

#: The target of each measure on a page (the issue's figures), over the items that do not
#: need expansion; a page whose misses all need expansion is xfail for that reason.
TARGETS = {
    "headings": 1.0,
    "numbering": 0.98,
    "note text": 0.98,
    "CS1 note text": 0.98,
    "paragraphs": 0.98,
    "infobox rows": 0.98,
    "categories": 1.0,
}

#: Pages and measures that reach the target only with template expansion (strict: when
#: expansion lands they show as XPASS).  Regenerate with ``python -m tests.test_groundtruth``.
NEEDS_EXPANSION: frozenset[tuple[str, str]] = frozenset(
    {
        ("ceb/Montreal.wikitext", "categories"),
        ("de/Albert_Einstein.wikitext", "note text"),
        ("de/Albert_Einstein.wikitext", "categories"),
        ("de/Squirrel.wikitext", "paragraphs"),
        ("de/Squirrel.wikitext", "categories"),
        ("en/Mike_Potts.wikitext", "categories"),
        ("en/Squirrel.wikitext", "note text"),
        ("en/Squirrel.wikitext", "paragraphs"),
        ("en/Squirrel.wikitext", "categories"),
        ("en/United_States.wikitext", "paragraphs"),
        ("en/United_States.wikitext", "infobox rows"),
        ("en/United_States.wikitext", "categories"),
        ("en/William_Clark_(inventor).wikitext", "paragraphs"),
        ("en/William_Clark_(inventor).wikitext", "categories"),
        ("fr/Alexandros_Ioannis_Ginnis.wikitext", "note text"),
        ("fr/Alexandros_Ioannis_Ginnis.wikitext", "paragraphs"),
        ("fr/Alexandros_Ioannis_Ginnis.wikitext", "categories"),
        ("fr/Anarchisme.wikitext", "note text"),
        ("fr/Anarchisme.wikitext", "paragraphs"),
        ("fr/Anarchisme.wikitext", "categories"),
        ("fr/Calvi.wikitext", "note text"),
        ("fr/Calvi.wikitext", "paragraphs"),
        ("fr/Calvi.wikitext", "categories"),
        ("fr/Joséphine_Baker.wikitext", "note text"),
        ("fr/Joséphine_Baker.wikitext", "categories"),
        ("nl/Montreal.wikitext", "paragraphs"),
        ("nl/Montreal.wikitext", "categories"),
        ("pt/Portugal.wikitext", "categories"),
        ("simple/Albert_Einstein.wikitext", "note text"),
        ("simple/Albert_Einstein.wikitext", "infobox rows"),
        ("simple/Albert_Einstein.wikitext", "categories"),
        ("war/Montreal.wikitext", "categories"),
    }
)

#: Pages and measures whose own items (those that need no expansion) miss the target, with
#: the reason (strict: a fix shows as XPASS).
_MARKERS = (
    "the paragraph's markers [n] count notes that templates make ({{sfn}}-like or localised "
    "ref templates, refs inside template arguments), and the page's own text differs in "
    "places not yet investigated"
)
_BACKLINKS = (
    "6 of 272 own notes: the pt module renders {{citar web}} differently from wikibio's "
    "reading, so the two lists align by position between matching notes and pair notes "
    "across ones a template makes there; not yet investigated further"
)
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("de/Albert_Einstein.wikitext", "paragraphs"): _MARKERS,
    ("fr/Joséphine_Baker.wikitext", "paragraphs"): _MARKERS,
    ("pt/Portugal.wikitext", "paragraphs"): _MARKERS,
    ("pt/Portugal.wikitext", "numbering"): _BACKLINKS,
    ("en/United_States.wikitext", "note text"): (
        "3 of 38 own notes: two whose text is not paired with a note of ours (a note made of "
        "two citations, a ref inside a template's argument), one with a raw '{{cite book' "
        "(see LEAKS); not yet investigated"
    ),
    ("pt/Portugal.wikitext", "note text"): (
        "notes made of {{citar web}} and other Portuguese citation templates render their "
        "text only through their modules (expansion) or typed citations (not yet)"
    ),
    ("fr/Anarchisme.wikitext", "headings"): (
        "a heading holding {{s|XIX}} shows the century only through expansion"
    ),
}

#: Pages whose reading view still shows markup, with the reason (strict).
LEAKS: dict[str, str] = {
    "en/United_States.wikitext": (
        "a ref's '{{cite book' is never closed; MediaWiki prints the call as text too "
        "(its note shows it)"
    ),
    "Kerala_Agricultural_University.wikitext": "'[[Thrissur]' lacks a bracket; MediaWiki prints it",
    "United_Kingdom.wikitext": (
        "a ref lost its '<ref>{{' opening; MediaWiki prints the rest of the citation"
    ),
}


def _measure(page: str, name: str) -> Measure:
    result = MEASURES[name](page)
    groundtruth_report(name, page, result.total, result.right, result.causes)
    return result


def _params(expanded: bool) -> list[object]:
    params: list[object] = []
    for page in PAGES:
        for name in MEASURES:
            marks = []
            if expanded and (page, name) in NEEDS_EXPANSION:
                marks.append(
                    pytest.mark.xfail(
                        strict=True,
                        reason="what templates show (text, notes, rows, categories) needs "
                        "template expansion",
                    )
                )
            reason = KNOWN_FAILURES.get((page, name))
            if reason and (not expanded or (page, name) not in NEEDS_EXPANSION):
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            params.append(pytest.param(page, name, marks=marks, id=f"{page}:{name}"))
    return params


_NO_GROUNDTRUTH = pytest.mark.skipif(
    not ROWS, reason=f"{GROUNDTRUTH} is absent (shared ground truth beside the project)"
)


@_NO_GROUNDTRUTH
@pytest.mark.parametrize(("page", "name"), _params(expanded=False))
def test_groundtruth_without_expansion(page: str, name: str) -> None:
    """Each measure reaches its target on the items that need no template expansion."""
    result = _measure(page, name)
    if result.own_total:
        assert result.own_right / result.own_total >= TARGETS[name], (
            f"{name}: {result.own_right}/{result.own_total} of the items that need no "
            "expansion; misses: " + "; ".join(result.own_misses[:8])
        )


@_NO_GROUNDTRUTH
@pytest.mark.parametrize(("page", "name"), _params(expanded=True))
def test_groundtruth_as_rendered(page: str, name: str) -> None:
    """Each measure reaches its target on every item, as Wikipedia rendered the page."""
    result = MEASURES[name](page)
    if result.total:
        assert result.right / result.total >= TARGETS[name], (
            f"{name}: {result.right}/{result.total}: {result.causes.most_common(3)}"
        )


# --- no markup in the reading view -----------------------------------------------------

#: Markup or site syntax a reader never sees: wikilink and template brackets, behaviour
#: switches, ref tags, file-link options, a namespace prefix of a category or file link.
_LEAKS = re.compile(
    r"\[\[|(?<!\d)\]\]|\{\{|\}\}|__[A-ZÄÖÜ_]{3,}__|<ref\b|</ref>|\|(?:thumb|mini|miniatur|vignette|"
    r"miniaturadaschema|upright|hochkant|left|right|links|rechts|esquerda|direita|gauche|droite)\b",
    re.IGNORECASE,
)


def _corpus_languages() -> dict[str, str]:
    """The language of each corpus file, from the corpus's MANIFEST (file → lang)."""
    languages: dict[str, str] = {}
    for manifest in CORPUS.glob("**/MANIFEST.tsv"):
        folder = manifest.parent.relative_to(CORPUS)
        for row in csv.DictReader(manifest.open(encoding="utf-8"), delimiter="\t"):
            if row.get("file") and row.get("lang"):
                languages[str(folder / row["file"])] = row["lang"]
    return languages


_CORPUS_LANGUAGES = _corpus_languages() if CORPUS.exists() else {}


def _shown_as_link(text: str, snippet: str) -> bool:
    """Whether a shown ``Prefix:words`` comes from a link, not from the page's own words."""
    return snippet not in text or f"[[{snippet}" in text


_PREFIXED = re.compile(r"\[\[\s*([^:\[\]|]+?)\s*:")
_COLON_LINK = re.compile(r"\[\[\s*:\s*([^:\[\]|]+?)\s*:")


def _lang_of(path: Path) -> str:
    relative = path.relative_to(CORPUS)
    parts = relative.parts
    folder = parts[0] if len(parts) > 1 else "en"
    return _CORPUS_LANGUAGES.get(str(relative), folder)


CORPUS_PAGES = (
    sorted(p for p in CORPUS.glob("**/*.wikitext") if "fragments" not in p.parts)
    if CORPUS.exists()
    else []
)


def _leaks(text: str, lang: str, page: str) -> list[str]:
    article = _parse(text, lang, "")
    shown = article.to_text()
    items = [
        item
        for block in _blocks(reading_view(article).blocks)
        if isinstance(block, ItemList)
        for item in block.items
    ]
    holes_report(page, len(items), sum(not text_of(item.inlines).strip() for item in items))
    found = [m.group(0) for m in _LEAKS.finditer(shown)]
    site = getattr(article, "site", None) or wikibio.Site.default()
    # A prefix shown is a leak when the page links to that namespace, unless with a leading
    # colon (``[[:Category:X]]`` shows ``Category:X``), or the words are the page's own text.
    colon_links = {fold_name(m.group(1)) for m in _COLON_LINK.finditer(text)}
    links = {fold_name(m.group(1)) for m in _PREFIXED.finditer(text)}
    found += [
        m.group(0)
        for m in site.hidden_link_text.finditer(shown)
        if fold_name(m.group(0).rstrip(": _")) in links - colon_links
        and _shown_as_link(text, shown[m.start() : m.end() + 12])
    ]
    return found


@pytest.mark.skipif(
    not ROWS, reason=f"{GROUNDTRUTH} is absent (shared ground truth beside the project)"
)
@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            p, marks=[pytest.mark.xfail(strict=True, reason=LEAKS[p])] if p in LEAKS else []
        )
        for p in PAGES
    ],
)
def test_groundtruth_reading_view_shows_no_markup(page: str) -> None:
    """The reading view of each ground-truth page shows no markup or site syntax."""
    text = (GROUNDTRUTH / page).read_bytes().decode("utf-8")
    assert _leaks(text, page.split("/", 1)[0], page) == []


@pytest.mark.skipif(
    not CORPUS_PAGES, reason=f"{CORPUS} is absent (shared corpus beside the project)"
)
@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p,
            id=str(p.relative_to(CORPUS)),
            marks=[pytest.mark.xfail(strict=True, reason=LEAKS[p.name])] if p.name in LEAKS else [],
        )
        for p in CORPUS_PAGES
    ],
)
def test_corpus_reading_view_shows_no_markup(path: Path) -> None:
    """The reading view of each corpus page, in every language, shows no markup or site syntax."""
    assert _leaks(path.read_bytes().decode("utf-8"), _lang_of(path), str(path)) == []


if __name__ == "__main__":
    # Print the table of NEEDS_EXPANSION: the pages and measures that miss the target as
    # rendered while their own items reach it.
    for page in PAGES:
        for name in MEASURES:
            result = MEASURES[name](page)
            own = result.own_right / result.own_total if result.own_total else 1.0
            whole = result.right / result.total if result.total else 1.0
            if whole < TARGETS[name] and own >= TARGETS[name]:
                print(f"    ({page!r}, {name!r}),")

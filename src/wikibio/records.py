"""The records ``wikibio extract`` writes: one JSON object per page, deterministic.

Two formats (``docs/dumps.md`` documents every key):

- ``json``: title, namespace, page and revision ids, timestamp, ``is_biography``,
  infobox (template, fields with value and text), section tree, references (number,
  group, name, backlinks, text), categories, diagnostics count.
- ``wikibio``: WikiBio-style records (Lebret et al., 2016): the infobox as
  ``field_i:token`` pairs and the first sentence of the lead as plain text.

A page whose analysis raises gets a record with the page's identity and ``error``
instead of the analysis: one bad page never stops a run.

>>> from wikibio.dumps import Page
>>> from wikibio.records import page_record
>>> page = Page(title="Ada", ns=0, page_id=1, revision_id=2, timestamp=None, redirect=None,
...             text="{{Infobox person|name=Ada Lovelace}}\\n'''Ada''' was a writer.")
>>> record = page_record(page)
>>> record["infobox"]["template"], record["infobox"]["fields"]["name"]
('Infobox person', {'value': 'Ada Lovelace', 'text': 'Ada Lovelace'})
>>> page_record(page, format="wikibio")["box"]
['name_1:ada', 'name_2:lovelace']
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Final, Literal

from attrs import frozen

from wikibio.biography import detect_biography
from wikibio.document import Article, parse
from wikibio.dumps import Page
from wikibio.sections import Section
from wikibio.site import Site
from wikibio.syntax.inline import plain_text

__all__ = ["Format", "Selection", "first_sentence", "page_record", "render_records"]

Format = Literal["json", "wikibio"]
#: JSON value types of a record.
Record = dict[str, object]

_TOKEN: Final = re.compile(r"\w+(?:[-'\u2019.]\w+)*|[^\w\s]", re.UNICODE)
#: Words after which a full stop does not end a sentence.
_ABBREVIATIONS: Final = frozenset(
    "mr mrs ms dr prof st jr sr gen col lt capt sgt rev hon no vol c ca fl b d approx "
    "inc ltd co corp bros vs etc e.g i.e u.s u.k jan feb mar apr jun jul aug sep sept oct "
    "nov dec".split()
)
_SENTENCE_END: Final = re.compile(r"[.!?\u3002\uff01\uff1f]+[\"'\u201d\u2019)\]]*(?=\s|$)")


@frozen(kw_only=True)
class Selection:
    """Which pages of a dump become records."""

    #: Namespace of the pages kept (``0``: articles); ``None`` keeps every namespace.
    namespace: int | None = 0
    #: Keep redirects (skipped by default: they have no content).
    redirects: bool = False
    #: Keep only pages ``detect_biography`` calls biographies
    #: (pages whose analysis failed are kept, so failures are never silent).
    biographies: bool = False

    def wants(self, page: Page) -> bool:
        """Whether ``page`` passes the namespace and redirect filters."""
        if self.namespace is not None and page.ns != self.namespace:
            return False
        return self.redirects or page.redirect is None


def _identity(page: Page) -> Record:
    return {
        "title": page.title,
        "ns": page.ns,
        "page_id": page.page_id,
        "revision_id": page.revision_id,
        "timestamp": page.timestamp,
    }


def _section(section: Section) -> Record:
    return {
        "title": section.title,
        "level": section.level,
        "subsections": [_section(sub) for sub in section.subsections],
    }


def _json_record(page: Page, article: Article, biography: bool) -> Record:
    box = article.infobox
    infobox: Record | None = None
    if box is not None:
        infobox = {
            "template": box.template,
            "fields": {name: {"value": f.value, "text": f.text} for name, f in box.items()},
        }
    return {
        **_identity(page),
        "is_biography": biography,
        "infobox": infobox,
        "sections": [_section(section) for section in article.sections],
        "references": [
            {
                "number": ref.number,
                "group": ref.group,
                "name": ref.name,
                "backlinks": list(ref.backlinks),
                "text": ref.text,
            }
            for ref in article.references
        ],
        "categories": list(article.categories),
        "diagnostics": len(article.diagnostics),
    }


def tokens(text: str) -> list[str]:
    """WikiBio's tokens: words and punctuation marks, lower case."""
    return [token.lower() for token in _TOKEN.findall(text)]


def _wikibio_record(page: Page, article: Article, biography: bool) -> Record:
    box: list[str] = []
    infobox = article.infobox
    if infobox is not None:
        for name, field in infobox.items():
            label = "_".join(name.split()) or "_"
            words = tokens(field.text)
            box.extend(f"{label}_{i}:{word}" for i, word in enumerate(words, 1))
    return {
        **_identity(page),
        "is_biography": biography,
        "box": box,
        "sentence": first_sentence(str(article.lead)),
    }


def first_sentence(wikitext: str) -> str:
    """The first sentence of a lead's first paragraph, as plain text.

    Templates (infoboxes, hatnotes), comments, references, files and categories vanish;
    the first line with words is the first paragraph, cut after the first full stop that
    does not follow an abbreviation or an initial (``J. R. R. Tolkien``).

    >>> first_sentence("{{Infobox}}\\n'''J. R. R. Tolkien''' (born 1892) was a writer. He...")
    'J. R. R. Tolkien (born 1892) was a writer.'
    """
    text = plain_text(wikitext)
    paragraph = next((line.strip() for line in text.split("\n") if _has_words(line)), "")
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[: match.start()].rsplit(None, 1)
        word = before[-1].lower() if before else ""
        if match.group().startswith(".") and (len(word) == 1 or word in _ABBREVIATIONS):
            continue
        return paragraph[: match.end()].strip()
    return paragraph


def _has_words(line: str) -> bool:
    return any(c.isalpha() for c in line)


def page_record(page: Page, *, format: Format = "json", site: Site | None = None) -> Record:
    """The record of one page; never raises for the page's content.

    Args:
        page: The page from the dump.
        format: ``"json"`` (the full record) or ``"wikibio"``.
        site: The dump's wiki (``wikibio.dumps.dump_site``); default ``Site.default()``.

    Returns:
        The record, keys in a fixed order; ``{…identity, "error": "…"}`` if analysing
        the page raised.
    """
    if page.error is not None:
        return {**_identity(page), "error": f"DumpError: {page.error}"}
    try:
        article = parse(page.text, title=page.title, site=site)
        biography = detect_biography(article).is_biography
        if format == "wikibio":
            return _wikibio_record(page, article, biography)
        return _json_record(page, article, biography)
    except Exception as error:  # one bad page never stops a run
        return {**_identity(page), "error": f"{type(error).__name__}: {error}"}


def render_records(
    pages: Iterable[Page],
    selection: Selection,
    *,
    format: Format = "json",
    site: Site | None = None,
) -> list[str]:
    """The JSON lines (with their newline) of the selected pages, in order."""
    lines: list[str] = []
    for page in pages:
        if not selection.wants(page):
            continue
        record = page_record(page, format=format, site=site)
        if selection.biographies and record.get("is_biography") is False:
            continue
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return lines

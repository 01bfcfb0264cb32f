# ruff: noqa: RUF001, RUF002 - dashes and curly quotes are the module's own output and input
"""Citation Style 1 and 2 in plain text: ``citation0()`` of ``Module:Citation/CS1``.

A port of the en.wiki module (September 2022 snapshot, whose output matched renderings of
February 2024) for what a reader copies from the page: the HTML, links, COinS metadata,
hidden maintenance messages and CSS-generated quote marks are left out; italics vanish and
non-breaking spaces are plain spaces.  The element order is the module's::

    Authors (Date). Chapter. Place. Editors. Title [Trans] (Format). Periodical. Type.
    Series. Language. Volume. Others. Edition. Publisher. Agency. Pages. Identifiers.
    Archived … Retrieved … – via … Quote

with the module's ``safe_join`` never doubling a separator.  See
``shared/reference/CS1_AND_INFOBOXES.md`` §2.

One rule follows the module Wikipedia ran later than that snapshot: a ``{{cite journal}}``
(or ``{{citation}}`` with a periodical) shows its volume and issue *before* its publisher,
"Journal. 64 (1649). Publisher: 132–133" (the 2022 snapshot and renderings of February 2024
had "Journal. Publisher. 64 (1649): 132–133").  Every such citation in Parsoid's HTML of
January 2025 shows the new order; ``docs/mediawiki-rules.md`` gives the evidence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from wikibio.citations import dates as cs1_dates
from wikibio.syntax.chars import holds_any

if TYPE_CHECKING:
    from wikibio.citations import Citation, CitationDate, Identifier, Person

__all__ = ["render"]

_QUOTED_TITLE: Final = frozenset(
    {"web", "news", "journal", "magazine", "pressrelease", "podcast", "interview", "arxiv"}
)
#: An arXiv identifier of the 2007 scheme (``0706.0001``, ``1501.00001v2``): ``{{cite arXiv}}``
#: shows its ``|class=`` after it in brackets.
_ARXIV_2007: Final = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?")
#: ``|url-access=`` values that wrap the title's link in a lock icon's ``<span>``.
_ACCESS_LOCKS: Final = frozenset({"registration", "limited", "subscription"})
_PERIODICAL_CLASSES: Final = frozenset({"web", "news", "journal", "magazine", "pressrelease"})
_USES_VOLUME: Final = frozenset(
    {
        "citation",
        "audio-visual",
        "book",
        "conference",
        "encyclopaedia",
        "interview",
        "journal",
        "magazine",
        "news",
        "report",
        "techreport",
        "thesis",
    }
)
_USES_ISSUE: Final = frozenset(
    {"citation", "conference", "interview", "journal", "magazine", "news"}
)
_NO_PAGES: Final = frozenset({"audio-visual"})
_TITLE_TYPES: Final = {
    "interview": "Interview",
    "pressrelease": "Press release",
    "report": "Report",
    "techreport": "Technical report",
    "thesis": "Thesis",
}
_CLASS_NAMES: Final = {
    "audio-visual": "AV media",
    "encyclopaedia": "encyclopedia",
    "pressrelease": "press release",
}
_ID_LABELS: Final = {
    "arxiv": "arXiv:",
    "asin": "ASIN ",
    "bibcode": "Bibcode:",
    "biorxiv": "bioRxiv ",
    "citeseerx": "CiteSeerX ",
    "doi": "doi:",
    "eissn": "eISSN ",
    "hdl": "hdl:",
    "isbn": "ISBN ",
    "ismn": "ISMN ",
    "issn": "ISSN ",
    "jfm": "JFM ",
    "jstor": "JSTOR ",
    "lccn": "LCCN ",
    "mr": "MR ",
    "oclc": "OCLC ",
    "ol": "OL ",
    "osti": "OSTI ",
    "pmc": "PMC ",
    "pmid": "PMID ",
    "rfc": "RFC ",
    "sbn": "SBN ",
    "ssrn": "SSRN ",
    "s2cid": "S2CID ",
    "zbl": "Zbl ",
}
#: ISO 639 codes → English names, as ``mw.language.fetchLanguageName`` gives them.
LANGUAGES: Final = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "az": "Azerbaijani",
    "be": "Belarusian", "bg": "Bulgarian", "bn": "Bangla", "bo": "Tibetan", "bs": "Bosnian",
    "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian",
    "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fil": "Filipino", "fo": "Faroese",
    "fr": "French", "fy": "Western Frisian", "ga": "Irish", "gd": "Scottish Gaelic",
    "gl": "Galician", "grc": "Ancient Greek", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese",
    "ka": "Georgian", "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean",
    "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lo": "Lao",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam",
    "mn": "Mongolian", "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "my": "Burmese",
    "nb": "Norwegian Bokmål", "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian Nynorsk",
    "no": "Norwegian", "oc": "Occitan", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sa": "Sanskrit",
    "sh": "Serbo-Croatian", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian",
    "so": "Somali", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tg": "Tajik", "th": "Thai", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "yi": "Yiddish", "yue": "Cantonese", "zh": "Chinese",
}  # fmt: skip
_LANGUAGE_NAMES: Final = {name.casefold(): name for name in LANGUAGES.values()}
_PDF: Final = re.compile(r"\.pdf(?:$|[?#]|&#035)", re.IGNORECASE)
_PAGE_RANGE: Final = re.compile(r"\w*[.-]?\w+\s*[-–—]\s*\w*[.-]?\w+")
#: What ``_hyphen_to_dash`` changes: a list separator, a dash, or an entity that is one.
_RANGE_OR_LIST: Final = re.compile(r"[,;\-–—]|&[nm]dash;")
_PAGE_LIST: Final = re.compile(r"\s*[,;]\s*")
_HYPHEN_RANGE: Final = re.compile(r"(\w*[.-]?\w+)\s*-\s*(\w*[.-]?\w+)")
_DASH_RANGE: Final = re.compile(r"\s*[–—]\s*")
_HYPHEN_RANGES: Final = (
    re.compile(r"[A-Za-z]+[.-]?\d+\s*-\s*[A-Za-z]+[.-]?\d+"),
    re.compile(r"\d+[.-]?[A-Za-z]+\s*-\s*\d+[.-]?[A-Za-z]+"),
    re.compile(r"\d+[.-]\d+\s*-\s*\d+[.-]\d+"),
    re.compile(r"\d+\s*-\s*\d+"),
    re.compile(r"[A-Za-z]+\s*-\s*[A-Za-z]+"),
)
_INITIAL_END: Final = re.compile(r"(?:\.\s*[^\W\d_]\.|\s+[^\W\d_]\.)$")
_DATE_KEYS: Final = ("date", "publication_date", "access_date", "archive_date")


def render(citation: Citation, *, date_format: str | None, errors: bool) -> str:
    """The citation in plain text (see the module documentation)."""
    return _Renderer(citation, date_format).text(errors=errors)


def _hyphen_to_dash(text: str | None) -> str | None:
    """``utilities.hyphen_to_dash``: page ranges written with a hyphen get an en dash."""
    if not text or not _RANGE_OR_LIST.search(text):
        return text  # PERF: one page or a word: nothing to split or dash
    items = _PAGE_LIST.split(text.replace("&ndash;", "–").replace("&mdash;", "—"))
    out = []
    for item in items:
        if _PAGE_RANGE.fullmatch(item):
            if any(pattern.fullmatch(item) for pattern in _HYPHEN_RANGES):
                item = _HYPHEN_RANGE.sub(r"\1–\2", item)
            else:
                item = _DASH_RANGE.sub("–", item)
        out.append(item)
    return ", ".join(out)


def _as_written(name: str) -> str:
    """A name in ``((…))`` ("accept this as written") shows without the double parentheses."""
    if name.startswith("((") and name.endswith("))") and len(name) > 4:
        return name[2:-2].strip()
    return name


def _safe_join(parts: list[str], sepc: str, *, link_end: str = "") -> str:
    """``safe_join``: concatenate, dropping a separator that would be doubled.

    ``link_end`` is a quoted title that is an external link's label and ends with the
    separator: the module sees its markup end in ``."]`` and drops the next separator
    (``"… the U.S." Gallup``).  After an unlinked quoted title (``."``), or a link wrapped in
    an access-lock span (``|url-access=``, ``</span>``), both stay: ``"… in U.S.". The New
    York Times`` (both seen in the ground truth).
    """
    result = ""
    for value in parts:
        if not value:
            continue
        if not result:
            result = value
            continue
        if value.startswith(sepc):
            if result.endswith(sepc):
                result = result[:-1]
            elif result.endswith(sepc + " "):
                result = result[:-2]
            elif link_end and result.endswith(link_end):
                value = value[1:]
        result += value
    return result


def _sep_list(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _kern_quotes(title: str) -> str:
    return title.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


class _Renderer:
    """One rendering: the citation, its separator and the error messages collected."""

    def __init__(self, citation: Citation, date_format: str | None) -> None:
        self.c = citation
        self.sepc = "," if citation.mode == "cs2" else "."
        self.lower = self.sepc == ","
        self.errors: list[str] = [p.message for p in citation.problems if p.visible]
        self.dates = self._dates(date_format)

    # --- dates -----------------------------------------------------------------------

    def _dates(self, date_format: str | None) -> dict[str, str]:
        c = self.c
        values: dict[str, CitationDate | None] = {
            "date": c.date,
            "year": c.year,
            "publication_date": c.publication_date,
            "access_date": c.access_date,
            "archive_date": c.archive_date,
        }
        if c.date is None:
            values["date"] = c.year
            values["year"] = None
            if c.year is None and c.publication_date is not None:
                values["date"] = c.publication_date
                values["publication_date"] = None
        if (
            values["publication_date"] is not None
            and values["date"] is not None
            and values["publication_date"].text == values["date"].text
        ):
            values["publication_date"] = None
        if not c.url and not c.chapter_url and values["access_date"] is not None:
            self.errors.append("|access-date= requires |url=")
            values["access_date"] = None
        texts = {key: value.text for key, value in values.items() if value is not None}
        bad = [
            f"|{c.origins.get(key, key.replace('_', '-'))}="
            for key, value in values.items()
            if value is not None and not value.valid
        ]
        if bad:
            self.errors.append("Check date values in: " + _sep_list(bad))
            return texts
        df = (c.df or "").lower()
        if df not in ("dmy", "mdy", "ymd", "dmy-all", "mdy-all", "ymd-all"):
            df = f"{date_format}-all" if date_format else ""
        if df:
            style, _, scope = df.partition("-")
            for key, text in texts.items():
                if key in ("access_date", "archive_date") and scope != "all":
                    continue
                texts[key] = cs1_dates.reformat(text, style)
        return {key: cs1_dates.hyphen_to_dash(text) for key, text in texts.items()}

    # --- names -----------------------------------------------------------------------

    def _people(self, people: tuple[Person, ...], maximum: int | None, etal: bool) -> str:
        """``list_people``: ``Last, First; Last, First; et al.``"""
        vanc = self.c.name_list_style == "vanc"
        sep, namesep = (", ", " ") if vanc else ("; ", ", ")
        names: list[str] = []
        for index, person in enumerate(people, 1):
            if maximum is not None and index > maximum:
                etal = True
                break
            if person.mask:
                if person.mask.isdigit():
                    if int(person.mask):
                        names.append("—" * int(person.mask))
                    continue
                names.append(person.mask)
                continue
            last, first = _as_written(person.last), _as_written(person.first or "")
            names.append(f"{last}{namesep}{first}" if first else last)
        if not names:
            return ""
        style = self.c.name_list_style
        if len(names) > 1 and not etal and style in ("amp", "and"):
            last = " & " if style == "amp" else (" and " if len(names) == 2 else "; and ")
            text = sep.join(names[:-1]) + last + names[-1]
        else:
            text = sep.join(names)
        return f"{text}{sep}et al." if etal else text

    def _authors(self) -> str:
        c = self.c
        maximum = c.display_authors
        etal = c.authors_etal or bool(c.collaboration)
        if maximum is not None and maximum >= len(c.authors):
            self.errors.append(f"Invalid |display-authors={maximum}")
            maximum = None
        text = self._people(c.authors, maximum, etal)
        if not c.authors and c.authors_text:
            text = c.authors_text + (" et al." if c.authors_etal else "")
        if text and c.collaboration:
            text += f" ({c.collaboration})"
        return text

    def _terminate(self, names: str) -> str:
        sepc = self.sepc
        if names.endswith(sepc + ". "):
            return names
        if names.endswith(sepc):
            return names + " "
        return names + sepc + " "

    # --- elements --------------------------------------------------------------------

    def _language(self) -> str:
        if not self.c.language:
            return ""
        names = []
        for item in re.split(r"\s*,\s*", self.c.language.strip()):
            code = item.lower()
            name = LANGUAGES.get(code) or LANGUAGES.get(code.split("-")[0]) if code else None
            names.append(name or _LANGUAGE_NAMES.get(item.casefold(), item))
        if len(names) == 1 and names[0] == "English":
            return ""
        return f" (in {_sep_list(names)})"

    def _format(self, given: str | None, url: str | None) -> str:
        if given:
            if not url:
                self.errors.append("|format= requires |url=")
            return f" ({given})"
        return " (PDF)" if url and _PDF.search(url) else ""

    def _volume(self, volume: str | None, issue: str | None, journal: bool) -> str:
        sepc = self.sepc
        if not volume and not issue:
            return ""
        if journal:
            text = f"{sepc} {_hyphen_to_dash(volume)}" if volume else ""
            return text + (f" ({issue})" if issue else "")
        vol, no = ("vol.", "no.") if self.lower else ("Vol.", "No.")
        if volume and issue:
            return f"{sepc} {vol} {_hyphen_to_dash(volume)}, no. {issue}"
        if volume:
            return f"{sepc} {vol} {_hyphen_to_dash(volume)}"
        return f"{sepc} {no} {issue}"

    def _pages(self, journal: bool) -> str:
        c = self.c
        sepc = self.sepc
        if c.style in _NO_PAGES:
            return ""
        pages = _hyphen_to_dash(c.pages)
        if c.page:
            return f": {c.page}" if journal else f"{sepc} {'' if c.no_pp else 'p. '}{c.page}"
        if pages:
            if journal:
                return f": {pages}"
            if c.no_pp:
                return f"{sepc} {pages}"
            # The module asks whether the value as written is a number (Lua's tonumber):
            # ``|pages=[url 516]`` is not, so it shows "pp.".
            written = c.params.get(c.origins.get("pages", "pages"), pages).strip()
            return f"{sepc} {'p.' if written.isdigit() else 'pp.'} {pages}"
        if c.at:
            return f"{sepc} {c.at}"
        return ""

    def _title(self, title: str, quoted: bool, plain: bool) -> str:
        if title.endswith("..."):
            title = re.sub(r"(\.\.\.)\.+$", r"\1", title)
        elif not (title.endswith((".", ".\n")) and _INITIAL_END.search(title)):
            # PERF: the pattern ends in "." at the end: most titles are ruled out at once,
            # not searched to their end.
            title = title.removesuffix(self.sepc)
        if quoted and title:
            return f'"{_kern_quotes(title)}"'
        return title

    def _identifiers(self) -> list[str]:
        rendered = sorted(
            (
                (i.kind, f"{_ID_LABELS.get(i.kind, i.kind.upper() + ' ')}{i.value}{self._class(i)}")
                for i in self.c.identifiers
            ),
            key=lambda pair: pair[0],
        )
        return [text for _, text in rendered]

    def _class(self, identifier: Identifier) -> str:
        """What follows an identifier: `` (inactive 1 May 2020)`` after a DOI with
        ``|doi-broken-date=``; `` [astro-ph]``, a ``{{cite arXiv}}`` eprint's ``|class=``,
        after a 2007-scheme id."""
        if identifier.kind == "doi":
            broken = self.c.params.get("doi-broken-date") or self.c.params.get("doi_brokendate")
            return f" (inactive {broken.strip()})" if broken and broken.strip() else ""
        if identifier.kind != "arxiv" or self.c.style != "arxiv":
            return ""
        subject = (self.c.params.get("class") or "").strip()
        return f" [{subject}]" if subject and _ARXIV_2007.fullmatch(identifier.value) else ""

    # --- assembly ----------------------------------------------------------------------

    def text(self, *, errors: bool) -> str:
        c = self.c
        sepc = self.sepc
        lower = self.lower
        style = c.style
        dates = self.dates

        authors = self._authors()
        chapter = c.chapter or ""
        trans_chapter = c.trans_chapter or ""
        script_chapter = c.script_chapter or ""
        title = c.title or ""
        trans_title = c.trans_title or ""
        script_title = c.script_title or ""
        url = c.url or ""
        chapter_url = c.chapter_url or ""
        periodical = c.work or ""
        encyclopedia = c.encyclopedia or ""
        if encyclopedia and style not in ("encyclopaedia", "citation"):
            self.errors.append(f"Unknown parameter |{c.origins['encyclopedia']}= ignored")
            encyclopedia = ""
        if style == "encyclopaedia" or (style == "citation" and encyclopedia):
            if periodical and encyclopedia:
                self.errors.append(
                    f"More than one of |{c.origins['encyclopedia']}= and "
                    f"|{c.origins['work']}= specified"
                )
            if encyclopedia:
                periodical = encyclopedia
            if periodical:
                if title or script_title:
                    if not chapter:
                        chapter, script_chapter, trans_chapter = title, script_title, trans_title
                        chapter_url = url
                        title, periodical, trans_title, url, script_title = (
                            periodical,
                            "",
                            "",
                            "",
                            "",
                        )
                elif chapter or script_chapter:
                    title, periodical = periodical, ""
        if style == "conference" and c.book_title:
            chapter, chapter_url, trans_chapter = title, url, trans_title
            title, trans_title, url = c.book_title, "", ""
        periodical_set = bool(periodical or c.script_work)
        journal = style == "journal" or (
            style in ("citation", "interview") and c.origins.get("work") == "journal"
        )

        # volume, issue, pages
        volume = ""
        if style == "citation":
            if periodical_set:
                if c.origins.get("work") not in ("website",):
                    volume = c.volume or ""
            else:
                volume = c.volume or ""
        elif style in _USES_VOLUME:
            volume = c.volume or ""
        issue = ""
        if style == "citation":
            if periodical and c.origins.get("work") in (
                "journal",
                "magazine",
                "newspaper",
                "periodical",
                "work",
            ):
                issue = _hyphen_to_dash(c.issue) or ""
        elif style in _USES_ISSUE and not (
            style in ("conference", "citation") and not periodical_set
        ):
            issue = _hyphen_to_dash(c.issue) or ""
        if style == "techreport" and c.issue and not c.id:
            issue = ""

        # places
        place = c.location or ""
        publication_place = c.publication_place or ""
        if publication_place and place and publication_place == place:
            place = ""
        elif not publication_place and place:
            publication_place, place = place, ""

        # format, url status, archive
        fmt = self._format(c.format, url)
        chapter_format = ""
        if not (style in _PERIODICAL_CLASSES or (style == "citation" and periodical_set)):
            chapter_format = (
                f" ({c.chapter_format})"
                if c.chapter_format
                else (" (PDF)" if chapter_url and _PDF.search(chapter_url) else "")
            )
        if not url and (
            style == "web" or (style == "citation" and c.origins.get("work") == "website")
        ):
            self.errors.append("Missing or empty |url=")
        archive_url = c.archive_url or ""
        archive_format = self._format(c.archive_format, archive_url) if archive_url else ""
        url_status = (c.url_status or "").lower()
        if url_status not in ("dead", "live", "unfit", "usurped", "bot: unknown"):
            url_status = ""
        original_url, original_format = "", ""
        if archive_url:
            if chapter_url:
                original_url, original_format = chapter_url, chapter_format
                if url_status != "live":
                    chapter_format = archive_format
            elif url:
                original_url, original_format = url, fmt
                if url_status != "live":
                    fmt = archive_format

        # chapter
        if style in _PERIODICAL_CLASSES or (
            style == "citation" and periodical_set and not encyclopedia
        ):
            chap_param = next(
                (
                    c.origins[k]
                    for k in ("chapter", "trans_chapter", "chapter_url", "script_chapter")
                    if k in c.origins
                    and (chapter or trans_chapter or chapter_url or script_chapter)
                ),
                None,
            )
            if chap_param is not None:
                self.errors.append(f"|{chap_param}= ignored")
            chapter = ""
        else:
            chapter = self._chapter(chapter, script_chapter, trans_chapter)
            if chapter:
                chapter = chapter + chapter_format + sepc + " "

        # title
        if not title and not trans_title and not script_title:
            self.errors.append("Missing or empty |title=")
        title = self._title(title, False, False)
        if style in _QUOTED_TITLE or (style == "citation" and periodical_set and not encyclopedia):
            title = f'"{_kern_quotes(title)}"' if title else ""
            title = _script(title, script_title)
            trans = f"[{trans_title}]" if trans_title else ""
        else:
            title = _script(title, script_title)
            trans = f"[{trans_title}]" if trans_title else ""
        if trans:
            if title:
                trans = " " + trans
            else:
                self.errors.append("|trans-title= requires |title= or |script-title=")
        bare_url = ""
        link_end = ""
        if title:
            if url and not c.title_link:
                if (
                    not trans
                    and not fmt
                    and title.endswith(sepc + '"')
                    and (c.url_access or "").strip().lower() not in _ACCESS_LOCKS
                ):
                    link_end = title
                title = title + trans + fmt
                fmt = ""
                url = ""
            else:
                title = title + trans
        else:
            title = trans
        if url:
            bare_url = " " + url

        place_text = f" {'written at' if lower else 'Written at'} {place}{sepc} " if place else ""
        conference = f"{sepc} {c.conference}" if c.conference and style == "conference" else ""

        page_text = self._pages(journal)
        others = f"{sepc} {c.others}" if c.others else ""
        translators = self._people(c.translators, None, False)
        if translators:
            by = "translated by" if lower else "Translated by"
            others = _safe_join([f"{sepc} ", f"{by} {translators}", others], sepc)
        interviewers = self._people(c.interviewers, None, False)
        if interviewers:
            by = "interviewed by" if lower else "Interviewed by"
            others = _safe_join([f"{sepc} ", f"{by} {interviewers}", others], sepc)
        title_note = f"{sepc} {c.department}" if c.department else ""
        edition = f" ({c.edition} ed.)" if c.edition else ""
        series = f"{sepc} {c.series}" if c.series else ""
        agency = f"{sepc} {c.agency}" if c.agency else ""
        volume_text = self._volume(volume, issue, journal)

        title_type = c.type or ""
        if style in _TITLE_TYPES:
            if c.type is None or c.type == "":
                title_type = _TITLE_TYPES[style]
            elif c.type.lower() in ("none", "no"):
                title_type = ""
            if c.degree and title_type == "Thesis":
                title_type = f"{c.degree} thesis"
        title_type = f" ({title_type})" if title_type else ""

        access = dates.get("access_date", "")
        if access:
            access = f"{sepc} {'retrieved' if lower else 'Retrieved'} {access}"
        id_text = f"{sepc} {c.id}" if c.id else ""

        quote = ""
        if c.quote or c.trans_quote or c.script_quote:
            quote = c.quote or ""
            if quote.startswith('"') and quote.endswith('"') and len(quote) > 1:
                quote = quote[1:-1]
            if c.script_quote:
                quote = f"{quote} {c.script_quote}" if quote else c.script_quote
            if c.trans_quote:
                quote = f"{quote} [{c.trans_quote.strip(chr(34))}]"
            if c.quote_page:
                prefix = f"{sepc} {c.quote_page}" if c.no_pp else f"{sepc} p. {c.quote_page}"
                quote = f"{prefix}: {quote}"
            elif c.quote_pages:
                pages = c.quote_pages
                if c.no_pp:
                    prefix = f"{sepc} {pages}"
                else:
                    prefix = f"{sepc} {'p.' if pages.isdigit() else 'pp.'} {pages}"
                quote = f"{prefix}: {quote}"
            else:
                quote = f"{sepc} {quote}"
        postscript = "." if sepc == "." else ""
        if c.postscript is not None:
            postscript = "" if c.postscript.lower() == "none" else c.postscript
        if quote:
            postscript = ""

        archived = ""
        archive_date = dates.get("archive_date", "")
        if archive_url:
            if not archive_date:
                self.errors.append("|archive-url= requires |archive-date=")
            if url_status == "live":
                word = "archived" if lower else "Archived"
                archived = (
                    f"{sepc} {word}{archive_format} from the original on {archive_date}"
                    if archive_date
                    else ""
                )
                if not original_url:
                    self.errors.append("|archive-url= requires |url=")
                    archived = ""
            elif original_url:
                if url_status in ("unfit", "usurped", "bot: unknown"):
                    word = "archived" if lower else "Archived"
                    archived = f"{sepc} {word} from the original on {archive_date}"
                elif archive_date:
                    word = "archived" if lower else "Archived"
                    archived = f"{sepc} {word} from the original{original_format} on {archive_date}"
            else:
                self.errors.append("|archive-url= requires |url=")

        publication_date = dates.get("publication_date", "")
        if publication_date:
            publication_date = f" (published {publication_date})"
        publisher = c.publisher or ""
        if publisher:
            publisher = (
                f"{sepc} "
                + (f"{publication_place}: {publisher}" if publication_place else publisher)
                + publication_date
            )
        elif publication_place:
            publisher = f"{sepc} {publication_place}{publication_date}"
        else:
            publisher = publication_date

        if periodical_set:
            periodical = _script(periodical, c.script_work or "")
            if c.trans_work:
                periodical += f" [{c.trans_work}]"
            if title or title_note:
                periodical = f"{sepc} {periodical}"
        language = self._language()

        if style in ("journal", "citation") and periodical_set:
            if others:
                others = _safe_join([others, sepc + " "], sepc)
            tcommon = _safe_join(
                [
                    others,
                    title,
                    title_note,
                    conference,
                    periodical,
                    fmt,
                    title_type,
                    series,
                    language,
                    edition,
                    # PERIODICAL_VOLUME_FIRST: the module Wikipedia ran from 2024 puts a
                    # journal's volume and issue before its publisher (module docstring).
                    volume_text,
                    publisher,
                    agency,
                ],
                sepc,
                link_end=link_end,
            )
        else:
            tcommon = _safe_join(
                [
                    title,
                    title_note,
                    conference,
                    periodical,
                    fmt,
                    title_type,
                    series,
                    language,
                    volume_text,
                    others,
                    edition,
                    publisher,
                    agency,
                ],
                sepc,
                link_end=link_end,
            )

        ids = self._identifiers()
        id_list = _safe_join([sepc + " ", f"{sepc} ".join(ids), id_text], sepc) if ids else id_text
        via = f" – via {c.via}" if c.via else ""
        idcommon = _safe_join([id_list, bare_url, archived, access, via, quote], sepc)

        date = dates.get("date", "")
        orig = f" [{c.orig_date}]" if c.orig_date else ""
        editors = self._people(c.editors, self._display_editors(), c.editors_etal)
        editor_count = (
            len(c.editors) if not c.display_editors else min(len(c.editors), c.display_editors)
        )
        if editor_count == 1 and (c.editors_etal or len(c.editors) > 1):
            editor_count = 2
        if date:
            if authors or editors:
                date = f" ({date}){orig}{sepc} "
            elif tcommon.endswith(sepc):
                date = f" {date}{orig}"
            else:
                date = f"{sepc} {date}{orig}"
        ed = "eds." if editor_count > 1 else "ed."
        if authors:
            if not date:
                authors = self._terminate(authors)
            if editors:
                in_text = " "
                if chapter:
                    in_text += "in " if lower else "In "
                editors = self._terminate(f"{in_text}{editors} ({ed})")
            text = _safe_join(
                [authors, date, chapter, place_text, editors, tcommon, page_text, idcommon],
                sepc,
                link_end=link_end,
            )
        elif editors:
            editors = f"{editors}, {ed}" if date else f"{editors} ({ed}){sepc} "
            text = _safe_join(
                [editors, date, chapter, place_text, tcommon, page_text, idcommon],
                sepc,
                link_end=link_end,
            )
        elif style in ("journal", "citation") and periodical_set:
            text = _safe_join(
                [chapter, place_text, tcommon, page_text, date, idcommon], sepc, link_end=link_end
            )
        else:
            text = _safe_join(
                [chapter, place_text, tcommon, date, page_text, idcommon], sepc, link_end=link_end
            )

        if postscript and postscript != sepc:
            text = _safe_join([text, sepc], sepc, link_end=link_end)[: -len(sepc)]
        text = _safe_join([text, postscript], sepc, link_end=link_end)
        if not _single_spaced(text):
            text = " ".join(text.split())
        if len(text) <= 2:
            text = ""
            self.errors = ["Empty citation"]
        if errors and self.errors:
            name = "citation" if style == "citation" else ("cite " + _CLASS_NAMES.get(style, style))
            messages = "; ".join(f"{m} (help)" for m in sorted(set(self.errors)))
            text = f"{text} {{{{{name}}}}}: {messages}".strip()
        return text

    def _display_editors(self) -> int | None:
        maximum = self.c.display_editors
        if maximum is not None and maximum >= len(self.c.editors):
            self.errors.append(f"Invalid |display-editors={maximum}")
            return None
        return maximum

    def _chapter(self, chapter: str, script: str, trans: str) -> str:
        """``format_chapter_title``: ``"Chapter" [Trans]``."""
        text = f'"{_kern_quotes(chapter)}"' if chapter else ""
        text = _script(text, script)
        if trans:
            text = f"{text} [{trans}]" if text else f"[{trans}]"
            if not chapter and not script:
                self.errors.append("|trans-chapter= requires |chapter= or |script-chapter=")
        return text


def _script(text: str, script: str) -> str:
    if not script:
        return text
    return f"{text} {script}" if text else script


#: The ASCII characters str.split() splits on, besides the space.
_ASCII_BLANKS: Final = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"


def _single_spaced(text: str) -> bool:
    """Whether ``" ".join(text.split())`` gives ``text`` back: an ASCII text with single
    spaces and no other blank, none at its ends (PERF: most citations; the split and join
    cost more than the rest of the assembly)."""
    return (
        text.isascii()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and not holds_any(text, _ASCII_BLANKS)
    )

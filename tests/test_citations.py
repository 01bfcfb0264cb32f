# ruff: noqa: RUF001 - the cases are real citations, whose ranges use en dashes
"""Citation templates read as Module:Citation/CS1 reads them, and rendered as it renders them."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wikibio
from tests.conftest import CORPUS, EXAMPLES, SHARED, needs_shared
from wikibio import citations
from wikibio.citations import Citation, dates, find_citation, is_citation_template, read
from wikibio.syntax import scan
from wikibio.templates import build_template

TARGET = SHARED / "target" / "Xu_Junping.txt"


def _citation(wikitext: str) -> Citation:
    citation = find_citation(wikitext)
    assert citation is not None
    return citation


# --- real citations from the corpus ------------------------------------------------------

CORPUS_CASES = [
    pytest.param(
        "{{cite web | url=http://www.kau.in/ | title=Official website | access-date=3 July 2011}}",
        None,
        '"Official website". Retrieved 3 July 2011.',
        id="Kerala_Agricultural_University-web-access-date",
    ),
    pytest.param(
        "{{cite book|title=Sick Little Monkeys: The Unauthorized Ren & Stimpy Story"
        "|isbn=9781593932343|publisher=BearManor Media|year=2013|author=Thad Komorowski}}",
        None,
        "Thad Komorowski (2013). Sick Little Monkeys: The Unauthorized Ren & Stimpy Story. "
        "BearManor Media. ISBN 9781593932343.",
        id="Ren_and_Stimpy-book-author",
    ),
    pytest.param(
        "{{cite web|title=CRIMINAL PROCEEDINGS AND DEFENCE RIGHTS IN FRANCE"
        "|publisher=[[Fair Trials International]]"
        "|url=http://www.fairtrials.org/wp-content/uploads/France-advice-note.pdf}}",
        None,
        '"CRIMINAL PROCEEDINGS AND DEFENCE RIGHTS IN FRANCE" (PDF). Fair Trials International.',
        id="Arraignment-web-pdf-linked-publisher",
    ),
    pytest.param(
        "{{Citation | title = comments in the host-side Linux implementation "
        "| url=http://lxr.linux.no/#linux+v3.4.4/drivers/net/usb/rndis_host.c#L31}}",
        None,
        "comments in the host-side Linux implementation",
        id="RNDIS-citation-cs2-no-terminal",
    ),
    pytest.param(
        "{{cite book |last= Denton |first= Tony |title= Handbook 2009 |year= 2009 "
        "|publisher= Lifeboat Enthusiasts Society |location= Shrewsbury |pages= 66–71 }}",
        None,
        "Denton, Tony (2009). Handbook 2009. Shrewsbury: Lifeboat Enthusiasts Society. pp. 66–71.",
        id="RNLI_stations-book-location-publisher",
    ),
    pytest.param(
        "{{cite web | author = Anon | title = All About Aardvarks "
        "| url = http://www.easyscienceforkids.com/all-about-aardvarks.html "
        "| website = Easy Science for Kids | publisher = Online Science Tutor for Kids "
        "| accessdate = 2013-11-18 | year = 2013 | ref = harv }}",
        None,
        '"All About Aardvarks"'.join(["Anon (2013). ", ". Easy Science for Kids. "])
        + "Online Science Tutor for Kids. Retrieved 2013-11-18.",
        id="Aardvark-web-accessdate-iso",
    ),
    pytest.param(
        "{{cite news |url=http://www.times.co.zm/?p=4888|title=Govt, Angola Ink U.S.$2.5 "
        "Billion Oil Deal |author=Chila Namaiko |publisher=Times of Zambia"
        "|location=Lusaka, Zambia|date=14 April 2012|accessdate=29 May 2012}}",
        None,
        'Chila Namaiko (14 April 2012). "Govt, Angola Ink U.S.$2.5 Billion Oil Deal". '
        "Lusaka, Zambia: Times of Zambia. Retrieved 29 May 2012.",
        id="Transport_in_Angola-news-dmy",
    ),
    pytest.param(
        "{{cite journal | vauthors = ((Cox Jü)), Mann M | title = Is Proteomics the New "
        "Genomics? | journal = Cell | volume = 130 | issue = 3 | pages = 395–8 | year = 2007 "
        "| pmid = 17693247 | doi = 10.1016/j.cell.2007.07.032 }}",
        None,
        'Cox Jü, Mann M (2007). "Is Proteomics the New Genomics?". Cell. 130 (3): 395–8. '
        "doi:10.1016/j.cell.2007.07.032. PMID 17693247.",
        id="Chemical_biology-journal-vauthors-accept-as-written",
    ),
    pytest.param(
        "{{cite web|url=http://www.encyclopedia.chicagohistory.org/pages/70.html"
        "|author=Kruty, Paul|title=Armory Show of 1913|accessdate=June 27, 2007|year=2005"
        "|publisher=Chicago Historical Society|work=The Electronic Encyclopedia of Chicago}}",
        "dmy",
        'Kruty, Paul (2005). "Armory Show of 1913". The Electronic Encyclopedia of Chicago. '
        "Chicago Historical Society. Retrieved 27 June 2007.",
        id="Arts_Club_of_Chicago-web-use-dmy",
    ),
]


@pytest.mark.parametrize(("wikitext", "date_format", "expected"), CORPUS_CASES)
def test_corpus_citation_renders(wikitext: str, date_format: str | None, expected: str) -> None:
    """Real citations render as Citation Style 1 shows them."""
    citation = _citation(wikitext)

    assert expected == citation.to_text(date_format=date_format)  # type: ignore[arg-type]


@needs_shared(TARGET)
def test_xu_junping_reference_list() -> None:
    """The five citations of "Xu Junping" render as its reference list shows them."""
    article = wikibio.parse((EXAMPLES / "Xu_Junping.wikitext").read_text("utf-8"))
    citations = [c for c in map(Citation.from_template, article.templates) if c is not None]
    lines = TARGET.read_text("utf-8").splitlines()
    expected = [
        re.sub(r"^\s+\d+\. \^(?: [a-z])* ", "", line)
        for line in lines
        if re.match(r"\s+\d+\. \^", line)
    ]

    assert expected == [citation.to_text(date_format="mdy") for citation in citations]


# --- the model ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cite news", True),
        ("Cite news", True),
        ("cite_web", True),
        (" CITE  Journal ", True),
        ("Citation", True),
        ("cite AV media", True),
        ("cite tweet", True),
        ("Infobox person", False),
        ("cite episode", False),
        ("", False),
    ],
)
def test_is_citation_template(name: str, expected: bool) -> None:
    """Names compare as page names, without regard to case, spaces or underscores."""
    assert expected == is_citation_template(name)


#: Readings with unusual fields: a tweet's renamed parameters, a localised template, old
#: and redundant names (problems), Vancouver editors, identifiers and a script title.
_UNUSUAL_READINGS = [
    "{{cite tweet |user=jack |number=20 |date=21 March 2006 |title=just setting up}}",
    "{{cita web |titolo=T |autore=A |data=2001 |sito=S |url=http://x.org}}",
    "{{cite web |title=T |accessdate=2001 |access-date=2002 |deadurl=no |url=http://x.org}}",
    "{{cite book |veditors=Smith J |script-title=ja:題 |isbn=0-19-852663-6 |doi=10.1/x}}",
    "{{citation |last1=A |first1=B |last2=C |display-authors=etal |mode=cs1 |no-pp=yes}}",
    "{{cite journal |vauthors=Smith JA, ((World Bank)), Doe J, et al |pmid=1 |title=T}}",
]


@pytest.mark.parametrize(
    "wikitext", [case.values[0] for case in CORPUS_CASES] + _UNUSUAL_READINGS
)
def test_reading_builds_the_citation_attrs_would(wikitext: str) -> None:
    """A reading's citation, its people, dates and identifiers are made without attrs'
    ``__init__`` (a speed-up): each equals, field for field and in the same order, the one
    attrs makes."""
    citation = _citation(wikitext)
    fields = vars(citation)
    built = Citation(**fields)
    parts = [
        *citation.authors,
        *citation.editors,
        citation.date,
        citation.year,
        *citation.identifiers,
    ]

    assert list(vars(built).items()) == list(fields.items())
    assert built == citation
    for part in filter(None, parts):
        values = attrs.asdict(part, recurse=False)
        assert values == attrs.asdict(type(part)(**values), recurse=False)

def test_find_citation_skips_other_templates() -> None:
    """The first citation at the top level is found; other templates are passed over."""
    citation = _citation("{{harvnb|X|2001}} {{Cite_News |title=T |work=W}}")

    assert ("cite news", "news", "T", "W") == (
        citation.template,
        citation.style,
        citation.title,
        citation.work,
    )


def test_find_citation_none() -> None:
    """Text without a citation template has no citation."""
    assert find_citation("Just a note. {{harvnb|X|2001}}") is None


def test_from_template_none_for_other_templates() -> None:
    """A template that is not a citation template gives ``None``."""
    (template,) = wikibio.parse("{{Infobox person|name=X}}").templates

    assert Citation.from_template(template) is None


@pytest.mark.parametrize(
    ("parameter", "field"),
    [
        ("work", "work"),
        ("website", "work"),
        ("newspaper", "work"),
        ("journal", "work"),
        ("magazine", "work"),
        ("periodical", "work"),
        ("accessdate", "access_date"),
        ("access-date", "access_date"),
        ("archiveurl", "archive_url"),
        ("archive-url", "archive_url"),
        ("place", "location"),
        ("location", "location"),
        ("p", "page"),
        ("pp", "pages"),
        ("number", "issue"),
        ("lang", "language"),
        ("medium", "type"),
        ("institution", "publisher"),
        ("quotation", "quote"),
    ],
)
def test_aliases(parameter: str, field: str) -> None:
    """Each alias sets its field, and the field remembers which parameter it came from."""
    value = "https://example.org/" if field == "archive_url" else "2017-06-01"
    citation = _citation(f"{{{{cite web |title=T |{parameter}={value}}}}}")
    read = getattr(citation, field)

    assert (value, parameter) == (str(read), citation.origins[field])


def test_names_numbered_and_linked() -> None:
    """Numbered names in any alias spelling, with links and masks, in number order."""
    citation = _citation(
        "{{cite book |last1=Doe |first1=Jane |author2-last=Roe |author2-first=Richard "
        "|author-link2=Richard Roe |author3=[[Acme Corp]] |title=T}}"
    )

    assert ["Doe, Jane", "Roe, Richard", "Acme Corp"] == [p.name for p in citation.authors]
    assert "Richard Roe" == citation.authors[1].link
    assert "[[Acme Corp]]" == citation.authors[2].raw_last


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        pytest.param("|last=A |last2=B", ["A", "B"], id="unnumbered-first"),
        pytest.param("|last1=A |last3=C", ["A", "C"], id="one-number-missing"),
        pytest.param("|last1=A |last4=D", ["A"], id="two-numbers-missing-end-the-list"),
        pytest.param("|last2=B |first2=b", ["B"], id="starting-at-two"),
        pytest.param("|author1-last=A |author2=B |surname3=C", ["A", "B", "C"], id="aliases"),
        pytest.param("|first1=a |last2=B", ["B"], id="a-first-name-alone-is-no-name"),
        pytest.param("|last01=A |last2=B", ["B"], id="zero-padded-is-no-number"),
    ],
)
def test_name_list_numbering(names: str, expected: list[str]) -> None:
    """Numbered names are read until two numbers in a row are missing, as the module's
    ``extract_names`` reads them."""
    citation = _citation(f"{{{{cite web |title=T {names}}}}}")

    assert expected == [p.last for p in citation.authors]


def test_vancouver_authors() -> None:
    """``|vauthors=`` gives one name per comma-separated item, in Vancouver style."""
    citation = _citation("{{cite journal |vauthors=Smith JA, Doe J, et al |title=T |journal=J}}")

    assert (["Smith JA", "Doe J"], True, "vanc") == (
        [p.last for p in citation.authors],
        citation.authors_etal,
        citation.name_list_style,
    )


def test_date_raw_and_parsed() -> None:
    """A date keeps its wikitext beside the date read from it, with its precision."""
    citation = _citation("{{cite web |title=T |date=<!-- c -->March 2010 |access-date=2017-06-01}}")

    assert citation.date is not None and citation.access_date is not None
    assert ("<!-- c -->March 2010", "March 2010", "month", (2010, 3)) == (
        citation.date.raw,
        citation.date.text,
        citation.date.precision,
        (citation.date.date.year, citation.date.date.month) if citation.date.date else None,
    )
    assert "day" == citation.access_date.precision


def test_identifiers_typed() -> None:
    """Identifiers keep their kind and value."""
    citation = _citation("{{cite journal |title=T |journal=J |doi=10.1000/182 |PMID=123}}")

    assert [("doi", "10.1000/182"), ("pmid", "123")] == [
        (i.kind, i.value) for i in citation.identifiers
    ]


# --- problems ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameter", "code", "visible", "message"),
    [
        ("accessdate=2017-06-01", "discouraged_parameter", False,
         "|accessdate= is an old spelling; use |access-date="),
        ("archiveurl=https://a.org/", "discouraged_parameter", False,
         "|archiveurl= is an old spelling; use |archive-url="),
        ("dead-url=no", "parameter_ignored_suggest", True,
         "Unknown parameter |dead-url= ignored (|url-status= suggested)"),
        ("deadurl=yes", "parameter_ignored_suggest", True,
         "Unknown parameter |deadurl= ignored (|url-status= suggested)"),
        ("trans_title=X", "parameter_ignored_suggest", True,
         "Unknown parameter |trans_title= ignored (|trans-title= suggested)"),
        ("coauthors=X", "parameter_ignored_suggest", True,
         "Unknown parameter |coauthors= ignored (|author= suggested)"),
    ],
)  # fmt: skip
def test_old_parameters_reported(parameter: str, code: str, visible: bool, message: str) -> None:
    """Old spellings are reported as the module reports them (error or maintenance)."""
    citation = _citation(f"{{{{cite web |title=T |url=https://x.org/ |{parameter}}}}}")

    assert [(code, visible, message)] == [(p.code, p.visible, p.message) for p in citation.problems]


def test_dead_url_still_read() -> None:
    """``|dead-url=no`` is read as ``url-status=live`` although the module ignores it."""
    citation = _citation("{{cite web |title=T |url=https://x.org/ |dead-url=no}}")

    assert "live" == citation.url_status


def test_visible_errors_can_be_left_out() -> None:
    """``errors=False`` drops the error messages readers would see."""
    citation = _citation("{{cite web |title=T |url=https://x.org/ |website=W |deadurl=no}}")

    assert (
        '"T". W.',
        '"T". W. {{cite web}}: Unknown parameter |deadurl= ignored (|url-status= suggested) (help)',
    ) == (
        citation.to_text(errors=False),
        citation.to_text(),
    )


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{cite web |title=T |website=W |url=https://x.org/ |date=2019-03-12 |df=dmy}}",
         '"T". W. 12 March 2019.'),
        ("{{cite web |title=T |website=W |url=https://x.org/ |date=12 March 2019 "
         "|access-date=2020-01-05 |df=mdy}}",
         '"T". W. March 12, 2019. Retrieved 2020-01-05.'),
        ("{{cite web |title=T |website=W |url=https://x.org/ |date=12 March 2019 "
         "|access-date=2020-01-05 |df=mdy-all}}",
         '"T". W. March 12, 2019. Retrieved January 5, 2020.'),
        ("{{cite web |title=T |website=W |url=https://x.org/ |date=2001-2002}}",
         '"T". W. 2001–2002.'),
    ],
)  # fmt: skip
def test_df_parameter(wikitext: str, expected: str) -> None:
    """``|df=`` reformats publication dates, and with ``-all`` access and archive dates."""
    assert expected == _citation(wikitext).to_text(date_format="dmy")


# --- totality ----------------------------------------------------------------------------

_NAMES = st.sampled_from(
    "title url date year access-date accessdate archive-url archive-date url-status work "
    "website journal publisher location pages page at volume issue last first last2 "
    "author vauthors editor-last editor-first chapter trans-title script-title language "
    "quote via format type df mode display-authors isbn doi id edition others agency "
    "dead-url postscript encyclopedia book-title orig-date publication-date".split()
)
_VALUES = st.text(alphabet=st.sampled_from(list("ab1 -–.,:|[]{}'\"<>/=pdf\n")), max_size=20)


@given(
    st.sampled_from(
        ["cite web", "cite news", "cite book", "cite journal", "citation", "cite tweet",
         "cite encyclopedia", "cite conference", "cite thesis", "cite AV media"]
    ),
    st.dictionaries(_NAMES, _VALUES, max_size=12),
    st.sampled_from([None, "dmy", "mdy"]),
)  # fmt: skip
def test_any_parameters_render(name: str, params: dict[str, str], date_format: str | None) -> None:
    """Any parameters give a citation that renders to one line; nothing raises."""
    citation = Citation.from_params(name, params)
    assert citation is not None

    text = citation.to_text(date_format=date_format)  # type: ignore[arg-type]

    assert "\n" not in text


@given(st.dictionaries(st.text(max_size=12), st.text(max_size=40), max_size=8))
def test_arbitrary_parameters_render(params: dict[str, str]) -> None:
    """Arbitrary names and values (any characters) never make reading or rendering raise."""
    citation = Citation.from_params("cite web", params)
    assert citation is not None

    assert isinstance(citation.to_text(date_format="mdy"), str)


def _calls(source: str, nodes: list[scan.Node]) -> list[scan.Template]:
    """Every ``{{…}}`` node of a scan, extension tags' bodies scanned and entered."""
    calls: list[scan.Template] = []
    pending = list(nodes)
    while pending:
        node = pending.pop()
        if isinstance(node, scan.Template):
            calls.append(node)
            pending.extend(child for part in node.parts for child in part.children)
        elif isinstance(node, scan.Heading):
            pending.extend(node.children)
        elif isinstance(node, scan.Ext) and node.inner_start >= 0:
            pending.extend(scan.scan(source, node.inner_start, node.inner_end).children)
    return calls


@needs_shared(CORPUS)
def test_citations_read_from_the_scan_are_the_template_views_citations() -> None:
    """A note's citation is read straight from the scan's parts (no ``Template`` view):
    on every call of the corpus, it is the citation ``Citation.from_template`` reads."""
    read = 0
    for path in sorted(CORPUS.rglob("*.wikitext")):
        source = path.read_text(encoding="utf-8")
        for node in _calls(source, scan.scan(source).children):
            if node.is_arg:
                continue
            expected = Citation.from_template(build_template(source, node, 0))
            assert citations.citation_at(source, node) == expected, (path.name, node.start)
            read += expected is not None
    assert read > 10_000


@given(
    st.text(alphabet=st.sampled_from("ab ;:*#[]{}<>'&\n\r\t\xa0\u2009\u202f\u3000x1-"), max_size=12)
)
def test_plain_values_read_as_display_text_reads_them(value: str) -> None:
    """Plain words skip ``display_text``; every value reads as it would read it."""
    reader = read._Reader({"title": value})

    assert reader.text("title") == read._plain(value)


def test_module_examples_run() -> None:
    """The examples in the module documentation hold."""
    import doctest

    import wikibio.citations

    result = doctest.testmod(wikibio.citations, optionflags=doctest.ELLIPSIS)

    assert (0, 5) == (result.failed, result.attempted)


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        pytest.param(
            "{{cite web |author=((CFI Team)) |title=NASDAQ |website=CFI}}",
            'CFI Team. "NASDAQ". CFI.',
            id="accept-as-written name",
        ),
        pytest.param(
            "{{cite web |url=https://nces.ed.gov/x |title=Ages for Compulsory School "
            "Attendance ... |publisher=NCES}}",
            '"Ages for Compulsory School Attendance ..." NCES.',
            id="linked title ending in an ellipsis",
        ),
        pytest.param(
            "{{cite web |url=https://www.gallup.com/x |title=Dream of a Life in the U.S. "
            "|publisher=Gallup}}",
            '"Dream of a Life in the U.S." Gallup.',
            id="linked title ending in a full stop",
        ),
        pytest.param(
            "{{cite web |title=What much of West bans is protected in U.S. "
            "|url=https://www.nytimes.com/x |url-access=limited |work=The New York Times}}",
            '"What much of West bans is protected in U.S.". The New York Times.',
            id="title ending in a full stop, link behind an access lock",
        ),
        pytest.param(
            "{{cite news |title=Dream of a Life in the U.S. |work=Gallup}}",
            '"Dream of a Life in the U.S.". Gallup.',
            id="unlinked title ending in a full stop",
        ),
        pytest.param(
            "{{cite journal |title=The Folk, the Stage, and the Five-String Banjo |first=Robert B."
            " |last=Winans |journal=The Journal of American Folklore |year=1976 |volume=89 "
            "|issue=354 |pages=407–437 |publisher=American Folklore Society}}",
            'Winans, Robert B. (1976). "The Folk, the Stage, and the Five-String Banjo". The '
            "Journal of American Folklore. 89 (354). American Folklore Society: 407–437.",
            id="journal: volume and issue before the publisher",
        ),
        pytest.param(
            "{{cite journal |title=United Nations Headquarters Agreement |journal=The American "
            "Journal of International Law |volume=42 |number=2 |date=April 1948 "
            "|pages=445–447 |publisher=[[Cambridge University Press]]}}",
            '"United Nations Headquarters Agreement". The American Journal of International '
            "Law. 42 (2). Cambridge University Press: 445–447. April 1948.",
            id="journal without authors: the date after the pages",
        ),
        pytest.param(
            "{{cite journal |last=Rosandich |first=Thomas |title=Collegiate Sports Programs "
            "|page=471 |journal=Education |year=2002 |volume=122 |issue=3 "
            "|publisher=Project Innovation Austin LLC.}}",
            'Rosandich, Thomas (2002). "Collegiate Sports Programs". Education. 122 (3). '
            "Project Innovation Austin LLC.: 471.",
            id="journal: a publisher ending in a full stop keeps it before the page",
        ),
        pytest.param(
            "{{cite journal |title=T |journal=J |publisher=P |pages=1–2}}",
            '"T". J. P: 1–2.',
            id="journal without volume: the publisher before the pages",
        ),
        pytest.param(
            "{{cite news |newspaper=The Virginia Gazette |title=To the inhabitants of Virginia "
            "|author=((A PLANTER)) |date=April 6, 1776 |location=Williamsburg, Virginia "
            "|publisher=Dixon and Hunter's |issue=1287 |volume=5}}",
            'A PLANTER (April 6, 1776). "To the inhabitants of Virginia". The Virginia Gazette. '
            "Vol. 5, no. 1287. Williamsburg, Virginia: Dixon and Hunter's.",
            id="news: volume before the place and publisher (unchanged)",
        ),
        pytest.param(
            "{{cite book |title=The Slave Trade |pages=[http://example.org 516]}}",
            "The Slave Trade. pp. 516.",
            id="pages written as a link",
        ),
        pytest.param(
            "{{cite web |title=A{{nbs}}B{{pipe}}C |url=http://example.org}}",
            '"A B|C".',
            id="nbs and pipe in a title",
        ),
        pytest.param(
            "{{cite arXiv |last=Smith |first=J |title=Paper |eprint=1234.5678 "
            "|class=astro-ph |year=2020}}",
            'Smith, J (2020). "Paper". arXiv:1234.5678 [astro-ph].',
            id="cite arXiv",
        ),
        pytest.param(
            "{{cite journal |title=T |journal=J |doi=10.1000/x |doi-broken-date=1 May 2020}}",
            '"T". J. doi:10.1000/x (inactive 1 May 2020).',
            id="doi-broken-date",
        ),
    ],
)
def test_cs1_cases_seen_on_real_pages(wikitext: str, expected: str) -> None:
    """CS1 cases from English pages as Wikipedia rendered them (the ground truth)."""
    citation = find_citation(wikitext)
    assert citation is not None
    assert citation.to_text(errors=False) == expected


_DATE_PIECES = st.sampled_from(
    ["12", "5", "0", "05", "1999", "2020", "202", "May", "Sept", "Winter", "March", "c.",
     "n.d.", "–", "-", " ", ", ", "a", "²", "٣", "First Quarter", "Christmas"]
)  # fmt: skip


@given(st.lists(_DATE_PIECES, max_size=6).map("".join))
def test_a_date_is_matched_by_the_first_pattern_in_order(text: str) -> None:
    """The module's date patterns are tried in order; those the first character rules out
    (a digit, or ``%D-``'s non-digit) are skipped without changing which one matches."""
    first = next(
        ((kind, m.groups()) for kind, p in dates._PATTERNS.items() if (m := p.fullmatch(text))),
        ("", None),
    )
    kind, match = dates._match(text)

    assert first == (kind, match.groups() if match else None)

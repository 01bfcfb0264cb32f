# ruff: noqa: RUF001 - the cases are real Wikipedia text, whose ranges use en dashes
"""Typed infobox values: dates, ages, lists, links, images and the text a reader sees.

The cases are real infobox values copied from the biographies of the shared corpus (the
article is named in each id), the renderings recorded in
``shared/reference/CS1_AND_INFOBOXES.md`` §4-5, and malformed values.  Ages are computed
at :data:`TODAY`, the day the recorded Taylor Swift rendering was copied.
"""

from __future__ import annotations

import csv
import datetime
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import wikibio
from tests.conftest import CORPUS, needs_shared
from wikibio.errors import InvalidNodeError
from wikibio.syntax.chars import fold_blanks
from wikibio.values import (
    Date,
    Link,
    ValueProblem,
    age,
    age_range,
    display_text,
    parse_date,
    parse_image,
    parse_items,
    parse_links,
)
from wikibio.values.written import by_patterns, written_date

#: The day "December 13, 1989 (age 34)" was observed (Taylor Swift, 16 Feb 2024).
TODAY = datetime.date(2024, 2, 16)


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        pytest.param("{{birth date|1809|2|12}}", Date(1809, 2, 12), id="lincoln-birth"),
        pytest.param(
            "{{death date and age|1865|4|15|1809|2|12}}", Date(1865, 4, 15), id="lincoln-death"
        ),
        pytest.param(
            "{{birth date and age|1947|04|01|df=y}}",
            Date(1947, 4, 1, display="dmy"),
            id="connes-birth-df",
        ),
        pytest.param(
            "{{Birth date|df=yes|1879|3|14}}",
            Date(1879, 3, 14, display="dmy"),
            id="einstein-birth-df-first",
        ),
        pytest.param(
            "{{Death date and age|df=yes|1955|4|18|1879|3|14}}",
            Date(1955, 4, 18, display="dmy"),
            id="einstein-death",
        ),
        pytest.param(
            "{{birth date|mf=yes|1905|02|02}}", Date(1905, 2, 2, display="mdy"), id="rand-birth-mf"
        ),
        pytest.param(
            "{{birth date |1937|4|17|df=y}}",
            Date(1937, 4, 17, display="dmy"),
            id="piech-birth-spaced-name",
        ),
        pytest.param(
            '{{Birth date and age|mf=yes|1961|08|04}}<ref name="biography">{{cite web|url=http:'
            "//www.whitehouse.gov/administration/president_obama/|title=President Barack Obama"
            "|work=www.whitehouse.gov}}</ref>",
            Date(1961, 8, 4, display="mdy"),
            id="obama-birth-with-ref",
        ),
        pytest.param(
            "{{nowrap|{{death date and age|2012|2|16|1929|8|22}}}}",
            Date(2012, 2, 16),
            id="mcpherson-death-in-nowrap",
        ),
        pytest.param(
            "{{nowrap |{{birth-date|0965|{{circa}} 965}}  {{smaller|(c. 354 [[Islamic calendar"
            "|AH]])<ref>{{Harvnb|Falco|2007}}.</ref>}} }}",
            Date(965, circa=True),
            id="ibn-al-haytham-birth-date-text",
        ),
        pytest.param(
            "{{birth date|1643|1|4|df=y}}<br /><small><nowiki>[</nowiki>[[Old Style|OS]]: 25 "
            'December 1642<nowiki>]</nowiki></small><ref name="OSNS">During Newton\'s lifetime'
            "</ref>",
            Date(1643, 1, 4, display="dmy"),
            id="newton-birth-with-old-style",
        ),
        pytest.param(
            "384 BC {{longitem|padding-top:0;line-height:1.4em |[[Stagira (ancient city)|Stagira"
            "]],<br/>Chalcidice ([[Chalkidiki]]),<br/>Northern [[Greece]]}}",
            Date(-383),
            id="aristotle-birth-bc",
        ),
        pytest.param(
            "{{nowrap|322 BC (aged 62)<br/>[[Euboea]], Greece}}",
            Date(-321),
            id="aristotle-death-written-age",
        ),
        pytest.param(
            'January 4, 1985<ref name="facebook"/>',
            Date(1985, 1, 4, display="mdy"),
            id="emery-birth-written-mdy",
        ),
        pytest.param(
            "[[2018 Christian Democratic Union of Germany leadership election|7 December 2018]]",
            Date(2018, 12, 7, display="dmy"),
            id="merkel-term-end-linked-dmy",
        ),
        pytest.param(
            "January 20, 2009 <!-- Term officially started 12pm January 20, prior to the "
            "administration of the presidential oath. -->",
            Date(2009, 1, 20, display="mdy"),
            id="obama-term-start-comment",
        ),
        pytest.param("1834", Date(1834), id="lincoln-term-start-year"),
        pytest.param("5 June 1972", Date(1972, 6, 5, display="dmy"), id="edward-viii-burial"),
        pytest.param(
            "19&nbsp;September 2022", Date(2022, 9, 19, display="dmy"), id="elizabeth-ii-nbsp"
        ),
        pytest.param("1950年", Date(1950), id="lin-shu-ju-birth-cjk-year"),
        pytest.param(
            "{{death date and age|2005|3|12|1950}}",
            Date(2005, 3, 12),
            id="lin-shu-ju-death-birth-year-only",
        ),
        pytest.param("2017-07-09", Date(2017, 7, 9), id="rooney-iso-update"),
        pytest.param(
            "{{Death date and age|2020|12|07|1923|02|13}}",
            Date(2020, 12, 7),
            id="yeager-death-zero-padded",
        ),
        pytest.param("{{start date|2001|3|24}}", Date(2001, 3, 24), id="start-date"),
        pytest.param("{{start date|2001|3}}", Date(2001, 3), id="start-date-month"),
        pytest.param("{{circa|1956}}", Date(1956, circa=True), id="circa-template"),
        pytest.param("{{circa}} 1325", Date(1325, circa=True), id="circa-prefix-template"),
        pytest.param("c. 1956", Date(1956, circa=True), id="written-c"),
        pytest.param("circa 1956", Date(1956, circa=True), id="written-circa"),
        pytest.param("March 2001", Date(2001, 3), id="written-month"),
        pytest.param("AD 14", Date(14), id="written-ad"),
        pytest.param("{{birth year and age|1956}}", Date(1956), id="birth-year-and-age"),
        pytest.param("{{birth year and age|1967|6}}", Date(1967, 6), id="birth-year-month"),
        pytest.param("{{death year and age|2017|1967}}", Date(2017), id="death-year-and-age"),
        pytest.param("{{bda|year=1956|month=5|day=3}}", Date(1956, 5, 3), id="bda-named"),
        pytest.param("{{birth date and age|3 May 1956}}", Date(1956, 5, 3), id="bda-text-date"),
        pytest.param("{{B-da|3 May 1956}}", Date(1956, 5, 3, display="dmy"), id="b-da-alias"),
        pytest.param(
            "{{D-da|24 February 1993|12 April 1921}}",
            Date(1993, 2, 24, display="dmy"),
            id="d-da-alias",
        ),
        pytest.param("{{Birth date|1815|Dec|10}}", Date(1815, 12, 10), id="month-name"),
        pytest.param(
            "{{birth date|1950|1|2|df=<!-- -->}}", Date(1950, 1, 2), id="df-only-a-comment"
        ),
    ],
)
def test_parse_date(wikitext: str, expected: Date) -> None:
    """Date templates and written dates give the date, its precision and display style."""
    actual, problem = parse_date(wikitext)

    assert (expected, None) == (actual, problem)


@pytest.mark.parametrize(
    ("wikitext", "code"),
    [
        pytest.param("{{birth date|1815|13|40}}", "invalid-date", id="month-13-day-40"),
        pytest.param("{{birth date|1815|2|30}}", "invalid-date", id="february-30"),
        pytest.param("{{birth date|x|y|z}}", "invalid-date", id="not-numbers"),
        pytest.param("{{birth date and age|1956|5}}", "invalid-date", id="bda-needs-a-day"),
        pytest.param("February 30, 2001", "invalid-date", id="written-february-30"),
        pytest.param("Marchember 3", "unreadable-date", id="no-such-month"),
        pytest.param("September 10", "unreadable-date", id="mumphrey-debut-no-year"),
        pytest.param(
            "{{Date de naissance|11|novembre|1866}}", "unreadable-date", id="meillet-fr-template"
        ),
        pytest.param("{{circa|1000|1050}}", "unreadable-date", id="circa-range"),
        pytest.param(
            "6&nbsp;February 1952{{Sndash}}{{Avoid wrap|8&nbsp;September 2022}}",
            "unreadable-date",
            id="elizabeth-ii-reign-range",
        ),
        pytest.param("0 BC", "unreadable-date", id="no-year-zero"),
        pytest.param("[[Paris]], France", "unreadable-date", id="a-place"),
    ],
)
def test_parse_date_malformed(wikitext: str, code: str) -> None:
    """A value that is no date gives no date and a problem with a stable code."""
    date, problem = parse_date(wikitext)

    assert (None, code) == (date, problem and problem.code)


def test_parse_date_keeps_a_readable_date_beside_a_problem() -> None:
    """A death date and age whose birth comes after the death: the date, and the problem."""
    date, problem = parse_date("{{death date and age|1921|2|24|1993|1|1}}")

    assert Date(1921, 2, 24) == date
    assert problem is not None and "invalid-date" == problem.code


@pytest.mark.parametrize("wikitext", ["", "  ", "<!-- only free-content images -->"])
def test_parse_date_blank(wikitext: str) -> None:
    """A blank value has no date and no problem."""
    assert (None, None) == parse_date(wikitext)


@pytest.mark.parametrize(
    ("wikitext", "raw"),
    [
        pytest.param("{{Birth date|1923|02|13}}", "{{Birth date|1923|02|13}}", id="template-call"),
        pytest.param(
            "{{nowrap|{{death date and age|2012|2|16|1929|8|22}}}}",
            "{{death date and age|2012|2|16|1929|8|22}}",
            id="the-call-not-its-wrapper",
        ),
        pytest.param(
            ' January 4, 1985<ref name="facebook"/> ',
            'January 4, 1985<ref name="facebook"/>',
            id="written-value",
        ),
    ],
)
def test_date_raw(wikitext: str, raw: str) -> None:
    """A date keeps the wikitext it was read from."""
    date, _ = parse_date(wikitext)

    assert date is not None and raw == date.raw


@pytest.mark.parametrize(
    ("date", "text", "precision", "as_date"),
    [
        pytest.param(
            Date(2001, 3, 24), "March 24, 2001", "day", datetime.date(2001, 3, 24), id="mdy"
        ),
        pytest.param(
            Date(2001, 3, 24, display="dmy"),
            "24 March 2001",
            "day",
            datetime.date(2001, 3, 24),
            id="dmy",
        ),
        pytest.param(Date(2001, 3), "March 2001", "month", None, id="month"),
        pytest.param(Date(1967), "1967", "year", None, id="year"),
        pytest.param(Date(1956, circa=True), "c. 1956", "year", None, id="circa"),
        pytest.param(Date(-383), "384 BC", "year", None, id="bc"),
        pytest.param(Date(0), "1 BC", "year", None, id="year-zero-is-1-bc"),
    ],
)
def test_date_renders_as_wikipedia(
    date: Date, text: str, precision: str, as_date: datetime.date | None
) -> None:
    """``str()`` is the date templates' rendering; precision and ``to_date()`` follow it."""
    assert (text, precision, as_date) == (str(date), date.precision, date.to_date())


@pytest.mark.parametrize(
    ("year", "month", "day"),
    [
        pytest.param(2001, 13, None, id="month-13"),
        pytest.param(2001, 0, None, id="month-0"),
        pytest.param(2001, 2, 29, id="not-a-leap-year"),
        pytest.param(2001, None, 5, id="day-without-month"),
    ],
)
def test_date_refuses_what_does_not_exist(year: int, month: int | None, day: int | None) -> None:
    """Building a date that does not exist raises instead of rendering nonsense."""
    with pytest.raises(InvalidNodeError):
        Date(year, month, day)


# --- ages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "on", "expected_age", "expected_range"),
    [
        pytest.param(Date(1989, 12, 13), datetime.date(2024, 2, 16), 34, (34, 34), id="swift-2024"),
        pytest.param(
            Date(1956, 5, 3), datetime.date(2026, 5, 2), 69, (69, 69), id="day-before-birthday"
        ),
        pytest.param(
            Date(1956, 5, 3), datetime.date(2026, 5, 3), 70, (70, 70), id="on-the-birthday"
        ),
        pytest.param(
            Date(2000, 2, 29), datetime.date(2001, 2, 28), 0, (0, 0), id="leap-day-birthday"
        ),
        pytest.param(Date(1967), datetime.date(2022, 1, 20), None, (54, 55), id="year-only-range"),
        pytest.param(
            Date(1967, 6), datetime.date(2022, 1, 20), 54, (54, 54), id="month-decides-in-jan"
        ),
        pytest.param(
            Date(1967, 6), datetime.date(2022, 6, 15), None, (54, 55), id="month-of-birthday"
        ),
        pytest.param(Date(2030, 1, 1), datetime.date(2024, 2, 16), None, None, id="unborn"),
    ],
)
def test_age(
    born: Date,
    on: datetime.date,
    expected_age: int | None,
    expected_range: tuple[int, int] | None,
) -> None:
    """Age in full years at a given day; a partial birth date may leave two ages."""
    assert (expected_age, expected_range) == (age(born, on), age_range(born, on))


def test_age_range_between_partial_dates() -> None:
    """Both dates may be partial: born 1921, died 24 February 1993 gives 71 or 72."""
    assert (71, 72) == age_range(Date(1921), Date(1993, 2, 24))


# --- display text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        # Date templates, as the notes record their output.
        pytest.param(
            "{{birth date and age|1989|12|13}}", "December 13, 1989 (age 34)", id="swift-observed"
        ),
        pytest.param(
            "{{birth date and age|1947|04|01|df=y}}", "1 April 1947 (age 76)", id="connes-df"
        ),
        pytest.param(
            "{{death date and age|1865|4|15|1809|2|12}}",
            "April 15, 1865 (aged 56)",
            id="lincoln-death",
        ),
        pytest.param(
            "{{death date and age|1993|2|24|1921|4|12|df=yes}}",
            "24 February 1993 (aged 71)",
            id="dda-df",
        ),
        pytest.param(
            "{{death date and age|1993|2|24|1921}}",
            "February 24, 1993 (aged 71–72)",
            id="dda-birth-year-only",
        ),
        pytest.param(
            "{{death date and age|2005|3|12|1950}}",
            "March 12, 2005 (aged 54–55)",
            id="lin-shu-ju-death",
        ),
        pytest.param("{{birth date|1950|1|2|df=y}}", "2 January 1950", id="birth-date-df"),
        pytest.param("{{death year and age|2017|1967}}", "2017 (aged 49–50)", id="dya"),
        pytest.param("{{birth year and age|1967|6}}", "June 1967 (age 56)", id="bya-month"),
        pytest.param("{{circa|1956}}", "c. 1956", id="circa"),
        pytest.param("{{circa|1000|1050}}", "c. 1000 – c. 1050", id="circa-range"),
        pytest.param("{{circa}} 1325", "c. 1325", id="circa-prefix"),
        pytest.param(
            "{{birth date and age|2023|11|20}}", "November 20, 2023 (age 2 months)", id="infant"
        ),
        pytest.param(
            "{{birth date and age|2024|2|10}}", "February 10, 2024 (age 6 days)", id="newborn"
        ),
        pytest.param(
            "{{birth date and age|1815|12|10}}",
            "Error: Invalid birth date for calculating age",
            id="bda-over-150-years",
        ),
        pytest.param(
            "{{birth date and age|1956|5}}",
            "Error: Need valid birth date: year, month, day",
            id="bda-partial",
        ),
        # Real values.
        pytest.param(
            "{{nowrap |{{birth-date|0965|{{circa}} 965}}  {{smaller|(c. 354 [[Islamic calendar"
            "|AH]])<ref>{{Harvnb|Falco|2007}}.</ref>}} }}",
            "c. 965 (c. 354 AH)",
            id="ibn-al-haytham-birth",
        ),
        pytest.param(
            "{{birth date|1643|1|4|df=y}}<br /><small><nowiki>[</nowiki>[[Old Style|OS]]: 25 "
            'December 1642<nowiki>]</nowiki></small><ref name="OSNS">During Newton\'s lifetime'
            "</ref>",
            "4 January 1643\n[OS: 25 December 1642]",
            id="newton-birth-nowiki-brackets",
        ),
        pytest.param(
            "384 BC {{longitem|padding-top:0;line-height:1.4em |[[Stagira (ancient city)|Stagira"
            "]],<br/>Chalcidice ([[Chalkidiki]]),<br/>Northern [[Greece]]}}",
            "384 BC\nStagira,\nChalcidice (Chalkidiki),\nNorthern Greece",
            id="aristotle-birth-longitem",
        ),
        pytest.param(
            "{{marriage|[[Mileva Marić]]<br>|1903|1919|end=div}}<br />{{nowrap|{{marriage|"
            "[[Elsa Löwenthal]]<br>|1919|1936|end=her death}}<ref>{{cite book |title=The Oxford "
            "Companion to the History of Modern Science |date=2003}}</ref>{{sfnp|Pais|1982|p=301}}"
            "}}",
            "Mileva Marić\n(m. 1903; div. 1919)\nElsa Löwenthal\n(m. 1919; her death 1936)",
            id="einstein-spouses",
        ),
        pytest.param(
            "{{marriage|[[Mary Todd Lincoln|Mary Todd]]|November 4, 1842|1865|reason=his death}}",
            "Mary Todd (m. 1842; his death 1865)",
            id="lincoln-spouse-reason",
        ),
        pytest.param(
            "{{Marriage|[[Prince Philip, Duke of Edinburgh]]|20 November 1947|9 April 2021"
            "|reason=d<!--Please do not link; see [[WP:OVERLINK]]-->}}",
            "Prince Philip, Duke of Edinburgh (m. 1947; died 2021)",
            id="elizabeth-ii-spouse-commented-reason",
        ),
        pytest.param(
            "{{marriage|Maria Nys|()=smaller|1919|1955}}",
            "Maria Nys (m. 1919–1955)",
            id="huxley-spouse-no-reason",
        ),
        pytest.param(
            "{{marriage|Frank O'Connor|1929|1979|end=w.}}",
            "Frank O'Connor (m. 1929; wid. 1979)",
            id="rand-spouse-widowed",
        ),
        pytest.param(
            "{{marriage|Jane Doe|1990|2000|end=div}}",
            "Jane Doe (m. 1990; div. 2000)",
            id="marriage-divorced",
        ),
        pytest.param(
            "{{lang|fr|[[4 route du Champ d'Entraînement]]|italic=no}}, [[Paris]], France",
            "4 route du Champ d'Entraînement, Paris, France",
            id="edward-viii-death-place-lang",
        ),
        pytest.param("{{lang|zh|徐俊平}}", "徐俊平", id="lang-zh"),
        pytest.param(
            "{{hlist|[[K-pop]]|[[dance-pop]]|[[Hip hop music|hip hop]]}}",
            "K-pop\ndance-pop\nhip hop",
            id="lisa-genres-hlist",
        ),
        pytest.param(
            "{{Plainlist}}\n* [[House of Windsor|Windsor]] (from 1917)\n* [[House of Saxe-Coburg "
            "and Gotha|Saxe-Coburg and Gotha]] (until 1917)\n{{Endplainlist}}",
            "Windsor (from 1917)\nSaxe-Coburg and Gotha (until 1917)",
            id="edward-viii-house-plainlist-opener",
        ),
        pytest.param(
            "{{Plainlist|\n* [[Charles&nbsp;III]]\n* [[Anne, Princess Royal]]\n}}",
            "Charles III\nAnne, Princess Royal",
            id="elizabeth-ii-issue-entity-in-link",
        ),
        pytest.param(
            "[[Christian Democratic Union (East Germany)]] {{small|(1990)}}<br />"
            "[[Democratic Beginning]] {{small|(1989–1990)}}",
            "Christian Democratic Union (East Germany) (1990)\nDemocratic Beginning (1989–1990)",
            id="merkel-other-party",
        ),
        pytest.param("French{{\\}}[[Bulgaria]]n", "French / Bulgarian", id="kristeva-slash-trail"),
        pytest.param(
            "{{flag|United States of America|1861}}<br/>{{flag|Republic of Texas}}",
            "United States of America\nRepublic of Texas",
            id="johnston-allegiance-flags",
        ),
        pytest.param(
            "{{url|https://www.angela-merkel.de/|Official website}}",
            "Official website",
            id="merkel-website-label",
        ),
        pytest.param("{{URL|http://www.example.org/}}", "www.example.org", id="url-bare"),
        pytest.param(
            "6&nbsp;February 1952{{Sndash}}{{Avoid wrap|8&nbsp;September 2022}}",
            "6 February 1952 – 8 September 2022",
            id="elizabeth-ii-reign",
        ),
        pytest.param(
            '{{height|ft=5|in=3}}<ref name="iafd"/>', "", id="morgan-unknown-template-dropped"
        ),
        pytest.param(
            "[[Black Hawk War]]<br />[[Texas Revolution]]\n* [[Battle of Monterrey]]\n"
            "[[Utah War]]<br/>[[American Civil War]]\n* [[Battle of Shiloh]]{{KIA}}",
            "Black Hawk War\nTexas Revolution\nBattle of Monterrey\nUtah War\nAmerican Civil War\n"
            "Battle of Shiloh",
            id="johnston-battles-mixed",
        ),
        pytest.param("'''bold''' &amp; ''italic''", "bold & italic", id="quotes-and-entities"),
        pytest.param("a<!-- c -->b<ref>r</ref>", "ab", id="comment-and-ref"),
        pytest.param("one\ntwo\n\nthree", "one two\nthree", id="paragraphs"),
        pytest.param("a{{!}}b", "a|b", id="pipe-magic-word"),
    ],
)
def test_display_text(wikitext: str, expected: str) -> None:
    """The text a reader sees, with ages computed at TODAY."""
    assert expected == display_text(wikitext, today=TODAY)


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        pytest.param("{{birth date and age|1989|12|13}}", "December 13, 1989", id="bda"),
        pytest.param("{{birth year and age|1967}}", "1967", id="bya"),
        pytest.param(
            "{{death date and age|1993|2|24|1921|4|12}}",
            "February 24, 1993 (aged 71)",
            id="dda-needs-no-today",
        ),
    ],
)
def test_display_text_without_today(wikitext: str, expected: str) -> None:
    """Without ``today`` an age that needs it is left out; ages at death still show."""
    assert expected == display_text(wikitext)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(
            datetime.date.min,
            "Error: Invalid birth date for calculating age "
            "Error: Death date (first date) must not be in the future",
            id="first-day-of-ad-1",
        ),
        pytest.param(
            datetime.date.max,
            "Error: Invalid birth date for calculating age January 1, 2000 (aged 50)",
            id="last-day-of-9999",
        ),
    ],
)
def test_display_text_at_the_ends_of_the_calendar(day: datetime.date, expected: str) -> None:
    """At the first and last day a date can hold, impossible ages are errors, not exceptions."""
    wikitext = "{{birth date and age|1989|12|13}} {{death date and age|2000|1|1|1950|1|1}}"

    assert expected == display_text(wikitext, today=day)


def test_display_text_today_is_a_parameter() -> None:
    """The same wikitext shows the age at whatever day the caller names."""
    wikitext = "{{birth date and age|1989|12|13}}"

    assert ["December 13, 1989 (age 34)", "December 13, 1989 (age 35)"] == [
        display_text(wikitext, today=datetime.date(2024, 2, 16)),
        display_text(wikitext, today=datetime.date(2025, 2, 16)),
    ]


# --- lists -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        pytest.param(
            "{{plainlist|\n* Joseph Robinette Biden Sr.\n* Catherine Eugenia Finnegan\n}}",
            ("Joseph Robinette Biden Sr.", "Catherine Eugenia Finnegan"),
            id="biden-parents-plainlist",
        ),
        pytest.param(
            "{{flatlist|\n* [[Beau Biden|Beau]]\n* [[Hunter Biden|Hunter]]\n* Naomi\n"
            "* [[Ashley Biden|Ashley]]\n}}",
            ("Beau", "Hunter", "Naomi", "Ashley"),
            id="biden-children-flatlist",
        ),
        pytest.param(
            "{{hlist|Politician|lawyer|author}}",
            ("Politician", "lawyer", "author"),
            id="biden-occupation-hlist",
        ),
        pytest.param(
            "{{Unbulleted list|class=nowrap |''[[Brave New World]]'' |''[[Island (Huxley novel)"
            "|Island]]'' |''[[Point Counter Point]]''}}",
            ("Brave New World", "Island", "Point Counter Point"),
            id="huxley-works-ubl-named-param-ignored",
        ),
        pytest.param(
            "{{ubl|1941–1947 (Army Air Forces)|1947–1975 (Air Force)}}",
            ("1941–1947 (Army Air Forces)", "1947–1975 (Air Force)"),
            id="yeager-service-ubl",
        ),
        pytest.param(
            "{{hlist|[[Biology]]|[[Zoology]]}} {{hlist|[[Physics]]|[[Metaphysics]]}}",
            ("Biology", "Zoology", "Physics", "Metaphysics"),
            id="aristotle-interests-two-hlists",
        ),
        pytest.param(
            "{{ublist |[[Philosophy of language]] |{{hlist|[[Semiotics]]|[[Literary criticism]]}}"
            " |[[Feminism in France|Feminism]]}}",
            ("Philosophy of language", "Semiotics", "Literary criticism", "Feminism"),
            id="kristeva-interests-nested-flattened",
        ),
        pytest.param(
            "{{plainlist|\n* {{marriage|Ulrich Merkel|1977|end=div|1982}}\n"
            "* {{marriage|[[Joachim Sauer]]<br />|1998}}\n}}",
            ("Ulrich Merkel (m. 1977; div. 1982)", "Joachim Sauer (m. 1998)"),
            id="merkel-spouses",
        ),
        pytest.param(
            "{{Plainlist}}\n* [[Captain (US Army)|Captain]]<br />{{small|(April 21, 1832 – May "
            "27, 1832)}}\n* [[Private (United States)|Private]]<br />{{small|(May 28, 1832 – July"
            " 10, 1832)}}\n{{small|OBS:.}} Discharged from his command and re-enlisted as a "
            "Private.",
            (
                "Captain (April 21, 1832 – May 27, 1832)",
                "Private (May 28, 1832 – July 10, 1832)",
                "OBS:. Discharged from his command and re-enlisted as a Private.",
            ),
            id="lincoln-rank-br-inside-bullets",
        ),
        pytest.param(
            "[[Pauline Bush (actress)|Pauline Bush]] (1915–1919)<br/> Marie Shelton (1927–1949)",
            ("Pauline Bush (1915–1919)", "Marie Shelton (1927–1949)"),
            id="dwan-spouses-br",
        ),
        pytest.param(
            "{{nowrap|[[Irma Raush]] <small>(1957–70)</small><br/>[[Larisa Tarkovskaya|Larisa "
            "Kizilova]] <small>(1970–86)</small>}}",
            ("Irma Raush (1957–70)", "Larisa Kizilova (1970–86)"),
            id="tarkovsky-spouses-br-in-nowrap",
        ),
        pytest.param(
            "[[Family of Barack Obama#Immediate family|Malia Ann <small>(b.1998)</small><br />"
            "Natasha (Sasha) <small>(b.2001)</small>]]",
            ("Malia Ann (b.1998) Natasha (Sasha) (b.2001)",),
            id="obama-children-br-inside-link",
        ),
        pytest.param(
            "* [[St. Louis Cardinals]] ({{Baseball year|1974}}–{{Baseball year|1979}})\n"
            "* [[San Diego Padres]] ({{Baseball year|1980}})",
            ("St. Louis Cardinals (1974–1979)", "San Diego Padres (1980)"),
            id="mumphrey-teams-bullets",
        ),
        pytest.param("[[Greeks|Greek]]", ("Greek",), id="aristotle-nationality-one-item"),
        pytest.param("{{hlist |}}", (), id="kristeva-empty-hlist"),
        pytest.param("", (), id="empty"),
    ],
)
def test_parse_items(wikitext: str, expected: tuple[str, ...]) -> None:
    """List templates, bullets and ``<br>`` give one plain-text item each."""
    assert expected == parse_items(wikitext)


# --- links and images ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        pytest.param(
            "[[Hot Springs, Arkansas|Hot Springs]], [[Arkansas]], United States",
            (
                Link(
                    "Hot Springs, Arkansas", "Hot Springs", "[[Hot Springs, Arkansas|Hot Springs]]"
                ),
                Link("Arkansas", "Arkansas", "[[Arkansas]]"),
            ),
            id="bailey-death-place",
        ),
        pytest.param(
            "French{{\\}}[[Bulgaria]]n",
            (Link("Bulgaria", "Bulgarian", "[[Bulgaria]]n"),),
            id="kristeva-link-trail",
        ),
        pytest.param(
            "{{ubl|[[Vorpommern-Rügen – Vorpommern-Greifswald I#History|Stralsund – Rügen – "
            "Grimmen]] (1990–2002)}}",
            (
                Link(
                    "Vorpommern-Rügen – Vorpommern-Greifswald I",
                    "Stralsund – Rügen – Grimmen",
                    "",
                    fragment="History",
                ),
            ),
            id="merkel-constituency-fragment-in-template",
        ),
        pytest.param(
            '{{ublist |{{longitem|[[#The "semiotic"|The "semiotic"]] of the pre-[[mirror stage]]'
            "}}}}",
            (
                Link("", 'The "semiotic"', "", fragment='The "semiotic"'),
                Link("Mirror stage", "mirror stage", ""),
            ),
            id="kristeva-same-page-link-nested",
        ),
        pytest.param(
            "[[Old_Style and New Style dates|OS]] [[Category:X]] [[File:Y.jpg|thumb]] "
            "[[:Category:Z]]",
            (
                Link("Old Style and New Style dates", "OS", ""),
                Link("Category:Z", "Category:Z", ""),
            ),
            id="no-file-or-category-links",
        ),
        pytest.param(
            "[[a]]<ref>[[b]]</ref><!-- [[c]] --><nowiki>[[d]]</nowiki>",
            (Link("A", "a", ""),),
            id="not-in-refs-comments-nowiki",
        ),
    ],
)
def test_parse_links(wikitext: str, expected: tuple[Link, ...]) -> None:
    """Links in order with normalised targets and the labels a reader sees."""
    assert expected == parse_links(wikitext)


def test_link_raw() -> None:
    """A link keeps its wikitext, trail included."""
    assert ["[[Bulgaria]]n"] == [link.raw for link in parse_links("French{{\\}}[[Bulgaria]]n")]


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        pytest.param("Alain_Connes.jpg", "Alain Connes.jpg", id="connes-underscores"),
        pytest.param(
            "Joe Biden presidential portrait.jpg\n<!-- Current office layout is a result of "
            "consensus -->",
            "Joe Biden presidential portrait.jpg",
            id="biden-comment",
        ),
        pytest.param(
            "File:Signature of Lisa.svg", "Signature of Lisa.svg", id="lisa-signature-namespace"
        ),
        pytest.param("ISaratovtseva.JPG", "ISaratovtseva.JPG", id="saratovtseva-upper-ext"),
        pytest.param("Image:foo_bar.jpg", "Foo bar.jpg", id="image-namespace-first-letter"),
        pytest.param("[[File:Foo.jpg|thumb|A caption]]", "Foo.jpg", id="file-link"),
        pytest.param("Datei:Schopenhauer.jpg", "Schopenhauer.jpg", id="german-namespace"),
        pytest.param(
            "<!-- only free-content images are allowed for depicting living people - see "
            "[[WP:NONFREE]] -->",
            None,
            id="butler-only-a-comment",
        ),
        pytest.param("200px", None, id="connes-image-size"),
        pytest.param("Cursive signature in ink", None, id="lincoln-signature-alt"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_image(wikitext: str, expected: str | None) -> None:
    """An image field's file name, normalised; text that names no file gives None."""
    assert expected == parse_image(wikitext)


# --- properties ------------------------------------------------------------------------

#: Pieces of infobox markup that stress the value readers when mixed at random.
TOKENS = [
    "{{", "}}", "|", "[[", "]]", "<br>", "<br/ >", "* ", "\n", "=", "{{birth date and age|",
    "{{death date and age|", "{{birth date|", "{{marriage|", "{{ubl|", "{{plainlist|\n",
    "{{circa|", "{{lang|", "{{nowrap|", "{{url|", "{{b-da|", "{{longitem|", "df=y", "end=div",
    "1990", "12", "31", "0", "2", "March", "c. ", "BC", "年", "<ref>", "</ref>", "<!--", "-->",
    "File:", "&nbsp;", "<nowiki>", "</nowiki>", "''", "#", ":", " ", "a", "é", "\ue000", "\uf8ff",
]  # fmt: skip
markup = st.lists(st.sampled_from(TOKENS), max_size=50).map("".join)
any_text = st.text(st.characters(exclude_categories=()), max_size=200)
today = st.none() | st.dates()


@given(st.one_of(markup, any_text), today)
def test_every_reader_is_total(text: str, day: datetime.date | None) -> None:
    """Any text reads without an exception, each reader giving values of its declared type."""
    shown = display_text(text, today=day)
    date, problem = parse_date(text)
    items = parse_items(text)
    links = parse_links(text)
    image = parse_image(text)

    assert all(line and line == line.strip() for line in shown.split("\n")) or shown == ""
    assert date is None or (isinstance(date, Date) and str(date))
    assert problem is None or (isinstance(problem, ValueProblem) and problem.code)
    assert all(item and "\n" not in item for item in items)
    assert all(isinstance(link, Link) and isinstance(link.label, str) for link in links)
    assert image is None or (image and image[0] == image[0].upper())


_NO_TOKENS = [t for t in TOKENS if "{" not in t and "<" not in t] + ["]", "[", "'''", "\r\n"]


@given(st.one_of(st.lists(st.sampled_from(_NO_TOKENS), max_size=50).map("".join), any_text))
def test_items_without_calls_read_as_with_them(text: str) -> None:
    """A value with no call, comment or tag gives the items the full reading gives it.

    A comment at the end makes the reader mask the value as it masks any value with
    structure (and shows nothing); the items must not change.  A line that starts with
    ``=`` is left out: with the comment the scan reads it as a heading (``=|=`` gives
    ``|``), which the reading without a scan never did, fast path or not.
    """
    text = text.replace("{", "").replace("<", "")
    assume(not any(line.startswith("=") for line in text.split("\n")))

    assert parse_items(text + "<!---->") == parse_items(text)


def _dates() -> st.SearchStrategy[Date]:
    def build(year: int, month: int, day: int, precision: str, circa: bool, dmy: bool) -> Date:
        if precision == "year":
            return Date(year, circa=circa)
        if precision == "month":
            return Date(year, month, circa=circa)
        day = min(day, 28)
        return Date(year, month, day, circa=circa, display="dmy" if dmy else "mdy")

    return st.builds(
        build,
        st.integers(100, 9999) | st.integers(-9998, 0),
        st.integers(1, 12),
        st.integers(1, 31),
        st.sampled_from(["year", "month", "day"]),
        st.booleans(),
        st.booleans(),
    )


@given(_dates())
def test_written_date_round_trips(date: Date) -> None:
    """A date's rendering reads back as the same date."""
    assert (date, None) == parse_date(str(date))


_DATE_WORDS = st.sampled_from(
    ["24", "5", "05", "00", "0", "123", "0999", "2001", "12345", "March", "march", "MAR", "Sept",
     "sept.", "May", "May.", "24,", "5th", "c.", "AD", "BC", "2001-03-24", "x", ""]
)  # fmt: skip


@given(st.lists(_DATE_WORDS, min_size=1, max_size=4).map(" ".join))
def test_written_dates_read_without_the_patterns_as_the_patterns_read_them(text: str) -> None:
    """The fast paths of ``written_date`` (ISO, ``24 March 2001``, ``March 24, 2001``) give
    what the patterns give, problems included."""
    cleaned = fold_blanks(text).strip().rstrip(",;")

    assert by_patterns(cleaned, text) == written_date(text, text)


@given(_dates(), st.dates())
def test_age_range_is_ordered(born: Date, on: datetime.date) -> None:
    """The lowest age is at most the highest, and a single age lies in the range."""
    span = age_range(born, on)
    single = age(born, on)

    assert span is None or 0 <= span[0] <= span[1] <= span[0] + 1
    assert single is None or (span is not None and span == (single, single))


# --- the shared corpus -----------------------------------------------------------------


@needs_shared(CORPUS)
def test_corpus_biography_dates_all_read() -> None:
    """Every birth and death date in the corpus's biography infoboxes reads without a problem.

    The other readers are total on every field of those infoboxes and leak no markup.
    """
    rows = []
    for manifest in (CORPUS / "MANIFEST.tsv", CORPUS / "fragments" / "MANIFEST.tsv"):
        with manifest.open(encoding="utf-8") as handle:
            rows += [
                r for r in csv.DictReader(handle, delimiter="\t") if r["is_biography"] == "yes"
            ]
    unread = []
    dates = 0
    leaks = re.compile(r"\[\[|\]\]|\{\{|\}\}|<ref|<br|<!--|&nbsp;")
    for row in rows:
        infobox = wikibio.parse((CORPUS / row["file"]).read_text("utf-8")).infobox
        for name, field in (infobox or {}).items():
            shown = display_text(field.value, today=TODAY)
            assert not leaks.search(shown), (row["file"], name, shown)
            assert not any(leaks.search(item) for item in parse_items(field.value))
            parse_links(field.value)
            parse_image(field.value)
            if name in ("birth_date", "death_date") and field.value:
                dates += 1
                date, problem = parse_date(field.value)
                if date is None or problem is not None:
                    unread.append((row["file"], name, field.value))

    assert [] == unread
    assert dates >= 53  # 34 birth and 19 death dates in the corpus of November 2026

"""Infoboxes: detection, fields, labels, and edits that touch only what they must."""

from __future__ import annotations

import csv
import datetime
import difflib
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wikibio
from tests.conftest import CORPUS, EXAMPLES
from wikibio.syntax.names import normalize_page_name

XU = (EXAMPLES / "Xu_Junping.wikitext").read_text("utf-8")


def _manifest() -> list[tuple[Path, str, str]]:
    rows = []
    for manifest in (CORPUS / "MANIFEST.tsv", CORPUS / "fragments" / "MANIFEST.tsv"):
        if manifest.exists():
            with manifest.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    path = CORPUS / row["file"]
                    if row["is_biography"] == "yes" and path.exists():
                        rows.append((path, row["has_infobox"], row["infobox_template"]))
    return rows


BIOGRAPHIES = _manifest()
ALL_ARTICLES = sorted(CORPUS.glob("**/*.wikitext")) if CORPUS.exists() else []


@pytest.mark.skipif(not BIOGRAPHIES, reason=f"{CORPUS} is absent (shared corpus)")
@pytest.mark.parametrize(
    ("path", "has_infobox", "template"),
    BIOGRAPHIES,
    ids=[str(p.relative_to(CORPUS)) for p, _, _ in BIOGRAPHIES],
)
def test_biography_infobox_is_found(path: Path, has_infobox: str, template: str) -> None:
    """Every biography's infobox is detected, by the name its page calls it."""
    article = wikibio.parse(path.read_text("utf-8"))

    if has_infobox == "yes":
        assert article.infobox is not None
        assert normalize_page_name(template) == article.infobox.template
    else:
        assert article.infobox is None


def test_xu_junping_fields_labels_rows() -> None:
    """The example's infobox: values, plain texts, labels and the rows a reader sees."""
    infobox = wikibio.parse(XU).infobox

    assert infobox is not None
    assert "[[People's Liberation Army]]" == infobox["branch"].value
    assert "Service/branch" == infobox.label("branch")
    assert "Commands held" == infobox.label("commands")
    assert infobox.label("image") is None
    assert [
        ("Allegiance", "China"),
        ("Service/branch", "People's Liberation Army"),
        ("Rank", "Colonel"),
        ("Commands held", "People's Liberation Army"),
    ] == list(infobox.rows())


def test_label_override_and_shared_labels() -> None:
    """``*_label`` overrides a label; parameters sharing a label form one row."""
    infobox = wikibio.parse(
        "{{Infobox military person|birth_date=1 May 1900|birth_place=[[Paris]]"
        "|battles=[[Verdun]]|battles_label=Campaigns}}"
    ).infobox

    assert infobox is not None
    assert "Campaigns" == infobox.label("battles")
    assert [("Born", "1 May 1900\nParis"), ("Campaigns", "Verdun")] == list(infobox.rows())


def test_duplicates_last_wins_and_positional_by_number() -> None:
    """A duplicated parameter reads as its last value; positional ones by their number."""
    infobox = wikibio.parse("{{Infobox person|name=A|name=B|x|y}}").infobox

    assert infobox is not None
    assert ["name", "1", "2"] == list(infobox)
    assert "B" == infobox["name"].value
    assert "y" == infobox["2"].value


def test_custom_infobox_names() -> None:
    """Which templates are infoboxes is data the caller can replace."""
    names = wikibio.InfoboxNames(names=frozenset({"ficha"}))

    assert wikibio.parse("{{Ficha|a=1}}{{Infobox x}}", infobox_names=names).infobox is not None
    assert ["Ficha"] == [
        box.template
        for box in wikibio.parse("{{Ficha}}{{Infobox x}}", infobox_names=names).infoboxes
    ]


def test_nested_infobox_modules_are_listed() -> None:
    """Infoboxes embedded as modules are infoboxes too, in page order."""
    text = "{{Infobox person|name=A|module={{Infobox musical artist|embed=yes|genre=Pop}}}}"

    assert ["Infobox person", "Infobox musical artist"] == [
        box.template for box in wikibio.parse(text).infoboxes
    ]


EDITS = [
    (
        "set keeps alignment",
        "{{Infobox person\n| name   = A\n| spouse = B\n}}",
        lambda b: b.__setitem__("spouse", "[[C]]"),
        "{{Infobox person\n| name   = A\n| spouse = [[C]]\n}}",
    ),
    (
        "set an empty value gets the siblings' space",
        "{{Infobox person\n| name = A\n| image =\n}}",
        lambda b: b.__setitem__("image", "A.jpg"),
        "{{Infobox person\n| name = A\n| image = A.jpg\n}}",
    ),
    (
        "add goes before a closing }} on its own line, aligned",
        "{{Infobox person\n| name   = A\n| spouse = B\n}}",
        lambda b: b.__setitem__("children", "2"),
        "{{Infobox person\n| name   = A\n| spouse = B\n| children = 2\n}}",
    ),
    (
        "add follows the documented order",
        "{{Infobox person\n|name=A\n|death_date=1900\n}}",
        lambda b: b.__setitem__("birth_date", "1800"),
        "{{Infobox person\n|name=A\n|birth_date=1800\n|death_date=1900\n}}",
    ),
    (
        "add inline",
        "{{Infobox person|name=A|spouse=B}}",
        lambda b: b.__setitem__("children", "2"),
        "{{Infobox person|name=A|spouse=B|children=2}}",
    ),
    (
        "add with leading pipes style",
        "{{Infobox person\n | name = A\n | spouse = B }}",
        lambda b: b.__setitem__("children", "2"),
        "{{Infobox person\n | name = A\n | spouse = B\n | children = 2 }}",
    ),
    (
        "delete removes the whole line",
        "{{Infobox person\n| name = A\n| spouse = B\n| children = 2\n}}",
        lambda b: b.__delitem__("spouse"),
        "{{Infobox person\n| name = A\n| children = 2\n}}",
    ),
    (
        "delete every duplicate",
        "{{Infobox person|name=A|x=1|x=2}}",
        lambda b: b.__delitem__("x"),
        "{{Infobox person|name=A}}",
    ),
    (
        "rename keeps the = column",
        "{{Infobox person\n| name     = A\n| spouse   = B\n}}",
        lambda b: b.rename("spouse", "partner"),
        "{{Infobox person\n| name     = A\n| partner  = B\n}}",
    ),
    (
        "pipes and braces in a value are escaped",
        "{{Infobox person|name=A}}",
        lambda b: b.__setitem__("name", "a | b }} c [[x|y]] {{t|u}}"),
        "{{Infobox person|name=a {{!}} b &#125;&#125; c [[x|y]] {{t|u}}}}",
    ),
    (
        "an unbalanced opening is escaped",
        "{{Infobox person|name=A}}",
        lambda b: b.__setitem__("name", "{{oops"),
        "{{Infobox person|name=&#123;{oops}}",
    ),
]


@pytest.mark.parametrize(
    ("text", "edit", "expected"), [pytest.param(t, e, x, id=i) for i, t, e, x in EDITS]
)
def test_edits(text: str, edit: object, expected: str) -> None:
    """Edits change only the edited parameter's bytes, in the siblings' style."""
    article = wikibio.parse(text)
    infobox = article.infobox
    assert infobox is not None

    edit(infobox)  # type: ignore[operator]

    assert expected == str(article)
    assert wikibio.parse(str(article)).infobox == article.infobox


@pytest.mark.parametrize(
    ("name", "value", "error"),
    [
        ("bad|name", "x", wikibio.InvalidNodeError),
        ("", "x", wikibio.InvalidNodeError),
        ("a=b", "x", wikibio.InvalidNodeError),
        ("name", 3, TypeError),
        ("name", None, TypeError),
    ],
)
def test_bad_edits_raise(name: str, value: object, error: type[Exception]) -> None:
    """Names that cannot be parameters and non-str values are refused with a clear error."""
    infobox = wikibio.parse("{{Infobox person|name=A}}").infobox
    assert infobox is not None

    with pytest.raises(error):
        infobox[name] = value  # type: ignore[assignment]


def test_delete_missing_is_key_error() -> None:
    """Deleting a missing parameter raises the KeyError subclass."""
    infobox = wikibio.parse("{{Infobox person|name=A}}").infobox
    assert infobox is not None

    with pytest.raises(wikibio.NotFoundError):
        del infobox["spouse"]


def test_view_follows_edits_elsewhere() -> None:
    """An infobox view keeps working after an edit to another infobox before it."""
    article = wikibio.parse("{{Infobox a|x=1}}\n{{Infobox b|y=2}}")
    first, second = article.infoboxes

    first["x"] = "a much longer value"
    second["y"] = "3"

    assert "{{Infobox a|x=a much longer value}}\n{{Infobox b|y=3}}" == str(article)


# --- properties over every infobox of the corpus ---------------------------------------

_LINE = re.compile(r"^(\s*)\|(\s*)([^=|\n]*?)(\s*)=( ?)")


def _shape(line: str) -> tuple[str, str, int, str] | None:
    match = _LINE.match(line)
    if match is None:
        return None
    indent, lead, name, pad, after = match.groups()
    return indent, lead, len(lead) + len(name) + len(pad), after


def _line_of(source: str, offset: int) -> str:
    """The whole line that holds ``offset``."""
    start = source.rfind("\n", 0, offset) + 1
    end = source.find("\n", offset)
    return source[start : end if end >= 0 else len(source)]


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def _corpus_infobox_cases() -> list[tuple[Path, int]]:
    cases = []
    for path in ALL_ARTICLES:
        article = wikibio.parse(path.read_text("utf-8"))
        cases.extend((path, i) for i in range(len(article.infoboxes)))
    return cases


CORPUS_BOXES = _corpus_infobox_cases() if ALL_ARTICLES else []


@pytest.mark.skipif(not CORPUS_BOXES, reason=f"{CORPUS} is absent (shared corpus)")
@pytest.mark.parametrize(
    ("path", "index"), CORPUS_BOXES, ids=[f"{p.relative_to(CORPUS)}#{i}" for p, i in CORPUS_BOXES]
)
def test_corpus_infobox_edits_are_local(path: Path, index: int) -> None:
    """Set, add and delete on a real infobox change only that parameter's lines.

    An added parameter's line has the shape (indent, spaces, ``=`` column) of the
    majority of its siblings when the infobox writes one parameter per line.
    """
    text = path.read_text("utf-8")
    article = wikibio.parse(text)
    infobox = article.infoboxes[index]
    named = [n for n in infobox if not n.isdigit() and "\n" not in infobox[n].value]
    if not named:
        pytest.skip("no named single-line parameter to edit")
    target = named[len(named) // 2]

    infobox[target] = "Edited value"
    removed, added = _changed_lines(text, str(article))
    assert 1 >= len(removed) and 1 >= len(added)
    assert all(target in line for line in removed + added)
    assert "Edited value" == article.infoboxes[index][target].value

    before_add = str(article)
    source = str(article)
    arguments = [a for a in infobox.call.arguments if not a.positional]
    one_per_line = all("\n" in str(a) for a in arguments[:-1]) and len(arguments) > 1
    sibling_shapes = [_shape(_line_of(source, a.start - 1)) for a in arguments]
    infobox["zq"] = "New"
    removed, added = _changed_lines(before_add, str(article))
    if one_per_line:
        assert [] == [line for line in removed if "zq" not in line]
        new_lines = [line for line in added if "zq" in line]
        assert 1 == len(new_lines)
        votes = Counter(s[:2] for s in sibling_shapes if s)
        if votes:  # lines start with "|" (not the "name = value |" layout)
            shape = _shape(new_lines[0])
            assert shape is not None
            assert votes.most_common(1)[0][0] == shape[:2]

    del infobox["zq"]
    assert before_add == str(article)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["name", "spouse", "birth_date", "a b", "x_y"]),
            st.text(st.sampled_from(list("ab |={}[]<>-\n'")), max_size=20),
        ),
        max_size=6,
    )
)
def test_set_then_read_back(edits: list[tuple[str, str]]) -> None:
    """Any value can be set: the call stays one infobox, the parameter is there, others stay."""
    article = wikibio.parse("{{Infobox person\n| name = A\n| other = keep\n}}\n'''A''' text.")
    infobox = article.infobox
    assert infobox is not None
    for name, value in edits:
        infobox[name] = value
        assert name.strip() in infobox
        assert "keep" == infobox["other"].value
        assert wikibio.parse(str(article)).infobox is not None
        assert str(article).endswith("}}\n'''A''' text.")


REAL_FIELDS = [
    (
        "Albert_Einstein",
        "Infobox scientist",
        "birth_date",
        "{{Birth date|df=yes|1879|3|14}}",
        "Born",
    ),
    ("Albert_Einstein", "Infobox scientist", "fields", "[[Physics]], [[philosophy]]", "Fields"),
    ("Abraham_Lincoln", "Infobox officeholder", "branch", "Illinois Militia", "Branch/service"),
    ("Abraham_Lincoln", "Infobox officeholder", "battles", "[[Black Hawk War]]", "Battles/wars"),
    ("Abraham_Lincoln", "Infobox officeholder", "office", "President of the United States", None),
    (
        "Angela_Merkel",
        "Infobox officeholder",
        "birth_date",
        "{{birth date and age|1954|7|17|df=y}}",
        "Born",
    ),
    (
        "Isaac_Newton",
        "Infobox scientist",
        "alma_mater",
        "[[Trinity College, Cambridge]]",
        "Alma mater",
    ),
    ("Aldous_Huxley", "Infobox writer", "occupation", "[[Writer]], [[Novelist]]", "Occupation"),
    (
        "Albert_Sidney_Johnston",
        "Infobox military person",
        "birth_date",
        "{{Birth date|1803|2|2}}",
        "Born",
    ),
    ("Edward_VIII", "Infobox royalty", "father", "[[George V]]", "Father"),
    (
        "Edward_VIII",
        "Infobox royalty",
        "spouse",
        "{{marriage|[[Wallis Simpson]]|3 June 1937}}",
        "Spouse",
    ),
    ("fr/Antoine_Meillet", "Infobox Biographie2", "nom", "Antoine Meillet", None),
    ("zh/林淑如", "Infobox Person", "spouse", "[[郭台銘]]\uff081974年結婚\uff09", "Spouse(s)"),
    (
        "fragments/Chuck_Yeager",
        "Infobox military person",
        "allegiance",
        "<!-- United States; obvious -->",
        "Allegiance",
    ),
    (
        "fragments/Chuck_Yeager",
        "Infobox military person",
        "branch",
        "{{ubl|[[United States Army Air Forces]]|[[United States Air Force]]}}",
        "Service/branch",
    ),
]


@pytest.mark.skipif(not ALL_ARTICLES, reason=f"{CORPUS} is absent (shared corpus)")
@pytest.mark.parametrize(
    ("page", "template", "name", "value", "label"),
    REAL_FIELDS,
    ids=[f"{page}:{name}" for page, _, name, _, _ in REAL_FIELDS],
)
def test_real_infobox_fields(
    page: str, template: str, name: str, value: str, label: str | None
) -> None:
    """Fields of real biographies: the value as written (trimmed) and the label readers see."""
    infobox = wikibio.parse((CORPUS / f"{page}.wikitext").read_text("utf-8")).infobox

    assert infobox is not None
    assert template == infobox.template
    assert value == infobox[name].value
    assert label == infobox.label(name)


def test_typed_field_readings() -> None:
    """Fields read as dates, lists, links and images, keeping their raw text."""
    infobox = wikibio.parse(
        "{{Infobox person\n| image = File:Ada_Lovelace.jpg\n"
        "| birth_date = {{birth date and age|1956|5|3|df=y}}\n"
        "| children = {{ubl|Anne|[[Byron King|Byron]]}}\n| death_date = Marchember 3\n}}"
    ).infobox
    assert infobox is not None
    birth = infobox["birth_date"]

    assert (1956, 5, 3, "day") == (
        birth.date.year,
        birth.date.month,
        birth.date.day,
        birth.date.precision,
    )  # type: ignore[union-attr]
    assert "3 May 1956" == birth.text
    assert "3 May 1956 (age 70)" == birth.display(today=datetime.date(2026, 11, 28))
    assert ("Anne", "Byron") == infobox["children"].items
    assert ["Byron King"] == [link.target for link in infobox["children"].links]
    assert "Ada Lovelace.jpg" == infobox["image"].image
    assert infobox["death_date"].date is None
    assert ["unreadable-date"] == [d.code for d in infobox.diagnostics]


def test_rows_with_ages_need_today() -> None:
    """Rows show ages only for a given today: results never depend on the clock."""
    infobox = wikibio.parse("{{Infobox person|birth_date={{birth date and age|2000|1|1}}}}").infobox
    assert infobox is not None

    assert [("Born", "January 1, 2000")] == list(infobox.rows())
    assert [("Born", "January 1, 2000 (age 26)")] == list(
        infobox.rows(today=datetime.date(2026, 11, 28))
    )


@pytest.mark.skipif(not ALL_ARTICLES, reason=f"{CORPUS} is absent (shared corpus)")
def test_no_markup_leaks_into_corpus_field_text() -> None:
    """No infobox field of the corpus shows template, link or tag markup as its text."""
    leaks = []
    for path in ALL_ARTICLES:
        for infobox in wikibio.parse(path.read_text("utf-8")).infoboxes:
            for name, field in infobox.items():
                if any(mark in field.text for mark in ("{{", "[[", "<")):
                    leaks.append((path.name, name, field.text[:60]))

    assert [] == leaks


#: Biographies whose own infobox and categories disagree (the source's data, not a bug).
INCONSISTENT_SOURCES = {
    "Jodie_Emery.wikitext": "the infobox says 1985, the category '1975 births'",
}


@pytest.mark.skipif(not BIOGRAPHIES, reason=f"{CORPUS} is absent (shared corpus)")
@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p,
            id=str(p.relative_to(CORPUS)),
            marks=[pytest.mark.xfail(strict=True, reason=INCONSISTENT_SOURCES[p.name])]
            if p.name in INCONSISTENT_SOURCES
            else [],
        )
        for p, has, _ in BIOGRAPHIES
        if has == "yes"
    ],
)
def test_infobox_dates_agree_with_birth_and_death_categories(path: Path) -> None:
    """The birth and death years read from each biography's infobox are its categories' years.

    An independent check of date reading: the page's own ``YYYY births``/``YYYY deaths``
    categories, written by editors apart from the infobox.
    """
    article = wikibio.parse(path.read_text("utf-8"))
    infobox = article.infobox
    assert infobox is not None
    for field, kind in (("birth_date", "births"), ("death_date", "deaths")):
        years = {
            int(c.split()[0]) for c in article.categories if re.fullmatch(rf"\d{{3,4}} {kind}", c)
        }
        value = infobox.get(field)
        if not years or value is None or not value.value:
            continue

        assert value.date is not None, value.value
        assert value.date.year in years


@pytest.mark.skipif(not BIOGRAPHIES, reason=f"{CORPUS} is absent (shared corpus)")
@pytest.mark.parametrize(
    "path", [p for p, has, _ in BIOGRAPHIES if has == "yes"], ids=lambda p: p.name
)
def test_biography_rows_show_every_documented_field(path: Path) -> None:
    """Each biography's rows: documented labels only, and every shown field is in a row.

    Labels come from ``shared/data/infobox_labels.json``; a field the template documents
    whose text is not empty must appear, under its label, in the rows readers see.
    """
    infobox = wikibio.parse(path.read_text("utf-8")).infobox
    assert infobox is not None
    labels = {infobox.label(name) for name in infobox} - {None}
    rows = dict(infobox.rows())
    if not labels:
        pytest.skip(f"no label map for {infobox.template}")

    assert set(rows) <= labels
    for name, field in infobox.items():
        label = infobox.label(name)
        if label is not None and field.text:
            assert field.text in rows[label]

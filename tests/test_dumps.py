"""Reading MediaWiki XML dumps: schema versions, compressions, multistream ranges, faults."""

from __future__ import annotations

import bz2
import io
from pathlib import Path

import pytest

from tests.conftest import CORPUS, needs_shared
from wikibio.dumps import (
    DumpError,
    DumpFormatError,
    DumpTruncatedError,
    Page,
    find_index,
    iter_partition,
    partitions,
    read_pages,
    write_dump,
)

DUMPS = CORPUS / "dumps"
needs = needs_shared(DUMPS)


def make_pages(count: int, *, start: int = 1) -> list[Page]:
    """Small generated pages with markup that must survive XML escaping."""
    return [
        Page(
            title=f"Person {i} & <Co>",
            ns=0,
            page_id=i,
            revision_id=1000 + i,
            timestamp="2024-05-01T12:00:00Z",
            redirect=None,
            text=f"{{{{Infobox person|name=P {i}}}}}\n'''P {i}''' (born {1900 + i}) was."
            f'<ref>R</ref>\n== Life ==\nText "quoted" & <b>bold</b>.\n'
            f"[[Category:{1900 + i} births]]\n",
        )
        for i in range(start, start + count)
    ]


SAMPLES = [
    (
        "dbpedia-minidump-enwiki-2021.xml.bz2",
        27,
        "Vehicle registration plates of China",
        1056106514,
    ),
    ("gensim-enwiki-table-markup.xml.bz2", 5, "Brahui language", 817542197),
    (
        "gensim-bgwiki-shortened-utf16.xml.bz2",
        3,
        "Уикипедия:Разговори/Архив/2005/октомври-ноември-декември",
        6885350,
    ),
    ("pywikibot-enwiki-Pear-export-0.10.xml", 1, "Pear", 638548877),
    ("pywikibot-enwiki-Pear-history-export-0.3.xml", 1, "Pear", 188924),
    ("pywikibot-enwiki-Pyrus-history.xml", 1, "Pyrus", 238392911),
    ("wikixmlj-enwiki-Isaac_Newton-export-0.4.xml", 1, "Isaac Newton", 335787354),
]


@needs
@pytest.mark.parametrize(
    ("file", "pages", "last_title", "last_revision"), SAMPLES, ids=[row[0] for row in SAMPLES]
)
def test_shared_dump_samples(file: str, pages: int, last_title: str, last_revision: int) -> None:
    """Every sample reads to its end: schema 0.3 to 0.10, bz2, UTF-16, history dumps."""
    read = list(read_pages(DUMPS / file))

    assert (pages, last_title, last_revision) == (
        len(read),
        read[-1].title,
        read[-1].revision_id,
    )


@needs
def test_history_dump_reports_the_last_revision() -> None:
    """In a history dump the page's last revision is the one reported."""
    (page,) = read_pages(DUMPS / "pywikibot-enwiki-Pear-history-export-0.3.xml")

    assert ("2002-08-31T05:53:10Z", 24278) == (page.timestamp, page.page_id)


@needs
def test_redirect_without_target_reads_it_from_the_text() -> None:
    """``<redirect />`` without a title: the target comes from ``#REDIRECT [[…]]``."""
    (page,) = read_pages(DUMPS / "pywikibot-enwiki-Pyrus-history.xml")

    assert "Pear" == page.redirect


@needs
def test_namespace_comes_from_ns_or_the_title_prefix() -> None:
    """The UTF-16 sample has an article and two project pages (namespace 4)."""
    namespaces = [p.ns for p in read_pages(DUMPS / "gensim-bgwiki-shortened-utf16.xml.bz2")]

    assert [0, 4, 4] == namespaces


@needs
def test_truncated_sample_yields_its_pages_then_fails() -> None:
    """A dump without ``</mediawiki>`` yields every complete page, then says where it ends."""
    seen: list[str] = []
    with pytest.raises(DumpTruncatedError) as caught:
        for page in read_pages(DUMPS / "wikiextractor-viwiki-head-2023.xml"):
            seen.append(page.title)

    assert (10, "Thụy Điển", 339516) == (len(seen), caught.value.after, caught.value.offset)


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY a "aaaa">]>\n<mediawiki>&a;</mediawiki>',
            "document type declaration",
        ),
        (
            b'<!DOCTYPE m SYSTEM "http://example.invalid/x.dtd"><mediawiki></mediawiki>',
            "document type declaration",
        ),
    ],
    ids=["internal-entity", "external-dtd"],
)
def test_untrusted_xml_features_are_refused(xml: bytes, message: str) -> None:
    """No DTD, so no entity expansion beyond the built-ins and no external fetch."""
    with pytest.raises(DumpFormatError, match=message):
        list(read_pages(io.BytesIO(xml)))


def test_not_a_dump(tmp_path: Path) -> None:
    """A file without a ``<mediawiki>`` root is refused before anything is read."""
    path = tmp_path / "page.wikitext"
    path.write_text("== Heading ==\n", encoding="utf-8")

    with pytest.raises(DumpFormatError, match="not a MediaWiki XML dump"):
        list(read_pages(path))


def test_corrupt_xml_names_the_offset_and_page() -> None:
    """Broken XML after a good page: the page is yielded, the error names the offset."""
    xml = (
        b"<mediawiki><page><title>A</title><ns>0</ns><id>1</id><revision><id>2</id>"
        b"<text>x</text></revision></page><page><title>B</oops></page></mediawiki>"
    )
    seen: list[str] = []
    offset = xml.index(b"oops>")  # expat points at the mismatched name
    with pytest.raises(DumpError, match=f"corrupt at byte {offset} .*after page 'A'"):
        seen.extend(page.title for page in read_pages(io.BytesIO(xml)))

    assert ["A"] == seen


@pytest.mark.parametrize("name", ["dump.xml", "dump.xml.bz2", "dump.xml.gz"])
def test_written_dumps_read_back(tmp_path: Path, name: str) -> None:
    """Plain, bz2 and gzip dumps give back the pages written, text escaped and unescaped."""
    pages = make_pages(7)
    write_dump(pages, tmp_path / name, multistream=False)

    assert pages == list(read_pages(tmp_path / name))


def test_multistream_ranges_are_independent(tmp_path: Path) -> None:
    """Each index range parses on its own; together they give every page in order."""
    pages = make_pages(25)
    path = tmp_path / "w-20240501-pages-articles-multistream.xml.bz2"
    index = write_dump(pages, path, pages_per_stream=10)
    ranges = partitions(path)

    assert index == find_index(path)
    assert [10, 10, 5] == [r.pages for r in ranges]
    assert pages == [page for r in ranges for page in iter_partition(r)]
    assert pages == list(read_pages(path))  # the same file read as one stream


def test_truncated_multistream_keeps_pages_before_the_cut(tmp_path: Path) -> None:
    """A range cut short yields the pages completed before the cut, then names the byte."""
    path = tmp_path / "cut-multistream.xml.bz2"
    write_dump(make_pages(30), path, pages_per_stream=10)
    ranges = partitions(path)
    data = path.read_bytes()
    cut = ranges[1].start + (ranges[2].start - ranges[1].start) // 2
    path.write_bytes(data[:cut])

    assert 10 == len(list(iter_partition(ranges[0])))
    with pytest.raises(DumpTruncatedError, match=f"cut at byte {cut:,}"):
        list(iter_partition(ranges[1]))
    with pytest.raises(DumpTruncatedError):
        list(iter_partition(ranges[2]))


def test_multistream_cut_at_a_stream_boundary_is_noticed(tmp_path: Path) -> None:
    """Losing the last stream (``</mediawiki>``) is a truncation too."""
    path = tmp_path / "x-multistream.xml.bz2"
    write_dump(make_pages(5), path, pages_per_stream=5)
    data = path.read_bytes()
    trailer = len(bz2.compress(b"</mediawiki>\n"))
    path.write_bytes(data[:-trailer])

    with pytest.raises(DumpTruncatedError, match="before </mediawiki>"):
        list(iter_partition(partitions(path)[-1]))


@pytest.mark.parametrize(
    ("dump", "index"),
    [
        (
            "enwiki-20240601-pages-articles-multistream.xml.bz2",
            "enwiki-20240601-pages-articles-multistream-index.txt.bz2",
        ),
        (
            "enwiki-20240601-pages-articles-multistream3.xml-p1p41242.bz2",
            "enwiki-20240601-pages-articles-multistream-index3.txt-p1p41242.bz2",
        ),
    ],
    ids=["whole", "part"],
)
def test_index_is_found_beside_the_dump(tmp_path: Path, dump: str, index: str) -> None:
    """Wikimedia's names for the index of a whole and of a split multistream dump."""
    (tmp_path / index).write_bytes(b"")

    assert tmp_path / index == find_index(tmp_path / dump)


@pytest.mark.parametrize(
    "module", ["wikibio.dumps", "wikibio.records", "wikibio.biography", "wikibio.parallel"]
)
def test_module_examples_run(module: str) -> None:
    """The ``>>>`` examples in the dump modules' docstrings run."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)

    assert (0, True) == (result.failed, result.attempted > 0)

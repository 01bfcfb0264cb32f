"""MediaWiki XML dumps as a stream of pages, in flat memory.

Reads the files ``Special:Export`` and the Wikimedia dumps produce, export schema 0.3 to
0.11: plain ``.xml``, ``.xml.bz2`` (one stream or many) and ``.xml.gz``, in UTF-8 or
UTF-16 with a byte-order mark.  A ``pages-articles-multistream.xml.bz2`` dump with its
``…-multistream-index.txt.bz2`` splits into independent byte ranges
(``partitions``), each of which decompresses and parses on its own: the unit of work
for ``wikibio.parallel`` and ``wikibio.dask``.

Examples:
    >>> import io, wikibio.dumps
    >>> xml = b'''<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">
    ... <page><title>Ada Lovelace</title><ns>0</ns><id>974</id>
    ... <revision><id>1</id><timestamp>2024-01-01T00:00:00Z</timestamp>
    ... <text bytes="9">Ada &amp; co</text></revision></page>
    ... </mediawiki>'''
    >>> [(p.title, p.page_id, p.text) for p in wikibio.dumps.read_pages(io.BytesIO(xml))]
    [('Ada Lovelace', 974, 'Ada & co')]

The XML is untrusted: a document type declaration (and with it every entity but the five
built-in ones, and every external fetch) is refused with ``DumpFormatError``.
Only the current page's strings are held; a page is released once it is yielded.  In a
history dump (several ``<revision>`` per page) the *last* revision is the one reported.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Final
from xml.etree.ElementTree import ParseError
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from attrs import frozen

from wikibio.errors import WikibioError
from wikibio.site import Site

__all__ = [
    "DumpError",
    "DumpFormatError",
    "DumpTruncatedError",
    "Page",
    "Partition",
    "decompressed",
    "dump_site",
    "find_index",
    "iter_partition",
    "open_dump",
    "partitions",
    "read_pages",
    "write_dump",
]

#: Bytes read (and fed to the XML parser) at a time.
CHUNK: Final = 1 << 20
#: Bytes of decompressed text inspected to decide whether a file is a dump at all.
_SNIFF: Final = 4096
#: ``#REDIRECT [[Target]]`` in schema 0.3, which has no ``<redirect>`` element.
_REDIRECT: Final = re.compile(r"\s*#redirect\s*:?\s*\[\[([^\[\]|#]*)", re.IGNORECASE)
#: Opening tag of a MediaWiki export root, in UTF-8 or UTF-16.
_ROOT_MARKS: Final = (b"<mediawiki", "<mediawiki".encode("utf-16-le"))


class DumpError(WikibioError, ValueError):
    """A dump could not be read to its end: corrupt, truncated, or not a dump.

    Pages before the fault have been delivered; ``offset`` and ``after`` say
    where the fault is.
    """

    def __init__(
        self, message: str, *, offset: int | None = None, after: str | None = None
    ) -> None:
        super().__init__(message)
        #: Byte offset of the fault (in the file, or in the decompressed XML: the message says).
        self.offset = offset
        #: Title of the last page read before the fault, if any.
        self.after = after

    def __reduce__(self) -> tuple[type[DumpError], tuple[str], dict[str, object]]:
        # Crosses process boundaries (worker pools, Dask) with its offset and page.
        return type(self), (str(self),), {"offset": self.offset, "after": self.after}


class DumpFormatError(DumpError):
    """The file is not a MediaWiki XML export, or uses XML features refused as unsafe."""


class DumpTruncatedError(DumpError):
    """The dump ends early: the file was cut short (a partial download or copy)."""


@frozen(kw_only=True)
class Page:
    """One page of a dump, with its (last) revision's wikitext."""

    #: The page title with its namespace prefix, as in the dump (``"Talk:Pear"``).
    title: str
    #: The namespace number (``0`` for articles); from ``<ns>`` or, in schema 0.3 to 0.5,
    #: from the title's prefix and the site's namespace list.
    ns: int
    #: ``<page><id>``; ``None`` when the dump leaves it out.
    page_id: int | None
    #: ``<revision><id>`` of the revision reported (the last one of the page).
    revision_id: int | None
    #: ``<timestamp>`` of that revision, as written (ISO 8601, UTC).
    timestamp: str | None
    #: The redirect's target title, or ``None`` when the page is not a redirect.  From
    #: ``<redirect title=…>``, else (schema 0.3, or a ``<redirect />`` without a title)
    #: from an English ``#REDIRECT [[Target]]`` at the start of the text; ``""`` for a
    #: redirect whose target neither gives.
    redirect: str | None
    #: The revision's wikitext (``""`` when the text was deleted or left out).
    text: str


@frozen(kw_only=True)
class Partition:
    """A byte range of a multistream dump that decompresses and parses on its own.

    ``end`` is ``None`` for the last range (to the end of the file).  ``number`` is the
    range's position, so results can be put back in dump order.
    """

    path: str
    number: int
    start: int
    end: int | None
    #: Number of pages the index lists in the range.
    pages: int = 0


# --- opening ------------------------------------------------------------------------------


def _compression(head: bytes) -> str:
    if head.startswith(b"BZh"):
        return "bz2"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    return "none"


def open_dump(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a dump file for reading its decompressed XML, whatever its compression.

    The compression is told from the file's first bytes, not its name.

    Raises:
        OSError: The file cannot be opened.
        DumpFormatError: The file is not a MediaWiki XML export.
    """
    return decompressed(open(path, "rb"), os.fspath(path))


def decompressed(raw: BinaryIO, name: str = "<stream>") -> BinaryIO:
    """The decompressed XML of a dump's raw bytes (``raw.tell()`` then tracks progress).

    Closes ``raw`` when it raises.

    Raises:
        DumpFormatError: The bytes are not a MediaWiki XML export.
    """
    path = name
    kind = "none"
    try:
        kind = _compression(raw.read(4))
        raw.seek(0)
        stream: BinaryIO
        if kind == "bz2":
            stream = bz2.BZ2File(raw)  # type: ignore[assignment]
        elif kind == "gzip":
            stream = gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
        else:
            stream = raw
        head = _peek(stream)
    except (OSError, EOFError, zlib.error) as error:
        raw.close()
        if _is_io_error(error):
            raise
        raise DumpFormatError(f"{path} is not a readable {kind} file ({error})") from None
    if not any(mark in head for mark in _ROOT_MARKS):
        raw.close()
        raise DumpFormatError(
            f"{path} is not a MediaWiki XML dump (no <mediawiki> element at its start)"
        )
    return stream


def _is_io_error(error: BaseException) -> bool:
    """An operating-system error (missing file, permissions), not bad compressed data."""
    return isinstance(error, OSError) and error.errno is not None


def _peek(stream: BinaryIO) -> bytes:
    head = stream.read(_SNIFF)
    stream.seek(0)
    return head


def find_index(path: str | os.PathLike[str]) -> Path | None:
    """The multistream index beside a multistream dump, if there is one.

    ``X-multistream.xml.bz2`` has ``X-multistream-index.txt.bz2``, and the parts of a
    split dump, ``X-multistream3.xml-p1p41242.bz2``, have
    ``X-multistream-index3.txt-p1p41242.bz2``.
    """
    name = Path(path).name
    whole = re.fullmatch(r"(.*multistream)\.xml\.bz2", name)
    part = re.fullmatch(r"(.*multistream)(\d+)\.xml-(p\d+p\d+)\.bz2", name)
    if whole is not None:
        index_name = f"{whole.group(1)}-index.txt.bz2"
    elif part is not None:
        index_name = f"{part.group(1)}-index{part.group(2)}.txt-{part.group(3)}.bz2"
    else:
        return None
    index = Path(path).with_name(index_name)
    return index if index.is_file() else None


def partitions(
    path: str | os.PathLike[str], index: str | os.PathLike[str] | None = None
) -> list[Partition]:
    """Split a multistream dump into independent byte ranges using its index.

    The index lines are ``offset:page_id:title``; every distinct offset starts a bz2
    stream of pages (usually 100).  The first range starts at the first page stream (the
    stream before it holds ``<siteinfo>``); the last runs to the end of the file.

    Args:
        path: The ``…-multistream.xml.bz2`` dump.
        index: Its index; default: found beside the dump with ``find_index``.

    Returns:
        The ranges in dump order (empty when the dump has no index and none was given).

    Raises:
        DumpFormatError: The index is not a multistream index.
    """
    index_path = Path(index) if index is not None else find_index(path)
    if index_path is None:
        return []
    starts: dict[int, int] = {}
    compressed = index_path.suffix == ".bz2"
    with bz2.BZ2File(index_path) if compressed else open(index_path, "rb") as lines:
        for number, line in enumerate(lines, 1):
            offset, sep, _ = line.partition(b":")
            if not sep or not offset.isdigit():
                if line.strip():
                    raise DumpFormatError(
                        f"{index_path} line {number} is not 'offset:page_id:title'"
                    )
                continue
            start = int(offset)
            starts[start] = starts.get(start, 0) + 1
    ordered = sorted(starts)
    ends: list[int | None] = [*ordered[1:], None]
    return [
        Partition(path=os.fspath(path), number=n, start=s, end=e, pages=starts[s])
        for n, (s, e) in enumerate(zip(ordered, ends, strict=True))
    ]


# --- parsing ------------------------------------------------------------------------------


def _refuse(what: str) -> Callable[..., None]:
    def handler(*_: object) -> None:
        raise DumpFormatError(
            f"the dump contains {what}, which wikibio refuses in untrusted XML "
            "(MediaWiki never writes one)"
        )

    return handler


class _PageBuilder:
    """Expat handlers that turn ``<page>`` elements into ``Page`` values."""

    _FIELDS: Final = frozenset({"title", "ns", "id", "timestamp", "text"})

    def __init__(self, namespaces: dict[str, int] | None = None) -> None:
        self.pages: list[Page] = []
        self.last_title: str | None = None
        self.closed = False
        self.namespaces: dict[str, int] = dict(namespaces or {})
        self._path: list[str] = []
        self._buffer: list[str] | None = None
        self._page: dict[str, str] = {}
        self._revision: dict[str, str] = {}
        self._redirect: str | None = None
        self._ns_key: str | None = None
        self.parser = self._make_parser()

    def _make_parser(self) -> expat.XMLParserType:
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = _refuse("a document type declaration")
        parser.EntityDeclHandler = _refuse("an entity declaration")
        parser.UnparsedEntityDeclHandler = _refuse("an entity declaration")
        parser.ExternalEntityRefHandler = _refuse("an external entity")  # type: ignore[assignment]
        parser.buffer_text = True
        parser.buffer_size = 1 << 16
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._data
        return parser

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        name = name.rpartition(":")[2]
        path = self._path
        path.append(name)
        depth = len(path)
        if name == "page":
            self._page = {}
            self._revision = {}
            self._redirect = None
        elif name == "revision" and "page" in path:
            self._revision = {}
        elif name == "redirect" and depth >= 2 and path[-2] == "page":
            self._redirect = attributes.get("title", "")
        elif name == "namespace" and "siteinfo" in path:
            self._ns_key = attributes.get("key")
            self._buffer = []
        if name in self._FIELDS and depth >= 2 and path[-2] in ("page", "revision"):
            self._buffer = []

    def _data(self, data: str) -> None:
        if self._buffer is not None:
            self._buffer.append(data)

    def _end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        path = self._path
        path.pop()
        if self._buffer is not None and path:
            value = "".join(self._buffer)
            parent = path[-1]
            if name == "namespace":
                if self._ns_key is not None and self._ns_key.lstrip("-").isdigit():
                    self.namespaces[value.strip()] = int(self._ns_key)
                self._ns_key = None
            elif parent == "page":
                self._page[name] = value
            elif parent == "revision":
                self._revision[name] = value
            self._buffer = None
        if name == "revision":
            # History dumps: keep the last revision (a later one replaces the kept one).
            self._page.update({"_" + key: value for key, value in self._revision.items()})
        elif name == "page":
            self._finish_page()
        elif not path:
            self.closed = True

    def _finish_page(self) -> None:
        page = self._page
        title = page.get("title", "")
        text = page.get("_text", "")
        redirect = self._redirect
        if not redirect:
            # <redirect /> without a title (schema 0.4 to 0.5), or no element (0.3).
            match = _REDIRECT.match(text)
            if match is not None:
                redirect = match.group(1).strip()
        if "ns" in page and page["ns"].strip().lstrip("-").isdigit():
            ns = int(page["ns"])
        else:
            prefix, sep, _ = title.partition(":")
            ns = self.namespaces.get(prefix, 0) if sep else 0
        self.pages.append(
            Page(
                title=title,
                ns=ns,
                page_id=_integer(page.get("id")),
                revision_id=_integer(page.get("_id")),
                timestamp=page.get("_timestamp"),
                redirect=redirect,
                text=text,
            )
        )
        self.last_title = title
        self._page = {}
        self._revision = {}


def _integer(value: str | None) -> int | None:
    if value is None:
        return None
    value = value.strip()
    return int(value) if value.isdigit() else None


def _describe_after(title: str | None) -> str:
    return f" (after page {title!r})" if title is not None else " (before the first page)"


def _feed(
    builder: _PageBuilder, chunks: Iterable[bytes], *, where: Callable[[int], str]
) -> Iterator[Page]:
    """Feed chunks of XML to ``builder``'s parser and yield pages as they complete."""
    parser = builder.parser
    pages = builder.pages
    fed = 0
    try:
        for chunk in chunks:
            fed += len(chunk)
            parser.Parse(chunk, False)
            if pages:
                yield from pages
                pages.clear()
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        yield from pages
        pages.clear()
        offset = parser.CurrentByteIndex
        if builder.closed:
            # Text after the end of the document: everything has been read.
            return
        if error.code == expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS] and (
            offset < 0 or offset >= fed - 1
        ):
            offset = fed
            raise DumpTruncatedError(
                f"the dump ends early, at {where(offset)}{_describe_after(builder.last_title)}",
                offset=offset,
                after=builder.last_title,
            ) from None
        reason = expat.errors.messages[error.code] if error.code else str(error)
        raise DumpError(
            f"the dump is corrupt at {where(offset)}: {reason}"
            f"{_describe_after(builder.last_title)}",
            offset=offset,
            after=builder.last_title,
        ) from None
    yield from pages
    pages.clear()


class _Cut(Exception):
    """The compressed stream ended or broke before its end marker."""

    def __init__(self, reason: str, offset: int) -> None:
        super().__init__(reason)
        self.offset = offset


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    read = 0
    while True:
        try:
            chunk = stream.read(CHUNK)
        except (EOFError, OSError, zlib.error) as error:
            if _is_io_error(error):
                raise
            raise _Cut(str(error), read) from None
        if not chunk:
            return
        read += len(chunk)
        yield chunk


#: How much of a dump's decompressed start is read for its ``<siteinfo>`` (it comes first).
_SITEINFO_LIMIT: Final = 1 << 20
_SITEINFO: Final = re.compile(rb"<siteinfo\b.*?</siteinfo>", re.DOTALL)


def dump_site(path: str | os.PathLike[str]) -> Site:
    """The wiki a dump comes from, from its ``<siteinfo>``: its namespace names over the
    packaged table of its language (``<dbname>``), so that ``extract`` reads each page as
    its own wiki does.  A dump without a readable ``<siteinfo>`` gives ``Site.default()``.

    Raises:
        OSError: The file cannot be read.
        DumpFormatError: It is not a MediaWiki dump.
    """
    stream = open_dump(path)
    try:
        head = stream.read(_SITEINFO_LIMIT)
    except (OSError, EOFError, zlib.error):
        head = b""
    finally:
        stream.close()
    found = _SITEINFO.search(head)
    if found is None:
        return Site.default()
    try:
        return Site.from_siteinfo(found.group(0).decode("utf-8", "replace"))
    except ParseError:
        return Site.default()


def read_pages(source: str | os.PathLike[str] | BinaryIO) -> Iterator[Page]:
    """Stream the pages of a dump, in dump order.

    Args:
        source: A dump's path (``.xml``, ``.xml.bz2``, ``.xml.gz``; the compression is
            told from the content), or a binary file object of decompressed XML.

    Yields:
        Each page with its last revision.

    Raises:
        OSError: The file cannot be read.
        DumpFormatError: It is not a MediaWiki dump (raised before any page).
        DumpTruncatedError: The dump ends early; pages before the cut were yielded.
        DumpError: The XML is corrupt; pages before the fault were yielded.
    """
    stream = open_dump(source) if isinstance(source, (str, os.PathLike)) else source
    builder = _PageBuilder()
    try:
        yield from _feed(builder, _chunks(stream), where=_xml_offset)
    except _Cut as cut:
        # The compressed file ends early: the parser saw a prefix of the XML.
        raise DumpTruncatedError(
            f"the dump ends early ({cut}) at byte {cut.offset:,} of the decompressed "
            f"XML{_describe_after(builder.last_title)}",
            offset=cut.offset,
            after=builder.last_title,
        ) from None
    finally:
        if stream is not source:
            stream.close()


def _xml_offset(offset: int) -> str:
    return f"byte {offset:,} of the XML"


def iter_partition(partition: Partition) -> Iterator[Page]:
    """Stream the pages of one byte range of a multistream dump.

    Raises:
        DumpTruncatedError: The range's bz2 data ends early (the file was cut); pages
            completed before the cut were yielded.
        DumpError: The range's data is corrupt.
    """
    builder = _PageBuilder()
    # The range is a run of <page> elements: give them a root to parse as a document.
    builder.parser.Parse(b"<mediawiki>", False)
    state = {"offset": partition.start}

    def where(_: int) -> str:
        return f"the bz2 stream at byte {state['offset']:,} of {partition.path}"

    def chunks() -> Iterator[bytes]:
        try:
            for stream_start, data in _bz2_streams(partition):
                state["offset"] = stream_start
                yield data
        except DumpError as error:
            raise type(error)(
                f"{error}{_describe_after(builder.last_title)}",
                offset=error.offset,
                after=builder.last_title,
            ) from None
        if builder.closed:
            return
        if partition.end is None:
            # The last range holds the closing tag: without it, the file was cut.
            size = os.path.getsize(partition.path)
            raise DumpTruncatedError(
                f"the dump ends early: {partition.path} stops at byte {size:,} before "
                f"</mediawiki>{_describe_after(builder.last_title)}",
                offset=size,
                after=builder.last_title,
            )
        yield b"</mediawiki>"

    yield from _feed(builder, chunks(), where=where)


def _bz2_streams(partition: Partition) -> Iterator[tuple[int, bytes]]:
    """Decompress the bz2 streams of a byte range, yielding (stream's file offset, data)."""
    with open(partition.path, "rb") as raw:
        size = raw.seek(0, io.SEEK_END)
        if partition.start >= size:
            raise DumpTruncatedError(
                f"the dump ends early: the index lists a bz2 stream at byte "
                f"{partition.start:,} but {partition.path} has {size:,} bytes",
                offset=size,
            )
        raw.seek(partition.start)
        remaining = (partition.end if partition.end is not None else size) - partition.start
        position = partition.start
        stream_start = position
        decompressor = bz2.BZ2Decompressor()
        while True:
            block = raw.read(min(CHUNK, remaining)) if remaining > 0 else b""
            remaining -= len(block)
            if not block:
                expected = partition.end if partition.end is not None else size
                if position == stream_start and position >= expected:
                    return
                raise DumpTruncatedError(
                    f"the dump ends early: the bz2 stream at byte {stream_start:,} of "
                    f"{partition.path} is cut at byte {position:,}",
                    offset=position,
                )
            while block:
                try:
                    data = decompressor.decompress(block)
                except OSError as error:
                    raise DumpError(
                        f"the dump is corrupt: the bz2 stream at byte {stream_start:,} of "
                        f"{partition.path} cannot be decompressed ({error})",
                        offset=stream_start,
                    ) from None
                if data:
                    yield stream_start, data
                if decompressor.eof:
                    used = len(block) - len(decompressor.unused_data)
                    position += used
                    block = decompressor.unused_data
                    stream_start = position
                    decompressor = bz2.BZ2Decompressor()
                else:
                    position += len(block)
                    block = b""


# --- writing ------------------------------------------------------------------------------

_HEADER: Final = (
    '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.11/ '
    'http://www.mediawiki.org/xml/export-0.11.xsd" version="0.11" xml:lang="en">\n'
    "  <siteinfo>\n    <sitename>wikibio</sitename>\n    <case>first-letter</case>\n"
    "  </siteinfo>\n"
)


def _page_xml(page: Page) -> str:
    redirect = (
        f"    <redirect title={quoteattr(page.redirect)} />\n" if page.redirect is not None else ""
    )
    page_id = f"    <id>{page.page_id}</id>\n" if page.page_id is not None else ""
    revision_id = f"      <id>{page.revision_id}</id>\n" if page.revision_id is not None else ""
    timestamp = f"      <timestamp>{page.timestamp}</timestamp>\n" if page.timestamp else ""
    size = len(page.text.encode("utf-8"))
    return (
        f"  <page>\n    <title>{escape(page.title)}</title>\n    <ns>{page.ns}</ns>\n"
        f"{page_id}{redirect}    <revision>\n{revision_id}{timestamp}"
        "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
        f'      <text bytes="{size}" xml:space="preserve">{escape(page.text)}</text>\n'
        "    </revision>\n  </page>\n"
    )


def write_dump(
    pages: Iterable[Page],
    path: str | os.PathLike[str],
    *,
    multistream: bool = True,
    pages_per_stream: int = 100,
) -> Path | None:
    """Write pages as an export-0.11 dump: test data and benchmarks, never a Wikimedia copy.

    With ``multistream`` (the default) the file is a ``pages-articles-multistream`` dump:
    one bz2 stream for the header, one per ``pages_per_stream`` pages, one for the
    closing tag, and an index ``…-index.txt.bz2`` beside it (``offset:page_id:title``).
    Otherwise the compression follows the name: ``.bz2``, ``.gz``, or plain XML.

    Returns:
        The index's path (``None`` without ``multistream``).
    """
    target = Path(path)
    if not multistream:
        data = (_HEADER + "".join(_page_xml(p) for p in pages) + "</mediawiki>\n").encode()
        if target.suffix == ".bz2":
            data = bz2.compress(data)
        elif target.suffix == ".gz":
            data = gzip.compress(data, mtime=0)
        target.write_bytes(data)
        return None
    if pages_per_stream < 1:
        raise ValueError(f"pages_per_stream must be at least 1, not {pages_per_stream}")
    index_lines: list[str] = []
    with open(target, "wb") as out:
        out.write(bz2.compress(_HEADER.encode()))
        batch: list[Page] = []

        def flush() -> None:
            offset = out.tell()
            for page in batch:
                index_lines.append(f"{offset}:{page.page_id or 0}:{page.title}\n")
            out.write(bz2.compress("".join(_page_xml(p) for p in batch).encode()))
            batch.clear()

        for page in pages:
            batch.append(page)
            if len(batch) >= pages_per_stream:
                flush()
        if batch:
            flush()
        out.write(bz2.compress(b"</mediawiki>\n"))
    name = target.name.removesuffix(".bz2").removesuffix(".xml")
    index = target.with_name(name + "-index.txt.bz2")
    index.write_bytes(bz2.compress("".join(index_lines).encode()))
    return index

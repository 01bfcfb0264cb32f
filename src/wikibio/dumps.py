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
#: Bytes of a multistream range read (and decompressed) at a time: about one bz2 block,
#: so that its first pages come without decoding a megabyte (~4 MB of text) first.
_RANGE_READ: Final = 256 << 10
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
    #: The revision's wikitext (``""`` when the text was deleted or left out, or the page
    #: is over the size limit).
    text: str
    #: Why the page could not be read whole (over ``read_pages``' ``max_page_bytes``), or
    #: ``None``; such a page becomes an error record.
    error: str | None = None


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
    #: The dump's namespaces (name, number) from its ``<siteinfo>``: titles' prefixes
    #: give the namespace of pages without ``<ns>`` (schema 0.3 to 0.5).
    namespaces: tuple[tuple[str, int], ...] = ()


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


def decompressed(
    raw: BinaryIO, name: str = "<stream>", *, max_ratio: int | None = None
) -> BinaryIO:
    """The decompressed XML of a dump's raw bytes (``raw.tell()`` then tracks progress).

    A stream cut short gives every byte decoded before the cut, then ``EOFError``.
    Closes ``raw`` when it raises.

    Args:
        raw: The file's bytes.
        name: The file's name, for messages.
        max_ratio: Decompressed bytes allowed per compressed byte (default
            ``MAX_RATIO``), once ``RATIO_FLOOR`` bytes are out: a decompression bomb
            fails with ``DumpFormatError`` instead of filling the memory.

    Raises:
        DumpFormatError: The bytes are not a MediaWiki XML export.
    """
    path = name
    kind = "none"
    ratio = MAX_RATIO if max_ratio is None else max_ratio
    try:
        kind = _compression(raw.read(4))
        raw.seek(0)
        stream: BinaryIO
        if kind == "none":
            stream = raw
            head = _peek(stream)
        else:
            head = _sniff(_Decompressing(raw, kind, path, ratio, owns_raw=False))
            raw.seek(0)
            stream = _Decompressing(raw, kind, path, ratio)  # type: ignore[assignment]
    except EOFError as error:
        raw.close()
        raise DumpTruncatedError(
            f"{path} ends early: not one block of its {kind} data is whole ({error})", offset=0
        ) from None
    except (OSError, zlib.error) as error:
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


#: Default for ``decompressed``'s ``max_ratio``: far above any real dump (about 5 to 1
#: for bz2 wikitext), far below a bomb (a 901-byte bz2 file inflates to 1 GB).
MAX_RATIO: Final = 1000
#: Decompressed bytes read before the ratio is checked (small files may compress better).
RATIO_FLOOR: Final = 64 << 20


class _Decompressing(io.RawIOBase):
    """A bz2 or gzip file (any number of streams or members), decoded block by block.

    Unlike ``bz2.BZ2File`` and ``gzip.GzipFile``, which drop the data they hold when the
    file ends early, every byte decoded before the cut is returned; the read after the
    last of them raises ``EOFError``.
    """

    def __init__(
        self, raw: BinaryIO, kind: str, name: str, max_ratio: int, *, owns_raw: bool = True
    ) -> None:
        super().__init__()
        raw.seek(0)
        self._raw = raw
        self._owns_raw = owns_raw
        self._kind = kind
        self._name = name
        self._max_ratio = max_ratio
        self._decoder = self._new_decoder()
        self._input = b""
        self._out = 0
        self._in = 0
        self._started = False
        self._done = False
        #: Streams (bz2) or members (gzip) finished, and bytes out of the current one.
        self._streams = 0
        self._out_of_stream = 0

    def _new_decoder(self) -> bz2.BZ2Decompressor | zlib._Decompress:
        if self._kind == "bz2":
            return bz2.BZ2Decompressor()
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        """Close the compressed file too, when this reader owns it."""
        if not self.closed and self._owns_raw:
            self._raw.close()
        super().close()

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = len(buffer)
        while not self._done:
            decoder = self._decoder
            if decoder.eof:
                rest = decoder.unused_data + self._input
                if self._kind == "gzip":
                    rest = rest.lstrip(b"\0")  # gzip pads its members with zeros
                self._input = rest
                self._decoder = self._new_decoder()
                self._started = False
                self._streams += 1
                self._out_of_stream = 0
                continue
            pending = isinstance(decoder, bz2.BZ2Decompressor) and not decoder.needs_input
            if not self._input and not pending:
                block = self._raw.read(CHUNK)
                if not block:
                    self._done = True
                    if self._started:
                        raise EOFError("the compressed data ends before its end-of-stream marker")
                    return 0
                self._in += len(block)
                self._input = block
            self._started = True
            try:
                data = self._decode(size)
            except (OSError, zlib.error):
                if self._streams and self._out_of_stream == 0:
                    # Bytes after the last stream that start no stream: ignored, as bzip2 does.
                    self._done = True
                    return 0
                raise
            if data:
                buffer[: len(data)] = data
                self._out += len(data)
                self._out_of_stream += len(data)
                if self._out > RATIO_FLOOR and self._out > self._max_ratio * self._in:
                    raise DumpFormatError(
                        f"{self._name} inflates more than {self._max_ratio} times "
                        f"({self._in:,} bytes to over {self._out:,}): refused as a "
                        "decompression bomb"
                    )
                return len(data)
        return 0

    def _decode(self, size: int) -> bytes:
        decoder = self._decoder
        if isinstance(decoder, bz2.BZ2Decompressor):
            data = decoder.decompress(self._input, size)
            self._input = b""
            return data
        data = decoder.decompress(self._input, size)
        self._input = decoder.unconsumed_tail
        return data


def _is_io_error(error: BaseException) -> bool:
    """An operating-system error (missing file, permissions), not bad compressed data."""
    return isinstance(error, OSError) and error.errno is not None


def _sniff(reader: _Decompressing) -> bytes:
    """The first ``_SNIFF`` decoded bytes (fewer when a block cut short ends them)."""
    head = b""
    try:
        while len(head) < _SNIFF:
            data = reader.read(_SNIFF - len(head))
            if not data:
                break
            head += data
    except EOFError:
        if not head:
            raise
    return head


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
    try:
        with bz2.BZ2File(index_path) if compressed else open(index_path, "rb") as lines:
            for number, line in enumerate(lines, 1):
                offset, sep, _ = line.partition(b":")
                if not sep or _OFFSET.fullmatch(offset) is None:
                    if line.strip():
                        shown = line[:40].decode("utf-8", "replace").rstrip()
                        raise DumpFormatError(
                            f"{index_path} line {number} is not 'offset:page_id:title' "
                            f"({shown!r})"
                        )
                    continue
                start = int(offset)
                starts[start] = starts.get(start, 0) + 1
    except (EOFError, OSError) as error:
        if _is_io_error(error):
            raise
        raise DumpFormatError(f"{index_path} is not a readable bz2 index ({error})") from None
    if not starts:
        raise DumpFormatError(
            f"{index_path} lists no bz2 streams: it is not the index of {Path(path).name}"
        )
    ordered = sorted(starts)
    header_end, namespaces = _check_streams(path, index_path, ordered)
    if header_end < ordered[0]:
        # Streams between the header and the first one the index names: read them too.
        starts[header_end] = starts.pop(ordered[0])
        ordered[0] = header_end
    ends: list[int | None] = [*ordered[1:], None]
    return [
        Partition(
            path=os.fspath(path),
            number=n,
            start=s,
            end=e,
            pages=starts[s],
            namespaces=namespaces,
        )
        for n, (s, e) in enumerate(zip(ordered, ends, strict=True))
    ]


#: An index offset: ASCII digits only (``int`` would take ``"٣"`` or 5,000 digits).
_OFFSET: Final = re.compile(rb"[0-9]{1,19}")
#: The start of a bz2 stream: magic, block size, and a block's or the end's signature.
_BZ2_STREAM: Final = re.compile(rb"BZh[1-9](?:\x31\x41\x59\x26\x53\x59|\x17\x72\x45\x38\x50\x90)")


def _check_streams(
    path: str | os.PathLike[str], index: Path, starts: list[int]
) -> tuple[int, tuple[tuple[str, int], ...]]:
    """Check that every offset of the index starts a bz2 stream of the dump.

    Returns:
        Where the header stream (``<siteinfo>``) ends, or ``0`` when the index lists the
        first stream itself; and the namespaces the header names (title prefixes of
        schema 0.3 to 0.5, whose pages have no ``<ns>``).

    Raises:
        DumpFormatError: An offset of the index does not start a stream.
    """
    with open(path, "rb") as raw:
        size = raw.seek(0, io.SEEK_END)
        for start in starts:
            if start >= size:
                break  # a cut file: reading the range reports it with the pages before
            raw.seek(start)
            if _BZ2_STREAM.match(raw.read(10)) is None:
                raise DumpFormatError(
                    f"{index} does not match {Path(path).name}: no bz2 stream starts at byte "
                    f"{start:,}, an offset it lists"
                )
        if starts[0] == 0:
            return 0, ()
        raw.seek(0)
        decoder = bz2.BZ2Decompressor()
        header = b""
        used = 0
        while not decoder.eof and used < starts[0]:
            block = raw.read(min(CHUNK, starts[0] - used))
            if not block:
                break
            try:
                header += decoder.decompress(block)
            except OSError:
                break
            used += len(block)
            if len(header) > CHUNK:
                break  # no header is this long: leave the ranges as the index gives them
        if not decoder.eof:
            return starts[0], ()
        header_end = used - len(decoder.unused_data)
    builder = _PageBuilder()
    try:
        builder.parser.Parse(header, False)
    except (expat.ExpatError, DumpError):
        return header_end, ()
    if builder.pages:
        # The first stream holds pages: it is a range of its own.
        return 0, tuple(builder.namespaces.items())
    return header_end, tuple(builder.namespaces.items())


# --- parsing ------------------------------------------------------------------------------


def _refuse(what: str) -> Callable[..., None]:
    def handler(*_: object) -> None:
        raise DumpFormatError(
            f"the dump contains {what}, which wikibio refuses in untrusted XML "
            "(MediaWiki never writes one)"
        )

    return handler


#: Default for ``read_pages``'s ``max_page_bytes``: a page's XML beyond it becomes an
#: error page (Wikipedia's own limit, ``$wgMaxArticleSize``, is 2 MB of wikitext).
MAX_PAGE_BYTES: Final = 100 << 20
#: Elements open at once beyond which the XML is refused (a dump nests 5 deep; lxml's
#: default limit is 256).
MAX_DEPTH: Final = 256
#: A number in ``<id>``, ``<ns>`` or a namespace key: ASCII digits, at most 19 of them.
_NUMBER: Final = re.compile(r"\s*(-?[0-9]{1,19})\s*")


class _PageBuilder:
    """Expat handlers that turn ``<page>`` elements into ``Page`` values."""

    _FIELDS: Final = frozenset({"title", "ns", "id", "timestamp", "text"})

    def __init__(
        self,
        namespaces: dict[str, int] | None = None,
        *,
        max_page_bytes: int = MAX_PAGE_BYTES,
        max_depth: int = MAX_DEPTH,
        root: str | None = "mediawiki",
    ) -> None:
        self.pages: list[Page] = []
        self.last_title: str | None = None
        #: What comes before the first page, for messages ("the first page" of the dump).
        self.first = "the first page"
        self.closed = False
        self.namespaces: dict[str, int] = dict(namespaces or {})
        self.max_page_bytes = max_page_bytes
        self.max_depth = max_depth
        self._root = root
        self._path: list[str] = []
        self._buffer: list[str] | None = None
        self._page: dict[str, str] = {}
        self._revision: dict[str, str] = {}
        self._redirect: str | None = None
        self._ns_key: str | None = None
        # Open <page>, <revision> and <siteinfo> elements (PERF: no scan of the path).
        self._in_page = 0
        self._in_siteinfo = 0
        self._page_start = 0
        #: The page's XML passed ``max_page_bytes``: its strings are no longer kept.
        self._oversize = False
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
        if not path and self._root is not None and name != self._root:
            raise DumpFormatError(
                f"the XML's root element is <{name}>, not <{self._root}>: not a MediaWiki dump"
            )
        path.append(name)
        depth = len(path)
        if depth > self.max_depth:
            raise DumpError(
                f"the dump is corrupt at {_xml_offset(self.parser.CurrentByteIndex)}: elements "
                f"nest more than {self.max_depth} deep{self.describe()}",
                offset=self.parser.CurrentByteIndex,
                after=self.last_title,
            )
        if name == "page":
            self._in_page += 1
            self._page = {}
            self._revision = {}
            self._redirect = None
            self._page_start = self.parser.CurrentByteIndex
            self._oversize = False
        elif name == "revision" and self._in_page:
            self._revision = {}
        elif name == "redirect" and depth >= 2 and path[-2] == "page":
            self._redirect = attributes.get("title", "")
        elif name == "siteinfo":
            self._in_siteinfo += 1
        elif name == "namespace" and self._in_siteinfo:
            self._ns_key = attributes.get("key")
            self._buffer = []
        if name in self._FIELDS and depth >= 2 and path[-2] in ("page", "revision"):
            self._buffer = []

    def _data(self, data: str) -> None:
        if self._buffer is not None:
            if (
                self._in_page
                and not self._oversize
                and self.parser.CurrentByteIndex - self._page_start > self.max_page_bytes
            ):
                # Keep reading (the page's end is needed) but stop holding its text.
                self._oversize = True
                self._revision.clear()
                self._page.pop("_text", None)
            if self._oversize:
                if self._path[-1] == "text":
                    self._buffer.clear()
                    return
                if len(self._buffer) >= 4:
                    return  # other fields keep their start only
            self._buffer.append(data)

    def _end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        path = self._path
        path.pop()
        if self._buffer is not None and path:
            value = "".join(self._buffer)
            parent = path[-1]
            if name == "namespace":
                key = self._number("namespace key", self._ns_key)
                if key is not None:
                    self.namespaces[value.strip()] = key
                self._ns_key = None
            elif parent == "page":
                self._page[name] = value
            elif parent == "revision" and not (self._oversize and name == "text"):
                self._revision[name] = value
            self._buffer = None
        if name == "revision":
            # History dumps: keep the last revision (a later one replaces the kept one).
            self._page.update({"_" + key: value for key, value in self._revision.items()})
        elif name == "page":
            self._in_page -= 1
            self._finish_page()
        elif name == "siteinfo":
            self._in_siteinfo -= 1
        elif not path:
            self.closed = True

    def describe(self) -> str:
        """`` (after page 'X')``, or where the first page would have been."""
        return _describe_after(self.last_title, self.first)

    def _number(self, what: str, value: str | None) -> int | None:
        """A number of the dump (``None`` when absent); anything but digits is a fault."""
        if value is None:
            return None
        match = _NUMBER.fullmatch(value)
        if match is None:
            shown = value if len(value) <= 30 else value[:30] + "…"
            offset = self.parser.CurrentByteIndex
            raise DumpError(
                f"the dump is corrupt at {_xml_offset(offset)}: the {what} {shown!r} is not a "
                f"number{self.describe()}",
                offset=offset,
                after=self.last_title,
            )
        return int(match.group(1))

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
        ns = self._number("<ns>", page.get("ns"))
        if ns is None:
            prefix, sep, _ = title.partition(":")
            ns = self.namespaces.get(prefix, 0) if sep else 0
        error = None
        if self._oversize:
            size = self.parser.CurrentByteIndex - self._page_start
            error = (
                f"the page's XML has over {self.max_page_bytes:,} bytes ({size:,}): its text "
                "was not read (see read_pages' max_page_bytes)"
            )
        self.pages.append(
            Page(
                title=title,
                ns=ns,
                page_id=self._number("page <id>", page.get("id")),
                revision_id=self._number("revision <id>", page.get("_id")),
                timestamp=page.get("_timestamp"),
                redirect=redirect,
                text=text,
                error=error,
            )
        )
        self.last_title = title
        self._page = {}
        self._revision = {}
        self._oversize = False


def _describe_after(title: str | None, first: str = "the first page") -> str:
    return f" (after page {title!r})" if title is not None else f" (before {first})"


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
    except DumpError:
        # A fault a handler found (a malformed number, too deep): the pages before it stand.
        yield from pages
        pages.clear()
        raise
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
                f"the dump ends early, at {where(offset)}{builder.describe()}",
                offset=offset,
                after=builder.last_title,
            ) from None
        reason = expat.errors.messages[error.code] if error.code else str(error)
        raise DumpError(
            f"the dump is corrupt at {where(offset)}: {reason}"
            f"{builder.describe()}",
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
    head = b""
    try:
        # A decompressing reader returns a block at a time: read up to the limit.
        while len(head) < _SITEINFO_LIMIT and b"</siteinfo>" not in head:
            data = stream.read(_SITEINFO_LIMIT - len(head))
            if not data:
                break
            head += data
    except (OSError, EOFError, zlib.error):
        pass
    finally:
        stream.close()
    found = _SITEINFO.search(head)
    if found is None:
        return Site.default()
    try:
        return Site.from_siteinfo(found.group(0).decode("utf-8", "replace"))
    except ParseError:
        return Site.default()


def read_pages(
    source: str | os.PathLike[str] | BinaryIO,
    *,
    max_page_bytes: int = MAX_PAGE_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Iterator[Page]:
    """Stream the pages of a dump, in dump order.

    Args:
        source: A dump's path (``.xml``, ``.xml.bz2``, ``.xml.gz``; the compression is
            told from the content), or a binary file object of decompressed XML.
        max_page_bytes: A page whose XML is longer is yielded without its text, with
            ``Page.error`` saying so, and reading goes on (memory stays flat).
        max_depth: Elements open at once beyond which the XML is refused as corrupt.

    Yields:
        Each page with its last revision.

    Raises:
        OSError: The file cannot be read.
        DumpFormatError: It is not a MediaWiki dump (raised before any page).
        DumpTruncatedError: The dump ends early; pages before the cut were yielded.
        DumpError: The XML is corrupt; pages before the fault were yielded.
    """
    stream = open_dump(source) if isinstance(source, (str, os.PathLike)) else source
    builder = _PageBuilder(max_page_bytes=max_page_bytes, max_depth=max_depth)
    try:
        yield from _feed(builder, _chunks(stream), where=_xml_offset)
    except _Cut as cut:
        # The compressed file ends early: the parser saw a prefix of the XML.
        raise DumpTruncatedError(
            f"the dump ends early ({cut}) at byte {cut.offset:,} of the decompressed "
            f"XML{builder.describe()}",
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
    builder = _PageBuilder(dict(partition.namespaces))
    builder.first = f"the first page of the bz2 stream at byte {partition.start:,}"
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
                f"{error}{builder.describe()}",
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
                f"</mediawiki>{builder.describe()}",
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
            block = raw.read(min(_RANGE_READ, remaining)) if remaining > 0 else b""
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
    # Imported here: it brings urllib, http and ssl, which reading a dump never needs.
    from xml.sax.saxutils import escape, quoteattr

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

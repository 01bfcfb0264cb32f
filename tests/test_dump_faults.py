"""Damaged dumps: nothing decoded before the damage is lost, every fault is one line.

Fault injection cuts a dump at every 1% of its bytes (bz2 in one stream, gzip, plain XML,
and a multistream bz2 with its index) and checks that the pages read are exactly the pages
whose ``</page>`` lies in the part of the file that can still be decoded, computed here
with the decompressors alone, and that the reading ends with an error giving the offset.
"""

from __future__ import annotations

import bz2
import errno
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_dumps import make_pages
from wikibio.cli import escape_controls, main
from wikibio.dumps import (
    DumpError,
    DumpFormatError,
    DumpTruncatedError,
    Page,
    _page_xml,
    iter_partition,
    partitions,
    read_pages,
    write_dump,
)
from wikibio.parallel import Batch, extract
from wikibio.reader import read_ahead
from wikibio.records import Selection

#: Pages in the fault-injection dumps (about 1 MB of XML: several bz2 blocks at level 1).
PAGES = 900


def _pages() -> list[Page]:
    pages = make_pages(PAGES)
    # Text that compresses poorly, so a bz2 block holds ~100 KB and cuts fall in many blocks.
    return [
        Page(
            title=p.title,
            ns=p.ns,
            page_id=p.page_id,
            revision_id=p.revision_id,
            timestamp=p.timestamp,
            redirect=None,
            text=p.text + " ".join(f"{(p.page_id or 0) * 7919 + k:x}" for k in range(120)),
        )
        for p in pages
    ]


def _xml(pages: list[Page]) -> bytes:
    head = '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">\n'
    return (head + "".join(_page_xml(p) for p in pages) + "</mediawiki>\n").encode()


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same pages as one-stream bz2, gzip, plain XML and multistream bz2."""
    folder = tmp_path_factory.mktemp("faults")
    xml = _xml(_pages())
    files = {
        "bz2": (folder / "one.xml.bz2", bz2.compress(xml, 1)),
        "gz": (folder / "one.xml.gz", gzip.compress(xml, mtime=0)),
        "plain": (folder / "one.xml", xml),
    }
    for path, data in files.values():
        path.write_bytes(data)
    multistream = folder / "many-multistream.xml.bz2"
    write_dump(_pages(), multistream, pages_per_stream=50)
    return {kind: path for kind, (path, _) in files.items()} | {"multistream": multistream}


def _decodable(data: bytes, kind: str) -> bytes:
    """What the decompressors give for a cut file: every whole block, stream or member."""
    if kind == "plain":
        return data
    out = []
    while data:
        decoder = bz2.BZ2Decompressor() if kind != "gz" else zlib.decompressobj(31)
        out.append(decoder.decompress(data))
        if not decoder.eof:
            break
        data = decoder.unused_data
    return b"".join(out)


def _read_cut(kind: str, path: Path, index: Path | None) -> tuple[list[Page], DumpError | None]:
    pages: list[Page] = []
    try:
        if kind == "multistream":
            for part in partitions(path, index):
                pages.extend(iter_partition(part))
        else:
            pages.extend(read_pages(path))
    except DumpError as error:
        return pages, error
    return pages, None


def _cuts(step: int) -> Iterator[int]:
    yield from range(step, 100, step)


def _check_cut(kind: str, dump: Path, percent: int, tmp_path: Path) -> None:
    data = dump.read_bytes()
    cut = len(data) * percent // 100
    target = tmp_path / dump.name
    target.write_bytes(data[:cut])
    index = None
    if kind == "multistream":
        index = dump.with_name(dump.name.replace(".xml.bz2", "-index.txt.bz2"))
    expected = _decodable(data[:cut], "plain" if kind == "plain" else kind).count(b"</page>")

    pages, error = _read_cut(kind, target, index)

    assert [p.title for p in pages] == [p.title for p in _pages()[:expected]]
    assert isinstance(error, DumpError) and error.offset is not None, (percent, error)


@pytest.mark.parametrize("kind", ["bz2", "gz", "plain", "multistream"])
@pytest.mark.parametrize("percent", list(_cuts(10)))
def test_a_cut_dump_keeps_every_page_decoded_before_the_cut(
    dumps: dict[str, Path], kind: str, percent: int, tmp_path: Path
) -> None:
    """Cut at 10%, 20%, …: every page the decompressor can still decode, then an offset."""
    _check_cut(kind, dumps[kind], percent, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["bz2", "gz", "plain", "multistream"])
def test_a_cut_at_every_percent_keeps_every_page_decoded(
    dumps: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    """The same at every 1% of the file."""
    for percent in _cuts(1):
        _check_cut(kind, dumps[kind], percent, tmp_path)


@pytest.mark.parametrize("kind", ["bz2", "gz", "plain", "multistream"])
def test_extract_of_a_cut_dump_writes_the_records_then_exits_1(
    dumps: dict[str, Path], kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command: records before the cut, exit 1, one line naming the byte."""
    dump = dumps[kind]
    data = dump.read_bytes()
    target = tmp_path / dump.name
    target.write_bytes(data[: len(data) * 2 // 3])
    if kind == "multistream":
        index = dump.with_name(dump.name.replace(".xml.bz2", "-index.txt.bz2"))
        target.with_name(index.name).write_bytes(index.read_bytes())
    out = tmp_path / "out.jsonl"

    status = main(["extract", str(target), "-o", str(out), "--jobs", "1"])
    err = capsys.readouterr().err
    lines = out.read_bytes().splitlines()

    assert (1, 1) == (status, err.count("\n"))
    assert "byte" in err and len(lines) > PAGES // 2
    assert [json.loads(line)["title"] for line in lines] == [
        p.title for p in _pages()[: len(lines)]
    ]


def _shown(pages: list[Page], error: DumpError | None) -> tuple[list[str], str | None]:
    described = None if error is None else f"{type(error).__name__} at {error.offset}: {error}"
    return [p.title for p in pages], described


def _read_by_reader(path: Path, index: Path | None) -> tuple[list[Page], DumpError | None]:
    pages: list[Page] = []
    error: DumpError | None = None
    for unit in read_ahead(path, Selection(namespace=None, redirects=True), index=index):
        pages.extend(unit.pages)
        error = unit.error
    return pages, error


@pytest.mark.parametrize("kind", ["bz2", "gz", "plain", "multistream"])
@pytest.mark.parametrize("damage", [f"cut {percent}%" for percent in _cuts(10)] + ["corrupt"])
def test_the_reader_process_reads_a_damaged_dump_as_it_is_read_in_line(
    dumps: dict[str, Path], kind: str, damage: str, tmp_path: Path
) -> None:
    """``extract --jobs 1`` reads the dump in another process (``wikibio.reader``): the
    same pages, then the same fault, at the same offset, with the same message."""
    dump = dumps[kind]
    index = None
    if kind == "multistream":
        index = dump.with_name(dump.name.replace(".xml.bz2", "-index.txt.bz2"))
    data = bytearray(dump.read_bytes())
    if damage == "corrupt":
        data[len(data) // 2] ^= 0xFF
    else:
        del data[len(data) * int(damage.split()[1].rstrip("%")) // 100 :]
    target = tmp_path / dump.name
    target.write_bytes(bytes(data))

    by_reader = _shown(*_read_by_reader(target, index))

    assert by_reader == _shown(*_read_cut(kind, target, index))
    assert by_reader[1] is not None


# --- malformed numbers ------------------------------------------------------------------

PAGE = (
    "<page><title>{title}</title><ns>{ns}</ns><id>{id}</id>"
    "<revision><id>1</id><text>x</text></revision></page>"
)


def _dump_of(*pages: str, siteinfo: str = "") -> bytes:
    return f"<mediawiki>{siteinfo}{''.join(pages)}</mediawiki>".encode()


@pytest.mark.parametrize(
    ("ns", "page_id", "what"),
    [
        ("0", "\u0663", "page <id>"),  # ARABIC-INDIC DIGIT THREE: str.isdigit() but not ASCII
        ("0", "9" * 4300, "page <id>"),  # more digits than int() converts
        ("\u00b2", "2", "<ns>"),  # SUPERSCRIPT TWO
        ("1e3", "2", "<ns>"),
    ],
    ids=["arabic-digit-id", "4300-digit-id", "superscript-ns", "float-ns"],
)
def test_a_malformed_number_is_one_error_after_the_pages_before(
    ns: str, page_id: str, what: str
) -> None:
    """The page before is kept; the fault names the element, the value and the offset."""
    xml = _dump_of(
        PAGE.format(title="Good", ns=0, id=1), PAGE.format(title="Bad", ns=ns, id=page_id)
    )
    pages: list[Page] = []

    with pytest.raises(DumpError) as caught:
        pages.extend(read_pages(io.BytesIO(xml)))

    assert ["Good"] == [p.title for p in pages]
    assert what in str(caught.value) and "after page 'Good'" in str(caught.value)
    assert caught.value.offset is not None and len(str(caught.value)) < 200


def test_a_malformed_namespace_key_is_an_error() -> None:
    """``<namespace key="٣">`` in the site info is refused like any other number."""
    siteinfo = (
        '<siteinfo><namespaces><namespace key="\u0663">Talk</namespace></namespaces></siteinfo>'
    )

    with pytest.raises(DumpError, match="namespace key"):
        list(read_pages(io.BytesIO(_dump_of(siteinfo=siteinfo))))


# --- the document ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE mediawiki SYSTEM "x.dtd">\n<mediawiki></mediawiki>',
        b"<!-- <mediawiki --><html><page><title>A</title></page></html>",
    ],
    ids=["doctype", "mediawiki-only-in-a-comment"],
)
def test_not_a_dump_exits_2_before_any_output(
    xml: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A DOCTYPE, or a root other than ``<mediawiki>``: a format error, exit 2, no records."""
    dump = tmp_path / "x.xml"
    dump.write_bytes(xml)

    assert 2 == main(["extract", str(dump), "-o", str(tmp_path / "out.jsonl"), "--jobs", "1"])
    assert 1 == capsys.readouterr().err.count("\n")
    assert not (tmp_path / "out.jsonl").exists()


def test_elements_nested_too_deep_are_refused() -> None:
    """Nesting past ``max_depth`` is a fault at once (reading stays linear)."""
    xml = b"<mediawiki>" + b"<a>" * 300 + b"</a>" * 300 + b"</mediawiki>"

    with pytest.raises(DumpError, match="nest more than 256 deep"):
        list(read_pages(io.BytesIO(xml)))


def test_a_page_over_the_size_limit_becomes_an_error_page() -> None:
    """Its text is not held; the pages after it are read as usual."""
    big = PAGE.format(title="Big", ns=0, id=2).replace(">x<", ">" + "y" * 5000 + "<")
    xml = _dump_of(PAGE.format(title="A", ns=0, id=1), big, PAGE.format(title="C", ns=0, id=3))

    pages = list(read_pages(io.BytesIO(xml), max_page_bytes=1000))

    assert [("A", None), ("Big", ""), ("C", None)] == [
        (p.title, p.text if p.error else None) for p in pages
    ]
    assert pages[1].error is not None and "1,000 bytes" in pages[1].error


def test_a_decompression_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inflating more than ``MAX_RATIO`` times (past the floor) stops with a format error."""
    import wikibio.dumps

    monkeypatch.setattr(wikibio.dumps, "RATIO_FLOOR", 1 << 16)
    dump = tmp_path / "bomb.xml.bz2"
    dump.write_bytes(
        bz2.compress(
            _dump_of(PAGE.format(title="A", ns=0, id=1)).replace(
                b">x<", b">" + b"a" * (4 << 20) + b"<"
            )
        )
    )

    with pytest.raises(DumpFormatError, match="decompression bomb"):
        list(read_pages(dump))


# --- the multistream index ---------------------------------------------------------------


@pytest.fixture
def multistream(tmp_path: Path) -> tuple[Path, Path, list[Page]]:
    pages = make_pages(95)
    path = tmp_path / "m-multistream.xml.bz2"
    index = write_dump(pages, path, pages_per_stream=20)
    assert index is not None
    return path, index, pages


def _all(path: Path, index: Path) -> list[str]:
    return [p.title for part in partitions(path, index) for p in iter_partition(part)]


def test_an_index_missing_its_first_stream_loses_no_page(
    multistream: tuple[Path, Path, list[Page]],
) -> None:
    """Streams between the header and the first offset listed are read too."""
    path, index, pages = multistream
    lines = bz2.decompress(index.read_bytes()).splitlines(keepends=True)
    index.write_bytes(bz2.compress(b"".join(lines[20:])))

    assert [p.title for p in pages] == _all(path, index)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bz2.compress(b""), "lists no bz2 streams"),
        (b"", "lists no bz2 streams|not a readable"),
        (bz2.compress("\u0663:1:A\n".encode()), "line 1"),
        (bz2.compress(b"1:1:A\n"), "no bz2 stream starts at byte 1"),
    ],
    ids=["empty", "zero-bytes", "arabic-digit", "not-a-stream"],
)
def test_a_bad_index_is_a_format_error(
    multistream: tuple[Path, Path, list[Page]], content: bytes, message: str
) -> None:
    """An index that is empty, unreadable, or names no stream of the dump is refused."""
    path, index, _ = multistream
    index.write_bytes(content)

    with pytest.raises(DumpFormatError, match=message):
        partitions(path, index)


def test_an_old_schema_multistream_dump_knows_its_namespaces(tmp_path: Path) -> None:
    """Schema 0.3 to 0.5 pages have no ``<ns>``: the header's namespaces name them."""
    header = (
        '<mediawiki version="0.4"><siteinfo><namespaces><namespace key="0" />'
        '<namespace key="1">Talk</namespace></namespaces></siteinfo>\n'
    )
    page = "<page><title>{}</title><id>{}</id><revision><id>1</id><text>x</text></revision></page>"
    path = tmp_path / "old-multistream.xml.bz2"
    streams = [header, page.format("Ada", 1), page.format("Talk:Ada", 2), "</mediawiki>"]
    offsets, data = [], b""
    for stream in streams:
        offsets.append(len(data))
        data += bz2.compress(stream.encode())
    path.write_bytes(data)
    index = tmp_path / "old-multistream-index.txt.bz2"
    index.write_bytes(bz2.compress(f"{offsets[1]}:1:Ada\n{offsets[2]}:2:Talk:Ada\n".encode()))

    pages = [p for part in partitions(path, index) for p in iter_partition(part)]

    assert [("Ada", 0), ("Talk:Ada", 1)] == [(p.title, p.ns) for p in pages]


def test_a_cut_in_a_later_range_does_not_say_before_the_first_page(
    multistream: tuple[Path, Path, list[Page]],
) -> None:
    """A range cut inside its first page names the range, not the dump's first page."""
    path, index, _ = multistream
    ranges = partitions(path, index)
    data = path.read_bytes()
    path.write_bytes(data[: ranges[2].start + 50])

    with pytest.raises(DumpTruncatedError) as caught:
        list(iter_partition(partitions(path, index)[2]))

    assert f"first page of the bz2 stream at byte {ranges[2].start:,}" in str(caught.value)


# --- workers and output ------------------------------------------------------------------


def test_a_killed_worker_is_one_line_after_the_records_before(
    multistream: tuple[Path, Path, list[Page]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool whose worker dies ends the run with a ``WorkerLostError`` batch."""
    from concurrent.futures.process import BrokenProcessPool

    import wikibio.parallel

    path, _, _ = multistream
    real = wikibio.parallel.run_ordered

    def breaking(*args: object, **kwargs: object) -> Iterator[Batch]:
        batches = real(*args, **kwargs)  # type: ignore[arg-type]
        yield next(batches)
        raise BrokenProcessPool("a child process terminated")

    monkeypatch.setattr(wikibio.parallel, "run_ordered", breaking)

    batches = list(extract(path, Selection(), jobs=2))

    assert [20, 0] == [b.records for b in batches]
    assert isinstance(batches[-1].error, wikibio.parallel.WorkerLostError)
    assert "worker process died" in str(batches[-1].error)


class _FullDisk(io.RawIOBase):
    """A file on a disk that fills up after ``room`` bytes."""

    def __init__(self, room: int) -> None:
        self.data = bytearray()
        self.room = room

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return len(self.data)

    def seek(self, offset: int, whence: int = 0) -> int:
        return len(self.data)

    def truncate(self, size: int | None = None) -> int:
        del self.data[size:]
        return len(self.data)

    def write(self, data: object) -> int:
        chunk = bytes(data)  # type: ignore[call-overload]
        free = self.room - len(self.data)
        if free <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.data += chunk[:free]
        return min(len(chunk), free)


def test_a_full_disk_never_leaves_half_a_record() -> None:
    """The batch that does not fit is taken back whole: the file ends with a full line."""
    from wikibio.cli import _write_whole

    out = _FullDisk(room=50)
    _write_whole(out, b'{"a": 1}\n{"b": 2}\n')  # type: ignore[arg-type]

    with pytest.raises(OSError, match="No space"):
        _write_whole(out, b'{"c": 3333333333333333333333333333333333333333}\n')  # type: ignore[arg-type]
    assert b'{"a": 1}\n{"b": 2}\n' == bytes(out.data)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_onto_a_full_disk_exits_1_with_whole_records(
    multistream: tuple[Path, Path, list[Page]],
    jobs: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The disk fills up mid-run: one line, exit 1, and the file ends with a whole record."""
    import wikibio.cli

    path, _, _ = multistream
    out = _FullDisk(room=20_000)
    monkeypatch.setattr(wikibio.cli, "_open_output", lambda name, recipe: out)

    status = main(["extract", str(path), "-o", "out.jsonl", "--jobs", jobs])
    err = capsys.readouterr().err
    lines = bytes(out.data).splitlines(keepends=True)

    assert (1, 1) == (status, err.count("\n"))
    assert "No space left on device" in err and "written whole" in err
    assert lines and all(line.endswith(b"}\n") for line in lines)
    assert all(json.loads(line) for line in lines)


def test_an_output_path_that_cannot_be_written_is_one_line(
    multistream: tuple[Path, Path, list[Page]], capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o`` into a missing folder: one line, exit 2, no traceback."""
    path, _, _ = multistream

    assert 2 == main(["extract", str(path), "-o", "/nonexistent/dir/out.jsonl", "--jobs", "1"])
    err = capsys.readouterr().err
    assert "cannot write /nonexistent/dir/out.jsonl" in err and 1 == err.count("\n")


def test_the_progress_line_shows_no_rate_in_its_first_moments() -> None:
    """A rate over a few milliseconds ("422,606 pages/s") is not shown."""
    from wikibio.cli import _Progress

    out = io.StringIO()
    progress = _Progress(1000, out)  # type: ignore[arg-type]
    progress.update(Batch(number=0, data=b"", pages=100, records=100, position=500))
    progress.close()

    assert "pages/s" not in out.getvalue() and "100 pages" in out.getvalue()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b]0;pwned\x07b", "a\\x1b]0;pwned\\x07b"),
        ("csi\x9b2J", "csi\\x9b2J"),
        ("tab\tnew\nline", "tab\tnew\nline"),
        ("del\x7f", "del\\x7f"),
    ],
    ids=["osc", "c1-csi", "tab-newline-kept", "del"],
)
def test_control_characters_are_escaped_for_a_terminal(text: str, shown: str) -> None:
    """ESC, OSC, C1 controls and DEL are written as ``\\xNN``; tab and newline stay."""
    assert shown == escape_controls(text)


def test_a_dask_cluster_without_workers_ends_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A task waiting on a cluster with no worker left gives up, in one error batch."""
    distributed = pytest.importorskip("distributed", reason="needs the dask extra")
    import wikibio.dask

    class Pending:
        def result(self, timeout: float | None = None) -> object:
            raise distributed.TimeoutError("still pending")

    class NoWorkers:
        def scheduler_info(self) -> dict[str, object]:
            return {"workers": {}}

    monkeypatch.setattr(wikibio.dask, "POLL", 0.01)
    monkeypatch.setattr(wikibio.dask, "NO_WORKERS_GRACE", 0.05)
    done = Batch(number=0, data=b"{}\n", pages=1, records=1, position=10)

    def batches() -> Iterator[Batch]:
        yield done
        yield wikibio.dask._Watched(NoWorkers(), Pending()).result()  # type: ignore[arg-type]

    out = list(wikibio.dask._guarded(batches()))

    assert [done.data, b""] == [b.data for b in out]
    assert "no worker for 0 s" in str(out[-1].error) and "after byte 10" in str(out[-1].error)

"""Records of a whole dump on all cores, in dump order, in flat memory.

The dump is cut into independent units of work: the byte ranges of a multistream dump
(each worker reads and decompresses its own range), or, for other dumps, batches of
pages that one reader streams to the workers.  At most ``2 * jobs`` units are in flight
at once, and results are handed back strictly in dump order, so the output is the same
whatever the number of workers or the engine (this module's process pool, or Dask via
``wikibio.dask``).

>>> import tempfile, pathlib
>>> from wikibio.dumps import Page, write_dump
>>> from wikibio.parallel import extract
>>> from wikibio.records import Selection
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> pages = [Page(title=f"P{i}", ns=0, page_id=i, revision_id=i, timestamp=None,
...               redirect=None, text=f"Page {i}.") for i in range(1, 6)]
>>> index = write_dump(pages, folder / "x-multistream.xml.bz2", pages_per_stream=2)
>>> batches = list(extract(folder / "x-multistream.xml.bz2", Selection(), jobs=1))
>>> [batch.records for batch in batches]
[2, 2, 1]
"""

from __future__ import annotations

import collections
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final, Protocol, TypeVar

from attrs import frozen

from wikibio.dumps import (
    DecodedRange,
    DumpError,
    DumpFormatError,
    Page,
    Partition,
    decode_range,
    decompressed,
    dump_site,
    iter_partition,
    partitions,
    read_pages,
)
from wikibio.records import Format, Recipe, Selection, as_recipe, encode_records, select_records
from wikibio.site import Site

__all__ = [
    "Batch",
    "Unit",
    "WorkerLostError",
    "extract",
    "lost_worker",
    "process_pages",
    "process_partition",
    "run_ordered",
    "units",
]

#: Pages per batch when a dump without an index is split among workers.
BATCH_PAGES: Final = 100
#: ... or fewer, when their text passes this many characters.
BATCH_CHARS: Final = 8 << 20


@frozen(kw_only=True)
class Batch:
    """The output of one unit of work: encoded records and counts for the progress bar."""

    #: The unit's position in the dump.
    number: int
    #: The records: one JSON object per line, UTF-8, or an Arrow IPC stream (as the
    #: ``Recipe`` said).
    data: bytes
    #: Pages read (before selection) and records written.
    pages: int
    records: int
    #: How far into the dump *file* this unit reaches (for progress and ETA).
    position: int
    #: The fault that stopped the unit (its records before the fault are in ``data``).
    error: DumpError | None = None


@frozen(kw_only=True)
class Unit:
    """One unit of work: a multistream range, or a batch of pages already read."""

    number: int
    position: int
    partition: Partition | None = None
    pages: tuple[Page, ...] = ()
    #: Pages the reader skipped (namespace, redirects) before this batch, for counting.
    skipped: int = 0
    #: A fault the reader met after this batch's pages.
    error: DumpError | None = None


def process_partition(
    partition: Partition,
    selection: Selection,
    format: Format | Recipe,
    site: Site | None = None,
) -> Batch:
    """Read one multistream range and render its records (never raises a DumpError)."""
    return process_pages(
        _loaded(Unit(number=partition.number, position=partition.start, partition=partition)),
        selection,
        format,
        site,
    )


def _loaded(unit: Unit, decoded: DecodedRange | None = None) -> Unit:
    """A unit with its pages read: a multistream range is parsed here, decompressed too
    unless ``decoded`` holds its data (a fault that stops it is kept in ``error``); a batch
    of pages is returned as it is."""
    partition = unit.partition
    if partition is None:
        return unit
    pages: list[Page] = []
    error: DumpError | None = None
    try:
        pages.extend(iter_partition(partition, decoded))
    except DumpError as fault:
        error = fault
    size = os.path.getsize(partition.path)
    end = partition.end if partition.end is not None else size
    return Unit(number=partition.number, position=min(end, size), pages=tuple(pages), error=error)


def process_pages(
    unit: Unit, selection: Selection, format: Format | Recipe, site: Site | None = None
) -> Batch:
    """Render the records of a batch of pages (a unit without a partition).

    ``site`` is the dump's wiki (``dump_site``): its namespace names read the pages.
    """
    if unit.partition is not None:
        return process_partition(unit.partition, selection, format, site)
    recipe = as_recipe(format)
    records = select_records(unit.pages, selection, format=recipe, site=site)
    return Batch(
        number=unit.number,
        data=encode_records(records, recipe),
        pages=len(unit.pages) + unit.skipped,
        records=len(records),
        position=unit.position,
        error=unit.error,
    )


def units(
    path: str | os.PathLike[str],
    selection: Selection,
    *,
    index: str | os.PathLike[str] | None = None,
) -> Iterator[Unit]:
    """Cut a dump into units of work, lazily and in dump order.

    A multistream dump with an index gives one unit per range; any other dump is read
    here, and its selected pages are grouped into batches of ``BATCH_PAGES``.

    Raises:
        OSError, DumpFormatError: The file cannot be read or is not a dump (before any unit).
    """
    ranges = partitions(path, index)
    if ranges:
        yield from (Unit(number=p.number, position=p.start, partition=p) for p in ranges)
        return
    raw = open(path, "rb")  # noqa: SIM115 (closed below, or by decompressed() on error)
    stream = decompressed(raw, os.fspath(path))
    number = 0
    batch: list[Page] = []
    chars = skipped = 0
    try:
        try:
            for page in read_pages(stream):
                if not selection.wants(page):
                    skipped += 1
                    continue
                batch.append(page)
                chars += len(page.text)
                if len(batch) >= BATCH_PAGES or chars >= BATCH_CHARS:
                    yield Unit(
                        number=number, position=raw.tell(), pages=tuple(batch), skipped=skipped
                    )
                    number += 1
                    batch, chars, skipped = [], 0, 0
        except DumpError as error:
            if isinstance(error, DumpFormatError) and number == 0 and not batch and not skipped:
                raise  # not a dump at all (a DOCTYPE, another root): before any output
            yield Unit(
                number=number,
                position=raw.tell(),
                pages=tuple(batch),
                skipped=skipped,
                error=error,
            )
            return
        if batch or skipped or number == 0:
            yield Unit(number=number, position=raw.tell(), pages=tuple(batch), skipped=skipped)
    finally:
        stream.close()
        raw.close()


class _Future(Protocol):
    def result(self) -> Batch: ...


_Work = TypeVar("_Work")


def run_ordered(
    work: Iterator[_Work], submit: Callable[[_Work], _Future], *, window: int
) -> Iterator[Batch]:
    """Submit units with at most ``window`` in flight; yield their batches in order."""
    pending: collections.deque[_Future] = collections.deque()
    for unit in work:
        pending.append(submit(unit))
        while len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def extract(
    path: str | os.PathLike[str],
    selection: Selection,
    *,
    format: Format | Recipe = "json",
    jobs: int | None = None,
    index: str | os.PathLike[str] | None = None,
) -> Iterator[Batch]:
    """The records of a dump, batch by batch in dump order, on ``jobs`` processes.

    Stops after the first batch that carries an ``error`` (a truncated or corrupt dump);
    the caller writes that batch's data and reports the error.

    Args:
        path: The dump.
        selection: Which pages become records.
        format: ``"json"``, ``"wikibio"``, or a ``Recipe`` that also chooses the fields
            and the encoding of ``Batch.data`` (see ``wikibio.records``).
        jobs: Worker processes (default: all cores); ``1`` runs in this process.
        index: A multistream index, when it is not beside the dump.

    Raises:
        OSError, DumpFormatError: Before any batch, when the file is not a readable dump.
    """
    jobs = jobs or os.cpu_count() or 1
    work = units(path, selection, index=index)
    first = next(work)  # raises here, before any output, for a file that is not a dump
    work = _chain(first, work)
    site = dump_site(path)  # the dump's <siteinfo> overrides the packaged site tables
    if jobs == 1:
        # Records are made in this thread; a second one decodes the next ranges' bz2 meanwhile
        # (libbz2 releases the GIL): ~16% less time, no CPU time measurably added. Parsing
        # their XML there too (expat calls Python, which holds the GIL) cost ~6% more CPU
        # time in all (benchmarks/README.md, session 28).
        decoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wikibio-bz2")
        try:
            loaded = _decoded_ahead(work, decoder)
            yield from _until_error(process_pages(unit, selection, format, site) for unit in loaded)
        finally:
            decoder.shutdown(wait=True, cancel_futures=True)
        return
    # Imported here: the process pool's modules (multiprocessing) serve only more jobs.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=jobs) as pool:

        def submit(unit: Unit) -> _Future:
            return pool.submit(process_pages, unit, selection, format, site)

        position = 0
        try:
            for batch in _until_error(run_ordered(work, submit, window=2 * jobs)):
                position = batch.position
                yield batch
        except BrokenProcessPool:
            yield lost_worker(position, "a worker process died (killed, or out of memory)")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _decoded_ahead(work: Iterator[Unit], decoder: Executor, depth: int = 2) -> Iterator[Unit]:
    """``work``'s units with their pages read, in order, each multistream range's bz2
    decoded by ``decoder`` up to ``depth`` units ahead (``dumps.decode_range``).

    What decoding raises besides a fault of the data (an ``OSError``) is raised here, where
    its unit would have come.
    """
    pending: collections.deque[tuple[Unit, Future[DecodedRange] | None]] = collections.deque()
    for unit in work:
        partition = unit.partition
        decoding = decoder.submit(decode_range, partition) if partition is not None else None
        pending.append((unit, decoding))
        if len(pending) > depth:
            yield _loaded_from(*pending.popleft())
    while pending:
        yield _loaded_from(*pending.popleft())


def _loaded_from(unit: Unit, decoding: Future[DecodedRange] | None) -> Unit:
    return _loaded(unit, decoding.result() if decoding is not None else None)


class WorkerLostError(DumpError):
    """A worker process (or the last Dask worker) went away: the run cannot go on."""


def lost_worker(position: int, what: str) -> Batch:
    """The empty last batch of a run whose worker was lost, carrying the error."""
    message = f"{what} after byte {position:,} of the dump; the run stops there"
    return Batch(
        number=-1,
        data=b"",
        pages=0,
        records=0,
        position=position,
        error=WorkerLostError(message, offset=position),
    )


def _chain(first: Unit, rest: Iterator[Unit]) -> Iterator[Unit]:
    yield first
    yield from rest


def _until_error(batches: Iterator[Batch]) -> Iterator[Batch]:
    for batch in batches:
        yield batch
        if batch.error is not None:
            return


def dump_size(path: str | os.PathLike[str]) -> int:
    """The dump file's size in bytes (the progress bar's total)."""
    return Path(path).stat().st_size

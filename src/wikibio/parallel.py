"""Records of a whole dump on all cores, in dump order, in flat memory.

The dump is cut into independent units of work (``wikibio.units``): the byte ranges of a
multistream dump (each worker reads and decompresses its own range), or, for other dumps,
batches of pages that one reader streams to the workers.  At most ``2 * jobs`` units are
in flight at once, and results are handed back strictly in dump order, so the output is
the same whatever the number of workers or the engine (this module's process pool, or
Dask via ``wikibio.dask``).  One job makes the records in this process, with the dump
read in another (``wikibio.reader``).

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
from pathlib import Path
from typing import Protocol, TypeVar

from attrs import frozen

from wikibio._gc import pausing
from wikibio.dumps import DumpError, Partition, dump_site
from wikibio.reader import read_ahead
from wikibio.records import Format, Recipe, Selection, as_recipe, encode_records, select_records
from wikibio.site import Site
from wikibio.units import Unit, WorkerLostError, loaded, units

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


def process_partition(
    partition: Partition,
    selection: Selection,
    format: Format | Recipe,
    site: Site | None = None,
) -> Batch:
    """Read one multistream range and render its records (never raises a DumpError)."""
    return process_pages(
        loaded(Unit(number=partition.number, position=partition.start, partition=partition)),
        selection,
        format,
        site,
    )


@pausing
def process_pages(
    unit: Unit, selection: Selection, format: Format | Recipe, site: Site | None = None
) -> Batch:
    """Render the records of a batch of pages (a unit without a partition).

    ``site`` is the dump's wiki (``dump_site``): its namespace names read the pages.
    The cyclic collector is paused for the batch: with its records alive until they are
    encoded, each collection in between would traverse them (~4% of the time).
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
    if jobs == 1:
        # Records are made in this process while a second one reads the dump (bz2, XML)
        # and sends the next units' pages, as WikiExtractor's reader does: the reading
        # is off the records' time (benchmarks/README.md, session 29).
        read = read_ahead(path, selection, index=index)  # the reader starts now
        try:
            site: Site | None
            try:
                site = dump_site(path)  # while the reader reads the first pages
            except (OSError, DumpError):
                site = None  # the reader meets the fault too, and says it as units() do
            first = next(read)  # raises here, before any output, for a file not a dump
            if site is None:
                site = dump_site(path)
            yield from _until_error(
                process_pages(unit, selection, format, site) for unit in _chain(first, read)
            )
        finally:
            read.close()
        return
    work = units(path, selection, index=index)
    first = next(work)  # raises here, before any output, for a file that is not a dump
    work = _chain(first, work)
    site = dump_site(path)  # the dump's <siteinfo> overrides the packaged site tables
    # Imported here: only more jobs need the process pool.
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

"""A dump cut into units of work: multistream ranges, or batches of pages read in order.

A multistream dump with an index is cut along its ranges, which a worker decompresses
and parses on its own (``loaded``); any other dump is read from its start and its pages
grouped as they come (``read_units``).  ``wikibio.parallel`` runs the units on worker
processes; ``wikibio.reader`` reads them in a process of their own for one job.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Generator, Iterator
from typing import Final

from attrs import frozen

from wikibio.dumps import (
    DumpError,
    DumpFormatError,
    Page,
    Partition,
    decompressed,
    iter_partition,
    partitions,
    read_pages,
)
from wikibio.records import Selection

__all__ = [
    "BATCH_CHARS",
    "BATCH_PAGES",
    "Unit",
    "WorkerLostError",
    "batched",
    "loaded",
    "lost_unit",
    "read_units",
    "units",
]

#: Pages per batch when a dump without an index is split among workers.
BATCH_PAGES: Final = 100
#: ... or fewer, when their text passes this many characters.
BATCH_CHARS: Final = 8 << 20


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


def loaded(unit: Unit) -> Unit:
    """A unit with its pages read: a multistream range is decompressed and parsed here (a
    fault that stops it is kept in ``error``); a batch of pages is returned as it is."""
    partition = unit.partition
    if partition is None:
        return unit
    pages: list[Page] = []
    error: DumpError | None = None
    try:
        pages.extend(iter_partition(partition))
    except DumpError as fault:
        error = fault
    return Unit(number=partition.number, position=_end(partition), pages=tuple(pages), error=error)


def _end(partition: Partition) -> int:
    """How far into the file a range reaches (a cut file ends sooner than its index says)."""
    size = os.path.getsize(partition.path)
    return min(partition.end if partition.end is not None else size, size)


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
    yield from _read_stream(path, selection, BATCH_CHARS)


def read_units(
    path: str | os.PathLike[str],
    selection: Selection,
    *,
    index: str | os.PathLike[str] | None = None,
    chars: int = BATCH_CHARS,
) -> Generator[Unit, None, None]:
    """Read a dump here, in order: its selected pages in units of ``BATCH_PAGES`` pages or
    ``chars`` characters of text, a multistream dump range by range (no unit spans two).

    Raises:
        OSError, DumpFormatError: The file cannot be read or is not a dump (before any unit).
    """
    ranges = partitions(path, index)
    if not ranges:
        yield from _read_stream(path, selection, chars)
        return
    numbers = itertools.count()
    for partition in ranges:
        pieces = batched(
            iter_partition(partition),
            selection,
            numbers,
            position=_constant(partition.start),
            end=_constant(_end(partition)),
            chars=chars,
        )
        for piece in pieces:
            yield piece
            if piece.error is not None:
                return


def _constant(value: int) -> Callable[[], int]:
    return lambda: value


def _read_stream(path: str | os.PathLike[str], selection: Selection, chars: int) -> Iterator[Unit]:
    """A dump read as one stream, from its start (``read_units``)."""
    raw = open(path, "rb")  # noqa: SIM115 (closed below, or by decompressed() on error)
    stream = decompressed(raw, os.fspath(path))
    try:
        yield from batched(
            read_pages(stream),
            selection,
            itertools.count(),
            position=raw.tell,
            chars=chars,
            strict=True,
        )
    finally:
        stream.close()
        raw.close()


def batched(
    pages: Iterator[Page],
    selection: Selection,
    numbers: Iterator[int],
    *,
    position: Callable[[], int],
    chars: int,
    end: Callable[[], int] | None = None,
    strict: bool = False,
) -> Iterator[Unit]:
    """The pages ``selection`` wants, in units of ``BATCH_PAGES`` pages or ``chars``
    characters of text (at least one unit, to count the pages skipped); a fault ends them
    with a unit that carries it.

    ``position()`` is how far into the file the units reach, ``end()`` (if given) for the
    last one.  ``strict``: a ``DumpFormatError`` before any page is raised (the file is not
    a dump) rather than carried.
    """
    batch: list[Page] = []
    size = skipped = 0
    started = False
    last = end or position
    try:
        for page in pages:
            if not selection.wants(page):
                skipped += 1
                continue
            batch.append(page)
            size += len(page.text)
            if len(batch) >= BATCH_PAGES or size >= chars:
                yield Unit(
                    number=next(numbers), position=position(), pages=tuple(batch), skipped=skipped
                )
                started = True
                batch, size, skipped = [], 0, 0
    except DumpError as error:
        if strict and isinstance(error, DumpFormatError) and not (started or batch or skipped):
            raise  # not a dump at all (a DOCTYPE, another root): before any output
        yield Unit(
            number=next(numbers),
            position=last(),
            pages=tuple(batch),
            skipped=skipped,
            error=error,
        )
        return
    if batch or skipped or not started:
        yield Unit(number=next(numbers), position=last(), pages=tuple(batch), skipped=skipped)


class WorkerLostError(DumpError):
    """A worker or reader process (or the last Dask worker) went away: the run cannot go on."""


def lost_unit(number: int, position: int, what: str) -> Unit:
    """The empty last unit of a run whose reader was lost, carrying the error."""
    message = f"{what} after byte {position:,} of the dump; the run stops there"
    return Unit(number=number, position=position, error=WorkerLostError(message, offset=position))

"""Dumps on a Dask cluster: a bag of pages, and ``extract`` on many machines.

Needs the optional extra: ``pip install 'wikibio[dask]'``.  Every worker must be able to
import ``wikibio`` and to read the dump at the same path (shared storage); see
``docs/dumps.md``.

A multistream dump's ranges are the bag's partitions: each worker opens the file, seeks
to its range and decompresses only that, so nothing but the range's offsets travels
over the network.

>>> from wikibio.dask import read_dump          # doctest: +SKIP
>>> pages = read_dump("enwiki-20240601-pages-articles-multistream.xml.bz2")  # doctest: +SKIP
>>> pages.filter(lambda page: page.ns == 0).count().compute()  # doctest: +SKIP
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from attrs import evolve

from wikibio.dumps import (
    DumpFormatError,
    Page,
    Partition,
    dump_site,
    iter_partition,
    partitions,
)
from wikibio.parallel import (
    Batch,
    Unit,
    WorkerLostError,
    lost_worker,
    process_pages,
    run_ordered,
    units,
)
from wikibio.records import Format, Recipe, Selection, as_recipe, write_parquet
from wikibio.site import Site

if TYPE_CHECKING:
    import dask.bag
    import distributed

__all__ = ["extract", "partition_bag", "read_dump"]


def _bag_module() -> object:
    try:
        import dask.bag
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("wikibio.dask needs Dask: pip install 'wikibio[dask]'") from None
    return dask.bag


def partition_bag(
    path: str | os.PathLike[str], *, index: str | os.PathLike[str] | None = None
) -> dask.bag.Bag:
    """A bag of the dump's ``Partition`` ranges, one per partition.

    Raises:
        DumpFormatError: The dump has no multistream index.
    """
    _bag_module()
    import dask.bag

    ranges = partitions(path, index)
    if not ranges:
        raise DumpFormatError(
            f"{path} has no multistream index: Dask needs a pages-articles-multistream "
            "dump with its -index.txt.bz2 (give it with index=... if it is elsewhere)"
        )
    return dask.bag.from_sequence(ranges, partition_size=1)


def _pages(partition: Partition) -> list[Page]:
    return list(iter_partition(partition))


def read_dump(
    path: str | os.PathLike[str], *, index: str | os.PathLike[str] | None = None
) -> dask.bag.Bag:
    """The pages of a multistream dump as a ``dask.bag``, one partition per range.

    Each element is a ``Page``.  Computing a partition of a
    truncated or corrupt range raises ``DumpError``.

    Args:
        path: A ``…-multistream.xml.bz2`` dump, at a path every worker can read.
        index: Its index, when it is not beside the dump.

    Raises:
        DumpFormatError: The dump has no multistream index.
    """
    return partition_bag(path, index=index).map(_pages).flatten()


def extract(
    path: str | os.PathLike[str],
    selection: Selection,
    client: distributed.Client | str,
    *,
    format: Format | Recipe = "json",
    index: str | os.PathLike[str] | None = None,
    parquet: str | os.PathLike[str] | None = None,
) -> Iterator[Batch]:
    """Like ``wikibio.parallel.extract``, with the work done by a Dask cluster.

    A multistream dump runs as ``partition_bag`` mapped to records, each range on
    a worker; any other dump is read here and its batches of pages are sent to the
    workers.  Batches come back in dump order, at most two per worker thread in flight.

    Args:
        path: The dump, at a path every worker can read.
        selection: Which pages become records.
        client: A ``distributed.Client``, or a scheduler's address to connect to (the
            connection is closed at the end).
        format: ``"json"``, ``"wikibio"``, or a ``Recipe`` choosing the fields.
        index: The multistream index, when it is not beside the dump.
        parquet: A directory every worker can write to: each unit of work is written
            there as ``part-00000.parquet``, ``part-00001.parquet`` … (a Parquet data set
            in dump order), and the batches yielded carry counts but no data.

    Raises:
        ImportError: ``parquet`` is given and pyarrow is missing
            (``pip install 'wikibio[parquet]'``).
    """
    if isinstance(client, str):
        import distributed

        with distributed.Client(client, timeout="30s") as connected:
            yield from extract(
                path, selection, connected, format=format, index=index, parquet=parquet
            )
        return
    if parquet is not None:
        from wikibio.records import import_pyarrow

        import_pyarrow()
        os.makedirs(parquet, exist_ok=True)
        format = evolve(as_recipe(format), encoding="arrow")
        directory: str | None = os.fspath(parquet)
    else:
        directory = None
    ranges = partitions(path, index)
    site = dump_site(path)  # the dump's <siteinfo> overrides the packaged site tables
    window = 2 * max(1, sum(client.nthreads().values()))
    if ranges:
        batches = partition_bag(path, index=index).map(
            _process_partition,
            selection=selection,
            format=format,
            directory=directory,
            site=site,
        )
        parts = iter(batches.to_delayed())

        def compute(part: object) -> _Watched:
            return _Watched(client, client.compute(part), head=True)

        yield from _guarded(run_ordered(parts, compute, window=window))
        return

    def submit(unit: Unit) -> _Watched:
        return _Watched(
            client,
            client.submit(_process_unit, unit, selection, format, directory, site, pure=False),
        )

    yield from _guarded(run_ordered(units(path, selection), submit, window=window))


#: Seconds between looks at the cluster while a result is awaited, and how long a
#: cluster may stay without any worker before the run gives up.
POLL: float = 2.0
NO_WORKERS_GRACE: float = 30.0


class _Watched:
    """A future whose wait gives up when the cluster has had no worker for a while.

    Dask keeps a task pending while no worker is there to run it (a new one may join):
    without this watch a run whose last worker died would wait forever.
    """

    def __init__(
        self, client: distributed.Client, future: distributed.Future[object], *, head: bool = False
    ) -> None:
        self._client = client
        self._future = future
        self._head = head

    def result(self) -> Batch:
        import distributed

        alone_since: float | None = None
        while True:
            try:
                value = self._future.result(timeout=POLL)
                break
            except distributed.TimeoutError:
                pass
            if self._client.scheduler_info().get("workers"):
                alone_since = None
                continue
            now = time.monotonic()
            alone_since = now if alone_since is None else alone_since
            if now - alone_since >= NO_WORKERS_GRACE:
                raise WorkerLostError(
                    f"the Dask cluster has had no worker for {NO_WORKERS_GRACE:.0f} s"
                )
        if self._head:
            batches: list[Batch] = value  # type: ignore[assignment]
            return batches[0]
        batch: Batch = value  # type: ignore[assignment]
        return batch


def _guarded(batches: Iterator[Batch]) -> Iterator[Batch]:
    """The batches up to the first error; a lost cluster ends the run with one."""
    position = 0
    try:
        for batch in _until_error(batches):
            position = batch.position
            yield batch
    except WorkerLostError as error:
        yield lost_worker(position, str(error))


def _process_partition(
    partition: Partition,
    *,
    selection: Selection,
    format: Format | Recipe,
    directory: str | None,
    site: Site | None = None,
) -> Batch:
    unit = Unit(number=partition.number, position=partition.start, partition=partition)
    return _process_unit(unit, selection, format, directory, site)


def _process_unit(
    unit: Unit,
    selection: Selection,
    format: Format | Recipe,
    directory: str | None,
    site: Site | None = None,
) -> Batch:
    """A unit's batch; with a ``directory``, written there as a Parquet part instead."""
    batch = process_pages(unit, selection, format, site)
    if directory is None:
        return batch
    write_parquet(batch.data, os.path.join(directory, f"part-{batch.number:05d}.parquet"),
                  as_recipe(format))  # fmt: skip
    return evolve(batch, data=b"")


def _until_error(batches: Iterator[Batch]) -> Iterator[Batch]:
    for batch in batches:
        yield batch
        if batch.error is not None:
            return

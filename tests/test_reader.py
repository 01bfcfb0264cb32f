"""The reader process of one job: the dump read beside the records, nothing lost or left.

``extract --jobs 1`` makes its records in the calling process while ``wikibio.reader``
reads the dump in another.  What the reader sends must be what reading in line gives
(``tests/test_dump_faults.py`` also checks damaged dumps); these tests hold its life:
started and stopped with the run, however the run ends.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import attrs
import pytest

import wikibio.reader
from tests.test_dumps import make_pages
from wikibio.dumps import DumpFormatError, Page, dump_site, write_dump
from wikibio.parallel import extract, process_pages
from wikibio.reader import read_ahead
from wikibio.records import Selection
from wikibio.units import WorkerLostError, loaded, units


@pytest.fixture(autouse=True)
def forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader is forked in these tests, as in the command.  Run after the Dask tests,
    this process has another thread (Dask's idle offload thread), and ``read_ahead`` would
    read in line; that thread waits on a queue and holds no lock the reader takes."""
    monkeypatch.setattr(wikibio.reader, "_fork_is_safe", lambda: True)


@pytest.fixture
def multistream(tmp_path: Path) -> Path:
    path = tmp_path / "x-multistream.xml.bz2"
    write_dump(make_pages(60), path, pages_per_stream=10)
    return path


@pytest.fixture
def large_pages(tmp_path: Path) -> Path:
    """Pages larger than a pipe's buffer (64 KiB on Linux): the reader waits on each send."""
    path = tmp_path / "large-multistream.xml.bz2"
    pages = [attrs.evolve(page, text=page.text * 2000) for page in make_pages(20)]
    write_dump(pages, path, pages_per_stream=5)
    return path


def _readers() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name == "wikibio-reader"]


def test_the_reader_ends_with_the_run_and_when_the_caller_stops(multistream: Path) -> None:
    threads = threading.active_count()

    batches = list(extract(multistream, Selection(), jobs=1))
    after_run = _readers()
    run = extract(multistream, Selection(), jobs=1)
    first = next(run)
    run.close()

    assert [10] * 6 == [batch.records for batch in batches]
    assert first.records == 10
    assert [] == after_run == _readers()
    assert threads == threading.active_count()


def test_units_read_by_the_reader_are_the_units_read_in_line(tmp_path: Path) -> None:
    """A dump without an index: the same pages, in the same order, with the same counts."""
    path = tmp_path / "x.xml.bz2"
    pages = make_pages(250)
    write_dump(pages, path)
    selection = Selection()

    by_reader = list(read_ahead(path, selection))
    in_line = list(units(path, selection))

    assert [p.title for u in by_reader for p in u.pages] == [p.title for p in pages]
    assert [p.title for u in in_line for p in u.pages] == [p.title for p in pages]
    assert sorted(u.number for u in by_reader) == list(range(len(by_reader)))


@pytest.mark.parametrize("start", ["forked", "in line"])
def test_the_records_are_those_of_the_dump_read_in_line(
    multistream: Path, start: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read by a forked reader (Linux, no other thread) or in line (elsewhere), the same
    bytes as the units of a pool's workers."""
    selection = Selection()
    site = dump_site(multistream)
    in_line = b"".join(
        process_pages(loaded(unit), selection, "json", site).data
        for unit in units(multistream, selection)
    )
    monkeypatch.setattr(wikibio.reader, "_fork_is_safe", lambda: start == "forked")

    by_reader = b"".join(batch.data for batch in extract(multistream, selection, jobs=1))

    assert by_reader == in_line


def test_a_killed_reader_ends_the_run_with_one_error(multistream: Path) -> None:
    """The units already sent are kept; then one empty unit carries a ``WorkerLostError``."""
    # One page per unit, one unit ahead: the reader is still reading when it is killed.
    read = read_ahead(multistream, Selection(), chars=1, ahead=1)
    first = next(read)
    (reader,) = _readers()
    assert reader.pid is not None
    os.kill(reader.pid, signal.SIGKILL)

    rest = list(read)

    assert 1 == len(first.pages) and 60 > len(rest)
    assert all(unit.error is None for unit in rest[:-1])
    assert isinstance(rest[-1].error, WorkerLostError)
    assert "reader process died" in str(rest[-1].error) and not rest[-1].pages
    assert [] == _readers()


def test_a_file_that_is_not_a_dump_fails_before_the_first_unit(tmp_path: Path) -> None:
    """The reader's error is raised in the caller, with its type and message."""
    path = tmp_path / "x.xml"
    path.write_bytes(b"<html><body>not a dump</body></html>")

    with pytest.raises(DumpFormatError) as by_reader:
        next(read_ahead(path, Selection()))
    with pytest.raises(DumpFormatError) as in_line:
        next(units(path, Selection()))

    assert str(by_reader.value) == str(in_line.value)
    assert [] == _readers()


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        next(read_ahead(tmp_path / "missing.xml.bz2", Selection()))


def test_a_reader_whose_caller_is_killed_ends(large_pages: Path) -> None:
    """The caller is killed (no ``finally`` runs): the reader's next send fails, it ends."""
    code = (
        "import os, signal, sys\n"
        "from wikibio.reader import read_ahead\n"
        "from wikibio.records import Selection\n"
        "import multiprocessing\n"
        "read = read_ahead(sys.argv[1], Selection(), chars=1, ahead=1)\n"
        "next(read)\n"
        "(reader,) = multiprocessing.active_children()\n"
        "print(reader.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    caller = subprocess.Popen(
        [sys.executable, "-c", code, str(large_pages)], stdout=subprocess.PIPE, text=True
    )
    assert caller.stdout is not None
    with caller.stdout:
        pid = int(caller.stdout.readline())
        status = caller.wait(timeout=60)
        ended = _ends(pid, within=10.0)
        if not ended:
            os.kill(pid, signal.SIGKILL)

    assert status == -signal.SIGKILL
    assert ended


def test_an_iterator_dropped_unread_stops_the_reader(large_pages: Path) -> None:
    """The reader starts with the call; dropped before its first unit, it ends too."""
    read = read_ahead(large_pages, Selection(), chars=1, ahead=1)
    (reader,) = _readers()

    del read
    gc.collect()
    reader.join(timeout=10.0)

    assert reader.exitcode is not None


def _ends(pid: int, *, within: float) -> bool:
    """Whether process ``pid`` (not our child: reaped by init) is gone within the time."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


class _Unpicklable(Exception):
    """An error that cannot cross to the caller: it holds a lock."""

    def __init__(self) -> None:
        super().__init__("held")
        self.lock = threading.Lock()


class _FailingSelection(Selection):
    """A selection whose test fails in the reader, with an error that does not pickle."""

    def wants(self, page: Page) -> bool:
        raise _Unpicklable()


def test_an_error_that_does_not_pickle_is_raised_as_a_runtime_error(multistream: Path) -> None:
    """The reader's error cannot be sent as it is: its type and message come as text."""
    with pytest.raises(RuntimeError, match=r"could not send _Unpicklable\('held'\)"):
        next(read_ahead(multistream, _FailingSelection()))
    assert [] == _readers()

"""The reader process of one job: the dump read and parsed beside the records.

``wikibio extract --jobs 1`` makes its records in one process; a second one decompresses
the dump, parses its XML and sends the pages through a pipe, a few units ahead, as
WikiExtractor's reader process does.  The records then wait only for the first pages,
and the reading's CPU time is spent on the other core (``benchmarks/README.md``,
session 29).  Where the reader cannot be forked safely, the same units are read in the
calling process, in turn.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sys
import threading
from collections.abc import Generator
from typing import TYPE_CHECKING, Final

from attrs import frozen

from wikibio.records import Selection
from wikibio.units import Unit, lost_unit, read_units

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

__all__ = ["READER_AHEAD", "READER_CHARS", "read_ahead"]

#: The characters of text per unit the reader sends ...
READER_CHARS: Final = 1 << 20
#: ... and how many units it reads ahead of the records.
READER_AHEAD: Final = 8


def read_ahead(
    path: str | os.PathLike[str],
    selection: Selection,
    *,
    index: str | os.PathLike[str] | None = None,
    chars: int = READER_CHARS,
    ahead: int = READER_AHEAD,
) -> Generator[Unit, None, None]:
    """The dump's selected pages in units (``chars`` characters of text at most, or
    ``BATCH_PAGES`` pages), read by a second process, which starts at once.

    The reader decompresses and parses up to ``ahead`` units ahead of the caller and
    sends them through a pipe, so about ``ahead + 2`` units are in memory at most.  A fault
    of the dump ends the units with one that carries it, as ``units`` do.  Closing the
    iterator stops the reader (so does dropping it: the reader's next send fails); a reader
    that dies (killed, out of memory) ends the units with one that carries a
    ``WorkerLostError``.

    Where the reader cannot be forked safely (``_fork_is_safe``) the units are read here,
    in turn, the same units: spawning it instead would start an interpreter that imports
    the caller's ``__main__`` again (a script without a ``__main__`` guard runs twice).

    Raises:
        OSError, DumpFormatError: Before any unit, when the file is not a readable dump.
    """
    reading = _Reading(
        os.fspath(path), None if index is None else os.fspath(index), selection, chars, ahead
    )
    if not _fork_is_safe():
        return _read(reading)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    reader = context.Process(
        target=_send_units,
        args=(reading, sender, receiver),
        name="wikibio-reader",
        daemon=True,
    )
    reader.start()
    sender.close()
    return _received(reader, receiver)


def _received(reader: BaseProcess, receiver: Connection) -> Generator[Unit, None, None]:
    """The units ``reader`` sends, until its last; it is stopped if the caller stops."""
    position = 0
    number = 0
    ended = False  # the reader has sent its last message and is exiting by itself
    try:
        while True:
            try:
                kind, payload = receiver.recv()
            except EOFError:
                ended = True
                reader.join()
                what = f"the dump's reader process died (exit status {reader.exitcode})"
                yield lost_unit(number, position, what)
                return
            if kind != "unit":
                ended = True
                if kind == "raise":
                    raise payload
                return
            position, number = payload.position, payload.number + 1
            yield payload
    finally:
        receiver.close()
        if not ended:
            reader.terminate()  # the caller stopped early: the rest is not wanted
        reader.join()


def _fork_is_safe() -> bool:
    """Whether the reader may be forked: on Linux, with no other thread in this process
    (a lock another thread holds would stay held in the child).  Python's default on
    macOS is not to fork at all."""
    return sys.platform == "linux" and threading.active_count() == 1


@frozen
class _Reading:
    """What the reader process reads, and at what pace."""

    path: str
    index: str | None
    selection: Selection
    chars: int
    ahead: int


def _send_units(reading: _Reading, sender: Connection, receiver: Connection) -> None:
    """The reader process: send the units of ``_read``, then ``("end", None)``; or
    what stopped the reading, ``("raise", error)``.

    A thread reads up to ``reading.ahead`` units ahead of the sending, which waits for the
    caller: the reading never waits for the caller, so the caller never waits for the
    reading once it has begun (one bz2 block of 1 MB compressed took longer to decode than
    the records of one unit, and the caller waited ~13% of the run).
    """
    # A forked reader holds the pipe's reading end too: closed, so that a send fails (and
    # the reader ends) once the caller has gone, killed or not.
    receiver.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the caller stops us on Ctrl-C
    ahead: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=reading.ahead)
    threading.Thread(
        target=_read_into,
        args=(reading, ahead),
        name="wikibio-reading",
        daemon=True,
    ).start()
    try:
        while True:
            message = ahead.get()
            try:
                sender.send(message)
            except (BrokenPipeError, ConnectionResetError):
                return  # the caller stopped reading
            except Exception as error:  # what it sends does not pickle (an odd error)
                payload = message[1]
                what = repr(payload) if isinstance(payload, BaseException) else "a unit"
                described = RuntimeError(f"the dump's reader could not send {what}: {error}")
                with contextlib.suppress(OSError):
                    sender.send(("raise", described))
                return
            if message[0] != "unit":
                return
    finally:
        sender.close()


def _read_into(reading: _Reading, ahead: queue.Queue[tuple[str, object]]) -> None:
    """Put the units of ``_read`` in ``ahead``, then the end or the error."""
    try:
        for unit in _read(reading):
            ahead.put(("unit", unit))
        ahead.put(("end", None))
    except BaseException as error:
        ahead.put(("raise", error))


def _read(reading: _Reading) -> Generator[Unit, None, None]:
    """``read_units`` of what ``reading`` says: small units, so that the records begin as
    soon as the first pages are parsed."""
    return read_units(reading.path, reading.selection, index=reading.index, chars=reading.chars)

"""CPython's cyclic garbage collector, paused while a read builds a page's objects.

A read of a page (the walk, the reading view, a record) allocates tens of thousands of small
container objects and frees nearly all of them by reference counting. The cyclic collector
runs after every 700 net allocations of containers and traverses the young ones each time;
over the corpus that was about 15% of ``to_text()``'s time, collecting next to nothing.
Pausing it for the read only defers that work: a cycle made meanwhile is collected by the next
collection after the read, as it would have been by a later one. Mercurial pauses it the same
way around its manifest parsing (``util.nogc``).

A collector already disabled (by the caller, or by a read that encloses this one, possibly in
another thread) is left as it is.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

__all__ = ["paused", "pausing"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector for the ``with`` block, if it was enabled."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def pausing(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function``, run with the collector paused (see :func:`paused`).

    Not written with ``paused()``: making its context manager allocates a container before
    the pause, and after an earlier read that allocation would start the deferred collection
    inside this one (``tests/test_gc.py`` sees it).
    """

    @wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return run

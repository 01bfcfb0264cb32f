"""Reads pause CPython's cyclic garbage collector and give it back as they found it."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest

import wikibio
from wikibio._gc import paused, pausing
from wikibio.dumps import Page
from wikibio.records import page_record

TEXT = "{{Infobox person|name=A}}\n'''A''' wrote.<ref>{{cite web|title=T|url=http://x.org}}</ref>\n"


def _record(text: str) -> object:
    return page_record(
        Page(
            title="A", ns=0, page_id=1, revision_id=1, timestamp="2024-01-01T00:00:00Z",
            redirect=None, text=text,
        )
    )  # fmt: skip


@pytest.fixture
def collector() -> Iterator[None]:
    """Each test starts with the collector enabled and leaves it so."""
    gc.enable()
    yield
    gc.enable()


#: Reads of a page's text, each from the text.
READS: list[tuple[str, Callable[[str], object]]] = [
    ("parse", wikibio.parse),
    ("to_text", lambda text: wikibio.parse(text).to_text()),
    ("to_markdown", lambda text: wikibio.parse(text).to_markdown()),
    ("reading_view", lambda text: wikibio.parse(text).reading_view()),
    ("references", lambda text: wikibio.parse(text).references),
    ("page_record", _record),
]


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize(("name", "read"), READS, ids=[name for name, _ in READS])
def test_a_read_leaves_the_collector_enabled(name: str, read: Callable[[str], object]) -> None:
    """After a read the collector runs again."""
    read(TEXT)
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize(("name", "read"), READS, ids=[name for name, _ in READS])
def test_a_read_leaves_a_disabled_collector_disabled(
    name: str, read: Callable[[str], object]
) -> None:
    """A caller that disabled the collector keeps it disabled."""
    gc.disable()
    read(TEXT)
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_paused_within_and_restored_after_an_error() -> None:
    """The collector is off inside, and back on after the block, even when it raises."""
    seen: list[bool] = []

    @pausing
    def fail() -> None:
        seen.append(gc.isenabled())
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        fail()
    with pytest.raises(KeyError), paused():
        seen.append(gc.isenabled())
        raise KeyError("x")
    assert [False, False] == seen
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_nested_pauses_resume_once_at_the_outermost() -> None:
    """An inner pause does not turn the collector back on for the outer one."""
    with paused():
        with paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize(("name", "read"), READS, ids=[name for name, _ in READS])
def test_a_read_runs_without_collections(name: str, read: Callable[[str], object]) -> None:
    """No collection starts while a read builds its objects.

    Without the pause, 5 (parse) to 32 (a record) start on this 500-fold page; the first
    allocation after the read may start one, over what the read kept.
    """
    starts: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            starts.append(info["generation"])

    gc.callbacks.append(count)
    try:
        read(TEXT * 500)
    finally:
        gc.callbacks.remove(count)
    assert [] == starts


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize(("name", "read"), READS, ids=[name for name, _ in READS])
def test_reads_leave_nothing_behind(name: str, read: Callable[[str], object]) -> None:
    """Fifty more reads of a page leave memory where ten left it, give or take caches.

    The compiled scanner's nodes are invisible to the collector (``acyclic``, see
    ``wikibio.syntax.scan``): a cycle through them would never be freed. The scan of this
    page alone takes 33 KB, so a read that leaked it would grow memory by 1.6 MB here; what
    does grow (by 0 to 26 KB, measured) is the ``re`` module's and wikibio's bounded caches.
    """
    import tracemalloc

    text = TEXT * 20 + "== B ==\n{{cite book|title=B|last=C|first=D}} [[E|e]]\n" * 10
    tracemalloc.start()
    try:
        for _ in range(10):
            read(text)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(50):
            read(text)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert after - before < 100_000, (before, after)

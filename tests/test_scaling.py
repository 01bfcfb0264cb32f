"""No input costs more than linear: every view of every adversarial shape, doubled.

The shapes and views are ``benchmarks/scaling.py``'s table (the benchmark prints it with
its exponents).  Each cell is measured at a size where it takes a few hundredths of a
second and at twice that size: time and peak memory may grow at most 2.2 times
(exponent 1.14), and parse and ``to_text`` must keep their throughput floors.  Timing on a
shared machine is noisy, and cells of a few milliseconds (the compiled build's) more so, so a
cell over budget is measured up to three times more, at two and four times the size, before
it fails; a view that is not linear stays over budget at every size.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _scaling() -> ModuleType:
    spec = importlib.util.spec_from_file_location("wikibio_scaling", ROOT / "benchmarks/scaling.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


scaling = _scaling()

#: At most 2.2 times the cost per doubling of the input.
MAX_EXPONENT = math.log2(2.2)
#: MB/s of input, parse and view together, that a view keeps on every shape.
FLOORS = {"parse": 0.2, "to_text": 0.05}
#: Cells known to miss their throughput floor, with the reason (strict: fixing one fails it).
#: (Nested notes were here until each note's text showed the notes nested in it as their
#: markers instead of reading them again: 0.01 -> 0.16-0.55 MB/s.)
SLOW: dict[tuple[str, str], str] = {}

# (``ubl`` by ``fields`` was a non-strict xfail at 1.1-1.28 per doubling: the larger size
# was timed on its first, cold run alone once that passed 0.3 s; see ``scaling._best``.
# Its items are now read without a scan each as well, 4 times faster.)

#: Cells whose cost per item grows with the input because their data outgrows the CPU's
#: caches, not because of the algorithm, with the evidence: allowed 2.5 times per doubling.
CACHE_BOUND: dict[tuple[str, str], str] = {
    ("ubl", "to_text"): "one {{ubl}} of 51,200 items is one dict of 51,200 parameters: from "
    "12,800 items to 51,200, dict.get costs 7.7 times and every other function 4.0-4.7 times "
    "(cProfile); 1.15-1.26 per doubling at bdb1c52 as now, pure and compiled",
}
CACHE_BOUND_EXPONENT = math.log2(2.5)

CELLS = [
    pytest.param(
        shape,
        view,
        id=f"{shape.name}-{view}",
        marks=[pytest.mark.slow],
    )
    for shape in scaling.SHAPES
    for view in scaling.VIEW_NAMES
    # A SLOW cell is left to the benchmark: its runs take seconds, and its exponent swings
    # with the machine's load more than the budget allows.
    if scaling.applies(shape, view) and (shape.name, view) not in SLOW
]


@pytest.mark.parametrize(("shape", "view"), CELLS)
def test_every_view_is_linear_on_every_shape(shape: object, view: str) -> None:
    """Doubling the input at most 2.2-folds the time and the peak memory."""
    cell = scaling.measure(shape, view, repeat=3)
    for factor in (2, 2, 4):
        if max(cell.time_exponent, cell.memory_exponent) <= MAX_EXPONENT:
            break
        again = scaling.measure(shape, view, factor=factor, repeat=5)
        cell = min(cell, again, key=lambda c: max(c.time_exponent, c.memory_exponent))

    limit = CACHE_BOUND_EXPONENT if (cell.shape, view) in CACHE_BOUND else MAX_EXPONENT
    assert cell.time_exponent <= limit, cell
    assert cell.memory_exponent <= MAX_EXPONENT, cell


FLOOR_CELLS = [
    pytest.param(
        shape,
        view,
        id=f"{shape.name}-{view}",
        marks=[pytest.mark.slow]
        + (
            [pytest.mark.xfail(reason=SLOW[(shape.name, view)], strict=True)]
            if (shape.name, view) in SLOW
            else []
        ),
    )
    for shape in scaling.SHAPES
    for view in ("parse", "to_text", "references")
    if scaling.applies(shape, view)
]


@pytest.mark.parametrize(("shape", "view"), FLOOR_CELLS)
def test_throughput_floor(shape: scaling.Shape, view: str) -> None:  # type: ignore[name-defined]
    """Parse reads at least 0.2 MB/s and ``to_text`` (and note texts) 0.05 MB/s of any shape.

    Measured at eight times the shape's base size (the slow cells at their base size),
    CPU time.
    """
    n = shape.n * (1 if (shape.name, view) in SLOW else 8)
    size = len(shape.build(n).encode())
    throughput = size / scaling.seconds(shape, view, n, repeat=1) / 1e6

    assert throughput >= FLOORS.get(view, 0.05), (shape.name, view, size, throughput)

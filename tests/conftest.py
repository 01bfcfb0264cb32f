"""Shared test setup: where the shared material is, Hypothesis profiles, pass-rate report."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CONFORMANCE = SHARED / "conformance"
EXAMPLES = ROOT / "examples"

settings.register_profile(
    "default", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip when the team's shared material (beside the project) is not there."""
    return pytest.mark.skipif(
        not path.exists(),
        reason=f"{path} is absent: the shared corpus and conformance suites sit beside the "
        "project root in the team's checkouts and CI, not in a user's clone",
    )


_conformance: dict[str, Counter[str]] = {}
#: Figures tests measure (end-to-end results), printed after the pass rates.
FIGURES: dict[str, str] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count conformance outcomes per suite (tests marked ``conformance``)."""
    suite = next((k for k in report.keywords if k.startswith("conformance_")), None)
    if suite is None:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome == "skipped"):
        outcome = "xfailed" if hasattr(report, "wasxfail") else report.outcome
        _conformance.setdefault(suite.removeprefix("conformance_"), Counter())[outcome] += 1


#: The ground-truth suite's measures: name -> page -> (items, right, causes of the misses).
_groundtruth: dict[str, dict[str, tuple[int, int, Counter[str]]]] = {}


def groundtruth_report(name: str, page: str, total: int, right: int, causes: Counter[str]) -> None:
    """Record one measure of one ground-truth page for the summary."""
    _groundtruth.setdefault(name, {})[page] = (total, right, causes)


#: Reading-view holes: page -> (list items, items that show nothing).
_holes: dict[str, tuple[int, int]] = {}


def holes_report(page: str, items: int, empty: int) -> None:
    """Record the list items of a page's reading view and how many show nothing."""
    _holes[page] = (items, empty)


def _groundtruth_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.section("groundtruth rates")
    if _holes:
        items = sum(i for i, _ in _holes.values())
        empty = sum(e for _, e in _holes.values())
        pages = sum(1 for _, e in _holes.values() if e)
        terminalreporter.write_line(
            f"reading-view holes: {empty} of {items} list items show nothing (empty bullets), "
            f"on {pages} of {len(_holes)} pages"
        )
    for name, pages in _groundtruth.items():
        total = sum(t for t, _, _ in pages.values())
        right = sum(r for _, r, _ in pages.values())
        causes: Counter[str] = Counter()
        for _, _, page_causes in pages.values():
            causes.update(page_causes)
        rate = 100 * right / total if total else 100.0
        top = "; ".join(f"{cause} ({n})" for cause, n in causes.most_common(4))
        terminalreporter.write_line(
            f"{name}: {right}/{total} ({rate:.1f}%)" + (f"; top causes: {top}" if top else "")
        )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the measured figures, the ground truth's rates and each suite's pass rate."""
    if FIGURES:
        terminalreporter.section("measured figures")
        for name, value in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {value}")
    if _groundtruth or _holes:
        _groundtruth_summary(terminalreporter)
    if not _conformance:
        return
    terminalreporter.section("conformance pass rates")
    for suite, counts in sorted(_conformance.items()):
        total = sum(counts.values())
        passed = counts["passed"]
        detail = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()) if k != "passed")
        rate = 100 * passed / total if total else 0.0
        terminalreporter.write_line(
            f"{suite}: {passed}/{total} passed ({rate:.1f}%)" + (f"; {detail}" if detail else "")
        )

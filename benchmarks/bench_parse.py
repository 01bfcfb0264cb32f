"""Parse-speed benchmark: wikibio against mwparserfromhell, wikitextparser and WikiExtractor.

Run from the project root::

    .venv/bin/python benchmarks/bench_parse.py [--corpus DIR] [--repeat N] [--quick]
        [--reads-only] [--before REF] [--adversarial] [--mwpfh-adversarial]
        [--only-baselines]

Part 1 (unless ``--reads-only``): throughput over every ``*.wikitext`` file under the
corpus folder (default ``../shared/corpus`` next to the project root, searched
recursively). Each contender processes all files once per run; the best of ``--repeat``
wall-clock runs (``time.perf_counter``, gc left on, files read into memory beforehand) is
reported as seconds, MB/s (1 MB = 1e6 bytes of UTF-8 input) and throughput relative to
bare ``mwparserfromhell.parse``. A second table counts what each extraction found, as a
check that the contenders do comparable work.

Part 2 (always): the reads table, timed the same way but with the runs interleaved
(round 1 runs every row once, then round 2...). Each wikibio row parses every page
and reads more of it (section titles, infobox values, references, citations, note texts,
``to_text()``, a dump record); plain-text baselines (``strip_code``, ``plain_text``,
WikiExtractor's ``clean_text``) sit beside them. Then a memory line: tracemalloc peaks on
the corpus's largest page. ``--before REF`` times the wikibio rows again in a subprocess
against a temporary ``git worktree`` of REF and prints a before/after table of ratios;
with ``--before-python PY`` the subprocess is ``PY``, an interpreter where REF is installed
(its compiled wheel, say), instead of the worktree's pure source.

Part 3 (``--adversarial``): pathological inputs, each timed once for ``wikibio.parse``
and ``wikitextparser.parse(...).templates``; ``mwparserfromhell.parse`` is only timed
with ``--mwpfh-adversarial`` because it takes tens of seconds on some of them.

``--only-baselines`` skips the wikibio rows, so the script is useful while wikibio
cannot be imported. The standard library, wikibio, mwparserfromhell and wikitextparser
are needed; ``wikiextractor`` is optional (its rows say why they were skipped). See
benchmarks/README.md for how to read the output.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import mwparserfromhell
import wikitextparser

import wikiextractor_baseline

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
SLOW_SECONDS = 0.5
BIG_PAGE_BYTES = 5_000_000
BASELINE = "mwparserfromhell.parse"


class Counts(NamedTuple):
    """What one extraction found: a sanity check that contenders do comparable work."""

    sections: int = 0
    infobox_fields: int = 0
    refs: int = 0
    categories: int = 0


def add_counts(left: Counts | None, right: Counts | None) -> Counts | None:
    """Field-wise sum; ``None`` (a bare-parse contender) counts as nothing."""
    if left is None or right is None:
        return right if left is None else left
    return Counts(*(a + b for a, b in zip(left, right, strict=True)))


@dataclass(frozen=True)
class Contender:
    """One row of the throughput table: a name and a function run on each page."""

    name: str
    run: Callable[[str], Counts | None]


@dataclass(frozen=True)
class Result:
    """Best-of-N timing of one contender over the whole corpus."""

    name: str
    seconds: float
    counts: Counts | None


# --------------------------------------------------------------------------- wikibio


def load_wikibio() -> tuple[ModuleType | None, str]:
    """Import wikibio (falling back to ``src/``); return the module or ``None`` and a reason."""
    try:
        module = importlib.import_module("wikibio")
    except ImportError:
        sys.path.insert(0, str(PROJECT_ROOT / "src"))
        try:
            module = importlib.import_module("wikibio")
        except ImportError as exc:
            return None, f"import wikibio failed: {exc}"
    if not callable(getattr(module, "parse", None)):
        return None, "wikibio has no parse() yet"
    return module, ""


def walk_wikibio_sections(sections: Iterable[Any]) -> int:
    """Visit a wikibio section tree, reading title and level; return the section count."""
    count = 0
    stack = list(sections)
    while stack:
        section = stack.pop()
        _title: str | None = section.title
        _level: int = section.level
        count += 1
        stack.extend(section.subsections)
    return count


def extract_wikibio(wikibio: ModuleType, text: str) -> Counts:
    """Full wikibio extraction: sections, lead, infobox fields, references, categories."""
    article = wikibio.parse(text)
    sections = walk_wikibio_sections(article.sections)
    _lead = article.lead
    fields = 0
    for infobox in article.infoboxes:
        for field in infobox.values():
            _value: str = field.value
            fields += 1
    refs = 0
    for ref in article.references:
        _ref = (ref.name, ref.group, ref.wikitext, ref.number)
        refs += 1
    categories = len(list(article.categories))
    return Counts(sections, fields, refs, categories)


def wikibio_contenders(wikibio: ModuleType) -> list[Contender]:
    """The two wikibio rows: full extraction and bare parse."""

    def extract(text: str) -> Counts:
        return extract_wikibio(wikibio, text)

    def parse_only(text: str) -> None:
        wikibio.parse(text)

    return [
        Contender("wikibio extraction", extract),
        Contender("wikibio.parse", parse_only),
    ]


# --------------------------------------------------------------------------- baselines


def is_infobox(name: str) -> bool:
    """True for template names like ``Infobox person`` (case-insensitive, stripped)."""
    return name.strip().lower().startswith("infobox")


def is_category(target: str) -> bool:
    """True for link targets like ``Category:Foo`` (English prefix only)."""
    return target.strip().lower().startswith("category:")


def parse_mwpfh(text: str) -> None:
    """Bare ``mwparserfromhell.parse``: the reference row of the table."""
    mwparserfromhell.parse(text)


def extract_mwpfh(text: str) -> Counts:
    """The same extraction done with mwparserfromhell."""
    code = mwparserfromhell.parse(text)
    sections = 0
    for section in code.get_sections(include_lead=True):
        nodes = section.nodes
        if nodes and isinstance(nodes[0], mwparserfromhell.nodes.Heading):
            _title, _level = str(nodes[0].title).strip(), nodes[0].level
        sections += 1
    fields = 0
    for template in code.filter_templates():
        if is_infobox(str(template.name)):
            for param in template.params:
                _field = (str(param.name).strip(), str(param.value).strip())
                fields += 1
    refs = 0
    for tag in code.filter_tags(matches=lambda node: str(node.tag).strip().lower() == "ref"):
        _name = str(tag.get("name").value) if tag.has("name") else None
        _contents = str(tag.contents) if tag.contents is not None else ""
        refs += 1
    categories = sum(1 for link in code.filter_wikilinks() if is_category(str(link.title)))
    return Counts(sections, fields, refs, categories)


def extract_wtp(text: str) -> Counts:
    """The same extraction done with wikitextparser."""
    parsed = wikitextparser.parse(text)
    sections = 0
    for section in parsed.sections:
        _title, _level = section.title, section.level
        sections += 1
    fields = 0
    for template in parsed.templates:
        if is_infobox(template.normal_name()):
            for argument in template.arguments:
                _field = (argument.name.strip(), argument.value.strip())
                fields += 1
    refs = 0
    for tag in parsed.get_tags("ref"):
        _ref = (tag.get_attr("name"), tag.contents)
        refs += 1
    categories = sum(1 for link in parsed.wikilinks if is_category(link.target))
    return Counts(sections, fields, refs, categories)


def baseline_contenders() -> list[Contender]:
    """The rows that need only mwparserfromhell and wikitextparser."""
    return [
        Contender(BASELINE, parse_mwpfh),
        Contender("mwparserfromhell extraction", extract_mwpfh),
        Contender("wikitextparser extraction", extract_wtp),
    ]


# --------------------------------------------------------------------------- corpus


def find_corpus(corpus: Path) -> list[Path]:
    """Every ``*.wikitext`` under ``corpus``, sorted; exit 1 if the folder is missing."""
    if not corpus.is_dir():
        sys.exit(f"error: corpus folder not found: {corpus} (pass --corpus DIR)")
    paths = sorted(corpus.rglob("*.wikitext"))
    if not paths:
        sys.exit(f"error: no *.wikitext files under {corpus}")
    return paths


def read_texts(paths: Sequence[Path]) -> list[str]:
    """Read each file exactly as the parsers will see it (no newline translation)."""
    texts = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            texts.append(handle.read())
    return texts


def utf8_bytes(texts: Iterable[str]) -> int:
    """Total size of ``texts`` in UTF-8 bytes."""
    return sum(len(text.encode("utf-8")) for text in texts)


def run_once(contender: Contender, texts: Sequence[str], paths: Sequence[Path]) -> Counts | None:
    """Run ``contender`` over every text once; name the file if it raises."""
    total: Counts | None = None
    for index, text in enumerate(texts):
        try:
            counts = contender.run(text)
        except Exception as exc:
            raise RuntimeError(f"{contender.name} failed on {paths[index]}") from exc
        total = add_counts(total, counts)
    return total


def time_contender(
    contender: Contender, texts: Sequence[str], paths: Sequence[Path], repeat: int
) -> Result:
    """Best of ``repeat`` wall-clock runs over the whole corpus."""
    best = float("inf")
    counts: Counts | None = None
    for _ in range(repeat):
        start = time.perf_counter()
        counts = run_once(contender, texts, paths)
        best = min(best, time.perf_counter() - start)
    return Result(contender.name, best, counts)


# --------------------------------------------------------------------------- output


def format_row(cells: Sequence[str], widths: Sequence[int]) -> str:
    """First cell left-aligned, the rest right-aligned, two spaces apart."""
    first = cells[0].ljust(widths[0])
    rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
    return "  ".join([first, *rest]).rstrip()


def print_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    notes: Mapping[str, str] | None = None,
) -> None:
    """Print a plain-text table with a header and a rule; ``notes`` follow rows by name."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    print(format_row(headers, widths))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        note = (notes or {}).get(row[0])
        print(format_row(row, widths) + (f"  {note}" if note else ""))


def package_version(name: str) -> str:
    """Installed version of a distribution, or ``?``."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def print_header(wikibio: ModuleType | None, reason: str) -> None:
    """Python, platform and package versions."""
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}) "
        f"on {platform.platform()}"
    )
    tokenizer = "C" if mwparserfromhell.parser.use_c else "pure-Python"
    print(
        f"mwparserfromhell {mwparserfromhell.__version__} ({tokenizer} tokenizer), "
        f"wikitextparser {wikitextparser.__version__}"
    )
    extract, missing = wikiextractor_baseline.load()
    print(
        f"wikiextractor {wikiextractor_baseline.version()}"
        if extract is not None
        else f"WikiExtractor rows skipped: {missing}"
    )
    if wikibio is None:
        print(f"wikibio: not benchmarked ({reason})")
    else:
        version = getattr(wikibio, "__version__", None) or package_version("wikibio")
        where = Path(wikibio.__file__ or "?").parent
        print(f"wikibio {version} from {where} ({build_of(wikibio)})")


def build_of(wikibio: ModuleType) -> str:
    """``"compiled"`` when the reading core loads as extension modules (mypyc, ``setup.py``),
    else ``"pure Python"``: ``make bench`` measures the compiled wheel users install.

    A revision from before the layered packages (``--before c4d8493``) has no
    ``wikibio.syntax`` and never compiled: pure Python.
    """
    try:
        scan = importlib.import_module(f"{wikibio.__name__}.syntax.scan")
    except ModuleNotFoundError:
        return "pure Python"
    return "compiled" if Path(scan.__file__ or "").suffix in (".so", ".pyd") else "pure Python"


def print_throughput(results: Sequence[Result], size: int, repeat: int) -> None:
    """Seconds, MB/s and throughput relative to bare mwparserfromhell.parse."""
    baseline = next((r.seconds for r in results if r.name == BASELINE), None)
    rows = []
    for result in results:
        ratio = f"{baseline / result.seconds:.2f}x" if baseline else "-"
        mbps = size / 1e6 / result.seconds
        rows.append([result.name, f"{result.seconds:.3f}", f"{mbps:.2f}", ratio])
    print(f"\nThroughput (best of {repeat}; ratio = throughput / {BASELINE})")
    print_table(["contender", "seconds", "MB/s", "vs mwpfh.parse"], rows)


def print_counts(results: Sequence[Result]) -> None:
    """Items each extraction found over the corpus (totals over all files)."""
    rows = [[r.name, *(str(n) for n in r.counts)] for r in results if r.counts is not None]
    print("\nExtracted items over the corpus (sanity check, definitions differ slightly)")
    print_table(["contender", "sections", "infobox fields", "refs", "categories"], rows)


# --------------------------------------------------------------------------- reads table


@dataclass(frozen=True)
class ReadRow:
    """One row of the reads table: a name and a function run on each article's input."""

    name: str
    run: Callable[[Any], object]
    #: Builds every article's input before the timing; ``None``: the wikitext itself.
    prepare: Callable[[Sequence[str], Sequence[Path]], Sequence[Any]] | None = None
    #: Why the row is not timed (printed instead of its figures); empty when it is timed.
    missing: str = ""


@dataclass(frozen=True)
class Timing:
    """Best-of-N seconds of one reads row, or ``None`` and why (``note``)."""

    name: str
    seconds: float | None
    note: str = ""


@dataclass(frozen=True)
class Memory:
    """tracemalloc peaks on the corpus's largest page (``error`` set if they failed)."""

    page: str
    size: int
    parse_mb: float = 0.0
    all_mb: float = 0.0
    error: str = ""


def describe(exc: BaseException, limit: int = 100) -> str:
    """``Type: message`` on one line, cut to ``limit`` characters."""
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_sections(article: Any) -> None:
    """Row 1: the section tree's titles, levels and subsections."""
    walk_wikibio_sections(article.sections)


def read_infobox_values(article: Any) -> None:
    """Row 2: every field value of every infobox, by name."""
    for box in article.infoboxes:
        for name in box:
            _value: str = box[name].value


def read_reference_numbers(article: Any) -> None:
    """Row 3: every reference's number and backlinks."""
    for reference in article.references:
        _number: int = reference.number
        _backlinks = list(reference.backlinks)


def read_citations(article: Any) -> None:
    """Row 4: every reference's citation, and its title when there is one."""
    for reference in article.references:
        citation = reference.citation
        if citation is not None:
            _title = citation.title


def read_reference_texts(article: Any) -> None:
    """Row 5: every reference's plain text."""
    for reference in article.references:
        _text: str = reference.text


#: The cumulative reads of rows 1 to 5: row N parses, then does the first N steps.
READ_STEPS: tuple[tuple[str, Callable[[Any], None]], ...] = (
    ("parse + section titles", read_sections),
    ("+ infobox field values", read_infobox_values),
    ("+ references (number, backlinks)", read_reference_numbers),
    ("+ r.citation for every reference", read_citations),
    ("+ r.text for every reference", read_reference_texts),
)
NOT_IMPLEMENTED = "n/a (not implemented)"


def parse_and_read(wikibio: ModuleType, steps: int) -> Callable[[str], None]:
    """``wikibio.parse`` followed by the first ``steps`` of :data:`READ_STEPS`."""
    readers = [reader for _, reader in READ_STEPS[:steps]]

    def run(text: str) -> None:
        article = wikibio.parse(text)
        for reader in readers:
            reader(article)

    return run


def title_of(path: Path) -> str:
    """A page title from a corpus file name (``Albert_Einstein`` -> ``Albert Einstein``)."""
    return path.stem.replace("_", " ")


#: The record of the one-walk issue: no reading-view text (``lead``, ``text``, section
#: texts came later, with the dataset records).
RECORD_WITHOUT_TEXT = ("is_biography", "infobox", "references", "categories", "diagnostics")
#: The extraction with text the datasets issue sets its target on
#: (``wikibio extract --fields lead,text,infobox,references``).
RECORD_WITH_TEXT = ("lead", "text", "infobox", "references")
#: A record's fields: ``None`` for the default fields.
RecordFields = tuple[str, ...] | None


def dump_record_row(wikibio: ModuleType, fields: RecordFields = RECORD_WITHOUT_TEXT) -> ReadRow:
    """Row 9: ``page_record(page)`` written as a JSON line (``records.json_line``, what
    ``wikibio extract`` writes; ``json.dumps`` before it) on pages built before the timing.

    ``RECORD_WITHOUT_TEXT`` is what a wikibio from before ``records.Recipe`` writes by
    default; ``None`` the default fields, which add the lead, the whole reading view and
    each section's text; ``RECORD_WITH_TEXT`` the datasets issue's selection.
    """
    if fields is None:
        name = "dump record, default fields (with text)"
    elif fields == RECORD_WITHOUT_TEXT:
        name = "dump record (page_record + JSON), no text"
    else:
        name = f"dump record, --fields {','.join(fields)}"
    try:
        dumps = importlib.import_module("wikibio.dumps")
        records = importlib.import_module("wikibio.records")
        page_class, page_record = dumps.Page, records.page_record
    except (ImportError, AttributeError) as exc:
        return ReadRow(name, str, missing=f"error: {describe(exc)}")
    recipe_class = getattr(records, "Recipe", None)
    if fields != RECORD_WITHOUT_TEXT and recipe_class is None:
        return ReadRow(name, str, missing="n/a (records carry no text at this revision)")
    form: Any = "json"
    if recipe_class is not None and fields is not None:
        form = recipe_class(fields=fields)

    def pages(texts: Sequence[str], paths: Sequence[Path]) -> list[Any]:
        return [
            page_class(
                title=title_of(path),
                ns=0,
                page_id=number,
                revision_id=number,
                timestamp="2024-01-01T00:00:00Z",
                redirect=None,
                text=text,
            )
            for number, (path, text) in enumerate(zip(paths, texts, strict=True), start=1)
        ]

    # The line ``wikibio extract`` writes; a revision without ``json_line`` wrote json.dumps.
    json_line = getattr(records, "json_line", None)

    def record(page: Any) -> str | bytes:
        result = page_record(page, format=form)
        if "error" in result:  # page_record never raises: make a failure visible
            raise RuntimeError(result["error"])
        if json_line is not None:
            return bytes(json_line(result))
        return json.dumps(result, ensure_ascii=False)

    return ReadRow(name, record, prepare=pages)


def wikibio_read_rows(wikibio: ModuleType) -> list[ReadRow]:
    """The wikibio rows of the reads table (also the rows ``--before`` times again)."""

    def to_text(text: str) -> str:
        return str(wikibio.parse(text).to_text())

    def to_text_and_notes(text: str) -> None:
        article = wikibio.parse(text)
        article.to_text()
        read_reference_texts(article)

    def to_markdown(text: str) -> str:
        return str(wikibio.parse(text).to_markdown())

    def extraction(text: str) -> Counts:
        return extract_wikibio(wikibio, text)

    has_markdown = hasattr(getattr(wikibio, "Article", None), "to_markdown")
    return [
        ReadRow("wikibio.parse", wikibio.parse),
        *(
            ReadRow(name, parse_and_read(wikibio, steps))
            for steps, (name, _) in enumerate(READ_STEPS, start=1)
        ),
        ReadRow("article.to_text()", to_text),
        ReadRow("to_text() + every note's .text", to_text_and_notes),
        ReadRow("to_markdown()", to_markdown, missing="" if has_markdown else NOT_IMPLEMENTED),
        dump_record_row(wikibio),
        dump_record_row(wikibio, None),
        dump_record_row(wikibio, RECORD_WITH_TEXT),
        ReadRow("wikibio extraction", extraction),
    ]


def strip_code_mwpfh(text: str) -> str:
    """mwparserfromhell's plain text: ``parse(text).strip_code()`` (default arguments)."""
    return str(mwparserfromhell.parse(text).strip_code())


def plain_text_wtp(text: str) -> str:
    """wikitextparser's plain text: ``parse(text).plain_text()`` (default arguments)."""
    return str(wikitextparser.parse(text).plain_text())


def wikiextractor_rows(quick: bool) -> list[ReadRow]:
    """WikiExtractor's ``clean_text``, without and (unless ``quick``) with template expansion."""
    names = ["WikiExtractor clean_text, --no-templates"]
    if not quick:
        names.append("WikiExtractor clean_text, expanding (CLI default)")
    extract, reason = wikiextractor_baseline.load()
    if extract is None:
        return [ReadRow(name, str, missing=f"skipped: {reason}") for name in names]
    return [
        ReadRow(
            name,
            wikiextractor_baseline.cleaner(extract, expand_templates=expand),
            prepare=wikiextractor_baseline.clean_inputs,
        )
        for name, expand in zip(names, (False, True), strict=False)
    ]


def baseline_read_rows(quick: bool, extractions: bool) -> list[ReadRow]:
    """The reads table's baselines: the structure ``extractions`` too, unless ``quick``."""
    rows = [ReadRow(BASELINE, parse_mwpfh)]
    if extractions and not quick:
        rows.append(ReadRow("mwparserfromhell extraction", extract_mwpfh))
        rows.append(ReadRow("wikitextparser extraction", extract_wtp))
    rows.append(ReadRow("mwparserfromhell strip_code()", strip_code_mwpfh))
    rows.append(ReadRow("wikitextparser plain_text()", plain_text_wtp))
    return rows + wikiextractor_rows(quick)


def clear_caches() -> None:
    """Empty every ``functools`` cache of wikibio's modules before a timed run.

    wikibio caches readings of repeated text (a citation's note, a span's plain text);
    a run must not profit from what an earlier run or row over the same corpus left.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith("wikibio"):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def time_rows(
    rows: Sequence[ReadRow],
    texts: Sequence[str],
    paths: Sequence[Path],
    repeat: int,
    label: str = "",
) -> list[Timing]:
    """Best of ``repeat`` runs over the corpus per row; a failure becomes the row's note.

    The runs are interleaved: round 1 runs every row once, then round 2, and so on, so that
    a change in the machine's load affects every row alike, the reference row included.
    """
    inputs: dict[str, Sequence[Any]] = {}
    notes: dict[str, str] = {}
    for row in rows:
        if row.missing:
            notes[row.name] = row.missing
            continue
        try:
            inputs[row.name] = row.prepare(texts, paths) if row.prepare is not None else texts
        except Exception as exc:
            notes[row.name] = f"error: {describe(exc)}"
    best = {row.name: float("inf") for row in rows}
    for round_ in range(1, repeat + 1):
        for row in rows:
            if row.name in notes:
                continue
            print(f"  {label}run {round_}/{repeat}: {row.name} ...", file=sys.stderr, flush=True)
            clear_caches()
            start = time.perf_counter()
            for index, item in enumerate(inputs[row.name]):
                try:
                    row.run(item)
                except Exception as exc:
                    notes[row.name] = f"error on {paths[index].name}: {describe(exc)}"
                    break
            else:
                best[row.name] = min(best[row.name], time.perf_counter() - start)
    return [
        Timing(row.name, None, notes[row.name])
        if row.name in notes
        else Timing(row.name, best[row.name])
        for row in rows
    ]


def ratio(baseline: float | None, seconds: float | None) -> str:
    """Throughput relative to the baseline, ``1.74x``; ``-`` when either is missing."""
    if baseline is None or seconds is None:
        return "-"
    return f"{baseline / seconds:.2f}x"


def baseline_seconds(timings: Iterable[Timing]) -> float | None:
    """Seconds of the bare ``mwparserfromhell.parse`` row, if it was timed."""
    return next((t.seconds for t in timings if t.name == BASELINE), None)


def print_reads(timings: Sequence[Timing], size: int, repeat: int) -> None:
    """The reads table: seconds, MB/s and ratio to mwparserfromhell.parse; notes after."""
    baseline = baseline_seconds(timings)
    rows = []
    notes = {}
    for timing in timings:
        if timing.seconds is None:
            rows.append([timing.name, "-", "-", "-"])
            notes[timing.name] = timing.note
            continue
        mbps = size / 1e6 / timing.seconds
        rows.append(
            [timing.name, f"{timing.seconds:.3f}", f"{mbps:.2f}", ratio(baseline, timing.seconds)]
        )
    print(f"\nReads (best of {repeat}; ratio = throughput / {BASELINE}; cumulative rows start +)")
    print_table(["row", "seconds", "MB/s", "vs mwpfh.parse"], rows, notes)


def read_everything(article: Any) -> None:
    """Rows 5 and 7 on one article: every read step, then ``to_text()``."""
    for _, reader in READ_STEPS:
        reader(article)
    article.to_text()


def measure_memory(
    wikibio: ModuleType, texts: Sequence[str], paths: Sequence[Path], corpus: Path
) -> Memory:
    """tracemalloc peaks of ``wikibio.parse`` and of reading everything, on the largest page.

    The second-largest page is read first, untimed and untraced, so that imports and data
    loaded once per process are not counted.
    """
    sizes = [len(text.encode("utf-8")) for text in texts]
    order = sorted(range(len(texts)), key=sizes.__getitem__, reverse=True)
    largest = order[0]
    page = paths[largest].relative_to(corpus).as_posix()
    memory = Memory(page=page, size=sizes[largest])
    try:
        read_everything(wikibio.parse(texts[order[min(1, len(order) - 1)]]))
        gc.collect()
        tracemalloc.start()
        try:
            article = wikibio.parse(texts[largest])
            parse_peak = tracemalloc.get_traced_memory()[1]
            read_everything(article)
            all_peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    except Exception as exc:
        return Memory(page=memory.page, size=memory.size, error=describe(exc))
    return Memory(page, sizes[largest], parse_peak / 1e6, all_peak / 1e6)


def memory_summary(memory: Memory) -> str:
    """One line: the page, its size and the two peaks (or the error)."""
    where = f"largest page {memory.page} ({memory.size / 1e3:.1f} kB)"
    if memory.error:
        return f"{where}: error: {memory.error}"
    return (
        f"{where}: wikibio.parse {memory.parse_mb:.1f} MB; "
        f"parse + reading everything (rows 5 and 7) {memory.all_mb:.1f} MB"
    )


# --------------------------------------------------------------------------- --before


WORKER_FLAG = "--_worker"


def worker_rows(wikibio: ModuleType) -> list[ReadRow]:
    """What the ``--before`` subprocess times: the wikibio rows and the reference row."""
    return [*wikibio_read_rows(wikibio), ReadRow(BASELINE, parse_mwpfh)]


def run_worker(args: argparse.Namespace) -> int:
    """``--_worker SRC``: time the wikibio rows with wikibio from SRC; print JSON to stdout."""
    src = Path(args.worker).resolve()
    wikibio, reason = load_wikibio()
    if wikibio is None:
        sys.exit(f"error (worker): {reason}")
    location = Path(wikibio.__file__ or "?").resolve()
    if not location.is_relative_to(src):
        sys.exit(f"error (worker): imported wikibio from {location}, not from {src}")
    paths = find_corpus(args.corpus)
    texts = read_texts(paths)
    memory = measure_memory(wikibio, texts, paths, args.corpus)
    timings = time_rows(worker_rows(wikibio), texts, paths, args.repeat, label="[before] ")
    result = {
        "wikibio": str(location.parent),
        "build": build_of(wikibio),
        "timings": [asdict(timing) for timing in timings],
        "memory": asdict(memory),
    }
    print(json.dumps(result))
    return 0


def git(*argv: str) -> str:
    """Run git in the project's checkout; exit with its message if it fails."""
    done = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), *argv], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"error: git {' '.join(argv)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


@contextmanager
def worktree(ref: str) -> Iterator[tuple[Path, str]]:
    """A temporary ``git worktree`` of ``ref`` (detached); removed with ``--force`` after."""
    commit = git("rev-parse", "--short", f"{ref}^{{commit}}")
    with tempfile.TemporaryDirectory(prefix="wikibio-before-") as folder:
        path = Path(folder) / "tree"
        git("worktree", "add", "--detach", "--quiet", str(path), commit)
        try:
            yield path, commit
        finally:
            git("worktree", "remove", "--force", str(path))


def run_before(
    ref: str, corpus: Path, repeat: int, python: Path | None = None
) -> tuple[str, dict[str, Any]]:
    """Time the wikibio rows against ``ref`` in a subprocess; its short hash, JSON.

    Without ``python``, the subprocess imports ``ref``'s ``src/`` (a temporary worktree);
    with it, it is that interpreter, and imports the wikibio installed there.
    """
    if python is not None:
        commit = git("rev-parse", "--short", f"{ref}^{{commit}}")
        where = subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        argv = [str(python), str(Path(__file__).resolve()), WORKER_FLAG, where]
        argv += ["--corpus", str(corpus.resolve()), "--repeat", str(repeat)]
        print(f"  --before {ref}: {python} ({commit}, installed)", file=sys.stderr, flush=True)
        done = subprocess.run(argv, stdout=subprocess.PIPE, text=True, cwd=tempfile.gettempdir())
        if done.returncode != 0:
            sys.exit(f"error: the --before {ref} run failed (exit status {done.returncode})")
        return commit, json.loads(done.stdout)
    with worktree(ref) as (tree, commit):
        src = tree / "src"
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (str(src), os.environ.get("PYTHONPATH", "")) if part
        )
        argv = [sys.executable, str(Path(__file__).resolve()), WORKER_FLAG, str(src)]
        argv += ["--corpus", str(corpus.resolve()), "--repeat", str(repeat)]
        print(f"  --before {ref}: worktree {tree} ({commit})", file=sys.stderr, flush=True)
        done = subprocess.run(argv, env=env, cwd=tree, stdout=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.exit(f"error: the --before {ref} run failed (exit status {done.returncode})")
        return commit, json.loads(done.stdout)


def print_before_after(
    ref: str,
    commit: str,
    before: dict[str, Any],
    after: Sequence[Timing],
    after_memory: Memory,
    after_build: str,
) -> None:
    """Row, before ratio, after ratio and their quotient; the two memory lines."""
    before_timings = [Timing(**item) for item in before["timings"]]
    before_base = baseline_seconds(before_timings)
    after_base = baseline_seconds(after)
    after_by_name = {timing.name: timing for timing in after}
    rows = []
    notes = {}
    for timing in before_timings:
        if timing.name == BASELINE:
            continue
        now = after_by_name.get(timing.name, Timing(timing.name, None, "not timed"))
        old_ratio, new_ratio = ratio(before_base, timing.seconds), ratio(after_base, now.seconds)
        change = "-"
        if None not in (timing.seconds, now.seconds, before_base, after_base):
            change = f"{(after_base / now.seconds) / (before_base / timing.seconds):.2f}x"
        rows.append([timing.name, old_ratio, new_ratio, change])
        if timing.note and timing.note == now.note:
            note = timing.note
        else:
            sides = (("before", timing), ("after", now))
            note = "; ".join(f"{side}: {t.note}" for side, t in sides if t.note)
        if note:
            notes[timing.name] = note
    name = commit if commit.startswith(ref) else f"{ref} = {commit}"
    print(
        f"\nBefore/after (before: wikibio at {name}, {before.get('build', '?')}, in a "
        f"subprocess; after: this run, {after_build}; "
        f"ratio = throughput / {BASELINE} in the same process)"
    )
    print_table(["row", "before", "after", "after/before"], rows, notes)
    seconds = [f"{base:.3f} s" if base else "-" for base in (before_base, after_base)]
    print(f"{BASELINE}: {seconds[0]} before, {seconds[1]} after")
    print(f"Memory before: {memory_summary(Memory(**before['memory']))}")
    print(f"Memory after:  {memory_summary(after_memory)}")


# --------------------------------------------------------------------------- adversarial


def big_page(texts: Sequence[str], limit: int = BIG_PAGE_BYTES) -> str:
    """Concatenate corpus articles (in path order) until at least ``limit`` UTF-8 bytes."""
    parts: list[str] = []
    size = 0
    while size < limit:
        for text in texts:
            parts.append(text)
            size += len(text.encode("utf-8")) + 1
            if size >= limit:
                break
    return "\n".join(parts)


def adversarial_inputs(texts: Sequence[str]) -> list[tuple[str, str]]:
    """Pathological inputs: (label, text)."""
    return [
        ('"{{a| " * 8000', "{{a| " * 8000),
        ('"{{a|b= " * 8000', "{{a|b= " * 8000),
        ('"<ref> " * 8000', "<ref> " * 8000),
        ('"{|\\n " * 8000', "{|\n " * 8000),
        ('"[[a|" * 8000', "[[a|" * 8000),
        ('"<!--" + "x" * 100000', "<!--" + "x" * 100000),
        ('"{{a|" * 3000 + "}}" * 3000', "{{a|" * 3000 + "}}" * 3000),
        ('"[[" * 3000', "[[" * 3000),
        ('"\'\'" + "x\\n== h ==\\n" * 5000', "''" + "x\n== h ==\n" * 5000),
        ('"{{" * 30000 + "}}" * 30000', "{{" * 30000 + "}}" * 30000),
        ('"[[{{a}}" * 10000 + "]]" * 10000', "[[{{a}}" * 10000 + "]]" * 10000),
        ('"<ref>" + "{{a| " * 8000 + "</ref>"', "<ref>" + "{{a| " * 8000 + "</ref>"),
        ("corpus articles concatenated", big_page(texts)),
    ]


def time_once(func: Callable[[str], object], text: str) -> float:
    """Wall-clock seconds of one call."""
    start = time.perf_counter()
    func(text)
    return time.perf_counter() - start


def _reference_texts(wikibio: ModuleType, text: str) -> int:
    """Read every reference's plain text too (inline detail, parsed lazily)."""
    return sum(len(reference.text) for reference in wikibio.parse(text).references)


def wtp_templates(text: str) -> None:
    """wikitextparser.parse plus the ``.templates`` access the extraction does."""
    _templates = wikitextparser.parse(text).templates


class Column(NamedTuple):
    """One parser timed on the adversarial inputs."""

    header: str
    run: Callable[[str], object]
    flag_slow: bool = False


def adversarial_columns(wikibio: ModuleType | None, mwpfh: bool) -> list[Column]:
    """The parsers timed on the adversarial inputs, in column order."""
    columns = []
    if wikibio is not None:
        columns.append(Column("wikibio.parse s", wikibio.parse, flag_slow=True))
        columns.append(
            Column(
                "wikibio extraction s",
                lambda text: (extract_wikibio(wikibio, text), _reference_texts(wikibio, text)),
                flag_slow=True,
            )
        )
    columns.append(Column("wtp.parse+templates s", wtp_templates))
    if mwpfh:
        columns.append(Column("mwpfh.parse s", mwparserfromhell.parse))
    return columns


def run_adversarial(texts: Sequence[str], wikibio: ModuleType | None, mwpfh: bool) -> None:
    """Time each pathological input once per parser; print each row as soon as it is done."""
    columns = adversarial_columns(wikibio, mwpfh)
    inputs = adversarial_inputs(texts)
    headers = ["input", "bytes", *(column.header for column in columns)]
    widths = [max(len(label) for label, _ in inputs), 9, *(len(c.header) for c in columns)]
    print("\nAdversarial inputs (each timed once)")
    print(format_row(headers, widths))
    print("  ".join("-" * width for width in widths))
    for label, text in inputs:
        cells = [label, str(len(text.encode("utf-8")))]
        note = ""
        for column in columns:
            seconds = time_once(column.run, text)
            cells.append(f"{seconds:.3f}")
            if column.flag_slow and seconds >= SLOW_SECONDS:
                note = f"  <- wikibio slow (>= {SLOW_SECONDS} s)"
        print(format_row(cells, widths) + note, flush=True)
    if not mwpfh:
        print("(mwparserfromhell not timed; add --mwpfh-adversarial, it takes minutes)")


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"folder searched recursively for *.wikitext (default: {DEFAULT_CORPUS})",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="wall-clock runs per contender, best one kept (default 3; 1 with --quick)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one run per contender; the reads table leaves out its slowest baselines "
        "(the structure extractions, WikiExtractor with template expansion)",
    )
    parser.add_argument(
        "--reads-only",
        action="store_true",
        help="only the reads table (skip the throughput, counts and adversarial tables)",
    )
    parser.add_argument(
        "--before",
        metavar="REF",
        help="also time the wikibio reads rows at git REF (a temporary worktree, in a "
        "subprocess) and print a before/after table",
    )
    parser.add_argument(
        "--before-python",
        metavar="PY",
        type=Path,
        help="with --before: run the before rows with interpreter PY, where REF is installed "
        "(e.g. its compiled wheel), instead of REF's source",
    )
    parser.add_argument("--adversarial", action="store_true", help="also time pathological inputs")
    parser.add_argument(
        "--mwpfh-adversarial",
        action="store_true",
        help="with --adversarial, time mwparserfromhell too (slow)",
    )
    parser.add_argument(
        "--only-baselines",
        action="store_true",
        help="skip wikibio (use while it cannot be imported)",
    )
    # Internal: the --before subprocess (SRC is the worktree's src/ folder).
    parser.add_argument(WORKER_FLAG, dest="worker", metavar="SRC", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.mwpfh_adversarial:
        args.adversarial = True
    if args.before and args.only_baselines:
        parser.error("--before times wikibio: it cannot go with --only-baselines")
    if args.before_python is not None and not args.before:
        parser.error("--before-python needs --before REF (the commit PY has installed)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    args = parse_args(argv)
    if args.worker:
        return run_worker(args)
    wikibio, reason = (None, "--only-baselines") if args.only_baselines else load_wikibio()
    if wikibio is None and not args.only_baselines:
        sys.exit(f"error: {reason}; rerun with --only-baselines to time the other parsers")
    paths = find_corpus(args.corpus)
    texts = read_texts(paths)
    size = utf8_bytes(texts)

    print_header(wikibio, reason)
    print(
        f"Corpus: {args.corpus} - {len(paths)} files, {size / 1e6:.2f} MB (UTF-8), "
        f"gc {'on' if gc.isenabled() else 'off'}"
    )
    memory = None
    if wikibio is not None:
        print("  measuring memory ...", file=sys.stderr, flush=True)
        memory = measure_memory(wikibio, texts, paths, args.corpus)

    if not args.reads_only:
        contenders = wikibio_contenders(wikibio) if wikibio is not None else []
        contenders += baseline_contenders()
        results = []
        for contender in contenders:
            print(f"  timing {contender.name} ...", file=sys.stderr, flush=True)
            results.append(time_contender(contender, texts, paths, args.repeat))
        print_throughput(results, size, args.repeat)
        print_counts(results)

    rows = wikibio_read_rows(wikibio) if wikibio is not None else []
    # The structure extractions are already in the throughput table, unless --reads-only.
    rows += baseline_read_rows(args.quick, extractions=args.reads_only)
    timings = time_rows(rows, texts, paths, args.repeat)
    print_reads(timings, size, args.repeat)
    if memory is not None:
        print(f"Memory (tracemalloc peak): {memory_summary(memory)}")

    if args.before and memory is not None:
        commit, before = run_before(args.before, args.corpus, args.repeat, args.before_python)
        print_before_after(args.before, commit, before, timings, memory, build_of(wikibio))

    if args.adversarial and not args.reads_only:
        run_adversarial(texts, wikibio, args.mwpfh_adversarial)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Parse-speed benchmark: wikibio against mwparserfromhell and wikitextparser.

Run from the project root::

    .venv/bin/python benchmarks/bench_parse.py [--corpus DIR] [--repeat N]
        [--adversarial] [--mwpfh-adversarial] [--only-baselines]

Part 1 (always): throughput over every ``*.wikitext`` file under the corpus folder
(default ``../shared/corpus`` next to the project root, searched recursively). Each
contender processes all files once per run; the best of ``--repeat`` wall-clock runs
(``time.perf_counter``, gc left on, files read into memory beforehand) is reported
as seconds, MB/s (1 MB = 1e6 bytes of UTF-8 input) and throughput relative to bare
``mwparserfromhell.parse``. A second table counts what each extraction found, as a
check that the contenders do comparable work.

Part 2 (``--adversarial``): pathological inputs, each timed once for ``wikibio.parse``
and ``wikitextparser.parse(...).templates``; ``mwparserfromhell.parse`` is only timed
with ``--mwpfh-adversarial`` because it takes tens of seconds on some of them.

``--only-baselines`` skips the wikibio rows, so the script is useful while wikibio
cannot be imported. Only the standard library, wikibio, mwparserfromhell and
wikitextparser are needed. See benchmarks/README.md for how to read the output.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.metadata
import platform
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import mwparserfromhell
import wikitextparser

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


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print a plain-text table with a header and a rule."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    print(format_row(headers, widths))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(format_row(row, widths))


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
    if wikibio is None:
        print(f"wikibio: not benchmarked ({reason})")
    else:
        version = getattr(wikibio, "__version__", None) or package_version("wikibio")
        print(f"wikibio {version} from {Path(wikibio.__file__ or '?').parent}")


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
        default=3,
        help="wall-clock runs per contender, best one kept (default 3)",
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
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.mwpfh_adversarial:
        args.adversarial = True
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    args = parse_args(argv)
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

    contenders = wikibio_contenders(wikibio) if wikibio is not None else []
    contenders += baseline_contenders()
    results = []
    for contender in contenders:
        print(f"  timing {contender.name} ...", file=sys.stderr, flush=True)
        results.append(time_contender(contender, texts, paths, args.repeat))
    print_throughput(results, size, args.repeat)
    print_counts(results)

    if args.adversarial:
        run_adversarial(texts, wikibio, args.mwpfh_adversarial)
    return 0


if __name__ == "__main__":
    sys.exit(main())

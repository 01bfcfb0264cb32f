"""The ``wikibio`` command: look at an article's structure from the terminal."""

from __future__ import annotations

import argparse
import difflib
import functools
import io
import json
import os
import re
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final, NoReturn, Protocol, TextIO

import attrs

from wikibio import __version__
from wikibio.document import Article, parse
from wikibio.dumps import DumpError, DumpFormatError
from wikibio.errors import WikibioError
from wikibio.parallel import Batch, dump_size, extract
from wikibio.records import (
    FIELDS,
    ParquetSink,
    Recipe,
    Selection,
    article_record,
)
from wikibio.sections import Section
from wikibio.sources import TemplateSource, TemplateSourceError, from_dump, open_source
from wikibio.syntax.names import template_name
from wikibio.templates import Template

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: usage error: {message} (see '{self.prog} --help')\n")


class _Failure(Exception):
    """A failure to report in one line with exit status 1."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 failure, 2 usage)."""
    parser = _Parser(prog="wikibio", description=__doc__)
    parser.add_argument("--version", action="version", version=f"wikibio {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    show = commands.add_parser("show", help="summary: infobox, sections, references")
    as_json = commands.add_parser("json", help="the article's structure as JSON")
    as_text = commands.add_parser("text", help="the article as a reader sees it, as plain text")
    for command in (show, as_json, as_text):
        command.add_argument("file", metavar="FILE", help="a wikitext file, or - for stdin")
        command.add_argument("--title", help="the page title (default: from the file name)")
        command.add_argument(
            "--templates",
            metavar="SOURCE",
            help="expand the page with the wiki's templates: an XML dump (indexed once, "
            "beside it), an index made by `wikibio index`, or a directory of "
            "Template:Foo.wikitext files",
        )
    as_text.add_argument(
        "--page-header", action="store_true", help="start with the title and the tagline"
    )
    as_text.add_argument("--edit-links", action="store_true", help="add [edit] after headings")
    as_text.add_argument(
        "--markdown", action="store_true", help="write Markdown (footnotes for references)"
    )
    _add_fields(as_json)
    _add_extract(commands)
    _add_edit(commands)
    _add_index(commands)
    args = parser.parse_args(argv)
    if args.command == "extract":
        return _extract(args)
    if args.command == "edit":
        return _edit(args)
    if args.command == "index":
        return _index(args)
    try:
        templates = None if args.templates is None else _source(args.templates)
        article = _read(args.file, args.title, templates)
    except _Failure as failure:
        # The same failure as extract's for its input: one line, no output, status 2.
        print(f"wikibio: {failure}", file=sys.stderr)
        return 2
    out: _Out = _Escaping(sys.stdout) if sys.stdout.isatty() else sys.stdout
    try:
        if args.command == "show":
            _show(article, out)
        elif args.command == "text" and args.markdown:
            out.write(article.to_markdown(page_header=args.page_header) + "\n")
        elif args.command == "text":
            text = article.to_text(page_header=args.page_header, edit_links=args.edit_links)
            out.write(text + "\n")
        else:
            record = article_record(article, fields=args.fields, markdown=args.markdown)
            out.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        out.flush()
    except _Failure as failure:
        print(f"wikibio: {failure}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error
    return 0


def _fields(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in FIELDS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown field {unknown[0] if unknown else text!r}; records have: {','.join(FIELDS)}"
        )
    return names


def _add_fields(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--fields",
        type=_fields,
        default=None,
        metavar="A,B,…",
        help=f"the record's fields after title and ids (default: all but markdown): "
        f"{','.join(FIELDS)}",
    )
    command.add_argument(
        "--markdown", action="store_true", help="add the reading view as Markdown (markdown)"
    )


#: Characters a terminal would act on: C0 controls but tab and newline, DEL, C1 controls.
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """``text`` with every control character a terminal acts on written as ``\\xNN``.

    Page text can hold ESC and OSC sequences (recolour, retitle, hyperlink, or worse:
    rewrite the screen); on a terminal they are shown, never obeyed.

    >>> escape_controls("a\\x1b[2Jb\\tc\\n")
    'a\\\\x1b[2Jb\\tc\\n'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class _Out(Protocol):
    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...


class _Escaping:
    """A text stream that escapes control characters on their way to a terminal."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(escape_controls(text))

    def flush(self) -> None:
        self._out.flush()


def _add_extract(commands: argparse._SubParsersAction[_Parser]) -> None:
    extract = commands.add_parser(
        "extract",
        help="one record per page of an XML dump, as JSON lines or Parquet (docs/dumps.md)",
        description="Write one record per page of a MediaWiki XML dump (.xml, .xml.bz2, "
        ".xml.gz, or a multistream .xml.bz2 with its index), in dump order, as JSON lines "
        "or (for OUT.parquet or --format parquet) Parquet.",
    )
    extract.add_argument("dump", metavar="DUMP", help="the XML dump")
    extract.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default="-",
        help="the output file (default: stdout); a .parquet suffix writes Parquet",
    )
    extract.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    extract.add_argument("--biographies", action="store_true", help="only pages about people")
    extract.add_argument(
        "--namespace",
        type=int,
        default=0,
        metavar="NS",
        help="namespace of the pages kept (default 0, articles); redirects are skipped",
    )
    extract.add_argument(
        "--format",
        choices=("json", "jsonl", "wikibio", "parquet"),
        default=None,
        help="json or jsonl: the full record as JSON lines (default); parquet: the full "
        "record as Parquet (needs wikibio[parquet]); wikibio: infobox tokens and the lead's "
        "first sentence (as Parquet when OUT ends in .parquet)",
    )
    _add_fields(extract)
    extract.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask distributed cluster (needs wikibio[dask]), e.g. tcp://host:8786",
    )
    extract.add_argument(
        "--index", metavar="FILE", help="the multistream index, when not beside the dump"
    )
    extract.add_argument(
        "--expand",
        action="store_true",
        help="expand each page with the dump's own templates (indexed once into SQLite, "
        "see `wikibio index`): text, references and infobox rows as readers see them",
    )
    extract.add_argument(
        "--templates-index",
        metavar="PATH",
        help="with --expand: the SQLite template index (default: DUMP.templates.sqlite)",
    )
    extract.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )


def _tagged(kind: str, text: str) -> tuple[str, str]:
    return kind, text


#: The edit options of ``wikibio edit``: each appends ``(kind, text)`` to the edits, in order.
_EDIT_OPTIONS: Final = (
    ("--set", "TEMPLATE.PARAM=VALUE", "set a parameter (added if missing)"),
    ("--delete", "TEMPLATE.PARAM", "remove a parameter"),
    ("--rename", "TEMPLATE.OLD=NEW", "rename a parameter"),
    ("--add-category", "NAME[|SORTKEY]", "put the page in a category"),
    ("--remove-category", "NAME", "take the page out of a category"),
)


def _add_edit(commands: argparse._SubParsersAction[_Parser]) -> None:
    edit = commands.add_parser(
        "edit",
        help="edit template parameters and categories; write the page, print a diff",
        description="Apply the edits in the order given, write the page back (or to stdout for "
        "-), and print a unified diff. TEMPLATE is a template name (its first call; "
        "NAME#2 its second, in page order; 'infobox' is the first infobox, 'infobox#2' the "
        "second); a missing template or parameter changes nothing and exits 2.",
    )
    edit.add_argument("file", metavar="FILE", help="a wikitext file, or - for stdin")
    for flag, metavar, help_text in _EDIT_OPTIONS:
        kind = flag.removeprefix("--")
        edit.add_argument(
            flag,
            dest="edits",
            action="append",
            type=functools.partial(_tagged, kind),
            metavar=metavar,
            help=help_text,
        )
    edit.add_argument(
        "--dry-run", action="store_true", help="print the diff only; write nothing"
    )


def _edit(args: argparse.Namespace) -> int:
    """``wikibio edit``: all edits or none; usage problems exit 2 before anything is written."""
    try:
        article = _read(args.file, None)
    except _Failure as failure:
        print(f"wikibio: {failure}", file=sys.stderr)
        return 1
    before = str(article)
    try:
        for kind, spec in args.edits or []:
            _apply(article, kind, spec)
    except (_Failure, WikibioError, TypeError) as error:
        print(f"wikibio: {error}; nothing written", file=sys.stderr)
        return 2
    after = str(article)
    name = args.file if args.file != "-" else "stdin"
    diff = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name.lstrip('/')}",
        tofile=f"b/{name.lstrip('/')}",
    )
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in diff)  # fmt: skip
    if args.dry_run:
        sys.stdout.write(text)
        return 0
    if args.file == "-":
        sys.stdout.write(after)
        return 0
    try:
        _write_atomically(Path(args.file), after)
    except OSError as error:
        print(f"wikibio: cannot write {args.file}: {error.strerror or error}", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.wikibio-edit")
    temporary.write_bytes(text.encode("utf-8", "surrogatepass"))
    os.replace(temporary, path)


def _apply(article: Article, kind: str, spec: str) -> None:
    if kind == "add-category":
        name, bar, key = spec.partition("|")
        article.add_category(name, key if bar else None)
        return
    if kind == "remove-category":
        article.remove_category(spec)
        return
    target, equals, value = spec.partition("=")
    template_name, dot, param = target.rpartition(".")
    if not dot or not template_name.strip() or not param.strip():
        raise _Failure(f"{spec!r}: write TEMPLATE.PARAM{'=VALUE' if kind != 'delete' else ''}")
    if kind != "delete" and not equals:
        raise _Failure(f"{spec!r}: write TEMPLATE.PARAM=VALUE")
    call = _find_call(article, template_name)
    param = param.strip()
    if kind == "set":
        call[param] = value
    elif kind == "delete":
        del call[param]
    else:
        call.rename(param, value.strip())


def _find_call(article: Article, spec: str) -> Template:
    """The call ``spec`` names: ``TEMPLATE`` (its first call), ``TEMPLATE#N`` (its N-th, in
    page order), ``infobox`` or ``infobox#N``."""
    name, hash_, number = spec.rpartition("#")
    if not hash_ or not number.strip().isdigit():
        name, number = spec, "1"
    index = int(number)
    if index < 1:
        raise _Failure(f"{spec!r}: calls are counted from #1")
    if name.strip().casefold() == "infobox":
        starts = [box.call.start for box in article.infoboxes]
        calls = [t for start in starts for t in article.templates if t.start == start]
        what = "infobox"
    else:
        wanted = template_name(name)
        calls = [
            call
            for call in article.templates
            if not call.dynamic and call.name.casefold() == wanted.casefold()
        ]
        what = f"call of template {wanted!r}"
    if not calls:
        raise _Failure(f"no {what} in the page")
    if index > len(calls):
        count = f"{len(calls)} such call" + ("s" if len(calls) > 1 else "")
        raise _Failure(f"{spec!r}: the page has only {count}")
    return calls[index - 1]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return value


def _recipe(args: argparse.Namespace) -> Recipe:
    """The records asked for: ``--format``, ``--fields`` and the output's suffix."""
    parquet = args.format == "parquet" or (
        args.format in (None, "wikibio") and args.output.lower().endswith(".parquet")
    )
    if parquet and args.output == "-":
        raise _Failure("Parquet cannot go to standard output; give -o OUT.parquet")
    if args.format == "wikibio" and (args.fields is not None or args.markdown):
        raise _Failure("--fields and --markdown choose fields of the json format, not wikibio")
    return Recipe(
        format="wikibio" if args.format == "wikibio" else "json",
        fields=args.fields,
        markdown=args.markdown,
        encoding="arrow" if parquet else "jsonl",
    )


def _same_file(output: str, dump: str) -> bool:
    if output == "-":
        return False
    try:
        return os.path.samefile(output, dump)
    except OSError:
        return os.path.abspath(output) == os.path.abspath(dump)


def _extract(args: argparse.Namespace) -> int:
    selection = Selection(namespace=args.namespace, biographies=args.biographies)
    name = args.dump
    show = sys.stderr.isatty() if args.progress is None else args.progress
    progress: _Progress | None = None
    try:
        recipe = _recipe(args)
        if _same_file(args.output, name):
            raise _Failure(f"the output {args.output} is the dump itself; choose another -o")
        if recipe.encoding == "arrow":
            from wikibio.records import import_pyarrow

            try:
                import_pyarrow()
            except ImportError as error:
                raise _Failure(str(error)) from None
        total = dump_size(name)
        if not os.path.isfile(name):
            raise IsADirectoryError(21, "not a file")
        if args.templates_index is not None and not args.expand:
            raise _Failure("--templates-index goes with --expand")
        if args.expand:
            recipe = attrs.evolve(recipe, templates=_templates_index(args, show))
        progress = _Progress(total, sys.stderr) if show else None
        batches: Iterator[Batch]
        if args.scheduler:
            batches = _on_dask(args, selection, recipe)
        else:
            batches = extract(name, selection, format=recipe, jobs=args.jobs, index=args.index)
        first = next(batches, None)  # a file that is not a dump fails here, before output
    except DumpFormatError as error:
        print(f"wikibio: {error}", file=sys.stderr)
        return 2
    except DumpError as error:
        # Cut before one page could be read: nothing to write, but a damaged dump (1).
        print(f"wikibio: {name}: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"wikibio: cannot read {name}: {error.strerror or error}", file=sys.stderr)
        return 2
    except _Failure as failure:
        print(f"wikibio: {failure}", file=sys.stderr)
        return 2
    except _TemplatesFailure as failure:
        print(f"wikibio: {failure}", file=sys.stderr)
        return 1
    show = sys.stderr.isatty() if args.progress is None else args.progress
    try:
        out = _open_output(args.output, recipe)
    except OSError as error:
        print(f"wikibio: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return 2
    progress = _Progress(total, sys.stderr) if show else None
    fault: DumpError | None = None
    try:
        for batch in _chain(first, batches):
            _write_whole(out, batch.data)
            if progress is not None:
                progress.update(batch)
            if batch.error is not None:
                fault = batch.error
        out.flush()
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except OSError as error:
        print(
            f"wikibio: cannot write {args.output}: {error.strerror or error}; "
            "the records before it are written whole",
            file=sys.stderr,
        )
        return 1
    finally:
        if args.output != "-":
            out.close()
        if progress is not None:
            progress.close()
    if fault is not None:
        print(f"wikibio: {name}: {fault}; the records before it are written", file=sys.stderr)
        return 1
    return 0


class _Sink(Protocol):
    def write(self, data: bytes) -> object: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


class _ParquetOut:
    """The output file as Parquet: Arrow batches in, row groups out."""

    def __init__(self, path: str, recipe: Recipe) -> None:
        self._sink = ParquetSink(path, recipe)

    def write(self, data: bytes) -> None:
        self._sink.write(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self._sink.close()


def _templates_index(args: argparse.Namespace, show: bool) -> str:
    """``extract --expand``: the dump's template index, built or reused; its path."""
    progress = _IndexProgress(os.path.getsize(args.dump), sys.stderr) if show else None
    try:
        return str(from_dump(args.dump, index=args.templates_index, progress=progress).index)
    except TemplateSourceError as error:
        raise _TemplatesFailure(str(error)) from None
    finally:
        if progress is not None:
            progress.close()


class _TemplatesFailure(Exception):
    """The dump could not be indexed for ``--expand`` (status 1: the input is damaged)."""


def _open_output(name: str, recipe: Recipe) -> _Sink:
    if name == "-":
        return sys.stdout.buffer
    if recipe.encoding == "arrow":
        return _ParquetOut(name, recipe)
    # Unbuffered: each batch of whole lines reaches the file at once (_write_whole).
    return open(name, "wb", buffering=0)


def _write_whole(out: _Sink, data: bytes) -> None:
    """Write ``data`` (whole JSON lines) all or nothing, as far as the file allows.

    When a write fails (a full disk), a regular file is cut back to where ``data``
    started, so it never ends in half a record.
    """
    if not isinstance(out, io.RawIOBase | io.BufferedIOBase):
        out.write(data)  # Parquet: the sink writes whole row groups
        return
    start: int | None = None
    try:
        if out.seekable():
            start = out.tell()
    except OSError:
        start = None
    view = memoryview(data)
    try:
        while view:
            written = out.write(view)
            if written is None:  # a non-blocking stream: nothing taken
                continue
            view = view[written:]
    except OSError:
        if start is not None:
            try:
                out.truncate(start)
                out.seek(start)
            except OSError:
                pass
        raise


def _chain(first: Batch | None, rest: Iterator[Batch]) -> Iterator[Batch]:
    if first is not None:
        yield first
    yield from rest


def _on_dask(args: argparse.Namespace, selection: Selection, recipe: Recipe) -> Iterator[Batch]:
    try:
        from wikibio import dask as wikibio_dask
    except ImportError:
        raise _Failure("--scheduler needs Dask: pip install 'wikibio[dask]'") from None
    return wikibio_dask.extract(
        args.dump, selection, args.scheduler, format=recipe, index=args.index
    )


#: Seconds before the progress line shows rates (a rate over milliseconds is noise).
_RATE_AFTER: Final = 0.5


class _Progress:
    """``  1,234 pages  12.0/48.0 MB  410 pages/s  2.1 MB/s  ETA 0:00:17`` on a terminal."""

    def __init__(self, total: int, out: TextIO) -> None:
        self.total = total
        self.out = out
        self.start = time.monotonic()
        # The first line after a fifth of a second: rates over a few milliseconds mislead.
        self.shown = self.start
        self.pages = 0
        self.position = 0

    def update(self, batch: Batch) -> None:
        self.pages += batch.pages
        self.position = max(self.position, batch.position)
        now = time.monotonic()
        if now - self.shown >= 0.2:
            self.shown = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.position / elapsed
        eta = (self.total - self.position) / rate if rate > 0 else 0.0
        minutes, seconds = divmod(int(eta), 60)
        hours, minutes = divmod(minutes, 60)
        rates = (
            f"  {self.pages / elapsed:,.0f} pages/s  {rate / 1e6:,.1f} MB/s"
            f"  ETA {hours}:{minutes:02}:{seconds:02} "
            if elapsed >= _RATE_AFTER
            else ""
        )
        self.out.write(
            f"\r  {self.pages:,} pages  {self.position / 1e6:,.1f}/{self.total / 1e6:,.1f} MB"
            f"{rates}"
        )
        self.out.flush()

    def close(self) -> None:
        self._draw(time.monotonic())
        self.out.write("\n")
        self.out.flush()


def _read(name: str, title: str | None, templates: TemplateSource | None = None) -> Article:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        raise _Failure(f"cannot read {name}: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Failure(
            f"{name} is not UTF-8 (byte {error.start}); convert it, e.g. with iconv"
        ) from None
    if title is None and name != "-":
        title = Path(name).stem.replace("_", " ")
    return parse(text, title=title, templates=templates)


def _source(name: str) -> TemplateSource:
    """The template source ``--templates`` names (a dump is indexed, with progress)."""
    if not os.path.exists(name):
        raise _Failure(f"no template source at {name}: give a dump, an index or a directory")
    progress = _IndexProgress(os.path.getsize(name), sys.stderr) if sys.stderr.isatty() else None
    try:
        return open_source(name, progress=progress)
    except TemplateSourceError as error:
        raise _Failure(str(error)) from None
    finally:
        if progress is not None:
            progress.close()


def _add_index(commands: argparse._SubParsersAction[_Parser]) -> None:
    index = commands.add_parser(
        "index",
        help="index a dump's templates and modules into SQLite (for --templates, --expand)",
        description="Read an XML dump (.xml, .xml.bz2, .xml.gz) in one pass and write its "
        "templates, modules and other non-article pages, and the titles of its articles, "
        "into an SQLite index (docs/expansion.md).  An index that matches the dump's size "
        "and modification time is reused.",
    )
    index.add_argument("dump", metavar="DUMP", help="the XML dump")
    index.add_argument(
        "--index",
        metavar="PATH",
        help="the SQLite file to write (default: DUMP.templates.sqlite beside the dump)",
    )
    index.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )


def _index(args: argparse.Namespace) -> int:
    """``wikibio index``: build (or reuse) a dump's template index; print where it is."""
    name = args.dump
    if not os.path.isfile(name):
        what = "a directory" if os.path.isdir(name) else "not there"
        print(f"wikibio: cannot read {name}: {what}; give an XML dump", file=sys.stderr)
        return 2
    show = sys.stderr.isatty() if args.progress is None else args.progress
    progress = _IndexProgress(os.path.getsize(name), sys.stderr) if show else None
    start = time.monotonic()
    try:
        source = from_dump(name, index=args.index, progress=progress)
    except TemplateSourceError as error:
        print(f"wikibio: {error}", file=sys.stderr)
        return 1
    finally:
        if progress is not None:
            progress.close()
    seconds = time.monotonic() - start
    print(f"{source.index}\t{len(source):,} pages\t{seconds:.1f} s")
    return 0


class _IndexProgress:
    """``[#########...........]  45%  20.1/44.6 MB  3,000 pages  ETA 0:00:06`` on stderr."""

    WIDTH: Final = 24

    def __init__(self, total: int, out: TextIO) -> None:
        self.total = max(total, 1)
        self.out = out
        self.start = time.monotonic()
        self.shown = 0.0
        self.drawn = False

    def __call__(self, pages: int, position: int) -> None:
        now = time.monotonic()
        if now - self.shown < 0.2 and position < self.total:
            return
        self.shown = now
        self.drawn = True
        share = min(position / self.total, 1.0)
        filled = int(share * self.WIDTH)
        elapsed = now - self.start
        eta = elapsed / share - elapsed if share > 0 else 0.0
        minutes, seconds = divmod(int(eta), 60)
        self.out.write(
            f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%}  "
            f"{position / 1e6:,.1f}/{self.total / 1e6:,.1f} MB  {pages:,} pages  "
            f"ETA {minutes // 60}:{minutes % 60:02}:{seconds:02}"
        )
        self.out.flush()

    def close(self) -> None:
        if self.drawn:
            self.out.write("\n")
            self.out.flush()


def _show(article: Article, out: _Out) -> None:
    write = out.write
    write(f"{article.title or '(untitled)'}  ({len(str(article)):,} characters)\n")
    for infobox in article.infoboxes:
        write(f"\nInfobox: {infobox.template}\n")
        width = max((len(name) for name in infobox), default=0)
        for name, field in infobox.items():
            if field.value:
                write(f"  {name:<{width}}  {_one_line(field.value)}\n")
    write("\nSections\n")
    write(f"  (lead, {len(str(article.lead)):,} characters)\n")
    for section in article.sections:
        _show_section(section, out, 1)
    references = article.references
    write(f"\nReferences ({len(references)})\n")
    for ref_list in article.reference_lists:
        if ref_list.group:
            write(f"  group {ref_list.group!r}\n")
        for ref in ref_list.references:
            number = "-" if ref.number is None else str(ref.number)
            marks = " ".join(["^", *ref.backlinks])
            name = f" [{ref.name}]" if ref.name else ""
            write(f"  {number:>3}. {marks}{name}  {_one_line(ref.wikitext, 70)}\n")
    if article.categories:
        write("\nCategories\n")
        for category in article.categories:
            write(f"  {category}\n")
    if article.template_categories:
        write("\nCategories added by templates\n")
        for category in article.template_categories:
            write(f"  {category}\n")
    diagnostics = article.diagnostics
    write(f"\nDiagnostics ({len(diagnostics)})\n")
    for diagnostic in diagnostics:
        write(f"  {diagnostic}\n")
    expansion = article.expansion
    if expansion is not None:
        write(f"\nExpansion diagnostics ({len(expansion.diagnostics)})\n")
        for diagnostic in expansion.diagnostics:
            write(f"  {diagnostic}\n")


def _show_section(section: Section, out: _Out, depth: int) -> None:
    out.write(f"{'  ' * depth}{section.index:>2} {'=' * section.level} {section.title}\n")
    for sub in section.subsections:
        _show_section(sub, out, depth + 1)


def _one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``wikibio`` command: look at an article's structure from the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from wikibio.document import Article, parse
from wikibio.sections import Section

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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    show = commands.add_parser("show", help="summary: infobox, sections, references")
    as_json = commands.add_parser("json", help="the article's structure as JSON")
    for command in (show, as_json):
        command.add_argument("file", metavar="FILE", help="a wikitext file, or - for stdin")
        command.add_argument("--title", help="the page title (default: from the file name)")
    args = parser.parse_args(argv)
    try:
        article = _read(args.file, args.title)
        if args.command == "show":
            _show(article, sys.stdout)
        else:
            json.dump(_as_data(article), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
    except _Failure as failure:
        print(f"wikibio: {failure}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error
    return 0


def _read(name: str, title: str | None) -> Article:
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
    return parse(text, title=title)


def _show(article: Article, out: TextIO) -> None:
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
    diagnostics = article.diagnostics
    write(f"\nDiagnostics ({len(diagnostics)})\n")
    for diagnostic in diagnostics:
        write(f"  {diagnostic}\n")


def _show_section(section: Section, out: TextIO, depth: int) -> None:
    out.write(f"{'  ' * depth}{section.index:>2} {'=' * section.level} {section.title}\n")
    for sub in section.subsections:
        _show_section(sub, out, depth + 1)


def _one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _as_data(article: Article) -> dict[str, object]:
    def section_data(section: Section) -> dict[str, object]:
        return {
            "title": section.title,
            "level": section.level,
            "index": section.index,
            "subsections": [section_data(sub) for sub in section.subsections],
        }

    return {
        "title": article.title,
        "sections": [section_data(section) for section in article.sections],
        "infoboxes": [
            {"template": box.template, "fields": {name: f.value for name, f in box.items()}}
            for box in article.infoboxes
        ],
        "references": [
            {
                "number": ref.number,
                "group": ref.group,
                "name": ref.name,
                "backlinks": list(ref.backlinks),
                "wikitext": ref.wikitext,
            }
            for ref in article.references
        ],
        "categories": list(article.categories),
        "templates": [template.name for template in article.templates],
        "diagnostics": [
            {
                "code": d.code,
                "message": d.message,
                "line": d.line,
                "column": d.column,
                "severity": d.severity,
            }
            for d in article.diagnostics
        ],
    }


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``wikibio`` command line: output, exit statuses, one-line errors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from wikibio.cli import main

XU = str(EXAMPLES / "Xu_Junping.wikitext")


def test_show_summarises_the_article(capsys: pytest.CaptureFixture[str]) -> None:
    """``show`` prints the infobox, the section tree, references with backlinks."""
    assert 0 == main(["show", XU])
    out = capsys.readouterr().out

    assert out.startswith("Xu Junping")
    assert "Infobox: Infobox military person" in out
    assert "== Defection" in out
    assert "2. ^ a b c d e [telegraph]" in out


def test_json_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    """``json`` writes the structure as a JSON document."""
    assert 0 == main(["json", XU])
    data = json.loads(capsys.readouterr().out)

    assert [s["title"] for s in data["sections"]] == ["Career", "Defection", "References"]


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``-`` reads standard input; diagnostics are listed."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"== a ==\n{{b")))

    assert 0 == main(["show", "-"])
    assert "unclosed-template" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["show", "/nonexistent/page.wikitext"], 2, "cannot read"),
        (["text", "/nonexistent/page.wikitext"], 2, "cannot read"),
        (["extract", "/nonexistent/dump.xml"], 2, "cannot read"),
        (["frobnicate", XU], 2, "usage error"),
        (["show"], 2, "usage error"),
    ],
)
def test_errors_are_one_line(
    argv: list[str], status: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Input that cannot be read and usage errors exit 2, in every command, with one line."""
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    err = capsys.readouterr().err

    assert status == code
    assert message in err
    assert 1 == len(err.strip().splitlines())


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that is not UTF-8 is unusable input (2), with a hint."""
    page = tmp_path / "latin1.wikitext"
    page.write_bytes("café".encode("latin-1"))

    assert 2 == main(["show", str(page)])
    assert "not UTF-8" in capsys.readouterr().err


def test_text_prints_the_reading_view(capsys: pytest.CaptureFixture[str]) -> None:
    """``text`` prints ``Article.to_text``; the flags add the header and edit links."""
    assert 0 == main(["text", XU, "--page-header", "--edit-links"])
    out = capsys.readouterr().out

    assert out.startswith("Xu Junping\n\nFrom Wikipedia, the free encyclopedia\nXu Junping\n")
    assert "Career[edit]" in out

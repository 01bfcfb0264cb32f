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


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """``--version`` prints the package's version and exits 0."""
    import wikibio

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])

    assert (0, f"wikibio {wikibio.__version__}\n") == (exit_.value.code, capsys.readouterr().out)


def test_json_shares_the_record_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """``json --fields`` writes the extract record of the file (identity keys null)."""
    assert 0 == main(["json", XU, "--fields", "lead,categories"])
    data = json.loads(capsys.readouterr().out)

    assert ["title", "ns", "page_id", "revision_id", "timestamp", "lead", "categories"] == list(
        data
    )
    assert ("Xu Junping", None) == (data["title"], data["ns"])
    assert data["lead"].startswith("Xu Junping")


def test_json_record_follows_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """``json --markdown`` (every field) writes a record the JSON Schema accepts."""
    jsonschema = pytest.importorskip("jsonschema")
    from wikibio.records import FIELDS, record_schema

    assert 0 == main(["json", XU, "--markdown"])
    data = json.loads(capsys.readouterr().out)
    validator = jsonschema.Draft202012Validator(record_schema())

    assert [] == [error.message for error in validator.iter_errors(data)]
    assert list(FIELDS) == list(data)[5:]
    assert data["text"].startswith("Xu Junping\n")


def _dump(tmp_path: Path) -> Path:
    from tests.test_dumps import make_pages
    from wikibio.dumps import write_dump

    path = tmp_path / "small.xml"
    write_dump(make_pages(3), path, multistream=False)
    return path


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["--fields", "lead,body"], "unknown field 'body'", id="unknown-field"),
        pytest.param(["-o", "{dump}"], "is the dump itself", id="output-is-input"),
        pytest.param(["-o", "/nonexistent/dir/out.jsonl"], "cannot write", id="unwritable"),
        pytest.param(["--format", "parquet"], "Parquet cannot go to standard output", id="stdout"),
        pytest.param(
            ["--format", "wikibio", "--fields", "lead"], "not wikibio", id="fields-of-wikibio"
        ),
    ],
)
def test_extract_refuses_bad_requests(
    tmp_path: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each bad request: one line, exit 2, the dump untouched and no output written."""
    dump = _dump(tmp_path)
    before = dump.read_bytes()
    argv = [arg.replace("{dump}", str(dump)) for arg in argv]
    try:
        status = main(["extract", str(dump), *argv])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()

    assert (2, "") == (status, captured.out)
    assert message in captured.err
    assert 1 == len(captured.err.strip().splitlines())
    assert before == dump.read_bytes()


ADA = (
    "{{Infobox person\n| name = Ada\n| birth_date = 1815\n}}\n"
    "'''Ada''' wrote.{{cite web |url=x |title=T}}\n[[Category:People]]\n"
)


def test_edit_writes_the_page_and_prints_the_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``edit`` applies the edits in order, writes the file, prints a unified diff."""
    page = tmp_path / "Ada.wikitext"
    page.write_text(ADA, encoding="utf-8")

    status = main(
        [
            "edit",
            str(page),
            "--set",
            "infobox.occupation=Writer",
            "--set",
            "cite web.title=New",
            "--rename",
            "cite web.url=link",
            "--add-category",
            "Writers|Lovelace",
            "--remove-category",
            "People",
        ]
    )
    out = capsys.readouterr().out

    assert 0 == status
    assert (
        "{{Infobox person\n| name = Ada\n| birth_date = 1815\n| occupation = Writer\n}}\n"
        "'''Ada''' wrote.{{cite web |link=x |title=New}}\n[[Category:Writers|Lovelace]]\n"
    ) == page.read_text(encoding="utf-8")
    assert out.startswith(f"--- a/{str(page).lstrip('/')}\n+++ b/")
    assert "+| occupation = Writer\n" in out and "-[[Category:People]]\n" in out


def test_edit_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--dry-run`` prints the diff and leaves the file as it was."""
    page = tmp_path / "Ada.wikitext"
    page.write_text(ADA, encoding="utf-8")

    assert 0 == main(["edit", str(page), "--delete", "infobox.birth_date", "--dry-run"])
    assert "-| birth_date = 1815\n" in capsys.readouterr().out
    assert ADA == page.read_text(encoding="utf-8")


def test_edit_addresses_the_nth_call(tmp_path: Path) -> None:
    """``TEMPLATE#N`` is the N-th call of the template in page order (``#1`` the first)."""
    page = tmp_path / "Ada.wikitext"
    page.write_text(ADA + "More.{{cite web |url=y |title=U}}\n", encoding="utf-8")

    assert 0 == main(["edit", str(page), "--set", "cite web#2.title=Second"])
    assert 0 == main(["edit", str(page), "--set", "Cite web#1.title=First"])
    text = page.read_text(encoding="utf-8")
    assert "{{cite web |url=x |title=First}}" in text
    assert "{{cite web |url=y |title=Second}}" in text


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        pytest.param(["--set", "Navbox.x=1"], "no call of template 'Navbox'", id="no-template"),
        pytest.param(["--set", "cite web#2.x=1"], "has only 1 such call", id="no-second-call"),
        pytest.param(["--set", "infobox#0.x=1"], "counted from #1", id="call-zero"),
        pytest.param(["--delete", "cite web.nope"], "no parameter 'nope'", id="no-parameter"),
        pytest.param(["--set", "infobox.x"], "TEMPLATE.PARAM=VALUE", id="no-value"),
        pytest.param(["--set", "x=1"], "TEMPLATE.PARAM", id="no-template-name"),
        pytest.param(["--remove-category", "Nope"], "not in category", id="no-category"),
        pytest.param(["--add-category", "A[b]"], "cannot be a category", id="bad-category"),
    ],
)
def test_edit_refuses_and_writes_nothing(
    tmp_path: Path, edit: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A template, parameter or category that is not there: one line, exit 2, no change."""
    page = tmp_path / "Ada.wikitext"
    page.write_text(ADA, encoding="utf-8")

    status = main(["edit", str(page), "--set", "infobox.name=Lovelace", *edit])
    captured = capsys.readouterr()

    assert (2, "") == (status, captured.out)
    assert message in captured.err and 1 == len(captured.err.strip().splitlines())
    assert ADA == page.read_text(encoding="utf-8")

"""The command line with templates: ``wikibio index``, ``--templates`` and ``extract --expand``.

Exit status as everywhere in the CLI: 0 on success, 2 on usage errors (and unreadable
input), 1 on failures (a dump that cannot be indexed), each with a one-line message.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from wikibio.cli import main
from wikibio.sources import from_dump, from_index, is_index, open_source

#: A small wiki in French: its templates live in ``Modèle:``; one article uses them.
DUMP = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">
  <siteinfo><namespaces>
    <namespace key="0" case="first-letter" />
    <namespace key="10" case="first-letter">Modèle</namespace>
    <namespace key="14" case="first-letter">Catégorie</namespace>
    <namespace key="828" case="first-letter">Module</namespace>
  </namespaces></siteinfo>
  <page><title>Modèle:Salut</title><ns>10</ns><id>1</id>
    <revision><id>1</id><text>Salut {{{1}}} !</text></revision></page>
  <page><title>Modèle:Source</title><ns>10</ns><id>2</id>
    <revision><id>2</id><text>{{#tag:ref|Livre de {{{1}}}.}}</text></revision></page>
  <page><title>Modèle:Ébauche</title><ns>10</ns><id>3</id>
    <revision><id>3</id><text>''Ébauche.''[[Catégorie:Ébauches]]</text></revision></page>
  <page><title>Ada</title><ns>0</ns><id>4</id>
    <revision><id>4</id><text>{{Salut|Ada}}{{Source|Babbage}}
{{Ébauche}}</text></revision></page>
  <page><title>Bob</title><ns>0</ns><id>5</id>
    <revision><id>5</id><text>Bob {{salut|Bob}}.</text></revision></page>
</mediawiki>
"""


def run(argv: list[str]) -> int:
    """``main``'s status, usage errors (which argparse raises as ``SystemExit``) included."""
    try:
        return main(argv)
    except SystemExit as exit:
        return int(exit.code or 0)


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "wiki.xml"
    path.write_text(DUMP, encoding="utf-8")
    return path


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "Ada.wikitext"
    path.write_text("{{Salut|Ada}}{{Source|Babbage}}", encoding="utf-8")
    return path


def test_index_builds_the_index_beside_the_dump(
    dump: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == main(["index", str(dump)])
    out, err = capsys.readouterr()
    index = dump.with_name("wiki.xml.templates.sqlite")
    assert out.startswith(f"{index}\t3 pages\t")
    assert "" == err  # no progress bar: stderr is not a terminal
    assert is_index(index) and not is_index(dump)


def test_index_writes_where_asked_and_draws_a_progress_bar_on_request(
    dump: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = tmp_path / "elsewhere.sqlite"
    assert 0 == main(["index", str(dump), "--index", str(index), "--progress"])
    out, err = capsys.readouterr()
    assert out.startswith(f"{index}\t")
    assert "100%" in err and "pages" in err and err.endswith("\n")
    with sqlite3.connect(index) as connection:
        assert ("Salut {{{1}}} !",) == connection.execute(
            "SELECT text FROM pages WHERE ns = 10 AND title = 'Salut'"
        ).fetchone()


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["index"], 2, "usage error"),
        (["index", "{tmp}/missing.xml"], 2, "cannot read"),
        (["index", "{tmp}"], 2, "a directory"),
        (["index", "{tmp}/broken.xml"], 1, "cannot index"),
        (["text", "{tmp}/Ada.wikitext", "--templates", "{tmp}/missing"], 2, "no template source"),
        (["text", "{tmp}/Ada.wikitext", "--templates", "{tmp}/broken.xml"], 2, "cannot index"),
        (["extract", "{tmp}/wiki.xml", "--templates-index", "{tmp}/i.sqlite"], 2, "--expand"),
        (["extract", "{tmp}/wiki.xml", "--expand", "--templates-index", "{tmp}"], 1, "cannot"),
    ],
    ids=[
        "no dump",
        "missing dump",
        "directory",
        "broken dump",
        "missing source",
        "broken source",
        "index without expand",
        "index path unwritable",
    ],
)
def test_errors_are_one_line_with_the_documented_status(
    argv: list[str],
    status: int,
    message: str,
    dump: Path,
    page: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "broken.xml").write_text("<mediawiki><page><title>X", encoding="utf-8")
    assert status == run([a.replace("{tmp}", str(tmp_path)) for a in argv])
    err = capsys.readouterr().err
    assert message in err
    assert 1 == len(err.strip().splitlines())


@pytest.mark.parametrize("kind", ["dump", "index", "directory"])
def test_text_expands_with_a_dump_an_index_or_a_directory(
    kind: str, dump: Path, page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if kind == "dump":
        source = dump
    elif kind == "index":
        source = from_dump(dump, index=tmp_path / "t.sqlite").index
    else:
        source = tmp_path / "templates"
        source.mkdir()
        (source / "Template:Salut.wikitext").write_text("Salut {{{1}}} !", encoding="utf-8")
        (source / "Template:Source.wikitext").write_text(
            "{{#tag:ref|Livre de {{{1}}}.}}", encoding="utf-8"
        )
    assert 0 == main(["text", str(page), "--templates", str(source)])

    assert "Salut Ada ![1]\n\n  1. ^ Livre de Babbage.\n" == capsys.readouterr().out


def test_show_and_json_take_templates_too(
    dump: Path, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == main(["json", str(page), "--templates", str(dump)])
    record = json.loads(capsys.readouterr().out)
    assert "Salut Ada ![1]" in record["text"]
    assert ["Livre de Babbage."] == [r["text"] for r in record["references"]]
    assert 0 == main(["show", str(page), "--templates", str(dump)])
    assert "Livre de Babbage." in capsys.readouterr().out


def test_show_lists_template_categories_and_expansion_problems(
    dump: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "Bob.wikitext"
    page.write_text("{{Ébauche}}{{Manquant}}[[Catégorie:Gens]]", encoding="utf-8")
    assert 0 == main(["show", str(page), "--templates", str(dump)])
    out = capsys.readouterr().out

    assert "\nCategories\n  Gens\n" in out
    assert "\nCategories added by templates\n  Ébauches\n" in out
    assert "\nExpansion diagnostics (1)\n" in out and "missing-template" in out


def test_extract_expand_reads_each_page_with_the_dumps_templates(
    dump: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    index = tmp_path / "t.sqlite"
    assert 0 == main(
        [
            "extract",
            str(dump),
            "--expand",
            "--templates-index",
            str(index),
            "-o",
            str(out),
            "-j",
            "1",
        ]
    )
    records = {r["title"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert "Salut Ada ![1] Ébauche.\n\n  1. ^ Livre de Babbage." == records["Ada"]["text"]
    assert ["Livre de Babbage."] == [r["text"] for r in records["Ada"]["references"]]
    assert "Bob Salut Bob !." == records["Bob"]["text"]
    assert is_index(index)


def test_extract_without_expand_reads_the_wikitext_as_written(dump: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert 0 == main(["extract", str(dump), "-o", str(out), "-j", "1"])
    records = {r["title"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert [] == records["Ada"]["references"]
    assert not dump.with_name("wiki.xml.templates.sqlite").exists()


def test_an_index_opens_without_its_dump(dump: Path, tmp_path: Path) -> None:
    built = from_dump(dump, index=tmp_path / "t.sqlite")
    dump.unlink()
    again = from_index(built.index)

    assert "Salut {{{1}}} !" == again.get("Template:Salut") == again.get("Modèle:Salut")
    assert again.exists("Ada")
    assert isinstance(open_source(built.index), type(again))


def test_from_dump_reports_progress_in_bytes_of_the_file(dump: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    from_dump(dump, index=tmp_path / "t.sqlite", progress=lambda p, b: seen.append((p, b)))

    assert (3, dump.stat().st_size) == seen[-1]

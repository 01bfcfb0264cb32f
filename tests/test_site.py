"""Site knowledge per wiki: namespaces, behaviour switches, interlanguage links, list templates.

The tables are the Wikipedias' own siteinfo (``wikibio.site.wikis``); a dump's ``<siteinfo>``
overrides them; ``parse(text, site=…)`` reads a page as its wiki does.
"""

from __future__ import annotations

import pickle

import pytest

import wikibio
from tests.conftest import CORPUS, needs_shared
from wikibio.dumps import dump_site, write_dump
from wikibio.references.cite import tag_attribute
from wikibio.site import Site, known_languages

#: The languages of the shared corpus and ground truth: each has a packaged table.
LANGUAGES = (
    "af ar bg cs de el en es fa fr he hi it ja ko nl nn pl ru simple uk ur vi zh ceb war pt ltg"
).split()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_corpus_language_has_a_table(language: str) -> None:
    """The corpus's and ground truth's languages are all in the packaged tables."""
    assert language in known_languages()
    site = Site.for_language(language)
    assert "Category" in site.names(14) and "File" in site.names(6)


@pytest.mark.parametrize(
    ("language", "category", "file"),
    [
        ("de", "Kategorie", "Datei"),
        ("fr", "Catégorie", "Fichier"),
        ("pt", "Categoria", "Ficheiro"),
        ("ru", "Категория", "Файл"),
        ("ceb", "Kategoriya", "Payl"),
        ("war", "Kaarangay", "Paypay"),
        ("ltg", "Kategoreja", "Fails"),
        ("nl", "Categorie", "Bestand"),
    ],
)
def test_localised_namespace_names(language: str, category: str, file: str) -> None:
    """Each wiki's local names come first, the canonical English names after them."""
    site = Site.for_language(language)
    assert site.names(14)[0] == category
    assert site.names(6)[0] == file


def test_a_site_travels_to_worker_processes() -> None:
    """A site pickles (extraction sends it to workers) and reads the same links after."""
    site = Site.for_language("de")
    copy = pickle.loads(pickle.dumps(site))
    assert site == copy
    assert copy.hidden_link.match("Datei:Bild.jpg") is not None
    assert copy.file_link.names == site.file_link.names
    assert ["Kategorie"] == [m.group(1) for m in copy.hidden_link.finditer("[[Kategorie:A]]")]


def test_unknown_language_is_a_clear_error() -> None:
    """A language code no Wikipedia has raises KeyError naming where the codes are listed."""
    with pytest.raises(KeyError, match="known_languages"):
        Site.for_language("xx-nowhere")


@pytest.mark.parametrize(
    ("language", "text", "categories"),
    [
        ("war", "Teksto.\n[[Kaarangay:Mga syudad]]\n", ["Mga syudad"]),
        ("ceb", "Teksto.\n[[Kategoriya:Mga dakbayan]]\n", ["Mga dakbayan"]),
        ("ltg", "Teksts.\n[[Kategoreja:Piļsāta]]\n", ["Piļsāta"]),
        ("de", "Text.\n[[Kategorie:Physiker]] [[Category:Mann]]\n", ["Physiker", "Mann"]),
        ("de", "Text.\n[[Kategoria:Fizycy]]\n", []),  # Polish: a link on the German wiki
    ],
)
def test_categories_follow_the_site(language: str, text: str, categories: list[str]) -> None:
    """A page's categories are the links to its own wiki's category namespace."""
    article = wikibio.parse(text, site=Site.for_language(language))
    assert article.categories == categories


def test_default_site_knows_every_wikis_category_names() -> None:
    """Without a site, every Wikipedia's category names categorise (the page may be any)."""
    article = wikibio.parse("Text.\n[[Kaarangay:A]] [[Kategoreja:B]] [[Категория:C]]\n")
    assert article.categories == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("language", "text", "shown"),
    [
        ("en", "__NOTOC__\nText.", "Text."),
        ("de", "Text. __KEIN_INHALTSVERZEICHNIS__", "Text."),
        ("ru", "__БЕЗ_ОГЛАВЛЕНИЯ__\nЖизнь.", "Жизнь."),
        ("en", "Text.\n\n[[de:Text]]\n[[fr:Texte]]", "Text."),
        ("en", "Text [[:de:Text|German]].", "Text German."),
        (
            "en",
            "A [[wikt:word|word]], [[Help:X|help]].\n[[de:A]] [[Category:Y]]\n[[fr:A]]",
            "A word, help.",
        ),
        ("en", "Text __NOT_A_SWITCH__.", "Text __NOT_A_SWITCH__."),
        ("de", "Text.\n[[Datei:X.jpg|mini|hochkant|Bild]]\n[[Kategorie:Y]]", "Text."),
        ("fr", "Texte.\n[[Fichier:X.jpg|vignette|gauche|Image]]", "Texte."),
    ],
)
def test_reading_view_drops_site_syntax(language: str, text: str, shown: str) -> None:
    """Behaviour switches, interlanguage links, file and category links show no text."""
    assert wikibio.parse(text, site=Site.for_language(language)).to_text() == shown


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "a [[Category:Y]] b [[de:T]] c [[File:Z]] [[fr:T|x]] d",
            "a [[Category:Y]] b  c [[File:Z]]  d",
        ),
        ("a [[Category:Y]] [[File:Z]] [[wikt:w]]", "a [[Category:Y]] [[File:Z]] [[wikt:w]]"),
        ("[[de:T]][[de:T]]", ""),
    ],
)
def test_without_site_syntax_removes_only_language_links(text: str, kept: str) -> None:
    """Links with other prefixes stay, before and after the first interlanguage link."""
    assert Site.default().without_site_syntax(text) == kept


def test_siteinfo_overrides_the_table() -> None:
    """A dump's <siteinfo> adds its namespace names over its language's packaged table."""
    siteinfo = (
        "<siteinfo><dbname>dewiki</dbname><namespaces>"
        '<namespace key="14" case="first-letter">Sachgruppe</namespace>'
        "</namespaces></siteinfo>"
    )
    site = Site.from_siteinfo(siteinfo)
    assert site.language == "de"
    assert site.names(14)[0] == "Sachgruppe" and "Kategorie" in site.names(14)
    assert wikibio.parse("[[Sachgruppe:X]]", site=site).categories == ["X"]


def test_extract_reads_the_dumps_siteinfo(tmp_path: object) -> None:
    """``dump_site`` reads a dump's <siteinfo>; one that names no wiki extends the default."""
    from pathlib import Path

    path = Path(str(tmp_path)) / "d.xml"
    write_dump([], path, multistream=False)
    site = dump_site(path)
    assert site.language == "en" and site.names(14)[0] == "Category"
    assert "Kategorie" in site.names(14) and site.is_behaviour_switch("__KEIN_INHALTSVERZEICHNIS__")


@needs_shared(CORPUS / "wikis" / "ltgwiki-pages-articles.xml")
def test_dump_site_of_a_real_wiki() -> None:
    """The Latgalian dump's siteinfo names its wiki and its category namespace."""
    site = dump_site(CORPUS / "wikis" / "ltgwiki-pages-articles.xml")
    assert site.language == "ltg" and site.names(14)[0] == "Kategoreja"


def test_parse_refuses_a_site_of_the_wrong_type() -> None:
    """``site`` must be a Site: a language code string is a TypeError saying what to pass."""
    with pytest.raises(TypeError, match=r"Site\.for_language"):
        wikibio.parse("x", site="de")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "value"),
    [('"nb"', "nb"), ("'pop'", "pop"), (' "a b" ', "a b"), ('"', '"'), ('""', ""), ("x", "x")],
)
def test_tag_attribute_strips_quotes_as_tag_does(written: str, value: str) -> None:
    """``{{#tag:…|name="x"}}`` strips one pair of quotes around a value."""
    assert tag_attribute(written) == value


@pytest.mark.parametrize(
    "text",
    [
        'A.{{efn|name = "pop"|Note.}} B.{{efn|name=pop}}\n{{notelist}}',
        'A.<ref group=nb>N.</ref>\n{{Reflist|group="nb"}}',
    ],
)
def test_quoted_names_and_groups_are_those_of_tag(text: str) -> None:
    """Quoted names and groups in ref-making and list templates read as #tag reads them."""
    article = wikibio.parse(text)
    codes = [d.code for d in article.diagnostics]
    assert "cite_error_group_refs_without_references" not in codes
    assert all(len(r.references) == 1 for r in article.reference_lists)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("A<ref group=Note>N.</ref>\n{{Références|groupe=Note}}", "Note"),
        ("A<ref group=nota>N.</ref>\n{{Referências|grupo=nota}}", "nota"),
        ("A<ref>N.</ref>\n{{Примечания}}", ""),
        ("A<ref group=п>N.</ref>\n{{Примечания|группа=п}}", "п"),
    ],
)
def test_localised_list_templates(text: str, group: str) -> None:
    """Other Wikipedias' list templates place their group's list where they stand."""
    article = wikibio.parse(text)
    placed = [r for r in article.reference_lists if r.group == group]
    assert len(placed) == 1 and placed[0].start >= 0
    assert len(placed[0].references) == 1


@pytest.mark.parametrize(
    ("text", "templates"),
    [
        ("{{SORTIERUNG:Einstein, Albert}}{{Foo}}", ["Foo"]),
        ("{{ORDENAR:Pessoa}}{{СОРТИРОВКА_ПО_УМОЛЧАНИЮ:Иванов}}", []),
        ("{{SEITENNAME}}{{PAGENAME}}", []),
        (
            "{{Vorlage:Infobox Person}}{{Modèle:Lien web}}{{Шаблон:Книга}}",
            ["Infobox Person", "Lien web", "Книга"],
        ),
    ],
)
def test_every_wikis_magic_words_are_not_template_calls(text: str, templates: list[str]) -> None:
    """Localised variables and parser functions are not template calls; localised template
    namespace prefixes name the template (every Wikipedia's siteinfo)."""
    assert [t.name for t in wikibio.parse(text).templates] == templates

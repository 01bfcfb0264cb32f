"""``wikibio.expand``: MediaWiki's template expansion, behaviour by behaviour."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

import wikibio
from wikibio.expand import expand_with_diagnostics
from wikibio.expand.expr import ExprError, evaluate
from wikibio.site.expansion import ExpansionSite
from wikibio.sources import TemplateSourceError, from_directory, from_dump

CLOCK = datetime.datetime(2024, 2, 29, 13, 5, 9, tzinfo=datetime.UTC)

TEMPLATES = {
    "Template:1x": "{{{1}}}",
    "Template:Greet": "Hello, {{{name|{{{1|world}}}}}}!",
    "Template:Doc": "<noinclude>documentation</noinclude>body<includeonly> included</includeonly>",
    "Template:Only": (
        "before<onlyinclude>[only]</onlyinclude>between<onlyinclude>[also]</onlyinclude>"
    ),
    "Template:Spaces": "[{{{1}}}][{{{a}}}]",
    "Template:Self": "x{{Self}}",
    "Template:Redirect to self": "#REDIRECT [[Template:Self via redirect]]",
    "Template:Self via redirect": "y{{Redirect to self}}",
    "Template:Alias": "#REDIRECT [[Template:Greet]]",
    "Template:List": "* item",
    "Template:Missing inside": "{{#if:{{{1|}}}|{{No such template}}|fine}}",
    "Template:Main page": "page",
    "Template:Substable": (
        "{{ {{{|safesubst:}}}lc:ABC}}|{{safesubst:<noinclude />uc:def}}"
        "|{{ {{{|safesubst:}}}#if:x|y}}"
    ),
    "Main page": "article text",
}

CASES = [
    ("parameter", "{{1x|a}}", "a"),
    ("default from another parameter", "{{Greet|you}}", "Hello, you!"),
    ("named parameter wins over the default", "{{Greet|name=Ann|you}}", "Hello, Ann!"),
    ("default", "{{Greet}}", "Hello, world!"),
    ("numbered values keep spaces, named are trimmed", "{{Spaces| x | a = y }}", "[ x ][y]"),
    ("a later duplicate wins", "{{1x|1=a|b}}", "b"),
    ("first letter and underscores are normalised", "{{greet_}}", "Hello, world!"),
    ("explicit namespace", "{{Template:1x|z}}", "z"),
    ("leading colon means the main namespace", "{{:Main page}}", "article text"),
    ("noinclude and includeonly when transcluded", "{{Doc}}", "body included"),
    ("onlyinclude keeps only its parts", "{{Only}}", "[only][also]"),
    ("a redirect between templates is followed", "{{Alias|you}}", "Hello, you!"),
    ("missing template shows a red link", "{{No such}}", "[[:Template:No such]]"),
    ("invalid title stays as written", "{{a[b]|{{1x|c}}}}", "{{a[b]|c}}"),
    ("subst is left as written when viewing", "{{subst:1x|{{1x|v}}}}", "{{subst:1x|v}}"),
    ("safesubst is read as a normal call", "{{safesubst:1x|v}}", "v"),
    ("substable template idioms read as normal calls", "{{Substable}}", "abc|DEF|y"),
    ("loop", "{{Self}}", 'x<span class="error">Template loop detected: [[Template:Self]]</span>'),
    (
        "loop through a redirect",
        "{{Self via redirect}}",
        'y<span class="error">Template loop detected: [[Template:Redirect to self]]</span>',
    ),
    ("block result gets its own line", "a{{List}}", "a\n* item"),
    ("a branch not taken is never expanded", "{{Missing inside}}", "fine"),
    ("arguments on the page take their default", "{{{1|d}}} {{{x}}}", "d {{{x}}}"),
    ("comments are removed", "a<!-- c -->b", "ab"),
    ("extension tags are kept", "<ref>{{1x|r}}</ref>", "<ref>{{1x|r}}</ref>"),
    ("#if", "{{#if: x | yes | no}}{{#if: | yes | no}}", "yesno"),
    ("#ifeq compares numbers numerically", "{{#ifeq: 01 | 1 | same | different}}", "same"),
    ("#ifeq compares text as text", "{{#ifeq: a | A | same | different}}", "different"),
    ("#switch falls through", "{{#switch: b | a | b | c = abc | #default = d}}", "abc"),
    ("#switch default", "{{#switch: z | a = 1 | #default = d}}", "d"),
    ("#switch last value without equals is the default", "{{#switch: z | a = 1 | last}}", "last"),
    ("#expr", "{{#expr: 2 * (3 + 4) / 4}}", "3.5"),
    (
        "#expr error",
        "{{#expr: 1 +}}",
        '<strong class="error">Expression error: Missing operand for +.</strong>',
    ),
    ("#iferror", "{{#iferror: {{#expr: 1/0}} | bad | good}}", "bad"),
    ("#ifexpr", "{{#ifexpr: 2 > 1 | yes | no}}", "yes"),
    ("#time with the clock", "{{#time: Y-m-d H:i:s}}", "2024-02-29 13:05:09"),
    ("#time with a date", "{{#time: j F Y, l | 2001-01-15}}", "15 January 2001, Monday"),
    (
        "#time with a year alone (29 Feb overflows)",
        "{{#time: Y-m-d H:i | 1990}}",
        "1990-03-01 00:00",
    ),
    (
        "#time with an ISO offset",
        "{{#time: Y-m-d H:i | 2011-11-12T23:00:00+01:00}}",
        "2011-11-12 22:00",
    ),
    (
        "#time with an unreadable date",
        "{{#time: Y | not a date}}",
        '<strong class="error">Error: Invalid time.</strong>',
    ),
    ("#titleparts", "{{#titleparts: A/B/C | 2 | 2}}", "B/C"),
    ("#rel2abs", "{{#rel2abs: ../d | a/b/c}}", "a/b/d"),
    ("lc and uc", "{{lc:ÀB}}{{uc:àb}}{{ucfirst:abc}}{{lcfirst:ABC}}", "àbÀBAbcaBC"),
    ("padleft", "{{padleft:7|3|0}}{{padright:ab|5|xy}}", "007abxyx"),
    ("formatnum", "{{formatnum:1234567.891}}", "1,234,567.891"),
    ("plural", "{{plural:1|one|many}} {{plural:2|one|many}}", "one many"),
    ("urlencode", "{{urlencode:a b&c}} {{urlencode:a b|WIKI}}", "a+b%26c a_b"),
    ("ns", "{{ns:10}} {{ns:template}}", "Template Template"),
    (
        "English Wikipedia's project namespace by default",
        "{{ns:4}}|{{ns:WP}}",
        "Wikipedia|Wikipedia",
    ),
    (
        "page name",
        "{{PAGENAME}}|{{NAMESPACE}}|{{FULLPAGENAME}}",
        "Foo&#39;s page|Help|Help:Foo&#39;s page",
    ),
    ("page name words are case-sensitive", "{{pagename}}", "[[:Template:Pagename]]"),
    ("current date", "{{CURRENTYEAR}}-{{CURRENTMONTH}}-{{CURRENTDAY2}}", "2024-02-29"),
    (
        "#language and #dir",
        "{{#language:de}}/{{#language:DE|en}}/{{#dir:he}}",
        "Deutsch/German/rtl",
    ),
    ("#tag", '{{#tag:ref|body|name="n"}}', '<ref name="n">body</ref>'),
    ("#tag of an HTML element", "{{#tag:span|x|class=c}}", '<span class="c">x</span>'),
    (
        "#tag of an unknown name",
        "{{#tag:nosuch|x}}",
        '<strong class="error">Unknown extension tag "nosuch"</strong>',
    ),
    ("{{!}}", "a{{!}}b", "a|b"),
    ("unknown parser function stays", "{{#nosuchfunction:x}}", "{{#nosuchfunction:x}}"),
    (
        "#invoke without the module",
        "{{#invoke:X|f}}",
        '<strong class="error"><span class="scribunto-error">'
        'Script error: No such module "X".</span></strong>',
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_expansion(text: str, expected: str) -> None:
    """The expansion is what MediaWiki's expandtemplates gives for the same input."""
    title = "Help:Foo's page"
    assert expected == wikibio.expand(text, title=title, templates=TEMPLATES, clock=CLOCK)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{{No such}}", "missing-template"),
        ("{{Self}}", "template-loop"),
        ("{{#expr: 1/0}}", "expression-error"),
        ("{{#invoke:X|f}}", "script-error"),
        ("{{#nosuchfunction:x}}", "unknown-parser-function"),
    ],
)
def test_problems_become_diagnostics(text: str, code: str) -> None:
    """Every error MediaWiki shows in the text is also a diagnostic with its code."""
    result = expand_with_diagnostics(text, templates=TEMPLATES, clock=CLOCK)
    assert [code] == [d.code for d in result.diagnostics]


def test_a_lazy_argument_is_expanded_once() -> None:
    """An argument used many times is expanded once (MediaWiki caches it per frame)."""
    templates = {"Template:Many": "{{{1}}}" * 50, "Template:Count": "c"}
    result = expand_with_diagnostics("{{Many|{{Count}}}}", templates=templates)
    assert "c" * 50 == result.text


def test_deep_nesting_stops_at_the_expansion_depth_limit() -> None:
    """A chain of 150 templates stops after 100 frames, with no RecursionError.

    With both limits at 100 the expansion depth is reached first: the 100th template's
    body expands the next call's title one level deeper (as in MediaWiki).
    """
    templates = {f"Template:T{i}": f"<{{{{T{i + 1}}}}}>" for i in range(150)}
    result = expand_with_diagnostics("{{T0}}", templates=templates)
    error = '<span class="error">Expansion depth limit exceeded</span>'
    assert "<" * 100 + "{{" + error + "}}" + ">" * 100 == result.text
    assert ["expansion-depth-exceeded"] == [d.code for d in result.diagnostics]


def test_a_lower_template_depth_limit_shows_mediawikis_message() -> None:
    """``$wgMaxTemplateDepth`` reached: "Template recursion depth limit exceeded (N)"."""
    templates = {f"Template:T{i}": f"<{{{{T{i + 1}}}}}>" for i in range(10)}
    site = evolve(ExpansionSite.from_names(), max_template_depth=3)
    result = expand_with_diagnostics("{{T0}}", templates=templates, site=site)
    error = '<span class="error">Template recursion depth limit exceeded (3)</span>'
    assert "<<<" + error + ">>>" == result.text


def test_an_exponential_template_bomb_stops_at_a_limit_quickly() -> None:
    """Each level calls the next twice: MediaWiki's size and node limits stop it."""
    templates = {f"Template:B{i}": f"{{{{B{i + 1}}}}}{{{{B{i + 1}|x}}}}" for i in range(40)}
    templates["Template:B40"] = "0123456789" * 100
    start = time.perf_counter()
    result = expand_with_diagnostics("{{B0}}", templates=templates)
    assert time.perf_counter() - start < 30
    codes = {d.code for d in result.diagnostics}
    assert codes & {"post-expand-include-size", "node-count-exceeded"}


def test_from_directory_reads_files_named_by_title(tmp_path: Path) -> None:
    """``Template:Foo.wikitext`` files answer ``get("Template:Foo")``; ``%2F`` is a slash."""
    (tmp_path / "Template:Box.wikitext").write_text("[{{{1}}}]", encoding="utf-8")
    (tmp_path / "Template:Box%2Fdoc.wikitext").write_text("doc", encoding="utf-8")
    source = from_directory(tmp_path)
    assert "[a] doc" == wikibio.expand("{{box|a}} {{Box/doc}}", templates=source)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1+2", "3"),
        ("(-1)*0", "-0"),
        ("1e14", "1.0E+14"),
        ("1e13", "10000000000000"),
        ("0.0001", "0.0001"),
        ("0.00001", "1.0E-5"),
        ("1/3", "0.33333333333333"),
        ("2^3^2", "64"),
        ("-7 mod 3", "-1"),
        ("7 fmod 2.5", "2"),
        ("3 round 0", "3"),
        ("2.5 round 0", "3"),
        ("-2.5 round 0", "-3"),
        ("1.005 round 2", "1.01"),
        ("pi", "3.1415926535898"),
        ("trunc 5.7", "5"),
        ("not 0 and 1", "1"),
        ("1 <> 2", "1"),
        ("2 e 3", "2000"),
        ("", ""),
    ],
)
def test_expr_numbers_are_written_as_php_writes_them(expression: str, expected: str) -> None:
    """``#expr`` results: PHP's float formatting with 14 significant digits."""
    assert expected == evaluate(expression)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("1 2", "Expression error: Unexpected number."),
        ("foo", 'Expression error: Unrecognized word "foo".'),
        ("1 +", "Expression error: Missing operand for +."),
        (")", "Expression error: Unexpected closing bracket."),
        ("(1", "Expression error: Unclosed bracket."),
        ("1/0", "Division by zero."),
        ("1 # 2", 'Expression error: Unrecognized punctuation character "#".'),
    ],
)
def test_expr_errors_read_as_mediawikis(expression: str, message: str) -> None:
    """Bad expressions raise with ParserFunctions' English message."""
    with pytest.raises(ExprError) as error:
        evaluate(expression)
    assert message == str(error.value)


_WIKITEXT = st.text(alphabet="{}|=[]<>!-:#* \nabx0123", max_size=60)


@given(text=_WIKITEXT)
def test_any_text_expands_without_raising(text: str) -> None:
    """Expansion is total: any string expands, whatever its braces."""
    result = expand_with_diagnostics(text, templates=TEMPLATES, clock=CLOCK)
    assert isinstance(result.text, str)


@given(text=st.text(alphabet="abc \n.,'", max_size=80))
def test_text_without_markup_is_unchanged(text: str) -> None:
    """Plain text passes through expansion unchanged."""
    assert text == wikibio.expand(text)


_DUMP = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">
  <siteinfo><namespaces>
    <namespace key="0" case="first-letter" />
    <namespace key="10" case="first-letter">Modèle</namespace>
    <namespace key="828" case="first-letter">Module</namespace>
  </namespaces></siteinfo>
  <page><title>Modèle:Salut</title><ns>10</ns><id>1</id>
    <revision><id>1</id><text>Salut {{{1}}} !</text></revision></page>
  <page><title>Modèle:Alias</title><ns>10</ns><id>2</id>
    <revision><id>2</id><text>#REDIRECT [[Modèle:Salut]]</text></revision></page>
  <page><title>Article</title><ns>0</ns><id>3</id>
    <revision><id>3</id><text>{{Salut|x}}</text></revision></page>
</mediawiki>
"""


@pytest.mark.parametrize("compression", ["", ".gz", ".bz2"])
def test_from_dump_indexes_the_non_article_pages(tmp_path: Path, compression: str) -> None:
    """Templates (under the wiki's own namespace name) are indexed; of articles only their
    titles, which ``#ifexist`` reads."""
    import bz2
    import gzip

    data = _DUMP.encode()
    path = tmp_path / f"wiki.xml{compression}"
    if compression == ".gz":
        data = gzip.compress(data)
    elif compression == ".bz2":
        data = bz2.compress(data)
    path.write_bytes(data)
    source = from_dump(path)
    assert path.with_name(path.name + ".templates.sqlite") == source.index
    assert 2 == len(source)
    assert "Salut {{{1}}} !" == source.get("Template:Salut")
    assert source.get("Article") is None
    assert "Salut toi ! Salut vous !" == wikibio.expand(
        "{{Salut|toi}} {{alias|vous}}", templates=source
    )
    assert source.exists("Article") and not source.exists("Missing")
    assert "yes no" == wikibio.expand(
        "{{#ifexist:Article|yes|no}} {{#ifexist:Missing|yes|no}}", templates=source
    )


def test_from_dump_rebuilds_the_index_when_the_dump_changes(tmp_path: Path) -> None:
    """The index records the dump's size and mtime; a changed dump is indexed again."""
    path = tmp_path / "wiki.xml"
    path.write_text(_DUMP, encoding="utf-8")
    assert "Salut {{{1}}} !" == from_dump(path).get("Template:Salut")
    path.write_text(_DUMP.replace("Salut {{{1}}}", "Bonjour {{{1}}}"), encoding="utf-8")
    assert "Bonjour {{{1}}} !" == from_dump(path).get("Template:Salut")


def test_from_dump_refuses_a_missing_dump(tmp_path: Path) -> None:
    """A path that is not a file is a ``TemplateSourceError`` saying what to give."""
    with pytest.raises(TemplateSourceError, match="no dump"):
        from_dump(tmp_path / "absent.xml")


@pytest.mark.parametrize(
    "text",
    [
        "{{1x|" * 3000 + "x" + "}}" * 3000,
        "{{{1|" * 3000 + "x" + "}}}" * 3000,
        "{{#if:1|" * 3000 + "x" + "}}" * 3000,
    ],
    ids=["nested calls", "nested defaults", "nested functions"],
)
def test_deeply_nested_markup_stops_at_the_expansion_depth_limit(text: str) -> None:
    """3,000 levels of nesting: MediaWiki's depth message, no RecursionError, no hang."""
    result = expand_with_diagnostics(text, templates=TEMPLATES)
    assert "Expansion depth limit exceeded" in result.text
    assert ["expansion-depth-exceeded"] == [d.code for d in result.diagnostics]


def test_the_invoke_hook_sees_arguments_and_can_call_back() -> None:
    """What issue 13's Lua runtime needs: the module's frame (``#invoke``'s arguments after
    the function name, numbered from 1), its parent (the calling template's arguments),
    ``preprocess`` in the module's frame and ``expandTemplate``."""
    from wikibio.expand import Arg, Call

    def invoke(call: Call, module: str, function: str, args: list[Arg]) -> str:
        own = call.arguments()
        parent = call.parent_arguments()
        pre = call.preprocess("{{{1}}}/{{{k}}}/{{1x|p}}")
        called = call.expand_template("Greet", {"1": " spaced "})
        return f"{module}.{function} {own} {parent} {pre} {called}"

    templates = {
        **TEMPLATES,
        "Template:Uses": "{{#invoke:M|run| a |k = b}}",
        "Module:M": "return {}",
    }
    result = expand_with_diagnostics("{{Uses|who=me|x}}", templates=templates, invoke=invoke)
    expected = (
        "Module:M.run {'1': ' a ', 'k': 'b'} {'who': 'me', '1': 'x'}  a /b/p Hello,  spaced !"
    )
    assert expected == result.text


def test_arguments_past_the_argument_size_limit_are_omitted() -> None:
    """ "Template argument size": past the limit an argument shows MediaWiki's warning
    (here the warning itself then overflows the post-expand size, which has the same limit,
    so the call shows as a link)."""
    site = evolve(ExpansionSite.from_names(), max_include_size=10)
    result = expand_with_diagnostics("{{1x|123456}}{{1x|7890123}}", templates=TEMPLATES, site=site)
    omitted = "<!-- WARNING: template omitted, post-expand include size too large -->"
    assert "123456[[:Template:1x]]" + omitted == result.text
    assert ["template-argument-size", "post-expand-include-size"] == [
        d.code for d in result.diagnostics
    ]


def test_a_site_gives_its_namespace_names() -> None:
    """With ``Site.for_language("de")`` titles read German namespace names and show them,
    and German magic words (``SEITENNAME``) are read."""
    from wikibio.site import Site

    result = expand_with_diagnostics(
        "{{ns:10}}|{{Vorlage:X}}|{{X}}|{{NAMESPACE}}|{{SEITENNAME}}",
        title="Benutzer:Foo",
        templates={"Template:X": "x"},
        site=Site.for_language("de"),
    )
    assert "Vorlage|x|x|Benutzer|Foo" == result.text


#: Content-language behaviour: (language, wikitext, expected), each from the language's
#: ``Messages*.php``/``Language*.php`` (see ``wikibio.site.languages``).
LANGUAGE_CASES = [
    ("de", "{{ns:User}}", "Benutzer"),
    ("cs", "{{PRVNÍVELKÉ:ěščř}} {{velká:ěščř}}", "Ěščř ĚŠČŘ"),
    ("tr", "{{ucfirst:ix}} {{lcfirst:Ix}}", "İx ıx"),  # noqa: RUF001
    ("bn", "{{formatnum:1234567}}", "১২,৩৪,৫৬৭"),
    ("de", "{{formatnum:1234567.5}}", "1.234.567,5"),
    (
        "de",
        "{{#formatdate:jun. 3|dmy}}",
        '<span class="mw-formatted-date" title="06-03">3 Juni</span>',
    ),
    ("nl", "{{#time:j F Y|1988-02-28}}", "28 februari 1988"),
    ("ja", "{{#timef:15 January 2001}}", "2001年1月15日 (月) 00:00"),
    ("de", "{{CURRENTMONTHNAME}} {{CURRENTDAYNAME}}", "Februar Donnerstag"),
    ("sr-ec", "{{#bcp47}} {{#bcp47:zh-yue}} {{#bcp47:en-gb}}", "sr-Cyrl yue en-GB"),
    ("ar", "{{#language:|en}}", "Arabic"),
    ("ja", "{{＃言語：ja}}", "日本語"),  # noqa: RUF001
]


@pytest.mark.parametrize(("language", "text", "expected"), LANGUAGE_CASES)
def test_a_content_language_gives_its_names_numbers_and_case_rules(
    language: str, text: str, expected: str
) -> None:
    """``ExpansionSite.with_language`` reads the language's magic words, namespaces,
    month names, digits and case rules."""
    site = ExpansionSite.english_wikipedia().with_language(language)
    assert expected == expand_with_diagnostics(text, site=site, clock=CLOCK).text


def test_a_serbian_template_is_found_under_its_other_script() -> None:
    """A missing template is looked up under the other variant's spelling (findVariantLink)."""
    site = ExpansionSite.english_wikipedia().with_language("sr")
    result = expand_with_diagnostics("{{тест}}", templates={"Template:Test": "t"}, site=site)
    assert "t" == result.text


SETTING_CASES = [
    ("user language", {"user_language": "fr"}, "{{USERLANGUAGE}}", "fr"),
    ("no user language", {}, "{{USERLANGUAGE}}", "[[:Template:USERLANGUAGE]]"),
    (
        "non-includable namespace",
        {"nonincludable": frozenset({10})},
        "{{1x|a}}",
        "[[:Template:1x]]",
    ),
    ("legacy anchors", {"fragment_mode": "legacy"}, "{{anchorencode:a b©}}", "a_b.C2.A9"),
    (
        "statistics",
        {"statistics": {"files": 1234}},
        "{{NUMBEROFFILES}} {{NUMBEROFFILES:R}}",
        "1,234 1234",
    ),
]


@pytest.mark.parametrize(
    ("settings", "text", "expected"),
    [c[1:] for c in SETTING_CASES],
    ids=[c[0] for c in SETTING_CASES],
)
def test_site_settings_change_what_expands(
    settings: dict[str, Any], text: str, expected: str
) -> None:
    """``$wg`` settings the site carries: user language, non-includable namespaces,
    fragment mode, statistics."""
    site = evolve(ExpansionSite.english_wikipedia(), **settings)
    assert expected == expand_with_diagnostics(text, templates=TEMPLATES, site=site).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "{{#special:RandomPage}} {{#special:bAdTiTlE}} {{#special:Foo/bar}}",
            "Special:Random Special:Badtitle Special:Foo/bar",
        ),
        ("{{int:greeting|you}}", "Hi, you!"),
        ("{{int:mainpage}} {{MediaWiki:History_short}}", "Main Page History"),
        ("{{int:no-such-message}}", "⧼no-such-message⧽"),
        ("{{PAGESINCATEGORY:<bad>}}", "0"),
        ("{{PAGESIZE:Template:1x}} {{PAGESIZE:No such}} {{PAGEID:No such}}", "7 0 0"),
        ("{{#ifeq:{{REVISIONYEAR}}|{{CURRENTYEAR}}|same}}|{{REVISIONYEAR:Other}}", "same|"),
        ("{{#ifexist:Media:A.jpg|yes|no}} {{#ifexist:Media:B.jpg|yes|no}}", "yes no"),
        ("{{#interwikilink:wikt|word|text}}", "[[:wikt:word|text]]"),
    ],
)
def test_messages_special_pages_and_files(text: str, expected: str) -> None:
    """``int:`` reads ``MediaWiki:`` pages (then English defaults), ``#special`` special
    page aliases, ``#ifexist`` on ``Media:`` the file's page."""

    pages = {"MediaWiki:Greeting": "Hi, {{1x|$1}}!", **TEMPLATES}

    class Source:
        def get(self, title: str) -> str | None:
            return pages.get(title)

        def exists(self, title: str) -> bool:
            return title == "File:A.jpg"

    assert expected == wikibio.expand(text, templates=Source())


def test_tag_hooks_render_extension_tags_while_expanding() -> None:
    """A tag hook gets the tag's body and attributes in the frame it appears in; its text
    replaces the tag, and parser functions see a strip marker in its place."""
    from wikibio.expand import WIKITEXT_BODIES, Call

    def shout(call: Call, name: str, body: str | None, attributes: dict[str, str]) -> str:
        return f"[{name}:{call.preprocess(body or '').upper()}:{attributes}]"

    templates = {**TEMPLATES, "Template:T": "<shout a='1'>{{{1}}}</shout>"}
    tags = {"shout": shout, **WIKITEXT_BODIES}
    result = expand_with_diagnostics(
        "{{T|x=y}} {{#tag:shout|b|a=2}} {{lc:<shout>C</shout>}} "
        '<pre format="wikitext">{{1x|p}}</pre><pre>{{1x|q}}</pre>',
        templates=templates,
        tags=tags,
    )
    assert (
        "[shout:{{{1}}}:{'a': '1'}] [shout:B:{'a': '2'}] [shout:C:{}] "
        '<pre format="wikitext">p</pre><pre>{{1x|q}}</pre>'
    ) == result.text
    gallery = expand_with_diagnostics(
        '<gallery caption="{{1x|c}}">\nFile:A.jpg|alt=a|{{1x|d}}\n</gallery>',
        templates=templates,
        tags=tags,
    )
    assert '<gallery caption="c">\nFile:A.jpg|alt=a|d\n</gallery>' == gallery.text

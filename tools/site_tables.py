"""Regenerate ``src/wikibio/site/data/wikis.json`` from the Wikipedias' own siteinfo.

The source is the siteinfo that each Wikipedia's API returned
(``api.php?action=query&meta=siteinfo&siprop=namespaces|namespacealiases|magicwords|interwikimap``),
as the DBpedia extraction framework keeps it for every language edition in
``core/src/main/settings/<code>wiki-configuration.xml`` (github.com/dbpedia/extraction-framework).
That siteinfo is MediaWiki's language files (``languages/messages/Messages*.php``) merged with
each wiki's own configuration (``wgExtraNamespaces``, ``wgNamespaceAliases``), so it is what
the wiki itself recognises.  Only facts are kept: names, aliases, prefixes.

Usage: ``python tools/site_tables.py PATH-TO-extraction-framework-git-dir``
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SETTINGS = "core/src/main/settings"
OUT = Path(__file__).resolve().parent.parent / "src/wikibio/site/data/wikis.json"


def _git(repo: str, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", repo, *args], check=True, capture_output=True, text=True
    ).stdout


def main(repo: str) -> None:
    commit = _git(repo, "rev-parse", "HEAD").strip()
    names = [
        line.rsplit("/", 1)[1]
        for line in _git(repo, "ls-tree", "-r", "--name-only", "HEAD", SETTINGS).splitlines()
        if line.endswith("wiki-configuration.xml")
    ]
    english: dict[str, list[str]] = {}
    case_sensitive: set[str] = set()
    wikis: dict[str, dict[str, object]] = {}
    languages: list[str] = []
    for name in sorted(names, key=lambda n: (n != "enwiki-configuration.xml", n)):
        code = name.removesuffix("wiki-configuration.xml")
        root = ET.fromstring(_git(repo, "show", f"HEAD:{SETTINGS}/{name}"))
        query = root.find("query")
        if query is None or query.find("namespaces") is None:
            continue
        namespaces: dict[str, list[str]] = {}
        for ns in query.iterfind("namespaces/ns"):
            if ns.get("id") == "0":
                continue
            local = (ns.text or "").strip()
            canonical = ns.get("canonical", "")
            namespaces[ns.get("id", "")] = [local] + ([canonical] if canonical and canonical != local else [])
        for ns in query.iterfind("namespacealiases/ns"):
            alias = (ns.text or "").strip()
            entry = namespaces.setdefault(ns.get("id", ""), [])
            if alias and alias not in entry:
                entry.append(alias)
        magic: dict[str, list[str]] = {}
        for word in query.iterfind("magicwords/magicword"):
            key = word.get("name", "")
            aliases = [a.text or "" for a in word.iterfind("aliases/alias")]
            if code == "en":
                english[key] = aliases
                if word.get("case-sensitive") is not None:
                    case_sensitive.add(key)
                continue
            extra = [a for a in aliases if a not in english.get(key, ())]
            if extra:
                magic[key] = extra
        if code == "en":
            languages = sorted(
                iw.get("prefix", "")
                for iw in query.iterfind("interwikimap/iw")
                if iw.get("language") is not None
            )
        wikis[code] = {"namespaces": namespaces, "magic_words": magic}
    data = {
        "source": (
            "siteinfo of each Wikipedia (API meta=siteinfo), as kept by "
            f"github.com/dbpedia/extraction-framework@{commit} in {SETTINGS}/<code>wiki-configuration.xml"
        ),
        "magic_words": english,
        "case_sensitive": sorted(case_sensitive),
        "interlanguage_prefixes": languages,
        "wikis": wikis,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
    # What every Wikipedia together recognises, read at import (the full table loads lazily):
    # the names of the namespaces whose links show no text, and the behaviour switches.
    switches = sorted(k for k, v in english.items() if v and all(a.startswith("__") and a.endswith("__") for a in v))
    union: dict[str, object] = {"source": data["source"], "behaviour_switches": switches}
    for key, ns in (("media", "-2"), ("file", "6"), ("category", "14")):
        union[key] = sorted({n for w in wikis.values() for n in w["namespaces"].get(ns, [])})  # type: ignore[attr-defined]
    union["switch_aliases"] = sorted(
        {a for k in switches for a in english[k]}
        | {a for w in wikis.values() for k in switches for a in w["magic_words"].get(k, [])}  # type: ignore[attr-defined]
    )
    union["case_sensitive"] = data["case_sensitive"]
    union["interlanguage_prefixes"] = languages
    union["english"] = {"namespaces": wikis["en"]["namespaces"], "magic_words": english}
    # Other wikis' aliases of the variables and parser functions (not image options or
    # switches), for telling a {{…}} call from a template call on any wiki.
    localised: dict[str, set[str]] = {}
    for wiki in wikis.values():
        for key, aliases in wiki["magic_words"].items():  # type: ignore[attr-defined]
            if not key.startswith("img_") and key not in switches:
                localised.setdefault(key, set()).update(aliases)
    union["localised_magic_words"] = {k: sorted(v) for k, v in sorted(localised.items())}
    union["template"] = sorted({n for w in wikis.values() for n in w["namespaces"].get("10", [])})  # type: ignore[attr-defined]
    (OUT.parent / "any.json").write_text(json.dumps(union, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    print(f"{len(wikis)} wikis, {len(languages)} interlanguage prefixes -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])

"""Is this page about a person?  Evidence from infoboxes, categories and sort keys.

Three kinds of evidence, strongest first:

1. **A person-type infobox** (or the old ``{{Persondata}}``): a template from
   ``PERSON_TEMPLATES``, or one whose name ends in ``biography``/``person``
   (``Infobox football biography``, ``Infobox military person``).  Names are compared
   without regard to case, so redirects like ``Infobox Person`` count.
2. **Biography categories**: ``Living people``, ``1879 births``, ``1955 deaths``,
   ``Year of birth missing``, ``5th-century BC births`` … (and their equivalents in the
   languages of the project's corpus: ``Geboren 1788``, ``Naissance en 1879`` …).
3. **A ``{{DEFAULTSORT:Surname, Given}}``** with a comma: a *weak* signal, since works
   and places sort that way too (``Atlas, The``; ``Prison Break Characters, List of``;
   ``University Of Nevada, Reno Arboretum``).  It counts only when the key is the title
   turned round (``Lincoln, Abraham`` for "Abraham Lincoln", disambiguation and accents
   aside), the part after the comma is not an article or ``List of``, and no infobox of
   another kind is on the page.

A page is a biography when it has evidence of kind 1 or 2, or the weak signal.

>>> import wikibio
>>> from wikibio.biography import detect_biography
>>> evidence = detect_biography(wikibio.parse(
...     "{{Infobox scientist|name=Ada}}\\n'''Ada''' was a mathematician.\\n"
...     "[[Category:1815 births]]"))
>>> evidence.is_biography, evidence.infobox, evidence.categories
(True, 'Infobox scientist', ('1815 births',))
>>> detect_biography(wikibio.parse("{{Infobox river|name=Aa}}\\n[[Category:Rivers]]")).is_biography
False
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from attrs import frozen

from wikibio.document import Article

__all__ = [
    "PERSON_TEMPLATES",
    "BiographyEvidence",
    "DetectionScore",
    "detect_biography",
    "is_biography",
    "score",
]

#: Person-type infoboxes and biography templates of English Wikipedia (lower case), and
#: the person infoboxes of the languages in the project's corpus.  Templates whose name
#: ends in " biography" or " person" count too (see ``is_person_template``).
PERSON_TEMPLATES: Final = frozenset(
    line.strip()
    for line in """
    persondata
    infobox person
    infobox officeholder
    infobox president
    infobox prime minister
    infobox politician
    infobox senator
    infobox governor
    infobox mayor
    infobox ambassador
    infobox diplomat
    infobox judge
    infobox first lady
    infobox legislator
    infobox member of parliament
    infobox state representative
    infobox indian politician
    infobox military person
    infobox scientist
    infobox academic
    infobox economist
    infobox engineer
    infobox architect
    infobox astronaut
    infobox medical person
    infobox philosopher
    infobox theologian
    infobox writer
    infobox poet
    infobox journalist
    infobox artist
    infobox painter
    infobox photographer
    infobox fashion designer
    infobox chef
    infobox actor
    infobox comedian
    infobox model
    infobox dancer
    infobox presenter
    infobox television presenter
    infobox youtube personality
    infobox musical artist
    infobox classical composer
    infobox businessperson
    infobox criminal
    infobox serial killer
    infobox spy
    infobox pirate
    infobox royalty
    infobox monarch
    infobox noble
    infobox emperor
    infobox pharaoh
    infobox pope
    infobox cardinal
    infobox christian leader
    infobox religious biography
    infobox clergy
    infobox saint
    infobox rabbi
    infobox jewish leader
    infobox muslim leader
    infobox sportsperson
    infobox athlete
    infobox baseball biography
    infobox basketball biography
    infobox football biography
    infobox nfl biography
    infobox nfl player
    infobox gridiron football person
    infobox college coach
    infobox ice hockey player
    infobox cricketer
    infobox tennis biography
    infobox rugby biography
    infobox rugby league biography
    infobox boxer
    infobox martial artist
    infobox professional wrestler
    infobox cyclist
    infobox swimmer
    infobox skier
    infobox golfer
    infobox racing driver
    infobox f1 driver
    infobox motorcycle rider
    infobox speed skater
    infobox figure skater
    infobox gymnast
    infobox chess player
    infobox go player
    infobox poker player
    infobox snooker player
    infobox darts player
    infobox badminton player
    infobox table tennis player
    infobox volleyball biography
    infobox handball biography
    infobox esports player
    infobox sports announcer
    infobox police officer
    infobox adult biography
    infobox chinese-language singer and actor
    inligtingskas persoon
    infobox biographie
    infobox biographie2
    infobox filosoof
    infobox persoon
    infobox schrijver
    infobox politicus
    infobox personnalité
    ficha de persona
    ficha de político
    ficha de escritor
    ficha de deportista
    ficha de artista
    ficha de actor
    infobox persona
    bio
    personendaten
    info/biografia
    infobox osoba
    infobox person/wikidata
    карточка персоны
    персона
    учёный
    писатель
    политик
    κουτί πληροφοριών προσώπου
    """.strip().splitlines()
)
_PERSON_NAME: Final = re.compile(
    r"(?:\bbiography|\bperson|\bbiographie|\bpersoon|\bpersona|\bpersonnalité|صاحب منصب|مصنف"
    r"|شخصیت|人物|인물)(?:/.*)?$",
    re.IGNORECASE,
)

#: Categories only people are in: English and the corpus's languages.
_PERSON_CATEGORY: Final = re.compile(
    r"""^(?:
        living\ people | possibly\ living\ people | year\ of\ (?:birth|death)\ \w+
      | (?:\d{1,4}s?|\d{1,2}(?:st|nd|rd|th)[-\ ]century)(?:\ bc|\ bce)?\ (?:births|deaths)
      | date\ of\ (?:birth|death)\ (?:missing|unknown)
      | geboren\ (?:im\ )?\d+ | gestorben\ (?:im\ )?\d+ | mann | frau
      | naissance\ en\ .* | décès\ en\ .* | naissance\ à\ .* | décès\ à\ .*
      | nacidos\ en\ .* | fallecidos\ en\ .* | personas\ vivas
      | nati\ nel\ .* | morti\ nel\ .* | nati\ il\ .*
      | urodzeni\ w\ .* | zmarli\ w\ .*
      | nascidos\ em\ .* | mortos\ em\ .* | pessoas\ vivas
      | levende\ personer | levende\ mensen
      | родившиеся\ .* | умершие\ .* | персоналии\ по\ алфавиту
      | sinh\ năm\ .* | mất\ năm\ .* | nhân\ vật\ còn\ sống
      | 존명\ 인물 | 살아있는\ 사람 | 生存人物 | 在世人物
      | \d+年生 | \d+年没 | 存命人物
      | אישים\ חיים | ילידי\ \d+ | נפטרים\ ב-?\d+
      | أشخاص\ على\ قيد\ الحياة | مواليد\ .* | وفيات\ .*
      | زندہ\ شخصیات | \d+ء\ کی\ پیدائشیں | \d+ء\ کی\ وفیات
      | افراد\ زنده | زادگان\ .* | درگذشتگان\ .*
      | जीवित\ लोग | \d+\ में\ जन्मे\ लोग
      | ζώντα\ πρόσωπα | γεννήσεις\ το\ \d+ | θάνατοι\ το\ \d+
      | žijící\ lidé | narození\ v\ .* | úmrtí\ v\ .*
      | geboren\ in\ \d+ | overleden\ in\ \d+
      | født\ i\ \d+ | døde\ i\ \d+ | fødde\ i\ \d+ | daude\ i\ \d+
      | lewende\ mense | geboorte\ in\ \d+ | sterfte\ in\ \d+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_DEFAULTSORT: Final = re.compile(
    r"\{\{\s*(?:DEFAULTSORT|DEFAULTSORTKEY|DEFAULTCATEGORYSORT)\s*:([^{}|]*)\}\}"
)


#: What sorts after the comma of a work's or a list's key (``Atlas, The``).
_NOT_GIVEN_NAMES: Final = frozenset(
    "the a an list of le la les l' der die das den el los las il lo gli i de het een".split()
)
_DISAMBIGUATION: Final = re.compile(r"\s*\([^()]*\)\s*$")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _is_person_key(key: str, title: str | None) -> bool:
    """``Surname, Given`` that turns round into the title (when the title is known)."""
    surname, _, given = key.partition(",")
    given = given.strip()
    if not given or given.casefold() in _NOT_GIVEN_NAMES or given.lower().startswith("list"):
        return False
    if title is None:
        return True
    base = _DISAMBIGUATION.sub("", title)
    return _folded(f"{given} {surname}") == _folded(base)


@frozen(kw_only=True)
class BiographyEvidence:
    """What makes a page a biography, or not."""

    #: The person-type template found, if any (its name as written in the page).
    infobox: str | None
    #: The page's categories that only people are in.
    categories: tuple[str, ...]
    #: The ``{{DEFAULTSORT:…}}`` key, when it reads as a person's (``"Lincoln, Abraham"``).
    defaultsort: str | None
    #: The first infobox that is *not* a person's, if any (it vetoes the weak signal).
    other_infobox: str | None

    @property
    def is_biography(self) -> bool:
        """A person's infobox or category, or a ``DEFAULTSORT`` comma and no other infobox."""
        if self.infobox is not None or self.categories:
            return True
        return self.defaultsort is not None and self.other_infobox is None


@functools.lru_cache(maxsize=4096)
def is_person_template(name: str) -> bool:
    """Whether a template (by its normalised name) is a person's infobox or data.

    Cached: every call of a page is asked, and pages repeat a few dozen names.
    """
    lowered = " ".join(name.lower().replace("_", " ").split())
    if lowered in PERSON_TEMPLATES:
        return True
    if not (
        lowered.startswith(("infobox", "ficha de", "карточка", "خانہ معلومات")) or ("/" in lowered)
    ):
        return False
    return _PERSON_NAME.search(lowered) is not None


def _background(params: Iterable[tuple[str, str]]) -> str:
    """The ``background`` parameter, whatever its case (editors write ``Background``)."""
    return next((value for name, value in params if name.lower() == "background"), "")


def _is_group(template: str, background: str) -> bool:
    """``{{Infobox musical artist}}`` of a band: ``background = group_or_band``."""
    if template.lower() != "infobox musical artist":
        return False
    return any(word in background.lower() for word in ("group", "band", "ensemble"))


def detect_biography(article: Article) -> BiographyEvidence:
    """Collect the evidence that ``article`` is about a person.

    Returns:
        The evidence; its ``is_biography`` is the verdict.
    """
    person: str | None = None
    templates = article.templates
    # PERF: a page calls a few dozen names, each asked once; the calls are walked only
    # when one of them is a person's.
    if any(map(is_person_template, {template.name for template in templates})):
        for template in templates:
            if is_person_template(template.name) and not _is_group(
                template.name, _background(template.params.items())
            ):
                person = template.name
                break
    other = next(
        (
            box.template
            for box in article.infoboxes
            if not is_person_template(box.template)
            or _is_group(box.template, _background((k, f.value) for k, f in box.items()))
        ),
        None,
    )
    categories = tuple(name for name in article.categories if _PERSON_CATEGORY.match(name))
    text = str(article)
    # PERF: the substring search spares most pages the pattern's try at every "{{".
    match = _DEFAULTSORT.search(text) if "DEFAULT" in text else None
    key = match.group(1).strip() if match is not None else ""
    return BiographyEvidence(
        infobox=person,
        categories=categories,
        defaultsort=key if "," in key and _is_person_key(key, article.title) else None,
        other_infobox=other,
    )


def is_biography(article: Article) -> bool:
    """Whether ``article`` is a biography (see ``detect_biography``)."""
    return detect_biography(article).is_biography


@frozen
class DetectionScore:
    """How biography detection fares against hand labels."""

    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    #: Labelled pages the detection got wrong (``(name, "false positive" | …)``).
    misses: tuple[tuple[str, str], ...] = ()

    @property
    def precision(self) -> float:
        """Share of pages detected as biographies that are biographies."""
        return self.true_positives / max(1, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        """Share of biographies that were detected."""
        return self.true_positives / max(1, self.true_positives + self.false_negatives)


def score(labelled: Iterable[tuple[str, Article, bool]]) -> DetectionScore:
    """Compare ``is_biography`` with hand labels given as ``(name, article, is_biography)``."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    misses: list[tuple[str, str]] = []
    for name, article, truth in labelled:
        found = detect_biography(article).is_biography
        counts[("t" if found == truth else "f") + ("p" if found else "n")] += 1
        if found != truth:
            misses.append((name, "false positive" if found else "false negative"))
    return DetectionScore(counts["tp"], counts["fp"], counts["fn"], counts["tn"], tuple(misses))

"""What expansion needs from a content language: month names, digits, case rules, codes.

MediaWiki's ``Language`` classes read these from ``languages/messages/Messages<Xx>.php``
(month names ``january``…, their genitive and abbreviated forms, ``$digitTransformTable``,
``$separatorTransformTable``, ``$digitGroupingPattern``, ``$dateFormats``), from
``languages/classes/Language<Xx>.php`` (case rules that differ from Unicode's, e.g.
Turkish dotted capital I) and from ``LanguageCode.php`` (internal codes that are not
BCP 47).  Only the languages listed here are known; any other language behaves as English
(the expander says so with a diagnostic where the difference shows).

The tables are facts (names, digits, codes) written down from those files, not code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from attrs import frozen

__all__ = [
    "BCP47_CODES",
    "LANGUAGE_NAMES",
    "VARIANT_LANGUAGES",
    "LanguageData",
    "bcp47",
    "from_bcp47",
    "has_language_data",
    "language_data",
    "serbian_latin",
    "variant_spellings",
]

_ENGLISH_MONTHS: Final = (
    "January February March April May June July August September October November December"
).split()
_ENGLISH_DAYS: Final = "Sunday Monday Tuesday Wednesday Thursday Friday Saturday".split()


@frozen
class LanguageData:
    """One content language's names and number rules, as its ``Messages*.php`` gives them."""

    code: str
    #: Month names, January first (``january`` … messages).
    months: tuple[str, ...] = tuple(_ENGLISH_MONTHS)
    #: Abbreviated month names (``jan`` … messages), January first.
    month_abbreviations: tuple[str, ...] = tuple(m[:3] for m in _ENGLISH_MONTHS)
    #: Weekday names, Sunday first.
    days: tuple[str, ...] = tuple(_ENGLISH_DAYS)
    #: Abbreviated weekday names (``sun`` … messages), Sunday first.
    day_abbreviations: tuple[str, ...] = tuple(d[:3] for d in _ENGLISH_DAYS)
    #: Digits 0-9 as the language writes them (``$digitTransformTable``); "" = ASCII.
    digits: str = ""
    #: Thousands separator and decimal point (``$separatorTransformTable``).
    group_separator: str = ","
    decimal_separator: str = "."
    #: Indian grouping (``#,##,##0.###``): after the first three digits, groups of two.
    indian_grouping: bool = False
    #: Whether ``ucfirst``/``lcfirst`` map i to dotted capital I and capital I to dotless i
    #: (``LanguageTr``, ``LanguageAz``…).
    dotted_i: bool = False
    #: ``$dateFormats['… both']`` as a PHP date format, for ``#timef``.
    date_time_format: str = "H:i, j F Y"
    date_format: str = "j F Y"
    time_format: str = "H:i"
    #: Whether month names are matched and written in lower case (French ``juin``).
    lowercase_months: bool = False

    def ucfirst(self, text: str) -> str:
        """``Language::ucfirst`` with the language's special case rules."""
        if not text:
            return text
        first = text[0]
        if self.dotted_i and first == "i":
            return "\u0130" + text[1:]
        upper = first.upper()
        return (upper if len(upper) == 1 else first) + text[1:]

    def lcfirst(self, text: str) -> str:
        """``Language::lcfirst`` with the language's special case rules."""
        if not text:
            return text
        if self.dotted_i and text[0] == "I":
            return "\u0131" + text[1:]
        return text[0].lower() + text[1:]

    def month_number(self, name: str) -> int:
        """The month (1-12) a full or abbreviated name (any case, dot allowed) names, or 0."""
        key = name.casefold()
        for table in (self.months, self.month_abbreviations):
            for index, month in enumerate(table):
                if month.casefold() == key or month.casefold().rstrip(".") == key:
                    return index + 1
        return 0

    def transform_digits(self, text: str) -> str:
        """ASCII digits written with the language's own digits."""
        if not self.digits:
            return text
        return text.translate({ord("0") + i: d for i, d in enumerate(self.digits)})


_GERMAN_MONTHS: Final = (
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
)
_FRENCH_MONTHS: Final = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()
_DUTCH_MONTHS: Final = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()

#: The languages whose tables are written down (``Messages<Xx>.php``).
_LANGUAGES: Final[Mapping[str, LanguageData]] = {
    "en": LanguageData("en"),
    # MessagesDe.php: month names, abbreviations with a dot, "." and "," swapped.
    "de": LanguageData(
        "de",
        months=tuple(_GERMAN_MONTHS),
        month_abbreviations=(
            "Jan.",
            "Feb.",
            "Mär.",
            "Apr.",
            "Mai",
            "Jun.",
            "Jul.",
            "Aug.",
            "Sep.",
            "Okt.",
            "Nov.",
            "Dez.",
        ),
        days=tuple("Sonntag Montag Dienstag Mittwoch Donnerstag Freitag Samstag".split()),
        day_abbreviations=tuple("So. Mo. Di. Mi. Do. Fr. Sa.".split()),
        group_separator=".",
        decimal_separator=",",
        date_time_format="H:i, j. M Y",
        date_format="j. M Y",
    ),
    # MessagesFr.php: month names in lower case; narrow no-break space groups digits.
    "fr": LanguageData(
        "fr",
        months=tuple(_FRENCH_MONTHS),
        month_abbreviations=(
            "janv.",
            "févr.",
            "mars",
            "avr.",
            "mai",
            "juin",
            "juill.",
            "août",
            "sept.",
            "oct.",
            "nov.",
            "déc.",
        ),
        days=tuple("dimanche lundi mardi mercredi jeudi vendredi samedi".split()),
        day_abbreviations=tuple("dim. lun. mar. mer. jeu. ven. sam.".split()),
        group_separator="\u202f",
        decimal_separator=",",
        date_time_format="j F Y à H:i",
        lowercase_months=True,
    ),
    # MessagesNl.php.
    "nl": LanguageData(
        "nl",
        months=tuple(_DUTCH_MONTHS),
        month_abbreviations=(
            "jan",
            "feb",
            "mrt",
            "apr",
            "mei",
            "jun",
            "jul",
            "aug",
            "sep",
            "okt",
            "nov",
            "dec",
        ),
        days=tuple("zondag maandag dinsdag woensdag donderdag vrijdag zaterdag".split()),
        day_abbreviations=tuple("zo ma di wo do vr za".split()),
        group_separator=".",
        decimal_separator=",",
        date_time_format="j M Y H:i",
        lowercase_months=True,
    ),
    # MessagesJa.php: months are numbers with 月; the date format "Y年n月j日 (D) H:i".
    "ja": LanguageData(
        "ja",
        months=tuple(f"{n}月" for n in range(1, 13)),
        month_abbreviations=tuple(f"{n}月" for n in range(1, 13)),
        days=tuple("日曜日 月曜日 火曜日 水曜日 木曜日 金曜日 土曜日".split()),
        day_abbreviations=tuple("日 月 火 水 木 金 土".split()),
        date_time_format="Y年n月j日 (D) H:i",
        date_format="Y年n月j日 (D)",
    ),
    # MessagesBn.php: Bengali digits, Indian grouping (#,##,##0.###).
    "bn": LanguageData("bn", digits="০১২৩৪৫৬৭৮৯", indian_grouping=True),
    # LanguageTr.php, LanguageAz.php, LanguageCrh.php, LanguageKaa.php: dotted capital İ.
    "tr": LanguageData("tr", dotted_i=True, group_separator=".", decimal_separator=","),
    "az": LanguageData("az", dotted_i=True),
    "crh": LanguageData("crh", dotted_i=True),
    "kaa": LanguageData("kaa", dotted_i=True),
}


def has_language_data(code: str) -> bool:
    """Whether the tables of language ``code`` (or of its base language) are written down."""
    code = code.lower()
    return code in _LANGUAGES or code.split("-", 1)[0] in _LANGUAGES


def language_data(code: str) -> LanguageData:
    """The tables of language ``code`` (``sr-ec`` falls back to ``sr``), English when unknown."""
    code = code.lower()
    found = _LANGUAGES.get(code) or _LANGUAGES.get(code.split("-", 1)[0])
    return found if found is not None else LanguageData(code)


#: Languages with variants, whose LanguageConverter reads ``-{…}-`` markup and finds a
#: template under another variant's spelling (``LanguageConverterFactory``'s list; English's
#: Pig Latin variant is a test setting, off by default).
VARIANT_LANGUAGES: Final = frozenset(
    "ban crh gan iu kk ku mni sh shi sr tg tly uz wuu zgh zh".split()
)

#: ``LanguageCode::NON_STANDARD_LANGUAGE_CODE_MAPPING``: MediaWiki's internal codes that
#: are not BCP 47, with the BCP 47 code they stand for.
BCP47_CODES: Final[Mapping[str, str]] = {
    "als": "gsw",
    "bat-smg": "sgs",
    "be-x-old": "be-tarask",
    "fiu-vro": "vro",
    "roa-rup": "rup",
    "zh-classical": "lzh",
    "zh-min-nan": "nan",
    "zh-yue": "yue",
    "cbk-zam": "cbk",
    "de-formal": "de-x-formal",
    "eml": "egl",
    "en-rtl": "en-x-rtl",
    "es-formal": "es-x-formal",
    "hu-formal": "hu-x-formal",
    "kk-cn": "kk-Arab-CN",
    "kk-tr": "kk-Latn-TR",
    "map-bms": "jv-x-bms",
    "mo": "ro-Cyrl-MD",
    "nrm": "nrf",
    "nl-informal": "nl-x-informal",
    "roa-tara": "nap-x-tara",
    "simple": "en-simple",
    "sr-ec": "sr-Cyrl",
    "sr-el": "sr-Latn",
    "zh-cn": "zh-Hans-CN",
    "zh-sg": "zh-Hans-SG",
    "zh-my": "zh-Hans-MY",
    "zh-tw": "zh-Hant-TW",
    "zh-hk": "zh-Hant-HK",
    "zh-mo": "zh-Hant-MO",
}


def bcp47(code: str) -> str:
    """``LanguageCode::bcp47``: an internal code as BCP 47 (``sr-ec`` → ``sr-Cyrl``).

    Mapped codes come from the table; otherwise the subtags are cased as BCP 47 writes
    them: the language lower case, a two-letter region upper case, a four-letter script
    in title case, everything after a private-use ``x`` lower case.
    """
    code = code.strip().lower()
    if code in BCP47_CODES:
        return BCP47_CODES[code]
    subtags = code.split("-")
    out = [subtags[0]]
    private = subtags[0] == "x"
    for subtag in subtags[1:]:
        if private or subtag == "x":
            private = True
            out.append(subtag)
        elif len(subtag) == 2:
            out.append(subtag.upper())
        elif len(subtag) == 4:
            out.append(subtag.title())
        else:
            out.append(subtag)
    return "-".join(out)


def from_bcp47(code: str) -> str:
    """The internal code a BCP 47 code stands for (``de-x-formal`` → ``de-formal``)."""
    lowered = code.strip().lower()
    for internal, standard in BCP47_CODES.items():
        if standard.lower() == lowered:
            return internal
    return lowered


#: ``{{#language:}}``: autonym and English name (``Names.php`` and CLDR's English names).
LANGUAGE_NAMES: Final[Mapping[str, tuple[str, str]]] = {
    "ar": ("العربية", "Arabic"), "bg": ("български", "Bulgarian"), "bn": ("বাংলা", "Bangla"),
    "ca": ("català", "Catalan"), "cs": ("čeština", "Czech"), "da": ("dansk", "Danish"),
    "de": ("Deutsch", "German"), "de-formal": ("Deutsch (Sie-Form)", "German (formal address)"),
    "el": ("Ελληνικά", "Greek"), "en": ("English", "English"), "eo": ("Esperanto", "Esperanto"),
    "es": ("español", "Spanish"), "et": ("eesti", "Estonian"), "fa": ("فارسی", "Persian"),
    "fi": ("suomi", "Finnish"), "fr": ("français", "French"), "he": ("עברית", "Hebrew"),
    "hi": ("हिन्दी", "Hindi"), "hu": ("magyar", "Hungarian"),
    "id": ("Bahasa Indonesia", "Indonesian"),
    "it": ("italiano", "Italian"), "ja": ("日本語", "Japanese"), "ko": ("한국어", "Korean"),
    "la": ("Latina", "Latin"), "lt": ("lietuvių", "Lithuanian"), "ltg": ("latgaļu", "Latgalian"),
    "lv": ("latviešu", "Latvian"), "nl": ("Nederlands", "Dutch"), "no": ("norsk", "Norwegian"),
    "pl": ("polski", "Polish"), "pt": ("português", "Portuguese"), "ro": ("română", "Romanian"),
    "ru": ("русский", "Russian"), "sk": ("slovenčina", "Slovak"),
    "sr": ("српски / srpski", "Serbian"),
    "sv": ("svenska", "Swedish"), "tr": ("Türkçe", "Turkish"), "uk": ("українська", "Ukrainian"),
    "ur": ("اردو", "Urdu"), "vi": ("Tiếng Việt", "Vietnamese"), "zh": ("中文", "Chinese"),
}  # fmt: skip

#: ``SrConverter``'s Cyrillic → Latin table (Serbian's two scripts): each lower-case
#: Cyrillic letter with its Latin spelling; capitals follow (``Љ`` → ``Lj``).
_CYRILLIC: Final = "абвгдђежзијклљмнњопрстћуфхцчџш"
_LATIN: Final = "a b v g d đ e ž z i j k l lj m n nj o p r s t ć u f h c č dž š".split()
_SERBIAN_LATIN: Final = {
    **dict(zip(_CYRILLIC, _LATIN, strict=True)),
    **{c.upper(): latin.capitalize() for c, latin in zip(_CYRILLIC, _LATIN, strict=True)},
}


def serbian_latin(text: str) -> str:
    """Serbian Cyrillic written in Serbian Latin (the ``sr-el`` variant)."""
    return "".join(_SERBIAN_LATIN.get(c, c) for c in text)


def variant_spellings(language: str, text: str) -> list[str]:
    """``text`` in the language's other variants, as ``LanguageConverter::findVariantLink``
    tries them when a page is missing (Serbian: Cyrillic to Latin; other languages'
    conversion tables are not written down here, so they give nothing)."""
    if language.split("-", 1)[0] == "sr":
        latin = serbian_latin(text)
        return [latin] if latin != text else []
    return []

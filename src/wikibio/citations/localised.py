"""Citation templates of other Wikipedias, mapped onto Citation Style 1's typed fields.

Each wiki has its own citation templates and modules: Italian ``{{cita web}}``, French
``{{lien web}}``/``{{ouvrage}}``/``{{article}}``, German ``{{Internetquelle}}``/``{{Literatur}}``,
Spanish ``{{cita web}}``/``{{cita libro}}``, Portuguese ``{{citar web}}``, Russian
``{{статья}}``/``{{книга}}``.  Their parameter names (from each template's documentation
page and TemplateData on its wiki) are mapped here onto the CS1 parameter that means the
same, so that ``Citation.from_template`` gives the typed fields (title, authors, date,
work, publisher, url, access date, archive, identifiers …).

What readers see of them is made by each wiki's own module: ``Citation.to_text`` writes
their fields in CS1's English style, not the wiki's (that needs template expansion).
Japanese Wikipedia uses the English CS1 templates and parameter names, so it needs no map.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["LOCALISED_CITATIONS"]

_ITALIAN: Final = {
    "titolo": "title", "autore": "author", "nome": "first", "cognome": "last",
    "data": "date", "anno": "year", "mese": "month", "accesso": "access-date",
    "editore": "publisher", "città": "location", "lingua": "language", "sito": "website",
    "opera": "work", "pubblicazione": "journal", "rivista": "journal", "giornale": "newspaper",
    "pagina": "page", "pagine": "pages", "capitolo": "chapter", "curatore": "editor",
    "edizione": "edition", "numero": "issue", "citazione": "quote",
    "urlarchivio": "archive-url", "dataarchivio": "archive-date", "urlmorto": "url-status",
    "formato": "format", "sottotitolo": "subtitle",
}  # fmt: skip

_FRENCH: Final = {
    "titre": "title", "auteur": "author", "auteur1": "author1", "auteur2": "author2",
    "auteur3": "author3", "prénom": "first", "nom": "last", "prénom1": "first1",
    "nom1": "last1", "prénom2": "first2", "nom2": "last2", "date": "date", "année": "year",
    "mois": "month", "consulté le": "access-date", "éditeur": "publisher", "lieu": "location",
    "langue": "language", "site": "website", "périodique": "journal", "journal": "journal",
    "revue": "journal", "numéro": "issue", "volume": "volume", "tome": "volume",
    "page": "page", "pages": "pages", "passage": "pages", "lire en ligne": "url",
    "sous-titre": "subtitle", "titre chapitre": "chapter", "citation": "quote",
    "archive-url": "archive-url", "archive-date": "archive-date",
    "en ligne le": "date", "format": "format", "isbn": "isbn", "issn": "issn", "doi": "doi",
}  # fmt: skip

_GERMAN: Final = {
    "titel": "title", "titelerg": "subtitle", "autor": "author", "hrsg": "editor",
    "werk": "work", "sammelwerk": "journal", "datum": "date", "jahr": "year",
    "abruf": "access-date", "sprache": "language", "verlag": "publisher", "ort": "location",
    "seiten": "pages", "band": "volume", "nummer": "issue", "auflage": "edition",
    "zitat": "quote", "archiv-url": "archive-url", "archiv-datum": "archive-date",
    "format": "format", "isbn": "isbn", "doi": "doi", "online": "url",
}  # fmt: skip

_SPANISH: Final = {
    "título": "title", "autor": "author", "nombre": "first", "apellido": "last",
    "apellidos": "last", "fecha": "date", "año": "year", "mes": "month",
    "fechaacceso": "access-date", "fecha-acceso": "access-date", "editorial": "publisher",
    "ubicación": "location", "lugar": "location", "idioma": "language", "obra": "work",
    "sitioweb": "website", "publicación": "journal", "periódico": "newspaper",
    "página": "page", "páginas": "pages", "capítulo": "chapter", "editor": "editor",
    "edición": "edition", "volumen": "volume", "número": "issue", "cita": "quote",
    "urlarchivo": "archive-url", "fechaarchivo": "archive-date", "formato": "format",
}  # fmt: skip

_PORTUGUESE: Final = {
    "título": "title", "autor": "author", "nome": "first", "último": "last",
    "sobrenome": "last", "apelido": "last", "data": "date", "ano": "year", "mês": "month",
    "acessodata": "access-date", "acesso-data": "access-date", "editora": "publisher",
    "local": "location", "língua": "language", "idioma": "language", "obra": "work",
    "publicação": "work", "website": "website", "jornal": "newspaper", "periódico": "journal",
    "página": "page", "páginas": "pages", "capítulo": "chapter", "editor": "editor",
    "edição": "edition", "volume": "volume", "número": "issue", "citação": "quote",
    "arquivourl": "archive-url", "arquivodata": "archive-date", "formato": "format",
    "língua2": "language",
}  # fmt: skip

_RUSSIAN: Final = {
    "заглавие": "title", "автор": "author", "ответственный": "editor", "ссылка": "url",
    "издание": "journal", "издательство": "publisher", "место": "location", "год": "year",
    "дата": "date", "том": "volume", "номер": "issue", "выпуск": "issue",
    "страницы": "pages", "язык": "language", "isbn": "isbn",
    "doi": "doi", "архив": "archive-url", "дата архива": "archive-date",
    "дата обращения": "access-date", "цитата": "quote",
}  # fmt: skip

#: Localised template name (case-folded) → the CS1 template whose class it has, and its
#: parameter names (case-folded) → CS1 parameter names.  Names not in a map pass as written
#: (many wikis share ``url``, ``isbn``, ``doi``).
LOCALISED_CITATIONS: Final[Mapping[str, tuple[str, Mapping[str, str]]]] = {
    # it.wikipedia
    "cita web": ("cite web", _ITALIAN | _SPANISH),
    "cita libro": ("cite book", _ITALIAN | _SPANISH),
    "cita news": ("cite news", _ITALIAN),
    "cita pubblicazione": ("cite journal", _ITALIAN),
    # es.wikipedia (cita web and cita libro are shared with it above)
    "cita publicación": ("cite journal", _SPANISH),
    "cita noticia": ("cite news", _SPANISH),
    "cita enciclopedia": ("cite encyclopedia", _SPANISH),
    # fr.wikipedia
    "lien web": ("cite web", _FRENCH),
    "ouvrage": ("cite book", _FRENCH),
    "article": ("cite journal", _FRENCH),
    "lien brisé": ("cite web", _FRENCH),
    # de.wikipedia
    "internetquelle": ("cite web", _GERMAN),
    "literatur": ("cite book", _GERMAN),
    "cite web/de": ("cite web", _GERMAN),
    # pt.wikipedia
    "citar web": ("cite web", _PORTUGUESE),
    "citar livro": ("cite book", _PORTUGUESE),
    "citar periódico": ("cite journal", _PORTUGUESE),
    "citar jornal": ("cite news", _PORTUGUESE),
    "citar notícia": ("cite news", _PORTUGUESE),
    # ru.wikipedia
    "статья": ("cite journal", _RUSSIAN),
    "книга": ("cite book", _RUSSIAN),
    "публикация": ("cite web", _RUSSIAN),
}

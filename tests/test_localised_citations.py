"""Citation templates of other Wikipedias read as typed citations (their fields, not their text).

Each wiki's template names its parameters in its language; ``Citation.from_template`` maps
them onto the CS1 fields.  What the wiki shows needs its own module (template expansion).
"""

from __future__ import annotations

import pytest

import wikibio

CASES = [
    pytest.param(
        "{{cita web|url=http://x.it|titolo=Il titolo|autore=Mario Rossi|data=2020|"
        "accesso=2 febbraio 2021|editore=Rai}}",
        ("cita web", "Il titolo", "Mario Rossi", "Rai", "http://x.it"),
        id="it cita web",
    ),
    pytest.param(
        "{{cita libro|titolo=Storia|cognome=Rossi|nome=Mario|editore=Einaudi|città=Torino}}",
        ("cita libro", "Storia", "Rossi", "Einaudi", None),
        id="it cita libro",
    ),
    pytest.param(
        "{{Lien web|url=https://x.fr|titre=Unité urbaine|site=insee.fr|auteur=Marie Dupont}}",
        ("lien web", "Unité urbaine", "Marie Dupont", None, "https://x.fr"),
        id="fr lien web",
    ),
    pytest.param(
        "{{Ouvrage|prénom1=Jean|nom1=Maitron|titre=Le mouvement anarchiste|éditeur=Gallimard}}",
        ("ouvrage", "Le mouvement anarchiste", "Maitron", "Gallimard", None),
        id="fr ouvrage",
    ),
    pytest.param(
        "{{Article|auteur1=Paul Avrich|titre=Anarchist Voices|périodique=Revue|numéro=3}}",
        ("article", "Anarchist Voices", "Paul Avrich", None, None),
        id="fr article",
    ),
    pytest.param(
        "{{Internetquelle|url=http://x.de|titel=Der Titel|autor=Hans Müller|werk=Spiegel}}",
        ("internetquelle", "Der Titel", "Hans Müller", None, "http://x.de"),
        id="de Internetquelle",
    ),
    pytest.param(
        "{{Literatur|Autor=Albrecht Fölsing|Titel=Albert Einstein|Verlag=Suhrkamp|Jahr=1993}}",
        ("literatur", "Albert Einstein", "Albrecht Fölsing", "Suhrkamp", None),
        id="de Literatur",
    ),
    pytest.param(
        "{{cita publicación|título=Un artículo|apellidos=García|nombre=Ana|publicación=Nature}}",
        ("cita publicación", "Un artículo", "García", None, None),
        id="es cita publicación",
    ),
    pytest.param(
        "{{citar web|url=http://x.pt|título=O título|autor=João Silva|obra=Público}}",
        ("citar web", "O título", "João Silva", None, "http://x.pt"),
        id="pt citar web",
    ),
    pytest.param(
        "{{Книга|автор=Иванов И.|заглавие=История|издательство=Наука|год=1990}}",
        ("книга", "История", "Иванов И.", "Наука", None),
        id="ru Книга",
    ),
]


@pytest.mark.parametrize(("wikitext", "expected"), CASES)
def test_localised_citation_fields(
    wikitext: str, expected: tuple[str, str, str, str | None, str | None]
) -> None:
    """The template's own parameter names fill the typed fields."""
    note = wikibio.parse(f"A<ref>{wikitext}</ref>\n<references/>").references[0]
    citation = note.citation
    assert citation is not None
    template, title, author, publisher, url = expected
    assert citation.template == template
    assert citation.title == title
    assert citation.authors[0].last == author
    assert citation.publisher == publisher
    assert citation.url == url
    assert title in note.text  # the note is no longer empty

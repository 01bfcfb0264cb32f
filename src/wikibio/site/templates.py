"""Templates whose role the model needs to know by name: reference lists, infoboxes, and
the templates that set a page's date format."""

from __future__ import annotations

from typing import Final

__all__ = [
    "DATE_FORMAT_TEMPLATES",
    "INFOBOX_NAMES",
    "INFOBOX_PREFIXES",
    "INFOBOX_SUFFIXES",
    "LIST_GROUP_PARAMETERS",
    "LIST_TEMPLATES",
]

#: Templates that place a reference list (English Wikipedia's ``{{Reflist}}`` expands to
#: ``{{#tag:references|{{{refs|}}}|group={{{group|}}}}}``), with the group they use when
#: none is given.  ``{{Notelist}}`` and its variants take ``group=`` only when it names
#: one of the reserved groups (``note``, ``lower-alpha`` …), as their ``#switch`` does.
#: After them, the localised list templates of other Wikipedias (each wiki's own template
#: page, and seen on the corpus's and ground truth's pages), which take the group under a
#: localised name (``LIST_GROUP_PARAMETERS``) and pass it to ``{{#tag:references}}``.
LIST_TEMPLATES: Final = {
    "Reflist": "",
    "References": "",
    "Refs": "",
    "Reference list": "",
    "Reflist-talk": "",
    "Notelist": "lower-alpha",
    "Notes": "lower-alpha",
    "Notelist-la": "lower-alpha",
    "Notelist-ua": "upper-alpha",
    "Notelist-lr": "lower-roman",
    "Notelist-ur": "upper-roman",
    "Notelist-lg": "lower-greek",
    "Notefoot": "lower-alpha",
    "Listaref": "",  # es
    "Referencias": "",  # es
    "Références": "",  # fr
    "Références nombreuses": "",  # fr
    "Referências": "",  # pt
    "Примечания": "",  # ru
    "Список примечаний": "",  # ru
    "Примітки": "",  # uk
    "Przypisy": "",  # pl
    "Einzelnachweise": "",  # de
    "Tham khảo": "",  # vi
    "مراجع": "",  # ar
    "پانویس": "",  # fa
    "टिप्पणीसूची": "",  # hi
    "Verwysings": "",  # af
    "Fotnoteliste": "",  # nn
    "حوالہ جات": "",  # ur
    "Reference": "",  # cs
}

#: The names under which the list templates take their group: English ``group``, French
#: ``groupe``, Portuguese and Spanish ``grupo``, German ``gruppe``, Polish ``grupa``,
#: Russian ``группа``, Ukrainian ``група``.
LIST_GROUP_PARAMETERS: Final = ("group", "groupe", "grupo", "gruppe", "grupa", "группа", "група")

#: Infobox template names start with these (compared case-folded): English Wikipedia's
#: ``Infobox …`` convention and taxoboxes, and the localised conventions of the corpus's
#: languages (Danish/Norwegian ``Infoboks``, Spanish ``Ficha de``, Vietnamese, Urdu,
#: Persian, Russian, Afrikaans, Latgalian ``Infoskreine``).  German biographies use none.
INFOBOX_PREFIXES: Final = (
    "infobox", "infoboks", "taxobox", "automatic taxobox", "speciesbox", "subspeciesbox",
    "ficha de", "hộp thông tin", "thông tin", "خانہ معلومات", "جعبه اطلاعات", "карточка",
    "inligtingskas", "infoskreine",
)  # fmt: skip
#: Infobox template names end with these (``Person infobox``, Korean ``… 정보``).
INFOBOX_SUFFIXES: Final = (" infobox", " 정보")
#: Infobox templates whose names follow no pattern (Hebrew ``עיר``, Ukrainian ``Письменник``).
INFOBOX_NAMES: Final = frozenset({"עיר", "письменник"})

#: Templates that set the page's date format (case-folded name → format): English
#: Wikipedia's ``{{Use dmy dates}}`` and ``{{Use mdy dates}}``, which Citation Style 1
#: follows when a citation gives no ``|df=`` (Module:Citation/CS1's ``global_df``).
DATE_FORMAT_TEMPLATES: Final = {"use dmy dates": "dmy", "use mdy dates": "mdy"}

"""Templates whose meaning the Cite model needs: those that place a reference list."""

from __future__ import annotations

from typing import Final

__all__ = ["LIST_TEMPLATES"]

#: Templates that place a reference list (English Wikipedia's ``{{Reflist}}`` expands to
#: ``{{#tag:references|{{{refs|}}}|group={{{group|}}}}}``), with the group they use when
#: none is given.  ``{{Notelist}}`` and its variants take ``group=`` only when it names
#: one of the reserved groups (``note``, ``lower-alpha`` …), as their ``#switch`` does.
#: The last four are the list templates of the Spanish, French, Russian and German
#: Wikipedias, which take ``group=`` as ``{{Reflist}}`` does.
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
    "Listaref": "",
    "Referencias": "",
    "Références": "",
    "Примечания": "",
    "Einzelnachweise": "",
}

"""English special pages' names and aliases, for ``{{#special:}}`` and ``{{#speciale:}}``.

``SpecialPageFactory::resolveAlias`` finds a special page by any of its aliases, ignoring
case; ``SpecialPage::getTitleFor`` then writes it with the first alias.  The aliases are
``$specialPageAliases`` of ``languages/messages/MessagesEn.php`` (core's special pages
only; extensions add their own).  A name not in the table keeps its own spelling, first
letter capitalised.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["SPECIAL_PAGE_ALIASES", "special_page_name"]

#: The name a special page is shown with → every alias that reaches it.
SPECIAL_PAGE_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "Random": ("Random", "RandomPage"),
    "RandomRedirect": ("RandomRedirect",),
    "RandomInCategory": ("RandomInCategory",),
    "Badtitle": ("Badtitle",),
    "Blankpage": ("BlankPage",),
    "AllPages": ("AllPages",),
    "PrefixIndex": ("PrefixIndex",),
    "RecentChanges": ("RecentChanges",),
    "RecentChangesLinked": ("RecentChangesLinked", "RelatedChanges"),
    "Search": ("Search",),
    "Watchlist": ("Watchlist",),
    "WhatLinksHere": ("WhatLinksHere",),
    "Contributions": ("Contributions", "Contribs"),
    "Categories": ("Categories",),
    "SpecialPages": ("SpecialPages",),
    "UserLogin": ("UserLogin", "Login"),
    "UserLogout": ("UserLogout", "Logout"),
    "Preferences": ("Preferences",),
    "Upload": ("Upload",),
    "ListUsers": ("ListUsers", "UserList", "Users"),
    "ListFiles": ("ListFiles", "FileList", "ImageList"),
    "NewPages": ("NewPages",),
    "NewFiles": ("NewFiles", "NewImages"),
    "LongPages": ("LongPages",),
    "ShortPages": ("ShortPages",),
    "Statistics": ("Statistics", "Stats"),
    "Version": ("Version",),
    "Export": ("Export",),
    "Import": ("Import",),
    "Log": ("Log", "Logs"),
    "MovePage": ("MovePage",),
    "EmailUser": ("EmailUser", "Email"),
    "BookSources": ("BookSources",),
    "Redirect": ("Redirect",),
    "FilePath": ("FilePath",),
    "MyPage": ("MyPage",),
    "MyTalk": ("MyTalk",),
    "Mycontributions": ("MyContributions",),
    "Uncategorizedpages": ("UncategorizedPages",),
    "WantedPages": ("WantedPages", "BrokenLinks"),
    "Wantedcategories": ("WantedCategories",),
    "DoubleRedirects": ("DoubleRedirects",),
    "BrokenRedirects": ("BrokenRedirects",),
    "Deadendpages": ("DeadendPages",),
    "Lonelypages": ("LonelyPages", "OrphanedPages"),
    "Ancientpages": ("AncientPages",),
    "Protectedpages": ("ProtectedPages",),
    "Allmessages": ("AllMessages",),
    "Booksources": ("BookSources",),
    "ComparePages": ("ComparePages",),
    "Diff": ("Diff",),
    "PermanentLink": ("PermanentLink", "PermaLink"),
    "EditPage": ("EditPage", "Edit"),
    "PageHistory": ("PageHistory", "History"),
    "PageInfo": ("PageInfo", "Info"),
    "Purge": ("Purge",),
    "CategoryTree": ("CategoryTree",),
}

_BY_ALIAS: Final = {
    alias.casefold(): name for name, aliases in SPECIAL_PAGE_ALIASES.items() for alias in aliases
}


def special_page_name(alias: str) -> str | None:
    """The name special page ``alias`` is shown with (any case), or None if unknown."""
    return _BY_ALIAS.get(alias.replace(" ", "_").casefold())

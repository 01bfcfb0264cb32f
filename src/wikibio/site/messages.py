"""Interface messages the expander needs: ``{{int:key}}`` and ``{{MediaWiki:Key}}``.

MediaWiki reads a message from the wiki's ``MediaWiki:Key`` page when it exists and from
its message files (``languages/i18n/<lang>.json``) otherwise.  wikibio asks the template
source for the page first; this table holds the few English defaults written down here
(from ``languages/i18n/en.json``).  Any other message shows as MediaWiki shows a missing
one, ``⧼key⧽``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["DEFAULT_MESSAGES", "message_key"]

#: English default texts of some interface messages (``languages/i18n/en.json``).
DEFAULT_MESSAGES: Final[Mapping[str, str]] = {
    "mainpage": "Main Page",
    "history_short": "History",
}


def message_key(name: str) -> str:
    """The message key a ``MediaWiki:`` title or ``int:`` name stands for: spaces as
    underscores and the first letter lower-cased (``MessageCache`` keys)."""
    key = name.strip().replace(" ", "_")
    return key[:1].lower() + key[1:]

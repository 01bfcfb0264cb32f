"""URL protocols: what MediaWiki reads as the start of an external link."""

from __future__ import annotations

from typing import Final

__all__ = ["URL_PROTOCOLS"]

#: ``$wgUrlProtocols`` as MediaWiki 1.38 and later ship it (``Manual:$wgUrlProtocols``),
#: which Wikimedia's wikis use: a bracketed link ``[mailto:a@b.org]`` or ``[//host/x]``
#: is an external link only when its target starts with one of these (in any case).
URL_PROTOCOLS: Final = (
    "bitcoin:",
    "ftp://",
    "ftps://",
    "geo:",
    "git://",
    "gopher://",
    "http://",
    "https://",
    "irc://",
    "ircs://",
    "magnet:",
    "mailto:",
    "matrix:",
    "mms://",
    "news:",
    "nntp://",
    "redis://",
    "sftp://",
    "sip:",
    "sips:",
    "sms:",
    "ssh://",
    "svn://",
    "tel:",
    "telnet://",
    "urn:",
    "worldwind://",
    "xmpp:",
    "//",
)

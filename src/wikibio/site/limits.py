"""MediaWiki's expansion limits (``DefaultSettings.php``; Wikipedia keeps the defaults)."""

from __future__ import annotations

from typing import Final

__all__ = ["MAX_EXPAND_DEPTH"]

#: ``$wgMaxPPExpandDepth``: template calls nested deeper than this are not expanded, and
#: the parser reports "Expansion depth limit exceeded".
MAX_EXPAND_DEPTH: Final = 100

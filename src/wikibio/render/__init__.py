"""The reading view: a page as readers see it, as a tree of blocks, plain text or Markdown.

``reading_view(article)`` is the tree (``wikibio.render.blocks``); ``Article.to_text`` and
``Article.to_markdown`` render it.
"""

from wikibio.render.text import reading_view

__all__ = ["reading_view"]

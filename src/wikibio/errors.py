"""The exceptions wikibio raises: one root, each subclass also the builtin it means."""

from __future__ import annotations

__all__ = ["InvalidNodeError", "NotFoundError", "WikibioError"]


class WikibioError(Exception):
    """Root of every error wikibio raises on purpose (never for markup it parses)."""


class NotFoundError(WikibioError, KeyError):
    """A lookup (section title, infobox field, …) found nothing.

    Subclasses ``KeyError`` so ``except KeyError`` and ``mapping.get`` patterns work,
    but prints its message plainly instead of ``KeyError``'s quoted repr.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class InvalidNodeError(WikibioError, ValueError):
    """Building or editing a node that could not render faithfully as wikitext."""

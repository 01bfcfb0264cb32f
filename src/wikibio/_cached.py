"""A property computed on its first read and kept in the instance's ``__dict__``.

``functools.cached_property`` does the same, but on Python 3.11 it takes a lock on every
first read (CPython removed the lock in 3.12: it serialised every instance of a class). A
page's views have about 76,000 first reads over the corpus (a template's name and
parameters, a note's text and citation, a date's reading), and the lock was 1.3% of a
dump record's instructions (callgrind). Two threads reading the same view at once may both
compute the value; it is the same value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar, overload

__all__ = ["cached_property"]

_T = TypeVar("_T")


class cached_property(Generic[_T]):
    """Decorate a method of a class with a ``__dict__``: its value, computed once."""

    def __init__(self, function: Callable[[Any], _T]) -> None:
        self._function = function
        self._name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> Self: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> _T | Self:
        if instance is None:
            return self
        value = self._function(instance)
        # A non-data descriptor: the instance's entry is found first from now on.
        instance.__dict__[self._name] = value
        return value

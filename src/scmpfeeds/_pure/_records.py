"""Records built directly (the twin of ``_compiled/_records.pyx``)."""

from __future__ import annotations

from typing import TypeVar

from .._model import _unchecked_article as article

__all__ = ["article", "untracked"]

_T = TypeVar("_T")


def untracked(record: _T) -> _T:
    """*record* as it is: the compiled twin leaves it out of the garbage collector's
    tracking; here the collector stops tracking tuples of strings by itself."""
    return record

"""What every public parser does first: decompress, and say what the document is.

A parser may be handed a gzip, bzip2 or xz file (``Path("feed.xml.gz")``): it is
read decompressed, as :func:`scmpfeeds.read` reads it, and a cut or damaged one
gives what decompressed, then the break as a problem.  It may be handed a
directory, or a document of another known format (a markdown dump given to
``parse_rss``): it says so, in one error that names what the input is and which
function reads it, rather than a cascade of problems.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
from collections.abc import Callable, Iterator
from typing import TypeVar

from ._compression import MAGIC_NUMBERS, Decompressing
from ._detection import Format, wrong_format
from ._model import Problem
from ._source import (
    Readable,
    Report,
    Source,
    _Replay,
    check_not_a_path,
    source_name,
)
from .errors import ParseError

__all__ = ["directory_error", "opened", "report_damage", "streamed"]

T = TypeVar("T")

_HEAD = 8192


def directory_error(path: str) -> IsADirectoryError:
    """The error for a directory handed to a parser (``parse()`` says the same)."""
    return IsADirectoryError(
        errno.EISDIR, "is a directory; scmpfeeds.read() reads every file in a directory", path
    )


@contextlib.contextmanager
def opened(source: Source, expected: Format | None) -> Iterator[Source]:
    """*source* as its parser reads it: decompressed, and checked to be *expected*.

    A compressed source is given as a :class:`Decompressing` file (see
    :func:`report_damage`); any other as it was, or, for a file object whose
    first bytes were read here, as a file that gives them again.
    """
    name = source_name(source)
    if isinstance(source, str):
        check_not_a_path(source, name)
        _check(source[:_HEAD], expected, name)
        yield source
    elif isinstance(source, bytes):
        if source.startswith(MAGIC_NUMBERS):
            yield from _cause(_decompressed(source[:8], io.BytesIO(source[8:]), name, expected))
        else:
            _check(source[:_HEAD], expected, name)
            yield source
    elif isinstance(source, os.PathLike):
        path = os.fspath(source)
        if os.path.isdir(path):
            raise directory_error(path)
        with open(path, "rb") as file:
            head = file.read(_HEAD)
            if head.startswith(MAGIC_NUMBERS):
                yield from _cause(_decompressed(head[:8], _Replay(head[8:], file), path, expected))
                return
        _check(head, expected, name)
        yield source
    elif isinstance(source, Decompressing):  # (already: parse() opened it)
        yield source
    elif hasattr(source, "read"):
        start: str | bytes = source.read(_HEAD)
        if isinstance(start, bytes) and start.startswith(MAGIC_NUMBERS):
            yield from _cause(_decompressed(start[:8], _Replay(start[8:], source), name, expected))
        else:
            _check(start, expected, name)
            yield _Replay(start, source, lazy=True)
    else:
        yield source  # (the parser says what it takes)


def _cause(stream: Decompressing) -> Iterator[Source]:
    """Yield *stream*; an error met while reading it has its damage as its cause."""
    try:
        yield stream
    except ParseError:
        if stream.damage is not None:  # (what the parser met was where the data broke)
            raise ParseError(stream.damage, source=stream.name) from None
        raise


def _decompressed(
    magic: bytes, rest: Readable, name: str | None, expected: Format | None
) -> Decompressing:
    stream = Decompressing(magic, rest, name)
    head = stream.read(_HEAD)
    _check(head, expected, name)
    stream.unread(head)  # (the parser reads it again, then the rest)
    return stream


def _check(head: str | bytes, expected: Format | None, name: str | None) -> None:
    if expected is not None and (message := wrong_format(head, expected)) is not None:
        raise ParseError(message, source=name)


def report_damage(source: Source, strict: bool, report: Report) -> None:
    """Say where a compressed source broke, if it did: after what came before was read."""
    if isinstance(source, Decompressing) and source.damage is not None:
        name = source_name(source)
        if strict:
            raise ParseError(source.damage, source=name)
        report(Problem(lineno=None, message=source.damage, source=name))


def streamed(
    source: Source,
    expected: Format,
    strict: bool,
    report: Report,
    read: Callable[[Source], Iterator[T]],
) -> Iterator[T]:
    """``read(source)`` for an ``iter_*`` function, *source* :func:`opened` now (so that a
    wrong input is refused at the call, not at the first article), the break of a
    compressed source reported at the end."""
    stack = contextlib.ExitStack()
    readable = stack.enter_context(opened(source, expected))

    def items() -> Iterator[T]:
        with stack:
            yield from read(readable)
            report_damage(readable, strict, report)

    return items()

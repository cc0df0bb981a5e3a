"""Turning what a caller passes as ``source`` into text, once, for every parser.

A source is one of:

* ``str`` — the document's text itself, never a path;
* ``bytes`` — the document encoded as UTF-8 (with or without a byte order mark),
  or as UTF-16 with a byte order mark;
* ``os.PathLike`` — a file to read;
* a text or binary file object (anything with ``read``).

Text comes out as a stream of chunks with the byte order mark removed and every
line ending (``\\r\\n``, ``\\r``) turned into ``\\n``, so the parsers see one form
only.  Files are read incrementally, so a streaming parser never holds more than
a chunk and the block it is working on.

Undecodable bytes raise :class:`~scmpfeeds.ParseError` naming the byte offset in
strict mode; in lenient mode they are replaced with U+FFFD and reported once as
a :class:`~scmpfeeds.Problem`.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, Protocol, Union

from ._model import Problem
from .errors import ParseError, ParseWarning

__all__ = [
    "Readable",
    "Report",
    "Source",
    "collect_problems",
    "iter_text",
    "open_binary",
    "read_bytes",
    "read_text",
    "source_name",
    "warn_problem",
]


class Readable(Protocol):
    """A text or binary file object: anything whose ``read(size)`` returns str or bytes."""

    def read(self, size: int = ..., /) -> str | bytes: ...


#: What callers may pass as ``source`` to any parser.
Source = Union[str, bytes, "os.PathLike[str]", Readable]
#: A callback that receives each problem as it is found.
Report = Callable[[Problem], None]

CHUNK_SIZE = 1 << 20


def warn_problem(problem: Problem) -> None:
    """The default report: each problem of a lenient parse as a :class:`ParseWarning`."""
    warnings.warn(str(problem), ParseWarning, stacklevel=3)


def collect_problems() -> tuple[list[Problem], Report]:
    """A list and a report that appends each problem to it and warns about it."""
    problems: list[Problem] = []

    def report(problem: Problem) -> None:
        problems.append(problem)
        warn_problem(problem)

    return problems, report


_BOM = b"\xef\xbb\xbf"

# A one-line str that starts like a path (/, ./, ../, ~/, C:\, \\server) and goes
# on, or that ends in the suffix of a document file.
_PATHISH_RE = re.compile(
    r"(?:/|\.\.?[/\\]|~/|[A-Za-z]:[\\/]|\\\\)[^\x00-\x1f]+"
    r"|[^\x00-\x1f]*\.(?:md|markdown|txt|xml|rss|atom|json|html?)",
    re.IGNORECASE,
)


def source_name(source: object) -> str | None:
    """Return a name for *source* to put in errors: its path, if it has one."""
    if isinstance(source, os.PathLike):
        return os.fsdecode(source.__fspath__())
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def _check_not_a_path(text: str, name: str | None) -> None:
    if "\n" in text or "\r" in text or len(text) > 4096 or text[:1] in ("<", "#", "\ufeff"):
        return
    if _PATHISH_RE.fullmatch(text.strip()):
        raise ParseError(
            f"got a str that looks like a file path, not a document: {text!r}; "
            f"a str source is the document's text itself, so to read a file pass "
            f"pathlib.Path({text!r})",
            source=name,
        )


def _raw_chunks(source: Source) -> Iterator[str | bytes]:
    """Yield the source's content in chunks, as it comes (str or bytes)."""
    if isinstance(source, (str, bytes)):
        yield source
    elif isinstance(source, os.PathLike):
        with open(source, "rb") as file:
            while data := file.read(CHUNK_SIZE):
                yield data
    elif hasattr(source, "read"):
        while chunk := source.read(CHUNK_SIZE):
            yield chunk
    else:
        raise _type_error(source)


def _type_error(source: object) -> TypeError:
    return TypeError(
        "source must be str (the document), bytes, an os.PathLike path or a file "
        f"object, not {type(source).__name__}"
    )


def _position(decoded: str) -> tuple[int, int]:
    """Return the (newlines, column) reached after *decoded* text."""
    newlines = decoded.count("\n")
    last = decoded.rfind("\n")
    return newlines, len(decoded) - last - 1


class _Decoder:
    """Incremental UTF-8 decoding that knows the byte offset of every error."""

    def __init__(
        self,
        name: str | None,
        strict: bool,
        report: Report | None,
        *,
        consumed: int = 0,
        encoding: str = "utf-8",
    ) -> None:
        self._name = name
        self._strict = strict
        self._report = report
        self._encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._consumed = consumed  # bytes of input before the next decode() call
        self._newlines = 0  # newlines in the text decoded before _last
        self._column = 0  # characters after the last of them
        self._last = ""  # the text decoded last, counted only when needed

    def _count_last(self) -> None:
        """Fold the previous chunk into the position (only streams pay for this)."""
        if self._last:
            newlines, column = _position(self._last)
            self._newlines += newlines
            self._column = column if newlines else self._column + column
            self._last = ""

    def decode(self, data: bytes, final: bool = False) -> str:
        pending = self._decoder.getstate()[0]
        if not data and not pending:
            return ""  # the final call after a complete input: nothing to decode
        self._count_last()
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            text = self._recover(exc, len(pending), pending + data, final)
        self._consumed += len(data)
        self._last = text
        return text

    def _recover(self, exc: UnicodeDecodeError, pending: int, data: bytes, final: bool) -> str:
        offset = self._consumed - pending + exc.start
        newlines, column = _position(data[: exc.start].decode(self._encoding))
        lineno = self._newlines + newlines + 1
        colno = (column if newlines else self._column + column) + 1
        label = "UTF-8" if self._encoding == "utf-8" else "UTF-16"
        message = (
            f"invalid {label} byte(s) {data[exc.start : exc.end].hex(' ')} at byte offset {offset}"
        )
        if self._strict:
            raise ParseError(message, lineno=lineno, colno=colno, source=self._name) from None
        if self._report is not None:
            self._report(
                Problem(
                    lineno=lineno,
                    colno=colno,
                    message=f"{message}; invalid bytes are replaced with U+FFFD",
                    source=self._name,
                )
            )
        self._decoder = codecs.getincrementaldecoder(self._encoding)("replace")
        return self._decoder.decode(data, final)


def _decoded(
    chunks: Iterable[str | bytes], name: str | None, strict: bool, report: Report | None
) -> Iterator[str]:
    decoder: _Decoder | None = None
    head = b""  # the first bytes, held until a whole BOM could be seen
    first = True
    for chunk in chunks:
        if isinstance(chunk, str):
            yield chunk.removeprefix("\ufeff") if first else chunk
            first = False
            continue
        if decoder is None:
            head += chunk
            if len(head) < len(_BOM):
                continue
            decoder, chunk = _start_decoder(head, name, strict, report)
            head = b""
        yield decoder.decode(chunk)
    if decoder is None and head:
        decoder, head = _start_decoder(head, name, strict, report)
    if decoder is not None:
        yield decoder.decode(head, final=True)


# Byte order marks and the encodings they announce; without one, text is UTF-8.
_BOMS = ((_BOM, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _start_decoder(
    head: bytes, name: str | None, strict: bool, report: Report | None
) -> tuple[_Decoder, bytes]:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            decoder = _Decoder(name, strict, report, consumed=len(bom), encoding=encoding)
            return decoder, head[len(bom) :]
    return _Decoder(name, strict, report), head


def _normalized(chunks: Iterable[str]) -> Iterator[str]:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``, across chunk boundaries."""
    carry = ""
    for chunk in chunks:
        if carry:
            chunk, carry = carry + chunk, ""
        if chunk.endswith("\r"):
            chunk, carry = chunk[:-1], "\r"  # its "\n" may start the next chunk
        if "\r" in chunk:
            chunk = chunk.replace("\r\n", "\n").replace("\r", "\n")
        if chunk:
            yield chunk
    if carry:
        yield "\n"


def iter_text(
    source: Source, *, strict: bool = False, report: Report | None = None
) -> Iterator[str]:
    """Yield the text of *source* in normalized chunks (see the module docstring)."""
    name = source_name(source)
    if isinstance(source, str):
        _check_not_a_path(source, name)
    return _normalized(_decoded(_raw_chunks(source), name, strict, report))


def read_text(source: Source, *, strict: bool = False, report: Report | None = None) -> str:
    """Return the whole normalized text of *source*."""
    return "".join(iter_text(source, strict=strict, report=report))


# The encoding pseudo-attribute of an XML declaration.  A str has already been
# decoded, so whatever it declares no longer applies once we encode it as UTF-8.
_XML_ENCODING_RE = re.compile(r"""(<\?xml[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2""")


def _str_as_utf8(text: str) -> bytes:
    head = text[:200]
    if head.startswith("\ufeff"):
        text, head = text[1:], head[1:]
    if head.startswith("<?xml") and (match := _XML_ENCODING_RE.match(head)):
        text = match[1] + text[match.end() :]
    return text.encode("utf-8", "surrogatepass")


class _AsBinary(io.RawIOBase):
    """A binary view of any file object, text or binary, for parsers that need bytes."""

    def __init__(self, file: Readable) -> None:
        self._file = file
        self._pending = b""
        self._first = True

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = self._file.read(CHUNK_SIZE)
            if not chunk:
                return 0
            if isinstance(chunk, bytes):
                self._pending = chunk
            else:
                self._pending = _str_as_utf8(chunk) if self._first else chunk.encode("utf-8")
            self._first = False
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


@contextlib.contextmanager
def open_binary(source: Source) -> Iterator[BinaryIO]:
    """Give *source* as a binary file, for parsers that decode by themselves (XML).

    A ``str`` is encoded as UTF-8 and its XML declaration's ``encoding`` is
    dropped, since the text is already decoded.  Files are opened and closed here.
    """
    if isinstance(source, str):
        _check_not_a_path(source, None)
        yield io.BytesIO(_str_as_utf8(source))
    elif isinstance(source, bytes):
        yield io.BytesIO(source)
    elif isinstance(source, os.PathLike):
        with open(source, "rb") as file:
            yield file
    elif hasattr(source, "read"):
        yield io.BufferedReader(_AsBinary(source))
    else:
        raise _type_error(source)


def read_bytes(source: Source) -> bytes:
    """Return the whole content of *source* as bytes (see :func:`open_binary`)."""
    if isinstance(source, bytes):
        return source
    with open_binary(source) as file:
        return file.read()


class _Replay:
    """A file object that gives *head* (already read from *file*) again, then the rest."""

    def __init__(self, head: str | bytes, file: Readable) -> None:
        self._head = head
        self._file = file
        self.name = getattr(file, "name", None)

    def read(self, size: int = -1, /) -> str | bytes:
        head = self._head
        if not head:
            return self._file.read(size)
        if size < 0:
            self._head = head[:0]
            return head + self._file.read()  # type: ignore[operator]
        self._head = head[size:]
        return head[:size]


def peek(source: Source, size: int = 8192) -> tuple[str | bytes, Source]:
    """Return the first *size* characters or bytes of *source* and a source that still
    holds them (file objects are wrapped; paths are re-opened by whoever reads them)."""
    if isinstance(source, (str, bytes)):
        return source[:size], source
    if isinstance(source, os.PathLike):
        with open(source, "rb") as file:
            return file.read(size), source
    if hasattr(source, "read"):
        head = source.read(size)
        return head, _Replay(head, source)
    raise _type_error(source)

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

**Encodings.** With ``encoding=`` given, the bytes are decoded with it (a byte
order mark of that encoding is dropped).  Otherwise, in order:

1. a byte order mark (UTF-8, UTF-16 LE/BE) decides;
2. an XML declaration's ``encoding="…"`` decides;
3. a head (the first chunk read, at least 4 KiB) that looks like UTF-8 means
   UTF-8: it is valid, or its invalid bytes are fewer than 16 or fewer than its
   valid multi-byte characters (a UTF-8 file with a few damaged bytes is still
   UTF-8, and its damage is reported as below);
4. otherwise charset-normalizer names the encoding from the head's first 64 KiB
   (GB18030 and Big5 Chinese pages are the usual case).

Undecodable bytes raise :class:`~scmpfeeds.ParseError` naming the byte offset in
strict mode; in lenient mode they are replaced with U+FFFD and reported once as
a :class:`~scmpfeeds.Problem`.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, BinaryIO, Protocol, Union

from ._encoding import _decoded, check_encoding
from ._model import Problem, short
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


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _caller_stacklevel() -> int:
    """The ``stacklevel`` that points a warning at the first frame outside scmpfeeds.

    A problem is found deep inside a parser (or inside a generator the caller is
    iterating), so a fixed level would name one of our own lines.
    """
    level = 1
    frame = sys._getframe(1)  # warn_problem's frame is level 1 of warnings.warn
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    return level


def warn_problem(problem: Problem) -> None:
    """The default report: each problem of a lenient parse as a :class:`ParseWarning`.

    The warning points at the caller's line, not at scmpfeeds' own code.
    """
    warnings.warn(str(problem), ParseWarning, stacklevel=_caller_stacklevel())


def collect_problems() -> tuple[list[Problem], Report]:
    """A list and a report that appends each problem to it and warns about it."""
    problems: list[Problem] = []

    def report(problem: Problem) -> None:
        problems.append(problem)
        warn_problem(problem)

    return problems, report


# A one-line str that starts like a path (/, ./, ../, ~/, C:\, \\server) and goes
# on, or that ends in the suffix of a document file (compressed or not).
_PATHISH_RE = re.compile(
    r"(?:/|\.\.?[/\\]|~/|[A-Za-z]:[\\/]|\\\\)[^\x00-\x1f]+"
    r"|[^\x00-\x1f]*\.(?:md|markdown|txt|xml|rss|atom|json|html?)(?:\.(?:gz|bz2|xz))?",
    re.IGNORECASE,
)
# A one-line str that is a URL: scmpfeeds never fetches, so it cannot be a document.
_URL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


def source_name(source: object) -> str | None:
    """Return a name for *source* to put in errors: its path, if it has one."""
    if isinstance(source, os.PathLike):
        return os.fsdecode(source.__fspath__())
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def check_not_a_path(text: str, name: str | None = None) -> None:
    """Refuse a one-line ``str`` that is a file path or a URL, not a document."""
    if "\n" in text or "\r" in text or len(text) > 4096 or text[:1] in ("<", "#", "\ufeff"):
        return
    if _URL_RE.fullmatch(text.strip()):
        raise ParseError(
            f"got a str that is a URL, not a document: {text!r}; scmpfeeds never "
            "fetches anything: download the document and pass its bytes, or "
            "pathlib.Path(...) of the saved file",
            source=name,
        )
    if _PATHISH_RE.fullmatch(text.strip()):
        path = text.strip()
        suggestion = f"pathlib.Path({path!r})"
        if path.startswith("~"):  # (a shell expands it; Python does when asked)
            suggestion += ".expanduser()"
        raise ParseError(
            f"got a str that looks like a file path, not a document: {text!r}; "
            f"a str source is the document's text itself, so to read a file pass "
            f"{suggestion}",
            source=name,
        )


def check_not_a_document(path: str) -> None:
    """Refuse what :func:`scmpfeeds.read` is given that is a document's text or a URL,
    not a path: it would be taken for the name of a file that does not exist."""
    if "\n" in path or "\r" in path or len(path) > 4096 or path.lstrip()[:1] in ("<", "{"):
        raise ParseError(
            f"got the text of a document, not a path: {short(path)}; read() takes "
            "paths, globs or '-': pass the text to scmpfeeds.parse()"
        )
    if _URL_RE.fullmatch(path.strip()):
        raise ParseError(
            f"got a URL, not a path: {path!r}; scmpfeeds never fetches anything: "
            "download the document and pass the saved file's path"
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
    source: Source,
    *,
    strict: bool = False,
    report: Report | None = None,
    encoding: str | None = None,
    newlines: bool = True,
) -> Iterator[str]:
    """Yield the text of *source* in normalized chunks (see the module docstring).

    ``newlines=False`` leaves line endings as they are (CSV keeps ``\r`` in a field).
    """
    name = source_name(source)
    if isinstance(source, str):
        check_not_a_path(source, name)
    if encoding is not None:
        check_encoding(encoding)  # an unknown name fails now, not at the first read
    text = _decoded(_raw_chunks(source), name, strict, report, encoding)
    return _normalized(text) if newlines else text


def read_text(
    source: Source,
    *,
    strict: bool = False,
    report: Report | None = None,
    encoding: str | None = None,
    limit: tuple[int, str] | None = None,
) -> str:
    """Return the whole normalized text of *source*.

    *limit* is the most characters to read and what a longer text is: past it,
    :class:`ParseError` says so, and no more is read.
    """
    chunks = iter_text(source, strict=strict, report=report, encoding=encoding)
    if limit is None:
        return "".join(chunks)
    most, what = limit
    text: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > most:
            raise ParseError(
                f"more than {most:,} characters, the most {what} may hold: not read",
                source=source_name(source),
            )
        text.append(chunk)
    return "".join(text)


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

    # Seekable when *file* is (RSS is read again after a break, from where it
    # began, to find the items lost in it: a text file's opaque place is fine).
    def seekable(self) -> bool:
        return seekable(self._file)

    def tell(self) -> int:
        return int(self._file.tell()) - len(self._pending)  # type: ignore[attr-defined]

    def seek(self, offset: int, whence: int = io.SEEK_SET, /) -> int:
        self._pending = b""
        return int(self._file.seek(offset, whence))  # type: ignore[attr-defined]

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
        check_not_a_path(source, None)
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


class _Chunks:
    """A text file object over an iterator of str chunks."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks

    def read(self, size: int = -1, /) -> str:
        for chunk in self._chunks:
            if chunk:  # an empty chunk would read as the end
                return chunk
        return ""


def transcoded(
    head: bytes,
    file: IO[bytes],
    encoding: str,
    name: str | None,
    strict: bool,
    report: Report | None,
) -> BinaryIO:
    """*head* and the rest of *file*, decoded from *encoding*, as a UTF-8 stream.

    For XML in an encoding lxml does not know: an XML declaration's ``encoding``
    is dropped, and undecodable bytes are handled as in :func:`iter_text`.
    """

    def raw() -> Iterator[bytes]:
        yield head
        while data := file.read(CHUNK_SIZE):
            yield data

    text = _decoded(raw(), name, strict, report, encoding)
    return io.BufferedReader(_AsBinary(_Chunks(text)))


class _Replay:
    """A file object that gives *head* (already read from *file*) again, then the rest.

    With *lazy*, a read asks *file* for nothing more while *head* lasts (a short
    read, which every reader of scmpfeeds takes as such): no read of the file
    happens before a parser needs it.
    """

    def __init__(self, head: str | bytes, file: Readable, *, lazy: bool = False) -> None:
        self._head = head
        self._file = file
        self._lazy = lazy
        self.name = getattr(file, "name", None)

    def seekable(self) -> bool:
        return isinstance(self._head, bytes) and seekable(self._file)

    def tell(self) -> int:
        return int(self._file.tell()) - len(self._head)  # type: ignore[attr-defined]

    def seek(self, offset: int, whence: int = io.SEEK_SET, /) -> int:
        self._head = self._head[:0]
        return int(self._file.seek(offset, whence))  # type: ignore[attr-defined]

    def read(self, size: int = -1, /) -> str | bytes:
        head = self._head
        if not head:
            return self._file.read(size)
        if self._lazy:
            piece = head if size < 0 else head[:size]
            self._head = head[len(piece) :]
            return piece
        if size < 0:
            self._head = head[:0]
            return head + self._file.read()  # type: ignore[operator]
        if size > len(head):  # a short read here would look like the end to some readers
            self._head = head[:0]
            return head + self._file.read(size - len(head))  # type: ignore[operator]
        self._head = head[size:]
        return head[:size]


def seekable(file: object) -> bool:
    """Whether *file* can be read again from a place it told."""
    try:
        return bool(file.seekable())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


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

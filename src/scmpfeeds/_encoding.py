"""Encodings: what a document's bytes are, and decoding them with every error placed.

A byte order mark decides; else an XML declaration's ``encoding``; else valid
UTF-8 is UTF-8; else charset-normalizer guesses (imported only then).  The
decoder knows the line and column of every undecodable byte, so that a
:class:`Problem` can say where it is.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ._model import Problem
from .errors import ParseError

if TYPE_CHECKING:
    from ._source import Report

_BOM = b"\xef\xbb\xbf"


def _position(decoded: str) -> tuple[int, int]:
    """Return the (newlines, column) reached after *decoded* text."""
    newlines = decoded.count("\n")
    last = decoded.rfind("\n")
    return newlines, len(decoded) - last - 1


_LABELS = {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16"}


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
        self._known: tuple[bytes, str] | None = None  # bytes already decoded, and their text

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
        if self._known is not None and not pending and data == self._known[0]:
            text = self._known[1]  # decoded whole when the encoding was decided
            self._known = None
        else:
            text = self._decode(data, pending, final)
        self._consumed += len(data)
        self._last = text
        return text

    def _decode(self, data: bytes, pending: bytes, final: bool) -> str:
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            text = self._recover(exc, len(pending), pending + data, final)
        return text

    def _recover(self, exc: UnicodeDecodeError, pending: int, data: bytes, final: bool) -> str:
        offset = self._consumed - pending + exc.start
        newlines, column = _position(data[: exc.start].decode(self._encoding))
        lineno = self._newlines + newlines + 1
        colno = (column if newlines else self._column + column) + 1
        label = _LABELS.get(self._encoding, self._encoding)
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
    chunks: Iterable[str | bytes],
    name: str | None,
    strict: bool,
    report: Report | None,
    encoding: str | None,
) -> Iterator[str]:
    decoder: _Decoder | None = None
    head = b""  # the first bytes, held until the encoding can be decided
    first = True
    for chunk in chunks:
        if isinstance(chunk, str):
            yield chunk.removeprefix("\ufeff") if first else chunk
            first = False
            continue
        if decoder is None:
            head += chunk
            if len(head) < SNIFF_SIZE and encoding is None:
                continue
            decoder, chunk = _start_decoder(head, name, strict, report, encoding, final=False)
            head = b""
        yield decoder.decode(chunk)
    if decoder is None and head:
        decoder, head = _start_decoder(head, name, strict, report, encoding, final=True)
    if decoder is not None:
        yield decoder.decode(head, final=True)


# Byte order marks and the encodings they announce.
_BOMS = ((_BOM, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
#: How much of a document, at least, decides its encoding when nothing declares it.
SNIFF_SIZE = 4096
_DETECT_SIZE = 1 << 16
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
# Fewer invalid UTF-8 bytes than this in a head is damage, not another encoding.
_FEW_INVALID = 16
_XML_DECLARED_RE = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def check_encoding(encoding: str) -> str:
    """The codec name for *encoding*; ``LookupError`` for an unknown one."""
    return codecs.lookup(encoding).name


def _looks_like_utf8(head: bytes, final: bool) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A character cut at the end of a head that is not the whole input is fine.
        if not final and exc.reason == "unexpected end of data" and exc.end == len(head):
            return True
    else:
        return True
    text = head.decode("utf-8", "surrogateescape")
    invalid = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    valid = sum(1 for c in text if c > "\x7f") - invalid
    return invalid < _FEW_INVALID or valid >= invalid


def _declared_encoding(head: bytes) -> str | None:
    """The ``encoding`` an XML declaration at the start of *head* names, if any."""
    declared = _XML_DECLARED_RE.match(head[:1024].lstrip(b" \t\r\n"))
    return None if declared is None else declared[1].decode("ascii")


def detect_encoding(head: bytes, *, final: bool = True) -> str | None:
    """The encoding of a document from its first bytes, when no BOM names it.

    An XML declaration's ``encoding`` decides; valid UTF-8 is UTF-8; anything
    else is left to charset-normalizer (imported only then).  ``None`` when the
    bytes are no known text.
    """
    if (declared := _declared_encoding(head)) is not None:
        try:
            return check_encoding(declared)
        except LookupError:
            pass
    # The first 64 KiB decide (a bytes source arrives as one chunk: all of it).
    if _looks_like_utf8(head[:_DETECT_SIZE], final and len(head) <= _DETECT_SIZE):
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(head[:_DETECT_SIZE]).best()
    if best is None:
        return _damaged(head[:_DETECT_SIZE])
    found = check_encoding(best.encoding)
    # Every format's structure is ASCII ("## ", " - [", "<item>"): an encoding that
    # reads ASCII bytes otherwise (EBCDIC, UTF-16 without a BOM) is a wrong guess.
    try:
        ascii_compatible = _PRINTABLE_ASCII.decode(found) == _PRINTABLE_ASCII.decode("ascii")
    except UnicodeDecodeError:
        ascii_compatible = False
    return found if ascii_compatible else None


# Encodings a damaged document is tried in when nothing recognises it: those of
# Chinese (the digests' pages), then of Japanese and Korean.
_DAMAGED_CANDIDATES = ("gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")


def _damaged(head: bytes) -> str | None:
    """The encoding of a document that a few damaged bytes hide from the detector.

    An encoding is taken when its decoding fails at few places (at most one
    non-ASCII byte in a hundred, or :data:`_FEW_INVALID`) and the text without
    them is recognised as that encoding.  (Trying encodings by their errors
    alone would not do: every Big5 byte pair is valid GB18030.)  The damaged
    bytes are then reported where they are, as for any other encoding.
    """
    from charset_normalizer import from_bytes

    high = sum(1 for byte in head if byte > 0x7F)
    most = max(_FEW_INVALID, high // 100)
    for candidate in _DAMAGED_CANDIDATES:
        text = head.decode(candidate, "replace")
        if not 0 < text.count("\ufffd") <= most:
            continue
        cleaned = text.replace("\ufffd", "").encode(candidate)
        best = from_bytes(cleaned).best()
        if best is not None and check_encoding(best.encoding) == check_encoding(candidate):
            return check_encoding(candidate)
    return None


def xml_encoding(head: bytes, encoding: str | None) -> str | None:
    """The encoding to tell lxml for an XML document that starts with *head*.

    ``None`` leaves it to lxml, which reads byte order marks, the XML
    declaration, and otherwise assumes UTF-8; a head that is none of those is
    detected (see :func:`detect_encoding`).
    """
    if encoding is not None:
        return check_encoding(encoding)
    if head.startswith((_BOM, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if _declared_encoding(head) is not None:
        return None
    found = detect_encoding(head, final=len(head) < SNIFF_SIZE)
    return None if found == "utf-8" else found


def _start_decoder(
    head: bytes,
    name: str | None,
    strict: bool,
    report: Report | None,
    encoding: str | None,
    *,
    final: bool,
) -> tuple[_Decoder, bytes]:
    if encoding is not None:
        codec = check_encoding(encoding)
        for bom, announced in _BOMS:
            if codec == announced and head.startswith(bom):
                head = head[len(bom) :]
                return _Decoder(name, strict, report, consumed=len(bom), encoding=codec), head
        return _Decoder(name, strict, report, encoding=codec), head
    for bom, announced in _BOMS:
        if head.startswith(bom):
            decoder = _Decoder(name, strict, report, consumed=len(bom), encoding=announced)
            return decoder, head[len(bom) :]
    if len(head) <= _DETECT_SIZE and _declared_encoding(head) is None:
        # What detect_encoding decides first, with the text kept: valid UTF-8 is
        # UTF-8, and the decoder need not decode it again.
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            decoder = _Decoder(name, strict, report, encoding="utf-8")
            decoder._known = (head, text)
            return decoder, head
    found = detect_encoding(head, final=final) or "utf-8"
    return _Decoder(name, strict, report, encoding=found), head

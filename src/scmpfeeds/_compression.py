"""gzip, bzip2 and xz undone on the way in, known by their first bytes.

A damaged or cut compressed file gives every byte that decompressed before the
damage, and then says what broke (:attr:`Decompressing.damage`) instead of
raising: the reader parses what there is and reports the break, as it does
for a plain file that was cut short.  Output is made a chunk at a time
(``max_length``), so a small file that expands to gigabytes never sits in
memory whole.
"""

from __future__ import annotations

import bz2
import lzma
import zlib
from collections.abc import Callable
from typing import Any, BinaryIO, Protocol

__all__ = ["MAGIC_NUMBERS", "Decompressing", "compression_of"]

_CHUNK = 1 << 16
# How much compressed input is given to a decompressor at once: output made from
# the piece that holds the damage is lost with the error (zlib's is recovered
# byte by byte), so pieces are small.
_FEED = 1 << 12


class _Decompressor(Protocol):
    """What bz2's and lzma's decompressors share (and ``_Gzip`` gives zlib)."""

    eof: bool
    needs_input: bool
    unused_data: bytes

    def decompress(self, data: bytes, max_length: int = ...) -> bytes: ...


class _Gzip:
    """zlib's decompressor for one gzip member, with bz2's and lzma's interface."""

    def __init__(self) -> None:
        self._zlib = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)

    @property
    def eof(self) -> bool:
        return self._zlib.eof

    @property
    def needs_input(self) -> bool:
        return not self._zlib.unconsumed_tail

    @property
    def unused_data(self) -> bytes:
        return self._zlib.unused_data

    def decompress(self, data: bytes, max_length: int = -1) -> bytes:
        data = self._zlib.unconsumed_tail + data
        saved = self._zlib.copy()
        try:
            return self._zlib.decompress(data, max(max_length, 0))
        except zlib.error:
            # What this piece held before the damage, byte by byte, then the error.
            self._zlib, out = saved, bytearray()
            for index in range(len(data)):
                try:
                    out += self._zlib.decompress(data[index : index + 1])
                except zlib.error as exc:
                    raise _Damaged(bytes(out), exc) from None
            raise  # pragma: no cover - (the whole piece failed, so one byte does)


class _Damaged(Exception):
    """Damage, and what decompressed before it in the piece that held it."""

    def __init__(self, before: bytes, cause: Exception) -> None:
        super().__init__(str(cause))
        self.before = before


# Each compression: its magic number, its name, and a new decompressor for a stream.
_KINDS: tuple[tuple[bytes, str, Callable[[], Any]], ...] = (
    (b"\x1f\x8b", "gzip", _Gzip),
    (b"BZh", "bzip2", bz2.BZ2Decompressor),
    (b"\xfd7zXZ\x00", "xz", lzma.LZMADecompressor),
)
#: The first bytes of a compressed file.
MAGIC_NUMBERS = tuple(magic for magic, _, _ in _KINDS)
# What a decompressor raises on damaged data.
_ERRORS = (zlib.error, OSError, EOFError, lzma.LZMAError, ValueError)


def compression_of(head: bytes) -> str | None:
    """The name of the compression *head* starts with (``gzip``, ``bzip2``, ``xz``), or None."""
    for magic, name, _ in _KINDS:
        if head.startswith(magic):
            return name
    return None


class Decompressing:
    """A binary file that gives the decompressed content of *raw*, whose first bytes
    (already read) are *head*.  Several streams one after another (``cat a.gz b.gz``)
    are read as one; zero bytes after the last are padding.

    When the data is damaged or ends before its stream does, reading stops there
    and :attr:`damage` says why (reading never raises for it).
    """

    def __init__(self, head: bytes, raw: BinaryIO | Any, name: str | None = None) -> None:
        kind = next((k for k in _KINDS if head.startswith(k[0])), None)
        if kind is None:
            raise ValueError("not compressed data")
        self._magic, self.kind, self._new = kind
        self._raw = raw
        self._input = head
        self._decompressor: _Decompressor = self._new()
        self._done = False
        #: The input's name, for problems.
        self.name = name
        #: What stopped the reading early, or None.
        self.damage: str | None = None
        #: How many decompressed bytes were given.
        self.given = 0
        self._pending = b""

    def unread(self, data: bytes) -> None:
        """Give *data* (the last bytes read) again at the next read."""
        self._pending = data + self._pending
        self.given -= len(data)

    def read(self, size: int = -1, /) -> bytes:
        out = bytearray(self._pending[: None if size < 0 else size])
        self._pending = self._pending[len(out) :]
        while not self._done and (size < 0 or len(out) < size):
            out += self._step(_CHUNK if size < 0 else min(size - len(out), _CHUNK))
        self.given += len(out)
        return bytes(out)

    def _take_input(self, size: int = _CHUNK) -> bytes:
        if not self._input:
            self._input = self._raw.read(_CHUNK)
        data, self._input = self._input[:size], self._input[size:]
        return data

    def _step(self, want: int) -> bytes:
        decompressor = self._decompressor
        if decompressor.eof:
            self._next_stream(decompressor.unused_data)
            return b""
        data = b""
        if decompressor.needs_input:
            data = self._take_input(_FEED)
            if not data:
                self._stop(
                    f"the file ends before its {self.kind} data does (cut short?); "
                    "what came before was read"
                )
                return b""
        try:
            return decompressor.decompress(data, want)
        except _Damaged as exc:
            self._stop(f"damaged {self.kind} data ({exc}); what came before was read")
            return exc.before
        except _ERRORS as exc:
            self._stop(f"damaged {self.kind} data ({exc}); what came before was read")
            return b""

    def _next_stream(self, rest: bytes) -> None:
        """After a stream's end: another stream, zero padding, or the end of the file."""
        rest = rest + self._input if rest else self._take_input()
        self._input = b""
        while rest and not rest.strip(b"\x00"):  # padding: read on
            rest = self._take_input()
        if not rest:
            self._done = True
            return
        while len(rest) < len(self._magic) and (more := self._raw.read(_CHUNK)):
            rest += more
        if rest.startswith(self._magic):
            self._decompressor = self._new()
            self._input = rest
        else:
            self._stop(f"data that is not {self.kind} after its end; what came before was read")

    def _stop(self, why: str) -> None:
        self._done = True
        self.damage = why

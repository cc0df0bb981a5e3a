"""Small test doubles shared by the test modules."""

from __future__ import annotations

import io


class TrickleReader(io.RawIOBase):
    """A binary file that returns at most *step* bytes per read, to cut every token."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data = data
        self._pos = 0
        self._step = step

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        take = self._step if size < 0 else min(size, self._step)
        chunk = self._data[self._pos : self._pos + take]
        self._pos += len(chunk)
        return chunk

"""Small test doubles shared by the test modules."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from scmpfeeds import ParseWarning

T = TypeVar("T")


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


def parse_leniently(parser: Callable[[Any], T], source: Any) -> T:
    """Parse leniently, checking that each problem was also emitted as a ParseWarning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = parser(source)
    problems = result.problems  # type: ignore[attr-defined]
    assert [str(w.message) for w in caught] == [str(p) for p in problems]
    assert all(w.category is ParseWarning for w in caught)
    return result


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """Run ``python -m scmpfeeds`` with *args* in a child process, text in and out."""
    return subprocess.run(
        [sys.executable, "-m", "scmpfeeds", *args],
        input=stdin.decode(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )

"""Where scmpfeeds chooses between its compiled core and its pure-Python reference.

The choice is made once, at import: the compiled twins in
:mod:`scmpfeeds._compiled` if they import, else the pure-Python code.
``SCMPFEEDS_NO_EXTENSIONS=1`` in the environment forces pure Python.
:data:`scmpfeeds.COMPILED` and ``scmpfeeds --version`` say which is in use.

The parsers look their twin up here at each call (one attribute read), so that
the parity tests can run both ways in one process with :func:`pure`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

__all__ = [
    "COMPILED",
    "WHY_PURE",
    "dedupe",
    "describe",
    "digest",
    "jsonl",
    "markdown_dump",
    "pure",
    "records",
    "rss",
]

rss: ModuleType | None = None
markdown_dump: ModuleType | None = None
dedupe: ModuleType | None = None
jsonl: ModuleType | None = None
records: ModuleType | None = None
digest: ModuleType | None = None

#: Why the pure-Python code runs, or None when the compiled core does.
WHY_PURE: str | None = None

if os.environ.get("SCMPFEEDS_NO_EXTENSIONS"):
    WHY_PURE = "SCMPFEEDS_NO_EXTENSIONS is set"
else:
    try:
        from ._compiled import _records
        from ._compiled import dedupe as _dedupe
        from ._compiled import digest as _digest
        from ._compiled import jsonl as _jsonl
        from ._compiled import markdown_dump as _markdown_dump
        from ._compiled import rss as _rss
    except ImportError:  # not built: no compiler at install time, or a pure wheel
        WHY_PURE = "the compiled core is not built here"
    else:
        rss, markdown_dump, dedupe, jsonl = _rss, _markdown_dump, _dedupe, _jsonl
        records, digest = _records, _digest

#: Whether the compiled core is in use.
COMPILED: bool = WHY_PURE is None


def describe() -> str:
    """One line for ``--version``: which implementation runs, and why."""
    if COMPILED:
        return "compiled core (Cython over lxml's C API)"
    return f"pure Python ({WHY_PURE})"


@contextmanager
def pure() -> Iterator[None]:
    """Run the pure-Python reference inside the block, whatever was chosen (for tests)."""
    global rss, markdown_dump, dedupe, jsonl, records, digest
    saved = rss, markdown_dump, dedupe, jsonl, records, digest
    rss = markdown_dump = dedupe = jsonl = records = digest = None
    try:
        yield
    finally:
        rss, markdown_dump, dedupe, jsonl, records, digest = saved

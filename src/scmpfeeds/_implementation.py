"""Where scmpfeeds chooses between its compiled core and its pure-Python reference.

The choice is made once, at import: the compiled twins in
:mod:`scmpfeeds._compiled` if they import, else the pure-Python code.
``SCMPFEEDS_NO_EXTENSIONS=1`` in the environment forces pure Python.
:data:`scmpfeeds.COMPILED` and ``scmpfeeds --version`` say which is in use.

Two kinds of twin:

* **Twins of the same names** (:data:`records`, :data:`dedupe`, :data:`digest`,
  :data:`jsonl`, :data:`markdown_dump`): a module of :mod:`scmpfeeds._compiled` and its namesake in
  :mod:`scmpfeeds._pure` export the same functions with the same signatures; one
  of them is chosen here, and the code that uses it calls it without asking which.
* **An accelerator** (:data:`rss`): the compiled module that reads the usual
  shapes of a feed inside the pure parser (given its reader and lxml's
  elements), handing back what it is not sure of; None when the pure parser
  reads alone, by streaming, which the parity tests hold it to.

The code looks the chosen module up here at each call (one attribute read), so
that the parity tests can run both ways in one process with :func:`pure`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from ._pure import _records as _records_py
from ._pure import dedupe as _dedupe_py
from ._pure import digest as _digest_py
from ._pure import jsonl as _jsonl_py
from ._pure import markdown_dump as _markdown_dump_py

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

# Twins of the same names: never None.
records: ModuleType = _records_py
dedupe: ModuleType = _dedupe_py
digest: ModuleType = _digest_py
jsonl: ModuleType = _jsonl_py
markdown_dump: ModuleType = _markdown_dump_py
# The accelerator of the pure RSS parser, when the compiled core is in use.
rss: ModuleType | None = None

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
    rss = None
    records, dedupe, digest, jsonl = _records_py, _dedupe_py, _digest_py, _jsonl_py
    markdown_dump = _markdown_dump_py
    try:
        yield
    finally:
        rss, markdown_dump, dedupe, jsonl, records, digest = saved

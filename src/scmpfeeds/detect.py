"""Reading any of the three formats: detect which one a document is, then parse it.

Detection looks at the start of the document only:

* it starts with ``<`` (after a byte order mark and whitespace): **RSS** (XML);
* its first line starts with ``# Source`` or ``## ``, or a ``## `` heading is
  followed by a `` - [`` link line: a **markdown dump**;
* its first lines are a title ending in a ``YYYY-MM-DD`` date and a
  ``Month D, YYYY  N min  N words`` line, or it has a ``摘要`` line: a **bilingual
  digest**.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Iterator
from typing import Literal

from ._model import Article, Feed
from ._source import Report, Source, peek, source_name, warn_problem
from .digest import Digest, parse_bilingual_digest
from .errors import ParseError, ParseWarning
from .markdown_dump import iter_markdown_dump, parse_markdown_dump
from .rss import iter_rss, parse_rss

__all__ = ["Format", "detect_format", "iter_articles", "parse"]

#: The formats scmpfeeds reads.
Format = Literal["rss", "markdown", "digest"]
FORMATS: tuple[Format, ...] = ("rss", "markdown", "digest")

_MARKDOWN_RE = re.compile(r"^## .*\n[ \t]*- \[", re.MULTILINE)
_DIGEST_TITLE_RE = re.compile(
    r"[^\n]*\d{4}-\d{2}-\d{2}[ \t]*\n+[ \t]*[A-Z][a-z]+ \d{1,2}, \d{4}\s+\d+\s*min"
)
_DIGEST_SECTION_RE = re.compile(r"^摘要[ \t]*$", re.MULTILINE)


def _as_text(head: str | bytes) -> str:
    if isinstance(head, str):
        return head
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def detect_format(head: str | bytes) -> Format | None:
    """Say which format a document is from its first few kilobytes, or ``None``.

    >>> detect_format(b'<?xml version="1.0"?><rss version="2.0">')
    'rss'
    >>> detect_format("# Source:China - SCMP, URL:https://www.scmp.com/rss/4/feed, language:en")
    'markdown'
    >>> detect_format("报道汇总 2025-08-29\\nAugust 30, 2025 114 min 24099 words")
    'digest'
    """
    text = _as_text(head).lstrip("\ufeff \t\r\n").replace("\r\n", "\n")
    if text.startswith("<"):
        return "rss"
    if text.startswith(("# Source", "## ")) or _MARKDOWN_RE.search(text):
        return "markdown"
    if _DIGEST_TITLE_RE.match(text) or _DIGEST_SECTION_RE.search(text):
        return "digest"
    return None


def _resolve(source: Source, format: Format | None) -> tuple[Format, Source]:
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        return format, source
    head, source = peek(source)
    found = detect_format(head)
    if found is None:
        raise ParseError(
            "unknown format: tried RSS (XML), markdown dump and bilingual digest",
            source=source_name(source),
        )
    return found, source


def parse(source: Source, *, strict: bool = False, format: Format | None = None) -> Feed | Digest:
    """Parse *source* with the parser for its format, detected from its content.

    Returns a :class:`Feed` for RSS and markdown dumps and a :class:`Digest` for
    digests; ``format`` skips the detection.  A document of no known format raises
    :class:`ParseError`.
    """
    found, source = _resolve(source, format)
    if found == "rss":
        return parse_rss(source, strict=strict)
    if found == "markdown":
        return parse_markdown_dump(source, strict=strict)
    return parse_bilingual_digest(source, strict=strict)


def iter_articles(
    source: Source,
    *,
    strict: bool = False,
    format: Format | None = None,
    on_problem: Report | None = None,
) -> Iterator[Article]:
    """Yield the articles of *source*, whatever its format.

    RSS and markdown dumps are streamed; a digest is read whole (its sections
    must be cross-checked) and its articles are then yielded.  Problems go to
    *on_problem*, or are emitted as :class:`ParseWarning`.
    """
    report = on_problem or warn_problem
    found, source = _resolve(source, format)
    if found == "rss":
        yield from iter_rss(source, strict=strict, on_problem=report)
    elif found == "markdown":
        yield from iter_markdown_dump(source, strict=strict, on_problem=report)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ParseWarning)
            digest = parse_bilingual_digest(source, strict=strict)
        for problem in digest.problems:
            report(problem)
        yield from digest.articles

"""Reading any of the four formats: detect which one a document is, then parse it.

Detection looks at the start of the document only:

* it starts with ``<`` (after a byte order mark and whitespace) and is not an
  HTML page: **RSS** (XML);
* it starts with ``[`` or ``{`` and its first kilobytes show a key that entries
  have (``"link"``, ``"entries"``, ``"date_published"``, ``"description"``):
  **JSON entries** (the link archive's ``*_entries.json``);
* its first line starts with ``# Source`` or ``## ``, or a ``## `` heading is
  followed by a `` - [`` link line: a **markdown dump**;
* its first lines are a title ending in a ``YYYY-MM-DD`` date and a
  ``Month D, YYYY  N min  N words`` line, or it has a ``摘要`` line: a **bilingual
  digest**.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import warnings
from collections.abc import Iterator
from typing import Literal

from ._archive import looks_like_sources
from ._model import Article, Feed
from ._source import Report, Source, check_not_a_path, peek, source_name, warn_problem
from .digest import Digest, parse_bilingual_digest
from .errors import ParseError, ParseWarning
from .json_entries import iter_json_entries, looks_like_entries, parse_json_entries
from .markdown_dump import iter_markdown_dump, parse_markdown_dump
from .rss import iter_rss, parse_rss

__all__ = ["Format", "describe_unknown", "detect_format", "iter_articles", "parse"]

#: The formats scmpfeeds reads: RSS, markdown dumps, bilingual digests, JSON entries.
Format = Literal["rss", "markdown", "digest", "json"]
FORMATS: tuple[Format, ...] = ("rss", "markdown", "digest", "json")

_MARKDOWN_RE = re.compile(r"^##(?: .*)?\n - \[", re.MULTILINE)
# A title line ending in a date, then the metadata line; a short masthead line
# (the site's name) may stand above the title.
_DIGEST_TITLE_RE = re.compile(
    r"(?:[^\n]{1,40}\n\s*){0,3}?"
    r"[^\n]*\d{4}-\d{2}-\d{2}[ \t]*\n\s*[A-Z][a-z]+ \d{1,2}, \d{4}\s+\d+\s*min"
)
_DIGEST_SECTION_RE = re.compile(r"^摘要[ \t]*$", re.MULTILINE)
_HTML_RE = re.compile(r"(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
# Signatures of common binary files, for a message that says what the file is.
_BINARY_KINDS = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")


def _as_text(head: str | bytes, encoding: str | None = None) -> str:
    if isinstance(head, str):
        return head
    if encoding is not None:
        return head.decode(encoding, errors="replace")
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
    >>> detect_format('[{"title": "A", "link": "https://x.example/a", "date_published": "2026"}]')
    'json'
    """
    if isinstance(head, bytes) and head.lstrip(b" \t\r\n").startswith((b"# Source", b"## ")):
        return "markdown"  # (what the text would show, found without decoding it)
    text = _as_text(head).lstrip("\ufeff \t\r\n").replace("\r\n", "\n")
    if text.startswith("<"):
        return None if _HTML_RE.match(text) else "rss"
    if text.startswith(("[", "{")):
        return "json" if looks_like_entries(text) else None
    if text.startswith(("# Source", "## ", "##\n")) or _MARKDOWN_RE.search(text):
        return "markdown"
    if _DIGEST_TITLE_RE.match(text) or _DIGEST_SECTION_RE.search(text):
        return "digest"
    return None


def _is_binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        # UTF-16 without a byte order mark has a zero byte beside every ASCII one.
        pairs = head[: len(head) - len(head) % 2]
        zeros_even, zeros_odd = pairs[0::2].count(0), pairs[1::2].count(0)
        return not (len(pairs) and max(zeros_even, zeros_odd) * 2 >= len(pairs) * 0.9)
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls * 10 > len(head)


def describe_unknown(head: str | bytes) -> str:
    """Say what a document of no known format is instead, as an error message.

    >>> describe_unknown(b"")
    'empty file'
    >>> describe_unknown(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    'binary data (a PNG image), not a feed'
    >>> describe_unknown("<!DOCTYPE html><html><body>Hi</body></html>")
    'an HTML page, not a feed'
    """
    if isinstance(head, bytes):
        for signature, kind in _BINARY_KINDS:
            if head.startswith(signature):
                return f"binary data ({kind}), not a feed"
        if _is_binary(head):
            return "binary data, not a feed"
    text = _as_text(head)
    stripped = text.lstrip("\ufeff \t\r\n\f\v")
    if not text:
        return "empty file"
    if not stripped:
        return "empty file (only whitespace)"
    if _HTML_RE.match(stripped):
        return "an HTML page, not a feed"
    if stripped.startswith(("{", "[")):
        if looks_like_sources(stripped):
            return (
                "the link archive's sources.json (its list of feeds), not entries: "
                "scmpfeeds.read() names each article's outlet from it"
            )
        return "JSON data, not entries (no 'link', 'entries' or 'date_published' key)"
    return "unknown format: not RSS, JSON entries, a markdown dump or a bilingual digest"


def _resolve(
    source: Source, format: Format | None, encoding: str | None = None
) -> tuple[Format, Source]:
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        return format, source
    if isinstance(source, str):
        check_not_a_path(source)
    elif isinstance(source, os.PathLike) and os.path.isdir(source):
        raise IsADirectoryError(
            errno.EISDIR,
            "is a directory; scmpfeeds.read() reads every file in a directory",
            os.fspath(source),
        )
    head, source = peek(source)
    found = detect_format(_as_text(head, encoding) if encoding else head)
    if found is None:
        raise ParseError(describe_unknown(head), source=source_name(source))
    return found, source


def parse(
    source: Source,
    *,
    strict: bool = False,
    format: Format | None = None,
    encoding: str | None = None,
    cst_as_china: bool = False,
) -> Feed | Digest:
    """Parse *source* with the parser for its format, detected from its content.

    Returns a :class:`Feed` for RSS, JSON entries and markdown dumps and a
    :class:`Digest` for digests; ``format`` skips the detection.  A document of
    no known format raises :class:`ParseError` that says what it is instead (an
    empty file, binary data, an HTML page).  A ``str`` is the document itself: a
    path or a URL is refused (pass :class:`pathlib.Path`; scmpfeeds never
    fetches).  To read a directory or a glob, use :func:`scmpfeeds.read`.

    *cst_as_china* reads the zone name ``CST`` as China Standard Time (+08:00)
    rather than US Central Time, wherever a date names its zone (RSS's
    ``pubDate``; the other formats give numeric offsets).
    """
    found, source = _resolve(source, format, encoding)
    if found == "rss":
        return parse_rss(source, strict=strict, encoding=encoding, cst_as_china=cst_as_china)
    if found == "markdown":
        return parse_markdown_dump(source, strict=strict, encoding=encoding)
    if found == "json":
        return parse_json_entries(source, strict=strict, encoding=encoding)
    return parse_bilingual_digest(source, strict=strict, encoding=encoding)


def iter_articles(
    source: Source,
    *,
    strict: bool = False,
    format: Format | None = None,
    on_problem: Report | None = None,
    encoding: str | None = None,
    cst_as_china: bool = False,
) -> Iterator[Article]:
    """Yield the articles of *source*, whatever its format.

    RSS, JSON entries and markdown dumps are streamed; a digest is read whole
    (its sections must be cross-checked) and its articles are then yielded.
    Problems go to *on_problem*, or are emitted as :class:`ParseWarning`.
    *cst_as_china* is as for :func:`parse`.
    """
    report = on_problem or warn_problem
    found, source = _resolve(source, format, encoding)
    yield from _articles(found, source, strict, report, encoding, cst_as_china)


def _articles(
    found: Format,
    source: Source,
    strict: bool,
    report: Report,
    encoding: str | None,
    cst_as_china: bool = False,
) -> Iterator[Article]:
    """The articles of a document whose format is known (for :func:`iter_articles`
    and :func:`scmpfeeds.read_file`, which detects the format itself)."""
    if found == "rss":
        return iter_rss(
            source, strict=strict, on_problem=report, encoding=encoding, cst_as_china=cst_as_china
        )
    if found == "markdown":
        return iter_markdown_dump(source, strict=strict, on_problem=report, encoding=encoding)
    if found == "json":
        return iter_json_entries(source, strict=strict, on_problem=report, encoding=encoding)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ParseWarning)
        digest = parse_bilingual_digest(source, strict=strict, encoding=encoding)
    for problem in digest.problems:
        report(problem)
    return iter(digest.articles)

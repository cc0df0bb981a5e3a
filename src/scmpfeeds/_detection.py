"""Which format a document is, from its first kilobytes; and what it is when it is none.

The base of :mod:`scmpfeeds.detect` (which parses), kept apart so that every parser
can say, when it is handed another format, what it was handed.

Detection looks at the start of the document only, by the rules that
:mod:`scmpfeeds.detect` lists.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

from ._archive import looks_like_sources

__all__ = [
    "FORMATS",
    "Format",
    "describe_unknown",
    "detect_format",
    "looks_like_entries",
    "wrong_format",
]

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
# Archives of many files are not read as one document: the hint says what to do.
_UNPACK = "; unpack it and read its folder"
_TAR_MAGIC = (257, b"ustar")  # (POSIX and GNU tar headers alike)
_BINARY_KINDS = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", f"a zip archive{_UNPACK}"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_SIGNATURES = tuple(signature for signature, _ in _BINARY_KINDS)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
# Every byte but the control bytes that text does not hold: what translate() deletes
# to leave those to be counted.
_NOT_COUNTED = bytes(b for b in range(256) if b >= 32 or b in _TEXT_CONTROLS)


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
    if signed_kind(head) is not None:
        return None  # (an archive of files, an image...: never one document, whatever it holds)
    if isinstance(head, bytes) and head.lstrip(b" \t\r\n").startswith((b"# Source", b"## ")):
        return "markdown"  # (what the text would show, found without decoding it)
    text = _as_text(head).lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return None if _HTML_RE.match(text) else "rss"
    text = text.replace("\r\n", "\n")
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
        # UTF-16 without a byte order mark has a zero byte beside every ASCII one
        # (and UTF-32 two), at one parity far more than at the other, in one
        # character of ten at least; NUL bytes of binary data fall at both alike.
        pairs = head[: len(head) - len(head) % 2]
        zeros_even, zeros_odd = pairs[0::2].count(0), pairs[1::2].count(0)
        most, least = max(zeros_even, zeros_odd), min(zeros_even, zeros_odd)
        if most * 2 >= len(pairs) * 0.1 and least <= most * 0.6:
            return False
    # Binary data has control bytes (NUL among them) in one byte of ten; text a
    # stray one or two.
    controls = len(head.translate(None, _NOT_COUNTED))  # (the counted ones are left)
    return controls * 10 > len(head)


def signed_kind(head: str | bytes) -> str | None:
    """What *head* is by a file signature of its own (a zip or tar archive, an
    image...), or None.  Such a file is not a document even where a document's
    text shows inside it (a zip or tar of dumps stores them as they are)."""
    if not isinstance(head, bytes):
        return None
    if head.startswith(_TAR_MAGIC[1], _TAR_MAGIC[0]):
        return f"a tar archive{_UNPACK}"
    if not head.startswith(_SIGNATURES):
        return None
    for signature, kind in _BINARY_KINDS:
        if head.startswith(signature):
            return kind
    return None


def binary_kind(head: str | bytes) -> str | None:
    """What *head* is if it is not text: ``"only NUL bytes"`` (``/dev/zero``),
    ``"binary data (a PNG image)"``, ``"binary data"``; None for text.

    >>> binary_kind(bytes(8192)), binary_kind(b"<rss/>")
    ('only NUL bytes', None)
    """
    if isinstance(head, str):
        return "only NUL bytes" if head and not head.strip("\x00") else None
    if head and not head.strip(b"\x00"):
        return "only NUL bytes"
    if (kind := signed_kind(head)) is not None:
        return f"binary data ({kind})"
    return "binary data" if _is_binary(head) else None


def describe_unknown(head: str | bytes) -> str:
    """Say what a document of no known format is instead, as an error message.

    >>> describe_unknown(b"")
    'empty file'
    >>> describe_unknown(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    'binary data (a PNG image), not a feed'
    >>> describe_unknown("<!DOCTYPE html><html><body>Hi</body></html>")
    'an HTML page, not a feed'
    """
    if (binary := binary_kind(head)) is not None:
        return f"{binary}, not a feed"
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


# In the first kilobytes of a document: a key that JSON entries have.
_ENTRY_KEY_RE = re.compile(r'"(?:link|entries|date_published|description)"\s*:')


def looks_like_entries(head: str) -> bool:
    """Whether a document's first kilobytes look like JSON entries."""
    text = head.lstrip("\ufeff \t\n\r")
    return text[:1] in ("[", "{") and _ENTRY_KEY_RE.search(text) is not None


#: What each format is called, and which function reads it.
_WHAT = {
    "rss": ("an RSS feed", "parse_rss"),
    "markdown": ("a markdown dump", "parse_markdown_dump"),
    "digest": ("a bilingual digest", "parse_bilingual_digest"),
    "json": ("JSON entries", "parse_json_entries"),
}


def wrong_format(head: str | bytes, expected: Format) -> str | None:
    """The message for a document of another known format than *expected*, or for
    binary data, or None."""
    if (message := not_text(head, expected)) is not None:
        return message
    found = detect_format(head)
    if found is None or found == expected:
        return None
    what, reader = _WHAT[found]
    return (
        f"this is {what}, not {_WHAT[expected][0]}: {reader}() reads it "
        "(scmpfeeds.parse() detects the format)"
    )


def not_text(head: str | bytes, expected: Format) -> str | None:
    """The message for binary data given as *expected*, or None (also for a head
    that a format's own start shows is text, whatever bytes follow)."""
    binary = binary_kind(head)
    if binary is not None and binary != "only NUL bytes" and detect_format(head) is not None:
        return None
    return None if binary is None else f"{binary}, not {_WHAT[expected][0]}"

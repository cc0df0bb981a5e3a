"""A dump's usual blocks, read on the fast path (the twin of ``_compiled/markdown_dump.pyx``).

:func:`blocks` reads a run of blocks of the usual shape (:data:`_FAST_BLOCK_RE`,
with usual values) and stops at the first unit that is not one, which the
reader (``markdown_dump/_reader.py``) then reads its careful way.  :func:`scan`
and :func:`link_parts` are the parts the compiled twin does its own way, as the
reference gives them (its tests hold the two to each other).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from .._dates import ISO_WHOLE
from .._ids import tracking_only, url_and_id
from .._model import Article, _unchecked_article
from ..markdown_dump._grammar import (
    _FAST_BLOCK_RE,
    _TEMPLATE_FEEDS,
    _extra_lines,
    _tidy_summary,
)

__all__ = ["blocks", "link_parts", "scan", "summary_and_newlines", "usual_article"]


def blocks(
    reader: Any, text: str, pos: int, end: int, lineno: int, out: list[Article]
) -> tuple[int, int]:
    """Append the articles of the usual blocks of ``text[pos:end]`` (which starts on
    line *lineno*) to *out*, from *pos* on; return ``(pos, lineno)`` of the first
    unit that is not one (or of *end*)."""
    fast = _FAST_BLOCK_RE.match
    while pos < end:
        match = fast(text, pos, end)
        if match is None:
            break
        summary, newlines = summary_and_newlines(match)
        article = usual_article(reader, match, summary, lineno)
        if article is None:
            break
        out.append(article)
        lineno += newlines
        pos = match.end()
    return pos, lineno


def summary_and_newlines(match: re.Match[str]) -> tuple[str, int]:
    """A usual-shape block's summary, and how many lines the block spans."""
    stop = match.end()
    more, line, lines = match.group(7, 8, 9)
    # Lines in the block: the title and three meta lines, the other meta lines,
    # then the blank lines around the summary and the summary's own.
    newlines = 3 + stop - match.end(6) - len(more) + more.count("\n")
    if line is not None:  # a summary of one line
        return line, newlines - len(line)
    if lines:
        return _tidy_summary(lines), newlines + lines.count("\n") - len(lines)
    return "", newlines


def usual_article(reader: Any, match: re.Match[str], summary: str, lineno: int) -> Article | None:
    """The article of a usual-shape block whose values are usual too (a title, a date
    :meth:`datetime.fromisoformat` reads with its offset, meta lines of known
    keys); else None, for the reader's careful path."""
    title, link, url, article_id, feed, date, more = match.group(1, 2, 3, 4, 5, 6, 7)
    extra: tuple[tuple[str, str], ...] | None = ()
    if more and (extra := _extra_lines(more)) is None:
        return None  # a field of its own
    try:
        published = datetime.fromisoformat(date)
    except ValueError:
        return None
    if not title or published.tzinfo is None or len(date) > ISO_WHOLE:
        return None  # (longer than ISO_WHOLE: seconds in its offset)
    if (
        article_id is None
        or url.count("/article/") > 1  # (the ID is the last /article/ one)
        or (len(url) != len(link) and not tracking_only(link[len(url) :]))
    ):
        url, found_id = url_and_id(link)
    else:
        found_id = int(article_id)
    section = reader.section
    return _unchecked_article(
        title=title, link=link, url=url, id=found_id, summary=summary, published=published,
        feed_url=section.url if feed in _TEMPLATE_FEEDS else feed,
        feed_title=section.name, language=section.language,
        extra=extra or (), source=reader.source, lineno=lineno,
    )  # fmt: skip


def scan(text: str, pos: int, end: int) -> tuple[tuple[str | None, ...], int] | None:
    """The usual-shape block at *pos*, as ``(match.groups(), match.end())``; None if
    there is none."""
    match = _FAST_BLOCK_RE.match(text, pos, end)
    return None if match is None else (match.groups(), match.end())


def link_parts(link: str) -> tuple[str, int | None]:
    """What a dump's link becomes, ``(url, id)``."""
    return url_and_id(link)

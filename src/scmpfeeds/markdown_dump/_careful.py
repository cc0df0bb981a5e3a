"""The careful path: a block read line by line, every rule checked, every problem named."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date as date_type
from datetime import datetime

import attrs

from .._dates import parse_iso_datetime
from .._ids import url_and_id
from .._model import Article
from ._grammar import (
    _DATE_COLUMN,
    _DATE_KEY,
    _DIGEST_DATE_KEY,
    _FEED_KEY,
    _FIRST_META_RE,
    _KEY_VALUE_RE,
    _LINK_RE,
    _LINK_TEXT,
    _META_RE,
    _TEMPLATE_FEEDS,
    _URL_RE,
    _ZH_KEYS,
    _BlockProblem,
    _Section,
)

#: How the careful path reports a field it could not read, the article kept:
#: ``warn(message, lineno, colno)``.  In strict mode it raises.
Warn = Callable[[str, int, int], None]


def _make_article(
    *,
    title: str,
    link: str | None,
    link_text: str | None,
    feed: str | None,
    date: str | None,
    summary: str,
    extra: list[tuple[str, str]] | None,
    chinese: dict[str, str] | None = None,
    digest_date: str | None = None,
    lineno: int,
    link_line: int,
    date_line: int,
    section: _Section,
    source: str | None,
    warn: Warn,
) -> Article:
    """Check the fields read from one block and build its article.

    A field that is missing or cannot be read costs that field, not the article:
    the article is kept without it and *warn* says what was wrong, and where.
    """
    if link_text is None:
        warn("article has no link line (' - [URL](URL)'); kept without a link", lineno, 1)
        link_text = link = ""
    published, day = _dates(date, digest_date, lineno, date_line, warn)
    if link_text != link:
        extra = [(_LINK_TEXT, link_text), *(extra or ())]  # (the link line comes first)
    link, url, article_id = _link(link)
    return Article(
        title=title,
        link=link,
        url=url,
        id=article_id,
        summary=summary,
        published=published,
        feed_url=section.url if feed is None or feed in _TEMPLATE_FEEDS else feed,
        feed_title=section.name,
        language=section.language,
        extra=tuple(extra) if extra else (),
        title_zh=chinese.get("title_zh") if chinese else None,
        summary_zh=chinese.get("summary_zh") if chinese else None,
        digest_date=day,
        source=source,
        lineno=lineno,
    )


def _dates(
    date: str | None, digest_date: str | None, lineno: int, date_line: int, warn: Warn
) -> tuple[datetime | None, date_type | None]:
    """The publication date and the digest date.

    A block needs one or the other: without either (or with one that cannot be
    read) it is kept without a date, and *warn* says so.  An empty
    `` - date published:`` line says the date is unknown, which is no problem:
    it is how :func:`render_markdown_dump` writes an article without one.
    """
    day = None
    if digest_date is not None:
        try:
            day = date_type.fromisoformat(digest_date)
        except ValueError:
            warn(f"invalid ' - digest date:' value {digest_date!r}; kept without it", lineno, 1)
    if date is None:
        if day is None and digest_date is None:
            warn("article has no ' - date published:' line; kept without a date", lineno, 1)
        return None, day
    if not date:
        return None, day
    try:
        return parse_iso_datetime(date), day
    except ValueError:
        warn(
            f"invalid ' - date published:' value {date!r}; kept without a date",
            date_line,
            _DATE_COLUMN,
        )
        return None, day


def _link(link: str | None) -> tuple[str | None, str | None, int | None]:
    """The link, its canonical URL and its ID (an empty link is none)."""
    if not link:
        return None, None, None
    if _URL_RE.fullmatch(link):
        return (link, *url_and_id(link))
    return link, None, None  # a relative link: kept as given, but it names no page


@attrs.define
class _Meta:
    """What a block's `` - `` lines say, as the careful path reads them."""

    link: str | None = None
    link_text: str | None = None
    feed: str | None = None
    date: str | None = None
    digest_date: str | None = None
    link_line: int = 0
    date_line: int = 0
    extra: list[tuple[str, str]] = attrs.Factory(list)
    chinese: dict[str, str] = attrs.Factory(dict)

    def read(self, content: str, here: int, line: str) -> None:
        """Take one `` - `` line's *content* (the line is *here*)."""
        if link_match := _LINK_RE.fullmatch(content):
            if self.link_text is not None:
                raise _BlockProblem("more than one link line in one article", here)
            self.link_text, self.link, self.link_line = link_match[1], link_match[2].strip(), here
            return
        pair = _KEY_VALUE_RE.fullmatch(content)
        if pair is None:
            raise _BlockProblem(
                f"expected a ' - key: value' or ' - [URL](URL)' line, found {line!r}", here
            )
        key, value = pair[1], pair[2].strip()
        normal = key.lower()
        if normal in (_FEED_KEY, _DATE_KEY) and (self.feed if normal == _FEED_KEY else self.date):
            raise _BlockProblem(f"more than one ' - {key}:' line in one article", here)
        if normal == _FEED_KEY:
            self.feed = value
        elif normal == _DATE_KEY:
            self.date, self.date_line = value, here
        elif normal in _ZH_KEYS and normal not in self.chinese:
            self.chinese[normal] = value
        elif normal == _DIGEST_DATE_KEY and self.digest_date is None:
            self.digest_date = value
        else:
            self.extra.append((key, value))


def _parse_block_lines(
    unit: str, lineno: int, section: _Section, source: str | None, warn: Warn
) -> Article:
    """Read a block line by line (the general path).

    States, in order: the heading and its continuation lines, the run of meta
    lines, then the summary.
    """
    lines = [line.rstrip() for line in unit.split("\n")]
    i = 1
    while i < len(lines) and not _FIRST_META_RE.match(lines[i]):
        i += 1
    title_lines = [lines[0][3:].strip(), *lines[1:i]]
    while len(title_lines) > 1 and not title_lines[-1]:
        title_lines.pop()
    meta = _Meta(link_line=lineno, date_line=lineno)
    while i < len(lines) and (found := _META_RE.match(lines[i])):
        meta.read(found[1], lineno + i, lines[i])
        i += 1
    body = lines[i:]
    while body and not body[-1]:
        body.pop()
    while body and not body[0]:
        body.pop(0)
    return _make_article(
        title="\n".join(title_lines),
        link=meta.link,
        link_text=meta.link_text,
        feed=meta.feed,
        date=meta.date,
        summary="\n".join(body),
        extra=meta.extra,
        chinese=meta.chinese,
        digest_date=meta.digest_date,
        lineno=lineno,
        link_line=meta.link_line,
        date_line=meta.date_line,
        section=section,
        source=source,
        warn=warn,
    )

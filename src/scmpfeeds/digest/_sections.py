"""The pieces of a digest: its head, its entries, its full texts, and their helpers."""

from __future__ import annotations

from datetime import date, datetime

import attrs

from ._patterns import (
    _SLUG_URL_RE,
    _UTM,
)

# -- the full articles -------------------------------------------------------------------


def split_glued_url(line: str) -> tuple[str, str]:
    """Split an article's URL from the first paragraph glued to it.

    >>> split_glued_url("https://www.scmp.com/a/article/1/b-c?utm_source=rss_feedText.")
    ('https://www.scmp.com/a/article/1/b-c?utm_source=rss_feed', 'Text.')
    >>> split_glued_url("https://www.scmp.com/a/article/1/b-cThe text.")
    ('https://www.scmp.com/a/article/1/b-c', 'The text.')
    """
    cut = line.find(_UTM)
    if cut >= 0:
        end = cut + len(_UTM)
    else:
        match = _SLUG_URL_RE.match(line)
        end = match.end() if match else len(line.split(None, 1)[0])
    return line[:end], line[end:].strip()


def _title_lines(lines: list[str], start: int, urls: list[int]) -> tuple[list[int], list[int]]:
    """The indexes, from *start* on, of the articles' title lines, and of stray URL lines.

    A title is a line followed by a URL line; a URL line that is itself the
    previous article's link cannot be a title, and is stray: it stands inside
    an article's text.  *urls* are the indexes of every line that starts with a
    URL (:func:`_url_lines`).
    """
    urls = [k for k in urls if k > start]
    titles: list[int] = []
    stray: list[int] = []
    after = start  # the first index a title may have
    for k in urls:
        if k - 1 >= after:
            titles.append(k - 1)
            after = k + 1
        else:
            stray.append(k)
    return titles, stray


@attrs.define
class _Head:
    """What stands above the overview."""

    masthead: str = ""
    title: str = ""
    day: date | None = None
    published: date | None = None
    minutes: int | None = None
    words: int | None = None
    #: The index of the first line after the metadata line.
    next: int = 0


#: A 摘要 entry: its number, English title, line number, and Chinese title and
#: summary when it has them.  A tuple, as :data:`_FullText` is.
_Entry = tuple[int, str, int, str | None, str | None]


#: A full article: its title, link, line number and paragraphs.  A tuple, which
#: the garbage collector stops tracking once it has seen it holds only strings.
_FullText = tuple[str, str, int, tuple[str, ...]]


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i]:
        i += 1
    return i


def _key(title: str) -> str:
    """Titles compare without regard to runs of whitespace."""
    return " ".join(title.split())


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _long_date(text: str) -> date | None:
    try:
        return datetime.strptime(" ".join(text.replace(",", ", ").split()), "%B %d, %Y").date()
    except ValueError:
        return None

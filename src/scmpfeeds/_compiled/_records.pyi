from datetime import date, datetime
from typing import TypeVar

from scmpfeeds._model import Article, Media

def article(
    *,
    title: str,
    link: str | None,
    url: str | None,
    id: int | None,
    summary: str = "",
    published: datetime | None = None,
    feed_url: str | None = None,
    feed_title: str | None = None,
    language: str | None = None,
    authors: tuple[str, ...] = (),
    media: tuple[Media, ...] = (),
    body: tuple[str, ...] = (),
    title_zh: str | None = None,
    summary_zh: str | None = None,
    digest_date: date | None = None,
    extra: tuple[tuple[str, str], ...] = (),
    source: str | None = None,
    lineno: int | None = None,
) -> Article: ...

_T = TypeVar("_T")

def untracked(record: _T) -> _T: ...

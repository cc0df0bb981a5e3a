"""A downstream project's use of the public API, checked by mypy --strict and pyright.

It is never run; the type checkers read it (``nox -s typecheck``, and
``tests/test_typing.py`` runs pyright on it).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import scmpfeeds
from scmpfeeds import (
    Article,
    Digest,
    DigestEntry,
    Feed,
    Highlight,
    Keep,
    Media,
    ParseError,
    Problem,
    ScmpFeedsError,
    article_id,
    canonical_url,
    dedupe,
    iter_articles,
    iter_markdown_dump,
    iter_rss,
    parse,
    parse_bilingual_digest,
    parse_markdown_dump,
    parse_rss,
    render_bilingual_digest,
    render_markdown_dump,
    render_rss,
)


def titles(feed: Feed) -> list[str]:
    return [article.title for article in feed.articles]


def newest(articles: list[Article]) -> datetime | None:
    dates = [a.published for a in articles if a.published is not None]
    return max(dates) if dates else None


def chinese(digest: Digest) -> list[tuple[str, str | None]]:
    entries: tuple[DigestEntry, ...] = digest.entries
    points: tuple[Highlight, ...] = digest.highlights
    assert len(points) >= 0
    return [(e.title, e.title_zh) for e in entries]


def widths(article: Article) -> list[int | None]:
    images: tuple[Media, ...] = article.images
    return [image.width for image in images]


def read_all(path: Path, keep: Keep = "merge") -> list[Article]:
    result: Feed | Digest = parse(path)
    stream: Iterator[Article] = iter_articles(path)
    merged: list[Article] = dedupe([*result.articles, *stream], keep=keep)
    return merged


def strictly(text: str) -> Feed | None:
    try:
        return parse_markdown_dump(text, strict=True)
    except ParseError as error:
        line: int | None = error.lineno
        column: int | None = error.colno
        print(error.msg, line, column, error.source)
        return None
    except ScmpFeedsError:
        return None


def problems(feed: Feed) -> list[str]:
    found: tuple[Problem, ...] = feed.problems
    return [f"{p.source}:{p.lineno}: {p.message}" for p in found]


def round_trips(path: Path) -> bool:
    feed = parse_rss(path)
    dump: str = render_markdown_dump(feed.articles, title=feed.title, url=feed.url, strict=False)
    rss: bytes = render_rss(feed)
    digest = parse_bilingual_digest(path)
    text: str = render_bilingual_digest(digest)
    return bool(dump and rss and text)


def ids(path: Path) -> list[int | None]:
    found = [article_id(a.link) for a in iter_markdown_dump(path) if a.link is not None]
    found += [a.id for a in iter_rss(path, strict=False)]
    return found


def canonical(links: list[str]) -> set[str]:
    return {canonical_url(link) for link in links}


VERSION: str = scmpfeeds.__version__


def a_folder(folder: Path) -> tuple[list[Article], list[str]]:
    problems: list[Problem] = []
    articles = list(scmpfeeds.read([folder, "archive/**/*.md.gz"], on_problem=problems.append))
    files: list[str] = scmpfeeds.find_files(folder)
    one: Iterator[Article] = scmpfeeds.read_file(files[0], encoding="gb18030")
    articles.extend(one)
    return articles, [str(p) for p in problems]


def plain(feed: Feed, digest: Digest) -> list[dict[str, object]]:
    return [feed.to_dict(), digest.to_dict(), *(p.to_dict() for p in feed.problems)]


def samples() -> Feed | Digest:
    return parse(scmpfeeds.samples.DIGEST, encoding="utf-8")

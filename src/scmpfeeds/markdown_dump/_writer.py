"""``render_markdown_dump``: articles written as a dump that reads back equal."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .._model import Article
from ..errors import RenderError
from ._grammar import (
    _BOUNDARY_RE,
    _DATE_KEY,
    _DIGEST_DATE_KEY,
    _FEED_KEY,
    _FIRST_META_RE,
    _KEY_VALUE_RE,
    _LINK_TEXT,
    _UNIT_START_RE,
    _ZH_KEYS,
)


def _check_line(value: str, what: str, article: Article) -> None:
    if "\n" in value:
        raise RenderError(f"{what} of {article.link!r} contains a line break")


def render_markdown_dump(
    articles: Iterable[Article],
    *,
    title: str | None = None,
    url: str | None = None,
    language: str | None = None,
    lossy: bool = False,
    on_error: Callable[[Article, RenderError], None] | None = None,
) -> str:
    """Write *articles* as a markdown dump that :func:`parse_markdown_dump` reads back.

    A ``# Source`` header is written when *title* or *url* is given.  A digest's
    ``title_zh`` and ``summary_zh`` are written as ``title_zh:`` and
    ``summary_zh:`` metadata lines, and a digest article, which has no
    publication date, gets a ``digest date:`` metadata line instead of
    ``date published:``.

    Raises :class:`RenderError` for what the format cannot hold: an article with
    neither date, an empty title, a summary line that would start a new block,
    line breaks inside a link, a feed URL, a Chinese field or an ``extra`` item;
    and authors, media or body text, which the format has no place for, unless
    ``lossy=True`` leaves them out.  With *on_error*, such an article is left out
    instead, passed to *on_error* with its error, and the rest are written.
    """
    parts: list[str] = []
    if title is not None or url is not None:
        parts.append(f"# Source:{title or ''}, URL:{url or ''}, language:{language or ''}\n\n")
    for article in articles:
        try:
            parts.append(_render_block(article, lossy))
        except RenderError as exc:
            if on_error is None:
                raise
            on_error(article, exc)
    return "".join(parts)


def _render_block(article: Article, lossy: bool) -> str:
    """One article as a block, or :class:`RenderError`."""
    if article.published is None and article.digest_date is None:
        raise RenderError(f"article {article.link!r} has no publication date")
    if not lossy and (article.authors or article.media or article.body):
        raise RenderError(
            f"article {article.link!r} has authors, media or body text, which a "
            "markdown dump cannot hold (pass lossy=True to leave them out)"
        )
    title_lines = article.title.split("\n")
    if (
        not title_lines[0].strip()
        or not title_lines[-1].strip()
        or any(_FIRST_META_RE.match(line) or _BOUNDARY_RE.match(line) for line in title_lines[1:])
    ):
        raise RenderError(f"title of {article.link!r} cannot be written: {article.title!r}")
    summary = article.summary
    if (
        summary.startswith("# Source")
        or "\n# Source" in summary
        or _UNIT_START_RE.search(summary + "\n")
    ):
        raise RenderError(
            f"summary of {article.link!r} has a line that would start a new block or header"
        )
    feed_url = article.feed_url or ""
    link = article.link or ""
    link_text = article.get_extra(_LINK_TEXT) or link
    for value, what in ((link, "link"), (link_text, "link text"), (feed_url, "feed URL")):
        _check_line(value, what, article)
    lines = [
        f"## {article.title}",
        f" - [{link_text}]({link})",
        f" - RSS feed: {feed_url}",
    ]
    if article.published is not None:
        lines.append(f" - date published: {article.published.isoformat()}")
    if article.digest_date is not None:
        lines.append(f" - digest date: {article.digest_date.isoformat()}")
    for key, chinese in (("title_zh", article.title_zh), ("summary_zh", article.summary_zh)):
        if chinese is not None:
            _check_line(chinese, key, article)
            lines.append(f" - {key}: {chinese}")
    for key, value in article.extra:
        if key == _LINK_TEXT:
            continue
        if key.lower() in (
            _FEED_KEY,
            _DATE_KEY,
            _DIGEST_DATE_KEY,
            *_ZH_KEYS,
        ) or not _KEY_VALUE_RE.fullmatch(f"{key}:"):
            raise RenderError(f"extra key {key!r} of {article.link!r} cannot be written")
        _check_line(f"{key}{value}", "extra item", article)
        lines.append(f" - {key}: {value}")
    return "\n".join(lines) + f"\n\n{article.summary}\n\n"

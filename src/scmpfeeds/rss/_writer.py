"""``render_rss``: a :class:`Feed` written as RSS 2.0 that reads back equal."""

from __future__ import annotations

import email.utils
import html
from collections.abc import Callable
from typing import Any

from lxml import etree

from .._model import Article, Feed
from ..errors import RenderError
from ._html import _ENTITY_RE, _TAG_RE, _html_to_text
from ._media import media_kind
from ._vocabulary import (
    _ATOM,
    _ATOM_LINK,
    _CATEGORY,
    _CONTENT,
    _CONTENT_ENCODED,
    _DC,
    _DC_CREATOR,
    _DESCRIPTION_HTML,
    _DIGEST_DATE,
    _EXTRA,
    _EXTRA_ITEM,
    _FEED_URL,
    _GUID,
    _GUID_PERMALINK,
    _KIND,
    _MEDIA_WRITE,
    _SUMMARY_ZH,
    _TITLE_ZH,
)
from ._walk import _split_authors


def _add(parent: Any, tag: str, text: str | None, what: str, **attributes: str) -> Any:
    """Append an element; a text XML cannot carry is a :class:`RenderError`."""
    element = etree.SubElement(parent, tag, attributes)
    try:
        element.text = text
    except ValueError:
        raise RenderError(f"{what} holds characters XML cannot carry: {text!r}") from None
    return element


def render_rss(
    feed: Feed, *, on_error: Callable[[Article, RenderError], None] | None = None
) -> bytes:
    """Write *feed* as RSS 2.0 (UTF-8) that :func:`parse_rss` reads back to an equal feed.

    The channel always has the ``title``, ``link`` and ``description`` that RSS
    2.0 requires; those the feed lacks are written empty (and read back as
    ``None``).  ``Article.extra`` items that RSS has no element for, and a
    digest's Chinese title, summary and date, are written in the
    ``urn:scmpfeeds:extra`` namespace, so nothing is lost on the way.  Dates are
    written in English whatever the locale, as RFC 822 requires.

    Raises :class:`RenderError` for an article RSS cannot hold (fractions of a
    second in a date, characters XML forbids).  With *on_error*, such an article
    is left out instead, passed to *on_error* with its error, and the rest are
    written.
    """
    nsmap = {"atom": _ATOM, "dc": _DC, "media": _MEDIA_WRITE, "content": _CONTENT, "x": _EXTRA}
    rss = etree.Element("rss", version="2.0", nsmap=nsmap)
    channel = etree.SubElement(rss, "channel")
    for tag, value in (
        ("title", feed.title),
        ("link", feed.url),
        ("description", feed.description),
        ("language", feed.language),
    ):
        if value is not None or tag != "language":
            _add(channel, tag, value, f"the feed's {tag}")
    if feed.image_url is not None:
        _add(etree.SubElement(channel, "image"), "url", feed.image_url, "the feed's image URL")
    if feed.self_url is not None:
        etree.SubElement(channel, _ATOM_LINK, href=feed.self_url, rel="self")
    for key, value in feed.extra:
        _add(channel, _EXTRA_ITEM, value, f"the feed's extra item {key!r}", key=key)
    for article in feed.articles:
        item = etree.Element("item")
        try:
            _render_item(item, article)
            if article.feed_url != feed.url:  # RSS gives a feed URL per channel, not per item
                _add(item, _FEED_URL, article.feed_url, f"feed URL of {article.link!r}")
        except RenderError as exc:
            if on_error is None:
                raise
            on_error(article, exc)
            continue
        channel.append(item)
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _render_item(item: Any, article: Article) -> None:
    what = f"article {article.link!r}"
    _add(item, "title", article.title, f"title of {what}")
    if article.title_zh is not None:
        _add(item, _TITLE_ZH, article.title_zh, f"Chinese title of {what}")
    if article.summary_zh is not None:
        _add(item, _SUMMARY_ZH, article.summary_zh, f"Chinese summary of {what}")
    if article.digest_date is not None:
        _add(item, _DIGEST_DATE, article.digest_date.isoformat(), f"digest date of {what}")
    if article.link is not None:
        _add(item, "link", article.link, f"link of {what}")
    if article.published is not None:
        _add(item, "pubDate", _rfc822(article), f"date of {what}")
    for author in article.authors:
        if _split_authors(author) != [author]:
            raise RenderError(f"author {author!r} of {what} would not read back as one name")
        _add(item, _DC_CREATOR, author, f"author of {what}")
    for media in article.media:
        element = etree.SubElement(item, f"{{{_MEDIA_WRITE}}}content", url=media.url)
        for key in ("type", "width", "height", "duration", "medium"):
            if (value := getattr(media, key)) is not None:
                element.set(key, str(value))
        if media_kind(media.url, media.type, media.medium) != media.kind:
            element.set(_KIND, media.kind)
        if media.length is not None:
            etree.SubElement(item, "enclosure", url=media.url, length=media.length)
    if article.body:
        encoded = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in article.body)
        _add(item, _CONTENT_ENCODED, encoded, f"body of {what}")
    # The parser fills extra in element order, so the elements that made these
    # items are written in the order of extra.
    has_html = False
    guid = None
    for key, value in article.extra:
        if key == _GUID:
            guid = _add(item, "guid", value, f"guid of {what}")
        elif key == _GUID_PERMALINK and guid is not None:
            guid.set("isPermaLink", value)
        elif key == _DESCRIPTION_HTML and _html_to_text(value) == article.summary:
            _add(item, "description", value, f"description of {what}")
            has_html = True
        elif key == _CATEGORY:
            _add(item, "category", value, f"category of {what}")
        else:
            _add(item, _EXTRA_ITEM, value, f"extra item {key!r} of {what}", key=key)
    if article.summary and not has_html:
        text = article.summary
        if text != text.strip():
            raise RenderError(f"summary of {what} has surrounding whitespace")
        if _TAG_RE.search(text) or _ENTITY_RE.search(text):
            text = html.escape(text, quote=False)  # so that it reads back as text
        _add(item, "description", text, f"summary of {what}")


def _rfc822(article: Article) -> str:
    published = article.published
    assert published is not None
    offset = published.utcoffset()
    assert offset is not None
    if offset.seconds % 60 or published.microsecond or published.year < 1000:
        raise RenderError(
            f"date of article {article.link!r} cannot be written as an RSS date "
            "(fractions of a second, seconds in the offset, or a year before 1000)"
        )
    # Not strftime: its day and month names follow the locale ("Fr, 07 Jun").
    return email.utils.format_datetime(published)

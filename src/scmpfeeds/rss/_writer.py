"""``render_rss``: a :class:`Feed` written as RSS 2.0 that reads back equal."""

from __future__ import annotations

import email.utils
import html
import re
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from lxml import etree

from .._losses import Losses, OnLoss
from .._model import Article, Feed
from ._html import _ENTITY_RE, _TAG_RE, _html_to_text
from ._media import media_kind
from ._vocabulary import (
    _ATOM,
    _ATOM_LINK,
    _AUTHOR,
    _CATEGORY,
    _CONTENT,
    _CONTENT_ENCODED,
    _DC,
    _DC_CREATOR,
    _DESCRIPTION_HTML,
    _DIGEST_DATE,
    _EXTRA,
    _EXTRA_ITEM,
    _FEED_TITLE,
    _FEED_URL,
    _GUID,
    _GUID_PERMALINK,
    _KIND,
    _LANGUAGE,
    _MEDIA_WRITE,
    _SUMMARY_ZH,
    _TITLE_ZH,
)
from ._walk import _split_authors

# What each kind of loss is called, once per run.
_FRACTIONS = "fractions of a second in dates (written to the second)"
_ODD_OFFSET = "UTC offsets with seconds in dates (written in UTC)"
_CHARACTERS = "characters XML forbids (written as U+FFFD)"
_SPACE = "space around a title, link, summary, guid or category (dropped)"
_REPEATS = "an author or media URL given twice (written once)"
_NO_URL = "media without a URL (left out)"
_BODY = "line breaks, runs of space or empty paragraphs in body text (collapsed)"
_GUID_LINK = "a guid without a link (read back as the link too)"
_EMPTY = "an empty feed URL, feed name or language (read back as none)"

# Characters XML 1.0 cannot carry, even as references.
_NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class _Writer:
    """One run of :func:`render_rss`: the elements, and the losses counted on the way."""

    def __init__(self, losses: Losses) -> None:
        self.losses = losses
        self.article: Article | None = None

    def lose(self, what: str) -> None:
        if self.article is not None:
            self.losses.add(what, self.article)

    def text(self, value: str | None) -> str | None:
        """*value* as XML can carry it."""
        if value is not None and _NOT_XML_RE.search(value):
            self.lose(_CHARACTERS)
            return _NOT_XML_RE.sub("\ufffd", value)
        return value

    def add(self, parent: Any, tag: str, text: str | None, **attributes: str) -> Any:
        """Append an element with *text*."""
        element = etree.SubElement(
            parent, tag, {key: self.text(value) or "" for key, value in attributes.items()}
        )
        element.text = self.text(text)
        return element

    def stripped(self, value: str) -> str:
        """A value the reader strips: the same, or a loss."""
        if value != value.strip():
            self.lose(_SPACE)
        return value


def channel_of(articles: Iterable[Article], description: str | None = None) -> Feed:
    """A feed to write *articles* in: the feed they all came from (its name, URL and
    language), else a list made by scmpfeeds whose items each name their own."""
    articles = tuple(articles)
    feeds = {(a.feed_url, a.feed_title, a.language) for a in articles}
    url, title, language = feeds.pop() if len(feeds) == 1 else (None, None, None)
    return Feed(
        title=title or "Articles read by scmpfeeds",
        url=url,
        language=language,
        description=description or f"{len(articles)} article(s), written by scmpfeeds",
        articles=articles,
    )


def render_rss(
    feed: Feed | Iterable[Article], *, strict: bool = False, on_loss: OnLoss | None = None
) -> bytes:
    """Write *feed* as RSS 2.0 (UTF-8) that :func:`parse_rss` reads back to an equal feed.

    *feed* may also be articles (a list, a :class:`~scmpfeeds.Digest`): their
    channel is the feed they all came from, or else a list made by scmpfeeds
    whose items each name their own feed (RSS 2.0 requires a channel title,
    link and description; the command line's ``-t rss`` writes the same).

    Every article is written.  The channel always has the ``title``, ``link`` and
    ``description`` that RSS 2.0 requires; those the feed lacks are written empty
    (and read back as ``None``).  What RSS has no element for is written in the
    ``urn:scmpfeeds:extra`` namespace, so nothing is lost on the way:
    ``Article.extra`` items, a digest's Chinese title, summary and date, an
    author whose name holds a comma, and an article's feed URL, feed name and
    language where they differ from the channel's.  Dates are written in English
    whatever the locale, as RFC 822 requires.

    What RSS cannot hold (fractions of a second in a date, characters XML
    forbids) does not cost the article: it is written as nearly as RSS allows,
    and each kind of loss is said once, at the end, to *on_loss* (by default as
    a :class:`~scmpfeeds.RenderWarning`) with the number of articles it touched.
    ``strict=True`` raises :class:`~scmpfeeds.RenderError` at the first loss instead.
    """
    if not isinstance(feed, Feed):
        given: object = feed
        if not isinstance(given, Iterable) or isinstance(given, (str, bytes)):
            raise TypeError(f"render_rss() takes a Feed or articles, not {type(given).__name__}")
        feed = channel_of(feed)
    losses = Losses("RSS", strict=strict, on_loss=on_loss)
    writer = _Writer(losses)
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
            writer.add(channel, tag, value)
    if feed.image_url is not None:
        writer.add(etree.SubElement(channel, "image"), "url", feed.image_url)
    if feed.self_url is not None:
        etree.SubElement(channel, _ATOM_LINK, href=writer.text(feed.self_url) or "", rel="self")
    for key, value in feed.extra:
        writer.add(channel, _EXTRA_ITEM, value, key=key)
    for article in feed.articles:
        writer.article = article
        item = etree.SubElement(channel, "item")
        _render_item(writer, item, article)
        for tag, own, channel_value in (
            (_FEED_URL, article.feed_url, feed.url),
            (_FEED_TITLE, article.feed_title, feed.title),
            (_LANGUAGE, article.language, feed.language),
        ):  # RSS gives these per channel, not per item: ours where they differ
            if own == "":
                writer.lose(_EMPTY)
            if own != channel_value:
                writer.add(item, tag, own)
    losses.report()
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _render_item(writer: _Writer, item: Any, article: Article) -> None:
    add = writer.add
    add(item, "title", writer.stripped(article.title))
    if article.title_zh is not None:
        add(item, _TITLE_ZH, article.title_zh)
    if article.summary_zh is not None:
        add(item, _SUMMARY_ZH, article.summary_zh)
    if article.digest_date is not None:
        add(item, _DIGEST_DATE, article.digest_date.isoformat())
    if article.link is not None:
        add(item, "link", writer.stripped(article.link))
        if not article.link.strip():
            writer.lose(_SPACE)
    elif article.get_extra(_GUID):
        writer.lose(_GUID_LINK)
    if article.published is not None:
        add(item, "pubDate", _rfc822(writer, article.published))
    if len(set(article.authors)) < len(article.authors):
        writer.lose(_REPEATS)
    for author in article.authors:
        # dc:creator is split on commas and " and ", and stripped: those names are ours.
        tag = _DC_CREATOR if _split_authors(author) == [author] else _AUTHOR
        add(item, tag, author)
    _render_media(writer, item, article)
    if article.body:
        if any(not p or p != " ".join(p.split()) for p in article.body):
            writer.lose(_BODY)
        encoded = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in article.body)
        add(item, _CONTENT_ENCODED, encoded)
    # The parser fills extra in element order, so the elements that made these
    # items are written in the order of extra.
    has_html = False
    guid = None
    for key, value in article.extra:
        if key == _GUID:
            guid = add(item, "guid", writer.stripped(value))
        elif key == _GUID_PERMALINK and guid is not None:
            guid.set("isPermaLink", writer.text(value) or "")
        elif key == _DESCRIPTION_HTML and _html_to_text(value) == article.summary:
            add(item, "description", value)
            has_html = True
        elif key == _CATEGORY:
            add(item, "category", writer.stripped(value))
        else:
            add(item, _EXTRA_ITEM, value, key=key)
    if article.summary and not has_html:
        text = writer.stripped(article.summary)
        if _TAG_RE.search(text) or _ENTITY_RE.search(text):
            text = html.escape(text, quote=False)  # so that it reads back as text
        add(item, "description", text)


def _render_media(writer: _Writer, item: Any, article: Article) -> None:
    seen: set[str] = set()
    for media in article.media:
        url = media.url.strip()
        if not url:
            writer.lose(_NO_URL)
            continue
        if url != media.url:
            writer.lose(_SPACE)
        if url in seen:
            writer.lose(_REPEATS)
        seen.add(url)
        attributes = {"url": url}
        for key in ("type", "width", "height", "duration", "medium"):
            if (value := getattr(media, key)) is not None:
                attributes[key] = str(value)
        if media_kind(url, media.type, media.medium) != media.kind:
            attributes[_KIND] = media.kind
        writer.add(item, f"{{{_MEDIA_WRITE}}}content", None, **attributes)
        if media.length is not None:
            writer.add(item, "enclosure", None, url=url, length=media.length)


def _rfc822(writer: _Writer, published: datetime) -> str:
    """An RFC 822 date, in English whatever the locale (not strftime: its day and
    month names follow the locale), to the second, with a whole-minute offset."""
    offset = published.utcoffset()
    assert offset is not None  # (articles hold aware dates only)
    if published.microsecond:
        writer.lose(_FRACTIONS)
        published = published.replace(microsecond=0)
    if offset.seconds % 60 or offset.microseconds:
        writer.lose(_ODD_OFFSET)
        published = published.astimezone(timezone.utc)
    return email.utils.format_datetime(published)

"""The records every format parses into.

All classes are frozen, slotted attrs classes with keyword-only arguments and
tuples inside, so they are hashable, cheap, and safe to share between threads
and processes (they pickle).

Provenance (``source`` and ``lineno``) takes no part in equality or hashing: the
same story read from two files compares equal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import attrs

from ._ids import article_id, canonical_url

__all__ = ["Article", "Feed", "Image", "Problem"]


def _aware(instance: object, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    if value is not None and value.utcoffset() is None:
        raise ValueError(f"{attribute.name} must be a timezone-aware datetime, got {value!r}")


@attrs.frozen(kw_only=True)
class Image:
    """An image attached to an article (RSS ``enclosure`` or ``media:content``)."""

    url: str
    type: str | None = None
    width: int | None = None
    height: int | None = None
    #: The enclosure's ``length`` attribute exactly as given.  SCMP fills it with
    #: the image width, not a size in bytes, so it is kept as text.
    length: str | None = None
    medium: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the image as JSON-ready plain data."""
        return {
            "url": self.url,
            "type": self.type,
            "width": self.width,
            "height": self.height,
            "length": self.length,
            "medium": self.medium,
        }


@attrs.frozen(kw_only=True)
class Article:
    """One story, whichever format it came from.

    ``url`` and ``id`` default to values computed from ``link``: the canonical
    URL (see :func:`canonical_url`) and the SCMP article ID (see
    :func:`article_id`).
    """

    title: str
    #: The link exactly as the input gave it.
    link: str
    url: str = attrs.field()
    id: int | None = attrs.field()
    summary: str = ""
    published: datetime | None = attrs.field(default=None, validator=_aware)
    feed_url: str | None = None
    authors: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    body: tuple[str, ...] = ()
    title_zh: str | None = None
    summary_zh: str | None = None
    #: Metadata the format carries that has no field of its own, in input order.
    extra: tuple[tuple[str, str], ...] = ()
    #: Where the article was read: the source's name (a path) and the line of
    #: its first line.  Not part of equality or hashing.
    source: str | None = attrs.field(default=None, eq=False)
    lineno: int | None = attrs.field(default=None, eq=False)

    @url.default
    def _url_from_link(self) -> str:
        return canonical_url(self.link)

    @id.default
    def _id_from_link(self) -> int | None:
        return article_id(self.link)

    @property
    def summary_truncated(self) -> bool:
        """Whether the summary was cut short by the publisher (it ends in ``...`` or ``…``).

        SCMP's RSS cuts descriptions this way; the text is never extended.
        """
        return self.summary.endswith(("...", "…"))

    def get_extra(self, key: str) -> str | None:
        """Return the first value stored under *key* in :attr:`extra`, or ``None``."""
        for k, v in self.extra:
            if k == key:
                return v
        return None

    def to_dict(self) -> dict[str, Any]:
        """Return the article as JSON-ready plain data (dates in ISO 8601).

        ``extra`` becomes a list of ``[key, value]`` pairs, so repeated keys and
        their order survive.
        """
        return {
            "id": self.id,
            "url": self.url,
            "link": self.link,
            "title": self.title,
            "summary": self.summary,
            "published": None if self.published is None else self.published.isoformat(),
            "feed_url": self.feed_url,
            "authors": list(self.authors),
            "images": [image.to_dict() for image in self.images],
            "body": list(self.body),
            "title_zh": self.title_zh,
            "summary_zh": self.summary_zh,
            "extra": [[k, v] for k, v in self.extra],
            "source": self.source,
            "lineno": self.lineno,
        }


@attrs.frozen(kw_only=True)
class Problem:
    """Something in the input that could not become part of the result.

    A lenient parse reports each problem instead of raising; ``text`` holds the
    raw block it concerns, so nothing is lost.
    """

    lineno: int | None
    message: str
    text: str = ""
    colno: int | None = None
    source: str | None = None

    def __str__(self) -> str:
        where = self.source or "<input>"
        line = "" if self.lineno is None else f"{self.lineno}:"
        return f"{where}:{line} {self.message}"


@attrs.frozen(kw_only=True)
class Feed:
    """A parsed feed: its own metadata, its articles and the problems met."""

    title: str | None = None
    #: The feed's URL (a markdown dump's header ``URL:``, RSS's channel ``<link>``).
    url: str | None = None
    language: str | None = None
    description: str | None = None
    #: RSS only: the channel's ``<image><url>``.
    image_url: str | None = None
    #: RSS only: the ``atom:link rel="self"`` address the feed gives for itself.
    self_url: str | None = None
    #: Channel metadata without a field of its own, in input order.
    extra: tuple[tuple[str, str], ...] = ()
    articles: tuple[Article, ...] = ()
    problems: tuple[Problem, ...] = ()
    source: str | None = attrs.field(default=None, eq=False)


def _make_unchecked_article_factory() -> Callable[..., Article]:
    """Build a constructor for parsers' hot paths that skips ``Article.__init__``.

    attrs' frozen ``__init__`` looks ``object.__setattr__`` up and takes every
    field by keyword; for a parser that builds hundreds of thousands of articles
    that is a large share of its time.  This one takes every field positionally,
    in declaration order, and writes the slots through their descriptors.
    Callers must pass what ``__init__`` would accept (an aware ``published``);
    ``tests/test_model.py`` checks that both build equal articles.
    """
    new = Article.__new__
    (
        set_title,
        set_link,
        set_url,
        set_id,
        set_summary,
        set_published,
        set_feed_url,
        set_authors,
        set_images,
        set_body,
        set_title_zh,
        set_summary_zh,
        set_extra,
        set_source,
        set_lineno,
    ) = (getattr(Article, field.name).__set__ for field in attrs.fields(Article))

    def unchecked_article(
        title: str,
        link: str,
        url: str,
        id: int | None,
        summary: str,
        published: datetime | None,
        feed_url: str | None,
        authors: tuple[str, ...],
        images: tuple[Image, ...],
        body: tuple[str, ...],
        title_zh: str | None,
        summary_zh: str | None,
        extra: tuple[tuple[str, str], ...],
        source: str | None,
        lineno: int | None,
    ) -> Article:
        article = new(Article)
        set_title(article, title)
        set_link(article, link)
        set_url(article, url)
        set_id(article, id)
        set_summary(article, summary)
        set_published(article, published)
        set_feed_url(article, feed_url)
        set_authors(article, authors)
        set_images(article, images)
        set_body(article, body)
        set_title_zh(article, title_zh)
        set_summary_zh(article, summary_zh)
        set_extra(article, extra)
        set_source(article, source)
        set_lineno(article, lineno)
        return article

    return unchecked_article


_unchecked_article = _make_unchecked_article_factory()


def _unchecked_image(
    url: str,
    type: str | None,
    width: int | None,
    height: int | None,
    length: str | None,
    medium: str | None,
) -> Image:
    """Build an :class:`Image` without ``__init__``, as :func:`_unchecked_article` does."""
    image = _new_image(Image)
    _set_image_url(image, url)
    _set_image_type(image, type)
    _set_image_width(image, width)
    _set_image_height(image, height)
    _set_image_length(image, length)
    _set_image_medium(image, medium)
    return image


_new_image = Image.__new__
(
    _set_image_url,
    _set_image_type,
    _set_image_width,
    _set_image_height,
    _set_image_length,
    _set_image_medium,
) = (getattr(Image, field.name).__set__ for field in attrs.fields(Image))

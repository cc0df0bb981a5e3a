"""The records every format parses into.

All classes are frozen, slotted attrs classes with keyword-only arguments and
tuples inside, so they are hashable, cheap, and safe to share between threads
and processes (they pickle).

Provenance (``source`` and ``lineno``) takes no part in equality or hashing: the
same story read from two files compares equal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any, Literal

import attrs

from ._dates import from_isoformat
from ._ids import article_id, link_url

__all__ = ["Article", "Feed", "Media", "MediaKind", "Problem", "short"]

# How much of a text a repr shows.
_REPR_TEXT = 60


def short(text: str | None, limit: int = _REPR_TEXT) -> str:
    """*text* as a repr, cut to about *limit* characters with an ellipsis.

    Records print in one short line (a notebook cell of 50 articles stays
    readable); ``to_dict()`` has everything.
    """
    if text is None:
        return "None"
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return repr(text)


def _aware(instance: object, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    if value is not None and value.utcoffset() is None:
        raise ValueError(f"{attribute.name} must be a timezone-aware datetime, got {value!r}")


class _MediaSlots:
    """Where a :class:`Media`'s fields live (see :class:`_ArticleSlots`)."""

    __slots__ = (  # noqa: RUF023 (field order, as Media declares them)
        "url",
        "kind",
        "type",
        "width",
        "height",
        "duration",
        "length",
        "medium",
        "__weakref__",
    )


#: What a :class:`Media` is.
MediaKind = Literal["image", "video", "audio", "other"]


@attrs.frozen(kw_only=True, repr=False)
class Media(_MediaSlots):
    """An image, a video or other media attached to an article.

    RSS gives media as ``enclosure``, ``media:content`` and ``media:thumbnail``;
    entries for one URL are merged into one record.  ``kind`` comes from Media
    RSS's ``medium``, else the MIME ``type``, else the URL's file extension.
    """

    url: str
    kind: MediaKind = "image"
    type: str | None = None
    width: int | None = None
    height: int | None = None
    #: Seconds, from Media RSS's ``duration``.
    duration: int | None = None
    #: The enclosure's ``length`` attribute exactly as given.  RSS says it is a
    #: size in bytes; SCMP fills it with the width for an image and the duration
    #: in seconds for a video, so it is kept as text and never interpreted.
    length: str | None = None
    medium: str | None = None

    def __repr__(self) -> str:
        size = "" if self.width is None else f" {self.width}x{self.height or '?'}"
        seconds = "" if self.duration is None else f" {self.duration}s"
        return f"<Media {self.kind} {short(self.url)}{size}{seconds}>"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Media:
        """The media :meth:`to_dict` gave."""
        return cls(**{key: data[key] for key in _MEDIA_FIELDS if key in data})

    def to_dict(self) -> dict[str, Any]:
        """Return the media as JSON-ready plain data."""
        return {
            "url": self.url,
            "kind": self.kind,
            "type": self.type,
            "width": self.width,
            "height": self.height,
            "duration": self.duration,
            "length": self.length,
            "medium": self.medium,
        }


class _ArticleSlots:
    """Where an :class:`Article`'s fields live.

    attrs reuses slots it finds on a base class, so :class:`Article` adds none
    of its own and has exactly this layout.  That is what lets
    :func:`_unchecked_article` fill a plain object of this class and then make
    it an ``Article``.  The names must be Article's fields, in order
    (``tests/test_model.py`` checks).
    """

    __slots__ = (  # noqa: RUF023 (field order, as Article declares them)
        "title",
        "link",
        "url",
        "id",
        "summary",
        "published",
        "feed_url",
        "feed_title",
        "language",
        "authors",
        "media",
        "body",
        "title_zh",
        "summary_zh",
        "digest_date",
        "extra",
        "source",
        "lineno",
        "__weakref__",
    )


@attrs.frozen(kw_only=True, repr=False)
class Article(_ArticleSlots):
    """One story, whichever format it came from.

    ``url`` and ``id`` default to values computed from ``link``: the canonical
    URL (see :func:`canonical_url`) and the SCMP article ID (see
    :func:`article_id`).

    Its repr is one short line (ID, date, the title cut short); :meth:`to_dict`
    gives every field.
    """

    title: str
    #: The link exactly as the input gave it; ``None`` when it gave none (RSS makes
    #: every item element optional; some dumps have an empty ``[]()`` link).
    link: str | None = None
    #: The canonical URL; ``None`` when the link is missing or not an absolute URL.
    url: str | None = attrs.field()
    id: int | None = attrs.field()
    summary: str = ""
    published: datetime | None = attrs.field(default=None, validator=_aware)
    #: The feed the article was published in (a feed's URL, as the input gives it).
    feed_url: str | None = None
    #: The name of the outlet or feed it came from, as the input names it: a markdown
    #: dump's ``# Source:`` header, an RSS channel's ``<title>``, the link archive's
    #: ``sources.json`` (``China - South China Morning Post``).
    feed_title: str | None = None
    #: The language the input declares for the article, as written (``en``,
    #: ``en-US``, ``pl-PL``): its feed's, or its own in JSON entries.
    language: str | None = None
    authors: tuple[str, ...] = ()
    #: Images, videos and other media, in input order (see :attr:`images`, :attr:`videos`).
    media: tuple[Media, ...] = ()
    body: tuple[str, ...] = ()
    title_zh: str | None = None
    summary_zh: str | None = None
    #: The date of the digest the article was read from.  Digest articles carry
    #: no date of their own, so ``published`` stays ``None`` and this is the best
    #: date they have; it is kept apart so the two are never confused.  ``None``
    #: for articles of the other formats.
    digest_date: date | None = None
    #: Metadata the format carries that has no field of its own, in input order.
    extra: tuple[tuple[str, str], ...] = ()
    #: Where the article was read: the source's name (a path) and the line of
    #: its first line.  Not part of equality or hashing.
    source: str | None = attrs.field(default=None, eq=False)
    lineno: int | None = attrs.field(default=None, eq=False)

    @url.default
    def _url_from_link(self) -> str | None:
        return link_url(self.link)

    @id.default
    def _id_from_link(self) -> int | None:
        return None if self.link is None else article_id(self.link)

    def __repr__(self) -> str:
        if self.published is None and self.digest_date is not None:
            when = f"digest_date={self.digest_date.isoformat()}"
        else:
            when = f"published={None if self.published is None else self.published.isoformat()}"
        return f"<Article id={self.id} {when} title={short(self.title)}>"

    @property
    def images(self) -> tuple[Media, ...]:
        """The article's images (its :attr:`media` of kind ``"image"``)."""
        return tuple(m for m in self.media if m.kind == "image")

    @property
    def videos(self) -> tuple[Media, ...]:
        """The article's videos (its :attr:`media` of kind ``"video"``)."""
        return tuple(m for m in self.media if m.kind == "video")

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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """The article :meth:`to_dict` gave: the inverse of ``to_dict``, so a line of
        the command line's JSON Lines, parsed with :func:`json.loads`, becomes the
        article it was written from.

        >>> article = Article(title="T", link="https://www.scmp.com/a/article/1/b")
        >>> Article.from_dict(article.to_dict()) == article
        True
        """
        fields: dict[str, Any] = {k: v for k, v in data.items() if k in _PLAIN_FIELDS}
        if published := data.get("published"):
            fields["published"] = from_isoformat(published)
        if day := data.get("digest_date"):
            fields["digest_date"] = date.fromisoformat(day)
        for name in ("authors", "body"):
            fields[name] = tuple(data.get(name) or ())
        fields["media"] = tuple(Media.from_dict(m) for m in data.get("media") or ())
        fields["extra"] = tuple((key, value) for key, value in data.get("extra") or ())
        return cls(**fields)

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
            "feed_title": self.feed_title,
            "language": self.language,
            "authors": list(self.authors),
            "media": [media.to_dict() for media in self.media],
            "body": list(self.body),
            "title_zh": self.title_zh,
            "summary_zh": self.summary_zh,
            "digest_date": None if self.digest_date is None else self.digest_date.isoformat(),
            "extra": [[k, v] for k, v in self.extra],
            "source": self.source,
            "lineno": self.lineno,
        }


# The fields from_dict takes as they are.
_PLAIN_FIELDS = frozenset(
    (
        "title",
        "link",
        "url",
        "id",
        "summary",
        "feed_url",
        "feed_title",
        "language",
        "title_zh",
        "summary_zh",
        "source",
        "lineno",
    )
)
_MEDIA_FIELDS = ("url", "kind", "type", "width", "height", "duration", "length", "medium")


@attrs.frozen(kw_only=True, repr=False)
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

    def __repr__(self) -> str:
        return f"<Problem {short(str(self), 120)}>"

    def to_dict(self) -> dict[str, Any]:
        """Return the problem as JSON-ready plain data."""
        return {
            "source": self.source,
            "lineno": self.lineno,
            "colno": self.colno,
            "message": self.message,
            "text": self.text,
        }


@attrs.frozen(kw_only=True, repr=False)
class Feed:
    """A parsed feed: its own metadata, its articles and the problems met.

    Its repr gives the title and the counts; :meth:`to_dict` gives everything.
    """

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

    def __repr__(self) -> str:
        return (
            f"<Feed title={short(self.title)} articles={len(self.articles)} "
            f"problems={len(self.problems)}>"
        )

    def __len__(self) -> int:
        """How many articles the feed holds: ``len(feed)``."""
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        """The feed's articles: ``for article in feed``, ``to_pandas(feed)``, ``list(feed)``."""
        return iter(self.articles)

    def to_dict(self) -> dict[str, Any]:
        """Return the feed, its articles and its problems as JSON-ready plain data."""
        return {
            "title": self.title,
            "url": self.url,
            "language": self.language,
            "description": self.description,
            "image_url": self.image_url,
            "self_url": self.self_url,
            "extra": [[k, v] for k, v in self.extra],
            "articles": [article.to_dict() for article in self.articles],
            "problems": [problem.to_dict() for problem in self.problems],
            "source": self.source,
        }


# -- the parsers' constructors ---------------------------------------------------------
#
# A frozen attrs class refuses attribute assignment, so its ``__init__`` (and any
# other way in) writes each field through ``object.__setattr__`` or a slot
# descriptor: about 50 ns a field, most of the cost of a parser's hot loop.  The
# parsers instead fill a plain object with the same slots (plain attribute stores
# are several times faster), then give it its class.  Python allows that
# ``__class__`` assignment because the two layouts are identical.  Callers must
# pass what ``__init__`` would accept (an aware ``published``); the constructors
# skip its validation.  ``tests/test_model.py`` checks that both ways build equal
# objects.

_new_article = _ArticleSlots.__new__
_new_media = _MediaSlots.__new__


def _unchecked_article(
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
) -> Article:
    """Build an :class:`Article` from its fields, by keyword (the compiled twin is
    ``_compiled/_records.pyx``: ``article``, with the same names and defaults)."""
    article: Any = _new_article(_ArticleSlots)
    article.title = title
    article.link = link
    article.url = url
    article.id = id
    article.summary = summary
    article.published = published
    article.feed_url = feed_url
    article.feed_title = feed_title
    article.language = language
    article.authors = authors
    article.media = media
    article.body = body
    article.title_zh = title_zh
    article.summary_zh = summary_zh
    article.digest_date = digest_date
    article.extra = extra
    article.source = source
    article.lineno = lineno
    article.__class__ = Article
    return article  # type: ignore[no-any-return]


def _unchecked_media(
    *,
    url: str,
    kind: MediaKind,
    type: str | None = None,
    width: int | None = None,
    height: int | None = None,
    duration: int | None = None,
    length: str | None = None,
    medium: str | None = None,
) -> Media:
    """Build a :class:`Media` the way :func:`_unchecked_article` builds articles."""
    media: Any = _new_media(_MediaSlots)
    media.url = url
    media.kind = kind
    media.type = type
    media.width = width
    media.height = height
    media.duration = duration
    media.length = length
    media.medium = medium
    media.__class__ = Media
    return media  # type: ignore[no-any-return]

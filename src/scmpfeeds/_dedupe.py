"""Dedupe articles: one record per story, across every format and every file
(see :func:`dedupe` for the identity rule)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

from . import _implementation
from ._model import Article, Media

__all__ = ["Keep", "Key", "article_key", "dedupe", "merge_articles"]

#: Which record stands for a key; see the module documentation.
Keep = Literal["first", "merge", "last"]


#: What articles are deduplicated by (see the module documentation).
Key = int | str | tuple[str, ...]


def _linkless_key(article: Article) -> tuple[str, ...]:
    guid = article.get_extra("guid")
    if guid:
        return ("guid", article.feed_url or "", guid)
    when = "" if article.published is None else article.published.isoformat()
    return ("title", article.title, when, article.link or "")


def article_key(article: Article) -> Key:
    """The key articles are deduplicated by: the SCMP ID, else the canonical URL,
    else the feed and ``guid``, else the title, date and link (see the module
    documentation)."""
    if article.id is not None:
        return article.id
    return article.url if article.url is not None else _linkless_key(article)


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return first + tuple(x for x in second if x not in first) if second else first


def _union_pairs(
    first: tuple[tuple[str, str], ...], second: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    return first + tuple(x for x in second if x not in first) if second else first


def _merge_media(first: tuple[Media, ...], second: tuple[Media, ...]) -> tuple[Media, ...]:
    """Media unioned by URL; for one URL, each attribute from the first that has it."""
    if not second:
        return first
    merged = {media.url: media for media in first}
    for media in second:
        known = merged.get(media.url)
        if known is None:
            merged[media.url] = media
        elif known != media:
            merged[media.url] = Media(
                url=media.url,
                kind=known.kind,
                type=known.type if known.type is not None else media.type,
                width=known.width if known.width is not None else media.width,
                height=known.height if known.height is not None else media.height,
                duration=known.duration if known.duration is not None else media.duration,
                length=known.length if known.length is not None else media.length,
                medium=known.medium if known.medium is not None else media.medium,
            )
    return tuple(merged.values())


def merge_articles(first: Article, second: Article) -> Article:
    """Combine two records of one story into the richest record; *first* came first.

    The rule, field by field:

    * ``summary`` and ``body``: the longer one (the first, when equally long), so
      that a full summary wins over one the feed cut short;
    * ``authors``, ``media`` and ``extra``: unioned without repeats, the first's
      items first (an image's missing attributes are filled from later records);
    * every other field (``title``, ``link``, ``url``, ``id``, ``published``,
      ``feed_url``, ``feed_title``, ``language``, ``title_zh``, ``summary_zh``,
      ``digest_date``): the first non-empty value, so a conflict between two
      different titles goes to the record that came first;
    * provenance (``source``, ``lineno``): the first record's.

    Each rule picks by order alone, so ``merge_articles`` is associative.
    """
    if first is second or first == second:
        return first
    return attrs.evolve(
        first,
        title=first.title or second.title,
        link=first.link or second.link,
        url=first.url or second.url,
        id=first.id if first.id is not None else second.id,
        summary=first.summary if len(first.summary) >= len(second.summary) else second.summary,
        published=first.published if first.published is not None else second.published,
        feed_url=first.feed_url or second.feed_url,
        feed_title=first.feed_title or second.feed_title,
        language=first.language or second.language,
        authors=_union(first.authors, second.authors),
        media=_merge_media(first.media, second.media),
        body=first.body if len(first.body) >= len(second.body) else second.body,
        title_zh=first.title_zh or second.title_zh,
        summary_zh=first.summary_zh or second.summary_zh,
        digest_date=first.digest_date if first.digest_date is not None else second.digest_date,
        extra=_union_pairs(first.extra, second.extra),
    )


def dedupe(articles: Iterable[Article], *, keep: Keep = "merge") -> list[Article]:
    """Return *articles* with one record per story, each where it first appeared.

    **The identity rule.**  Two records are the same story when they have the same
    key, and the key of an article is, in this order:

    1. its SCMP article ID (:attr:`~Article.id`), when its link is an SCMP article
       link: SCMP moves a story between sections and changes its slug, but never
       its ID, so the ID alone decides and the rest of the link is not compared;
    2. else its canonical URL (:attr:`~Article.url`, see
       :func:`~scmpfeeds.canonical_url`): the link less what does not choose the
       page (``http`` or ``https``, the case of the host, a default port, and the
       tracking parameters of :data:`~scmpfeeds.TRACKING_PARAMETERS` such as
       ``utm_source``).  The rest of the query and the fragment are part of the key:
       ``watch?v=AAA`` and ``watch?v=BBB`` are two videos, ``item?id=1`` and
       ``item?id=2`` two threads;
    3. else, for an article with no absolute link (none at all, ``[]()``, or a
       relative one), its RSS ``guid`` with the feed it came from (a guid is unique
       within its feed only): ``("guid", feed_url, guid)``;
    4. else its title, publication date and link as given:
       ``("title", title, date, link)``.

    Keys of different kinds never collide.  So dedupe never merges two articles
    whose links differ in more than tracking parameters unless they share an SCMP
    ID, and a merge only ever joins records of one story.

    Each key appears once, where it first appeared.  ``keep`` says which record
    stands for it:

    * ``"first"`` / ``"last"`` — the first or the last record with that key;
    * ``"merge"`` (the default) — all of them combined into the richest record by
      :func:`~scmpfeeds.merge_articles`.

    The merge is associative and depends only on the order of the records, never on
    how they were grouped: ``dedupe(dedupe(a) + dedupe(b)) == dedupe(a + b)``.  That
    is what lets it run as a distributed reduction (see :mod:`scmpfeeds.dask`).

    >>> from scmpfeeds import Article
    >>> rss = Article(title="T", link="https://www.scmp.com/a/article/1/x", authors=("A",))
    >>> dump = Article(title="T", link="https://www.scmp.com/a/article/1/x?utm_source=rss",
    ...                summary="The full summary.")
    >>> [(a.id, a.authors, a.summary) for a in dedupe([rss, dump])]
    [(1, ('A',), 'The full summary.')]
    """
    if keep not in ("first", "merge", "last"):
        raise ValueError(f"keep must be 'first', 'merge' or 'last', not {keep!r}")
    # A dict keeps each key where it was first inserted, even when its value is
    # replaced later: that gives "each key where it first appeared" for free.
    kept: dict[Key, Article] = {}
    if keep == "first":
        for article in articles:
            key: Key = article_key(article) if article.id is None else article.id
            if key not in kept:
                kept[key] = article
    elif keep == "last":
        for article in articles:
            kept[article_key(article) if article.id is None else article.id] = article
    else:  # (the twin chosen: see scmpfeeds._implementation)
        merged: list[Article] = _implementation.dedupe.merged(
            articles, article_key, merge_articles, Article
        )
        return merged
    return list(kept.values())

"""``dedupe(keep="merge")``'s loop (the twin of ``_compiled/dedupe.pyx``)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from .._model import Article

__all__ = ["merged"]


def merged(
    articles: Iterable[Article],
    article_key: Callable[[Article], Hashable],
    merge_articles: Callable[[Article, Article], Article],
    article_class: type[Article],
) -> list[Article]:
    """*articles* with each story once, where it first appeared, its repeats merged
    into it by *merge_articles*; stories are told apart by their SCMP ID, else by
    *article_key*.  (*article_class* lets the compiled twin compare records of
    that class field by field; here ``==`` does.)"""
    # A dict keeps each key where it was first inserted, even when its value is
    # replaced later: that gives "each key where it first appeared" for free.
    kept: dict[Hashable, Article] = {}
    get = kept.get
    for article in articles:
        key = article_key(article) if article.id is None else article.id
        earlier = get(key)
        if earlier is None:
            kept[key] = article
        # Most repeats are equal records; "not a == b" tests that without the
        # extra call of attrs' __ne__ (which only calls __eq__).
        elif earlier is not article and not earlier == article:  # noqa: SIM201
            kept[key] = merge_articles(earlier, article)
    return list(kept.values())
